"""Build the Word and Excel templates in templates/nb/ and templates/nn/ from code.

    .venv/bin/python tools/build_templates.py            # writes into ./templates/nb and nn
    .venv/bin/python tools/build_templates.py --out DIR  # somewhere else

The texts below are bokmål; tools/nynorsk.py has the nynorsk of every one of them, and the
build stops and names any text that has no nynorsk yet.

The templates are ordinary .docx/.xlsx files: a municipality may open them in Word or Excel
and adjust wording or layout. Running this script again overwrites such changes, so keep
local edits in a copy of the templates folder. docs/templates.md lists every variable.

Rules for docxtpl followed here: a tag is always written in one run; a paragraph tag
("{%p ... %}") is alone in its paragraph; a row tag ("{%tr ... %}") is alone in the first cell
of its own row.
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

# This checkout's package, not one installed from another checkout (a venv's editable
# install may point elsewhere, and the nynorsk workbooks' rules would come out in bokmål).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from omsorgspakke_docs.rendering import minutes_marker as marker  # noqa: E402

FONT = "Calibri"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x59, 0x59, 0x59)
HEADER_FILL = "DCE6F1"
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) minus 2 x 2.5 cm margins
CONFIDENTIAL = "Unntatt offentlighet, offl. § 13 jf. bvl. § 13-1"
"""Worded the same in the letterhead and in the footer of every page."""
LOGO_CM = 2.4
"""The empty cell left of the letterhead, where a municipality puts its coat of arms or logo."""

Run = str | tuple[str, dict]


# --- Document set-up ---------------------------------------------------------------------

def new_document(title: str):
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = section.footer_distance = Cm(1.25)
    _styles(doc)
    # Page 1 carries the letterhead in the body; later pages repeat service and reference.
    section.different_first_page_header_footer = True
    _footer(section.footer)
    _footer(section.first_page_footer)
    _continuation_header(section.header)
    props = doc.core_properties
    props.title, props.language, props.author = title, "nb-NO", "omsorgspakke-docs"
    props.comments = ""
    return doc


def _font(style_or_run, size: float | None = None, bold: bool | None = None,
          color: RGBColor | None = None, italic: bool | None = None) -> None:
    font = style_or_run.font
    font.name = FONT
    # Word prefers the theme fonts over w:ascii; drop them so Calibri really is used.
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if color is not None:
        font.color.rgb = color


def _styles(doc) -> None:
    styles = doc.styles
    # Norwegian spelling and hyphenation for everything.
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "nb-NO")
    lang.set(qn("w:eastAsia"), "nb-NO")

    normal = styles["Normal"]
    _font(normal, 11, color=RGBColor(0, 0, 0))
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1

    title = styles["Title"]
    _font(title, 18, bold=True, color=ACCENT)
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(12)
    title.paragraph_format.keep_with_next = True
    for level, size, before in ((1, 14, 16), (2, 12, 12), (3, 11, 10)):
        style = styles[f"Heading {level}"]
        _font(style, size, bold=True, color=ACCENT, italic=False)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    _font(styles["List Bullet"], 11)
    styles["List Bullet"].paragraph_format.space_after = Pt(2)

    for name, bold in (("Tabelltekst", False), ("Tabelloverskrift", True)):
        style = styles.add_style(name, 1)  # 1 = paragraph style
        style.base_style = normal
        _font(style, 10, bold=bold)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0
    small = styles.add_style("Liten tekst", 1)
    small.base_style = normal
    _font(small, 9, color=GREY)
    small.paragraph_format.space_after = Pt(0)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when the document is shown."""
    def run_with(element):
        run = paragraph.add_run()
        _font(run, 8, color=GREY)
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    shown = paragraph.add_run("1")
    _font(shown, 8, color=GREY)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _a4_tabs(p) -> None:
    tabs = p.paragraph_format.tab_stops
    # The Header/Footer styles have Letter-size tab stops; clear them, use the A4 text width.
    for twips in (4680, 9360):
        tabs.add_tab_stop(Twips(twips), WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)


def _continuation_header(header) -> None:
    p = header.paragraphs[0]
    _a4_tabs(p)
    _border(p, "bottom")
    for text in ("{{ tjeneste.navn }}", "\tVår ref.: {{ sak.var_referanse }}"):
        _font(p.add_run(text), 8, color=GREY)


def _footer(footer) -> None:
    p = footer.paragraphs[0]
    _a4_tabs(p)
    _border(p, "top")
    for text in (CONFIDENTIAL, "\tSide "):
        _font(p.add_run(text), 8, color=GREY)
    _field(p, "PAGE")
    _font(p.add_run(" av "), 8, color=GREY)
    _field(p, "NUMPAGES")


# What may follow w:pBdr inside w:pPr: Word rejects a file whose elements are out of order.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def _border(paragraph, side: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "4"), ("color", "1F4E79")):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


# --- Building blocks ---------------------------------------------------------------------

def para(where, *runs: Run, style: str | None = None, align=None, after: float | None = None,
         lead: bool = False):
    """A paragraph of runs; each run is text or (text, {"bold": True, ...}).

    A tag is never split: every string given here becomes exactly one run. lead: the paragraph
    leads into the table or list after it (a caption, "... grunnen til det:") and is kept on
    the same page as its start, so a heading and its text never end a page without it.
    """
    p = where.add_paragraph(style=style)
    for run in runs:
        text, fmt = (run, {}) if isinstance(run, str) else run
        r = p.add_run(text)
        if fmt:
            _font(r, fmt.get("size"), fmt.get("bold"), fmt.get("color"), fmt.get("italic"))
    if align is not None:
        p.alignment = align
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    if lead:
        p.paragraph_format.keep_with_next = True
    return p


def together(p):
    """The paragraph kept on one page (its heading is kept with it: keep_with_next)."""
    p.paragraph_format.keep_together = True
    return p


def tag(where, statement: str) -> None:
    """A paragraph-level docxtpl tag, alone in its paragraph: tag(doc, "for x in xs")."""
    where.add_paragraph(f"{{%p {statement} %}}")


def bullets(where, loop: str, *runs: Run, lead: bool = False) -> None:
    """One bullet per item: bullets(doc, "t in tema.verktoy", "{{ t }}"). lead: the list
    leads into what follows (questions into the box their answers go in), kept with it."""
    tag(where, f"for {loop}")
    para(where, *runs, style="List Bullet", lead=lead)
    tag(where, "endfor")


def listed_if(where, items: str, heading: str, level: int, loop: str, *runs: Run) -> None:
    """A heading and its bullets, only when the list has items."""
    tag(where, f"if {items}")
    where.add_heading(heading, level)
    bullets(where, loop, *runs)
    tag(where, "endif")


def bold(text: str) -> tuple[str, dict]:
    return (text, {"bold": True})


def blank(where, count: int = 1) -> None:
    for _ in range(count):
        where.add_paragraph()


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _row_flag(row, flag: str) -> None:
    """w:tblHeader (repeat on every page) or w:cantSplit (keep the row on one page)."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement(f"w:{flag}")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _cell_margins(table, side_cm: float) -> None:
    """The table's cells' left and right margins (Word's «Table Grid» has 0.19 cm)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(side_cm / 2.54 * 1440)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))  # (the schema's order: the margins before it)
    if look is None:
        properties.append(margins)
    else:
        look.addprevious(margins)


def _keep_together(table) -> None:
    """A short table on one page: no row split, and every row kept with the next one."""
    for row in table.rows:
        _row_flag(row, "cantSplit")
    for row in table.rows[:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def _cell_text(cell, text: str, style: str = "Tabelltekst") -> None:
    p = cell.paragraphs[0]
    p.style = style
    if text:
        p.add_run(text)


def _table(where, widths_cm: list[float], rows: int):
    table = where.add_table(rows=rows, cols=len(widths_cm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    # Word reads the cell widths, LibreOffice the grid: set both.
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=True):
        col.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    return table


def facts(where, rows: list[tuple[str, ...]], label_cm: float = 5.0, gap: bool = True) -> None:
    """A two-column table of labels and values, and an empty line after it (gap).

    A row (label, value, condition) is shown only when the condition holds, between row tags,
    as the minutes' interpreter's row (about_table)."""
    table = _table(where, [label_cm, TEXT_WIDTH_CM - label_cm],
                   sum(3 if len(row) > 2 else 1 for row in rows))
    cells = iter(table.rows)
    for label, value, *condition in rows:
        if condition:
            _cell_text(next(cells).cells[0], f"{{%tr if {condition[0]} %}}")
        row = next(cells)
        _cell_text(row.cells[0], label, "Tabelloverskrift")
        _shade(row.cells[0], HEADER_FILL)
        _cell_text(row.cells[1], value)
        if condition:
            _cell_text(next(cells).cells[0], "{%tr endif %}")
    _keep_together(table)
    if gap:
        blank(where)


def loop_table(where, headers: list[str], widths_cm: list[float], loop: str,
               cells: list[str], together: bool = False,
               cell_margin_cm: float | None = None) -> None:
    """A table with a header row and one row repeated per item: loop is 'for x in xs'.

    The header row repeats on every page and stays with the first item; no row is split.
    together: a short table (a letter's dates) is kept on one page, with what leads into it,
    rather than its header and first row ending a page.
    cell_margin_cm: narrower cell margins, for a table whose columns need the room."""
    table = _table(where, widths_cm, 4)
    if cell_margin_cm is not None:
        _cell_margins(table, cell_margin_cm)
    header, start, body, end = table.rows
    for cell, text in zip(header.cells, headers, strict=True):
        _cell_text(cell, text, "Tabelloverskrift")
        _shade(cell, HEADER_FILL)
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    _row_flag(header, "tblHeader")
    _row_flag(header, "cantSplit")
    _row_flag(body, "cantSplit")
    _cell_text(start.cells[0], f"{{%tr {loop} %}}")
    for cell, text in zip(body.cells, cells, strict=True):
        _cell_text(cell, text)
        if together:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
    _cell_text(end.cells[0], "{%tr endfor %}")
    blank(where)


def letterhead(doc) -> None:
    """A municipality's letterhead: the municipality, the service, visiting and postal address,
    and the confidentiality marking on the right.

    Plain paragraphs, not a layout table, so a screen reader (and the tagged PDF) reads it
    line by line. The lines are indented by LOGO_CM: that is the logo's place, for an image
    placed "in front of text" at the top left of the first page (docs/templates.md)."""
    small = {"size": 9, "color": GREY}
    lines: list[list[Run]] = [
        [("{{ tjeneste.kommunenavn }}", {"bold": True, "size": 15, "color": ACCENT}),
         ("\t" + CONFIDENTIAL, {"bold": True, "size": 9, "color": ACCENT})],
        [("{{ tjeneste.navn }}", {"bold": True, "size": 10, "color": ACCENT})],
        [("Besøksadresse: ", _LABEL), ("{{ tjeneste.besoksadresse }}", small)],
        [("Postadresse: ", _LABEL), ("{{ tjeneste.adresse }}, {{ tjeneste.postadresse }}", small)],
        [("Telefon {{ tjeneste.telefon|telefon }} · E-post {{ tjeneste.epost }}", small)],
    ]
    for runs in lines:
        p = para(doc, *runs, style="Tabelltekst")
        p.paragraph_format.left_indent = Cm(LOGO_CM)
    # The marking right-aligned at the text's right edge (tab stops count from the margin).
    doc.paragraphs[-len(lines)].paragraph_format.tab_stops.add_tab_stop(
        Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    marking = para(doc, "", after=14)
    _border(marking, "top")


REFERENCE: list[tuple[str, ...]] = [
    ("Vår dato:", "{{ dato }}"),
    ("Vår ref.:", "{{ sak.var_referanse }}"),
    # Only when the reader gave us a reference of theirs: an empty line read like a form.
    ("Deres ref.:", "{{ mottaker.referanse }}", "mottaker.referanse"),
    ("Saksbehandler:", "{{ kontaktperson.navn }}"),
    ("Telefon:", "{{ kontaktperson.telefon|telefon }}"),
    ("E-post:", "{{ kontaktperson.epost }}"),
]
"""(label, value) or (label, value, condition): a line with a condition is left out, with
no gap where it would be, when the condition does not hold (paragraph tags around it)."""
REFERENCE_INDENT_CM = 6.5
"""Where the letter's reference lines start: right of the window envelope's address field."""
REFERENCE_LABEL_CM = 2.6


_LABEL = {"bold": True, "color": GREY, "size": 9}


def _reference_lines(doc, indent_cm: float, labels: list[str]) -> None:
    """One paragraph per reference line, label and value on a tab stop (no layout table)."""
    for label, value, *condition in REFERENCE:
        if label not in labels:
            continue
        if condition:
            tag(doc, f"if {condition[0]}")
        p = para(doc, (label, _LABEL), ("\t" + value, {"size": 9}), style="Tabelltekst")
        # A hanging indent: a long value (an e-mail address) wraps under itself.
        p.paragraph_format.left_indent = Cm(indent_cm + REFERENCE_LABEL_CM)
        p.paragraph_format.first_line_indent = Cm(-REFERENCE_LABEL_CM)
        p.paragraph_format.tab_stops.add_tab_stop(Cm(indent_cm + REFERENCE_LABEL_CM))
        p.paragraph_format.keep_with_next = True
        if condition:
            tag(doc, "endif")
    blank(doc)


def address_block(doc) -> None:
    """The recipient at the top left, then date, our reference and the contact person.

    The recipient's lines come first, where a window envelope shows them, and the reference
    lines follow to the right; both are plain paragraphs, read in that order by a screen
    reader. A "c/o" line (the child's letters) is its own paragraph."""
    para(doc, "{{ mottaker.navn }}", after=0)
    for line in ("{%p if mottaker.co %}", "{{ mottaker.co }}", "{%p endif %}",
                 "{{ mottaker.adresse }}", "{{ mottaker.postadresse }}"):
        para(doc, line, after=0)
    blank(doc)
    _reference_lines(doc, REFERENCE_INDENT_CM, [label for label, *_ in REFERENCE])


def new_letter(title: str):
    """A letter: letterhead, then the recipient with date, reference and contact person."""
    doc = new_document(title)
    letterhead(doc)
    address_block(doc)
    return doc


CONTACT_LINES = {"Saksbehandler:", "Telefon:", "E-post:"}
"""The reference lines that name the contact person and how to reach them."""


def reference_block(doc, dated: bool = True, contact_person: bool = True) -> None:
    """Date, our reference and the contact person, for forms that are not letters. dated:
    False for one dated where it is signed («Sted og dato»), as the final evaluation is.
    contact_person: False for one that names the contact person in a section of its own
    (the plan's «Kontaktperson»), so the first page names them once."""
    left_out = {"Deres ref.:"} | (set() if dated else {"Vår dato:"}) | (
        set() if contact_person else CONTACT_LINES)
    _reference_lines(doc, 0.0, [label for label, *_ in REFERENCE if label not in left_out])


def _keep_closing_with_text(doc) -> None:
    """The text a letter ends with goes to the next page with the greeting when the page is
    full, so a page never holds the signature alone.

    Walks back from the end over paragraph tags: every paragraph and table of a trailing
    condition (whichever branch the letter gets), tables and empty lines, and then the first
    unconditional paragraph with text are kept whole and with what follows.
    """
    depth = 0
    for item in reversed(list(doc.iter_inner_content())):
        text = "" if hasattr(item, "rows") else item.text.strip()
        if text.startswith("{%p"):
            depth += text.startswith("{%p endif") - text.startswith("{%p if")
            continue
        paragraphs = ([p for row in item.rows for c in row.cells for p in c.paragraphs]
                      if hasattr(item, "rows") else [item])
        for p in paragraphs:
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.keep_together = True
        if depth == 0 and text:
            return


def signature(doc) -> None:
    """Greeting and the contact person, kept together on one page and with the text before.

    The greeting's space below it, not an empty line, sets the name apart, and the name's
    lines are single-spaced, as an address is: the block takes a line less, so the joint
    meeting's letter fits one page with all it may say (helper 304)."""
    _keep_closing_with_text(doc)
    lines = [para(doc, "Med vennlig hilsen", after=14),
             para(doc, "{{ kontaktperson.navn }}", after=0),
             para(doc, "{{ kontaktperson.tittel }}", after=0),
             para(doc, "{{ tjeneste.navn }}", after=0)]
    for p in lines:
        p.paragraph_format.line_spacing = 1.0
    for p in lines[:-1]:
        p.paragraph_format.keep_with_next = True


def contact(doc) -> None:
    """The plan's contact person, under the heading «Kontaktperson»: name and title, phone
    and e-mail, said once on the first page (the reference lines above leave them out)."""
    facts(doc, [
        ("Navn", "{{ kontaktperson.navn }}{% if kontaktperson.stilling %}, "
                 "{{ kontaktperson.stilling }}{% endif %}"),
        ("Telefon", "{{ kontaktperson.telefon|telefon }}"),
        ("E-post", "{{ kontaktperson.epost }}"),
    ])


def network_paragraph(doc, whom: str) -> None:
    """For a placement in the family or network: what that adds to the conversations."""
    tag(doc, "if plassering.i_nettverk")
    para(doc, "{{ barn.fornavn }} bor nå hos {{ fosterfamilie.navn }}. Når et barn flytter til "
              "noen i familien eller nettverket, endrer rollene i familien seg, og det kan være "
              "både godt og krevende. Derfor snakker vi i samtalene også om hvordan dette er for "
              f"{whom}, og hva det betyr for kontakten og samarbeidet rundt "
              "{{ barn.fornavn }}.")
    tag(doc, "endif")


def distance_paragraph(doc) -> None:
    """A parent with a long journey is offered a video meeting or a place nearer home."""
    tag(doc, "if mottaker.lang_reisevei")
    para(doc, "Du har lang reisevei til oss. Vi kan derfor ha samtalen på video, eller møtes et "
              "sted nærmere der du bor. Si fra hva du ønsker, så avtaler vi det.")
    tag(doc, "endif")


def placement_paragraph(doc) -> None:
    """For the parents: a voluntary placement changes nothing of who has parental
    responsibility, and a temporary one is said to be temporary; two adaptations, each its
    own wording. Not «du har fortsatt foreldreansvaret»: the export does not say who has it,
    and a parent who never had it would be told what is not so."""
    tag(doc, "if plassering.er_frivillig")
    para(doc, "Plasseringen er frivillig, og den endrer ikke hvem som har foreldreansvaret. "
              "I samtalene snakker vi om hvordan vi best kan samarbeide, og "
              "om hva som skal til for at {{ barn.fornavn }} kan flytte hjem igjen.")
    tag(doc, "endif")
    tag(doc, "if plassering.er_midlertidig")
    para(doc, "Plasseringen er midlertidig. I samtalene snakker vi også om hva som skal skje "
              "videre, og du får vite det så snart noe er avklart.")
    tag(doc, "endif")


PARENT_INTERPRETER = (
    "Vi bestiller tolk på {{ mottaker.sprak }} hver gang vi møtes. Tolken har taushetsplikt, "
    "og det er gratis for deg.",
    "Trenger du tolk, sier du bare fra, så ordner vi det.",
)

OFFER_INTERPRETER = (
    "Hvis du vil være med, bestiller vi tolk på {{ mottaker.sprak }} hver gang vi møtes. "
    "Tolken har taushetsplikt, og det er gratis for deg.")
"""The renewed offer's interpreter: said on the condition that the parent takes the offer
up, not as if they had agreed to meet (a reader's finding)."""


def interpreter_paragraph(doc, booked: str, offer: str | None = None) -> None:
    """The interpreter this recipient needs, with its language; otherwise the offer of one."""
    tag(doc, "if mottaker.tolk")
    para(doc, bold("Tolk: "), booked).paragraph_format.space_before = Pt(8)
    if offer:
        tag(doc, "else")
        para(doc, offer)
    tag(doc, "endif")


# --- The Word templates ------------------------------------------------------------------

CONVERSATION_COLUMNS_CM = [4.5, 4.4, 2.1, 2.5, 2.5]
"""The plan's conversation tables: Tema, Dato, Tid, Sted, Status (the text's width, 16 cm).
With Word's cell margins, 16 cm held them only with «Ikke registrert» on two lines; with
narrower ones (CONVERSATION_CELL_MARGIN_CM) each column's longest text has room on one line,
and «Oppfølging i flytteprosessen» too."""
CONVERSATION_CELL_MARGIN_CM = 0.1
ONE_FOSTER = "{% if fosterfamilie.en_fosterforelder %}"
"""Where the plan speaks of this family's foster parents: one foster parent when the journal
has one (fosterfamilie.en_fosterforelder), as the letters to the foster home say «du»."""


def oppfolgingsplan():
    doc = new_document("Oppfølgingsplan")
    letterhead(doc)
    para(doc, "Oppfølgingsplan – {{ program.navn }}", style="Title")
    reference_block(doc, contact_person=False)  # named under «Kontaktperson» (contact)
    # After the programme's last day (programmet_over) the plan tells the year in the past.
    para(doc, "{% if programmet_over %}Denne planen viser hvordan barnevernstjenesten fulgte "
              "opp barnet, foreldrene og fosterfamilien det første året etter flyttingen: hvem "
              "som var kontaktperson, når samtalene skulle holdes, og hvilke besøk og planer "
              "som hørte med.{% else %}Denne planen viser hvordan barnevernstjenesten følger "
              "opp barnet, foreldrene og fosterfamilien det første året etter flyttingen: hvem "
              "som er kontaktperson, når samtalene skal holdes, og hvilke besøk og planer som "
              "hører med.{% endif %}")

    doc.add_heading("Om barnet og plasseringen", 1)
    facts(doc, [
        ("Barnets navn", "{{ barn.navn }}"),
        ("Fødselsdato", "{{ barn.fodselsdato }}"),
        ("Flyttet i fosterhjem", "{{ plassering.startdato }}"),
        ("Type fosterhjem", "{{ plassering.kategori }}"),
        ("Lovhjemmel", "{{ plassering.lovhjemmel }}"),
        (f"{ONE_FOSTER}Fosterforelder{{% else %}}Fosterforeldre{{% endif %}}",
         "{{ fosterfamilie.navn }}"),
    ])

    doc.add_heading("Kontaktperson", 1)
    contact(doc)

    doc.add_heading("Programperiode", 1)
    # A plan made again once conversations are held (samtaler_holdt) does not say the
    # dates are set up now: they were at the start, and the tables show the year so far;
    # «datoene for dem som gjenstår» only while some remain (samtaler_gjenstar). After the
    # programme's last day (programmet_over) it is told in the past, «varte», and the
    # tables show what was held and what was not.
    para(doc, "{% if programmet_over %}{{ program.navn }} varte fra {{ program.start }} til "
              "{{ program.slutt }}. Hver part hadde sitt eget samtaleløp, planlagt med minst "
              "én samtale i måneden fram til det siste temaet. Tabellene nedenfor viser "
              "hvilke samtaler som ble holdt, og hvilke som ikke ble det. Hver samtale var "
              "satt av til inntil halvannen time.{% else %}{{ program.navn }} gjennomføres fra "
              "{{ program.start }} til {{ program.slutt }}. Hver part har sitt eget "
              "samtaleløp med minst én samtale i måneden fram til det siste temaet"
              "{% if samtaler_holdt %}. Tabellene nedenfor viser "
              "{% if samtaler_framover %}samtalene som er holdt, og datoene for dem som "
              "gjenstår.{% elif samtaler_gjenstar %}hvilke samtaler som er holdt, og hvilke "
              "som ikke er registrert som holdt.{% else %}samtalene som er holdt.{% endif %}"
              "{% elif samtaler_passert %}. Tabellene nedenfor viser datoene som er satt opp; "
              "ingen av samtalene er registrert som holdt ennå."
              "{% else %}, og alle datoene settes opp allerede nå, slik at alle vet hva som "
              "kommer.{% endif %} En samtale varer inntil halvannen time.{% endif %}")

    doc.add_heading("Samtaler for hver part", 1)
    # The places once, with their addresses; the tables below name them only.
    tag(doc, "if steder")
    para(doc, "{% if programmet_over %}Samtalene var lagt til disse stedene:{% else %}"
              "Samtalene holdes på disse stedene, hvis ikke annet blir avtalt:{% endif %}",
         lead=True)
    loop_table(doc, ["Sted", "Adresse"], [3.6, 12.4], "for st in steder",
               ["{{ st.navn }}", "{{ st.adresse }}"], together=True)
    tag(doc, "endif")
    tag(doc, "for part in parter")
    doc.add_heading("{{ part.spor }}", 2)
    tag(doc, "if part.beskrivelse")
    para(doc, "{{ part.beskrivelse }}", lead=True)
    tag(doc, "endif")
    tag(doc, "if part.ikke_planlagt")
    para(doc, ("{{ part.ikke_planlagt }}", {"italic": True}))
    tag(doc, "endif")
    # The child moved to this foster home during the programme: the new family has the
    # track from the start, and what was held with the family left is said (foster_home.py).
    tag(doc, "if part.tidligere_fosterhjem")
    para(doc, "{{ part.tidligere_fosterhjem }}")
    tag(doc, "endif")
    tag(doc, "if part.samtaler")
    # Wide enough that no word or time breaks: «Gjennomført», «15.00–16.30», «Fosterhjemmet»,
    # a date with its weekday on one line: «torsdag 24. september 2026», and a status on
    # one line, the longest being nynorsk «Ikkje registrert» (CONVERSATION_COLUMNS_CM).
    loop_table(doc, ["Tema", "Dato", "Tid", "Sted", "Status"], CONVERSATION_COLUMNS_CM,
               "for s in part.samtaler",
               ["{{ s.overskrift }}{% if s.forelder %} – med {{ s.forelder }}"
                "{% elif s.hvem_ukjent %} – med {{ s.hvem_ukjent }}{% endif %}",
                "{{ s.dato_med_ukedag }}", "{{ s.tid }}", "{{ s.sted_kort }}", "{{ s.status }}"],
               cell_margin_cm=CONVERSATION_CELL_MARGIN_CM)
    tag(doc, "if part.ikke_registrert")
    # After the programme's last day the plan is made again only from a new export: it says
    # so, rather than promise it will show what is registered (a reader's finding).
    para(doc, "«Ikke registrert» betyr at fagsystemet ikke viser om samtalen ble holdt. "
              "{% if programmet_over %}Registrer i fagsystemet de samtalene som ble holdt, og "
              "eksporter saken på nytt, så viser planen det.{% else %}Kontaktpersonen sjekker "
              "dette, og planen viser det når det er registrert.{% endif %}",
         style="Liten tekst")
    tag(doc, "endif")
    tag(doc, "endif")
    tag(doc, "endfor")

    tag(doc, "if opphold")
    doc.add_heading("Lengre opphold mellom samtalene", 1)
    para(doc, "Samtalene holdes minst én gang i måneden, med høyst {{ opphold_grense }} dager "
              "mellom. Her er det lengre tid mellom to samtaler, og grunnen til det:", lead=True)
    # A cause shared by gaps next to each other (a late case's, the same for every party) is
    # said once, under them, with the notice each waits for (its letter's or interpreter's).
    tag(doc, "for g in opphold_grupper")
    tag(doc, "for o in g.opphold")
    # A gap still open (o.siden: the dates after the last one held have passed unheld) is
    # said as open, not as ending on a date that passed (a reader's finding).
    para(doc, bold("{{ o.part }}: "), "{% if o.siden %}ingen samtale registrert som holdt "
              "siden {{ o.fra }}.{% else %}{{ o.fra }} til {{ o.til }} ({{ o.dager }} dager)."
              "{% endif %}"
              "{% if not g.alle %} {{ g.grunn }}{% elif o.egen %} {{ o.egen }}{% endif %}",
         style="List Bullet")
    tag(doc, "endfor")
    tag(doc, "if g.alle")
    p = para(doc, "Grunnen er den samme for {{ g.alle }}: {{ g.grunn }}")
    p.paragraph_format.left_indent = Cm(0.63)
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "endif")

    tag(doc, "if fellesmote")
    doc.add_heading("Felles møte", 1)
    # Who meets by role and name, as the invitations say it: one parent, one foster parent.
    # A plan made again after the day says what was planned, and that no export says
    # whether the meeting was held (as the case overview's note).
    tag(doc, "if fellesmote.passert")
    # Each kept whole on one page, with its heading (a reader's finding: it split across
    # pages 3 and 4 of the demo's 2026-0412).
    together(para(
        doc, "{{ fellesmote.til_stede }} skulle møtes {{ fellesmote.dato_med_ukedag }} kl. "
             "{{ fellesmote.tid }}, etter at temaet «{{ fellesmote.etter_tema }}» var tatt opp "
             "med hver av dem (sted: {{ fellesmote.sted }}), for å bli bedre kjent og snakke "
             "sammen om samvær, kontakt og samarbeid til det beste for barnet. Datoen er "
             "passert, og eksporten fra fagsystemet viser ikke om møtet ble holdt."))
    tag(doc, "else")
    together(para(
        doc, "{{ fellesmote.til_stede }} møtes "
             "{{ fellesmote.dato_med_ukedag }} kl. {{ fellesmote.tid }}, etter at temaet "
             "«{{ fellesmote.etter_tema }}» er tatt opp med hver av dem (sted: "
             "{{ fellesmote.sted }}). Der kan de bli bedre "
             "kjent og snakke sammen om samvær, kontakt og samarbeid til det beste for barnet."))
    tag(doc, "endif")
    tag(doc, "if fellesmote_frivillig")
    para(doc, "Samarbeidsklimaet er {% if samarbeidsklima == \"konflikt\" %}preget av konflikt"
              "{% else %}krevende{% endif %}. Møtet er derfor et tilbud og ikke en fast del av "
              "planen: kontaktpersonen avklarer med hver av partene om og når et felles møte "
              "kan være til hjelp for barnet, og kan møte dem hver for seg i stedet.")
    tag(doc, "endif")
    tag(doc, "endif")

    tag(doc, "if tilpasninger")
    doc.add_heading("Tilpasninger i denne saken", 1)
    para(doc, "Omsorgspakken tilpasses hvert barn og hver familie. Dette er lagt inn for denne "
              "saken:", lead=True)
    tag(doc, "for t in tilpasninger")
    para(doc, bold("{{ t.tittel }}. "), "{{ t.tekst }}", style="List Bullet")
    tag(doc, "if t.temaer")
    # Where the minutes take it up, and why the other themes do not (helper 145: «er
    # tilpasset dette – …» had no full stop, and a reader missing a theme was not told why).
    p = para(doc, ("Referatmalene har en egen del om dette i temaene der programmet tar det "
                   "opp: {{ t.temaer }}. De andre temaene har ingen egen del om det.",
                   {"italic": True}), style="Liten tekst", after=4)
    p.paragraph_format.left_indent = Cm(0.63)
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "endif")

    doc.add_heading("Oppfølgingsbesøk i fosterhjemmet", 1)
    para(doc, "Kontaktpersonen {% if programmet_over %}skulle besøke{% else %}besøker"
              "{% endif %} fosterhjemmet jevnlig gjennom året, minimum "
              "{{ besok_minimum }} besøk det første året ({{ besok_kilde }}). Gjennomført "
              "{{ besok_gjennomfort }} av {{ besok_minimum }}.", lead=True)
    tag(doc, "if besok")
    # Status wide enough for «Ikkje registrert som halde enno» on one line (a visit the
    # journal has planned, passed and not known to be held yet); the time is short.
    loop_table(doc, ["Dato", "Tid", "Status"], [6.0, 3.2, 6.8], "for b in besok",
               ["{{ b.dato_med_ukedag }}", "{{ b.tid }}", "{{ b.status }}"])
    tag(doc, "endif")

    doc.add_heading("Planer", 1)
    tag(doc, "if planer")
    # «skal», not «evalueres»: true whether the last themes' days lie ahead or have passed
    # unheld (a reader's finding: it read as if the year lay ahead).
    para(doc, "Planene under {% if programmet_over %}skulle{% else %}skal{% endif %} "
              "evalueres i det siste temaet i samtaleløpene.", lead=True)
    loop_table(doc, ["Plan", "Startdato", "Evaluert"], [8.0, 3.5, 4.5], "for p in planer",
               ["{{ p.tittel }}", "{{ p.startdato }}", "{{ p.evaluert }}"])
    tag(doc, "if planer_mangler")
    # After the programme's last day no «nå»: the plan is read as of the year that passed.
    para(doc, "«Ikke registrert»: planen skulle ha vært laget{% if not programmet_over %} nå"
              "{% endif %}, men er ikke registrert i fagsystemet.", style="Liten tekst")
    tag(doc, "endif")
    tag(doc, "elif planfrist_passert")
    # The plan goes to the parties: past the day the plans were due, it says they are not
    # registered, without the deadline or what staff should check (Saksoversikt's finding).
    para(doc, "{% if programmet_over %}Planene for barnet er ikke registrert i saken."
              "{% else %}Planene for barnet er ikke registrert i saken ennå. Når de er laget, "
              "evalueres de i det siste temaet.{% endif %}")
    tag(doc, "else")
    para(doc, "Det er ikke registrert noen planer i saken ennå. Planene skal lages innen "
              "{{ planfrist }}, og evalueres i det siste temaet.")
    tag(doc, "endif")

    # The short list of laws kept whole with its heading (a reader's finding: a page break
    # left its last two lines alone on the plan's last page); its last line is kept with
    # the «Merknader» heading after it, when there is one, which keeps its first note.
    tag(doc, "if program.lovhjemler")
    doc.add_heading("Lovgrunnlag for planene", 1)
    bullets(doc, "h in program.lovhjemler", "{{ h.tittel }}", " – ", "{{ h.hjemmel }}",
            lead=True)
    tag(doc, "endif")
    listed_if(doc, "program.merknader", "Merknader", 1, "m in program.merknader", "{{ m }}")
    return doc


RING = '{% if "(sentralbord)" in kontaktperson.telefon %}Ring oss{% else %}Ring meg{% endif %}'
RING_LC = RING.replace("Ring", "ring")
"""Whom a reader calls: the contact person («Ring meg»), or, with the service's switchboard
in place of their own number, the service («Ring oss på … (sentralbord) og spør etter …»:
ASK_FOR), not the writer asking to be asked for by name (a reader's finding). The same
words in nynorsk."""
ASK_FOR = ("{% if \"(sentralbord)\" in kontaktperson.telefon %} og spør etter "
           "{{ kontaktperson.navn }}{% endif %}")
"""After a phone number a reader is to call: with the service's switchboard in place of the
contact person's own, whom to ask for (the same words in nynorsk)."""

EACH_CONVERSATION = ("Hver samtale varer inntil halvannen time. Du bestemmer selv hva du vil "
                     "fortelle, og etter hver samtale får du vite hva jeg skriver ned.")
MEETING_ROW = "part.samtaler[0].overskrift"
THE_MEETING = ("{% if 'Felles møte' in " + MEETING_ROW + " %}{{ " + MEETING_ROW
               + "|replace('Felles møte', 'det felles møtet', 1) }}{% else %}det felles møtet "
               "med " + ONE_FOSTER + "fosterforelderen{% else %}fosterforeldrene{% endif %}"
               "{% endif %}")
"""The joint meeting in a sentence, when it is all that remains (part.alle_holdt, part.mote:
part.samtaler is its row alone): named as its row in the table names it, with the other
parent where both parents are invited («det felles møtet med faren til Sofie og
fosterforeldrene»: documents/informasjonsbrev.py _meeting_heading), with the foster parents
only where the reader is the one parent invited, and with «fosterforelderen» where the journal
has one (the same words in nynorsk: «Felles møte med … og fosterforeldra»). The row is what
the letter shows already, so no letter is issued anew for the sentence; and the sentence as it
was stays for a row worded otherwise (ONE_FOSTER: the letter's fingerprint keeps the field
it read, so no letter is issued anew for one it no longer reads either)."""
COMING = ("{% if part.neste %}{% if part.i_gang %}Neste samtale med deg er {{ part.neste }}"
          "{% if part.siste %}, og det er den siste i {{ program.navn }}.{% elif "
          "part.flytting_forst %}, og da snakker vi om hvordan du har det etter flyttingen. "
          "Etter det møtes vi til samtaler om ulike temaer, {{ part.mellomrom }}.{% else %}. "
          "Vi møtes til samtaler om ulike temaer, {{ part.mellomrom }}.{% endif %}{% else %}"
          "{% if part.neste_avtalt %}Som avtalt på telefon er den første samtalen{% elif "
          "mottaker.takket_ja %}Den første samtalen er{% elif part.neste_avtalt_i_fagsystemet "
          "%}Som avtalt er den første samtalen{% else %}Vil du være med, er den første "
          "samtalen{% endif %} {{ part.neste }}. {% if part.siste %}Det er den eneste "
          "samtalen med deg i {{ program.navn }}.{% elif part.flytting_forst %}Først snakker vi "
          "om hvordan du har det etter flyttingen, og etter det møtes vi til samtaler om ulike "
          "temaer, {{ part.mellomrom }}.{% else %}Vi møtes til samtaler om ulike temaer, "
          "{{ part.mellomrom }}.{% endif %}{% endif %} "
          + EACH_CONVERSATION + "{% elif part.alle_holdt %}Vi har hatt alle samtalene med deg i "
          "{{ program.navn }}.{% if part.mote %} Det som gjenstår, er " + THE_MEETING
          + " {{ part.mote }}.{% endif %}{% else %}Vi møtes til samtaler om ulike temaer, "
          "{{ part.mellomrom }}. " + EACH_CONVERSATION + "{% endif %}")
"""A late letter's next conversations (part.sen; informasjonsbrev.py _what_remains): the
first one's date, and the move follow-up's contacts before the themes only when the plan has
them so; the last one said to be the last. With every conversation held, the letter says so,
and names the joint meeting if it is still ahead (it is no conversation).

Once the conversations are under way (part.i_gang), the next one is said to be the next
«med deg», and what it is about, not «Først …»: a conversation with the parents that the
journal does not say who took part in may be what made them under way, and this reader may
not have been there (a reader's finding). Before any, a parent the journal does not have as
having said yes is told when the first one is if they want to take part («Vil du være med,
er den første samtalen …»), not as if they had said yes. The fields are those the letter
showed already (mottaker.takket_ja in its heading): a letter issued before keeps its date.
A first conversation at short notice (part.neste_avtalt: its invitation reads as a
confirmation, «Som avtalt …», sent after the phone call Til utsending asks for) is said to
be agreed on the phone, not asked about (a reader's finding: «Vil du være med» beside the
same day's «Som avtalt møtes vi»). So is one whose time the journal has as agreed
(part.neste_avtalt_i_fagsystemet: its invitation confirms it, «Som avtalt møtes vi …», with
no call asked for), to a parent not yet having said yes: «Som avtalt er den første samtalen
…», without «på telefon» (helper 943)."""
NUMBERED_HEADING = ("{{ s.overskrift }}{% if s.tema is defined and s.tema == 0 %} "
                    "(samtale {{ s.nummer }}){% endif %}")
"""A row of the letter's dates: the move follow-up's contacts, listed one after the other
under one title, numbered as the reader meets them (the plan's «kontakt N» is for staff)."""
NEXT_DATES = ("{% if part.uten_dato %}Her er datoene som er satt opp"
              "{% elif not part.i_gang %}Alle datoene er satt opp allerede nå"
              "{% elif not part.neste %}Her er datoen for møtet som gjenstår"
              "{% elif part.siste and part.mote %}Her er datoene for samtalen og møtet som "
              "gjenstår{% elif part.siste %}Her er datoen for samtalen som gjenstår"
              "{% else %}Her er datoene for samtalene som gjenstår{% endif %}, slik at du vet hva "
              "som kommer.{% if part.uten_dato %} Noen av samtalene dine har ikke fått dato "
              "ennå; dem avtaler vi med deg.{% endif %}")
"""The letter's dates: all of them, set up now, while none was held; later (part.i_gang),
the ones that remain (not «set up now»: a letter issued anew in month ten), named for what
they are when the joint meeting (part.mote) is all or half of them: a meeting is not a
conversation. Several conversations are «samtalene» with or without the meeting beside
them, as letters already sent say it."""
EACH_LETTER = ("{% if part.siste and part.mote %}Før samtalen og før møtet{% else %}Før hver "
               "samtale{% endif %} får du også et eget brev med tid og sted.{% else %} Før "
               "møtet får du også et eget brev med tid og sted.{% endif %}")
"""After the dates: a letter comes before each of them; with only the joint meeting left,
nothing about where conversations are held (the meeting's own letter says where)."""


NEW_DATES = ("Det er endringer i datoene siden brevet vårt fra {{ erstatter }}. Dette brevet "
             "erstatter det, og det er datoene i dette brevet som gjelder nå.")
"""An information letter issued anew with other dates: which letter it replaces, by that
letter's own date («Vår dato», as replaces_paragraph says it), and which dates count."""
NEW_INVITED = ("Siden brevet vårt fra {{ erstatter }} er det endret hvem som er invitert til det "
               "felles møtet. Dette brevet erstatter det, og det er datoene i dette brevet som "
               "gjelder nå.")
"""An information letter issued anew only because who else is invited to the joint meeting
changed (rendering/prepare.py INVITED_ONLY_KEY: the other parent declined, or accepted
again), none of its dates: it says that, not NEW_DATES (a reader's finding: «Det er endringer
i datoene …» above dates that were all as before). Who, and why, is not said: the meeting's
row names who comes now."""
CONTACT_TOO = ("{% if erstatter_ny_kontakt %} {% if mottaker.er_barnet %}Du{% else %}"
               "{{ barn.fornavn }}{% endif %} har også fått ny kontaktperson hos oss, "
               "{{ kontaktperson.navn }}.{% endif %}")
"""After the line saying which letter it replaces, for a new time or new dates: the letter
replaced, marked as sent, named another contact person (rendering/prepare.py
NEW_CONTACT_KEY), and its reader is told once, in the same paragraph (a reader's finding:
letters issued anew for a new time and a new contact person named the new one as if nothing
had changed)."""
CONTACT_ALSO = CONTACT_TOO.replace(" har også fått", " har fått")
"""The same after REPLACES_ONLY, which names no other change."""
CONTACT_FIRST_TOO = CONTACT_TOO.replace("erstatter_ny_kontakt", "ny_kontakt_forste")
"""The same in a first invitation, which replaces no letter, after «ble avlyst» (CANCELLED_FIRST):
the latest letter marked as sent to its reader named another contact person
(rendering/prepare.py NEW_CONTACT_FIRST_KEY)."""
CONTACT_FIRST = ("{% if mottaker.er_barnet %}Du{% else %}{{ barn.fornavn }}{% endif %} har "
                 "fått ny kontaktperson hos oss, {{ kontaktperson.navn }}.")
"""The same alone, in a first invitation that says nothing else of a change: its reader knows
the old contact person's name and number from the letters sent them (a reader's finding: it
named the new one as if nothing had changed)."""
REPLACES_ONLY = ("Dette brevet erstatter brevet vårt fra {{ erstatter }}, og det er datoene i "
                 "dette brevet som gjelder nå.")
"""One issued anew after a letter of a release that kept no dates (rendering/prepare.py
DATES_UNKNOWN_KEY): whether they changed is not known, so only which letter it replaces."""
MOVED = "{{ barn.fornavn }} har flyttet til et nytt fosterhjem siden vi skrev til deg sist."
"""One issued after the child moved to another foster home, replacing one first made before
the move (rendering/prepare.py MOVED_KEY): its own paragraph, calm, naming no one."""


def compact(doc) -> None:
    """A parent's letter set close enough to fit one page (a reader's finding: the
    information letter ran to a second page, its signature and a few lines alone there):
    single-spaced paragraphs a little closer, and the subheadings nearer the text above
    them. The same font and sizes as the other letters."""
    normal = doc.styles["Normal"].paragraph_format
    normal.line_spacing = 1.0
    normal.space_after = Pt(3)
    doc.styles["Heading 2"].paragraph_format.space_before = Pt(8)


def _no_gap(doc) -> None:
    """No empty line after what was just added (the reference lines', loop_table's): the
    text after it is set apart by its own space before. After a table of dates, whose rows
    keep with what follows, an empty paragraph a point high stays, so the page may still
    break after the table rather than carry it and the rest of the letter to the next page
    as one block."""
    gap = doc.paragraphs[-1]
    assert not gap.text
    if not doc.tables or gap._p.getprevious() is not doc.tables[-1]._tbl:
        gap._p.getparent().remove(gap._p)
        return
    _hairline(gap)


def _hairline(p) -> None:
    """An empty paragraph a point high: it ends a run of paragraphs kept with what follows
    (a table's rows, a lead into them) without the height of an empty line."""
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = Pt(1)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def informasjonsbrev():
    doc = new_letter("Informasjonsbrev til foreldre")
    compact(doc)
    # The heading's own space sets it apart from the reference lines, not an empty line
    # too; and a margin of 2 cm above and below, as the header and footer leave room for.
    _no_gap(doc)
    doc.paragraphs[5].paragraph_format.space_after = Pt(8)  # (letterhead's rule)
    # One page in every variant, with room to spare for a longer name or a missing value
    # («[mangler: …]»): the letter with every adaptation (a voluntary, temporary placement in
    # the network, an interpreter) and ten dates ran to a second page (helper 502). Its
    # text a half point smaller than the other letters' (10.5 pt, as calm to read), and
    # the reference lines set off from the address by a little space, not an empty line:
    # the address stays where a window envelope shows it.
    doc.styles["Normal"].font.size = Pt(10.5)
    gap = doc.paragraphs[12]
    assert not gap.text and doc.paragraphs[13].text.startswith("Vår dato"), gap.text
    gap.paragraph_format.space_before = gap.paragraph_format.space_after = Pt(0)
    gap.paragraph_format.line_spacing = Pt(6)
    gap.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    section = doc.sections[0]
    section.top_margin = section.bottom_margin = Cm(2.0)
    # A parent met already (part.holdt) is well into the year: the letter (issued anew
    # after a change of dates, say) is about the conversations to come, not an offer, and
    # says nothing of how the first weeks after a move feel (helper 118, helper 127).
    # A parent the journal has as having said yes is not offered them in the heading, and
    # thanked below: not both an offer and thanks for accepting it.
    doc.add_heading("{% if part.alle_holdt %}Samtalene{% elif part.holdt %}Samtalene videre"
                    "{% elif mottaker.takket_ja %}Samtalene{% else %}Tilbud om samtaler"
                    "{% endif %} det første året etter at {{ barn.fornavn }} flyttet",
                    1).paragraph_format.space_before = Pt(6)
    # Issued anew with other dates than the letter before it (informasjonsbrev.py), it says
    # so first, in bold, as an invitation for a meeting moved does (replaces_paragraph).
    tag(doc, "if erstatter and not erstatter_uten_datoer and not erstatter_invitert")
    para(doc, (NEW_DATES + CONTACT_TOO, {"bold": True}))
    tag(doc, "endif")
    tag(doc, "if erstatter and erstatter_invitert and not erstatter_uten_datoer")
    para(doc, (NEW_INVITED + CONTACT_TOO, {"bold": True}))
    tag(doc, "endif")
    tag(doc, "if erstatter and erstatter_uten_datoer")
    para(doc, (REPLACES_ONLY + CONTACT_ALSO, {"bold": True}))
    tag(doc, "endif")
    # Its first issue, to a parent whose latest letter marked as sent named another contact
    # person (rendering/prepare.py NEW_CONTACT_FIRST_KEY: a renewed offer, say): said first.
    tag(doc, "if ny_kontakt_forste and not erstatter")
    para(doc, (CONTACT_FIRST, {"bold": True}))
    tag(doc, "endif")
    tag(doc, "if flyttet_fosterhjem")
    para(doc, MOVED)
    tag(doc, "endif")
    para(doc, "{% if part.alle_holdt %}Vi har fulgt deg opp med faste samtaler med meg, "
              "{{ kontaktperson.navn }}.{% elif part.holdt %}Vi følger deg opp gjennom det "
              "første året med faste samtaler med meg, {{ kontaktperson.navn }}.{% else %}"
              "{{ barn.fornavn }} har flyttet til et fosterhjem. Det er en stor endring for "
              "{{ barn.fornavn }} og for deg, og det er forståelig om du har mange tanker og "
              "følelser nå. Vi vil gjerne følge deg opp det første året, og {% if "
              "mottaker.takket_ja %}du får{% else %}tilbyr deg{% endif %} faste samtaler med "
              "meg, {{ kontaktperson.navn }}.{% endif %} "
              "Jeg er {% if kontaktperson.stilling %}{{ kontaktperson.stilling }} og {% endif %}"
              "kontaktperson for {{ barn.fornavn }} i {{ tjeneste.navn }}.")
    # Who has conversations, and what they are for, in one paragraph: the letter fits one
    # page.
    para(doc, "{% if part.holdt or mottaker.takket_ja %}Samtalene er en del av "
              "{{ program.navn }}.{% else %}Tilbudet "
              "heter {{ program.navn }}.{% endif %} {% if barn.egne_samtaler %}"
              "{{ barn.fornavn }}, fosterfamilien og du får hver deres samtaler.{% else %}Du "
              "og fosterfamilien får hver deres samtaler, og jeg ser {{ barn.fornavn }} når "
              "jeg besøker fosterhjemmet.{% endif %} I samtalene med deg står du i sentrum, for "
              "du er og blir en viktig person for {{ barn.fornavn }}.")
    # The placement's adaptations in one paragraph, each said shorter than in the renewed
    # offer (placement_paragraph, network_paragraph), so the letter fits one page.
    tag(doc, "if plassering.er_frivillig or plassering.er_midlertidig or "
             "plassering.i_nettverk")
    para(doc, "{% if plassering.er_frivillig %}", "Plasseringen er frivillig, og den endrer "
              "ikke hvem som har foreldreansvaret. I samtalene snakker vi også om hva som skal "
              "til for at {{ barn.fornavn }} kan flytte hjem igjen.",
         "{% endif %}{% if plassering.er_midlertidig %}{% if plassering.er_frivillig %} "
         "{% endif %}", "Plasseringen er midlertidig, og du får vite hva som skal skje videre "
              "så snart noe er avklart.",
         "{% endif %}{% if plassering.i_nettverk %}{% if plassering.er_frivillig or "
         "plassering.er_midlertidig %} {% endif %}",
         "{{ barn.fornavn }} bor nå hos {{ fosterfamilie.navn }}. Når et barn flytter til "
         "noen i familien eller nettverket, endrer rollene seg, så vi snakker også om hva det "
         "betyr for deg og for samarbeidet.", "{% endif %}")
    tag(doc, "endif")

    # What happens now and the dates, kept with the table of dates: no headings of their
    # own («Hva skjer nå?», «Datoene for samtalene dine»), so the letter fits one page. What
    # comes before them is not kept with them (_hairline: where the heading was).
    _hairline(doc.add_paragraph())
    # A letter written after the first weeks (part.sen: informasjonsbrev.py) says where
    # things stand instead of promising contact "in the first weeks": the conversations go
    # on, or, with none held yet, they begin now (for a parent who said yes; one who has not
    # answered is told when the first one is, if they want to take part: COMING).
    tag(doc, "if part.sen and part.i_gang")
    para(doc, "{{ program.navn }} startet {{ program.start }}, da {{ barn.fornavn }} flyttet"
              "{% if part.foreldresamtale %}, og den første samtalen med foreldrene var "
              "{{ part.foreldresamtale }}{% endif %}. "
              + COMING, lead=True).paragraph_format.space_before = Pt(6)
    tag(doc, "elif part.sen")
    para(doc, "{% if mottaker.takket_ja %}Nå begynner vi samtalene med deg. {% endif %}"
              + COMING,
         lead=True).paragraph_format.space_before = Pt(6)
    tag(doc, "else")
    # The first date is said: the table below may hold a conversation in a day or two.
    para(doc, "Jeg tar kontakt med deg de første ukene for å bli kjent og høre hvordan du har "
              "det{% if part.samtaler %}, første gang {{ part.samtaler[0].dato_med_ukedag }}"
              "{% endif %}. Etter det møtes vi til samtaler om ulike temaer, med noen ukers "
              "mellomrom. " + EACH_CONVERSATION, lead=True).paragraph_format.space_before = Pt(6)
    tag(doc, "endif")

    tag(doc, "if part.holdt")
    para(doc, "{% if part.holdt|length == 1 %}Denne samtalen har vi allerede hatt:{% else %}"
              "Disse samtalene har vi allerede hatt:{% endif %}", lead=True)
    loop_table(doc, ["Samtale", "Dato"], [9.0, 7.0], "for s in part.holdt",
               [NUMBERED_HEADING, "{{ s.dato_med_ukedag }}"], together=True)
    _no_gap(doc)
    tag(doc, "endif")
    tag(doc, "if part.samtaler")
    # A parent with a long journey has their conversations planned as digital meetings
    # (planning/schedule.py): the letter says so, instead of "we meet at our office".
    tag(doc, "if mottaker.lang_reisevei")
    para(doc, NEXT_DATES + "{% if part.neste %} Fordi du har lang reisevei, er samtalene satt "
              "opp som digitale møter. Vil du heller møtes hos oss eller et sted nærmere der du "
              "bor, avtaler vi det. " + EACH_LETTER, lead=True)
    tag(doc, "else")
    para(doc, NEXT_DATES + "{% if part.neste %} Vi møtes hos oss hvis vi ikke avtaler noe "
              "annet. " + EACH_LETTER, lead=True)
    tag(doc, "endif")
    # Wide enough for the joint meeting's row on one line («Felles møte med faren til Sofie
    # og fosterforeldrene») and a date with its weekday («torsdag 26. november 2026»).
    loop_table(doc, ["Samtale", "Dato", "Tid"], [9.0, 4.6, 2.4], "for s in part.samtaler",
               [NUMBERED_HEADING, "{{ s.dato_med_ukedag }}", "{{ s.tid }}"], together=True)
    _no_gap(doc)
    tag(doc, "elif not part.alle_holdt")
    para(doc, "Vi avtaler datoene for {% if part.i_gang %}de neste samtalene{% else %}samtalene"
              "{% endif %} sammen med deg.")
    tag(doc, "endif")

    # An interpreter booked under the dates, as the father who needs one looks for it.
    tag(doc, "if (part.samtaler or not part.alle_holdt) and mottaker.tolk")
    para(doc, bold("Tolk: "), PARENT_INTERPRETER[0]).paragraph_format.space_before = Pt(6)
    tag(doc, "endif")
    # No headings «Det er frivillig å være med» and «Spørsmål?», so the letter fits one
    # page: that it is voluntary (with every conversation held and nothing ahead, nothing
    # to choose, nor to book), the offer of an interpreter, how to ask and the closing
    # words in one paragraph. Whom to call, and how, the reference lines say at the top
    # («Saksbehandler», «Telefon», «E-post»), not a table of them again; the position is
    # said in the first paragraph. The closing says the number to call, as the invitations
    # do (with the switchboard's, whom to ask for there: ASK_FOR), a field the reference
    # lines show already. A parent the journal has as having said yes is not asked to
    # choose again; one who has not answered is told that a word to me is all it takes to
    # say no for now.
    para(doc, "{% if part.samtaler or not part.alle_holdt %}{% if mottaker.takket_ja %}",
         "Fint at du vil være med. Det er fortsatt frivillig: si fra til meg hvis du vil ta en "
         "pause eller avslutte.", "{% else %}", "Det er frivillig å være med. Ønsker du ikke "
         "samtalene nå, gir du meg bare beskjed, og du kan få tilbudet igjen senere.",
         "{% endif %}{% if not mottaker.tolk %} ", PARENT_INTERPRETER[1], "{% endif %} "
         "{% endif %}",
         "Ta gjerne kontakt på {{ kontaktperson.telefon|telefon }}" + ASK_FOR
         + " hvis du lurer på noe{% if part.samtaler %} eller en dato ikke passer. Da finner "
         "vi en ny tid{% endif %}.",
         " ",
         "{% if part.alle_holdt and not part.samtaler %}Takk for samtalene vi har hatt."
         "{% elif part.samtaler and not part.neste %}Jeg ser fram til møtet.{% elif "
         "part.i_gang %}Jeg ser fram til neste samtale med deg.{% else %}Jeg ser fram til å "
         "møte deg.{% endif %}").paragraph_format.space_before = Pt(6)
    signature(doc)
    # The signature ends with the service's name under the title, as the invitation sent
    # with it does (a reader's finding: it had none); the name nearer the greeting.
    doc.paragraphs[-4].paragraph_format.space_after = Pt(8)
    assert doc.paragraphs[-1].text == "{{ tjeneste.navn }}"
    return doc


NEW = "{% if not samtale.forste %}ny {% endif %}"
YOU = "{% if mottaker.en_person %}du{% else %}dere{% endif %}"
"""The reader of a letter to the foster parents: «du» when the journal has one foster parent
(mottaker.en_person), «dere» for both."""
"""«en ny samtale», but «en samtale» for the first: the first contact of the move follow-up."""
THEME_IS = ("{% if samtale.forste %}Temaet er{% elif samtale.tema == 0 %}Temaet er fortsatt"
            "{% else %}Denne gangen er temaet{% endif %}")
"""How an invitation names its theme: «Temaet er» for the reader's first conversation, «Temaet
er fortsatt» for a later contact of the move follow-up (theme 0, the same theme as the contact
before it), «Denne gangen er temaet» for a new theme."""
CHILD_FIRST = "samtale.forste or samtale.tema == 1"
"""An older child's own letter says the first theme as a first talk, as it says the child's
first conversation: the move follow-up's contacts before it may have been with the foster
parents, and «en ny samtale» read odd to a child who had met nobody yet (helper 194)."""
NEW_TO_CHILD = "{% if not (" + CHILD_FIRST + ") %}ny {% endif %}"
"""«en ny samtale» in an older child's own letter, but «en samtale» for the first (CHILD_FIRST)."""
TALK_ABOUT = ("{% if " + CHILD_FIRST + " %}Vi skal snakke om{% else %}Denne gangen skal vi "
              "snakke om{% endif %}")
"""The same in an older child's own letter (CHILD_FIRST)."""
CHILD_THEME = ("{% if samtale.tema != 0 %}" + TALK_ABOUT + " «{{ tema.tittel }}». {% endif %}")
"""An older child's letter names its theme, but not the move follow-up's: «Oppfølging i
flytteprosessen» is the service's word, and its i_brev says what the talk is about."""
AGREED = "{% if samtale.avtalt or kort_varsel %}"
"""A contact of the move follow-up whose time the journal has was agreed with the party
directly (planning/schedule.py, agreed): its letter confirms what was agreed. One whose time
the planner picked is invited to as the themes are: the letter proposes the time and says how
to ask for another. One proposing a time at short notice (kort_varsel: documents/innkalling.py
short_notice) is sent as confirmation once the time is agreed by phone, as Til utsending
says: it confirms too, the older child's own letter as well (CHILD_SHORT)."""
CHILD_SHORT = ("Som vi har avtalt, treffes vi{% if not (" + CHILD_FIRST + ") %} igjen{% endif %} "
               "{{ samtale.dato_med_ukedag }} kl. {{ samtale.tid }}, du og jeg. " + CHILD_THEME
               + "{{ tema.i_brev }}")
"""An older child's own letter at short notice (kort_varsel): sent by post, it may reach the
child on the day or after, when the time has been agreed by phone, as Til utsending says.
It confirms the day and time in its first sentence, simply, instead of inviting («Snart skal
vi …») and asking for an answer that cannot come in time (helper 409). Its words only: the
fields are those the letter showed already, so one issued before keeps its issue."""
SHORT = "{% if kort_varsel %}"
"""An invitation at short notice (kort_varsel): to call at once if the time does not suit
after all, not to write."""


CALL_OR_WRITE = (SHORT + "Det er kort tid til samtalen. " + RING + " så snart du kan på "
                 "{{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", så finner vi en ny tid."
                 "{% else %}Gi beskjed så "
                 "snart du kan, så finner vi en ny tid. " + RING + " på "
                 "{{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", eller send e-post til "
                 "{{ kontaktperson.epost }}.{% endif %}")
CALL_OR_WRITE_ALL = (SHORT + "Det er kort tid til samtalen. " + RING + " så snart dere kan "
                     "på {{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", så finner "
                     "vi en ny tid.{% else %}Gi beskjed så snart dere kan, så finner vi en ny "
                     "tid. " + RING + " på {{ kontaktperson.telefon|telefon }}" + ASK_FOR
                     + ", eller send e-post til {{ kontaktperson.epost }}.{% endif %}")
"""How a reader of an invitation asks for another time («du», or the foster parents'
«dere»): with the service's switchboard in place of the contact person's own number, whom to
ask for there (ASK_FOR), as the child's letter says it; at short notice (SHORT) by phone."""


def confirmed_or_invited(doc, confirm: str, invite: str) -> None:
    """The opening paragraph for one reader: confirming a contact agreed in the journal, or
    inviting (a theme, or a contact whose time the planner proposes)."""
    tag(doc, "if samtale.avtalt or kort_varsel")
    para(doc, confirm)
    tag(doc, "else")
    para(doc, invite)
    tag(doc, "endif")


def replaces_paragraph(doc, what: str, reader: str = "") -> None:
    """A letter for a meeting moved says, in bold, that it replaces the one issued before
    (rendering/prepare.py REPLACES_KEY), so a reader holding both knows which counts.
    what: «samtalen» or «møtet»; reader: a further condition (the child's letter says it
    after its greeting)."""
    tag(doc, f"if erstatter{reader}")
    # The same meeting, the letter marked as sent issued anew for a fact it shows
    # (rendering/prepare.py DATES_UNKNOWN_KEY): a new contact person (NEW_CONTACT_KEY), or
    # another fact (a place).
    tag(doc, "if erstatter_uten_datoer and erstatter_ny_kontakt")
    para(doc, (NEW_CONTACT, {"bold": True}))
    tag(doc, "elif erstatter_uten_datoer")
    para(doc, (OTHER_FACTS, {"bold": True}))
    if what == "samtalen":
        # Cancelled in the journal and planned again: said plainly, not «nytt tidspunkt»
        # (a reader's finding: the parent read a new time as a move, not that the
        # conversation they expected was cancelled). samtale_avlyst: the day cancelled.
        tag(doc, "elif samtale_avlyst")
        para(doc, (CANCELLED_AGAIN + CONTACT_TOO, {"bold": True}))
    tag(doc, "else")
    # «brevet vårt fra …»: the date is the letter's own («Vår dato»), never read as the day
    # of the meeting (helper 162: «brevet om samtalen datert …» read as the talk's date).
    para(doc, (f"{what.capitalize()} har fått nytt tidspunkt. Dette brevet erstatter brevet "
               "vårt fra {{ erstatter }}." + CONTACT_TOO, {"bold": True}))
    tag(doc, "endif")
    if what == "samtalen":
        # The first invitation for a conversation the journal cancelled and the planner
        # set again: no letter of its own to replace, but its reader knew the day
        # cancelled from the dates sent them (rendering/prepare.py CANCELLED_FIRST_KEY).
        tag(doc, f"elif samtale_avlyst_forste{reader}")
        para(doc, (CANCELLED_FIRST + CONTACT_FIRST_TOO, {"bold": True}))
    # Its reader's latest letter marked as sent named another contact person
    # (rendering/prepare.py NEW_CONTACT_FIRST_KEY): said once, first; the joint meeting's
    # first invitation too.
    tag(doc, f"elif ny_kontakt_forste{reader}")
    para(doc, (CONTACT_FIRST, {"bold": True}))
    tag(doc, "endif")


NEW_CONTACT = ("{% if mottaker.er_barnet %}Du{% else %}{{ barn.fornavn }}{% endif %} har fått "
               "ny kontaktperson hos oss, {{ kontaktperson.navn }}. Dette brevet erstatter "
               "brevet vårt fra {{ erstatter }}.")
"""An invitation marked as sent, issued anew for the same meeting because the contact
person changed (a reader's finding: the invitations sent said «Ring meg på …» with the old
contact person's number, and nobody told the parent)."""
OTHER_FACTS = ("Noe i brevet er endret siden brevet vårt fra {{ erstatter }}. Dette brevet "
               "erstatter det, og det er opplysningene i dette brevet som gjelder nå.")
"""The same for another fact the letter shows (the place): which letter it replaces."""


CANCELLED_AGAIN = ("Samtalen {{ samtale_avlyst }} ble avlyst. Den nye tiden er "
                   "{{ samtale.dato_med_ukedag }} kl. {{ samtale.tid }}. Dette brevet "
                   "erstatter brevet vårt fra {{ erstatter }}.")
"""An invitation for a conversation the journal says was cancelled, planned again: that it
was cancelled, the new day and time, and which letter it replaces (replaces_paragraph)."""
CANCELLED_FIRST = ("Samtalen {{ samtale_avlyst_forste }} ble avlyst. Den nye tiden er "
                   "{{ samtale.dato_med_ukedag }} kl. {{ samtale.tid }}.")
"""The same in the first invitation for it, which replaces no invitation (a reader's
finding: the mother's letter for the day after the one cancelled read as a plain
invitation, beside the dates she had been sent)."""


def innkalling():
    # The title (Word's file properties, the PDF's title) says which letter it is, too.
    doc = new_letter(f"{AGREED}Bekreftelse på avtalt samtale{{% else %}}Invitasjon til samtale"
                     "{% endif %}")
    compact(doc)  # (one page with an interpreter, a long journey and a letter replaced)
    # Four readers, by mottaker.rolle: an older child ("barnet"), the foster parents of a
    # younger child (part.id == "barnet"), a parent ("forelder") and the foster family.
    # Headings are one run each, so they may hold if/else. They name the theme without the
    # move follow-up's contact number, which is for staff (plan, overview, file names).
    doc.add_heading(f'{{% if mottaker.er_barnet %}}{AGREED}Samtalen vi har avtalt{{% else %}}'
                    'Invitasjon til samtale{% endif %}{% if samtale.tema != 0 %}: '
                    '{{ tema.tittel }}{% endif %}'
                    f'{{% elif part.id == "barnet" %}}{AGREED}Avtalt samtale{{% else %}}Samtale'
                    '{% endif %} med {{ barn.fornavn }} – {{ tema.overskrift }}{% else %}'
                    f'{AGREED}Bekreftelse på avtalt samtale{{% else %}}Invitasjon til samtale'
                    '{% endif %} – {{ tema.overskrift }}{% endif %}', 1)
    replaces_paragraph(doc, "samtalen", " and not mottaker.er_barnet")
    tag(doc, "if mottaker.er_barnet")
    para(doc, "Hei, {{ mottaker.hilsen }}.")
    replaces_paragraph(doc, "samtalen")
    # Agreed in the journal; at short notice, agreed by phone (CHILD_SHORT); or invited.
    tag(doc, "if samtale.avtalt")
    para(doc, f"Som vi har avtalt, skal vi ha en {NEW}samtale, du og jeg. Her ser du når og "
              "hvor vi møtes. {{ tema.i_brev }}")
    tag(doc, "elif kort_varsel")
    para(doc, CHILD_SHORT)
    tag(doc, "else")
    para(doc, f"Snart skal vi ha en {NEW_TO_CHILD}samtale, du og jeg. {CHILD_THEME}"
              "{{ tema.i_brev }}")
    tag(doc, "endif")
    para(doc, "Du bestemmer selv hva du vil fortelle, og du kan spørre om alt du lurer på. Du "
              "kan gjerne ha med deg en voksen du er trygg på. Til slutt oppsummerer vi "
              "sammen, så du vet hva jeg skriver ned.")
    tag(doc, 'elif part.id == "barnet"')
    young = ("I samtalene får {{ barn.fornavn }} snakke om seg selv, familien sin og det nye "
             "hjemmet, på en måte som passer alderen.")
    confirmed_or_invited(
        doc,
        f"Som avtalt skal jeg ha en {NEW}samtale med {{{{ barn.fornavn }}}}. Her får {YOU} tid "
        f"og sted skriftlig. {young}",
        f"Jeg vil gjerne ha en {NEW}samtale med {{{{ barn.fornavn }}}}. {THEME_IS} "
        f"«{{{{ tema.tittel }}}}». {young}")
    doc.add_heading(f"Slik kan {YOU} forberede {{{{ barn.fornavn }}}}", 2)
    # Said so for a conversation at home as well as one at the office, sent days or a day
    # before: not «ha med seg», not «dagen før».
    para(doc, "Fortell gjerne om samtalen på forhånd, med enkle ord. Noe kjent{% if "
              "barn.liten %}, for eksempel en kosebamse eller en tegning,{% endif %} kan gjøre "
              "samtalen tryggere for {{ barn.fornavn }}. Vi avtaler sammen om {% if "
              "mottaker.en_person %}du{% else %}en av dere{% endif %} skal være med i "
              "samtalen, ut fra hva {{ barn.fornavn }} trenger.")
    tag(doc, 'elif part.id == "fosterfamilien" and mottaker.en_person')
    confirmed_or_invited(
        doc,
        f"Som avtalt møtes vi til en {NEW}samtale i oppfølgingen din som fosterforelder for "
        "{{ barn.fornavn }}. Her får du tid og sted skriftlig. {{ tema.i_brev }}",
        f"Jeg inviterer deg til en {NEW}samtale i oppfølgingen din som fosterforelder for "
        f"{{{{ barn.fornavn }}}}. {THEME_IS} «{{{{ tema.tittel }}}}». {{{{ tema.i_brev }}}}")
    tag(doc, 'elif part.id == "fosterfamilien"')
    confirmed_or_invited(
        doc,
        f"Som avtalt møtes vi til en {NEW}samtale i oppfølgingen av dere som fosterfamilie for "
        "{{ barn.fornavn }}. Her får dere tid og sted skriftlig. {{ tema.i_brev }}",
        f"Jeg inviterer dere til en {NEW}samtale i oppfølgingen av dere som fosterfamilie "
        f"for {{{{ barn.fornavn }}}}. {THEME_IS} «{{{{ tema.tittel }}}}». "
        "{{ tema.i_brev }}")
    tag(doc, "else")
    confirmed_or_invited(
        doc,
        f"Som avtalt møtes vi til en {NEW}samtale om deg og {{{{ barn.fornavn }}}}. Her får du "
        "tid og sted skriftlig. {{ tema.i_brev }}",
        f"Jeg inviterer deg til en {NEW}samtale om deg og {{{{ barn.fornavn }}}}. {THEME_IS} "
        "«{{ tema.tittel }}». {{ tema.i_brev }}")
    # A conversation with both parents: each is told the other is invited.
    tag(doc, "if mottaker.andre")
    para(doc, "{{ mottaker.andre }} er også invitert til samtalen. Vil du heller ha "
              "en samtale alene, gi meg beskjed.")
    tag(doc, "endif")
    tag(doc, "endif")

    tag(doc, "if not mottaker.er_barnet")
    tag(doc, 'if part.id == "barnet"')
    para(doc, "Vi begynner med å bli enige med {{ barn.fornavn }} om hva vi skal snakke om, og "
              "vi avslutter med å oppsummere sammen.")
    tag(doc, "else")
    para(doc, "Vi begynner med å bli enige om hva vi skal snakke om, og vi avslutter med å "
              "oppsummere sammen og avtale veien videre.")
    tag(doc, "endif")
    tag(doc, "if tema.tillegg")
    para(doc, "I denne samtalen snakker vi også om:", after=2, lead=True)
    bullets(doc, "t in tema.tillegg", "{{ t }}")
    tag(doc, "endif")
    tag(doc, "endif")

    doc.add_heading("Tid og sted", 2)
    facts(doc, [
        ("Dato", "{{ samtale.dato_med_ukedag }}"),
        # The label says it is the time: «10.00–11.30», not «kl. 10.00–11.30» again (as the
        # joint meeting's letter has it).
        ("Klokkeslett", "{{ samtale.tid }}"),
        ("Sted", "{{ samtale.sted }}"),
    ], label_cm=4.0, gap=False)
    interpreter_paragraph(
        doc, '{% if mottaker.er_barnet %}Det kommer en tolk som snakker {{ mottaker.sprak }}, '
             'så du kan snakke det språket du vil.{% elif part.id == "barnet" %}Jeg bestiller '
             'tolk på {{ mottaker.sprak }} til samtalen med {{ barn.fornavn }}.{% else %}Jeg '
             'bestiller tolk på {{ mottaker.sprak }} til samtalen. Tolken har taushetsplikt.'
             '{% endif %}')
    distance_paragraph(doc)

    doc.add_heading(f"Passer ikke tidspunktet{AGREED} likevel{{% endif %}}?", 2)
    tag(doc, "if mottaker.er_barnet")
    # A switchboard (sending._service_contact): whom to ask for there. Said from values
    # the letter shows already, so letters issued before keep their issue.
    para(doc, "Si fra til {{ fosterfamilie.for_barnet }}, eller " + RING_LC + " på "
              "{{ kontaktperson.telefon|telefon }}" + ASK_FOR + ", så finner vi en annen tid.")
    para(doc, "Jeg gleder meg til å snakke med deg.")
    # The others the same way (ASK_FOR), by phone or e-mail; at short notice by phone.
    tag(doc, 'elif mottaker.rolle == "forelder"')
    para(doc, CALL_OR_WRITE, "{% if not mottaker.tolk %} Si også fra hvis du ønsker tolk."
              "{% endif %}")
    tag(doc, "elif mottaker.en_person")
    para(doc, CALL_OR_WRITE)
    tag(doc, "else")
    para(doc, CALL_OR_WRITE_ALL)
    tag(doc, "endif")
    signature(doc)
    return doc


def writing_place(paragraph, place, suffix: tuple[str, str] = ("", ""),
                  boxed: bool = False, filled: str | None = None) -> None:
    """Wrap a paragraph in a Word content control: a framed place to write, whose tag and
    title (minutes_marker.Place, with suffix appended) tell the referat adapter what it is.
    filled: what it holds already (a tag), read back as written; else its grey placeholder.

    Plain rich-text controls only: a date picker would be handier in Word, but LibreOffice
    before 7.5 garbles its text when it saves the document."""
    sdt, pr, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
    for name, value in (("w:alias", place.title + suffix[1]), ("w:tag", place.tag + suffix[0]),
                        ("w:lock", "sdtLocked")):
        pr.append(OxmlElement(name))
        pr[-1].set(qn("w:val"), value)
    if filled is None:
        pr.append(OxmlElement("w:showingPlcHdr"))
    sdt.extend([pr, content])
    paragraph._p.addprevious(sdt)
    content.append(paragraph._p)
    if boxed:  # a light box that grows with the text, in Word, LibreOffice and on paper
        borders, shading = OxmlElement("w:pBdr"), OxmlElement("w:shd")
        for side in ("top", "left", "bottom", "right"):
            line = OxmlElement(f"w:{side}")
            for key, value in (("val", "single"), ("sz", "4"), ("space", "4"),
                               ("color", "A6A6A6")):
                line.set(qn(f"w:{key}"), value)
            borders.append(line)
        for key, value in (("val", "clear"), ("color", "auto"), ("fill", "F7F7F7")):
            shading.set(qn(f"w:{key}"), value)
        ppr = paragraph._p.get_or_add_pPr()
        ppr.insert_element_before(borders, *_AFTER_PBDR)
        ppr.insert_element_before(shading, *_AFTER_PBDR[1:])
        paragraph.paragraph_format.space_after = Pt(10)
    if filled is None:
        _font(paragraph.add_run(place.placeholder), color=GREY, italic=True)
    else:
        paragraph.add_run(filled)


def filled_or_place(where, first, value: str, place, suffix: tuple[str, str] = ("", ""),
                    boxed: bool = False) -> None:
    """A place to write that holds value (a context variable) when it has one, else shows
    its grey placeholder. first: the empty paragraph to start in (a table cell's)."""
    first.add_run(f"{{%p if {value} %}}")
    style = first.style
    writing_place(where.add_paragraph(style=style), place, suffix, boxed, f"{{{{ {value} }}}}")
    tag(where, "else")
    writing_place(where.add_paragraph(style=style), place, suffix, boxed)
    tag(where, "endif")


def about_table(doc, rows: list[tuple[str, Callable]]) -> None:
    """The minutes' first table: a label and what fills its cell (fill(cell)) per row, then
    the interpreter's row, only for a party with one (referat.tolk), between its row tags."""
    table = _table(doc, [4.5, TEXT_WIDTH_CM - 4.5], len(rows) + 3)
    *own, start, interpreter, end = table.rows
    rows = [*rows, (marker.INTERPRETER.title,
                    lambda cell: writing_place(cell.paragraphs[0], marker.INTERPRETER))]
    for row, (label, _) in zip([*own, interpreter], rows, strict=True):
        _cell_text(row.cells[0], label, "Tabelloverskrift")
        _shade(row.cells[0], HEADER_FILL)
        _cell_text(row.cells[1], "")
    for row, (_, fill) in zip([*own, interpreter], rows, strict=True):
        fill(row.cells[1])
    _cell_text(start.cells[0], "{%tr if referat.tolk %}")
    _cell_text(end.cells[0], "{%tr endif %}")
    _keep_together(table)
    blank(doc)


def _participants(cell) -> None:
    """The minutes' «Til stede»: who the journal says took part in a conversation it records
    as held, held as written; else the grey prompt (naming who is invited to a planned one:
    referat.til_stede)."""
    first = cell.paragraphs[0]
    first.add_run("{%p if referat.deltakere %}")
    # One paragraph a person inside the place (a line break there shows as a blank line in
    # LibreOffice); the adapter reads a line per paragraph.
    start, one, end = (cell.add_paragraph(text, first.style) for text in (
        "{%p for n in referat.deltakere %}", "", "{%p endfor %}"))
    writing_place(one, marker.PARTICIPANTS, filled="{{ n }}")
    content = one._p.getparent()
    content.insert(0, start._p)
    content.append(end._p)
    tag(cell, "else")
    writing_place(cell.add_paragraph(style=first.style), replace(
        marker.PARTICIPANTS, placeholder="{{ referat.til_stede }}"))
    tag(cell, "endif")


def referat():
    doc = new_document("Referat fra samtale")
    letterhead(doc)
    facts(doc, [
        ("Sak / Vår referanse", "{{ sak.var_referanse }}"),
        ("Barn", "{{ barn.navn }}"),
        ("Part", "{{ part.navn }}{% if samtale.forelder %} ({{ samtale.forelder }}){% endif %}"),
        ("Planlagt dato", "{{ samtale.dato }}"),
        ("Kontaktperson", "{{ kontaktperson.navn }}"),
    ], label_cm=4.5)
    para(doc, "Referat – {{ samtale.overskrift }}", style="Title")
    para(doc, bold("Samtaleløp: "), "{{ part.spor }}")
    para(doc, "Skriv i de innrammede feltene. Når referatet er ferdig, lagrer du det som "
              "Word-dokument og legger det i innboksen. Da blir samtalen registrert som "
              "gjennomført, og vurderingen din kommer med i sluttevalueringen.",
         style="Liten tekst")
    tag(doc, "if referat.ikke_registrert")
    para(doc, ("Fagsystemet viser ikke at denne samtalen ble holdt, men har en senere samtale "
               "registrert. Ble den holdt, skriver du referatet her. Ble den ikke holdt, trenger "
               "du ikke å fylle det ut.", {"italic": True}))
    tag(doc, "endif")

    doc.add_heading("Om samtalen", 1)
    # Held: the journal's date, when it records the conversation as held.
    about_table(doc, [
        # The grey text's example is the planned date (referat.holdt_hjelp).
        ("Dato holdt", lambda cell: filled_or_place(
            cell, cell.paragraphs[0], "referat.holdt",
            replace(marker.HELD, placeholder="{{ referat.holdt_hjelp }}"))),
        ("Til stede", _participants),
    ])

    doc.add_heading("Formål med samtalen", 1)
    para(doc, "{{ tema.formal }}")

    tag(doc, "if tema.er_siste")
    # The final evaluation is its own document beside the minutes (sluttevaluering.docx):
    # these minutes hold this conversation's assessment, as every theme's do (helper 171).
    para(doc, ("Dette er siste tema. Før samtalen går kontaktpersonen gjennom vurderingene fra "
               "hvert tema, og planene evalueres i samtalen. Den samlede vurderingen og "
               "evalueringen av planene skrives i sluttevalueringen, dokumentet "
               "«03 Sluttevaluering» i saksmappen. I dette referatet skrives vurderingen av "
               "denne samtalen, som for de andre temaene.", {"italic": True}))
    tag(doc, "endif")

    tag(doc, "for seksjon in tema.seksjoner")
    doc.add_heading("{{ seksjon.tittel }}", 1)
    bullets(doc, "q in seksjon.sporsmal", "{{ q }}", lead=True)  # not a box alone on a page
    writing_place(doc.add_paragraph(), marker.NOTES,
                  ("{{ loop.index }}", "{{ seksjon.tittel }}"), boxed=True)
    # What the journal recorded after the party's conversation before, and how it has gone
    # since: the programme's words (siden_sist), right after the conversation's plan (its
    # first section), as the invitation says the conversation begins by agreeing what to
    # talk about; only when the journal has something (documents/referat.py _since_last).
    tag(doc, "if loop.first and referat.siden_sist.fra_journal")
    doc.add_heading("{{ referat.siden_sist.tittel }}", 1)
    para(doc, "{{ referat.siden_sist.innledning }}", lead=True)
    tag(doc, "for linje in referat.siden_sist.fra_journal")
    para(doc, bold("{{ linje.navn }}: "), "{{ linje.tekst }}", lead=True)
    tag(doc, "endfor")
    bullets(doc, "q in referat.siden_sist.sporsmal", "{{ q }}", lead=True)
    writing_place(doc.add_paragraph(), marker.NOTES, ("0", "{{ referat.siden_sist.tittel }}"),
                  boxed=True)
    tag(doc, "endif")
    tag(doc, "endfor")

    doc.add_heading("Kontaktpersonens vurdering", 1)
    # Spoken to the contact person, who writes it, as its boxes are («Skriv vurderingen din
    # her.»). Minutes made in the words before are kept as made (prepare.py _issued).
    para(doc, "Her skriver du vurderingen din etter samtalen, med partens egne perspektiver "
              "og refleksjoner som grunnlag.", style="Liten tekst", lead=True)
    tag(doc, "if referat.vurdering_fra_journal")
    para(doc, ("Vurderingen fra denne samtalen er allerede registrert i fagsystemet og står i "
               "feltene under. Den kommer med i sluttevalueringen, så du trenger bare å rette "
               "eller legge til det som mangler.", {"italic": True}), lead=True)
    tag(doc, "endif")
    tag(doc, "for v in program.vurderingssporsmal")
    doc.add_heading("{{ v.tekst }}", 2)
    filled_or_place(doc, doc.add_paragraph(), "referat.vurdering[v.id]", marker.ASSESSMENT,
                    ("{{ v.id }}", "{{ v.tekst }}"), boxed=True)
    tag(doc, "endfor")

    listed_if(doc, "tema.verktoy", "Forslag til verktøy", 1, "t in tema.verktoy", "{{ t }}")
    return doc


OVERALL = marker.Place("omsorgspakke:samlet-vurdering", "Samlet vurdering",
                       "Skriv din samlede vurdering her: hva er positivt, hva trenger parten "
                       "støtte til videre, og dekker den planlagte oppfølgingen behovene?")


def sluttevaluering():
    doc = new_document("Sluttevaluering")
    letterhead(doc)
    para(doc, "Sluttevaluering – {{ part.spor }}{% if forelder %} – {{ forelder }}"
              "{% endif %}", style="Title")
    reference_block(doc, dated=False)  # dated where it is signed, at the end
    facts(doc, [
        ("Barn", "{{ barn.navn }}"),
        ("Periode", "{{ program.start }} – {{ program.slutt }}"),
    ], label_cm=4.0)
    # With the archive hand-off on, the written evaluation is filed from the case folder
    # (archive/packages.py: after the programme's end, for qualify.AFTER_END_MONTHS).
    tag(doc, "if arkiveres")
    para(doc, "Skriv i de innrammede feltene og i tabellene, og lagre sluttevalueringen her i "
              "saksmappen. Etter programmets siste dag, {{ program.slutt }}, arkiveres den i "
              "journalen av seg selv når den har vært lukket en stund, så den skal ikke legges "
              "inn i fagsystemet for hånd. Blir den rettet senere, arkiveres den nye utgaven "
              "også. {% if arkiveres_til %}Det gjelder til og med {{ arkiveres_til }}, tre "
              "måneder etter at den ble laget{% else %}Det gjelder i tre måneder etter siste "
              "dag{% endif %}; skrives den senere, legges den inn for hånd.",
         style="Liten tekst")
    tag(doc, "endif")

    doc.add_heading("Vurdering per tema", 1)
    tag(doc, "if avslag")
    para(doc, ("{{ avslag }}", {"italic": True}))
    tag(doc, "else")
    # After the programme's last day (avsluttet) said as what the table holds.
    tag(doc, "if avsluttet")
    para(doc, "Tabellen samler vurderingene fra hvert tema i samtaleløpet: det som var "
              "positivt, hvor det trengs støtte videre, og om den planlagte oppfølgingen "
              "dekker behovene. Et tema som ikke ble vurdert, står med «Ikke vurdert» og hva "
              "som skjedde med det.", lead=True)
    tag(doc, "else")
    para(doc, "Før siste tema går kontaktpersonen gjennom vurderingene fra hvert tema i "
              "samtaleløpet. Tabellen samler det som er positivt, hvor det trengs støtte "
              "videre, og om den planlagte oppfølgingen dekker behovene.", lead=True)
    tag(doc, "endif")
    loop_table(doc,
               ["Tema", "Hva er positivt", "Behov for støtte videre",
                "Dekkes av planlagt oppfølging?"],
               [3.4, 4.2, 4.2, 4.2], "for v in part.vurderinger",
               ["{{ v.tittel }}", "{{ v.positivt }}", "{{ v.behov_for_stotte }}",
                "{{ v.dekkes_av_oppfolging }}"])
    # Minutes back without an answer: how to fill it in (not in the table, which says where).
    tag(doc, 'if part.vurderinger | selectattr("ikke_fylt_ut") | list')
    para(doc, "Der det står «Ikke fylt ut i referatet», kom referatet tilbake uten svar på det "
              "spørsmålet. Skriv svaret i referatet for temaet i mappen Referater, lagre det og "
              "lever det i innboksen igjen; da kommer svaret med her. Svarene som alt er lest "
              "inn, blir stående. Har du ikke noe å skrive, skriv «Ikke aktuelt».",
         style="Liten tekst")
    tag(doc, "endif")
    tag(doc, 'if part.vurderinger | selectattr("referat_ikke_levert") | list')
    # After the last day the cell says it after «Ikke vurdert:» (sluttevaluering.py).
    # Told as it was, the cells say «… er holdt, men referatet er ikke levert» (a theme's
    # or the move follow-up's contacts'): the note says it as they do, without «ennå» after
    # the programme's end (a reader's finding: it quoted words no cell had).
    para(doc, "{% if avsluttet %}Der det står at referatet ikke er levert, er samtalen holdt, "
              "men referatet er ikke lest inn.{% else %}Der det står «Referat ikke levert "
              "ennå», er samtalen holdt, men referatet er ikke lest inn ennå.{% endif %} Fyll "
              "ut referatet for temaet i mappen Referater, lagre det og lever det i innboksen; "
              "da kommer vurderingen med her.", style="Liten tekst")
    tag(doc, "endif")
    tag(doc, "endif")

    doc.add_heading("Kontaktpersonens samlede vurdering", 1)
    writing_place(doc.add_paragraph(), OVERALL, boxed=True)

    doc.add_heading("Evaluering av planene", 1)
    para(doc, "Planene {% if avsluttet %}skulle evalueres{% else %}evalueres{% endif %} i det "
              "siste temaet. Tabellen viser hvilke planer saken har i fagsystemet og når de "
              "sist ble evaluert; skriv i siste kolonne hva som bør endres.", lead=True)
    loop_table(doc, ["Plan", "Finnes", "Sist evaluert", "Hva bør endres?"],
               [6.4, 2.2, 3.0, 4.4], "for p in planevaluering",
               ["{{ p.tittel }} ({{ p.hjemmel }})", "{{ p.finnes }}", "{{ p.sist_evaluert }}",
                ""])

    doc.add_heading("Anbefalt videre oppfølging", 1)
    tag(doc, "if part.videre_oppfolging")
    para(doc, "Aktuelle tilbud etter at {{ program.navn }} er avsluttet:", lead=True)
    bullets(doc, "tilbud in part.videre_oppfolging", "{{ tilbud }}")
    tag(doc, "else")
    para(doc, "Det er ikke lagt inn forslag til videre oppfølging for denne parten.")
    tag(doc, "endif")

    blank(doc)
    # Place, date and who signs, kept together on one page.
    para(doc, bold("Sted og dato: "), lead=True)
    para(doc, lead=True)
    para(doc, "{{ kontaktperson.navn }}", after=0, lead=True)
    para(doc, "{{ kontaktperson.tittel }}", after=0, lead=True)
    para(doc, "{{ tjeneste.navn }}")
    return doc


def nytt_tilbud():
    doc = new_letter("Nytt tilbud om Omsorgspakken")
    doc.add_heading("Tilbudet om samtaler gjelder fortsatt", 1)
    # The offer made again (nr 2, nr 3: runde) says it is written again, not as if new.
    tag(doc, "if runde > 1")
    para(doc, "Jeg har skrevet til deg om samtalene i {{ program.navn }} før, tilbudet om "
              "oppfølging det første året etter at {{ barn.fornavn }} flyttet. Jeg skriver "
              "igjen fordi tilbudet fortsatt står åpent, og fordi det kan kjennes annerledes "
              "nå enn da. Det er frivillig å være med, og det er i orden å si nei. Du kan "
              "takke ja når som helst fram til {{ program.slutt }}. Jo før du tar kontakt, jo "
              "flere av samtalene rekker vi å ha.")
    tag(doc, "else")
    para(doc, "Du har tidligere takket nei til samtalene i {{ program.navn }}, tilbudet om "
              "oppfølging det første året etter at {{ barn.fornavn }} flyttet. Det er frivillig "
              "å være med, og det er i orden å si nei. Jeg vil likevel fortelle deg at "
              "tilbudet fortsatt står åpent. Du kan takke ja når som helst fram til "
              "{{ program.slutt }}. Jo før du tar kontakt, jo flere av samtalene rekker vi å "
              "ha.")
    tag(doc, "endif")
    para(doc, "Selv om {{ barn.fornavn }} bor et annet sted nå, er du fortsatt en viktig "
              "person for barnet ditt. Samtalene er til for deg. Der kan du "
              "snakke om hvordan du har det, om {{ barn.fornavn }} og om samarbeidet med oss og "
              "fosterfamilien.")
    placement_paragraph(doc)
    network_paragraph(doc, "deg")

    # No heading of its own, so the letter fits one page (the list says what it is).
    # On the condition the parent takes part, as the interpreter's sentence is: they have
    # not said yes (a reader's finding: «Vi møtes …» read as if they had agreed).
    para(doc, "Hvis du vil være med, møtes vi med noen ukers mellomrom, og hver samtale varer "
              "inntil halvannen time. Temaene er:", after=2, lead=True)
    bullets(doc, "t in temaer", "{{ t }}")

    # The question in bold, not a heading; the phone number and e-mail in the sentence, not
    # a table of them (the reference lines above have them too); and the offer of an
    # interpreter in the same paragraph: so the letter fits one page («Vil du være med?» and
    # how to answer it were alone on a second page). With the service's switchboard, whom
    # to ask for (ASK_FOR).
    para(doc, bold("Vil du være med? "), RING + " på {{ kontaktperson.telefon|telefon }}" + ASK_FOR
         + ", eller send e-post til {{ kontaktperson.epost }}, så finner vi tidspunkter som "
         "passer for deg. Du kan også ringe bare for å høre mer før du bestemmer deg. Uansett "
         "hva du velger, kan du alltid ta kontakt med oss om {{ barn.fornavn }}.",
         "{% if not mottaker.tolk %} " + PARENT_INTERPRETER[1] + "{% endif %}",
         lead=True).paragraph_format.space_before = Pt(6)  # (after the list)
    interpreter_paragraph(doc, OFFER_INTERPRETER)
    signature(doc)
    return doc


JOINT_TALKS = ('{% if mottaker.rolle == "forelder" %}du og ' + ONE_FOSTER
               + "{{ fosterfamilie.navn }}{% else %}fosterforeldrene{% endif %}{% else %}"
               + YOU + " og {{ fellesmote.foreldrene }}{% endif %}")
"""Who has the conversations the joint meeting builds on, as its reader is told: «du og
fosterforeldrene» to a parent, «dere og foreldrene til Sofie» to the foster parents."""


JOINT_TALKS_WITH = ('{% if mottaker.rolle == "forelder" %}deg og ' + ONE_FOSTER
                    + "{{ fosterfamilie.navn }}{% else %}fosterforeldrene{% endif %}{% else %}"
                    "{% if mottaker.en_person %}deg{% else %}dere{% endif %} og "
                    "{{ fellesmote.foreldrene }}{% endif %}")
"""JOINT_TALKS after «med»: «deg og fosterforeldrene», «dere og foreldrene til Sofie»."""


OFFER = ("{% if fellesmote_frivillig %} ",
         "Møtet er et tilbud. {% if mottaker.en_person %}Du{% else %}Dere{% endif %} "
         f"velger selv om {YOU} vil være med, og vi kan gjerne snakke sammen først om "
         "hvordan møtet kan bli trygt og nyttig.",
         "{% if not mottaker.andre %} {% if mottaker.en_person %}Du{% else %}Dere{% endif %} "
         "kan også møte meg alene.{% endif %}", "{% endif %}")
"""A joint meeting that is only an offer (a demanding climate), said in the invitation's
paragraph, where the reader first hears of the meeting, not in a paragraph of its own
(helper 304: the letter fits one page). The reader may meet the contact person without the
others: said here only where the closing does not offer «et eget møte» (to a parent another
parent is invited with), so the letter offers it once (helper 211); never «hver for seg» to
one reader."""


WITH_OTHER_PARENTS = ("{% if fellesmote.andre_foreldre %} og {{ fellesmote.andre_foreldre }}"
                      "{% endif %}")
"""A parent's invitation to the joint meeting: the other parents invited, beside the reader
(«Jeg inviterer deg og faren til Sofie til et felles møte …»)."""
CHILDS_UNLESS_SAID = "{% if not fellesmote.andre_foreldre %} til {{ barn.fornavn }}{% endif %}"
"""«fosterforeldrene til Sofie», unless the child was named just before (WITH_OTHER_PARENTS:
«… og faren til Sofie til et felles møte med fosterforeldrene og meg»)."""


def fellesmote():
    doc = new_letter("Invitasjon til felles møte")
    doc.add_heading("Invitasjon til felles møte om {{ barn.fornavn }}", 1)
    replaces_paragraph(doc, "møtet")
    # Sent before those conversations are held, as a rule: «som du og fosterforeldrene har
    # med meg», never «før møtet». Issued after their days (fellesmote.etter, as of its issue
    # day), it says neither «har» nor «har hatt»: «har hatt» would tell of talks the journal
    # may not have as held (helper 198), and a letter saying it only once the journal had them
    # would be issued anew, to send again, for a word (helper 200). Who has them is said to
    # the reader (helper 162: «hver av dere» to one parent left them guessing who). In the
    # invitation's paragraph, its own run, so the letter fits one page (helper 194).
    builds_on = ("{% if fellesmote.etter %}", "Møtet bygger videre på samtalene om "
                 "«{{ fellesmote.etter_tema }}» med " + JOINT_TALKS_WITH + " hver for seg.",
                 "{% else %}", "Møtet bygger videre på samtalene om «{{ fellesmote.etter_tema }}» "
                 "som " + JOINT_TALKS + " har med meg hver for seg.", "{% endif %}",
                 *OFFER)
    tag(doc, 'if mottaker.rolle == "forelder"')
    # The other parent invited is named in the opening, beside the reader, not only under
    # «Invitert» (a reader's finding: the mother's letter read as a meeting with the foster
    # parents alone).
    para(doc, "Jeg inviterer deg" + WITH_OTHER_PARENTS + " til et felles møte med "
              "{% if fosterfamilie.en_fosterforelder %}"
              "{{ fosterfamilie.navn }}, som {{ barn.fornavn }} bor hos,{% else %}"
              "fosterforeldrene" + CHILDS_UNLESS_SAID + "{% endif %} og meg. Målet er at dere "
              "blir bedre kjent, og at vi sammen finner gode måter å samarbeide på, "
              "slik at {{ barn.fornavn }} har det godt.", " ", *builds_on)
    tag(doc, "elif mottaker.en_person")
    para(doc, "Jeg inviterer deg til et møte der du, {{ fellesmote.foreldrene }} og jeg "
              "møtes. Målet er at dere blir bedre kjent, og at vi sammen finner "
              "gode måter å samarbeide på, slik at {{ barn.fornavn }} har det godt.", " ",
         *builds_on)
    tag(doc, "else")
    para(doc, "Jeg inviterer dere til et møte der dere, {{ fellesmote.foreldrene }} og jeg "
              "møtes. Målet er at dere blir bedre kjent, og at vi sammen finner "
              "gode måter å samarbeide på, slik at {{ barn.fornavn }} har det godt.", " ",
         *builds_on)
    tag(doc, "endif")

    doc.add_heading("Tid og sted", 2)
    # The video a parent far away may join the meeting on, and the interpreter, are in the
    # table with the other facts of the meeting, not paragraphs of their own under it, so
    # the letter fits one page (helper 304).
    facts(doc, [
        ("Dato", "{{ fellesmote.dato_med_ukedag }}"),
        ("Klokkeslett", "{{ fellesmote.tid }}"),  # not «kl.» again (as the invitation)
        ("Sted", "{{ fellesmote.sted }}"),
        # Not distance_paragraph, which offers to have «samtalen» on video: this is a
        # meeting, and the parent far away may join it on video (helper 206). Not «et sted
        # nærmere der du bor»: the foster parents and the other parent come to this meeting
        # too, so where it is held is not the one parent's to move (helper 211).
        ("Video", "Du har lang reisevei til oss. Du kan derfor være med på video. Si fra om du "
                  "ønsker det, eller om vi skal finne et annet sted å møtes.",
         "mottaker.lang_reisevei"),
        ("Invitert", "{{ fellesmote.til_stede }}"),  # a meeting still to come
        ("Tolk", "Jeg bestiller tolk på {{ mottaker.sprak }} til møtet. Tolken har "
                 "taushetsplikt.",
         "mottaker.tolk"),
    ], label_cm=4.0, gap=False)

    doc.add_heading("Hva skal vi snakke om?", 2)
    para(doc, "Vi snakker om hvordan samvær og kontakt fungerer, hvordan dere kan dele det som "
              "skjer i hverdagen til {{ barn.fornavn }}, og hva som skal til for at "
              "{{ barn.fornavn }} kan kjenne seg trygg både hos {{ fellesmote.hos_foreldrene }} "
              "og i fosterhjemmet.",
         # The same words to the parents and to the foster parents, who are that family;
         # in the paragraph above, not one of its own, so the letter with it and an
         # interpreter's line still fits one page (helper 206).
         "{% if plassering.i_nettverk %} Fosterhjemmet er i familien eller nettverket til "
         "{{ barn.fornavn }}, så vi snakker også om de nye rollene i familien og hvordan de "
         "påvirker samarbeidet.{% endif %}",
         # What to think through first in the same paragraph, so the letter fits one page
         # (helper 304). How long the meeting lasts is in the table (kl. 08.30–10.00).
         " ", "Tenk gjerne gjennom på forhånd hva " + YOU + " vil at de andre skal vite, og "
              "hva som allerede fungerer godt.", " ",
         "Jeg leder møtet og passer på at alle blir hørt.")

    # No heading of its own, so the letter fits one page (helper 200). The table above says
    # who else is invited; a parent may want a meeting without the other (parents living
    # apart may not want to meet).
    para(doc, "Passer ikke tidspunktet{% if mottaker.andre %}, eller vil du heller ha et eget "
              "møte{% endif %}? Gi beskjed så snart som mulig til meg på "
              "{{ kontaktperson.telefon|telefon }} eller {{ kontaktperson.epost }}, så finner vi "
              "{% if mottaker.andre %}en løsning{% else %}en tid som passer for alle{% endif %}.")
    signature(doc)
    return doc


JOINT_MINUTES = (
    ("Plan for møtet", ["Hva ønsker hver av dere å ta opp i dag?",
                        "Er alle enige om hvordan vi bruker tiden?"]),
    ("Hvordan {{ barn.fornavn }} har det",
     ["Hva ser dere av hvordan {{ barn.fornavn }} har det nå, i fosterhjemmet og i samværene?",
      "Hva er viktig at alle de voksne rundt {{ barn.fornavn }} vet?"]),
    ("Samvær og kontakt",
     ["Hvordan går samværene, og hvordan holder {{ barn.fornavn }} kontakten med familien "
      "mellom dem?",
      "Hva kan gjøre overgangene mellom hjemmene lettere for {{ barn.fornavn }}?"]),
    ("Samarbeidet framover",
     ["Hva vil dere fortelle hverandre om hverdagen til {{ barn.fornavn }}, og hvordan?",
      "Hvordan tar dere det opp hvis dere blir uenige, eller noe blir vanskelig?"]),
    ("Avtaler", ["Hva er avtalt, hvem gjør hva, og innen når?"]),
    ("Oppsummering", ["Er alle enige i det som skrives i referatet?",
                      "Skal dere møtes igjen, og i så fall når?"]),
)
"""The joint meeting's sections and what each may ask: the meeting has no theme of the
programme, so its minutes' outline is here, in the template."""
MEETING_HELD = replace(marker.HELD, placeholder="Skriv datoen møtet ble holdt.")
MEETING_NOTES = replace(marker.NOTES, placeholder="Skriv notater fra denne delen av møtet her.")
"""The places to write of the conversations' minutes, in the meeting's words: nothing in
the meeting's minutes is read back (adapters/referat_docx.py)."""


def _invited(cell) -> None:
    """The joint meeting's minutes' «Invitert»: each person by name and role, one a paragraph
    (referat.invitert), as the conversations' minutes name who is invited. The roles
    (fellesmote.til_stede) stay as the fallback: minutes made with them and written in since
    keep as made; a field gone from the template would make them again beside the copy being
    written in (rendering/prepare.py)."""
    _cell_text(cell, "{%p if referat.invitert %}")
    for text in ("{%p for n in referat.invitert %}", "{{ n }}", "{%p endfor %}", "{%p else %}",
                 "{{ fellesmote.til_stede }}", "{%p endif %}"):
        cell.add_paragraph(text, cell.paragraphs[0].style)


def fellesmote_referat():
    doc = new_document("Referat fra felles møte")
    letterhead(doc)
    facts(doc, [
        ("Sak / Vår referanse", "{{ sak.var_referanse }}"),
        ("Barn", "{{ barn.navn }}"),
        ("Planlagt", "{{ fellesmote.dato_med_ukedag }}, kl. {{ fellesmote.tid }}"),
        ("Sted", "{{ fellesmote.sted }}"),
        ("Kontaktperson", "{{ kontaktperson.navn }}"),
    ], label_cm=4.5)
    para(doc, "Referat – felles møte", style="Title")
    # With the archive hand-off on, the written minutes are filed from the case folder
    # (archive/packages.py, rule written_in): nobody is to journal them by hand as well.
    tag(doc, "if arkiveres")
    para(doc, "Skriv i de innrammede feltene, og lagre referatet her i saksmappen. Dagen etter "
              "møtet arkiveres det i journalen av seg selv når det har vært lukket en stund, "
              "så det skal ikke legges inn i fagsystemet for hånd. Blir det rettet senere, "
              "arkiveres den nye utgaven også. Det leses ikke inn igjen her, så det skal ikke "
              "i innboksen.", style="Liten tekst")
    tag(doc, "else")
    para(doc, "Skriv i de innrammede feltene. Referatet legges i journalen i fagsystemet. Det "
              "leses ikke inn igjen her, så det skal ikke i innboksen.", style="Liten tekst")
    tag(doc, "endif")

    doc.add_heading("Om møtet", 1)
    about_table(doc, [
        ("Dato holdt", lambda cell: writing_place(cell.paragraphs[0], MEETING_HELD)),
        ("Invitert", _invited),
        ("Til stede", lambda cell: writing_place(cell.paragraphs[0], marker.PARTICIPANTS)),
    ])

    doc.add_heading("Formål med møtet", 1)
    # Who meets as the case has them: «moren til Jonas», one foster parent.
    para(doc, "Møtet samler {{ fellesmote.foreldrene }}, " + ONE_FOSTER + "fosterforelderen"
              "{% else %}fosterforeldrene{% endif %} og barnevernstjenesten, slik at de kan bli "
              "bedre kjent og finne gode måter å samarbeide på, og {{ barn.fornavn }} kan "
              "kjenne seg trygg både i fosterhjemmet og hos {{ fellesmote.hos_foreldrene }}. "
              "Møtet bygger videre på samtalene om «{{ fellesmote.etter_tema }}» med hver av "
              "dem.")
    for number, (title, questions) in enumerate(JOINT_MINUTES, start=1):
        doc.add_heading(title, 1)
        for question in questions:
            para(doc, question, style="List Bullet", lead=True)
        if title == "Samarbeidet framover":
            tag(doc, "if plassering.i_nettverk")
            para(doc, "Hvordan påvirker de nye rollene i familien samarbeidet?",
                 style="List Bullet", lead=True)
            tag(doc, "endif")
        writing_place(doc.add_paragraph(), MEETING_NOTES, (str(number), title), boxed=True)
    return doc


WORD: dict[str, Callable] = {
    "oppfolgingsplan.docx": oppfolgingsplan,
    "informasjonsbrev.docx": informasjonsbrev,
    "nytt_tilbud.docx": nytt_tilbud,
    "innkalling.docx": innkalling,
    "fellesmote.docx": fellesmote,
    "fellesmote_referat.docx": fellesmote_referat,
    "referat.docx": referat,
    "sluttevaluering.docx": sluttevaluering,
}


# --- Main --------------------------------------------------------------------------------

_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _reproducible(path: Path) -> None:
    """Fixed zip and document dates: a rebuild without changes gives the same bytes, so the
    templates' hashes only change when their content does."""
    with zipfile.ZipFile(path) as z:
        items = [(info.filename, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in items:
            if name == "docProps/core.xml":
                data = _CORE_DATES.sub(rb"\g<1>2024-01-01T00:00:00Z\2", data)
            z.writestr(zipfile.ZipInfo(name, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)


_STYLE_REFS = ("w:pStyle", "w:rStyle", "w:tblStyle", "w:numStyleLink", "w:styleLink")
_STYLE_CHAIN = ("w:basedOn", "w:link", "w:next")
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def trim_styles(doc) -> None:
    """Keep only the styles the template uses (with what they are based on, linked to or
    followed by, and the defaults), no latent style list, and no stylesWithEffects copy.

    python-docx's default document carries some 160 styles (350 kB of styles.xml, and as much
    again in stylesWithEffects.xml): every process holding a prepared template parsed it, about
    5 MB a template, and every document carried it. Word still offers all its built-in styles
    when someone edits the template or a document."""
    styles = doc.styles.element
    parts = [doc.element, *(h._element for s in doc.sections
                            for h in (s.header, s.footer, s.first_page_header,
                                      s.first_page_footer) if not h.is_linked_to_previous)]
    parts += [p.element for p in _numbering(doc)]
    used = {el.get(qn("w:val")) for part in parts for tag in _STYLE_REFS
            for el in part.iter(qn(tag))}
    by_id = {st.get(qn("w:styleId")): st for st in styles.iter(qn("w:style"))}
    used |= {sid for sid, st in by_id.items() if st.get(qn("w:default")) in ("1", "true")}
    todo = list(used)
    while todo:
        style = by_id.get(todo.pop())
        for tag in _STYLE_CHAIN:
            ref = style.find(qn(tag)) if style is not None else None
            if ref is not None and ref.get(qn("w:val")) not in used:
                used.add(ref.get(qn("w:val")))
                todo.append(ref.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in used:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            doc.part.drop_rel(rid)


def _numbering(doc) -> list:
    """The numbering part, where list styles are named, if the document has one."""
    try:
        return [doc.part.part_related_by(RT.NUMBERING)]
    except KeyError:
        return []


def build(out: Path) -> list[Path]:
    """Every template in bokmål (out/nb/) and in nynorsk (out/nn/, tools/nynorsk.py)."""
    import nynorsk
    from build_workbooks import WORKBOOKS  # imports this module's constants

    nb, nn = out / "nb", out / "nn"
    for folder in (nb, nn):
        folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in [*WORD.items(), *WORKBOOKS.items()]:
        word = name.endswith(".docx")
        for folder in (nb, nn):
            made = make()
            if folder is nn:
                (nynorsk.docx if word else nynorsk.xlsx)(made, name)
            if word:
                trim_styles(made)
            made.save(folder / name)
            written.append(folder / name)
    for path in written:
        _reproducible(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parent.parent / "templates",
                        help="folder to write the templates to (default: templates/)")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(f"skrev {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
