"""The information letter to the parents: what Omsorgspakken is and what happens now.

One letter to each parent who has not declined, so parents who live apart each get their
own; parents who live together share one. A parent who declined gets the renewed offer
(nytt_tilbud.py) instead.
"""

from ..hookspecs import hookimpl
from . import document, recipients, sending, with_suffix


class Informasjonsbrev:
    name = "informasjonsbrev"
    title = "Informasjonsbrev til foreldre"
    templates = ("informasjonsbrev.docx",)
    letters = True

    def documents(self, ctx):
        part = ctx.part_context(ctx.part("foreldre"))
        for mottaker in recipients(ctx, "foreldre"):
            yield sending.opening_letter(document(
                with_suffix("02 Informasjonsbrev til foreldre", mottaker), "informasjonsbrev.docx",
                ctx.base, mottaker=mottaker, part=part,
            ), ctx)


@hookimpl
def register_document_kinds(register):
    register(Informasjonsbrev())
