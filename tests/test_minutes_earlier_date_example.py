"""Minutes of a conversation the journal lacks, to be written only if it was held before a
later one («Planlagt dato: ikke registrert (før 19. oktober 2026)»), said «for eksempel
20.11.2026» in «Dato holdt»: a date after the one it must be before. Their example is now
the last working day before that date, and there is none where no working day from the
move on comes before it."""

from __future__ import annotations

import pytest

from .conftest import canonical_case
from .doc_helpers import case_context, render
from .test_minutes_prefilled import all_text

FIRST = "Fosterfamilien/Tema 0 - Oppfølging i flytteprosessen (kontakt 1).docx"
PLANNED = {"bokmal": "ikke registrert (før 19. oktober 2026)",
           "nynorsk": "ikkje registrert (før 19. oktober 2026)"}
ASK = {"bokmal": "Skriv datoen samtalen ble holdt, for eksempel 16.10.2026.",
       "nynorsk": "Skriv datoen samtalen vart halden, til dømes 16.10.2026."}
WITHOUT = {"bokmal": "Skriv datoen samtalen ble holdt.",
           "nynorsk": "Skriv datoen samtalen vart halden."}


def _first_contact(tmp_path, malform: str, case: dict | None = None) -> list[str]:
    made = render(case_context(case).in_malform(malform), "referat", tmp_path)
    folder = "Referater" if malform == "bokmal" else "Referat"
    return all_text(made[f"{folder}/{FIRST}"]).splitlines()


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_example_comes_before_the_date_it_must_be_before(tmp_path, malform):
    """19 October 2026 is a Monday: the example is the Friday before."""
    lines = _first_contact(tmp_path, malform)
    assert PLANNED[malform] in lines
    assert ASK[malform] in lines
    assert not any("20.11.2026" in line for line in lines)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_no_example_where_no_day_from_the_move_comes_before_it(tmp_path, malform):
    """Moved on the Monday of the foster family's theme 1: no working day from the move on
    comes before it, so the place asks for the date without an example."""
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "startdato": "2026-10-19"}
    lines = _first_contact(tmp_path, malform, case)
    assert PLANNED[malform] in lines
    assert WITHOUT[malform] in lines
    assert not any("20.11.2026" in line or "16.10.2026" in line for line in lines)
