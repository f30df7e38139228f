"""Guards for input from outside, used by every adapter before it parses anything.

Zip containers (XLSX, DOCX) are checked for entry count, total uncompressed size and
compression ratio before a parser sees them; workbooks are read through defusedxml; text is
size-limited and decoded without mojibake; CSV fields are length-limited. Every error is an
InputError whose message says what is wrong without quoting the file's contents. Text on its
way into a document loses the characters that would corrupt it (printable).
"""

from __future__ import annotations

import codecs
import csv
import importlib.util
import io
import os
import re
import sys
import zipfile
import zlib
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..config import ConfigError
from ..errors import InputError
from .xmlsafe import HEAD_BYTES, refuse_doctype

MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
MAX_TEXT_BYTES = 200 * 1024 * 1024
MAX_FIELD_CHARS = 32_767
"""Excel's own limit for one cell: no real export has a longer field."""
TEXT_ENCODINGS = ("utf-8-sig", "cp1252")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF):
# in a document they would corrupt it, so they are shown as U+FFFD instead.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# UTF-8 read as Windows-1252 and saved again: 'æøå' shows as 'Ã¦Ã¸Ã¥'.
_MOJIBAKE = re.compile("Ã[\u00a5\u00a6\u00b8\u2020\u02dc\u2026\u00a9\u00bc\u00b6\u00a4]")


class InstallationError(ConfigError):
    """The installation lacks a safety the program relies on; nothing is processed."""


def require_safe_parsers() -> None:
    """Refuse to start without lxml >= 6.1 and openpyxl set to read through defusedxml.

    openpyxl itself (a tenth of a second to load) is looked at when it is loaded: here when
    it is already, else by require_safe_workbooks before a workbook is read. Here, what
    openpyxl decides it by: defusedxml installed, OPENPYXL_DEFUSEDXML not turned off."""
    from lxml import etree

    if etree.LXML_VERSION < (6, 1):
        raise InstallationError(
            "lxml må være versjon 6.1 eller nyere; eldre versjoner kan hente eksterne "
            "entiteter. Oppdater installasjonen (pip install -U 'lxml>=6.1')."
        )
    if importlib.util.find_spec("defusedxml") is None or (
            os.environ.get("OPENPYXL_DEFUSEDXML", "True") != "True"):
        raise _no_defusedxml()
    if "openpyxl" in sys.modules:
        require_safe_workbooks()


def require_safe_workbooks() -> None:
    """Before openpyxl reads a workbook: it reads through defusedxml."""
    import openpyxl
    from openpyxl.xml import functions

    if not openpyxl.DEFUSEDXML or not functions.iterparse.__module__.startswith("defusedxml"):
        raise _no_defusedxml()


def _no_defusedxml() -> InstallationError:
    return InstallationError(
        "openpyxl leser ikke regneark gjennom defusedxml. Installer defusedxml, og sjekk at "
        "miljøvariabelen OPENPYXL_DEFUSEDXML ikke er satt til False."
    )


def restrict_to_owner(*folders: Path) -> None:
    """Make folders that only the program reads (state, archive) the owner's only.

    On POSIX: mode 0700 when group or others had any access. On Windows the folders' ACLs
    are IT's to set (docs/security.md); nothing is changed there.
    """
    if os.name != "posix":
        return
    for folder in folders:
        if folder.is_dir() and folder.stat().st_mode & 0o077:
            folder.chmod(0o700)


# --- Zip containers: XLSX and DOCX ------------------------------------------------------------

def check_zip_archive(path: Path) -> None:
    """Refuse a zip bomb, a DOCTYPE in a part, or a broken container before any parser opens it.

    The sizes are the ones the archive declares; Python's zipfile stops reading an entry at
    its declared size, so a lying header gives a read error, not a bomb.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_sizes(entries)
            for entry in entries:
                if entry.filename.endswith((".xml", ".rels")):
                    with archive.open(entry) as part:
                        refuse_doctype(part.read(HEAD_BYTES))
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError, EOFError):
        raise InputError(
            "Filen er ikke et gyldig Excel- eller Word-dokument (skadet zip)."
        ) from None


def _check_sizes(entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ZIP_ENTRIES:
        raise InputError("Dokumentet har unormalt mange deler og blir avvist av sikkerhetshensyn.")
    total = sum(e.file_size for e in entries)
    compressed = sum(e.compress_size for e in entries) or 1
    if total > MAX_ZIP_UNCOMPRESSED or total / compressed > MAX_ZIP_RATIO:
        raise InputError(
            "Dokumentet pakker seg ut til en unormalt stor mengde data og blir avvist av "
            "sikkerhetshensyn."
        )


def workbook_rows(path: Path, sheet: str | None = None) -> Generator[tuple, None, None]:
    """The rows of one sheet (the first when None) as values, never formulas, streamed."""
    from openpyxl import load_workbook

    require_safe_workbooks()
    check_zip_archive(path)
    # openpyxl leaves its file open when it fails to load; a handle of our own is closed.
    with open(path, "rb") as handle, _workbook_errors():
        book = load_workbook(handle, read_only=True, data_only=True)
        try:
            if sheet is not None and sheet not in book.sheetnames:
                raise InputError(f"Regnearket mangler arket «{sheet}».")
            yield from (book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True)
        finally:
            book.close()


@contextmanager
def _workbook_errors() -> Iterator[None]:
    """Any failure inside openpyxl as an InputError; its own message may quote cells."""
    from defusedxml import DefusedXmlException

    try:
        yield
    except InputError:
        raise
    except DefusedXmlException:
        raise InputError(
            "Regnearket inneholder XML-erklæringer (DTD eller entiteter) som aldri brukes i "
            "eksporter, og blir avvist av sikkerhetshensyn."
        ) from None
    except Exception as exc:  # noqa: BLE001 - any parser failure means a bad file
        raise InputError(
            f"Regnearket kunne ikke leses ({type(exc).__name__}). Det kan være skadet, "
            "avkortet eller i et annet format enn .xlsx."
        ) from None


# --- Text and CSV ----------------------------------------------------------------------------

def read_text(path: Path, encoding: str | None = None) -> str:
    """The whole file as text, refusing an oversized file before reading it."""
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise InputError(f"Filen er større enn {MAX_TEXT_BYTES // (1024 * 1024)} MB.")
    return decode_text(path.read_bytes(), encoding)


def bom_encoding(data: bytes) -> str | None:
    """"utf-16" or "utf-32" when the data starts with that byte-order mark."""
    return next((name for mark, name in _BOMS if data.startswith(mark)), None)


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Decode by a UTF-16/32 byte-order mark, else with the configured encoding, else UTF-8,
    else cp1252. The mark names its encoding beyond doubt (Excel's «Unicode text» and
    Windows PowerShell write UTF-16 with it), so it wins over a mapping's `tegnkoding`.

    cp1252 leaves five bytes undefined, so a file that is neither fails here instead of
    turning 'æøå' into mojibake silently; UTF-8 that was already mangled once is repaired.
    """
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"Filen er større enn {MAX_TEXT_BYTES // (1024 * 1024)} MB.")
    bom = bom_encoding(data)
    if bom is None and b"\x00" in data[:8192]:
        raise InputError("Filen ser ut til å være en binærfil, ikke tekst.")
    for candidate in ((bom,) if bom else (encoding,) if encoding else TEXT_ENCODINGS):
        try:
            return _unmangle(data.decode(candidate))
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(
        "Tegnkodingen i filen kunne ikke leses"
        + (f" som {encoding}." if encoding else " (verken UTF-8 eller Windows-1252).")
    )


def _unmangle(text: str) -> str:
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        raise InputError(
            "Filen har ødelagte æ, ø og å (vises som «Ã¦», «Ã¸», «Ã¥»): den er lagret om med "
            "feil tegnkoding underveis.",
            what_to_do="Lag eksporten på nytt direkte fra fagsystemet, uten å åpne og lagre den.",
        ) from None


def csv_rows(text: str, delimiter: str = ";") -> Iterator[list[str]]:
    """Rows of a CSV text; a field longer than a spreadsheet cell is an error, not data."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if any(len(field) > MAX_FIELD_CHARS for field in row):
                raise InputError(
                    f"Linje {reader.line_num} har et felt med over {MAX_FIELD_CHARS} tegn. "
                    "Filen kan være skadet, eller skilletegnet kan være feil."
                )
            yield row
    except csv.Error:
        raise InputError(f"CSV-filen kunne ikke leses (linje {reader.line_num}).") from None


# --- Text that goes into documents -----------------------------------------------------------

def printable(text: str) -> str:
    """The text with every character a document cannot hold shown as U+FFFD."""
    return _UNPRINTABLE.sub("\ufffd", text)


def printable_all(value: Any) -> Any:
    """printable() applied to every string in dicts, lists and tuples, at any depth."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: printable_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [printable_all(v) for v in value]
    if isinstance(value, tuple):
        return tuple(printable_all(v) for v in value)
    return value
