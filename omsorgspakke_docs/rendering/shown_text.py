"""The words a Word document shows, to tell whether two makings of it read the same.

A new release of this program, or a new template, makes a letter again. Where the new
template shows a field more (one that says nothing in this case) the letter may read word
for word as the one issued before: then it keeps that issue, its date and a mark as sent on
it (rendering/prepare.py, store/issued.py). What counts is the text of the body, headers
and footers, paragraph by paragraph: not its look (fonts, spacing, the letterhead's
picture, empty paragraphs: a signature's blank line taken out, helper 304, and whether a
space may break a line: the no-break spaces a template's `telefon` filter puts in a phone
number), which a new template may change without anyone reading another letter.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from pathlib import Path

from lxml import etree

from ..intake.xmlsafe import PARSER_OPTIONS

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml")
_MAX_PART_BYTES = 16 * 1024 * 1024
"""A part larger than this is not one of our letters' (they are some kilobytes)."""
_MAX_FILE_BYTES = 64 * 1024 * 1024
_NO_BREAK = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})
"""No-break spaces read as spaces: they keep words together on a line, nothing more."""
_PART_BREAK = "\n\f\n"
"""Between the body and each header and footer (a form feed is never in a Word part's
text: XML 1.0 does not allow it)."""


def shown_text_of(path: Path) -> str | None:
    """shown_text of the document at path: None where there is none, or where something
    else than a regular file of a document's size is (a link, a pipe: nothing is followed
    out of the case folder, nothing waited for)."""
    try:
        found = path.lstat()
        if not stat.S_ISREG(found.st_mode) or found.st_size > _MAX_FILE_BYTES:
            return None
        return shown_text(path.read_bytes())
    except OSError:
        return None


def body_words_of(path: Path) -> str | None:
    """The words of the document's body in order, one space between them: what a person
    wrote in it, whatever saving it again did to its layout. Word or LibreOffice saving a
    document nobody wrote in changes its bytes, its runs, its tab stops and the page numbers
    in its footers (left out here), never these words. None as shown_text_of."""
    text = shown_text_of(path)
    return None if text is None else " ".join(text.split(_PART_BREAK, 1)[0].split())


def shown_text(data: bytes) -> str | None:
    """The document's text as it reads, one line per paragraph, body first, then headers
    and footers in the order of their part names; None for what is not a Word document
    this can read (it then reads as nothing else does)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = sorted((i for i in package.infolist() if _PARTS.fullmatch(i.filename)),
                           key=lambda i: (i.filename != "word/document.xml", i.filename))
            if not infos or infos[0].filename != "word/document.xml" or any(
                    i.file_size > _MAX_PART_BYTES for i in infos):
                return None
            parts = [_paragraphs(package.read(info)) for info in infos]
    except (zipfile.BadZipFile, OSError, ValueError, etree.XMLSyntaxError):
        return None
    return _PART_BREAK.join(parts)


def _paragraphs(xml: bytes) -> str:
    root = etree.fromstring(xml, etree.XMLParser(**PARSER_OPTIONS))
    if root.getroottree().docinfo.doctype:  # never in a Word part: not one of ours
        raise ValueError("DOCTYPE")
    lines = []
    for paragraph in root.iter(f"{_W}p"):
        words = []
        for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
            words.append(node.text or "" if node.tag == f"{_W}t"
                         else "\t" if node.tag == f"{_W}tab" else "\n")
        line = "".join(words).translate(_NO_BREAK)
        if line.strip():  # an empty paragraph is spacing, as a template's look is
            lines.append(line)
    return "\n".join(lines)
