"""Two installations (different state folders) sharing an inbox or an outbox: the second
refuses to start, before any file is taken, with a clear message."""

from __future__ import annotations

import shutil

import pytest

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.intake import inbox
from omsorgspakke_docs.store.installation import MARKER

from .conftest import TODAY, case_folders
from .test_watch import configure, files, real_case


def second_installation(workspace, tmp_path, share: str):
    """A configuration like the workspace's, with its own state folder (and the other
    folders of its own), sharing the inbox or the outbox."""
    other = tmp_path / "andre"
    lines = []
    for name in ("inbox", "outbox", "archive", "failed", "state"):
        folder = workspace.root / name if name == share else other / name
        folder.mkdir(parents=True, exist_ok=True)
        lines.append(f'{name} = "{folder.as_posix()}"\n')
    text = workspace.config_file.read_text(encoding="utf-8")
    config = other / "omsorgspakke.toml"
    config.write_text(text.replace("[paths]\n", "[paths]\n" + "".join(lines), 1),
                      encoding="utf-8")
    return config


@pytest.mark.parametrize("share", ["inbox", "outbox"])
@pytest.mark.parametrize("command", ["run", "watch"])
def test_a_second_installation_refuses_a_shared_folder(workspace, tmp_path, capsys, share,
                                                       command):
    configure(workspace)
    workspace.drop("sak-1.json", real_case(1))
    assert workspace.cli() == 0
    config = second_installation(workspace, tmp_path, share)
    workspace.drop("sak-2.json", real_case(2))
    capsys.readouterr()
    code = main([command, "--config", str(config), "--today", TODAY.isoformat()])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "annen installasjon" in err and MARKER in err
    if share == "inbox":
        assert files(workspace.inbox) == ["sak-2.json"]
    assert not (tmp_path / "andre" / "outbox" / "2026-0002").exists()
    assert sorted(p.name for p in case_folders(workspace.outbox)) == ["2026-0001"]


def test_the_same_installation_starts_again_and_marks_its_folders(workspace):
    workspace.drop("sak-1.json", real_case(1))
    assert workspace.cli() == 0
    [marker] = (workspace.inbox / inbox.WORK_DIR).glob(f"{MARKER}-*")
    assert marker.is_dir() and (workspace.outbox / MARKER).is_file()
    assert [p for p in workspace.inbox.rglob("*") if p.is_file()] == []
    workspace.drop("sak-2.json", real_case(2))
    assert workspace.cli() == 0
    assert files(workspace.inbox) == []


def test_removing_the_marker_lets_a_new_state_folder_take_over(workspace, tmp_path):
    workspace.drop("sak-1.json", real_case(1))
    assert workspace.cli() == 0
    shutil.rmtree(workspace.state)
    workspace.state.mkdir()
    assert workspace.cli() == 2
    for marker in (workspace.inbox / inbox.WORK_DIR).glob(f"{MARKER}-*"):
        marker.rmdir()
    (workspace.outbox / MARKER).unlink()
    assert workspace.cli() == 0
