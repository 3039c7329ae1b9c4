/* Helpers shared by finder.js and search.js, loaded before them (mkdocs.yml extra_javascript). */
window.microcred = (function () {
  "use strict";

  // An element with attributes and text: text is always set with textContent, never parsed as HTML.
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Material's instant navigation swaps pages without reloading and announces each on
  // `document$`; without it, run once the document is ready.
  function onEveryPage(init) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }

  return { el: el, onEveryPage: onEveryPage };
})();
