"""One page per credential: everything a learner needs to decide, with links onwards."""
from __future__ import annotations

from typing import Callable

from .. import urls
from ..model import Catalogue, Credential
from . import facts
from ..export.jsonld import credential_jsonld
from .listing import near, provider_cell, tga_link, title_cell
from ..reuse import FRESH, Reuse
from ..shown import credential_page_key
from .page import Page
from .templating import Links, render_page
from .text import record_link, site_link


def _stacks(catalogue: Catalogue, cred: Credential, here: str) -> list[dict]:
    rows = []
    for entry in cred.data.get("stacks_into", []):
        url = urls.target(catalogue, entry["target"])
        title = facts.target_title(catalogue, entry["target"])
        rows.append({"target": site_link(near(here, url), title) if url else title,
                     "credit": facts.stack_credit(entry),
                     "note": entry.get("note", "")})
    return rows


def _skills(cred: Credential, here: str) -> list:
    """Each skill as a link to the finder searching for it."""
    return [site_link(urls.relative(here, urls.finder_search(s)), s) for s in cred.data.get("skills", [])]


def _similar(others: list[Credential], here: str) -> list[dict]:
    return [{"title": title_cell(other, here), "provider": other.provider.name,
             "facts": f"{facts.hours(other)} · {facts.weeks(other)} · {facts.price(other)}"}
            for other in others]


def _vet(catalogue: Catalogue, cred: Credential, here: str) -> list[dict]:
    items = []
    for entry in cred.data.get("vet_credit", []):
        code = entry.get("qualification")
        qual = catalogue.qualification_by_code(code) if code else None
        items.append({
            "code": tga_link(code) if code else None,
            "qualification": site_link(urls.relative(here, urls.qualification(qual.id)), qual.title) if qual else None,
            "units": Links([tga_link(u) for u in entry.get("units", [])]),
            "credit_type": facts.label(entry["credit_type"]),
            "granted_by": entry.get("granted_by", ""),
            "evidence": record_link(entry["evidence_url"], "evidence") if entry.get("evidence_url") else None,
        })
    return items


def _details(cred: Credential) -> list[tuple[str, object]]:
    """The facts the page states nowhere else: the kicker names the type and the provider, and the
    cards (partials/glance.html) the study time, calendar time, pace, price and expected total."""
    d = cred.data
    cost = d["cost"]
    identity = {True: "Yes", False: "No"}.get(d.get("identity_verified"), "")
    return [
        ("Status", facts.label(d["status"])),
        ("Study time band", facts.band_label(cred.duration_band)),
        ("Delivery", facts.label(d["delivery"])),
        ("Locations", [facts.location(loc) for loc in d.get("locations", [])]),
        ("Cost note", cost.get("note", "")),
        ("Funding", facts.funding(cred)),
        ("Languages", ", ".join(facts.languages(cred))),
        ("Level", facts.level(cred)),
        ("Difficulty", facts.optional_label(cred, "difficulty")),
        ("Field of education", facts.field_of_education(d["field_of_education"])),
        ("ECTS credits", str(d["ects"]) if d.get("ects") else ""),
        ("Assessment", facts.assessment(cred)),
        ("Identity checked", identity),
        ("Quality assurance", facts.quality_assurance(cred)),
        ("Issued as", facts.optional_label(cred, "issued_as")),
    ]


def credential_page(catalogue: Catalogue, cred: Credential, similar: list[Credential] | None = None) -> Page:
    """The page; site search indexes what a learner would type (title, provider, summary,
    description, outcomes, skills, pathways, VET codes) and ignores the facts the finder filters on
    (data-pagefind-ignore): each indexed word costs the search index memory and size.
    `similar`: catalogue.similar(cred), where the caller has found it already."""
    here = urls.credential(cred)
    d = cred.data
    sessions = [s for s in cred.sessions if s["start"] >= catalogue.build_date]  # upcoming intakes
    return render_page(
        "credential.html", url=here, title=cred.title, description=d["summary"], css_class="mc-credential",
        searchable=True, cred=cred, d=d, stale=catalogue.is_stale(cred),
        provider=provider_cell(cred, here), official=record_link(d["url"], "Go to the official page"),
        stacks=_stacks(catalogue, cred, here), vet=_vet(catalogue, cred, here), details=_details(cred),
        skills=_skills(cred, here), similar=_similar(catalogue.similar(cred) if similar is None else similar, here),
        sessions=sessions, past_sessions=len(cred.sessions) - len(sessions),
        sources=[record_link(u) for u in d.get("sources", [])], jsonld=credential_jsonld(catalogue, cred))


def credential_pages(catalogue: Catalogue, reuse: Reuse = FRESH, keep: Callable[[Page], object] | None = None,
                     ) -> dict[str, object]:
    """Every credential's page (or what `keep` makes of it, as soon as it is made). Under
    `mkdocs serve` a page is kept while what it shows is unchanged (microcred.shown); its
    similar listings are found again only when a list they are drawn from changed."""
    pages = {}
    for cred in catalogue.credentials.values():
        similar = reuse.get("similar", catalogue.similar_inputs(cred),
                            lambda: [c.global_id for c in catalogue.similar(cred)])
        others = [catalogue.credentials[g] for g in similar]
        page = reuse.get("credential-page", credential_page_key(catalogue, cred, others),
                         lambda: credential_page(catalogue, cred, others))
        pages[page.src_path] = keep(page) if keep is not None else page
    return pages
