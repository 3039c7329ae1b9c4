"""Linear-time checks: finding stacking cycles costs work in proportion to the stacking graph.

No timings here (machines are noisy; `make bench` measures): the tests count how often the
validator reads a credential's stacking links, which the old search did once per link per
credential reachable from it (a dense graph of 240 took 114 s).
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from fixturelib import BASE
from microcred.check.index import CatalogueIndex
from microcred.check import validate

BASE_COURSE = (BASE / "credentials" / "acme" / "base-course.yaml").read_text(encoding="utf-8")


def credential(i: int, targets: list[int]) -> str:
    text = BASE_COURSE.replace("id: base-course", f"id: c{i:05d}")
    if targets:
        text += "stacks_into:\n" + "".join(f"  - target: acme/c{t:05d}\n" for t in targets)
    return text


def write_graph(tmp_path: Path, links: dict[int, list[int]]) -> tuple[Path, dict[int, Path]]:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    folder = catalogue / "credentials" / "acme"
    paths = {}
    for i, targets in links.items():
        paths[i] = folder / f"c{i:05d}.yaml"
        paths[i].write_text(credential(i, targets), encoding="utf-8")
    return catalogue, paths


@pytest.fixture
def reads(monkeypatch):
    """Counts the validator's reads of a credential's stacking links."""
    calls = []
    real = CatalogueIndex.stacking_targets

    def counted(self, global_id):
        calls.append(global_id)
        return real(self, global_id)

    monkeypatch.setattr(CatalogueIndex, "stacking_targets", counted)
    return calls


def dense(n: int) -> dict[int, list[int]]:
    """Each credential stacks into every later one: n(n-1)/2 links, and no cycle."""
    return {i: list(range(i + 1, n)) for i in range(n)}


def cycle_problems(result):
    return [p for p in result.problems if p.rule == "no-stacking-cycle"]


def test_a_dense_valid_graph_has_no_cycle_and_each_credential_is_read_once(tmp_path, reads):
    links = dense(240)
    catalogue, _ = write_graph(tmp_path, links)
    result = validate([], catalogue)
    assert result.problems == []
    vertices, edges = len(links), sum(map(len, links.values()))
    assert edges == 28_680
    assert len(reads) <= vertices + edges
    assert len(reads) == len(set(reads)) == vertices  # every credential's links read once, not per link


def test_a_cycle_inside_a_dense_graph_is_found_with_its_chain(tmp_path, reads):
    links = dense(240)
    links[239] = [120]  # closes a cycle through every credential from 120 to 239
    catalogue, paths = write_graph(tmp_path, links)
    result = validate([], catalogue)
    found = cycle_problems(result)
    on_cycle = {Path(p.file).stem for p in found}
    assert on_cycle == {f"c{i:05d}" for i in range(120, 240)}  # those before 120 only lead into it
    assert all(p.path.startswith("stacks_into[") and p.path.endswith("].target") for p in found)
    # The last credential's one link closes the shortest cycle, shown from its own point of view.
    last = [p for p in found if Path(p.file).stem == "c00239"]
    assert [p.message for p in last] == ["stacking cycle: acme/c00239 -> acme/c00120 -> acme/c00239"]
    assert last[0].line == credential(239, [120]).splitlines().index("  - target: acme/c00120") + 1
    # Every chain shown is made of real links, from the credential back to itself.
    for p in found:
        chain = p.message.removeprefix("stacking cycle: ").split(" -> ")
        own = f"acme/{Path(p.file).stem}"
        assert chain[0] == chain[-1] == own
        for a, b in zip(chain, chain[1:]):
            assert int(b[-5:]) in links[int(a[-5:])], p.message
    vertices, edges = len(links), sum(map(len, links.values()))
    assert len(reads) <= vertices + edges


def test_a_5000_long_chain_is_no_cycle_and_a_closed_one_is_named_by_its_ends(tmp_path, reads):
    n = 5000
    links = {i: [i + 1] for i in range(n - 1)} | {n - 1: []}
    catalogue, paths = write_graph(tmp_path, links)
    # One changed file, checked against the rest of the catalogue: the chain's files are read once each.
    assert cycle_problems(validate([paths[0]], catalogue)) == []
    assert len(reads) == n
    paths[n - 1].write_text(credential(n - 1, [0]), encoding="utf-8")
    reads.clear()
    found = cycle_problems(validate([paths[0]], catalogue))
    assert [p.message for p in found] == [
        "stacking cycle: acme/c00000 -> acme/c00001 -> acme/c00002 -> acme/c00003 -> acme/c00004 -> acme/c00005 -> ... -> "
        "acme/c04995 -> acme/c04996 -> acme/c04997 -> acme/c04998 -> acme/c04999 -> acme/c00000 (5,000 links)"]
    assert len(reads) == n


def test_the_graph_pass_is_iterative_and_linear_on_a_10000_long_cycle():
    from microcred.check.cycles import StackingGraph

    n = 10_000
    reads = []

    def targets(node):
        reads.append(node)
        return [f"p/{(int(node[2:]) + 1) % n}"]

    graph = StackingGraph(targets)
    # Asking about every link of the cycle reads each credential once and builds its trees once.
    for i in range(n):
        found = graph.cycle_through(f"p/{i}", f"p/{(i + 1) % n}")
        shown, links = found
        assert links == n and shown[0] == shown[-1] == f"p/{i}" and shown.count(None) == 1
        cut = shown.index(None)
        for part in (shown[:cut], shown[cut + 1:]):  # both ends are runs of real links
            assert all(int(b[2:]) == (int(a[2:]) + 1) % n for a, b in zip(part, part[1:])), shown
    assert len(reads) == n


# --- the stacking pathways page -----------------------------------------------------------------

def hub_catalogue(tmp_path: Path, awards: int, feeders: int) -> Path:
    """A hub credential that stacks into `awards` qualifications, and `feeders` credentials that
    stack into the hub: the hub is an input on every award's pathway, with its feeders beside it."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    qual = (catalogue / "qualifications" / "cert-iv-example.yaml").read_text(encoding="utf-8")
    for a in range(awards):
        text = qual.replace("id: cert-iv-example", f"id: award-{a:04d}")
        text = "\n".join(line for line in text.splitlines() if not line.startswith("code:")) + "\n"
        (catalogue / "qualifications" / f"award-{a:04d}.yaml").write_text(text, encoding="utf-8")
    folder = catalogue / "credentials" / "acme"
    hub = BASE_COURSE.replace("id: base-course", "id: hub") + "stacks_into:\n" + "".join(
        f"  - target: award-{a:04d}\n" for a in range(awards))
    (folder / "hub.yaml").write_text(hub, encoding="utf-8")
    for f in range(feeders):
        text = BASE_COURSE.replace("id: base-course", f"id: feeder-{f:04d}") + "stacks_into:\n  - target: acme/hub\n"
        (folder / f"feeder-{f:04d}.yaml").write_text(text, encoding="utf-8")
    return catalogue


def test_the_pathways_page_sorts_each_credentials_feeders_once(tmp_path, monkeypatch):
    from microcred.build import load_catalogue
    from microcred.render import listing
    from microcred.render.overview import stackability_page

    calls = {"n": 0}
    key = listing.title_key

    def counting(cred):
        calls["n"] += 1
        return key(cred)

    work = {}
    for size in (20, 80):
        catalogue = load_catalogue(hub_catalogue(tmp_path / str(size), size, size), as_of=dt.date(2026, 11, 23))
        monkeypatch.setattr(listing, "title_key", counting)
        calls["n"] = 0
        page = stackability_page(catalogue)
        monkeypatch.setattr(listing, "title_key", key)
        assert page.html.count("award-") >= size  # every award has its pathway
        work[size] = calls["n"]
    # Four times the awards and feeders: four times the work, not sixteen.
    assert work[80] <= 5 * work[20], work


def test_schema_errors_past_the_cap_are_counted_not_made_into_problems(tmp_path, monkeypatch):
    # 30,000 bad `languages` items and 3,000 unknown keys: ten times a normal file's size.
    from microcred.check import schema

    built = []
    for name in ("problem_for", "_unknown_field"):
        real = getattr(schema, name)
        monkeypatch.setattr(schema, name, lambda *a, _real=real, **k: built.append(1) or _real(*a, **k))
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    path = catalogue / "credentials" / "acme" / "base-course.yaml"
    languages = "languages: [" + ", ".join(["1"] * 30_000) + "]"
    text = BASE_COURSE.replace("languages: [en]", languages) + "".join(f"unknown_{i}: x\n" for i in range(3_000))
    assert languages in text
    path.write_text(text, encoding="utf-8")
    result = validate([path], catalogue)
    assert len(built) == len(result.problems) == 50
    # The count stays true: what the uncapped check finds (each item, each key, and the list's length).
    every = schema.check_schema(result.documents[0])
    assert len(every) > 33_000 and result.omitted[result.problems[0].file] == (len(every) - 50, 0)
