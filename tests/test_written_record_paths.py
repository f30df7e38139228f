"""The outbox's record of what we wrote (store/written.py) on each of its code paths: used
relative to its open folder (POSIX), by path (Windows, where os.supports_dir_fd lacks what it
needs), on a share that refuses to open a folder so, and with the run stopped between the
record's write and the documents'. Whatever the path, a caseworker's file is kept with the
new version beside it, and our own unchanged documents get none."""

from __future__ import annotations

import errno
import os
import shutil

import pytest

from omsorgspakke_docs.store import written as written_module
from omsorgspakke_docs.store.ledger import Ledger
from omsorgspakke_docs.store.written import FOLDER

from .conftest import TODAY, docx_text
from .test_written_record_attack import BESIDE, CASE, DAY2, DAY3, DAY4, PLAN, _new_versions

MODES = {"relative to the folder": True, "by path (Windows)": False}


class Killed(BaseException):
    """Stands in for the process killed at this point (SIGKILL: nothing after it runs)."""


def _run(workspace, day) -> None:
    workspace.drop_example(CASE)
    workspace.run(day)


@pytest.fixture(params=list(MODES), ids=["at", "by-path"])
def mode(request, monkeypatch):
    if MODES[request.param] and not written_module._AT:
        pytest.skip("this platform has no dir_fd for os.open, os.rename, os.unlink, os.stat")
    monkeypatch.setattr(written_module, "_AT", MODES[request.param])
    return request.param


def test_a_state_folder_restored_from_an_older_backup_makes_no_new_versions(
        workspace, tmp_path, mode):
    _run(workspace, TODAY)
    shutil.copytree(workspace.state, tmp_path / "backup")
    _run(workspace, DAY2)
    shutil.rmtree(workspace.state)
    shutil.copytree(tmp_path / "backup", workspace.state)

    _run(workspace, DAY3)

    assert _new_versions(workspace) == []


def test_an_earlier_version_of_ours_put_back_is_kept(workspace, tmp_path, mode):
    """The state restored from a backup, and a caseworker's copy of the first day's plan put
    back: neither the ledger nor the record has those bytes now; kept, the new plan beside."""
    _run(workspace, TODAY)
    folder = workspace.case_folder("2026-0412")
    first = (folder / PLAN).read_bytes()
    _run(workspace, DAY2)
    shutil.copytree(workspace.state, tmp_path / "backup")
    _run(workspace, DAY3)
    shutil.rmtree(workspace.state)
    shutil.copytree(tmp_path / "backup", workspace.state)
    (folder / PLAN).write_bytes(first)

    _run(workspace, DAY4)

    assert (folder / PLAN).read_bytes() == first
    assert _new_versions(workspace) == [BESIDE]


def test_the_record_is_not_written_through_a_link_in_its_place(workspace, tmp_path, mode):
    _run(workspace, TODAY)
    elsewhere = tmp_path / "utenfor-utboksen"
    elsewhere.mkdir()
    shutil.rmtree(workspace.outbox / FOLDER)
    (workspace.outbox / FOLDER).symlink_to(elsewhere, target_is_directory=True)

    _run(workspace, DAY2)

    assert list(elsewhere.iterdir()) == []
    assert list(workspace.failed.iterdir()) == []


@pytest.mark.parametrize("refused", ["the folder", "files in the folder"])
def test_a_share_that_refuses_the_record_s_way_of_opening_has_no_record(
        workspace, monkeypatch, refused):
    """A file share (CIFS, NFS) that answers EINVAL or ENOTSUP to a folder opened with
    O_DIRECTORY|O_NOFOLLOW, or to files opened relative to it: no record, never a stopped
    run; the documents are written, and a caseworker's changed plan is kept, the new beside."""
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if refused == "the folder" and flags & os.O_DIRECTORY and FOLDER in os.fspath(path):
            raise OSError(errno.EINVAL, "Invalid argument", os.fspath(path))
        if refused != "the folder" and kwargs.get("dir_fd") is not None:
            raise OSError(errno.ENOTSUP, "Operation not supported", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    _run(workspace, TODAY)
    folder = workspace.case_folder("2026-0412")
    with open(folder / PLAN, "ab") as plan:
        plan.write(b"\0")  # (her edit: any other bytes)
    edited = (folder / PLAN).read_bytes()

    _run(workspace, DAY2)

    assert list(workspace.failed.iterdir()) == []
    assert (folder / PLAN).read_bytes() == edited
    assert BESIDE in _new_versions(workspace)
    assert "Oppfølgingsplan" in docx_text(workspace.outbox / BESIDE)


@pytest.mark.parametrize("batch", [1, 2, 3], ids=["first", "second", "third"])
def test_a_run_killed_between_the_record_and_the_documents(workspace, monkeypatch, batch):
    """Killed after the ledger and the record took a batch's hashes, before any of its
    documents changed: the next run writes them, with no new version beside any of our own
    unchanged documents; a caseworker's copy of the first day's plan put back meanwhile is
    kept as she put it back."""
    _run(workspace, TODAY)
    folder = workspace.case_folder("2026-0412")
    first = (folder / PLAN).read_bytes()
    _run(workspace, DAY2)
    real, calls = Ledger.intend_many, []

    def intend_then_killed(self, rows):
        real(self, rows)
        calls.append(1)
        if len(calls) == batch:
            raise Killed()

    with monkeypatch.context() as patched:
        patched.setattr(Ledger, "intend_many", intend_then_killed)
        workspace.drop_example(CASE)
        with pytest.raises(Killed):
            workspace.run(DAY3)
    assert len(calls) == batch
    assert (folder / PLAN).read_bytes() != first
    (folder / PLAN).write_bytes(first)  # (her copy of the first day's plan)

    _run(workspace, DAY3)

    assert (folder / PLAN).read_bytes() == first
    # (the plan is in the first two batches: the third's run had written it already, and
    # the run after leaves her copy of a plan it has no new version of as it is)
    assert _new_versions(workspace) == ([BESIDE] if batch < 3 else [])
