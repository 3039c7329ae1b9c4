"""Data package benchmark: write the package for N generated records, validate it, read it back.

Two entry points:
- `bench_package(n_records, workdir)`: in one process, generate a catalogue, then time each step
  (validate and model, produce, write, Frictionless validation with foreign keys, read back) and
  return the figures as a dict. `python benchmarks/package_bench.py 10000` prints them.
- `bench_package_step(catalogue, n, rows, extra, workdir)`: the `make bench` step. Each command
  runs in its own process beside a baseline: `microcred package` beside `microcred validate` (what
  packaging costs on top of reading and checking the records), `frictionless validate` beside
  reading the same CSV files with Python's csv module.
"""
from __future__ import annotations

import hashlib
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

READ_CSV = """
import csv, sys
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob('*.csv')):
    with open(path, encoding='utf-8', newline='') as f:
        for row in csv.reader(f):
            pass
"""
READ_BACK = "import sys; from microcred.export.rows import read_package; read_package(sys.argv[1])"
READ_JSON = "import gzip, json, sys; json.load(gzip.open(sys.argv[1] + '/catalogue.json.gz'))"


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def sizes(folder: Path) -> dict:
    csvs = sum(p.stat().st_size for p in folder.glob("*.csv"))
    badges = list((folder / "badges").rglob("*.json"))
    return {"csv_bytes": csvs, "catalogue_json_bytes": (folder / "catalogue.json.gz").stat().st_size,
            "badges": len(badges), "badge_bytes": sum(p.stat().st_size for p in badges)}


def bench_package(n_records: int, workdir: Path) -> dict:
    """Generate N records, write and validate their package; seconds for each step, and sizes."""
    import frictionless

    from factory import make_catalogue
    from microcred.build import load_catalogue
    from microcred.export.package import package_files, write_files
    from microcred.export.rows import read_package

    workdir = Path(workdir)
    catalogue_dir = workdir / f"package-catalogue-{n_records}"
    shutil.rmtree(catalogue_dir, ignore_errors=True)
    figures: dict = {"records": n_records}
    t = time.perf_counter()
    make_catalogue(catalogue_dir, credentials=n_records)
    figures["generate_s"] = time.perf_counter() - t

    t = time.perf_counter()
    catalogue = load_catalogue(catalogue_dir)
    figures["validate_and_model_s"] = time.perf_counter() - t
    t = time.perf_counter()
    files = package_files(catalogue)
    figures["produce_s"] = time.perf_counter() - t
    out = workdir / f"package-{n_records}"
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    write_files(files, out)
    figures["write_s"] = time.perf_counter() - t

    t = time.perf_counter()
    report = frictionless.validate(out / "datapackage.json")
    figures["frictionless_validate_s"] = time.perf_counter() - t
    figures["valid"] = report.valid
    t = time.perf_counter()
    records = read_package(out)
    figures["read_back_s"] = time.perf_counter() - t
    figures["round_trip_equal"] = records["credentials"] == [c.data for c in catalogue.credentials.values()]
    figures["byte_identical"] = package_files(catalogue) == files
    figures.update(sizes(out))
    return figures


def bench_package_step(catalogue: Path, n: int, rows: list, extra: list, workdir: Path) -> None:
    from run import BIN, best_of, measure

    py = str(BIN / "python")
    outs = [Path(workdir) / f"package-{n}-{i}" for i in (1, 2)]
    for out in outs:
        shutil.rmtree(out, ignore_errors=True)
    # Two runs into two folders: the faster is the figure, and the two trees must be identical.
    runs = [measure([str(BIN / "microcred"), "package", "--catalogue", str(catalogue), "--out", str(out)])
            for out in outs]
    ours = min(runs, key=lambda m: m.seconds)
    base = best_of(2, [str(BIN / "microcred"), "validate", "--catalogue", str(catalogue), "--format", "json"])
    rows.append((n, "write the data package (`microcred package`)", ours, "`microcred validate` of the same records", base))
    from growth import record
    record(n, "package_s", ours.seconds)

    check = measure([str(BIN / "frictionless"), "validate", str(outs[0] / "datapackage.json")])
    read_csv = best_of(3, [py, "-c", READ_CSV, str(outs[0])])
    rows.append((n, "validate the package (`frictionless validate`, foreign keys included)", check,
                 "reading the same CSV files with Python's csv module", read_csv))

    back = best_of(3, [py, "-c", READ_BACK, str(outs[0])])
    json_load = best_of(3, [py, "-c", READ_JSON, str(outs[0])])
    rows.append((n, "read every record back from the CSV files (`read_package`)", back,
                 "`json.load` of catalogue.json.gz (the nested records)", json_load))

    s = sizes(outs[0])
    identical = tree_digest(outs[0]) == tree_digest(outs[1])
    extra.append(f"- Data package at {n:,} records: CSV tables {s['csv_bytes'] / 1e6:.1f} MB, catalogue.json.gz "
                 f"{s['catalogue_json_bytes'] / 1e6:.1f} MB, {s['badges']:,} Open Badges achievements "
                 f"({s['badge_bytes'] / 1e6:.1f} MB); `frictionless validate` "
                 f"{'passed' if check.returncode == 0 else 'FAILED'}; two runs byte-identical: "
                 f"{'yes' if identical else 'NO'}.")


if __name__ == "__main__":
    import json

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    work = ROOT / "bench-out"
    work.mkdir(exist_ok=True)
    print(json.dumps(bench_package(n, work), indent=2))
