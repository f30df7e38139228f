"""Advice on the team leader's Avvik sheet that the days had overtaken (helper 167): a
reader ran the demo and then run with no new exports on later days, and found rows pointing
to conversations planned months before («planlagt samtaler fra 25. november 2026» in October
the year after), gaps measured to dates that passed unheld, visits to plan «til før» the day
it was, a promise of planning after the programme had ended, and no row saying a programme
could no longer be finished. The case: the example case with no contact person, the father's
address missing and the parents' living together not known; planned the day it came, and
then no export again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from omsorgspakke_docs import config
from omsorgspakke_docs.domain import compliance
from omsorgspakke_docs.domain import programme as programme_module
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.text import tekst

from .conftest import TODAY, canonical_case


def _case() -> Case:
    data = canonical_case()
    data["kontaktperson"] = {}
    for parent in data["foreldre"]:
        parent.pop("bor_sammen_med_annen_forelder", None)
    data["foreldre"][1].pop("adresse")
    return Case.model_validate(data)


CASE = _case()
PROGRAMME = programme_module.load()
FIRST = schedule.plan_case(CASE, PROGRAMME, config.Schedule(), TODAY)
FIXED = {c.key: (c.dato, c.start) for c in FIRST.conversations}


def plan_on(day: date) -> schedule.CasePlan:
    """The plan as a run on that day makes it: the dates set the day the case came."""
    return schedule.plan_case(CASE, PROGRAMME, config.Schedule(), day, fixed=FIXED,
                              delays=FIRST.delays)


def found(day: date, kind: str, malform: str = "bokmal") -> list[compliance.Finding]:
    return [f for f in compliance.check(CASE, plan_on(day), PROGRAMME, day,
                                        config.Compliance(), tekst(malform))
            if f.kind == kind]


def first_ahead(day: date, shared: bool = False) -> date:
    return min(c.dato for c in plan_on(day).conversations if c.status == "planlagt"
               and c.dato >= day and (not shared or c.part == "foreldre" and c.forelder is None))


LATER = date(2027, 1, 10)
END = FIRST.slutt


def test_the_case_starts_as_the_reader_found_it():
    """On the day it came every row points to the first conversation planned."""
    (row,) = found(TODAY, "kontaktperson_mangler")
    assert row.frist == first_ahead(TODAY) < LATER
    assert any(c.status == "planlagt" and c.dato < LATER for c in FIRST.conversations)


def test_no_contact_person_points_to_the_next_conversation_ahead():
    (row,) = found(LATER, "kontaktperson_mangler")
    ahead = first_ahead(LATER)
    assert row.hva == ("Fagsystemet viser ingen kontaktperson for saken, og det er planlagt "
                       f"samtaler fra {tekst('bokmal').dato(ahead)}. Tildel en kontaktperson "
                       "før det, og registrer navnet i fagsystemet.")
    assert row.frist == ahead >= LATER


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "Fagsystemet viser ingen kontaktperson for saken. Tildel en kontaktperson, og "
               "registrer navnet i fagsystemet."),
    ("nynorsk", "Fagsystemet viser ingen kontaktperson for saka. Tildel ein kontaktperson, og "
                "registrer namnet i fagsystemet.")])
def test_no_contact_person_after_the_end_is_a_missing_fact(malform, said):
    (row,) = found(date(2028, 1, 5), "kontaktperson_mangler", malform)
    assert (row.hva, row.frist, row.alvor) == (said, None, compliance.MANGLER)


def test_letters_held_back_are_those_of_the_conversations_ahead():
    (row,) = found(LATER, "brev_kan_ikke_sendes")
    ahead = first_ahead(LATER)
    assert row.hva.startswith(f"Brevene om samtalene fra {tekst('bokmal').dato(ahead)} kan")
    assert row.frist == ahead
    assert not found(END + timedelta(days=1), "brev_kan_ikke_sendes")


def test_shared_conversations_are_those_ahead():
    (row,) = found(LATER, "bor_sammen_ukjent")
    ahead = first_ahead(LATER, shared=True)
    assert f"felles samtaler fra {tekst('bokmal').dato(ahead)}." in row.hva
    assert row.frist == ahead >= LATER


@pytest.mark.parametrize("malform, ending", [
    ("bokmal", "Foreldrene hadde hver sin samtale, og den andre forelderen kan ha gått glipp "
               "av denne."),
    ("nynorsk", "Foreldra hadde kvar sin samtale, og den andre forelderen kan ha gått glipp "
                "av denne.")])
def test_after_the_end_nothing_is_promised_for_the_other_parent(malform, ending):
    data = canonical_case()
    case = Case.model_validate(data)
    first = schedule.plan_case(case, PROGRAMME, config.Schedule(), TODAY)
    fixed = {c.key: (c.dato, c.start) for c in first.conversations}
    day = first.slutt + timedelta(days=18)
    plan = schedule.plan_case(case, PROGRAMME, config.Schedule(), day, fixed=fixed,
                              delays=first.delays)
    rows = [f for f in compliance.check(case, plan, PROGRAMME, day, config.Compliance(),
                                        tekst(malform)) if f.kind == "forelder_ikke_registrert"]
    assert rows and all(r.hva.endswith(ending) for r in rows)
    assert not any("planlag" in r.hva for r in rows)


def test_a_gap_is_measured_to_today_when_the_next_date_passed_unheld():
    rows = found(LATER, "samtaler_opphold")
    said = [r.hva for r in rows]
    assert not any("regnet fram til neste planlagte samtale" in s for s in said)
    # The child's last conversation held was 24 September 2026; the next, 23 November,
    # passed unheld.
    child = [s for s in said if s.startswith("Barnet:")]
    assert child == [
        "Barnet: ingen samtale er registrert holdt siden 24. september 2026, mer enn 31 "
        "dager; «Oppfølging i flytteprosessen», planlagt 23. november 2026, er ikke "
        "registrert som holdt. Registrer samtalen hvis den ble holdt; ellers sett opp en ny "
        "så snart det går, og skriv i journalen hvorfor det ble så lang tid."]
    # The same text on a later day: the case's overview is not written again for it.
    assert child[0] in [r.hva for r in found(date(2027, 3, 1), "samtaler_opphold")]


def test_the_gap_in_nynorsk():
    said = [r.hva for r in found(LATER, "samtaler_opphold", "nynorsk")]
    assert ("Barnet: ingen samtale er registrert halden sidan 24. september 2026, meir enn "
            "31 dagar; «Oppfølging i flytteprosessen», planlagd 23. november 2026, er ikkje "
            "registrert som halden.") in " ".join(said)


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "I plasseringsår 1 er bare 1 oppfølgingsbesøk registrert som gjennomført; "
               "minimum er 4, og året slutter i dag (13. september 2027). Skriv i journalen "
               "hvorfor det ble for få."),
    ("nynorsk", "I plasseringsår 1 er berre 1 oppfølgingsbesøk registrert som gjennomført; "
                "minimum er 4, og året sluttar i dag (13. september 2027). Skriv i journalen "
                "kvifor det vart for få.")])
def test_on_the_last_day_no_visit_is_to_be_planned_before_it(malform, said):
    assert END == date(2027, 9, 13)
    (row,) = found(END, "besok_for_fa", malform)
    assert row.hva == said and "Planlegg" not in row.hva


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "{n} samtaler har passert datoen sin uten å bli registrert som holdt, og ingen "
               "av dem har fått ny dato før programmets siste dag (13. september 2027). "
               "Registrer samtalene som ble holdt, og sett opp nye datoer for resten, eller "
               "avtal med partene hvordan programmet avsluttes."),
    ("nynorsk", "{n} samtalar har passert datoen sin utan å bli registrerte som haldne, og "
                "ingen av dei har fått ny dato før den siste dagen i programmet (13. september "
                "2027). Registrer samtalane som vart haldne, og set opp nye datoar for resten, "
                "eller avtal med partane korleis programmet skal avsluttast.")])
def test_a_programme_that_cannot_be_finished_says_so_before_the_end(malform, said):
    day = date(2027, 6, 1)
    plan = plan_on(day)
    passed = [c for c in plan.conversations if c.status == "planlagt" and c.dato < day]
    assert len(passed) > 1 and not [c for c in plan.conversations
                                   if c.status == "planlagt" and c.dato >= day]
    (row,) = found(day, "program_ikke_ferdig", malform)
    assert row.hva == said.format(n=len(passed))
    assert (row.frist, row.alvor) == (END, compliance.AVVIK)


def test_a_date_passed_days_ago_is_not_counted_yet():
    """The journal may be a few days behind: within the minutes' time nothing is said."""
    day = first_ahead(TODAY) + timedelta(days=2)
    assert not found(day, "program_ikke_ferdig")


def test_a_date_passed_among_dates_still_ahead_is_no_unfinished_programme():
    """One conversation passed unheld while the party has more planned ahead: the gap rows
    and Over fristen say it; «Programmet blir ikke ferdig» would alarm for nothing."""
    day = first_ahead(TODAY) + timedelta(days=30)
    plan = plan_on(day)
    passed = [c for c in plan.conversations if c.status == "planlagt" and c.dato + timedelta(
        days=config.Compliance().minutes_due_days) < day]
    assert passed and all(any(o.status == "planlagt" and o.dato >= day
                              and (o.part, o.forelder) == (c.part, c.forelder)
                              for o in plan.conversations) for c in passed)
    assert not found(day, "program_ikke_ferdig")
