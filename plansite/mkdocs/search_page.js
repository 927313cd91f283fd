/* Site search, on every page: generated into assets/search.js by
 * plansite/mkdocs/search_page.py, which fills in the settings passed at
 * the end of this file (the variant table, the no-results help).
 *
 * - Material reads the search box only on keyup: text pasted with the mouse,
 *   chosen from a phone's suggestion bar or committed by an input method
 *   found nothing. Every input now counts as a keyup.
 * - When nothing is found, a line under Material's "沒有符合的項目" says
 *   where to ask (the office's customer service line and website).
 * - After a result is opened, Material highlights the found words on the
 *   page (?h=…); those are folded words (台灣), so their variant spellings
 *   (臺灣) are added for the page's own text to be highlighted too.
 */
"use strict";
((settings) => {
  const MAX_SPELLINGS = 16

  /* -- every input is a query */
  const box = document.querySelector(".md-search__input")
  if (box) {
    const answer = () => box.dispatchEvent(new KeyboardEvent("keyup"))
    box.addEventListener("input", event => {
      if (!event.isComposing)
        answer()
    })
    box.addEventListener("compositionend", answer)
  }

  /* -- where to turn when nothing is found */
  const meta = document.querySelector(".md-search-result__meta")
  const parts = settings.noResultsHelp || []
  if (meta && parts.length) {
    let none = ""
    try {
      none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"]
    } catch (error) {
      none = ""
    }
    /* Styled here, not in site.css: this script alone makes the element.
       Full-strength text and the theme's link colour on the page background
       (Material's grey result header is too faint for links: WCAG 1.4.3). */
    const help = document.createElement("div")
    help.className = "plansite-search-help"
    Object.assign(help.style, {
      padding: "0.4rem 0.8rem 0.4rem 1.2rem",
      fontSize: "0.64rem",
      lineHeight: "1.6",
      color: "var(--md-default-fg-color)",
    })
    const line = document.createElement("p")
    line.style.margin = "0"
    for (const part of parts) {
      if (part.href) {
        const link = document.createElement("a")
        link.href = part.href
        link.textContent = part.text
        Object.assign(link.style, { color: "var(--md-typeset-a-color)", textDecoration: "underline" })
        line.append(link)
      } else {
        line.append(part.text)
      }
    }
    help.append(line)
    /* In the page only while shown: Material's arrow keys walk every link in
       the results, so the links are reachable then and never when hidden. */
    const update = () => {
      const shown = !!none && meta.textContent.trim() === none
      if (shown && !help.isConnected)
        meta.after(help)
      else if (!shown && help.isConnected)
        help.remove()
    }
    new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true })
    update()
  }

  /* -- highlight the variant spellings of the found words on the page */
  const variants = settings.variants || {}
  const spellingsOf = new Map()
  for (const [variant, folded] of Object.entries(variants.characters || {}))
    spellingsOf.set(folded, [...spellingsOf.get(folded) || [], variant])
  const wordVariants = Object.entries(variants.words || {})

  function spellings(term) {
    let found = [term]
    for (let i = 0; i < term.length && found.length < MAX_SPELLINGS; i++)
      for (const variant of spellingsOf.get(term[i]) || [])
        found = found.concat(found.map(spelling => spelling.slice(0, i) + variant + spelling.slice(i + 1)))
    for (const [variant, folded] of wordVariants)
      found = found.concat(found.filter(spelling => spelling.includes(folded)).map(spelling => spelling.split(folded).join(variant)))
    return [...new Set(found)].slice(0, MAX_SPELLINGS)
  }

  const url = new URL(location.href)
  const highlight = url.searchParams.get("h")
  if (highlight) {
    const terms = highlight.split(/\s+/).filter(Boolean)
    const expanded = [...new Set(terms.flatMap(spellings))].join(" ")
    if (expanded !== terms.join(" ")) {
      url.searchParams.set("h", expanded)
      history.replaceState(history.state, "", url)
    }
  }
})(PLANSITE_SEARCH_SETTINGS);
