import sys
from pathlib import Path

# tests/factory.py is shared by tests and benchmarks.
sys.path.insert(0, str(Path(__file__).parent))


# The hostile site catalogue (tests/browser/site_catalogue.py), built once for the modules that
# read its pages: building it is the slow part, and no test writes into it.
import pytest  # noqa: E402


@pytest.fixture(scope="session")
def hostile_catalogue_dir(tmp_path_factory) -> Path:
    sys.path.insert(0, str(Path(__file__).parent / "browser"))
    from site_catalogue import write_site_catalogue

    return write_site_catalogue(tmp_path_factory.mktemp("catalogue") / "catalogue")


@pytest.fixture(scope="session")
def hostile_site(hostile_catalogue_dir, tmp_path_factory) -> Path:
    from site_catalogue import build_site

    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(hostile_catalogue_dir, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
