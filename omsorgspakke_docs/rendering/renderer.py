"""Render one document from its template: Word through docxtpl, Excel through openpyxl.

Both are prepared once per template and rendered by writing the changed XML parts directly
(fastdocx.py, fastxlsx.py); a template the fast path does not understand (a municipality's
own, with footnotes, merged cells or formulas, say) is rendered by docxtpl or openpyxl as is.

Templates are loaded only from the configured templates folder. Jinja runs sandboxed with
autoescaping, so a template cannot run code, '&' and '<' in the data print as written, and
data is never evaluated as a template ('{{7*7}}' in a name stays '{{7*7}}'). Every string in
the context is cleaned of control characters first, whichever path put it there.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from stat import S_ISREG
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from ..intake.guards import printable_all
from ..store.issued import GivenDay
from . import template_folders
from .context import missing_in
from .sheet_cells import (
    CELL_TAG,
    DEFAULT_WIDTH,
    FORMULA_START,
    fitted_height,
    moved_break,
    written_text,
)
from .uses import KeptUses, sheet_uses, uses_of

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

    from .fastdocx import PreparedDocx
    from .fastxlsx import PreparedXlsx
# docxtpl, python-docx (fastdocx) and openpyxl are imported where a template needs them (a
# tenth of a second at start-up): a run whose cases are all as before renders nothing.

_SIMPLE_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9_-]+\.(docx|xlsx)$")
_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string",
           "variable_end_string", "comment_start_string", "comment_end_string",
           "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
           "newline_sequence", "keep_trailing_newline")


class TemplateError(Exception):
    """A template is missing or broken; the message is for the person who edits templates."""


@dataclass
class Document:
    """One output file of a case: where it goes in the case folder and what fills it."""

    path: PurePosixPath
    template: str
    context: dict[str, Any]
    data: bytes | None = None
    """Content the document kind made itself (e.g. a calendar file); then template is "" and
    the renderer writes these bytes as they are."""
    properties: dict[str, str] = field(default_factory=dict)
    """Custom document properties to set in the output, e.g. the minutes marker."""
    malform: str = "bokmal"
    """The standard the document is written in: its template comes from templates/nb/ or
    templates/nn/ (template_folders.resolve)."""
    clean: bool = False
    """True when every string in context is already printable (rendering/prepare.py)."""
    send_by: date | None = None
    """A letter: the day it should be sent by (documents/sending.py lists it until then,
    or until listed_until when that is later)."""
    listed_until: date | None = None
    meeting: date | None = None
    """A letter: the day of the first conversation it is for (an invitation's; the first one
    an information letter lists), which a letter by post must reach its reader before
    (documents/sending.py). Minutes: the day of their meeting, before which they are not
    filed (archive/packages.py)."""
    appointment: str = ""
    """An invitation: the day and time of its meeting (ISO). One issued before for another
    says which letter it replaces (rendering/prepare.py REPLACES_KEY)."""
    given_day: GivenDay | None = None
    """An invitation for a conversation the journal cancelled and the planner set again:
    the day it had, as letters to its reader gave it (documents/innkalling.py given_day).
    Its first invitation says it was cancelled only to a reader who was sent it
    (rendering/prepare.py CANCELLED_FIRST_KEY)."""
    dates: dict[str, str] | None = None
    """A letter that lists its reader's dates (the information letter): each conversation's
    or meeting's date and time as a digest, by what it is ("" for one held: its date is
    history). One issued before with other dates says which letter it replaces, as an
    invitation for a meeting moved does (store/issued.py Issued.replaces)."""
    readers: tuple[str, ...] = ()
    """A letter addressed to more than one person (the foster parents): each one's name, as
    a letter to them alone names them (documents.readers). Its issue keeps a digest of each
    (store/issued.py READERS), so it counts as a letter to each of them; never shown."""
    either: dict[str, list[Any]] = field(default_factory=dict)
    """A letter: for a fact of its own its kind declares (its `facts`, by that dotted path),
    each value one row may have had for the same fact as a release before kept it, the
    value now among them (the other parents by their places in an export listing them in
    another order: documents/informasjonsbrev.py). Its issue is kept when the row kept any
    of them (rendering/prepare.py _either); never shown."""
    from_service: tuple[str, ...] = ()
    """A letter: the contact person's details it shows the service's for ("telefon",
    "epost"), which the export lacks (documents/sending.py; Til utsending.xlsx says so)."""
    maybe_sent: bool = False
    """A late letter made on the service's first day: it may have been sent by hand before
    (documents/sending.py lists it with a note, to check rather than send)."""
    keeps_mark: bool = False
    """A letter issued anew whose earlier version, marked as sent, still serves its reader
    (an information letter sent digitally whose dates did not change: documents/sending.py
    opening_letter): the mark carries over, and it is not listed to send again."""
    presents: date | None = None
    """A letter that tells its reader when their next conversation is (the information
    letter, as of its issue): that day. Once it has passed with the letter still on the list,
    the list says so (documents/sending.py)."""
    kept_as_made: bool = False
    """Made once and worked in (pre-filled minutes): like a letter on the list to send, kept
    as made when only its contact person changed (rendering/prepare.py)."""
    untouched: bool = False
    """Minutes (kept_as_made) nobody has written in: the copy in the case folder is as a run
    wrote it, or none is there. Made again in place when what they show changes (the journal
    has the conversation as held), not kept as made (store/issued.py Issued.issue remake)."""
    kept_through: dict[str, Any] = field(default_factory=dict)
    """Minutes (kept_as_made): context values as they would be whatever the journal says of
    the child's sex (the theme's questions, «hun» or the name), put in place of the
    context's when what they show apart from their contact person and pre-filled places is
    compared (rendering/prepare.py _issued): minutes being written in are kept as made when
    the sex comes, with no copy «(ny versjon)» beside them; those nobody has written in are
    made again in place."""
    kept_through_before: dict[str, Any] = field(default_factory=dict)
    """Minutes (kept_as_made) someone is writing in: kept_through as the release before said
    it (the theme in its words, the name again where a question says the child twice), put
    in place of the context's in its words (former_releases.in_former_words) too: minutes
    it made and kept are kept as made on the first run of this release also when that run
    brings the child's sex, or another one (documents/referat.py)."""
    held_open: bool = False
    """Minutes (kept_as_made) whose copy in the case folder Word or LibreOffice holds open:
    kept as they are where they would be made again (untouched, or for a fact of their own),
    not under whoever has them open (Issued.issue on_hold)."""
    as_of: tuple[date, Callable[[date], dict[str, Any]]] | None = None
    """A document that shows where things stand on the day it is issued (the information
    letter): (the day its context is as of, the context values as of another day).
    rendering/prepare.py makes it again as of its issue day when that is another."""


@dataclass
class Rendered:
    data: bytes
    missing: list[str] = field(default_factory=list)


class Renderer:
    def __init__(self, templates_dir: Path, filters: dict[str, Any] | None = None, lock=None,
                 kept_uses: KeptUses | None = None):
        self.templates_dir = Path(templates_dir)
        self.env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
        self.env.filters.update(filters or {})
        self.lock = lock
        """A templatelock.TemplateLock: every template is checked against it when loaded."""
        self._prepared: dict[Path, tuple[tuple, PreparedDocx | None]] = {}
        """Word templates prepared once (fastdocx), until the file on disk changes."""
        self._prepared_sheets: dict[Path, tuple[tuple, PreparedXlsx | None]] = {}
        """Excel templates prepared once (fastxlsx), until the file on disk changes."""
        self._checked_paths: dict[str, tuple[tuple, str]] = {}
        """Template name -> (the file's version when checked, its SHA-256)."""
        self._uses: dict[tuple[Path, str], frozenset[tuple[str, ...]] | None] = {}
        """What each template shows (Renderer.uses), by its path and SHA-256."""
        self.kept_uses = kept_uses
        """Where what each template shows is kept for other processes (uses.KeptUses)."""
        syntax = [type(self.env).__name__, sorted(self.env.extensions)] + [
            getattr(self.env, name) for name in _SYNTAX]
        self._syntax = hashlib.sha256(repr(syntax).encode()).hexdigest()[:16]
        """The Jinja syntax the templates are parsed with, in the key of what is kept."""

    def template_path(self, name: str, malform: str = "bokmal") -> Path:
        """The template's path in the folder of the standard (templates/nb/, templates/nn/,
        template_folders.resolve), checked (name, inside the folder, the lock) once per
        version of the file: one stat per call after the first."""
        return self._checked(name, malform)[0]

    def template_hash(self, name: str, malform: str = "bokmal") -> str:
        return self._checked(name, malform)[1]

    def _checked(self, name: str, malform: str) -> tuple[Path, str]:
        if not _SIMPLE_TEMPLATE_NAME.match(name):
            raise TemplateError(f"Ugyldig malnavn: {name!r}.")
        path = template_folders.resolve(self.templates_dir, name, malform)
        try:
            stat = path.stat()
        except OSError:
            stat = None
        if stat is None or not S_ISREG(stat.st_mode):
            raise TemplateError(f"Fant ikke malen {name} i {self.templates_dir}.")
        version = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino, stat.st_dev,
                   id(self.lock))
        known = self._checked_paths.get(str(path))
        if known is not None and known[0] == version:
            return path, known[1]
        if path.resolve().parent not in template_folders.allowed(self.templates_dir):
            raise TemplateError(f"Malen {name} peker ut av malmappen {self.templates_dir}.")
        data = path.read_bytes()
        if self.lock is not None:
            self.lock.verify(path.relative_to(self.templates_dir).as_posix(), data)
        digest = hashlib.sha256(data).hexdigest()
        self._checked_paths[str(path)] = (version, digest)
        return path, digest

    def uses(self, name: str, malform: str = "bokmal") -> frozenset[tuple[str, ...]] | None:
        """The context paths the template reads (uses.py); None when not known: all of it.
        Found once per version of the template, and kept for other processes (kept_uses)."""
        path, digest = self._checked(name, malform)
        if (path, digest) in self._uses:
            return self._uses[(path, digest)]
        key = f"{path.suffix}:{digest}:{self._syntax}"
        known, found = self.kept_uses.get(key) if self.kept_uses else (False, None)
        if not known:
            found = self._found_uses(path)
            # Kept only when the file is still the one hashed: not under another's SHA-256.
            if self.kept_uses and self._checked(name, malform)[1] == digest:
                self.kept_uses.put(key, found)
        self._uses[(path, digest)] = found
        return found

    def _found_uses(self, path: Path) -> frozenset[tuple[str, ...]] | None:
        if path.suffix == ".xlsx":
            return sheet_uses(path)
        fast = self._prepared_docx(path)
        if fast is None:
            return None
        return uses_of(fast.parsed())

    def render(self, doc: Document) -> Rendered:
        if doc.data is not None:
            from .fastdocx import with_custom_properties

            return Rendered(with_custom_properties(doc.data, doc.properties or {}))
        path = self.template_path(doc.template, doc.malform)
        context = doc.context if doc.clean else printable_all(doc.context)
        try:
            if path.suffix == ".docx":
                return self._docx(path, context, doc.properties or {})
            return self._xlsx(path, context, doc.properties or {})
        except TemplateError:
            raise
        except Exception as exc:
            raise TemplateError(
                f"Malen {doc.template} kunne ikke fylles ut: {type(exc).__name__}{_detail(exc)}"
            ) from None

    def _docx(self, path: Path, context: dict[str, Any], properties: dict[str, str]) -> Rendered:
        fast = self._prepared_docx(path)
        if fast is not None:
            data, text = fast.render(context, properties)
            return Rendered(data, missing_in(text))
        from docxtpl import DocxTemplate

        tpl = DocxTemplate(path)
        tpl.render(context, jinja_env=self.env, autoescape=True)
        props = tpl.docx.core_properties
        for name, value in _stamp(path).items():
            setattr(props, name, value)
        out = io.BytesIO()
        tpl.save(out)
        from .fastdocx import with_custom_properties

        return Rendered(with_custom_properties(out.getvalue(), properties),
                        missing_in(_docx_text(tpl)))

    def _prepared_docx(self, path: Path) -> PreparedDocx | None:
        """The template prepared for fastdocx, or None for one it does not support."""
        def prepare() -> PreparedDocx:
            from .fastdocx import PreparedDocx  # python-docx with it: when a document is made

            return PreparedDocx(path, self.env, _stamp(path))

        return _prepared(self._prepared, path, prepare)

    def _xlsx(self, path: Path, context: dict[str, Any], properties: dict[str, str]) -> Rendered:
        fast = self._prepared_xlsx(path)
        if fast is not None:
            data, texts = fast.render(context, properties)
            return Rendered(data, missing_in("\n".join(texts)))
        rendered = render_xlsx_openpyxl(path, context, self.env)
        from .fastdocx import with_custom_properties

        rendered.data = with_custom_properties(rendered.data, properties)
        return rendered

    def _prepared_xlsx(self, path: Path) -> PreparedXlsx | None:
        """The template prepared for fastxlsx, or None for one it does not support."""
        def prepare() -> PreparedXlsx:
            from .fastxlsx import PreparedXlsx  # openpyxl with it: when a workbook is made

            return PreparedXlsx(path, _xlsx_description(path), _lookup)

        return _prepared(self._prepared_sheets, path, prepare)


def render_xlsx_openpyxl(path: Path, context: dict[str, Any], env) -> Rendered:
    """The plain path: load the template with openpyxl, fill every sheet, save it all again.
    For templates fastxlsx does not support, and the reference its tests compare with."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    texts: list[str] = []
    for sheet in book.worksheets:
        texts.extend(fill_sheet(sheet, context, env))
    book.properties.description = _xlsx_description(path)
    out = io.BytesIO()
    book.save(out)
    return Rendered(out.getvalue(), missing_in("\n".join(texts)))


def _xlsx_description(path: Path) -> str:
    return f"mal:{path.name} sha256:{_sha256(path)[:16]}"


def _prepared(cache: dict, path: Path, prepare: Callable[[], Any]) -> Any:
    """A template prepared once (fastdocx, fastxlsx) until the file on disk changes; None
    for one the fast path does not support (Unsupported): the plain path makes it."""
    from .fastdocx import Unsupported  # loaded by now: both fast paths are built on it

    stat = path.stat()
    # Its change time too, as Renderer._checked: a file rewritten in place keeping its size
    # and modification time (cp -p, a restore) is another template.
    version = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino, stat.st_dev)
    known = cache.get(path)
    if known is None or known[0] != version:
        try:
            prepared = prepare()
        except Unsupported:
            prepared = None
        known = cache[path] = (version, prepared)
    return known[1]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_QUOTED = re.compile(r"'([^']*)'")
_VARIABLE_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def _detail(exc: Exception) -> str:
    """What a template author needs from the error, never a value from the data.

    Jinja's messages quote the template's own constructs, except that a missing field is
    quoted by its key, which can be data ({{ barn[navn] }}): there only lowercase variable
    names are shown. Other errors (int() of a name, say) quote values: only the type is told.
    """
    if not isinstance(exc, jinja2.TemplateError):
        return ""
    text = str(exc)
    if isinstance(exc, jinja2.UndefinedError):
        text = _QUOTED.sub(lambda m: m[0] if _VARIABLE_NAME.fullmatch(m[1]) else "'…'", text)
    return f": {text}"


def _stamp(path: Path) -> dict[str, str]:
    """Document properties that say which template (and which version of it) made the file.
    The comment is in words bokmål and nynorsk share («mal»), as the template's written
    standard is the service's choice and a nynorsk document must not say «Laget av»."""
    return {
        "comments": f"omsorgspakke-docs, mal {path.name}",
        "subject": f"mal:{path.name} sha256:{_sha256(path)[:16]}",
    }


def _docx_text(tpl: DocxTemplate) -> str:
    doc = tpl.docx
    parts = [doc.element.body]
    for section in doc.sections:
        parts.extend([section.header._element, section.footer._element])
    return "\n".join(
        "".join(t.text or "" for t in part.iter() if t.tag.endswith("}t")) for part in parts
    )


# --- Excel -----------------------------------------------------------------------------------
# A cell "{{ sak.journalnummer }}" is replaced by the value. A row whose cells name a list,
# "{{ samtaler.dato }}", is repeated once for each item of that list, keeping the row's style.

_CELL_TAG = CELL_TAG
_FORMULA_START = FORMULA_START


def fill_sheet(sheet, context: dict[str, Any], env) -> list[str]:
    texts: list[str] = []
    widths = _column_widths(sheet)
    row_index = 1
    while row_index <= sheet.max_row:
        row = sheet[row_index]
        list_name = _row_list(row, context)
        if list_name is None:
            wrapped = []
            for cell in row:
                m = _CELL_TAG.match(str(cell.value)) if isinstance(cell.value, str) else None
                if m:
                    value = _lookup(context, m.group(1))
                    _set(cell, value, texts)
                    wrapped += _wrapped(cell, value, widths)
            _fit_height(sheet, row_index, wrapped)
            row_index += 1
            continue
        items = context[list_name]
        spec = [(c.column, c.value, c._style) for c in row]
        template_row = sheet.row_dimensions.get(row_index)
        height = template_row.height if template_row else None  # made for wrapped text
        if not items:
            sheet.delete_rows(row_index)
            sheet.row_dimensions.pop(row_index, None)  # no empty row of its height is left
            _move_row_attributes(sheet, row_index, -1)
            continue
        if len(items) > 1:
            sheet.insert_rows(row_index + 1, amount=len(items) - 1)
            _move_row_attributes(sheet, row_index, len(items) - 1)
        for offset, item in enumerate(items):
            if height:
                sheet.row_dimensions[row_index + offset].height = height
            wrapped = []
            for column, value, style in spec:
                cell = sheet.cell(row=row_index + offset, column=column)
                cell._style = copy(style)  # its own: quotePrefix must not reach the others
                m = _CELL_TAG.match(value) if isinstance(value, str) else None
                if m:
                    filled = _lookup({list_name: item}, m.group(1))
                    _set(cell, filled, texts)
                    wrapped += _wrapped(cell, filled, widths)
                else:
                    cell.value = value
            _fit_height(sheet, row_index + offset, wrapped)
        row_index += len(items)
    if sheet.auto_filter.ref:
        sheet.auto_filter.ref = f"{sheet.auto_filter.ref.split(':')[0]}:{_last_cell(sheet)}"
    return texts


def _column_widths(sheet) -> dict[int, float]:
    """Each column's width as the template gives it, by column number."""
    from openpyxl.utils import column_index_from_string

    widths = {}
    for key, dim in sheet.column_dimensions.items():
        first = dim.min or column_index_from_string(key)
        for column in range(first, (dim.max or first) + 1):
            widths[column] = dim.width
    return widths


def _wrapped(cell, value: Any, widths: dict[int, float]) -> list[tuple[str, float]]:
    """(text, column width) when the cell wraps the text written into it."""
    text = written_text(value)
    if text is None or not cell.alignment.wrap_text:
        return []
    return [(text, widths.get(cell.column, DEFAULT_WIDTH))]


def _fit_height(sheet, row: int, wrapped: list[tuple[str, float]]) -> None:
    """The row made high enough for its wrapped text (sheet_cells.fitted_height)."""
    if not wrapped:
        return
    known = sheet.row_dimensions.get(row)
    height = known.height if known else None
    fitted = fitted_height(height, wrapped)
    if fitted != height:
        sheet.row_dimensions[row].height = fitted


def _move_row_attributes(sheet, below: int, by: int) -> None:
    """The attributes (the height) of the rows below a list row move with their rows, as in
    Excel: openpyxl's insert_rows and delete_rows leave them at their row numbers. So do the
    page breaks from the list row down (moved_break): a break set above a second table stays
    above it however long the list over it grows."""
    dims = sheet.row_dimensions
    for index in sorted((i for i in dims if i > below), reverse=by > 0):
        moved = dims.pop(index)
        moved.index = index + by
        dims[index + by] = moved
    for brk in sheet.row_breaks.brk:
        brk.id = moved_break(brk.id, below, by)


def _last_cell(sheet) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(sheet.max_column)}{sheet.max_row}"


def _row_list(row, context) -> str | None:
    for cell in row:
        m = _CELL_TAG.match(cell.value) if isinstance(cell.value, str) else None
        if m:
            head = m.group(1).split(".")[0]
            if isinstance(context.get(head), list):
                return head
    return None


def _lookup(context: dict[str, Any], dotted: str) -> Any:
    value: Any = context
    for name in dotted.split("."):
        if not isinstance(value, dict) or name not in value:
            raise TemplateError(f"Ukjent felt i regnearkmalen: {dotted}")
        value = value[name]
    return value


def _set(cell, value: Any, texts: list[str]) -> None:
    """Write a value as what it is; text is always text, never a formula."""
    if isinstance(value, (int, float, date)) and not isinstance(value, bool):
        cell.value = value
        return
    string = "" if value is None else str(value)
    cell.value = string
    cell.data_type = "s"  # not a formula ("=..."), not an error code ("#N/A")
    if string.startswith(_FORMULA_START):
        cell.quotePrefix = True  # and it stays text when someone edits the cell in Excel
    texts.append(string)
