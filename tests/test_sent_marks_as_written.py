"""A list of letters to send that is as the last run wrote it is not read for its marks as
sent: what the run put in Sendt is kept with the list's SHA-256 (documents/sent_marks.py
WRITTEN, Marks.shown), and the next day's questions (marked_as_sent) are answered from it,
as reading the list would answer them. A list staff saved, a municipality's own template,
or a day before the list was made: read as before."""

from __future__ import annotations

from datetime import datetime, timedelta

from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending, sent_marks
from omsorgspakke_docs.store.commit import sha256_file

from .conftest import TODAY, canonical_case
from .test_sent_marks import LISTED_FOR_DAYS, _mark
from .test_sent_marks_read_once_a_day import _asker, _brevdato

NEXT = TODAY + timedelta(days=1)


def _marks_carried(workspace):
    """The example case listed, two letters marked by staff («22.11» as a date, «x»), and
    the next day's list made with the marks on it: (path, one, other, their Brevdato)."""
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / sending.FILE_NAME
    one, other = LISTED_FOR_DAYS
    _mark(path, {one: datetime(2026, 11, 22), other: "x"})
    workspace.run(NEXT)
    return path, one, other, _brevdato(path, one), _brevdato(path, other)


def _found_as_written(workspace, path, day):
    settings = workspace.settings()
    found = sent_marks.FoundToday(settings.paths.state / sent_marks.FOLDER
                                  / sent_marks.FOUND_TODAY, lambda: _code(workspace))
    return found.as_written(sha256_file(path), day)


def _code(workspace):
    from omsorgspakke_docs.store.incremental import code_version
    return code_version(workspace.settings().paths.plugins)


def test_the_next_day_a_list_as_written_is_not_read_and_its_marks_still_count(
        workspace, reads):
    path, one, other, one_day, other_day = _marks_carried(workspace)
    reads.clear()
    later = NEXT + timedelta(days=1)
    asked = _asker(workspace, later)  # as the day's first process asks
    assert asked(one, f"{one_day}/a") and asked(other, f"{other_day}/b")
    assert not asked(one, "2026-11-01/a")  # another issue's date: not this mark
    assert reads == []  # taken from what the run wrote, not read


def test_the_marks_kept_with_a_list_are_those_reading_it_finds(workspace):
    path, one, other, one_day, other_day = _marks_carried(workspace)
    for day in (NEXT, NEXT + timedelta(days=5), NEXT + timedelta(days=60)):
        kept = _found_as_written(workspace, path, day)
        assert kept == sent_marks._read_marks(path, day) == {(one, one_day), (other, other_day)}


def test_a_list_staff_saved_after_it_was_written_is_read(workspace, reads):
    path, one, other, one_day, other_day = _marks_carried(workspace)
    _mark(path, {one: None})  # a mark taken back
    reads.clear()
    asked = _asker(workspace, NEXT + timedelta(days=1))
    assert not asked(one, f"{one_day}/a") and asked(other, f"{other_day}/b")
    assert reads == [sending.FILE_NAME]


def test_a_day_before_the_list_was_made_reads_it(workspace, reads):
    path, one, _, one_day, _ = _marks_carried(workspace)
    assert _found_as_written(workspace, path, TODAY) is None
    reads.clear()
    assert _asker(workspace, TODAY)(one, f"{one_day}/a")
    assert reads == [sending.FILE_NAME]


def test_a_municipalitys_own_template_is_read_as_before(workspace, reads):
    own = workspace.own_templates() / "nb" / "utsending.xlsx"
    book = load_workbook(own)  # saved again in Excel: no longer the shipped template
    book.save(own)
    path, one, other, one_day, other_day = _marks_carried(workspace)
    written = workspace.settings().paths.state / sent_marks.FOLDER / sent_marks.WRITTEN
    assert not written.exists()
    reads.clear()
    asked = _asker(workspace, NEXT + timedelta(days=1))
    assert asked(one, f"{one_day}/a") and asked(other, f"{other_day}/b")
    assert reads == [sending.FILE_NAME]
