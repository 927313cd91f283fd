"""PDF downloads of a plan (whole or one facet), typeset by Typst.

The plan is turned into display strings with presentation.py, the same words
the web pages show, and handed to the Typst template as one JSON document in
`sys.inputs`. The template places those strings as text values only, so plan
text is never read as Typst markup whatever characters it holds.

The output is PDF/A-2a and PDF/UA-1 (tagged, titled, zh-TW), embeds Noto Sans
CJK TC from the system's fonts-noto-cjk package (with a fixed list of Debian
fallback fonts for rare characters, see FALLBACK_FONTS) and never looks at
other system fonts, and takes its dates from `generated_at` only: the same
input gives a byte-identical file.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from itertools import groupby
from pathlib import Path
from typing import Any

import typst

from ..errors import OutputError
from ..fonts import FALLBACK_FONTS, FONT_DIRS, FONT_FAMILY, FONT_FILES, FONT_ROOTS
from ..model import Action, Facet, Heading, Office, Plan, SourceState, Strategy, SubStrategy
from ..outline.wording import (
    EDITOR_NOTE,
    UNSTATED,
    departments_label,
    heading_label,
    marked_pieces,
    number_range,
    period_label,
    roc_date,
    section_label,
    text_pieces,
)

WRITER_VERSION = "3"
"""Bump when pdf.py or pdf_template.typ change the output for the same input (it is part of the cache key)."""

PDF_STANDARDS: list[str] = ["a-2a", "ua-1"]
MISSING_FONT = "找不到 Noto Sans CJK TC 字型，請安裝 Debian 套件 fonts-noto-cjk"

TEMPLATE = "pdf_template.typ"
# Characters of an action's text, sub-items and note above which its table row may split across pages.
UNSPLIT_ROW_LIMIT = 600
TABLE_HEADERS = ["編號", "具體作法", "承辦部門", "執行期間"]
UNNUMBERED = "（未編號）"
PAGE_LABEL = "第 {page} 頁，共 {pages} 頁"

log = logging.getLogger(__name__)

# One Typst compiler per thread (a compiler is not meant for concurrent use),
# reused so the template is parsed once; the font set is shared. Typst releases
# the GIL while it typesets, so downloads render in parallel threads.
_THREAD_STATE = threading.local()

Block = dict[str, Any]
Runs = list[list[str]]
"""Text as [piece, style] pairs; style is plain, gap, inferred or muted."""


class PdfFontError(OutputError):
    """The CJK font the PDFs embed is not installed."""


class PdfRenderError(OutputError):
    """Typst could not typeset the document."""


def render_pdf(plan: Plan, office: Office, generated_at: datetime, facet: Facet | None = None) -> bytes:
    """The whole plan, or one facet of it, as PDF/A-2a + PDF/UA-1 bytes."""
    if generated_at.tzinfo is None:
        raise ValueError("generated_at must be timezone-aware (UTC from SOURCE_DATE_EPOCH)")
    stamp = generated_at.astimezone(UTC).replace(microsecond=0)
    document = pdf_document(plan, office, stamp, facet)
    return _compile(json.dumps(document, ensure_ascii=False, separators=(",", ":")), stamp, document["meta"]["title"])


def pdf_document(plan: Plan, office: Office, generated_at: datetime, facet: Facet | None = None) -> dict[str, Any]:
    """The JSON document the template lays out: metadata, labels and blocks of display strings."""
    if facet is None:
        doc_title, blocks = plan.title, _whole_plan_blocks(plan)
    else:
        doc_title, blocks = f"{heading_label(facet.heading)}｜{plan.title}", _facet_file_blocks(plan, facet)
    return {
        "meta": {
            "title": doc_title,
            "author": office.name,
            "date": [generated_at.year, generated_at.month, generated_at.day, generated_at.hour, generated_at.minute, generated_at.second],
        },
        "font": [FONT_FAMILY, *_fallback_families()],
        "labels": {"note": f"{EDITOR_NOTE}：", "page": PAGE_LABEL},
        "title": plan.title,
        "header": doc_title,
        "blocks": blocks,
    }


# -- document outlines


def _whole_plan_blocks(plan: Plan) -> list[Block]:
    """壹 to 陸 in the source's order; sections are level 1, so facets sit at 2."""
    blocks = _front_matter(plan)
    blocks += [_heading(1, section_label(plan.basis_heading)), _numbered((item.number, item.text, None) for item in plan.basis)]
    blocks.append(_heading(1, section_label(plan.goals_heading)))
    blocks += [_paragraph(_plain(text)) for text in plan.goals]
    blocks += [_heading(1, section_label(plan.targets_heading)), _numbered((item.number, item.text, item.note) for item in plan.targets)]
    blocks.append(_heading(1, section_label(plan.execution_heading)))
    if plan.category:
        blocks.append(_paragraph(_plain(section_label(plan.category))))
    for facet in plan.facets:
        blocks += _facet_blocks(facet, level=2)
    blocks += [_heading(1, section_label(plan.steps_heading)), _numbered((item.number, item.text, item.note) for item in plan.steps)]
    # The closing clause (陸) is printed in the source as a top-level heading line.
    blocks.append(_heading(1, f"{plan.closing.number or ''}{plan.closing.text}"))
    if plan.closing.note:
        blocks.append(_note(plan.closing.note))
    return blocks


def _facet_file_blocks(plan: Plan, facet: Facet) -> list[Block]:
    context = f"本檔為「{plan.title}」中「{section_label(plan.execution_heading)}」的第 {facet.position} 個面向。"
    return [_paragraph(_plain(context)), *_front_matter(plan), *_facet_blocks(facet, level=1)]


def _front_matter(plan: Plan) -> list[Block]:
    blocks = [_facts(plan)]
    if plan.source_note:
        blocks.append(_note(plan.source_note))
    return blocks


def _facts(plan: Plan) -> Block:
    def when(value: date | None) -> str:
        return roc_date(value) if value is not None else UNSTATED

    items = [
        ["訂定機關", plan.office],
        ["年度", f"民國 {plan.roc_year} 年度"],
        ["發布日期", when(plan.published)],
        ["最近修正日期", when(plan.amended)],
    ]
    return {"kind": "facts", "items": items}


def _facet_blocks(facet: Facet, level: int) -> list[Block]:
    blocks = [_heading(level, heading_label(facet.heading)), *_heading_note(facet.heading)]
    for strategy in facet.strategies:
        blocks += _strategy_blocks(strategy, level + 1)
    return blocks


def _strategy_blocks(strategy: Strategy, level: int) -> list[Block]:
    blocks = [_heading(level, heading_label(strategy.heading)), *_heading_note(strategy.heading)]
    for substrategy, actions in strategy.action_groups():
        if substrategy is None:
            blocks.append(_action_table(strategy.heading, actions))
        else:
            blocks += _substrategy_blocks(substrategy, level + 1)
    return blocks


def _substrategy_blocks(substrategy: SubStrategy, level: int) -> list[Block]:
    heading = substrategy.heading
    label = heading_label(heading) if heading.number or heading.title else "具體作法"
    # Sub-strategies stay out of the bookmarks: facets and strategies are enough to find one's way.
    blocks = [_heading(level, label, bookmarked=False), *_heading_note(heading)]
    blocks.append(_action_table(heading, substrategy.actions))
    return blocks


def _heading_note(heading: Heading) -> list[Block]:
    return [_note(heading.note)] if heading.note else []


# -- the action table


def _action_table(parent: Heading, actions: tuple[Action, ...]) -> Block:
    rows: list[dict[str, Any]] = []
    # A run of missing actions is one gap row, not a row of identical notices each.
    for is_missing, run in groupby(actions, key=lambda action: action.source is SourceState.MISSING):
        run_actions = list(run)
        rows += [_missing_row(run_actions)] if is_missing else [_action_row(action) for action in run_actions]
    return {"kind": "actions", "caption": f"{heading_label(parent)}的具體作法", "headers": TABLE_HEADERS, "rows": rows}


def _action_row(action: Action) -> dict[str, Any]:
    length = len(action.text or "") + sum(len(item.text) for item in action.subitems) + len(action.note or "")
    return {
        "span": False,
        # Kept whole on a page unless it may not fit on one (about 40 lines of the text column).
        "breakable": length > UNSPLIT_ROW_LIMIT,
        "number": _number_runs(action.number),
        "text": _text_runs(action),
        "subitems": [{"number": item.number or "", "text": item.text, "note": None} for item in action.subitems],
        "notes": [action.note] if action.note else [],
        "departments": _marked(departments_label(action)),
        "period": _marked(period_label(action)),
    }


def _missing_row(actions: list[Action]) -> dict[str, Any]:
    return {
        "span": True,
        "breakable": False,
        "number": _number_runs(number_range(actions)),
        "text": _text_runs(actions[0]),
        "subitems": [],
        "notes": [action.note for action in actions if action.note],
        "departments": None,
        "period": None,
    }


def _text_runs(action: Action) -> Runs:
    return [[piece, "gap" if is_gap else "plain"] for piece, is_gap in text_pieces(action)]


def _marked(label: str) -> Runs:
    """Departments or period, with gap and inference markers styled as on the web pages."""
    return [[text, kind] for text, kind in marked_pieces(label)]


def _number_runs(number: str | None) -> Runs:
    return _plain(number) if number else [[UNNUMBERED, "muted"]]


# -- small blocks


def _heading(level: int, text: str, bookmarked: bool = True) -> Block:
    return {"kind": "heading", "level": level, "text": text, "bookmarked": bookmarked}


def _paragraph(runs: Runs) -> Block:
    return {"kind": "paragraph", "runs": runs}


def _note(text: str) -> Block:
    return {"kind": "note", "text": text}


def _numbered(items: Iterable[tuple[str | None, str, str | None]]) -> Block:
    return {"kind": "numbered", "items": [{"number": number or "", "text": text, "note": note} for number, text, note in items]}


def _plain(text: str) -> Runs:
    return [[text, "plain"]]


# -- Typst


def _compile(data: str, stamp: datetime, title: str) -> bytes:
    compiler = _compiler(str(find_font_dir()))
    try:
        pdf, warnings = compiler.compile_with_warnings(format="pdf", sys_inputs={"data": data}, pdf_standards=PDF_STANDARDS, timestamp=stamp)
    except typst.TypstError as error:
        raise PdfRenderError(f"PDF 排版失敗（{title}）：{error.message}\n{error.diagnostic}") from error
    for warning in warnings:
        log.warning("PDF 排版提醒（%s）：%s", title, warning.message)
    assert isinstance(pdf, bytes)
    return pdf


def _compiler(font_dir: str) -> typst.Compiler:
    compilers: dict[str, typst.Compiler] = _THREAD_STATE.__dict__.setdefault("compilers", {})
    if font_dir not in compilers:
        # The template goes in as a path: typst 0.15.2 forgets template bytes
        # after the first compile ("file not found ... __typst_py_bytes__.typ").
        template = _template_path()
        compilers[font_dir] = typst.Compiler(template, root=str(template.parent), font_paths=_fonts(font_dir), ignore_system_fonts=True)
    return compilers[font_dir]


@functools.lru_cache(maxsize=4)
def _fonts(font_dir: str) -> typst.Fonts:
    # Only the CJK font's folder and the fixed fallback folders are scanned (no
    # system or bundled fonts), so builds do not depend on what else happens to
    # be installed.
    fallback_dirs = [str(folder) for folder, _families in FALLBACK_FONTS if folder.is_dir()]
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[font_dir, *fallback_dirs])
    if FONT_FAMILY not in fonts.families():
        raise PdfFontError(f"{MISSING_FONT}（已搜尋 {font_dir}）")
    return fonts


@functools.cache
def _fallback_families() -> tuple[str, ...]:
    folders = [str(folder) for folder, _families in FALLBACK_FONTS if folder.is_dir()]
    present = set(typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=folders).families()) if folders else set()
    return tuple(family for _folder, families in FALLBACK_FONTS for family in families if family in present)


def _template_path() -> Path:
    template = Path(__file__).with_name(TEMPLATE)
    if not template.is_file():
        raise PdfRenderError(f"找不到 PDF 版面檔 {template}（應隨 plansite 套件一併安裝）")
    return template


@functools.cache
def find_font_dir() -> Path:
    """The folder holding Noto Sans CJK (fonts-noto-cjk); PdfFontError when absent."""
    for folder in FONT_DIRS:
        if any((folder / name).is_file() for name in FONT_FILES):
            return folder
    for found in _walk_font_roots():
        return found.parent
    raise PdfFontError(MISSING_FONT)


def _walk_font_roots() -> Iterator[Path]:
    for root in FONT_ROOTS:
        if not root.is_dir():
            continue
        for name in FONT_FILES:
            yield from sorted(root.rglob(name))


# -- which characters the PDF fonts cannot show

_PROBE_TEMPLATE = b"""#set document(title: "glyph probe")
#set text(font: json(bytes(sys.inputs.fonts)), lang: "zh", region: "tw")
#for character in json(bytes(sys.inputs.characters)) [#character ]
"""
_MISSING_GLYPH = re.compile(r'the text `"((?:[^"\\]|\\.)+)"` could not be displayed')
_TYPST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]+)\}|\\(.)")


def unprintable_characters(characters: Iterable[str]) -> set[str]:
    """Characters no PDF font has a glyph for: PDF/A forbids them, so the data check reports them."""
    wanted = sorted({character for character in characters if not character.isspace()})
    if not wanted:
        return set()
    families = [FONT_FAMILY, *_fallback_families()]
    inputs = {"fonts": json.dumps(families), "characters": json.dumps(wanted, ensure_ascii=False)}
    try:
        typst.compile(
            _PROBE_TEMPLATE,
            font_paths=_fonts(str(find_font_dir())),  # exactly the PDFs' fonts: no system or bundled ones
            ignore_system_fonts=True,
            sys_inputs=inputs,
            pdf_standards=PDF_STANDARDS,
        )
    except typst.TypstError as error:
        text = f"{error.message}\n{error.diagnostic}"
        found = {_unescape_typst(match) for match in _MISSING_GLYPH.findall(text)}
        if not found:
            raise PdfRenderError(f"無法檢查 PDF 字型涵蓋的字元：{error.message}") from error
        return {character for piece in found for character in piece}
    return set()


def _unescape_typst(text: str) -> str:
    return _TYPST_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)) if match.group(1) else match.group(2), text)
