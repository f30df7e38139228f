"""A letter that offers the programme again to a parent who declined it.

The guide: taking part is voluntary for parents, the offer may have to be made more than
once, and a service should not give up on parents who say no. A parent who declined gets
no invitations; this letter is written instead, one per parent, in the municipality's
standard or the one the parent asked for: as soon as the decline is known for a parent
who declined from the start; for one who declined after taking part (foreldre[].takket_nei),
renew_offer_months after the day they said no, not the day after it.

While the parent still declines, the offer is made again every [compliance]
renew_offer_months, as the overview's finding «Forelder har ikke fått tilbudet på nytt»
asks (domain/compliance.py): from the placement, or from the day the journal says the offer
was last made again (foreldre[].nytt_tilbud). On the day that finding falls due, a parent
whose latest letter was issued before it gets the next one, «(nr 2)», «(nr 3)», each
a letter of its own: dated, listed to send and filed as such, and saying it is written
again (runde). A parent who declined after
the day falls due has had their letter since, and gets the next one once the journal has
the day it was sent.

Its list of themes names the child for «barnet» («Tema 4: Hvorfor flyttet Elias?»), as the
parents' other letters do (innkalling.title_to_parents); what it said before stays beside it
(temaer_for: rendering/former_releases.py FORMER_TITLE), so a letter issued with it keeps its issue.
"""

from typing import Any

from ..domain.compliance import offer_due, offer_waits
from ..hookspecs import hookimpl
from ..rendering.context import RENEWED_OFFERS, tema_heading
from ..rendering.former_releases import FORMER_TITLE
from . import document, document_key, in_their_standard, parents, sending, with_suffix
from .innkalling import title_to_parents

TEMPLATE = "nytt_tilbud.docx"
MOST = RENEWED_OFFERS
"""Letters per parent at most: one a month over a year's programme."""


class NyttTilbud:
    name = "nytt_tilbud"
    title = "Nytt tilbud til forelder som har takket nei"
    templates = ("nytt_tilbud.docx",)
    letters = True
    words = ("temaer",)
    """The programme's themes by their headings (every theme of the parents' part, whatever
    the case): reworded by a release, a letter issued keeps its issue, its date and its mark
    as sent (rendering/prepare.py Words)."""

    def documents(self, ctx):
        people = parents(ctx, accepted=False)
        for named, c, mottaker in in_their_standard(ctx, people,
                                                     lambda c: parents(c, accepted=False)):
            part = c.part("foreldre")
            for runde, file in enumerate(_offers(ctx, named), start=1):
                yield sending.opening_letter(document(
                    with_suffix(file, named), TEMPLATE,
                    c.base, mottaker=mottaker, part=c.part_context(part),
                    runde=runde, **_themes(c, part),
                ), ctx)


def _themes(ctx, part) -> dict[str, Any]:
    """The letter's list of themes (temaer), each named as the parents' invitations name it:
    the child's first name for «barnet» (innkalling.title_to_parents); with the list as
    releases before said it beside it (temaer_for) where that differs."""
    said = [tema_heading(t, ctx.t) for t in part.temaer if t.nummer > 0]
    named = [title_to_parents(ctx, "foreldre", {"tittel": t.tittel,
                                                "overskrift": tema_heading(t, ctx.t)})
             ["overskrift"] for t in part.temaer if t.nummer > 0]
    if named == said:
        return {"temaer": said}
    return {"temaer": named, "temaer" + FORMER_TITLE: said}


def _offers(ctx, named):
    """The file names of the parent's letters made so far, and today's when one is due."""
    first = ctx.t("fil.nytt_tilbud")
    parent = ctx.case.foreldre[named["forelder"]]
    # Declined after taking part: offered again renew_offer_months after the no, not the
    # day after it (compliance.offer_due).
    if offer_waits(parent, ctx.plan.start, ctx.settings.compliance.renew_offer_months,
                   ctx.today):
        return
    yield first
    if ctx.issued_last is None:  # outside a run: nothing was issued before
        return
    due = offer_due(parent, ctx.plan.start, ctx.settings.compliance.renew_offer_months)
    # Asked every time, also before the first letter is issued: a case made again only when
    # an answer of the day changes (watched_day.py) is made again on the day it falls due.
    due_now = ctx.today >= due
    before = first
    for number in range(2, MOST + 1):
        file = ctx.t("fil.nytt_tilbud_igjen", navn=first, nummer=number)
        last = ctx.issued_last(_key(before, named))
        made = ctx.issued_last(_key(file, named)) is not None
        if not made and (last is None or last >= due or not due_now):
            return
        yield file
        before = file


def _key(file: str, named) -> str:
    """The document key (store/issued.py) of the letter with this name to this parent."""
    return str(document_key(with_suffix(file, named), TEMPLATE))


@hookimpl
def register_document_kinds(register):
    register(NyttTilbud())
