"""Fix Material's query segmentation for Chinese in the built search worker,
and add the variant folding and synonyms (search_worker_prelude.js).

Material splits a Chinese query greedily into tokens found in the search
index, but its loop never tries a token that ends at the query's last
character: 「電表」 becomes 「電」 and 「陳情」 becomes 「陳」, so a citizen's
two-character query finds every page with that first character instead of
the word. (Source: material/templates/assets/javascripts/integrations/search/
query/segment/index.ts, `j < query.length` and `q < query.length - 1`.)
This rewrites exactly those two bounds in the minified worker of the pinned
Material version; the browser search tests show the effect.

The prelude goes in front of the worker's code. It relies on two things in
the worker: one `addEventListener("message", …)` (Material's message
handler, which the prelude wraps) and `self.lunr=` (lunr made global, whose
pipeline the prelude extends). When the worker is not as expected nothing
is changed and the problems are returned, so the build can warn.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

# (buggy, fixed) pairs in the minified worker of mkdocs-material 9.8.x.
_REPLACEMENTS = (
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
    ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)"),
)
PRELUDE_MARK = "/* plansite-search-prelude"
# What the prelude needs to find exactly once in Material's worker.
_PRELUDE_ANCHORS = ('addEventListener("message",', "self.lunr=")


def prelude() -> str:
    return resources.files(__package__).joinpath("search_worker_prelude.js").read_text(encoding="utf-8")


def search_worker_problems(site_dir: Path) -> list[str]:
    """Patch the worker(s) in a built site; what could not be patched, in zh-TW (empty: all done)."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        return ["找不到 Material 的搜尋程式（assets/javascripts/workers/search.*.min.js）"]
    problems: list[str] = []
    for worker in workers:
        code = worker.read_text(encoding="utf-8")
        patched, worker_problems = patch_worker_code(code)
        problems += [f"{worker.name}：{problem}" for problem in worker_problems]
        if patched != code:
            worker.write_text(patched, encoding="utf-8")
    return problems


def patch_worker_code(code: str) -> tuple[str, list[str]]:
    """The worker's code with both fixes, and what could not be applied."""
    problems = []
    if not all(fixed in code for _buggy, fixed in _REPLACEMENTS):
        if all(code.count(buggy) == 1 for buggy, _fixed in _REPLACEMENTS):
            for buggy, fixed in _REPLACEMENTS:
                code = code.replace(buggy, fixed)
        else:
            problems.append("中文查詢斷詞的修正無法套用（Material 版本與預期不同），兩個字的查詢可能找不到")
    if PRELUDE_MARK not in code:
        if all(code.count(anchor) == 1 for anchor in _PRELUDE_ANCHORS):
            code = prelude() + code
        else:
            problems.append("異體字與同義詞的搜尋程式無法加入（Material 版本與預期不同），臺／台等異體字與同義詞將搜尋不到")
    return code, problems
