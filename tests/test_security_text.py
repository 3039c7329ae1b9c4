"""Record text is plain, visible text: no control or bidirectional characters, no line break in a
one-line field, nothing a spreadsheet would run as a formula. Written raw or with a YAML escape,
the same character gets the same answer."""
from __future__ import annotations

import datetime as dt

import pytest

from fixturelib import BASE
from microcred.check import validate

TODAY = dt.date(2026, 11, 23)
BASE_COURSE = (BASE / "credentials" / "acme" / "base-course.yaml").read_text(encoding="utf-8")


def check(tmp_path, text: str, name: str = "base-course"):
    import shutil

    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    path = catalogue / "credentials" / "acme" / f"{name}.yaml"
    path.write_bytes(text.encode("utf-8"))
    return validate([path], catalogue, today=TODAY).problems


def with_line(old: str, new: str) -> str:
    assert old in BASE_COURSE
    return BASE_COURSE.replace(old, new)


def rules(problems) -> set[str]:
    return {p.rule for p in problems}


# YAML double-quoted escapes and the character each writes.
ESCAPES = [("\\0", 0x0), ("\\a", 0x7), ("\\e", 0x1B), ("\\x7f", 0x7F), ("\\N", 0x85), ("\\x9b", 0x9B),
           ("\\L", 0x2028), ("\\P", 0x2029), ("\\r", 0xD), ("\\t", 0x9), ("\\u0000", 0x0), ("\\b", 0x8)]


@pytest.mark.parametrize("escape,code", ESCAPES, ids=[e for e, _ in ESCAPES])
def test_a_control_character_written_as_a_yaml_escape_is_rejected_where_it_stands(tmp_path, escape, code):
    problems = check(tmp_path, with_line("title: Base course", f'title: "Base{escape} course"'))
    found = [p for p in problems if p.rule == "text-control-character"]
    assert found, problems
    p = found[0]
    assert (p.line, p.path) == (3, "title") and p.file.endswith("base-course.yaml")
    assert f"U+{code:04X}" in p.message and f"U+{code:04X}" in p.hint
    assert "character 5 of the text" in p.message
    assert p.message.isprintable() and p.hint.isprintable()  # the report never prints it raw
    if code not in (0x9, 0xD, 0x85, 0x2028, 0x2029):  # YAML reads those raw as whitespace or line breaks
        raw = check(tmp_path / "raw", with_line("title: Base course", f'title: "Base{chr(code)} course"'))
        assert [p.line for p in raw if p.is_error][:1] == [3], raw  # typed raw: rejected at the same line


def test_raw_tab_in_a_one_line_field_is_a_control_character(tmp_path):
    problems = check(tmp_path, with_line("title: Base course", 'title: "Base\tcourse"'))
    assert [p.rule for p in problems] == ["text-control-character"]
    assert "U+0009" in problems[0].message


def test_a_control_character_in_a_key_or_a_list_item_is_found(tmp_path):
    problems = check(tmp_path, BASE_COURSE + '"sk\\eills": [x]\nskills: ["Py\\u0007thon"]\n')
    found = {(p.rule, p.path) for p in problems}
    assert ("text-control-character", "sk\x1bills") in found
    assert ("text-control-character", "skills[0]") in found


BIDI = ["\u202e", "\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"]


@pytest.mark.parametrize("char", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_a_bidirectional_control_is_rejected_raw_and_escaped(tmp_path, char):
    for written in (char, f"\\u{ord(char):04x}"):
        problems = check(tmp_path / written.encode("unicode_escape").decode().replace("\\", "_"),
                         with_line("summary: A valid invented listing", f'summary: "A valid {written}invented listing'
                                   ).replace("other fixtures refer to.", 'other fixtures refer to."'))
        found = [p for p in problems if p.rule == "text-bidi-control"]
        assert found and found[0].path == "summary" and found[0].line == 5, problems
        assert f"U+{ord(char):04X}" in found[0].message


def test_right_to_left_text_itself_is_fine(tmp_path):
    assert check(tmp_path, with_line("title: Base course", "title: دورة أساسية Base course")) == []


@pytest.mark.parametrize("field,line", [("title", "title: |\n  Base\n  course"),
                                        ("summary", 'summary: "A valid invented listing\\nthat other fixtures refer to."'),
                                        ("learning_outcomes[0]", "learning_outcomes: [\"Do\\nthe basics\"]")])
def test_a_line_break_in_a_one_line_field_is_rejected(tmp_path, field, line):
    key = field.split("[")[0].split(".")[0]
    old = next(l for l in BASE_COURSE.splitlines() if l.startswith(key + ":"))
    problems = check(tmp_path, with_line(old, line))
    found = [p for p in problems if p.rule == "text-single-line"]
    assert [p.path for p in found] == [field]
    assert "U+000A" in found[0].message


def test_a_line_break_in_a_key_is_rejected(tmp_path):
    problems = check(tmp_path, BASE_COURSE + '"a\\nb": 1\n')
    assert ("text-single-line", "a\nb") in {(p.rule, p.path) for p in problems}


def test_description_may_hold_lines_and_tabs_but_no_other_control(tmp_path):
    ok = BASE_COURSE + "description: |\n  First paragraph.\n\n  - a list item\n  - code:\tx\n"
    assert check(tmp_path / "ok", ok) == []
    bad = BASE_COURSE + 'description: "First line.\\nSecond\\e line."\n'
    assert [p.rule for p in check(tmp_path / "bad", bad)] == ["text-control-character"]


@pytest.mark.parametrize("char", ["=", "+", "-", "@"])
@pytest.mark.parametrize("field", ["title", "skill", "description", "provider name"])
def test_text_starting_with_a_formula_character_is_rejected(tmp_path, char, field):
    if field == "title":
        text, path = with_line("title: Base course", f'title: "{char}1+1 Base course"'), "title"
    elif field == "skill":
        text, path = BASE_COURSE + f'skills: ["{char}cmd|calc"]\n', "skills[0]"
    elif field == "description":
        text, path = BASE_COURSE + f'description: "{char} first item"\n', "description"
    else:
        import shutil
        catalogue = tmp_path / "catalogue"
        shutil.copytree(BASE, catalogue)
        provider = catalogue / "providers" / "acme.yaml"
        provider.write_text(provider.read_text().replace("name: Acme", f'name: "{char}Acme'
                                                         ).replace("(invented, for tests)", '(invented, for tests)"'))
        problems = validate([provider], catalogue, today=TODAY).problems
        assert [(p.rule, p.path, p.line) for p in problems] == [("text-formula-start", "name", 3)]
        return
    problems = check(tmp_path, text)
    found = [(p.rule, p.path) for p in problems if p.rule == "text-formula-start"]
    assert found == [("text-formula-start", path)]
    assert f"`{char}`" in problems[[p.rule for p in problems].index("text-formula-start")].message


@pytest.mark.parametrize("start", ["\\t=1+1", "  =1+1", "\\n@SUM(A1)", "\\tFirst word"])
def test_description_may_not_hide_a_formula_start_behind_white_space(tmp_path, start):
    problems = check(tmp_path, BASE_COURSE + f'description: "{start} and more text"\n')
    assert [(p.rule, p.path) for p in problems] == [("text-formula-start", "description")]


def test_formula_characters_inside_text_and_negative_numbers_are_fine(tmp_path):
    text = with_line("title: Base course", "title: C++ = fun, e-mail @ home") + "skills: [C++, a-b]\n"
    assert check(tmp_path, text) == []


def test_emoji_and_other_unicode_text_pass(tmp_path):
    text = with_line("title: Base course", "title: Data 🎓 Tromsø 数据 naïve")
    assert check(tmp_path, text) == []


INVISIBLE_ONLY = ["\u200b\u2060\ufeff", "\u3164" * 25, "\U000e0041\U000e0042", "\u115f\u1160", "\ufe0f",
                  "\u200d", "\u00ad", "\u034f"]


@pytest.mark.parametrize("text", INVISIBLE_ONLY)
def test_a_title_of_invisible_characters_only_is_rejected(tmp_path, text):
    problems = check(tmp_path, with_line("title: Base course", f'title: "{text}"'))
    assert {(p.rule, p.path, p.line) for p in problems if p.is_error} >= {("text-invisible", "title", 3)}


@pytest.mark.parametrize("text", ["\u2800" * 5, "\u2800 \u3000"])
def test_a_title_of_blanks_only_is_rejected(tmp_path, text):
    problems = check(tmp_path, with_line("title: Base course", f'title: "{text}"'))
    assert [(p.rule, p.path, p.line) for p in problems if p.is_error] == [("text-visible", "title", 3)]


@pytest.mark.parametrize("text, index", [
    ("Data\u200bskills", 5), ("Data skills\u2060", 12), ("\ufeffData skills", 1), ("Data\u00adskills", 5),
    ("Data skills \u200d", 13),  # a joiner after a blank joins nothing
    ("\ufe0fData skills", 1),  # a variation selector that styles nothing
    ("Data \U000e0067\U000e007f skills", 6),  # tag characters that follow no visible character
])
def test_an_invisible_character_inside_text_is_rejected_where_it_stands(tmp_path, text, index):
    problems = check(tmp_path, with_line("title: Base course", f'title: "{text}"'))
    [problem] = [p for p in problems if p.is_error]
    assert (problem.rule, problem.path) == ("text-invisible", "title")
    assert f"at character {index} of the text" in problem.message and "U+" in problem.message


@pytest.mark.parametrize("text", [
    "Family \U0001f468\u200d\U0001f469\u200d\U0001f467 skills",  # an emoji ZWJ sequence
    "Love \u2764\ufe0f and keycap 1\ufe0f\u20e3",  # variation selectors after what they style
    "Scotland \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # a flag tag sequence
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian with ZWNJ
    "\u0915\u094d\u200d\u0937 Hindi",  # Devanagari with ZWJ
])
def test_joiners_and_selectors_that_follow_a_visible_character_pass(tmp_path, text):
    assert [p for p in check(tmp_path, with_line("title: Base course", f'title: "{text}"')) if p.is_error] == []


def test_a_key_of_invisible_characters_is_reported(tmp_path):
    found = {(p.rule, p.path) for p in check(tmp_path, BASE_COURSE + '"\u200b": x\n')}
    assert ("text-invisible", "\u200b") in found and ("text-visible", "\u200b") in found
