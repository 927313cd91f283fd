"""Plan text with HTML, Markdown and template syntax appears literally on the built pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest

from .conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.slow

GOLDEN_DATA = Path(__file__).parent / "golden" / "small" / "plan_data"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    shutil.rmtree(project / "plan_data")
    shutil.copytree(GOLDEN_DATA, project / "plan_data")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def read(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / path / "index.html").read_text(encoding="utf-8"))


def test_markdown_syntax_in_a_heading_is_shown_literally(hostile_site: Path) -> None:
    page = read(hostile_site, "plans/small-113/facet-1")
    assert page.get_element_by_id("s-1").text_content() == "一、第一面向 [連結](x)"
    assert page.get_element_by_id("s-1-1").text_content() == "(一) 策略一"


def test_html_in_action_text_is_text_not_elements(hostile_site: Path) -> None:
    page = read(hostile_site, "plans/small-113/facet-1")
    row = page.get_element_by_id("a-1-1-1-1")
    assert "作法 <script>alert(1)</script> 與 **粗體**。" in row.text_content()
    assert not row.xpath(".//script") and not row.xpath(".//strong")


def test_plan_title_with_markup_is_literal_in_title_nav_and_body(hostile_site: Path) -> None:
    page = read(hostile_site, "plans/small-113")
    assert page.find(".//title").text.startswith("測試 113 年度計畫 <b>&amp;</b>")
    article = page.find_class("md-content__inner")[0]
    assert article.find(".//h1").text_content() == "測試 113 年度計畫 <b>&amp;</b>"
    assert not article.xpath(".//b")
    nav_texts = [" ".join(label.text_content().split()) for label in page.find_class("md-nav__link")]
    assert "測試 113 年度計畫 <b>&amp;</b>" in nav_texts


def test_pipes_backticks_and_template_braces_survive(hostile_site: Path) -> None:
    page = read(hostile_site, "plans/small-113")
    (paragraph,) = [p for p in page.iter("p") if "目標段落含" in p.text_content()]
    assert paragraph.text_content() == "目標段落含 | 直線、`反引號`、{{ 樣板 }} 與 # 井號。"
    assert len(paragraph) == 0  # no <code>, <a> or other element made from the text
