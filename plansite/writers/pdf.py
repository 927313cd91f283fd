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

import json
import logging
import threading
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
# Characters of an action's text, sub-items and note above which its table row may split across pages.
UNSPLIT_ROW_LIMIT = 600

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
    """The JSON document the template lays out: metadata, labels and blocks of display strings."""
    return {
        "meta": {
            "title": outline.meta_title,
            "author": office.name,
            "date": [generated_at.year, generated_at.month, generated_at.day, generated_at.hour, generated_at.minute, generated_at.second],
            "keywords": [f"{name}：{value}" for name, value in outline.meta],
        },
        "font": list(pdf_font_families()),
        "labels": {"note": f"{wording.EDITOR_NOTE}：", "page": wording.PAGE_NUMBER},
        "title": outline.title,
        "header": outline.meta_title,
        "blocks": [_block(block) for block in outline.blocks],
    }


def _block(block: Block) -> JsonBlock:
    if isinstance(block, Heading):
        return {"kind": "heading", "level": block.level, "text": block.text, "bookmarked": block.bookmarked}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "runs": _runs(block.runs)}
    if isinstance(block, Note):
        return {"kind": "note", "text": block.text}
    if isinstance(block, Facts):
        return {"kind": "facts", "items": [[fact.label, fact.value] for fact in block.items]}
    if isinstance(block, NumberedList):
        return {"kind": "numbered", "items": [{"number": item.number or "", "text": item.text, "note": item.note} for item in block.items]}
    if isinstance(block, ActionTable):
        rows = [_action_row(row) if isinstance(row, ActionRow) else _gap_row(row) for row in block.rows]
        notes = [[wording.note_ref(number), note] for number, note in enumerate(block.notes, start=1)]
        return {"kind": "actions", "caption": block.caption, "headers": list(block.headers), "rows": rows, "notes": notes}
    raise TypeError(f"a document holds no {type(block).__name__} block")


def _action_row(row: ActionRow) -> JsonBlock:
    length = len(runs_text(row.text)) + sum(len(item.text) for item in row.subitems)
    return {
        "span": False,
        # Kept whole on a page unless it may not fit on one (about 40 lines of the text column).
        "breakable": length > UNSPLIT_ROW_LIMIT,
        "number": _runs(row.number),
        "text": _runs(row.text),
        "subitems": [{"number": item.number or "", "text": item.text, "note": None} for item in row.subitems],
        "notes": _note_refs(row.note_refs),
        "departments": _runs(row.departments),
        "period": _runs(row.period),
    }


def _gap_row(row: GapRow) -> JsonBlock:
    return {
        "span": True,
        "breakable": False,
        "number": _runs(row.number),
        "text": _runs(row.text),
        "subitems": [],
        "notes": _note_refs(row.note_refs),
        "departments": None,
        "period": None,
    }


def _note_refs(numbers: tuple[int, ...]) -> list[str]:
    """「（編者註 1）」 in a row: the notes themselves follow the table."""
    return [f"（{'、'.join(wording.note_ref(number) for number in numbers)}）"] if numbers else []


def _runs(runs: Runs) -> list[list[str]]:
    """Text as [piece, style] pairs; the template styles gap, inferred and muted pieces."""
    return [[run.text, run.style.value] for run in runs]


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
