"""Rules on national (VET) qualification codes: a code named in `vet_credit` is linked to its record
where the catalogue holds one, and one record a code.

A provider may give credit towards a national qualification the catalogue holds no record of
(the record format allows it), so a code without a record is a warning that names the national
register's page, which is where the credential page links it; not an error.
"""
from __future__ import annotations

from pathlib import Path

from ...domain import register_url
from ...problems import WARNING
from ..registry import rule


@rule("vet-qualification-exists", ("credential",),
      "a qualification code in `vet_credit` without a qualification record in the catalogue is linked to the national register",
      severity=WARNING, across_files=True)
def check_vet_qualification_exists(doc, index):
    for i, item in enumerate(doc.data.get("vet_credit", [])):
        code = item.get("qualification")
        if code and code not in index.qualification_codes:
            yield ("vet_credit", i, "qualification"), \
                f"no qualification with code `{code}` in the catalogue: pages link it to {register_url(code)}", \
                f"check the code on that page; to show the qualification's own page and its pathways, add " \
                f"catalogue/qualifications/<id>.yaml with `code: {code}`"


@rule("unique-qualification-code", ("qualification",), "no two qualification records carry the same national code", across_files=True)
def check_unique_qualification_code(doc, index):
    code = doc.data.get("code")
    if code:
        # The index knows records by file name; a file whose `id` differs from its name is reported
        # once, by id-matches-filename, not again here as a clash with itself.
        owners = index.qualification_codes.get(code, [])
        others = sorted(q for q in owners if q not in (doc.data["id"], Path(doc.file).stem))
        if others:
            yield ("code",), f"code `{code}` is also used by qualification `{others[0]}`", \
                "keep one record per national code: merge the two files"
