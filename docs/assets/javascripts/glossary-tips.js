/*
 * A glossary word's definition by tap, not only hover and keyboard focus: on a touch screen the
 * first tap on the word focuses it, which shows its definition in place (the theme's tooltip);
 * a second tap opens its glossary entry. A mouse click follows the link as before.
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

  // Captured on window, before the theme's instant navigation sees the click.
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
