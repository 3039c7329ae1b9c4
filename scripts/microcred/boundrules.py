"""Rules for derived numbers: what the site and the finder compute from a record is a finite number.

The schema bounds every amount, hour and week count; this rule checks the arithmetic itself, by
running the model's own computation of the expected total, so the two cannot drift apart. A total
must fit a float (JSON holds no `Infinity`; a Python integer past 1.8e308 reads as one in a
browser).
"""
from __future__ import annotations

import math

from .rules import rule


def _finite(value) -> bool:
    try:
        return math.isfinite(float(value))
    except (OverflowError, TypeError, ValueError):
        return False


def derived_totals(data: dict) -> dict[str, object]:
    """The totals the site derives from a credential, by name (raises on data the schema rejects)."""
    from .model import Credential  # model imports the rules: import it when a rule runs

    cost = data["cost"]
    try:
        low, high = Credential(provider=None, data=data).expected_total
    except (OverflowError, ValueError):  # math.ceil of an infinite number of weeks
        low = high = math.inf
    return {"expected total": high, "lowest expected total": low,
            "price with certificate": cost["amount"] + cost.get("certificate_fee", 0)}


@rule("total-finite", ("credential",), "the totals derived from a listing (price times months, price plus fee) are finite")
def check_totals_finite(doc, index):
    for name, value in derived_totals(doc.data).items():
        if not _finite(value):
            yield ("cost", "amount"), f"the {name} of this listing is not a finite number", \
                "give the price and the duration as the provider states them: the amount is at most 10,000,000 " \
                "and the duration at most 520 weeks"
