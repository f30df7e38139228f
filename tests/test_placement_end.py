"""A placement the journal says ends before the programme's year is over: nothing is planned,
invited or listed from that day on, and the plan says why (helper 114)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from docx import Document as open_docx
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case, docx_text

BESKJED = " (beskjed)"
"""What a «Gi beskjed» row adds to its invitation's path in Dokument (sending.told_key)."""
LIST_HEADER = ("Sak", "Mottaker", "Dokument", "Brevdato", "Send innen", "Sendemåte", "Merknad",
               "Sendt", "Samtaledato", "Kontaktperson")


def _meetings_listed(workspace) -> list[date]:
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    start = rows.index(LIST_HEADER) + 1
    return [r[8].date() for r in rows[start:] if r[0] and isinstance(r[8], datetime)]


def test_a_known_end_of_the_placement_plans_nothing_after_it(workspace):
    case = canonical_case()
    case["plassering"]["sluttdato"] = "2026-12-05"
    workspace.drop("sak.json", case)
    ends = date(2026, 12, 5)
    day = date(2026, 11, 23)
    listed: set[date] = set()
    while day < ends:
        assert workspace.cli(today=day) == 0
        listed.update(_meetings_listed(workspace))
        assert all(meeting < ends for meeting in listed), day
        day += timedelta(days=1)
    assert len(listed) >= 3  # the invitations to the conversations before the end
    plan = docx_text(workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    assert "gjennomføres fra 14. september 2026 til 4. desember 2026." in plan
    assert ("Fagsystemet viser at plasseringen avsluttes 5. desember 2026. Samtaler, besøk og "
            "det felles møtet etter denne datoen er derfor ikke planlagt.") in plan
    assert "desember 2026" in plan and " januar 2027" not in plan



def _rows(workspace) -> list[tuple]:
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    return [r for r in rows[rows.index(LIST_HEADER) + 1:] if r[0]]


def _mark_all(workspace, which=lambda row: True) -> list[str]:
    path = workspace.outbox / sending.FILE_NAME
    book = load_workbook(path)
    sheet = book["Til utsending"]
    marked = []
    for row in sheet.iter_rows(min_row=1):
        document = row[2].value
        if isinstance(document, str) and "/Innkallinger/" in document and which(document) \
                and row[7].value is None:
            row[7].value = "x"
            marked.append(document)
    book.save(path)
    return marked


def test_invitations_sent_for_meetings_after_a_placement_ends_ask_staff_to_tell_them(workspace):
    """The placement ends on 25 November. Invitations sent for 26 November and later were
    dropped from the list the day the case closed, and nobody was asked to tell the
    families (helper 114). Each is listed first, red, «Gi beskjed: …», until its day; one
    never sent is not listed."""
    workspace.drop("sak.json", canonical_case())
    meeting: dict[str, date] = {}
    to: dict[str, tuple[str, str]] = {}
    sent = []
    for day in (date(2026, 11, 23), date(2026, 11, 24)):
        assert workspace.cli(today=day) == 0
        meeting.update((r[2], r[8].date()) for r in _rows(workspace) if r[8])
        to.update((r[2], (r[1], r[5])) for r in _rows(workspace))
        sent += _mark_all(workspace, lambda document: "- far" not in document)
    unsent = [r[2] for r in _rows(workspace) if "- far" in r[2] and "/Innkallinger/" in r[2]]
    ahead = sorted(d for d in sent if meeting[d] >= date(2026, 11, 25))
    assert ahead and unsent
    ended = canonical_case(eksportert="2026-11-25")
    ended["plassering"]["sluttdato"] = "2026-11-25"
    workspace.drop("slutt.json", ended)
    assert workspace.cli(today=date(2026, 11, 25)) == 0
    rows = _rows(workspace)
    told = [r for r in rows if (r[6] or "").startswith("Gi beskjed:")]
    assert sorted(r[2] for r in told) == [d + BESKJED for d in ahead]
    assert rows[:len(told)] == told  # first on the list
    for r in told:
        invitation = r[2].removesuffix(BESKJED)
        assert r[6] == ("Gi beskjed: innkallingen er sendt, men saken eller plasseringen ble "
                        "avsluttet i fagsystemet 25. november 2026, så samtalen "
                        f"{_dato(meeting[invitation])} blir ikke holdt. Fortell mottakeren "
                        "det, og skriv datoen i Sendt når det er gjort.")
        # Sendt is for staff to mark that they told its reader (the invitation's own row,
        # marked «x», is gone: the invitation is no longer made).
        assert r[7] is None and r[8].date() == meeting[invitation]
        assert (r[1], r[5]) == to[invitation] and r[1] and r[5]  # whom, and how (helper 118)
    assert not any(r[2] in unsent for r in rows)
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]
    assert f"{len(told)} til samtaler som ikke blir holdt (gi beskjed)" in sheet["C4"].value
    # «Brev å sende:» counts them beside the letters to send: not a bare number.
    assert sheet["B3"].value.endswith(f" + {len(told)} gi beskjed")
    # Listed until the day of its meeting, then gone.
    last = max(meeting[d] for d in ahead)
    assert workspace.cli(today=last) == 0
    assert [r[2] for r in _rows(workspace) if (r[6] or "").startswith("Gi beskjed:")] == [
        d + BESKJED for d in ahead if meeting[d] == last]
    assert workspace.cli(today=last + timedelta(days=1)) == 0
    assert not [r for r in _rows(workspace) if (r[6] or "").startswith("Gi beskjed:")]


def _dato(day: date) -> str:
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "desember"]
    return f"{day.day}. {months[day.month - 1]} {day.year}"


def test_an_invitation_sent_for_a_day_after_a_known_end_asks_staff_to_tell_them(workspace):
    """The next export gives the placement's end ahead: the conversations after it leave the
    plan, and an invitation already sent for one of them is listed «Gi beskjed: …»."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    sent = _mark_all(workspace)
    meeting = {r[2]: r[8].date() for r in _rows(workspace) if r[2] in sent}
    cut = min(day for day in meeting.values() if day > date(2026, 11, 24))
    ends = canonical_case(eksportert="2026-11-24")
    ends["plassering"]["sluttdato"] = cut.isoformat()
    workspace.drop("slutt.json", ends)
    assert workspace.cli(today=date(2026, 11, 24)) == 0
    told = {r[2].removesuffix(BESKJED): r[6] for r in _rows(workspace)
            if (r[6] or "").startswith("Gi beskjed:")}
    assert sorted(told) == sorted(d for d, day in meeting.items() if day >= cut), told
    assert all(note.startswith("Gi beskjed: innkallingen er sendt, men fagsystemet viser at "
                               f"saken eller plasseringen avsluttes {_dato(cut)}, så samtalen ")
               for note in told.values()), told


def edited_then_closed(workspace) -> tuple[str, dict[str, date]]:
    """_start, the foster family's theme 2 invitation (marked as sent) edited in the case
    folder, then the placement closed the day before its meeting, run on 25 November: the
    invitation's path from the outbox, and _start's meetings."""
    meeting = _start(workspace)
    foster = next(d for d in meeting if "/Fosterfamilien/Tema 2" in d)
    path = workspace.outbox / foster
    doc = open_docx(str(path))
    doc.add_paragraph("Vi tar med kaffe.")
    doc.save(str(path))
    ended = canonical_case(eksportert="2026-11-25")
    ended["plassering"]["sluttdato"] = (meeting[foster] - timedelta(days=1)).isoformat()
    workspace.drop("slutt.json", ended)
    assert workspace.cli(today=date(2026, 11, 25)) == 0
    return foster, meeting


def _start(workspace) -> dict[str, date]:
    """The example case run on 23 and 24 November, every invitation marked as sent as it
    comes: the meetings of the invitations listed."""
    workspace.drop("sak.json", canonical_case())
    meeting: dict[str, date] = {}
    for day in (date(2026, 11, 23), date(2026, 11, 24)):
        assert workspace.cli(today=day) == 0
        meeting.update((r[2], r[8].date()) for r in _rows(workspace) if r[8])
        _mark_all(workspace)
    return meeting


def _told(workspace) -> dict[str, tuple]:
    return {r[2].removesuffix(BESKJED): r for r in _rows(workspace)
            if (r[6] or "").startswith("Gi beskjed:")}


def test_no_word_to_give_for_a_conversation_held_early_or_declined(workspace):
    """An invitation no longer made because its conversation was held early, or its parent
    declined, is no meeting called off: its reader knows (helper 116 found «Gi beskjed»
    for both)."""
    meeting = _start(workspace)
    foster = next(d for d in meeting if "/Fosterfamilien/Tema 2" in d)
    case = canonical_case(eksportert="2026-11-25")
    case["samtaler"].append({"part": "fosterfamilien", "tema": 2, "nummer": 1,
                             "dato": "2026-11-25", "status": "gjennomfort"})
    case["foreldre"][1]["takker_ja"] = False
    workspace.drop("b.json", case)
    assert workspace.cli(today=date(2026, 11, 25)) == 0
    assert meeting[foster] > date(2026, 11, 25)
    assert _told(workspace) == {}


def test_a_moved_meeting_then_ended_names_the_day_the_family_was_sent(workspace):
    """Tema 2 with the foster family, invited for one day and marked as sent, moves to a
    later day; its new invitation is not sent yet when the placement ends. The family has
    the first one: «Gi beskjed» names that day (helper 116: nothing was said when the end
    was ahead, and the day not sent when it came)."""
    meeting = _start(workspace)
    foster = next(d for d in meeting if "/Fosterfamilien/Tema 2" in d)
    first = meeting[foster]
    moved = first + timedelta(days=1)
    case = canonical_case(eksportert="2026-11-25")
    case["samtaler"].append({"part": "fosterfamilien", "tema": 2, "nummer": 1,
                             "dato": moved.isoformat(), "klokkeslett": "13:00",
                             "status": "planlagt"})
    workspace.drop("b.json", case)
    assert workspace.cli(today=date(2026, 11, 25)) == 0
    rows = {r[2]: r for r in _rows(workspace)}
    assert rows[foster][7] is None and rows[foster][8].date() == moved  # to send again
    for closes, today, phrase in ((first - timedelta(days=1), date(2026, 11, 26), "avsluttes"),
                                  (date(2026, 11, 27), date(2026, 11, 27), "ble avsluttet")):
        ended = canonical_case(eksportert=today.isoformat())
        ended["samtaler"] = case["samtaler"]
        ended["plassering"]["sluttdato"] = closes.isoformat()
        workspace.drop(f"slutt-{today}.json", ended)
        assert workspace.cli(today=today) == 0
        told = _told(workspace)
        assert foster in told, (today, sorted(told))
        assert told[foster][8].date() == first and _dato(first) in told[foster][6]
        assert phrase in told[foster][6] and told[foster][7] is None


def test_an_edited_invitation_sent_for_a_meeting_after_the_end_is_told_not_crashed(workspace):
    """Staff marked an invitation as sent and edited its copy in the case folder; then the
    placement closed. The kept copy's row (no conversation date) was taken for the
    withdrawn one, and every run stopped with an unexpected error until the meeting had
    passed (helper 117). The copy is listed too, not to send."""
    foster, meeting = edited_then_closed(workspace)
    rows = [r for r in _rows(workspace) if r[2] in (foster, foster + BESKJED)]
    told = [r for r in rows if (r[6] or "").startswith("Gi beskjed:")]
    assert len(told) == 1 and told[0][8].date() == meeting[foster], rows
    assert any((r[6] or "").startswith("Ikke send:") for r in rows), rows
    # The copy is not one more to tell (helper 128: counted so, and sorted among them).
    counts = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]["C4"].value
    assert f"{len(_told(workspace))} til samtaler som ikke blir holdt (gi beskjed)" in counts
    listed = _rows(workspace)
    copy = next(r for r in listed if r[2] == foster)
    assert all(listed.index(copy) > listed.index(r) for r in _told(workspace).values())


def test_odd_meeting_days_in_the_state_are_not_read_and_stop_nothing(workspace):
    """A hand-edited state file of issue dates with a meeting that is no day stopped the
    case's letters on every run (helper 117): it is not read."""
    _start(workspace)
    (path,) = (workspace.state / "issued").glob("*.json")
    kept = json.loads(path.read_text(encoding="utf-8"))
    for i, entry in enumerate(e for e in kept.values() if isinstance(e, dict) and "for" in e):
        entry["for"] = ["xx", 5, "2026-13-01T10:00", ["a"]][i % 4]
        entry["sent_for"] = "2026-12-40"
    path.write_text(json.dumps(kept), encoding="utf-8")
    ended = canonical_case(eksportert="2026-11-25")
    ended["plassering"]["sluttdato"] = "2026-12-20"
    workspace.drop("slutt.json", ended)
    for day in (date(2026, 11, 25), date(2026, 11, 26)):
        assert workspace.cli(today=day) == 0
        assert not list(workspace.failed.iterdir()), day
    assert _rows(workspace)


def _mark_row(workspace, document: str, mark) -> None:
    path = workspace.outbox / sending.FILE_NAME
    book = load_workbook(path)
    for row in book["Til utsending"].iter_rows(min_row=1):
        if row[2].value == document:
            row[7].value = mark
    book.save(path)


def test_a_row_marked_as_told_is_no_longer_red_and_the_invitation_stays_sent(workspace):
    """A «Gi beskjed» row stayed red at the top until the day of its meeting, however long
    after staff had told the family: its Sendt showed the invitation's mark, and clearing it
    cleared that. Its Sendt is now the staff's mark that they told its reader."""
    meeting = _start(workspace)
    ended = canonical_case(eksportert="2026-11-25")
    ended["plassering"]["sluttdato"] = "2026-11-25"
    workspace.drop("slutt.json", ended)
    assert workspace.cli(today=date(2026, 11, 25)) == 0
    told = _told(workspace)
    assert len(told) >= 2
    first, *others = sorted(told, key=lambda d: meeting[d])
    _mark_row(workspace, first + BESKJED, datetime(2026, 11, 26))
    assert workspace.cli(today=date(2026, 11, 26)) == 0
    rows = _rows(workspace)
    [row] = [r for r in rows if r[2] == first + BESKJED]
    assert row[6] == ("Mottakeren har fått beskjed om at samtalen "
                      f"{_dato(meeting[first])} ikke blir holdt.")
    assert row[7].date() == date(2026, 11, 26)
    # The others are still to tell, red and first; the one told is among the done ones.
    assert sorted(_told(workspace)) == sorted(others)
    assert rows.index(row) > max(rows.index(_told(workspace)[d]) for d in others)
    assert all(r[7] is not None for r in rows[rows.index(row):])
    counts = load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]["C4"].value
    assert "1 der mottakeren har fått beskjed om at samtalen ikke blir holdt" in counts
    assert f"{len(others)} til samtaler som ikke blir holdt (gi beskjed)" in counts
    # The invitation is still marked as sent (what the archive files by).
    marks = json.loads((workspace.state / "utsending" / "sendt.json").read_text("utf-8"))
    assert marks["marks"][first]["sendt"] == {"tekst": "x"}
    # Until the day of its meeting, then gone.
    assert workspace.cli(today=meeting[first] + timedelta(days=1)) == 0
    assert not [r for r in _rows(workspace) if r[2] == first + BESKJED]
