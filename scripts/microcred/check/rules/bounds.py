"""Rules for numbers: every number is finite, and so is what the site and the finder compute from
a record.

The schema bounds every amount, hour and week count; the total rule checks the arithmetic itself,
by running the same computation of the expected total as the model (domain.expected_total), so
the two cannot drift apart. A total must fit a float (JSON holds no `Infinity`; a Python integer
past 1.8e308 reads as one in a browser).
"""
from __future__ import annotations

import math

from ...domain import expected_total, price_with_certificate
from ...paths import KINDS
from ..registry import rule


def _non_finite(node) -> bool:
    """Whether a `.nan` or `.inf` is anywhere in `node`: one walk without paths, for the common
    case of none (it runs on every file of the catalogue)."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, float) and not math.isfinite(node):
            return True
    return False


def _numbers(node, path=()):
    """Every float in `node`, with its path, in document order."""
    stack = [(path, node)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            stack.extend((path + (key,), value) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((path + (i,), value) for i, value in reversed(list(enumerate(node))))
        elif isinstance(node, float):
            yield path, node


@rule("finite-numbers", KINDS, "numbers are finite: no `.nan` or `.inf`")
def check_finite_numbers(doc, index):
    # YAML 1.2 reads `.nan` and `.inf` as numbers, and JSON Schema's bounds let NaN through.
    if not _non_finite(doc.data):
        return
    for path, value in _numbers(doc.data):
        if math.isnan(value) or math.isinf(value):
            yield path, f"`{doc.plain.get(path, value)}` is not a usable number", "write a finite number, such as 1.5"


def _finite(value) -> bool:
    try:
        return math.isfinite(float(value))
    except (OverflowError, TypeError, ValueError):
        return False


def derived_totals(data: dict) -> dict[str, object]:
    """The totals the site derives from a credential, by name (raises on data the schema rejects)."""
    try:
        low, high = expected_total(data)
    except (OverflowError, ValueError):  # math.ceil of an infinite number of weeks
        low = high = math.inf
    return {"expected total": high, "lowest expected total": low,
            "price with certificate": price_with_certificate(data)}


@rule("total-finite", ("credential",), "the totals derived from a listing (price times months, price plus fee) are finite")
def check_totals_finite(doc, index):
    for name, value in derived_totals(doc.data).items():
        if not _finite(value):
            yield ("cost", "amount"), f"the {name} of this listing is not a finite number", \
                "give the price and the duration as the provider states them: the amount is at most 10,000,000 " \
                "and the duration at most 520 weeks"
