/*
 * Quick exit: "Leave this site", or Shift pressed three times in a row (the marks in the strip
 * show the count). It hides the page, tells the site (`worth:exit`), removes all the site
 * stored, and goes to the neutral page with `location.replace`. From the back/forward cache the
 * page stays hidden and leaves again. Without JavaScript the link still goes there.
 *
 * Moving between pages adds no history entry (partials/no-history.html, which runs first), so
 * once the exit has replaced the last entry, neither Back nor Forward reaches the site.
 *
 * A deferred classic script (not a module) so it also runs from file:// in the offline bundle.
 */
(function () {
  "use strict"

  const PRESSES_NEEDED = 3
  const WITHIN_MS = 3000

  let leaving = false
  let presses = []
  let otherKeySincePress = false

  const exitLink = () => document.querySelector("[data-worth-exit]")
  const status = () => document.querySelector("[data-worth-exit-status]")
  const marks = () => document.querySelector("[data-worth-exit-presses]")
  const scope = () => window.__md_scope || new URL(".", location.href)

  // Everything the site keeps in the browser is under its own path ("<site path>.<name>", as
  // the theme names its keys), so other sites on the same origin (or other offline copies
  // opened from file://) keep theirs.
  function forgetStored() {
    const prefix = scope().pathname + "."
    for (const area of ["localStorage", "sessionStorage"]) {
      try {
        const store = window[area]
        for (const key of Object.keys(store)) if (key.startsWith(prefix)) store.removeItem(key)
      } catch (error) {
        // Storage may be switched off; then nothing was kept.
      }
    }
  }

  function hidePage() {
    document.documentElement.hidden = true
    document.documentElement.style.display = "none"
    document.title = ""
  }

  function leave() {
    const link = exitLink()
    const url = link ? link.href : "about:blank"
    hidePage()
    if (leaving) {
      location.replace(url)
      return
    }
    leaving = true
    document.dispatchEvent(new CustomEvent("worth:exit"))
    forgetStored()
    location.replace(url)
  }

  function say(message) {
    const region = status()
    if (region && region.textContent !== message) region.textContent = message
  }

  function showPresses(count) {
    const shown = marks()
    if (!shown) return
    shown.hidden = count === 0
    shown.querySelectorAll("span").forEach((mark, index) => mark.classList.toggle("worth-exit__mark--on", index < count))
  }

  function onKeyDown(event) {
    if (event.key !== "Shift") {
      otherKeySincePress = true
      if (presses.length) say("")
      presses = []
      showPresses(0)
      return
    }
    if (event.repeat) return
    otherKeySincePress = false
    presses = presses.filter(time => event.timeStamp - time < WITHIN_MS)
    presses.push(event.timeStamp)
    if (presses.length >= PRESSES_NEEDED) leave()
  }

  // The count is spoken when Shift is let go, so typing a capital letter (Shift, then the
  // letter) says nothing.
  function onKeyUp(event) {
    if (event.key !== "Shift" || otherKeySincePress || !presses.length || leaving) return
    const left = PRESSES_NEEDED - presses.length
    say(`Press Shift ${left} more ${left === 1 ? "time" : "times"} to leave this site.`)
    showPresses(presses.length)
    // The count lapses after a few seconds; so do the marks.
    clearTimeout(onKeyUp.lapse)
    onKeyUp.lapse = setTimeout(() => leaving || (presses = [], showPresses(0), say("")), WITHIN_MS)
  }

  function onClick(event) {
    const link = event.target instanceof Element && event.target.closest("[data-worth-exit], [data-worth-exit-drawer]")
    if (!link || event.button !== 0) return
    event.preventDefault()
    leave()
  }

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
    presses = []
    say("")
    showPresses(0)
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
  // later pages. It is not a <script> in the page: the browser would fetch it while the page is
  // still being drawn (it is found before the theme's script), and on a slow phone the first
  // paint would wait for it. From here it comes after the theme's script has run.
  function loadChecklist() {
    if (window.__worth_checklist || loadChecklist.asked || !document.querySelector(".worth-checklist")) return
    loadChecklist.asked = true
    const script = document.createElement("script")
    script.src = new URL("assets/javascripts/checklist.js", scope()).href
    document.body.append(script)
  }

  document.addEventListener("keydown", onKeyDown, true)
  document.addEventListener("keyup", onKeyUp, true)
  document.addEventListener("click", onClick, true)
  window.addEventListener("pageshow", event => {
    if (event.persisted && leaving) leave()
  })

  const onPage = () => (updateLinks(), loadChecklist())
  if (window.document$) window.document$.subscribe({ next: onPage, complete: loadChecklist })
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage)
  else onPage()
})()
