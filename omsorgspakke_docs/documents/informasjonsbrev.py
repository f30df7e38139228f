"""The information letter to the parents: what Omsorgspakken is and what happens now.

One letter to each parent who has not declined, so parents who live apart each get their
own; parents who live together share one. A parent who declined gets the renewed offer
(nytt_tilbud.py) instead. Each letter is in the municipality's standard, or the one the
parent asked for.

The letter's dates are the reader's own: parents who live apart each have their own
conversations (planning/schedule.py own_tracks), and one parent's letter never shows when
and where the other meets us. The joint meeting, which both attend, is listed by name.
"""

from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl
from . import document, in_their_standard, recipients, sending, with_suffix
from .fellesmote import joint_meeting, meeting_context


class Informasjonsbrev:
    name = "informasjonsbrev"
    title = "Informasjonsbrev til foreldre"
    templates = ("informasjonsbrev.docx",)
    letters = True

    def documents(self, ctx):
        people = recipients(ctx, "foreldre")
        for named, c, mottaker in in_their_standard(ctx, people,
                                                     lambda c: recipients(c, "foreldre")):
            yield sending.opening_letter(document(
                with_suffix(ctx.t("fil.informasjonsbrev"), named), "informasjonsbrev.docx",
                c.base, mottaker=mottaker,
                part={**c.part_context(c.part("foreldre")),
                      "samtaler": _dates(c, mottaker.get("forelder"))},
            ), ctx)


def _dates(ctx, forelder: int | None) -> list[dict[str, Any]]:
    """The parent's conversations (shared ones and their own, never the other parent's),
    then the joint meeting, unless it is only an offer (a demanding cooperation climate)."""
    rows = [(c.dato, ctx.samtale_context(c)) for c in ctx.plan.for_part("foreldre")
            if c.forelder is None or c.forelder == forelder]
    meeting = joint_meeting(ctx)
    if meeting is not None and rows and not ctx.base["fellesmote_frivillig"]:
        rows.append((meeting.dato, {**meeting_context(meeting, ctx),
                                    "overskrift": ctx.t("kalender.felles_mote_fosterforeldre")}))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


@hookimpl
def register_document_kinds(register):
    register(Informasjonsbrev())
