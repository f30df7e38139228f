"""A conversation is missed when the journal could have recorded it and did not: its date
passed more than missed_after_days before the export was made, not only before the run.
Minutes returned weeks after the last export, or an old export read again, say nothing of
the conversations since, so they move nothing; the invitations the families have stand
(docs/planning.md)."""

from __future__ import annotations

from datetime import date

from .conftest import docx_text
from .test_planning_year import a_case, run

CASE = "2026-0915"


def missed_lines(ws) -> list[str]:
    plan = docx_text(ws.case_folder(CASE) / "01 Oppfølgingsplan.docx")
    return [line for line in plan.splitlines() if "ikke registrert som holdt" in line]


def test_an_export_made_before_the_conversations_moves_none_of_them(tmp_path):
    case = a_case(CASE, "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, date(2026, 9, 15), case)
    # Five weeks on, an export from the next day turns up (kept back somewhere): it was
    # made before any of the conversations, so it cannot say one was missed.
    ws.drop("old.json", {**case, "eksportert": "2026-09-16"})
    assert ws.run(today=date(2026, 10, 20)).files_failed == 0
    assert missed_lines(ws) == []

    # An export made that day, with none of them recorded: these were missed, and move.
    ws.drop("new.json", {**case, "eksportert": "2026-10-20"})
    assert ws.run(today=date(2026, 10, 20)).files_failed == 0
    lines = missed_lines(ws)
    assert len(lines) >= 4  # each party's first contact at least


def test_only_those_the_export_could_know_of_move(tmp_path):
    """An export made 30 September knows of the conversations up to 23 September (seven days
    to record one): those on 16-18 September move; none of the later ones do."""
    case = a_case(CASE, "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, date(2026, 9, 15), case)
    ws.drop("late.json", {**case, "eksportert": "2026-09-30"})
    assert ws.run(today=date(2026, 10, 20)).files_failed == 0
    lines = missed_lines(ws)
    assert lines
    assert all("planlagt 16. september" in line or "planlagt 17. september" in line
               or "planlagt 18. september" in line for line in lines), lines


def test_minutes_returned_weeks_after_the_export_move_nothing(tmp_path):
    """The contact person returns the child's first minutes five weeks on; the journal's
    last export is from the first day. The other conversations since are not missed: the
    journal has simply not been exported since."""
    from omsorgspakke_docs.rendering import minutes_marker as mm

    from .test_readback import fill_minutes

    case = a_case(CASE, "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, date(2026, 9, 15), case)
    (minutes,) = (ws.case_folder(CASE) / "Referater" / "Barnet").glob("Tema 0 *.docx")
    ws.drop("referat.docx", fill_minutes(minutes, {
        mm.HELD.tag: "16.09.2026", mm.PARTICIPANTS.tag: "Kontaktpersonen",
        mm.NOTES.tag + "1": "Vi snakket om flyttedagen."}))
    summary = ws.run(today=date(2026, 10, 20))
    assert summary.files_failed == 0 and summary.files_ok == 1, summary.failed
    assert missed_lines(ws) == []
