"""The follow-up plan: parties, contact person, every conversation, visits, legal references,
the joint meeting and how the programme is adapted to this case."""

from datetime import timedelta

from ..domain import compliance
from ..hookspecs import hookimpl
from ..rendering.context import PLAN_TYPES
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
                       opphold_grense=ctx.settings.schedule.theme_interval_days,
                       steder=places(ctx),
                       # Made again once conversations are held, the plan does not say the
                       # dates are set up now (build_templates.oppfolgingsplan).
                       samtaler_holdt=any(c.status == "gjennomfort"
                                          for c in ctx.plan.conversations),
                       # Nothing left to hold: no «datoene for dem som gjenstår».
                       samtaler_gjenstar=remaining(ctx),
                       programmet_over=ctx.today > ctx.plan.slutt)


def parties(ctx) -> list[dict]:
    """The parties as the plan shows them: a theme left out for want of a date keeps its row
    in the party's table (context.table_rows), so the contact person sees it there too.
    After the programme's last day one planned and not held is «Ikke registrert», as the
    overview says it (documents/oversikt.py), not «Over fristen»: no deadline is left."""
    if not ctx.today > ctx.plan.slutt:
        return [{**p, "samtaler": [row for _, row in ctx.table_rows(p["id"])]}
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
    registered as held is «Ikke registrert», as the overview says it, not «Over fristen»."""
    if ctx.today <= ctx.plan.slutt:
        return ctx.base["besok"]
    return [{**row, "status": ctx.t("status.ikke_registrert")}
            if v.status == "planlagt" and v.dato <= ctx.plan.slutt else row
            for v, row in zip(ctx.plan.visits, ctx.base["besok"], strict=True)]


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
        found.setdefault(ctx.place(conv.sted, conv.forelder), None)
    return [{"navn": name, "adresse": where} for name, where in found]


@hookimpl
def register_document_kinds(register):
    register(Oppfolgingsplan())
