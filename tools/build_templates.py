"""Build the Word and Excel templates in templates/ from code.

    .venv/bin/python tools/build_templates.py            # writes into ./templates
    .venv/bin/python tools/build_templates.py --out DIR  # somewhere else

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
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

FONT = "Calibri"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x59, 0x59, 0x59)
HEADER_FILL = "DCE6F1"
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) minus 2 x 2.5 cm margins
CONFIDENTIAL = "Unntatt offentlighet, jf. offentleglova § 13 og barnevernsloven § 13-1"

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
    _footer(section)
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


def _footer(section) -> None:
    p = section.footer.paragraphs[0]
    tabs = p.paragraph_format.tab_stops
    # The Footer style has Letter-size tab stops; clear them and use the A4 text width.
    for twips in (4680, 9360):
        tabs.add_tab_stop(Twips(twips), WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
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

def para(where, *runs: Run, style: str | None = None, align=None, after: float | None = None):
    """A paragraph of runs; each run is text or (text, {"bold": True, ...}).

    A tag is never split: every string given here becomes exactly one run.
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
    return p


def tag(where, statement: str) -> None:
    """A paragraph-level docxtpl tag, alone in its paragraph: tag(doc, "for x in xs")."""
    where.add_paragraph(f"{{%p {statement} %}}")


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


def facts(where, rows: list[tuple[str, str]], label_cm: float = 5.0) -> None:
    """A two-column table of labels and values."""
    table = _table(where, [label_cm, TEXT_WIDTH_CM - label_cm], len(rows))
    for row, (label, value) in zip(table.rows, rows, strict=True):
        _cell_text(row.cells[0], label, "Tabelloverskrift")
        _shade(row.cells[0], HEADER_FILL)
        _cell_text(row.cells[1], value)
    blank(where)


def loop_table(where, headers: list[str], widths_cm: list[float], loop: str,
               cells: list[str]) -> None:
    """A table with a header row and one row repeated per item: loop is 'for x in xs'."""
    table = _table(where, widths_cm, 4)
    header, start, body, end = table.rows
    for cell, text in zip(header.cells, headers, strict=True):
        _cell_text(cell, text, "Tabelloverskrift")
        _shade(cell, HEADER_FILL)
    _row_flag(header, "tblHeader")
    _row_flag(body, "cantSplit")
    _cell_text(start.cells[0], f"{{%tr {loop} %}}")
    for cell, text in zip(body.cells, cells, strict=True):
        _cell_text(cell, text)
    _cell_text(end.cells[0], "{%tr endfor %}")
    blank(where)


def letterhead(doc) -> None:
    para(doc, ("{{ tjeneste.navn }}", {"bold": True, "size": 15, "color": ACCENT}), after=0)
    para(doc, "{{ tjeneste.adresse }}, {{ tjeneste.postadresse }}", style="Liten tekst")
    p = para(doc, "Telefon {{ tjeneste.telefon }} · E-post {{ tjeneste.epost }}",
             style="Liten tekst")
    _border(p, "bottom")
    blank(doc)


def recipient(doc) -> None:
    for field in ("navn", "adresse", "postadresse"):
        para(doc, f"{{{{ mottaker.{field} }}}}", after=0)
    blank(doc)


def dated(doc) -> None:
    """Date and our reference, right-aligned under the recipient block."""
    para(doc, bold("Dato: "), "{{ dato }}", align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    para(doc, bold("Vår referanse: "), "{{ sak.var_referanse }}",
         align=WD_ALIGN_PARAGRAPH.RIGHT)
    blank(doc)


def signature(doc) -> None:
    para(doc, "Med vennlig hilsen")
    blank(doc)
    para(doc, "{{ kontaktperson.navn }}", after=0)
    para(doc, "{{ kontaktperson.tittel }}", after=0)
    para(doc, "{{ tjeneste.navn }}")


def contact(doc) -> None:
    facts(doc, [
        ("Kontaktperson", "{{ kontaktperson.navn }}, {{ kontaktperson.tittel }}"),
        ("Telefon", "{{ kontaktperson.telefon }}"),
        ("E-post", "{{ kontaktperson.epost }}"),
    ], label_cm=4.0)


# --- The Word templates ------------------------------------------------------------------

def oppfolgingsplan():
    doc = new_document("Oppfølgingsplan")
    letterhead(doc)
    para(doc, "Oppfølgingsplan – {{ program.navn }}", style="Title")
    para(doc, bold("Vår referanse: "), "{{ sak.var_referanse }}", after=0)
    para(doc, bold("Dato: "), "{{ dato }}")
    para(doc, "Denne planen viser hvordan barnevernstjenesten følger opp barnet, foreldrene og "
              "fosterfamilien det første året etter flyttingen: hvem som er kontaktperson, når "
              "samtalene skal holdes, og hvilke besøk og planer som hører med.")

    doc.add_heading("Om barnet og plasseringen", 1)
    facts(doc, [
        ("Barnets navn", "{{ barn.navn }}"),
        ("Fødselsdato", "{{ barn.fodselsdato }}"),
        ("Flyttet i fosterhjem", "{{ plassering.startdato }}"),
        ("Type fosterhjem", "{{ plassering.kategori }}"),
        ("Lovhjemmel", "{{ plassering.lovhjemmel }}"),
        ("Fosterforeldre", "{{ fosterfamilie.navn }}"),
    ])

    doc.add_heading("Kontaktperson", 1)
    contact(doc)

    doc.add_heading("Programperiode", 1)
    para(doc, "{{ program.navn }} gjennomføres fra {{ program.start }} til {{ program.slutt }}. "
              "Hver part har sitt eget samtaleløp med minst én samtale i måneden, og alle "
              "datoene settes opp allerede nå, slik at alle vet hva som kommer. En samtale "
              "varer inntil halvannen time.")

    doc.add_heading("Samtaler for hver part", 1)
    tag(doc, "for part in parter")
    doc.add_heading("{{ part.spor }}", 2)
    tag(doc, "if part.beskrivelse")
    para(doc, "{{ part.beskrivelse }}")
    tag(doc, "endif")
    tag(doc, "if part.ikke_planlagt")
    para(doc, ("{{ part.ikke_planlagt }}", {"italic": True}))
    tag(doc, "endif")
    tag(doc, "if part.samtaler")
    loop_table(doc, ["Tema", "Dato", "Tid", "Status"], [6.2, 4.5, 2.7, 2.6],
               "for s in part.samtaler",
               ["{{ s.overskrift }}", "{{ s.dato_med_ukedag }}", "{{ s.tid }}",
                "{{ s.status }}"])
    tag(doc, "endif")
    tag(doc, "endfor")

    doc.add_heading("Oppfølgingsbesøk i fosterhjemmet", 1)
    para(doc, "Kontaktpersonen besøker fosterhjemmet jevnlig gjennom året. "
              "Gjennomført {{ besok_gjennomfort }} av minimum {{ besok_minimum }} besøk.")
    tag(doc, "if besok")
    loop_table(doc, ["Dato", "Status"], [8.0, 8.0], "for b in besok",
               ["{{ b.dato }}", "{{ b.status }}"])
    tag(doc, "endif")

    doc.add_heading("Planer", 1)
    tag(doc, "if planer")
    para(doc, "Planene under evalueres i det siste temaet i samtaleløpene.")
    loop_table(doc, ["Plan", "Startdato", "Evaluert"], [8.0, 3.5, 4.5], "for p in planer",
               ["{{ p.tittel }}", "{{ p.startdato }}", "{{ p.evaluert }}"])
    tag(doc, "else")
    para(doc, "Det er ikke registrert noen planer i saken ennå. Planene lages mens barnet "
              "flytter, og evalueres i det siste temaet.")
    tag(doc, "endif")

    tag(doc, "if program.lovhjemler")
    doc.add_heading("Lovgrunnlag for planene", 1)
    tag(doc, "for h in program.lovhjemler")
    para(doc, "{{ h.tittel }}", " – ", "{{ h.hjemmel }}", style="List Bullet")
    tag(doc, "endfor")
    tag(doc, "endif")

    tag(doc, "if program.merknader")
    doc.add_heading("Merknader", 1)
    tag(doc, "for m in program.merknader")
    para(doc, "{{ m }}", style="List Bullet")
    tag(doc, "endfor")
    tag(doc, "endif")
    return doc


def informasjonsbrev():
    doc = new_document("Informasjonsbrev til foreldre")
    letterhead(doc)
    recipient(doc)
    dated(doc)
    doc.add_heading("Tilbud om oppfølging det første året – {{ program.navn }}", 1)
    para(doc, "Hei, {{ mottaker.navn }}!")
    para(doc, "Det er en stor overgang når et barn flytter i fosterhjem, både for barnet og for "
              "deg som forelder. Vi i barnevernstjenesten vet at det kan vekke mange tanker "
              "og følelser. Derfor vil vi gjerne gi deg et tilbud om fast oppfølging og noen "
              "å snakke med gjennom det første året.")
    tag(doc, "if program.beskrivelse")
    para(doc, "{{ program.beskrivelse }}")
    tag(doc, "endif")
    para(doc, "Du er fortsatt en viktig person i barnets liv. Samtalene skal hjelpe deg med å "
              "finne din plass som forelder nå som barnet bor et annet sted, og gi oss et godt "
              "grunnlag for å samarbeide om det som er best for barnet.")

    doc.add_heading("Hva skjer nå?", 2)
    para(doc, "Kontaktpersonen din tar kontakt med deg for å bli kjent og for å høre hvordan du "
              "har det. Deretter møtes vi til samtaler om ulike temaer, omtrent én gang i "
              "måneden. Hver samtale varer inntil halvannen time. Du bestemmer selv hva du vil "
              "dele, og du får alltid vite hva vi skriver ned fra samtalen.")

    doc.add_heading("Ditt samtaleløp: {{ part.spor }}", 2)
    # Only the conversations still ahead: a date already passed means nothing to the reader.
    tag(doc, 'set kommende = part.samtaler|selectattr("status", "equalto", "Planlagt")|list')
    tag(doc, "if kommende")
    para(doc, "Vi har satt av disse tidspunktene til samtalene. Vi møtes hos "
              "barnevernstjenesten hvis ikke annet er avtalt.")
    loop_table(doc, ["Samtale", "Dato", "Tid"], [7.5, 5.5, 3.0], "for s in kommende",
               ["{{ s.overskrift }}", "{{ s.dato_med_ukedag }}", "{{ s.tid }}"])
    tag(doc, "else")
    para(doc, "Vi avtaler tidspunktene for samtalene sammen med deg.")
    tag(doc, "endif")

    doc.add_heading("Det er frivillig å delta", 2)
    para(doc, "Du velger selv om du vil ta imot tilbudet. Hvis du ikke ønsker det nå, kan du "
              "få tilbudet på nytt senere, og du er alltid velkommen til å ta kontakt dersom "
              "du ombestemmer deg. Trenger du tolk, sier du bare fra, så ordner vi det.")

    doc.add_heading("Spørsmål?", 2)
    para(doc, "Ta gjerne kontakt hvis du lurer på noe, eller hvis et tidspunkt ikke passer for "
              "deg. Vi finner en løsning sammen.")
    contact(doc)
    para(doc, "Vi ser fram til å møte deg.")
    signature(doc)
    return doc


def innkalling():
    doc = new_document("Innkalling til samtale")
    letterhead(doc)
    recipient(doc)
    dated(doc)
    doc.add_heading("Innkalling til samtale – {{ samtale.overskrift }}", 1)
    # A child is greeted by first name; the tag is one run, so it may hold if/else.
    para(doc, 'Hei, {% if part.id == "barnet" %}{{ barn.fornavn }}{% else %}'
              '{{ mottaker.navn }}{% endif %}!')
    tag(doc, 'if part.id == "barnet"')
    para(doc, "Nå er det snart tid for en ny samtale med kontaktpersonen din. Vi skal snakke "
              "om hvordan du har det, og du kan ta opp alt du lurer på. Du bestemmer selv hva "
              "du vil fortelle.")
    tag(doc, 'elif part.id == "fosterfamilien"')
    para(doc, "Vi inviterer dere til en ny samtale i oppfølgingen av fosterfamilien. Samtalen "
              "er en mulighet til å snakke om hverdagen med barnet, hva som går bra og hva dere "
              "ønsker mer støtte til.")
    tag(doc, "else")
    para(doc, "Vi inviterer deg til en ny samtale med kontaktpersonen. Samtalen er en mulighet "
              "til å snakke om hvordan du har det, om barnet og om samarbeidet videre.")
    tag(doc, "endif")

    doc.add_heading("Tid og sted", 2)
    facts(doc, [
        ("Dato", "{{ samtale.dato_med_ukedag }}"),
        ("Klokkeslett", "kl. {{ samtale.tid }}"),
        ("Sted", "{{ tjeneste.navn }}, {{ tjeneste.adresse }}, {{ tjeneste.postadresse }}, "
                 "hvis ikke annet er avtalt"),
        ("Samtaleløp", "{{ part.spor }}"),
    ], label_cm=4.0)

    doc.add_heading("Hva skal vi snakke om?", 2)
    para(doc, "{{ tema.formal }}")
    para(doc, "Samtalen varer inntil halvannen time. Vi starter med å bli enige om hva vi skal "
              "snakke om, og vi avslutter med å oppsummere sammen og avtale veien videre.")

    doc.add_heading("Passer ikke tidspunktet?", 2)
    para(doc, "Gi beskjed så snart som mulig, så finner vi en ny tid. Ring "
              "{{ kontaktperson.navn }} på {{ kontaktperson.telefon }}, eller send e-post til "
              "{{ kontaktperson.epost }}. Gi også beskjed hvis det er behov for tolk.")
    para(doc, "Velkommen!")
    signature(doc)
    return doc


def referat():
    doc = new_document("Referat fra samtale")
    facts(doc, [
        ("Sak / Vår referanse", "{{ sak.var_referanse }}"),
        ("Barn", "{{ barn.navn }}"),
        ("Part", "{{ part.navn }}"),
        ("Dato", "{{ samtale.dato }}"),
        ("Kontaktperson", "{{ kontaktperson.navn }}"),
    ], label_cm=4.5)
    para(doc, "Referat – {{ samtale.overskrift }}", style="Title")
    para(doc, bold("Samtaleløp: "), "{{ part.spor }}")

    doc.add_heading("Formål med samtalen", 2)
    para(doc, "{{ tema.formal }}")
    para(doc, bold("Til stede:"))
    blank(doc, 2)

    tag(doc, "if tema.er_siste")
    para(doc, ("Dette er siste tema. Før samtalen går kontaktpersonen gjennom vurderingene fra "
               "hvert tema, og sluttevalueringen skrives i dette referatet. Planene evalueres "
               "også nå.", {"italic": True}))
    tag(doc, "endif")

    tag(doc, "for seksjon in tema.seksjoner")
    doc.add_heading("{{ seksjon.tittel }}", 2)
    tag(doc, "for q in seksjon.sporsmal")
    para(doc, "{{ q }}", style="List Bullet")
    tag(doc, "endfor")
    blank(doc)
    tag(doc, "endfor")

    doc.add_heading("Kontaktpersonens vurdering", 1)
    para(doc, "Her skriver kontaktpersonen sin vurdering etter samtalen, med partens egne "
              "perspektiver og refleksjoner som grunnlag.", style="Liten tekst")
    tag(doc, "for v in program.vurderingssporsmal")
    doc.add_heading("{{ v.tekst }}", 3)
    blank(doc)
    tag(doc, "endfor")

    tag(doc, "if tema.verktoy")
    doc.add_heading("Forslag til verktøy", 2)
    tag(doc, "for t in tema.verktoy")
    para(doc, "{{ t }}", style="List Bullet")
    tag(doc, "endfor")
    tag(doc, "endif")
    return doc


def sluttevaluering():
    doc = new_document("Sluttevaluering")
    letterhead(doc)
    para(doc, "Sluttevaluering – {{ part.spor }}", style="Title")
    facts(doc, [
        ("Barn", "{{ barn.navn }}"),
        ("Periode", "{{ program.start }} – {{ program.slutt }}"),
        ("Vår referanse", "{{ sak.var_referanse }}"),
        ("Kontaktperson", "{{ kontaktperson.navn }}, {{ kontaktperson.tittel }}"),
        ("Dato", "{{ dato }}"),
    ], label_cm=4.0)
    para(doc, "Før siste tema går kontaktpersonen gjennom vurderingene fra hvert tema i "
              "samtaleløpet. Tabellen samler det som er positivt, hvor det trengs støtte "
              "videre, og om den planlagte oppfølgingen dekker behovene.")

    doc.add_heading("Vurdering per tema", 1)
    loop_table(doc,
               ["Tema", "Hva er positivt", "Behov for støtte videre",
                "Dekkes av planlagt oppfølging?"],
               [3.4, 4.2, 4.2, 4.2], "for v in part.vurderinger",
               ["{{ v.tittel }}", "{{ v.positivt }}", "{{ v.behov_for_stotte }}",
                "{{ v.dekkes_av_oppfolging }}"])

    doc.add_heading("Anbefalt videre oppfølging", 1)
    tag(doc, "if part.videre_oppfolging")
    para(doc, "Aktuelle tilbud etter at {{ program.navn }} er avsluttet:")
    tag(doc, "for tilbud in part.videre_oppfolging")
    para(doc, "{{ tilbud }}", style="List Bullet")
    tag(doc, "endfor")
    tag(doc, "else")
    para(doc, "Det er ikke lagt inn forslag til videre oppfølging for denne parten.")
    tag(doc, "endif")

    doc.add_heading("Kontaktpersonens samlede vurdering", 1)
    blank(doc, 4)
    para(doc, bold("Sted og dato: "))
    blank(doc)
    para(doc, "{{ kontaktperson.navn }}", after=0)
    para(doc, "{{ kontaktperson.tittel }}", after=0)
    para(doc, "{{ tjeneste.navn }}")
    return doc


WORD: dict[str, Callable] = {
    "oppfolgingsplan.docx": oppfolgingsplan,
    "informasjonsbrev.docx": informasjonsbrev,
    "innkalling.docx": innkalling,
    "referat.docx": referat,
    "sluttevaluering.docx": sluttevaluering,
}


# --- The Excel template ------------------------------------------------------------------

BOLD = Font(name=FONT, bold=True)
FILL = PatternFill("solid", fgColor=HEADER_FILL)
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DATE_FORMAT = "DD.MM.YYYY"


def _sheet(ws, title: str, labels: list[tuple[str, str]], header_row: int,
           columns: list[tuple[str, str, float]]) -> None:
    """Title, label/value lines, a header row and the repeating row right under it.

    columns: (header, cell tag, width).
    """
    ws["A1"] = title
    ws["A1"].font = Font(name=FONT, bold=True, size=14, color="1F4E79")
    for row, (label, value) in enumerate(labels, start=2):
        ws.cell(row=row, column=1, value=label).font = BOLD
        ws.cell(row=row, column=2, value=value).alignment = Alignment(horizontal="left")
    for col, (header, value, width) in enumerate(columns, start=1):
        head = ws.cell(row=header_row, column=col, value=header)
        head.font, head.fill, head.border = BOLD, FILL, BOX
        cell = ws.cell(row=header_row + 1, column=col, value=value)
        cell.border = BOX
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        if value.endswith(".dato }}"):
            cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(horizontal="left", vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = width
    last = get_column_letter(len(columns))
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = CONFIDENTIAL
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "Side &P av &N"
    ws.oddFooter.right.size = 8


def oversikt() -> Workbook:
    book = Workbook()
    ws = book.active
    ws.title = "Samtaler"
    _sheet(ws, "Oppfølgingsoversikt – Omsorgspakken", [
        ("Vår referanse:", "{{ sak.var_referanse }}"),
        ("Kontaktperson:", "{{ kontaktperson.navn }}"),
        ("Plassering:", "{{ plassering.startdato }}"),
    ], 6, [
        ("Part", "{{ samtaler.part }}", 18),
        ("Tema", "{{ samtaler.tema }}", 7),
        ("Tittel", "{{ samtaler.tittel }}", 44),
        ("Dato", "{{ samtaler.dato }}", 12),
        ("Tid", "{{ samtaler.tid }}", 13),
        ("Status", "{{ samtaler.status }}", 13),
        ("Kilde", "{{ samtaler.kilde }}", 11),
    ])
    ws.page_setup.orientation = "landscape"
    ws["B7"].alignment = Alignment(horizontal="center", vertical="top")
    # Highlight overdue and held conversations; the range covers the rows the list becomes.
    for status, colour in (("Forfalt", "F8CBAD"), ("Gjennomført", "C6EFCE")):
        ws.conditional_formatting.add(
            "F7:F2000",
            CellIsRule(operator="equal", formula=[f'"{status}"'],
                       fill=PatternFill("solid", bgColor=colour)),
        )

    visits = book.create_sheet("Besøk")
    _sheet(visits, "Oppfølgingsbesøk i fosterhjemmet", [
        ("Gjennomført:", "{{ besok_gjennomfort }}"),
        ("Minimum første år:", "{{ besok_minimum }}"),
    ], 5, [
        ("Dato", "{{ besok_liste.dato }}", 20),
        ("Status", "{{ besok_liste.status }}", 16),
    ])
    book.properties.title = "Oppfølgingsoversikt – Omsorgspakken"
    book.properties.creator = "omsorgspakke-docs"
    return book


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


def build(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in WORD.items():
        make().save(out / name)
        written.append(out / name)
    oversikt().save(out / "oversikt.xlsx")
    written.append(out / "oversikt.xlsx")
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
