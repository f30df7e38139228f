"""The information letter and the invitations as the parent who receives them reads them
(a reader's findings): the table's «Klokkeslett» says the time once, «10.00–11.30», not
«kl. 10.00–11.30» under a label that says it is the time already."""

from __future__ import annotations

import re

import pytest
from docx import Document as open_docx

from .conftest import canonical_case
from .doc_helpers import case_context, render

TIME = re.compile(r"\d\d\.\d\d–\d\d\.\d\d")


def _rows(path) -> dict[str, str]:
    """A letter's two-column tables, label -> value."""
    return {row.cells[0].text: row.cells[1].text for table in open_docx(str(path)).tables
            for row in table.rows if len(row.cells) == 2}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("kind", ["innkalling", "fellesmote"])
def test_the_time_is_said_once_under_klokkeslett(tmp_path, malform, kind):
    letters = render(case_context(canonical_case()).in_malform(malform), kind, tmp_path)
    assert letters
    for name, path in letters.items():
        rows = _rows(path)
        assert TIME.fullmatch(rows["Klokkeslett"]), (name, rows["Klokkeslett"])
