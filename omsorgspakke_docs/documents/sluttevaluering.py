"""The final evaluation summary per party: every theme's assessment, filled in as it is known."""

from ..hookspecs import hookimpl
from . import document


class Sluttevaluering:
    name = "sluttevaluering"
    title = "Sluttevaluering"
    templates = ("sluttevaluering.docx",)

    def documents(self, ctx):
        for part in ctx.programme.parter:
            yield document(
                ctx.t("fil.sluttevaluering", part=part.navn), "sluttevaluering.docx", ctx.base,
                part=ctx.part_context(part),
            )


@hookimpl
def register_document_kinds(register):
    register(Sluttevaluering())
