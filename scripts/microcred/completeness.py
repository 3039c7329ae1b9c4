"""Completeness of a listing against the two frameworks the record format follows: which elements
of each it states, and whether it states every mandatory one a listing can.

- EU: Council Recommendation of 16 June 2022 on a European approach to micro-credentials for
  lifelong learning and employability (2022/C 243/02), Annex I, "European standard elements to
  describe a micro-credential": mandatory (I) and optional (II) elements. Two mandatory elements
  belong to the certificate a learner receives, not to the listing (the learner's identification
  and the date of issuing): they are shown as such and not counted.
  https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022H0627(02)
- Australia: National Microcredentials Framework (Department of Education, Skills and
  Employment, November 2021), the information a microcredential is described by; the volume of
  learning is at least one hour (the schema holds `workload_hours` to that).
  https://www.education.gov.au/national-microcredentials-framework

A pure function of a credential's record and its provider's, so the model, the pages and
`microcred validate --completeness` agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

EU = "EU"
NMF = "NMF"
FRAMEWORK_NAMES = {EU: "EU standard elements (Council Recommendation 2022, Annex I)",
                   NMF: "Australian National Microcredentials Framework (2021)"}


@dataclass(frozen=True)
class Element:
    framework: str
    name: str
    mandatory: bool
    fields: str                      # the record's fields that state it, as the field reference names them
    test: Callable | None            # (credential data, provider data) -> bool; None: not part of a listing


def _has(*keys: str):
    return lambda d, p: all(d.get(k) not in (None, "", [], {}) for k in keys)


def _any(*keys: str):
    return lambda d, p: any(d.get(k) not in (None, "", [], {}) for k in keys)


ELEMENTS: tuple[Element, ...] = (
    Element(EU, "Identification of the learner", True, "(on the certificate issued)", None),
    Element(EU, "Title of the micro-credential", True, "title", _has("title")),
    Element(EU, "Country/region of the issuer", True, "the provider's country", lambda d, p: bool(p.get("country"))),
    Element(EU, "Awarding body", True, "provider", lambda d, p: bool(p.get("name"))),
    Element(EU, "Date of issuing", True, "(on the certificate issued)", None),
    Element(EU, "Learning outcomes", True, "learning_outcomes", _has("learning_outcomes")),
    Element(EU, "Notional workload", True, "workload_hours, ects", _any("workload_hours", "ects")),
    Element(EU, "Level (and cycle) of the learning experience", True, "level", _has("level")),
    Element(EU, "Type of assessment", True, "assessment", _has("assessment")),
    Element(EU, "Form of participation", True, "delivery", _has("delivery")),
    Element(EU, "Type of quality assurance", True, "quality_assurance", _has("quality_assurance")),
    Element(EU, "Prerequisites", False, "prerequisites", _has("prerequisites")),
    Element(EU, "Supervision and identity verification", False, "identity_verified",
            lambda d, p: d.get("identity_verified") is not None),
    Element(EU, "Integration and stackability options", False, "stacks_into, vet_credit", _any("stacks_into", "vet_credit")),
    Element(EU, "Further information", False, "description, url", _any("description", "url")),
    Element(NMF, "Title", True, "title", _has("title")),
    Element(NMF, "Provider", True, "provider", lambda d, p: bool(p.get("name"))),
    Element(NMF, "Learning outcomes", True, "learning_outcomes", _has("learning_outcomes")),
    Element(NMF, "Volume of learning (hours)", True, "workload_hours", _has("workload_hours")),
    Element(NMF, "Assessment", True, "assessment", _has("assessment")),
    Element(NMF, "Delivery mode", True, "delivery", _has("delivery")),
    Element(NMF, "Cost", True, "cost", _has("cost")),
    Element(NMF, "Credit towards a qualification", False, "stacks_into, vet_credit", _any("stacks_into", "vet_credit")),
    Element(NMF, "AQF alignment", False, "level (framework AQF)",
            lambda d, p: isinstance(d.get("level"), dict) and d["level"].get("framework") == "AQF"),
    Element(NMF, "Prerequisites", False, "prerequisites", _has("prerequisites")),
    Element(NMF, "Industry endorsement", False, "quality_assurance (industry-endorsed)",
            lambda d, p: isinstance(d.get("quality_assurance"), dict)
            and d["quality_assurance"].get("type") == "industry-endorsed"),
)


@dataclass(frozen=True)
class Covered:
    element: Element
    covered: bool | None  # None: an element of the certificate, not of a listing


@dataclass(frozen=True)
class Completeness:
    items: tuple[Covered, ...]

    def of(self, framework: str) -> list[Covered]:
        return [c for c in self.items if c.element.framework == framework]

    def missing(self, framework: str) -> list[str]:
        """The mandatory elements a listing can state but this one does not."""
        return [c.element.name for c in self.of(framework) if c.element.mandatory and c.covered is False]

    def counted(self, framework: str) -> tuple[int, int]:
        """(mandatory elements stated, mandatory elements a listing can state)."""
        mine = [c for c in self.of(framework) if c.element.mandatory and c.covered is not None]
        return sum(c.covered for c in mine), len(mine)

    def meets(self, framework: str) -> bool:
        return not self.missing(framework)

    @property
    def meets_eu(self) -> bool:
        return self.meets(EU)

    @property
    def meets_nmf(self) -> bool:
        return self.meets(NMF)


def completeness(credential: dict, provider: dict) -> Completeness:
    """Which framework elements a listing states (`credential` and `provider` are record data)."""
    return Completeness(tuple(_COVERED[e, None if e.test is None else bool(e.test(credential, provider))]
                              for e in ELEMENTS))


# Each element is covered, not covered or not a listing's: three values, made once and shared by
# every listing (at 100,000 listings, separate ones were 5.5 million objects held by the build).
_COVERED = {(e, value): Covered(e, value) for e in ELEMENTS for value in (True, False, None)}
