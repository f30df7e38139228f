"""The follow-up overview workbook: what must be followed up in the case (its findings, the
same as on the team leader's Avvik sheet; below them the plans' legal deadlines coming, as
Saksoversikt's «Denne måneden» lists them, and a note on minutes being written in that still
speak of the child as the journal did before it corrected the child's sex), every
conversation and visit with its date and status, whether the minutes came back,
and visits held against the statutory minimum.

Colours for overdue and due soon are conditional formatting in the template, computed by
Excel from today's date, so they stay right in a workbook opened days later.
"""

from ..domain import compliance
from ..hookspecs import hookimpl
from ..rendering.context import status_text, visit_status
from . import document
from .caseload import finding_row
from .fellesmote import attending, listed
from .referat import kept_in_the_other_sex


class Oversikt:
    name = "oversikt"
    title = "Oppfølgingsoversikt (Excel)"
    templates = ("oversikt.xlsx",)

    def documents(self, ctx):
        samtaler = []
        for part in ctx.programme.parter:
            for conv, s in ctx.table_rows(part.id):
                who = s["forelder"] or (ctx.t("sak.ikke_registrert_hvem")
                                        if conv is not None and conv.hvem_ukjent else "")
                # One never planned has no date (context._when), nor one left out without
                # a date (context.left_out): a dash, as its time, not a day.
                undated = conv.undated if conv is not None else s["passert"] is None
                samtaler.append({
                    "part": f"{part.navn} ({who})" if who else part.navn,
                    # The move follow-up has no number a reader knows it by (theme 0).
                    "tema": s["tema"] or ctx.t("oversikt.flytting"), "tittel": s["tittel"],
                    "dato": s["tid"] if undated else conv.dato if conv is not None
                    else s["passert"],
                    "tid": s["tid"], "status": s["status"],
                    "referat": s["referat_mottatt"]
                    if conv is not None and conv.status == "gjennomfort" else "",
                    "kilde": "" if undated or conv is None else ctx.t(_source(ctx, conv)),
                    "merknad": s["merknad"] if conv is None else " ".join(
                        filter(None, (_present(ctx, conv), s["merknad"]))),
                })
                if ctx.today > ctx.plan.slutt:
                    _as_it_was(ctx, part.id, conv, s, samtaler[-1])
            if part.id == "fosterfamilien":
                samtaler += _with_the_home_left(ctx, part)
        if (meeting := listed(ctx)) is not None:
            samtaler.append({
                "part": ctx.t("oversikt.felles_mote"), "tema": "",
                "tittel": attending(ctx), "dato": meeting["dato"],  # who comes
                "tid": meeting["tid"], "status": meeting["status"], "referat": "",
                "kilde": ctx.t("oversikt.beregnet"), "merknad": meeting["merknad"],
            })
        ended = ctx.today > ctx.plan.slutt
        # After the programme's last day a visit of its year not registered as held was
        # missed, not one still to hold: «Ikke registrert», and «Manglet:» for «Gjenstår:».
        besok = _visits(ctx, ended)
        held = ctx.base["besok_gjennomfort"]
        minimum, minimum_named = _visits_minimum(ctx)
        avvik = [finding_row(f, ctx.t) for f in ctx.findings()]
        counted = len(avvik)  # findings; the rows below are not (as in Saksoversikt)
        avvik += _coming_deadlines(ctx) + _kept_other_sex(ctx)
        yield document(ctx.t("fil.oversikt"), "oversikt.xlsx", ctx.base,
                       avvik=avvik, antall_avvik=counted,
                       samtaler=samtaler, besok_liste=besok,
                       besok_minimum=minimum, besok_minimum_navn=minimum_named,
                       besok_gjenstar=max(minimum - held, 0),
                       besok_gjenstar_navn=ctx.t("etter_slutt.besok_mangler" if ended
                                                 else "etter_slutt.besok_igjen"),
                       snart_dager=ctx.settings.documents.due_soon_days)


@hookimpl
def register_document_kinds(register):
    register(Oversikt())


def _visits(ctx, ended: bool) -> list[dict]:
    """The Besøk sheet's rows, as the plan's table of visits lists them
    (oppfolgingsplan.visits): the visits ahead the journal has planned
    (CasePlan.journal_visits) by date, «Planlagt i fagsystemet», and a visit the plan set on
    such a day listed once, with that status (a reader's finding: the plan listed the
    journal's visit on 15 December while the case's workbook did not, and said «Planlagt»
    for the plan's visit the journal had on 5 February where the plan said «Planlagt i
    fagsystemet»); a passed one not known to be held yet as the plan lists it, «Ikke
    registrert som holdt ennå». The colours take «Planlagt i fagsystemet» as planned
    (tools/build_workbooks.py status_colours)."""
    t, plan = ctx.t, ctx.plan
    journal, passed = plan.journal_days()
    rows = []
    for v in plan.visits:
        if ended and v.status == "planlagt" and v.dato <= plan.slutt:
            status = t("status.ikke_registrert")
        elif v.status == "planlagt" and v.dato in journal:
            status = t("status.planlagt_fagsystem")
        elif v.status == "planlagt" and v.dato in passed:
            status = t("status.ikke_holdt_enna")
        else:
            status = visit_status(ctx.case, v.status, v.dato, ctx.today, t)
        rows.append({"dato": v.dato, "status": status})
    listed = {v.dato for v in plan.visits}
    unheld = "status.ikke_registrert" if ended else "status.ikke_holdt_enna"
    rows += [{"dato": day, "status": t(status)}
             for days, status in ((journal, "status.planlagt_fagsystem"), (passed, unheld))
             for day in days - listed]
    return sorted(rows, key=lambda row: row["dato"])


def _coming_deadlines(ctx) -> list[dict]:
    """The plans' legal deadlines still ahead ([compliance] deadline_notice_days), as
    Saksoversikt's «Denne måneden» lists them (compliance.coming_deadlines): «Lovfrist» in
    the Alvor column, the deadline as Frist, and what is due, by when and on what legal
    basis, in its words. The contact person sees the case's next deadline before it is
    broken, not only the team leader. None after the programme's last day, as there."""
    if ctx.today > ctx.plan.slutt:
        return []
    return [{"hva": coming.hva, "frist": coming.frist, "hjemmel": coming.hjemmel,
             "alvor": ctx.t("status.lovfrist")}
            for coming in compliance.coming_deadlines(ctx.case, ctx.plan, ctx.today,
                                                      ctx.settings.compliance, ctx.t)]


def _kept_other_sex(ctx) -> list[dict]:
    """One row for the minutes someone is writing in that were kept as made while the
    journal corrected the child's sex (referat.kept_in_the_other_sex): they still say «hun»
    or «han» as it had it. Said once, with no severity (nothing is wrong in the case), for
    whoever writes them to correct; not counted among the findings."""
    kept = kept_in_the_other_sex(ctx)
    now = ctx.case.barn.kjonn
    if not kept or now not in ("jente", "gutt"):
        return []
    named = ctx.t.join([f"«{path.with_suffix('').as_posix()}»" for path in kept])
    was = "gutt" if now == "jente" else "jente"
    key = "oversikt.kjonn_endret_referat" if len(kept) == 1 \
        else "oversikt.kjonn_endret_referater"
    return [{"hva": ctx.t(key, na=now, var=was, referater=named), "frist": None,
             "hjemmel": "", "alvor": ""}]


def _visits_minimum(ctx) -> tuple[int, str]:
    """The Besøk sheet's minimum and its label: the first year's («Minimum første år:»), or,
    for a case the journal closes within its year, the visits due until then, as «Dette må
    følges opp» and Saksoversikt count them (compliance.visit_year: «minimum fram til da er
    3»), «Minimum til programslutt:» (a reader's finding: «4» and «Gjenstår: 3» beside it)."""
    counted = compliance.visit_year(ctx.case, ctx.plan, ctx.today, ctx.settings.compliance)
    if counted is not None and counted.cut:
        return counted.minimum, ctx.t("oversikt.besok_minimum_til_slutt")
    return ctx.base["besok_minimum"], ctx.t("oversikt.besok_minimum")


def _with_the_home_left(ctx, part) -> list[dict]:
    """The foster family's conversations held with a foster home the child has left since
    (domain/foster_home.py), after the new family's: theirs, held there, not the new
    family's (the plan says them under the foster family's heading)."""
    t, rows = ctx.t, []
    for home in ctx.case.tidligere_fosterhjem:
        who = t.join([" ".join(n for n in (p.fornavn, p.etternavn) if n)
                      for p in home.fosterforeldre if p.fornavn or p.etternavn]) \
            or t("hvem.fosterforeldrene")
        where = ", ".join(x for x in (home.adresse, " ".join(
            y for y in (home.postnummer, home.poststed) if y)) if x)
        for held in sorted((s for s in home.samtaler
                            if s.status == "gjennomfort" and s.dato is not None),
                           key=lambda s: (s.dato, s.tema, s.nummer)):
            tema = part.tema(held.tema)
            rows.append({
                "part": t("oversikt.tidligere_fosterhjem", part=part.navn),
                "tema": held.tema or t("oversikt.flytting"),
                "tittel": tema.tittel + (t("sak.kontakt", nummer=held.nummer)
                                         if held.tema == 0 else ""),
                "dato": held.dato, "tid": held.klokkeslett.replace(":", ".")
                if held.klokkeslett else "–",
                "status": status_text(held.status, held.dato, ctx.today, t), "referat": "",
                "kilde": t("oversikt.journal"),
                "merknad": t("oversikt.holdt_tidligere_fosterhjem", hvem=who,
                             adresse=where or t.missing(
                                 t("felt.adresse", hvem=t("hvem.fosterhjemmet")))),
            })
    return rows


def _present(ctx, conv) -> str:
    """Who took part, as the returned minutes (or the journal) list them: «Til stede: …»."""
    present = next((s.deltakere for s in ctx.case.minutes_of(conv)
                    if s.deltakere and s.dato == conv.dato), None)
    return ctx.t("oversikt.til_stede", hvem=", ".join(present)) if present else ""


def _source(ctx, conv) -> str:
    """Where the date comes from: the returned minutes, the journal, or the plan."""
    if not conv.fra_journal:
        return "oversikt.beregnet"
    return "oversikt.referat" if ctx.minutes_recorded(conv) else "oversikt.journal"


def _as_it_was(ctx, part_id: str, conv, s, row: dict) -> None:
    """After the programme's last day a conversation not held reads as what was, not as
    what to do: one planned keeps its planned date, «Ikke registrert», and says so (not «Over
    fristen» and a gap to mend); one the planner found no room for after it was cancelled
    shows the day it was cancelled, «Avlyst» (not «Ikke planlagt» and «Avtal en dato»); so
    does one cancelled in the plan itself, with no time (a reader's finding: the child's
    cancelled theme showed a time and no note, the mother's a dash and the note)."""
    t = ctx.t
    slutt = t.dato(ctx.plan.slutt)
    if conv is not None:
        if conv.status == "avlyst" and not any(
                c.status in ("planlagt", "gjennomfort") and (c.part, c.forelder, c.tema)
                == (conv.part, conv.forelder, conv.tema) for c in ctx.plan.conversations):
            row.update(tid="–", merknad=" ".join(filter(None, (
                row["merknad"],
                t("etter_slutt.avlyst_ikke_holdt", dato=t.dato(conv.dato), slutt=slutt)))))
        if conv.status != "planlagt":
            return
        row["status"] = t("status.ikke_registrert")
        row["merknad"] = t("etter_slutt.uten_dato_ikke_holdt", slutt=slutt) if conv.undated \
            else t("etter_slutt.planlagt_ikke_holdt", dato=t.dato(conv.dato), slutt=slutt)
        return
    cancelled = max((c.dato for c in ctx.case.samtaler
                     if c.status == "avlyst" and c.part == part_id and c.tema == s["tema"]
                     and c.nummer == s["nummer"] and ctx.parent_label(c.forelder)
                     == s["forelder"]), default=None)
    if cancelled is not None:
        row.update(dato=cancelled, status=t("status.avlyst"), kilde=t("oversikt.journal"),
                   merknad=t("etter_slutt.avlyst_ikke_holdt", dato=t.dato(cancelled),
                             slutt=slutt))
    elif s["passert"] is not None:
        row.update(status=t("status.ikke_registrert"),
                   merknad=t("etter_slutt.planlagt_ikke_holdt", dato=t.dato(s["passert"]),
                             slutt=slutt))
    else:
        row["merknad"] = t("etter_slutt.uten_dato_ikke_holdt", slutt=slutt)
