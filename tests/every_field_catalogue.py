"""The edge catalogue (package_edge_cases) plus listings that use what it leaves out: dated
intakes, in-person delivery, and a quality-assurance body for each way a body can assure one.
The standards tests (CTDL, schema.org, feeds) export it, so every optional field meets each
standard's vocabulary."""
from __future__ import annotations

from pathlib import Path

from factory import write_record
from package_edge_cases import edge_catalogue


def every_field_catalogue(folder: Path) -> Path:
    edge_catalogue(folder)
    for qa_type in ("regulated", "industry-endorsed"):
        write_record(folder, "credential", {
            "id": f"assured-{qa_type}", "title": f"Assured: {qa_type}", "provider": "nordic",
            "summary": "A listing whose quality assurance names its body.", "url": "https://læring.example.no/q",
            "type": "skill-set", "status": "retired", "languages": ["de"], "learning_outcomes": ["Do it"],
            "field_of_education": "0413", "workload_hours": 8, "duration": {"weeks": 2}, "pace": "cohort",
            "delivery": "in-person", "locations": [{"country": "DE", "city": "Köln"}],
            "cost": {"amount": 90, "currency": "EUR", "basis": "one-off"}, "assessment": ["workplace-observation"],
            "quality_assurance": {"type": qa_type, "body": "Kammer <b>&amp;</b>"},
            "sessions": [{"start": "2026-09-01", "end": "2026-09-14", "city": "Köln"}, {"start": "2027-01-10"}],
            "last_reviewed": "2026-06-01"})
    return folder
