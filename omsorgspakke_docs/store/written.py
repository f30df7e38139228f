"""The outbox's own record of the bytes we wrote there, beside the ledger's.

The ledger (ledger.py, in the state folder) is what tells a document we wrote from one a
caseworker changed: bytes it does not know are someone's, never overwritten, and the new
version goes beside them as «(ny versjon)». The state folder is on the server's own disk and
the outbox most often on a file share, so the two are backed up apart, at other times. A
state folder restored from last night's backup does not know the documents written since,
and the next run took every one of them for a caseworker's: a «(ny versjon)» beside each
(and an outbox restored from an older backup than the state folder's gave the same).

So the outbox keeps, in a hidden folder of its own (FOLDER), the hash of the bytes last
written at each of the ledger's paths: one small file per case folder (named by a digest of
the folder's name, never the name). It is asked only when the ledger does not know the bytes
on disk; bytes equal to those we wrote at that path are ours, whatever the ledger recalls.
Written without fsync, as the ledger takes the hashes about to be written, before the files
change (Ledger.intend_many): a record behind the files took a caseworker's copy of an
earlier version of ours for ours, and overwrote it; one ahead of them (the write cut short)
only holds bytes never written there. A record that could not be updated is removed: no
record rather than one behind. One that could not be removed either (its folder would not
open: EIO, EACCES on a share) is reported to the ledger, which keeps it from vouching for
anything (Ledger.ours) until it is written anew: from what the ledger knows we wrote in its
case folder (rebuilt), never from what it held, which is dropped then. So the folder's
other documents stay vouched for, not only those written that time.
The outbox is writable by staff, so what is read here is taken only as a map of paths to
hashes, and anything else is no record.
Its folder is opened as itself, and its files read, written and renamed in that folder
(POSIX: relative to the open folder), never through a link someone put in its place, also
while the record is in use.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
from collections.abc import Collection, Iterable, Mapping
from contextlib import suppress
from pathlib import Path

from .commit import DIR_MODE, FILE_MODE, TEMP_PREFIX, ensure_dir, sha256_file

FOLDER = ".omsorgspakke-skrevet"
"""In the outbox: one file per case folder, path -> SHA-256 of the bytes we last wrote."""
MOST_BYTES = 4 << 20
"""A record larger than this is none (one case folder's documents take some kilobytes)."""
KEPT_READ = 32
"""Case folders' records kept in memory as read (a run goes through a case's documents
together, then on to the next): a run of 50,000 cases holds no more of them than this."""
_SHA256 = re.compile(r"[0-9a-f]{64}")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_AT = (hasattr(os, "O_DIRECTORY") and bool(_NOFOLLOW)
       and {os.open, os.rename, os.unlink, os.stat} <= os.supports_dir_fd)
"""(os.replace takes dir_fd wherever os.rename does; supports_dir_fd lists rename only.)
POSIX: the folder is opened without following a link, and its files are used relative to
it. Elsewhere (Windows, where making a link takes an administrator) by path, once the
folder is seen to be no link."""
_BY_PATH = -1
"""What _open_folder gives where files are used by path (not _AT)."""
Known = Mapping[str, Mapping[str, tuple[str, ...]]]
"""For records behind (by record_name): what the ledger knows we wrote at each path of
their case folders, the newest hash first (about to be written, then written)."""


def is_text(path: str) -> bool:
    """Whether a path or name found on disk is text (UTF-8), as every one we write is. A file
    copied in from another system may be named in another encoding (Linux: Python gives its
    bytes as surrogates, which neither SQLite nor a JSON record can take): never ours."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Written:
    """The record in one outbox, for the ledger's paths (relative POSIX paths)."""

    def __init__(self, outbox: Path):
        self.folder = Path(outbox) / FOLDER
        self._read: dict[str, tuple[tuple[int, int, int], dict[str, str]]] = {}

    def holds(self, path: str, sha256: str) -> bool:
        """Whether the bytes with this hash are the ones we last wrote at path (never at a
        path that is no text: ledger.is_text)."""
        if not is_text(path):
            return False
        return self._shard(self._name(path)).get(path) == sha256

    def remember(self, written: Mapping[str, str], distrusted: Collection[str] = (),
                 known: Known | None = None) -> dict[str, bool]:
        """Paths and the hashes of the bytes about to be written there, or just written.
        distrusted: names (record_name) of records that may be behind the files, written
        anew from what known (the ledger) has for their case folders (rebuilt). Each record
        touched -> whether it is up to date now (or gone): False when it may still hold what
        it held."""
        return self._change(written, (), distrusted, known)

    def forget(self, paths: Iterable[str], distrusted: Collection[str] = (),
               known: Known | None = None) -> dict[str, bool]:
        """Documents removed, or moved away (ledger.forget); as remember."""
        return self._change({}, paths, distrusted, known)

    def copy(self, paths: Mapping[str, str], distrusted: Collection[str] = (),
             known: Known | None = None) -> dict[str, bool]:
        """Before files move (old path -> new, ledger.copy_documents): what is recorded at the
        old path is recorded at the new one too (not from a distrusted record); as remember."""
        return self._change(
            {new: sha256 for old, new in paths.items() if is_text(old) and is_text(new)
             and self._name(old) not in distrusted
             and (sha256 := self._shard(self._name(old)).get(old)) is not None}, (), distrusted,
            known)

    def _change(self, entries: Mapping[str, str], gone: Iterable[str],
                distrusted: Collection[str] = (), known: Known | None = None) -> dict[str, bool]:
        shards: dict[str, tuple[dict[str, str], set[str]]] = {}
        for path, sha256 in entries.items():
            shards.setdefault(self._name(path), ({}, set()))[0][path] = sha256
        for path in gone:
            if not is_text(path):
                continue
            shards.setdefault(self._name(path), ({}, set()))[1].add(path)
        if not shards:
            return {}
        folder = self._open_folder(create=True)
        if folder is None:  # (a link put there by someone, or a folder that would not open)
            return dict.fromkeys(shards, False)
        done: dict[str, bool] = {}
        try:
            for name, (added, removed) in shards.items():
                if name in distrusted:  # (what it holds may be behind: dropped first)
                    if not self._remove(folder, name):
                        done[name] = False
                        continue
                    before, base = {}, self.rebuilt((known or {}).get(name, {}))
                else:
                    before = base = self._read_shard(folder, name)
                record = {k: v for k, v in {**base, **added}.items() if k not in removed}
                done[name] = True
                if record == before:
                    continue
                data = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
                try:
                    seen = self._write_shard(folder, name, data)
                except OSError:  # (a full share): no record, rather than one behind the files
                    done[name] = self._remove(folder, name)
                    continue
                self._keep(name, seen, record)
        finally:
            if folder != _BY_PATH:
                os.close(folder)
        return done

    def rebuilt(self, known: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
        """A record behind, written anew: for each path of its case folder the ledger knows,
        the hash of the bytes on disk when they are ones the ledger knows we wrote there
        (written, or about to be), else the newest of those (a file changed or removed by
        someone since). Never a hash the ledger does not know at that path: what only the
        old record held may be behind the files, and is dropped."""
        outbox = self.folder.parent
        record = {}
        for path, hashes in known.items():
            if not hashes or not is_text(path):
                continue
            try:
                on_disk = sha256_file(outbox / path) if len(hashes) > 1 else None
            except OSError:  # (a folder, a pipe: someone's)
                on_disk = None
            record[path] = on_disk if on_disk in hashes else hashes[0]
        return record

    def _remove(self, folder: int, name: str) -> bool:
        """The record's file removed: whether it is gone."""
        self._read.pop(name, None)
        where, at = self._at(folder, name)
        try:
            os.unlink(where, dir_fd=at)
        except FileNotFoundError:
            pass
        except OSError:
            return False
        return True

    @classmethod
    def record_name(cls, path: str) -> str:
        """The name of the record's file that holds path (a digest: no name)."""
        return cls._name(path)

    @staticmethod
    def _name(path: str) -> str:
        """The record's file for the case folder (first part) of path: a digest, no name."""
        top = path.split("/", 1)[0] if "/" in path else ""
        return hashlib.sha256(top.encode("utf-8")).hexdigest()[:24] + ".json"

    def _shard(self, name: str) -> dict[str, str]:
        """The record's file as it is on disk now (read again only when it changed)."""
        folder = self._open_folder()
        if folder is None:
            return {}
        try:
            return self._read_shard(folder, name)
        finally:
            if folder != _BY_PATH:
                os.close(folder)

    def _open_folder(self, create: bool = False) -> int | None:
        """The record's folder opened as itself, never through a link put in its place (a
        descriptor; _BY_PATH where not _AT). None: there is none, or it is not a folder."""
        if not _AT:
            if self.folder.is_symlink():  # (put there by someone: never used)
                return None
            if create:
                try:
                    ensure_dir(self.folder)
                except OSError:
                    return None
            return _BY_PATH
        flags = os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW
        try:
            return os.open(self.folder, flags)
        except FileNotFoundError:
            if not create:
                return None
        except OSError:  # a link (ELOOP), a file (ENOTDIR): not ours
            return None
        try:
            os.mkdir(self.folder, DIR_MODE)  # (a link there meanwhile: EEXIST, not followed)
            return os.open(self.folder, flags)
        except OSError:
            return None

    def _at(self, folder: int, name: str) -> tuple[str | Path, int | None]:
        """A file of the record: by name in the open folder, or by path (not _AT)."""
        return (self.folder / name, None) if folder == _BY_PATH else (name, folder)

    def _read_shard(self, folder: int, name: str) -> dict[str, str]:
        flags = os.O_RDONLY | _NOFOLLOW | _BINARY | getattr(os, "O_NONBLOCK", 0)
        path, at = self._at(folder, name)
        try:
            fd = os.open(path, flags, dir_fd=at)
        except OSError:  # none yet, or a link: no record
            return {}
        try:
            with os.fdopen(fd, "rb") as handle:
                info = os.fstat(handle.fileno())
                seen = (info.st_mtime_ns, info.st_size, info.st_ino)
                kept = self._read.get(name)
                if kept is not None and kept[0] == seen:
                    return kept[1]
                if not stat.S_ISREG(info.st_mode) or info.st_size > MOST_BYTES:
                    return {}
                loaded = json.loads(handle.read(MOST_BYTES + 1))
        except (OSError, ValueError, RecursionError):  # (brackets nested beyond reading)
            return {}
        record = {k: v for k, v in loaded.items() if isinstance(k, str) and isinstance(v, str)
                  and _SHA256.fullmatch(v)} if isinstance(loaded, dict) else {}
        self._keep(name, seen, record)
        return record

    def _write_shard(self, folder: int, name: str, data: bytes) -> tuple[int, int, int]:
        """A new file renamed over the old (the old bytes or the new, never a mix), without
        fsync: a link put at name is replaced, never written through. What it is on disk."""
        tmp, at = self._at(folder, f"{TEMP_PREFIX}{secrets.token_hex(8)}.json")
        path = self._at(folder, name)[0]
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY,
                     FILE_MODE, dir_fd=at)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path, src_dir_fd=at, dst_dir_fd=at)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp, dir_fd=at)
            raise
        info = os.stat(path, dir_fd=at, follow_symlinks=False)
        return info.st_mtime_ns, info.st_size, info.st_ino

    def _keep(self, name: str, seen: tuple[int, int, int], record: dict[str, str]) -> None:
        """The record as read or written, the latest KEPT_READ of them (in the order kept)."""
        self._read.pop(name, None)
        self._read[name] = (seen, record)
        while len(self._read) > KEPT_READ:
            del self._read[next(iter(self._read))]
