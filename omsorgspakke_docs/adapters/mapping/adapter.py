"""Adapters that IT configures without code: one per mapping file in the mappings folder.

Each `*.toml` in `[paths] mappings` describes one vendor layout (spec.py, docs/adapters.md).
This module is a built-in plugin like the other adapters: register_adapters is given the
settings and registers one adapter per mapping file in the configured folder. A broken mapping
file is logged (file, line, key; no data) and left out; the others still work.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...domain.model import Case
from ...errors import InputError
from ...hookspecs import hookimpl
from ..canonical_json import parse_case
from .paths import assign, merge, plain
from .records import Record, claims, records
from .spec import FieldSpec, Mapping, PersonRule, load_folder
from .values import ValueProblem, convert, is_empty, key

if TYPE_CHECKING:
    from ...config import Settings

log = logging.getLogger("omsorgspakke")


class MappingAdapter:
    """Reads the exports one mapping file describes."""

    def __init__(self, mapping: Mapping):
        self.mapping = mapping
        self.name = mapping.name
        self.description = mapping.description + f" (mappingfil {mapping.file.name})"

    def claims(self, sample) -> bool:
        return claims(self.mapping, sample)

    def read(self, path: Path) -> Iterator[Case]:
        found = False
        for number, tree in enumerate(self._trees(records(self.mapping, path)), start=1):
            found = True
            yield parse_case(plain(tree), number, self.name)
        if not found:
            raise InputError("Filen inneholder ingen saker (ingen rader under overskriftene).")

    def _trees(self, items: Iterable[Record]) -> Iterator[dict]:
        """One tree per case: each record alone, or records grouped by gruppering.kilde.

        Defaults are kept apart until the case is complete, so a default from one row never
        hides a value another row of the same case has.
        """
        if self.mapping.group_by is None:
            for number, record in enumerate(items):
                yield merge(*self._record_tree(record, number))
            return
        cases: dict[str, tuple[dict, dict]] = {}
        for number, record in enumerate(items):
            group = record.get(self.mapping.group_by)
            if is_empty(group):
                raise InputError(f"{_cap(record.where)} mangler verdi i «{self.mapping.group_by}».")
            tree, defaults = cases.setdefault(key(group), ({}, {}))
            found, found_defaults = self._record_tree(record, number)
            merge(tree, found)
            merge(defaults, found_defaults)
        for tree, defaults in cases.values():
            yield merge(tree, defaults)

    def _record_tree(self, record: Record, number: int) -> tuple[dict, dict]:
        tree: dict = {}
        defaults: dict = {}
        self._apply(self.mapping.fields, record, ("felt", number), tree, defaults)
        for index, rule in enumerate(self.mapping.rules):
            for sub_number, sub in enumerate(_subrecords(record, rule)):
                if _matches(rule, sub):
                    self._apply(rule.fields, sub, (index, number, sub_number), tree, defaults)
        return tree, defaults

    def _apply(self, fields: Iterable[FieldSpec], record: Record, item, tree, defaults) -> None:
        for spec in fields:
            value = self._value(spec, record)
            if value is not None:
                assign(tree, spec.target, value, item)
            elif spec.default is not None:
                assign(defaults, spec.target, spec.default, item)

    def _value(self, spec: FieldSpec, record: Record) -> Any:
        if spec.source is None:
            return None
        formats = [spec.date_format] if spec.date_format else self.mapping.date_formats
        try:
            return convert(record.get(spec.source), spec.target, spec.values, formats)
        except ValueProblem as exc:
            raise InputError(
                f"{_cap(record.where)}, «{spec.source}» (feltet {spec.target.text}): {exc}",
                what_to_do="Rett verdien i fagsystemet, eller be IT utvide verdilisten i "
                           f"mappingfilen {self.mapping.file.name}.",
            ) from None


def _subrecords(record: Record, rule: PersonRule) -> list[Record]:
    return record.children(rule.under) if rule.under else [record]


def _matches(rule: PersonRule, record: Record) -> bool:
    if rule.when_source is None:
        return True
    try:
        value = record.get(rule.when_source)
    except ValueProblem:
        return False
    return key(value or "") in {key(v) for v in rule.when_values}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class MappingAdapters:
    """The valid mapping files of a folder, and the problems of the others."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.mappings, self.problems = load_folder(self.folder)

    def adapters(self) -> list[MappingAdapter]:
        return [MappingAdapter(mapping) for mapping in self.mappings]


@hookimpl
def register_adapters(register, settings: Settings | None) -> None:
    """One adapter per valid mapping file in the configured folder.

    Problems in mapping files are logged (file, line, key: no data); `check` prints them.
    """
    if settings is None:
        return
    found = MappingAdapters(settings.paths.mappings)
    for problem in found.problems:
        log.log(logging.INFO if problem.warning else logging.WARNING, "mappingfil %s", problem)
    for adapter in found.adapters():
        register(adapter)
