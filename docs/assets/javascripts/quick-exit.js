/*
 * Quick exit: "Leave this site", or Shift pressed three times in a row.
 *
 * Either one hides the page at once, tells the rest of the site (a `worth:exit` event on
 * `document`, so the checklist can forget its answers), removes everything the site stored in
 * the browser (remembered checklist answers, the colour scheme), and goes to the neutral page
 * with `location.replace`, so Back does not come here. If the browser later brings this page
 * back from its back/forward cache, it stays hidden and leaves again. Without JavaScript the
 * link still goes to the same page.
 *
 * No history to go back to: moving from page to page of the site replaces the current entry of
 * the tab's history instead of adding one, so that once the exit has replaced the last one,
 * neither Back nor Forward reaches any page of the site. A link to another page of the site (or
 * another place on the same page) is followed with `location.replace`; the theme's instant
 * navigation, which moves between pages with `history.pushState`, has that call made a
 * `history.replaceState`. Links to other sites (the help services) are left as they are.
 *
 * While Shift presses are being counted, the strip shows them (three marks filling in), as well
 * as saying the count to screen readers.
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
    forgetStored()
    stepBackToFirstEntry().then(() => location.replace(url))
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
    onKeyUp.lapse = setTimeout(() => {
      if (leaving) return
      presses = presses.filter(time => performance.now() - time < WITHIN_MS)
      if (!presses.length) {
        showPresses(0)
        say("")
      }
    }, WITHIN_MS + 50)
  }

  function onClick(event) {
    const link = event.target instanceof Element && event.target.closest("[data-worth-exit], [data-worth-exit-drawer]")
    if (!link || event.button !== 0) return
    event.preventDefault()
    leave()
  }

  // A link to a page of the site (or a place on this page) that the browser would follow by
  // adding a history entry. Links the theme's instant navigation has taken (default prevented)
  // are left to it; links that open elsewhere (new tab, download, other site) are left alone.
  function sameSiteTarget(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null
    const link = event.target instanceof Element && event.target.closest("a[href]")
    if (!link || link.hasAttribute("download") || link.matches("[data-worth-exit], [data-worth-exit-drawer]")) return null
    if (link.target && link.target !== "_self") return null
    const url = new URL(link.href, location.href)
    const root = scope()
    if (url.protocol !== location.protocol || url.host !== location.host || !url.pathname.startsWith(root.pathname)) return null
    return url
  }

  function followWithoutHistory(event) {
    const url = sameSiteTarget(event)
    if (!url) return
    event.preventDefault()
    location.replace(url.href)
  }

  // The theme's instant navigation adds an entry with pushState; it replaces this one instead.
  const replaceState = History.prototype.replaceState
  History.prototype.pushState = function (state, unused, url) {
    return replaceState.call(this, state, unused, url)
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
    showPresses(0)
  }

  document.addEventListener("keydown", onKeyDown, true)
  // On window, after the page's own handlers (the theme's on document.body) have had their turn.
  window.addEventListener("click", followWithoutHistory)
  document.addEventListener("keyup", onKeyUp, true)
  document.addEventListener("click", onClick, true)
  window.addEventListener("pageshow", event => {
    if (event.persisted && leaving) leave()
  })

  if (window.document$) window.document$.subscribe(updateLinks)
  else updateLinks()
})()
