"""Strict YAML loading with positions.

A record is one YAML document, UTF-8, at most 256 KiB. Scalars resolve by YAML 1.2's core schema
(`NO`, `on`, `yes` stay text; `2026-03-01` stays text), and duplicate keys, anchors, aliases,
tags and several documents are problems. The loader never raises on bad input: it returns a
Document whose `data` is None when no faithful record could be read, with problems saying why.

Speed: libyaml's C parser produces the events (`CSafeLoader`); we build the tree from them in
one loop, which costs about what PyYAML's own constructor would, and gives us every position.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import yaml

from ..paths import kind_of
from ..reuse import FRESH, Reuse, digest
from .document import Document, add_problem, mark_of
from .tree import Abort, build_tree

MAX_BYTES = 256 * 1024

# Every problem the loader can report, by rule name (tests hold each to a failing fixture).
LOADER_RULES = ("file-size", "encoding", "unreadable", "empty-file", "yaml-syntax", "not-a-mapping",
                "duplicate-key", "complex-key", "yaml-anchor", "yaml-alias", "yaml-tag",
                "several-documents", "too-deep", "file-location", "not-a-regular-file")

try:
    _Parser = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is a hard requirement, say so clearly
    raise ImportError("PyYAML was built without libyaml; reinstall pyyaml from a wheel") from None

_SYNTAX_HINTS = (
    ("(a tab character)", "indent with spaces: YAML does not allow tab characters for indentation"),
    ("mapping values are not allowed", "put a space after the colon, or quote a value that contains ': '"),
    ("could not find expected ':'", "each field is `name: value`; quote text that contains a colon or starts with a special character"),
    ("found undefined alias", "anchors and aliases (`&name`, `*name`) are not allowed: write the value out"),
    ("expected <block end>", "check the indentation: items of one list or mapping line up in the same column"),
    ("special characters are not allowed", "remove control characters from the file"),
)


def _char_at(text: str, mark) -> str:
    lines = text.split("\n")
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _syntax_hint(message: str) -> str:
    for needle, hint in _SYNTAX_HINTS:
        if needle in message:
            return hint
    return "fix the YAML syntax at this position; quote text that contains `:`, `#`, `[`, `{` or starts with `*`, `&`, `!`, `%`, `@` or a backtick"


def _decode(doc: Document, raw: bytes) -> str | None:
    """UTF-8 text of a file's bytes (the caller has already held them to the size cap)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        add_problem(doc, 1, 1, "encoding", "file is UTF-16, not UTF-8", "save the file as UTF-8 (without BOM) in your editor")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        add_problem(doc, line, column, "encoding", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                 "save the file as UTF-8; the text near this position was written in another encoding such as Latin-1 or Windows-1252")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        add_problem(doc, line, 1, "encoding", "file contains a NUL character", "a record is plain text: remove the NUL bytes")
        return None
    return text


def load_text(text: str, file: str, kind: str | None = None) -> Document:
    """Parse one record's text; never raises on bad input."""
    doc = Document(file=file, kind=kind, text=text, read_positions=positions_of)
    doc.first_line = text.split("\n", 1)[0].rstrip("\r")
    parser = _Parser(text)
    try:
        data = build_tree(parser, doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = mark_of(mark) if mark else (0, 0)
        message = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        if mark and _char_at(text, mark) == "\t":
            message += " (a tab character)"
        add_problem(doc, line, column, "yaml-syntax", f"YAML syntax error: {message}", _syntax_hint(message))
        return doc
    except yaml.YAMLError as exc:  # ReaderError: characters YAML does not allow
        line = text[: getattr(exc, "position", 0)].count("\n") + 1
        add_problem(doc, line, 1, "yaml-syntax", f"YAML error: {exc}".split("\n")[0], _syntax_hint(str(exc)))
        return doc
    except Abort:
        return doc
    finally:
        parser.dispose()
    if data is None:
        add_problem(doc, 1, 1, "empty-file", "the file holds no record", "fill in the record's fields, or delete the file")
        return doc
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        add_problem(doc, 1, 1, "not-a-mapping", f"the file holds {found}, not a record of `field: value` lines",
                 "a record is a mapping: write one `field: value` per line at the left margin")
        return doc
    if any(p.rule in _FATAL for p in doc.problems):
        return doc
    doc.data = data
    return doc


_FATAL = {"yaml-alias", "several-documents", "too-deep"}


def positions_of(text: str) -> dict:
    """Where each key and item of a record's text stands, as far as the text can be read (its
    problems were reported when it was loaded): a Document's `positions`, read when first asked for."""
    positions: dict = {}
    parser = _Parser(text)
    try:
        build_tree(parser, Document(file="", kind=None), positions)
    except (yaml.YAMLError, Abort):
        pass
    finally:
        parser.dispose()
    return positions


class _NotRegular(Exception):
    """The path is a symbolic link, a folder, a pipe or a device: what it is, in words."""


def _kind_of_file(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "the path is a symbolic link"
    if stat.S_ISDIR(mode):
        return "the path is a folder"
    return "the path is a special file (a pipe, socket or device)"


def _read_regular(path: Path) -> bytes:
    """At most MAX_BYTES + 1 bytes of a regular file. A symbolic link is never followed (it could
    print a file from outside the repository in a public log): lstat first, then open with
    O_NOFOLLOW where the system has it (so a link swapped in meanwhile fails too), and check
    the opened file once more. O_NONBLOCK keeps a named pipe from blocking the open."""
    mode = os.lstat(path).st_mode
    if not stat.S_ISREG(mode):
        raise _NotRegular(_kind_of_file(mode))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _NotRegular("the path is a symbolic link") from None
        raise
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _NotRegular(_kind_of_file(mode))
        return fh.read(MAX_BYTES + 1)


def load_file(path: Path, display: str | None = None, kind: str | None = None, reuse: Reuse = FRESH) -> Document:
    """Read and parse one file. `display` is the name problems use (a path relative to the repo).
    Under `mkdocs serve` (`reuse`), a file whose bytes are as at the last build is not parsed again.
    The document is shared with the last build: nothing may change a loaded document."""
    name = display or str(path)
    doc = Document(file=name, kind=kind or kind_of(path))
    try:
        raw = _read_regular(path)
    except _NotRegular as exc:
        add_problem(doc, 0, 0, "not-a-regular-file", f"{exc}, not a regular file",
                    "a record is a plain file in the repository: put the file itself here, not a link or a folder")
        return doc
    except OSError as exc:
        add_problem(doc, 0, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}", "check that the path is a readable file")
        return doc
    # Only the cap's worth was read: the real size of a larger file comes from the file system.
    size = path.stat().st_size if len(raw) > MAX_BYTES else None
    fingerprint = digest(raw)
    return reuse.get("document", (name, doc.kind, size, fingerprint),
                     lambda: load_bytes(raw, name, doc.kind, size=size, fingerprint=fingerprint))


def load_bytes(raw: bytes, file: str, kind: str | None = None, size: int | None = None,
               fingerprint: bytes | None = None) -> Document:
    """Parse one record's bytes, held to the size cap and decoded as `load_file` does (a record
    read from elsewhere, such as an earlier commit, is read by the same rules). `size`: the
    whole file's, where `raw` holds only its first bytes."""
    doc = Document(file=file, kind=kind)
    if len(raw) > MAX_BYTES:
        size = size or len(raw)
        add_problem(doc, 0, 0, "file-size", f"file is {size:,} bytes, over the limit of {MAX_BYTES:,} bytes (256 KiB)",
                    "a listing is short: shorten the description or split the file")
        return doc
    text = _decode(doc, raw)
    if text is not None:
        doc = load_text(text, file, kind)
    doc.digest = fingerprint or digest(raw)
    return doc
