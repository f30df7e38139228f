"""What IT meets on Windows: the WinSW file, archive and failed on another volume."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.commands import check as check_command

from .conftest import ROOT

WINSW = ROOT / "deploy" / "windows" / "omsorgspakke-watch.xml"


def test_the_winsw_file_holds_no_password_and_does_not_restart_for_ever():
    service = ET.parse(WINSW).getroot()
    account = service.find("serviceaccount")
    assert account.find("password") is None and "<password>" not in WINSW.read_text()
    assert account.findtext("username").endswith("$")  # a group managed service account
    actions = [e.get("action") for e in service.findall("onfailure")]
    # WinSW repeats the last action for every later failure: it must be to stay stopped.
    assert actions[-1] == "none" and actions.count("restart") <= 2


def write_config(workspace, **paths: Path) -> None:
    lines = workspace.config_file.read_text(encoding="utf-8").splitlines()
    at = lines.index("[paths]") + 1
    lines[at:at] = [f"{name} = '{path}'" for name, path in paths.items()]
    workspace.config_file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_check_is_quiet_when_archive_and_failed_are_beside_the_inbox(workspace, capsys):
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    assert "annen disk" not in capsys.readouterr().out


@pytest.mark.skipif(not Path("/dev/shm").is_dir() or os.name != "posix", reason="needs tmpfs")
def test_check_warns_when_archive_is_on_another_volume(workspace, capsys, tmp_path):
    other = Path("/dev/shm") / f"omsorgspakke-test-{os.getpid()}"
    if os.stat("/dev/shm").st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("/dev/shm is on the same file system here")
    write_config(workspace, archive=other / "archive")
    try:
        assert main(["check", "--config", str(workspace.config_file)]) == 0  # a warning only
    finally:
        if other.exists():
            other.rmdir()
    out = capsys.readouterr().out
    assert f"ADVARSEL  archive ({other / 'archive'}) ligger på en annen disk" in out
    assert "failed (" not in out


def test_a_unc_share_or_another_drive_is_another_volume(monkeypatch):
    # As on Windows: the drive or share part of the path decides, whatever the device says.
    monkeypatch.setattr(check_command.os.path, "splitdrive",
                        lambda p: (p[:2], p[2:]) if p[1:2] == ":" else ("", p))
    assert check_command.volume(Path("/a"))[0] == ""
    monkeypatch.setattr(check_command.os.path, "abspath", lambda p: str(p))
    assert check_command.volume(Path("D:/x"))[0] != check_command.volume(Path("E:/x"))[0]
