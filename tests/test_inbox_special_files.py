"""Inbox entries that are not plain files of their own (a hard link, a symlink, a FIFO, a
device) are never opened, moved or chmodded: they are left where they are and reported, the
same way every time, by run and by watch."""

from __future__ import annotations

import json
import logging
import os
import stat
import sys

import pytest

from omsorgspakke_docs.intake import inbox

from .test_watch import configure, files, real_case, wait_until, watching

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and FIFOs")


def outside_file(tmp_path):
    target = tmp_path / "utenfor" / "passwd"
    target.parent.mkdir()
    target.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n")
    target.chmod(0o644)
    return target


def special_entries(workspace, tmp_path) -> dict[str, object]:
    target = outside_file(tmp_path)
    os.link(target, workspace.inbox / "hardlenke.json")
    (workspace.inbox / "symlenke.json").symlink_to(target)
    os.mkfifo(workspace.inbox / "fifo.json")
    return {"target": target}


def refused_warnings(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "event", None) == "inbox_refused"]


def test_run_leaves_links_and_fifos_alone_and_reports_them(workspace, tmp_path, caplog):
    made = special_entries(workspace, tmp_path)
    workspace.drop("sak.json", real_case(1))
    with caplog.at_level(logging.WARNING, logger="omsorgspakke"):
        summary = workspace.run()
    target = made["target"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644, "a hard-linked file was chmodded"
    assert target.read_bytes().startswith(b"root:")
    assert summary.files_ok == 1 and summary.files_failed == 0
    assert sorted(p.name for p in workspace.inbox.iterdir() if p.name != inbox.WORK_DIR) == [
        "fifo.json", "hardlenke.json", "symlenke.json"]
    assert files(workspace.failed) == [] and files(workspace.archive) == ["sak.json"]
    warnings = refused_warnings(caplog)
    assert len(warnings) == 3
    text = " ".join(r.getMessage() for r in warnings)
    assert "hardlenke" not in text and "symlenke" not in text  # names may carry data
    # The same way every time: a second run reports them again and touches nothing.
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="omsorgspakke"):
        workspace.run()
    assert len(refused_warnings(caplog)) == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_hard_link_claimed_in_a_race_is_never_chmodded(workspace, tmp_path):
    """The link appears after the listing: the claimed entry is checked again."""
    target = outside_file(tmp_path)
    work = workspace.inbox / inbox.WORK_DIR
    work.mkdir()
    os.link(target, work / "lenke.json")  # as if claimed by a run that then crashed
    workspace.run()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert files(workspace.failed) == [] and files(workspace.archive) == []


def test_watch_leaves_them_alone_and_reports_each_once(workspace, tmp_path, caplog):
    configure(workspace)
    made = special_entries(workspace, tmp_path)
    with caplog.at_level(logging.WARNING, logger="omsorgspakke"), watching(workspace):
        workspace.drop("sak.json", real_case(2))
        wait_until(lambda: files(workspace.archive) == ["sak.json"], "the real file")
    assert stat.S_IMODE(made["target"].stat().st_mode) == 0o644
    assert len(refused_warnings(caplog)) == 3


def test_a_case_folder_that_is_a_link_out_of_the_outbox_is_not_written_through(
        workspace, tmp_path):
    """Helper 109: outbox/2026-0412 made a link to a folder elsewhere: all the case's
    documents were written there. The case gets a folder of its own beside the link."""
    elsewhere = tmp_path / "utenfor-utboksen"
    elsewhere.mkdir()
    (workspace.outbox / "2026-0412").symlink_to(elsewhere, target_is_directory=True)
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    summary = workspace.run()
    assert summary.files_ok == 1 and summary.cases == 1, summary
    assert list(elsewhere.iterdir()) == []
    (own,) = [p for p in workspace.outbox.iterdir()
              if p.name.startswith("2026-0412-") and p.is_dir() and not p.is_symlink()]
    assert (own / "01 Oppfølgingsplan.docx").is_file()


def test_a_work_folder_that_is_a_link_stops_the_run_before_any_file_is_taken(
        workspace, tmp_path, capsys):
    """Helper 109: inbox/.behandles made a link: files were claimed into wherever it
    pointed, out of sight of the next run and of status («0 filer under behandling»)."""
    elsewhere = tmp_path / "utenfor-innboksen"
    elsewhere.mkdir()
    (workspace.inbox / inbox.WORK_DIR).symlink_to(elsewhere, target_is_directory=True)
    dropped = workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.cli() != 0
    said = capsys.readouterr()
    assert "er en lenke, ikke en mappe" in said.out + said.err
    assert dropped.is_file() and list(elsewhere.iterdir()) == []


def test_a_folder_in_a_case_folder_that_is_a_link_is_said_so(workspace, tmp_path):
    """A subfolder made a link out of the case folder was refused as «Dokumentkategorien
    referat ga en ugyldig filsti» (a template's fault); it is a link, and the note says so.
    Nothing is written through it."""
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.run().files_ok == 1
    folder = workspace.case_folder("2026-0412")
    elsewhere = tmp_path / "utenfor-saksmappen"
    elsewhere.mkdir()
    for path in (folder / "Referater").rglob("*"):
        if path.is_file():
            path.unlink()
    for path in sorted((folder / "Referater").rglob("*"), reverse=True):
        path.rmdir()
    (folder / "Referater").rmdir()
    (folder / "Referater").symlink_to(elsewhere, target_is_directory=True)
    export = workspace.drop_example("sak-fjordvik-2026-0412.json")
    export.write_text(export.read_text(encoding="utf-8").replace(
        '"eksportert": "2026-11-20"', '"eksportert": "2026-11-21"'), encoding="utf-8")
    summary = workspace.run()
    assert summary.files_failed == 1
    (note,) = workspace.failed.glob("*.feil.txt")
    text = note.read_text(encoding="utf-8")
    assert "er en lenke til et annet sted" in text and "ugyldig filsti" not in text
    assert list(elsewhere.iterdir()) == []



def test_a_folder_put_in_the_inbox_is_said_by_run_and_status(workspace, caplog, capsys):
    """Helper 109: a folder in the inbox (an unpacked zip) was passed over without a word,
    and the exports in it waited unseen."""
    from omsorgspakke_docs.cli import main

    folder = workspace.inbox / "eksporter uke 48"
    folder.mkdir()
    (folder / "sak.json").write_text(json.dumps(real_case(1)), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="omsorgspakke"):
        summary = workspace.run()
    assert summary.files_ok == 0 and (folder / "sak.json").is_file()
    said = [r for r in caplog.records if getattr(r, "event", None) == "inbox_folder"]
    assert len(said) == 1 and "uke 48" not in said[0].getMessage()
    capsys.readouterr()
    assert main(["status", "--config", str(workspace.config_file)]) in (0, 1)
    out = capsys.readouterr().out
    assert ("1 mappe i innboksen blir ikke lest: legg filene som skal behandles, rett i "
            "innboksen") in out, out
