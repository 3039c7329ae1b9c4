"""Tables of credentials, shared by the overview, provider, qualification and pathway pages: the
rows as data (text, or `Link`s), which partials/tables.html draws."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from .. import urls
from ..export.jsonld import item_list
from ..model import Credential
from . import facts
from ..reuse import FRESH, Reuse
from .templating import Links, table_row
from .text import Link, record_link, site_link

Cell = "str | Link | Links"
Column = tuple[str, Callable[[Credential, str], object]]  # (header, cell from credential and page URL)


def near(here: str, url: str) -> str:
    """The shortest relative link from the page at `here` to `url` (both site-root-relative
    directory URLs): from credentials/a/x/, credentials/b/y/ is ../../b/y/ and credentials/a/z/ is
    ../z/. urls.relative always climbs to the root; every page repeats such links many times."""
    up, down = [p for p in here.split("/") if p], url.split("/")
    common = 0
    while common < len(up) and common < len(down) - 1 and up[common] == down[common]:
        common += 1
    return "../" * (len(up) - common) + "/".join(down[common:]) or "./"


def title_cell(cred: Credential, here: str) -> Link:
    return site_link(near(here, urls.credential(cred)), cred.title)


def provider_cell(cred: Credential, here: str) -> Link:
    return site_link(urls.relative(here, urls.provider(cred.provider.id)), cred.provider.name)


def tga_link(code: str) -> Link:
    return record_link(facts.tga_url(code), code)


COLUMNS: dict[str, Column] = {
    "title": ("Credential", title_cell),
    "provider": ("Provider", provider_cell),
    "hours": ("Study time", lambda c, h: facts.hours(c)),
    "weeks": ("Calendar time", lambda c, h: facts.weeks(c)),
    "price": ("Price", lambda c, h: facts.price(c)),
    "pace": ("Pace", lambda c, h: facts.label(c.data["pace"])),
    "delivery": ("Delivery", lambda c, h: facts.label(c.data["delivery"])),
    "expected": ("Expected total", lambda c, h: facts.expected_total(c) or "as stated"),
}


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    row_headers: bool = False  # the first cell of each row names the row


def credential_table(creds: Iterable[Credential], here: str, columns: list[str], caption: str,
                     extra: list[Column] | None = None, reuse: Reuse = FRESH, row_key=None) -> Table:
    """A table of `creds` with the named COLUMNS and `extra` ones. Under `mkdocs serve`, given
    `row_key(credential)` (what a row reads, microcred.shown), a row of named columns alone is
    kept from one build to the next, written (templating.table_row)."""
    cols = [COLUMNS[c] for c in columns] + list(extra or [])
    headers = [name for name, _ in cols]
    if extra or row_key is None or reuse is FRESH:
        return Table(caption, headers, [[cell(c, here) for _, cell in cols] for c in creds])
    rows = []
    for c in creds:
        key = row_key(c)
        rows.append(reuse.get("table-row", None if key is None else (key, here, tuple(columns)),
                              lambda: table_row([cell(c, here) for _, cell in cols])))
    return Table(caption, headers, rows)


def title_key(cred: Credential) -> tuple[str, str]:
    """Learners scan lists by name; ties (same title) keep the global id order."""
    return (cred.title.casefold(), cred.global_id)


def by_title(creds: Iterable[Credential]) -> list[Credential]:
    return sorted(creds, key=title_key)


def pairs_by_title(pairs: Iterable[tuple[Credential, dict]]) -> list[tuple[Credential, dict]]:
    """(credential, its stacks_into or vet_credit entry) pairs, by the credential's title."""
    return sorted(pairs, key=lambda pair: title_key(pair[0]))


def credit_column(entries: dict) -> Column:
    """The credit a credential's stacks_into entry gives; `entries` maps a global id to it."""
    return ("Credit", lambda c, h: facts.credit(entries[c.global_id].get("credit")) or "not stated")


def vet_columns(entries: dict) -> list[Column]:
    """Units and credit type of a credential's vet_credit entry; `entries` maps a global id to it."""
    return [("Units", lambda c, h: Links([tga_link(u) for u in entries[c.global_id].get("units", [])],
                                         empty="whole qualification")),
            ("Credit type", lambda c, h: facts.label(entries[c.global_id]["credit_type"]))]


def credential_list_jsonld(name: str, here: str, creds: Iterable[Credential]) -> dict:
    """The page's schema.org ItemList: each credential's page once, in the order the page shows them."""
    seen: dict[str, str] = {}
    for cred in creds:
        seen.setdefault(cred.global_id, urls.credential(cred))
    return item_list(name, here, list(seen.values()))
