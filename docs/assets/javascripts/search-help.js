/*
 * When a search finds nothing, the help box (help.yml) shows under the theme's "No matching
 * documents". site.js loads this file when search first opens; this loads the box
 * (help-box.js, made by the build), so pages carry neither until a reader searches.
 */
(function () {
  "use strict"

  const place = document.querySelector("[data-worth-search-help]")
  const meta = document.querySelector(".md-search-result__meta")
  const list = document.querySelector(".md-search-result__list")
  const input = document.querySelector("[data-md-component=search-query]")
  if (!place || !meta || !list || !input) return

  const update = () => {
    place.hidden = !(place.children.length && input.value.trim() && !list.children.length &&
      meta.textContent.trim() === place.dataset.none)
  }
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true })
  input.addEventListener("input", update)

  const script = document.createElement("script")
  script.src = new URL("help-box.js", document.currentScript.src).href
  script.onload = () => {
    place.innerHTML = window.worthHelpBox || ""
    update()
  }
  document.head.append(script)
})()
