"""A PDF table row never runs off its page: whichever cell makes it tall, it
may split across pages, and a row kept whole always fits on one.

Rendered with Typst and read back with pdftotext; the characters of the test
values are counted against the shipped plan's PDF of the same facet.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from plansite.model import Office, Plan
from plansite.outline.document import facet_document
from plansite.writers.pdf import TEXT_COLUMN, UNSPLIT_ROW_LINES, pdf_document, render_pdf

from .conftest import SEED_PLAN_ID, shipped_model, shipped_plan
from .test_csv_injection import all_actions, edited_site
from .test_no_loss_downloads import pdf_body_characters, pdftotext

pytestmark = pytest.mark.slow
GENERATED_AT = datetime(2023, 3, 15, tzinfo=UTC)
ACTION_ID = "1-1-2-1"
# 20 departments (the most an action may have) of 50 characters (the longest a name may be).
DEPARTMENTS = tuple("猋羴麤龘"[index // 5] + "靐齉灥厵鱻"[index % 5] + "羶" * 48 for index in range(20))


def action(document: dict[str, Any], action_id: str) -> dict[str, Any]:
    return next(item for item in all_actions(document) if item["id"] == action_id)


def facet_one(plan: Plan, office: Office, folder: Path, name: str) -> tuple[Path, list[dict[str, Any]]]:
    """The first facet's PDF, and the rows handed to the template."""
    facet = plan.facets[0]
    path = folder / f"{name}.pdf"
    path.write_bytes(render_pdf(plan, office, GENERATED_AT, facet))
    document = pdf_document(facet_document(plan, facet), office, GENERATED_AT)
    return path, [row for block in document["blocks"] if block["kind"] == "actions" for row in block["rows"]]


def characters_added(path: Path, folder: Path, counted: set[str]) -> Counter[str]:
    """Counted characters of `path` beyond those of the shipped plan's first-facet PDF."""
    plan = shipped_plan(SEED_PLAN_ID)
    shipped, _rows = facet_one(plan, shipped_model().office, folder, "shipped")
    header = f"一、基礎服務｜{plan.title}"
    found, before = pdf_body_characters(path, header), pdf_body_characters(shipped, header)
    return Counter({character: found[character] - before[character] for character in counted})


def row_text(row: dict[str, Any]) -> str:
    return "".join(piece if isinstance(piece, str) else "".join(piece) for piece, _style in row["text"])


def test_a_row_made_tall_by_its_departments_alone_splits_and_prints_every_name(tmp_path: Path) -> None:
    def edit(document: dict[str, Any]) -> None:
        action(document, ACTION_ID)["departments"] = list(DEPARTMENTS)
        document["departments"] += list(DEPARTMENTS)

    plan, office = edited_site(tmp_path, edit)
    path, rows = facet_one(plan, office, tmp_path, "departments")
    row = next(row for row in rows if row_text(row).startswith("提升申辦案件的處理效率"))
    assert row["breakable"]  # its text is one line; its departments cell is some 170 lines
    expected = Counter("".join(DEPARTMENTS))
    assert characters_added(path, tmp_path, set(expected)) == expected


def test_a_long_editor_note_on_a_lost_run_of_actions_prints_whole(tmp_path: Path) -> None:
    # A table's notes are printed below it, as paragraphs that flow over pages; the row only refers to them.
    note = "※" * 2000

    def edit(document: dict[str, Any]) -> None:
        lost = next(item for item in all_actions(document) if item.get("source") == "missing")
        lost["note"] = note

    plan, office = edited_site(tmp_path, edit)
    path, rows = facet_one(plan, office, tmp_path, "gap")
    assert any(row["span"] and row["notes"] for row in rows)
    assert characters_added(path, tmp_path, {"※"}) == Counter(note)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("鑫" * (UNSPLIT_ROW_LINES * TEXT_COLUMN.line_chars), id="cjk"),
        # Latin words that waste the most of each line: one 15-letter word of the widest letter per line.
        pytest.param(" ".join(["W" * 15] * (UNSPLIT_ROW_LINES * TEXT_COLUMN.line_chars // 16)), id="wide-latin-words"),
        pytest.param("_" * (UNSPLIT_ROW_LINES * TEXT_COLUMN.line_chars), id="unbroken-run"),
    ],
)
def test_a_row_just_short_of_the_split_limit_is_kept_whole_and_fits_on_a_page(tmp_path: Path, text: str) -> None:
    def edit(document: dict[str, Any]) -> None:
        action(document, ACTION_ID)["text"] = text

    plan, office = edited_site(tmp_path, edit)
    path, rows = facet_one(plan, office, tmp_path, "limit")
    row = next(row for row in rows if row_text(row) == text)
    assert not row["breakable"]
    expected = Counter(character for character in text if character != " ")
    assert characters_added(path, tmp_path, set(expected)) == expected


def test_a_run_that_fits_on_a_line_is_not_broken_inside(tmp_path: Path) -> None:
    """The seed plan's 「(.xlsx、.csv、.xml、.ods)」 (24 characters, no break opportunity) wraps as a whole, as before."""
    plan = shipped_plan(SEED_PLAN_ID)
    path = tmp_path / "shipped.pdf"
    path.write_bytes(render_pdf(plan, shipped_model().office, GENERATED_AT, plan.facets[-1]))
    lines = [line.replace(" ", "") for line in pdftotext(path).splitlines()]
    assert any("(.xlsx、.csv、.xml、.ods)" in line for line in lines)
