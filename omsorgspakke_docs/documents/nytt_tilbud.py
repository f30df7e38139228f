"""A letter that offers the programme again to a parent who declined it.

The guide: taking part is voluntary for parents, and the offer may be made again later. A
parent who declined gets no invitations; this letter is written instead, one per parent.
"""

from ..hookspecs import hookimpl
from ..rendering.context import tema_heading
from . import document, parents, sending, with_suffix


class NyttTilbud:
    name = "nytt_tilbud"
    title = "Nytt tilbud til forelder som har takket nei"
    templates = ("nytt_tilbud.docx",)
    letters = True

    def documents(self, ctx):
        part = ctx.part("foreldre")
        temaer = [tema_heading(t) for t in part.temaer if t.nummer > 0]
        for mottaker in parents(ctx, accepted=False):
            yield sending.opening_letter(document(
                with_suffix("02 Nytt tilbud om Omsorgspakken", mottaker), "nytt_tilbud.docx",
                ctx.base, mottaker=mottaker, part=ctx.part_context(part), temaer=temaer,
            ), ctx)


@hookimpl
def register_document_kinds(register):
    register(NyttTilbud())
