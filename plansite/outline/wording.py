"""Every word the site and the files say about the plan, in one place.

The plan's own text comes from the data; everything said around it (gap
markers, inferred marks, labels, context sentences, counts, dates) is worded
here once and used by every output: web pages, ODT, ODS, PDF, CSV and JSON.
Functions return plain strings, or Runs where a part is styled (a gap, an
inference) so that every output can mark it alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..model import Action, ActionRow, Facet, Heading, Office, Period, PeriodKind, Plan, Section, SourceState
from .blocks import Ref, Run, Runs, Style

GAP = "原始文件此處缺漏"
UNSTATED = "原始文件未載明"
INFERRED = "推定"
INFERRED_MARK = f"（{INFERRED}）"
EDITOR_NOTE = "編者註"
NOT_PROVIDED = "未提供"
ONGOING = "持續辦理"
UNNUMBERED = "（未編號）"
NO_SUBSTRATEGY_TITLE = "具體作法"
ACTION_HEADERS = ("編號", "具體作法", "承辦部門", "執行期間")
PAGE_NUMBER = "第 {page} 頁，共 {pages} 頁"
"""Page footer of the files; {page} and {pages} are filled in by the writer."""


def roc_date(value: date) -> str:
    """112年3月15日: ROC year = Gregorian year - 1911, Arabic numerals, no spaces."""
    return f"{value.year - 1911}年{value.month}月{value.day}日"


def date_or_unstated(value: date | None) -> str:
    return roc_date(value) if value is not None else UNSTATED


def roc_year_label(plan: Plan) -> str:
    return f"民國 {plan.roc_year} 年度"


def section_label(section: Section) -> str:
    """「壹、計畫依據」: the number is printed straight before the title."""
    return f"{section.number or ''}{section.title}"


def numbered_label(number: str | None, text: str) -> str:
    """「一、」 runs straight on, 「(1)」 takes a space, no number prints the text alone."""
    if not number:
        return text
    separator = "" if number.endswith("、") else " "
    return f"{number}{separator}{text}"


def heading_title(heading: Heading) -> str:
    """The title as printed, or an explicit gap marker (with any inferred title)."""
    if heading.title is not None:
        return heading.title
    if heading.title_inferred:
        return f"〔{GAP}；{INFERRED}標題：{heading.title_inferred}〕"
    return f"〔{GAP}〕"


def heading_label(heading: Heading) -> str:
    """Number and title as printed: 「一、基礎服務」, 「(一) 服務一致及正確性」."""
    return numbered_label(heading.number, heading_title(heading))


def substrategy_label(heading: Heading) -> str:
    """A sub-strategy with neither number nor title is headed by what it holds."""
    return heading_label(heading) if heading.number or heading.title else NO_SUBSTRATEGY_TITLE


def closing_label(plan: Plan) -> str:
    # The closing clause (陸) is printed in the source as a top-level heading line.
    return f"{plan.closing.number or ''}{plan.closing.text}"


def table_place(facet: Heading, strategy: Heading, substrategy: Heading | None) -> tuple[str, ...]:
    """Where an action table stands: facet, strategy and (if any) the sub-strategy's number or title."""
    sub = (substrategy.number or heading_label(substrategy)) if substrategy is not None else None
    return (heading_label(facet), heading_label(strategy), *([sub] if sub else []))


def action_table_caption(parent: Heading) -> str:
    return f"{heading_label(parent)}的具體作法"


def facet_context(plan: Plan, facet: Facet) -> tuple[str, str, str]:
    """Where a facet sits in the plan, as (before, plan title, after): pages link the title."""
    total = len(plan.facets)
    return "", plan.title, f"「{section_label(plan.execution_heading)}」{total} 個面向中的第 {facet.position} 個：{heading_label(facet.heading)}。"


def facet_file_title(plan: Plan, facet: Facet) -> str:
    return f"{heading_label(facet.heading)}｜{plan.title}"


# -- action cells


def text_runs(action: Action) -> Runs:
    """The action's text with gap markers where text is lost."""
    gap = Run(f"〔{GAP}〕", Style.GAP)
    if action.source is SourceState.MISSING or action.text is None:
        return (gap,)
    if action.source is SourceState.PARTIAL:
        return (gap, Run(action.text)) if action.lost == "start" else (Run(action.text), gap)
    return (Run(action.text),)


def number_runs(number: str | None) -> Runs:
    return (Run(number),) if number else (Run(UNNUMBERED, Style.MUTED),)


def gap_number_runs(actions: Sequence[Action]) -> Runs:
    """「(1)至(7)」 for a run of lost actions shown as one gap."""
    numbers = [action.number for action in actions if action.number]
    if not numbers:
        return number_runs(None)
    return (Run(numbers[0] if len(numbers) == 1 else f"{numbers[0]}至{numbers[-1]}"),)


def departments_runs(action: Action) -> Runs:
    if action.departments is None:
        return (Run(_lost_or_unstated(action), Style.GAP),)
    names = "、".join(action.departments)
    return (Run(names), Run(INFERRED_MARK, Style.INFERRED)) if action.departments_inferred else (Run(names),)


def period_runs(action: Action) -> Runs:
    period = action.period
    if period is None or period.kind is PeriodKind.UNSTATED:
        return (Run(_lost_or_unstated(action), Style.GAP),)
    return (Run(period_text(period)),)


def period_text(period: Period) -> str:
    if period.kind is PeriodKind.RANGE and period.start and period.end:
        return f"{roc_date(period.start)}至{roc_date(period.end)}"
    return ONGOING


def _lost_or_unstated(action: Action) -> str:
    return GAP if action.source is not SourceState.COMPLETE else UNSTATED


def subitem_line(number: str | None, text: str) -> str:
    return f"{number} {text}" if number else text


# -- plan facts


def plan_facts(plan: Plan) -> list[tuple[str, str, date | None]]:
    """(label, value, date) of the facts every output prints under the plan's title."""
    return [
        ("訂定機關", plan.issuing_office, None),
        ("年度", roc_year_label(plan), None),
        ("發布日期", date_or_unstated(plan.published), plan.published),
        ("最近修正日期", date_or_unstated(plan.amended), plan.amended),
    ]


SHEET_PAGE_NUMBER = "第 {page} 頁"


def records_title(plan: Plan, facet: Facet | None) -> str:
    """The spreadsheet's title: the plan's (or one facet's) actions, one per row."""
    return f"{plan.title}：具體作法一覽" if facet is None else f"{facet_file_title(plan, facet)}：具體作法一覽"


def records_scope(plan: Plan, facet: Facet | None) -> str:
    if facet is None:
        return f"{plan.title}的全部具體作法（{len(plan.facets)} 個面向）。"
    return "".join(facet_context(plan, facet))


def records_about(plan: Plan, scope: str) -> list[tuple[str, str]]:
    """The 說明 sheet: what the spreadsheet holds and how to read its states."""
    states = "；".join(f"{label}：{meaning}" for label, meaning in SOURCE_STATE_MEANINGS)
    lines = [("計畫名稱", plan.title), ("範圍", scope)]
    lines += [(label, value) for label, value, _when in plan_facts(plan)]
    lines += [("原始文件狀態", states), (EDITOR_NOTE, f"「{EDITOR_NOTE}」欄的說明係整理者所加，並非計畫原文。")]
    if plan.source_note:
        lines.append(("資料來源", plan.source_note))
    return lines


SOURCE_STATE_LABELS = {SourceState.COMPLETE: "完整", SourceState.PARTIAL: "殘缺", SourceState.MISSING: "缺漏"}
SOURCE_STATE_MEANINGS = (
    ("完整", "原始文件的文字完整保留"),
    ("殘缺", f"原始文件缺頁，本項僅存部分文字，缺漏處標示〔{GAP}〕"),
    ("缺漏", "原始文件缺頁，本項僅知其存在（或編號），文字全失"),
)


# -- downloads

FORMAT_LABELS = {
    "odt": "開放文件格式文字文件 (ODT)",
    "pdf": "可攜式文件格式 (PDF)",
    "ods": "開放文件格式試算表 (ODS)",
    "csv": "逗號分隔值開放資料 (CSV)",
    "rows-json": "JSON 開放資料（具體作法逐項）",
    "plan-json": "JSON 開放資料（計畫全文結構）",
}


def download_scope_label(facet: Facet | None) -> str:
    return "全計畫" if facet is None else f"第 {facet.position} 面向"

DOWNLOADS_HEADING = "下載"
UPDATED_LABEL = "更新日期"
CHECKSUM_LABEL = "SHA-256 檢查碼"
FORMAT_NOTE = (
    "ODT、ODS 為開放文件格式（ODF，國家標準 CNS 15251），可用 LibreOffice 或國家發展委員會 ODF 文件應用工具開啟與編輯；"
    "PDF 為不可編輯的文件，內含可搜尋、可複製的文字。CSV、JSON 為開放資料，依政府資料開放授權條款－第1版提供。"
)


def download_label(plan_title: str | None, scope: str, format_label: str) -> str:
    """「全計畫：可攜式文件格式 (PDF)」; the plan's title leads where several plans' files share a list."""
    return f"{plan_title}：{scope}：{format_label}" if plan_title else f"{scope}：{format_label}"


def file_size_label(size: int) -> str:
    return f"{max(1, round(size / 1024)):,} KB"


def page_count_label(pages: int) -> str:
    return f"共 {pages} 頁"


def other_format_request(office: Office) -> Runs:
    """How to ask for another format (large print, other accessible formats)."""
    ways: list[Runs] = []
    if office.customer_service_phone:
        ways.append((Run(f"客服專線 {office.customer_service_phone}"),))
    if office.phone:
        ways.append((Run(f"電話 {office.phone}"),))
    if office.email:
        ways.append((Run("電子郵件 "), Run(office.email, ref=Ref(f"mailto:{office.email}", external=True))))
    runs = [Run(f"如需其他格式（例如大字版或其他無障礙格式），請洽{office.name}")]
    if ways:
        runs.append(Run("（"))
        for index, way in enumerate(ways):
            runs += [Run("、")] if index else []
            runs += way
        runs.append(Run("）"))
    runs.append(Run("。"))
    return tuple(runs)


# -- page titles and page wording

HOME_TITLE = "首頁"
OVERVIEW_TITLE = "計畫總覽"
OPEN_DATA_TITLE = "開放資料說明"
SITEMAP_TITLE = "網站導覽"
DEPARTMENTS_TITLE = "依承辦部門檢視"

PLAN_LIST_HEADING = "計畫一覽"
PLAN_LIST_CAPTION = "本站公開的計畫（由新到舊）"
PLAN_LIST_HEADERS = ("年度", "計畫名稱", "訂定機關", "面向數", "具體作法數")


def plan_year_label(plan: Plan) -> str:
    return f"{plan.roc_year}年度"


FACET_SUMMARY_CAPTION = "各面向的執行策略、子策略與具體作法數"
FACET_SUMMARY_HEADERS = ("面向", "執行策略", "子策略", "具體作法")


def action_count(present: int, missing: int) -> str:
    return f"{present}" + (f"（另有 {missing} 項缺漏）" if missing else "")


DEPARTMENTS_CONTEXT_AFTER = "的具體作法；點選位置可回到該面向頁面的原項目。標示「（推定）」者，係原始文件欄位未能逐項對齊而推定的部門。"
DEPARTMENT_UNSTATED = "承辦部門未載明"
DEPARTMENT_TABLE_HEADERS = ("位置", "具體作法", "執行期間")
NONE_LISTED = "無。"


def department_table_caption(department: str, count: int) -> str:
    return f"{department}承辦的具體作法（{count} 項）"


def row_position(row: ActionRow) -> str:
    """Where an action stands in the plan: 「一、基礎服務 (一) 1. (1)」."""
    parts = [heading_label(row.facet.heading), row.strategy.heading.number or heading_label(row.strategy.heading)]
    if row.substrategy is not None and row.substrategy.heading.number:
        parts.append(row.substrategy.heading.number)
    parts.append(row.action.number or UNNUMBERED)
    return " ".join(part for part in parts if part)


LICENSE_NAME = "政府資料開放授權條款－第1版"
LICENSE_URL = "https://data.gov.tw/license"
OPEN_DATA_INTRO = "本站每份計畫的具體作法，另以 CSV、JSON 與 ODS 逐項提供，整份計畫的完整結構則以 JSON 提供。資料依"
FIELDS_CAPTION = "具體作法逐項資料的欄位（CSV 欄名、JSON 鍵名與說明）"
FIELDS_HEADERS = ("CSV／ODS 欄名", "JSON 鍵名", "說明")
OPEN_DATA_FACTS = (
    ("編碼", "UTF-8（CSV 檔含 BOM 並以 CRLF 換行，Excel 能正確辨識中文）"),
    (
        "Excel 使用提醒",
        "直接以 Excel 開啟 CSV 時，「(1)」、「1-1-2」等欄位可能被當成數字或日期；請改用 ODS 檔，或以「資料 → 從文字/CSV」匯入並把各欄設為文字",
    ),
    (
        "CSV 公式防護",
        "為免試算表把欄位內容當成公式執行，CSV 檔中開頭為 =、+、-、@、定位字元（Tab）或歸位字元（CR）的欄位（前面有空白者亦同），"
        "以及開頭本來就是單引號（'）的欄位，都在最前面多加一個單引號（'）；要還原原值，刪去欄位開頭的那一個單引號即可。"
        "JSON 與 ODS 檔保存原值，未加單引號",
    ),
    ("單位", "各欄皆為文字；日期以民國年月日表示"),
    ("更新頻率", "計畫發布或修正時更新；網站每次發布都依計畫資料重新產生"),
    ("授權", LICENSE_NAME),
    ("原始文件缺漏", "原始文件缺漏或未載明之處，欄位內容標示「原始文件此處缺漏」或「原始文件未載明」，並於「原始文件狀態」欄註明"),
)

SITEMAP_INTRO = "本網站依無障礙網頁規範設計。每頁最上方有「跳到主要內容」連結，並在各區塊設有導盲磚（:::）與快速鍵："
ACCESS_KEYS = (
    ("U", "上方功能區塊", "網站名稱、選單與搜尋"),
    ("S", "網站搜尋", "開啟搜尋框"),
    ("C", "中央內容區塊", "本頁主要內容"),
    ("Z", "下方功能區塊", "機關聯絡資訊、更新日期與網站政策連結"),
)
ACCESS_KEYS_CAPTION = "快速鍵（Windows 的 Chrome、Edge 按 Alt + 字母；Firefox 按 Alt + Shift + 字母；macOS 按 Control + Option + 字母）"
ACCESS_KEYS_HEADERS = ("快速鍵", "區塊", "內容")
TAB_KEYS = "使用 Tab 鍵可依序移到下一個連結或按鈕，Shift + Tab 回到上一個。"


# -- plain-text forms, for outputs without styling (CSV, JSON, ODS)


def departments_text(action: Action) -> str:
    return "".join(run.text for run in departments_runs(action))


def period_label(action: Action) -> str:
    return "".join(run.text for run in period_runs(action))


def action_text(action: Action) -> str:
    return "".join(run.text for run in text_runs(action))
