"""Check templates before they are used: syntax, variables down to nested names, broken tags.

docxtpl itself only notices top-level names that are missing. Here the Jinja syntax tree is
walked with a sample value for every name: the context the real builder makes for the
synthetic case (synthetic.py), so `part.samtaler` is a list of conversations, a loop
variable (`for s in part.samtaler`) is one of them, and `s.datoo` is reported with the text
around it. Tags Word has broken are found paragraph by paragraph: a `{{` without its `}}`, or a
`{%p ... %}` that shares its paragraph with other text (which docxtpl would throw away).
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from jinja2 import TemplateSyntaxError, nodes

from ..text import Tekst
from . import accessibility
from .renderer import _CELL_TAG

ANY = object()
"""A value the check cannot know (a number sum, a macro call): nothing below it is checked."""
_LOOP = {k: 1 for k in ("index", "index0", "revindex", "revindex0", "length", "depth",
                        "depth0")} | {"first": True, "last": True, "previtem": ANY,
                                      "nextitem": ANY, "cycle": ANY, "changed": ANY}
_SAME_LIST = {"selectattr", "rejectattr", "select", "reject", "list", "sort", "unique",
              "reverse", "batch", "slice"}
_ONE_ITEM = {"first", "last", "random", "min", "max"}
_PAIRS = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"))
_TAG_TOKEN = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_PARAGRAPH_TAG = re.compile(r"^\{%p\s(?:(?!%\}).)*%\}$", re.S)


@dataclass(frozen=True)
class Problem:
    kind: str
    """syntaks, variabel, filter, tagg or tilgjengelighet (universell utforming)."""
    message: str
    around: str = ""
    cell: str = ""
    """In a workbook: where the cell is, in words (its text is in around)."""

    def __str__(self) -> str:
        return self.said()

    def said(self, t: Tekst | None = None) -> str:
        """The problem in t's standard (bokmål when None): the message, written here in
        bokmål, is found by pattern in [malproblem] (Tekst.note)."""
        message = t.note(self.message, "malproblem") if t else self.message
        if self.cell:
            return f"{message}\n      {self.cell}: «{self.around}»"
        return message + (f"\n      Tekst rundt: «{self.around}»" if self.around else "")


# --- Word -------------------------------------------------------------------------------------

def check_docx(path: Path, context: dict[str, Any] | None, env) -> list[Problem]:
    from docxtpl import DocxTemplate  # loaded when a template is checked, not at every start

    tpl = DocxTemplate(path)
    try:
        document = tpl.get_docx()
    except Exception as exc:  # noqa: BLE001 - a file Word could not open either
        return [_unreadable(exc)]
    parts = [document.element.body]
    parts += [p._element for s in document.sections for p in (s.header, s.footer)]
    problems = [p for part in parts for p in broken_tags(part)]
    problems += [Problem("tilgjengelighet", m) for m in accessibility.docx_problems(document)]
    sources = [tpl.get_xml()] + [tpl.get_part_xml(part) for uri in (tpl.HEADER_URI, tpl.FOOTER_URI)
                                 for _, part in tpl.get_headers_footers(uri)]
    props = document.core_properties
    sources += [getattr(props, name) or "" for name in ("title", "subject", "comments", "author")]
    for xml in sources:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))
        problems += check_source(source, context, env)
    return _unique(problems)


def broken_tags(part) -> list[Problem]:
    """Tags Word has broken, per paragraph. A tag split over runs is fine: docxtpl joins it."""
    problems = []
    for paragraph in part.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        if not any(o in text or c in text for o, c in _PAIRS):
            continue
        problems += [Problem("tagg", m, _short(text)) for m in _unbalanced(text)]
        stripped = text.strip()
        if "{%p " in stripped and not _PARAGRAPH_TAG.match(stripped):
            problems.append(Problem(
                "tagg", "En {%p ... %}-tagg må stå alene i avsnittet sitt; resten av teksten "
                        "i avsnittet forsvinner når dokumentet lages.", _short(text)))
        for kind, element in (("{%tr ", "w:tr"), ("{%tc ", "w:tc")):
            if kind in text and not _inside(paragraph, element):
                problems.append(Problem(
                    "tagg", f"En {kind.strip()} ... %}}-tagg må stå i en tabell.", _short(text)))
    return problems


def _unbalanced(text: str) -> list[str]:
    found, opened = [], None
    closing = dict(_PAIRS)
    for token in _TAG_TOKEN.findall(text):
        if token in closing:
            if opened:
                found.append(f"«{opened}» er ikke lukket med «{closing[opened]}» før neste tagg.")
            opened = token
        elif opened and closing[opened] == token:
            opened = None
        else:
            found.append(f"«{token}» uten en «{_opener(token)}» foran i samme avsnitt.")
    if opened:
        found.append(f"«{opened}» uten «{closing[opened]}» i samme avsnitt. Word kan ha delt "
                     "taggen, eller en parentes er slettet.")
    return found


def _opener(token: str) -> str:
    return next(o for o, c in _PAIRS if c == token)


def _inside(element, tag: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == qn(tag):
            return True
        parent = parent.getparent()
    return False


# --- Jinja: syntax and variables ---------------------------------------------------------------

def check_source(source: str, context: dict[str, Any] | None, env) -> list[Problem]:
    """Syntax errors, and when context is given, unknown variables, filters and tests."""
    lines = source.split("\n")
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        return [Problem("syntaks", syntax_message(exc.message or ""), _around(lines, exc.lineno))]
    if context is None:
        return []
    walker = _Walker(context, env, lines)
    walker.body(tree.body, [{}])
    return walker.problems


_SYNTAX = (
    (re.compile(r"^Unexpected end of template"),
     "malen slutter før en blokk er lukket (mangler det en {% endif %} eller {% endfor %}?)"),
    (re.compile(r"^Encountered unknown tag '([^']+)'"),
     "ukjent tagg «{0}» (er den skrevet feil, eller mangler starten på blokken?)"),
    (re.compile(r"^unexpected '([^']+)'"), "uventet «{0}»"),
    (re.compile(r"^expected token '([^']+)', got '([^']+)'"), "ventet «{0}», fant «{1}»"),
)


def syntax_message(jinja_message: str) -> str:
    """Jinja's message in Norwegian where it is a common one; the original is kept."""
    for pattern, norwegian in _SYNTAX:
        if m := pattern.match(jinja_message):
            for number, group in enumerate(m.groups()):
                norwegian = norwegian.replace(f"{{{number}}}", group)
            return f"Syntaksfeil: {norwegian}. (Jinja: {jinja_message})"
    return f"Syntaksfeil. (Jinja: {jinja_message})"


class _Walker:
    def __init__(self, context: dict[str, Any], env, lines: list[str]):
        self.context, self.env, self.lines = context, env, lines
        self.problems: list[Problem] = []

    def report(self, node, kind: str, message: str) -> None:
        self.problems.append(Problem(kind, message, _around(self.lines, node.lineno)))

    # statements
    def body(self, statements, scopes: list[dict]) -> None:
        for node in statements:
            self.statement(node, scopes)

    def statement(self, node, scopes: list[dict]) -> None:
        if isinstance(node, nodes.For):
            items = self.value(node.iter, scopes)
            inner: dict[str, object] = {"loop": _LOOP}
            self.bind(node.target, _first(items), inner)
            if node.test is not None:
                self.value(node.test, scopes + [inner])
            self.body(node.body, scopes + [inner])
            self.body(node.else_, scopes)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.value(node.node, scopes), scopes[-1])
        elif isinstance(node, nodes.AssignBlock):
            self.body(node.body, scopes)
            self.bind(node.target, ANY, scopes[-1])
        elif isinstance(node, nodes.With):
            inner = {}
            for target, value in zip(node.targets, node.values, strict=True):
                self.bind(target, self.value(value, scopes), inner)
            self.body(node.body, scopes + [inner])
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = {"caller": ANY, "varargs": ANY, "kwargs": ANY}
            for arg in node.args:
                inner[arg.name] = ANY
            if isinstance(node, nodes.Macro):
                scopes[-1][node.name] = ANY
            else:
                self.value(node.call, scopes)
            self.body(node.body, scopes + [inner])
        else:  # Output, If, FilterBlock, Scope, ...: check what they hold, in order
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Stmt):
                    self.statement(child, scopes)
                else:
                    self.value(child, scopes)

    def bind(self, target, value, scope: dict) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, ANY, scope)

    # expressions: the sample value, or ANY
    def value(self, node, scopes: list[dict]) -> Any:
        if isinstance(node, nodes.Name):
            for scope in reversed(scopes):
                if node.name in scope:
                    return scope[node.name]
            if node.name in self.context:
                return self.context[node.name]
            if node.name in self.env.globals:
                return ANY
            self.report(node, "variabel", f"Ukjent variabel «{node.name}»"
                        + _suggest(node.name, [*self.context, *_names(scopes)]) + ".")
            return ANY
        if isinstance(node, nodes.Getattr):
            return self.member(node, self.value(node.node, scopes), node.attr)
        if isinstance(node, nodes.Getitem):
            base = self.value(node.node, scopes)
            key = node.arg.value if isinstance(node.arg, nodes.Const) else ANY
            if key is ANY:
                self.value(node.arg, scopes)
                return ANY
            if isinstance(key, int) and isinstance(base, list):
                return base[key] if -len(base) <= key < len(base) else ANY
            return self.member(node, base, key) if isinstance(key, str) else ANY
        if isinstance(node, nodes.Filter):
            return self.filtered(node, scopes)
        if isinstance(node, nodes.Test):
            if node.name not in self.env.tests:
                self.report(node, "filter", f"Ukjent test «{node.name}».")
        for child in node.iter_child_nodes():
            self.value(child, scopes)
        return ANY

    def member(self, node, base: Any, name: str) -> Any:
        if base is ANY:
            return ANY
        if isinstance(base, dict):
            if name in base:
                return base[name]
            if hasattr(base, name):  # dict methods: items(), keys(), ...
                return ANY
            self.report(node, "variabel", f"Ukjent variabel «{_dotted(node)}»"
                        + _suggest(name, list(base), _dotted(node.node) + ".") + ".")
            return ANY
        if hasattr(base, name):
            return ANY
        kind = "en liste, bruk en løkke" if isinstance(base, list) else "en tekst eller et tall"
        self.report(node, "variabel",
                    f"«{_dotted(node)}» finnes ikke: «{_dotted(node.node)}» er {kind}.")
        return ANY

    def filtered(self, node, scopes: list[dict]) -> Any:
        base = self.value(node.node, scopes) if node.node is not None else ANY
        for child in [*node.args, *(k.value for k in node.kwargs)]:
            self.value(child, scopes)
        if node.name not in self.env.filters:
            self.report(node, "filter", f"Ukjent filter «{node.name}»"
                        + _suggest(node.name, list(self.env.filters)) + ".")
            return ANY
        if node.name in _SAME_LIST and isinstance(base, list):
            return base
        if node.name in _ONE_ITEM:
            return _first(base)
        if node.name == "default":
            return base
        return ANY


def _first(items: Any) -> Any:
    return items[0] if isinstance(items, list) and items else ANY


def _names(scopes: list[dict]) -> list[str]:
    return [name for scope in scopes for name in scope]


def _suggest(name: str, candidates: list[str], prefix: str = "") -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f" (mente du «{prefix}{close[0]}»?)" if close else ""


def _dotted(node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}[{node.arg.value!r}]"
    return "…"


def _around(lines: list[str], lineno: int | None) -> str:
    """The plain text of the paragraph (source line) the problem is in, else the one before."""
    if not lineno:
        return ""
    texts = [_plain(line) for line in lines[max(lineno - 2, 0):lineno]]
    return _short(texts[-1] or texts[0], keep_end=True)


def _plain(xml: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", xml)).strip()


def _short(text: str, limit: int = 160, keep_end: bool = False) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    return "… " + text[-limit:] if keep_end else text[:limit] + " …"


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


# --- Excel ------------------------------------------------------------------------------------

def check_xlsx(path: Path, context: dict[str, Any] | None) -> list[Problem]:
    """A cell is one tag alone ({{ sak.journalnummer }}) or plain text; a list row names a list."""
    from openpyxl import load_workbook  # loaded when a template is checked

    from ..intake.guards import require_safe_workbooks

    require_safe_workbooks()
    try:
        book = load_workbook(path)
    except Exception as exc:  # noqa: BLE001 - a file Excel could not open either
        return [_unreadable(exc)]
    problems = [Problem("tilgjengelighet", m) for m in accessibility.xlsx_problems(book)]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str) or not ("{{" in value or "{%" in value):
                    continue
                where = f"Arket «{sheet.title}», celle {cell.coordinate}"
                match = _CELL_TAG.match(value)
                if match is None:
                    problems.append(Problem(
                        "tagg", "Cellen har en tagg regnearkmalene ikke forstår: en celle kan "
                                "bare ha én {{ navn }} alene, uten filtre eller annen tekst.",
                        _short(value), where))
                elif context is not None and (bad := _xlsx_unknown(match.group(1), context)):
                    problems.append(Problem("variabel", bad, _short(value), where))
    return _unique(problems)


def _xlsx_unknown(dotted: str, context: dict[str, Any]) -> str | None:
    value: Any = context
    walked: list[str] = []
    for name in dotted.split("."):
        if isinstance(value, list):
            value = _first(value)
            if value is ANY:
                return None
        if not isinstance(value, dict) or name not in value:
            candidates = list(value) if isinstance(value, dict) else []
            prefix = ".".join(walked) + "." if walked else ""
            return f"Ukjent variabel «{prefix}{name}»" + _suggest(name, candidates, prefix) + "."
        walked.append(name)
        value = value[name]
    return None


# --- A folder ---------------------------------------------------------------------------------

def check_folder(folder: Path, contexts: dict[str, dict[str, Any]],
                 env) -> dict[str, list[Problem]]:
    """Problems per template file in the folder (empty list: fine).

    contexts: template name -> the context its documents get; a template no document kind
    uses is checked for syntax and broken tags only."""
    results = {}
    for path in sorted(Path(folder).iterdir()):
        if path.suffix not in (".docx", ".xlsx") or path.name.startswith(("~$", ".")):
            continue
        context = contexts.get(path.name)
        if path.suffix == ".docx":
            results[path.name] = check_docx(path, context, env)
        else:
            results[path.name] = check_xlsx(path, context)
    return results


def _unreadable(exc: Exception) -> Problem:
    return Problem("fil", f"Malen kan ikke åpnes ({type(exc).__name__}); er den en gyldig "
                          "Word- eller Excel-fil?")
