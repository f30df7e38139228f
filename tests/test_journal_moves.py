"""A conversation the journal has on another date than the one we planned (the caseworker
moved it there): the journal's date wins, and the plan says it was moved, and from which date,
as it does for a conversation the planner moved (docs/planning.md)."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from omsorgspakke_docs.planning.workdays import letter_day, norsk_dato
from omsorgspakke_docs.text import tekst

from .conftest import docx_text
from .test_planning_year import a_case, events, run, start_of


def moved_lines(ws, journalnummer: str) -> list[str]:
    plan = docx_text(ws.case_folder(journalnummer) / "01 Oppfølgingsplan.docx")
    return [line for line in plan.splitlines() if "flyttet til" in line.lower()]


def test_a_date_the_journal_moved_is_named_in_the_plan_with_the_date_it_had(tmp_path, caplog):
    first = date(2026, 9, 15)
    case = a_case("2026-0915", "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, first, case)
    planned = {str(e["UID"]): start_of(e) for e in events(ws, "2026-0915")}
    theme1 = next(k for k in planned if k.endswith("-barnet-t1-k1@omsorgspakke-docs"))
    was = planned[theme1]
    assert moved_lines(ws, "2026-0915") == []

    # The caseworker moves the child's theme 1 a week on in the journal.
    now = was + timedelta(days=7)
    journal = [{"part": "barnet", "tema": 1, "nummer": 1, "dato": now.date().isoformat(),
                "klokkeslett": f"{now:%H:%M}", "status": "planlagt"}]
    later = first + timedelta(days=2)
    ws.drop("again.json", {**case, "eksportert": later.isoformat(), "samtaler": journal})
    with caplog.at_level(logging.INFO, logger="omsorgspakke"):
        assert ws.run(today=later).files_failed == 0
    after = {str(e["UID"]): start_of(e) for e in events(ws, "2026-0915")}
    assert after[theme1] == now  # the journal's date wins
    (line,) = moved_lines(ws, "2026-0915")
    # Its letter is not due yet, nor was the one for the date it had: none is made now, and
    # the plan says by when it is (helper 127).
    made = norsk_dato(letter_day(now.date(), 21))
    assert line.endswith(f"planlagt {norsk_dato(was.date())}, flyttet til "
                         f"{norsk_dato(now.date())} i fagsystemet; ny innkalling lages senest "
                         f"{made} og legges i mappen Innkallinger.")
    assert not list(ws.case_folder("2026-0915").glob("Innkallinger/Barnet/Tema 1*"))
    assert line.startswith("Barnet, tema 1: ")
    # Not the words for a conversation that was missed, in the plan or IT's log.
    assert "ikke registrert som holdt" not in line
    assert not [r for r in caplog.records if getattr(r, "event", None) == "conversations_moved"]

    # The plan goes on saying so on later days, until the conversation is held.
    ws.drop("third.json", {**case, "eksportert": (later + timedelta(days=3)).isoformat(),
                           "samtaler": journal})
    assert ws.run(today=later + timedelta(days=3)).files_failed == 0
    assert moved_lines(ws, "2026-0915") == [line]


def test_the_journals_move_reads_in_nynorsk():
    text = ("Barnet, tema 1: planlagt 14. oktober 2026, flyttet til 21. oktober 2026 i "
            "fagsystemet; ny innkalling lages senest 30. september 2026 og legges i mappen "
            "Innkallinger.")
    assert tekst("nynorsk").note(text, "planmerknad") == (
        "Barnet, tema 1: planlagd 14. oktober 2026, flytta til 21. oktober 2026 i "
        "fagsystemet; ny innkalling blir laga seinast 30. september 2026 og lagd i mappa "
        "Innkallingar.")
