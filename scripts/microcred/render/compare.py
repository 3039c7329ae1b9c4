"""The compare page, `compare/?ids=provider/credential,...`: a static page that compare.js fills
with two to four listings side by side, and the facts it shows, one JSON file per provider
(`compare/<provider>.json`), so a comparison fetches at most four small files whatever the
catalogue's size.

The facts are text, worded here once (as on the credential pages) and inserted by compare.js
with textContent: `{"version": 1, "credentials": {credential id: {"title", "page", "official",
"provider", "facts": [[name, text], ...]}}}`, every listing with the same names in the same order.
"""
from __future__ import annotations


from .. import urls
from ..model import Catalogue, Credential
from . import facts
from .finder import grouped_links
from ..export.jsonfile import json_text
from ..reuse import FRESH, Reuse, key
from ..shown import export_key
from .page import Page
from .templating import render_page
from .text import safe_url

COMPARE_VERSION = 1


def _stacks(catalogue: Catalogue, c: Credential) -> str:
    parts = []
    for entry in c.data.get("stacks_into", []):
        parts.append(f"{facts.target_title(catalogue, entry['target'])} ({facts.stack_credit(entry)})")
    return "; ".join(parts) or "Stands alone"


def _vet(catalogue: Catalogue, c: Credential) -> str:
    parts = []
    for entry in c.data.get("vet_credit", []):
        code = entry.get("qualification")
        qual = catalogue.qualification_by_code(code) if code else None
        towards = f"{code} {qual.title}" if qual else (code or "")
        units = ", ".join(entry.get("units", []))
        text = facts.label(entry["credit_type"])
        text += f" towards {towards}" if towards else ""
        text += f" (units {units})" if units else ""
        parts.append(text)
    return "; ".join(parts) or "None stated"


def _cost(c: Credential) -> str:
    total = facts.expected_total(c)
    return f"{facts.price(c)} ({total})" if total else facts.price(c)


def learner_facts(catalogue: Catalogue, c: Credential) -> list[tuple[str, str]]:
    """Every fact a learner weighs, in the order the compare table shows them."""
    d = c.data
    cost = d["cost"]
    fee = cost.get("certificate_fee")
    reviewed = d["last_reviewed"] + (" (may be out of date)" if catalogue.is_stale(c) else "")
    delivery = facts.label(d["delivery"])
    places = "; ".join(facts.location(loc) for loc in d.get("locations", []))
    return [
        ("Provider", c.provider.name),
        ("Type", facts.label(d["type"])),
        ("Status", facts.label(d["status"])),
        ("Study time", facts.hours(c)),
        ("Calendar time", facts.weeks(c)),
        ("Hours per week", facts.hours_per_week(c)),
        ("Cost", _cost(c)),
        ("Certificate fee", facts.money(fee, cost["currency"]) if fee else "None stated"),
        ("Funding", facts.funding(c) or "None stated"),
        ("Delivery", f"{delivery}: {places}" if places else delivery),
        ("Pace", facts.label(d["pace"])),
        ("Assessment", facts.assessment(c)),
        ("Level", facts.level(c) or "Not stated"),
        ("Difficulty", facts.optional_label(c, "difficulty") or "Not stated"),
        ("Stacks into (credit)", _stacks(catalogue, c)),
        ("VET credit", _vet(catalogue, c)),
        ("Quality assurance", facts.quality_assurance(c)),
        ("Languages", ", ".join(facts.languages(c))),
        ("Issued as", facts.optional_label(c, "issued_as") or "Not stated"),
        ("Last reviewed", reviewed),
    ]


def compare_data(catalogue: Catalogue, creds: list[Credential]) -> dict:
    return {"version": COMPARE_VERSION, "credentials": {
        c.id: {"title": c.title, "page": urls.credential(c), "official": safe_url(c.data["url"], ("https",)) or "",
               "provider": c.provider.name, "facts": [list(f) for f in learner_facts(catalogue, c)]}
        for c in creds}}


def compare_page() -> Page:
    here = urls.COMPARE
    return render_page("compare.html", url=here, title="Compare", css_class="mc-compare-page",
                       description="Two to four microcredentials side by side: hours, weeks, cost, delivery, "
                                   "assessment, stacking and VET credit.",
                       finder=urls.relative(here, urls.FINDER), grouped=grouped_links(here))


def _provider_file(catalogue: Catalogue, creds: list[Credential]) -> str:
    return json_text(compare_data(catalogue, creds)) + "\n"


def compare_files(catalogue: Catalogue, reuse: Reuse = FRESH) -> dict[str, object]:
    """The page and each provider's facts. Under `mkdocs serve`, a provider's file is kept while
    its listings and what their facts name (what they stack into, their VET credit) are unchanged."""
    files: dict[str, object] = {}
    for provider in catalogue.providers.values():
        if provider.credentials:
            creds = sorted(provider.credentials, key=lambda c: c.id)
            files[urls.compare_data(provider.id)] = reuse.get("compare", key(*(export_key(catalogue, c) for c in creds)),
                                                              lambda: _provider_file(catalogue, creds))
    page = compare_page()
    files[page.src_path] = page
    return files
