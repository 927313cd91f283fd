"""Every page in real headless Chromium: axe-core WCAG 2.1 A/AA, no third-party
requests, the skip link, 導盲磚 and footer, and keyboard-only use."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import site_pages

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


def test_every_page_has_no_axe_violations(shipped_site: Path, site_url: str, page: Any) -> None:
    axe = Axe()
    failures = {}
    for path in site_pages(shipped_site):
        page.goto(site_url + path)
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response["violations"]
        if violations:
            failures[path] = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in violations]
    assert failures == {}


def test_no_page_requests_anything_from_another_host(shipped_site: Path, site_url: str, page: Any) -> None:
    origin = urlsplit(site_url).netloc
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url) if urlsplit(request.url).netloc not in (origin, "") else None)
    for path in site_pages(shipped_site):
        page.goto(site_url + path, wait_until="networkidle")
    assert foreign == []


def test_skip_link_is_the_first_tab_stop_and_leads_to_the_content(shipped_site: Path, site_url: str, page: Any) -> None:
    for path in site_pages(shipped_site):
        page.goto(site_url + path)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "跳到主要內容", path
        target = page.evaluate("document.activeElement.getAttribute('href')")
        assert target.startswith("#"), path
        assert page.locator(f'article.md-content__inner [id="{target[1:]}"]').count() == 1, path


def test_every_page_has_the_accesskey_tiles_and_footer(shipped_site: Path, site_url: str, page: Any) -> None:
    for path in site_pages(shipped_site):
        page.goto(site_url + path)
        for key, title in (("U", "上方功能區塊"), ("S", "網站搜尋"), ("C", "中央內容區塊"), ("Z", "下方功能區塊")):
            tile = page.locator(f"a[accesskey='{key}']")
            assert tile.count() == 1 and tile.get_attribute("title") == title and tile.text_content() == ":::", (path, key)
        assert page.locator("main a[accesskey='C']").count() == 1
        assert page.locator("footer a[accesskey='Z']").count() == 1
        footer = page.locator("footer.gov-footer")
        assert "台灣電力公司鳳山區營業處" in footer.text_content()
        for label in ("地址", "電話", "傳真", "電子郵件", "上班時間"):
            assert label in footer.text_content(), (path, label)
        updated = footer.locator(".gov-footer__updated time")
        assert updated.get_attribute("datetime") and updated.text_content().endswith("日")
        links = footer.locator("a").evaluate_all("links => links.map(a => [a.textContent.trim(), a.href])")
        titles = [title for title, _href in links]
        for title in ("隱私權及網站安全政策", "政府網站資料開放宣告", "無障礙聲明", "網站導覽", "我的E政府", "政府資料開放平臺"):
            assert title in titles, (path, title)
        assert ["我的E政府", "https://www.gov.tw/"] in links and ["政府資料開放平臺", "https://data.gov.tw/"] in links
        assert page.evaluate("document.documentElement.lang") == "zh-Hant-TW"


def test_accesskey_s_opens_the_search_box(site_url: str, page: Any) -> None:
    page.goto(site_url)
    page.keyboard.press("Alt+s")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")


def test_keyboard_alone_reaches_search_navigation_and_downloads(site_url: str, page: Any) -> None:
    page.goto(site_url + "plans/fengshan-112/facet-1/")
    reached = []
    for _ in range(400):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return [e.tagName, e.className, e.textContent.trim().slice(0, 40), e.getAttribute('href') || ''] })()"
            )
        )
    hrefs = [href for _tag, _cls, _text, href in reached]
    assert "../facet-2/" in hrefs  # navigation to the next facet
    assert any(href.endswith("fengshan-112-service-plan-facet-1.pdf") for href in hrefs)  # a download
    assert any(tag == "A" and "gov-accesskey" in cls and text == ":::" for tag, cls, text, _href in reached)
    # Following a navigation link with Enter works without a mouse.
    page.goto(site_url + "plans/fengshan-112/facet-1/")
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "../facet-2/":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/facet-2/")
    assert page.locator("h1").first.text_content().strip() == "二、服務遞送"


def test_search_box_is_usable_from_the_keyboard(site_url: str, page: Any) -> None:
    page.goto(site_url)
    page.keyboard.press("Alt+s")
    page.keyboard.insert_text("陳情")
    page.keyboard.press("End")  # an IME commit ends with a key release; Material searches on keyup
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/facet-4/**")
    assert "四、服務評價" in page.locator("h1").first.text_content()


def test_print_layout_hides_navigation_and_repeats_table_headers(site_url: str, page: Any) -> None:
    page.goto(site_url + "plans/fengshan-112/facet-1/")
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".plan-actions thead").first.evaluate("e => getComputedStyle(e).display") == "table-header-group"
    link_after = page.locator(".plan-context a").evaluate("e => getComputedStyle(e, '::after').content")
    assert "../" in link_after
