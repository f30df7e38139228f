"""The plan as the contact person who keeps it reads it: the first page names the contact
person once, and the conversation tables' statuses stand on one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.shared import Cm

from omsorgspakke_docs.text import tekst

from .conftest import ROOT

CARLITO = Path("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf")
"""Metric-compatible with Calibri, the templates' font: a text is as wide in both."""
CONVERSATION_STATUSES = ("planlagt", "gjennomfort", "avlyst", "ikke_registrert", "forfalt")
"""What a conversation's row may say (context.status_code, oppfolgingsplan._as_it_was)."""
CELL_MARGINS_CM = 2 * 0.19
"""A table cell's left and right margins in Word's «Table Grid» (108 twips each)."""


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
    widths = [col.w for col in table._tbl.tblGrid.gridCol_lst]
    assert sum(widths) <= Cm(16.0) + 1000  # the text's width between the margins
    status_cm = widths[-1] / Cm(1)
    t = tekst(malform)
    for key in CONVERSATION_STATUSES:
        said = t(f"status.{key}")
        assert _text_cm(said, 10) + CELL_MARGINS_CM <= status_cm, (malform, said, status_cm)
    # The column still leaves the date with its weekday on one line.
    date_cm = widths[1] / Cm(1)
    assert _text_cm("torsdag 24. september 2026", 10) + CELL_MARGINS_CM <= date_cm
