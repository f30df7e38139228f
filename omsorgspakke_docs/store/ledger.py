"""The processing ledger: which inputs are done, and which bytes we wrote to each document.

SQLite in the state folder, which must be on a local disk (SQLite's locking is not safe on
network shares). Inputs are keyed on the SHA-256 of their content, so the same bytes dropped
again are recognised whatever the file is called. Documents are keyed on their path relative
to the outbox and carry the hash of the bytes we last wrote: a file whose bytes are different
was changed by someone else, and is never overwritten.

Before a document is written, the hash it will have is recorded as pending; after the write it
is confirmed. A crash between the two leaves either the old bytes or the new ones on disk, and
both are recognised as ours, until the next start confirms the new ones where they are on
disk (settle): from then on only the bytes written last are ours. Nothing here stores a
file name, a name or an identity number.

A path whose name is no text (a file copied in from another system, named in another
encoding than UTF-8: on Linux Python gives its bytes as surrogates, which SQLite cannot
take) was never written by us: it is not ours, and nothing is recorded or asked for it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import UsageError
from ..text import tekst
from .commit import sha256_file
from .written import Written, is_text

LEDGER_FILE = "journal.sqlite3"
"""The file keeps the name it had before the ledger was called a ledger, so existing state
folders are read as they are."""

DONE, DUPLICATE, FAILED, RETRY = "ferdig", "duplikat", "feilet", "venter"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    sha256   TEXT PRIMARY KEY,
    ref      TEXT NOT NULL,
    outcome  TEXT NOT NULL,
    updated  TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error    TEXT
);
CREATE TABLE IF NOT EXISTS events (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    ref     TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    path                TEXT PRIMARY KEY,
    sha256              TEXT,
    fingerprint         TEXT,
    missing             TEXT NOT NULL DEFAULT '[]',
    pending_sha256      TEXT,
    pending_fingerprint TEXT,
    pending_missing     TEXT
);
CREATE TABLE IF NOT EXISTS records_behind (
    record TEXT PRIMARY KEY
);
CREATE INDEX IF NOT EXISTS documents_pending ON documents (path)
    WHERE pending_sha256 IS NOT NULL;
"""


@dataclass
class Ours:
    """What we know about a document path whose file on disk is ours (or absent)."""

    fingerprint: str | None = None
    missing: list[str] = field(default_factory=list)


@dataclass
class Counts:
    processed: int = 0
    duplicates: int = 0
    failed: int = 0
    retrying: int = 0
    last_processed: str | None = None


def now() -> str:
    """In UTC: the ledger finds the last event by MAX over these strings, which in local
    time put 02:50+02:00 after the later 02:10+01:00 of the night summer time ends."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Ledger:
    """One connection, opened on first use in the thread that uses it; close() when done."""

    def __init__(self, state_folder: Path, outbox: Path | None = None):
        self.path = Path(state_folder) / LEDGER_FILE
        self._db: sqlite3.Connection | None = None
        self.written = Written(outbox) if outbox is not None else None
        """The outbox's own record of what we wrote there (written.py): asked when the
        ledger does not know a file's bytes (a state folder restored from an older backup
        than the outbox's, or the other way round)."""

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            fresh = not self.path.exists()
            self._db = sqlite3.connect(self.path, timeout=30)
            if fresh:
                os.chmod(self.path, 0o600)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
        return self._db

    # -- inputs --------------------------------------------------------------------------
    def outcome(self, sha256: str) -> str | None:
        row = self.db.execute("SELECT outcome FROM inputs WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def finished(self, sha256: str, ref: str, outcome: str) -> None:
        """DONE, DUPLICATE or FAILED; a duplicate leaves the original's row as it is."""
        with self.db:
            if outcome != DUPLICATE:
                self._upsert(sha256, ref, outcome, error=None)
            self.db.execute("INSERT INTO events (at, ref, outcome) VALUES (?, ?, ?)",
                            (now(), ref, outcome))

    def retry(self, sha256: str, ref: str, error: str) -> int:
        """Record a passing error (the exception's class, never its message); the attempt number."""
        with self.db:
            self._upsert(sha256, ref, RETRY, error)
        row = self.db.execute("SELECT attempts FROM inputs WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0]

    def _upsert(self, sha256: str, ref: str, outcome: str, error: str | None) -> None:
        self.db.execute(
            "INSERT INTO inputs (sha256, ref, outcome, updated, attempts, error) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO UPDATE SET "
            "outcome = excluded.outcome, updated = excluded.updated, error = excluded.error, "
            "attempts = CASE excluded.outcome WHEN ? THEN attempts + 1 ELSE 0 END",
            (sha256, ref, outcome, now(), 1 if outcome == RETRY else 0, error, RETRY),
        )

    def counts(self) -> Counts:
        rows = dict(self.db.execute("SELECT outcome, COUNT(*) FROM events GROUP BY outcome"))
        last = self.db.execute(
            "SELECT MAX(at) FROM events WHERE outcome IN (?, ?)", (DONE, DUPLICATE)
        ).fetchone()[0]
        retrying = self.db.execute(
            "SELECT COUNT(*) FROM inputs WHERE outcome = ?", (RETRY,)
        ).fetchone()[0]
        return Counts(rows.get(DONE, 0), rows.get(DUPLICATE, 0), rows.get(FAILED, 0),
                      retrying, last)

    # -- documents -----------------------------------------------------------------------
    def ours(self, path: str, on_disk: str | None) -> Ours | None:
        """Ours when the file is absent or holds bytes we wrote; None when someone changed it
        (or put it there under a name we never write: is_text)."""
        if on_disk is None:
            return Ours()
        if not is_text(path):
            return None
        row = self.db.execute(
            "SELECT sha256, fingerprint, missing, pending_sha256, pending_fingerprint, "
            "pending_missing FROM documents WHERE path = ?", (path,)
        ).fetchone()
        if row is not None:
            sha, fingerprint, missing, pending_sha, pending_fingerprint, pending_missing = row
            if pending_sha is not None and on_disk == pending_sha:
                self.confirm([path])
                return Ours(pending_fingerprint, json.loads(pending_missing))
            if on_disk == sha:
                return Ours(fingerprint, json.loads(missing))
        if self.written is not None and self.written.holds(path, on_disk) \
                and not self._behind({Written.record_name(path)}):
            return Ours()  # ours as written, made from what this ledger does not know: redone
        return None

    def recorded(self, path: str) -> Ours | None:
        """What we last wrote at path (its fingerprint and gaps), whatever is there now."""
        if not is_text(path):
            return None
        row = self.db.execute("SELECT fingerprint, missing FROM documents WHERE path = ?",
                              (path,)).fetchone()
        if row is None or row[0] is None:
            return None
        return Ours(row[0], json.loads(row[1]))

    def written_sha256(self, path: str) -> str | None:
        """The SHA-256 of the bytes we last wrote at path (confirmed), whatever is there now;
        None while a write there is pending or none is known."""
        if not is_text(path):
            return None
        row = self.db.execute("SELECT sha256, pending_sha256 FROM documents WHERE path = ?",
                              (path,)).fetchone()
        return None if row is None or row[1] is not None else row[0]

    def same_as_written(self, path: str, fingerprint: str) -> None:
        """What we wrote at path, which someone changed since, is what the document with
        this fingerprint is too (commit.DocumentWriter.as_written): recorded so, its bytes
        as they were, so that document is taken as the one there (DocumentWriter.place: no
        new version beside it) and the file stays someone else's."""
        with self.db:
            self.db.execute("UPDATE documents SET fingerprint = ? "
                            "WHERE path = ? AND pending_sha256 IS NULL", (fingerprint, path))

    def intend(self, path: str, sha256: str, fingerprint: str, missing: list[str]) -> None:
        """As intend_many, but not for the outbox's record: bytes on disk taken as ours
        (a list with nothing but marks as sent changed: sent_marks.py), none we wrote."""
        self._intend([(path, sha256, fingerprint, missing)])

    def intend_many(self, rows: Iterable[tuple[str, str, str, list[str]]]) -> None:
        """Before writing: (path, sha256, fingerprint, missing) of each file about to be written.
        The outbox's record takes the hashes now too, before the files change: never behind
        them, so a caseworker's copy of an earlier version of ours is never taken for ours
        (written.py); ahead of them, when the write is cut short, it holds only bytes that
        were never there."""
        rows = list(rows)
        self._intend(rows)
        if self.written is not None:
            behind = self._behind()
            self._record_behind(behind, self.written.remember(
                {path: sha for path, sha, _, _ in rows}, behind,
                self._known(behind, [path for path, _, _, _ in rows])))

    def _intend(self, rows: list[tuple[str, str, str, list[str]]]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT INTO documents "
                "(path, pending_sha256, pending_fingerprint, pending_missing) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET "
                "pending_sha256 = excluded.pending_sha256, "
                "pending_fingerprint = excluded.pending_fingerprint, "
                "pending_missing = excluded.pending_missing",
                [(path, sha, fp, json.dumps(missing, ensure_ascii=False))
                 for path, sha, fp, missing in rows],
            )

    def written_now(self, hashes: dict[str, str]) -> None:
        """After confirm(): the hashes of the bytes just written (path -> SHA-256). The
        outbox's record has them from intend_many, unless it could not be written then."""
        if self.written is not None:
            behind = self._behind()
            self._record_behind(behind, self.written.remember(
                hashes, behind, self._known(behind, hashes)))

    def forget(self, paths: Iterable[str]) -> None:
        """Documents we removed (a superseded invitation): no longer ours to know."""
        paths = [path for path in paths if is_text(path)]
        with self.db:
            self.db.executemany("DELETE FROM documents WHERE path = ?", [(p,) for p in paths])
        if self.written is not None:
            behind = self._behind()
            self._record_behind(behind, self.written.forget(
                paths, behind, self._known(behind, paths)))

    def copy_documents(self, paths: dict[str, str]) -> None:
        """Before files move (a case's folder renamed: old path -> new): what we know of each
        is known at its new path too, so the file is ours at either path if the move is cut
        short; forget() the old paths after. Only paths whose new place is free: a record
        there gives way (its file is gone; the one moved there is what it holds now).
        Paths, as everywhere here: no name or number is added."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO documents (path, sha256, fingerprint, missing, "
                "pending_sha256, pending_fingerprint, pending_missing) SELECT ?, sha256, "
                "fingerprint, missing, pending_sha256, pending_fingerprint, pending_missing "
                "FROM documents WHERE path = ?",
                [(new, old) for old, new in paths.items() if is_text(old) and is_text(new)],
            )
        if self.written is not None:
            behind = self._behind()
            self._record_behind(behind, self.written.copy(
                paths, behind, self._known(behind, paths.values())))

    def _behind(self, records: set[str] | None = None) -> set[str]:
        """Of records (all when None), the outbox's records (Written.record_name) that could
        not be brought up to date, nor removed, when documents changed: what they hold may be
        behind the files, and vouches for nothing until they are written anew."""
        if records is None:
            return {r for (r,) in self.db.execute("SELECT record FROM records_behind")}
        return {r for r in records if self.db.execute(
            "SELECT 1 FROM records_behind WHERE record = ?", (r,)).fetchone() is not None}

    def _known(self, behind: set[str], paths: Iterable[str]) -> dict[str, dict[str, tuple]]:
        """For each record behind that paths fall in (Written.record_name): what this ledger
        knows we wrote at each path of its case folder, the hash about to be written first,
        then the one written. The record is written anew from it (Written.rebuilt) rather
        than from nothing: the other documents of the folder stay vouched for, should the
        state folder later come back from an older backup."""
        known: dict[str, dict[str, tuple]] = {}
        if not behind:  # (a good day)
            return known
        for path in paths:
            name = Written.record_name(path) if is_text(path) else None
            if name is None or name not in behind or name in known:
                continue
            if "/" in path:  # (a case folder's paths, by the index: "top/" <= p < "top0")
                top = path.split("/", 1)[0]
                rows = self.db.execute(
                    "SELECT path, pending_sha256, sha256 FROM documents "
                    "WHERE path >= ? AND path < ?", (top + "/", top + "0"))
            else:  # (the outbox's own files: Saksoversikt, Til utsending)
                rows = self.db.execute("SELECT path, pending_sha256, sha256 FROM documents "
                                       "WHERE instr(path, '/') = 0")
            known[name] = {p: tuple(dict.fromkeys(h for h in (pending, sha) if h))
                           for p, pending, sha in rows}
        return known

    def _record_behind(self, behind: set[str], done: dict[str, bool]) -> None:
        """After the outbox's records were changed (done: record -> up to date, or gone):
        each left behind is so in the ledger, on disk before the documents change
        (synchronous=FULL), and each written anew no longer. Nothing written when nothing
        changed (no sync of its own on a good day)."""
        now_behind = [r for r, ok in done.items() if not ok and r not in behind]
        caught_up = [r for r, ok in done.items() if ok and r in behind]
        if not now_behind and not caught_up:
            return
        with self.db:
            self.db.executemany("INSERT OR IGNORE INTO records_behind (record) VALUES (?)",
                                [(r,) for r in now_behind])
            self.db.executemany("DELETE FROM records_behind WHERE record = ?",
                                [(r,) for r in caught_up])

    def confirm(self, paths: Iterable[str]) -> None:
        """The pending hashes are the written ones now. Not synced to disk on its own: a
        confirmation lost in a crash is made again at the next start (settle) or by ours(),
        which know the pending hash, and the next synced commit carries it (WAL frames are
        written in order). The intent before the write is what must be on disk, and is
        (synchronous=FULL)."""
        self.db.execute("PRAGMA synchronous=NORMAL")
        try:
            self._confirm(paths)
        finally:
            self.db.execute("PRAGMA synchronous=FULL")

    def settle(self, outbox: Path) -> int:
        """At the start of a session, under the state's lock and before anything is written:
        each document still pending (a process killed between writing it and confirming, or
        a confirmation lost with the power) whose file holds the pending bytes is confirmed,
        synced. Until then the bytes written before were ours too, and a caseworker's copy
        of that earlier version put back was taken for ours and overwritten, unless the
        document was looked at again (ours() confirms) first. A file that holds anything
        else (the earlier bytes: the write never happened; someone's; none) is left as it
        is. Only the pending rows are read (an index of them); how many were confirmed."""
        if self._db is None and not self.path.exists():  # (a new state folder: none yet)
            return 0
        rows = self.db.execute("SELECT path, pending_sha256 FROM documents "
                               "WHERE pending_sha256 IS NOT NULL").fetchall()
        done = []
        for path, pending in rows:
            if not is_text(path):
                continue
            try:
                on_disk = sha256_file(Path(outbox) / path)
            except OSError:  # (a folder, a pipe, a file we may not read: not ours)
                continue
            if on_disk == pending:
                done.append(path)
        if done:
            self._confirm(done)
        return len(done)

    def _confirm(self, paths: Iterable[str]) -> None:
        with self.db:
            self.db.executemany(
                "UPDATE documents SET sha256 = pending_sha256, fingerprint = pending_fingerprint, "
                "missing = pending_missing, pending_sha256 = NULL, pending_fingerprint = NULL, "
                "pending_missing = NULL WHERE path = ? AND pending_sha256 IS NOT NULL",
                [(p,) for p in paths if is_text(p)],
            )


class LedgerProblem(UsageError):
    """The ledger of a state folder that was used before is missing, empty or damaged."""

    def __init__(self, path: Path, what: str):
        super().__init__(tekst()("bruksfeil.register", fil=path.name, mappe=path.parent,
                                 hva=what))


def verify(state_folder: Path, has_history: bool) -> None:
    """Before any file is taken: the ledger is there and readable, unless the state folder
    is new (has_history False), when the first use makes it."""
    path = Path(state_folder) / LEDGER_FILE
    if not path.exists() or path.stat().st_size == 0:
        if has_history:
            raise LedgerProblem(path, "mangler" if not path.exists() else "er tom")
        return
    try:
        db = sqlite3.connect(path, timeout=30)
        try:
            ok = db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        finally:
            db.close()
    except sqlite3.DatabaseError:
        ok = False
    if not ok or (has_history and not {"inputs", "documents"} <= tables):
        raise LedgerProblem(path, "er skadet")


def read_counts(state_folder: Path) -> Counts:
    """The ledger's counts without creating a ledger where there is none."""
    if not (Path(state_folder) / LEDGER_FILE).exists():
        return Counts()
    with Ledger(state_folder) as ledger:
        return ledger.counts()
