"""The Excel templates: the follow-up overview per case and the caseload across cases.

Imported by tools/build_templates.py, which writes every template; see its docstring.
A cell whose whole content is one tag is filled in; a row whose cells name a list repeats
once per item (render.fill_sheet). Colours for overdue and due soon are conditional
formatting computed from TODAY() when the workbook is opened, so they stay right in a
workbook opened days after it was made; the number of days that counts as "soon" is written
into a cell by the program, from [documents] due_soon_days.
"""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

from build_templates import CONFIDENTIAL, FONT, HEADER_FILL
from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from omsorgspakke_docs.rendering.sheet_cells import CHARS_PER_WIDTH, fitted_height
from omsorgspakke_docs.text import tekst

BOLD = Font(name=FONT, bold=True)
FILL = PatternFill("solid", fgColor=HEADER_FILL)
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DATE_FORMAT = "DD.MM.YYYY"
DATE_FIELDS = ("dato", "plassert", "slutt", "neste", "neste_besok", "forste_samtale", "frist",
               "send_innen", "brevdato", "sendt", "samtale")
COUNT_FIELDS = ("gjennomfort", "planlagt", "forfalt", "lovbrudd", "dager", "gjenstar", "antall",
                "saker", "uker")
"""Columns of counts: centred, so a number right-aligned against a text or date left-aligned
in the next column does not read as one with it («0|0 av 25»)."""
LAST_ROW = 5000
"""Conditional formatting is not moved when rows are inserted: it reaches this far down."""

OVERDUE = ("F8CBAD", "9C0006")
DUE_SOON = ("FFEB9C", "7F6000")
HELD = ("C6EFCE", "006100")
MISSING_INFO = ("DDEBF7", "1F4E79")
SEVERITY_COLOURS = {
    "Lovbrudd": OVERDUE,
    "Avvik fra Omsorgspakken": DUE_SOON,
    "Mangler opplysninger": MISSING_INFO,
}
"""The three kinds of finding (domain/compliance.py SEVERITIES), most serious first."""
OVERDUE_STATUS = tekst("bokmal")("status.forfalt")
"""«Over fristen»: the status the program writes in the cells for a planned date that has
passed; the colour key, the colour rule and the caseload's sheet use the same words, and the
nynorsk workbooks the nynorsk catalogue's."""
IN_JOURNAL_STATUS = tekst("bokmal")("status.planlagt_fagsystem")
"""«Planlagt i fagsystemet»: a visit the journal has planned (the same words in nynorsk), on
the case's Besøk sheet and Saksoversikt's Denne måneden as in the plan's table; coloured as
a planned one."""
NOT_YET_STATUS = tekst("bokmal")("status.ikke_holdt_enna")
"""«Ikke registrert som holdt ennå»: a visit the journal has planned whose day has passed, the
newest export too soon after it to say whether it was held (the plan's table says the same);
yellow, as the other statuses that wait for something are («Lovfrist», «Avsluttes snart», a
planned one due soon), not red (it is not overdue) nor left white (a reader's finding: it
read as nothing to see to). The nynorsk workbooks' rule has the nynorsk words."""
LOVFRIST = tekst("bokmal")("status.lovfrist")
"""«Lovfrist»: Denne måneden's status of a plan's legal deadline ahead (the same word in
nynorsk)."""


def status_width(*keys: str) -> float:
    """A Status column wide enough that each of these statuses (text [status]) takes one
    line in both standards: «Planlagt i fagsystemet» took two in Denne måneden's 12 (a
    reader's finding), and «Ikkje registrert som halde enno» is longer still. The width is
    the templates' rule for text (sheet_cells.CHARS_PER_WIDTH), and a character to spare."""
    longest = max(len(tekst(malform)(f"status.{key}"))
                  for malform in ("bokmal", "nynorsk") for key in keys)
    return float(ceil(longest / CHARS_PER_WIDTH) + 1)


VISIT_STATUSES = ("planlagt", "gjennomfort", "forfalt", "ikke_registrert", "planlagt_fagsystem",
                  "ikke_holdt_enna")
"""What a follow-up visit's Status cell can say in the workbooks (the case's Besøk sheet,
Saksoversikt's Denne måneden), but the two of a foster home the child has left
(LEFT_HOME_STATUSES)."""
LEFT_HOME_STATUSES = ("gjennomfort_tidligere_fosterhjem", "ikke_holdt_tidligere_fosterhjem")
"""A visit held in a foster home the child has left, or planned there and passed unregistered
(rendering/context.visit_status): «Ikkje registrert som halde (tidlegare fosterheim)» at
length. Only the case's Besøk sheet lists them (Denne måneden lists neither a visit held nor
one passed in the home left: documents/caseload.py), and its two narrow columns leave room
for them on one line (they wrapped onto two: a reader's finding); Denne måneden, a page wide
already, keeps its width."""
COLOURS = {
    f"{OVERDUE_STATUS} (rød)": OVERDUE,
    "Snart (gul)": DUE_SOON,
    "Gjennomført (grønn)": HELD,
}


def _sheet(ws, title: str, labels: list[tuple[str, str]], header_row: int,
           columns: list[tuple[str, str, float]], repeat_header: bool = True) -> None:
    """Title, label/value lines, a header row and the repeating row right under it.

    columns: (header, cell tag, width). repeat_header: the header printed again at the top of
    every page (not where another table follows the first on the sheet).
    """
    ws["A1"] = title
    ws["A1"].font = Font(name=FONT, bold=True, size=14, color="1F4E79")
    for row, (label, value) in enumerate(labels, start=2):
        ws.cell(row=row, column=1, value=label).font = BOLD
        ws.cell(row=row, column=2, value=value).alignment = Alignment(horizontal="left")
    for col, (header, value, width) in enumerate(columns, start=1):
        head = ws.cell(row=header_row, column=col, value=header)
        head.font, head.fill, head.border = BOLD, FILL, BOX
        head.alignment = Alignment(vertical="top", wrap_text=True)
        cell = ws.cell(row=header_row + 1, column=col, value=value)
        cell.border = BOX
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        field = value.rsplit(".", 1)[-1].rstrip(" }")
        if field in COUNT_FIELDS:
            cell.alignment = Alignment(horizontal="center", vertical="top")
        if field in DATE_FIELDS:
            cell.number_format = DATE_FORMAT
            # Indented: a count right-aligned in the column before read as one number with
            # the date («024.11.2026», helper 136).
            cell.alignment = Alignment(horizontal="left", vertical="top", indent=1)
        ws.column_dimensions[get_column_letter(col)].width = width
    # A header that wraps gets the lines it needs: LibreOffice keeps a row one line high.
    height = fitted_height(None, [(header, width) for header, _, width in columns])
    if height is not None:
        ws.row_dimensions[header_row].height = height
    last = get_column_letter(len(columns))
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + 1}"
    if repeat_header:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = CONFIDENTIAL
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "Side &P av &N"
    ws.oddFooter.right.size = 8


def _rule(ws, cells: str, formula: str, colours: tuple[str, str]) -> None:
    fill, text = colours
    ws.conditional_formatting.add(cells, FormulaRule(
        formula=[formula], stopIfTrue=True,
        fill=PatternFill("solid", bgColor=fill, fgColor=fill), font=Font(color=text),
    ))


def status_colours(ws, first_row: int, last_col: str, date_col: str, status_col: str,
                   soon_cell: str, also_planned: str | None = None,
                   waiting: str | None = None) -> None:
    """Whole rows: red when overdue, yellow when due within the days in soon_cell, green when
    held. A planned date that has passed since the workbook was made counts as overdue.
    also_planned: another status that is planned too (the Besøk sheet's visit the journal
    has planned, IN_JOURNAL_STATUS). waiting: a status yellow whatever its date (a visit
    waiting for an export to say it was held, NOT_YET_STATUS)."""
    r = first_row
    cells = f"A{r}:{last_col}{LAST_ROW}"
    date, status = f"${date_col}{r}", f"${status_col}{r}"
    planned = f'{status}="Planlagt"' if also_planned is None \
        else f'OR({status}="Planlagt",{status}="{also_planned}")'
    overdue = f'OR({status}="{OVERDUE_STATUS}",AND({planned},{date}<TODAY()))'
    _rule(ws, cells, overdue, OVERDUE)
    _rule(ws, cells, f'AND({planned},{date}-TODAY()<={soon_cell})', DUE_SOON)
    if waiting is not None:
        _rule(ws, cells, f'{status}="{waiting}"', DUE_SOON)
    _rule(ws, cells, f'{status}="Gjennomført"', HELD)


def _legend(ws, row: int, col: int = 4, colours: dict | None = None) -> None:
    """The colours explained, to the right of the label lines."""
    ws.cell(row=row, column=col, value="Farger:").font = BOLD
    for i, (text, (fill, colour)) in enumerate((colours or COLOURS).items(), start=1):
        cell = ws.cell(row=row, column=col + i, value=text)
        cell.fill = PatternFill("solid", fgColor=fill)
        cell.font = Font(name=FONT, color=colour)


def _print_setup(book: Workbook, title: str) -> None:
    for ws in book.worksheets:
        ws.page_setup.orientation = "landscape"
    book.properties.title = title
    book.properties.language = "nb-NO"
    book.properties.creator = "omsorgspakke-docs"


def oversikt() -> Workbook:
    book = Workbook()
    ws = book.active
    ws.title = "Samtaler"
    _sheet(ws, "Oppfølgingsoversikt – Omsorgspakken", [
        ("Vår referanse:", "{{ sak.var_referanse }}"),
        ("Kontaktperson:", "{{ kontaktperson.navn }}"),
        ("Plassering:", "{{ plassering.startdato }}"),
        ("Snart (dager):", "{{ snart_dager }}"),
    ], 7, [
        ("Part", "{{ samtaler.part }}", 16),
        ("Tema", "{{ samtaler.tema }}", 9),  # a number, or «Flytting»
        ("Tittel", "{{ samtaler.tittel }}", 42),
        ("Dato", "{{ samtaler.dato }}", 12),
        # The colour key sits in row 2 above Tid and Referat mottatt: «Over fristen (raud)»
        # and «Gjennomført (grønn)» on one line (test_caseload: every colour key fits).
        ("Tid", "{{ samtaler.tid }}", 20),
        # "Ikke registrert", "Ikkje registrert": one line (sheet_cells.wrapped_lines).
        ("Status", "{{ samtaler.status }}", 17),
        ("Referat mottatt", "{{ samtaler.referat }}", 20),
        ("Kilde", "{{ samtaler.kilde }}", 11),
        ("Merknad", "{{ samtaler.merknad }}", 50),
    ])
    ws["B8"].alignment = Alignment(horizontal="center", vertical="top")
    _legend(ws, 2)
    status_colours(ws, 8, "I", "D", "F", "$B$5")

    # The case's own findings: severity first, so the labels above fit the first column.
    todo = book.create_sheet("Dette må følges opp", 0)
    hva, frist, hjemmel, alvor = _findings_columns("avvik")
    findings_sheet(todo, "Dette må følges opp", [
        ("Vår referanse:", "{{ sak.var_referanse }}"),
        ("Kontaktperson:", "{{ kontaktperson.navn }}"),
        # Every severity counted: «Avvik:» read as «Avvik fra Omsorgspakken» alone.
        ("Funn:", "{{ antall_avvik }}"),
        ("Merk:", FRIST_MEANS),  # as on Saksoversikt's Avvik
    ], 6, [alvor, frist, hva, hjemmel], severity_col="A", legend_at=(2, 4))
    # A plan's legal deadline ahead (oversikt._coming_deadlines, «Lovfrist» in Alvor):
    # yellow, red once passed in a workbook opened later, as on Saksoversikt's «Denne
    # måneden» (a reader's finding: here the rows were left white).
    _rule(todo, f"A7:D{LAST_ROW}", f'AND($A7="{LOVFRIST}",$B7<TODAY())', OVERDUE)
    _rule(todo, f"A7:D{LAST_ROW}", f'$A7="{LOVFRIST}"', DUE_SOON)
    # The note wraps in the wide Hva column: left in Frist it ran over Hva and Hjemmel and
    # was cut at the printed page's edge (helper 150). Not merged: the fast renderer keeps
    # a sheet without merged cells (rendering/fastxlsx.py).
    note = todo["B5"].value
    todo["B5"] = None
    todo["C5"] = note
    todo["C5"].alignment = Alignment(vertical="top", wrap_text=True)
    todo["A5"].alignment = Alignment(vertical="top")  # beside the note's first line
    todo.row_dimensions[5].height = fitted_height(None, [(note, hva[2])])  # nynorsk: as long

    visits = book.create_sheet("Besøk")
    _sheet(visits, "Oppfølgingsbesøk i fosterhjemmet", [
        ("Gjennomført:", "{{ besok_gjennomfort }}"),
        # «Minimum til programslutt:» for a case closed within its year (its own minimum).
        ("{{ besok_minimum_navn }}", "{{ besok_minimum }}"),
        ("{{ besok_gjenstar_navn }}", "{{ besok_gjenstar }}"),  # «Manglet:» after the end
        ("Snart (dager):", "{{ snart_dager }}"),
    ], 7, [
        ("Dato", "{{ besok_liste.dato }}", 20),
        ("Status", "{{ besok_liste.status }}",
         status_width(*VISIT_STATUSES, *LEFT_HOME_STATUSES)),
    ])
    visits.column_dimensions["A"].width = 26  # «Minimum til programslutt:» in bold
    # A visit the journal has planned («Planlagt i fagsystemet») is as planned: due soon, or
    # overdue once its day passed in a workbook opened later; one passed and not known to be
    # held yet («Ikke registrert som holdt ennå») waits, yellow.
    status_colours(visits, 8, "B", "A", "B", "$B$5", also_planned=IN_JOURNAL_STATUS,
                   waiting=NOT_YET_STATUS)
    _print_setup(book, "Oppfølgingsoversikt – Omsorgspakken")
    return book


def findings_sheet(ws, title: str, labels: list[tuple[str, str]], header_row: int,
                   columns: list[tuple[str, str, float]], severity_col: str = "",
                   legend_at: tuple[int, int] = (0, 3)) -> None:
    """A list of findings, whole rows coloured by the severity (by default the last column).

    legend_at: (row, column) of a legend down one column; row 0 puts it across row 2."""
    _sheet(ws, title, labels, header_row, columns)
    last = get_column_letter(len(columns))
    severity_col = severity_col or last
    # No height of its own: the program gives each row the lines its text needs
    # (sheet_cells.fitted_height). A two-line height here printed one-line rows two lines
    # high (a reader's finding).
    first = header_row + 1
    for severity, colours in SEVERITY_COLOURS.items():
        _rule(ws, f"A{first}:{last}{LAST_ROW}", f'${severity_col}{first}="{severity}"', colours)
    row, col = legend_at
    if not row:
        _legend(ws, 2, col=col, colours=SEVERITY_COLOURS)
        return
    # Labelled, as the legend across a row is: without it, the first colour read as the
    # value of the label line beside it.
    label = ws.cell(row=row, column=col - 1, value="Farger:")
    label.font, label.alignment = BOLD, Alignment(horizontal="right")
    for i, (text, (fill, colour)) in enumerate(SEVERITY_COLOURS.items()):
        cell = ws.cell(row=row + i, column=col, value=text)
        cell.fill = PatternFill("solid", fgColor=fill)
        cell.font = Font(name=FONT, color=colour)


def _findings_columns(name: str) -> list[tuple[str, str, float]]:
    return [
        ("Hva", f"{{{{ {name}.hva }}}}", 90),
        ("Frist", f"{{{{ {name}.frist }}}}", 12),
        ("Hjemmel", f"{{{{ {name}.hjemmel }}}}", 26),
        ("Alvor", f"{{{{ {name}.alvor }}}}", 22),
    ]


def saksoversikt() -> Workbook:
    """The team leader's caseload: what to act on first, then one sheet per question,
    journal numbers only."""
    book = Workbook()
    head = [("Laget:", "{{ dato }}"), ("Saker i alt:", "{{ antall_saker }}")]
    findings = book.active
    findings.title = "Avvik"
    findings_sheet(findings, "Avvik – dette må følges opp", [
        *head,
        ("Lovbrudd:", "{{ antall.lovbrudd }}"),
        ("Avvik fra Omsorgspakken:", "{{ antall.avvik_fra_omsorgspakken }}"),
        ("Mangler opplysninger:", "{{ antall.mangler_opplysninger }}"),
        # «Frist» read as two things, a day to come and one passed (helper 99).
        ("Merk:", FRIST_MEANS),
        ("", OLD_EXPORT_FIRST),  # a line of its own, as under Avsluttes snart's «Merk:»
    ], 9, [
        ("Sak", "{{ avvik.sak }}", 16),
        ("Kontaktperson", "{{ avvik.kontaktperson }}", 24),
        *_findings_columns("avvik"),
    ])
    findings.column_dimensions["A"].width = 24
    # «Farger:» sits in the wide Hva column: at its left edge it stood a page's width from
    # the colours it names (a reader's finding); at its right, beside them.
    findings["C2"].alignment = Alignment(horizontal="right")

    stats = book.create_sheet("Statistikk")
    # «Funn»: every severity counted. «Avvik i alt: 47» beside «Avvik fra Omsorgspakken:
    # 17» read as two counts of one thing (a reader's finding).
    _sheet(stats, "Statistikk – funn", [
        *head, ("Funn i alt:", "{{ antall.avvik }}"),
        ("Saker med funn:", "{{ antall.saker_med_avvik }}"),
    ], 7, [
        ("Funn", "{{ per_funn.funn }}", 46),
        ("Antall", "{{ per_funn.antall }}", 10),
        ("Saker", "{{ per_funn.saker }}", 10),
    ], repeat_header=False)
    stats.column_dimensions["A"].width = 46
    # Two tables, one under the other: a filter over the first would take in the second,
    # and its header repeated on a printed page would stand over the second's rows («Funn
    # | Antall | Saker» over the counts per contact person: a reader's finding).
    stats.auto_filter.ref = None
    row = 10
    stats.cell(row=row, column=1, value="Per kontaktperson").font = Font(
        name=FONT, bold=True, size=12, color="1F4E79")
    # On a page of its own when printed, its header over its rows: under the 32 kinds of
    # finding it began at the foot of the first page, title, header and one contact person
    # there and the others on the next page with no header (a reader's finding). The break
    # moves down with the rows the list above adds (sheet_cells.moved_break).
    stats.row_breaks.append(Break(id=row - 1))
    people = [
        ("Kontaktperson", "{{ per_kontaktperson.kontaktperson }}"),
        ("Lovbrudd", "{{ per_kontaktperson.lovbrudd }}"),
        ("Avvik fra Omsorgspakken", "{{ per_kontaktperson.avvik }}"),
        ("Mangler opplysninger", "{{ per_kontaktperson.mangler }}"),
        ("Totalt", "{{ per_kontaktperson.totalt }}"),
    ]
    for col, (header, value) in enumerate(people, start=1):
        head_cell = stats.cell(row=row + 1, column=col, value=header)
        head_cell.font, head_cell.fill, head_cell.border = BOLD, FILL, BOX
        head_cell.alignment = Alignment(vertical="top", wrap_text=True)
        cell = stats.cell(row=row + 2, column=col, value=value)
        cell.border = BOX
        if col > 1:  # counts, centred as those of the table above (COUNT_FIELDS)
            cell.alignment = Alignment(horizontal="center", vertical="top")
    for col, width in zip("BCDE", (12, 25, 22, 10), strict=True):
        stats.column_dimensions[col].width = width

    ws = book.create_sheet("Saker")
    # What the numbers count: the case's Oppfølgingsoversikt lists the joint meeting among
    # its conversations, so its «Planlagt» was one more (helper 99).
    _sheet(ws, "Saksoversikt – Omsorgspakken", [*head, ("Merk:", SAKER_COUNTS)], 5, [
        *_case_columns("saker"),
        ("Plassert", "{{ saker.plassert }}", 12),
        ("Programslutt", "{{ saker.slutt }}", 12),
        ("Gjennomført", "{{ saker.gjennomfort }}", 12),
        ("Planlagt", "{{ saker.planlagt }}", 10),
        (OVERDUE_STATUS, "{{ saker.forfalt }}", 12),
        # Conversations over their deadline are moved to a new date, so a case whose law
        # deadlines have passed showed «I gang» with 0 (helper 99): its findings counted.
        ("Lovbrudd", "{{ saker.lovbrudd }}", 10),
        ("Neste samtale", "{{ saker.neste }}", 13),
        ("Besøk", "{{ saker.besok }}", 9),
        ("Neste besøk", "{{ saker.neste_besok }}", 12),  # «1 av 4» said not when
        ("Status", "{{ saker.status }}", 19),  # nynorsk: "Blir avslutta snart"
        ("Merknad om planen", "{{ saker.merknad }}", 60),
    ])
    _rule(ws, f"A6:L{LAST_ROW}",
          'OR($G6>0,$H6>0,$L6="Ikke startet",$L6="Ikke startet – avsluttes snart",'
          '$L6="Ikke startet – ingen planlagt",$L6="Avsluttet – ingen samtaler registrert")',
          OVERDUE)
    _rule(ws, f"A6:L{LAST_ROW}", '$L6="Avsluttes snart"', DUE_SOON)

    due = book.create_sheet("Denne måneden")
    _sheet(due, "Samtaler, besøk og lovfrister denne måneden og de neste dagene", [
        *head, ("Snart (dager):", "{{ snart_dager }}"),
    ], 6, _event_columns("denne_maneden") + [
        ("Uke", "{{ denne_maneden.uke }}", 6),  # offices plan by week (helper 99)
        ("Status", "{{ denne_maneden.status }}", status_width(*VISIT_STATUSES, "lovfrist")),
    ])
    # A plan's legal deadline ahead (compliance.coming_deadlines): yellow, as it is listed
    # only while it comes; red once passed in a workbook opened later (Avvik has it then).
    _rule(due, f"A7:G{LAST_ROW}", f'AND($G7="{LOVFRIST}",$D7<TODAY())', OVERDUE)
    _rule(due, f"A7:G{LAST_ROW}", f'$G7="{LOVFRIST}"', DUE_SOON)
    # A visit the journal has planned («Planlagt i fagsystemet») is as planned; one passed
    # and not known to be held yet waits, yellow, as on the case's Besøk sheet.
    status_colours(due, 7, "G", "D", "G", "$B$4", also_planned=IN_JOURNAL_STATUS,
                   waiting=NOT_YET_STATUS)
    # How many of its rows are over the deadline, each one also on the sheet Over fristen
    # (helper 318: the two read as disagreeing).
    _nothing_listed(due, 5, "{{ denne_maneden_forfalt }}")
    for cell in (due["F6"], due["F7"]):  # «Uke»: a short number, apart from Status
        cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)

    overdue = book.create_sheet(OVERDUE_STATUS)
    # Empty while cases have passed deadlines: a missed conversation is moved to a new date
    # (planning/schedule.py), and the finding is under Avvik.
    _sheet(overdue, "Samtaler og besøk over fristen", [
        *head, ("Merk:", OVERDUE_LEFT_OUT),
    ], 6,
           _event_columns("forfalt") + [("Dager over fristen", "{{ forfalt.dager }}", 12)])
    _rule(overdue, f"A7:F{LAST_ROW}", "$D7<>\"\"", OVERDUE)
    # Empty, it says so; else how many and the days they span, oldest first (helper 318:
    # the first page, all November, read as the whole list).
    _nothing_listed(overdue, 5, "{{ forfalt_i_alt }}")

    idle = book.create_sheet("Ikke startet")
    _sheet(idle, "Saker som ikke er startet", [
        *head, ("Grense (uker):", "{{ ikke_startet_uker }}"),
    ], 6, [
        *_case_columns("ikke_startet"),
        ("Plassert", "{{ ikke_startet.plassert }}", 12),
        ("Uker siden plassering", "{{ ikke_startet.uker }}", 11),
        # Wide enough for «ingen planlagt (datoene har passert)» (helper 167).
        ("Første planlagte samtale", "{{ ikke_startet.forste_samtale }}", 34),
    ])

    ending = book.create_sheet("Avsluttes snart")
    # More than Saker's «Planlagt» where themes found no date before the end (helper 136).
    _sheet(ending, "Saker der Omsorgspakken avsluttes snart", [
        *head, ("Innen (dager):", "{{ avsluttes_dager }}"), ("Merk:", ENDING_COUNTS),
        ("", ENDING_OVERDUE),  # a line of its own: one long line made the page print smaller
    ], 8, [
        *_case_columns("avsluttes_snart"),
        ("Programslutt", "{{ avsluttes_snart.slutt }}", 12),
        ("Dager igjen", "{{ avsluttes_snart.dager }}", 11),
        ("Samtaler igjen", "{{ avsluttes_snart.gjenstar }}", 12),
        # Passed and not held: «Samtaler igjen: 0» read as done for a case 29 behind.
        ("Over fristen", "{{ avsluttes_snart.forfalt }}", 11),
        ("Temaer vurdert", "{{ avsluttes_snart.vurderinger }}", 14),
    ])
    _nothing_listed(ending, 7, "{{ ingen_avsluttes_snart }}")
    # Beside «Saker i alt» on every sheet: the cases no longer shown, three months after
    # their programme's end (a reader's finding: the team leader wondered where one went).
    for sheet in book.worksheets:
        sheet["C3"] = "{{ ikke_med }}"
        sheet["C3"].font = Font(name=FONT, italic=True)
    _print_setup(book, "Saksoversikt – Omsorgspakken")
    return book


def _nothing_listed(ws, row: int, tag: str) -> None:
    """The line above a list's header that says the list is empty («Ingen saker …»), or
    nothing: an empty sheet read as one not made (a reader's finding); or what the list
    holds («I alt 196, eldste først: …»)."""
    ws.cell(row=row, column=1, value=tag).font = Font(name=FONT, italic=True)


ENDING_COUNTS = ("Samtaler igjen teller samtalene som ikke er holdt: dem som er planlagt, dem "
                 "som har passert uten å bli registrert (står også i Over fristen), og dem "
                 "som ikke har fått dato før programslutt (se Merknad om planen på arket "
                 "Saker).")
ENDING_OVERDUE = ("Over fristen teller også oppfølgingsbesøk som har passert uten å bli "
                  "registrert, som på arket Saker.")
"""Under «Merk:» above «Avsluttes snart»: Over fristen is more than Samtaler igjen where
visits passed unregistered (a reader's finding: 29 over beside 25 left read as wrong)."""
SENT_GUIDANCE = (
    "Når et brev er sendt: skriv datoen (eller x) i kolonnen Sendt. Merket blir med i neste "
    "liste.",
    "Brev å sende står øverst, sendte nederst. Neste liste erstatter denne: det du skriver "
    "i andre kolonner enn Sendt, blir ikke med.",
)
"""Two lines above the list, for the staff who fill in Sendt (documents/sent_marks.py)."""


FRIST_MEANS = ("Frist er dagen det senest skal være gjort. For lovbrudd er fristen alt passert, "
               "unntatt for oppfølgingsbesøk som mangler: der er fristen siste dag i "
               "plasseringsåret.")
"""Above the team leader's list of findings (Avvik), beside «Merk:»."""
OLD_EXPORT_FIRST = ("Rader om en sak som ikke er eksportert på lenge, står øverst: de andre "
                    "radene i den saken kan være utdatert til saken er eksportert på nytt.")
"""Under FRIST_MEANS on the Avvik sheet: why «Saken er ikke eksportert på lenge» sorts above
the Lovbrudd rows (compliance.EXPLAINS_THE_OTHERS), which the sheet did not say."""
SAKER_COUNTS = ("Gjennomført og Planlagt teller samtalene med partene (ikke felles møte og "
                "besøk); Over fristen også besøk som har passert uten å bli registrert, som "
                "på arket Over fristen. Er programmet avsluttet, står det som ikke ble holdt, "
                "på arket Avvik. Lovbrudd teller sakens lovbrudd på arket Avvik.")
"""Above the list of cases (Saker), beside «Merk:». Over fristen is what the sheet of that
name lists, empty once the programme has ended (a reader's finding: 28 with no row)."""
OVERDUE_LEFT_OUT = ("Samtaler som er flyttet til en ny dato, står ikke her, heller ikke det "
                    "som ikke ble holdt i saker der programmet er avsluttet. Se Avvik for "
                    "frister som er passert.")
"""Beside «Merk:» above «Over fristen»: what it leaves out, and where to look."""


OUTBOX_COLOURS = {
    "Fristen er passert (rød)": OVERDUE,
    "Ikke send (gul)": DUE_SOON,
    "Sendt (grønn)": HELD,
}
"""The list's colour key, in E1, F1 and G1 (a row to send before its day is not coloured)."""


def utsending() -> Workbook:
    """The letters to send now, for the administrative staff: remade after every run. Staff
    mark what they sent in Sendt; the next list carries the marks over."""
    book = Workbook()
    ws = book.active
    ws.title = "Til utsending"
    _sheet(ws, "Brev til utsending – Omsorgspakken",
           [("Laget:", "{{ dato }}"), ("Brev å sende:", "{{ skal_sendes }}"),
            # Not a bare «Sendt:»: the letters marked as sent that are still listed, not
            # every letter sent (one leaves the list once its days are over).
            ("Sendt, på listen:", "{{ antall_sendt }}")], 5, [
               ("Sak", "{{ brev.sak }}", 14),
               ("Mottaker", "{{ brev.mottaker }}", 18),  # the date in B2 clear of C2
               # The longest path (107 characters: «…/Tema 0 - Oppfølging i flytteprosessen
               # (kontakt 3) - til fosterforeldrene.docx») in two lines, as the rows are high;
               # the rest of the width to Merknad, whose notes are the longest texts on the
               # list: at 40 beside a 62-wide Dokument, «Kort varsel: …» took 7 lines, every
               # row followed it, and 103 letters printed on 14 pages (a reader's finding).
               ("Dokument", "{{ brev.dokument }}", 50),
               ("Brevdato", "{{ brev.brevdato }}", 12),
               ("Send innen", "{{ brev.send_innen }}", 14),
               ("Sendemåte", "{{ brev.sendes }}", 11),
               ("Merknad", "{{ brev.merknad }}", 52),
               ("Sendt", "{{ brev.sendt }}", 12),
               # After Sendt, so an older list's columns are where they were: the day of the
               # conversation the letter is for (an information letter's first), and whom
               # «Be kontaktpersonen ringe …» means.
               ("Samtaledato", "{{ brev.samtale }}", 12),
               ("Kontaktperson", "{{ brev.kontaktperson }}", 24),
           ])
    for row, line in enumerate(SENT_GUIDANCE, start=2):
        ws.cell(row=row, column=3, value=line).font = Font(name=FONT, italic=True)
    # What the list holds, part by part (to send, to check, not to send, sent): beside the
    # numbers, in the row above the headers, so the table stays where it was (sent_marks.py).
    ws["C4"] = "{{ antall_forklart }}"
    ws["C4"].font = Font(name=FONT)
    # «0 + 6 å sjekke» (documents/sending.py _counts): wrapped in its column when longer,
    # as the guidance beside it leaves no room to run on into.
    ws["B3"].alignment = Alignment(horizontal="left", wrap_text=True)
    ws["H5"].fill = PatternFill("solid", fgColor=HELD[0])  # the column staff fill in
    # A document's path takes two lines: each row is made that high (the renderer copies
    # the template row's height), so a wrapped path never runs into the next row.
    ws.row_dimensions[6].height = 30
    # A letter marked as sent is green, and never red however late; one not to send is
    # yellow, also once its «Send innen» has passed (red is for letters to send now).
    # An invitation sent for a meeting that is off: red, marked as sent or not (someone
    # must tell its reader: documents/sending.py _withdrawn).
    _rule(ws, f"A6:J{LAST_ROW}", 'LEFT($G6,11)="Gi beskjed:"', OVERDUE)
    _rule(ws, f"A6:J{LAST_ROW}", '$H6<>""', HELD)
    _rule(ws, f"A6:J{LAST_ROW}", 'OR(LEFT($G6,10)="Ikke send:",LEFT($G6,11)="Ikkje send:")',
          DUE_SOON)
    _rule(ws, f"A6:J{LAST_ROW}", 'AND($E6<>"",$E6<TODAY())', OVERDUE)
    # The colours explained, right of the title (rows 2 to 4 hold long lines of guidance).
    # Two lines high, so each fits its column («Send innen / passert (rød)»).
    _legend(ws, 1, col=4, colours=OUTBOX_COLOURS)
    for cell in ws[1][3:7]:
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 30
    _print_setup(book, "Brev til utsending – Omsorgspakken")
    return book


def _case_columns(name: str) -> list[tuple[str, str, float]]:
    """The case (journal number) and its contact person, first in every caseload list."""
    return [
        ("Sak", f"{{{{ {name}.sak }}}}", 14),
        ("Kontaktperson", f"{{{{ {name}.kontaktperson }}}}", 24),
    ]


def _event_columns(name: str) -> list[tuple[str, str, float]]:
    """«Hva» wide enough that «Foreldre (far): Oppfølging i flytteprosessen (kontakt 2)»
    takes one line (the rows are made as high as their longest text: rendering/sheet_cells)."""
    return [
        *_case_columns(name),
        ("Hva", f"{{{{ {name}.hva }}}}", 58),
        ("Dato", f"{{{{ {name}.dato }}}}", 12),
        ("Tid", f"{{{{ {name}.tid }}}}", 13),
    ]


WORKBOOKS: dict[str, Callable[[], Workbook]] = {
    "oversikt.xlsx": oversikt,
    "saksoversikt.xlsx": saksoversikt,
    "utsending.xlsx": utsending,
}
