"""Travel time beside a kept date. Two cases of one contact person in two municipalities, each
foster home at its own address: a date already planned keeps its day while its invitation
may have gone out, but when the other case's meeting elsewhere lands beside it the same day
(the journal puts it there, the case moves to this contact person) without
[schedule] travel_minutes between them, nothing said so. A date not yet announced (more than
[documents] invitation_days_before and a week ahead) is now planned anew around the other
meeting, with the travel time, the joint meeting too; one that may be announced stays, and
the plans say so plainly, for the contact person to move one of them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .conftest import TODAY, docx_text, xlsx_rows
from .test_bookings import OTHER, booked, case

A, B = "2026-0801", "2026-0802"
JOINT_DAY, THEME_DAY = date(2027, 1, 28), date(2027, 2, 3)
"""B's joint meeting (10.00–11.30 at the office) and its child's theme 3 (14.00–15.30 in
its foster home, after school: [schedule] start_times.barnet), as planned on the first day
(TODAY); nothing else of the contact person's on either day."""
LATER = TODAY + timedelta(days=1)


def _elsewhere(journalnummer: str, contact: dict | None = None, starts: str | None = None):
    """A case of the municipality next door, its foster home in another town."""
    data = case(journalnummer, contact)
    data["kommunenummer"] = "4601"
    data["fosterfamilie"] = {**data["fosterfamilie"], "adresse": "Fjellvegen 5",
                             "postnummer": "5050", "poststed": "Bergen"}
    if starts:
        data["plassering"] = {**data["plassering"], "startdato": starts}
    return data


def _the_journal_puts_a_foster_family_beside_b(workspace, in_bokmal: bool = True) -> None:
    """A and B planned on TODAY; the next day A's export has two of its foster family's
    conversations moved in the journal, in their home 12.00–13.30, on the days B meets at the
    office from 10.00 and in its foster home from 14.00: half an hour to get there. B is in
    no export that day. (First-day dates checked in the workbook's bokmål sheet.)"""
    workspace.drop("a.json", case(A))
    workspace.drop("b.json", _elsewhere(B))
    assert workspace.run().files_failed == 0
    if in_bokmal:
        first = _meetings(workspace)
        assert first[JOINT_DAY] == [(B, "Felles møte", None, "10.00–11.30")]
        assert first[THEME_DAY] == [(B, "Barnet", 3, "14.00–15.30")]
    moved = {**case(A), "eksportert": LATER.isoformat(), "samtaler": [
        {"part": "fosterfamilien", "tema": tema, "nummer": 1, "dato": day.isoformat(),
         "klokkeslett": "12:00", "status": "planlagt"}
        for tema, day in ((3, JOINT_DAY), (4, THEME_DAY))]}
    workspace.drop("a2.json", moved)
    assert workspace.run(LATER).files_failed == 0


def _b_meets(workspace) -> set[tuple[date, str]]:
    """B's conversations and joint meeting as its Oppfølgingsoversikt lists them, planned."""
    return booked(workspace, B)


def _meetings(workspace) -> dict[date, list[tuple[str, str, int | None, str]]]:
    """The contact person's planned meetings in A and B by day, as the two cases'
    Oppfølgingsoversikt list them: (case, party, theme, time)."""
    days: dict[date, list[tuple[str, str, int | None, str]]] = {}
    for journalnummer in (A, B):
        rows = xlsx_rows(workspace.case_folder(journalnummer) / "04 Oppfølgingsoversikt.xlsx",
                         "Samtaler")
        for row in rows:
            if row[5] == "Planlagt":
                days.setdefault(row[3].date(), []).append(
                    (journalnummer, row[0], row[1], row[4]))
    return {day: sorted(meetings, key=lambda m: m[3]) for day, meetings in days.items()}


def test_dates_not_yet_announced_move_to_leave_the_travel_time(workspace):
    """The joint meeting moves to an hour before 12.00 in A's foster home; the child's
    conversation, half an hour after it, cannot move earlier into school hours: it goes to
    another day, after school still."""
    _the_journal_puts_a_foster_family_beside_b(workspace)
    meets = _b_meets(workspace)
    assert (JOINT_DAY, "10.00–11.30") not in meets
    assert (JOINT_DAY, "09.30–11.00") in meets
    meetings = _meetings(workspace)
    assert meetings[THEME_DAY] == [(A, "Fosterfamilien", 4, "12.00–13.30")]
    (child,) = [(day, time) for day, held in meetings.items()
                for journalnummer, party, theme, time in held
                if (journalnummer, party, theme) == (B, "Barnet", 3)]
    assert child[0] > THEME_DAY and child[1] == "14.00–15.30"
    plan = docx_text(workspace.case_folder(B) / "01 Oppfølgingsplan.docx")
    assert "møtes torsdag 28. januar 2027 kl. 09.30–11.00" in plan
    assert "rekker ikke å reise" not in plan


def test_a_conversation_moved_to_another_day_keeps_the_contact_persons_day(workspace):
    """The child's conversation moved off THEME_DAY (and its later themes following it)
    goes to a day where the contact person has room: not beside its father's and its
    foster family's kept conversations on Thursday 4 February (10.00 and 12.30), three
    meetings in one day where [schedule] max_per_day is two."""
    _the_journal_puts_a_foster_family_beside_b(workspace)
    meetings = _meetings(workspace)
    assert meetings[date(2027, 2, 4)] == [(B, "Foreldre (far)", 3, "10.00–11.30"),
                                          (B, "Fosterfamilien", 3, "12.30–14.00")]
    full = {day: held for day, held in meetings.items() if len(held) > 2}
    assert not full


NOTES = {
    "bokmal": [
        "Barnet, tema 3: 3. februar 2027 kl. 14.00 har kontaktpersonen en avtale i en annen "
        "sak et annet sted kl. 12.00–13.30, og rekker ikke å reise mellom de to. "
        "Innkallingen kan allerede være sendt, så datoen er ikke flyttet: avtal en ny tid i den "
        "ene saken, og registrer den nye tiden i fagsystemet.",
        "Felles møte: 28. januar 2027 kl. 10.00 har kontaktpersonen en avtale i en annen sak et "
        "annet sted kl. 12.00–13.30, og rekker ikke å reise mellom de to. Invitasjonene kan "
        "allerede ha gått ut, så datoen er ikke flyttet: avtal en ny tid i den ene saken, og "
        "registrer den nye tiden i fagsystemet."],
    "nynorsk": [
        "Barnet, tema 3: 3. februar 2027 kl. 14.00 har kontaktpersonen ein avtale i ei anna "
        "sak ein annan stad kl. 12.00–13.30, og rekk ikkje å reise mellom dei to. "
        "Innkallinga kan alt vere sendt, så datoen er ikkje flytta: avtal ei ny tid i den eine "
        "saka, og registrer den nye tida i fagsystemet.",
        "Felles møte: 28. januar 2027 kl. 10.00 har kontaktpersonen ein avtale i ei anna sak ein "
        "annan stad kl. 12.00–13.30, og rekk ikkje å reise mellom dei to. Invitasjonane kan alt "
        "ha gått ut, så datoen er ikkje flytta: avtal ei ny tid i den eine saka, og registrer "
        "den nye tida i fagsystemet."],
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_announced_dates_stay_and_the_plan_says_there_is_no_time_to_travel(workspace, malform):
    """Every letter of the year made on the first day ([documents] invitation_days_before a
    year): B's invitations to the conversation and the joint meeting are out, and they keep
    their time; B's plan says why the contact person cannot be at both."""
    workspace.in_malform(malform)
    workspace.whole_year()
    _the_journal_puts_a_foster_family_beside_b(workspace, malform == "bokmal")
    if malform == "bokmal":  # (the workbook's sheet in bokmål; the notes name the time)
        assert {(JOINT_DAY, "10.00–11.30"), (THEME_DAY, "14.00–15.30")} <= _b_meets(workspace)
    plan = docx_text(workspace.case_folder(B) / "01 Oppfølgingsplan.docx").splitlines()
    for note in NOTES[malform]:
        assert note in plan


def test_two_kept_dates_without_the_travel_time_are_said_in_both_plans(workspace):
    """B was planned for Per Olsen, then the journal gives it to Ingrid, who has A: on
    24 November she has B's mother at the office 10.00–11.30 and A's foster family in their
    home at 12.00, both dates kept (arranged, or invited). Both plans say it. B's mother's
    theme 1 on 22 December (10.00, A's foster family at 12.00 again) is far enough ahead to
    be planned anew, with the hour kept."""
    workspace.drop("a.json", case(A))
    workspace.drop("b.json", _elsewhere(B, OTHER, "2026-11-19"))
    assert workspace.run().files_failed == 0
    assert (date(2026, 12, 22), "10.00–11.30") in _b_meets(workspace)
    workspace.drop("b2.json", {**_elsewhere(B, None, "2026-11-19"),
                               "eksportert": LATER.isoformat()})
    assert workspace.run(LATER).files_failed == 0
    said = {
        A: "Fosterfamilien, flyttesamtale (kontakt 1): 24. november 2026 kl. 12.00 har "
           "kontaktpersonen en avtale i en annen sak et annet sted kl. 10.00–11.30, og rekker "
           "ikke å reise mellom de to.",
        B: "Foreldre (mor), flyttesamtale (kontakt 1): 24. november 2026 kl. 10.00 har "
           "kontaktpersonen en avtale i en annen sak et annet sted kl. 12.00–13.30, og rekker "
           "ikke å reise mellom de to."}
    for journalnummer, note in said.items():
        plan = docx_text(workspace.case_folder(journalnummer) / "01 Oppfølgingsplan.docx")
        assert any(line.startswith(note) and line.endswith(
            "avtal en ny tid i den ene saken, og registrer den nye tiden i fagsystemet.")
            for line in plan.splitlines()), journalnummer
        assert "22. desember 2026" not in " ".join(
            line for line in plan.splitlines() if "rekker ikke å reise" in line)
    assert (date(2026, 12, 22), "10.00–11.30") not in _b_meets(workspace)


def test_a_next_day_with_nothing_new_moves_no_date_and_writes_no_letter(workspace):
    """Issue 19 on a next day: the day after B's dates were planned anew around A's foster
    family (and B made again for it), the same exports again, one working day on: B's dates
    stay where they were put, and none of the letters made before is written again
    (re-dated)."""
    _the_journal_puts_a_foster_family_beside_b(workspace)
    before = _meetings(workspace)
    letters = sorted((workspace.case_folder(B) / "Innkallinger").rglob("*.docx"))
    assert letters
    made = {path: path.read_bytes() for path in letters}
    again = LATER + timedelta(days=1)
    while again.weekday() >= 5:
        again += timedelta(days=1)
    moved = {**case(A), "eksportert": LATER.isoformat(), "samtaler": [
        {"part": "fosterfamilien", "tema": tema, "nummer": 1, "dato": day.isoformat(),
         "klokkeslett": "12:00", "status": "planlagt"}
        for tema, day in ((3, JOINT_DAY), (4, THEME_DAY))]}
    workspace.drop("a3.json", moved)
    workspace.drop("b3.json", _elsewhere(B))
    summary = workspace.run(again)
    assert summary.files_failed == 0
    ahead = {day: held for day, held in before.items() if day >= again}
    assert {day: held for day, held in _meetings(workspace).items() if day >= again} == ahead
    # (a letter falling due that day is new; those made before are as they were)
    assert {path: path.read_bytes() for path in letters} == made
