"""What site search indexes, how the index is cut into files, and the process that writes it.

`_Reader` answers a query from the index files the way docs/assets/search.js does (and counts
what it loads); that the page itself finds a credential by title, provider, outcome or skill is
tested in the browser: tests/browser."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import random
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import PLAIN_ID, PLAIN_TITLE, write_site_catalogue  # noqa: E402

from microcred.build import load_catalogue  # noqa: E402
from microcred.outputs import site_files  # noqa: E402
from microcred.search import index as search_index  # noqa: E402
from microcred.search.text import MAX_TOKEN, page_fields, tokens  # noqa: E402
from nodetools import node_executable  # noqa: E402

from microcred.site.searchindex import (BackgroundIndex, SearchIndexError, index_files,  # noqa: E402
                                        search_documents)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    folder = write_site_catalogue(tmp_path_factory.mktemp("cat") / "catalogue")
    return load_catalogue(folder, as_of=dt.date(2026, 11, 25))


@pytest.fixture(scope="module")
def documents(catalogue):
    return search_documents(site_files(catalogue))


class _Reader:
    """A query over index files, as docs/assets/search.js runs it: each word's buckets (its
    prefix's if they are few), AND across words, the rarest first, loading a common word's
    chunks only where candidates are; best summed score first, then page order. Of a word's prefix
    terms with long postings it takes the most common, then the next while they fit PREFIX_CHUNKS
    chunk files."""

    def __init__(self, files: dict[str, bytes]):
        self.files, self.loaded = files, {"manifest.json"}
        self.manifest = json.loads(files["manifest.json"])

    def load(self, path: str):
        self.loaded.add(path)
        return json.loads(gzip.decompress(self.files[path]))

    @property
    def loaded_bytes(self) -> int:
        return sum(len(gzip.compress(self.files[p], 6)) if p.endswith(".json") else len(self.files[p])
                   for p in self.loaded)

    def _buckets(self, word: str) -> tuple[list[int], bool]:
        keys = [search_index.order_key(k) for k in self.manifest["buckets"]]
        first = max(i for i, k in enumerate(keys) if k <= search_index.order_key(word))
        found = [first] + [i for i in range(first + 1, len(keys)) if self.manifest["buckets"][i].startswith(word)]
        return (found, True) if len(found) <= 3 else (found[:1], False)

    def _postings(self, entry, candidates):
        if isinstance(entry, list):
            yield from _decoded(entry, 0)
            return
        bits = self.manifest["chunkBits"]
        for chunk in entry["c"]:
            if candidates is None or any(page >> bits == chunk for page in candidates):
                yield from _decoded(self.load(f"l/{entry['l']}-{chunk}.json.gz"), chunk << bits)

    def search(self, query: str) -> list[int]:
        words = list(dict.fromkeys(tokens(query)))[:10]
        if not words or not self.manifest["buckets"]:
            return []
        found = []
        for word in words:
            numbers, prefix = self._buckets(word)
            terms = []
            for number in numbers:
                bucket = self.load(f"b/{number}.json.gz")
                for term, entry in zip(bucket["t"], bucket["p"]):
                    if term == word or (prefix and term.startswith(word)):
                        pages = len(entry[0]) if isinstance(entry, list) else entry["n"]
                        terms.append((1.0 if term == word else 0.5, entry, pages))
            if not terms:
                return []
            found.append(_affordable(terms))
        found.sort(key=lambda terms: sum(t[2] for t in terms))
        total = None
        for terms in found:
            best: dict[int, float] = {}
            for weight, entry, _ in terms:
                for page, score in self._postings(entry, total):
                    if total is None or page in total:
                        best[page] = max(best.get(page, 0), score * weight)
            total = best if total is None else {p: total[p] + s for p, s in best.items()}
        return sorted(total, key=lambda page: (-total[page], page))

    def shown(self, page: int) -> list[str]:
        per = self.manifest["docsPerFile"]
        return self.load(f"d/{page // per}.json.gz")[page % per]


PREFIX_CHUNKS = 32  # as in docs/assets/search.js


def _affordable(terms):
    costly = sorted((t for t in terms if t[0] != 1.0 and isinstance(t[1], dict)), key=lambda t: -t[2])
    dropped, files = set(), 0
    for n, (_, entry, _) in enumerate(costly):
        if n > 0 and files + len(entry["c"]) > PREFIX_CHUNKS:
            dropped.add(id(entry))
        else:
            files += len(entry["c"])
    return [t for t in terms if id(t[1]) not in dropped]


def _decoded(postings, base):
    page = base
    for delta, score in zip(*postings):
        page += delta
        yield page, score


def _document(title: str, body: str, kicker: str = "Short course") -> dict[str, str]:
    return {"title": title, "html": f'<div class="mc-page" data-pagefind-body><p class="mc-kicker" '
                                    f'data-pagefind-meta="kicker">{kicker}</p><h1>{title}</h1><p>{body}</p></div>'}


SUBJECTS = ["food safety", "first aid", "project scheduling", "cloud computing", "customer service", "leadership"]


def _generated(count: int, seed: int = 7) -> dict[str, dict[str, str]]:
    """Pages like tests/factory.py's: near-identical titles told apart by their number."""
    rng = random.Random(seed)
    documents = {}
    for i in range(count):
        subject = rng.choice(SUBJECTS)
        documents[f"credentials/provider-{i % 50:03d}/credential-{i:05d}/"] = _document(
            f"{subject.capitalize()} essentials {i}",
            f"A generated listing number {i} that teaches {rng.choice(SUBJECTS)} to working adults. "
            f"Learn by doing: weekly tasks and a final project. Skills {rng.choice(SUBJECTS)} {rng.choice(SUBJECTS)}")
    return documents


def _wordy(count: int) -> dict[str, dict[str, str]]:
    """Pages of made-up words: a large vocabulary, as a real catalogue's."""
    rng = random.Random(3)
    word = lambda: "".join(rng.choice("abcdefghijklmnopqrstuvwxyzéø") for _ in range(rng.randint(3, 9)))  # noqa: E731
    return {f"p/{i:05d}/": _document(f"{word()} {word()}", " ".join(word() for _ in range(40))) for i in range(count)}


def _titles(files, query) -> list[str]:
    reader = _Reader(files)
    return [reader.shown(page)[1] for page in reader.search(query)]


# What is indexed

def test_every_record_page_is_searchable_and_no_list_page_is(catalogue, documents):
    expected = ({f"credentials/{cid}/" for cid in catalogue.credentials}
                | {f"providers/{pid}/" for pid in catalogue.providers}
                | {f"qualifications/{qid}/" for qid in catalogue.qualifications})
    assert set(documents) == expected
    # The finder and the overviews list every credential: they would answer every search.
    assert not any(path.startswith(("finder/", "duration/", "cost/", "contribute/", "data/")) for path in documents)


def test_a_credential_is_searched_by_title_kicker_and_text_but_not_its_facts(documents):
    fields = page_fields(**documents[f"credentials/{PLAIN_ID}/"])
    assert fields.title == PLAIN_TITLE
    assert fields.kicker == "Skill set · Hostile & Co <Training>"  # text, its markup's entities decoded once
    assert "coastal waters" in fields.body and "Plan a coastal passage" in fields.body and "Knot tying" in fields.body
    # What the finder filters on (location, quality body, difficulty) only makes the index bigger.
    for fact in ("Cairns", "Maritime Safety Board", "Introductory", "Study time", PLAIN_TITLE):
        assert fact not in fields.body, fact


def test_a_search_document_marks_the_facts_left_out(documents):
    html = documents[f"credentials/{PLAIN_ID}/"]["html"]
    assert f"<h1>{PLAIN_TITLE}</h1>" in html and "data-pagefind-body" in html
    ignored = _ignored_elements(html)
    for part in (("class", "mc-glance"), ("id", "details"), ("class", "mc-official"), ("id", "standards")):
        assert ignored.get(part) is True, part
    assert ignored.get(("id", "outcomes")) is False and ignored.get(("id", "skills")) is False


class _Ignoring(HTMLParser):
    """For each element's (attribute, value) with attribute class or id: whether it or an element
    holding it is marked data-pagefind-ignore."""
    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.found: dict[tuple[str, str], bool] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        ignored = (self.stack[-1][1] if self.stack else False) or "data-pagefind-ignore" in attrs
        for name in ("class", "id"):
            if attrs.get(name):
                self.found.setdefault((name, attrs[name]), ignored)
        if tag not in self.VOID:
            self.stack.append((tag, ignored))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass


def _ignored_elements(html: str) -> dict[tuple[str, str], bool]:
    parser = _Ignoring()
    parser.feed(html)
    return parser.found


def test_provider_pages_are_found_by_their_name_not_their_list(documents):
    fields = page_fields(**documents["providers/hostile/"])
    assert fields.title == "Hostile & Co <Training>" and fields.kicker == "Provider"
    assert PLAIN_TITLE not in fields.body  # the provider's credentials table is left out


def test_nested_ignored_elements_end_where_their_own_element_ends():
    html = ('<div><p data-pagefind-meta="kicker:Qualification">x</p><div data-pagefind-ignore><div>hidden</div>'
            "<div>also hidden</div></div><p>shown</p><!-- <p>a comment</p> --></div>")
    fields = page_fields("T", html)
    assert (fields.kicker, fields.body) == ("Qualification", "shown")


@pytest.mark.parametrize("text, words", [
    ("Food Safety: ESSENTIALS 9673", ["food", "safety", "essentials", "9673"]),
    ("Crème brûlée, São Paulo, Ångström", ["creme", "brulee", "sao", "paulo", "angstrom"]),
    ("co-op snake_case e-mail", ["co", "op", "snake", "case", "e", "mail"]),
    ("<script>alert(1)</script>", ["script", "alert", "1", "script"]),
    ("x" * 100, ["x" * MAX_TOKEN]),
    ("日本語 テキスト", ["日本語", "テキスト"]),
    ("𝐃𝐚𝐭𝐚 ℌello ﬁle Ｗｉｄｅ", ["data", "hello", "file", "wide"]),  # compatibility forms, then lower case
    ("ΚΟΣΜΟΣ κος", ["κοσμοσ", "κοσ"]),  # a final sigma is a sigma
])
def test_words_are_lowercase_letters_and_digits_with_accents_folded(text, words):
    assert tokens(text) == words


_JS_WORDS = """
const fs = require("fs"), vm = require("vm");
const page = {window: {microcred: {el: () => null, onEveryPage: () => {}}}, document: {querySelector: () => null}};
vm.createContext(page);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), page);
const texts = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(texts.map(page.window.microcred.searchWords)));
"""


def _tricky_texts(count: int, seed: int = 3) -> list[str]:
    """Random runs from scripts whose case, accents and compatibility forms need care."""
    blocks = [(0x20, 0x7e), (0xa0, 0x24f), (0x300, 0x36f), (0x370, 0x3ff), (0x400, 0x4ff), (0x1e00, 0x1eff),
              (0x2070, 0x218f), (0x3040, 0x30ff), (0x4e00, 0x4e3f), (0xfb00, 0xfb06), (0xff01, 0xff5e),
              (0x1d400, 0x1d7ff)]
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        start, end = rng.choice(blocks)
        other = rng.choice(blocks)
        texts.append("".join(chr(rng.randint(*rng.choice([(start, end), other, (0x20, 0x7e)])))
                             for _ in range(rng.randint(1, 60))))
    return texts


def test_the_page_makes_the_same_words_of_a_query_as_the_index_does():
    """A word the browser folds differently from the indexer finds nothing: compare them on
    hostile and random text, with docs/assets/search.js itself run in Node."""
    node = node_executable("search word parity test")
    texts = ["Crème brûlée ΚΟΣΜΟΣ 𝐃𝐚𝐭𝐚 ℌ ﬁ Ｗ ² Ⅻ İstanbul ß ẞ ǅ Ω Å", "snake_case e-mail", "x" * 100,
             "𝐱" * 100, "a\u0301\u0301b \u200dc\u2028d\ufeffe", "\ud835", "ＡＢＣ１２３", "ΌΣΟΣ όσος"]
    texts += _tricky_texts(400)
    script = Path(__file__).parents[1] / "docs" / "assets" / "search.js"
    answer = subprocess.run([node, "-e", _JS_WORDS, str(script)], input=json.dumps(texts), capture_output=True,
                            text=True, encoding="utf-8", check=True, timeout=60)
    in_browser = json.loads(answer.stdout)
    differing = [(text, words, tokens(text)) for text, words in zip(texts, in_browser) if words != tokens(text)]
    assert differing == []


# How the index is cut

def test_buckets_stay_within_the_budget_and_in_term_order():
    files = index_files(_wordy(3000))
    manifest = json.loads(files["manifest.json"])
    keys = manifest["buckets"]
    assert len(keys) > 10 and keys[0] == ""
    assert [search_index.order_key(k) for k in keys] == sorted(search_index.order_key(k) for k in keys)
    for number, key in enumerate(keys):
        packed = files[f"b/{number}.json.gz"]
        assert len(packed) <= search_index.BUCKET_BYTES
        terms = json.loads(gzip.decompress(packed))["t"]
        assert all(search_index.order_key(term) >= search_index.order_key(key) for term in terms)
        if number + 1 < len(keys):
            assert all(search_index.order_key(term) < search_index.order_key(keys[number + 1]) for term in terms)


def test_postings_give_back_every_page_of_every_word():
    documents = {**_generated(5000), **_wordy(500)}
    files = index_files(documents)
    reader = _Reader(files)
    expected: dict[str, set[int]] = {}
    for page, (_, document) in enumerate(sorted(documents.items())):
        fields = page_fields(**document)
        for word in tokens(f"{fields.title} {fields.kicker} {fields.body}"):
            expected.setdefault(word, set()).add(page)
    decoded: dict[str, set[int]] = {}
    for number in range(len(reader.manifest["buckets"])):
        bucket = reader.load(f"b/{number}.json.gz")
        for term, entry in zip(bucket["t"], bucket["p"]):
            decoded[term] = {page for page, score in reader._postings(entry, None) if 1 <= score <= 255}
    assert decoded == expected
    assert any(not isinstance(e, list) for n in range(len(reader.manifest["buckets"]))
               for e in reader.load(f"b/{n}.json.gz")["p"])  # some words are common enough to be chunked


def test_a_query_loads_no_more_as_the_catalogue_grows_tenfold():
    measured = []
    for count in (1000, 10000):
        documents = _wordy(count)
        files = index_files(documents)
        reader = _Reader(files)
        wanted = documents[f"p/{count // 2:05d}/"]["title"]
        assert reader.shown(reader.search(wanted)[0])[1] == wanted
        measured.append((len(reader.manifest["buckets"]), reader.loaded_bytes))
        assert all(len(data) <= search_index.BUCKET_BYTES for path, data in files.items() if path.startswith("b/"))
    (small_buckets, small_bytes), (large_buckets, large_bytes) = measured
    assert large_buckets > 5 * small_buckets  # the vocabulary grew into many more buckets ...
    # ... of which a two-word query still loads two or so, and one file of what results show.
    assert large_bytes <= 1.5 * small_bytes + search_index.BUCKET_BYTES


# How results rank

def test_a_typed_title_finds_its_page_first_among_near_identical_titles():
    files = index_files(_generated(12000))
    for number in (9673, 967, 11000, 5):
        wanted = next(d["title"] for d in _generated(12000).values() if d["title"].endswith(f" {number}"))
        assert _titles(files, wanted)[0] == wanted


def test_a_word_finds_the_words_it_begins_and_ranks_itself_first():
    files = index_files({"a/": _document("Safe lifting", "Lift."), "b/": _document("Safety at sea", "Sail."),
                         "c/": _document("Cooking", "Stay safe in the kitchen."),
                         **{f"filler/{i}/": _document(f"Filler {i}", "Other words.") for i in range(20)}})
    # The word in a title, then a word it begins in a title, then the word in a page's text.
    assert _titles(files, "safe") == ["Safe lifting", "Safety at sea", "Cooking"]
    assert _titles(files, "safe sea") == ["Safety at sea"]  # every word must match
    assert _titles(files, "SÄFE Lifting") == ["Safe lifting"]
    assert _titles(files, "nowhere") == []


def test_a_page_with_the_query_in_its_title_ranks_above_pages_that_repeat_it_in_their_text():
    repeats = " ".join(["Food safety supervision covers food safety for food businesses."] * 6)
    files = index_files({"a/": _document("Kitchen hygiene", repeats, kicker="Food safety"),
                         "b/": _document("Food Safety Basics", "An introduction for new staff in cafes and kitchens, "
                                                               "with a long description of what the course covers."),
                         "c/": _document("Safe food handling", repeats),
                         **{f"filler/{i}/": _document(f"Filler {i}", "Food for thought.") for i in range(20)}})
    # Both words in the title, then one ("food"), then none (the kicker and text only).
    assert _titles(files, "food safety")[:3] == ["Food Safety Basics", "Safe food handling", "Kitchen hygiene"]


def test_hostile_text_is_kept_as_text_for_the_page_to_show():
    hostile = "<img src=x onerror=alert(1)> &amp; {: onclick=x}"
    files = index_files({"h/": {"title": hostile, "html": '<div><p data-pagefind-meta="kicker">&lt;b&gt;Kick&lt;/b&gt;</p>'
                                                          "<p>&lt;script&gt;alert(2)&lt;/script&gt;</p></div>"}})
    reader = _Reader(files)
    assert reader.search("onerror") == [0]
    assert reader.shown(0) == ["h/", hostile, "<b>Kick</b>", "<script>alert(2)</script>"]


# Reproducible

def test_the_same_documents_give_the_same_bytes_in_any_order():
    documents = _generated(3000)
    shuffled = list(documents.items())
    random.Random(1).shuffle(shuffled)
    assert index_files(documents) == index_files(dict(shuffled))
    assert index_files(documents)["manifest.json"] != index_files(_generated(3000, seed=8))["manifest.json"]


def test_an_empty_catalogue_gets_an_index_that_finds_nothing():
    files = index_files({})
    assert json.loads(files["manifest.json"])["pages"] == 0
    assert _Reader(files).search("anything") == []


# The indexer process

def test_the_index_lands_in_the_site_and_the_scratch_folder_goes(documents, tmp_path):
    site = tmp_path / "site"
    (site / "search-index").mkdir(parents=True)
    (site / "search-index" / "stale.txt").write_text("from an earlier build")
    index = BackgroundIndex(documents).start()
    scratch = index.output.parent
    index.finish(site)
    assert sorted(p.name for p in (site / "search-index").iterdir()) == ["b", "d", "manifest.json"]
    assert json.loads((site / "search-index" / "manifest.json").read_text())["pages"] == len(documents)
    assert not scratch.exists()
    assert _gone(index._process.pid, scratch)


def test_a_document_that_is_not_a_page_is_reported_and_leaves_nothing(tmp_path):
    index = BackgroundIndex({"x/": {"title": 3}}).start()
    scratch = index.output.parent
    with pytest.raises(SearchIndexError, match="the search document for 'x/' has no title and html text"):
        index.finish(tmp_path / "site")
    assert not (tmp_path / "site" / "search-index").exists()
    assert not scratch.exists()


def test_a_site_folder_that_cannot_take_the_index_is_reported(documents, tmp_path):
    (tmp_path / "site").write_text("a file where the site folder should be")
    index = BackgroundIndex(documents).start()
    with pytest.raises(SearchIndexError, match="could not move the index"):
        index.finish(tmp_path / "site")
    assert not index.output.parent.exists()


def _gone(pid: int, path: Path, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
            alive = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
        except (ProcessLookupError, FileNotFoundError):
            alive = False
        if not alive and not path.exists():
            return True
        time.sleep(0.05)
    return False


def test_closing_an_unfinished_index_stops_the_indexer_and_removes_its_files(documents):
    index = BackgroundIndex(documents).start()
    index.close()
    assert _gone(index._process.pid, index.output.parent)


def test_when_the_build_dies_the_indexer_removes_its_files_and_exits(tmp_path):
    build = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\n"
         "from microcred.site.searchindex import BackgroundIndex\n"
         "index = BackgroundIndex({'a/': {'title': 'A', 'html': '<p>x</p>'}}).start()\n"
         "print(index._process.pid, index.output.parent, flush=True)\n"
         "time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True)
    pid, scratch = build.stdout.readline().split()
    time.sleep(1)  # the index is likely written by now: the indexer waits for the build to take it
    build.kill()  # no chance to clean up: only the closed pipe tells the indexer
    build.wait()
    assert _gone(int(pid), Path(scratch))
