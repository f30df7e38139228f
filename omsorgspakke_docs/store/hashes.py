"""The SHA-256 of files in the outbox, kept with the files as the file system knew them.

Til utsending asks of every listed letter that lacks something whether someone has changed
it since it was written (documents/sending.py): the file's hash against the ledger's. A
steady caseload lists thousands of such letters every day, nearly all as they were, and
reading each of them again was a good part of what the list cost. A hash is kept here with
the file's size, modification time, change time and inode; while all four are the same,
the file is not read again. The change time is set by the system on every write (copying
or restoring a file cannot keep it), and a file changed in the last seconds is not kept
(RECENT_NS: the change time's clock ticks coarsely, so a write in the same tick as our look
could otherwise go unseen).

A cache: one file in the state folder, written without flushing; lost or damaged, each
file is read again. It holds paths inside the outbox, as the ledger does, and hashes.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

from .commit import read_state_file, sha256_file, write_atomic

RECENT_NS = 2_000_000_000
"""A file changed this recently (nanoseconds) is read each time, its hash not kept."""


class KnownHashes:
    """Hashes of files by a key (their path inside the outbox), kept in the state at path."""

    def __init__(self, path: Path):
        self.path = path
        try:
            kept = json.loads(read_state_file(path))
        except (OSError, ValueError, RecursionError):  # none, cut short, no file: each is read
            kept = None
        self._kept: dict[str, list] = kept if isinstance(kept, dict) else {}
        self._now: dict[str, list] = {}

    def sha256(self, path: Path, key: str) -> str | None:
        """As commit.sha256_file(path): None when there is no file, OSError when what is
        there is not a regular file or cannot be read."""
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return sha256_file(path)  # says why, as it always did
        # Looked at before reading: a file changed while it is read is known by a newer version.
        version = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        kept = self._kept.get(key)
        if isinstance(kept, list) and len(kept) == 5 and kept[:4] == version:
            self._now[key] = kept
            return kept[4]
        digest = sha256_file(path)
        if digest is not None and info.st_ctime_ns < time.time_ns() - RECENT_NS:
            self._now[key] = [*version, digest]
        return digest

    def save(self) -> None:
        """Keep the hashes of the files looked at since this was read (and only those)."""
        if self._now != self._kept:
            # A file named in another encoding (its name not UTF-8: surrogates) is not kept:
            # it is read again the next time, and the runs go on.
            now = {key: value for key, value in self._now.items() if _utf8(key)}
            text = json.dumps(now, ensure_ascii=False, separators=(",", ":"))
            write_atomic(self.path, text.encode("utf-8"), durable=False)


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
