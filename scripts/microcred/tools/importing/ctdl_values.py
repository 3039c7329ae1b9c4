"""CTDL's values as the record format's: language maps as text, concepts, ISO 8601 durations,
countries and currencies named in words, and the fields of a learning opportunity (what a learner
studies: outcomes, assessment, delivery, duration, cost, places, prerequisites, field, credit).

Concepts come from CTDL's published schemes (https://credreg.net/ctdl/terms), both as this
catalogue's CTDL export writes them (export/ctdl_terms.py) and as other publishers do
(`deliveryType:OnlineDelivery` in Credential Engine's examples). A concept that stands for several
of our values (`assessMethod:Exam` for a quiz or an exam) gives nothing: the draft asks instead.
"""
from __future__ import annotations

import re

import pycountry

from ...export import ctdl_terms as terms
from ...render import facts
from ..scaffold import is_slug


def _reverse(scheme: tuple) -> dict[str, str]:
    """concept -> our value, for the concepts that stand for one value only."""
    found: dict[str, list[str]] = {}
    for ours, (concept, _label) in scheme[2].items():
        found.setdefault(concept, []).append(ours)
    return {concept: values[0] for concept, values in found.items() if len(values) == 1}


STATUS = {**_reverse(terms.CREDENTIAL_STATUS), **_reverse(terms.LIFE_CYCLE),
          "credentialStat:Probationary": "active", "credentialStat:Suspended": "retired",
          "credentialStat:TeachOut": "retired", "lifeCycle:Suspended": "retired"}
DELIVERY = {**_reverse(terms.DELIVERY), "deliveryType:OnlineDelivery": "online"}
DIFFICULTY = _reverse(terms.AUDIENCE_LEVEL)
PACE = _reverse(terms.SCHEDULE_FREQUENCY)
ASSESSMENT_WORDS = {facts.label(a).lower(): a for a in terms.ASSESSMENT[2]}
BASIS_WORDS = {words.lower(): basis for basis, words in facts.BASIS.items()}
CREDIT_WORDS = {word: unit for unit, pair in facts.CREDIT_UNITS.items() for word in pair}
_DURATION = re.compile(r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?"
                       r"(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?)?$")
_HOURS = re.compile(r"^(?P<n>[0-9][0-9,]*(?:\.[0-9]+)?) h of study")
_PREREQUISITE = re.compile(r"admission|prerequisite|entry", re.I)


def slug(text: str) -> str:
    """A slug from a title: `Bachelor of Science in Cybersecurity` -> `bachelor-of-science-in-cybersecurity`."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = "-".join(words)[:80].strip("-")
    return out if is_slug(out) else ""


def text(value) -> str | None:
    """A CTDL string or language map as one string (English first, then any)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in ("en", "en-US", "en-AU", "en-GB", "und", *sorted(value)):
            if isinstance(value.get(key), str):
                return value[key].strip() or None
    if isinstance(value, list) and value:
        return text(value[0])
    return None


def as_list(value) -> list:
    return value if isinstance(value, list) else ([] if value is None else [value])


def texts(value) -> list[str]:
    return [t for t in (text(v) for v in as_list(value)) if t]


def concepts(value) -> list[str]:
    return [a["ceterms:targetNode"] for a in as_list(value) if isinstance(a, dict) and isinstance(a.get("ceterms:targetNode"), str)]


def first_concept(value, mapping: dict) -> str | None:
    return next((mapping[c] for c in concepts(value) if c in mapping), None)


def number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value) if float(value).is_integer() else value


def _weeks(iso) -> float | None:
    """`P12W` -> 12, `P10D` -> 10/7; months and years as 52/12 and 52 weeks."""
    m = _DURATION.match(iso) if isinstance(iso, str) else None
    if not m or not any(m.groupdict().values()):
        return None
    g = {k: float(v) for k, v in m.groupdict().items() if v}
    weeks = g.get("y", 0) * 52 + g.get("mo", 0) * 52 / 12 + g.get("w", 0) + g.get("d", 0) / 7
    return number(round(weeks, 2)) if weeks else None


def country(value) -> str | None:
    name = text(value)
    try:
        return pycountry.countries.lookup(name).alpha_2 if name else None
    except LookupError:
        return None


def currency(value) -> str | None:
    name = text(value)
    found = name and (pycountry.currencies.get(alpha_3=name.upper()) or pycountry.currencies.get(name=name))
    return found.alpha_3 if found else None


def _duration(lopp: dict, out: dict) -> None:
    for profile in (p for p in as_list(lopp.get("ceterms:estimatedDuration")) if isinstance(p, dict)):
        exact = _weeks(profile.get("ceterms:exactDuration"))
        low, high = _weeks(profile.get("ceterms:minimumDuration")), _weeks(profile.get("ceterms:maximumDuration"))
        if exact:
            out["duration"] = {"weeks": exact}
        elif low and high:
            out["duration"] = {"min_weeks": low, "max_weeks": high}
        hours = _HOURS.match(text(profile.get("ceterms:description")) or "")
        if hours:
            out["workload_hours"] = number(float(hours.group("n").replace(",", "")))


def _cost(lopp: dict, out: dict) -> None:
    for cost in (c for c in as_list(lopp.get("ceterms:estimatedCost"))[:1] if isinstance(c, dict)):
        if number(cost.get("ceterms:price")) is None:
            continue
        found = {"amount": number(cost["ceterms:price"]), "currency": currency(cost.get("ceterms:currency"))}
        pattern = (text(cost.get("ceterms:paymentPattern")) or "").lower()
        if pattern in BASIS_WORDS:
            found["basis"] = BASIS_WORDS[pattern]
        elif not pattern and "costType:AggregateCost" in concepts(cost.get("ceterms:directCostType")):
            found["basis"] = "one-off"  # the sum of the direct costs, paid once
        funding = [text(f.get("ceterms:name")) for f in as_list(lopp.get("ceterms:financialAssistance")) if isinstance(f, dict)]
        if any(funding):
            found["funding"] = [f for f in funding if f]
        out["cost"] = {k: v for k, v in found.items() if v is not None}


def _assessment(lopp: dict) -> list[str]:
    """From the description this catalogue writes (`Assessed by quiz, project.`); else the concepts
    that stand for one of our values only."""
    words = re.match(r"Assessed by (.*?)\.?$", text(lopp.get("ceterms:assessmentMethodDescription")) or "")
    if words:
        found = [ASSESSMENT_WORDS.get(w.strip()) for w in words.group(1).split(",")]
        if all(found):
            return list(dict.fromkeys(found))
    unique = _reverse(terms.ASSESSMENT)
    return sorted({unique[c] for c in concepts(lopp.get("ceterms:assessmentMethodType")) if c in unique})


def _prerequisites(lopp: dict) -> list[str]:
    found = []
    for condition in (c for c in as_list(lopp.get("ceterms:entryCondition")) if isinstance(c, dict)):
        found += texts(condition.get("ceterms:condition")) or texts(condition.get("ceterms:description"))
    for condition in (c for c in as_list(lopp.get("ceterms:requires")) if isinstance(c, dict)):
        if _PREREQUISITE.search(text(condition.get("ceterms:name")) or ""):
            found += texts(condition.get("ceterms:description"))
    return found


def learning_fields(lopp: dict, by_id: dict) -> dict:
    """The record's fields a learning opportunity states."""
    out: dict = {}
    delivery = {DELIVERY[c] for key in ("ceterms:deliveryType", "ceterms:learningDeliveryType")
                for c in concepts(lopp.get(key)) if c in DELIVERY}
    if delivery:
        out["delivery"] = delivery.pop() if len(delivery) == 1 else "blended"
    out["pace"] = first_concept(lopp.get("ceterms:scheduleFrequencyType"), PACE)
    out["learning_outcomes"] = [t for a in as_list(lopp.get("ceterms:teaches")) if isinstance(a, dict)
                                for t in [text(a.get("ceterms:targetNodeName"))] if t]
    out["assessment"] = _assessment(lopp)
    out["prerequisites"] = _prerequisites(lopp)
    for program in (p for p in as_list(lopp.get("ceterms:instructionalProgramType")) if isinstance(p, dict)):
        code = text(program.get("ceterms:codedNotation")) or ""
        if program.get("ceterms:framework") == terms.ISCED_F[0] and re.fullmatch(r"[01][0-9]{3}", code):
            out["field_of_education"] = code
    for credit in (c for c in as_list(lopp.get("ceterms:creditValue")) if isinstance(c, dict)):
        units = [a.get("ceterms:framework") for a in as_list(credit.get("schema:unitText")) if isinstance(a, dict)]
        if terms.ECTS[0] in units and number(credit.get("schema:value")):
            out["ects"] = number(credit["schema:value"])
    _duration(lopp, out)
    _cost(lopp, out)
    places = []
    for ref in as_list(lopp.get("ceterms:availableAt")):
        place = by_id.get(ref, ref) if isinstance(ref, str) else ref
        if isinstance(place, dict) and country(place.get("ceterms:addressCountry")):
            loc = {"country": country(place["ceterms:addressCountry"]), "region": text(place.get("ceterms:addressRegion")),
                   "city": text(place.get("ceterms:addressLocality"))}
            places.append({k: v for k, v in loc.items() if v})
    if places:
        out["locations"] = places
    return out
