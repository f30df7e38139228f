"""Archive or failed folder on another file system than the inbox (EXDEV): the file is
copied, synced, verified and only then removed from the inbox; counts count each file and
case once however often it was tried."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from omsorgspakke_docs.intake import inbox
from omsorgspakke_docs.store.commit import sha256_file

from .test_watch import files, real_case

BROKEN = b'{"format": "omsorgspakke-sak/1", '


def other_file_system(monkeypatch, workspace):
    """Renames from the inbox to archive/ or failed/ fail as across file systems."""
    outside = {workspace.archive, workspace.failed}

    def guarded(real):
        def move(src, dst, *args, **kwargs):
            if Path(dst).parent in outside and Path(src).parent.parent == workspace.inbox:
                raise OSError(errno.EXDEV, "Invalid cross-device link")
            return real(src, dst, *args, **kwargs)
        return move

    monkeypatch.setattr(os, "replace", guarded(os.replace))
    monkeypatch.setattr(os, "rename", guarded(os.rename))


def test_archive_and_failed_on_another_file_system(workspace, monkeypatch):
    other_file_system(monkeypatch, workspace)
    workspace.drop("sak-1.json", real_case(1))
    workspace.drop("sak-2.json", real_case(2))
    workspace.drop("ødelagt.json", BROKEN)
    original = sha256_file(workspace.inbox / "sak-1.json")
    summary = workspace.run()
    assert summary.files_ok == 2 and summary.files_failed == 1 and not summary.retrying
    assert summary.cases == 2
    assert files(workspace.archive) == ["sak-1.json", "sak-2.json"]
    assert sha256_file(workspace.archive / "sak-1.json") == original
    assert files(workspace.failed) == ["ødelagt.json", "ødelagt.json.feil.txt"]
    assert (workspace.failed / "ødelagt.json").read_bytes() == BROKEN
    assert inbox.interrupted(workspace.inbox) == []
    assert not [p for p in (workspace.inbox / inbox.WORK_DIR).iterdir() if p.is_file()]
    assert list(workspace.root.rglob(".tmp-*")) == []


def test_cases_are_counted_once_however_often_the_file_was_tried(workspace, monkeypatch):
    workspace.drop("sak-1.json", real_case(1))
    workspace.drop("sak-2.json", real_case(2))
    real_archive = inbox.archive
    calls = []

    def locked_at_first(claimed, folder):
        calls.append(claimed.name)
        if calls.count(claimed.name) < 3:
            raise PermissionError(errno.EACCES, "locked")
        return real_archive(claimed, folder)

    monkeypatch.setattr(inbox, "archive", locked_at_first)
    monkeypatch.setattr("omsorgspakke_docs.run.pipeline.time.sleep", lambda s: None)
    summary = workspace.run()
    assert summary.files_ok == 2 and not summary.retrying
    assert summary.cases == 2, f"cases counted {summary.cases} times for 2 cases"
    assert len(summary.case_folders) == 2
