"""«For få oppfølgingsbesøk» on the Avvik sheet as a team leader reads it, where planned
visits have passed unregistered (a reader's findings):

1. With no time left for more visits, the row asked to register the visits held, then
   «Skriv i journalen hvorfor det blir for få» regardless, where registering them may make
   the minimum: why is now asked only if they do not. Where even all of them would not make
   it, the row still asks why, as it does with none passed.
2. With time to plan the visits missing and several passed, it said «Mangler det fortsatt
   besøk etter det, planlegg dem som mangler, innen da (3 hvis ingen av de passerte
   besøkene ble holdt)»: now as plainly as with one passed.

Read back from Saksoversikt where a case of the example can be made to say it; the rest
from compliance.check with the plan's visits set."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from omsorgspakke_docs import config
from omsorgspakke_docs.domain import compliance
from omsorgspakke_docs.planning.schedule import Visit
from omsorgspakke_docs.text import tekst

from .conftest import canonical_case
from .test_findings_in_time import CASE, PROGRAMME, plan_on
from .test_leader_open_findings import findings

HELD = {"dato": "2026-10-13"}
"""The example case's visit held; the plan made on 22 November 2026 adds 14 January,
14 April and 2 August 2027 to make the first year's four (the year ends 13 September)."""


def _rows(workspace, day: date, malform: str, **more) -> list[str]:
    """The Hva of the case's rows about too few visits in Saksoversikt, planned the day it
    came (22 November 2026), then exported again and run on day. The journal's visits are
    the example's then (the one held): a visit the journal has planned counts for its part
    of the year, and the plan would have set none of its own there to pass unregistered."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(**{k: v for k, v in more.items()
                                                 if k != "oppfolgingsbesok"}))
    workspace.run(date(2026, 11, 22))
    workspace.drop("sak.json", canonical_case(eksportert=day.isoformat(), **more))
    workspace.run(day)
    return [str(f[0]) for f in findings(workspace) if str(f[0]).startswith("I plasseringsår")]


def _checked(day: date, malform: str, *planned: date) -> list[str]:
    """compliance.check's «For få oppfølgingsbesøk» on day, the plan's visits the one held
    and these planned (passed unregistered, or ahead)."""
    plan = plan_on(day)
    plan = dataclasses.replace(plan, visits=[v for v in plan.visits if v.status != "planlagt"]
                               + [Visit(d, "planlagt") for d in planned])
    return [f.hva for f in compliance.check(CASE, plan, PROGRAMME, day, config.Compliance(),
                                            tekst(malform)) if f.kind == "besok_for_fa"]


# --- 1. No time left for more visits ---------------------------------------------------------

NO_TIME = {"bokmal": "Det er ikke tid til flere besøk før da (minst 14 dager mellom "
                     "besøkene).",
           "nynorsk": "Det er ikkje tid til fleire besøk før då (minst 14 dagar mellom "
                      "besøka)."}


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "I plasseringsår 1 er 2 oppfølgingsbesøk registrert som gjennomført, og 1 er "
               "planlagt framover; minimum er 4, og året slutter 13. september 2027. Besøk som "
               "var planlagt i dette plasseringsåret og er passert uten å være registrert som "
               "gjennomført: 2. Registrer dem som ble holdt. Det er ikke tid til flere besøk "
               "før da (minst 14 dager mellom besøkene). Blir det fortsatt færre enn 4 med dem "
               "som ble holdt, skriv i journalen hvorfor."),
    ("nynorsk", "I plasseringsår 1 er 2 oppfølgingsbesøk registrert som gjennomført, og 1 er "
                "planlagt framover; minimum er 4, og året sluttar 13. september 2027. Besøk som "
                "var planlagde i dette plasseringsåret og har passert utan å vere registrerte "
                "som gjennomførte: 2. Registrer dei som vart haldne. Det er ikkje tid til "
                "fleire besøk før då (minst 14 dagar mellom besøka). Blir det framleis færre "
                "enn 4 med dei som vart haldne, skriv i journalen kvifor."),
])
def test_no_time_left_with_several_passed_asks_why_only_if_those_held_are_too_few(
        workspace, malform, said):
    """31 August 2027: held 13 October and 14 January, one visit planned 1 September (the
    only one the fortnight left holds), April's and August's passed unregistered. Either,
    registered as held, makes the four: it asked «Skriv i journalen hvorfor det blir for
    få» all the same."""
    visits = [HELD, {"dato": "2027-01-14"}, {"dato": "2027-09-01", "status": "planlagt"}]
    assert _rows(workspace, date(2027, 8, 31), malform, oppfolgingsbesok=visits) == [said]


@pytest.mark.parametrize(("malform", "advice"), [
    ("bokmal", "Registrer besøket hvis det ble holdt. Det er ikke tid til flere besøk før da "
               "(minst 14 dager mellom besøkene). Ble det passerte besøket ikke holdt, skriv i "
               "journalen hvorfor det blir for få."),
    ("nynorsk", "Registrer besøket om det vart halde. Det er ikkje tid til fleire besøk før "
                "då (minst 14 dagar mellom besøka). Vart det passerte besøket ikkje halde, "
                "skriv i journalen kvifor det blir for få."),
])
def test_no_time_left_with_one_passed_that_would_make_the_minimum(malform, advice):
    """One held, two planned ahead filling the time left, one passed unregistered (2 August):
    held, it makes the four."""
    rows = _checked(date(2027, 8, 31), malform, date(2027, 8, 2), date(2027, 9, 1),
                    date(2027, 9, 8))
    assert len(rows) == 1 and rows[0].endswith(": 1. " + advice), rows


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_no_time_left_with_one_passed_that_cannot_make_the_minimum_asks_why(malform):
    """One held, one planned ahead filling the time left, one passed: two are missing, so
    too few whatever it was; why is asked, as before."""
    rows = _checked(date(2027, 8, 31), malform, date(2027, 8, 2), date(2027, 9, 1))
    why = {"bokmal": "Skriv i journalen hvorfor det blir for få.",
           "nynorsk": "Skriv i journalen kvifor det blir for få."}[malform]
    assert len(rows) == 1 and rows[0].endswith(f"{NO_TIME[malform]} {why}"), rows
    assert ": 1. " in rows[0]


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og 2 er "
               "planlagt framover; minimum er 4, og året slutter 13. september 2027. Det er "
               "ikke tid til flere besøk før da (minst 14 dager mellom besøkene). Skriv i "
               "journalen hvorfor det blir for få."),
    ("nynorsk", "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og 2 er "
                "planlagt framover; minimum er 4, og året sluttar 13. september 2027. Det er "
                "ikkje tid til fleire besøk før då (minst 14 dagar mellom besøka). Skriv i "
                "journalen kvifor det blir for få."),
])
def test_no_time_left_with_none_passed_asks_why(malform, said):
    """None passed unregistered: nothing to register first."""
    assert _checked(date(2027, 8, 31), malform, date(2027, 9, 1), date(2027, 9, 8)) == [said]


@pytest.mark.parametrize(("malform", "closing", "advice"), [
    ("bokmal", {"sluttdato": "2027-04-10"},
     "Registrer besøket hvis det ble holdt. I dag er siste dag før saken avsluttes, så det er "
     "ikke tid til flere besøk. Ble det passerte besøket ikke holdt, skriv i journalen "
     "hvorfor det ble for få."),
    ("bokmal", {"plassering": {**canonical_case()["plassering"], "sluttdato": "2027-04-10"}},
     "Registrer besøket hvis det ble holdt. I dag er siste dag før plasseringen avsluttes, så "
     "det er ikke tid til flere besøk. Ble det passerte besøket ikke holdt, skriv i journalen "
     "hvorfor det ble for få."),
    ("nynorsk", {"sluttdato": "2027-04-10"},
     "Registrer besøket om det vart halde. I dag er siste dagen før saka blir avslutta, så det "
     "er ikkje tid til fleire besøk. Vart det passerte besøket ikkje halde, skriv i journalen "
     "kvifor det vart for få."),
    ("nynorsk", {"plassering": {**canonical_case()["plassering"], "sluttdato": "2027-04-10"}},
     "Registrer besøket om det vart halde. I dag er siste dagen før plasseringa blir avslutta, "
     "så det er ikkje tid til fleire besøk. Vart det passerte besøket ikkje halde, skriv i "
     "journalen kvifor det vart for få."),
])
def test_the_last_day_before_closing_with_one_passed_asks_why_only_if_it_was_not_held(
        workspace, malform, closing, advice):
    """The journal closes the case (or the placement) 10 April 2027; on 9 April, one held of
    the two due by then, and 14 January passed unregistered: held, it makes the two."""
    [text] = _rows(workspace, date(2027, 4, 9), malform, **closing)
    assert text.endswith(": 1. " + advice), text


# --- 2. Time to plan the visits missing, several passed ----------------------------------

@pytest.mark.parametrize(("malform", "day", "more", "said"), [
    ("bokmal", date(2027, 8, 10), {},
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og ingen er planlagt "
     "framover; minimum er 4, og året slutter 13. september 2027. Besøk som var "
     "planlagt i dette plasseringsåret og er passert uten å være registrert som gjennomført: "
     "3. Registrer dem som ble holdt. Planlegg deretter 3 besøk i tillegg innen da, men ett "
     "besøk færre for hvert av dem som ble holdt."),
    ("nynorsk", date(2027, 8, 10), {},
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og ingen er planlagt "
     "framover; minimum er 4, og året sluttar 13. september 2027. Besøk som var "
     "planlagde i dette plasseringsåret og har passert utan å vere registrerte som "
     "gjennomførte: 3. Registrer dei som vart haldne. Planlegg deretter 3 besøk i tillegg "
     "innan då, men eitt besøk færre for kvart av dei som vart haldne."),
    # One missing: just that one, if none of them was held.
    ("bokmal", date(2027, 5, 1),
     {"oppfolgingsbesok": [HELD, {"dato": "2027-06-01", "status": "planlagt"}]},
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og 2 er planlagt "
     "framover; minimum er 4, og året slutter 13. september 2027. Besøk som var "
     "planlagt i dette plasseringsåret og er passert uten å være registrert som gjennomført: "
     "2. Registrer dem som ble holdt. Ble ingen av dem holdt, planlegg 1 besøk i tillegg "
     "innen da."),
    ("nynorsk", date(2027, 5, 1),
     {"oppfolgingsbesok": [HELD, {"dato": "2027-06-01", "status": "planlagt"}]},
     "I plasseringsår 1 er 1 oppfølgingsbesøk registrert som gjennomført, og 2 er planlagt "
     "framover; minimum er 4, og året sluttar 13. september 2027. Besøk som var "
     "planlagde i dette plasseringsåret og har passert utan å vere registrerte som "
     "gjennomførte: 2. Registrer dei som vart haldne. Vart ingen av dei haldne, planlegg 1 "
     "besøk i tillegg innan då."),
])
def test_several_passed_before_visits_to_plan_reads_in_one_go(workspace, malform, day, more,
                                                              said):
    """10 August 2027: 14 January, 14 April and 2 August passed unregistered, three visits
    missing; 1 May with one planned 1 June: two passed, one missing."""
    assert _rows(workspace, day, malform, **more) == [said]
    assert "Mangler det fortsatt" not in said and "Manglar det framleis" not in said


@pytest.mark.parametrize(("malform", "advice"), [
    ("bokmal", "Registrer dem som ble holdt. Planlegg deretter 2 besøk i tillegg før da, men ett "
               "besøk færre for hvert av dem som ble holdt."),
    ("nynorsk", "Registrer dei som vart haldne. Planlegg deretter 2 besøk i tillegg før då, "
                "men eitt besøk færre for kvart av dei som vart haldne."),
])
def test_several_passed_before_visits_to_plan_before_the_case_closes(malform, advice):
    """The journal closes the case 20 August 2027 (three visits due by then); on 1 May one
    held, two passed unregistered, none ahead: «før da», the day it closes."""
    day = date(2027, 5, 1)
    closing = CASE.model_copy(update={"sluttdato": date(2027, 8, 20)})
    plan = plan_on(day)
    plan = dataclasses.replace(plan, visits=[v for v in plan.visits if v.status != "planlagt"]
                               + [Visit(date(2027, 1, 14), "planlagt"),
                                  Visit(date(2027, 4, 14), "planlagt")])
    rows = [f.hva for f in compliance.check(closing, plan, PROGRAMME, day,
                                            config.Compliance(), tekst(malform))
            if f.kind == "besok_for_fa"]
    assert len(rows) == 1 and rows[0].endswith(": 2. " + advice), rows
