"""The plan table as flat records, one per action: the rows of the ODS, CSV and JSON.

The field list is defined once here so the spreadsheet, the open data files
and the data description page always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Facet, Plan, facet_rows
from .wording import EDITOR_NOTE, SOURCE_STATE_LABELS, action_text, departments_text, heading_label, period_label, subitem_line


@dataclass(frozen=True)
class Field:
    key: str
    """JSON key."""
    label: str
    """CSV/ODS column header."""
    description: str


FIELDS: tuple[Field, ...] = (
    Field("facet", "面向", "面向的編號與名稱"),
    Field("strategy", "執行策略", "執行策略的編號與名稱"),
    Field("substrategy", "子策略", "子策略的編號與名稱；該策略下沒有子策略時為空白"),
    Field("number", "編號", "具體作法在原計畫中的編號，如 (1)；原文未編號時為空白"),
    Field("text", "具體作法", "具體作法全文（照原文）；細項（甲、乙、丙）接在其後，每項一行"),
    Field("departments", "承辦部門", "承辦部門，多個以「、」分隔；依原文欄位推定者附註（推定）"),
    Field("period", "執行期間", "「持續辦理」或民國日期區間"),
    Field("id", "代碼", "項目的穩定代碼（面向-策略-子策略-項次），網址錨點與日後進度紀錄都使用它"),
    Field("source_state", "原始文件狀態", "完整、殘缺（部分文字缺漏）或缺漏（整項缺漏）"),
    Field("note", EDITOR_NOTE, "整理者的說明，不是計畫原文；沒有時為空白"),
)

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
