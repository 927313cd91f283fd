"""The web pages' outlines: home, and per plan an overview, one page per
facet, the implementation steps and a by-department view; the open data page
and the site map.

What each page says is decided here (in wording.py's words); the page writer
(plansite/writers/markdown_pages.py) only turns these blocks into Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..download_files import Download
from ..model import ActionRow as ModelActionRow
from ..model import Facet, Office, Plan, Site, SourceState, facet_rows
from ..site_structure import (
    HOME,
    OPEN_DATA,
    PAGE_TITLE_ANCHOR,
    SITEMAP,
    NavEntry,
    action_anchor,
    departments_uri,
    facet_uri,
    heading_anchor,
    overview_uri,
    steps_uri,
)
from . import wording
from .blocks import (
    Block,
    Cell,
    DataTable,
    DownloadItem,
    DownloadList,
    Fact,
    Facts,
    Heading,
    LinkList,
    NavNode,
    NavTree,
    PageOutline,
    Paragraph,
    Ref,
    Role,
    Run,
    Runs,
    Style,
    plain,
)
from .document import basis_list, facet_blocks, facet_context_runs, front_blocks, goal_paragraphs, steps_list, targets_list
from .records import FIELDS


@dataclass(frozen=True)
class SiteDownloads:
    """The built files of each plan, for the 下載 blocks."""

    office: Office
    by_plan: Mapping[str, Sequence[Download]]

    def whole_plan(self, plan: Plan) -> list[Download]:
        return [download for download in self.by_plan.get(plan.id, ()) if download.spec.facet is None]

    def of_facet(self, plan: Plan, facet: Facet) -> list[Download]:
        return [download for download in self.by_plan.get(plan.id, ()) if download.spec.facet == facet]


def site_pages(site: Site, downloads: Mapping[str, Sequence[Download]] | None = None) -> tuple[list[PageOutline], list[NavEntry]]:
    """Every generated page but the site map, and the navigation; `downloads` (by plan id) fills the 下載 blocks."""
    files = SiteDownloads(site.office, downloads or {})
    pages = [home_page(site, files)]
    nav = [NavEntry(wording.HOME_TITLE, HOME)]
    for plan in site.plans:
        plan_pages = plan_page_outlines(plan, files)
        pages += plan_pages
        nav.append(NavEntry(plan.title, children=[NavEntry(page.nav_title, page.uri) for page in plan_pages]))
    pages.append(open_data_page(site, files))
    nav.append(NavEntry(wording.OPEN_DATA_TITLE, OPEN_DATA))
    return pages, nav


def plan_page_outlines(plan: Plan, files: SiteDownloads) -> list[PageOutline]:
    whole = files.whole_plan(plan)
    office = files.office
    pages = [overview_page(plan, download_blocks(whole, office))]
    pages += [facet_page(plan, facet, download_blocks(files.of_facet(plan, facet) + whole, office)) for facet in plan.facets]
    pages.append(steps_page(plan, download_blocks(whole, office)))
    pages.append(departments_page(plan, download_blocks(whole, office)))
    return pages


# -- home


def home_page(site: Site, files: SiteDownloads) -> PageOutline:
    blocks: list[Block] = []
    if site.description:
        blocks.append(Paragraph(plain(site.description)))
    blocks.append(Heading(2, wording.PLAN_LIST_HEADING, "plans"))
    rows = []
    for plan in site.plans:
        present = [row for row in plan.rows() if row.action.source is not SourceState.MISSING]
        rows.append(
            (
                Cell(plain(wording.plan_year_label(plan))),
                Cell((Run(plan.title, ref=Ref(overview_uri(plan))),), header=True),
                Cell(plain(plan.issuing_office)),
                Cell(plain(str(len(plan.facets)))),
                Cell(plain(str(len(present)))),
            )
        )
    blocks.append(DataTable(wording.PLAN_LIST_CAPTION, wording.PLAN_LIST_HEADERS, tuple(rows)))
    # The newest year's whole-plan files; older plans offer theirs on their own pages.
    newest = [plan for plan in site.plans if plan.roc_year == site.plans[0].roc_year] if site.plans else []
    blocks += download_blocks([download for plan in newest for download in files.whole_plan(plan)], files.office)
    return _page(HOME, wording.HOME_TITLE, site.title, Heading(1, site.title, PAGE_TITLE_ANCHOR), blocks)


# -- a plan's pages


def overview_page(plan: Plan, downloads: list[Block]) -> PageOutline:
    uri = overview_uri(plan)
    blocks: list[Block] = [*front_blocks(plan)]
    blocks += [Heading(2, wording.section_label(plan.basis_heading), "basis"), basis_list(plan)]
    blocks.append(Heading(2, wording.section_label(plan.goals_heading), "goals"))
    blocks += goal_paragraphs(plan)
    blocks += [Heading(2, wording.section_label(plan.targets_heading), "targets"), targets_list(plan)]
    blocks.append(Heading(2, wording.section_label(plan.execution_heading), "execution"))
    if plan.category:
        blocks.append(Paragraph(plain(wording.section_label(plan.category))))
    blocks.append(facet_summary_table(plan))
    steps = wording.section_label(plan.steps_heading)
    blocks.append(Heading(2, steps, "steps"))
    blocks.append(Paragraph((Run("全文見"), Run(steps, ref=Ref(steps_uri(plan))), Run("。"))))
    blocks.append(Heading(2, wording.closing_label(plan), "closing"))
    blocks += downloads
    return _page(uri, wording.OVERVIEW_TITLE, plan.title, Heading(1, plan.title, PAGE_TITLE_ANCHOR), blocks, plan)


def facet_summary_table(plan: Plan) -> DataTable:
    rows = []
    for facet in plan.facets:
        facet_actions = [row.action for row in facet_rows(facet)]
        present = [action for action in facet_actions if action.source is not SourceState.MISSING]
        missing = len(facet_actions) - len(present)
        substrategies = sum(len(strategy.substrategies) for strategy in facet.strategies)
        rows.append(
            (
                Cell((Run(wording.heading_label(facet.heading), ref=Ref(facet_uri(plan, facet))),), header=True),
                Cell(plain(str(len(facet.strategies)))),
                Cell(plain(str(substrategies))),
                Cell(plain(wording.action_count(len(present), missing))),
            )
        )
    return DataTable(wording.FACET_SUMMARY_CAPTION, wording.FACET_SUMMARY_HEADERS, tuple(rows))


def facet_page(plan: Plan, facet: Facet, downloads: list[Block]) -> PageOutline:
    uri = facet_uri(plan, facet)
    label = wording.heading_label(facet.heading)
    blocks: list[Block] = [Paragraph(facet_context_runs(plan, facet, overview_uri(plan)), Role.CONTEXT)]
    blocks += facet_blocks(facet, level=1, with_heading=False)
    blocks += downloads
    # Facet pages hold the plan text itself: rank them first in search.
    heading = Heading(1, label, heading_anchor(facet.heading))
    return _page(uri, label, wording.facet_file_title(plan, facet), heading, blocks, plan, search_boost=2)


def steps_page(plan: Plan, downloads: list[Block]) -> PageOutline:
    title = wording.section_label(plan.steps_heading)
    context = (Run("本頁為"), Run(plan.title, ref=Ref(overview_uri(plan))), Run("的實施步驟。"))
    blocks: list[Block] = [Paragraph(context, Role.CONTEXT), steps_list(plan), *downloads]
    return _page(steps_uri(plan), title, f"{title}｜{plan.title}", Heading(1, title, PAGE_TITLE_ANCHOR), blocks, plan)


def departments_page(plan: Plan, downloads: list[Block]) -> PageOutline:
    title = wording.DEPARTMENTS_TITLE
    context = (Run("依承辦部門列出"), Run(plan.title, ref=Ref(overview_uri(plan))), Run(wording.DEPARTMENTS_CONTEXT_AFTER))
    blocks: list[Block] = [Paragraph(context, Role.CONTEXT)]
    rows = [row for row in plan.rows() if row.action.source is not SourceState.MISSING]
    for index, department in enumerate(plan.departments, start=1):
        mine = [row for row in rows if row.action.departments and department in row.action.departments]
        blocks.append(Heading(2, department, f"d-{index}"))
        blocks.append(_department_table(plan, department, mine))
    unstated = [row for row in rows if row.action.departments is None]
    if unstated:
        blocks.append(Heading(2, wording.DEPARTMENT_UNSTATED, "d-unstated"))
        blocks.append(_department_table(plan, wording.DEPARTMENT_UNSTATED, unstated))
    blocks += downloads
    heading = Heading(1, title, PAGE_TITLE_ANCHOR)
    # It repeats every action's text: rank it below the facet pages in search.
    return _page(departments_uri(plan), title, f"{title}｜{plan.title}", heading, blocks, plan, search_boost=0.5)


def _department_table(plan: Plan, department: str, rows: list[ModelActionRow]) -> Block:
    if not rows:
        return Paragraph(plain(wording.NONE_LISTED))
    lines = []
    for row in rows:
        place: Runs = (Run(wording.row_position(row), ref=Ref(facet_uri(plan, row.facet), action_anchor(row.action))),)
        if row.action.departments_inferred:
            place += (Run(wording.INFERRED_MARK, Style.INFERRED),)
        lines.append((Cell(place, header=True), Cell(wording.text_runs(row.action)), Cell(wording.period_runs(row.action))))
    caption = wording.department_table_caption(department, len(rows))
    return DataTable(caption, wording.DEPARTMENT_TABLE_HEADERS, tuple(lines), kind="by-department")


# -- open data description


def open_data_page(site: Site, files: SiteDownloads) -> PageOutline:
    title = wording.OPEN_DATA_TITLE
    intro = (
        Run(wording.OPEN_DATA_INTRO),
        Run(wording.LICENSE_NAME, ref=Ref(wording.LICENSE_URL, external=True)),
        Run(f"開放，歡迎利用；利用時請註明出處「{site.office.name}」。"),
    )
    blocks: list[Block] = [Paragraph(intro), Heading(2, "欄位", "fields")]
    rows = tuple((Cell(plain(field.label), header=True), Cell((Run(field.key, Style.CODE),)), Cell(plain(field.description))) for field in FIELDS)
    blocks.append(DataTable(wording.FIELDS_CAPTION, wording.FIELDS_HEADERS, rows))
    blocks.append(Heading(2, "格式與更新", "format"))
    blocks.append(Facts(tuple(Fact(label, value) for label, value in wording.OPEN_DATA_FACTS)))
    blocks.append(Heading(2, "各計畫的資料檔", "files"))
    for plan in site.plans:
        data_files = [download for download in files.whole_plan(plan) if download.spec.format.extension in ("csv", "json", "ods")]
        links = tuple((Run(f"{plan.title}：{download.spec.format.label}", ref=Ref(download.url_path, download=True)),) for download in data_files)
        blocks.append(LinkList(links))
    return _page(OPEN_DATA, title, title, Heading(1, title, PAGE_TITLE_ANCHOR), blocks)


# -- the site map


def sitemap_page(nav: list[NavEntry] | None = None) -> PageOutline:
    """The 網站導覽 page. Without `nav` its tree is left for the caller to fill in
    (the MkDocs adapter does, once every page's title is known)."""
    title = wording.SITEMAP_TITLE
    blocks: list[Block] = [Paragraph(plain(wording.SITEMAP_INTRO))]
    rows = tuple((Cell(plain(f"Alt + {key}"), header=True), Cell(plain(name)), Cell(plain(what))) for key, name, what in wording.ACCESS_KEYS)
    blocks.append(DataTable(wording.ACCESS_KEYS_CAPTION, wording.ACCESS_KEYS_HEADERS, rows))
    blocks.append(Paragraph(plain(wording.TAB_KEYS)))
    blocks.append(Heading(2, "網站架構", "pages"))
    blocks.append(NavTree(tuple(nav_nodes(nav or []))))
    return _page(SITEMAP, title, title, Heading(1, title, PAGE_TITLE_ANCHOR), blocks)


def nav_nodes(entries: list[NavEntry]) -> list[NavNode]:
    nodes = []
    for entry in entries:
        ref = None
        if entry.uri:
            external = "://" in entry.uri or entry.uri.startswith("mailto:")
            ref = Ref(entry.uri, external=external)
        nodes.append(NavNode(entry.title, ref, tuple(nav_nodes(entry.children))))
    return nodes


# -- shared


def download_blocks(downloads: Sequence[Download], office: Office) -> list[Block]:
    """The 下載 section: each file with its format's name, size, pages, date and checksum,
    what the formats are, and how to ask for another format."""
    if not downloads:
        return []
    # Several plans' files on one page: name the plan, so each link text is unique.
    name_plan = len({download.spec.plan.id for download in downloads}) > 1
    items = []
    for download in downloads:
        spec = download.spec
        facts = [wording.file_size_label(download.size)]
        if download.pages:
            facts.append(wording.page_count_label(download.pages))
        label = wording.download_label(spec.plan.title if name_plan else None, spec.scope_label, spec.format.label)
        items.append(DownloadItem(Ref(download.url_path, download=True), label, tuple(facts), download.updated, download.sha256))
    notes = (
        (Run(wording.FORMAT_NOTE), Run("欄位說明見"), Run(wording.OPEN_DATA_TITLE, ref=Ref(OPEN_DATA)), Run("。")),
        wording.other_format_request(office),
    )
    return [Heading(2, wording.DOWNLOADS_HEADING, "downloads", searchable=False), DownloadList(tuple(items), notes)]


def _page(
    uri: str,
    nav_title: str,
    title: str,
    heading: Heading,
    blocks: list[Block],
    plan: Plan | None = None,
    search_boost: float | None = None,
) -> PageOutline:
    return PageOutline(uri, nav_title, title, heading, tuple(blocks), plan.last_updated() if plan else None, search_boost)


