"""Claim files from the inbox, and put each one in exactly one place when done with it.

A file is claimed by an atomic rename into the inbox's hidden work folder before it is read,
so two workers never take the same file and a crash leaves it where the next start finds it.
It leaves the work folder for the archive only after its outputs are committed, or for the
failed folder with a Norwegian note beside it.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import secrets
import shutil
import stat
import time
import unicodedata
from datetime import datetime
from pathlib import Path

from ..domain import idnumber
from ..errors import StillBeingWritten
from ..store.commit import (
    FILE_MODE,
    TEMP_PREFIX,
    ensure_dir,
    fsync_dir,
    sha256_file,
    write_text_atomic,
)
from ..text import Tekst, tekst

log = logging.getLogger("omsorgspakke")

WORK_DIR = ".behandles"
NOTE_SUFFIX = ".feil.txt"
REFERENCE = "Referanse i loggen: "
DEFAULT_NAME_MAX = 255
_IGNORED = re.compile(
    r"^(~\$.*|\..*|.*\.(tmp|temp|part|partial|crdownload|download|lock)|Thumbs\.db|desktop\.ini)$",
    re.I,
)


_UNFINISHED = re.compile(r"^[^.~].*\.(part|partial|crdownload|download|tmp|temp)$", re.I)
STALE_COPY_SECONDS = 60 * 60
"""An unfinished copy untouched this long was most likely abandoned (stalled_copies)."""


def stalled_copies(inbox: Path, now: float | None = None) -> int:
    """Unfinished copies in the inbox («sak.json.part», a download's «.crdownload») that
    nobody has written to for STALE_COPY_SECONDS: a copy that stopped, whose file never
    arrives. They are never taken (is_candidate); staff are told how many (status)."""
    now = time.time() if now is None else now
    try:
        entries = list(inbox.iterdir()) if not inbox.is_symlink() else []
    except OSError:
        return 0
    count = 0
    for path in entries:
        try:
            if _UNFINISHED.match(path.name) and path.is_file() and not path.is_symlink() \
                    and now - path.stat().st_mtime >= STALE_COPY_SECONDS:
                count += 1
        except OSError:
            continue
    return count


def is_candidate(path: Path) -> bool:
    """A plain file of its own (see plain) that is not temporary, a lock file or hidden.

    A file that is gone by the time it is looked at (claimed, renamed) is not a candidate.
    """
    if _IGNORED.match(path.name):
        return False
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    hidden = getattr(info, "st_file_attributes", 0) & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0)
    return plain(info) and not hidden


def plain(info: os.stat_result) -> bool:
    """A regular file with one name: not a link, FIFO or device, and not a hard link, whose
    other name may be anywhere (opening, moving or chmodding it would reach that file)."""
    return stat.S_ISREG(info.st_mode) and info.st_nlink == 1


def refused(inbox: Path) -> list[tuple[Path, str]]:
    """Entries in the inbox (and its work folder) that are never taken, with what they are in
    Norwegian: hard links, symbolic links, FIFOs, devices and sockets. Folders and ignored
    (temporary, hidden) names are not listed."""
    found = []
    for folder in (inbox, inbox / WORK_DIR):
        try:
            entries = sorted(folder.iterdir()) if not folder.is_symlink() else []
        except OSError:
            continue
        for path in entries:
            if _IGNORED.match(path.name):
                continue
            try:
                info = path.lstat()
            except OSError:
                continue
            if (what := _special(info)) is not None:
                found.append((path, what))
    return found


def _special(info: os.stat_result) -> str | None:
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        return "en symbolsk lenke"
    if stat.S_ISREG(mode):
        return "en hard lenke (filen har flere navn)" if info.st_nlink > 1 else None
    if stat.S_ISDIR(mode):
        return None
    return "en FIFO, en enhet eller en socket"


def folders(inbox: Path) -> list[Path]:
    """Folders staff put in the inbox (an unpacked zip, a folder of exports): never read, so
    said, or the files in them would wait unseen. Hidden ones (the work folder) are ours."""
    try:
        entries = sorted(inbox.iterdir()) if not inbox.is_symlink() else []
    except OSError:
        return []
    found = []
    for path in entries:
        try:
            if not _IGNORED.match(path.name) and stat.S_ISDIR(path.lstat().st_mode):
                found.append(path)
        except OSError:
            continue
    return found


def report_refused(inbox: Path, reported: set[Path] | None = None) -> int:
    """Log each refused entry (refused above) and each folder in the inbox, once per entry
    when given the set of those already reported; the number of refused entries found. The
    log names what it is, never the name."""
    for folder in folders(inbox):
        if reported is None or folder not in reported:
            if reported is not None:
                reported.add(folder)
            log.warning("en mappe i innboksen blir ikke lest; legg filene som skal behandles, "
                        "rett i innboksen", extra={"event": "inbox_folder"})
    found = refused(inbox)
    for path, what in found:
        if reported is not None:
            if path in reported:
                continue
            reported.add(path)
        log.warning("en oppføring i innboksen er %s og blir ikke tatt inn; fjern den, og legg "
                    "inn en vanlig kopi av filen hvis den skal behandles", what,
                    extra={"event": "inbox_refused"})
    if reported is not None:
        reported &= {path for path, _ in found} | set(folders(inbox))
    return len(found)


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
    return sorted(p for p in work.iterdir() if not p.name.startswith(".") and _plain_file(p))


def _plain_file(path: Path) -> bool:
    try:
        return plain(path.lstat())
    except FileNotFoundError:
        return False


def claim(path: Path) -> Path | None:
    """Move the file into the work folder; None when another worker was first, or when what
    was claimed turns out not to be a plain file (linked after it was listed): it is put
    back, where it is reported and left alone."""
    target = _free(ensure_dir(path.parent / WORK_DIR), path.name)
    try:
        os.rename(path, target)
    except FileNotFoundError:
        return None
    if not _plain_file(target):
        os.rename(target, _free(path.parent, path.name))  # the entry only, never its target
        return None
    return target


def release(claimed: Path) -> Path:
    """Put a claimed file back in the inbox, untouched, for a later run."""
    return _move(claimed, claimed.parent.parent)


def archive(claimed: Path, archive_dir: Path) -> Path:
    """Keep a processed input, readable by the owner only, like everything else we write."""
    archived = _move(claimed, ensure_dir(archive_dir))
    _restrict(archived)
    return archived


def fail(claimed: Path, failed_dir: Path, message: str, what_to_do: str,
         t: Tekst | None = None) -> Path:
    """Set the file aside with <name>.feil.txt explaining, in Norwegian, what to do.

    Inputs and notes share the folder but never a name: the file goes to the first name
    where neither it nor its note is taken by something else, so no note ever replaces an
    input, nor an input a note. The note is written first and names the file's reference
    (the one the log uses): a crash before the move leaves the file claimed, and the next
    run fails it again to the same name, over its own note.
    """
    t = t or tekst()
    # A template's error, quoted in the reason, is said whole too ([malfeil]).
    message, what_to_do = t.note(message, nested="malfeil"), t.note(what_to_do)
    # A plugin's message, or the file's own name, may quote an identity number: not in the
    # note, which is read, copied and pasted into tickets (the log hides them as well).
    message, what_to_do = idnumber.hidden(message), idnumber.hidden(what_to_do)
    ref = (sha256_file(claimed) or "")[:10]
    now = datetime.now()

    def note(name: str) -> str:
        shortened = "" if name == claimed.name else t("feil.nytt_navn") + "\n"
        return (
            f"{t('feil.tittel', fil=idnumber.hidden(_printable(name)))}\n\n"
            f"{t('feil.hva')}\n{message}\n\n"
            f"{t('feil.gjore')}\n{what_to_do}\n\n"
            f"{t('feil.tidspunkt', tid=f'{t.dato(now.date())} kl. {now:%H.%M}')}\n"
            f"{REFERENCE}{ref}\n"  # the same words in both standards: notes are found by it
            f"{shortened}"
            f"{t('feil.ikke_slettet')}\n"
        )

    moved = _free(ensure_dir(failed_dir), claimed.name, note_ref=ref)
    write_text_atomic(note_for(moved), note(moved.name))
    try:
        placed = _replace(claimed, moved, writer_may_pause=True)
    except BaseException:
        if not moved.exists():  # not moved (a full disk, a file still being written): no
            note_for(moved).unlink(missing_ok=True)  # note says it is beside it
        raise
    if placed != moved:  # the same bytes were set aside before (found by _already_there)
        note_for(moved).unlink(missing_ok=True)
        write_text_atomic(note_for(placed), note(placed.name))
    _restrict(placed)
    return placed


def _printable(name: str) -> str:
    """A file name as a note may show it: a control character (a line break, an escape
    that clears a terminal when the note is printed) as «?»."""
    return "".join("?" if unicodedata.category(c)[0] == "C" else c for c in name)


def note_for(path: Path) -> Path:
    """The note beside a failed file."""
    return path.with_name(path.name + NOTE_SUFFIX)


_OUR_NOTE = re.compile(re.escape(REFERENCE).encode() + rb"[0-9a-f]{0,10}\r?$", re.M)
_NOTE_MAX = 64 * 1024


def is_our_note(path: Path) -> bool:
    """Whether the file is a note fail() wrote (its reference line), not an input that only
    has a note's name (an export someone called «rapport.feil.txt», set aside itself)."""
    try:
        if not path.name.endswith(NOTE_SUFFIX) or path.is_symlink() or not path.is_file() \
                or path.stat().st_size > _NOTE_MAX:
            return False
        return _OUR_NOTE.search(path.read_bytes()) is not None
    except OSError:
        return False


def _restrict(path: Path) -> None:
    """Owner-only, for a plain file only: never through a link to a file elsewhere."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        if plain(os.fstat(fd)):
            if hasattr(os, "fchmod"):
                os.fchmod(fd, FILE_MODE)
            else:  # Windows: no links to follow here
                os.chmod(path, FILE_MODE)
    finally:
        os.close(fd)


def _move(path: Path, folder: Path) -> Path:
    return _replace(path, _free(folder, path.name))


STILL_WRITING_SECONDS = 30.0
"""A file that could not be read and was written to this recently is not set aside on
another file system: its writer may only have paused (a copy over a share that stalled, so
the file was cut short), and removing the original after copying it would lose what the
writer writes next. It waits, claimed, and is read again on a later try
(errors.StillBeingWritten). On one file system a rename takes the file writer and all. A
modification time in the future (a clock that is wrong) tells nothing and holds nothing."""


def _replace(source: Path, target: Path, writer_may_pause: bool = False) -> Path:
    """An atomic rename; across file systems (EXDEV: the archive on a local disk and the
    inbox on a share, or the reverse) a copy that is synced and verified before the source
    is removed (writer_may_pause, a file set aside: once nothing has been written to it for
    STILL_WRITING_SECONDS). A crash in between leaves a temporary copy (removed at the next
    start) or the same bytes in both places; the next start finds the second case and only
    removes the source (_already_there). Returns where the file is: target, or the copy
    found there before."""
    try:
        os.replace(source, target)
        return target
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    if writer_may_pause and 0 <= time.time() - source.stat().st_mtime < STILL_WRITING_SECONDS:
        raise StillBeingWritten()
    digest = sha256_file(source)
    placed = _already_there(target, digest)
    if placed is None:
        placed = target
        copy = target.with_name(f"{TEMP_PREFIX}{secrets.token_hex(6)}")
        try:
            with open(source, "rb") as reading, open(copy, "xb") as writing:
                shutil.copyfileobj(reading, writing, 1 << 20)
                writing.flush()
                os.fsync(writing.fileno())
            if sha256_file(copy) != digest:
                raise OSError(errno.EIO, "the copy differs from the original")
            os.replace(copy, target)
        except BaseException:
            copy.unlink(missing_ok=True)
            raise
        fsync_dir(target.parent)
    os.unlink(source)
    fsync_dir(source.parent)
    return placed


def _already_there(target: Path, digest: str | None) -> Path | None:
    """A copy of these bytes under the target's name or an earlier '(n)' of it: what a crash
    after a copy across file systems, before removing the source, leaves."""
    if digest is None or not target.parent.is_dir():
        return None
    stem, ext = _split(target.name)
    stem = re.sub(r" \(\d+\)$", "", stem)  # the name it was given first, not «x (2)»
    for sibling in target.parent.iterdir():
        if sibling.name.startswith(stem[:40]) and sibling.name.endswith(ext) \
                and sibling.is_file() and sha256_file(sibling) == digest:
            return sibling
    return None


def _free(folder: Path, name: str, note_ref: str | None = None) -> Path:
    """The name, or the first free 'name (2).ext' beside it, shortened to fit the file system.

    With note_ref (the failed folder), the note's name must be free too, or hold the note
    for this very file (left by a crash between the note and the move).
    """
    limit = _name_max(folder) - (len(NOTE_SUFFIX) if note_ref is not None else 0)
    n = 1
    while True:
        candidate = folder / _fitted(name, n, limit)
        if not _taken(candidate):
            note = note_for(candidate)
            if note_ref is None or not _taken(note) or _is_note_of(note, note_ref):
                return candidate
        n += 1


def _fitted(name: str, n: int, limit: int) -> str:
    """'stem (n).ext' (just the name for n = 1) in at most limit bytes: the stem is shortened,
    the extension kept, so the file still opens with the right program."""
    stem, ext = _split(name)
    tail = ext if n == 1 else f" ({n}){ext}"
    room = limit - len(os.fsencode(tail))
    encoded = os.fsencode(stem)
    if len(encoded) <= room:
        return stem + tail
    cut = encoded[:max(room, 1)].decode("utf-8", errors="ignore").rstrip(" .")
    return (cut or "fil") + tail


def _split(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > 10:
        return name, ""
    return stem, "." + ext


def _taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _is_note_of(note: Path, ref: str) -> bool:
    try:
        return f"{REFERENCE}{ref}\n" in note.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _name_max(folder: Path) -> int:
    """The longest file name the folder's file system takes, in bytes."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # Windows; or the folder not there yet
        return DEFAULT_NAME_MAX
