"""An information letter nobody marked as sent (helper 203): it left Til utsending after
its days there and appeared nowhere, so nobody was told that the parents may never have
been informed of the programme. It now stays on the list to check, and the team leader's
Avvik sheet in Saksoversikt.xlsx names it, until someone marks it as sent. Read back from
the workbooks as staff open them, in both standards."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.planning.workdays import norsk_dato

from .conftest import TODAY, canonical_case, mothers_next_conversation_cancelled, xlsx_rows
from .test_sent_marks import _mark

CASE = "2026-0999"
START = date(2026, 11, 18)
FIRST_RUN = date(2026, 11, 22)
AFTER = date(2026, 12, 14)
"""After the letters' days on the list: 21 days from the start, a week from the letter."""
FINDING = {
    "bokmal": "Informasjonsbrevet til {} (datert 22. november 2026) er ikke merket som sendt "
              "i Til utsending. Sjekk om det ble sendt, og merk det i kolonnen Sendt der.",
    "nynorsk": "Informasjonsbrevet til {} (datert 22. november 2026) er ikkje merkt som sendt "
               "i Til utsending. Sjekk om det vart sendt, og merk det i kolonnen Sendt der."}
ON_THE_LIST = {
    "bokmal": "Ikke merket som sendt, og tiden på listen er ute. Sjekk om brevet ble sendt, "
              "og skriv i så fall datoen i Sendt",
    "nynorsk": "Ikkje merkt som sendt, og tida på lista er ute. Sjekk om brevet vart sendt, "
               "og skriv i så fall datoen i Sendt"}
"""How the row's note begins (what follows depends on the conversation the letter names)."""
NAMES_A_DAY_PASSED = {
    "bokmal": "Ikke send: brevet sier at neste samtale er",
    "nynorsk": "Ikkje send: brevet seier at neste samtale er"}
"""How it begins when that conversation has passed: not to send as it is (PASSED_NOTE)."""
SEVERITY = {"bokmal": "Avvik fra Omsorgspakken", "nynorsk": "Avvik frå Omsorgspakken"}


def _information_letters(workspace) -> dict[str, tuple]:
    """The case's information letters on Til utsending: document -> row."""
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    return {r[2]: r for r in rows if r[0] == CASE and "/02 Informasjonsbrev" in str(r[2] or "")}


def _avvik(workspace, case: str = CASE) -> list[tuple]:
    """The case's Avvik rows in Saksoversikt.xlsx: (Hva, Frist, Hjemmel, Alvor)."""
    rows = xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Avvik")
    return [r[2:] for r in rows if r[0] == case]


def _who(document: str) -> str:
    return document.removesuffix(".docx").rsplit(" - ", 1)[-1]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_information_letter_never_marked_as_sent_is_named_until_marked(workspace,
                                                                          malform):
    workspace.in_use_since(date(2026, 10, 1))
    workspace.in_malform(malform)
    case = canonical_case(journalnummer=CASE, samtaler=[], vurderinger=[])
    case["plassering"]["startdato"] = START.isoformat()
    workspace.drop("ny.json", case)
    workspace.run(FIRST_RUN)
    letters = _information_letters(workspace)
    assert len(letters) == 2, letters  # to the mother and to the father
    assert not [r for r in _avvik(workspace) if "Informasjonsbrevet" in str(r[0])]

    workspace.run(AFTER)
    # Still on the list, to check, its «Send innen» passed (the list shows it red).
    after = _information_letters(workspace)
    assert set(after) == set(letters), after
    for row in after.values():
        assert str(row[6]).startswith((ON_THE_LIST[malform], NAMES_A_DAY_PASSED[malform])), row
        assert row[4].date() < AFTER and row[7] is None, row
    # And on the team leader's Avvik sheet, one row for each letter.
    found = {r[0]: r for r in _avvik(workspace) if "Informasjonsbrevet" in str(r[0])}
    assert set(found) == {FINDING[malform].format(_who(d)) for d in letters}, found
    assert all(r[3] == SEVERITY[malform] for r in found.values()), found

    # The mother's marked as sent: off the list and off the Avvik sheet, the father's stays.
    mother = next(d for d in letters if _who(d) == "mor")
    _mark(workspace.outbox / sending.FILE_NAME, {mother: "x"})
    workspace.run(date(2026, 12, 15))
    assert set(_information_letters(workspace)) == set(letters) - {mother}
    left = [r[0] for r in _avvik(workspace) if "Informasjonsbrevet" in str(r[0])]
    assert left == [FINDING[malform].format("far")], left


LATE_CASE = "2026-0412"
"""canonical_case: placed 14 September 2026, first exported 22 November (TODAY)."""
PASSED_NOTE = {
    "bokmal": "Ikke send: brevet sier at neste samtale er {}, og den dagen er passert. Det er "
              "ikke merket som sendt: sjekk om det ble sendt, og skriv i så fall datoen i "
              "Sendt. Ble det ikke sendt, be kontaktpersonen fortelle mottakeren om "
              "samtalene. Et nytt brev lages når samtalene har fått nye datoer i "
              "fagsystemet og saken er eksportert på nytt.",
    "nynorsk": "Ikkje send: brevet seier at neste samtale er {}, og den dagen er passert. Det "
               "er ikkje merkt som sendt: sjekk om det vart sendt, og skriv i så fall datoen "
               "i Sendt. Vart det ikkje sendt, be kontaktpersonen fortelje mottakaren om "
               "samtalane. Eit nytt brev blir laga når samtalane har fått nye datoar i "
               "fagsystemet og saka er eksportert på nytt."}
"""Not to send as it is: it names a conversation gone by
(test_unmarked_letters_late_in_the_year)."""


def _late_case(workspace, malform: str) -> dict[str, tuple]:
    """A case first exported two months after the move: its information letters are made
    that day, the plan's send-by long gone; never marked as sent, three weeks on. Its
    information letters on Til utsending: document -> row."""
    workspace.in_use_since(date(2026, 10, 1))
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    workspace.run(TODAY)
    workspace.run(TODAY + timedelta(days=22))
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    letters = {r[2]: r for r in rows if r[0] == LATE_CASE and "/02 Informasjonsbrev" in r[2]}
    assert len(letters) == 2, letters
    return letters


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_late_case_s_unmarked_letter_is_due_on_avvik_as_on_the_list(workspace, malform):
    letters = _late_case(workspace, malform)
    # The Avvik sheet's deadline is the «Send innen» the list shows, never before the
    # letter's own date (it showed the plan's day in early November, before the letter).
    avvik = {r[2]: r[3] for r in xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Avvik")
             if r[0] == LATE_CASE and "Informasjonsbrevet" in str(r[2])}
    assert set(avvik) == {FINDING[malform].format(_who(d)) for d in letters}, avvik
    for document, row in letters.items():
        frist = avvik[FINDING[malform].format(_who(document))]
        assert frist == row[4] and row[4].date() >= row[3].date(), (frist, row)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_late_case_s_unmarked_letter_says_what_to_do_once(workspace, malform):
    # Whether it was sent, and not to send it as it is (the conversation it names passed), once;
    # not the old export's «before it is sent» beside it (the case's last export is from
    # 19 November, over [documents] stale_export_days old).
    for row in _late_case(workspace, malform).values():
        assert row[6] == PASSED_NOTE[malform].format(norsk_dato(row[8].date(), malform)), row


REMADE_ON_THE_LIST = {
    "bokmal": "Det nye brevet er ikke merket som sendt, og tiden på listen er ute. Sjekk om "
              "det ble sendt, og skriv i så fall datoen i Sendt. Merket som sendt «x», men "
              "laget på nytt med endrede datoer: send det nye brevet.",
    "nynorsk": "Det nye brevet er ikkje merkt som sendt, og tida på lista er ute. Sjekk om "
               "det vart sendt, og skriv i så fall datoen i Sendt. Merkt som sendt «x», men "
               "laga på nytt med endra datoar: send det nye brevet."}
REMADE_FINDING = {
    "bokmal": "Informasjonsbrevet til mor er laget på nytt med endrede datoer (datert {}) og "
              "er ikke merket som sendt i Til utsending; bare det forrige brevet er merket "
              "som sendt. Sjekk om det nye brevet ble sendt, og merk det i kolonnen Sendt der.",
    "nynorsk": "Informasjonsbrevet til mor er laga på nytt med endra datoar (datert {}) og "
               "er ikkje merkt som sendt i Til utsending; berre det førre brevet er merkt som "
               "sendt. Sjekk om det nye brevet vart sendt, og merk det i kolonnen Sendt der."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_marked_then_made_again_with_new_dates_is_unmarked_until_the_new_is(
        workspace, malform):
    """The mother's letter marked as sent, then made again with new dates (her next
    conversation cancelled), the new one never marked (helper 221): it left the list after
    its days and the Avvik sheet said nothing, a mark on the old version counting. She
    holds a letter with a day that no longer holds: the new one stays to check, and the
    Avvik sheet says it is the new letter that is not marked."""
    workspace.in_use_since(date(2026, 10, 1))
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-21"))
    workspace.run(TODAY)
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    mother = next(r[2] for r in rows if r[0] == LATE_CASE and "/02 Informasjonsbrev" in r[2]
                  and _who(r[2]) == "mor")
    _mark(workspace.outbox / sending.FILE_NAME, {mother: "x"})
    cancelled = mothers_next_conversation_cancelled()
    workspace.drop("sak2.json", cancelled)
    workspace.run(date(2026, 11, 23))
    workspace.run(date(2026, 12, 16))

    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    letters = {r[2]: r for r in rows if r[0] == LATE_CASE and "/02 Informasjonsbrev" in r[2]}
    assert mother in letters, letters
    row = letters[mother]
    assert row[3].date() == date(2026, 11, 23) and row[7] is None, row
    assert str(row[6]).startswith(REMADE_ON_THE_LIST[malform]), row
    found = [r[0] for r in _avvik(workspace, LATE_CASE)
             if "Informasjonsbrevet til mor" in str(r[0])]
    assert found == [REMADE_FINDING[malform].format(norsk_dato(date(2026, 11, 23), malform))], \
        found

    # The new letter marked as sent: off the list and off the Avvik sheet.
    _mark(workspace.outbox / sending.FILE_NAME, {mother: "x"})
    workspace.run(date(2026, 12, 17))
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    assert mother not in {r[2] for r in rows}
    assert not [r for r in _avvik(workspace, LATE_CASE)
                if "Informasjonsbrevet til mor" in str(r[0])]


def test_a_letter_marked_then_made_again_with_the_same_dates_stays_sent(workspace):
    """The mother's letter marked as sent, then made again only because the journal records
    her first conversation as held (sent digitally, the same dates to come): the copy she
    has serves her, so the mark holds for the new one (Document.keeps_mark). After its days
    it leaves the list as any letter marked, and the Avvik sheet says nothing of it."""
    workspace.in_use_since(date(2026, 10, 1))
    fresh = canonical_case(journalnummer=CASE, samtaler=[], vurderinger=[])
    fresh["plassering"]["startdato"] = START.isoformat()
    workspace.drop("ny.json", fresh)
    workspace.run(FIRST_RUN)
    marked = {d: "x" for d in _information_letters(workspace)}
    _mark(workspace.outbox / sending.FILE_NAME, marked)
    workspace.run(date(2026, 11, 23))
    held = {**fresh, "eksportert": "2026-11-24", "samtaler": [
        {"part": "foreldre", "tema": 0, "nummer": 1, "forelder": 0, "dato": "2026-11-23",
         "status": "gjennomfort"}]}
    workspace.drop("sak2.json", held)
    workspace.run(date(2026, 11, 24))
    mother = next(d for d in marked if _who(d) == "mor")
    row = _information_letters(workspace)[mother]
    assert row[3].date() == date(2026, 11, 24) and row[7] == "x", row  # made again, sent
    workspace.run(AFTER)
    assert mother not in _information_letters(workspace)
    assert not [r for r in _avvik(workspace) if "Informasjonsbrevet" in str(r[0])]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_one_parent_s_unmarked_letter_names_them_as_the_list_does(workspace, malform):
    """A case with one parent: Til utsending's Mottaker said «Forelder (mor)» while the
    Avvik row said «Informasjonsbrevet til foreldrene …» (a reader's finding, demo 0720)."""
    workspace.in_use_since(date(2026, 10, 1))
    workspace.in_malform(malform)
    case = canonical_case(journalnummer=CASE, samtaler=[], vurderinger=[])
    case["plassering"]["startdato"] = START.isoformat()
    case["foreldre"] = case["foreldre"][:1]
    assert case["foreldre"][0]["rolle"] == "mor"
    workspace.drop("ny.json", case)
    workspace.run(FIRST_RUN)
    workspace.run(AFTER)
    (row,) = _information_letters(workspace).values()
    assert row[1] == {"bokmal": "Forelder (mor)", "nynorsk": "Forelder (mor)"}[malform], row
    found = [r[0] for r in _avvik(workspace) if "Informasjonsbrevet" in str(r[0])]
    assert found == [FINDING[malform].format("mor")], found


MAYBE_SENT_FINDING = {
    "bokmal": "Informasjonsbrevet til {} (datert 22. november 2026) er ikke merket som sendt "
              "i Til utsending. Det kan være sendt før listen ble tatt i bruk: sjekk i "
              "fagsystemet om det ble sendt, og merk det i kolonnen Sendt der.",
    "nynorsk": "Informasjonsbrevet til {} (datert 22. november 2026) er ikkje merkt som sendt "
               "i Til utsending. Det kan vere sendt før lista vart teken i bruk: sjekk i "
               "fagsystemet om det vart sendt, og merk det i kolonnen Sendt der."}
MAYBE_SENT = {"bokmal": "Kan være sendt før: ", "nynorsk": "Kan vere sendt før: "}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_that_may_have_been_sent_before_is_named_once_its_days_are_over(
        workspace, malform):
    """The service's first run, a programme in its tenth week: the information letters are
    listed «Kan være sendt før» (sent by hand before, most likely). Nobody marked them: after
    their days on the list they left it and were named nowhere. Now they stay, to check, and
    the Avvik sheet names each calmly, saying it may have been sent before; a mark removes
    the letter from both."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert=TODAY.isoformat()))
    workspace.run(TODAY)
    first = {r[2]: r for r in xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
             if r[0] == "2026-0412" and "/02 Informasjonsbrev" in str(r[2] or "")}
    assert len(first) == 2 and all(str(r[6]).startswith(MAYBE_SENT[malform])
                                   for r in first.values()), first
    assert not [r for r in _avvik(workspace, "2026-0412") if "Informasjonsbrevet" in str(r[0])]

    later = TODAY + timedelta(days=22)  # after their days on the list
    workspace.run(later)
    after = {r[2]: r for r in xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
             if r[0] == "2026-0412" and "/02 Informasjonsbrev" in str(r[2] or "")}
    assert set(after) == set(first), after
    for row in after.values():
        assert str(row[6]).startswith((ON_THE_LIST[malform], NAMES_A_DAY_PASSED[malform])), row
        assert MAYBE_SENT[malform] in str(row[6]) and row[4] is None and row[7] is None, row
    found = {r[0]: r for r in _avvik(workspace, "2026-0412") if "Informasjonsbrevet" in str(r[0])}
    assert set(found) == {MAYBE_SENT_FINDING[malform].format(_who(d)) for d in first}, found
    assert all(r[3] == SEVERITY[malform] and r[1] is not None for r in found.values()), found

    mother = next(d for d in first if _who(d) == "mor")
    _mark(workspace.outbox / sending.FILE_NAME, {mother: "x"})
    workspace.run(later + timedelta(days=1))
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    assert mother not in {r[2] for r in rows}
    assert {r[0] for r in _avvik(workspace, "2026-0412") if "Informasjonsbrevet" in str(r[0])} \
        == {MAYBE_SENT_FINDING[malform].format("far")}
