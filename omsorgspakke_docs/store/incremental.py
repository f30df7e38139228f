"""An unchanged case is passed over whole, before any of its documents is looked at.

The ledger already leaves an unchanged document untouched (commit.DocumentWriter), but it
learns that document by document: every context built, every calendar file made, every file
on disk hashed. For an export whose cases are nearly all as before, that is most of the cost
of making them. Here a case is first compared as a whole, in two steps, against a record
kept in the state folder after its documents were committed:

1. Without making anything: its inputs (the merged case less fields only merging uses, its
   stored plan dates, the case folder, templates, settings, programme, this program's code
   and plugins) are as recorded, and today answers every question the documents asked of
   the day as the day of the record did (rendering/watched_day.py: "is this conversation
   before today?", the child's age). Then the documents would come out the same.
2. Else its documents are prepared (contexts, issue dates, fingerprints: each covers what
   that document shows, so neither the day of the run nor a field no template reads:
   rendering/prepare.py), where it is rendered (a worker, for many cases: it is prepared
   once), and a fingerprint of all of them equal to the recorded one means the same
   documents; the record takes the new inputs and answers.

Either way every file of the earlier run must still be in place. Anything else goes the
usual way, document by document.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from datetime import date
from functools import cache
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..config import Settings
from ..domain import programme as programmes
from ..domain.merge import MERGE_ONLY
from ..rendering.prepare import PreparedCase
from ..rendering.watched_day import answered_alike, same_answers
from ..text import MALFORMER
from .commit import TEMP_PREFIX, ensure_dir, read_state_file, write_atomic
from .state import State, file_version
from .written import is_text

log = logging.getLogger("omsorgspakke")

FOLDER = "rendered"
LIBRARIES = ("docxtpl", "python-docx", "openpyxl", "jinja2", "lxml", "icalendar")
PACKAGE = Path(__file__).resolve().parents[1]


class Unchanged:
    """Fingerprints of cases, and what was on disk when their documents were last made."""

    def __init__(self, state: State, settings: Settings):
        self.state = state
        self.folder = ensure_dir(state.folder / FOLDER)
        made_from = {
            "code": code_version(settings.paths.plugins),
            "settings": dataclasses.asdict(settings),
            # A programme is its file (domain/programme.py load): the files' bytes, not the
            # programmes loaded and dumped (a run with nothing to make loads no nynorsk one).
            "programmes": {m: _file_digest(programmes.source(settings, m)) for m in MALFORMER},
            "programme": _file_digest(settings.programme_file or programmes.BUNDLED["bokmal"]),
        }
        self._common = digest(made_from)
        self.plans_with = self._common
        """What every case's plan is made from besides the case, its kept dates and the
        day: code, settings and programmes (readings.py)."""
        self._templates_version = folder_version(Path(settings.paths.templates))
        self.made_with = digest([self._common, self._templates_version])
        """What every case's inputs share: code, settings, programme and templates."""

    def inputs(self, case, folder: Path) -> str:
        """What the case's documents are made from, read without making them: the case (less
        what only merging uses), the plan dates kept, the folder, templates, settings, code."""
        plan = self.state.plans_dir / f"{self.state.pseudonym(case.key)}.json"
        return digest({
            "common": self._common, "templates": self._templates_version,
            "case": case.model_dump(mode="json", exclude=MERGE_ONLY), "folder": str(folder),
            "plan": plan.read_text(encoding="utf-8") if plan.exists() else None,
        })

    def same_as_before(self, case, folder: Path, today: date, checked: Checked) -> Checked:
        """Step 1, nothing made: every file of the earlier run is in place, the inputs
        (self.inputs, or as the reading recalled them: store/readings.py) are as then and
        today answers what the documents asked of the day as then did. In the reading
        process, for every case. Returns checked with its proof when the answer is yes.

        A proof from an earlier yes (Checked.proof) stands for the record while the record
        file and the case folders are as the file system knew them and today is among the
        days that answer its questions alike: nothing is read."""
        path = self._record(case)
        proof = checked.proof
        if proof is not None and proof.get("inputs") == checked.inputs and (
                proof.get("record") == file_version(path)) and (
                _within(proof.get("days"), today)) and _folders_as(proof, folder):
            return checked
        record = self._load(case)
        if record is None or record.get("inputs") != checked.inputs or not (
                same_answers(record.get("answers"), today)) or not self._in_place(record, folder):
            return Checked(checked.inputs)
        return Checked(checked.inputs, {
            "inputs": checked.inputs, "record": file_version(path),
            "days": list(answered_alike(record.get("answers"), today) or ()),
            "folders": _folder_versions(folder)})

    def same_documents(self, case, folder: Path, prepared: PreparedCase) -> bool:
        """Step 2, where the case is rendered (a worker, for many): the documents made now
        have the fingerprints they had, and every file is in place. Then the record takes the
        new inputs and answers, and nothing is written."""
        record = self._load(case)
        if record is None or record.get("documents") != prepared.digest() or (
                not self._in_place(record, folder)):
            return False
        self.remember(case, folder, prepared)
        return True

    def due(self, today: date) -> Iterator[str]:
        """The pseudonyms of cases whose documents today would change: their last documents
        asked a question of the day that today answers otherwise (an invitation now in its
        window, a conversation now passed), or were made with other code, settings or
        templates (made_with). Only the records are read, never a case."""
        for path in sorted(self.folder.glob("sak-*.json")):
            try:
                record = json.loads(read_state_file(path))
            except (OSError, ValueError, RecursionError):  # gone, cut short: look at the case
                record = None
            if not isinstance(record, dict):
                yield path.stem
                continue
            # Made with other code, words, settings, programme or templates (a new release,
            # the municipality's own template changed): its documents may read otherwise,
            # though the day asks nothing new of them. Without this, a release's new words
            # reached a case only on its next export or letter day.
            if record.get("made_with") != self.made_with \
                    or not same_answers(record.get("answers"), today):
                yield path.stem

    def remember(self, case, folder: Path, prepared: PreparedCase) -> None:
        """After the case's documents are committed: what they were made from, what is there."""
        files = sorted(name for name in _files(folder)
                       if not name.rsplit("/", 1)[-1].startswith(TEMP_PREFIX))
        record = {"inputs": self.inputs(case, folder), "answers": prepared.answers,
                  "documents": prepared.digest(), "files": files, "made_with": self.made_with}
        # A cache: lost in a crash, the next run prepares the case and compares (step 2).
        write_atomic(self._record(case), json.dumps(record, ensure_ascii=False).encode("utf-8"),
                     durable=False)

    def made_on_a_day_like(self, pseudonym: str, first: date, last: date) -> bool:
        """Whether the case's last documents read as they would if made on some day from
        first to last: their record's answers (what they asked of the day) are those of one
        of those days. No record, or one whose answers prove nothing: no."""
        try:
            record = json.loads(read_state_file(self.folder / f"{pseudonym}.json"))
        except (OSError, ValueError, RecursionError):
            return False
        answers = record.get("answers") if isinstance(record, dict) else None
        day = first
        while day <= last:
            if same_answers(answers, day):
                return True
            alike = answered_alike(answers, day)  # the next day that answers otherwise
            if alike is None or alike[1] > last.toordinal():
                return False
            day = date.fromordinal(alike[1])
        return False

    def forget(self, pseudonym: str) -> None:
        """The case's record is dropped (a case whose programme is over): its documents are
        not made again by the day, and an export that brings it back makes them anew."""
        (self.folder / f"{pseudonym}.json").unlink(missing_ok=True)

    def _load(self, case) -> dict | None:
        """The case's record, or None. A damaged one (cut short by a power cut) is as none,
        and said: the case's documents are made and compared with what is on disk, where
        the ledger keeps a caseworker's edit from being overwritten."""
        path = self._record(case)
        try:
            record = json.loads(read_state_file(path))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError):  # (a pipe, a folder, a link: no record)
            record = None
        if isinstance(record, dict):
            return record
        name = path.relative_to(self.state.folder).as_posix()
        log.warning("tilstandsfilen %s kan ikke leses; sakens dokumenter lages og sammenlignes "
                    "med dem som ligger i mappen", name,
                    extra={"event": "state_damaged", "case": path.stem})
        return None

    @staticmethod
    def _in_place(record: dict, folder: Path) -> bool:
        return set(record.get("files", ())) <= set(_files(folder))

    def _record(self, case) -> Path:
        return self.folder / f"{self.state.pseudonym(case.key)}.json"


def ask_again(state: State, pseudonym: str) -> None:
    """The case's documents made again by the next refresh (Unchanged.due), though nothing
    of its own changed: another case of its contact person now meets, or no longer meets,
    on a day it has a kept date, and its plan may say otherwise whether the contact person
    can be at both (planning/bookings.py record). Its record loses the day's answers, so no
    day proves its documents as before; a case with no record is made anyway."""
    path = state.folder / FOLDER / f"{pseudonym}.json"
    try:
        record = json.loads(read_state_file(path))
    except (OSError, ValueError, RecursionError):  # none, or damaged: made anyway
        return
    if isinstance(record, dict) and record.get("answers") is not None:
        record["answers"] = None
        write_atomic(path, json.dumps(record, ensure_ascii=False).encode("utf-8"),
                     durable=False)


@dataclasses.dataclass
class Checked:
    """What step 1 rests on: the case's inputs digest, and, when it found the documents as
    before, the proof (Unchanged.same_as_before)."""

    inputs: str
    proof: dict | None = None

    @property
    def same(self) -> bool:
        return self.proof is not None


def _within(days, today: date) -> bool:
    """today is among the days that answer the record's questions as when it was proved
    (watched_day.answered_alike)."""
    return isinstance(days, list) and len(days) == 2 and (
        days[0] <= date.toordinal(today) < days[1])


def _folder_versions(folder: Path) -> dict[str, int]:
    """The modification time of the case folder and each folder in it: it changes when a
    file in that folder is added, removed or renamed."""
    return {Path(top).relative_to(folder).as_posix(): os.stat(top).st_mtime_ns
            for top, _, _ in _walk(folder)}


def _folders_as(proof: dict, folder: Path) -> bool:
    known = proof.get("folders")
    if not isinstance(known, dict):
        return False
    try:
        return all(os.stat(folder / name).st_mtime_ns == ns for name, ns in known.items())
    except OSError:
        return False


def _files(folder: Path):
    """The files under folder, as relative POSIX paths: a directory listing per folder, no stat
    per file (a case folder holds some ninety)."""
    for top, _, names in _walk(folder):
        relative = Path(top).relative_to(folder).as_posix()
        prefix = "" if relative == "." else relative + "/"
        for name in names:
            if is_text(name):
                yield prefix + name


def _walk(folder: Path):
    """os.walk, but not into a folder whose name is no text (written.is_text): a file or
    folder named so is never one of ours, and no record here can hold its name."""
    for top, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if is_text(name)]
        yield top, folders, names


@cache
def code_version(plugins: Path) -> str:
    """This program's own code and data, its words (the text catalogues: a note reworded is
    written anew), the local plugins, installed plugins and libraries."""
    files = sorted(PACKAGE.rglob("*.py")) + sorted((PACKAGE / "data").rglob("*"))
    files += sorted((PACKAGE / "text").glob("*.toml"))
    files += sorted(Path(plugins).glob("*.py")) if Path(plugins).is_dir() else []
    digest = hashlib.sha256(__version__.encode())
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    installed = [f"{ep.dist.name}={ep.dist.version}" for ep in
                 metadata.entry_points(group="omsorgspakke_docs") if ep.dist is not None]
    for name in LIBRARIES:
        try:
            installed.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            installed.append(f"{name}=-")
    digest.update("\n".join(sorted(installed)).encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def folder_version(folder: Path) -> str:
    """A folder's files as the file system knows them: a stat each, no reading.

    The change time and inode are in it because copying can keep a modification time.
    """
    entries: list[tuple] = []
    for path in folder.iterdir() if folder.is_dir() else ():
        if path.is_dir():  # templates/nb/ and templates/nn/
            entries.append((path.name, folder_version(path)))
            continue
        info = path.stat()
        entries.append((path.name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
    return digest(sorted(entries))


def digest(value) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
