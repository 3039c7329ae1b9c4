"""Rules on how a listing is delivered: its duration range and, when not online, its locations."""
from __future__ import annotations

from ..registry import rule


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
