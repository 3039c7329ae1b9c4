"""Characters a reader cannot see, and names that look alike: decided once for the text rules
(check/rules/text.py) and the unique provider name rule (check/index.py).

Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt) is the set of characters a
renderer draws as nothing: zero-width spaces and joiners, word joiners, Hangul fillers, variation
selectors, tag characters and the like. Python's `unicodedata` does not expose the property, so the
ranges are written out here (Unicode 15.1; they change rarely, and only by additions).
"""
from __future__ import annotations

import re
import unicodedata

from . import caches

DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
# Ignorables that belong to visible text when they follow a visible character: ZWNJ and ZWJ
# (Persian and Indic joining, emoji ZWJ sequences), variation selectors (emoji or text style)
# and tag characters (subdivision flags such as the Scottish flag).
JOINING = ((0x200C, 0x200D), (0xFE00, 0xFE0F), (0xE0020, 0xE007F))
# Bidirectional controls: they reorder what a reader sees ("Trojan Source"); the text rules report
# them by their own rule, so the invisible-character rule leaves them out.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Blank although not ignorable: drawn as empty space like a space.
BRAILLE_BLANK = "\u2800"


def _ranges(pairs, without=()) -> str:
    """The code points of `pairs` but not of `without`, as the inside of a regex class."""
    codes = sorted({c for lo, hi in pairs for c in range(lo, hi + 1)} - {c for lo, hi in without for c in range(lo, hi + 1)})
    parts, start = [], 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] != codes[i - 1] + 1:
            lo, hi = codes[start], codes[i - 1]
            parts.append(re.escape(chr(lo)) + (f"-{re.escape(chr(hi))}" if hi > lo else ""))
            start = i
    return "".join(parts)


IGNORABLE_CLASS = re.compile(f"[{_ranges(DEFAULT_IGNORABLE)}]")
# An ignorable character that is never part of visible text, or a run of joining ones that does
# not follow a visible character (at the start, after a blank or after another ignorable). A
# character class and a one-character lookbehind: one pass over the text, no backtracking.
_ALWAYS = _ranges(DEFAULT_IGNORABLE, without=JOINING + tuple((ord(c), ord(c)) for c in BIDI_CONTROLS))
_JOINING = _ranges(JOINING)
_BIDI = "".join(re.escape(c) for c in sorted(BIDI_CONTROLS))
STRAY_IGNORABLE = re.compile(f"[{_ALWAYS}]|(?:^|(?<=[\\s{BRAILLE_BLANK}{_ALWAYS}{_BIDI}]))[{_JOINING}]+")
_INVISIBLE = re.compile(f"[\\s{BRAILLE_BLANK}{_ranges(DEFAULT_IGNORABLE)}]+")


def is_joining(char: str) -> bool:
    """A joiner, variation selector or tag character: invisible, but part of the text after a visible one."""
    return any(lo <= ord(char) <= hi for lo, hi in JOINING)


_ASCII_VISIBLE = re.compile("[!-~]")  # any printable ASCII character but the space


def has_visible(text: str) -> bool:
    """Whether the text holds a letter, number, punctuation mark or symbol a reader can see."""
    if _ASCII_VISIBLE.search(text):  # nearly every text: one scan at C speed
        return True
    return any(unicodedata.category(c)[0] in "LNPS" for c in _INVISIBLE.sub("", text))


# --- Look-alike names -----------------------------------------------------------------------------

# ASCII letters and digits that look alike in many fonts (UTS #39 gives `l` as their prototype).
_ASCII_ALIKE = str.maketrans({"I": "l", "1": "l", "|": "l", "0": "O"})


@caches.cached
def _homoglyphs() -> dict[str, str]:
    """Each non-ASCII character -> its first one-character ASCII look-alike, from Unicode's
    confusables data (as shipped by confusable-homoglyphs)."""
    from confusable_homoglyphs.confusables import confusables_data

    found = {}
    for char, alikes in confusables_data.items():
        if len(char) == 1 and not char.isascii():
            ascii_alike = next((a["c"] for a in alikes if len(a["c"]) == 1 and a["c"].isascii()), None)
            if ascii_alike:
                found[char] = ascii_alike
    return found


def _ascii_alike(text: str) -> str:
    table = _homoglyphs()
    return "".join(table.get(c, c) for c in text)


def name_keys(name: str) -> tuple[str, str]:
    """Two keys under which a name is compared with the others: names sharing either look alike.

    Invisible characters and blanks are dropped, the text is NFKC-normalised, and each non-ASCII
    character becomes its ASCII look-alike: once after case-folding (`Technologу` with a Cyrillic
    `у`, `mit`/`MIT`), and once before it, with `I`, `l`, `1` made one (a Cyrillic `І` looks like
    `l` in Unicode's data, so `МІТ` meets `MIT` only in capitals).
    """
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", name))  # after NFKC: it makes spaces
    folded = unicodedata.normalize("NFKC", text.casefold())
    return (_ascii_alike(folded), _ascii_alike(text).translate(_ASCII_ALIKE).casefold())
