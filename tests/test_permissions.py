"""Outputs, state and keys are the owner's only; no temporary file is left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from omsorgspakke_docs.intake import inbox
from omsorgspakke_docs.store import commit

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def umask():
    """Run with a permissive umask, and give back the one the test found."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def tree(folder: Path) -> list[Path]:
    return [folder, *folder.rglob("*")]


def test_a_run_leaves_only_owner_only_files_and_folders(workspace, umask):
    for folder in (workspace.state, workspace.archive):
        folder.chmod(0o755)
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    workspace.drop("ødelagt.json", '{"format": "omsorgspakke-sak/1", ')
    workspace.cli()
    assert os.umask(0o022) == 0o077, "the command sets an owner-only umask"
    for top in (workspace.state, workspace.archive):
        assert mode(top) == 0o700, top
    for top in (workspace.state, workspace.outbox, workspace.failed, workspace.archive):
        for path in tree(top)[1:]:
            if path.is_dir():
                assert mode(path) == 0o700, path
            else:  # the inputs too, archived or failed, though they came in as 0644
                assert mode(path) == 0o600, path
    assert mode(workspace.state / "pseudonym.key") == 0o600


def test_folders_made_through_the_library_are_owner_only_whatever_the_umask(tmp_path, umask):
    deep = tmp_path / "a" / "b" / "c"
    commit.ensure_dir(deep)
    assert [mode(p) for p in (tmp_path / "a", tmp_path / "a" / "b", deep)] == [0o700] * 3
    commit.write_atomic(deep / "dokument.docx", b"data")
    assert mode(deep / "dokument.docx") == 0o600


def test_a_link_in_the_work_folder_is_not_taken_for_an_interrupted_file(workspace, tmp_path):
    outside = tmp_path / "utenfor.json"
    outside.write_text("{}", encoding="utf-8")
    work = workspace.inbox / inbox.WORK_DIR
    work.mkdir(parents=True, exist_ok=True)
    (work / "lenke.json").symlink_to(outside)
    (work / "sak.json").write_text("{}", encoding="utf-8")
    assert [p.name for p in inbox.interrupted(workspace.inbox)] == ["sak.json"]


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def refuse(*args):
        raise OSError("disk full")

    monkeypatch.setattr(commit.os, "replace", refuse)
    with pytest.raises(OSError):
        commit.write_atomic(tmp_path / "dokument.docx", b"data")
    assert list(tmp_path.iterdir()) == []
