"""A renewed offer of the programme («Nytt tilbud», to a parent who declined) nobody marked
as sent (helper 303): it left Til utsending after its days there silently, so nobody knew
whether the parent was ever offered the programme again. Like the information letter
(test_unmarked_information_letter.py), it now stays on the list to check, and the Avvik
sheet in Saksoversikt.xlsx names it until someone marks it as sent. Read back from the
workbooks as staff open them, in both standards."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case, xlsx_rows
from .test_sent_marks import _mark
from .test_unmarked_information_letter import (
    AFTER,
    CASE,
    FIRST_RUN,
    ON_THE_LIST,
    SEVERITY,
    START,
    _avvik,
)

OFFER = {"bokmal": "Nytt tilbud", "nynorsk": "Nytt tilbod"}
FINDING = {
    "bokmal": "Brevet «Nytt tilbud» til far (datert 22. november 2026) er ikke merket som "
              "sendt i Til utsending. Sjekk om det ble sendt, og merk det i kolonnen Sendt der.",
    "nynorsk": "Brevet «Nytt tilbod» til far (datert 22. november 2026) er ikkje merkt som "
               "sendt i Til utsending. Sjekk om det vart sendt, og merk det i kolonnen Sendt "
               "der."}
KIND = {"bokmal": "Brevet «Nytt tilbud» er ikke merket som sendt",
        "nynorsk": "Brevet «Nytt tilbod» er ikkje merkt som sendt"}


def _offers(workspace, malform: str) -> dict[str, tuple]:
    """The case's renewed offers on Til utsending: document -> row."""
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    return {r[2]: r for r in rows if r[0] == CASE and OFFER[malform] in str(r[2] or "")}


def _father_declined(workspace, malform: str) -> None:
    """A case new to a service running since October, placed on START, its father declining
    the programme: read on FIRST_RUN, it makes his renewed offer («Nytt tilbud»)."""
    workspace.in_use_since(date(2026, 10, 1))
    workspace.in_malform(malform)
    case = canonical_case(journalnummer=CASE, samtaler=[], vurderinger=[])
    case["plassering"]["startdato"] = START.isoformat()
    case["foreldre"][1]["takker_ja"] = False  # the father declined
    workspace.drop("ny.json", case)
    workspace.run(FIRST_RUN)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_renewed_offer_never_marked_as_sent_stays_to_check_until_marked(workspace, malform):
    _father_declined(workspace, malform)
    offers = _offers(workspace, malform)
    assert len(offers) == 1, offers
    (offer, made), = offers.items()
    assert made[6] is None and made[7] is None, made  # to send, nothing to say

    workspace.run(AFTER)
    # Still on the list after its days, to check: its «Send innen» passed (red).
    row = _offers(workspace, malform).get(offer)
    assert row is not None, xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    assert str(row[6]).startswith(ON_THE_LIST[malform]), row
    assert row[4].date() < AFTER and row[7] is None, row
    # And on the team leader's Avvik sheet, as a renewed offer, not an information letter.
    found = [r for r in _avvik(workspace) if OFFER[malform] in str(r[0])]
    assert [r[0] for r in found] == [FINDING[malform]], found
    assert found[0][1] == row[4] and found[0][3] == SEVERITY[malform], found
    counted = {r[0]: r[1] for r in xlsx_rows(workspace.outbox / "Saksoversikt.xlsx",
                                              "Statistikk")}
    assert counted.get(KIND[malform]) == 1, counted

    # Marked as sent: off the list and off the Avvik sheet.
    _mark(workspace.outbox / sending.FILE_NAME, {offer: "x"})
    workspace.run(date(2026, 12, 15))
    assert offer not in _offers(workspace, malform)
    assert not [r for r in _avvik(workspace) if OFFER[malform] in str(r[0])]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_older_unmarked_offer_goes_once_a_newer_one_is_made(workspace, malform):
    """Three months on the father still declines, and «Nytt tilbud (nr 2)» is made. The first
    letter, never marked as sent, leaves the list and the Avvik sheet: the newer one carries
    the offer now, and the clerk is not left with two offers to the same father, both
    «Ikke merket som sendt», and no word of which to send."""
    _father_declined(workspace, malform)
    (first,) = _offers(workspace, malform)
    workspace.run(AFTER)
    assert first in _offers(workspace, malform)  # past its days, not marked: to check

    workspace.run(date(2027, 2, 18))  # three months from the start: the next offer
    offers = _offers(workspace, malform)
    assert list(offers) == [first.replace(" - far.docx", " (nr 2) - far.docx")], offers
    (newer,) = offers.values()
    assert newer[3].date() == date(2027, 2, 18) and newer[7] is None, newer
    assert not [r for r in _avvik(workspace) if OFFER[malform] in str(r[0])
                and "22. november 2026" in str(r[0])]
