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
    Block,
    Cell,
    DataTable,
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
)
from ..site_structure import GeneratedPage, Links, action_anchor_of, subitem_anchor
from .markup import esc, esc_text, front_matter, heading

NAV_TREE_SLOT = '<div class="plan-site-tree"></div>'
_STYLE_CLASSES = {Style.GAP: "plan-gap", Style.INFERRED: "plan-inferred", Style.MUTED: "plan-unnumbered"}
_TABLE_CLASSES = {"by-department": "plan-by-department"}


def render_page(page: PageOutline, links: Links) -> GeneratedPage:
    return GeneratedPage(page.uri, page.nav_title, _PageWriter(page.uri, links).page(page))


class _PageWriter:
    def __init__(self, uri: str, links: Links) -> None:
        self.uri = uri
        self.links = links

    def page(self, page: PageOutline) -> str:
        body = front_matter(page.title, page.updated, page.search_boost)
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
            rows = [self.action_row(row) if isinstance(row, ActionRow) else self.gap_row(row) for row in block.rows]
            return table(block.caption, block.headers, rows, css="plan-actions")
        if isinstance(block, DataTable):
            rows = ["<tr>" + "".join(self.cell(cell) for cell in row) + "</tr>" for row in block.rows]
            return table(block.caption, block.headers, rows, css=_TABLE_CLASSES.get(block.kind, ""))
        if isinstance(block, LinkList):
            return "<ul>" + "".join(f"<li>{self.runs(item)}</li>" for item in block.items) + "</ul>\n\n"
        if isinstance(block, DownloadList):
            return self.downloads(block)
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
            elif run.style in _STYLE_CLASSES:
                text = f'<span class="{_STYLE_CLASSES[run.style]}">{text}</span>'
            if run.ref is not None:
                href = run.ref.target if run.ref.external else self.links.href(self.uri, run.ref.target, run.ref.anchor)
                download = " download" if run.ref.download else ""
                text = f'<a href="{esc(href)}"{download}>{text}</a>'
            html.append(text)
        return "".join(html)

    def fact_value(self, value: str, when: date | None) -> str:
        if when is None:
            return esc(value)
        return f'<time datetime="{when.isoformat()}">{esc(value)}</time>'

    # -- tables

    def action_row(self, row: ActionRow) -> str:
        text = f"<p>{self.runs(row.text)}</p>"
        if row.subitems:
            items = "".join(
                f'<li id="{subitem_anchor(item.id)}"><span class="plan-number">{esc(item.number or "")}</span> {esc_text(item.text)}</li>'
                for item in row.subitems
            )
            text += f'<ul class="plan-subitems">{items}</ul>'
        text += "".join(note_paragraph(note) for note in row.notes)
        return (
            f'<tr id="{action_anchor_of(row.action_id)}">'
            f'<th scope="row">{self.runs(row.number)}</th>'
            f'<td data-label="{esc(wording.ACTION_HEADERS[1])}">{text}</td>'
            f'<td data-label="{esc(wording.ACTION_HEADERS[2])}">{self.runs(row.departments)}</td>'
            f'<td data-label="{esc(wording.ACTION_HEADERS[3])}">{self.runs(row.period)}</td>'
            "</tr>"
        )

    def gap_row(self, row: GapRow) -> str:
        first, *others = row.action_ids
        # Every lost action keeps its anchor, so links to any of them land here.
        extra_anchors = "".join(f'<span id="{action_anchor_of(action_id)}"></span>' for action_id in others)
        notes = "".join(note_paragraph(note) for note in row.notes)
        return (
            f'<tr id="{action_anchor_of(first)}" class="plan-gap-row">'
            f'<th scope="row">{self.runs(row.number)}</th>'
            f'<td colspan="3">{extra_anchors}{self.runs(row.text)}{notes}</td>'
            "</tr>"
        )

    def cell(self, cell: Cell) -> str:
        runs = self.runs(cell.runs)
        label = f' data-label="{esc(cell.label)}"' if cell.label else ""
        return f'<th scope="row"{label}>{runs}</th>' if cell.header else f"<td{label}>{runs}</td>"

    # -- the 下載 block and the site map

    def downloads(self, block: DownloadList) -> str:
        items = []
        for item in block.items:
            href = self.links.href(self.uri, item.ref.target)
            facts = [esc(fact) for fact in item.facts]
            facts.append(f'{esc(wording.UPDATED_LABEL)} <time datetime="{item.updated.isoformat()}">{esc(wording.roc_date(item.updated))}</time>')
            items.append(
                f'<li><a href="{esc(href)}" download>{esc(item.label)}</a>'
                f'<span class="plan-download-facts">（{"，".join(facts)}）</span>'
                f'<details class="plan-checksum"><summary>{esc(wording.CHECKSUM_LABEL)}</summary><code>{esc(item.sha256)}</code></details></li>'
            )
        body = '<ul class="plan-downloads">\n' + "\n".join(items) + "\n</ul>\n\n"
        return body + "".join(f'<p class="plan-download-note">{self.runs(note)}</p>\n\n' for note in block.notes)

    def nav_tree(self, entries: tuple[NavNode, ...]) -> str:
        items = []
        for entry in entries:
            label = esc(entry.title)
            if entry.ref is not None:
                href = entry.ref.target if entry.ref.external else self.links.href(self.uri, entry.ref.target)
                label = f'<a href="{esc(href)}">{label}</a>'
            if entry.children:
                label += self.nav_tree(entry.children)
            items.append(f"<li>{label}</li>")
        return f"<ul>{''.join(items)}</ul>"


def fill_nav_tree(html: str, entries: tuple[NavNode, ...], uri: str, links: Links) -> str:
    """The site map page's HTML with its navigation tree in place."""
    return html.replace(NAV_TREE_SLOT, f'<div class="plan-site-tree">{_PageWriter(uri, links).nav_tree(entries)}</div>')


def note_paragraph(note: str) -> str:
    return f'<p class="plan-note"><span class="plan-note-label">{esc(wording.EDITOR_NOTE)}：</span>{esc_text(note)}</p>'


def table(caption: str, headers: tuple[str, ...], rows: list[str], css: str = "") -> str:
    head = "".join(f'<th scope="col">{esc(label)}</th>' for label in headers)
    class_attr = f' class="{css}"' if css else ""
    body = "\n".join(rows)
    return f"<table{class_attr}>\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n\n"
