/*
 * The site's search, run where the theme runs its own: in a Web Worker (or, from file://, in
 * the iframe stand-in of offline-worker.js). It speaks the theme's worker messages (setup,
 * ready, query, result: mkdocs-material 9.x, integrations/search/worker/message) so the theme's
 * search box and result list are used as they are.
 *
 * Why not the theme's worker: it builds a full Lunr index of every passage, with the position of
 * every word, before it can answer; with a thousand articles that took over 8 s on a phone-speed
 * CPU. This worker builds no index. It keeps every passage's title and text in one string, lower
 * case, and for a query finds each word in that one string with indexOf (native, a few megabytes
 * in a few hundredths of a second), keeping the matches at the start of a word; where each
 * passage begins is a sorted list, walked alongside the matches, which come in order. Pagefind
 * answers as fast from a small index but fetches its pieces at search time, which browsers
 * refuse from file:// (the offline bundle); this runs the same online and offline.
 *
 * Where the passages come from: online, the theme's setup message holds no entries (the page
 * fetched search/setup.json, see partials/search-on-demand.html) and this worker fetches
 * search/passages.txt itself, plain text in records (worth.search.passages_text): nothing to
 * parse and nothing copied from the page. From file://, where nothing can be fetched, the theme
 * sends the whole index (search_index.js) and the same string is made from it.
 *
 * The passages are plain text (the build's worth.search.plain_entries), shown escaped, with the
 * matches in <mark>. Each passage is indexed once (the theme pages' copies carry
 * data-search-exclude), on its article page: a hit is shown under the article's title, which says
 * where it comes from.
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

  var RECORD = "\u001e", FIELD = "\u001f" // between passages, and between a passage's fields
  // Every passage as "location FIELD title FIELD text", joined by RECORD (worth.search.passages_text):
  // `source` as written, `lower` in lower case. Lower case can be longer than the text (a dotted
  // capital I), so each has its own list of where each passage's fields begin.
  var source = "", lower = ""
  var at = null // in `source`: where each passage's fields are (`places`)
  var lowerAt = null // the same in `lower`
  var count = 0 // passages
  var docs = [] // passage -> {location, title, text, page}, made when first needed
  var pages = new Map() // page location -> its own passage (no "#" in its location)

  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
  }

  // Where each passage's fields are in `text`: four numbers per passage, where it starts, where
  // its title and its text start, and where it ends.
  function places(text) {
    var out = new Int32Array(count * 4)
    for (var d = 0, pos = 0; d < count; d++) {
      var title = text.indexOf(FIELD, pos) + 1
      var body = text.indexOf(FIELD, title) + 1
      var end = text.indexOf(RECORD, body)
      if (end < 0) end = text.length
      out.set([pos, title, body, end], d * 4)
      pos = end + 1
    }
    return out
  }

  function setup(text) {
    source = text
    lower = text.toLowerCase()
    count = 0
    if (text) for (var pos = -1; ; count++) if ((pos = text.indexOf(RECORD, pos + 1)) < 0) { count++; break }
    at = places(source)
    lowerAt = places(lower)
    docs = new Array(count)
    pages = new Map()
    for (var d = 0; d < count; d++) {
      var location = source.slice(at[d * 4], at[d * 4 + 1] - 1)
      if (location.indexOf("#") < 0) pages.set(location, d)
    }
  }

  function doc(d) {
    if (!docs[d]) {
      var location = source.slice(at[d * 4], at[d * 4 + 1] - 1)
      docs[d] = {
        location: location,
        title: source.slice(at[d * 4 + 1], at[d * 4 + 2] - 1),
        text: source.slice(at[d * 4 + 2], at[d * 4 + 3]),
        page: location.split("#")[0]
      }
    }
    return docs[d]
  }

  // The theme's index entries (from file://) in the same shape as the fetched passages. Their
  // text holds no separators: the build made it plain text with single spaces, and the separators
  // are spaces to it (worth.search.plain_text).
  function fromEntries(list) {
    var records = new Array(list.length)
    for (var i = 0; i < list.length; i++) {
      var entry = list[i]
      records[i] = (entry.location || "") + FIELD + (entry.title || "") + FIELD + (entry.text || "")
    }
    return records.join(RECORD)
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

  var WORDLIKE = /[\p{L}\p{N}]/u
  var APOSTROPHES = "'\u2018\u2019\u02bc"

  function isWordlike(code, char) {
    if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90)
    return WORDLIKE.test(char)
  }

  // Whether `parts` (a word split at its apostrophes) follow from `pos` on in `lower`, each
  // apostrophe straight or curly.
  function restFollows(parts, pos) {
    for (var i = 1; i < parts.length; i++) {
      if (APOSTROPHES.indexOf(lower[pos]) < 0 || !lower.startsWith(parts[i], pos + 1)) return false
      pos += 1 + parts[i].length
    }
    return true
  }

  // For one word: each passage it starts a word in, with how often in the title (at most 1) and
  // in the text (at most 5). The first part of the word (up to an apostrophe) is found with
  // indexOf; the matches come in order, so the passage each falls in is found by walking the
  // passages along with them.
  function matches(term) {
    var found = new Map()
    var parts = term.split("'")
    var first = parts[0]
    var d = 0
    for (var pos = lower.indexOf(first); pos >= 0; pos = lower.indexOf(first, pos + 1)) {
      if (pos > 0 && isWordlike(lower.charCodeAt(pos - 1), lower[pos - 1])) continue
      if (parts.length > 1 && !restFollows(parts, pos + first.length)) continue
      while (d + 1 < count && lowerAt[(d + 1) * 4] <= pos) d++
      var title = lowerAt[d * 4 + 1], text = lowerAt[d * 4 + 2]
      if (pos < title) continue // in the passage's location
      var counts = found.get(d)
      if (!counts) found.set(d, counts = [0, 0])
      if (pos < text) counts[0] = 1
      else if (counts[1] < 5) counts[1]++
    }
    return found
  }

  function snippet(doc, res) {
    var text = doc.text
    var lowerText = text.toLowerCase()
    var first = -1
    for (var i = 0; i < res.length; i++) {
      res[i].lastIndex = 0
      var m = res[i].exec(lowerText)
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
    if (!words.length || !count) return { items: [] }
    var res = words.map(pattern)
    // The rarest word first: the passages that hold it are the only ones the others are looked up in.
    var found = words.map(matches).sort(function (a, b) { return a.size - b.size })
    var hits = []
    found[0].forEach(function (first, d) {
      var score = first[0] * 10 + first[1]
      for (var t = 1; t < found.length; t++) {
        var counts = found[t].get(d)
        if (!counts) return
        score += counts[0] * 10 + counts[1]
      }
      hits.push({ doc: doc(d), score: score })
    })
    hits.sort(function (a, b) { return b.score - a.score })
    var shown = {}
    words.forEach(function (w) { shown[w] = true })
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
          terms: shown
        }
      })
      // The theme shows each group under its page's title: the page's own entry, even when only
      // its passages matched.
      if (!list.some(function (item) { return item.location === page })) {
        var own = pages.has(page) ? doc(pages.get(page)) : null
        if (own) list.push({ location: own.location, title: escape(own.title), text: "", score: 0, terms: shown })
      }
      items.push(list)
    })
    return { items: items }
  }

  function ready(text) {
    setup(text)
    postMessage({ type: READY })
  }

  // Online the theme's setup message holds no entries: the passages are fetched here, beside the
  // worker's own address (assets/javascripts/ -> search/). Should that fail, the theme's own
  // JSON index is read instead.
  function fetchPassages(name) {
    var base = new URL("../../search/", self.location.href)
    return fetch(new URL(name, base)).then(function (response) {
      if (!response.ok) throw new Error(response.statusText)
      return response.text()
    }).catch(function () {
      return fetch(new URL("search_index.json", base)).then(function (response) { return response.json() })
        .then(function (index) { return fromEntries((index && index.docs) || []) })
    })
  }

  addEventListener("message", function (event) {
    var message = event.data || {}
    if (message.type === SETUP) {
      var index = message.data || {}
      var list = index.docs || []
      if (!list.length && /^https?:$/.test(self.location.protocol))
        fetchPassages("passages.txt").then(ready, function () { ready("") })
      else ready(fromEntries(list))
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
