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

What was found for a template is kept across processes (KeptUses, in the state folder), by
the template's SHA-256 and this program's code.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Any

from jinja2 import nodes
from lxml import etree

from ..intake.xmlsafe import PARSER_OPTIONS
from ..store.commit import read_state_file, write_atomic
from .sheet_cells import CELL_TAG

Path = tuple[str, ...]


def uses(sources: list[str], env) -> frozenset[Path]:
    """The paths every source reads."""
    return uses_of([env.parse(source) for source in sources])


def uses_of(trees: list[nodes.Template]) -> frozenset[Path]:
    """The paths every parsed source (Jinja's tree of it) reads."""
    found: set[Path] = set()
    for tree in trees:
        _visit(tree, found)
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


KEPT_FILE = "malfelt.json"
"""KeptUses' file in the state folder."""
KEPT_FORMAT = 1
"""The layout of the file KeptUses keeps; another one is not read."""
KEPT_MAX = 400
"""Templates a KeptUses file keeps at most: past that, only those this process looked at."""


class KeptUses:
    """What uses and sheet_uses found for each template, kept in a file (in the state
    folder) for the next process and the workers: finding it loads the template, a good part
    of a second a process, though templates rarely change.

    Each entry is keyed by the template's SHA-256 (and its kind and the Jinja syntax, the
    renderer's key); the whole file by this program's code (store/incremental.code_version:
    its own code, plugins, libraries), and it holds a SHA-256 of what it keeps. A wrong set
    of fields would make a changed document look unchanged, so a file that is not exactly
    as written here, for this code, is not used in any part: it is found again and written
    anew. A cache: written without flushing, lost or damaged it costs the finding only; a
    named pipe, a device, a folder or a link in its place is none (store/commit
    read_state_file), and the file written anew replaces it (not a folder). It holds template
    fields, no case's data."""

    def __init__(self, path: FilePath, code: Callable[[], str]):
        self.path = path
        self._code = code
        """This program's code digest, asked for when the file is first read."""
        self._kept: dict[str, frozenset[Path] | None] | None = None
        self._found: dict[str, frozenset[Path] | None] = {}
        """Found or read in this process: what is written when it is written."""

    def get(self, key: str) -> tuple[bool, frozenset[Path] | None]:
        """(True, the uses) when the file keeps them for key, else (False, None)."""
        if self._kept is None:
            self._kept = self._read()
        if key in self._kept:
            self._found[key] = self._kept[key]
            return True, self._kept[key]
        return False, None

    def put(self, key: str, found: frozenset[Path] | None) -> None:
        """Keep what was found for key, with what the file keeps now (another process may
        have written it since), written atomically."""
        self._found[key] = found
        kept = self._read()
        if len(kept) >= KEPT_MAX:
            kept = {}
        kept.update(self._found)
        self._kept = kept
        entries = {name: None if paths is None else sorted(list(path) for path in paths)
                   for name, paths in sorted(kept.items())}
        body = {"format": KEPT_FORMAT, "code": self._code(), "uses": entries}
        text = json.dumps({**body, "sha256": _kept_digest(body)}, ensure_ascii=False,
                          separators=(",", ":"))
        try:
            write_atomic(self.path, text.encode("utf-8"), durable=False)
        except OSError:
            pass  # a cache: the next process finds them again

    def _read(self) -> dict[str, frozenset[Path] | None]:
        try:  # (a pipe, a folder or a link there is none: never waited on, nor followed)
            data = json.loads(read_state_file(self.path))
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or set(data) != {"format", "code", "uses", "sha256"}:
            return {}
        body = {name: data[name] for name in ("format", "code", "uses")}
        if data["format"] != KEPT_FORMAT or data["code"] != self._code() \
                or data["sha256"] != _kept_digest(body) or not isinstance(data["uses"], dict):
            return {}
        kept: dict[str, frozenset[Path] | None] = {}
        for name, paths in data["uses"].items():
            if paths is None:
                kept[name] = None
            elif isinstance(paths, list) and all(
                    isinstance(path, list) and path
                    and all(isinstance(part, str) and part for part in path) for path in paths):
                kept[name] = frozenset(tuple(path) for path in paths)
            else:
                return {}
        return kept


def _kept_digest(body: dict) -> str:
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
