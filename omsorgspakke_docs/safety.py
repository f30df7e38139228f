"""Guards for input from outside, used by every adapter before it parses anything.

Zip containers (XLSX, DOCX) are checked for entry count, total uncompressed size and
compression ratio before a parser sees them; text is size-limited and decoded without mojibake.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import InputError

MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
MAX_TEXT_BYTES = 200 * 1024 * 1024
TEXT_ENCODINGS = ("utf-8-sig", "cp1252")


def check_zip_archive(path: Path) -> None:
    """Refuse a zip bomb or a broken container before any parser opens it."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise InputError("Filen er ikke et gyldig Excel- eller Word-dokument (skadet zip).") from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise InputError("Dokumentet har unormalt mange deler og blir avvist av sikkerhetshensyn.")
    total = sum(e.file_size for e in entries)
    compressed = sum(e.compress_size for e in entries) or 1
    if total > MAX_ZIP_UNCOMPRESSED or total / compressed > MAX_ZIP_RATIO:
        raise InputError(
            "Dokumentet pakker seg ut til en unormalt stor mengde data og blir avvist av "
            "sikkerhetshensyn."
        )


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Decode with the configured encoding, else UTF-8 (with or without BOM), else Windows-1252.

    cp1252 leaves five bytes undefined, so a file that is neither fails here instead of
    turning 'æøå' into mojibake silently.
    """
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"Filen er større enn {MAX_TEXT_BYTES // (1024 * 1024)} MB.")
    if b"\x00" in data[:8192]:
        raise InputError("Filen ser ut til å være en binærfil, ikke tekst.")
    for candidate in ((encoding,) if encoding else TEXT_ENCODINGS):
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(
        "Tegnkodingen i filen kunne ikke leses"
        + (f" som {encoding}." if encoding else " (verken UTF-8 eller Windows-1252).")
    )
