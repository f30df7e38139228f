"""A processing ledger (journal.sqlite3) that is missing, empty or damaged stops run and
watch with a message naming it and how to restore it, before any file is taken, instead of
running on and writing "(ny versjon)" copies of every document."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.intake import inbox
from omsorgspakke_docs.store.ledger import LEDGER_FILE

from .conftest import TODAY
from .test_watch import configure, files, real_case


def damage(journal, how: str) -> None:
    for extra in ("-wal", "-shm"):
        journal.with_name(journal.name + extra).unlink(missing_ok=True)
    if how == "missing":
        journal.unlink()
    elif how == "empty":
        journal.write_bytes(b"")
    else:
        journal.write_bytes(b"this is not a database, it was overwritten\n" * 200)


@pytest.mark.parametrize("how", ["missing", "empty", "corrupt"])
@pytest.mark.parametrize("command", ["run", "watch"])
def test_a_damaged_journal_stops_before_any_file_is_taken(workspace, capsys, how, command):
    configure(workspace)
    workspace.drop("sak-1.json", real_case(1))
    assert workspace.cli() == 0
    damage(workspace.state / LEDGER_FILE, how)
    workspace.drop("sak-1-ny.json", real_case(1, eksportert="2026-11-21"))
    capsys.readouterr()
    code = main([command, "--config", str(workspace.config_file), "--today", TODAY.isoformat()])
    err = capsys.readouterr().err
    assert code == 2
    assert LEDGER_FILE in err and "operations.md" in err
    # Named by its own staff word: "journal" is the journal system, "logg" the log file.
    assert "Behandlingsregisteret" in err and "journalen" not in err.lower()
    assert files(workspace.inbox) == ["sak-1-ny.json"] and inbox.interrupted(workspace.inbox) == []
    assert not list(workspace.outbox.rglob("*ny versjon*"))


def test_a_new_state_folder_starts_a_journal(workspace):
    workspace.drop("sak-1.json", real_case(1))
    assert workspace.cli() == 0
    assert (workspace.state / LEDGER_FILE).is_file()
