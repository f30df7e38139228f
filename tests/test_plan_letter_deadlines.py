"""The plan's notes on moved conversations, through runs: a letter already made is said to
be made (not «lages senest» a day ahead), a day named is a working day the letters are
dated on, and Saksoversikt says the same; Avvik gives a journal's date as the journal's
(a reader's findings on the demo, 27 November)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.planning.workdays import LETTER_DAYS, MONTHS

from .conftest import EXAMPLES, docx_text

FIRST, LATER = date(2026, 11, 23), date(2026, 11, 27)

MOVES = {
    # The mother's move follow-up contact 3 cancelled in the journal (planned again, its
    # theme 1 follows); the foster family's theme 2 moved there to 9 December.
    "sak-fjordvik-2026-0412.json": [
        {"part": "barnet", "tema": 0, "nummer": 3, "dato": "2026-11-24", "klokkeslett": "14:00",
         "status": "gjennomfort"},
        {"part": "foreldre", "tema": 0, "nummer": 2, "forelder": 0, "dato": "2026-11-24",
         "klokkeslett": "10:00", "status": "gjennomfort"},
        {"part": "foreldre", "tema": 0, "nummer": 2, "forelder": 1, "dato": "2026-11-26",
         "klokkeslett": "10:00", "status": "avlyst"},
        {"part": "foreldre", "tema": 0, "nummer": 3, "forelder": 0, "dato": "2026-12-01",
         "klokkeslett": "10:00", "status": "avlyst"},
        {"part": "fosterfamilien", "tema": 2, "nummer": 1, "dato": "2026-12-09",
         "klokkeslett": "09:00", "status": "planlagt"}],
    # The father's first move follow-up contact cancelled: the rest of his track follows.
    "sak-fjellvik-2026-0520.json": [
        {"part": "foreldre", "tema": 0, "nummer": 1, "forelder": 1, "dato": "2026-11-24",
         "klokkeslett": "10:00", "status": "avlyst"}],
}

SAID = {"bokmal": ("ny innkalling er laget og ligger i mappen Innkallinger",
                   r"(?:lages senest|nye invitasjoner lages senest) (\d+\. \w+ \d{4})"),
        "nynorsk": ("ny innkalling er laga og ligg i mappa Innkallingar",
                    r"(?:blir laga seinast) (\d+\. \w+ \d{4})")}


def _day(said: str) -> date:
    day, month, year = said.split()
    return date(int(year), MONTHS.index(month) + 1, int(day.rstrip(".")))


def _moved(ws, malform: str):
    ws.in_malform(malform)
    for name in MOVES:
        ws.drop_example(name)
    assert ws.run(FIRST).files_failed == 0
    for name, entries in MOVES.items():
        case = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
        case["eksportert"] = "2026-11-26"
        case["samtaler"] = [*case["samtaler"], *entries]
        ws.drop(name.replace(".json", "-v2.json"), case)
    assert ws.run(LATER).files_failed == 0


def _notes(ws, case: str) -> list[str]:
    plan = docx_text(ws.case_folder(case) / "01 Oppfølgingsplan.docx")
    return [" ".join(line.split()) for line in plan.splitlines()
            if line.startswith(("Foreldre (", "Fosterfamilien, tema", "Det felles møtet var"))]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_made_is_said_to_be_made_and_every_day_named_is_a_working_day(
        workspace, malform):
    _moved(workspace, malform)
    made, deadline = SAID[malform]
    mother = [n for n in _notes(workspace, "2026-0412") if n.startswith("Foreldre (mor)")]
    # Contact 3 (2 December) and theme 1 (16 December, following it): both letters are on
    # Til utsending today, to send by 27 November and 2 December.
    for start in ("Foreldre (mor), flyttesamtale (kontakt 3):", "Foreldre (mor), tema 1:"):
        (note,) = [n for n in mother if n.startswith(start)]
        assert note.endswith(made + "."), note
    father = [n for n in _notes(workspace, "2026-0520") if n.startswith("Foreldre (far)")]
    (first,) = [n for n in father if n.startswith("Foreldre (far), flyttesamtale (kontakt 1):")]
    assert first.endswith(made + "."), first
    days = [_day(d) for note in [*mother, *father, *_notes(workspace, "2026-0520")]
            for d in re.findall(deadline, note)]
    assert days  # the later themes' letters are not made yet: by when
    assert all(LETTER_DAYS.is_working_day(d) and d >= LATER for d in days), days

    book = load_workbook(workspace.outbox / "Saksoversikt.xlsx")
    cells = {row[0]: " ".join(str(v) for v in row if v) for row in
             book["Saker"].iter_rows(values_only=True) if row and row[0]}
    for case in ("2026-0412", "2026-0520"):
        assert made in cells[case], case
        said = [_day(d) for d in re.findall(deadline, cells[case])]
        assert all(LETTER_DAYS.is_working_day(d) for d in said), (case, said)


def test_avvik_gives_the_journals_date_as_the_journals(workspace):
    """The foster family's theme 2 is on the journal's 9 December, 51 days after the last
    one: the plan says the date is the journal's and the plan does not move it; Avvik said
    «de neste samtalene er planlagt fra da» (from the day the case came)."""
    _moved(workspace, "bokmal")
    plan = " ".join(docx_text(workspace.case_folder("2026-0412")
                              / "01 Oppfølgingsplan.docx").split())
    assert ("Fosterfamilien: 19. oktober 2026 til 9. desember 2026 (51 dager). Datoen for denne "
            "samtalen er lagt inn i fagsystemet, og planen flytter den ikke.") in plan
    book = load_workbook(workspace.outbox / "Saksoversikt.xlsx")
    rows = [" ".join(str(v) for v in row if v) for row in book["Avvik"].iter_rows(values_only=True)
            if row and row[0] == "2026-0412" and "51 dager" in " ".join(map(str, row))]
    assert rows == [r for r in rows if "planlagt fra da" not in r] and rows
    assert any("Fosterfamilien: 51 dager fra 19. oktober 2026 til «Samvær og samarbeid» "
               "9. desember 2026" in r for r in rows), rows
