"""Adapters that IT configures without code: one per mapping file in the mappings folder.

Each `*.toml` in `[paths] mappings` describes one vendor layout (spec.py, docs/adapters.md).
This module is a built-in plugin like the other adapters: register_adapters is given the
settings and registers one adapter per mapping file in the configured folder. A broken mapping
file is logged (file, line, key; no data) and left out; the others still work.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...domain.merge import ENDS
from ...domain.model import Case
from ...errors import InputError
from ...hookspecs import hookimpl
from ...wording import count as plural
from ..canonical_json import parse_case
from . import diagnose
from .paths import assign, merge, plain
from .records import Record, claims, records
from .spec import FieldSpec, Mapping, PersonRule, load_folder, looks_for_all_of
from .splitters import split
from .values import (
    DEFAULT_DATE_FORMATS,
    KATEGORI,
    NOT_FOSTER_HOME,
    DateProblem,
    ListProblem,
    ValueProblem,
    convert,
    day_month_order,
    is_empty,
    key,
    parse_date,
    year_first,
)

if TYPE_CHECKING:
    from ...config import Settings

log = logging.getLogger("omsorgspakke")


class MappingAdapter:
    """Reads the exports one mapping file describes."""

    def __init__(self, mapping: Mapping):
        self.mapping = mapping
        self.name = mapping.name
        self.description = mapping.description + f" (mappingfil {mapping.file.name})"
        self.file_name = mapping.file.name

    def claims(self, sample) -> bool:
        return claims(self.mapping, sample)

    def read(self, path: Path) -> Iterator[Case]:
        found = False
        for number, tree in enumerate(self._trees(records(self.mapping, path)), start=1):
            found = True
            yield parse_case(plain(tree), number, self.name, paths=True)
        if not found:
            posts = self.mapping.reading.get("poster")
            if self.mapping.format in ("xml", "json") and posts:
                # «ingen rader under overskriftene» is a table's: an XML or JSON export
                # has its records where [lesing] poster says, perhaps written wrong.
                raise InputError(f"Filen inneholder ingen saker: mappingfilen "
                                 f"{self.file_name} leser postene fra «{posts}», og der er "
                                 "det ingen i filen.")
            raise InputError("Filen inneholder ingen saker (ingen rader under overskriftene).")

    def _trees(self, items: Iterable[Record]) -> Iterator[dict]:
        """One tree per case: each record alone, or records grouped by gruppering.kilde.

        Defaults are kept apart until the case is complete, so a default from one row never
        hides a value another row of the same case has, and a default never makes a list item
        (a parent, a foster parent) that no column of the export filled.
        """
        orders: dict[tuple, tuple[str, str]] = {}  # each date field's order of day and month
        if self.mapping.group_by is None:
            for number, record in enumerate(items):
                kinds: set[str] = set()
                tree, defaults = self._record_tree(record, number, kinds, orders)
                yield self._ends_stated(merge(*_placed(tree, defaults, kinds), new_items=False))
            return
        cases: dict[str, tuple[dict, dict, set[str]]] = {}
        unmatched = []
        for number, record in enumerate(items):
            if self.person_unmatched(record):
                unmatched.append(record.where)
            group = record.get(self.mapping.group_by)
            if is_empty(group):
                raise InputError(f"{_cap(record.named)} mangler verdi i «{self.mapping.group_by}».")
            tree, defaults, kinds = cases.setdefault(key(group), ({}, {}, set()))
            found, found_defaults = self._record_tree(record, number, kinds, orders)
            merge(tree, found)
            merge(defaults, found_defaults)
        if unmatched:  # for IT: rows, never their values (omsorgspakke check --sample)
            log.warning("mappingen %s: %s passer ikke med noen [[personer]]-regel og er ikke "
                        "lest inn (%s)", self.name, plural(len(unmatched), "rad", "rader"),
                        ", ".join(unmatched[:5]),
                        extra={"event": "mapping_rows_unmatched"})
        for tree, defaults, kinds in cases.values():
            yield self._ends_stated(merge(*_placed(tree, defaults, kinds), new_items=False))

    def _ends_stated(self, tree: dict) -> dict:
        """The case's end dates (merge.ENDS) that the mapping reads from a column or element
        and the export left empty, given with no value: the journal has no end date, so a
        case or placement an earlier export had closed is open again (merge.stated_open).
        The placement's only where the case has one (a foster home's record). An end date
        the mapping does not read stays unsaid, as every other empty field."""
        for spec in self.mapping.fields:
            path = tuple(step.name for step in spec.target.steps)
            if spec.source is None or path not in ENDS:
                continue
            *within, name = path
            node: Any = tree
            for step in within:
                node = node.get(step) if isinstance(node, dict) else None
            if isinstance(node, dict):
                node.setdefault(name, None)
        return tree

    def _record_tree(self, record: Record, number: int, kinds: set[str] | None = None,
                     orders: dict | None = None) -> tuple[dict, dict]:
        """The record's fields as a tree, and its defaults apart. kinds gets the placement
        categories read ("ikke fosterhjem" among them): a record or element that says its
        measure is no foster home fills no plassering field (the foster home's does)."""
        tree: dict = {}
        defaults: dict = {}
        read = [(spec, source, item, self._value(spec, source, orders))
                for spec, source, item in self.uses(record, number)]
        other = {id(source) for spec, source, _, value in read
                 if spec.target.text == KATEGORI and value == NOT_FOSTER_HOME}
        for spec, source, item, value in read:
            if spec.target.text == KATEGORI and value is not None and kinds is not None:
                kinds.add(value)
            if spec.target.steps[0].name == "plassering" and id(source) in other:
                continue
            if value is not None:
                assign(tree, spec.target, value, item)
            elif spec.default is not None:
                assign(defaults, spec.target, spec.default, item)
        return tree, defaults

    def uses(self, record: Record, number: int) -> Iterator[tuple[FieldSpec, Record, tuple]]:
        """Each field the record fills: (field, the record or sub-record it reads, list item)."""
        for spec in self.mapping.fields:
            yield spec, record, ("felt", number)
        for index, rule in enumerate(self.mapping.rules):
            for sub_number, sub in enumerate(_subrecords(record, rule)):
                if matches(rule, sub):
                    for spec in rule.fields:
                        yield spec, sub, (index, number, sub_number)

    def person_unmatched(self, record: Record) -> bool:
        """Whether a record of a one-row-per-person export matches none of the
        [[personer]] rules: a role value no rule lists («Stefar», or «Far (biologisk)» after a
        change in the journal), whose person would be left out without a word."""
        rules = self.mapping.rules
        if not rules or any(r.when_source is None or r.under for r in rules):
            return False
        return not any(matches(rule, record) for rule in rules)

    def value(self, spec: FieldSpec, record: Record) -> Any:
        """The field's value from the record, or None; a ValueProblem when it does not fit."""
        if spec.source is None:
            return None
        formats = [spec.date_format] if spec.date_format else self.mapping.date_formats
        raw = record.get(spec.source)
        if spec.split and not is_empty(raw):
            raw = split(spec.split, raw, spec.target.steps[-1].name)
        return convert(raw, spec.target, spec.values, formats)

    def _value(self, spec: FieldSpec, record: Record, orders: dict | None = None) -> Any:
        try:
            value = self.value(spec, record)
        except ValueProblem as exc:
            raise InputError(
                f"{_cap(record.named)}, «{spec.source}» (feltet {spec.target.text}): {exc}",
                what_to_do=self._advice(spec, exc),
            ) from None
        if orders is not None and isinstance(value, date):
            self._one_order(spec, record, orders)
        return value

    def date_read(self, spec: FieldSpec, record: Record) -> tuple[str, str, str] | None:
        """A date field's text value, the format that reads it (the first of the field's or
        the mapping's, as a run reads it) and that format's order of day and month, also with
        the year first ("%Y/%d/%m" beside "%Y/%m/%d" reads 2026/09/01 as 9 January); None for
        a value that is no text (a workbook's date cell), or read by no format."""
        raw = record.get(spec.source) if spec.source else None
        if not isinstance(raw, str):
            return None
        formats = ([spec.date_format] if spec.date_format else self.mapping.date_formats) \
            or DEFAULT_DATE_FORMATS
        fmt = next((f for f in formats if parse_date(raw, [f])), None)
        order = day_month_order(fmt) if fmt else None
        return None if fmt is None or order is None else (raw, fmt, order)

    def _one_order(self, spec: FieldSpec, record: Record, orders: dict) -> None:
        """A file whose dates of one field are read some with the day first, some with the
        month first (both orders in «datoformater»: 10/25 as 25 October beside 11/02 as 11
        February; "%Y/%d/%m" beside "%Y/%m/%d": 2026/09/01 as 9 January beside 2026/09/15 as
        15 September) is refused: some of its dates would be swapped without a word. Formats
        with the year first are compared with each other only (31.12.2026 beside 2026-12-31
        swaps nothing)."""
        read = self.date_read(spec, record)
        if read is None:
            return
        _, fmt, order = read
        first, where = orders.setdefault((spec.source, spec.target.text, year_first(fmt)),
                                         (order, record.named))
        if first != order:
            raise InputError(
                f"{_cap(record.named)}, «{spec.source}» (feltet {spec.target.text}): datoene i "
                "kolonnen leses dels med dagen først, dels med måneden først (ulikt her og i "
                f"{where}), så noen datoer ville blitt byttet om.",
                what_to_do=f"Be IT beholde bare ett av datoformatene for feltet i mappingfilen "
                           f"{self.mapping.file.name}, det som stemmer med fagsystemet "
                           "(omsorgspakke check --sample FIL viser hvilke datoer som leses "
                           "hvordan). Legg så eksporten i innboksen på nytt.")

    def _advice(self, spec: FieldSpec, problem: ValueProblem) -> str:
        """What to do, pointing at the key in the mapping file that would take the value."""
        file = self.mapping.file.name
        if isinstance(problem, DateProblem):
            where = ("«datoformat» på feltet" if spec.date_format
                     else "«datoformater» under [lesing]")
            check = "(omsorgspakke check --sample FIL viser alle datoer som ikke kan leses)"
            if problem.seen_format:  # most often the export's way of writing every date
                return (f"Som regel er det eksporten som skriver datoene slik: be IT legge "
                        f'til datoformatet "{problem.seen_format}" i {where} i mappingfilen '
                        f"{file} {check}. Er datoen skrevet feil i fagsystemet, retter du "
                        "den der. Legg så eksporten i innboksen på nytt.")
            return (f"Rett datoen i fagsystemet, eller be IT legge til datoformatet i "
                    f"{where} i mappingfilen {file} {check}. Legg så eksporten i innboksen "
                    "på nytt.")
        if isinstance(problem, ListProblem) and spec.target.text == KATEGORI:
            return (f"Rett verdien i fagsystemet, eller be IT legge den til i verdilisten for "
                    f"feltet {KATEGORI} i mappingfilen {file}. Er tiltaket ikke et fosterhjem "
                    f"(en institusjon, et hjelpetiltak hjemme), setter IT verdien til "
                    f"\"{NOT_FOSTER_HOME}\" der; da blir saken hoppet over hvis den ikke også "
                    "har et fosterhjem.")
        if isinstance(problem, ListProblem):
            return (f"Rett verdien i fagsystemet, eller be IT legge den til i verdilisten for "
                    f"feltet {spec.target.text} i mappingfilen {file}.")
        return f"Rett verdien i fagsystemet, eller be IT se på feltet i mappingfilen {file}."


def _placed(tree: dict, defaults: dict, kinds: set[str]) -> tuple[dict, dict]:
    """A case whose records name only measures that are no foster home has no placement at
    all, also from a record that did not say which measure it is about (a parent's row with
    the start date): it is skipped, never read as a foster home with no category."""
    if NOT_FOSTER_HOME in kinds and kinds <= {NOT_FOSTER_HOME}:
        tree.pop("plassering", None)
        defaults.pop("plassering", None)
    return tree, defaults


def most_specific(claiming: list[MappingAdapter]) -> MappingAdapter | None:
    """Of several mappings that claim a file, the one that looks for all the others look for
    and more (spec.looks_for_all_of): the vendor's own report over a generic mapping whose
    columns it also has. None when there is no such one: two mappings that look for the same
    (one copied for another municipality)."""
    for candidate in claiming:
        others = [a for a in claiming if a is not candidate]
        if all(looks_for_all_of(candidate.mapping, o.mapping)
               and not looks_for_all_of(o.mapping, candidate.mapping) for o in others):
            return candidate
    return None


def _subrecords(record: Record, rule: PersonRule) -> list[Record]:
    return record.children(rule.under) if rule.under else [record]


def matches(rule: PersonRule, record: Record) -> bool:
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
        log.log(logging.INFO if problem.warning else logging.WARNING, "mappingfil %s", problem,
                extra={"event": "mapping_warning" if problem.warning else "mapping_broken"})
    for adapter in found.adapters():
        register(adapter)


def why_not(adapter, sample) -> list[str]:
    """For a mapping adapter that takes the file's type: what in the file did not match."""
    if not isinstance(adapter, MappingAdapter):
        return []
    mapping = adapter.mapping
    if sample.suffix not in {e.lower() for e in mapping.detect["filendelser"]}:
        return []
    if not diagnose.resembles(mapping, sample.head):
        return []  # a note or a letter saved as .txt: this mapping's advice would mislead
    try:
        return diagnose.why_not(mapping, sample.path, sample.head)
    except Exception:  # noqa: BLE001 - explaining must never turn a bad file into a crash
        return []


def broken_files(settings: Settings | None) -> list[str]:
    """Mapping files in the configured folder left out for errors (their names)."""
    if settings is None:
        return []
    problems = MappingAdapters(settings.paths.mappings).problems
    return sorted({p.file.name for p in problems if not p.warning})
