"""Incremental preview: under `mkdocs serve --dirty` each build reuses what the last one made where
its inputs are unchanged (microcred.reuse, keys in microcred.shown). A kept output that missed an
input would be stale, so after each kind of edit the outputs of a build that reuses must be the
same, file for file and byte for byte, as a fresh build's; and the edit must not remake
everything, or the preview would be no faster than a full build."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import CHAIN_TITLE, MARKUP_PROVIDER_ID, PLAIN_ID, write_site_catalogue  # noqa: E402

from factory import write_record  # noqa: E402
from microcred.build import build  # noqa: E402
from microcred.outputs import site_files  # noqa: E402
from microcred.reuse import Reuse  # noqa: E402

AS_OF = dt.date(2026, 11, 25)


def _outputs(folder: Path, reuse=None, as_of: dt.date = AS_OF):
    built = build(folder, as_of, reuse=reuse) if reuse is not None else build(folder, as_of)
    assert built.catalogue is not None, built.report()
    files = site_files(built.catalogue, reuse=reuse) if reuse is not None else site_files(built.catalogue)
    if reuse is not None:
        counts = (reuse.made, reuse.reused)
        reuse.sweep()
        return files, counts
    return files, None


def _record(folder: Path, relative: str) -> dict:
    return yaml.safe_load((folder / relative).read_text(encoding="utf-8"))


def _rewrite(folder: Path, relative: str, change) -> None:
    path = folder / relative
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    kind = relative.split("/")[0].rstrip("s")
    write_record(folder, kind, record, name=path.stem)


def _retitle(title: str):
    return lambda record: record.update(title=title)


def _target_of_chain(folder: Path) -> str:
    """The file of a credential that another credential stacks into (its title shows there)."""
    return f"credentials/{MARKUP_PROVIDER_ID}/rocket-micromasters.yaml"


EDITS = {
    # The edited page, the finder part it moves to, the pages of the listings it is similar to.
    "credential title": lambda f: _rewrite(f, f"credentials/{PLAIN_ID}.yaml", _retitle("Zigzag Sailing")),
    # Shown on the page of the credential that stacks into it, and in that one's CTDL and JSON-LD.
    "stacking target title": lambda f: _rewrite(f, _target_of_chain(f), _retitle(f"{CHAIN_TITLE} Renamed")),
    # On every page and data file of the provider's credentials.
    "provider name": lambda f: _rewrite(f, "providers/provider-001.yaml", lambda r: r.update(name="Renamed Institute")),
    # On the pages of the credentials that stack into it or give credit towards it.
    "qualification title": lambda f: _rewrite(f, "qualifications/qualification-00.yaml",
                                              lambda r: r.update(title="Certificate IV in Renamed Studies")),
    "qualification of a degree": lambda f: _rewrite(f, "qualifications/qualification-01.yaml",
                                                    lambda r: r.update(title="Bachelor of Renamed Studies")),
    # Changes which listings are similar to which.
    "skills": lambda f: _rewrite(f, "credentials/provider-000/credential-00003.yaml",
                                 lambda r: r.update(skills=["Chart plotting", "Knot tying", "SQL"])),
    "a fact in the tables": lambda f: _rewrite(f, "credentials/provider-002/credential-00005.yaml",
                                               lambda r: r.update(workload_hours=77)),
    "a new credential": lambda f: write_record(f, "credential", {
        **_record(f, f"credentials/{PLAIN_ID}.yaml"), "id": "quay-skills", "title": "Quay Skills"}),
    "a deleted credential": lambda f: (f / "credentials/provider-000/credential-00006.yaml").unlink(),
}


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """A catalogue and a Reuse that has seen it built once."""
    folder = write_site_catalogue(tmp_path_factory.mktemp("preview") / "catalogue", credentials=30)
    reuse = Reuse()
    _outputs(folder, reuse)
    return folder, reuse


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_build_that_reuses_writes_what_a_fresh_build_writes(preview, edit):
    folder, reuse = preview
    EDITS[edit](folder)
    fresh, _ = _outputs(folder)
    reused, (made, kept) = _outputs(folder, reuse)
    assert reused.keys() == fresh.keys()
    stale = [path for path in fresh if reused[path] != fresh[path]]
    assert stale == [], f"after the edit ({edit}), these differ from a fresh build: {stale[:5]}"
    # One edit remakes what shows the edited record, not the catalogue: most outputs are kept
    # (a provider's name is on a third of this catalogue's listings and their similar ones').
    assert kept > made, f"{made} outputs made again and only {kept} reused after one edit ({edit})"


def test_a_new_build_date_remakes_what_shows_dates(preview):
    folder, reuse = preview
    later = AS_OF + dt.timedelta(days=200)  # intakes pass, listings become stale
    fresh, _ = _outputs(folder, as_of=later)
    reused, _ = _outputs(folder, reuse, as_of=later)
    assert [p for p in fresh if reused[p] != fresh[p]] == []


def test_a_broken_file_is_reported_and_its_fix_reuses_the_rest(preview):
    folder, reuse = preview
    path = folder / "credentials/provider-002/credential-00008.yaml"
    original = path.read_text(encoding="utf-8")
    _outputs(folder, reuse)  # the last good build, as of AS_OF
    path.write_text(original.replace("workload_hours:", "workload_hours: lots\nx_hours:"), encoding="utf-8")
    broken = build(folder, AS_OF, reuse=reuse)
    reuse.carry()  # as the site plugin does after a build that stopped
    assert broken.catalogue is None and any("credential-00008.yaml" in p.file for p in broken.errors)
    path.write_text(original, encoding="utf-8")
    fresh, _ = _outputs(folder)
    reused, (made, kept) = _outputs(folder, reuse)
    assert [p for p in fresh if reused[p] != fresh[p]] == []
    assert kept > made, f"after the fix, {made} outputs made again and only {kept} reused"


def test_a_rule_across_files_is_not_kept_stale(preview):
    """Deleting a credential's provider leaves the credential's own file unchanged, but the
    provider-exists rule reads the other file: the build must fail, not reuse the last result."""
    folder, reuse = preview
    provider = folder / "providers" / f"{MARKUP_PROVIDER_ID}.yaml"
    text = provider.read_text(encoding="utf-8")
    provider.unlink()
    try:
        built = build(folder, AS_OF, reuse=reuse)
        reuse.sweep()
        assert built.catalogue is None
        assert {p.rule for p in built.errors} >= {"provider-exists"}
    finally:
        provider.write_text(text, encoding="utf-8")
