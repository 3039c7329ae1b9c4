"""Atom feeds (RFC 4287) of listings added or changed, newest first: `/feed.xml` for the whole
catalogue and `/providers/<id>/feed.xml` for each provider.

The changes come from git history (history.read_history, attached to the Catalogue by build):
each entry is one commit's change to one listing, dated by the commit, linking the listing's page
with a summary of what changed (new, price, dates, status). Without history the feeds list each
listing at its `last_reviewed` date and their subtitle says so. Record text is hostile: every
text and attribute goes through ElementTree, which escapes it, after dropping the characters
XML 1.0 cannot carry at all.
"""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from .. import urls
from ..history import DATES, DETAILS, NEW, PRICE, SHOWN, STATUS, Change
from ..model import Catalogue, Credential
from ..render import facts
from ..reuse import FRESH, Reuse, key

ATOM = "http://www.w3.org/2005/Atom"
SITE_NAME = "Open Microcredential Catalogue"
REVIEWED = "reviewed"  # the one kind of entry a feed without history has
FROM_GIT = "Listings added or changed, newest first, dated by the commit that changed them."
FROM_REVIEWS = ("Listings by the date each was last reviewed, newest first: this build had no git "
                "history, so changes are not told apart.")

# Characters XML 1.0 cannot hold even escaped (C0 controls but tab and line ends, lone
# surrogates, U+FFFE, U+FFFF): dropped, so hostile text cannot make the feed unreadable.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _midnight(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def change_summary(catalogue: Catalogue, cred: Credential, kinds: tuple[str, ...]) -> str:
    """What changed, in words, with the listing's values now: "Price changed: now 450 AUD one-off."."""
    said = {
        NEW: f"New listing: {facts.price(cred)}, {facts.weeks(cred)}, {facts.hours(cred)}.",
        PRICE: f"Price changed: now {facts.price(cred)}.",
        DATES: "Dates changed: " + (f"next start {facts.day(start)}." if (start := cred.next_start(catalogue.build_date))
                                    else f"now {facts.weeks(cred)}."),
        STATUS: f"Status changed: now {facts.label(cred.data['status'])}.",
        DETAILS: "Details updated.",
        REVIEWED: f"Reviewed {facts.day(cred.reviewed())}.",
    }
    return " ".join(said[kind] for kind in kinds) + " " + cred.data["summary"]


def entries(catalogue: Catalogue) -> list[tuple[dt.datetime, str, Credential, str, tuple[str, ...]]]:
    """(date, entry id, credential, change id, kinds), newest first: from git, else from reviews."""
    found = []
    for gid, cred in catalogue.credentials.items():
        changes: list[Change] = (catalogue.history or {}).get(gid, [])
        if catalogue.history is None:
            found.append((_midnight(cred.reviewed()), gid, cred, f"reviewed-{cred.data['last_reviewed']}", (REVIEWED,)))
        found += [(c.when, gid, cred, c.commit, c.kinds) for c in changes]
    return sorted(found, key=lambda e: (-e[0].timestamp(), e[1], e[3]))


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _text(text)
    return element


def atom(catalogue: Catalogue, feed_url: str, page_url: str, title: str, shown: list) -> bytes:
    """One Atom feed document."""
    feed = ET.Element("feed", xmlns=ATOM)
    _add(feed, "id", urls.absolute(feed_url))
    _add(feed, "title", title)
    _add(feed, "subtitle", FROM_GIT if catalogue.history is not None else FROM_REVIEWS)
    newest = shown[0][0] if shown else _midnight(catalogue.build_date)
    _add(feed, "updated", _stamp(newest))
    _add(_add(feed, "author"), "name", SITE_NAME)
    _add(feed, "link", rel="self", type="application/atom+xml", href=urls.absolute(feed_url))
    _add(feed, "link", rel="alternate", type="text/html", href=urls.absolute(page_url))
    for when, _gid, cred, change, kinds in shown:
        entry = _add(feed, "entry")
        page = urls.absolute(urls.credential(cred))
        _add(entry, "id", f"{page}#{change}")
        _add(entry, "title", f"{cred.title} ({cred.provider.name})")
        _add(entry, "updated", _stamp(when))
        _add(entry, "link", rel="alternate", type="text/html", href=page)
        for kind in kinds:
            _add(entry, "category", term=kind)
        _add(entry, "summary", change_summary(catalogue, cred, kinds), type="text")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"


def _feed_key(catalogue: Catalogue, title: str, shown: list) -> tuple | None:
    """What a feed reads: its entries (their listings' records, with their providers' names), its
    title, whether the build had history, and the build date (a listing's next start)."""
    listed = tuple((when, gid, change, kinds, cred.fingerprint, cred.provider.fingerprint)
                   for when, gid, cred, change, kinds in shown)
    if any(not (fp and provider_fp) for *_, fp, provider_fp in listed):
        return None
    return (title, catalogue.history is None, catalogue.build_date, listed)


def feed_files(catalogue: Catalogue, reuse: Reuse = FRESH) -> dict[str, bytes]:
    """`feed.xml` and each provider's `providers/<id>/feed.xml`, the newest SHOWN entries each.
    Under `mkdocs serve` a feed is kept while what it reads is unchanged (_feed_key)."""
    every = entries(catalogue)
    title = f"{SITE_NAME}: new and changed listings"
    files = {urls.FEED: reuse.get("feed", _feed_key(catalogue, title, every[:SHOWN]),
                                  lambda: atom(catalogue, urls.FEED, urls.HOME, title, every[:SHOWN]))}
    by_provider: dict[str, list] = {}
    for entry in every:  # one pass, newest first within each provider too
        by_provider.setdefault(entry[2].provider.id, []).append(entry)
    for provider_id, provider in catalogue.providers.items():
        own = by_provider.get(provider_id, [])[:SHOWN]
        title = f"{provider.name}: new and changed listings ({SITE_NAME})"
        files[urls.provider_feed(provider_id)] = reuse.get(
            "feed", key(provider_id, _feed_key(catalogue, title, own)),
            lambda: atom(catalogue, urls.provider_feed(provider_id), urls.provider(provider_id), title, own))
    return files
