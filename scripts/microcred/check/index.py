"""What the rules know of the rest of the catalogue.

Checking one changed file must not parse ten thousand others, so the index answers "does this id
exist?" from file names, and parses another file only when a rule needs its contents (a
qualification's national code, a provider's name, a credential's stacking targets for cycle
detection and its `accepts_credit_from`). What is derived from many files (the stacking graph's
cycles, the providers' names) is computed once per index, however many files are checked.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .cycles import StackingGraph
from ..domain import global_id, is_credential_target
from ..load import Document, load_file


def name_key(name: str) -> str:
    """A provider name as compared for uniqueness: NFKC, case-folded, invisible format characters
    dropped and runs of spaces made one, so `ＭＩＴ`, `mit` and `M\u200bIT ` are the same name."""
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


@dataclass
class CatalogueIndex:
    catalogue_dir: Path
    today: dt.date = field(default_factory=dt.date.today)
    # Documents already loaded (the files being checked), by absolute path.
    loaded: dict = field(default_factory=dict)

    def _ids(self, folder: str, pattern: str) -> dict[str, list[Path]]:
        found: dict[str, list[Path]] = {}
        for path in sorted((self.catalogue_dir / folder).glob(pattern)):
            key = global_id(path.parent.name, path.stem) if folder == "credentials" else path.stem
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

    def _ids_by_text(self, files: dict[str, list[Path]], field: str, key=lambda text: text) -> dict[str, list[str]]:
        """`key` of a text field -> the ids of the records that carry it (records that do not load,
        or lack the field as text, are left out: their own checks report them)."""
        found: dict[str, list[str]] = {}
        for record_id, paths in files.items():
            data = self.document(paths[0]).data
            if isinstance(data, dict) and isinstance(data.get(field), str):
                found.setdefault(key(data[field]), []).append(record_id)
        return found

    @cached_property
    def qualification_codes(self) -> dict[str, list[str]]:
        """National code -> ids of the qualification records that carry it."""
        return self._ids_by_text(self.qualification_files, "code")

    def stacking_targets(self, global_id: str) -> list[str]:
        """The credential targets (`provider/credential`) a credential stacks into."""
        paths = self.credential_files.get(global_id)
        if not paths:
            return []
        data = self.document(paths[0]).data
        if not isinstance(data, dict) or not isinstance(data.get("stacks_into"), list):
            return []
        return [item["target"] for item in data["stacks_into"]
                if isinstance(item, dict) and isinstance(item.get("target"), str) and is_credential_target(item["target"])]

    @cached_property
    def stacking_graph(self) -> StackingGraph:
        """The credentials' stacking links, with their cycles found in one linear pass."""
        return StackingGraph(self.stacking_targets)

    def accepts_credit_from(self, global_id: str) -> list[str] | None:
        """The providers and credentials a credential accepts credit from; None if it does not exist.

        A record that does not load, or lists nothing usable, accepts nobody (fail closed).
        """
        paths = self.credential_files.get(global_id)
        if not paths:
            return None
        data = self.document(paths[0]).data
        listed = data.get("accepts_credit_from") if isinstance(data, dict) else None
        return [x for x in listed if isinstance(x, str)] if isinstance(listed, list) else []

    @cached_property
    def provider_names(self) -> dict[str, list[str]]:
        """`name_key` of each provider's name -> the ids of the providers that carry it."""
        return self._ids_by_text(self.provider_files, "name", name_key)
