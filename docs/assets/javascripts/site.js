/*
 * The site's own work on each page the theme shows (the first, and each one its instant
 * navigation brings): the quick-exit strip's links pointed at the page now shown, the help for
 * a search that finds nothing, and the checklist's script where a page holds the checklist.
 *
 * It starts right after the theme's script, after the page's first paint (partials/scripts.html);
 * the quick exit itself (quick-exit.js) is inside every page and works from the first paint.
 * A classic script (not a module) so it also runs from file:// in the offline bundle.
 */
(function () {
  "use strict"

  const scope = () => window.__md_scope || new URL(".", location.href)

  // The header is not replaced by instant navigation, so its links to page-relative places are
  // pointed again at the page now shown.
  function updateLinks() {
    for (const link of document.querySelectorAll("[data-worth-path]")) {
      link.href = new URL(link.dataset.worthPath, scope()).href
    }
    const skip = document.querySelector(".worth-exit__skip")
    const themeSkip = document.querySelector("[data-md-component=skip] a")
    if (skip) {
      skip.hidden = !themeSkip
      if (themeSkip) skip.href = themeSkip.href
    }
  }

  // The help for a search that finds nothing is loaded when search first opens.
  document.addEventListener("focusin", function loadSearchHelp(event) {
    if (!(event.target instanceof Element) || !event.target.matches("[data-md-component=search-query]")) return
    document.removeEventListener("focusin", loadSearchHelp)
    const script = document.createElement("script")
    script.src = new URL("assets/javascripts/search-help.js", scope()).href
    document.head.append(script)
  })

  // The checklist's script, only on a page that holds the checklist, each time one is shown (on
  // a page load, or when instant navigation brings it); once there, it sets itself up again on
  // later pages. It is not a <script> in the page, so that pages without the checklist do not
  // fetch it; and like the others it comes after the theme's script has run.
  function loadChecklist() {
    if (window.__worth_checklist || loadChecklist.asked || !document.querySelector(".worth-checklist")) return
    loadChecklist.asked = true
    const script = document.createElement("script")
    script.src = new URL("assets/javascripts/checklist.js", scope()).href
    document.body.append(script)
  }

  const onPage = () => (updateLinks(), loadChecklist())
  if (window.document$) window.document$.subscribe({ next: onPage, complete: loadChecklist })
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage)
  else onPage()
})()
