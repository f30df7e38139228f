"""Calendar files for Outlook, parsed back with the icalendar library."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from omsorgspakke_docs.documents.fellesmote import joint_meeting

from .conftest import canonical_case
from .doc_helpers import case_context, render

OSLO = ZoneInfo("Europe/Oslo")
IDENTIFYING = ["Sofie", "Lindqvist", "Camilla", "Ahmad", "Øvrebø", "14831550695"]


def calendars(ctx, tmp_path) -> dict[str, Calendar]:
    return {name: Calendar.from_ical(path.read_bytes())
            for name, path in render(ctx, "kalender", tmp_path).items()}


def upcoming(ctx):
    return [c for c in ctx.plan.conversations if c.status == "planlagt" and c.dato >= ctx.today]


def test_one_file_per_upcoming_conversation_and_one_with_them_all(tmp_path):
    ctx = case_context()
    found = calendars(ctx, tmp_path)
    singles = {k: v for k, v in found.items() if k != "Kalender/Alle samtaler.ics"}
    assert len(singles) == len(upcoming(ctx)) + 1  # and the joint meeting
    assert all(len(c.events) == 1 for c in singles.values())
    everything = found["Kalender/Alle samtaler.ics"].events
    assert len(everything) == len(singles)
    assert {e["UID"] for e in everything} == {c.events[0]["UID"] for c in singles.values()}
    assert "Kalender/Barnet/Tema 1 - Min historie.ics" in found
    assert "Kalender/Felles møte.ics" in found


def test_times_are_norwegian_local_time_with_the_zone_in_the_file(tmp_path):
    ctx = case_context()
    cal = calendars(ctx, tmp_path)["Kalender/Foreldre/Tema 1 - Fortsatt familie - mor.ics"]
    conv = next(c for c in ctx.plan.conversations if (c.part, c.tema) == ("foreldre", 1))
    event = cal.events[0]
    assert event.start == datetime.combine(conv.dato, conv.start, OSLO)
    assert event.end - event.start == timedelta(minutes=90)
    assert str(event.start.tzinfo) == "Europe/Oslo"
    zones = [tz["TZID"] for tz in cal.walk("VTIMEZONE")]
    assert zones == ["Europe/Oslo"]
    assert cal["METHOD"] == "PUBLISH"


def test_summer_time_is_right(tmp_path):
    """A conversation in June starts at the same wall-clock time, UTC+2."""
    case = canonical_case(samtaler=[], vurderinger=[])
    case["plassering"] = {**case["plassering"], "startdato": "2027-04-05"}
    ctx = case_context(case, today=date(2027, 4, 5))
    june = [c for c in upcoming(ctx) if c.dato.month == 6 and c.part == "barnet"][0]
    found = calendars(ctx, tmp_path)
    events = {e["UID"]: e for e in found["Kalender/Alle samtaler.ics"].events}
    event = events[f"sak-0123456789ab-barnet-t{june.tema}-k{june.nummer}@omsorgspakke-docs"]
    assert event.start.time() == time(14, 0)
    assert event.start.utcoffset() == timedelta(hours=2)


def test_entries_name_party_theme_and_journal_number_but_never_the_child(tmp_path):
    ctx = case_context()
    found = calendars(ctx, tmp_path)
    event = found["Kalender/Barnet/Tema 1 - Min historie.ics"].events[0]
    assert str(event["SUMMARY"]) == "Omsorgspakken: Barnet – Tema 1: Min historie (2026-0412)"
    assert str(event["LOCATION"]) == (
        "Barneverntjenesten i Fjordvik, Postboks 120, Rådhusgata 4, 5999 Fjordvik")
    assert str(event["CLASS"]) == "PRIVATE"
    for name, path in render(ctx, "kalender", tmp_path / "raw").items():
        raw = path.read_bytes().decode("utf-8")
        for word in IDENTIFYING:
            assert word not in raw and word not in name, (name, word)


def test_uids_are_stable_and_come_from_the_pseudonym(tmp_path):
    first = calendars(case_context(), tmp_path / "a")["Kalender/Alle samtaler.ics"]
    again = calendars(case_context(), tmp_path / "b")["Kalender/Alle samtaler.ics"]
    uids = [str(e["UID"]) for e in first.events]
    assert uids == [str(e["UID"]) for e in again.events]
    assert len(set(uids)) == len(uids)
    assert all(u.startswith("sak-0123456789ab-") and u.endswith("@omsorgspakke-docs")
               for u in uids)
    assert not any("2026-0412" in u or "4699" in u for u in uids)


def test_the_joint_meeting_is_in_the_calendar(tmp_path):
    ctx = case_context()
    meeting = joint_meeting(ctx)
    event = calendars(ctx, tmp_path)["Kalender/Felles møte.ics"].events[0]
    assert event.start == datetime.combine(meeting.dato, meeting.start, OSLO)
    assert "Felles møte" in str(event["SUMMARY"]) and "2026-0412" in str(event["SUMMARY"])


def test_no_location_rather_than_a_placeholder(tmp_path):
    ctx = case_context(canonical_case(tjeneste={}))
    ctx.base["tjeneste"] = {k: "[mangler: x]" for k in ctx.base["tjeneste"]}
    event = calendars(ctx, tmp_path)["Kalender/Alle samtaler.ics"].events[0]
    assert "LOCATION" not in event


def test_a_run_writes_calendars_with_the_states_pseudonym(workspace):
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    path = workspace.case_folder("2026-0412") / "Kalender" / "Alle samtaler.ics"
    uids = [str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).events]
    (pseudonym,) = {p.stem for p in (workspace.state / "cases").glob("sak-*.json")}
    assert uids and all(u.startswith(pseudonym + "-") for u in uids)
