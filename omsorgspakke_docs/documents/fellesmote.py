"""Invitations to the joint meeting of parents, foster parents and the service.

The guide recommends meeting points where parents and foster parents meet. The meeting is
planned with every other date (planning/schedule.py): a few working days after the theme in
[documents] joint_meeting_after_theme (by default theme 2, on contact and cooperation) has
been held with both the parents and the foster family, after notice, in the contact person's
bookings. No meeting when the parents have all declined.
"""

from __future__ import annotations

from datetime import date
from itertools import permutations
from typing import Any

from ..hookspecs import hookimpl
from ..planning.schedule import JointMeeting
from ..planning.workdays import kort_dato
from ..rendering import minutes_marker
from ..rendering.context import clean
from ..rendering.prepare import NEW_CONTACT_FIRST_KEY, field_digest
from ..text import MISSING_RE
from . import (
    document,
    document_key,
    due,
    foster_parents,
    in_their_standard,
    recipients,
    role_key,
    sending,
    the_other_parent,
)
from .referat import _open_now, _untouched, interpreter_prompt

TEMPLATE = "fellesmote.docx"
WHO = "til_stede"
"""Who comes, as the joint meeting's values say it (attending)."""
WHO_COMES = (WHO, "foreldrene", "hos_foreldrene")
"""The joint meeting's values that say who comes (meeting_context)."""


def joint_meeting(ctx) -> JointMeeting | None:
    """When the joint meeting is (the plan's), or None when there is none for this case."""
    return ctx.plan.joint_meeting


def listed(ctx) -> dict[str, Any] | None:
    """The joint meeting as the overview workbooks list it among the conversations
    (oversikt.py, caseload.py), or None: when, its time, its status and a note. No export
    says whether a joint meeting was held, so one whose day has passed has no status (the
    note says why), never overdue: nothing for anyone to register."""
    meeting = joint_meeting(ctx)
    if meeting is None:
        return None
    ahead = meeting.dato >= ctx.today
    note = "" if ahead else ctx.t("oversikt.felles_mote_passert")
    if ctx.base["fellesmote_frivillig"]:
        note = " ".join(filter(None, (ctx.t("oversikt.felles_mote_tilbud"), note)))
    return {"dato": meeting.dato, "tid": _time(meeting), "planlagt": ahead, "merknad": note,
            "status": ctx.t("status.planlagt") if ahead else ""}


def _time(meeting: JointMeeting) -> str:
    return f"{meeting.start:%H.%M}–{meeting.slutt:%H.%M}"


FOSTER_PARENTS = "fosterforeldre"
"""The reader of the foster parents' letter (meeting_context)."""


def meeting_context(meeting: JointMeeting, ctx, reader: int | str | None = None
                    ) -> dict[str, Any]:
    """reader: whose letter it is, a parent (their place in foreldre) or FOSTER_PARENTS;
    None for the plan. In a letter, the reader is «du» («dere») among those who come, and
    the contact person, who writes it, «jeg»."""
    tema = ctx.part("foreldre").tema(meeting.etter_tema)
    return {
        "dato": ctx.t.dato(meeting.dato),
        "dato_med_ukedag": ctx.t.dato_med_ukedag(meeting.dato),
        "kort_dato": kort_dato(meeting.dato),
        "tid": _time(meeting),
        "etter_tema": tema.tittel,
        # Planlagt while ahead; none once its day has passed, as the overviews show it
        # (listed): no export says whether it was held, so it is neither «Gjennomført» nor
        # «Over fristen» (nothing anyone can register). passert says the day has passed.
        "status": ctx.t("status.planlagt") if meeting.dato >= ctx.today else "",
        "passert": meeting.dato < ctx.today,
        "sted": ctx.place_text(meeting.sted, None),
        "til_stede": attending(ctx, reader),
        **parents_coming(ctx, reader),
    }


def attending(ctx, reader: int | str | None = None,
              parents: list[str] | None = None) -> str:
    """Who comes, by role: each parent invited (not those who declined; «foreldrene» when
    the journal names none), the foster parents and the contact person: "Mor, far,
    fosterforeldrene og kontaktpersonen Ingrid Lie". One foster parent is named with the
    role, as the contact person is: the journal gives no gender for «fostermoren». In a
    letter (reader), "Du, faren til Sofie, fosterforeldrene og jeg", and to the foster
    parents "Foreldrene til Sofie, dere og jeg": the parents as the child's, not by a bare
    role. parents: the parents as a letter to one of them names them (_parents_named), in
    another order."""
    t, foster = ctx.t, ctx.base["fosterfamilie"]
    one_foster = foster["en_fosterforelder"]
    if ctx.case.foreldre and reader == FOSTER_PARENTS:
        who = [parents_coming(ctx)["foreldrene"]]  # «foreldrene til Sofie»
    elif ctx.case.foreldre and reader is not None:
        who = list(parents) if parents is not None else _parents_named(ctx, reader)
    elif ctx.case.foreldre:
        who = [m["hvem"] for m in recipients(ctx, "foreldre") if m.get("hvem")]
    else:
        who = [t("hvem.foreldrene")]
    if reader == FOSTER_PARENTS:
        who.append(t("hvem.du" if one_foster else "hvem.dere"))
    else:
        who.append(t("hvem.fosterforelderen_navn", navn=foster["navn"]) if one_foster
                   else t("hvem.fosterforeldrene"))
    who.append(t("hvem.jeg") if reader is not None
               else t("hvem.kontaktpersonen_navn", navn=ctx.base["kontaktperson"]["navn"]))
    text = t.join(who)
    return text[:1].upper() + text[1:]


ROLE_ORDER = ("mor", "far", "forelder")
"""The order a letter to one parent names the other parents invited in, after the reader
(_parents_named): by role (documents.role_key)."""


def _parents_named(ctx, reader: int | str) -> list[str]:
    """The parents invited, as a letter to one of them (reader: their place in foreldre)
    names them: «du» first, then each other parent as the child's («faren til Sofie»),
    mother, father, then a parent of another role (by their words). Not in the export's
    order: an export listing the parents in another order invites the same people, and
    the letter says the same (Fellesmote: a letter kept names them as it was issued)."""
    named = []
    for m in recipients(ctx, "foreldre"):
        if not m.get("hvem"):
            continue
        index = m.get("forelder")
        if index == reader:
            named.append((0, 0, ctx.t("hvem.du")))
        elif index is not None:
            person = ctx.case.foreldre[index]
            named.append((1, ROLE_ORDER.index(role_key(person)),
                          the_other_parent(ctx, person)))
        else:
            named.append((1, len(ROLE_ORDER), m["hvem"]))
    return [words for *_, words in sorted(named)]


OTHER_PARENTS = "andre_foreldre"
"""In a parent's invitation: the other parents invited, as its opening names them beside the
reader (_others_named); "" in the foster parents' letter."""


def _others_named(ctx, reader: int | str) -> str:
    """The parents invited other than the reader, as their letter names them after «du»
    (_parents_named): «faren til Sofie»; "" when the reader is the one parent invited."""
    you = ctx.t("hvem.du")
    return ctx.t.join([words for words in _parents_named(ctx, reader) if words != you])


ORDERS_TRIED = 4
"""Up to how many parents invited a letter kept is asked in which order it named them
(_as_issued): 24 orders at most."""


def _as_issued(ctx, key: str, reader: int | str) -> str:
    """Who comes, as the parent's letter `key` kept names them (attending): a letter issued
    naming the parents in another order than _parents_named's (in the export's, as
    releases before this one did, or when the export listed them so) names the same people
    in the same order still, and keeps its issue, its date and its mark as sent; one that
    names other people, or is issued for the first time, in _parents_named's order. Known
    from the digest kept of the field (CaseContext.kept_field), not a name kept."""
    said = attending(ctx, reader)
    kept = ctx.kept_field(key, f"fellesmote.{WHO}")
    if kept is None or kept == field_digest(said):
        return said
    parents = _parents_named(ctx, reader)
    if len(parents) > ORDERS_TRIED:
        return said
    for order in permutations(parents):
        other = attending(ctx, reader, list(order))
        if field_digest(other) == kept:
            return other
    return said


def parents_coming(ctx, reader: int | str | None = None) -> dict[str, str]:
    """The parents who come, as a letter to the foster parents names them: «foreldrene til
    Sofie», or the one parent by role («moren til Jonas»); and where the child is to feel
    safe («hos foreldrene», «hos moren sin»; in the letter to that one parent, «hos deg»)."""
    invited = [m.get("forelder") for m in recipients(ctx, "foreldre")]
    key = "foreldrene"
    if ctx.case.foreldre and len(invited) == 1 and invited[0] is not None:
        key = role_key(ctx.case.foreldre[invited[0]])
    first_name = ctx.base["barn"]["fornavn"]
    at = "deg" if key != "foreldrene" and reader == invited[0] else key
    return {"foreldrene": ctx.t(f"foreldrene_til.{key}", barn=first_name),
            "hos_foreldrene": ctx.t(f"foreldrene_til.hos_{at}")}


def invited_by_name(ctx) -> list[str]:
    """Who is invited to the joint meeting, as its minutes list them, one a line: each by
    name with the role after it, the parents in the invitations' order (ROLE_ORDER), as
    the conversations' minutes name people («Camilla Lindqvist (mor)», «Kari Øvrebø
    (fosterforelder)», «Ingrid Lie (kontaktperson)»); one the journal does not name by the
    role alone («Far», «Fosterforeldrene»). Among the minutes' own values (referat):
    minutes being written in keep what they were made with (rendering/prepare.py
    PREFILLED_KEY)."""
    t, case = ctx.t, ctx.case

    def named(name: str | None, key: str, said: str, **role) -> str:
        name = clean(name or "")
        if name and not MISSING_RE.search(name):
            return t(f"referatfelt.invitert_{key}", navn=name, **role)
        return said[:1].upper() + said[1:]

    # In the order the invitations name them (_parents_named): mother, father, then a
    # parent of another role; not the export's, which another export may change.
    invited = sorted((i for i in (m.get("forelder") for m in recipients(ctx, "foreldre"))
                      if i is not None and i < len(case.foreldre)),
                     key=lambda i: (ROLE_ORDER.index(role_key(case.foreldre[i])),
                                    ctx.parent_label(i)))
    lines = [named(case.foreldre[i].navn, "forelder", ctx.parent_label(i),
                   rolle=ctx.parent_label(i)) for i in invited]
    if not case.foreldre:
        lines.append(named(None, "forelder", t("hvem.foreldrene")))
    foster = [p.navn for p in case.fosterfamilie.fosterforeldre if clean(p.navn or "")]
    lines += [named(name, "fosterforelder", "") for name in foster] or [
        named(None, "fosterforelder", t("hvem.fosterforeldrene"))]
    lines.append(named(ctx.base["kontaktperson"]["navn"], "kontaktperson",
                       t("hvem.kontaktpersonen")))
    return lines


def talks_had(ctx, meeting: JointMeeting, day: date) -> bool:
    """Whether the conversations the joint meeting builds on (its theme, with the parents and
    the foster family) are behind on the day its letter is issued: each one's day (held or
    planned) before it. The letter then says it builds on them «med deg og fosterforeldrene
    hver for seg», neither «har» (they are behind) nor «har hatt» (the journal may not have
    them as held: helper 198); issued weeks ahead, as a rule, it says they «har» them
    ([documents] invitation_days_before; helper 194). As of the issue day (Document.as_of),
    by their days, not by what the journal registers since: a letter kept says what it said,
    and is not issued anew, to send again, when the journal comes to have them as held."""
    talks = [c for part in ("foreldre", "fosterfamilien") for c in ctx.plan.for_part(part)
             if c.tema == meeting.etter_tema and c.status != "avlyst" and not c.undated]
    return bool(talks) and all(c.dato < day for c in talks)


class Fellesmote:
    name = "fellesmote"
    title = "Invitasjon til felles møte"
    templates = (TEMPLATE,)
    letters = True
    words = (f"fellesmote.{OTHER_PARENTS}",)
    """Who else is invited, as a parent's opening says it («Jeg inviterer deg og faren til
    Sofie …»): words, as who comes is a fact of the letter already (WHO): a letter issued
    before the opening named them keeps its issue, its date and its mark as sent, made
    again in the new words (rendering/prepare.py Words)."""

    def documents(self, ctx):
        meeting = joint_meeting(ctx)
        if meeting is None or meeting.dato < ctx.today:
            return
        early = not due(ctx, meeting.dato)  # moved after its letters were issued (innkalling)
        parent_letters = recipients(ctx, "foreldre")
        if not parent_letters:
            return
        t = ctx.t
        letters = in_their_standard(ctx, parent_letters, lambda c: recipients(c, "foreldre"))
        letters += in_their_standard(ctx, [foster_parents(ctx)],
                                     lambda c: [foster_parents(c)])
        folder = f"{t('fil.innkallinger')}/{t('fil.felles_mote')}/{t('fil.felles_mote')}"
        for i, (named, c, mottaker) in enumerate(letters):
            who = (named["fil"] or t("fil.foreldre") if i < len(parent_letters)
                   else t("fil.fosterfamilien"))
            # A letter to the parents the journal does not name is still a letter (-1).
            reader = (mottaker.get("forelder", -1) if i < len(parent_letters)
                      else FOSTER_PARENTS)
            path = f"{folder} - {who}"
            if early and not ctx.was_issued(str(document_key(path, TEMPLATE))):
                continue
            shown = meeting_context(meeting, c, reader)
            shown[OTHER_PARENTS] = ""
            if reader != FOSTER_PARENTS:  # as the letter kept names them
                shown[WHO] = _as_issued(c, str(document_key(path, TEMPLATE)), reader)
                shown[OTHER_PARENTS] = _others_named(c, reader)
            doc = document(path, TEMPLATE, c.base, mottaker=mottaker, fellesmote=shown)
            doc.as_of = (ctx.last_issued(str(doc.path)),
                         lambda day, c=c, shown=doc.context["fellesmote"]: {"fellesmote": {
                             **shown, "etter": talks_had(c, meeting, day)}})
            doc.context.update(doc.as_of[1](doc.as_of[0]))
            # Its first issue says the contact person is new when the latest letter sent to
            # its reader named another (rendering/prepare.py: as the conversations' do).
            doc.context[NEW_CONTACT_FIRST_KEY] = False
            yield sending.invitation(doc, ctx, meeting.dato, meeting.start, early=early)


class FellesmoteReferat:
    """Minutes for the joint meeting, made with its invitations and kept after the meeting:
    no export says whether it was held. Written in and put in the journal: by the contact
    person, or with [archive] enabled by the archive hand-off once written in, the meeting
    over and the file left alone (archive/packages.py; the document says which, from
    arkiveres). One put back in the inbox is set aside with a note saying so
    (adapters/referat_docx.py), since there is nothing in it to read back."""

    name = "fellesmote_referat"
    title = "Referat fra felles møte"
    templates = ("fellesmote_referat.docx",)

    def documents(self, ctx):
        meeting = joint_meeting(ctx)
        if meeting is None or not due(ctx, meeting.dato):
            return
        t = ctx.t
        doc = document(f"{t('fil.referater')}/{t('fil.felles_mote')}",
                       "fellesmote_referat.docx", ctx.base,
                       fellesmote=meeting_context(meeting, ctx),
                       referat={"tolk": interpreter_prompt(ctx, "foreldre"),
                                "invitert": invited_by_name(ctx)},
                       arkiveres=ctx.settings.archive.enabled)
        doc.properties = dict(minutes_marker.JOINT_MEETING)
        doc.meeting = meeting.dato  # filed only after it (archive/packages.py)
        doc.kept_as_made = True  # as the conversations' minutes: being written in
        # Nobody has written in them: made again in place when what they show changes.
        doc.untouched = _untouched(ctx, doc.path)
        doc.held_open = _open_now(ctx, doc.path)
        yield doc


@hookimpl
def register_document_kinds(register):
    register(Fellesmote())
    register(FellesmoteReferat())
