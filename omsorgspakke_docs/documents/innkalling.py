"""An invitation for every upcoming conversation, for every party and recipient, made when
it is due ([documents] invitation_days_before ahead of its conversation; a later contact of
the move follow-up from the day of the contact before) and dated that day.

An invitation issued for a conversation that then moved out of its window (a later day,
by the journal or because the one before was missed) is made again at once, for the new
day: the reader may have the first letter, and the new one says it replaces it
(rendering/prepare.py REPLACES_KEY). Waiting for the new window would leave them a letter
for a day that no longer holds.

A younger child's invitation goes to the foster parents (documents.child_letter_min_age);
an older child gets one written to them, by the child's age on the conversation's day: a
birthday between the letter and the conversation does not make a second letter to someone
else a few days before it. Parents living apart each have their own
conversations (planning/schedule.py), and each gets the invitations to theirs. An
interpreter need puts the interpreter and the language into that recipient's invitation.

An invitation proposing a time (not agreed in the journal) issued too late for its reader to
answer it (SHORT_NOTICE_KEY: within [documents] short_notice_days working days of its
conversation, or post_days by post) is one Til utsending says to agree by phone and send as
confirmation: it reads as one (a confirmation, and to call at once if the time does not
suit after all), as of the day it is issued (Document.as_of). So does an older child's own
letter, sent by post through the foster home: it may reach the child on the day of the
conversation or after it, and says, simply, the day and time agreed (helper 409).
"""

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from ..hookspecs import hookimpl
from ..rendering.context import clean
from ..rendering.former_releases import FORMER_TITLE, SHORT_NOTICE_KEY
from ..rendering.prepare import NEW_CONTACT_FIRST_KEY
from ..store.issued import GivenDay
from . import (
    LETTER_DAYS,
    conversation_due,
    conversation_file,
    document,
    document_key,
    in_their_standard,
    listed_date,
    parent_recipient,
    recipients,
    sending,
    with_suffix,
)

TEMPLATE = "innkalling.docx"


class Innkalling:
    name = "innkalling"
    title = "Innkalling til samtale"
    templates = (TEMPLATE,)
    letters = True
    words = ("tema.i_brev", "tema.i_brev_for", "tema.tittel", "tema.overskrift",
             "tema.tillegg")
    """The programme's words for the theme (its title and heading, what it is about, its
    extra sections): reworded by a release, a letter issued keeps its issue, its date and
    its mark as sent (rendering/prepare.py Words). Its facts are the conversation's."""

    def documents(self, ctx):
        t = ctx.t
        for part in ctx.programme.parter:
            for conv in ctx.plan.for_part(part.id):
                if conv.status != "planlagt" or conv.dato < ctx.today:
                    continue
                due = conversation_due(ctx, conv)
                people = in_their_standard(
                    ctx, recipients(ctx, part.id, conv.dato),
                    lambda c, part_id=part.id, on=conv.dato: recipients(c, part_id, on))
                folder = f"{t('fil.innkallinger')}/{part.navn}/"
                name = conversation_file(ctx.samtale_context(conv), t, ctx.file_title(conv))
                own = conv.forelder
                letters = people if own is None else in_their_standard(
                    ctx, [parent_recipient(ctx, own)], lambda c, i=own: [parent_recipient(c, i)])
                for named, c, mottaker in letters:
                    path = with_suffix(folder + name, named)
                    if not due and not ctx.was_issued(str(document_key(path, TEMPLATE))):
                        continue
                    their = c.part(part.id)
                    tema = c.tema_context(their, their.tema(conv.tema))
                    doc = document(
                        path, TEMPLATE, c.base,
                        part=c.part_context(their), samtale=c.samtale_context(conv),
                        tema=extras_named(c, part.id, title_to_parents(c, part.id, tema)),
                        mottaker=mottaker,
                    )
                    # Cancelled in the journal and planned again: the day it had (its quiet
                    # value in rendering/fields.py: "" says nothing new to a letter issued before).
                    doc.context["samtale_avlyst"] = c.cancelled_on(conv)
                    doc.context["samtale_avlyst_forste"] = ""  # (prepare.py: its first letter)
                    doc.context[NEW_CONTACT_FIRST_KEY] = False  # (prepare.py: the same)
                    doc.given_day = given_day(c, conv) if doc.context["samtale_avlyst"] else None
                    notice = short_notice(ctx, doc.context, conv.dato)
                    issued = ctx.last_issued(str(doc.path))
                    if notice(issued) != notice(ctx.today):
                        # Made as of its issue only where the day says otherwise: one made
                        # so is never read against the one issued (prepare.py _issued), and
                        # a new foster parent issued the parents' letters anew (helper 114).
                        doc.as_of = (issued, notice)
                    doc.context.update(notice(issued))
                    yield sending.invitation(doc, ctx, conv.dato, conv.start, early=not due)


def given_day(ctx, conv) -> GivenDay | None:
    """The day the journal cancelled the conversation on (CasePlan.moved), as a letter to
    its reader gave it: an invitation for that day at the time the conversation has now or
    the journal gave the day cancelled, and the information letter's row for it, at those
    times (documents.listed_date). Its first invitation says it was cancelled only to a
    reader who was sent one of them (rendering/prepare.py CANCELLED_FIRST_KEY)."""
    had = ctx.plan.moved.get(conv.key)
    if had is None:
        return None
    starts = {conv.start} | {
        time.fromisoformat(s.klokkeslett) for s in ctx.case.samtaler
        if s.status == "avlyst" and s.dato == had and s.klokkeslett
        and (s.part, s.tema, s.nummer) == (conv.part, conv.tema, conv.nummer)}
    length = datetime.combine(had, conv.slutt) - datetime.combine(had, conv.start)
    ends = {start: (datetime.combine(had, start) + length).time() for start in starts}
    return GivenDay(
        meetings=frozenset(datetime.combine(had, start).isoformat(timespec="minutes")
                           for start in starts),
        listed=f"{conv.tema}.{conv.nummer}",
        digests=frozenset(listed_date(had, f"{start:%H.%M}–{ends[start]:%H.%M}", cancelled)
                          for start in starts for cancelled in (False, True)))


def short_notice(ctx, shown: dict[str, Any], meeting: date) -> Callable[[date], dict[str, Any]]:
    """Whether the invitation, issued on a given day, is at short notice (SHORT_NOTICE_KEY):
    it proposes a time not agreed (samtale.avtalt) and leaves its reader less than the working
    days a letter needs before its conversation ([documents] short_notice_days, post_days by
    post), as Til utsending reckons it (sending._too_close). An older child's own letter too:
    Til utsending says to send it as confirmation as well, and it reads as one (helper 409:
    it invited, and asked for word, reaching the child after the conversation)."""
    documents = ctx.settings.documents
    mottaker, samtale = shown.get("mottaker") or {}, shown.get("samtale") or {}
    days = documents.post_days if mottaker.get("sendes") == "post" else \
        documents.short_notice_days
    proposed = not samtale.get("avtalt")
    first = _first_short_day(meeting, days)
    # A comparison of the day with a date (rendering/watched_day.py asks it again the next
    # day), not arithmetic on it: a letter is not made again each day to find out.
    return lambda day: {SHORT_NOTICE_KEY: proposed and day >= first}


def _first_short_day(meeting: date, days: int) -> date:
    """The first day a letter issued leaves its reader fewer than `days` working days before
    the meeting (LETTER_DAYS.add_working_days(day, days) >= meeting from then on)."""
    day = meeting - timedelta(days=3 * days + 21)
    while LETTER_DAYS.add_working_days(day, days) < meeting:
        day += timedelta(days=1)
    return day


CHILD_IN_TITLE = re.compile(r"\b([Bb])arnet(s)?\b")
"""«barnet» (and «barnets») in a theme's title: «Hvorfor måtte barnet flytte?»."""


def title_to_parents(ctx, part: str, tema: dict[str, Any]) -> dict[str, Any]:
    """A theme as a parent's letter names it: with the child's first name for «barnet» in its
    title and heading («Tema 4: Hvorfor måtte Sofie flytte?»), as its words about the theme
    name the child (CaseContext.child_named); to a parent, «barnet» in that theme read cold.
    What the title said before stays beside it (FORMER_TITLE), so a letter issued with it keeps its
    issue and its mark as sent. File names keep the programme's title (CaseContext.file_title:
    no name in a file name). «barnet» where the journal has no first name, and in the other
    parties' letters."""
    name = clean(ctx.case.barn.fornavn or "")
    if part != "foreldre" or not name or not CHILD_IN_TITLE.search(tema["tittel"]):
        return tema

    return {**tema, **{key: _named(tema[key], name) for key in ("tittel", "overskrift")},
            **{key + FORMER_TITLE: tema[key] for key in ("tittel", "overskrift")}}


def extras_named(ctx, part: str, tema: dict[str, Any]) -> dict[str, Any]:
    """A theme's extra sections («I denne samtalen snakker vi også om:», tema.tillegg) as
    the parents' and the foster family's invitations list them: with the child's first name
    for «barnet» («hvordan det er at Sofie bor hos slekt eller nettverk»), as the rest of the
    letter and the minutes' section («Når Sofie bor hos slekt eller nettverk») name the
    child. What they said before stays beside them (FORMER_TITLE), so a letter issued with
    it keeps its issue and its mark as sent. «barnet» where the journal has no first name."""
    name = clean(ctx.case.barn.fornavn or "")
    extras = tema.get("tillegg") or []
    if part not in ("foreldre", "fosterfamilien") or not name or not any(
            CHILD_IN_TITLE.search(extra) for extra in extras):
        return tema
    return {**tema, "tillegg": [_named(extra, name) for extra in extras],
            "tillegg" + FORMER_TITLE: extras}


def _named(text: str, name: str) -> str:
    """text with name for «barnet», and its genitive for «barnets»."""
    return CHILD_IN_TITLE.sub(lambda m: _genitive(name) if m.group(2) else name, text)


def _genitive(name: str) -> str:
    """«Sofies», and «Jonas'» for a name ending in s, x or z."""
    return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"


@hookimpl
def register_document_kinds(register):
    register(Innkalling())
