"""A conversation the journal says was cancelled (`avlyst`) is still to be held: the planner
plans it again at the first free day after the day cancelled, keeps that date from run to
run, the plan says so, and the family gets a new invitation that replaces the first
(docs/planning.md). A cancelled one with a later conversation held or recorded stays
cancelled: the programme has moved past it."""

from __future__ import annotations

from datetime import timedelta

from omsorgspakke_docs.config import Documents
from omsorgspakke_docs.planning.workdays import letter_day, norsk_dato
from omsorgspakke_docs.text import tekst

from .conftest import docx_text
from .test_planning_year import events
from .test_replaced_invitation import CASE, HELD, INVITED, REPLACES, THEME1, WAS, invited, theme1

THEME2 = "-barnet-t2-k1@omsorgspakke-docs"


def cancelled(ws, case, day, today, *later: dict) -> None:
    """The journal has the child's theme 1 cancelled for `day`, exported today."""
    journal = [*HELD, {"part": "barnet", "tema": 1, "nummer": 1, "dato": day.isoformat(),
                       "status": "avlyst"}, *later]
    ws.drop(f"cancelled-{today}.json", {**case, "eksportert": today.isoformat(),
                                        "samtaler": journal})
    assert ws.run(today=today).files_failed == 0


def plan_lines(ws, words: str) -> list[str]:
    plan = docx_text(ws.case_folder(CASE) / "01 Oppfølgingsplan.docx")
    return [line for line in plan.splitlines() if words in line]


def planned(ws, uid_end: str):
    return [e for e in events(ws, CASE) if str(e["UID"]).endswith(uid_end)]


def test_a_cancelled_conversation_is_planned_again_and_its_new_letter_replaces_the_first(
        tmp_path):
    ws, case = invited(tmp_path)
    assert theme1(ws) == WAS
    assert norsk_dato(WAS.date()) in docx_text(ws.case_folder(CASE) / THEME1)

    # The foster parents call off the child's theme 1 a week ahead; the journal says so.
    today = WAS.date() - timedelta(days=7)
    cancelled(ws, case, WAS.date(), today)
    again = theme1(ws)
    assert again.date() > WAS.date()  # not on the day cancelled, nor before it
    (note,) = plan_lines(ws, "Barnet, tema 1: samtalen")
    # Made at once, as it replaces the first (its letter day, 28 September, has passed): the
    # note says it is made, not a day ahead to make it (a reader's finding: «lages senest»
    # a day after the letter was made and on Til utsending).
    assert note == (f"Barnet, tema 1: samtalen {norsk_dato(WAS.date())} er registrert som avlyst "
                    f"i fagsystemet. Planlagt på nytt {norsk_dato(again.date())}; ny innkalling "
                    "er laget og ligger i mappen Innkallinger.")
    letter = docx_text(ws.case_folder(CASE) / THEME1)
    assert norsk_dato(again.date()) in letter
    assert f"{REPLACES} {norsk_dato(INVITED)}." in letter
    # Said plainly: it was cancelled, and the new time (not «har fått nytt tidspunkt»).
    assert (f"Samtalen {norsk_dato(WAS.date())} ble avlyst. Den nye tiden er "
            f"{tekst('bokmal').dato_med_ukedag(again.date())} kl. {again:%H.%M}–"
            f"{again + timedelta(minutes=90):%H.%M}. {REPLACES} "
            f"{norsk_dato(INVITED)}.") in letter.splitlines()
    assert "nytt tidspunkt" not in letter
    # The gap it leaves says why, not that the conversation was missed.
    (gap,) = plan_lines(ws, "er registrert som avlyst i fagsystemet, og")
    assert gap.endswith(f"Samtalen {norsk_dato(WAS.date())} er registrert som avlyst i "
                        "fagsystemet, og er planlagt på nytt første ledige dag etter det.")

    # The next days' exports still say cancelled: the new date and its letter hold.
    for days in (1, 2):
        cancelled(ws, case, WAS.date(), today + timedelta(days=days))
        assert theme1(ws) == again
        assert plan_lines(ws, "Barnet, tema 1: samtalen") == [note]
        assert docx_text(ws.case_folder(CASE) / THEME1) == letter


def test_cancelled_for_a_day_weeks_ahead_it_comes_after_that_day_and_stays(tmp_path):
    """Cancelled early for a day later than ours: planned after the day cancelled, not
    brought forward with the notice day by day (helper 87, finding 1)."""
    ws, case = invited(tmp_path)
    today = WAS.date() - timedelta(days=9)
    far = WAS.date() + timedelta(days=27)
    cancelled(ws, case, far, today)
    again = theme1(ws)
    assert again.date() > far
    for days in (1, 2):
        cancelled(ws, case, far, today + timedelta(days=days))
        assert theme1(ws) == again


def test_two_cancelled_in_a_row_are_both_planned_again(tmp_path):
    """Theme 1 and theme 2 both cancelled: the first does not drop out (helper 87, 5)."""
    ws, case = invited(tmp_path)
    theme2 = {"part": "barnet", "tema": 2, "nummer": 1,
              "dato": (WAS.date() + timedelta(days=5)).isoformat(), "status": "avlyst"}
    today = WAS.date() + timedelta(days=19)
    cancelled(ws, case, WAS.date(), today, theme2)
    first, second = theme1(ws), start_of_theme2(ws)
    assert today < first.date() < second.date()
    assert len(plan_lines(ws, "er registrert som avlyst i fagsystemet. Planlagt på nytt")) == 2


def start_of_theme2(ws):
    from .test_planning_year import start_of

    (event,) = planned(ws, THEME2)
    return start_of(event)


def test_a_cancelled_conversation_with_a_later_one_recorded_stays_cancelled(tmp_path):
    ws, case = invited(tmp_path)
    today = WAS.date() + timedelta(days=30)
    theme2 = {"part": "barnet", "tema": 2, "nummer": 1,
              "dato": (WAS.date() + timedelta(days=21)).isoformat(), "status": "gjennomfort"}
    cancelled(ws, case, WAS.date(), today, theme2)
    assert plan_lines(ws, "avlyst") == []
    # Nothing to come: no calendar entry, no invitation for it.
    assert not planned(ws, "-barnet-t1-k1@omsorgspakke-docs")
    assert not (ws.case_folder(CASE) / THEME1).exists()


def test_the_cancelled_note_reads_in_nynorsk():
    t = tekst("nynorsk")
    assert t.note("Barnet, tema 1: samtalen 14. oktober 2026 er registrert som avlyst i "
                  "fagsystemet. Planlagt på nytt 28. oktober 2026; ny innkalling lages senest "
                  "18. oktober 2026 og legges i mappen Innkallinger.", "planmerknad") == (
        "Barnet, tema 1: samtalen 14. oktober 2026 er registrert som avlyst i fagsystemet. "
        "Planlagd på nytt 28. oktober 2026; ny innkalling blir laga seinast 18. oktober 2026 "
        "og lagd i mappa Innkallingar.")
    assert t.note("Samtalen 14. oktober 2026 er registrert som avlyst i fagsystemet, og er "
                  "planlagt på nytt første ledige dag etter det.", "planmerknad") == (
        "Samtalen 14. oktober 2026 er registrert som avlyst i fagsystemet, og er planlagd på "
        "nytt første ledige dag etter det.")


def test_planned_again_and_then_missed_it_moves_once_not_every_day(tmp_path):
    ws, case = invited(tmp_path)
    today = WAS.date() - timedelta(days=7)
    cancelled(ws, case, WAS.date(), today)
    again = theme1(ws)
    later = again.date() + timedelta(days=10)  # passed, not registered: missed
    cancelled(ws, case, WAS.date(), later)
    moved = theme1(ws)
    assert moved.date() > later
    (note,) = plan_lines(ws, "Barnet, tema 1:")
    assert note.startswith(f"Barnet, tema 1: planlagt {norsk_dato(again.date())}, men ikke "
                           "registrert som holdt.")
    cancelled(ws, case, WAS.date(), later + timedelta(days=1))
    assert theme1(ws) == moved


def test_cancelled_before_its_letter_the_plan_says_when_the_new_one_comes(tmp_path):
    """Theme 2 is called off a month ahead, before its invitation was made: the new one is
    made when the new date's letters are due, not now. The plan said «ny innkalling er
    laget» from the first day, with nothing in Innkallinger (helper 131); it now says by
    when, in the same words on every day, so the letter's day does not make it anew."""
    ws, case = invited(tmp_path)
    (event,) = planned(ws, THEME2)
    was = event.start.date()
    theme2 = {"part": "barnet", "tema": 2, "nummer": 1, "dato": was.isoformat(),
              "status": "avlyst"}
    today = INVITED + timedelta(days=1)
    journal = [*HELD, theme2]
    ws.drop("cancelled-2.json", {**case, "eksportert": today.isoformat(), "samtaler": journal})
    assert ws.run(today=today).files_failed == 0
    again = start_of_theme2(ws).date()
    made = letter_day(again, Documents().invitation_days_before)
    assert made > today
    # Its letter day: the working day the letter is made and dated, and on Til utsending
    # from (not the notice before the new date, a Sunday as often as not).
    by = made
    (note,) = plan_lines(ws, "Barnet, tema 2: samtalen")
    assert note == (f"Barnet, tema 2: samtalen {norsk_dato(was)} er registrert som avlyst i "
                    f"fagsystemet. Planlagt på nytt {norsk_dato(again)}; ny innkalling lages "
                    f"senest {norsk_dato(by)} og legges i mappen Innkallinger.")
    letters = ws.case_folder(CASE) / "Innkallinger" / "Barnet"
    assert not list(letters.glob("Tema 2 *.docx"))

    # The day before its letter and the letter's day: the same note, not changed on the
    # letter's day; the letter is there before the day the plan names. (The plan itself is
    # made again from each day's export: the notes of other conversations whose letter's
    # day has passed then say their letter is made, not a day before the plan's date.)
    for day in (made - timedelta(days=1), made):
        ws.drop(f"cancelled-{day}.json", {**case, "eksportert": day.isoformat(),
                                          "samtaler": journal})
        assert ws.run(today=day).files_failed == 0
        assert plan_lines(ws, "Barnet, tema 2: samtalen") == [note]
    (letter,) = letters.glob("Tema 2 *.docx")
    assert norsk_dato(again) in docx_text(letter) and made <= by
