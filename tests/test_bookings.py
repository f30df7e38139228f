"""A contact person is never booked twice at once: new cases are planned around their others."""

from datetime import date, timedelta

from bench.generate import Synth, write_canonical_list
from omsorgspakke_docs.planning.bookings import Bookings
from omsorgspakke_docs.planning.workdays import norsk_dato as dato
from omsorgspakke_docs.store.state import State

from .conftest import TODAY, canonical_case, docx_text, make_workspace, xlsx_rows


def case(journalnummer: str, contact: dict | None = None) -> dict:
    data = canonical_case(journalnummer=journalnummer, samtaler=[], vurderinger=[],
                          oppfolgingsbesok=[])
    data["plassering"] = {**data["plassering"], "startdato": "2026-11-02"}
    if contact is not None:
        data["kontaktperson"] = contact
    data["barn"].pop("fodselsnummer", None)
    return data


def booked(ws, journalnummer: str) -> set[tuple]:
    rows = xlsx_rows(ws.case_folder(journalnummer) / "04 Oppfølgingsoversikt.xlsx", "Samtaler")
    return {(r[3].date(), r[4]) for r in rows if r[5] == "Planlagt"}


OTHER = {"fornavn": "Per", "etternavn": "Olsen", "epost": "per.olsen@fjordvik.kommune.example"}


def test_two_cases_of_one_contact_person_never_share_a_time(tmp_path):
    ws = make_workspace(tmp_path)
    ws.drop("a.json", case("2026-0801"))
    same_without_email = {"fornavn": "Ingrid", "etternavn": "Bakke  &  Berg"}
    ws.drop("b.json", case("2026-0802", same_without_email))
    ws.drop("c.json", case("2026-0803", OTHER))
    assert ws.run().files_failed == 0
    first, second, other = (booked(ws, j) for j in ("2026-0801", "2026-0802", "2026-0803"))
    assert len(first) == len(second) > 10
    assert not first & second
    assert other == first  # another contact person's case keeps the usual times


def test_dates_once_planned_stay_when_the_other_case_comes_again(tmp_path):
    ws = make_workspace(tmp_path)
    ws.drop("a.json", case("2026-0801"))
    ws.drop("b.json", case("2026-0802"))
    ws.run()
    before = booked(ws, "2026-0801"), booked(ws, "2026-0802")
    ws.drop("b2.json", {**case("2026-0802"), "eksportert": "2026-11-21"})
    assert ws.run().files_failed == 0
    assert (booked(ws, "2026-0801"), booked(ws, "2026-0802")) == before


def test_bookings_hold_pseudonyms_and_times_only(tmp_path):
    ws = make_workspace(tmp_path)
    ws.drop("a.json", case("2026-0801"))
    ws.run()
    (path,) = (ws.state / "bookings").iterdir()
    text = path.name + path.read_text(encoding="utf-8")
    assert path.name.startswith("kp-") and "sak-" in text
    assert "2026-0801" not in text and "Bakke" not in text and "fjordvik" not in text


def test_a_contact_persons_file_is_read_once_for_the_cases_it_holds(tmp_path, monkeypatch):
    """A steady day checks every case's meetings in its contact person's file (readings.py,
    Bookings.booked): the file is read once while it is the same file, not once per case,
    and what is kept of it is a digest per case (a pool of unassigned cases can be large)."""
    ws = make_workspace(tmp_path)
    cases = list(Synth(TODAY, history=True).cases(12))
    write_canonical_list(cases, ws.inbox / "first.json")
    assert ws.run(TODAY).files_failed == 0
    files = len(list((ws.state / "bookings").glob("*.json")))
    assert files < len(cases)  # some contact persons have several cases
    state = State(ws.state)
    bookings, stored = Bookings(state), state.all_cases()
    read = []
    real = Bookings._read
    monkeypatch.setattr(Bookings, "_read", lambda self, path: read.append(path) or real(self, path))
    first = [bookings.booked(case) for case in stored]
    assert all(first) and len(read) == files
    assert [bookings.booked(case) for case in stored] == first and len(read) == files


def test_a_case_that_leaves_the_programme_frees_its_contact_persons_times(tmp_path):
    """A placement that ended takes the case out of the programme: its planned meetings
    are given back, so the contact person's next new case can have those times."""
    ws = make_workspace(tmp_path)
    ws.drop("a.json", case("2026-0801"))
    ws.drop("b.json", case("2026-0802"))
    assert ws.run().files_failed == 0
    freed = booked(ws, "2026-0801")
    ended = case("2026-0801")
    ended["plassering"] = {**ended["plassering"], "sluttdato": TODAY.isoformat()}
    ws.drop("a-ended.json", ended)
    ws.drop("c.json", case("2026-0803"))
    summary = ws.run()
    assert summary.files_failed == 0
    (path,) = (ws.state / "bookings").iterdir()
    held = path.read_text(encoding="utf-8")
    state = State(ws.state)
    assert state.pseudonym("4699:2026-0801") not in held
    assert state.pseudonym("4699:2026-0802") in held
    assert booked(ws, "2026-0803") == freed  # the usual times, free again
    assert not booked(ws, "2026-0803") & booked(ws, "2026-0802")


def test_a_case_given_a_busy_contact_person_is_planned_around_their_other_cases(tmp_path):
    """Case 0803 was planned for Per Olsen, at the same times as 0801 for Ingrid; then the
    journal gives 0803 to Ingrid. Its dates were kept, and she had two families at once on
    day after day (helper 114). Those not invited yet are planned anew around her other
    case; those whose invitation may have gone out keep their day."""
    ws = make_workspace(tmp_path)
    ws.drop("a.json", case("2026-0801"))
    ws.drop("c.json", case("2026-0803", OTHER))
    assert ws.run().files_failed == 0
    first, before = booked(ws, "2026-0801"), booked(ws, "2026-0803")
    assert before == first
    moved = case("2026-0803")
    moved["eksportert"] = "2026-11-23"
    ws.drop("c2.json", moved)
    assert ws.run(today=TODAY + timedelta(days=1)).files_failed == 0
    after = booked(ws, "2026-0803")
    horizon = TODAY + timedelta(days=1 + 21 + 7)
    assert {m for m in after if m[0] <= horizon} == {m for m in before if m[0] <= horizon}
    later = {m for m in after if m[0] > horizon}
    assert later and not later & booked(ws, "2026-0801")


def test_a_kept_date_that_clashes_with_the_new_contact_persons_other_case_is_flagged(tmp_path):
    """The dates of 0803 whose invitations may have gone out keep their day when the case
    moves to Ingrid, though she meets 0801's family then: her plan says so for each, so she
    agrees a new time in one of them (helper 114: nothing flagged it). Her other case's plan
    says it too: she has two families at once there as well."""
    ws = make_workspace(tmp_path)
    ws.drop("a.json", case("2026-0801"))
    ws.drop("c.json", case("2026-0803", OTHER))
    assert ws.run().files_failed == 0
    moved = case("2026-0803")
    moved["eksportert"] = "2026-11-23"
    ws.drop("c2.json", moved)
    assert ws.run(today=TODAY + timedelta(days=1)).files_failed == 0
    clashing = sorted(booked(ws, "2026-0803") & booked(ws, "2026-0801"))
    assert clashing
    for journalnummer in ("2026-0803", "2026-0801"):  # each plan: one of them is moved
        plan = docx_text(ws.case_folder(journalnummer) / "01 Oppfølgingsplan.docx")
        said = [line for line in plan.splitlines()  # (the visits': the test below)
                if "har kontaktpersonen også en avtale i en annen sak" in line
                and not line.startswith("Oppfølgingsbesøk")]
        assert len(said) == len(clashing), said
        for day, begins in clashing:
            assert any(f"{dato(day)} kl. {begins.split('–')[0]} " in line
                       and "avtal en ny tid i den ene saken" in line for line in said), said
    # Once a date has passed there is nothing left to agree: its note goes.
    later = TODAY + timedelta(days=16)
    assert ws.run(today=later).files_failed == 0
    plan = docx_text(ws.case_folder("2026-0803") / "01 Oppfølgingsplan.docx")
    said = [line for line in plan.splitlines() if "også en avtale i en annen sak" in line
            and not line.startswith("Oppfølgingsbesøk")]
    assert said and len(said) == len([c for c in clashing if c[0] >= later]), said


def _visits(ws, journalnummer: str) -> list[tuple[str, str]]:
    """The plan's table of follow-up visits (Dato, Tid) as its reader sees it."""
    from docx import Document as open_docx
    for table in open_docx(str(ws.case_folder(journalnummer) / "01 Oppfølgingsplan.docx")).tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and rows[0] == ["Dato", "Tid", "Status"]:
            return [(r[0], r[1]) for r in rows[1:]]
    raise AssertionError("the plan has no table of visits")


def _clock(day: str, tid: str) -> tuple[int, int]:
    begins, ends = (int(t[:2]) * 60 + int(t[3:]) for t in tid.split("–"))
    return begins, ends


def test_a_kept_visit_that_clashes_with_the_new_contact_persons_other_case_moves_or_is_flagged(
        tmp_path):
    """Case 0803's follow-up visits were planned for Per Olsen on the days and times of
    0801's for Ingrid (2 December 2026 12.30, then 2 March, 2 June and 2 September 2027 at
    09.00); then the journal gives 0803 to Ingrid. The visits kept their days and times, and
    she was to be in two foster homes at once four times, with nothing saying so. A visit
    is in no letter: one far enough ahead that nobody has arranged it yet is planned anew
    around her other case; the one in ten days may have been agreed with the foster home,
    keeps its day, and both plans say so, as for a conversation."""
    ws = make_workspace(tmp_path)
    ws.drop("a.json", case("2026-0801"))
    ws.drop("c.json", case("2026-0803", OTHER))
    assert ws.run().files_failed == 0
    first = _visits(ws, "2026-0801")
    assert _visits(ws, "2026-0803") == first
    assert first[0] == ("onsdag 2. desember 2026", "12.30–14.00")
    moved = case("2026-0803")
    moved["eksportert"] = "2026-11-23"
    ws.drop("c2.json", moved)
    assert ws.run(today=TODAY + timedelta(days=1)).files_failed == 0
    assert ws.run(today=TODAY + timedelta(days=2)).files_failed == 0
    assert _visits(ws, "2026-0801") == first  # the other case's visits stay
    after = _visits(ws, "2026-0803")
    assert after[0] == first[0]  # near: may have been agreed with the foster home
    assert len(after) == len(first)
    for (day, tid), (other_day, other_tid) in zip(after[1:], first[1:], strict=True):
        if day == other_day:  # the same day: no longer at the same time
            (b1, e1), (b2, e2) = _clock(day, tid), _clock(other_day, other_tid)
            assert e1 <= b2 or e2 <= b1, (day, tid, other_tid)
    note = ("Oppfølgingsbesøk 1: 2. desember 2026 kl. 12.30 har kontaktpersonen også en avtale "
            "i en annen sak. Besøket kan allerede være avtalt med fosterhjemmet, så datoen er "
            "ikke flyttet: avtal en ny tid i den ene saken, og registrer den nye tiden i "
            "fagsystemet.")
    for journalnummer in ("2026-0803", "2026-0801"):
        plan = docx_text(ws.case_folder(journalnummer) / "01 Oppfølgingsplan.docx")
        assert [line for line in plan.splitlines() if "Oppfølgingsbesøk" in line
                and "annen sak" in line] == [note], journalnummer


def test_a_kept_joint_meeting_that_clashes_with_the_new_contact_persons_other_case_is_flagged(
        tmp_path):
    """Case 0803 moves to Ingrid on 21 December 2026, three weeks before its joint meeting
    (13 January 2027 10.00, the time of 0801's, which she holds): its invitations may have
    gone out, so it keeps its day, and nothing said she was to hold two at once. Both plans
    now say so, as for a conversation."""
    ws = make_workspace(tmp_path)
    ws.drop("a.json", case("2026-0801"))
    ws.drop("c.json", case("2026-0803", OTHER))
    assert ws.run().files_failed == 0
    moved = case("2026-0803")
    moved["eksportert"] = "2026-11-23"  # (the export knows of no conversation since)
    ws.drop("c2.json", moved)
    day = date(2026, 12, 21)
    assert ws.run(today=day).files_failed == 0
    assert ws.run(today=day + timedelta(days=1)).files_failed == 0
    note = ("Felles møte: 13. januar 2027 kl. 10.00 har kontaktpersonen også en avtale i en "
            "annen sak. Invitasjonene kan allerede ha gått ut, så datoen er ikke flyttet: avtal "
            "en ny tid i den ene saken, og registrer den nye tiden i fagsystemet.")
    for journalnummer in ("2026-0803", "2026-0801"):
        plan = docx_text(ws.case_folder(journalnummer) / "01 Oppfølgingsplan.docx")
        assert "møtes onsdag 13. januar 2027 kl. 10.00–11.30" in plan, journalnummer
        assert note in plan.splitlines(), journalnummer


def test_the_notes_on_a_kept_visit_or_joint_meeting_read_in_nynorsk():
    from omsorgspakke_docs.text import tekst
    visit = ("Oppfølgingsbesøk 2: 2. mars 2027 kl. 09.00 har kontaktpersonen også en avtale i en "
             "annen sak. Besøket kan allerede være avtalt med fosterhjemmet, så datoen er ikke "
             "flyttet: avtal en ny tid i den ene saken, og registrer den nye tiden i fagsystemet.")
    assert tekst("nynorsk").note(visit, "planmerknad") == (
        "Oppfølgingsbesøk 2: 2. mars 2027 kl. 09.00 har kontaktpersonen òg ein avtale i ei anna "
        "sak. Besøket kan alt vere avtalt med fosterheimen, så datoen er ikkje flytta: avtal ei "
        "ny tid i den eine saka, og registrer den nye tida i fagsystemet.")
    meeting = ("Felles møte: 13. januar 2027 kl. 10.00 har kontaktpersonen også en avtale i en "
               "annen sak. Invitasjonene kan allerede ha gått ut, så datoen er ikke flyttet: "
               "avtal en ny tid i den ene saken, og registrer den nye tiden i fagsystemet.")
    assert tekst("nynorsk").note(meeting, "planmerknad") == (
        "Felles møte: 13. januar 2027 kl. 10.00 har kontaktpersonen òg ein avtale i ei anna sak. "
        "Invitasjonane kan alt ha gått ut, så datoen er ikkje flytta: avtal ei ny tid i den "
        "eine saka, og registrer den nye tida i fagsystemet.")


def test_on_the_release_day_a_visit_kept_beside_another_cases_stays_in_both_cases(
        tmp_path, monkeypatch):
    """Case 0803 moved from Per Olsen to Ingrid under the release before, which kept its
    follow-up visits on the days and times of 0801's (2 March, 2 June and 2 September 2027
    at 09.00; 0803's foster home is another). On the first day of this release 0801 came in
    a new export: its visits, planned for Ingrid all along, were planned anew at 11.30 (a
    clash with 0803's, taken as its own contact person's change), and 0803, the case that
    changed contact person, kept its 09.00. Neither family's visit moves on that day now: the
    two were booked side by side before this release, and both plans say so, for Ingrid to
    move one of them by hand."""
    from omsorgspakke_docs.planning import schedule
    ws = make_workspace(tmp_path)
    ws.drop("a.json", case("2026-0801"))
    home = {**case("2026-0803")["fosterfamilie"], "adresse": "Lia 40"}
    ws.drop("c.json", {**case("2026-0803", OTHER), "fosterfamilie": home})
    assert ws.run().files_failed == 0
    first = _visits(ws, "2026-0801")
    assert _visits(ws, "2026-0803") == first
    # The release before: a case's kept visits stayed on its new contact person's.
    planned_anew = schedule._Planner._kept_visit
    monkeypatch.setattr(schedule._Planner, "_kept_visit",
                        lambda self, number: self.fixed.get((schedule.VISIT, number, 1, None)))
    ws.drop("c2.json", {**case("2026-0803"), "fosterfamilie": home, "eksportert": "2026-11-23"})
    assert ws.run(today=TODAY + timedelta(days=1)).files_failed == 0
    assert _visits(ws, "2026-0803") == first
    monkeypatch.setattr(schedule._Planner, "_kept_visit", planned_anew)  # this release
    ws.drop("a2.json", {**case("2026-0801"), "eksportert": "2026-11-24"})
    assert ws.run(today=TODAY + timedelta(days=2)).files_failed == 0
    assert ws.run(today=TODAY + timedelta(days=3)).files_failed == 0
    assert _visits(ws, "2026-0801") == first
    assert _visits(ws, "2026-0803") == first
    for journalnummer in ("2026-0801", "2026-0803"):
        plan = docx_text(ws.case_folder(journalnummer) / "01 Oppfølgingsplan.docx")
        said = [line for line in plan.splitlines()
                if line.startswith("Oppfølgingsbesøk") and "annen sak" in line]
        assert [line.split(" har ")[0] for line in said] == [
            "Oppfølgingsbesøk 1: 2. desember 2026 kl. 12.30",
            "Oppfølgingsbesøk 2: 2. mars 2027 kl. 09.00",
            "Oppfølgingsbesøk 3: 2. juni 2027 kl. 09.00",
            "Oppfølgingsbesøk 4: 2. september 2027 kl. 09.00"], journalnummer
