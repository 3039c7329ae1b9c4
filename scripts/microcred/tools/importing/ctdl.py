"""CTDL (Credential Engine) JSON-LD -> the fields of a credential it states.

A document is one node or a `@graph`. Each credential node (any class that is not a learning
opportunity, an organisation or a profile) becomes one draft, with the learning opportunity it
`requires` when the graph holds that node (ctdl_values.learning_fields); a graph without a
credential drafts its first learning opportunity (a program before a course). A document with
neither (an organisation alone) is refused: there is no listing in it.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ...check.index import CatalogueIndex
from ...export import ctdl_terms as terms
from ...paths import SITE_URL
from .ctdl_values import (CREDIT_WORDS, DIFFICULTY, STATUS, as_list, first_concept, learning_fields, number, slug,
                          text, texts)

LEARNING = ("ceterms:LearningProgram", "ceterms:Course", "ceterms:LearningOpportunityProfile")
NOT_CREDENTIALS = {*LEARNING, "ceterms:CredentialOrganization", "ceterms:QACredentialOrganization",
                   "ceterms:Organization", "ceterms:ConditionProfile", "ceterms:CostProfile", "ceterms:Place",
                   "ceterms:AssessmentProfile", "ceterms:Competency", "ceasn:Competency", "ceterms:Job",
                   "ceterms:Occupation", "ceterms:DurationProfile"}
# The classes that stand for one of our types only (ceterms:Certificate stands for six).
_BY_CLASS: dict[str, list[str]] = {}
for _ours, _class in terms.CREDENTIAL_CLASS.items():
    _BY_CLASS.setdefault(_class, []).append(_ours)
CREDENTIAL_TYPE = {c: v[0] for c, v in _BY_CLASS.items() if len(v) == 1} | {"ceterms:Badge": "digital-badge",
                                                                            "ceterms:OpenBadge": "digital-badge"}
QA_TYPE = {relation: kind for kind, relation in terms.QA_RELATION.items()}
_CTDL_FILE = re.compile(re.escape(SITE_URL) + r"data/ctdl/credentials/([a-z0-9-]+)/([a-z0-9-]+)\.json#credential$")
_PAGE = re.compile(re.escape(SITE_URL) + r"(?:qualifications/([a-z0-9-]+)|credentials/([a-z0-9-]+)/([a-z0-9-]+))/#credential$")


def _types(node: dict) -> set[str]:
    return {t for t in as_list(node.get("@type")) if isinstance(t, str)}


def _nodes(doc) -> list[dict]:
    if not isinstance(doc, dict):
        raise ValueError("not a CTDL JSON-LD document (a JSON object with `@type` or `@graph`)")
    nodes = [n for n in as_list(doc.get("@graph")) if isinstance(n, dict)] if "@graph" in doc else [doc]
    if not any(_types(n) for n in nodes):
        raise ValueError("no CTDL node with an `@type` in the document")
    return nodes


def _folded(name) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip() if isinstance(name, str) else ""


def _provider(refs: list, by_id: dict, index: CatalogueIndex) -> str | None:
    """The catalogue's provider for the owning organisation (by name, then website), else a slug of its name."""
    for ref in refs:
        org = by_id.get(ref) if isinstance(ref, str) else ref
        if not isinstance(org, dict):
            continue
        name, site = text(org.get("ceterms:name")), text(org.get("ceterms:subjectWebpage"))
        for pid, paths in index.provider_files.items():
            data = index.document(paths[0]).data
            if isinstance(data, dict) and ((name and _folded(data.get("name")) == _folded(name)) or
                                           (site and str(data.get("website", "")).rstrip("/") == site.rstrip("/"))):
                return pid
        if name:
            return slug(name)
    return None


def _summary(description: str | None) -> tuple[str | None, str | None]:
    """(summary, description): a text of up to 300 characters is the summary; a longer one is the
    description, and its first sentence the summary when that fits."""
    if not description or len(description) <= 300:
        return description, None
    first = re.split(r"(?<=[.!?])\s", description, maxsplit=1)[0]
    return (first if 20 <= len(first) <= 300 else None), description


def _target(ref) -> str | None:
    """A stacking target's node id -> its record id, for the ids this catalogue's export writes."""
    if not isinstance(ref, str):
        return None
    m = _CTDL_FILE.match(ref)
    if m:
        return f"{m.group(1)}/{m.group(2)}"
    m = _PAGE.match(ref)
    return (m.group(1) or f"{m.group(2)}/{m.group(3)}") if m else None


def _stacking(node: dict) -> list[dict]:
    credit = {}
    for profile in (p for p in as_list(node.get("ceterms:isAdvancedStandingFor")) if isinstance(p, dict)):
        unit = CREDIT_WORDS.get(text(profile.get("ceterms:creditUnitTypeDescription")) or "")
        value = number(profile.get("ceterms:creditUnitValue"))
        for ref in as_list(profile.get("ceterms:targetCredential")):
            if unit and value is not None:
                credit[ref] = {"value": value, "unit": unit}
    out = []
    for ref in as_list(node.get("ceterms:isPartOf")):
        target = _target(ref)
        if target:
            out.append({"target": target, **({"credit": credit[ref]} if ref in credit else {})})
    return out


def _credential_fields(node: dict, lopp: dict | None, by_id: dict, index: CatalogueIndex) -> dict:
    out: dict = {}
    coded = text(node.get("ceterms:codedNotation")) or ""
    if re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+", coded):
        out["provider"], out["id"] = coded.split("/")
    out["title"] = text(node.get("ceterms:name"))
    out.setdefault("id", slug(out["title"] or ""))
    if "provider" not in out:
        out["provider"] = _provider(as_list(node.get("ceterms:ownedBy")) + as_list(node.get("ceterms:offeredBy")), by_id, index)
    out["summary"], out["description"] = _summary(text(node.get("ceterms:description")))
    out["url"] = text(node.get("ceterms:subjectWebpage"))
    out["type"] = next((CREDENTIAL_TYPE[t] for t in sorted(_types(node)) if t in CREDENTIAL_TYPE), None)
    out["status"] = first_concept(node.get("ceterms:credentialStatusType"), STATUS)
    out["languages"] = [t for t in as_list(node.get("ceterms:inLanguage")) if isinstance(t, str)]
    out["skills"] = texts(node.get("ceterms:keyword"))
    out["difficulty"] = first_concept(node.get("ceterms:audienceLevelType"), DIFFICULTY)
    for relation, kind in QA_TYPE.items():
        bodies = [by_id.get(r, r) if isinstance(r, str) else r for r in as_list(node.get(relation))]
        names = [text(b.get("ceterms:name")) for b in bodies if isinstance(b, dict)]
        if bodies:
            out["quality_assurance"] = {"type": kind, **({"body": names[0]} if names and names[0] else {})}
            break
    out["stacks_into"] = _stacking(node)
    if lopp is not None:
        found = learning_fields(lopp, by_id)
        for key in ("languages", "skills"):
            if not out.get(key):
                out[key] = found.pop(key, None) or ([t for t in as_list(lopp.get("ceterms:inLanguage")) if isinstance(t, str)]
                                                     if key == "languages" else texts(lopp.get("ceterms:keyword")))
        out["url"] = out["url"] or text(lopp.get("ceterms:subjectWebpage"))
        out["status"] = out["status"] or first_concept(lopp.get("ceterms:lifeCycleStatusType"), STATUS)
        out.update({k: v for k, v in found.items() if v not in (None, [], {})})
    fee = [c for c in as_list(node.get("ceterms:estimatedCost"))
           if isinstance(c, dict) and text(c.get("ceterms:name")) == "Certificate" and number(c.get("ceterms:price")) is not None]
    if fee and isinstance(out.get("cost"), dict):
        out["cost"]["certificate_fee"] = number(fee[0]["ceterms:price"])
    return out


def _learning_of(node: dict, by_id: dict) -> dict | None:
    for condition in (c for c in as_list(node.get("ceterms:requires")) if isinstance(c, dict)):
        for ref in as_list(condition.get("ceterms:targetLearningOpportunity")):
            found = by_id.get(ref) if isinstance(ref, str) else ref
            if isinstance(found, dict):
                return found
    return None


def mapped_records(doc, catalogue_dir: Path) -> list[dict]:
    nodes = _nodes(doc)
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    index = CatalogueIndex(catalogue_dir.resolve())
    credentials = [n for n in nodes if _types(n) and not _types(n) & NOT_CREDENTIALS]
    # A graph's own credentials carry a CTID; the awards it names (stacking targets) are references.
    credentials = [n for n in credentials if n.get("ceterms:ctid")] or credentials
    if credentials:
        return [_credential_fields(n, _learning_of(n, by_id), by_id, index) for n in credentials]
    for kind in LEARNING:
        first = next((n for n in nodes if kind in _types(n)), None)
        if first is not None:
            return [_credential_fields(first, first, by_id, index)]
    raise ValueError("the document holds no credential and no learning opportunity to draft a listing from")
