"""A conversation the journal keeps on the date we planned but at another time (the
caseworker moved it there): the plan says so, with the time it had, as it does for a moved
date (tests/test_journal_moves.py), in bokmål and nynorsk (docs/planning.md)."""

from __future__ import annotations

from datetime import date, timedelta

from omsorgspakke_docs.planning.workdays import letter_day, norsk_dato
from omsorgspakke_docs.text import tekst

from .conftest import docx_text
from .test_planning_year import a_case, events, run, start_of

FIRST = date(2026, 9, 15)


def moved_lines(ws, journalnummer: str) -> list[str]:
    (plan,) = sorted((ws.case_folder(journalnummer)).glob("01 *.docx"))
    return [line for line in docx_text(plan).splitlines() if "til kl." in line]


def time_moved(ws, case, was):
    """The journal has the child's theme 1 two hours later on the same day, two days on."""
    now = was + timedelta(hours=2)
    journal = [{"part": "barnet", "tema": 1, "nummer": 1, "dato": now.date().isoformat(),
                "klokkeslett": f"{now:%H:%M}", "status": "planlagt"}]
    later = FIRST + timedelta(days=2)
    ws.drop("again.json", {**case, "eksportert": later.isoformat(), "samtaler": journal})
    assert ws.run(today=later).files_failed == 0
    return now, journal, later


def theme1(ws):
    planned = {str(e["UID"]): start_of(e) for e in events(ws, "2026-0915")}
    return next(v for k, v in planned.items() if k.endswith("-barnet-t1-k1@omsorgspakke-docs"))


def test_a_time_the_journal_moved_on_the_same_date_is_named_in_the_plan(tmp_path):
    case = a_case("2026-0915", "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, FIRST, case)
    was = theme1(ws)
    assert moved_lines(ws, "2026-0915") == []

    now, journal, later = time_moved(ws, case, was)
    assert theme1(ws) == now  # the journal's time wins
    (line,) = moved_lines(ws, "2026-0915")
    made = norsk_dato(letter_day(now.date(), 21))  # not due yet: none is made now
    assert line == (f"Barnet, tema 1: planlagt {norsk_dato(was.date())} kl. {was:%H.%M}, "
                    f"flyttet til kl. {now:%H.%M} i fagsystemet; ny innkalling lages senest "
                    f"{made} og legges i mappen Innkallinger.")

    # The plan goes on saying so on later days, until the conversation is held.
    ws.drop("third.json", {**case, "eksportert": (later + timedelta(days=3)).isoformat(),
                           "samtaler": journal})
    assert ws.run(today=later + timedelta(days=3)).files_failed == 0
    assert moved_lines(ws, "2026-0915") == [line]


def test_a_time_the_journal_moved_reads_in_nynorsk(tmp_path):
    case = a_case("2026-0915", "2026-09-14", 615, eksportert="2026-09-15")
    was = theme1(run(tmp_path, FIRST, case, name="bokmal"))  # the same plan in either standard
    ws = run(tmp_path, FIRST, name="nynorsk")
    ws.config_file.write_text(ws.config_file.read_text(encoding="utf-8").replace(
        "[service]\n", '[service]\nmalform = "nynorsk"\n'), encoding="utf-8")
    ws.drop("first.json", case)
    assert ws.run(today=FIRST).files_failed == 0
    now, _, _ = time_moved(ws, case, was)
    (line,) = moved_lines(ws, "2026-0915")
    made = norsk_dato(letter_day(now.date(), 21))
    assert line.endswith(f"tema 1: planlagd {norsk_dato(was.date())} kl. {was:%H.%M}, "
                         f"flytta til kl. {now:%H.%M} i fagsystemet; ny innkalling blir laga "
                         f"seinast {made} og lagd i mappa Innkallingar.")


def test_the_journals_time_move_reads_in_nynorsk():
    text = ("Barnet, tema 1: planlagt 14. oktober 2026 kl. 10.00, flyttet til kl. 12.00 i "
            "fagsystemet; ny innkalling lages senest 23. september 2026 og legges i mappen "
            "Innkallinger.")
    assert tekst("nynorsk").note(text, "planmerknad") == (
        "Barnet, tema 1: planlagd 14. oktober 2026 kl. 10.00, flytta til kl. 12.00 i "
        "fagsystemet; ny innkalling blir laga seinast 23. september 2026 og lagd i mappa "
        "Innkallingar.")
    contact = text.replace("ny innkalling", "en ny bekreftelse")
    assert tekst("nynorsk").note(contact, "planmerknad").endswith(
        "i fagsystemet; ei ny stadfesting blir laga seinast 23. september 2026 og lagd i mappa "
        "Innkallingar.")
