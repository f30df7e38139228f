"""The row "Kontaktperson" in the plan and the parents' letters names the contact person and
their title once: never "Kontaktperson | Kari Berg, Kontaktperson"."""

from __future__ import annotations

import pytest

from .conftest import canonical_case
from .doc_helpers import case_context, texts


def _contact_rows(folder, case) -> list[str]:
    ctx = case_context(case)
    rows = []
    for kind in ("oppfolgingsplan", "informasjonsbrev"):
        for text in texts(ctx, kind, folder / kind).values():
            rows += [line for line in text.splitlines() if line.startswith("Ingrid Bakke")]
    return rows


@pytest.mark.parametrize(("title", "row"), [
    ("Kontaktperson, barnevernskonsulent", "Ingrid Bakke & Berg, barnevernskonsulent"),
    (None, "Ingrid Bakke & Berg"),
    ("Barnevernskonsulent", "Ingrid Bakke & Berg, barnevernskonsulent"),
    ("PMTO-terapeut", "Ingrid Bakke & Berg, PMTO-terapeut"),
])
def test_the_contact_row_does_not_repeat_its_label(tmp_path, title, row):
    case = canonical_case()
    case["kontaktperson"]["tittel"] = title
    rows = _contact_rows(tmp_path, case)  # the table rows, and the signatures' name lines
    assert row in rows
    assert not [r for r in rows if "Kontaktperson" in r]


def test_the_signature_keeps_the_whole_title(tmp_path):
    ctx = case_context()
    letter = next(iter(texts(ctx, "informasjonsbrev", tmp_path).values()))
    assert "Ingrid Bakke & Berg\nKontaktperson, barnevernskonsulent\n" in letter
