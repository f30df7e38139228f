"""Which cases belong in Omsorgspakken today: an open case with an active foster-home placement
of under a year. A case the journal has closed is out, whatever its measures say."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from ..planning.workdays import add_months, norsk_dato
from .model import Plassering


class Qualifying(Protocol):
    """What skip_reason looks at: a Case, or the head of one (store/state.py CaseHead)."""

    @property
    def sluttdato(self) -> date | None: ...

    @property
    def plassering(self) -> Plassering: ...


def skip_reason(case: Qualifying, today: date, months: int = 12) -> str | None:
    """None when the case qualifies, else the reason in plain Norwegian (no personal data)."""
    if case.sluttdato is not None and case.sluttdato <= today:
        return f"Saken ble avsluttet i fagsystemet {norsk_dato(case.sluttdato)}."
    p = case.plassering
    if p.startdato is None:
        return "Saken har ingen aktiv fosterhjemsplassering med startdato."
    if p.sluttdato is not None and p.sluttdato <= today:
        return f"Fosterhjemsplasseringen ble avsluttet {norsk_dato(p.sluttdato)}."
    if p.startdato > today:
        return f"Fosterhjemsplasseringen starter først {norsk_dato(p.startdato)}."
    if p.startdato < add_months(today, -months):
        return (
            f"Fosterhjemsplasseringen startet {norsk_dato(p.startdato)}, "
            f"mer enn {months} måneder før {norsk_dato(today)}."
        )
    return None
