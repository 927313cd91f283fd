"""Every page in real headless Chromium: axe-core (WCAG 2.0, 2.1 and 2.2 A/AA
and axe's best practices) at desktop and phone widths, no third-party
requests, the skip link, 導盲磚 and footer, and keyboard-only use."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from plansite.source.load import load_site

from .conftest import PROJECT_ROOT, PublishedSite, site_pages

pytestmark = pytest.mark.browser

# 網站無障礙規範 115.11 follows WCAG 2.2; best-practice adds rules such as
# aria-dialog-name (the search box is a dialog and needs a name).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DESKTOP, PHONE, SMALL_PHONE = 1280, 390, 320
NOT_FOUND = "no-such-page/"


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("width", [DESKTOP, PHONE, SMALL_PHONE])
@pytest.mark.parametrize("site", ["published_site", "published_example"])
def test_every_page_has_no_axe_violations(site: str, request: pytest.FixtureRequest, browser: Any, width: int) -> None:
    """The shipped site, and the example site's round, change-log and comparison pages."""
    published_site: PublishedSite = request.getfixturevalue(site)
    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    failures = {}
    for path in [*site_pages(published_site.path), NOT_FOUND]:
        tab.goto(published_site.url + path)
        results = axe.run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = results.response["violations"]
        if violations:
            failures[path] = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in violations]
    context.close()
    assert failures == {}


def test_axe_runs_the_wcag_2_2_and_dialog_name_rules(published_site: PublishedSite, page: Any) -> None:
    # The runs above would pass vacuously if this axe-core knew no WCAG 2.2 rules.
    page.goto(published_site.url)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response
    ran = {rule["id"] for kind in ("passes", "inapplicable", "incomplete", "violations") for rule in results[kind]}
    assert {"target-size", "aria-dialog-name", "color-contrast", "region"} <= ran


def test_no_page_requests_anything_from_another_host(published_site: PublishedSite, page: Any) -> None:
    origin = urlsplit(published_site.url).netloc
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url) if urlsplit(request.url).netloc not in (origin, "") else None)
    for path in [*site_pages(published_site.path), NOT_FOUND]:
        page.goto(published_site.url + path, wait_until="networkidle")
    assert foreign == []


def test_skip_link_is_the_first_tab_stop_and_leads_to_the_content(published_site: PublishedSite, page: Any) -> None:
    for path in [*site_pages(published_site.path), NOT_FOUND]:
        page.goto(published_site.url + path)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "跳到主要內容", path
        target = page.evaluate("document.activeElement.getAttribute('href')")
        assert target.startswith("#"), path
        assert page.locator(f'article.md-content__inner [id="{target[1:]}"]').count() == 1, path


def _stated_contact_rows() -> list[list[str]]:
    """The footer rows plan_data/site.yaml states, in the footer's order."""
    office = load_site(PROJECT_ROOT / "plan_data").site.office
    fields = [
        ("上級機關", office.parent_organization),
        ("主管機關", office.competent_authority),
        ("地址", office.address),
        ("電話", office.phone),
        ("客服專線", office.customer_service_phone),
        ("傳真", office.fax),
        ("電子郵件", office.email),
        ("機關網站", office.website),
        ("上班時間", office.office_hours),
    ]
    return [[label, value] for label, value in fields if value]


def test_every_page_has_the_accesskey_tiles_and_footer(shipped_site: Path, site_url: str, page: Any) -> None:
    stated = _stated_contact_rows()
    # The shipped data states the office's organisation and website but not its address.
    assert [label for label, _value in stated] == ["上級機關", "主管機關", "客服專線", "機關網站"]
    for path in site_pages(shipped_site):
        page.goto(site_url + path)
        for key, title in (("U", "上方功能區塊"), ("S", "網站搜尋"), ("C", "中央內容區塊"), ("Z", "下方功能區塊")):
            tile = page.locator(f"a[accesskey='{key}']")
            assert tile.count() == 1 and tile.get_attribute("title") == title and tile.text_content() == ":::", (path, key)
        assert page.locator("main a[accesskey='C']").count() == 1
        assert page.locator("footer a[accesskey='Z']").count() == 1
        footer = page.locator("footer.gov-footer")
        assert "台灣電力公司鳳山區營業處" in footer.text_content()
        # Only what site.yaml states; never a row saying 「未提供」.
        rows = footer.locator(".gov-footer__contact > div").evaluate_all(
            "rows => rows.map(row => [row.querySelector('dt').textContent.trim(), row.querySelector('dd').textContent.trim()])"
        )
        assert rows == stated, path
        assert "未提供" not in footer.text_content(), path
        assert footer.locator(".gov-footer__contact a").get_attribute("href") == "https://www.taipower.com.tw"
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
