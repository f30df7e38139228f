"""Structured logs: one JSON object per line, rotated by size, pseudonyms and counts only.

Log lines carry file references (a prefix of the content's SHA-256) and case pseudonyms
(a keyed hash), never a name, an identity number, a file name or file contents. As a last
line of defence, anything shaped like an 11-digit identity number is masked (however it is
grouped: idnumber.hidden), and so is a journal number a message names («saken med
journalnummer 2026/1234», a refused file's reason: staff read it in the note beside the
file). The console is masked the same way: run as a service, it is a log too (systemd's
journal, WinSW's log files; docs/operations.md).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .config import Settings
from .domain.idnumber import hidden
from .errors import reason
from .store.commit import ensure_dir
from .text import DEFAULT, Tekst, tekst

LOG_NAME = "omsorgspakke"
LOG_FILE = "omsorgspakke.jsonl"
FIELDS = ("event", "file", "case", "outcome", "attempt", "error", "documents", "retry_in_s",
          "command", "files_found", "files_ok", "duplicates", "files_failed", "files_waiting",
          "cases", "cases_skipped", "documents_written", "duration_s")
_JOURNAL_NUMBER = re.compile(r"journalnummer [^\s,()]+")


def _masked(message: str) -> str:
    return _JOURNAL_NUMBER.sub("[journalnummer]", hidden(message))


COUNTED = ("files_ok", "duplicates", "files_failed", "cases", "cases_skipped",
           "documents_written")
"""The Summary counts a run_finished line carries (for a pass of watch: that pass's)."""


class Passes:
    """The run_started and run_finished lines of `run`, and of each pass of `watch` (the
    files one wake-up found, or the day's letters): counts and the command only, never a
    file name or a case, so that monitoring sees that the service runs and what it made."""

    def __init__(self, summary, command: str, clock=time.monotonic) -> None:
        self.summary, self.command, self.clock = summary, command, clock
        self.started: float | None = None
        self.before: dict[str, int] = {}

    def start(self, files_found: int | None = None) -> None:
        """A pass begins; nothing when one is under way already."""
        if self.started is not None:
            return
        self.started = self.clock()
        self.before = {key: getattr(self.summary, key) for key in COUNTED}
        extra: dict[str, object] = {"event": "run_started", "command": self.command}
        said = ""
        if files_found is not None:
            extra["files_found"] = files_found
            said = f"; filer i innboksen: {files_found}"
        logging.getLogger(LOG_NAME).info("%s: starter%s", self.command, said, extra=extra)

    def finish(self, failed: BaseException | None = None) -> None:
        """The pass's counts and how long it took; nothing when none was started. failed:
        the error that ended the pass, named by its type only (outcome «failed»): its
        message may quote the data that caused it."""
        if self.started is None:
            return
        counts = {key: getattr(self.summary, key) - self.before[key] for key in COUNTED}
        counts["files_waiting"] = len(self.summary.retrying)
        duration = round(self.clock() - self.started, 1)
        self.started = None
        extra: dict[str, object] = {"event": "run_finished", "command": self.command,
                                    "outcome": "ok" if failed is None else "failed",
                                    "duration_s": duration, **counts}
        ended = "ferdig"
        if failed is not None:
            extra["error"] = type(failed).__name__
            ended = f"stoppet av en feil ({type(failed).__name__})"
        # Info level either way: the console says what stopped a run already (cli.py).
        logging.getLogger(LOG_NAME).info(
            "%s: %s på %.1f s; filer behandlet: %d, like som før: %d, satt til side: %d, "
            "venter: %d; saker: %d, hoppet over: %d; dokumenter skrevet: %d", self.command,
            ended, duration, counts["files_ok"], counts["duplicates"], counts["files_failed"],
            counts["files_waiting"], counts["cases"], counts["cases_skipped"],
            counts["documents_written"], extra=extra)


    @contextmanager
    def failing(self) -> Iterator[None]:
        """A pass that an error ends still has its run_finished line (outcome «failed»):
        a run_started with nothing after it read as a run still under way."""
        try:
            yield
        except BaseException as exc:
            self.finish(failed=exc)
            raise


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created).astimezone().isoformat(
                timespec="milliseconds"),
            "level": record.levelname.lower(),
            "message": _masked(record.getMessage()),
        }
        entry.update({k: getattr(record, k) for k in FIELDS if hasattr(record, k)})
        # Every line has an event for monitoring to match on: the one the code gave, else
        # where it was logged from (module.function), which does not change between runs.
        entry.setdefault("event", f"{record.module}.{record.funcName}")
        if record.exc_info and record.exc_info[0] is not None:
            # The type only: exception messages may quote the data that caused them.
            entry["exception"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False, default=str)


class Console(logging.Formatter):
    """A warning or error on the console, labelled in Norwegian as `check` labels its lines:
    staff who run the program read «ADVARSEL fil 1a2b3c4d5e: satt til side: ...». Masked as
    the log file is (_masked): the note beside a refused file names its case; the console,
    which a service's manager keeps as its log, does not."""

    LABELS = {"WARNING": "ADVARSEL", "ERROR": "FEIL", "CRITICAL": "FEIL"}

    def format(self, record: logging.LogRecord) -> str:
        label = getattr(record, "label", None) or self.LABELS.get(record.levelname,
                                                                  record.levelname)
        return f"{label} {_masked(record.getMessage())}"


class _WarningsToRoot(logging.Handler):
    """Keeps warnings and errors on the console (the root handlers) while INFO goes to file.
    The console line is in the standard of the service's messages (Tekst.said); the log
    file, read by IT and monitoring, keeps the line as code wrote it."""

    def __init__(self, t: Tekst) -> None:
        super().__init__(logging.WARNING)
        self.t = t

    def emit(self, record: logging.LogRecord) -> None:
        if self.t.malform != DEFAULT:
            record = logging.makeLogRecord(record.__dict__)  # the file handler's is unchanged
            record.msg, record.args = self.t.said(_own_words(record, self.t)), None
            label = Console.LABELS.get(record.levelname)
            record.label = self.t(f"sammendrag.{label.lower()}") if label else None
        logging.getLogger().handle(record)


def _own_words(record: logging.LogRecord, t: Tekst) -> str:
    """The record's message with each argument that can say itself in a standard (a
    mapping file's problem: Problem.said) said in t's: its words are in a section of their
    own ([mappingproblem]), which Tekst.said does not look in."""
    args = record.args
    if isinstance(args, tuple) and any(callable(getattr(a, "said", None)) for a in args):
        record = logging.makeLogRecord(record.__dict__)
        record.args = tuple(_said(a, t) for a in args)
    return record.getMessage()


def _said(arg: object, t: Tekst) -> object:
    said = getattr(arg, "said", None)
    return said(t) if callable(said) else arg


class SharedRotatingFileHandler(RotatingFileHandler):
    """Rotation by size that survives a log file held open by another process.

    On Windows an antivirus scanner, a backup agent or an editor can hold the file so it
    cannot be renamed. The standard handler then fails on every line after the size limit
    and the lines are lost. Here a failed rotation keeps writing to the current file and
    tries again after `retry_seconds`; nothing is lost, the file only grows past the limit
    for a while.
    """

    retry_seconds = 60.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._next_try = 0.0

    def shouldRollover(self, record: logging.LogRecord) -> int:  # noqa: N802 - logging's name
        if time.monotonic() < self._next_try:
            return False
        return super().shouldRollover(record)

    def doRollover(self) -> None:  # noqa: N802 - logging's name
        try:
            super().doRollover()
        except OSError:
            self._next_try = time.monotonic() + self.retry_seconds
            if self.stream is None:  # closed before the rename that failed
                self.stream = self._open()


class _LogFile(SharedRotatingFileHandler):
    """The log file; when it cannot be written (a full disk), one Norwegian line on the
    console instead of Python's "--- Logging error ---" with a traceback for every record.
    Warnings still reach the console through the root handlers."""

    failing = False
    """The latest record could not be written; said once until one can be again."""
    t: Tekst = tekst(DEFAULT)
    """The service's messages' standard, for that line (Tekst.said)."""

    def emit(self, record: logging.LogRecord) -> None:
        self._error = False
        super().emit(record)
        if not self._error:
            self.failing = False

    def handleError(self, record: logging.LogRecord) -> None:
        self._error = True
        if self.failing:
            return
        self.failing = True
        error = sys.exc_info()[1]
        why = reason(error) if error else "ukjent feil"
        print(self.t.said(f"Loggfilen kan ikke skrives ({why}); advarsler vises fortsatt her."),
              file=sys.stderr, flush=True)


@contextmanager
def to_file(settings: Settings) -> Iterator[Path]:
    """Log INFO and above to the rotating JSON lines file for the duration of a command."""
    folder = ensure_dir(settings.logs.folder or settings.paths.state / "logs")
    path = folder / LOG_FILE
    handler = _LogFile(
        path, maxBytes=int(settings.logs.max_megabytes * 1024 * 1024),
        backupCount=settings.logs.keep, encoding="utf-8",
    )
    handler.setFormatter(JsonLines())
    handler.t = tekst(settings.messages_malform)
    logger = logging.getLogger(LOG_NAME)
    saved = logger.level, logger.propagate
    console = _WarningsToRoot(handler.t)
    logger.addHandler(handler)
    logger.addHandler(console)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield path
    finally:
        logger.removeHandler(handler)
        logger.removeHandler(console)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        handler.close()
