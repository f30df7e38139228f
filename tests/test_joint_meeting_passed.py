"""A joint meeting whose day has passed while the theme it builds on («Samvær og samarbeid»)
was not held with a party, and is now planned after it (helper 171: the parents' theme was
missed and moved to April; the meeting stayed on its day in January, «Datoen er passert», and
the parents' new information letters left it out, beside a plan saying it came after the
theme). No export says whether a joint meeting was held; but it comes after the theme with
every party, so it follows the theme: the plan, the parents' letters and the calendar show
its new day. With no room after the theme, it stays on its day and the plan asks the contact
person to act."""

from __future__ import annotations

from datetime import date, datetime

from omsorgspakke_docs.text import tekst

from .conftest import docx_text
from .test_planning_year import a_case, events, run, start_of

CASE = "2026-0915"
NB, NN = tekst("bokmal"), tekst("nynorsk")
MEETING_WAS = date(2026, 11, 6)
"""The meeting as first planned: after theme 2, held with the foster family on 30 October
and planned with the mother and the father on 29 and 30 October."""
EXPORTED = date(2026, 11, 20)
"""The next export: the meeting's day has passed, and the parents' theme 2 is not there."""

HELD = [{"part": part, "tema": tema, "nummer": nummer, "dato": day, "status": "gjennomfort",
         **({"forelder": forelder} if forelder is not None else {})}
        for part, tema, nummer, forelder, day in (
            ("barnet", 0, 1, None, "2026-09-16"), ("barnet", 0, 2, None, "2026-09-23"),
            ("barnet", 0, 3, None, "2026-09-30"), ("barnet", 1, 1, None, "2026-10-14"),
            ("barnet", 2, 1, None, "2026-10-28"), ("barnet", 3, 1, None, "2026-11-11"),
            ("foreldre", 0, 1, 0, "2026-09-17"), ("foreldre", 0, 1, 1, "2026-09-18"),
            ("foreldre", 0, 2, 0, "2026-09-24"), ("foreldre", 0, 2, 1, "2026-09-25"),
            ("foreldre", 0, 3, 0, "2026-10-01"), ("foreldre", 0, 3, 1, "2026-10-02"),
            ("foreldre", 1, 1, 0, "2026-10-15"), ("foreldre", 1, 1, 1, "2026-10-16"),
            ("fosterfamilien", 0, 1, None, "2026-09-18"),
            ("fosterfamilien", 0, 2, None, "2026-09-25"),
            ("fosterfamilien", 0, 3, None, "2026-10-02"),
            ("fosterfamilien", 1, 1, None, "2026-10-16"),
            ("fosterfamilien", 2, 1, None, "2026-10-30"),
            ("fosterfamilien", 3, 1, None, "2026-11-13"))]
"""Everything held as planned up to the export, but the parents' theme 2 (and so their
theme 3): the foster family's theme 2 was held before the meeting, the parents' was not."""


def exported(tmp_path, *more: dict, malform: str = "bokmal"):
    """The case planned at placement, invited to the meeting, and exported again after it."""
    case = a_case(CASE, "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, date(2026, 9, 15), case)
    if malform != "bokmal":
        ws.in_malform(malform)
    assert ws.run(today=date(2026, 10, 20)).files_failed == 0  # its invitations made
    ws.drop("later.json", {**case, "eksportert": EXPORTED.isoformat(),
                           "samtaler": [*HELD, *more]})
    assert ws.run(today=EXPORTED).files_failed == 0
    return ws


def meeting_start(ws) -> datetime:
    """The joint meeting's start in the case's calendar (which holds what is ahead)."""
    (event,) = [e for e in events(ws, CASE)
                if str(e["UID"]).endswith("-fellesmote@omsorgspakke-docs")]
    return start_of(event)


def parents_theme2(ws) -> list[date]:
    return sorted(start_of(e).date() for e in events(ws, CASE)
                  if "-foreldre-t2-k1-" in str(e["UID"]))


def test_the_passed_meeting_follows_the_parents_moved_theme(tmp_path):
    ws = exported(tmp_path)
    themes = parents_theme2(ws)
    assert len(themes) == 2 and min(themes) > EXPORTED  # missed, and moved
    new = meeting_start(ws)
    assert new.date() > max(themes)  # the calendar: after the theme with both parents
    plan = docx_text(ws.case_folder(CASE) / "01 Oppfølgingsplan.docx")
    assert "Datoen er passert" not in plan
    day = NB.dato_med_ukedag(new.date())
    assert f"møtes {day} kl. 10.00–11.30, etter at temaet «Samvær og samarbeid» er tatt opp " \
           "med hver av dem" in plan
    notes = [line for line in plan.splitlines() if line.startswith("Det felles møtet var")]
    assert notes == [
        "Det felles møtet var planlagt 6. november 2026, men temaet det bygger på er nå "
        "planlagt 1. desember 2026. Møtet er flyttet til 8. desember 2026; nye invitasjoner "
        "er laget og ligger i mappen Innkallinger."]  # (made at once: below)
    assert new == datetime(2026, 12, 8, 10, 0)


def test_the_parents_information_letters_list_the_meeting_on_its_new_day(tmp_path):
    ws = exported(tmp_path)
    day = NB.dato_med_ukedag(meeting_start(ws).date())
    for who in ("mor", "far"):
        letter = docx_text(ws.case_folder(CASE) / f"02 Informasjonsbrev til foreldre - {who}.docx")
        assert "til Sofie og fosterforeldrene" in letter, who  # (the other parent too)
        assert day in letter, who
        assert "fredag 6. november 2026" not in letter, who


def test_the_meetings_new_invitations_are_made(tmp_path):
    ws = exported(tmp_path)
    day = NB.dato_med_ukedag(meeting_start(ws).date())
    letters = sorted((ws.case_folder(CASE) / "Innkallinger" / "Felles møte").glob("*.docx"))
    assert len(letters) == 3
    for letter in letters:
        text = docx_text(letter)
        assert day in text and "fredag 6. november 2026" not in text, letter.name
        assert ("Møtet har fått nytt tidspunkt. Dette brevet erstatter brevet vårt fra "
                "20. oktober 2026.") in text, letter.name


def test_the_next_day_the_plan_stands(tmp_path):
    """Moved once: the next day's run keeps its new day and says the same (the meeting is
    no longer passed, so it is not moved again)."""
    ws = exported(tmp_path)
    path = ws.case_folder(CASE) / "01 Oppfølgingsplan.docx"
    plan = docx_text(path).splitlines()
    assert ws.run(today=date(2026, 11, 23)).files_failed == 0
    again = docx_text(path).splitlines()
    assert meeting_start(ws) == datetime(2026, 12, 8, 10, 0)
    # It says the same: the new invitations, whose day (20 and 21 November) had passed on
    # the day before, were said to be made then already, not «lages senest» a day before
    # the plan's own date.
    assert again == plan
    assert len([line for line in again if "ny innkalling er laget og ligger" in line]) == 2


def test_in_nynorsk(tmp_path):
    ws = exported(tmp_path, malform="nynorsk")
    new = date(2026, 12, 8)
    plan = docx_text(ws.case_folder(CASE) / "01 Oppfølgingsplan.docx")
    assert f"Møtet er flytta til {NN.dato(new)}" in plan
    letter = docx_text(ws.case_folder(CASE) / "02 Informasjonsbrev til foreldre - mor.docx")
    assert NN.dato_med_ukedag(new) in letter


def test_with_no_room_after_the_theme_the_plan_asks_the_contact_person(tmp_path):
    """The journal has the mother's theme 2 on the programme's last day: no room for the
    meeting after it. It stays on its day, passed, and the plan says what to do."""
    last = {"part": "foreldre", "tema": 2, "nummer": 1, "forelder": 0, "dato": "2027-09-13",
            "klokkeslett": "10:00", "status": "planlagt"}
    for malform, said in (
            ("bokmal", "Det felles møtet var planlagt 6. november 2026, før temaet det bygger "
                       "på, som nå er planlagt 13. september 2027. Det er ikke plass til møtet "
                       "etter temaet før programmets siste dag, 13. september 2027. Ble møtet "
                       "ikke holdt, avtal en dato med kontaktpersonens leder."),
            ("nynorsk", "Det felles møtet var planlagt 6. november 2026, før temaet det byggjer "
                        "på, som no er planlagt 13. september 2027. Det er ikkje plass til "
                        "møtet etter temaet før den siste dagen i programmet, 13. september "
                        "2027. Vart møtet ikkje halde, avtal ein dato med leiaren til "
                        "kontaktpersonen.")):
        ws = exported(tmp_path / malform, last, malform=malform)
        plan = docx_text(ws.case_folder(CASE) / "01 Oppfølgingsplan.docx")
        assert "fredag 6. november 2026 kl. 10.00–11.30" in plan, malform
        assert said in plan.splitlines(), malform
