"""The programme as data: parties, their tracks and themes, sections and questions.

The bundled data/programme.nb.toml (bokmål) and data/programme.nn.toml (nynorsk) follow the
national guide, with the same parties, themes, sections and questions in the same order. A
municipality points [programme] in omsorgspakke.toml at its own copy to change any of it, in
one standard or both; a standard without its own file uses the other one (`check` says so).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..config import MALFORMER, PACKAGE_DATA, ConfigError, Settings
from ..text import NAME, Tekst, tekst

BUNDLED = {"bokmal": PACKAGE_DATA / "programme.nb.toml",
           "nynorsk": PACKAGE_DATA / "programme.nn.toml"}


FEATURES = frozenset({
    # The guide's adaptations (documents/tilpasninger.py shows them in the plan)
    "slekt_og_nettverk", "andre_barn_i_fosterhjemmet", "frivillig_plassering",
    "midlertidig_plassering", "barn_uten_egne_samtaler", "krevende_samarbeid",
    "lang_reisevei",
    # Case features programme data can turn on
    "en_fosterforelder", "ingen_andre_barn", "barn_fra_12_ar", "skolebarn",
    "foreldrene_har_takket_ja", "felles_mote_planlagt",
})
"""Every name CaseContext.adaptations can give: what Seksjon.gjelder, Tema.tittel_ved,
Lovhjemmel.gjelder / ikke_ved and Programme.ordlyd_ved may name. A name outside it (a typo in
a municipality's programme file) would never apply, so load refuses it."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Seksjon(_Model):
    tittel: str
    sporsmal: list[str] = Field(default_factory=list)
    gjelder: str | None = None
    """An adaptation or case feature this section belongs to (FEATURES,
    CaseContext.adaptations); shown only when the case has it."""
    fra_alder: int | None = None
    """The youngest age (the child's, at the move) this section is for; til_alder: the
    oldest. A section of the child's conversations worded for an age band (a child of 12
    is a party to the case and may complain): the same title once per band. A child of
    unknown age counts as young, as for letters."""
    til_alder: int | None = None
    i_brev: str | None = None
    """How an invitation names this section among what the conversation also takes up
    (tema.tillegg), when its title reads as a condition («Når plasseringen er frivillig»):
    «hva det betyr at plasseringen er frivillig». Without it, the title."""
    kontakt: Literal["forste", "etter_forste"] | None = None
    """A theme with several contacts (the move follow-up): a section for the party's first
    contact only ("forste"), or for the later ones only ("etter_forste"); none: for
    every one."""
    forste_kontakt: list[str] = Field(default_factory=list)
    """Questions of sporsmal asked at the party's first contact only (accepting the
    programme, setting the dates): the later contacts' minutes leave them out."""
    sporsmal_for: list[str] = Field(default_factory=list)
    """The questions as the release before said them, when one has been reworded: one for
    each of sporsmal, in its order (none: as now). Minutes made with them that someone is
    writing in keep their issue, with no copy «(ny versjon)» beside them; minutes nobody
    has written in are made again in the new words (documents/referat.py, the minutes'
    «sporsmal_for»: rendering/former_releases.py FORMER_TITLE), as Tema.i_brev_for for letters."""


class Tema(_Model):
    nummer: int = Field(ge=0)
    tittel: str
    tittel_ved: dict[str, str] = Field(default_factory=dict)
    """The title for a case with an adaptation (the names of Seksjon.gjelder): adaptation ->
    title, the first one the case has used (Programme.for_case). «Hvorfor måtte barnet
    flytte?» reads as forced to parents whose child is placed voluntarily; their plan,
    letters and minutes say «Hvorfor flyttet barnet?» (frivillig_plassering). The theme's
    number, which the state keys rest on, stays."""
    formal: str
    """The purpose, for the contact person: printed in the plan and the minutes only."""
    i_brev: str = ""
    """What the conversation is about, said to its reader (du/dere): printed in letters.
    «{barn}» in it is the child's first name (CaseContext.child_named)."""
    i_brev_for: list[str] = Field(default_factory=list)
    """What i_brev said in releases before, when it has been reworded: an invitation issued
    with those words keeps its issue, its date and its mark as sent, and is made again in
    the new words (rendering/prepare.py), rather than issued anew to send again."""
    verktoy: list[str] = Field(default_factory=list)
    seksjoner: list[Seksjon] = Field(default_factory=list)


class Part(_Model):
    id: str
    navn: str
    spor: str
    beskrivelse: str = ""
    beskrivelse_fortid: str = ""
    """The description told in the past, for the plan made after the programme's last day
    («Samtalene skulle tilpasses alder og modenhet»); without it, the plan keeps
    beskrivelse."""
    videre_oppfolging: list[str] = Field(default_factory=list)
    temaer: list[Tema]

    def tema(self, nummer: int) -> Tema:
        for tema in self.temaer:
            if tema.nummer == nummer:
                return tema
        raise KeyError(nummer)

    @property
    def siste_tema(self) -> Tema:
        return max(self.temaer, key=lambda t: t.nummer)


class Vurderingssporsmal(_Model):
    id: str
    tekst: str


class Lovhjemmel(_Model):
    id: str
    tittel: str
    hjemmel: str
    gjelder: str | None = None
    """An adaptation (as Seksjon.gjelder) this plan belongs to: listed only when the case has
    it (the action plan, for a voluntary placement)."""
    ikke_ved: str | None = None
    """An adaptation under which this plan is not made: left out when the case has it (the
    care plan, for a voluntary placement)."""

    def applies(self, active: set[str]) -> bool:
        """Whether a case with these adaptations has this plan."""
        return (self.gjelder is None or self.gjelder in active) and self.ikke_ved not in active


def for_age(section: Seksjon, age: int | None) -> bool:
    """Whether a section is for a child of this age (None: not known, counted as young)."""
    age = age or 0
    return (section.fra_alder is None or age >= section.fra_alder) and (
        section.til_alder is None or age <= section.til_alder)


class SidenSist(_Model):
    """The minutes' section after the conversation's plan on what the journal recorded
    after the party's conversation before (documents/referat.py _since_last): the need for
    support and the follow-up from its assessment, and how it has gone since. Shown only
    when the journal has something in them."""

    tittel: str
    innledning: str
    """The lead-in naming that conversation: {tema} (its theme, «tema 1 «Den nye
    familien»») and {dato} (the day it was held)."""
    vurderinger: dict[str, str]
    """The assessment answers shown (the ids of vurderingssporsmal), each with its label,
    in this order."""
    sporsmal: list[str] = Field(default_factory=list)


class Programme(_Model):
    versjon: int = 1
    malform: str = Field("bokmal", pattern="^(bokmal|nynorsk)$")
    """The written standard the file is in (data/programme.nn.toml is nynorsk)."""
    navn: str
    beskrivelse: str = ""
    vurderingssporsmal: list[Vurderingssporsmal]
    lovhjemler: list[Lovhjemmel] = Field(default_factory=list)
    parter: list[Part]
    ordlyd_ved: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Words said otherwise in a case with an adaptation: adaptation -> {words: instead}, in
    order, in the sections' titles and questions and the parts' descriptions
    (CaseContext.in_case_words). «at barnet måtte flytte» reads as forced to parents whose
    child is placed voluntarily: «at barnet flyttet»."""
    ordlyd_for: dict[str, str] = Field(default_factory=dict)
    """Words reworded in this release: {words now: as the release before said them}, in the
    themes' purposes and the sections' questions. Minutes made with the words before that
    someone is writing in keep their issue, with no copy «(ny versjon)» beside them; minutes
    nobody has written in are made again in the new words (documents/referat.py, the theme
    as the release before said it: CaseContext.tema_context former). Any text of those the
    minutes show, so a rewording is a line here, not a new key: the words now written long
    enough to stand only where they were reworded (nynorsk «vi avtalar konkret», which said
    the bokmål «avtaler»)."""
    siden_sist: SidenSist | None = None
    """The minutes' section on what the journal recorded after the conversation before;
    none: the minutes have no such section."""

    def said_before(self, text: str) -> str:
        """text as the release before said it (ordlyd_for)."""
        for now, was in self.ordlyd_for.items():
            text = text.replace(now, was)
        return text

    def unused_rewordings(self) -> list[str]:
        """The words of ordlyd_for (as they read now) that stand in no theme's purpose nor
        any section's question: a line that changes nothing (a typo, or words reworded
        again), which `check` warns of."""
        texts = [text for part in self.parter for tema in part.temaer
                 for text in (tema.formal, *(q for s in tema.seksjoner for q in s.sporsmal))]
        return [now for now in self.ordlyd_for if not any(now in text for text in texts)]

    def reworded(self, tema: Tema) -> bool:
        """Whether the theme's purpose or questions said otherwise in the release before
        (Seksjon.sporsmal_for, ordlyd_for): its minutes then ask what they said."""
        return any(s.sporsmal_for for s in tema.seksjoner) or any(
            now in text for now in self.ordlyd_for
            for text in (tema.formal, *(q for s in tema.seksjoner for q in s.sporsmal)))

    def part(self, part_id: str) -> Part:
        for part in self.parter:
            if part.id == part_id:
                return part
        raise KeyError(part_id)

    def for_case(self, adaptations: set[str]) -> Programme:
        """The programme as a case with these adaptations reads it: each theme under its
        title for the first of them it has one for (Tema.tittel_ved); the same programme
        when no title changes."""
        def titled(tema: Tema) -> Tema:
            title = next((t for key, t in tema.tittel_ved.items() if key in adaptations),
                         tema.tittel)
            return tema if title == tema.tittel else tema.model_copy(update={"tittel": title})

        parts = [part.model_copy(update={"temaer": [titled(t) for t in part.temaer]})
                 if any(k in adaptations for t in part.temaer for k in t.tittel_ved) else part
                 for part in self.parter]
        if all(new is old for new, old in zip(parts, self.parter, strict=True)):
            return self
        return self.model_copy(update={"parter": parts})


def source(settings: Settings, malform: str) -> Path:
    """The programme file a case in this standard uses: the municipality's own in that
    standard, else its own in the other standard (a fallback `check` reports), else bundled."""
    own = settings.programme_files
    if malform in own:
        return own[malform]
    for other in MALFORMER:
        if other in own:
            return own[other]
    return BUNDLED[malform]


def for_malform(settings: Settings, malform: str) -> Programme:
    """The programme of documents in this standard; a file that cannot be loaded is said in
    the standard of the service's messages."""
    try:
        return _load_cached(source(settings, malform))
    except ConfigError as exc:
        exc.malform = settings.messages_malform
        raise


@lru_cache(maxsize=16)
def _load_cached(path: Path) -> Programme:
    return load(path)


def structure_differences(a: Programme, b: Programme, said: Tekst | None = None) -> list[str]:
    """Where two programmes (a: the bokmål documents', b: the nynorsk ones') differ in what
    the plan and minutes are made of: parties, themes, sections, assessment questions, and
    the minutes' section on what was recorded since last time (siden_sist: in both or
    neither, showing the same assessments and as many questions), in said's words. Texts
    differ between written standards; the structure may not."""
    said = said or tekst()
    def shape(p: Programme):
        return ([q.id for q in p.vurderingssporsmal],
                [(part.id, [(t.nummer, bool(t.i_brev),
                             [(s.gjelder, s.fra_alder, s.til_alder, s.kontakt,
                               len(s.sporsmal),
                               [i for i, q in enumerate(s.sporsmal)
                                if q in s.forste_kontakt])
                              for s in t.seksjoner])
                            for t in part.temaer]) for part in p.parter])
    (qa, pa), (qb, pb) = shape(a), shape(b)
    problems = []
    if qa != qb:
        problems.append(said("malmappe.ulike_sporsmal"))
    for (part_a, themes_a), (part_b, themes_b) in zip(pa, pb, strict=False):
        if part_a != part_b:
            problems.append(said("malmappe.ulike_parter", a=part_a, b=part_b))
        elif themes_a != themes_b:
            problems.append(said("malmappe.ulike_tema", part=part_a))
    if len(pa) != len(pb):
        problems.append(said("malmappe.ulikt_antall"))
    problems += _since_last_differences(a.siden_sist, b.siden_sist, said)
    return problems


def _since_last_differences(a: SidenSist | None, b: SidenSist | None, said: Tekst) -> list[str]:
    """Where the two programmes' siden_sist differ (structure_differences): a municipality's
    own section in one standard's file and not the other's, or other assessments or
    questions in it; bokmål's minutes would show what nynorsk ones do not."""
    if a is None or b is None:
        only = [(s, m) for s, m in ((a, MALFORMER[0]), (b, MALFORMER[1])) if s is not None]
        return [said("malmappe.siden_sist_bare", tittel=s.tittel, malform=NAME[m])
                for s, m in only]
    if list(a.vurderinger) != list(b.vurderinger) or len(a.sporsmal) != len(b.sporsmal):
        return [said("malmappe.ulik_siden_sist")]
    return []


PROBLEMS = {
    "missing": "mangler",
    "extra_forbidden": "ukjent_nokkel",
    "string_type": "tekst",
    "int_type": "heltall",
    "int_parsing": "heltall",
    "bool_type": "sann_usann",
    "list_type": "liste",
    "dict_type": "tabell",
    "model_type": "tabell",
    "literal_error": "verdi",
}
"""pydantic's problem kinds, said as check says a mapping file's ([konfig] programfil_<key>);
others in pydantic's own words (programfil_annet)."""


def load(path: Path | None = None) -> Programme:
    path = Path(path) if path else BUNDLED["bokmal"]
    try:
        raw = tomllib.loads(path.read_bytes().decode("utf-8-sig"))  # a BOM is UTF-8 too
        programme = Programme.model_validate(raw)
    except FileNotFoundError:
        raise ConfigError.said("programfil_finnes_ikke", fil=path) from None
    except UnicodeDecodeError:
        raise ConfigError.said("programfil_tegnkoding", fil=path.name) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError.said("programfil_syntaks", fil=path.name, feil=exc) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        kind = PROBLEMS.get(first["type"], "annet")
        raise ConfigError.said(f"programfil_{kind}", fil=path.name, hvor=where,
                               feil=first["msg"]) from None
    named = [(f"ordlyd_ved.{key}", key) for key in programme.ordlyd_ved] + [
        (f"lovhjemler «{h.tittel}»", key) for h in programme.lovhjemler
        for key in (h.gjelder, h.ikke_ved) if key] + [
        (f"{part.id}, tema {tema.nummer}", key) for part in programme.parter
        for tema in part.temaer
        for key in [*tema.tittel_ved, *(s.gjelder for s in tema.seksjoner if s.gjelder)]]
    for where, key in named:
        if key not in FEATURES:
            raise ConfigError.said("programfil_tilpasning", fil=path.name, hvor=where,
                                   navn=key, kjente=", ".join(sorted(FEATURES)))
    since = programme.siden_sist
    if since is not None:
        known = [q.id for q in programme.vurderingssporsmal]
        unknown = [key for key in since.vurderinger if key not in known]
        if unknown:
            raise ConfigError.said("programfil_siden_sist", fil=path.name, navn=unknown[0],
                                   kjente=", ".join(known))
        try:
            since.innledning.format(tema="", dato="")
        except (KeyError, IndexError, ValueError):
            raise ConfigError.said("programfil_siden_sist_innledning", fil=path.name,
                                   tekst=since.innledning) from None
    for part in programme.parter:
        numbers = [t.nummer for t in part.temaer]
        if sorted(numbers) != list(range(len(numbers))):
            raise ConfigError.said("programfil_nummer", fil=path.name, part=part.id)
        for tema in part.temaer:
            for seksjon in tema.seksjoner:
                unknown = [q for q in seksjon.forste_kontakt if q not in seksjon.sporsmal]
                if unknown:
                    raise ConfigError.said("programfil_forste_kontakt", fil=path.name,
                                           seksjon=seksjon.tittel, sporsmal=unknown[0])
                if seksjon.sporsmal_for and \
                        len(seksjon.sporsmal_for) != len(seksjon.sporsmal):
                    raise ConfigError.said("programfil_sporsmal_for", fil=path.name,
                                           seksjon=seksjon.tittel,
                                           antall=len(seksjon.sporsmal_for),
                                           sporsmal=len(seksjon.sporsmal))
    return programme
