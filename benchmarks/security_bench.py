"""Hostile-input benchmark: checks whose time must not grow faster than their input.

Two comparisons, each beside a baseline run in the same command on the same machine:
- a dense stacking graph (240 credentials, each stacking into every later one: 28,680 edges)
  against the same 240 files with no stacking at all. Cycle detection is one pass over the graph,
  so the graph may cost a few times the files, not the cube of its edges;
- one file with a crafted 250 KB title, and one with a crafted 250 KB e-mail address (text built
  to make a backtracking regex engine try every split), against a normal one-file check.

    python benchmarks/security_bench.py        # prints the rows
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

DENSE = 240
CRAFTED_BYTES = 250_000


def _dense_catalogue(folder: Path, stacked: bool) -> Path:
    """240 credentials of one provider; with `stacked`, credential i stacks into every j > i."""
    from factory import credential_record, provider_record, write_record

    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(7)
    write_record(folder, "provider", provider_record("provider-000", rng))
    ids = [f"credential-{i:05d}" for i in range(DENSE)]
    for i, cid in enumerate(ids):
        record = credential_record(i, "provider-000", rng, [])
        record.pop("stacks_into", None)
        if stacked and i + 1 < DENSE:
            record["stacks_into"] = [{"target": f"provider-000/{later}"} for later in ids[i + 1:]]
        write_record(folder, "credential", record)
    return folder


def _crafted_files(folder: Path) -> dict[str, Path]:
    """A small catalogue, plus a credential with a crafted title and a provider with a crafted
    e-mail address. The title is spaces with one letter at the end, and the address is `a@a.` run
    on: the shapes that make `[^\\n]*\\S[^\\n]*` and `[^@]+@[^@]+\\.[^@]+` backtrack."""
    from factory import credential_record, make_catalogue, provider_record, write_record

    shutil.rmtree(folder, ignore_errors=True)
    make_catalogue(folder, credentials=20)
    rng = random.Random(3)
    normal = next((folder / "credentials").rglob("*.yaml"))
    title = credential_record(900, "provider-000", rng, [])
    title["id"] = "crafted-title"
    title["title"] = " " * (CRAFTED_BYTES - 2) + "x!"
    crafted_title = write_record(folder, "credential", title)
    provider = provider_record("crafted-email", rng)
    provider["contact_email"] = "a@" + "a." * (CRAFTED_BYTES // 2 - 2) + "@"
    crafted_email = write_record(folder, "provider", provider)
    plain_provider = folder / "providers" / "provider-000.yaml"
    return {"normal": normal, "title": crafted_title, "email": crafted_email, "provider": plain_provider}


def bench_hostile(rows: list, extra: list[str], workdir: Path) -> None:
    from run import BIN, best_of

    microcred = str(BIN / "microcred")

    def validate(catalogue: Path, *files: Path):
        # Exit status 1 is expected for the crafted files: they are rejected, and that is timed.
        return best_of(3, [microcred, "validate", "--catalogue", str(catalogue), "--format", "json",
                           *map(str, files)], allowed=(0, 1))

    dense = _dense_catalogue(workdir / "dense-stacking", stacked=True)
    flat = _dense_catalogue(workdir / "dense-flat", stacked=False)
    rows.append((DENSE, f"validate {DENSE} credentials, each stacking into every later one "
                        f"({DENSE * (DENSE - 1) // 2:,} edges)", validate(dense),
                 "the same files without stacking", validate(flat)))
    crafted = _crafted_files(workdir / "crafted")
    cat = workdir / "crafted"
    normal = validate(cat, crafted["normal"])
    rows.append((1, "check one file with a crafted 250 KB title", validate(cat, crafted["title"]),
                 "check one normal credential file", normal))
    rows.append((1, "check one file with a crafted 250 KB e-mail address", validate(cat, crafted["email"]),
                 "check one normal provider file", validate(cat, crafted["provider"])))
    extra.append(f"- Hostile input: the crafted files are {crafted['title'].stat().st_size:,} and "
                 f"{crafted['email'].stat().st_size:,} bytes; both are rejected (exit status 1), and "
                 "the time to say so is what is measured.")


if __name__ == "__main__":
    from run import report

    rows: list = []
    extra: list[str] = []
    work = ROOT / "bench-out"
    work.mkdir(exist_ok=True)
    bench_hostile(rows, extra, work)
    print(report(rows, extra, "python benchmarks/security_bench.py"))
