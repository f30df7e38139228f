"""The administrative staff's list of letters to send now: outbox/Til utsending.xlsx.

Made from the template utsending.xlsx after every run that changed a case or a new day
began, like the caseload workbook (caseload.py), and written the same way: a list someone
has written in is kept, and the new one goes beside it as "Til utsending (ny versjon).xlsx".
Except for the column Sendt, which staff fill in as they send (a date, or "x"): before the
list is made again the marks are read from it and from a "(ny versjon)" beside it, kept in
the state and put on the new list (sent_marks.py), and a list in which only Sendt was
written in is replaced by the new one. A letter marked as sent stays listed, after the
others, until the day it would have left the list: staff see what was sent, and a mark set
by mistake. A mark is for one issue of the letter (store/issued.issues): one made again with
other content is not marked, and its row says to send it again, and what changed where that
is known (_changed: a new date or hour for an invitation, other dates for a letter listing
them), else only that its content did.

A letter is on the list from the day it is made until the day it is for: an invitation
from [documents] invitation_days_before ahead of its conversation until the day before it,
the information letter and the renewed offer in the first invitation_days_before days of the
programme, or as many days from the day each was first made when that was later (a case
first exported late; the day comes from store/issued.py with the kept rows' key, and a
letter made again as the days go by is not listed anew). An information letter or a
renewed offer nobody marked as sent stays after its days, to check whether it was, its
"Send innen" passed, and Saksoversikt's Avvik names it until it is marked (_past_its_days,
unmarked_letters): left off silently, nobody knew whether the parents were ever told of
the programme, or a parent who declined offered it again. An older renewed offer leaves
once a newer one to the same parent is made, unless marked (_superseded). "Send
innen" is two weeks before the conversation (or the day the letter is made, when that is
later); for those letters a week after the programme started or they were made; shown as
a day the office is open (send_by: the planner's calendar, with the service's closed
days), as the first list the letter was on showed it: kept there once it has passed, and the
list colours the row red (_as_it_was_due; helper 312: raised to today on each list, a letter
never sent never read as late). "Brevdato" is the
letter's own date (store/issued.py, the day it was last issued): a letter sent on an earlier
day is still listed, and its date tells it from those made since. Rows
name the case by journal number and the recipient by role, never by name. An invitation
that was not made again (its date moved, or the conversation was held) but that someone
edited is kept in the case folder (run/case_step.py) and listed as not to send; so is a
letter that lacks something it shows («[mangler: …]», as the ledger recorded it). An
information letter or renewed offer made late on the service's first run (store/issued.py
in_use_from: a case whose programme's first weeks were over before the service began) is
listed without "Send innen", noted as possibly sent before: such letters were sent by hand
before the service began, and staff check the journal rather than send them again; nobody
having marked one by the end of its days, it stays and Avvik names it, as any other (nobody
confirmed it was sent: it left the list unnamed). The letter
of a move follow-up contact whose time the journal has (agreed with the party directly)
confirms it rather than invites, and its row says so; one whose time the planner picked
proposes it, and its row says that it is not agreed; when it cannot be sent before the
day of its meeting (the planner places the contacts from the next working day), the row
asks for the time to be agreed directly instead. A letter by post that cannot reach its
reader before the day of its conversation ([documents] post_days working days in the post)
says so, and that the time is agreed by phone: the letter goes as confirmation when the
time agreed is its own, and another time is registered in the journal instead, whose next
export makes the letter to send; so does a digital letter proposing a time (a theme's
invitation, or a move follow-up contact's not agreed) that is sent
within [documents] short_notice_days working days of its conversation («Kort varsel»): its
reader has no time to answer it. A theme's invitation or a contact's is judged so by the day
it was issued, as the letter itself is (innkalling.short_notice: it reads as a confirmation):
one issued in good time invites, and sent that late its row says it was made as an
invitation, not to send it «som bekreftelse». A joint meeting's invitation sent so late has «Kort
varsel» too, asking for its reader to be told of the meeting by phone, and so does a
digital information letter sent so late before the next conversation it lists (naming the
meeting when that is the next date it lists: _for_the_meeting). An
information letter is sent by its reader's first invitation at the latest (the same "Send
innen", and listed just before it): it presents the conversations, so it never comes after
the first. One still unsent once the conversation it names as the next has passed says so
(before the note of an old export), and its "Send innen" stays the day it was due, passed
(the list colours such a row red), as any letter's; its "Samtaledato"
is that conversation, passed too, not the next one to come (a date ahead beside a «Send
innen» gone by read as if there were time).
A letter of a case whose newest export is older than [documents] stale_export_days (the
journal's exports of it stopped coming: the export broke, the case moved to another unit) is
listed to check, its note naming that export's date: it may rest on what no longer holds
(not one listed «Ikke send»: what to check before sending is not for a letter not to send).
The date is the newest the run knows (a re-export that changes nothing else is kept only in
the readings, store/readings.py), looked up as the list is made: the note is the list's
alone (made again each day), never in the letters or the rows kept for a case.
The invitation to a track's last theme when none of its earlier themes is registered as held
and none is ahead is listed to check: it looks back on conversations the journal does not
have (_earlier_not_held). An invitation issued on the day of its meeting was never on a list:
it is listed that day, not to send, for someone to call its reader (_made_on_the_day), so no
letter lies in the case folder unlisted, and once more up to the next working day after it
while nobody marked it as sent (_made_on_the_day_passed). So is any invitation nobody marked
as sent on the day of its conversation, after its last day on the list: to check whether it
was sent, and if not that its reader was called (helper 312: it left the list silently). So
is one held back all along for what it lacks, saying what it lacked: it left the list on
that day without a trace too. When no list was made on the day of its conversation (the
service was off: a holiday, the watch stopped), such an invitation is listed on the lists
after it instead, the day named as passed, until it is marked as sent or
issued.UNMARKED_PASSED_DAYS have passed (the state keeps it so long), not once the journal
has the conversation as held that day (_unmarked_passed; the days lists were made:
_list_days).
A letter that replaces one issued before (an invitation for a meeting moved:
store/issued.replaced) says which in its note, as the letter
does.
The Kontaktperson column names a case without one «(ingen kontaktperson registrert)».
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import bundled
from ..domain import compliance, qualify
from ..hookspecs import hookimpl
from ..planning.workdays import WorkCalendar
from ..rendering import template_folders
from ..rendering.former_releases import SHORT_NOTICE_KEY
from ..rendering.prepare import (
    DATES_UNKNOWN_KEY,
    NEW_CONTACT_KEY,
    REPLACES_KEY,
)
from ..rendering.renderer import Document, TemplateError
from ..rendering.shown_text import shown_text_of
from ..store import incremental, issued
from ..store.commit import (
    NEW_VERSION,
    ensure_dir,
    read_state_file,
    sha256_file,
    versions,
    write_text_atomic,
)
from ..store.hashes import KnownHashes
from ..store.rows import FOLDER as KEPT_ROWS
from ..store.safenames import case_folder_path, journal_folder_name
from ..text import MISSING_RE, Tekst, tekst
from . import LETTER_DAYS, caseload, conversation_file, opens, sent_marks

if TYPE_CHECKING:
    from ..run.summary import Summary
    from ..run.workspace import Workspace

log = logging.getLogger("omsorgspakke")

FILE_NAME = "Til utsending.xlsx"
TEMPLATE = "utsending.xlsx"
MARKER = "utsending.laget"
HASHES = "utsending-sha256.json"
"""In the state's folder of kept rows: the listed letters' hashes (_edited)."""
NOTICE_DAYS = 14
"""An invitation should be sent at least this many days before its conversation."""
SHARED = "utsending"
"""In State.shared: the day and the cases' rows the list was made from in this batch, which
Saksoversikt's Avvik takes (unmarked_letters) rather than reading them again."""
SERVICE_CONTACT = ("telefon", "epost")
"""The contact person's details a letter shows the service's for when the export lacks them
(_service_contact), in the order the row's note names them."""


def invitation(doc: Document, ctx, day: date, at: time, early: bool = False) -> Document:
    """An invitation for a conversation or meeting on this day at this time: on the list
    until then; one for a meeting moved says which letter it replaces (Document.appointment).
    early: made before its window opens (its meeting moved after the first letter was
    issued): to be sent the day it is made, as the family holds a date that no longer is."""
    doc.send_by = ctx.last_issued(str(doc.path)) if early else _notice(ctx, day)
    doc.listed_until = day - timedelta(days=1)
    doc.meeting = day
    doc.appointment = datetime.combine(day, at).isoformat(timespec="minutes")
    doc.context[REPLACES_KEY] = ""  # rendering/prepare.py says which, in a run
    doc.context[DATES_UNKNOWN_KEY] = False  # (and whether for its meeting or another fact,
    doc.context[NEW_CONTACT_KEY] = False  # a new contact person)
    return _service_contact(doc)


def _service_contact(doc: Document) -> Document:
    """A letter whose contact person has no phone number or e-mail in the export shows the
    service's own in its place ([service] telefon, as «55 00 12 00 (sentralbord)», and
    epost; or the export's tjeneste), so that what only a re-export could bring does not
    hold back a letter for a meeting tomorrow: the reader can call or write to the service.
    (A child's letter then says whom to ask for there: templates, not this value, which
    every issued letter shows; a new value would issue each anew.)
    Its row on the list says so (_case_rows). Without the service's own the letter shows
    «[mangler: …]» and is not to send, as any letter lacking something."""
    person, service = doc.context.get("kontaktperson"), doc.context.get("tjeneste", {})
    if not person:
        return doc
    taken: dict[str, str] = {}
    for field in SERVICE_CONTACT:
        own = service.get(field, "")
        if MISSING_RE.fullmatch(person.get(field, "")) and own and not MISSING_RE.search(own):
            taken[field] = own
    if taken:
        if "telefon" in taken:
            taken["telefon"] = tekst(doc.malform)("sak.sentralbord", telefon=taken["telefon"])
        doc.context["kontaktperson"] = {**person, **taken}  # base's dict is shared
        doc.from_service = tuple(taken)
    return doc


def _notice(ctx, day: date) -> date:
    """The "Send innen" of an invitation for a conversation on this day."""
    return max(opens(ctx, day), day - timedelta(days=NOTICE_DAYS))


def opening_letter(doc: Document, ctx, begun: bool = True,
                   first: date | None = None, again: bool = False) -> Document:
    """A letter sent as the programme starts: on the list in its first weeks, and at least a
    week from the day it was made. One made after them (a case first exported late, a
    parent who declined later) is on the list as long from the day it was made, to be sent
    within a week of it; one made late on the service's first day (ctx.in_use_from) is
    listed as one that may have been sent before, unless the programme had not begun for
    its reader (begun: an information letter to a parent with no conversation held yet says
    the conversations begin now: to send).
    first: the first coming conversation the letter lists: the letter is to be sent by that
    conversation's invitation (the same "Send innen"), never after the meeting it presents.
    again: the dates it shows have changed since it was first made (a conversation moved):
    issued anew, it is listed as from the day it was, to be sent again."""
    days = ctx.settings.documents.invitation_days_before
    start = ctx.plan.start
    made = (ctx.made or {}).get(str(doc.path))
    if again and _issued_again(ctx, str(doc.path)):
        start = ctx.last_issued(str(doc.path))
    elif made is not None and made > start + timedelta(days=days):
        start = made
        # The service's first run, for a programme whose first weeks were over before it:
        # the letter was most likely sent by hand then. Listed to check, not to send.
        doc.maybe_sent = made == ctx.in_use_from and begun
    # Made late in the first weeks (a case first exported then): a week to send it, as
    # one made after them; not gone from the list the next day, never sent (helper 104),
    # nor due a week after the placement, before it was made (helper 105).
    week = timedelta(days=7)
    doc.send_by = start + week if made is None or made <= start + week else made + week
    doc.listed_until = max(start + timedelta(days=days), (made or start) + week)
    if first is not None:
        doc.send_by = min(doc.send_by, _notice(ctx, first))
        doc.meeting = first
    if doc.presents is not None:
        # Due by the invitation of the conversation it names as the next, also once that
        # day has passed and the first coming one is a later one (helper 193: its «Send
        # innen» moved on to the later one's, and the row never read as late).
        doc.send_by = min(doc.send_by, _notice(ctx, doc.presents))
    # Issued anew for anything but new dates (an answer, a conversation recorded): a copy
    # marked as sent already told its reader what they need (helper 105). Not one by post:
    # it may be issued anew for a corrected address, the copy sent gone astray. Nor one the
    # state no longer keeps as issued (a parent's information letter withdrawn when they
    # declined, made again when they accept again): what its reader was sent then is not
    # known to be what it says now, so a mark on that one is not this one's.
    doc.keeps_mark = not again and doc.context.get("mottaker", {}).get("sendes") == "digitalt" \
        and _issued_before_today(ctx, str(doc.path))
    return _service_contact(doc)


def _issued_before_today(ctx, key: str) -> bool:
    """Whether the letter `key` is kept as first made before today (store/issued.py
    first_made: as the run found it, or, for the list, ctx.made): not one made anew today
    after the state let its issue go (withdrawn). True outside a run, where nothing is kept."""
    if ctx.issued_first is not None:
        first = ctx.issued_first(key)
    elif ctx.made is not None:
        first = ctx.made.get(key)
    else:
        return True
    return first is not None and first < ctx.today


@hookimpl
def after_batch(summary: Summary, today: date, workspace: Workspace) -> str | None:
    """Rewrite the list when a case or the day changed; a message for staff, or None."""
    return update(workspace, today)


def update(ws: Workspace, today: date) -> str | None:
    """The list made again, with the marks staff set in Sendt (sent_marks.py) carried over."""
    marks = sent_marks.Marks(ws, today, ws.settings.paths.outbox / FILE_NAME)

    def values() -> dict[str, Any]:
        found = workbook_context(ws, today, marks)
        marks.shown(found["brev"], _as_shipped(ws))  # its marks known to the next run
        return found
    made = caseload.outbox_workbook(ws, today, FILE_NAME, TEMPLATE, MARKER, values,
                                    "utsending", written=marks.written)
    unread = marks.message(tekst(ws.settings.messages_malform))
    return " ".join(m for m in (unread, made) if m) or None


def _as_shipped(ws: Workspace) -> bool:
    """Whether the list is made from the template the program ships, byte for byte (not a
    municipality's own): then its Dokument, Brevdato and Sendt are read back as given
    (sent_marks.Marks.shown)."""
    malform = ws.settings.malform
    try:
        used = ws.renderer.template_path(TEMPLATE, malform)
        shipped = template_folders.resolve(bundled.folder("templates"), TEMPLATE, malform)
        return used.read_bytes() == shipped.read_bytes()
    except (OSError, TemplateError):
        return False


@hookimpl
def after_case(case, today: date, workspace: Workspace, shared: dict[tuple, Any]) -> None:
    """The case's rows, made where its documents were (caseload.keep_rows)."""
    caseload.keep_rows(workspace, case, today, case_rows(workspace), shared)


def case_rows(ws: Workspace) -> caseload.CaseRows:
    """Each case in its own standard: its folder's names are (the list itself is the
    service's, in [service] malform)."""
    settings = ws.settings
    t = tekst(settings.malform)
    kinds = [k for k in ws.kinds if getattr(k, "letters", False)]

    def rows_of(case, pseudonym: str, ctx) -> dict[str, Any]:
        folder = case_folder_path(settings.paths.outbox, case.journalnummer, pseudonym)
        plain = journal_folder_name(case.journalnummer)
        shown = case.journalnummer if plain and case.journalnummer else pseudonym
        return _case_rows(ctx, kinds, folder, shown, settings.paths.outbox, t,
                          issued.issues(ws.state.folder, pseudonym),
                          lambda document: _gaps(ws, document),
                          issued.invitations(ws.state.folder, pseudonym),
                          issued.replaced(ws.state.folder, pseudonym),
                          issued.dates_unknown(ws.state.folder, pseudonym))

    # Also a case closed recently: an invitation it had sent for a meeting ahead is listed.
    return caseload.CaseRows("listen til utsending", "utsending", rows_of, after_end=True)


def workbook_context(ws: Workspace, today: date,
                     marks: sent_marks.Marks | None = None) -> dict[str, Any]:
    """The staff's list is the service's: in [service] malform, whatever each case's standard.
    marks: what staff marked as sent, taken in from the lists in the outbox and put on."""
    settings = ws.settings
    found = caseload.each_stored_case(ws, today, case_rows(ws))
    ws.state.shared[SHARED] = (today, found)  # for Saksoversikt's Avvik: unmarked_letters
    if marks is not None:  # an ended case's folder is not looked in (_case_rows)
        marks.keep_closed({rows["mappe"] for _, rows in found if rows["innkallinger"] is None})
    hashes = KnownHashes(ws.state.folder / KEPT_ROWS / HASHES)
    days = _list_days(ws.state.folder)
    t = tekst(settings.malform)
    # The name is put in from the case: kept rows hold none (caseload.each_stored_case).
    values = _list_values([{**rows, "kontaktperson": caseload.contact_shown(head, t),
                            "eksportert": caseload.newest_export(ws, head,
                                                                 rows.get("eksportert"))}
                           for head, rows in found], today, t,
                          settings.paths.outbox, WorkCalendar.from_settings(settings.schedule),
                          marks, lambda document: _edited(ws, document, hashes),
                          lambda document: _newer_version(ws, document),
                          settings.documents.stale_export_days,
                          lambda document: _still_missing(settings.paths.outbox / document),
                          None if days is None else days.__contains__)
    hashes.save()
    if marks is not None:  # a run's list: this day's is made
        _keep_list_day(ws.state.folder, today, days or set())
    return values


LIST_DAYS = "laget-dager.json"
"""In the state's folder of the marks (sent_marks.FOLDER): the days a run made the list,
the last LIST_DAYS_KEPT of them, as ISO dates (_unmarked_passed)."""
LIST_DAYS_KEPT = 60


def _list_days(folder: Path) -> set[date] | None:
    """The days a run made the list (LIST_DAYS); None when not known (none kept yet, by a
    release before this one, or a file that cannot be read)."""
    try:
        kept = json.loads(read_state_file(folder / sent_marks.FOLDER / LIST_DAYS))
        return {date.fromisoformat(day) for day in kept}
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def _keep_list_day(folder: Path, today: date, days: set[date]) -> None:
    """Today among the days the list was made, the last LIST_DAYS_KEPT kept."""
    if today in days:
        return
    kept = sorted(days | {today})[-LIST_DAYS_KEPT:]
    try:
        ensure_dir(folder / sent_marks.FOLDER)
        write_text_atomic(folder / sent_marks.FOLDER / LIST_DAYS,
                          json.dumps([day.isoformat() for day in kept]))
    except OSError as exc:  # the list is made all the same; the next run tries again
        log.warning("dagene listen til utsending er laget, kunne ikke lagres: %s", exc)


def unmarked_letters(ws: Workspace, today: date) -> dict[Any, list[compliance.Finding]]:
    """The Avvik sheet's findings for information letters and renewed offers past their days
    on the list that nobody marked as sent (_past_its_days), by the case's key: marked on
    the list (this issue, or one before whose mark holds for it: the same dates), kept in
    the state or set in a list staff saved since it was read (sent_marks.marked_as_sent),
    there is none. And the invitations nobody marked as sent whose conversation fell on a
    day no list was made, on the first list after it (_first_list_after, _unmarked_passed:
    compliance.unmarked_invitation). The workbook is made from the cases and the day: a
    mark counts at its next making. The list's rows as it was made in this batch
    (State.shared), else read again."""
    t = tekst(ws.settings.malform)
    target = ws.settings.paths.outbox / FILE_NAME
    plugins = ws.settings.paths.plugins
    sent = sent_marks.marked_as_sent(ws.state.folder, target, today, sent_marks.moved(ws),
                                     lambda: incremental.code_version(plugins))
    kept = sent_marks.kept(ws.state.folder)
    open_days = WorkCalendar.from_settings(ws.settings.schedule)
    found: dict[Any, list[compliance.Finding]] = {}
    day, stored = ws.state.shared.get(SHARED, (None, None))
    if day != today or stored is None:  # the list was not made in this batch
        stored = caseload.each_stored_case(ws, today, case_rows(ws))
    days = _list_days(ws.state.folder)
    for head, rows in stored:
        for row in rows["brev"]:
            document, issue = row["dokument"], row.get("utgave")
            mark = kept.get(document)
            mark = mark if isinstance(mark, dict) else {}
            marked = bool(mark.get("sendt"))
            its_day = row.get("paa_dagen")
            if isinstance(its_day, date) and days is not None and its_day not in days:
                # An invitation whose day had no list, named on the lists after it
                # (_unmarked_passed): named here too, on the first of them only
                # (_first_list_after).
                if not (marked and mark.get("utgave") == issue) \
                        and not (issue and sent(document, issue)) \
                        and _first_list_after(its_day, today, days):
                    found.setdefault(head.key, []).append(compliance.unmarked_invitation(
                        row.get("mottaker") or "", its_day,
                        bool(row.get("mote")), t))
                continue
            # A mark on a version before counts only when it holds for this one (the same
            # issue kept, or one made again with the same dates: Document.keeps_mark); one
            # made again with other content is its own letter to send (helper 221).
            remade = marked and issue is not None and mark.get("utgave") != issue \
                and not (row.get("merke_gjelder") and not sent_marks.on_replaced(
                    mark.get("utgave"), row.get("erstatter_dag")))
            if not row.get("etter_tiden") or marked and not remade \
                    or issue and sent(document, issue) or row.get("erstattet"):
                continue
            # Its deadline the «Send innen» the list shows for it (_list_values), not the
            # plan's day before the letter existed (a case first exported late); for one
            # listed «Kan være sendt før», without one, the last day of its time on the list.
            due = row.get("send_innen") or row.get("siste")
            how = sent_marks.what_changed(row.get("endret"), mark.get("utgave"), t) \
                if remade else ""
            found.setdefault(head.key, []).append(compliance.unmarked_letter(
                row.get("til", ""), row.get("brevdato"),
                due and _as_it_was_due(due, row.get("brevdato"), open_days), t, how,
                row.get("brev") or "informasjonsbrev", bool(row.get("kan_vaere_sendt"))))
    return found


def _first_list_after(day: date, today: date, days: set[date]) -> bool:
    """Whether today's list is the first made after a day that had none (days: those a list
    was made, _list_days): the Avvik sheet names an invitation nobody marked as sent whose
    conversation fell on that day then, and not on the lists after. The team leader learns
    once, while there is still time to call its reader, that a conversation's letter may
    never have gone out on a day the service was off; checking whether it did is the
    clerk's, whose list names it every day until it is marked or its days are over. Named
    on each of those days too, the sheet counted it as a deviation up to 14 times, beside
    a row the clerk was already dealing with (a reader's finding)."""
    return not any(day < made < today for made in days)


def sample_context(contexts: list, kinds: list) -> dict[str, Any]:
    """The list's values as a run makes them, from these case contexts alone (the first
    one's day and standard for the list; no folder on disk is looked in): what `templates
    check` checks the template's fields against, with synthetic cases."""
    first, outbox = contexts[0], Path("outbox")
    letters = [k for k in kinds if getattr(k, "letters", False)]
    found = [{**_case_rows(c, letters, outbox / c.case.journalnummer, c.case.journalnummer,
                           outbox, first.t),
              "kontaktperson": caseload.contact_shown(c.case, first.t)} for c in contexts]
    return _list_values(found, first.today, first.t, None,
                        WorkCalendar.from_settings(first.settings.schedule),
                        stale_days=first.settings.documents.stale_export_days)


def _sent_in_time(mark: sent_marks.Mark, meeting: date, days: int) -> bool:
    """Whether a letter marked as sent (a date, or a word: "x") was sent in time for the
    conversation on `meeting`, which it reaches `days` working days after it is sent (as
    the list judged it while it waited: _too_close). A mark without a date counts as in
    time: staff sent it while the list asked them to."""
    if not isinstance(mark, date):
        return True
    return LETTER_DAYS.add_working_days(mark, days) < meeting


def _stale_note(exported: date | None, today: date, stale_days: int | None,
                t: Tekst) -> str | None:
    """The note for a letter of a case whose newest export is older than [documents]
    stale_export_days (the journal's exports of it stopped coming: the export broke, the
    case moved to another unit): what the letter rests on may be out of date, so it is
    to be checked in the journal before it is sent. None for a recent export, or a case
    with no export date."""
    if exported is None or not compliance.export_is_stale(exported, today, stale_days):
        return None
    return t("utsending.gammel_eksport", dato=t.dato(exported))


def _list_values(found: list[dict[str, Any]], today: date, t: Tekst,
                 outbox: Path | None, open_days: WorkCalendar,
                 marks: sent_marks.Marks | None = None,
                 edited: Callable[[str], bool] | None = None,
                 newer: Callable[[str], tuple[str, list[str]] | None] | None = None,
                 stale_days: int | None = None,
                 still_missing: Callable[[str], list[str] | None] | None = None,
                 listed_on: Callable[[date], bool] | None = None) -> dict[str, Any]:
    """The list's values from each case's rows (_case_rows); outbox: where to look for
    edited invitations that were not made again (_kept_letters); open_days: the days the
    office is open ([schedule], as the planner has them), for "Send innen"; marks: what
    staff marked as sent; edited(path): whether someone changed the letter since it was
    written (a letter with gaps filled in by hand is then to be checked, not held back);
    newer(path): for such a letter, the new version of ours written beside it, if any
    (the letter's facts changed since), and what it lacks: the row says to send that one,
    or, lacking something, not to send yet. stale_days: [documents] stale_export_days: a
    letter of a case whose newest export (the case's "eksportert") is older is to be
    checked in the journal first (_stale_note). still_missing(path): what such an edited
    letter still shows as «[mangler: …]» (_still_missing): while anything, it stays held
    back; with the placeholders gone, it is to send, its row saying it was filled in by hand.
    listed_on(day): whether a list was made on that day (_list_days): an invitation not
    marked as sent whose meeting has passed is listed only when none was (_unmarked_passed;
    None: not known, and not listed).
    The letters to send come first, then those to check, those not to send, and those
    marked as sent."""
    rows: list[dict[str, Any]] = []
    issues: dict[str, str | None] = {}
    held: dict[str, str] = {}  # document -> SEND, CHECK or HOLD (not shown: _counts)
    former: dict[str, list[str]] = {}
    keeps: dict[str, bool] = {}  # a mark on an earlier issue holds (Document.keeps_mark)
    replaced_on: dict[str, str | None] = {}  # the day of the letter it says it replaces
    changes: dict[str, dict[str, str] | None] = {}  # what changed since (_changed)
    copies: set[str] = set()  # edited copies not to send (_kept_letters): no mark put on
    stale: dict[str, str] = {}  # document -> its note of an old export (_stale_note)
    overdue: dict[str, date] = {}  # document -> its «Send innen» before today (neste_passert)
    late: set[str] = set()  # past its days, kept while not marked as sent (_past_its_days)
    gone_by: set[str] = set()  # invitations listed once more after their days: unmarked
    superseded: set[str] = set()  # an older renewed offer, a newer made: unmarked (_superseded)
    # document -> its «Kort varsel» or «Rekker ikke fram med post», the day, by post
    short_said: dict[str, tuple[str, date, bool]] = {}
    short_days: dict[str, int] = {}  # the working days it needs to reach its reader in time
    for case_rows in found:
        # Who to ask about a letter («Be kontaktpersonen ringe …»).
        contact = case_rows.get("kontaktperson", "")
        old_export = _stale_note(case_rows.get("eksportert"), today, stale_days, t)
        for row in case_rows["brev"]:
            row = dict(row)
            if row.get("avlyst") is not None:  # _withdrawn: first, as _tell
                # (_to_the_home_left's: its issue is the mark's, found once they are read)
                issues[row["dokument"]] = issues[told_key(row["dokument"])] = row.pop("utgave")
                held[row["dokument"]] = CANCEL
                rows.append({**row, "sendt": None, "kontaktperson": contact})
                continue
            its_day = row.pop("paa_dagen", None)
            row.pop("mote", None)
            if its_day is not None and (listed_on is None or listed_on(its_day)):
                continue  # the list made on the day of its meeting named it then
            last = row.pop("siste", None)
            issues[row["dokument"]] = row.pop("utgave", None)
            former[row["dokument"]] = row.pop("tidligere", [])
            keeps[row["dokument"]] = row.pop("merke_gjelder", False)
            replaced_on[row["dokument"]] = row.pop("erstatter_dag", None)
            changes[row["dokument"]] = row.pop("endret", None)
            lacking = row.pop("mangler", None)
            maybe_sent = row.pop("kan_vaere_sendt", False)
            gaps = bool(lacking)  # it was written lacking something
            by_hand = False  # edited since written, its «[mangler: …]» still in it
            if lacking and edited is not None and edited(row["dokument"]):
                left = still_missing(row["dokument"]) if still_missing is not None else []
                left = lacking if left is None else left  # not readable: nothing tells
                if left:  # edited, but not (all) filled in: still not to send as it is
                    row["merknad"] = t("utsending.mangler_endret_fortsatt", hva=_what(left, t))
                    by_hand = True
                else:  # filled in by hand: to look over and send
                    row["merknad"] = t("utsending.mangler_endret", hva=_what(lacking, t))
                    lacking = None
            if row.pop("erstattet", False):
                superseded.add(row["dokument"])
            on_the_day = row.pop("samme_dag", False)
            if row.pop("samme_dag_passert", False):
                gone_by.add(row["dokument"])
            past = row.pop("etter_tiden", False)
            row.pop("til", None)
            row.pop("brev", None)
            held[row["dokument"]] = HOLD if lacking or on_the_day else \
                CHECK if maybe_sent or past else SEND
            again = row.pop("utgitt_igjen", False)
            replaces = row.pop("erstatter", None)
            # A copy edited since, with a new version of ours beside it (its facts changed
            # since): that one is to send, or to fill in first. Also one filled in only in
            # part: the new version may have from the journal what it lacked.
            if again and (held[row["dokument"]] == SEND or by_hand) and edited is not None \
                    and newer is not None and edited(row["dokument"]) \
                    and (beside := newer(row["dokument"])):
                name, lacks = beside
                replaces = None  # said of this copy, not of the new version beside it
                held[row["dokument"]] = CHECK if maybe_sent else SEND
                if lacks:  # to be filled in there first
                    held[row["dokument"]] = HOLD
                    row["merknad"] = t("utsending.ny_versjon_mangler", fil=f"«{name}»",
                                       hva=t.join(lacks))
                else:
                    # Not what this copy lacked, or that it was filled in: not the one to send.
                    row["merknad"] = _joined(t("utsending.send_ny_versjon", fil=f"«{name}»"),
                                             "" if gaps else row["merknad"] or "", t)
            day = row["send_innen"]
            shown = day and send_by(day, today, open_days, last)
            # Shown: the day it was due as its first list showed it, also once that has
            # passed (the list colours the row red), not raised to today list by list: a
            # letter never sent never read as late (helper 312). Not for the day's notes
            # below (shown): whether it reaches its reader in time is from today.
            due_shown = day and (_as_it_was_due(day, dated, open_days, last)
                                 if (dated := row.get("brevdato")) else shown)
            if due_shown and shown and due_shown > shown:  # (a later issue's own)
                due_shown = shown
            if past:
                # Its time on the list is over: whether it was sent is to check (said
                # first, below). Its «Send innen» the day it was due, passed (red); one
                # listed «Kan være sendt før» had none, and has none now.
                late.add(row["dokument"])
            if past and day:
                shown = due_shown = _as_it_was_due(day, row.get("brevdato"), open_days)
            if day and row.get("neste_passert"):
                # Its deadline as it was: shown if it stays to send (below).
                if (due := _as_it_was_due(day, row.get("brevdato"), open_days)) < today:
                    overdue[row["dokument"]] = due
            short = row.pop("forslag_kort", None)
            same_day = bool(short and row["merknad"] == t("utsending.forslag") and shown
                            and last and shown > last)  # it cannot go out before its day
            if same_day:
                row["merknad"] = short
            notice, meeting = row.pop("for_sent", None), row.setdefault("samtale", None)
            days, note, by_post, *on_its_day = notice or (0, "", False)
            letter_short, dated = row.pop("brev_kort", None), row.get("brevdato")
            one_foster = row.pop("en_fosterforelder", False)
            if notice and not by_post and letter_short is False and dated and meeting and \
                    LETTER_DAYS.add_working_days(dated, days) < meeting:
                # Issued in good time, it invites («Gi beskjed så snart …»), as the letter
                # was judged by the day it was issued (innkalling.short_notice); sent later,
                # its reader has no time to answer it. Not «send brevet som bekreftelse»,
                # which it does not read as: the list says it is sent later than it was made.
                child = "" if row.get("mottaker") != t("utsending.barnet") else \
                    "_barnet_en" if one_foster else "_barnet"
                note = t(f"utsending.kort_varsel_sendt_sent{child}", dato=t.dato(meeting),
                         laget=t.dato(dated))
            if on_its_day and shown and meeting and meeting <= shown:
                note = on_its_day[0]  # sent the day of the conversation it names
            if notice and shown and meeting and held[row["dokument"]] == SEND and \
                    LETTER_DAYS.add_working_days(shown, days) >= meeting and \
                    (by_post or not same_day):
                # By post it cannot reach its reader before the day of its conversation;
                # digitally, a proposal leaves its reader no time to answer it (one sent on
                # the day itself already says to agree the time directly).
                row["merknad"] = _joined(note, row["merknad"], t)
                short_said[row["dokument"]] = (note, meeting, by_post)
                short_days[row["dokument"]] = days
                if by_post and note in (t(f"utsending.{key}", dato=t.dato(meeting))
                                        for key in TAKEN_ALONG):
                    # The child's letter cannot arrive in time: the contact person takes it
                    # to the conversation (the note says so), nobody posts it. Shown as
                    # what it is, with no «Send innen» to keep, and not counted among the
                    # letters to send.
                    row["sendes"] = t("utsending.tas_med")
                    held[row["dokument"]] = HOLD
                    due_shown = None
            waiting = row.pop("venter", None)
            if waiting and shown and meeting and held[row["dokument"]] == HOLD and \
                    LETTER_DAYS.add_working_days(shown, waiting[0]) >= meeting:
                row["merknad"] = f"{row['merknad']} {waiting[1]}"  # held: someone must call
            unheld = row.pop("tidligere_ikke_holdt", None)
            if unheld:
                # The last theme's letter looks back on conversations the journal does not
                # have as held: to check first. Said before the row's own notes (after
                # «Ikke send: …», which the list colours its row by).
                if held[row["dokument"]] == SEND:
                    held[row["dokument"]] = CHECK
                notes = (row["merknad"], unheld) if held[row["dokument"]] == HOLD \
                    else (unheld, row["merknad"])
                row["merknad"] = " ".join(n for n in notes if n)
            if replaces:  # which letter its reader may hold: after what to do with it
                row["merknad"] = " ".join(n for n in (row["merknad"], replaces) if n)
            taken = row.pop("fra_tjenesten", ())
            if taken and held[row["dokument"]] != HOLD:
                # Said last: the letter is to send (or check) all the same.
                row["merknad"] = " ".join(
                    n for n in (row["merknad"], t(f"utsending.tjenesten_{'_'.join(taken)}"))
                    if n)
            if old_export and held[row["dokument"]] != HOLD:
                # Said first: what the letter rests on may no longer hold. One to send is
                # to check in the journal first. Not on one not to send («Ikke send: …»):
                # what to check «før brevet sendes» is not for a letter not to be sent
                # (helper 193); it is made again, or filled in, before it goes.
                stale[row["dokument"]] = old_export
                if held[row["dokument"]] == SEND:
                    held[row["dokument"]] = CHECK
                row["merknad"] = " ".join(n for n in (old_export, row["merknad"]) if n)
            rows.append({**row, "send_innen": due_shown, "sendt": None,
                         "kontaktperson": contact})
        if outbox is not None:
            kept = _kept_letters(case_rows, outbox, t, edited)
            copies.update(row["dokument"] for row in kept)
            rows.extend(kept)
    earlier_marked: set[str] = set()  # sent before it was made again: the row says so
    if marks is not None:
        marks.take_in({k: v for k, v in issues.items() if v})
        for row in rows:
            document = row["dokument"]
            if row.get("avlyst") is not None and "fra_hjem" in row:
                # Sent to the foster home the child left, before the move: the mark it was
                # sent with, kept apart as this row's (Marks.former_home).
                retrieve = bool(row["fra_hjem"].get("barnet"))
                kept_apart = marks.former_home(document, row["fra_hjem"]["dokument"],
                                               row["fra_hjem"]["fra"], row["samtale"],
                                               row["fra_hjem"].get("siden"),
                                               row["fra_hjem"].get("tidligere", []),
                                               after_its_day=retrieve)
                if kept_apart is None:
                    row.pop("fra_hjem")
                    held.pop(document, None)
                    row["avlyst"] = False  # nobody there was sent one: not listed
                    continue
                issues[document] = issues[told_key(document)] = kept_apart[0]
                row["brevdato"] = date.fromisoformat(kept_apart[0][:10])
                row["samtale"] = kept_apart[1]
            if row.get("avlyst") is not None:  # (not a kept copy of the same letter)
                issue = issues[document] or ""
                # An edited copy of the invitation listed beside it (_kept_letters) is a
                # letter not to send, whatever becomes of this row.
                held.pop(document, None)
                # The older child's letter «c/o» a home registered by mistake: whether staff
                # marked it done, which alone ends its row (_tell).
                retrieved = "fra_hjem" in row and row["fra_hjem"].get("barnet") and \
                    _marked_done(marks.sent_mark(told_key(document), issue))
                if _tell(row, marks.sent_mark(document, issue), row["avlyst"], today, t,
                         bool(retrieved)):
                    # The row is the told one's now (told_key).
                    told, this_issue = marks.sent_mark(row["dokument"], issue)
                    undone, told_kind = (RETRIEVE, RETRIEVED) if row.pop("feil_adresse", False) \
                        else (CANCEL, TOLD)
                    held[row["dokument"]] = told_kind if told is not None and this_issue \
                        else undone
                    done = row.pop("gitt", "utsending.beskjed_gitt")  # what was told (_tell)
                    if held[row["dokument"]] in (TOLD, RETRIEVED):
                        row.update(sendt=told, merknad=t(done, dato=t.dato(row["samtale"])))
                else:
                    row["avlyst"] = False  # nobody was sent one: not listed
            elif document in copies:
                # Not the letter that was sent: a copy of it kept because someone edited it
                # (a withdrawn invitation's mark is its «Gi beskjed» row's «innkallingen er
                # sendt»). Sendt empty, as the row says «Ikke send».
                continue
            elif (earlier := marks.earlier(document, issues.get(document))) is not None:
                # Issued again as it was before a move registered by mistake, after another
                # issue went to the family registered (store/issued.py Issued.before_move):
                # the mark staff set on it then.
                row["sendt"] = earlier
            elif marks.elsewhere(document, row.get("leser_fra") or []):
                # Marked as sent to the family the child left, or to one registered by
                # mistake (_to_the_home_left): this one is to the family the case has, who
                # never had that letter. Listed with its issue all the same, so a mark staff
                # set on it is read as this issue's, also once it is made again.
                row["sendt"] = None
                marks.listed_as(document, issues.get(document))
            elif marks.put_on(row, issues.get(document), t,
                              former.get(document, []), keeps.get(document, False),
                              changes.get(document), replaced_on.get(document)):
                earlier_marked.add(document)
    # A withdrawn invitation is listed once _tell has said it was sent (no marks: none).
    rows = [row for row in rows if row.pop("avlyst", None) in (None, True)]
    # A letter past its days that was marked as sent leaves the list, as any letter: it
    # stayed only to be marked. Not one marked before it was made again with other content
    # (new dates, «send det nye brevet»): the new one is not marked (helper 221).
    # So does one made on the day of its meeting, listed once more after it (_made_on_the_day).
    # An older renewed offer, a newer one to the same parent made (_superseded): not to send
    # now, it goes unless it was marked as sent (then it stays as sent, as any letter).
    rows = [row for row in rows
            if row["dokument"] not in late | gone_by or row["sendt"] is None]
    rows = [row for row in rows
            if row["dokument"] not in superseded or row["sendt"] is not None]
    checked = t("utsending.kan_vaere_sendt")
    for row in rows:
        if row.get("sendt") is not None and row["dokument"] in short_said and \
                _sent_in_time(row["sendt"], short_said[row["dokument"]][1],
                              short_days[row["dokument"]]):
            # Marked as sent in time for its conversation: the «Kort varsel» the list said
            # while it waited (nobody to call, nothing to send or hold back) is over.
            said = short_said.pop(row["dokument"])[0]
            row["merknad"] = " ".join((row["merknad"] or "").replace(said, "").split()) \
                or None
        if row.get("sendt") is not None and held.get(row["dokument"]) == CHECK:
            # Staff have checked it and marked it as sent: not «Send bare hvis …» beside it.
            for said in (checked, stale.get(row["dokument"], checked)):
                row["merknad"] = " ".join((row["merknad"] or "").replace(said, "").split()) \
                    or None
        row.pop("leser_fra", None)
        passed = row.pop("neste_passert", None)
        named = row.pop("neste_dato", None)
        # A letter to send as it is (one not to send now is made again before it goes),
        # or to check first for an old export, not one whose earlier version was sent:
        # «send det nye brevet» is said. Before the old export's note, the more serious
        # (helper 193: that note alone was shown). Its «Send innen» is the day it was due,
        # passed: the list shows it red («Fristen er passert»), not today's date.
        unmarked = row["dokument"] in late and row.get("sendt") is None
        if passed and row.get("sendt") is None and held.get(row["dokument"]) in (SEND, CHECK) \
                and row["dokument"] not in earlier_marked:
            old = stale.get(row["dokument"])
            note = row["merknad"] or ""
            if row["dokument"] in short_said:
                # «Kort varsel» for the next conversation beside the day the letter names,
                # gone by: one note, which day is which and what the contact person does
                # (helper 303: two «neste samtale», «send brevet likevel» and «spør om det
                # skal sendes», read as two instructions at odds).
                # So for one by post that cannot reach its reader before the next one
                # («Rekker ikke fram med post før neste samtale …» beside the day gone by).
                short, coming, by_post = short_said[row["dokument"]]
                note = " ".join(note.replace(short, "").split())
                meeting_note = short == t(
                    "utsending.post_sen_mote" if by_post else "utsending.kort_varsel_mote",
                    dato=t.dato(coming))
                passed = t(f"utsending.neste_passert_{'post' if by_post else 'kort'}"
                           f"{'_mote' if meeting_note else ''}",
                           passert=t.dato(named), dato=t.dato(coming))
            if unmarked and named is not None:
                # Past its days, naming a conversation gone by: not to send as it is
                # (_not_to_send_dates_passed). Not the old export's «før brevet sendes».
                if old:
                    note = " ".join(note.replace(old, "").split())
                row["merknad"] = _not_to_send_dates_passed(note, named, t)
                held[row["dokument"]] = HOLD
                unmarked = False  # said
            elif old and note.startswith(old):
                row["merknad"] = f"{passed} {note}"
            else:
                row["merknad"] = " ".join(n for n in (note, passed) if n)
            if row["dokument"] in overdue:
                row["send_innen"] = overdue[row["dokument"]]
            if named is not None:
                # Samtaledato the conversation the note names, passed as its «Send innen»
                # is: the next coming one beside them read as if there were time (203).
                row["samtale"] = named
        if unmarked:
            # Whether it was sent at all first: what else it says is for one to send. One
            # marked before it was made again: whether the new one was («Merket som sendt
            # …, men laget på nytt …» follows).
            said = "utsending.ikke_merket_ny_utgave" if row["dokument"] in earlier_marked \
                else "utsending.ikke_merket"
            row["merknad"] = " ".join(n for n in (t(said), row["merknad"]) if n)
    # The letters to send first, then those to check, those not to send now, and those
    # marked as sent; each part by «Send innen», case and document.
    order = {CANCEL: -1, TOLD: -1, RETRIEVE: -1, RETRIEVED: -1, SEND: 0, CHECK: 1, HOLD: 2}
    rows.sort(key=lambda r: (r["sendt"] is not None
                             and held.get(r["dokument"]) not in (CANCEL, RETRIEVE),
                             order[held.get(r["dokument"], HOLD)],
                             r["send_innen"] or r["samtale"] or date.max, r["sak"],
                             r["dokument"]))
    return {"dato": t.dato(today), "brev": rows, **_counts(rows, held, t)}


def _marked_done(found: tuple[Any, bool]) -> bool:
    """Whether a «Gi beskjed» row's mark (Marks.sent_mark of its told_key) says done: set
    on the issue the row is for."""
    mark, this_issue = found
    return mark is not None and this_issue


def _not_to_send_dates_passed(note: str, named: date, t: Tekst) -> str:
    """The note of a letter past its days on the list, never marked as sent, that tells its
    reader of a next conversation whose day has gone by: «Ikke send: …» (the list colours
    it yellow, and counts it among the letters not to send). Sent now, it would name days
    gone; the list asked for months whether to send it as it is (a reader's finding: on
    1 June the list offered twelve letters dated in November). Kept, so that a mark can
    still be put on it if it was sent (the Avvik sheet asks for one); if not, the contact
    person tells its reader, and a letter with new dates is made once the journal has them.
    What else its row said (an address from the service) follows."""
    said = t("utsending.ikke_send_datoene_passert", dato=t.dato(named))
    return " ".join(n for n in (said, note) if n)


def _as_it_was_due(day: date, dated: date | None, open_days: WorkCalendar,
                   last: date | None = None) -> date:
    """A letter's «Send innen» as it was due: its deadline as the first list it was on
    showed it, on the day of the letter's own date (the day it was issued, and listed): never
    before that date (a case first exported late: the plan's day came before the letter
    existed; the list showed the day it was made), on a day the office is open (send_by).
    Til utsending shows it, red once it has passed (helper 312: raised to today on each
    list, a letter never sent never read as late), and the Avvik sheet takes it as the
    deadline of an information letter nobody marked as sent (unmarked_letters): the same day
    in both."""
    return send_by(day, dated or day, open_days, last)


TAKEN_ALONG = ("post_sen_barnet", "post_sen_avtalt_barnet", "post_sen_barnet_en",
               "post_sen_avtalt_barnet_en")
"""The notes of a child's letter by post that cannot arrive before its conversation
(_too_close): taken to the conversation by the contact person, not sent (_list_values)."""

SEND, CHECK, HOLD, CANCEL = "skal_sendes", "sjekkes", "ikke_send", "gi_beskjed"
"""What a listed letter not marked as sent is for: to send; to check in the journal first
(one that may have been sent before the service began); not to send as it is (a letter
lacking something, an edited invitation no longer made). And an invitation sent for a
meeting on or after the day the journal closes the case: to tell its reader (_withdrawn)."""
TOLD = "beskjed_gitt"
"""Such an invitation's reader has been told: staff marked its row in Sendt (told_key)."""
RETRIEVE, RETRIEVED = "feil_adresse", "feil_adresse_gitt"
"""The older child's letter sent «c/o» a foster home registered by mistake (_tell): its
conversation is held all the same, so it is not counted among those to tell a meeting is
off, but as a letter at a wrong address, to have back; RETRIEVED once staff marked it done."""


def told_key(document: str) -> str:
    """What the row asking staff to tell an invitation's reader that its meeting is off
    (_withdrawn, _tell) shows in Dokument, so that its own mark in Sendt, «told», is kept
    apart from the invitation's mark as sent (sent_marks.py keeps one mark per document)."""
    return f"{document}{sent_marks.TOLD_SUFFIX}"


def _counts(rows: list[dict[str, Any]], held: dict[str, str], t: Tekst) -> dict[str, Any]:
    """The numbers above the list. Not «Brev: 68» for every row, which staff read as the
    letters to post: antall_skal_sendes counts the letters to send (not marked as sent, not
    «Ikke send», not to check first), antall_sendt those marked as sent, and antall_forklart
    says what the list holds, part by part. antall, every row, is kept for a municipality's
    own template that shows it. skal_sendes is «Brev å sende:» as the template shows it:
    the count, with the letters waiting on whoever sends them beside it («0 + 6 å sjekke»,
    «+ 1 gi beskjed»): a bare «0» read as nothing to do while six were to check first."""
    kinds = (CANCEL, RETRIEVE, SEND, CHECK, HOLD, "sendt", TOLD, RETRIEVED)
    counted = dict.fromkeys(kinds, 0)
    for row in rows:
        kind = held.get(row["dokument"], HOLD)
        counted["sendt" if row["sendt"] is not None
                and kind not in (CANCEL, TOLD, RETRIEVE, RETRIEVED) else kind] += 1
    parts = [t(f"utsending.del_{kind}", antall=counted[kind]) for kind in kinds
             if counted[kind]]
    explained = t("utsending.antall_forklart", antall=len(rows), deler=t.join(parts)) \
        if parts else t("utsending.ingen_brev")
    if counted[CHECK] or counted[HOLD] or counted[CANCEL] or counted[RETRIEVE]:
        explained += " " + t("utsending.se_merknad")
    # «+ 1 gi beskjed»: a letter at a wrong address waits on staff as a meeting off does.
    to_tell = counted[CANCEL] + counted[RETRIEVE]
    waiting = [t(f"utsending.pluss_{kind}", antall=number)
               for kind, number in ((CHECK, counted[CHECK]), (CANCEL, to_tell)) if number]
    # A number while nothing waits, as the list always showed it.
    shown = " + ".join((str(counted[SEND]), *waiting)) if waiting else counted[SEND]
    return {"antall": len(rows), "antall_skal_sendes": counted[SEND], "skal_sendes": shown,
            "antall_sendt": counted["sendt"], "antall_forklart": explained}


def send_by(day: date, today: date, open_days: WorkCalendar, last: date | None = None) -> date:
    """The "Send innen" staff see: a day the office is open (open_days: the calendar the
    planner sets meetings by, WorkCalendar.from_settings, so the service's own closed days
    and closed periods count too), never before today. A closed day moves to the open day
    before, which keeps the notice the date was set for; when that day has passed (the run
    is on a Sunday or in the Christmas closing and the letter is due now, say), to the next
    open day: the first one the office can send it on. Unless that is after last, the last
    day the letter is on the list (the day before its conversation: a three-week summer
    closing is longer than an invitation's notice): then the letter cannot wait for the
    office to open, and the date is a working day (LETTER_DAYS) as if it kept no closing.
    Only the date staff see: the letters keep theirs (documents.opens). (An information
    letter unsent past the conversation it names keeps its own, passed: _list_values.)"""
    day = max(day, today)
    for days in (open_days, LETTER_DAYS):
        before = days.on_or_before(day)
        chosen = before if before >= today else days.on_or_after(day)
        if last is None or chosen <= last:
            return chosen
    return chosen


def _case_rows(ctx, kinds, folder: Path, shown: str, outbox: Path, t: Tekst,
               issues: dict[str, str] | None = None,
               gaps: Callable[[str], list[str]] | None = None,
               invitations: dict[str, issued.Invitation] | None = None,
               replaced: dict[str, date] | None = None,
               dates_unknown: set[str] | None = None) -> dict[str, Any]:
    """The case's letters on the list today ("send_innen" not yet raised to today: that is
    done as the list is put together), and what _kept_letters needs: the letters made, and
    where the case's invitations are. The day is only asked (ctx.today is watched).
    issues: each letter's issue (store/issued.issues), which a mark as sent is for.
    gaps(path): what the letter there lacks (_gaps); such a letter is listed as not to send.
    invitations: the invitations kept in the state (store/issued.invitations): one no longer
    made because the case ends is listed for staff to tell its reader (_withdrawn). A case
    whose programme is over (its placement or case closed in the journal, its year ended)
    lists only those. replaced: the day the letter each replaces was issued
    (store/issued.replaced): its row says so. dates_unknown: the letters among them listing
    dates whose letter before kept none (store/issued.dates_unknown): what changed is not
    known (_changed)."""
    rows, made = [], []
    renamed: dict[str, str] = {}  # a name a letter had before -> its name now
    where = folder.relative_to(outbox).as_posix() if outbox in folder.parents else folder.name
    endings = ctx.former_endings()
    ends = qualify.closing_day(ctx.case)
    # Its programme over: its year, or the journal closed it (also one closed before the
    # plan could be cut: on the day its placement began).
    ended = ctx.plan.slutt < ctx.today or ends is not None and ends <= ctx.today
    for kind in kinds if not ended else ():
        docs = list(kind.documents(ctx))
        superseded = _superseded(kind, docs)
        for doc in docs:
            made.append(doc.path.as_posix())
            renamed.update((before, doc.path.name)
                           for before in _former_names(doc.path.as_posix(), endings))
            mottaker = doc.context.get("mottaker", {})
            on_the_day = _made_on_the_day(doc, ctx, t)
            # An information letter past its days on the list stays while not marked as
            # sent (_list_values drops it once marked): _past_its_days.
            past = on_the_day is None and doc.send_by is not None \
                and ctx.today > (doc.listed_until or doc.send_by)
            # An invitation whose days on the list ended unmarked: listed on the day of its
            # meeting once more, not to send, to check whether it was sent (helper 312: it
            # left the list silently, its reader perhaps never told). Marked, it leaves.
            called = ("utsending.ikke_merket_innkalling_mote" if "samtale" not in doc.context
                      and "fellesmote" in doc.context else "utsending.ikke_merket_innkalling")
            last_call = past and on_the_day is None and bool(doc.appointment) \
                and doc.meeting is not None and doc.meeting <= ctx.today \
                and ctx.today <= doc.meeting + timedelta(days=issued.UNMARKED_PASSED_DAYS) \
                and not _past_its_days(kind, doc)
            # After its day (still made: the journal has not moved it): listed only while no
            # list was made on that day (_list_values), as the one made then listed it.
            after_its_day = last_call and doc.meeting is not None and doc.meeting < ctx.today
            if after_its_day:
                called += "_passert"
            if last_call:
                past = False
                on_the_day = t(called, dato=t.dato(doc.meeting))
            kept = _past_its_days(kind, doc) and _offer_still_open(kind, doc, ctx)
            if on_the_day is None and (doc.send_by is None or past and not kept):
                continue
            document = f"{where}/{doc.path.as_posix()}"
            lacking = gaps(document) if gaps else []
            if past and lacking:  # not to send as it is: Avvik says so already
                continue
            if last_call and lacking:
                # Held back all along, not to send as it is: on the day of its conversation
                # it left the list without a trace, and nobody checked that its reader was
                # called meanwhile (Avvik names only some of what a letter may lack, the
                # service's visiting address not among them). Listed once more, as any
                # invitation not marked as sent, saying what it lacked.
                on_the_day = t(f"{called}_mangler", dato=t.dato(doc.meeting),
                               hva=_what(lacking, t))
                lacking = []  # said: not «Ikke send: brevet mangler …» nor whom to call
            if replaced and str(doc.path) in replaced:
                # It says which letter it replaces: issued anew since, not one that may
                # have been sent by hand before the service began.
                doc.maybe_sent = False
            note = t("utsending.kan_vaere_sendt") if doc.maybe_sent else _agreed_or_proposed(
                doc.context.get("samtale", {}), t)
            if lacking:  # a letter to «[mangler: navn]» is not to be sent as it is
                note = t("utsending.mangler", hva=t.join(lacking)) if len(lacking) <= 3 else (
                    t("utsending.mangler_mange", antall=len(lacking), fil=ctx.t("fil.mangler")))
            if on_the_day is not None:  # never on a list before: not to send (HOLD)
                note = on_the_day  # (not «Send brevet som det er», nor what it lacks)
            rows.append({
                "sak": shown, "mottaker": _role(mottaker, t), "dokument": document,
                "brevdato": ctx.issued_last(str(doc.path)) if ctx.issued_last else None,
                "send_innen": None if doc.maybe_sent or on_the_day else doc.send_by,
                "sendes": _how(mottaker, t), "merknad": note,
                "samtale": doc.meeting,
                "siste": doc.listed_until,  # for send_by, not shown
                "utgave": (issues or {}).get(str(doc.path)),  # for the marks, not shown
                "mangler": lacking,  # for a letter edited since (_list_values), not shown
                "kan_vaere_sendt": doc.maybe_sent,  # for the counts (_counts), not shown
                "forslag_kort": _short_notice(doc, t),  # for _list_values, not shown
                "for_sent": _too_close(doc, ctx, t),  # for _list_values, not shown
                # A letter to the child: whom the contact person calls (the same).
                "en_fosterforelder": _through_the_foster_home(doc, ctx) == "_barnet_en",
                # Whether the letter itself is at short notice, by the day it was issued
                # (innkalling.short_notice: it reads as a confirmation), None for a letter
                # that never is (not an invitation for a conversation): _list_values.
                "brev_kort": bool(doc.context.get(SHORT_NOTICE_KEY))
                if "samtale" in doc.context else None,
                "venter": _while_held(doc, ctx, t) if lacking else None,  # the same
                "fra_tjenesten": doc.from_service,  # for _list_values, not shown
                "samme_dag": on_the_day is not None,  # the same (HOLD)
                "samme_dag_passert": last_call,  # left once marked as sent (_list_values)
                # Its meeting's day, passed: dropped by _list_values when a list was made
                # then (not shown).
                "paa_dagen": doc.meeting if after_its_day else None,
                "mote": "_mote" in called,  # the joint meeting's (for Avvik, not shown)
                "tidligere_ikke_holdt": None if on_the_day else _earlier_not_held(doc, ctx, t),
                # Which letter it replaces, as it says itself (the same).
                "erstatter": t("utsending.erstatter", dato=t.dato(replaced[key]))
                if replaced and (key := str(doc.path)) in replaced else None,
                "utgitt_igjen": _issued_again(ctx, str(doc.path)),  # the same
                "merke_gjelder": doc.keeps_mark,  # for the marks (sent_marks), not shown
                # The day of the letter it says it replaces: a mark on that one never holds
                # for this one (sent_marks.Marks.put_on), not shown.
                "erstatter_dag": replaced[key].isoformat()
                if replaced and (key := str(doc.path)) in replaced else None,
                # What changed since the letter its reader was sent, as far as is known:
                # for «Merket som sendt …, men laget på nytt …» (sent_marks.what_changed).
                "endret": _changed(doc, (invitations or {}).get(str(doc.path)),
                                   (replaced or {}).get(str(doc.path)),
                                   str(doc.path) in (dates_unknown or ())),
                # It tells its reader of a next conversation whose day has gone by (said
                # unless marked as sent: _list_values); also beside «Kan være sendt før»:
                # sent only if the journal says it was not, it would name a day gone (198).
                "neste_passert": t("utsending.neste_passert", dato=t.dato(doc.presents))
                if doc.presents is not None and doc.presents < ctx.today else None,
                # That day, for the row's Samtaledato when the note is said (not shown).
                "neste_dato": doc.presents
                if doc.presents is not None and doc.presents < ctx.today else None,
                "tidligere": [f"{where}/{before}" for before in _former_names(
                    doc.path.as_posix(), endings)],  # for the marks, not shown
                # Past its days on the list, kept while not marked as sent (the same), and
                # whom it is to, as the Avvik sheet names them (unmarked_letters).
                "etter_tiden": past,
                # (One to a single parent names them by role, as its Mottaker does: a
                # file name without one read «til foreldrene».)
                "til": (mottaker.get("fil") or (mottaker.get("hvem", "") if mottaker.get(
                    "rolle") == "forelder" else "")) if past else "",
                "brev": getattr(kind, "name", "") if past else "",
                # A newer letter of the same kind to the same reader is made: this one is
                # not to send, and leaves the list unless it was marked as sent (the same).
                "erstattet": doc.path.as_posix() in superseded,
                # The days a letter to its reader went to someone else (the foster parents
                # of a home the child moved to, before they came into the case; of one
                # registered by mistake, while it was): a mark on an issue of those days
                # is not theirs (_list_values). Not shown.
                "leser_fra": ctx.elsewhere(mottaker),
            })
    withdrawn = _withdrawn(ctx, invitations or {}, set(made) | set(renamed), where, shown,
                           ends, t) + _to_the_home_left(ctx, invitations or {}, where, shown, t)
    rows += withdrawn + _made_on_the_day_passed(
        ctx, invitations or {}, set(made) | set(renamed)
        | {row["dokument"].removeprefix(f"{where}/") for row in withdrawn}, where, shown, t)
    rows += _unmarked_passed(ctx, invitations or {}, set(made) | set(renamed), where, shown,
                             t, gaps)
    # The case folder is in the case's standard. An ended case's folder is as it was left:
    # its invitations there are not listed as kept (_kept_letters).
    # The export date the case file has (not shown): the list takes the newest one the run
    # knows (caseload.newest_export), as a re-export that changes nothing else is not saved.
    return {"brev": rows, "laget": made, "sak": shown, "mappe": where,
            "innkallinger": None if ended else ctx.t("fil.innkallinger"), "nye_navn": renamed,
            "eksportert": ctx.case.eksportert}


UNMARKED_KEPT = ("informasjonsbrev", "nytt_tilbud")
"""The letters kept on the list past their days while not marked as sent (_past_its_days),
by their kind's name: the Avvik sheet names each so (compliance.unmarked_letter)."""


def _changed(doc: Document, invitation: issued.Invitation | None, replaces: date | None,
             unknown: bool) -> dict[str, str] | None:
    """What is known to have changed in the letter since one its reader may have been sent
    (helper 303: every letter made again after a mark said «med endret innhold», also
    when only its conversation moved): an invitation whose meeting moved since the one its
    reader was last sent (store/issued.py sent_for), {"for": its meeting now, "fra": that
    one's}; a letter listing its reader's dates issued anew with other dates (replaces: the
    day of the letter it replaces; not known for one whose letter before kept no dates),
    {"erstatter": that day}, which holds for a mark on that letter only
    (sent_marks.what_changed). None when nothing is known."""
    if doc.appointment:
        sent_for = invitation[2] if invitation is not None else ""
        if sent_for and sent_for != doc.appointment:
            return {"for": doc.appointment, "fra": sent_for}
        return None
    if doc.dates is not None and replaces is not None and not unknown:
        return {"erstatter": replaces.isoformat()}
    return None


def _past_its_days(kind, doc: Document) -> bool:
    """Whether a letter past its days on the list stays on it while it is not marked as
    sent: an information letter or a renewed offer («Nytt tilbud») issued by us, also one
    listed «Kan være sendt før» (most likely sent by hand before the service began, but
    nobody confirmed it: left off silently, it was never named anywhere); not, _case_rows,
    one not to send as it is, lacking something: the Avvik sheet says so already. Left
    unmarked, nobody would know whether its reader was ever told of the programme, or
    offered it again (a renewed offer left the list silently: helper 303): it stays to
    check, and the Avvik sheet names it (unmarked_letters). An ended case lists none
    (_case_rows): nothing more is to be sent. One superseded (a parent who declined gets
    the renewed offer instead) is no longer made, and not listed."""
    return getattr(kind, "name", "") in UNMARKED_KEPT


def _superseded(kind, docs: list[Document]) -> set[str]:
    """The renewed offers («Nytt tilbud») to a parent for whom a later one is made («(nr 2)»,
    «(nr 3)»: documents/nytt_tilbud.py yields each parent's in order): the newer letter
    carries the offer now, and the older is not to send any more. Left on the list unmarked
    beside it (a reader's finding: «Nytt tilbud» and «Nytt tilbud (nr 2)» to the same
    father, both «Ikke merket som sendt»), the clerk could send both, or neither knowing
    which; and Avvik asked for a mark on a letter nobody would send now. One marked as sent
    stays as sent, as any letter (_list_values). None for any other kind of letter."""
    if getattr(kind, "name", "") != "nytt_tilbud":
        return set()
    found: set[str] = set()
    latest: dict[Any, Document] = {}
    for doc in docs:
        parent = doc.context.get("mottaker", {}).get("forelder")
        if parent in latest:
            found.add(latest[parent].path.as_posix())
        latest[parent] = doc
    return found


def _offer_still_open(kind, doc: Document, ctx) -> bool:
    """Whether the offer a renewed offer («Nytt tilbud») makes is still open: while the
    journal has no renewed offer for its parent; true of every other letter. A renewed
    offer past its days stays on the list while not marked as sent (_past_its_days; a
    reader's finding: one listed «Kan være sendt før» left the list after a week unmarked,
    while Avvik kept «Gi far tilbudet … på nytt» all year and the statistics counted no
    unmarked «Nytt tilbud»), until the journal has the day it was offered again: the offer
    was made, whichever letter carried it."""
    if getattr(kind, "name", "") != "nytt_tilbud":
        return True
    index = doc.context.get("mottaker", {}).get("forelder")
    parents = ctx.case.foreldre
    return isinstance(index, int) and 0 <= index < len(parents) \
        and parents[index].nytt_tilbud is None


def _withdrawn(ctx, invitations: dict[str, issued.Invitation], made: set[str],
               where: str, shown: str, ends: date | None, t: Tekst) -> list[dict[str, Any]]:
    """Invitations no longer made, of a case the journal says ends (its placement or the
    case closed, or closing on a day ahead: the plan has nothing from that day on): one
    sent for a meeting on or after that day is listed first, red, for staff to tell its
    reader the meeting is off, until its day (_list_values, _tell); so is one, of any case,
    for a day the journal has a conversation cancelled on (ends None). Not for other reasons
    an invitation is no longer made (a conversation held early, moved to a day not due
    yet, a parent who declined): its reader knows, or is told by the next letter.
    ends: qualify.closing_day. Its recipient as the list (t) named them when it was made
    (none for one made by a release before this one kept them)."""
    closed: bool | None = ends is not None and ends <= ctx.today
    cancelled = {s.dato for s in ctx.case.samtaler if s.status == "avlyst"}
    rows = []
    for key, (issue, meeting, sent_for, to, *_) in sorted(invitations.items()):
        if key in made:
            continue
        off = ends
        if ends is None:
            # No end: one whose day the journal has a conversation cancelled on (not held
            # then, whether planned again or not) is listed so its reader is told (a
            # reader's finding: only a new letter, if any, said so); not for other reasons.
            day = date.fromisoformat(meeting[:10])
            if day not in cancelled:
                continue
            off, closed = day, None
        rows.append({"sak": shown, "mottaker": _role(to, t) if to else "",
                     "dokument": f"{where}/{key}",
                     "brevdato": date.fromisoformat(issue.split("/", 1)[0]),
                     "send_innen": None, "sendes": _how(to, t), "merknad": "",
                     "samtale": date.fromisoformat(meeting[:10]), "utgave": issue,
                     "avlyst": (date.fromisoformat(sent_for[:10]) if sent_for else None,
                                off, closed)})
    return rows


def _to_the_home_left(ctx, invitations: dict[str, issued.Invitation], where: str, shown: str,
                      t: Tekst) -> list[dict[str, Any]]:
    """The invitations the foster parents of the home the child moved from may have been
    sent (domain/foster_home.py): their own, and the child's sent to them. Each sent to them
    before the move, for a meeting not passed, is listed first, red, for staff to tell them
    it is off there (_list_values: the mark it was sent with, kept apart as its own,
    Marks.former_home). Its Dokument is the invitation's with FORMER_HOME's words after it,
    so the letter made again for the new family keeps its own row and mark. A home
    registered by mistake was also sent the older child's letters written to her «c/o»
    them: a household she does not live in had them, and staff ask them to send those back
    or destroy them (_tell). Not the home the child left: hers reached her there."""
    moved_on = ctx.case.fosterfamilie.fra
    # (words for its Mottaker and Dokument, the day it ends, the day the issues sent to them
    # begin (None: from the start), who they are)
    homes: list[tuple[str, str, date, date | None, list]] = []
    if moved_on is not None and ctx.case.tidligere_fosterhjem:
        home = next((h for h in ctx.case.tidligere_fosterhjem if h.til == moved_on),
                    ctx.case.tidligere_fosterhjem[-1])
        homes.append(("tidligere_fosterforeldre", "tidligere_fosterhjem_dokument", moved_on,
                      None, home.fosterforeldre))
    # A foster home registered by mistake, corrected since the family the case has came
    # into it: the letters sent to them while it was registered are off.
    homes += [("feilregistrerte_fosterforeldre", "feilregistrert_dokument", wrong.til,
               wrong.fra, wrong.fosterforeldre)
              for wrong in ctx.case.feilregistrert_fosterhjem
              if moved_on is None or wrong.til > moved_on]
    rows = []
    endings = ctx.former_endings()
    for mottaker, ending, off, since, people in homes:
        names = [" ".join(n for n in (p.fornavn, p.etternavn) if n)
                 for p in people if p.fornavn or p.etternavn]
        who = t.join(names) or t("hvem.fosterforeldrene")
        # A home of one foster parent: told of as one person («Fortell Eva Nilsen det»),
        # not «dem».
        alone = len(people) == 1 and len(names) == 1
        for key, (_, meeting, sent_for, to, elsewhere_for, also) in sorted(
                invitations.items()):
            child = bool(to) and to.get("rolle") == "barnet"
            if not to or to.get("rolle") == "forelder" or child and since is None:
                continue
            # The letter as it was named in that home (the child's to one foster parent:
            # «… til fosterforelderen»), the file the row is about.
            there = f"{where}/{_named_in_home(key, len(people) == 1, ctx)}"
            earlier: list[str] = []
            if since is not None and elsewhere_for:
                # Given back to the family the case has (Issued.before_move): the meeting
                # the letter to the family registered by mistake was for, and those of the
                # letters for it they were sent before, said too (issued.ELSEWHERE_ALSO).
                meeting, sent_for = elsewhere_for, ""
                earlier = sorted({m[:10] for m in also} - {meeting[:10]})
            rows.append({"sak": shown,
                         "mottaker": t(f"utsending.{mottaker}{'_en' if alone else ''}"),
                         "dokument": f"{there}{t(f'utsending.{ending}')}",
                         "brevdato": None, "send_innen": None, "sendes": _how(to, t),
                         "merknad": "",
                         "samtale": date.fromisoformat((sent_for or meeting)[:10]),
                         "utgave": None, "avlyst": (None, off, True),
                         "fra_hjem": {"dokument": f"{where}/{key}", "fra": off, "hvem": who,
                                      "siden": since, "en": alone, "ogsa": earlier,
                                      "barnet": child,
                                      # The names it had in that home (a home of one
                                      # foster parent: «… til fosterforelderen»), where
                                      # staff marked it as sent to them.
                                      "tidligere": _former_names(f"{where}/{key}", endings)}})
    return rows


def _named_in_home(key: str, one: bool, ctx) -> str:
    """The file name a letter to the foster home about the child had in a home of one
    foster parent or more (one), the case's foster family now having another number:
    «… til fosterforelderen» for «… til fosterforeldrene», and the other way round (file
    names in the case's written standard, ctx.t)."""
    now = f" - {ctx.foster_parents_ending()}"
    then = f" - {ctx.t('fil.til_fosterforelderen' if one else 'fil.til_fosterforeldrene')}"
    stem, dot, extension = key.rpartition(".")
    return stem[:-len(now)] + then + dot + extension if dot and stem.endswith(now) else key


def _tell(row: dict[str, Any], found: tuple[Any, bool],
          off: tuple[date | None, date, bool | None], today: date, t: Tekst,
          done: bool = False) -> bool:
    """A withdrawn invitation's row (_withdrawn) as staff see it: the meeting its reader
    was sent an invitation to (this issue's, or the one before's when only that was marked
    as sent: off's first), and why it is off. False when nobody was sent one, or that
    meeting is before the end or has passed: then it is not listed. The older child's
    letter «c/o» a home registered by mistake says so, and what they are asked to do with
    it; its row keeps under "gitt" the note it has once staff marked them told, and
    "feil_adresse" (_counts: a letter at a wrong address, not a meeting off). Its
    conversation is held with her all the same, and the letter lies at their address after
    it too: listed until staff mark it done (done), whatever the day, and once done until
    its day, as any other."""
    mark, this_issue = found
    sent_for, ends, closed = off
    meeting = row["samtale"] if this_issue or sent_for is None else sent_for
    retrieve = bool(row.get("fra_hjem", {}).get("barnet"))
    if mark is None or meeting is None or not retrieve and meeting < ends \
            or meeting < today and (done or not retrieve):
        return False
    if closed is None:  # cancelled in the journal (_withdrawn), the case going on
        if meeting != ends:
            return False
        row.update(dokument=told_key(row["dokument"]), sendt=None, samtale=meeting,
                   avlyst=True, merknad=t("utsending.avlyst_journal", dato=t.dato(meeting)))
        return True
    note = "utsending.avlyst_avsluttet" if closed else "utsending.avlyst_avsluttes"
    moved = row.pop("fra_hjem", None)
    if moved is not None:  # sent to the foster home the child left (_to_the_home_left)
        note = "utsending.avlyst_flyttet" if moved.get("siden") is None \
            else "utsending.avlyst_feilregistrert"  # or to one registered by mistake
        if moved.get("barnet"):
            # The older child's letter «c/o» them: not theirs to have, the conversation
            # held with her all the same. They are asked to send it back or destroy it.
            note += "_barnet"
            row.update(gitt="utsending.beskjed_gitt_barnet", feil_adresse=True)
        # Sent letters for more days than one, still ahead (a registration made by
        # mistake): each day is said, not only the last; of the child's, each one sent.
        days = [day for day in map(date.fromisoformat, moved.get("ogsa", []))
                if (retrieve or today <= day) and day < meeting]
        if days:
            note += "_flere"
        if moved.get("en"):
            note += "_en"  # to one foster parent
    # Its own row (told_key), Sendt empty until staff mark that its reader was told.
    said = [t.dato(day) for day in days] + [t.dato(meeting)] if moved else []
    row.update(dokument=told_key(row["dokument"]), sendt=None, samtale=meeting, avlyst=True,
               merknad=t(note, dato=t.dato(meeting), slutt=t.dato(ends),
                         hvem=moved["hvem"] if moved else "", datoer=t.join(said)))
    return True


def _former_names(document: str, endings: dict[str, str]) -> list[str]:
    """The names the letter may have had before (CaseContext.former_endings): a mark as
    sent on it there is its mark, and a copy kept there is not to be sent (_kept_letters)."""
    stem, dot, extension = document.rpartition(".")
    return [stem[:-len(new)] + old + dot + extension for old, new in endings.items()
            if dot and stem.endswith(new)]


def _agreed_or_proposed(samtale: dict[str, Any], t: Tekst) -> str:
    """A move follow-up contact's letter confirms a time agreed in the journal
    (samtale.avtalt); one whose time the planner picked proposes it. Both are said, since
    the contacts are arranged directly and staff may take either for the other. A theme's
    invitation needs no note."""
    if samtale.get("avtalt"):
        return t("utsending.avtalt")
    return t("utsending.forslag") if samtale.get("tema") == 0 else ""


def _made_on_the_day(doc: Document, ctx, t: Tekst) -> str | None:
    """The note for an invitation issued on the day of its meeting (the planner placed the
    conversation on the day of the run, or moved it there): it was never on a list, its
    days there ending the day before the meeting, yet it lies in the case folder looking
    ready to send. Listed that day, not to send: its reader is told by phone; and once more
    after it (_made_on_the_day_passed). None for any other letter (an information letter
    has its own days on the list: opening_letter)."""
    if not doc.appointment or doc.meeting != ctx.today or ctx.issued_last is None \
            or ctx.issued_last(str(doc.path)) != ctx.today:
        return None
    at = doc.appointment[11:16].replace(":", ".") if len(doc.appointment) >= 16 else ""
    name = (doc.context.get("kontaktperson") or {}).get("navn") or ""
    # The joint meeting's invitation: «møtet», not «samtalen» (helper 193).
    key = "samme_dag_mote" if "samtale" not in doc.context and "fellesmote" in doc.context \
        else "samme_dag"
    key += "_ingen" if not name or MISSING_RE.search(name) else ""
    return t(f"utsending.{key}", dato=t.dato(doc.meeting), tid=at or "–")


def _made_on_the_day_passed(ctx, invitations: dict[str, issued.Invitation], made: set[str],
                            where: str, shown: str, t: Tekst) -> list[dict[str, Any]]:
    """The invitations issued on the day of their meeting (_made_on_the_day), no longer made
    now that the day has passed, on the lists up to the next working day after it (the state
    keeps them so long: store/issued.py Issued.save): not to send, saying that the letter is
    not marked as sent, for staff to check that its reader was told by phone. They left the
    list silently the next day (helper 312). One marked as sent after all leaves
    (_list_values)."""
    rows = []
    for key, (issue, meeting, _, to, *_) in sorted(invitations.items()):
        day = date.fromisoformat(meeting[:10])
        # Up to the next working day after it (as the state kept it so long, before it
        # kept invitations unmarked for longer: _unmarked_passed).
        if key in made or issue.split("/", 1)[0] != meeting[:10] or day >= ctx.today \
                or ctx.today > LETTER_DAYS.add_working_days(day, 1):
            continue
        at = meeting[11:16].replace(":", ".") if len(meeting) >= 16 else "–"
        # The joint meeting's invitation: «møtet» (its file name says so, not its rows).
        note = "utsending.samme_dag_mote_passert" if ctx.t("fil.felles_mote") in key \
            else "utsending.samme_dag_passert"
        rows.append({"sak": shown, "mottaker": _role(to, t) if to else "",
                     "dokument": f"{where}/{key}", "brevdato": day, "send_innen": None,
                     "sendes": _how(to, t), "merknad": t(note, dato=t.dato(day), tid=at),
                     "samtale": day, "utgave": issue, "samme_dag": True,
                     "samme_dag_passert": True})
    return rows


def listed_after_their_day(ctx, folder: Path, invitations: dict[str, issued.Invitation],
                           made: set[str]) -> set[str]:
    """The invitations no longer made (their day has passed) that the list names on the
    days after it, not to send, to check whether they were sent (_made_on_the_day_passed,
    _unmarked_passed, less those a list named on their day: _list_days), by their keys in
    the case folder. run/case_step.py keeps their letters there while it does, as it
    removes every other invitation no longer made: a row never names a letter that is not
    in the case folder (a reader's finding: «Ikke send: … samtalen var 23. november …»
    beside a file that was gone). The next making of the case after the list stops naming
    it removes it. folder: the state's."""
    days = _list_days(folder)
    rows = _made_on_the_day_passed(ctx, invitations, made, "", "", ctx.t) + \
        _unmarked_passed(ctx, invitations, made, "", "", ctx.t, None)
    return {row["dokument"].removeprefix("/") for row in rows
            if row.get("paa_dagen") is None or days is None or row["paa_dagen"] not in days}


def _held_that_day(ctx, key: str, day: date) -> bool:
    """Whether the journal has the conversation a kept invitation (its key, as innkalling.py
    named it: Innkallinger/<party>/<conversation's file name>[ - <recipient>].docx) was for
    as held on that day: the same party, theme, contact and, for a parent's own
    conversation, the same parent. Not another one of the same theme that day (a reader's
    finding: mother and father met separately on one day, the mother's held, and the
    father's invitation left the list as if he had come too). A conversation held with the
    parents whose journal does not say with which of them (hvem_ukjent) is either parent's,
    as its file name is."""
    folder = f"{ctx.t('fil.innkallinger')}/"
    for c in ctx.plan.conversations:
        if c.status != "gjennomfort" or c.dato != day:
            continue
        try:
            # Under any title its theme has had in file names (CaseContext.file_titles): an
            # invitation issued under the programme's own keeps that name.
            stems = [folder + f"{ctx.programme.part(c.part).navn}/" + conversation_file(
                ctx.samtale_context(c), ctx.t, title) for title in ctx.file_titles(c)]
        except (KeyError, AttributeError):
            continue
        if any(key == f"{stem}.docx" or key.startswith(f"{stem} - ") for stem in stems):
            return True
    return False


def _unmarked_passed(ctx, invitations: dict[str, issued.Invitation], made: set[str],
                     where: str, shown: str, t: Tekst,
                     gaps: Callable[[str], list[str]] | None) -> list[dict[str, Any]]:
    """The invitations no longer made (the journal moved the conversation, or has it as
    held) whose meeting passed at most issued.UNMARKED_PASSED_DAYS ago and that nobody
    marked as sent: the state keeps them so long (store/issued.py Issued.save). On the day
    of its meeting the list names such a letter once more (_case_rows: «… samtalen er i
    dag»); when no list was made that day (the service was off, a holiday), it left
    without a trace, its reader perhaps never told. Listed, not to send, on each list after
    it until it is marked as sent or its days are over; _list_values drops it when a list
    was made on its day. Not one issued on the day of its meeting
    (_made_on_the_day_passed lists that), nor one whose conversation the journal has as
    held on that day: the conversation is over, its reader
    came (_held_that_day: that party's, that parent's). One to a parent the journal now has
    as declining says that, and that nobody needs to call: the conversation is out of the
    plan (_to_a_parent_who_declined)."""
    rows = []
    for key, (issue, meeting, _, to, *_) in sorted(invitations.items()):
        day = date.fromisoformat(meeting[:10])
        if key in made or issue.split("/", 1)[0] == meeting[:10] or not (
                day < ctx.today <= day + timedelta(days=issued.UNMARKED_PASSED_DAYS)):
            continue
        if _held_that_day(ctx, key, day):
            continue  # the journal has it as held that day: its reader came
        document = f"{where}/{key}"
        lacking = gaps(document) if gaps else []
        meeting_word = "_mote" if ctx.t("fil.felles_mote") in key else ""
        note = "utsending.ikke_merket_innkalling" + meeting_word + "_passert"
        if _to_a_parent_who_declined(ctx, key, to):
            # Not «check that it was agreed by phone»: its reader said no to the programme.
            said = t(f"utsending.takket_nei{meeting_word}_passert", dato=t.dato(day))
        else:
            said = t(f"{note}_mangler", dato=t.dato(day), hva=_what(lacking, t)) \
                if lacking else t(note, dato=t.dato(day))
        rows.append({"sak": shown, "mottaker": _role(to, t) if to else "",
                     "dokument": document,
                     "brevdato": date.fromisoformat(issue.split("/", 1)[0]),
                     "send_innen": None, "sendes": _how(to, t), "merknad": said,
                     "samtale": day, "utgave": issue, "samme_dag": True,
                     "samme_dag_passert": True, "paa_dagen": day,
                     "mote": ctx.t("fil.felles_mote") in key})
    return rows


def _to_a_parent_who_declined(ctx, key: str, to: dict[str, Any]) -> bool:
    """Whether a kept invitation (its key in the case folder, its recipient as kept) is to
    a parent the journal now has as declining (takker_ja false): named by their label
    («… - far.docx»), or the case's parents' one letter when every parent declined. Its
    row asks nobody to check that the conversation was agreed (a reader's finding: the
    father who said no, his letter for 26 November listed «sjekk … at samtalen ble avtalt
    med mottakeren på telefon»)."""
    if to.get("rolle") != "forelder":
        return False
    parents = ctx.case.foreldre
    declined = [i for i, p in enumerate(parents) if p.takker_ja is False]
    if not declined:
        return False
    stem = key.rsplit("/", 1)[-1].removesuffix(".docx")
    labels = {i: ctx.parent_label(i) for i in range(len(parents))}
    named = [i for i, label in labels.items() if label and stem.endswith(f" - {label}")]
    if named:
        return all(i in declined for i in named)
    return len(declined) == len(parents)


def _earlier_not_held(doc: Document, ctx, t: Tekst) -> str | None:
    """The note for an invitation to the last theme of its reader's track when none of the
    track's earlier themes is registered as held and none is still ahead (the journal's
    exports stopped, or nothing was registered for months): the letter looks back on the
    conversations («Vi ser tilbake på samtalene»), so staff check the journal first. None
    for any other letter, or outside a run's plan."""
    samtale = doc.context.get("samtale")
    if not samtale or doc.meeting is None or not samtale.get("tema"):
        return None
    part_id, tema = samtale.get("part"), samtale["tema"]
    try:
        themes = [theme.nummer for theme in ctx.part(part_id).temaer]
    except (KeyError, AttributeError):
        return None
    if tema != max(themes, default=0):
        return None
    who = samtale.get("forelder", "")
    earlier = [c for c in ctx.plan.for_part(part_id) if 0 < c.tema < tema
               and (c.forelder is None and c.hvem_ukjent or ctx.parent_label(c.forelder) == who)]
    left_out = [key[1] for key in ctx.plan.left_out_why
                if key[0] == part_id and 0 < key[1] < tema
                and ctx.parent_label(key[3]) == who]
    if not earlier and not left_out:
        return None
    if any(c.status == "gjennomfort" or c.status == "planlagt" and c.dato >= ctx.today
           for c in earlier):
        return None
    numbers = sorted({c.tema for c in earlier} | set(left_out))
    shown = f"{numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else str(numbers[0])
    if len(numbers) > 1 and numbers != list(range(numbers[0], numbers[-1] + 1)):
        shown = t.join([str(n) for n in numbers])
    return t("utsending.tidligere_ikke_holdt", temaer=shown)


def _short_notice(doc: Document, t: Tekst) -> str | None:
    """The note for a proposal (_agreed_or_proposed) that cannot be sent before the day of
    its meeting (the planner places a move follow-up contact from the next working day): a
    letter does not give the notice, so the contact person agrees the time directly. Used
    by _list_values when "Send innen" comes out so; None for other letters."""
    samtale = doc.context.get("samtale", {})
    if samtale.get("avtalt") or samtale.get("tema") != 0 or doc.listed_until is None:
        return None
    return t("utsending.forslag_kort", dato=t.dato(doc.listed_until + timedelta(days=1)))


def _too_close(doc: Document, ctx, t: Tekst) -> tuple[Any, ...] | None:
    """The working days a letter for a conversation (doc.meeting) needs before it to do what
    it is for, the note saying what to do instead when it is sent later than that, and
    whether it goes by post (a tuple: the rows are kept as JSON, store/rows.py).
    _list_values, which knows the day it is to be sent, decides (the one place that does,
    for either way of sending). A letter by post ([documents] post_days: the working days it
    takes) cannot arrive before the day of its conversation: agree (or confirm) the time by
    phone, and send the letter all the same. A digital letter proposing a time not agreed
    yet (_agreed_or_proposed) sent within [documents] short_notice_days working days of its
    conversation leaves its reader no time to answer it: the contact person agrees the time
    by phone, and the letter goes as confirmation (another time agreed is registered in the
    journal, and the letter its next export makes is sent instead). So for a digital
    invitation to the joint meeting: its time is the planner's, agreed with nobody, and its
    letter asks for word if it does not suit; the contact person tells its reader of the
    meeting by phone, and the letter goes all the same (the meeting is not the journal's to
    move). A theme's invitation proposes its time as such a contact's does (its letter asks
    for word if it does not suit: schedule.agreed), so one sent so late has the same note
    (helper 182: a last theme's invitation made the day before it had none). So for a
    digital information letter sent that late before the first conversation it lists (its
    meeting): it presents the conversations, and its reader is told of them by phone, the
    letter going all the same, as one by post too late (helper 188: it had no note, while
    the invitations beside it said «Kort varsel»); sent on the day of that conversation
    itself, the note says so (a fourth element: «… samme dag som brevet sendes»), as «neste
    samtale er 23. november» beside a letter to send that day read as if there were time.
    None for any other digital letter (one confirming an agreed time), or a letter not for a
    conversation."""
    if doc.meeting is None:
        return None
    documents, samtale = ctx.settings.documents, doc.context.get("samtale")
    # A letter to the child: the contact person agrees the time with the child through the
    # foster parents, and one by post too late is taken to the conversation (it would come
    # after it), not sent «som bekreftelse» to a reader who is not called.
    child = _through_the_foster_home(doc, ctx)
    if doc.context.get("mottaker", {}).get("sendes") != "post":
        if samtale is None:  # the joint meeting's invitation, or the information letter
            if _for_the_meeting(doc, ctx):
                return (documents.short_notice_days,
                        t("utsending.kort_varsel_mote", dato=t.dato(doc.meeting)), False)
            # The information letter sent the day of the conversation it names as the next:
            # its dates are gone through with its reader then (_list_values picks it).
            return (documents.short_notice_days,
                    t("utsending.kort_varsel_brev", dato=t.dato(doc.meeting)), False,
                    t("utsending.kort_varsel_brev_samme_dag", dato=t.dato(doc.meeting)))
        if samtale.get("avtalt"):
            return None
        return (documents.short_notice_days,
                t(f"utsending.kort_varsel{child}", dato=t.dato(doc.meeting)), False)
    if samtale is not None:
        key = ("post_sen_avtalt" if samtale.get("avtalt") else "post_sen") + child
    else:  # the joint meeting's invitation, or a letter listing the conversations
        key = "post_sen_mote" if _for_the_meeting(doc, ctx) else "post_sen_brev"
    return documents.post_days, t(f"utsending.{key}", dato=t.dato(doc.meeting)), True


def _one_foster_parent(ctx) -> bool:
    """Whether the journal has one foster parent (context.py: fosterfamilie.en_fosterforelder):
    the notes then name «fosterforelderen», not «fosterforeldrene»."""
    foster = (getattr(ctx, "base", None) or {}).get("fosterfamilie") or {}
    return bool(foster.get("en_fosterforelder"))


def _through_the_foster_home(doc: Document, ctx) -> str:
    """The suffix of a note's key for a letter to the child: the contact person agrees the
    time with the child through the foster parents, or through the one foster parent the
    journal has («_barnet_en»: a reader's finding in the demo's 2026-0721, where the list
    asked to call «fosterforeldrene» of a home with Randi Kleppe alone). "" for another
    reader."""
    if doc.context.get("mottaker", {}).get("rolle") != "barnet":
        return ""
    return "_barnet_en" if _one_foster_parent(ctx) else "_barnet"


def _for_the_meeting(doc: Document, ctx) -> bool:
    """Whether the day a letter without a conversation of its own is for (doc.meeting) is
    the joint meeting's: its invitation, or an information letter whose next date listed is
    the meeting (helper 193: its notes said «neste samtale» of it). Its notes then say
    «møtet», as the invitation's do."""
    if "fellesmote" in doc.context:
        return True
    meeting = getattr(getattr(ctx, "plan", None), "joint_meeting", None)
    return meeting is not None and meeting.dato == doc.meeting \
        and not ctx.base.get("fellesmote_frivillig")


def _while_held(doc: Document, ctx, t: Tekst) -> tuple[int, str] | None:
    """For a letter held back (it lacks something) that is for a conversation or meeting:
    the working days a letter needs before it at the most ([documents] post_days or
    short_notice_days) and the note saying who must tell its reader meanwhile. A held letter
    sent late gives no notice at all (_list_values decides, as for _too_close). A case
    with no contact person in the journal has no one to ask: the note asks the leader to
    see that someone calls (the Avvik sheet asks them to assign a contact person)."""
    if doc.meeting is None:
        return None
    documents = ctx.settings.documents
    key = ("venter" if "samtale" in doc.context else
           "venter_mote" if _for_the_meeting(doc, ctx) else "venter_brev")
    name = (doc.context.get("kontaktperson") or {}).get("navn") or ""
    if not name or MISSING_RE.search(name):
        key += "_ingen"
    if key in ("venter", "venter_ingen"):
        key += _through_the_foster_home(doc, ctx)
    return (max(documents.post_days, documents.short_notice_days),
            t(f"utsending.{key}", dato=t.dato(doc.meeting)))


def _joined(note: str, before: str, t: Tekst) -> str:
    """A note before the row's own, unless that is only whether the letter proposes a time
    or confirms an agreed one (the note says that too)."""
    plain = ("", t("utsending.forslag"), t("utsending.avtalt"))
    return note if before in plain or before.startswith(note) else f"{note} {before}"


def _gaps(ws: Workspace, document: str) -> list[str]:
    """What the letter at this path (from the outbox) lacked when it was last written, as
    the letter shows it («[mangler: telefon til kontaktpersonen]»): the labels, each once.
    The ledger keeps them with the document (case_step.render_case); a letter not written
    yet lacks nothing known."""
    recorded = ws.ledger.recorded(document)
    found: list[str] = []
    for label in recorded.missing if recorded is not None else ():
        if label not in found:
            found.append(label)
    return found


def _edited(ws: Workspace, document: str, hashes: KnownHashes) -> bool:
    """Whether the letter at this path (from the outbox) is there and not as we wrote it;
    its hash as kept while the file is as it was (store/hashes.py)."""
    path = ws.settings.paths.outbox / document
    try:
        on_disk = hashes.sha256(path, document)
    except OSError:
        return False
    return ws.ledger.ours(document, on_disk) is None


def _still_missing(path: Path) -> list[str] | None:
    """What the letter at path still shows as «[mangler: …]» (or «[manglar: …]»), each
    label once: read from its text (rendering/shown_text.py), as staff may have edited it.
    Asked only of a letter that lacked something and was edited since it was written.
    None when it cannot be read as a Word document: nothing tells that it was filled in. So
    for one that reads as no words at all: a letter saved as «Strict Open XML» (still .docx)
    has its text where this does not read it, «[mangler: …]» and all."""
    text = shown_text_of(path)
    if text is None or not text.split():
        return None
    found: list[str] = []
    for label in MISSING_RE.findall(text):
        if label not in found:
            found.append(label)
    return found


def _what(labels: list[str], t: Tekst) -> str:
    """What a letter lacks, for a row's note: the labels, or how many when more than three."""
    return t.join(labels) if len(labels) <= 3 else t(
        "utsending.antall_opplysninger", antall=len(labels))


def _issued_again(ctx, key: str) -> bool:
    """Whether the letter was issued anew since it was first made (its facts changed): a
    copy someone edited before then shows what no longer holds. Not one made again only
    with a new template or release: that keeps its issue (store/issued.py)."""
    first = (ctx.made or {}).get(key)
    last = ctx.issued_last(key) if ctx.issued_last is not None else None
    return first is not None and last is not None and last > first


def _newer_version(ws: Workspace, document: str) -> tuple[str, list[str]] | None:
    """The name of the new version of ours beside the letter at this path (from the
    outbox), the last one written there (store/commit.py DocumentWriter.place), and what it
    lacks (_gaps); None if there is none."""
    outbox = ws.settings.paths.outbox
    target = outbox / document
    found = None
    for candidate in islice(versions(target), 1, None):
        try:
            on_disk = sha256_file(candidate)
        except OSError:
            continue
        if on_disk is None:
            break
        if ws.ledger.ours(key := candidate.relative_to(outbox).as_posix(), on_disk) is not None:
            found = (candidate.name, _gaps(ws, key))
    return found


def _kept_letters(found: dict[str, Any], outbox: Path, t: Tekst,
                  edited: Callable[[str], bool] | None = None) -> list[dict[str, Any]]:
    """Invitations in the case folder that were not made this time (someone edited one whose
    conversation moved or was held, or one made under a name it no longer has: commit.py
    kept it): listed as not to send. Looked for on disk each time, since they are not the
    case's but the folder's. edited(path): whether someone changed the letter since it was
    written; one as we wrote it, kept while the list names it after its day
    (listed_after_their_day), is no edited copy, and is listed as that row says, or not."""
    if found["innkallinger"] is None:  # an ended case's folder is left as it was
        return []
    folder = outbox / found["mappe"]
    letters = folder / found["innkallinger"]
    made = set(found["laget"])
    renamed = found.get("nye_navn", {})
    rows = []
    for name in _docx_under(letters, found["innkallinger"]):
        if name not in made and f"({NEW_VERSION}" not in name.rsplit("/", 1)[-1]:
            if name not in renamed and edited is not None \
                    and not edited(f"{found['mappe']}/{name}"):
                continue
            note = (t("utsending.ikke_send_nytt_navn", fil=f"«{renamed[name]}»")
                    if name in renamed else t("utsending.ikke_send"))
            rows.append({"sak": found["sak"], "mottaker": "",
                         "dokument": f"{found['mappe']}/{name}", "brevdato": None,
                         "send_innen": None, "sendt": None, "sendes": "", "merknad": note,
                         "samtale": None, "kontaktperson": found.get("kontaktperson", "")})
    return rows


def _docx_under(letters: Path, prefix: str) -> list[str]:
    """The names ending in .docx anywhere under letters (not in a folder linked there), as
    prefix/relative POSIX paths in the order of their parts, as sorted(letters.rglob("*.docx"))
    gives them: a listing per folder, no stat per file and no Path per name."""
    found: list[str] = []
    todo = [(str(letters), prefix)]
    while todo:
        top, base = todo.pop()
        try:
            entries = list(os.scandir(top))
        except OSError:  # none, or not a folder: nothing kept there
            continue
        for entry in entries:
            name = f"{base}/{entry.name}"
            if entry.name.endswith(".docx"):
                found.append(name)
            if entry.is_dir(follow_symlinks=False):
                todo.append((entry.path, name))
    return sorted(found, key=lambda name: name.split("/"))


def _role(mottaker: dict[str, Any], t: Tekst) -> str:
    role = mottaker.get("rolle", "")
    if role not in ("forelder", "barnet"):  # one foster parent: «du» (documents._recipient)
        role = "fosterforelder" if mottaker.get("en_person") else "fosterforeldre"
    who = mottaker.get("hvem", "")
    if role == "forelder" and who:
        return t("utsending.forelder_hvem", hvem=who)
    return t(f"utsending.{role}")


def _how(mottaker: dict[str, Any], t: Tekst) -> str:
    """As the recipient's letters go (documents._delivery: the export's forsendelse, else
    [documents] delivery_default, or delivery_child for a letter to the child)."""
    how = mottaker.get("sendes", "")
    return t(f"utsending.{how}") if how in ("post", "digitalt") else ""
