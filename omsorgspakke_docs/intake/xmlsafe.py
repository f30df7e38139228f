"""XML from outside, parsed with lxml hardened: no DTD, no entities, no network.

lxml 6.1 or newer is required (safety.require_safe_parsers): older releases let iterparse
resolve external entities whatever the options said. A document with a DOCTYPE is refused
twice over: by a look at the raw start of the file, and by the parser's own record of the
document type once the root element starts, which also catches UTF-16 and long prologues
(and, where the parser stops on a DTD's entities before that, by a look at the prologue).
Parser messages are never passed on: they can quote element names and values.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from contextlib import closing
from pathlib import Path

from lxml import etree

from ..errors import InputError

HEAD_BYTES = 1 << 16
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_ELEMENT = re.compile(rb"<[A-Za-z_:]")
PARSER_OPTIONS = dict(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


def refuse_doctype(head: bytes) -> None:
    # Without NUL bytes, UTF-16 and UTF-32 text reads as ASCII for this check.
    if _DOCTYPE.search(head.replace(b"\x00", b"")):
        raise _refused()


def _refused() -> InputError:
    return InputError(
        "Filen inneholder en DOCTYPE- eller ENTITY-erklæring. Det brukes aldri i eksporter fra "
        "fagsystemene og blir avvist av sikkerhetshensyn.",
        what_to_do="Lag en ny eksport fra fagsystemet. Kontakt IT hvis feilen kommer igjen.",
    )


def _refuse_dtd(element) -> None:
    info = element.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise _refused()


def _events(path: Path, **kwargs) -> Generator[tuple[str, etree._Element], None, None]:
    """iterparse with the hardened options; DOCTYPE refused, syntax errors as InputError."""
    with open(path, "rb") as handle:
        refuse_doctype(handle.read(HEAD_BYTES))
        handle.seek(0)
        try:
            # The prologue first, up to the root element: a DOCTYPE anywhere in it is
            # refused before any element the caller asked for is looked at.
            for _event, root in etree.iterparse(handle, events=("start",), **PARSER_OPTIONS):
                _refuse_dtd(root)
                break
            handle.seek(0)
            yield from etree.iterparse(handle, **kwargs, **PARSER_OPTIONS)
        except etree.XMLSyntaxError as exc:
            # libxml2 may stop on a DTD's entities before the root element starts (its
            # amplification limit), with a message that does not say why: staff are told.
            if _doctype_before_root(handle):
                raise _refused() from None
            raise InputError(
                f"Filen er ikke gyldig XML (linje {exc.lineno}). "
                "Den kan være avkortet eller skadet."
            ) from None


def _doctype_before_root(handle) -> bool:
    """Whether a DOCTYPE or ENTITY declaration comes before the first element, read in
    chunks from the start (NUL bytes dropped, as in refuse_doctype). A comment holding
    something like an element ends the look early: the file is refused all the same."""
    handle.seek(0)
    carried = b""
    while chunk := handle.read(HEAD_BYTES):
        text = carried + chunk.replace(b"\x00", b"")
        doctype, element = _DOCTYPE.search(text), _ELEMENT.search(text)
        if doctype is not None and (element is None or doctype.start() < element.start()):
            return True
        if element is not None:
            return False
        carried = text[-len(b"<!DOCTYPE"):]
    return False


def iter_elements(path: Path, tags: set[str]) -> Iterator[etree._Element]:
    """Stream the elements with these local names; each is cleared after use."""
    events = _events(path, events=("end",), tag=[f"{{*}}{t}" for t in sorted(tags)])
    for _event, element in events:
        yield element
        element.clear(keep_tail=False)
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]


def root_info(path: Path) -> tuple[str, dict[str, str]]:
    """Local name and attributes of the root element, reading no more than needed."""
    with closing(_events(path, events=("start",))) as events:
        for _event, element in events:
            return etree.QName(element).localname, dict(element.attrib)
    raise InputError("Filen er tom.")


def local(element) -> str:
    return etree.QName(element).localname
