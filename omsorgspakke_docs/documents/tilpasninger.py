"""The case's adaptations in words, for the follow-up plan: the guide asks for the programme
to be fitted to the child's age, a placement in the family or network, other children in
the foster home, a voluntary placement, a temporary placement, and language (interpreter).
The texts are in the catalogues (text/nb.toml, nn.toml: tilpasning.<key> and <key>_tittel).
After the programme's last day the plan tells the year in the past, and so do they
(tilpasning_slutt.<key>): «får innkallingene», «Vi bestiller tolk» after the end read as if
the programme still ran (a reader's finding)."""

from __future__ import annotations

from datetime import date
from typing import Any

from . import child_writes_to_self

KEYS = ("slekt_og_nettverk", "andre_barn_i_fosterhjemmet", "krevende_samarbeid",
        "lang_reisevei", "frivillig_plassering", "midlertidig_plassering")
"""The adaptations with a text in the catalogue, in the order the plan shows them."""


def adaptations(ctx) -> list[dict[str, Any]]:
    """Each adaptation that applies: title, text, and where in the programme it shows."""
    active, t = ctx.adaptations(), ctx.t
    out = [_age(ctx)]
    for key in KEYS:
        if key in active:
            out.append({"tittel": t(f"tilpasning.{key}_tittel"),
                        "tekst": t(_told(ctx, _singular(ctx, key)),
                                   andre_barn=_other_children(ctx),
                                   klima=_climate(ctx), reisevei=_far(ctx)),
                        "temaer": _where(ctx, key)})
    interpreter = _interpreter(ctx)
    if interpreter:
        out.append(interpreter)
    return out


def _ended(ctx) -> bool:
    return ctx.today > ctx.plan.slutt


def _told(ctx, key: str, past: bool | None = None) -> str:
    """An adaptation's catalogue key as the plan tells it: in the past after the end (past:
    in the past anyway, or not)."""
    return f"tilpasning_slutt.{key}" if (_ended(ctx) if past is None else past) \
        else f"tilpasning.{key}"


def _age(ctx) -> dict[str, Any]:
    age, t = ctx.base["barn"]["alder"], ctx.t
    known = not age.startswith("[")
    if "barn_uten_egne_samtaler" in ctx.adaptations():
        text = t(_told(ctx, "alder_uten_samtaler"), alder=age,
                 min_alder=ctx.settings.schedule.child_conversation_min_age)
        return {"tittel": t("tilpasning.alder_tittel"), "tekst": text,
                "temaer": _where(ctx, "barn_uten_egne_samtaler")}
    # After the end, who the invitations went to is told as it was on the days of the
    # child's conversations, not by the child's age today (12 now, 11 at every conversation).
    dated = [c.dato for c in ctx.plan.for_part("barnet") if c.status != "avlyst"
             and not c.undated]
    # With every date of the child's passed and none ahead, it is told as it was too: «får
    # innkallingene» stood in a plan with nothing planned (a reader's finding, 1 June 2027:
    # 12 since March, every invitation went to the foster parents).
    past = _ended(ctx) or bool(dated) and not any(
        c.status == "planlagt" and not c.undated and c.dato >= ctx.today
        for c in ctx.plan.for_part("barnet"))
    told = dated if past else []
    min_age = ctx.settings.documents.child_letter_min_age
    birthday = _birthday(ctx.case.barn.fodt, min_age)
    foster = "fosterforelder" if ctx.base["fosterfamilie"]["en_fosterforelder"] \
        else "fosterforeldre"
    if child_writes_to_self(ctx, min(told) if told else None):
        text = t(_told(ctx, "alder_eget_brev", past), alder=age)
        before = [day for day in dated if birthday is not None and day < birthday]
        if before and birthday is not None:
            # Turned 12 during the year (a reader's finding): the plan made before said the
            # invitations went to the foster parents; this one says until when.
            text += " " + t(_told(ctx, f"alder_for_bursdag_{foster}", past), min_alder=min_age,
                            bursdag=t.dato(birthday))
        return {"tittel": t("tilpasning.alder_tittel"), "tekst": text, "temaer": ""}
    older = [day for day in told if child_writes_to_self(ctx, day)] if told else [
        c.dato for c in ctx.plan.for_part("barnet")
        if c.status == "planlagt" and c.dato >= ctx.today
        and child_writes_to_self(ctx, c.dato)]
    if older and told and birthday is not None:
        # After the end, a birthday between the child's conversations: both rules, each
        # with its days, not the age today beside the rule for a younger child.
        text = t(f"tilpasning_slutt.alder_bytte_{foster}", min_alder=min_age,
                 bursdag=t.dato(birthday), dato=t.dato(min(older)))
        return {"tittel": t("tilpasning.alder_tittel"), "tekst": text, "temaer": ""}
    if told and birthday is not None and birthday <= ctx.today:
        # 12 now, younger at every conversation: the age then, not today's.
        text = t("tilpasning_slutt.alder_under", min_alder=min_age, bursdag=t.dato(birthday))
    else:
        text = t("tilpasning.alder_kjent", alder=age) if known else t("tilpasning.alder_ukjent")
    text += t(_told(ctx, f"alder_{foster}", past))
    if older:  # a birthday before a later conversation: its invitation goes to the child
        text += " " + t(_told(ctx, "alder_eget_brev_fra", past), dato=t.dato(min(older)),
                        min_alder=min_age, bursdag=t.dato(birthday))
    return {"tittel": t("tilpasning.alder_tittel"), "tekst": text, "temaer": ""}


def _birthday(born: date | None, years: int) -> date | None:
    """The day a child born on born turns years old (29 February: 1 March)."""
    if born is None:
        return None
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def _interpreter(ctx) -> dict[str, Any] | None:
    t = ctx.t
    unknown = t.missing(t("felt.sprak"))
    people = []
    if ctx.case.barn.tolk:
        people.append(t("tilpasning.tolk_person", hvem=t("hvem.barnet"),
                        sprak=ctx.case.barn.sprak or unknown))
    parents = 0
    for parent, f in zip(ctx.case.foreldre, ctx.base["foreldre"], strict=True):
        if parent.tolk and parent.takker_ja is not False:
            who = parent.rolle or t("hvem.forelder", nummer=f["nummer"])
            people.append(t("tilpasning.tolk_person", hvem=who, sprak=parent.sprak or unknown))
            parents += 1
    if not people:
        return None
    # A parent who needs one has the interpreter at the joint meeting too (its invitation
    # says so); the plan's paragraph on the meeting is the same for everyone.
    key = "tolk_og_mote" if parents and ctx.plan.joint_meeting else "tolk"
    return {"tittel": t("tilpasning.tolk_tittel"),
            "tekst": t(_told(ctx, key), hvem=t.join(people)), "temaer": ""}


def _climate(ctx) -> str:
    return ctx.t("tilpasning.klima_konflikt" if ctx.case.samarbeidsklima == "konflikt"
                 else "tilpasning.klima_krevende")


def _far(ctx) -> str:
    t = ctx.t
    who = [p.rolle or t("hvem.forelder", nummer=i) for i, p in enumerate(ctx.case.foreldre,
                                                                       start=1)
           if p.lang_reisevei and p.takker_ja is not False]
    return t(_told(ctx, "har"), hvem=t.join(who)).capitalize() if who else ""


def _singular(ctx, key: str) -> str:
    """One other child in the foster home is «dette barnet ... det», not «de»."""
    one = key == "andre_barn_i_fosterhjemmet" and ctx.base["fosterfamilie"]["andre_barn"] == 1
    return f"{key}_ett" if one else key


def _other_children(ctx) -> str:
    n = ctx.base["fosterfamilie"]["andre_barn"]
    return ctx.t("tilpasning.ett_annet_barn") if n == 1 else ctx.t("tilpasning.andre_barn",
                                                                    antall=ctx.t.tall(n))


def _where(ctx, key: str) -> str:
    """'Foreldre (tema 2, 3 og 4); Fosterfamilien («Oppfølging i flytteprosessen» og
    tema 1)': the end of the plan's sentence on where the minutes take it up. The parties
    are set apart by semicolons: each one's themes are a list with «og» of their own."""
    parts = []
    for part in ctx.programme.parter:
        themes = [t for t in part.temaer if any(s.gjelder == key for s in t.seksjoner)]
        if themes:
            parts.append(ctx.t("tilpasning.hvor", part=part.navn,
                               temaer=_themes(themes, ctx.t)))
    return "; ".join(parts)


def _themes(themes, t) -> str:
    """The themes by number, but the move follow-up (theme 0) by its title: no reader knows
    it as a number."""
    named = [f"«{theme.tittel}»" for theme in themes if theme.nummer == 0]
    numbers = [str(theme.nummer) for theme in themes if theme.nummer > 0]
    if numbers:
        named.append(t("sak.tema_kort", nummer=t.join(numbers)))
    return t.join(named)
