/* Site search over the static index in /search-index/ (written by scripts/microcred/search/index.py,
 * which describes its files). A query loads the manifest, the bucket of each of its words, the
 * chunks of very common words' postings that hold its candidates, and one file of display data
 * per 128 pages shown: what it downloads does not grow with the catalogue. The query lives in the
 * address (?q=), so a search can be bookmarked and shared.
 *
 * Nothing from the index is parsed as HTML: titles, kickers and excerpts are set with textContent,
 * and the <mark>s around matched words are built from the text's own word boundaries. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 250;
  var MAX_TOKEN = 40; // as MAX_TOKEN in scripts/microcred/search/text.py
  var MAX_WORDS = 10;
  var MAX_QUERY = 200; // characters: a longer ?q= is cut, so no address can make the page work for seconds
  // A word matches the terms it begins ("safe": "safety"), unless they fill more buckets than
  // this ("s"): then only the term itself, so that a short word does not load half the index.
  var PREFIX_BUCKETS = 3;
  var PREFIX_WEIGHT = 0.5; // "safe" ranks a page with "safe" above one with only "safety"
  // Of the terms a word begins, those with long postings cost a file per chunk: the most common
  // is always taken, the next ones while all of them load at most PREFIX_CHUNKS files. Without a
  // cap, a catalogue full of common words that share a start ("zqa", "zqb", ...) makes "zq" load
  // hundreds. (At 100,000 pages one term has 25 chunks.)
  var PREFIX_CHUNKS = 32;
  var engine = null; // a promise of the index, opened on the first search
  var el = window.microcred.el;

  // The words of a text, as scripts/microcred/search/text.py `tokens` makes them: normalised
  // before lower-casing (math bold "𝐃" is a capital only after NFKD), final sigma as sigma.
  function fold(text) {
    if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
    return text.split(/\s+/).map(function (chunk) {
      return chunk.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ς/g, "σ");
    }).join(" ");
  }

  function tokens(text) {
    return (fold(text).match(/[\p{L}\p{N}]+/gu) || []).map(function (word) {
      return word.length > MAX_TOKEN ? Array.from(word).slice(0, MAX_TOKEN).join("") : word;
    });
  }

  // The words a query is searched for: each once, at most MAX_WORDS of them.
  function queryWords(query) {
    return Array.from(new Set(tokens(query))).slice(0, MAX_WORDS);
  }

  function unzipped(buffer) {
    var bytes = new Uint8Array(buffer);
    // Stored gzip-compressed; a host that already decoded it (Content-Encoding) gives plain JSON.
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(new TextDecoder().decode(bytes));
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }

  function open(form) {
    if (engine) return engine;
    var base = new URL(form.getAttribute("data-bundle"), window.location.href);
    var files = new Map();
    function load(path, version) {
      if (!files.has(path)) {
        var url = new URL(path, base);
        url.search = "v=" + version;
        var loading = fetch(url.href, { credentials: "same-origin" })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.arrayBuffer(); })
          .then(unzipped)
          .then(JSON.parse);
        loading.catch(function () { files.delete(path); }); // a later search tries again
        files.set(path, loading);
      }
      return files.get(path);
    }
    engine = fetch(new URL("manifest.json", base).href, { credentials: "same-origin", cache: "no-cache" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (manifest) {
        if (manifest.version !== 1) throw new Error("unknown index version");
        return {
          manifest: manifest,
          load: function (path) { return load(path, manifest.id); },
          root: new URL(form.getAttribute("data-site-root"), window.location.href)
        };
      });
    engine.catch(function () { engine = null; });
    return engine;
  }

  // The buckets that may hold terms beginning with `word` (keys: each bucket's first term, or the
  // shortest start of it; sorted as JavaScript compares strings, as the index writes them).
  function bucketsFor(keys, word) {
    var lo = 0, hi = keys.length - 1;
    while (lo < hi) { // the last key <= word
      var mid = (lo + hi + 1) >> 1;
      if (keys[mid] <= word) lo = mid; else hi = mid - 1;
    }
    var found = [lo];
    for (var i = lo + 1; i < keys.length && keys[i].startsWith(word); i++) found.push(i);
    return found;
  }

  // The terms of a word worth loading: itself, the prefix terms stored in their buckets, and the
  // prefix terms with long postings that PREFIX_CHUNKS allows, most common first.
  function affordable(terms) {
    var costly = terms.filter(function (t) { return t.weight !== 1 && !Array.isArray(t.entry); })
      .sort(function (a, b) { return b.pages - a.pages; });
    var dropped = new Set(), files = 0;
    costly.forEach(function (t, n) {
      if (n > 0 && files + t.entry.c.length > PREFIX_CHUNKS) dropped.add(t);
      else files += t.entry.c.length;
    });
    return terms.filter(function (t) { return !dropped.has(t); });
  }

  function matches(bucket, word, prefix) {
    var terms = bucket.t, lo = 0, hi = terms.length, out = [];
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < word) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < terms.length && (terms[i] === word || (prefix && terms[i].startsWith(word))); i++) {
      var entry = bucket.p[i];
      out.push({ weight: terms[i] === word ? 1 : PREFIX_WEIGHT, entry: entry,
                 pages: Array.isArray(entry) ? entry[0].length : entry.n });
    }
    return out;
  }

  // Add each (page, score) of delta-encoded postings to `into`, keeping a page's best score;
  // with `only`, just the pages it holds.
  function addPostings(into, postings, base, weight, only) {
    var deltas = postings[0], scores = postings[1], page = base;
    for (var i = 0; i < deltas.length; i++) {
      page += deltas[i];
      if (only && !only.has(page)) continue;
      var score = scores[i] * weight;
      if (!(into.get(page) >= score)) into.set(page, score);
    }
  }

  // The pages holding every word of the query, best first: the rarest word first, so that a
  // common word's postings are loaded only in the chunks that hold pages still in the running.
  function search(index, query) {
    var words = queryWords(query);
    var keys = index.manifest.buckets;
    if (!words.length || !keys.length) return Promise.resolve([]);
    var wanted = words.map(function (word) {
      var buckets = bucketsFor(keys, word);
      var prefix = buckets.length <= PREFIX_BUCKETS;
      return { word: word, prefix: prefix, buckets: prefix ? buckets : buckets.slice(0, 1) };
    });
    return Promise.all(wanted.map(function (w) {
      return Promise.all(w.buckets.map(function (b) { return index.load("b/" + b + ".json.gz"); }));
    })).then(function (loaded) {
      var found = wanted.map(function (w, n) {
        var terms = affordable([].concat.apply([], loaded[n].map(function (bucket) { return matches(bucket, w.word, w.prefix); })));
        return { terms: terms, pages: terms.reduce(function (sum, t) { return sum + t.pages; }, 0) };
      });
      if (found.some(function (f) { return !f.terms.length; })) return [];
      found.sort(function (a, b) { return a.pages - b.pages; });
      var bits = index.manifest.chunkBits;
      var total = null; // page -> summed score, for the words so far

      function next(n) {
        if (n === found.length || (total && !total.size)) return Promise.resolve();
        var only = total, best = new Map();
        var chunksOfCandidates = only && new Set(Array.from(only.keys(), function (p) { return p >> bits; }));
        return Promise.all(found[n].terms.map(function (t) {
          if (Array.isArray(t.entry)) { addPostings(best, t.entry, 0, t.weight, only); return null; }
          var chunks = t.entry.c.filter(function (c) { return !chunksOfCandidates || chunksOfCandidates.has(c); });
          return Promise.all(chunks.map(function (c) {
            return index.load("l/" + t.entry.l + "-" + c + ".json.gz").then(function (postings) {
              addPostings(best, postings, c << bits, t.weight, only);
            });
          }));
        })).then(function () {
          if (!only) total = best;
          else {
            var both = new Map();
            best.forEach(function (score, page) { both.set(page, only.get(page) + score); });
            total = both;
          }
          return next(n + 1);
        });
      }

      return next(0).then(function () {
        return Array.from(total.entries())
          .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
          .map(function (e) { return e[0]; });
      });
    });
  }

  function shown(index, page) {
    var per = index.manifest.docsPerFile;
    return index.load("d/" + Math.floor(page / per) + ".json.gz").then(function (docs) {
      var d = docs[page % per];
      return { url: d[0], title: d[1], kicker: d[2], excerpt: d[3] };
    });
  }

  // `text` with each word that begins with a query word in a <mark>: text nodes only.
  function marked(tag, attrs, text, words) {
    var out = el(tag, attrs), last = 0;
    var pattern = /[\p{L}\p{N}\p{M}]+/gu, match;
    while ((match = pattern.exec(text)) !== null) {
      var hit = tokens(match[0]).some(function (t) {
        return words.some(function (w) { return t.startsWith(w); });
      });
      if (!hit) continue;
      out.appendChild(document.createTextNode(text.slice(last, match.index)));
      out.appendChild(el("mark", {}, match[0]));
      last = match.index + match[0].length;
    }
    out.appendChild(document.createTextNode(text.slice(last)));
    return out;
  }

  function resultItem(index, data, words) {
    var li = el("li", { "class": "mc-search__result" });
    var title = data.title || data.url;
    // Index URLs are this site's own paths; anything else is shown as text, not linked.
    var href = new URL(data.url, index.root);
    if (href.origin === window.location.origin) li.appendChild(el("a", { href: href.href, "class": "mc-search__title" }, title));
    else li.appendChild(el("span", { "class": "mc-search__title" }, title));
    if (data.kicker) li.appendChild(el("p", { "class": "mc-search__kicker" }, data.kicker));
    li.appendChild(marked("p", { "class": "mc-search__excerpt" }, data.excerpt || "", words));
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
    var words = [];
    var index = null;
    var count = 0;
    var generation = 0; // answers to an older query are dropped
    var timer = null;
    var searchPath = window.location.pathname;

    function say(text, withFinderLink) {
      status.textContent = text;
      if (withFinderLink) {
        status.appendChild(document.createTextNode(" "));
        status.appendChild(el("a", { href: form.getAttribute("data-site-root") + "finder/" }, "Open the finder."));
      }
    }

    function showMore(moveFocus) {
      var mine = generation;
      var batch = results.slice(count, count + PAGE_SIZE);
      more.disabled = true;
      return Promise.all(batch.map(function (page) { return shown(index, page); })).then(function (datas) {
        if (mine !== generation) return;
        var first = null;
        datas.forEach(function (data) {
          var item = resultItem(index, data, words);
          first = first || item;
          list.appendChild(item);
        });
        count += datas.length;
        more.disabled = false;
        moreWrap.hidden = count >= results.length;
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
      // A search typed just before instant navigation moved on must not touch the next page, which
      // may already have the address while this one is still shown.
      if (!form.isConnected || window.location.pathname !== searchPath) return Promise.resolve();
      var mine = ++generation;
      if (query.length > MAX_QUERY) query = Array.from(query.slice(0, 2 * MAX_QUERY)).slice(0, MAX_QUERY).join("");
      var url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
      list.textContent = "";
      moreWrap.hidden = true;
      results = [];
      count = 0;
      if (!query.trim()) { say(""); return Promise.resolve(); }
      if (typeof DecompressionStream === "undefined") { // the index is gzip files: Chrome 80, Firefox 113, Safari 16.4
        say("Search needs a newer browser. The finder lists every credential and works in this one.", true);
        return Promise.resolve();
      }
      say("Searching…");
      return open(form)
        .then(function (opened) {
          if (mine !== generation) return null;
          index = opened;
          words = queryWords(query);
          return search(opened, query);
        })
        .then(function (pages) {
          if (mine !== generation || pages === null) return;
          results = pages;
          var n = results.length;
          if (n === 0) {
            say("No results for “" + query + "”. Try fewer or other words, or the finder's filters.");
            return;
          }
          // The count is announced once the first results are on the page, not before them.
          return showMore().then(function () {
            if (mine === generation && count > 0) say(n + (n === 1 ? " result" : " results") + " for “" + query + "”");
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

  window.microcred.searchWords = tokens; // tests compare these words with text.py's
  window.microcred.onEveryPage(init);
})();
