"""The record tree built from libyaml's events, with every key's and item's position.

One loop over the events with an explicit stack (no recursion, so deep nesting cannot exhaust
Python's stack), stopping at the first alias, at too deep a nesting or at a second document.
"""
from __future__ import annotations

import sys

from yaml import events as ev

from .document import Document, add_problem, mark_of
from .scalars import resolve_plain

MAX_DEPTH = 50
# Keys, and text values up to this length (codes, currencies, skills, places), are interned: one
# string object for each different text, not one per occurrence. A checked catalogue held about
# 7 KB of Python objects per record of 1 KB, a third of it in repeats of the same short strings.
# Interned strings are freed like any other once nothing refers to them.
SHARED_TEXT = 40


class Abort(Exception):
    """Stop reading a file whose remaining events cannot make a faithful record."""


def build_tree(parser, doc: Document, positions: dict | None = None):
    """Build plain Python data from libyaml's events; with `positions`, record in it where each key
    and item stands as we go (load.positions_of: only a file whose positions are asked for).

    An explicit stack rather than recursion, so deeply nested input cannot exhaust Python's stack.
    """
    record = positions is not None
    intern = sys.intern
    get = parser.get_event
    get()  # StreamStart
    event = get()
    if isinstance(event, ev.StreamEndEvent):
        return None  # no document at all: load_text reports the empty file
    # event is DocumentStart
    root = None
    # Each frame: [container, path, pending_key, key_positions]
    stack: list[list] = []
    first_anchor_reported = False
    while True:
        event = get()
        cls = type(event)
        if cls is ev.DocumentEndEvent:
            break
        if cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
            stack.pop()
            if stack:
                continue
            break
        # Where does the new node go?
        if stack:
            frame = stack[-1]
            container, path = frame[0], frame[1]
            if type(container) is dict:
                if frame[2] is _NO_KEY:
                    # This event is a key.
                    if cls is not ev.ScalarEvent:
                        line, column = mark_of(event.start_mark)
                        add_problem(doc, line, column, "complex-key", "a key must be a plain name, not a list or mapping",
                                 "write keys as `name: value`", path)
                        raise Abort
                    key = intern(event.value)
                    line, column = mark_of(event.start_mark)
                    key_path = path + (key,)
                    if _has_props(event):
                        first_anchor_reported = _check_node_props(doc, event, key_path, first_anchor_reported)
                    if key in container or key in frame[3]:
                        first_line = frame[3][key][0]
                        add_problem(doc, line, column, "duplicate-key",
                                 f"key `{key}` appears twice: first on line {first_line}, again on line {line}",
                                 "remove one of them; YAML keeps only one value for a key", key_path)
                        frame[2] = _DUPLICATE
                    else:
                        frame[2] = key
                        frame[3][key] = (line, column)
                        if record:
                            positions[key_path] = (line, column)
                    continue
                key = frame[2]
                node_path = path + (key,) if key is not _DUPLICATE else None
            else:
                node_path = path + (len(container),)
                if record:
                    positions[node_path] = mark_of(event.start_mark)
        else:
            node_path = ()
            if record:
                positions[()] = mark_of(event.start_mark)

        if cls is ev.AliasEvent:
            line, column = mark_of(event.start_mark)
            add_problem(doc, line, column, "yaml-alias", f"alias `*{event.anchor}` is not allowed",
                     "write the value out in full instead of referring to an anchor", node_path or ())
            raise Abort  # stop at once: alias bombs must cost nothing
        if len(stack) > MAX_DEPTH:
            line, column = mark_of(event.start_mark)
            add_problem(doc, line, column, "too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                     "a record nests only a few levels: check the indentation")
            raise Abort
        # Scalars and collections all carry `anchor` and `tag`; almost none has either, so the
        # check is only called for one that does (it was a seventh of loading a file).
        if node_path is not None and _has_props(event):
            first_anchor_reported = _check_node_props(doc, event, node_path, first_anchor_reported)

        if cls is ev.ScalarEvent:
            if not event.style and event.tag is None:  # plain: libyaml gives style '' (PyYAML None)
                value = resolve_plain(event.value)
                if node_path is not None and not isinstance(value, str):
                    doc.plain[node_path] = event.value
            else:
                value = event.value
            if type(value) is str and len(value) <= SHARED_TEXT:
                value = intern(value)
            new_container = None
        elif cls is ev.MappingStartEvent:
            value = new_container = {}
        else:  # SequenceStart
            value = new_container = []

        if stack:
            frame = stack[-1]
            if type(frame[0]) is dict:
                if frame[2] is not _DUPLICATE:
                    frame[0][frame[2]] = value
                frame[2] = _NO_KEY
            else:
                frame[0].append(value)
        else:
            root = value
        if new_container is not None:
            # A duplicate key's value is parsed into a throwaway container at a throwaway path.
            stack.append([new_container, node_path if node_path is not None else ("\0dup",), _NO_KEY, {}])
        elif not stack:
            break
    # After the first document: anything but the stream's end is a second document.
    while not isinstance(event, ev.DocumentEndEvent):
        event = get()
    event = get()
    if not isinstance(event, ev.StreamEndEvent):
        line, column = mark_of(event.start_mark)
        add_problem(doc, line, column, "several-documents", "the file holds more than one YAML document",
                 "a file holds one record: remove the `---` line and what follows, or move it to its own file")
        raise Abort
    return root


_NO_KEY = object()
_DUPLICATE = object()


def _has_props(event) -> bool:
    """Whether the event carries an anchor or an explicit tag, the two things _check_node_props reports."""
    tag = getattr(event, "tag", None)
    return getattr(event, "anchor", None) is not None or (tag is not None and tag != "!")


def _check_node_props(doc: Document, event, path: tuple, anchor_reported: bool) -> bool:
    """Anchors and tags are errors; returns whether an anchor has been reported."""
    line, column = mark_of(event.start_mark)
    anchor = getattr(event, "anchor", None)
    if anchor is not None and not anchor_reported:
        add_problem(doc, line, column, "yaml-anchor", f"anchor `&{anchor}` is not allowed",
                 "remove the anchor and write each value out in full", path)
        anchor_reported = True
    tag = getattr(event, "tag", None)
    # A non-plain scalar carries the non-specific tag "!" in libyaml; only explicit tags count.
    if tag is not None and tag != "!":
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        add_problem(doc, line, column, "yaml-tag", f"tag `{shown}` is not allowed",
                 "remove the tag: records hold plain text, numbers, lists and mappings only", path)
    return anchor_reported
