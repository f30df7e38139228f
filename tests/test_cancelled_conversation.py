"""A conversation the journal says was cancelled (`avlyst`) is still to be held: the planner
plans it again from the next free day, the plan says so, and the family gets a new invitation
that replaces the first (docs/planning.md). A cancelled one with a later conversation already
recorded stays cancelled: the programme has moved past it."""

from __future__ import annotations

from datetime import timedelta

from omsorgspakke_docs.planning.workdays import norsk_dato
from omsorgspakke_docs.text import tekst

from .conftest import docx_text
from .test_planning_year import events
from .test_replaced_invitation import CASE, HELD, INVITED, REPLACES, THEME1, WAS, invited, theme1


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


def test_a_cancelled_conversation_is_planned_again_and_its_new_letter_replaces_the_first(
        tmp_path):
    ws, case = invited(tmp_path)
    assert theme1(ws) == WAS
    first_letter = docx_text(ws.case_folder(CASE) / THEME1)
    assert norsk_dato(WAS.date()) in first_letter

    # The foster parents call off the child's theme 1 a week ahead; the journal says so.
    today = WAS.date() - timedelta(days=7)
    cancelled(ws, case, WAS.date(), today)
    again = theme1(ws)
    assert again.date() > today and again != WAS
    (note,) = plan_lines(ws, "Barnet, tema 1: avlyst")
    assert note == (f"Barnet, tema 1: avlyst {norsk_dato(WAS.date())} i fagsystemet. Planlagt "
                    f"på nytt {norsk_dato(again.date())}; ny innkalling er laget.")
    letter = docx_text(ws.case_folder(CASE) / THEME1)
    assert norsk_dato(again.date()) in letter
    assert f"{REPLACES} {norsk_dato(INVITED)}." in letter
    # The gap it leaves says why, not that the conversation was missed.
    (gap,) = plan_lines(ws, "Samtalen ble avlyst")
    assert gap.endswith(f"Samtalen ble avlyst {norsk_dato(WAS.date())} i fagsystemet, og er "
                        "planlagt på nytt første ledige dag.")

    # The next day's export still says cancelled: the new date holds, and so does the note.
    cancelled(ws, case, WAS.date(), today + timedelta(days=1))
    assert theme1(ws) == again
    assert plan_lines(ws, "Barnet, tema 1: avlyst") == [note]


def test_a_cancelled_conversation_with_a_later_one_recorded_stays_cancelled(tmp_path):
    ws, case = invited(tmp_path)
    today = WAS.date() + timedelta(days=30)
    theme2 = {"part": "barnet", "tema": 2, "nummer": 1,
              "dato": (WAS.date() + timedelta(days=21)).isoformat(), "status": "gjennomfort"}
    cancelled(ws, case, WAS.date(), today, theme2)
    assert plan_lines(ws, "avlyst") == []
    # Nothing to come: no calendar entry, no invitation for it.
    assert not [e for e in events(ws, CASE)
                if str(e["UID"]).endswith("-barnet-t1-k1@omsorgspakke-docs")]
    assert not (ws.case_folder(CASE) / THEME1).exists()


def test_the_cancelled_note_reads_in_nynorsk():
    t = tekst("nynorsk")
    assert t.note("Barnet, tema 1: avlyst 14. oktober 2026 i fagsystemet. Planlagt på nytt "
                  "28. oktober 2026; ny innkalling er laget.", "planmerknad") == (
        "Barnet, tema 1: avlyst 14. oktober 2026 i fagsystemet. Planlagd på nytt "
        "28. oktober 2026; ny innkalling er laga.")
    assert t.note("Samtalen ble avlyst 14. oktober 2026 i fagsystemet, og er planlagt på nytt "
                  "første ledige dag.", "planmerknad") == (
        "Samtalen vart avlyst 14. oktober 2026 i fagsystemet, og er planlagd på nytt første "
        "ledige dag.")
