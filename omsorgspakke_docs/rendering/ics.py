"""Calendar files (iCalendar, RFC 5545) that Outlook and other calendars import.

Times are local Norwegian time (TZID Europe/Oslo) with the zone's rules written into the
file, so an import on any machine puts the conversation at the right hour, summer and
winter. A UID stays the same from run to run, so importing an updated file moves an entry
instead of adding a second one. Entries are marked private: they leave the case folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

TZID = "Europe/Oslo"
OSLO = ZoneInfo(TZID)
PRODID = "-//omsorgspakke-docs//Omsorgspakken//NO"
KEY, PARENT = "X-OMSORGSPAKKE-ID", "X-OMSORGSPAKKE-FORELDER"
"""Entry.key and Entry.parent in the file."""


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
    sequence: int = field(default=0, repr=False)
    """The entry's revision (RFC 5545 3.8.7.4): raised when its time or its status changes,
    so a calendar that compares revisions takes this one over the one it holds."""
    cancelled: bool = field(default=False, repr=False)
    """Left the plan before its day: written with STATUS:CANCELLED (documents/kalender.py)."""
    key: str | None = field(default=None, repr=False)
    """What the entry is in this plan, in the UID's form, when its UID was kept from an
    earlier plan in which it was another (a parent's conversation when the parents in the
    case changed): written as X-OMSORGSPAKKE-ID, and read back in its stead (read_starts)."""
    parent: str | None = field(default=None, repr=False)
    """Whose conversation of the parents' it is, by the parent's role in the journal («mor»,
    «far»), never a name, so the entry is known again when the parents' order or number
    changes (documents/kalender.py). Written as X-OMSORGSPAKKE-FORELDER with the key; the
    title of a parent's own conversation ends with the role too."""


def calendar_bytes(entries: Iterable[Entry], stamp: datetime) -> bytes:
    """One calendar file holding the entries; stamp (timezone-aware) is their DTSTAMP.

    Written line by line: every value is either ours (fixed words, dates) or escaped text,
    and only a line longer than 75 octets is folded (RFC 5545 3.1), between characters.
    icalendar's general writer folds every line in Python and took as long as a Word
    document; tests parse the files back with icalendar.
    """
    lines = list(_HEAD)
    dtstamp = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    for entry in entries:
        lines += [
            "BEGIN:VEVENT",
            "SUMMARY:" + _text(entry.summary),
            f"DTSTART;TZID={TZID}:{entry.start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID={TZID}:{entry.end:%Y%m%dT%H%M%S}",
            "DTSTAMP:" + dtstamp,
            "UID:" + _text(entry.uid),
            *_kept(entry),
            f"SEQUENCE:{entry.sequence}",
            *(["STATUS:CANCELLED"] if entry.cancelled else []),
            "CATEGORIES:Omsorgspakken",
            "CLASS:PRIVATE",
            "DESCRIPTION:" + _text(entry.description),
        ]
        if entry.location:
            lines.append("LOCATION:" + _text(entry.location))
        # A cancelled entry no longer takes up the time (free, not busy). Outlook takes free
        # or busy from its own property first, and from TRANSP only without it ([MS-OXCICAL]
        # 2.1.3.1.1.20.25 and .31); imported without it, an entry is reported to show busy
        # all the same (urlaubsverwaltung/urlaubsverwaltung issue 5925).
        free = ["TRANSP:TRANSPARENT", "X-MICROSOFT-CDO-BUSYSTATUS:FREE"]
        lines += [*(free if entry.cancelled else ["TRANSP:OPAQUE"]), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return b"".join(_fold(line) + b"\r\n" for line in lines)


def _kept(entry: Entry) -> list[str]:
    """For an entry whose UID was kept from another appointment form (Entry.key), what it is
    now and whose: our own properties (RFC 5545 3.8.8.2), which calendars keep or ignore.
    Other entries say it by their UID and title, and keep their bytes."""
    if not entry.key or entry.key == entry.uid:
        return []
    return [KEY + ":" + _text(entry.key), *([PARENT + ":" + _text(entry.parent)]
                                            if entry.parent else [])]


# No ORGANIZER (and no ATTENDEE), although iTIP's table for PUBLISH lists one (RFC 5546
# 3.2.1): these are the contact person's own appointments, and iCalendar says ORGANIZER
# "MUST NOT" be given for components only on a single user's calendar (RFC 5545 3.8.4.3).
# Outlook exports a plain appointment the same way, PUBLISH and no ORGANIZER ([MS-OXCICAL]
# 2.1.3.1.1.20.16: not exported unless the item is a meeting; [MS-STANOICAL] 2.2.99: a
# PUBLISH .ics is what Outlook both exports and imports). Given one, Outlook takes the
# address as the meeting's organizer ([MS-OXCICAL] 2.1.3.1.1.20.16): the entry becomes a
# meeting someone else owns, shown with Accept/Decline and reported to hang when answered
# (civicrm/civicrm-core pull request 28954), or read-only (libasys/calendarplus issue 60),
# and a staff e-mail address would travel in the file. So the file stays one of plain
# appointments; what an update needs is UID, SEQUENCE and DTSTAMP (documents/kalender.py).
_HEAD = (
    "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    # Central European time with the EU's summer-time rule (last Sunday of March/October).
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:DAYLIGHT", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "TZNAME:CEST", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
    "BEGIN:STANDARD", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "TZNAME:CET", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
    "END:VTIMEZONE",
)
_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": "",
                          # Other line breaks and control characters are no TEXT (RFC 5545
                          # 3.3.11); left in, a reader that splits lines on them cuts the value.
                          **{chr(c): " " for c in (*range(0x00, 0x09), 0x0B, 0x0C,
                                                   *range(0x0E, 0x20), 0x7F, 0x85, 0x2028,
                                                   0x2029)}})
LINE_OCTETS = 75


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return value.translate(_ESCAPES)


def _fold(line: str) -> bytes:
    """The line in UTF-8 as it is when it fits in 75 octets, else folded: CRLF and a space
    before each further piece, never inside a character or an escape."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return data
    pieces, start, limit = [], 0, LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the start
            end -= 1
        backslashes = len(data[start:end]) - len(data[start:end].rstrip(b"\\"))
        end -= backslashes % 2  # an escape's backslash goes with what it escapes
        pieces.append(data[start:end])
        start, limit = end, LINE_OCTETS - 1  # a continuation starts with a space
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def read_starts(data: bytes) -> dict[str, datetime]:
    """UID -> start (naive local time) of each entry in a calendar file we wrote; entries
    without both, and cancelled ones (nobody is to come), are left out. An entry whose UID
    was kept from an earlier plan is given by what it is in this one (Entry.key). Reads our
    own files back (run/lost_plan.py), not any calendar: only the TZID form we write is
    understood."""
    starts: dict[str, datetime] = {}
    for event in _events(data):
        uid, start = event.get(KEY, event.get("UID")), _local(event.get(f"DTSTART;TZID={TZID}"))
        if uid and start and event.get("STATUS") != "CANCELLED":
            starts[_untext(uid)] = start
    return starts


def read_entries(data: bytes) -> list[Entry]:
    """The entries of a calendar file we wrote, as written (documents/kalender.py reads the
    case's file back to carry an entry gone from the plan as cancelled). An entry without a
    UID, a start and an end in the form we write is left out: the file may have been edited."""
    entries = []
    for event in _events(data):
        uid = event.get("UID")
        start = _local(event.get(f"DTSTART;TZID={TZID}"))
        end = _local(event.get(f"DTEND;TZID={TZID}"))
        sequence = event.get("SEQUENCE", "0")
        if not uid or start is None or end is None or not sequence.isdigit():
            continue
        location, key, parent = (event.get(name) for name in ("LOCATION", KEY, PARENT))
        entries.append(Entry(
            uid=_untext(uid), start=start, end=end,
            summary=_untext(event.get("SUMMARY", "")),
            description=_untext(event.get("DESCRIPTION", "")),
            location=None if location is None else _untext(location),
            sequence=int(sequence), cancelled=event.get("STATUS") == "CANCELLED",
            key=None if key is None else _untext(key),
            parent=None if parent is None else _untext(parent)))
    return entries


def read_stamp(data: bytes) -> datetime | None:
    """The stamp (DTSTAMP, timezone-aware) of a calendar file we wrote: one for all its
    entries (calendar_bytes), the latest when they differ; None without one in our form."""
    stamps = []
    for event in _events(data):
        try:
            stamps.append(datetime.strptime(event.get("DTSTAMP", ""), "%Y%m%dT%H%M%SZ"))
        except ValueError:
            continue
    return max(stamps).replace(tzinfo=UTC) if stamps else None


def _events(data: bytes) -> list[dict[str, str]]:
    """Each VEVENT of the file: its properties' values by name (with parameters, as we write
    them: "DTSTART;TZID=Europe/Oslo"), lines unfolded, values not unescaped."""
    text = data.decode("utf-8", errors="replace").replace("\r\n ", "").replace("\n ", "")
    events: list[dict[str, str]] = []
    event: dict[str, str] | None = None
    for line in text.replace("\r\n", "\n").split("\n"):  # CRLF or LF only (_ESCAPES)
        if line == "BEGIN:VEVENT":
            event = {}
        elif line == "END:VEVENT" and event is not None:
            events.append(event)
            event = None
        elif event is not None and ":" in line:
            name, value = line.split(":", 1)
            event.setdefault(name, value)
    return events


def _local(value: str | None) -> datetime | None:
    try:
        return None if value is None else datetime.strptime(value, "%Y%m%dT%H%M%S")
    except ValueError:
        return None


_UNESCAPE = re.compile(r"\\(.)")


def _untext(value: str) -> str:
    """A TEXT value as it reads, its escapes undone (the reverse of _text)."""
    return _UNESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], value)
