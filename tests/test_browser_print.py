"""Printing a page (Chromium's print media and its PDF): a header naming the
office, the page, its web address and its ROC date; no navigation, search or
download block; no relative link targets written out; action tables keep
their columns."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import PublishedSite, site_pages

pytestmark = pytest.mark.browser

OFFICE = "台灣電力公司鳳山區營業處"
PAGES = ["", "plans/fengshan-112/", "plans/fengshan-112/facet-1/", "plans/fengshan-112/departments/", "about/", "sitemap/"]
LEFT_OUT = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-skip", ".gov-accesskey", ".gov-footer__links",
            ".plan-downloads", ".plan-download-more", ".plan-checksums", ".md-typeset h2#downloads", ".plan-download-note"]  # fmt: skip


@pytest.fixture
def printed(browser: Any) -> Any:
    context = browser.new_context()
    tab = context.new_page()
    tab.emulate_media(media="print")
    yield tab
    context.close()


def _print_header(tab: Any) -> dict[str, Any]:
    return tab.evaluate(
        """() => {
          const header = document.querySelector('.plan-print-header');
          const time = header.querySelector('time');
          return {
            shown: getComputedStyle(header).display !== 'none',
            lines: header.innerText.split('\\n').map(line => line.trim()).filter(Boolean),
            datetime: time && time.getAttribute('datetime'),
            pageTitle: document.title.replace(/ - [^-]*$/, ''),
            footerDate: document.querySelector('.gov-footer__updated time').getAttribute('datetime'),
            footerRoc: document.querySelector('.gov-footer__updated time').textContent.trim(),
          };
        }"""
    )


def test_printed_pages_carry_office_title_address_and_date(published_site: PublishedSite, printed: Any) -> None:
    for path in PAGES:
        printed.goto(published_site.url + path)
        header = _print_header(printed)
        assert header["shown"], path
        assert header["lines"] == [OFFICE, header["pageTitle"], f"網址：{published_site.url}{path}", f"更新日期：{header['footerRoc']}"], path
        assert header["datetime"] == header["footerDate"] and header["footerRoc"].startswith("112年"), path


def test_without_a_site_address_the_print_header_gives_no_address(site_url: str, printed: Any) -> None:
    printed.goto(site_url + "plans/fengshan-112/facet-1/")
    lines = _print_header(printed)["lines"]
    assert lines[0] == OFFICE and lines[1].startswith("一、基礎服務") and lines[2].startswith("更新日期：112年")
    assert not any(line.startswith("網址") for line in lines)


def test_the_print_header_is_not_shown_on_screen(published_site: PublishedSite, browser: Any) -> None:
    context = browser.new_context()
    tab = context.new_page()
    for path in site_pages(published_site.path):
        tab.goto(published_site.url + path)
        assert tab.locator(".plan-print-header").evaluate("e => getComputedStyle(e).display") == "none", path
    context.close()


def test_print_leaves_out_navigation_search_and_downloads(published_site: PublishedSite, printed: Any) -> None:
    for path in PAGES:
        printed.goto(published_site.url + path)
        shown = printed.evaluate(
            "selectors => selectors.filter(s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none'))",
            LEFT_OUT,
        )
        assert shown == [], path
    printed.goto(published_site.url)
    assert printed.locator(".plan-downloads").count() >= 1  # there was something to leave out


def test_print_writes_out_only_addresses_of_other_sites(published_site: PublishedSite, printed: Any) -> None:
    for path in PAGES:
        printed.goto(published_site.url + path)
        links = printed.locator("article a[href]").evaluate_all("links => links.map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])")
        for href, after in links:
            if href.startswith(("http://", "https://")):
                assert href in after, (path, href)
            else:
                assert after in ("none", "normal", '""'), (path, href, after)


def test_printed_action_tables_keep_readable_columns(published_site: PublishedSite, printed: Any) -> None:
    printed.goto(published_site.url + "plans/fengshan-112/facet-1/")
    widths = (
        printed.locator(".plan-actions")
        .first.locator("thead th")
        .evaluate_all("cells => cells.map(c => c.getBoundingClientRect().width / parseFloat(getComputedStyle(c).fontSize))")
    )
    assert min(widths) >= 4  # 「承辦部門」 and 「執行期間」 on one line


def _pdf_text(tab: Any, folder: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is missing: apt-get install poppler-utils"
    pdf = folder / "page.pdf"
    tab.pdf(path=str(pdf))
    return subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_printed_pdf_reads_as_a_document(published_site: PublishedSite, printed: Any, tmp_path: Path) -> None:
    printed.goto(published_site.url + "plans/fengshan-112/facet-1/")
    text = _pdf_text(printed, tmp_path)
    first_lines = [line.strip() for line in text.splitlines() if line.strip()][:4]
    assert first_lines[0] == OFFICE
    assert first_lines[1] == "一、基礎服務｜鳳山區處 112 年度提升服務效能執行計畫"
    assert first_lines[2] == f"網址：{published_site.url}plans/fengshan-112/facet-1/"
    assert first_lines[3].startswith("更新日期：112年")
    assert "訂定申辦業務標準作業流程" in text.replace(" ", "")
    for absent in ("../", "(../", "（../", "downloads/", "SHA-256", "開放文件格式文字文件", "跳到主要內容", ":::", "網站選單", "回到頂端", "目錄"):
        assert absent not in text, absent
