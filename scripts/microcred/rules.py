"""Cross-record rules: the checks a JSON Schema cannot express.

Each rule is a small function registered by name. It receives one loaded document and the
catalogue index, and yields problems. A rule only runs on documents the schema accepted, so it can
trust types; `tests/fixtures/invalid/<rule>.yaml` breaks each rule at least once.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .index import CatalogueIndex, name_key
from .load import Document
from .paths import modeline
from .problems import ERROR, WARNING, Problem, format_path

STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Rule:
    name: str
    kinds: tuple[str, ...]
    severity: str
    summary: str
    check: Callable[[Document, CatalogueIndex], Iterator[tuple[tuple, str, str]]]


RULES: dict[str, Rule] = {}


def rule(name: str, kinds: tuple[str, ...], summary: str, severity: str = ERROR):
    """Register a check. It yields `(field path, message, hint)` for each problem it finds."""

    def register(func):
        RULES[name] = Rule(name, kinds, severity, summary, func)
        return func

    return register


ALL = ("credential", "provider", "qualification")


def _path_of(doc: Document) -> Path:
    return Path(doc.file)


@rule("schema-modeline", ALL, "the first line points editors at the record's JSON Schema")
def check_schema_modeline(doc, index):
    expected = modeline(doc.kind)
    if doc.first_line.strip() != expected:
        yield (), "the first line is not the schema line for editors", f"make the first line exactly: {expected}"


@rule("id-matches-filename", ALL, "a record's `id` equals its file name without `.yaml`")
def check_id_matches_filename(doc, index):
    stem = _path_of(doc).stem
    if doc.data["id"] != stem:
        yield ("id",), f"id `{doc.data['id']}` does not match the file name `{stem}.yaml`", \
            f"rename the file to `{doc.data['id']}.yaml` or set `id: {stem}`"


@rule("provider-matches-folder", ("credential",), "a credential's `provider` equals its folder name")
def check_provider_matches_folder(doc, index):
    folder = _path_of(doc).parent.name
    if doc.data["provider"] != folder:
        yield ("provider",), f"provider `{doc.data['provider']}` does not match the folder `credentials/{folder}/`", \
            f"move the file to `catalogue/credentials/{doc.data['provider']}/` or set `provider: {folder}`"


@rule("provider-exists", ("credential",), "a credential's provider has a record in `catalogue/providers/`")
def check_provider_exists(doc, index):
    provider = doc.data["provider"]
    if provider not in index.provider_files:
        yield ("provider",), f"no provider `{provider}`: catalogue/providers/{provider}.yaml does not exist", \
            f"add catalogue/providers/{provider}.yaml (`microcred new provider --id {provider}`) or fix the id"


@rule("stacks-into-target-exists", ("credential",), "every `stacks_into` target is a qualification or credential in the catalogue")
def check_stacking_targets_exist(doc, index):
    for i, item in enumerate(doc.data.get("stacks_into", [])):
        target = item["target"]
        known = index.credential_files if "/" in target else index.qualification_files
        if target not in known:
            where = f"catalogue/credentials/{target}.yaml" if "/" in target else f"catalogue/qualifications/{target}.yaml"
            yield ("stacks_into", i, "target"), f"stacking target `{target}` is not in the catalogue ({where} does not exist)", \
                "use a qualification id or a credential's `provider/credential` id, or add the missing record"


def _global_id(doc: Document) -> str:
    return f"{doc.data['provider']}/{doc.data['id']}"


@rule("no-self-stacking", ("credential",), "a credential does not stack into itself")
def check_no_self_stacking(doc, index):
    own = _global_id(doc)
    for i, item in enumerate(doc.data.get("stacks_into", [])):
        if item["target"] == own:
            yield ("stacks_into", i, "target"), f"`{own}` stacks into itself", "remove this entry: a listing cannot count towards itself"


@rule("no-stacking-cycle", ("credential",), "stacking between credentials has no cycles, across files")
def check_no_stacking_cycle(doc, index):
    # One Tarjan pass over the stacking graph, shared by every file checked (see cycles.py).
    own = _global_id(doc)
    graph = index.stacking_graph
    for i, item in enumerate(doc.data.get("stacks_into", [])):
        target = item["target"]
        if "/" not in target or target == own:
            continue
        found = graph.cycle_through(own, target)
        if found:
            yield ("stacks_into", i, "target"), f"stacking cycle: {_chain(*found)}", \
                "a credential cannot count towards a credential that counts towards it: remove one link of the cycle"


def _chain(ids: list, links: int) -> str:
    text = " -> ".join("..." if node is None else node for node in ids)
    return f"{text} ({links:,} links)" if links else text


@rule("stacking-confirmed", ("credential",),
      "a listing stacks into another provider's credential only when that credential's `accepts_credit_from` names it")
def check_stacking_confirmed(doc, index):
    # Otherwise any listing could put itself, with its credit, on another provider's pathway.
    provider, own = doc.data["provider"], _global_id(doc)
    for i, item in enumerate(doc.data.get("stacks_into", [])):
        target = item["target"]
        owner = target.split("/", 1)[0]
        if "/" not in target or owner == provider:
            continue
        accepted = index.accepts_credit_from(target)
        if accepted is None or provider in accepted or own in accepted:
            continue  # a missing target is stacks-into-target-exists' to report
        yield ("stacks_into", i, "target"), \
            f"`{target}` is provider `{owner}`'s credential, and it does not accept credit from `{provider}`", \
            (f"ask `{owner}` to add `{provider}` (or `{own}`) to `accepts_credit_from` in "
             f"catalogue/credentials/{target}.yaml, or remove this entry")


@rule("unique-provider-name", ("provider",),
      "no two providers have the same name, compared without case after Unicode NFKC")
def check_unique_provider_name(doc, index):
    # A newcomer must not pass itself off as a provider learners know.
    name = doc.data["name"]
    others = sorted(pid for pid in index.provider_names.get(name_key(name), []) if pid != doc.data["id"])
    if others:
        yield ("name",), f"provider name `{name}` is already taken by catalogue/providers/{others[0]}.yaml", \
            "use the provider's own distinct name; if it is the same organisation, add to its existing record instead"


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


@rule("duration-range", ("credential",), "`duration.min_weeks` is at most `duration.max_weeks`")
def check_duration_range(doc, index):
    duration = doc.data["duration"]
    if "min_weeks" in duration and duration["min_weeks"] > duration["max_weeks"]:
        yield ("duration", "min_weeks"), f"min_weeks ({duration['min_weeks']}) is greater than max_weeks ({duration['max_weeks']})", \
            "swap the two values"


@rule("location-required", ("credential",), "`locations` is given unless `delivery: online`")
def check_location_required(doc, index):
    if doc.data.get("delivery") in ("in-person", "blended") and not doc.data.get("locations"):
        yield ("delivery",), f"delivery is `{doc.data['delivery']}` but no `locations` are given", \
            "add `locations: [{country: AU, region: NSW, city: Sydney}]`, or set `delivery: online`"


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


@rule("date-valid", ("credential",), "`last_reviewed` is a real calendar date")
def check_date_valid(doc, index):
    if _parse_date(doc.data["last_reviewed"]) is None:
        yield ("last_reviewed",), f"`{doc.data['last_reviewed']}` is not a real date", \
            "write a date that exists, as YYYY-MM-DD (months 01-12, days up to the month's length)"


@rule("date-not-future", ("credential",), "`last_reviewed` is not in the future")
def check_date_not_future(doc, index):
    reviewed = _parse_date(doc.data["last_reviewed"])
    if reviewed and reviewed > index.today:
        yield ("last_reviewed",), f"last_reviewed {reviewed} is in the future (today is {index.today})", \
            "use the date you last checked the listing against its official page"


def is_stale(record: dict, today: dt.date) -> bool:
    """A listing still on offer that nobody has checked for over 12 months (shared with the site)."""
    reviewed = _parse_date(record["last_reviewed"])
    return bool(reviewed) and (today - reviewed).days > STALE_AFTER_DAYS and record["status"] != "retired"


@rule("stale-listing", ("credential",), "a listing not reviewed for over 12 months is stale", severity=WARNING)
def check_stale_listing(doc, index):
    if is_stale(doc.data, index.today):
        reviewed = doc.data["last_reviewed"]
        yield ("last_reviewed",), f"not reviewed since {reviewed} (over 12 months): the listing is shown as stale", \
            "check the listing against its official page, correct it, and set last_reviewed to today"


def _numbers(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _numbers(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _numbers(value, path + (i,))
    elif isinstance(node, float):
        yield path, node


@rule("finite-numbers", ALL, "numbers are finite: no `.nan` or `.inf`")
def check_finite_numbers(doc, index):
    # YAML 1.2 reads `.nan` and `.inf` as numbers, and JSON Schema's bounds let NaN through.
    for path, value in _numbers(doc.data):
        if math.isnan(value) or math.isinf(value):
            yield path, f"`{doc.plain.get(path, value)}` is not a usable number", "write a finite number, such as 1.5"


def run_rules(doc: Document, index: CatalogueIndex, schema_valid: bool = True) -> list[Problem]:
    """Problems from every rule that applies to the document's kind.

    Rules trust the schema's types. On a document the schema rejected they still run, so that a
    provider sees every problem in one go, but a rule that trips over the broken data is skipped
    for that document: its input is already reported.
    """
    problems = []
    if doc.data is None or doc.kind is None:
        return problems
    for r in RULES.values():
        if doc.kind not in r.kinds:
            continue
        try:
            found = list(r.check(doc, index))
        except (KeyError, TypeError, AttributeError, ValueError, IndexError):
            if schema_valid:
                raise
            continue
        for path, message, hint in found:
            line, column = doc.position(path) if path else (1, 1)  # no field: the file's first line
            problems.append(Problem(doc.file, line, column, r.name, message, format_path(path), hint, r.severity))
    return problems
from . import boundrules, textrules, urlrules  # noqa: E402,F401  (register the text, URL and total rules)
