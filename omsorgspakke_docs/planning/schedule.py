"""Plan the programme: every conversation for every party, and the follow-up visits.

Computed from the placement's start date and the [schedule] settings, on working days only.
Where a date comes from decides which wins: the journal's date first, then the date planned
in an earlier run (the guide sets all dates at the start, and invitations may have gone out),
then a newly computed one. A case first seen after some of its dates have passed gets its
new dates from today on. The conversations after a moved one follow, keeping order and spacing.
A newly computed conversation never overlaps one the contact person already has in another
case (`busy`, kept by bookings.py): it moves to the next working day at the same time of day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from ..config import Schedule
from ..domain.model import Case, Samtale
from ..domain.programme import Part, Programme
from .workdays import WorkCalendar, add_months

ConversationKey = tuple[str, int, int, "int | None"]
"""(part, tema, nummer, forelder): one conversation of a case."""


@dataclass(frozen=True)
class Conversation:
    part: str
    tema: int
    nummer: int
    """Which contact within theme 0 (the move follow-up has several); 1 for themes."""
    dato: date
    start: time
    slutt: time
    status: str
    """planlagt, gjennomfort, avlyst, or ikke_registrert: computed, but the journal already
    has a later conversation of the party, so this one is history it did not record."""
    fra_journal: bool
    """The date came from the journal, not from our computation."""
    forelder: int | None = None
    """Index into case.foreldre when that parent has a track of their own (parents living
    apart); None when the parents share the party's conversations, and for other parties."""

    @property
    def key(self) -> ConversationKey:
        return (self.part, self.tema, self.nummer, self.forelder)


@dataclass(frozen=True)
class Visit:
    dato: date
    status: str
    """gjennomfort (from the journal) or planlagt (computed)."""


@dataclass
class CasePlan:
    start: date
    slutt: date
    """Last day of the programme: the first year after placement."""
    conversations: list[Conversation] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Plain Norwegian remarks for the caseworker, e.g. a date pushed past the year."""
    parts_not_planned: dict[str, str] = field(default_factory=dict)
    visits_minimum: int = 4

    def for_part(self, part: str) -> list[Conversation]:
        return [c for c in self.conversations if c.part == part]


Fixed = dict[ConversationKey, tuple[date, time]]
Busy = dict[date, list[time]]
"""The start times the contact person already has booked, by day (all conversations last
settings.duration_minutes)."""


def plan_case(case: Case, programme: Programme, settings: Schedule,
              today: date | None = None, fixed: Fixed | None = None,
              busy: Busy | None = None) -> CasePlan:
    """The case's conversations and visits.

    busy: the contact person's conversations in other cases; a newly computed date moves on
    until it is free, and is added to busy. Dates from the journal or an earlier run stay.
    """
    start = case.plassering.startdato
    if start is None:
        raise ValueError("plan_case needs a placement start date; qualify the case first")
    calendar = WorkCalendar(frozenset(date.fromisoformat(d) for d in settings.extra_closed_days))
    end = add_months(start, settings.programme_months) - timedelta(days=1)
    plan = CasePlan(start=start, slutt=end, visits_minimum=settings.visits_per_year)
    known = {(s.part, s.tema, s.nummer, s.forelder): s for s in case.samtaler}
    for part in programme.parter:
        reason = _not_planned_reason(case, part)
        if reason:
            plan.parts_not_planned[part.id] = reason
            continue
        tracks = own_tracks(case) if part.id == "foreldre" else [None]
        for track, forelder in enumerate(tracks):
            plan.conversations.extend(
                _plan_part(part, start, end, known, fixed or {}, today, settings, calendar, plan,
                           {} if busy is None else busy, forelder, track)
            )
    plan.visits = _plan_visits(case, start, settings, calendar)
    return plan


def fixed_dates(plan: CasePlan) -> Fixed:
    """The computed dates of a plan, to keep them in the next run."""
    return {c.key: (c.dato, c.start) for c in plan.conversations if not c.fra_journal}


def own_tracks(case: Case) -> list[int | None]:
    """The parents' tracks: one per parent (their index in case.foreldre) when parents who
    take part live apart, else [None], one track the parents share."""
    taking_part = [i for i, f in enumerate(case.foreldre) if f.takker_ja is not False]
    if len(taking_part) < 2:
        return [None]
    people = [case.foreldre[i] for i in taking_part]
    apart = any(f.bor_sammen_med_annen_forelder is False for f in people)
    together = any(f.bor_sammen_med_annen_forelder for f in people)
    if not apart and not together:
        addresses = {_address_key(f) for f in people}
        apart = None not in addresses and len(addresses) > 1
    return list(taking_part) if apart else [None]


def _address_key(f) -> tuple[str, str] | None:
    if not f.adresse or not f.postnummer:
        return None
    return (" ".join(f.adresse.split()).casefold(), f.postnummer.strip())


def _not_planned_reason(case: Case, part: Part) -> str | None:
    if part.id == "foreldre" and case.foreldre and all(f.takker_ja is False for f in case.foreldre):
        return "Foreldrene har takket nei til Omsorgspakken. Tilbudet kan gis på nytt senere."
    return None


def slots(part: Part, settings: Schedule) -> list[tuple[int, int, int]]:
    """(tema, nummer, days after the placement) for each conversation of a party, in order."""
    out = []
    for n in range(1, settings.move_followup_contacts + 1):
        days = settings.first_contact_after_days + (n - 1) * settings.move_followup_interval_days
        out.append((0, n, days))
    days = settings.first_theme_after_days
    for tema in sorted(t.nummer for t in part.temaer if t.nummer > 0):
        if tema > 1:
            early = tema <= 3
            days += settings.early_theme_interval_days if early else settings.theme_interval_days
        out.append((tema, 1, days))
    return out


def _plan_part(part, start, end, known, fixed, today, settings, calendar, plan, busy: Busy,
               forelder: int | None = None, track: int = 0):
    # A second parent with a track of their own comes a working day after the first.
    offset = settings.party_offset_days.get(part.id, 0) + track
    duration = timedelta(minutes=settings.duration_minutes)
    previous: date | None = None
    out = []
    order = slots(part, settings)
    # A conversation the journal has makes the ones before it history: they keep their
    # computed date instead of being planned after it.
    def journal_of(tema: int, nummer: int) -> Samtale | None:
        # A journal entry that names no parent counts for every parent's track.
        return known.get((part.id, tema, nummer, forelder)) or known.get(
            (part.id, tema, nummer, None))

    last_known = max((i for i, (t, n, _) in enumerate(order) if journal_of(t, n)), default=-1)
    for index, (tema, nummer, days) in enumerate(order):
        key = (part.id, tema, nummer, forelder)
        journal: Samtale | None = journal_of(tema, nummer)
        begins: time | None = None
        before_known = index < last_known
        if journal is not None:
            day, status = journal.dato, journal.status
            begins = time.fromisoformat(journal.klokkeslett) if journal.klokkeslett else None
        elif key in fixed:
            (day, begins), status = fixed[key], "planlagt"
        else:
            status = "planlagt"
            day = calendar.add_working_days(start + timedelta(days=days), offset)
            if today is not None and day <= today and not before_known:
                day = calendar.add_working_days(today + timedelta(days=1), offset)
            gap = timedelta(days=_min_gap(tema, settings))
            if previous is not None and day < previous + gap and not before_known:
                # An earlier conversation was held later than planned: keep order and spacing.
                day = calendar.on_or_after(previous + gap)
            if not before_known:
                begins = settings.start_time(part.id)
                day = _free_day(day, begins, busy, duration, calendar)
                busy.setdefault(day, []).append(begins)
            if day > end:
                plan.notes.append(
                    f"{part.navn}, tema {tema}: første ledige dato er etter programmets siste dag. "
                    "Vurder å holde samtalene tettere."
                )
        if journal is None and before_known:
            # The journal shows the programme has moved past it: not overdue, not invited.
            status = "ikke_registrert"
        begins = begins or settings.start_time(part.id)
        if journal is not None or key in fixed:
            busy.setdefault(day, []).append(begins)  # the case's own, for its new ones
        ends = (datetime.combine(day, begins) + duration).time()
        out.append(Conversation(part.id, tema, nummer, day, begins, ends, status,
                                journal is not None, forelder))
        previous = day
    return out


def _free_day(day: date, begins: time, busy: Busy, duration: timedelta,
              calendar: WorkCalendar) -> date:
    """The first working day from day on where a conversation at begins overlaps none in busy."""
    def overlaps(other: time) -> bool:
        gap = datetime.combine(day, begins) - datetime.combine(day, other)
        return abs(gap) < duration

    while any(overlaps(other) for other in busy.get(day, ())):
        day = calendar.add_working_days(day, 1)
    return day


def _min_gap(tema: int, settings: Schedule) -> int:
    if tema == 0:
        return settings.move_followup_interval_days
    if tema <= 3:
        return settings.early_theme_interval_days
    return settings.theme_interval_days


def _plan_visits(case: Case, start: date, settings: Schedule, calendar) -> list[Visit]:
    """At least visits_per_year visits in the first year: one in each equal period.

    A visit the journal has already recorded covers its period; the others are planned a
    month into their period, on a working day.
    """
    held = sorted(b.dato for b in case.oppfolgingsbesok if b.status == "gjennomfort")
    visits = [Visit(d, "gjennomfort") for d in held]
    n = max(settings.visits_per_year, 1)
    months = 12 // n
    for i in range(n):
        period_start = add_months(start, i * months)
        period_end = add_months(start, (i + 1) * months)
        if any(period_start <= d < period_end for d in held):
            continue
        planned = calendar.on_or_after(add_months(period_start, 1) if months > 1 else period_start)
        visits.append(Visit(planned, "planlagt"))
    return sorted(visits, key=lambda v: v.dato)
