"""A provider new to the catalogue, end to end: `microcred new`, fill in the placeholders,
validate, pass the ownership check, and find the listing's page on the built site and its row in
the data package."""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from factory import make_catalogue
from test_scaffold import CREDENTIAL_ANSWERS, fill

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import site_config  # noqa: E402

from microcred.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PROVIDER, CREDENTIAL = "harbour-skills", "forklift-basics"


def run(capsys, *args) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_new_provider_lists_a_course(tmp_path, capsys):
    catalogue = make_catalogue(tmp_path / "catalogue", credentials=6)
    base = tmp_path / "base" / "catalogue"  # the catalogue as on `main` before the pull request
    shutil.copytree(catalogue, base)
    cat = ["--catalogue", str(catalogue)]

    # 1. Scaffold the provider and the listing.
    code, _ = run(capsys, "new", "provider", "--id", PROVIDER, "--maintainer", "harbour-dev", *cat)
    assert code == 0
    code, _ = run(capsys, "new", "credential", "--provider", PROVIDER, "--id", CREDENTIAL, *cat)
    assert code == 0
    provider_file = catalogue / "providers" / f"{PROVIDER}.yaml"
    credential_file = catalogue / "credentials" / PROVIDER / f"{CREDENTIAL}.yaml"

    # 2. Unfilled placeholders fail validation, naming the new files.
    code, out = run(capsys, "validate", *cat)
    assert code == 1
    assert f"{PROVIDER}/{CREDENTIAL}.yaml" in out and f"{PROVIDER}.yaml" in out

    # 3. Fill them in as the provider would, and validate.
    fill(provider_file, {"name": "Harbour Skills", "type": "rto", "country": "AU",
                         "website": "https://harbour-skills.example.org"})
    fill(credential_file, {**CREDENTIAL_ANSWERS, "title": "Forklift Basics",
                           "url": "https://harbour-skills.example.org/forklift-basics"})
    code, out = run(capsys, "validate", *cat)
    assert code == 0, out
    code, out = run(capsys, "validate", "--format", "github", str(provider_file), str(credential_file), *cat)
    assert code == 0 and "::error" not in out

    # 4. The pull request changes only the new provider's files.
    changed = [f"catalogue/providers/{PROVIDER}.yaml", f"catalogue/credentials/{PROVIDER}/{CREDENTIAL}.yaml"]
    code, out = run(capsys, "check-ownership", "--catalogue", str(base), "--author", "harbour-dev", "--changed", *changed)
    assert code == 0, out
    code, _ = run(capsys, "check-ownership", "--catalogue", str(base), "--author", "harbour-dev",
                  "--changed", "catalogue/credentials/provider-000/credential-00000.yaml")
    assert code == 1

    # 5. The data package has the new row.
    package = tmp_path / "package"
    code, out = run(capsys, "package", "--out", str(package), *cat)
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO((package / "credentials.csv").read_text(encoding="utf-8"))))
    new_rows = [r for r in rows if r["provider"] == PROVIDER]
    assert len(new_rows) == 1 and len(rows) == 7
    assert new_rows[0]["title"] == "Forklift Basics" and CREDENTIAL in new_rows[0]["id"]

    # 6. The site has the new page.
    site = tmp_path / "site"
    config = site_config(tmp_path / "mkdocs.yml", catalogue)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "--site-dir", str(site)],
                           cwd=ROOT, capture_output=True, text=True, timeout=600,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr[-3000:]
    page = site / "credentials" / PROVIDER / CREDENTIAL / "index.html"
    assert page.is_file()
    assert "Forklift Basics" in page.read_text(encoding="utf-8")
    assert (site / "contribute" / "index.html").is_file()
    assert (site / "schema" / "credential.schema.json").read_bytes() == (ROOT / "schema" / "credential.schema.json").read_bytes()
