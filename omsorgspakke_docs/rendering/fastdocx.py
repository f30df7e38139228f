"""Word templates prepared once per process, then rendered many times.

Plain docxtpl does everything for every document: it opens the package (parsing all of
styles.xml, 350 kB in our templates), patches and compiles the Jinja templates, and writes and
compresses every part again. Here that happens once per template. Per document only the parts
with tags are rendered; every other zip entry is copied as the compressed bytes it already has.

The result has the same text as DocxTemplate(path).render(ctx, jinja_env=env, autoescape=True),
because the same steps run in the same order, mostly through docxtpl's own methods:
patch_xml, render_xml_part (with its listing resolution), fix_tables, fix_docpr_ids and the
headers' and footers' rendering; only the compiled templates are kept. The environment is the
caller's, so the sandbox, autoescaping and StrictUndefined apply unchanged.

Jinja tags in the document properties docxtpl renders (title, author, ...: a letter's title
that says which letter it is) are rendered per document, as docxtpl does; properties without
tags are rendered once.

Not supported, raising Unsupported so that renderer.py uses plain docxtpl instead:
- footnotes (docxtpl renders the footnotes part once per section, re-rendering its output);
- a package without core properties (python-docx adds one with the current time on save).
Context values that need a DocxTemplate instance (InlineImage, Subdoc, hyperlinks in RichText)
are not supported at all: they are made from the DocxTemplate object, which our document kinds
never create.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, unescape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import nodes
from lxml import etree

from .minutes_marker import CUSTOM_PART, add_custom_properties

# Measured on our rendered bodies (16 kB on average): level 3 takes 0.09 ms, as level 1, and
# writes 5 % less; zlib's default 6 takes twice as long to save 0.25 kB of a 43 kB document.
COMPRESS_LEVEL = 3
ZIP_LOCAL_HEADER = 30
"""The fixed part of a zip local file header (APPNOTE 4.3.7; zipfile.sizeFileHeader)."""
RECENT_PARTS = 32
"""Rendered headers and footers kept with their zip entries (a case's documents share them)."""
_TAG_MARK = re.compile(r"\{[{%#]")
_BODY_MARK = "fastdocx-body"
_TEXT = "{*}t"
_LISTING = re.compile("[\t\a\n\f]")
_PARAGRAPH = re.compile(r"<w:p([ >])")
"""What docxtpl's render_xml_part puts on a line of its own before compiling a part."""
_PROPERTY_PARTS = {"[Content_Types].xml", "_rels/.rels", CUSTOM_PART}
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
"""The core properties docxtpl's render_properties renders with the document's context."""


class Unsupported(Exception):
    """The template uses a docxtpl feature this fast path does not reproduce."""


@dataclass(frozen=True)
class _Entry:
    """One zip member, compressed, with what the central directory needs to know about it."""

    filename: str
    data: bytes
    crc: int
    size: int
    method: int
    dos_time: int
    dos_date: int

    @classmethod
    def compress(cls, like: zipfile.ZipInfo, raw: bytes) -> _Entry:
        packer = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
        data = packer.compress(raw) + packer.flush()
        return cls(like.filename, data, zlib.crc32(raw), len(raw),
                   zipfile.ZIP_DEFLATED, *_dos_stamp(like))


class _Template(DocxTemplate):
    """docxtpl's template, minus a pass over every run that changes nothing.

    resolve_listing turns tab, bell, newline and form feed characters in the rendered text
    into Word's tabs, paragraphs, breaks and page breaks; without any of them its regular
    expressions rebuild each paragraph and run exactly as they were (a third of the time).
    """

    def resolve_listing(self, xml: str) -> str:
        return super().resolve_listing(xml) if _LISTING.search(xml) else xml


class _CompiledOnce:
    """What docxtpl's methods see as the Jinja environment: each distinct source is compiled
    once, by the caller's environment, and the compiled template reused afterwards.

    A source parsed first (parse: to read what it shows, uses.py) is compiled from that
    parse, not parsed again: Jinja's compile of a source is its parse, then the code made
    from the tree, so the template is the same. The tree is given up when compiled (making
    the code may fold constants in it)."""

    def __init__(self, env):
        self.env = env
        self._cache: dict[str, Any] = {}
        self._parsed: dict[str, nodes.Template] = {}

    def from_string(self, source: str):
        template = self._cache.get(source)
        if template is None:
            tree = self._parsed.pop(source, None)
            template = self._cache[source] = self.env.from_string(
                source if tree is None else tree)
        return template

    def parse(self, source: str) -> nodes.Template:
        """The source's Jinja tree, kept for from_string while it is not compiled."""
        tree = self._parsed.get(source)
        if tree is None:
            tree = self.env.parse(source)
            if source not in self._cache:
                self._parsed[source] = tree
        return tree


@dataclass
class _Part:
    """A header, footer or the body: its patched source, and its zip entry when constant."""

    member: zipfile.ZipInfo
    source: str
    docx_part: Any
    constant: _Entry | None = None
    text: str = ""


class PreparedDocx:
    """A .docx template read, patched and compiled once; render() makes one document.

    One render at a time: docxtpl's template object keeps state while it renders (each worker
    process has its own).
    """

    def __init__(self, path: Path, env, properties: dict[str, str] | None = None):
        self.path = Path(path)
        self.env = _CompiledOnce(env)
        self._recent: dict[tuple[str, str], tuple[_Entry, str]] = {}
        self.tpl = _Template(self.path)
        self.tpl.render_init()
        document = self.tpl.docx
        raw = self.path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            members = {info.filename: info for info in package.infolist()}
            self._entries = _raw_entries(raw, package)
            # What custom properties change (render(properties=...)), kept uncompressed.
            self._property_sources = {name: package.read(name) for name in members
                                      if name in _PROPERTY_PARTS}
            self._stamp = package.infolist()[0].date_time
        _refuse_unsupported(document)

        self.body = _Part(members[_member(document.part)], "", document.part)
        self.body.source = self.tpl.patch_xml(self.tpl.get_xml())
        self._head, self._tail = _around_body(document.element)
        self.others: list[_Part] = []
        for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
            for _, part in self.tpl.get_headers_footers(uri):
                self.others.append(self._prepare_part(members[_member(part)], part))
        self.core_sources: dict[str, str] = {}
        """Core properties with tags, by name: rendered per document."""
        self._core_member, self.core = self._core_properties(members, properties or {})

    # -- preparing ------------------------------------------------------------------------
    def _prepare_part(self, member: zipfile.ZipInfo, part) -> _Part:
        prepared = _Part(member, self.tpl.patch_xml(self.tpl.get_part_xml(part)), part)
        if not _TAG_MARK.search(prepared.source):
            rendered = self.tpl.render_xml_part(prepared.source, part, {}, self.env)
            prepared.constant, prepared.text = self._header_footer_entry(member, rendered)
        return prepared

    def _core_properties(self, members, properties: dict[str, str]
                         ) -> tuple[zipfile.ZipInfo, _Entry | None]:
        """The core properties' zip member, and its entry when no property has tags. The
        given properties (the template's stamp) are set after rendering, as renderer.py does
        on the plain path, so they win over the template's own."""
        self._core_part = self.tpl.docx.part.package.part_related_by(RT.CORE_PROPERTIES)
        self._stamp_properties = properties
        core = self.tpl.docx.core_properties
        for name in _RENDERED_PROPERTIES:
            value = getattr(core, name) or ""
            if _TAG_MARK.search(value):
                self.core_sources[name] = value
                setattr(core, name, "")  # rendered per document (_core_entry)
        self.tpl.render_properties({}, self.env.env)  # the rest: constant
        for name, value in properties.items():
            setattr(core, name, value)
        member = members[_member(self._core_part)]
        return member, None if self.core_sources else _Entry.compress(member,
                                                                       self._core_part.blob)

    def _core_entry(self, context: dict[str, Any]) -> _Entry:
        if self.core is not None:
            return self.core
        core = self.tpl.docx.core_properties
        for name, source in self.core_sources.items():
            setattr(core, name, self.env.from_string(source).render(context))
        for name, value in self._stamp_properties.items():
            setattr(core, name, value)
        return _Entry.compress(self._core_member, self._core_part.blob)

    def _header_footer_entry(self, member, xml: str) -> tuple[_Entry, str]:
        # As docxtpl's map_headers_footers_xml: parsed by python-docx, written on save.
        # A header shows case data, so it comes out the same for every document of a case.
        known = self._recent.get((member.filename, xml))
        if known is None:
            element = parse_xml(xml.encode("utf-8"))
            known = _Entry.compress(member, serialize_part_xml(element)), _text(element)
            if len(self._recent) >= RECENT_PARTS:
                self._recent.clear()
            self._recent[(member.filename, xml)] = known
        return known

    def parsed(self) -> list[nodes.Template]:
        """The Jinja tree of every source rendered with the document's context (the body,
        headers and footers, properties with tags), each as rendering compiles it: the tree
        is parsed once for both (_CompiledOnce.parse)."""
        parts = [self.body, *self.others]
        return [*(self.env.parse(_as_rendered(p.source)) for p in parts),
                *(self.env.parse(source) for source in self.core_sources.values())]

    # -- rendering ------------------------------------------------------------------------
    def render(self, context: dict[str, Any],
               properties: dict[str, str] | None = None) -> tuple[bytes, str]:
        """The document's bytes, and its text (body, headers, footers) for missing_in();
        properties: custom document properties (the minutes marker), built into the same zip."""
        tpl = self.tpl
        xml = tpl.render_xml_part(self.body.source, self.body.docx_part, context, self.env)
        tree = tpl.fix_tables(xml)
        if "docPr" in xml:
            tpl.docx_ids_index = 1000
            tpl.fix_docpr_ids(tree)
        body = etree.tostring(tree, encoding="unicode")
        replaced = {self.body.member.filename: _Entry.compress(
            self.body.member, (self._head + body + self._tail).encode("utf-8"))}
        texts = [_text(tree)]
        for part in self.others:
            entry, text = part.constant, part.text
            if entry is None:
                rendered = tpl.render_xml_part(part.source, part.docx_part, context, self.env)
                entry, text = self._header_footer_entry(part.member, rendered)
            replaced[part.member.filename] = entry
            texts.append(text)
        replaced[self._core_member.filename] = self._core_entry(context)
        entries = [replaced.get(e.filename, e) for e in self._entries]
        if properties:
            entries = _with_custom(entries, self._property_sources, self._stamp, properties)
        return _zip(entries), "\n".join(texts)


def with_custom_properties(data: bytes, properties: dict[str, str]) -> bytes:
    """minutes_marker.add_custom_properties, without inflating and deflating every part.

    For a document made some other way than PreparedDocx.render (which builds them in)."""
    if not properties:
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = _raw_entries(data, source)
        sources = {info.filename: source.read(info) for info in source.infolist()
                   if info.filename in _PROPERTY_PARTS}
        stamp = source.infolist()[0].date_time
    return _zip(_with_custom(entries, sources, stamp, properties))


def _with_custom(entries: list[_Entry], sources: dict[str, bytes], stamp: tuple,
                 properties: dict[str, str]) -> list[_Entry]:
    """The entries with custom properties set: minutes_marker.add_custom_properties runs as it
    is on a small zip of just the parts it changes (sources); every other entry keeps its
    compressed bytes. Added parts get the package's time (stamp), not the clock's."""
    small = io.BytesIO()
    with zipfile.ZipFile(small, "w") as out:
        for name, content in sources.items():
            out.writestr(zipfile.ZipInfo(name, stamp), content)
    changed = io.BytesIO(add_custom_properties(small.getvalue(), properties))
    with zipfile.ZipFile(changed) as result:
        new = {info.filename: (info, result.read(info)) for info in result.infolist()}
    merged = [_Entry.compress(*new.pop(e.filename)) if e.filename in new else e for e in entries]
    for info, content in new.values():
        info.date_time = stamp
        merged.append(_Entry.compress(info, content))
    return merged


def _refuse_unsupported(document) -> None:
    for part in document.part.package.iter_parts():
        if part.content_type.endswith(".footnotes+xml"):
            raise Unsupported("footnotes")
    try:
        document.part.package.part_related_by(RT.CORE_PROPERTIES)
    except KeyError:
        raise Unsupported("no core properties") from None


def _as_rendered(source: str) -> str:
    """A part's source as docxtpl's render_xml_part compiles it (each paragraph on a line
    of its own, for the line numbers of Jinja's errors)."""
    return _PARAGRAPH.sub(r"\n<w:p\1", source)


def _member(part) -> str:
    return part.partname.lstrip("/")


def _around_body(root) -> tuple[str, str]:
    """document.xml as python-docx writes it, split where the rendered body goes."""
    copy = etree.fromstring(etree.tostring(root))
    body = copy.find(root.body.tag)
    marker = etree.Comment(_BODY_MARK)
    marker.tail = body.tail
    copy.replace(body, marker)
    head, tail = serialize_part_xml(copy).decode("utf-8").split(f"<!--{_BODY_MARK}-->")
    return head, tail


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(_TEXT))


def _dos_stamp(info: zipfile.ZipInfo) -> tuple[int, int]:
    y, mo, d, h, mi, s = info.date_time
    return (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d


def _raw_entries(data: bytes, package: zipfile.ZipFile) -> list[_Entry]:
    """The members of package (opened on data) as the compressed bytes they already are."""
    entries = []
    for info in package.infolist():
        if info.flag_bits & 0x1:
            raise Unsupported("encrypted zip member")
        start = info.header_offset + ZIP_LOCAL_HEADER
        name_len, extra_len = struct.unpack("<2H", data[start - 4:start])
        start += name_len + extra_len
        entries.append(_Entry(info.filename, data[start:start + info.compress_size],
                              info.CRC, info.file_size, info.compress_type, *_dos_stamp(info)))
    return entries


def _zip(entries: list[_Entry]) -> bytes:
    """A zip file of already compressed entries (no zip64: a document is far below 4 GB)."""
    out, central = [], []
    offset = 0
    for e in entries:
        name = e.filename.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # UTF-8 names
        header = struct.pack(
            "<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, flags, e.method, e.dos_time, e.dos_date,
            e.crc, len(e.data), e.size, len(name), 0,
        )
        out += [header, name, e.data]
        central.append(struct.pack(
            "<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, flags, e.method, e.dos_time,
            e.dos_date, e.crc, len(e.data), e.size, len(name), 0, 0, 0, 0, 0, offset,
        ) + name)
        offset += len(header) + len(name) + len(e.data)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                      len(directory), offset, 0)
    return b"".join(out) + directory + end


_SUBJECT = re.compile(rb"<dc:subject>([^<]*)</dc:subject>")
_CORE_PART = "docProps/core.xml"


def template_stamp(data: bytes) -> str | None:
    """The template stamp a .docx carries in its subject (renderer.py _stamp: «mal:<name>
    sha256:<start of its digest>»), also after Word or LibreOffice saved it: as text, not as
    the XML spells it (stamped_as spells it again); None without one or when it is no zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            found = _SUBJECT.search(package.read(_CORE_PART))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    subject = unescape(found.group(1).decode("utf-8", "replace")) if found else ""
    return subject if subject.startswith("mal:") else None


def stamped_as(data: bytes, stamp: str) -> bytes | None:
    """A document PreparedDocx made (data), byte for byte as it would be with another
    template stamp in its subject (template_stamp): what a release before made from its
    version of the template, when nothing but the stamp differs. None when data has no
    stamp to swap."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = {info.filename: info for info in package.infolist()}
        info = infos.get(_CORE_PART)
        if info is None:
            return None
        core = package.read(info)
        entries = _raw_entries(data, package)
    found = _SUBJECT.search(core)
    if found is None or not found.group(1).startswith(b"mal:"):
        return None
    core = core[:found.start(1)] + escape(stamp).encode("utf-8") + core[found.end(1):]
    return _zip([_Entry.compress(info, core) if e.filename == _CORE_PART else e
                 for e in entries])
