"""Invitations to the joint meeting of parents, foster parents and the service.

The guide recommends meeting points where parents and foster parents meet. The meeting is
planned with every other date (planning/schedule.py): a few working days after the theme in
[documents] joint_meeting_after_theme (by default theme 2, on contact and cooperation) has
been held with both the parents and the foster family, after notice, in the contact person's
bookings. No meeting when the parents have all declined.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..planning.schedule import JointMeeting
from ..planning.workdays import kort_dato
from ..rendering.context import status_text
from . import document, due, foster_parents, in_their_standard, recipients, sending


def joint_meeting(ctx) -> JointMeeting | None:
    """When the joint meeting is (the plan's), or None when there is none for this case."""
    return ctx.plan.joint_meeting


def meeting_context(meeting: JointMeeting, ctx) -> dict[str, str]:
    tema = ctx.part("foreldre").tema(meeting.etter_tema)
    return {
        "dato": ctx.t.dato(meeting.dato),
        "dato_med_ukedag": ctx.t.dato_med_ukedag(meeting.dato),
        "kort_dato": kort_dato(meeting.dato),
        "tid": f"{meeting.start:%H.%M}–{meeting.slutt:%H.%M}",
        "etter_tema": tema.tittel,
        "status": status_text("planlagt", meeting.dato, ctx.today, ctx.t),
        "sted": ctx.place_text(meeting.sted, None),
        "til_stede": attending(ctx),
    }


def attending(ctx) -> str:
    """Who comes, by role: each parent invited (not those who declined), the foster parents
    and the contact person: "Mor, far, fosterforeldrene og Ingrid Lie". One foster parent is
    named, as the contact person is: the journal gives no gender for «fostermoren»."""
    t, foster = ctx.t, ctx.base["fosterfamilie"]
    who = [m["hvem"] for m in recipients(ctx, "foreldre") if m.get("hvem")]
    who += [foster["navn"] if foster["en_fosterforelder"] else t("hvem.fosterforeldrene"),
            ctx.base["kontaktperson"]["navn"]]
    text = ", ".join(who[:-1]) + f" {t('ord.og')} " + who[-1]
    return text[:1].upper() + text[1:]


class Fellesmote:
    name = "fellesmote"
    title = "Invitasjon til felles møte"
    templates = ("fellesmote.docx",)
    letters = True

    def documents(self, ctx):
        meeting = joint_meeting(ctx)
        if meeting is None or meeting.dato < ctx.today or not due(ctx, meeting.dato):
            return
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
            yield sending.invitation(
                document(f"{folder} - {who}", "fellesmote.docx", c.base, mottaker=mottaker,
                         fellesmote=meeting_context(meeting, c)), ctx, meeting.dato)


@hookimpl
def register_document_kinds(register):
    register(Fellesmote())
