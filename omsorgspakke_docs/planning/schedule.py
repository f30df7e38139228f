"""Plan the programme: every conversation of every party, the follow-up visits and the joint
meeting, on the days an office actually meets people.

Where a date comes from decides which wins: the journal's date first (it never moves), then
the date planned in an earlier run (the guide sets all dates at the start, and invitations
may have gone out), then a newly computed one. A planned date that passed more than
missed_after_days ago without the journal recording the conversation was missed, when the
export was made that long after it too (the journal could have recorded it): it moves to
the next free slot after notice, and the party's later conversations follow when they would
come too close.

A newly computed date respects, in this order of search:
- working days only, outside the closed periods (Christmas, Easter week, summer weeks);
- notice: a conversation announced by letter is at least notice_days after today (the day
  the letter is made); the move follow-up, arranged directly, from the next working day, or
  interpreter_notice_days working days on with someone who needs an interpreter (booked);
- cadence: the nominal spacing from the placement, never more than theme_interval_days
  after the party's previous conversation when a date before it fits; when the themes do
  not fit before the programme's last day, the intervals shrink (to min_interval_days);
- the contact person's day (`busy`, kept by bookings.py): at most max_per_day meetings, none
  overlapping, within working hours, and travel_minutes between meetings in different
  places: the office, the case's foster home (InTheHome), another case's (Away: a visit or a
  conversation held there);
- nothing after the programme's last day: what does not fit is left out with a note.
Gaps longer than theme_interval_days that remain carry their true reason (CasePlan.gaps):
what kept the later date from coming sooner, found when it was computed and kept with the
plan (CasePlan.delays), since a run on another day could not tell.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from ..config import Documents, Schedule
from ..domain import qualify
from ..domain.model import Case, Samtale
from ..domain.programme import Part, Programme
from ..rendering.watched_day import plain, unwatched
from .workdays import WorkCalendar, add_months, letter_day, norsk_dato

ConversationKey = tuple[str, int, int, "int | None"]
"""(part, tema, nummer, forelder): one conversation of a case. Visits are kept under
("besok", n, 1, None) and the joint meeting under ("fellesmote", tema, 1, None)."""

VISIT = "besok"
MEETING = "fellesmote"
VISIT_SPACING_DAYS = 14
"""Follow-up visits at least this far apart, as well as in different months: overdue visits
of a case first exported late are caught up, but not days apart."""
OFFICE, FOSTER_HOME, DIGITAL = "kontoret", "fosterhjemmet", "digitalt"
"""Where a meeting is held (Conversation.sted); rendering/context.py writes the place."""


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
    sted: str = OFFICE
    """kontoret, fosterhjemmet or digitalt (a parent far away: digital or in their municipality)."""
    journal_time: bool = False
    """The journal gave its time too (klokkeslett), not only its date."""
    hvem_ukjent: bool = False
    """Held with the parents, who have tracks of their own, and the journal does not say with
    which of them (Case.parents_at): shown once, without a parent, and no parent's
    conversation until the contact person registers it. Neither track plans it again."""
    digital: bool = False
    """The journal has it on video or the telephone (Samtale.motform): it needs no travel
    to or from it (Anywhere), wherever the party is usually met."""
    undated: bool = False
    """Not registered (ikke_registrert) and never planned: computed the first time it was
    already history (the case came after it was due), so no one ever proposed its date.
    dato is the cadence's, only to keep it in order; documents show it without date and
    time, and its date is not kept (fixed_dates)."""

    @property
    def key(self) -> ConversationKey:
        return (self.part, self.tema, self.nummer, self.forelder)


@dataclass(frozen=True)
class Visit:
    dato: date
    status: str
    """gjennomfort (from the journal) or planlagt (computed)."""
    start: time | None = None
    slutt: time | None = None
    nummer: int | None = None
    """A planned visit's period of the programme (1 for the first): its key in the plan
    kept (fixed_dates) and in the calendar, whatever visits the journal has."""


@dataclass(frozen=True)
class JointMeeting:
    """The joint meeting of parents, foster parents and the service, after a theme held with
    both ([documents] joint_meeting_after_theme)."""

    dato: date
    start: time
    slutt: time
    etter_tema: int
    sted: str = OFFICE


@dataclass(frozen=True)
class Gap:
    """More than theme_interval_days between two of a party's conversations, and why."""

    part: str
    forelder: int | None
    fra: date
    til: date
    grunn: str
    felles: tuple[str, ...] | None = None
    """The cause, when gaps next to each other that share it can say it once for all
    (rendering/context.py _by_reason): ("journal",), ("referat",), ("sen", the day planned)
    or ("tekst", grunn) for a reason that reads the same for several; None: said for each."""
    egen: tuple[str, int] | None = None
    """What this gap adds to a shared cause: ("varsel", notice_days) or ("tolk",
    interpreter_notice_days)."""

    @property
    def dager(self) -> int:
        return (self.til - self.fra).days


class LeftOut(NamedTuple):
    """Why a theme has no date (CasePlan.left_out_why)."""

    note: str
    """The plan's note on it, in bokmål as the planner writes notes."""
    had: date | None
    """The date it had, passed unregistered; None when it never had one (no room)."""
    passed: str = ""
    """For one that had a date: its note once the journal closes the case before the
    programme's end (_ends_early), when no new date is to be found: that it was not held."""
    avlyst: date | None = None
    """After the programme's last day, for a theme cancelled and not held since: the day the
    journal has it cancelled, which its row shows, «Avlyst» (not planned again then)."""


class JournalClash(NamedTuple):
    """A kept date the journal put another meeting on (CasePlan.journal_clashes)."""

    conversation: Conversation
    other: Samtale | None
    """The other party's conversation in the journal; None: a follow-up visit planned that
    day without a time."""


@dataclass
class CasePlan:
    start: date
    slutt: date
    """Last day of the programme: the first year after placement."""
    conversations: list[Conversation] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Plain Norwegian remarks for the caseworker: intervals shortened, a theme that does not
    fit, a missed conversation moved."""
    parts_not_planned: dict[str, str] = field(default_factory=dict)
    visits_minimum: int = 4
    joint_meeting: JointMeeting | None = None
    gaps: list[Gap] = field(default_factory=list)
    moved: dict[ConversationKey, date] = field(default_factory=dict)
    """Conversations moved: key -> the date they had. Missed ones the planner moved (the date
    passed), and ones the journal moved (its date for a planned one is another than ours)."""
    left_out: list[ConversationKey] = field(default_factory=list)
    """Themes with no room before the programme's last day (named in notes)."""
    left_out_why: dict[ConversationKey, LeftOut] = field(default_factory=dict)
    """Each left-out theme's note (also in notes) and the date it had, if it passed
    unregistered: its row in the plan's table and the overviews (context.left_out)."""
    delays: dict[ConversationKey, str] = field(default_factory=dict)
    """Computed conversations more than theme_interval_days after the party's previous one:
    key -> why no earlier date would do (a DELAY_* code; DELAY_LATE with the day it was
    planned, "sen:2026-11-22"). Kept in the state with the dates."""
    journal_clashes: list[JournalClash] = field(default_factory=list)
    """Dates this plan set and kept (their invitation may have gone out) that the journal now
    has another meeting of the case's on: a follow-up visit planned that day without a time,
    or another party's conversation at the same time. Not moved; said in the plan's notes
    and on Saksoversikt's Avvik sheet (domain/compliance.py), for the contact person to
    agree a new time for one of them."""
    journal_visits: list[Visit] = field(default_factory=list)
    """The follow-up visits ahead the journal has planned without a time of day, each from
    the working day's start to its end: the contact person is busy all that day (bookings.py
    records it so, for their other cases)."""
    journal_visits_unregistered: list[date] = field(default_factory=list)
    """The days of the follow-up visits the journal has planned whose day has passed but
    that still count for their part of the year (_Planner.journal_visits_counted): the
    newest export was made too soon after to say whether they were held. The plan's table
    lists them «Ikke registrert som holdt ennå» (without, the contact person saw no visit
    there, and none planned in its place)."""
    known_until: date | None = None
    """The plan holds for exports made up to this day: one made after it could have recorded
    a passed conversation this plan takes as not yet known, which is then missed
    (_Planner._journal_would_know). None: no such conversation."""

    def for_part(self, part: str) -> list[Conversation]:
        return [c for c in self.conversations if c.part == part]

    def journal_days(self) -> tuple[set[date], set[date]]:
        """The days in the programme's year the journal has a follow-up visit planned on, as
        the plan's table and the workbooks list them: those ahead (journal_visits), and those
        passed that still count, not known to be held yet (journal_visits_unregistered)."""
        return ({v.dato for v in self.journal_visits if v.dato <= self.slutt},
                {day for day in self.journal_visits_unregistered if day <= self.slutt})


APART_DAYS = 2
"""How many working days later (and within a week) a parent living apart may be met to keep
off the other parent's day; further would lengthen the gap too much for a doorway."""

DELAY_LATE, DELAY_CLOSED, DELAY_BUSY = "sen", "stengt", "opptatt"
DELAY_LATE_INTERPRETER = "sen_tolk"
"""DELAY_LATE for a move follow-up contact that also waited for an interpreter to be booked
([schedule] interpreter_notice_days). A code of its own, not a suffix, so a plan made before
keeps its reason's words (and the letters listing the conversation their date), and a
release before this one reads it as a delay it does not know."""


DELAY_FOLLOWED = "fulgte"
"""A kept date moved on, with the date it had ("fulgte:2027-03-15"), because the party's
conversation before it moved (missed) and it would have come too close after it: the plan
notes it as it notes a missed one, while it is ahead (a reader's finding: a theme moved so
got no note). Kept with the date in the state as delays are; a release before this one
reads it as a delay it does not know."""


def followed_from(code: str) -> date | None:
    """The date a conversation had before it followed a moved one, from a DELAY_FOLLOWED
    code; else None."""
    kind, _, day = code.partition(":")
    return date.fromisoformat(day) if kind == DELAY_FOLLOWED else None


DELAY_OFF_VISIT, DELAY_OFF_CONVERSATION = "fagsystem_besok", "fagsystem_samtale"
"""A kept date planned anew, with the date it had ("fagsystem_besok:2027-02-01"), because
the journal put a follow-up visit on that day (or another party's conversation at its time)
before the conversation's invitation was made (_Planner._not_invited): the plan's notes say
why it moved, in every run until its new day, as they say it of the joint meeting (a
reader's finding: the child's theme moved off the visit's day without a word). Kept with
the date in the state as delays are; a release before this one reads it as a delay it does
not know."""


def off_journal_from(code: str) -> tuple[date, bool] | None:
    """The date a conversation had before it was planned anew off the journal's meeting
    that day, and whether that meeting is a follow-up visit (else a conversation), from a
    DELAY_OFF_VISIT or DELAY_OFF_CONVERSATION code; else None."""
    kind, _, day = code.partition(":")
    if kind not in (DELAY_OFF_VISIT, DELAY_OFF_CONVERSATION):
        return None
    return date.fromisoformat(day), kind == DELAY_OFF_VISIT


def late_since(code: str) -> date | None:
    """The day the case came, from a DELAY_LATE code (or DELAY_LATE_INTERPRETER); else None."""
    kind, _, day = code.partition(":")
    return date.fromisoformat(day) if kind in (DELAY_LATE, DELAY_LATE_INTERPRETER) else None
"""Why a computed date came later than the cadence allows: the plan was made after the
cadence's last day (and a letter needs notice), the office was closed on every day that
would have done, or the contact person had no free time on them."""

Fixed = dict[ConversationKey, tuple[date, time]]
Busy = dict[date, list[tuple[time, time]]]
"""The contact person's meetings by day: (start, end) at the office, Away for one in another
case's foster home, InTheHome for one of this case's in its foster home."""


class Booked(dict):
    """Busy as the contact person's bookings give it (bookings.Bookings.busy), and whether
    the case was booked among those meetings already (settled): its dates were then planned
    around this contact person's other cases, and one that overlaps theirs was booked so,
    side by side, before (by the release before this one, which kept a new contact person's
    visits where they were). Such a visit keeps its day and both plans say so
    (_Planner._kept_visit): only a case new in the file, whose contact person just changed,
    has its far visits planned anew."""

    settled = False


class Away(NamedTuple):
    """A meeting of the contact person's in another case away from the office: a follow-up
    visit, or a conversation held in the foster home ([schedule] child_meets_at), as the
    bookings mark it (bookings.py). A meeting planned after it keeps [schedule]
    travel_minutes from it on both sides (_Planner.free_time): the contact person cannot be
    at the office at 10.00 when a visit an hour's drive away ends at 10.00, nor in one foster
    home at 12.00 after the office at 11.30 (a reader's finding in the demo)."""

    start: time
    end: time


class Anywhere(NamedTuple):
    """A meeting on video or the telephone (Samtale.motform): the contact person needs no
    travel time to or from it, wherever the meeting before or after it is."""

    start: time
    end: time


class InTheHome(NamedTuple):
    """A meeting of this case's in its own foster home: a conversation held there, a visit.
    Another of the case's there the same day follows it with no travel between (the child's
    conversation, then the foster family's); one at the office or in another case's foster
    home keeps [schedule] travel_minutes from it (_Planner.free_time)."""

    start: time
    end: time


def _elsewhere(meeting: tuple[time, time], in_the_home: bool) -> bool:
    """Whether a meeting in busy is in another place than one being planned at the office
    (in_the_home False) or in the case's foster home (True): travel_minutes between them.
    A digital one (Anywhere) is in no place."""
    if isinstance(meeting, Anywhere):
        return False
    if isinstance(meeting, Away):
        return True
    return isinstance(meeting, InTheHome) != in_the_home


def as_stored(case: Case, programme: Programme, settings, state, today: date) -> CasePlan:
    """The case's plan with the state's dates as they stand, a missed one not moved (that
    waits for the case's next export), and what was moved from which day: what the
    workbooks and the list of letters show and the archive files by.
    settings: config.Settings (its schedule and documents); state: store.state.State."""
    from ..store.issued import first_made, invited_meetings  # (store imports planning)
    # The day the case was first planned, as the plan has it (run/case_step.py): its notes
    # name the same days (a reader's finding: Saksoversikt said «senest 27. november» for
    # the move the plan said «senest 23. november»).
    pseudonym = state.pseudonym(case.key)
    seen = min(first_made(state.folder, pseudonym).values(), default=None)
    # The letters made, as the plan the case's documents were made from knows them.
    invited = invited_meetings(state.folder, pseudonym)
    return plan_case(case, programme, settings.schedule, today, state.load_plan(case.key),
                     documents=settings.documents, move_missed=False,
                     moved=state.load_moved(case.key), delays=state.load_delays(case.key),
                     first_seen=seen, invited=invited,
                     visit_gap_days=settings.compliance.max_visit_gap_days)


def plan_case(case: Case, programme: Programme, settings: Schedule,
              today: date | None = None, fixed: Fixed | None = None,
              busy: Busy | None = None, documents: Documents | None = None,
              move_missed: bool = True, moved: dict[ConversationKey, date] | None = None,
              delays: dict[ConversationKey, str] | None = None,
              first_seen: date | None = None,
              invited: Collection[str] | None = None,
              visit_gap_days: int = 120) -> CasePlan:
    """The case's conversations, visits and joint meeting.

    busy: the contact person's meetings in other cases; newly computed dates avoid them and
    are added. documents: the [documents] settings with the joint meeting's rules.
    move_missed: False keeps a missed conversation on its passed date (overdue), for views
    that do not plan, such as the team leader's caseload; so does a day after the
    programme's last day. moved: missed conversations moved
    in earlier runs (key -> the date that passed), noted in the plan while still ahead.
    delays: why kept dates came later than the cadence (CasePlan.delays of earlier runs).
    first_seen: the day the case was first planned, when known. A kept date before it of a
    conversation not registered was never planned (a release before this one kept the
    cadence's dates of undated conversations): it is undated too, and no longer kept.
    invited: the meetings the case's invitations were issued for (store/issued.py
    invitations: their day and time in ISO): a note on a meeting moved says its new letter
    is made when the state knows it is (_Planner.letter_made), not only once its letter day
    has passed; and a kept date the journal now has another meeting on moves when none was
    issued for it (_Planner._not_invited). None: not known (a plan made without the state).
    visit_gap_days: the longest time from the placement or a visit to the next visit
    ([compliance] max_visit_gap_days): a visit the plan sets comes within it (_visit_date).
    """
    start = case.plassering.startdato
    if start is None:
        raise ValueError("plan_case needs a placement start date; qualify the case first")
    end = add_months(start, settings.programme_months) - timedelta(days=1)
    # After the programme's last day nothing moves: a conversation not held stays on its
    # day, overdue (a case made from exports after its year: case_step.year_just_over).
    move_missed = move_missed and not (today is not None and today > end)
    planner = _Planner(case, settings, today, fixed or {}, {} if busy is None else busy, start,
                       end, move_missed)
    planner.first_seen = first_seen
    planner.invited = frozenset(invited or ())
    planner.invited_known = invited is not None
    planner.part_names = {part.id: part.navn for part in programme.parter}
    planner.settled = isinstance(busy, Booked) and busy.settled
    planner.invited_within = (documents or Documents()).invitation_days_before
    planner.moved_before = dict(moved or {})
    planner.visit_gap = timedelta(days=visit_gap_days)
    plan = CasePlan(start=start, slutt=end, visits_minimum=settings.visits_per_year,
                    moved=dict(moved or {}), delays=dict(delays or {}))
    planner.kept_visits_busy()
    known = {s.identity: s for s in case.samtaler}
    firsts: list[Conversation | None] = []  # each planned track's first conversation
    tracks_of = {part.id: own_tracks(case, _kept_shared(fixed), _kept_own(fixed))
                 if part.id == "foreldre" else [None] for part in programme.parter
                 if not _not_planned_reason(case, part, settings)}
    planner.to_plan = {(part_id, forelder) for part_id, tracks in tracks_of.items()
                       for forelder in tracks}
    for part in programme.parter:
        reason = _not_planned_reason(case, part, settings)
        if reason:
            plan.parts_not_planned[part.id] = reason
            continue
        tracks = tracks_of[part.id]
        if tracks != [None]:
            unknown = planner.with_whom_unknown(part, known)
            plan.conversations.extend(unknown)
            firsts.extend(unknown)
        for track, forelder in enumerate(tracks):
            joined = case.foreldre[forelder].deltar_fra if forelder is not None else None
            if joined is not None:
                plan.notes.append(
                    f"{party_label(case, part, forelder)}: med fra {norsk_dato(joined)}, og "
                    "samtalene er planlagt fra da. Samtaler som ble holdt før det, teller "
                    "ikke i dette sporet.")
            out = planner.track(part, forelder, track, known, plan)
            plan.conversations.extend(out)
            if part.id == "fosterfamilien" and case.tidligere_fosterhjem:
                # A foster family the child moved to starts its track at the move
                # (run/case_step.py), not late: whether the case came late is told by the
                # other tracks (a reader's finding: the note went at the move, still true).
                continue
            firsts.append(out[0] if out else None)
    late = _late_start_note(plan, firsts, squeezed=planner.squeezed, settings=settings)
    if late is not None:
        plan.notes.insert(0, late)
    plan.joint_meeting = planner.joint_meeting(plan, documents or Documents())
    plan.visits, plan.visits_minimum = planner.visits(plan)
    plan.known_until = planner.known_until
    plan.journal_visits = [Visit(day, "planlagt", planner.day_start, planner.day_end)
                           for day in planner.journal_visits]
    plan.journal_visits_unregistered = [day for day in planner.journal_visits_counted
                                        if day not in planner.journal_visits]
    _ends_early(plan, case, planner.moved_notes)
    return plan


def _ends_early(plan: CasePlan, case: Case,
                moved_notes: dict[ConversationKey, str] | None = None) -> None:
    """The journal has the placement or the case ending before the programme's year is
    over (a date ahead, or today's: the case leaves scope that day): nothing is planned
    from that day on. The programme's last day is the day before; what was held stays, and
    the plan says why the rest is not there. Without this, a known end went unheeded until
    its day, and invitations were made for conversations after the child had moved.
    moved_notes: the notes on conversations the journal moved (_Planner.moved_notes): one
    left out here is not said to have a new invitation."""
    ends = qualify.closing_day(case)
    if ends is None or ends > plan.slutt or ends <= plan.start:
        return
    notes = moved_notes or {}
    gone = {notes[c.key] for c in plan.conversations
            if c.dato >= ends and c.status != "gjennomfort" and c.key in notes}
    plan.notes = [note for note in plan.notes if note not in gone]
    plan.conversations = [c for c in plan.conversations
                          if c.dato < ends or c.status == "gjennomfort"]
    plan.visits = [v for v in plan.visits if v.dato < ends or v.status == "gjennomfort"]
    if plan.joint_meeting is not None and plan.joint_meeting.dato >= ends:
        plan.joint_meeting = None
    # No date to find any more: a theme left out goes, as what was planned from the end on;
    # one whose date passed unregistered before it stays overdue, as a planned one does, and
    # its note no longer asks for a new date (LeftOut.passed).
    stays = {key: why for key, why in plan.left_out_why.items()
             if why.had is not None and why.had < ends}
    short = {why.note: why.passed for why in stays.values()}
    gone = {why.note for why in plan.left_out_why.values()} - short.keys()
    plan.notes = [short.get(n, n) for n in plan.notes if n not in gone]
    plan.left_out = [key for key in plan.left_out if key in stays]
    plan.left_out_why = {key: LeftOut(why.passed, why.had, why.passed)
                         for key, why in stays.items()}
    plan.slutt = ends - timedelta(days=1)
    what = "plasseringen" if case.plassering.sluttdato == ends else "saken"
    plan.notes.insert(0, f"Fagsystemet viser at {what} avsluttes {norsk_dato(ends)}. Samtaler, "
                         "besøk og det felles møtet etter denne datoen er derfor ikke planlagt.")


def _late_start_note(plan: CasePlan, firsts: list[Conversation | None],
                     squeezed: bool, settings: Schedule | None = None) -> str | None:
    """A case first exported after its first conversations were due, with none recorded:
    every track's first conversation is still planned and was placed late for that reason
    (DELAY_LATE, kept with the day the case came). Said once, for the whole case."""
    received = []
    for conv in firsts:
        code = plan.delays.get(conv.key, "") if conv is not None else ""
        came = late_since(code)
        if conv is None or conv.fra_journal or conv.status != "planlagt" or came is None:
            return None
        received.append(came)
    if not received:
        return None
    begins = min(c.dato for c in firsts if c is not None)
    # Later conversations keep the usual spacing from the first (the cadence's minimum
    # gaps), unless the themes had to come closer to fit: the intervals shrunk (a note of
    # its own says so), or a date went back towards the previous one for want of a day
    # before the programme's last day (helper 145: «med vanlig avstand» beside a last theme
    # 8 days after the one before). Not a date put before a closed period, within the
    # cadence's month, as in any plan.
    closest = None if squeezed else _closer_than_usual(plan, settings or Schedule())
    spacing = ("" if squeezed else ", og med vanlig avstand mellom dem" if closest is None
               else ", og noen av dem tettere enn vanlig for å få plass før programmets siste "
                    f"dag, {norsk_dato(plan.slutt)}: ned til {closest} dager mellom to "
                    "samtaler")
    return (f"Plasseringen startet {norsk_dato(plan.start)}, men saken kom fra fagsystemet "
            f"første gang {norsk_dato(min(received))}. Samtalene er derfor planlagt fra "
            f"{norsk_dato(begins)}, senere enn programmet legger opp til{spacing}.")


def _closer_than_usual(plan: CasePlan, settings: Schedule) -> int | None:
    """The fewest days between two of a track's conversations where the later one was
    planned (not the journal's) and comes sooner after the one before than the programme's
    usual spacing (the cadence's nominal step, as slots lays it out) because that would be
    after the programme's last day; None when none does. Worked out from the dates alone,
    so a later run, keeping them, says the same."""
    tracks: dict[tuple[str, int | None], list[Conversation]] = {}
    for conv in plan.conversations:
        if conv.status != "avlyst" and not conv.hvem_ukjent:
            tracks.setdefault((conv.part, conv.forelder), []).append(conv)
    closer = []
    for convs in tracks.values():
        convs.sort(key=lambda c: (c.tema, c.nummer))
        for a, b in zip(convs, convs[1:], strict=False):
            days = (b.dato - a.dato).days
            if b.status == "planlagt" and not b.fra_journal and not b.undated \
                    and days < (usual := _usual_gap(a, b, settings)) \
                    and a.dato + timedelta(days=usual) > plan.slutt:
                closer.append(days)
    return min(closer, default=None)


def _usual_gap(a: Conversation, b: Conversation, settings: Schedule) -> int:
    """The days the programme usually puts between a and the next conversation b: the
    cadence's step (slots), at most its minimum gap (_min_gap)."""
    gap = _min_gap(b.tema, settings)
    if b.tema == 1 and a.tema == 0:  # the first theme after the move follow-up's last contact
        contact = settings.first_contact_after_days \
            + (a.nummer - 1) * settings.move_followup_interval_days
        gap = min(gap, max(1, settings.first_theme_after_days - contact))
    return gap


def _moved_note(who: str, conv: Conversation, missed: date, cancelled: bool = False,
                letters: date | None = None, made: bool = False) -> str:
    """The plan's note on a conversation moved from the date it had: by the journal (its
    date there is now another), or by the planner (it passed without the journal recording
    it, or the journal says it was cancelled: planned again). A contact the journal moved was
    agreed there and gets a new confirmation (agreed); one the planner moved gets an
    invitation proposing the new time, as a theme does.
    missed: a datetime when the journal moved it to another time on the same date (the time
    it had). letters: the day its new letter is made at the latest (_Planner.letters_by: its
    letter day, a working day as the letters are dated), None when none is (after the
    programme's last day): the note says by when it is in the case folder's Innkallinger
    (helper 127); for one the planner moved too (helper 131: «ny innkalling er laget» was
    said weeks before the letter was due).
    made: that day has come on the day the plan is made (_Planner.made_by_now): the letter
    is made and on Til utsending, so the note says it is there, never a day still ahead to
    make it, nor a past one (a reader's finding: «lages senest 23. november» in a plan
    dated 27 November, for a move read on 25 November)."""
    when, then = norsk_dato(missed), norsk_dato(conv.dato)
    # A date the planner placed is not after the programme's last day, and a note is only
    # made for one still ahead: its letter is always made (_Planner.letters_by).
    invitation = ("ny innkalling er laget og ligger i mappen Innkallinger." if made else
                  f"ny innkalling lages senest {norsk_dato(letters or conv.dato)} og legges "
                  "i mappen Innkallinger.")
    if cancelled:
        return (f"{who}, {_title(conv)}: samtalen {when} er registrert som avlyst i "
                f"fagsystemet. Planlagt på nytt {then}; {invitation}")
    if conv.fra_journal:
        if isinstance(missed, datetime):
            when, then = f"{when} kl. {missed:%H.%M}", f"kl. {conv.start:%H.%M}"
        moved = f"{who}, {_title(conv)}: planlagt {when}, flyttet til {then} i fagsystemet"
        if letters is None:
            return (f"{moved}. Programmets siste dag er passert, så det lages ikke noe nytt "
                    "brev.")
        letter = "en ny bekreftelse" if agreed(conv) else "ny innkalling"
        # The same words on every day (helper 129: a note that changed on the letter's day
        # made the plan anew that day, and the archive filed it again). Known limit (helper
        # 145): a move first read after the new date's letter day names a day already past,
        # while the letter was made at once on the day the move was read. That day is not
        # kept (CasePlan.moved keeps only the date it had), and no date the plan has bounds
        # it (the journal may move a conversation to the next day), so words that hold on
        # every day cannot name it without keeping it in the state beside moved.
        if made:
            return f"{moved}; {letter} er laget og ligger i mappen Innkallinger."
        return (f"{moved}; {letter} lages senest {norsk_dato(letters)} og legges i mappen "
                "Innkallinger.")
    return (f"{who}, {_title(conv)}: planlagt {when}, men ikke registrert som holdt. "
            f"Flyttet til {then}; {invitation}")


def _followed_note(who: str, conv: Conversation, had: date, letters: date,
                   made: bool = False) -> str:
    """The plan's note on a conversation moved on because the one before it moved
    (DELAY_FOLLOWED): its date passed or not, it was not missed, and says so. made: its
    letter's day has passed (_moved_note)."""
    said = f"{who}, {_title(conv)}: planlagt {norsk_dato(had)}. Flyttet til " \
        f"{norsk_dato(conv.dato)} for å komme etter samtalen før, som er flyttet; "
    if made:
        return said + "ny innkalling er laget og ligger i mappen Innkallinger."
    return said + (f"ny innkalling lages senest {norsk_dato(letters)} og legges i mappen "
                   "Innkallinger.")


def _off_journal_note(who: str, conv: Conversation, had: date, visit: bool, letters: date,
                      made: bool = False) -> str:
    """The plan's note on a conversation planned anew off the day the journal put a
    follow-up visit on (visit), or another party's conversation at its time, before its
    invitation was made (DELAY_OFF_VISIT): why it moved and when its invitation is made, as
    the joint meeting's note says it (_Planner._meeting_off_journal_note). made: its letter's
    day has passed, or the state knows it is made (_moved_note). What the journal had that
    day is said in the past («som fagsystemet hadde»), as the rest of the note says what
    was: the note stays until the new day, and the journal may have moved that visit or
    conversation since («som fagsystemet har» then named a visit no longer there)."""
    what = ("samme dag som et oppfølgingsbesøk i fosterhjemmet som fagsystemet hadde" if visit
            else "samtidig med en annen samtale som fagsystemet hadde den dagen")
    said = f"{who}, {_title(conv)}: planlagt {norsk_dato(had)}, {what}. Innkallingen var " \
        f"ikke laget ennå, så samtalen er flyttet til {norsk_dato(conv.dato)}; "
    if made:
        return said + "innkallingen er laget og ligger i mappen Innkallinger."
    return said + (f"innkallingen lages senest {norsk_dato(letters)} og legges i mappen "
                   "Innkallinger.")


def fixed_dates(plan: CasePlan) -> Fixed:
    """The computed dates of a plan, to keep them in the next run; and the journal's date of
    a conversation the journal moved, kept with the date it had (CasePlan.moved). Not the
    cadence's date of one never planned (Conversation.undated): nothing to keep."""
    dates: Fixed = {c.key: (c.dato, c.start) for c in plan.conversations
                    if (not c.fra_journal or c.key in plan.moved) and not c.undated}
    for visit in plan.visits:
        if visit.status == "planlagt" and visit.start is not None and visit.nummer is not None:
            dates[(VISIT, visit.nummer, 1, None)] = (visit.dato, visit.start)
    if plan.joint_meeting is not None:
        meeting = plan.joint_meeting
        dates[(MEETING, meeting.etter_tema, 1, None)] = (meeting.dato, meeting.start)
    return dates


def dated_after(plan: CasePlan, conv: Conversation) -> Conversation | None:
    """The first conversation after conv in its track with a date of its own (from the
    journal, or planned): what an undated one (Conversation.undated) came before. One held
    with the parents, not registered with whom, counts in each parent's track."""
    later = [c for c in plan.for_part(conv.part)
             if (c.forelder == conv.forelder or c.hvem_ukjent)
             and (c.tema, c.nummer) > (conv.tema, conv.nummer)
             and not c.undated]
    return min(later, key=lambda c: (c.tema, c.nummer), default=None)


def own_tracks(case: Case, kept_shared: bool = False, kept_own: bool = False) -> list[int | None]:
    """The parents' tracks: one per parent taking part (their index in case.foreldre) when
    the parents live apart (live_apart), else [None], one track the parents share.

    A parent living apart has their own track from the start, also while the other declines:
    when the other joins later, the first parent's conversations and letters stay as they
    are. kept_shared: the kept plan has a shared track (made before this rule, when one
    parent living apart took part alone); that case keeps it while one parent takes part.
    kept_own: the kept plan has a parent's own track; a parent left alone in the journal's
    list (the other no longer in the export: parent_order.py renumbers the kept plan) keeps
    it, their dates and letters as they were, rather than a shared track planned anew."""
    taking_part = [i for i, f in enumerate(case.foreldre) if f.takker_ja is not False]
    if taking_part == [0] == [i for i, _ in enumerate(case.foreldre)] and kept_own \
            and not kept_shared:
        return [0]
    if not taking_part or not live_apart(case):
        return [None]
    if len(taking_part) < 2 and kept_shared:
        return [None]
    return list(taking_part)


def live_apart(case: Case) -> bool:
    """Whether the case's parents are known to live apart: one of them does not live with the
    other (bor_sammen_med_annen_forelder false), or, when none says, two different addresses.
    Every parent the journal lists counts, also one who declined."""
    people = case.foreldre
    if len(people) < 2:
        return False
    if any(f.bor_sammen_med_annen_forelder is False for f in people):
        return True
    if any(f.bor_sammen_med_annen_forelder for f in people):
        return False
    addresses = {_address_key(f) for f in people}
    return None not in addresses and len(addresses) > 1


def living_together_unknown(case: Case) -> bool:
    """Whether two parents take part (neither declined) and neither the journal
    (bor_sammen_med_annen_forelder, for no parent) nor their addresses (all known: the same,
    or different) tell whether they live together. live_apart then finds them together, and
    they share one track on that guess: the team leader's findings ask for it to be
    registered (compliance). Every parent the journal lists counts, as in live_apart."""
    people = case.foreldre
    if sum(1 for f in people if f.takker_ja is not False) < 2:
        return False
    if any(f.bor_sammen_med_annen_forelder is not None for f in people):
        return False
    return None in {_address_key(f) for f in people}


def _kept_shared(fixed: Fixed | None) -> bool:
    """The kept dates have a parents' conversation without a parent (a shared track)."""
    return any(part == "foreldre" and forelder is None
               for part, _, _, forelder in (fixed or {}))


def _kept_own(fixed: Fixed | None) -> bool:
    """The kept dates have a parents' conversation of one parent's own (an own track)."""
    return any(part == "foreldre" and forelder is not None
               for part, _, _, forelder in (fixed or {}))


def _address_key(f) -> tuple[str, str] | None:
    if not f.adresse or not f.postnummer:
        return None
    return (" ".join(f.adresse.split()).casefold(), f.postnummer.strip())


def _not_planned_reason(case: Case, part: Part, settings: Schedule) -> str | None:
    if part.id == "foreldre" and case.foreldre and all(f.takker_ja is False for f in case.foreldre):
        if len(case.foreldre) > 1:
            return "Foreldrene har takket nei til Omsorgspakken. Tilbudet kan gis på nytt senere."
        # The one parent the journal has: not «Foreldrene», as if both had been asked.
        role = case.parent_roles()[0]
        who = role[:1].upper() + role[1:] if role else "Forelderen"  # «Far har takket nei»
        return f"{who} har takket nei til Omsorgspakken. Tilbudet kan gis på nytt senere."
    if part.id == "barnet" and too_young_for_conversations(case, settings):
        return (f"Barnet var under {settings.child_conversation_min_age} år da det flyttet, og "
                "har ikke egne samtaler. Kontaktpersonen ser barnet ved oppfølgingsbesøkene, og "
                "samtalene med fosterfamilien har en egen del om barnets hverdag.")
    return None


def place_of(case: Case, settings: Schedule, part_id: str, forelder: int | None) -> str:
    """Where a party's (or one parent's) conversations are held (Conversation.sted): also
    where a theme left out will be, once a date is agreed (rendering/context.py left_out)."""
    if part_id != "foreldre":
        return FOSTER_HOME if settings.child_meets_at == FOSTER_HOME else OFFICE
    people = [case.foreldre[forelder]] if forelder is not None else [
        f for f in case.foreldre if f.takker_ja is not False]
    return DIGITAL if people and all(f.lang_reisevei for f in people) else OFFICE


def arranged_directly(tema: int) -> bool:
    """Whether a conversation of this theme is arranged with the party directly (the move
    follow-up's contacts, from the next working day) rather than announced by letter with
    notice. Its letter confirms the time only when it was agreed (agreed)."""
    return tema == 0


def agreed(conv: Conversation) -> bool:
    """Whether the conversation's time was agreed with the party, so its letter confirms it
    («Som avtalt»): a move follow-up contact (arranged_directly) whose date and time come
    from the journal (fra_journal, journal_time: an appointment registered there, or held).
    A time the planner picked was agreed with nobody: the letter proposes it, as the
    themes' letters do; so does a journal date without a time (KOSTRA has none), on that
    date at the service's usual time."""
    return arranged_directly(conv.tema) and conv.fra_journal and conv.journal_time


def too_young_for_conversations(case: Case, settings: Schedule) -> bool:
    """Younger than [schedule] child_conversation_min_age on the day of the move (so the
    decision holds for the whole year); a child of unknown age is not."""
    start = case.plassering.startdato
    age = case.barn.alder(start) if start else None
    return age is not None and age < settings.child_conversation_min_age


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


def _min_gap(tema: int, settings: Schedule) -> int:
    if tema == 0:
        return settings.move_followup_interval_days
    if tema <= 3:
        return settings.early_theme_interval_days
    return settings.theme_interval_days


def party_label(case: Case, part: Part, forelder: int | None) -> str:
    """'Foreldre' or 'Foreldre (mor)': a role, never a name."""
    if forelder is None or forelder >= len(case.foreldre):
        return part.navn
    return f"{part.navn} ({case.parent_roles()[forelder] or f'forelder {forelder + 1}'})"


def _search_order(target: date, low: date, high: date, last: date) -> Iterator[date]:
    """The days _Planner.search tries, in turn (as they are needed: most searches end on
    the first): target up to high, then down to low, then after high up to last."""
    day = target
    while day <= min(high, last):
        yield day
        day += timedelta(days=1)
    day = target - timedelta(days=1)
    while day >= low:
        yield day
        day -= timedelta(days=1)
    day = max(high + timedelta(days=1), target)
    while day <= last:
        if not target <= day <= high:
            yield day
        day += timedelta(days=1)


class _Planner:
    """The search for dates of one case, sharing the contact person's bookings."""

    def __init__(self, case: Case, settings: Schedule, today: date | None, fixed: Fixed,
                 busy: Busy, start: date, end: date, move_missed: bool = True):
        self.case, self.s, self.today, self.fixed, self.busy = case, settings, today, fixed, busy
        self.others = {day: list(times) for day, times in busy.items()}
        """The contact person's meetings in other cases, as given (busy grows as this case's
        are placed)."""
        self.visit_gap = timedelta(days=120)
        """The longest time from the placement or a visit to the next (plan_case)."""
        self.invited_within: int | None = None
        """[documents] invitation_days_before: a kept date further ahead than this (and a
        week) has had no invitation yet (_clashes)."""
        self.move_missed = move_missed
        self.moved_notes: dict[ConversationKey, str] = {}
        """The plan's notes on conversations the journal moved (_ends_early)."""
        self.first_seen: date | None = None
        """The day the case was first planned (plan_case)."""
        self.settled = False
        """The case was booked in its contact person's file already (Booked): its visits
        kept there stay (_kept_visit)."""
        self.moved_before: dict[ConversationKey, date] = {}
        """Conversations moved in earlier runs (plan_case moved): a cancelled one planned
        again is moved from the day cancelled."""
        self.known_until: date | None = None
        """CasePlan.known_until."""
        self.squeezed = False
        """A track's intervals were shortened for its themes to fit (noted in the plan)."""
        self.to_plan: set[tuple[str, int | None]] = set()
        """The tracks (part, forelder) plan_case plans: their kept dates count (_own_kept)."""
        self.planned: set[tuple[str, int | None]] = set()
        """The tracks planned so far: their dates are in busy already (_own_kept)."""
        self.start, self.end = start, end
        self.calendar = WorkCalendar.from_settings(settings)
        self.duration = timedelta(minutes=settings.duration_minutes)
        self.day_start = time.fromisoformat(settings.workday_start)
        self.day_end = time.fromisoformat(settings.workday_end)
        self._near: dict[time, list[tuple[time, time]]] = {}
        self.journal_visits = sorted({
            b.dato for b in case.oppfolgingsbesok if b.status == "planlagt"
            and (today is None or b.dato >= today) and start <= b.dato <= end})
        """Days ahead the journal has a follow-up visit planned on (CasePlan.journal_visits):
        the model gives a visit no time of day, so it takes the working day."""
        exported = case.eksportert
        self.journal_visits_counted = sorted({*self.journal_visits, *(
            b.dato for b in case.oppfolgingsbesok if b.status == "planlagt"
            and start <= b.dato <= end and exported is not None
            and exported <= b.dato + timedelta(days=settings.missed_after_days))})
        """The journal's planned visits that count for their part of the year
        (_visit_periods): those ahead, and those passed that the export was made too soon
        after to say were held (missed_after_days, as for a conversation): held most
        likely, the next export will tell; the plan does not set one of its own beside it
        in the meantime."""
        self.part_names: dict[str, str] = {}
        """Each party's name, as the plan's notes give it (plan_case)."""
        self.invited: frozenset[str] = frozenset()
        """The meetings the case's invitations were issued for, each its day and time in ISO
        ("2027-01-12T10:00": store/issued.py invitations), when known (plan_case invited):
        letter_made."""
        self.invited_known = False
        """Whether invited is the state's (plan_case invited given): _not_invited."""

    def _journal_would_know(self, day: date) -> bool:
        """Whether the case's export was made long enough after a conversation on this day
        to record it as held (missed_after_days): only then does its not being there say it
        was missed. Minutes returned weeks after the last export, or an old export read
        again, say nothing of the conversations since. A case whose export has no date is
        judged by the day of the run, as before."""
        exported, recorded_by = self.case.eksportert, day + timedelta(days=self.s.missed_after_days)
        if exported is None or recorded_by < exported:
            return True
        self.known_until = min(recorded_by, self.known_until or recorded_by)
        return False

    # --- the pieces of the search ---------------------------------------------------------

    def earliest(self, by_letter: bool, interpreter: bool = False) -> date:
        """The first day a newly computed meeting may be: after notice when announced by
        letter, else from the next working day, or once an interpreter can be booked."""
        if self.today is None:
            return self.start
        if by_letter:
            return self.calendar.on_or_after(self.today + timedelta(days=self.s.notice_days))
        lead = self.s.interpreter_notice_days if interpreter else 1
        return self.calendar.add_working_days(self.today + timedelta(days=1), max(lead, 1) - 1)

    def needs_interpreter(self, part_id: str, forelder: int | None) -> bool:
        """Whether a conversation on this track has someone who needs an interpreter: the
        child, or the parent (parents together: any who takes part)."""
        if part_id == "barnet":
            return bool(self.case.barn.tolk)
        if part_id != "foreldre":
            return False
        people = [self.case.foreldre[forelder]] if forelder is not None else [
            f for f in self.case.foreldre if f.takker_ja is not False]
        return any(f.tolk for f in people)

    def _clashes(self, kept: tuple[date, time], in_the_home: bool = False) -> bool:
        """A date kept from an earlier plan that falls on the contact person's meeting in
        another case, or leaves no travel_minutes to or from one elsewhere (_too_close), or
        on a day already full with theirs (the case changed contact person: its dates were
        planned around the one before; the journal put the other case's meeting beside it),
        and whose invitation is not made yet: planned anew around them, with the travel
        time. One that may have been invited keeps its date (the plans say so: _double_booked,
        _too_close). in_the_home: the kept meeting is in the case's foster home. The day is
        asked only of a clash, as a comparison (readings.py: a plan that asks nothing of the
        day holds from day to day)."""
        if self.today is None or self.invited_within is None:
            return False
        day, begins = kept
        ends = _after(begins, self.duration)
        booked = self.others.get(day, [])
        clash = len(booked) >= self.s.max_per_day or any(
            not (ends <= b or begins >= e) for b, e in booked) or self._too_close(
            day, begins, ends, in_the_home) is not None
        return clash and self._not_invited_yet(day)

    def _not_invited_yet(self, day: date) -> bool:
        """A kept date far enough ahead that its invitation is not made yet
        ([documents] invitation_days_before, and a week): a comparison with the day, asked
        only of a date that would move (_clashes, the child's time after school)."""
        return self.today is not None and self.invited_within is not None \
            and day - timedelta(days=self.invited_within + 7) > self.today

    def _not_invited(self, kept: tuple[date, time]) -> bool:
        """A kept date the journal now has another meeting of the case's on
        (_on_the_journals) whose invitation is not made: far enough ahead that it cannot be
        (_not_invited_yet), or still ahead with none issued for its day and time, as the
        state knows (invited_known). It is planned anew off the journal's meeting; the plan's
        note that «Innkallingen kan allerede være sendt» (_clash_note) is for one that may
        have been (a reader's finding: a joint meeting kept on a journal visit's day 26 days
        ahead, said to have its invitations out, with none made until 5 days later; a
        child's conversation kept so, whose letter was first made in that same run). A
        comparison with the day, as _not_invited_yet."""
        day, begins = kept
        if self._not_invited_yet(day):
            return True
        return self.invited_known and self.today is not None and day > self.today \
            and _at(day, begins) not in self.invited

    def _double_booked(self, conv: Conversation) -> bool:
        """A planned date that overlaps the contact person's meeting in another case: one
        kept because its invitation may have gone out (_clashes), or a date the other case's
        journal put on it. The plans of both cases say so, for the contact person to agree a
        new time in one of them; nothing is asked of the day."""
        if not self._ahead(conv):
            return False  # (a date passed: nothing left to agree)
        return any(not (conv.slutt <= b or conv.start >= e)
                   for b, e in self.others.get(conv.dato, []))

    def _ahead(self, conv: Conversation) -> bool:
        """A conversation this plan set (not the journal's) still to come: one kept beside
        another case's meeting is said (_double_booked, _too_close)."""
        return conv.status == "planlagt" and not conv.fra_journal and not conv.undated and (
            self.today is None or conv.dato >= self.today)

    def _too_close(self, day: date, begins: time, ends: time,
                   in_the_home: bool) -> tuple[time, time] | None:
        """The contact person's meeting in another case on day, in another place than one
        from begins to ends (_elsewhere: the office, the case's foster home when in_the_home,
        another case's), that leaves less than travel_minutes between the two and does not
        overlap it (said as such): its (start, end), the first of the day; else None. Kept
        dates only meet it (new ones keep the travel time: free_time): one not invited yet
        is planned anew (_clashes), and one kept is said in the plans of both cases, for the
        contact person to move one of them."""
        travel = self.s.travel_minutes
        for meeting in sorted(self.others.get(day, [])):
            b, e = meeting[0], meeting[1]
            if not (ends <= b or begins >= e) or not _elsewhere(meeting, in_the_home):
                continue
            if not (_moved_by(ends, travel) <= b or begins >= _moved_by(e, travel)):
                return b, e
        return None

    def free_time(self, day: date, preferred: time, busy: Busy,
                  in_the_home: bool = False, not_before: time | None = None) -> time | None:
        """A start time on day that keeps the contact person within max_per_day, overlapping
        nothing and inside working hours: the preferred one if free, else the nearest (none
        before not_before: the child's, after school, is not moved into school hours). One
        that keeps travel_minutes, the way there or back, from each meeting in another place
        (_elsewhere) than the one planned: the office, or the case's foster home
        (in_the_home)."""
        booked = busy.get(day, [])
        if not self.calendar.is_working_day(day) or len(booked) >= self.s.max_per_day:
            return None
        travel = self.s.travel_minutes
        booked = [(_moved_by(m[0], -travel), _moved_by(m[1], travel))
                  if _elsewhere(m, in_the_home) else m for m in booked]
        for begins, ends in self._nearest(preferred):
            if (not_before is None or begins >= not_before) \
                    and all(ends <= b or begins >= e for b, e in booked):
                return begins
        return None

    def _nearest(self, preferred: time) -> list[tuple[time, time]]:
        """(start, end) of the meetings inside working hours, the preferred start first,
        then the nearest: worked out once per preferred time (the search asks for many days)."""
        found = self._near.get(preferred)
        if found is None:
            candidates = [preferred] + sorted(
                (t for t in self._times() if t != preferred),
                key=lambda t: abs(_minutes(t) - _minutes(preferred)))
            found = self._near[preferred] = [
                (begins, ends) for begins in candidates
                if begins >= self.day_start
                and (ends := _after(begins, self.duration)) <= self.day_end]
        return found

    def _times(self) -> list[time]:
        out, t = [], datetime.combine(date.min, self.day_start)
        while (t + self.duration).time() <= self.day_end and t.date() == date.min:
            out.append(t.time())
            t += timedelta(minutes=30)
        return out

    def search(self, target: date, low: date, high: date, preferred: time,
               busy: Busy, last: date | None = None,
               in_the_home: bool = False, not_before: time | None = None
               ) -> tuple[date, time] | None:
        """The first free slot: target, then later days up to high, then earlier days down
        to low (keeping the cadence), then later days up to last (the programme's last day
        unless a date from the journal comes first). not_before: free_time."""
        last = self.end if last is None else last
        for day in _search_order(target, low, high, last):
            if day < low or day > last:
                continue
            begins = self.free_time(day, preferred, busy, in_the_home, not_before)
            if begins is not None:
                return day, begins
        return None

    # --- conversations --------------------------------------------------------------------

    def track(self, part: Part, forelder: int | None, track: int, known, plan: CasePlan):
        """One party's (or one parent's) conversations. When the themes do not fit before the
        programme's last day, the intervals shrink step by step down to min_interval_days."""
        caps: list[int | None] = [None, *range(self.s.theme_interval_days - 1,
                                               self.s.min_interval_days - 1, -1)]
        # Parents living apart are not met the same day: the other parents' days, planned
        # now or kept from before (a first parent moved meets the second's kept dates).
        apart = frozenset() if forelder is None else frozenset(
            {c.dato for c in plan.conversations
             if c.part == part.id and c.forelder not in (None, forelder)}
            | {kept[0] for key, kept in self.fixed.items()
               if key[0] == part.id and key[3] not in (None, forelder)})
        for cap in caps:
            busy = {day: list(times) for day, times in self.busy.items()}
            delays = dict(plan.delays)
            out, left_out, moved = self._track(part, forelder, track, known, busy, cap, delays,
                                               apart)
            if cap is None:
                squeezed_by = {bound for _, bound, _ in left_out}
            if not left_out or cap == caps[-1]:
                break
        self.busy.clear()
        self.busy.update(busy)
        self.planned.add((part.id, forelder))
        plan.delays = delays
        who = party_label(self.case, part, forelder)
        for conv in out:
            if self._double_booked(conv):
                plan.notes.append(
                    f"{who}, {_title(conv)}: {norsk_dato(conv.dato)} kl. {conv.start:%H.%M} har "
                    "kontaktpersonen også en avtale i en annen sak. Innkallingen kan allerede "
                    "være sendt, så datoen er ikke flyttet: avtal en ny tid i den ene saken, og "
                    "registrer den nye tiden i fagsystemet.")
            elif self._ahead(conv) and (other := self._too_close(
                    conv.dato, conv.start, conv.slutt, conv.sted == FOSTER_HOME)) is not None:
                plan.notes.append(
                    f"{who}, {_title(conv)}: {norsk_dato(conv.dato)} kl. {conv.start:%H.%M} "
                    f"{_no_time_to_travel(other)} Innkallingen kan allerede være sendt, så "
                    "datoen er ikke flyttet: avtal en ny tid i den ene saken, og registrer den "
                    "nye tiden i fagsystemet.")
        for conv in out:
            clash = self._on_the_journals((conv.dato, conv.start), conv.part, conv.forelder) \
                if self._ahead(conv) else None
            if clash is not None:
                clash = clash._replace(conversation=conv)
                plan.journal_clashes.append(clash)
                plan.notes.append(self._clash_note(who, clash))
        # After the programme's last day nothing is placed closer (nor anywhere): no note.
        if cap is not None and any(not c.fra_journal for c in out) and not self.ended():
            self.squeezed = True
            # Some themes still without room at the closest spacing: not all of them fit,
            # only as many as could (the notes below name the rest).
            plan.notes.append(
                f"{who}: samtalene er lagt tettere enn vanlig (ned til {cap} dager mellom) "
                + ("for å få plass til flest mulig av temaene" if left_out
                   else "for at alle temaene skal få plass")
                + f" før {self._bound(min(squeezed_by))}.")
        for (tema, nummer), bound, missed in left_out:
            key = (part.id, tema, nummer, forelder)
            plan.left_out.append(key)
            # The move follow-up's contacts share theme 0: each is named.
            theme = f"{tema} (kontakt {nummer})" if tema == 0 else str(tema)
            had = missed or self.moved_before.get(key)
            if self.ended():
                # After the programme's last day there is no date to find or agree: what
                # was, in its row of the plan's table, and no note asking for a date
                # (a cancelled theme was not planned again: cancelled on its day).
                why = self._left_out_after_end(key, who, theme, had)
                if why.had is not None:
                    plan.moved[key] = why.had  # as before the end (kept with the plan)
                plan.left_out_why[key] = why
                continue
            if isinstance(had, date) and not isinstance(had, datetime) \
                    and not self._cancelled(key, had):
                # Its date passed unregistered (moved, maybe more than once), and no date is
                # left: that, not the spacing, is why. Kept with the plan (CasePlan.moved),
                # so each planning of the case says the same (helper 118).
                plan.moved[key] = had
                passed = f"{who}, tema {theme}: samtalen {norsk_dato(had)} er ikke registrert " \
                    "som holdt"
                why = LeftOut(f"{passed}, og det er ikke plass til en ny dato før "
                              f"{self._bound(bound)}. Avtal en dato med kontaktpersonens leder.",
                              had, f"{passed}.")
            else:
                why = LeftOut(
                    f"{who}, tema {theme}: det er ikke plass til samtalen før "
                    f"{self._bound(bound)}, selv med {self.s.min_interval_days} dager mellom "
                    "samtalene. Avtal en dato med kontaktpersonens leder.", None)
            plan.notes.append(why.note)
            plan.left_out_why[key] = why
        earlier = [(c, plan.moved[c.key]) for c in out if c.key in plan.moved
                   and c.status == "planlagt" and c.key not in {m.key for m, _ in moved}]
        for conv, missed in [*earlier, *moved]:
            plan.moved[conv.key] = missed
            if self.today is not None and conv.dato < self.today:
                continue
            letters = self.letters_by(conv, out)
            made = self.made_by_now(letters) or (
                letters is not None and self.letter_made(missed, conv.dato, conv.start))
            note = _moved_note(who, conv, missed, self._cancelled(conv.key, missed), letters,
                               made)
            plan.notes.append(note)
            if conv.fra_journal:
                self.moved_notes[conv.key] = note
        for conv in out:
            had = followed_from(plan.delays.get(conv.key, ""))
            if had is None or conv.fra_journal or conv.status != "planlagt" \
                    or conv.key in plan.moved or had == conv.dato \
                    or self.today is not None and conv.dato < self.today:
                continue
            letters = self.letters_by(conv, out)
            plan.notes.append(_followed_note(
                who, conv, had, letters or conv.dato,
                self.made_by_now(letters) or self.letter_made(had, conv.dato, conv.start)))
        for conv in out:
            off = off_journal_from(plan.delays.get(conv.key, ""))
            if off is None or conv.fra_journal or conv.status != "planlagt" \
                    or conv.key in plan.moved or off[0] == conv.dato \
                    or self.today is not None and conv.dato < self.today:
                continue
            # No letter was made for the day it had (that is why it moved): made now only
            # for its new day and time.
            letters = self.letters_by(conv, out)
            plan.notes.append(_off_journal_note(
                who, conv, *off, letters or conv.dato,
                self.made_by_now(letters) or self.letter_made(None, conv.dato, conv.start)))
        # From one held with the parents, not registered with whom, it is as long for each.
        unknown = [c for c in plan.for_part(part.id) if c.hvem_ukjent and forelder is not None]
        plan.gaps.extend(self._gaps(part.id, forelder,
                                    sorted([*unknown, *out], key=lambda c: c.dato), plan))
        return out

    def _clash_note(self, who: str, clash: JournalClash) -> str:
        """The plan's note on a kept date the journal put another meeting on (JournalClash):
        it is not moved (its invitation may have gone out); the contact person agrees a new
        time for one of the two."""
        conv, other = clash.conversation, clash.other
        said = f"{who}, {_title(conv)}: samtalen {norsk_dato(conv.dato)} " \
            f"kl. {conv.start:%H.%M} er "
        if other is None:
            return said + (
                "samme dag som et oppfølgingsbesøk i fosterhjemmet som fagsystemet har uten "
                "klokkeslett. Innkallingen kan allerede være sendt, så datoen er ikke flyttet: "
                "se til at kontaktpersonen rekker begge, eller avtal en ny tid for besøket "
                "eller samtalen, og registrer den nye tiden i fagsystemet.")
        return said + (
            f"samtidig med {self._journal_conversation(other)}. Innkallingen kan allerede "
            "være sendt, så datoen er ikke "
            "flyttet: avtal en ny tid for den ene samtalen, og registrer den nye tiden i "
            "fagsystemet.")

    def _meeting_clash_note(self, day: date, begins: time, other: Samtale | None) -> str:
        """The plan's note on a joint meeting kept (its invitations may have gone out) on a
        day the journal has a follow-up visit planned without a time, or at the time of a
        conversation the journal has (_on_the_journals): said as for a conversation
        (_clash_note), for the contact person to see to it."""
        said = f"Felles møte: {norsk_dato(day)} kl. {begins:%H.%M} er "
        if other is None:
            return said + (
                "samme dag som et oppfølgingsbesøk i fosterhjemmet som fagsystemet har uten "
                "klokkeslett. Invitasjonene kan allerede ha gått ut, så datoen er ikke flyttet: "
                "se til at kontaktpersonen rekker begge, eller avtal en ny tid for besøket "
                "eller møtet, og registrer den nye tiden i fagsystemet.")
        return said + (
            f"samtidig med {self._journal_conversation(other)}. Invitasjonene kan allerede ha "
            "gått ut, så datoen er ikke flyttet: avtal en ny tid for møtet eller samtalen, og "
            "registrer den nye tiden i fagsystemet.")

    def _meeting_off_journal_note(self, was: date, day: date, begins: time,
                                  made: date, code: str = "") -> str:
        """The plan's note on a joint meeting planned anew off the day the journal put a
        follow-up visit on (or a conversation at its time) before any invitation to it was
        made (joint_meeting): why it moved, where the plan explains other moves (a reader's
        finding: the plan said nothing, and only the information letter said the dates had
        changed). Told alike in every run until its day (CasePlan.moved keeps the day it
        had), so the journal's visit is asked of that day, not of the clash found once.
        code: the meeting's delay code, which says whether it moved off a visit or a
        conversation (DELAY_OFF_VISIT) when the move was made by this release: the journal
        may have moved that visit since (a note said «samtidig med en samtale» of a day the
        journal then had neither); else the journal is asked of that day."""
        off = off_journal_from(code)
        visit = off[1] if off is not None and off[0] == was else any(
            b.dato == was and b.status == "planlagt" for b in self.case.oppfolgingsbesok)
        what = ("samme dag som et oppfølgingsbesøk i fosterhjemmet som fagsystemet hadde"
                if visit else "samtidig med en samtale som fagsystemet hadde den dagen")
        letters = ("invitasjonene er laget og ligger i mappen Innkallinger."
                   if self.made_by_now(made) or self.letter_made(None, day, begins)
                   else f"invitasjonene lages senest {norsk_dato(made)} og legges i mappen "
                   "Innkallinger.")
        return (f"Det felles møtet var planlagt {norsk_dato(was)}, {what}. Invitasjonene var "
                f"ikke laget ennå, så møtet er flyttet til {norsk_dato(day)}; {letters}")

    def _journal_conversation(self, other: Samtale) -> str:
        """A conversation the journal has, as a clash note names it: «samtalen med
        fosterfamilien (tema 1) som fagsystemet har kl. 14.00»."""
        at = time.fromisoformat(other.klokkeslett) if other.klokkeslett \
            else self.s.start_time(other.part)
        name = self.part_names.get(other.part, other.part)
        parent = other.forelder if other.forelder is not None \
            and other.forelder < len(self.case.foreldre) else None
        label = f"{name} ({self.case.parent_roles()[parent] or f'forelder {parent + 1}'})" \
            if parent is not None else name
        theme = f"flyttesamtale (kontakt {other.nummer})" if other.tema == 0 \
            else f"tema {other.tema}"
        return (f"samtalen med {label[:1].lower() + label[1:]} ({theme}) som fagsystemet har "
                f"kl. {at:%H.%M}")

    def with_whom_unknown(self, part: Part, known) -> list[Conversation]:
        """The parents' conversations held, for parents with tracks of their own, that the
        journal does not say which parent took part in (Case.parents_at): each once, without
        a parent (Conversation.hvem_ukjent), and in the contact person's day."""
        out = []
        for tema, nummer, _ in slots(part, self.s):
            entry = known.get((part.id, tema, nummer, None))
            if entry is None or self.case.parents_at(entry) is not None:
                continue
            begins = time.fromisoformat(entry.klokkeslett) if entry.klokkeslett \
                else self.s.start_time(part.id)
            self.busy.setdefault(entry.dato, []).append((begins, _after(begins, self.duration)))
            out.append(Conversation(part.id, tema, nummer, entry.dato, begins,
                                    _after(begins, self.duration), entry.status, True, None,
                                    self._place_of(part.id, None),
                                    journal_time=entry.klokkeslett is not None,
                                    hvem_ukjent=True))
        return out

    def _from_minutes(self, conv: Conversation) -> bool:
        """Whether conv's date is one its returned minutes give: said so, not «registrert i
        fagsystemet»."""
        return any(s.dato == conv.dato for s in self.case.minutes_of(conv))

    def letters_by(self, conv: Conversation, track: list[Conversation]) -> date | None:
        """The day the letter for conv (planned, from today) is made at the latest, as
        documents/innkalling.py makes it: its letter day (documents.opens), and for a later
        contact of the move follow-up not before the contact before it in its track, where
        the next one is agreed (documents.conversation_due). It is made that day, or at
        once when the letter for the date it had was (it replaces that one). None after the
        programme's last day: no letter is made then (rendering/prepare.py)."""
        if self.today is not None and self.today > self.end:
            return None
        day = self.letters_on(conv.dato)
        if conv.tema == 0 and conv.nummer > 1:
            before = next((c for c in track if c.tema == 0 and c.nummer == conv.nummer - 1),
                          None)
            if before is not None and before.status == "planlagt":
                day = max(day, before.dato)
        return day

    def letters_on(self, day: date) -> date:
        """The day letters for a meeting on day are made, unless made at once because they
        replace letters made before (documents.opens); never before the day the case came
        (first_seen, else today): with [documents] invitation_days_before longer than the
        days to the meeting (366), the letter is made the day the case comes, and a plan's
        note said a day a year early, before the case began."""
        made = letter_day(day, self.invited_within or 0)
        came = self.first_seen if self.first_seen is not None else self.today
        if came is None or made >= came:
            return made
        # A comparison with the day, then its value only when it is the case's first day
        # (kept as first_seen from the next run on, so the note says the same then).
        return came if self.first_seen is not None else plain(came)

    def made_by_now(self, letters: date | None) -> bool:
        """Whether the letter made at the latest on letters (letters_by, letters_on) is made
        before today: its day has passed, so documents/innkalling.py made it then, or at
        once in the run that read the move, and it is on Til utsending. A note on a moved
        meeting then says it is in the case folder, never a day still ahead to make it (a
        reader's finding: «lages senest 1. desember» for a letter made on 27 November, to
        be sent by then). On the letter's day itself the note still names that day, which
        holds (helper 129: a note that changed on the letter's day made the plan anew that
        day). Not a question the plan's documents watch (rendering/watched_day.py): the plan
        is not made anew the day after only for this; made for anything else, or by
        Saksoversikt any day, it says what is true that day."""
        return letters is not None and self.today is not None \
            and letters < unwatched(self.today)

    def letter_made(self, had: date | None, day: date, at: time) -> bool:
        """Whether the state knows the letter for a meeting moved from had to day at at is
        made (invited: the meetings the case's invitations were issued for): one was issued
        for its day and time now (a run after the move), or one for a time on the day it
        had that no meeting of the case is at any more (_known_meetings): the letter for
        the date it had, which the new one replaces, so it is made at once in the run that
        reads the move (documents/innkalling.py). The plan's note then says it is made, not
        «lages senest» a day still ahead (the planner did not know which letters were
        issued). The day it had is kept without its time (CasePlan.moved), and another
        meeting that day may have had its letter made after the move: that one is still at
        its time."""
        if _at(day, at) in self.invited:
            return True
        if had is None:
            return False
        on = f"{had.isoformat()[:10]}T"
        return any(meeting.startswith(on) and meeting not in self._known_meetings()
                   for meeting in self.invited)

    def _known_meetings(self) -> set[str]:
        """The day and time of each meeting of the case's the plan keeps (fixed) or the
        journal has (at its party's usual time when it gives none), as invited has them."""
        known = {_at(day, begins) for day, begins in self.fixed.values()}
        known |= {_at(s.dato, time.fromisoformat(s.klokkeslett) if s.klokkeslett
                      else self.s.start_time(s.part)) for s in self.case.samtaler}
        return known

    def _cancelled(self, key: ConversationKey, day: date) -> bool:
        """Whether the journal says the conversation was cancelled on day: moved from there
        because it is to be held all the same (_track)."""
        part, tema, nummer, forelder = key
        return any(s.status == "avlyst" and s.dato == day and (s.part, s.tema, s.nummer)
                   == (part, tema, nummer) and s.forelder in (forelder, None)
                   for s in self.case.samtaler)

    def _bound(self, bound: date) -> str:
        """What a conversation had to come before: the programme's last day, or the party's
        next conversation on a date the journal fixed (the day after bound)."""
        if bound >= self.end:
            return f"programmets siste dag, {norsk_dato(self.end)}"
        return ("neste samtale, som er registrert i fagsystemet "
                f"{norsk_dato(bound + timedelta(days=1))}")

    def _track(self, part, forelder, track, known, busy: Busy, cap: int | None,
               delays: dict[ConversationKey, str], apart: frozenset[date]):
        """apart: for a parent's own track, the days of the other parents' conversations."""
        s = self.s
        # A second parent with a track of their own comes a working day after the first.
        offset = s.party_offset_days.get(part.id, 0) + track
        place = self._place_of(part.id, forelder)
        interpreter = self.needs_interpreter(part.id, forelder)

        def journal_of(tema: int, nummer: int) -> Samtale | None:
            # A journal entry that names no parent counts for the parents who took part
            # (Case.parents_at): not for one who joined later, nor for either while the
            # journal does not say which of them it was held with.
            own = known.get((part.id, tema, nummer, forelder))
            if own is not None or forelder is None:
                return own
            shared = known.get((part.id, tema, nummer, None))
            return shared if shared is not None and self.case.counts_for(forelder, shared) \
                else None

        def with_whom_unknown(tema: int, nummer: int) -> Samtale | None:
            # Held with one parent or both, the journal does not say who: planned for
            # neither, since it may be this parent's (with_whom_unknown above).
            shared = known.get((part.id, tema, nummer, None)) if forelder is not None else None
            return shared if shared is not None and self.case.parents_at(shared) is None \
                else None

        def entry_of(tema: int, nummer: int) -> Samtale | None:
            return journal_of(tema, nummer) or with_whom_unknown(tema, nummer)

        order = slots(part, s)
        # A conversation the journal has makes the ones before it history: they keep their
        # computed date instead of being planned after it.
        # (A date the journal only has planned ahead makes nothing history.)
        def recorded(j: Samtale | None) -> bool:
            return j is not None and (j.status != "planlagt" or self.today is None
                                      or j.dato < self.today)

        last_known = max((i for i, (t, n, _) in enumerate(order) if recorded(entry_of(t, n))),
                         default=-1)
        # Cancelled ones after the last held (or otherwise recorded) are all still to come.
        last_not_cancelled = max(
            (i for i, (t, n, _) in enumerate(order)
             if recorded(j := entry_of(t, n)) and j is not None and j.status != "avlyst"),
            default=-1)
        journal_dates = [(i, j.dato) for i, (t, n, _) in enumerate(order)
                         if (j := entry_of(t, n)) is not None and j.status != "avlyst"]
        kept_before = any(k[0] == part.id and k[3] == forelder for k in self.fixed)
        out: list[Conversation] = []
        # Themes with no room: (theme, contact), the day to come by, and the date it had
        # when that passed.
        left_out: list[tuple[tuple[int, int], date, date | None]] = []
        moved: list[tuple[Conversation, date]] = []
        previous: date | None = None
        replanning = False  # a missed conversation moved: later ones follow if too close
        shifted: set[ConversationKey] = set()  # moved or following one moved, this time
        for index, (tema, nummer, days) in enumerate(order):
            key = (part.id, tema, nummer, forelder)
            journal = journal_of(tema, nummer)
            cancelled: date | None = None
            if journal is not None and journal.status == "avlyst" \
                    and index > last_not_cancelled:
                # Cancelled, and nothing later is held or recorded but cancelled ones: the
                # theme is still to be held, so it is planned again after the day cancelled
                # (a later one recorded leaves it cancelled).
                cancelled, journal = journal.dato, None
            unknown = with_whom_unknown(tema, nummer) if journal is None else None
            if unknown is not None:
                previous = unknown.dato  # the next one keeps its distance from it
                continue
            gap = _min_gap(tema, s) if cap is None else min(_min_gap(tema, s), cap)
            nominal = self.calendar.add_working_days(self.start + timedelta(days=days), offset)
            preferred = s.start_time(part.id)
            # The child is met after school ([schedule] start_times): when that time is taken
            # (another case's child, travel from another foster home), another day, never
            # the morning (helper 408: a child of 12 invited at 09.30, all eight times).
            after_school = preferred if part.id == "barnet" else None
            missed: date | None = None
            followed: date | None = None  # a kept date dropped to follow a moved one
            undated = False
            status: str
            if journal is not None:
                day, status = journal.dato, journal.status
                begins = time.fromisoformat(journal.klokkeslett) if journal.klokkeslett \
                    else preferred
                kept = self.fixed.get(key)
                if status == "planlagt" and kept is not None and kept[0] != day:
                    missed = kept[0]  # moved in the journal: the plan says from which date
                elif status == "planlagt" and kept is not None and journal.klokkeslett \
                        and kept[1] != begins:  # to another time that day: from which time
                    missed = datetime.combine(day, kept[1])
            elif index < last_known and cancelled is None:
                # The journal shows the programme has moved past it: not overdue, not invited.
                # A date planned before is kept (its letters may have gone out); computed now,
                # it was never planned, and only orders the conversation (undated).
                kept = self.fixed.get(key)
                if kept is not None and self.first_seen is not None \
                        and kept[0] < self.first_seen:
                    kept = None  # an earlier release kept the cadence's date
                day, begins = kept or (nominal, preferred)
                undated = kept is None
                status = "ikke_registrert"
            else:
                status = "planlagt"
                kept = self.fixed.get(key)
                if cancelled is not None and not (
                        kept is not None and key in self.moved_before and kept[0] > cancelled):
                    # Planned again after the day cancelled; once planned so (moved, to a
                    # day after it), its new date is kept from run to run, and moves on as
                    # any planned one when it passes unregistered.
                    missed, kept = cancelled, None
                # Asked as a comparison with the day (not arithmetic on it): a plan that
                # only compares keeps from day to day (case_step.plan, readings.py).
                if kept is not None and self.today is not None and self.move_missed \
                        and kept[0] + timedelta(days=s.missed_after_days) < self.today \
                        and self._journal_would_know(kept[0]):
                    missed, kept = kept[0], None
                if kept is not None and replanning and previous is not None \
                        and kept[0] < previous + timedelta(days=gap):
                    if out and (out[-1].key in self.moved_before or out[-1].key in shifted):
                        followed = kept[0]  # the one before moved: this one follows it
                    kept = None
                # The journal's meeting on a kept date nobody was invited to yet: the day it
                # had and whether it is a visit, for the plan's note (DELAY_OFF_VISIT).
                off_journal: tuple[date, bool] | None = None
                if kept is not None and (
                        clash := self._on_the_journals(kept, part.id, forelder)) is not None \
                        and self._not_invited(kept):
                    off_journal = (kept[0], clash.other is None)
                if kept is not None and (self._clashes(kept, place == FOSTER_HOME)
                                         or off_journal is not None):
                    kept = None  # the contact person is busy then; nobody invited yet
                if kept is not None and after_school is not None \
                        and kept[1] < after_school and self._not_invited_yet(kept[0]):
                    # The child's in school hours (the release before made room so), with no
                    # invitation yet: after school. One nearer keeps its time (invited).
                    kept = None
                if kept is not None:
                    day, begins = kept
                else:
                    # A missed one moved, or one new in a plan made before (registered now
                    # as not this parent's): later ones follow when they would come too close.
                    replanning = replanning or missed is not None or kept_before
                    # Before the party's next date from the journal, which never moves.
                    last = min([d - timedelta(days=1) for i, d in journal_dates if i > index],
                               default=self.end)
                    found = self._new_date(tema, nominal, previous, gap, cap, preferred,
                                           self._own_kept(busy, part.id, forelder),
                                           min(last, self.end), after=cancelled,
                                           interpreter=interpreter,
                                           apart=apart, in_the_home=place == FOSTER_HOME,
                                           not_before=after_school)
                    before = delays.pop(key, None)
                    if found is None:
                        left_out.append(((tema, nummer), min(last, self.end), missed))
                        continue
                    day, begins, delay = found
                    if delay is not None and previous is None and before is not None \
                            and late_since(before) is not None:
                        delay = before  # moved again: the case came when it first came
                    if delay is not None:
                        delays[key] = delay
                    elif followed is not None and followed != day:
                        delays[key] = f"{DELAY_FOLLOWED}:{followed.isoformat()}"
                        shifted.add(key)
                    elif off_journal is not None and off_journal[0] != day:
                        kind = DELAY_OFF_VISIT if off_journal[1] else DELAY_OFF_CONVERSATION
                        delays[key] = f"{kind}:{off_journal[0].isoformat()}"
                        shifted.add(key)  # one after it that must follow it says why
            # On video or the telephone, as the journal says: no travel to or from it.
            digital = journal is not None and journal.digital
            if journal is not None or status == "planlagt":
                # One in the foster home: the case's others there need no travel from it.
                ends = _after(begins, self.duration)
                busy.setdefault(day, []).append(
                    Anywhere(begins, ends) if digital else
                    InTheHome(begins, ends) if place == FOSTER_HOME else (begins, ends))
            conv = Conversation(part.id, tema, nummer, day, begins, _after(begins, self.duration),
                                status, journal is not None, forelder, place,
                                journal is not None and journal.klokkeslett is not None,
                                digital=digital, undated=undated)
            out.append(conv)
            if missed is not None:
                moved.append((conv, missed))
                shifted.add(key)
            if status != "avlyst":
                previous = day
        return out, left_out, moved

    def _on_the_journals(self, kept: tuple[date, time], part_id: str,
                         forelder: int | None) -> JournalClash | None:
        """Another meeting of the case's the journal has on a date this plan set (kept): a
        follow-up visit planned that day without a time (the contact person is busy all
        day), else another party's (or parent's) conversation, planned or held, at a time
        that overlaps it (at its party's usual time when the journal gives none). A
        comparison of dates only: the day is not asked (readings.py)."""
        day, begins = kept
        ends = _after(begins, self.duration)
        if day in self.journal_visits:
            return JournalClash(Conversation(part_id, 0, 1, day, begins, ends, "planlagt",
                                             False, forelder), None)
        for entry in self.case.samtaler:
            if entry.dato != day or entry.status == "avlyst" or entry.part == part_id and (
                    forelder is None or entry.forelder in (None, forelder)):
                continue
            at = time.fromisoformat(entry.klokkeslett) if entry.klokkeslett \
                else self.s.start_time(entry.part)
            if at < ends and begins < _after(at, self.duration):
                return JournalClash(Conversation(part_id, 0, 1, day, begins, ends, "planlagt",
                                                 False, forelder), entry)
        return None

    def _own_kept(self, busy: Busy, part_id: str, forelder: int | None) -> Busy:
        """busy with the case's own dates kept from an earlier plan for the tracks not
        planned yet (and its joint meeting), each in its place: a date found anew for this
        track keeps max_per_day, the travel time and no overlap with them too (the child's
        moved after school to another day was put on the day of the father's and the foster
        family's kept conversations, three meetings in one day). And the journal's dated
        conversations of every party (_journal_busy): the mother's cancelled one was planned
        again on top of the foster family's the journal had that day, since the foster
        family's track is planned after hers. A copy for the search: the later tracks add
        their own dates to busy when they keep them."""
        extra: Busy = self._journal_busy(busy)
        journal = {s.identity for s in self.case.samtaler}
        for key, (day, begins) in self.fixed.items():
            track = (key[0], key[3])
            if key[0] != MEETING and (track not in self.to_plan or key in journal) \
                    or track == (part_id, forelder) or track in self.planned \
                    or self.today is not None and day < self.today:
                continue  # (the journal's date wins over the kept one: not known here)
            ends = _after(begins, self.duration)
            at_home = key[0] != MEETING and self._place_of(key[0], key[3]) == FOSTER_HOME
            extra.setdefault(day, []).append(InTheHome(begins, ends) if at_home
                                             else (begins, ends))
        if not extra:
            return busy
        merged = {day: list(times) for day, times in busy.items()}
        for day, times in extra.items():
            merged.setdefault(day, []).extend(times)
        return merged

    def _journal_busy(self, busy: Busy) -> Busy:
        """The case's conversations the journal has on a day (planned, or held on a day not
        passed; not cancelled), of every party and parent, also one not planned here (a
        parent who declined), each at its time (else its party's usual time) and in its
        place, that busy does not hold yet (a track planned already put its own there): the
        contact person is busy with them whichever track comes first (docs/planning.md)."""
        extra: Busy = {}
        for entry in self.case.samtaler:
            if entry.status == "avlyst" or self.today is not None and entry.dato < self.today:
                continue
            begins = time.fromisoformat(entry.klokkeslett) if entry.klokkeslett \
                else self.s.start_time(entry.part)
            ends = _after(begins, self.duration)
            if any((m[0], m[1]) == (begins, ends)
                   for m in [*busy.get(entry.dato, []), *extra.get(entry.dato, [])]):
                continue  # in busy already (its track is planned), or said twice
            parent = entry.forelder if entry.forelder is not None \
                and entry.forelder < len(self.case.foreldre) else None
            at_home = self._place_of(entry.part, parent) == FOSTER_HOME
            extra.setdefault(entry.dato, []).append(
                Anywhere(begins, ends) if entry.digital else
                InTheHome(begins, ends) if at_home else (begins, ends))
        return extra

    def _new_date(self, tema: int, nominal: date, previous: date | None, gap: int,
                  cap: int | None, preferred: time, busy: Busy,
                  last: date, after: date | None = None, interpreter: bool = False,
                  apart: frozenset[date] = frozenset(), in_the_home: bool = False,
                  not_before: time | None = None) -> tuple[date, time, str | None] | None:
        """The first free slot, and why it is later than the cadence allows (a DELAY_*
        code) or None. apart: for a parent's own track, the other parents' days, which
        this one is not on when a day close by will do (APART_DAYS). in_the_home: held in the
        case's foster home, not_before: the earliest start (free_time)."""
        earliest = max(self.earliest(not arranged_directly(tema), interpreter), self.start)
        if after is not None:  # a cancelled one: not on its day again, nor before it
            earliest = max(earliest, after + timedelta(days=1))
        low = earliest
        back = earliest  # how far back a date may go when the target day is closed or full
        if previous is not None:
            low = max(low, previous + timedelta(days=gap))
            back = max(earliest, previous + timedelta(days=min(gap, self.s.min_interval_days)))
        target = max(nominal, low) if cap is None else low
        high = self.end
        if previous is not None:
            high = previous + timedelta(days=self.s.theme_interval_days)
            target = max(min(target, high), back)
        found = self.search(target, back, high, preferred, busy, last, in_the_home,
                            not_before)
        if found is None:
            return None
        if found[0] in apart:
            # Both parents waiting for the same notice (an interpreter each), for the office
            # to open after a closed period, or one a conversation behind the other: parents
            # living apart are not met the same day, one leaving as the other comes, when a
            # day close by will do, within the cadence (or when already past it, late).
            full = [(self.day_start, self.day_start)] * self.s.max_per_day
            other = self.search(target, back, high, preferred,
                                {**busy, **{day: full for day in apart}}, last, in_the_home,
                                not_before)
            near = min(self.calendar.add_working_days(found[0], APART_DAYS),
                       found[0] + timedelta(days=7))
            if other is not None and other[0] <= near and (other[0] <= high or found[0] > high):
                found = other
        day, begins = found
        delay = None
        if previous is not None and day > high:
            delay = self._delay(earliest, back, high)
        elif previous is None and after is None and self.today is not None \
                and earliest > nominal + timedelta(days=gap) and self._new_today():
            # The party's first conversation, planned when the next one was already due:
            # the case came late (the plan notes it when nothing earlier is recorded).
            delay = f"{DELAY_LATE}:{self.today.isoformat()}"
        if delay is not None and late_since(delay) is not None and interpreter \
                and arranged_directly(tema) \
                and self.earliest(False, interpreter=True) > self.earliest(False):
            # Later still for the interpreter to be booked: the reason says so.
            delay = f"{DELAY_LATE_INTERPRETER}:{late_since(delay)}"
        return day, begins, delay

    def _left_out_after_end(self, key: ConversationKey, who: str, theme: str,
                            had: date | datetime | None) -> LeftOut:
        """A theme without a date once the programme's last day has passed (track)."""
        if isinstance(had, date) and not isinstance(had, datetime):
            if self._cancelled(key, had):
                said = f"{who}, tema {theme}: samtalen {norsk_dato(had)} er registrert som avlyst."
                return LeftOut(said, None, said, avlyst=had)
            passed = f"{who}, tema {theme}: samtalen {norsk_dato(had)} er ikke registrert som " \
                "holdt."
            return LeftOut(passed, had, passed)
        return LeftOut(f"{who}, tema {theme}: samtalen fikk ingen dato og ble ikke registrert "
                       f"som holdt før {self._bound(self.end)}.", None)

    def ended(self) -> bool:
        """The programme's last day has passed: the plan says what was, nothing to arrange."""
        return self.today is not None and self.today > self.end

    def _new_today(self) -> bool:
        """The case is first planned today (or when, is not known): a conversation placed
        late today was placed late because the case came today. A case planned before has
        its missed conversations moved, which its plan says of its own."""
        return self.first_seen is None or self.today is None or self.first_seen >= self.today

    def _delay(self, earliest: date, back: date, high: date) -> str:
        """Why no day from back to high (the cadence's last day) would do."""
        if earliest > high and self.today is not None and self._new_today():
            return f"{DELAY_LATE}:{self.today.isoformat()}"
        if any(self.calendar.is_working_day(d) for d in _days(back - timedelta(days=1),
                                                              high + timedelta(days=1))):
            return DELAY_BUSY
        return DELAY_CLOSED

    def _place_of(self, part_id: str, forelder: int | None) -> str:
        return place_of(self.case, self.s, part_id, forelder)

    def _gaps(self, part_id: str, forelder: int | None, out: list[Conversation],
              plan: CasePlan) -> list[Gap]:
        held = [c for c in out if c.status in ("planlagt", "gjennomfort")]
        gaps = []
        for a, b in gap_pairs(held, self.ended()):
            if (b.dato - a.dato).days > self.s.theme_interval_days:
                gaps.append(Gap(part_id, forelder, a.dato, b.dato, *self._why(a, b, plan)))
        return gaps

    def _came_late(self, a: Conversation, b: Conversation) -> date | None:
        """The day the case was first planned (first_seen), when it came after a, too late
        for b to be invited within theme_interval_days of it, and b was held after it; else
        None. The cause a late date's delay kept (DELAY_LATE) until b was registered as
        held: the state keeps delays with planned dates only, and the journal's are not."""
        came = self.first_seen
        if came is None or not a.dato < came <= b.dato:
            return None
        notice = timedelta(days=self.s.notice_days if b.tema > 0 else 0)
        due = a.dato + timedelta(days=self.s.theme_interval_days)
        return came if came + notice > due else None

    def _why(self, a: Conversation, b: Conversation, plan: CasePlan
             ) -> tuple[str, tuple[str, ...] | None, tuple[str, int] | None]:
        """What kept b from coming sooner after a (Gap's grunn, felles and egen). The same
        words from day to day (a reason that changed with the run's day would make the
        documents showing it new every day): the cause is the one found when b's date was
        computed, kept in the state."""
        if b.fra_journal:
            if self._from_minutes(b):
                return ("Datoen er hentet fra referatet som kom tilbake; registrer samtalen i "
                        "fagsystemet hvis det ikke er gjort.", ("referat",), None)
            # What the date means for the contact person and what to do if it is wrong
            # (helper 145: «er registrert i fagsystemet» alone gave nothing to act on).
            came = late_since(plan.delays.get(b.key, "")) or self._came_late(a, b)
            if b.status == "gjennomfort" and came is not None and came <= b.dato:
                # Held on a date placed late because the case came late: that stays the
                # reason once it is registered (a reader's finding: the gap was put down to
                # the date registered, as if it could be wrong).
                late = ("mer enn en måned" if came > add_months(a.dato, 1)
                        else f"{(came - a.dato).days} dager")
                return (f"Planen for samtalen ble laget {norsk_dato(came)}, da saken kom fra "
                        f"fagsystemet, {late} etter forrige samtale. Samtalen er registrert "
                        f"som holdt {norsk_dato(b.dato)}.", None, None)
            if b.status == "gjennomfort":
                return ("Samtalen er registrert som holdt denne datoen i fagsystemet. Er "
                        "datoen feil, rett den i fagsystemet, så viser planen riktig dato "
                        "etter neste eksport.", ("journal_holdt",), None)
            return ("Datoen for denne samtalen er lagt inn i fagsystemet, og planen flytter "
                    "den ikke. Skal samtalen være tidligere, eller er datoen feil, endre den i "
                    "fagsystemet, så viser planen den nye datoen etter neste eksport.",
                    ("journal",), None)
        if b.key in plan.moved:
            if self._cancelled(b.key, plan.moved[b.key]):
                return (f"Samtalen {norsk_dato(plan.moved[b.key])} er registrert som avlyst i "
                        "fagsystemet, og er planlagt på nytt første ledige dag etter det.",
                        None, None)
            return (f"Samtalen var planlagt {norsk_dato(plan.moved[b.key])}, men er ikke "
                    "registrert som holdt, og er flyttet til første ledige dag.", None, None)
        delay = plan.delays.get(b.key, "")
        high = a.dato + timedelta(days=self.s.theme_interval_days)
        planned = late_since(delay)
        if planned is not None:
            own: tuple[str, int] | None = (
                ("varsel", self.s.notice_days) if b.tema > 0 else
                ("tolk", self.s.interpreter_notice_days)
                if delay.startswith(DELAY_LATE_INTERPRETER + ":") else None)
            # «og samtalen er lagt …», not «og den»: read as the interpreter scheduled.
            then = (f"Innkallingen sendes minst {self.s.notice_days} dager før samtalen, og "
                    "samtalen" if b.tema > 0 else
                    f"Tolken bestilles minst {self.s.interpreter_notice_days} virkedager før "
                    "samtalen, og samtalen" if own is not None else "Den")
            if planned > add_months(a.dato, 1):
                return (f"Planen for samtalen ble laget {norsk_dato(planned)}, da saken kom "
                        "fra fagsystemet, mer enn en måned etter forrige samtale. "
                        f"{then} er lagt til første ledige dag etter det.",
                        ("sen", planned.isoformat()), own)
            # Came within the month, and the notice (for the letter, or to book the
            # interpreter) took it past theme_interval_days (helper 101: «mer enn en
            # måned» after 26 days; helper 102: after 29, from 27 October to 25 November).
            return (f"Planen for samtalen ble laget {norsk_dato(planned)}, da saken kom fra "
                    f"fagsystemet, {(planned - a.dato).days} dager etter forrige samtale. "
                    f"{then} er lagt til første ledige dag etter det.", None, None)
        if delay == DELAY_BUSY:
            said = (f"Kontaktpersonen har ikke ledig tid tidligere (høyst {self.s.max_per_day} "
                    "møter om dagen).")
            return said, ("tekst", said), None
        closed = sorted({p for d in _days(a.dato, min(b.dato, high + timedelta(days=1)))
                         if (p := self.calendar.closed_period(d)) is not None})
        if closed:
            said = "Kontoret holder stengt i " + " og ".join(closed) + "."
            return said, ("tekst", said), None
        if delay == DELAY_CLOSED:
            said = "Kontoret holder stengt på helligdagene i perioden."
            return said, ("tekst", said), None
        # A date kept from a plan made before the cause was kept with it.
        return ("Samtalen kunne ikke legges tidligere da den ble planlagt (varsel for "
                "innkallingen eller ingen ledig tid hos kontaktpersonen).", None, None)

    # --- the joint meeting and the visits ----------------------------------------------------

    def joint_meeting(self, plan: CasePlan, documents: Documents) -> JointMeeting | None:
        after = documents.joint_meeting_after_theme
        parties = ("foreldre", "fosterfamilien")
        if after <= 0 or any(p in plan.parts_not_planned for p in parties):
            return None
        held = [c for c in plan.conversations
                if c.part in parties and c.tema == after and c.status != "avlyst"]
        if {c.part for c in held} != set(parties):
            return None
        dates = [c.dato for c in held]
        begins = time.fromisoformat(documents.joint_meeting_time)
        key = (MEETING, after, 1, None)
        kept = self.fixed.get(key)
        off_journal = kept is not None and self._on_the_journals(kept, MEETING, None) \
            is not None and self._not_invited(kept)
        if kept is not None and (self._clashes(kept) or off_journal):
            # A new contact person is busy then, or the journal has a visit that day (or a
            # conversation at its time); nobody invited yet: planned anew, as a
            # conversation is (_track). Off the journal's meeting, the day it had is kept
            # with the plan (CasePlan.moved), for the note below to say why it moved.
            if off_journal:
                plan.moved[key] = kept[0]
                # And whether it was a visit or a conversation, kept with the date as a
                # conversation's is (DELAY_OFF_VISIT): the journal may move the visit or
                # the conversation later, and the note must still say what it was.
                clash = self._on_the_journals(kept, MEETING, None)
                kind = DELAY_OFF_VISIT if clash is None or clash.other is None \
                    else DELAY_OFF_CONVERSATION
                plan.delays[key] = f"{kind}:{kept[0].isoformat()}"
            kept = None
        # What the meeting must follow: the theme with every party, moved or following one
        # moved (helper 139: a parent's theme that followed a missed move follow-up to after
        # the meeting left the plan saying «etter at temaet … er tatt opp med hver av dem»
        # beside a meeting before it). Not a parent's who joined later, whose theme comes
        # after the meeting by their own track; nor of a track where none moved (a parent who
        # came into the journal later, a shared track made own tracks: planned anew, their
        # theme comes after the meeting the families were invited to by their own track too).
        moved_before = {(k[0], k[3], k[1]) for k in plan.moved if k[0] in parties}
        follows = {c.key for c in held if c.key in plan.moved or (
            not self._joined_later(c)
            and any((c.part, c.forelder) == (p, f) and t <= c.tema for p, f, t in moved_before))}
        passed = kept is not None and self.today is not None and kept[0] < self.today
        moving = kept is not None and self.today is not None and any(
            c.dato >= kept[0] and (not passed or self._still_to_come(c))
            for c in held if c.key in follows)
        if moving and kept is not None:
            # The theme it builds on has moved to its day or after (a missed conversation
            # moved, and the later ones with it; the journal moved it): the meeting follows
            # it, and its new invitations say they replace the first
            # (documents/fellesmote.py). Not for a parent who joined later, whose theme
            # comes after it by their own track. The day it had is kept with the plan
            # (CasePlan.moved), for the note. A meeting whose day has passed moves too
            # when the theme is still to come with a party (helper 171: the parents' theme
            # missed and moved to April left the meeting on a day in January, «passert»,
            # off the parents' new letters, beside a plan saying it came after the theme):
            # no export says whether it was held, but it could not have come after the
            # theme, and the programme's order is what the families were told.
            plan.moved[key] = kept[0]
            dates = [c.dato for c in held if c.dato < kept[0] or c.key in follows]
        if kept is not None and not moving:
            day, begins = kept
        else:
            target = self.calendar.add_working_days(max(dates), documents.joint_meeting_days_after)
            low = max(self.earliest(by_letter=True), max(dates) + timedelta(days=1))
            found = self.search(max(target, low), low, self.end, begins, self.busy)
            if found is None and moving and passed and kept is not None:
                # No room after the theme for a meeting whose day has passed: it stays on
                # that day, and the contact person is asked to find one if it was not held.
                del plan.moved[key]
                plan.notes.append(f"Det felles møtet var planlagt {norsk_dato(kept[0])}, før "
                                  "temaet det bygger på, som nå er planlagt "
                                  f"{norsk_dato(max(dates))}. Det er ikke plass til møtet etter "
                                  f"temaet før programmets siste dag, {norsk_dato(self.end)}. "
                                  "Ble møtet ikke holdt, avtal en dato med kontaktpersonens "
                                  "leder.")
                found = kept
            elif found is None and moving and kept is not None:
                # No room after the theme: the meeting the families were invited to stands,
                # and the plan says why it comes first.
                del plan.moved[key]
                plan.notes.append(f"Det felles møtet står på {norsk_dato(kept[0])}, før temaet "
                                  f"det bygger på ({norsk_dato(max(dates))}): det er ikke plass "
                                  "etter det før programmets siste dag.")
                found = kept
            if found is None:
                plan.notes.append("Det er ikke plass til det felles møtet før programmets siste "
                                  f"dag, {norsk_dato(self.end)}. Avtal en dato med "
                                  "kontaktpersonens leder.")
                return None
            day, begins = found
        ends = _after(begins, self.duration)
        kept_ahead = kept is not None and (day, begins) == kept and self.today is not None \
            and day >= self.today
        if kept_ahead and any(not (ends <= b or begins >= e)
                              for b, e in self.others.get(day, [])):
            # Kept, as its invitations may have gone out (_clashes), on the contact person's
            # meeting in another case: said as for a conversation (_double_booked).
            plan.notes.append(
                f"Felles møte: {norsk_dato(day)} kl. {begins:%H.%M} har kontaktpersonen også "
                "en avtale i en annen sak. Invitasjonene kan allerede ha gått ut, så datoen er "
                "ikke flyttet: avtal en ny tid i den ene saken, og registrer den nye tiden i "
                "fagsystemet.")
        elif kept_ahead and (other := self._too_close(day, begins, ends, False)) is not None:
            # Kept beside the contact person's meeting elsewhere in another case, without
            # the travel time (one not invited yet was planned anew: _clashes).
            plan.notes.append(
                f"Felles møte: {norsk_dato(day)} kl. {begins:%H.%M} "
                f"{_no_time_to_travel(other)} Invitasjonene kan allerede ha gått ut, så datoen "
                "er ikke flyttet: avtal en ny tid i den ene saken, og registrer den nye tiden i "
                "fagsystemet.")
        if kept_ahead and (clash := self._on_the_journals((day, begins), MEETING, None)) \
                is not None:
            # Kept, as its invitations may have gone out, on a day the journal has a visit
            # planned (or at the time of a conversation it has): said, as for a
            # conversation (_clash_note).
            plan.notes.append(self._meeting_clash_note(day, begins, clash.other))
            # And on Saksoversikt's Avvik sheet, as a conversation's is (the team leader
            # read of it in the plan only).
            plan.journal_clashes.append(clash._replace(conversation=Conversation(
                MEETING, after, 1, day, begins, ends, "planlagt", False, None)))
        self.busy.setdefault(day, []).append((begins, ends))
        if (was := plan.moved.get(key)) is not None and self.today is not None \
                and day >= self.today:
            # Its day, and by when its invitations are made, in words that hold on every
            # day (helper 131: «nye invitasjoner lages» said neither): at once when the first
            # were made (documents/fellesmote.py), else on its letter day; once that day
            # has come, they are made (made_by_now).
            made = self.letters_on(day)
            # The theme it moved after, as on the day it moved (moving: dates), also once its
            # new day is kept: every party's, not a later-joining parent's, which the meeting
            # was never placed after.
            theme = max((c.dato for c in held if c.dato < was or c.key in follows),
                        default=max(dates))
            if theme < was:
                # Not the theme: moved off the journal's visit (or conversation) that day
                # before any invitation was made (off_journal, in this run or one before).
                plan.notes.append(self._meeting_off_journal_note(
                    was, day, begins, made, plan.delays.get(key, "")))
            else:
                letters = ("nye invitasjoner er laget og ligger i mappen Innkallinger."
                           if self.made_by_now(made) or self.letter_made(was, day, begins)
                           else f"nye invitasjoner lages senest {norsk_dato(made)} og legges "
                           "i mappen Innkallinger.")
                plan.notes.append(f"Det felles møtet var planlagt {norsk_dato(was)}, men "
                                  f"temaet det bygger på er nå planlagt {norsk_dato(theme)}. "
                                  f"Møtet er flyttet til {norsk_dato(day)}; {letters}")
        return JointMeeting(day, begins, ends, after)

    def _still_to_come(self, conv: Conversation) -> bool:
        """A conversation planned and not held (the journal has it neither held nor
        cancelled), in a plan that moves what was missed: one a joint meeting whose day has
        passed could not have followed. Not in a view that does not plan (move_missed)."""
        return self.move_missed and conv.status == "planlagt" and not conv.undated

    def _joined_later(self, conv: Conversation) -> bool:
        """A parent's own conversation, of a parent who began taking part after the case was
        first read (Forelder.deltar_fra)."""
        parents = self.case.foreldre
        return conv.part == "foreldre" and conv.forelder is not None \
            and conv.forelder < len(parents) and parents[conv.forelder].deltar_fra is not None

    def visits(self, plan: CasePlan) -> tuple[list[Visit], int]:
        """At least visits_per_year visits a year (visits_after_two_years from the third),
        one in each equal part of the year, never two in one month, outside closed periods.
        On a day the case has a conversation planned in the foster home the visit follows it
        (or comes as near it as the day allows): one trip there, not two."""
        journal = sorted(self.case.oppfolgingsbesok, key=lambda b: b.dato)
        there: dict[date, time] = {}
        for c in plan.conversations:
            if c.sted == FOSTER_HOME and c.status == "planlagt" and not c.undated:
                there[c.dato] = max(there.get(c.dato, c.slutt), c.slutt)
        visits = [Visit(b.dato, "gjennomfort") for b in journal if b.status == "gjennomfort"]
        # The journal's visits ahead count for their periods (_visit_periods), and a visit
        # the plan sets in another is neither in their month nor days from them, as from
        # one held.
        taken = {(d.year, d.month)
                 for d in [*(v.dato for v in visits), *self.journal_visits_counted]}
        visit_time = time.fromisoformat(self.s.visit_time)
        for number, period_start, period_end in self._visit_periods():
            kept = self._kept_visit(number)
            if kept is not None:  # arranged directly: a passed one shows as overdue
                day, begins = kept  # (in busy already: kept_visits_busy)
            else:
                found = self._visit_date(period_start, period_end, taken, visit_time,
                                         [*(v.dato for v in visits),
                                          *self.journal_visits_counted],
                                         there)
                if found is None:
                    plan.notes.append(
                        f"Oppfølgingsbesøk {number}: ingen ledig dag før programmets siste "
                        f"dag, {norsk_dato(self.end)}. Avtal besøket direkte.")
                    continue
                day, begins = found
                self.busy.setdefault(day, []).append(
                    InTheHome(begins, _after(begins, self.duration)))
            taken.add((day.year, day.month))
            visit = Visit(day, "planlagt", begins, _after(begins, self.duration), number)
            visits.append(visit)
            if kept is not None and self._visit_double_booked(visit):
                plan.notes.append(
                    f"Oppfølgingsbesøk {number}: {norsk_dato(day)} kl. {begins:%H.%M} har "
                    "kontaktpersonen også en avtale i en annen sak. Besøket kan allerede være "
                    "avtalt med fosterhjemmet, så datoen er ikke flyttet: avtal en ny tid i den "
                    "ene saken, og registrer den nye tiden i fagsystemet.")
            elif kept is not None and (self.today is None or day >= self.today) and (
                    other := self._too_close(day, begins, visit.slutt or begins, True)
            ) is not None:
                plan.notes.append(
                    f"Oppfølgingsbesøk {number}: {norsk_dato(day)} kl. {begins:%H.%M} "
                    f"{_no_time_to_travel(other)} Besøket kan allerede være avtalt med "
                    "fosterhjemmet, så datoen er ikke flyttet: avtal en ny tid i den ene saken, "
                    "og registrer den nye tiden i fagsystemet.")
            elif kept is not None and (self.today is None or day >= self.today) and (
                    journal_day := self._beside_journal_visit(day)) is not None:
                # Kept days from the journal's visit, too near to move (_kept_visit): said.
                apart = abs((day - journal_day).days)
                plan.notes.append(
                    f"Oppfølgingsbesøk {number}: {norsk_dato(day)} kl. {begins:%H.%M} er "
                    f"{apart} {'dag' if apart == 1 else 'dager'} "
                    f"{'etter' if day > journal_day else 'før'} oppfølgingsbesøket "
                    f"fagsystemet har {norsk_dato(journal_day)}. Besøket kan allerede være "
                    "avtalt med fosterhjemmet, så datoen er ikke flyttet: avtal gjerne en annen "
                    "dato for ett av besøkene, og registrer den i fagsystemet.")
        return sorted(visits, key=lambda v: v.dato), self.s.visits_per_year

    def _kept_visit(self, number: int) -> tuple[date, time] | None:
        """The day and time kept for the visit of this period from an earlier plan, unless
        it falls on the contact person's meeting in another case, or on a day already full
        with theirs, far enough ahead that nobody has arranged it yet (_clashes: the case
        changed contact person, and its visits were planned around the one before): it is
        then planned anew around them. A visit is in no letter; it is arranged with the
        foster home directly, as the move follow-up's contacts are, so one nearer keeps its
        day, and the plans of both cases say so (_visit_double_booked). A case booked
        with this contact person already (settled) keeps its visits too: one that overlaps
        another case's was booked so before (the release before kept a new contact person's
        visits), and moving it would move a family's visit whose contact person did not
        change (0801's on the release day, when it came before 0803 that did)."""
        kept = self.fixed.get((VISIT, number, 1, None))
        if kept is not None and not self.settled and self._clashes(kept, in_the_home=True):
            return None
        if kept is not None and self._beside_journal_visit(kept[0]) is not None \
                and self._not_invited_yet(kept[0]):
            # Days from a visit the journal has planned since (in another part of the year)
            # and far enough ahead that nobody has arranged it yet: re-spaced as a new
            # visit is (_visit_date), not two trips to the foster home in one week.
            return None
        if kept is not None and self._not_invited_yet(kept[0]) and kept[0] - max(
                (d for d in [*self.journal_visits_counted,
                             *(b.dato for b in self.case.oppfolgingsbesok
                               if b.status == "gjennomfort"),
                             *(v[0] for k, v in self.fixed.items()
                               if k[0] == VISIT and k[1] < number
                               and k[1] in {n for n, _, _ in self._visit_periods()})]
                 if d < kept[0]),
                default=self.start) > self.visit_gap:
            # Further from the visit before than visit_gap (a journal visit early in the part
            # before), far enough ahead that nobody has arranged it yet: planned anew within
            # it (_visit_date).
            return None
        return kept

    def _beside_journal_visit(self, day: date) -> date | None:
        """The visit the journal has planned (journal_visits_counted) on another day less
        than VISIT_SPACING_DAYS from day, if any: a visit kept there is two visits within
        days. A comparison of dates only (readings.py)."""
        return next((d for d in self.journal_visits_counted
                     if d != day and abs((day - d).days) < VISIT_SPACING_DAYS), None)

    def _visit_double_booked(self, visit: Visit) -> bool:
        """A kept visit still ahead that overlaps the contact person's meeting in another
        case (_kept_visit kept it): the plan says so, as for a conversation
        (_double_booked). Nothing is asked of the day but a comparison."""
        if visit.start is None or visit.slutt is None or (
                self.today is not None and visit.dato < self.today):
            return False
        return any(not (visit.slutt <= b or visit.start >= e)
                   for b, e in self.others.get(visit.dato, []))

    def _visit_periods(self) -> Iterator[tuple[int, date, date]]:
        """Each visit's number and period (one in each equal part of the year) that no visit
        held in the journal counts for: one planned for an earlier period that came late (a
        case first exported late) does not. A visit the journal has planned counts for its
        period by the same rule (journal_visits_counted: one ahead, or one passed that the
        export cannot yet say was held): the plan proposes none of its own beside it (a
        reader's finding: the journal's 12 January and the plan's 14 January, two visits in
        one week). The visit kept for the period stays when it is on that day
        (the contact person put the plan's visit in the journal: the same visit, with its
        time), or when its day passed unregistered (overdue, for the team leader to see, as
        _visit_date keeps one). Counted as held it is not: «Gjennomført» and the minimum
        wait until it is."""
        held = [b.dato for b in self.case.oppfolgingsbesok if b.status == "gjennomfort"]
        planned = self.journal_visits_counted
        years = max(1, -(-self.s.programme_months // 12))
        number = 0
        for year in range(years):
            per_year = self.s.visits_per_year if year < 2 else min(
                self.s.visits_after_two_years, self.s.visits_per_year)
            n = max(per_year, 1)
            for i in range(n):
                number += 1
                period_start = add_months(self.start, year * 12 + i * 12 // n)
                period_end = add_months(self.start, year * 12 + (i + 1) * 12 // n)
                if period_start > self.end:
                    break
                if any(period_start <= d < period_end for d in held):
                    continue
                kept = self.fixed.get((VISIT, number, 1, None))
                if any(period_start <= d < period_end for d in planned) and (
                        kept is None or kept[0] not in planned
                        and (self.today is None or kept[0] >= self.today)):
                    continue
                yield number, period_start, period_end

    def kept_visits_busy(self) -> None:
        """The case's visits kept from an earlier plan, in busy before its conversations
        are planned, in the case's foster home (InTheHome): a conversation moved
        in a later run keeps the travel time from them, and does not overlap them (helper
        213: a mother's missed theme moved to 2 March 2027 10.00 at the office, while the
        case's visit in the foster home that day was 09.00-10.30). Not one whose period a
        visit held in the journal counts for (held on another day): that is no longer kept.
        One moved to the foster home that day follows it there with no travel between."""
        for number, _, _ in self._visit_periods():
            kept = self._kept_visit(number)
            if kept is not None:
                day, begins = kept
                self.busy.setdefault(day, []).append(
                    InTheHome(begins, _after(begins, self.duration)))
        # A visit the journal has planned without a time of day: the contact person is in
        # the foster home some time that day, so no meeting is planned on it.
        for day in self.journal_visits:
            self.busy.setdefault(day, []).append(InTheHome(self.day_start, self.day_end))

    def _visit_date(self, period_start: date, period_end: date, taken: set,
                    visit_time: time, others: list[date],
                    there: dict[date, time]) -> tuple[date, time] | None:
        months = max(1, (period_end.year - period_start.year) * 12
                     + period_end.month - period_start.month)
        ideal = add_months(period_start, 1) if months > 1 else period_start
        # Within visit_gap of the visit before (held, the journal's, or the plan's): a
        # journal visit early in its part of the year made the next part's visit 140 days
        # after it (15 March to 2 August), over the limit Saksoversikt counts.
        latest = max((d for d in others if d < period_start), default=self.start) \
            + self.visit_gap
        if ideal > latest:
            first = max(period_start, self.start, self.earliest(by_letter=False))
            for back in range((latest - first).days, -1, -1):
                found = self._visit_on(first + timedelta(days=back), taken, visit_time,
                                       others, there)
                if found is not None:
                    return found
        # A new plan's visit is arranged from the next working day, also one whose period has
        # passed (a case first exported late): that one is due now, not shown as overdue.
        # A visit planned in an earlier run and passed unrecorded stays where it was (kept
        # by the caller): overdue, for the team leader to see.
        day = max(ideal, self.start, self.earliest(by_letter=False))
        while day <= self.end:
            if (found := self._visit_on(day, taken, visit_time, others, there)) is not None:
                return found
            day += timedelta(days=1)
        return None

    def _visit_on(self, day: date, taken: set, visit_time: time, others: list[date],
                  there: dict[date, time]) -> tuple[date, time] | None:
        """The day and time of a visit on day (_visit_date), if one may be there."""
        if (day.year, day.month) in taken or any(
                abs((day - other).days) < VISIT_SPACING_DAYS for other in others):
            return None
        # In the foster home: travel_minutes from the contact person's meetings elsewhere
        # (a reader's finding: a visit in the foster home 08.30-10.00, then the father's
        # conversation at the office at 10.00), none from the case's conversations there,
        # which it follows. visit_time when that leaves the time; else the nearest start
        # that does, or another day.
        begins = self.free_time(day, there.get(day, visit_time), self.busy, in_the_home=True)
        return None if begins is None else (day, begins)


def gap_pairs(track: list[Conversation], ended: bool
              ) -> Iterator[tuple[Conversation, Conversation]]:
    """Each conversation of a track with the one before it that a gap runs from, the one
    rule of the plan's gaps and the overview's findings (domain/compliance.py): for one
    held, the last one held before it, since a date planned and never held is no
    conversation («2. mars 2027 til 14. april 2027 (43 dager)» ran from a theme planned that
    day and not held; the last held was in December). ended: after the programme's last
    day only what was held counts (a date that passed unheld ends no gap either). Between
    dates still ahead, as planned."""
    if ended:
        track = [c for c in track if c.status == "gjennomfort"]
    for i, after in enumerate(track[1:], 1):
        earlier = track[:i]
        if after.status == "gjennomfort":
            earlier = [c for c in earlier if c.status == "gjennomfort"]
        if earlier:
            yield earlier[-1], after


def _no_time_to_travel(other: tuple[time, time]) -> str:
    """What a note on a kept date says of the contact person's meeting elsewhere in another
    case beside it, less than travel_minutes away (_Planner._too_close): its time, and that
    there is no time to get from one to the other."""
    return (f"har kontaktpersonen en avtale i en annen sak et annet sted kl. "
            f"{other[0]:%H.%M}–{other[1]:%H.%M}, og rekker ikke å reise mellom de to.")


def _title(conv: Conversation) -> str:
    """The conversation as a note names it: the move follow-up's contacts each by number, as
    the plan's table does (helper 139: two notes read «flyttesamtale» alike)."""
    return f"flyttesamtale (kontakt {conv.nummer})" if conv.tema == 0 else f"tema {conv.tema}"


def _at(day: date, begins: time) -> str:
    """A meeting's day and time as the state keeps an invitation's ("2027-01-12T10:00")."""
    return f"{day.isoformat()[:10]}T{begins:%H:%M}"


def _after(begins: time, duration: timedelta) -> time:
    return (datetime.combine(date.min, begins) + duration).time()


def _moved_by(at: time, minutes: int) -> time:
    """at, minutes later (earlier when negative), kept within the day."""
    moved = min(max(_minutes(at) + minutes, 0), 24 * 60 - 1)
    return time(moved // 60, moved % 60)


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _days(a: date, b: date):
    day = a + timedelta(days=1)
    while day < b:
        yield day
        day += timedelta(days=1)
