"""Archived inputs are deleted after the configured retention period, at the start of a run."""

from __future__ import annotations

import os
import time

import pytest

from omsorgspakke_docs.store import retention
from omsorgspakke_docs.store.retention import DAY, purge

NOW = time.time()


def later(days: float) -> float:
    return NOW + days * DAY


def test_files_older_than_the_period_are_deleted_and_newer_ones_kept(tmp_path):
    (tmp_path / "eksport.json").write_text("{}", encoding="utf-8")
    (tmp_path / "undermappe").mkdir()
    assert purge(tmp_path, 30, now=later(29)) == 0
    assert purge(tmp_path, 30, now=later(31)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["undermappe"]


def test_zero_days_keeps_everything(tmp_path):
    (tmp_path / "eksport.json").write_text("{}", encoding="utf-8")
    assert purge(tmp_path, 0, now=later(10_000)) == 0
    assert purge(tmp_path / "finnes-ikke", 30, now=later(31)) == 0


def test_a_failed_file_goes_with_its_note_and_a_lone_note_on_its_own(tmp_path):
    (tmp_path / "a.csv").write_text("x", encoding="utf-8")
    (tmp_path / "a.csv.feil.txt").write_text("note", encoding="utf-8")
    (tmp_path / "b.csv.feil.txt").write_text("note", encoding="utf-8")
    assert purge(tmp_path, 7, now=later(8), notes=True) == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symlinks")
def test_links_are_never_followed(tmp_path):
    target = tmp_path / "utenfor.txt"
    target.write_text("x", encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "lenke.txt").symlink_to(target)
    assert purge(archive, 1, now=later(2)) == 0
    assert target.exists()


def test_each_run_applies_the_configured_retention(workspace, monkeypatch):
    with workspace.config_file.open("a", encoding="utf-8") as config:
        config.write("\n[retention]\narchive_days = 30\nfailed_days = 60\n")
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    workspace.drop("tom.json", "")
    workspace.run()
    assert [p.name for p in workspace.archive.iterdir()] == ["sak-fjordvik-2026-0412.json"]
    assert len(list(workspace.failed.iterdir())) == 2
    monkeypatch.setattr(retention.time, "time", lambda: later(31))
    workspace.run()
    assert list(workspace.archive.iterdir()) == []
    assert len(list(workspace.failed.iterdir())) == 2
    monkeypatch.setattr(retention.time, "time", lambda: later(61))
    workspace.run()
    assert list(workspace.failed.iterdir()) == []


@pytest.mark.parametrize("setting", ["archive_days = -1", 'archive_days = "30"',
                                     "failed_days = 1.5", "keep_days = 3"])
def test_a_bad_retention_setting_stops_with_a_clear_message(workspace, capsys, setting):
    with workspace.config_file.open("a", encoding="utf-8") as config:
        config.write(f"\n[retention]\n{setting}\n")
    assert workspace.cli() == 2
    assert "[retention]" in capsys.readouterr().err


def test_a_note_whose_file_was_mended_and_moved_back_goes_at_the_next_run(workspace):
    """The note said «den ligger her ved siden av denne merknaden» after the file had gone
    through, and `status` counted one file less than the folder showed."""
    import json

    from .conftest import canonical_case

    workspace.inbox.joinpath("sak.json").write_text('{"format": ', encoding="utf-8")
    assert workspace.cli() == 1  # set aside
    note = workspace.failed / "sak.json.feil.txt"
    assert note.is_file()
    (workspace.failed / "sak.json").unlink()  # mended, and put back in the inbox
    workspace.inbox.joinpath("sak.json").write_text(json.dumps(canonical_case()),
                                                    encoding="utf-8")
    assert workspace.cli() == 0
    assert not note.exists() and list(workspace.failed.iterdir()) == []
    assert workspace.case_folder("2026-0412").is_dir()


def test_an_input_with_a_notes_name_is_never_taken_for_a_lone_note(tmp_path):
    from omsorgspakke_docs.store.retention import remove_lone_notes

    (tmp_path / "rapport.feil.txt").write_text("saksnummer;navn\n", encoding="utf-8")
    (tmp_path / "annen.csv.feil.txt").write_text(
        "Filen ble satt til side\nReferanse i loggen: 0123456789\n", encoding="utf-8")
    assert remove_lone_notes(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.feil.txt"]
