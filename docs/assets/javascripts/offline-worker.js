/*
 * Search for the offline bundle, opened from file://.
 *
 * Browsers refuse to start a Web Worker from a file:// page, and the theme's search runs in a
 * worker. This small stand-in for `Worker` runs the worker script in a hidden same-origin
 * iframe instead and passes messages across with events. It is written here (about 60 lines)
 * rather than installed from npm so the build needs no Node and no network. It only ever
 * loads the bundle's own files, and only replaces `Worker` on file:// pages; online the real
 * Worker is used.
 *
 * The theme's search worker knows this technique: it looks for `IFrameWorker` on its parent
 * and awaits `importScripts`, which here loads scripts one after another and returns a promise.
 */
(function () {
  "use strict"
  if (location.protocol !== "file:") return

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super()
      this.onmessage = null
      this.onerror = null
      const frame = document.createElement("iframe")
      frame.hidden = true
      frame.setAttribute("aria-hidden", "true")
      frame.tabIndex = -1
      document.body.appendChild(frame)
      const scope = frame.contentWindow
      scope.IFrameWorker = IFrameWorker
      // Messages the worker posts arrive here, as they would from a real worker.
      scope.postMessage = data => {
        setTimeout(() => this.dispatchEvent(new MessageEvent("message", { data })))
      }
      scope.importScripts = (...urls) =>
        urls.reduce((done, src) => done.then(() => load(frame.contentDocument, new URL(src, url).href)), Promise.resolve())
      this.frame = frame
      // Messages sent before the worker script has run wait for it, as with a real worker.
      this.ready = load(frame.contentDocument, new URL(url, location.href).href)
      this.ready.catch(() => this.dispatchEvent(new Event("error")))
    }

    postMessage(data) {
      this.ready.then(() => {
        const scope = this.frame.contentWindow
        if (scope) scope.dispatchEvent(new scope.MessageEvent("message", { data }))
      })
    }

    terminate() {
      this.frame.remove()
    }

    dispatchEvent(event) {
      const handler = this["on" + event.type]
      if (typeof handler === "function") handler.call(this, event)
      return super.dispatchEvent(event)
    }
  }

  function load(doc, src) {
    return new Promise((resolve, reject) => {
      const script = doc.createElement("script")
      script.src = src
      script.onload = resolve
      script.onerror = () => reject(new Error("could not load " + src))
      doc.body.appendChild(script)
    })
  }

  window.IFrameWorker = IFrameWorker
  window.Worker = IFrameWorker
})()
