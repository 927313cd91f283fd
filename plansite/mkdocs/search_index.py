"""Shape the search index so results lead with the plan's actions.

Material makes one index entry per heading, holding everything up to the next
heading. On a facet page that is a whole table: caption, column headers
(「編號具體作法承辦部門執行期間」) and every row, so results opened with table
headers, and the department view (every action again, in huge sections)
competed with the facet pages. Instead:

- Before Material indexes a page, its column headers (`<thead>`) are marked
  `data-search-exclude`, and on facet pages the action tables as a whole
  (Material removes the mark from the page it writes: the HTML is unchanged).
  The headings keep their entries.
- After Material writes search/search_index.json, every action row of a facet
  page becomes its own entry, `<page>#a-<id>`: its place in the plan as the
  title, the action's own text as the text (search_entries.py), ranked as
  high as a page of its own. The department views get a lower boost.
- The variant table and the office's synonyms go into the index's config,
  where the search worker reads them (search_worker_prelude.js).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..search_variants import browser_table, fold
from .search_segment import segment_for_index

INDEX = Path("search") / "search_index.json"
# Material multiplies a page's own entry by 5 when it holds every query word
# and a section's by 2 (integrations/search/_/index.ts: `+!doc.parent`), so a
# one-line mention on the privacy page outranked the action it was looking
# for. A row gets its facet page's boost times 2.5: it ranks as a page would.
ROW_BOOST_FACTOR = 2.5
# Below the facet pages (boost 2) and the other pages (1): a department view
# repeats every action of the plan; the facet page's row is the place to land.
LISTING_BOOST = 0.25
_EXCLUDE = ' data-search-exclude="plansite"'
_THEAD = re.compile(r"<thead(?=[\s>])")
_ACTION_TABLE = re.compile(r'<table(?=[^>]*\bclass="plan-actions")')


def exclude_from_index(content: str, has_row_entries: bool) -> str:
    """Page HTML with the parts Material must not index marked (Material strips the mark from the output)."""
    content = _THEAD.sub(lambda match: match.group(0) + _EXCLUDE, content)
    if has_row_entries:
        content = _ACTION_TABLE.sub(lambda match: match.group(0) + _EXCLUDE, content)
    return content


def rewrite_search_index(site_dir: Path, data: dict[str, Any]) -> bool:
    """Add the row entries, boosts and browser settings to the built index; False when there is no index."""
    path = site_dir / INDEX
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    index["docs"] = _entries(index.get("docs", []), data)
    index.setdefault("config", {})["plansite"] = browser_settings(data)
    # Written as Material writes it (compact), so an unchanged build stays byte-identical.
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


def browser_settings(data: dict[str, Any]) -> dict[str, Any]:
    """What the search worker reads: the variant table and the synonyms, folded as the index is."""
    synonyms: dict[str, list[str]] = {}
    for term, alternatives in data.get("synonyms", {}).items():
        folded = fold(term)
        for alternative in map(fold, alternatives):
            if alternative != folded and alternative not in synonyms.setdefault(folded, []):
                synonyms[folded].append(alternative)
    return {"variants": browser_table(), "synonyms": {term: found for term, found in synonyms.items() if found}}


def _entries(docs: list[dict[str, Any]], data: dict[str, Any]) -> list[dict[str, Any]]:
    rows: dict[str, list[dict[str, str]]] = data.get("rows", {})
    listing = set(data.get("listing_pages", []))
    row_locations = {f"{page}#{row['anchor']}" for page, page_rows in rows.items() for row in page_rows}
    pages: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        if doc.get("location") in row_locations:
            continue  # already rewritten (the same build's index rewritten twice)
        pages.setdefault(doc.get("location", "").split("#")[0], []).append(doc)
    entries = []
    for page, page_docs in pages.items():
        if page in listing:
            page_docs = [{**doc, "boost": LISTING_BOOST} for doc in page_docs]
        entries += page_docs
        boost = page_docs[0].get("boost", 1) * ROW_BOOST_FACTOR
        for row in rows.get(page, []):
            title, text = segment_for_index(row["title"]), segment_for_index(row["text"])
            entries.append({"location": f"{page}#{row['anchor']}", "title": title, "text": text, "boost": boost})
    return entries
