"""`[paths] templates` that is not a folder: run and watch refuse to start, as check calls it an
error, rather than make letters with the bundled templates (no municipality's letterhead).
Left out, the bundled templates are used as before."""

from __future__ import annotations

import subprocess
import sys

from omsorgspakke_docs.cli import main

from .conftest import ROOT, canonical_case
from .test_nynorsk import _config


def _templates_at(workspace, folder: str) -> None:
    text = workspace.config_file.read_text(encoding="utf-8")
    start = text.index("templates = ")
    end = text.index("\n", start)
    workspace.config_file.write_text(text[:start] + folder + text[end:], encoding="utf-8")


def _untouched(workspace) -> None:
    assert [p.name for p in workspace.inbox.iterdir()] == ["sak.json"]
    for folder in (workspace.outbox, workspace.archive, workspace.failed):
        assert list(folder.iterdir()) == []


def test_run_refuses_a_templates_folder_that_is_not_there(workspace, capsys):
    _templates_at(workspace, 'templates = "malar-som-manglar"')
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 2
    err = capsys.readouterr().err
    missing = workspace.root / "malar-som-manglar"
    assert (f"Feil: Malmappen {missing} finnes ikke (templates under [paths] i "
            "omsorgspakke.toml, linje 2). Ingen filer er tatt inn fra innboksen") in err
    assert "fjern linjen for å bruke malene som følger med programmet" in err
    _untouched(workspace)


def test_watch_refuses_it_before_it_starts(workspace):
    _templates_at(workspace, f'templates = "{(workspace.root / "maler.docx").as_posix()}"')
    (workspace.root / "maler.docx").write_bytes(b"not a folder")
    workspace.drop("sak.json", canonical_case())
    done = subprocess.run(
        [sys.executable, "-m", "omsorgspakke_docs", "watch", "--config",
         str(workspace.config_file)], capture_output=True, text=True, timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": ""}, cwd=workspace.root)
    assert done.returncode == 2
    assert "Feil: Malmappen " in done.stderr and "Følger med" not in done.stderr
    _untouched(workspace)


def test_a_nynorsk_service_is_told_in_nynorsk(workspace, capsys):
    _config(workspace, 'malform = "nynorsk"\n')
    _templates_at(workspace, 'templates = "malar-som-manglar"')
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 2
    assert "Feil: Malmappa " in capsys.readouterr().err


def test_left_out_the_bundled_templates_are_used(workspace, monkeypatch):
    _templates_at(workspace, "")
    monkeypatch.chdir(workspace.root)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    assert workspace.documents("2026-0412")


def test_check_says_what_run_does_with_a_wrong_folder(workspace, capsys):
    _templates_at(workspace, 'templates = "malar-som-manglar"')
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    out = capsys.readouterr().out
    assert (f"FEIL      malmappen {workspace.root / 'malar-som-manglar'} (templates under "
            "[paths] i omsorgspakke.toml, linje 2) finnes ikke, så «run» og «watch» starter "
            "ikke.") in out


def test_check_takes_the_shipped_templates_when_none_are_given_as_run_does(workspace, capsys,
                                                                          monkeypatch):
    _templates_at(workspace, "")
    monkeypatch.chdir(workspace.root)
    main(["check", "--config", str(workspace.config_file)])
    out = capsys.readouterr().out
    assert "malmappen" not in out
    assert f"maler i {ROOT / 'templates'} (bokmål og nynorsk), ingen problemer" in out, out
