"""Exports written to disk as they are made (microcred.written): the site's data files are the
package's byte for byte, nothing is left in the temporary folder, a failure leaves the
package folder as it was, and no output path can leave the site."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import AS_OF_EPOCH, build_site, write_site_catalogue  # noqa: E402

from microcred.build import load_catalogue  # noqa: E402
from microcred.export import package, registry  # noqa: E402
from microcred.export.package import package_files, write_package  # noqa: E402
from microcred.outputs import site_files  # noqa: E402
from microcred.render.page import Page  # noqa: E402
from microcred.site.pages import PageOnDisk  # noqa: E402
from microcred.written import Spill  # noqa: E402
from factory import make_catalogue  # noqa: E402

AS_OF = dt.datetime.fromtimestamp(int(AS_OF_EPOCH), dt.timezone.utc).date()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_site_build_publishes_the_data_package_byte_for_byte_and_leaves_no_scratch(tmp_path):
    catalogue_dir = make_catalogue(tmp_path / "catalogue", credentials=12)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    site = tmp_path / "site"
    result = build_site(catalogue_dir, site, env={"TMPDIR": str(scratch)})
    assert result.returncode == 0, result.stdout + result.stderr
    in_memory = package_files(load_catalogue(catalogue_dir, as_of=AS_OF))
    on_site = {f"data/{path}": content for path, content in _tree(site / "data").items() if path != "index.html"}
    assert on_site == in_memory
    assert sum(path.startswith("data/badges/") for path in on_site) == 12
    assert list(scratch.iterdir()) == []  # the search index's scratch folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogue", "site", "site.mkdocs.yml", "tmp"]  # the exports'


def test_every_file_of_the_package_is_on_disk_and_a_graph_or_badge_goes_there_as_soon_as_it_is_made(tmp_path):
    catalogue = load_catalogue(make_catalogue(tmp_path / "catalogue", credentials=5), as_of=AS_OF)
    spill = Spill(near=tmp_path / "out")
    batches = []

    def store(folder, files):
        batches.append(sorted(files))
        return spill(folder, files)

    files = package_files(catalogue, store=store)
    assert {type(content).__name__ for content in files.values()} == {"Written"}  # no bytes held back
    assert {f"data/{path}": content for path, content in _tree(spill.root / "data").items()} == package_files(catalogue)
    for folder in ("badges/", "ctdl/credentials/"):
        assert sum(all(path.startswith(folder) for path in batch) and len(batch) == 1 for batch in batches) == 5
    spill.close()


def test_a_package_that_fails_part_way_leaves_its_folder_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "package"
    write_package(load_catalogue(make_catalogue(tmp_path / "old", credentials=6), as_of=AS_OF), out)
    before = _tree(out)
    catalogue = load_catalogue(make_catalogue(tmp_path / "new", credentials=7, seed=2), as_of=AS_OF)  # other rows
    def fails(cat, files, *reuse_and_put):
        assert files, "runs after the exports before it were written to the scratch folder"
        raise ValueError("a derived number that is not finite")

    # The badges come after the tables, the bundles and the descriptor.
    names = [o.name for o in registry.OUTPUTS]
    assert names.index("badges") > names.index("datapackage")
    monkeypatch.setattr(package, "OUTPUTS", [dataclasses.replace(o, producer=fails) if o.name == "badges" else o
                                             for o in registry.OUTPUTS])
    with pytest.raises(ValueError, match="not finite"):
        write_package(catalogue, out)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "old", "package"]  # no scratch folder beside it


@pytest.mark.parametrize("path", ["../escape.json", "/etc/x.json", "a//b.json", "a/./b.json", "a\\b.json", ""])
def test_an_output_path_outside_the_site_is_refused_not_written(tmp_path, path):
    spill = Spill(near=tmp_path / "site")
    try:
        with pytest.raises(ValueError, match="not a path inside the site"):
            spill("", {path: b"{}"})
        assert not any(p.is_file() for p in tmp_path.rglob("*"))
    finally:
        spill.close()
    assert not os.path.exists(spill.root)


@pytest.mark.parametrize("path", ["data/../../escape.json", "/tmp/x.json", "data//x.json"])
def test_a_generated_file_outside_the_site_stops_the_build(tmp_path, path):
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import Files
    from microcred.site.pages import add_generated

    config = load_config(str(Path(__file__).parents[1] / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(PluginError, match="outside the site"):
        add_generated(Files([]), {path: b"{}"}, config)


def test_every_page_waits_on_disk_whole_and_reads_back_as_it_was_made(tmp_path):
    # Emoji, markup and hostile text from the site catalogue: any byte lost or cut between the
    # renderers and MkDocs would show here.
    catalogue = load_catalogue(write_site_catalogue(tmp_path / "catalogue", credentials=12), as_of=AS_OF)
    spill = Spill(near=tmp_path / "site")
    made = site_files(catalogue)
    kept = []

    def keep_page(page):
        kept.append(page.src_path)
        return PageOnDisk.of(page, spill)

    waiting = site_files(catalogue, keep_page=keep_page)
    pages = [path for path, content in made.items() if isinstance(content, Page)]
    assert len(pages) > 12 and waiting.keys() == made.keys()
    assert sorted(kept) == pages  # each page once
    for path in pages:
        assert isinstance(waiting[path], PageOnDisk), f"{path}: its HTML stayed in memory"
        for field in ("url", "title", "description", "searchable", "html", "jsonld"):
            assert getattr(waiting[path], field) == getattr(made[path], field), f"{path}: {field}"
    assert not any(isinstance(content, Page) for content in waiting.values())
    spill.close()
    with pytest.raises(ValueError, match="scratch folder of this build is gone"):
        waiting[pages[0]].html
