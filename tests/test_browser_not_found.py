"""The page a visitor gets for an address that does not exist: in Chinese,
with the way home and to the site map, at any depth of address. (Its
accessibility is checked with every other page: axe, a11y-moda, keyboard.)"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import PublishedSite

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("address", ["no-such-page/", "plans/fengshan-112/no-such-facet/", "plans/old-plan/facet-9/index.html"])
def test_a_missing_address_gets_the_chinese_404_page_with_links_home_and_to_the_site_map(published_site: PublishedSite, browser: Any, address: str) -> None:
    context = browser.new_context()
    tab = context.new_page()
    response = tab.goto(published_site.url + address)
    assert response.status == 404
    assert tab.evaluate("document.documentElement.lang") == "zh-Hant-TW"
    assert tab.title().startswith("找不到網頁")
    assert tab.locator("h1").text_content().strip() == "找不到這個網頁"
    # Styles and scripts load from any depth (absolute addresses).
    assert tab.evaluate("getComputedStyle(document.querySelector('.plan-print-header, .gov-accesskey')).position") == "absolute"
    tab.get_by_role("link", name="網站導覽", exact=True).first.click()
    tab.wait_for_url(published_site.url + "sitemap/")
    assert tab.locator("h1").text_content().strip() == "網站導覽"
    tab.goto(published_site.url + address)
    tab.get_by_role("link", name="回到首頁").click()
    tab.wait_for_url(published_site.url)
    context.close()


def test_the_404_page_keeps_the_site_frame(published_site: PublishedSite, browser: Any) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(published_site.url + "no-such-page/")
    assert tab.locator("footer.gov-footer").count() == 1
    assert [tab.locator(f"a[accesskey='{key}']").count() for key in "USCZ"] == [1, 1, 1, 1]
    assert tab.locator("nav.md-nav--primary").count() == 1
    context.close()
