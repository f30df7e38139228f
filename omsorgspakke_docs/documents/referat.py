"""Pre-filled minutes for every conversation: header, theme, purpose, sections, assessment.
A planned conversation's minutes appear with its invitation ([documents]
invitation_days_before ahead; a later contact of the move follow-up from the day of the
contact before), so the case folder holds what is at hand, not the whole year.

Each carries the hidden marker (minutes_marker) that lets the written minutes come back
through the inbox. Once they have come back, the minutes are not made again, so the copy the
contact person wrote in stays as it is. Minutes already made name the contact person they
were made with until something else they show changes: a new contact person alone does not
make them again (rendering/prepare.py), so no second copy appears beside the one being
written in; minutes made from then on name the new one.
"""

from ..hookspecs import hookimpl
from ..rendering import minutes_marker
from . import conversation_due, conversation_file, document


class Referat:
    name = "referat"
    title = "Referat fra samtale"
    templates = ("referat.docx",)

    def documents(self, ctx):
        returned = {(s.part, s.tema, s.nummer, s.forelder)
                    for s in ctx.case.samtaler if s.referat_mottatt}
        for part in ctx.programme.parter:
            part_ctx = ctx.part_context(part)
            for conv in ctx.plan.for_part(part.id):
                # Returned also when they came back for an entry naming no parent that
                # counts for this parent (its participants name them: Case.parents_at).
                if conv.key in returned or (conv.status == "planlagt"
                                            and not conversation_due(ctx, conv)) \
                        or (conv.status == "gjennomfort" and ctx.minutes_recorded(conv)):
                    continue
                samtale = ctx.samtale_context(conv)
                doc = document(
                    f"{ctx.t('fil.referater')}/{part.navn}/{conversation_file(samtale, ctx.t)}",
                    "referat.docx", ctx.base,
                    part=part_ctx, samtale=samtale,
                    tema=ctx.tema_context(part, part.tema(conv.tema), ctx.with_one_parent(conv)),
                )
                marker = minutes_marker.for_conversation(ctx.case, conv, ctx.programme)
                doc.properties = marker.as_property()
                doc.kept_as_made = True  # a new contact person alone does not make it again
                yield doc


@hookimpl
def register_document_kinds(register):
    register(Referat())
