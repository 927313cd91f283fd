"""What the site search needs from the plan model, as plain JSON-able data.

Built once per build with the other generated content (plansite/prepare.py,
which caches it), so the MkDocs hook never reloads plan_data/:

- one search entry per action row of each facet page: the row's anchor, its
  place in the plan as the title, the action's own text (sub-items and the
  editor's note included, departments and period not: those are found on the
  department page) as the text, escaped the way Material escapes page text;
- the pages whose entries rank below the facet pages (the department views,
  which repeat every action);
- the office's synonyms and where to turn when nothing is found.
"""

from __future__ import annotations

import html
from itertools import groupby
from typing import Any

from ..model import Action, ActionRow, Facet, Site, SourceState
from ..outline.wording import EDITOR_NOTE, heading_label, number_range, text_pieces
from ..writers.markdown_pages import action_anchor, departments_uri, facet_uri
from ..writers.markup import page_url

PLACE_SEPARATOR = " › "


def search_data(site: Site) -> dict[str, Any]:
    return {
        "rows": {page_url(facet_uri(plan, facet)): _facet_rows(facet) for plan in site.plans for facet in plan.facets},
        "listing_pages": [page_url(departments_uri(plan)) for plan in site.plans],
        "synonyms": {synonym.term: list(synonym.alternatives) for synonym in site.search_synonyms},
        "help": {
            "office": site.office.name,
            "phone": site.office.customer_service_phone,
            "website": site.office.website,
        },
    }


def _facet_rows(facet: Facet) -> list[dict[str, str]]:
    """The facet page's table rows in page order: one table per action group, and
    in a table a run of missing actions is one row, as on the page."""
    entries = []
    for strategy in facet.strategies:
        for substrategy, actions in strategy.action_groups():
            rows = [ActionRow(facet, strategy, substrategy, action) for action in actions]
            for is_missing, run in groupby(rows, key=lambda row: row.action.source is SourceState.MISSING):
                run_rows = list(run)
                if is_missing:
                    missing = [row.action for row in run_rows]
                    text = _paragraph(_plain_text(missing[0])) + "".join(_note(action.note) for action in missing if action.note)
                    entries.append(_entry(run_rows[0], number_range(missing), text))
                else:
                    entries += [_entry(row, row.action.number, _action_text(row.action)) for row in run_rows]
    return entries


def _entry(row: ActionRow, number: str | None, text: str) -> dict[str, str]:
    return {"anchor": action_anchor(row.action), "title": _escape(place(row, number)), "text": text}


def place(row: ActionRow, number: str | None) -> str:
    """「一、基礎服務 › (一) 服務一致及正確性 › 1. (1)」: where the row stands in the plan."""
    parts = [heading_label(row.facet.heading), heading_label(row.strategy.heading)]
    sub = row.substrategy.heading if row.substrategy is not None else None
    # An unnumbered action is the only one at its place: no 「（未編號）」, whose 編號 would match queries.
    last = [sub.number or heading_label(sub) if sub else None, number]
    if any(last):
        parts.append(" ".join(part for part in last if part))
    return PLACE_SEPARATOR.join(parts)


def _action_text(action: Action) -> str:
    text = _paragraph(_plain_text(action))
    if action.subitems:
        items = (" ".join(part for part in (item.number, item.text) if part) for item in action.subitems)
        text += "<ul>" + "".join(f"<li>{_escape(item)}</li>" for item in items) + "</ul>"
    if action.note:
        text += _note(action.note)
    return text


def _plain_text(action: Action) -> str:
    return "".join(piece for piece, _is_gap in text_pieces(action))


def _paragraph(text: str) -> str:
    return f"<p>{_escape(text)}</p>"


def _note(note: str) -> str:
    return _paragraph(f"{EDITOR_NOTE}：{note}")


def _escape(text: str) -> str:
    # As Material's indexer: line breaks read as spaces, markup characters escaped.
    return html.escape(" ".join(text.split("\n")), quote=False)
