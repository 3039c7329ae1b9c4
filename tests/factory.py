"""Generated catalogues for tests and benchmarks: valid, varied, invented (never in catalogue/).

`make_catalogue(folder, credentials=N)` writes N credential records spread over providers and
qualifications, with every kind of cost, duration, delivery, stacking and VET credit, from a fixed
seed so every run writes the same files.
"""
from __future__ import annotations

import random
from pathlib import Path

from microcred.dump import dump_record
from microcred.paths import modeline

TYPES = ["micro-credential", "skill-set", "professional-certificate", "digital-badge", "nanodegree",
         "micromasters", "short-course", "bootcamp-certificate"]
FIELDS = ["0613", "0612", "0611", "0413", "0414", "0411", "0542", "0913", "1013", "1022", "0732"]
SKILLS = ["Python", "SQL", "project scheduling", "first aid", "food safety", "data visualisation",
          "cloud computing", "customer service", "budgeting", "leadership", "machine learning", "WHS"]
LANGUAGES = [["en"], ["en"], ["en-AU"], ["en", "fr"], ["de"], ["zh-Hant-TW"]]
CURRENCIES = ["AUD", "USD", "EUR", "GBP", "NZD"]


def _dump(path: Path, kind: str, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(modeline(kind) + "\n" + dump_record(record), encoding="utf-8")


def provider_record(pid: str, rng: random.Random) -> dict:
    return {
        "id": pid,
        "name": f"Provider {pid.split('-')[-1]} Institute",
        "type": rng.choice(["university", "tafe", "rto", "industry", "online-platform"]),
        "country": rng.choice(["AU", "NZ", "GB", "US", "NO"]),
        "website": f"https://{pid}.example.org/",
        "maintainers": [f"{pid}-maint"],
    }


def qualification_record(qid: str, code: str | None, i: int, accepts: list[str] = ()) -> dict:
    record = {
        "id": qid,
        "title": f"Certificate IV in Example Studies {i}",
        "type": "vet-qualification" if code else "higher-education-award",
        "awarding_body": "Example Awarding Body",
        "url": f"https://awards.example.org/{qid}",
        "credit_required": {"value": 4, "unit": "units-of-competency" if code else "credit-points"},
    }
    if code:
        record["code"] = code
        record["framework"], record["level"] = "AQF", 4
    elif accepts:  # a degree takes credit only from the providers it names (stacking-confirmed)
        record["accepts_credit_from"] = list(accepts)
    return record


def credential_record(i: int, provider: str, rng: random.Random, qualifications: list[dict]) -> dict:
    hours = rng.choice([2, 6, 12, 25, 40, 60, 100, 150, 300])
    record: dict = {
        "id": f"credential-{i:05d}",
        "title": f"{rng.choice(SKILLS).capitalize()} essentials {i}",
        "provider": provider,
        "summary": f"A generated listing number {i} that teaches {rng.choice(SKILLS)} to working adults.",
        "description": "Learn by doing.\n\n- weekly tasks\n- a final *project*\n",
        "url": f"https://{provider}.example.org/courses/{i}",
        "type": rng.choice(TYPES),
        "status": rng.choice(["active", "active", "active", "upcoming", "retired"]),
        "languages": rng.choice(LANGUAGES),
        "learning_outcomes": [f"Apply {rng.choice(SKILLS)} at work", "Explain the main ideas"],
        "skills": sorted(set(rng.sample(SKILLS, 3))),
        "field_of_education": rng.choice(FIELDS),
        "workload_hours": hours,
    }
    if rng.random() < 0.5:
        record["level"] = {"framework": rng.choice(["AQF", "EQF"]), "level": rng.randint(3, 8)}
    record["difficulty"] = rng.choice(["introductory", "intermediate", "advanced"])
    weeks = max(1, hours // 8)
    record["duration"] = {"weeks": weeks} if rng.random() < 0.6 else {"min_weeks": weeks, "max_weeks": weeks + 4}
    record["pace"] = rng.choice(["self-paced", "scheduled", "cohort"])
    record["delivery"] = rng.choice(["online", "online", "in-person", "blended"])
    if record["delivery"] != "online":
        record["locations"] = [{"country": "AU", "region": "NSW", "city": "Sydney"}]
    kind = rng.random()
    currency = rng.choice(CURRENCIES)
    if kind < 0.2:
        record["cost"] = {"amount": 0, "currency": currency, "basis": "one-off"}
    elif kind < 0.4:
        record["cost"] = {"amount": 0, "currency": currency, "basis": "one-off", "certificate_fee": 149}
    elif kind < 0.6:
        record["cost"] = {"amount": 49, "currency": "USD", "basis": "per-month"}
    else:
        record["cost"] = {"amount": rng.choice([30, 250, 900, 3200]), "currency": currency, "basis": "one-off"}
    record["assessment"] = sorted(set(rng.sample(["quiz", "exam", "project", "portfolio", "practical"], 2)))
    record["quality_assurance"] = {"type": rng.choice(["regulated", "accredited", "industry-endorsed", "internal"])}
    if qualifications and rng.random() < 0.3:
        target = rng.choice(qualifications)
        record["stacks_into"] = [{"target": target["id"], "credit": {"value": 1, "unit": target["credit_required"]["unit"]}}]
    vet = [q for q in qualifications if q.get("code")]
    if vet and rng.random() < 0.25:
        q = rng.choice(vet)
        record["vet_credit"] = [{"qualification": q["code"], "units": ["BSBPMG430", "BSBWHS311"][: rng.randint(1, 2)],
                                 "credit_type": "credit-transfer"}]
    record["issued_as"] = rng.choice(["open-badge", "digital-certificate"])
    record["last_reviewed"] = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
    return record


def make_catalogue(folder: Path, credentials: int = 20, providers: int | None = None,
                   qualifications: int = 4, seed: int = 1, also_accepted: tuple[str, ...] = ()) -> Path:
    """Write a valid generated catalogue under `folder` and return `folder`. Its degrees accept
    credit from its providers and from `also_accepted` (providers a caller adds later)."""
    rng = random.Random(seed)
    folder = Path(folder)
    n_providers = providers or max(1, min(200, credentials // 50 or 1))
    provider_ids = [f"provider-{i:03d}" for i in range(n_providers)]
    for pid in provider_ids:
        _dump(folder / "providers" / f"{pid}.yaml", "provider", provider_record(pid, rng))
    quals = []
    for i in range(qualifications):
        code = f"BSB{40000 + i * 10 + 20}" if i % 2 == 0 else None
        q = qualification_record(f"qualification-{i:02d}", code, i, [*provider_ids, *also_accepted])
        quals.append(q)
        _dump(folder / "qualifications" / f"{q['id']}.yaml", "qualification", q)
    for i in range(credentials):
        provider = provider_ids[i % n_providers]
        record = credential_record(i, provider, rng, quals)
        _dump(folder / "credentials" / provider / f"{record['id']}.yaml", "credential", record)
    return folder


def write_record(folder: Path, kind: str, record: dict, name: str | None = None) -> Path:
    """Write one record where its kind belongs; returns the file's path."""
    if kind == "credential":
        path = folder / "credentials" / record.get("provider", "unknown") / f"{name or record['id']}.yaml"
    else:
        path = folder / f"{kind}s" / f"{name or record['id']}.yaml"
    _dump(path, kind, record)
    return path
