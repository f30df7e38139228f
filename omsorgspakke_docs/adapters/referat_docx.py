"""Minutes (referat) that a contact person has written and put back in the inbox.

The document is one the pipeline made: its hidden marker (minutes_marker) names the case by
kommunenummer and journalnummer and the conversation by part, tema and nummer. The adapter
reads what was written in the content controls (the date the conversation was held, who took
part, the answer to each assessment question) and delivers a partial case: the key, the
conversation as held, and the assessment. The pipeline merges it into the case it already
knows and makes the overview and the final evaluation again; a case it does not know sends
the file to the failed folder (updates_only).

Minutes read before that come back saved later with their date emptied, and with what was
written in them still there, were for another conversation: they are taken back
(withdrawn_case, merge.withdraw). Without a saved time, or blank, or never read, they are
minutes without a date, and go to the failed folder.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from pydantic import ValidationError

from ..domain.merge import WITHDRAWN
from ..domain.model import Case, Samtale, Vurdering
from ..errors import InputError
from ..hookspecs import hookimpl
from ..intake.guards import check_zip_archive
from ..planning.workdays import MONTHS, OSLO, norsk_dato
from ..rendering import minutes_marker as mm
from ..text import MALFORMER

WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
"""Word's main namespace: python-docx (loaded when minutes are read) spells it qn("w:...")."""


def qn(tag: str) -> str:
    """"w:sdt" as lxml names it."""
    prefix, _, name = tag.partition(":")
    assert prefix == "w", tag
    return WORD + name


ASSESSMENT_FIELDS = tuple(n for n in Vurdering.model_fields
                          if n not in ("part", "tema", "forelder", "dato"))
MAX_TEXT = 20_000
"""Characters kept from one answer: more than any assessment needs."""

_ABBREVIATIONS = {m[:3]: i for i, m in enumerate(MONTHS, start=1)}
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})$")

AGAIN = "Rett det i referatet og legg det i innboksen på nytt."
NO_DATE = "Referatet mangler datoen samtalen ble holdt."


@dataclass
class Written:
    """What the contact person wrote in the minutes."""

    held: date | None = None
    saved: datetime | None = None
    """When the file was last saved (UTC), if its editor says so."""
    participants: list[str] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)


class ReferatDocx:
    name = "referat-docx"
    description = "Utfylt referat (Word) som kommer tilbake fra kontaktpersonen"
    updates_only = (
        "Referatet hører til en sak som programmet ikke kjenner: ingen sak med dette "
        "journalnummeret og kommunenummeret er kommet inn fra fagsystemet."
    )
    """The file only adds to a case the state knows; for an unknown case, this message."""

    def claims(self, sample) -> bool:
        if sample.suffix != ".docx" or not sample.head.startswith(b"PK"):
            return False
        try:
            check_zip_archive(sample.path)
            with zipfile.ZipFile(sample.path) as archive:
                return mm.find_marker(archive) is not None or mm.is_joint_meeting(archive)
        except (InputError, zipfile.BadZipFile, OSError):
            return False

    def refuses(self, case: Case, today: date, known: Case | None) -> InputError | None:
        """Minutes held on a day still to come: a slip of the year, most often («22.12.27»
        for 2026). Taken, the conversation would be held after the programme's end. And an
        older copy of minutes already read (a draft that comes back after the final one):
        taken, it would replace what the contact person wrote last."""
        if case.kilde == WITHDRAWN:
            return _not_read(case, known) or next(
                (_older(case, this, read, known) for this, read in _older_copies(case, known)),
                None)
        held = next((s for s in case.samtaler if s.dato > today), None)
        if held is not None:
            return InputError(
                f"{_whose(case, held, known)}\n"
                f"Datoen samtalen ble holdt, {norsk_dato(held.dato)}, er etter dagens dato, "
                f"{norsk_dato(today)}.",
                what_to_do=f"Skriv riktig dato i feltet «{mm.HELD.title}», og legg referatet "
                           "i innboksen på nytt.")
        for this, read in _older_copies(case, known):
            return _older(case, this, read, known)
        return None

    def read(self, path: Path):
        check_zip_archive(path)
        with zipfile.ZipFile(path) as archive:
            marker = mm.find_marker(archive)
            joint = marker is None and mm.is_joint_meeting(archive)
            grey = set(mm.grey_texts(archive).values())
        if joint:  # nothing in it to read back: said, not taken for some other Word file
            raise InputError(
                "Dette er referatet fra det felles møtet. Det leses ikke inn her.",
                what_to_do="Følg det som står under tittelen i referatet, om hvordan det "
                           "kommer i journalen. Denne kopien kan slettes når det er gjort.")
        if marker is None:
            raise InputError("Dokumentet er ikke et referat laget av omsorgspakke-docs.")
        if not marker.journalnummer:
            raise InputError(
                "Referatet hører til en sak uten journalnummer, så det kan ikke kobles til "
                "saken automatisk.",
                what_to_do="Før inn dato og vurdering i fagsystemet, så kommer de med i neste "
                           "eksport.",
            )
        try:
            written = read_written(path, marker, grey)
        except InputError as exc:  # whose minutes: so staff know whom to give them back to
            raise InputError(f"{which_minutes(marker)}\n{exc}",
                             what_to_do=exc.what_to_do) from None
        if written.held is None:
            if written.saved is None or not (written.participants or any(written.answers.values())):
                raise InputError(f"{which_minutes(marker)}\n{NO_DATE}",
                                 what_to_do=f"Skriv datoen i feltet «{mm.HELD.title}». {AGAIN}")
            yield withdrawn_case(marker, written)  # refuses: only minutes read, a later copy
            return
        yield partial_case(marker, written, self.name)


def _older(case: Case, this: Samtale, read: Samtale, known: Case | None) -> InputError:
    """This copy of the minutes was saved before the copy read already: that one stays."""
    return InputError(
        f"{_whose(case, this, known)}\n"
        "Denne kopien av referatet er eldre enn den som allerede er lest inn: denne "
        f"ble sist lagret {_when(this)}, den som er lest inn, {_when(read)}. Den "
        "som er lest inn, brukes videre.",
        what_to_do="Er det denne kopien som er den riktige, åpner du den, lagrer den "
                   "på nytt og legger den i innboksen igjen; da erstatter den "
                   "referatet som er lest inn. Ellers trenger du ikke gjøre noe, og "
                   "filen kan slettes.")


def _known(this: Samtale, known: Case | None) -> list[Samtale]:
    """The conversations the state has for the one these minutes are of."""
    return [] if known is None else [s for s in known.samtaler if s.identity == this.identity]


def _not_read(case: Case, known: Case | None) -> InputError | None:
    """Minutes with their date emptied (withdrawn_case) for a conversation no minutes were
    read for: nothing to take back, so the date is missing, as for any minutes."""
    for this in case.samtaler:
        if not any(read.referat_mottatt for read in _known(this, known)):
            return InputError(f"{_whose(case, this, known)}\n{NO_DATE}",
                              what_to_do=f"Skriv datoen i feltet «{mm.HELD.title}». {AGAIN}")
    return None


def _older_copies(case: Case, known: Case | None) -> list[tuple[Samtale, Samtale]]:
    """The conversations of these minutes that minutes saved later were read for already:
    (this copy's, the one read). Minutes without a saved time (an editor that sets none)
    are taken in the order they come."""
    return [(this, read) for this in case.samtaler for read in _known(this, known)
            if this.referat_lagret and read.referat_lagret
            and this.referat_lagret < read.referat_lagret]


def _when(entry: Samtale) -> str:
    """When minutes were saved, in Norwegian time: «20. november 2026 kl. 14.05»."""
    assert entry.referat_lagret is not None
    local = entry.referat_lagret.astimezone(OSLO)
    return f"{norsk_dato(local.date())} kl. {local:%H.%M}"


def _saved(properties) -> datetime | None:
    """When the file was last saved (UTC), from its document properties; None when its
    editor did not say (modified not after created, as in the minutes the run made)."""
    try:
        modified, created = properties.modified, properties.created
    except (TypeError, ValueError):  # an empty or odd date in the file's properties
        return None
    if modified is None:
        return None
    modified = modified if modified.tzinfo else modified.replace(tzinfo=UTC)
    if created is not None:
        created = created if created.tzinfo else created.replace(tzinfo=UTC)
        if modified <= created:
            return None
    return modified.astimezone(UTC)


def which_minutes(marker: mm.Marker) -> str:
    """The case and conversation the minutes are for, from their hidden marker: the journal
    number (as the case folders are named), the track and the theme; never a name."""
    return _which(marker.journalnummer, marker.part, marker.tema, marker.nummer)


def _whose(case: Case, entry: Samtale, known: Case | None) -> str:
    """_which, with the parent a parent's own conversation is with, by the role the case
    gives them («foreldre (mor), tema 1»), when the case is known."""
    who: str = entry.part
    if entry.forelder is not None and known is not None and entry.forelder < len(known.foreldre):
        role = known.parent_roles()[entry.forelder] or f"forelder {entry.forelder + 1}"
        who = f"{entry.part} ({role})"
    return _which(case.journalnummer, entry.part, entry.tema, entry.nummer, who)


def _which(journalnummer: str | None, part: str, tema: int, nummer: int,
           who: str | None = None) -> str:
    """«barnet, tema 1»; the move follow-up by its name, never «tema 0». who: the party as
    said, when it says more than part («foreldre (mor)»)."""
    said = who or part
    if tema == 0:
        from ..domain import programme  # the default programme's name, on this path only

        try:
            title = programme.load().part(part).tema(0).tittel
        except (KeyError, LookupError, ValueError):
            title = "Oppfølging i flytteprosessen"
        return f"Referatet gjelder sak {journalnummer}: {said}, «{title}» (kontakt {nummer})."
    return f"Referatet gjelder sak {journalnummer}: {said}, tema {tema}."


def read_written(path: Path, marker: mm.Marker, grey: Collection[str] = ()) -> Written:
    """What was written in the minutes' places. grey: digests of the grey text the minutes
    were made with (minutes_marker.grey_texts), read back as nothing written while it is
    word for word as made."""
    from docx import Document  # python-docx: loaded when minutes are read, not at every start

    try:
        document = Document(str(path))
        body = document.element.body
    except Exception:  # noqa: BLE001 - any parser failure is a damaged file; never quote it
        raise InputError(
            "Referatet kunne ikke leses som et Word-dokument. Det kan være skadet.") from None
    written = Written(saved=_saved(document.core_properties))
    controls = [_control(sdt, grey) for sdt in body.iter(qn("w:sdt"))]
    if not controls:
        raise InputError(
            "Referatet har ingen felt å lese fra. Feltene kan ha blitt slettet.",
            what_to_do="Skriv referatet i en ny kopi av referatmalen fra utboksen, eller før "
                       "inn dato og vurdering i fagsystemet.",
        )
    untagged_answers = []
    for tag, title, text, full_date in controls:
        if tag == mm.HELD.tag or (not tag and title in _titles(0)):
            written.held = _held(text, full_date)
        elif tag == mm.PARTICIPANTS.tag or (not tag and title in _titles(1)):
            written.participants = [n.strip() for n in re.split(r"[\n;]", text) if n.strip()]
        elif tag.startswith(mm.ASSESSMENT.tag):
            written.answers[tag.removeprefix(mm.ASSESSMENT.tag)] = text
        elif not tag and title.startswith(tuple(_titles(2))):
            untagged_answers.append(text)
    # An editor that drops tags keeps the titles: the answers then come in question order.
    for question, text in zip(marker.sporsmal, untagged_answers, strict=False):
        written.answers.setdefault(question, text)
    return written


def _titles(index: int) -> set[str]:
    """The titles of one place (0 held, 1 participants, 2 assessment) in either standard."""
    return {mm.places(m)[index].title for m in MALFORMER}


def _control(sdt, grey: Collection[str] = ()) -> tuple[str, str, str, str | None]:
    """Tag, title, written text (empty while the placeholder shows, or its grey text is
    there as made: grey) and picked date."""
    pr = sdt.find(qn("w:sdtPr"))
    content = sdt.find(qn("w:sdtContent"))

    def value(name: str) -> str:
        el = pr.find(qn(name)) if pr is not None else None
        return (el.get(qn("w:val")) or "") if el is not None else ""

    picker = pr.find(qn("w:date")) if pr is not None else None
    full_date = picker.get(qn("w:fullDate")) if picker is not None else None
    text = _text(content) if content is not None else ""
    showing = pr is not None and pr.find(qn("w:showingPlcHdr")) is not None
    if showing or mm.is_prompt(text, grey):
        text = ""
    return value("w:tag"), value("w:alias"), text[:MAX_TEXT], full_date


def _text(content) -> str:
    """The text of a control, one line per paragraph; tabs and line breaks as written."""
    paragraphs = content.findall(f".//{qn('w:p')}") or [content]
    lines = []
    for p in paragraphs:
        parts = []
        for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
            parts.append(el.text or "" if el.tag == qn("w:t") else
                         "\t" if el.tag == qn("w:tab") else "\n")
        lines.append("".join(parts))
    return "\n".join(lines).strip()


def _held(text: str, full_date: str | None) -> date | None:
    if text:
        found = parse_date(text)
        if found is None:
            raise InputError(
                f"Datoen i feltet «{mm.HELD.title}» kan ikke leses.",
                what_to_do=f"Skriv datoen som 20.11.2026 eller 20. november 2026. {AGAIN}",
            )
        return found
    if full_date:
        return parse_date(full_date[:10])
    return None


def parse_date(text: str) -> date | None:
    """A date as people write it: 20.11.2026, 20.11.26, 2026-11-20, (fredag) 20. november 2026."""
    text = text.strip().lower().rstrip(".")
    text = re.sub(r"^[a-zæøå]+dag,?\s+", "", text)
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC.match(text):
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return date(year, int(m[2]), int(m[1]))
        if (m := _WORDS.match(text)) and m[2][:3] in _ABBREVIATIONS:
            return date(int(m[3]), _ABBREVIATIONS[m[2][:3]], int(m[1]))
    except ValueError:
        return None
    return None


def partial_case(marker: mm.Marker, written: Written, source: str) -> Case:
    """The key, the conversation as held, and the assessment: only what the minutes hold."""
    answers = {k: v for k, v in written.answers.items() if k in ASSESSMENT_FIELDS and v}
    try:
        who = {"deltakere": written.participants} if written.participants else {}
        samtale = Samtale(part=marker.part, tema=marker.tema, nummer=marker.nummer,
                          forelder=marker.forelder, dato=written.held, status="gjennomfort",
                          referat_mottatt=True, referat_lagret=written.saved, **who)
        assessed = [Vurdering(part=marker.part, tema=marker.tema, forelder=marker.forelder,
                              dato=written.held, **answers)]
        case = Case(kommunenummer=marker.kommunenummer, bydel=marker.bydel,
                    journalnummer=marker.journalnummer,
                    kilde=source, samtaler=[samtale],
                    **({"vurderinger": assessed} if answers else {}))
    except ValidationError:
        raise _damaged_marker() from None
    return case


def _damaged_marker() -> InputError:
    return InputError("Det skjulte merket i referatet er skadet, så saken kan ikke finnes.",
                      what_to_do="Bruk referatmalen fra utboksen uten å endre "
                                 "dokumentegenskapene.")


def withdrawn_case(marker: mm.Marker, written: Written) -> Case:
    """Minutes read before, back saved later with their date emptied: they were written for
    another conversation, and are taken back (merge.withdraw). The key and the conversation
    only; its date is the day the copy was saved (a conversation needs one; never kept)."""
    assert written.saved is not None
    try:
        samtale = Samtale(part=marker.part, tema=marker.tema, nummer=marker.nummer,
                          forelder=marker.forelder, dato=written.saved.astimezone(OSLO).date(),
                          referat_lagret=written.saved)
        return Case(kommunenummer=marker.kommunenummer, bydel=marker.bydel,
                    journalnummer=marker.journalnummer, kilde=WITHDRAWN, samtaler=[samtale])
    except ValidationError:
        raise _damaged_marker() from None


@hookimpl
def register_adapters(register):
    register(ReferatDocx())
