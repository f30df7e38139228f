"""The hidden marker that ties a minutes document (referat) to its case and conversation.

Each generated minutes document carries one custom document property, "omsorgspakke-referat",
whose value is a small JSON object: the format, kommunenummer, journalnummer, part, tema and
nummer. These identify the case and the conversation without personal data: never a name or
a fødselsnummer. Word keeps custom properties when the document is edited and saved, so the
marker comes back with the written minutes (see adapters/referat_docx.py).

The places to write in the minutes template are Word content controls, described by the
Place constants below: tools/build_templates.py makes them and the adapter reads them.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass

from lxml import etree

from ..intake.xmlsafe import PARSER_OPTIONS
from ..text import MALFORMER, tekst

PROPERTY = "omsorgspakke-referat"
FORMAT = "omsorgspakke-referat/1"
CUSTOM_PART = "docProps/custom.xml"
MAX_PART_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Place:
    """A place to write in the minutes: a Word content control with this tag and title."""

    tag: str
    title: str
    """Shown by Word on the control; editors that drop tags (LibreOffice before 7.5) keep it."""
    placeholder: str
    """The grey text in an empty control; read back as empty."""


def places(malform: str = "bokmal") -> tuple[Place, Place, Place, Place]:
    """The places to write, titled and explained in this standard (text catalogue,
    [referatfelt]); the tags are the same in both."""
    t = tekst(malform)
    return (
        Place("omsorgspakke:holdt", t("referatfelt.holdt_tittel"), t("referatfelt.holdt")),
        Place("omsorgspakke:deltakere", t("referatfelt.deltakere_tittel"),
              t("referatfelt.deltakere")),
        Place("omsorgspakke:vurdering:", t("referatfelt.vurdering_tittel"),
              t("referatfelt.vurdering")),
        Place("omsorgspakke:notater:", t("referatfelt.notater_tittel"),
              t("referatfelt.notater")),
    )


HELD, PARTICIPANTS, ASSESSMENT, NOTES = places()
"""ASSESSMENT's tag and title are followed by the question's id and text from the programme;
NOTES' by the section's number and title (notes stay in the document, never read back)."""
PLACES = tuple(p for m in MALFORMER for p in places(m))
"""Every place in either standard: minutes come back from both."""
INTERPRETER = Place("omsorgspakke:tolk", tekst()("referatfelt.tolk_tittel"),
                    "{{ referat.tolk }}")
"""Who interpreted, for a party with an interpreter: stays in the document, never read back.
Its grey text names the language (documents/referat.py)."""
PROMPTS = frozenset({p.placeholder for p in PLACES}
                    | {tekst(m)("referatfelt.deltakere_barnet") for m in MALFORMER})
"""Every grey text a place to write shows, read back as empty: the child's minutes ask for
the participants in their own words (documents/referat.py)."""
GREY_PROPERTY = "omsorgspakke-hjelpetekst"
"""A custom property of minutes whose grey text is their own (a planned conversation's «Til
stede» names who is invited: «Invitert: Sofie og …», documents/referat.py): per place's tag,
a digest of that text as made, so the text comes back as nothing written only while it is
word for word as made; a name changed in it is written. A digest, not the text: no name in a
property nobody sees."""


def grey_digest(text: str) -> str:
    """A place's text, its spaces as an editor may save them, digested (GREY_PROPERTY)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def grey_property(own: dict[str, str]) -> dict[str, str]:
    """The custom property for places whose grey text is their own (tag -> the text)."""
    if not own:
        return {}
    return {GREY_PROPERTY: json.dumps({tag: grey_digest(text) for tag, text in own.items()},
                                      sort_keys=True, separators=(",", ":"))}


def grey_texts(archive: zipfile.ZipFile) -> dict[str, str]:
    """The digests GREY_PROPERTY holds, per tag; {} when none (or not ours)."""
    try:
        value = json.loads(read_custom_properties(archive).get(GREY_PROPERTY) or "{}")
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def is_prompt(text: str, own: Collection[str] = ()) -> bool:
    """Whether a place's text is its grey text, kept as written by an editor that drops the
    placeholder flag: read back as empty, so a copy sent back unwritten is no minutes. own:
    the digests of the grey text the minutes were made with (grey_texts: by any place, as an
    editor may drop the tags); text that differs from it in any word (a name changed in
    «Invitert: …») is written."""
    return text in PROMPTS or (bool(own) and grey_digest(text) in own)


_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_PARSER = etree.XMLParser(**PARSER_OPTIONS)


@dataclass(frozen=True)
class Marker:
    kommunenummer: str | None
    journalnummer: str | None
    part: str
    tema: int
    nummer: int = 1
    sporsmal: tuple[str, ...] = ()
    """The assessment questions' ids in the order the document asks them."""
    bydel: str | None = None
    """The district, where journal numbers are per district (model.Case.bydel)."""
    forelder: int | None = None
    """Parents living apart: which parent's conversation (index into the case's foreldre)."""

    def as_property(self) -> dict[str, str]:
        value = {"format": FORMAT, **self.__dict__, "sporsmal": list(self.sporsmal)}
        if self.forelder is None:
            del value["forelder"]  # markers of shared conversations stay as they were
        return {PROPERTY: json.dumps(value, ensure_ascii=False, separators=(",", ":"))}

    @classmethod
    def from_property(cls, text: str) -> Marker | None:
        """The marker in a property value, or None when it is not one of ours or is damaged."""
        try:
            value = json.loads(text)
            if not isinstance(value, dict) or value.pop("format", None) != FORMAT:
                return None
            marker = cls(**{**value, "sporsmal": tuple(value.get("sporsmal", ()))})
        except (ValueError, TypeError):
            return None
        fine = (isinstance(marker.tema, int) and isinstance(marker.nummer, int)
                and (marker.forelder is None or isinstance(marker.forelder, int))
                and isinstance(marker.part, str)
                and all(isinstance(q, str) for q in marker.sporsmal))
        return marker if fine else None


def for_conversation(case, conv, programme) -> Marker:
    """The marker for a case (model.Case), one of its conversations and the programme."""
    return Marker(case.kommunenummer, case.journalnummer, conv.part, conv.tema, conv.nummer,
                  tuple(q.id for q in programme.vurderingssporsmal), case.bydel,
                  getattr(conv, "forelder", None))


# --- Custom document properties in a .docx/.xlsx, at the zip level -------------------------

def add_custom_properties(data: bytes, properties: dict[str, str]) -> bytes:
    """The document with these custom properties set (others it already has are kept)."""
    if not properties:
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    names = {info.filename for info, _ in items}
    existing = next((content for info, content in items if info.filename == CUSTOM_PART), None)
    custom = _custom_xml(existing, properties)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in items:
            if info.filename == CUSTOM_PART:
                content = custom
            elif info.filename == "[Content_Types].xml" and CUSTOM_PART not in names:
                content = _with_override(content)
            elif info.filename == "_rels/.rels" and CUSTOM_PART not in names:
                content = _with_relationship(content)
            target.writestr(info, content)
        if CUSTOM_PART not in names:
            # The other parts' time, not the clock's: equal input gives equal bytes.
            stamp = items[0][0].date_time if items else (1980, 1, 1, 0, 0, 0)
            target.writestr(zipfile.ZipInfo(CUSTOM_PART, stamp), custom, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def read_custom_properties(archive: zipfile.ZipFile) -> dict[str, str]:
    """Custom properties of an opened (already safety-checked) zip; {} when it has none."""
    try:
        info = archive.getinfo(CUSTOM_PART)
    except KeyError:
        return {}
    if info.file_size > MAX_PART_BYTES:
        return {}
    try:
        root = etree.fromstring(archive.read(info), _PARSER)
    except etree.XMLSyntaxError:
        return {}
    if root.getroottree().docinfo.doctype:
        return {}
    found = {}
    for prop in root.findall(f"{{{_CUSTOM_NS}}}property"):
        value = next(iter(prop), None)
        if prop.get("name") and value is not None:
            found[prop.get("name")] = value.text or ""
    return found


def find_marker(archive: zipfile.ZipFile) -> Marker | None:
    value = read_custom_properties(archive).get(PROPERTY)
    return Marker.from_property(value) if value is not None else None


JOINT_MEETING_PROPERTY = "omsorgspakke-fellesmote"
JOINT_MEETING_FORMAT = "omsorgspakke-fellesmote/1"
JOINT_MEETING = {JOINT_MEETING_PROPERTY: json.dumps({"format": JOINT_MEETING_FORMAT})}
"""The marker of the joint meeting's minutes (documents/fellesmote.py), a custom property
as the conversations' is: it says only what the document is, so that one put back in the
inbox is told apart from any other Word file. Nothing in those minutes is read back."""


def is_joint_meeting(archive: zipfile.ZipFile) -> bool:
    """Whether the document is the joint meeting's minutes (JOINT_MEETING)."""
    value = read_custom_properties(archive).get(JOINT_MEETING_PROPERTY)
    try:
        return value is not None and json.loads(value).get("format") == JOINT_MEETING_FORMAT
    except (ValueError, AttributeError):
        return False


def _custom_xml(existing: bytes | None, properties: dict[str, str]) -> bytes:
    if existing:
        root = etree.fromstring(existing, _PARSER)
    else:
        root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    for prop in root.findall(f"{{{_CUSTOM_NS}}}property"):
        if prop.get("name") in properties:
            root.remove(prop)
    pids = [int(p.get("pid", "1")) for p in root.findall(f"{{{_CUSTOM_NS}}}property")]
    pid = max([1, *pids])
    for name, value in properties.items():
        pid += 1
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property",
                                fmtid=_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_override(content_types: bytes) -> bytes:
    override = f'<Override PartName="/{CUSTOM_PART}" ContentType="{_CUSTOM_TYPE}"/>'
    return content_types.replace(b"</Types>", override.encode() + b"</Types>")


def _with_relationship(rels: bytes) -> bytes:
    used = set(re.findall(rb'Id="([^"]+)"', rels))
    n = 1
    while f"rId{n}".encode() in used:
        n += 1
    rel = f'<Relationship Id="rId{n}" Type="{_CUSTOM_REL}" Target="{CUSTOM_PART}"/>'
    return rels.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
