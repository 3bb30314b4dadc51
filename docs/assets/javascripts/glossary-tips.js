/*
 * A glossary word's definition, by tap as well as by hover and keyboard.
 *
 * The theme shows a link's definition (its tooltip) while the link is hovered or focused, so a
 * mouse or the Tab key already shows it. On a touch screen there is no hover, and a tap follows
 * the link at once: the reader leaves the page she was reading to see one word explained. Here
 * the first tap on a glossary word only focuses it, which shows the definition in place; a second
 * tap on the same word opens its glossary entry. A mouse click still follows the link.
 */
(function () {
  "use strict";
  var TERM = /(^|\/)glossary(\/|\.html)?#/;
  var touch = window.matchMedia ? window.matchMedia("(hover: none)") : { matches: false };

  function termLink(target) {
    var link = target && target.closest ? target.closest(".md-content a[href]") : null;
    if (!link || !TERM.test(link.getAttribute("href") || "")) return null;
    return link;
  }

  // In the capture phase on window: before the theme's instant navigation sees the click.
  window.addEventListener("click", function (event) {
    var link = termLink(event.target);
    if (!link || !touch.matches || link.hasAttribute("data-worth-shown")) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    link.setAttribute("data-worth-shown", "");
    link.focus();
  }, true);

  document.addEventListener("focusout", function (event) {
    if (event.target && event.target.removeAttribute) event.target.removeAttribute("data-worth-shown");
  });
})();
