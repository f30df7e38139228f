"""File and folder names from an allowlist of characters, safe on Windows and on shares.

A case folder is named after the journal number when that is a plain case number, else after
the case's pseudonym: never after a name or an identity number. A marker file in the folder
records which case owns it, so two cases whose numbers read the same on a share (other
municipality, other letter case) never write into one folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from .commit import ensure_dir, write_text_atomic

_ALLOWED = re.compile(r"[^A-Za-z0-9ÆØÅæøå._ -]+")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in (*range(10), "¹", "²", "³")
}
MAX_LENGTH = 80
OWNER_MARKER = ".omsorgspakke-sak"
# A journal number as the systems write them: 2026-0412, 22/1234, BV-2023-00017.
_JOURNAL_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}")
_IDENTITY_NUMBER = re.compile(r"\d{11}")


def safe_name(text: str, *, fallback: str = "uten-navn") -> str:
    """A name that keeps its meaning for people, but can never leave its folder.

    Anything outside the allowlist becomes '_'; when that changed the text, a short hash of
    the original keeps two different inputs from landing on the same name.
    """
    original = unicodedata.normalize("NFC", text)
    name = _ALLOWED.sub("_", original).strip(" .")
    name = re.sub(r"\.{2,}", "_", name)
    changed = name != original
    if not name:
        name, changed = fallback, True
    if name.split(".")[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        name, changed = f"_{name}", True
    if len(name) > MAX_LENGTH:
        name, changed = name[:MAX_LENGTH].rstrip(" ."), True
    if changed:
        digest = hashlib.sha256(original.encode("utf-8")).hexdigest()[:8]
        name = f"{name}-{digest}"
    return name


def journal_folder_name(journalnummer: str | None) -> str | None:
    """The folder name for a journal number, or None when it does not look like one.

    An identity number or a name in the journal number field would otherwise become a
    folder name; such a case gets its pseudonym instead.
    """
    if not journalnummer:
        return None
    number = unicodedata.normalize("NFC", journalnummer).strip()
    plain = _JOURNAL_NUMBER.fullmatch(number) and any(c.isdigit() for c in number)
    # Eleven digits however a journal system's separators group them (150695-12345,
    # 150695_12345, 15.06.95/12345): an identity number, never a folder name (helper 129).
    if not plain or _IDENTITY_NUMBER.search(re.sub(r"[./_-]", "", number)):
        return None
    return safe_name(number)


def claim_case_folder(outbox: Path, journalnummer: str | None, pseudonym: str) -> Path:
    """The case's folder in the outbox, created and marked as the case's own."""
    folder, claimed = _folder_for(outbox, journalnummer, pseudonym)
    if not claimed:
        ensure_dir(folder)
        marker = folder / OWNER_MARKER
        if not marker.exists():
            write_text_atomic(marker, pseudonym + "\n")
    return folder


def case_folder_path(outbox: Path, journalnummer: str | None, pseudonym: str) -> Path:
    """The folder claim_case_folder gives the case, without creating it (the list of letters
    to send names folders; it must not make one for a case with no documents)."""
    return _folder_for(outbox, journalnummer, pseudonym)[0]


def _folder_for(outbox: Path, journalnummer: str | None, pseudonym: str) -> tuple[Path, bool]:
    """The case's folder, and whether it is claimed for the case already."""
    name = journal_folder_name(journalnummer) or pseudonym
    folder = outbox / name
    if _owner(folder) == pseudonym:  # claimed in an earlier run: no need to look at the rest
        return folder, True
    if not _free_for(outbox, name, pseudonym):
        folder = outbox / f"{name}-{pseudonym}"
    return folder, False


def release_case_folder(folder: Path) -> None:
    """Remove a case's folder that holds nothing but its owner marker (and empty folders):
    claimed for documents that were then not made (a case refused by strict_missing, a
    template error), it would show staff a case with nothing in it. A folder with any
    other file in it, someone's or ours, is left as it is."""
    if not folder.is_dir():
        return
    dirs: list[Path] = []
    for top, subdirs, names in os.walk(folder):
        if [n for n in names if not (top == str(folder) and n == OWNER_MARKER)]:
            return
        dirs.extend(Path(top) / d for d in subdirs)
    try:
        for path in sorted(dirs, key=lambda d: len(d.parts), reverse=True):
            path.rmdir()
        (folder / OWNER_MARKER).unlink(missing_ok=True)
        folder.rmdir()
    except OSError:  # something appeared meanwhile, or it is not ours to remove: leave it
        return


def _free_for(outbox: Path, name: str, pseudonym: str) -> bool:
    """True when no folder of this name, in any letter case, belongs to another case."""
    if not outbox.is_dir():
        return True
    wanted = name.casefold()
    for entry in outbox.iterdir():
        if entry.name.casefold() != wanted:
            continue
        if entry.is_symlink() or not entry.is_dir():
            return False  # a link (documents would go wherever it points) or a file
        owner = _owner(entry) or pseudonym
        if owner != pseudonym or entry.name != name:
            return False
    return True


def _owner(folder: Path) -> str | None:
    """The pseudonym of the case a folder belongs to; None when it has no marker, or is a
    link (its marker would be wherever it points)."""
    if folder.is_symlink():
        return None
    marker = folder / OWNER_MARKER
    return marker.read_text(encoding="utf-8").strip() if marker.is_file() else None
