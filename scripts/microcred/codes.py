"""ISO code lists for the schema, taken from pycountry rather than typed by hand.

`python -m microcred.codes` rewrites the `country` and `currency` enums of
`schema/common.schema.json`; a test fails when they drift from the installed pycountry.
"""
from __future__ import annotations

import json

import pycountry

from .paths import SCHEMA_DIR


def country_codes() -> list[str]:
    return sorted(c.alpha_2 for c in pycountry.countries)


def currency_codes() -> list[str]:
    return sorted(c.alpha_3 for c in pycountry.currencies)


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name if country else code


def language_name(tag: str) -> str:
    """English name of a BCP 47 tag's language, with its region: `en-AU` -> `English (Australia)`."""
    base, _, region = tag.partition("-")
    lang = pycountry.languages.get(alpha_2=base) if len(base) == 2 else pycountry.languages.get(alpha_3=base)
    name = lang.name if lang else tag
    if region and len(region) == 2 and region.isupper():
        return f"{name} ({country_name(region)})"
    return name


def write_schema_codes() -> None:
    path = SCHEMA_DIR / "common.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$defs"]["country"]["enum"] = country_codes()
    schema["$defs"]["currency"]["enum"] = currency_codes()
    path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_schema_codes()
