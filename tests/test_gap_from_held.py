"""A long gap between two conversations runs from the last one held: a date planned and
never held is no conversation to count from (the demo's 2026-0412: «43 dager fra 2. mars
2027 til «Å høre til»», where 2 March was a theme never held and the last held was in
December). After the programme's last day only conversations held count."""

from __future__ import annotations

from datetime import date, time

import pytest

from omsorgspakke_docs import config
from omsorgspakke_docs.domain import compliance
from omsorgspakke_docs.domain import programme as programme_module
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.planning.schedule import CasePlan, Conversation
from omsorgspakke_docs.text import tekst

from .conftest import canonical_case

AFTER = date(2027, 9, 20)


def _conv(tema: int, day: date, status: str) -> Conversation:
    return Conversation("barnet", tema, 1, day, time(14), time(15), status,
                        status != "planlagt")


@pytest.mark.parametrize("today", [date(2027, 4, 20), AFTER])
def test_a_gap_runs_from_the_last_conversation_held_not_a_date_never_held(today):
    plan = CasePlan(date(2026, 9, 14), date(2027, 9, 13), conversations=[
        _conv(1, date(2026, 12, 8), "gjennomfort"), _conv(4, date(2027, 2, 2), "planlagt"),
        _conv(5, date(2027, 3, 2), "planlagt"), _conv(3, date(2027, 4, 14), "gjennomfort")])
    case = Case.model_validate(canonical_case())
    found = [f.hva for f in compliance.check(case, plan, programme_module.load(), today,
                                             config.Compliance(), tekst("bokmal"))
             if f.kind == "samtaler_opphold"]
    assert not [hva for hva in found if "fra 2. mars 2027" in hva]
    if today > plan.slutt:  # what was: the gap held, nothing planned to move
        assert found == ["Barnet: 127 dager fra 8. desember 2026 til «Å høre til» 14. april "
                         "2027, mer enn 31 dager mellom samtalene. Skriv i journalen hvorfor det "
                         "ble så lang tid."]
