"""The web pages' outlines: home, and per plan an overview, one page per
facet, the implementation steps and a by-department view; the open data page
and the site map.

What each page says is decided here (in wording.py's words); the page writer
(plansite/writers/markdown_pages.py) only turns these blocks into Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..compare import DiffPiece, Matching, PlacedAction, PlanComparison, compare_plans, consecutive_pairs
from ..download_files import Download
from ..model import Action, Facet, Office, Plan, Site, SourceState, facet_rows
from ..model import ActionRow as ModelActionRow
from ..progress.model import Round
from ..site_structure import (
    HOME,
    OPEN_DATA,
    PAGE_TITLE_ANCHOR,
    SITEMAP,
    NavEntry,
    action_anchor,
    changes_uri,
    comparison_uri,
    departments_uri,
    facet_uri,
    heading_anchor,
    overview_uri,
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
    Note,
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
from .progress import latest_status, progress_page, round_page, status_runs
from .records import FIELDS, ROUND_FIELDS, Field


@dataclass(frozen=True)
class SiteDownloads:
    """The built files of each plan, for the 下載 blocks."""

    office: Office
    by_plan: Mapping[str, Sequence[Download]]

    def whole_plan(self, plan: Plan) -> list[Download]:
        return [download for download in self.by_plan.get(plan.id, ()) if download.spec.facet is None and download.spec.round is None]

    def of_facet(self, plan: Plan, facet: Facet) -> list[Download]:
        return [download for download in self.by_plan.get(plan.id, ()) if download.spec.facet == facet]

    def of_round(self, plan: Plan, round_: Round) -> list[Download]:
        return [download for download in self.by_plan.get(plan.id, ()) if download.spec.round is not None and download.spec.round.id == round_.id]


def site_pages(site: Site, downloads: Mapping[str, Sequence[Download]] | None = None) -> tuple[list[PageOutline], list[NavEntry]]:
    """Every generated page but the site map, and the navigation; `downloads` (by plan id) fills the 下載 blocks."""
    files = SiteDownloads(site.office, downloads or {})
    pages = [home_page(site, files)]
    nav = [NavEntry(wording.HOME_TITLE, HOME)]
    comparisons = {later.id: compare_plans(earlier, later) for earlier, later in consecutive_pairs(site)}
    several_plans = len(site.plans) > 1
    for plan in site.plans:
        plan_pages = plan_page_outlines(plan, files, site.rounds_of(plan), comparisons.get(plan.id))
        if several_plans:
            plan_pages = [replace(page, nav_context=wording.plan_context(plan)) for page in plan_pages]
        pages += plan_pages
        nav.append(NavEntry(plan.title, children=[NavEntry(page.nav_title, page.uri, context=page.nav_context) for page in plan_pages]))
    pages.append(open_data_page(site, files))
    nav.append(NavEntry(wording.OPEN_DATA_TITLE, OPEN_DATA))
    return pages, nav


def plan_page_outlines(plan: Plan, files: SiteDownloads, rounds: tuple[Round, ...] = (), comparison: PlanComparison | None = None) -> list[PageOutline]:
    whole = files.whole_plan(plan)
    office = files.office
    pages = [overview_page(plan, download_blocks(whole, office))]
    # Once assessments are published, each action shows its latest status beside it.
    status = (lambda action: latest_status(rounds, action) or status_runs(wording.NEVER_REPORTED)) if rounds else None
    pages += [facet_page(plan, facet, download_blocks(files.of_facet(plan, facet) + whole, office), status) for facet in plan.facets]
    pages.append(departments_page(plan, download_blocks(whole, office)))
    uri, nav_title, title, blocks = progress_page(plan, rounds)
    pages.append(_page(uri, nav_title, title, Heading(1, wording.PROGRESS_TITLE, PAGE_TITLE_ANCHOR), blocks, plan))
    for round_ in rounds:
        uri, nav_title, title, blocks = round_page(plan, rounds, round_)
        blocks += download_blocks(files.of_round(plan, round_), office)
        heading = Heading(1, wording.round_title(round_.label), PAGE_TITLE_ANCHOR)
        pages.append(PageOutline(uri, nav_title, title, heading, tuple(blocks), round_.assessed or plan.last_updated()))
    pages.append(changes_page(plan))
    if comparison is not None:
        pages.append(comparison_page(comparison))
    return pages


# -- home


def home_page(site: Site, files: SiteDownloads) -> PageOutline:
    """What the plan is, within ten seconds: the newest plan's own goal, its
    facets as ways in, the office's own service links, then the files."""
    blocks: list[Block] = []
    if site.description:
        blocks.append(Paragraph(plain(site.description)))
    newest = [plan for plan in site.plans if plan.roc_year == site.plans[0].roc_year] if site.plans else []
    for plan in newest:
        # On a site of several plans the menu names each plan's pages; these links do too.
        blocks += _plan_lead(plan, level=2, several_plans=len(site.plans) > 1)
    if site.links:
        blocks.append(Heading(2, wording.HOME_LINKS_HEADING, "links"))
        items = []
        for link in site.links:
            runs: Runs = (Run(link.title, ref=Ref(link.url, external=True)),)
            items.append(runs + ((Run(f"：{link.description}"),) if link.description else ()))
        blocks.append(LinkList(tuple(items)))
    if len(site.plans) > 1:
        blocks.append(Heading(2, wording.PLAN_LIST_HEADING, "plans"))
        rows = []
        for plan in site.plans:
            actions = [row.action for row in plan.rows()]
            label = wording.PLAN_LIST_HEADERS
            rows.append(
                (
                    Cell(plain(wording.plan_year_label(plan)), label=label[0]),
                    Cell((Run(plan.title, ref=Ref(overview_uri(plan))),), header=True, label=label[1]),
                    Cell(plain(plan.issuing_office), label=label[2]),
                    Cell(plain(str(len(plan.facets))), label=label[3]),
                    Cell(plain(wording.action_count(actions)), label=label[4]),
                )
            )
        blocks.append(DataTable(wording.PLAN_LIST_CAPTION, wording.PLAN_LIST_HEADERS, tuple(rows), kind="cards"))
    # The newest year's whole-plan files; older plans offer theirs on their own pages.
    blocks += download_blocks([download for plan in newest for download in files.whole_plan(plan)], files.office)
    return _page(HOME, wording.HOME_TITLE, site.title, Heading(1, site.title, PAGE_TITLE_ANCHOR), blocks)


def _plan_lead(plan: Plan, level: int, several_plans: bool) -> list[Block]:
    """A plan in brief: its title, its own goal sentence, its facets with their counts.

    With several plans on the page, each link also says its plan to screen readers (Ref.context).
    """

    def ref(uri: str) -> Ref:
        return Ref(uri, context=wording.plan_context(plan) if several_plans else None)

    blocks: list[Block] = [Heading(level, wording.plan_lead_heading(plan), f"plan-{plan.id}")]
    blocks += [Paragraph((Run(f"{wording.GOALS_LEAD}："), Run(text))) for text in plan.goals]
    blocks.append(Heading(level + 1, wording.FACET_ENTRY_HEADING.format(count=len(plan.facets)), f"facets-{plan.id}"))
    entries = []
    for facet in plan.facets:
        count = wording.action_count([row.action for row in facet_rows(facet)])
        entry = wording.facet_entry(wording.heading_label(facet.heading), count)
        entries.append((Run(entry, ref=ref(facet_uri(plan, facet))),))
    blocks.append(LinkList(tuple(entries)))
    blocks.append(Paragraph((Run(wording.OVERVIEW_LINK, ref=ref(overview_uri(plan))),)))
    return blocks


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
    # 伍 is short: in full here, so no second page (and no second link) carries its title.
    blocks += [Heading(2, wording.section_label(plan.steps_heading), "steps"), steps_list(plan)]
    blocks.append(Heading(2, wording.closing_label(plan), "closing"))
    blocks += downloads
    return _page(uri, wording.OVERVIEW_TITLE, plan.title, Heading(1, plan.title, PAGE_TITLE_ANCHOR), blocks, plan)


def facet_summary_table(plan: Plan) -> DataTable:
    rows = []
    labels = wording.FACET_SUMMARY_HEADERS
    for facet in plan.facets:
        substrategies = sum(len(strategy.substrategies) for strategy in facet.strategies)
        rows.append(
            (
                Cell((Run(wording.heading_label(facet.heading), ref=Ref(facet_uri(plan, facet))),), header=True, label=labels[0]),
                Cell(plain(str(len(facet.strategies))), label=labels[1]),
                Cell(plain(str(substrategies)), label=labels[2]),
                Cell(plain(wording.action_count([row.action for row in facet_rows(facet)])), label=labels[3]),
            )
        )
    total = wording.plan_action_total(wording.action_count([row.action for row in plan.rows()]))
    return DataTable(f"{wording.FACET_SUMMARY_CAPTION}（{total}）", labels, tuple(rows), kind="cards")


def facet_page(plan: Plan, facet: Facet, downloads: list[Block], status: Callable[[Action], Runs] | None = None) -> PageOutline:
    uri = facet_uri(plan, facet)
    label = wording.heading_label(facet.heading)
    blocks: list[Block] = [Paragraph(facet_context_runs(plan, facet, overview_uri(plan)), Role.CONTEXT)]
    blocks += facet_blocks(plan, facet, level=1, with_heading=False, status=status)
    blocks += downloads
    # Facet pages hold the plan text itself: rank them first in search.
    heading = Heading(1, label, heading_anchor(facet.heading))
    return _page(uri, label, wording.facet_file_title(plan, facet), heading, blocks, plan, search_boost=2)


def departments_page(plan: Plan, downloads: list[Block]) -> PageOutline:
    title = wording.DEPARTMENTS_TITLE
    context = (Run("依承辦部門列出"), Run(plan.title, ref=Ref(overview_uri(plan))), Run(wording.DEPARTMENTS_CONTEXT_AFTER))
    blocks: list[Block] = [Paragraph(context, Role.CONTEXT)]
    rows = [row for row in plan.rows() if row.action.source is not SourceState.MISSING]
    for index, department in enumerate(plan.departments, start=1):
        mine = [row for row in rows if row.action.departments and department in row.action.departments]
        blocks.append(Heading(2, department, f"d-{index}"))
        note = plan.department_note(department)
        if note:
            blocks.append(Note(note))
        blocks.append(_department_table(plan, department, mine))
    # Two different situations: the page that held the department is lost, or the source never gave one.
    lost = [row for row in rows if row.action.departments is None and row.action.source is not SourceState.COMPLETE]
    unstated = [row for row in rows if row.action.departments is None and row.action.source is SourceState.COMPLETE]
    for label, anchor, group in ((wording.DEPARTMENT_LOST, "d-lost", lost), (wording.DEPARTMENT_UNSTATED, "d-unstated", unstated)):
        if group:
            blocks += [Heading(2, label, anchor), Paragraph(plain(wording.DEPARTMENT_GROUP_NOTES[label])), _department_table(plan, label, group)]
    blocks += downloads
    heading = Heading(1, title, PAGE_TITLE_ANCHOR)
    # It repeats every action's text: rank it below the facet pages in search.
    return _page(departments_uri(plan), title, f"{title}｜{plan.title}", heading, blocks, plan, search_boost=0.5)


def _department_table(plan: Plan, department: str, rows: list[ModelActionRow]) -> Block:
    if not rows:
        return Paragraph(plain(wording.NONE_LISTED))
    lines = []
    labels = wording.DEPARTMENT_TABLE_HEADERS
    for row in rows:
        place: Runs = (Run(wording.row_position(row), ref=Ref(facet_uri(plan, row.facet), action_anchor(row.action))),)
        if row.action.departments_inferred:
            place += (Run(wording.INFERRED_MARK, Style.INFERRED),)
        text = wording.text_runs(row.action)
        # Sub-items (甲、乙、丙) are part of the action: the listing shows them too.
        for item in row.action.subitems:
            text += (Run("\n" + wording.subitem_line(item.number, item.text)),)
        lines.append((Cell(place, header=True, label=labels[0]), Cell(text, label=labels[1]), Cell(wording.period_runs(row.action), label=labels[2])))
    caption = wording.department_table_caption(department, len(rows))
    return DataTable(caption, labels, tuple(lines), kind="by-department")


# -- amendments


def changes_page(plan: Plan) -> PageOutline:
    """修正紀錄: every amendment of the plan, or that it has none."""
    blocks: list[Block] = [Facts((Fact("最近修正日期", wording.date_or_unstated(plan.amended), plan.amended),))]
    if not plan.amendments:
        blocks.append(Paragraph(plain(wording.AMENDED_WITHOUT_RECORD if plan.amended else wording.NO_AMENDMENTS)))
    else:
        labels = wording.AMENDMENT_HEADERS
        rows = tuple(
            (
                Cell(plain(wording.roc_date(amendment.date)), header=True, label=labels[0]),
                Cell(plain(amendment.description), label=labels[1]),
                Cell(plain(amendment.document_number or wording.UNSTATED), label=labels[2]),
            )
            for amendment in plan.amendments
        )
        blocks.append(DataTable(wording.AMENDMENT_CAPTION, labels, rows, kind="cards"))
    title = wording.CHANGES_TITLE
    return _page(changes_uri(plan), title, f"{title}｜{plan.title}", Heading(1, title, PAGE_TITLE_ANCHOR), blocks, plan)


# -- comparing years


def comparison_page(comparison: PlanComparison) -> PageOutline:
    earlier, later = comparison.earlier, comparison.later
    blocks: list[Block] = [
        Paragraph(
            (
                Run("比較"),
                Run(earlier.title, ref=Ref(overview_uri(earlier))),
                Run("與"),
                Run(later.title, ref=Ref(overview_uri(later))),
                Run("的具體作法。"),
            ),
            Role.CONTEXT,
        ),
        Paragraph(plain(wording.comparison_summary(len(comparison.added), len(comparison.removed), len(comparison.changed), len(comparison.unchanged)))),
        Heading(2, wording.COMPARISON_METHOD_TITLE, "method"),
        Paragraph(plain(wording.comparison_method(comparison.similarity_threshold, comparison.same_id_threshold))),
        Paragraph(plain(wording.DIFF_LEGEND)),
    ]
    for title, anchor, plan, actions in (
        (wording.COMPARISON_ADDED_TITLE, "added", later, comparison.added),
        (wording.COMPARISON_REMOVED_TITLE, "removed", earlier, comparison.removed),
    ):
        blocks.append(Heading(2, f"{title}（{len(actions)} 項）", anchor))
        blocks.append(_placed_table(plan, title, actions) if actions else Paragraph(plain(wording.NONE_LISTED)))
    blocks.append(Heading(2, f"{wording.COMPARISON_CHANGED_TITLE}（{len(comparison.changed)} 項）", "changed"))
    blocks.append(_changes_table(comparison) if comparison.changed else Paragraph(plain(wording.NONE_LISTED)))
    if comparison.headings:
        labels = ("層級", "修改", wording.comparison_side_label(earlier), wording.comparison_side_label(later))
        rows = tuple(
            (
                Cell(plain(change.level.label), header=True, label=labels[0]),
                Cell(plain(wording.HEADING_CHANGE_LABELS[change.kind]), label=labels[1]),
                Cell(plain(change.earlier or "—"), label=labels[2]),
                Cell(plain(change.later or "—"), label=labels[3]),
            )
            for change in comparison.headings
        )
        blocks += [Heading(2, wording.COMPARISON_HEADINGS_TITLE, "headings"), DataTable(wording.COMPARISON_HEADINGS_TITLE, labels, rows, kind="cards")]
    for sentence in (
        wording.unchanged_sentence(len(comparison.unchanged)),
        wording.not_compared_sentence(earlier, len(comparison.not_compared_earlier)),
        wording.not_compared_sentence(later, len(comparison.not_compared_later)),
    ):
        if sentence:
            blocks.append(Paragraph(plain(sentence)))
    title = wording.comparison_title(earlier, later)
    return _page(comparison_uri(later), title, f"{title}｜{later.title}", Heading(1, title, PAGE_TITLE_ANCHOR), blocks, later)


def _ref_in_plan(plan: Plan, placed: PlacedAction) -> Ref:
    return Ref(facet_uri(plan, placed.row.facet), action_anchor(placed.action), context=wording.plan_context(plan))


def _placed_table(plan: Plan, caption: str, actions: Sequence[PlacedAction]) -> DataTable:
    labels = (wording.DEPARTMENT_TABLE_HEADERS[0], *wording.ACTION_HEADERS[1:])
    rows = tuple(
        (
            # Both years' places read alike (「一、便民服務 (二) (2)」): the link also says its plan.
            Cell((Run(placed.position, ref=_ref_in_plan(plan, placed)),), header=True, label=labels[0]),
            Cell(wording.text_runs(placed.action), label=labels[1]),
            Cell(wording.departments_runs(placed.action), label=labels[2]),
            Cell(wording.period_runs(placed.action), label=labels[3]),
        )
        for placed in actions
    )
    return DataTable(caption, labels, rows, kind="cards")


def _changes_table(comparison: PlanComparison) -> DataTable:
    labels = (wording.DEPARTMENT_TABLE_HEADERS[0], "修改的欄位", "修改內容")
    rows = []
    for matched in comparison.changed:
        later = matched.later
        where = (Run(later.position, ref=_ref_in_plan(comparison.later, later)),)
        if matched.matched_by is Matching.TEXT:
            where += (Run(f"（{wording.matched_by_text(matched.similarity)}）"),)
        for change in matched.changes:
            field = Cell(plain(change.field.label), label=labels[1])
            rows.append((Cell(where, header=True, label=labels[0]), field, Cell(_diff_runs(change.pieces), label=labels[2])))
    return DataTable(wording.COMPARISON_CHANGED_TITLE, labels, tuple(rows), kind="cards")


def _diff_runs(pieces: Sequence[DiffPiece]) -> Runs:
    """A change word by word; deleted and inserted text carry their own 〔刪：〕〔增：〕 marks, so they read without colour."""
    runs = []
    for piece in pieces:
        if piece.kind == "deleted":
            start, end = wording.DIFF_DELETED_MARKS
            runs.append(Run(f"{start}{piece.text}{end}", Style.DELETED))
        elif piece.kind == "inserted":
            start, end = wording.DIFF_INSERTED_MARKS
            runs.append(Run(f"{start}{piece.text}{end}", Style.INSERTED))
        else:
            runs.append(Run(piece.text))
    return tuple(runs)


# -- open data description


def open_data_page(site: Site, files: SiteDownloads) -> PageOutline:
    title = wording.OPEN_DATA_TITLE
    intro = (
        Run(wording.OPEN_DATA_INTRO),
        Run(wording.LICENSE_NAME, ref=Ref(wording.LICENSE_URL, external=True)),
        Run(f"開放，歡迎利用；利用時請註明出處「{site.office.name}」。"),
    )
    blocks: list[Block] = [Paragraph(intro), Heading(2, "欄位", "fields"), _fields_table(wording.FIELDS_CAPTION, FIELDS)]
    if any(site.rounds_of(plan) for plan in site.plans):
        blocks += [Heading(2, wording.ROUND_FIELDS_HEADING, "round-fields"), _fields_table(wording.ROUND_FIELDS_CAPTION, ROUND_FIELDS)]
    blocks.append(Heading(2, "格式與更新", "format"))
    blocks.append(Facts(tuple(Fact(label, value) for label, value in wording.OPEN_DATA_FACTS)))
    blocks.append(Heading(2, "各計畫的資料檔", "files"))
    for plan in site.plans:
        data_files = [download for download in files.whole_plan(plan) if download.spec.format.extension in ("csv", "json", "ods")]
        links = tuple((Run(f"{plan.title}：{download.spec.format.label}", ref=Ref(download.url_path, download=True)),) for download in data_files)
        blocks.append(LinkList(links))
    return _page(OPEN_DATA, title, title, Heading(1, title, PAGE_TITLE_ANCHOR), blocks)


def _fields_table(caption: str, fields: Sequence[Field]) -> DataTable:
    labels = wording.FIELDS_HEADERS
    rows = tuple(
        (
            Cell(plain(field.label), header=True, label=labels[0]),
            Cell((Run(field.key, Style.CODE),), label=labels[1]),
            Cell(plain(field.description), label=labels[2]),
        )
        for field in fields
    )
    return DataTable(caption, labels, rows, kind="cards")


# -- the site map


def sitemap_page(nav: list[NavEntry] | None = None) -> PageOutline:
    """The 網站導覽 page. Without `nav` its tree is left for the caller to fill in
    (the MkDocs adapter does, once every page's title is known)."""
    title = wording.SITEMAP_TITLE
    blocks: list[Block] = [Paragraph(plain(wording.SITEMAP_INTRO))]
    labels = wording.ACCESS_KEYS_HEADERS
    rows = tuple(
        (Cell(plain(f"Alt + {key}"), header=True, label=labels[0]), Cell(plain(name), label=labels[1]), Cell(plain(what), label=labels[2]))
        for key, name, what in wording.ACCESS_KEYS
    )
    blocks.append(DataTable(wording.ACCESS_KEYS_CAPTION, labels, rows, kind="cards"))
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
        nodes.append(NavNode(entry.title, ref, tuple(nav_nodes(entry.children)), entry.context))
    return nodes


# -- shared


def download_blocks(downloads: Sequence[Download], office: Office) -> list[Block]:
    """The 下載 section: the documents (PDF, ODT) first, the spreadsheets and open
    data behind 「其他格式」, each with its format's name, size, pages and date;
    the checksums in one list; what the formats are, and how to ask for another."""
    if not downloads:
        return []
    # Several plans' files on one page: name the plan, so each link text is unique.
    name_plan = len({download.spec.plan.id for download in downloads}) > 1
    documents = [download for download in downloads if download.spec.format.extension in DOCUMENT_FIRST]
    documents.sort(key=lambda download: (download.spec.facet is None, DOCUMENT_FIRST.index(download.spec.format.extension)))
    others = [download for download in downloads if download not in documents]
    notes = (
        (Run(wording.FORMAT_NOTE), Run("欄位說明見"), Run(wording.OPEN_DATA_TITLE, ref=Ref(OPEN_DATA)), Run("。")),
        wording.other_format_request(office),
    )
    items = tuple(_download_item(download, name_plan) for download in documents)
    more = tuple(_download_item(download, name_plan) for download in others)
    return [Heading(2, wording.DOWNLOADS_HEADING, "downloads", searchable=False), DownloadList(items, more, notes)]


# The non-editable and the editable document come first; the rest is for reuse.
DOCUMENT_FIRST = ("pdf", "odt")


def _download_item(download: Download, name_plan: bool) -> DownloadItem:
    spec = download.spec
    facts = [wording.file_size_label(download.size)]
    if download.pages:
        facts.append(wording.page_count_label(download.pages))
    label = wording.download_label(spec.plan.title if name_plan else None, spec.scope_label, spec.format.label)
    return DownloadItem(Ref(download.url_path, download=True), label, tuple(facts), download.updated, download.sha256)


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
