"""An invitation issued anew because its meeting moved (the journal's date or time, or a
missed one the planner moved) says which letter it replaces, so a parent holding both knows
which counts; and it goes on saying the same on later days, so it stays one letter, not
issued again each day (store/issued.py Issued.replaces, docs/templates.md)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from omsorgspakke_docs.planning.workdays import norsk_dato
from omsorgspakke_docs.rendering.prepare import REPLACES_KEY

from .conftest import docx_text
from .doc_helpers import KINDS, RENDERER, case_context
from .test_planning_year import a_case, events, run, start_of
from .test_sending import LIST_HEADER
from .test_sent_marks import LIST, _mark, _rows

CASE = "2026-0915"
INVITED = date(2026, 9, 24)
"""The child's theme 1 (14 October) is 21 days ahead: its invitation is made this day."""
THEME1 = "Innkallinger/Barnet/Tema 1 - Min historie - til fosterforeldrene.docx"
WAS = datetime(2026, 10, 14, 14, 0)
"""The child's theme 1 as planned."""
REPLACES = "Dette brevet erstatter brevet vårt fra"


def theme1(ws) -> datetime:
    planned = {str(e["UID"]): start_of(e) for e in events(ws, CASE)}
    return next(v for k, v in planned.items() if k.endswith("-barnet-t1-k1@omsorgspakke-docs"))


def invited(tmp_path, malform: str = "bokmal"):
    """The case run from placement to the day theme 1's invitation is made."""
    case = a_case(CASE, "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, date(2026, 9, 15), case)
    if malform != "bokmal":
        ws.in_malform(malform)
    assert ws.run(today=INVITED).files_failed == 0
    return ws, case


HELD = [{"part": part, "tema": 0, "nummer": 1, "dato": day, "status": "gjennomfort", **who}
        for part, day, who in (("barnet", "2026-09-16", {}),
                               ("foreldre", "2026-09-17", {"forelder": 0}),
                               ("foreldre", "2026-09-18", {"forelder": 1}),
                               ("fosterfamilien", "2026-09-18", {}))]
"""The first contacts of the move follow-up, held as planned: nothing else moves."""


def moved(ws, case, to: datetime, today: date) -> None:
    """The journal has the child's theme 1 at `to` (the caseworker moved it), exported today."""
    journal = [*HELD, {"part": "barnet", "tema": 1, "nummer": 1, "dato": to.date().isoformat(),
                       "klokkeslett": f"{to:%H:%M}", "status": "planlagt"}]
    ws.drop(f"moved-{today}.json", {**case, "eksportert": today.isoformat(),
                                    "samtaler": journal})
    assert ws.run(today=today).files_failed == 0


def lines_with(path, words: str) -> list[str]:
    return [line for line in docx_text(path).splitlines() if words in line]


def assert_on_and_replacing(ws, day: str, replaced: str) -> None:
    """The child's theme 1 invitation is for this day and names the letter it replaces."""
    letter = ws.case_folder(CASE) / THEME1
    assert day in docx_text(letter)
    assert lines_with(letter, REPLACES) == [
        f"Samtalen har fått nytt tidspunkt. Dette brevet erstatter brevet vårt fra {replaced}."]


def test_the_new_invitation_for_a_moved_conversation_says_it_replaces_the_first(tmp_path):
    ws, case = invited(tmp_path)
    letter = ws.case_folder(CASE) / THEME1
    assert letter.is_file()
    assert lines_with(letter, "erstatter") == []  # the first says nothing of the kind
    was = theme1(ws)
    assert was == WAS

    later = INVITED + timedelta(days=4)
    moved(ws, case, was - timedelta(days=1), later)
    assert theme1(ws) == was - timedelta(days=1)
    text = docx_text(letter)
    assert "tirsdag 13. oktober 2026" in text
    assert lines_with(letter, REPLACES) == [
        "Samtalen har fått nytt tidspunkt. Dette brevet erstatter brevet vårt fra "
        "24. september 2026."]
    assert "28. september 2026" in text  # the new letter's own date
    # Only the moved conversation's letter says so.
    others = [p for p in (ws.case_folder(CASE) / "Innkallinger").rglob("*.docx") if p != letter]
    assert others and all(lines_with(p, "erstatter") == [] for p in others)

    # The next days it is the same letter: not written again, still saying what it replaces.
    before = letter.read_bytes()
    for day in (later + timedelta(days=1), later + timedelta(days=2)):
        moved(ws, case, WAS - timedelta(days=1), day)
        assert letter.read_bytes() == before


def test_a_time_moved_on_the_same_day_is_a_new_time_too(tmp_path):
    ws, case = invited(tmp_path)
    moved(ws, case, WAS + timedelta(hours=1), INVITED + timedelta(days=1))
    letter = ws.case_folder(CASE) / THEME1
    assert "15.00–" in docx_text(letter)
    assert len(lines_with(letter, REPLACES + " 24. september 2026.")) == 1


def test_moved_twice_it_names_the_letter_before_it(tmp_path):
    ws, case = invited(tmp_path)
    moved(ws, case, WAS - timedelta(days=1), INVITED + timedelta(days=4))
    moved(ws, case, WAS + timedelta(days=1), INVITED + timedelta(days=6))
    assert_on_and_replacing(ws, "torsdag 15. oktober 2026", "28. september 2026")


def test_the_sentence_in_nynorsk(tmp_path):
    ws, case = invited(tmp_path, "nynorsk")
    moved(ws, case, WAS - timedelta(days=1), INVITED + timedelta(days=4))
    (letter,) = (ws.case_folder(CASE) / "Innkallingar" / "Barnet").glob("Tema 1 *.docx")
    assert lines_with(letter, "erstatt") == [
        "Samtalen har fått nytt tidspunkt. Dette brevet erstattar brevet vårt frå "
        "24. september 2026."]


def test_the_joint_meeting_letter_says_it_too(tmp_path):
    """The joint meeting is kept on its day once planned, so it seldom moves; when it does
    (its date in the state lost, and planned anew), its letters say so as well."""
    for malform, word in (("bokmal", "erstatter brevet vårt fra"),
                          ("nynorsk", "erstattar brevet vårt frå")):
        ctx = case_context().in_malform(malform)
        ctx.issued_replaces = lambda key, at: date(2026, 11, 2)
        letters = [d for d in KINDS["fellesmote"].documents(ctx) if d.appointment]
        assert len(letters) == 3  # to each parent and to the foster parents
        for doc in letters:
            # As rendering/prepare.py fills it in a run (Issued.replaces).
            doc.context[REPLACES_KEY] = norsk_dato(ctx.replaces(str(doc.path), doc.appointment),
                                                   doc.malform)
            path = tmp_path / f"{malform}.docx"
            path.write_bytes(RENDERER.render(doc).data)
            text = docx_text(path)
            assert (f"Møtet har fått nytt tidspunkt. Dette brevet {word} 2. november "
                    "2026.") in text, doc.path


def test_moved_out_of_its_window_the_new_invitation_comes_at_once(tmp_path):
    """Three weeks later, its invitation would not be due for weeks; but the first letter
    is out, and waiting would leave the family a letter for a day that no longer holds."""
    ws, case = invited(tmp_path)
    later = INVITED + timedelta(days=4)
    moved(ws, case, WAS + timedelta(days=21), later)
    letter = ws.case_folder(CASE) / THEME1
    text = docx_text(letter)
    assert "onsdag 4. november 2026" in text and "28. september 2026" in text
    assert len(lines_with(letter, REPLACES + " 24. september 2026.")) == 1
    (row,) = [dict(zip(LIST_HEADER, r, strict=False)) for r in _rows(ws.outbox / LIST)
              if r[2].endswith(THEME1)]
    assert row["Send innen"].date() == later, row  # on the list to send, at once
    # Not every far conversation gets its letter early: only one that had one.
    far = ws.case_folder(CASE) / "Innkallinger" / "Barnet"
    assert sorted(p.name for p in far.glob("Tema 2 *.docx")) == []



def test_a_joint_meeting_whose_theme_moved_after_it_follows_and_says_so(tmp_path):
    """The meeting builds on the theme held with each party before it. When that theme
    moves to after the meeting (here the journal moves the foster family's), a meeting
    still ahead follows it; its letters, out already, are made again at once and say they
    replace the first."""
    case = a_case(CASE, "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, date(2026, 9, 15), case)
    assert ws.run(today=date(2026, 10, 20)).files_failed == 0
    meeting = ws.case_folder(CASE) / "Innkallinger" / "Felles møte"
    letters = sorted(meeting.glob("*.docx"))
    assert len(letters) == 3 and "fredag 6. november 2026" in docx_text(letters[0])
    moved_theme = {"part": "fosterfamilien", "tema": 2, "nummer": 1, "dato": "2026-11-10",
                   "klokkeslett": "12:00", "status": "planlagt"}
    ws.drop("moved.json", {**case, "samtaler": [moved_theme]})
    assert ws.run(today=date(2026, 10, 22)).files_failed == 0
    assert sorted(meeting.glob("*.docx")) == letters
    for letter in letters:
        text = docx_text(letter)
        assert "6. november 2026" not in text, letter.name
        assert ("Møtet har fått nytt tidspunkt. Dette brevet erstatter brevet vårt fra "
                "20. oktober 2026.") in text
    plan = docx_text(ws.case_folder(CASE) / "01 Oppfølgingsplan.docx")
    # Its new day, and that its invitations are made: at once, as they replace the first
    # (the state knows the first were issued), not «lages senest 27. oktober» a day still
    # ahead; in words that hold on every day (helper 131: «flyttet til etter det; nye
    # invitasjoner lages»).
    assert "tirsdag 17. november 2026" in docx_text(letters[0])
    assert ("Det felles møtet var planlagt 6. november 2026, men temaet det bygger på er nå "
            "planlagt 10. november 2026. Møtet er flyttet til 17. november 2026; nye "
            "invitasjoner er laget og ligger i mappen Innkallinger.") in plan.splitlines()
    # The next day, with the same export: the same plan, not made anew.
    path = ws.case_folder(CASE) / "01 Oppfølgingsplan.docx"
    before = path.stat().st_mtime_ns
    assert ws.run(today=date(2026, 10, 23)).files_failed == 0
    assert path.stat().st_mtime_ns == before and docx_text(path) == plan


def test_the_moved_joint_meetings_note_names_the_theme_it_moved_after(tmp_path):
    """The foster family's theme 2 moves to 10 November, after the meeting (6 November); the
    parents' move follow-up was missed, so their theme 2 follows to 7 and 8 December. The
    meeting moves after the theme with every party, to 15 December, and the note says so on
    every day (helper 131: it named December beside a meeting in November; helper 139: the
    meeting stayed before a theme that only followed one moved, while the plan said it came
    after the theme was taken up with each of them)."""
    case = a_case(CASE, "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, date(2026, 9, 15), case)
    assert ws.run(today=date(2026, 10, 20)).files_failed == 0
    journal = [{"part": "fosterfamilien", "tema": 2, "nummer": 1, "dato": "2026-11-10",
                "klokkeslett": "12:00", "status": "planlagt"},
               {"part": "barnet", "tema": 1, "nummer": 1, "dato": "2026-10-14",
                "status": "gjennomfort"}]
    # Its letters, out already, are made again at once: said to be made, on both days.
    note = ("Det felles møtet var planlagt 6. november 2026, men temaet det bygger på er nå "
            "planlagt 8. desember 2026. Møtet er flyttet til 15. desember 2026; nye "
            "invitasjoner er laget og ligger i mappen Innkallinger.")
    path = ws.case_folder(CASE) / "01 Oppfølgingsplan.docx"
    for day in (date(2026, 10, 22), date(2026, 10, 23)):
        ws.drop(f"moved-{day}.json", {**case, "eksportert": day.isoformat(),
                                      "samtaler": journal})
        assert ws.run(today=day).files_failed == 0
        assert note in docx_text(path).splitlines()
    for letter in (ws.case_folder(CASE) / "Innkallinger" / "Felles møte").glob("*.docx"):
        assert "tirsdag 15. desember 2026" in docx_text(letter), letter.name


def test_the_information_letter_with_a_moved_date_is_to_be_sent_again(tmp_path):
    """The mother's letter lists her dates; one of them moved. The letter, made again with
    the new date, is on the list to send again; the father's, whose dates stand, is not."""
    case = a_case(CASE, "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, date(2026, 9, 15), case)
    # Both information letters sent and marked (unmarked, they stay to check:
    # tests/test_unmarked_information_letter.py).
    _mark(ws.outbox / LIST, {r[2]: "x" for r in _rows(ws.outbox / LIST)
                             if "Informasjonsbrev" in r[2]})
    assert ws.run(today=date(2026, 10, 20)).files_failed == 0
    mother = "02 Informasjonsbrev til foreldre - mor.docx"
    assert not [r for r in _rows(ws.outbox / LIST) if r[2].endswith(mother)]
    ws.drop("moved.json", {**case, "samtaler": [
        {"part": "foreldre", "tema": 2, "nummer": 1, "forelder": 0, "dato": "2026-11-03",
         "klokkeslett": "10:00", "status": "planlagt"}]})
    assert ws.run(today=date(2026, 10, 22)).files_failed == 0
    text = docx_text(ws.case_folder(CASE) / mother)
    assert "tirsdag 3. november 2026" in text and "22. oktober 2026" in text
    (row,) = [dict(zip(LIST_HEADER, r, strict=False)) for r in _rows(ws.outbox / LIST)
              if r[2].endswith(mother)]
    assert row["Brevdato"].date() == date(2026, 10, 22)
    assert row["Send innen"].date() <= date(2026, 10, 29)
    assert not [r for r in _rows(ws.outbox / LIST) if r[2].endswith("foreldre - far.docx")]


def test_moved_twice_in_a_day_it_names_the_letter_the_family_has(tmp_path):
    """Two exports the same day move the conversation twice: the letter made between them
    (most likely never sent) is not the one named; the one the family has is."""
    ws, case = invited(tmp_path)
    day = INVITED + timedelta(days=4)
    moved(ws, case, WAS - timedelta(days=1), day)
    ws.drop("later-the-same-day.json", {**case, "eksportert": day.isoformat(), "samtaler": [
        *HELD, {"part": "barnet", "tema": 1, "nummer": 1, "dato": "2026-10-15",
                "klokkeslett": "14:00", "status": "planlagt"}]})
    assert ws.run(today=day).files_failed == 0
    assert_on_and_replacing(ws, "torsdag 15. oktober 2026", "24. september 2026")


def test_a_joint_meeting_with_no_room_after_its_moved_theme_stands(tmp_path):
    """The foster family's theme 2 moves to the programme's last day: no room after it. The
    meeting the families were invited to stands, and the plan says why it comes first."""
    case = a_case(CASE, "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, date(2026, 9, 15), case)
    assert ws.run(today=date(2026, 10, 20)).files_failed == 0
    meeting = ws.case_folder(CASE) / "Innkallinger" / "Felles møte"
    letters = {p.name: p.read_bytes() for p in meeting.glob("*.docx")}
    assert len(letters) == 3
    ws.drop("moved.json", {**case, "samtaler": [
        {"part": "fosterfamilien", "tema": 2, "nummer": 1, "dato": "2027-09-13",
         "klokkeslett": "12:00", "status": "planlagt"}]})
    assert ws.run(today=date(2026, 10, 22)).files_failed == 0
    assert {p.name: p.read_bytes() for p in meeting.glob("*.docx")} == letters
    plan = docx_text(ws.case_folder(CASE) / "01 Oppfølgingsplan.docx")
    assert ("Det felles møtet står på 6. november 2026, før temaet det bygger på (13. "
            "september 2027): det er ikke plass etter det før programmets siste dag.") in plan


def test_a_joint_meeting_stands_when_a_parent_comes_into_the_journal_later(tmp_path):
    """The journal listed only the mother; the families are invited to the meeting on
    6 November. On 27 October the father comes into the journal: his track (and the
    parents' own tracks, now that they live apart) is planned anew, theme 2 after the
    meeting. Nothing the meeting builds on was missed or moved: it stands, and its letters
    name 6 November, not a new day nobody asked for (a regression of the rule that moves it
    after a theme that followed a moved one)."""
    case = a_case(CASE, "2026-09-14", 615, eksportert="2026-09-15")
    ws = run(tmp_path, date(2026, 9, 15), {**case, "foreldre": case["foreldre"][:1]})
    assert ws.run(today=date(2026, 10, 20)).files_failed == 0
    meeting = ws.case_folder(CASE) / "Innkallinger" / "Felles møte"
    assert all("fredag 6. november 2026" in docx_text(p) for p in meeting.glob("*.docx"))
    held = [{"part": part, "tema": tema, "nummer": nummer, "dato": day, "status": "gjennomfort"}
            for part, tema, nummer, day in (
                ("barnet", 0, 1, "2026-09-16"), ("barnet", 0, 2, "2026-09-23"),
                ("barnet", 0, 3, "2026-09-30"), ("barnet", 1, 1, "2026-10-14"),
                ("foreldre", 0, 1, "2026-09-17"), ("foreldre", 0, 2, "2026-09-24"),
                ("foreldre", 0, 3, "2026-10-01"), ("foreldre", 1, 1, "2026-10-15"),
                ("fosterfamilien", 0, 1, "2026-09-18"), ("fosterfamilien", 0, 2, "2026-09-25"),
                ("fosterfamilien", 0, 3, "2026-10-02"), ("fosterfamilien", 1, 1, "2026-10-16"))]
    ws.drop("father.json", {**case, "eksportert": "2026-10-27", "samtaler": held})
    assert ws.run(today=date(2026, 10, 27)).files_failed == 0
    letters = sorted(meeting.glob("*.docx"))
    assert letters
    for letter in letters:
        text = docx_text(letter)
        assert "fredag 6. november 2026" in text, letter.name
        assert "Møtet har fått nytt tidspunkt" not in text, letter.name
    plan = docx_text(ws.case_folder(CASE) / "01 Oppfølgingsplan.docx")
    assert "Det felles møtet var planlagt" not in plan
