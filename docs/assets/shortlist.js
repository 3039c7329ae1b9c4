/* The shortlist: listings a learner keeps to compare later, in this browser's localStorage (no
 * account, no server). Any page may carry `<button type="button" data-mc-shortlist="provider/credential">`
 * (the finder's rows, the credential pages): this file makes it a toggle, and keeps every such
 * button and the finder's shortlist bar (#mc-shortlist-bar) in step, across tabs too.
 * Loaded before finder.js and compare.js, which use window.microcred.shortlist. */
(function () {
  "use strict";

  var KEY = "microcred.shortlist";
  var MAX = 50; // more than anyone compares; keeps a tampered store from growing without end
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;
  var listeners = [];
  var el = window.microcred.el;

  function clean(list) {
    var seen = {};
    return (Array.isArray(list) ? list : []).filter(function (id) {
      if (typeof id !== "string" || !ID.test(id) || seen[id]) return false;
      seen[id] = true;
      return true;
    }).slice(0, MAX);
  }

  function get() {
    try { return clean(JSON.parse(window.localStorage.getItem(KEY) || "[]")); } catch (e) { return []; }
  }

  function set(list) {
    try { window.localStorage.setItem(KEY, JSON.stringify(clean(list))); } catch (e) { /* storage off: in memory only */ }
    changed();
  }

  function has(id) { return get().indexOf(id) >= 0; }

  function toggle(id) {
    var list = get();
    var at = list.indexOf(id);
    if (at >= 0) list.splice(at, 1); else list.push(id);
    set(list);
    return at < 0;
  }

  function changed() {
    sync(document);
    listeners.forEach(function (fn) { fn(get()); });
  }

  // The address of the compare page for these ids, relative to `base` (the compare page's URL).
  function compareUrl(base, ids) {
    var url = new URL(base, window.location.href);
    url.search = ids.length ? "?ids=" + ids.map(encodeURIComponent).join(",").replace(/%2F/gi, "/") : "";
    return url.pathname + url.search;
  }

  function sync(root) {
    var list = get();
    root.querySelectorAll("[data-mc-shortlist]").forEach(function (button) {
      var on = list.indexOf(button.getAttribute("data-mc-shortlist")) >= 0;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      if (!button.hasAttribute("data-mc-icon")) button.textContent = on ? "On your shortlist" : "Add to shortlist";
      button.hidden = false;
    });
    var bar = root.querySelector ? root.querySelector("#mc-shortlist-bar") : null;
    if (bar) drawBar(bar, list);
  }

  // The finder's bar: how many are kept, a link to compare them, and a way to empty the list.
  function drawBar(bar, list) {
    bar.textContent = "";
    if (!list.length) {
      bar.appendChild(document.createTextNode("Shortlist: none yet"));
      return;
    }
    var base = document.getElementById("mc-finder").getAttribute("data-compare");
    var link = el("a", { href: compareUrl(base, list.slice(0, 4)) },
                  list.length === 1 ? "Shortlist (1)" : "Compare shortlist (" + list.length + ")");
    var clear = el("button", { type: "button", "class": "mc-linkbutton" }, "Clear");
    clear.addEventListener("click", function () { set([]); });
    bar.appendChild(link);
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(clear);
  }

  // One listener for every page (instant navigation swaps the content, not the document).
  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("[data-mc-shortlist]") : null;
    if (button) toggle(button.getAttribute("data-mc-shortlist"));
  });
  window.addEventListener("storage", function (e) { if (e.key === KEY) changed(); });

  window.microcred.shortlist = {
    get: get, set: set, has: has, toggle: toggle, compareUrl: compareUrl, clean: clean,
    onChange: function (fn) { listeners.push(fn); },
    sync: sync
  };
  window.microcred.onEveryPage(function () { sync(document); });
})();
