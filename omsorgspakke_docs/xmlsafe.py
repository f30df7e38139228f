"""XML from outside, parsed with lxml hardened: no DTD, no entities, no network."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .errors import InputError

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
PARSER_OPTIONS = dict(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


def refuse_doctype(head: bytes) -> None:
    if _DOCTYPE.search(head):
        raise InputError(
            "Filen inneholder en DOCTYPE- eller ENTITY-erklæring. Det brukes aldri i "
            "eksporter fra fagsystemene og blir avvist av sikkerhetshensyn.",
            what_to_do="Lag en ny eksport fra fagsystemet. Kontakt IT hvis feilen kommer igjen.",
        )


def iter_elements(path: Path, tags: set[str]) -> Iterator[etree._Element]:
    """Stream the elements with these local names; each is cleared after use."""
    with open(path, "rb") as handle:
        refuse_doctype(handle.read(1 << 16))
        handle.seek(0)
        events = etree.iterparse(
            handle, events=("end",), tag=[f"{{*}}{t}" for t in sorted(tags)], **PARSER_OPTIONS
        )
        try:
            for _event, element in events:
                yield element
                element.clear(keep_tail=False)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as exc:
            raise InputError(
                f"Filen er ikke gyldig XML (linje {exc.lineno}). "
                "Den kan være avkortet eller skadet."
            ) from None


def root_info(path: Path) -> tuple[str, dict[str, str]]:
    """Local name and attributes of the root element, reading no more than needed."""
    with open(path, "rb") as handle:
        refuse_doctype(handle.read(1 << 16))
        handle.seek(0)
        try:
            for _event, element in etree.iterparse(handle, events=("start",), **PARSER_OPTIONS):
                return etree.QName(element).localname, dict(element.attrib)
        except etree.XMLSyntaxError as exc:
            raise InputError(f"Filen er ikke gyldig XML (linje {exc.lineno}).") from None
    raise InputError("Filen er tom.")


def local(element) -> str:
    return etree.QName(element).localname
