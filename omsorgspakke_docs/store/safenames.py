"""File and folder names from an allowlist of characters, safe on Windows and on shares.

A case folder is named after the journal number when that is a plain case number, else after
the case's pseudonym: never after a name or an identity number. A marker file in the folder
records which case owns it, so two cases whose numbers read the same on a share (other
municipality, other letter case) never write into one folder.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .commit import ensure_dir, fsync_dir, sha256_file, write_text_atomic
from .written import FOLDER as WRITTEN_FOLDER

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


# -- folders an earlier release named unsafely ------------------------------------------------
@dataclass
class Moved:
    """A case's earlier folder brought into its folder now (into): where each file goes (paths
    from the outbox, old -> new); those of them that go because the case's folder holds the
    same document already (the same bytes, or a later version of ours over ours: dropped, by
    the SHA-256 the old one had when looked at); and how many files stay where they were (a
    file someone changed, or one over a file someone changed)."""

    into: Path
    files: dict[str, str] = field(default_factory=dict)
    dropped: dict[str, str] = field(default_factory=dict)
    left: int = 0


def earlier_folders(outbox: Path, pseudonym: str, folder: Path) -> list[Path]:
    """The case's folders in the outbox, other than folder, that an earlier release named
    after what no rule gives a folder now (an identity number, a name): their marker says
    they are the case's. A folder without our marker, another case's, or a link, never is."""
    return [entry for entry in (outbox / name for name in _refused_names(outbox))
            if entry != folder and _named_unsafely(entry.name, pseudonym)
            and entry.is_dir() and _owner(entry) == pseudonym]  # (_owner: None for a link)


_REFUSED: dict[Path, tuple[int, list[str]]] = {}
"""Per outbox, as its listing was at a modification time: the names journal_folder_name
refuses (earlier_folders is asked for each case; the outbox is listed once while it stays
as it was, and no release of now makes a folder of such a name), but the outbox's record of
what was written (written.py), a folder of ours and never a case's: not looked into for
each case."""


def _refused_names(outbox: Path) -> list[str]:
    try:
        version = outbox.stat().st_mtime_ns
        kept = _REFUSED.get(outbox)
        if kept is None or kept[0] != version:
            with os.scandir(outbox) as entries:
                names = sorted(e.name for e in entries if journal_folder_name(e.name) is None
                               and e.name != WRITTEN_FOLDER)
            kept = _REFUSED[outbox] = (version, names)
    except OSError:  # no outbox yet
        return []
    return kept[1]


def _named_unsafely(name: str, pseudonym: str) -> bool:
    """Whether no rule of now gives a folder this name: not a journal number's (whose digest,
    when safe_name added one, may itself hold eleven digits), nor the pseudonym, nor either
    with the pseudonym after it (_folder_for)."""
    base = name.removesuffix(f"-{pseudonym}")
    if base == pseudonym:
        return False
    undigested = re.sub(r"-[0-9a-f]{8}$", "", base)
    return all(journal_folder_name(n) is None for n in (name, base, undigested))


def plan_move(outbox: Path, old: Path, folder: Path, ours: Callable[[Path], bool]) -> Moved:
    """What bringing the earlier folder old into the case's folder does, file by file, before
    anything is done: a file whose name is free in folder goes there; one whose name there
    holds the same bytes, or (ours: holds what we wrote, as the ledger knows it) a later
    version of ours where the old one is ours too, is dropped, as a document of ours is
    replaced in place; any other stays. So nothing someone wrote or changed is lost."""
    moved = Moved(folder)
    for top, subdirs, names in os.walk(old):
        moved.left += sum(1 for d in subdirs if (Path(top) / d).is_symlink())  # not followed
        for name in names:
            path = Path(top) / name
            if path == old / OWNER_MARKER:
                continue
            target = folder / path.relative_to(old)
            key, new = (p.relative_to(outbox).as_posix() for p in (path, target))
            if not os.path.lexists(target):
                moved.files[key] = new
                continue
            plain = all(p.is_file() and not p.is_symlink() for p in (path, target))
            if plain and (filecmp.cmp(path, target, shallow=False)
                          or (ours(path) and ours(target))):
                moved.files[key] = new
                moved.dropped[key] = sha256_file(path) or ""
            else:
                moved.left += 1
    return moved


def move_folder(outbox: Path, old: Path, moved: Moved) -> None:
    """Carry out plan_move: the whole folder renamed in one step when the case's folder is
    not there yet, else file by file, never over a file (one that appeared meanwhile, or a
    file to drop that changed meanwhile, stays: left); then the earlier folder removed when
    nothing but its marker is left in it. OSError when the file system refuses."""
    folder = moved.into
    if not os.path.lexists(folder):
        os.rename(old, folder)  # atomic; its marker names the case already
        fsync_dir(outbox)
        return
    for key, new in list(moved.files.items()):
        source, target = outbox / key, outbox / new
        if key in moved.dropped:
            if sha256_file(source) == moved.dropped[key]:
                source.unlink()
                continue
        else:
            ensure_dir(target.parent)
            if _move_file(source, target):
                continue
        moved.left += 1
        del moved.files[key]
        moved.dropped.pop(key, None)
    fsync_dir(folder)
    release_case_folder(old)


def _move_file(source: Path, target: Path) -> bool:
    """source renamed to target unless target exists (a hard link fails then, where a
    rename would replace it); False when it stays where it was."""
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        return False
    except OSError:  # no hard links on this file system (a share): a rename, looked first
        if os.path.lexists(target):
            return False
        os.rename(source, target)
        return True
    source.unlink()
    return True
