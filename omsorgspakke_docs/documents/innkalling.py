"""An invitation for every upcoming conversation, for every party and recipient, made when
it is due ([documents] invitation_days_before ahead of its conversation; a later contact of
the move follow-up from the day of the contact before) and dated that day.

A younger child's invitation goes to the foster parents (documents.child_letter_min_age);
an older child gets one written to them. Parents living apart each have their own
conversations (planning/schedule.py), and each gets the invitations to theirs. An
interpreter need puts the interpreter and the language into that recipient's invitation.
"""

from ..hookspecs import hookimpl
from . import (
    conversation_due,
    conversation_file,
    document,
    parent_recipient,
    recipients,
    sending,
    with_suffix,
)


class Innkalling:
    name = "innkalling"
    title = "Innkalling til samtale"
    templates = ("innkalling.docx",)
    letters = True

    def documents(self, ctx):
        for part in ctx.programme.parter:
            part_ctx = ctx.part_context(part)
            people = recipients(ctx, part.id)
            for conv in ctx.plan.for_part(part.id):
                if conv.status != "planlagt" or conv.dato < ctx.today or (
                        not conversation_due(ctx, conv)):
                    continue
                samtale = ctx.samtale_context(conv)
                tema = ctx.tema_context(part, part.tema(conv.tema))
                own = [] if conv.forelder is None else [parent_recipient(ctx, conv.forelder)]
                for mottaker in own or people:
                    yield sending.invitation(document(
                        with_suffix(f"Innkallinger/{part.navn}/{conversation_file(samtale)}",
                                    mottaker),
                        "innkalling.docx", ctx.base,
                        part=part_ctx, samtale=samtale, tema=tema, mottaker=mottaker,
                    ), ctx, conv.dato)


@hookimpl
def register_document_kinds(register):
    register(Innkalling())
