"""An invitation held back all along (it lacks something: «Ikke send: brevet mangler …») and
nobody marked as sent is listed once more on the day of its conversation, as any invitation
not marked as sent: it left Til utsending that day without a trace, and nobody checked that
its reader was called about the time meanwhile."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case
from .test_sending_notes import _letters

MOTHER = {"bokmal": "2026-0412/Innkallinger/Foreldre/Tema 0 - Oppfølging i flytteprosessen "
                    "(kontakt 2) - mor.docx",
          "nynorsk": "2026-0412/Innkallingar/Foreldre/Tema 0 - Oppfølging i flytteprosessen "
                     "(kontakt 2) - mor.docx"}
HELD = {"bokmal": "Ikke send: brevet mangler adresse til mor.",
        "nynorsk": "Ikkje send: brevet manglar adresse til mor."}
ON_ITS_DAY = {
    "bokmal": "Ikke send: brevet er ikke merket som sendt, og samtalen er i dag, 23. november "
              "2026. Det manglet adresse til mor, så det sto som ikke klart til å sendes. "
              "Sjekk at samtalen ble avtalt med mottakeren på telefon. Ble brevet rettet og "
              "sendt likevel, skriv datoen i Sendt.",
    "nynorsk": "Ikkje send: brevet er ikkje merkt som sendt, og samtalen er i dag, 23. november "
               "2026. Det mangla adresse til mor, så det stod som ikkje klart til å sendast. "
               "Sjekk at samtalen vart avtalt med mottakaren på telefon. Vart brevet retta og "
               "sendt likevel, skriv datoen i Sendt."}


def _without_mothers_address() -> dict:
    case = canonical_case()
    mother = next(p for p in case["foreldre"] if p["rolle"] == "mor")
    mother.pop("adresse")
    return case


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_held_invitation_is_listed_on_the_day_of_its_conversation(workspace, malform):
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", _without_mothers_address())
    workspace.run(date(2026, 11, 22))
    mother = MOTHER[malform]
    before = _letters(workspace)[mother]
    assert before["Merknad"].startswith(HELD[malform]), before
    workspace.run(date(2026, 11, 23))
    row = _letters(workspace)[mother]
    assert row["Merknad"] == ON_ITS_DAY[malform], row
    assert row["Send innen"] is None and row["Sendt"] is None
    assert row["Samtaledato"].date() == date(2026, 11, 23)
    workspace.run(date(2026, 11, 24))  # once more, not more
    assert mother not in _letters(workspace)


def test_a_held_invitation_marked_as_sent_after_all_is_not_listed_on_its_day(workspace):
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", _without_mothers_address())
    workspace.run(date(2026, 11, 22))
    mother = MOTHER["bokmal"]
    path = workspace.outbox / sending.FILE_NAME
    book = load_workbook(path)
    for row in book["Til utsending"].iter_rows():
        if row[2].value == mother:
            row[7].value = "x"
    book.save(path)
    workspace.run(date(2026, 11, 23))
    assert mother not in _letters(workspace) or _letters(workspace)[mother]["Sendt"]
