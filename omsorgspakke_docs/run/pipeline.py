"""One run over the inbox, top to bottom: claim each file, hand it to the file step (detect,
read, then per case merge, plan, render and commit; then move), add up the results, make the
letters of stored cases that fall due today (refresh.py), and end the batch with the
after_batch hook.

Every input ends in exactly one place: the archive when all its cases are committed, the
failed folder with a Norwegian note when the file itself is bad. An error that may pass (a
locked file, a share offline) leaves the file claimed for a retry (file_step.py decides). Log
lines and the summary carry counts and pseudonyms only, never names, identity numbers or file
contents.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from .. import logs
from ..adapters.mapping import kommunenummer
from ..config import Settings
from ..intake import inbox
from ..store import retention
from ..store.commit import fsync_dir, remove_leftovers, write_atomic
from ..store.ledger import RETRY
from ..text import tekst
from . import parallel
from .file_step import TRANSIENT, FileResult, handle_file, name_ref, passing_error_text
from .refresh import refresh
from .summary import Summary
from .workspace import Workspace

log = logging.getLogger("omsorgspakke")

RUN_ATTEMPTS = 3
"""How often run tries a file that meets an error that may pass, before leaving it for later."""

Progress = Callable[[str], None]


ENDED_WELL = "avsluttet"
"""In the state folder while no session runs, when the last one ended as it should."""


class Pipeline:
    """The run loop of `run` and `watch`: a workspace, opened once, and the steps over it."""

    def __init__(self, settings: Settings, pm, progress: Progress | None = None,
                 workers: int | None = None):
        self.ws = Workspace.open(settings, pm)
        kommunenummer.log_kept(self.ws.adapters)  # the shipped kommunenummer, said once in the log
        self.progress = progress or (lambda message: None)
        self.workers = workers or parallel.default_workers()
        """Processes making a big export's documents (parallel.py); 1 makes them all here."""

    @property
    def settings(self) -> Settings:
        return self.ws.settings

    def run(self, today: date) -> Summary:
        """Every file now in the inbox, and every file a stopped run left claimed, once."""
        summary = Summary()
        passes = logs.Passes(summary, "run")
        with passes.failing(), self.session():
            retention.apply(self.settings)
            inbox.report_refused(self.settings.paths.inbox)
            interrupted = inbox.interrupted(self.settings.paths.inbox)
            work = interrupted + inbox.pending(self.settings.paths.inbox)
            passes.start(len(work))
            for number, path in enumerate(work, start=1):
                self.progress(tekst(self.settings.messages_malform)(
                    "sammendrag.behandler", nummer=number, av=len(work)))
                recovered = path in interrupted
                claimed = path if recovered else self._claim_with_retries(path, summary)
                if claimed is None:
                    continue
                result = self._handle_with_retries(claimed, today, recovered)
                summary.add(result)
                if result.disk_full:
                    log.error("disken er full: ingen flere filer tas inn før det er frigjort "
                              "plass; kjør på nytt etterpå", extra={"event": "disk_full"})
                    break
            self.refresh(summary, today)
            self.after_batch(summary, today)
            passes.finish()
        return summary

    def refresh(self, summary: Summary, today: date) -> None:
        """The letters of stored cases that fall due today, with or without an export.

        An error that may pass (a document open in Word, a share away, a full disk) leaves
        them for the next run, as after_batch does; it never ends the run."""
        try:
            refresh(self.ws, today, self.workers, summary.add_refreshed)
        except TRANSIENT as exc:
            log.warning("brev som forfaller i dag ble ikke laget: %s; prøves igjen ved neste "
                        "kjøring", passing_error_text(exc),
                        extra={"event": "refresh_failed", "error": type(exc).__name__})

    @contextmanager
    def session(self) -> Iterator[None]:
        """The state locked and the ledger open; first, temporary files a killed process left
        behind are removed (files it left claimed are handled like any other file), and the
        documents written before their confirmation was lost are confirmed (Ledger.settle).

        Only after a session that did not end as it should: each one that does says so in
        the state (ENDED_WELL), so a run does not look through every case folder for what
        is there only after a kill, a crash or a worker that died."""
        state = self.ws.state
        with state.lock(said=tekst(self.settings.messages_malform)), self.ws.ledger:
            ended_well = state.folder / ENDED_WELL
            if ended_well.exists():
                ended_well.unlink()
                fsync_dir(state.folder)  # gone for good: a crash from here is seen next time
            else:
                for folder in (self.settings.paths.outbox, self.settings.paths.state,
                               self.settings.paths.failed, self.settings.paths.archive):
                    if folder.is_dir():
                        remove_leftovers(folder)
            self.ws.ledger.settle(self.settings.paths.outbox)  # (a confirmation lost)
            state.left_behind = False
            yield
            state.sync()  # what was saved outside a file (a new day's plans)
            if not state.left_behind:
                write_atomic(ended_well, b"", durable=False)  # lost: the next one looks

    def handle(self, claimed: Path, today: date, recovered: bool = False) -> FileResult:
        """One claimed file through the file step."""
        return handle_file(self.ws, claimed, today, recovered=recovered, workers=self.workers)

    def after_batch(self, summary: Summary, today: date) -> None:
        """The after_batch hook, each plugin on its own: one whose error may pass (a locked
        workbook) does not keep the next from running; it runs again after the next batch."""
        given = {"summary": summary, "today": today, "workspace": self.ws}
        try:
            for impl in reversed(self.ws.pm.hook.after_batch.get_hookimpls()):  # pluggy's order
                try:
                    message = impl.function(*[given[name] for name in impl.argnames])
                except TRANSIENT as exc:
                    log.warning("et steg etter behandlingen ble ikke fullført: %s",
                                passing_error_text(exc), extra={"event": "after_batch_failed",
                                                                "error": type(exc).__name__})
                    continue
                if message:
                    self.progress(str(message))
        finally:
            self.ws.state.forget_cases()  # read once for both workbooks (State.all_cases)

    def retry_delay(self, attempt: int) -> float:
        watch = self.settings.watch
        return min(watch.retry_max_seconds, watch.retry_first_seconds * 2 ** (attempt - 1))

    def name_ref(self, path: Path) -> str:
        return name_ref(self.ws, path)

    def _claim_with_retries(self, path: Path, summary: Summary) -> Path | None:
        for attempt in range(1, RUN_ATTEMPTS + 1):
            try:
                return inbox.claim(path)
            except OSError as exc:
                ref = self.name_ref(path)
                log.warning("fil %s: kunne ikke tas inn: %s", ref, passing_error_text(exc),
                            extra={"event": "claim_failed", "file": ref, "attempt": attempt,
                                   "error": type(exc).__name__})
                if attempt == RUN_ATTEMPTS:
                    summary.add(FileResult(RETRY, ref, passing_error_text(exc)))
                    return None
                time.sleep(self.retry_delay(attempt))
        return None

    def _handle_with_retries(self, claimed: Path, today: date, recovered: bool) -> FileResult:
        for attempt in range(1, RUN_ATTEMPTS + 1):
            result = self.handle(claimed, today, recovered or attempt > 1)
            if result.outcome != RETRY or attempt == RUN_ATTEMPTS or result.disk_full:
                return result
            time.sleep(self.retry_delay(attempt))
        raise AssertionError("unreachable")
