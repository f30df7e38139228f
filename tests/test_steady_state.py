"""A steady state costs nothing: the next day's run and a re-export of unchanged cases write
no document, and a document is dated the day it was issued, not the day of the run."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, timedelta

import pytest
from docx import Document as open_docx

from bench.generate import Synth, write_canonical_list
from omsorgspakke_docs import documents
from omsorgspakke_docs.documents import caseload, innkalling, referat
from omsorgspakke_docs.rendering.watched_day import WatchedDay, same_answers
from omsorgspakke_docs.run import parallel

from .conftest import TODAY, canonical_case, docx_text, synthetic_fnr, xlsx_rows
from .test_incremental import run_export, stamps

NEXT_DAY = TODAY + timedelta(days=1)


@pytest.fixture(autouse=True)
def whole_year(workspace, monkeypatch):
    """Every letter of the year made at once, so that a new day brings no invitation into its
    window (tests/test_sending.py covers that): here only dates and fingerprints count. So
    the move follow-up's contacts are not paced one at a time here either
    (documents.conversation_due; tests/test_folder_size.py covers that)."""
    workspace.whole_year()
    for module in (innkalling, referat):
        monkeypatch.setattr(module, "conversation_due",
                            lambda ctx, conv: documents.due(ctx, conv.dato))


def run_on(workspace, cases, name, today, indent=None):
    write_canonical_list(cases, workspace.inbox / name, indent=indent)
    summary = workspace.run(today)
    assert summary.files_failed == 0, summary.failed
    return summary


def forget_case_fingerprints(workspace):
    """Leave the document-by-document comparison to decide (store/incremental.py's records
    gone), so the test covers each document's own fingerprint too."""
    shutil.rmtree(workspace.state / "rendered", ignore_errors=True)


def letter(workspace, case):
    return next(workspace.case_folder(case["journalnummer"]).glob("02 Informasjonsbrev*.docx"))


def test_the_next_days_run_writes_no_document(workspace):
    cases = list(Synth(TODAY).cases(3))
    run_export(workspace, cases, "first.json")
    before = stamps(workspace.outbox)

    next_day = run_on(workspace, cases, "next.json", NEXT_DAY, indent=1)
    assert next_day.cases == 3 and next_day.documents_written == 0
    assert stamps(workspace.outbox) == before

    forget_case_fingerprints(workspace)
    again = run_on(workspace, cases, "again.json", NEXT_DAY, indent=2)
    assert again.documents_written == 0
    assert stamps(workspace.outbox) == before
    assert "22. november 2026" in docx_text(letter(workspace, cases[0]))


def test_a_reexport_with_a_new_export_date_writes_no_document(workspace):
    cases = list(Synth(TODAY).cases(3))
    run_export(workspace, cases, "first.json")
    before = stamps(workspace.outbox)
    for case in cases:
        case["eksportert"] = NEXT_DAY.isoformat()

    reexport = run_on(workspace, cases, "reexport.json", NEXT_DAY)
    assert reexport.documents_written == 0
    assert stamps(workspace.outbox) == before

    for case in cases:
        case["eksportert"] = TODAY.isoformat()
    forget_case_fingerprints(workspace)
    again = run_on(workspace, cases, "reexport2.json", NEXT_DAY)
    assert again.documents_written == 0
    assert stamps(workspace.outbox) == before


def test_a_day_that_passes_a_conversation_rewrites_only_what_shows_it(workspace):
    cases = list(Synth(TODAY).cases(3))
    run_export(workspace, cases, "first.json")
    before = stamps(workspace.outbox)

    later = run_on(workspace, cases, "later.json", NEXT_DAY + timedelta(days=1), indent=1)
    after = stamps(workspace.outbox)
    rewritten = {path.split("/", 1)[1] for path in after if after[path] != before.get(path)}
    # The plan and the overview show the conversation as overdue; the calendar of all
    # conversations no longer holds it. Letters, invitations and minutes stay as they were.
    shows_it = {"01 Oppfølgingsplan.docx", "04 Oppfølgingsoversikt.xlsx",
                "Kalender/Alle samtaler.ics"}
    # When the passed one is a parents' conversation, the information letter's list of
    # their coming conversations (and mangler.txt, without its invitation) changes too.
    parents_list = {p for p in rewritten
                    if p.startswith("02 Informasjonsbrev") or p == "mangler.txt"}
    assert rewritten - parents_list == shows_it
    assert later.documents_written == len(
        [p for p in after if after[p] != before.get(p) and not p.endswith("mangler.txt")])
    plan = workspace.case_folder(cases[0]["journalnummer"]) / "01 Oppfølgingsplan.docx"
    assert "Over fristen" in docx_text(plan) and "24. november 2026" in docx_text(plan)


def test_a_birthday_rewrites_no_workbook_that_does_not_show_the_age(workspace):
    """The case overview workbook shows conversations, visits and findings, not the child's
    age: the day the child turns a year older, what shows the age may change, the workbook
    does not (its fingerprint covers its tag cells only, as a Word document's covers what
    its template reads)."""
    case = canonical_case(journalnummer="2026-0777")
    born = date(2015, NEXT_DAY.month, NEXT_DAY.day)
    case["barn"] = {**case["barn"], "fodselsdato": born.isoformat(),
                    "fodselsnummer": synthetic_fnr(born)}
    run_export(workspace, [case], "first.json")
    workbook = workspace.case_folder("2026-0777") / "04 Oppfølgingsoversikt.xlsx"
    before = stamps(workspace.outbox)

    run_on(workspace, [case], "birthday.json", NEXT_DAY, indent=1)
    assert stamps(workspace.outbox)[f"2026-0777/{workbook.name}"] == \
        before[f"2026-0777/{workbook.name}"]

    case["kontaktperson"] = {**case["kontaktperson"], "fornavn": "Synnøve"}
    run_on(workspace, [case], "new-contact.json", NEXT_DAY, indent=2)
    assert stamps(workspace.outbox)[f"2026-0777/{workbook.name}"] != \
        before[f"2026-0777/{workbook.name}"]
    assert ("Kontaktperson:", "Synnøve Bakke & Berg") in [
        row[:2] for row in xlsx_rows(workbook, "Dette må følges opp")]


def test_an_edited_document_gets_no_new_version_the_next_day(workspace):
    cases = list(Synth(TODAY).cases(1))
    run_export(workspace, cases, "first.json")
    # A letter whose content the passing days leave alone (the information letter lists
    # the parents' coming conversations, and one of those may pass).
    edited = next(workspace.case_folder(cases[0]["journalnummer"]).glob(
        "Innkallinger/Fosterfamilien/Tema 6*.docx"))
    document = open_docx(str(edited))
    document.add_paragraph("Tilføyd av saksbehandleren")
    document.save(str(edited))

    for days in (1, 2):  # the second also passes a conversation: the plan is rewritten
        summary = run_on(workspace, cases, f"day{days}.json", TODAY + timedelta(days=days),
                         indent=days)
        assert summary.new_versions == [] and summary.files_ok == 1
        forget_case_fingerprints(workspace)
    folder = workspace.case_folder(cases[0]["journalnummer"])
    assert not list(folder.glob("**/*ny versjon*"))
    assert "Tilføyd av saksbehandleren" in docx_text(edited)


def test_a_changed_case_is_dated_the_day_its_documents_change(workspace):
    cases = list(Synth(TODAY).cases(2))
    run_export(workspace, cases, "first.json")
    # (A new contact person alone keeps the letters issued: tests/test_contact_change.py.)
    cases[0]["barn"]["fornavn"] = "Annelin"

    changed = run_on(workspace, cases, "changed.json", NEXT_DAY)
    assert changed.documents_written > 0
    changed_letter = docx_text(letter(workspace, cases[0]))
    assert "Annelin" in changed_letter and "23. november 2026" in changed_letter
    assert "22. november 2026" in docx_text(letter(workspace, cases[1]))


def test_the_next_day_makes_nothing_unless_the_day_answers_differently(workspace, monkeypatch):
    cases = list(Synth(TODAY).cases(3))
    run_export(workspace, cases, "first.json")
    prepared = []
    real = parallel.prepare_documents
    monkeypatch.setattr(parallel, "prepare_documents",
                        lambda ws, case, today, *more: prepared.append(case.key)
                        or real(ws, case, today, *more))
    for case in cases:
        case["eksportert"] = NEXT_DAY.isoformat()
    assert run_on(workspace, cases, "next.json", NEXT_DAY).documents_written == 0
    assert prepared == []  # inputs as before, and the day asked nothing new: nothing made
    # The day after, each case's first conversation (23 November) has passed.
    run_on(workspace, cases, "later.json", NEXT_DAY + timedelta(days=1), indent=1)
    assert len(prepared) == 3


def test_a_watched_day_records_the_questions_and_nothing_else():
    today = WatchedDay(TODAY)
    assert today < date(2026, 11, 23) and date(2026, 11, 20) < today
    assert today.age(date(2014, 11, 23)) == 11
    answers = today.answers()
    assert same_answers(answers, TODAY) and same_answers(answers, TODAY - timedelta(days=1))
    assert not same_answers(answers, NEXT_DAY)  # now 12 years old, and the 23rd is not after
    assert (today + timedelta(days=1)) == NEXT_DAY and today.answers() is None  # raw use


def test_changed_cases_are_synced_once_before_the_ledger_and_a_new_date_alone_is_not(
        workspace, monkeypatch):
    """The merged cases of an input are durable before the ledger records the input as done,
    with one folder sync for all of them (not one per case: that doubled a re-export's time).
    A re-export that brings only a newer export date saves no case (store/readings.py)."""
    from omsorgspakke_docs.store import commit, ledger, state

    cases = list(Synth(TODAY).cases(4))
    run_export(workspace, cases, "first.json")
    events: list[str] = []
    real_sync, real_finished = commit.fsync_dir, ledger.Ledger.finished
    real_fsync = commit.os.fsync

    def sync(path):
        if path.parent == workspace.state:
            events.append(f"sync {path.name}")
        real_sync(path)

    def fsync(fd):  # a case file (written under a temporary name), not the folder
        if os.readlink(f"/proc/self/fd/{fd}").startswith(f"{workspace.state / 'cases'}/."):
            events.append("fsync case")
        real_fsync(fd)

    for module in (commit, state):
        monkeypatch.setattr(module, "fsync_dir", sync, raising=False)
    monkeypatch.setattr(commit.os, "fsync", fsync)
    monkeypatch.setattr(ledger.Ledger, "finished", lambda self, *a, **k: (
        events.append("ledger"), real_finished(self, *a, **k))[1])
    saved = {p: p.stat().st_ino for p in (workspace.state / "cases").glob("sak-*.json")}
    for case in cases:
        case["eksportert"] = NEXT_DAY.isoformat()
    run_on(workspace, cases, "reexport.json", NEXT_DAY)
    # (The day's Til utsending is recorded as made that day, once a day: state/utsending.)
    assert [e for e in events if e != "sync utsending"] == ["ledger"], events
    assert {p: p.stat().st_ino for p in saved} == saved

    events.clear()
    cases[0]["barn"]["fornavn"] = "Annen"
    cases[0]["eksportert"] = (NEXT_DAY + timedelta(days=1)).isoformat()
    run_on(workspace, cases, "changed.json", NEXT_DAY)
    cases_saved = [e for e in events if e in ("fsync case", "sync cases", "ledger")]
    assert cases_saved == ["fsync case", "sync cases", "ledger"], events


def test_no_case_asks_the_day_anything_it_cannot_ask_again(workspace):
    """Each case's record keeps the questions its documents asked of the day; one use of the
    day as a value (arithmetic, say) and the record proves nothing, so the case is made again
    every day. The team leader's findings once subtracted today from the last visit."""
    cases = list(Synth(TODAY).cases(40))
    run_export(workspace, cases, "first.json")
    records = [json.loads(p.read_text(encoding="utf-8"))
               for p in (workspace.state / "rendered").glob("sak-*.json")]
    assert len(records) == 40
    assert [r for r in records if r["answers"] is None] == []


def test_a_reexport_with_only_a_newer_export_date_leaves_the_outbox_workbooks(workspace,
                                                                              monkeypatch):
    """Saksoversikt and Til utsending build every stored case's context: a re-export that
    changes nothing anyone sees must not make them again; a change they can show must."""
    cases = list(Synth(TODAY).cases(3))
    run_export(workspace, cases, "first.json")
    built = []
    real = caseload.each_stored_case
    monkeypatch.setattr(caseload, "each_stored_case",
                        lambda ws, today, spec: built.append(spec.what)
                        or real(ws, today, spec))
    for case in cases:
        case["eksportert"] = NEXT_DAY.isoformat()
    assert run_on(workspace, cases, "reexport.json", TODAY).documents_written == 0
    assert built == []

    cases[1]["kontaktperson"]["telefon"] = "40099999"
    run_on(workspace, cases, "changed.json", TODAY)
    assert sorted(built) == ["listen til utsending", "saksoversikten"]


def test_one_token_tells_the_workbooks_of_every_case_saved_until_they_look(tmp_path):
    """The marker of changed cases (State.cases_version) is written once for the cases
    saved between two looks, not once per case (an fsync each), and a case saved after a
    look changes the version again, also in the same process (watch)."""
    from omsorgspakke_docs.domain.model import Case
    from omsorgspakke_docs.store.state import CASES_CHANGED, State

    from .conftest import canonical_case

    state = State(tmp_path)
    first = Case.model_validate(canonical_case())
    second = Case.model_validate(canonical_case(journalnummer="2026-0999"))
    state.save(first)
    token = (tmp_path / CASES_CHANGED).read_text()
    state.save(second)
    assert (tmp_path / CASES_CHANGED).read_text() == token
    looked = state.cases_version()
    assert state.cases_version() == looked
    state.save(first.model_copy(update={"samarbeidsklima": "konflikt"}))
    assert state.cases_version() != looked
    looked = state.cases_version()
    state.save(first, shown=False)  # only a newer export date: no document shows it
    assert state.cases_version() == looked


def test_a_workbook_template_with_text_around_a_tag_is_fingerprinted_whole(tmp_path):
    """Only whole-cell tags are filled; a tag inside other text is a template this reading
    does not know, so all of the context counts (nothing shown is ever left out)."""
    from openpyxl import Workbook

    from omsorgspakke_docs.rendering.uses import sheet_uses

    book = Workbook()
    book.active["A1"] = "{{ sak.journalnummer }}"
    book.active["A2"] = "{{ samtaler.dato }}"
    book.save(tmp_path / "tags.xlsx")
    assert sheet_uses(tmp_path / "tags.xlsx") == {("sak", "journalnummer"),
                                                  ("samtaler", "dato")}
    book.active["B1"] = "Sak {{ sak.journalnummer }}"
    book.save(tmp_path / "around.xlsx")
    assert sheet_uses(tmp_path / "around.xlsx") is None
