"""The two changes a site build makes to its process, kept to that build and undone at its end.

- The garbage collector. The catalogue is a large heap of small objects without cycles: Python's
  cycle collector would scan it again and again while it grows (a quarter of the render time at
  10,000 records). So collection is paused while the catalogue and its pages are built; then
  everything alive is frozen, so that the collections during MkDocs' rendering skip it.
- SOURCE_DATE_EPOCH. MkDocs dates the sitemap and its gzip header from it, else from the clock;
  set to the catalogue's build date (the commit's), two builds of one commit are byte-identical.
  A value already in the environment is left as it is.

`restore()` (from on_post_build and on_build_error) unfreezes the heap and puts the environment
back, so `mkdocs serve`'s next build in the same process, or a program that called MkDocs, finds
the process as it was. It is safe to call more than once.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os

EPOCH = "SOURCE_DATE_EPOCH"


class BuildProcessState:
    def __init__(self) -> None:
        self._frozen = False
        self._set_epoch = False

    @contextlib.contextmanager
    def collection_paused(self):
        """Collection off for the block; what is alive after it frozen until `restore()`."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if collecting:
                gc.enable()
            gc.freeze()
            self._frozen = True

    def date_builds(self, date: dt.date) -> None:
        """SOURCE_DATE_EPOCH at midnight UTC of `date`, unless the environment sets it already."""
        if EPOCH not in os.environ:
            midnight = dt.datetime.combine(date, dt.time(), dt.timezone.utc)
            os.environ[EPOCH] = str(int(midnight.timestamp()))
            self._set_epoch = True

    def restore(self) -> None:
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        if self._set_epoch:
            os.environ.pop(EPOCH, None)
            self._set_epoch = False
