"""Each contact person's meetings across cases, so a plan never double-books them.

A case is planned in full the first time it is seen (schedule.py), and its dates then stay;
a missed conversation is moved in a later run. Each time, the contact person's meetings in
their other cases (conversations, follow-up visits, joint meetings) are taken as busy: a new
date keeps within [schedule] max_per_day and overlaps none of them. The bookings are kept in
the state folder, one file per contact person, named by a pseudonym of the contact person and
holding case pseudonyms and times only: [day, start, end], and a mark fourth for a meeting
away from the office, in the case's foster home: "besok" for a follow-up visit, "borte" for
a conversation held there ([schedule] child_meets_at). A meeting of another case planned
after it keeps [schedule] travel_minutes from it (schedule.Away), and from an office
meeting when it is itself in a foster home. A file from the release before has no such
mark: a case with none marked has its visits, and its conversations held in the foster
home, found in its plan (plans/), so a case not in the day's export, never planned again,
still has them kept clear of; the marks are written once the case is planned again. A
date already planned stays while it may be announced, and is said in the plan when another
case's meeting is on it or beside it without the travel time; one not announced yet is
planned anew around it (schedule._Planner._clashes, _too_close). When a case's meetings
change, the other cases with a meeting on or beside them are made again (record).

A marked meeting also names its foster home, fifth, by a pseudonym of its address ("fh-…",
when the journal gives a street address and postal code): siblings placed in one foster
home are separate cases, and a meeting of one of them there follows the other's there with
no travel between (schedule.InTheHome), as two of one case do. A file from the release
before names no home: its meetings keep the travel time, as before. A meeting at an office
other than the service's own (an inter-municipal service's municipality with a visiting
address of its own) is marked AT_AN_OFFICE with a pseudonym of that office ("of-…"): a
meeting at another office is elsewhere, travel_minutes from it (busy, _near). A file from
the release before marks no office: a case's meeting there without a mark is at the office
its stored case gives (office_of, _booked_office). A conversation the journal has on video
or the telephone is marked ONLINE, and needs no travel (schedule.Anywhere); a visit the
journal has planned without a time is booked as one over the working day.

A case without a contact person has a file of its own: it shares no calendar with the
office's other unassigned cases, which will be shared out among several people (the release
before booked them as one person's, and a child met after school was put in school hours to
make room). When the case gets a contact person, it leaves its file for theirs, and its
dates are checked against their meetings (schedule.py: _clashes). The office's pool file of
the release before is left as it is; no case is booked in it any more.

The reading process plans cases one at a time, in order, before their documents are made
(pipeline.py), so two workers never plan the same contact person's week at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..domain.model import Case
from ..errors import StateDamaged
from ..store.commit import ensure_dir, write_text_atomic
from ..store.state import file_version
from .schedule import (
    FOSTER_HOME,
    MEETING,
    VISIT,
    Anywhere,
    Away,
    Booked,
    Busy,
    CasePlan,
    InTheHome,
)

AWAY = "borte"
"""The mark of a conversation held in the foster home (a visit's is VISIT)."""
MARKS = ([VISIT], [AWAY])
ONLINE = "digitalt"
"""The mark of a conversation the journal has on video or the telephone (Samtale.motform):
in no place, so no travel time to or from it (schedule.Anywhere). A release before this one
reads it as a meeting at the service's own office."""
AT_AN_OFFICE = "kontor"
"""The mark of a meeting at an office other than the service's own: a municipality of an
inter-municipal service with a visiting address of its own ([kommuner."NNNN"]
besoksadresse), named fifth by a pseudonym of it ("of-…"). A meeting at the service's own
office has no mark, as before."""


class Bookings:
    def __init__(self, state):
        self.state = state
        self.folder: Path = state.folder / "bookings"
        self._where: dict[str, set[Path]] | None = None
        """Case pseudonym -> the files it is booked in: every file read once, when a case
        first needs it, then kept up to date (only the reading process books)."""
        self._digests: dict[Path, tuple[list[int] | None, dict[str, str]]] = {}
        """File -> (its version, each case's meetings in it as a digest): a steady day asks
        for the meetings of every case (booked), many of them in one contact person's file.
        Digests only: a pool of unassigned cases can hold thousands."""
        self._plans: dict[Path, tuple[list[int] | None, set[tuple[str, str, bool]]]] = {}
        """Plan file -> (its version, its meetings in the foster home): _away_planned."""
        self.office_of: Callable[[Case], str | None] | None = None
        """A case's office when it is not the service's own (run/case_step.py office_of),
        set by the workspace: where a case booked by the release before, which marked no
        office (AT_AN_OFFICE), meets at the office (_booked_office)."""
        self._offices: dict[str, tuple[list[int] | None, str | None]] = {}
        """Case pseudonym -> (its stored case's version, its office as the bookings name
        it): _booked_office."""

    def busy(self, case: Case, duration_minutes: int = 90,
             child_meets_at: str = FOSTER_HOME, office: str | None = None) -> Busy:
        """The contact person's meetings in their other cases (for a case without one, the
        meetings of the office's other unassigned cases). child_meets_at: [schedule], where
        the conversations a file of the release before did not mark were held. office: the
        case's office when it is not the service's own (run/case_step.py office_of): a
        meeting at another office than the case's is elsewhere (Away), travel_minutes from
        the case's meetings at its office."""
        path = self._path(case)
        own = self.state.pseudonym(case.key)
        home = self._home(case)
        mine = self._office(office)
        booked = self._read(path)
        busy = Booked()
        # Booked here already: its contact person did not just change (schedule.Booked).
        busy.settled = own in booked
        for other, slots in booked.items():
            if other != own:
                # A case with no meeting marked may have been booked by the release before,
                # which marked none: its visits, and its conversations in the foster home,
                # are known from its plan (_away_planned). (A case not in the day's export
                # is not planned again: helper 213 found a new case's conversation placed at
                # 10.30 after its visit ending 10.30.)
                unmarked = set() if any(s[3:4] in MARKED for s in slots) else \
                    self._away_planned(other, child_meets_at == FOSTER_HOME)
                # Booked by the release before, which marked no office: a meeting with no
                # mark is at the case's office, which its stored case tells (an
                # inter-municipal service's municipality with an office of its own), not
                # at the service's own until the case is planned again.
                then = None if any(s[3:4] == [AT_AN_OFFICE] for s in slots) \
                    or all(len(s) > 3 for s in slots) else self._booked_office(other)
                for day, begins, *rest in slots:
                    start = time.fromisoformat(begins)
                    end = time.fromisoformat(rest[0]) if rest else (
                        datetime.combine(date.min, start) + timedelta(minutes=duration_minutes)
                    ).time()  # a file from before meetings had their end
                    # In a foster home, marked: kept travel_minutes from (schedule.Away);
                    # in this case's own foster home (a sibling's case), none (InTheHome).
                    away = rest[1:2] in MARKS or (day, begins) in unmarked
                    there = away and home is not None and rest[2:3] == [home]
                    # At an office: the case's own, or another (an inter-municipal
                    # service's municipality with an office of its own), which is elsewhere.
                    away = away or (_office_of(rest[1:]) if len(rest) > 1 else then) != mine
                    busy.setdefault(date.fromisoformat(day), []).append(
                        Anywhere(start, end) if rest[1:2] == [ONLINE] else
                        InTheHome(start, end) if there else Away(start, end) if away
                        else (start, end))
        return busy

    def _booked_office(self, other: str) -> str | None:
        """The office of the case with pseudonym other as the bookings name it (_office),
        from its stored case (office_of); None for the service's own, and when the case
        cannot be read or no office_of is set. Read once while the case file is the same."""
        if self.office_of is None:
            return None
        path = self.state.cases_dir / f"{other}.json"
        version = file_version(path)
        seen = self._offices.get(other)
        if seen is None or seen[0] != version or version is None:
            try:
                case = self.state.load_pseudonym(other)
            except StateDamaged:
                case = None
            seen = self._offices[other] = (
                version, self._office(self.office_of(case)) if case is not None else None)
        return seen[1]

    def _away_planned(self, other: str, conversations: bool) -> set[tuple[str, str]]:
        """The follow-up visits in the plan of the case with pseudonym other, and with
        conversations its conversations held in the foster home (the child's, the foster
        family's: schedule.place_of), as (day, start) the way the bookings write them; none
        when the plan cannot be read. Read once while the plan file is the same file."""
        path = self.state.plans_dir / f"{other}.json"
        version = file_version(path)
        seen = self._plans.get(path)
        if seen is None or seen[0] != version or version is None:
            try:
                rows = self.state.read_json(path) or []
                held = {(r["dato"], r["klokkeslett"], r.get("part") == VISIT) for r in rows
                        if isinstance(r, dict) and r.get("part") not in ("foreldre", MEETING)
                        and "dato" in r and "klokkeslett" in r}
            except (StateDamaged, TypeError):
                held = set()
            seen = self._plans[path] = (version, held)
        return {(day, begins) for day, begins, visit in seen[1] if visit or conversations}

    def version(self, case: Case) -> list[int] | None:
        """The contact person's file as the file system knows it (state.file_version)."""
        return file_version(self._path(case))

    def booked(self, case: Case) -> str | None:
        """The case's meetings as its contact person's file holds them, as a digest ("" for
        none): a plan passed over on a later day (store/readings.py) must find them as its
        planning left them, or a new case of theirs is planned over them (a file deleted,
        say). None when the file cannot be read: the case is booked again once it can."""
        path = self._path(case)
        version = file_version(path)
        seen = self._digests.get(path)
        if seen is None or seen[0] != version or version is None:
            try:
                held = {other: _digest(slots) for other, slots in self._read(path).items()}
            except StateDamaged:
                return None
            seen = self._digests[path] = (version, held)
        return seen[1].get(self.state.pseudonym(case.key), "")

    def record(self, case: Case, plan: CasePlan, travel_minutes: int = 60,
               office: str | None = None) -> set[str]:
        """Keep the case's planned meetings under its contact person. Returns the pseudonyms
        of the contact person's other cases with a meeting on, or elsewhere less than
        travel_minutes from, one of this case's that came, went or moved: a plan of theirs
        may now say, or no longer say, that a kept date of theirs is on or beside it
        (schedule._Planner._too_close), and is made again (run/case_step.py plan).
        office: the case's office when it is not the service's own (busy): its meetings
        there are marked with it (AT_AN_OFFICE)."""
        path = self._path(case)
        meetings: list[tuple[date, time, time, str]] = [
            (c.dato, c.start, c.slutt,
             ONLINE if c.digital else AWAY if c.sted == FOSTER_HOME else "")
            for c in plan.conversations if c.status == "planlagt"]
        meetings += [(v.dato, v.start, v.slutt, VISIT) for v in [*plan.visits,
                                                                 *plan.journal_visits]
                     if v.status == "planlagt" and v.start is not None and v.slutt is not None]
        if plan.joint_meeting is not None:
            m = plan.joint_meeting
            meetings.append((m.dato, m.start, m.slutt, ""))
        # A meeting in the foster home is marked (its fourth field), for meetings planned
        # after it to keep the travel time from it (busy); the others are as before.
        # Marked, with its foster home when known: a sibling's case there needs no travel
        # from it (busy).
        home = self._home(case)
        at = self._office(office)
        slots = [[day.isoformat(), begins.isoformat("minutes"), ends.isoformat("minutes"),
                  *([ONLINE] if what == ONLINE else
                    [what, *([home] if home else [])] if what else
                    [AT_AN_OFFICE, at] if at else [])]
                 for day, begins, ends, what in sorted(meetings)]
        booked = self._read(path)
        own = self.state.pseudonym(case.key)
        left: set[str] = set()
        if own not in booked:  # new here: first planned, or its contact person changed
            left = self._leave_others(own, path, travel_minutes)
        changed = [list(slot) for slot in {tuple(s) for s in booked.get(own, [])}
                   ^ {tuple(s) for s in slots}]
        if booked.get(own) != slots:
            before = file_version(path)
            booked[own] = slots
            ensure_dir(self.folder)
            write_text_atomic(path, json.dumps(booked, indent=1, sort_keys=True))
            seen = self._digests.get(path)
            if seen is not None and seen[0] == before:  # as read: only this case changed
                seen[1][own] = _digest(slots)
                self._digests[path] = (file_version(path), seen[1])
        if self._where is not None:
            self._where[own] = {path}
        return left | {other for other, theirs in booked.items() if other != own and any(
            _near(slot, mine, travel_minutes) for slot in theirs for mine in changed)}

    def release(self, case: Case, travel_minutes: int = 60) -> set[str]:
        """The case's meetings out of every file: it has left the programme (its placement
        or case ended, say), so its contact person is free at those times for new cases.
        Returns the pseudonyms of the contact person's other cases with a meeting on, or
        elsewhere less than travel_minutes from, one of its meetings: a plan of theirs may
        say that a kept date of theirs is on or beside it, and is made again in that run,
        so it no longer says so (run/case_step.py), as for a meeting that moved (record)."""
        return self._leave_others(self.state.pseudonym(case.key), None, travel_minutes)

    def _leave_others(self, own: str, path: Path | None,
                      travel_minutes: int = 60) -> set[str]:
        """The case's meetings out of any other file than path: its contact person changed,
        or it was unassigned and now has one (path None: out of all). A new case is in
        none: the files are read once a run (_where), not once for each new case. Returns
        the other cases of those files with a meeting on or beside one of its (record)."""
        beside: set[str] = set()
        if self._where is None:
            self._where = {}
            for other in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else ():
                for case in self._read(other):
                    self._where.setdefault(case, set()).add(other)
        for other in sorted(self._where.pop(own, set()) - {path}):
            if own in (booked := self._read(other)):
                mine = booked.pop(own)
                beside |= {them for them, theirs in booked.items() if any(
                    _near(slot, meeting, travel_minutes) for slot in theirs for meeting in mine)}
                write_text_atomic(other, json.dumps(booked, indent=1, sort_keys=True))
        return beside

    def _office(self, office: str | None) -> str | None:
        """An office other than the service's own as the bookings name it: a pseudonym of
        its visiting address (AT_AN_OFFICE); None for the service's own."""
        if not office or not office.strip():
            return None
        return self.state.pseudonym("kontor:" + " ".join(office.split()).casefold(),
                                    prefix="of")

    def _home(self, case: Case) -> str | None:
        """The case's foster home as the bookings name it: a pseudonym of its street address
        and postal code (siblings placed there have one each), or None when the journal
        does not give both (a place without a postal code is not an address to go by)."""
        family = case.fosterfamilie
        if not family.adresse or not family.postnummer:
            return None
        where = " ".join(family.adresse.split()).casefold() + "|" + family.postnummer.strip()
        return self.state.pseudonym("fosterhjem:" + where, prefix="fh")

    def _path(self, case: Case) -> Path:
        person = case.kontaktperson
        # The name first: some exports carry the e-mail address and others of the same
        # person's cases do not. Two contact persons with one name are planned as one.
        who = " ".join((person.navn or person.epost or "").split()).casefold()
        # A case without one has a calendar of its own: the office's unassigned cases will be
        # shared out among several people, and booked as one person's, a child was pushed
        # into school hours (demo 2026-0750, beside 2026-0587).
        key = "kontaktperson:" + who if who else f"uten kontaktperson:{case.key}"
        return self.folder / f"{self.state.pseudonym(key, prefix='kp')}.json"

    def _read(self, path: Path) -> dict[str, list[list[str]]]:
        """The contact person's bookings; StateDamaged when the file cannot be read (their
        cases then wait, rather than being planned over meetings no longer known)."""
        booked = self.state.read_json(path)
        if booked is None:
            return {}
        if not isinstance(booked, dict) or not all(isinstance(v, list) for v in booked.values()):
            raise self.state.damaged(path)
        return booked


MARKED = (*MARKS, [AT_AN_OFFICE], [ONLINE])
"""The marks only this release and the one before write: a case with one was booked so."""


def _office_of(rest: list[str]) -> str | None:
    """The office of a meeting as the bookings write it, from its mark on (fourth field):
    another than the service's own (AT_AN_OFFICE, its pseudonym), or None for the service's
    own (no mark). Not asked of a meeting in a foster home (MARKS)."""
    return rest[1] if rest[:1] == [AT_AN_OFFICE] and len(rest) > 1 else None


def _near(a: list[str], b: list[str], travel_minutes: int) -> bool:
    """Whether two meetings as the bookings write them are on one day and overlap, or are
    in different places (an office, a foster home: its mark and home, as busy reads them)
    less than travel_minutes apart. A slot that cannot be read is near nothing."""
    try:
        if a[0] != b[0]:
            return False
        (a1, a2), (b1, b2) = ((_minutes(s[1]), _minutes(s[2])) for s in (a, b))
    except (IndexError, TypeError, ValueError):
        return False
    if a1 < b2 and b1 < a2:
        return True
    if [ONLINE] in (a[3:4], b[3:4]):
        return False  # on video or the telephone: no travel to or from it
    here, there = ((s[3:4] in MARKS, s[4] if s[3:4] in MARKS and len(s) > 4
                    else _office_of(s[3:])) for s in (a, b))
    if here == there and (not here[0] or here[1] is not None):
        return False  # both at one office, or in one foster home named
    return a1 < b2 + travel_minutes and b1 < a2 + travel_minutes


def _minutes(clock: str) -> int:
    begins = time.fromisoformat(clock)
    return begins.hour * 60 + begins.minute


def _digest(slots: list[list[str]]) -> str:
    """A case's meetings in a bookings file, as Bookings.booked compares them."""
    return hashlib.sha256(json.dumps(slots).encode("utf-8")).hexdigest()
