"""The JSON Schemas described for people: every field in order (`walk`), its allowed values in
words (`allowed_values`), and an example of each from the example records in examples/.

Shared by the /contribute/ page (render/contribute.py) and `microcred new` (tools/scaffold.py),
so the field reference and the scaffold's comments say the same thing.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from .caches import cached
from .dump import flow
from .load import load_text
from .paths import modeline
from .schemas import load_schema, resolve

EXAMPLES_DIR = Path(__file__).parent / "examples"

ISO_LINKS = {
    "country": ("an ISO 3166-1 alpha-2 country code in capitals", "AU", "https://www.iso.org/obp/ui/#search/code/"),
    "currency": ("an ISO 4217 currency code in capitals", "AUD", "https://www.iso.org/iso-4217-currency-codes.html"),
}

# What the shared definitions mean, in words, instead of their regular expressions.
REF_WORDS = {
    "slug": "a slug: lower-case letters and digits in words joined by single hyphens, at most 80 characters",
    "https_url": "a web address starting with `https://`",
    "date": "a date written `YYYY-MM-DD`",
    "plain_text": "one line of text, no `<` or `>`",
    "vet_qualification_code": "a national qualification, skill set or accredited course code from training.gov.au",
    "vet_unit_code": "a national unit of competency code from training.gov.au",
}


@cached
def pattern_words() -> dict[str, str]:
    """Patterns said in words (they spell whitespace out character by character, unreadable on a
    page), keyed by the pattern as the schemas hold it now."""
    return {
        load_schema("credential")["properties"]["title"]["pattern"]: "on one line, not blank",
        load_schema("provider")["properties"]["contact_email"]["pattern"]:
            "an e-mail address such as `courses@example.edu`",
        load_schema("provider")["properties"]["maintainers"]["items"]["pattern"]:
            "letters, digits and single hyphens, not at the start or end",
    }

# Requirements that a cross-record rule enforces rather than the schema: (kind, field) -> (rule, words).
# tests/test_schemadoc.py checks each rule still exists.
CONDITIONAL = {
    ("credential", "locations"): ("location-required", "when `delivery` is not `online`"),
}


@cached
def example_source(kind: str) -> str:
    """The example record of a kind as written in examples/<kind>.yaml (without its modeline).
    Every field of every kind appears in one of them, and each is checked against its schema by
    the tests, so an example on the page is always a valid value."""
    return (EXAMPLES_DIR / f"{kind}.yaml").read_text(encoding="utf-8")


# Fields that the example records cannot show because they exclude another field shown there.
EXTRA_EXAMPLES = {
    ("credential", "duration.min_weeks"): 8,
    ("credential", "duration.max_weeks"): 16,
}

# --- Reading the schemas ----------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    kind: str
    path: str  # `cost.amount`, `stacks_into[].credit.value`
    schema: dict  # resolved
    ref: str | None
    required: str  # "yes", "no", or the condition under which it is required
    depth: int

    @property
    def description(self) -> str:
        return self.schema.get("description", "")


def _alternatives(obj: dict) -> dict[str, str]:
    """Requirement words for fields named by `oneOf`/`anyOf` branches and `dependentRequired`."""
    words: dict[str, str] = {}
    for keyword, lead in (("oneOf", "one form of: "), ("anyOf", "at least one of: ")):
        branches = [b.get("required", []) for b in obj.get(keyword, []) if b.get("required")]
        if branches:
            text = lead + "; or ".join(" and ".join(f"`{k}`" for k in b) for b in branches)
            for branch in branches:
                for key in branch:
                    words[key] = text
    for key, needs in obj.get("dependentRequired", {}).items():
        for other in needs:
            words.setdefault(other, f"when `{key}` is given")
    return words


def walk(kind: str) -> list[Field]:
    """Every field of a kind's schema, depth first in the schema's order, nested fields included."""
    fields: list[Field] = []
    _walk_object(kind, load_schema(kind), "", 0, fields)
    return fields


def _walk_object(kind: str, obj: dict, prefix: str, depth: int, out: list[Field]) -> None:
    required = set(obj.get("required", []))
    alternatives = _alternatives(obj)
    for key, sub in obj.get("properties", {}).items():
        schema, ref = resolve(sub)
        path = prefix + key
        if (kind, path) in CONDITIONAL:
            needed = CONDITIONAL[(kind, path)][1]
        elif key in required:
            needed = "yes"
        else:
            needed = alternatives.get(key, "no")
        out.append(Field(kind, path, schema, ref, needed, depth))
        if "properties" in schema:
            _walk_object(kind, schema, path + ".", depth + 1, out)
        elif schema.get("type") == "array":
            items, _ = resolve(schema.get("items", {}))
            if "properties" in items:
                _walk_object(kind, items, path + "[].", depth + 1, out)


# --- Words for a field's allowed values ---------------------------------------------------------

def _number_bounds(schema: dict) -> list[str]:
    words = []
    if "minimum" in schema:
        words.append(f"at least {_num(schema['minimum'])}")
    if "exclusiveMinimum" in schema:
        words.append(f"greater than {_num(schema['exclusiveMinimum'])}")
    if "maximum" in schema:
        words.append(f"at most {_num(schema['maximum'])}")
    return words


def _num(value) -> str:
    return str(int(value)) if isinstance(value, (int, float)) and float(value).is_integer() else str(value)


def allowed_values(schema: dict, ref: str | None = None, markdown: bool = True) -> str:
    """What a value may be, in words: the enum's values, a type with its bounds, or a format."""
    if "enum" in schema:
        if ref in ISO_LINKS:
            words, sample, link = ISO_LINKS[ref]
            return f"{words} ([list]({link}))" if markdown else f"{words}, such as {sample}"
        return "one of: " + ", ".join(_code(v, markdown) for v in schema["enum"])
    kind = schema.get("type")
    if kind == "string":
        parts = [REF_WORDS.get(ref, "text")]
        lo, hi = schema.get("minLength"), schema.get("maxLength")
        if ref not in ("slug", "https_url", "date", "vet_qualification_code", "vet_unit_code") and (lo or hi):
            parts.append(f"{lo or 0}-{hi} characters" if lo and hi else
                         (f"at least {lo} characters" if lo else f"at most {hi} characters"))
        if schema.get("pattern") in pattern_words():
            parts.append(pattern_words()[schema["pattern"]])
        elif "pattern" in schema and ref not in REF_WORDS:
            shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in schema["pattern"])
            parts.append(f"matching {_code(shown, markdown)}")
        return ", ".join(parts)
    if kind in ("number", "integer"):
        return ", ".join(["a whole number" if kind == "integer" else "a number", *_number_bounds(schema)])
    if kind == "boolean":
        return f"{_code('true', markdown)} or {_code('false', markdown)}"
    if kind == "array":
        items, item_ref = resolve(schema.get("items", {}))
        bounds = []
        if schema.get("minItems"):
            bounds.append(f"at least {schema['minItems']}")
        if schema.get("maxItems"):
            bounds.append(f"at most {schema['maxItems']}")
        last = schema.get("maxItems", schema.get("minItems"))
        head = "a list" + (f" ({', '.join(bounds)} item{'' if last == 1 else 's'})" if bounds else "")
        if schema.get("uniqueItems"):
            head += " without repeats"
        if "properties" in items:
            return head + " of mappings with the fields below"
        return f"{head}, each {allowed_values(items, item_ref, markdown)}"
    if kind == "object" or "properties" in schema:
        return "a mapping with the fields below"
    return "see the description"


def _code(value, markdown: bool) -> str:
    return f"`{value}`" if markdown else str(value)


# --- Examples -----------------------------------------------------------------------------------

def example_record(kind: str) -> dict:
    """The example record of a kind (a fresh copy: callers may change it)."""
    return copy.deepcopy(_parsed_example(kind))


@cached
def _parsed_example(kind: str) -> dict:
    # Parsed once: the field reference looks up an example for every field of every kind.
    doc = load_text(modeline(kind) + "\n" + example_source(kind), f"example.{kind}.yaml", kind)
    if doc.data is None:  # a bug in this module, caught by the tests
        raise ValueError(f"the example {kind} does not load: {doc.problems}")
    return doc.data


_MISSING = object()


def example_value(kind: str, path: str):
    """The example record's value at a field path (`[]` takes the first item), or _MISSING."""
    if (kind, path) in EXTRA_EXAMPLES:
        return EXTRA_EXAMPLES[(kind, path)]
    value = example_record(kind)
    for part in re.split(r"\.", path):
        list_item = part.endswith("[]")
        key = part[:-2] if list_item else part
        if not isinstance(value, dict) or key not in value:
            return _MISSING
        value = value[key]
        if list_item:
            if not isinstance(value, list) or not value:
                return _MISSING
            value = value[0]
    return value


def example_text(kind: str, path: str) -> str | None:
    """The example for a field as one line of YAML, shortened (with " ...") where it is long."""
    value = example_value(kind, path)
    if value is _MISSING:
        return None
    if isinstance(value, str) and ("\n" in value or len(value) > 80):
        first = value.split("\n", 1)[0]
        value = (first[:72].rsplit(" ", 1)[0] if len(first) > 72 else first) + " ..."
    text = flow(value)
    if isinstance(value, list) and len(text) > 70:
        text = flow(value[:1])
    if isinstance(value, dict) and len(text) > 70:
        text = "see the fields below"
    return text
