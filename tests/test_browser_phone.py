"""A citizen on a phone, 390 and 320 CSS px wide (320 px is also a desktop
browser zoomed to 400 %, WCAG 1.4.10): no page scrolls sideways, no table is
wider than the screen, and no table cell is squeezed below three characters
a line. Every page, opened at that width and resized to it from a desktop."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import PublishedSite, site_pages

pytestmark = pytest.mark.browser

PHONE_WIDTHS = [390, 320]
NOT_FOUND = "no-such-page/"
MIN_CHARACTERS_PER_LINE = 3

# Widths that matter on a phone; a cell's width in characters is its text
# width divided by its font size (a CJK character is one em wide).
LAYOUT = r"""() => {
  const page = document.documentElement;
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && getComputedStyle(el).visibility === "visible";
  };
  const tables = [...document.querySelectorAll(".md-content table")].filter(shown);
  // On cards the header row is read by screen readers only (1 px, clipped).
  const inHiddenHeader = (cell) => cell.closest("thead") && cell.closest("thead").getBoundingClientRect().width <= 1;
  const cells = tables.flatMap((table) => [...table.querySelectorAll("th, td")])
    .filter((cell) => shown(cell) && !inHiddenHeader(cell) && cell.textContent.trim());
  return {
    scrollWidth: page.scrollWidth,
    clientWidth: page.clientWidth,
    tables: tables.map((table) => ({
      caption: table.caption ? table.caption.textContent.trim().slice(0, 30) : "",
      right: table.getBoundingClientRect().right,
      cards: getComputedStyle(table.querySelector("tr")).display === "block",
    })),
    cells: cells.map((cell) => {
      const style = getComputedStyle(cell);
      const inner = cell.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
        - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
      return { text: cell.textContent.trim().slice(0, 20), characters: inner / parseFloat(style.fontSize) };
    }),
  };
}"""


def _problems(layout: dict[str, Any]) -> list[str]:
    width = layout["clientWidth"]
    problems = []
    if layout["scrollWidth"] > width:
        problems.append(f"page {layout['scrollWidth']} px wide")
    problems += [f"table {table['caption']!r} ends at {table['right']:.0f} px" for table in layout["tables"] if table["right"] > width + 0.5]
    squeezed = [cell for cell in layout["cells"] if cell["characters"] < MIN_CHARACTERS_PER_LINE]
    problems += [f"cell {cell['text']!r} {cell['characters']:.1f} characters a line" for cell in squeezed]
    return problems


def _layout_problems_of_every_page(published_site: PublishedSite, browser: Any, width: int, opened_at: int) -> dict[str, list[str]]:
    """Each page opened `opened_at` px wide, then narrowed to `width`: what does not fit."""
    context = browser.new_context(viewport={"width": opened_at, "height": 800})
    tab = context.new_page()
    problems = {}
    for path in [*site_pages(published_site.path), NOT_FOUND]:
        tab.set_viewport_size({"width": opened_at, "height": 800})
        tab.goto(published_site.url + path)
        tab.set_viewport_size({"width": width, "height": 800})
        found = _problems(tab.evaluate(LAYOUT))
        if found:
            problems[path] = found
    context.close()
    return problems


# The example site adds the pages the shipped plan has no data for yet (round pages
# with their charts, the change log, the year comparison).
SITES = ["published_site", "published_example"]


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_no_page_or_table_is_wider_than_a_phone(site: str, request: pytest.FixtureRequest, browser: Any, width: int) -> None:
    assert _layout_problems_of_every_page(request.getfixturevalue(site), browser, width, opened_at=width) == {}


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_pages_reflow_when_the_window_narrows_to_phone_width(site: str, request: pytest.FixtureRequest, browser: Any, width: int) -> None:
    assert _layout_problems_of_every_page(request.getfixturevalue(site), browser, width, opened_at=1280) == {}


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_tables_become_cards_that_name_each_value(published_site: PublishedSite, browser: Any, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    # (page, table, what the first row's cells show: label before the value, or none)
    expected = {
        "open-data/": ("table", ["", "JSON 鍵名：", "說明："]),
        "plans/fengshan-112/": ("table", ["", "執行策略：", "子策略：", "具體作法："]),
        "plans/fengshan-112/departments/": ("table.plan-by-department", ["", "", "執行期間："]),
        "plans/fengshan-112/facet-1/": ("table.plan-actions", ["", "", "承辦部門：", "執行期間："]),
    }
    for path, (selector, labels) in expected.items():
        tab.goto(published_site.url + path)
        layout = tab.evaluate(LAYOUT)
        assert layout["tables"] and all(table["cards"] for table in layout["tables"]), path
        shown = tab.locator(f".md-content {selector} tbody tr").first.evaluate(
            "row => [...row.cells].map(cell => getComputedStyle(cell, '::before').content.replace(/^none$|^normal$/, '').replaceAll('\"', ''))"
        )
        assert shown == labels, path
    context.close()


def test_tables_stay_tables_on_a_desktop(published_site: PublishedSite, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    for path in ("open-data/", "plans/fengshan-112/", "plans/fengshan-112/departments/", "plans/fengshan-112/facet-1/"):
        tab.goto(published_site.url + path)
        layout = tab.evaluate(LAYOUT)
        assert layout["tables"] and not any(table["cards"] for table in layout["tables"]), path
        assert _problems(layout) == [], path
    context.close()
