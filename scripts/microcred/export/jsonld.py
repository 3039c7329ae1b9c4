"""schema.org JSON-LD for a credential: a `Course` with its instance, offer, provider and the
credential it awards, shaped for Google's Course info rich results.

A pure function returning a dict, so the credential page and the downloadable bundle
(`jsonld.json.gz`, a producer in export.registry) share it.
"""
from __future__ import annotations

import math

from .. import urls
from ..model import Catalogue, Credential
from ..render import facts
from ..reuse import FRESH, Reuse
from ..shown import export_key
from .jsonfile import gzip_parts, joined, json_text

BUNDLE = "jsonld.json.gz"  # every credential's document in one array, gzip-compressed

COURSE_MODE = {"online": "Online", "in-person": "Onsite", "blended": "Blended"}
EDUCATIONAL_LEVEL = {"introductory": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced"}
OFFER_CATEGORY = {"free": "Free", "free-paid-certificate": "Partially Free"}


def _iso_hours(value: float) -> str:
    """ISO 8601 duration in hours: 16 -> PT16H, 2.5 -> PT2H30M."""
    minutes = round(value * 60)
    h, m = divmod(minutes, 60)
    return f"PT{h}H{m}M" if m else f"PT{h}H"


def _offer(cred: Credential) -> dict:
    cost = cred.data["cost"]
    category = OFFER_CATEGORY.get(cred.cost_kind) or ("Subscription" if cost["basis"] == "per-month" else "Paid")
    offer = {"@type": "Offer", "category": category, "price": cost["amount"], "priceCurrency": cost["currency"],
             "url": cred.data["url"]}
    if cost["basis"] == "per-month":
        offer["priceSpecification"] = {"@type": "UnitPriceSpecification", "price": cost["amount"],
                                       "priceCurrency": cost["currency"], "referenceQuantity": {
                                           "@type": "QuantitativeValue", "value": 1, "unitCode": "MON"}}
    return offer


def _instance(cred: Credential) -> dict:
    low, high = cred.weeks_range
    repeat = max(1, math.ceil(high))
    instance = {
        "@type": "CourseInstance",
        "courseMode": COURSE_MODE[cred.data["delivery"]],
        "courseWorkload": _iso_hours(cred.hours),
        # Google reads a schedule as "so long, so often, so many times": the hours spread over
        # the (longest) calendar duration, weekly.
        "courseSchedule": {"@type": "Schedule", "repeatFrequency": "Weekly", "repeatCount": repeat,
                           "duration": _iso_hours(max(cred.hours / repeat, 1 / 60))},
        "inLanguage": cred.data["languages"][0],
    }
    locations = cred.data.get("locations") or []
    if locations:
        instance["location"] = [{"@type": "Place", "address": {
            "@type": "PostalAddress", "addressCountry": loc["country"],
            **({"addressRegion": loc["region"]} if loc.get("region") else {}),
            **({"addressLocality": loc["city"]} if loc.get("city") else {})}} for loc in locations]
    return instance


def _instances(cred: Credential) -> list[dict]:
    """One CourseInstance per dated intake (`sessions`), with its start and end dates and town;
    a listing without sessions has one undated instance."""
    base = _instance(cred)
    sessions = cred.data.get("sessions") or []
    if not sessions:
        return [base]
    out = []
    for s in sessions:
        instance = {**base, "startDate": s["start"], **({"endDate": s["end"]} if s.get("end") else {})}
        if s.get("city"):
            country = next((loc["country"] for loc in cred.data.get("locations") or []
                            if loc.get("city") == s["city"]), None)
            instance["location"] = {"@type": "Place", "address": {
                "@type": "PostalAddress", "addressLocality": s["city"],
                **({"addressCountry": country} if country else {})}}
        out.append(instance)
    return out


def _credential_awarded(catalogue: Catalogue, cred: Credential, page_url: str) -> dict:
    awarded = {"@type": "EducationalOccupationalCredential", "name": cred.title,
               "credentialCategory": facts.label(cred.data["type"]), "url": page_url}
    if cred.data.get("level"):
        awarded["educationalLevel"] = facts.level(cred)
    qa = cred.data["quality_assurance"]
    if qa.get("body"):
        awarded["recognizedBy"] = {"@type": "Organization", "name": qa["body"]}
    fee = cred.data["cost"].get("certificate_fee")
    if fee:
        awarded["offers"] = {"@type": "Offer", "category": "Paid", "price": fee,
                             "priceCurrency": cred.data["cost"]["currency"]}
    # What it counts towards: larger credentials in the catalogue, by their pages.
    parts = []
    for entry in cred.data.get("stacks_into", []):
        url = urls.target(catalogue, entry["target"])
        if url:
            parts.append({"@type": "EducationalOccupationalCredential",
                          "name": facts.target_title(catalogue, entry["target"]), "url": urls.absolute(url)})
    if parts:
        awarded["isPartOf"] = parts
    return awarded


def credential_jsonld(catalogue: Catalogue, credential: Credential) -> dict:
    """The credential as schema.org JSON-LD (a dict; serialise it with sorted keys)."""
    data = credential.data
    page_url = urls.absolute(urls.credential(credential))
    provider = credential.provider.data
    doc = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": page_url + "#course",
        "url": page_url,
        "sameAs": data["url"],
        "name": credential.title,
        "description": data["summary"],
        "courseCode": credential.global_id,
        "provider": {"@type": "Organization", "name": provider["name"], "url": provider["website"],
                     "sameAs": provider["website"]},
        "inLanguage": data["languages"] if len(data["languages"]) > 1 else data["languages"][0],
        "teaches": list(data["learning_outcomes"]),
        # No `timeRequired`: schema.org means the time to work through the content, which the
        # instance's `courseWorkload` says; the calendar length is in its `courseSchedule`.
        "offers": [_offer(credential)],
        "hasCourseInstance": _instances(credential),
        "educationalCredentialAwarded": [_credential_awarded(catalogue, credential, page_url)],
        "dateModified": data["last_reviewed"],
    }
    if data.get("difficulty"):
        doc["educationalLevel"] = EDUCATIONAL_LEVEL[data["difficulty"]]
    if data.get("prerequisites"):
        doc["coursePrerequisites"] = list(data["prerequisites"])
    if data.get("skills"):
        doc["keywords"] = ", ".join(data["skills"])
    if data.get("ects"):
        # schema.org gives `value` and `unitText` to QuantitativeValue, not to StructuredValue.
        doc["numberOfCredits"] = {"@type": "QuantitativeValue", "value": data["ects"], "unitText": "ECTS"}
    return doc


def item_list(name: str, page_url: str, item_urls: list[str]) -> dict:
    """schema.org ItemList for a page that lists records (the finder, the grouped pages): each
    item a ListItem with its position and the full URL of the record's page, in page order
    (Google's summary-page form of a course list)."""
    return {"@context": "https://schema.org", "@type": "ItemList", "name": name, "url": urls.absolute(page_url),
            "numberOfItems": len(item_urls),
            "itemListElement": [{"@type": "ListItem", "position": i, "url": urls.absolute(u)}
                                for i, u in enumerate(item_urls, 1)]}


def jsonld_file(catalogue: Catalogue, reuse: Reuse = FRESH) -> dict[str, bytes]:
    """Producer: `jsonld.json.gz`, every credential's document in global-id order, one JSON array
    gzip-compressed (each document is also in its credential's page)."""
    return {BUNDLE: gzip_parts(joined("[", (
        reuse.get("jsonld", export_key(catalogue, c), lambda: json_text(credential_jsonld(catalogue, c)))
        for c in catalogue.credentials.values()), "]\n"), reuse, BUNDLE)}
