"""Rules on national (VET) qualification codes: each code named has a record, and one record a code."""
from __future__ import annotations

from ..registry import rule


@rule("vet-qualification-exists", ("credential",), "a qualification code in `vet_credit` has a qualification record in the catalogue")
def check_vet_qualification_exists(doc, index):
    for i, item in enumerate(doc.data.get("vet_credit", [])):
        code = item.get("qualification")
        if code and code not in index.qualification_codes:
            yield ("vet_credit", i, "qualification"), f"no qualification with code `{code}` in the catalogue", \
                f"add catalogue/qualifications/<id>.yaml with `code: {code}` (title and url from training.gov.au), or fix the code"


@rule("unique-qualification-code", ("qualification",), "no two qualification records carry the same national code")
def check_unique_qualification_code(doc, index):
    code = doc.data.get("code")
    if code:
        owners = index.qualification_codes.get(code, [])
        others = sorted(q for q in owners if q != doc.data["id"])
        if others:
            yield ("code",), f"code `{code}` is also used by qualification `{others[0]}`", \
                "keep one record per national code: merge the two files"
