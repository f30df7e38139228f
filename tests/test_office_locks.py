"""Documents held open in Word, Excel or LibreOffice: the owner file each program makes by
its own rule for the name, and a lock file a crash left behind, which keeps a minutes form
unfilled for six weeks after the last sign of life, not for ever."""

import logging
import os
import time
from datetime import date

import pytest

from omsorgspakke_docs.store.commit import open_in_office

from .test_minutes_forms import MONTHS, _held_child_theme_1, planned_day
from .test_minutes_prefilled import CHILD, all_text, minutes, run_case

DAY = 24 * 3600
LIBREOFFICE_LOCK = "Ola Nordmann,ola,LAPTOP-7,30.11.2026 09:14,file:///C:/Users/ola/AppData/" \
                   "Roaming/LibreOffice/4;"
LOCKS = [pytest.param(lambda name: f".~lock.{name}#", id="libreoffice"),
         pytest.param(lambda name: f"~${name[2:]}", id="word")]


def _changed_days_ago(days: float, *paths) -> None:
    then = time.time() - days * DAY
    for path in paths:
        os.utime(path, (then, then))


def _held_open(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if getattr(r, "event", None) == "minutes_held_open"]


# --- A lock file a crash left behind ------------------------------------------------------

@pytest.mark.parametrize("lock_days_ago", [43, -2, -365],
                         ids=["six-weeks-old", "two-days-ahead", "a-year-ahead"])
@pytest.mark.parametrize("lock_name", LOCKS)
def test_a_form_a_crash_left_locked_is_filled_in_once_nothing_has_changed_for_six_weeks(
        tmp_path, caplog, lock_name, lock_days_ago):
    """LibreOffice (or Word) crashed with the form open, or the laptop went to sleep and
    was never woken: the lock file stays beside the form. Once neither it nor the form has
    changed for more than six weeks, the run fills the form in as it would a closed one, says
    nothing about it being open, and leaves the lock file where it is (it is not ours). A
    lock file dated more than a day ahead of the clock (a PC whose clock was wrong, a copy
    restored with wrong times) is no sign of life either: else it would keep the form
    unfilled for ever; the form's own six weeks decide."""
    ws = run_case(tmp_path)
    path = minutes(ws, CHILD)
    held = planned_day(path)
    lock = path.parent / lock_name(path.name)
    lock.write_text(LIBREOFFICE_LOCK, encoding="utf-8")
    _changed_days_ago(43, path)
    _changed_days_ago(lock_days_ago, lock)
    ws.drop("sak.json", _held_child_theme_1(held))
    with caplog.at_level(logging.INFO, logger="omsorgspakke"):
        assert ws.run(today=date(2026, 12, 21)).files_failed == 0

    day = date.fromisoformat(held)
    assert f"Dato holdt\n{day.day}. {MONTHS[day.month - 1]} {day.year}\n" in all_text(path)
    assert not _held_open(caplog)
    assert lock.read_text(encoding="utf-8") == LIBREOFFICE_LOCK
    assert not [p.name for p in ws.outbox.rglob("*") if "ny versjon" in p.name]


@pytest.mark.parametrize("days", [1, 3, 10, 13.5, 24, 38],
                         ids=["night", "weekend", "week-off", "christmas", "summer-3-weeks",
                              "summer-5-weeks"])
def test_a_form_left_open_over_a_night_a_weekend_or_a_holiday_is_still_left_as_it_is(
        tmp_path, caplog, days):
    """Someone opened the form, did not save it, and comes back to it after a night, a long
    weekend, a week's leave, Christmas or the summer holiday (on an office PC left on): it
    is still theirs to write in, left as it is, and the log says so."""
    ws = run_case(tmp_path)
    path = minutes(ws, CHILD)
    before = path.read_bytes()
    lock = path.parent / f".~lock.{path.name}#"
    lock.write_text(LIBREOFFICE_LOCK, encoding="utf-8")
    _changed_days_ago(days, lock, path)
    ws.drop("sak.json", _held_child_theme_1(planned_day(path)))
    with caplog.at_level(logging.INFO, logger="omsorgspakke"):
        assert ws.run(today=date(2026, 12, 21)).files_failed == 0

    assert path.read_bytes() == before
    assert _held_open(caplog)


def test_a_document_saved_lately_is_open_however_old_its_lock_file(tmp_path):
    """Opened a month ago and never closed, but saved an hour ago: someone is at work in it
    (the archive does not file it, old copies are not cleared away under it)."""
    document = tmp_path / "Felles møte.docx"
    document.write_bytes(b"docx")
    lock = tmp_path / ".~lock.Felles møte.docx#"
    lock.write_text(LIBREOFFICE_LOCK, encoding="utf-8")
    _changed_days_ago(60, lock)
    _changed_days_ago(1 / 24, document)
    assert open_in_office(document)
    _changed_days_ago(43, document)
    assert not open_in_office(document)
    assert lock.exists()


def test_a_lock_file_some_hours_ahead_of_the_clock_is_believed(tmp_path):
    """A PC whose clock runs some hours ahead (or set to another time zone) wrote it: it is
    open, not stale."""
    document = tmp_path / "Felles møte.docx"
    document.write_bytes(b"docx")
    _changed_days_ago(60, document)
    lock = tmp_path / ".~lock.Felles møte.docx#"
    lock.write_text(LIBREOFFICE_LOCK, encoding="utf-8")
    _changed_days_ago(-20 / 24, lock)
    assert open_in_office(document)


def test_a_lock_file_dated_ahead_beside_a_document_saved_lately_is_believed(tmp_path):
    """The lock file's time tells nothing, but the document was saved an hour ago: someone
    is at work in it."""
    document = tmp_path / "Felles møte.docx"
    document.write_bytes(b"docx")
    _changed_days_ago(1 / 24, document)
    lock = tmp_path / ".~lock.Felles møte.docx#"
    lock.write_text(LIBREOFFICE_LOCK, encoding="utf-8")
    _changed_days_ago(-30, lock)
    assert open_in_office(document)


# --- The owner file's name ----------------------------------------------------------------

@pytest.mark.parametrize("document, owner", [
    ("Samtale.docx", "~$amtale.docx"),  # 7 characters before the extension: Word drops one
    ("Felles møte.docx", "~$lles møte.docx"),  # 8 or more: two
    ("Notat.docx", "~$Notat.docx"),  # 6 or fewer: none
    ("Referat.DOC", "~$eferat.DOC"),
    ("Sluttrapport.rtf", "~$uttrapport.rtf"),
    ("Til utsending (ny versjon).xlsx", "~$Til utsending (ny versjon).xlsx"),  # Excel: none
    ("Oversikt.xlsx", "~$Oversikt.xlsx"),
])
def test_a_document_open_in_word_or_excel_is_seen_by_the_owner_file_it_makes(
        tmp_path, document, owner):
    """Word names its owner file by the length of the document's name, Excel always keeps
    the whole name: each is seen as open by the file its own program makes."""
    path = tmp_path / document
    path.write_bytes(b"document")
    assert not open_in_office(path)
    (tmp_path / owner).write_bytes(b"\x03ola")
    assert open_in_office(path)
