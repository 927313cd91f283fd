"""Where the PDF fonts live, and a fingerprint of them for caches.

Kept apart from the PDF writer so caches can check the fonts without loading Typst.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

FONT_FAMILY = "Noto Sans CJK TC"
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
