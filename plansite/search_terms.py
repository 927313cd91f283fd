"""The plan's own words that Chinese search must keep whole: departments,
facet names and short quoted names (「電力即點」). They go into jieba's user
dictionary (plansite/mkdocs/search_dictionary.py)."""

from __future__ import annotations

import re

from .model import Site

# Quoted names up to this length are product or programme names worth keeping whole.
MAX_QUOTED_TERM = 6


def user_terms(site: Site, extra: tuple[str, ...] = ()) -> list[str]:
    terms: set[str] = set(extra)
    for plan in site.plans:
        terms.update(name for department in plan.departments for name in department.split())
        for facet in plan.facets:
            if facet.heading.title:
                terms.add(facet.heading.title)
        for row in plan.rows():
            for quoted in re.findall(r"「([^」]+)」", row.action.text or ""):
                if len(quoted) <= MAX_QUOTED_TERM and not re.search(r"\s", quoted):
                    terms.add(quoted)
    return sorted(term for term in terms if len(term) > 1)
