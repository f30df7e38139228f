"""Til utsending after a case the journal closed is opened again: an invitation whose
reader was told, when the case closed, that its meeting was off is to be sent again; its
old «sendt» no longer says what the family knows."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending

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
