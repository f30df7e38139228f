"""A case read again as it was is neither merged nor, on the day it was planned, planned
again (store/readings.py); anything that could make a difference sends it the usual way."""

from __future__ import annotations

import copy
import json
import shutil
from datetime import date, timedelta

import pytest

from bench.generate import Synth
from omsorgspakke_docs.planning.bookings import Bookings
from omsorgspakke_docs.run import case_step
from omsorgspakke_docs.store.readings import Readings

from .conftest import TODAY, docx_text, make_workspace
from .test_incremental import stamps
from .test_steady_state import run_on

NEXT_DAY = TODAY + timedelta(days=1)


@pytest.fixture
def calls(monkeypatch):
    """How many cases were merged and how many planned, in this process."""
    counted = {"merged": 0, "planned": 0}
    real_merge, real_plan = case_step.merge, case_step.plan

    def merge(*args, **kwargs):
        counted["merged"] += 1
        return real_merge(*args, **kwargs)

    def plan(*args, **kwargs):
        counted["planned"] += 1
        return real_plan(*args, **kwargs)

    monkeypatch.setattr(case_step, "merge", merge)
    monkeypatch.setattr(case_step, "plan", plan)
    return counted


def stored(workspace):
    return {json.loads(p.read_text())["journalnummer"]: json.loads(p.read_text())
            for p in (workspace.state / "cases").glob("sak-*.json")}


def test_a_case_read_again_as_it_was_is_neither_merged_nor_planned_again(workspace, calls):
    cases = list(Synth(TODAY).cases(3))
    run_on(workspace, cases, "first.json", TODAY)
    assert calls == {"merged": 3, "planned": 3}
    before = stamps(workspace.outbox)

    calls.update(merged=0, planned=0)
    again = run_on(workspace, cases, "again.json", TODAY, indent=2)
    assert calls == {"merged": 0, "planned": 0}
    assert again.cases == 3 and again.documents_written == 0
    assert stamps(workspace.outbox) == before

    cases[1]["kontaktperson"]["telefon"] = "400 99 999"  # the export brings a change
    calls.update(merged=0, planned=0)
    changed = run_on(workspace, cases, "changed.json", TODAY)
    assert calls == {"merged": 1, "planned": 1}
    assert changed.documents_written > 0
    assert stored(workspace)[cases[1]["journalnummer"]]["kontaktperson"]["telefon"] == \
        "400 99 999"


def test_a_new_day_plans_again_without_merging_after_dates_counted_from_the_day(
        workspace, calls):
    """The first plan computes every date from its day (notice): it holds for that day."""
    cases = list(Synth(TODAY).cases(2))
    run_on(workspace, cases, "first.json", TODAY)
    calls.update(merged=0, planned=0)
    run_on(workspace, cases, "next.json", NEXT_DAY, indent=2)
    assert calls == {"merged": 0, "planned": 2}
    calls.update(merged=0, planned=0)
    run_on(workspace, cases, "again.json", NEXT_DAY, indent=3)
    assert calls == {"merged": 0, "planned": 0}


def test_a_newer_export_date_is_kept_without_saving_and_merging_starts_from_it(
        workspace, calls):
    """A re-export that changes nothing but its date saves no case; an export made before
    it but read after it is older all the same: its change is a disagreement, not news."""
    cases = list(Synth(TODAY).cases(1))
    first = date.fromisoformat(cases[0]["eksportert"])
    run_on(workspace, cases, "first.json", TODAY)
    case_file = next((workspace.state / "cases").glob("sak-*.json"))
    saved = case_file.stat().st_ino

    cases[0]["eksportert"] = (first + timedelta(days=2)).isoformat()
    calls.update(merged=0, planned=0)
    run_on(workspace, cases, "reexport.json", TODAY)
    assert calls["merged"] == 0 and case_file.stat().st_ino == saved

    late = json.loads(json.dumps(cases))
    late[0]["eksportert"] = (first + timedelta(days=1)).isoformat()
    late[0]["kontaktperson"]["telefon"] = "400 11 111"
    run_on(workspace, late, "late.json", TODAY)
    kept = json.loads(case_file.read_text())
    assert kept["kontaktperson"]["telefon"] != "400 11 111"
    assert kept["eksportert"] == (first + timedelta(days=2)).isoformat()  # saved with the merge
    folder = workspace.case_folder(cases[0]["journalnummer"])
    note = next(folder.glob("avvik*.txt")).read_text(encoding="utf-8")
    assert "  - Kontaktpersonen: telefon" in note


def test_a_case_or_plan_changed_in_the_state_is_merged_and_planned_again(workspace, calls):
    cases = list(Synth(TODAY).cases(2))
    run_on(workspace, cases, "first.json", TODAY)
    case_file = sorted((workspace.state / "cases").glob("sak-*.json"))[0]
    case_file.write_text(case_file.read_text())  # rewritten: another file, as after a restore
    plan_file = sorted((workspace.state / "plans").glob("sak-*.json"))[1]
    plan_file.unlink()  # the plan gone: made again from the documents (lost_plan.py)
    calls.update(merged=0, planned=0)
    run_on(workspace, cases, "again.json", TODAY, indent=2)
    assert calls["merged"] == 1 and calls["planned"] == 2
    assert plan_file.exists()


def test_a_disagreement_between_exports_is_never_passed_over(workspace, calls):
    cases = list(Synth(TODAY).cases(1))
    run_on(workspace, cases, "first.json", TODAY)
    older = json.loads(json.dumps(cases))
    older[0]["kontaktperson"]["telefon"] = "400 11 111"
    older[0]["eksportert"] = (TODAY - timedelta(days=30)).isoformat()
    calls.update(merged=0, planned=0)
    run_on(workspace, older, "older.json", TODAY)
    run_on(workspace, older, "older-again.json", TODAY, indent=2)
    assert calls["merged"] == 2  # each time: the note is kept up to date by the merge
    folder = workspace.case_folder(cases[0]["journalnummer"])
    note = next(folder.glob("avvik*.txt")).read_text(encoding="utf-8")
    assert "  - Kontaktpersonen: telefon" in note
    assert "sak-" not in (workspace.state / "lest.json").read_text()  # no record kept


def test_a_lost_or_damaged_record_file_only_costs_time(workspace, calls):
    cases = list(Synth(TODAY).cases(2))
    run_on(workspace, cases, "first.json", TODAY)
    before = stamps(workspace.outbox)
    (workspace.state / "lest.json").write_text('{"sak-')  # cut short by a power cut
    calls.update(merged=0, planned=0)
    again = run_on(workspace, cases, "again.json", TODAY, indent=2)
    assert calls == {"merged": 2, "planned": 2} and again.documents_written == 0
    assert stamps(workspace.outbox) == before
    assert json.loads((workspace.state / "lest.json").read_text())  # made anew


def test_a_document_deleted_after_a_recalled_reading_is_made_again(workspace, calls):
    """The proof that a case's documents are as before stands only while its folders are
    as they were: a file taken away, in the case folder or a folder in it, is noticed."""
    cases = list(Synth(TODAY).cases(1))
    run_on(workspace, cases, "first.json", TODAY)
    run_on(workspace, cases, "again.json", TODAY, indent=2)  # recalled: the proof is kept
    record = json.loads((workspace.state / "lest.json").read_text())
    assert [r["documents"]["proof"] is not None for r in record.values()] == [True]
    folder = workspace.case_folder(cases[0]["journalnummer"])
    deep = sorted(p for p in folder.glob("*/*") if p.is_file())[0]
    top = sorted(p for p in folder.glob("*.docx"))[0]
    for indent, gone in ((3, deep), (4, top)):  # other bytes each time: not a duplicate
        gone.unlink()
        again = run_on(workspace, cases, f"after-{indent}.json", TODAY, indent=indent)
        assert gone.exists() and again.documents_written == 1
        assert calls["merged"] == 1  # the first reading only


def test_the_days_letters_are_looked_for_once_a_day_until_none_fails(workspace, monkeypatch):
    """A run on a day whose refresh went through every case does not read every record
    again; a new day does, and so does the same day after a case could not be read."""
    from omsorgspakke_docs.store.incremental import Unchanged

    looked: list = []
    real_due = Unchanged.due
    monkeypatch.setattr(Unchanged, "due", lambda self, today: (
        looked.append(today), real_due(self, today))[1])
    cases = list(Synth(TODAY).cases(2))
    run_on(workspace, cases, "first.json", TODAY)
    assert looked == [TODAY]
    workspace.run(TODAY)
    assert looked == [TODAY]
    later = TODAY + timedelta(days=20)
    damaged = sorted((workspace.state / "cases").glob("sak-*.json"))[0]
    kept = damaged.read_text()
    damaged.write_text("{")
    workspace.run(later)
    workspace.run(later)  # the damaged case is due, could not be read: looked for again
    assert looked == [TODAY, later, later]
    damaged.write_text(kept)
    written = workspace.run(later)
    assert written.cases_refreshed >= 1
    workspace.run(later)
    assert looked == [TODAY, later, later, later]


def _by_journal(workspace) -> tuple[dict[str, str], list]:
    """The state's plans by journal number, and its bookings with case pseudonyms as journal
    numbers, and a foster home's pseudonym as the journal numbers of the cases booked there:
    pseudonyms differ from one installation to another."""
    journal = {p.stem: json.loads(p.read_text())["journalnummer"]
               for p in (workspace.state / "cases").glob("sak-*.json")}
    plans = {journal[p.stem]: p.read_text() for p in (workspace.state / "plans").glob("*.json")}
    files = [json.loads(p.read_text()) for p in (workspace.state / "bookings").glob("*.json")]
    homes: dict[str, set[str]] = {}
    for f in files:
        for k, times in f.items():
            for slot in times:
                if len(slot) > 4:
                    homes.setdefault(slot[4], set()).add(journal[k])
    bookings = sorted(sorted((journal[k], [[*slot[:4], *(sorted(homes[h]) for h in slot[4:])]
                                           for slot in times]) for k, times in f.items())
                      for f in files)
    return plans, bookings


def _documents(workspace) -> dict[str, str]:
    return {p.relative_to(workspace.outbox).as_posix(): docx_text(p)
            for p in sorted(workspace.outbox.glob("*/**/*.docx"))}


def _spared_and_every(tmp_path, monkeypatch, calls, exports, before=None) -> list[int]:
    """Each export (day, cases) read in a workspace that passes plans over and in one that
    plans every case every day (before(n, workspace) first, when given): after each the
    state's plans and bookings are the same, and at the end the documents. Returns how many
    cases were planned each day where plans are passed over."""
    spared, every = make_workspace(tmp_path / "spared"), make_workspace(tmp_path / "every")
    planned = []
    for n, (day, cases) in enumerate(exports):
        for workspace in (spared, every):
            if before is not None:
                before(n, workspace)
        calls.update(merged=0, planned=0)
        run_on(spared, cases, f"{n}.json", day, indent=n + 1)
        planned.append(calls["planned"])
        with monkeypatch.context() as always:
            always.setattr(Readings, "planned", lambda *args: None)
            run_on(every, cases, f"{n}.json", day, indent=n + 1)
        assert _by_journal(spared) == _by_journal(every), day
    assert _documents(spared) == _documents(every)
    return planned


def test_a_plan_passed_over_on_a_later_day_is_the_plan_that_day_would_make(
        tmp_path, monkeypatch, calls):
    """A steady caseload's later days plan only the cases whose plans the day can change
    (a kept date passes unheld, and it moves); the state and the documents are the same as
    when every case is planned every day."""
    cases = list(Synth(TODAY, history=True).cases(12))
    days = [TODAY + timedelta(days=n) for n in (0, 1, 2, 5, 8, 13, 21, 34, 40, 55)]
    planned = _spared_and_every(tmp_path, monkeypatch, calls, [(d, cases) for d in days])
    assert planned[0] == 12 and sum(planned[1:]) < 12 * 9 / 2  # most later days plan few
    assert any(planned[1:]), planned  # and some dates passed unheld: planned again


def test_a_plan_passed_over_books_its_meetings_again_after_the_bookings_were_deleted(
        tmp_path, monkeypatch, calls):
    """A damaged bookings file with no backup is deleted (docs/operations.md), and the
    contact person's cases are booked again as they are read: a case whose plan holds for
    the day too, or a new case of theirs is planned over its meetings."""
    cases = list(Synth(TODAY, history=True).cases(4))
    twin = copy.deepcopy(cases[0])  # same contact person and placement: the same slots
    twin["journalnummer"] = twin["journalnummer"].split("-")[0] + "-09999"
    twin["barn"] = next(Synth(TODAY, seed=77).cases(1))["barn"]

    def deleted(n, workspace):
        if n == 3:
            shutil.rmtree(workspace.state / "bookings")

    days = [TODAY + timedelta(days=n) for n in range(4)]
    exports = [(day, cases) for day in days[:3]] + [(days[3], [*cases, twin])]
    planned = _spared_and_every(tmp_path, monkeypatch, calls, exports, before=deleted)
    assert planned[2] < len(cases), planned  # passed over before the file went


def test_a_steady_day_reads_no_bookings_while_their_files_are_the_same(
        workspace, calls, monkeypatch):
    """A plan passed over checks its meetings in the bookings by the file first: while the
    contact person's file is the file it was, its meetings are not read for the case."""
    cases = list(Synth(TODAY, history=True).cases(12))
    run_on(workspace, cases, "first.json", TODAY)
    run_on(workspace, cases, "next.json", NEXT_DAY, indent=1)  # the first plans hold a day
    asked = []
    real = Bookings.booked
    monkeypatch.setattr(Bookings, "booked",
                        lambda self, case: asked.append(case.key) or real(self, case))
    calls.update(merged=0, planned=0)
    run_on(workspace, cases, "third.json", NEXT_DAY + timedelta(days=1), indent=2)
    assert calls == {"merged": 0, "planned": 0} and asked == []
