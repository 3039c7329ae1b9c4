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

import heapq
from dataclasses import dataclass, field
from typing import Callable

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


Feeders = Callable[[Credential], tuple[list, int]]


def first_feeders() -> Feeders:
    """`feeders(cred)`: the first FEEDERS_SHOWN (credential, entry) pairs stacking into `cred`, by
    title, and how many there are in all, worked out once per credential: a credential that
    stacks into many awards is an input on each of their pathways, and sorting its feeders again
    for each would make the page quadratic."""
    from .listing import title_key

    memo: dict[str, tuple[list, int]] = {}

    def feeders(cred: Credential) -> tuple[list, int]:
        if cred.global_id not in memo:
            first = heapq.nsmallest(FEEDERS_SHOWN, cred.stacked_by, key=lambda pair: title_key(pair[0]))
            memo[cred.global_id] = (first, len(cred.stacked_by))
        return memo[cred.global_id]

    return feeders


def pathway_diagram(catalogue: Catalogue, target, stackers: list, here: str, anchor_of,
                    feeders_of: Feeders) -> Diagram:
    """`stackers`: the (credential, stacks_into entry) pairs into `target`, in display order."""
    inputs = []
    for cred, entry in stackers:
        first, count = feeders_of(cred)
        shown = [Step(_node(f, here), _credit(e), cred.title) for f, e in first]
        inputs.append(Step(_node(cred, here), _credit(entry), target.title, shown,
                           more=count - len(shown), more_link=f"#{anchor_of(cred)}" if count else ""))
    onward = []
    if isinstance(target, Credential):
        for entry in target.data.get("stacks_into", []):
            award = catalogue.target(entry["target"])
            if award is not None:
                onward.append(Step(_node(award, here), _credit(entry), award.title))
    return Diagram(_node(target, here), inputs, onward)
