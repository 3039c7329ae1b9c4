"""How the catalogue's facts read to a learner: labels, hours, weeks, prices, codes.

Site URLs are not here: microcred.urls owns them.

Plain strings, not HTML: the templates escape them where they print them.
"""
from __future__ import annotations

import datetime as dt

from ..codes import country_name, language_name
from ..model import DURATION_BANDS, PRICE_BANDS, Catalogue, Credential
from .. import domain
from ..domain import STALE_AFTER_DAYS
from .text import number

# ISCED-F 2013 broad fields (the first two digits of a detailed field code).
ISCED_BROAD = {
    "00": "Generic programmes and qualifications",
    "01": "Education",
    "02": "Arts and humanities",
    "03": "Social sciences, journalism and information",
    "04": "Business, administration and law",
    "05": "Natural sciences, mathematics and statistics",
    "06": "Information and communication technologies",
    "07": "Engineering, manufacturing and construction",
    "08": "Agriculture, forestry, fisheries and veterinary",
    "09": "Health and welfare",
    "10": "Services",
}

CREDIT_UNITS = {"credit-points": ("credit point", "credit points"), "ects": ("ECTS credit", "ECTS credits"),
                "units-of-competency": ("unit of competency", "units of competency"), "hours": ("hour", "hours")}

COST_KINDS = {"free": "Free to study", "free-paid-certificate": "Free to study, paid certificate", "paid": "Paid"}
BASIS = {"one-off": "one-off", "per-month": "per month", "per-unit": "per unit"}


def label(value: str) -> str:
    """An enum value as words: `self-paced` -> `Self-paced`, `in-person` -> `In person`."""
    special = {"in-person": "In person", "self-paced": "Self-paced", "peer-review": "Peer review",
               "open-badge": "Open Badge", "vet-qualification": "VET qualification", "rto": "RTO",
               "tafe": "TAFE", "micromasters": "MicroMasters", "industry-endorsed": "Industry-endorsed",
               "workplace-observation": "Workplace observation", "credit-transfer": "Credit transfer",
               "recognition-of-prior-learning": "Recognition of prior learning (RPL)"}
    if value in special:
        return special[value]
    return value.replace("-", " ").capitalize()


def band_label(key: str, bands=DURATION_BANDS) -> str:
    return next(lbl for k, lbl, _ in bands if k == key)


def hours(cred: Credential) -> str:
    return f"{number(cred.hours)} h"


def weeks(cred: Credential) -> str:
    low, high = cred.weeks_range
    if low == high:
        return f"{number(low)} week" if low == 1 else f"{number(low)} weeks"
    return f"{number(low)}-{number(high)} weeks"


def money(amount, currency: str) -> str:
    return f"{number(amount)} {currency}"


def price(cred: Credential) -> str:
    """The price as stated, with its basis: "86 AUD one-off", "49 USD per month"."""
    cost = cred.data["cost"]
    if cred.cost_kind != "paid":
        text = "Free to study"
        if cost.get("certificate_fee"):
            text += f"; certificate {money(cost['certificate_fee'], cost['currency'])}"
        return text
    return f"{money(cost['amount'], cost['currency'])} {BASIS[cost['basis']]}"


def expected_total(cred: Credential) -> str:
    """What the learner can expect to pay in all, for subscriptions: "about 98-147 USD in all"."""
    cost = cred.data["cost"]
    low, high = cred.expected_total
    if cost["basis"] != "per-month":
        return ""
    span = money(low, cost["currency"]) if low == high else f"{number(low)}-{money(high, cost['currency'])}"
    return f"about {span} over {weeks(cred)}"


def level(cred: Credential) -> str:
    lv = cred.data.get("level")
    return f"{lv['framework']} level {lv['level']}" if lv else ""


def field_of_education(code: str) -> str:
    return f"{code} ({ISCED_BROAD.get(code[:2], 'unknown field')})"


def languages(cred: Credential) -> list[str]:
    return [language_name(tag) for tag in cred.data["languages"]]


def location(loc: dict) -> str:
    return ", ".join(x for x in (loc.get("city"), loc.get("region"), country_name(loc["country"])) if x)


def credit(value: dict | None) -> str:
    if not value:
        return ""
    one, many = CREDIT_UNITS.get(value["unit"], (value["unit"], value["unit"]))
    return f"{number(value['value'])} {one if value['value'] == 1 else many}"


def stack_credit(entry: dict) -> str:
    """The credit a `stacks_into` entry gives, or that it is not stated."""
    return credit(entry.get("credit")) or "credit not stated"


# The same facts on a credential's page and in the compare table, worded once. Each is "" when the
# record does not state it: the page leaves the row out, the compare table says "Not stated".
def optional_label(cred: Credential, field: str) -> str:
    return label(cred.data[field]) if cred.data.get(field) else ""


def assessment(cred: Credential) -> str:
    return ", ".join(label(a) for a in cred.data["assessment"])


def funding(cred: Credential) -> str:
    return "; ".join(cred.data["cost"].get("funding", []))


def quality_assurance(cred: Credential) -> str:
    qa = cred.data["quality_assurance"]
    return label(qa["type"]) + (f" ({qa['body']})" if qa.get("body") else "")


def tga_url(code: str) -> str:
    return domain.register_url(code)


def stale_after(cred: Credential) -> dt.date:
    return cred.reviewed() + dt.timedelta(days=STALE_AFTER_DAYS)


def target_title(catalogue: Catalogue, target_id: str) -> str:
    target = catalogue.target(target_id)
    return target.title if target is not None else target_id


def price_band_label(key: str) -> str:
    return band_label(key, PRICE_BANDS)


def hours_per_week(cred: Credential) -> str:
    """Study time spread over the calendar time: "about 4.5-7.5 h a week" (one decimal at most)."""
    low, high = cred.weeks_range
    fewest, most = (round(cred.hours / w, 1) for w in (high, low))
    span = number(fewest) if fewest == most else f"{number(fewest)}-{number(most)}"
    return f"about {span} h a week"


def session(entry: dict) -> str:
    """A dated intake as words: "13 Jul 2026 to 2 Oct 2026, Sydney"."""
    text = day(entry["start"])
    if entry.get("end") and entry["end"] != entry["start"]:
        text += f" to {day(entry['end'])}"
    return f"{text}, {entry['city']}" if entry.get("city") else text


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(date: dt.date) -> str:
    """A date as "13 Jul 2026", the same whatever the build machine's locale."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
