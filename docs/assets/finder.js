/* The finder: searches, filters and sorts the whole catalogue from the first page of it that the
 * page shows without JavaScript. It reads a small manifest (the facets and the parts) and then
 * each part's shard (its listings' facet values, search words and row texts; see
 * scripts/microcred/render/finder_index.py) in the background: the first results are the page's
 * own rows, and until every shard is in the count says it is still loading. It shows PAGE
 * results at a time, keeps the state in the query string so a search can be bookmarked and
 * shared, and writes text with textContent only: nothing from the catalogue is ever parsed as HTML.
 *
 * Prices are never compared across currencies: the cost bands and the cost sort apply only once
 * one currency is chosen (or when the catalogue has one currency). */
(function () {
  "use strict";

  var SORTS = [
    ["title", "Title (A-Z)"],
    ["hours", "Study time (shortest first)"],
    ["-hours", "Study time (longest first)"],
    ["weeks", "Calendar time (shortest first)"],
    ["weekly", "Hours per week (fewest first)"],
    ["cost", "Expected cost (lowest first)"]
  ];
  // As finder_index.STOP_WORDS: the index leaves these out, so a search ignores them too.
  var STOP = {};
  ("a an and are as at be by can for from how in into is it its of on or that the their this to " +
   "use using with within without you your").split(" ").forEach(function (w) { STOP[w] = true; });

  var PAGE = 100; // results drawn at a time ("Show more" draws the next)
  var mc = window.microcred;
  var el = mc.el;
  var indexes = {}; // the manifest's and shards' promises per URL: fetched once, also across instant navigation

  function tokens(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w && !STOP[w]; });
  }

  function load(href) {
    if (!indexes[href]) {
      indexes[href] = fetch(href, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
      indexes[href].catch(function () { delete indexes[href]; });
    }
    return indexes[href];
  }

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { text: params.get("text") || "", sort: params.get("sort") || "title",
                  currency: params.get("currency") || "", facets: {}, any: false };
    params.forEach(function (value, key) {
      if (key !== "text" && key !== "sort" && key !== "currency") state.facets[key] = value.split(",");
      state.any = true;
    });
    return state;
  }

  function labelled(id, text, control) {
    var wrap = el("div");
    wrap.appendChild(el("label", { "for": id }, text));
    wrap.appendChild(control);
    return wrap;
  }

  function init() {
    var root = document.getElementById("mc-finder");
    var table = document.getElementById("mc-finder-table");
    if (!root || !table || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var state = readState();
    var results = table.parentNode;
    // A shared link's filters apply once every shard is here: until then the (unfiltered) rows
    // keep their place but are not shown, so they neither flash nor move.
    // So do the "Show more" button and the letters below them, which would move up as rows go,
    // and on a phone the filters, which are below them too (finder.css: not once opened).
    var below = [results, document.getElementById("mc-finder-more"), root.parentNode.querySelector(".mc-finder-letters")]
      .filter(Boolean);
    var filters = document.getElementById("mc-finder-filters");
    function pending(on) {
      below.forEach(function (node) { node.classList.toggle("mc-pending", on); });
      if (filters) filters.classList.toggle("mc-pending-below", on);
    }
    if (state.any) pending(true);

    // The search box and the sort go into their reserved places at once; typing before the
    // index arrives is applied when it does.
    var q = el("input", { id: "mc-q", type: "search", "class": "mc-finder__search", autocomplete: "off" });
    q.value = state.text;
    var sort = el("select", { id: "mc-sort", "class": "mc-finder__sort" });
    SORTS.forEach(function (s) { sort.appendChild(el("option", { value: s[0] }, s[1])); });
    sort.value = SORTS.some(function (s) { return s[0] === state.sort; }) ? state.sort : "title";
    state.sort = sort.value;
    var qSlot = document.getElementById("mc-finder-q-slot");
    qSlot.textContent = "";
    qSlot.appendChild(labelled("mc-q", "Search titles, providers, skills and outcomes", q));
    document.getElementById("mc-finder-sort-slot").appendChild(labelled("mc-sort", "Sort by", sort));
    shortlistButtons(table);
    drawer(root);

    var href = new URL(root.getAttribute("data-index"), window.location.href).href;
    load(href).then(function (manifest) {
      if (!document.body.contains(table)) return; // the learner has moved on (instant navigation)
      var finder = start(table, manifest, state, q, sort);
      var left = manifest.parts.length;
      function done() {
        if (--left > 0) return;
        finder.complete();
        pending(false);
        root.setAttribute("data-loaded", "1"); // for the browser tests: every shard is applied
      }
      manifest.parts.forEach(function (part, p) {
        load(new URL(part.index, href).href).then(function (shard) {
          if (document.body.contains(table)) finder.add(p, shard);
          done();
        }, function () { finder.failed(); done(); });
      });
      if (!left) done();
    }).catch(function () {
      pending(false); // the plain table stays: the page works without the index
    });
  }

  // A result row like the page's own (render/templates/finder_rows.html), from a shard's texts.
  function makeRow(id, shown, base) {
    var first = el("td");
    first.appendChild(el("a", { href: new URL("../credentials/" + id + "/", base).pathname }, shown[0]));
    first.appendChild(el("span", { "class": "mc-by" }, shown[1]));
    first.appendChild(el("span", { "class": "mc-meta" }, shown[2]));
    if (shown[7]) {
      var badges = el("span", { "class": "mc-badges" });
      if (shown[7] & 1) badges.appendChild(el("span", { "class": "mc-badge" }, "Stacks into an award"));
      if (shown[7] & 2) badges.appendChild(el("span", { "class": "mc-badge" }, "VET credit"));
      first.appendChild(badges);
    }
    var hours = el("td", {}, shown[3]);
    hours.appendChild(el("span", { "class": "mc-sub" }, shown[4]));
    var row = el("tr", { "data-id": id });
    [first, hours, el("td", {}, shown[5]), el("td", {}, shown[6]), el("td")].forEach(function (td) { row.appendChild(td); });
    return row;
  }

  // The last cell of each row: a shortlist toggle (shortlist.js does the rest).
  function shortlistButtons(table) {
    addStars(table.tBodies[0].rows);
    mc.shortlist.sync(document);
  }

  function addStars(rows) {
    Array.prototype.forEach.call(rows, function (row) {
      var cell = row.cells[row.cells.length - 1];
      var title = row.cells[0].querySelector("a");
      if (!cell || cell.firstChild) return;
      cell.appendChild(el("button", { type: "button", "class": "mc-star", "data-mc-shortlist": row.getAttribute("data-id"),
                                      "data-mc-icon": "", title: "Add to shortlist",
                                      "aria-label": "Shortlist: " + (title ? title.textContent : row.getAttribute("data-id")) }));
    });
  }

  // On a phone the filters sit below the results; their link at the top opens them as a drawer.
  function drawer(root) {
    var link = document.getElementById("mc-finder-filters-link");
    var panel = document.getElementById("mc-finder-filters");
    if (!link || !panel) return;
    link.setAttribute("role", "button");
    link.setAttribute("aria-controls", panel.id);
    link.setAttribute("aria-expanded", "false");
    var close = el("button", { type: "button", "class": "md-button md-button--primary mc-finder-filters__close" }, "Show results");
    panel.insertBefore(close, panel.firstChild);
    function open(on) {
      panel.classList.toggle("mc-open", on);
      document.body.classList.toggle("mc-drawer-open", on);
      link.setAttribute("aria-expanded", on ? "true" : "false");
      (on ? panel : link).focus();
    }
    link.addEventListener("click", function (e) {
      if (window.getComputedStyle(link).display === "none") return;
      e.preventDefault();
      open(true);
    });
    close.addEventListener("click", function () { open(false); });
    panel.addEventListener("keydown", function (e) { if (e.key === "Escape" && panel.classList.contains("mc-open")) open(false); });
    root.drawerClose = close;
  }

  function start(table, index, state, q, sort) {
    var tbody = table.tBodies[0];
    var facets = index.facets;
    var total = index.total;
    var loaded = false, broken = false, started = false, limit = PAGE, scheduled = false;
    // Whether the learner has searched, sorted or filtered since the page loaded (typing before
    // the manifest arrived counts: the box was already there).
    var asked = q.value !== state.text || sort.value !== state.sort;
    var more = document.getElementById("mc-finder-more");
    var moreButton = el("button", { type: "button", "class": "md-button mc-finder__more" });
    moreButton.hidden = true;
    more.appendChild(moreButton);
    var fieldAt = facets.findIndex(function (f) { return f.key === "field"; });
    var currencyAt = facets.findIndex(function (f) { return f.key === "currency"; });
    var costAt = facets.findIndex(function (f) { return f.key === "cost"; });
    var currencies = currencyAt >= 0 ? facets[currencyAt].values : [];
    var byId = {}; // the page's own rows, kept so nothing is redrawn
    Array.prototype.forEach.call(tbody.rows, function (row) { byId[row.getAttribute("data-id")] = row; });
    var base = window.location.href;
    var items = [], vocabularies = [];

    // A part's shard: its listings join the results (in title order: part by part).
    function add(p, shard) {
      vocabularies[p] = shard.words;
      shard.items.forEach(function (it, i) {
        var values = it[4].map(function (v) { return typeof v === "number" ? [v] : v; });
        var shown = it[6];
        var text = shown.slice(0, 7).join(" ");
        if (fieldAt >= 0) text += " " + values[fieldAt].map(function (v) { return facets[fieldAt].values[v][1]; }).join(" ");
        items.push({ id: it[0], hours: it[1], weeks: it[2], cost: it[3], weekly: it[1] / Math.max(it[2], 1e-9),
                     facets: values, words: it[5] || [], part: p, shown: shown, row: byId[it[0]] || null,
                     order: p * 1e7 + i, text: text.toLowerCase() });
      });
      // The page's own rows are the first results until every shard is in, and a shared link's
      // results are hidden until then: redrawing from some of the shards would show the wrong
      // rows, in the wrong order, and move what is below them. Only what the learner has asked
      // for since the page loaded is drawn as the shards arrive.
      if (asked) schedule();
    }

    function schedule() {
      if (scheduled) return;
      scheduled = true;
      window.setTimeout(function () { scheduled = false; if (document.body.contains(table)) update(); }, 0);
    }

    function rowOf(it) {
      if (!it.row) {
        it.row = makeRow(it.id, it.shown, base);
        addStars([it.row]);
      }
      return it.row;
    }

    var grid = document.getElementById("mc-finder-facets");
    grid.textContent = "";
    var boxes = [], counts = [], labels = [];
    var anyCurrency = null;
    facets.forEach(function (facet, f) {
      boxes[f] = []; counts[f] = []; labels[f] = [];
      if (facet.values.length < 2) return; // narrows nothing
      var radio = f === currencyAt;
      var fs = el("fieldset", { "class": "mc-facet" });
      fs.appendChild(el("legend", {}, facet.label));
      if (radio) {
        var anyId = "mc-f-currency-any";
        var anyLabel = el("label", { "for": anyId });
        anyCurrency = el("input", { type: "radio", name: "mc-currency", id: anyId, value: "" });
        anyLabel.appendChild(anyCurrency);
        anyLabel.appendChild(document.createTextNode(" Any currency"));
        fs.appendChild(anyLabel);
      }
      var chosen = radio ? [state.currency] : (state.facets[facet.key] || []);
      facet.values.forEach(function (pair, v) {
        var id = "mc-f-" + facet.key + "-" + v;
        var label = el("label", { "for": id });
        var box = el("input", radio ? { type: "radio", name: "mc-currency", id: id, value: pair[0] }
                                    : { type: "checkbox", id: id, value: pair[0] });
        box.checked = chosen.indexOf(pair[0]) >= 0;
        var text = el("span", {}, pair[1]);
        var count = el("span", { "class": "mc-count" });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" "));
        label.appendChild(text);
        label.appendChild(document.createTextNode(" "));
        label.appendChild(count);
        fs.appendChild(label);
        boxes[f][v] = box; counts[f][v] = count; labels[f][v] = text;
      });
      if (f === costAt) {
        fs.appendChild(el("p", { "class": "mc-facet__note", id: "mc-cost-note" },
                          "Prices are in each listing's own currency and never converted: the price bands " +
                          "and the cost sort apply within one currency."));
      }
      grid.appendChild(fs);
    });
    if (anyCurrency) anyCurrency.checked = !boxes[currencyAt].some(function (b) { return b.checked; });
    var clear = el("button", { type: "button", "class": "md-button mc-finder__clear" }, "Clear filters");
    grid.appendChild(clear);
    var status = document.getElementById("mc-finder-count");
    var filtersLink = document.getElementById("mc-finder-filters-link");
    var closeButton = document.getElementById("mc-finder").drawerClose;

    // The one currency prices are compared in: the chosen one, or the catalogue's only one.
    function currency() {
      if (currencies.length === 1) return currencies[0][0];
      var on = (boxes[currencyAt] || []).filter(function (b) { return b.checked; })[0];
      return on ? on.value : "";
    }

    function isPaidBand(f, v) { return f === costAt && facets[f].values[v][0].indexOf("paid-") === 0; }

    // A price band names its currency (or asks for one): worded as soon as the facets are drawn,
    // so no label changes its length, and moves the facets below it, when the shards arrive.
    function nameBands(cur) {
      if (costAt < 0) return;
      labels[costAt].forEach(function (text, v) {
        if (isPaidBand(costAt, v)) text.textContent = facets[costAt].values[v][1] + (cur ? " " + cur : " (choose a currency)");
      });
    }
    nameBands(currency());

    // The drawer's button says how many filters are on (a shared link's, from the start).
    function countTicked() {
      var ticked = boxes.reduce(function (n, list) { return n + list.filter(function (b) { return b.checked; }).length; }, 0);
      filtersLink.textContent = ticked ? "Filters (" + ticked + ")" : "Filters";
    }
    countTicked();

    function selected() {
      return boxes.map(function (list) {
        var on = null;
        list.forEach(function (b, v) { if (b.checked) { on = on || {}; on[v] = true; } });
        return on;
      });
    }

    function matchesFacets(item, sel, skip) {
      for (var f = 0; f < sel.length; f++) {
        if (f === skip || !sel[f]) continue;
        if (!item.facets[f].some(function (v) { return sel[f][v]; })) return false;
      }
      return true;
    }

    function textMatches(terms) {
      // For each term and shard, the shard's vocabulary words that contain it, once per search.
      var hits = terms.map(function (t) {
        return vocabularies.map(function (words) {
          var set = {};
          (words || []).forEach(function (w, n) { if (w.indexOf(t) >= 0) set[n] = true; });
          return set;
        });
      });
      return items.map(function (it) {
        return terms.every(function (t, k) {
          return it.text.indexOf(t) >= 0 || it.words.some(function (n) { return hits[k][it.part][n]; });
        });
      });
    }

    function update() {
      var cur = currency();
      // Without one currency the price bands would compare amounts in different money.
      if (!cur && costAt >= 0) boxes[costAt].forEach(function (b, v) { if (isPaidBand(costAt, v)) b.checked = false; });
      var costOption = sort.querySelector('option[value="cost"]');
      costOption.disabled = !cur;
      costOption.textContent = cur ? "Expected cost in " + cur + " (lowest first)" : "Expected cost (choose a currency first)";
      if (!cur && sort.value === "cost") sort.value = "title";

      started = true;
      var ok = textMatches(tokens(q.value));
      var sel = selected();
      var matched = items.filter(function (it, i) { return ok[i] && matchesFacets(it, sel, -1); });
      var shown = matched.length;
      // Each value's count: how many results ticking it would give, the other facets kept.
      facets.forEach(function (facet, f) {
        if (!counts[f].length) return;
        var n = facet.values.map(function () { return 0; });
        items.forEach(function (it, i) {
          if (ok[i] && matchesFacets(it, sel, f)) it.facets[f].forEach(function (v) { n[v]++; });
        });
        counts[f].forEach(function (c, v) {
          c.textContent = "(" + n[v] + ")";
          var box = boxes[f][v];
          var needsCurrency = isPaidBand(f, v) && !cur;
          box.disabled = needsCurrency || (n[v] === 0 && !box.checked);
        });
      });
      nameBands(cur);
      draw(matched);
      status.textContent = loaded ? shown + " of " + total + " credentials"
        : "Loading: " + shown + " found in the first " + items.length + " of " + total + " credentials";
      if (broken) status.textContent += " (some listings could not be loaded: reload the page to try again)";
      countTicked();
      if (closeButton) closeButton.textContent = "Show " + shown + " result" + (shown === 1 ? "" : "s");
      writeState();
    }

    // The first `limit` results in the chosen order; the rest wait for "Show more".
    function draw(matched) {
      var key = sort.value, desc = key.charAt(0) === "-", field = desc ? key.slice(1) : key;
      var sorted = matched.sort(function (a, b) {
        var d = field === "title" ? 0 : (a[field] - b[field]) * (desc ? -1 : 1);
        return d || a.order - b.order;
      });
      var frag = document.createDocumentFragment();
      sorted.slice(0, limit).forEach(function (it) { frag.appendChild(rowOf(it)); });
      tbody.textContent = "";
      tbody.appendChild(frag);
      mc.shortlist.sync(tbody);
      var rest = sorted.length - Math.min(limit, sorted.length);
      moreButton.hidden = rest <= 0;
      moreButton.textContent = "Show " + Math.min(rest, PAGE) + " more (" + rest + " not shown)";
    }

    function changed() { asked = true; limit = PAGE; update(); }

    function writeState() {
      var params = new URLSearchParams();
      if (q.value.trim()) params.set("text", q.value.trim());  // not "q": that is the search page's
      facets.forEach(function (facet, f) {
        var on = boxes[f].filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        if (on.length) params.set(f === currencyAt ? "currency" : facet.key, on.join(","));
      });
      if (sort.value !== "title") params.set("sort", sort.value);
      var search = params.toString();
      var next = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      if (next !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", next);
      }
    }

    q.addEventListener("input", changed);
    sort.addEventListener("change", changed);
    grid.addEventListener("change", changed);
    moreButton.addEventListener("click", function () { asked = true; limit += PAGE; update(); });
    clear.addEventListener("click", function () {
      q.value = "";
      boxes.forEach(function (list) { list.forEach(function (b) { b.checked = false; }); });
      if (anyCurrency) anyCurrency.checked = true;
      sort.value = "title";
      changed();
    });
    return {
      add: add,
      failed: function () { broken = true; },
      complete: function () { loaded = true; if (started || items.length) update(); }
    };
  }

  mc.onEveryPage(init);
})();
