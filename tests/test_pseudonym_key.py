"""pseudonym.key is made once, with a check value beside it; a missing, empty or changed key
stops run and watch (exit 2, a Norwegian message) before any file is taken."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.intake import inbox
from omsorgspakke_docs.store.state import CHECK_FILE, KEY_FILE, KeyProblem, State

from .conftest import TODAY, case_folders
from .test_watch import configure, files, real_case


def first_run(workspace):
    workspace.drop("sak.json", real_case(1))
    assert workspace.cli() == 0
    workspace.drop("sak-2.json", real_case(2))


def assert_refused_before_taking_anything(workspace, code, capsys):
    assert code == 2
    err = capsys.readouterr().err
    assert "pseudonym.key" in err and "operations.md" in err
    assert files(workspace.inbox) == ["sak-2.json"] and inbox.interrupted(workspace.inbox) == []
    assert sorted(p.name for p in case_folders(workspace.outbox)) == ["2026-0001"]


def test_a_new_state_folder_gets_a_key_and_its_check_value(workspace):
    State(workspace.state)
    key = (workspace.state / KEY_FILE).read_bytes()
    assert len(key.strip()) >= 32
    assert (workspace.state / CHECK_FILE).is_file()
    assert State(workspace.state).pseudonym("x") == State(workspace.state).pseudonym("x")


@pytest.mark.parametrize("damage", ["missing", "empty", "changed"])
def test_run_stops_when_the_key_is_lost(workspace, capsys, damage):
    first_run(workspace)
    key = workspace.state / KEY_FILE
    if damage == "missing":
        key.unlink()
    elif damage == "empty":
        key.write_bytes(b"")
    else:
        key.write_bytes(b"0" * 64)
    capsys.readouterr()
    assert_refused_before_taking_anything(workspace, workspace.cli(), capsys)
    if damage == "missing":
        assert not key.exists(), "a lost key must not be replaced by a new one silently"


def test_watch_stops_when_the_key_is_lost(workspace, capsys):
    configure(workspace)
    first_run(workspace)
    (workspace.state / KEY_FILE).unlink()
    capsys.readouterr()
    code = main(["watch", "--config", str(workspace.config_file), "--today", TODAY.isoformat()])
    assert_refused_before_taking_anything(workspace, code, capsys)


def test_a_key_restored_from_backup_works_again(workspace, capsys):
    first_run(workspace)
    key = workspace.state / KEY_FILE
    saved = key.read_bytes()
    key.unlink()
    assert workspace.cli() == 2
    key.write_bytes(saved)
    assert workspace.cli() == 0
    assert sorted(p.name for p in case_folders(workspace.outbox)) == [
        "2026-0001", "2026-0002"]


def test_an_installation_from_before_the_check_value_gets_one(workspace):
    first_run(workspace)
    (workspace.state / CHECK_FILE).unlink()
    assert workspace.cli() == 0
    assert (workspace.state / CHECK_FILE).is_file()


def test_the_check_value_is_not_the_key(workspace):
    State(workspace.state)
    key = (workspace.state / KEY_FILE).read_text().strip()
    assert key not in (workspace.state / CHECK_FILE).read_text()


def test_status_does_not_make_a_key(workspace):
    first_run(workspace)
    (workspace.state / KEY_FILE).unlink()
    main(["status", "--config", str(workspace.config_file)])
    assert not (workspace.state / KEY_FILE).exists()


def test_key_problem_is_a_usage_error():
    from omsorgspakke_docs.errors import UsageError
    assert issubclass(KeyProblem, UsageError)
