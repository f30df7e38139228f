"""Which context values a template can show, read from its Jinja source.

A document's fingerprint (prepare.py) covers these values only, so a value the template does
not print (a conversation's status in a letter that shows none, say) changes no document.
A use is a dotted path from a top-level variable: `barn.navn`, `part.samtaler`. Reading is
conservative: a loop's sequence, a value passed to a filter or a test, an index that is not a
constant, a name bound in the template that shadows a variable: each keeps the whole value at
the longest plain path before it. Whatever is not a plain path (a method call on a value,
say) keeps its variable whole. A path the context does not have ends where the context does.

An Excel template shows what its tag cells name (`{{ sak.journalnummer }}`, a whole cell
each: renderer.fill_sheet and fastxlsx fill nothing else); a row of a list's items keeps the
whole list. Text with a tag that is not a whole cell makes the template's uses unknown.
"""

from __future__ import annotations

import zipfile
from pathlib import Path as FilePath
from typing import Any

from jinja2 import nodes
from lxml import etree

from ..intake.xmlsafe import PARSER_OPTIONS
from .sheet_cells import CELL_TAG

Path = tuple[str, ...]


def uses(sources: list[str], env) -> frozenset[Path]:
    """The paths every source reads."""
    found: set[Path] = set()
    for source in sources:
        _visit(env.parse(source), found)
    return frozenset(found)


def sheet_uses(template: FilePath) -> frozenset[Path] | None:
    """The paths an Excel template's tag cells read; None when a text holds a tag that is
    not a whole cell (or the file cannot be read as a workbook): then all of the context."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    found: set[Path] = set()
    try:
        with zipfile.ZipFile(template) as package:
            parts = [package.read(name) for name in package.namelist()
                     if name.startswith("xl/") and name.endswith(".xml")]
        parser = etree.XMLParser(**PARSER_OPTIONS)
        roots = [etree.fromstring(part, parser) for part in parts]
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    for root in roots:
        # A cell's own text (<is>) or a shared string (<si>), its runs joined as openpyxl does.
        for text in root.iter(f"{main}is", f"{main}si"):
            value = "".join(t.text or "" for t in text.iter(f"{main}t"))
            tag = CELL_TAG.match(value)
            if tag:
                found.add(tuple(tag.group(1).split(".")))
            elif "{{" in value or "{%" in value:
                return None
    return frozenset(found)


def _visit(node: nodes.Node, found: set[Path]) -> None:
    if isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Name):
        path, rest = _chain(node)
        if path is not None:
            found.add(path)
            for other in rest:
                _visit(other, found)
            return
    for child in node.iter_child_nodes():
        _visit(child, found)


def _chain(node: nodes.Node) -> tuple[Path | None, list[nodes.Node]]:
    """(path from a loaded variable, nodes inside it still to visit) or (None, [])."""
    names: list[str] = []
    rest: list[nodes.Node] = []
    while True:
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return None, []
            return (node.name, *reversed(names)), rest
        if isinstance(node, nodes.Getattr):
            names.append(node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem):
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                names.append(node.arg.value)
            else:
                names.clear()  # x[i]: all of x
                rest.append(node.arg)
            node = node.node
        else:
            return None, []


def shown(context: dict[str, Any], paths: frozenset[Path]) -> dict[str, Any]:
    """The values at paths, keyed by the path as far as the context has it."""
    out: dict[str, Any] = {}
    for path in paths:
        value: Any = context
        taken: list[str] = []
        for name in path:
            if not isinstance(value, dict) or name not in value:
                break
            value = value[name]
            taken.append(name)
        if taken:
            out[".".join(taken)] = value
    return out
