"""Til utsending after a case the journal closed is opened again: an invitation whose
reader was told, when the case closed, that its meeting was off is to be sent again; its
old «sendt» no longer says what the family knows. And one opened again months later still
knows which of its letters were sent (the marks of a closed case are kept while the list
covers it)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending, sent_marks

from .conftest import canonical_case

BESKJED = " (beskjed)"
LIST_HEADER = ("Sak", "Mottaker", "Dokument", "Brevdato", "Send innen", "Sendemåte", "Merknad",
               "Sendt", "Samtaledato", "Kontaktperson")


def _rows(workspace) -> list[tuple]:
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    return [r for r in rows[rows.index(LIST_HEADER) + 1:] if r[0]]


def _mark(workspace, which, mark) -> list[str]:
    path = workspace.outbox / sending.FILE_NAME
    book = load_workbook(path)
    marked = []
    for row in book["Til utsending"].iter_rows(min_row=1):
        document = row[2].value
        if isinstance(document, str) and which(document) and row[7].value is None:
            row[7].value = mark
            marked.append(document)
    book.save(path)
    return marked


def _closed_and_told(workspace, told_mark=datetime(2026, 11, 25)
                     ) -> tuple[str, list[str], dict[str, date]]:
    """Invitations sent on 23 and 24 November; the case closed in the journal on 25
    November, the family of the first meeting after 27 November told on 25 November: that
    invitation, the others to tell of, and each invitation's meeting."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-23"))
    meeting: dict[str, date] = {}
    for day in (date(2026, 11, 23), date(2026, 11, 24)):
        assert workspace.cli(today=day) == 0
        meeting.update((r[2], r[8].date()) for r in _rows(workspace) if r[8])
        _mark(workspace, lambda d: "/Innkallinger/" in d, "x")
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-25", sluttdato="2026-11-25"))
    assert workspace.cli(today=date(2026, 11, 25)) == 0
    off = sorted((r[2].removesuffix(BESKJED) for r in _rows(workspace)
                  if (r[6] or "").startswith("Gi beskjed:")), key=lambda d: meeting[d])
    told = next(d for d in off if meeting[d] > date(2026, 11, 27))
    others = [d for d in off if d != told and meeting[d] > date(2026, 11, 27)]
    assert others
    _mark(workspace, lambda d: d == told + BESKJED, told_mark)
    assert workspace.cli(today=date(2026, 11, 26)) == 0
    return told, others, meeting


@pytest.mark.parametrize(("told_mark", "when"), [
    (datetime(2026, 11, 25), "fikk 25. november 2026 beskjed"),
    ("gitt beskjed", "har fått beskjed"),
])
def test_an_invitation_whose_family_was_told_the_meeting_was_off_is_to_send_again(
        workspace, told_mark, when):
    """Reopened on 27 November with the meeting on the same day: its invitation was listed
    as sent («x»), while the last word the family had was that the meeting was off."""
    told, others, meeting = _closed_and_told(workspace, told_mark)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-27", sluttdato=None))
    assert workspace.cli(today=date(2026, 11, 27)) == 0
    rows = {r[2]: r for r in _rows(workspace)}
    row = rows[told]
    assert row[8].date() == meeting[told]  # the same meeting, the same day
    assert row[7] is None  # not sent: to send
    assert row[6].startswith(
        f"Send innkallingen på nytt: mottakeren {when} om at "
        "samtalen ikke blir holdt, men fagsystemet viser ikke lenger at saken eller "
        "plasseringen avsluttes, så samtalen blir holdt likevel.")
    assert told + BESKJED not in rows
    # A family nobody marked as told still has the invitation as it was: still sent.
    assert all(rows[d][7] == "x" for d in others if d in rows)


def test_once_sent_again_the_invitation_is_marked_as_sent(workspace):
    """Staff send it again and mark it: it stays marked, with no note to send it again."""
    told, _, _ = _closed_and_told(workspace)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-27", sluttdato=None))
    assert workspace.cli(today=date(2026, 11, 27)) == 0
    _mark(workspace, lambda d: d == told, datetime(2026, 11, 27))
    assert workspace.cli(today=date(2026, 11, 28)) == 0
    row = next(r for r in _rows(workspace) if r[2] == told)
    assert row[7] == datetime(2026, 11, 27)
    assert "Send innkallingen på nytt" not in (row[6] or "")


def test_closed_again_before_it_was_sent_again_nobody_is_asked_to_tell_again(workspace):
    """Its family's last word is still that the meeting is off: no second «Gi beskjed»."""
    told, others, _ = _closed_and_told(workspace)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-27", sluttdato=None))
    assert workspace.cli(today=date(2026, 11, 27)) == 0
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-28", sluttdato="2026-11-28"))
    assert workspace.cli(today=date(2026, 11, 28)) == 0
    rows = {r[2]: r for r in _rows(workspace)}
    assert told not in rows and told + BESKJED not in rows
    assert any(d + BESKJED in rows for d in others)  # the others' as before


def _run(workspace, day: date) -> None:
    """A run, and staff go on working from the newest list (their marks are in it)."""
    assert workspace.cli(today=day) == 0
    newer = workspace.outbox / "Til utsending (ny versjon).xlsx"
    if newer.exists():
        newer.replace(workspace.outbox / sending.FILE_NAME)


def _closed_for_months(workspace, until: date) -> None:
    """Letters sent and marked on 23 and 24 November; the case closed in the journal on 25
    November, the list made each week until the day before `until`."""
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-23"))
    for day in (date(2026, 11, 23), date(2026, 11, 24)):
        _run(workspace, day)
        _mark(workspace, lambda d: True, "x")
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-25", sluttdato="2026-11-25"))
    day = date(2026, 11, 25)
    while day < until:
        _run(workspace, day)
        day += timedelta(days=7)


def test_letters_sent_before_a_case_closed_are_known_as_sent_when_it_reopens_months_later(
        workspace):
    """Reopened in the journal in February, more than a month after its letters left the
    list: the information letters made again for the new dates say they were marked as
    sent before (send the new one), not listed as letters never sent."""
    _closed_for_months(workspace, date(2027, 2, 15))
    workspace.drop("sak.json", canonical_case(eksportert="2027-02-15", sluttdato=None))
    _run(workspace, date(2027, 2, 15))
    rows = {r[2]: r for r in _rows(workspace)}
    letters = [d for d in rows if "Informasjonsbrev" in d]
    assert len(letters) == 2
    for document in letters:
        assert rows[document][7] is None  # this issue is not sent
        assert (rows[document][6] or "").startswith(
            "Merket som sendt «x», men laget på nytt med endrede datoer: send det nye brevet.")


def test_a_closed_case_s_marks_go_once_the_list_no_longer_covers_it(workspace):
    """The marks are kept while the case is shown (qualify.AFTER_END_MONTHS after its last
    day, 24 November: until 24 February), then forgotten as any other letter's
    (sent_marks.FORGET_DAYS): the state does not grow with every closed case."""
    _closed_for_months(workspace, date(2027, 4, 1))
    assert not any(d.startswith("2026-0412/") for d in sent_marks.kept(workspace.state))
