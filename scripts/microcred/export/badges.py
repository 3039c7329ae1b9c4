"""Open Badges 3.0 `Achievement` definitions, one per credential, for badge platforms and wallets.

An Achievement describes what a badge is for (not a learner's award of it): a platform that issues
`OpenBadgeCredential`s for a listing can point its `credentialSubject.achievement` at this file or
copy it. Shaped after the 1EdTech Open Badges 3.0 data model
(https://www.imsglobal.org/spec/ob/v3p0/#achievement).
"""
from __future__ import annotations

from .. import urls
from ..model import Catalogue, Credential
from ..render import facts
from ..reuse import FRESH, Reuse
from ..shown import export_key
from ..written import Put, Written, keep_all
from .jsonfile import json_bytes

CONTEXT = ["https://www.w3.org/ns/credentials/v2",
           "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]

# Our `type` -> the Open Badges AchievementType vocabulary. A skill set, professional or
# programme certificate (nanodegree, MicroMasters) certifies a set of outcomes: `Certificate`.
# Short courses and bootcamps award proof of completing training: `CertificateOfCompletion`.
ACHIEVEMENT_TYPE = {
    "micro-credential": "MicroCredential",
    "skill-set": "Certificate",
    "professional-certificate": "Certificate",
    "digital-badge": "Badge",
    "nanodegree": "Certificate",
    "micromasters": "Certificate",
    "short-course": "CertificateOfCompletion",
    "bootcamp-certificate": "CertificateOfCompletion",
}

FRAMEWORKS = {
    "AQF": ("Australian Qualifications Framework", "https://www.aqf.edu.au/"),
    "EQF": ("European Qualifications Framework", "https://europass.europa.eu/en/europass-digital-tools/european-qualifications-framework"),
    "NZQF": ("New Zealand Qualifications and Credentials Framework", "https://www.nzqa.govt.nz/"),
}
TGA = "training.gov.au (Australia's national register of VET)"


def _alignment(name: str, url: str, target_type: str, **extra) -> dict:
    return {"type": ["Alignment"], "targetName": name, "targetUrl": url, "targetType": target_type, **extra}


def _criteria(cred: Credential) -> dict:
    """What a learner must do: the outcomes and how they are assessed (Markdown, as OB allows)."""
    data = cred.data
    lines = ["Learners who earn this can:", ""]
    lines += [f"- {outcome}" for outcome in data["learning_outcomes"]]
    lines += ["", "Assessment: " + ", ".join(facts.label(a).lower() for a in data["assessment"]) + "."]
    return {"id": data["url"], "narrative": "\n".join(lines)}


def _alignments(catalogue: Catalogue, cred: Credential) -> list[dict]:
    data = cred.data
    out = []
    level = data.get("level")
    if level:
        name, url = FRAMEWORKS[level["framework"]]
        out.append(_alignment(f"{level['framework']} level {level['level']}", url, "ext:QualificationsFrameworkLevel",
                              targetFramework=name, targetCode=str(level["level"])))
    for entry in data.get("stacks_into", []):
        target_url = urls.target(catalogue, entry["target"])
        extra = {}
        if entry.get("credit"):
            extra["targetDescription"] = f"Counts for {facts.credit(entry['credit'])} towards this award."
        out.append(_alignment(facts.target_title(catalogue, entry["target"]), urls.absolute(target_url or ""),
                              "ceterms:Credential", **extra))
    for entry in data.get("vet_credit", []):
        code = entry.get("qualification")
        if code:
            qual = catalogue.qualification_by_code(code)
            out.append(_alignment(qual.title if qual else code, qual.data["url"] if qual else facts.tga_url(code),
                                  "ceterms:Credential", targetCode=code, targetFramework=TGA))
        for unit in entry.get("units", []):
            out.append(_alignment(f"Unit of competency {unit}", facts.tga_url(unit), "ceasn:Competency",
                                  targetCode=unit, targetFramework=TGA))
    return out


def achievement(catalogue: Catalogue, cred: Credential) -> dict:
    """The credential as an Open Badges 3.0 Achievement (a dict, serialised with sorted keys)."""
    data = cred.data
    provider = cred.provider
    doc = {
        "@context": CONTEXT,
        "id": urls.absolute(urls.credential(cred)),
        "type": ["Achievement"],
        "name": data["title"],
        "description": data["summary"],
        "criteria": _criteria(cred),
        "achievementType": ACHIEVEMENT_TYPE[data["type"]],
        "creator": {"id": urls.absolute(urls.provider(provider.id)), "type": ["Profile"],
                    "name": provider.name, "url": provider.data["website"],
                    "address": {"type": ["Address"], "addressCountryCode": provider.data["country"]}},
        "humanCode": cred.global_id,
        "inLanguage": data["languages"][0],
        "fieldOfStudy": facts.field_of_education(data["field_of_education"]),
    }
    if "ects" in data:
        doc["creditsAvailable"] = data["ects"]
    if data.get("skills"):
        doc["tag"] = list(data["skills"])
    alignment = _alignments(catalogue, cred)
    if alignment:
        doc["alignment"] = alignment
    return doc


def badge_files(catalogue: Catalogue, reuse: Reuse = FRESH, put: Put = keep_all) -> dict[str, bytes | Written]:
    """Producer: `badges/<provider>/<credential>.json` for every credential, each handed to
    `put` as soon as it is made (a site build writes it to disk there)."""
    files = {}
    for c in catalogue.credentials.values():
        path = urls.badge_file(c)
        content = reuse.get("badge", export_key(catalogue, c), lambda: json_bytes(achievement(catalogue, c)))
        files.update(put({path: content}))
    return files
