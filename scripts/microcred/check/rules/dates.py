"""Rules on dates: `last_reviewed` is a real day, not in the future, and not so long ago the listing
is stale; each of `sessions` has real days and ends no earlier than it starts."""
from __future__ import annotations

from ...domain import is_stale, parse_date
from ...problems import WARNING
from ..registry import rule


@rule("date-valid", ("credential",), "`last_reviewed` is a real calendar date")
def check_date_valid(doc, index):
    if parse_date(doc.data["last_reviewed"]) is None:
        yield ("last_reviewed",), f"`{doc.data['last_reviewed']}` is not a real date", \
            "write a date that exists, as YYYY-MM-DD (months 01-12, days up to the month's length)"


@rule("date-not-future", ("credential",), "`last_reviewed` is not in the future")
def check_date_not_future(doc, index):
    reviewed = parse_date(doc.data["last_reviewed"])
    if reviewed and reviewed > index.today:
        yield ("last_reviewed",), f"last_reviewed {reviewed} is in the future (today is {index.today})", \
            "use the date you last checked the listing against its official page"


@rule("stale-listing", ("credential",), "a listing not reviewed for over 12 months is stale", severity=WARNING)
def check_stale_listing(doc, index):
    if is_stale(doc.data, index.today):
        reviewed = doc.data["last_reviewed"]
        yield ("last_reviewed",), f"not reviewed since {reviewed} (over 12 months): the listing is shown as stale", \
            "check the listing against its official page, correct it, and set last_reviewed to today"


@rule("session-dates", ("credential",), "each of `sessions` has real dates and ends no earlier than it starts")
def check_session_dates(doc, index):
    for i, session in enumerate(doc.data.get("sessions", [])):
        start = parse_date(session["start"])
        for key in ("start", "end"):
            if key in session and parse_date(session[key]) is None:
                yield ("sessions", i, key), f"`{session[key]}` is not a real date", \
                    "write a date that exists, as YYYY-MM-DD (months 01-12, days up to the month's length)"
        end = parse_date(session["end"]) if "end" in session else None
        if start and end and end < start:
            yield ("sessions", i, "end"), f"session {i + 1} ends on {end}, before it starts on {start}", \
                "put the last day of the intake in `end`, on or after `start` (or leave `end` out)"
