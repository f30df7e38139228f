"""Which adapter reads a file: the one that claims it (the most specific of several mappings),
asked through a firstresult hook."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import InputError
from ..hookspecs import hookimpl
from ..plugins import collect
from ..text import DEFAULT, Tekst, tekst
from .guards import bom_encoding, check_zip_archive
from .xmlsafe import PARSER_OPTIONS

if TYPE_CHECKING:
    from ..config import Settings
    from ..hookspecs import Adapter

SAMPLE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Sample:
    """The start of a file: enough for an adapter to recognise its format without parsing."""

    path: Path
    head: bytes

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    def text(self) -> str:
        bom = bom_encoding(self.head)
        if bom:
            return self.head.decode(bom, errors="replace")
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return self.head.decode(encoding)
            except UnicodeDecodeError:
                continue
        return self.head.decode("latin-1")


def sample(path: Path) -> Sample:
    with open(path, "rb") as handle:
        return Sample(path, handle.read(SAMPLE_BYTES))


def adapters(pm, settings: Settings | None = None) -> list[Adapter]:
    """Every registered adapter; with settings, also those of the configured mapping files."""
    return collect(pm, "register_adapters", settings=settings)


def labels(found: list[Adapter]) -> dict[str, str]:
    """Each adapter in a caseworker's words, by name: its description up to the first comma
    or parenthesis («Familia: personrapport», «SSBs KOSTRA-fil for barnevern»: words read
    alike in bokmål and nynorsk), not the name IT knows it by (the list of disagreements
    between exports). Two whose words are the same (a mapping file copied for a new version
    of a report) are told apart by their names."""
    said = {a.name: re.split(r",| \(", getattr(a, "description", "") or "")[0].strip()
            for a in found}
    twice = {words for words in said.values() if list(said.values()).count(words) > 1}
    return {name: (f"{words} ({name})" if words in twice else words) if words else name
            for name, words in said.items()}


def detect(pm, path: Path, found: list[Adapter] | None = None,
           settings: Settings | None = None) -> Adapter:
    """The adapter that reads this file, among found (default: those registered with settings).
    """
    found = adapters(pm, settings) if found is None else found
    s = sample(path)
    if not s.head.strip():
        raise InputError("Filen er tom.", what_to_do="Lag eksporten på nytt i fagsystemet.")
    adapter = pm.hook.detect_adapter(sample=s, adapters=found)
    if adapter is None:
        raise unrecognised(found, s, settings)
    return adapter


def unrecognised(found: list, s: Sample, settings: Settings | None) -> InputError:
    """The note for a file no adapter claims: what did not match in the mappings that take
    its file type, and, when a mapping file is broken, that IT must fix it (not a new format).
    In the standard of the service's messages (Settings.messages_malform), the details of
    what did not match too."""
    from ..adapters.mapping.adapter import broken_files, why_not

    t = tekst(settings.messages_malform if settings is not None else DEFAULT)
    kind = not_an_export(s)
    if kind is not None:
        return InputError(t(f"feilmelding.{kind}"), what_to_do=t(f"feilmelding.{kind}_gjore"))
    tried = ", ".join(a.name for a in found)
    near: list[str] = []
    for adapter in found:
        notes = why_not(adapter, s)
        if notes:
            near.append(f"- {adapter.name}: "
                        f"{'; '.join(mismatch_in_standard(n, t) for n in notes)}.")
        if hint := renamed_column_hint(adapter, notes, t):  # as check --sample says it
            near.append(f"  {hint[0].upper()}{hint[1:]}")
    message = (t("feilmelding.ukjent_format_nesten", adaptere=tried, liste="\n".join(near))
               if near else t("feilmelding.ukjent_format", adaptere=tried))
    broken = broken_files(settings)
    if broken:
        return InputError(message, what_to_do=t("feilmelding.ukjent_format_mapping_feil",
                                                filer=", ".join(broken)))
    if near:
        return InputError(message, what_to_do=t("feilmelding.ukjent_format_rett"))
    return InputError(message, what_to_do=t("feilmelding.ukjent_format_gjore"))


def renamed_column_hint(adapter: Adapter, notes: list[str], t: Tekst) -> str | None:
    """Where a column recognition looks for stands in the mapping file, when all that kept
    the mapping from a file is columns its header row lacks (a column renamed in the journal
    system): fixed under [felt] only, the same note came back. Not after a wrong separator
    or encoding, where no column is found. Said by check --sample and the failed note."""
    if not notes or not all(note.startswith(("kolonnen ", "kolonnene ")) for note in notes):
        return None
    where = getattr(adapter, "file_name", adapter.name)  # only mappings say why
    return t("sjekk.provefil_gjenkjenning", fil=where)


OFFICE_SUFFIXES = (".xlsx", ".xlsm", ".docx", ".docm")
IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")


def not_an_export(s: Sample) -> str | None:
    """The kind of file staff drop by mistake and no journal system exports (a PDF, a zip
    folder, a picture, an old Office file), told by its first bytes: its note says what it
    is and what to do instead, not that IT should describe a new format."""
    head = s.head
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"[Content_Types].xml" not in head \
            and s.suffix not in OFFICE_SUFFIXES:
        return "zipmappe"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "gammel_office"
    if head.startswith(IMAGES):
        return "bilde"
    if head.startswith(b"PK\x03\x04") and s.suffix in (".docx", ".docm"):
        return _word_kind(s.path)
    if _cut_off(s):
        return "avkortet"
    return None


CUT_OFF_LIMIT = 16 * 1024 * 1024
"""The largest file read whole to tell whether it stops in the middle (_cut_off)."""


def _cut_off(s: Sample) -> bool:
    """Whether a JSON or XML file no adapter took stops before its content is complete (a
    copy or transfer that stopped on the way; a reader's finding: a JSON export cut after
    its first bytes was called an unknown format, for IT to describe): the first error a
    parser finds is at its very end. Not a file with a DOCTYPE, never parsed (xmlsafe)."""
    first = s.head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if first not in (b"{", b"[", b"<"):
        return False
    try:
        if s.path.stat().st_size > CUT_OFF_LIMIT:
            return False
        data = s.path.read_bytes()
    except OSError:
        return False
    if first != b"<":
        try:
            text = data.decode("utf-8-sig").rstrip()
            json.loads(text)
        except UnicodeDecodeError:
            return False
        except json.JSONDecodeError as error:
            return error.pos >= len(text) or error.msg.startswith("Unterminated string")
        return False
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
        return False
    lines = data.rstrip().splitlines() or [b""]
    try:
        etree.fromstring(data, etree.XMLParser(**PARSER_OPTIONS))  # type: ignore[call-overload]
    except etree.XMLSyntaxError as error:
        line, column = error.position
        return "Premature end" in str(error.msg) or (
            line >= len(lines) and column >= len(lines[-1]))
    return False


OUR_MARK = b"omsorgspakke-docs"
"""In every Word document this program makes: its core properties' creator."""
MINUTES_MARKS = (b"omsorgspakke-referat", b"referat.docx")
"""A minutes document's: its hidden marker's name (custom properties), its template's name
(the core properties' subject)."""


def _word_kind(path: Path) -> str:
    """A Word document no adapter took: minutes of ours whose hidden marker is damaged or of
    another release («referat_uten_merke»: to be kept, what is written in it matters), another
    document of ours («vart_dokument»: a letter, the plan, an evaluation), or someone else's
    («word»). Told from the small property parts only."""
    try:
        check_zip_archive(path)
        with zipfile.ZipFile(path) as package:
            parts = [package.getinfo(name) for name in package.namelist()
                     if name in ("docProps/core.xml", "docProps/custom.xml")]
            properties = b"".join(package.read(p) for p in parts if p.file_size <= 64 * 1024)
    except (InputError, KeyError, zipfile.BadZipFile, OSError, ValueError):
        return "word"
    if OUR_MARK not in properties and MINUTES_MARKS[0] not in properties:
        return "word"
    return "referat_uten_merke" if any(m in properties for m in MINUTES_MARKS) \
        else "vart_dokument"


def mismatch_in_standard(note: str, t: Tekst) -> str:
    """One thing that did not match (mapping/diagnose.py writes bokmål), in t's standard."""
    if t.malform == DEFAULT:
        return note
    found = t.note(note, "passet_ikke")
    if found == note:  # a file that could not be read at all: the message's own words
        found = t.note(note + ".").rstrip(".")
    return found.replace(tekst(DEFAULT)("passet_ikke.mente"), t("passet_ikke.mente"))


@hookimpl(trylast=True)
def detect_adapter(sample, adapters):
    """The one adapter that claims the file. When several mapping files do: the one that
    looks for everything the others look for and more (a vendor's report with the columns of
    a generic one and its own: adapters/mapping/spec.looks_for_all_of); else none can be
    chosen, and the file is set aside with their names, never read by the first that happens
    to come. With an adapter of code among them (a plugin, a built-in format), the first in
    the order adapters are registered, as always."""
    from ..adapters.mapping.adapter import MappingAdapter, most_specific

    claiming = [adapter for adapter in adapters if adapter.claims(sample)]
    if len(claiming) <= 1 or not all(isinstance(a, MappingAdapter) for a in claiming):
        return claiming[0] if claiming else None
    chosen = most_specific(claiming)
    if chosen is not None:
        return chosen
    names = ", ".join(a.name for a in claiming)
    files = ", ".join(a.file_name for a in claiming)
    raise InputError(
        f"Flere formater kjenner igjen denne filen: {names}. Programmet vet ikke hvilket av "
        "dem som skal lese den.",
        what_to_do=f"Be IT gjøre gjenkjenningen strengere ([gjenkjenning] i {files}), slik at "
                   "bare ett format kjenner igjen filen; «omsorgspakke check» viser hvilke "
                   "mappingfiler som kjenner igjen de samme filene. Legg så filen i innboksen "
                   "på nytt.")
