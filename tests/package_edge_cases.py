"""A generated catalogue plus records built to break a CSV round trip: Unicode, commas, quotes,
newlines, absent optional fields, empty lists, `NO`, leading zeros, ints next to floats."""
from __future__ import annotations

from pathlib import Path

from factory import make_catalogue, write_record

NASTY = 'Tromsø, "Nordland" — 数据 🎓 naïve\u0301 עברית'


def edge_catalogue(folder: Path, credentials: int = 30) -> Path:
    make_catalogue(folder, credentials=credentials, also_accepted=("nordic",))  # provider-000.., qualification-00 has code BSB40020
    # unicode-everything stacks into provider-000's credential, which says it accepts that credit.
    target = folder / "credentials" / "provider-000" / "credential-00000.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "accepts_credit_from: [nordic]\n", encoding="utf-8")
    write_record(folder, "provider", {
        "id": "nordic", "name": 'Nordisk "Læring", AS; line two', "type": "university",
        "country": "NO", "website": "https://læring.example.no/?a=1,2", "rto_code": "09003",
        "contact_email": "kontakt@example.no", "description": 'Commas, "quotes",\nand a newline.',
        "maintainers": []})
    write_record(folder, "provider", {"id": "bare", "name": "Bare provider", "type": "employer",
                                      "country": "NA", "website": "https://bare.example.com"})
    write_record(folder, "qualification", {
        "id": "master-of-data", "title": "Mästare i data, \"avancerad\"", "type": "higher-education-award",
        "framework": "EQF", "level": 7, "awarding_body": "Universitetet i Tromsø",
        "url": "https://uit.example.no/master", "credit_required": {"value": 7.5, "unit": "ects"},
        "accepts_credit_from": ["nordic"]})
    write_record(folder, "credential", {
        "id": "unicode-everything", "title": 'Data, "Tromsø" & 数据 🎓', "provider": "nordic",
        "summary": 'A summary with commas, "double quotes", \'single quotes\'; and a second clause.',
        "description": "Paragraph one, with a comma.\n\n- item \"one\"\n- item two\n",
        "url": "https://læring.example.no/kurs?id=1,2&x=\"y\"", "type": "micro-credential", "status": "active",
        "languages": ["nb", "en", "zh-Hant-TW"],
        "learning_outcomes": [NASTY, "Line one; line two", "  padded  ", "a, b, c"],
        "skills": ["NO", "true", "1e3", "0613", "null", "SUM(1,2)", "[not json]", "\"quoted\""],
        "field_of_education": "0613", "level": {"framework": "EQF", "level": 6}, "difficulty": "advanced",
        "workload_hours": 12.5, "ects": 7.5, "duration": {"min_weeks": 1.5, "max_weeks": 3},
        "pace": "cohort", "delivery": "blended",
        "locations": [{"country": "NO", "region": "Troms", "city": "Tromsø"}, {"country": "NA"}],
        "cost": {"amount": 1250.5, "currency": "NOK", "basis": "per-unit", "certificate_fee": 0,
                 "funding": ["Lånekassen, \"stipend\"", "Employer funded"], "note": 'Line one, "two"'},
        "assessment": ["exam", "project"], "identity_verified": False,
        "quality_assurance": {"type": "accredited", "body": 'NOKUT, "Norway"'},
        "prerequisites": ["Basic statistics, or equivalent"],
        "stacks_into": [{"target": "master-of-data", "credit": {"value": 0.5, "unit": "ects"}, "note": "a, \"b\""},
                        {"target": "provider-000/credential-00000"},
                        {"target": "qualification-01", "credit": {"value": 2, "unit": "credit-points"}}],
        "vet_credit": [{"qualification": "BSB40020", "credit_type": "advanced-standing"},
                       {"units": ["BSBPMG430"], "credit_type": "recognition-of-prior-learning",
                        "granted_by": "TAFE, \"North\""},
                       {"qualification": "BSB40020", "units": ["BSBWHS311", "BSBPMG430"],
                        "credit_type": "credit-transfer", "evidence_url": "https://example.org/credit,x"}],
        "issued_as": "verifiable-credential", "last_reviewed": "2026-02-01",
        "sources": ["https://example.org/a", "https://example.org/b,c"]})
    write_record(folder, "credential", {
        "id": "empty-lists", "title": "Empty lists", "provider": "bare",
        "summary": "Every list that may be empty is empty here.", "url": "https://bare.example.com/e",
        "type": "digital-badge", "status": "upcoming", "languages": ["en"], "learning_outcomes": ["Do it"],
        "skills": [], "field_of_education": "0011", "workload_hours": 1, "duration": {"weeks": 1},
        "pace": "self-paced", "delivery": "online",
        "cost": {"amount": 0, "currency": "USD", "basis": "one-off", "funding": []},
        "assessment": ["quiz"], "identity_verified": True, "quality_assurance": {"type": "internal"},
        "prerequisites": [], "stacks_into": [], "vet_credit": [], "last_reviewed": "2025-01-31"})
    write_record(folder, "credential", {
        "id": "required-only", "title": "Only what is required", "provider": "bare",
        "summary": "No optional field at all, so every optional cell is empty.", "url": "https://bare.example.com/r",
        "type": "short-course", "status": "retired", "languages": ["en"], "learning_outcomes": ["Do it"],
        "field_of_education": "1013", "workload_hours": 10000, "duration": {"weeks": 520},
        "pace": "scheduled", "delivery": "online", "cost": {"amount": 3, "currency": "AUD", "basis": "per-month"},
        "assessment": ["quiz"], "quality_assurance": {"type": "regulated"}, "last_reviewed": "2024-12-31"})
    return folder
