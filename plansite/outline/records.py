"""The plan table as flat records, one per action: the rows of the ODS, CSV and JSON;
and an assessment round's results the same way.

Each field list is defined once here so the spreadsheet, the open data files
and the data description page always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Facet, Plan, facet_rows
from .wording import (
    EDITOR_NOTE,
    SOURCE_STATE_LABELS,
    action_text,
    departments_text,
    file_meta,
    heading_label,
    period_label,
    records_about,
    records_scope,
    records_title,
    subitem_line,
)


@dataclass(frozen=True)
class Field:
    key: str
    """JSON key."""
    label: str
    """CSV/ODS column header."""
    description: str
    width_cm: float = 3.0
    """Column width in the spreadsheet."""


@dataclass(frozen=True)
class RecordTable:
    """Rows for the spreadsheet and the open data files, and what they are."""

    title: str
    scope: str
    fields: tuple[Field, ...]
    rows: list[dict[str, str]]
    about: list[tuple[str, str]]
    """The spreadsheet's 說明 sheet."""
    meta: tuple[tuple[str, str], ...] = ()
    """More metadata fields of the spreadsheet (name, value)."""


FIELDS: tuple[Field, ...] = (
    Field("facet", "面向", "面向的編號與名稱", 2.4),
    Field("strategy", "執行策略", "執行策略的編號與名稱", 3.6),
    Field("substrategy", "子策略", "子策略的編號與名稱；該策略下沒有子策略時為空白", 4.0),
    Field("number", "編號", "具體作法在原計畫中的編號，如 (1)；原文未編號時為空白", 1.4),
    Field("text", "具體作法", "具體作法全文（照原文）；細項（甲、乙、丙）接在其後，每項一行", 10.0),
    Field("departments", "承辦部門", "承辦部門，多個以「、」分隔；依原文欄位推定者附註（推定）", 2.8),
    Field("period", "執行期間", "「持續辦理」或民國日期區間", 2.0),
    Field("id", "代碼", "項目的穩定代碼（面向-策略-子策略-項次），網址錨點與日後進度紀錄都使用它", 1.8),
    Field("source_state", "原始文件狀態", "完整、殘缺（部分文字缺漏）或缺漏（整項缺漏）", 2.2),
    Field("note", EDITOR_NOTE, "整理者的說明，不是計畫原文；沒有時為空白", 6.0),
)

ROUND_FIELDS: tuple[Field, ...] = (
    Field("round", "考核期別", "考核期別代碼，例如 112-H1（112 年上半年）", 1.8),
    *(field for field in FIELDS if field.key in ("facet", "strategy", "substrategy", "number", "text", "departments", "id")),
    Field("status", "辦理情形", "本期填報的辦理情形：未開始、辦理中、已完成、持續辦理、暫緩；本期沒有填報者為「本期未填報」", 2.0),
    Field("result", "執行成果說明", "機關填報的執行成果說明；沒有時為空白", 8.0),
    Field("reason", "暫緩原因", "辦理情形為暫緩時的原因；其他情形為空白", 5.0),
    Field("evidence", "佐證連結", "佐證資料的網址，多個時每行一個", 6.0),
)


def plan_records(plan: Plan, facet: Facet | None = None) -> RecordTable:
    """The plan's (or one facet's) actions, one per row."""
    scope = records_scope(plan, facet)
    return RecordTable(records_title(plan, facet), scope, FIELDS, action_records(plan, facet), records_about(plan, scope), file_meta(plan))


def action_records(plan: Plan, facet: Facet | None = None) -> list[dict[str, str]]:
    """One record per action (missing ones included, marked), keyed by Field.key."""
    rows = facet_rows(facet) if facet else plan.rows()
    records = []
    for row in rows:
        action = row.action
        text = "\n".join([action_text(action), *(subitem_line(item.number, item.text) for item in action.subitems)])
        record = {
            "id": action.id,
            "facet": heading_label(row.facet.heading),
            "strategy": heading_label(row.strategy.heading),
            "substrategy": heading_label(row.substrategy.heading) if row.substrategy else "",
            "number": action.number or "",
            "text": text,
            "departments": departments_text(action),
            "period": period_label(action),
            "source_state": SOURCE_STATE_LABELS[action.source],
            "note": action.note or "",
        }
        records.append(record)
    return records
