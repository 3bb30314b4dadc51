/*
 * The site's search, run where the theme runs its own: in a Web Worker (or, from file://, in
 * the iframe stand-in of offline-worker.js). It speaks the theme's worker messages (setup,
 * ready, query, result: mkdocs-material 9.x, integrations/search/worker/message) so the theme's
 * search box and result list are used as they are.
 *
 * Why not the theme's worker: it builds a full Lunr index of every passage, with the position of
 * every word, before it can answer; with a thousand articles that took over 8 s on a phone-speed
 * CPU. This worker builds nothing: it keeps each passage's text in lower case and, for a query,
 * looks for each word at the start of a word in every passage (a plain scan of a few megabytes,
 * a few tenths of a second at most). Pagefind answers as fast from a small index but fetches its
 * pieces at search time, which browsers refuse from file:// (the offline bundle); this needs
 * nothing but the index the theme already loads, and runs the same online and offline.
 *
 * The index holds plain text (the build's worth.search.plain_entries), shown escaped, with the
 * matches in <mark>. Each passage is indexed once (the theme pages' copies carry data-search-exclude), on its
 * article page: a hit is shown under the article's title, which says where it comes from.
 */
/* global postMessage, addEventListener */
(function () {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var GROUPS = 100 // pages listed at most; the theme shows ten, then more as the reader scrolls
  var SECTIONS = 10 // passages listed per page at most
  var SNIPPET = 220 // characters of a passage shown around the first match
  var STOP = new Set(("a an and are as at be but by for from had has have he her his i if in into is it its " +
    "me my no not of on or our she so than that the their them then there they this to too was we were what " +
    "when which who will with you your").split(" "))

  var docs = [] // {location, title, text, lower, lowerTitle, page}
  var pages = new Map() // page location -> its own document (no "#")

  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
  }

  function setup(index) {
    docs = []
    pages = new Map()
    var list = (index && index.docs) || []
    for (var i = 0; i < list.length; i++) {
      // Plain text already (the build's worth.search.plain_entries): only lower-cased here.
      var title = String(list[i].title || "")
      var text = String(list[i].text || "")
      var location = String(list[i].location || "")
      var doc = {
        location: location,
        title: title,
        text: text,
        lower: text.toLowerCase(),
        lowerTitle: title.toLowerCase(),
        page: location.split("#")[0]
      }
      docs.push(doc)
      if (location.indexOf("#") < 0) pages.set(location, doc)
    }
  }

  function terms(query) {
    var words = String(query || "").toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .split(/[^\p{L}\p{N}']+/u)
      .map(function (w) { return w.replace(/^'+|'+$/g, "") })
      .filter(Boolean)
    var kept = words.filter(function (w) { return !STOP.has(w) })
    return Array.from(new Set(kept.length ? kept : words))
  }

  function pattern(term) {
    // At the start of a word: not after a letter or digit. The last word typed may be unfinished,
    // so every word matches as the start of a longer one ("boundar" finds "boundaries"). An
    // apostrophe matches a straight or a curly one ("doesn't" finds "doesn’t").
    var source = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, "['\u2019]")
    return new RegExp("(^|[^\\p{L}\\p{N}])" + source, "gu")
  }

  // What must be in a text for the term to be there at all (before its first apostrophe): a
  // quick test that skips most passages without running the pattern.
  function prefix(term) {
    return term.split("'")[0]
  }

  function count(re, text, limit) {
    re.lastIndex = 0
    var n = 0
    while (n < limit && re.exec(text)) n++
    return n
  }

  function snippet(doc, res) {
    var text = doc.text
    var first = -1
    for (var i = 0; i < res.length; i++) {
      res[i].lastIndex = 0
      var m = res[i].exec(doc.lower)
      if (m && (first < 0 || m.index < first)) first = m.index + m[1].length
    }
    var start = Math.max(0, first - 60)
    if (start > 0) {
      var space = text.indexOf(" ", start)
      start = space >= 0 && space < first ? space + 1 : start
    }
    var end = Math.min(text.length, start + SNIPPET)
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end)
      end = cut > start ? cut : end
    }
    return (start > 0 ? "\u2026" : "") + mark(text.slice(start, end), res) + (end < text.length ? "\u2026" : "")
  }

  // The matches wrapped in <mark>, the rest escaped: the theme shows the text as HTML.
  function mark(text, res) {
    var lower = text.toLowerCase()
    var spans = []
    res.forEach(function (re) {
      re.lastIndex = 0
      var m
      while ((m = re.exec(lower))) {
        var from = m.index + m[1].length
        var to = from + m[0].length - m[1].length
        while (to < lower.length && /[\p{L}\p{N}]/u.test(lower[to])) to++
        spans.push([from, to])
        if (m[0].length === 0) re.lastIndex++
      }
    })
    spans.sort(function (a, b) { return a[0] - b[0] })
    var out = "", at = 0
    spans.forEach(function (s) {
      if (s[0] < at) return
      out += escape(text.slice(at, s[0])) + "<mark>" + escape(text.slice(s[0], s[1])) + "</mark>"
      at = s[1]
    })
    return out + escape(text.slice(at))
  }

  function search(query) {
    var words = terms(query)
    if (!words.length) return { items: [] }
    var res = words.map(pattern)
    var quick = words.map(prefix)
    var hits = []
    for (var i = 0; i < docs.length; i++) {
      var doc = docs[i]
      var score = 0, all = true
      for (var t = 0; t < words.length; t++) {
        var inTitle = doc.lowerTitle.indexOf(quick[t]) >= 0 ? count(res[t], doc.lowerTitle, 1) : 0
        var inText = doc.lower.indexOf(quick[t]) >= 0 ? count(res[t], doc.lower, 5) : 0
        if (!inTitle && !inText) { all = false; break }
        score += inTitle * 10 + inText
      }
      if (all) hits.push({ doc: doc, score: score })
    }
    hits.sort(function (a, b) { return b.score - a.score })
    var found = {}
    words.forEach(function (w) { found[w] = true })
    var groups = new Map()
    for (var h = 0; h < hits.length; h++) {
      var hit = hits[h]
      var group = groups.get(hit.doc.page)
      if (!group) {
        if (groups.size >= GROUPS) continue
        group = []
        groups.set(hit.doc.page, group)
      }
      if (group.length <= SECTIONS) group.push(hit)
    }
    var items = []
    groups.forEach(function (group, page) {
      var list = group.map(function (hit) {
        return {
          location: hit.doc.location,
          title: mark(hit.doc.title, res),
          text: hit.doc.text ? "<p>" + snippet(hit.doc, res) + "</p>" : "",
          score: hit.score,
          terms: found
        }
      })
      // The theme shows each group under its page's title: the page's own entry, even when only
      // its passages matched.
      if (!list.some(function (item) { return item.location === page })) {
        var own = pages.get(page)
        if (own) list.push({ location: own.location, title: escape(own.title), text: "", score: 0, terms: found })
      }
      items.push(list)
    })
    return { items: items }
  }

  addEventListener("message", function (event) {
    var message = event.data || {}
    if (message.type === SETUP) {
      setup(message.data)
      postMessage({ type: READY })
    } else if (message.type === QUERY) {
      var result
      try {
        result = search(message.data)
      } catch (err) {
        result = { items: [] }
      }
      postMessage({ type: RESULT, data: result })
    }
  })
})()
