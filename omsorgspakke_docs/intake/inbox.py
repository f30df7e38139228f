"""Claim files from the inbox, and put each one in exactly one place when done with it.

A file is claimed by an atomic rename into the inbox's hidden work folder before it is read,
so two workers never take the same file and a crash leaves it where the next start finds it.
It leaves the work folder for the archive only after its outputs are committed, or for the
failed folder with a Norwegian note beside it.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import datetime
from pathlib import Path

from ..store.commit import FILE_MODE, ensure_dir, write_text_atomic
from ..text import Tekst, tekst

WORK_DIR = ".behandles"
_IGNORED = re.compile(
    r"^(~\$.*|\..*|.*\.(tmp|temp|part|partial|crdownload|download|lock)|Thumbs\.db|desktop\.ini)$",
    re.I,
)


def is_candidate(path: Path) -> bool:
    """A regular file (not a link) that is not temporary, a lock file or hidden.

    A file that is gone by the time it is looked at (claimed, renamed) is not a candidate.
    """
    if _IGNORED.match(path.name):
        return False
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    hidden = getattr(info, "st_file_attributes", 0) & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0)
    return stat.S_ISREG(info.st_mode) and not hidden


def pending(inbox: Path) -> list[Path]:
    """Files waiting in the inbox, oldest first; temporary, lock and hidden files are skipped.

    A file that disappears while the folder is listed (renamed by its writer) is left out.
    """
    if not inbox.is_dir():
        return []
    found = []
    for path in inbox.iterdir():
        try:
            if is_candidate(path):
                found.append((path.stat().st_mtime, path.name, path))
        except FileNotFoundError:
            continue
    return [path for _, _, path in sorted(found)]


def interrupted(inbox: Path) -> list[Path]:
    """Files a previous run claimed but did not finish: they are processed again."""
    work = inbox / WORK_DIR
    if not work.is_dir() or work.is_symlink():
        return []
    return sorted(p for p in work.iterdir() if _regular(p))


def _regular(path: Path) -> bool:
    """A regular file itself, not a link to one (a link could point anywhere)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except FileNotFoundError:
        return False


def claim(path: Path) -> Path | None:
    """Move the file into the work folder; None when another worker was first."""
    target = _free(ensure_dir(path.parent / WORK_DIR) / path.name)
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    return target


def release(claimed: Path) -> Path:
    """Put a claimed file back in the inbox, untouched, for a later run."""
    return _move(claimed, claimed.parent.parent)


def archive(claimed: Path, archive_dir: Path) -> Path:
    """Keep a processed input, readable by the owner only, like everything else we write."""
    archived = _move(claimed, ensure_dir(archive_dir))
    os.chmod(archived, FILE_MODE)
    return archived


def fail(claimed: Path, failed_dir: Path, message: str, what_to_do: str,
         t: Tekst | None = None) -> Path:
    """Set the file aside with <name>.feil.txt explaining, in Norwegian, what to do.

    The note is written first: a crash before the move leaves the file claimed, and the next
    run fails it again to the same name, over the same note.
    """
    t = t or tekst()
    message, what_to_do = t.note(message), t.note(what_to_do)
    moved = _free(ensure_dir(failed_dir) / claimed.name)
    note = (
        f"{t('feil.tittel', fil=moved.name)}\n\n"
        f"{t('feil.hva')}\n{message}\n\n"
        f"{t('feil.gjore')}\n{what_to_do}\n\n"
        f"{t('feil.tidspunkt', tid=f'{datetime.now():%d.%m.%Y kl. %H.%M}')}\n"
        f"{t('feil.ikke_slettet')}\n"
    )
    write_text_atomic(moved.with_name(moved.name + ".feil.txt"), note)
    os.replace(claimed, moved)
    os.chmod(moved, FILE_MODE)
    return moved


def _move(path: Path, folder: Path) -> Path:
    target = _free(folder / path.name)
    os.replace(path, target)
    return target


def _free(target: Path) -> Path:
    """The target name, or the first free 'name (2).ext' beside it."""
    if not target.exists():
        return target
    n = 2
    while True:
        candidate = target.with_name(f"{target.stem} ({n}){target.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
