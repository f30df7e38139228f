"""Settings from omsorgspakke.toml, with the guide's defaults for everything left out.

Every key is documented in README.md ("Configuration"). Relative paths are resolved against
the folder the configuration file is in, so a municipality can keep one folder per installation.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from .text import DEFAULT, MALFORMER, Malform, tekst

CONFIG_NAME = "omsorgspakke.toml"
PACKAGE_DATA = Path(__file__).parent / "data"


class ConfigError(Exception):
    """A configuration problem, described in Norwegian for the person who configures.

    Raised with a sentence (the installation guards, a file that cannot be read), it is said
    as written. Made by said(), it is a [konfig] message of the text catalogues, said in
    bokmål until the standard of the service's messages is known (load() and
    programme.for_malform set it; messages_malform_of, malform_in_text for a file that is
    not TOML) and in that standard from then on, wherever it is printed."""

    def __init__(self, message: str, key: str | None = None, **fields: Any):
        super().__init__(message)
        self.key, self.fields = key, fields
        self.malform: str = DEFAULT

    @classmethod
    def said(cls, key: str, **fields: Any) -> ConfigError:
        return cls(tekst()(f"konfig.{key}", **fields), key, **fields)

    def __str__(self) -> str:
        if self.key is None:
            return super().__str__()
        return tekst(self.malform)(f"konfig.{self.key}", **self.fields)


DELIVERY = ("digitalt", "post")
"""How a letter can be sent ([documents] delivery_default, delivery_child)."""


@dataclass
class Paths:
    inbox: Path = Path("inbox")
    outbox: Path = Path("outbox")
    archive: Path = Path("archive")
    failed: Path = Path("failed")
    state: Path = Path("state")
    templates: Path = Path("templates")
    mappings: Path = Path("mappings")
    plugins: Path = Path("plugins")


@dataclass
class Schedule:
    move_followup_contacts: int = 3
    """Contacts in 'Oppfølging i flytteprosessen' before theme 1."""
    first_contact_after_days: int = 2
    move_followup_interval_days: int = 7
    first_theme_after_days: int = 28
    """Days from the placement to theme 1."""
    early_theme_interval_days: int = 14
    """Between theme 1 and 2 and between 2 and 3: the guide lets the first themes come closer."""
    theme_interval_days: int = 28
    """Between later themes: at least one conversation a month per party."""
    party_offset_days: dict[str, int] = field(
        default_factory=lambda: {"barnet": 0, "foreldre": 1, "fosterfamilien": 2}
    )
    """Working days after the child's conversation that the same theme is held with others."""
    start_times: dict[str, str] = field(
        default_factory=lambda: {"barnet": "14:00", "foreldre": "10:00", "fosterfamilien": "12:00"}
    )
    duration_minutes: int = 90
    workday_start: str = "08:00"
    workday_end: str = "15:30"
    programme_months: int = 12
    visits_per_year: int = 4
    child_conversation_min_age: int = 4
    """A child younger than this when placed gets no conversations of their own: the child is
    seen at the follow-up visits, and the foster family's conversations cover the child's
    everyday life. A child of unknown age gets conversations."""
    extra_closed_days: list[str] = field(default_factory=list)
    """ISO dates the office is closed besides weekends and public holidays."""
    closed_christmas: bool = True
    """No meeting from 24 December to 1 January."""
    closed_easter_week: bool = True
    """No meeting Monday to Wednesday before Maundy Thursday."""
    summer_weeks: list[int] = field(default_factory=lambda: [28, 29, 30])
    """ISO weeks of the summer holiday with no meetings; [] for none."""
    notice_days: int = 10
    """A conversation announced by letter is at least this many calendar days after the
    letter; the move follow-up (theme 0), arranged directly, from the next working day."""
    interpreter_notice_days: int = 3
    """The move follow-up with someone who needs an interpreter (the child, a parent) is at
    least this many working days after the day it is planned, so the interpreter can be
    booked (1: from the next working day, as for everyone else)."""
    missed_after_days: int = 7
    """A planned conversation not in the journal this many days after its date was missed:
    the next run moves it. Until then it shows as overdue (the journal may lag behind)."""
    min_interval_days: int = 7
    """Intervals shrink to fit every theme inside the programme year, but not below this."""
    max_per_day: int = 2
    """At most this many meetings a day for one contact person, across all cases."""
    child_meets_at: str = "fosterhjemmet"
    """Where the child's and the foster family's conversations are held: fosterhjemmet or
    kontoret (the service's [service] besoksadresse)."""
    visit_time: str = "09:00"
    """When follow-up visits to the foster home are booked."""
    travel_minutes: int = 60
    """Between meetings in different places the same day (the office, one case's foster
    home, another's: a follow-up visit or a conversation held in the foster home) at least
    this many minutes, to get there; none between one case's meetings in its own foster
    home. Dates already planned are kept (docs/planning.md). 0: none."""
    visits_after_two_years: int = 2
    """Follow-up visits a year from the third year after the placement."""

    def start_time(self, part: str) -> time:
        return time.fromisoformat(self.start_times.get(part, self.workday_start))


@dataclass
class Documents:
    """How the documents adapt to the case, and the overview workbooks' limits."""

    child_letter_min_age: int = 12
    invitation_days_before: int = 21
    """An invitation, and the pre-filled minutes and calendar file of its conversation, are
    made this many days before the conversation (the plan and the information letter carry
    every date from the start); a later run (a daily watch) makes the next ones."""
    """From this age the child gets invitations written to them; younger children's
    invitations go to the foster parents. A child of unknown age counts as younger."""
    joint_meeting_after_theme: int = 2
    """The joint meeting of parents, foster parents and the service comes after this theme
    has been held with every party; 0 means no joint meeting."""
    joint_meeting_days_after: int = 5
    """Working days after the last party's conversation on that theme."""
    joint_meeting_time: str = "10:00"
    due_soon_days: int = 14
    """A planned conversation or visit this close is marked as due soon in the overviews."""
    not_started_weeks: int = 4
    """The caseload lists a case with no conversation held this long after the placement."""
    ends_soon_days: int = 60
    """The caseload lists a case whose programme ends within this many days."""
    delivery_default: str = "digitalt"
    """How a letter to a parent or the foster parents is sent when the export does not say
    (forsendelse): "digitalt" (SvarUt/Digipost, which post it to those reserved against
    digital mail) or "post"."""
    delivery_child: str = "post"
    """The same for a letter written to the child, sent in care of the foster home."""
    post_days: int = 2
    """Working days a letter by post takes to arrive: one that cannot reach its reader
    before the day of its conversation is noted in Til utsending.xlsx, which asks for the
    time to be agreed by phone (documents/sending.py)."""
    short_notice_days: int = 2
    """A digital letter proposing a time not agreed yet, sent with its conversation within
    this many working days (2: sent on a Monday for Tuesday or Wednesday), leaves its reader
    no time to answer (to ask for another time): it is noted in Til utsending.xlsx («Kort
    varsel»), which asks for the time to be agreed by phone and the letter sent as
    confirmation (documents/sending.py)."""
    stale_export_days: int = 14
    """A letter of a case whose newest export is older than this many days (the journal's
    exports of it stopped coming) is listed in Til utsending.xlsx to check in the journal
    before it is sent, its note naming the export's date (documents/sending.py)."""
    strict_missing: bool = False
    """Refuse to write a case's documents while any of them would show [mangler: ...]; the
    input goes to the failed folder with a note listing what is missing per document."""


@dataclass
class Compliance:
    """The team leader's findings (domain/compliance.py, docs/compliance.md): the limits each
    rule uses. The law's own minimums cannot be set lower, only stricter."""

    visits_per_year: int = 4
    """Follow-up visits to the foster home in each of the first two years of the placement."""
    visits_per_year_after_two_years: int = 2
    max_visit_gap_days: int = 120
    """Longest time from the placement or a visit to the next visit."""
    plan_due_days: int = 42
    """Days after the placement by which the plans (care situation, foster family, contact)
    must be made: the guide makes them during the move."""
    plan_evaluation_months: int = 6
    """The plan for the care situation is evaluated at least this often."""
    max_conversation_gap_days: int = 31
    """Longest time between two conversations with the same party: one a month."""
    minutes_due_days: int = 14
    """Days after a conversation by which the minutes (and the assessment) are back."""
    child_track_start_days: int = 28
    """Days after the placement by which the child's first conversation has been held."""
    parents_track_start_days: int = 28
    """Days after the placement (or after a parent began taking part) by which the parents'
    first conversation has been held: each parent's, where they have tracks of their own."""
    renew_offer_months: int = 3
    """A parent who declined is offered the programme again after this many months."""
    deadline_notice_days: int = 28
    """A plan's legal deadline (one that is a «Lovbrudd» once passed) is listed in
    Saksoversikt's «Denne måneden» from this many days before it: making a plan with the
    foster family takes weeks, so the team leader's usual due_soon_days is too short."""

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError.said("compliance_heltall", navn=f.name)
        if self.visits_per_year < 4 or self.visits_per_year_after_two_years < 2:
            raise ConfigError.said("compliance_lov")


@dataclass
class Retention:
    """How long inputs are kept once handled (docs/security.md); 0 keeps them."""

    archive_days: int = 90
    """Processed inputs in the archive are deleted this many days after they were archived."""
    failed_days: int = 0
    """Inputs in the failed folder are deleted, with their notes, after this many days."""

    def __post_init__(self):
        for name in ("archive_days", "failed_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError.said("retention_dager", navn=name)


@dataclass
class Watch:
    """How omsorgspakke watch notices files and retries errors that may pass."""

    poll_interval_seconds: float = 1.0
    """With --polling: how often the inbox is listed."""
    settle_seconds: float = 1.0
    """Without a close-after-write event, a file is complete when its size and modification
    time have not changed for this long."""
    rescan_seconds: float = 30.0
    """The inbox is listed at least this often, even when no event arrives."""
    retry_first_seconds: float = 2.0
    """The wait before retrying a file after an error that may pass; doubled each time."""
    retry_max_seconds: float = 300.0


@dataclass
class Archive:
    """Archive packages for the municipality's Fiks Arkiv / Noark 5 import (docs/archive.md)."""

    enabled: bool = False
    folder: Path = Path("til-arkiv")
    """Where packages are written, one folder each; the archive's import takes them from here."""
    fagsystem: str = "barnevern"
    """The name the archive knows the journal system's case numbers by (referanseEksternNoekkel
    of the case folder)."""
    tilgangskode: str = "13"
    """The archive's access code (tilgangsrestriksjon) for child welfare documents."""
    skjermingshjemmel: str = "Offl. § 13 jf. bvl. § 13-1"
    klassering: list[str] = field(default_factory=list)
    """Classes as "system:klasse", e.g. ["ARKNOKKEL:F47"]; empty leaves it to the archive."""
    settle_minutes: float = 60.0
    """A document someone edited is filed when nobody has touched it for this long."""
    soffice: str = ""
    """LibreOffice's program when it is not on PATH."""

    def __post_init__(self):
        for value in self.klassering:  # one without «:» stopped packaging after each batch
            system, colon, klasse = str(value).partition(":")
            if not isinstance(value, str) or not colon or not system.strip() \
                    or not klasse.strip():
                raise ConfigError.said("arkiv_klassering", verdi=str(value))


@dataclass
class Logs:
    """The JSON lines log: pseudonyms and counts only, rotated by size."""

    folder: Path | None = None
    """Where the log files go; the state folder's logs/ when unset."""
    max_megabytes: float = 5.0
    keep: int = 10
    """Rotated files kept besides the current one."""


SERVICE_KEYS = ("navn", "kommunenavn", "adresse", "postnummer", "poststed", "besoksadresse",
                "telefon", "epost")
"""The letterhead fields of [service] and of each [kommuner."NNNN"]."""


@dataclass
class Kommune:
    """One municipality of an inter-municipal service: its standard and its letterhead."""

    malform: str
    service: dict[str, str]


@dataclass
class Settings:
    paths: Paths = field(default_factory=Paths)
    schedule: Schedule = field(default_factory=Schedule)
    documents: Documents = field(default_factory=Documents)
    programme_file: Path | None = None
    """A municipality's own programme file in the service's standard; bundled when unset."""
    programme_files: dict[str, Path] = field(default_factory=dict)
    """The municipality's own programme files by standard ([programme] bokmal, nynorsk;
    file counts as the service's standard)."""
    qualify_months: int = 12
    """A case qualifies when its foster-home placement started at most this many months ago."""
    service: dict[str, str] = field(default_factory=dict)
    """Defaults for the service (navn, adresse, telefon, ...) when an export lacks them."""
    malform: str = "bokmal"
    """[service] malform: the written standard of the service's documents (bokmal, nynorsk)."""
    kommuner: dict[str, Kommune] = field(default_factory=dict)
    """An inter-municipal service: per kommunenummer, that municipality's standard and
    letterhead. A case from a municipality not listed uses [service]."""
    messages_malform: str = "bokmal"
    """The standard of what the program says to staff itself: the console (summary, ADVARSEL
    and FEIL lines) and the notes beside failed files. [service] malform when it is given;
    when it is not and every municipality in [kommuner] writes nynorsk, nynorsk."""
    source: Path | None = None
    watch: Watch = field(default_factory=Watch)
    logs: Logs = field(default_factory=Logs)
    retention: Retention = field(default_factory=Retention)
    compliance: Compliance = field(default_factory=Compliance)
    template_lock: Path | None = None
    """A lock file of approved template hashes (rendering/template_lock.py); the run
    refuses others."""
    archive: Archive = field(default_factory=Archive)
    templates_given: bool = False
    """[paths] templates is in the config: run and watch never put the bundled templates in
    its place (commands/common.py ready_to_start)."""
    mappings_given: bool = False
    """[paths] mappings is in the config: a folder named there that is not there is a
    misspelling, and check says it as an error (commands/check.py)."""
    inbox_given: bool = False
    """[paths] inbox is in the config: an inbox that is not there is said with its line."""
    inbox_option: bool = False
    """The inbox was given on the command line (--inbox), not in the config: an inbox that
    is not there is said as that option's (commands/common.py inbox_not_there)."""

    def for_kommune(self, kommunenummer: str | None) -> Kommune:
        """The standard and letterhead a case's documents use: its municipality's when the
        service is inter-municipal and lists it, else the service's own."""
        own = self.kommuner.get(kommunenummer or "")
        if own is not None:
            return Kommune(own.malform, letterhead_of(self.service, own.service))
        return Kommune(self.malform, dict(self.service))


def letterhead_of(service: dict[str, str], own: dict[str, str]) -> dict[str, str]:
    """A letterhead (own: a [kommuner."NNNN"]) over the one it falls back on ([service]):
    own's fields, and [service]'s where own lacks them. A table naming a service of its own
    («Barnevernstenesta i Fjellvik» under [service]'s «Barnevernstjenesten i Fjordvik») takes
    only [service]'s other fields, never its address, phone or e-mail: Fjellvik's letters
    would be signed with Fjordvik's address (rendering/context.same_service). What it lacks
    comes from an export naming its service, else shows as «[mangler: …]»."""
    from .rendering.context import CONTACT_KEYS  # (it imports this module)

    if shares_service(service, own):
        return {**service, **own}
    return {**{k: v for k, v in service.items() if k not in CONTACT_KEYS}, **own}


def shares_service(service: dict[str, str], own: dict[str, str]) -> bool:
    """Whether a [kommuner."NNNN"] table (own) is [service]'s service, and takes its
    address, phone and e-mail (letterhead_of; check asks the table for them where not): it
    names none, or the same service (rendering/context.same_service). Not where [service]'s
    name is still init's («Barnevernstjenesten i [kommune]») and the table names one:
    nothing says [service]'s address is that service's (a municipality's letters were
    signed «Barnevernstjenesten i Fjellvik» with the address filled in under [service])."""
    from .rendering.context import configured_name, same_service  # (it imports this module)

    named = service.get("navn")
    left_as_init = bool(named and named.strip()) and configured_name(named) is None
    if left_as_init and configured_name(own.get("navn")):
        return False
    return same_service(named, own.get("navn"))


def letters_identity(settings: Settings) -> dict[str, Any]:
    """What a case's documents take from the configuration and a run must not change by
    mistake: the written standard and the letterhead of the service and of each
    municipality, and the templates folder (the municipality's letterhead is in its
    templates). A run without the configuration a state folder was used with would rewrite
    a nynorsk service's letters in bokmål, without its letterhead (store/used_with.py)."""

    def letterhead(service: dict[str, str]) -> dict[str, str]:
        return {key: service[key] for key in SERVICE_KEYS if service.get(key)}

    return {
        "malform": settings.malform,
        "service": letterhead(settings.service),
        "kommuner": {number: {"malform": kommune.malform, **letterhead(kommune.service)}
                     for number, kommune in sorted(settings.kommuner.items())},
        "templates": str(settings.paths.templates),
    }


INVITATION_DAYS_WARNED = 60
"""[documents] invitation_days_before above this is warned of (warnings)."""


def warnings(settings: Settings) -> list[str]:
    """What the settings allow but make go wrong, in the standard of the service's messages:
    `check` says each as an ADVARSEL, and run and watch on stderr as they start
    (commands/common.py ready_to_start). Nothing stops for them.

    invitation_days_before above INVITATION_DAYS_WARNED: the letters are made long before
    they are sent, most on the day the case comes, and made again each time a date moves
    (the plan's notes never name a letter day before the day the case came:
    schedule._Planner.letters_on). max_conversation_gap_days below theme_interval_days: the
    plan sets a party's conversations theme_interval_days apart, so Avvik would find «For
    lang tid mellom samtalene» in the plan's own dates, case after case (a municipality may
    mean the stricter limit)."""
    t = tekst(settings.messages_malform)
    said = []
    days = settings.documents.invitation_days_before
    if days > INVITATION_DAYS_WARNED:
        said.append(t("konfig.innkalling_lang_tid", dager=days, grense=INVITATION_DAYS_WARNED))
    gap = settings.compliance.max_conversation_gap_days
    interval = settings.schedule.theme_interval_days
    if gap < interval:
        said.append(t("konfig.samtaleopphold_under_intervall", grense=gap, intervall=interval))
    return said


def load(path: Path | None = None, *, base: Path | None = None) -> Settings:
    """Read settings from path, or from ./omsorgspakke.toml when it exists, else defaults."""
    base = base or Path.cwd()
    if path is None and (base / CONFIG_NAME).is_file():
        path = base / CONFIG_NAME
    raw: dict[str, Any] = {}
    if path is not None:
        # A file that is not there cannot tell which standard the service writes: said in
        # bokmål, the default. One that is there but cannot be read as TOML (or as UTF-8)
        # is said in the standard its lines ask for, where a line says it (malform_in_text).
        if Path(path).is_dir():
            # --config naming the installation's folder: «en uventet feil (IsADirectoryError)»,
            # exit 3, before (a PermissionError on Windows).
            inside = Path(path) / CONFIG_NAME
            raise ConfigError(
                f"Konfigurasjonsfilen {path} er en mappe, ikke en fil. Skriv stien til selve "
                "filen" + (f": --config {inside}." if inside.is_file() else "."))
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise ConfigError(f"Fant ikke konfigurasjonsfilen {path}.") from None
        try:
            # A byte order mark is how Notepad and PowerShell 5 save UTF-8: not an error.
            raw = tomllib.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            error = ConfigError.said("tegnkoding", fil=path)
            error.malform = malform_in_text(data.decode("cp1252", errors="replace"))
            raise error from None
        except tomllib.TOMLDecodeError as exc:
            text = data.decode("utf-8-sig", errors="replace")
            raise _syntax_error(Path(path), exc, text) from None
        base = Path(path).resolve().parent
    try:
        return _build(raw, base, path)
    except ConfigError as exc:
        exc.malform = messages_malform_of(raw)  # a wrong key or value, in the file's standard
        raise


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError, text: str) -> ConfigError:
    """Where the file cannot be read, in Norwegian (tomllib says it in English: «Expected ']'
    at the end of a table declaration (at line 65, column 11)»), in the standard its lines
    ask for (malform_in_text). A line `målform = "nynorsk"` is one: TOML allows no «å» in
    a key not in quotes. It is said as the setting's name to write without «å», in nynorsk
    when its value asks for it."""
    found = re.search(r"at line (\d+), column (\d+)", str(exc))
    malform = malform_in_text(text)
    if not found:
        error = ConfigError.said("syntaks", fil=path)
    elif (said := _malform_with_a_ring(text, int(found[1]))) is not None:
        error = ConfigError.said("syntaks_malform", fil=path, linje=found[1], verdi=said)
        malform = "nynorsk" if said == "nynorsk" else malform
    else:
        error = ConfigError.said("syntaks_linje", fil=path, linje=found[1], tegn=found[2])
    error.malform = malform
    return error


def _malform_with_a_ring(text: str, line: int) -> Malform | None:
    """The standard asked for when the line is malform written with «å» (`målform =
    "nynorsk"`, `Målform = "nn"`, the value unquoted too), a key TOML does not read
    unquoted; else None."""
    lines = text.splitlines()
    found = _KEY_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if found is None or found[1].isascii() or found[1].casefold() not in MALFORM_KEYS:
        return None
    return "nynorsk" if found[2].strip().casefold() in NYNORSK_SAID else DEFAULT


MALFORM_KEYS = ("malform", "målform", "maalform")
"""[service] malform as it is written, and as it may be misspelt (with «å»)."""
NYNORSK_SAID = ("nynorsk", "nn", "nno", "nn-no", "ny-norsk")
"""Values that ask for nynorsk, as written or nearly: a message says it in nynorsk."""
_TABLE = re.compile(r"""^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$""")
_MALFORM_LINE = re.compile(r"""^\s*["']?(\w+)["']?\s*=\s*["']([^"']*)["']""")
_KEY_LINE = re.compile(r"""^\s*(\w+)\s*=\s*["']?([^"'#]*)""")
"""A line's key as written bare, and its value, quoted or not (`målform = nynorsk`)."""


def malform_in_text(text: str) -> Malform:
    """The standard of the service's messages from a configuration that cannot be read as
    TOML (a syntax error elsewhere in it) or as UTF-8: its lines looked at one by one,
    [service] malform (or [kommuner."NNNN"] malform) where a line gives it, as
    messages_malform_of reads them. Bokmål when no line says."""
    service: dict[str, Any] = {}
    kommuner: dict[str, Any] = {}
    table = ""
    for line in text.splitlines():
        if found := _TABLE.match(line):
            table = found[1].replace(" ", "")
            if table.startswith("kommuner."):
                kommuner.setdefault(table, {})
            continue
        found = _MALFORM_LINE.match(line)
        if not found or found[1].casefold() not in MALFORM_KEYS:
            continue
        if table == "service":
            service[found[1]] = found[2]
        elif table in kommuner:
            kommuner[table][found[1]] = found[2]
    return messages_malform_of({"service": service, "kommuner": kommuner})


def setting_line(path: Path | None, table: str, key: str) -> int | None:
    """The line of `key = …` under [table] in the configuration file, as an editor numbers
    it, for a message about the setting's value (a folder that is not one): written under
    [table], as a dotted key (`table.key = …` at the top, or under a table above it), or in
    an inline table (`table = { key = … }`); None when the file does not write it."""
    if path is None:
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeError):
        return None
    inline = re.compile(rf"""[{{,]\s*["']?{re.escape(key)}["']?\s*=""")
    current: list[str] = []
    for number, line in enumerate(lines, start=1):
        if found := _TABLE.match(line):
            current = _key_parts(found[1])
            continue
        if (written := _DOTTED_KEY.match(line)) is None:
            continue
        full = current + _key_parts(written[1])
        if full == [table, key] or (full == [table] and inline.search(line)):
            return number
    return None


_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_DOTTED_KEY = re.compile(rf"""^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=""")
"""A line's key as TOML writes it: bare or quoted, dotted or not (`paths.mappings = …`)."""


def _key_parts(written: str) -> list[str]:
    """`paths . "mappings"` as ["paths", "mappings"]: a key's or a table header's parts."""
    return [part.strip("\"'") for part in re.findall(_PART, written)]


def _unknown(given: Any, known: Iterable[str], where: str) -> None:
    """An error naming settings that are not ones, with the one probably meant."""
    unknown = sorted(set(given) - set(known))
    if not unknown:
        return
    hint = get_close_matches(unknown[0], list(known), n=1, cutoff=0.7)
    if len(unknown) == 1 and hint:  # with several, a hint would not say for which
        raise ConfigError.said("ukjent_mente", hvor=where, navn=unknown[0],
                               forslag=f"«{hint[0]}»")
    raise ConfigError.said("ukjent", hvor=where, navn=", ".join(unknown))


def messages_malform_of(raw: dict[str, Any]) -> Malform:
    """The standard of what the program says to staff itself (Settings.messages_malform),
    from the configuration as written: [service] malform when it is given; when it is not
    and every municipality in [kommuner] writes nynorsk, nynorsk; else bokmål. Read without
    judging the rest, so that an error elsewhere in the file is said in the standard the
    file asks for. A malform that is not one but asks for nynorsk («nn», «Nynorsk»), or
    the key misspelt («målform»), is an error said in nynorsk."""
    service = raw.get("service")
    service = service if isinstance(service, dict) else {}
    if (said := _malform_said(service)) is not None:
        return said
    kommuner = raw.get("kommuner")
    if isinstance(kommuner, dict) and kommuner and all(
            isinstance(k, dict) and _malform_said(k) == "nynorsk" for k in kommuner.values()):
        return "nynorsk"  # every municipality writes nynorsk: so does the service
    return DEFAULT


def _malform_said(table: dict[str, Any]) -> Malform | None:
    """The standard a table's malform asks for, leniently (MALFORM_KEYS, NYNORSK_SAID);
    None when it gives none."""
    for key, value in table.items():
        if isinstance(key, str) and key.strip().casefold() in MALFORM_KEYS:
            said = value.strip().casefold() if isinstance(value, str) else ""
            return "nynorsk" if said in NYNORSK_SAID else DEFAULT
    return None


TOP_LEVEL = ("paths", "schedule", "documents", "watch", "logs", "programme", "service",
             "kommuner", "qualify_months", "retention", "compliance", "template_lock", "archive")
"""The settings and sections of omsorgspakke.toml's top level (_build takes each)."""


def _build(raw: dict[str, Any], base: Path, source: Path | None) -> Settings:
    where = source.name if source else CONFIG_NAME
    raw = dict(raw)
    given: dict[str, Any] = raw["paths"] if isinstance(raw.get("paths"), dict) else {}
    templates_given, mappings_given = "templates" in given, "mappings" in given
    inbox_given = "inbox" in given
    paths = _section(Paths, raw.pop("paths", {}), f"{where} [paths]")
    for f in fields(Paths):
        value = Path(getattr(paths, f.name)).expanduser()
        setattr(paths, f.name, value if value.is_absolute() else base / value)
    schedule = _section(Schedule, raw.pop("schedule", {}), f"{where} [schedule]")
    documents = _section(Documents, raw.pop("documents", {}), f"{where} [documents]")
    watch = _section(Watch, raw.pop("watch", {}), f"{where} [watch]")
    logs = _section(Logs, raw.pop("logs", {}), f"{where} [logs]")
    # Unset means the state folder's logs/, decided when logging starts, so --state moves it too.
    logs.folder = base / Path(logs.folder).expanduser() if logs.folder else None
    programme = dict(raw.pop("programme", {}))
    messages_malform = messages_malform_of(raw)
    service = _service(raw.pop("service", {}), f"{where} [service]")
    malform = service.pop("malform", "bokmal")
    kommuner = _kommuner(raw.pop("kommuner", {}), where, malform)
    programme_files = _programme_files(programme, base, malform, f"{where} [programme]")
    qualify = raw.pop("qualify_months", 12)
    if isinstance(qualify, bool) or not isinstance(qualify, int):
        raise ConfigError.said("heltall", hvor=where, navn="qualify_months", eksempel="12")
    template_given = raw.get("template_lock")
    if template_given is not None and not isinstance(template_given, str):
        raise ConfigError.said("tekst", hvor=where, navn="template_lock")
    retention = _section(Retention, raw.pop("retention", {}), f"{where} [retention]")
    compliance = _section(Compliance, raw.pop("compliance", {}), f"{where} [compliance]")
    template_lock = raw.pop("template_lock", None)
    archive = _section(Archive, raw.pop("archive", {}), f"{where} [archive]")
    archive.folder = base / Path(archive.folder).expanduser()
    _unknown(raw, TOP_LEVEL, where)
    settings = Settings(
        paths=paths,
        schedule=schedule,
        documents=documents,
        programme_file=programme_files.get(malform),
        programme_files=programme_files,
        qualify_months=int(qualify),
        service=service,
        malform=malform,
        kommuner=kommuner,
        messages_malform=messages_malform,
        source=source,
        retention=retention,
        compliance=compliance,
        template_lock=(base / Path(template_lock).expanduser()) if template_lock else None,
        watch=watch,
        logs=logs,
        archive=archive,
        templates_given=templates_given,
        mappings_given=mappings_given,
        inbox_given=inbox_given,
    )
    _check(settings, where)
    _check_positive(settings, where)
    return settings


def _section(cls, values: dict[str, Any], where: str):
    if not isinstance(values, dict):
        raise ConfigError.said("seksjon", hvor=where)
    _unknown(values, [f.name for f in fields(cls)], where)
    values = dict(values)
    _types(cls, values, where)
    return cls(**values)


PARTIES = ("barnet", "foreldre", "fosterfamilien")
"""The parties of start_times and party_offset_days (domain.model.PartId)."""

CHECKED_ELSEWHERE = {
    "workday_start", "workday_end", "visit_time", "joint_meeting_time",  # _clock
    "notice_days", "missed_after_days", "min_interval_days", "max_per_day",  # _check_planning
    "visits_after_two_years", "interpreter_notice_days", "travel_minutes",
    "child_meets_at", "delivery_default", "delivery_child",  # one of two words
}
"""Settings whose value is judged, with a message of its own, after the section is made."""

EXAMPLES: dict[str, str] = {
    "extra_closed_days": '["2027-05-07", "2027-12-23"]',
    "klassering": '["ARKNOKKEL:F47"]',
}
"""An example for a list whose default (empty) shows nothing of how it is written."""


def _types(cls, values: dict[str, Any], where: str) -> None:
    """An error naming a setting of a wrong kind (text for a number, a number for a list):
    each was used as given, and a run stopped with «an unexpected error» (exit 3, which
    watch's service restarts for ever) where the value was first used. The kind is the
    default's; a time of day and the settings CHECKED_ELSEWHERE are judged after."""
    for f in fields(cls):
        if f.name not in values or f.name in CHECKED_ELSEWHERE:
            continue
        value = values[f.name]
        default = f.default_factory() if callable(f.default_factory) else f.default
        said = {"hvor": where, "navn": f.name, "eksempel": EXAMPLES.get(f.name)
                or _toml(default)}
        if f.name == "summer_weeks" and not isinstance(value, list):
            raise ConfigError.said("sommeruker", hvor=where.rsplit(" [", 1)[0])
        if f.name == "extra_closed_days":
            values[f.name] = _dates(value, where, said)
        elif f.name == "start_times":
            if not isinstance(value, dict):
                raise ConfigError.said("tabell_verdier", **said)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError.said("sann_usann", **said)
        elif isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError.said("heltall", **said)
        elif isinstance(default, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError.said("tall", **said)
        elif isinstance(default, dict):
            if not isinstance(value, dict) or not all(
                    isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
                raise ConfigError.said("tabell_verdier", **said)
        elif isinstance(default, list):
            if not isinstance(value, list):
                raise ConfigError.said("liste", **said)
        if f.name in ("start_times", "party_offset_days"):
            # «barn» for «barnet» was left out without a word: the default time was used.
            for part in value:
                if part not in PARTIES:
                    raise ConfigError.said("ukjent_del", hvor=where, navn=f.name, del_=part)
        elif isinstance(default, (str, Path)) or default is None:
            if not isinstance(value, str):
                raise ConfigError.said("tekst", hvor=where, navn=f.name)


def _toml(value: Any) -> str:
    """A default as it is written in omsorgspakke.toml, for an example in a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return f'"{value}"'


NORWEGIAN_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
"""07.05.2027 as Norwegians write a date: the ISO form of it is said as the fix."""


def _dates(value: Any, where: str, said: dict[str, Any]) -> list[str]:
    """[schedule] extra_closed_days as ISO dates (ÅÅÅÅ-MM-DD); a TOML date (written without
    quotes) is one too. Any other form is an error naming the value and the form: read as
    given, «07.05.2027» stopped every run with an unexpected error (exit 3)."""
    if not isinstance(value, list):
        raise ConfigError.said("liste", **said)
    out = []
    for day in value:
        if isinstance(day, date) and not isinstance(day, datetime):
            out.append(day.isoformat())
            continue
        text = day.strip() if isinstance(day, str) else str(day)
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError(text)
            out.append(date.fromisoformat(text).isoformat())
        except ValueError:
            found = NORWEGIAN_DATE.fullmatch(text)
            try:
                fix = date(int(found[3]), int(found[2]), int(found[1])).isoformat() \
                    if found else "2027-05-07"
            except ValueError:
                fix = "2027-05-07"
            raise ConfigError.said("dato", hvor=where, navn="extra_closed_days", verdi=text,
                                   forslag=fix) from None
    return out


def _service(values: Any, where: str) -> dict[str, str]:
    """[service] or one [kommuner."NNNN"]: letterhead fields and malform, all text."""
    if not isinstance(values, dict):
        raise ConfigError.said("tabell", hvor=where, navn=", ".join(SERVICE_KEYS))
    _unknown(values, (*SERVICE_KEYS, "malform"), where)
    out = {}
    for key, value in values.items():
        if not isinstance(value, str):
            raise ConfigError.said("tekst", hvor=where, navn=key)
        out[key] = value
    if out.get("malform", "bokmal") not in MALFORMER:
        raise ConfigError.said("malform", hvor=where)
    return out


def _programme_files(values: dict[str, Any], base: Path, malform: str,
                     where: str) -> dict[str, Path]:
    _unknown(values, ("file", *MALFORMER), where)
    if "file" in values and malform in values:
        raise ConfigError.said("programfil_to", hvor=where, malform=malform)
    named: dict[str, Any] = {m: values[m] for m in MALFORMER if m in values}
    if "file" in values:
        named[malform] = values["file"]
    return {m: base / Path(str(v)).expanduser() for m, v in named.items()}


def _kommuner(values: Any, where: str, default_malform: str) -> dict[str, Kommune]:
    if not isinstance(values, dict):
        raise ConfigError.said("kommuner", hvor=where)
    out = {}
    for number, table in values.items():
        if not (len(number) == 4 and number.isdigit()):
            raise ConfigError.said("kommunenummer", hvor=where, nummer=number)
        service = _service(table, f'{where} [kommuner."{number}"]')
        out[number] = Kommune(service.pop("malform", default_malform), service)
    return out


CLOCK = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)(?::[0-5]\d)?")
"""A time of day as people write it: 13:30, or 13.30 as Norwegian does; 9:00 for 09:00;
08:00:00 (seconds, as the release before took them) for 08:00."""


def _clock(value: Any, key: str, **fields: Any) -> str:
    """The time as HH:MM, or the error [konfig] key (CLOCK). Python's own reading takes
    «13.30» for 13:00 and a fraction of a second, which would book every meeting at 13.00."""
    found = CLOCK.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None:
        raise ConfigError.said(key, **fields)
    return f"{int(found.group(1)):02d}:{found.group(2)}"


def _times(settings: Settings, where: str) -> None:
    """Every time of day in the settings as HH:MM, or an error naming the one that is not."""
    s, d = settings.schedule, settings.documents
    s.workday_start = _clock(s.workday_start, "klokkeslett", hvor=where, navn="workday_start")
    s.workday_end = _clock(s.workday_end, "klokkeslett", hvor=where, navn="workday_end")
    s.start_times = {party: _clock(value, "klokkeslett", hvor=where,
                                   navn=f"start_times.{party}")
                     for party, value in s.start_times.items()}
    s.visit_time = _clock(s.visit_time, "tid", hvor=where, seksjon="schedule",
                          navn="visit_time")
    d.joint_meeting_time = _clock(d.joint_meeting_time, "tid", hvor=where,
                                  seksjon="documents", navn="joint_meeting_time")


def _check(settings: Settings, where: str) -> None:
    _times(settings, where)
    s = settings.schedule
    end = time.fromisoformat(s.workday_end)
    for part, start in s.start_times.items():
        begins = datetime.combine(date.min, time.fromisoformat(start))
        if (begins + timedelta(minutes=s.duration_minutes)).time() > end or start < s.workday_start:
            raise ConfigError.said("arbeidstid", hvor=where, part=part, start=start,
                                   fra=s.workday_start, til=s.workday_end)
    for name in ("theme_interval_days", "early_theme_interval_days", "move_followup_interval_days"):
        if getattr(s, name) < 1:
            raise ConfigError.said("minst_1", hvor=where, seksjon="schedule", navn=name)
    for name in ("invitation_days_before", "post_days", "short_notice_days",
                 "stale_export_days"):
        if getattr(settings.documents, name) < 1:
            raise ConfigError.said("minst_1", hvor=where, seksjon="documents", navn=name)
    if s.child_conversation_min_age < 0:
        raise ConfigError.said("negativ", hvor=where, navn="child_conversation_min_age")
    if s.theme_interval_days > 31:
        raise ConfigError.said("temaintervall", hvor=where)
    _check_planning(s, where)
    d = settings.documents
    joint = time.fromisoformat(d.joint_meeting_time)
    if not time.fromisoformat(s.workday_start) <= joint < end:
        raise ConfigError.said("tid_utenfor", hvor=where, seksjon="documents",
                               navn="joint_meeting_time")
    for name in ("delivery_default", "delivery_child"):
        if getattr(d, name) not in DELIVERY:
            raise ConfigError.said("ett_av", hvor=where, seksjon="documents", navn=name,
                                   a="digitalt", b="post")


def _check_planning(s: Schedule, where: str) -> None:
    for name in ("notice_days", "missed_after_days", "min_interval_days", "max_per_day",
                 "visits_after_two_years", "interpreter_notice_days", "travel_minutes"):
        value, zero = getattr(s, name), name in ("notice_days", "missed_after_days",
                                                 "travel_minutes")
        if isinstance(value, bool) or not isinstance(value, int) or value < (0 if zero else 1):
            raise ConfigError.said("heltall_0" if zero else "heltall_1", hvor=where, navn=name)
    if s.min_interval_days > s.theme_interval_days:
        raise ConfigError.said("min_intervall", hvor=where)
    if not all(isinstance(w, int) and not isinstance(w, bool) and 1 <= w <= 53
               for w in s.summer_weeks):
        raise ConfigError.said("sommeruker", hvor=where)
    if s.child_meets_at not in ("fosterhjemmet", "kontoret"):
        raise ConfigError.said("ett_av", hvor=where, seksjon="schedule", navn="child_meets_at",
                               a="fosterhjemmet", b="kontoret")
    visit = time.fromisoformat(s.visit_time)
    if not time.fromisoformat(s.workday_start) <= visit < time.fromisoformat(s.workday_end):
        raise ConfigError.said("tid_utenfor", hvor=where, seksjon="schedule", navn="visit_time")


def _check_positive(settings: Settings, where: str) -> None:
    for section, values in (("watch", settings.watch), ("logs", settings.logs)):
        for f in fields(values):
            value = getattr(values, f.name)
            if isinstance(value, (int, float)) and not value > 0:
                raise ConfigError.said("positiv", hvor=where, seksjon=section, navn=f.name)
