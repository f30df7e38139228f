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
    kind = skip_kind(case, today, months)
    p = case.plassering
    if kind is None:
        return None
    if kind == "avsluttet":
        return f"Saken ble avsluttet i fagsystemet {norsk_dato(case.sluttdato)}."
    if kind == "uten_start" or p.startdato is None:  # (the second for the type checker)
        return "Saken har ingen aktiv fosterhjemsplassering med startdato."
    if kind == "plassering_avsluttet":
        return f"Fosterhjemsplasseringen ble avsluttet {norsk_dato(p.sluttdato)}."
    if kind == "starter_senere":
        return f"Fosterhjemsplasseringen starter først {norsk_dato(p.startdato)}."
    return (
        f"Fosterhjemsplasseringen startet {norsk_dato(p.startdato)}, "
        f"mer enn {months} måneder før {norsk_dato(today)}."
    )


SKIP_KINDS = ("avsluttet", "uten_start", "plassering_avsluttet", "starter_senere", "for_gammel")
"""Why a case is left out, as a code (skip_kind): for counting and saying without dates."""


def skip_kind(case: Qualifying, today: date, months: int = 12) -> str | None:
    """None when the case qualifies, else one of SKIP_KINDS."""
    if case.sluttdato is not None and case.sluttdato <= today:
        return "avsluttet"
    p = case.plassering
    if p.startdato is None:
        return "uten_start"
    if p.sluttdato is not None and p.sluttdato <= today:
        return "plassering_avsluttet"
    if p.startdato > today:
        return "starter_senere"
    if p.startdato < add_months(today, -months):
        return "for_gammel"
    return None


AFTER_END_MONTHS = 3
"""How long after its programme's last day a case is still followed up on (closed_recently).
The final evaluation says «tre måneder» (tools/build_templates.py)."""


def last_day(case: Qualifying, programme_months: int) -> date | None:
    """The day the case's programme ended or ends: its year's last day, or the day before
    the case or its placement was closed in the journal when that came first (it leaves
    scope on the day it closes: skip_kind; its plan ends the day before: schedule)."""
    start = case.plassering.startdato
    if start is None:
        return None
    closes = closing_day(case)
    closed = [] if closes is None else [closes - timedelta(days=1)]
    return min([add_months(start, programme_months) - timedelta(days=1), *closed])


def closing_day(case: Qualifying) -> date | None:
    """The day the journal closes the case or its placement (the earlier), when it says:
    the case leaves scope that day (skip_kind); its plan ends the day before (schedule),
    and Til utsending asks staff to tell whoever was invited after it (sending)."""
    return min((day for day in (case.sluttdato, case.plassering.sluttdato) if day is not None),
               default=None)


def closed_recently(case: Qualifying, today: date, months: int, programme_months: int,
                    remade: date | None = None) -> bool:
    """A case left out (skip_reason) because its year is over or it was closed in the
    journal, at most AFTER_END_MONTHS after that day (last_day): what is written in its
    folder (the final evaluation, the joint meeting's minutes) is still filed, as they
    say. Not a case whose placement has not begun, or that has none. remade: the last day
    its documents were issued, when known; documents issued only after those months (its
    final ones, made by the first run after its last day when no run came in them:
    run/refresh.py) count the AFTER_END_MONTHS from that day instead, so the team leader
    sees them while they are new (documents/caseload.py)."""
    end = last_day(case, programme_months)
    if end is None or skip_kind(case, today, months) in (None, "uten_start", "starter_senere"):
        return False
    window = add_months(end, AFTER_END_MONTHS)
    since = remade if remade is not None and remade > window else end
    return end < today <= add_months(since, AFTER_END_MONTHS)
