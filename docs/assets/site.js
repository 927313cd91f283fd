// Keyboard, screen reader and phone enhancements of Material's layout.
// Each function mends one thing; tests/test_browser_*.py check the result
// in a real browser. Without JavaScript the pages still read in full.
"use strict";

const FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";

function toggleElement(name) {
  return document.getElementById(name);
}

// Material's toggles are hidden checkboxes; setting one and announcing the
// change lets Material's own code (and its CSS) follow.
function setToggle(name, checked) {
  const toggle = toggleElement(name);
  if (!toggle || toggle.checked === checked) return;
  toggle.checked = checked;
  toggle.dispatchEvent(new Event("change"));
}

function openSearch() {
  setToggle("__search", true);
  const input = document.querySelector(".md-search__input");
  if (input) input.focus();
}

function closeSearch() {
  setToggle("__search", false);
}

// 導盲磚 S (網站搜尋): activating it (Alt+S or Enter) opens the search box
// and puts the cursor in it, instead of only jumping to the link.
function wireSearchAccessKey() {
  const searchKey = document.querySelector("[data-gov-search]");
  if (!searchKey) return;
  searchKey.addEventListener("click", (event) => {
    if (!document.querySelector(".md-search__input")) return;
    event.preventDefault();
    openSearch();
  });
}

// The phone menu (Material's drawer): opened by the named header button,
// focus moves into it; Escape, or moving focus out of it, closes it.
function wireDrawer() {
  const button = document.querySelector("[data-plan-toggle='__drawer']");
  const drawer = document.querySelector(".md-sidebar--primary");
  const toggle = toggleElement("__drawer");
  if (!button || !drawer || !toggle) return;
  drawer.id = drawer.id || "plan-drawer";
  button.setAttribute("aria-controls", drawer.id);
  const sync = () => button.setAttribute("aria-expanded", String(toggle.checked));
  toggle.addEventListener("change", sync);
  sync();
  button.addEventListener("click", () => {
    const open = !toggle.checked;
    setToggle("__drawer", open);
    if (open) {
      // Wait for the drawer to become visible (site.css) before focusing into it.
      requestAnimationFrame(() => {
        const first = [...drawer.querySelectorAll(FOCUSABLE)].find(isShown);
        if (first) first.focus();
      });
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked) return;
    setToggle("__drawer", false);
    button.focus();
  });
  drawer.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (toggle.checked && next && !drawer.contains(next) && next !== button) setToggle("__drawer", false);
  });
}

// The search box opens as an overlay over the page: the header button opens
// it, and moving focus out of it closes it, so the overlay never covers
// the element that has focus (WCAG 2.4.11).
function wireSearch() {
  const button = document.querySelector("[data-plan-toggle='__search']");
  const dialog = document.querySelector(".md-search");
  const toggle = toggleElement("__search");
  if (!dialog || !toggle) return;
  if (button) {
    const sync = () => button.setAttribute("aria-expanded", String(toggle.checked));
    toggle.addEventListener("change", sync);
    sync();
    button.addEventListener("click", openSearch);
  }
  dialog.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (toggle.checked && next && !dialog.contains(next) && next !== button) closeSearch();
  });
  // Material closes the search on Tab. With text in the box, Tab first goes
  // on to the clear button (「清除」), as the Tab order says; the key is kept
  // from Material's handler (capture phase) but not from the browser.
  const input = dialog.querySelector(".md-search__input");
  const clear = dialog.querySelector("button[type=reset]");
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Tab" && !event.shiftKey && document.activeElement === input && input.value && clear && isShown(clear)) {
        event.stopPropagation();
      }
    },
    true,
  );
}

// Following an in-page link (「跳到主要內容」, the table of contents) moves
// keyboard focus to the target, not only the view: the next Tab continues
// from there (WCAG 2.4.1, 2.4.7).
function wireInPageLinks() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link || link.hash.length < 2) return;
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target || target === link || target.contains(link)) return;
    // After the browser has followed the link (and scrolled).
    setTimeout(() => {
      if (!target.matches(FOCUSABLE)) {
        target.setAttribute("tabindex", "-1");
        target.addEventListener("blur", () => target.removeAttribute("tabindex"), { once: true });
      }
      target.focus({ preventScroll: true });
    }, 0);
  });
}

// 「回到頂端」 scrolls to the top and then hides itself; keyboard focus
// goes to the top too (the first Tab stop) instead of staying on a hidden button.
function wireBackToTop() {
  const button = document.querySelector(".md-top");
  const first = document.querySelector(".md-skip");
  if (!button || !first) return;
  button.addEventListener("click", () => first.focus({ preventScroll: true }));
}

// Material's click-away overlays and section arrows are <label>s with no
// text. Give each a name (read by screen readers, invisible on screen).
function nameEmptyLabels() {
  for (const label of document.querySelectorAll("label[for]")) {
    if (label.textContent.trim()) continue;
    const name = labelName(label);
    if (!name) continue;
    const text = document.createElement("span");
    text.className = "plan-visually-hidden";
    text.textContent = name;
    label.append(text);
    // The menu's click-away overlay is for pointers; keyboard and screen
    // reader users close the menu with its button or Escape.
    if (label.classList.contains("md-overlay")) label.setAttribute("aria-hidden", "true");
  }
}

// Material writes a hidden checkbox for the phone menu's table of contents
// even on pages without headings; with no label it controls nothing.
function removeOrphanToggles() {
  for (const toggle of document.querySelectorAll("input.md-toggle[id]")) {
    if (!toggle.dataset.mdToggle && !document.querySelector(`label[for="${CSS.escape(toggle.id)}"]`)) toggle.remove();
  }
}

function labelName(label) {
  const target = label.htmlFor;
  if (label.classList.contains("md-overlay")) return "關閉網站選單";
  if (target === "__search") return "關閉搜尋";
  // A navigation section's arrow: it opens that section in the phone menu.
  const section = label.closest(".md-nav__item");
  const link = section && section.querySelector(":scope > .md-nav__container > a, :scope > a");
  if (link && link.textContent.trim()) return `展開「${link.textContent.trim()}」子選單`;
  return "";
}

// Tables become one card per row on narrow screens (site.css). Each cell
// then shows its column's name, taken from the table's own header row.
function labelTableCells() {
  for (const table of document.querySelectorAll(".md-typeset table")) {
    const headers = [...table.querySelectorAll("thead th")].map((cell) => cell.textContent.trim());
    if (!headers.length) continue;
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.cells].forEach((cell, index) => {
        if (!cell.hasAttribute("data-label") && headers[index]) cell.setAttribute("data-label", headers[index]);
      });
    }
    // An attribute, not a class: Material styles tables by `table:not([class])`.
    table.setAttribute("data-plan-cards", "");
  }
}

function isShown(element) {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility === "visible";
}

document.addEventListener("DOMContentLoaded", () => {
  wireSearchAccessKey();
  wireDrawer();
  wireSearch();
  wireInPageLinks();
  wireBackToTop();
  nameEmptyLabels();
  removeOrphanToggles();
  labelTableCells();
});
