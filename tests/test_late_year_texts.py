"""What parents and staff read when documents are made again well into the programme's year.

The parents' information letter issued anew after a change of dates kept its heading «Tilbud
om samtaler …» and a paragraph on how the first weeks after a move feel; the follow-up plan
said «alle datoene settes opp allerede nå» in month ten; and the plan's note on a date the
journal moved said «ny innkalling lages» whether or not one was made (helper 127). A first
letter and a first plan read as before.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from icalendar import Calendar

from omsorgspakke_docs.planning.workdays import letter_day, norsk_dato

from .conftest import both_parents_took_part, canonical_case, docx_text
from .doc_helpers import case_context, render
from .test_planning_year import a_case, run, start_of

FIRST = date(2026, 9, 15)
LATER = date(2026, 12, 1)
CASE = "2026-0915"

WORDS = {
    "bokmal": {
        "offer": "Samtalene det første året etter at Sofie flyttet",  # (she said yes)
        "going_on": "Samtalene videre det første året etter at Sofie flyttet",
        "move": "det er forståelig om du har mange tanker og følelser nå",
        "named": "Tilbudet heter Omsorgspakken.",
        "part_of": "Samtalene er en del av Omsorgspakken.",
        "all_dates": "Alle datoene er satt opp allerede nå, slik at du vet hva som kommer.",
        "remaining": "Her er datoene for samtalene som gjenstår, slik at du vet hva som "
                     "kommer.",
        "plan_first": "og alle datoene settes opp allerede nå, slik at alle vet hva som kommer",
        "plan_late": "fram til det siste temaet. Tabellene nedenfor viser samtalene som er "
                     "holdt, og datoene for dem som gjenstår. En samtale varer",
        "moved": "Foreldre (mor), tema 4: planlagt {was}, flyttet til {now} i fagsystemet; "
                 "ny innkalling er laget og ligger i mappen Innkallinger.",
        "folder": "Innkallinger/Foreldre/Tema 4 *mor.docx",
    },
    "nynorsk": {
        "offer": "Samtalane det første året etter at Sofie flytta",  # (she said yes)
        "going_on": "Samtalane vidare det første året etter at Sofie flytta",
        "move": "det er forståeleg om du har mange tankar og kjensler no",
        "named": "Tilbodet heiter Omsorgspakken.",
        "part_of": "Samtalane er ein del av Omsorgspakken.",
        "all_dates": "Alle datoane er sette opp alt no, slik at du veit kva som kjem.",
        "remaining": "Her er datoane for samtalane som står att, slik at du veit kva som kjem.",
        "plan_first": "og alle datoane blir sette opp alt no, slik at alle veit kva som kjem",
        "plan_late": "fram til det siste temaet. Tabellane nedanfor viser samtalane som er "
                     "haldne, og datoane for dei som står att. Ein samtale varer",
        "moved": "Foreldre (mor), tema 4: planlagd {was}, flytta til {now} i fagsystemet; "
                 "ny innkalling er laga og ligg i mappa Innkallingar.",
        "folder": "Innkallingar/Foreldre/Tema 4 *mor.docx",
    },
}


def _workspace(tmp_path, malform: str):
    """The case placed 14 September 2026, first run the day after, in malform."""
    case = a_case(CASE, "2026-09-14", 615, eksportert=FIRST.isoformat())
    ws = run(tmp_path, FIRST, name=malform)
    if malform == "nynorsk":
        ws.config_file.write_text(ws.config_file.read_text(encoding="utf-8").replace(
            "[service]\n", '[service]\nmalform = "nynorsk"\n'), encoding="utf-8")
    ws.drop("first.json", case)
    assert ws.run(today=FIRST).files_failed == 0
    return ws, case


def _planned(ws) -> dict[tuple, datetime]:
    """(part, tema, nummer, forelder) -> start, of every conversation in the calendar."""
    out = {}
    (calendar,) = ws.case_folder(CASE).glob("Kalender/Alle *.ics")  # samtaler / samtalar
    for event in Calendar.from_ical(calendar.read_bytes()).events:
        uid = str(event["UID"]).split("@")[0].split("-")
        if len(uid) < 5 or not uid[3].startswith("t"):
            continue  # a visit or the joint meeting
        forelder = int(uid[5][1:]) if len(uid) > 5 else None
        out[(uid[2], int(uid[3][1:]), int(uid[4][1:]), forelder)] = start_of(event)
    return out


def _three_months_on(ws, case) -> tuple[datetime, datetime]:
    """An export on 1 December 2026: every conversation before it held, and the mother's
    theme 4 moved a week on in the journal. The date it had and the new one."""
    planned = _planned(ws)
    held = [{"part": part, "tema": tema, "nummer": nummer, "dato": when.date().isoformat(),
             "status": "gjennomfort", **({"forelder": f} if f is not None else {})}
            for (part, tema, nummer, f), when in planned.items() if when.date() < LATER]
    was = planned[("foreldre", 4, 1, 0)]
    now = was.replace(day=was.day + 7)
    moved = {"part": "foreldre", "tema": 4, "nummer": 1, "forelder": 0,
             "dato": now.date().isoformat(), "klokkeslett": f"{now:%H:%M}",
             "status": "planlagt"}
    ws.drop("later.json", {**case, "eksportert": LATER.isoformat(), "samtaler": [*held, moved]})
    assert ws.run(today=LATER).files_failed == 0
    return was, now


@pytest.fixture(scope="module", params=["bokmal", "nynorsk"])
def three_months_on(request, tmp_path_factory):
    """The case in a standard: its folder and texts after the first run, then after the
    export of 1 December 2026 (_three_months_on), with the dates moved."""
    malform = request.param
    ws, case = _workspace(tmp_path_factory.mktemp(malform), malform)
    folder = ws.case_folder(CASE)
    letter = folder / "02 Informasjonsbrev til foreldre - mor.docx"
    plan = folder / "01 Oppfølgingsplan.docx"
    first = docx_text(letter), docx_text(plan)
    was, now = _three_months_on(ws, case)
    return SimpleNamespace(words=WORDS[malform], folder=folder, first=first,
                           late=(docx_text(letter), docx_text(plan)), was=was, now=now)


def test_the_letter_to_a_parent_well_into_the_year_is_not_the_first_offer(three_months_on):
    words, (first, _), (late, _) = (three_months_on.words, three_months_on.first,
                                    three_months_on.late)
    # The first letter reads as it always did.
    assert words["offer"] in first and words["move"] in first and words["part_of"] in first
    assert words["all_dates"] in first and words["going_on"] not in first
    # Issued anew for the new date: about the conversations to come, not how a move feels.
    assert late != first and norsk_dato(three_months_on.now.date()) in late
    assert words["going_on"] in late and words["part_of"] in late
    assert words["remaining"] in late
    for said in ("offer", "move", "named", "all_dates"):
        assert words[said] not in late, said


def test_the_plan_made_again_does_not_say_the_dates_are_set_up_now(three_months_on):
    words, (_, first), (_, late) = (three_months_on.words, three_months_on.first,
                                    three_months_on.late)
    assert words["plan_first"] in first and words["plan_late"] not in first
    assert words["plan_late"] in late and words["plan_first"] not in late


def test_the_note_on_a_date_the_journal_moved_points_to_the_invitation_made(three_months_on):
    words, was, now = three_months_on.words, three_months_on.was, three_months_on.now
    _, plan = three_months_on.late
    # Read on 1 December, after its letter's day (26 November): the letter is made at once,
    # and the note says so, not a past day as a deadline ahead.
    assert letter_day(now.date(), 21) < LATER
    assert words["moved"].format(was=norsk_dato(was.date()), now=norsk_dato(now.date())) \
        in plan.splitlines()
    (invitation,) = three_months_on.folder.glob(words["folder"])
    assert norsk_dato(now.date()) in docx_text(invitation)


def test_a_date_the_journal_moves_after_the_year_is_not_said_to_get_a_letter(tmp_path):
    """After the programme's last day no letter is made (rendering/prepare.py): the note on
    a conversation the journal moved then said «ny innkalling lages» all the same."""
    ws, case = _workspace(tmp_path, "bokmal")
    planned = _planned(ws)
    held = [{"part": part, "tema": tema, "nummer": nummer, "dato": when.date().isoformat(),
             "status": "gjennomfort", **({"forelder": f} if f is not None else {})}
            for (part, tema, nummer, f), when in planned.items()
            if (part, tema) != ("barnet", 5)]
    child = planned[("barnet", 5, 1, None)]
    day = date(2027, 9, 20)  # the year ended 13 September 2027
    moved = {"part": "barnet", "tema": 5, "nummer": 1, "dato": "2027-09-27",
             "klokkeslett": "10:00", "status": "planlagt"}
    ws.drop("after.json", {**case, "eksportert": day.isoformat(), "samtaler": [*held, moved]})
    assert ws.run(today=day).files_failed == 0
    folder = ws.case_folder(CASE)
    lines = [line for line in docx_text(folder / "01 Oppfølgingsplan.docx").splitlines()
             if "flyttet til" in line]
    assert lines == [f"Barnet, tema 5: planlagt {norsk_dato(child.date())}, flyttet til "
                     "27. september 2027 i fagsystemet. Programmets siste dag er passert, så "
                     "det lages ikke noe nytt brev."]
    assert not list(folder.glob("Innkallinger/Barnet/Tema 5*"))


def test_a_date_the_journal_moves_past_the_placements_end_gets_no_note_of_a_letter(tmp_path):
    """The placement ends on 1 November 2026 and the journal moves the child's theme 1 past
    it: the conversation leaves the plan (schedule._ends_early), with no invitation, but the
    plan still said «ny innkalling lages»."""
    ws, case = _workspace(tmp_path, "bokmal")
    day = date(2026, 10, 5)
    moved = {"part": "barnet", "tema": 1, "nummer": 1, "dato": "2026-11-05",
             "klokkeslett": "14:00", "status": "planlagt"}
    placement = {**case["plassering"], "sluttdato": "2026-11-01"}
    ws.drop("ends.json", {**case, "eksportert": day.isoformat(), "plassering": placement,
                          "samtaler": [moved]})
    assert ws.run(today=day).files_failed == 0
    folder = ws.case_folder(CASE)
    text = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert "Fagsystemet viser at plasseringen avsluttes 1. november 2026." in text
    assert "flyttet til 5. november 2026" not in text
    assert not list(folder.glob("Innkallinger/Barnet/Tema 1*"))


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "Her er datoen for samtalen som gjenstår, slik at du vet hva som kommer."),
    ("nynorsk", "Her er datoen for samtalen som står att, slik at du veit kva som kjem.")])
def test_a_letter_with_one_conversation_left_gives_its_date(tmp_path, malform, said):
    """The mother's last theme is all that is left (the joint meeting only an offer, in a
    climate of conflict, is not listed): «the date of the conversation that remains»."""
    case = both_parents_took_part(canonical_case(samarbeidsklima="konflikt"))
    mine = sorted((c for c in case_context(case).plan.conversations if c.part == "foreldre"
                   and c.forelder == 0 and c.status == "planlagt"), key=lambda c: c.dato)
    case["samtaler"] += [{"part": "foreldre", "tema": c.tema, "nummer": c.nummer,
                          "forelder": 0, "dato": c.dato.isoformat(), "status": "gjennomfort"}
                         for c in mine[:-1]]
    day = mine[-2].dato + timedelta(days=1)
    case["eksportert"] = day.isoformat()
    ctx = case_context(case, today=day, invitation_days_before=21).in_malform(malform)
    letters = render(ctx, "informasjonsbrev", tmp_path)
    text = docx_text(next(p for name, p in letters.items() if "mor" in name))
    assert said in text
    assert "Alle dato" not in text and "allerede nå" not in text and "alt no" not in text


def test_the_letter_day_alone_does_not_make_the_plan_anew(workspace):
    """A date the journal moved: the plan's note said «lages senest …» until the letter's day
    and «er laget …» from it, so that day made the plan anew (a new «Vår dato», and a new
    version for the archive) for nothing but its note (helper 129)."""
    from .conftest import TODAY

    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    day = TODAY + timedelta(days=1)
    case = canonical_case(eksportert=day.isoformat())
    case["samtaler"].append({"part": "barnet", "tema": 3, "nummer": 1, "dato": "2027-01-20",
                             "klokkeslett": "14:00", "status": "planlagt"})
    workspace.drop("flyttet.json", case)
    assert workspace.run(day).files_failed == 0
    plan = workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx"
    made = letter_day(date(2027, 1, 20), 21)
    workspace.run(made - timedelta(days=1))
    before = plan.stat().st_mtime_ns
    workspace.run(made)
    assert plan.stat().st_mtime_ns == before
    assert (f"ny innkalling lages senest {norsk_dato(made)} og legges i mappen Innkallinger."
            in docx_text(plan))
