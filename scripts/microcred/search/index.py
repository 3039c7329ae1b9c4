"""The site search index: static files, written once per build, of which a query loads a few.

Pagefind (used before) loads each index's page list whole before the first result, about 6
compressed bytes per page: 600 KB at 100,000 credentials. Here nothing the browser loads grows
with the catalogue but the manifest (one short prefix per bucket):

- manifest.json: the bucket boundaries, the page count, and a version that changes with content.
- b/<n>.json.gz: a bucket, a run of the vocabulary in sorted order (`{"t": terms, "p": postings}`),
  cut where its compressed size would pass BUCKET_BYTES. A term's postings are its page ids,
  delta-encoded, and its score on each page: `[[deltas], [scores]]`.
- l/<n>-<k>.json.gz: a term on more than LONG_POSTINGS pages ("essentials", "learn") has only
  `{"n": pages, "l": n, "c": [k, ...]}` in its bucket; its postings are cut by page id into
  chunks of 2**CHUNK_BITS ids, so that a query which already has candidates from a rarer word
  loads only the chunks that hold them.
- d/<k>.json.gz: what a result shows (`[url, title, kicker, excerpt]`), DOCS_PER_FILE pages a file.

Scores are BM25 (K1, B) over the fields' words weighted by FIELD_WEIGHTS, quantised to 1..127,
plus TITLE_BONUS where the term is in the page's title, so the browser needs no per-page
statistics: a page's score for a query is the sum over the query's words of its best score among
the terms the word matches (docs/assets/search.js). The bonus outweighs any BM25 score, so pages
whose titles hold more of the query's words come first ("food safety" finds "... Food Safety"
before "Safe Food Handling" whose text says "food safety" often): BM25 alone saturates, and a
title word counts for less than two mentions in a long text.

The files are gzip-compressed here (fixed header, no timestamp: the same input gives the same
bytes) and decompressed in the browser with DecompressionStream, as Pagefind's were: a static
host then serves them as they are, and they take a third of the space on disk.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import math
from array import array
from collections import Counter
from collections.abc import Iterable

from .text import Fields, tokens

VERSION = 1
BUCKET_BYTES = 16 * 1024
LONG_POSTINGS = 2048
CHUNK_BITS = 12
DOCS_PER_FILE = 128
FIELD_WEIGHTS = {"title": 5, "kicker": 2, "body": 1}
K1, B = 1.2, 0.75
SCORE_SCALE = 5  # a BM25 score of 25.4 or more is stored as 127
TITLE_BONUS = 128
_IN_TITLE = 0x8000  # the flag bit of a stored count


def compress(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def order_key(term: str) -> bytes:
    """Sort order of the vocabulary: UTF-16 code units, as JavaScript compares strings."""
    return term.encode("utf-16-be", "surrogatepass")


def field_counts(fields: Fields) -> tuple[Counter, set[str]]:
    """The page's weighted count of each word, and the words of its title."""
    counts: Counter = Counter()
    for name, weight in FIELD_WEIGHTS.items():
        for word in tokens(getattr(fields, name)):
            counts[word] += weight
    return counts, set(tokens(fields.title))


class _Postings:
    """Every term's pages and weighted counts, in compact arrays (100,000 pages hold millions)."""

    def __init__(self) -> None:
        self.pages: dict[str, array] = {}
        self.counts: dict[str, array] = {}
        self.lengths = array("I")
        self._average: float | None = None

    def add(self, page: int, counts: Counter, title: set[str]) -> None:
        self.lengths.append(sum(counts.values()))
        for term, count in counts.items():
            if term not in self.pages:
                self.pages[term], self.counts[term] = array("I"), array("H")
            self.pages[term].append(page)
            self.counts[term].append(min(count, _IN_TITLE - 1) | (_IN_TITLE if term in title else 0))

    def scores(self, term: str) -> tuple[array, list[int]]:
        pages, counts, lengths = self.pages[term], self.counts[term], self.lengths
        total = len(lengths)
        if self._average is None:
            self._average = (sum(lengths) / total) or 1.0
        average = self._average
        idf = math.log(1 + (total - len(pages) + 0.5) / (len(pages) + 0.5))
        scores = []
        for page, stored in zip(pages, counts):
            count = stored & (_IN_TITLE - 1)
            norm = K1 * (1 - B + B * lengths[page] / average)
            score = idf * count * (K1 + 1) / (count + norm)
            scores.append(max(1, min(127, round(score * SCORE_SCALE))) + (TITLE_BONUS if stored & _IN_TITLE else 0))
        return pages, scores


def _deltas(pages: Iterable[int], base: int = 0) -> list[int]:
    out, last = [], base
    for page in pages:
        out.append(page - last)
        last = page
    return out


def _separator(previous: str, first: str) -> str:
    """The shortest start of `first` that sorts after `previous`: the bucket's key in the manifest."""
    for end in range(1, len(first) + 1):
        if order_key(first[:end]) > order_key(previous):
            return first[:end]
    return first


def _buckets(entries: list[tuple[str, str]]) -> list[tuple[list[tuple[str, str]], bytes]]:
    """Cut the sorted (term, postings JSON) entries into runs whose compressed file fits
    BUCKET_BYTES. A run is filled to a raw size guessed from the last bucket's compression
    ratio, and halved until it fits (one term always fits: long terms are in chunks)."""
    out: list[tuple[list[tuple[str, str]], bytes]] = []

    def encode(run):
        text = '{"t":' + _json([t for t, _ in run]) + ',"p":[' + ",".join(p for _, p in run) + "]}"
        return text.encode("utf-8")

    def emit(run) -> float:
        raw = encode(run)
        packed = compress(raw)
        if len(packed) > BUCKET_BYTES and len(run) > 1:
            half = len(run) // 2
            return min(emit(run[:half]), emit(run[half:]))
        out.append((run, packed))
        return len(raw) / max(1, len(packed))

    raw_budget, run, size = BUCKET_BYTES * 3.0, [], 0
    for term, postings in entries:
        cost = len(term.encode("utf-8")) + len(postings.encode("utf-8")) + 4
        if run and size + cost > raw_budget:
            ratio = emit(run)
            raw_budget = BUCKET_BYTES * 0.9 * min(max(ratio, 1.5), 20.0)
            run, size = [], 0
        run.append((term, postings))
        size += cost
    if run:
        emit(run)
    return out


def build_index(pages: list[tuple[str, Fields]]) -> dict[str, bytes]:
    """The index files, by path under the index folder, for `pages` (url, fields) in id order."""
    postings = _Postings()
    for number, (_, fields) in enumerate(pages):
        postings.add(number, *field_counts(fields))
    files: dict[str, bytes] = {}
    entries: list[tuple[str, str]] = []
    long_terms = 0
    for term in sorted(postings.pages, key=order_key):
        ids, scores = postings.scores(term)
        if len(ids) <= LONG_POSTINGS:
            entries.append((term, _json([_deltas(ids), scores])))
            continue
        chunks: dict[int, list[int]] = {}
        for position, page in enumerate(ids):
            chunks.setdefault(page >> CHUNK_BITS, []).append(position)
        for chunk, positions in chunks.items():
            body = [_deltas((ids[p] for p in positions), chunk << CHUNK_BITS), [scores[p] for p in positions]]
            files[f"l/{long_terms}-{chunk}.json.gz"] = compress(_json(body).encode("utf-8"))
        entries.append((term, _json({"n": len(ids), "l": long_terms, "c": sorted(chunks)})))
        long_terms += 1
    keys = []
    for number, (run, packed) in enumerate(_buckets(entries)):
        files[f"b/{number}.json.gz"] = packed
        keys.append("" if number == 0 else _separator(previous, run[0][0]))
        previous = run[-1][0]
    for start in range(0, len(pages), DOCS_PER_FILE):
        shown = [[url, f.title, f.kicker, f.excerpt] for url, f in pages[start:start + DOCS_PER_FILE]]
        files[f"d/{start // DOCS_PER_FILE}.json.gz"] = compress(_json(shown).encode("utf-8"))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode("utf-8") + b"\0" + files[path])
    manifest = {"version": VERSION, "id": digest.hexdigest()[:16], "pages": len(pages), "buckets": keys,
                "chunkBits": CHUNK_BITS, "docsPerFile": DOCS_PER_FILE}
    files["manifest.json"] = (_json(manifest) + "\n").encode("utf-8")
    return dict(sorted(files.items()))
