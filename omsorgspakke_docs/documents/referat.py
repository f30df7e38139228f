"""Pre-filled minutes for every conversation: header, theme, purpose, sections, assessment."""

from ..hookspecs import hookimpl
from . import conversation_file, document


class Referat:
    name = "referat"
    title = "Referat fra samtale"
    templates = ("referat.docx",)

    def documents(self, ctx):
        for part in ctx.programme.parter:
            part_ctx = ctx.part_context(part)
            for conv in ctx.plan.for_part(part.id):
                samtale = ctx.samtale_context(conv)
                yield document(
                    f"Referater/{part.navn}/{conversation_file(samtale)}", "referat.docx", ctx.base,
                    part=part_ctx, samtale=samtale, tema=ctx.tema_context(part, part.tema(conv.tema)),
                )


@hookimpl
def register_document_kinds(register):
    register(Referat())
