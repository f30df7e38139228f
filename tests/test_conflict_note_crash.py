"""The note on disagreements between exports (avvik-mellom-eksporter.txt) does not depend on
where a crash fell: a kill between saving the merged case and writing the note still gives
the note on the redo, once."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.domain.merge import CONFLICT_NOTE
from omsorgspakke_docs.run import file_step

from .test_crash_points import Crash, crash_at
from .test_watch import real_case


def other_contact(eksportert: str) -> dict:
    """The case in a second export of the same date naming another contact person: two
    exports that disagree (a later one would be the case moving on: tests/test_merge.py)."""
    case = real_case(1, eksportert=eksportert)
    case["kontaktperson"] = {**case["kontaktperson"], "fornavn": "Nora"}
    return case


def note_of(workspace) -> str:
    return (workspace.case_folder("2026-0001") / CONFLICT_NOTE).read_text(encoding="utf-8")


@pytest.mark.parametrize("after", [False, True])
def test_a_crash_around_the_conflict_note_still_gives_the_note_once(workspace, monkeypatch,
                                                                    after):
    workspace.drop("sak.json", real_case(1))
    workspace.run()
    workspace.drop("sak-ny.json", other_contact("2026-11-20"))
    crash_at(monkeypatch, file_step, "record_conflicts", 1, after=after)
    with pytest.raises(Crash):
        workspace.run()
    monkeypatch.undo()
    workspace.run()
    note = note_of(workspace)
    assert "Kontaktpersonen: fornavn" in note
    assert note.count("Kontaktpersonen: fornavn") == 1


def test_without_a_crash_the_note_is_written_once(workspace):
    workspace.drop("sak.json", real_case(1))
    workspace.run()
    workspace.drop("sak-ny.json", other_contact("2026-11-20"))
    workspace.run()
    assert note_of(workspace).count("Kontaktpersonen: fornavn") == 1
