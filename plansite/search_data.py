"""What the site search needs from the plan, as plain JSON-able data.

Built from the page outlines with the other generated content (plansite/prepare.py,
which caches it), so the MkDocs adapter never reloads plan_data/:

- one search entry per action row of each facet page: the row's anchor, its
  place in the plan as the title, the action's own text (sub-items and the
  editor's note included, departments and period not: those are found on the
  department page) as the text, escaped the way Material escapes page text;
- the pages whose entries rank below the facet pages (the department views,
  which repeat every action);
- the office's synonyms and where to turn when nothing is found.

Pages are keyed by their URL as MkDocs gives it (`Links.url`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from .model import Site
from .outline import wording
from .outline.blocks import ActionRow, ActionTable, GapRow, PageOutline, Runs, Style, runs_text
from .site_structure import Links, action_anchor_of, departments_uri, facet_uri

PLACE_SEPARATOR = " › "


def search_data(site: Site, pages: Sequence[PageOutline], links: Links) -> dict[str, Any]:
    facet_pages = {facet_uri(plan, facet) for plan in site.plans for facet in plan.facets}
    return {
        "rows": {links.url(page.uri): _page_rows(page) for page in pages if page.uri in facet_pages},
        "listing_pages": [links.url(departments_uri(plan)) for plan in site.plans],
        "synonyms": {synonym.term: list(synonym.alternatives) for synonym in site.search_synonyms},
        "help": {
            "office": site.office.name,
            "phone": site.office.customer_service_phone,
            "website": site.office.website,
        },
    }


def _page_rows(page: PageOutline) -> list[dict[str, str]]:
    """The facet page's table rows in page order, one entry each (a run of lost actions is one row, as on the page)."""
    return [_entry(table, row) for table in page.blocks if isinstance(table, ActionTable) for row in table.rows]


def _entry(table: ActionTable, row: ActionRow | GapRow) -> dict[str, str]:
    anchor = row.action_id if isinstance(row, ActionRow) else row.action_ids[0]
    text = _paragraph(runs_text(row.text))
    if isinstance(row, ActionRow) and row.subitems:
        items = (wording.subitem_line(item.number, item.text) for item in row.subitems)
        text += "<ul>" + "".join(f"<li>{_escape(item)}</li>" for item in items) + "</ul>"
    text += "".join(_paragraph(f"{wording.EDITOR_NOTE}：{table.notes[number - 1]}") for number in row.note_refs)
    return {"anchor": action_anchor_of(anchor), "title": _escape(place(table, row.number)), "text": text}


def place(table: ActionTable, number: Runs) -> str:
    """「一、基礎服務 › (一) 服務一致及正確性 › 1. (1)」: where the row stands in the plan."""
    # An unnumbered action is the only one at its place: no 「（未編號）」, whose 編號 would match queries.
    shown = runs_text(tuple(run for run in number if run.style is not Style.MUTED))
    parts = list(table.place)
    if shown:
        parts[-1:] = [f"{parts[-1]} {shown}"] if len(table.place) > 2 else [*parts[-1:], shown]
    return PLACE_SEPARATOR.join(parts)


def _paragraph(text: str) -> str:
    return f"<p>{_escape(text)}</p>"


def _escape(text: str) -> str:
    # As Material's indexer: line breaks read as spaces, markup characters escaped.
    return html.escape(" ".join(text.split("\n")), quote=False)
