"""The information letter to the parents: what Omsorgspakken is and what happens now.

One letter to each parent who has not declined: parents who live together get one each,
as parents who live apart do, since each decides for themselves whether to take part
(documents/__init__.py parents). A parent who declined gets the renewed offer
(nytt_tilbud.py) instead. Each letter is in the municipality's standard, or the one the
parent asked for.

The letter's dates are the reader's own: parents who live apart each have their own
conversations (planning/schedule.py own_tracks), and one parent's letter never shows when
and where the other meets us. The joint meeting, which both attend, is listed by name.

A letter issued after the programme's first weeks ([documents] invitation_days_before, the
days it is on the list to send: a case first exported late), or after one of the reader's
conversations, says where things stand on the day it is issued: when the programme
started, which conversations were held, and which come next; the promise to get in touch
"in the first weeks" gives way to getting in touch before the next conversation. A
conversation whose date passed without being recorded as held is in neither list: the
letter does not guess.

"The day it is issued", not the day of the run: a letter says what it said on its date. It
is made as of the day it was last issued (store/issued.py; today for one not made before),
so a conversation it lists passing changes nothing, and the letter is not written again. When
its facts change (a conversation moved, or recorded as held: the status is part of
part.samtaler, which it loops over), it is issued anew, dated that day, and made as of it
(rendering/prepare.py, Document.as_of).

Issued anew with other dates than the letter before it (one moved, or given up, or the
joint meeting moved or dropped: not one only recorded as held), it says, near its top, that
the dates have changed since the letter of that day and that its own now apply (issued anew
only because who else is invited to the joint meeting changed, that this changed instead:
rendering/prepare.py INVITED_ONLY_KEY), as an
invitation for a meeting moved says which letter it replaces (Document.dates,
store/issued.py Issued.replaces). A parent who kept both knows which counts. One issued
anew after a letter issued by a release that kept no dates (their change is not known)
says only that it replaces the letter of that day and that its own dates apply
(Issued.dates_unknown).
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from itertools import permutations
from typing import Any

from ..hookspecs import hookimpl
from ..planning.schedule import MEETING
from ..planning.workdays import norsk_dato
from ..rendering.context import tema_heading
from ..rendering.former_releases import (
    FINGERPRINTED_BEFORE,
    FINGERPRINTED_EARLIER,
    SHORT_NOTICE_KEY,
)
from ..rendering.prepare import (
    DATES_UNKNOWN_KEY,
    INVITED_ONLY_KEY,
    MOVED_KEY,
    NEW_CONTACT_FIRST_KEY,
    NEW_CONTACT_KEY,
    REPLACES_KEY,
)
from . import (
    document,
    in_their_standard,
    listed_date,
    one_or_both,
    recipients,
    sending,
    the_other_parent,
    with_suffix,
)
from .fellesmote import WHO_COMES, joint_meeting, meeting_context
from .innkalling import short_notice, title_to_parents

OTHERS_INVITED = "andre_foreldre_inviterte"
"""The joint meeting's row: the other parents invited with the reader (_others_invited), a
fact the row's heading words (_meeting_heading); never printed."""
OTHERS_INVITED_BEFORE = "andre_inviterte"
"""The same fact as the release before kept it (_others_invited_before: by each other
parent's place in the export, so an export listing the parents in another order issued
the letters anew, saying who is invited had changed): asked only of a letter that release
kept (Informasjonsbrev.superseded), so that one still follows a parent declining."""


AGREED_FIRST = "part.neste_avtalt"
"""Whether the letter names, as of the day it is issued, a first conversation at short
notice (_agreed_first): said agreed on the phone («Som avtalt på telefon er den første
samtalen …», build_templates.COMING), not asked about («Vil du være med, …»). Words
(Informasjonsbrev.words); quiet where false (rendering/fields.py quiet), so a
letter a release before issued, which did not read it, keeps its issue."""
AGREED_IN_JOURNAL = "part.neste_avtalt_i_fagsystemet"
"""Whether the letter names, as of the day it is issued, a first conversation whose time
the journal has as agreed with the reader (_agreed_in_journal), to a reader the journal does
not have as having said yes: said agreed («Som avtalt er den første samtalen …»,
build_templates.COMING), not asked about («Vil du være med, …»), as its invitation confirms
it («Som avtalt møtes vi …»). Words (Informasjonsbrev.words); quiet where false
(rendering/prepare.py QUIET_DEFAULTS), as AGREED_FIRST."""


class Informasjonsbrev:
    name = "informasjonsbrev"
    title = "Informasjonsbrev til foreldre"
    templates = ("informasjonsbrev.docx",)
    letters = True
    words = tuple(f"part.{rows}[].{key}" for rows in ("samtaler", "holdt")
                  for key in ("overskrift", "tittel")) + ("part.mellomrom", AGREED_FIRST,
                                                          AGREED_IN_JOURNAL, MOVED_KEY)
    """The rows' headings and titles (a theme's, the joint meeting's: «Felles møte med …»)
    and how far apart the themes come, in words: reworded by a release, a letter issued
    keeps its issue, its date and its mark as sent (rendering/prepare.py Words). Its facts
    are the rows' dates, times, places and who meets, which the letter's dates follow. That
    the child moved to another foster home since its first issue (MOVED_KEY) is words too:
    it follows from the day the letter is issued. So is that its first conversation is at
    short notice, agreed on the phone (AGREED_FIRST), or agreed in the journal
    (AGREED_IN_JOURNAL): it follows from that conversation's row and the day the letter is
    issued, so a letter issued so by a release before keeps its issue, its date and its
    mark as sent, made again in the new words."""
    facts = (f"part.samtaler[].{OTHERS_INVITED}", f"part.samtaler[].{OTHERS_INVITED_BEFORE}")
    """Who else is invited to the joint meeting (the row's heading says it in words): a fact
    of its own, so a letter whose other parent is invited or no longer is is issued anew,
    saying which letter it replaces, while a rewording of the heading keeps its issue. A
    letter kept by the release before, which kept no such fact, keeps its issue
    (rendering/prepare.py Words)."""
    superseded = {f"part.samtaler[].{OTHERS_INVITED_BEFORE}": f"part.samtaler[].{OTHERS_INVITED}"}
    """Who else is invited as kept before it followed the parents' order in the export:
    asked only of a letter kept so (rendering/prepare.py Words.superseded)."""

    def documents(self, ctx):
        people = recipients(ctx, "foreldre")
        for named, c, mottaker in in_their_standard(ctx, people,
                                                     lambda c: recipients(c, "foreldre")):
            forelder = mottaker.get("forelder")
            said_before: dict[int, Said] = {}  # each row as fingerprinted before (_dates)
            rows = _dates(c, forelder, said_before)
            doc = document(
                with_suffix(ctx.t("fil.informasjonsbrev"), named), "informasjonsbrev.docx",
                c.base, mottaker=mottaker)
            doc.as_of = (c.last_issued(str(doc.path)),
                         _as_of(c, rows, _undated(c, forelder), said_before, mottaker))
            doc.dates = _listed(rows)
            doc.either = {f"part.samtaler[].{OTHERS_INVITED_BEFORE}":
                          _others_invited_in_any_order(c, forelder)}
            doc.context[REPLACES_KEY] = ""  # rendering/prepare.py says which, in a run
            doc.context[DATES_UNKNOWN_KEY] = False  # (and whether its dates are known,
            doc.context[INVITED_ONLY_KEY] = False  # or only who else is invited changed,
            doc.context[NEW_CONTACT_KEY] = False  # and whether the contact person is new,
            doc.context[NEW_CONTACT_FIRST_KEY] = False  # also in its first issue)
            doc.context[MOVED_KEY] = False  # (and whether the child moved since: words)
            doc.context.update(doc.as_of[1](doc.as_of[0]))
            # The conversation it names as the next, as of its issue (build_templates.COMING:
            # the first of part.samtaler with a theme; not the joint meeting).
            doc.presents = min((when for when, status, row in rows
                                if _coming(when, status, doc.as_of[0]) and "tema" in row),
                               default=None)
            # Begun also with a conversation held with the parents that the journal does
            # not say who took part in: it may have been this parent's (to check, not send).
            begun = bool(doc.context["part"]["holdt"]) or any(
                conv.hvem_ukjent and conv.status == "gjennomfort"
                for conv in ctx.plan.for_part("foreldre"))
            # Sent by the first coming conversation's invitation at the latest: the letter
            # that explains the programme never comes after its first meeting.
            coming = [when for when, status, _ in rows
                      if status == "planlagt" and when >= ctx.today]
            # To send again: its dates moved, or it says it replaces the letter before
            # (who else is invited to the joint meeting changed, as any date of its own).
            again = _dates_moved(ctx, forelder, doc.as_of[0]) or \
                ctx.replaces(str(doc.path), "", doc.dates) is not None
            yield sending.opening_letter(doc, ctx, begun=begun,
                                         first=min(coming) if coming else None, again=again)


JOINT_MEETING = "felles_mote"
"""What the joint meeting is among the letter's dates (_listed); a conversation is its theme
and number («1.1»)."""
WHO_COMES_DATE = f"{JOINT_MEETING}/{OTHERS_INVITED}"
"""Who else is invited to the joint meeting among the letter's dates (_listed): a detail of
a date (store/issued.py _other_dates: a letter kept without it is not told it changed)."""


def _listed(rows: list[Row]) -> dict[str, str]:
    """The letter's dates as store/issued.py keeps them (Document.dates): each conversation
    or the joint meeting -> a digest of its day and time (and whether it is cancelled), or ""
    once held. Digests, as the state keeps no dates of a family's conversations in letters."""
    def what(row: dict[str, Any]) -> str:
        return f"{row['tema']}.{row['nummer']}" if "tema" in row else JOINT_MEETING

    listed = {what(row): "" if status == "gjennomfort" else listed_date(
        day, row.get("tid") or "", status == "avlyst") for day, status, row in rows}
    for _, _, row in rows:
        if OTHERS_INVITED in row:
            said = "\n".join(row[OTHERS_INVITED])
            listed[WHO_COMES_DATE] = hashlib.sha256(said.encode("utf-8")).hexdigest()[:16]
    return listed


def _dates_moved(ctx, forelder: int | None, since: date) -> bool:
    """Whether a conversation of the reader's that the letter lists (from since, the day it
    was last issued) has another date than it had (CasePlan.moved: the journal moved it, or
    it was missed and moved), or the joint meeting has: the letter issued anew with the new
    dates is to be sent again, as the reader's copy shows a day that no longer holds; also
    once that day has passed (helper 104: it went back to «Kan være sendt før»). Not a
    letter issued anew for anything else (a new release after a new contact person, an
    answer or a conversation recorded: helper 105): the reader has its dates."""
    plan = ctx.plan
    listed = [c for c in plan.for_part("foreldre") if c.dato >= since
              and (c.forelder is None or c.forelder == forelder)]
    if any(c.key in plan.moved for c in listed):
        return True
    meeting = plan.joint_meeting
    return meeting is not None and meeting.dato >= since and any(
        key[0] == MEETING for key in plan.moved)


def _as_of(ctx, rows: list[Row], undated: bool, said_before: dict[int, Said],
           mottaker: dict[str, Any]):
    """The letter's part values as of a day: the day it is issued (rendering/prepare.py).
    undated: a conversation of the reader's has no date (no room for it in the year).
    said_before: each row (by identity) as the releases before fingerprinted it (_dates).
    mottaker: its reader, as the invitations to them have it (_agreed_first)."""
    part = ctx.part_context(ctx.part("foreldre"))

    def as_of(day: date) -> dict[str, Any]:
        standing = _where_things_stand(ctx, rows, day)
        first = not standing["i_gang"]
        return {"part": {**part, **standing, **_rows_before(standing, said_before),
                         **_what_remains(rows, day, undated), AGREED_FIRST.removeprefix("part."):
                             first and _agreed_first(ctx, rows, day, mottaker),
                         AGREED_IN_JOURNAL.removeprefix("part."):
                             first and not mottaker.get("takket_ja")
                             and _agreed_in_journal(rows, day),
                         "mellomrom": _spacing(ctx, rows, day)}}
    return as_of


def _agreed_first(ctx, rows: list[Row], day: date, mottaker: dict[str, Any]) -> bool:
    """Asked only of a letter that names the first conversation, none under way yet (not
    i_gang: the letter says «Neste samtale med deg er …» then, and the value stays quiet,
    so a letter a release before issued keeps its issue).
    Whether the next conversation the letter names (_what_remains: neste) is one whose
    invitation to this reader, issued the same day, is at short notice (innkalling.short_notice:
    a time proposed, fewer working days before it than a letter needs): that invitation
    reads as a confirmation («Som avtalt møtes vi …»), and Til utsending asks the contact
    person to call and agree the time before either letter is sent (a reader's finding: the
    mother's letter asked «Vil du være med, er den første samtalen 24. november …» beside
    the same day's confirmation). Not a time agreed in the journal: its invitation confirms
    it whenever it is sent, and no call is asked for (_agreed_in_journal)."""
    first = _first_named(rows, day)
    if first is None:
        return False
    when, row = first
    return short_notice(ctx, {"mottaker": mottaker, "samtale": row}, when)(day)[
        SHORT_NOTICE_KEY]


def _agreed_in_journal(rows: list[Row], day: date) -> bool:
    """Whether the first conversation the letter names (as _agreed_first) has its time agreed
    in the journal (samtale.avtalt, planning/schedule.py agreed: a move follow-up contact
    registered there with its day and time), so its invitation confirms it whenever it is
    sent («Som avtalt møtes vi …»; helper 943: the letter beside it asked «Vil du være med,
    er den første samtalen …»). Never one at short notice as well: that one's time was only
    proposed (innkalling.short_notice)."""
    first = _first_named(rows, day)
    return first is not None and bool(first[1].get("avtalt"))


def _first_named(rows: list[Row], day: date) -> tuple[date, dict[str, Any]] | None:
    """The first conversation (not the joint meeting) still to come on the day the letter
    is issued, with its row: the one the letter names as the first (_what_remains: neste)."""
    return next(((when, row) for when, status, row in rows
                 if "tema" in row and _coming(when, status, day)), None)


def _rows_before(standing: dict[str, Any], said_before: dict[int, Said]) -> dict[str, Any]:
    """The letter's lists of rows (part.samtaler, part.holdt) as the release before
    fingerprinted them, beside them («samtaler_tidligere», «holdt_tidligere»:
    rendering/former_releases.py FINGERPRINTED_BEFORE), and as the release before that did
    («samtaler_forrige_tidligere», «holdt_forrige_tidligere»: FINGERPRINTED_EARLIER): a
    letter issued by either, which showed the same, keeps its issue, its date and its mark
    as sent, made again in the new words. Never shown: the template reads part.samtaler
    and part.holdt."""
    return {key + ending: [said_before[id(row)][generation] for row in standing[key]]
            for key in ("samtaler", "holdt")
            for generation, ending in enumerate((FINGERPRINTED_BEFORE, FINGERPRINTED_EARLIER))}


def _spacing(ctx, rows: list[Row], day: date) -> str:
    """How far apart the reader's coming themes are, as the letter says it (COMING): «med
    noen ukers mellomrom», unless two come closer than two weeks (a late case's themes
    placed closer to fit before the programme's last day; helper 145: a week apart is not
    «noen ukers»). Only then other words: a letter issued before keeps its text."""
    themes = sorted(when for when, status, row in rows
                    if _coming(when, status, day) and row.get("tema", 0) > 0)
    closest = min(((b - a).days for a, b in zip(themes, themes[1:], strict=False)),
                  default=None)
    if closest is None or closest >= 14:
        return ctx.t("mellomrom.uker")
    return ctx.t("mellomrom.en_uke" if closest >= 7 else "mellomrom.dager")


def _undated(ctx, forelder: int | None) -> bool:
    """Whether one of the reader's conversations has no date (not in the letter's rows): one
    never planned, or a theme left out for want of room before the end (CasePlan.left_out)."""
    return any(c.undated for c in ctx.plan.for_part("foreldre")
               if (c.forelder is None and not c.hvem_ukjent) or c.forelder == forelder) or any(
        part == "foreldre" and whose in (None, forelder)
        for part, _, _, whose in ctx.plan.left_out)


def _coming(when: date, status: str, day: date) -> bool:
    """Still to come on the day the letter is issued: not cancelled, and not one held that
    very day (the letter issued anew as the journal records it held lists it as held)."""
    return when >= day and status != "avlyst" and not (status == "gjennomfort" and when == day)


def _held(when: date, status: str, day: date) -> bool:
    # The status first: the day (a watched one, run/incremental.py) is asked only of a
    # conversation held, whose answer is the same the next day.
    return status == "gjennomfort" and when <= day

Row = tuple[date, str, dict[str, Any]]
"""(date, status, context) of one conversation or the joint meeting."""
Said = tuple[dict[str, Any], dict[str, Any]]
"""A row as the release before fingerprinted it (what the letter shows, the joint
meeting named «Felles møte med fosterforeldrene» to each parent), and as the release before
that did (also with the plan's note, in its words then: _fingerprinted_before)."""


def _dates(ctx, forelder: int | None,
           said_before: dict[int, Said] | None = None) -> list[Row]:
    """The parent's conversations (shared ones and their own, never the other parent's, nor
    one the journal does not say they took part in), then the joint meeting, unless it is
    only an offer (a demanding cooperation climate). Not one never planned (undated): it has
    no date to tell. said_before: filled with each row (by identity) as the releases before
    fingerprinted it (Said)."""
    if said_before is None:
        said_before = {}
    rows = []
    for c in ctx.plan.for_part("foreldre"):
        if ((c.forelder is None and not c.hvem_ukjent) or c.forelder == forelder) \
                and not c.undated:
            whole = _as_named_to_parents(ctx, c)
            row = _without_status(whole)
            said_before[id(row)] = (row, _fingerprinted_before(whole))
            rows.append((c.dato, c.status, row))
    meeting = joint_meeting(ctx)
    if meeting is not None and rows and not ctx.base["fellesmote_frivillig"]:
        # Without who comes (WHO_COMES, the meeting's own letter says it); its row names
        # the other parent invited too (_meeting_heading).
        listed = {key: value for key, value in meeting_context(meeting, ctx).items()
                  if key not in WHO_COMES}
        whole = {**listed, "overskrift": _meeting_heading(ctx, forelder)}
        row = _without_status({**whole, OTHERS_INVITED: _others_invited(ctx, forelder),
                               OTHERS_INVITED_BEFORE: _others_invited_before(ctx, forelder)})
        # As the releases before named it to each parent: one that issued the letter so
        # fingerprinted the row as the letter showed it (_without_status), the one before
        # that with the plan's note in its words (_fingerprinted_before); neither had
        # who else is invited as a fact of its own (OTHERS_INVITED).
        named_before = {**whole, "overskrift": ctx.t(one_or_both(ctx, MEETING_BEFORE))}
        said_before[id(row)] = (_without_status(named_before),
                                _fingerprinted_before(named_before))
        rows.append((meeting.dato, "planlagt", row))
    # By day, then time: a meeting at 08.30 before a conversation at 10.00 the same day
    # (helper 139: listed after it). Times read «08.30–10.00»; «–» (none) sorts after them.
    return sorted(rows, key=lambda row: (row[0], str(row[2].get("tid") or "")))


MEETING_BEFORE = "kalender.felles_mote_fosterforeldre"
"""The joint meeting's row as the letter named it before and names it to a parent invited
alone: «Felles møte med fosterforeldrene»."""


def _others_invited(ctx, forelder: int | None) -> list[str]:
    """Who is invited to the joint meeting besides the reader, as a fact (OTHERS_INVITED):
    each other parent who has not declined, by their role («far»; «forelder» for one the
    journal gives none), sorted, as _meeting_heading names them in words. Not by their place
    in the export: an export listing the parents in another order invites the same people,
    and the letter is not issued anew saying who is invited changed. None for a letter to
    both parents, or when the journal names no parent."""
    return sorted(ctx.case.foreldre[m["forelder"]].rolle or "forelder"
                  for m in recipients(ctx, "foreldre")
                  if forelder is not None and m.get("forelder") not in (None, forelder))


def _others_invited_before(ctx, forelder: int | None) -> list[str]:
    """Who else is invited as the release before kept it (OTHERS_INVITED_BEFORE): each other
    parent invited by their place in the export and their role («2 far»)."""
    return [f"{m['forelder'] + 1} {ctx.case.foreldre[m['forelder']].rolle or ''}".strip()
            for m in recipients(ctx, "foreldre")
            if forelder is not None and m.get("forelder") not in (None, forelder)]


PLACES_TRIED = 6
"""The most parents in an export whose every order is tried (_others_invited_in_any_order):
720 orders; an export of more parents is asked in its own order only."""


def _others_invited_in_any_order(ctx, forelder: int | None) -> list[list[str]]:
    """Who else is invited as the release before kept it (_others_invited_before), for each
    order an export may have listed the same parents in: a letter that release kept for an
    export listing them in another order keeps its issue (Document.either), rather than
    being issued anew saying who is invited changed (the same people are)."""
    now = _others_invited_before(ctx, forelder)
    others = [m["forelder"] for m in recipients(ctx, "foreldre")
              if forelder is not None and m.get("forelder") not in (None, forelder)]
    parents = len(ctx.case.foreldre)
    if not others or parents > PLACES_TRIED:
        return [now]
    found = [now]
    for places in permutations(range(parents)):
        said = [f"{places[i] + 1} {ctx.case.foreldre[i].rolle or ''}".strip()
                for i in sorted(others, key=lambda i: places[i])]
        if said not in found:
            found.append(said)
    return found


def _meeting_heading(ctx, forelder: int | None) -> str:
    """The joint meeting's row as the reader's letter names it: with the other parent who is
    invited too, as the meeting's own letter and the plan say both parents meet the foster
    parents together («Felles møte med faren til Sofie og fosterforeldrene»); with the
    foster parents only when the reader is the one parent invited (the other declined), or
    the journal names no parent. A letter issued by the release before, which said
    «Felles møte med fosterforeldrene» to each, keeps its issue (_dates: said_before)."""
    others = [the_other_parent(ctx, ctx.case.foreldre[m["forelder"]])
              for m in recipients(ctx, "foreldre")
              if forelder is not None and m.get("forelder") not in (None, forelder)]
    if not others:
        return ctx.t(one_or_both(ctx, MEETING_BEFORE))
    # The list goes on with «og fosterforeldrene»: the other parents before it by commas
    # («faren til Sofie, stemor, stefar og fosterforeldrene», not «… stemor og stefar og …»).
    return ctx.t(one_or_both(ctx, "kalender.felles_mote_med_andre"), andre=", ".join(others))


LEFT_OUT_BEFORE = ("status", "passert", "sted_kort")
"""What the release before this one left out of a row of the letter (NOT_IN_THE_LETTER as
it was then): the rest was fingerprinted, also what the letter does not show."""
NOT_IN_THE_LETTER = (*LEFT_OUT_BEFORE, "merknad")
"""What a conversation's or the joint meeting's context has for the plan that the letter
does not show: its status as the plan words it ("Over fristen" once its day passed, on the
day of the run; the meeting's passert), the place's name in the plan's tables, and the
plan's note on a long gap before it (merknad: reworded, it is the plan's news, not the
letter's). Other fields the letter does not show stay in its rows: they change as the
journal records a conversation held (fra_journal, referat_mottatt, avtalt), which issues
the letter anew, as of that day, saying so."""
NOTE_BEFORE = ((", og samtalen er lagt til første ledige dag",
                ", og den er lagt til første ledige dag"),)
"""The plan's notes (merknad) as the release before worded them: (now, then), in bokmål
(planning/schedule.py; in nynorsk they read as before)."""


def _fingerprinted_before(row: dict[str, Any]) -> dict[str, Any]:
    """A row as the release before fingerprinted it in the letter: with what only the plan
    shows but LEFT_OUT_BEFORE, its note in that release's words (NOTE_BEFORE)."""
    before = {key: value for key, value in row.items() if key not in LEFT_OUT_BEFORE}
    note = before.get("merknad")
    if isinstance(note, str):
        for now, then in NOTE_BEFORE:
            note = note.replace(now, then)
        before["merknad"] = note
    return before


def _without_status(row: dict[str, Any]) -> dict[str, Any]:
    """A row without what only the plan shows (NOT_IN_THE_LETTER): the letter's rows are
    fingerprinted whole (rendering/prepare.py), so a status would make the letter again as
    the days pass, and a field for the plan would issue the letters anew (a plan note
    reworded re-dated a letter the day the release came: the release before's rows are
    said beside them, _fingerprinted_before)."""
    return {key: value for key, value in row.items() if key not in NOT_IN_THE_LETTER}


def _as_named_to_parents(ctx, conv) -> dict[str, Any]:
    """A conversation as the letter names it: by its theme, without the move follow-up's
    contact number, which is for staff (the plan, file names), and with the child's first
    name in its title, as in the invitations (innkalling.title_to_parents); with all its
    context (_without_status takes out what the letter does not show)."""
    tema = ctx.part(conv.part).tema(conv.tema)
    named = title_to_parents(ctx, conv.part, {"tittel": tema.tittel,
                                               "overskrift": tema_heading(tema, ctx.t)})
    return {**ctx.samtale_context(conv), **named}


def _where_things_stand(ctx, rows: list[Row], day: date) -> dict[str, Any]:
    """The letter's dates as seen on the day it is issued: all of them as coming at the
    start of the programme; later, those held (sen: a late letter) apart from those to come.

    A conversation with the parents that the journal does not say who took part in is in
    no parent's list, but a late letter says it was held (foreldresamtale): the parent who
    was there is not told that the conversations begin now."""
    first_weeks = ctx.plan.start + timedelta(days=ctx.settings.documents.invitation_days_before)
    late = day > first_weeks or any(when < day or _held(when, status, day)
                                    for when, status, _ in rows)
    if not late:
        return {"sen": False, "samtaler": [row for _, _, row in rows], "holdt": [],
                "foreldresamtale": "", "i_gang": False}
    held = [row for when, status, row in rows if _held(when, status, day)]
    together = sorted(c.dato for c in ctx.plan.for_part("foreldre")
                      if c.hvem_ukjent and _held(c.dato, c.status, day))
    return {
        "sen": True,
        "samtaler": [row for when, status, row in rows if _coming(when, status, day)],
        "holdt": held,
        "foreldresamtale": norsk_dato(together[0], ctx.malform) if together else "",
        "i_gang": bool(held or together),
    }


def _what_remains(rows: list[Row], day: date, undated: bool) -> dict[str, Any]:
    """What the letter says comes next (build_templates.COMING, NEXT_DATES), as of the day
    it is issued: the next conversation's date (neste) and whether it is the only one left
    (siste); flytting_forst when it is a contact of the move follow-up with a theme after
    it (the letter says the move comes first, the themes after); mote, the joint meeting's
    date while it is ahead; alle_holdt when every conversation of the reader's is held (none
    cancelled, missed or without a date): the letter says so, not that the next ones are
    to be agreed; uten_dato when one of the reader's has no date (no room in the year): the
    letter says the dates set up, not all of them, and that the rest are to be agreed
    (helper 139), and calls no dated one the last."""
    coming = [row for when, status, row in rows if _coming(when, status, day)]
    talks = [row for row in coming if "tema" in row]
    meeting = [row for row in coming if "tema" not in row]
    return {
        "neste": talks[0]["dato_med_ukedag"] if talks else "",
        "siste": len(talks) == 1 and not undated,
        "uten_dato": undated,
        "flytting_forst": bool(talks) and talks[0]["tema"] == 0
        and any(row["tema"] != 0 for row in talks[1:]),
        "mote": meeting[0]["dato_med_ukedag"] if meeting else "",
        "alle_holdt": not talks and not undated and any("tema" in row for _, _, row in rows)
        and all(_held(when, status, day) for when, status, row in rows if "tema" in row),
    }


@hookimpl
def register_document_kinds(register):
    register(Informasjonsbrev())
