"""Why a file does not fit a mapping: encoding, separator, columns, root element, keys.

Used when no adapter recognises a file (the note names what did not match) and by
`omsorgspakke check --sample`. Everything said here comes from the mapping and the file's
layout (column names, the root element, the encoding), never from a value in a row.
"""

from __future__ import annotations

import csv
from difflib import get_close_matches
from itertools import islice
from pathlib import Path

from ...errors import InputError
from ...intake.guards import (
    bom_encoding,
    check_zip_archive,
    decode_text,
    require_safe_workbooks,
    workbook_rows,
)
from ...intake.xmlsafe import root_info
from .spec import Mapping
from .values import key

SINGLE_BYTE = {"cp1252", "windows-1252", "iso-8859-1"}
SEPARATORS = (";", ",", "\t", "|")
SEPARATOR_NAMES = {"\t": "tabulator"}


def why_not(mapping: Mapping, path: Path, head: bytes) -> list[str]:
    """What in the file does not match the mapping's recognition; [] when it all does."""
    if path.suffix.lower() not in {e.lower() for e in mapping.detect["filendelser"]}:
        return [f"filendelsen «{path.suffix}» er ikke blant "
                + ", ".join(mapping.detect["filendelser"])]
    try:
        if mapping.format == "csv":
            return encoding_notes(mapping, head) + csv_header_notes(mapping, head, recognise=True)
        if mapping.format == "xlsx":
            return xlsx_header_notes(mapping, path, mapping.detect.get("kolonner", []))
        if mapping.format == "xml":
            return _xml_notes(mapping, path)
        return _json_notes(mapping, head)
    except InputError as exc:
        return [str(exc).rstrip(".")]


def resembles(mapping: Mapping, head: bytes) -> bool:
    """Whether the file names anything the mapping recognises its export by (a column, the
    root element, a key), in any encoding or case: only then is what did not match worth
    saying. A note saved as .txt, or another vendor's file, gets no advice meant for this
    export («skilletegnet ser ut til å være «,»»). Not for Excel (zipped: not looked in)
    or XML, whose root element is what is compared, and said plainly («rotelementet er
    <x>, mappingen venter <AcosRapport>»)."""
    if mapping.format in ("xlsx", "xml"):
        return True
    detect = mapping.detect
    names = [*detect.get("kolonner", []), *detect.get("nokler", [])]
    if not names:
        return True
    bom = bom_encoding(head)  # Excel's «Unicode-tekst» is UTF-16
    text = " ".join(head.decode(encoding, errors="replace").casefold()
                    for encoding in ((bom,) if bom else ("utf-8", "cp1252")))
    text = " ".join(text.split())  # spaces as the header's own, however many
    return any(" ".join(name.casefold().split()) in text for name in names)


def encoding_notes(mapping: Mapping, head: bytes) -> list[str]:
    """The file's encoding against the mapping's `tegnkoding`."""
    declared = (mapping.reading.get("tegnkoding") or "").lower()
    if bom_encoding(head):
        return []  # the file says its own encoding, and is read in it
    utf8 = _is_utf8(head)
    if declared.startswith("utf-8") and not utf8:
        return ["filen er ikke UTF-8 slik mappingen sier (tegnkoding = \"" + declared + "\"); "
                "den ser ut til å være Windows-1252: sett tegnkoding = \"cp1252\""]
    if declared in SINGLE_BYTE and utf8 and not head.isascii():
        return [f"filen er UTF-8, mens mappingen sier tegnkoding = \"{declared}\"; "
                "sett tegnkoding = \"utf-8\" (ellers kan æ, ø og å bli feil)"]
    return []


def _is_utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # a character cut off at the end of the sample
    return True


def csv_header(mapping: Mapping, head: bytes) -> list[str]:
    rows = _csv_rows(mapping, head)[: mapping.reading.get("overskriftsrad", 1)]
    return rows[-1] if rows else []


def _csv_rows(mapping: Mapping, head: bytes) -> list[list[str]]:
    """The first lines of the file, split at the mapping's separator."""
    encoding = mapping.reading.get("tegnkoding")
    try:
        text = decode_text(head, encoding)
    except InputError:
        text = decode_text(head)
    lines = text.splitlines()[:HEADER_SEARCH]
    return [next(csv.reader([line], delimiter=mapping.reading.get("skilletegn", ";")), [])
            for line in lines]


HEADER_SEARCH = 20
"""How many of a file's first rows are looked through for the column names."""


def header_row_notes(mapping: Mapping, rows, wanted) -> list[str]:
    """When the columns the mapping recognises the file by (or, without those, the ones
    asked for) all stand on another of the first rows than `overskriftsrad`: that row, so
    IT sets the number instead of hunting for misspelt columns (a title line added or
    dropped in the report module)."""
    wanted = mapping.detect.get("kolonner") or wanted
    configured = mapping.reading.get("overskriftsrad", 1)
    if not wanted:
        return []
    for number, cells in enumerate(islice(rows, HEADER_SEARCH), start=1):
        if number != configured and cells and not missing_columns(wanted, cells):
            return [f"kolonnenavnene står i rad {number}, mens mappingen sier overskriftsrad = "
                    f"{configured}; sett overskriftsrad = {number} under [lesing] hvis alle "
                    "filene er slik"]
    return []


def csv_header_notes(mapping: Mapping, head: bytes, *, recognise: bool) -> list[str]:
    """The separator and the columns: those recognition needs, or (recognise=False) all the
    mapping reads."""
    cells = csv_header(mapping, head)
    delimiter = mapping.reading.get("skilletegn", ";")
    notes = []
    if len(cells) == 1:
        seen = next((s for s in SEPARATORS if s != delimiter and s in cells[0]), None)
        if seen:
            written = seen.encode("unicode_escape").decode("ascii")  # a tab as "\t"
            notes.append(f"skilletegnet ser ut til å være «{SEPARATOR_NAMES.get(seen, seen)}», "
                         f"mens mappingen sier skilletegn = \"{delimiter}\"; sett skilletegn = "
                         f"\"{written}\" under [lesing] hvis alle filene er slik")
    wanted = mapping.detect.get("kolonner", []) if recognise else sorted(mapping.sources())
    missing = missing_columns(wanted, cells)
    moved = header_row_notes(mapping, _csv_rows(mapping, head), wanted) if missing else []
    return notes + (moved or missing_text(missing))


def xlsx_header(mapping: Mapping, path: Path) -> list:
    rows = workbook_rows(path, mapping.reading.get("ark") or mapping.detect.get("ark"))
    try:
        row = mapping.reading.get("overskriftsrad", 1)
        return list(next(islice(rows, row - 1, row), ()))
    finally:
        rows.close()  # type: ignore[attr-defined]  # a generator: closes the workbook


def xlsx_header_notes(mapping: Mapping, path: Path, wanted) -> list[str]:
    """The sheet the workbook lacks, the columns the sheet's header row lacks, or the row
    they stand on instead."""
    lacking = _sheet_notes(mapping, path)
    if lacking:
        return lacking
    missing = missing_columns(wanted, xlsx_header(mapping, path))
    if not missing:
        return []
    rows = workbook_rows(path, mapping.reading.get("ark") or mapping.detect.get("ark"))
    try:
        moved = header_row_notes(mapping, rows, wanted)
    finally:
        rows.close()  # type: ignore[attr-defined]  # a generator: closes the workbook
    return moved or missing_text(missing)


def _sheet_notes(mapping: Mapping, path: Path) -> list[str]:
    """A sheet the mapping reads that the workbook does not have («Ark1» after a save in
    another program, a sheet renamed in the report module), with what to set. The sheets
    the workbook has are not named: a workbook that is no report may name a sheet after a
    person, and the note goes to the log."""
    sheet = mapping.reading.get("ark") or mapping.detect.get("ark")
    if not sheet:
        return []
    from openpyxl import load_workbook

    require_safe_workbooks()
    check_zip_archive(path)
    try:
        with open(path, "rb") as handle:
            book = load_workbook(handle, read_only=True)
            names = list(book.sheetnames)
            book.close()
    except Exception:  # noqa: BLE001 - workbook_rows says what is wrong with the file
        return []
    if sheet in names:
        return []
    return [f"arbeidsboken har ikke arket «{sheet}» ({len(names)} ark med andre navn); sett "
            "ark under [gjenkjenning] og [lesing] til navnet på arket med rapporten"]


def missing_columns(wanted, cells) -> list[str]:
    """«Column» for each wanted column the header lacks, with "mente du «X»?" where one is
    close. Column names are the report's layout, not personal data."""
    return [said for _, said in lacking_columns(wanted, cells)]


def lacking_columns(wanted, cells) -> list[tuple[str, str]]:
    """Each wanted column the header lacks: its name, and as missing_columns says it."""
    by_key = {key(str(c).lstrip("\ufeff")): str(c).strip() for c in cells if c is not None}
    found = []
    for name in wanted:
        if key(name) in by_key:
            continue
        close = get_close_matches(key(name), list(by_key), n=1, cutoff=0.75)
        found.append((name, f"«{name}»" + (f" (mente du «{by_key[close[0]]}»?)" if close
                                            else "")))
    return found


def missing_text(missing: list[str]) -> list[str]:
    if not missing:
        return []
    return [("kolonnen " if len(missing) == 1 else "kolonnene ") + ", ".join(missing)
            + " finnes ikke i overskriftsraden"]


def _xml_notes(mapping: Mapping, path: Path) -> list[str]:
    name, attributes = root_info(path)
    wanted = mapping.detect["rotelement"]
    if name != wanted:
        return [f"rotelementet er <{name}>, mappingen venter <{wanted}>"]
    return [f"rotelementet mangler attributtet {k}=\"{v}\""
            for k, v in mapping.detect.get("attributter", {}).items() if attributes.get(k) != v]


def _json_notes(mapping: Mapping, head: bytes) -> list[str]:
    text = decode_text(head)
    missing = [k for k in mapping.detect["nokler"] if f'"{k}"' not in text]
    return [f"nøkkelen «{k}» finnes ikke i filen" for k in missing]
