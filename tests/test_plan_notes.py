"""The plan's notes on moved conversations («Merknader») and its reasons for long gaps
(«Lengre opphold mellom samtalene») as the contact person keeps the plan through the year:
a reader's findings on the demo's 2026-0412, exported again in March with some of the
conversations held and others not."""

from __future__ import annotations

from datetime import date

import pytest

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

