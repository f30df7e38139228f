"""A letter that offers the programme again to a parent who declined it.

The guide: taking part is voluntary for parents, and the offer may be made again later. A
parent who declined gets no invitations; this letter is written instead, one per parent, in
the municipality's standard or the one the parent asked for.
"""

from ..hookspecs import hookimpl
from ..rendering.context import tema_heading
from . import document, in_their_standard, parents, sending, with_suffix


class NyttTilbud:
    name = "nytt_tilbud"
    title = "Nytt tilbud til forelder som har takket nei"
    templates = ("nytt_tilbud.docx",)
    letters = True

    def documents(self, ctx):
        people = parents(ctx, accepted=False)
        for named, c, mottaker in in_their_standard(ctx, people,
                                                     lambda c: parents(c, accepted=False)):
            part = c.part("foreldre")
            yield sending.opening_letter(document(
                with_suffix(ctx.t("fil.nytt_tilbud"), named), "nytt_tilbud.docx",
                c.base, mottaker=mottaker, part=c.part_context(part),
                temaer=[tema_heading(t, c.t) for t in part.temaer if t.nummer > 0],
            ), ctx)


@hookimpl
def register_document_kinds(register):
    register(NyttTilbud())
