"""The finder's index: what docs/assets/finder.js filters, sorts, searches and shows, as compact
JSON in parts, so the first results never wait for the whole catalogue.

The manifest, `finder/index.json`: `{"version": 3, "total": n, "facets": [{"key", "label",
"values": [[value, label], ...]}, ...], "parts": [{"key", "label", "count", "index", "page"}, ...]}`.
One shard per part (render/finder.py splits the listings by the first letter of their titles,
so a listing's part never moves when others are added), `finder/index/<part>.json`:
`{"words": [...], "items": [[global id, hours, max weeks, expected total, [value index or
[value index, ...] per facet of the manifest], [word index, ...], [title, provider, delivery and
pace, study time, hours per week, calendar time, price, badges]], ...]}`, items in title order.
Badges: 1 stacks into an award, 2 VET credit (a sum). The texts are worded here, as the pages
word them (render/facts), so finder.js writes rows for listings the page does not hold.

Search words: the words of a listing's skills and learning outcomes that are not already in its
title or provider name (the row holds those), lower-cased, without the commonest English words.
They are numbered in each shard's own vocabulary, most frequent first, so the numbers an item
carries are short. A facet with fewer than two values narrows nothing and is left out (but for
the currency, which the cost bands name).
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections import Counter

from ..model import DURATION_BANDS, PRICE_BANDS, Catalogue, Credential, band_of
from . import facts

INDEX_VERSION = 3
YES_NO = [("yes", "Yes"), ("no", "No")]

# Calendar time in bands; a listing whose range spans several bands is in each of them.
CALENDAR_BANDS = (
    ("under-4w", "Under 4 weeks", 4),
    ("4-12w", "4 to 12 weeks", 12),
    ("3-6m", "3 to 6 months", 26),
    ("over-6m", "Over 6 months", math.inf),
)

# "Starts within 3 months": a dated intake that soon after the build date.
START_MONTHS = 3

# Words too common to narrow a search; finder.js drops the same words from what a learner types.
STOP_WORDS = frozenset(
    "a an and are as at be by can for from how in into is it its of on or that the their this to "
    "use using with within without you your".split())

# Letters and digits, as finder.js splits text (/[^\p{L}\p{N}]+/u).
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


def _cost_value(c: Credential) -> str:
    return c.cost_kind if c.cost_kind != "paid" else f"paid-{c.price_band}"


def _cost_label(c: Credential) -> str:
    if c.cost_kind != "paid":
        return facts.COST_KINDS[c.cost_kind]
    return f"Paid, {facts.price_band_label(c.price_band).lower()}"


def _level_value(c: Credential) -> str:
    lv = c.data.get("level")
    return f"{lv['framework'].lower()}-{lv['level']}" if lv else "none"


def _calendar(c: Credential) -> list[tuple[str, str]]:
    low, high = (band_of(w, CALENDAR_BANDS) for w in c.weeks_range)
    keys = [k for k, _, _ in CALENDAR_BANDS]
    return [(k, facts.band_label(k, CALENDAR_BANDS)) for k in keys[keys.index(low):keys.index(high) + 1]]


def _stacks(catalogue: Catalogue, c: Credential) -> list[tuple[str, str]]:
    targets = [(e["target"], facts.target_title(catalogue, e["target"])) for e in c.data.get("stacks_into", [])]
    return targets or [("none", "Stands alone")]


def _yes(flag: bool) -> list[tuple[str, str]]:
    return [YES_NO[0] if flag else YES_NO[1]]


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later (the month's last day where it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _starts_soon(catalogue: Catalogue, c: Credential) -> list[tuple[str, str]]:
    """Whether a dated intake (`sessions`) starts within START_MONTHS of the catalogue's build date:
    the date the site was built, so the same commit gives the same index."""
    start = c.next_start(catalogue.build_date)
    return _yes(start is not None and start <= months_after(catalogue.build_date, START_MONTHS))


# (key, label, values of a credential as [(value, label)], fixed order of values or None to sort
# by label). finder.js knows two keys: `currency` (one choice at a time) and `cost` (its paid
# bands apply within the chosen currency only).
FACETS = [
    ("duration", "Study time", lambda cat, c: [(c.duration_band, facts.band_label(c.duration_band))],
     [k for k, _, _ in DURATION_BANDS]),
    ("calendar", "Calendar time", lambda cat, c: _calendar(c), [k for k, _, _ in CALENDAR_BANDS]),
    ("starts", f"Starts within {START_MONTHS} months", _starts_soon, ["yes", "no"]),
    ("cost", "Cost", lambda cat, c: [(_cost_value(c), _cost_label(c))],
     ["free", "free-paid-certificate", *[f"paid-{k}" for k, _, _ in PRICE_BANDS]]),
    ("currency", "Currency", lambda cat, c: [(c.data["cost"]["currency"], c.data["cost"]["currency"])], None),
    ("delivery", "Delivery", lambda cat, c: [(c.data["delivery"], facts.label(c.data["delivery"]))],
     ["online", "blended", "in-person"]),
    ("pace", "Pace", lambda cat, c: [(c.data["pace"], facts.label(c.data["pace"]))], ["self-paced", "scheduled", "cohort"]),
    ("level", "Level", lambda cat, c: [(_level_value(c), facts.level(c) or "Not stated")], None),
    ("field", "Field of education", lambda cat, c: [(c.data["field_of_education"][:2],
                                                     facts.ISCED_BROAD.get(c.data["field_of_education"][:2], "Other"))], None),
    ("provider", "Provider", lambda cat, c: [(c.provider.id, c.provider.name)], None),
    ("provider-type", "Provider type", lambda cat, c: [(c.provider.data["type"], facts.label(c.provider.data["type"]))], None),
    ("assessment", "Assessment", lambda cat, c: [(a, facts.label(a)) for a in c.data["assessment"]], None),
    ("language", "Language", lambda cat, c: [(tag.split("-")[0].lower(), facts.language_name(tag.split("-")[0]))
                                             for tag in c.data["languages"]], None),
    ("stacks", "Stacks into", _stacks, None),
    ("vet", "VET credit", lambda cat, c: _yes(c.has_vet_credit), ["yes", "no"]),
    ("funding", "Funding available", lambda cat, c: _yes(bool(c.data["cost"].get("funding"))), ["yes", "no"]),
    ("eu", "Meets the EU standard elements", lambda cat, c: _yes(c.completeness.meets_eu), ["yes", "no"]),
]


def _search_words(c: Credential) -> list[str]:
    shown = set(words(f"{c.title} {c.provider.name}"))
    text = " ".join([*c.data.get("skills", []), *c.data["learning_outcomes"]])
    return sorted({w for w in words(text) if w not in shown})


def facet_row(catalogue: Catalogue, c: Credential) -> list[dict[str, str]]:
    """A credential's values of each facet, {value: label}."""
    return [dict(values_of(catalogue, c)) for _key, _label, values_of, _order in FACETS]


def _facet_table(catalogue: Catalogue, creds: list[Credential], row_of):
    """Each facet's values (in display order) and each credential's value keys per facet."""
    seen: list[dict[str, str]] = [{} for _ in FACETS]
    per_item = []
    for c in creds:
        row = row_of(catalogue, c)
        for i, values in enumerate(row):
            seen[i].update(values)
        per_item.append(row)
    keys = [[k for k in order if k in seen[i]] if order else sorted(seen[i], key=lambda k: (seen[i][k].casefold(), k))
            for i, (_key, _label, _values_of, order) in enumerate(FACETS)]
    return seen, keys, per_item


def _compact(values: list[int]) -> int | list[int]:
    """One value as the number alone (most facets have one per listing: a fifth of the index)."""
    return values[0] if len(values) == 1 else values


def _shown(c: Credential) -> list:
    """What a result row shows, as finder.html words it."""
    badges = (1 if c.stackable else 0) + (2 if c.has_vet_credit else 0)
    return [c.title, c.provider.name, f"{facts.label(c.data['delivery'])}, {facts.label(c.data['pace']).lower()}",
            facts.hours(c), facts.hours_per_week(c), facts.weeks(c), facts.price(c), badges]


def _shard(creds: list[Credential], kept: list[int], positions: dict, per_item: list) -> dict:
    item_words = [_search_words(c) for c in creds]
    counts = Counter(w for ws in item_words for w in ws)
    vocabulary = sorted(counts, key=lambda w: (-counts[w], w))
    number_of = {w: n for n, w in enumerate(vocabulary)}
    items = []
    for c, row, ws in zip(creds, per_item, item_words):
        idx = [_compact(sorted(positions[i][v] for v in row[i])) for i in kept]
        items.append([c.global_id, c.hours, c.weeks_range[1], c.expected_total[1], idx,
                      sorted(number_of[w] for w in ws), _shown(c)])
    return {"words": vocabulary, "items": items}


def finder_index(catalogue: Catalogue, creds: list[Credential]) -> dict:
    """The index of `creds` as one part: the manifest with that part's words and items."""
    manifest, shard = finder_shards(catalogue, [("all", "All", "", "", creds)])
    return {**manifest, **shard("all")}


def finder_shards(catalogue: Catalogue, parts: list[tuple[str, str, str, str, list[Credential]]],
                  row_of=facet_row):
    """The manifest, and a function that makes a part's shard by its key; `parts` are (key,
    label, shard URL, page URL, listings) with URLs relative to the finder. `row_of(catalogue,
    credential)`: its facet values (facet_row, or one kept from the last build)."""
    creds = [c for *_, cs in parts for c in cs]
    seen, keys, per_item = _facet_table(catalogue, creds, row_of)
    # The currency stays even alone: finder.js names it in the cost bands' labels.
    kept = [i for i in range(len(FACETS)) if len(keys[i]) >= 2 or FACETS[i][0] == "currency"]
    positions = {i: {k: n for n, k in enumerate(keys[i])} for i in kept}
    facets = [{"key": FACETS[i][0], "label": FACETS[i][1], "values": [[k, seen[i][k]] for k in keys[i]]} for i in kept]
    spans, start = {}, 0
    for key, _label, _index, _page, cs in parts:
        spans[key] = (cs, per_item[start:start + len(cs)])
        start += len(cs)
    listed = [{"key": k, "label": label, "count": len(cs), "index": index, "page": page}
              for k, label, index, page, cs in parts]

    def shard(key: str) -> dict:
        cs, rows = spans[key]
        return _shard(cs, kept, positions, rows)

    return {"version": INDEX_VERSION, "total": len(creds), "facets": facets, "parts": listed}, shard
