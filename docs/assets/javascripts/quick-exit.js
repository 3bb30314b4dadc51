/*
 * Quick exit: "Leave this site", or Shift pressed three times in a row.
 *
 * Either one hides the page at once, tells the rest of the site (a `worth:exit` event on
 * `document`, so the checklist can forget its answers), forgets the colour scheme if one was
 * kept, and goes to the neutral page with `location.replace`, so Back does not come here. If the
 * browser later brings this page back from its back/forward cache, it stays hidden and leaves
 * again (and Back cannot reach the pages read before it by instant navigation either, where
 * the browser has the Navigation API). Without JavaScript the link still goes to the same page.
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

  function hidePage() {
    document.documentElement.hidden = true
    document.documentElement.style.display = "none"
    document.title = ""
  }

  // Instant navigation adds a history entry per page read without loading a new document. Where
  // the browser can (the Navigation API), the exit first steps back to the entry this document
  // was loaded in, so replacing it takes every page read since out of reach of Back as well.
  const firstEntry = window.navigation && navigation.currentEntry ? navigation.currentEntry.key : null

  function stepBackToFirstEntry() {
    if (!firstEntry || navigation.currentEntry.key === firstEntry) return Promise.resolve()
    if (!navigation.entries().some(entry => entry.key === firstEntry)) return Promise.resolve()
    const stepped = navigation.traverseTo(firstEntry).committed.catch(() => {})
    return Promise.race([stepped, new Promise(resolve => setTimeout(resolve, 500))])
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
    try {
      localStorage.removeItem(window.__md_scope.pathname + ".__palette")
    } catch (error) {
      // Storage may be switched off; then nothing was kept.
    }
    stepBackToFirstEntry().then(() => location.replace(url))
  }

  function say(message) {
    const region = status()
    if (region && region.textContent !== message) region.textContent = message
  }

  function onKeyDown(event) {
    if (event.key !== "Shift") {
      otherKeySincePress = true
      if (presses.length) say("")
      presses = []
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
  }

  function onClick(event) {
    const link = event.target instanceof Element && event.target.closest("[data-worth-exit]")
    if (!link || event.button !== 0) return
    event.preventDefault()
    leave()
  }

  // The header is not replaced by instant navigation, so its links to page-relative places are
  // pointed again at the page now shown.
  function updateLinks() {
    const root = window.__md_scope || new URL(".", location.href)
    for (const link of document.querySelectorAll("[data-worth-path]")) {
      link.href = new URL(link.dataset.worthPath, root).href
    }
    const skip = document.querySelector(".worth-exit__skip")
    const themeSkip = document.querySelector("[data-md-component=skip] a")
    if (skip) {
      skip.hidden = !themeSkip
      if (themeSkip) skip.href = themeSkip.href
    }
    presses = []
    say("")
  }

  document.addEventListener("keydown", onKeyDown, true)
  document.addEventListener("keyup", onKeyUp, true)
  document.addEventListener("click", onClick, true)
  window.addEventListener("pageshow", event => {
    if (event.persisted && leaving) leave()
  })

  if (window.document$) window.document$.subscribe(updateLinks)
  else updateLinks()
})()
