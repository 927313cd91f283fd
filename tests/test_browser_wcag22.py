"""WCAG 2.2 in practice (網站無障礙規範 115.11), checked by using every page in
Chromium with the keyboard, at desktop and phone widths: focus is never
hidden (2.4.11) nor invisible (2.4.7), targets are big enough or far enough
apart (2.5.8), the skip link moves focus, and the phone menu, the search
dialog and Material's toggles have names and work from the keyboard."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import PublishedSite, site_pages

pytestmark = pytest.mark.browser

DESKTOP, PHONE = 1280, 390
NOT_FOUND = "no-such-page/"
MAX_TAB_STOPS = 400

# What the keyboard focus is on, and whether a person can see it there.
FOCUS_FACTS = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  let opacity = 1;
  for (let node = el; node; node = node.parentElement) opacity *= parseFloat(getComputedStyle(node).opacity);
  // Points inside the element (inside each line of a link that wraps); each
  // one is hidden when something else is on top there.
  const points = [...el.getClientRects()].flatMap((line) => [[0.5, 0.5], [0.15, 0.2], [0.85, 0.2], [0.15, 0.8], [0.85, 0.8]]
    .map(([fx, fy]) => [line.left + line.width * fx, line.top + line.height * fy]))
    .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
  const covers = [];
  for (const [x, y] of points) {
    const top = document.elementFromPoint(x, y);
    if (top && top !== el && !el.contains(top) && !top.contains(el)) covers.push(top.tagName.toLowerCase() + "." + String(top.className).split(" ")[0]);
  }
  const path = [];
  for (let node = el; node && path.length < 3; node = node.parentElement) {
    path.push(node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") + (node.classList[0] ? "." + node.classList[0] : ""));
  }
  return {
    element: path.join(" < ") + " " + JSON.stringify((el.innerText || el.getAttribute("aria-label") || el.value || "").trim().slice(0, 30)),
    width: box.width, height: box.height,
    visible: style.visibility === "visible" && opacity > 0.5 && box.width >= 2 && box.height >= 2,
    inViewport: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
    pointsInView: points.length,
    covered: covers.length,
    coveredBy: [...new Set(covers)],
    indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none",
  };
}"""


def _walk(tab: Any, key: str) -> list[dict[str, Any]]:
    """Every stop of one round of Tab (or Shift+Tab) from the top of the page."""
    tab.evaluate("document.activeElement && document.activeElement.blur()")
    stops: list[dict[str, Any]] = []
    for _ in range(MAX_TAB_STOPS):
        tab.keyboard.press(key)
        facts = tab.evaluate(FOCUS_FACTS)
        if facts is None or (stops and facts["element"] == stops[0]["element"]):
            break
        stops.append(facts)
    return stops


@pytest.fixture(scope="module")
def tab_walks(published_site: PublishedSite, browser: Any) -> dict[tuple[int, str, str], list[dict[str, Any]]]:
    """{(width, key, page): stops}: forward and backward through every page at both widths."""
    walks = {}
    for width in (DESKTOP, PHONE):
        context = browser.new_context(viewport={"width": width, "height": 800})
        tab = context.new_page()
        for path in [*site_pages(published_site.path), NOT_FOUND]:
            for key in ("Tab", "Shift+Tab"):
                tab.goto(published_site.url + path)
                walks[(width, key, path)] = _walk(tab, key)
        context.close()
    return walks


def test_the_keyboard_reaches_the_whole_page(tab_walks: dict[tuple[int, str, str], list[dict[str, Any]]]) -> None:
    for (width, key, path), stops in tab_walks.items():
        assert len(stops) >= 8, (width, key, path)
        assert len(stops) < MAX_TAB_STOPS, (width, key, path)  # the round closed: no keyboard trap
        assert any('"隱私權及網站安全政策"' in stop["element"] for stop in stops), (width, key, path)


def test_focus_is_never_hidden_under_the_header_or_an_overlay(tab_walks: dict[tuple[int, str, str], list[dict[str, Any]]]) -> None:
    """WCAG 2.4.11: the browser scrolls the focused element into view; no
    sticky header, menu or overlay may hide it. Checked more strictly than AA
    asks: no part of it may be covered."""
    hidden = {
        (width, key, path): [(stop["element"], stop["coveredBy"]) for stop in stops if not stop["inViewport"] or stop["covered"]]
        for (width, key, path), stops in tab_walks.items()
    }
    assert {where: found for where, found in hidden.items() if found} == {}


def test_every_tab_stop_is_visible_and_shows_where_focus_is(tab_walks: dict[tuple[int, str, str], list[dict[str, Any]]]) -> None:
    """No invisible Tab stops (zero-size, transparent or hidden elements) and a
    visible focus indicator on each (WCAG 2.4.7)."""
    invisible = {where: [stop["element"] for stop in stops if not stop["visible"] or not stop["indicator"]] for where, stops in tab_walks.items()}
    assert {where: found for where, found in invisible.items() if found} == {}


def test_the_closed_phone_menu_and_search_are_not_in_the_tab_order(tab_walks: dict[tuple[int, str, str], list[dict[str, Any]]]) -> None:
    for (width, key, path), stops in tab_walks.items():
        if width == PHONE:
            assert not any("md-nav__link" in stop["element"] for stop in stops), (key, path)
            assert not any("md-search__input" in stop["element"] for stop in stops), (key, path)
            assert any('"網站選單"' in stop["element"] for stop in stops) and any('"網站搜尋"' in stop["element"] for stop in stops), (key, path)


# A 24 x 24 CSS px target, or one whose 24 px circle touches no other target
# (WCAG 2.5.8). Links inside a sentence are exempt.
TARGET_SIZE = r"""() => {
  const selector = "a[href], button, summary, input:not([type=hidden]), select, textarea, [role=button], [tabindex='0']";
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 1 && box.height > 1 && style.visibility === "visible" && !el.closest("[hidden], [aria-hidden=true]");
  };
  const inSentence = (el) => {
    if (getComputedStyle(el).display !== "inline") return false;
    const block = el.parentElement.closest("p, li, td, th, dd, dt, caption, figcaption, div");
    return block && block.textContent.trim().length > el.textContent.trim().length;
  };
  // Only what a pointer can reach: not what lies under an open overlay.
  const onTop = (el) => {
    const box = el.getBoundingClientRect();
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
    if (box.bottom < 0 || box.top > innerHeight) return true;  // off screen: judged where it is, as if scrolled to
    const hit = document.elementFromPoint(x, y);
    return hit && (hit === el || el.contains(hit) || hit.contains(el));
  };
  const targets = [...document.querySelectorAll(selector)].filter(shown).filter((el) => !inSentence(el) && onTop(el));
  const boxes = targets.map((el) => el.getBoundingClientRect());
  const small = boxes.map((box) => box.width < 23.5 || box.height < 23.5);
  const centre = (box) => [box.left + box.width / 2, box.top + box.height / 2];
  const circleMeetsBox = ([x, y], box) => {
    const dx = Math.max(box.left - x, 0, x - box.right), dy = Math.max(box.top - y, 0, y - box.bottom);
    return dx * dx + dy * dy < 12 * 12;
  };
  const failures = [];
  boxes.forEach((box, i) => {
    if (!small[i]) return;
    const c = centre(box);
    const clash = boxes.some((other, j) => j !== i && !targets[j].contains(targets[i]) && !targets[i].contains(targets[j]) &&
      (circleMeetsBox(c, other) || (small[j] && Math.hypot(c[0] - centre(other)[0], c[1] - centre(other)[1]) < 24)));
    if (clash) failures.push(targets[i].outerHTML.slice(0, 90) + ` (${Math.round(box.width)}x${Math.round(box.height)})`);
  });
  return failures;
}"""


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_targets_are_big_enough_or_far_enough_apart(published_site: PublishedSite, browser: Any, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    failures = {}
    for path in [*site_pages(published_site.path), NOT_FOUND]:
        tab.goto(published_site.url + path)
        found = tab.evaluate(TARGET_SIZE)
        if found:
            failures[path] = found
    context.close()
    assert failures == {}


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_targets_in_the_open_search_box_are_big_enough(published_site: PublishedSite, browser: Any, width: int) -> None:
    # Reduced motion: Material then shows the clear button at once instead of after a
    # 0.15 s scale-in, so its size is measured in its final state, however busy the machine.
    context = browser.new_context(viewport={"width": width, "height": 800}, reduced_motion="reduce")
    tab = context.new_page()
    tab.goto(published_site.url)
    if width == PHONE:
        tab.get_by_role("button", name="網站搜尋").click()
    else:
        tab.locator(".md-search__input").focus()
    tab.keyboard.insert_text("電費")
    tab.keyboard.press("End")
    tab.wait_for_selector(".md-search-result__item")
    assert tab.evaluate("document.getElementById('__search').checked"), "the search box closed while typing"
    # Shown: visible, and not faded out (0.7 while the pointer happens to rest on it).
    tab.get_by_role("button", name="清除").wait_for(state="visible")
    assert float(tab.evaluate("getComputedStyle(document.querySelector('.md-search__options > .md-icon')).opacity")) >= 0.7
    clear = tab.get_by_role("button", name="清除").evaluate("e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height]")
    assert min(clear) >= 24
    assert tab.evaluate(TARGET_SIZE) == []
    context.close()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_download_block_toggles_are_at_least_24_px_high(published_site: PublishedSite, browser: Any, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.goto(published_site.url)
    toggles = "details:is(.plan-download-more, .plan-checksums) > summary"
    heights = tab.locator(toggles).evaluate_all("items => items.map(s => s.getBoundingClientRect().height)")
    context.close()
    assert heights and min(heights) >= 24


def test_the_skip_link_moves_keyboard_focus_to_the_content(published_site: PublishedSite, browser: Any) -> None:
    context = browser.new_context(viewport={"width": DESKTOP, "height": 800})
    tab = context.new_page()
    for path in [*site_pages(published_site.path), NOT_FOUND]:
        tab.goto(published_site.url + path)
        tab.keyboard.press("Tab")
        target = tab.evaluate("document.activeElement.getAttribute('href')")
        tab.keyboard.press("Enter")
        tab.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=target[1:])
        facts = tab.evaluate(FOCUS_FACTS)
        assert facts["visible"] and facts["indicator"] and facts["inViewport"] and not facts["covered"], (path, facts)
        assert tab.evaluate("document.activeElement.closest('article.md-content__inner') !== null"), path
        # The next Tab continues inside the content, not back at the top.
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.closest('.md-content, .md-footer') !== null"), path
    context.close()


def test_back_to_top_takes_keyboard_focus_to_the_top(published_site: PublishedSite, page_at_desktop: Any) -> None:
    page_at_desktop.goto(published_site.url + "plans/fengshan-112/facet-1/")
    page_at_desktop.mouse.wheel(0, 6000)
    page_at_desktop.wait_for_function("scrollY > 3000")
    page_at_desktop.mouse.wheel(0, -400)  # Material offers 「回到頂端」 while scrolling up
    page_at_desktop.wait_for_selector(".md-top:not([hidden])")
    page_at_desktop.locator(".md-top").focus()
    page_at_desktop.keyboard.press("Enter")
    page_at_desktop.wait_for_function("scrollY === 0")
    facts = page_at_desktop.evaluate(FOCUS_FACTS)
    assert facts["element"].startswith("a.md-skip") and facts["visible"] and not facts["covered"], facts


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    tab = context.new_page()
    yield tab
    context.close()


def _tab_to(tab: Any, name: str) -> None:
    for _ in range(20):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.getAttribute('aria-label')") == name:
            return
    raise AssertionError(f"no Tab stop named {name}")


def _drawer_state(tab: Any) -> dict[str, Any]:
    return tab.evaluate(
        """() => {
          const drawer = document.querySelector('.md-sidebar--primary');
          const box = drawer.getBoundingClientRect();
          const button = document.querySelector("[data-plan-toggle='__drawer']");
          return {
            shown: getComputedStyle(drawer).visibility === 'visible' && box.right > 0 && box.left < innerWidth,
            expanded: button.getAttribute('aria-expanded'),
            controls: button.getAttribute('aria-controls') === drawer.id,
            focusInside: drawer.contains(document.activeElement),
            focusOnButton: document.activeElement === button,
          };
        }"""
    )


def test_the_phone_menu_opens_and_closes_with_the_keyboard(published_site: PublishedSite, phone: Any) -> None:
    phone.goto(published_site.url + "plans/fengshan-112/facet-1/")
    menu = phone.get_by_role("button", name="網站選單")
    assert menu.is_visible()
    assert _drawer_state(phone) == {"shown": False, "expanded": "false", "controls": True, "focusInside": False, "focusOnButton": False}
    _tab_to(phone, "網站選單")
    phone.keyboard.press("Enter")
    phone.wait_for_function("document.querySelector('.md-sidebar--primary').contains(document.activeElement)")
    assert _drawer_state(phone) == {"shown": True, "expanded": "true", "controls": True, "focusInside": True, "focusOnButton": False}
    # Every link of the menu is reached with Tab, visible in the menu, never hidden.
    seen = []
    for _ in range(80):
        phone.keyboard.press("Tab")
        facts = phone.evaluate(FOCUS_FACTS)
        if not phone.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)"):
            break
        assert facts["visible"] and facts["inViewport"] and not facts["covered"], facts
        seen.append(facts["element"])
    assert any('"二、服務遞送"' in element for element in seen) and any('"網站導覽"' in element for element in seen)
    # Tabbing past the last link leaves the menu, which closes behind it.
    assert _drawer_state(phone)["shown"] is False
    # Escape closes it and puts focus back on the button.
    phone.get_by_role("button", name="網站選單").focus()
    phone.keyboard.press("Enter")
    phone.wait_for_function("document.querySelector('.md-sidebar--primary').contains(document.activeElement)")
    phone.keyboard.press("Escape")
    assert _drawer_state(phone) == {"shown": False, "expanded": "false", "controls": True, "focusInside": False, "focusOnButton": True}


def test_the_search_dialog_has_a_name_and_opens_from_its_button(published_site: PublishedSite, phone: Any) -> None:
    phone.goto(published_site.url)
    assert phone.get_by_role("dialog", name="網站搜尋").count() == 1
    button = phone.get_by_role("button", name="網站搜尋")
    assert button.get_attribute("aria-expanded") == "false"
    _tab_to(phone, "網站搜尋")
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert button.get_attribute("aria-expanded") == "true"
    # Material fades the search box in; once shown, the focused box is visible and not covered.
    phone.wait_for_function("getComputedStyle(document.querySelector('.md-search__inner')).opacity === '1'")
    facts = phone.evaluate(FOCUS_FACTS)
    assert facts["visible"] and facts["inViewport"] and not facts["covered"], facts
    # Tab out of the search box closes it.
    phone.keyboard.press("Tab")
    assert button.get_attribute("aria-expanded") == "false"


def test_the_clear_button_is_reachable_only_when_there_is_text_to_clear(published_site: PublishedSite, browser: Any) -> None:
    context = browser.new_context(viewport={"width": DESKTOP, "height": 800})
    tab = context.new_page()
    tab.goto(published_site.url)
    tab.locator(".md-search__input").focus()
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") != "清除"
    tab.locator(".md-search__input").focus()
    tab.keyboard.insert_text("電費")
    tab.keyboard.press("End")
    # Material fades the clear button in as soon as there is text.
    tab.wait_for_function("getComputedStyle(document.querySelector('.md-search__options > .md-icon')).opacity === '1'")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "清除"
    assert tab.evaluate(FOCUS_FACTS)["visible"]
    tab.keyboard.press("Enter")
    assert tab.locator(".md-search__input").input_value() == ""
    context.close()


def test_material_toggles_and_their_labels_have_names(published_site: PublishedSite, browser: Any) -> None:
    """Material drives its menu, search and menu sections with hidden
    checkboxes and <label>s. Every such label says what it does, every
    checkbox left in the page has a label, and the visible controls are
    named buttons."""
    for width in (DESKTOP, PHONE):
        context = browser.new_context(viewport={"width": width, "height": 800})
        tab = context.new_page()
        for path in [*site_pages(published_site.path), NOT_FOUND]:
            tab.goto(published_site.url + path)
            unnamed = tab.evaluate(
                """() => [...document.querySelectorAll('input.md-toggle')].flatMap((toggle) => {
                     const labels = [...document.querySelectorAll(`label[for="${toggle.id}"]`)];
                     if (!labels.length) return [toggle.id + ': no label'];
                     return labels.filter((label) => !label.textContent.trim()).map((label) => toggle.id + ': ' + label.className);
                   })"""
            )
            assert unnamed == [], (width, path)
        if width == PHONE:
            assert tab.get_by_role("button", name="網站選單").is_visible()
            assert tab.get_by_role("button", name="網站搜尋").is_visible()
        context.close()


def test_no_navigation_region_is_empty(published_site: PublishedSite, page_at_desktop: Any) -> None:
    for path in [*site_pages(published_site.path), NOT_FOUND]:
        page_at_desktop.goto(published_site.url + path)
        empty = page_at_desktop.evaluate(
            "[...document.querySelectorAll('nav')].filter(n => !n.querySelector('a[href], button')).map(n => n.outerHTML.slice(0, 80))"
        )
        assert empty == [], path
    # The about page has no headings below its title: it has no 目錄 at all.
    page_at_desktop.goto(published_site.url + "about/")
    assert page_at_desktop.locator("nav[aria-label='目錄']").count() == 0


@pytest.fixture
def page_at_desktop(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": DESKTOP, "height": 800})
    tab = context.new_page()
    yield tab
    context.close()
