"""The strict loader: YAML as providers write it, and every kind of broken input."""
from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from microcred.load import MAX_BYTES, load_file, load_text
from microcred.load.tree import MAX_DEPTH

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "yaml-test-suite"
if not CORPUS.is_dir():  # CI clones the repo with shared/ beside it
    CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "yaml-test-suite"


@contextmanager
def must_finish(seconds: int):
    """A hang guard, not a speed assertion: fail instead of hanging forever."""
    def on_alarm(*_):
        raise AssertionError(f"did not finish within {seconds} s")
    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def rules(doc):
    return [p.rule for p in doc.problems]


def test_yaml_12_scalars_stay_text_where_yaml_11_would_change_them():
    doc = load_text("country: NO\nanswer: yes\nswitch: on\nday: 2026-03-01\nversion: '1.10'\n", "f.yaml")
    assert doc.data == {"country": "NO", "answer": "yes", "switch": "on", "day": "2026-03-01", "version": "1.10"}


def test_core_schema_numbers_booleans_and_nulls():
    doc = load_text("a: 12\nb: 1.5\nc: true\nd: null\ne: ~\nf: 0x1F\ng: 1e3\n", "f.yaml")
    assert doc.data == {"a": 12, "b": 1.5, "c": True, "d": None, "e": None, "f": 31, "g": 1000.0}


def test_unquoted_leading_zero_is_remembered_as_written():
    doc = load_text('field_of_education: 0613\n', "f.yaml")
    assert doc.data == {"field_of_education": 613}
    assert doc.plain[("field_of_education",)] == "0613"


def test_positions_of_keys_and_list_items_are_kept():
    doc = load_text("a: 1\nlist:\n  - x\n  - y: 2\n", "f.yaml")
    assert doc.positions[("a",)] == (1, 1)
    assert doc.positions[("list", 1)] == (4, 5)
    assert doc.positions[("list", 1, "y")] == (4, 5)


def test_positions_are_read_when_asked_for_even_from_a_file_that_breaks_part_way():
    doc = load_text("title: a\nskills:\n  - x\n  - y\nbad: [\n", "f.yaml")
    assert rules(doc) == ["yaml-syntax"]
    assert doc.positions[("skills", 1)] == (4, 5)  # read from the text: loading keeps no positions
    assert doc.position(("skills", 1, "deeper")) == (4, 5)
    assert doc.position(("missing",)) == (1, 1)


def test_duplicate_key_names_both_lines():
    doc = load_text("title: a\nid: x\ntitle: b\n", "f.yaml")
    assert rules(doc) == ["duplicate-key"]
    assert "first on line 1, again on line 3" in doc.problems[0].message
    assert doc.problems[0].line == 3


def test_billion_laughs_is_rejected_at_the_first_alias():
    text = (Path(__file__).parent / "fixtures" / "invalid" / "yaml-alias.yaml").read_text()
    with must_finish(5):
        doc = load_text(text, "bomb.yaml")
    assert doc.data is None
    assert rules(doc) == ["yaml-anchor", "yaml-alias"]


def test_python_object_tag_is_rejected_and_never_constructed():
    doc = load_text("a: !!python/object/apply:os.system ['echo pwned']\n", "f.yaml")
    assert "yaml-tag" in rules(doc)
    assert doc.problems[0].message == "tag `!!python/object/apply:os.system` is not allowed"


def test_two_documents_are_rejected():
    doc = load_text("a: 1\n---\na: 2\n", "f.yaml")
    assert rules(doc) == ["several-documents"] and doc.data is None


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_files_are_rejected(text):
    assert rules(load_text(text, "f.yaml")) == ["empty-file"]


@pytest.mark.parametrize("text,found", [("- a\n- b\n", "a list"), ("just text\n", "a single value")])
def test_a_top_level_that_is_not_a_mapping_is_rejected(text, found):
    doc = load_text(text, "f.yaml")
    assert rules(doc) == ["not-a-mapping"] and found in doc.problems[0].message


def test_tab_indentation_gets_a_hint_about_spaces():
    doc = load_text("cost:\n\tamount: 1\n", "f.yaml")
    assert rules(doc) == ["yaml-syntax"]
    assert doc.problems[0].line == 2
    assert "spaces" in doc.problems[0].hint


@pytest.mark.parametrize("text", ["a: b: c\n", "a: [1, 2\n", "a: 'open\n", "- a\nb: 1\n", "a:\n  - b\n c: 1\n"])
def test_syntax_errors_name_a_line(text):
    doc = load_text(text, "f.yaml")
    assert rules(doc) == ["yaml-syntax"] and doc.problems[0].line >= 1


def test_invalid_utf8_names_the_line_and_column(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\ntitle: Caf\xe9\n".encode("latin-1"))
    doc = load_file(path)
    assert rules(doc) == ["encoding"]
    assert (doc.problems[0].line, doc.problems[0].column) == (2, 11)


def test_utf16_is_rejected_with_a_hint(tmp_path):
    path = tmp_path / "utf16.yaml"
    path.write_bytes("id: x\n".encode("utf-16"))
    doc = load_file(path)
    assert rules(doc) == ["encoding"] and "UTF-8" in doc.problems[0].hint


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffid: x\n".encode("utf-8"))
    assert load_file(path).data == {"id": "x"}


def test_a_file_over_the_size_cap_is_rejected_without_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"description: " + b"x" * MAX_BYTES + b"\n")
    doc = load_file(path)
    assert rules(doc) == ["file-size"] and doc.data is None


def test_deep_nesting_is_rejected_not_recursed():
    depth = MAX_DEPTH * 40
    with must_finish(5):
        doc = load_text("a: " + "[" * depth + "]" * depth + "\n", "f.yaml")
    assert rules(doc) == ["too-deep"]


def test_an_unreadable_path_is_a_problem_not_a_traceback(tmp_path):
    doc = load_file(tmp_path / "missing.yaml")
    assert rules(doc) == ["unreadable"]


def test_a_symbolic_link_is_refused_and_its_target_never_read(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("secret_key: do-not-print\n", encoding="utf-8")
    link = tmp_path / "catalogue" / "providers" / "zz.yaml"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    doc = load_file(link)
    assert rules(doc) == ["not-a-regular-file"] and doc.data is None
    assert "symbolic link" in doc.problems[0].message and "secret_key" not in str(doc.problems)


@pytest.mark.parametrize("make", [lambda p: p.mkdir(), lambda p: os.mkfifo(p)], ids=["folder", "named-pipe"])
def test_a_folder_or_a_named_pipe_is_refused_without_blocking(tmp_path, make):
    path = tmp_path / "x.yaml"
    make(path)
    with must_finish(10):  # opening a pipe for reading waits for a writer
        assert rules(load_file(path)) == ["not-a-regular-file"]


def test_the_catalogue_walk_reports_links_and_never_enters_a_linked_folder(tmp_path):
    import shutil

    from fixturelib import BASE
    from microcred.check import validate

    outside = tmp_path / "outside"
    (outside / "evil").mkdir(parents=True)
    (outside / "evil" / "x.yaml").write_text("secret_key: do-not-print\n", encoding="utf-8")
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    (catalogue / "credentials" / "evil").symlink_to(outside / "evil", target_is_directory=True)
    (catalogue / "providers" / "zz.yaml").symlink_to(outside / "evil" / "x.yaml")
    for paths in ([], [catalogue]):  # the whole catalogue, and a folder named on the command line
        result = validate(paths, catalogue)
        found = sorted((os.path.basename(p.file), p.rule) for p in result.problems)
        assert found == [("evil", "not-a-regular-file"), ("zz.yaml", "not-a-regular-file")], paths
        assert "secret_key" not in str(result.problems) and not result.ok


def test_the_control_characters_yaml_forbids_are_a_syntax_problem():
    doc = load_text("a: \x07bell\n", "f.yaml")
    assert rules(doc) == ["yaml-syntax"]


CORPUS_FILES = sorted(CORPUS.glob("*.yaml")) if CORPUS.is_dir() else []
# Streams the YAML spec calls invalid that libyaml (and so PyYAML's C loader) still parses. Their
# data then faces the schema like any record. Listed so that any change in libyaml shows up here.
LIBYAML_LENIENT = {
    "9C9N.invalid.yaml", "DK95-01.invalid.yaml", "QB6E.invalid.yaml", "S98Z.invalid.yaml",
    "SU5Z.invalid.yaml", "X4QW.invalid.yaml",
    "name-block-scalar-with-more-spaces-than-first-content-line.invalid.yaml",
    "name-comment-without-whitespace-after-block-scalar-indicator.invalid.yaml",
    "name-comment-without-whitespace-after-doublequoted-scalar.invalid.yaml",
    "name-wrong-indented-flow-sequence.invalid.yaml",
    "name-wrong-indented-multiline-quoted-scalar.invalid.yaml",
}


@pytest.mark.skipif(not CORPUS_FILES, reason="shared/corpora/yaml-test-suite is not beside the repo")
def test_every_yaml_test_suite_file_loads_or_fails_cleanly():
    """No input of the public YAML test suite raises; invalid streams always give a problem."""
    accepted_invalid = set()
    with must_finish(60):
        for path in CORPUS_FILES:
            doc = load_file(path, display=path.name)
            for p in doc.problems:
                assert p.file == path.name and p.message and p.rule
            if path.name.endswith(".invalid.yaml") and not doc.problems:
                accepted_invalid.add(path.name)
            if doc.data is not None:
                assert isinstance(doc.data, dict)
    assert accepted_invalid == LIBYAML_LENIENT


def test_the_corpus_is_where_the_tests_look():
    # CI runs in a fresh clone with shared/ beside it; a missing corpus must not pass silently.
    if os.environ.get("CI"):
        assert CORPUS_FILES, f"expected the YAML test suite at {CORPUS}"
