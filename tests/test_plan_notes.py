"""The plan's notes on moved conversations («Merknader») and its reasons for long gaps
(«Lengre opphold mellom samtalene») as the contact person keeps the plan through the year:
a reader's findings on the demo's 2026-0412, exported again in March with some of the
conversations held and others not."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.planning import schedule

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import case_context

PLAN = "01 Oppfølgingsplan.docx"


def _held_on_their_days(case: dict, before: date) -> dict:
    """The case exported again on before, with every conversation of the first plan that
    came before it registered as held on its planned day."""
    first = case_context(case)
    case = {**case, "eksportert": before.isoformat()}
    case["samtaler"] = [*case["samtaler"], *(
        {"part": c.part, "tema": c.tema, "nummer": c.nummer, "dato": c.dato.isoformat(),
         "status": "gjennomfort", **({} if c.forelder is None else {"forelder": c.forelder})}
        for c in first.plan.conversations if c.status == "planlagt" and c.dato < before)]
    return case


@pytest.mark.parametrize("malform, said, not_said", [
    ("bokmal", "Barnet: 24. september 2026 til {dato} ({dager} dager). Planen for samtalen ble "
               "laget 22. november 2026, da saken kom fra fagsystemet, mer enn en måned etter "
               "forrige samtale. Samtalen er registrert som holdt {dato}.",
     "Samtalen er registrert som holdt denne datoen"),
    ("nynorsk", "Barnet: 24. september 2026 til {dato} ({dager} dagar). Planen for samtalen "
                "vart laga 22. november 2026, då saka kom frå fagsystemet, meir enn ein månad "
                "etter førre samtale. Samtalen er registrert som halden {dato}.",
     "Samtalen er registrert som halden denne datoen")])
def test_a_gap_from_before_the_case_came_keeps_that_reason_once_held(workspace, malform, said,
                                                                     not_said):
    """The case came on 22 November, two months after the child's last conversation; the
    next one was held on the day the plan gave it. The reason stays that the case came late,
    not that the journal has the date (which asked to correct a date that was right)."""
    workspace.in_malform(malform)
    case = canonical_case()
    workspace.drop("sak.json", case)
    workspace.run(TODAY)
    (held,) = [c.dato for c in case_context(case).plan.for_part("barnet")
               if (c.tema, c.nummer) == (0, 3)]
    later = date(2026, 12, 10)
    workspace.drop("sak.json", _held_on_their_days(case, later))
    workspace.run(later)
    (plan,) = [p for p in workspace.documents(case["journalnummer"]) if p.name == PLAN]
    text = " ".join(docx_text(plan).split())
    day = f"{held.day}. november {held.year}"
    assert said.format(dato=day, dager=(held - date(2026, 9, 24)).days) in text
    assert not_said not in text


MISSED_THEN = date(2027, 2, 22)
"""Exported again with what was held up to 20 December: the foster family's themes 4 and 5
(13 January, 10 February) were missed and move; theme 6 (10 March) is not missed, but has to
follow them."""


def _followed(first, second, theme: int) -> tuple[date, date]:
    """The foster family's theme: the date it had, and the date it has now."""
    def on(plan):
        return next(c.dato for c in plan.for_part("fosterfamilien") if c.tema == theme)
    return on(first.plan), on(second.plan)


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "Fosterfamilien, tema 6: planlagt {had}. Flyttet til {ny} for å komme etter "
               "samtalen før, som er flyttet; ny innkalling lages senest {laget} og legges "
               "i mappen Innkallinger."),
    ("nynorsk", "Fosterfamilien, tema 6: planlagd {had}. Flytta til {ny} for å kome etter "
                "samtalen før, som er flytta; ny innkalling blir laga seinast {laget} og lagd "
                "i mappa Innkallingar.")])
def test_a_theme_moved_to_follow_a_missed_one_is_in_the_notes(tmp_path, malform, said):
    """A reader's finding: «Merknader» named the missed themes that moved, not the last
    theme that moved with them (its date not passed, or passed days ago): the contact
    person who sent its invitation found nothing on why it had a new date. Its letter is
    made three weeks ahead ([documents] invitation_days_before), on the working day the
    letters are dated, not yet made on the day of the plan."""
    from omsorgspakke_docs.planning.workdays import letter_day

    from .doc_helpers import texts

    case = canonical_case()
    first = case_context(case)
    later = {**_held_on_their_days(case, date(2026, 12, 20)), "eksportert": "2027-02-20"}
    second = case_context(later, today=MISSED_THEN, fixed=schedule.fixed_dates(first.plan),
                          invitation_days_before=21)
    had, now = _followed(first, second, 6)
    assert had < now and letter_day(now, 21) > MISSED_THEN
    ctx = second.in_malform(malform)
    (plan,) = texts(ctx, "oppfolgingsplan", tmp_path).values()
    assert said.format(had=ctx.t.dato(had), ny=ctx.t.dato(now),
                       laget=ctx.t.dato(letter_day(now, 21))) in " ".join(plan.split())


def test_the_note_on_a_theme_that_followed_stays_on_later_days():
    """Planned again the next day, from the dates, moves and reasons the state keeps: the
    note is still there (a plan that changed from day to day would be made anew)."""
    from omsorgspakke_docs.domain.model import Case

    from .doc_helpers import PROGRAMME

    case = canonical_case()
    first = case_context(case)
    later = {**_held_on_their_days(case, date(2026, 12, 20)), "eksportert": "2027-02-20"}
    second = case_context(later, today=MISSED_THEN, fixed=schedule.fixed_dates(first.plan),
                          invitation_days_before=21)
    (note,) = [n for n in second.plan.notes if n.startswith("Fosterfamilien, tema 6:")]
    kept = schedule.fixed_dates(second.plan)
    third = schedule.plan_case(Case.model_validate(later), PROGRAMME, second.settings.schedule,
                               date(2027, 2, 23), kept, documents=second.settings.documents,
                               moved=second.plan.moved,
                               delays={k: v for k, v in second.plan.delays.items() if k in kept})
    assert note in third.notes
