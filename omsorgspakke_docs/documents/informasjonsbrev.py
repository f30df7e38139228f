"""The information letter to the parents: what Omsorgspakken is and what happens now.

One letter to each parent who has not declined, so parents who live apart each get their
own; parents who live together share one. A parent who declined gets the renewed offer
(nytt_tilbud.py) instead. Each letter is in the municipality's standard, or the one the
parent asked for.
"""

from ..hookspecs import hookimpl
from . import document, in_their_standard, recipients, sending, with_suffix


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
                c.base, mottaker=mottaker, part=c.part_context(c.part("foreldre")),
            ), ctx)


@hookimpl
def register_document_kinds(register):
    register(Informasjonsbrev())
