"""What a record's outputs show of the catalogue, as fingerprints: the keys under which
`mkdocs serve` keeps them from one build to the next (microcred.reuse).

A key names every record an output reads and the build date, so an edit to any of them makes
the output again; a key of None means "always make it" (a record without a fingerprint). Each
key says what its output reads; a key that missed an input would keep a stale output, so
tests/test_site_preview.py checks that a build reusing them gives the same bytes as a fresh one
after edits of each kind.
"""
from __future__ import annotations

from .model import Catalogue, Credential, Provider, Qualification
from .reuse import key


def _fingerprint(record) -> bytes | None:
    return record.fingerprint if record is not None else None


def _listed(creds) -> tuple:
    """Credentials as another page lists them: their records and their providers' (the name)."""
    return tuple((c.fingerprint, c.provider.fingerprint) for c in creds)


def credential_page_key(catalogue: Catalogue, cred: Credential, similar: list[Credential]) -> tuple | None:
    """render/credential.py's page and its JSON-LD read the credential, its provider, the
    records it stacks into (title, whether they exist), the qualifications of its VET credit,
    the `similar` listings (catalogue.similar's, with their providers) and the build date (stale,
    upcoming intakes)."""
    if not (cred.fingerprint and cred.provider.fingerprint):
        return None
    return (cred.fingerprint, cred.provider.fingerprint, catalogue.build_date, stacking_targets(catalogue, cred),
            vet_qualifications(catalogue, cred), _listed(similar))


def stacking_targets(catalogue: Catalogue, cred: Credential) -> tuple:
    return tuple(_fingerprint(catalogue.target(e["target"])) for e in cred.data.get("stacks_into", []))


def vet_qualifications(catalogue: Catalogue, cred: Credential) -> tuple:
    return tuple(_fingerprint(catalogue.qualification_by_code(e["qualification"]) if e.get("qualification") else None)
                 for e in cred.data.get("vet_credit", []))


def finder_row_key(catalogue: Catalogue, cred: Credential) -> tuple | None:
    """A listing in the finder's index and on its pages: the credential, its provider, the titles
    of what it stacks into and the build date (whether an intake starts soon)."""
    if not (cred.fingerprint and cred.provider.fingerprint):
        return None
    return (cred.fingerprint, cred.provider.fingerprint, catalogue.build_date, stacking_targets(catalogue, cred))


def listed_key(catalogue: Catalogue, creds) -> tuple | None:
    """A page or file that lists `creds`, each as finder_row_key names it."""
    return key(*(finder_row_key(catalogue, c) for c in creds))


def export_key(catalogue: Catalogue, cred: Credential) -> tuple | None:
    """A credential's own data files (CTDL, Open Badges, schema.org): the credential, its provider,
    the records it stacks into and gives VET credit towards, those that stack into it (CTDL's
    hasPart) and the build date."""
    if not (cred.fingerprint and cred.provider.fingerprint):
        return None
    return (cred.fingerprint, cred.provider.fingerprint, catalogue.build_date, stacking_targets(catalogue, cred),
            vet_qualifications(catalogue, cred), tuple(c.global_id for c, _entry in cred.stacked_by))


def provider_page_key(catalogue: Catalogue, provider: Provider) -> tuple | None:
    """A provider's page: the provider and the table of its listings."""
    return key(provider.fingerprint or None, listed_key(catalogue, provider.credentials))


def qualification_page_key(catalogue: Catalogue, qual: Qualification) -> tuple | None:
    """A qualification's page: it, and the listings that stack into it or give credit towards it
    (with their entries, which are in their records)."""
    return key(qual.fingerprint or None, listed_key(catalogue, [c for c, _ in qual.stacked_by + qual.vet_credited_by]))
