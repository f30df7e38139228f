"""A father who took part declines in November (a reader's finding, demo case 2026-0412): the
plan keeps one line on him and what was held before his no stays as it was; his renewed
offer comes renew_offer_months after the no, named by his role, and offers the interpreter
on the condition he takes part; the plan's notes and Saksoversikt name the same day for a
moved conversation's letter, never a day past as one ahead; and the plan and Avvik say the
same longest gap between conversations. Runs with --today, as a service runs."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case, docx_text, xlsx_rows

JN = "2026-0412"  # the canonical case: mother (0) and father (1, Arabic) live apart
FIRST = date(2026, 11, 23)  # the example, exported 20 November
DECLINES = date(2026, 11, 26)  # the export where the father declines
READ = date(2026, 11, 27)  # the run that reads it
PLAN = "01 Oppfølgingsplan.docx"

WORDS = {
    "bokmal": {
        "line": "Far takket nei til Omsorgspakken 26. november 2026. Tilbudet gis på nytt "
                "innen 26. februar 2027.",
        "unknown": "Oppfølging i flytteprosessen (kontakt 1) – med foreldrene (hvem som var "
                   "med, er ikke registrert)",
        "father": "– med far",
        "offer": "02 Nytt tilbud om Omsorgspakken - far.docx",
        "interpreter": "Tolk: Hvis du vil være med, bestiller vi tolk på arabisk hver gang vi "
                       "møtes. Tolken har taushetsplikt, og det er gratis for deg.",
        "gap": "Samtalene holdes minst én gang i måneden, med høyst 31 dager mellom.",
    },
    "nynorsk": {
        "line": "Far takka nei til Omsorgspakken 26. november 2026. Tilbodet blir gitt på nytt "
                "innan 26. februar 2027.",
        "unknown": "Oppfølging i flytteprosessen (kontakt 1) – med foreldra (kven som var med, "
                   "er ikkje registrert)",
        "father": "– med far",
        "offer": "02 Nytt tilbod om Omsorgspakken - far.docx",
        "interpreter": "Tolk: Viss du vil vere med, bestiller vi tolk på arabisk kvar gong vi "
                       "møtest. Tolken har teieplikt, og det er gratis for deg.",
        "gap": "med høgst 31 dagar mellom.",
    },
}


def _declined(ws) -> None:
    ws.drop("sak.json", canonical_case())
    assert ws.cli(today=FIRST) == 0
    case = canonical_case(eksportert=DECLINES.isoformat())
    case["foreldre"][1]["takker_ja"] = False
    ws.drop("sak-2.json", case)
    assert ws.cli(today=READ) == 0


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_plan_keeps_one_line_on_the_father_and_what_was_held_before(workspace, malform):
    workspace.in_malform(malform)
    words = WORDS[malform]
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=FIRST) == 0
    before = docx_text(workspace.case_folder(JN) / PLAN)
    # Both parents took part on 17 September; the journal does not say who came.
    assert words["unknown"] in before and words["father"] in before

    case = canonical_case(eksportert=DECLINES.isoformat())
    case["foreldre"][1]["takker_ja"] = False
    workspace.drop("sak-2.json", case)
    assert workspace.cli(today=READ) == 0
    plan = docx_text(workspace.case_folder(JN) / PLAN)
    # History is not rewritten by the later no: the contact of September is as it was.
    assert words["unknown"] in plan
    # None of his conversations, but the day he declined and when the offer comes again.
    assert words["father"] not in plan
    assert plan.count(words["line"]) == 1
    # Not offered again the day after saying no: no letter yet.
    assert not list(workspace.case_folder(JN).glob("02 Nytt tilb*"))


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_renewed_offer_comes_three_months_after_the_no(workspace, malform):
    workspace.in_malform(malform)
    words = WORDS[malform]
    _declined(workspace)
    folder = workspace.case_folder(JN)
    assert workspace.cli(today=date(2027, 2, 25)) == 0
    assert not list(folder.glob("02 Nytt tilb*"))
    assert workspace.cli(today=date(2027, 2, 26)) == 0
    # Named by his role, as his other letters: two parents' offers never share a name.
    assert [p.name for p in folder.glob("02 Nytt tilb*")] == [words["offer"]]
    offer = docx_text(folder / words["offer"])
    assert "26. februar 2027" in offer
    # An offer: the interpreter is booked if he takes it up, not as if he had agreed.
    assert words["interpreter"] in offer
    rows = xlsx_rows(workspace.outbox / "Til utsending.xlsx", "Til utsending")
    listed = [r for r in rows if r[2] and str(r[2]).endswith(words["offer"])]
    assert len(listed) == 1


def test_a_moved_conversation_read_late_says_its_letter_is_made_in_both(workspace):
    """The journal moves the foster family's theme 2 to 10 December, read on 25 November:
    its letter day had passed, and the letter is made that day. The plan said «lages
    senest 23. november» (the case's first day) and Saksoversikt «senest 25. november»."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=FIRST) == 0
    case = canonical_case(eksportert="2026-11-24")
    case["samtaler"].append({"part": "fosterfamilien", "tema": 2, "dato": "2026-12-10",
                             "klokkeslett": "12:30", "status": "planlagt"})
    workspace.drop("sak-2.json", case)
    assert workspace.cli(today=date(2026, 11, 25)) == 0
    plan = docx_text(workspace.case_folder(JN) / PLAN)
    note = [line for line in plan.splitlines() if line.startswith("Fosterfamilien, tema 2:")]
    assert note == ["Fosterfamilien, tema 2: planlagt 3. desember 2026, flyttet til 10. "
                    "desember 2026 i fagsystemet; ny innkalling er laget og ligger i mappen "
                    "Innkallinger."]
    cells = [str(c) for sheet in ("Saker",) for row in xlsx_rows(
        workspace.outbox / "Saksoversikt.xlsx", sheet) for c in row if c]
    assert any(note[0] in c for c in cells)
    assert not any("senest 2" in c and "Fosterfamilien, tema 2" in c for c in cells)
    assert list((workspace.case_folder(JN) / "Innkallinger" / "Fosterfamilien").glob(
        "Tema 2 - *.docx"))


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_plan_and_avvik_say_the_same_longest_gap(workspace, malform):
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=FIRST) == 0
    plan = docx_text(workspace.case_folder(JN) / PLAN)
    assert WORDS[malform]["gap"] in plan
    cells = [str(c) for sheet in ("Avvik",) for row in xlsx_rows(
        workspace.outbox / "Saksoversikt.xlsx", sheet) for c in row if c]
    said = "mer enn 31 dager mellom samtalene" if malform == "bokmal" \
        else "meir enn 31 dagar mellom samtalane"
    assert any(said in c.lower() for c in cells)
    assert not any("en måned uten samtale" in c.lower() or "ein månad utan samtale" in c.lower()
                   for c in cells)
