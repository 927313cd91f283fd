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
from urllib.parse import urlsplit

from ..model import Action, ActionRow, Facet, Heading, Office, Period, PeriodKind, Plan, Section, SourceState
from .blocks import Ref, Run, Runs, Style, joined

GAP = "原始文件此處缺漏"
UNSTATED = "原始文件未載明"
INFERRED = "推定"
INFERRED_MARK = f"（{INFERRED}）"
EDITOR_NOTE = "編者註"
NOT_PROVIDED = "未提供"
ONGOING = "持續辦理"
UNNUMBERED = "（未編號）"
UNKNOWN_GAP_NUMBER = "（項數不明）"
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
    """「(1)至(7)」 for a run of lost actions shown as one gap; where the source
    does not even show how many items were lost, say so (not 「（未編號）」,
    which is the mark of a real unnumbered action)."""
    numbers = [action.number for action in actions if action.number]
    if not numbers:
        return (Run(UNKNOWN_GAP_NUMBER, Style.MUTED),)
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
    text = Run(period_text(period))
    return (text, Run(INFERRED_MARK, Style.INFERRED)) if action.period_inferred else (text,)


def period_text(period: Period) -> str:
    if period.kind is PeriodKind.RANGE and period.start and period.end:
        return f"{roc_date(period.start)}至{roc_date(period.end)}"
    return ONGOING


def _lost_or_unstated(action: Action) -> str:
    return GAP if action.source is not SourceState.COMPLETE else UNSTATED


def note_ref(number: int) -> str:
    """How a table row refers to one of the table's editor's notes."""
    return f"{EDITOR_NOTE} {number}"


def note_refs_text(numbers: Sequence[int]) -> str:
    """A row's references in a printed file, 「（編者註 1、編者註 2）」: the notes follow the table."""
    return f"（{'、'.join(note_ref(number) for number in numbers)}）"


def note_ref_name(number: int, table_caption: str, row_label: str) -> str:
    """The reference's full name for assistive technology: which table's note, cited from which row.

    It starts with what is shown (WCAG 2.5.3); the table and row tell apart the many 「編者註 1」 of a page.
    """
    return f"{note_ref(number)}（{table_caption}，{row_label} 列所引）"


def gap_row_label(number_text: str) -> str:
    """How a gap row is named in a note reference: 「缺漏處 (1)至(7)」, 「缺漏處（項數不明）」."""
    return f"缺漏處 {number_text}" if not number_text.startswith("（") else f"缺漏處{number_text}"


def subitem_line(number: str | None, text: str) -> str:
    return f"{number} {text}" if number else text


# -- plan facts


def file_meta(plan: Plan) -> tuple[tuple[str, str], ...]:
    """Metadata every download of a plan carries besides title and author."""
    return (("最近修正日期", date_or_unstated(plan.amended)),)


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
OTHER_FORMATS = "其他格式（ODS 試算表、CSV 與 JSON 開放資料）"
CHECKSUMS_SUMMARY = "各檔案的 SHA-256 檢查碼（用來確認下載的檔案完整無誤）"
UPDATED_LABEL = "更新日期"
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
        runs += [Run("（"), *joined(ways, "、"), Run("）")]
    runs.append(Run("。"))
    return tuple(runs)


# The page footer: the office's contact fields, in this order, with their labels.
FOOTER_CONTACT_LABELS = (
    ("parent_organization", "上級機關"),
    ("competent_authority", "主管機關"),
    ("address", "地址"),
    ("phone", "電話"),
    ("customer_service_phone", "客服專線"),
    ("fax", "傳真"),
    ("email", "電子郵件"),
    ("website", "機關網站"),
    ("office_hours", "上班時間"),
)


def search_no_results_help(phone: str | None, website: str | None) -> Runs:
    """The line under the search's 「沒有符合的項目」: where else to ask; empty without a phone or a website."""
    ways: list[Runs] = []
    if phone:
        dial = "".join(character for character in phone if character.isdigit() or character == "+")
        number = Run(phone, ref=Ref(f"tel:{dial}", external=True)) if dial else Run(phone)
        ways.append((Run("撥打客服專線 "), number))
    if website:
        ways.append((Run("前往 "), Run(urlsplit(website).hostname or website, ref=Ref(website, external=True))))
    if not ways:
        return ()
    return (Run("找不到需要的資料嗎？歡迎"), *joined(ways, "，或"), Run(" 查詢。" if website else " 洽詢。"))


# The spreadsheet's sheets.
ODS_ACTIONS_SHEET = "具體作法"
ODS_ABOUT_SHEET = "說明"


def chart_bar_label(label: str, total: int) -> str:
    """A bar's label in the status chart: 「一、基礎服務（33 項）」."""
    return f"{label}（{total} 項）"


def chart_segment_title(status_label: str, count: int) -> str:
    """The tooltip of one status's part of a bar: 「已完成：5 項」."""
    return f"{status_label}：{count} 項"


# -- page titles and page wording

HOME_TITLE = "首頁"
OVERVIEW_TITLE = "計畫總覽"
OPEN_DATA_TITLE = "開放資料說明"
SITEMAP_TITLE = "網站導覽"
DEPARTMENTS_TITLE = "依承辦部門檢視"

PLAN_LIST_HEADING = "各年度計畫"
GOALS_LEAD = "計畫目標"


def plan_context(plan: Plan) -> str:
    """Said after a link on a site of several plans, where 「一、便民服務」 or 「執行進度」
    lead to a different page in each plan's part (hidden on screen, read aloud)."""
    return f"（{plan.title}）"


def plan_lead_heading(plan: Plan) -> str:
    """The home page's heading over a plan in brief (not the bare title, which the menu links to the overview)."""
    return f"計畫簡介：{plan.title}"


FACET_ENTRY_HEADING = "計畫的 {count} 個面向"
OVERVIEW_LINK = "計畫總覽（計畫依據、實施對象、實施步驟）"
HOME_LINKS_HEADING = "相關服務"


def facet_entry(label: str, count: str) -> str:
    """A facet's link on the home page, with how many actions it holds (the whole
    entry is the link: its text is then not the menu's 「一、便民服務」 again)."""
    return f"{label}：具體作法 {count}"


PLAN_LIST_CAPTION = "本站公開的計畫（由新到舊）"
PLAN_LIST_HEADERS = ("年度", "計畫名稱", "訂定機關", "面向數", "具體作法數")


def plan_year_label(plan: Plan) -> str:
    return f"{plan.roc_year}年度"


FACET_SUMMARY_CAPTION = "各面向的執行策略、子策略與具體作法數"
FACET_SUMMARY_HEADERS = ("面向", "執行策略", "子策略", "具體作法")


def action_count(actions: Sequence[Action]) -> str:
    """How many actions the plan (or a facet) has, as honestly as the source allows:
    actions whose number and start survive, fragments whose start is lost, and
    lost ones (at least so many, when the source does not show how many)."""
    listed = sum(action.source is SourceState.COMPLETE or (action.source is SourceState.PARTIAL and action.lost == "end") for action in actions)
    fragments = sum(action.source is SourceState.PARTIAL and action.lost == "start" for action in actions)
    lost = [action for action in actions if action.source is SourceState.MISSING]
    numbered_lost = sum(action.number is not None for action in lost)
    count_unknown = any(action.number is None for action in lost)
    parts = [f"{listed} 項"]
    if fragments:
        parts.append(f"另有 {fragments} 項僅存殘句")
    if numbered_lost:
        parts.append(f"至少 {numbered_lost} 項缺漏（實際項數不明）" if count_unknown else f"{numbered_lost} 項缺漏")
    elif count_unknown:
        parts.append("另有缺漏，項數不明")
    return "，".join(parts)


DEPARTMENTS_CONTEXT_AFTER = "的具體作法；點選位置可回到該面向頁面的原項目。標示「（推定）」者，係原始文件欄位未能逐項對齊而推定的部門。"
DEPARTMENT_LOST = "承辦部門缺漏（原始文件缺頁）"
DEPARTMENT_UNSTATED = "原始文件未載明承辦部門"
DEPARTMENT_TABLE_HEADERS = ("位置", "具體作法", "執行期間")
DEPARTMENT_GROUP_NOTES = {
    DEPARTMENT_LOST: "以下項目的承辦部門寫在原始文件缺少的那一頁上，無從得知。",
    DEPARTMENT_UNSTATED: "以下項目在原始文件中就沒有承辦部門欄位。",
}
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
ROUND_FIELDS_HEADING = "考核結果的欄位"
ROUND_FIELDS_CAPTION = "考核結果逐項資料的欄位（CSV 欄名、JSON 鍵名與說明）"
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


def plan_action_total(count: str) -> str:
    return f"全計畫具體作法 {count}"


# -- comparing years
# What the comparison page (plansite/compare.py) says; the plans' own text comes from the data.

COMPARISON_ADDED_TITLE = "新增的具體作法"
COMPARISON_REMOVED_TITLE = "刪除的具體作法"
COMPARISON_CHANGED_TITLE = "修改的具體作法"
COMPARISON_HEADINGS_TITLE = "面向、執行策略與子策略的變動"
COMPARISON_METHOD_TITLE = "比較方式"
COMPARED_FIELD_LABELS = {
    "place": "位置",
    "number": "編號",
    "text": "具體作法",
    "departments": "承辦部門",
    "period": "執行期間",
}
"""Keyed by compare.ComparedField values."""
HEADING_LEVEL_LABELS = {"facet": "面向", "strategy": "執行策略", "substrategy": "子策略"}
"""Keyed by compare.HeadingLevel values."""
HEADING_CHANGE_LABELS = {"added": "新增", "removed": "刪除", "relabelled": "名稱或編號修改"}
DIFF_DELETED_LABEL = "刪除："
"""Read by screen readers before deleted text (visually hidden)."""
DIFF_INSERTED_LABEL = "新增："
DIFF_DELETED_MARKS = ("〔刪：", "〕")
"""Printed around deleted text, so a change reads without colour or strike-through."""
DIFF_INSERTED_MARKS = ("〔增：", "〕")
DIFF_LEGEND = "文字的修改處，以〔刪：……〕標示刪除的文字、〔增：……〕標示新增的文字。"
MATCHED_BY_ID = "依代碼對應"


def comparison_title(earlier: Plan, later: Plan) -> str:
    """「114年度與115年度計畫比較」."""
    return f"{plan_year_label(earlier)}與{plan_year_label(later)}計畫比較"


def comparison_context(earlier: Plan, later: Plan) -> str:
    return f"比較「{earlier.title}」與「{later.title}」的具體作法：{plan_year_label(later)}新增、刪除與修改了哪些項目。"


def percent(value: float) -> str:
    """0.6 -> 「60%」; rounded down, so a shown percentage never overstates a similarity."""
    return f"{int(value * 100 + 1e-9)}%"


def comparison_method(similarity_threshold: float, same_id_threshold: float) -> str:
    """How actions of the two years are paired, for citizens."""
    return (
        "每項具體作法都有代碼（例如 1-2-3 表示第 1 面向、第 2 執行策略的第 3 項）。"
        f"兩個年度代碼相同、且文字相似度達 {percent(same_id_threshold)} 以上的，視為同一項作法；"
        f"代碼不同的，再比對文字，相似度達 {percent(similarity_threshold)} 以上的視為同一項（例如移到其他執行策略而換了代碼），"
        "相似度最高的優先配對，每項只配對一次。"
        "同一項作法的文字、編號、承辦部門、執行期間或位置（所屬的面向、執行策略或子策略）有任何不同，即列為修改。"
        "代碼相同但文字相似度不到門檻的，視為刪除一項、另新增一項。"
        "文字相似度是兩段文字依序相同的部分所占的比例：中文逐字、英文與數字逐詞計算，不計空白，細項文字一併比較。"
        "原始文件整項缺漏的作法，以及另一年度與它代碼相同的作法，無法比較，不列入；"
        f"部分文字缺漏的作法只依代碼對應，並只比對留存的文字，缺漏處標示〔{GAP}〕。"
    )


def matched_by_text(similarity: float) -> str:
    return f"依文字相似度對應（相似度 {percent(similarity)}）"


def comparison_place(place: Sequence[str]) -> str:
    """Where an action stands: 「一、便民服務 (一) 簡化申辦流程 1. 精簡書表」."""
    return " ".join(place)


def comparison_side_label(plan: Plan) -> str:
    """Heads a value of one year: 「114年度」."""
    return plan_year_label(plan)


def unchanged_sentence(count: int) -> str:
    return f"另有 {count} 項具體作法內容相同，未列出。" if count else ""


def not_compared_sentence(plan: Plan, count: int) -> str:
    return f"{plan_year_label(plan)}計畫另有 {count} 項具體作法因原始文件缺漏而無法比較。" if count else ""


def comparison_summary(added: int, removed: int, changed: int, unchanged: int) -> str:
    return f"新增 {added} 項、刪除 {removed} 項、修改 {changed} 項、內容相同 {unchanged} 項。"


# -- progress (考核)

PROGRESS_TITLE = "執行進度"
NO_ASSESSMENT = "尚未公布考核結果"
NOT_REPORTED = "本期未填報"
NEVER_REPORTED = "尚未填報"
STATUS_TAGS = {
    "未開始": "not-started",
    "辦理中": "in-progress",
    "已完成": "done",
    "持續辦理": "continuing",
    "暫緩": "suspended",
    NOT_REPORTED: "not-reported",
    NEVER_REPORTED: "not-reported",
}
"""Styling keys of the statuses (the words are always shown too)."""
STATUS_COLUMN = "最新辦理情形"
ROUND_LIST_HEADING = "歷次考核"
ROUND_SUMMARY_HEADING = "辦理情形統計"
ROUND_BY_FACET_HEADING = "各面向辦理情形"
ROUND_BY_STRATEGY_HEADING = "各執行策略辦理情形"
ROUND_ACTIONS_HEADING = "各項具體作法的辦理情形"


def round_facet_actions_heading(facet_label: str) -> str:
    """A facet's part of a round page's action list: not the bare 「一、便民服務」, which
    the page's table already uses for its link to the facet page."""
    return f"{facet_label}的具體作法"


ROUND_FIELDS = ("編號", "具體作法", "辦理情形", "執行成果說明", "佐證連結", "歷次考核")
SUSPENDED_REASON = "暫緩原因："
ROLLUP_METHOD = (
    "統計方式：每一項具體作法計一次，依該項在本期填報的辦理情形歸類；本期沒有填報的項目列為「本期未填報」。"
    "面向與執行策略的數字是其下各項具體作法的合計，不另外評分。原始文件缺漏、內容不明的項目不列入。"
)
CHART_DESCRIPTION = "橫條依面向排列，每一段代表一種辦理情形的項數；確切數字見下表。"


def no_assessment_text(plan: Plan) -> str:
    return f"{plan.title}{NO_ASSESSMENT}。考核結果公布後，會在本頁列出各項具體作法的辦理情形。"


def round_title(label: str) -> str:
    return f"考核結果：{label}"


def round_nav_title(label: str) -> str:
    return f"考核：{label}"


def round_context(plan_title: str) -> tuple[str, str, str]:
    return "", plan_title, "的自行考核結果，由機關填報。"


def status_count(count: int) -> str:
    return f"{count} 項"


def round_history(entries: Sequence[tuple[str, str]]) -> str:
    """「112 年上半年：辦理中」 for each earlier round, oldest first."""
    return "；".join(f"{label}：{status}" for label, status in entries) or "（無）"


def round_file_title(plan: Plan, label: str) -> str:
    return f"{plan.title}：{round_title(label)}"


def round_scope_label(label: str) -> str:
    return f"考核結果 {label}"


# -- amendments (修正)

CHANGES_TITLE = "修正紀錄"
NO_AMENDMENTS = "本計畫沒有修正紀錄：原始文件未載明任何修正。"
AMENDED_WITHOUT_RECORD = "原始文件載有最近修正日期，但未載明修正的內容。"
AMENDMENT_HEADERS = ("修正日期", "修正內容", "依據文號")
AMENDMENT_CAPTION = "本計畫的修正（由舊到新）；網站與下載檔的計畫文字均為修正後的文字"
