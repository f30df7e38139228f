"""A case whose programme year is over gets its after-the-end words though no export comes
after its last day. Its documents were made by the day (run/refresh.py) up to its last
day, and, out of scope from the day after, it was passed over by every later run: the plan
still said the programme «gjennomføres» and which conversations «gjenstår», the final
evaluation «Ikke vurdert ennå» for themes whose year had ended (a reader's finding). The
first run after the last day makes them once more, and from then on they stay as they are.
"""

from __future__ import annotations

import logging
from datetime import date

import pytest

from .conftest import canonical_case, docx_text, synthetic_fnr, xlsx_rows
from .doc_helpers import texts
from .test_after_programme_end import ended

FIRST = date(2026, 11, 23)
LAST_DAY = date(2027, 9, 13)  # of the example case, placed 14 September 2026
AFTER = date(2027, 9, 16)  # the first run after it: no run on the two days between
PLAN = "01 Oppfølgingsplan.docx"
CHILD = "03 Sluttevaluering - Barnet.docx"
OVERVIEW = "04 Oppfølgingsoversikt.xlsx"


def _files(folder) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file()}


def _until_the_last_day(workspace, case: dict | None = None):
    workspace.drop("sak.json", case or canonical_case())
    assert workspace.cli(today=FIRST) == 0
    assert workspace.cli(today=LAST_DAY) == 0  # no export: made by the day
    return workspace.case_folder("2026-0412")


def test_the_first_run_after_the_last_day_gives_the_after_the_end_words(workspace, caplog):
    folder = _until_the_last_day(workspace)
    # On its last day the child's evaluation tells the themes as they were already (the
    # last theme's day has passed: sluttevaluering.past); the plan does not yet, though it
    # no longer speaks of dates that remain (every one has passed).
    assert "Ikke vurdert: planlagt" in docx_text(folder / CHILD)
    assert "hvilke som ikke er registrert som holdt." in docx_text(folder / PLAN)
    before = _files(folder)
    caplog.set_level(logging.INFO, logger="omsorgspakke")
    assert workspace.run(AFTER).cases_refreshed == 1
    # The log says why, by pseudonym (not «nye datoer innen rekkevidde»).
    (said,) = [r.getMessage() for r in caplog.records
               if getattr(r, "event", None) == "case_refreshed"]
    assert said.startswith("sak-")
    # The plan, the overview and the four final evaluations: these told the themes as they
    # were from the last theme's day, but a plan never evaluated is «Ikke evaluert» only
    # after the programme's last day (not «Ikke evaluert ennå»).
    assert said.endswith(": 6 dokumenter skrevet (programmets siste dag er passert)")
    plan = docx_text(folder / PLAN)
    assert "Tabellene nedenfor viser hvilke samtaler som ble holdt, og hvilke som ikke ble " \
           "det." in plan
    assert "gjenstår" not in plan
    evaluation = docx_text(folder / CHILD)
    assert "Ikke vurdert ennå" not in evaluation
    assert "Ikke vurdert: planlagt" in evaluation
    rows = xlsx_rows(folder / OVERVIEW, "Samtaler")
    assert "Over fristen" not in {r[5] for r in rows}
    assert any(isinstance(r[8], str) and "før programmets siste dag (13. september 2027)"
               in r[8] for r in rows)
    # No letter is made after the end: only what was there is made again.
    assert set(_files(folder)) == set(before)


@pytest.mark.parametrize("first_after", [AFTER, date(2027, 9, 14)])
def test_after_that_the_documents_stay_as_they_are(workspace, first_after):
    """Also on the child's birthday after the end, a day the documents asked about (the
    child's age): it does not make them again. The day after the last day the case is still
    in scope (qualify.py), and made then as any other (first_after)."""
    case = canonical_case()
    born = date(2015, 10, 20)
    case["barn"] = {**case["barn"], "fodselsdato": born.isoformat(),
                    "fodselsnummer": synthetic_fnr(born)}
    folder = _until_the_last_day(workspace, case)
    assert workspace.cli(today=first_after) == 0
    made = _files(folder)
    for day in (date(2027, 9, 17), date(2027, 10, 20), date(2027, 12, 13)):
        assert workspace.cli(today=day) == 0
        assert _files(folder) == made, day
    assert "Ikke vurdert ennå" not in docx_text(folder / CHILD)


@pytest.mark.parametrize("malform, said, not_said", [
    ("bokmal", "Omsorgspakken varte fra 14. september 2026 til 13. september 2027. Hver part "
               "hadde sitt eget samtaleløp, planlagt med minst én samtale i måneden fram til "
               "det siste temaet.", "gjennomføres"),
    ("nynorsk", "Omsorgspakken varte frå 14. september 2026 til 13. september 2027. Kvar part "
                "hadde sitt eige samtaleløp, planlagt med minst éin samtale i månaden fram til "
                "det siste temaet.", "blir gjennomført")])
def test_the_plans_programme_period_is_told_in_the_past_after_the_end(workspace, malform,
                                                                      said, not_said):
    workspace.in_malform(malform)
    folder = _until_the_last_day(workspace)
    assert not_said in docx_text(folder / PLAN)
    assert workspace.cli(today=AFTER) == 0
    plan = docx_text(folder / PLAN)
    assert said in plan
    assert not_said not in plan


@pytest.mark.parametrize("malform, said, not_said", [
    ("bokmal", ["Denne planen viser hvordan barnevernstjenesten fulgte opp barnet, foreldrene og "
                "fosterfamilien det første året etter flyttingen: hvem som var kontaktperson, når "
                "samtalene skulle holdes, og hvilke besøk og planer som hørte med.",
                "Samtalene var lagt til disse stedene:",
                "Kontaktpersonen skulle besøke fosterhjemmet jevnlig gjennom året",
                "Planene under skulle evalueres i det siste temaet i samtaleløpene."],
     ["følger opp", "hvis ikke annet blir avtalt", "besøker", "Planene under evalueres"]),
    ("nynorsk", ["Denne planen viser korleis barnevernstenesta følgde opp barnet, foreldra og "
                 "fosterfamilien det første året etter flyttinga: kven som var kontaktperson, når "
                 "samtalane skulle haldast, og kva besøk og planar som høyrde med.",
                 "Samtalane var lagde til desse stadene:",
                 "Kontaktpersonen skulle besøkje fosterheimen jamleg gjennom året",
                 "Planane under skulle evaluerast i det siste temaet i samtaleløpa."],
     ["følgjer opp", "om ikkje anna blir avtalt", "besøkjer", "blir evaluerte"])])
def test_the_plan_after_the_end_tells_the_year_in_the_past(tmp_path, malform, said, not_said):
    """Read as the contact person would after the end: the introduction, the places, the
    visits and the plans no longer say what is done (a reader's finding)."""
    text = texts(ended().in_malform(malform), "oppfolgingsplan", tmp_path)[PLAN]
    assert [s for s in said if s not in text] == []
    assert [s for s in not_said if s in text] == []


@pytest.mark.parametrize("malform, said, not_said", [
    ("bokmal", ["Planene skulle evalueres i det siste temaet.",
                "Der det står at referatet ikke er levert, er samtalen holdt, men referatet er "
                "ikke lest inn."],
     "Planene evalueres"),
    ("nynorsk", ["Planane skulle evaluerast i det siste temaet.",
                 "Der det står at referatet ikkje er levert, er samtalen halden, men referatet "
                 "er ikkje lese inn."],
     "Planane blir evaluerte")])
def test_the_evaluation_after_the_end_says_the_plans_were_to_be_evaluated(tmp_path, malform,
                                                                         said, not_said):
    # The child's theme 3 was held, and its minutes not delivered.
    text = texts(ended().in_malform(malform), "sluttevaluering", tmp_path)[CHILD]
    assert [s for s in said if s not in text] == []
    assert not_said not in text
