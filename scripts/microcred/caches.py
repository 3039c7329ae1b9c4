"""Caches of what is read from the project's own files (schemas, table schemas, templates).

They are kept for a process's life, which is right for a command, but `mkdocs serve` rebuilds
in one process while `schema/` is edited: the site plugin calls `clear_all()` before each build,
so an edit to a schema takes effect on the next rebuild. A cache is declared with `@cached`
instead of `functools.cache`, so that none can be forgotten.
"""
from __future__ import annotations

import functools
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)

_REGISTERED: list = []


def cached(func: F | None = None, *, maxsize: int | None = None):
    """`functools.cache` (or, with `maxsize`, an LRU cache of that many), registered for `clear_all`."""
    def register(func: F) -> F:
        wrapped = functools.lru_cache(maxsize=maxsize)(func)
        _REGISTERED.append(wrapped)
        return wrapped  # type: ignore[return-value]
    return register(func) if func is not None else register


def clear_all() -> None:
    for wrapped in _REGISTERED:
        wrapped.cache_clear()
