"""The follow-up plan: parties, contact person, every conversation, visits, legal references,
the joint meeting and how the programme is adapted to this case."""

from dataclasses import replace
from datetime import date, timedelta

from ..domain import compliance
from ..hookspecs import hookimpl
from ..planning.schedule import Gap
from ..rendering.context import PLAN_TYPES, _by_reason
from . import document
from .fellesmote import joint_meeting, meeting_context
from .tilpasninger import adaptations


class Oppfolgingsplan:
    name = "oppfolgingsplan"
    title = "Oppfølgingsplan for Omsorgspakken"
    templates = ("oppfolgingsplan.docx",)

    def documents(self, ctx):
        meeting = joint_meeting(ctx)
        # When the plans for the child should be made ([compliance] plan_due_days after the
        # move, as the overview's findings): past it, «no plans yet» would hide a missing one.
        due = ctx.plan.start + timedelta(days=ctx.settings.compliance.plan_due_days)
        missing = missing_plans(ctx)
        yield document(ctx.t("fil.oppfolgingsplan"), "oppfolgingsplan.docx", ctx.base,
                       parter=parties(ctx), besok=visits(ctx),
                       planer=ctx.base["planer"] + missing,
                       planer_mangler=bool(missing),
                       tilpasninger=adaptations(ctx),
                       fellesmote=meeting_context(meeting, ctx) if meeting else None,
                       planfrist=ctx.t.dato(due), planfrist_passert=due < ctx.today,
                       # The longest gap the service allows, as Avvik counts it ([compliance]
                       # max_conversation_gap_days): «høyst 28 dager» stood beside Avvik's «mer
                       # enn en måned», with 31 days allowed (a reader's finding).
                       opphold_grense=ctx.settings.compliance.max_conversation_gap_days,
                       steder=places(ctx),
                       # Made again once conversations are held, the plan does not say the
                       # dates are set up now (build_templates.oppfolgingsplan).
                       samtaler_holdt=any(c.status == "gjennomfort"
                                          for c in ctx.plan.conversations),
                       # Nothing left to hold: no «datoene for dem som gjenstår».
                       samtaler_gjenstar=remaining(ctx),
                       # Whether any date lies ahead, and any passed unheld: «datoene for dem
                       # som gjenstår» and «settes opp allerede nå» only with dates ahead.
                       samtaler_framover=any(c.status == "planlagt" and not c.undated
                                             and c.dato >= ctx.today
                                             for c in ctx.plan.conversations),
                       samtaler_passert=any(c.status == "planlagt" and not c.undated
                                            and c.dato < ctx.today
                                            for c in ctx.plan.conversations),
                       **gaps(ctx),
                       programmet_over=ctx.today > ctx.plan.slutt)


def gaps(ctx) -> dict:
    """The long gaps as the plan shows them (context: opphold, opphold_grupper; each with
    siden). While the programme runs, a track whose first date after its last conversation
    held passed unheld more than missed_after_days ago has a gap still open: said once,
    «ingen samtale registrert som holdt siden …», in place of its gaps to and between the
    dates passed. «24. september 2026 til 24. november 2026 (61 dager)» stood on 1 June
    2027, with nothing held since September (a reader's finding). No count of days: one
    that grew with the day would make the plan anew every day (rendering/watched_day.py)."""
    plan, t = ctx.plan, ctx.t
    since: dict[tuple[str, int | None], date] = {}
    missed = timedelta(days=ctx.settings.schedule.missed_after_days)
    for g in plan.gaps if ctx.today <= plan.slutt else []:
        key = (g.part, g.forelder)
        if key in since:
            continue
        track = sorted((c for c in plan.for_part(g.part) if not c.undated
                        and (c.forelder == g.forelder or c.hvem_ukjent)),
                       key=lambda c: c.dato)
        held = [c for c in track if c.status == "gjennomfort"]
        if not held:
            continue
        after = [c for c in track if c.dato > held[-1].dato and c.status == "planlagt"]
        # Passed more than missed_after_days ago: before that the journal may not have it yet
        # (the planner's rule for a missed one, planning/schedule.py).
        if after and after[0].dato + missed < ctx.today:
            since[key] = held[-1].dato
    kept: list[tuple[Gap, dict]] = []
    for g, said in zip(plan.gaps, ctx.base["opphold"], strict=True):
        key = (g.part, g.forelder)
        if key not in since or g.til <= since[key]:
            kept.append((g, {**said, "siden": False}))
            continue
        if g.fra == since[key]:
            kept.append((Gap(g.part, g.forelder, g.fra, g.fra, "", ("apen",)),
                         {**said, "siden": True, "til": "", "grunn": t("opphold_felles.apen")}))
        elif g.fra > ctx.today:  # between dates still ahead: as planned
            kept.append((g, {**said, "siden": False}))
    # Only gaps longer than the plan says it allows (opphold_grense): one of 30 days, within
    # the 31 allowed, needs no reason beside «høyst 31 dager mellom».
    limit = ctx.settings.compliance.max_conversation_gap_days
    kept = [(g, said) for g, said in kept if said["siden"] or (g.til - g.fra).days > limit]
    who = [ctx.parent_label(g.forelder) or ctx.programme.part(g.part).navn.lower()
           for g, _ in kept]
    said_all = [said for _, said in kept]
    return {"opphold": said_all,
            "opphold_grupper": _by_reason(replace(plan, gaps=[g for g, _ in kept]),
                                          said_all, t, who)}


def parties(ctx) -> list[dict]:
    """The parties as the plan shows them: a theme left out for want of a date keeps its row
    in the party's table (context.table_rows), so the contact person sees it there too.
    After the programme's last day one planned and not held is «Ikke registrert», as the
    overview says it (documents/oversikt.py), not «Over fristen»: no deadline is left."""
    if not ctx.today > ctx.plan.slutt:
        return [{**p, "samtaler": [row for _, row in ctx.table_rows(p["id"])],
                 "ikke_planlagt": (declined(ctx) or p["ikke_planlagt"]) if p["id"] == "foreldre"
                 else p["ikke_planlagt"]}
                for p in ctx.base["parter"]]
    parties = [_as_it_went(ctx, p) for p in ctx.base["parter"]]
    # The sentence on «Ikke registrert» once, under the last table that shows it: it stood
    # under the foster family's alone, whose contacts were never planned, and the rows of
    # the tables before went unexplained; under each, its advice was said three times.
    unregistered = ctx.t("status.ikke_registrert")
    shown = [i for i, p in enumerate(parties)
             if any(row["status"] == unregistered for row in p["samtaler"])]
    return [{**p, "ikke_registrert": bool(shown) and i == shown[-1]}
            for i, p in enumerate(parties)]


def declined(ctx) -> str:
    """One line for each parent who declined, above the parents' table: the day they said
    no (Forelder.takket_nei; none for one who declined from the start) and when the offer is
    made again (compliance.offer_due), or that it is made now. The plan said nothing of them
    (a reader's finding: the father who declined was gone from the plan, his renewed offer
    too); and where every parent declined, only the planner's «Tilbudet kan gis på nytt
    senere» (schedule._not_planned_reason), with no day for either."""
    t, case = ctx.t, ctx.case
    months = ctx.settings.compliance.renew_offer_months
    lines = []
    for index, parent in enumerate(case.foreldre):
        if parent.takker_ja is not False:
            continue
        label = ctx.parent_label(index)
        who = label[:1].upper() + label[1:]
        said = t("sak.takket_nei_plan_dato", hvem=who, program=ctx.programme.navn,
                 dato=t.dato(parent.takket_nei)) if parent.takket_nei is not None else \
            t("sak.takket_nei_plan", hvem=who, program=ctx.programme.navn)
        due = compliance.offer_due(parent, ctx.plan.start, months)
        if due <= ctx.today:
            said += " " + t("sak.takket_nei_plan_na")
        elif parent.nytt_tilbud is not None:
            said += " " + t("sak.takket_nei_plan_gitt", gitt=t.dato(parent.nytt_tilbud),
                            innen=t.dato(due))
        else:
            said += " " + t("sak.takket_nei_plan_innen", innen=t.dato(due))
        lines.append(said)
    return " ".join(lines)


def _as_it_went(ctx, party: dict) -> dict:
    """A party after the programme's last day: its rows as they were, and its track told
    in the past (Part.beskrivelse_fortid) when the programme has that, as the rest of the
    plan is («Samtalene tilpasses …» stood in a plan told in the past: a reader's finding)."""
    past = ctx.programme.part(party["id"]).beskrivelse_fortid
    return {**party, "samtaler": [_as_it_was(ctx, conv, row)
                                  for conv, row in ctx.table_rows(party["id"])],
            "beskrivelse": ctx.in_case_words(past) if past else party["beskrivelse"]}


def _as_it_was(ctx, conv, row: dict) -> dict:
    if conv is not None and conv.status != "planlagt" \
            or conv is None and row["passert"] is None:
        return row
    return {**row, "status": ctx.t("status.ikke_registrert")}


def visits(ctx) -> list[dict]:
    """The visits as the plan lists them: after the programme's last day one of its year not
    registered as held is «Ikke registrert», as the overview says it, not «Over fristen».
    The visits ahead the journal has planned (CasePlan.journal_visits) are listed too, by
    date, «Planlagt i fagsystemet» with a dash for the time the export does not give (the
    contact person looked them up in the journal: a reader's finding); a visit this plan
    set on the same day is the same visit, listed once, with its time. One whose day has
    passed and that still counts for its part of the year, the newest export made too soon
    after it to say whether it was held (CasePlan.journal_visits_unregistered), is listed
    «Ikke registrert som holdt ennå», not overdue (a reader's finding: the table had no row
    there, and the plan no visit of its own in its place)."""
    t, plan = ctx.t, ctx.plan
    ended = ctx.today > plan.slutt
    journal, passed = plan.journal_days()
    rows: list[tuple[date, dict]] = []
    for v, row in zip(plan.visits, ctx.base["besok"], strict=True):
        if ended and v.status == "planlagt" and v.dato <= plan.slutt:
            row = {**row, "status": t("status.ikke_registrert")}
        elif v.status == "planlagt" and v.dato in journal:
            row = {**row, "status": t("status.planlagt_fagsystem")}
        elif v.status == "planlagt" and v.dato in passed:
            row = {**row, "status": t("status.ikke_holdt_enna")}
        rows.append((v.dato, row))
    listed = {v.dato for v in plan.visits}
    unheld = "status.ikke_registrert" if ended else "status.ikke_holdt_enna"
    rows += [(day, {"dato": t.dato(day), "dato_med_ukedag": t.dato_med_ukedag(day),
                    "tid": "–", "status": t(status)})
             for days, status in ((journal, "status.planlagt_fagsystem"), (passed, unheld))
             for day in sorted(days - listed)]
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def remaining(ctx) -> bool:
    """Whether any conversation is still to be held while the programme runs: one planned
    (a missed one moves), or a theme still without a date."""
    if ctx.today > ctx.plan.slutt:
        return False
    return bool(ctx.plan.left_out) or any(c.status == "planlagt"
                                          for c in ctx.plan.conversations)


# A finding that a plan the law requires is not there, and the plan it is (text [plan]).
MISSING_PLAN = {"omsorgsplan_mangler": "omsorgsplan", "tiltaksplan_mangler": "tiltaksplan",
                "samvaersplan_mangler": "samvaersplan",
                "fosterhjemsplan_mangler": "oppfolging_fosterfamilie"}


def missing_plans(ctx) -> list[dict[str, str]]:
    """The plans the law requires by now that the export shows are not there (the case's
    law-breach findings, as Saksoversikt lists them), as rows of the plan's table: the plan
    lists what the final evaluation will go through, a missing one too. Where the export
    does not carry plans at all, nothing is said of them here (the findings say to check)."""
    t = ctx.t
    # In the order the final evaluation goes through them (programme.toml lovhjemler; a
    # plan type is its lovhjemmel's as plan_evaluation reads it: context.PLAN_TYPES).
    lovhjemler = ctx.programme.lovhjemler
    rank = {kind: i for i, h in enumerate(lovhjemler)
            for kind in PLAN_TYPES.get(h.id, {h.id})}
    missing = sorted((MISSING_PLAN[f.kind] for f in ctx.findings()
                      if f.kind in MISSING_PLAN and f.alvor == compliance.LOVBRUDD),
                     key=lambda kind: rank.get(kind, len(lovhjemler)))
    return [{"tittel": t.table("plan")[kind], "startdato": t("status.ikke_registrert"),
             "evaluert": "–"} for kind in missing]


def places(ctx) -> list[dict[str, str]]:
    """The places the plan's conversations are held, each once, in the order they first
    come: its tables name the place («Fosterhjemmet»), this list says where it is."""
    found: dict[tuple[str, str], None] = {}
    for conv in ctx.plan.conversations:
        found.setdefault(ctx.place(conv.sted, conv.forelder, conv.dato), None)
    return [{"navn": name, "adresse": where} for name, where in found]


@hookimpl
def register_document_kinds(register):
    register(Oppfolgingsplan())
