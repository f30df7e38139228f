"""The dates the programme sets must not meet the journal's (docs/planning.md «Travel time and
dates planned before»). A date planned and kept, whose invitation may have gone out, that a
later export puts another meeting of the case's on (a follow-up visit planned that day
without a time, another party's conversation at the same time) stays, and the plan, the
case's overview and Saksoversikt's Avvik say so; one whose invitation is not made yet is
planned anew. A visit the journal has planned without a time takes the contact person's
working day. A conversation the journal has on video or the telephone needs no travel."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from omsorgspakke_docs.text import tekst

from .conftest import TODAY, docx_text, xlsx_rows
from .test_bookings import case
from .test_two_offices_travel import FJELLVIK, _minutes, _office_meetings

A, B = "2026-0801", "2026-0802"
LATER = date(2026, 11, 30)
"""The day of the second export: the themes of 21 and 22 December have (or may have) had
their invitations made (invitation_days_before, and a week); those of January have not."""
VISIT_NOTE = ("samtalen 21. desember 2026 kl. {kl} er samme dag som et oppfølgingsbesøk i "
              "fosterhjemmet som fagsystemet har uten klokkeslett. Innkallingen kan allerede "
              "være sendt, så datoen er ikke flyttet")


def _rows(workspace, journalnummer: str = A) -> list[tuple]:
    rows = xlsx_rows(workspace.case_folder(journalnummer) / "04 Oppfølgingsoversikt.xlsx",
                     "Samtaler")
    return [(r[0], r[1], r[3].date(), r[4]) for r in rows
            if r[5] == "Planlagt" and isinstance(r[3], datetime)]


def _exported_again(workspace, letters_first: bool = True, **changes) -> None:
    """The case's first export, then the export of 29 November read on 30 November:
    letters_first, by a run of that day after the one that made the letters due (those of
    21 December); else by the day's first run, before any of them is made."""
    workspace.drop("a.json", case(A))
    assert workspace.run().files_failed == 0
    if letters_first:
        assert workspace.run(LATER).files_failed == 0
    workspace.drop("a2.json", {**case(A), "eksportert": "2026-11-29", **changes})
    assert workspace.run(LATER).files_failed == 0


def _avvik(workspace) -> list[str]:
    return [r[2] for r in xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Avvik")
            if r and r[0] == A and isinstance(r[2], str)]


def test_a_kept_date_the_journal_puts_a_visit_on_stays_and_is_said(workspace):
    """The mother's and the child's theme 1 were planned for 21 December (10.00 at the
    office, 14.00 in the foster home) and their invitations made (by the run of 30 November
    before the export was read); the export of 29 November
    has a follow-up visit that day, without a time. Both stay, and their invitations still
    say 21 December; the plan, the overview and Avvik ask the contact person to see to it."""
    _exported_again(workspace, oppfolgingsbesok=[{"dato": "2026-12-21", "status": "planlagt"}])
    assert {(r[0], r[3]) for r in _rows(workspace) if r[2] == date(2026, 12, 21)} == {
        ("Barnet", "14.00–15.30"), ("Foreldre (mor)", "10.00–11.30")}
    invitation = workspace.case_folder(A) / "Innkallinger" / "Foreldre" \
        / "Tema 1 - Fortsatt familie - mor.docx"
    assert "21. desember 2026" in docx_text(invitation)
    plan = " ".join(docx_text(workspace.case_folder(A) / "01 Oppfølgingsplan.docx").split())
    assert "Foreldre (mor), tema 1: " + VISIT_NOTE.format(kl="10.00") in plan
    assert "Barnet, tema 1: " + VISIT_NOTE.format(kl="14.00") in plan
    assert ("Samtalen med mor om «Fortsatt familie» 21. desember 2026 kl. 10.00 er samme dag "
            "som et oppfølgingsbesøk i fosterhjemmet som fagsystemet har uten klokkeslett."
            ) in " ".join(_avvik(workspace))
    overview = xlsx_rows(workspace.case_folder(A) / "04 Oppfølgingsoversikt.xlsx",
                         "Dette må følges opp")
    assert any(isinstance(c, str) and c.startswith("Samtalen med barnet om «Min historie» 21. "
                                                   "desember 2026 kl. 14.00 er samme dag")
               for row in overview for c in row)


def test_a_kept_date_on_another_partys_conversation_in_the_journal_is_said(workspace):
    """The journal moved the foster family's theme 1 to 21 December at 14.00, the time the
    child's theme 1 was planned for and invited to: both stay, and the plans say so."""
    _exported_again(workspace, samtaler=[{
        "part": "fosterfamilien", "tema": 1, "dato": "2026-12-21", "klokkeslett": "14:00",
        "status": "planlagt"}])
    assert ("Barnet", 1, date(2026, 12, 21), "14.00–15.30") in _rows(workspace)
    plan = " ".join(docx_text(workspace.case_folder(A) / "01 Oppfølgingsplan.docx").split())
    assert ("Barnet, tema 1: samtalen 21. desember 2026 kl. 14.00 er samtidig med samtalen "
            "med fosterfamilien (tema 1) som fagsystemet har kl. 14.00. Innkallingen kan "
            "allerede være sendt, så datoen er ikke flyttet: avtal en ny tid for den ene "
            "samtalen, og registrer den nye tiden i fagsystemet.") in plan
    assert any(r.startswith("Samtalen med barnet om «Min historie» 21. desember 2026 kl. 14.00 "
                            "er samtidig med samtalen med fosterfamilien om «Den nye familien»")
               for r in _avvik(workspace))


def test_a_kept_date_whose_letter_is_not_made_yet_moves_off_the_journals_visit(workspace):
    """The export with the visit on 21 December is read by the first run of 30 November,
    the day the invitations for 21 December are due, before they are made: none was made,
    so the mother's and the child's theme 1 move off the visit, no invitation says 21
    December, and the plan has nothing to ask (it said «Innkallingen kan allerede være
    sendt» and then made the letters for that day)."""
    _exported_again(workspace, letters_first=False,
                    oppfolgingsbesok=[{"dato": "2026-12-21", "status": "planlagt"}])
    assert not [r for r in _rows(workspace) if r[2] == date(2026, 12, 21)]
    assert {("Barnet", 1), ("Foreldre (mor)", 1)} <= {(r[0], r[1]) for r in _rows(workspace)}
    letters = workspace.documents(A, "Innkallinger/**/*.docx")
    assert letters and not [p for p in letters if "21. desember 2026" in docx_text(p)]
    plan = docx_text(workspace.case_folder(A) / "01 Oppfølgingsplan.docx")
    assert "fagsystemet har uten klokkeslett" not in plan


def test_a_kept_date_not_invited_yet_moves_off_the_journals_visit(workspace):
    """The foster family's theme 3 on 19 January 2027 has no invitation yet on 30 November:
    the journal's visit that day moves it, and the plan has nothing to ask."""
    _exported_again(workspace, oppfolgingsbesok=[{"dato": "2027-01-19", "status": "planlagt"}])
    assert not [r for r in _rows(workspace) if r[2] == date(2027, 1, 19)]
    assert ("Fosterfamilien", 3) in {(r[0], r[1]) for r in _rows(workspace)}
    plan = docx_text(workspace.case_folder(A) / "01 Oppfølgingsplan.docx")
    assert "fagsystemet har uten klokkeslett" not in plan
    assert not _avvik(workspace) or not any("fagsystemet har" in r for r in _avvik(workspace))


def test_the_notes_read_in_nynorsk():
    nn = tekst("nynorsk")
    note = ("Barnet, tema 1: " + VISIT_NOTE.format(kl="14.00") + ": se til at kontaktpersonen "
            "rekker begge, eller avtal en ny tid for besøket eller samtalen, og registrer den "
            "nye tiden i fagsystemet.")
    assert nn.note(note, "planmerknad") == (
        "Barnet, tema 1: samtalen 21. desember 2026 kl. 14.00 er same dag som eit "
        "oppfølgingsbesøk i fosterheimen som fagsystemet har utan klokkeslett. Innkallinga kan "
        "alt vere sendt, så datoen er ikkje flytta: sjå til at kontaktpersonen rekk begge, "
        "eller avtal ei ny tid for besøket eller samtalen, og registrer den nye tida i "
        "fagsystemet.")


def test_a_visit_the_journal_has_without_a_time_takes_the_day(workspace):
    """The journal has a visit planned on 23 November, the day the move follow-up would
    begin: no conversation of the case is planned that day, nor of the contact person's
    other case planned after it (the bookings hold the day)."""
    workspace.drop("a.json", {**case(A), "oppfolgingsbesok": [
        {"dato": "2026-11-23", "status": "planlagt"}]})
    assert workspace.run().files_failed == 0
    workspace.drop("b.json", case(B))
    assert workspace.run().files_failed == 0
    for journalnummer in (A, B):
        assert not [r for r in _rows(workspace, journalnummer) if r[2] == date(2026, 11, 23)]
    assert [r for r in _rows(workspace, A) if r[2] == date(2026, 11, 24)]


@pytest.mark.parametrize("form", ["video", "telefon", None])
def test_a_conversation_on_video_needs_no_travel(workspace, form):
    """The journal has the foster family's first move follow-up contact on 25 November at
    12.00, on video: the father's at the office keeps its usual 10.00, with no hour to travel
    to the foster home; met there (no form given), it is at 09.30. The plan says where."""
    contact = {"part": "fosterfamilien", "tema": 0, "nummer": 1, "dato": "2026-11-25",
               "klokkeslett": "12:00", "status": "planlagt"}
    workspace.drop("a.json", {**case(A), "samtaler": [
        {**contact, **({"motform": form} if form else {})}]})
    assert workspace.run().files_failed == 0
    father = ("Foreldre (far)", "Flytting", date(2026, 11, 25))
    assert (*father, "10.00–11.30" if form else "09.30–11.00") in _rows(workspace)
    plan = docx_text(workspace.case_folder(A) / "01 Oppfølgingsplan.docx")
    assert ("25. november 2026\n12.00–13.30\nDigitalt\n" in plan) == bool(form)


def test_an_office_booked_by_the_release_before_keeps_the_travel_time(workspace):
    """B, of Fjellvik with its own office, was booked by the release before, which marked
    no office: A, of the service's own office, planned after it keeps the travel time from
    B's meetings at Fjellvik's office, which B's stored case tells."""
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write(FJELLVIK)
    workspace.drop("b.json", {**case(B), "kommunenummer": "4601"})
    assert workspace.run().files_failed == 0
    for path in (workspace.state / "bookings").glob("*.json"):
        held = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({k: [s[:3] if s[3:4] == ["kontor"] else s for s in v]
                                    for k, v in held.items()}), encoding="utf-8")
    workspace.drop("a.json", case(A))
    assert workspace.run(TODAY).files_failed == 0
    here, there = _office_meetings(workspace, A), _office_meetings(workspace, B)
    both = sorted(set(here) & set(there))
    assert both
    for day in both:
        for b1, e1 in here[day]:
            for b2, e2 in there[day]:
                assert _minutes(e1) + 60 <= _minutes(b2) or _minutes(e2) + 60 <= _minutes(b1), \
                    (day, here[day], there[day])
