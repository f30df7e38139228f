"""A full disk under run: files stop being taken once the disk is known full, one clear
Norwegian line says so, and no English logging traceback reaches the console."""

from __future__ import annotations

import errno
import logging.handlers

from omsorgspakke_docs.intake import inbox
from omsorgspakke_docs.store import commit

from .test_watch import files, real_case


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
