"""A page per provider and per qualification, and an index of each."""
from __future__ import annotations

from ..codes import country_name
from ..model import Catalogue, Provider, Qualification
from . import facts
from .listing import by_title, credential_table, credit_column, pairs_by_title, vet_columns
from .text import esc, link, page, plural, rel

CRED_COLUMNS = ["title", "hours", "weeks", "price", "delivery"]


def _unsearched(html: str) -> str:
    """Left out of the search index: a provider's or qualification's page is found by its own
    name, not by the titles of every credential it lists (those have their own pages)."""
    return f"<div data-pagefind-ignore>{html}</div>"


def provider_page(provider: Provider) -> str:
    here = facts.provider_url(provider.id)
    d = provider.data
    rows = [("Type", esc(facts.label(d["type"]))), ("Country", esc(country_name(d["country"]))),
            ("Website", link(d["website"], d["website"]))]
    if d.get("rto_code"):
        rows.append(("RTO code", link(f"https://training.gov.au/Organisation/Details/{d['rto_code']}", d["rto_code"])))
    if d.get("contact_email"):
        rows.append(("Contact", link(f"mailto:{d['contact_email']}", d["contact_email"])))
    facts_html = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{v}</td></tr>' for k, v in rows)
    creds = by_title(provider.credentials)
    body = [
        '<p class="mc-kicker" data-pagefind-meta="kicker:Provider"><a href="../">Providers</a></p>',
        f"<h1>{esc(provider.name)}</h1>",
        f'<p class="mc-lead">{esc(d["description"])}</p>' if d.get("description") else "",
        f'<table class="mc-facts"><caption class="mc-visually-hidden" data-pagefind-ignore>About the provider</caption><tbody>{facts_html}</tbody></table>',
        f'<h2 id="credentials">Credentials ({len(creds)})</h2>',
        _unsearched(credential_table(creds, here, CRED_COLUMNS, f"Credentials from {provider.name}")) if creds
        else "<p>No credentials listed yet.</p>",
    ]
    return page(provider.name, "\n".join(b for b in body if b), description=d.get("description"), searchable=True)


def providers_index(catalogue: Catalogue) -> str:
    here = "providers/"
    rows = []
    for p in sorted(catalogue.providers.values(), key=lambda p: (p.name.casefold(), p.id)):
        rows.append(f'<tr><td><a href="{esc(rel(here, facts.provider_url(p.id)))}">{esc(p.name)}</a></td>'
                    f'<td>{esc(facts.label(p.data["type"]))}</td><td>{esc(country_name(p.data["country"]))}</td>'
                    f'<td>{len(p.credentials)}</td></tr>')
    body = (f"<h1>Providers</h1><p>{esc(plural(len(catalogue.providers), 'provider'))} list credentials in the "
            'catalogue. See also the <a href="../qualifications/">qualifications</a> that credentials stack into.</p>'
            '<div class="mc-table-wrap"><table class="mc-table"><caption>Providers</caption><thead><tr>'
            '<th scope="col">Provider</th><th scope="col">Type</th><th scope="col">Country</th>'
            f'<th scope="col">Credentials</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    return page("Providers", body, description="Every provider that lists credentials in the catalogue.")


def qualification_page(catalogue: Catalogue, qual: Qualification) -> str:
    here = facts.qualification_url(qual.id)
    d = qual.data
    rows = [("Type", esc(facts.label(d["type"]))), ("Awarding body", esc(d["awarding_body"]))]
    if d.get("code"):
        rows.append(("National code", link(facts.tga_url(d["code"]), d["code"])))
    if d.get("framework"):
        rows.append(("Level", esc(f"{d['framework']} level {d['level']}")))
    if d.get("credit_required"):
        rows.append(("Credit required", esc(facts.credit(d["credit_required"]))))
    rows.append(("Official page", link(d["url"], d["url"])))
    facts_html = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{v}</td></tr>' for k, v in rows)
    body = ['<p class="mc-kicker" data-pagefind-meta="kicker:Qualification"><a href="../">Qualifications</a></p>', f"<h1>{esc(qual.title)}</h1>",
            f'<table class="mc-facts"><caption class="mc-visually-hidden" data-pagefind-ignore>About the qualification</caption><tbody>{facts_html}</tbody></table>']
    stackers = pairs_by_title(qual.stacked_by)
    if stackers:
        credit = {id(c): e for c, e in stackers}
        body.append(f'<h2 id="stacking">Credentials that stack into it ({len(stackers)})</h2>')
        body.append(_unsearched(credential_table(
            [c for c, _ in stackers], here, ["title", "provider", "hours", "price"],
            f"Credentials that stack into {qual.title}", extra=[credit_column(credit)])))
    vet = pairs_by_title(qual.vet_credited_by)
    if vet:
        entries = {id(c): e for c, e in vet}
        body.append(f'<h2 id="vet-credit">Credentials that give VET credit towards it ({len(vet)})</h2>')
        body.append(_unsearched(credential_table(
            [c for c, _ in vet], here, ["title", "provider", "hours"], f"Credit towards {qual.title}",
            extra=vet_columns(entries))))
    if not stackers and not vet:
        body.append("<p>No credential in the catalogue counts towards it yet.</p>")
    return page(qual.title, "\n".join(body), description=f"{qual.title}: credentials that count towards it.",
                searchable=True)


def qualifications_index(catalogue: Catalogue) -> str:
    here = "qualifications/"
    rows = []
    for q in sorted(catalogue.qualifications.values(), key=lambda q: (q.title.casefold(), q.id)):
        code = link(facts.tga_url(q.code), q.code) if q.code else ""
        rows.append(f'<tr><td><a href="{esc(rel(here, facts.qualification_url(q.id)))}">{esc(q.title)}</a></td>'
                    f"<td>{code}</td><td>{esc(facts.label(q.data['type']))}</td>"
                    f"<td>{len({c.global_id for c, _ in q.stacked_by + q.vet_credited_by})}</td></tr>")
    body = ("<h1>Qualifications</h1><p>Larger awards that credentials in the catalogue stack into or give credit "
            'towards. See also the <a href="../stackability/">pathways</a>.</p>'
            '<div class="mc-table-wrap"><table class="mc-table"><caption>Qualifications</caption><thead><tr>'
            '<th scope="col">Qualification</th><th scope="col">Code</th><th scope="col">Type</th>'
            f'<th scope="col">Credentials</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    return page("Qualifications", body, description="Qualifications that credentials count towards.")


def entity_pages(catalogue: Catalogue) -> dict[str, str]:
    files = {"providers/index.md": providers_index(catalogue),
             "qualifications/index.md": qualifications_index(catalogue)}
    for p in catalogue.providers.values():
        files[f"{facts.provider_url(p.id)}index.md"] = provider_page(p)
    for q in catalogue.qualifications.values():
        files[f"{facts.qualification_url(q.id)}index.md"] = qualification_page(catalogue, q)
    return files
