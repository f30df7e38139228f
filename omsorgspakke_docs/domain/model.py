"""The canonical case: one child in Omsorgspakken, as every adapter delivers it.

Field names are the programme's Norwegian vocabulary (barn, foreldre, fosterfamilie, ...),
the same names the templates and mapping files use. Every field is optional except the case
key, because exports carry very different subsets (the SSB export has no names at all); what
a document needs but the case lacks is shown in the document as missing, never left blank.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from . import legal_basis
from .idnumber import birth_date

FORMAT: Final = "omsorgspakke-sak/1"

PartId = Literal["barnet", "foreldre", "fosterfamilien"]
Malform = Literal["bokmal", "nynorsk"]
Forsendelse = Literal["digitalt", "post"]
"""How letters reach a person: digitalt (SvarUt/Digipost, which post them to those reserved
against digital mail) or post."""
FORSENDELSE_DESCRIPTION = ("How letters to this person are sent: digitalt or post; "
                           "none: the setting [documents] delivery_default")
REFERANSE_DESCRIPTION = ("The reference these readers gave the service (their own case number, "
                         "a lawyer's reference): «Deres ref.» in letters to them; none: the "
                         "letters have no such line")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Person(_Model):
    fornavn: str | None = None
    etternavn: str | None = None
    telefon: str | None = None
    epost: str | None = None

    @property
    def navn(self) -> str | None:
        parts = [p for p in (self.fornavn, self.etternavn) if p]
        return " ".join(parts) or None


class Adresse(_Model):
    adresse: str | None = None
    postnummer: str | None = None
    poststed: str | None = None


class Barn(Person):
    fodselsnummer: str | None = Field(None, description="11 digits; fødselsnummer or D-number")
    fodselsdato: date | None = None
    kjonn: Literal["gutt", "jente", "ukjent"] | None = None
    sprak: str | None = Field(None, description="Preferred language, if not Norwegian")
    tolk: bool | None = Field(None, description="Needs an interpreter")
    forsendelse: Forsendelse | None = Field(
        None, description="How letters written to the child are sent: digitalt or post; none: "
                          "the setting [documents] delivery_child")

    @property
    def fodt(self) -> date | None:
        """The birth date: fodselsdato, or else read from the identity number. Every adapter's
        case has it this way, whichever of the two its export carries."""
        if self.fodselsdato is not None:
            return self.fodselsdato
        return birth_date(self.fodselsnummer) if self.fodselsnummer else None

    def alder(self, on: date) -> int | None:
        """Age in whole years on a day; None when the birth date is not known."""
        born = self.fodt
        if born is None:
            return None
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class Plasseringstype(str, Enum):  # noqa: UP042 - str() and JSON give the code as it stands
    """SSB measure categories 2.1-2.6 (foster homes) and 2.99 (other foster-home measures)."""

    fosterhjem_familie_nettverk = "2.1"
    fosterhjem_utenfor_nettverk = "2.2"
    spesialisert_fosterhjem = "2.3"
    fosterhjem_bvl_6_3 = "2.4"
    beredskapshjem = "2.5"
    midlertidig_hjem_nettverk = "2.6"
    annet_fosterhjemstiltak = "2.99"


NETWORK_CATEGORIES = {"2.1", "2.6"}


class Plassering(_Model):
    startdato: date | None = None
    sluttdato: date | None = None
    kategori: Plasseringstype | None = None
    i_familie_og_nettverk: bool | None = Field(
        None, description="Placed with family or network (slekt og nettverk)"
    )
    lovhjemmel: str | None = Field(None, description="Legal basis as written, e.g. 'bvl. § 5-1'")
    frivillig: bool | None = Field(None, description="Voluntary placement (not a care order)")
    midlertidig: bool | None = None
    samvaer_bestemt: bool | None = Field(
        None, description="Contact (samvær) with parents or others has been decided "
                          "(barnevernsloven § 7-2); None: unknown, a care order implies it")

    @property
    def er_frivillig(self) -> bool:
        """Voluntary: frivillig as the export says, else read from the legal basis."""
        if self.frivillig is not None:
            return self.frivillig
        return bool(legal_basis.voluntary(legal_basis.paragraph(self.lovhjemmel)))

    @property
    def er_midlertidig(self) -> bool:
        if self.midlertidig is not None:
            return self.midlertidig
        return bool(legal_basis.temporary(legal_basis.paragraph(self.lovhjemmel)))

    @property
    def er_i_nettverk(self) -> bool:
        if self.i_familie_og_nettverk is not None:
            return self.i_familie_og_nettverk
        return self.kategori is not None and self.kategori.value in NETWORK_CATEGORIES


class Forelder(Person, Adresse):
    rolle: str | None = Field(None, description="mor, far, medmor, ...")
    sprak: str | None = Field(None, description="Preferred language, if not Norwegian")
    tolk: bool | None = Field(None, description="Needs an interpreter")
    takker_ja: bool | None = Field(
        None, description="Accepts the programme; None while not yet asked"
    )
    bor_sammen_med_annen_forelder: bool | None = None
    lang_reisevei: bool | None = Field(
        None, description="A long journey to the service: offered digital or local meetings")
    malform: Malform | None = Field(
        None, description="The written standard this parent asked for in letters (bokmal, "
                          "nynorsk); None: the municipality's"
    )
    nytt_tilbud: date | None = Field(
        None, description="When the programme was last offered again after the parent declined")
    deltar_fra: date | None = Field(
        None, description="The day this parent began taking part, when it was after the case "
                          "was first read (they declined first, or came into the journal "
                          "later); set when it happens, kept with the case. None: from the "
                          "start")
    takket_nei: date | None = Field(
        None, description="The day this parent was first seen declining after taking part "
                          "(or before being asked): set by the run that first reads it (the "
                          "export's date, when it has one), kept with the case. None: "
                          "declined from the start, or taking part")
    forsendelse: Forsendelse | None = Field(None, description=FORSENDELSE_DESCRIPTION)
    referanse: str | None = Field(None, description=REFERANSE_DESCRIPTION)


class Fosterfamilie(Adresse):
    fosterforeldre: list[Person] = Field(default_factory=list)
    andre_barn: int | None = Field(None, description="Other children living in the foster home")
    malform: Malform | None = Field(
        None, description="The written standard the foster parents asked for in letters "
                          "(bokmal, nynorsk); None: the municipality's"
    )
    forsendelse: Forsendelse | None = Field(None, description=FORSENDELSE_DESCRIPTION)
    referanse: str | None = Field(None, description=REFERANSE_DESCRIPTION)
    fra: date | None = Field(
        None, description="Kept by the program, not read from an export: the day the child "
                          "moved to this foster home, when an export named other foster "
                          "parents than the case had (foster_home.moved). None: from the "
                          "start")


class Kontaktperson(Person):
    tittel: str | None = None


class Tjeneste(Adresse):
    """adresse, postnummer, poststed: the postal address."""

    navn: str | None = Field(None, description="Name of the child welfare service")
    besoksadresse: str | None = Field(
        None, description="Visiting address, when it is not the postal address")
    kommunenavn: str | None = None
    kommunenummer: str | None = None
    telefon: str | None = None
    epost: str | None = None


PLAN_TYPES: dict[str, str] = {
    "omsorgsplan": "barnevernsloven § 8-3",
    "tiltaksplan": "barnevernsloven § 8-1",
    "samvaersplan": "barnevernsloven § 7-6",
    "individuell_plan": "barnevernsloven § 15-9",
    "oppfolging_fosterfamilie": "fosterhjemsforskriften § 9",
}
"""The plan types the programme knows, with their legal basis. Other types are kept as written
(a vendor may have its own), but no rule counts them."""


class Plan(_Model):
    """A plan in the case: made (startdato), evaluated (evaluert), ended (sluttdato)."""

    type: str = Field(description="omsorgsplan (§ 8-3), tiltaksplan (§ 8-1), samvaersplan "
                                   "(§ 7-6), individuell_plan (§ 15-9), oppfolging_fosterfamilie "
                                   "(fosterhjemsforskriften § 9), or the journal's own name")
    startdato: date | None = Field(None, description="When the plan was made")
    evaluert: list[date] = Field(default_factory=list, description="Every evaluation date")
    sist_evaluert: date | None = Field(
        None, description="The latest evaluation: always the newest date in evaluert; a mapping "
                          "file whose report has one 'last evaluated' column sets this one")
    sluttdato: date | None = None

    @model_validator(mode="after")
    def _latest_evaluation(self) -> Plan:
        if self.sist_evaluert is not None and self.sist_evaluert not in self.evaluert:
            self.evaluert = [*self.evaluert, self.sist_evaluert]
        self.evaluert = sorted(set(self.evaluert))
        self.sist_evaluert = max(self.evaluert, default=None)
        return self

    def running(self, today: date) -> bool:
        return self.sluttdato is None or self.sluttdato >= today


class Besok(_Model):
    dato: date
    status: Literal["planlagt", "gjennomfort"] = "gjennomfort"


class Fagsystemet(_Model):
    """What the journal's latest export said of a conversation that returned minutes say was
    held (merge.journal_word): planned or cancelled is a finding (the journal has not caught
    up); never planned by."""

    status: Literal["planlagt", "gjennomfort", "avlyst"]
    dato: date
    eksportert: date | None = Field(
        None, description="The date of the export that said so; none for an export without one")


DIGITAL_FORMS = ("digitalt", "video", "telefon")
"""The journal's words (Samtale.motform) for a conversation held without meeting in person."""


class Samtale(_Model):
    """A conversation the journal already knows about: its date wins over a computed one."""

    part: PartId
    tema: int = Field(ge=0, description="0 = Oppfølging i flytteprosessen")
    nummer: int = Field(1, ge=1, description="Which contact within theme 0")
    forelder: int | None = Field(
        None, ge=0,
        description="Parents living apart: which parent's own conversation (index into "
                    "foreldre, from 0); none when the parents share it or for other parties")
    dato: date
    klokkeslett: str | None = Field(None, pattern=r"^\d{2}:\d{2}$")
    status: Literal["planlagt", "gjennomfort", "avlyst"] = "planlagt"
    motform: Literal["oppmote", "digitalt", "video", "telefon"] | None = Field(
        None, description="How the journal says the conversation is held: oppmote (met in "
                          "person), or digitalt, video or telefon (no one travels); none: "
                          "where the party is usually met")
    deltakere: list[str] = Field(
        default_factory=list, description="Who took part, as written in the returned minutes"
    )
    referat_mottatt: bool | None = Field(
        None, description="True when the written minutes came back through the inbox"
    )
    referat_lagret: datetime | None = Field(
        None, description="When the returned minutes were last saved (the Word file's "
                          "modified time, when its editor set one): an older copy that comes "
                          "back later is refused, not taken over them")
    fagsystemet: Fagsystemet | None = Field(
        None, description="Kept by the program, not read from an export: the journal's last "
                          "export had this conversation, held according to its returned "
                          "minutes, as planned or cancelled on this day")

    @property
    def identity(self) -> tuple[str, int, int, int | None]:
        """Which conversation this is, across exports and returned minutes (the merge's
        LIST_IDENTITY for samtaler): party, theme, contact and parent."""
        return self.part, self.tema, self.nummer, self.forelder

    @property
    def digital(self) -> bool:
        """Held on video or the telephone, as the journal says (motform): nobody travels
        to it, and the contact person needs no travel time to or from it."""
        return self.motform in DIGITAL_FORMS

    @field_validator("referat_lagret")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        """Comparable with any other: a time without a zone is taken as UTC."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Vurdering(_Model):
    """The contact person's assessment after one theme with one party."""

    part: PartId
    tema: int = Field(ge=0)
    forelder: int | None = Field(
        None, ge=0,
        description="Parents living apart: whose conversation was assessed (index into "
                    "foreldre, from 0); none when the parents share it or for other parties")
    dato: date | None = None
    positivt: str | None = None
    behov_for_stotte: str | None = None
    dekkes_av_oppfolging: str | None = None

    def gjelder(self, part: str, tema: int, forelder: int | None, case: Case) -> bool:
        """Whether this assessment is of that conversation: one that names no parent counts
        for the parents taking part on its date (Case.credited), as a journal entry does;
        one parent's is not the other's."""
        return (self.part, self.tema) == (part, tema) and case.credited(
            forelder, self.forelder, self.dato)

    def of_conversation(self, conv: Any, case: Case) -> bool:
        """Whether this assessment is of that very conversation (a planned one: part, tema,
        forelder, dato): of its party and theme (gjelder), and where the theme has several
        conversations (the move follow-up's contacts, tema 0), of the one held on its date.
        One contact's minutes say nothing of the others'."""
        return self.gjelder(conv.part, conv.tema, conv.forelder, case) and (
            conv.tema > 0 or self.dato is None or self.dato == conv.dato)


class TidligereFosterhjem(Adresse):
    """A foster home the child lived in before this one (foster_home.moved): who the foster
    parents were, where, until when, and the foster family's conversations and assessments
    held with them (the new family starts on the foster family's themes)."""

    fosterforeldre: list[Person] = Field(default_factory=list)
    til: date = Field(description="The day the child moved on (the next home's fra)")
    samtaler: list[Samtale] = Field(default_factory=list)
    vurderinger: list[Vurdering] = Field(default_factory=list)
    besok: list[Besok] | None = Field(
        None, description="The follow-up visits planned with them (the journal's, and the "
                          "plan's) for the day of the move or after: off, not the new "
                          "home's (foster_home.settle_visits). None: not yet settled")


class FeilregistrertFosterhjem(Adresse):
    """A foster home the journal registered for the child by mistake and corrected back to
    the home before it (foster_home.moved): who the foster parents were, where, the day the
    registration was first read (fra) and the day the correction was (til). The child never
    lived there; letters sent to them in between are off (documents/sending.py)."""

    fosterforeldre: list[Person] = Field(default_factory=list)
    fra: date = Field(description="The day the export naming them was first read")
    til: date = Field(description="The day the export correcting it was first read")


class RettetNavn(_Model):
    """The child's, a parent's or a foster parent's name whose spelling the journal
    corrected (the same person, domain/spelling.py): the name as spelt now, and the first
    and last name as spelt before. Letters issued under the name before keep their issue
    (rendering/prepare.py)."""

    navn: str = Field(description="The name as the journal spells it now")
    fornavn: str | None = Field(None, description="The first name as spelt before")
    etternavn: str | None = Field(None, description="The last name as spelt before")


class Case(_Model):
    format: Literal["omsorgspakke-sak/1"] = FORMAT
    kommunenummer: str | None = Field(None, pattern=r"^\d{4}$")
    bydel: str | None = Field(
        None, pattern=r"^\d{2}$",
        description="District number (bydelsnummer) where the municipality has districts with "
                    "their own journal (Oslo): journal numbers are unique per district only")
    journalnummer: str | None = None
    kilde: str | None = Field(None, description="Adapter that read the case (set by the reader)")
    eksportert: date | None = Field(None, description="Date of the export, used when merging")
    sluttdato: date | None = Field(
        None, description="When the journal closed the case (the case, not only a measure)")
    ingen_sluttdato: dict[Literal["sluttdato", "plassering.sluttdato"], date] | None = Field(
        None,
        description="Kept by the program, not read from an export: the end dates the newest "
                    "export that gave them had empty (the case or placement open, or opened "
                    "again), each with that export's date (for one without, the day its file "
                    "was last written): an older export that has the end does not close it "
                    "again")
    tjeneste: Tjeneste = Field(default_factory=Tjeneste)
    barn: Barn = Field(default_factory=Barn)
    plassering: Plassering = Field(default_factory=Plassering)
    foreldre: list[Forelder] = Field(default_factory=list)
    fosterfamilie: Fosterfamilie = Field(default_factory=Fosterfamilie)
    kontaktperson: Kontaktperson = Field(default_factory=Kontaktperson)
    samarbeidsklima: Literal["godt", "krevende", "konflikt"] | None = Field(
        default=None,
        description="Cooperation climate between parents and foster family: a demanding or "
                    "conflicted one makes the joint meeting optional")
    planer: list[Plan] = Field(default_factory=list)
    oppfolgingsbesok: list[Besok] = Field(default_factory=list)
    samtaler: list[Samtale] = Field(default_factory=list)
    vurderinger: list[Vurdering] = Field(default_factory=list)
    tidligere_fosterhjem: list[TidligereFosterhjem] = Field(
        default_factory=list,
        description="Kept by the program, not read from an export: the foster homes the "
                    "child lived in before this one during the programme, oldest first")
    feilregistrert_fosterhjem: list[FeilregistrertFosterhjem] = Field(
        default_factory=list,
        description="Kept by the program, not read from an export: foster homes the journal "
                    "registered by mistake and corrected before anything was held with them, "
                    "oldest first")
    rettede_navn: list[RettetNavn] | None = Field(
        None,
        description="Kept by the program, not read from an export: the names of the child, "
                    "parents and foster parents whose spelling the journal corrected, each "
                    "with its spelling before, while it is the name the journal has")

    @property
    def key(self) -> str | None:
        """Identity across exports: municipality (and district) + journal number, else the
        identity number (unique in the whole country)."""
        return case_key(self.kommunenummer, self.bydel, self.journalnummer,
                        self.barn.fodselsnummer)

    def credited(self, forelder: int | None, named: int | None, on: date | None) -> bool:
        """Whether a journal entry (a conversation, an assessment) naming parent `named`
        (None: no parent), dated `on`, counts for parent `forelder`'s own track (None: a
        shared track, or another party). A parent is credited only with conversations they
        took part in: their own, and those that name no parent from the day they began
        taking part (Forelder.deltar_fra; an entry without a date counts)."""
        if forelder is None or named is not None:
            return forelder is None or named == forelder
        joined = self.foreldre[forelder].deltar_fra if forelder < len(self.foreldre) else None
        return joined is None or on is None or on >= joined

    def parents_at(self, entry: Samtale) -> list[int] | None:
        """Which parents a parents' journal entry was with, for parents with tracks of their
        own (parents living apart): the one it names; else those taking part on its date
        (Case.credited) when it is an appointment, or when only one was taking part; else,
        held with two or more taking part, those its participants name (deltakere: by first
        name or role, or «foreldrene» for both). None: held, and neither the entry nor its
        participants say with whom; it is no parent's until the contact person registers it.
        Held, the parents its participants name come first, also one who has declined since:
        a conversation the mother alone was at is hers, not the father's when she declines."""
        if entry.forelder is not None:
            return [entry.forelder]
        credited = [i for i in range(len(self.foreldre)) if self.credited(i, None, entry.dato)]
        taking_part = [i for i in credited if self.took_part_on(i, entry.dato)]
        if entry.status != "gjennomfort":
            return taking_part
        named = [i for i in self.parents_named(entry.deltakere) if i in credited]
        if named or len(taking_part) >= 2:
            return named or None
        return taking_part

    def took_part_on(self, forelder: int, on: date | None) -> bool:
        """Whether parent forelder was taking part on day on: one who has not declined, or
        one who declined after it (Forelder.takket_nei): a later no does not rewrite what
        was held before it."""
        parent = self.foreldre[forelder]
        if parent.takker_ja is not False:
            return True
        return parent.takket_nei is not None and on is not None and on < parent.takket_nei

    def counts_for(self, forelder: int | None, entry: Samtale) -> bool:
        """Whether a journal entry of a conversation counts for parent forelder's own track
        (None: a shared track, or another party: every entry of the party does)."""
        if forelder is None:
            return True
        found = self.parents_at(entry)
        return found is not None and forelder in found

    def minutes_of(self, conv: Any) -> list[Samtale]:
        """The journal entries saying a planned conversation's minutes came back
        (referat_mottatt, from the journal or returned minutes): of its party, theme, contact
        and parent; an entry that names no parent counts for the parents who took part
        (counts_for)."""
        return [s for s in self.samtaler if s.referat_mottatt
                and (s.part, s.tema, s.nummer) == (conv.part, conv.tema, conv.nummer)
                and s.forelder in (None, conv.forelder) and self.counts_for(conv.forelder, s)]

    def parents_named(self, participants: list[str]) -> list[int]:
        """The parents a list of participants names: by a first name, by the role the journal
        gives them (parent_roles: «mor», «moren», «mora»), or all of them as «foreldrene»."""
        words = participant_words(participants)
        if words & set(BOTH_PARENTS):
            return list(range(len(self.foreldre)))
        found = []
        for index, (parent, role) in enumerate(zip(self.foreldre, self.parent_roles(),
                                                   strict=True)):
            names = {w.casefold() for w in (parent.fornavn or "").split()}
            if role:
                role = role.casefold()
                names |= {role, role + "en", role + "a"}
            if words & names:
                found.append(index)
        return found

    def parent_roles(self) -> list[str | None]:
        """What tells each parent apart in file names and findings, never a name: the role
        the journal gives ("mor", "far"), unless another parent has the same one; None where
        a parent is told apart by number instead ("forelder 2")."""
        roles = [(f.rolle or "").strip() for f in self.foreldre]
        folded = [r.casefold() for r in roles]
        return [r if r and folded.count(r.casefold()) == 1 else None for r in roles]


BOTH_PARENTS = ("foreldrene", "foreldra", "foreldre")
"""How minutes name both parents among the participants (bokmål, nynorsk)."""


def participant_words(participants: list[str]) -> set[str]:
    """The words of a list of participants as written in minutes («Camilla (mor)», «barnet»),
    folded, for telling who took part."""
    return {w.strip("().,:;-").casefold() for text in participants for w in text.split()}


def case_key(kommunenummer: str | None, bydel: str | None, journalnummer: str | None,
             fodselsnummer: str | None) -> str | None:
    """Case.key from the fields it is made of (also read without the rest of the case:
    store/state.py CaseHead)."""
    if journalnummer:
        district = f"-{bydel}" if bydel else ""
        return f"{kommunenummer or '0000'}{district}:{journalnummer}"
    if fodselsnummer:
        return f"{kommunenummer or '0000'}:fnr:{fodselsnummer}"
    return None


def case_json_schema() -> dict:
    """The JSON Schema of the canonical case file, as published in docs/case-format.md."""
    schema = Case.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://omsorgspakke-docs.example/schema/case-1.json"
    return schema
