/* The compare page: two to four listings side by side, from `?ids=provider/credential,...` or,
 * without it, the shortlist kept in this browser. Each listing's facts come from its provider's
 * compare/<provider>.json (scripts/microcred/render/compare.py), worded at build time; every
 * text is set with textContent, and links only to this site's pages or https addresses. */
(function () {
  "use strict";

  var MIN = 2, MAX = 4;
  var mc = window.microcred;
  var el = mc.el;
  var files = {}; // provider file promises, fetched once per page view of the site

  function providerFile(href) {
    if (!files[href]) {
      files[href] = fetch(href, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
      files[href].catch(function () { delete files[href]; });
    }
    return files[href];
  }

  function requested() {
    var raw = new URLSearchParams(window.location.search).get("ids");
    var ids = mc.shortlist.clean(raw === null ? mc.shortlist.get() : raw.split(","));
    return { ids: ids, fromShortlist: raw === null };
  }

  function init() {
    var root = document.getElementById("mc-compare");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    draw(root, document.getElementById("mc-compare-area"));
  }

  function message(area, root, text) {
    area.textContent = "";
    root.setAttribute("data-loaded", "1");
    var p = el("p", { "class": "mc-compare__message" }, text + " ");
    p.appendChild(el("a", { href: root.getAttribute("data-finder") }, "Open the finder"));
    p.appendChild(document.createTextNode(" and add listings to your shortlist, then compare them here."));
    area.appendChild(p);
  }

  function draw(root, area) {
    var want = requested();
    var ids = want.ids.slice(0, MAX);
    if (ids.length < MIN) {
      message(area, root, want.fromShortlist
        ? "Your shortlist has " + (ids.length ? "one listing" : "no listings") + ": comparing needs two to four."
        : "Give two to four listings to compare.");
      return;
    }
    // The shortlist's first four, as an address that can be shared.
    var address = mc.shortlist.compareUrl(window.location.pathname, ids);
    if (address !== window.location.pathname + window.location.search) {
      window.history.replaceState(window.history.state, "", address + window.location.hash);
    }
    var here = new URL(window.location.href);
    var site = new URL("../", here); // compare/ is one folder below the site root
    Promise.all(ids.map(function (id) {
      var parts = id.split("/");
      return providerFile(new URL(parts[0] + ".json", here).href)
        .then(function (data) {
          var all = data.credentials || {};
          return Object.prototype.hasOwnProperty.call(all, parts[1]) ? all[parts[1]] : null;
        }, function () { return null; });
    })).then(function (records) {
      if (!document.body.contains(area)) return;
      area.textContent = "";
      var missing = ids.filter(function (id, i) { return !records[i]; });
      var found = [];
      ids.forEach(function (id, i) { if (records[i]) found.push({ id: id, record: records[i] }); });
      if (want.ids.length > MAX) {
        area.appendChild(el("p", { "class": "mc-note" }, "Showing the first " + MAX + " of " + want.ids.length + ": compare four at a time."));
      }
      if (missing.length) {
        area.appendChild(el("p", { "class": "mc-note" }, "Not in the catalogue (retired or renamed): " + missing.join(", ") + "."));
      }
      if (found.length < MIN) { message(area, root, "Fewer than two of these listings are in the catalogue."); return; }
      area.appendChild(table(found, site));
      area.appendChild(share());
      root.setAttribute("data-loaded", "1");
    });
  }

  function table(found, site) {
    var wrap = el("div", { "class": "mc-compare__scroll", tabindex: "0", role: "region", "aria-labelledby": "mc-compare-caption" });
    var t = el("table", { "class": "mc-compare__table", "data-count": String(found.length) });
    var caption = el("caption", { id: "mc-compare-caption" }, found.length + " listings compared");
    t.appendChild(caption);
    var head = el("thead"), row = el("tr");
    row.appendChild(el("th", { scope: "col" }, "Fact"));
    found.forEach(function (f) {
      var th = el("th", { scope: "col", "data-id": f.id });
      th.appendChild(el("a", { href: new URL(f.record.page, site).pathname, "class": "mc-compare__title" }, f.record.title));
      th.appendChild(el("span", { "class": "mc-by" }, f.record.provider));
      var actions = el("span", { "class": "mc-compare__actions" });
      if (/^https:\/\//.test(f.record.official)) {
        actions.appendChild(el("a", { href: f.record.official, rel: "nofollow noopener" }, "Official page"));
      }
      var remove = el("button", { type: "button", "class": "mc-linkbutton" }, "Remove");
      remove.setAttribute("aria-label", "Remove " + f.record.title + " from the comparison");
      remove.addEventListener("click", function () { removeFromComparison(f.id); });
      actions.appendChild(remove);
      th.appendChild(actions);
      row.appendChild(th);
    });
    head.appendChild(row);
    t.appendChild(head);
    var body = el("tbody");
    found[0].record.facts.forEach(function (fact, n) {
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, fact[0]));
      found.forEach(function (f) {
        var mine = f.record.facts[n];
        tr.appendChild(el("td", {}, mine && mine[0] === fact[0] ? mine[1] : ""));
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    wrap.appendChild(t);
    return wrap;
  }

  function removeFromComparison(id) {
    var ids = requested().ids.filter(function (x) { return x !== id; });
    var url = mc.shortlist.compareUrl(window.location.pathname, ids);
    window.history.replaceState(window.history.state, "", ids.length ? url : window.location.pathname + "?ids=");
    var root = document.getElementById("mc-compare");
    draw(root, document.getElementById("mc-compare-area"));
  }

  // This comparison's address, to send or bookmark, and the shortlist it can become.
  function share() {
    var box = el("div", { "class": "mc-compare__share" });
    var id = "mc-compare-link";
    box.appendChild(el("label", { "for": id }, "Link to this comparison"));
    var input = el("input", { id: id, type: "text", readonly: "", "class": "mc-compare__link" });
    input.value = window.location.href;
    input.addEventListener("focus", function () { input.select(); });
    box.appendChild(input);
    var copy = el("button", { type: "button", "class": "md-button" }, "Copy link");
    copy.addEventListener("click", function () {
      var done = function () { copy.textContent = "Copied"; };
      if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
      else input.select();
    });
    box.appendChild(copy);
    var keep = el("button", { type: "button", "class": "md-button" }, "Make these my shortlist");
    keep.addEventListener("click", function () {
      mc.shortlist.set(requested().ids);
      keep.textContent = "Saved as your shortlist";
    });
    box.appendChild(keep);
    return box;
  }

  mc.onEveryPage(init);
})();
