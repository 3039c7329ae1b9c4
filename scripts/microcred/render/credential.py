"""One page per credential: everything a learner needs to decide, with links onwards."""
from __future__ import annotations

from ..model import Catalogue, Credential
from . import facts
from .jsonld import credential_jsonld
from .listing import provider_cell
from .text import esc, json_for_script, link, markdown_subset, page, rel


def _row(name: str, value_html: str) -> str:
    return f"<tr><th scope=\"row\">{esc(name)}</th><td>{value_html}</td></tr>" if value_html else ""


def _list(items, render=esc) -> str:
    return "<ul>" + "".join(f"<li>{render(i)}</li>" for i in items) + "</ul>" if items else ""


def glance(cred: Credential) -> str:
    """Hours, calendar duration and cost side by side: the three things learners compare."""
    total = facts.expected_total(cred)
    cost_note = f'<span class="mc-fact__note">{esc(total)}</span>' if total else ""
    return (
        '<dl class="mc-glance" data-pagefind-ignore>'
        f'<div><dt>Study time</dt><dd>{esc(facts.hours(cred))}'
        f'<span class="mc-fact__note">notional hours, all activities</span></dd></div>'
        f'<div><dt>Calendar time</dt><dd>{esc(facts.weeks(cred))}'
        f'<span class="mc-fact__note">{esc(facts.label(cred.data["pace"]))}</span></dd></div>'
        f'<div><dt>Cost</dt><dd>{esc(facts.price(cred))}{cost_note}</dd></div>'
        "</dl>"
    )


def freshness(catalogue: Catalogue, cred: Credential) -> str:
    reviewed = cred.data["last_reviewed"]
    after = facts.stale_after(cred).isoformat()
    if catalogue.is_stale(cred):
        return (f'<p class="mc-fresh mc-fresh--stale" role="note" data-pagefind-ignore><strong>May be out of date:</strong> last reviewed on '
                f'<time datetime="{esc(reviewed)}">{esc(reviewed)}</time>, more than 12 months ago. '
                f'Check the official page before you enrol.</p>')
    return (f'<p class="mc-fresh" data-pagefind-ignore>Reviewed on <time datetime="{esc(reviewed)}">{esc(reviewed)}</time>; '
            f'shown as stale after {esc(after)} unless reviewed again.</p>')


def _stacks(catalogue: Catalogue, cred: Credential, here: str) -> str:
    rows = []
    for entry in cred.data.get("stacks_into", []):
        url = facts.target_url(catalogue, entry["target"])
        title = facts.target_title(catalogue, entry["target"])
        name = f'<a href="{esc(rel(here, url))}">{esc(title)}</a>' if url else esc(title)
        note = f" <span class=\"mc-note\">{esc(entry['note'])}</span>" if entry.get("note") else ""
        given = facts.credit(entry.get("credit")) or "credit not stated"
        rows.append(f"<li>{name}: {esc(given)}{note}</li>")
    if not rows:
        return ""
    return f'<h2 id="stacks-into">Stacks into</h2><ul>{"".join(rows)}</ul>'


def _vet(catalogue: Catalogue, cred: Credential, here: str) -> str:
    items = []
    for entry in cred.data.get("vet_credit", []):
        parts = []
        code = entry.get("qualification")
        if code:
            qual = catalogue.qualification_by_code(code)
            tga = link(facts.tga_url(code), code)
            named = (f' <a href="{esc(rel(here, facts.qualification_url(qual.id)))}">{esc(qual.title)}</a>'
                     if qual else "")
            parts.append(f"Qualification {tga}{named}")
        if entry.get("units"):
            units = ", ".join(link(facts.tga_url(u), u) for u in entry["units"])
            parts.append(f"units {units}")
        text = "; ".join(parts) + f" — {esc(facts.label(entry['credit_type']))}"
        if entry.get("granted_by"):
            text += f", granted by {esc(entry['granted_by'])}"
        if entry.get("evidence_url"):
            text += f" ({link(entry['evidence_url'], 'evidence')})"
        items.append(f"<li>{text}</li>")
    if not items:
        return ""
    return (f'<h2 id="vet-credit">VET credit</h2><p>Credit towards nationally recognised training; codes link to '
            f'the national training register.</p><ul>{"".join(items)}</ul>')


def _details(cred: Credential, here: str) -> str:
    d = cred.data
    qa = d["quality_assurance"]
    qa_text = facts.label(qa["type"]) + (f" ({qa['body']})" if qa.get("body") else "")
    provider = provider_cell(cred, here)
    cost = d["cost"]
    funding = "; ".join(cost.get("funding", []))
    identity = {True: "Yes", False: "No"}.get(d.get("identity_verified"), "")
    rows = [
        _row("Provider", provider),
        _row("Type", esc(facts.label(d["type"]))),
        _row("Status", esc(facts.label(d["status"]))),
        _row("Study time", esc(f"{facts.hours(cred)} ({facts.band_label(cred.duration_band)})")),
        _row("Calendar time", esc(facts.weeks(cred))),
        _row("Pace", esc(facts.label(d["pace"]))),
        _row("Delivery", esc(facts.label(d["delivery"]))),
        _row("Locations", _list([facts.location(loc) for loc in d.get("locations", [])])),
        _row("Price", esc(facts.price(cred))),
        _row("Expected total", esc(facts.expected_total(cred))),
        _row("Cost note", esc(cost.get("note", ""))),
        _row("Funding", esc(funding)),
        _row("Languages", esc(", ".join(facts.languages(cred)))),
        _row("Level", esc(facts.level(cred))),
        _row("Difficulty", esc(facts.label(d["difficulty"])) if d.get("difficulty") else ""),
        _row("Field of education", esc(facts.field_of_education(d["field_of_education"]))),
        _row("ECTS credits", esc(d["ects"]) if d.get("ects") else ""),
        _row("Assessment", esc(", ".join(facts.label(a) for a in d["assessment"]))),
        _row("Identity checked", esc(identity)),
        _row("Quality assurance", esc(qa_text)),
        _row("Issued as", esc(facts.label(d["issued_as"])) if d.get("issued_as") else ""),
    ]
    return ('<h2 id="details" data-pagefind-ignore>Details</h2><table class="mc-facts" data-pagefind-ignore><caption class="mc-visually-hidden">Details</caption>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def credential_page(catalogue: Catalogue, cred: Credential) -> str:
    """The page; site search indexes what a learner would type (title, provider, summary,
    description, outcomes, skills, pathways, VET codes) and ignores the facts the finder filters on
    (data-pagefind-ignore): each indexed word costs the search index memory and size."""
    here = facts.credential_url(cred)
    d = cred.data
    official = link(d["url"], "Official page")
    sources = _list(d.get("sources", []), lambda u: link(u, u))
    body = [
        # The kicker is also the search result's second line (Pagefind metadata).
        f'<p class="mc-kicker" data-pagefind-meta="kicker">{esc(facts.label(d["type"]))} · '
        f'{provider_cell(cred, here)}</p>',
        f"<h1>{esc(cred.title)}</h1>",
        f'<p class="mc-lead">{esc(d["summary"])}</p>',
        glance(cred),
        freshness(catalogue, cred),
        f'<p class="mc-official" data-pagefind-ignore>{official}</p>',
    ]
    if d.get("description"):
        body.append(f'<h2 id="about">About</h2><div class="mc-description">{markdown_subset(d["description"])}</div>')
    body.append(f'<h2 id="outcomes">Learning outcomes</h2>{_list(d["learning_outcomes"])}')
    if d.get("prerequisites"):
        body.append(f'<h2 id="prerequisites">Prerequisites</h2>{_list(d["prerequisites"])}')
    if d.get("skills"):
        body.append(f'<h2 id="skills">Skills</h2><p>{esc(", ".join(d["skills"]))}</p>')
    body.append(_stacks(catalogue, cred, here))
    body.append(_vet(catalogue, cred, here))
    body.append(_details(cred, here))
    if sources:
        body.append(f'<div data-pagefind-ignore><h2 id="sources">Sources</h2>{sources}</div>')
    body.append('<script type="application/ld+json">' + json_for_script(credential_jsonld(catalogue, cred))
                + "</script>")
    return page(cred.title, "\n".join(b for b in body if b), description=d["summary"], css_class="mc-credential",
                searchable=True)


def credential_pages(catalogue: Catalogue) -> dict[str, str]:
    return {f"{facts.credential_url(c)}index.md": credential_page(catalogue, c)
            for c in catalogue.credentials.values()}
