"""Write outputs atomically: a temporary file in the same folder, flushed, then renamed.

Documents go through DocumentWriter, which asks the ledger whether the file on disk is
still the one we wrote: an unchanged document is not written again, and one a caseworker
changed is never overwritten; the new version is written beside it instead.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_PREFIX = ".tmp-"
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def ensure_dir(path: Path) -> Path:
    """The folder, created with every missing parent as the owner's only (0700 on POSIX).

    mkdir's mode is filtered by the umask and ignored for parents, so it is set afterwards.
    """
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if os.name == "posix":
        for created in missing:
            created.chmod(DIR_MODE)
    return path


def write_atomic(path: Path, data: bytes, sync_dir: bool = True, durable: bool = True) -> None:
    """sync_dir=False leaves syncing the folder to the caller (once for many files).

    durable=False: atomic (the old bytes or the new, never a mix) but not flushed to disk,
    for what can be worked out again when lost, such as a cache; fsync takes milliseconds.
    """
    ensure_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if sync_dir and durable:
        fsync_dir(path.parent)


class NotAFile(OSError):
    """What is where the program keeps a file is no regular file (read_state_file)."""


def read_state_file(path: Path) -> bytes:
    """The bytes of a file the program keeps (in the state folder): FileNotFoundError when
    there is none, NotAFile when what is there is not a regular file (another OSError when
    it cannot be read).

    write_atomic puts a new regular file in place each time, so a named pipe, a device, a
    folder or a symbolic link there is nothing we wrote: the link is never followed (one
    out of the state folder, to a pipe or /dev/zero, say), and the file is opened without
    waiting and looked at before it is read, so a pipe cannot hang a run nor a device fill
    its memory. The owner alone writes in the state folder, so nothing changes between the
    look and the read that matters. Every state file is read through this."""
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | _NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if _NOFOLLOW and exc.errno in (errno.ELOOP, errno.EMLINK):  # a link (BSD: EMLINK)
            raise NotAFile(errno.ELOOP, "a link", str(path)) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # before fdopen, which refuses a folder
        os.close(fd)
        raise NotAFile(errno.EINVAL, "not a regular file", str(path))
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def fsync_dir(path: Path) -> None:
    """Make a rename or new file in the folder durable (POSIX)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- documents ---------------------------------------------------------------------------
NEW_VERSION = "ny versjon"
BATCH = 32
"""Documents written per ledger transaction (after the first, which may go alone and fast:
DocumentWriter's first_alone)."""


@dataclass
class Placed:
    """Where one document goes, and whether it needs writing."""

    path: Path
    """The intended path, or a new version beside it when someone changed that one."""
    key: str
    """The path relative to the root, as the ledger knows it."""
    fingerprint: str
    unchanged: bool
    missing: list[str]
    beside: bool
    written: bool = False


class DocumentWriter:
    """Writes documents unless unchanged, never over bytes someone else changed.

    The ledger records the hashes about to be written in one transaction, the files are
    written and their folders synced, and the ledger confirms: a crash anywhere in between
    leaves each file with either the old bytes or the new, both recognised as ours.
    """

    def __init__(self, ledger, root: Path, first_alone: bool = True):
        self.ledger, self.root = ledger, root
        self.first_alone = first_alone
        """The first document written goes on its own, out at once for a person waiting
        for it; else it waits for the others (one sync of the ledger and folders for all)."""
        self.placed: list[Placed] = []
        self._pending: list[tuple[Placed, bytes]] = []

    def place(self, target: Path, fingerprint: str) -> Placed:
        """The first of target, "name (ny versjon).ext", "name (ny versjon 2).ext", ... that
        holds bytes we wrote, or is absent; but when someone changed a version after we wrote
        there what we would write now, that one (left as it is) instead of an absent one.

        So a person's file that says what the case says gets no new version beside it, and
        a new version of ours is kept up to date however the case changes, also when it
        changes back: it never goes on showing what the case no longer says."""
        current = None  # the first version someone changed whose base is what we would write
        for candidate in versions(target):
            key = candidate.relative_to(self.root).as_posix()
            try:
                on_disk = sha256_file(candidate)
            except OSError:  # a folder, a pipe, a file we may not read: not ours, left alone
                continue
            known = self.ledger.ours(key, on_disk)
            if known is None:
                earlier = self.ledger.recorded(key)
                if current is None and earlier is not None and earlier.fingerprint == fingerprint:
                    current = Placed(candidate, key, fingerprint, True, earlier.missing,
                                     beside=candidate != target)
                continue
            placed = current if on_disk is None and current is not None else Placed(
                candidate, key, fingerprint, known.fingerprint == fingerprint, known.missing,
                beside=candidate != target)
            self.placed.append(placed)
            return placed
        raise RuntimeError("too many changed versions of one document")

    def as_written(self, placed: Placed, target: Path, data: bytes) -> bool:
        """Whether a new version about to go beside target (placed, someone having changed
        target) is, byte for byte, what we wrote at target but for the template's stamp
        (rendering/fastdocx.py stamped_as): a new release whose letter template changed only
        where this letter does not show it made it again with the same words, the same date
        and the same everything. Then target, as the caseworker left it, stays the document:
        no copy «(ny versjon)» is written, and the ledger takes the new fingerprint for it,
        so no later run writes one either while the document stays as it is now. Placed
        then points at target, unchanged. Only a Word document with such a stamp, as the
        one on disk still carries, whose bytes as written the ledger knows; and only where
        the new version would be a new file: one of ours already beside it (the case
        changed, then changed back) is kept up to date as before (place)."""
        if not placed.beside or placed.unchanged or target.suffix.lower() != ".docx" \
                or os.path.lexists(placed.path):
            return False
        key = target.relative_to(self.root).as_posix()
        written = self.ledger.written_sha256(key)
        if written is None:
            return False
        from ..rendering.fastdocx import stamped_as, template_stamp

        try:
            stamp = template_stamp(target.read_bytes())
        except OSError:
            return False
        before = None if stamp is None else stamped_as(data, stamp)
        if before is None or hashlib.sha256(before).hexdigest() != written:
            return False
        self.ledger.same_as_written(key, placed.fingerprint)
        placed.path, placed.key, placed.unchanged, placed.beside = target, key, True, False
        return True

    def write(self, placed: Placed, data: bytes, missing: list[str]) -> None:
        placed.missing, placed.written = missing, True
        self._pending.append((placed, data))
        if len(self._pending) >= BATCH or (
                self.first_alone and sum(p.written for p in self.placed) == 1):
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        hashes = {p.key: hashlib.sha256(data).hexdigest() for p, data in self._pending}
        self.ledger.intend_many((p.key, hashes[p.key], p.fingerprint, p.missing)
                                for p, _ in self._pending)
        for placed, data in self._pending:
            write_atomic(placed.path, data, sync_dir=False)
        for folder in {placed.path.parent for placed, _ in self._pending}:
            fsync_dir(folder)
        self.ledger.confirm(hashes)
        self.ledger.written_now(hashes)
        self._pending = []


def versions(target: Path, most: int = 100) -> Iterator[Path]:
    yield target
    yield target.with_name(f"{target.stem} ({NEW_VERSION}){target.suffix}")
    for n in range(2, most):
        yield target.with_name(f"{target.stem} ({NEW_VERSION} {n}){target.suffix}")


# -- documents held open ------------------------------------------------------------------
WORD_SUFFIXES = frozenset({".doc", ".docx", ".docm", ".dot", ".dotx", ".dotm", ".rtf", ".odt"})
"""What Word opens, and names its owner file for by Word's rule (owner_file)."""
LOCK_BELIEVED_FOR = timedelta(weeks=6)
"""How long a lock file beside a document is believed after the last sign of life
(open_in_office): longer than a summer holiday, which in Norway is three weeks in a row by
right (ferieloven § 7) and often four or five, with a weekend at each end."""
LOCK_AHEAD_ALLOWED = timedelta(days=1)
"""How far ahead of this machine's clock a lock file's or document's time may be and still
count as a sign of life (open_in_office): a PC whose clock is off by some hours, or in
another time zone's settings. Further ahead (a clock a year wrong, a copy restored with its
times shifted) it tells nothing, and a lock file with no other sign of life is stale."""


def open_in_office(path: Path) -> bool:
    """Whether Word, Excel or LibreOffice holds the document at path open: Microsoft's owner
    file (owner_file) or LibreOffice's lock file ".~lock.<name>#" is beside it, and has not
    gone stale.

    The editor makes its file when it opens the document and deletes it when it closes it;
    a crash, or a laptop put to sleep and never woken, leaves it behind for good. So a lock
    file is believed for LOCK_BELIEVED_FOR (six weeks) after the last sign of life: the
    later of the lock file's own last change (when the document was opened) and the
    document's (when it was last saved). Someone who left it open, unsaved, on an office PC
    over a night, a weekend, Christmas, Easter or the summer holiday finds it as they left
    it; one neither opened again nor saved for six weeks is no longer held open by it.
    (Dovecot's dot-locks are overridden by the same rule: only when both the lock and the
    file it protects are older than the time allowed.) A lock file we may not look at is
    believed. A time more than LOCK_AHEAD_ALLOWED (a day) ahead of the clock is no sign of
    life: a lock file dated so, beside a document not saved for six weeks, is stale as an
    old one is, or it would be believed for ever (a PC with a wrong clock wrote it, or a
    copy restored with wrong times). A stale lock file is someone else's and stays
    where it is: it is only no longer believed. A run that then writes the document gives
    it a new last change, so the lock is believed for another six weeks after that.

    LibreOffice's lock file holds one line, "<name>,<login>,<host>,<DD.MM.YYYY HH:MM>,
    <profile folder>;" (who opened the document, on which machine, and when in its local
    time); Microsoft's owner file holds the user's name. Neither is read here: the lock
    file's own time says when without a time zone to guess, and no name is needed."""
    changes = []
    for lock in (owner_file(path), path.with_name(f".~lock.{path.name}#")):
        try:
            changes.append(os.lstat(lock).st_mtime)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:  # there, but not ours to look at: believed
            return True
    if not changes:
        return False
    try:
        changes.append(path.stat().st_mtime)
    except OSError:  # no document (yet): the lock file alone tells
        pass
    now = time.time()
    signs = [t for t in changes if t - now <= LOCK_AHEAD_ALLOWED.total_seconds()]
    return bool(signs) and now - max(signs) < LOCK_BELIEVED_FOR.total_seconds()


def owner_file(path: Path) -> Path:
    """Microsoft Office's owner file for the document at path: "~$" and its name. Word
    leaves out the name's first two characters when it has 8 or more before its extension
    (Oppfølgingsplan.docx: ~$pfølgingsplan.docx), and the first when it has 7
    (Samtale.docx: ~$amtale.docx); Excel and PowerPoint keep the whole name
    (~$Til utsending.xlsx). LibreOffice names the owner file it makes for Microsoft's
    formats by the same rule."""
    name, length = path.name, len(path.stem)
    if path.suffix.lower() in WORD_SUFFIXES and length >= 7:
        name = name[2:] if length >= 8 else name[1:]
    return path.with_name(f"~${name}")


def sha256_file(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None when there is no such file.

    OSError when what is there is not a regular file (a folder, a named pipe, a device:
    someone's, never ours) or cannot be read. Opened without waiting, so a named pipe
    put where a document or list goes cannot hang the run, and looked at before reading."""
    digest = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def remove_leftovers(folder: Path) -> int:
    """Delete temporary files and work folders a killed process left behind (copies of
    documents for LibreOffice among them); only call while holding the lock."""
    count = 0
    for top, dirs, files in os.walk(folder):  # os.walk: a run looks through every case folder
        left = [name for name in dirs if name.startswith(TEMP_PREFIX)]
        dirs[:] = [name for name in dirs if not name.startswith(TEMP_PREFIX)]
        for name in left:  # a work folder, or a link to one: never followed
            path = Path(top) / name
            if path.is_symlink():
                path.unlink(missing_ok=True)
            else:
                shutil.rmtree(path, ignore_errors=True)
            count += 1
        for name in files:
            if name.startswith(TEMP_PREFIX):
                (Path(top) / name).unlink(missing_ok=True)
                count += 1
    return count


_fsync_dir = fsync_dir  # the name other modules used first
