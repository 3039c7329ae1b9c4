"""Facts about records that the checks and the model both need, decided here once.

A credential's global id, what kind of record a `stacks_into` target names, when a listing is
stale and what a learner can expect to pay are read by the rules (on raw documents) and by the
model (on validated records). Both call these functions on a record's plain data, so a rule can
never pass what the site then shows differently.
"""
from __future__ import annotations

import datetime as dt
import math

# --- The national training register ----------------------------------------------------------------

def register_url(code: str) -> str:
    """The national register's page of a VET code (qualification, skill set or unit): where the
    pages link a code, and where the rules point a provider whose code has no record here."""
    return f"https://training.gov.au/Training/Details/{code}"


# --- Ids ------------------------------------------------------------------------------------------


def global_id(provider: str, record_id: str) -> str:
    """A credential's id across the catalogue: `provider/credential`, as its file's place is."""
    return f"{provider}/{record_id}"


def is_credential_target(target: str) -> bool:
    """Whether a `stacks_into` target names a credential (`provider/credential`) rather than a
    qualification (a bare id): the schema's patterns let only a credential's id hold a slash."""
    return "/" in target


def target_provider(target: str) -> str | None:
    """The provider that owns a credential target; None for a qualification."""
    return target.split("/", 1)[0] if is_credential_target(target) else None


# --- Freshness ------------------------------------------------------------------------------------

# A listing not reviewed for longer than this is shown as stale (and warned about).
STALE_AFTER_DAYS = 365


def parse_date(text: str) -> dt.date | None:
    """A `YYYY-MM-DD` date, or None when it names no real day (the schema checks only its form)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def is_stale(record: dict, today: dt.date) -> bool:
    """A listing still on offer that nobody has checked for over 12 months."""
    reviewed = parse_date(record["last_reviewed"])
    return bool(reviewed) and (today - reviewed).days > STALE_AFTER_DAYS and record["status"] != "retired"


# --- Cost -----------------------------------------------------------------------------------------

WEEKS_PER_MONTH = 52 / 12


def weeks_range(record: dict) -> tuple[float, float]:
    """A credential's calendar duration in weeks, low and high (equal for a fixed duration)."""
    d = record["duration"]
    return (d["weeks"], d["weeks"]) if "weeks" in d else (d["min_weeks"], d["max_weeks"])


def expected_total(record: dict) -> tuple[float, float]:
    """What a learner can expect to pay to study, low and high, before any certificate fee.

    A subscription (`per-month`) costs its monthly price for every started month of the
    calendar duration; other bases are taken as stated.
    """
    cost = record["cost"]
    if cost["basis"] != "per-month":
        return (cost["amount"], cost["amount"])
    low, high = weeks_range(record)
    return (cost["amount"] * max(1, math.ceil(low / WEEKS_PER_MONTH)),
            cost["amount"] * max(1, math.ceil(high / WEEKS_PER_MONTH)))


def price_with_certificate(record: dict) -> float:
    """The stated price plus the certificate fee, if any."""
    cost = record["cost"]
    return cost["amount"] + cost.get("certificate_fee", 0)
