"""What the progress form looks like: sheet names, column titles, labelled cells.

The writer and the import share these, so a form written by one version is
read by the same rules. The column titles are fixed by issue 12.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import STATUS_VALUES

FORM_NAME = "半年度考核成果填報表"
FORM_VERSION = "1"
FORM_MARK = f"{FORM_NAME}（plansite 表單第 {FORM_VERSION} 版）"

ABOUT_SHEET = "說明"
ENTRY_SHEET = "填報"


@dataclass(frozen=True)
class Column:
    title: str
    width_cm: float
    filled_in: bool
    """True for the columns the office fills in; the others repeat the plan for reference."""


ID = "代碼"
STATUS = "辦理情形"
RESULT = "執行成果說明"
EVIDENCE = "佐證連結"

COLUMNS: tuple[Column, ...] = (
    Column(ID, 2.0, False),
    Column("面向", 2.8, False),
    Column("執行策略", 4.6, False),
    Column("具體作法", 10.0, False),
    Column("承辦部門", 3.0, False),
    Column("執行期間", 2.4, False),
    Column(STATUS, 2.4, True),
    Column(RESULT, 10.0, True),
    Column(EVIDENCE, 7.0, True),
)
TITLES: tuple[str, ...] = tuple(column.title for column in COLUMNS)

# Labelled cells of the 說明 sheet: the label in column A, the value in column B.
LABEL_FORM = "表單"
LABEL_PLAN = "計畫代碼"
LABEL_PLAN_TITLE = "計畫名稱"
LABEL_OFFICE = "訂定機關"
LABEL_ROUND = "考核期別代碼"
LABEL_ROUND_LABEL = "考核期別名稱"
LABEL_ASSESSED = "考核日期"

# The same identity in the document's metadata (ODF user-defined fields, which
# LibreOffice and Excel keep as custom properties in .xlsx).
META_FORM = "plansite-form"
META_PLAN = "plansite-plan"
META_ROUND = "plansite-round"
META_FORM_VALUE = f"progress/{FORM_VERSION}"

STATUS_LIST_TEXT = "、".join(STATUS_VALUES)

INSTRUCTIONS: tuple[str, ...] = (
    f"1. 請在「{ENTRY_SHEET}」工作表逐列填寫「{STATUS}」、「{RESULT}」與「{EVIDENCE}」三欄（淡黃色底）；其他欄位是計畫內容，僅供參考。",
    f"2. 「{STATUS}」請從下拉選單選擇：{STATUS_LIST_TEXT}。本期不填報的項目請讓「{STATUS}」留空（不建立紀錄）；若本期原已有紀錄，清空即刪除該筆紀錄。",
    f"3. 選擇「暫緩」時，必須在「{RESULT}」欄寫明暫緩原因。",
    f"4. 「{EVIDENCE}」只接受 http:// 或 https:// 開頭的網址；多個連結請在同一格內分行填寫（LibreOffice 按 Ctrl+Enter，Excel 按 Alt+Enter 換行）。",
    f"5. 請勿刪除或新增列，也不要修改「{ID}」欄及本頁的計畫代碼、考核期別代碼；匯入時以代碼對應具體作法。",
    f"6. 可修改本頁的「{LABEL_ROUND_LABEL}」與「{LABEL_ASSESSED}」（西元日期，例如 2023-07-31；尚未確定請留空）。",
    "7. 填妥後存成 .ods（OpenDocument 試算表）或 .xlsx 交回網站管理者匯入（python -m plansite progress-import）；"
    "有錯誤時整份不匯入，並逐項列出工作表、列與欄。",
)
