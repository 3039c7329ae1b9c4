"""A page per provider and per qualification, and an index of each."""
from __future__ import annotations

from .. import urls
from ..codes import country_name
from ..model import Catalogue, Provider, Qualification
from . import facts
from .listing import Table, by_title, credential_table, credit_column, pairs_by_title, tga_link, vet_columns
from ..export.jsonld import item_list
from ..reuse import FRESH, Reuse
from ..shown import provider_page_key, qualification_page_key
from .page import Page
from .templating import render_page
from .text import record_link, site_link

CRED_COLUMNS = ["title", "hours", "weeks", "price", "delivery"]


def provider_page(provider: Provider) -> Page:
    here = urls.provider(provider.id)
    d = provider.data
    rows = [("Type", facts.label(d["type"])), ("Country", country_name(d["country"])),
            ("Website", record_link(d["website"]))]
    if d.get("rto_code"):
        rows.append(("RTO code", record_link(f"https://training.gov.au/Organisation/Details/{d['rto_code']}",
                                             d["rto_code"])))
    if d.get("contact_email"):
        rows.append(("Contact", record_link(f"mailto:{d['contact_email']}", d["contact_email"])))
    creds = by_title(provider.credentials)
    table = credential_table(creds, here, CRED_COLUMNS, f"Credentials from {provider.name}") if creds else None
    return render_page("provider.html", url=here, title=provider.name, description=d.get("description", ""),
                       searchable=True, provider=provider, d=d, rows=rows, count=len(creds), table=table)


def providers_index(catalogue: Catalogue) -> Page:
    here = urls.PROVIDERS
    providers = sorted(catalogue.providers.values(), key=lambda p: (p.name.casefold(), p.id))
    table = Table("Providers", ["Provider", "Type", "Country", "Credentials"],
                  [[site_link(urls.relative(here, urls.provider(p.id)), p.name), facts.label(p.data["type"]),
                    country_name(p.data["country"]), str(len(p.credentials))] for p in providers])
    return render_page("providers.html", url=here, title="Providers",
                       description="Every provider that lists credentials in the catalogue.",
                       count=len(providers), table=table,
                       jsonld=item_list("Providers", here, [urls.provider(p.id) for p in providers]))


def qualification_page(catalogue: Catalogue, qual: Qualification) -> Page:
    here = urls.qualification(qual.id)
    d = qual.data
    rows = [("Type", facts.label(d["type"])), ("Awarding body", d["awarding_body"])]
    if d.get("code"):
        rows.append(("National code", tga_link(d["code"])))
    if d.get("framework"):
        rows.append(("Level", f"{d['framework']} level {d['level']}"))
    if d.get("credit_required"):
        rows.append(("Credit required", facts.credit(d["credit_required"])))
    rows.append(("Official page", record_link(d["url"])))
    stackers = pairs_by_title(qual.stacked_by)
    stacking = credential_table(
        [c for c, _ in stackers], here, ["title", "provider", "hours", "price"],
        f"Credentials that stack into {qual.title}",
        extra=[credit_column({c.global_id: e for c, e in stackers})]) if stackers else None
    vet = pairs_by_title(qual.vet_credited_by)
    vet_table = credential_table(
        [c for c, _ in vet], here, ["title", "provider", "hours"], f"Credit towards {qual.title}",
        extra=vet_columns({c.global_id: e for c, e in vet})) if vet else None
    return render_page("qualification.html", url=here, title=qual.title,
                       description=f"{qual.title}: credentials that count towards it.", searchable=True,
                       qual=qual, rows=rows, stacking=stacking, vet=vet_table)


def qualifications_index(catalogue: Catalogue) -> Page:
    here = urls.QUALIFICATIONS
    quals = sorted(catalogue.qualifications.values(), key=lambda q: (q.title.casefold(), q.id))
    table = Table("Qualifications", ["Qualification", "Code", "Type", "Credentials"],
                  [[site_link(urls.relative(here, urls.qualification(q.id)), q.title), tga_link(q.code) if q.code else "",
                    facts.label(q.data["type"]), str(len({c.global_id for c, _ in q.stacked_by + q.vet_credited_by}))]
                   for q in quals])
    return render_page("qualifications.html", url=here, title="Qualifications",
                       description="Qualifications that credentials count towards.", table=table,
                       jsonld=item_list("Qualifications", here, [urls.qualification(q.id) for q in quals]))


def entity_pages(catalogue: Catalogue, reuse: Reuse = FRESH) -> dict[str, Page]:
    """Under `mkdocs serve`, a provider's or a qualification's page is kept while it and the
    listings it shows are unchanged (microcred.shown)."""
    pages = [providers_index(catalogue), qualifications_index(catalogue)]
    pages += [reuse.get("provider-page", provider_page_key(catalogue, p), lambda: provider_page(p))
              for p in catalogue.providers.values()]
    pages += [reuse.get("qualification-page", qualification_page_key(catalogue, q), lambda: qualification_page(catalogue, q))
              for q in catalogue.qualifications.values()]
    return {p.src_path: p for p in pages}
