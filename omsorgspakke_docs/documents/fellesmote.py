"""The joint meeting of parents, foster parents and the service, and its invitations.

The guide recommends meeting points where parents and foster parents meet. The meeting is
set a few working days after the theme in [documents] joint_meeting_after_theme (by default
theme 2, on contact and cooperation) has been held with both the parents and the foster
family, so it builds on what each said. No meeting when the parents have all declined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..hookspecs import hookimpl
from ..planning.workdays import WorkCalendar, kort_dato
from ..rendering.context import status_text
from . import document, foster_parents, in_their_standard, recipients

PARTIES = ("foreldre", "fosterfamilien")


@dataclass(frozen=True)
class JointMeeting:
    dato: date
    start: time
    slutt: time
    etter_tema: int

    def context(self, ctx) -> dict[str, str]:
        tema = ctx.part("foreldre").tema(self.etter_tema)
        return {
            "dato": ctx.t.dato(self.dato),
            "dato_med_ukedag": ctx.t.dato_med_ukedag(self.dato),
            "kort_dato": kort_dato(self.dato),
            "tid": f"{self.start:%H.%M}–{self.slutt:%H.%M}",
            "etter_tema": tema.tittel,
            "status": status_text("planlagt", self.dato, ctx.today, ctx.t),
        }


def joint_meeting(ctx) -> JointMeeting | None:
    """When the joint meeting is, or None when there is none for this case."""
    settings = ctx.settings
    after = settings.documents.joint_meeting_after_theme
    if after <= 0 or any(p in ctx.plan.parts_not_planned for p in PARTIES):
        return None
    held_or_planned = [c.dato for c in ctx.plan.conversations
                       if c.part in PARTIES and c.tema == after and c.status != "avlyst"]
    if len(held_or_planned) < len(PARTIES):
        return None
    calendar = WorkCalendar(frozenset(date.fromisoformat(d)
                                      for d in settings.schedule.extra_closed_days))
    day = calendar.add_working_days(max(held_or_planned),
                                    settings.documents.joint_meeting_days_after)
    begins = time.fromisoformat(settings.documents.joint_meeting_time)
    ends = (datetime.combine(day, begins) + timedelta(minutes=settings.schedule.duration_minutes))
    return JointMeeting(day, begins, ends.time(), after)


class Fellesmote:
    name = "fellesmote"
    title = "Invitasjon til felles møte"
    templates = ("fellesmote.docx",)

    def documents(self, ctx):
        meeting = joint_meeting(ctx)
        if meeting is None or meeting.dato < ctx.today:
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
            yield document(f"{folder} - {who}", "fellesmote.docx",
                           c.base, mottaker=mottaker, fellesmote=meeting.context(c))


@hookimpl
def register_document_kinds(register):
    register(Fellesmote())
