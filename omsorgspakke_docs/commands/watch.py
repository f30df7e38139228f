"""omsorgspakke watch: watch the inbox and process each file as it arrives, until stopped."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

from .. import logs, stop_requests
from ..hookspecs import hookimpl
from ..run.pipeline import Pipeline
from ..store import state
from ..store.ledger import DONE, DUPLICATE, FAILED
from ..text import Tekst, tekst
from .common import (
    add_folder_options,
    enable_pdf,
    exit_codes,
    human_summary,
    plugin_manager,
    ready_to_start,
    settings_from,
)

if TYPE_CHECKING:  # watchdog is imported by the watch command only, not by every process
    from ..run.watch import Watcher

OUTCOME_TEXT = {DONE: "behandlet", DUPLICATE: "fil_duplikat", FAILED: "fil_feilet"}
"""A file's outcome as the watch says it: keys of [sammendrag] in the text catalogues."""


def watch(args) -> int:
    settings = settings_from(args)
    ready_to_start(settings, args.accept_config)
    t = tekst(settings.messages_malform)
    report = None if args.json else _outcome_printer(t)
    pm = plugin_manager(args)
    enable_pdf(pm, args.pdf, None if args.json else _say, settings=settings)
    from ..run import setup_watch
    from ..run.watch import Watcher

    setup = setup_watch.Setup(setup_watch.places(settings), sys.argv[1:],
                              mappings=settings.paths.mappings, restarts=os.name == "posix")
    with logs.to_file(settings):
        # Opened inside: a mapping file left out for its errors (event mapping_broken) is
        # logged as the pipeline collects the adapters, to the file, not only the console.
        pipeline = Pipeline(settings, pm)
        watcher = Watcher(pipeline, polling=args.polling, today=args.today, report=report,
                          setup=setup)
        if not args.json:  # said once the watcher holds the lock: a refused one says nothing
            how = t("sammendrag.ved_sporring" if args.polling else "sammendrag.med_varsler")
            watcher.on_start = lambda: _say(t("sammendrag.folger_med",
                                              mappe=settings.paths.inbox, hvordan=how))
        with _stop_on_signals(watcher):
            try:
                summary = watcher.run()
            except KeyboardInterrupt:
                _say(t("sammendrag.avbrutt"))
                return 130
    # A stop asked for as the setup was found changed wins: a new process would not know it.
    again = watcher.restart and not watcher.stopping.is_set()
    if args.json:
        if not again:  # one document on stdout, when the watch stops for good
            print(json.dumps(summary.as_json(t), ensure_ascii=False, indent=2))
    else:
        _say(t("sammendrag.starter_pa_nytt" if again else "sammendrag.stoppet"))
        print(human_summary(summary, settings))
    if again:
        return start_again(watcher.kept_lock)
    if watcher.kept_lock is not None:  # a stop came as it was to start again
        os.close(watcher.kept_lock)
    return 0


def start_again(kept_lock: int | None = None) -> int:
    """The watch started again, as it was started, in the same process (POSIX only: the
    service manager sees no stop; elsewhere setup_watch.Setup never asks for it). The new
    program takes the state folder's lock over from this one (kept_lock, store/state.py), so
    no run takes the folders in between, and a stop asked for in the moment between is one
    for it (stop_requests.HELD), not the end of the service by the signal."""
    sys.stdout.flush()
    sys.stderr.flush()
    # Blocked, a SIGTERM or Ctrl+C stays pending across exec until the new program's handler.
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_requests.HELD_SIGNALS)
    try:
        if stop_requests.requested.is_set():  # came since the watch's own handler was gone
            return 0
        if kept_lock is not None:
            state.hand_over(kept_lock)
        os.environ[stop_requests.HELD] = "1"
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
    finally:  # reached only when it does not start again (or cannot: execv raised)
        os.environ.pop(stop_requests.HELD, None)
        os.environ.pop(state.LOCK_HANDED_OVER, None)
        if kept_lock is not None:
            os.close(kept_lock)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, stop_requests.HELD_SIGNALS)
    return 0


def _outcome_printer(t: Tekst) -> Callable[[str, str, float | None], None]:
    """The line the watch prints for each file it has handled."""

    def print_outcome(ref: str, outcome: str, retry_in: float | None) -> None:
        if retry_in is not None:
            text = t("sammendrag.fil_venter", sekunder=f"{retry_in:.0f}")
        else:
            text = t(f"sammendrag.{OUTCOME_TEXT[outcome]}") if outcome in OUTCOME_TEXT else outcome
        _say(t("sammendrag.fil_linje", fil=ref, hva=text))

    return print_outcome


def _say(message: str) -> None:
    print(f"{datetime.now():%H.%M.%S} {message}", file=sys.stderr, flush=True)


@contextmanager
def _stop_on_signals(watcher: Watcher) -> Iterator[None]:
    """The first Ctrl+C or SIGTERM stops after the file in hand; a second Ctrl+C at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = [n for n in ("SIGINT", "SIGTERM", "SIGBREAK") if hasattr(signal, n)]
    previous = {name: signal.getsignal(getattr(signal, name)) for name in names}

    def first(signum, frame):
        watcher.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    for name in names:
        signal.signal(getattr(signal, name), first)
    if stop_requests.requested.is_set():  # a SIGTERM while starting (stop_requests.py)
        watcher.stop()
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "watch", help="følg med på innboksen og behandle hver fil når den kommer",
        description="Behandler filene som ligger i innboksen, og deretter hver ny fil så snart "
                    "den er ferdig skrevet, til programmet stoppes (Ctrl+C eller SIGTERM). "
                    "En fil som er under behandling når du stopper, gjøres ferdig først. "
                    "Filer som ikke kan behandles, legges i feilmappen med en forklaring. "
                    "Endres innstillingene, mappingfilene, programtilleggene eller programmet, "
                    "starter den på nytt med dem av seg selv, mellom to filer (på Windows: "
                    "den sier fra, og tjenesten må startes på nytt)."
                    + exit_codes("0 når den er stoppet", "130 når den ble avbrutt med Ctrl+C"),
    )
    add_folder_options(parser)
    parser.add_argument(
        "--polling", action="store_true",
        help="spør mappen jevnlig i stedet for å vente på varsler fra filsystemet; bruk dette "
             "når innboksen ligger på en nettverksdisk (SMB/CIFS, NFS), der varslene ofte "
             "ikke kommer fram",
    )
    parser.set_defaults(func=watch, stops_cleanly=True)
