"""The follow-up plan and its long gaps once the year has gone by, as a reader met them in
the demo's 2026-0412 re-made from an export after the programme's last day: a gap runs from
the last conversation held, never from or to a date only planned (Saksoversikt's Avvik says
the same, domain/compliance.py); nothing is arranged any more (no «tettere», no «ikke
plass», a cancelled theme shown cancelled on its day); a theme planned and not held is «Ikke
registrert», as the overview says it; and nothing «gjenstår»."""

from __future__ import annotations

from datetime import date, time

import pytest

from omsorgspakke_docs.config import Schedule
from omsorgspakke_docs.domain import programme as programme_module
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.planning.schedule import plan_case
from omsorgspakke_docs.text import tekst

from .conftest import canonical_case, docx_text, make_workspace, xlsx_rows

FIRST, AFTER = date(2026, 11, 23), date(2027, 9, 20)
HELD = [
    {"part": "barnet", "tema": 1, "dato": "2026-12-08", "status": "gjennomfort"},
    {"part": "barnet", "tema": 2, "dato": "2027-02-10", "status": "avlyst"},
    {"part": "barnet", "tema": 3, "dato": "2027-04-14", "status": "gjennomfort"},
    {"part": "foreldre", "forelder": 0, "tema": 1, "dato": "2026-12-15",
     "status": "gjennomfort"},
    {"part": "foreldre", "forelder": 0, "tema": 2, "dato": "2027-02-16", "status": "avlyst"},
    {"part": "fosterfamilien", "tema": 2, "dato": "2026-12-01", "status": "gjennomfort"},
    {"part": "fosterfamilien", "tema": 3, "dato": "2027-02-01", "status": "gjennomfort"},
]


def later_export() -> dict:
    case = canonical_case()
    case["eksportert"] = "2027-09-17"
    case["samtaler"] = [*case["samtaler"], *HELD]
    case["foreldre"][1]["takker_ja"] = False
    return case


@pytest.fixture(scope="module", params=["bokmal", "nynorsk"])
def after_end(request, tmp_path_factory):
    ws = make_workspace(tmp_path_factory.mktemp(request.param))
    ws.in_malform(request.param)
    ws.drop("sak.json", canonical_case())
    assert ws.run(today=FIRST).files_failed == 0
    ws.drop("sak (2).json", later_export())
    assert ws.run(today=AFTER).files_failed == 0
    folder = ws.case_folder("2026-0412")
    sheet = "Samtaler" if request.param == "bokmal" else "Samtalar"
    return request.param, docx_text(next(folder.glob("01 *.docx"))), \
        xlsx_rows(next(folder.glob("04 *.xlsx")), sheet)


def test_a_gap_after_the_end_runs_between_conversations_held(after_end):
    malform, plan, rows = after_end
    days = "dager" if malform == "bokmal" else "dagar"
    assert f"Barnet: 8. desember 2026 til 14. april 2027 (127 {days})" in plan
    # Neither from a theme planned 2 March and never held, nor to one planned 2 February.
    assert "2. mars 2027 til 14. april 2027" not in plan
    assert "8. desember 2026 til 2. februar 2027" not in plan
    child = next(r for r in rows if r[0] == "Barnet" and r[1] == 3)
    assert str(child[-1]).startswith(f"127 {days} ")


def test_after_the_end_the_plan_arranges_nothing_and_shows_the_cancelled_theme(after_end):
    malform, plan, _ = after_end
    for advice in ("tettere", "ikke plass", "ikkje plass", "Avtal en dato", "Avtal ein dato",
                   "ingen ledig dato"):
        assert advice not in plan
    mother = plan[plan.index("Tema 2: Samvær og samarbeid"):]
    mother = mother[:mother.index("Tema 3")]
    day = "tirsdag 16. februar 2027" if malform == "bokmal" else "tysdag 16. februar 2027"
    assert day in mother and "Avlyst" in mother


def test_after_the_end_a_theme_not_held_is_not_registered_and_nothing_remains(after_end):
    malform, plan, _ = after_end
    assert "Over fristen" not in plan
    assert ("Ikke registrert" if malform == "bokmal" else "Ikkje registrert") in plan
    assert "gjenstår" not in plan and "står att" not in plan
    assert ("hvilke samtaler som ble holdt, og hvilke som ikke ble det" if malform == "bokmal"
            else "kva samtalar som vart haldne, og kva som ikkje vart det") in plan


def _conv_plan(today: date):
    case = Case.model_validate(later_export())
    fixed = {("barnet", 4, 1, None): (date(2027, 2, 2), time(14)),
             ("barnet", 5, 1, None): (date(2027, 3, 2), time(14))}
    return plan_case(case, programme_module.load(), Schedule(), today, fixed,
                     move_missed=False)


def test_during_the_year_a_gap_to_one_held_runs_from_the_last_held():
    plan = _conv_plan(date(2027, 4, 20))
    gaps = [(g.fra, g.til) for g in plan.gaps if g.part == "barnet"]
    assert (date(2026, 12, 8), date(2027, 4, 14)) in gaps
    assert (date(2027, 3, 2), date(2027, 4, 14)) not in gaps


def _squeezed_plan():
    """test_planning_year's late journal dates: the foster family's theme 5 fixed two days
    before the end leaves no room for theme 6, even 7 days apart."""
    held = [{"part": p, "tema": 1, "dato": "2026-10-26", "status": "gjennomfort"}
            for p in ("barnet", "foreldre", "fosterfamilien")]
    held.append({"part": "fosterfamilien", "tema": 5, "dato": "2027-01-08",
                 "status": "planlagt"})
    data = canonical_case(samtaler=held, vurderinger=[], oppfolgingsbesok=[])
    data["plassering"] = {**data["plassering"], "startdato": "2026-01-12"}
    return plan_case(Case.model_validate(data), programme_module.load(), Schedule(),
                     date(2026, 11, 2))


def test_closer_than_usual_with_themes_still_left_out_says_as_many_as_possible():
    plan = _squeezed_plan()
    foster = [n for n in plan.notes if n.startswith("Fosterfamilien")]
    assert foster[0].startswith("Fosterfamilien: samtalene er lagt tettere enn vanlig")
    # Not all the themes fit: theme 6 has no room, said next.
    assert "for at alle temaene skal få plass" not in foster[0]
    assert "for å få plass til flest mulig av temaene før" in foster[0]
    assert foster[1].startswith("Fosterfamilien, tema 6: det er ikke plass til samtalen")
    assert "for å få plass til flest mogleg av temaa før" in tekst("nynorsk").note(
        foster[0], "planmerknad")
