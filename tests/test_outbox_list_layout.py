"""Til utsending as it reads and prints: how its width is shared between the columns."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.rendering.sheet_cells import LINE_HEIGHT, wrapped_lines

from .conftest import canonical_case

LONGEST_PATH = ("2026-0412/Innkallinger/Barnet/Tema 0 - Oppfølging i flytteprosessen "
                "(kontakt 3) - til fosterforeldrene.docx")
"""The longest document path the demo lists (107 characters)."""


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_notes_get_the_width_the_paths_do_not_need(workspace, malform):
    """Merknad was 40 wide beside a 62-wide Dokument: a path takes two lines at most, but a
    note («Kort varsel: samtalen er …», 300 characters) took 7 or 8, every row was made as
    high as its note, and 103 letters printed on 14 pages (a reader's finding). Now the note
    has the width: no path takes more than the two lines each row has, and no «Kort varsel»
    row is more than six lines high."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))  # the case is new to a running service
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    ws = load_workbook(workspace.outbox / sending.FILE_NAME).active
    width = {cell.value: ws.column_dimensions[cell.column_letter].width for cell in ws[5]}
    assert wrapped_lines(LONGEST_PATH, width["Dokument"]) == 2
    short_notice = 0
    for row in ws.iter_rows(min_row=6):
        document, note = row[2].value, row[6].value
        if not str(document or "").endswith(".docx"):
            continue
        assert wrapped_lines(document, width["Dokument"]) <= 2, document
        height = ws.row_dimensions[row[0].row].height
        assert height is not None and height >= 2 * LINE_HEIGHT, document
        if note and note.startswith("Kort varsel: "):
            short_notice += 1
            assert wrapped_lines(note, width["Merknad"]) <= 6, note
            assert height <= 6 * LINE_HEIGHT, (document, height)
    assert short_notice  # the example's letters at short notice are listed
