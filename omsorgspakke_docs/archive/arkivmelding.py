"""The Fiks Arkiv V1 message that files one document in the municipality's Noark 5 archive.

`arkivmelding.xml` (schema no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett, shipped in
data/fiks-arkiv-v1/) creates one journal entry (journalpost) in the child's case folder, with
one document in two variants: PDF/A-2b as the archive format and Word as the production
format. Every message is validated against the official schema before it is written; a
message that does not validate is a bug, never something to send.

The entry carries two titles. `tittel` is the archive's own and may name people.
`offentligTittel` is published in the public journal (offentlig journal), so every name in it
is masked as "*****", the convention of Noark archives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "data" / "fiks-arkiv-v1"
SCHEMA_FILE = SCHEMA_DIR / "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd"
NS = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1"
MDK = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1"
"""The metadata catalogue: the children of its types (kode, saksnummer, ...) are in its
namespace, the message's own elements in NS."""
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SYSTEM = "omsorgspakke-docs"
MASK = "*****"
JOINING = {"og"}
"""The word that joins two people's names in a recipient, in bokmål and nynorsk alike."""

SERVICE = "Barnevernstjenesten"
"""The internal sender's name when the configuration names no service and the export no
contact person."""
JOURNALPOSTTYPE = {"U": "Utgående dokument", "N": "Organinternt dokument for oppfølging"}
VARIANT = {"A": "Arkivformat", "P": "Produksjonsformat"}
FORMATS = {
    # PRONOM identifiers, the format codes Noark 5 archives use.
    ".pdf": ("fmt/477", "PDF/A-2b", "application/pdf"),
    ".docx": ("fmt/412", "Microsoft Word (Office Open XML)",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


class InvalidMessage(Exception):
    """The message does not validate against the Fiks Arkiv schema (a bug in this module)."""


@dataclass(frozen=True)
class Party:
    """A correspondence party of a letter: its recipient, by name (marked as a person's
    name and screened)."""

    navn: str
    adresse: str = ""
    postnummer: str = ""
    poststed: str = ""


@dataclass(frozen=True)
class File:
    path: Path
    """Where the file is now; the message refers to it by `reference`."""
    reference: str
    """The file's name inside the package (referanseDokumentfil): plain ASCII."""
    filnavn: str
    """The name a person sees when they download it."""
    variant: str
    """A (archive format, PDF/A) or P (production format, Word)."""
    sha256: str
    size: int


@dataclass(frozen=True)
class Entry:
    """One document to file: everything the journal entry says about it."""

    journalposttype: str
    """U for a letter sent, N for an internal note (minutes, evaluations, the plan)."""
    tittel: str
    """The full title; may carry names."""
    names: tuple[str, ...]
    """Every name the title may carry: masked in offentligTittel."""
    dokumentdato: date
    """The date the document shows: a letter's own date, the day it was issued."""
    saksaar: int | None
    sakssekvensnummer: int | None
    journalnummer: str
    """The case's journal number in the child welfare journal system."""
    ekstern_noekkel: str
    """This version of this document, unique: the key the archive's receipt refers to."""
    files: tuple[File, ...]
    saksbehandler: str
    """The contact person's name; empty when the export has none (no saksbehandler then:
    the archive would look for a user by a made-up name)."""
    saksbehandler_epost: str = ""
    tjeneste: str = ""
    mottakere: tuple[Party, ...] = ()
    skjermingshjemmel: str = "Offl. § 13 jf. bvl. § 13-1"
    tilgangskode: str = "13"
    fagsystem: str = "barnevern"
    """The name the archive knows the journal system's case numbers by."""
    arkivdel: str = ""
    klassering: tuple[tuple[str, str], ...] = ()
    """(klassifikasjonssystemID, klasseID) pairs, e.g. ("ARKNOKKEL", "F47")."""
    erstatter: str = ""
    """The ekstern_noekkel of the version this one replaces; empty for a first version."""
    merknader: tuple[str, ...] = field(default=())
    sendt: date | None = None
    """A letter: the day staff marked it as sent, when they did (sendtDato); else none."""


def masked(text: str, names: tuple[str, ...]) -> str:
    """The text with every name, and every part of a name, replaced by *****. A recipient
    is two people at times («Kari Øvrebø og Jon Øvrebø»): «og» joins names, it is not one."""
    words = {w for n in names if n for w in re.split(r"[\s,]+", n)
             if len(w) > 1 and w.lower() not in JOINING}
    for word in sorted(words, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", MASK, text, flags=re.IGNORECASE)
    return re.sub(rf"{re.escape(MASK)}(\s+{re.escape(MASK)})+", MASK, text)


def build(entry: Entry) -> bytes:
    """The arkivmelding as UTF-8 XML, validated against the official schema."""
    root = etree.Element(_q("arkivmelding"), nsmap={None: NS, "n5mdk": MDK, "xsi": XSI})
    _text(root, "system", SYSTEM)
    _text(root, "antallFiler", str(len(entry.files)))
    post = etree.SubElement(root, _q("registrering"), {f"{{{XSI}}}type": "journalpost"})
    _folder_reference(post, entry)
    _screening(post, entry)
    _description(post, entry)
    _text(post, "tittel", entry.tittel)
    _text(post, "offentligTittel", masked(entry.tittel, entry.names))
    for text in entry.merknader:
        note = etree.SubElement(post, _q("merknad"))
        _text(note, "merknadstekst", text)
    if entry.erstatter:
        ref = etree.SubElement(etree.SubElement(post, _q("kryssreferanse")),
                               _q("referanseTilRegistrering"))
        _key(ref, entry.erstatter, ns=MDK)
    _parties(post, entry)
    for system, klasse in entry.klassering:
        k = etree.SubElement(post, _q("klassifikasjon"))
        _text(k, "klassifikasjonssystemID", system)
        _text(k, "klasseID", klasse)
    _key(post, entry.ekstern_noekkel)
    _code(post, "journalposttype", entry.journalposttype, JOURNALPOSTTYPE[entry.journalposttype])
    _code(post, "journalstatus", "F", "Ferdigstilt av saksbehandler")
    _text(post, "dokumentetsDato", entry.dokumentdato.isoformat())
    if entry.journalposttype == "U" and entry.sendt is not None:
        _text(post, "sendtDato", f"{entry.sendt.isoformat()}T12:00:00")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    validate(data)
    return data


def validate(data: bytes) -> None:
    """Raise InvalidMessage unless data is a valid arkivmelding (opprett)."""
    schema = _schema()
    document = etree.fromstring(data, _parser())
    if not schema.validate(document):
        errors = "; ".join(f"linje {e.line}: {e.message}" for e in schema.error_log)
        raise InvalidMessage(errors)


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE), _parser()))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True)


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _text(parent, name: str, value: str, ns: str = NS):
    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    element.text = value
    return element


def _mdk(parent, name: str, value: str):
    """A child of a metadata catalogue type."""
    return _text(parent, name, value, MDK)


def _code(parent, name: str, kode: str, beskrivelse: str = "") -> None:
    element = etree.SubElement(parent, _q(name))
    _mdk(element, "kode", kode)
    if beskrivelse:
        _mdk(element, "beskrivelse", beskrivelse)


def _key(parent, noekkel: str, fagsystem: str = SYSTEM, name: str = "referanseEksternNoekkel",
         ns: str = NS) -> None:
    key = etree.SubElement(parent, f"{{{ns}}}{name}")
    _mdk(key, "fagsystem", fagsystem)
    _mdk(key, "noekkel", noekkel)


def _folder_reference(post, entry: Entry) -> None:
    """The child's case folder: by saksnummer when the journal number reads as year/sequence,
    and always by the journal system's own number."""
    if entry.arkivdel and not entry.journalnummer:
        _code(post, "arkivdel", entry.arkivdel)
        return
    ref = etree.SubElement(post, _q("referanseForelderMappe"))
    if entry.saksaar is not None and entry.sakssekvensnummer is not None:
        number = etree.SubElement(ref, f"{{{MDK}}}saksnummer")
        _mdk(number, "saksaar", str(entry.saksaar))
        _mdk(number, "sakssekvensnummer", str(entry.sakssekvensnummer))
    _key(ref, entry.journalnummer, entry.fagsystem, ns=MDK)


def _screening(parent, entry: Entry) -> None:
    screening = etree.SubElement(parent, _q("skjerming"))
    _code(screening, "tilgangsrestriksjon", entry.tilgangskode)
    _text(screening, "skjermingshjemmel", entry.skjermingshjemmel)


def _description(post, entry: Entry) -> None:
    doc = etree.SubElement(post, _q("dokumentbeskrivelse"))
    _code(doc, "dokumenttype", "KORR" if entry.journalposttype == "U" else "NOTAT")
    _code(doc, "dokumentstatus", "F", "Dokumentet er ferdigstilt")
    _text(doc, "tittel", entry.tittel)
    _code(doc, "tilknyttetRegistreringSom", "H", "Hoveddokument")
    _text(doc, "dokumentnummer", "1")
    _screening(doc, entry)
    for f in entry.files:
        fmt, description, mime = FORMATS[f.path.suffix.lower()]
        obj = etree.SubElement(doc, _q("dokumentobjekt"))
        _text(obj, "versjonsnummer", "1")
        _code(obj, "variantformat", f.variant, VARIANT[f.variant])
        _code(obj, "format", fmt, description)
        _text(obj, "mimeType", mime)
        _text(obj, "filnavn", f.filnavn)
        _text(obj, "referanseDokumentfil", f.reference)
        _text(obj, "sjekksum", f.sha256)
        _text(obj, "sjekksumAlgoritme", "SHA-256")
        _text(obj, "filstoerrelse", str(f.size))


def _parties(post, entry: Entry) -> None:
    """Letters: each recipient (EM) by name. Every entry: the service as internal sender (IA)
    with the contact person as saksbehandler when the export names one."""
    for party in entry.mottakere:
        p = etree.SubElement(post, _q("korrespondansepart"))
        _code(p, "korrespondanseparttype", "EM", "Mottaker")
        _text(p, "korrespondansepartNavn", party.navn)
        if party.adresse:
            _text(p, "postadresse", party.adresse)
        if party.postnummer:
            _text(p, "postnummer", party.postnummer)
        if party.poststed:
            _text(p, "poststed", party.poststed)
        _text(p, "erSkjermet", "true")
        _text(p, "erPersonnavn", "true")
    sender = etree.SubElement(post, _q("korrespondansepart"))
    _code(sender, "korrespondanseparttype", "IA", "Intern avsender")
    _text(sender, "korrespondansepartNavn", entry.tjeneste or entry.saksbehandler or SERVICE)
    if entry.tjeneste:
        _mdk(etree.SubElement(sender, _q("administrativEnhet")), "navn", entry.tjeneste)
    if entry.saksbehandler:
        worker = etree.SubElement(sender, _q("saksbehandler"))
        _mdk(worker, "navn", entry.saksbehandler)
        if entry.saksbehandler_epost:
            _mdk(worker, "epostadresse", entry.saksbehandler_epost)
