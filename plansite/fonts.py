"""The PDF fonts: where they live, a fingerprint of them for caches, and
which characters they cannot show.

Kept apart from the PDF writer so that caches and the data check can use them
without loading the writer; Typst itself is imported only when a font set is
actually opened.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError

if TYPE_CHECKING:
    import typst

FONT_FAMILY = "Noto Sans CJK TC"
MISSING_FONT = "找不到 Noto Sans CJK TC 字型，請安裝 Debian 套件 fonts-noto-cjk"
PDF_STANDARDS: list[str] = ["a-2a", "ua-1"]
"""What the PDFs conform to; the glyph probe checks under the same rules."""
# The file names of the Noto Sans CJK collection in Debian's fonts-noto-cjk and its peers.
FONT_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJKtc-Regular.otf")
# Where fonts-noto-cjk (Debian/Ubuntu) and its peers on other systems put the
# collection; searched in order before a slower walk of the font roots.
FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/opentype/noto-cjk"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-sans-cjk-fonts"),
    Path("/usr/share/fonts/google-noto-cjk"),
)
FONT_ROOTS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
# Fallbacks for characters Noto Sans CJK lacks, in order: 全字庫正楷體 with its
# CJK Extension B and Plus planes (rare names), DejaVu Sans (Hebrew, Arabic,
# symbols) and Noto Color Emoji. Debian packages fonts-cns11643-kai,
# fonts-dejavu-core and fonts-noto-color-emoji; each is used only if present.
FALLBACK_FONTS = (
    (Path("/usr/share/fonts/truetype/cns11643"), ("TW-Kai", "TW-Kai-Ext-B", "TW-Kai-Plus")),
    (Path("/usr/share/fonts/truetype/dejavu"), ("DejaVu Sans",)),
    (Path("/usr/share/fonts/truetype/noto"), ("Noto Color Emoji",)),
)


@cache
def font_fingerprint() -> str:
    """Names and sizes of every font file the PDFs may use: changes when fonts are added or removed."""
    digest = hashlib.sha256()
    for folder in (*FONT_DIRS, *(folder for folder, _families in FALLBACK_FONTS)):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.is_file():
                    digest.update(f"{path}\0{path.stat().st_size}\0".encode())
    return digest.hexdigest()


class FontError(OutputError):
    """The CJK font the PDFs embed is not installed."""


@functools.cache
def find_font_dir() -> Path:
    """The folder holding Noto Sans CJK (fonts-noto-cjk); FontError when absent."""
    for folder in FONT_DIRS:
        if any((folder / name).is_file() for name in FONT_FILES):
            return folder
    for found in _walk_font_roots():
        return found.parent
    raise FontError(MISSING_FONT)


def _walk_font_roots() -> Iterator[Path]:
    for root in FONT_ROOTS:
        if not root.is_dir():
            continue
        for name in FONT_FILES:
            yield from sorted(root.rglob(name))


@functools.lru_cache(maxsize=4)
def typst_fonts(font_dir: str) -> typst.Fonts:
    """Only the CJK font's folder and the fixed fallback folders (no system or
    bundled fonts), so builds do not depend on what else happens to be installed."""
    import typst

    fallback_dirs = [str(folder) for folder, _families in FALLBACK_FONTS if folder.is_dir()]
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[font_dir, *fallback_dirs])
    if FONT_FAMILY not in fonts.families():
        raise FontError(f"{MISSING_FONT}（已搜尋 {font_dir}）")
    return fonts


@functools.cache
def pdf_font_families() -> tuple[str, ...]:
    """The CJK font, then the fallbacks that are installed, in order."""
    import typst

    folders = [str(folder) for folder, _families in FALLBACK_FONTS if folder.is_dir()]
    present = set(typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=folders).families()) if folders else set()
    return (FONT_FAMILY, *(family for _folder, families in FALLBACK_FONTS for family in families if family in present))


# -- which characters the PDF fonts cannot show

_PROBE_TEMPLATE = b"""#set document(title: "glyph probe")
#set text(font: json(bytes(sys.inputs.fonts)), lang: "zh", region: "tw")
#for character in json(bytes(sys.inputs.characters)) [#character ]
"""
_MISSING_GLYPH = re.compile(r'the text `"((?:[^"\\]|\\.)+)"` could not be displayed')
_TYPST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]+)\}|\\(.)")


def unprintable_characters(characters: Iterable[str]) -> set[str]:
    """Characters no PDF font has a glyph for: PDF/A forbids them, so the data check reports them."""
    import typst

    wanted = sorted({character for character in characters if not character.isspace()})
    if not wanted:
        return set()
    inputs = {"fonts": json.dumps(list(pdf_font_families())), "characters": json.dumps(wanted, ensure_ascii=False)}
    try:
        typst.compile(
            _PROBE_TEMPLATE,
            font_paths=typst_fonts(str(find_font_dir())),  # exactly the PDFs' fonts: no system or bundled ones
            ignore_system_fonts=True,
            sys_inputs=inputs,
            pdf_standards=PDF_STANDARDS,
        )
    except typst.TypstError as error:
        text = f"{error.message}\n{error.diagnostic}"
        found = {_unescape_typst(match) for match in _MISSING_GLYPH.findall(text)}
        if not found:
            raise OutputError(f"無法檢查 PDF 字型涵蓋的字元：{error.message}") from error
        return {character for piece in found for character in piece}
    return set()


def _unescape_typst(text: str) -> str:
    return _TYPST_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)) if match.group(1) else match.group(2), text)
