"""What the rules know of the rest of the catalogue.

Checking one changed file must not parse ten thousand others, so the index answers "does this id
exist?" from file names, and parses another file only when a rule needs its contents (a
qualification's national code, a provider's name, a credential's stacking targets for cycle
detection and its `accepts_credit_from`). What is derived from many files (the stacking graph's
cycles, the providers' names) is computed once per index, however many files are checked.
"""
from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .cycles import StackingGraph
from ..characters import name_keys
from ..domain import global_id, is_credential_target
from ..load import Document, load_file
from ..paths import folder_records


@dataclass(frozen=True)
class OwnFile:
    """All that a rule reading only its own file is given (see check/registry.py)."""
    today: dt.date


@dataclass
class CatalogueIndex:
    catalogue_dir: Path
    today: dt.date = field(default_factory=dt.date.today)
    # Documents already loaded (the files being checked), by `key`.
    loaded: dict = field(default_factory=dict)
    _folders: dict = field(default_factory=dict, repr=False)  # folder -> its real path

    def _ids(self, folder: str) -> dict[str, list[Path]]:
        found: dict[str, list[Path]] = {}
        for path in folder_records(self.catalogue_dir, folder):
            if path.suffix != ".yaml":
                continue  # a link to a folder: refused when it is checked
            key = global_id(path.parent.name, path.stem) if folder == "credentials" else path.stem
            found.setdefault(key, []).append(path)
        return found

    @cached_property
    def provider_files(self) -> dict[str, list[Path]]:
        return self._ids("providers")

    @cached_property
    def credential_files(self) -> dict[str, list[Path]]:
        return self._ids("credentials")

    @cached_property
    def qualification_files(self) -> dict[str, list[Path]]:
        return self._ids("qualifications")

    def key(self, path: Path) -> Path:
        """A file's key in `loaded`: the file in its folder's real path. One real path per folder
        (the names in it are joined on), not per file: resolving each of 10,000 files was a
        fifth of validating them. A symbolic link keeps its own name, and the loader refuses it."""
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        return folder / path.name

    def document(self, path: Path) -> Document:
        path = self.key(path)
        if path not in self.loaded:
            self.loaded[path] = load_file(path)
        return self.loaded[path]

    def _ids_by_text(self, files: dict[str, list[Path]], field: str, keys=lambda text: (text,)) -> dict[str, list[str]]:
        """Each of the `keys` of a text field -> the ids of the records that carry it (records that
        do not load, or lack the field as text, are left out: their own checks report them)."""
        found: dict[str, list[str]] = {}
        for record_id, paths in files.items():
            data = self._first_data(paths)
            if isinstance(data.get(field), str):
                for key in dict.fromkeys(keys(data[field])):  # a record once per key
                    found.setdefault(key, []).append(record_id)
        return found

    def _first_data(self, paths: list[Path] | None) -> dict:
        """The data of the first of a record's files; {} when it has none or it does not load."""
        data = self.document(paths[0]).data if paths else None
        return data if isinstance(data, dict) else {}

    @cached_property
    def qualification_codes(self) -> dict[str, list[str]]:
        """National code -> ids of the qualification records that carry it."""
        return self._ids_by_text(self.qualification_files, "code")

    def stacking_targets(self, global_id: str) -> list[str]:
        """The credential targets (`provider/credential`) a credential stacks into."""
        data = self._first_data(self.credential_files.get(global_id))
        if not isinstance(data.get("stacks_into"), list):
            return []
        return [item["target"] for item in data["stacks_into"]
                if isinstance(item, dict) and isinstance(item.get("target"), str) and is_credential_target(item["target"])]

    @cached_property
    def stacking_graph(self) -> StackingGraph:
        """The credentials' stacking links, with their cycles found in one linear pass."""
        # The graph is kept on the index, so it reaches back weakly: a bound method would make a
        # cycle, and the index, with every loaded document, would then outlive the build until
        # the cycle collector ran (which a site build pauses, microcred.site.process).
        targets = weakref.WeakMethod(self.stacking_targets)
        return StackingGraph(lambda global_id: targets()(global_id))

    def target_record(self, target: str) -> dict | None:
        """The data of a `stacks_into` target's record ({} if it does not load); None if none exists."""
        paths = (self.credential_files if is_credential_target(target) else self.qualification_files).get(target)
        return self._first_data(paths) if paths else None

    def accepts_credit_from(self, target: str) -> list[str] | None:
        """The providers and credentials a credential or qualification accepts credit from; None if
        it does not exist.

        A record that does not load, or lists nothing usable, accepts nobody (fail closed).
        """
        data = self.target_record(target)
        if data is None:
            return None
        listed = data.get("accepts_credit_from")
        return [x for x in listed if isinstance(x, str)] if isinstance(listed, list) else []

    @cached_property
    def provider_names(self) -> dict[str, list[str]]:
        """Each of the `name_keys` of each provider's name -> the ids of the providers that carry it."""
        return self._ids_by_text(self.provider_files, "name", name_keys)

    def providers_named_like(self, name: str) -> list[str]:
        """The ids of the providers whose name looks like `name` (see characters.name_keys)."""
        return sorted({pid for key in name_keys(name) for pid in self.provider_names.get(key, [])})
