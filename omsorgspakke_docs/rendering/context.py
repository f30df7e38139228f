"""What templates see: the case, the programme and the plan as plain, printable values.

Everything a template prints is already a string in Norwegian form (dates as
"22. november 2026"). A value the case lacks is the visible placeholder "[mangler: ...]",
never an empty string, so a document made from an export without names says so plainly.
docs/templates.md lists every variable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..config import Settings
from ..domain.idnumber import case_notes
from ..domain.model import Case, Forelder, Person
from ..domain.programme import Part, Programme, Tema
from ..intake.guards import printable
from ..planning import schedule
from ..planning.schedule import CasePlan, Conversation, too_young_for_conversations
from ..planning.workdays import kort_dato, norsk_dato, norsk_dato_med_ukedag
from .watched_day import WatchedDay, unwatched

MISSING = "[mangler: {}]"
SMALL_CHILD_AGE = 6
"""Under school age: a letter may suggest bringing a cuddly toy."""
VISITS_SOURCE = ("forskrift om fosterhjem: minst fire besøk i året, minst to i året etter "
                 "de to første årene")
MISSING_RE = re.compile(r"\[mangler: ([^\]]+)\]")
POSTAL_BOX = re.compile(r"\b(postboks|boks|pb\.?|p\.\s?b\.)\s*\d", re.IGNORECASE)
"""A postal box is never a meeting place."""

STATUS_TEXT = {"planlagt": "Planlagt", "gjennomfort": "Gjennomført", "avlyst": "Avlyst",
               "ikke_registrert": "Ikke registrert"}
ANSWER: dict[bool | None, str] = {True: "Har takket ja", False: "Har takket nei",
                                  None: "Ikke avklart"}
"""A parent's answer to the offer of the programme."""
KATEGORI_TEXT = {
    "2.1": "Fosterhjem i familie og nære nettverk",
    "2.2": "Fosterhjem utenfor familie og nære nettverk",
    "2.3": "Spesialisert fosterhjem",
    "2.4": "Fosterhjem etter barnevernsloven § 6-3",
    "2.5": "Beredskapshjem",
    "2.6": "Midlertidig hjem i familie og nære nettverk",
    "2.99": "Annet fosterhjemstiltak",
}
PLAN_TEXT = {
    "omsorgsplan": "Plan for barnets omsorgssituasjon og oppfølging av barn og foreldre "
                   "(barnevernsloven § 8-3)",
    "tiltaksplan": "Tiltaksplan (barnevernsloven § 8-1)",
    "samvaersplan": "Samværsplan (barnevernsloven § 7-6)",
    "individuell_plan": "Individuell plan (barnevernsloven § 15-9)",
    "oppfolging_fosterfamilie":
        "Plan for oppfølging av fosterfamilien (fosterhjemsforskriften § 9)",
}


def text(value: Any, label: str) -> str:
    """The value as printable text, or the visible placeholder for what is missing."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return MISSING.format(label)
    if isinstance(value, date):
        return norsk_dato(value)
    # Control characters would corrupt the XML of a document: show them, don't pass them.
    return printable(str(value))


def clean(value: str | None) -> str | None:
    return None if value is None else printable(value)


def yes_no(value: bool | None, label: str) -> str:
    return MISSING.format(label) if value is None else ("Ja" if value else "Nei")


def _person(p: Person, what: str) -> dict[str, str]:
    return {
        "navn": text(p.navn, f"navn på {what}"),
        "fornavn": text(p.fornavn, f"fornavn på {what}"),
        "telefon": text(p.telefon, f"telefon til {what}"),
        "epost": text(p.epost, f"e-post til {what}"),
    }


def _address(obj, what: str) -> dict[str, str]:
    poststed = " ".join(x for x in (obj.postnummer, obj.poststed) if x) or None
    return {
        "adresse": text(obj.adresse, f"adresse til {what}"),
        "postnummer": text(obj.postnummer, f"postnummer til {what}"),
        "poststed": text(obj.poststed, f"poststed til {what}"),
        "postadresse": text(poststed, f"postnummer og sted til {what}"),
    }


def forelder_context(f: Forelder, index: int) -> dict[str, Any]:
    what = f.rolle or f"forelder {index}"
    return {
        **_person(f, what),
        **_address(f, what),
        "rolle": text(f.rolle, "rolle (mor/far)"),
        "takker_ja": f.takker_ja,
        "takker_ja_tekst": ANSWER[f.takker_ja],
        "nummer": index,
    }


@dataclass
class CaseContext:
    """Everything a document kind needs to make its documents for one case."""

    case: Case
    plan: CasePlan
    programme: Programme
    today: date
    base: dict[str, Any]
    settings: Settings = field(default_factory=Settings)
    pseudonym: str | None = None
    """The case's pseudonym from the state (for calendar UIDs); None outside a run."""
    issued: Callable[[str, str], date] | None = None
    """(document key, digest of what it shows) -> the day it was issued (store/issued.py);
    None outside a run: today."""

    def issued_on(self, key: str, content: str) -> date:
        """The date a document shows as its own: the day it was first issued as it is."""
        return self.today if self.issued is None else self.issued(key, content)

    def part(self, part_id: str) -> Part:
        return self.programme.part(part_id)

    def adaptations(self) -> set[str]:
        c = self.case
        found = set()
        if c.plassering.er_i_nettverk:
            found.add("slekt_og_nettverk")
        if (c.fosterfamilie.andre_barn or 0) > 0:
            found.add("andre_barn_i_fosterhjemmet")
        if too_young_for_conversations(c, self.settings.schedule):
            found.add("barn_uten_egne_samtaler")
        if c.samarbeidsklima in ("krevende", "konflikt"):
            found.add("krevende_samarbeid")
        if any(f.lang_reisevei and f.takker_ja is not False for f in c.foreldre):
            found.add("lang_reisevei")
        if c.plassering.er_frivillig:
            found.add("frivillig_plassering")
        if c.plassering.er_midlertidig or (
            c.plassering.kategori is not None and c.plassering.kategori.value in ("2.5", "2.6")
        ):
            found.add("midlertidig_plassering")
        return found

    def tema_context(self, part: Part, tema: Tema) -> dict[str, Any]:
        active = self.adaptations()
        # A voluntary placement leaves parental responsibility with the parents: nothing they
        # read speaks of a care order, the county board or getting custody back.
        keep = _not_care_order if "frivillig_plassering" in active else (lambda _: True)
        return {
            "nummer": tema.nummer,
            "tittel": tema.tittel,
            "overskrift": tema_heading(tema),
            "formal": tema.formal,
            "i_brev": tema.i_brev,
            "verktoy": [t for t in tema.verktoy if keep(t)],
            "seksjoner": [
                {"tittel": s.tittel, "sporsmal": [q for q in s.sporsmal if keep(q)]}
                for s in tema.seksjoner
                if (s.gjelder is None or s.gjelder in active) and keep(s.tittel)
            ],
            "tillegg": [s.tittel for s in tema.seksjoner if s.gjelder in active],
            "er_siste": tema.nummer == part.siste_tema.nummer,
        }

    def samtale_context(self, conv: Conversation) -> dict[str, Any]:
        part = self.part(conv.part)
        tema = part.tema(conv.tema)
        minutes_back = conv.status == "gjennomfort" and any(
            v.gjelder(conv.part, conv.tema, conv.forelder) for v in self.case.vurderinger)
        contact = f" (kontakt {conv.nummer})" if conv.tema == 0 else ""
        return {
            "part": part.id,
            "part_navn": part.navn,
            "forelder": self.parent_label(conv.forelder),
            "tema": conv.tema,
            "nummer": conv.nummer,
            "tittel": tema.tittel + contact,
            "overskrift": tema_heading(tema) + contact,
            "dato": norsk_dato(conv.dato),
            "dato_med_ukedag": norsk_dato_med_ukedag(conv.dato),
            "kort_dato": kort_dato(conv.dato),
            "tid": f"{conv.start:%H.%M}–{conv.slutt:%H.%M}",
            "klokkeslett": f"{conv.start:%H.%M}",
            "status": status_text(conv.status, conv.dato, self.today),
            "sted": self.place_text(conv.sted, conv.forelder),
            "merknad": self.gap_note(conv),
            "fra_journal": conv.fra_journal,
            "referat_mottatt": "Ja" if minutes_back else "Nei",
            "forste": self.first_conversation(conv),
        }

    def first_conversation(self, conv: Conversation) -> bool:
        """Whether this is the first conversation of its party (or parent's own track): the
        first contact of the move follow-up, unless that has none."""
        track = [c for c in self.plan.for_part(conv.part) if c.forelder == conv.forelder]
        return bool(track) and min(track, key=lambda c: (c.tema, c.nummer)).key == conv.key

    def place_text(self, kind: str, forelder: int | None) -> str:
        """Where a meeting is held, for the plan, the invitation and the calendar: the
        service's visiting address ([service] besoksadresse, never a postal box), the foster
        home, or a digital meeting for a parent who lives far away."""
        c = self.case
        if kind == schedule.FOSTER_HOME:
            home = c.fosterfamilie
            where = ", ".join(x for x in (home.adresse, " ".join(
                y for y in (home.postnummer, home.poststed) if y)) if x)
            return f"I fosterhjemmet, {where}" if home.adresse else (
                "I fosterhjemmet, " + MISSING.format("adresse til fosterhjemmet"))
        if kind == schedule.DIGITAL:
            people = [c.foreldre[forelder]] if forelder is not None else [
                f for f in c.foreldre if f.lang_reisevei]
            town = next((f.poststed for f in people if f.poststed), None)
            return ("Digitalt møte, eller møte i " + (town or "kommunen der du bor")
                    + " etter avtale")
        service = self.settings.service
        visiting = clean(c.tjeneste.besoksadresse) or clean(service.get("besoksadresse"))
        if not visiting or POSTAL_BOX.search(visiting):
            return MISSING.format("besøksadresse til barneverntjenesten ([service] besoksadresse)")
        name = clean(c.tjeneste.navn) or clean(service.get("navn"))
        return f"{name}, {visiting}" if name else visiting

    def gap_note(self, conv: Conversation) -> str:
        """Why there is more than theme_interval_days up to this conversation; "" if not."""
        for gap in self.plan.gaps:
            if (gap.part, gap.forelder, gap.til) == (conv.part, conv.forelder, conv.dato):
                return f"{gap.dager} dager siden forrige samtale. {gap.grunn}"
        return ""

    def parent_label(self, index: int | None) -> str:
        """Whose own conversation it is, when parents living apart each have theirs: the role
        ("mor", "far") or "forelder 2", never a name (it goes into file names). "" if shared."""
        if index is None or index >= len(self.case.foreldre):
            return ""
        return clean(self.case.foreldre[index].rolle) or f"forelder {index + 1}"

    def part_context(self, part: Part) -> dict[str, Any]:
        return {
            "id": part.id,
            "navn": part.navn,
            "spor": part.spor,
            "beskrivelse": part.beskrivelse,
            # The group for the foster parents' own children only when there are any.
            "videre_oppfolging": [t for t in part.videre_oppfolging
                                  if (self.case.fosterfamilie.andre_barn or 0) > 0
                                  or "egne barn" not in t.lower()],
            "samtaler": [self.samtale_context(c) for c in self.plan.for_part(part.id)],
            "ikke_planlagt": self.plan.parts_not_planned.get(part.id, ""),
            "vurderinger": self.vurderinger(part),
        }

    def vurderinger(self, part: Part, forelder: int | None = None) -> list[dict[str, Any]]:
        """The assessment of each theme; for one parent (forelder, parents living apart)
        their own, else one that names no parent."""
        mine = sorted((v for v in self.case.vurderinger if v.part == part.id
                       and (forelder is None or v.forelder in (None, forelder))),
                      key=lambda v: v.forelder is not None)  # a parent's own wins
        by_theme = {v.tema: v for v in mine}
        rows = []
        for tema in part.temaer:
            v = by_theme.get(tema.nummer)
            pending = "Ikke vurdert ennå"
            rows.append({
                "tema": tema.nummer,
                "tittel": tema_heading(tema),
                "dato": norsk_dato(v.dato) if v and v.dato else "",
                **{
                    q.id: clean(getattr(v, q.id, None)) or pending if v else pending
                    for q in self.programme.vurderingssporsmal
                },
                "vurdert": v is not None,
            })
        return rows


CARE_ORDER_WORDS = re.compile(
    r"omsorgsovertak|nemnd|omsorgen tilbake|tilbake omsorgen|tingrett", re.IGNORECASE)
"""Words of a care order, not said to parents whose child is placed voluntarily."""


def _not_care_order(text: str) -> bool:
    return CARE_ORDER_WORDS.search(text) is None


def status_text(status: str, day: date, today: date) -> str:
    """Planlagt, Gjennomført, Avlyst, or Forfalt for a planned date that has passed."""
    return "Forfalt" if status == "planlagt" and day < today else STATUS_TEXT[status]


def tema_heading(tema: Tema) -> str:
    return tema.tittel if tema.nummer == 0 else f"Tema {tema.nummer}: {tema.tittel}"


def build(case: Case, plan: CasePlan, programme: Programme, today: date,
          service_defaults: dict[str, str] | None = None, *,
          settings: Settings | None = None, pseudonym: str | None = None) -> CaseContext:
    ctx = CaseContext(case, plan, programme, today, {}, settings or Settings(), pseudonym)
    ctx.base = _base(ctx, service_defaults or {})
    return ctx


def _base(ctx: CaseContext, service_defaults: dict[str, str]) -> dict[str, Any]:
    c, plan = ctx.case, ctx.plan
    tjeneste = c.tjeneste.model_copy(
        update={k: v for k, v in service_defaults.items()
                if k in type(c.tjeneste).model_fields and getattr(c.tjeneste, k) is None}
    )
    fosterforeldre = [_person(p, "fosterforelder") for p in c.fosterfamilie.fosterforeldre]
    foster_names = " og ".join(p.navn for p in c.fosterfamilie.fosterforeldre if p.navn) or None
    visits_held = sum(1 for v in plan.visits if v.status == "gjennomfort")
    age = _age(c.barn.fodt, ctx.today)
    return {
        # Every document's own date (the day it was issued) replaces this (prepare.py).
        "dato": norsk_dato(unwatched(ctx.today)),
        "sak": {
            "journalnummer": text(c.journalnummer, "journalnummer"),
            "kommunenummer": text(c.kommunenummer, "kommunenummer"),
            "var_referanse": text(c.journalnummer, "journalnummer"),
            "kilde": c.kilde or "",
            "merknader": case_notes(c.barn.fodselsnummer),
        },
        "tjeneste": {
            "navn": text(tjeneste.navn, "navn på barneverntjenesten"),
            "kommunenavn": text(tjeneste.kommunenavn, "kommunenavn"),
            **_address(tjeneste, "barneverntjenesten"),
            "besoksadresse": text(
                tjeneste.besoksadresse or ", ".join(
                    x for x in (tjeneste.adresse, " ".join(
                        y for y in (tjeneste.postnummer, tjeneste.poststed) if y)) if x) or None,
                "besøksadresse til barneverntjenesten"),
            "telefon": text(tjeneste.telefon, "telefon til barneverntjenesten"),
            "epost": text(tjeneste.epost, "e-post til barneverntjenesten"),
        },
        "barn": {
            **_person(c.barn, "barnet"),
            "fodselsnummer": text(c.barn.fodselsnummer, "barnets fødselsnummer"),
            "fodselsdato": text(c.barn.fodt, "barnets fødselsdato"),
            "alder": text(age, "barnets alder"),
            "liten": age is not None and age < SMALL_CHILD_AGE,
            "egne_samtaler": "barnet" not in plan.parts_not_planned,
            "kjonn": text(c.barn.kjonn, "barnets kjønn"),
            "tolk": bool(c.barn.tolk),
            "sprak": text(c.barn.sprak, "språk"),
        },
        "plassering": {
            "startdato": text(c.plassering.startdato, "startdato for plasseringen"),
            "kategori": text(
                KATEGORI_TEXT.get(c.plassering.kategori.value) if c.plassering.kategori else None,
                "type fosterhjem",
            ),
            "lovhjemmel": text(c.plassering.lovhjemmel, "lovhjemmel for plasseringen"),
            "i_nettverk": c.plassering.er_i_nettverk,
            "frivillig": yes_no(c.plassering.er_frivillig if c.plassering.frivillig is not None
                                or c.plassering.lovhjemmel else None,
                                "om plasseringen er frivillig"),
            "er_frivillig": c.plassering.er_frivillig,
            "er_midlertidig": c.plassering.er_midlertidig,
        },
        "foreldre": [forelder_context(f, i) for i, f in enumerate(c.foreldre, start=1)],
        "samarbeidsklima": c.samarbeidsklima or "",
        "fellesmote_frivillig": c.samarbeidsklima in ("krevende", "konflikt"),
        "fosterfamilie": {
            "navn": text(foster_names, "navn på fosterforeldrene"),
            "fosterforeldre": fosterforeldre,
            **_address(c.fosterfamilie, "fosterhjemmet"),
            "andre_barn": c.fosterfamilie.andre_barn or 0,
        },
        "kontaktperson": {
            **_person(c.kontaktperson, "kontaktpersonen"),
            "tittel": c.kontaktperson.tittel or "Kontaktperson",
        },
        "program": {
            "navn": ctx.programme.navn,
            "beskrivelse": ctx.programme.beskrivelse,
            "start": norsk_dato(plan.start),
            "slutt": norsk_dato(plan.slutt),
            "vurderingssporsmal": [q.model_dump() for q in ctx.programme.vurderingssporsmal],
            "lovhjemler": [h.model_dump() for h in ctx.programme.lovhjemler],
            "merknader": case_notes(c.barn.fodselsnummer) + list(plan.notes),
        },
        "parter": [ctx.part_context(p) for p in ctx.programme.parter],
        "besok": [
            {"dato": norsk_dato(v.dato), "dato_med_ukedag": norsk_dato_med_ukedag(v.dato),
             "tid": f"{v.start:%H.%M}–{v.slutt:%H.%M}" if v.start and v.slutt else "",
             "status": status_text(v.status, v.dato, ctx.today)}
            for v in plan.visits
        ],
        "opphold": [
            {"part": ctx.programme.part(g.part).navn + (
                f" ({ctx.parent_label(g.forelder)})" if g.forelder is not None else ""),
             "fra": norsk_dato(g.fra), "til": norsk_dato(g.til), "dager": g.dager,
             "grunn": g.grunn}
            for g in plan.gaps
        ],
        "besok_gjennomfort": visits_held,
        "besok_minimum": plan.visits_minimum,
        "besok_kilde": VISITS_SOURCE if plan.visits_minimum <= 4 else
        f"kommunens egen rutine; {VISITS_SOURCE}",
        "planer": [
            {
                "tittel": PLAN_TEXT.get(p.type, p.type),
                "startdato": text(p.startdato, "startdato for planen"),
                "evaluert": ", ".join(norsk_dato(d) for d in p.evaluert) or "Ikke evaluert ennå",
            }
            for p in c.planer
        ],
        "planevaluering": plan_evaluation(c, ctx.programme),
    }


# Which plan types in the journal are the plan a programme's lovhjemmel names.
PLAN_TYPES = {"oppfolging_fosterfamilien": {"oppfolging_fosterfamilie",
                                            "oppfolging_fosterfamilien"}}


def plan_evaluation(c: Case, programme: Programme) -> list[dict[str, str]]:
    """The plans the final evaluation goes through (programme.toml lovhjemler): whether the
    case has each, and when it was last evaluated."""
    rows = []
    for h in programme.lovhjemler:
        found = [p for p in c.planer if p.type in PLAN_TYPES.get(h.id, {h.id})]
        dates = [d for p in found for d in (*p.evaluert, p.sist_evaluert) if d]
        rows.append({
            "tittel": h.tittel, "hjemmel": h.hjemmel,
            "finnes": "Ja" if found else "Ikke registrert",
            "sist_evaluert": norsk_dato(max(dates)) if dates else (
                "Ikke evaluert ennå" if found else ""),
        })
    return rows


def _age(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    if isinstance(today, WatchedDay):
        return today.age(born)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def missing_in(rendered_text: str) -> list[str]:
    """The placeholders a rendered document shows, in order, each once."""
    return list(dict.fromkeys(MISSING_RE.findall(rendered_text)))
