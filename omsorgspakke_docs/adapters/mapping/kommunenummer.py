"""A mapping file's kommunenummer as IT may leave or write it: the shipped example number
kept, or the municipality's number written as a column name.

The mapping files in mappings/ (and the copies `init` makes) give every case kommunenummer
4699, a municipality that does not exist (the examples' «Fjordvik kommune»). Kept in a live
setup, every case read with the file carries it: the case is not merged with the same case
from an SSB export, and [kommuner."NNNN"] never applies to it. `check` warns at the line,
and `run` and `watch` say it once in the log when they start (event mapping_warning).

`kommunenummer = "5001"` reads a column named «5001», not the number: plain `check` said
«Alt er i orden», and `check --sample` only that the column «5001» is missing.
"""

from __future__ import annotations

import logging
import re
from typing import NamedTuple

from ...text import Tekst, tekst
from .spec import Mapping, kommunenummer_written

EXAMPLE_NUMBER = "4699"
_LINE = re.compile(r'^\s*"?kommunenummer"?\s*=.*["\']' + EXAMPLE_NUMBER + r'["\']')
_AS_COLUMN = re.compile(
    r'^\s*"?kommunenummer"?\s*=\s*(?:\{[^}]*?\bkilde\s*=\s*)?"(\d+)"\s*(?:[,}].*)?(#.*)?$')
"""The line of `kommunenummer = "5001"`, or of `kommunenummer = { kilde = "5001" }`."""
_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")


class AsColumn(NamedTuple):
    """A kommunenummer read from a column whose name is a number, as check says it."""

    line: int
    number: str
    written: str
    """As IT wrote it: `kommunenummer = "5001"` or `kommunenummer = { kilde = "5001" }`."""
    key: str
    """As check names a mapping file's keys: «felt.kommunenummer»."""


def example_line(mapping: Mapping) -> int | None:
    """The line of the mapping file's fixed kommunenummer when it is the shipped example
    (0 when the line is not found as written), else None."""
    if not any(spec.target.text == "kommunenummer"
               and str(spec.default or "").strip() == EXAMPLE_NUMBER
               for spec in mapping.all_fields()):
        return None
    try:
        lines = mapping.file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return 0
    return next((n for n, line in enumerate(lines, start=1) if _LINE.match(line)), 0)


def number_as_column(mapping: Mapping) -> AsColumn | None:
    """Where and how kommunenummer is given as a column whose name is a number."""
    if not any(spec.target.text == "kommunenummer" and (spec.source or "").strip().isdigit()
               for spec in mapping.all_fields()):
        return None
    try:
        lines = mapping.file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return None
    table = ""
    for n, line in enumerate(lines, start=1):
        if header := _TABLE.match(line):
            table = header[1].replace(" ", "")
        elif found := _AS_COLUMN.match(line):
            as_table = "{" in line.split("=", 1)[1].split('"', 1)[0]
            key = f"{table}.kommunenummer" if table else "kommunenummer"
            return AsColumn(n, found[1], kommunenummer_written(found[1], as_table), key)
    return None


def said(mapping: Mapping, line: int, t: Tekst) -> str:
    """Where and what, as check says a mapping file's problems («x.toml, linje 29: ...»)."""
    where = mapping.file.name + (f", linje {line}" if line else "")
    return t("sjekk.kommunenummer_eksempel", fil=where, nummer=EXAMPLE_NUMBER)


def log_kept(adapters: list) -> None:
    """One info line in the log (event mapping_warning) for each mapping that reads files
    with the example number; never a refusal: the files are read as before."""
    log = logging.getLogger("omsorgspakke")
    for adapter in adapters:
        mapping = getattr(adapter, "mapping", None)
        if isinstance(mapping, Mapping) and (line := example_line(mapping)) is not None:
            log.info("mappingfil %s", said(mapping, line, tekst()),
                     extra={"event": "mapping_warning"})
