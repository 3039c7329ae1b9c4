/* Record pages (overrides/lean.html) load this file where Material writes its colour palette
   toggle, instead of repeating in every page what Material puts inline:
   - its globals (partials/javascripts/base.html), which its bundle needs;
   - the toggle (partials/palette.html), built here: its buttons stay hidden until Material's
     bundle shows one, so without JavaScript the page had nothing to show of it;
   - the palette a reader chose, applied before the page paints (partials/javascripts/palette.html).
   A classic script, not deferred: all three must be in place before Material's bundle runs.
   OPTIONS are mkdocs.yml theme.palette; tests/browser/test_record_chrome.py compares the toggle
   built here with the one Material renders on the other pages. */
(function (me) {
  "use strict";
  var OPTIONS = [  // media query, scheme, primary, accent, toggle's name, its icon (microcred.css .mc-i--*)
    ["(prefers-color-scheme: light)", "default", "indigo", "indigo", "Switch to dark mode", "weather-night"],
    ["(prefers-color-scheme: dark)", "slate", "indigo", "indigo", "Switch to light mode", "weather-sunny"]
  ];

  // Material's partials/javascripts/base.html, with the scope (the site's root) taken from this
  // file's address (assets/palette.js) rather than from a relative path written into each page.
  window.__md_scope = new URL("..", me.src);
  window.__md_hash = function (e) {
    return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (e, store, scope) {
    return JSON.parse((store || localStorage).getItem((scope || window.__md_scope).pathname + "." + e));
  };
  window.__md_set = function (e, value, store, scope) {
    try { (store || localStorage).setItem((scope || window.__md_scope).pathname + "." + e, JSON.stringify(value)); } catch (err) { /* full or refused */ }
  };

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  var form = el("form", {"class": "md-header__option", "data-md-component": "palette"});
  OPTIONS.forEach(function (o, i) {
    form.appendChild(el("input", {"class": "md-option", "data-md-color-media": o[0], "data-md-color-scheme": o[1],
      "data-md-color-primary": o[2], "data-md-color-accent": o[3], "aria-label": o[4],
      type: "radio", name: "__palette", id: "__palette_" + i}));
    var label = el("label", {"class": "md-header__button md-icon", title: o[4], "for": "__palette_" + (i + 1) % OPTIONS.length});
    label.hidden = true;
    label.appendChild(el("i", {"class": "mc-i mc-i--" + o[5]}));
    form.appendChild(label);
  });
  me.parentNode.insertBefore(form, me);

  // Material's partials/javascripts/palette.html.
  var palette = window.__md_get("__palette");
  if (palette && palette.color) {
    if (palette.color.media === "(prefers-color-scheme)") {
      var light = matchMedia("(prefers-color-scheme: light)").matches;
      var input = document.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']");
      ["media", "scheme", "primary", "accent"].forEach(function (k) {
        palette.color[k] = input.getAttribute("data-md-color-" + k);
      });
    }
    Object.keys(palette.color).forEach(function (k) {
      document.body.setAttribute("data-md-color-" + k, palette.color[k]);
    });
  }
})(document.currentScript);
