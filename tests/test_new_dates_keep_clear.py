"""A new date (a conversation moved, first planned, or cancelled in the journal and planned
again) keeps clear of everything the contact person is known to be busy with: the journal's
dated conversations of every party of the case, not only the tracks planned before it
(docs/planning.md, «The rules»). The parties are planned in turn (the child, the parents,
the foster family), so the mother's cancelled conversation was planned again on top of the
foster family's conversation the journal had that day: three meetings, two at once."""

from __future__ import annotations

from datetime import date, datetime, time

from omsorgspakke_docs.config import Schedule

from .conftest import TODAY, canonical_case, docx_text, xlsx_rows

CASE = "2026-0412"
MOVED_ON = date(2026, 11, 23)
FOSTER_DAY = "2026-11-24"
MOTHER = "Innkallinger/Foreldre/Tema 0 - Oppfølging i flytteprosessen (kontakt 2) - mor.docx"
IN_THE_HOME = ("Barnet", "Fosterfamilien")
"""The parties met in the foster home ([schedule] child_meets_at, the default)."""


def _the_journal_has_the_foster_family_that_day(workspace) -> None:
    """Planned on TODAY; the next day's export has the mother's next conversation cancelled
    (that day) and the foster family's theme 2 in the journal the next working day, the
    first day the mother could be met again, 10.30 in the foster home."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-21"))
    assert workspace.run(TODAY).files_failed == 0
    case = canonical_case(eksportert=MOVED_ON.isoformat())
    case["samtaler"] = [*case["samtaler"], {
        "part": "foreldre", "tema": 0, "nummer": 2, "forelder": 0,
        "dato": MOVED_ON.isoformat(), "status": "avlyst"}, {
        "part": "fosterfamilien", "tema": 2, "nummer": 1, "dato": FOSTER_DAY,
        "klokkeslett": "10:30", "status": "planlagt"}]
    workspace.drop("sak2.json", case)
    assert workspace.run(MOVED_ON).files_failed == 0


def _meetings(workspace) -> dict[date, list[tuple[str, time, time]]]:
    """The contact person's meetings ahead by day, as the case's Oppfølgingsoversikt lists
    them: (party, start, end)."""
    days: dict[date, list[tuple[str, time, time]]] = {}
    rows = xlsx_rows(workspace.case_folder(CASE) / "04 Oppfølgingsoversikt.xlsx", "Samtaler")
    for row in rows:
        if row[5] == "Planlagt" and isinstance(row[3], datetime) and row[3].date() > MOVED_ON:
            begins, ends = (time.fromisoformat(t.replace(".", ":")) for t in row[4].split("–"))
            days.setdefault(row[3].date(), []).append((row[0], begins, ends))
    return days


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def test_a_cancelled_conversation_planned_again_keeps_clear_of_the_journals_dates(workspace):
    _the_journal_has_the_foster_family_that_day(workspace)
    s = Schedule()
    plan = docx_text(workspace.case_folder(CASE) / "01 Oppfølgingsplan.docx")
    (note,) = [line for line in plan.splitlines()
               if line.startswith("Foreldre (mor), flyttesamtale (kontakt 2): samtalen")]
    assert "23. november 2026 er registrert som avlyst i fagsystemet. Planlagt på nytt" in note
    days = _meetings(workspace)
    (mother,) = [(day, begins, ends) for day, meetings in days.items()
                 for who, begins, ends in meetings if who == "Foreldre (mor)"
                 and day < date(2026, 12, 1)]
    day, begins, ends = mother
    # The plan's note and the mother's new invitation say that day and time.
    assert f"Planlagt på nytt {day.day}. november 2026;" in note
    letter = docx_text(workspace.case_folder(CASE) / MOTHER)
    assert f"{day.day}. november 2026" in letter and f"{begins:%H.%M}" in letter
    # That day, the contact person keeps within the day's limit, nothing overlaps, and
    # the office and the foster home are travel_minutes apart.
    for when, meetings in days.items():
        assert len(meetings) <= s.max_per_day, (when, meetings)
        for i, (who, b1, e1) in enumerate(meetings):
            for other, b2, e2 in meetings[i + 1:]:
                travel = s.travel_minutes if (who in IN_THE_HOME) != (other in IN_THE_HOME) \
                    else 0
                assert _minutes(e1) + travel <= _minutes(b2) \
                    or _minutes(e2) + travel <= _minutes(b1), (when, who, other)
    assert (date.fromisoformat(FOSTER_DAY), "Fosterfamilien") in {
        (when, who) for when, meetings in days.items() for who, _, _ in meetings}
