"""The web pages' content, checked on the outline and its Markdown without a build."""

from __future__ import annotations

import shutil
from pathlib import Path

from plansite.outline.pages import site_pages
from plansite.source.load import load_site
from plansite.writers.markdown_pages import render_page

from .conftest import directory_links

GOLDEN = Path(__file__).parent / "golden"


def test_navigation_lists_plans_newest_first_with_their_pages() -> None:
    site = load_site(GOLDEN / "small" / "plan_data").site
    _pages, nav = site_pages(site)
    assert [entry.title for entry in nav] == ["首頁", "測試 113 年度計畫 <b>&amp;</b>", "開放資料說明"]
    assert [child.uri for child in nav[1].children] == [
        "plans/small-113/index.md",
        "plans/small-113/facet-1.md",
        "plans/small-113/facet-2.md",
        "plans/small-113/departments.md",
        "plans/small-113/progress.md",
        "plans/small-113/changes.md",
    ]


def test_line_breaks_in_plan_text_are_kept_on_the_page(tmp_path: Path) -> None:
    shutil.copytree(GOLDEN / "small" / "plan_data", tmp_path / "plan_data")
    plan_file = tmp_path / "plan_data" / "plans" / "small-113.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("text: 未載明部門的作法。", 'text: "第一行\\n第二行"'), encoding="utf-8")
    outlines, _nav = site_pages(load_site(tmp_path / "plan_data").site)
    facet = next(render_page(page, directory_links()) for page in outlines if page.uri.endswith("facet-1.md"))
    assert "<p>第一行<br>第二行</p>" in facet.markdown
