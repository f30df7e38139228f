"""The follow-up plan: parties, contact person, every conversation, visits, legal references."""

from ..hookspecs import hookimpl
from . import document


class Oppfolgingsplan:
    name = "oppfolgingsplan"
    title = "Oppfølgingsplan for Omsorgspakken"
    templates = ("oppfolgingsplan.docx",)

    def documents(self, ctx):
        yield document("01 Oppfølgingsplan", "oppfolgingsplan.docx", ctx.base)


@hookimpl
def register_document_kinds(register):
    register(Oppfolgingsplan())
