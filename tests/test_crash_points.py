"""A crash at each step of one file's path, then a restart: the file ends in exactly one place
and every document exists once, complete. Random SIGKILLs are in test_crash_sigkill.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.intake import detect, inbox
from omsorgspakke_docs.store import commit
from omsorgspakke_docs.store.ledger import Ledger
from omsorgspakke_docs.store.state import State

from .conftest import canonical_case, make_workspace

CASE = "2026-0412"


class Crash(BaseException):
    """Stands in for the process dying at this point."""


def crash_at(monkeypatch, owner, name: str, nth: int, after: bool) -> None:
    """Make the nth call of owner.name die, before or after it did its work."""
    real, calls = getattr(owner, name), []

    def dying(*args, **kwargs):
        calls.append(1)
        if len(calls) == nth and not after:
            raise Crash(name)
        result = real(*args, **kwargs)
        if len(calls) == nth:
            raise Crash(name)
        return result

    monkeypatch.setattr(owner, name, dying)


def relative_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def assert_exactly_once(ws, archived: list[str], failed: list[str], expected: list[str]) -> None:
    assert sorted(p.name for p in ws.archive.iterdir()) == archived
    assert sorted(p.name for p in ws.failed.iterdir()) == failed
    assert [p for p in ws.inbox.rglob("*") if p.is_file()] == []
    root = ws.root
    assert [p for p in root.rglob(f"{commit.TEMP_PREFIX}*")] == []
    if expected:
        folder = ws.case_folder(CASE)
        assert relative_files(folder) == expected
        for path in folder.rglob("*.docx"):
            open_docx(str(path))


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> list[str]:
    """The case folder of a run that nothing interrupted."""
    ws = make_workspace(tmp_path_factory.mktemp("reference"))
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_ok == 1
    return relative_files(ws.case_folder(CASE))


STEPS = {
    "before the file is read": (detect, "detect", 1, False),
    "after the case state is saved": (State, "save", 1, True),
    "before a document is written": (commit, "write_atomic", 7, False),
    "after a document is written": (commit, "write_atomic", 20, True),
    "after writing, before the ledger confirms": (Ledger, "confirm", 1, False),
    "after the ledger says done, before the move": (inbox, "archive", 1, False),
    "after the move to the archive": (inbox, "archive", 1, True),
}


@pytest.mark.parametrize("step", STEPS)
def test_a_crash_at_any_step_is_finished_or_redone_at_the_next_start(
        workspace, monkeypatch, expected, step):
    crash_at(monkeypatch, *STEPS[step])
    workspace.drop("sak.json", canonical_case())
    with pytest.raises(Crash):
        workspace.run()
    monkeypatch.undo()
    summary = workspace.run()
    assert summary.files_failed == 0 and summary.new_versions == []
    assert_exactly_once(workspace, ["sak.json"], [], expected)


@pytest.mark.parametrize("after", [False, True], ids=["before the move", "after the move"])
def test_a_crash_while_setting_a_bad_file_aside_leaves_it_there_once(workspace, monkeypatch,
                                                                     after):
    owner, name = (inbox, "write_text_atomic") if not after else (Ledger, "finished")
    crash_at(monkeypatch, owner, name, 1, after=not after)
    workspace.drop("ødelagt.json", '{"format": "omsorgspakke-sak/1", ')
    with pytest.raises(Crash):
        workspace.run()
    monkeypatch.undo()
    workspace.run()
    assert_exactly_once(workspace, [], ["ødelagt.json", "ødelagt.json.feil.txt"], [])


def test_a_crash_while_archiving_a_duplicate_counts_it_once(workspace, monkeypatch):
    workspace.drop("a.json", canonical_case())
    workspace.run()
    workspace.drop("b.json", canonical_case())
    crash_at(monkeypatch, inbox, "archive", 1, after=False)
    with pytest.raises(Crash):
        workspace.run()
    monkeypatch.undo()
    workspace.run()
    assert sorted(p.name for p in workspace.archive.iterdir()) == ["a.json", "b.json"]
    assert inbox.interrupted(workspace.inbox) == []
    assert not list(workspace.outbox.rglob("*ny versjon*"))


def test_leftovers_are_looked_for_only_after_a_session_that_did_not_end_well(workspace,
                                                                            monkeypatch):
    """Looking through every case folder for temporary files costs a new day's run more
    than its work: it is done after a session that was killed or crashed (or whose worker
    died), not after one that ended as it should."""
    from omsorgspakke_docs.run import pipeline

    looked = []
    real = pipeline.remove_leftovers
    monkeypatch.setattr(pipeline, "remove_leftovers",
                        lambda folder: looked.append(folder) or real(folder))
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_ok == 1
    assert looked  # a new state folder: nothing says the last session ended well
    assert (workspace.state / pipeline.ENDED_WELL).exists()

    looked.clear()
    workspace.run()
    assert looked == []

    # A crash in the middle: the next session looks, and removes what was left.
    crash_at(monkeypatch, State, "sync", 1, after=False)
    workspace.drop("sak2.json", canonical_case(journalnummer="2026-0999"))
    with pytest.raises(Crash):
        workspace.run()
    assert not (workspace.state / pipeline.ENDED_WELL).exists()
    left = workspace.case_folder(CASE) / f"{commit.TEMP_PREFIX}halvveis.docx"
    left.write_bytes(b"halvveis")
    monkeypatch.undo()
    monkeypatch.setattr(pipeline, "remove_leftovers",
                        lambda folder: looked.append(folder) or real(folder))
    workspace.run()
    assert looked and not left.exists()
    assert (workspace.state / pipeline.ENDED_WELL).exists()
