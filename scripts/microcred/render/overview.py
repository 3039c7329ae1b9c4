"""Overview pages: by duration, by cost, stacking pathways and VET credit."""
from __future__ import annotations

from .. import urls
from ..model import DURATION_BANDS, PRICE_BANDS, Catalogue, Credential, Qualification
from . import facts
from .listing import Table, by_title, credential_list_jsonld, credential_table, credit_column, pairs_by_title, title_cell, title_key, \
    tga_link, vet_columns
from .home import home_page
from ..reuse import FRESH, Reuse
from ..shown import finder_row_key
from .page import Page
from .parts import Part, part_pages, preview
from .pathways import Feeders, first_feeders, pathway_diagram
from .templating import Links, render_page
from .text import site_link


def duration_parts(catalogue: Catalogue) -> list[Part]:
    creds = list(catalogue.credentials.values())
    return [Part(urls.DURATION, "By study time", key, label,
                 sorted((c for c in creds if c.duration_band == key), key=lambda c: (c.hours, *title_key(c))),
                 ["title", "hours", "weeks", "pace", "provider"], "By study hours, fewest first.")
            for key, label, _ in DURATION_BANDS]


def duration_page(catalogue: Catalogue, parts: list[Part], reuse: Reuse = FRESH) -> Page:
    here = urls.DURATION
    reusing = {"reuse": reuse, "row_key": lambda c: finder_row_key(catalogue, c)}
    bands = [{"key": part.key, "label": part.heading, **preview(part, here, **reusing)} for part in parts]
    return render_page("duration.html", url=here, title="By study time",
                       description="Microcredentials grouped by study hours, with calendar weeks.", bands=bands,
                       jsonld=credential_list_jsonld("Microcredentials by study time", here,
                                                     [c for band in bands for c in band["shown"]]))


def cost_parts(catalogue: Catalogue) -> tuple[list[Part], dict[str, list[Part]]]:
    """The cost sections (free, free with a paid certificate), and the price bands of each currency."""
    creds = list(catalogue.credentials.values())
    sections = [
        Part(urls.COST, "By cost", "free", "Free to study", by_title(c for c in creds if c.cost_kind == "free"),
             ["title", "provider", "hours"], "By title."),
        Part(urls.COST, "By cost", "free-paid-certificate", "Free to study, paid certificate",
             by_title(c for c in creds if c.cost_kind == "free-paid-certificate"),
             ["title", "provider", "price", "hours"], "By title."),
    ]
    paid = [c for c in creds if c.cost_kind == "paid"]
    currencies: dict[str, list[Part]] = {}
    for currency in sorted({c.data["cost"]["currency"] for c in paid}):
        in_currency = [c for c in paid if c.data["cost"]["currency"] == currency]
        for key, lbl, _ in PRICE_BANDS:
            band = sorted((c for c in in_currency if c.price_band == key), key=lambda c: (c.expected_total[1], *title_key(c)))
            if band:
                currencies.setdefault(currency, []).append(Part(
                    urls.COST, "By cost", f"{currency.lower()}-{key}", f"{lbl} {currency} in all", band,
                    ["title", "provider", "price", "expected"], "By what they cost in all, lowest first."))
    return sections, currencies


def cost_page(catalogue: Catalogue, sections: list[Part], currencies: dict[str, list[Part]],
              reuse: Reuse = FRESH) -> Page:
    here = urls.COST
    reusing = {"reuse": reuse, "row_key": lambda c: finder_row_key(catalogue, c)}
    shown_sections = [{"anchor": part.key, "heading": part.heading, **preview(part, here, **reusing)}
                      for part in sections]
    shown_currencies = [{"code": code, "slug": code.lower(),
                         "bands": [{"key": part.key.removeprefix(f"{code.lower()}-"), "caption": part.heading,
                                    **preview(part, here, **reusing)} for part in parts]}
                        for code, parts in currencies.items()]
    shown = [c for s in shown_sections for c in s["shown"]]
    shown += [c for cur in shown_currencies for b in cur["bands"] for c in b["shown"]]
    paid_count = sum(len(part.creds) for parts in currencies.values() for part in parts)
    return render_page("cost.html", url=here, title="By cost",
                       description="Free, free with a paid certificate, and paid microcredentials by price.",
                       sections=shown_sections, paid_count=paid_count, currencies=shown_currencies,
                       jsonld=credential_list_jsonld("Microcredentials by cost", here, shown))


def pathway_anchor(target) -> str:
    if isinstance(target, Qualification):
        return f"q-{target.id}"
    return f"c-{target.global_id.replace('/', '--')}"


def pathway_part(target) -> Part:
    """The credentials that stack into `target`, by title, with the credit each gives."""
    stackers = pairs_by_title(target.stacked_by)
    return Part(urls.STACKABILITY, "Stacking pathways", urls.of(target).rstrip("/"), f"Stacking into {target.title}",
                [c for c, _ in stackers], ["title", "provider", "hours"], "By title, with the credit each gives.",
                extra=(credit_column({c.global_id: e for c, e in stackers}),))


def _pathway(catalogue: Catalogue, target, part: Part, here: str, feeders_of: Feeders) -> dict:
    is_qual = isinstance(target, Qualification)
    url = urls.of(target)
    stackers = pairs_by_title(target.stacked_by)
    required = target.data.get("credit_required") if is_qual else None
    summary = ""
    if required:
        same_unit = [e["credit"]["value"] for _, e in stackers if e.get("credit", {}).get("unit") == required["unit"]]
        summary = f" The award needs {facts.credit(required)}"
        if same_unit:
            summary += f"; these give up to {facts.credit({'value': sum(same_unit), 'unit': required['unit']})} in all"
        summary += "."
    shown = preview(part, here)  # the first rows, in the table and the diagram; the rest on the part's pages
    return {
        "anchor": pathway_anchor(target), "title": site_link(urls.relative(here, url), target.title),
        "kind": facts.label(target.data["type"]), "code": tga_link(target.code) if is_qual and target.code else None,
        "count": len(stackers), "summary": summary, **shown,
        "diagram": pathway_diagram(catalogue, target, stackers[:len(shown["shown"])], here, pathway_anchor, feeders_of),
    }


def stackability_page(catalogue: Catalogue, parts: list[tuple] | None = None) -> Page:
    """`parts`: (target, its Part from pathway_part) for each pathway, made here when not given."""
    here = urls.STACKABILITY
    feeders_of = first_feeders()
    parts = parts or [(target, pathway_part(target)) for target in catalogue.pathways()]
    pathways = [_pathway(catalogue, target, part, here, feeders_of) for target, part in parts]
    shown = [c for pathway in pathways for c in pathway["shown"]]
    return render_page("stackability.html", url=here, title="Stacking pathways",
                       description="Which microcredentials stack into which awards, with their credit.",
                       pathways=pathways, jsonld=credential_list_jsonld("Stackable microcredentials", here, shown))


def _codes_without_record(catalogue: Catalogue) -> dict[str, list[tuple[Credential, dict]]]:
    """Qualification codes named in `vet_credit` that the catalogue holds no record of (allowed,
    with a warning, by the vet-qualification-exists rule) -> the credentials' entries naming them."""
    codes: dict[str, list[tuple[Credential, dict]]] = {}
    for cred in catalogue.credentials.values():
        for entry in cred.data.get("vet_credit", []):
            code = entry.get("qualification")
            if code and catalogue.qualification_by_code(code) is None:
                codes.setdefault(code, []).append((cred, entry))
    return codes


def vet_credit_page(catalogue: Catalogue) -> Page:
    here = urls.VET_CREDIT
    # The model groups vet_credit entries under the qualification records; a code the catalogue
    # holds no record of is listed too, by its code alone, linked to the national register.
    by_code = {q.code: (q, q.vet_credited_by) for q in catalogue.qualifications.values() if q.vet_credited_by}
    by_code.update((code, (None, entries)) for code, entries in _codes_without_record(catalogue).items())
    quals, shown = [], []
    for code, (qual, credited_by) in sorted(by_code.items()):
        entries = pairs_by_title(credited_by)
        shown += [c for c, _ in entries]
        quals.append({"slug": code.lower(), "code": tga_link(code),
                      "title": site_link(urls.relative(here, urls.qualification(qual.id)), qual.title) if qual else None,
                      "table": credential_table([c for c, _ in entries], here, ["title", "provider"],
                                                f"Credit towards {code}",
                                                extra=vet_columns({c.global_id: e for c, e in entries}))})
    units = catalogue.vet_units()
    unit_rows = []
    for unit, entries in units.items():
        creds = by_title({c.global_id: c for c, _ in entries}.values())
        unit_rows.append([tga_link(unit), Links([title_cell(c, here) for c in creds], lines=True)])
    units_table = Table("Units of competency", ["Unit", "Credentials that give credit"], unit_rows,
                        row_headers=True)
    return render_page("vet_credit.html", url=here, title="VET credit",
                       description="Microcredentials that give credit towards VET units and qualifications.",
                       quals=quals, units=units_table,
                       jsonld=credential_list_jsonld("Microcredentials with VET credit", here, shown))


def overview_pages(catalogue: Catalogue, reuse: Reuse = FRESH) -> dict[str, Page]:
    """The overview pages, and the pages of each part of the overviews by study time, by cost and
    of the stacking pathways.
    Under `mkdocs serve` the rows of their tables are kept from one build to the next
    (listing.credential_table)."""
    reusing = {"reuse": reuse, "row_key": lambda c: finder_row_key(catalogue, c)}
    durations = duration_parts(catalogue)
    sections, currencies = cost_parts(catalogue)
    pathways = [(target, pathway_part(target)) for target in catalogue.pathways()]
    pages = [home_page(catalogue), duration_page(catalogue, durations, reuse),
             cost_page(catalogue, sections, currencies, reuse), stackability_page(catalogue, pathways),
             vet_credit_page(catalogue)]
    for part in [*durations, *sections, *(p for parts in currencies.values() for p in parts),
                 *(part for _, part in pathways)]:
        pages += part_pages(part, **reusing)
    return {p.src_path: p for p in pages}
