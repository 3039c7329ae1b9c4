"""CTDL: what a learner studies to earn a credential, as a `ceterms:LearningOpportunityProfile`
(outcomes, assessment, credit, schedule, delivery, places, duration, cost), and the helpers for
CTDL's values that both it and export/ctdl.py write: ids, CTIDs and language-tagged text.
"""
from __future__ import annotations

import uuid

from .. import urls
from ..model import Credential
from ..render import facts
from . import ctdl_terms as terms

EN = terms.EN  # the language of the export's own phrases and of CTDL's concept labels
UNDETERMINED = "und"  # BCP 47: a record's text whose language the record does not state


def ctid(url: str) -> str:
    """A CTID (`ce-` and a UUID) derived from a URL, so it is the same in every build."""
    return "ce-" + str(uuid.uuid5(uuid.NAMESPACE_URL, url))


def blank(key: str) -> str:
    """A blank node id derived from a key, stable from build to build."""
    return "_:" + str(uuid.uuid5(uuid.NAMESPACE_URL, key))


def credential_id(cred: Credential) -> str:
    return urls.absolute(urls.ctdl_credential_file(cred)) + "#credential"


def learning_opportunity_id(cred: Credential) -> str:
    return urls.absolute(urls.ctdl_credential_file(cred)) + "#learning-opportunity"


def organization_id(provider_id: str) -> str:
    return urls.absolute(urls.ctdl_provider_file(provider_id)) + "#organization"


def record_language(cred: Credential) -> str:
    """The language a listing's own text is tagged with: its language of instruction when it has
    one; with several, the record does not say which its summary is in."""
    languages = cred.data["languages"]
    return languages[0] if len(languages) == 1 else UNDETERMINED


def text(value: str, language: str = EN) -> dict:
    """A CTDL language string: a map from a BCP 47 tag to the text."""
    return {language: value}


def optional(node: dict, key: str, value) -> None:
    if value:
        node[key] = value
def _duration(cred: Credential) -> dict:
    profile = {"@type": "ceterms:DurationProfile",
               "ceterms:description": text(f"{facts.hours(cred)} of study over {facts.weeks(cred)}.")}
    low, high = cred.weeks_range
    if low == high:
        profile["ceterms:exactDuration"] = _iso_weeks(high)
    else:
        profile["ceterms:minimumDuration"] = _iso_weeks(low)
        profile["ceterms:maximumDuration"] = _iso_weeks(high)
    return profile


def _iso_weeks(weeks: float) -> str:
    days = round(weeks * 7)
    return f"P{days // 7}W" if days % 7 == 0 else f"P{days}D"


def costs(cred: Credential) -> list[dict]:
    cost = cred.data["cost"]
    lang = record_language(cred)
    profile = {"@type": "ceterms:CostProfile", "ceterms:name": text("Study"),
               "ceterms:description": text(facts.price(cred) + ".") if not cost.get("note") else
               text(f"{facts.price(cred)}. {cost['note']}", lang),
               "ceterms:costDetails": cred.data["url"], "ceterms:price": cost["amount"],
               "ceterms:currency": cost["currency"],
               "ceterms:directCostType": terms.alignment(terms.COST_TYPE, "study")}
    if cost["basis"] != "one-off":
        profile["ceterms:paymentPattern"] = text(facts.BASIS[cost["basis"]].capitalize())
    return [profile]


def certificate_fee(cred: Credential) -> list[dict]:
    cost = cred.data["cost"]
    if not cost.get("certificate_fee"):
        return []
    return [{"@type": "ceterms:CostProfile", "ceterms:name": text("Certificate"),
             "ceterms:description": text("What the certificate itself costs, beyond studying."),
             "ceterms:costDetails": cred.data["url"], "ceterms:price": cost["certificate_fee"],
             "ceterms:currency": cost["currency"]}]


def place(loc: dict) -> dict:
    """A location: the country as its ISO 3166-1 code, region and city as the record gives them."""
    out = {"@type": "ceterms:Place", "ceterms:addressCountry": text(loc["country"], UNDETERMINED)}
    if loc.get("region"):
        out["ceterms:addressRegion"] = text(loc["region"], UNDETERMINED)
    if loc.get("city"):
        out["ceterms:addressLocality"] = text(loc["city"], UNDETERMINED)
    return out


def learning_opportunity(cred: Credential) -> dict:
    """What a learner studies to earn the credential, with the learning-opportunity terms."""
    data = cred.data
    lang = record_language(cred)
    org = organization_id(cred.provider.id)
    lopp_id = learning_opportunity_id(cred)
    node = {
        "@id": lopp_id, "@type": "ceterms:LearningOpportunityProfile", "ceterms:ctid": ctid(lopp_id),
        "ceterms:name": text(cred.title, lang), "ceterms:description": text(data["summary"], lang),
        "ceterms:subjectWebpage": data["url"], "ceterms:availabilityListing": [data["url"]],
        "ceterms:ownedBy": [org], "ceterms:offeredBy": [org], "ceterms:inLanguage": list(data["languages"]),
        "ceterms:lifeCycleStatusType": terms.alignment(terms.LIFE_CYCLE, data["status"]),
        "ceterms:deliveryType": [terms.alignment(terms.DELIVERY, data["delivery"])],
        "ceterms:teaches": [{"@type": "ceterms:CredentialAlignmentObject", "ceterms:targetNodeName": text(outcome, lang)}
                            for outcome in data["learning_outcomes"]],
        "ceterms:assessmentMethodType": _unique([terms.alignment(terms.ASSESSMENT, a) for a in data["assessment"]]),
        "ceterms:assessmentMethodDescription": text("Assessed by " + ", ".join(
            facts.label(a).lower() for a in data["assessment"]) + "."),
        "ceterms:instructionalProgramType": [{
            "@type": "ceterms:CredentialAlignmentObject", "ceterms:framework": terms.ISCED_F[0],
            "ceterms:frameworkName": text(terms.ISCED_F[1]), "ceterms:codedNotation": data["field_of_education"],
            "ceterms:targetNodeName": text(facts.field_of_education(data["field_of_education"]))}],
        "ceterms:estimatedDuration": [_duration(cred)],
        "ceterms:estimatedCost": costs(cred),
    }
    if data["delivery"] != "in-person":
        node["ceterms:availableOnlineAt"] = [data["url"]]
    optional(node, "ceterms:availableAt", [place(loc) for loc in data.get("locations") or []])
    optional(node, "ceterms:keyword", [text(skill, lang) for skill in data.get("skills") or []])
    frequency = terms.alignment(terms.SCHEDULE_FREQUENCY, data["pace"])
    optional(node, "ceterms:scheduleFrequencyType", [frequency] if frequency else [])
    if data.get("ects"):
        # CTDL's QuantitativeValue names its unit as an alignment, not as bare text.
        node["ceterms:creditValue"] = [{"@type": "schema:QuantitativeValue", "schema:value": data["ects"],
                                        "schema:unitText": [{"@type": "ceterms:CredentialAlignmentObject",
                                                             "ceterms:frameworkName": text(terms.ECTS[1]),
                                                             "ceterms:framework": terms.ECTS[0],
                                                             "ceterms:targetNodeName": text("ECTS credit")}]}]
    optional(node, "ceterms:financialAssistance", [{"@type": "ceterms:FinancialAssistanceProfile",
                                                    "ceterms:name": text(f, lang)}
                                                   for f in data["cost"].get("funding") or []])
    if data.get("prerequisites"):
        node["ceterms:entryCondition"] = [{
            "@type": "ceterms:ConditionProfile", "ceterms:name": text("Prerequisites"),
            "ceterms:description": text("What a learner needs before enrolling."),
            "ceterms:condition": [text(p, lang) for p in data["prerequisites"]]}]
    return node


def _unique(items: list) -> list:
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


