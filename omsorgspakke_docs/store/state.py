"""What the installation already knows between runs: merged cases, keyed by a pseudonym.

The pseudonym is a keyed hash (HMAC-SHA256) of the case key with a secret kept in the state
folder, readable by the owner only, so state file names and log lines never carry a journal
number or an identity number that someone could look up.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import time as clock
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from ..domain.model import Case, Kontaktperson, Plassering, case_key
from ..errors import StateDamaged, UsageError
from ..text import Tekst, tekst
from .commit import (
    NotAFile,
    ensure_dir,
    fsync_dir,
    read_state_file,
    write_atomic,
    write_text_atomic,
)
from .filelock import try_lock, unlock

log = logging.getLogger("omsorgspakke")

KEY_FILE = "pseudonym.key"
CHECK_FILE = "pseudonym.key.kontroll"
CASES_CHANGED = "saker.endret"
"""A token written again each time a case changes in what anyone can see (cases_version)."""
"""A check value made from the key with it, to notice a lost or replaced key."""
MIN_KEY_BYTES = 32
LOCK_FILE = "worker.lock"
LOCK_HANDED_OVER = "OMSORGSPAKKE_STATE_LOCK"
"""Set for a watch starting again in its own process (hand_over): the inherited file
descriptor that holds the state folder's lock, and the file's device and inode."""
_held: dict[Path, int] = {}
"""The lock files lock() holds in this process, and their file descriptors."""
PSEUDONYMS_KEPT = 4096

def file_version(path: Path) -> list[int] | None:
    """Size, modification time and inode, or None when the file is not there. The state's
    files are written by write_atomic, as a new file each time: another inode."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


HEAD_FIELDS = ("kommunenummer", "bydel", "journalnummer", "sluttdato", "barn", "plassering",
               "kontaktperson")
"""The fields of a case file CaseHead is read from, as Case defines them."""
_HEAD_DEFINED: dict[str, Any] = {name: (Case.model_fields[name].annotation,
                                         Case.model_fields[name]) for name in HEAD_FIELDS}
_Head: type[BaseModel] = create_model(
    "_Head", __config__=ConfigDict(extra="ignore", str_strip_whitespace=True), **_HEAD_DEFINED)


@dataclass(frozen=True)
class CaseHead:
    """Which case a case file holds (key), whether it is in the programme on a day
    (qualify.skip_reason) and who its contact person is: read from the file without
    validating the rest of it (Case takes some five times as long). The file's version is
    the one it had before it was read (file_version): a newer file is another version."""

    file: str
    """The file's name in cases/."""
    version: list[int] | None
    key: str | None
    sluttdato: date | None
    plassering: Plassering
    kontaktperson: Kontaktperson


class KeyProblem(UsageError):
    """pseudonym.key is missing, empty or not the key the state was made with."""

    def __init__(self, folder: Path, what: str, file: str = KEY_FILE):
        super().__init__(tekst()("bruksfeil.nokkel", fil=file, mappe=folder, hva=what))


def _check_value(key: bytes) -> str:
    """Tells whether a key is the one the state was made with, without revealing it."""
    return hmac.new(key, b"omsorgspakke pseudonym.key check", hashlib.sha256).hexdigest()


class Busy(UsageError):
    """Another run or watcher is working on the same state folder."""


class State:
    def __init__(self, folder: Path):
        self.folder = ensure_dir(Path(folder))
        self.cases_dir = ensure_dir(self.folder / "cases")
        self.plans_dir = ensure_dir(self.folder / "plans")
        self._unsynced: set[Path] = set()
        self._marked = False
        self.left_behind: bool = False
        """Temporary files may have been left behind in this session (a worker died): the
        next one looks for them (run/pipeline.py, session)."""
        """The marker of changed cases was written since cases_version was last read."""
        self._key = self._load_key()
        self._all_cases: tuple[list, list[Case]] | None = None
        self._heads: tuple[list, list[CaseHead]] | None = None
        self.shared: dict[str, Any] = {}
        """What the outbox workbooks share while they are made (each case's context built
        for its rows, caseload.each_stored_case); emptied with forget_cases."""
        self._pseudonyms: dict[tuple[str, str], str] = {}
        """A case's pseudonym is asked for some fifteen times while it is handled; kept for
        the cases at hand only (PSEUDONYMS_KEPT), so a file of 50,000 cases costs no memory."""

    def _load_key(self) -> bytes:
        """The key, checked against the check value made with it; made once, for a new state.

        A lost, empty or replaced key would give every case new pseudonyms (second folders,
        moved dates) or, when empty, pseudonyms anyone can recompute: it stops the program
        (KeyProblem) instead of being replaced. Both files are read only when they are regular
        files (read_state_file): a named pipe, a folder or a link in the place of either
        stops the program too (KeyProblem), never waited on, followed or replaced.
        """
        path, check = self.folder / KEY_FILE, self.folder / CHECK_FILE
        if not os.path.lexists(path) and not os.path.lexists(check) \
                and not self.has_history():
            key = secrets.token_hex(32).encode("ascii")
            write_atomic(path, key)
            write_atomic(check, (_check_value(key) + "\n").encode("ascii"))
        kept = _key_file(self.folder, KEY_FILE)
        if kept is None:
            raise KeyProblem(self.folder, "mangler")
        os.chmod(path, 0o600)  # (a regular file: no link to follow)
        key = kept.strip()
        if len(key) < MIN_KEY_BYTES:
            raise KeyProblem(self.folder, "er tom eller for kort")
        value = _key_file(self.folder, CHECK_FILE)
        if value is None:  # made before check values: this key is the one in use
            write_atomic(check, (_check_value(key) + "\n").encode("ascii"))
        elif value.decode("utf-8", "replace").strip() != _check_value(key):
            raise KeyProblem(self.folder, "er en annen enn den som ble brukt før")
        return key

    def has_history(self) -> bool:
        """Something was made here before: a case, a plan or a journal."""
        return any(self.cases_dir.iterdir()) or any(self.plans_dir.iterdir()) \
            or (self.folder / "journal.sqlite3").exists()

    def pseudonym(self, case_key: str, prefix: str = "sak") -> str:
        known = self._pseudonyms.get((prefix, case_key))
        if known is None:
            if len(self._pseudonyms) >= PSEUDONYMS_KEPT:
                self._pseudonyms.clear()
            digest = hmac.new(self._key, case_key.encode("utf-8"), hashlib.sha256).hexdigest()
            known = self._pseudonyms[(prefix, case_key)] = f"{prefix}-{digest[:12]}"
        return known

    def lock(self, wait_seconds: float = 2.0, said: Tekst | None = None):
        return lock(self.folder, wait_seconds, said)

    def is_busy(self) -> bool:
        return is_busy(self.folder)

    def _path(self, case_key: str) -> Path:
        return self.cases_dir / f"{self.pseudonym(case_key)}.json"

    def load(self, case_key: str) -> Case | None:
        return self._read_case(self._path(case_key))

    def _read_case(self, path: Path) -> Case | None:
        """The case kept in path, or None; StateDamaged when it cannot be read."""
        return self._read(path, Case.model_validate_json)

    def damaged(self, path: Path) -> StateDamaged:
        """The error for a state file that cannot be read, naming it inside the folder."""
        return StateDamaged(path.relative_to(self.folder).as_posix())

    def read_json(self, path: Path):
        """A state file's JSON, or None when there is none; StateDamaged when it cannot be
        read as JSON."""
        return self._read(path, json.loads)

    def _read(self, path: Path, parse: Callable[[str], Any]) -> Any:
        """parse(the file's text), or None when there is none; StateDamaged when it cannot be
        read, or is no file of ours (a pipe, a folder, a link: never waited on nor followed)."""
        try:
            data = read_state_file(path)
        except FileNotFoundError:
            return None
        except NotAFile:
            raise self.damaged(path) from None
        try:
            return parse(data.decode("utf-8"))
        except (ValueError, RecursionError):  # cut short, overwritten, not ours: never quoted
            raise self.damaged(path) from None

    def save(self, case: Case, shown: bool = True) -> None:
        """shown: the change is one documents or workbooks can show (merge.MergeResult.shown),
        not only the export date: the outbox workbooks are made again (cases_version).

        A change in the export date alone (a re-export) is written atomically but not
        flushed to disk: a power cut can lose only that date, which no document shows and
        the next export brings again; an fsync per case was most of a re-export's cost."""
        assert case.key is not None
        text = case.model_dump_json(indent=2, exclude_none=True)
        if shown and not self._marked:
            # Before the case: a crash between the two makes the workbooks once too often.
            # Once until the version is read again: one new token tells all these cases.
            self._write(self.folder / CASES_CHANGED, secrets.token_hex(8))
            self._marked = True
        self._write(self._path(case.key), text, durable=shown)

    def case_version(self, case_key: str) -> list[int] | None:
        """The case file as the file system knows it (size, modification time, inode), or
        None when there is none: every save makes a new file (write_atomic)."""
        return file_version(self._path(case_key))

    def cases_version(self) -> str:
        """Changes when a case is added, removed or changed in what anyone can see; not when a
        re-export brings only a newer export date. A listing and one small file, no case read."""
        marker = self.folder / CASES_CHANGED
        self._marked = False  # a case saved from now on is a change after this version
        names = sorted(os.listdir(self.cases_dir))
        try:
            changed = read_state_file(marker).decode("utf-8", "replace")
        except OSError:  # none, or no file of ours: as none (the next change writes it)
            changed = ""
        return hashlib.sha256("\n".join([changed, *names]).encode("utf-8")).hexdigest()

    def _write(self, path: Path, text: str, durable: bool = True) -> None:
        """Written and flushed now; the folder entry is made durable by sync(), once for all
        the cases of an input (a folder sync per case doubled the cost of a re-export)."""
        write_atomic(path, text.encode("utf-8"), sync_dir=False, durable=durable)
        if durable:
            self._unsynced.add(path.parent)

    def sync(self) -> None:
        """Make every case and plan saved since the last call durable: before the input that
        brought them is recorded as done in the ledger."""
        for folder in sorted(self._unsynced):
            fsync_dir(folder)
        self._unsynced.clear()

    def link(self, alias_key: str, case_key: str) -> None:
        """Remember that alias_key (the identity-number key) names the case case_key.

        The alias file is named by the alias's pseudonym and holds the case's pseudonym, so
        neither key is written in clear.
        """
        path = ensure_dir(self.folder / "aliases") / self.pseudonym(alias_key)
        target = self.pseudonym(case_key)
        if _alias(path) != target:
            write_text_atomic(path, target)

    def load_linked(self, alias_key: str) -> Case | None:
        """The case an alias was linked to, or None."""
        path = self.folder / "aliases" / self.pseudonym(alias_key)
        target = _alias(path)
        if target is None:
            return None
        target = target.strip()
        if ":" in target:  # written by version 0.1 as the key in clear: make it a pseudonym
            self.link(alias_key, target)
            target = self.pseudonym(target)
        case = self.cases_dir / f"{target}.json"
        if not case.is_file():
            return None
        return self._read_case(case)

    def plan_path(self, case_key: str) -> Path:
        return self.plans_dir / f"{self.pseudonym(case_key)}.json"

    def load_plan(self, case_key: str) -> dict:
        """Conversation dates planned in an earlier run:
        {(part, tema, nummer, forelder): (date, time)}. StateDamaged when unreadable."""
        return self.kept_plan(case_key)[0]

    def plan_version(self, case_key: str) -> list[int] | None:
        """The plan file as the file system knows it, like case_version."""
        return file_version(self.plan_path(case_key))

    def has_plan(self, case_key: str) -> bool:
        return self.plan_path(case_key).exists()

    def load_moved(self, case_key: str) -> dict:
        """Missed conversations moved in an earlier run: {key: the date that passed}."""
        return self.kept_plan(case_key)[1]

    def load_delays(self, case_key: str) -> dict:
        """Why kept dates came later than the cadence: {key: code} (schedule.CasePlan.delays)."""
        return self.kept_plan(case_key)[2]

    def kept_plan(self, case_key: str) -> tuple[dict, dict, dict]:
        """(dates, moved, delays) as kept; StateDamaged when the plan cannot be read. moved
        also holds the date a conversation left out had («utelatt» rows: save_plan)."""
        path = self.plan_path(case_key)
        rows = self.read_json(path) or []
        dates, moved, delays = {}, {}, {}
        try:
            for r in rows:
                key = (r["part"], r["tema"], r["nummer"], r.get("forelder"))
                if r.get("utelatt") is True:  # left out, with the date it had (save_plan)
                    try:  # only a note's date: one unreadable is left, not the plan
                        moved[key] = date.fromisoformat(r["flyttet_fra"])
                    except (KeyError, TypeError, ValueError):
                        pass
                    continue
                dates[key] = (date.fromisoformat(r["dato"]), time.fromisoformat(r["klokkeslett"]))
                if r.get("flyttet_fra"):
                    moved[key] = date.fromisoformat(r["flyttet_fra"])
                if r.get("flyttet_fra_klokkeslett"):  # moved to another time that day
                    moved[key] = datetime.combine(moved[key], time.fromisoformat(
                        r["flyttet_fra_klokkeslett"]))
                if r.get("grunn"):
                    delays[key] = str(r["grunn"])
        except (KeyError, TypeError, ValueError, AttributeError):
            raise self.damaged(path) from None
        return dates, moved, delays

    def save_plan(self, case_key: str, dates: dict, moved: dict | None = None,
                  delays: dict | None = None) -> None:
        self._write(self.plan_path(case_key), dumps(_plan_rows(dates, moved, delays)))

    def _before_move_path(self, case_key: str) -> Path:
        return self.plans_dir / f"{self.pseudonym(case_key)}.before-move.json"

    def keep_plan_before_move(self, case_key: str) -> None:
        """The kept plan as it was before the child moved to another foster home
        (domain/foster_home.py), kept beside it until a next move: a move the journal
        corrects as registered by mistake gets the foster family's track back as it was
        (restore_plan_before_move).

        Called before the case that shows the move is saved, and made durable (its folder
        too) before it: a crash in between leaves the case as it was, and the export read
        again copies the same plan again (the plan is saved after the case). A move with no
        plan kept (deleted, or damaged) removes the copy of an earlier move: a correction
        never restores that one's dates."""
        copy = self._before_move_path(case_key)
        try:
            text = self._read(self.plan_path(case_key), lambda text: text)
        except StateDamaged:
            text = None
        if text is None:
            copy.unlink(missing_ok=True)
            return
        write_atomic(copy, text.encode("utf-8"))  # (its folder synced: before the case)

    def restore_plan_before_move(self, case_key: str, parts: tuple[str, ...]) -> None:
        """The kept plan's rows of these parties as they were before the last move
        (keep_plan_before_move), the others' as they are now: the move was registered by
        mistake and corrected. Nothing changes without a plan kept from then.

        Called once the corrected case is saved (run/case_step.py plan): a crash before it
        finds the case corrected and the copy there, and restores then. The copy goes only
        once the plan so restored (and the case) are durable; restored twice, the rows are
        the same."""
        copy = self._before_move_path(case_key)
        try:
            before = self.read_json(copy)
            now = self.read_json(self.plan_path(case_key))
        except StateDamaged:
            return  # planned anew from the documents, as any damaged plan
        if not isinstance(before, list) or not isinstance(now, list):
            return
        rows = [r for r in now if not (isinstance(r, dict) and r.get("part") in parts)] \
            + [r for r in before if isinstance(r, dict) and r.get("part") in parts]
        self._write(self.plan_path(case_key), dumps(rows))
        self.sync()
        copy.unlink(missing_ok=True)

    def _renumbered_path(self, case_key: str) -> Path:
        return self.plans_dir / f"{self.pseudonym(case_key)}.renumbered.json"

    def renumber_plan(self, case_key: str, moved: dict[int, int | None], case: Case) -> None:
        """The kept plan with each parent's rows under their place in the new list of
        parents (domain/parent_order.py: a parent's place -> their new one, or None: no
        longer listed, their rows left out). A place not in moved stays as it is.

        Written beside the plan, durably, before the case in the new order (case) is saved,
        and put in the plan's place by finish_renumber once it is: a crash before the case
        is saved leaves the case and the plan in the old order (the export read again
        renumbers them again); a crash after finds the case in the new order, which
        finish_renumber tells by its parents (a digest of them kept with the rows, never
        their names), and gives the plan the same order."""
        pending = self._renumbered_path(case_key)
        try:
            dates, earlier, delays = self.kept_plan(case_key)
        except StateDamaged:
            dates = None  # planned anew from the documents (lost_plan.py), as any damaged plan
        if dates is None or not self.has_plan(case_key):
            pending.unlink(missing_ok=True)
            return

        def follow(kept: dict) -> dict:
            out = {}
            for (part, tema, nummer, forelder), value in kept.items():
                new = forelder if forelder is None else moved.get(forelder, forelder)
                if forelder is None or new is not None:
                    out[(part, tema, nummer, new)] = value
            return out

        rows = _plan_rows(follow(dates), follow(earlier), follow(delays))
        write_atomic(pending, dumps({"foreldre": self._parents_digest(case),
                                     "plan": rows}).encode("utf-8"))  # (its folder synced)

    def finish_renumber(self, case_key: str, case: Case) -> None:
        """The plan renumbered for a new order of the parents (renumber_plan) takes the
        plan's place when the case as saved (case) has the parents it was made for; when
        not, the case was never saved in that order (a crash before it), and it goes.
        Called once the case is saved, and before the case is planned: a run stopped
        between saving the case and this finishes it the next time the case is read or
        planned. Nothing to do without one."""
        pending = self._renumbered_path(case_key)
        if not pending.exists():
            return
        try:
            kept = self.read_json(pending)
        except StateDamaged:
            if pending.is_dir() and not pending.is_symlink():
                raise  # a folder is not ours to remove: the case waits, as for a damaged plan
            kept = None
        if isinstance(kept, dict) and isinstance(kept.get("plan"), list) \
                and kept.get("foreldre") == self._parents_digest(case):
            self._write(self.plan_path(case_key), dumps(kept["plan"]))
            self.sync()
        pending.unlink(missing_ok=True)

    def _parents_digest(self, case: Case) -> str:
        """The case's parents in their order, as a keyed digest: no name in the file."""
        text = json.dumps([p.model_dump(mode="json") for p in case.foreldre], sort_keys=True)
        return hmac.new(self._key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    # -- disagreements between exports, until their note is written ----------------------
    def remember_conflicts(self, pseudonym: str, conflicts: list[str],
                           sources: dict[str, Any]) -> None:
        """Before the merged case is saved: a crash before the case folder's note is written
        would otherwise lose them (the redo finds nothing to disagree about). Field paths
        and export names only, never values."""
        path = self._conflicts_path(pseudonym)
        ensure_dir(path.parent)
        write_text_atomic(path, dumps({"conflicts": conflicts, "sources": sources}))

    def has_pending_conflicts(self, pseudonym: str) -> bool:
        """A note on disagreeing exports is still to be written for the case."""
        return self._conflicts_path(pseudonym).exists()

    def _conflicts_path(self, pseudonym: str) -> Path:
        return self.folder / "conflicts" / f"{pseudonym}.json"

    def pending_conflicts(self, pseudonym: str) -> tuple[list[str], dict[str, Any]] | None:
        path = self._conflicts_path(pseudonym)
        data = self.read_json(path)
        if data is None:
            return None
        try:
            return list(data["conflicts"]), dict(data["sources"])
        except (KeyError, TypeError, ValueError):
            raise self.damaged(path) from None

    def forget_conflicts(self, pseudonym: str) -> None:
        self._conflicts_path(pseudonym).unlink(missing_ok=True)

    def load_pseudonym(self, pseudonym: str) -> Case | None:
        """The case stored under this pseudonym, or None; StateDamaged when unreadable."""
        return self._read_case(self.cases_dir / f"{pseudonym}.json")

    def all_cases(self) -> list[Case]:
        """Every case kept; one that cannot be read is left out (and logged), so the
        overviews still show the others.

        Both outbox workbooks ask for every case: read once, the cases are kept (with the
        files as the file system knew them) until forget_cases, which the pipeline calls
        after its workbooks; a file changed in between is read again."""
        paths = sorted(self.cases_dir.glob("sak-*.json"))
        versions = [(path.name, file_version(path)) for path in paths]
        if self._all_cases is not None and self._all_cases[0] == versions:
            return list(self._all_cases[1])
        cases = []
        for path in paths:
            try:
                case = self._read_case(path)
            except StateDamaged as exc:
                log.warning("tilstandsfilen %s kan ikke leses og er utelatt", exc.name,
                            extra={"event": "state_damaged", "case": path.stem})
                continue
            if case is not None:
                cases.append(case)
        self._all_cases = (versions, cases)
        return list(cases)

    def case_heads(self) -> list[CaseHead]:
        """Every case kept, as its head (CaseHead); one that cannot be read is left out and
        logged, as all_cases does. The whole case is read where it is needed
        (load_pseudonym). Read once for both outbox workbooks, as all_cases."""
        names = sorted(name for name in os.listdir(self.cases_dir)
                       if name.startswith("sak-") and name.endswith(".json"))
        versions = [(name, file_version(self.cases_dir / name)) for name in names]
        if self._heads is not None and self._heads[0] == versions:
            return list(self._heads[1])
        heads = []
        for name, version in versions:
            path = self.cases_dir / name
            try:
                head = self._read(path, _Head.model_validate_json)
            except StateDamaged as exc:
                log.warning("tilstandsfilen %s kan ikke leses og er utelatt", exc.name,
                            extra={"event": "state_damaged", "case": path.stem})
                continue
            if head is not None:
                heads.append(CaseHead(
                    name, version, case_key(head.kommunenummer, head.bydel,
                                            head.journalnummer, head.barn.fodselsnummer),
                    head.sluttdato, head.plassering, head.kontaktperson))
        self._heads = (versions, heads)
        return list(heads)

    def forget_cases(self) -> None:
        """Let go of the cases all_cases read, and what the workbooks shared (a watcher
        waits between batches)."""
        self._all_cases = None
        self._heads = None
        self.shared = {}


def _key_file(folder: Path, name: str) -> bytes | None:
    """The bytes of the key or its check file, None when there is none; KeyProblem when what
    is in its place is no regular file (a pipe, a folder, a link): never waited on nor
    followed, and not replaced, as a missing key is not."""
    try:
        return read_state_file(folder / name)
    except FileNotFoundError:
        return None
    except NotAFile:
        raise KeyProblem(folder, "er ikke en vanlig fil", name) from None


def _alias(path: Path) -> str | None:
    """What an alias file holds, or None when there is none (or no file of ours: a pipe, a
    link, a folder, which the next link() replaces)."""
    try:
        return read_state_file(path).decode("utf-8")
    except (FileNotFoundError, NotAFile, UnicodeDecodeError):
        return None


def _in_order(item: tuple[tuple, Any]) -> tuple:
    """A plan row's place in the file: by party, theme and number, a shared one before each
    parent's own."""
    (part, tema, nummer, forelder), _ = item
    return part, tema, nummer, -1 if forelder is None else forelder


def _moved_from(moved: date | None) -> dict[str, str]:
    """A plan row's note of the date a conversation had (schedule.CasePlan.moved), and its
    time when it moved to another time the same day (a datetime)."""
    if moved is None:
        return {}
    if isinstance(moved, datetime):
        return {"flyttet_fra": moved.date().isoformat(),
                "flyttet_fra_klokkeslett": moved.time().isoformat("minutes")}
    return {"flyttet_fra": moved.isoformat()}


def _plan_rows(dates: dict, moved: dict | None = None,
               delays: dict | None = None) -> list[dict[str, Any]]:
    """The plan file's rows (State.save_plan)."""
    moved, delays = moved or {}, delays or {}
    rows = [
        {"part": p, "tema": t, "nummer": n, "dato": d.isoformat(),
         "klokkeslett": k.isoformat("minutes"), **({} if f is None else {"forelder": f}),
         **_moved_from(moved.get((p, t, n, f))),
         **({"grunn": delays[(p, t, n, f)]} if (p, t, n, f) in delays else {})}
        for (p, t, n, f), (d, k) in sorted(dates.items(), key=_in_order)
    ]
    # A conversation left out of the plan (no room before its last day) after its date
    # passed unregistered keeps that date here, so every planning of the case says so
    # alike (schedule.CasePlan.moved).
    rows += [{"part": p, "tema": t, "nummer": n, **({} if f is None else {"forelder": f}),
              "utelatt": True, **_moved_from(day)}
             for (p, t, n, f), day in sorted(moved.items(), key=_in_order)
             if (p, t, n, f) not in dates and not isinstance(day, datetime)]
    return rows


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


@contextmanager
def lock(folder: Path, wait_seconds: float = 2.0,
         said: Tekst | None = None) -> Iterator[None]:
    """Only one process works on a state folder (and so on its inbox) at a time; when another
    does, Busy says so in said's standard (the service's messages; bokmål when None).

    The operating system releases the lock when the process ends, however it ends; a watch
    that starts again in its own process hands it over (keep_lock, hand_over).
    """
    path = Path(folder) / LOCK_FILE
    with _handed_over(path) or open(path, "a+b") as handle:
        deadline = clock.monotonic() + wait_seconds
        while not try_lock(handle.fileno()):
            if clock.monotonic() >= deadline:
                raise Busy((said or tekst())("las.opptatt"))
            clock.sleep(0.1)
        _held[path] = handle.fileno()
        try:
            yield
        finally:
            del _held[path]
            unlock(handle.fileno())


def keep_lock(folder: Path) -> int | None:
    """While lock() holds folder: a second hold on the same lock, which lock()'s end does not
    let go (os.close does), or None when this process does not hold it. For a watch that
    starts again in its own process (hand_over): another run must not take the folders in
    the second between the two."""
    held = _held.get(Path(folder) / LOCK_FILE)
    return None if held is None else os.dup(held)


def hand_over(kept: int) -> None:
    """The lock kept (keep_lock) goes to the program this process is about to become
    (os.exec*; POSIX, where a flock stays with the open file across it): inherited, and named
    in the environment for its lock() to take over without waiting."""
    os.set_inheritable(kept, True)
    info = os.fstat(kept)
    os.environ[LOCK_HANDED_OVER] = f"{kept}:{info.st_dev}:{info.st_ino}"


def _handed_over(path: Path):
    """The lock file handed over by the process this one was (hand_over), open and locked,
    or None. Taken once; a file descriptor that is not the file handed over is left alone,
    and another state folder's lock (the configuration moved the folder) is let go."""
    given = os.environ.pop(LOCK_HANDED_OVER, None)
    if given is None:
        return None
    try:
        fd, device, inode = (int(part) for part in given.split(":"))
        info = os.fstat(fd)
    except (ValueError, OSError):
        return None
    if (info.st_dev, info.st_ino) != (device, inode):
        return None  # not the file handed over: one of this process's own
    try:
        ours = os.path.samestat(info, path.stat())
    except OSError:
        ours = False
    if not ours:
        os.close(fd)
        return None
    os.set_inheritable(fd, False)
    return open(fd, "a+b")


def is_busy(folder: Path) -> bool:
    """True while a run or watcher holds the state folder's lock (needs no key)."""
    try:
        with lock(folder, wait_seconds=0):
            return False
    except Busy:
        return True
