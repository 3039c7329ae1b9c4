"""`microcred template spreadsheet`: write the import template (export/template.py) to a file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..export.template import template_workbook
from ..history import build_date


def write_template(out: Path, when: dt.date | None = None) -> Path:
    """Write the template, dated `when` (default: the build date, SOURCE_DATE_EPOCH or today)."""
    out.write_bytes(template_workbook(when or build_date()))
    return out
