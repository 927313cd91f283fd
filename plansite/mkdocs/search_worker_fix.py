"""Fix Material's query segmentation for Chinese in the built search worker.

Material splits a Chinese query greedily into tokens found in the search
index, but its loop never tries a token that ends at the query's last
character: 「電表」 becomes 「電」 and 「陳情」 becomes 「陳」, so a citizen's
two-character query finds every page with that first character instead of
the word. (Source: material/templates/assets/javascripts/integrations/search/
query/segment/index.ts, `j < query.length` and `q < query.length - 1`.)
This rewrites exactly those two bounds in the minified worker of the pinned
Material version; the browser search tests show the effect.
"""

from __future__ import annotations

from pathlib import Path

# (buggy, fixed) pairs in the minified worker of mkdocs-material 9.8.x.
_REPLACEMENTS = (
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
    ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)"),
)


def fix_search_worker(site_dir: Path) -> bool:
    """Patch the worker(s) in a built site; False when the code is not as expected."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        return False
    for worker in workers:
        code = worker.read_text(encoding="utf-8")
        if all(fixed in code for _buggy, fixed in _REPLACEMENTS):
            continue
        if not all(code.count(buggy) == 1 for buggy, _fixed in _REPLACEMENTS):
            return False
        for buggy, fixed in _REPLACEMENTS:
            code = code.replace(buggy, fixed)
        worker.write_text(code, encoding="utf-8")
    return True
