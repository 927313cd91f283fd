"""Markdown pages generated from the model: home, and per plan an overview,
one page per facet, the implementation steps and a by-department view.

Knows nothing of MkDocs: it returns page paths, titles and Markdown text, and
a navigation tree of (title, path-or-children) pairs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from ..downloads import Download
from ..model import Action, ActionRow, Facet, Heading, Office, Plan, Site, SourceState, Strategy, SubStrategy, facet_rows
from ..outline.records import FIELDS
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
from .download_block import download_block
from .markup import esc, esc_text, front_matter, heading, link, relative_url
from .opendata import LICENSE_NAME, LICENSE_URL

HOME = "index.md"
# The h1 of pages whose title is not a plan heading; the skip link lands there.
PAGE_TITLE_ANCHOR = "page-title"
OPEN_DATA = "open-data.md"


@dataclass(frozen=True)
class GeneratedPage:
    uri: str
    title: str
    markdown: str


@dataclass
class NavEntry:
    title: str
    uri: str | None = None
    children: list[NavEntry] = field(default_factory=list)


def plan_dir(plan: Plan) -> str:
    return f"plans/{plan.id}"


def overview_uri(plan: Plan) -> str:
    return f"{plan_dir(plan)}/index.md"


def facet_uri(plan: Plan, facet: Facet) -> str:
    return f"{plan_dir(plan)}/facet-{facet.position}.md"


def steps_uri(plan: Plan) -> str:
    return f"{plan_dir(plan)}/steps.md"


def departments_uri(plan: Plan) -> str:
    return f"{plan_dir(plan)}/departments.md"


def action_anchor(action: Action) -> str:
    return f"a-{action.id}"


def heading_anchor(heading_: Heading) -> str:
    return f"s-{heading_.id}"


def facet_title(facet: Facet) -> str:
    return heading_label(facet.heading)


@dataclass(frozen=True)
class _Downloads:
    """The built files of each plan and how to ask for other formats."""

    office: Office
    by_plan: Mapping[str, Sequence[Download]]

    def whole_plan(self, plan: Plan) -> list[Download]:
        return [download for download in self.by_plan.get(plan.id, ()) if download.spec.facet is None]

    def of_facet(self, plan: Plan, facet: Facet) -> list[Download]:
        return [download for download in self.by_plan.get(plan.id, ()) if download.spec.facet == facet]

    def block(self, page_uri: str, files: Sequence[Download]) -> str:
        return download_block(page_uri, files, self.office, OPEN_DATA if self.by_plan else None)


def generate_site_pages(site: Site, downloads: Mapping[str, Sequence[Download]] | None = None) -> tuple[list[GeneratedPage], list[NavEntry]]:
    """Every generated page and the navigation; `downloads` (by plan id) adds 下載 blocks."""
    files = _Downloads(site.office, downloads or {})
    pages = [_home_page(site, files)]
    nav = [NavEntry("首頁", HOME)]
    for plan in site.plans:
        plan_pages = generate_plan_pages(plan, files)
        pages += plan_pages
        nav.append(NavEntry(plan.title, children=[NavEntry(page.title, page.uri) for page in plan_pages]))
    if downloads:
        pages.append(_open_data_page(site, files))
        nav.append(NavEntry("開放資料說明", OPEN_DATA))
    return pages, nav


def generate_plan_pages(plan: Plan, files: _Downloads) -> list[GeneratedPage]:
    whole = files.whole_plan(plan)
    pages = [_overview_page(plan)]
    pages += [_facet_page(plan, facet) for facet in plan.facets]
    pages.append(_steps_page(plan))
    pages.append(_departments_page(plan))
    with_blocks = []
    for page in pages:
        facet = next((facet for facet in plan.facets if page.uri == facet_uri(plan, facet)), None)
        offered = (files.of_facet(plan, facet) if facet else []) + whole
        with_blocks.append(GeneratedPage(page.uri, page.title, page.markdown + files.block(page.uri, offered)))
    return with_blocks


# -- home


def _home_page(site: Site, files: _Downloads) -> GeneratedPage:
    body = front_matter(site.title) + heading(1, site.title, PAGE_TITLE_ANCHOR)
    if site.description:
        body += f"<p>{esc(site.description)}</p>\n\n"
    body += heading(2, "計畫一覽", "plans")
    rows = []
    for plan in site.plans:
        actions = [row for row in plan.rows() if row.action.source is not SourceState.MISSING]
        rows.append(
            "<tr>"
            f"<td>{plan.roc_year}年度</td>"
            f'<th scope="row"><a href="{link(HOME, overview_uri(plan))}">{esc(plan.title)}</a></th>'
            f"<td>{esc(plan.office)}</td>"
            f"<td>{len(plan.facets)}</td>"
            f"<td>{len(actions)}</td>"
            "</tr>"
        )
    body += _table("本站公開的計畫（由新到舊）", ["年度", "計畫名稱", "訂定機關", "面向數", "具體作法數"], rows)
    # The newest year's whole-plan files; older plans offer theirs on their own pages.
    newest = [plan for plan in site.plans if plan.roc_year == site.plans[0].roc_year] if site.plans else []
    body += files.block(HOME, [download for plan in newest for download in files.whole_plan(plan)])
    return GeneratedPage(HOME, "首頁", body)


# -- open data description


def _open_data_page(site: Site, files: _Downloads) -> GeneratedPage:
    title = "開放資料說明"
    body = front_matter(title) + heading(1, title, PAGE_TITLE_ANCHOR)
    body += (
        f"<p>本站每份計畫的具體作法，另以 CSV、JSON 與 ODS 逐項提供，整份計畫的完整結構則以 JSON 提供。"
        f'資料依<a href="{esc(LICENSE_URL)}">{esc(LICENSE_NAME)}</a>開放，歡迎利用；利用時請註明出處「{esc(site.office.name)}」。</p>\n\n'
    )
    body += heading(2, "欄位", "fields")
    rows = [f'<tr><th scope="row">{esc(field.label)}</th><td><code>{esc(field.key)}</code></td><td>{esc(field.description)}</td></tr>' for field in FIELDS]
    body += _table("具體作法逐項資料的欄位（CSV 欄名、JSON 鍵名與說明）", ["CSV／ODS 欄名", "JSON 鍵名", "說明"], rows)
    body += heading(2, "格式與更新", "format")
    facts = [
        ("編碼", "UTF-8（CSV 檔含 BOM 並以 CRLF 換行，Excel 能正確辨識中文）"),
        (
            "Excel 使用提醒",
            "直接以 Excel 開啟 CSV 時，「(1)」、「1-1-2」等欄位可能被當成數字或日期；請改用 ODS 檔，或以「資料 → 從文字/CSV」匯入並把各欄設為文字",
        ),
        ("單位", "各欄皆為文字；日期以民國年月日表示"),
        ("更新頻率", "計畫發布或修正時更新；網站每次發布都依計畫資料重新產生"),
        ("授權", LICENSE_NAME),
        ("原始文件缺漏", "原始文件缺漏或未載明之處，欄位內容標示「原始文件此處缺漏」或「原始文件未載明」，並於「原始文件狀態」欄註明"),
    ]
    items = "".join(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in facts)
    body += f'<dl class="plan-facts">{items}</dl>\n\n'
    body += heading(2, "各計畫的資料檔", "files")
    for plan in site.plans:
        data_files = [download for download in files.whole_plan(plan) if download.spec.format.extension in ("csv", "json", "ods")]
        links = "".join(
            f'<li><a href="{relative_url(OPEN_DATA, download.url_path)}" download>{esc(plan.title)}：{esc(download.spec.format.name)}</a></li>'
            for download in data_files
        )
        body += f"<ul>{links}</ul>\n\n"
    return GeneratedPage(OPEN_DATA, title, body)


# -- overview


def _overview_page(plan: Plan) -> GeneratedPage:
    uri = overview_uri(plan)
    body = front_matter(plan.title, plan.last_updated()) + heading(1, plan.title, PAGE_TITLE_ANCHOR)
    body += _plan_facts(plan)
    if plan.source_note:
        body += _note_block(plan.source_note)

    body += heading(2, section_label(plan.basis_heading), "basis")
    body += _numbered_list([(item.number, item.text, None) for item in plan.basis])

    body += heading(2, section_label(plan.goals_heading), "goals")
    body += "".join(f"<p>{esc_text(paragraph)}</p>\n\n" for paragraph in plan.goals)

    body += heading(2, section_label(plan.targets_heading), "targets")
    body += _numbered_list([(item.number, item.text, item.note) for item in plan.targets])

    body += heading(2, section_label(plan.execution_heading), "execution")
    if plan.category:
        body += f"<p>{esc(section_label(plan.category))}</p>\n\n"
    body += _facet_summary_table(plan, uri)

    body += heading(2, section_label(plan.steps_heading), "steps")
    body += f'<p>全文見<a href="{link(uri, steps_uri(plan))}">{esc(section_label(plan.steps_heading))}</a>。</p>\n\n'

    # The closing clause (陸) is printed in the source as a top-level heading line.
    body += heading(2, f"{plan.closing.number or ''}{plan.closing.text}", "closing")
    return GeneratedPage(uri, "計畫總覽", body)


def _plan_facts(plan: Plan) -> str:
    def date_cell(value: date | None) -> str:
        if value is None:
            return UNSTATED
        return f'<time datetime="{value.isoformat()}">{roc_date(value)}</time>'

    facts = [
        ("訂定機關", esc(plan.office)),
        ("年度", f"民國 {plan.roc_year} 年度"),
        ("發布日期", date_cell(plan.published)),
        ("最近修正日期", date_cell(plan.amended)),
    ]
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts)
    return f'<dl class="plan-facts">{items}</dl>\n\n'


def _facet_summary_table(plan: Plan, uri: str) -> str:
    rows = []
    for facet in plan.facets:
        facet_actions = [row.action for row in facet_rows(facet)]
        present = [action for action in facet_actions if action.source is not SourceState.MISSING]
        missing = len(facet_actions) - len(present)
        substrategies = sum(len(strategy.substrategies) for strategy in facet.strategies)
        action_cell = f"{len(present)}" + (f"（另有 {missing} 項缺漏）" if missing else "")
        rows.append(
            "<tr>"
            f'<th scope="row"><a href="{link(uri, facet_uri(plan, facet))}">{esc(facet_title(facet))}</a></th>'
            f"<td>{len(facet.strategies)}</td>"
            f"<td>{substrategies}</td>"
            f"<td>{action_cell}</td>"
            "</tr>"
        )
    caption = "各面向的執行策略、子策略與具體作法數"
    return _table(caption, ["面向", "執行策略", "子策略", "具體作法"], rows)


# -- facet pages


def _facet_page(plan: Plan, facet: Facet) -> GeneratedPage:
    uri = facet_uri(plan, facet)
    title = facet_title(facet)
    # Facet pages hold the plan text itself: rank them first in search.
    body = front_matter(f"{title}｜{plan.title}", plan.last_updated(), search_boost=2) + heading(1, title, heading_anchor(facet.heading))
    body += (
        f'<p class="plan-context">本頁為<a href="{link(uri, overview_uri(plan))}">{esc(plan.title)}</a>'
        f"「{esc(section_label(plan.execution_heading))}」的第 {facet.position} 個面向。</p>\n\n"
    )
    body += _heading_note(facet.heading)
    for strategy in facet.strategies:
        body += _strategy_section(strategy)
    return GeneratedPage(uri, title, body)


def _strategy_section(strategy: Strategy) -> str:
    body = heading(2, heading_label(strategy.heading), heading_anchor(strategy.heading))
    body += _heading_note(strategy.heading)
    for substrategy, actions in strategy.action_groups():
        if substrategy is None:
            body += _action_table(strategy.heading, actions)
            continue
        body += _substrategy_section(substrategy)
    return body


def _substrategy_section(substrategy: SubStrategy) -> str:
    label = heading_label(substrategy.heading) if substrategy.heading.number or substrategy.heading.title else "具體作法"
    body = heading(3, label, heading_anchor(substrategy.heading))
    body += _heading_note(substrategy.heading)
    return body + _action_table(substrategy.heading, substrategy.actions)


def _action_table(parent: Heading, actions: tuple[Action, ...]) -> str:
    rows = []
    # A run of missing actions is one gap, not a row of identical notices each.
    for is_missing, run in groupby(actions, key=lambda action: action.source is SourceState.MISSING):
        run_actions = list(run)
        if is_missing:
            rows += _missing_rows(run_actions)
        else:
            rows += [_action_row(action) for action in run_actions]
    caption = f"{heading_label(parent)}的具體作法"
    return _table(caption, ["編號", "具體作法", "承辦部門", "執行期間"], rows, css="plan-actions")


def _action_row(action: Action) -> str:
    return (
        f'<tr id="{action_anchor(action)}">'
        f'<th scope="row">{_number_cell(action.number)}</th>'
        f'<td data-label="具體作法">{_action_text(action)}</td>'
        f'<td data-label="承辦部門">{_marked(departments_label(action))}</td>'
        f'<td data-label="執行期間">{_marked(period_label(action))}</td>'
        "</tr>"
    )


def _missing_rows(actions: list[Action]) -> list[str]:
    extra_anchors = "".join(f'<span id="{action_anchor(action)}"></span>' for action in actions[1:])
    notes = "".join(_note_paragraph(action.note) for action in actions if action.note)
    number = number_range(actions)
    return [
        f'<tr id="{action_anchor(actions[0])}" class="plan-gap-row">'
        f'<th scope="row">{_number_cell(number)}</th>'
        f'<td colspan="3">{extra_anchors}{_gap_text(actions[0])}{notes}</td>'
        "</tr>"
    ]


def _action_text(action: Action) -> str:
    html = f"<p>{_gap_text(action)}</p>"
    if action.subitems:
        items = "".join(
            f'<li id="i-{item.id}"><span class="plan-number">{esc(item.number or "")}</span> {esc_text(item.text)}</li>' for item in action.subitems
        )
        html += f'<ul class="plan-subitems">{items}</ul>'
    if action.note:
        html += _note_paragraph(action.note)
    return html


def _gap_text(action: Action) -> str:
    return "".join(f'<span class="plan-gap">{esc(piece)}</span>' if is_gap else esc_text(piece) for piece, is_gap in text_pieces(action))


def _marked(label: str) -> str:
    """Departments or period; gap and inference markers are styled."""
    return "".join(esc(text) if kind == "plain" else f'<span class="plan-{kind}">{esc(text)}</span>' for text, kind in marked_pieces(label))


def _number_cell(number: str | None) -> str:
    return esc(number) if number else '<span class="plan-unnumbered">（未編號）</span>'


def _heading_note(heading_: Heading) -> str:
    return _note_block(heading_.note) if heading_.note else ""


# -- steps page


def _steps_page(plan: Plan) -> GeneratedPage:
    title = section_label(plan.steps_heading)
    body = front_matter(f"{title}｜{plan.title}", plan.last_updated()) + heading(1, title, PAGE_TITLE_ANCHOR)
    body += f'<p class="plan-context">本頁為<a href="{link(steps_uri(plan), overview_uri(plan))}">{esc(plan.title)}</a>的實施步驟。</p>\n\n'
    body += _numbered_list([(item.number, item.text, item.note) for item in plan.steps])
    return GeneratedPage(steps_uri(plan), title, body)


# -- departments page


def _departments_page(plan: Plan) -> GeneratedPage:
    uri = departments_uri(plan)
    title = "依承辦部門檢視"
    # It repeats every action's text: rank it below the facet pages in search.
    body = front_matter(f"{title}｜{plan.title}", plan.last_updated(), search_boost=0.5) + heading(1, title, PAGE_TITLE_ANCHOR)
    body += (
        f'<p class="plan-context">依承辦部門列出<a href="{link(uri, overview_uri(plan))}">{esc(plan.title)}</a>'
        "的具體作法；點選位置可回到該面向頁面的原項目。標示「（推定）」者，係原始文件欄位未能逐項對齊而推定的部門。</p>\n\n"
    )
    rows = [row for row in plan.rows() if row.action.source is not SourceState.MISSING]
    for index, department in enumerate(plan.departments, start=1):
        mine = [row for row in rows if row.action.departments and department in row.action.departments]
        body += heading(2, department, f"d-{index}")
        body += _department_table(plan, uri, department, mine)
    unstated = [row for row in rows if row.action.departments is None]
    if unstated:
        body += heading(2, "承辦部門未載明", "d-unstated")
        body += _department_table(plan, uri, "承辦部門未載明", unstated)
    return GeneratedPage(uri, title, body)


def _department_table(plan: Plan, uri: str, department: str, rows: list[ActionRow]) -> str:
    if not rows:
        return "<p>無。</p>\n\n"
    lines = []
    for row in rows:
        where = _row_position(row)
        href = link(uri, facet_uri(plan, row.facet), action_anchor(row.action))
        inferred = '<span class="plan-inferred">（推定）</span>' if row.action.departments_inferred else ""
        lines.append(
            "<tr>"
            f'<th scope="row"><a href="{href}">{esc(where)}</a>{inferred}</th>'
            f"<td>{_gap_text(row.action)}</td>"
            f"<td>{_marked(period_label(row.action))}</td>"
            "</tr>"
        )
    return _table(f"{department}承辦的具體作法（{len(rows)} 項）", ["位置", "具體作法", "執行期間"], lines, css="plan-by-department")


def _row_position(row: ActionRow) -> str:
    parts = [heading_label(row.facet.heading), row.strategy.heading.number or heading_label(row.strategy.heading)]
    if row.substrategy is not None and row.substrategy.heading.number:
        parts.append(row.substrategy.heading.number)
    parts.append(row.action.number or "（未編號）")
    return " ".join(part for part in parts if part)


# -- shared blocks


def _numbered_list(items: list[tuple[str | None, str, str | None]]) -> str:
    lis = "".join(
        f'<li><span class="plan-number">{esc(number or "")}</span>{esc_text(text)}{_note_paragraph(note) if note else ""}</li>' for number, text, note in items
    )
    return f'<ol class="plan-numbered">{lis}</ol>\n\n'


def _note_paragraph(note: str) -> str:
    return f'<p class="plan-note"><span class="plan-note-label">{EDITOR_NOTE}：</span>{esc_text(note)}</p>'


def _note_block(note: str) -> str:
    return f'<div class="plan-note-block">{_note_paragraph(note)}</div>\n\n'


def _table(caption: str, headers: list[str], rows: list[str], css: str = "") -> str:
    head = "".join(f'<th scope="col">{esc(label)}</th>' for label in headers)
    class_attr = f' class="{css}"' if css else ""
    body = "\n".join(rows)
    return f"<table{class_attr}>\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n\n"
