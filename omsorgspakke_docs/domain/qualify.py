"""Which cases belong in Omsorgspakken today: an open case with an active foster-home placement
of under a year. A case the journal has closed is out, whatever its measures say."""

from __future__ import annotations

from datetime import date, timedelta
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


AFTER_END_MONTHS = 3
"""How long after its programme's last day a case is still followed up on (ended_recently).
The final evaluation says «tre måneder» (tools/build_templates.py)."""
ANY_AGE = 1200
"""Months: skip_reason with every reason but the placement's age."""


def ended_recently(case: Qualifying, today: date, months: int, programme_months: int) -> bool:
    """A case skip_reason leaves out only for its placement's age (not closed, its placement
    not ended), whose programme's last day (programme_months from the placement's start) is
    at most AFTER_END_MONTHS ago. It gets no more documents, but the team leader still sees
    it in Saksoversikt, with what is left open, and what is written in its folder (the final
    evaluation) is still filed."""
    start = case.plassering.startdato
    if start is None or skip_reason(case, today, months) is None or \
            skip_reason(case, today, ANY_AGE) is not None:
        return False
    return today <= add_months(start, programme_months + AFTER_END_MONTHS) - timedelta(days=1)
