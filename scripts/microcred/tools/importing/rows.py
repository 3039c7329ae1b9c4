"""One row of a sheet -> one drafted record, and a validator's field path -> the column it came from."""
from __future__ import annotations

import re

from .columns import INNER_SEPARATOR, ITEM_SEPARATOR, Column, is_blank, parts, value


def _set(target: dict, keys: tuple[str, ...], item) -> None:
    for key in keys[:-1]:
        target = target.setdefault(key, {})
        if not isinstance(target, dict):  # a column that clashes with another's shape; the validator reports it
            return
    target[keys[-1]] = item


def _cell_value(column: Column, cell, separator: str):
    if column.is_list:
        return [value(p, column.value_schema) for p in parts(cell, separator) if not is_blank(p)]
    return value(cell, column.value_schema)


def draft(columns: list[Column | None], cells: list, fixed: dict) -> dict:
    """The record a row describes: its non-blank cells under their field paths, in the schema's
    order, with `fixed` (the provider) set. Columns that are None (unknown) are skipped."""
    record: dict = {}
    lists: dict[str, list[dict]] = {}
    for column, cell in zip(columns, cells):
        if column is None or is_blank(cell):
            continue
        keys = column.keys
        split = next((i for i, k in enumerate(keys) if k.endswith("[]")), None)
        if split is None:
            _set(record, keys, _cell_value(column, cell, ITEM_SEPARATOR))
            continue
        # A field of each item of a list: the cell's `;` parts are the items, in order.
        list_path = keys[: split + 1]
        name = ".".join(list_path)
        items = lists.get(name)
        if items is None:
            items = lists[name] = []
            _set(record, tuple(k.removesuffix("[]") for k in list_path), items)
        for i, part in enumerate(parts(cell, ITEM_SEPARATOR)):
            while len(items) <= i:
                items.append({})
            if not is_blank(part):
                _set(items[i], keys[split + 1:], _cell_value(column, part, INNER_SEPARATOR))
    for key, item in fixed.items():
        record[key] = item
    return _ordered(record, [c.keys for c in columns if c is not None] + [(k,) for k in fixed])


def _ordered(record: dict, order: list[tuple[str, ...]]) -> dict:
    """Top-level keys in the schema's column order (the provider after the title, as the format has it)."""
    rank = {}
    for keys in order:
        rank.setdefault(keys[0].removesuffix("[]"), len(rank))
    rank["provider"] = rank.get("title", rank.get("id", -1)) + 0.5
    return dict(sorted(record.items(), key=lambda kv: rank.get(kv[0], len(rank))))


_INDEX = re.compile(r"\[\d+\]")


def column_of(path: str, names: list[str]) -> str | None:
    """The column a problem at field path `path` belongs to: `locations[1].country` ->
    `locations[].country`, `languages[2]` -> `languages`, `cost` (a missing part) -> the first
    column under it; None for a problem of the whole record."""
    if not path:
        return None
    general = _INDEX.sub("[]", path)
    for candidate in (general, general.removesuffix("[]"), _INDEX.sub("", path)):
        if candidate in names:
            return candidate
    # `vet_credit[0].units[1]` -> `vet_credit[].units`
    trimmed = re.sub(r"\[\]$", "", general)
    while trimmed:
        if trimmed in names:
            return trimmed
        under = [n for n in names if n.startswith((trimmed + ".", trimmed + "[]."))]
        if under:
            return under[0]
        trimmed = trimmed.rpartition(".")[0].removesuffix("[]")
    return None
