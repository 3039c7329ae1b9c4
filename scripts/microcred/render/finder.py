"""The finder: the whole catalogue as one table that works without JavaScript, and a compact
JSON index (ids and facet values, no descriptions) that docs/assets/finder.js filters and sorts.

The index: `{"facets": [{"key", "label", "values": [[value, label], ...]}, ...],
"items": [[global id, hours, max weeks, expected total, [[value index, ...] per facet]], ...]}`.
Items are in the table's row order; row i of the table is item i.
"""
from __future__ import annotations

import json
import math

from .. import urls
from ..model import DURATION_BANDS, PRICE_BANDS, Catalogue, Credential
from . import facts
from .listing import by_title, title_cell
from .page import Page
from .templating import render_page
from .text import NotFinite

YES_NO = [("yes", "Yes"), ("no", "No")]


def _cost_value(c: Credential) -> str:
    return c.cost_kind if c.cost_kind != "paid" else f"paid-{c.price_band}"


def _level_value(c: Credential) -> str:
    lv = c.data.get("level")
    return f"{lv['framework'].lower()}-{lv['level']}" if lv else "none"


# (key, label, values of a credential as [(value, label)], fixed order of values or None to sort by label)
FACETS = [
    ("duration", "Study time", lambda c: [(c.duration_band, facts.band_label(c.duration_band))],
     [k for k, _, _ in DURATION_BANDS]),
    ("cost", "Cost", lambda c: [(_cost_value(c), facts.COST_KINDS[c.cost_kind] if c.cost_kind != "paid"
                                  else f"Paid: {facts.price_band_label(c.price_band)} (own currency)")],
     ["free", "free-paid-certificate", *[f"paid-{k}" for k, _, _ in PRICE_BANDS]]),
    ("delivery", "Delivery", lambda c: [(c.data["delivery"], facts.label(c.data["delivery"]))],
     ["online", "blended", "in-person"]),
    ("pace", "Pace", lambda c: [(c.data["pace"], facts.label(c.data["pace"]))], ["self-paced", "scheduled", "cohort"]),
    ("level", "Level", lambda c: [(_level_value(c), facts.level(c) or "Not stated")], None),
    ("field", "Field of education", lambda c: [(c.data["field_of_education"][:2],
                                                 facts.ISCED_BROAD.get(c.data["field_of_education"][:2], "Other"))], None),
    ("provider", "Provider", lambda c: [(c.provider.id, c.provider.name)], None),
    ("language", "Language", lambda c: [(tag.split("-")[0].lower(), facts.language_name(tag.split("-")[0]))
                                        for tag in c.data["languages"]], None),
    ("stackable", "Stacks into a larger award", lambda c: [YES_NO[0] if c.stackable else YES_NO[1]], ["yes", "no"]),
    ("vet", "VET credit", lambda c: [YES_NO[0] if c.has_vet_credit else YES_NO[1]], ["yes", "no"]),
]


def finder_index(catalogue: Catalogue, creds: list[Credential]) -> dict:
    facet_values: list[dict[str, str]] = [{} for _ in FACETS]
    per_item: list[list[list[str]]] = []
    for c in creds:
        row = []
        for i, (_key, _label, values_of, _order) in enumerate(FACETS):
            values = dict(values_of(c))
            facet_values[i].update(values)
            row.append(sorted(values))
        per_item.append(row)
    facets, positions = [], []
    for i, (key, lbl, _values_of, order) in enumerate(FACETS):
        seen = facet_values[i]
        keys = [k for k in order if k in seen] if order else sorted(seen, key=lambda k: (seen[k].casefold(), k))
        positions.append({k: n for n, k in enumerate(keys)})
        facets.append({"key": key, "label": lbl, "values": [[k, seen[k]] for k in keys]})
    items = []
    for c, row in zip(creds, per_item):
        idx = [sorted(positions[i][v] for v in values) for i, values in enumerate(row)]
        items.append([c.global_id, c.hours, c.weeks_range[1], c.expected_total[1], idx])
    return {"version": 1, "facets": facets, "items": items}


def _check_finite(creds: list[Credential]) -> None:
    """The finder's numbers are sorted and filtered in the browser: a non-finite one (a monthly
    price times its months past the float limit) would make `index.json` invalid JSON."""
    for c in creds:
        for name, value in (("workload_hours", c.hours), ("duration weeks", c.weeks_range[1]),
                            ("expected total cost", c.expected_total[1])):
            if not math.isfinite(value):
                raise NotFinite(f"credential {c.global_id}: its {name} is not a finite number ({value})")


def finder_page(creds: list[Credential]) -> Page:
    here = urls.FINDER
    rows = [(c, title_cell(c, here)) for c in creds]
    return render_page("finder.html", url=here, title="Finder",
                       description="Search and filter every microcredential in the catalogue.",
                       css_class="mc-finder-page", rows=rows)


def finder_files(catalogue: Catalogue) -> dict[str, object]:
    creds = by_title(catalogue.credentials.values())
    _check_finite(creds)
    index = json.dumps(finder_index(catalogue, creds), ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                       allow_nan=False)
    page = finder_page(creds)
    return {page.src_path: page, urls.FINDER_INDEX: index + "\n"}
