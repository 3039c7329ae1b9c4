"""Overview pages: by duration, by cost, stacking pathways and VET credit."""
from __future__ import annotations

from ..model import DURATION_BANDS, PRICE_BANDS, Catalogue, Credential, Qualification
from . import facts
from .listing import by_title, credential_table, credit_column, pairs_by_title, title_cell, title_key, vet_columns
from .text import esc, link, mermaid_label, page, plural, rel


def _section(anchor: str, heading: str, creds: list[Credential], here: str, columns: list[str], caption: str) -> str:
    count = f' <span class="mc-count">({len(creds)})</span>'
    if not creds:
        return f'<h2 id="{anchor}">{esc(heading)}{count}</h2><p>None yet.</p>'
    return f'<h2 id="{anchor}">{esc(heading)}{count}</h2>' + credential_table(by_title(creds), here, columns, caption)


def duration_page(catalogue: Catalogue) -> str:
    here = "duration/"
    creds = list(catalogue.credentials.values())
    jump = " · ".join(f'<a href="#{k}">{esc(lbl)}</a>' for k, lbl, _ in DURATION_BANDS)
    body = ["<h1>By study time</h1>",
            "<p>Credentials grouped by notional learning hours: all the time a typical learner spends, "
            "including reading, practice and assessment. Calendar time, beside it, is how many weeks that "
            f"is spread over.</p><p>{jump}</p>"]
    for key, lbl, _ in DURATION_BANDS:
        band = sorted((c for c in creds if c.duration_band == key), key=lambda c: (c.hours, *title_key(c)))
        body.append(f'<h2 id="{key}">{esc(lbl)} <span class="mc-count">({len(band)})</span></h2>')
        body.append(credential_table(band, here, ["title", "hours", "weeks", "pace", "provider"], lbl)
                    if band else "<p>None yet.</p>")
    return page("By study time", "\n".join(body), description="Microcredentials grouped by study hours, with calendar weeks.")


def _expected(c: Credential, here: str) -> str:
    return esc(facts.expected_total(c) or "as stated")


def cost_page(catalogue: Catalogue) -> str:
    here = "cost/"
    creds = list(catalogue.credentials.values())
    body = ["<h1>By cost</h1>",
            "<p>What a learner pays, in the provider's own currency (no exchange rates). “Free to study” can "
            "still charge for the certificate; subscriptions show their monthly price and what the calendar "
            "time adds up to.</p>",
            '<p><a href="#free">Free to study</a> · <a href="#free-paid-certificate">Free, paid certificate</a> · '
            '<a href="#paid">Paid</a></p>']
    body.append(_section("free", "Free to study", [c for c in creds if c.cost_kind == "free"], here,
                         ["title", "provider", "hours"], "Free to study"))
    body.append(_section("free-paid-certificate", "Free to study, paid certificate",
                         [c for c in creds if c.cost_kind == "free-paid-certificate"], here,
                         ["title", "provider", "price", "hours"], "Free to study, with a paid certificate"))
    paid = [c for c in creds if c.cost_kind == "paid"]
    body.append(f'<h2 id="paid">Paid <span class="mc-count">({len(paid)})</span></h2>')
    for currency in sorted({c.data["cost"]["currency"] for c in paid}):
        in_currency = [c for c in paid if c.data["cost"]["currency"] == currency]
        body.append(f'<h3 id="paid-{esc(currency.lower())}">{esc(currency)}</h3>')
        for key, lbl, _ in PRICE_BANDS:
            band = sorted((c for c in in_currency if c.price_band == key),
                          key=lambda c: (c.expected_total[1], *title_key(c)))
            if not band:
                continue
            caption = f"{lbl} {currency} in all"
            body.append(f'<h4 id="paid-{esc(currency.lower())}-{key}">{esc(caption)} <span class="mc-count">({len(band)})</span></h4>')
            body.append(credential_table(band, here, ["title", "provider", "price"], caption,
                                         extra=[("Expected total", _expected)]))
    return page("By cost", "\n".join(body), description="Free, free with a paid certificate, and paid microcredentials by price.")


def _mermaid(target, stackers) -> str:
    """The pathway as a Mermaid flowchart; every label quoted and entity-escaped."""
    lines = ["flowchart LR", f"  T[{mermaid_label(target.title)}]"]
    for i, (cred, entry) in enumerate(stackers):
        credit = facts.credit(entry.get("credit"))
        edge = f"--&gt;|{mermaid_label(credit)}|" if credit else "--&gt;"
        lines.append(f"  C{i}[{mermaid_label(cred.title)}] {edge} T")
    # tabindex: a long diagram source scrolls, and scrollable regions must be keyboard-reachable.
    return '<pre class="mermaid"><code tabindex="0">' + "\n".join(lines) + "</code></pre>"


def _pathway(target, here: str, anchor: str) -> str:
    is_qual = isinstance(target, Qualification)
    url = facts.qualification_url(target.id) if is_qual else facts.credential_url(target)
    stackers = pairs_by_title(target.stacked_by)
    required = target.data.get("credit_required") if is_qual else None
    kind = facts.label(target.data["type"])
    out = [f'<section class="mc-pathway" aria-labelledby="{anchor}">'
           f'<h2 id="{anchor}"><a href="{esc(rel(here, url))}">{esc(target.title)}</a></h2>',
           f'<p>{esc(kind)}{" · " + link(facts.tga_url(target.code), target.code) if is_qual and target.code else ""}'
           f' · {esc(plural(len(stackers), "credential stacks", "credentials stack"))} into it.']
    if required:
        same_unit = [e["credit"]["value"] for _, e in stackers if e.get("credit", {}).get("unit") == required["unit"]]
        out[-1] += f" The award needs {esc(facts.credit(required))}"
        if same_unit:
            out[-1] += f"; these give up to {esc(facts.credit({'value': sum(same_unit), 'unit': required['unit']}))} in all"
        out[-1] += "."
    out[-1] += "</p>"
    entries = {id(c): e for c, e in stackers}
    out.append(credential_table([c for c, _ in stackers], here, ["title", "provider", "hours"],
                                f"Credentials that stack into {target.title}",
                                extra=[credit_column(entries)]))
    out.append(_mermaid(target, stackers))
    out.append("</section>")
    return "".join(out)


def stackability_page(catalogue: Catalogue) -> str:
    here = "stackability/"
    pathways = catalogue.pathways()
    body = ["<h1>Stacking pathways</h1>",
            "<p>Credentials that count towards a larger award: a qualification, or a bigger credential. Each "
            "pathway lists what stacks into it, the credit each gives and how much credit the award needs.</p>"]
    if not pathways:
        body.append("<p>No pathways yet.</p>")
    for target in pathways:
        prefix = "q" if isinstance(target, Qualification) else "c"
        anchor = f"{prefix}-{target.id if prefix == 'q' else target.global_id.replace('/', '--')}"
        body.append(_pathway(target, here, anchor))
    return page("Stacking pathways", "\n".join(body), description="Which microcredentials stack into which awards, with their credit.")


def vet_credit_page(catalogue: Catalogue) -> str:
    here = "vet-credit/"
    # The model groups vet_credit entries by qualification; the vet-qualification-exists rule
    # guarantees every code has its qualification record.
    quals = sorted((q for q in catalogue.qualifications.values() if q.vet_credited_by), key=lambda q: q.code)
    body = ["<h1>VET credit</h1>",
            "<p>Credentials that give credit towards Australian vocational education and training (VET): "
            "qualifications and skill sets, and units of competency. Codes link to the national training "
            "register, training.gov.au.</p>",
            f'<h2 id="qualifications">By qualification <span class="mc-count">({len(quals)})</span></h2>']
    if not quals:
        body.append("<p>None yet.</p>")
    for qual in quals:
        code = qual.code
        name = f' <a href="{esc(rel(here, facts.qualification_url(qual.id)))}">{esc(qual.title)}</a>'
        entries = pairs_by_title(qual.vet_credited_by)
        body.append(f'<h3 id="q-{esc(code.lower())}">{link(facts.tga_url(code), code)}{name}</h3>')
        body.append(credential_table([c for c, _ in entries], here, ["title", "provider"], f"Credit towards {code}",
                                     extra=vet_columns({id(c): e for c, e in entries})))
    units = catalogue.vet_units()
    body.append(f'<h2 id="units">By unit of competency <span class="mc-count">({len(units)})</span></h2>')
    if not units:
        body.append("<p>None yet.</p>")
    else:
        rows = []
        for unit, entries in units.items():
            creds = by_title({c.global_id: c for c, _ in entries}.values())
            links = "<br>".join(title_cell(c, here) for c in creds)
            rows.append(f'<tr><th scope="row">{link(facts.tga_url(unit), unit)}</th><td>{links}</td></tr>')
        body.append('<div class="mc-table-wrap"><table class="mc-table"><caption>Units of competency</caption><thead>'
                    '<tr><th scope="col">Unit</th><th scope="col">Credentials that give credit</th></tr></thead>'
                    f'<tbody>{"".join(rows)}</tbody></table></div>')
    return page("VET credit", "\n".join(body), description="Microcredentials that give credit towards VET units and qualifications.")


def overview_pages(catalogue: Catalogue) -> dict[str, str]:
    return {"duration/index.md": duration_page(catalogue), "cost/index.md": cost_page(catalogue),
            "stackability/index.md": stackability_page(catalogue), "vet-credit/index.md": vet_credit_page(catalogue)}
