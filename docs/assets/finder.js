/* The finder: filters and sorts the catalogue table that the page already shows without
 * JavaScript. It reads a compact JSON index (ids and facet values), keeps the filter state in the
 * query string so a search can be bookmarked and shared, and writes text with textContent only:
 * nothing from the catalogue is ever parsed as HTML. */
(function () {
  "use strict";

  var SORTS = [
    ["title", "Title (A-Z)"],
    ["hours", "Study time (shortest first)"],
    ["-hours", "Study time (longest first)"],
    ["weeks", "Calendar time (shortest first)"],
    ["cost", "Expected cost (lowest first)"]
  ];

  var el = window.microcred.el;

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function init() {
    var root = document.getElementById("mc-finder");
    var table = document.getElementById("mc-finder-table");
    if (!root || !table || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var url = new URL(root.getAttribute("data-index"), window.location.href);
    fetch(url.href, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (index) { start(root, table, index); })
      .catch(function () { /* the plain table stays: the page works without the index */ });
  }

  function start(root, table, index) {
    var tbody = table.tBodies[0];
    var byId = {};
    Array.prototype.forEach.call(tbody.rows, function (row) { byId[row.getAttribute("data-id")] = row; });
    var items = index.items.map(function (it, i) {
      var row = byId[it[0]];
      return { id: it[0], hours: it[1], weeks: it[2], cost: it[3], facets: it[4], row: row, order: i,
               text: row ? row.textContent.toLowerCase() : "" };
    }).filter(function (it) { return it.row; });
    var facets = index.facets;
    var state = readState(facets);

    // Controls
    var form = el("form", { "class": "mc-finder", role: "search", "aria-label": "Filter credentials" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var row1 = el("div", { "class": "mc-finder__row" });
    var qWrap = el("div");
    qWrap.appendChild(el("label", { "for": "mc-q" }, "Words in the title, provider or price"));
    var q = el("input", { id: "mc-q", type: "search", "class": "mc-finder__search", autocomplete: "off" });
    q.value = state.q;
    qWrap.appendChild(q);
    var sWrap = el("div");
    sWrap.appendChild(el("label", { "for": "mc-sort" }, "Sort by"));
    var sort = el("select", { id: "mc-sort" });
    SORTS.forEach(function (s) { var o = el("option", { value: s[0] }, s[1]); sort.appendChild(o); });
    sort.value = SORTS.some(function (s) { return s[0] === state.sort; }) ? state.sort : "title";
    sWrap.appendChild(sort);
    var clear = el("button", { type: "button" }, "Clear filters");
    row1.appendChild(qWrap); row1.appendChild(sWrap); row1.appendChild(clear);
    form.appendChild(row1);

    var grid = el("div", { "class": "mc-finder__facets" });
    var boxes = [];  // boxes[f][v] = checkbox
    var counts = [];
    facets.forEach(function (facet, f) {
      var fs = el("fieldset");
      fs.appendChild(el("legend", {}, facet.label));
      boxes[f] = []; counts[f] = [];
      facet.values.forEach(function (pair, v) {
        var id = "mc-f-" + facet.key + "-" + v;
        var label = el("label", { "for": id });
        var box = el("input", { type: "checkbox", id: id, "data-facet": facet.key, value: pair[0] });
        box.checked = state.facets[facet.key].indexOf(pair[0]) >= 0;
        var count = el("span", { "class": "mc-count" });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + pair[1] + " "));
        label.appendChild(count);
        fs.appendChild(label);
        boxes[f][v] = box; counts[f][v] = count;
      });
      grid.appendChild(fs);
    });
    // On a phone the facets would push the results far down: they fold away, unless the page
    // opened with some of them ticked.
    var details = el("details", { "class": "mc-finder__more" });
    details.appendChild(el("summary", {}, "Filters: study time, cost, delivery, pace and more"));
    details.appendChild(grid);
    var anyTicked = facets.some(function (facet) { return state.facets[facet.key].length > 0; });
    details.open = anyTicked || window.matchMedia("(min-width: 60em)").matches;
    form.appendChild(details);
    root.appendChild(form);
    root.hidden = false;
    var status = document.getElementById("mc-finder-count");

    function selected() {
      return boxes.map(function (list) {
        var on = {};
        list.forEach(function (b, v) { if (b.checked) on[v] = true; });
        return Object.keys(on).length ? on : null;
      });
    }

    function matchesFacet(item, sel, skip) {
      for (var f = 0; f < sel.length; f++) {
        if (f === skip || !sel[f]) continue;
        var hit = item.facets[f].some(function (v) { return sel[f][v]; });
        if (!hit) return false;
      }
      return true;
    }

    function update() {
      var terms = words(q.value);
      var sel = selected();
      var textOk = items.map(function (it) {
        return terms.every(function (t) { return it.text.indexOf(t) >= 0; });
      });
      var shown = 0;
      items.forEach(function (it, i) {
        var ok = textOk[i] && matchesFacet(it, sel, -1);
        it.row.hidden = !ok;
        if (ok) shown++;
      });
      // Each value's count: how many results ticking it would give, other facets kept.
      facets.forEach(function (facet, f) {
        var n = facet.values.map(function () { return 0; });
        items.forEach(function (it, i) {
          if (textOk[i] && matchesFacet(it, sel, f)) it.facets[f].forEach(function (v) { n[v]++; });
        });
        counts[f].forEach(function (c, v) { c.textContent = "(" + n[v] + ")"; });
      });
      sortRows();
      status.textContent = shown + " of " + items.length + " credentials";
      writeState();
    }

    function sortRows() {
      var key = sort.value, desc = key.charAt(0) === "-", field = desc ? key.slice(1) : key;
      var sorted = items.slice().sort(function (a, b) {
        var d = field === "title" ? 0 : (a[field] - b[field]) * (desc ? -1 : 1);
        return d || a.order - b.order;
      });
      sorted.forEach(function (it) { tbody.appendChild(it.row); });
    }

    function writeState() {
      var params = new URLSearchParams();
      if (q.value.trim()) params.set("text", q.value.trim());  // not "q": Material's search opens on ?q=
      facets.forEach(function (facet, f) {
        var on = boxes[f].filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        if (on.length) params.set(facet.key, on.join(","));
      });
      if (sort.value !== "title") params.set("sort", sort.value);
      var search = params.toString();
      var next = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      if (next !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", next);
      }
    }

    q.addEventListener("input", update);
    sort.addEventListener("change", update);
    grid.addEventListener("change", update);
    clear.addEventListener("click", function () {
      q.value = "";
      boxes.forEach(function (list) { list.forEach(function (b) { b.checked = false; }); });
      sort.value = "title";
      update();
    });
    update();
  }

  function readState(facets) {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("text") || "", sort: params.get("sort") || "title", facets: {} };
    facets.forEach(function (facet) {
      var raw = params.get(facet.key);
      state.facets[facet.key] = raw ? raw.split(",") : [];
    });
    return state;
  }

  window.microcred.onEveryPage(init);
})();
