"""Excel templates prepared once per process, then rendered by writing the sheet XML.

The plain path (renderer.render_xlsx_openpyxl) loads the whole workbook with openpyxl, fills
it (renderer.fill_sheet) and saves every part again: for a 1,000-case caseload that is most
of a second and a half. Here the template is read once: each sheet's rows are parsed with
lxml and kept as ready-made XML, with the cells that hold a tag ("{{ sak.journalnummer }}")
marked. Per workbook only the sheets (and, when needed, the workbook, style and property
parts) are written; every other zip entry is copied as the compressed bytes it already has.

The result, opened with openpyxl, is the same as the plain path's (tests/test_fastxlsx.py
compares every cell's value, type and style, row heights, columns, panes, filters and names),
because the same steps are followed:
- a row whose tags name a list in the context (the first such cell decides) is repeated once
  per item, every cell keeping its style; an empty list removes the row; rows below move;
- row attributes (the height) move with their rows (renderer._move_row_attributes), a
  removed row's go with it, and every repeated row gets the template row's height; so do
  the sheet's row breaks below a list row (sheet_cells.moved_break);
- a row whose wrapped text takes more lines than that height holds is made as high as the
  text needs (sheet_cells.fitted_height: LibreOffice does not fit rows to their text);
- a value is written as what it is: a number as a number, a date as a date serial with a date
  number format (yyyy-mm-dd, or yyyy-mm-dd h:mm:ss for a datetime, on a copy of the cell's
  style when its own format is not a date format, as openpyxl does), anything else as an
  inline string, never a formula; text that starts like a formula ("=", "+", "-", "@", tab,
  CR, LF) gets a style with quotePrefix, so it stays text when the cell is edited in Excel;
- the dimension, the auto filter and its hidden _xlnm._FilterDatabase name reach the last
  cell; the core properties get the template's name and hash as description.
Unlike openpyxl's save, the modification time is the template's (as for Word documents), so
the same content gives the same bytes.

Not supported (Unsupported; the renderer then uses openpyxl as before), typically a
municipality's own template made in Excel:
- any package part other than the workbook, its worksheets, styles, shared strings, theme
  and document properties (drawings, tables, comments, pivot tables, macros, printer
  settings, external links, ...);
- formulas, merged cells, hyperlinks, extension lists or a sort state in a sheet, cell
  metadata, the 1904 date system, a row or cell without its reference, a sheet with an auto
  filter but no _xlnm._FilterDatabase name, a package without core properties.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, get_time_format
from openpyxl.compat import safe_string
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_REVERSE, is_date_format
from openpyxl.utils import absolute_coordinate, quote_sheetname
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.dimensions import DEFAULT_COLUMN_WIDTH

from ..intake.xmlsafe import PARSER_OPTIONS
from .fastdocx import Unsupported, _Entry, _raw_entries, _with_custom, _zip
from .sheet_cells import (
    CELL_TAG,
    DEFAULT_WIDTH,
    FORMULA_START,
    fitted_height,
    line_length,
    moved_break,
    written_text,
)

MAX_TEXT = 32767
"""Excel's limit on a cell's text; openpyxl cuts longer text there."""

_S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKBOOK = "xl/workbook.xml"
_STYLES = "xl/styles.xml"
_SHARED = "xl/sharedStrings.xml"
_CORE = "docProps/core.xml"
_PROPERTY_PARTS = {"[Content_Types].xml", "_rels/.rels", "docProps/custom.xml"}
_KNOWN_PARTS = re.compile(
    r"\[Content_Types\]\.xml|_rels/\.rels|docProps/(core|app|custom)\.xml|xl/workbook\.xml"
    r"|xl/_rels/workbook\.xml\.rels|xl/styles\.xml|xl/sharedStrings\.xml"
    r"|xl/theme/theme\d+\.xml|xl/worksheets/sheet\d+\.xml"
)
_SHEET_CHILDREN = {
    f"{{{_S}}}{name}" for name in (
        "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
        "sheetProtection", "autoFilter", "conditionalFormatting", "dataValidations",
        "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
    )
}
_ROWS_MARK = "FASTXLSX-ROWS"
_REF_MARK = "FASTXLSX-REF"
_DIMENSION_MARK = "FASTXLSX-DIMENSION"
_FILTER_MARK = "FASTXLSX-FILTER"
_BREAK_MARK = "FASTXLSX-BREAK-"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NEEDS_ESCAPE = re.compile("[&<>\r]")
_REPEATING = {str, int, float, date, datetime, type(None)}
"""Value types whose cells are made once per workbook for each (style, value)."""


@dataclass
class _Cell:
    column: int
    letter: str
    style: str
    path: str | None
    """The dotted name in the cell's tag, or None for a cell copied as it is."""
    head: str = ""
    tail: str = ""
    """The cell's XML around its reference (r="...")."""
    width: float | None = None
    """The column's width when the cell's style wraps text (fitted_height), else None."""
    names: tuple[str, ...] = ()
    per_line: int = 0

    def __post_init__(self) -> None:
        self.names = tuple(self.path.split(".")) if self.path else ()
        self.per_line = line_length(self.width) if self.width is not None else 0


@dataclass
class _Row:
    index: int
    cells: list[_Cell]
    attrs: dict[str, str]
    list_heads: list[str] = field(default_factory=list)
    """The first name of each tag in the row, in column order: the candidates for a list."""


@dataclass
class _Sheet:
    member: str
    title: str
    head: str
    tail: str
    rows: list[_Row]
    has_filter: bool
    filter_start: str = ""
    breaks: list[int] = field(default_factory=list)
    """The row each of the sheet's row breaks follows, in the template (renderer.moved_break
    moves them with the rows)."""


class _Styles:
    """The cellXfs of styles.xml, and the styles openpyxl would add: a date number format or
    quotePrefix on a copy of a cell's style."""

    def __init__(self, xml: bytes):
        self.root = etree.fromstring(xml, etree.XMLParser(**PARSER_OPTIONS))
        self.xfs = self.root.find(f"{{{_S}}}cellXfs")
        if self.xfs is None:
            raise Unsupported("no cellXfs")
        self.count = len(self.xfs)
        formats = self.root.find(f"{{{_S}}}numFmts")
        self.custom = {} if formats is None else {
            int(f.get("numFmtId")): f.get("formatCode") for f in formats}
        self._dated: dict[int, bool] = {}
        self._wraps: dict[int, bool] = {}
        self._parts: dict[tuple, bytes] = {}

    def is_dated(self, style: int) -> bool:
        known = self._dated.get(style)
        if known is None:
            xf = self.xfs[style] if style < self.count else self.xfs[0]
            number = int(xf.get("numFmtId", "0"))
            code = self.custom.get(number) or BUILTIN_FORMATS.get(number)
            known = self._dated[style] = is_date_format(code)
        return known

    def wraps(self, style: int) -> bool:
        known = self._wraps.get(style)
        if known is None:
            xf = self.xfs[style] if style < self.count else self.xfs[0]
            alignment = xf.find(f"{{{_S}}}alignment")
            known = self._wraps[style] = alignment is not None and \
                alignment.get("wrapText") in ("1", "true")
        return known

    def part(self, derived: dict[tuple[int, str], int]) -> bytes:
        """styles.xml with the derived styles appended in the order of their numbers."""
        key = tuple(derived)
        known = self._parts.get(key)
        if known is None:
            root = copy.deepcopy(self.root)
            xfs = root.find(f"{{{_S}}}cellXfs")
            for base, change in derived:
                xf = copy.deepcopy(xfs[base] if base < self.count else xfs[0])
                if change == "quote":
                    xf.set("quotePrefix", "1")
                else:
                    code = get_time_format(date if change == "date" else datetime)
                    xf.set("numFmtId", str(self._number_format(root, code)))
                    xf.set("applyNumberFormat", "1")
                xfs.append(xf)
            xfs.set("count", str(len(xfs)))
            formats = root.find(f"{{{_S}}}numFmts")
            if formats is not None:
                formats.set("count", str(len(formats)))
            known = self._parts[key] = (
                _XML_HEAD + etree.tostring(root, encoding="unicode")).encode("utf-8")
        return known

    def _number_format(self, root, code: str) -> int:
        if code in BUILTIN_FORMATS_REVERSE:
            return BUILTIN_FORMATS_REVERSE[code]
        formats = root.find(f"{{{_S}}}numFmts")
        if formats is None:
            formats = etree.Element(f"{{{_S}}}numFmts")
            root.insert(0, formats)
        for element in formats:
            if element.get("formatCode") == code:
                return int(element.get("numFmtId"))
        number = max([163, *(int(f.get("numFmtId")) for f in formats)]) + 1
        etree.SubElement(formats, f"{{{_S}}}numFmt", numFmtId=str(number), formatCode=code)
        return number


class _Render:
    """The state of one workbook being rendered: styles added, texts written."""

    def __init__(self, styles: _Styles, lookup: Callable[[dict[str, Any], str], Any]):
        self.styles = styles
        self.lookup = lookup
        self.derived: dict[tuple[int, str], int] = {}
        self.texts: list[str] = []
        self._made: dict[tuple, tuple[str, str | None]] = {}

    def style(self, base: int, change: str) -> int:
        key = (base, change)
        number = self.derived.get(key)
        if number is None:
            number = self.derived[key] = self.styles.count + len(self.derived)
        return number

    def value(self, context: dict[str, Any], cell: _Cell) -> Any:
        value: Any = context
        for name in cell.names:
            if not isinstance(value, dict) or name not in value:
                self.lookup(context, cell.path or "")  # raises the renderer's TemplateError
            value = value[name]
        return value

    def cell(self, ref: str, style: str, value: Any) -> str:
        """One filled cell, as renderer._set writes it through openpyxl."""
        kind = type(value)
        if kind not in _REPEATING:
            rest, text = self._rest(style, value)
        else:  # a list's statuses, names and dates repeat: each (style, value) made once
            key = (style, kind, value)
            known = self._made.get(key)
            if known is None:
                known = self._made[key] = self._rest(style, value)
            rest, text = known
        if text is not None:
            self.texts.append(text)
        return f'<c r="{ref}"{rest}'

    def _rest(self, style: str, value: Any) -> tuple[str, str | None]:
        """The cell's XML after its reference, and the text written (None for a number)."""
        if isinstance(value, (int, float, date)) and not isinstance(value, bool):
            if isinstance(value, date):
                if not self.styles.is_dated(int(style)):
                    kind = "datetime" if isinstance(value, datetime) else "date"
                    style = str(self.style(int(style), kind))
                number = safe_string(to_excel(value))
            else:
                number = safe_string(value)
            return f'{_style_attr(style)} t="n"><v>{number}</v></c>', None
        string = "" if value is None else str(value)
        text = string[:MAX_TEXT]
        if not text:
            return f'{_style_attr(style)} t="inlineStr"/>', string
        if ILLEGAL_CHARACTERS_RE.search(text):
            raise IllegalCharacterError("cannot be used in worksheets")
        if text.startswith(FORMULA_START):
            style = str(self.style(int(style), "quote"))
        if _NEEDS_ESCAPE.search(text):
            text = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\r", "&#13;"))
        space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
        return f'{_style_attr(style)} t="inlineStr"><is><t{space}>{text}</t></is></c>', string


class PreparedXlsx:
    """An .xlsx template read once; render() makes one workbook."""

    def __init__(self, path: Path, description: str,
                 lookup: Callable[[dict[str, Any], str], Any]):
        self.path = Path(path)
        self.lookup = lookup
        """renderer._lookup: the value of a dotted name, or its TemplateError."""
        try:
            self._prepare(description)
        except (zipfile.BadZipFile, etree.LxmlError, ValueError, KeyError, IndexError) as exc:
            # A damaged template: openpyxl reports it as it always has.
            raise Unsupported(f"unreadable: {type(exc).__name__}") from None

    # -- preparing ------------------------------------------------------------------------
    def _prepare(self, description: str) -> None:
        raw = self.path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            names = [info.filename for info in package.infolist()]
            for name in names:
                if not _KNOWN_PARTS.fullmatch(name):
                    raise Unsupported(f"part {name}")
            for needed in (_WORKBOOK, _STYLES, _CORE, "xl/_rels/workbook.xml.rels"):
                if needed not in names:
                    raise Unsupported(f"no {needed}")
            self._entries = _raw_entries(raw, package)
            self._infos = {info.filename: info for info in package.infolist()}
            self._property_sources = {name: package.read(name) for name in names
                                      if name in _PROPERTY_PARTS}
            self._stamp = package.infolist()[0].date_time
            shared = _shared_strings(package.read(_SHARED)) if _SHARED in names else []
            self.styles = _Styles(package.read(_STYLES))
            self.workbook = _parse(package.read(_WORKBOOK))
            rels = _parse(package.read("xl/_rels/workbook.xml.rels"))
            self.sheets = [self._sheet(package, element, rels, shared)
                           for element in self.workbook.iter(f"{{{_S}}}sheet")]
            self.core = self._core(package.read(_CORE), description)
        self._filter_names = self._filter_database_names()

    def _sheet(self, package, element, rels, shared: list[str]) -> _Sheet:
        target = None
        for rel in rels.iter(f"{{{_REL}}}Relationship"):
            if rel.get("Id") == element.get(f"{{{_R}}}id"):
                target = rel.get("Target", "")
        if target is None:
            raise Unsupported("a sheet without its part")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if member not in self._infos:
            raise Unsupported(f"sheet part {member}")
        root = _parse(package.read(member))
        for child in root:
            if child.tag not in _SHEET_CHILDREN:
                raise Unsupported(f"{etree.QName(child).localname} in a sheet")
        data = root.find(f"{{{_S}}}sheetData")
        widths = _widths(root)
        rows = [self._row(row, root.nsmap, shared, widths)
                for row in data] if data is not None else []
        if data is None:
            data = etree.SubElement(root, f"{{{_S}}}sheetData")
        for row in list(data):
            data.remove(row)
        data.append(etree.Comment(_ROWS_MARK))
        dimension = root.find(f"{{{_S}}}dimension")
        if dimension is not None:
            dimension.set("ref", _DIMENSION_MARK)
        auto_filter = root.find(f"{{{_S}}}autoFilter")
        start = ""
        if auto_filter is not None and auto_filter.get("ref"):
            start = auto_filter.get("ref").split(":")[0]
            auto_filter.set("ref", _FILTER_MARK)
        breaks = []
        row_breaks = root.find(f"{{{_S}}}rowBreaks")
        for brk in row_breaks.iter(f"{{{_S}}}brk") if row_breaks is not None else ():
            breaks.append(int(brk.get("id", "0")))
            brk.set("id", f"{_BREAK_MARK}{len(breaks) - 1}")
        head, tail = etree.tostring(root, encoding="unicode").split(f"<!--{_ROWS_MARK}-->")
        return _Sheet(member, element.get("name", ""), _XML_HEAD + head, tail, rows,
                      bool(start), start, breaks)

    def _row(self, row, nsmap: dict, shared: list[str], widths: dict[int, float]) -> _Row:
        if row.tag != f"{{{_S}}}row" or not row.get("r"):
            raise Unsupported("a row without its number")
        cells = []
        for cell in row:
            if cell.tag != f"{{{_S}}}c" or not cell.get("r"):
                raise Unsupported("a cell without its reference")
            if cell.find(f"{{{_S}}}f") is not None or "cm" in cell.attrib or "vm" in cell.attrib:
                raise Unsupported("a formula or cell metadata")
            letter, _ = coordinate_from_string(cell.get("r"))
            match = CELL_TAG.match(_cell_text(cell, shared))
            cell.set("r", _REF_MARK)
            xml = etree.tostring(cell, encoding="unicode", with_tail=False)
            for prefix, uri in nsmap.items():
                xml = xml.replace(f' xmlns:{prefix}="{uri}"' if prefix else f' xmlns="{uri}"',
                                  "", 1)
            head, tail = xml.split(_REF_MARK)
            column, style = column_index_from_string(letter), cell.get("s", "0")
            width = widths.get(column, DEFAULT_WIDTH) if self.styles.wraps(int(style)) else None
            cells.append(_Cell(column, letter, style, match.group(1) if match else None,
                               head, tail, width))
        cells.sort(key=lambda c: c.column)
        attrs = {k: v for k, v in row.attrib.items()
                 if k not in ("r", "spans") and not k.startswith("{")}
        heads = [c.path.split(".")[0] for c in cells if c.path]
        return _Row(int(row.get("r")), cells, attrs, heads)

    def _core(self, xml: bytes, description: str) -> _Entry:
        props = DocumentProperties.from_tree(_parse(xml))
        props.description = description
        data = etree.tostring(props.to_tree(), encoding="utf-8", xml_declaration=False)
        return _Entry.compress(self._infos[_CORE], data)

    def _filter_database_names(self) -> dict[int, Any]:
        """Each filtered sheet's hidden _xlnm._FilterDatabase name, by sheet position."""
        if self.workbook.find(f"{{{_S}}}workbookPr[@date1904]") is not None and \
                self.workbook.find(f"{{{_S}}}workbookPr").get("date1904") in ("1", "true"):
            raise Unsupported("the 1904 date system")
        names = {}
        for name in self.workbook.iter(f"{{{_S}}}definedName"):
            if name.get("name") == "_xlnm._FilterDatabase" and name.get("localSheetId"):
                names[int(name.get("localSheetId"))] = name
        for number, sheet in enumerate(self.sheets):
            if sheet.has_filter and number not in names:
                raise Unsupported("an auto filter without its name")
        return names

    # -- rendering ------------------------------------------------------------------------
    def render(self, context: dict[str, Any],
               properties: dict[str, str] | None = None) -> tuple[bytes, list[str]]:
        """The workbook's bytes and the texts written into it (renderer.missing_in);
        properties: custom document properties, built into the same zip."""
        state = _Render(self.styles, self.lookup)
        replaced = {self.core.filename: self.core}
        filters = {}
        for number, sheet in enumerate(self.sheets):
            xml, ref = _fill(sheet, context, state)
            if ref:
                filters[number] = f"{quote_sheetname(sheet.title)}!{absolute_coordinate(ref)}"
            replaced[sheet.member] = _Entry.compress(self._infos[sheet.member],
                                                     xml.encode("utf-8"))
        if filters:
            replaced[_WORKBOOK] = _Entry.compress(self._infos[_WORKBOOK],
                                                  self._workbook_part(filters))
        if state.derived:
            replaced[_STYLES] = _Entry.compress(self._infos[_STYLES],
                                                self.styles.part(state.derived))
        entries = [replaced.get(e.filename, e) for e in self._entries]
        if properties:
            entries = _with_custom(entries, self._property_sources, self._stamp, properties)
        return _zip(entries), state.texts

    def _workbook_part(self, filters: dict[int, str]) -> bytes:
        for number, value in filters.items():
            self._filter_names[number].text = value
        return (_XML_HEAD + etree.tostring(self.workbook, encoding="unicode")).encode("utf-8")


def _fill(sheet: _Sheet, context: dict[str, Any], state: _Render) -> tuple[str, str]:
    """The sheet's XML filled in, and its auto filter's new reference (to its last cell):
    fill_sheet's steps, on the prepared rows."""
    rows: dict[int, list[str]] = {}
    dims: dict[int, dict[str, str]] = {}
    last_column = 0
    shift = 0
    breaks = list(sheet.breaks)
    for row in sheet.rows:
        at = row.index + shift
        if not row.cells:
            if row.attrs:  # an empty row with a height, say: it moves with the rows
                dims[at] = dict(row.attrs)
            continue
        last_column = max(last_column, row.cells[-1].column)
        list_name = next((h for h in row.list_heads if isinstance(context.get(h), list)), None)
        if list_name is None:
            rows[at], wrapped = _cells(state, row.cells, at, context)
            if row.attrs:
                dims[at] = dict(row.attrs)
            _fit_height(dims, at, wrapped)
            continue
        items = context[list_name]
        height = row.attrs.get("ht")  # the template row's, as openpyxl reads it
        for offset, item in enumerate(items):
            scope = {list_name: item}
            if not offset and row.attrs:
                dims[at] = dict(row.attrs)
            if height and float(height):
                dims.setdefault(at + offset, {}).update(ht=height, customHeight="1")
            rows[at + offset], wrapped = _cells(state, row.cells, at + offset, scope)
            _fit_height(dims, at + offset, wrapped)
        breaks = [moved_break(after, at, len(items) - 1) for after in breaks]
        shift += len(items) - 1  # an empty list: its row goes, with its height
    filled = [r for r, cells in rows.items() if cells]
    last_row = max(filled, default=1)
    last = f"{get_column_letter(max(last_column, 1))}{last_row}"
    out = [sheet.head.replace(_DIMENSION_MARK, f"A1:{last}", 1)]
    for number in sorted(rows.keys() | dims.keys()):
        attrs = "".join(f' {k}="{v}"' for k, v in dims.get(number, {}).items())
        cells = rows.get(number)
        out.append(f'<row r="{number}"{attrs}>{"".join(cells)}</row>' if cells
                   else f'<row r="{number}"{attrs}/>')
    ref = f"{sheet.filter_start}:{last}" if sheet.has_filter else ""
    tail = sheet.tail.replace(_FILTER_MARK, ref, 1)
    for number, after in enumerate(breaks):
        tail = tail.replace(f'"{_BREAK_MARK}{number}"', f'"{after}"', 1)
    out.append(tail)
    return "".join(out), ref


def _cells(state: _Render, cells: list[_Cell], row: int,
           context: dict[str, Any]) -> tuple[list[str], list[tuple[str, float]]]:
    """A row's cells: copied as they are, or filled in from the context; and the wrapped
    texts written, with their columns' widths."""
    out, wrapped = [], []
    number = str(row)
    for cell in cells:
        if cell.path is None:
            out.append(f"{cell.head}{cell.letter}{number}{cell.tail}")
        else:
            value = state.value(context, cell)
            out.append(state.cell(f"{cell.letter}{number}", cell.style, value))
            per_line = cell.per_line
            if per_line:  # only a text of more than one line can change the height (wraps)
                text = value if type(value) is str else written_text(value)
                if text and (len(text) > per_line or "\n" in text):
                    wrapped.append((text, cell.width or 0.0))  # set when per_line is
    return out, wrapped


def _fit_height(dims: dict[int, dict[str, str]], row: int,
                wrapped: list[tuple[str, float]]) -> None:
    """The row made high enough for its wrapped text, as renderer._fit_height does."""
    if not wrapped:
        return
    given = dims.get(row, {}).get("ht")
    height = float(given) if given else None
    fitted = fitted_height(height, wrapped)
    if fitted != height:
        dims.setdefault(row, {}).update(ht=safe_string(fitted), customHeight="1")


def _widths(root) -> dict[int, float]:
    """Each column's width as the sheet gives it, by column number (as openpyxl reads it)."""
    widths = {}
    for col in root.iter(f"{{{_S}}}col"):
        first = int(col.get("min", ""))
        width = float(col.get("width", DEFAULT_COLUMN_WIDTH))
        for column in range(first, int(col.get("max", first)) + 1):
            widths[column] = width
    return widths


def _style_attr(style: str) -> str:
    return "" if style == "0" else f' s="{style}"'


def _parse(xml: bytes):
    return etree.fromstring(xml, etree.XMLParser(**PARSER_OPTIONS))


def _plain(element) -> str:
    """The text of a string item (<si> or <is>) as openpyxl reads it: runs joined, phonetic
    guides left out."""
    return "".join(t.text or "" for t in element.iter(f"{{{_S}}}t")
                   if t.getparent().tag != f"{{{_S}}}rPh")


def _shared_strings(xml: bytes) -> list[str]:
    return [_plain(item) for item in _parse(xml).iter(f"{{{_S}}}si")]


def _cell_text(cell, shared: list[str]) -> str:
    """The cell's text when it is a string, "" otherwise (only a string can be a tag)."""
    kind = cell.get("t")
    if kind == "inlineStr":
        inline = cell.find(f"{{{_S}}}is")
        return _plain(inline) if inline is not None else ""
    if kind == "s":
        value = cell.findtext(f"{{{_S}}}v")
        try:
            return shared[int(value or "")]
        except (ValueError, IndexError):
            raise Unsupported("a shared string that is not there") from None
    if kind == "str":
        return cell.findtext(f"{{{_S}}}v") or ""
    return ""
