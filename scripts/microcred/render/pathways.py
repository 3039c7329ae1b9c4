"""A pathway drawn at build time: what stacks into an award, what stacks into those, and what the
award itself counts towards, as nested lists of links that CSS lays out as a flow (no script, no
SVG, nothing fetched). The lists are the text equivalent: a screen reader reads each step as
"X gives 30 credit points towards Y".

Each diagram shows one step either side of its award, plus the step before each of its inputs,
so a chain course -> MicroMasters -> degree is drawn whole on both the MicroMasters' and the
degree's pathway. The second step is capped at FEEDERS_SHOWN entries (with a link to that
input's own pathway for the rest), so the page stays linear in the number of stacking entries.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import urls
from ..model import Catalogue, Credential
from . import facts
from .text import Link, site_link

FEEDERS_SHOWN = 6


@dataclass(frozen=True)
class Step:
    node: Link                 # the credential or award, linked to its page
    credit: str                # what it gives towards the next node ("" when not stated)
    towards: str               # the next node's title (for the screen-reader sentence)
    feeders: list["Step"] = field(default_factory=list)
    more: int = 0              # feeders not shown
    more_link: str = ""        # where they all are: the input's own pathway


@dataclass(frozen=True)
class Diagram:
    target: Link
    inputs: list[Step]
    onward: list[Step]         # what the award itself stacks into


def _node(cred_or_award, here: str) -> Link:
    return site_link(urls.relative(here, urls.of(cred_or_award)), cred_or_award.title)


def _credit(entry: dict) -> str:
    return facts.credit(entry.get("credit")) or ""


def pathway_diagram(catalogue: Catalogue, target, stackers: list, here: str, anchor_of) -> Diagram:
    """`stackers`: the (credential, stacks_into entry) pairs into `target`, in display order."""
    from .listing import pairs_by_title

    inputs = []
    for cred, entry in stackers:
        feeders = pairs_by_title(cred.stacked_by)
        shown = [Step(_node(f, here), _credit(e), cred.title) for f, e in feeders[:FEEDERS_SHOWN]]
        inputs.append(Step(_node(cred, here), _credit(entry), target.title, shown,
                           more=len(feeders) - len(shown), more_link=f"#{anchor_of(cred)}" if feeders else ""))
    onward = []
    if isinstance(target, Credential):
        for entry in target.data.get("stacks_into", []):
            award = catalogue.target(entry["target"])
            if award is not None:
                onward.append(Step(_node(award, here), _credit(entry), award.title))
    return Diagram(_node(target, here), inputs, onward)
