"""Accessible documents (universell utforming): what a template must have for a screen reader.

The ICT regulations refer to WCAG 2.1, and the same is asked of documents sent to citizens.
For Word templates this means: a title in the document properties (shown instead of the file
name), the language in the document defaults (LibreOffice takes the PDF's /Lang from there,
not from a style), headings whose levels go down one step at a time, data tables whose
header row is marked as such (w:tblHeader: read as table headers and repeated on each page),
and no address laid out in a table (a screen reader reads a table cell by cell). A workbook
names its language. `omsorgspakke templates check` reports these, and a test holds every
shipped template to them.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml.ns import qn

HEADER_STYLE = "Tabelloverskrift"
"""The paragraph style of a table's header cells in our templates."""
ADDRESS_TAGS = ("mottaker.adresse", "mottaker.postadresse", "tjeneste.adresse",
                "tjeneste.besoksadresse")
"""An address, the recipient's or the service's letterhead, laid out in a table."""


def docx_problems(document: WordDocument) -> list[str]:
    problems = []
    if not (document.core_properties.title or "").strip():
        problems.append("Dokumentet mangler tittel i dokumentegenskapene (Fil > Egenskaper).")
    if not _default_language(document):
        problems.append("Dokumentet mangler språk i standardinnstillingene for tekst "
                        "(docDefaults), så PDF-kopien får ikke språk.")
    problems += _heading_order(document)
    for number, table in enumerate(document.tables, start=1):
        text = " ".join(c.text for row in table.rows for c in row.cells)
        if any(tag in text for tag in ADDRESS_TAGS):
            problems.append(f"Tabell {number}: en adresse står i en tabell; skriv den "
                            "som vanlige avsnitt, så leses den riktig opp.")
        if len(table.rows) > 1 and _looks_like_header(table.rows[0]) and \
                not _marked_header(table.rows[0]):
            problems.append(f"Tabell {number}: overskriftsraden er ikke merket som "
                            "overskriftsrad (Gjenta som overskriftsrad).")
    return problems


def xlsx_problems(workbook) -> list[str]:
    if not (workbook.properties.language or "").strip():
        return ["Arbeidsboken mangler språk i dokumentegenskapene."]
    return []


def _default_language(document: WordDocument) -> str:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    lang = rpr.find(f"{qn('w:rPr')}/{qn('w:lang')}") if rpr is not None else None
    return lang.get(qn("w:val"), "") if lang is not None else ""


def _level(style_name: str) -> int | None:
    if style_name == "Title":
        return 0
    if style_name.startswith("Heading ") and style_name[8:].isdigit():
        return int(style_name[8:])
    return None


def _heading_order(document: WordDocument) -> list[str]:
    problems, deepest = [], 0
    for paragraph in document.paragraphs:
        level = _level(paragraph.style.name if paragraph.style is not None else "")
        if level is None:
            continue
        if level > deepest + 1:
            problems.append(f"Overskriften «{paragraph.text[:60]}» hopper fra nivå {deepest} "
                            f"til nivå {level}; bruk nivå {deepest + 1}.")
        deepest = level
    return problems


def _looks_like_header(row) -> bool:
    """Every cell of the row is a filled-in header cell (a label column is not a header row)."""
    cells = row.cells
    styles = {p.style.name for cell in cells for p in cell.paragraphs if p.style is not None}
    return len(cells) > 1 and styles == {HEADER_STYLE} and all(c.text.strip() for c in cells)


def _marked_header(row) -> bool:
    trpr = row._tr.trPr
    return trpr is not None and trpr.find(qn("w:tblHeader")) is not None
