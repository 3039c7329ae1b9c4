"""The Catalogue: providers, credentials and qualifications, and what is derived from them once.

Renderers and exporters read only this model, never files. Records keep their validated data as
loaded (`.data`, plain dicts, so exports can be lossless); derived facts (bands, pathways, VET
credit by code) are computed here, in one place; facts the checks share (global ids, target kinds,
freshness, expected totals) come from domain.py.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import heapq
import math
from dataclasses import dataclass, field

from . import domain
from .completeness import Completeness, completeness
from .problems import Problem

# Bands are (key, label, upper bound). The first band excludes its bound ("under 10 hours" is
# < 10); the others include it ("10 to 40 hours" is 10-40); the last has no bound.
# Notional learning hours, in bands a learner understands:
DURATION_BANDS = (
    ("under-10h", "Under 10 hours", 10),
    ("10-40h", "10 to 40 hours", 40),
    ("40-120h", "40 to 120 hours", 120),
    ("over-120h", "Over 120 hours", math.inf),
)
# The expected total price, in the listing's own currency (no exchange rates):
PRICE_BANDS = (
    ("under-100", "Under 100", 100),
    ("100-500", "100 to 500", 500),
    ("500-2000", "500 to 2,000", 2000),
    ("over-2000", "Over 2,000", math.inf),
)


# Similar listings: at most this many candidates per shared skill or field, so a skill every
# listing has ("communication") costs the same as a rare one.
SIMILAR_CANDIDATES = 50


def _skills(cred: "Credential") -> set[str]:
    return {s.casefold() for s in cred.data.get("skills", [])}


def band_of(value: float, bands) -> str:
    for i, (key, _label, upper) in enumerate(bands):
        if value < upper or (i > 0 and value == upper):
            return key
    return bands[-1][0]


@dataclass
class Provider:
    id: str
    data: dict
    credentials: list["Credential"] = field(default_factory=list, repr=False)
    fingerprint: bytes = field(default=b"", repr=False)  # its file's (Document.digest): reuse keys

    @property
    def name(self) -> str:
        return self.data["name"]


@dataclass
class Qualification:
    id: str
    data: dict
    # Credentials that stack into it, with their stacks_into entry.
    stacked_by: list[tuple["Credential", dict]] = field(default_factory=list, repr=False)
    # Credentials whose vet_credit names its code.
    vet_credited_by: list[tuple["Credential", dict]] = field(default_factory=list, repr=False)
    fingerprint: bytes = field(default=b"", repr=False)

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def code(self) -> str | None:
        return self.data.get("code")


@dataclass
class Credential:
    provider: Provider = field(repr=False)
    data: dict = field(repr=False)
    stacked_by: list[tuple["Credential", dict]] = field(default_factory=list, repr=False)
    fingerprint: bytes = field(default=b"", repr=False)

    @property
    def id(self) -> str:
        return self.data["id"]

    @functools.cached_property  # asked for on every page that lists or links the credential
    def global_id(self) -> str:
        return domain.global_id(self.provider.id, self.data["id"])

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def hours(self) -> float:
        return self.data["workload_hours"]

    @property
    def weeks_range(self) -> tuple[float, float]:
        return domain.weeks_range(self.data)

    @property
    def duration_band(self) -> str:
        return band_of(self.hours, DURATION_BANDS)

    @property
    def stackable(self) -> bool:
        return bool(self.data.get("stacks_into"))

    @property
    def has_vet_credit(self) -> bool:
        return bool(self.data.get("vet_credit"))

    @property
    def expected_total(self) -> tuple[float, float]:
        """What a learner can expect to pay to study, low and high, before any certificate fee."""
        return domain.expected_total(self.data)

    @property
    def cost_kind(self) -> str:
        """`free`, `free-paid-certificate` or `paid`."""
        cost = self.data["cost"]
        if cost["amount"] == 0:
            return "free-paid-certificate" if cost.get("certificate_fee") else "free"
        return "paid"

    @property
    def price_band(self) -> str | None:
        """The band of the expected total (high end), for paid listings."""
        if self.cost_kind != "paid":
            return None
        return band_of(self.expected_total[1], PRICE_BANDS)

    def reviewed(self) -> dt.date:
        return dt.date.fromisoformat(self.data["last_reviewed"])

    @functools.cached_property  # read by the page, the finder's facet and the feed
    def completeness(self) -> Completeness:
        """Which elements of the EU and Australian frameworks the listing states."""
        return completeness(self.data, self.provider.data)

    @property
    def sessions(self) -> list[dict]:
        """Dated intakes as `{start, end?, city?}` with dates as `datetime.date`, earliest first."""
        out = [{**s, "start": dt.date.fromisoformat(s["start"]),
                **({"end": dt.date.fromisoformat(s["end"])} if "end" in s else {})}
               for s in self.data.get("sessions", [])]
        return sorted(out, key=lambda s: (s["start"], s.get("end") or s["start"]))

    def next_start(self, as_of: dt.date) -> dt.date | None:
        """The first intake starting on or after `as_of`, or None (no sessions, or all past)."""
        return next((s["start"] for s in self.sessions if s["start"] >= as_of), None)


@dataclass
class Catalogue:
    providers: dict[str, Provider]
    credentials: dict[str, Credential]  # by global id, sorted
    qualifications: dict[str, Qualification]  # by id, sorted
    build_date: dt.date
    warnings: list[Problem] = field(default_factory=list)
    # Global id -> its changes a feed shows, newest first (history.read_history); None: no git history.
    history: dict | None = None

    def __post_init__(self):
        # National code -> qualification, once: renderers look codes up for every VET credit entry.
        self._by_code = {q.code: q for q in self.qualifications.values() if q.code}
        self._by_skill: dict[str, list[Credential]] | None = None  # built on the first similar()
        self._by_field: dict[str, list[Credential]] = {}
        self._title_keys: dict[str, str] = {}  # global id -> casefolded title, the ranking's tie-break
        self._list_tokens: dict[tuple[str, str], bytes] = {}  # a candidate list's fingerprint (similar_inputs)

    def is_stale(self, credential: Credential) -> bool:
        """Shown as stale: not reviewed for over 12 months, and not retired (as the stale-listing rule)."""
        return domain.is_stale(credential.data, self.build_date)

    def qualification_by_code(self, code: str) -> Qualification | None:
        return self._by_code.get(code)

    def target(self, target_id: str) -> Credential | Qualification | None:
        if domain.is_credential_target(target_id):
            return self.credentials.get(target_id)
        return self.qualifications.get(target_id)

    def vet_units(self) -> dict[str, list[tuple[Credential, dict]]]:
        """Unit code -> credentials that give credit towards it."""
        units: dict[str, list[tuple[Credential, dict]]] = {}
        for cred in self.credentials.values():
            for entry in cred.data.get("vet_credit", []):
                for unit in entry.get("units", []):
                    units.setdefault(unit, []).append((cred, entry))
        return dict(sorted(units.items()))

    def similar(self, credential: Credential, limit: int = 4) -> list[Credential]:
        """Other listings that share the most skills with `credential` (a shared field of education
        counts as half a skill), best first, then by title. Candidates come from an index by skill
        and by field, each list capped, so the work per page is bounded whatever the catalogue's
        size: never every pair of listings."""
        self._similar_index()
        scores: dict[str, float] = {}
        for skill in _skills(credential):
            for other in self._by_skill.get(skill, ())[:SIMILAR_CANDIDATES]:
                scores[other.global_id] = scores.get(other.global_id, 0) + 1
        for other in self._by_field.get(credential.data["field_of_education"], ())[:SIMILAR_CANDIDATES]:
            scores[other.global_id] = scores.get(other.global_id, 0) + 0.5
        scores.pop(credential.global_id, None)
        titles = self._title_keys
        ranked = heapq.nsmallest(limit, [(-score, titles[gid], gid) for gid, score in scores.items()])
        return [self.credentials[gid] for _score, _title, gid in ranked]

    def _similar_index(self) -> None:
        if self._by_skill is None:
            self._by_skill, self._by_field = {}, {}
            self._title_keys = {gid: cred.title.casefold() for gid, cred in self.credentials.items()}
            for cred in self.credentials.values():
                for skill in _skills(cred):
                    self._by_skill.setdefault(skill, []).append(cred)
                self._by_field.setdefault(cred.data["field_of_education"], []).append(cred)

    def similar_inputs(self, credential: Credential) -> tuple | None:
        """What similar(credential) reads, as fingerprints (a reuse key, microcred.shown): the
        credential, and each capped list of candidates it draws from, with their records and
        their providers' (the name the list shows). None when a record has no fingerprint."""
        self._similar_index()
        lists = [("skill", s, self._by_skill.get(s, ())) for s in sorted(_skills(credential))]
        field_of = credential.data["field_of_education"]
        lists.append(("field", field_of, self._by_field.get(field_of, ())))
        tokens = []
        for kind, name, creds in lists:
            token = self._list_tokens.get((kind, name))
            if token is None:
                fingerprints = [(c.fingerprint, c.provider.fingerprint) for c in creds[:SIMILAR_CANDIDATES]]
                if not all(a and b for a, b in fingerprints):
                    return None
                token = self._list_tokens[kind, name] = hashlib.blake2b(
                    b"".join(a + b for a, b in fingerprints), digest_size=16).digest()
            tokens.append((kind, name, token))
        return (credential.global_id, credential.fingerprint, tuple(tokens))

    def pathways(self) -> list[Credential | Qualification]:
        """Every award that something stacks into: qualifications first, then credentials."""
        quals = [q for q in self.qualifications.values() if q.stacked_by]
        creds = [c for c in self.credentials.values() if c.stacked_by]
        return [*quals, *creds]


def from_documents(documents: list, as_of: dt.date) -> Catalogue:
    """Assemble the model from validated documents (caller guarantees there are no errors)."""
    providers: dict[str, Provider] = {}
    qualifications: dict[str, Qualification] = {}
    credentials: dict[str, Credential] = {}
    for doc in documents:
        if doc.kind == "provider":
            providers[doc.data["id"]] = Provider(doc.data["id"], doc.data, fingerprint=doc.digest)
        elif doc.kind == "qualification":
            qualifications[doc.data["id"]] = Qualification(doc.data["id"], doc.data, fingerprint=doc.digest)
    providers = dict(sorted(providers.items()))
    qualifications = dict(sorted(qualifications.items()))
    for doc in documents:
        if doc.kind == "credential":
            provider = providers[doc.data["provider"]]
            cred = Credential(provider, doc.data, fingerprint=doc.digest)
            credentials[cred.global_id] = cred
    catalogue = Catalogue(providers, dict(sorted(credentials.items())), qualifications, as_of)
    for cred in catalogue.credentials.values():
        cred.provider.credentials.append(cred)
        for entry in cred.data.get("stacks_into", []):
            target = catalogue.target(entry["target"])
            if target is not None:
                target.stacked_by.append((cred, entry))
        for entry in cred.data.get("vet_credit", []):
            qual = catalogue.qualification_by_code(entry.get("qualification", ""))
            if qual is not None:
                qual.vet_credited_by.append((cred, entry))
    return catalogue
