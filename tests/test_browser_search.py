"""Chinese search in the real browser: what citizens type (typed, pasted, in any
common spelling) finds the right page, and the right row on it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

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
    ("實施步驟", PLAN),  # 伍 is on the overview
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


# -- what people type: pasted text, variant characters, synonyms (issue 10)

PLACEHOLDER = "打字進行搜尋"
NOTHING_FOUND = "沒有符合的項目"
ZWSP = "\u200b"
TABLE_HEADERS = ("編號具體作法承辦部門執行期間", "位置具體作法執行期間")


def open_search(page: Any) -> Any:
    """The search box, once the index has loaded."""
    page.goto(page.url.split("?")[0].split("#")[0])
    box = page.locator(".md-search__input")
    box.click()
    page.wait_for_function(f"document.querySelector('.md-search-result__meta').textContent.trim() === {PLACEHOLDER!r}")
    return box


def wait_for_answer(page: Any, query: str) -> None:
    page.wait_for_selector(f".md-search-result__item, .md-search-result__meta:has-text('{NOTHING_FOUND}')", timeout=10_000)


def results(page: Any) -> list[dict[str, Any]]:
    """Each result group: its page, and per article its link, text and highlighted words."""
    return page.locator(".md-search-result__item").evaluate_all(
        """items => items.map(item => ({
            page: new URL(item.querySelector('a').href).pathname,
            articles: [...item.querySelectorAll('a')].map(a => ({
                href: new URL(a.href).pathname + new URL(a.href).hash,
                text: a.textContent.replace(/[\\u200b\\s]/g, ''),
                marks: [...a.querySelectorAll('mark')].map(mark => mark.textContent.replace(/\\u200b/g, '')),
            })),
        }))"""
    )


def paste(page: Any, query: str) -> list[dict[str, Any]]:
    """Put text in the box as a paste or a phone's suggestion does: an input event, no key."""
    box = open_search(page)
    box.fill(query)
    wait_for_answer(page, query)
    return results(page)


@pytest.mark.parametrize(("query", "expected"), [("繳費", PLAN + "facet-2/"), ("陳情", PLAN + "facet-4/"), ("台灣電力 APP", PLAN + "facet-2/")])
def test_a_pasted_query_is_answered_without_a_keyup(search_page: Any, query: str, expected: str) -> None:
    box = open_search(search_page)
    # Count the keyups the page sees: only the search script's own may fire.
    box.evaluate("box => { window.keyups = []; addEventListener('keyup', event => keyups.push(event.isTrusted), true) }")
    box.fill(query)
    wait_for_answer(search_page, query)
    assert expected in [group["page"] for group in results(search_page)][:3]
    assert True not in search_page.evaluate("window.keyups")


def test_text_committed_by_an_input_method_is_answered_once_composed(search_page: Any) -> None:
    box = open_search(search_page)
    box.evaluate(
        """box => {
            box.dispatchEvent(new CompositionEvent('compositionstart'))
            box.value = 'ㄉㄧㄢˋ'
            box.dispatchEvent(new InputEvent('input', {isComposing: true}))
            box.value = '電表'
            box.dispatchEvent(new CompositionEvent('compositionend', {data: '電表'}))
        }"""
    )
    wait_for_answer(search_page, "電表")
    assert PLAN + "facet-2/" in [group["page"] for group in results(search_page)][:3]


@pytest.mark.parametrize(
    ("query", "marked", "shown"),
    [
        ("臺灣電力", "台灣電力", "台灣電力"),  # the plan writes 台
        ("平台", "平臺", "平臺"),  # the plan writes 臺
        ("櫃台", "櫃檯", "櫃檯"),
        ("電錶", "電表", "電表"),
        ("智慧電錶", "電表", "智慧電表"),
    ],
)
def test_a_variant_spelling_finds_the_plan_spelling_and_highlights_it(search_page: Any, query: str, marked: str, shown: str) -> None:
    found = paste(search_page, query)
    assert found, query
    best = found[0]
    assert best["page"].startswith(PLAN) or best["page"] == "/", found
    assert marked in [mark for article in best["articles"] for mark in article["marks"]], best
    # Folding is for matching only: the text shown is the plan's own.
    assert any(shown in article["text"] for article in best["articles"])
    assert not any(query in article["text"] for group in found for article in group["articles"])


def test_an_office_synonym_finds_the_full_name(search_page: Any) -> None:
    found = paste(search_page, "台電")
    pages = [group["page"] for group in found]
    assert PLAN + "facet-2/" in pages[:3], pages
    facet = found[pages.index(PLAN + "facet-2/")]
    assert "台灣電力" in [mark for article in facet["articles"] for mark in article["marks"]]


@pytest.mark.parametrize("query", ["編號具體作法承辦部門執行期間", "具體作法執行期間"])
def test_table_header_words_do_not_lead_the_results(search_page: Any, query: str) -> None:
    found = paste(search_page, query)
    shown = [article["text"] for group in found for article in group["articles"]]
    assert shown
    assert not [text for text in shown if any(header in text for header in TABLE_HEADERS)]


@pytest.mark.parametrize(
    ("query", "facet"),
    [("導師制度", "facet-1/"), ("行動支付", "facet-2/"), ("節電服務團", "facet-2/"), ("陳情處理機制", "facet-4/"), ("老花眼鏡", "facet-1/")],
)
def test_an_action_leads_with_its_facet_row_before_the_department_view(search_page: Any, query: str, facet: str) -> None:
    found = paste(search_page, query)
    pages = [group["page"] for group in found]
    assert pages[0] == PLAN + facet, pages
    best = found[0]["articles"]
    row = next(article for article in best if "#a-" in article["href"])
    assert row["marks"], row
    if PLAN + "departments/" in pages:
        assert pages.index(PLAN + "departments/") > 0


def test_nothing_found_points_to_the_hotline_and_the_office_website(search_page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    found = paste(search_page, "核融合")
    assert found == []
    assert search_page.locator(".md-search-result__meta").first.inner_text().strip() == NOTHING_FOUND
    help_line = search_page.locator(".plansite-search-help")
    assert help_line.is_visible()
    assert help_line.inner_text().strip() == "找不到需要的資料嗎？歡迎撥打客服專線 1911，或前往 www.taipower.com.tw 查詢。"
    links = help_line.locator("a").evaluate_all("links => links.map(a => [a.textContent, a.getAttribute('href')])")
    assert links == [["1911", "tel:1911"], ["www.taipower.com.tw", "https://www.taipower.com.tw"]]
    # The help line passes axe (Material's own grey result header is not judged here).
    tags = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
    violations = Axe().run(search_page, context=".plansite-search-help", options=tags).response["violations"]
    assert [(violation["id"], [node["target"] for node in violation["nodes"]]) for violation in violations] == []

    # Material's arrow keys reach the links.
    search_page.keyboard.press("ArrowDown")
    assert search_page.evaluate("document.activeElement.getAttribute('href')") == "tel:1911"

    search_page.locator(".md-search__input").fill("繳費")
    search_page.wait_for_selector(".md-search-result__item")
    assert help_line.count() == 0


def test_the_opened_page_highlights_the_found_words_in_its_own_spelling(search_page: Any) -> None:
    paste(search_page, "平台")
    search_page.locator(".md-search-result__item a[href*='#']").first.click()
    search_page.wait_for_selector("mark[data-md-highlight]")
    marked = search_page.locator("mark[data-md-highlight]").evaluate_all("marks => marks.map(mark => mark.textContent)")
    assert "平臺" in marked
