"""Every core for a big export: the cases' documents made in worker processes.

A case's documents depend only on the case, its plan and the templates, so they can be made
anywhere; what cases share stays in the process that reads the export. That process reads
each case, merges it into the state, decides whether it qualifies and claims its folder
(case_step.prepare, in order), then hands the case to a worker. The worker runs
case_step.render_case with a workspace of its own: its own ledger connection (SQLite orders
the writes of different processes), its templates prepared once. One case is in at most one
worker at a time, and the file is archived only after every case's documents are committed.
A case whose inputs and day are as before is passed over in the reading process
(incremental.py step 1); any other is prepared once, where it is rendered, and compared
there with what its documents were (step 2) before anything is written.

A small file is rendered where it is read: starting workers costs a second or so, which pays
off from some dozens of cases. Workers: the cores this process may use, or the number in
OMSORGSPAKKE_WORKERS (1 renders everything in the reading process).

Workers are started with "spawn" on every platform (forking a process that runs watchdog
threads and holds a SQLite connection is unsafe; Windows has nothing else). They ignore
Ctrl-C and SIGTERM, so a stop request reaches the reading process alone, which finishes the
file in hand as before; their log records go to the reading process's loggers.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from logging.handlers import QueueHandler, QueueListener
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ..config import Settings
from ..domain.model import Case
from ..errors import UsageError
from ..plugins import carry_where, manager_for
from ..store.incremental import Checked, Unchanged
from ..text import tekst
from .case_step import Rendered, case_key, prepare_documents, render_case, say_held_open
from .workspace import Workspace

log = logging.getLogger("omsorgspakke")

PR_SET_PDEATHSIG = 1
"""prctl option: the signal this process gets when its parent ends (linux/prctl.h)."""
START_AFTER = 8
"""Cases of one file rendered in the reading process before workers are started: a file of
many cases that are mostly as before (a new day, a re-export) may have only a few to make."""
WORKERS_PAY_OFF_S = 3.0
"""Seconds of making cases in one process that starting the workers pays off against: each
imports the program and prepares the templates (measured on a steady caseload's next day,
300 cases, two workers: 1.2 s more CPU and twice the wall time of making its 31 due cases in
the reading process). When the file's size is known (CaseRenders' expected), workers are
started only when what is left of it, at the share of cases and the time per case made so
far, takes longer."""
LARGE_INPUT = 256 * 1024
"""An input of this many bytes or more holds dozens of cases at the least: no one waits for
one case's first document (render_case's first_alone)."""
HERE_WHILE_STARTING = True
"""Cases are made in the reading process while the workers start (a second or so of
imports and templates): the cores are not left waiting for them."""
IN_FLIGHT_PER_WORKER = 2
"""Cases handed out per worker and not yet done: enough to keep it busy, few enough that a
file of 50,000 cases is never all in memory at once."""


Done = Callable[[Rendered], None]


def default_workers() -> int:
    if configured := os.environ.get("OMSORGSPAKKE_WORKERS"):
        try:
            return max(1, int(configured))
        except ValueError:  # said before any file is taken, not a traceback's type name
            raise UsageError(tekst()("bruksfeil.arbeidere", verdi=configured[:20])) from None
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def unchanged_for(ws: Workspace) -> Unchanged:
    return Unchanged(ws.state, ws.settings)


def render_here(ws: Workspace, unchanged: Unchanged, case: Case, folder: Path, today: date,
                move_missed: bool = True, first_alone: bool = True) -> Rendered:
    """A case's documents made in this process: prepared, compared with what they were
    (incremental.py step 2), and written where they changed."""
    prepared = prepare_documents(ws, case, today, move_missed, folder)
    if unchanged.same_documents(case, folder, prepared):
        rendered = Rendered(0)
        if prepared.issued is not None and prepared.issued.migrates():
            # Issues kept by a release before, now kept field by field (store/issued.py):
            # on this release's first run, so a later one's rewording finds them so.
            prepared.issued.save()
        # Nothing to write, but minutes still open (render_case says it when it writes).
        say_held_open(ws.state.pseudonym(case_key(case)), prepared)
    else:
        rendered = render_case(ws, case, folder, prepared, first_alone)
        unchanged.remember(case, folder, prepared)
    rendered.held_open = bool(prepared.ctx.held_open)
    after_case(ws, case, today)
    return rendered


def after_case(ws: Workspace, case: Case, today: date) -> None:
    """The after_case hook (hookspecs.py), each plugin on its own: what one fails to do
    here, its after_batch does (the case's documents are made and committed already)."""
    given = {"case": case, "today": today, "workspace": ws, "shared": {}}
    for impl in reversed(ws.pm.hook.after_case.get_hookimpls()):  # pluggy's order
        try:
            impl.function(*[given[name] for name in impl.argnames])
        except Exception as exc:  # noqa: BLE001 - its after_batch does it instead
            if impl.plugin_name not in _FAILED_AFTER_CASE:  # once, not once per case
                _FAILED_AFTER_CASE.add(impl.plugin_name)
                log.warning("steget etter hver sak i %s feilet (%s); det gjøres i stedet "
                            "etter filen", impl.plugin_name, type(exc).__name__,
                            extra={"event": "after_case_failed"})


_FAILED_AFTER_CASE: set[str] = set()
"""Plugins whose after_case failed in this process (said once)."""


class CaseRenders:
    """Where one file's cases get their documents: here, or in workers once there are many.

    Use as a context manager around the file's cases: leaving it normally waits for every
    case (raising the first error); leaving it by an error cancels what has not started and
    waits for what has, so no worker writes after the file is put aside.
    """

    def __init__(self, ws: Workspace, today: date, workers: int = 1, move_missed: bool = True,
                 large: bool = False, unchanged: Unchanged | None = None,
                 expected: int | None = None):
        self.ws = ws
        self.today = today
        self.workers = workers
        self.first_alone = not large
        """large: many cases come (LARGE_INPUT): a case's documents go together."""
        self.move_missed = move_missed
        """False for a day's refresh without an export (case_step.folder_and_plan)."""
        self.unchanged = unchanged or unchanged_for(ws)
        """unchanged: the caller's, when it has one already (refresh.py)."""
        self.expected = expected
        """The cases to come in all, when known: workers start only when they pay off."""
        self._looked = 0
        """Cases submitted."""
        self._seen = 0
        """Cases submitted that had to be made (not passed over whole)."""
        self._here_s = 0.0
        """Time spent making cases here before the workers were started."""
        self._pool: ProcessPoolExecutor | None = None
        self._started: Future = Future()
        """Done once a worker has started (its first task, _started_worker, is done)."""
        self._logs: QueueListener | None = None
        self._inflight: dict[str, tuple[Future, Case, Path, Done]] = {}
        """Case key -> (its future, the case, its folder, what to call when it is done)."""

    def __enter__(self) -> CaseRenders:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.finish()
        finally:
            self.close()

    def submit(self, case: Case, folder: Path, done: Done,
               checked: Checked | None = None) -> Checked:
        """Make the case's documents, then call done with the result (in this process).
        checked: what step 1 rested on before (store/readings.py), when known; what it
        rests on now is returned."""
        key = str(case.key)
        if key in self._inflight:  # the same case twice in a file: one writer at a time
            self._settle(self._inflight.pop(key))
        self._looked += 1
        checked = self.unchanged.same_as_before(
            case, folder, self.today, checked or Checked(self.unchanged.inputs(case, folder)))
        if checked.same:
            done(Rendered(0))
            return checked
        self._seen += 1
        if self._pool is None and self.workers > 1 and self._seen > START_AFTER \
                and self._workers_pay_off():
            self._start()
        if self._pool is None or (HERE_WHILE_STARTING and not self._started.done()):
            start = time.perf_counter()
            done(render_here(self.ws, self.unchanged, case, folder, self.today,
                             self.move_missed, self.first_alone))
            if self._pool is None:
                self._here_s += time.perf_counter() - start
            return checked
        while self._pool is not None and (
                len(self._inflight) >= IN_FLIGHT_PER_WORKER * self.workers):
            self._settle_next()
        if self._pool is None:  # the workers stopped while this case waited (_settle)
            done(render_here(self.ws, self.unchanged, case, folder, self.today,
                             self.move_missed, self.first_alone))
            return checked
        try:
            future = self._pool.submit(_render, case, folder, self.move_missed)
        except BrokenProcessPool:
            future = Future()
            future.set_exception(BrokenProcessPool("the workers stopped"))
        self._inflight[key] = (future, case, folder, done)
        return checked

    def finish(self) -> None:
        while self._inflight:
            self._settle_next()

    def close(self) -> None:
        self.workers = 1  # anything submitted after this is rendered here
        self._inflight.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._logs is not None:
            self._logs.stop()
            self._logs = None

    # -- internals ------------------------------------------------------------------------
    def _workers_pay_off(self) -> bool:
        """Whether the rest of the file, made here at the pace so far, would take longer
        than starting the workers costs (WORKERS_PAY_OFF_S): a new day's export of a steady
        caseload, a tenth of whose cases are due, is made here. Not knowing the rest: yes."""
        if self.expected is None:
            return True
        left = max(self.expected - self._looked, 0)
        per_case = self._here_s / max(self._seen - 1, 1)  # (the case in hand: not yet made)
        return left * (self._seen / self._looked) * per_case >= WORKERS_PAY_OFF_S

    def _settle_next(self) -> None:
        finished, _ = wait([e[0] for e in self._inflight.values()], return_when=FIRST_COMPLETED)
        for key in [k for k, entry in self._inflight.items() if entry[0] in finished]:
            if key in self._inflight:
                self._settle(self._inflight.pop(key))

    def _settle(self, entry) -> None:
        future, case, folder, done = entry
        try:
            result = future.result()
        except BrokenProcessPool:
            # A worker died or could not start (a script without a __main__ guard, say).
            # Making a case's documents again is safe: the ledger knows what was written.
            log.warning("arbeidsprosessene stoppet; resten av filen behandles i denne prosessen",
                        extra={"event": "workers_stopped"})
            self.ws.state.left_behind = True  # its half-written files: the next run removes
            rest = [entry, *self._inflight.values()]
            self.close()
            for _, case, folder, done in rest:
                done(render_here(self.ws, self.unchanged, case, folder, self.today,
                                 self.move_missed, self.first_alone))
            return
        done(result)

    def _start(self) -> None:
        context = get_context("spawn")
        queue = context.Queue()
        self._logs = QueueListener(queue, _ToLoggers())
        self._logs.start()
        level = logging.getLogger("omsorgspakke").getEffectiveLevel()
        self._pool = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker,
            initargs=(self.ws.settings, self.today, queue, level, os.getpid()),
        )
        self._started = self._pool.submit(_started_worker)


class _ToLoggers(logging.Handler):
    """In the reading process: a worker's record goes to the logger it was logged on."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger(record.name).handle(record)


# -- in the worker processes --------------------------------------------------------------
_worker: dict[str, Any] = {}


def _start_worker(settings: Settings, today: date, queue, level: int, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _end_with_parent(parent)
    root = logging.getLogger()
    root.handlers[:] = [QueueHandler(queue)]
    logging.getLogger("omsorgspakke").setLevel(level)
    ws = Workspace.open(settings, manager_for(settings), reads=False)
    _worker.update(parent=parent, ws=ws, today=today, unchanged=unchanged_for(ws))


def _end_with_parent(parent: int) -> None:
    """On Linux, the kernel ends this worker when the reading process ends, however it ends.

    Without it a worker whose parent was killed would wait for work for ever. Ending it
    abruptly is safe: documents are written atomically and the ledger tells a half-done
    write from a done one (commit.py). Elsewhere _render's check below is what there is.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl (e.g. musl without it): the check remains
        return
    if os.getppid() != parent:  # the parent was gone before the request was made
        os._exit(0)


def _started_worker() -> None:
    """The first task: done when a worker is ready for cases."""


def _render(case: Case, folder: Path, move_missed: bool = True) -> Rendered:
    if os.getppid() != _worker["parent"]:
        raise SystemExit("the reading process is gone")  # orphaned: write nothing more
    # Many cases, in turn: a case's documents go together (render_case's first_alone).
    try:
        return render_here(_worker["ws"], _worker["unchanged"], case, folder,
                           _worker["today"], move_missed, first_alone=False)
    except Exception as exc:
        # Its frames stay here: the plugin's file and line go with it, for the note beside
        # the file and the log (file_step._failure), as when it raises in the reading process.
        carry_where(exc, _worker["ws"].settings.paths.plugins)
        raise
