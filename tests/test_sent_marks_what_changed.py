"""A letter marked as sent and made again says how, as far as is known (helper 303): every
one said «laget på nytt med endret innhold», also an invitation whose conversation only
moved to another day or hour, and staff could not tell what to look for in the new letter.
An invitation says the new date or hour (the meeting its reader was sent is kept:
store/issued.py sent_for), an information letter with other dates says so (it replaces the
letter marked: issued.replaced); anything else still «med endret innhold», never more than
is known. Read back from Til utsending.xlsx, in both standards."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from omsorgspakke_docs.documents import sending, sent_marks
from omsorgspakke_docs.text import tekst

from .conftest import xlsx_rows
from .test_sending import _case_with_meeting, _export
from .test_sent_marks import _mark

MOVED = {
    "bokmal": "Merket som sendt 22. november 2026, men laget på nytt med {}: send det nye "
              "brevet.",
    "nynorsk": "Merkt som sendt 22. november 2026, men laga på nytt med {}: send det nye "
               "brevet."}
DAY = {"bokmal": "ny dato (9. desember 2026 kl. 12.00)",
       "nynorsk": "ny dato (9. desember 2026 kl. 12.00)"}
HOUR = {"bokmal": "nytt klokkeslett (2. desember 2026 kl. 14.00)",
        "nynorsk": "nytt klokkeslett (2. desember 2026 kl. 14.00)"}


def _theme_2(workspace) -> tuple:
    """The foster family's invitation to theme 2 on the list."""
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    return next(r for r in rows if "/Fosterfamilien/Tema 2" in str(r[2] or ""))


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("moved_to, said", [
    (date(2026, 12, 9), DAY), (date(2026, 12, 2), HOUR)])
def test_an_invitation_marked_then_moved_says_its_new_date_or_hour(workspace, malform,
                                                                   moved_to, said):
    workspace.in_malform(malform)
    _export(workspace, _case_with_meeting(date(2026, 12, 2)), "2026-11-20")
    workspace.run()
    _mark(workspace.outbox / sending.FILE_NAME,
          {_theme_2(workspace)[2]: datetime(2026, 11, 22)})
    case = _case_with_meeting(moved_to)
    if moved_to == date(2026, 12, 2):
        case["samtaler"][-1]["klokkeslett"] = "14:00"  # the same day, two hours later
    _export(workspace, case, "2026-11-21")
    workspace.run()
    row = _theme_2(workspace)
    assert row[7] is None, row  # Sendt empty: the new one is to go out
    assert str(row[6]).startswith(MOVED[malform].format(said[malform])), row


@pytest.mark.parametrize("malform, content, dates", [
    ("bokmal", "med endret innhold", "med endrede datoer"),
    ("nynorsk", "med endra innhald", "med endra datoar")])
def test_other_dates_are_said_only_of_the_letter_they_replace(malform, content, dates):
    t = tekst(malform)
    replaced = {"erstatter": "2026-11-23"}
    # The letter marked is the one replaced with other dates: say so.
    assert sent_marks.what_changed(replaced, "2026-11-23/abc", t) == dates
    # A mark on a letter before that one (made again since for something else), or nothing
    # known of what changed: no more than that it changed.
    assert sent_marks.what_changed(replaced, "2026-11-20/abc", t) == content
    assert sent_marks.what_changed(None, "2026-11-23/abc", t) == content
