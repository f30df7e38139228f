"""The marks as sent on Til utsending.xlsx are read from the list once a day: the workers and
the day's later runs take what the first reading found from the state
(documents/sent_marks.py FoundToday), and find the same marks as reading the list again."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending, sent_marks
from omsorgspakke_docs.store import incremental

from .conftest import TODAY, canonical_case
from .test_sending import LIST_HEADER
from .test_sent_marks import LISTED_FOR_DAYS, _mark

ISSUED = LIST_HEADER.index("Brevdato")


def _brevdato(path, document: str) -> str:
    sheet = load_workbook(path)["Til utsending"]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[2] == document)
    return row[ISSUED].date().isoformat()


def _asker(workspace, today):
    """As a new process asks (case_step._marked_sent): (document, issue) -> marked as sent."""
    settings = workspace.settings()
    sent_marks._ON_LIST.clear()  # what this process read before: none in a new one
    return sent_marks.marked_as_sent(
        settings.paths.state, workspace.outbox / sending.FILE_NAME, today,
        code=lambda: incremental.code_version(settings.paths.plugins))


@pytest.fixture
def reads(monkeypatch):
    """The lists read from the outbox, counted."""
    read: list = []
    real = sent_marks.read_list

    def counted(path, today=None):
        read.append(path.name)
        return real(path, today)
    monkeypatch.setattr(sent_marks, "read_list", counted)
    return read


def _listed(workspace):
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / sending.FILE_NAME
    one, other = LISTED_FOR_DAYS
    return path, one, other, _brevdato(path, one), _brevdato(path, other)


def test_a_second_process_the_same_day_finds_the_marks_without_reading_the_list(
        workspace, reads):
    path, one, other, one_day, other_day = _listed(workspace)
    _mark(path, {one: "x"})
    first = _asker(workspace, TODAY)
    assert first(one, f"{one_day}/a") and not first(other, f"{other_day}/b")
    assert reads == [sending.FILE_NAME]

    second = _asker(workspace, TODAY)  # a worker, or the day's next run
    assert second(one, f"{one_day}/a") and not second(other, f"{other_day}/b")
    assert reads == [sending.FILE_NAME]  # not read again


def test_a_date_typed_ahead_is_a_mark_on_its_day_though_read_before_it(workspace, reads):
    path, one, _, one_day, _ = _listed(workspace)
    ahead = TODAY + timedelta(days=2)
    _mark(path, {one: f"{ahead.day}.{ahead.month}"})  # «24.11» typed on the 22nd
    assert not _asker(workspace, TODAY)(one, f"{one_day}/a")
    assert _asker(workspace, ahead)(one, f"{one_day}/a")  # read again on another day
    assert reads == [sending.FILE_NAME, sending.FILE_NAME]


def test_a_list_staff_saved_again_is_read_again(workspace, reads):
    path, one, other, one_day, other_day = _listed(workspace)
    _mark(path, {one: "x"})
    assert _asker(workspace, TODAY)(one, f"{one_day}/a")
    _mark(path, {one: None, other: "ja"})  # cleared on one, set on the other
    again = _asker(workspace, TODAY)
    assert not again(one, f"{one_day}/a") and again(other, f"{other_day}/b")
    assert len(reads) == 2


def test_what_staff_wrote_is_not_kept_and_a_changed_file_is_not_used(workspace, reads):
    path, one, other, one_day, other_day = _listed(workspace)
    _mark(path, {one: "sendt 22.11 LH"})
    assert _asker(workspace, TODAY)(one, f"{one_day}/a")
    kept = workspace.settings().paths.state / sent_marks.FOLDER / sent_marks.FOUND_TODAY
    text = kept.read_text(encoding="utf-8")
    assert "LH" not in text and "sendt" not in text
    data = json.loads(text)
    for rows in data["lists"].values():  # someone adds a mark by hand: the file is not used
        rows.append([other, other_day])
    kept.write_text(json.dumps(data), encoding="utf-8")
    assert not _asker(workspace, TODAY)(other, f"{other_day}/b")
    assert len(reads) == 2


def test_a_list_whose_dokument_staff_wrote_over_is_read_by_each_process(workspace, reads):
    path, one, other, one_day, other_day = _listed(workspace)
    book = load_workbook(path)
    sheet = book["Til utsending"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 3).value == one)
    sheet.cell(row, 3).value = "Tema 1 til fosterforeldre Tormod Testesen"
    sheet.cell(row, LIST_HEADER.index("Sendt") + 1).value = "x"
    book.save(path)
    _mark(path, {other: "x"})
    assert _asker(workspace, TODAY)(other, f"{other_day}/b")
    kept = workspace.settings().paths.state / sent_marks.FOLDER / sent_marks.FOUND_TODAY
    assert not kept.exists()  # a name staff wrote is not kept in the state
    assert _asker(workspace, TODAY)(other, f"{other_day}/b")
    assert len(reads) == 2
