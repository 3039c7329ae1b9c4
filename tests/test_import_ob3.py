"""Export -> import: the Open Badges 3.0 Achievement of every listing (real and generated) drafts the
listing back; the fields it carries come back equal, the rest are listed TODO placeholders, and with
those filled in the draft validates."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from factory import make_catalogue
from microcred.build import build
from microcred.check import validate
from microcred.dump import dump_record
from microcred.export.badges import achievement
from microcred.paths import CATALOGUE_DIR, modeline
from microcred.tools.importing.drafts import import_draft

TODAY = dt.date(2026, 11, 25)
# What an Achievement cannot carry whole: one language of several, stacking notes, VET credit.
LOSSY = {"languages", "stacks_into", "vet_credit"}


def _get(record: dict, path: str):
    for key in path.split("."):
        record = record[key]
    return record


def _set(record: dict, path: str, value) -> None:
    keys = path.split(".")
    for key in keys[:-1]:
        record = record[key]
    record[keys[-1]] = value


def _catalogues(tmp_path_factory):
    generated = make_catalogue(tmp_path_factory.mktemp("gen") / "catalogue", credentials=30, qualifications=4)
    return [CATALOGUE_DIR, generated]


def _round_trips(source: Path, tmp: Path):
    built = build(source, as_of=TODAY)
    assert built.catalogue is not None, built.report("text")
    for cred in built.catalogue.credentials.values():
        yield cred.data, achievement(built.catalogue, cred)


@pytest.mark.parametrize("which", ["real", "generated"])
def test_every_exported_achievement_imports_back_to_its_listing(which, tmp_path, tmp_path_factory):
    source = _catalogues(tmp_path_factory)[0 if which == "real" else 1]
    count = 0
    for original, doc in _round_trips(source, tmp_path):
        count += 1
        work = tmp_path / f"c{count}"
        shutil.copytree(source, work)
        target = work / "credentials" / original["provider"] / f"{original['id']}.yaml"
        target.unlink()  # the draft takes the listing's place
        badge = tmp_path / f"{count}.json"
        badge.write_text(json.dumps(doc), encoding="utf-8")

        [draft] = import_draft("ob3", badge, work, None)
        assert draft.path == target
        written = validate([target], work, today=TODAY)
        placeholder_paths = {p.path for p in written.problems if p.is_error}
        assert set(draft.missing) <= placeholder_paths, "each TODO fails validation until filled"
        for key, value in draft.record.items():  # every field the Achievement carries comes back equal
            if value is not None and key not in LOSSY and not isinstance(value, dict):
                assert value == original[key], (original["id"], key)
        assert draft.record["languages"][0] == original["languages"][0]

        filled = dict(draft.record)
        for path in draft.missing:
            _set(filled, path, _get(original, path))
        filled.update({name: original[name] for name in draft.conditional if name in original})
        target.write_text(modeline("credential") + "\n" + dump_record(filled), encoding="utf-8")
        assert validate([target], work, today=TODAY).ok, (original["id"], draft.missing)
    assert count >= 10
