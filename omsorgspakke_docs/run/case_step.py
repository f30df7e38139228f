"""One case of an export: merge, qualify, plan (in the reading process, in order), then render
and commit its documents (here or in a worker). Each step takes what it needs and returns
what happened; nothing is counted on the side."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from .. import config
from ..documents import kalender, sending, sent_marks
from ..domain import foster_home, idnumber, parent_order, qualify, spelling
from ..domain.merge import (
    MERGE_ONLY,
    MergeResult,
    known_case,
    mark_declined,
    mark_joined,
    merge,
    moves_on,
    same_day,
)
from ..domain.model import Case, RettetNavn
from ..errors import InputError, StateDamaged
from ..planning import schedule
from ..plugins import making
from ..rendering import context
from ..rendering.prepare import PreparedCase, prepare
from ..rendering.renderer import TemplateError
from ..rendering.watched_day import WatchedDay, answered_alike
from ..store import incremental
from ..store.commit import TEMP_PREFIX, DocumentWriter, Placed, ensure_dir, sha256_file
from ..store.issued import FOLDER as ISSUED
from ..store.issued import Issued, first_made, invited_meetings
from ..store.issued import invitations as issued_invitations
from ..store.issued import keep_before_move as keep_issues_before_move
from ..store.readings import PlannedDays, input_digest
from ..store.safenames import (
    case_folder_path,
    claim_case_folder,
    earlier_folders,
    journal_folder_name,
    move_folder,
    plan_move,
    release_case_folder,
)
from ..text import Tekst, tekst
from ..wording import count
from . import lost_plan
from .workspace import Workspace

log = logging.getLogger("omsorgspakke")

MISSING_LIST = "mangler.txt"
"""The bokmål name; a nynorsk case folder has manglar.txt (text catalogue, fil.mangler)."""
FOSTER_FAMILY = "fosterfamilien"
"""The foster family's part in the kept plan: planned anew for a new family after a move."""
SUPERSEDED_IN = ("fil.innkallinger", "fil.kalender")
"""Folders (catalogue keys: the case's standard names them) whose documents go when not made
again: letters and entries for one date."""


Which = dict[str, str | None]
"""A case as staff can find it: its pseudonym ("sak"), and its journal number
("journalnummer") where that is safe to show, else None."""


@dataclass
class Merged:
    """A case merged into the state: skipped with a reason, or ready for its documents."""

    case: Case
    merged: MergeResult
    pseudonym: str
    which: Which
    flag: str | None = None
    """What is wrong with the child's identity number, if anything."""
    skip: str | None = None
    """Why the case gets no documents (qualify.py), or None."""
    folder: Path | None = None


@dataclass
class Rendered:
    """A case's documents, committed: how many were written, and those written beside."""

    written: int
    new_versions: list[dict[str, str]] = field(default_factory=list)
    held_open: bool = False
    """Minutes of the case were left as they are, open in Word or LibreOffice: the day is
    not done with it (run/refresh.py)."""


@dataclass
class CaseResult:
    """What one case of a file came to, for the summary."""

    which: Which
    flag: str | None = None
    skip: str | None = None
    folder: Path | None = None
    rendered: Rendered | None = None
    conflicts: int = 0


def case_key(case: Case) -> str:
    if case.key is None:
        raise InputError("En sak i filen mangler kommunenummer eller journalnummer.")
    return case.key


def merge_and_plan(ws: Workspace, incoming: Case, today: date, plans_with: str,
                   written: datetime | None = None, export: bool = True) -> Merged:
    """Merge the case into the state, decide whether it qualifies, claim its folder and fix
    its dates when it is new. In the reading process, one case after the other.

    A case read before as it is now is recalled instead (store/readings.py): not merged
    or saved, and not planned again on a day its last planning would answer alike (the
    day it was planned, and the days after it until a kept date passes), while its plan
    file, its meetings in the bookings and what plans are made with (plans_with: code,
    settings, programmes; incremental.Unchanged) are as then. written: when the file the
    case came in was last written (merge.journal_word). export: the file is the journal's
    export, not minutes sent back (an adapter's updates_only): only an export's reading
    counts as the day an undated export was read (Readings.read_undated)."""
    key = case_key(incoming)
    read = today if export else None
    pseudonym = ws.state.pseudonym(key)
    digest = input_digest(incoming)
    recalled = ws.readings.recall(pseudonym, incoming, digest)
    moved = None
    if recalled is None:
        known = as_known = known_case(ws.state, incoming)
        base = ws.readings.newest_export(pseudonym, known)
        found: list[RettetNavn] = []
        if known is not None and base is not None and (
                moves_on(base, incoming) or same_day(base, incoming)):
            # A name the journal spells anew is the same person (domain/spelling.py): the
            # case as known with it so, her letters and what is kept of her are hers still.
            # A second export of the day too: its list of people wins (merge.same_day), so
            # a name it corrects would otherwise be a parent beside her («forelder 3»).
            known, found = spelling.spelt_now(known, incoming)
            base = ws.readings.newest_export(pseudonym, known)
        # The parents as this export lists them: the same parents in another order are read
        # in the state's (any export: what it says of each is theirs); a parent gone from a
        # later export of the same kind takes what the state keeps of them along.
        moved = parent_order.moves(base, incoming, base is not None)
        exported = incoming
        if moved is not None and base is not None:
            if (in_order := parent_order.in_known_order(incoming, moved)) is not None:
                exported, moved = in_order, None
            elif moves_on(base, incoming):
                base = parent_order.renumbered(base, moved)
            else:
                moved = None
        merged = merge(base, exported, written)
        if known is not None and merged.case.eksportert != known.eksportert:
            merged.changed = True  # the newest export date, saved with any merge
        declined = mark_declined(known, merged.case, today)
        if mark_joined(known, merged.case, today) or declined or moved is not None:
            merged.changed = merged.shown = True  # (moved: the case saved is in the old order)
        # The move as the journal first showed it: its export's day (the run's, undated).
        on = min(incoming.eksportert or today, today)
        if foster_home.moved(known, merged.case, on, incoming) and moved is None:
            if known is not None and len(merged.case.tidligere_fosterhjem) > len(
                    known.tidligere_fosterhjem):
                # Before the case is saved (State.keep_plan_before_move says why). A
                # correction restores it once the corrected case is saved (plan()).
                ws.state.keep_plan_before_move(key)
                keep_issues_before_move(ws.state.folder, pseudonym)
            # A move to another foster home, or the journal's entries with the family the
            # child left given back to them (the export lists them again): the case is
            # saved, and its documents made again, as far as it is other than it was.
            merged.changed = merged.case != as_known
            merged.shown = as_known is None or merged.changed and (
                merged.case.model_dump(mode="json", exclude=MERGE_ONLY)
                != as_known.model_dump(mode="json", exclude=MERGE_ONLY))
        if as_known is not None:
            # Kept with the case (the run making her letters again may be a later one).
            respelt = spelling.kept(as_known, merged.case, found)
            if respelt != merged.case.rettede_navn:
                merged.case.rettede_navn = respelt
                merged.changed = merged.shown = True
    else:
        merged = recalled
    case = merged.case
    which = {"sak": pseudonym, "journalnummer": journal_folder_name(case.journalnummer)}
    flag = idnumber.problem(case.barn.fodselsnummer, born=case.barn.fodselsdato)
    if flag:
        log.warning("%s: %s", pseudonym, flag)
    if merged.conflicts:  # kept until the note is written: a crash must not lose them
        ws.state.remember_conflicts(pseudonym, merged.conflicts, merged.sources)
    elif recalled is None and (pending := ws.state.pending_conflicts(pseudonym)):
        merged.conflicts, merged.sources = pending
    if moved is not None:
        # The plan in the new order, written beside it before the case is saved and put in
        # its place after (State.renumber_plan): a run stopped in between never leaves the
        # saved case in the new order and the plan in the old (each parent's dates swapped,
        # as they all were before parent_order.py).
        ws.state.renumber_plan(case_key(case), moved, case)
    if merged.changed:
        ws.state.save(case, shown=merged.shown)
    ws.state.finish_renumber(case_key(case), case)  # (also one a run stopped before)
    skip = qualify.skip_reason(case, today, ws.settings.qualify_months)
    ending = skip is not None and year_just_over(ws, case, pseudonym, today)
    if skip and not ending:
        log.info("%s: hoppet over: %s", pseudonym, skip)
        if ws.readings.was_planned(pseudonym):  # it left the programme: its times are free
            # The contact person's other cases with a meeting on or beside its: a plan of
            # theirs that said so is made again this run, and no longer says it.
            ask_again(ws, ws.bookings.release(case, ws.settings.schedule.travel_minutes))
            cancel_calendar(ws, case, pseudonym, today)
        ws.readings.keep(pseudonym, incoming, digest, merged, recalled is not None, None,
                         read)
        return Merged(case, merged, pseudonym, which, flag, skip)
    # A move whose visits with the family left are not yet settled (foster_home.settle_visits,
    # in plan()): planned again this run, whatever the day's answers were.
    settling = any(home.besok is None for home in case.tidligere_fosterhjem)
    days = planning_holds(ws, case, pseudonym, key, today, plans_with) \
        if recalled and not settling else None
    folder = case_folder(ws, case)
    if days is None:  # (a year just over: nothing moves, schedule.plan_case)
        first, end, known_until = plan(ws, case, case_key(case), today, folder)
        days = PlannedDays(first, end, plans_with, ws.bookings.booked(case) or "",
                           ws.bookings.version(case), known_until)
    ws.readings.keep(pseudonym, incoming, digest, merged, recalled is not None, days, read)
    return Merged(case, merged, pseudonym, which, flag, folder=folder)


def cancel_calendar(ws: Workspace, case: Case, pseudonym: str, today: date) -> None:
    """A case that left the programme (the journal closed it or its placement) gets no
    documents, so its calendar file would go on holding the rest of its year: the entries
    still to come are cancelled in it (documents/kalender.py cancel_coming), when the file
    is as we wrote it, and importing it again takes them out of the contact person's
    calendar. A case never given documents has no such file: nothing is looked for."""
    if not (ws.state.folder / ISSUED / f"{pseudonym}.json").exists():
        return
    outbox = ws.settings.paths.outbox
    folder = case_folder_path(outbox, case.journalnummer, pseudonym)
    t = tekst(ws.settings.for_kommune(case.kommunenummer).malform)  # the case's standard
    # Its file in either standard's name (the standard may have changed since).
    path = next((folder / name for name in kalender.calendar_names()
                 if (folder / name).exists()), None)
    if path is None or not file_is_ours(ws, path, folder):
        return  # none, or changed by someone: left as it is
    made = kalender.cancel_coming(path.read_bytes(), pseudonym, today, t)
    if made is None:
        return
    writer = DocumentWriter(ws.ledger, _root(ws, folder), first_alone=False)
    placed = writer.place(path, "avlyst:" + hashlib.sha256(made).hexdigest())
    if placed.path == path:
        writer.write(placed, made, [])
        writer.flush()
        log.info("%s: kommende avtaler i kalenderfilen er merket som avlyst", pseudonym,
                 extra={"event": "calendar_cancelled", "case": pseudonym})


def _root(ws: Workspace, folder: Path) -> Path:
    """What the ledger's keys of a case folder's files are relative to: the outbox, or the
    folder itself when it lies elsewhere."""
    outbox = ws.settings.paths.outbox
    return outbox if outbox.resolve() in folder.resolve().parents else folder


def file_is_ours(ws: Workspace, path: Path, folder: Path, root: Path | None = None) -> bool:
    """Whether the file at path in the case folder holds what we wrote there, as the ledger
    knows it (absent counts as ours); not a plain file, or changed by someone: not ours.
    root: the folder's _root, where the caller has it already (it resolves two paths)."""
    try:
        digest = sha256_file(path)
    except OSError:
        return False
    root = _root(ws, folder) if root is None else root
    return ws.ledger.ours(path.relative_to(root).as_posix(), digest) is not None


def _ours_in(ws: Workspace, home: Path) -> Callable[[Path], bool]:
    """CaseContext.ours for a case folder: file_is_ours for a file in it, else not ours. The
    folder's _root is worked out once a case, and each file's answer is kept for as long as
    the file is the same one unchanged (its inode, size, times and mode), or absent: the
    minutes ask it of each minutes document, and the overview (referat.kept_in_the_other_sex)
    of the same ones again; each asking would otherwise hash the file and look in the ledger."""
    root = _root(ws, home)
    known: dict[tuple, bool] = {}

    def ours(path: Path) -> bool:
        if not path.is_relative_to(home):
            return False
        try:
            st = os.stat(path)
            version: tuple = (path, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                              st.st_mode)
        except FileNotFoundError:  # none there (yet): as long as none is
            version = (path,)
        except OSError:  # not to be looked at: asked as it is each time
            return file_is_ours(ws, path, home, root)
        if version not in known:
            known[version] = file_is_ours(ws, path, home, root)
        return known[version]

    return ours


def year_just_over(ws: Workspace, case: Case, pseudonym: str, today: date) -> bool:
    """A case out of scope only because its programme's year is over (not closed in the
    journal), at most qualify.AFTER_END_MONTHS after its last day, that had documents: the
    minutes and assessments of its last conversations are registered after the year, and
    the final evaluation gathers them, so its documents are made from each export as
    before. Nothing moves after the last day (schedule.plan_case) and no letter is made
    (rendering/prepare.py)."""
    s = ws.settings
    return qualify.skip_kind(case, today, s.qualify_months) == "for_gammel" \
        and qualify.closed_recently(case, today, s.qualify_months, s.schedule.programme_months) \
        and (ws.state.folder / ISSUED / f"{pseudonym}.json").exists()


def planning_holds(ws: Workspace, case: Case, pseudonym: str, key: str, today: date,
                   plans_with: str) -> PlannedDays | None:
    """The days the case's last planning holds for, when today is one of them (the rule:
    readings.Readings.planned) and the case's meetings are still in its contact person's
    bookings as that planning left them; else None: the case is planned again.

    The bookings file is read only when it is another file than then (its version): a
    file deleted, say, must be filled again, or a new case of theirs is planned over the
    meetings it held."""
    days = ws.readings.planned(pseudonym, key, today, plans_with, case.eksportert)
    if days is None or (file := ws.bookings.version(case)) == days.bookings_file:
        return days
    if ws.bookings.booked(case) not in (days.booked, None):
        return None
    return replace(days, bookings_file=file)


def folder_and_plan(ws: Workspace, case: Case, today: date,
                    move_missed: bool = True) -> Path:
    """A qualifying case's folder, claimed, and its dates planned: on a later day when its
    letters fall due (refresh.py: move_missed False, since only an export tells a missed
    conversation from one the journal has not caught up with)."""
    folder = case_folder(ws, case)
    plan(ws, case, case_key(case), today, folder, move_missed)
    return folder


def case_folder(ws: Workspace, case: Case) -> Path:
    """A qualifying case's folder in the outbox, claimed for it. The merged case may be
    known under another key (first seen by identity number)."""
    pseudonym = ws.state.pseudonym(case_key(case))
    bring_earlier_folders(ws, case.journalnummer, pseudonym)
    return claim_case_folder(ws.settings.paths.outbox, case.journalnummer, pseudonym)


def bring_earlier_folders(ws: Workspace, journalnummer: str | None, pseudonym: str) -> None:
    """A folder an earlier release made for the case under a name no release gives now (an
    identity number grouped as 150695-12345, a name: safenames.earlier_folders) is brought
    into the case's folder: renamed to it, or its files moved into it when it is there
    already (safenames.plan_move: one the folder holds already, the same or a later version
    of ours, goes; one someone changed, or that would go over one someone changed, stays,
    and the log says so). The ledger and the marks as sent follow each file, so nothing is
    made again and no mark is lost. Only folders our marker gives to this case."""
    outbox = ws.settings.paths.outbox
    home = case_folder_path(outbox, journalnummer, pseudonym)
    for old in earlier_folders(outbox, pseudonym, home):
        moved = plan_move(outbox, old, home, lambda path: file_is_ours(ws, path, path.parent))
        ws.ledger.copy_documents({k: v for k, v in moved.files.items() if k not in moved.dropped})
        failed = None
        try:
            move_folder(outbox, old, moved)
        except OSError as exc:  # left as it is; the next run tries again
            failed = type(exc).__name__
        done = {k: v for k, v in moved.files.items() if not os.path.lexists(outbox / k)}
        ws.readings.forget_checked(pseudonym)  # it may name the folder as it was
        ws.ledger.forget(done)
        sent_marks.follow_moves(ws, done, {old.relative_to(outbox).as_posix():
                                           home.relative_to(outbox).as_posix()})
        # Said without the folder's name (it holds the number). In English: a case folder
        # named with an identity number by an earlier release was moved to the case's folder.
        if failed is not None:
            log.warning("%s: en saksmappe navngitt med et fødselsnummer eller et navn (fra en "
                        "tidligere versjon) kunne ikke flyttes helt til sakens mappe (%s); det "
                        "prøves igjen ved neste kjøring", pseudonym, failed,
                        extra={"event": "case_folder_not_renamed", "case": pseudonym})
        elif moved.left:
            log.warning("%s: en saksmappe navngitt med et fødselsnummer eller et navn (fra en "
                        "tidligere versjon) er flyttet til sakens mappe, unntatt %s som er "
                        "endret av noen, eller som har samme navn som en fil i sakens mappe "
                        "som er endret av noen: de er latt ligge i den gamle mappen; "
                        "sammenlign og flytt eller slett dem for hånd",
                        pseudonym, count(moved.left, "fil", "filer"),
                        extra={"event": "case_folder_renamed", "case": pseudonym,
                               "left": moved.left})
        else:
            log.info("%s: en saksmappe navngitt med et fødselsnummer eller et navn (fra en "
                     "tidligere versjon) er flyttet til sakens mappe", pseudonym,
                     extra={"event": "case_folder_renamed", "case": pseudonym})


def plan(ws: Workspace, case: Case, key: str, today: date, folder: Path,
         move_missed: bool = True) -> tuple[int, int, str | None]:
    """The case's dates are set here, in the reading process and in order, around its
    contact person's meetings in other cases (bookings.py): all of them the first time
    the case is seen, later only what must move (a missed conversation). Its documents
    are then made from these dates, wherever that happens.

    A plan gone from the state (deleted, or damaged) while the case has documents is made
    again from the dates in those documents (lost_plan.py), and said.

    Returns the days (ordinals, from the first to before the second) on which planning
    the same case from the same kept dates gives the same plan: the planner only compared
    the day with dates (a kept date passed, say), and each such answer changes on a known
    day (watched_day.answered_alike). A newly computed date counts from the day (notice),
    so a plan that made one holds for this day only. Third: the last export day it holds
    for (CasePlan.known_until, ISO), if any."""
    lost = None
    t = tekst(ws.settings.for_kommune(case.kommunenummer).malform)  # the case's standard
    # A plan renumbered for a new order of the parents, left beside it by a run stopped
    # once the case was saved: in its place before anything is planned from it.
    ws.state.finish_renumber(key, case)
    if foster_home.corrected(case):
        # A move registered by mistake and corrected: the foster family's track (and the
        # joint meeting built on it) as planned before the move, from the copy kept then,
        # and the follow-up visits in the home, which the move planned anew (settle_visits).
        # Here, after the corrected case is saved: a crash before finds it corrected and
        # the copy still there; once restored, the copy goes (nothing to do after that).
        ws.state.restore_plan_before_move(key, ("fosterfamilien", schedule.MEETING,
                                                schedule.VISIT))
    try:
        fixed, earlier, delays = ws.state.kept_plan(key)
        if not ws.state.has_plan(key) and lost_plan.had_documents(
                ws, ws.state.pseudonym(key), folder, t):
            lost = "manglet"
    except StateDamaged:
        fixed, earlier, delays, lost = {}, {}, {}, "skadet"
    if lost:
        fixed = lost_plan.recover(ws, folder, t)
    if any(home.besok is None for home in case.tidligere_fosterhjem):
        # The visits planned with the family the child left for the day of the move or
        # after are off, theirs (kept with them in the case), and planned anew in the new
        # home: none is shown overdue, nor as the new home's.
        off = foster_home.settle_visits(case, {
            number: day for (part, number, _, _), (day, _) in fixed.items()
            if part == schedule.VISIT})
        fixed = {k: v for k, v in fixed.items() if not (k[0] == schedule.VISIT and k[1] in off)}
        # The foster family's dates kept were planned with the family the child left: the
        # new family starts on the foster family's track from the day of the run, as a case
        # just come in (docs/planning.md), with no date of theirs said to have been missed
        # or moved (a reader's finding: the plan said the new family's first contact was
        # «planlagt 24. november 2026, men ikke registrert som holdt», a contact held that
        # day with the family left).
        fixed = {k: v for k, v in fixed.items() if k[0] != FOSTER_FAMILY}
        earlier = {k: v for k, v in earlier.items() if k[0] != FOSTER_FAMILY}
        delays = {k: v for k, v in delays.items() if k[0] != FOSTER_FAMILY}
        ws.state.save(case)
    watched = WatchedDay(today)
    pseudonym = ws.state.pseudonym(key)
    # The day the case was first planned: its first documents were made then.
    seen = min(first_made(ws.state.folder, pseudonym).values(), default=None)
    made = plan_with(ws, case, fixed, watched, move_missed, earlier, delays, first_seen=seen)
    dates = schedule.fixed_dates(made)
    if lost or dates != fixed or made.moved != earlier or not ws.state.has_plan(key) \
            or made.delays != delays:
        ws.state.save_plan(key, dates, made.moved, made.delays)
    ask_again(ws, ws.bookings.record(case, made, ws.settings.schedule.travel_minutes,
                                     office_of(ws, case)))
    if lost:
        lost_plan.report(ws, case, pseudonym, folder, made, fixed, lost, today, t)
    journal = {c.key for c in made.conversations if c.fra_journal}  # moved there, not missed
    if new := {k for k in set(made.moved) - set(earlier) - journal if k[0] != schedule.MEETING}:
        log.info("%s: %s flyttet (ikke holdt); %s, se oppfølgingsplanen",
                 pseudonym, count(len(new), "samtale", "samtaler"), _what_follows(new),
                 extra={"event": "conversations_moved", "case": pseudonym, "moved": len(new)})
    known_until = made.known_until.isoformat() if made.known_until else None
    alike = answered_alike(watched.answers(), today)
    if alike is None or lost:
        return today.toordinal(), today.toordinal() + 1, known_until
    return (*alike, known_until)


def office_of(ws: Workspace, case: Case) -> str | None:
    """The case's office when it is not the service's own: the visiting address of its
    municipality's service ([kommuner."NNNN"] besoksadresse, or its export's where that
    names its service), when another than the one [service] alone gives it. One
    inter-municipal service, several offices: the contact person needs
    [schedule] travel_minutes between two of them (bookings.py busy). None: the service's
    own office (also when neither has a visiting address), as every case had before."""
    s = ws.settings
    own = context.visiting_address(case, config.letterhead_of(
        s.service, s.for_kommune(case.kommunenummer).service))
    usual = context.visiting_address(case, dict(s.service))
    if own is None or usual is not None and _same_place(own, usual):
        return None
    return own


def _same_place(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def ask_again(ws: Workspace, beside: set[str]) -> None:
    """The contact person's other cases meeting on or beside a meeting of a case's that
    changed, came, went, or left the programme with it (bookings.py record, release): their
    plans say again whether a kept date of theirs has the travel time (or overlaps), also
    when they are in no export today (the day's refresh makes them, once more if it has run
    today already)."""
    if not beside:
        return
    from .refresh import DONE_FOR  # (refresh imports this module)
    for other in sorted(beside):
        incremental.ask_again(ws.state, other)
    (ws.state.folder / DONE_FOR).unlink(missing_ok=True)


def _what_follows(moved) -> str:
    """What follows the conversations the planner moved (the journal did not record them
    held), for the log (IT's, in bokmål): a new invitation proposing the new date, for a
    move follow-up contact as for a theme, since a date the planner picked was agreed with
    nobody (schedule.agreed)."""
    return "ny innkalling" if len(moved) == 1 else "nye innkallinger"


def plan_with(ws: Workspace, case: Case, fixed: schedule.Fixed, today: date,
              move_missed: bool = True, moved: dict | None = None,
              delays: dict | None = None, first_seen: date | None = None):
    """The case's plan from the dates kept (fixed), around the contact person's other
    meetings; moved and delays: as kept with the plan (else read from the state);
    first_seen: the day the case was first planned (schedule.plan_case)."""
    s = ws.settings
    if moved is None and case.key:
        moved = ws.state.load_moved(case.key)
    if delays is None and case.key:
        delays = ws.state.load_delays(case.key)
    # The meetings its invitations were issued for: a moved one's note says its new letter
    # is made when it is (schedule._Planner.letter_made).
    invited = invited_meetings(ws.state.folder, ws.state.pseudonym(case.key)) \
        if case.key else None
    return schedule.plan_case(case, ws.programme, s.schedule, today, fixed,
                              busy=ws.bookings.busy(case, s.schedule.duration_minutes,
                                                    s.schedule.child_meets_at,
                                                    office_of(ws, case)),
                              documents=s.documents, move_missed=move_missed,
                              moved=moved, delays=delays, first_seen=first_seen,
                              invited=invited,
                              visit_gap_days=s.compliance.max_visit_gap_days)


def prepare_documents(ws: Workspace, case: Case, today: date, move_missed: bool = True,
                      folder: Path | None = None) -> PreparedCase:
    """The case's documents, each cleaned, dated (the day it was issued) and fingerprinted
    (rendering/prepare.py), from the plan dates fixed in the state. folder: the case's, where
    a letter kept as issued through a new contact person must still be (Issued.issue)."""
    key = case_key(case)
    pseudonym = ws.state.pseudonym(key)
    fixed = ws.state.load_plan(key)
    watched = WatchedDay(today)  # what the documents ask of the day, for incremental.py
    # Planned with the plain day: the dates come from the state, set by plan() before,
    # and the planner's arithmetic on the day is no question the documents ask of it.
    # The day the case was first planned, as plan() had it: a gap that began before the
    # case came keeps that reason once its conversation is registered (schedule._why).
    firsts = first_made(ws.state.folder, pseudonym)
    seen = min(firsts.values(), default=None)
    plan = plan_with(ws, case, fixed, today, move_missed, first_seen=seen)
    ctx = context.build(case, plan, ws.programme, watched, ws.settings.service,
                        settings=ws.settings, pseudonym=pseudonym)
    issued = Issued(ws.state.folder, pseudonym, today, folder, _marked_sent(ws, folder, today),
                    _retrieved(ws, folder))
    # Renamed first: a family registered by mistake with one foster parent had the letters
    # «… til fosterforelderen»; given back, the family with two has them under their names
    # again («… til fosterforeldrene»), and before_move finds them there.
    issued.renamed(ctx.former_endings())
    if foster_home.corrected(case):  # the foster parents' letters as issued before the move
        wrong = case.feilregistrert_fosterhjem[-1]
        issued.before_move(wrong.fra, wrong.til)
    ctx.issued, ctx.issued_last, ctx.issued_as = issued.date, issued.last, issued.issue
    ctx.issued_before = issued.renamed_from.get
    ctx.issued_keys = issued.keys  # the names documents were issued under (file_title)
    ctx.issued_earlier, ctx.keep_issue = issued.earlier, issued.keep
    ctx.issued_replaces, ctx.issued_dates_unknown = issued.replaces, issued.dates_unknown
    ctx.issued_invited_only = issued.invited_only
    ctx.issued_new_contact = issued.new_contact
    ctx.issued_shows = issued.shows
    ctx.issued_field = issued.field
    ctx.issued_told, ctx.issued_told_other_contact = issued.told, issued.told_other_contact
    ctx.issued_first = firsts.get
    home = folder or case_folder_path(ws.settings.paths.outbox, case.journalnummer, pseudonym)
    ctx.ours = _ours_in(ws, home)
    prepared = prepare(ctx, ws.kinds, ws.renderer)
    # Minutes left as they are while open in Word or LibreOffice: the record asks the next
    # run to make the case again (answers not known), so a run after they are closed fills
    # them in, also on a day that asks nothing new and after the programme's last day.
    answers = None if ctx.held_open else watched.answers()
    # A document made under its new name (Issued.renamed: a renewed offer named by its parent
    # now) leaves its copy under the old name when that is ours and unchanged (one file, not
    # both: the caseworker sends none twice); an edited copy stays, listed not to send. Not
    # when the document is issued anew (another parent's offer): the old letter stays.
    ctx.withdrawn += [before for doc in prepared.documents
                      if (before := issued.renamed_from.get(str(doc.doc.path)))
                      and issued.kept_renamed(str(doc.doc.path))]
    prepared.fixed, prepared.issued, prepared.answers = fixed, issued, answers
    return prepared


def _marked_sent(ws: Workspace, folder: Path | None,
                 today: date) -> Callable[[str, str], bool] | None:
    """Whether staff marked a letter of the case folder as sent (Issued.sent): in the state
    or on the list in the outbox (documents/sent_marks.py marked_as_sent), read only when
    asked (a letter whose contact person changed)."""
    if folder is None:
        return None
    outbox = ws.settings.paths.outbox
    where = folder.relative_to(outbox).as_posix() if outbox in folder.parents else folder.name

    plugins = ws.settings.paths.plugins
    marked = sent_marks.marked_as_sent(ws.state.folder, outbox / sending.FILE_NAME, today,
                                       sent_marks.moved(ws),
                                       lambda: incremental.code_version(plugins))
    return lambda key, issue: marked(f"{where}/{key}", issue)


def _retrieved(ws: Workspace, folder: Path | None) -> Callable[[str], bool] | None:
    """Whether staff marked done the «Gi beskjed» row asking to have the older child's letter
    back from a foster home registered by mistake (Issued.retrieved): its Dokument the
    letter's with «(registrert ved en feil)» after it (documents/sending.py
    _to_the_home_left), in either written standard the list may have had. The marks kept in
    the state, read only when asked."""
    if folder is None:
        return None
    outbox = ws.settings.paths.outbox
    where = folder.relative_to(outbox).as_posix() if outbox in folder.parents else folder.name
    endings = {tekst(m)("utsending.feilregistrert_dokument") for m in ("bokmal", "nynorsk")}
    marks: dict[str, dict] | None = None

    def done(key: str) -> bool:
        nonlocal marks
        marks = sent_marks.kept(ws.state.folder) if marks is None else marks
        return any(sent_marks.told_done(marks, f"{where}/{key}{ending}") for ending in endings)

    return done


def render_case(ws: Workspace, case: Case, folder: Path, prepared: PreparedCase,
                first_alone: bool = True) -> Rendered:
    """Write the case's documents that changed, and commit them. first_alone: the first
    written goes out at once (commit.DocumentWriter), for a small input someone waits for.

    A document whose template and data are unchanged is left untouched; one someone
    changed since we wrote it is kept, and the new version is written beside it.
    """
    key = case_key(case)
    pseudonym = ws.state.pseudonym(key)
    ensure_dir(folder)
    inside = folder.resolve()
    root = ws.settings.paths.outbox
    root = root if root.resolve() in inside.parents else folder
    writer = DocumentWriter(ws.ledger, root, first_alone)
    try:
        missing = _write_documents(ws, prepared, inside, folder, writer, pseudonym)
    except Exception:
        release_case_folder(folder)  # a folder claimed for documents not made
        raise
    t = prepared.ctx.t
    report = missing_report(missing, t).encode("utf-8")
    missing_list = t("fil.mangler")
    placed = writer.place(folder / missing_list, hashlib.sha256(report).hexdigest())
    if not placed.unchanged:
        writer.write(placed, report, [])
    writer.flush()
    prepared.issued.save()  # after the documents: a crash before dates them again
    listed = sending.listed_after_their_day(
        prepared.ctx, ws.state.folder, issued_invitations(ws.state.folder, pseudonym),
        {p.path.relative_to(folder).as_posix() for p in writer.placed
         if folder in p.path.parents})
    _remove_superseded(ws, folder, root, writer.placed, t, prepared.ctx.withdrawn, listed)
    say_held_open(pseudonym, prepared)
    dates = schedule.fixed_dates(prepared.ctx.plan)
    if dates != prepared.fixed:
        ws.state.save_plan(key, dates, prepared.ctx.plan.moved, prepared.ctx.plan.delays)
    written = sum(1 for p in writer.placed if p.written and p.path.name != missing_list)
    return Rendered(written, _new_versions(pseudonym, folder, writer.placed))


def say_held_open(pseudonym: str, prepared: PreparedCase) -> None:
    """The log says which minutes were left as they are, open in Word or LibreOffice: on
    each run while they are (a lock file a crash left behind keeps them so until it is
    deleted or older than store/commit.py's LOCK_BELIEVED_FOR)."""
    for document in prepared.ctx.held_open:  # (their paths name no one: our own making)
        log.warning("%s: et referat er åpent i Word eller LibreOffice og er latt være som det "
                    "er denne gangen: %s", pseudonym, document,
                    extra={"event": "minutes_held_open", "case": pseudonym})


def _write_documents(ws: Workspace, prepared: PreparedCase, inside: Path, folder: Path,
                     writer: DocumentWriter, pseudonym: str) -> dict[str, list[str]]:
    """The prepared documents that changed; per document, what it lacks."""
    strict = ws.settings.documents.strict_missing
    missing: dict[str, list[str]] = {}
    held = []
    within: dict[Path, bool] = {}  # each folder resolved once, not each document
    for item in prepared.documents:
        doc = item.doc
        target = folder.joinpath(*doc.path.parts)
        if doc.path.is_absolute() or ".." in doc.path.parts or doc.path.name in ("", "."):
            raise TemplateError(f"Dokumentkategorien {item.kind} ga en ugyldig filsti.")
        if target.parent not in within:
            real = target.parent.resolve()
            within[target.parent] = real == inside or inside in real.parents
        if not within[target.parent]:  # a plain path that leads out: a folder is a link
            said = tekst()  # bokmål: the note is said in the service's standard (inbox.fail)
            raise InputError(said("feilmelding.lenke_i_saksmappe", sak=pseudonym),
                             what_to_do=said("feilmelding.lenke_i_saksmappe_gjore"))
        placed = writer.place(target, item.fingerprint)
        try:
            rendered = None if placed.unchanged else item.rendered or ws.renderer.render(doc)
        except Exception as exc:
            making(exc, item.kind)  # a plugin's template filter: the note names the kind
            raise
        gaps = placed.missing if rendered is None else rendered.missing
        if rendered is not None and writer.as_written(placed, target, rendered.data):
            # Edited by a caseworker, and made again only for a template changed where this
            # letter does not show it: the same letter, so no copy «(ny versjon)» beside it.
            rendered = None
        if gaps:
            missing[_listed_as(doc, prepared.ctx.t)] = gaps
        if rendered is not None and strict:
            held.append((placed, rendered))  # all or none: written after the check
        elif rendered is not None:  # as they come: the first document is out at once
            writer.write(placed, rendered.data, rendered.missing)
    if missing and strict:
        raise strict_refusal(prepared.ctx.case, pseudonym, missing, prepared.ctx.t)
    for placed, rendered in held:
        writer.write(placed, rendered.data, rendered.missing)
    return missing


def _remove_superseded(ws: Workspace, folder: Path, root: Path, placed: list[Placed],
                       t: Tekst, withdrawn: list[str] | None = None,
                       asked: set[str] | None = None) -> None:
    """Invitations and calendar files this run did not make again: their conversation
    moved (a new one was made for the new date), was held or was cancelled. Each is
    removed when it is still ours, unchanged; one someone edited stays, and the list of
    letters to send (documents/sending.py) marks it as not to be sent. So are the
    documents the case's kinds withdrew (CaseContext.withdrawn: minutes of a parent who
    declined), when not made again. Not an invitation the list names after its day
    (asked: sending.listed_after_their_day, keys in the case folder): its row names the
    letter, which stays until a making of the case after the list stops naming it."""
    made = {p.path for p in placed}
    gone = []
    listed = [folder / key for key in withdrawn or []]
    for sub in (t(key) for key in SUPERSEDED_IN):
        listed += sorted((folder / sub).rglob("*")) if (folder / sub).is_dir() else []
    for path in listed:
        if not path.is_file() or path in made or path.name.startswith(TEMP_PREFIX) \
                or path.relative_to(folder).as_posix() in (asked or ()):
            continue
        key = path.relative_to(root).as_posix()
        if ws.ledger.ours(key, sha256_file(path)) is not None:
            path.unlink(missing_ok=True)
            gone.append(key)
    if gone:
        ws.ledger.forget(gone)


def _new_versions(pseudonym: str, folder: Path, placed: list[Placed]) -> list[dict[str, str]]:
    """Documents someone changed since we wrote them: the new version went beside them."""
    found = []
    for p in placed:
        if p.written and p.beside:
            document = p.path.relative_to(folder).as_posix()
            log.warning("%s: et dokument var endret av noen andre; ny versjon skrevet ved "
                        "siden av: %s", pseudonym, document,
                        extra={"event": "new_version", "case": pseudonym})
            found.append({"sak": pseudonym, "dokument": document})
    return found


def missing_report(missing: dict[str, list[str]], t: Tekst | None = None) -> str:
    """mangler.txt (manglar.txt in nynorsk): what each document lacks."""
    t = t or tekst()
    if not missing:  # what the case lacks beyond the documents: its workbook's findings
        return t("mangler.ingen", oversikt=t("fil.oversikt")) + "\n"
    heading = t("mangler.overskrift")
    lines = [heading, "=" * len(heading), *t("mangler.forklaring").splitlines(), ""]
    return "\n".join(lines + missing_lines(missing)) + "\n"


def _listed_as(doc, t: Tekst) -> str:
    """A document's line in the case's list of what is missing: its path, and for a letter
    in the other standard (a parent who asked for it) that its fields are said in that one,
    as the document shows them («[mangler: ...]» in a nynorsk case's list)."""
    if doc.malform == t.malform or not doc.template:  # a calendar file: made, no standard
        return str(doc.path)
    return f"{doc.path} ({t(f'mangler.pa_{doc.malform}')})"


def missing_lines(missing: dict[str, list[str]]) -> list[str]:
    """Per document, the labels of what it lacks: our own words, never a value."""
    lines = []
    for path, labels in sorted(missing.items()):
        lines.append(f"{path}:")
        lines.extend(f"  - {label}" for label in labels)
    return lines


def strict_refusal(case: Case, pseudonym: str, missing: dict[str, list[str]],
                   t: Tekst | None = None) -> InputError:
    """[documents] strict_missing: no documents for a case with gaps, and a note saying why.

    The message (also logged) names the case by pseudonym; the note beside the file adds the
    journal number and the list, field labels only."""
    t = t or tekst()
    which = (t("feil.streng_journalnummer", journalnummer=case.journalnummer)
             if case.journalnummer else "")
    return InputError(
        t("feil.streng", sak=pseudonym, antall=len(missing)),
        what_to_do="\n".join([
            t("feil.streng_liste", hvilken=which), "",
            *missing_lines(missing), "",
            t("feil.streng_gjore"),
        ]),
    )
