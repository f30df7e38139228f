"""Calendar files (iCalendar, RFC 5545) that Outlook and other calendars import.

Times are local Norwegian time (TZID Europe/Oslo) with the zone's rules written into the
file, so an import on any machine puts the conversation at the right hour, summer and
winter. A UID stays the same from run to run, so importing an updated file moves an entry
instead of adding a second one. Entries are marked private: they leave the case folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

TZID = "Europe/Oslo"
OSLO = ZoneInfo(TZID)
PRODID = "-//omsorgspakke-docs//Omsorgspakken//NO"


@dataclass(frozen=True)
class Entry:
    uid: str
    """Stable and free of personal data: built from the case's pseudonym."""
    start: datetime
    """Naive local time in Norway."""
    end: datetime
    summary: str
    description: str
    location: str | None = None


def calendar_bytes(entries: Iterable[Entry], stamp: datetime) -> bytes:
    """One calendar file holding the entries; stamp (timezone-aware) is their DTSTAMP."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add_component(_oslo())
    for entry in entries:
        cal.add_component(_event(entry, stamp))
    return cal.to_ical()


def _event(entry: Entry, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", entry.start.replace(tzinfo=OSLO))
    event.add("dtend", entry.end.replace(tzinfo=OSLO))
    event.add("summary", entry.summary)
    event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    event.add("class", "PRIVATE")
    event.add("transp", "OPAQUE")
    event.add("sequence", 0)
    event.add("categories", ["Omsorgspakken"])
    return event


def _oslo() -> Timezone:
    """Central European time with the EU's summer-time rule (last Sunday of March/October)."""
    tz = Timezone()
    tz.add("tzid", TZID)
    for kind, start, month, before, after, name in (
        (TimezoneDaylight, datetime(1970, 3, 29, 2), 3, "+0100", "+0200", "CEST"),
        (TimezoneStandard, datetime(1970, 10, 25, 3), 10, "+0200", "+0100", "CET"),
    ):
        part = kind()
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        part.add("tzoffsetfrom", _offset(before))
        part.add("tzoffsetto", _offset(after))
        part.add("tzname", name)
        tz.add_component(part)
    return tz


def _offset(text: str) -> timedelta:
    sign = -1 if text[0] == "-" else 1
    return sign * timedelta(hours=int(text[1:3]), minutes=int(text[3:5]))
