"""Chinese search in the real browser: what citizens type finds the right page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

PLAN = "/plans/fengshan-112/"

# (query, a page expected among the first three pages offered)
QUERIES = [
    ("繳費", PLAN + "facet-2/"),
    ("帳單", PLAN + "facet-2/"),
    ("電子帳單", PLAN + "facet-2/"),
    ("客服中心", PLAN + "facet-1/"),
    ("單一窗口", PLAN + "facet-2/"),
    ("智慧電表", PLAN + "facet-2/"),
    ("電表", PLAN + "facet-2/"),
    ("行動支付", PLAN + "facet-2/"),
    ("停電", PLAN + "facet-2/"),
    ("滿意度", PLAN + "facet-4/"),
    ("陳情", PLAN + "facet-4/"),
    ("節電", PLAN + "facet-2/"),
    ("再生能源", PLAN + "facet-5/"),
    ("網頁", PLAN + "facet-1/"),
    ("設計組", PLAN + "departments/"),
    ("實施步驟", PLAN + "steps/"),
    ("台灣電力 APP", PLAN + "facet-2/"),
    ("無障礙", "/accessibility/"),
]


@pytest.fixture(scope="module")
def search_page(browser: Any, site_url: str) -> Any:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


def offered_pages(page: Any, query: str) -> list[str]:
    """Type like a citizen (an IME commits text, then a key is released) and read the results."""
    page.goto(page.url.split("?")[0])
    box = page.locator(".md-search__input")
    box.click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item, .md-search-result__meta:has-text('沒有符合')", timeout=10_000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.href)")
    paths: list[str] = []
    for href in hrefs:
        path = urlsplit(href).path
        if path not in paths:
            paths.append(path)
    return paths


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_query_offers_the_expected_page(search_page: Any, query: str, expected: str) -> None:
    pages = offered_pages(search_page, query)
    assert expected in pages[:3], f"{query}: {pages}"
