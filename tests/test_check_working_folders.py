"""`omsorgspakke check` tries every folder a run writes in, not only the state folder: IT
checks a configuration as the service's account before it goes live, and a folder made by
another account (an administrator's share, say) would otherwise be found by the first run,
with every export set aside or the service stopped."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from omsorgspakke_docs.cli import main

from .conftest import canonical_case


def check(workspace, capsys) -> tuple[int, str]:
    code = main(["check", "--config", str(workspace.config_file)])
    return code, " ".join(capsys.readouterr().out.split())


def _refused(monkeypatch, folder: Path, error: int = errno.EACCES) -> None:
    """No new file may be made in folder: by its permissions for the account running check
    (or, as root, whom they do not stop, by the operating system refusing it)."""
    folder = folder.resolve()
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(path).resolve().parent == folder:
            raise OSError(error, os.strerror(error), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)


def _used(workspace, capsys) -> None:
    """A workspace as a run leaves it: every folder there."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    capsys.readouterr()


@pytest.mark.parametrize(("folder", "name", "could_not"), [
    ("outbox", "outbox", "lage dokumentene"),
    ("failed", "failed", "sette til side filer som ikke kan behandles"),
    ("archive", "archive", "flytte ferdig behandlede filer dit"),
    ("inbox", "inbox", "flytte filene ut av innboksen"),
])
def test_check_fails_when_a_folder_the_run_writes_in_cannot_be_written(
        workspace, capsys, monkeypatch, folder, name, could_not):
    _used(workspace, capsys)
    code, out = check(workspace, capsys)
    assert code == 0 and "kan ikke skrive i mappen" not in out

    path = getattr(workspace, folder)
    _refused(monkeypatch, path)
    code, out = check(workspace, capsys)
    assert code == 1 and "Alt er i orden" not in out
    assert (f"FEIL [paths] {name} ({path}): kontoen som kjører «check» nå, kan ikke skrive i "
            "mappen: programmet har ikke tilgang") in out
    assert (f"«run» og «watch» kan ikke {could_not} hvis de kjøres med denne kontoen eller en "
            "annen konto uten tilgang. Gi kontoen som tjenesten kjører med, rett til å lese og "
            "skrive i mappen") in out
    assert "Sofie" not in out and "sak-" not in out
    assert not [p for p in path.iterdir() if p.name.startswith(".tmp-")]


def test_a_log_folder_outside_the_state_folder_is_tried_too_in_nynorsk(
        workspace, capsys, monkeypatch, tmp_path):
    logs = tmp_path / "loggar"
    logs.mkdir()
    workspace.in_malform("nynorsk")
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[logs]\nfolder = "{logs.as_posix()}"\n')
    _used(workspace, capsys)
    _refused(monkeypatch, logs, errno.EROFS)
    code, out = check(workspace, capsys)
    assert code == 1
    assert (f"FEIL [logs] folder ({logs}): ingen konto kan skrive i mappa no: disken eller "
            "mappa er skrivebeskytta") in out
    assert "Då kan ikkje «run» og «watch» skrive loggen." in out
    assert "Frigjer plass" not in out


def test_a_full_disk_says_what_to_do(workspace, capsys, monkeypatch):
    _used(workspace, capsys)
    _refused(monkeypatch, workspace.failed, errno.ENOSPC)
    code, out = check(workspace, capsys)
    assert code == 1
    assert (f"FEIL [paths] failed ({workspace.failed}): ingen konto kan skrive i mappen nå: "
            "disken er full. Da kan ikke «run» og «watch» sette til side filer som ikke kan "
            "behandles. Frigjør plass på disken, og kjør «omsorgspakke check» på nytt.") in out
