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


ALL = "Kalender/Alle samtaler.ics"


def upcoming(ctx):
    return [c for c in ctx.plan.conversations if c.status == "planlagt" and c.dato >= ctx.today]


def entry(ctx, tmp_path, uid: str):
    """The event with this UID (less the case's pseudonym) in the case's one calendar."""
    events = {str(e["UID"]): e for e in calendars(ctx, tmp_path)[ALL].events}
    return events[f"{ctx.pseudonym}-{uid}@omsorgspakke-docs"]


def test_one_calendar_per_case_with_every_upcoming_date(tmp_path):
    """One file the contact person imports (again: the UIDs update the entries), not one
    per conversation."""
    ctx = case_context()
    found = calendars(ctx, tmp_path)
    assert list(found) == [ALL]
    visits = [v for v in ctx.plan.visits if v.status == "planlagt" and v.dato >= ctx.today]
    assert visits
    # Every upcoming conversation, the joint meeting and the visits.
    assert len(found[ALL].events) == len(upcoming(ctx)) + 1 + len(visits)


def test_times_are_norwegian_local_time_with_the_zone_in_the_file(tmp_path):
    ctx = case_context()
    cal = calendars(ctx, tmp_path)[ALL]
    conv = next(c for c in ctx.plan.conversations if (c.part, c.tema) == ("foreldre", 1))
    event = entry(ctx, tmp_path / "e", f"foreldre-t1-k1-f{conv.forelder}")
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
    event = entry(ctx, tmp_path / "b", "barnet-t1-k1")
    assert str(event["SUMMARY"]) == "Omsorgspakken: Barnet – Tema 1: Min historie (2026-0412)"
    # The child meets at the foster home ([schedule] child_meets_at), at its address: the
    # calendar is the contact person's own (no name of a person in it, for all that).
    assert str(event["LOCATION"]) == "Fosterhjemmet, Lia 22, 5997 Fjordvik"
    parents = entry(ctx, tmp_path / "f", "foreldre-t1-k1-f0")
    assert str(parents["LOCATION"]) == "Barnevernstjenesten i Fjordvik, Rådhusgata 4, 5999 Fjordvik"
    assert str(event["CLASS"]) == "PRIVATE"
    for name, path in render(ctx, "kalender", tmp_path / "raw").items():
        raw = path.read_bytes().decode("utf-8")
        for word in IDENTIFYING:
            assert word not in raw and word not in name, (name, word)


def test_the_description_says_who_the_conversation_is_with_and_in_which_track(tmp_path):
    """«Samtale med mor i samtaleløpet «Foreldre – fortsatt familie».», not «Samtale med
    foreldre i Foreldre – fortsatt familie.» for the mother's own conversation."""
    ctx = case_context()
    first = {uid: str(entry(ctx, tmp_path / uid, uid)["DESCRIPTION"]).split("\n")[0]
             for uid in ("barnet-t1-k1", "foreldre-t1-k1-f0", "foreldre-t1-k1-f1")}
    assert first == {
        "barnet-t1-k1": "Samtale med barnet i samtaleløpet «Barnet – min historie». "
                        "Vår referanse: 2026-0412.",
        "foreldre-t1-k1-f0": "Samtale med mor i samtaleløpet «Foreldre – fortsatt familie». "
                             "Vår referanse: 2026-0412.",
        "foreldre-t1-k1-f1": "Samtale med far i samtaleløpet «Foreldre – fortsatt familie». "
                             "Vår referanse: 2026-0412.",
    }


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
    event = entry(ctx, tmp_path, "fellesmote")
    assert event.start == datetime.combine(meeting.dato, meeting.start, OSLO)
    assert "Felles møte" in str(event["SUMMARY"]) and "2026-0412" in str(event["SUMMARY"])


def test_no_location_rather_than_a_placeholder_or_a_postal_box(tmp_path):
    ctx = case_context(canonical_case(tjeneste={}))
    ctx.settings.service["besoksadresse"] = "Postboks 120, 9999 Testvik"
    assert "LOCATION" not in entry(ctx, tmp_path, "foreldre-t1-k1-f0")


def test_a_run_writes_calendars_with_the_states_pseudonym(workspace):
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    path = workspace.case_folder("2026-0412") / "Kalender" / "Alle samtaler.ics"
    uids = [str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).events]
    (pseudonym,) = {p.stem for p in (workspace.state / "cases").glob("sak-*.json")}
    assert uids and all(u.startswith(pseudonym + "-") for u in uids)


def test_a_cancelled_entry_is_no_date_to_take_back():
    """A plan made again from the calendar (run/lost_plan.py) takes no date from an entry
    the file carries as cancelled: nobody is to come then."""
    from omsorgspakke_docs.rendering.ics import Entry, calendar_bytes, read_starts

    day = datetime(2026, 12, 7, 14, 0)
    entries = [Entry("sak-1-barnet-t1-k1@omsorgspakke-docs", day, day + timedelta(hours=1),
                     "Barnet", "Samtale."),
               Entry("sak-1-barnet-t2-k1@omsorgspakke-docs", day + timedelta(days=7),
                     day + timedelta(days=7, hours=1), "AVLYST: Barnet", "Avlyst.",
                     sequence=1, cancelled=True)]
    data = calendar_bytes(entries, datetime(2026, 11, 22, tzinfo=OSLO))
    assert read_starts(data) == {"sak-1-barnet-t1-k1@omsorgspakke-docs": day}
    assert [str(e["STATUS"]) for e in Calendar.from_ical(data).events if "STATUS" in e] == [
        "CANCELLED"]
