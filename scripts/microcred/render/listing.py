"""Tables of credentials, shared by the overview, provider, qualification and finder pages."""
from __future__ import annotations

from typing import Callable, Iterable

from ..model import Credential
from . import facts
from .text import esc, link, rel

Column = tuple[str, Callable[[Credential, str], str]]  # (header, cell HTML from credential and page URL)


def title_cell(cred: Credential, here: str) -> str:
    return f'<a href="{esc(rel(here, facts.credential_url(cred)))}">{esc(cred.title)}</a>'


def provider_cell(cred: Credential, here: str) -> str:
    return f'<a href="{esc(rel(here, facts.provider_url(cred.provider.id)))}">{esc(cred.provider.name)}</a>'


COLUMNS: dict[str, Column] = {
    "title": ("Credential", title_cell),
    "provider": ("Provider", provider_cell),
    "hours": ("Study time", lambda c, h: esc(facts.hours(c))),
    "weeks": ("Calendar time", lambda c, h: esc(facts.weeks(c))),
    "price": ("Price", lambda c, h: esc(facts.price(c))),
    "pace": ("Pace", lambda c, h: esc(facts.label(c.data["pace"]))),
    "delivery": ("Delivery", lambda c, h: esc(facts.label(c.data["delivery"]))),
}

def credential_table(creds: Iterable[Credential], here: str, columns: list[str], caption: str,
                     extra: list[Column] | None = None) -> str:
    cols = [COLUMNS[c] for c in columns] + list(extra or [])
    head = "".join(f'<th scope="col">{esc(name)}</th>' for name, _ in cols)
    rows = []
    for cred in creds:
        cells = "".join(f"<td>{render(cred, here)}</td>" for _, render in cols)
        rows.append(f"<tr>{cells}</tr>")
    return (f'<div class="mc-table-wrap"><table class="mc-table"><caption>{esc(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def title_key(cred: Credential) -> tuple[str, str]:
    """Learners scan lists by name; ties (same title) keep the global id order."""
    return (cred.title.casefold(), cred.global_id)


def by_title(creds: Iterable[Credential]) -> list[Credential]:
    return sorted(creds, key=title_key)


def pairs_by_title(pairs: Iterable[tuple[Credential, dict]]) -> list[tuple[Credential, dict]]:
    """(credential, its stacks_into or vet_credit entry) pairs, by the credential's title."""
    return sorted(pairs, key=lambda pair: title_key(pair[0]))


def credit_column(entries: dict) -> Column:
    """The credit a credential's stacks_into entry gives; `entries` maps id(credential) to it."""
    return ("Credit", lambda c, h: esc(facts.credit(entries[id(c)].get("credit")) or "not stated"))


def vet_columns(entries: dict) -> list[Column]:
    """Units and credit type of a credential's vet_credit entry; `entries` maps id(credential) to it."""
    return [("Units", lambda c, h: ", ".join(link(facts.tga_url(u), u) for u in entries[id(c)].get("units", []))
             or "whole qualification"),
            ("Credit type", lambda c, h: esc(facts.label(entries[id(c)]["credit_type"])))]
