/*
 * When a search finds nothing, the help box (help.yml) shows under the theme's "No matching
 * documents", so a reader who searched for "abuse" or "afraid" still finds a way to reach a
 * person. The box is in the page already (partials/search.html); this only shows and hides it,
 * watching the theme's count of results. A deferred classic script, so it also runs from file://.
 */
(function () {
  "use strict"

  function setup() {
    const box = document.querySelector("[data-worth-search-help]")
    const meta = document.querySelector(".md-search-result__meta")
    const list = document.querySelector(".md-search-result__list")
    const input = document.querySelector("[data-md-component=search-query]")
    if (!box || !meta || !list || !input || box.dataset.watched) return
    box.dataset.watched = "1"
    const update = () => {
      box.hidden = !(input.value.trim() && !list.children.length && meta.textContent.trim() === box.dataset.none)
    }
    new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true })
    input.addEventListener("input", update)
    update()
  }

  // The header (and so the search box) is not replaced by instant navigation: once is enough.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup)
  else setup()
})()
