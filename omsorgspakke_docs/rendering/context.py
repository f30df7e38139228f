"""What templates see: the case, the programme and the plan as plain, printable values.

Everything a template prints is already a string in Norwegian form (dates as
"22. november 2026"). A value the case lacks is the visible placeholder "[mangler: ...]",
never an empty string, so a document made from an export without names says so plainly.
docs/templates.md lists every variable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from ..config import Settings, letterhead_of
from ..domain import compliance, foster_home
from ..domain import programme as programme_module
from ..domain.idnumber import case_notes
from ..domain.model import Case, Forelder, Person, Tjeneste
from ..domain.programme import Part, Programme, Tema, for_age
from ..intake.guards import printable
from ..planning import schedule
from ..planning.schedule import CasePlan, Conversation, Gap, too_young_for_conversations
from ..planning.workdays import kort_dato
from ..text import CODE, MISSING_RE, Tekst, tekst
from .one_parent import to_one_parent
from .watched_day import WatchedDay, unwatched

T = TypeVar("T")

if TYPE_CHECKING:
    from pathlib import Path, PurePosixPath

    from ..store.issued import Showing

MISSING = "[mangler: {}]"
"""The bokmål placeholder; a document in either standard uses its catalogue's (Tekst.missing)."""
SMALL_CHILD_AGE = 6
"""Under school age: a letter may suggest bringing a cuddly toy."""
ACCEPTED = "foreldrene_har_takket_ja"
"""The case feature: every parent taking part has said yes to the offer in the journal; in a
parent's own conversation, that parent has (CaseContext._tema)."""
SCHOOL_AGE = 7
"""At school, whatever the month of the move: the case feature «skolebarn» (the programme's
words of school and leisure, not kindergarten). A child of 6 may be at either."""
JOINT_MEETING_SET = "felles_mote_planlagt"
"""The case feature: the plan has set a joint meeting of the parents, the foster parents and
the service, and not only as an offer (a demanding cooperation climate): the foster family's
minutes ask what they want to raise there, not whether one is needed (the programme's
ordlyd_ved). Not when it is: the plan says that, and minutes naming the day would get a copy
«(ny versjon)» beside the one a caseworker is writing in each time the meeting moves. Not in
the words of the release before (CaseContext._tema former), which asked whether one is
needed."""
PARTY_AGE = 12
"""From 12 the child is a party to the case (barnevernsloven § 12-3): the case feature
«barn_fra_12_ar» for the programme's words (the child's sections use fra_alder = 12)."""
POSTAL_BOX = re.compile(r"\b(postboks|boks|pb\.?|p\.\s?b\.)\s*\d", re.IGNORECASE)
"""A postal box is never a meeting place."""
OWN_CHILDREN = re.compile(r"\be(?:i)?gne barn\b|\bbarna til fosterforeldra\b", re.IGNORECASE)
"""The foster parents' own children, in either standard: their group only when there are any."""


def text(value: Any, label: str, t: Tekst | None = None) -> str:
    """The value as printable text, or the visible placeholder for what is missing."""
    t = t or tekst()
    if value is None or (isinstance(value, str) and not value.strip()):
        return t.missing(label)
    if isinstance(value, date):
        return t.dato(value)
    # Control characters would corrupt the XML of a document: show them, don't pass them.
    return printable(str(value))


CHILD = "{barn}"
"""In a theme's i_brev (programme files): the child's first name (CaseContext.child_named)."""


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


def _position(title: str | None, t: Tekst) -> str:
    """The contact person's title after the row label "Kontaktperson" in a table: without the
    word itself, so "Kontaktperson, barnevernskonsulent" reads "barnevernskonsulent" there
    and the default title reads as nothing at all, not "Kari Berg, Kontaktperson"."""
    word = t("sak.kontaktperson_tittel")
    rest = re.sub(rf"^\s*{re.escape(word)}\b[\s,;:–-]*", "", printable(title or ""),
                  flags=re.IGNORECASE).strip()
    # After a name and a comma a title is a common noun: «Kari Berg, miljøterapeut», as a
    # journal's «Miljøterapeut» is written in running text (an acronym, «PMTO-terapeut»,
    # stays as it is).
    if rest[:1].isupper() and rest[1:2].islower():
        rest = rest[0].lower() + rest[1:]
    return rest


def _address(obj, who: str, t: Tekst) -> dict[str, str]:
    poststed = " ".join(x for x in (obj.postnummer, obj.poststed) if x) or None
    return {
        "adresse": text(obj.adresse, t("felt.adresse", hvem=who), t),
        "postnummer": text(obj.postnummer, t("felt.postnummer", hvem=who), t),
        "poststed": text(obj.poststed, t("felt.poststed", hvem=who), t),
        "postadresse": text(poststed, t("felt.postadresse", hvem=who), t),
    }


def _home_address(home: Any) -> str:
    """A foster home's address on one line: «Lia 22, 5997 Fjordvik»; "" without a street."""
    if not home.adresse:
        return ""
    return ", ".join(x for x in (home.adresse, " ".join(
        y for y in (home.postnummer, home.poststed) if y)) if x)


def forelder_context(f: Forelder, index: int, t: Tekst | None = None) -> dict[str, Any]:
    t = t or tekst()
    who = f.rolle or t("hvem.forelder", nummer=index)
    return {
        **_person(f, who, t),
        **_address(f, who, t),
        "rolle": text(f.rolle, t("felt.rolle"), t),
        "takker_ja": f.takker_ja,
        "takker_ja_tekst": t("sak.ikke_avklart" if f.takker_ja is None else
                             "sak.takket_ja" if f.takker_ja else "sak.takket_nei"),
        "nummer": index,
        "malform": malform_of(f.malform, t.malform),
    }


def malform_of(asked: str | None, default: str) -> str:
    """A recipient's own standard when they asked for one, else the municipality's."""
    return asked if asked in CODE else default


RENEWED_OFFERS = 12
"""Renewed offers (documents/nytt_tilbud.py) per parent at most: one a month over a year's
programme."""


FROM_THE_STATE = ("issued", "issued_as", "issued_last", "issued_earlier", "keep_issue",
                  "issued_replaces", "issued_dates_unknown", "issued_invited_only",
                  "issued_before", "made",
                  "in_use_from", "ours", "issued_first", "issued_told",
                  "issued_told_other_contact", "issued_keys", "issued_field")
"""What a run gives a case's context from the state: the same for its letters in another
standard (CaseContext.in_malform)."""


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
    _made: dict[tuple, Any] = field(default_factory=dict, repr=False)
    """Part, theme and conversation contexts built once (_once): every document of the
    case shares them, and prepare.py cleans and fingerprints a shared one once."""
    issued: Callable[[str, str], date] | None = None
    """(document key, digest of what it shows) -> the day it was issued (store/issued.py);
    None outside a run: today."""
    issued_as: Callable[..., tuple[date, str]] | None = None
    """(document key, what it shows, the same apart from its contact person for a letter
    naming one, an invitation's meeting) -> the day it was issued and the digest its
    fingerprint is made from (store/issued.py Issued.issue); None outside a run: today, as
    it is."""
    ours: Callable[[Path], bool] | None = None
    """A file in the case folder -> whether it holds what a run of ours wrote there (the
    ledger; absent counts as ours): what a document reads back from the folder (the
    calendar's entries gone from the plan, documents/kalender.py) only then. None outside a
    run: nothing is read back."""
    issued_last: Callable[[str], date | None] | None = None
    """Document key -> the day it was last issued (store/issued.py), None if never; None
    outside a run: every document is issued today."""
    issued_earlier: Callable[[str], tuple[date, Path] | None] | None = None
    """Document key -> for one issued anew made with another template or release: the day
    it was issued before, and where that document is (store/issued.py Issued.earlier)."""
    keep_issue: Callable[[str], tuple[date, str]] | None = None
    """Document key -> such a document reads as the one issued before: it keeps that issue
    (store/issued.py Issued.keep); returns as issued_as."""
    issued_replaces: Callable[..., date | None] | None = None
    """(invitation key, its meeting's day and time; or a letter's key, "", the dates it
    lists) -> the day the letter it replaces was issued (store/issued.py Issued.replaces);
    None outside a run: it replaces none."""
    issued_dates_unknown: Callable[..., bool] | None = None
    """(a letter's key, the dates it lists, the day it is issued or None) -> whether the
    letter it replaces (issued_replaces) was issued by a release that kept no dates, so the
    new one says only that it replaces it (store/issued.py Issued.dates_unknown)."""
    issued_invited_only: Callable[..., bool] | None = None
    """(a letter's key, the dates it lists) -> whether the letter it replaces
    (issued_replaces) differs only in who else is invited to the joint meeting, none of its
    dates (store/issued.py Issued.invited_only); None outside a run: never."""
    issued_new_contact: Callable[[str], bool] | None = None
    issued_first: Callable[[str], date | None] | None = None
    """Document key -> the day it was first made, if before this run (store/issued.py
    first_made); None outside a run."""
    """Document key -> whether the letter replaces one marked as sent that named another
    contact person (store/issued.py Issued.new_contact)."""
    issued_shows: Callable[[str, str], bool | None] | None = None
    """(document key, a top-level variable) -> whether the letter as kept shows that
    variable (store/issued.py Issued.shows), None for one not kept; None outside a run."""
    issued_field: Callable[[str, str], str | None] | None = None
    """(document key, a field's dotted path) -> the digest the letter as kept has of that
    field (store/issued.py Issued.field), None for one not kept so; None outside a run."""
    issued_told: Callable[[str, dict[str, str] | None, Any, tuple[str, ...]], bool] | None = None
    """(an invitation's key, what it shows field by field, the day the journal cancelled as
    letters gave it: store/issued.py GivenDay, whom it is addressed to: store/issued.py
    READERS) -> whether its reader was sent a letter giving that day (store/issued.py
    Issued.told); None outside a run: never."""
    issued_told_other_contact: Callable[[str, dict[str, str] | None, tuple[str, ...]],
                                        bool] | None = None
    """(a letter's key, what it shows field by field, whom it is addressed to) -> whether
    its reader was last sent a letter naming another contact person (store/issued.py
    Issued.told_other_contact); None outside a run: never."""
    issued_before: Callable[[str], str | None] | None = None
    """Document key -> the key it was kept under before its name changed (store/issued.py
    Issued.renamed), None if it was not renamed; None outside a run."""
    issued_keys: Callable[[], Collection[str]] | None = None
    """The keys of the documents kept as issued (store/issued.py Issued.keys): the names a
    case's documents were issued under, which file_title keeps; None outside a run."""
    made: dict[str, date] | None = None
    """Document key -> the day it was first made (store/issued.py), for the list to send
    (documents/sending.py); None where documents are made: they are being issued."""
    in_use_from: date | None = None
    """The day the service first made documents (store/issued.py in_use_from), with made."""
    named: Programme | None = None
    """The programme as its file has it, before the themes were titled for the case
    (Programme.for_case): what file names are made from (file_title)."""
    withdrawn: list[str] = field(default_factory=list)
    """Documents of the case folder a kind no longer makes and wants gone when nobody has
    written in them (documents/referat.py: minutes of a parent who declined): their paths
    in the case folder, removed after the run's documents are written as superseded
    invitations are (run/case_step.py)."""
    held_open: list[str] = field(default_factory=list)
    """Minutes of the case folder left as they are because Word or LibreOffice holds them
    open, where they would have been made again or removed: their paths, said in the log
    (run/case_step.py)."""
    kept_other_sex: list[PurePosixPath] | None = None
    """Minutes someone is writing in, kept as made, that say of the child what the journal
    no longer does (made while it had another sex: documents/referat.py
    kept_in_the_other_sex): their paths in the case folder, said once in the case's
    overview (documents/oversikt.py); None until worked out."""

    @property
    def malform(self) -> str:
        return self.t.malform

    def in_malform(self, malform: str) -> CaseContext:
        """The same case in another standard, for a letter to a recipient who asked for it;
        the plan, minutes and evaluations stay in the municipality's."""
        if malform == self.malform:
            return self
        if malform not in self._others:
            other = build(self.case, self.plan, self.programme, self.today,
                          self.service_defaults, settings=self.settings,
                          pseudonym=self.pseudonym, malform=malform)
            for name in FROM_THE_STATE:
                setattr(other, name, getattr(self, name))
            self._others[malform] = other
        return self._others[malform]

    def note(self, text: str) -> str:
        """A plan note or reason the planner wrote (in bokmål), in this case's standard."""
        return self.t.note(text, "planmerknad")

    def issued_on(self, key: str, content: str) -> date:
        """The date a document shows as its own: the day it was first issued as it is."""
        return self.today if self.issued is None else self.issued(key, content)

    def issue(self, key: str, showing: Showing, sender_free: Showing | None,
              appointment: str = "", keep_make: bool = False,
              alike: bool = False,
              on_list: Callable[[], bool] | None = None,
              to: dict[str, Any] | None = None, remake: bool = False,
              hold: bool = False, dates: dict[str, str] | None = None,
              elsewhere: Callable[[date], bool] | None = None,
              readers: tuple[str, ...] = ()) -> tuple[date, str]:
        """A document's date and the digest its fingerprint is made from: as it was issued
        while it shows the same (store/issued.py Issued.issue). hold: minutes open in Word
        or LibreOffice, kept as they are (noted in held_open when that keeps them). dates:
        the dates a letter lists (renderer.Document.dates), kept with its issue.
        elsewhere: whether one issued on a day went to someone else than its reader now
        (went_elsewhere), if known. readers: whom a letter to more than one person is
        addressed to, each as a digest (store/issued.py READERS)."""
        if self.issued_as is None:
            return self.today, showing.basis
        on_hold = (lambda: self.held_open.append(key)) if hold else None
        return self.issued_as(key, showing, sender_free, appointment, keep_make=keep_make,
                              alike=alike, on_list=on_list, to=to, remake=remake,
                              on_hold=on_hold, dates=dates, elsewhere=elsewhere,
                              readers=readers)

    def reader_from(self, mottaker: dict[str, Any] | None) -> date | None:
        """The day a letter's reader came into the case, when after it began: the foster
        parents of a home the child moved to during the programme (Fosterfamilie.fra), for
        their own letters and the child's sent to them. A letter issued to them then replaces
        none issued before: those went to the family the child left (domain/foster_home.py)."""
        if not mottaker or mottaker.get("rolle") in ("forelder", "barnet"):
            return None
        return self.case.fosterfamilie.fra

    def elsewhere(self, mottaker: dict[str, Any] | None) -> list[tuple[date | None, date]]:
        """The days (from, until: from inclusive, until not) a letter to this reader went to
        someone else: for the foster parents, before their family came into the case
        (reader_from), and while the journal had another foster home registered by mistake
        (Case.feilregistrert_fosterhjem: the letters of those days went to that family). A
        letter issued then is none its reader had: theirs replaces none of them. For an
        older child, written to «c/o» the foster home, only the latter: hers went there."""
        came = self.reader_from(mottaker)
        if not mottaker or mottaker.get("rolle") == "forelder":
            return []
        return ([(None, came)] if came else []) + [
            (home.fra, home.til) for home in self.case.feilregistrert_fosterhjem
            if came is None or home.til > came]

    def went_elsewhere(self, mottaker: dict[str, Any] | None, day: date | None) -> bool:
        """Whether a letter to this reader issued that day went to someone else (elsewhere)."""
        return day is not None and any((since is None or since <= day) and day < until
                                       for since, until in self.elsewhere(mottaker))

    def replaces(self, key: str, appointment: str, dates: dict[str, str] | None = None,
                 issued_on: date | None = None) -> date | None:
        """For an invitation to the meeting at appointment, or a letter listing these dates
        (renderer.Document.dates): the day the letter it replaces was issued, if any
        (store/issued.py Issued.replaces; issued_on: the day the letter is issued, once
        known)."""
        if self.issued_replaces is None:
            return None
        if dates is None and issued_on is None:
            return self.issued_replaces(key, appointment)
        return self.issued_replaces(key, appointment, dates, issued_on)

    def dates_unknown(self, key: str, dates: dict[str, str] | None,
                      issued_on: date | None = None, appointment: str = "") -> bool:
        """For a letter listing these dates (or an invitation to the meeting at appointment)
        that replaces one (replaces): whether it says only that it replaces it, not that its
        dates or its meeting changed: that one was issued by a release that kept no dates,
        or was marked as sent and its facts changed since (store/issued.py
        Issued.dates_unknown)."""
        if self.issued_dates_unknown is None:
            return False
        return self.issued_dates_unknown(key, dates, issued_on, appointment)

    def invited_only(self, key: str, dates: dict[str, str] | None) -> bool:
        """For a letter listing these dates that replaces one (replaces): whether only who
        else is invited to the joint meeting changed since, none of its dates, so it says
        that (store/issued.py Issued.invited_only)."""
        return self.issued_invited_only is not None and self.issued_invited_only(key, dates)

    def new_contact(self, key: str) -> bool:
        """Whether the letter replaces one marked as sent that named another contact person
        (store/issued.py Issued.new_contact)."""
        return self.issued_new_contact is not None and self.issued_new_contact(key)

    def said_first(self, key: str, variable: str) -> bool | None:
        """Whether a letter says what only its first issue says (rendering/prepare.py
        CANCELLED_FIRST_KEY, NEW_CONTACT_FIRST_KEY): True for one kept as showing
        `variable`, False for one issued before without it (it is kept as issued), None for
        one issued now for the first time (outside a run too): whether it says it is asked
        of what its reader was sent (told, told_other_contact)."""
        return None if self.issued_shows is None else self.issued_shows(key, variable)

    def kept_field(self, key: str, path: str) -> str | None:
        """The digest the letter `key` as kept before this run has of the field at this
        dotted path (store/issued.py Issued.field; rendering/prepare.py field_digest), None
        for one not kept field by field or not showing it, and outside a run."""
        return None if self.issued_field is None else self.issued_field(key, path)

    def told(self, key: str, facts: dict[str, str] | None, day: Any,
             readers: tuple[str, ...] = ()) -> bool:
        """Whether the letter's reader was sent a letter giving the day (a GivenDay) the
        journal cancelled (store/issued.py Issued.told). readers: as issue's."""
        return day is not None and self.issued_told is not None \
            and self.issued_told(key, facts, day, readers)

    def told_other_contact(self, key: str, facts: dict[str, str] | None,
                           readers: tuple[str, ...] = ()) -> bool:
        """Whether the letter's reader was last sent a letter naming another contact person
        (store/issued.py Issued.told_other_contact). readers: as issue's."""
        return self.issued_told_other_contact is not None \
            and self.issued_told_other_contact(key, facts, readers)

    def moved_since(self, key: str, issued: date) -> bool:
        """Whether the letter, issued on that day, replaces one first made before the child
        moved to the foster home they live in now (domain/foster_home.py): its reader was
        last told of the home the child left. Never for a letter first made after the move."""
        came = self.case.fosterfamilie.fra
        first = self.issued_first(key) if self.issued_first is not None else None
        return bool(self.case.tidligere_fosterhjem) and came is not None \
            and first is not None and first < came <= issued

    def was_issued(self, key: str) -> bool:
        """Whether the document was issued before and is still kept as issued (store/issued.py);
        False outside a run."""
        return self.issued_last is not None and self.issued_last(key) is not None

    def last_issued(self, key: str) -> date:
        """The day a document was last issued, or today for one not issued before: what a
        document that shows where things stand is first made as of (rendering/prepare.py)."""
        last = None if self.issued_last is None else self.issued_last(key)
        return self.today if last is None else last

    def part(self, part_id: str) -> Part:
        return self.programme.part(part_id)

    def findings(self) -> list[compliance.Finding]:
        """What the team leader must act on in this case (domain/compliance.py), worded in
        the case's standard. A missing phone number for the contact person holds no letter
        back when the service has its own: the letters show that (documents/sending.py).
        Checked once for the case's documents (the plan, its overview, Saksoversikt)."""
        found = self._made.get(("findings",))
        if found is None:
            found = self._made[("findings",)] = compliance.check(
                self.case, self.plan, self.programme, self.today, self.settings.compliance,
                self.t, service_phone=not MISSING_RE.search(self.base["tjeneste"]["telefon"]))
        return found

    def adaptations(self) -> set[str]:
        """The case's adaptations and features programme data can turn on (Seksjon.gjelder,
        Programme.ordlyd_ved, Lovhjemmel.gjelder), worked out once per context."""
        found = self._made.get(("adaptations",))
        if found is None:
            found = self._made[("adaptations",)] = self._adaptations()
        return found

    def _adaptations(self) -> set[str]:
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
        if c.fosterfamilie.andre_barn == 0:  # a case feature: the journal says none
            found.add("ingen_andre_barn")
        if len(c.fosterfamilie.fosterforeldre) == 1:  # not an adaptation of the guide's: a
            found.add("en_fosterforelder")  # case feature programme wording can turn on
        if c.plassering.er_midlertidig or (
            c.plassering.kategori is not None and c.plassering.kategori.value in ("2.5", "2.6")
        ):
            found.add("midlertidig_plassering")
        taking_part = [f for f in c.foreldre if f.takker_ja is not False]
        if taking_part and all(f.takker_ja for f in taking_part):  # a case feature: the
            found.add(ACCEPTED)  # journal has every parent's yes (a parent's own: _tema)
        age = self.age_at_move() or 0  # unknown: young
        if age >= SCHOOL_AGE:  # a case feature, as en_fosterforelder: school, not
            found.add("skolebarn")  # kindergarten (ordlyd_ved)
        if age >= PARTY_AGE:
            found.add("barn_fra_12_ar")  # the child's words for a teenager
        if self.plan.joint_meeting is not None and "krevende_samarbeid" not in found:
            found.add(JOINT_MEETING_SET)  # a meeting set, not only offered (fellesmote_frivillig)
        return found

    def age_at_move(self) -> int | None:
        """The child's age at the move: the child's sections and words are for it, so the
        minutes do not change with a birthday during the year (None: not known)."""
        moved = self.case.plassering.startdato
        return self.case.barn.alder(moved) if moved else None

    def _once(self, key: tuple, build: Callable[[], T]) -> T:
        """build() the first time key is asked for, then the same object. The contexts
        are read, never changed, by those who get them (a document that needs another
        value makes its own dict: {**shared, ...})."""
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = build()
        return found

    def once(self, key: tuple, build: Callable[[], T]) -> T:
        """What a document kind works out once for the case, not for each of its documents
        (documents/referat.py: each text naming the child): build() the first time key is
        asked for, then the same object, kept with the shared contexts (_once). key begins
        with a name of the kind's own."""
        return self._once(("kind",) + key, build)

    def tema_context(self, part: Part, tema: Tema, one_parent: bool = False,
                     later_contact: bool = False, forelder: int | None = None,
                     former: bool = False) -> dict[str, Any]:
        """The theme as the documents show it; one_parent: its questions put to one parent
        («du»), not to the parents together («dere»); later_contact: the sections and
        questions of a contact after the party's first (Seksjon.kontakt, forste_kontakt);
        forelder: a parent's own conversation, whose answer to the offer is theirs alone
        (foreldrene_har_takket_ja); former: its questions as the release before said them
        (Seksjon.sporsmal_for), and its purpose and questions in its words
        (Programme.ordlyd_for), asked as they would have been (documents/referat.py)."""
        return self._once(("tema", part.id, tema.nummer, one_parent, later_contact, forelder,
                           former),
                          lambda: self._tema(part, tema, one_parent, later_contact, forelder,
                                             former))

    def later_contact(self, conv: Conversation) -> bool:
        """Whether the conversation is a later contact of a theme with several (the move
        follow-up), after the party's (or parent's own track's) first conversation."""
        return conv.nummer > 1 and not self.first_conversation(conv)

    def with_one_parent(self, conv: Conversation) -> bool:
        """Whether the conversation is with one parent: their own (parents living apart), the
        only parent taking part, or the one foster parent the journal has."""
        if conv.part == "fosterfamilien":
            return self._one_foster_parent()
        return conv.part == "foreldre" and (
            conv.forelder is not None
            or sum(f.takker_ja is not False for f in self.case.foreldre) == 1)

    def _one_foster_parent(self) -> bool:
        return len(self.case.fosterfamilie.fosterforeldre) == 1

    def _tema(self, part: Part, tema: Tema, one_parent: bool = False,
              later_contact: bool = False, forelder: int | None = None,
              former: bool = False) -> dict[str, Any]:
        active = self.adaptations()
        features = active
        if forelder is not None and forelder < len(self.case.foreldre):
            said_yes = {ACCEPTED} if self.case.foreldre[forelder].takker_ja else set()
            features = (active - {ACCEPTED}) | said_yes
        if former:  # the release before asked whether a joint meeting is needed
            features = features - {JOINT_MEETING_SET}

        def said(text: str) -> str:  # the programme's words, as the release before said them
            return self.programme.said_before(text) if former else text

        # Each text asked once a case in these words: the case's themes and their variants
        # (one parent's, a later contact's, the release before's) say the same questions.
        asked_before: dict[str, str] = self._once(
            ("spurt", frozenset(features), one_parent, self.malform), dict)
        instead = self._instead(features)

        def ask(text: str) -> str:
            found = asked_before.get(text)
            if found is None:
                found = text
                for words, other in instead:
                    found = found.replace(words, other)
                if one_parent:
                    found = to_one_parent(found, self.malform)
                asked_before[text] = found
            return found

        def asked_as(q: str, was: str) -> str:  # "": not asked in this case
            now = ask(q)
            return now and (now if was is q and not former else ask(said(was)))

        # A voluntary placement leaves parental responsibility with the parents: nothing they
        # read speaks of a care order, the county board or getting custody back.
        keep = _not_care_order if "frivillig_plassering" in active else (lambda _: True)
        age = self.age_at_move()  # the child's sections worded for an age band
        return {
            "nummer": tema.nummer,
            "tittel": tema.tittel,
            "overskrift": tema_heading(tema, self.t),
            "formal": self.in_case_words(said(tema.formal)),
            "i_brev": self._said_to_the_reader(part, self.child_named(tema.i_brev)),
            "i_brev_for": [self._said_to_the_reader(part, s) for s in tema.i_brev_for],
            "verktoy": [t for t in tema.verktoy if keep(t)],
            "seksjoner": [
                {"tittel": ask(s.tittel), "sporsmal": [
                    asked for q, was in zip(s.sporsmal, (former and s.sporsmal_for)
                                            or s.sporsmal, strict=True)
                    if keep(q) and not (later_contact and q in s.forste_kontakt)
                    and (asked := asked_as(q, was))]}
                for s in tema.seksjoner
                if (s.gjelder is None or s.gjelder in active) and keep(s.tittel)
                and for_age(s, age)
                and s.kontakt in (None, "etter_forste" if later_contact else "forste")
            ],
            "tillegg": [s.i_brev or s.tittel for s in tema.seksjoner if s.gjelder in active],
            "er_siste": tema.nummer == part.siste_tema.nummer,
        }

    def in_case_words(self, text: str, features: set[str] | None = None) -> str:
        """The programme's words as this case says them (Programme.ordlyd_ved): a voluntary
        placement's «at barnet flyttet», one foster parent's «fosterforelderen». features:
        other than the case's (one parent's own conversation)."""
        for words, other in self._instead(self.adaptations() if features is None
                                          else features):
            text = text.replace(words, other)
        return text

    def _instead(self, active: set[str]) -> list[tuple[str, str]]:
        """The programme's words and what this case says for them (in_case_words)."""
        key = ("ordlyd", frozenset(active))
        instead = self._made.get(key)
        if instead is None:
            instead = self._made[key] = [
                pair for adaptation, words in self.programme.ordlyd_ved.items()
                if adaptation in active for pair in words.items()]
        return instead

    def child_named(self, text: str) -> str:
        """A theme's words to the reader of its letter with the child's first name where the
        programme has CHILD («slik at samværene blir gode for Sofie»): the letter names the
        child already, and its reader knows them. «barnet» when the journal has no first
        name (the letter says what is missing elsewhere)."""
        if CHILD not in text:
            return text
        return text.replace(CHILD, clean(self.case.barn.fornavn) or self.t("hvem.barnet"))

    def _said_to_the_reader(self, part: Part, text: str) -> str:
        """A theme's words to the reader of its invitation: the foster family's are said to
        both foster parents («dere»), and to one foster parent when the journal has one
        («du»)."""
        if part.id == "fosterfamilien" and self._one_foster_parent():
            return to_one_parent(text, self.malform)
        return text

    def minutes_recorded(self, conv) -> bool:
        """The journal or returned minutes say this conversation's minutes came back
        (Case.minutes_of): minutes without an assessment (the move follow-up's, or answers
        left empty) came back all the same."""
        return bool(self.case.minutes_of(conv))

    def samtale_context(self, conv: Conversation) -> dict[str, Any]:
        return self._once(("samtale", conv), lambda: self._samtale(conv))

    def _samtale(self, conv: Conversation) -> dict[str, Any]:
        part = self.part(conv.part)
        tema = part.tema(conv.tema)
        minutes_back = conv.status == "gjennomfort" and (
            self.minutes_recorded(conv)
            or any(v.of_conversation(conv, self.case) for v in self.case.vurderinger))
        t = self.t
        contact = t("sak.kontakt", nummer=conv.nummer) if conv.tema == 0 else ""
        when = self._when(conv)
        named, where = self.place(conv.sted, conv.forelder, conv.dato)
        if conv.digital:  # on video or the telephone, as the journal has it
            named, where = t("sted.kort_digitalt"), t("sted.video_eller_telefon")
        return {
            "part": part.id,
            "part_navn": part.navn,
            "forelder": self.parent_label(conv.forelder),
            "hvem_ukjent": t("sak.hvem_ukjent", hvem=t("hvem.foreldrene"))
            if conv.hvem_ukjent else "",
            "tema": conv.tema,
            "nummer": conv.nummer,
            "tittel": tema.tittel + contact,
            "overskrift": tema_heading(tema, t) + contact,
            **when,
            "status": status_text(conv.status, conv.dato, self.today, t),
            "sted": where if conv.digital else self._said(conv.sted, where),
            "sted_kort": named,
            "merknad": self.gap_note(conv),
            "fra_journal": conv.fra_journal,
            "referat_mottatt": t("ord.ja" if minutes_back else "ord.nei"),
            "forste": self.first_conversation(conv),
            "avtalt": schedule.agreed(conv),
        }

    def cancelled_on(self, conv: Conversation) -> str:
        """For a conversation planned again because the journal says it was cancelled (on
        the day it had: CasePlan.moved): that day, as an invitation that replaces the one
        for it says it («Samtalen … ble avlyst. Den nye tiden er …»: its samtale_avlyst, not
        in the conversation's own context, which other letters show whole); "" for any
        other."""
        had = self.plan.moved.get(conv.key)
        if had is None or conv.status == "gjennomfort":
            return ""
        cancelled = any(
            s.status == "avlyst" and s.dato == had and (s.part, s.tema, s.nummer)
            == (conv.part, conv.tema, conv.nummer) and s.forelder in (conv.forelder, None)
            for s in self.case.samtaler)
        return self.t.dato(had) if cancelled else ""

    def table_rows(self, part_id: str) -> list[tuple[Conversation | None, dict[str, Any]]]:
        """The party's rows in a table of the plan: each conversation with its context, and
        each theme left out (None, its row: left_out) after the same parent's themes before
        it, or last."""
        rows: list[tuple[Conversation | None, dict[str, Any]]] = [
            (c, self.samtale_context(c)) for c in self.plan.for_part(part_id)]
        for row in self.left_out(part_id):
            place = (row["tema"], row["nummer"])
            at = max((i + 1 for i, (_, r) in enumerate(rows) if r["forelder"] == row["forelder"]
                      and (r["tema"], r["nummer"]) <= place), default=len(rows))
            rows.insert(at, (None, row))
        return rows

    def left_out(self, part_id: str) -> list[dict[str, Any]]:
        """The party's themes the plan found no room for before the programme's last day
        (CasePlan.left_out), as rows beside its conversations in the plan's table and the
        overviews, so a theme without a date is not lost from sight: one whose date passed
        unregistered shows that date, «Over fristen»; one that never had a date shows
        «ingen ledig dato», «Ikke planlagt». Their notes say what to do (plan.notes). The
        place is where the track's conversations are held, as for one never planned
        (Conversation.undated): where it will be once a date is agreed."""
        return self._once(("uten_dato", part_id), lambda: [
            self._left_out(key, why) for key, why in self.plan.left_out_why.items()
            if key[0] == part_id])

    def _left_out(self, key: schedule.ConversationKey, why: schedule.LeftOut) -> dict[str, Any]:
        part_id, tema, nummer, forelder = key
        t = self.t
        theme = self.part(part_id).tema(tema)
        contact = t("sak.kontakt", nummer=nummer) if tema == 0 else ""
        had = why.had
        # The note names the party and theme («Fosterfamilien, tema 6: det er …»); beside
        # the row, which names them, it starts at what it says.
        said = self.note(why.note).split(": ", 1)[-1]
        kind = schedule.place_of(self.case, self.settings.schedule, part_id, forelder)
        named, where = self.place(kind, forelder)
        if why.avlyst is not None:
            # After the programme's last day, a theme cancelled and not held since: on the
            # day it was cancelled, «Avlyst», as the journal has it (not «ingen ledig dato»).
            day = why.avlyst
            return {**self._left_out(key, why._replace(avlyst=None)),
                    "dato": t.dato(day), "dato_med_ukedag": t.dato_med_ukedag(day),
                    "kort_dato": kort_dato(day), "status": t("status.avlyst")}
        return {
            "part": part_id, "part_navn": self.part(part_id).navn,
            "forelder": self.parent_label(forelder), "hvem_ukjent": "",
            "tema": tema, "nummer": nummer, "tittel": theme.tittel + contact,
            "overskrift": tema_heading(theme, t) + contact,
            "dato": t.dato(had) if had else t("sak.ingen_ledig_dato"),
            "dato_med_ukedag": t.dato_med_ukedag(had) if had else t("sak.ingen_ledig_dato"),
            "kort_dato": kort_dato(had) if had else "", "tid": "–", "klokkeslett": "–",
            "status": status_text("planlagt", had, self.today, t) if had
            else t("status.ikke_planlagt"),
            "sted": self._said(kind, where), "sted_kort": named,
            "merknad": said[:1].upper() + said[1:],
            "fra_journal": False, "referat_mottatt": t("ord.nei"), "forste": False,
            "avtalt": False, "uten_dato": True, "passert": had,
        }

    def _when(self, conv: Conversation) -> dict[str, str]:
        """A conversation's date and time as documents show them. One never planned
        (Conversation.undated) has neither: «ikke registrert», with the date of the next
        conversation that has one where the date stands alone («Planlagt dato» in its
        minutes), and a dash for the time, so no one looks for or registers a made-up day."""
        t = self.t
        if conv.undated:
            after = schedule.dated_after(self.plan, conv)
            return {"dato": t("sak.dato_ikke_registrert_for", dato=t.dato(after.dato))
                    if after is not None else t("sak.dato_ikke_registrert"),
                    "dato_med_ukedag": t("sak.dato_ikke_registrert"),
                    "kort_dato": "", "tid": "–", "klokkeslett": "–"}
        return {
            "dato": t.dato(conv.dato),
            "dato_med_ukedag": t.dato_med_ukedag(conv.dato),
            "kort_dato": kort_dato(conv.dato),
            # Held, and the journal has its date only: a dash, as for visits, not the
            # usual time as if the journal said so.
            "tid": "–" if conv.status == "gjennomfort" and conv.fra_journal
            and not conv.journal_time else f"{conv.start:%H.%M}–{conv.slutt:%H.%M}",
            "klokkeslett": f"{conv.start:%H.%M}",
        }

    def file_title(self, conv: Conversation) -> str:
        """A conversation's title in its documents' file names: its theme's title for the
        case (Programme.for_case: «Hvorfor flyttet barnet?» for a voluntary placement), as
        the documents say it, so a file name no longer says «måtte» to parents who placed
        their child voluntarily. A conversation whose documents were issued under another of
        its theme's titles (file_titles: the programme's own «Hvorfor måtte barnet flytte?»,
        from a release that named files by it, or before the placement was registered
        otherwise) keeps that name: its invitations and minutes stay at their paths, with
        the state kept by them (their dates, their marks as sent, minutes someone writes in),
        and its documents not issued yet are named alike, never half one way."""
        titles = self.file_titles(conv)
        if len(titles) == 1:
            return titles[0]
        return next((title for title in titles if self._issued_as(conv, title)), titles[0])

    def file_titles(self, conv: Conversation) -> tuple[str, ...]:
        """Every title the conversation's documents may be named by: its theme's title for
        the case first, then the programme's own and those for the other adaptations
        (Tema.tittel_ved)."""
        contact = self.t("sak.kontakt", nummer=conv.nummer) if conv.tema == 0 else ""
        own = (self.named or self.programme).part(conv.part).tema(conv.tema)
        titles = [self.programme.part(conv.part).tema(conv.tema).tittel, own.tittel,
                  *own.tittel_ved.values()]
        return tuple(dict.fromkeys(title + contact for title in titles))

    def _issued_as(self, conv: Conversation, title: str) -> bool:
        """Whether a document of the conversation is kept as issued under a file name with
        this title (issued_keys): in its party's folder, named by the conversation
        («Tema 4 - Hvorfor måtte barnet flytte», and « - mor» for a parent's own)."""
        if self.issued_keys is None:
            return False
        from ..documents import conversation_file
        from ..documents import file_title as in_file_name
        stem = in_file_name(conversation_file(self.samtale_context(conv), self.t, title))
        folder = in_file_name(self.part(conv.part).navn)
        for key in self.issued_keys():
            folder_of, _, name = key.rpartition("/")
            name = name.rpartition(".")[0] or name
            if folder_of.rpartition("/")[2] == folder and (
                    name == stem or name.startswith(stem + " ")):
                return True
        return False

    def first_conversation(self, conv: Conversation) -> bool:
        """Whether this is the first conversation of its party (or parent's own track): the
        first contact of the move follow-up, unless that has none. A held conversation not
        registered with which parent (hvem_ukjent) is on no parent's track: it may not have
        been with this one, so their next contact keeps the first contact's questions."""
        track = [c for c in self.plan.for_part(conv.part) if c.forelder == conv.forelder]
        return bool(track) and min(track, key=lambda c: (c.tema, c.nummer)).key == conv.key

    def place_text(self, kind: str, forelder: int | None) -> str:
        """Where a meeting is held, for the invitation and the calendar: the service's
        visiting address ([service] besoksadresse, never a postal box), the foster home, or a
        digital meeting for a parent who lives far away."""
        return self._said(kind, self.place(kind, forelder)[1])

    def _said(self, kind: str, where: str) -> str:
        """A place's whereabouts (place) as a letter says it: «I fosterhjemmet, …»."""
        return self.t("sted.fosterhjemmet", adresse=where) if kind == schedule.FOSTER_HOME \
            else where

    def place(self, kind: str, forelder: int | None,
              on: date | None = None) -> tuple[str, str]:
        """A meeting place as the plan names it in its tables («Fosterhjemmet», «Kontoret»,
        «Digitalt»), and where it is, said once in its list of places: the foster home's
        address, the service's name and visiting address, or the digital meeting offered.
        on: the day of the meeting: one at a foster home the child has left since
        (domain/foster_home.py) was there, «Tidligere fosterhjem», not at the new one's."""
        c, t = self.case, self.t
        if kind == schedule.FOSTER_HOME and (left := foster_home.former_home_on(c, on)):
            return t("sted.kort_tidligere_fosterhjem"), _home_address(left) or t.missing(
                t("felt.adresse", hvem=t("hvem.fosterhjemmet")))
        if kind == schedule.FOSTER_HOME:
            home = c.fosterfamilie
            where = ", ".join(x for x in (home.adresse, " ".join(
                y for y in (home.postnummer, home.poststed) if y)) if x)
            return t("sted.kort_fosterhjemmet"), where if home.adresse else t.missing(
                t("felt.adresse", hvem=t("hvem.fosterhjemmet")))
        if kind == schedule.DIGITAL:
            people = [c.foreldre[forelder]] if forelder is not None else [
                f for f in c.foreldre if f.lang_reisevei]
            town = next((f.poststed for f in people if f.poststed), None)
            return t("sted.kort_digitalt"), t("sted.digitalt",
                                               sted=town or t("sted.kommunen_der_du_bor"))
        service = service_of(c.tjeneste, letterhead_of(  # its own office, as the letterhead
            self.service_defaults, self.settings.for_kommune(c.kommunenummer).service))
        visiting = clean(service.besoksadresse)
        if not visiting or POSTAL_BOX.search(visiting):
            return t("sted.kort_kontoret"), t.missing(t("felt.besoksadresse_innstilling"))
        name = clean(service.navn)
        return t("sted.kort_kontoret"), f"{name}, {visiting}" if name else visiting

    def gap_note(self, conv: Conversation) -> str:
        """Why there is more than theme_interval_days up to this conversation; "" if not."""
        for gap in self.plan.gaps:
            if (gap.part, gap.forelder, gap.til) == (conv.part, conv.forelder, conv.dato):
                return self.t("sak.opphold", dager=gap.dager, grunn=self.note(gap.grunn))
        return ""

    def parent_label(self, index: int | None) -> str:
        """Which parent a document is for, in its file name (their own conversations'
        invitations and minutes, their letters): the role the journal gives ("mor", "far"),
        else "forelder 2"; never a name. "" if none (shared)."""
        if index is None or index >= len(self.case.foreldre):
            return ""
        role = self.case.parent_roles()[index]
        return printable(role) if role else self.t("hvem.forelder", nummer=index + 1)

    def foster_parents_ending(self) -> str:
        """The end of the file name of a letter to the foster home about the child: «til
        fosterforeldrene», or «til fosterforelderen» when the journal has one."""
        return self.t("fil.til_fosterforelderen" if self._one_foster_parent()
                      else "fil.til_fosterforeldrene")

    def former_endings(self) -> dict[str, str]:
        """File name endings a document of this case may have had, and the one it has now.
        ' - forelder 1' -> ' - mor': parents' own letters were numbered in their file names,
        also when the journal gave the role, until they took the role as the rest do
        (CHANGELOG). ' - til fosterforeldrene' -> ' - til fosterforelderen': the letters to
        the foster home about a young child end as the home has one foster parent or two,
        which an earlier export or release may have said otherwise. Their issue dates
        (store/issued.py) and marks as sent (documents/sent_marks.py) are kept under the
        new names. «02 Nytt tilbud om Omsorgspakken» -> «… - far»: the renewed offer to the
        one parent who declines is named by them whenever the journal has another parent
        (documents/parents), as it was not before (its whole name, and each «(nr 2)» after
        it, is the ending)."""
        endings = {f" - {self.t('hvem.forelder', nummer=i + 1)}": f" - {self.parent_label(i)}"
                   for i, role in enumerate(self.case.parent_roles()) if role}
        now = self.foster_parents_ending()
        for key in ("fil.til_fosterforeldrene", "fil.til_fosterforelderen"):
            if self.t(key) != now:
                endings[f" - {self.t(key)}"] = f" - {now}"
        endings.update(self._offer_named_before())
        return endings

    def _offer_named_before(self) -> dict[str, str]:
        """The renewed offers' names before they were named by their parent, and now: for the
        one parent who declines while the journal lists another (only then did the name
        change: two who declined were named by each before too). When both decline now,
        the letters named so went to the one who declined first (from the start, or on the
        earliest day: Forelder.takket_nei), while the other still took part; none when that
        is not one parent, nor when another parent began taking part later
        (Forelder.deltar_fra): they may have declined then, and the letters been theirs
        (a parent given the other's letter as sent would never get their own)."""
        parents = self.case.foreldre
        declined = [i for i, parent in enumerate(parents) if parent.takker_ja is False]
        if not declined or len(parents) < 2:
            return {}
        earliest = min(parents[i].takket_nei or date.min for i in declined)
        declined = [i for i in declined if (parents[i].takket_nei or date.min) == earliest]
        if len(declined) != 1 or any(parent.deltar_fra is not None
                                     for i, parent in enumerate(parents) if i != declined[0]):
            return {}
        label = self.parent_label(declined[0])
        first = self.t("fil.nytt_tilbud")
        names = [first, *(self.t("fil.nytt_tilbud_igjen", navn=first, nummer=number)
                          for number in range(2, RENEWED_OFFERS + 1))]
        return {name: f"{name} - {label}" for name in names}

    def part_context(self, part: Part) -> dict[str, Any]:
        return self._once(("part", part.id), lambda: self._part(part))

    def _part(self, part: Part) -> dict[str, Any]:
        return {
            "id": part.id,
            "navn": part.navn,
            "spor": part.spor,
            "beskrivelse": self.in_case_words(part.beskrivelse),
            # The group for the foster parents' own children only when there are any.
            "videre_oppfolging": [self.in_case_words(t) for t in part.videre_oppfolging
                                  if (self.case.fosterfamilie.andre_barn or 0) > 0
                                  or not OWN_CHILDREN.search(t)],
            "samtaler": [self.samtale_context(c) for c in self.plan.for_part(part.id)],
            # Some were due before the plan was made, and the journal does not say they were
            # held (the sentence under the plan's table).
            "ikke_registrert": any(c.status == "ikke_registrert"
                                   for c in self.plan.for_part(part.id)),
            "ikke_planlagt": self.note(self.plan.parts_not_planned.get(part.id, "")),
            "vurderinger": self.vurderinger(part),
            "tidligere_fosterhjem": self.home_left() if part.id == "fosterfamilien" else "",
        }

    def home_left(self) -> str:
        """For the foster family's track, when the child moved to this home during the
        programme (domain/foster_home.py): that the new family has the whole track from the
        start, and which conversations were held with the family the child left, there."""
        c, t = self.case, self.t
        moved_on = c.fosterfamilie.fra
        if moved_on is None or not c.tidligere_fosterhjem:
            return ""
        left = next((h for h in c.tidligere_fosterhjem if h.til == moved_on),
                    c.tidligere_fosterhjem[-1])
        programme = self.programme.part("fosterfamilien")
        held = [f"{tema_heading(programme.tema(s.tema), t)}"
                f"{t('sak.kontakt', nummer=s.nummer) if s.tema == 0 else ''} ({t.dato(s.dato)})"
                for s in sorted(left.samtaler, key=lambda s: (s.dato or moved_on, s.tema))
                if s.status == "gjennomfort" and s.dato is not None]
        if not held:
            return t("sak.tidligere_fosterhjem_ingen", dato=t.dato(moved_on))
        who = t.join([" ".join(n for n in (p.fornavn, p.etternavn) if n)
                      for p in left.fosterforeldre if p.fornavn or p.etternavn]) \
            or t("hvem.fosterforeldrene")
        return t("sak.tidligere_fosterhjem", dato=t.dato(moved_on), hvem=who,
                 adresse=_home_address(left) or t.missing(
                     t("felt.adresse", hvem=t("hvem.fosterhjemmet"))),
                 samtaler=t.join(held))

    def vurderinger(self, part: Part, forelder: int | None = None) -> list[dict[str, Any]]:
        """The assessment of each theme; for one parent (forelder, parents living apart)
        their own, else one that names no parent."""
        mine = sorted((v for v in self.case.vurderinger if v.part == part.id
                       and self.case.credited(forelder, v.forelder, v.dato)),
                      key=lambda v: v.forelder is not None)  # a parent's own wins
        by_theme = {v.tema: v for v in mine}
        rows = []
        for tema in part.temaer:
            v = by_theme.get(tema.nummer)
            # An answer missing: left empty in the minutes that came back, in a journal
            # entry's assessment, or not given yet (the theme not held, or no minutes).
            back = self._written_blank(part, tema.nummer, forelder)
            unread = v is None and not back and self._held_unread(part, tema.nummer, forelder)
            pending = self.t("sak.ikke_fylt_ut" if back else "sak.ikke_fylt_ut_kort"
                             if v is not None else "sak.referat_ikke_levert" if unread
                             else self._not_assessed(part, tema.nummer, forelder))
            answers = {q.id: (clean(getattr(v, q.id, None)) if v else None) or pending
                       for q in self.programme.vurderingssporsmal}
            rows.append({
                "tema": tema.nummer,
                "tittel": tema_heading(tema, self.t),
                "dato": self.t.dato(v.dato) if v and v.dato else "",
                **answers,
                "vurdert": v is not None,
                # A question the returned minutes left empty (the sentence under the table).
                "ikke_fylt_ut": back and pending in answers.values(),
                # Held, but no minutes read in yet (the sentence under the table).
                "referat_ikke_levert": unread,
            })
        return rows

    def _not_assessed(self, part: Part, tema: int, forelder: int | None) -> str:
        """The catalogue key for a theme with no assessment and no minutes to come: «Ikke
        vurdert ennå» while the programme runs; once its last day has passed, «Ikke registrert
        som holdt» when it was not held, else «Ikke vurdert» (after the year «ennå» misled)."""
        if not self.today > self.plan.slutt:
            return "sak.ikke_vurdert"
        if self.held_with(part, tema, forelder):
            return "sak.ikke_vurdert_slutt"
        return "sak.ikke_holdt_slutt"

    def held_with(self, part: Part, tema: int, forelder: int | None) -> list[Conversation]:
        """The theme's conversations held with this parent (or party): their own, or one
        shared they took part in (Case.credited); not one the journal does not say who
        took part in (Conversation.hvem_ukjent), which is no parent's until registered."""
        return [c for c in self.plan.for_part(part.id) if c.tema == tema
                and c.status == "gjennomfort" and not c.hvem_ukjent
                and (c.forelder == forelder or c.forelder is None
                     and self.case.credited(forelder, None, c.dato))]

    def _held_unread(self, part: Part, tema: int, forelder: int | None) -> bool:
        """Whether the theme was held with this parent (or party), and none of the minutes
        of it has been read in: its assessment is still to come, not «Ikke vurdert ennå».
        One held with the parents that the journal does not say which parent took part in
        (Conversation.hvem_ukjent) counts for each parent here: its minutes are what both
        wait for (a reader's finding: the parents' evaluation said «Ikke vurdert ennå» for
        a conversation held with its minutes overdue, the child's «Referat ikke levert»)."""
        held = self._held_reported(part, tema, forelder)
        return bool(held) and not any(self.minutes_recorded(c) for c in held)

    def _held_reported(self, part: Part, tema: int, forelder: int | None
                       ) -> list[Conversation]:
        """The theme's conversations whose minutes report on this parent (or party): held
        with them (held_with), or held with the parents, not registered with whom."""
        return self.held_with(part, tema, forelder) + [
            c for c in self.plan.for_part(part.id)
            if c.tema == tema and c.status == "gjennomfort" and c.hvem_ukjent]

    def _written_blank(self, part: Part, tema: int, forelder: int | None) -> bool:
        """Whether the theme was held with this parent (or party) and its minutes came back:
        an answer missing is «Ikke fylt ut i referatet», not «Ikke vurdert ennå».
        (Only returned minutes set referat_mottatt in the shipped adapters; an export that
        sets it is taken to speak of the minutes too.) One held with the parents, not
        registered with whom, too, as _held_unread counts it."""
        return any(self.minutes_recorded(c) for c in self._held_reported(part, tema, forelder))


CARE_ORDER_WORDS = re.compile(
    r"omsorgsovertak|nemnd|omsorg(?:en|a) tilbake|tilbake omsorg(?:en|a)|tingrett",
    re.IGNORECASE)
"""Words of a care order, not said to parents whose child is placed voluntarily."""


def _not_care_order(text: str) -> bool:
    return CARE_ORDER_WORDS.search(text) is None


def status_code(status: str, day: date, today: date) -> str:
    """planlagt, gjennomfort, avlyst, ikke_registrert, or forfalt for a planned date passed."""
    return "forfalt" if status == "planlagt" and day < today else status


def status_text(status: str, day: date, today: date, t: Tekst | None = None) -> str:
    """Planlagt, Gjennomført, Avlyst, or Over fristen for a planned date that has passed."""
    return (t or tekst())(f"status.{status_code(status, day, today)}")


def visit_status(case: Case, status: str, day: date, today: date, t: Tekst | None = None) -> str:
    """A follow-up visit's status (status_text): one held in a foster home the child has
    left since says so, «Gjennomført (tidligere fosterhjem)» (domain/foster_home.py); one
    planned there whose day passed unregistered is not overdue, «Ikke registrert som holdt
    (tidligere fosterhjem)»."""
    if status == "gjennomfort" and foster_home.former_home_on(case, day) is not None:
        return (t or tekst())("status.gjennomfort_tidligere_fosterhjem")
    if foster_home.left_unheld(case, status, day, today):
        return (t or tekst())("status.ikke_holdt_tidligere_fosterhjem")
    return status_text(status, day, today, t)


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
    defaults = letterhead_of(service_defaults or {}, kommune.service)
    ctx = CaseContext(case, plan, programme, today, {}, settings, pseudonym, t=tekst(malform),
                      service_defaults=defaults)
    # Themes titled for the case (a voluntary placement's «Hvorfor flyttet barnet?»), in
    # every document that names them: the plan, letters, minutes, overviews, file names.
    ctx.named, ctx.programme = programme, programme.for_case(ctx.adaptations())
    ctx.base = _base(ctx, defaults)
    return ctx


PLACEHOLDER = re.compile(r"\[[^\]]*\]")
"""«Barnevernstjenesten i [kommune]»: a name as init's configuration leaves it."""


def service_name(configured: str | None, exported: str | None) -> str | None:
    """The service's name the documents show: the configuration's ([service] navn, or the
    municipality's [kommuner."NNNN"] navn) when it has one, else the export's. The export's
    is the journal system's, often in the other written standard: a nynorsk service signed
    «Barnevernstjenesten i Fjordvik» in the cases whose export named it so, and
    «Barnevernstenesta i Fjordvik» in the others (a reader's finding). One left as init
    wrote it («[kommune]», which check warns of) is not a name yet."""
    return configured_name(configured) or exported or configured


def configured_name(configured: str | None) -> str | None:
    """The configuration's name for the service, None where it gives none or only init's
    placeholder («Barnevernstenesta i [kommune]»)."""
    if configured and configured.strip() and not PLACEHOLDER.search(configured):
        return configured
    return None


CONTACT_KEYS = ("kommunenavn", "adresse", "postnummer", "poststed", "besoksadresse",
                "telefon", "epost")
"""The service's contact details in the letterhead: [service] gives them, else the export."""

SERVICE_WORDS = re.compile(r"[\w-]+")
NOT_PLACES = frozenset({"kommune", "kommunes", "interkommunal", "interkommunalt",
                        "interkommunale", "iks", "tjeneste", "tjenesten", "tenesta", "teneste",
                        # Capitalised in a name written in capitals («BARNEVERNTJENESTEN I
                        # FJORDVIK») or in title case: no place's name.
                        "i", "og", "for", "på", "av", "til",
                        # The unit the journal system names, as «Enhet for barnevern,
                        # Fjordvik kommune» (and «Barne- og familietjenesten»: a word ending
                        # in «-», the first half of a compound, is no place either).
                        "avdeling", "avdelingen", "enhet", "enheten", "eining", "eininga",
                        "seksjon", "seksjonen"})


def same_service(configured: str | None, exported: str | None) -> bool:
    """Whether the export's name for the service names the service the configuration does:
    the same name, or one of the same place in other words («Barnevernstenesta i Fjordvik»
    and the journal system's «Barnevernstjenesten i Fjordvik», «Barneverntjenesten
    Fjordvik kommune» or «Fjordvik barnevern»; the place: the names' capitalised words but
    the service's own, «Barnevern…», «Kommune», and words no place is named, as «I», «OG»
    and «IKS» in a name written in capitals, «Enhet» or «Barne-»; every word of a name in
    lower case throughout). True where either gives no name (or the configuration's is
    init's «[kommune]»), or the export's names no place: nothing says the export's details
    are another service's."""
    shown = configured_name(configured)
    if not shown or not exported or not exported.strip():
        return True

    def place(name: str) -> set[str]:
        found = SERVICE_WORDS.findall(name)
        # A name in lower case throughout («barneverntjenesten fjordvik»): every word.
        lower = not any(w[:1].isupper() for w in found)
        words = (w.casefold() for w in found if lower or w[:1].isupper())
        return {w for w in words if not w.startswith("barnevern") and w not in NOT_PLACES
                and not w.endswith("-")}

    if " ".join(shown.split()).casefold() == " ".join(exported.split()).casefold():
        return True
    # An export naming no place («Barneverntjenesten»): nothing says it is another service.
    return not place(exported) or bool(place(shown)) and place(shown) == place(exported)


def _same_value(configured: str, exported: str | None) -> bool:
    """Whether a contact detail is the same as the export's but for spaces, capitals and
    the dots and hyphens of a phone number or an abbreviation."""
    def bare(value: str) -> str:
        return re.sub(r"[\s.\-]", "", value).casefold()

    return exported is not None and bool(exported.strip()) and bare(configured) == bare(exported)


def visiting_address(case: Case, configured: dict[str, str]) -> str | None:
    """Where a case's meetings at the office are: the visiting address of the service its
    documents name under this letterhead ([service], or letterhead_of a municipality's over
    it: CaseContext.place), None when there is none (or a postal box)."""
    visiting = clean(service_of(case.tjeneste, configured).besoksadresse)
    return None if not visiting or POSTAL_BOX.search(visiting) else visiting


def service_of(exported: Tjeneste, configured: dict[str, str]) -> Tjeneste:
    """The service the documents name ([service], or the municipality's [kommuner."NNNN"],
    over the export): the configuration's name and contact details where it gives them; the
    export's where it does not, when the export names the same service (same_service). An
    export naming another service than the configuration's gives none of its address, phone
    or e-mail: a letter signed «Barnevernstjenesten i Testvik, Rådhusgata 4, 5999 Fjordvik»
    would give a parent a name and an address that do not belong together. What neither
    gives shows as «[mangler: …]» (check warns of a [service] with a name but no address)."""
    given: dict[str, str | None] = {
        k: v for k, v in configured.items() if k in CONTACT_KEYS and v and v.strip()}
    if not same_service(configured.get("navn"), exported.navn):
        given = {k: given.get(k) for k in CONTACT_KEYS}
    else:
        # The same value written otherwise («55001200» for the export's «55 00 12 00»,
        # other capitals): the export's, as the letters issued before show it; else each
        # letter would be issued anew, and one marked as sent listed to send again.
        given = {k: v for k, v in given.items()
                 if not (v and _same_value(v, getattr(exported, k, None)))}
    return exported.model_copy(
        update={**given, "navn": service_name(configured.get("navn"), exported.navn)})


def _base(ctx: CaseContext, service_defaults: dict[str, str]) -> dict[str, Any]:
    c, plan, t = ctx.case, ctx.plan, ctx.t
    tjeneste = service_of(c.tjeneste, service_defaults)
    foster = c.fosterfamilie.fosterforeldre
    fosterforeldre = [_person(p, t("hvem.fosterforelder"), t) for p in foster]
    foster_names = f" {t('ord.og')} ".join(p.navn for p in foster if p.navn) or None
    visits_held = sum(1 for v in plan.visits if v.status == "gjennomfort")
    age = _age(c.barn.fodt, ctx.today)
    service = t("hvem.tjenesten")
    visits_source = t("sak.besok_kilde")
    gaps = [{"part": ctx.programme.part(g.part).navn + (
                f" ({ctx.parent_label(g.forelder)})" if g.forelder is not None else ""),
             "fra": t.dato(g.fra), "til": t.dato(g.til), "dager": g.dager,
             "grunn": ctx.note(g.grunn), "egen": ""}
            for g in plan.gaps]
    return {
        "malform": ctx.malform,
        # Every document's own date (the day it was issued) replaces this (prepare.py).
        "dato": t.dato(unwatched(ctx.today)),
        "sak": {
            "journalnummer": text(c.journalnummer, t("felt.journalnummer"), t),
            "kommunenummer": text(c.kommunenummer, t("felt.kommunenummer"), t),
            "var_referanse": text(c.journalnummer, t("felt.journalnummer"), t),
            "kilde": c.kilde or "",
            "merknader": case_notes(c.barn.fodselsnummer, t, c.barn.fodselsdato),
        },
        "tjeneste": {
            "navn": text(tjeneste.navn, t("felt.navn", hvem=service), t),
            "kommunenavn": text(tjeneste.kommunenavn, t("felt.kommunenavn"), t),
            **_address(tjeneste, service, t),
            "besoksadresse": text(_visiting_address(tjeneste),
                                  t("felt.besoksadresse", hvem=service), t),
            "telefon": text(tjeneste.telefon, t("felt.telefon", hvem=service), t),
            "epost": text(tjeneste.epost, t("felt.epost", hvem=service), t),
        },
        "barn": {
            **_person(c.barn, t("hvem.barnet"), t),
            "fodselsnummer": text(c.barn.fodselsnummer, t("felt.fodselsnummer"), t),
            "fodselsdato": text(c.barn.fodt, t("felt.fodselsdato"), t),
            "alder": text(age, t("felt.alder"), t),
            "liten": age is not None and age < SMALL_CHILD_AGE,
            "egne_samtaler": "barnet" not in plan.parts_not_planned,
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
            "lovhjemmel": text(c.plassering.lovhjemmel and t.laws(c.plassering.lovhjemmel),
                               t("felt.lovhjemmel"), t),
            "i_nettverk": c.plassering.er_i_nettverk,
            "frivillig": yes_no(c.plassering.er_frivillig if c.plassering.frivillig is not None
                                or c.plassering.lovhjemmel else None,
                                t("felt.frivillig"), t),
            "er_frivillig": c.plassering.er_frivillig,
            "er_midlertidig": c.plassering.er_midlertidig,
        },
        "foreldre": [forelder_context(f, i, t) for i, f in enumerate(c.foreldre, start=1)],
        "samarbeidsklima": c.samarbeidsklima or "",
        "fellesmote_frivillig": c.samarbeidsklima in ("krevende", "konflikt"),
        "fosterfamilie": {
            "navn": text(foster_names, t("felt.navn", hvem=t("hvem.fosterforeldrene")), t),
            "fosterforeldre": fosterforeldre,
            **_address(c.fosterfamilie, t("hvem.fosterhjemmet"), t),
            "malform": malform_of(c.fosterfamilie.malform, t.malform),
            "andre_barn": c.fosterfamilie.andre_barn or 0,
            "en_fosterforelder": len(foster) == 1,
            "for_barnet": _foster_parents_to_the_child(foster, t),
        },
        "kontaktperson": {
            **_person(c.kontaktperson, t("hvem.kontaktpersonen"), t),
            "tittel": c.kontaktperson.tittel or t("sak.kontaktperson_tittel"),
            "stilling": _position(c.kontaktperson.tittel, t),
        },
        "program": {
            "navn": ctx.programme.navn,
            "beskrivelse": ctx.programme.beskrivelse,
            "start": t.dato(plan.start),
            "slutt": t.dato(plan.slutt),
            "vurderingssporsmal": [q.model_dump() for q in ctx.programme.vurderingssporsmal],
            "lovhjemler": [h.model_dump(exclude={"gjelder", "ikke_ved"})
                           for h in ctx.programme.lovhjemler if h.applies(ctx.adaptations())],
            "merknader": case_notes(c.barn.fodselsnummer, t, c.barn.fodselsdato)
                         + [ctx.note(n) for n in plan.notes],
        },
        "parter": [ctx.part_context(p) for p in ctx.programme.parter],
        "besok": [
            {"dato": t.dato(v.dato), "dato_med_ukedag": t.dato_med_ukedag(v.dato),
             # A visit from the journal has a date only: a dash says the time is not known.
             "tid": f"{v.start:%H.%M}–{v.slutt:%H.%M}" if v.start and v.slutt else "–",
             "status": visit_status(c, v.status, v.dato, ctx.today, t)}
            for v in plan.visits
        ],
        "opphold": gaps,
        "opphold_grupper": _by_reason(plan, gaps, t, [
            ctx.parent_label(g.forelder) or ctx.programme.part(g.part).navn.lower()
            for g in plan.gaps]),
        "besok_gjennomfort": visits_held,
        "besok_minimum": plan.visits_minimum,
        "besok_kilde": visits_source if plan.visits_minimum <= 4 else
        t("sak.besok_kilde_egen", kilde=visits_source),
        "planer": [
            {
                "tittel": t.table("plan").get(p.type, p.type),
                "startdato": text(p.startdato, t("felt.plan_startdato"), t),
                "evaluert": ", ".join(t.dato(d) for d in p.evaluert) or t(
                    "sak.ikke_evaluert_slutt" if ctx.today > plan.slutt else "sak.ikke_evaluert"),
            }
            for p in c.planer
        ],
        "planevaluering": plan_evaluation(c, ctx.programme, t, ctx.adaptations(),
                                          ended=ctx.today > plan.slutt),
    }


def _by_reason(plan: CasePlan, gaps: list[dict[str, Any]], t: Tekst,
               who: list[str] | None = None) -> list[dict[str, Any]]:
    """The long gaps in groups, in the order they come: gaps next to each other that share
    a cause (Gap.felles: a late case's, the same for every party) have it said once under
    them («Grunnen er den samme for de tre oppholdene over: ...»), with what each adds
    (Gap.egen: the notice for its letter or interpreter) said in it, for whom («med tid til
    å bestille tolk for far minst 3 virkedager før samtalen og sende innkallingen til
    fosterfamilien minst 10 dager før samtalen»): said on the gap's own line, after its 70
    days, the notice read as the reason for them, and the reason below as another. who:
    each gap's party in the sentence («far», «fosterfamilien»); else its «part», lower
    case. Any other gap is its own."""
    names = who if who is not None else [said["part"].lower() for said in gaps]
    groups: list[tuple[tuple[str, ...] | None, list[tuple[Gap, dict[str, Any], str]]]] = []
    for gap, said, name in zip(plan.gaps, gaps, names, strict=True):
        if gap.felles is not None and groups and groups[-1][0] == gap.felles:
            groups[-1][1].append((gap, said, name))
        else:
            groups.append((gap.felles, [(gap, said, name)]))
    out: list[dict[str, Any]] = []
    for cause, members in groups:
        if cause is None or len(members) == 1:
            out.extend({"grunn": said["grunn"], "opphold": [said], "alle": ""}
                       for _, said, _ in members)
            continue
        out.append({
            "grunn": _shared_reason(cause, [(g.egen, name) for g, _, name in members],
                                    members[0][1]["grunn"], t),
            "opphold": [{**said, "egen": ""} for _, said, _ in members],
            # «de tre siste oppholdene over» when other gaps come before them in the list.
            "alle": t("sak.opphold_over_siste" if out else "sak.opphold_over",
                      antall=t.tall(len(members))),
        })
    return out


def _shared_reason(cause: tuple[str, ...], owns: list[tuple[tuple[str, int] | None, str]],
                   first: str, t: Tekst) -> str:
    """A cause said once for several gaps (_by_reason), in the plural; a late case's with
    the notice each gap waits for (Gap.egen) and whose it is (owns: egen and who, a gap
    each), one notice of a kind and length for all who wait it («for far og mor»)."""
    kind = cause[0]
    if kind == "tekst":
        return first  # reads the same for several (a closed period, a busy contact person)
    if kind == "sen":
        waits: dict[tuple[str, int], list[str]] = {}
        for own, name in owns:
            if own is not None and name not in waits.setdefault(own, []):
                waits[own].append(name)
        order = sorted(waits, key=lambda own: (own[0] != "tolk", own[1]))
        said = t.join([t(f"opphold_felles.egen_{own[0]}", hvem=t.join(waits[own]),
                         dager=own[1]) for own in order])
        day = t.dato(date.fromisoformat(cause[1]))
        return t("opphold_felles.sen_med_varsel", dato=day, hva=said) if said else \
            t("opphold_felles.sen", dato=day)
    return t(f"opphold_felles.{kind}")


# Which plan types in the journal are the plan a programme's lovhjemmel names.
PLAN_TYPES = {"oppfolging_fosterfamilien": {"oppfolging_fosterfamilie",
                                            "oppfolging_fosterfamilien"}}


def plan_evaluation(c: Case, programme: Programme, t: Tekst | None = None,
                    active: set[str] | None = None, ended: bool = False
                    ) -> list[dict[str, str]]:
    """The plans the final evaluation goes through (programme.toml lovhjemler, those the
    case's adaptations (active) give it: a voluntary placement has an action plan, not a
    care plan): whether the case has each, and when it was last evaluated; ended: after the
    programme's last day, a plan never evaluated is «Ikke evaluert», not «… ennå»."""
    t = t or tekst()
    not_evaluated = t("sak.ikke_evaluert_slutt" if ended else "sak.ikke_evaluert")
    rows = []
    for h in programme.lovhjemler:
        if not h.applies(active or set()):
            continue
        found = [p for p in c.planer if p.type in PLAN_TYPES.get(h.id, {h.id})]
        dates = [d for p in found for d in (*p.evaluert, p.sist_evaluert) if d]
        rows.append({
            "tittel": h.tittel, "hjemmel": h.hjemmel,
            "finnes": t("ord.ja") if found else t("status.ikke_registrert"),
            "sist_evaluert": t.dato(max(dates)) if dates else (
                not_evaluated if found else ""),
        })
    return rows


def _foster_parents_to_the_child(foster: list[Person], t: Tekst) -> str:
    """How a letter to the child names the foster home's adults: «fosterforeldrene dine», or
    the one foster parent by first name (the journal gives no gender, so never «fostermoren
    din»), «fosterforelderen din» when the name is not known."""
    if len(foster) != 1:
        return t("hvem.fosterforeldrene_dine")
    return clean(foster[0].fornavn) or t("hvem.fosterforelderen_din")


def _visiting_address(tjeneste) -> str | None:
    """The letterhead's visiting address: [service] besoksadresse, else the postal address
    when it is a street address (a postal box is never a place to visit, as for meetings)."""
    if tjeneste.besoksadresse:
        return tjeneste.besoksadresse
    if not tjeneste.adresse or POSTAL_BOX.search(tjeneste.adresse):
        return None
    town = " ".join(y for y in (tjeneste.postnummer, tjeneste.poststed) if y)
    return ", ".join(x for x in (tjeneste.adresse, town) if x)


def _age(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    if isinstance(today, WatchedDay):
        return today.age(born)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def missing_in(rendered_text: str) -> list[str]:
    """The placeholders a rendered document shows, in order, each once."""
    return list(dict.fromkeys(MISSING_RE.findall(rendered_text)))
