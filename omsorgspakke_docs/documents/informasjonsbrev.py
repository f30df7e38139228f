"""The information letter to the parents: what Omsorgspakken is and what happens now.

One letter to each parent, so parents who live apart each get their own.
"""

from ..hookspecs import hookimpl
from . import document, recipients


class Informasjonsbrev:
    name = "informasjonsbrev"
    title = "Informasjonsbrev til foreldre"
    templates = ("informasjonsbrev.docx",)

    def documents(self, ctx):
        part = ctx.part_context(ctx.part("foreldre"))
        for mottaker in recipients(ctx, "foreldre"):
            suffix = f" - {mottaker['fil']}" if mottaker["fil"] else ""
            yield document(
                f"02 Informasjonsbrev til foreldre{suffix}", "informasjonsbrev.docx", ctx.base,
                mottaker=mottaker, part=part,
            )


@hookimpl
def register_document_kinds(register):
    register(Informasjonsbrev())
