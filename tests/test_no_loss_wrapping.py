"""Which text the PDF writer lets wrap at any character, and which rows it lets split (no Typst run)."""

from __future__ import annotations

import unicodedata

import pytest

from plansite.model import Plan
from plansite.outline.blocks import ActionRow, ActionTable, GapRow, Run, SubItemLine
from plansite.outline.document import plan_document
from plansite.writers.pdf import DEPARTMENTS_COLUMN, NUMBER_COLUMN, PAGE, TEXT_COLUMN, UNSPLIT_ROW_LINES, _action_row, _gap_row, _note_refs, wrappable


def joined(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


@pytest.mark.parametrize(
    "text",
    [
        "_" * 150,
        "帳號：" + "3141592653" * 15,
        "A" * 5000,
        "前文 https://example.invalid/a/very/long/path/that/does/not/break 後文",
        "e\u0301" * 40,
        "鑫淼" * 500,
        "",
    ],
)
def test_no_character_is_added_or_lost(text: str) -> None:
    for column in (PAGE, TEXT_COLUMN, DEPARTMENTS_COLUMN, NUMBER_COLUMN):
        assert joined(wrappable(text, column)) == text


def test_a_long_unbroken_run_is_handed_over_as_its_own_piece() -> None:
    assert wrappable("簽名：" + "_" * 150 + "。", TEXT_COLUMN) == ["簽名", "：" + "_" * 150 + "。", ""]
    assert wrappable("A" * 5000, TEXT_COLUMN) == ["", "A" * 5000, ""]


def test_a_run_that_fits_its_column_and_cjk_text_stay_plain_strings() -> None:
    assert wrappable("A" * TEXT_COLUMN.run_limit, TEXT_COLUMN) == "A" * TEXT_COLUMN.run_limit
    assert wrappable("A" * (TEXT_COLUMN.run_limit + 1), TEXT_COLUMN) == ["", "A" * (TEXT_COLUMN.run_limit + 1), ""]
    assert wrappable("各項用電申請案件透過「新營業櫃檯作業電腦化系統(NCPS)」受理並管控流程。", TEXT_COLUMN).__class__ is str
    assert wrappable("鑫" * 5000, TEXT_COLUMN) == "鑫" * 5000


def test_only_non_cjk_runs_of_the_shipped_plans_rows_are_handed_over(plan: Plan) -> None:
    """CJK text is never split into runs; every character arrives, in order."""
    rows = [row for block in plan_document(plan).blocks if isinstance(block, ActionTable) for row in block.rows if isinstance(row, ActionRow)]
    assert rows
    for row in rows:
        handed = _action_row(row)
        values = [value for key in ("number", "text", "departments", "period") for value, _style in handed[key]]
        values += [item[key] for item in handed["subitems"] for key in ("number", "text")] + handed["notes"]
        originals = [run.text for runs in (row.number, row.text, row.departments, row.period) for run in runs]
        originals += [text for item in row.subitems for text in (item.number or "", item.text)] + _note_refs(row.note_refs)
        assert [joined(value) for value in values] == originals
        runs = [piece for value in values if isinstance(value, list) for piece in value[1::2]]
        assert not any(unicodedata.east_asian_width(character) == "W" and character.isalpha() for run in runs for character in run), row.action_id


def _row(text: str = "短文字", departments: str = "業務組", subitems: tuple[SubItemLine, ...] = ()) -> ActionRow:
    return ActionRow("1-1-1-1", (Run("(1)"),), (Run(text),), subitems, (), (Run(departments),), (Run("持續辦理"),))


def test_a_row_may_split_when_any_cell_may_outgrow_the_limit() -> None:
    assert not _action_row(_row())["breakable"]
    departments = "、".join("部" * 50 for _ in range(20))
    assert _action_row(_row(departments=departments))["breakable"]
    assert not _action_row(_row(departments="部" * (DEPARTMENTS_COLUMN.line_chars * UNSPLIT_ROW_LINES)))["breakable"]
    assert _action_row(_row(departments="部" * (DEPARTMENTS_COLUMN.line_chars * UNSPLIT_ROW_LINES + 1)))["breakable"]
    assert _action_row(_row(text="字" * (TEXT_COLUMN.line_chars * UNSPLIT_ROW_LINES + 1)))["breakable"]
    many_lines = tuple(SubItemLine(f"1-1-1-1-{index}", f"({index})", "細項") for index in range(1, UNSPLIT_ROW_LINES // 2 + 1))
    assert _action_row(_row(subitems=many_lines))["breakable"]  # a line each, and the spacing between them


def test_a_gap_row_with_a_long_note_may_split() -> None:
    assert not _gap_row(GapRow(("1-2-1-1",), (Run("(1)"),), (Run("〔缺漏〕"),), ("短註",)))["breakable"]
    assert _gap_row(GapRow(("1-2-1-1",), (Run("(1)"),), (Run("〔缺漏〕"),), ("註" * 2000,)))["breakable"]
