"""Write vocabulary.json, the part of a schema.org release that tests/test_schemaorg.py checks
against: every type with its supertypes, every property with its domain and range.

    python tests/standards/schemaorg/make_vocabulary.py PATH/TO/schemaorg 30.0

reads data/releases/<release>/schemaorg-current-https-{types,properties}.csv from a clone of
github.com/schemaorg/schemaorg (the full release files are several megabytes; the descriptions
are left out).
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

PREFIX = "https://schema.org/"


def _names(cell: str) -> list[str]:
    return sorted(v.strip().removeprefix(PREFIX) for v in cell.split(",") if v.strip())


def main(clone: str, release: str) -> None:
    folder = Path(clone) / "data" / "releases" / release
    with open(folder / "schemaorg-current-https-types.csv", encoding="utf-8", newline="") as f:
        types = {row["id"].removeprefix(PREFIX): _names(row["subTypeOf"]) for row in csv.DictReader(f)}
    with open(folder / "schemaorg-current-https-properties.csv", encoding="utf-8", newline="") as f:
        properties = {row["id"].removeprefix(PREFIX): {"domain": _names(row["domainIncludes"]),
                                                       "range": _names(row["rangeIncludes"])}
                      for row in csv.DictReader(f)}
    out = {"release": release, "source": f"https://github.com/schemaorg/schemaorg/tree/main/data/releases/{release}",
           "types": dict(sorted(types.items())), "properties": dict(sorted(properties.items()))}
    (Path(__file__).parent / "vocabulary.json").write_text(
        json.dumps(out, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
