"""Rules for record text: every string is plain, visible, one-line where it should be, and safe in a
spreadsheet cell.

They read the loaded values, so a character written with a YAML escape (`"\\u0000"`, `"\\e"`,
`"\\L"`) is caught exactly like one typed in. Keys are checked too: a key is text a report prints.

Which fields may hold several lines comes from the schema (`contentMediaType` marks the
document-like `description` fields); every other string, and every key, is one line. The formula
rule reads every string value: codes, ids and URLs cannot start with `=`, `+`, `-` or `@` by their
patterns, so checking them too costs nothing, and a field added later is covered without a list
to keep up to date.
"""
from __future__ import annotations

import re
import unicodedata

from ...characters import BIDI_CONTROLS, IGNORABLE_CLASS, STRAY_IGNORABLE, has_visible, is_joining
from ...paths import KINDS
from ...schemas import from_strings, multi_line, record_strings
from ..registry import rule

# Bidirectional controls (characters.BIDI_CONTROLS): the browser orders right-to-left scripts by
# itself; a record never needs them.
# A spreadsheet runs a cell that starts with one of these as a formula (tab and CR are control
# characters, rejected anyway).
FORMULA_STARTS = ("=", "+", "-", "@")

_NAMES = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x00": "NULL", "\x1b": "ESCAPE",
          "\x7f": "DELETE", "\x85": "NEXT LINE", "\x08": "BACKSPACE", "\x07": "BELL", "\x0b": "LINE TABULATION",
          "\x0c": "FORM FEED"}


def is_control(char: str, multi: bool = False) -> bool:
    """C0 (but tab and newline in a multi-line field), DEL, C1, and the line/paragraph separators."""
    code = ord(char)
    if char in "\t\n":
        return not multi and char == "\t"  # a newline in a one-line field is its own rule
    return code < 0x20 or 0x7F <= code <= 0x9F or char in "\u2028\u2029"


def describe(char: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: how a problem names an invisible character."""
    name = _NAMES.get(char) or unicodedata.name(char, "a control character")
    return f"U+{ord(char):04X} {name}"


def _where(text: str, index: int) -> str:
    """Where a character stands in a value, in words a provider can follow in an editor."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    if "\n" in text:
        return f"at line {line}, character {column} of the text"
    return f"at character {column} of the text"


def _what(is_key: bool) -> str:
    return "the field name" if is_key else "the text"


# The same characters as `is_control` and BIDI_CONTROLS, as classes a regex scans for at C speed
# (a character class never backtracks: one pass over the text).
# Built from them, so the two cannot drift apart (every control character is below U+2030).
def _class_of(chars) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


_CONTROL_ONE_LINE = _class_of(chr(c) for c in range(0x2030) if is_control(chr(c)))
_CONTROL_MULTI_LINE = _class_of(chr(c) for c in range(0x2030) if is_control(chr(c), multi=True))
_BIDI = _class_of(BIDI_CONTROLS)


def _first(text: str, chars: re.Pattern) -> tuple[int, int]:
    """Index of the first character of the class, and how many there are (-1, 0 if none)."""
    found = chars.search(text)
    if found is None:
        return -1, 0
    return found.start(), 1 + sum(1 for _ in chars.finditer(text, found.end()))


# Any character one of the character rules below reports: controls (line breaks and tabs too),
# bidirectional controls and default-ignorables. Most strings hold none, so one scan of each
# string decides which few the rules look at.
_SUSPECT = re.compile("[" + _CONTROL_ONE_LINE.pattern[1:-1] + "\n" + _BIDI.pattern[1:-1]
                      + IGNORABLE_CLASS.pattern[1:-1] + "]")


def _suspect_strings(strings: list) -> list:
    return [s for s in strings if _SUSPECT.search(s[1])]


def _suspects(doc) -> list:
    """The record's strings (as `record_strings` yields them) that hold a suspect character,
    worked out once per record for the four rules that read them."""
    return from_strings(doc.kind, doc.data, _suspect_strings)


def _more(count: int) -> str:
    return f" (and {count - 1} more like it)" if count > 1 else ""


@rule("text-control-character", KINDS, "no string holds a control character (tab and newline only in multi-line fields)")
def check_control_characters(doc, index):
    for path, text, schema, _ref, is_key in _suspects(doc):
        multi = not is_key and multi_line(schema)
        first, count = _first(text, _CONTROL_MULTI_LINE if multi else _CONTROL_ONE_LINE)
        if first >= 0:
            char = text[first]
            yield path, f"{_what(is_key)} holds the control character {describe(char)} {_where(text, first)}{_more(count)}", \
                f"delete {describe(char)} {_where(text, first)}: it is invisible in most editors (a YAML escape such as " \
                f"`\\e` or `\\u0000` in double quotes also writes one)"


def _found(doc, chars: re.Pattern):
    """`(path, what, char, where, more)` for each string holding a character of the class: the
    first one, where it stands, and how many more there are."""
    for path, text, _schema, _ref, is_key in _suspects(doc):
        first, count = _first(text, chars)
        if first >= 0:
            yield path, _what(is_key), text[first], _where(text, first), _more(count)


@rule("text-bidi-control", KINDS, "no string holds a bidirectional control character")
def check_bidi_controls(doc, index):
    for path, what, char, where, more in _found(doc, _BIDI):
        yield path, f"{what} holds the bidirectional control {describe(char)} {where}{more}", \
            f"delete {describe(char)}: it changes the order in which a reader sees the text; " \
            "right-to-left scripts display correctly without it"


@rule("text-single-line", KINDS, "a one-line field (every field but `description`) holds no line break")
def check_single_line(doc, index):
    for path, text, schema, _ref, is_key in _suspects(doc):
        if (is_key or not multi_line(schema)) and "\n" in text:
            first = text.index("\n")
            yield path, f"{_what(is_key)} is one line, but holds a line break (U+000A) at character {first + 1}", \
                "write it on one line: a block scalar (`|` or `>`), a `\\n` escape or a line continuation in " \
                "double quotes puts a line break in it; a trailing one is removed by `|-` or by quoting the text"


@rule("text-invisible", KINDS, "no string holds an invisible character (zero-width space, word joiner, Hangul filler, "
      "tag character...), but for a joiner, variation selector or tag that follows a visible character")
def check_invisible(doc, index):
    # Invisible characters make two texts that look the same differ (a name, a code), or fill a
    # required field with nothing a reader can see.
    for path, what, char, where, more in _found(doc, STRAY_IGNORABLE):
        alone = " that follows no visible character" if is_joining(char) else ""
        yield path, f"{what} holds the invisible character {describe(char)}{alone} {where}{more}", \
            f"delete {describe(char)} {where}: a reader cannot see it (joiners and variation selectors " \
            "belong only right after the letter or emoji they join or style)"


@rule("text-visible", KINDS, "every non-empty string holds a letter, number, punctuation mark or symbol a reader can see")
def check_visible(doc, index):
    for path, text, _schema, _ref, is_key in record_strings(doc.kind, doc.data):
        if text and not has_visible(text):
            yield path, f"{_what(is_key)} shows nothing: it holds only blanks or invisible characters", \
                "write the text itself, or remove the field if it is optional"


# Spreadsheets also take a cell that starts with a tab or a line break (allowed in `description`)
# as a formula start, and some trim leading spaces before they look: so the first visible
# character is what counts.
_LEADING_SPACE = " \t\n\r"


@rule("text-formula-start", KINDS, "no text starts with `=`, `+`, `-` or `@`, which a spreadsheet runs as a formula")
def check_formula_start(doc, index):
    for path, text, _schema, _ref, is_key in record_strings(doc.kind, doc.data):
        if is_key:
            continue
        visible = text.lstrip(_LEADING_SPACE)
        if visible.startswith(FORMULA_STARTS):
            before = " after white space" if len(visible) < len(text) else ""
            yield path, f"the text starts with `{visible[0]}`{before}, which a spreadsheet runs as a formula when it opens the published tables", \
                f"start with a word or a digit instead: reword it, or drop the leading `{visible[0]}` " \
                "(a list in `description` needs a sentence before it)"
        elif len(visible) < len(text) and text[:1] in "\t\n":
            yield path, "the text starts with a tab or a line break, which a spreadsheet can take as the start of a formula", \
                "start the text with its first word"
