"""What the rules know of the rest of the catalogue.

Checking one changed file must not parse ten thousand others, so the index answers "does this id
exist?" from file names, and parses another file only when a rule needs its contents (a
qualification's national code, a credential's stacking targets for cycle detection).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .load import Document, load_file


@dataclass
class CatalogueIndex:
    catalogue_dir: Path
    today: dt.date = field(default_factory=dt.date.today)
    # Documents already loaded (the files being checked), by absolute path.
    loaded: dict = field(default_factory=dict)

    def _ids(self, folder: str, pattern: str) -> dict[str, list[Path]]:
        found: dict[str, list[Path]] = {}
        for path in sorted((self.catalogue_dir / folder).glob(pattern)):
            key = f"{path.parent.name}/{path.stem}" if folder == "credentials" else path.stem
            found.setdefault(key, []).append(path)
        return found

    @cached_property
    def provider_files(self) -> dict[str, list[Path]]:
        return self._ids("providers", "*.yaml")

    @cached_property
    def credential_files(self) -> dict[str, list[Path]]:
        return self._ids("credentials", "*/*.yaml")

    @cached_property
    def qualification_files(self) -> dict[str, list[Path]]:
        return self._ids("qualifications", "*.yaml")

    def document(self, path: Path) -> Document:
        path = path.resolve()
        if path not in self.loaded:
            self.loaded[path] = load_file(path)
        return self.loaded[path]

    @cached_property
    def qualification_codes(self) -> dict[str, list[str]]:
        """National code -> ids of the qualification records that carry it."""
        codes: dict[str, list[str]] = {}
        for qid, paths in self.qualification_files.items():
            data = self.document(paths[0]).data
            if isinstance(data, dict) and isinstance(data.get("code"), str):
                codes.setdefault(data["code"], []).append(qid)
        return codes

    def stacking_targets(self, global_id: str) -> list[str]:
        """The credential targets (`provider/credential`) a credential stacks into."""
        paths = self.credential_files.get(global_id)
        if not paths:
            return []
        data = self.document(paths[0]).data
        if not isinstance(data, dict) or not isinstance(data.get("stacks_into"), list):
            return []
        return [item["target"] for item in data["stacks_into"]
                if isinstance(item, dict) and isinstance(item.get("target"), str) and "/" in item["target"]]
