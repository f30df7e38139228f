"""A damaged state file is never silent and never blames an innocent input.

A case file (or the issue dates of a case's documents) that cannot be read stops only that
case: its input waits as an error that may pass, the log names the state file and never its
content, the other cases go on, and `watch` starts all the same. A damaged or deleted plan is
made again from the dates the case's documents carry, and said; a damaged record of what a
case's documents were made from only means they are made and compared again."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from docx import Document as open_docx

from bench.generate import write_canonical_list
from omsorgspakke_docs.intake import inbox

from .conftest import TODAY, docx_text
from .test_nynorsk import BOKMAL_ONLY, _config, _words
from .test_watch import configure, files, real_case, wait_until, watching
from .test_watch_logs import PERSONAL, log_lines

PLAN = "01 Oppfølgingsplan.docx"
LATER = TODAY + timedelta(days=2)
NOTE = {"bokmal": "planen-ble-laget-på-nytt.txt", "nynorsk": "planen-vart-laga-på-nytt.txt"}
CALENDAR = {"bokmal": "Kalender/Alle samtaler.ics", "nynorsk": "Kalender/Alle samtalane.ics"}


def drop_cases(workspace, name, *cases):
    write_canonical_list(cases, workspace.inbox / name)


def with_contact(number: int, fornavn: str, eksportert: str) -> dict:
    case = real_case(number, eksportert=eksportert)
    case["kontaktperson"] = {**case["kontaktperson"], "fornavn": fornavn}
    return case


def state_file(workspace, folder: str, journalnummer: str):
    """The state file of one case: its pseudonym is in its folder's owner marker."""
    marker = workspace.case_folder(journalnummer) / ".omsorgspakke-sak"
    pseudonym = marker.read_text(encoding="utf-8").strip()
    return workspace.state / folder / f"{pseudonym}.json"


def planned_dates(document) -> list[tuple[str, ...]]:
    """The follow-up plan's meetings as it shows them: per conversation its theme, date and
    time, per visit its date (their status left out: it changes as days pass)."""
    found = []
    for table in open_docx(str(document)).tables:
        head = [cell.text for cell in table.rows[0].cells]
        if head[:3] == ["Tema", "Dato", "Tid"]:
            found += [tuple(c.text for c in row.cells[:3]) for row in table.rows[1:]]
        elif head == ["Dato", "Status"]:
            found += [(row.cells[0].text,) for row in table.rows[1:]]
    return found


def kept_dates(plan) -> list[tuple]:
    """The dates a plan file keeps (why a date came late is not in the documents)."""
    rows = json.loads(plan.read_text(encoding="utf-8"))
    return [(r["part"], r["tema"], r["nummer"], r.get("forelder"), r["dato"], r["klokkeslett"])
            for r in rows]


@pytest.mark.parametrize("folder", ["cases", "issued"])
def test_a_damaged_case_file_stops_only_that_case(workspace, capsys, folder):
    configure(workspace)
    drop_cases(workspace, "a.json", real_case(1), real_case(2))
    workspace.drop("b.json", real_case(3))
    assert workspace.cli() == 0
    damaged = state_file(workspace, folder, "2026-0001")
    good_copy = damaged.read_bytes()
    damaged.write_text('{"barn": {"fornavn": "Sofie", "etternavn": "Lindq', encoding="utf-8")

    drop_cases(workspace, "a2.json", with_contact(1, "Nora", "2026-11-21"),
               with_contact(2, "Nora", "2026-11-21"))
    workspace.drop("b2.json", with_contact(3, "Nora", "2026-11-21"))
    capsys.readouterr()
    assert workspace.cli() == 1
    said = capsys.readouterr()
    err = said.out + said.err
    # The input with the damaged case waits; nothing is blamed, the other cases are done.
    assert [p.name for p in inbox.interrupted(workspace.inbox)] == ["a2.json"]
    assert files(workspace.failed) == []
    assert "b2.json" in files(workspace.archive)
    for other in ("2026-0002", "2026-0003"):
        assert "Nora Bakke & Berg" in docx_text(workspace.case_folder(other) / PLAN)
    assert "Nora Bakke & Berg" not in docx_text(workspace.case_folder("2026-0001") / PLAN)
    # The summary and the log name the state file, never what it holds.
    name = f"{folder}/{damaged.name}"
    assert name in err and "Traceback" not in err
    logged = (workspace.state / "logs" / "omsorgspakke.jsonl").read_text(encoding="utf-8")
    assert name in logged
    for secret in PERSONAL:
        assert secret not in err and secret not in logged

    damaged.write_bytes(good_copy)  # IT restores it from the backup
    assert workspace.cli() == 0
    assert "a2.json" in files(workspace.archive) and inbox.interrupted(workspace.inbox) == []
    assert "Nora Bakke & Berg" in docx_text(workspace.case_folder("2026-0001") / PLAN)


def test_watch_starts_and_works_with_a_damaged_case_file(workspace):
    configure(workspace)
    workspace.drop("a.json", real_case(1))
    workspace.drop("b.json", real_case(2))
    assert workspace.cli() == 0
    damaged = state_file(workspace, "cases", "2026-0001")
    good_copy = damaged.read_bytes()
    damaged.write_bytes(b"\x00" * 64)

    with watching(workspace):
        workspace.drop("a2.json", real_case(1, eksportert="2026-11-21"))
        workspace.drop("b2.json", real_case(2, eksportert="2026-11-21"))
        wait_until(lambda: "b2.json" in files(workspace.archive), "the good case's file")
        wait_until(lambda: [p.name for p in inbox.interrupted(workspace.inbox)] == ["a2.json"],
                   "the damaged case's file to wait")
        assert files(workspace.failed) == []
        damaged.write_bytes(good_copy)
        wait_until(lambda: "a2.json" in files(workspace.archive), "the retry after the restore")
    assert files(workspace.failed) == []


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_deleted_plan_is_made_again_with_the_same_dates(workspace, malform):
    """Also in nynorsk, where the calendar the dates come back from is Alle samtalane.ics."""
    _config(workspace, f'malform = "{malform}"\n')
    workspace.drop("a.json", real_case(1))
    assert workspace.cli() == 0
    document = workspace.case_folder("2026-0001") / PLAN
    before = planned_dates(document)
    assert len(before) > 25
    plan = state_file(workspace, "plans", "2026-0001")
    kept = kept_dates(plan)
    plan.unlink()

    workspace.drop("a2.json", real_case(1, eksportert="2026-11-21"))
    assert workspace.cli(today=LATER) == 0
    assert files(workspace.failed) == []
    assert planned_dates(document) == before
    assert kept_dates(plan) == kept
    assert not [*workspace.case_folder("2026-0001").glob("planen-*")]
    events = [e for e in log_lines(workspace.state / "logs") if e["event"] == "plan_rebuilt"]
    assert len(events) == 1 and events[0]["case"] == plan.stem


def test_a_damaged_plan_is_not_the_exports_fault(workspace):
    workspace.drop("a.json", real_case(1))
    assert workspace.cli() == 0
    document = workspace.case_folder("2026-0001") / PLAN
    before = planned_dates(document)
    plan = state_file(workspace, "plans", "2026-0001")
    plan.write_text('[{"part": "barnet", "tema": 0, "nummer": 3, "dato": "2026-1', encoding="utf-8")

    workspace.drop("a2.json", real_case(1, eksportert="2026-11-21"))
    assert workspace.cli(today=LATER) == 0
    assert files(workspace.failed) == [] and "a2.json" in files(workspace.archive)
    assert planned_dates(document) == before
    logged = (workspace.state / "logs" / "omsorgspakke.jsonl").read_text(encoding="utf-8")
    assert f"plans/{plan.name}" in logged and "var skadet" in logged


def test_a_lost_plan_whose_dates_cannot_be_recovered_is_reported_to_staff(workspace):
    workspace.drop("a.json", real_case(1))
    assert workspace.cli() == 0
    folder = workspace.case_folder("2026-0001")
    state_file(workspace, "plans", "2026-0001").unlink()
    # The calendar file was changed by someone: its dates are not taken as ours.
    calendar = folder / CALENDAR["bokmal"]
    calendar.write_bytes(calendar.read_bytes().replace(b"METHOD:PUBLISH", b"METHOD:REQUEST"))

    workspace.drop("a2.json", real_case(1, eksportert="2026-11-21"))
    assert workspace.cli(today=TODAY + timedelta(days=30)) == 0
    assert files(workspace.failed) == []
    note = (folder / NOTE["bokmal"]).read_text(encoding="utf-8")
    assert note.startswith("Planen ble laget på nytt\n") and "har fått ny dato" in note
    assert "22. desember 2026: Planen som programmet hadde lagret for saken, manglet." in note
    assert "Kalenderfilen Kalender/Alle samtaler.ics manglet eller var endret" in note
    assert "Barnet, tema 1:" in note and "Foreldre (mor), tema 1:" in note
    # The move follow-up by its name, never as «tema 0».
    assert "Barnet, «Oppfølging i flytteprosessen» (kontakt 3):" in note
    assert "tema 0" not in note
    for secret in PERSONAL:
        assert secret not in note


def test_a_lost_plan_in_a_nynorsk_municipality_is_reported_in_nynorsk(workspace):
    _config(workspace, 'malform = "nynorsk"\n')
    workspace.drop("a.json", real_case(1))
    assert workspace.cli() == 0
    folder = workspace.case_folder("2026-0001")
    state_file(workspace, "plans", "2026-0001").write_text("[", encoding="utf-8")  # damaged
    calendar = folder / CALENDAR["nynorsk"]
    calendar.write_bytes(calendar.read_bytes().replace(b"METHOD:PUBLISH", b"METHOD:REQUEST"))

    workspace.drop("a2.json", real_case(1, eksportert="2026-11-21"))
    assert workspace.cli(today=TODAY + timedelta(days=30)) == 0
    assert files(workspace.failed) == []
    assert not (folder / NOTE["bokmal"]).exists()
    note = (folder / NOTE["nynorsk"]).read_text(encoding="utf-8")
    assert note.startswith("Planen vart laga på nytt\n========================\n")
    assert "22. desember 2026: Planen som programmet hadde lagra for saka, var skadd." in note
    assert "Kalenderfila Kalender/Alle samtalane.ics mangla eller var endra" in note
    assert "Desse samtalane kunne ikkje hentast tilbake og har fått ny dato." in note
    assert "Barnet, tema 1:" in note and "Foreldre (mor), tema 1:" in note
    assert "«Oppfølging i flytteprosessen» (kontakt" in note and "tema 0" not in note
    assert _words(note) & set(BOKMAL_ONLY) == set()
    for secret in PERSONAL:
        assert secret not in note
    # The log stays in bokmål for IT, without personal data.
    logged = (workspace.state / "logs" / "omsorgspakke.jsonl").read_text(encoding="utf-8")
    assert "var skadet" in logged and "plan_rebuilt" in logged


def test_a_damaged_record_of_a_case_means_make_and_compare(workspace):
    workspace.drop("a.json", real_case(1))
    assert workspace.cli() == 0
    folder = workspace.case_folder("2026-0001")
    edited = folder / PLAN
    document = open_docx(str(edited))
    document.add_paragraph("Tilføyd av saksbehandleren")
    document.save(str(edited))
    record = state_file(workspace, "rendered", "2026-0001")
    record.write_text("[", encoding="utf-8")

    workspace.drop("a2.json", real_case(1, eksportert="2026-11-21"))
    assert workspace.cli() == 0
    assert files(workspace.failed) == [] and "a2.json" in files(workspace.archive)
    assert "Tilføyd av saksbehandleren" in docx_text(edited)
    assert not list(folder.rglob("*ny versjon*"))
    events = [e for e in log_lines(workspace.state / "logs") if e["event"] == "state_damaged"]
    assert events and f"rendered/{record.name}" in events[0]["message"]


def test_damaged_bookings_make_their_cases_wait(workspace):
    configure(workspace)
    workspace.drop("a.json", real_case(1))
    assert workspace.cli() == 0
    (bookings,) = (workspace.state / "bookings").iterdir()
    good_copy = bookings.read_bytes()
    bookings.write_bytes(good_copy[: len(good_copy) // 2])

    workspace.drop("a1.json", real_case(1, eksportert="2026-11-21"))
    assert workspace.cli() == 0  # only a newer date: recalled, not planned, no booking read

    changed = real_case(1, eksportert="2026-11-22")
    changed["kontaktperson"]["telefon"] = "400 99 999"  # merged, so planned again
    workspace.drop("a2.json", changed)
    assert workspace.cli() == 1
    assert [p.name for p in inbox.interrupted(workspace.inbox)] == ["a2.json"]
    assert files(workspace.failed) == []
    bookings.write_bytes(good_copy)
    assert workspace.cli() == 0 and "a2.json" in files(workspace.archive)


@pytest.mark.parametrize("met", ["first", "last"])
def test_the_days_letters_skip_a_damaged_case_and_make_the_others(workspace, met):
    """The day's refresh meets the cases in the order of their pseudonyms, which the key
    made for each installation decides: the damaged case met first and met last, each
    every time (left to the key, each run of the test tried one of the two at random)."""
    workspace.drop("a.json", real_case(1))
    workspace.drop("b.json", real_case(2))
    assert workspace.cli() == 0
    files_of = {number: state_file(workspace, "cases", number)
                for number in ("2026-0001", "2026-0002")}
    in_order = sorted(files_of, key=lambda number: files_of[number].name)
    damaged_number, other = in_order if met == "first" else in_order[::-1]
    damaged = files_of[damaged_number]
    damaged.write_text("{", encoding="utf-8")
    invitations = workspace.case_folder(other) / "Innkallinger"
    before = sorted(invitations.rglob("*.docx"))

    assert workspace.cli(today=TODAY + timedelta(days=20)) == 0  # nothing in the inbox
    assert sorted(invitations.rglob("*.docx")) != before  # the day's letters were made
    logged = (workspace.state / "logs" / "omsorgspakke.jsonl").read_text(encoding="utf-8")
    assert f"cases/{damaged.name}" in logged


def test_a_folder_where_a_renumbered_plan_goes_stops_only_that_case(workspace, capsys):
    """A folder at plans/<case>.renumbered.json (where a plan renumbered for a new order of
    the parents waits to take the plan's place): the run stopped with a traceback as it
    tried to remove it. Now it is a damaged state file: the case waits, named, not removed."""
    configure(workspace)
    drop_cases(workspace, "a.json", real_case(1), real_case(2))
    assert workspace.cli() == 0
    plan = state_file(workspace, "plans", "2026-0001")
    pending = plan.with_name(plan.stem + ".renumbered.json")
    pending.mkdir()
    drop_cases(workspace, "a2.json", with_contact(1, "Nora", "2026-11-21"),
               with_contact(2, "Nora", "2026-11-21"))
    capsys.readouterr()
    assert workspace.cli() == 1
    said = capsys.readouterr()
    err = said.out + said.err
    assert f"plans/{pending.name}" in err and "Traceback" not in err
    assert [p.name for p in inbox.interrupted(workspace.inbox)] == ["a2.json"]
    assert files(workspace.failed) == []
    assert "Nora Bakke & Berg" in docx_text(workspace.case_folder("2026-0002") / PLAN)
    assert pending.is_dir()
    pending.rmdir()  # IT removes it
    assert workspace.cli() == 0
    assert "Nora Bakke & Berg" in docx_text(workspace.case_folder("2026-0001") / PLAN)
