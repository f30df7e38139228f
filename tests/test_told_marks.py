"""«Gi beskjed» rows in outbox/Til utsending.xlsx: what staff write in Sendt when they have
told a family that a meeting is off, and the row of an edited copy of the invitation
withdrawn (documents/sending.py, documents/sent_marks.py)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.documents.sent_marks import _mark as read_mark

from .conftest import TODAY, canonical_case
from .test_placement_end import BESKJED, _dato, _rows, _told, edited_then_closed
from .test_sent_marks import BESIDE, LISTED_FOR_DAYS, _edit_rows
from .test_sent_marks import _rows as list_rows


def _counts(workspace) -> str:
    return load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]["C4"].value


def test_the_edited_copy_of_a_withdrawn_invitation_is_not_shown_as_sent(workspace):
    """Staff marked an invitation «x», edited its copy in the case folder, and the placement
    then closed. The copy's row said «Ikke send» with the invitation's «x» in Sendt, and
    was counted and sorted among the letters sent. The mark is the letter's that was sent,
    which its «Gi beskjed» row stands for («innkallingen er sendt»): the copy's Sendt is
    empty, and it is one of those not to send."""
    foster, _ = edited_then_closed(workspace)
    listed = _rows(workspace)
    [copy] = [r for r in listed if r[2] == foster]
    assert copy[6].startswith("Ikke send:") and copy[7] is None, copy
    assert foster in _told(workspace)
    sent = [r for r in listed if r[7] is not None]
    assert "1 skal ikke sendes nå" in _counts(workspace)
    assert f"{len(sent)} er merket som sendt" in _counts(workspace)
    # Among those not to send, before the letters marked as sent.
    assert all(listed.index(copy) < listed.index(r) for r in sent)


TOLD_NOTE = "Mottakeren har fått beskjed om at samtalen {} ikke blir holdt."


def _ended(workspace) -> dict[str, date]:
    """The example case's invitations marked as sent, then its placement closed on 25
    November: the meetings of those to tell («Gi beskjed»), at least three."""
    workspace.drop("sak.json", canonical_case())
    meeting: dict[str, date] = {}
    for day in (date(2026, 11, 23), date(2026, 11, 24)):
        assert workspace.cli(today=day) == 0
        listed = _rows_of(workspace.outbox / sending.FILE_NAME)
        meeting.update((r[2], r[8].date()) for r in listed if r[8])
        _write_sendt(workspace.outbox / sending.FILE_NAME, {
            r[2]: "x" for r in listed if "/Innkalling" in r[2] and r[7] is None})
    ended = canonical_case(eksportert="2026-11-25")
    ended["plassering"]["sluttdato"] = "2026-11-25"
    workspace.drop("slutt.json", ended)
    assert workspace.cli(today=date(2026, 11, 25)) == 0
    told = [r[2].removesuffix(BESKJED) for r in _rows_of(workspace.outbox / sending.FILE_NAME)
            if r[2].endswith(BESKJED)]
    assert len(told) >= 3, told
    return {d: meeting[d] for d in told}


def _write_sendt(path, marks: dict[str, object]) -> dict[str, int]:
    """As staff do in Excel: these rows' Sendt (by Dokument) written, then saved: the rows
    as Excel numbers them."""
    book = load_workbook(path)
    sheet = book["Til utsending"]
    rows = {}
    for row in range(1, sheet.max_row + 1):
        document = sheet.cell(row, 3).value
        if document in marks:
            sheet.cell(row, 8).value = marks[document]
            rows[document] = row
    assert set(rows) == set(marks)
    book.save(path)
    return rows


def _newest(workspace):
    return max(workspace.outbox.glob("Til utsending*.xlsx"), key=lambda p: p.stat().st_mtime)


def test_told_as_staff_write_it_marks_a_gi_beskjed_row_and_keeps_no_name(workspace, capsys):
    """Staff who had phoned wrote «gitt beskjed», «ringt mor» or «ringt 26.11 LH» in a «Gi
    beskjed» row's Sendt: no mark, the row stayed red, and the message said the letter was
    not read as sent. Each is a mark now, the state keeping the word or the date (never
    whom); «ikke ringt» is none, and its row is named, about telling."""
    meeting = _ended(workspace)
    first, second, third, *_ = sorted(meeting, key=lambda d: (meeting[d], d))
    rows = _write_sendt(workspace.outbox / sending.FILE_NAME, {
        first + BESKJED: "Gitt beskjed", second + BESKJED: "ringt mor",
        third + BESKJED: "ikke ringt"})
    capsys.readouterr()
    assert workspace.cli(today=date(2026, 11, 26)) == 0
    out = capsys.readouterr()
    said = out.out + out.err
    # «ringt mor» has words beside the mark: the staff's copy is kept, the new list beside.
    assert _newest(workspace).name == BESIDE
    listed = {r[2]: r for r in _rows_of(_newest(workspace))}
    assert listed[first + BESKJED][7] == "Gitt beskjed"
    assert listed[second + BESKJED][7] == "ringt"
    for document in (first, second):
        assert listed[document + BESKJED][6] == TOLD_NOTE.format(_dato(meeting[document]))
    assert listed[third + BESKJED][7] is None
    assert listed[third + BESKJED][6].startswith("Gi beskjed:")
    assert (f"På rad {rows[third + BESKJED]} i Til utsending.xlsx står det noe i kolonnen "
            "Sendt som ikke ble forstått som at mottakeren har fått beskjed, så raden står "
            "fortsatt som «Gi beskjed».") in said
    assert "som at brevet er sendt" not in said
    counts = load_workbook(_newest(workspace))["Til utsending"]["C4"].value
    assert "2 der mottakeren har fått beskjed om at samtalen ikke blir holdt" in counts
    state = (workspace.state / "utsending" / "sendt.json").read_text(encoding="utf-8")
    assert "ringt mor" not in state  # whom staff phoned is theirs, in their copy only
    assert json.loads(state)["marks"][second + BESKJED]["sendt"] == {"tekst": "ringt"}
    # Told the next day, and the date written with the initials: the date is the mark.
    _write_sendt(_newest(workspace), {third + BESKJED: "ringt 26.11 LH"})
    assert workspace.cli(today=date(2026, 11, 27)) == 0
    listed = {r[2]: r for r in _rows_of(_newest(workspace))}
    assert listed[third + BESKJED][7] == datetime(2026, 11, 26)
    assert listed[third + BESKJED][6] == TOLD_NOTE.format(_dato(meeting[third]))
    assert "LH" not in (workspace.state / "utsending" / "sendt.json").read_text("utf-8")


def _rows_of(path) -> list[tuple]:
    sheet = load_workbook(path)["Til utsending"]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r[0] == "Sak" and r[2] == "Dokument")
    return [r for r in rows[header + 1:] if r[0]]


def test_an_unclear_told_row_is_named_about_telling_in_nynorsk(tmp_path, capsys):
    """A nynorsk service is told of a «Gi beskjed» row not read as told in nynorsk, and
    not of a letter."""
    from .conftest import make_workspace

    workspace = make_workspace(tmp_path)
    workspace.in_malform("nynorsk")
    meeting = _ended(workspace)
    first, second, *_ = sorted(meeting, key=lambda d: (meeting[d], d))
    rows = _write_sendt(workspace.outbox / sending.FILE_NAME, {
        first + BESKJED: "ikkje ringt", second + BESKJED: "ringt, ikkje svar"})
    capsys.readouterr()
    assert workspace.cli(today=date(2026, 11, 26)) == 0
    out = capsys.readouterr()
    numbers = sorted(rows.values())
    assert (f"På rad {numbers[0]} og {numbers[1]} i Til utsending.xlsx står det noko i "
            "kolonnen Sendt som ikkje vart forstått som at mottakarane har fått beskjed, så "
            "radene står framleis som «Gi beskjed».") in out.out + out.err


def test_told_words_on_a_letters_row_do_not_mark_it_as_sent(workspace, capsys):
    """«ringt mor» on an invitation's row says its reader was phoned, not that the letter
    went (the archive files a letter once it is marked as sent): no mark, and the row is
    named as one not read as sent. (This guards the choice to read TOLD words on «Gi
    beskjed» rows only; it passed before too.)"""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    path = workspace.outbox / sending.FILE_NAME
    called, told = LISTED_FOR_DAYS
    rows = _edit_rows(path, {called: (called, "ringt mor"), told: (told, "gitt beskjed")})
    capsys.readouterr()
    assert workspace.cli(today=TODAY + timedelta(days=1)) == 0
    out = capsys.readouterr()
    assert not [r for r in list_rows(workspace.outbox / BESIDE) if r[-1]]
    assert (f"På rad {rows[0]} og {rows[1]} i Til utsending.xlsx står det noe i kolonnen "
            "Sendt som ikke ble forstått som at brevene er sendt") in out.out + out.err


@pytest.mark.parametrize(("written", "read"), [
    ("gitt beskjed", "gitt beskjed"), ("Ringt!", "Ringt"), ("ringt mor", "ringt"),
    ("gitt beskjed til fosterforeldrene", "gitt beskjed"), ("ringt LH", "ringt"),
    ("gitt beskjed 3.12", date(2026, 12, 3)), ("ringt 3.12 LH", date(2026, 12, 3)),
    ("ringt mor, 3.12.", date(2026, 12, 3)), ("ringt 3. des", date(2026, 12, 3)),
    ("x", "x"), ("3.12", date(2026, 12, 3)), (datetime(2026, 12, 2), date(2026, 12, 2)),
    # Not told (yet), or words that may hold a name: no mark.
    ("ikke ringt", None), ("ikkje ringt", None), ("ikke gitt beskjed ennå", None),
    ("ringt, ikke svar", None), ("ringt Kari", None), ("ringt Kari Nordmann", None),
    ("ringes 3.12", None), ("ringt 10.12", None), ("skal ringe", None), ("nei", None),
])
def test_what_staff_write_in_a_gi_beskjed_rows_sendt_is_read_as(written, read):
    assert read_mark(written, date(2026, 12, 4), told=True) == read
