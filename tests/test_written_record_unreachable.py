"""The outbox's record of what we wrote (store/written.py) that could not be brought up to
date for a passing reason (its folder would not open: EIO, EACCES): the documents written
then are not in it, so what it holds for them is what we wrote before. It vouches for
nothing until it is written again: a caseworker's copy of an earlier version of ours put
back is kept, with the new version beside it."""

from __future__ import annotations

import errno
import os
import shutil
from datetime import timedelta

import pytest

from omsorgspakke_docs.store import written as written_module
from omsorgspakke_docs.store.written import FOLDER

from .conftest import TODAY
from .test_written_record_attack import BESIDE, CASE, DAY2, DAY3, PLAN, _new_versions


def _run(workspace, day) -> None:
    workspace.drop_example(CASE)
    workspace.run(day)


def _refusing(error: int):
    """os.open, but the record's folder (opened as a folder, or a file in it by path where
    not _AT) does not open."""
    real_open = os.open

    def opening(path, flags, *args, **kwargs):
        if FOLDER in os.fspath(path) and kwargs.get("dir_fd") is None:
            raise OSError(error, os.strerror(error), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)
    return opening


@pytest.mark.parametrize("error", [errno.EIO, errno.EACCES], ids=["EIO", "EACCES"])
@pytest.mark.parametrize("at", [True, False], ids=["at", "by-path"])
def test_an_earlier_version_put_back_after_the_record_could_not_be_updated_is_kept(
        workspace, monkeypatch, error, at):
    if at and not written_module._AT:
        pytest.skip("this platform has no dir_fd for os.open, os.rename, os.unlink, os.stat")
    monkeypatch.setattr(written_module, "_AT", at)
    _run(workspace, TODAY)
    folder = workspace.case_folder("2026-0412")
    first = (folder / PLAN).read_bytes()
    with monkeypatch.context() as patched:
        patched.setattr(os, "open", _refusing(error))
        _run(workspace, DAY2)
    assert (folder / PLAN).read_bytes() != first
    (folder / PLAN).write_bytes(first)  # (her copy of the first day's plan, put back)

    _run(workspace, DAY3)

    assert (folder / PLAN).read_bytes() == first
    assert _new_versions(workspace) == [BESIDE]
    assert list(workspace.failed.iterdir()) == []



def test_a_record_written_anew_after_it_was_behind_still_knows_the_folders_other_documents(
        workspace, monkeypatch, tmp_path):
    """The record could not be updated one day (the documents made that day are not in it);
    the next run writes it anew with the documents it writes. It keeps the folder's other
    documents as the ledger knows them: when the state folder then comes back from a backup
    older than that day, the documents made that day and not since are still ours, made
    again in place, with no «(ny versjon)» beside them."""
    _run(workspace, TODAY)
    shutil.copytree(workspace.state, tmp_path / "backup", copy_function=shutil.copy2)
    folder = workspace.case_folder("2026-0412")
    with monkeypatch.context() as patched:
        patched.setattr(os, "open", _refusing(errno.EIO))
        _run(workspace, DAY2)
    minutes = folder / "Referater" / "Felles møte.docx"  # (made that day, the same since)
    made = minutes.read_bytes()
    _run(workspace, DAY3)
    assert minutes.read_bytes() == made

    shutil.rmtree(workspace.state)  # the server's disk failed: the backup from before DAY2
    shutil.copytree(tmp_path / "backup", workspace.state, copy_function=shutil.copy2)
    _run(workspace, DAY3 + timedelta(days=1))

    assert _new_versions(workspace) == []
    assert list(workspace.failed.iterdir()) == []
