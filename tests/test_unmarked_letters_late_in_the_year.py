"""Til utsending read months on, with no new export (a reader ran the demo forward to June):
it still offered twelve information letters dated in November, each asking whether to send
it «som det er», every date in them passed; and a renewed offer («Nytt tilbud») listed «Kan
være sendt før» on the service's first day left the list a week later unmarked, while the
Avvik sheet asked all year to give the father the offer, the statistics counted no unmarked
«Nytt tilbud», and there was nowhere left to mark it. Read back from the workbooks as staff
open them, in both standards."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.planning.workdays import norsk_dato

from .conftest import TODAY, canonical_case, xlsx_rows
from .test_sent_marks import _mark
from .test_unmarked_information_letter import PASSED_NOTE

CASE = "2026-0412"
"""canonical_case: placed 14 September 2026, first exported 22 November (TODAY)."""
LATE = date(2027, 3, 1)
"""Months on, within the programme's year: every conversation the letters name has passed."""
OFFER_LATE = date(2026, 12, 15)
"""After the renewed offer's days on the list (three weeks from the day it was made). The
next one, «(nr 2)», is due then too (three months from the placement), listed to send in
its place (test_unmarked_renewed_offer.py), unless the offer is renewed less often
(_renewed_every)."""

TO_SEND = {"bokmal": "Brev å sende:", "nynorsk": "Brev å sende:"}
NOT_NOW = {"bokmal": "skal ikke sendes nå", "nynorsk": "skal ikkje sendast no"}
CHECK = {"bokmal": "å sjekke", "nynorsk": "å sjekke"}
OFFER_FINDING = {
    "bokmal": "Brevet «Nytt tilbud» til far (datert 22. november 2026) er ikke merket som "
              "sendt i Til utsending. Det kan være sendt før listen ble tatt i bruk: sjekk i "
              "fagsystemet om det ble sendt, og merk det i kolonnen Sendt der.",
    "nynorsk": "Brevet «Nytt tilbod» til far (datert 22. november 2026) er ikkje merkt som "
               "sendt i Til utsending. Det kan vere sendt før lista vart teken i bruk: sjekk i "
               "fagsystemet om det vart sendt, og merk det i kolonnen Sendt der."}
OFFER_COUNTED = {"bokmal": "Brevet «Nytt tilbud» er ikke merket som sendt",
                 "nynorsk": "Brevet «Nytt tilbod» er ikkje merkt som sendt"}
OFFER_FILE = {"bokmal": "Nytt tilbud", "nynorsk": "Nytt tilbod"}


def _list(workspace) -> list[tuple]:
    return xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")


def _letters(workspace, part: str) -> dict[str, tuple]:
    return {r[2]: r for r in _list(workspace)[5:]
            if r[0] == CASE and part in str(r[2] or "")}


def _avvik(workspace) -> list[str]:
    return [str(r[2]) for r in xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Avvik")
            if r[0] == CASE]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_unmarked_information_letter_whose_next_conversation_passed_is_not_to_send(
        workspace, malform):
    workspace.in_use_since(date(2026, 10, 1))
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    workspace.run(TODAY)
    assert len(_letters(workspace, "/02 Informasjonsbrev")) == 2
    for day in (TODAY + timedelta(days=22), LATE):
        workspace.run(day)
        letters = _letters(workspace, "/02 Informasjonsbrev")
        # Still there, to be marked if it was sent; never offered to send as it is.
        assert len(letters) == 2, (day, letters)
        for row in letters.values():
            named = norsk_dato(row[8].date(), malform)
            assert row[6] == PASSED_NOTE[malform].format(named), row
            assert row[8].date() < day and row[7] is None, row
        # Counted among the letters not to send now, not among those to check.
        head = _list(workspace)[:4]
        assert head[2][0] == TO_SEND[malform]
        assert NOT_NOW[malform] in head[3][2], head
        # The team leader's Avvik sheet still names each one as not marked as sent.
        assert len([a for a in _avvik(workspace) if a.startswith("Informasjonsbrev")]) == 2

    # Marked as sent: it leaves the list, as any letter past its days.
    _mark(workspace.outbox / sending.FILE_NAME, {d: "x" for d in letters})
    workspace.run(LATE + timedelta(days=1))
    assert _letters(workspace, "/02 Informasjonsbrev") == {}
    assert not [a for a in _avvik(workspace) if a.startswith("Informasjonsbrev")]


def _declined(workspace, malform: str, offered: str | None = None) -> None:
    """The service's first run on a case in its tenth week whose father declined: his
    «Nytt tilbud» is made then, listed «Kan være sendt før»."""
    workspace.in_malform(malform)
    case = canonical_case()
    case["foreldre"][1]["takker_ja"] = False
    if offered:
        case["foreldre"][1]["nytt_tilbud"] = offered
    workspace.drop("sak.json", case)


def _renewed_every(workspace, months: int) -> None:
    """[compliance] renew_offer_months: the next «Nytt tilbud» that many months on."""
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write(f"\n[compliance]\nrenew_offer_months = {months}\n")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_renewed_offer_maybe_sent_before_stays_until_marked_and_is_counted(
        workspace, malform):
    # The next offer four months on: none made yet beside this one on OFFER_LATE.
    _renewed_every(workspace, 4)
    _declined(workspace, malform)
    workspace.run(TODAY)
    offers = _letters(workspace, OFFER_FILE[malform])
    assert len(offers) == 1, offers
    (document, row), = offers.items()
    assert row[6].startswith("Kan v"), row  # «Kan være sendt før» / «Kan vere sendt før»

    workspace.run(OFFER_LATE)
    # Still on the list, where it can be marked; what to check said once.
    offers = _letters(workspace, OFFER_FILE[malform])
    assert list(offers) == [document], offers
    assert offers[document][7] is None
    assert not offers[document][6].startswith("Kan v"), offers
    # Named on Avvik beside «Gi far tilbudet … på nytt», and counted in Statistikk.
    assert OFFER_FINDING[malform] in _avvik(workspace), "\n".join(_avvik(workspace))
    # With a deadline, as the information letter listed «Kan være sendt før» beside it has:
    # the last day of its time on the list, passed (not an empty Frist).
    due = {"tilbud" if OFFER_FILE[malform] in str(r[2]) else "informasjonsbrev": r[3]
           for r in xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Avvik")
           if r[0] == CASE and "Sendt der" in str(r[2])}
    assert due.get("tilbud") is not None, due
    assert due["tilbud"] == due.get("informasjonsbrev") and due["tilbud"].date() < OFFER_LATE
    counted = {r[0]: r[1:] for r in xlsx_rows(workspace.outbox / "Saksoversikt.xlsx",
                                              "Statistikk")}
    assert counted[OFFER_COUNTED[malform]][0] == 1, counted[OFFER_COUNTED[malform]]

    _mark(workspace.outbox / sending.FILE_NAME, {document: "x"})
    workspace.run(OFFER_LATE + timedelta(days=1))
    assert document not in _letters(workspace, OFFER_FILE[malform])
    assert OFFER_FINDING[malform] not in _avvik(workspace)


def test_a_renewed_offer_maybe_sent_before_leaves_once_the_journal_has_the_offer(workspace):
    # The journal says the offer was made again in October: whichever letter carried it,
    # nothing is left to mark.
    _declined(workspace, "bokmal", offered="2026-10-20")
    workspace.run(TODAY)
    assert len(_letters(workspace, "Nytt tilbud")) == 1
    workspace.run(OFFER_LATE)
    assert _letters(workspace, "Nytt tilbud") == {}
    assert not [a for a in _avvik(workspace) if "«Nytt tilbud»" in a and "merket" in a]
