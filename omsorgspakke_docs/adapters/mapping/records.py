"""Read an export as records for a mapping, and recognise it: CSV, Excel, XML and JSON.

A record is one row (CSV, Excel), one element (XML) or one object (JSON). Fields are read
from it by column name, by XPath relative to the element, or by JSON pointer relative to the
object; XML and JSON records can have sub-records (the persons of a case). All input goes
through the shared guards first: safety.read_text and csv_rows for text, safety.workbook_rows
(zip check, defusedxml) for Excel, xmlsafe for XML. XML is streamed; the other formats are
reports of modest size and are read whole, within the guards' size limits.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from lxml import etree

from ...domain.idnumber import hidden
from ...errors import InputError
from ...intake.guards import bom_encoding, csv_rows, read_text, workbook_rows
from ...intake.xmlsafe import iter_elements, root_info
from ...store.safenames import journal_folder_name
from .diagnose import encoding_notes, missing_columns
from .spec import FieldSpec, Mapping
from .values import ValueProblem, convert, key

CANONICAL_MARK = re.compile(r'"format"\s*:\s*"omsorgspakke-sak')


JOURNAL = "journalnummer"
TAG = re.compile(r" \(<[^>]*>\)")
"""An XML post's element in its position («post nr. 3 (<Sak>)»): left out beside a journal
number, which says more."""


@dataclass
class Record:
    where: str
    """Position: "rad 5", "post nr. 3 (<Sak>)", "post nr. 3, del 2"; never data."""
    journal: str | None = field(default=None, kw_only=True)
    """A post's journal number (the field the mapping maps to journalnummer), where it reads
    as one: a case reference staff and IT can search for, never a name or an identity number
    (store.safenames.journal_folder_name, the rule for the case folders). A row has its
    number, which a spreadsheet shows; a post has none."""

    @property
    def named(self) -> str:
        """The record as a message about it names it: «saken med journalnummer 2026/1234
        (post nr. 2)», or its position alone when no journal number can be read."""
        if self.journal is None:
            return self.where
        return f"saken med journalnummer {self.journal} ({TAG.sub('', self.where)})"

    @property
    def listed(self) -> str:
        """The record in a list of positions (check --sample's findings): «post nr. 2 i saken
        med journalnummer 2026/1234», or its position alone."""
        if self.journal is None:
            return self.where
        return f"{TAG.sub('', self.where)} i saken med journalnummer {self.journal}"

    def get(self, source: str) -> Any:
        raise NotImplementedError

    def children(self, source: str) -> list[Record]:
        return []


@dataclass
class Row(Record):
    values: dict[str, Any]

    def get(self, source: str) -> Any:
        return self.values.get(key(source))


@dataclass
class Element(Record):
    element: Any
    namespaces: tuple

    def get(self, source: str) -> Any:
        found = _xpath(source, self.namespaces)(self.element)
        if isinstance(found, list):
            found = found[0] if found else None
        if isinstance(found, etree._Element):
            return "".join(found.itertext())
        return None if found is None else str(found)

    def children(self, source: str) -> list[Record]:
        found = _xpath(source, self.namespaces)(self.element)
        found = found if isinstance(found, list) else []
        elements = [e for e in found if isinstance(e, etree._Element)]
        return [
            Element(f"{self.where}, del {i}", e, self.namespaces, journal=self.journal)
            for i, e in enumerate(elements, 1)
        ]


@dataclass
class Object(Record):
    data: Any

    def get(self, source: str) -> Any:
        found = pointer(self.data, source)
        if isinstance(found, (dict, list)):
            raise ValueProblem("JSON-pekeren viser til en gruppe, ikke én verdi.")
        return found

    def children(self, source: str) -> list[Record]:
        found = pointer(self.data, source)
        items = found if isinstance(found, list) else [] if found is None else [found]
        return [Object(f"{self.where}, del {i}", item, journal=self.journal)
                for i, item in enumerate(items, 1)]


@cache
def _xpath(expr: str, namespaces: tuple) -> etree.XPath:
    return etree.XPath(expr, namespaces=dict(namespaces) or None)


def pointer(data: Any, path: str) -> Any:
    """RFC 6901 JSON pointer; None where the path leads nowhere."""
    if not path:
        return data
    for token in path.lstrip("/").split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(data, dict):
            data = data.get(token)
        elif isinstance(data, list) and token.isdigit() and int(token) < len(data):
            data = data[int(token)]
        else:
            return None
    return data


# -- reading ---------------------------------------------------------------------------
def records(mapping: Mapping, path: Path) -> Iterator[Record]:
    readers = {"csv": _csv_rows, "xlsx": _xlsx_rows, "xml": _xml_records, "json": _json_records}
    if mapping.format in ("csv", "xlsx"):
        return _rows(mapping, readers[mapping.format](mapping, path))
    return readers[mapping.format](mapping, path)


def _rows(mapping: Mapping, rows) -> Iterator[Record]:
    """Rows under the header row, as records keyed by column name; blank rows are skipped."""
    header_row = mapping.reading.get("overskriftsrad", 1)
    header: list[str] | None = None
    for number, cells in rows:
        if number == header_row:
            header = check_header(mapping, cells)
        elif header is not None and any(not _blank(c) for c in cells):
            yield Row(f"rad {number}", dict(zip(header, cells, strict=False)))
    if header is None:
        raise InputError(f"Filen har ingen overskriftsrad (rad {header_row}).")


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def header_names(cells) -> list[str]:
    return [key(str(c).lstrip("\ufeff")) if c is not None else "" for c in cells]


def check_header(mapping: Mapping, cells) -> list[str]:
    names = header_names(cells)
    numbers = sorted({(spec.source or "").strip() for spec in mapping.all_fields()
                      if spec.target.text == "kommunenummer"
                      and (spec.source or "").strip().isdigit()})
    if numbers and missing_columns(numbers, cells):
        # `kommunenummer = "4640"` reads a column named «4640»: the mapping file's fault,
        # not the export's (the note told staff to check the journal's columns).
        raise InputError(
            f"Mappingfilen {mapping.file.name} leser kommunenummeret fra en kolonne med "
            f"navnet «{numbers[0]}», og den kolonnen finnes ikke i eksporten. Feilen er i "
            "mappingfilen, ikke i eksporten.",
            what_to_do="Be IT skrive kommunenummeret som en fast verdi i mappingfilen "
                       f"{mapping.file.name}: " + f'kommunenummer = {{ standard = "{numbers[0]}" }}'
                       + " («omsorgspakke check» viser linjen). Legg så eksporten i innboksen "
                       "på nytt.",
        )
    missing = missing_columns(sorted(mapping.sources()), cells)
    if missing:
        raise InputError(
            "Filen mangler " + ("kolonnen " if len(missing) == 1 else "kolonnene ")
            + ", ".join(missing) + f" som mappingen «{mapping.name}» bruker.",
            what_to_do="Sjekk at rapporten i fagsystemet har disse kolonnene. Har en kolonne "
                       f"fått nytt navn, må IT rette mappingfilen {mapping.file.name}; "
                       "«omsorgspakke check --sample FIL» viser alle kolonner som mangler.",
        )
    return names


def _csv_rows(mapping: Mapping, path: Path):
    try:
        text = read_text(path, mapping.reading.get("tegnkoding"))
    except InputError:
        with open(path, "rb") as handle:
            notes = encoding_notes(mapping, handle.read(64 * 1024))
        if not notes:
            raise
        raise InputError(f"Mappingen «{mapping.name}» kunne ikke lese filen: {notes[0]}.",
                         what_to_do=f"Be IT rette tegnkoding under [lesing] i mappingfilen "
                                    f"{mapping.file.name}, og legg så filen i innboksen på nytt."
                         ) from None
    _refuse_cut_off(text, mapping)
    return enumerate(csv_rows(text, mapping.reading.get("skilletegn", ";")), start=1)


def _refuse_cut_off(text: str, mapping: Mapping) -> None:
    """A copy that stopped half-way leaves a last row cut short: no line break at the end,
    and fewer columns than every row before it (the header, when it is the only data row;
    an export that leaves out empty fields at the end of its rows has rows of several
    lengths, and one as short as the shortest before it is whole). Read as it is, its names
    and dates would go into letters cut off ("Karl" for "Karlsen"), so the file is refused
    before any case. Rows, not lines: a quoted field may hold a line break (an address, a
    remark), and a row that ends with one is whole."""
    if not text or text[-1] in "\r\n":
        return
    reader = csv.reader(io.StringIO(text, newline=""),
                        delimiter=mapping.reading.get("skilletegn", ";"))
    header = mapping.reading.get("overskriftsrad", 1)
    shortest: int | None = None  # of the rows from the header to the one before the last
    last: list[str] = []
    rows, starts, line = 0, 1, 1
    try:
        for row in reader:
            if rows >= header and (shortest is None or len(last) < shortest):
                shortest = len(last)
            last, rows = row, rows + 1
            starts, line = line, reader.line_num + 1
    except csv.Error:
        return  # not CSV as the mapping reads it: csv_rows says so
    if rows > header and shortest is not None and len(last) < shortest:
        raise InputError(
            f"Filen ser ut til å være avkortet: den siste linjen (linje {starts}) slutter midt "
            "i en rad.",
            what_to_do="Lag eksporten på nytt i fagsystemet, og legg hele filen i innboksen. "
                       "Ble filen kopiert eller sendt, kan overføringen ha stoppet underveis.")


def _xlsx_rows(mapping: Mapping, path: Path):
    return enumerate(workbook_rows(path, _sheet_name(mapping)), start=1)


def _sheet_name(mapping: Mapping) -> str | None:
    return mapping.reading.get("ark") or mapping.detect.get("ark")


def _xml_records(mapping: Mapping, path: Path) -> Iterator[Record]:
    tag = mapping.reading["poster"]
    namespaces = tuple(sorted((mapping.reading.get("navnerom") or {}).items()))
    journal = journal_field(mapping)
    for number, element in enumerate(iter_elements(path, {tag}), start=1):
        post = Element(f"post nr. {number} (<{tag}>)", element, namespaces)
        post.journal = journal_number(journal, post)
        yield post


def _json_records(mapping: Mapping, path: Path) -> Iterator[Record]:
    try:
        data = json.loads(read_text(path, mapping.reading.get("tegnkoding")))
    except json.JSONDecodeError as exc:
        raise InputError(f"Filen er ikke gyldig JSON (linje {exc.lineno}).") from None
    except (ValueError, RecursionError):  # a number of thousands of digits, lists nested deep
        raise InputError("Filen er ikke gyldig JSON.") from None
    found = pointer(data, mapping.reading.get("poster", ""))
    if found is None:
        raise InputError(f"Fant ikke listen med saker som mappingen «{mapping.name}» leter etter.")
    journal = journal_field(mapping)
    for number, item in enumerate(found if isinstance(found, list) else [found], start=1):
        post = Object(f"post nr. {number}", item)
        post.journal = journal_number(journal, post)
        yield post


def journal_field(mapping: Mapping) -> FieldSpec | None:
    """The field the mapping reads the journal number from, if any."""
    return next((f for f in mapping.fields if f.target.text == JOURNAL and f.source), None)


def journal_number(spec: FieldSpec | None, record: Record) -> str | None:
    """The record's journal number as the case gets it, where it looks like one (a name or
    an identity number read from the wrong column does not: journal_folder_name, and
    idnumber.hidden for one written in groups)."""
    if spec is None or spec.source is None:
        return None
    try:
        number = convert(record.get(spec.source), spec.target, spec.values, ())
    except ValueProblem:
        return None
    if not isinstance(number, str) or hidden(number) != number:
        return None  # an identity number however grouped (check --sample prints as is)
    return number if journal_folder_name(number) else None


# -- recognising -----------------------------------------------------------------------
def claims(mapping: Mapping, sample) -> bool:
    if sample.suffix not in {e.lower() for e in mapping.detect["filendelser"]}:
        return False
    check = {"csv": _claims_csv, "xlsx": _claims_xlsx, "xml": _claims_xml, "json": _claims_json}
    try:
        return check[mapping.format](mapping, sample)
    except InputError:
        return False


def _has_columns(mapping: Mapping, cells) -> bool:
    names = set(header_names(cells))
    return all(key(c) in names for c in mapping.detect.get("kolonner", []))


def _claims_csv(mapping: Mapping, sample) -> bool:
    encoding = bom_encoding(sample.head) or mapping.reading.get("tegnkoding")
    text = sample.head.decode(encoding, errors="replace") if encoding else sample.text()
    lines = text.splitlines()[: mapping.reading.get("overskriftsrad", 1)]
    if not lines:
        return False
    cells = next(csv.reader([lines[-1]], delimiter=mapping.reading.get("skilletegn", ";")), [])
    return _has_columns(mapping, cells)


def _claims_xlsx(mapping: Mapping, sample) -> bool:
    if not sample.head.startswith(b"PK"):
        return False
    rows = workbook_rows(sample.path, _sheet_name(mapping))
    try:
        row = mapping.reading.get("overskriftsrad", 1)
        return _has_columns(mapping, next(islice(rows, row - 1, row), ()))
    finally:
        rows.close()


def _claims_xml(mapping: Mapping, sample) -> bool:
    name, attributes = root_info(sample.path)
    wanted = mapping.detect.get("attributter", {})
    return name == mapping.detect["rotelement"] and all(
        attributes.get(k) == v for k, v in wanted.items()
    )


def _claims_json(mapping: Mapping, sample) -> bool:
    text = sample.text()
    if CANONICAL_MARK.search(text):
        return False  # the canonical case format has its own adapter
    return all(re.search(rf'"{re.escape(k)}"\s*:', text) for k in mapping.detect["nokler"])
