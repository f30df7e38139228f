"""The case's adaptations in words, for the follow-up plan: the guide asks for the programme
to be fitted to the child's age, a placement in the family or network, other children in
the foster home, a voluntary placement, a temporary placement, and language (interpreter)."""

from __future__ import annotations

from typing import Any

from ..rendering.context import MISSING
from . import child_writes_to_self

TEXT = {
    "slekt_og_nettverk": (
        "Plassering i familie og nettverk",
        "Barnet bor hos noen i familien eller nettverket. Samtalene med foreldrene og "
        "fosterfamilien får derfor egne spørsmål om hvordan rollene i familien har endret seg, "
        "og hva det betyr for samvær og samarbeid.",
    ),
    "andre_barn_i_fosterhjemmet": (
        "Andre barn i fosterhjemmet",
        "Det bor {andre_barn} i fosterhjemmet. Samtalene med fosterfamilien tar "
        "også opp hvordan de har det, og om de trenger egen oppfølging, for eksempel en "
        "samtale med oss eller en gruppe for barn som har fostersøsken.",
    ),
    "krevende_samarbeid": (
        "Krevende samarbeidsklima",
        "Samarbeidet mellom foreldrene og fosterfamilien er {klima}. Det felles møtet er "
        "derfor et tilbud og ikke en fast del av planen: kontaktpersonen avklarer med hver "
        "av partene om og når et møte kan være til hjelp for barnet.",
    ),
    "lang_reisevei": (
        "Lang reisevei",
        "{reisevei} lang reisevei. Invitasjonene tilbyr samtale på video eller et møtested "
        "nærmere der forelderen bor.",
    ),
    "frivillig_plassering": (
        "Frivillig plassering",
        "Plasseringen er frivillig, og foreldrene har fortsatt foreldreansvaret. Samtalene og "
        "brevene til foreldrene handler om samarbeid og om veien tilbake til hjemmet, ikke om "
        "omsorgsovertakelse eller nemnda; spørsmål om det er tatt ut av referatmalene.",
    ),
    "midlertidig_plassering": (
        "Midlertidig plassering",
        "Plasseringen er midlertidig. Samtalene tar opp hva som skal skje videre og hvordan "
        "partene blir holdt orientert, og brevene til foreldrene sier at plasseringen er "
        "midlertidig.",
    ),
}


def adaptations(ctx) -> list[dict[str, Any]]:
    """Each adaptation that applies: title, text, and where in the programme it shows."""
    active = ctx.adaptations()
    out = [_age(ctx)]
    for key, (title, text) in TEXT.items():
        if key in active:
            out.append({"tittel": title,
                        "tekst": text.format(andre_barn=_other_children(ctx),
                                             klima=_climate(ctx), reisevei=_far(ctx)),
                        "temaer": _where(ctx, key)})
    interpreter = _interpreter(ctx)
    if interpreter:
        out.append(interpreter)
    return out


def _age(ctx) -> dict[str, Any]:
    age = ctx.base["barn"]["alder"]
    known = not age.startswith("[")
    if "barn_uten_egne_samtaler" in ctx.adaptations():
        text = (f"Barnet er {age} år og har ikke egne samtaler (under "
                f"{ctx.settings.schedule.child_conversation_min_age} år ved flyttingen). "
                "Kontaktpersonen ser barnet ved oppfølgingsbesøkene, og samtalene med "
                "fosterfamilien har en egen del om barnets hverdag.")
        return {"tittel": "Barnets alder", "tekst": text,
                "temaer": _where(ctx, "barn_uten_egne_samtaler")}
    if child_writes_to_self(ctx):
        text = (f"Barnet er {age} år og får innkallingene til sine samtaler skrevet til seg, "
                "sendt via fosterhjemmet.")
    else:
        text = ((f"Barnet er {age} år. " if known else "Barnets alder er ikke kjent. ")
                + "Innkallingene til barnets samtaler sendes til fosterforeldrene, som "
                "forbereder barnet på samtalen. Samtalene tilpasses barnets alder og modenhet.")
    return {"tittel": "Barnets alder", "tekst": text, "temaer": ""}


def _interpreter(ctx) -> dict[str, Any] | None:
    people = []
    if ctx.case.barn.tolk:
        people.append(f"barnet ({ctx.case.barn.sprak or MISSING.format('språk')})")
    for parent, f in zip(ctx.case.foreldre, ctx.base["foreldre"], strict=True):
        if parent.tolk and parent.takker_ja is not False:
            who = parent.rolle or f"forelder {f['nummer']}"
            people.append(f"{who} ({parent.sprak or MISSING.format('språk')})")
    if not people:
        return None
    return {"tittel": "Tolk",
            "tekst": "Vi bestiller tolk til samtalene med " + _join(people) + ".",
            "temaer": ""}


def _climate(ctx) -> str:
    return {"konflikt": "preget av konflikt"}.get(ctx.case.samarbeidsklima or "", "krevende")


def _far(ctx) -> str:
    who = [p.rolle or f"forelder {i}" for i, p in enumerate(ctx.case.foreldre, start=1)
           if p.lang_reisevei and p.takker_ja is not False]
    return (_join(who) + " har").capitalize() if who else ""


def _other_children(ctx) -> str:
    n = ctx.base["fosterfamilie"]["andre_barn"]
    return "ett annet barn" if n == 1 else f"{n} andre barn"


def _where(ctx, key: str) -> str:
    """'Foreldre: tema 2, 3 og 4 · Fosterfamilien: tema 1 og 2'"""
    parts = []
    for part in ctx.programme.parter:
        numbers = [str(t.nummer) for t in part.temaer if any(s.gjelder == key for s in t.seksjoner)]
        if numbers:
            parts.append(f"{part.navn}: tema {_join(numbers)}")
    return " · ".join(parts)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]
