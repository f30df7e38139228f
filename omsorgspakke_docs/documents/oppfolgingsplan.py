"""The follow-up plan: parties, contact person, every conversation, visits, legal references,
the joint meeting and how the programme is adapted to this case."""

from ..hookspecs import hookimpl
from . import document
from .fellesmote import joint_meeting, meeting_context
from .tilpasninger import adaptations


class Oppfolgingsplan:
    name = "oppfolgingsplan"
    title = "Oppfølgingsplan for Omsorgspakken"
    templates = ("oppfolgingsplan.docx",)

    def documents(self, ctx):
        meeting = joint_meeting(ctx)
        yield document(ctx.t("fil.oppfolgingsplan"), "oppfolgingsplan.docx", ctx.base,
                       tilpasninger=adaptations(ctx),
                       fellesmote=meeting_context(meeting, ctx) if meeting else None)


@hookimpl
def register_document_kinds(register):
    register(Oppfolgingsplan())
