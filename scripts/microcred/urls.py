"""Every URL the site publishes, in one place: pages and files, relative to the site root.

Page URLs are directory URLs ("credentials/acme/data-basics/"); file URLs are paths
("finder/index.json"). URLs are an interface that learners bookmark and other sites link to:
change one only on purpose, here, and every renderer, export and the site plugin follow.
"""
from __future__ import annotations

from urllib.parse import urlencode

from .model import Catalogue, Credential, Qualification
from .paths import ID_FORM, KIND_FOLDERS, SITE_URL

# The overview pages every catalogue has, in the order the site lists them.
FINDER = "finder/"
DURATION = "duration/"
COST = "cost/"
STACKABILITY = "stackability/"
VET_CREDIT = "vet-credit/"
PROVIDERS = "providers/"
QUALIFICATIONS = "qualifications/"
OVERVIEWS = (FINDER, DURATION, COST, STACKABILITY, VET_CREDIT, PROVIDERS, QUALIFICATIONS)

# Pages about the catalogue rather than of it.
HOME = ""
SEARCH = "search/"
CONTRIBUTE = "contribute/"
DATA = "data/"

# The finder's URL parameter for its search text (docs/assets/finder.js reads it).
FINDER_TEXT_PARAMETER = "text"

# Compare two to four listings side by side: `compare/?ids=provider/credential,...` (compare.js).
COMPARE = "compare/"

# Files beside the pages.
FINDER_INDEX = FINDER + "index.json"
FEED = "feed.xml"                 # Atom: listings added or changed, newest first
DATA_PREFIX = DATA                # the data package's files live under data/
SCHEMA_PREFIX = "schema/"         # the JSON Schemas, at the URLs their `$id`s name


def overview_pages() -> list[str]:
    """The overview page URLs, which exist whatever records the catalogue holds."""
    return list(OVERVIEWS)


def overview_part(overview: str, part: str, number: int = 1) -> str:
    """Page `number` of one part of an overview (a study-time band of `duration/`, a price band
    of `cost/`, a pathway of `stackability/`): `duration/under-10h/`, `duration/under-10h/2/`,
    `stackability/qualifications/<id>/`. Parts are named by the site (band keys, ISO 4217 codes)
    or by a record's page (ids the schema checked); anything else is refused, not made a path."""
    if overview not in OVERVIEWS or not all(ID_FORM.fullmatch(s) for s in part.split("/")) or number < 1:
        raise ValueError(f"not an overview part: {overview!r} {part!r} {number!r}")
    return f"{overview}{part}/" if number == 1 else f"{overview}{part}/{number}/"


def record_page(kind: str, provider: str | None, record_id: str) -> str:
    """A record's own page from its kind and ids (a credential's provider id, else None)."""
    if kind == "credential":
        return f"{KIND_FOLDERS['credential']}/{provider}/{record_id}/"
    return f"{KIND_FOLDERS[kind]}/{record_id}/"


def credential(cred: Credential) -> str:
    return record_page("credential", cred.provider.id, cred.id)


def provider(provider_id: str) -> str:
    return record_page("provider", None, provider_id)


def qualification(qualification_id: str) -> str:
    return record_page("qualification", None, qualification_id)


def of(record: Credential | Qualification) -> str:
    """The page of a credential or a qualification (what a stacks_into target is)."""
    return credential(record) if isinstance(record, Credential) else qualification(record.id)


def target(catalogue: Catalogue, target_id: str) -> str | None:
    """The page of a stacks_into target, or None when the catalogue has no such record."""
    found = catalogue.target(target_id)
    return of(found) if found is not None else None


def finder_search(text: str) -> str:
    """The finder with its search text set: the skill tags on credential pages link here."""
    return f"{FINDER}?{urlencode({FINDER_TEXT_PARAMETER: text})}"


def compare_data(provider_id: str) -> str:
    """The compare page's facts for one provider's listings (compare.js fetches one per provider)."""
    return f"{COMPARE}{provider_id}.json"


def badge_file(cred: Credential) -> str:
    """A credential's Open Badges achievement in the data package, at the path of its page."""
    return f"badges/{cred.provider.id}/{cred.id}.json"


def ctdl_credential_file(cred: Credential) -> str:
    """A credential's CTDL JSON-LD in the data package, at the path of its page."""
    return f"{DATA_PREFIX}ctdl/credentials/{cred.provider.id}/{cred.id}.json"


def ctdl_provider_file(provider_id: str) -> str:
    """A provider's CTDL JSON-LD (a CredentialOrganization) in the data package."""
    return f"{DATA_PREFIX}ctdl/providers/{provider_id}.json"


def provider_feed(provider_id: str) -> str:
    """A provider's own Atom feed, beside its page."""
    return provider(provider_id) + "feed.xml"


def schema_file(name: str) -> str:
    """A published JSON Schema: editors fetch it from a record's modeline (paths.schema_url)."""
    return f"{SCHEMA_PREFIX}{name}.schema.json"


def absolute(url: str) -> str:
    """A site-root-relative URL as the full address (for JSON-LD, the package descriptor)."""
    return SITE_URL + url


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two site-root-relative URLs, from a directory URL."""
    depth = len([p for p in from_url.split("/") if p])
    return "../" * depth + to_url
