/*
 * Quick exit: "Leave this site", or Shift pressed three times in a row (the marks in the strip
 * show the count, and it is said in the strip's status region). It hides the page, tells the
 * site (`worth:exit`), removes all the site stored, and goes to the neutral page with
 * `location.replace`. From the back/forward cache the page stays hidden and leaves again.
 * Without JavaScript the link still goes there.
 *
 * Moving between pages adds no history entry (partials/no-history.html), so once the exit has
 * replaced the last entry, neither Back nor Forward reaches the site.
 *
 * It works from the page's first paint: the build puts it, minified, inside every page's <head>
 * (overrides/main.html), where it runs before the page's content is read, with no file to fetch
 * and no other script to wait for (the theme's script and the site's others start only after
 * the first paint, partials/scripts.html). So it is kept small, and what follows the theme's
 * page changes is in site.js. It looks up the strip's elements when a key or a click comes, so
 * it needs nothing from the page yet. A classic script, as it also runs from file://.
 */
(() => {
  "use strict"

  const PRESSES_NEEDED = 3
  const WITHIN_MS = 3000
  const EXIT = "[data-worth-exit]"

  let leaving = false
  let presses = []
  let otherKeySincePress = false
  let lapse

  // Everything the site keeps in the browser is under its own path ("<site path>.<name>", as
  // the theme names its keys), so other sites on the same origin (or other offline copies
  // opened from file://) keep theirs.
  function forgetStored() {
    const prefix = __md_scope.pathname + "."
    for (const area of ["localStorage", "sessionStorage"]) {
      try {
        const store = window[area]
        for (const key of Object.keys(store)) if (key.startsWith(prefix)) store.removeItem(key)
      } catch (error) {
        // Storage may be switched off; then nothing was kept.
      }
    }
  }

  function leave() {
    const link = document.querySelector(EXIT)
    const root = document.documentElement
    root.hidden = true
    root.style.display = "none"
    document.title = ""
    if (!leaving) {
      leaving = true
      document.dispatchEvent(new CustomEvent("worth:exit"))
      forgetStored()
    }
    location.replace(link ? link.href : "about:blank")
  }

  // The count, drawn as marks beside the exit and said in the status region (or both cleared).
  function show(count, message) {
    const marks = document.querySelector("[data-worth-exit-presses]")
    const status = document.querySelector("[data-worth-exit-status]")
    if (marks) {
      marks.hidden = !count
      marks.querySelectorAll("span").forEach((mark, index) => mark.classList.toggle("worth-exit__mark--on", index < count))
    }
    if (status && status.textContent !== message) status.textContent = message
  }

  addEventListener("keydown", event => {
    if (event.key !== "Shift") {
      otherKeySincePress = true
      if (presses.length) show(0, "")
      presses = []
      return
    }
    if (event.repeat) return
    otherKeySincePress = false
    presses = presses.filter(time => event.timeStamp - time < WITHIN_MS)
    presses.push(event.timeStamp)
    if (presses.length >= PRESSES_NEEDED) leave()
  }, true)

  // The count is said when Shift is let go, so typing a capital letter (Shift, then the letter)
  // says nothing. It lapses after a few seconds; so do the marks.
  addEventListener("keyup", event => {
    if (event.key !== "Shift" || otherKeySincePress || !presses.length || leaving) return
    const left = PRESSES_NEEDED - presses.length
    show(presses.length, `Press Shift ${left} more ${left === 1 ? "time" : "times"} to leave this site.`)
    clearTimeout(lapse)
    lapse = setTimeout(() => leaving || ((presses = []), show(0, "")), WITHIN_MS)
  }, true)

  // Captured before anything else sees the click (the theme's instant navigation included).
  addEventListener("click", event => {
    const link = event.target instanceof Element && event.target.closest(`${EXIT}, [data-worth-exit-drawer]`)
    if (!link || event.button !== 0) return
    event.preventDefault()
    leave()
  }, true)

  addEventListener("pageshow", event => {
    if (event.persisted && leaving) leave()
  })
})()
