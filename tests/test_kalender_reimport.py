"""Importing the case's calendar file again updates the entries in Outlook or Google Calendar
instead of adding copies: a calendar matches an entry by its UID, takes a higher SEQUENCE
over the one it holds and, at the same SEQUENCE, a newer DTSTAMP (RFC 5546 2.1.4). Two
successive versions of a case's file, as runs write it, parsed back with icalendar."""

import json
from datetime import date, timedelta

from icalendar import Calendar

from .conftest import TODAY, canonical_case

ALL = ("Kalender", "Alle samtaler.ics")


def versions(workspace, later: date) -> tuple[dict, dict]:
    """The case's calendar (UID -> event) after a run on TODAY, and after a run on later
    with an export in which the child's theme 2 moved a week on and the father declined."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    path = workspace.case_folder("2026-0412").joinpath(*ALL)
    first = read(path.read_bytes())
    moved = first[uid_of(first, "barnet-t2-k1")]
    case = canonical_case(eksportert=later.isoformat())
    case["foreldre"][1]["takker_ja"] = False
    case["samtaler"].append({"part": "barnet", "tema": 2, "nummer": 1, "status": "planlagt",
                             "dato": (moved.start.date() + timedelta(days=7)).isoformat(),
                             "klokkeslett": f"{moved.start:%H:%M}"})
    workspace.drop("sak-2.json", json.dumps(case, ensure_ascii=False))
    assert workspace.run(later).files_failed == 0
    return first, read(path.read_bytes())


def read(data: bytes) -> dict:
    events = Calendar.from_ical(data).events
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)  # one entry per appointment, never two
    return {str(e["UID"]): e for e in events}


def uid_of(found: dict, what: str) -> str:
    (uid,) = [u for u in found if u.endswith(f"-{what}@omsorgspakke-docs")]
    return uid


def check(first: dict, again: dict) -> None:
    moved = uid_of(first, "barnet-t2-k1")
    assert moved in again  # the same UID: Outlook moves its entry, adds no second one
    assert again[moved].start == first[moved].start + timedelta(days=7)
    assert again[moved]["SEQUENCE"] > first[moved]["SEQUENCE"]
    assert again[moved]["DTSTAMP"].dt > first[moved]["DTSTAMP"].dt
    assert again[moved].get("STATUS") is None
    fathers = [u for u in first if u.endswith("-f1@omsorgspakke-docs")
               and first[u].start.date() > TODAY + timedelta(days=1)]
    assert fathers
    for uid in fathers:
        assert again[uid].get("STATUS") == "CANCELLED", uid
        assert again[uid]["SEQUENCE"] > first[uid]["SEQUENCE"]
        assert again[uid]["DTSTAMP"].dt > first[uid]["DTSTAMP"].dt
        assert again[uid].start == first[uid].start
    assert set(first) - {u for u in first if first[u].start.date() <= TODAY + timedelta(days=1)} \
        <= set(again)


def test_a_later_days_file_moves_and_cancels_entries_by_their_uid(workspace):
    check(*versions(workspace, TODAY + timedelta(days=1)))


def test_a_file_made_again_the_same_day_moves_and_cancels_entries_by_their_uid(workspace):
    """The journal changed and exported again the same day: a calendar that compares stamps
    took the second file for no newer than the first (both stamped that day at midnight)."""
    check(*versions(workspace, TODAY))


def test_no_organizer_so_outlook_imports_appointments_not_meeting_invitations(workspace):
    """ORGANIZER would make each entry a meeting someone else organizes (Accept/Decline in
    Outlook) and put a staff address in the file (rendering/ics.py, on _HEAD)."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    data = workspace.case_folder("2026-0412").joinpath(*ALL).read_bytes()
    calendar = Calendar.from_ical(data)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.events and not any("ORGANIZER" in e or "ATTENDEE" in e
                                       for e in calendar.events)
