"""The data package: valid by Frictionless (keys included), lossless, countable, reproducible."""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import frictionless
import pytest

from microcred.load import load_file
from microcred.build import load_catalogue
from microcred.export.package import package_files, write_files, write_package
from microcred.export.rows import read_package
from microcred.paths import record_files
from microcred.schemas import load_schema
from microcred.export import tables as tabular
from package_edge_cases import edge_catalogue

BUILD_DATE = dt.date(2026, 11, 30)
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


@pytest.fixture(scope="module")
def edge_catalogue_dir(tmp_path_factory) -> Path:
    return edge_catalogue(tmp_path_factory.mktemp("catalogue"))


@pytest.fixture(scope="module")
def built(edge_catalogue_dir, tmp_path_factory):
    catalogue = load_catalogue(edge_catalogue_dir, as_of=BUILD_DATE)
    files = package_files(catalogue)
    out = tmp_path_factory.mktemp("package")
    # As `microcred package` writes it (each export through a scratch folder): the checks of the
    # folder below read what a user gets; those of `files`, the same package held in memory.
    assert {p.relative_to(out).as_posix() for p in write_package(catalogue, out)} == {
        path.removeprefix("data/") for path in files}
    return catalogue, files, out


def yaml_records(catalogue_dir: Path) -> dict[str, list[dict]]:
    """Every record as its YAML file reads, by kind, in the package's order."""
    out: dict[str, list] = {"providers": [], "qualifications": [], "credentials": []}
    for path in record_files(catalogue_dir):
        doc = load_file(path)
        out[doc.kind + "s"].append(doc.data)
    out["credentials"].sort(key=lambda r: (r["provider"], r["id"]))
    out["providers"].sort(key=lambda r: r["id"])
    out["qualifications"].sort(key=lambda r: r["id"])
    return out


def csv_rows(files, name) -> list[dict]:
    return list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"].decode("utf-8"), newline="")))


# --- validity --------------------------------------------------------------------------------

def test_frictionless_validates_the_package_with_its_foreign_keys(built):
    _, _, out = built
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    tables = {t.name for t in report.tasks}
    assert {"credentials", "providers", "qualifications", "stacking", "vet_credit"} <= tables


def test_frictionless_command_line_validates_the_package(built):
    _, _, out = built
    run = subprocess.run([str(FRICTIONLESS), "validate", str(out / "datapackage.json")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr


def _without_integrity(folder: Path) -> dict:
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        res.pop("hash", None)
        res.pop("bytes", None)
    return desc


def test_a_stacking_row_to_an_unknown_credential_fails_the_foreign_key(built, tmp_path):
    _, files, _ = built
    write_files(files, tmp_path)
    (tmp_path / "datapackage.json").write_text(json.dumps(_without_integrity(tmp_path)), encoding="utf-8")
    with open(tmp_path / "stacking.csv", "a", encoding="utf-8", newline="") as f:
        f.write("nobody/nothing,1,qualification-00,qualification-00,,,,\n")
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {e.type for task in report.tasks for e in task.errors}
    run = subprocess.run([str(FRICTIONLESS), "validate", str(tmp_path / "datapackage.json")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode != 0 and "foreign" in run.stdout


def test_a_changed_file_fails_its_published_hash(built, tmp_path):
    _, files, _ = built
    write_files(files, tmp_path)
    text = (tmp_path / "providers.csv").read_text(encoding="utf-8")
    (tmp_path / "providers.csv").write_text(text.replace("Bare provider", "Bare provides"), encoding="utf-8")
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert "hash-count" in {e.type for task in report.tasks for e in task.errors}


def test_each_compressed_bundle_reads_back_with_gzip_as_the_package_says(built):
    _, files, out = built
    desc = json.loads(files["data/datapackage.json"])
    bundles = [r for r in desc["resources"] if r.get("compression") == "gz"]
    assert {r["path"] for r in bundles} == {"catalogue.json.gz", "jsonld.json.gz", "ctdl.json.gz"}
    for resource in bundles:
        with gzip.open(out / resource["path"]) as f:   # as the /data/ page's example reads it
            json.load(f)
        assert resource["bytes"] == (out / resource["path"]).stat().st_size


def test_a_changed_compressed_bundle_fails_its_published_hash(built, tmp_path):
    _, files, _ = built
    write_files(files, tmp_path)
    text = gzip.decompress((tmp_path / "catalogue.json.gz").read_bytes())
    (tmp_path / "catalogue.json.gz").write_bytes(gzip.compress(text.replace(b"Bare provider", b"Bare provides")))
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert {"hash-count", "byte-count"} & {e.type for task in report.tasks for e in task.errors}


def test_an_old_uncompressed_bundle_is_removed_when_the_package_is_written_again(built, tmp_path):
    _, files, _ = built
    for name in ("catalogue.json", "jsonld.json", "ctdl.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    write_files(files, tmp_path)
    assert not [name for name in ("catalogue.json", "jsonld.json", "ctdl.json") if (tmp_path / name).exists()]


def test_frictionless_reads_typed_values(built):
    catalogue, _, out = built
    package = frictionless.Package(out / "datapackage.json")
    rows = {r["id"]: r for r in package.get_resource("credentials").read_rows()}
    row = rows["nordic/unicode-everything"]
    assert row["field_of_education"] == "0613"
    assert row["workload_hours"] == Decimal("12.5") and row["level_level"] == 6
    assert row["languages"] == ["nb", "en", "zh-Hant-TW"]
    assert row["locations"][0] == {"country": "NO", "region": "Troms", "city": "Tromsø"}
    assert row["identity_verified"] is False and rows["bare/empty-lists"]["identity_verified"] is True
    assert row["last_reviewed"] == dt.date(2026, 2, 1)
    assert row["skills"][0] == "NO" and rows["bare/empty-lists"]["skills"] == []
    assert rows["bare/required-only"]["skills"] is None
    providers = {r["id"]: r for r in package.get_resource("providers").read_rows()}
    assert providers["nordic"]["rto_code"] == "09003" and providers["nordic"]["country"] == "NO"
    assert providers["bare"]["country"] == "NA"


# --- lossless --------------------------------------------------------------------------------

def test_reading_the_tables_back_gives_every_record_as_in_yaml(built, edge_catalogue_dir):
    _, _, out = built
    expected = yaml_records(edge_catalogue_dir)
    got = read_package(out)
    for kind in expected:
        assert len(got[kind]) == len(expected[kind])
        for back, record in zip(got[kind], expected[kind]):
            assert back == record, f"{kind} {record['id']}"


def test_round_trip_keeps_ints_floats_and_edge_text_exactly(built):
    _, _, out = built
    back = {c["id"]: c for c in read_package(out)["credentials"]}
    rec = back["unicode-everything"]
    assert type(rec["workload_hours"]) is float and type(back["empty-lists"]["workload_hours"]) is int
    assert type(rec["duration"]["max_weeks"]) is int and type(rec["duration"]["min_weeks"]) is float
    assert rec["cost"]["note"] == 'Line one, "two"'
    assert rec["description"] == 'Paragraph one, with a comma.\n\n- item "one"\n- item two\n'
    assert rec["cost"]["certificate_fee"] == 0 and type(rec["cost"]["certificate_fee"]) is int
    assert rec["vet_credit"][0] == {"qualification": "BSB40020", "credit_type": "advanced-standing"}
    assert rec["vet_credit"][2]["units"] == ["BSBWHS311", "BSBPMG430"]
    assert back["empty-lists"]["stacks_into"] == [] and "stacks_into" not in back["required-only"]
    assert back["empty-lists"]["skills"] == [] and "skills" not in back["required-only"]


def test_the_real_catalogue_round_trips(tmp_path):
    from microcred.paths import CATALOGUE_DIR

    catalogue = load_catalogue(CATALOGUE_DIR)
    folder = tmp_path / "real"
    write_files(package_files(catalogue), folder)
    assert read_package(folder) == yaml_records(CATALOGUE_DIR)
    assert frictionless.validate(folder / "datapackage.json").valid


def test_the_nested_json_holds_every_record_as_in_yaml(built, edge_catalogue_dir):
    _, files, _ = built
    assert json.loads(gzip.decompress(files["data/catalogue.json.gz"])) == yaml_records(edge_catalogue_dir)


# --- counts, columns, reproducibility --------------------------------------------------------

def test_row_counts_equal_file_counts(built, edge_catalogue_dir):
    _, files, _ = built
    yaml = yaml_records(edge_catalogue_dir)
    for kind in ("credentials", "providers", "qualifications"):
        folder = edge_catalogue_dir / kind
        n_files = len(list(folder.rglob("*.yaml")))
        assert len(csv_rows(files, kind)) == n_files == len(yaml[kind])
    assert len(csv_rows(files, "stacking")) == sum(len(c.get("stacks_into", [])) for c in yaml["credentials"])
    assert len(csv_rows(files, "vet_credit")) == sum(len(e.get("units", [None])) for c in yaml["credentials"]
                                                     for e in c.get("vet_credit", []))
    badges = [p for p in files if p.startswith("data/badges/")]
    assert len(badges) == len(yaml["credentials"])


def test_every_schema_property_has_a_column_with_its_description():
    described = {}
    for table in tabular.tables().values():
        for col in table:
            described.setdefault(col.path[:1], col.field["description"])
    for kind in ("credential", "provider", "qualification"):
        for key, prop in load_schema(kind)["properties"].items():
            if key in tabular.SEPARATE:
                continue
            assert (key,) in described, f"{kind}.{key} has no column"
    cols = {c.name: c.field for c in tabular.tables()["credentials"]}
    assert cols["summary"]["description"] == load_schema("credential")["properties"]["summary"]["description"]
    assert cols["type"]["constraints"]["enum"] == load_schema("credential")["properties"]["type"]["enum"]
    assert cols["workload_hours"]["constraints"]["minimum"] == 1


def test_the_package_is_byte_identical_across_two_builds(edge_catalogue_dir, tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"build-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1795996800"}
        run = subprocess.run([sys.executable, "-m", "microcred", "package", "--out", str(out),
                              "--catalogue", str(edge_catalogue_dir)], capture_output=True, text=True, env=env,
                             timeout=300)
        assert run.returncode == 0, run.stderr
        outs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outs[0] == outs[1]
    desc = json.loads(outs[0][Path("datapackage.json")])
    assert desc["created"] == "2026-11-30T00:00:00Z" and desc["version"] == "1.20261130.0"
    assert desc["licenses"][0]["name"] == "CC-BY-4.0"


def test_csv_files_are_utf8_with_newline_line_ends_and_sorted_keys(built):
    _, files, _ = built
    text = files["data/credentials.csv"].decode("utf-8")
    # Rows end with "\n" alone; no record may hold a carriage return (the text rules refuse it).
    assert "\r" not in text
    assert text.endswith("\n") and not text.startswith("\ufeff")
    ids = [r["id"] for r in csv_rows(files, "credentials")]
    assert ids == sorted(ids)
    row = next(r for r in csv_rows(files, "credentials") if r["id"] == "nordic/unicode-everything")
    assert row["workload_hours"] == "12.5" and row["duration_max_weeks"] == "3"
    assert row["ects"] == "7.5" and row["description"].startswith("Paragraph one, with a comma.")


# --- the command -----------------------------------------------------------------------------

def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "microcred", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def test_package_command_writes_the_site_data_files(edge_catalogue_dir, built, tmp_path):
    _, files, _ = built
    out = tmp_path / "pkg"
    env_date = "1795996800"  # 2026-11-30, as the fixture's build date
    run = subprocess.run([sys.executable, "-m", "microcred", "package", "--out", str(out), "--catalogue",
                          str(edge_catalogue_dir)], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "SOURCE_DATE_EPOCH": env_date})
    assert run.returncode == 0, run.stderr
    written = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written == {k[len("data/"):]: v for k, v in files.items()}


def test_package_command_reports_errors_and_writes_nothing(tmp_path):
    from factory import make_catalogue, write_record

    catalogue = make_catalogue(tmp_path / "catalogue", credentials=3)
    path = write_record(catalogue, "credential", {"id": "broken", "provider": "provider-000", "title": "x"})
    out = tmp_path / "out"
    run = run_cli("package", "--out", str(out), "--catalogue", str(catalogue))
    assert run.returncode == 1
    # The report goes to stderr (cli.common.whole_catalogue): stdout is the command's own output.
    assert "broken.yaml" in run.stderr and "required field" in run.stderr
    assert "Traceback" not in run.stderr and not out.exists()


def test_package_command_removes_badges_of_deleted_credentials(tmp_path):
    from factory import make_catalogue

    catalogue = make_catalogue(tmp_path / "catalogue", credentials=3)
    out = tmp_path / "out"
    assert run_cli("package", "--out", str(out), "--catalogue", str(catalogue)).returncode == 0
    assert (out / "badges/provider-000/credential-00002.json").exists()
    (catalogue / "credentials/provider-000/credential-00002.yaml").unlink()
    assert run_cli("package", "--out", str(out), "--catalogue", str(catalogue)).returncode == 0
    assert not (out / "badges/provider-000/credential-00002.json").exists()
    assert (out / "badges/provider-000/credential-00001.json").exists()


def test_package_command_without_out_is_a_usage_error():
    run = run_cli("package")
    assert run.returncode == 2 and "--out" in run.stderr


def test_the_package_of_records_using_every_optional_field_meets_the_v2_profiles(tmp_path):
    """frictionless checks the descriptor against the Data Package v2 profile it names, and every
    table against its Table Schema, keys and foreign keys included."""
    from every_field_catalogue import every_field_catalogue

    catalogue = load_catalogue(every_field_catalogue(tmp_path / "catalogue"), as_of=BUILD_DATE)
    folder = tmp_path / "package"
    write_files(package_files(catalogue), folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"].startswith("https://datapackage.org/profiles/2.0/")
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_data_page_counts_the_rows_each_table_has(built):
    """The /data/ page names each table's row count without writing the rows (export.rows.table_counts)."""
    from microcred.export.rows import TABLE_INFO, table_counts
    from microcred.render.data import data_page

    catalogue, files, _out = built
    counts = {name: len(csv_rows(files, name)) for name in TABLE_INFO}
    assert table_counts(catalogue) == counts and counts["vet_credit"] > 0 and counts["stacking"] > 0
    page = next(iter(data_page(catalogue).values()))
    text = page if isinstance(page, str) else page.html
    for name, count in counts.items():
        assert f"[`{name}.csv`]({name}.csv) ({count:,} rows)" in text
