"""The plan as the contact person who keeps it reads it: the first page names the contact
person once, and the conversation tables' statuses stand on one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Cm

from omsorgspakke_docs.text import tekst

from .conftest import ROOT
from .doc_helpers import case_context, render

CARLITO = Path("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf")
"""Metric-compatible with Calibri, the templates' font: a text is as wide in both."""
CONVERSATION_STATUSES = ("planlagt", "gjennomfort", "avlyst", "ikke_registrert", "forfalt",
                         "ikke_planlagt")
"""What a conversation's row may say (context.status_code, oppfolgingsplan._as_it_was)."""
WORD_CELL_MARGIN_TWIPS = 108
"""A table cell's left and right margin in Word's «Table Grid», unless the table sets its own."""
LONGEST = {"bokmal": ("Oppfølging i flytteprosessen", "torsdag 30. september 2026", "15.00–16.30",
                      "Fosterhjemmet"),
           "nynorsk": ("Oppfølging i flytteprosessen", "laurdag 30. september 2026", "15.00–16.30",
                       "Fosterheimen")}
"""What the other columns hold on one line: a theme's name (before «(kontakt 1)»), a date
with its weekday, a time, a place."""


def _text_cm(text: str, points: float) -> float:
    font = pytest.importorskip("PIL.ImageFont").truetype(str(CARLITO), 1000)
    return font.getlength(text) / 1000 * points / 72 * 2.54


def _conversation_table(malform: str):
    """The template's first table whose header ends with the Status column."""
    doc = open_docx(str(ROOT / "templates" / ("nb" if malform == "bokmal" else "nn")
                        / "oppfolgingsplan.docx"))
    for table in doc.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[-1] == "Status" and header[0] == "Tema":
            return table
    raise AssertionError("no conversation table")


@pytest.mark.skipif(not CARLITO.exists(), reason="needs the Carlito font to measure text")
@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_every_conversation_status_fits_on_one_line_within_the_page(malform):
    table = _conversation_table(malform)
    widths = [col.w / Cm(1) for col in table._tbl.tblGrid.gridCol_lst]
    assert sum(widths) <= 16.0 + 0.01  # the text's width between the page's margins
    twips = [int(side.get(qn("w:w"))) for side in table._tbl.tblPr.iterfind(
        f"{qn('w:tblCellMar')}/*")] or [WORD_CELL_MARGIN_TWIPS] * 2
    margins_cm = sum(twips) / 1440 * 2.54
    t = tekst(malform)
    for key in CONVERSATION_STATUSES:
        said = t(f"status.{key}")
        assert _text_cm(said, 10) + margins_cm <= widths[-1], (malform, said, widths)
    for said, width in zip(LONGEST[malform], widths, strict=False):
        assert _text_cm(said, 10) + margins_cm <= width, (malform, said, widths)


CONTACT = ("Ingrid Bakke & Berg", "55 00 12 34", "ingrid.bakke@fjordvik.kommune.example")
"""The example case's contact person: name, phone and e-mail."""
FIRST_PAGE_ENDS = {"bokmal": "\nProgramperiode\n", "nynorsk": "\nProgramperiode\n"}
"""The heading after the contact person's section."""
NAME_ROW = {"bokmal": "Navn\nIngrid Bakke & Berg, barnevernskonsulent",
            "nynorsk": "Namn\nIngrid Bakke & Berg, barnevernskonsulent"}


def _in_reading_order(path) -> str:
    """The body's text as it reads, top to bottom: paragraphs, and each table's cells row by
    row where the table stands; a no-break space read as a space."""
    lines = []
    for item in open_docx(str(path)).iter_inner_content():
        if hasattr(item, "rows"):
            lines += [cell.text for row in item.rows for cell in row.cells]
        elif item.text.strip():
            lines.append(item.text)
    return "\n".join(lines).replace("\u00a0", " ")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_plans_first_page_names_the_contact_person_once(tmp_path, malform):
    ctx = case_context().in_malform(malform)
    (plan,) = render(ctx, "oppfolgingsplan", tmp_path).values()
    first = _in_reading_order(plan).split(FIRST_PAGE_ENDS[malform], 1)[0]
    for said in CONTACT:
        assert first.count(said) == 1, (malform, said, first)
    # Under the heading «Kontaktperson», a row with their name and title, not the label
    # again («Kontaktperson | Kontaktperson …»), then how to reach them.
    section = first.split("\nKontaktperson\n", 1)[1]
    assert section.startswith(NAME_ROW[malform]), section
    assert "Kontaktperson" not in section
    assert "Saksbehandler" not in first
    # The reference lines keep the date and the journal number.
    assert "Vår ref.:\t2026-0412" in first and "Vår dato:\t22. november 2026" in first


@pytest.mark.parametrize("folder", ["nb", "nn"])
def test_the_first_pages_fact_tables_line_up(folder):
    """«Om barnet og plasseringen» and «Kontaktperson» stand one under the other on the
    plan's first page: their label columns are as wide (the contact's was 4 cm against 5)."""
    doc = open_docx(str(ROOT / "templates" / folder / "oppfolgingsplan.docx"))
    labels = {}
    for table in doc.tables:
        first = table.rows[0].cells[0].text
        if first in ("Barnets navn", "Namnet til barnet", "Navn", "Namn"):
            labels[first] = round(table._tbl.tblGrid.gridCol_lst[0].w / Cm(1), 2)
    assert len(labels) == 2, labels
    assert len(set(labels.values())) == 1, labels
