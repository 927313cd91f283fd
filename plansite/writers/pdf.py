"""PDF downloads of a plan (whole or one facet), typeset by Typst.

Renders the shared outline (plansite/outline/document.py), the same words the
web pages show, handed to the Typst template as one JSON document in
`sys.inputs`. The template places those strings as text values only, so plan
text is never read as Typst markup whatever characters it holds.

The output is PDF/A-2a and PDF/UA-1 (tagged, titled, zh-TW), embeds Noto Sans
CJK TC from the system's fonts-noto-cjk package (with a fixed list of Debian
fallback fonts for rare characters, see plansite/fonts.py) and never looks at
other system fonts, and takes its dates from `generated_at` only: the same
input gives a byte-identical file.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typst

from ..errors import OutputError
from ..fonts import PDF_STANDARDS, find_font_dir, pdf_font_families, typst_fonts
from ..model import Facet, Office, Plan
from ..outline import wording
from ..outline.blocks import ActionRow, ActionTable, Block, Document, Facts, GapRow, Heading, Note, NumberedList, Paragraph, Runs, runs_text
from ..outline.document import facet_document, plan_document

TEMPLATE = "pdf_template.typ"


# -- room on the page (pdf_template.typ: A4, 2 cm side margins, 10.5 pt text,
# table columns 5.8 em | 1fr | 7.6 em | 5.4 em with 4 pt padding each side).
# Counted in characters as wide as an ideograph (1 em): Latin letters, digits
# and punctuation are narrower, so a line holds at least this many.


@dataclass(frozen=True)
class Column:
    line_chars: int
    """Characters that always fit on one line (used to foresee a table cell's height)."""
    run_limit: int
    """Longest run of characters without a break opportunity that surely fits on a line (longer ones the template measures)."""


PAGE = Column(line_chars=44, run_limit=24)  # 46 em of body text; the 18 pt title has 26 em
NUMBER_COLUMN = Column(line_chars=5, run_limit=4)
TEXT_COLUMN = Column(line_chars=24, run_limit=20)  # 26 em, less a sub-item's number
DEPARTMENTS_COLUMN = Column(line_chars=6, run_limit=6)
PERIOD_COLUMN = Column(line_chars=4, run_limit=4)
# A table row is kept whole on one page unless one of its cells may take more
# lines than this. A page holds 43 lines of the table (15.6 pt each) below the
# header row; the margin covers Latin words wrapping early (15 × "W" a line).
UNSPLIT_ROW_LINES = 24

log = logging.getLogger(__name__)

# One Typst compiler per thread (a compiler is not meant for concurrent use),
# reused so the template is parsed once; the font set is shared. Typst releases
# the GIL while it typesets, so downloads render in parallel threads.
_THREAD_STATE = threading.local()

JsonBlock = dict[str, Any]


class PdfRenderError(OutputError):
    """Typst could not typeset the document."""


def render_pdf(plan: Plan, office: Office, generated_at: datetime, facet: Facet | None = None) -> bytes:
    """The whole plan, or one facet of it, as PDF/A-2a + PDF/UA-1 bytes."""
    return render_document(plan_document(plan) if facet is None else facet_document(plan, facet), office, generated_at)


def render_document(outline: Document, office: Office, generated_at: datetime) -> bytes:
    if generated_at.tzinfo is None:
        raise ValueError("generated_at must be timezone-aware (UTC from SOURCE_DATE_EPOCH)")
    stamp = generated_at.astimezone(UTC).replace(microsecond=0)
    document = pdf_document(outline, office, stamp)
    return _compile(json.dumps(document, ensure_ascii=False, separators=(",", ":")), stamp, outline.meta_title)


def pdf_document(outline: Document, office: Office, generated_at: datetime) -> dict[str, Any]:
    """The JSON document the template lays out: metadata, labels and blocks of display strings.

    Display strings are "wrappable" values (see `wrappable`); the metadata stays plain.
    """
    return {
        "meta": {
            "title": outline.meta_title,
            "author": office.name,
            "date": [generated_at.year, generated_at.month, generated_at.day, generated_at.hour, generated_at.minute, generated_at.second],
            "keywords": [f"{name}：{value}" for name, value in outline.meta],
        },
        "font": list(pdf_font_families()),
        "labels": {"note": f"{wording.EDITOR_NOTE}：", "page": wording.PAGE_NUMBER},
        "title": wrappable(outline.title, PAGE),
        "header": wrappable(outline.meta_title, PAGE),
        "blocks": [_block(block) for block in outline.blocks],
    }


def _block(block: Block) -> JsonBlock:
    if isinstance(block, Heading):
        return {"kind": "heading", "level": block.level, "text": wrappable(block.text, PAGE), "bookmarked": block.bookmarked}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "runs": _runs(block.runs, PAGE)}
    if isinstance(block, Note):
        return {"kind": "note", "text": wrappable(block.text, PAGE)}
    if isinstance(block, Facts):
        return {"kind": "facts", "items": [[wrappable(fact.label, PAGE), wrappable(fact.value, PAGE)] for fact in block.items]}
    if isinstance(block, NumberedList):
        return {"kind": "numbered", "items": [_numbered_item(item.number, item.text, item.note, PAGE) for item in block.items]}
    if isinstance(block, ActionTable):
        rows = [_action_row(row) if isinstance(row, ActionRow) else _gap_row(row) for row in block.rows]
        columns = (NUMBER_COLUMN, TEXT_COLUMN, DEPARTMENTS_COLUMN, PERIOD_COLUMN)
        headers = [wrappable(header, column) for header, column in zip(block.headers, columns, strict=True)]
        notes = [[wording.note_ref(number), wrappable(note, PAGE)] for number, note in enumerate(block.notes, start=1)]
        return {"kind": "actions", "caption": wrappable(block.caption, PAGE), "headers": headers, "rows": rows, "notes": notes}
    raise TypeError(f"a document holds no {type(block).__name__} block")


def _numbered_item(number: str | None, text: str, note: str | None, column: Column) -> JsonBlock:
    return {"number": wrappable(number or "", column), "text": wrappable(text, column), "note": None if note is None else wrappable(note, column)}


def _action_row(row: ActionRow) -> JsonBlock:
    refs = _note_refs(row.note_refs)
    text_lines = _text_cell_lines(runs_text(row.text), [f"{item.number or ''} {item.text}" for item in row.subitems], refs)
    lines = max(
        text_lines,
        _lines(runs_text(row.number), NUMBER_COLUMN),
        _lines(runs_text(row.departments), DEPARTMENTS_COLUMN),
        _lines(runs_text(row.period), PERIOD_COLUMN),
    )
    return {
        "span": False,
        # Kept whole on a page unless a cell may not fit on one: then it splits rather than losing text.
        "breakable": lines > UNSPLIT_ROW_LINES,
        "number": _runs(row.number, NUMBER_COLUMN),
        "text": _runs(row.text, TEXT_COLUMN),
        "subitems": [_numbered_item(item.number, item.text, None, TEXT_COLUMN) for item in row.subitems],
        "notes": refs,
        "departments": _runs(row.departments, DEPARTMENTS_COLUMN),
        "period": _runs(row.period, PERIOD_COLUMN),
    }


def _gap_row(row: GapRow) -> JsonBlock:
    lines = max(_text_cell_lines(runs_text(row.text), [], _note_refs(row.note_refs)), _lines(runs_text(row.number), NUMBER_COLUMN))
    return {
        "span": True,
        "breakable": lines > UNSPLIT_ROW_LINES,
        "number": _runs(row.number, NUMBER_COLUMN),
        "text": _runs(row.text, TEXT_COLUMN),
        "subitems": [],
        "notes": _note_refs(row.note_refs),
        "departments": None,
        "period": None,
    }


def _note_refs(numbers: tuple[int, ...]) -> list[str]:
    """「（編者註 1）」 in a row: the notes themselves follow the table."""
    return [wording.note_refs_text(numbers)] if numbers else []


def _text_cell_lines(text: str, subitems: list[str], notes: list[str]) -> int:
    """Lines the 具體作法 cell may take: each paragraph, plus one line of spacing between paragraphs."""
    paragraphs = [text, *subitems, *notes]
    return sum(_lines(paragraph, TEXT_COLUMN) for paragraph in paragraphs) + len(paragraphs) - 1


def _lines(text: str, column: Column) -> int:
    return sum(max(1, math.ceil(len(line) / column.line_chars)) for line in text.split("\n"))


def _runs(runs: Runs, column: Column) -> list[list[Any]]:
    """Text as [piece, style] pairs; the template styles gap, inferred and muted pieces."""
    return [[wrappable(run.text, column), run.style.value] for run in runs]


# -- long runs without a break opportunity


def wrappable(text: str, column: Column) -> str | list[str]:
    """The text, or, if it holds a run of characters with no break opportunity
    that may be too wide for its place (a signature line of underscores, an
    account number, a URL), a list whose odd items are those runs. The template
    measures each: one wider than a whole line may break between any two of
    its characters (like CSS `overflow-wrap: anywhere`); one that fits is left
    alone. No character is added.

    Break opportunities are taken as known only at whitespace and beside CJK
    ideographs, kana and hangul; everything else counts as part of a run (at
    worst one that Typst could have broken after a hyphen). A run of at most
    `column.run_limit` characters always fits and is not handed over. CJK text
    is left as it is.
    """
    pieces = [""]
    for joins, group in itertools.groupby(text, key=_joins_neighbours):
        chunk = "".join(group)
        if joins and len(chunk) > column.run_limit:
            pieces += [chunk, ""]
        else:
            pieces[-1] += chunk
    return text if len(pieces) == 1 else pieces


def _joins_neighbours(character: str) -> bool:
    """False for a character a line may break beside (whitespace, a wide letter such as 漢字 or かな)."""
    if character.isspace():
        return False
    return not (unicodedata.east_asian_width(character) in ("W", "F") and unicodedata.category(character).startswith("L"))


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
        compilers[font_dir] = typst.Compiler(template, root=str(template.parent), font_paths=typst_fonts(font_dir), ignore_system_fonts=True)
    return compilers[font_dir]


def _template_path() -> Path:
    template = Path(__file__).with_name(TEMPLATE)
    if not template.is_file():
        raise PdfRenderError(f"找不到 PDF 版面檔 {template}（應隨 plansite 套件一併安裝）")
    return template
