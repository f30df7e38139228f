"""What templates see: the case, the programme and the plan as plain, printable values.

Everything a template prints is already a string in Norwegian form (dates as
"22. november 2026"). A value the case lacks is the visible placeholder "[mangler: ...]",
never an empty string, so a document made from an export without names says so plainly.
docs/templates.md lists every variable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..config import Settings
from ..domain import programme as programme_module
from ..domain.idnumber import case_notes
from ..domain.model import Case, Forelder, Person
from ..domain.programme import Part, Programme, Tema
from ..intake.guards import printable
from ..planning.schedule import CasePlan, Conversation
from ..planning.workdays import kort_dato
from ..text import CODE, MISSING_RE, Tekst, tekst
from .watched_day import WatchedDay, unwatched

MISSING = "[mangler: {}]"
"""The bokmål placeholder; a document in either standard uses its catalogue's (Tekst.missing)."""


def text(value: Any, label: str, t: Tekst | None = None) -> str:
    """The value as printable text, or the visible placeholder for what is missing."""
    t = t or tekst()
    if value is None or (isinstance(value, str) and not value.strip()):
        return t.missing(label)
    if isinstance(value, date):
        return t.dato(value)
    # Control characters would corrupt the XML of a document: show them, don't pass them.
    return printable(str(value))


def clean(value: str | None) -> str | None:
    return None if value is None else printable(value)


def yes_no(value: bool | None, label: str, t: Tekst | None = None) -> str:
    t = t or tekst()
    return t.missing(label) if value is None else t("ord.ja" if value else "ord.nei")


def _person(p: Person, who: str, t: Tekst) -> dict[str, str]:
    return {
        "navn": text(p.navn, t("felt.navn", hvem=who), t),
        "fornavn": text(p.fornavn, t("felt.fornavn", hvem=who), t),
        "telefon": text(p.telefon, t("felt.telefon", hvem=who), t),
        "epost": text(p.epost, t("felt.epost", hvem=who), t),
    }


def _address(obj, who: str, t: Tekst) -> dict[str, str]:
    poststed = " ".join(x for x in (obj.postnummer, obj.poststed) if x) or None
    return {
        "adresse": text(obj.adresse, t("felt.adresse", hvem=who), t),
        "postnummer": text(obj.postnummer, t("felt.postnummer", hvem=who), t),
        "poststed": text(obj.poststed, t("felt.poststed", hvem=who), t),
        "postadresse": text(poststed, t("felt.postadresse", hvem=who), t),
    }


def forelder_context(f: Forelder, index: int, t: Tekst | None = None) -> dict[str, Any]:
    t = t or tekst()
    who = f.rolle or t("hvem.forelder", nummer=index)
    return {
        **_person(f, who, t),
        **_address(f, who, t),
        "rolle": text(f.rolle, t("felt.rolle"), t),
        "takker_ja": f.takker_ja,
        "takker_ja_tekst": {True: t("sak.takket_ja"), False: t("sak.takket_nei")}.get(
            f.takker_ja, t("sak.ikke_avklart")
        ),
        "nummer": index,
        "malform": malform_of(f.malform, t.malform),
    }


def malform_of(asked: str | None, default: str) -> str:
    """A recipient's own standard when they asked for one, else the municipality's."""
    return asked if asked in CODE else default


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
    t: Tekst = field(default_factory=tekst)
    """The catalogue of the case's standard: the municipality's (config.for_kommune)."""
    service_defaults: dict[str, str] = field(default_factory=dict)
    _others: dict[str, CaseContext] = field(default_factory=dict, repr=False)

    @property
    def malform(self) -> str:
        return self.t.malform

    def in_malform(self, malform: str) -> CaseContext:
        """The same case in another standard, for a letter to a recipient who asked for it;
        the plan, minutes and evaluations stay in the municipality's."""
        if malform == self.malform:
            return self
        if malform not in self._others:
            self._others[malform] = build(
                self.case, self.plan, self.programme, self.today, self.service_defaults,
                settings=self.settings, pseudonym=self.pseudonym, malform=malform)
            self._others[malform].issued = self.issued
        return self._others[malform]
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
        if c.plassering.frivillig or c.plassering.midlertidig or (
            c.plassering.kategori is not None and c.plassering.kategori.value in ("2.5", "2.6")
        ):
            found.add("midlertidig_eller_frivillig")
        return found

    def tema_context(self, part: Part, tema: Tema) -> dict[str, Any]:
        active = self.adaptations()
        return {
            "nummer": tema.nummer,
            "tittel": tema.tittel,
            "overskrift": tema_heading(tema, self.t),
            "formal": tema.formal,
            "verktoy": list(tema.verktoy),
            "seksjoner": [
                {"tittel": s.tittel, "sporsmal": list(s.sporsmal)}
                for s in tema.seksjoner
                if s.gjelder is None or s.gjelder in active
            ],
            "tillegg": [s.tittel for s in tema.seksjoner if s.gjelder in active],
            "er_siste": tema.nummer == part.siste_tema.nummer,
        }

    def samtale_context(self, conv: Conversation) -> dict[str, Any]:
        part = self.part(conv.part)
        tema = part.tema(conv.tema)
        minutes_back = conv.status == "gjennomfort" and any(
            v.part == conv.part and v.tema == conv.tema for v in self.case.vurderinger
        )
        t = self.t
        contact = t("sak.kontakt", nummer=conv.nummer) if conv.tema == 0 else ""
        return {
            "part": part.id,
            "part_navn": part.navn,
            "forelder": self.parent_label(conv.forelder),
            "tema": conv.tema,
            "nummer": conv.nummer,
            "tittel": tema.tittel + contact,
            "overskrift": tema_heading(tema, t) + contact,
            "dato": t.dato(conv.dato),
            "dato_med_ukedag": t.dato_med_ukedag(conv.dato),
            "kort_dato": kort_dato(conv.dato),
            "tid": f"{conv.start:%H.%M}–{conv.slutt:%H.%M}",
            "klokkeslett": f"{conv.start:%H.%M}",
            "status": status_text(conv.status, conv.dato, self.today, t),
            "fra_journal": conv.fra_journal,
            "referat_mottatt": t("ord.ja" if minutes_back else "ord.nei"),
        }

    def parent_label(self, index: int | None) -> str:
        """Whose own conversation it is, when parents living apart each have theirs: the role
        ("mor", "far") or "forelder 2", never a name (it goes into file names). "" if shared."""
        if index is None or index >= len(self.case.foreldre):
            return ""
        return clean(self.case.foreldre[index].rolle) or self.t("hvem.forelder", nummer=index + 1)

    def part_context(self, part: Part) -> dict[str, Any]:
        return {
            "id": part.id,
            "navn": part.navn,
            "spor": part.spor,
            "beskrivelse": part.beskrivelse,
            "videre_oppfolging": list(part.videre_oppfolging),
            "samtaler": [self.samtale_context(c) for c in self.plan.for_part(part.id)],
            "ikke_planlagt": (self.t("sak.foreldre_takket_nei")
                              if part.id in self.plan.parts_not_planned else ""),
            "vurderinger": self.vurderinger(part),
        }

    def vurderinger(self, part: Part) -> list[dict[str, Any]]:
        by_theme = {v.tema: v for v in self.case.vurderinger if v.part == part.id}
        rows = []
        for tema in part.temaer:
            v = by_theme.get(tema.nummer)
            pending = self.t("sak.ikke_vurdert")
            rows.append({
                "tema": tema.nummer,
                "tittel": tema_heading(tema, self.t),
                "dato": self.t.dato(v.dato) if v and v.dato else "",
                **{
                    q.id: clean(getattr(v, q.id, None)) or pending if v else pending
                    for q in self.programme.vurderingssporsmal
                },
                "vurdert": v is not None,
            })
        return rows


def status_code(status: str, day: date, today: date) -> str:
    """planlagt, gjennomfort, avlyst, ikke_registrert, or forfalt for a planned date passed."""
    return "forfalt" if status == "planlagt" and day < today else status


def status_text(status: str, day: date, today: date, t: Tekst | None = None) -> str:
    """Planlagt, Gjennomført, Avlyst, or Forfalt for a planned date that has passed."""
    return (t or tekst())(f"status.{status_code(status, day, today)}")


def tema_heading(tema: Tema, t: Tekst | None = None) -> str:
    t = t or tekst()
    return tema.tittel if tema.nummer == 0 else t("sak.tema", nummer=tema.nummer,
                                                  tittel=tema.tittel)


def build(case: Case, plan: CasePlan, programme: Programme, today: date,
          service_defaults: dict[str, str] | None = None, *,
          settings: Settings | None = None, pseudonym: str | None = None,
          malform: str | None = None) -> CaseContext:
    """The context of one case in its municipality's standard (or malform, when given):
    that municipality's letterhead, catalogue and programme."""
    settings = settings or Settings()
    kommune = settings.for_kommune(case.kommunenummer)
    malform = malform or kommune.malform
    if programme.malform != malform:
        programme = programme_module.for_malform(settings, malform)
    defaults = {**(service_defaults or {}), **kommune.service}
    ctx = CaseContext(case, plan, programme, today, {}, settings, pseudonym, tekst(malform),
                      defaults)
    ctx.base = _base(ctx, defaults)
    return ctx


def _base(ctx: CaseContext, service_defaults: dict[str, str]) -> dict[str, Any]:
    c, plan, t = ctx.case, ctx.plan, ctx.t
    tjeneste = c.tjeneste.model_copy(
        update={k: v for k, v in service_defaults.items()
                if k in type(c.tjeneste).model_fields and getattr(c.tjeneste, k) is None}
    )
    foster = c.fosterfamilie.fosterforeldre
    fosterforeldre = [_person(p, t("hvem.fosterforelder"), t) for p in foster]
    foster_names = t.join([p.navn for p in foster if p.navn]) or None
    visits_held = sum(1 for v in plan.visits if v.status == "gjennomfort")
    return {
        "malform": ctx.malform,
        # Every document's own date (the day it was issued) replaces this (prepare.py).
        "dato": t.dato(unwatched(ctx.today)),
        "sak": {
            "journalnummer": text(c.journalnummer, t("felt.journalnummer"), t),
            "kommunenummer": text(c.kommunenummer, t("felt.kommunenummer"), t),
            "var_referanse": text(c.journalnummer, t("felt.journalnummer"), t),
            "kilde": c.kilde or "",
            "merknader": case_notes(c.barn.fodselsnummer, t),
        },
        "tjeneste": {
            "navn": text(tjeneste.navn, t("felt.navn", hvem=t("hvem.tjenesten")), t),
            "kommunenavn": text(tjeneste.kommunenavn, t("felt.kommunenavn"), t),
            **_address(tjeneste, t("hvem.tjenesten"), t),
            "telefon": text(tjeneste.telefon, t("felt.telefon", hvem=t("hvem.tjenesten")), t),
            "epost": text(tjeneste.epost, t("felt.epost", hvem=t("hvem.tjenesten")), t),
        },
        "barn": {
            **_person(c.barn, t("hvem.barnet"), t),
            "fodselsnummer": text(c.barn.fodselsnummer, t("felt.fodselsnummer"), t),
            "fodselsdato": text(c.barn.fodselsdato, t("felt.fodselsdato"), t),
            "alder": text(_age(c.barn.fodselsdato, ctx.today), t("felt.alder"), t),
            "kjonn": text(c.barn.kjonn, t("felt.kjonn"), t),
            "tolk": bool(c.barn.tolk),
            "sprak": text(c.barn.sprak, t("felt.sprak"), t),
        },
        "plassering": {
            "startdato": text(c.plassering.startdato, t("felt.startdato"), t),
            "kategori": text(
                t.table("kategori").get(c.plassering.kategori.value)
                if c.plassering.kategori else None,
                t("felt.kategori"), t,
            ),
            "lovhjemmel": text(c.plassering.lovhjemmel, t("felt.lovhjemmel"), t),
            "i_nettverk": c.plassering.er_i_nettverk,
            "frivillig": yes_no(c.plassering.frivillig, t("felt.frivillig"), t),
        },
        "foreldre": [forelder_context(f, i, t) for i, f in enumerate(c.foreldre, start=1)],
        "fosterfamilie": {
            "navn": text(foster_names, t("felt.navn", hvem=t("hvem.fosterforeldrene")), t),
            "fosterforeldre": fosterforeldre,
            **_address(c.fosterfamilie, t("hvem.fosterhjemmet"), t),
            "malform": malform_of(c.fosterfamilie.malform, t.malform),
            "andre_barn": c.fosterfamilie.andre_barn or 0,
        },
        "kontaktperson": {
            **_person(c.kontaktperson, t("hvem.kontaktpersonen"), t),
            "tittel": c.kontaktperson.tittel or t("sak.kontaktperson_tittel"),
        },
        "program": {
            "navn": ctx.programme.navn,
            "beskrivelse": ctx.programme.beskrivelse,
            "start": t.dato(plan.start),
            "slutt": t.dato(plan.slutt),
            "vurderingssporsmal": [q.model_dump() for q in ctx.programme.vurderingssporsmal],
            "lovhjemler": [h.model_dump() for h in ctx.programme.lovhjemler],
            "merknader": case_notes(c.barn.fodselsnummer, t) + list(plan.notes),
        },
        "parter": [ctx.part_context(p) for p in ctx.programme.parter],
        "besok": [
            {"dato": t.dato(v.dato), "status": status_text(v.status, v.dato, ctx.today, t)}
            for v in plan.visits
        ],
        "besok_gjennomfort": visits_held,
        "besok_minimum": plan.visits_minimum,
        "planer": [
            {
                "tittel": t.table("plan").get(p.type, p.type),
                "startdato": text(p.startdato, t("felt.plan_startdato"), t),
                "evaluert": ", ".join(t.dato(d) for d in p.evaluert) or t("sak.ikke_evaluert"),
            }
            for p in c.planer
        ],
    }


def _age(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    if isinstance(today, WatchedDay):
        return today.age(born)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def missing_in(rendered_text: str) -> list[str]:
    """The placeholders a rendered document shows, in order, each once."""
    return list(dict.fromkeys(MISSING_RE.findall(rendered_text)))
