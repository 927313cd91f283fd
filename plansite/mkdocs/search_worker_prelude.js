/* plansite-search-prelude: prepended to Material's search worker by
 * plansite/mkdocs/search_worker_fix.py; the source is
 * plansite/mkdocs/search_worker_prelude.js.
 *
 * - Variant characters (異體字) are folded the same way in the index and in
 *   every query, so 臺灣 finds 台灣 and 電錶 finds 電表. Only the words lunr
 *   matches are folded; the text shown and highlighted stays the plan's.
 * - The office's synonyms (site.yaml search.synonyms) are added to a query
 *   that contains their term: 台電 also searches 台灣電力.
 *
 * The settings arrive with the index (search_index.json config.plansite,
 * written by plansite/mkdocs/search_index.py from the Python table in
 * plansite/mkdocs/search_variants.py). Material's own code is not changed:
 * its message listener is wrapped, and lunr's public Builder/Pipeline API
 * gets one more pipeline step. If anything here is missing, search works
 * as Material ships it.
 */
"use strict";
(() => {
  /* Material's SearchMessageType (integrations/search/worker/message) */
  const SETUP = 0
  const QUERY = 2

  let characters = new Map()
  let characterPattern = null
  let words = []
  let synonyms = []

  function fold(text) {
    for (const [variant, folded] of words)
      text = text.split(variant).join(folded)
    return characterPattern
      ? text.replace(characterPattern, character => characters.get(character))
      : text
  }

  function configure(settings) {
    const variants = (settings && settings.variants) || {}
    characters = new Map(Object.entries(variants.characters || {}))
    characterPattern = characters.size
      ? new RegExp(`[${[...characters.keys()].join("")}]`, "gu")
      : null
    words = Object.entries(variants.words || {})
    synonyms = Object.entries((settings && settings.synonyms) || {})
  }

  /* The query folded, with the synonyms of every term it contains added
     (lunr ORs the words of a query; Material ranks pages with more of them higher). */
  function rewriteQuery(query) {
    const folded = fold(query)
    const added = []
    for (const [term, alternatives] of synonyms)
      if (folded.includes(term))
        for (const alternative of alternatives)
          if (!folded.includes(alternative) && !added.includes(alternative))
            added.push(alternative)
    return added.length ? `${folded} ${added.join(" ")}` : folded
  }

  /* Fold every word lunr indexes or looks up, as the last pipeline step. */
  let indexFolded = false
  function foldIndexWords() {
    const lunr = self.lunr
    if (indexFolded || !lunr || !lunr.Builder || !lunr.Pipeline)
      return
    const foldWord = token => token.update(text => fold(text))
    lunr.Pipeline.registerFunction(foldWord, "plansiteFold")
    const builders = new WeakSet()
    const add = lunr.Builder.prototype.add
    lunr.Builder.prototype.add = function (...args) {
      if (!builders.has(this)) {
        builders.add(this)
        this.pipeline.add(foldWord)
        this.searchPipeline.add(foldWord)
      }
      return add.apply(this, args)
    }
    indexFolded = true
  }

  function rewrite(event) {
    const message = event.data
    try {
      if (message && message.type === SETUP) {
        configure(message.data && message.data.config && message.data.config.plansite)
        foldIndexWords()
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        return new MessageEvent("message", { data: { ...message, data: rewriteQuery(message.data) } })
      }
    } catch (error) {
      console.warn("plansite search:", error)
    }
    return event
  }

  const listen = self.addEventListener
  self.addEventListener = function (type, listener, options) {
    if (type !== "message" || typeof listener !== "function")
      return listen.call(this ?? self, type, listener, options)
    return listen.call(this ?? self, type, event => listener(rewrite(event)), options)
  }
})();
