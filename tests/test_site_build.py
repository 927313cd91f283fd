"""The shipped plan, built for real with `mkdocs build --strict`."""

from __future__ import annotations

import itertools
from pathlib import Path

import lxml.html
import pytest

from plansite.model import Plan, SourceState
from plansite.outline.wording import GAP, departments_text, heading_label, period_label
from plansite.publish.site_check import check_built_site

from .conftest import SEED_PLAN_ID, copy_project, mkdocs_build, shipped_plan

pytestmark = pytest.mark.slow


def page(site: Path, url_path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / url_path / "index.html").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return "".join(text.split())


def test_every_action_is_on_its_facet_page_with_department_and_period(shipped_site: Path, plan: Plan) -> None:
    checked = 0
    for row in plan.rows():
        action = row.action
        document = page(shipped_site, f"plans/{plan.id}/facet-{row.facet.position}")
        if action.source is SourceState.MISSING:
            # A run of missing actions shares one row; each keeps its anchor.
            assert document.get_element_by_id(f"a-{action.id}") is not None
            continue
        cells = document.get_element_by_id(f"a-{action.id}").findall("td")
        text_cell, department_cell, period_cell = (squash(cell.text_content()) for cell in cells)
        assert squash(action.text or "") in text_cell
        for item in action.subitems:
            assert squash(item.text) in text_cell
        assert department_cell == squash(departments_text(action))
        assert period_cell == squash(period_label(action))
        checked += 1
    assert checked == sum(row.action.source is not SourceState.MISSING for row in plan.rows())


def test_every_facet_page_has_one_h1_and_strategy_headings_in_order(shipped_site: Path, plan: Plan) -> None:
    for facet in plan.facets:
        document = page(shipped_site, f"plans/{plan.id}/facet-{facet.position}")
        article = document.find_class("md-content__inner")[0]
        levels = [int(element.tag[1]) for element in article.iter("h1", "h2", "h3", "h4")]
        assert levels.count(1) == 1 and levels[0] == 1
        assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))
        h2_texts = [squash(h.text_content()) for h in article.iter("h2") if h.get("id") != "downloads"]
        assert h2_texts == [squash(heading_label(strategy.heading)) for strategy in facet.strategies]


def test_the_seed_plans_lost_page_is_shown_as_missing_with_inferred_heading_marked(shipped_site: Path) -> None:
    plan = shipped_plan(SEED_PLAN_ID)
    document = page(shipped_site, f"plans/{plan.id}/facet-1")
    strategy_heading = document.get_element_by_id("s-1-2").text_content()
    assert GAP in strategy_heading and "推定標題：服務友善性" in strategy_heading
    gap_row = document.get_element_by_id("a-1-2-1-1")
    assert "(1)至(7)" in gap_row.text_content() and GAP in gap_row.text_content()
    truncated = document.get_element_by_id("a-1-1-3-2").text_content()
    assert "導師制度問" in truncated and GAP in truncated


def test_pages_are_traditional_chinese(shipped_site: Path) -> None:
    for html_file in shipped_site.rglob("index.html"):
        assert page(shipped_site, str(html_file.parent.relative_to(shipped_site))).get("lang") == "zh-Hant-TW", html_file


def test_overview_lists_facets_with_counts_and_links(shipped_site: Path, plan: Plan) -> None:
    document = page(shipped_site, f"plans/{plan.id}")
    links = {squash(a.text_content()): a.get("href") for a in document.iter("a")}
    for facet in plan.facets:
        assert links[squash(heading_label(facet.heading))] == f"facet-{facet.position}/"
    text = squash(document.text_content())
    for directive in plan.basis:
        assert squash(directive.text) in text
    assert squash(plan.goals[0]) in text


def test_department_page_links_each_action_back_to_its_anchor(shipped_site: Path, plan: Plan) -> None:
    document = page(shipped_site, f"plans/{plan.id}/departments")
    hrefs = {a.get("href") for a in document.iter("a")}
    for row in plan.rows():
        if row.action.source is not SourceState.MISSING:
            assert f"../facet-{row.facet.position}/#a-{row.action.id}" in hrefs


def test_generated_pages_are_not_written_into_docs(shipped_site: Path) -> None:
    docs = shipped_site.parent / "docs"  # the built copy's docs folder
    assert (shipped_site / "plans").is_dir()
    assert not (docs / "plans").exists()
    assert not (docs / "index.md").exists()


def test_every_internal_link_and_anchor_resolves(shipped_site: Path) -> None:
    assert [str(problem) for problem in check_built_site(shipped_site)] == []


def test_a_bare_nav_entry_takes_its_title_from_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - 關於本站: about.md", "  - about.md"), encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    sitemap = page(project / "site", "sitemap")
    assert "關於本站" in [a.text_content() for a in sitemap.iter("a")]
