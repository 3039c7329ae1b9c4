"""Tables of credentials, shared by the overview, provider, qualification and finder pages."""
from __future__ import annotations

from typing import Callable, Iterable

from ..model import Credential
from . import facts
from .text import esc, rel

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

NUMERIC = {"hours", "weeks"}


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


def by_title(creds: Iterable[Credential]) -> list[Credential]:
    """Learners scan lists by name; ties (same title) keep the global id order."""
    return sorted(creds, key=lambda c: (c.title.casefold(), c.global_id))
