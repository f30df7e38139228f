"""The final evaluation summary per party: every theme's assessment, filled in as it is known,
a framed place for the contact person's overall assessment, and the evaluation of the plans.

Parents who live apart (as the planner knows it: said so, or two addresses), or of whom one
declined, get one each, with that parent's own
assessments (model.Vurdering.forelder; one that names no parent counts for the parents taking
part on its date, Case.credited). A party
without conversations says why instead of listing every theme as not yet assessed: a parent
who declined (and when the offer can be renewed), or a child too young for conversations of
its own. With [archive] enabled it says it is filed by itself once written in, from the
day after the programme's end (archive/packages.py).
"""

from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl
from ..planning.schedule import live_apart
from . import document


class Sluttevaluering:
    name = "sluttevaluering"
    title = "Sluttevaluering"
    templates = ("sluttevaluering.docx",)

    def documents(self, ctx):
        # With the archive hand-off on, it is filed once written in after the programme's
        # end (archive/packages.py), and says so: nobody journals it by hand as well.
        filed = ctx.settings.archive.enabled
        for part in ctx.programme.parter:
            part_ctx = ctx.part_context(part)
            path = ctx.t("fil.sluttevaluering", part=part.navn)
            if part.id == "foreldre" and one_each(ctx):
                for forelder in ctx.base["foreldre"]:
                    index = forelder["nummer"] - 1
                    label = ctx.parent_label(index)  # as their minutes
                    own = {**part_ctx, "vurderinger": ctx.vurderinger(part, index)}
                    yield document(f"{path} - {label}",
                                   "sluttevaluering.docx", ctx.base, part=own,
                                   forelder=forelder["navn"], avslag=_declined(ctx, forelder),
                                   arkiveres=filed)
                continue
            yield document(path, "sluttevaluering.docx", ctx.base, part=part_ctx,
                           forelder="", avslag=_not_held(ctx, part, part_ctx),
                           arkiveres=filed)


def one_each(ctx) -> bool:
    """Parents the planner meets apart (schedule.live_apart: said so, or two addresses), or
    who have conversations of their own in the plan, or of whom one declined."""
    parents = ctx.case.foreldre
    if len(parents) < 2:
        return False
    own = any(c.part == "foreldre" and c.forelder is not None for c in ctx.plan.conversations)
    split = len({p.takker_ja is False for p in parents}) > 1
    return own or split or live_apart(ctx.case)


def _declined(ctx, forelder: dict[str, Any]) -> str:
    if forelder["takker_ja"] is not False:
        return ""
    return ctx.t("sak.takket_nei_evaluering", navn=forelder["navn"],
                 program=ctx.programme.navn, slutt=ctx.base["program"]["slutt"],
                 brev=ctx.t("fil.nytt_tilbud"))


def _not_held(ctx, part, part_ctx: dict[str, Any]) -> str:
    """Why a party has no conversations to evaluate: the planner's reason, or, for parents
    who all declined, the evaluation's own words, which name the letter that renews the
    offer (the plan's «Tilbudet kan gis på nytt senere» read as if nothing had been done)."""
    parents = ctx.base["foreldre"]
    if part.id != "foreldre" or not parents or any(p["takker_ja"] is not False
                                                    for p in parents):
        return part_ctx["ikke_planlagt"]
    if len(parents) == 1:
        return _declined(ctx, parents[0])
    return ctx.t("sak.takket_nei_evaluering_foreldre", program=ctx.programme.navn,
                 slutt=ctx.base["program"]["slutt"], brev=ctx.t("fil.nytt_tilbud"))


@hookimpl
def register_document_kinds(register):
    register(Sluttevaluering())
