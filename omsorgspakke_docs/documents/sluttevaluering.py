"""The final evaluation summary per party: every theme's assessment, filled in as it is known,
a framed place for the contact person's overall assessment, and the evaluation of the plans.

Parents who live apart (as the planner knows it: said so, or two addresses), or of whom one
declined, get one each, with that parent's own
assessments (model.Vurdering.forelder; one that names no parent counts for the parents taking
part on its date, Case.credited). A party
without conversations says why instead of listing every theme as not yet assessed: a parent
who declined (and when the offer can be renewed), or a child too young for conversations of
its own. With [archive] enabled it says it is filed by itself once written in, from the
day after the programme's end, for three months, or until the day it names when it is made
later than that (filed_until; archive/packages.py).

Once the day of the track's last theme has passed (or the programme's last day), it says what
the table holds and what happened to each theme not assessed (_what_happened), not what is to
be done «Før siste tema» and «Ikke vurdert ennå» (a reader's finding).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain import compliance, qualify
from ..hookspecs import hookimpl
from ..planning.schedule import live_apart
from ..planning.workdays import add_months, norsk_dato
from ..text import MONTHS
from . import document, parents, sending
from .innkalling import title_to_parents
from .nytt_tilbud import _key


class Sluttevaluering:
    name = "sluttevaluering"
    title = "Sluttevaluering"
    templates = ("sluttevaluering.docx",)

    def documents(self, ctx):
        # With the archive hand-off on, it is filed once written in after the programme's
        # end (archive/packages.py), and says so: nobody journals it by hand as well.
        filed = ctx.settings.archive.enabled
        until = filed_until(ctx) if filed else ""
        # A contact person without a phone number or e-mail in the export: the service's
        # own in their place, «(sentralbord)», as the letters show it (sending.py), not
        # «[mangler: telefon til kontaktpersonen]» in the evaluation alone.
        for part in ctx.programme.parter:
            part_ctx = ctx.part_context(part)
            path = ctx.t("fil.sluttevaluering", part=part.navn)
            if part.id == "foreldre" and one_each(ctx):
                for forelder in ctx.base["foreldre"]:
                    index = forelder["nummer"] - 1
                    label = ctx.parent_label(index)  # as their minutes
                    told = past(ctx, part, index)
                    own = {**part_ctx, "vurderinger": _named(ctx, part.id, _what_happened(
                        ctx, part, index, ctx.vurderinger(part, index), told))}
                    yield sending._service_contact(document(
                        f"{path} - {label}", "sluttevaluering.docx", ctx.base, part=own,
                        forelder=forelder["navn"], avslag=_declined(ctx, forelder),
                        arkiveres=filed, arkiveres_til=until, avsluttet=told))
                continue
            told = past(ctx, part, None)
            part_ctx = {**part_ctx, "vurderinger": _named(ctx, part.id, _what_happened(
                ctx, part, None, part_ctx["vurderinger"], told))}
            yield sending._service_contact(document(
                path, "sluttevaluering.docx", ctx.base, part=part_ctx, forelder="",
                avslag=_not_held(ctx, part, part_ctx), arkiveres=filed, arkiveres_til=until,
                avsluttet=told))


def _named(ctx, part_id: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The parents' themes titled as their minutes and invitations title them, with the
    child's first name for «barnet» («Tema 4: Hvorfor måtte Sofie flytte?»;
    innkalling.title_to_parents), not «Hvorfor måtte barnet flytte?» beside minutes that say
    Sofie (a reader's finding). The other parties' keep the programme's titles."""
    return [{**row, "tittel": title_to_parents(
        ctx, part_id, {"tittel": row["tittel"], "overskrift": row["tittel"]})["tittel"]}
        for row in rows]


def filed_until(ctx) -> str:
    """The last day a written evaluation is filed by itself (arkiveres_til), when it is made
    only after qualify.AFTER_END_MONTHS from the programme's last day (no run in those
    months: run/refresh.py makes the final documents on the first run after it): the archive
    counts those months from the day it is made instead (archive/packages.py), and the
    evaluation says so, not «i tre måneder etter siste dag», already past. Empty otherwise."""
    end = qualify.last_day(ctx.case, ctx.settings.schedule.programme_months)
    if end is None or ctx.today <= add_months(end, qualify.AFTER_END_MONTHS):
        return ""
    return norsk_dato(add_months(ctx.today, qualify.AFTER_END_MONTHS), ctx.malform)


def past(ctx, part, forelder: int | None) -> bool:
    """Whether the evaluation tells its table as it was (avsluttet): after the programme's
    last day, or once the day of the track's last theme has passed and nothing of the track
    is planned for today or later. While the programme runs a missed conversation keeps its
    date until an export moves it, so «Før siste tema» and «Ikke vurdert ennå» stood three
    months after the last theme's day (a reader's finding)."""
    if ctx.today > ctx.plan.slutt:
        return True
    track = [c for c in ctx.plan.for_part(part.id) if c.forelder in (None, forelder)]
    last = [c for c in track if c.tema == part.siste_tema.nummer
            and c.status != "avlyst" and not c.undated]
    return bool(last) and all(ctx.today > c.dato for c in track
                              if c.status == "planlagt" or c.undated)


def _what_happened(ctx, part, forelder: int | None, rows: list[dict[str, Any]],
                   told: bool) -> list[dict[str, Any]]:
    """Once told as it was (past), a theme not assessed says so and what happened to it,
    once, in its first column, «Ikke vurdert: …»: cancelled on its day, planned for a day and
    not registered as held, or given no day; held with the parents and not registered with
    whom, as the plan shows it; held with its minutes not delivered; and a dash in the
    others. «Ikke registrert som holdt» or «Referat ikke levert ennå» three
    times over said the same of a cancelled theme and one never planned, and under «Hva er
    positivt» a bare status read as if it were the positive (a reader's finding)."""
    t = ctx.t
    # Not held with this parent (or party): «Ikke registrert som holdt» after the programme's
    # last day (context._not_assessed), «Ikke vurdert ennå» before it.
    blank = {t("sak.ikke_holdt_slutt"), t("sak.ikke_vurdert")}
    not_delivered = t("sak.referat_ikke_levert")
    questions = [q.id for q in ctx.programme.vurderingssporsmal]
    if not told or not questions:
        return rows
    out = []
    for row in rows:
        said = {row.get(q) for q in questions}
        # Minutes not delivered of one held with the parents, not registered with whom,
        # alone: said as the plan shows it, with whom unknown (_with_whom_unknown).
        unknown = said == {not_delivered} and not ctx.held_with(part, row["tema"], forelder)
        if row.get(questions[0]) in blank or unknown:
            fate = _with_whom_unknown(ctx, part.id, row["tema"]) or (
                t("etter_slutt.tema_ikke_registrert") if row["tema"] == 0
                else _theme_fate(ctx, part.id, row["tema"], forelder))
        elif said == {not_delivered}:
            fate = t("etter_slutt.tema_ikke_levert")
        else:
            out.append(row)
            continue
        if row["tema"] == 0:
            fate = _with_contacts(ctx, part.id, forelder, fate)
        out.append({**row, **dict.fromkeys(questions[1:], "–"), questions[0]: fate})
    return out


def _with_contacts(ctx, part_id: str, forelder: int | None, fate: str) -> str:
    """The move follow-up (theme 0) has several contacts: its «Ikke vurdert: …» says what
    became of each of this parent's (or party's) that was not held, with their days, and
    which were held when some were not. «Holdt 17. september 2026 med foreldrene» alone
    left the mother's own contacts 2 and 3, never registered as held, unsaid (a reader's
    finding). One held with the parents and not registered with whom is said already.
    Minutes not delivered are said of the contacts held, in their order («kontakt 1 og 2
    (…) er holdt, men referatene er ikke levert; kontakt 3 … er ikke registrert som holdt»),
    as the parents' row says it; first, before what was held, it read as said of them all."""
    t = ctx.t
    track = sorted((c for c in ctx.plan.for_part(part_id)
                    if c.tema == 0 and c.forelder in (None, forelder) and not c.hvem_ukjent),
                   key=lambda c: c.nummer)
    groups = {
        "kontakt_ikke_registrert": [c for c in track if c.status in ("planlagt",
                                                                      "ikke_registrert")
                                    and not c.undated],
        "kontakt_uten_dato": [c for c in track if c.undated],
        "kontakt_avlyst": [c for c in track if c.status == "avlyst"],
    }
    said = [_contacts(t, key, convs) for key, convs in groups.items() if convs]
    if not said:
        return fate
    held = [c for c in track if c.status == "gjennomfort"]
    if held and fate == t("etter_slutt.tema_ikke_levert"):  # minutes not back: said of them
        late = [c for c in held if not ctx.minutes_recorded(c)] or held
        back = [c for c in held if c not in late]
        said.insert(0, _contacts(t, "kontakt_holdt_ikke_levert", late))
        if back:
            said.insert(0, _contacts(t, "kontakt_holdt", back))
        return t("etter_slutt.tema_kontakter", hva="; ".join(said))
    if held:
        said.insert(0, _contacts(t, "kontakt_holdt", held))
    if fate == t("etter_slutt.tema_ikke_registrert"):  # none held: the contacts say it all
        return t("etter_slutt.tema_kontakter", hva="; ".join(said))
    return "; ".join([fate, *said])


def _contacts(t, key: str, convs) -> str:
    """«kontakt 2 og 3 (24. november og 1. desember 2026) er ikke registrert som holdt»"""
    which = t("etter_slutt.kontakt", nummer=t.join([str(c.nummer) for c in convs]))
    key = f"etter_slutt.{key}" + ("_flere" if len(convs) > 1 else "")
    return t(key, kontakt=which, dato=_days([c.dato for c in convs], t))


def _days(days: list[date], t) -> str:
    """Days in a row as one says them: «16. og 24. september 2026», «24. november og 1.
    desember 2026»; a month or year said once for the days after it that share it."""
    said = []
    for day, after in zip(days, [*days[1:], None], strict=True):
        if after is None or after.year != day.year:
            said.append(t.dato(day))
        elif after.month != day.month:
            said.append(f"{day.day}. {MONTHS[day.month - 1]}")
        else:
            said.append(f"{day.day}.")
    return t.join(said)


def _with_whom_unknown(ctx, part_id: str, tema: int) -> str:
    """A theme held with the parents, who have tracks of their own, that the journal does
    not say which of them took part in (Conversation.hvem_ukjent): held on its day «med
    foreldrene (hvem som var med, er ikke registrert)», as the plan shows it, and whether its
    minutes came back. «Ikke registrert som holdt» contradicted the plan's «Gjennomført»
    (a reader's finding). Empty when there is none."""
    t = ctx.t
    held = [c for c in ctx.plan.for_part(part_id)
            if c.tema == tema and c.hvem_ukjent and c.status == "gjennomfort"]
    if not held:
        return ""
    said = t("etter_slutt.tema_hvem_ukjent", dato=t.join([t.dato(c.dato) for c in held]),
             hvem=t("sak.hvem_ukjent", hvem=t("hvem.foreldrene")))
    if any(ctx.minutes_recorded(c) for c in held):
        return said
    return f"{said}; {t('etter_slutt.referat_ikke_levert')}"


def _theme_fate(ctx, part_id: str, tema: int, forelder: int | None) -> str:
    t = ctx.t
    mine = [c for c in ctx.plan.for_part(part_id)
            if c.tema == tema and c.forelder in (None, forelder)]
    cancelled = [c.dato for c in ctx.case.samtaler
                 if c.status == "avlyst" and c.part == part_id and c.tema == tema
                 and c.forelder in (None, forelder)]
    planned = [c.dato for c in mine
               if c.status in ("planlagt", "ikke_registrert") and not c.undated]
    if planned and (not cancelled or max(planned) > max(cancelled)):
        return t("etter_slutt.tema_planlagt", dato=t.dato(max(planned)))
    if cancelled:
        return t("etter_slutt.tema_avlyst", dato=t.dato(max(cancelled)))
    return t("etter_slutt.tema_ikke_holdt")


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
    if ctx.today > ctx.plan.slutt:
        return _declined_ended(ctx, forelder)
    parent = ctx.case.foreldre[forelder["nummer"] - 1]
    months = ctx.settings.compliance.renew_offer_months
    if compliance.offer_waits(parent, ctx.plan.start, months, ctx.today):
        # Declined after taking part: no letter yet, it comes renew_offer_months after the no.
        return ctx.t("sak.takket_nei_evaluering_venter", navn=forelder["navn"],
                     program=ctx.programme.navn, slutt=ctx.base["program"]["slutt"],
                     innen=ctx.t.dato(compliance.offer_due(parent, ctx.plan.start, months)))
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
    if ctx.today > ctx.plan.slutt:
        return ctx.t("etter_slutt.takket_nei_foreldre", program=ctx.programme.navn,
                     slutt=ctx.base["program"]["slutt"])
    return ctx.t("sak.takket_nei_evaluering_foreldre", program=ctx.programme.navn,
                 slutt=ctx.base["program"]["slutt"], brev=ctx.t("fil.nytt_tilbud"))


def _declined_ended(ctx, forelder: dict[str, Any]) -> str:
    """After the programme's last day: the parent declined and did not take it up again
    before it ended (no «can be renewed until» a past day, nor a letter not made after the
    end), and when the offer was last made again, as the journal or the letters made say."""
    t = ctx.t
    said = t("etter_slutt.takket_nei", navn=forelder["navn"], program=ctx.programme.navn,
             slutt=ctx.base["program"]["slutt"])
    parent = ctx.case.foreldre[forelder["nummer"] - 1]
    if parent.nytt_tilbud is not None:
        return f"{said} {t('etter_slutt.gitt_pa_nytt', dato=t.dato(parent.nytt_tilbud))}"
    if ctx.issued_last is None:  # outside a run: what was made is not known
        return said
    named = next((p for p in parents(ctx, accepted=False) if p["navn"] == forelder["navn"]),
                 None)
    made = None if named is None else ctx.issued_last(_key(t("fil.nytt_tilbud"), named))
    return f"{said} " + (t("etter_slutt.brev_laget", dato=t.dato(made)) if made is not None
                         else t("etter_slutt.brev_ikke_laget"))


@hookimpl
def register_document_kinds(register):
    register(Sluttevaluering())
