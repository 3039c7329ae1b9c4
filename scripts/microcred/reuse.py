"""Results one build keeps for the next, so that `mkdocs serve` redoes only what an edit changed.

A result is kept under a key that names everything it was made from: a loaded file under its
bytes, a record's page under the fingerprints of the records it shows and the build date. The
next build asks for each result by its key, and makes it again only when the key is new, so a
kept result is never stale and the output is the same as a fresh build's (a test compares the
two). Keys hold fingerprints (digests), not records, so what is kept stays small.

Each build keeps only what it asked for (`sweep`), so memory follows the catalogue, not the
number of edits. A one-off command passes `FRESH`, which keeps nothing.
"""
from __future__ import annotations

import hashlib
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


def key(*parts) -> tuple | None:
    """A key of several parts, or None (always make it) when one of them is None: an input
    without a fingerprint."""
    return None if None in parts else parts


def digest(raw: bytes) -> bytes:
    """A file's fingerprint: 16 bytes of BLAKE2b of its bytes."""
    return hashlib.blake2b(raw, digest_size=16).digest()


class Reuse:
    """Results by (space, key), from this build and the one before."""

    def __init__(self) -> None:
        self._before: dict = {}  # what the last build asked for
        self._now: dict = {}     # what this build has asked for so far
        self.made = 0            # results this build had to make
        self.reused = 0          # results it took from the last build

    def get(self, space: str, key: Hashable | None, make: Callable[[], T]) -> T:
        """The result kept under `key`, or `make()`'s, kept for the next build. `key=None`: not
        reusable (an input has no fingerprint), so it is always made."""
        if key is None:
            self.made += 1
            return make()
        entry = (space, key)
        if entry in self._now:
            return self._now[entry]
        if entry in self._before:
            value = self._before.pop(entry)
            self.reused += 1
        else:
            value = make()
            self.made += 1
        self._now[entry] = value
        return value

    def sweep(self) -> None:
        """End a build: keep what it asked for, forget the rest."""
        self._before, self._now = self._now, {}
        self.made = self.reused = 0

    def carry(self) -> None:
        """End a build that stopped part-way (the catalogue had errors): keep what it asked for
        and what the last build made, so that the build after the fix makes only what changed."""
        self._before.update(self._now)
        self._now = {}
        self.made = self.reused = 0


class _Fresh(Reuse):
    """Keeps nothing: every result is made (commands that build once)."""

    def get(self, space: str, key: Hashable | None, make: Callable[[], T]) -> T:
        return make()

    def sweep(self) -> None:
        pass

    def carry(self) -> None:
        pass


FRESH: Reuse = _Fresh()
