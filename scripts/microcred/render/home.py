"""The home page: a search field, what the catalogue holds, the ways into it and the listings
reviewed most recently. Generated, because its counts and listings follow the records."""
from __future__ import annotations

from .. import urls
from ..model import Catalogue
from . import facts
from .listing import title_cell
from .page import Page
from .templating import render_page
from .text import site_link

RECENT = 6  # listings shown as recently reviewed

# The ways in: (URL, label, what a learner finds there).
WAYS_IN = (
    (urls.FINDER, "Finder", "Filter every listing by study time, cost, delivery, level and more."),
    (urls.DURATION, "By study time", "From under 10 hours to over 120, with calendar weeks."),
    (urls.COST, "By cost", "Free, free with a paid certificate, and paid, per currency."),
    (urls.STACKABILITY, "Stacking pathways", "Small credentials that add up to a larger award."),
    (urls.VET_CREDIT, "VET credit", "Credit towards Australian VET units and qualifications."),
    (urls.PROVIDERS, "Providers", "Universities, TAFEs, training organisations and platforms."),
    (urls.QUALIFICATIONS, "Qualifications", "The awards credentials count towards."),
)


def home_page(catalogue: Catalogue) -> Page:
    here = urls.HOME
    creds = list(catalogue.credentials.values())
    # Newest review first; ties by title, then global id, so the list is the same on every build.
    recent = sorted(creds, key=lambda c: (-c.reviewed().toordinal(), c.title.casefold(), c.global_id))[:RECENT]
    counts = [
        (len(creds), "credential", "credentials"),
        (len(catalogue.providers), "provider", "providers"),
        (sum(c.stackable for c in creds), "stacks into a larger award", "stack into a larger award"),
        (sum(c.has_vet_credit for c in creds), "gives VET credit", "give VET credit"),
        (len(catalogue.qualifications), "qualification", "qualifications"),
    ]
    return render_page(
        "home.html", url=here, title="Find a short course that counts",
        description="Compare microcredentials and short courses by study hours, calendar time, cost, "
                    "stacking pathways and VET credit.",
        css_class="mc-home", counts=counts, search=urls.SEARCH,
        ways=[(site_link(urls.relative(here, u), label), note) for u, label, note in WAYS_IN],
        recent=[{"title": title_cell(c, here), "provider": c.provider.name, "reviewed": c.data["last_reviewed"],
                 "facts": f"{facts.hours(c)} · {facts.weeks(c)} · {facts.price(c)}"} for c in recent])
