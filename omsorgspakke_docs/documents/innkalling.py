"""An invitation for every upcoming conversation, for every party and recipient."""

from ..hookspecs import hookimpl
from . import conversation_file, document, recipients


class Innkalling:
    name = "innkalling"
    title = "Innkalling til samtale"
    templates = ("innkalling.docx",)

    def documents(self, ctx):
        for part in ctx.programme.parter:
            part_ctx = ctx.part_context(part)
            people = recipients(ctx, part.id)
            for conv in ctx.plan.for_part(part.id):
                if conv.status != "planlagt" or conv.dato < ctx.today:
                    continue
                samtale = ctx.samtale_context(conv)
                tema = ctx.tema_context(part, part.tema(conv.tema))
                for mottaker in people:
                    suffix = f" - {mottaker['fil']}" if mottaker["fil"] else ""
                    yield document(
                        f"Innkallinger/{part.navn}/{conversation_file(samtale)}{suffix}",
                        "innkalling.docx", ctx.base,
                        part=part_ctx, samtale=samtale, tema=tema, mottaker=mottaker,
                    )


@hookimpl
def register_document_kinds(register):
    register(Innkalling())
