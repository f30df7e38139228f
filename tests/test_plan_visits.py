"""The plan's table of follow-up visits says what is known of each: a visit from the journal
has a date only, and its time reads «–», not an empty cell; a visit we planned has its time."""

from __future__ import annotations

import re

import pytest
from docx import Document

from .doc_helpers import case_context, render

TIME = re.compile(r"^\d\d\.\d\d–\d\d\.\d\d$")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_visit_from_the_journal_shows_a_dash_for_its_time(tmp_path, malform):
    ctx = case_context().in_malform(malform)
    (path,) = render(ctx, "oppfolgingsplan", tmp_path).values()
    visits = next([[c.text for c in row.cells] for row in table.rows]
                  for table in Document(str(path)).tables
                  if [c.text for c in table.rows[0].cells] == ["Dato", "Tid", "Status"])
    rows = {dato: (tid, status) for dato, tid, status in visits[1:]}
    held = {"bokmal": "tirsdag 13. oktober 2026", "nynorsk": "tysdag 13. oktober 2026"}
    assert rows[held[malform]] == ("–", "Gjennomført")  # in the example's journal
    planned = [tid for tid, status in rows.values() if status == "Planlagt"]
    assert planned and all(TIME.match(tid) for tid in planned)
    assert all(tid for tid, _ in rows.values())
