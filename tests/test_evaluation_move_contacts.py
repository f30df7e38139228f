"""The final evaluation's move follow-up (theme 0) after the programme's last day, as a
reader found it in a nynorsk municipality's 2026-0412 made a last time on 25 October 2027,
no export since November: the mother's row said only that the first contact was held with
the parents, «kven som var med, er ikkje registrert», and nothing of her own contacts 2 and
3 (24 November and 1 December 2026), never registered as held. Each contact of the track is
said, with its days and what became of it (the parents' rows:
tests/test_evaluation_in_time.py); here the child's, of which two were held and one not. The
minutes not delivered are said of the two held, as the parents' row says it: said first, before
what was held, they read as said of all three (a reader's finding, 2027-10-25)."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.planning import schedule

from .conftest import canonical_case
from .doc_helpers import case_context, render

FIRST, LAST = date(2026, 11, 23), date(2027, 10, 25)


def _move_row(malform: str, name: str, tmp_path) -> str:
    first = case_context(today=FIRST)
    ctx = case_context(canonical_case(), today=LAST,
                       fixed=schedule.fixed_dates(first.plan)).in_malform(malform)
    (path,) = [p for n, p in render(ctx, "sluttevaluering", tmp_path).items() if n == name]
    (row,) = [[c.text for c in r.cells[1:]] for table in open_docx(str(path)).tables
              for r in table.rows if r.cells[0].text.startswith("Oppfølging i flytte")]
    return row


@pytest.mark.parametrize("malform, said", [
    ("nynorsk", "Ikkje vurdert: kontakt 1 og 2 (16. og 24. september 2026) er haldne, men "
                "referata er ikkje leverte; kontakt 3 (24. november 2026) er ikkje registrert "
                "som halden"),
    ("bokmal", "Ikke vurdert: kontakt 1 og 2 (16. og 24. september 2026) er holdt, men "
               "referatene er ikke levert; kontakt 3 (24. november 2026) er ikke registrert som "
               "holdt")])
def test_the_childs_move_contacts_held_and_not_held_are_each_said(tmp_path, malform, said):
    row = _move_row(malform, "03 Sluttevaluering - Barnet.docx", tmp_path)
    assert row == [said, "–", "–"]
