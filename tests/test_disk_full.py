"""A full disk under run and watch: files stop being taken once the disk is known full, one
clear Norwegian line says so, no English logging traceback reaches the console, and watch
goes on by itself when there is space again."""

from __future__ import annotations

import errno
import logging.handlers
import threading

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.intake import inbox
from omsorgspakke_docs.run import watch as watch_module
from omsorgspakke_docs.run.watch import Watcher
from omsorgspakke_docs.store import commit

from .conftest import TODAY
from .test_watch import DEADLINE, configure, files, real_case, wait_until

real_write_atomic = commit.write_atomic
real_should_rollover = logging.handlers.RotatingFileHandler.shouldRollover


def full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_run_stops_taking_files_when_the_disk_is_full(workspace, monkeypatch, capsys):
    for n in range(1, 6):
        workspace.drop(f"sak-{n}.json", real_case(n))
    monkeypatch.setattr(commit, "write_atomic", full)
    monkeypatch.setattr(logging.handlers.RotatingFileHandler, "shouldRollover", full)
    monkeypatch.setattr("omsorgspakke_docs.run.pipeline.time.sleep", lambda s: None)
    code = workspace.cli()
    err = capsys.readouterr().err
    assert code == 1
    assert "Logging error" not in err and "Traceback" not in err
    assert err.count("disken er full") >= 1
    assert len(err.strip().splitlines()) <= 4, err
    # One file was tried and waits; the rest were never taken.
    assert len(inbox.interrupted(workspace.inbox)) == 1
    assert len(files(workspace.inbox)) == 4
    assert files(workspace.failed) == [] and files(workspace.archive) == []

    monkeypatch.undo()
    assert workspace.cli() == 0
    assert len(files(workspace.archive)) == 5


def test_watch_stops_taking_files_while_the_disk_is_full(workspace, monkeypatch, capsys,
                                                         caplog):
    configure(workspace)
    assert workspace.cli() == 0  # the state folder exists before the disk fills up
    started: list[Watcher] = []

    class Recorded(Watcher):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(watch_module, "Watcher", Recorded)  # the watch command imports it late
    monkeypatch.setattr(commit, "write_atomic", full)
    monkeypatch.setattr(logging.handlers.RotatingFileHandler, "shouldRollover", full)
    for n in range(1, 4):
        workspace.drop(f"sak-{n}.json", real_case(n))
    errors: list[BaseException] = []

    def watch():
        try:
            main(["watch", "--config", str(workspace.config_file), "--today",
                  TODAY.isoformat()])
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)

    thread = threading.Thread(target=watch)
    thread.start()
    try:
        wait_until(lambda: bool(started) and tries(started[0]) >= 4,
                   "the claimed file to be tried again")
        # One file met the full disk and alone is tried again; the rest were never taken.
        assert len(inbox.interrupted(workspace.inbox)) == 1
        assert len(files(workspace.inbox)) == 2
        said = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert [r.getMessage() for r in said] == [said[0].getMessage()]
        assert "disken er full" in said[0].getMessage()
        err = capsys.readouterr().err
        assert "Logging error" not in err and "Traceback" not in err

        monkeypatch.setattr(commit, "write_atomic", real_write_atomic)
        monkeypatch.setattr(logging.handlers.RotatingFileHandler, "shouldRollover",
                            real_should_rollover)
        wait_until(lambda: len(files(workspace.archive)) == 3, "every file once space is back")
    finally:
        wait_until(lambda: bool(started), "the watcher to start")
        started[0].stop()
        thread.join(timeout=DEADLINE)
    assert not errors and not thread.is_alive()
    assert files(workspace.failed) == [] and inbox.interrupted(workspace.inbox) == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING][1:] == [
        "det er plass på disken igjen; filene i innboksen tas inn"]


def tries(watcher: Watcher) -> int:
    """How often the file waiting longest was tried."""
    return max((attempts for attempts, _ in watcher.retries.values()), default=0)
