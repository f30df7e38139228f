"""Archive or failed folder on another file system than the inbox (EXDEV): the file is
copied, synced, verified and only then removed from the inbox; counts count each file and
case once however often it was tried."""

from __future__ import annotations

import errno
import json
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


def written_a_while_ago(*paths: Path) -> None:
    """As a file is when its writer finished some minutes ago (STILL_WRITING_SECONDS)."""
    for path in paths:
        old = path.stat().st_mtime - 10 * 60
        os.utime(path, (old, old))


def test_archive_and_failed_on_another_file_system(workspace, monkeypatch):
    other_file_system(monkeypatch, workspace)
    written_a_while_ago(workspace.drop("sak-1.json", real_case(1)),
                        workspace.drop("sak-2.json", real_case(2)),
                        workspace.drop("ødelagt.json", BROKEN))
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


def test_a_file_written_to_just_now_is_not_moved_to_another_file_system(workspace, monkeypatch):
    """Helper 109: a copy that stalled for longer than the watcher waits was taken, failed as
    cut short, copied to a failed folder on another disk and removed from the inbox; what its
    writer wrote after the pause went into the removed file and was lost. A file written to
    in the last STILL_WRITING_SECONDS waits, claimed, with no note in the failed folder (a
    note said the file was beside it); once its writer is done it is read again, whole."""
    other_file_system(monkeypatch, workspace)
    monkeypatch.setattr("omsorgspakke_docs.run.pipeline.time.sleep", lambda s: None)
    path = workspace.drop("sak-1.json", json.dumps(real_case(1), ensure_ascii=False)[:900])
    summary = workspace.run()
    assert summary.files_failed == 0 and len(summary.retrying) == 1, summary
    assert files(workspace.failed) == [] and files(workspace.archive) == []
    (claimed,) = inbox.interrupted(workspace.inbox)
    # The writer comes back and finishes; some minutes later the file is read again, whole.
    claimed.write_text(json.dumps(real_case(1), ensure_ascii=False, indent=1), encoding="utf-8")
    written_a_while_ago(claimed)
    summary = workspace.run()
    assert summary.files_ok == 1 and summary.cases == 1 and not summary.retrying, summary
    assert files(workspace.archive) == [path.name] and files(workspace.failed) == []


def test_a_note_is_beside_the_file_also_when_the_same_bytes_were_set_aside_before(
        workspace, monkeypatch):
    """Helper 109: a long name set aside twice with the same bytes across file systems: the
    second copy was found to be there already and not made, and its note «… (2).bin.feil.txt»
    said the file was beside it. The note goes beside the copy that is there."""
    other_file_system(monkeypatch, workspace)
    name = "eksport-fra-fagsystemet-uke-47-barnevern-fjordvik.json"
    for _ in range(2):
        written_a_while_ago(workspace.drop(name, BROKEN))
        assert workspace.run().files_failed == 1
    left = files(workspace.failed)
    assert left == [name, name + ".feil.txt"], left
    assert (workspace.failed / name).read_bytes() == BROKEN


def test_a_file_dated_in_the_future_is_set_aside_not_held(workspace, monkeypatch):
    """Helper 110: a modification time in the future (a share's clock) held a file claimed
    until that day came."""
    other_file_system(monkeypatch, workspace)
    path = workspace.drop("ødelagt.json", BROKEN)
    future = path.stat().st_mtime + 400 * 24 * 3600
    os.utime(path, (future, future))
    summary = workspace.run()
    assert summary.files_failed == 1 and not summary.retrying
    assert files(workspace.failed) == ["ødelagt.json", "ødelagt.json.feil.txt"]


def test_a_copy_set_aside_whose_original_stays_locked_keeps_its_note_and_no_copies_pile_up(
        workspace, monkeypatch):
    """Helper 110: the original could not be removed after the copy (an antivirus lock): the
    note was taken away from the copy that was there, and every try made another copy,
    «x (2).json», «x (3).json»."""
    other_file_system(monkeypatch, workspace)
    monkeypatch.setattr("omsorgspakke_docs.run.pipeline.time.sleep", lambda s: None)
    written_a_while_ago(workspace.drop("ødelagt.json", BROKEN))
    real_unlink, locked = os.unlink, [3]

    def unlink(path, *args, **kwargs):
        if Path(path).parent.name == inbox.WORK_DIR and locked[0] > 0:
            locked[0] -= 1
            raise PermissionError(errno.EACCES, "locked")
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    workspace.run()
    assert files(workspace.failed) == ["ødelagt.json", "ødelagt.json.feil.txt"]
    locked[0] = 0
    summary = workspace.run()
    assert summary.files_failed == 1 and not summary.retrying, summary
    assert files(workspace.failed) == ["ødelagt.json", "ødelagt.json.feil.txt"]
    assert inbox.interrupted(workspace.inbox) == []
