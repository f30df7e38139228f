"""The follow-up overview workbook: every conversation and visit with its date and status."""

from ..hookspecs import hookimpl
from . import document


class Oversikt:
    name = "oversikt"
    title = "Oppfølgingsoversikt (Excel)"
    templates = ("oversikt.xlsx",)

    def documents(self, ctx):
        samtaler = []
        for part in ctx.programme.parter:
            for conv in ctx.plan.for_part(part.id):
                s = ctx.samtale_context(conv)
                samtaler.append({
                    "part": part.navn, "tema": conv.tema, "tittel": s["tittel"],
                    "dato": conv.dato, "tid": s["tid"], "status": s["status"],
                    "kilde": "Journal" if conv.fra_journal else "Beregnet",
                })
        besok = [
            {"dato": v.dato, "status": "Gjennomført" if v.status == "gjennomfort" else "Planlagt"}
            for v in ctx.plan.visits
        ]
        yield document("04 Oppfølgingsoversikt", "oversikt.xlsx", ctx.base,
                       samtaler=samtaler, besok_liste=besok)


@hookimpl
def register_document_kinds(register):
    register(Oversikt())
