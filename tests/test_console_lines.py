"""What staff and IT read on the console, from the command as they run it: warnings and
errors labelled in Norwegian like check's own lines, and each problem of check said once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from .conftest import ROOT
from .test_mapping import CSV_MAPPING


def _omsorgspakke(workspace, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "omsorgspakke_docs", *args, "--config",
         str(workspace.config_file)],
        capture_output=True, text=True, env=env, cwd=workspace.root, timeout=300)


def test_a_file_set_aside_is_an_advarsel_on_the_console(workspace):
    workspace.drop("tom.json", "")
    done = _omsorgspakke(workspace, "run", "--today", "2026-11-22")
    assert done.returncode == 1
    assert "ADVARSEL fil e3b0c44298: satt til side: Filen er tom." in done.stderr.splitlines()
    assert "WARNING" not in done.stderr and "ERROR" not in done.stderr


def with_a_broken_mapping_file(workspace) -> None:
    """The service's own mappings folder with one mapping file naming a field the case format
    does not have («plassering.startdao»), beside one that loads (a folder of broken ones
    only stops run and watch before any file: test_mappings_it_day_loose_ends.py)."""
    folder = workspace.root / "egne"
    folder.mkdir()
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", folder)
    (folder / "ny.toml").write_text(
        CSV_MAPPING.replace('"plassering.startdato"', '"plassering.startdao"'), encoding="utf-8")
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        "mappings = ", 'mappings = "egne"\n# '), encoding="utf-8")


def test_check_says_a_broken_mapping_file_once(workspace):
    with_a_broken_mapping_file(workspace)
    done = _omsorgspakke(workspace, "check")
    assert done.returncode == 1
    lines = (done.stdout + done.stderr).splitlines()
    assert [line for line in lines if "plassering.startdao" in line] == [
        'FEIL      mappingfil ny.toml, linje 19, «felt."plassering.startdao"»: '
        "«plassering.startdao» er ikke et felt i saksformatet. Mente du «plassering.startdato»?"]


def test_the_console_names_no_journal_number_the_note_does(workspace):
    """Run as a service, the console is a log (systemd's journal, WinSW's files): its line for
    a refused file masks the journal number as the log file does; the note beside the file,
    which staff open, keeps it."""
    from .test_mapping_posts_named import second_post

    workspace.drop("kontaktrapport.xml", second_post(journal="2026/1234"))
    done = _omsorgspakke(workspace, "run", "--today", "2026-11-22")
    assert done.returncode == 1
    refused = [line for line in done.stderr.splitlines() if "satt til side" in line]
    assert refused and "saken med [journalnummer] (post nr. 2)" in refused[0].lower()
    assert "2026/1234" not in done.stderr
    note = (workspace.failed / "kontaktrapport.xml.feil.txt").read_text(encoding="utf-8")
    assert "journalnummer 2026/1234" in note
