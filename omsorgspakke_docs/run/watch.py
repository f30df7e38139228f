"""The watched inbox: files taken when complete, one at a time, until stopped.

File-system events (watchdog: native, or polling for network shares) are only hints that wake
the worker. The worker lists the inbox itself at start, on every wake-up and at least every
rescan_seconds, so a lost or overflowed event costs a delay, never a file. Everything that
touches files happens in the worker, in the thread that calls Watcher.run.

A file is complete when it was closed after writing (Linux reports that) and stayed as it
was for a moment, or, where no such event comes, when its size and modification time stayed
unchanged for settle_seconds. Temporary, lock and hidden files are never taken.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from .. import logs
from ..intake import inbox
from ..store import retention, state
from ..store.ledger import RETRY
from .file_step import TRANSIENT
from .pipeline import Pipeline
from .setup_watch import Setup
from .summary import Summary

log = logging.getLogger("omsorgspakke")
# watchdog's inotify emitter reports a harmless race when it is stopped as an error.
logging.getLogger("watchdog.observers.inotify").addFilter(
    lambda record: "called when the thread is inactive" not in record.getMessage()
)

CLOSE_GRACE_SECONDS = 0.2
"""After a close-after-write event: a writer that closes and reopens between chunks has this
long to come back before the file counts as complete."""
OPEN_FALLBACK_SECONDS = 60.0
"""A file being written (modified, not closed) is taken after this long unchanged anyway, in
case its close event was lost."""

Report = Callable[[str, str, float | None], None]
"""report(file reference, outcome, seconds until the retry or None)."""


@dataclass
class _Version:
    size: int
    mtime_ns: int
    since: float
    """When this size and modification time were first seen."""


class Readiness:
    """Which inbox files are complete, from events and from repeated looks at size and mtime."""

    def __init__(self, settle_seconds: float, tracks_closes: bool,
                 clock: Callable[[], float] = time.monotonic):
        self.settle = settle_seconds
        self.tracks_closes = tracks_closes
        self.clock = clock
        self.versions: dict[str, _Version] = {}
        self.closed: set[str] = set()
        self.writing: set[str] = set()

    def hint(self, kind: str, name: str) -> None:
        """'closed' (closed after writing, or moved in) or 'changed' (created, modified)."""
        if kind == "closed":
            self.closed.add(name)
            self.writing.discard(name)
        else:
            self.closed.discard(name)
            if self.tracks_closes:
                self.writing.add(name)

    def observe(self, listing: dict[str, tuple[int, int]]) -> list[str]:
        """The complete files among those listed (name -> (size, mtime_ns)), in listing order."""
        now = self.clock()
        for name in set(self.versions) - set(listing):
            self.forget(name)
        for name, (size, mtime_ns) in listing.items():
            seen = self.versions.get(name)
            if seen is None or (seen.size, seen.mtime_ns) != (size, mtime_ns):
                self.versions[name] = _Version(size, mtime_ns, now)
        self.closed &= listing.keys()  # hints about files never taken (temporary ones)
        self.writing &= listing.keys()
        return [name for name in listing if self._ready_at(name) <= now]

    def next_check(self) -> float | None:
        """When the next file not yet complete may become so."""
        times = [self._ready_at(name) for name in self.versions]
        later = [t for t in times if t > self.clock()]
        return min(later) if later else None

    def forget(self, name: str) -> None:
        self.versions.pop(name, None)
        self.closed.discard(name)
        self.writing.discard(name)

    def _ready_at(self, name: str) -> float:
        seen = self.versions[name]
        if name in self.writing:
            return seen.since + max(OPEN_FALLBACK_SECONDS, self.settle)
        if name in self.closed and seen.size > 0:
            return seen.since + min(CLOSE_GRACE_SECONDS, self.settle)
        return seen.since + self.settle


class _Hints(FileSystemEventHandler):
    """Turns watchdog events for files directly in the inbox into hints for the worker."""

    def __init__(self, folder: Path, hints: queue.SimpleQueue, wake: threading.Event):
        self.folder, self.hints, self.wake = folder, hints, wake

    def dispatch(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            if isinstance(event, (FileClosedEvent, FileMovedEvent)):
                self._put("closed", event.dest_path or event.src_path)
            elif isinstance(event, (FileCreatedEvent, FileModifiedEvent)):
                self._put("changed", event.src_path)
        self.wake.set()

    def _put(self, kind: str, path) -> None:
        path = Path(path if isinstance(path, str) else path.decode())
        if path.parent == self.folder:
            self.hints.put((kind, path.name))


class Watcher:
    def __init__(self, pipeline: Pipeline, polling: bool = False, today: date | None = None,
                 report: Report | None = None, clock: Callable[[], float] = time.monotonic,
                 setup: Setup | None = None):
        self.pipeline = pipeline
        self.settings = pipeline.settings.watch
        self.inbox = pipeline.settings.paths.inbox
        self.polling = polling
        self.fixed_today = today
        self.report = report or (lambda ref, outcome, retry_in: None)
        self.clock = clock
        self.summary = Summary()
        self.passes = logs.Passes(self.summary, "watch")
        self.stopping = threading.Event()
        self.wake = threading.Event()
        self.hints: queue.SimpleQueue = queue.SimpleQueue()
        self.readiness = Readiness(self.settings.settle_seconds,
                                   tracks_closes=not polling and sys.platform.startswith("linux"),
                                   clock=clock)
        self.retries: dict[Path, tuple[int, float]] = {}
        """Claimed files waiting after an error that may pass: (attempts, when to retry)."""
        self.blocked: dict[str, tuple[int, float]] = {}
        """Inbox files that could not be claimed (locked): (attempts, when to try again)."""
        self.inbox_down = False
        self.full: Path | None = None
        """The claimed file that met a full disk: until it gets through, it alone is tried
        again, and no other file is taken (errors.disk_full)."""
        self.refused: set[Path] = set()
        """Inbox entries never taken (links, FIFOs) that were reported already."""
        self.on_start: Callable[[], None] = lambda: None
        """Called once the watcher holds the state lock and watches the inbox."""
        self.setup = setup
        """The files it runs with (setup_watch.py), looked at while it waits for files."""
        self.setup_looked = clock()
        self.restart = False
        """Set when run() returned because the setup changed: start it again."""
        self.kept_lock: int | None = None
        """With restart: the state folder's lock, kept past run() for the watch started
        again (state.keep_lock), so no run takes the folders in between; os.close lets go."""

    def stop(self) -> None:
        """Finish the file in hand, then return from run(). Safe from a signal handler."""
        self.stopping.set()
        self.wake.set()

    def run(self) -> Summary:
        with self.passes.failing(), self.pipeline.session(), self._observer():
            self.on_start()
            for claimed in inbox.interrupted(self.inbox):
                if self.stopping.is_set():
                    break
                if self.full is not None:  # waits its turn after the one that met the disk
                    self.retries.setdefault(claimed, (0, self.clock()))
                    continue
                self._handle(claimed, recovered=True)
            day = None
            while not self.stopping.is_set():
                if day != date.today():
                    day = date.today()
                    self._daily()
                handled = self._step()
                if handled and self.full is None:
                    self.pipeline.after_batch(self.summary, self._today())
                    self.passes.finish()
                else:
                    self.passes.finish()
                    if self._setup_changed():
                        break
                    self.wake.wait(self._timeout())
                    self.wake.clear()
            self.passes.finish()
        return self.summary

    def _daily(self) -> None:
        """At start and once a day, what a run does every time: retention, the letters that
        fall due today (refresh.py), fresh overviews."""
        self.passes.start()
        try:
            retention.apply(self.pipeline.settings)
        except TRANSIENT as exc:
            log.warning("gamle filer kunne ikke slettes nå (%s)", type(exc).__name__,
                        extra={"event": "retention_failed", "error": type(exc).__name__})
        try:
            self.pipeline.refresh(self.summary, self._today())
        except TRANSIENT as exc:  # a locked document: tried again the next day
            log.warning("brev som forfaller i dag ble ikke laget nå (%s)", type(exc).__name__,
                        extra={"event": "refresh_failed", "error": type(exc).__name__})
        self.pipeline.after_batch(self.summary, self._today())

    def _setup_changed(self) -> bool:
        """Between files, at most once per rescan_seconds: whether the program, its settings,
        mappings or plugins changed, so that the watch must start again to use them."""
        if self.setup is None or self.clock() - self.setup_looked < self.settings.rescan_seconds:
            return False
        self.setup_looked = self.clock()
        self.restart = self.setup.changed()
        if self.restart:
            self.kept_lock = state.keep_lock(self.pipeline.ws.state.folder)
        return self.restart

    # -- one round -----------------------------------------------------------------------
    def _step(self) -> int:
        while not self.hints.empty():
            self.readiness.hint(*self.hints.get())
        handled = 0
        now = self.clock()
        for claimed, (_, at) in sorted(self.retries.items(), key=lambda item: item[1][1]):
            if self.full not in (None, claimed):
                continue  # the disk is full: only the file that met it tells when it is not
            if at <= now and not self.stopping.is_set():
                self._handle(claimed, recovered=True)
                handled += 1
        if self.full is not None:
            return handled  # new files stay in the inbox until there is space again
        for name in self._ready():
            if self.stopping.is_set() or self.full is not None:
                break
            taken = self._claim(self.inbox / name)
            if taken is not None:
                self._handle(taken)
                handled += 1
        return handled

    def _ready(self) -> list[str]:
        listing = self._listing()
        ready = self.readiness.observe(listing)
        now = self.clock()
        self.blocked = {n: b for n, b in self.blocked.items() if n in listing}
        ready = [n for n in ready if self.blocked.get(n, (0, 0.0))[1] <= now]
        return sorted(ready, key=lambda n: (listing[n][1], n))

    def _listing(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        try:
            for path in self.inbox.iterdir():
                try:
                    if inbox.is_candidate(path):
                        st = path.stat()
                        found[path.name] = (st.st_size, st.st_mtime_ns)
                except FileNotFoundError:
                    continue
        except OSError as exc:
            if not self.inbox_down:
                log.warning("innboksen er ikke tilgjengelig (%s); prøver igjen", type(exc).__name__,
                            extra={"event": "inbox_unavailable", "error": type(exc).__name__})
            self.inbox_down = True
            return {}
        self.inbox_down = False
        inbox.report_refused(self.inbox, self.refused)
        return found

    def _claim(self, path: Path) -> Path | None:
        try:
            claimed = inbox.claim(path)
        except OSError as exc:
            attempt = self.blocked.get(path.name, (0, 0.0))[0] + 1
            delay = self.pipeline.retry_delay(attempt)
            self.blocked[path.name] = (attempt, self.clock() + delay)
            ref = self.pipeline.name_ref(path)
            log.warning("fil %s: kunne ikke tas inn (%s); prøver igjen om %.0f s", ref,
                        type(exc).__name__, delay,
                        extra={"event": "claim_failed", "file": ref, "attempt": attempt,
                               "error": type(exc).__name__, "retry_in_s": delay})
            self.report(ref, RETRY, delay)
            return None
        self.blocked.pop(path.name, None)
        self.readiness.forget(path.name)
        return claimed

    def _handle(self, claimed: Path, recovered: bool = False) -> None:
        self.passes.start()
        try:
            result = self.pipeline.handle(claimed, self._today(), recovered)
        except BaseException:
            # Stopped hard in the middle (a second Ctrl-C): the file goes back to the inbox
            # untouched, and what was written for it is finished or redone next time.
            if claimed.exists():
                inbox.release(claimed)
            raise
        self.summary.add(result)
        self._disk(claimed, result.disk_full)
        outcome, ref = result.outcome, result.ref
        retry_in = None
        if outcome == RETRY:
            attempt = self.retries.get(claimed, (0, 0.0))[0] + 1
            retry_in = self.pipeline.retry_delay(attempt)
            self.retries[claimed] = (attempt, self.clock() + retry_in)
        else:
            self.retries.pop(claimed, None)
        if not result.disk_full:  # said once, by _disk
            self.report(ref, outcome, retry_in)

    def _disk(self, claimed: Path, full: bool) -> None:
        """One line when the disk is found full, one when a file gets through again."""
        if full and self.full is None:
            log.error("disken er full: ingen flere filer tas inn før det er frigjort plass; "
                      "filene venter i innboksen, og behandlingen fortsetter av seg selv",
                      extra={"event": "disk_full"})
            self.full = claimed
        elif not full and self.full == claimed:
            log.warning("det er plass på disken igjen; filene i innboksen tas inn",
                        extra={"event": "disk_space_back"})
            self.full = None

    def _today(self) -> date:
        return self.fixed_today or date.today()

    def _timeout(self) -> float:
        deadlines = [self.clock() + self.settings.rescan_seconds]
        deadlines += [at for claimed, (_, at) in self.retries.items()
                      if self.full in (None, claimed)]
        deadlines += [at for _, at in self.blocked.values()]
        if self.inbox_down:
            deadlines.append(self.clock() + self.settings.poll_interval_seconds)
        if (ready_at := self.readiness.next_check()) is not None:
            deadlines.append(ready_at)
        return max(0.01, min(deadlines) - self.clock())

    @contextmanager
    def _observer(self) -> Iterator[None]:
        hints = _Hints(self.inbox, self.hints, self.wake)
        observer = self._start(hints, polling=self.polling)
        try:
            yield
        finally:
            observer.stop()
            observer.join(timeout=10)

    def _start(self, hints: _Hints, polling: bool) -> BaseObserver:
        observer: BaseObserver
        if polling:
            observer = PollingObserver(timeout=self.settings.poll_interval_seconds)
        else:
            observer = Observer()
        observer.schedule(hints, str(self.inbox), recursive=False)
        try:
            observer.start()
        except OSError as exc:
            if polling:
                raise
            # No native events (e.g. the inotify limit reached): polling still finds every file.
            log.warning("filsystemvarsler er ikke tilgjengelige (%s); bruker avspørring",
                        type(exc).__name__, extra={"event": "polling_fallback"})
            self.readiness.tracks_closes = False
            return self._start(hints, polling=True)
        return observer
