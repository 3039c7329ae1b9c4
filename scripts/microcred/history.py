"""When each listing was added or changed, read from git: a source, like the record files.

The feeds (export/feed.py) say what is new or changed, newest first. Dates are commit dates, not
the clock, so two builds of one commit are byte-identical. The history is read with one bounded
`git log` over `credentials/` (never one call per file) and, for only the changes a feed can show,
one `git cat-file --batch` that reads each record as committed and as it was just before, to say
what changed. Where there is no usable history (not a git checkout, a shallow clone, a tarball, a
catalogue outside the repository, git missing or too slow), `read_history` returns None and the
feeds fall back to each listing's `last_reviewed` date.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .domain import global_id, target_provider
from .load import load_bytes

MAX_COMMITS = 1000   # how far back `git log` reads: commits that touched credentials/
SHOWN = 50           # changes a feed shows: the newest overall and the newest of each provider
TIMEOUT = 30         # seconds for each git call; past it the build goes on without history

# Change kinds, in the order a summary names them.
NEW, PRICE, DATES, STATUS, DETAILS = "new", "price", "dates", "status", "details"
# What a record's fields say about each kind of change (the rest of a record is "details").
FIELDS = {PRICE: ("cost",), DATES: ("sessions", "duration"), STATUS: ("status",)}

_COMMIT = "\x01"  # starts each commit's line in the log (never in a path git prints)
_PATH = re.compile(r"credentials/([a-z0-9][a-z0-9-]*)/([a-z0-9][a-z0-9-]*)\.yaml")


@dataclass(frozen=True)
class Change:
    """One commit's change to one listing."""

    commit: str
    when: dt.datetime  # the commit date, UTC
    kinds: tuple[str, ...]


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        out = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=folder, input=stdin,
                             capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


def _log(catalogue_dir: Path) -> list[tuple[str, dt.datetime, str, str]] | None:
    """(commit, date, status letter, global id) for every listing file each commit touched,
    newest commit first; None without a usable history."""
    shallow = _git(catalogue_dir, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != b"false":
        return None
    out = _git(catalogue_dir, "log", f"-n{MAX_COMMITS}", "--no-renames", "--name-status", "--relative",
               f"--format={_COMMIT}%H %ct", "--", "credentials")
    if out is None:
        return None
    rows, commit, when = [], None, None
    for line in out.decode("utf-8", "replace").splitlines():
        if line.startswith(_COMMIT):
            commit, stamp = line[1:].split(" ")
            when = dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc)
        elif commit and "\t" in line:
            status, path = line.split("\t", 1)
            found = _PATH.fullmatch(path)
            if found and status in ("A", "M"):
                rows.append((commit, when, status, global_id(*found.groups())))
    return rows or None


def _shown(rows: list) -> list:
    """The changes some feed shows: the newest SHOWN overall, and the newest SHOWN per provider."""
    order = sorted(range(len(rows)), key=lambda i: (-rows[i][1].timestamp(), i))
    keep, per_provider = set(order[:SHOWN]), {}
    for i in order:
        provider = target_provider(rows[i][3])
        if per_provider.get(provider, 0) < SHOWN:
            per_provider[provider] = per_provider.get(provider, 0) + 1
            keep.add(i)
    return [rows[i] for i in order if i in keep]


def _blobs(catalogue_dir: Path, names: list[str]) -> list[bytes | None]:
    """The contents of `<commit>:<path>` names, read by one `git cat-file --batch`."""
    out = _git(catalogue_dir, "cat-file", "--batch", stdin="".join(f"{n}\n" for n in names).encode())
    found: list[bytes | None] = []
    at = 0
    while out is not None and at < len(out) and len(found) < len(names):
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found.append(out[end + 1:end + 1 + size])
            at = end + 1 + size + 1
        else:
            found.append(None)
            at = end + 1
    return found + [None] * (len(names) - len(found))


def _record(blob: bytes | None) -> dict | None:
    return None if blob is None else load_bytes(blob, "history.yaml", kind="credential").data


def kinds_of_change(before: dict | None, after: dict | None) -> tuple[str, ...]:
    """What changed between two versions of a record: price, dates, status, else details."""
    if before is None or after is None:
        return (DETAILS,)
    found = tuple(kind for kind, fields in FIELDS.items()
                  if any(before.get(f) != after.get(f) for f in fields))
    return found or (DETAILS,)


def read_history(catalogue_dir: Path) -> dict[str, list[Change]] | None:
    """Global id -> its changes that a feed shows, newest first; None without usable git history."""
    rows = _log(Path(catalogue_dir))
    if rows is None:
        return None
    prefix = (_git(catalogue_dir, "rev-parse", "--show-prefix") or b"").decode().strip()
    shown = _shown(rows)
    # Only a modified record needs reading: as committed, and as the commit's first parent had it.
    changed = [(commit, f"{prefix}credentials/{gid}.yaml") for commit, _when, status, gid in shown if status == "M"]
    blobs = iter(_blobs(catalogue_dir, [f"{rev}:{path}" for commit, path in changed for rev in (commit + "^", commit)])
                 if changed else ())
    history: dict[str, list[Change]] = {}
    for commit, when, status, gid in shown:
        kinds = (NEW,) if status == "A" else kinds_of_change(_record(next(blobs)), _record(next(blobs)))
        history.setdefault(gid, []).append(Change(commit, when, kinds))
    return dict(sorted(history.items()))


def build_date() -> dt.date:
    """The date a build is 'as of': SOURCE_DATE_EPOCH, else the last commit's date, else today.

    Taken from the commit, not the clock, so two builds of one commit are byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parent, timeout=10)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return dt.datetime.fromtimestamp(int(out.stdout.strip()), dt.timezone.utc).date()
    except (OSError, subprocess.SubprocessError):
        pass
    return dt.date.today()
