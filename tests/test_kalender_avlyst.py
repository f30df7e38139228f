"""An entry that leaves the case's calendar before its day is carried in the next file as
cancelled (same UID, SEQUENCE one higher, STATUS:CANCELLED, «AVLYST:» in its title) until its
day has passed, so importing the file again takes it out of the contact person's calendar.
The files are parsed back with the icalendar library."""

import hashlib
import json
import re
from datetime import date, timedelta

from icalendar import Calendar

from omsorgspakke_docs.planning import schedule
from omsorgspakke_docs.store.ledger import Ledger

from .conftest import TODAY, canonical_case
from .doc_helpers import KINDS, RENDERER, case_context

ALL = "Kalender/Alle samtaler.ics"


def made(tmp_path, case: dict | None = None, today: date = TODAY, **kwargs) -> bytes:
    """The case's calendar made as a run would make it, with the file made before in its case
    folder (outbox tmp_path), and written there."""
    ctx = case_context(case, today=today, **kwargs)
    ctx.settings.paths.outbox = tmp_path
    ctx.ours = lambda path: True  # the file before is the one made here (a run asks the ledger)
    target = tmp_path / "2026-0412" / ALL
    docs = list(KINDS["kalender"].documents(ctx))
    if not docs:
        target.unlink(missing_ok=True)
        return b""
    (doc,) = docs
    data = RENDERER.render(doc).data
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return data


def events(data: bytes) -> dict[str, dict]:
    """UID (less the case's pseudonym) -> the event's properties as text."""
    found = {}
    for e in Calendar.from_ical(data).events:
        uid = re.sub(r"^sak-[0-9a-f]+-|@omsorgspakke-docs$", "", str(e["UID"]))
        found[uid] = {"start": e.start.replace(tzinfo=None), "summary": str(e["SUMMARY"]),
                      "sequence": int(e["SEQUENCE"]), "status": str(e.get("STATUS", "")),
                      "transp": str(e["TRANSP"]), "description": str(e["DESCRIPTION"])}
    return found


def held_that_day(tmp_path, uid: str, part: str) -> dict[str, dict]:
    """The calendar made on the day of the entry uid (the party's theme 1), which the
    journal has as held that day (with the party, no parent named)."""
    day = events(made(tmp_path))[uid]["start"].date()
    case = canonical_case()
    case["samtaler"].append({"part": part, "tema": 1, "nummer": 1,
                             "dato": day.isoformat(), "status": "gjennomfort"})
    return events(made(tmp_path, case, today=day))


def father_says_no() -> dict:
    case = canonical_case()
    case["foreldre"][1]["takker_ja"] = False
    return case


def test_a_conversation_moved_keeps_its_uid_with_the_new_time_and_a_higher_sequence(tmp_path):
    first = events(made(tmp_path))
    ctx = case_context()
    fixed = schedule.fixed_dates(ctx.plan)
    key = next(k for k in fixed if k[:3] == ("barnet", 2, 1))
    day, start = fixed[key]
    fixed[key] = (day + timedelta(days=7), start)
    again = events(made(tmp_path, fixed=fixed))
    assert first["barnet-t2-k1"]["start"].date() == day
    assert again["barnet-t2-k1"]["start"].date() == day + timedelta(days=7)
    assert (first["barnet-t2-k1"]["sequence"], again["barnet-t2-k1"]["sequence"]) == (0, 1)
    assert again["barnet-t2-k1"]["status"] == "" and len(again) == len(first)
    # Unchanged entries keep their revision.
    assert again["barnet-t1-k1"]["sequence"] == 0


def test_a_conversation_gone_from_the_plan_is_in_the_next_file_as_cancelled(tmp_path):
    first = events(made(tmp_path))
    fathers = {uid for uid in first if uid.endswith("-f1")}
    assert fathers
    data = made(tmp_path, father_says_no())
    again = events(data)
    assert set(again) == set(first)
    for uid in fathers:
        entry = again[uid]
        assert entry["status"] == "CANCELLED" and entry["sequence"] == 1, uid
        assert entry["start"] == first[uid]["start"]
        assert entry["summary"] == "AVLYST: " + first[uid]["summary"]
        assert entry["description"].startswith("Avlyst: avtalen er ikke lenger i planen")
        assert entry["transp"] == "TRANSPARENT"
    assert all(again[uid]["status"] == "" for uid in set(first) - fathers)
    # Made again from its own output, the file is the same: a case unchanged stays unchanged.
    assert made(tmp_path, father_says_no()) == data


def test_a_cancelled_entry_goes_once_its_day_has_passed(tmp_path):
    made(tmp_path)
    cancelled = events(made(tmp_path, father_says_no()))
    fathers = sorted((e["start"], uid) for uid, e in cancelled.items() if uid.endswith("-f1"))
    (first_day, gone), *later = fathers
    after = events(made(tmp_path, father_says_no(), today=first_day.date() + timedelta(days=1)))
    assert gone not in after
    assert later and all(after[uid]["status"] == "CANCELLED" and after[uid]["sequence"] == 1
                         for _, uid in later)


def test_an_entry_cancelled_and_back_in_the_plan_is_one_revision_higher(tmp_path):
    made(tmp_path)
    made(tmp_path, father_says_no())
    back = events(made(tmp_path))
    fathers = [uid for uid in back if uid.endswith("-f1")]
    assert fathers and all(back[uid]["sequence"] == 2 and back[uid]["status"] == ""
                           and not back[uid]["summary"].startswith("AVLYST")
                           for uid in fathers)


def test_a_closed_case_has_its_coming_entries_cancelled(workspace):
    case = canonical_case()
    workspace.drop("sak.json", case)
    assert workspace.run().files_failed == 0
    path = workspace.case_folder("2026-0412") / "Kalender" / "Alle samtaler.ics"
    before = events(path.read_bytes())
    assert before and all(e["status"] == "" for e in before.values())
    later = TODAY + timedelta(days=3)
    closed = canonical_case(sluttdato=later.isoformat(), eksportert=later.isoformat())
    workspace.drop("sak-avsluttet.json", json.dumps(closed, ensure_ascii=False))
    assert workspace.run(later).files_failed == 0
    after = events(path.read_bytes())
    # Those after the day it closed; one on that day may have been held (helper 129): it
    # is left out of the file, not cancelled.
    coming = {uid for uid, e in before.items() if e["start"].date() > later}
    assert coming and set(after) == coming
    assert all(after[uid]["status"] == "CANCELLED" and after[uid]["sequence"] == 1
               and after[uid]["summary"].startswith("AVLYST: ") for uid in coming)
    # Written as ours (the ledger knows its bytes): not taken for someone's edit later.
    with Ledger(workspace.state) as ledger:
        key = path.relative_to(workspace.outbox).as_posix()
        assert ledger.ours(key, hashlib.sha256(path.read_bytes()).hexdigest()) is not None


def test_a_run_carries_an_entry_gone_from_the_plan_as_cancelled_until_its_day(workspace):
    """Through the pipeline: the case folder's file is read back, and a later day's run
    (no new export) takes out a cancelled entry whose day has passed."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    path = workspace.case_folder("2026-0412") / "Kalender" / "Alle samtaler.ics"
    first = events(path.read_bytes())
    case = father_says_no()
    case["eksportert"] = (TODAY + timedelta(days=1)).isoformat()
    workspace.drop("sak-2.json", json.dumps(case, ensure_ascii=False))
    assert workspace.run(TODAY + timedelta(days=1)).files_failed == 0
    cancelled = events(path.read_bytes())
    fathers = sorted((e["start"], uid) for uid, e in cancelled.items() if e["status"])
    assert {uid for _, uid in fathers} == {u for u, e in first.items()
                                           if u.endswith("-f1") and e["start"].date() > TODAY}
    (day, gone), *later = fathers
    assert workspace.run(day.date() + timedelta(days=1)).files_failed == 0
    after = events(path.read_bytes())
    assert gone not in after and all(after[uid]["status"] == "CANCELLED" for _, uid in later)


def test_a_conversation_held_on_its_day_is_not_marked_cancelled(tmp_path):
    """Held that day, it leaves the coming entries: it took place as the calendar said, and
    stays in Outlook as it was, not «AVLYST»."""
    that_day = held_that_day(tmp_path, "barnet-t1-k1", "barnet")
    assert "barnet-t1-k1" not in that_day
    assert not [uid for uid, e in that_day.items() if e["status"]]


def test_a_parents_conversation_held_on_its_day_with_whom_not_said_is_not_cancelled(tmp_path):
    """The journal has the parents' theme 1 held on its day without saying with which
    parent: the mother's entry of that day was «AVLYST» in that day's file (helper 129)."""
    that_day = held_that_day(tmp_path, "foreldre-t1-k1-f0", "foreldre")
    assert that_day.get("foreldre-t1-k1-f0", {}).get("status") != "CANCELLED"


def test_a_closed_case_leaves_the_meeting_of_its_last_day_uncancelled(workspace):
    """Closed on the day of a conversation the journal has as held that day: it was marked
    «AVLYST» (helper 129)."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    path = workspace.case_folder("2026-0412") / "Kalender" / "Alle samtaler.ics"
    day = events(path.read_bytes())["barnet-t1-k1"]["start"].date()
    closed = canonical_case(sluttdato=day.isoformat(), eksportert=day.isoformat())
    closed["samtaler"].append({"part": "barnet", "tema": 1, "nummer": 1,
                               "dato": day.isoformat(), "status": "gjennomfort"})
    workspace.drop("sak-avsluttet.json", json.dumps(closed, ensure_ascii=False))
    assert workspace.run(day).files_failed == 0
    assert events(path.read_bytes()).get("barnet-t1-k1", {}).get("status") != "CANCELLED"


def test_a_change_of_written_standard_keeps_the_cancellations(workspace):
    """Nynorsk from the run in which the father's conversations leave the plan: the file
    under its bokmål name was not read, and went (helper 129)."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    folder = workspace.case_folder("2026-0412") / "Kalender"
    first = events((folder / "Alle samtaler.ics").read_bytes())
    workspace.in_malform("nynorsk")
    day = TODAY + timedelta(days=1)
    case = father_says_no()
    case["eksportert"] = day.isoformat()
    workspace.drop("sak-2.json", json.dumps(case, ensure_ascii=False))
    assert workspace.run(day).files_failed == 0
    new = events((folder / "Alle samtalane.ics").read_bytes())
    fathers = {u for u, e in first.items() if u.endswith("-f1") and e["start"].date() > day}
    assert fathers and fathers <= {u for u, e in new.items() if e["status"] == "CANCELLED"}


def test_a_calendar_someone_changed_is_not_read_back(workspace):
    """A hand-edited file in the calendar's place: what it held under the case's UIDs (a
    name, a number, a date far ahead) was copied into the file the program writes (helper
    129). It is read back only as we wrote it."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    folder = workspace.case_folder("2026-0412") / "Kalender"
    path = folder / "Alle samtaler.ics"
    data = path.read_text(encoding="utf-8")
    prefix = re.search(r"UID:(sak-[0-9a-f]+)-", data)[1]
    junk = ("BEGIN:VEVENT\r\nSUMMARY:Kari Nordmann\r\n"
            "DTSTART;TZID=Europe/Oslo:20270101T100000\r\n"
            "DTEND;TZID=Europe/Oslo:20270101T110000\r\n"
            f"UID:{prefix}-x@omsorgspakke-docs\r\nSEQUENCE:3\r\nDESCRIPTION:x\r\n"
            "END:VEVENT\r\n")
    path.write_bytes(data.replace("END:VCALENDAR", junk + "END:VCALENDAR").encode("utf-8"))
    day = TODAY + timedelta(days=1)
    case = father_says_no()
    case["eksportert"] = day.isoformat()
    workspace.drop("sak-2.json", json.dumps(case, ensure_ascii=False))
    assert workspace.run(day).files_failed == 0
    written = [p for p in folder.glob("*.ics") if p != path]
    assert written and all("Kari Nordmann" not in p.read_text(encoding="utf-8")
                           for p in written)


def test_a_line_break_of_another_kind_stays_inside_its_value():
    """U+2028 in a title was written as it was; read back, the value was cut there and
    what followed taken as a property of its own (helper 129)."""
    from datetime import datetime

    from omsorgspakke_docs.rendering.ics import Entry, calendar_bytes, read_entries

    entry = Entry(uid="sak-1-barnet-t1-k1@omsorgspakke-docs",
                  start=datetime(2027, 1, 5, 10), end=datetime(2027, 1, 5, 11),
                  summary="Tema\u2028STATUS:CANCELLED", description="a\u0085b", location=None)
    data = calendar_bytes([entry], datetime(2026, 11, 22))
    (back,) = read_entries(data)
    assert not back.cancelled and "STATUS" in back.summary
    assert "\u2028" not in data.decode("utf-8")


def test_a_cancelled_entry_shows_its_time_as_free_in_outlook(tmp_path):
    """Outlook reads free or busy from its own property before TRANSP: without it, an
    «AVLYST» entry may go on showing the contact person as busy. Entries in the plan are
    written as before (busy, no such line)."""
    made(tmp_path)
    data = made(tmp_path, father_says_no())
    found = {str(e["UID"]): e for e in Calendar.from_ical(data).events}
    assert any(e.get("STATUS") == "CANCELLED" for e in found.values())
    for event in found.values():
        free = event.get("STATUS") == "CANCELLED"
        assert event.get("X-MICROSOFT-CDO-BUSYSTATUS") == ("FREE" if free else None)
        assert event["TRANSP"] == ("TRANSPARENT" if free else "OPAQUE")
