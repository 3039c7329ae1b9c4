/* Site search with Pagefind. The index is split into chunks, so a search downloads only the
 * chunks its words need, plus one small file per result shown. The query lives in the address
 * (?q=), so a search can be bookmarked and shared.
 *
 * Nothing from the index is parsed as live HTML: titles and kickers are set with textContent, and
 * an excerpt (text with <mark> around the matched words) is read in an inert document, of which
 * only the text and the <mark>s are copied into the page. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 250;
  var engine = null; // a promise of the Pagefind module, loaded on the first search

  // The index comes in shards (see scripts/microcred/searchindex.py), listed in shards.json:
  // the first is loaded as the Pagefind module and the others are merged into it.
  function pagefind(form) {
    if (!engine) {
      var bundle = new URL(form.getAttribute("data-bundle"), window.location.href);
      var root = new URL(form.getAttribute("data-site-root"), window.location.href).pathname;
      engine = fetch(new URL("shards.json", bundle).href, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (manifest) {
          var shards = manifest.shards.map(function (s) { return new URL(s, bundle).href; });
          return import(shards[0] + "pagefind.js").then(function (module) {
            return Promise.resolve(module.options({ baseUrl: root }))
              .then(function () {
                return Promise.all(shards.slice(1).map(function (s) {
                  return module.mergeIndex(s, { baseUrl: root });
                }));
              })
              .then(function () { return module; });
          });
        });
      engine.catch(function () { engine = null; }); // let a later search try again
    }
    return engine;
  }

  var el = window.microcred.el;

  function excerpt(html) {
    var doc = new DOMParser().parseFromString("<p>" + (html || "") + "</p>", "text/html");
    var out = el("p", { "class": "mc-search__excerpt" });
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") out.appendChild(el("mark", {}, node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  function resultItem(data) {
    var li = el("li", { "class": "mc-search__result" });
    var title = (data.meta && data.meta.title) || data.url;
    // Index URLs are this site's own paths; anything else is shown as text, not linked.
    var href = new URL(data.url, window.location.href);
    if (href.origin === window.location.origin) li.appendChild(el("a", { href: href.href, "class": "mc-search__title" }, title));
    else li.appendChild(el("span", { "class": "mc-search__title" }, title));
    if (data.meta && data.meta.kicker) li.appendChild(el("p", { "class": "mc-search__kicker" }, data.meta.kicker));
    li.appendChild(excerpt(data.excerpt));
    return li;
  }

  function init() {
    var form = document.getElementById("mc-search");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var input = document.getElementById("mc-search-q");
    var status = document.getElementById("mc-search-status");
    var list = document.getElementById("mc-search-results");
    var moreWrap = document.getElementById("mc-search-more-wrap");
    var more = document.getElementById("mc-search-more");
    var results = [];
    var shown = 0;
    var generation = 0; // answers to an older query are dropped
    var timer = null;

    function say(text, withFinderLink) {
      status.textContent = text;
      if (withFinderLink) {
        status.appendChild(document.createTextNode(" "));
        status.appendChild(el("a", { href: form.getAttribute("data-site-root") + "finder/" }, "Open the finder."));
      }
    }

    function showMore(moveFocus) {
      var mine = generation;
      var batch = results.slice(shown, shown + PAGE_SIZE);
      more.disabled = true;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
        if (mine !== generation) return;
        var first = null;
        datas.forEach(function (data) {
          var item = resultItem(data);
          first = first || item;
          list.appendChild(item);
        });
        shown += datas.length;
        more.disabled = false;
        moreWrap.hidden = shown >= results.length;
        // "Show more" may have just hidden itself: keep the keyboard where the new results start.
        var link = moveFocus === true && first && first.querySelector("a");
        if (link) link.focus();
      }, function () {
        if (mine !== generation) return;
        more.disabled = false;
        say("Some results could not load. Try again, or use the finder.", true);
      });
    }

    function run(query) {
      var mine = ++generation;
      var url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
      list.textContent = "";
      moreWrap.hidden = true;
      results = [];
      shown = 0;
      if (!query.trim()) { say(""); return Promise.resolve(); }
      say("Searching…");
      return pagefind(form)
        .then(function (pf) { return pf.search(query); })
        .then(function (search) {
          if (mine !== generation) return;
          results = (search && search.results) || [];
          var n = results.length;
          if (n === 0) {
            say("No results for “" + query + "”. Try fewer or other words, or the finder's filters.");
            return;
          }
          // The count is announced once the first results are on the page, not before them.
          return showMore().then(function () {
            if (mine === generation && shown > 0) say(n + (n === 1 ? " result" : " results") + " for “" + query + "”");
          });
        })
        .catch(function () {
          if (mine === generation) say("Search could not load. The finder lists every credential.", true);
        });
    }

    input.value = new URLSearchParams(window.location.search).get("q") || "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, DEBOUNCE_MS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run(input.value);
    });
    more.addEventListener("click", function () { showMore(true); });
    var header = document.getElementById("mc-header-q");
    if (header) header.value = input.value;
    if (input.value) run(input.value);
    else input.focus(); // arrived from the header's search button, or a link: ready to type
  }

  // The header's search form keeps its relative address when Material's instant navigation swaps
  // the page under it: make it absolute once, from the page it was written for.
  var headerForm = document.querySelector("form.mc-header-search");
  if (headerForm) headerForm.setAttribute("action", headerForm.action);

  window.microcred.onEveryPage(init);
})();
