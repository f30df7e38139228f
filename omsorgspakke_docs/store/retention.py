"""Delete inputs that have been kept long enough: the archive always, the failed folder if set.

An archived export is personal data that has served its purpose once its documents are made;
it is kept `[retention] archive_days` for re-runs and questions, then deleted at the start of
the next run. A file's age counts from the later of its modification and status-change times:
moving a file into the archive updates the status-change time on POSIX, and on Windows the
creation time (reported in its place) is when the file arrived. A failed file is deleted
together with its .feil.txt note, and only when `failed_days` is set; a note whose file
staff took away (mended and moved back to the inbox, or deleted) goes at the next run.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from ..intake.inbox import NOTE_SUFFIX, is_our_note
from ..wording import count

log = logging.getLogger("omsorgspakke")

DAY = 24 * 60 * 60


def purge(folder: Path, days: int, *, now: float | None = None, notes: bool = False) -> int:
    """Delete the files directly in folder older than days; 0 days keeps everything."""
    if days <= 0 or not folder.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - days * DAY
    deleted = 0
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.is_symlink() or _note_with_input(path):
            continue
        if _age_reference(path) >= cutoff:
            continue
        path.unlink(missing_ok=True)
        if notes:
            path.with_name(path.name + NOTE_SUFFIX).unlink(missing_ok=True)
        deleted += 1
    return deleted


def _note_with_input(path: Path) -> bool:
    """A .feil.txt note goes with its input; one whose input is gone ages on its own."""
    name = path.name
    return name.endswith(NOTE_SUFFIX) and path.with_name(name[: -len(NOTE_SUFFIX)]).exists()


def _age_reference(path: Path) -> float:
    info = path.stat()
    return max(info.st_mtime, info.st_ctime)


def remove_lone_notes(folder: Path) -> int:
    """Delete the .feil.txt notes whose input is no longer beside them: staff moved the file
    back to the inbox once they had mended it, or deleted it. Such a note says the file is
    here, and why it was set aside, which is no longer so; a file set aside again gets a
    note of its own. The count deleted."""
    if not folder.is_dir():
        return 0
    deleted = 0
    for path in sorted(folder.iterdir()):
        if is_our_note(path) and not path.with_name(path.name[: -len(NOTE_SUFFIX)]).exists() \
                and not path.with_name(path.name + NOTE_SUFFIX).exists():
            path.unlink(missing_ok=True)  # (an input with a note's name has a note itself)
            deleted += 1
    return deleted


def apply(settings) -> int:
    """The configured retention for the archive and the failed folder; the count deleted.
    Notes left alone in the failed folder go at once (remove_lone_notes)."""
    paths, keep = settings.paths, settings.retention
    if lone := remove_lone_notes(paths.failed):
        log.info("satt til side: %s uten filen sin er slettet", count(lone, "merknad", "merknader"))
    deleted = purge(paths.archive, keep.archive_days)
    deleted += purge(paths.failed, keep.failed_days, notes=True)
    if deleted:
        log.info("sletting: %s eldre enn lagringstiden er slettet",
                 count(deleted, "innfil", "innfiler"))
    return deleted
