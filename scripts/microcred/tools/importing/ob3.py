"""Open Badges 3.0 `Achievement` -> the fields of a credential it carries.

Read as export/badges.py writes it (and as other issuers write OB 3.0): `name`, `description`,
`criteria` (its `id` the listing's page; a narrative of outcomes and assessment), `achievementType`,
`humanCode` (`provider/credential`), `inLanguage`, `fieldOfStudy`, `creditsAvailable` (ECTS),
`tag`, and `alignment` (framework level, stacking targets and their credit). An Achievement
carries one language, no stacking notes and no VET credit types: those are left to fill in.
"""
from __future__ import annotations

import re
from pathlib import Path

from ...export.badges import ACHIEVEMENT_TYPE, FRAMEWORKS
from ...paths import SITE_URL
from ...render import facts
from ...schemas import load_schema

# An AchievementType that only one of our types becomes maps back; `Certificate` (five of ours)
# does not: the draft leaves `type` to fill in.
_TYPES: dict[str, list[str]] = {}
for _ours, _theirs in ACHIEVEMENT_TYPE.items():
    _TYPES.setdefault(_theirs, []).append(_ours)
_FRAMEWORK_BY_NAME = {name: key for key, (name, _url) in FRAMEWORKS.items()}
_CREDIT = re.compile(r"Counts for (?P<value>[0-9.]+) (?P<unit>[A-Za-z ]+?) towards")


def _assessments() -> dict[str, str]:
    return {facts.label(a).lower(): a for a in load_schema("credential")["properties"]["assessment"]["items"]["enum"]}


def _criteria(narrative: str) -> tuple[list[str], list[str]]:
    """Outcomes (`- ` lines) and assessment types (`Assessment: quiz, exam.`) from a narrative."""
    outcomes = [line[2:].strip() for line in narrative.splitlines() if line.startswith("- ")]
    assessment = []
    m = re.search(r"^Assessment: (.*?)\.?$", narrative, re.M)
    if m:
        names = _assessments()
        assessment = [names[w.strip()] for w in m.group(1).split(",") if w.strip() in names]
    return outcomes, assessment


def _credit(description: str) -> dict | None:
    m = _CREDIT.search(description or "")
    if not m:
        return None
    units = {word: key for key, pair in facts.CREDIT_UNITS.items() for word in pair}
    unit = units.get(m.group("unit"))
    value = float(m.group("value"))
    return {"value": int(value) if value.is_integer() else value, "unit": unit} if unit else None


def _target(url: str) -> str | None:
    """A catalogue page's address -> the record id it shows (`qualifications/x/`, `credentials/p/c/`)."""
    if not isinstance(url, str) or not url.startswith(SITE_URL):
        return None
    parts = url[len(SITE_URL):].strip("/").split("/")
    if len(parts) == 2 and parts[0] == "qualifications":
        return parts[1]
    if len(parts) == 3 and parts[0] == "credentials":
        return f"{parts[1]}/{parts[2]}"
    return None


def _alignments(doc: dict, out: dict) -> None:
    stacks = []
    for a in doc.get("alignment") or []:
        if not isinstance(a, dict):
            continue
        if a.get("targetType") == "ext:QualificationsFrameworkLevel" and a.get("targetFramework") in _FRAMEWORK_BY_NAME:
            code = str(a.get("targetCode", ""))
            if code.isdigit():
                out["level"] = {"framework": _FRAMEWORK_BY_NAME[a["targetFramework"]], "level": int(code)}
        elif a.get("targetType") == "ceterms:Credential" and _target(a.get("targetUrl")):
            entry = {"target": _target(a["targetUrl"])}
            credit = _credit(a.get("targetDescription", ""))
            if credit:
                entry["credit"] = credit
            stacks.append(entry)
    if stacks:
        out["stacks_into"] = stacks


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def achievement_fields(doc: dict) -> dict:
    if not isinstance(doc, dict) or "Achievement" not in (doc.get("type") or []):
        raise ValueError("not an Open Badges 3.0 Achievement (its `type` does not include `Achievement`)")
    out: dict = {}
    human = _text(doc.get("humanCode")) or ""
    if human.count("/") == 1:
        out["provider"], out["id"] = human.split("/")
    out["title"] = _text(doc.get("name"))
    out["summary"] = _text(doc.get("description"))
    criteria = doc.get("criteria") if isinstance(doc.get("criteria"), dict) else {}
    out["url"] = _text(criteria.get("id"))
    outcomes, assessment = _criteria(_text(criteria.get("narrative")) or "")
    out["learning_outcomes"], out["assessment"] = outcomes, assessment
    types = _TYPES.get(doc.get("achievementType"), [])
    if len(types) == 1:
        out["type"] = types[0]
    if _text(doc.get("inLanguage")):
        out["languages"] = [doc["inLanguage"]]
    study = _text(doc.get("fieldOfStudy")) or ""
    if re.match(r"[01][0-9]{3}\b", study):
        out["field_of_education"] = study[:4]
    if isinstance(doc.get("creditsAvailable"), (int, float)):
        out["ects"] = doc["creditsAvailable"]
    if isinstance(doc.get("tag"), list):
        out["skills"] = [t for t in doc["tag"] if isinstance(t, str)]
    _alignments(doc, out)
    return out


def mapped_records(doc, catalogue_dir: Path) -> list[dict]:
    return [achievement_fields(doc)]
