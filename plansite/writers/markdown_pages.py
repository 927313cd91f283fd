"""Web pages as Markdown: renders page outlines (plansite/outline/pages.py).

Knows nothing of MkDocs. Headings are Markdown (so the table of contents and
search see them); every other block is raw HTML with every text escaped.
Links between pages come from a `Links` object the caller gives, which knows
the site's URL style (the MkDocs adapter builds them with MkDocs' own rules).
"""

from __future__ import annotations

from datetime import date

from ..outline import wording
from ..outline.blocks import (
    ActionRow,
    ActionTable,
    BarChart,
    Block,
    Cell,
    DataTable,
    DownloadItem,
    DownloadList,
    Facts,
    GapRow,
    Heading,
    LinkList,
    NavNode,
    NavTree,
    Note,
    NumberedList,
    PageOutline,
    Paragraph,
    Role,
    Runs,
    Style,
    runs_text,
)
from ..site_structure import GeneratedPage, Links, action_anchor_of, subitem_anchor
from .markup import esc, esc_text, front_matter, heading, hidden_context
from .svg_chart import bar_chart_svg

NAV_TREE_SLOT = '<div class="plan-site-tree"></div>'
_STYLE_CLASSES = {Style.GAP: "plan-gap", Style.INFERRED: "plan-inferred", Style.MUTED: "plan-unnumbered"}
# Deleted and inserted text carry their own 〔刪：〕〔增：〕 words; the elements add meaning for software, and colour.
_STYLE_ELEMENTS = {Style.DELETED: "del", Style.INSERTED: "ins"}
_TABLE_CLASSES = {"by-department": "plan-by-department"}
# Tables whose rows become cards on a narrow screen (docs/assets/site.css), each cell labelled by
# data-label. An attribute, not a class: Material styles plain tables by `table:not([class])`.
_CARD_TABLES = {"by-department", "cards"}


def render_page(page: PageOutline, links: Links) -> GeneratedPage:
    return GeneratedPage(page.uri, page.nav_title, _PageWriter(page.uri, links).page(page))


class _PageWriter:
    def __init__(self, uri: str, links: Links) -> None:
        self.uri = uri
        self.links = links

    def page(self, page: PageOutline) -> str:
        body = front_matter(page.title, page.updated, page.search_boost, page.nav_context)
        body += self.heading(page.heading)
        return body + "".join(self.block(block) for block in page.blocks)

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, Paragraph):
            css = ' class="plan-context"' if block.role is Role.CONTEXT else ""
            return f"<p{css}>{self.runs(block.runs)}</p>\n\n"
        if isinstance(block, Facts):
            items = "".join(f"<dt>{esc(fact.label)}</dt><dd>{self.fact_value(fact.value, fact.when)}</dd>" for fact in block.items)
            return f'<dl class="plan-facts">{items}</dl>\n\n'
        if isinstance(block, NumberedList):
            items = "".join(
                f'<li><span class="plan-number">{esc(item.number or "")}</span>{esc_text(item.text)}{note_paragraph(item.note) if item.note else ""}</li>'
                for item in block.items
            )
            return f'<ol class="plan-numbered">{items}</ol>\n\n'
        if isinstance(block, Note):
            return f'<div class="plan-note-block">{note_paragraph(block.text)}</div>\n\n'
        if isinstance(block, ActionTable):
            rows = [self.action_row(block, row) if isinstance(row, ActionRow) else self.gap_row(block, row) for row in block.rows]
            return table(block.caption, block.headers, rows, css="plan-actions") + self.table_notes(block)
        if isinstance(block, DataTable):
            rows = ["<tr>" + "".join(self.cell(cell) for cell in row) + "</tr>" for row in block.rows]
            return table(block.caption, block.headers, rows, css=_TABLE_CLASSES.get(block.kind, ""), cards=block.kind in _CARD_TABLES)
        if isinstance(block, LinkList):
            return "<ul>" + "".join(f"<li>{self.runs(item)}</li>" for item in block.items) + "</ul>\n\n"
        if isinstance(block, DownloadList):
            return self.downloads(block)
        if isinstance(block, BarChart):
            return bar_chart_svg(block) + "\n\n"
        if isinstance(block, NavTree):
            # Filled in by fill_nav_tree once the site's full navigation (with every page's title) is known.
            return NAV_TREE_SLOT + "\n\n" if not block.entries else f'<div class="plan-site-tree">{self.nav_tree(block.entries)}</div>\n\n'
        raise TypeError(f"no page rendering for {type(block).__name__}")

    def heading(self, block: Heading) -> str:
        return heading(block.level, block.text, block.anchor, searchable=block.searchable)

    # -- text

    def runs(self, runs: Runs) -> str:
        html = []
        for run in runs:
            text = esc_text(run.text)
            if run.style is Style.CODE:
                text = f"<code>{text}</code>"
            elif run.style is Style.STATUS:
                # The status is in words; its tag adds a colour and a symbol beside them.
                text = f'<span class="plan-status plan-status-{esc(run.tag or "")}">{text}</span>'
            elif run.style in _STYLE_ELEMENTS:
                element = _STYLE_ELEMENTS[run.style]
                text = f'<{element} class="plan-{run.style.value}">{text}</{element}>'
            elif run.style in _STYLE_CLASSES:
                text = f'<span class="{_STYLE_CLASSES[run.style]}">{text}</span>'
            if run.ref is not None:
                href = run.ref.target if run.ref.external else self.links.href(self.uri, run.ref.target, run.ref.anchor)
                download = " download" if run.ref.download else ""
                text = f'<a href="{esc(href)}"{download}>{text}{hidden_context(run.ref.context)}</a>'
            html.append(text)
        return "".join(html)

    def fact_value(self, value: str, when: date | None) -> str:
        if when is None:
            return esc(value)
        return f'<time datetime="{when.isoformat()}">{esc(value)}</time>'

    # -- tables

    def action_row(self, table_: ActionTable, row: ActionRow) -> str:
        text = f"<p>{self.runs(row.text)}</p>"
        if row.subitems:
            items = "".join(
                f'<li id="{subitem_anchor(item.id)}"><span class="plan-number">{esc(item.number or "")}</span> {esc_text(item.text)}</li>'
                for item in row.subitems
            )
            text += f'<ul class="plan-subitems">{items}</ul>'
        text += self.note_refs(table_, row)
        return (
            f'<tr id="{action_anchor_of(row.action_id)}">'
            f'<th scope="row">{self.runs(row.number)}</th>'
            f'<td data-label="{esc(wording.ACTION_HEADERS[1])}">{text}</td>'
            f'<td data-label="{esc(wording.ACTION_HEADERS[2])}">{self.runs(row.departments)}</td>'
            f'<td data-label="{esc(wording.ACTION_HEADERS[3])}">{self.runs(row.period)}</td>'
            + (f'<td data-label="{esc(wording.STATUS_COLUMN)}">{self.runs(row.status)}</td>' if len(table_.headers) > len(wording.ACTION_HEADERS) else "")
            + "</tr>"
        )

    def gap_row(self, table_: ActionTable, row: GapRow) -> str:
        first, *others = row.action_ids
        # Every lost action keeps its anchor, so links to any of them land here.
        extra_anchors = "".join(f'<span id="{action_anchor_of(action_id)}"></span>' for action_id in others)
        notes = self.note_refs(table_, row)
        return (
            f'<tr id="{action_anchor_of(first)}" class="plan-gap-row">'
            f'<th scope="row">{self.runs(row.number)}</th>'
            f'<td colspan="{len(table_.headers) - 1}">{extra_anchors}{self.runs(row.text)}{notes}</td>'
            "</tr>"
        )

    def note_refs(self, table_: ActionTable, row: ActionRow | GapRow) -> str:
        """「編者註 1」 links from a row to the table's notes below it."""
        if not row.note_refs:
            return ""
        # The name says which table and row: a page has many 「編者註 1」 leading to different notes.
        row_label = runs_text(row.number) if isinstance(row, ActionRow) else wording.gap_row_label(runs_text(row.number))
        links = "、".join(
            f'<a href="#{_note_anchor(table_, number)}" aria-label="{esc(wording.note_ref_name(number, table_.caption, row_label))}">'
            f"{esc(wording.note_ref(number))}</a>"
            for number in row.note_refs
        )
        return f'<p class="plan-note-ref">{links}</p>'

    def table_notes(self, table_: ActionTable) -> str:
        if not table_.notes:
            return ""
        items = "".join(
            f'<li id="{_note_anchor(table_, number)}"><span class="plan-note-label">{esc(wording.note_ref(number))}：</span>{esc_text(note)}</li>'
            for number, note in enumerate(table_.notes, start=1)
        )
        return f'<div class="plan-note-block"><ul class="plan-table-notes">{items}</ul></div>\n\n'

    def cell(self, cell: Cell) -> str:
        runs = self.runs(cell.runs)
        label = f' data-label="{esc(cell.label)}"' if cell.label else ""
        return f'<th scope="row"{label}>{runs}</th>' if cell.header else f"<td{label}>{runs}</td>"

    # -- the 下載 block and the site map

    def downloads(self, block: DownloadList) -> str:
        body = self.download_items(block.items)
        if block.more:
            body += f'<details class="plan-download-more"><summary>{esc(wording.OTHER_FORMATS)}</summary>\n{self.download_items(block.more)}</details>\n\n'
        checksums = "".join(f"<li>{esc(item.label)}：<code>{esc(item.sha256)}</code></li>" for item in (*block.items, *block.more))
        body += f'<details class="plan-checksums"><summary>{esc(wording.CHECKSUMS_SUMMARY)}</summary><ul>{checksums}</ul></details>\n\n'
        return body + "".join(f'<p class="plan-download-note">{self.runs(note)}</p>\n\n' for note in block.notes)

    def download_items(self, items: tuple[DownloadItem, ...]) -> str:
        lines = []
        for item in items:
            href = self.links.href(self.uri, item.ref.target)
            facts = [esc(fact) for fact in item.facts]
            facts.append(f'{esc(wording.UPDATED_LABEL)} <time datetime="{item.updated.isoformat()}">{esc(wording.roc_date(item.updated))}</time>')
            lines.append(f'<li><a href="{esc(href)}" download>{esc(item.label)}</a><span class="plan-download-facts">（{"，".join(facts)}）</span></li>')
        return '<ul class="plan-downloads">\n' + "\n".join(lines) + "\n</ul>\n\n"

    def nav_tree(self, entries: tuple[NavNode, ...]) -> str:
        items = []
        for entry in entries:
            label = esc(entry.title)
            if entry.ref is not None:
                href = entry.ref.target if entry.ref.external else self.links.href(self.uri, entry.ref.target)
                label = f'<a href="{esc(href)}">{label}{hidden_context(entry.context)}</a>'
            if entry.children:
                label += self.nav_tree(entry.children)
            items.append(f"<li>{label}</li>")
        return f"<ul>{''.join(items)}</ul>"


def fill_nav_tree(html: str, entries: tuple[NavNode, ...], uri: str, links: Links) -> str:
    """The site map page's HTML with its navigation tree in place."""
    return html.replace(NAV_TREE_SLOT, f'<div class="plan-site-tree">{_PageWriter(uri, links).nav_tree(entries)}</div>')


def _note_anchor(table_: ActionTable, number: int) -> str:
    return f"n-{table_.name}-{number}"


def note_paragraph(note: str) -> str:
    return f'<p class="plan-note"><span class="plan-note-label">{esc(wording.EDITOR_NOTE)}：</span>{esc_text(note)}</p>'


def table(caption: str, headers: tuple[str, ...], rows: list[str], css: str = "", cards: bool = False) -> str:
    head = "".join(f'<th scope="col">{esc(label)}</th>' for label in headers)
    class_attr = (f' class="{css}"' if css else "") + (" data-plan-cards" if cards else "")
    body = "\n".join(rows)
    return f"<table{class_attr}>\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n\n"
