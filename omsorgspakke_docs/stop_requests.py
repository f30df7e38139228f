"""A stop request (SIGTERM) that comes while the command is still starting.

Starting takes a second or so (imports, plugins, templates), and a service manager may ask
the watcher to stop in that second. Without a handler the signal ends the process at once
(exit -15, reported as a failure by the tests and by some supervisors). So from the first
moment of the program (__main__.py) a SIGTERM is remembered instead: the watcher takes the
request over and stops cleanly before taking any file; every other command gets the default
back, and a request that came early ends it as the signal would have.
"""

from __future__ import annotations

import os
import signal
import threading

requested = threading.Event()
"""Set when a SIGTERM came before the command installed its own handler."""
HELD = "OMSORGSPAKKE_STOP_HELD"
"""Set for a watch starting again in its own process (commands/watch.py, start_again): it
held SIGTERM and SIGINT back (blocked) before the exec, so a stop asked for in that moment
waits for this process's handler, pending, instead of ending it by the signal."""
HELD_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def _remember(signum, frame) -> None:
    requested.set()


def remember() -> None:
    """From now on, a SIGTERM sets `requested` instead of ending the process."""
    if not hasattr(signal, "SIGTERM") or threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _remember)
    if os.environ.pop(HELD, None) is not None:  # a Ctrl+C held back is a stop request too
        signal.signal(signal.SIGINT, _remember)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)


def forget() -> None:
    """For commands that do not stop cleanly: SIGTERM ends them again, and one that came
    while they were starting ends them now."""
    if signal.getsignal(signal.SIGINT) is _remember:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if not hasattr(signal, "SIGTERM") or signal.getsignal(signal.SIGTERM) is not _remember:
        return
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if requested.is_set():
        os.kill(os.getpid(), signal.SIGTERM)
