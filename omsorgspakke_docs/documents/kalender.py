"""The contact person's calendar file for Outlook: one per case, every upcoming conversation,
visit and the joint meeting in it (Kalender/Alle samtaler.ics). One file, not one per
conversation: importing it again updates the entries (their UIDs stay the same), so a folder
holds one calendar, not a dozen.

This kind has no template: it makes the file's bytes itself (Document.data). An entry names
the party, the theme and the journal number, never the child: calendars are shared and
synchronised outside the case folder. Its place is the invitation's, the foster home's
address included (_CaseEntries.location), and a conversation the journal has on video or
the telephone is «Digitalt møte (video)» (conversation_location), not the office's or the
home's address: the contact person needs it on the day, and the
entry is private (CLASS:PRIVATE: a colleague who sees the calendar sees the time taken, not
the entry). UIDs come from the case's pseudonym, so they carry no personal data and stay the
same from run to run; the file's name is fixed.

A parent's own conversation's UID names the parent by their place in the case's list (-f0,
-f1). That place changes when a parent comes into the export or leaves it, or the export
lists the parents in another order; the UID the calendar holds must not, or the import
shows the appointment «AVLYST» beside a new one at the same time. So the file before
decides (revised, _pairs): an entry of the plan takes the UID of the same appointment there:
the same conversation with the same parent, known by the role the journal gives them
(«mor», «far»: never a name; the title of their own conversation ends with it); else the
same UID; else the same conversation at the same time. An entry whose UID was kept so says
what it is now and whose (X-OMSORGSPAKKE-ID, X-OMSORGSPAKKE-FORELDER; rendering/ics.py);
every other entry is written as before, so a file of the release before is read as it is
and an unchanged case keeps its bytes. Where no role tells the parents apart (none given,
or the same for both), their place in the list does, as before.

An entry that leaves the plan before its day (a conversation cancelled in the journal or
left out, a visit no longer needed, the joint meeting off, a case ending early) would simply
be missing from the next file, and importing that file leaves the old appointment where it
is: a calendar import adds and updates, it never deletes what a file no longer holds. So
the entry stays in the file, cancelled, until its day has passed: the same UID, SEQUENCE
one higher, STATUS:CANCELLED, TRANSP:TRANSPARENT and X-MICROSOFT-CDO-BUSYSTATUS:FREE (the
time shows as free; Outlook reads the second first: rendering/ics.py), and «AVLYST:» before
its title and in its description (kalender.avlyst_tittel, kalender.avlyst).

Why this form (docs/operations.md, «Kalenderen»):
- iTIP allows one METHOD per file (RFC 5546 section 1.4), and METHOD:CANCEL (section 3.2.5)
  is a meeting organizer's message to attendees: it needs ORGANIZER and ATTENDEE, which
  these appointments do not have (they would become meetings, with staff e-mail addresses
  in a file that leaves the folder), and a second file for cancellations is one more thing
  to open. A PUBLISH file may carry STATUS:CANCELLED (RFC 5545 section 3.8.1.11) and a
  published entry may be updated by another PUBLISH (RFC 5546 section 3.2.1).
- Google Calendar drops an entry whose STATUS is CANCELLED (hackgvl/hackgreenville-com pull
  request 498; insanum/gcalcli issue 47); Apple Calendar shows it struck through
  (w3c/calendar issue 90).
- Outlook does not act on STATUS:CANCELLED: it shows the appointment as it was (a
  published calendar: esrg-knights/Squire issue 215; Outlook on the desktop through a
  CalDAV add-in: aluxnimm/outlookcaldavsynchronizer issue 105); Outlook itself marks a
  cancelled meeting by a «Canceled:» title (derekantrican/GAS-ICS-Sync issue 218). Hence
  the words in the title and the free time: after importing, the contact person sees
  «AVLYST: …» and deletes it. Whether an Outlook import replaces an entry by
  its UID or adds a copy varies with version and route (officekb.com: «Outlook doesn't
  recognize duplicates» for File > Import); either way the cancelled entry is there to see.
- A higher SEQUENCE is what makes a client that compares revisions take the cancellation
  over the entry it holds (RFC 5546 section 2.1.4; calcom/cal.diy pull request 29926); an
  entry that comes back into the plan gets one higher again.

What the calendar held before is read from the file in the case folder (ours: only entries
with this case's UIDs are taken, in the form we write). So the file's content depends on the
plan and on that file: the same plan and file make the same bytes, and a file made from its
own output is that output again, so an unchanged case stays unchanged (store/incremental.py).
A cancelled entry asks the day whether it has passed (rendering/watched_day.py): the case is
made again the day after, without it. A file deleted by hand has lost its cancellations; a
case the journal closed gets no documents, so its file is rewritten with every coming entry
cancelled when it leaves the programme (cancel_coming, run/case_step.py).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path, PurePosixPath

from ..hookspecs import hookimpl
from ..intake.guards import printable
from ..planning import schedule
from ..rendering.context import MISSING_RE
from ..rendering.ics import Entry, calendar_bytes, read_entries, read_stamp
from ..rendering.renderer import Document
from ..store.safenames import case_folder_path
from ..text import MALFORMER, tekst
from . import one_or_both
from .fellesmote import joint_meeting

DOMAIN = "omsorgspakke-docs"
CALENDAR = "Kalender/Alle samtaler.ics"
"""In bokmål; a nynorsk case folder has Kalender/Alle samtalane.ics (fil.kalender,
fil.alle_samtaler in the text catalogues)."""
MOST_BYTES = 4 << 20
"""A file in the case folder larger than this is not one of ours: it is not read."""
MOST_REVISIONS = 10_000
"""An entry's revision (SEQUENCE) a run of ours can reach (one a change): one higher was
not written by us, and is not carried."""


def _known(*values: str) -> list[str]:
    return [v for v in values if v and not MISSING_RE.search(v)]


class _CaseEntries:
    """What every calendar entry of one case shares: reference, place and UID prefix."""

    def __init__(self, ctx):
        base = ctx.base
        reference = base["sak"]["journalnummer"]
        if MISSING_RE.search(reference):
            reference = ctx.pseudonym or ctx.t("kalender.uten_journalnummer")
        self.reference = reference
        self.ctx = ctx
        self.t = ctx.t
        self.uid = ctx.pseudonym or "sak"
        self.programme = base["program"]["navn"]

    def conversation_location(self, conv) -> str | None:
        """Where a conversation is: a digital one (the journal's motform: video, telephone
        or digital) is in no office or home, and the entry says how it is held, as the
        invitation says it is digital («Digitalt møte (video)»); otherwise location."""
        if not conv.digital:
            return self.location(conv.sted)
        form = next((s.motform for s in self.ctx.case.samtaler
                     if s.identity == conv.key and s.dato == conv.dato and s.digital), None)
        return self.t(f"kalender.digitalt_{form}" if form in ("video", "telefon")
                      else "kalender.digitalt_mote")

    def location(self, kind: str) -> str | None:
        """Where the letters say the meeting is: the service's visiting address; the foster
        home with its address as the invitation gives it (rendering/context.py place); for
        a parent far away, a digital meeting or their own town. The contact person imports
        the file into their own calendar, where the address is what they need on the day
        (the file's name carries none)."""
        if kind == schedule.FOSTER_HOME:
            return self._foster_home()
        if kind == schedule.DIGITAL:
            return self.t("kalender.digitalt")
        place = self.ctx.place_text(kind, None)
        return None if MISSING_RE.search(place) else place

    def _foster_home(self) -> str:
        """«Fosterhjemmet, Lia 22, 5997 Fjordvik», the address in the invitation's words;
        «Fosterhjemmet» alone when the journal gives no street address (the invitation then
        says «[mangler: …]», which has no place in Outlook) or neither a postal code nor a
        town: a street alone is not an address a map or a colleague can go by; «Lia 22,
        Fjordvik» is, as the invitation writes it."""
        home = self.ctx.case.fosterfamilie
        named = self.t("kalender.fosterhjemmet")
        town = (home.postnummer or "").strip() or (home.poststed or "").strip()
        if not ((home.adresse or "").strip() and town):
            return named
        return self.t("kalender.fosterhjemmet_adresse",
                      adresse=self.ctx.place(schedule.FOSTER_HOME, None)[1])

    def entry(self, key: str, day, start, end, title: str, about: str, more: str = "",
              place: str = schedule.OFFICE, parent: str | None = None,
              location: str | None = None) -> Entry:
        """location: where the entry says it is, when not at place (conversation_location)."""
        return Entry(
            uid=f"{self.uid}-{key}@{DOMAIN}",
            start=datetime.combine(day, start),
            end=datetime.combine(day, end),
            summary=f"{self.programme}: {title} ({self.reference})",
            description="\n\n".join(x for x in (
                f"{about} {self.t('kalender.referanse', referanse=self.reference)}", more) if x),
            location=location if location is not None else self.location(place),
            parent=parent,
        )


def _uid(conv) -> str:
    own = "" if conv.forelder is None else f"-f{conv.forelder}"
    return f"{conv.part}-t{conv.tema}-k{conv.nummer}{own}"


def _parent(case, part: str, forelder: int | None) -> str | None:
    """Whose conversation of the parents' it is, by what stays the same from export to
    export: the parent's role in the journal («mor», «far»; Case.parent_roles), never a name.
    A shared conversation is the parent's when the case lists one parent only. None: not a
    parent's, or the role does not tell the parents apart."""
    if part != "foreldre":
        return None
    roles = case.parent_roles()
    if forelder is None and len(roles) == 1:
        forelder = 0
    role = roles[forelder] if forelder is not None and forelder < len(roles) else None
    return _role(role) if role else None


def _role(text: str) -> str:
    return " ".join(printable(text).casefold().split())


class Kalender:
    name = "kalender"
    title = "Kalenderfiler (.ics) for Outlook"
    templates: tuple[str, ...] = ()

    def documents(self, ctx):
        case, t = _CaseEntries(ctx), ctx.t
        entries: list[Entry] = []
        for part in ctx.programme.parter:
            for conv in ctx.plan.for_part(part.id):
                if conv.status != "planlagt" or conv.dato < ctx.today:
                    continue
                s = ctx.samtale_context(conv)
                entries.append(case.entry(
                    _uid(conv), conv.dato, conv.start, conv.slutt,
                    " – ".join(x for x in (part.navn, s["overskrift"], s["forelder"]) if x),
                    t("kalender.samtale", hvem=s["forelder"] or part.navn.lower(), spor=part.spor),
                    ctx.in_case_words(part.tema(conv.tema).formal), conv.sted,
                    _parent(ctx.case, conv.part, conv.forelder),
                    case.conversation_location(conv)))
        for visit in ctx.plan.visits:
            if visit.status == "planlagt" and visit.dato >= ctx.today and visit.start:
                entries.append(case.entry(
                    f"besok-{visit.nummer}", visit.dato, visit.start, visit.slutt,
                    t("saksoversikt.besok"), t("kalender.besok"),
                    place=schedule.FOSTER_HOME))
        meeting = joint_meeting(ctx)
        if meeting is not None and meeting.dato >= ctx.today:
            entries.append(case.entry(
                "fellesmote", meeting.dato, meeting.start, meeting.slutt,
                t("kalender.felles_mote_tittel"), t(one_or_both(ctx, "kalender.felles_mote"))))
        path = PurePosixPath(t("fil.kalender"), t("fil.alle_samtaler") + ".ics")
        before, data = _before(ctx, path)
        entries = revised(entries, before, ctx.today, _held(ctx, case), t)
        if entries:
            yield _calendar(ctx, path, entries, data)


def revised(entries: list[Entry], before: list[Entry], today: date,
            held: Callable[[str, date], bool], t) -> list[Entry]:
    """The plan's entries, each with the UID of the same appointment in the file before
    (_pairs) and its revision (SEQUENCE) raised when its time or status changed since; then
    the entries of that file gone from the plan whose day has not passed, cancelled (one
    cancelled already is carried as it is). An entry the journal has as held on its day
    (held(UID, day)) is not cancelled: it took place as the calendar said."""
    pairs = _pairs(entries, before)
    taken = {e.uid for e in before}  # a UID the calendar has is that appointment's
    out = []
    for i, entry in enumerate(entries):
        was = pairs.get(i)
        uid = was.uid if was is not None else _free(entry.uid, taken)
        taken.add(uid)
        out.append(replace(entry, uid=uid, key=None if uid == entry.uid else entry.uid,
                           sequence=_sequence(entry, was)))
    kept = {id(b) for b in pairs.values()}
    now = {e.uid for e in out}
    for old in before:
        day = old.start.date()
        if id(old) in kept or old.uid in now or day < today or held(_natural(old), day):
            continue
        now.add(old.uid)  # (once: a file edited by hand may hold a UID twice)
        out.append(old if old.cancelled else cancelled(old, t))
    return out


def _pairs(entries: list[Entry], before: list[Entry]) -> dict[int, Entry]:
    """The entry of the file before that is the same appointment as each of the plan's
    (by its index), each taken once: the same conversation with the same parent (by role);
    else the same conversation as the file named it (its UID, or what it was when the UID
    was kept: Entry.key), not another parent's; else the same conversation at the same time,
    not another parent's (a parent's own conversation that was shared with the parents
    before a second parent came, or after one left). So an entry keeps its UID, and the
    calendar its appointment, when the parents in the case change."""
    free = list(before)
    pairs: dict[int, Entry] = {}
    for same in (_same_parent, _same_name, _same_time):
        for i, entry in enumerate(entries):
            if i in pairs:
                continue
            found = next((b for b in free if same(entry, b)), None)
            if found is not None:
                pairs[i] = found
                free = [b for b in free if b is not found]
    return pairs


def _same_parent(entry: Entry, was: Entry) -> bool:
    return entry.parent is not None and entry.parent == was.parent and \
        _conversation(entry) == _conversation(was)


def _same_name(entry: Entry, was: Entry) -> bool:
    return _natural(was) == entry.uid and not _other_parent(entry, was)


def _same_time(entry: Entry, was: Entry) -> bool:
    return (entry.start, entry.end) == (was.start, was.end) and \
        _conversation(entry) == _conversation(was) and not _other_parent(entry, was)


def _other_parent(entry: Entry, was: Entry) -> bool:
    return None not in (entry.parent, was.parent) and entry.parent != was.parent


def _natural(entry: Entry) -> str:
    """What the entry is in its plan, in the UID's form (its UID unless kept from another)."""
    return entry.key or entry.uid


_CONVERSATION = re.compile(r"-(?P<what>[a-z]+-t\d+-k\d+|besok-\d+|fellesmote)"
                           r"(?:-f(?P<forelder>\d+))?@")


def _conversation(entry: Entry) -> str | None:
    """The conversation (party, theme, contact), visit or meeting an entry is, whoever of
    the parents it is with."""
    found = _CONVERSATION.search(_natural(entry))
    return None if found is None else found["what"]


def _free(uid: str, taken: set[str]) -> str:
    """The UID, or when an entry of the file before has it (kept for another appointment),
    the first free one with «-2», «-3», ... before its «@»."""
    name, at, domain = uid.rpartition("@")
    n, free = 1, uid
    while free in taken:
        n += 1
        free = f"{name}-{n}{at}{domain}"
    return free


_NUMBERED = re.compile(r"forelder \d+")
"""A parent's own conversation's title where the role does not tell the parents apart
(hvem.forelder in the text catalogues)."""


def _with_parents(entries: list[Entry], case) -> list[Entry]:
    """The entries of the file before, each parents' entry with whose it is (Entry.parent)
    where the file does not say (only an entry whose UID was kept does): a parent's own one
    by the role its title ends with (the parents in the case may have changed since: their
    place in the list may be another's now), a shared one by the case's one parent, when it
    lists one."""
    out = []
    for entry in entries:
        found = _CONVERSATION.search(_natural(entry))
        if entry.parent is None and found is not None and found["what"].startswith("foreldre-"):
            if found["forelder"] is None:
                entry = replace(entry, parent=_parent(case, "foreldre", None))
            else:
                # «Omsorgspakken: Foreldre – Tema 1: … – mor (2026-0412)»
                role = _role(entry.summary.rpartition(" (")[0].rpartition(" – ")[2])
                if role and not _NUMBERED.fullmatch(role):
                    entry = replace(entry, parent=role)
        out.append(entry)
    return out


def cancelled(entry: Entry, t) -> Entry:
    """The entry as cancelled: «AVLYST:» before its title and in its description, one
    revision higher."""
    return replace(entry, summary=t("kalender.avlyst_tittel", tittel=entry.summary),
                   description="\n\n".join(x for x in (t("kalender.avlyst"), entry.description)
                                            if x),
                   sequence=entry.sequence + 1, cancelled=True)


def _sequence(entry: Entry, was: Entry | None) -> int:
    if was is None:
        return 0
    moved = (was.start, was.end) != (entry.start, entry.end)
    return was.sequence + 1 if moved or was.cancelled else was.sequence


_PARENT = re.compile(r"-f\d+(?=@)")
"""A parent's own conversation in a UID (_uid): the journal may have it held without saying
with which parent (Conversation.hvem_ukjent), and it was held all the same."""


def _held(ctx, case: _CaseEntries) -> Callable[[str, date], bool]:
    """Whether the journal has the conversation or visit of this UID as held on that day
    (a parent's own one also when the journal does not say with which parent)."""
    conversations = {(_PARENT.sub("", f"{case.uid}-{_uid(c)}@{DOMAIN}"), c.dato)
                     for c in ctx.plan.conversations if c.status == "gjennomfort"}
    visits = {v.dato for v in ctx.plan.visits if v.status == "gjennomfort"}
    visit = f"{case.uid}-besok-"

    def held(uid: str, day: date) -> bool:
        # A visit the journal has has no number: a planned one on its day was that visit.
        return (_PARENT.sub("", uid), day) in conversations or (
            uid.startswith(visit) and day in visits)
    return held


def _before(ctx, path: PurePosixPath) -> tuple[list[Entry], bytes | None]:
    """The entries of the case's calendar file as it is in the case folder, and its bytes,
    when the file is as we wrote it (CaseContext.ours: one someone changed is not read, and
    what they wrote never reaches a file of ours): this case's (by the UID's pseudonym), in
    the file's order. The file under the other standard's name when none has this one's (the
    municipality changed its standard). None outside a run (no pseudonym)."""
    if not ctx.pseudonym or ctx.ours is None:
        return [], None
    folder = case_folder_path(Path(ctx.settings.paths.outbox), ctx.case.journalnummer,
                              ctx.pseudonym)
    for name in (path, *(p for p in calendar_names() if p != path)):
        file = folder.joinpath(*name.parts)
        data = _read(file)
        if data is not None:
            if not ctx.ours(file):
                return [], None
            return _with_parents(_ours_in(data, ctx.pseudonym), ctx.case), data
    return [], None


def calendar_names() -> list[PurePosixPath]:
    """The calendar file's name in the case folder in each standard."""
    return [PurePosixPath(t("fil.kalender"), t("fil.alle_samtaler") + ".ics")
            for t in (tekst(m) for m in MALFORMER)]


def _ours_in(data: bytes, pseudonym: str) -> list[Entry]:
    """The file's entries of this case (by the UID's pseudonym), in a revision a run of
    ours can have reached."""
    prefix, suffix = f"{pseudonym}-", f"@{DOMAIN}"
    return [e for e in read_entries(data) if e.uid.startswith(prefix)
            and e.uid.endswith(suffix) and e.sequence <= MOST_REVISIONS]


def _read(path: Path) -> bytes | None:
    """A regular file's bytes, or None: absent, not a plain file (a named pipe must not hang
    the run), unreadable, or too large to be ours."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MOST_BYTES:
            return None
        try:
            return handle.read()
        except OSError:
            return None


def cancel_coming(data: bytes, pseudonym: str, today: date, t) -> bytes | None:
    """A case the journal closed (or that otherwise left the programme): its calendar file with
    every entry still to come cancelled and the passed ones left out, stamped today; None
    when that is the file as it is, or nothing is to come."""
    # Today's are left out, not cancelled: a meeting of the day the case closed may well
    # have been held (helper 129 found it marked «AVLYST» in the file of the day).
    entries = revised([], _ours_in(data, pseudonym), today, lambda uid, day: day <= today, t)
    if not entries:
        return None
    made = _stamped(entries, today, data)
    return None if made == data else made


def _calendar(ctx, path: PurePosixPath, entries: list[Entry], before: bytes | None) -> Document:
    """A calendar file stamped (DTSTAMP) with the day its entries were first issued as they
    are, so the same entries make the same bytes on a later day (_stamped)."""
    # An entry's revision and status count only when not the first and not cancelled: a
    # calendar made before they were written keeps its issue (and its bytes).
    shown = [(e, e.sequence, e.cancelled) if e.sequence or e.cancelled else e for e in entries]
    content = hashlib.sha256(repr(shown).encode("utf-8")).hexdigest()
    day = ctx.issued_on(str(path), content)
    return Document(path, "", {}, data=_stamped(entries, day, before))


def _stamped(entries: list[Entry], day: date, before: bytes | None) -> bytes:
    """The file of the entries stamped (DTSTAMP) midnight UTC of day, or, when the file
    before (ours) holds them as they are, that file. When they changed, a stamp later than
    that file's: a second file the same day was stamped as the first, and a calendar that
    takes an entry of the same revision (SEQUENCE) by the newer stamp (RFC 5546 2.1.4: a
    title, place or description changed) kept the first's."""
    stamp = datetime.combine(day, time(0), tzinfo=UTC)
    last = None if before is None else read_stamp(before)
    if last is not None:
        if calendar_bytes(entries, last) == before:
            return before
        stamp = max(stamp, last + timedelta(seconds=1))
    return calendar_bytes(entries, stamp)


@hookimpl
def register_document_kinds(register):
    register(Kalender())
