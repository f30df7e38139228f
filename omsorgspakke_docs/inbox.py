"""Claim files from the inbox, and put each one in exactly one place when done with it.

A file is claimed by an atomic rename into the inbox's hidden work folder before it is read,
so two workers never take the same file and a crash leaves it where the next start finds it.
It leaves the work folder for the archive only after its outputs are committed, or for the
failed folder with a Norwegian note beside it.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from .commit import ensure_dir, write_text_atomic

WORK_DIR = ".behandles"
_IGNORED = re.compile(r"^(~\$.*|\..*|.*\.tmp|.*\.part|.*\.crdownload|Thumbs\.db|desktop\.ini)$", re.I)


def is_candidate(path: Path) -> bool:
    return path.is_file() and not path.is_symlink() and not _IGNORED.match(path.name)


def pending(inbox: Path) -> list[Path]:
    """Files waiting in the inbox, oldest first; temporary, lock and hidden files are skipped."""
    if not inbox.is_dir():
        return []
    files = [p for p in inbox.iterdir() if is_candidate(p)]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def interrupted(inbox: Path) -> list[Path]:
    """Files a previous run claimed but did not finish: they are processed again."""
    work = inbox / WORK_DIR
    return sorted(p for p in work.iterdir() if p.is_file()) if work.is_dir() else []


def claim(path: Path) -> Path | None:
    """Move the file into the work folder; None when another worker was first."""
    target = _free(ensure_dir(path.parent / WORK_DIR) / path.name)
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    return target


def archive(claimed: Path, archive_dir: Path) -> Path:
    return _move(claimed, ensure_dir(archive_dir))


def fail(claimed: Path, failed_dir: Path, message: str, what_to_do: str) -> Path:
    """Set the file aside with <name>.feil.txt explaining, in Norwegian, what to do."""
    moved = _move(claimed, ensure_dir(failed_dir))
    note = (
        f"Filen «{moved.name}» kunne ikke behandles.\n\n"
        f"Hva er galt:\n{message}\n\n"
        f"Hva du kan gjøre:\n{what_to_do}\n\n"
        f"Tidspunkt: {datetime.now():%d.%m.%Y kl. %H.%M}\n"
        "Filen er ikke slettet: den ligger her ved siden av denne merknaden.\n"
    )
    write_text_atomic(moved.with_name(moved.name + ".feil.txt"), note)
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
        if not candidate.exists() and not Path(str(candidate) + ".feil.txt").exists():
            return candidate
        n += 1
