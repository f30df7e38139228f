"""The processing ledger: same bytes once, newer exports update, older ones never roll back,
a caseworker's edits survive, and what did not change is not written again."""

from __future__ import annotations

import hashlib
import json

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.store.commit import NEW_VERSION, sha256_file
from omsorgspakke_docs.store.ledger import DONE, DUPLICATE, Ledger, read_counts

from .conftest import canonical_case, docx_text

PLAN = "01 Oppfølgingsplan.docx"
CASE = "2026-0412"


def contact(fornavn: str, eksportert: str) -> dict:
    case = canonical_case(eksportert=eksportert)
    case["kontaktperson"] = {**case["kontaktperson"], "fornavn": fornavn}
    return case


def mtimes(folder) -> dict:
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_the_same_bytes_again_are_archived_as_a_duplicate_and_make_nothing(workspace):
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.run().files_ok == 1
    before = mtimes(workspace.case_folder(CASE))
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    summary = workspace.run()
    assert summary.duplicates == 1 and summary.files_ok == 0 and summary.documents_written == 0
    assert mtimes(workspace.case_folder(CASE)) == before
    assert sorted(p.name for p in workspace.archive.iterdir()) == [
        "sak-fjordvik-2026-0412 (2).json", "sak-fjordvik-2026-0412.json"]
    counts = read_counts(workspace.state)
    assert (counts.processed, counts.duplicates, counts.failed) == (1, 1, 0)
    assert counts.last_processed is not None


def test_a_failed_file_dropped_again_is_tried_again(workspace):
    workspace.drop("tom.json", "")
    assert workspace.run().files_failed == 1
    workspace.drop("tom.json", "")
    summary = workspace.run()
    assert summary.files_failed == 1 and summary.duplicates == 0


def test_a_case_whose_data_and_templates_are_unchanged_keeps_its_files_untouched(workspace):
    workspace.drop("a.json", canonical_case())
    first = workspace.run()
    assert first.documents_written > 25
    before = mtimes(workspace.case_folder(CASE))
    # Other bytes (a later export date, other layout), the same case for the documents.
    workspace.drop("b.json", json.dumps(canonical_case(eksportert="2026-11-21"), indent=4))
    summary = workspace.run()
    assert summary.files_ok == 1 and summary.cases == 1 and summary.documents_written == 0
    assert mtimes(workspace.case_folder(CASE)) == before


def test_only_the_documents_that_change_are_rewritten(workspace):
    workspace.drop("a.json", canonical_case())
    total = workspace.run().documents_written
    workspace.drop("b.json", contact("Nora", "2026-11-21"))
    written = workspace.run().documents_written
    assert 0 < written <= total
    assert "Nora Bakke & Berg" in docx_text(workspace.case_folder(CASE) / PLAN)


def test_an_older_export_arriving_late_does_not_roll_the_case_back(workspace):
    workspace.drop("ny.json", contact("Nora", "2026-11-20"))
    workspace.run()
    before = mtimes(workspace.case_folder(CASE))
    workspace.drop("gammel.json", contact("Gunnar", "2026-10-01"))
    summary = workspace.run()
    assert summary.files_ok == 1 and summary.documents_written == 0
    after = mtimes(workspace.case_folder(CASE))
    assert {path: after[path] for path in before} == before  # a note on the conflict may be new
    text = docx_text(workspace.case_folder(CASE) / PLAN)
    assert "Nora Bakke & Berg" in text and "Gunnar" not in text


def plan_edited_by_caseworker(workspace, case: dict):
    """The case's plan made, then edited and saved in Word by a caseworker: its path and
    the edited bytes."""
    workspace.drop("a.json", case)
    workspace.run()
    plan = workspace.case_folder(CASE) / PLAN
    edited = open_docx(str(plan))
    edited.add_paragraph("Notat fra saksbehandler: avtalt ekstra besøk.")
    edited.save(str(plan))
    return plan, plan.read_bytes()


def test_a_document_a_caseworker_edited_survives_a_rerun(workspace):
    plan, edited_bytes = plan_edited_by_caseworker(workspace, canonical_case())

    workspace.drop("b.json", contact("Nora", "2026-11-21"))
    summary = workspace.run()
    beside = plan.with_name(f"01 Oppfølgingsplan ({NEW_VERSION}).docx")
    assert plan.read_bytes() == edited_bytes
    assert "Nora Bakke & Berg" in docx_text(beside)
    assert summary.new_versions == [{"sak": summary.new_versions[0]["sak"],
                                     "dokument": beside.name}]
    assert summary.new_versions[0]["sak"].startswith("sak-")

    # A later export updates our new version (and says so); the caseworker's file stays.
    workspace.drop("c.json", contact("Siri", "2026-11-22"))
    summary = workspace.run()
    assert plan.read_bytes() == edited_bytes
    assert "Siri Bakke & Berg" in docx_text(beside)
    assert not list(plan.parent.glob(f"*{NEW_VERSION} 2*"))
    assert [n["dokument"] for n in summary.new_versions] == [beside.name]


def test_a_new_version_follows_the_case_back_and_an_edited_one_is_left_alone(workspace):
    plan, edited_bytes = plan_edited_by_caseworker(workspace, contact("Ingrid", "2026-11-20"))
    workspace.drop("b.json", contact("Nora", "2026-11-21"))
    workspace.run()
    beside = plan.with_name(f"01 Oppfølgingsplan ({NEW_VERSION}).docx")
    assert "Nora Bakke & Berg" in docx_text(beside)

    # The journal corrects itself: the case is as it was when the caseworker edited the
    # plan. Their file is current again and stays as they left it; our new version beside
    # it no longer shows the contact person the case does not have.
    workspace.drop("c.json", contact("Ingrid", "2026-11-22"))
    workspace.run()
    assert plan.read_bytes() == edited_bytes
    text = docx_text(beside)
    assert "Ingrid Bakke & Berg" in text and "Nora" not in text
    assert not list(plan.parent.glob(f"*{NEW_VERSION} 2*"))

    # A new version someone edited is theirs too: never written over, and no third copy
    # while the first says what the case says.
    mine = open_docx(str(beside))
    mine.add_paragraph("Notat: sendt til fosterfamilien.")
    mine.save(str(beside))
    mine_bytes = beside.read_bytes()
    workspace.drop("d.json", contact("Nora", "2026-11-23"))
    workspace.run()
    workspace.drop("e.json", contact("Ingrid", "2026-11-24"))
    workspace.run()
    assert plan.read_bytes() == edited_bytes and beside.read_bytes() == mine_bytes
    second = plan.with_name(f"01 Oppfølgingsplan ({NEW_VERSION} 2).docx")
    assert "Ingrid Bakke & Berg" in docx_text(second) and "Nora" not in docx_text(second)


def test_the_cli_reports_documents_kept_because_someone_changed_them(workspace, capsys):
    workspace.drop("a.json", canonical_case())
    workspace.cli()
    plan = workspace.case_folder(CASE) / PLAN
    edited = open_docx(str(plan))
    edited.add_paragraph("Notat fra saksbehandler.")
    edited.save(str(plan))
    # mangler.txt edited too: the new export lacks nothing new, so it gets no new version
    (workspace.case_folder(CASE) / "mangler.txt").write_text("mine notater\n", encoding="utf-8")
    workspace.drop("b.json", contact("Nora", "2026-11-21"))
    workspace.cli()
    out = capsys.readouterr().out
    assert "endret etter at vi laget dem, og er ikke overskrevet" in out
    assert f"Oppfølgingsplan ({NEW_VERSION}).docx" in out
    assert "mangler (" not in out


def test_pending_writes_are_recognised_as_ours_after_a_crash(tmp_path):
    path = tmp_path / "dok.docx"
    path.write_bytes(b"gammel")
    with Ledger(tmp_path) as ledger:
        ledger.intend("dok.docx", sha256_file(path), "fp-1", [])
        ledger.confirm(["dok.docx"])
        new = b"ny"
        ledger.intend("dok.docx", hashlib.sha256(new).hexdigest(), "fp-2", ["x"])
        # Crash before the write: the old bytes are still ours, with the old fingerprint.
        assert ledger.ours("dok.docx", sha256_file(path)).fingerprint == "fp-1"
        # Crash after the write, before confirming: the new bytes are ours too.
        path.write_bytes(new)
        known = ledger.ours("dok.docx", sha256_file(path))
        assert (known.fingerprint, known.missing) == ("fp-2", ["x"])
        # Anything else is someone else's.
        path.write_bytes(b"endret i Word")
        assert ledger.ours("dok.docx", sha256_file(path)) is None
        assert ledger.ours("finnes-ikke.docx", None).fingerprint is None


def test_an_intent_is_synced_to_disk_and_a_confirmation_is_left_to_the_next_sync(tmp_path):
    """The intent before a write must survive a crash (else our own new bytes look like
    someone else's); a lost confirmation is made again by ours(), as above."""
    levels = []
    with Ledger(tmp_path) as ledger:
        db = ledger.db

        class Watching:  # records the sync level each transaction commits at
            def __getattr__(self, name):
                return getattr(db, name)

            def __enter__(self):
                levels.append(db.execute("PRAGMA synchronous").fetchone()[0])
                return db.__enter__()

            def __exit__(self, *exc):
                return db.__exit__(*exc)

        ledger._db = Watching()
        ledger.intend("dok.docx", "a" * 64, "fp", [])
        ledger.confirm(["dok.docx"])
        ledger.intend("dok.docx", "b" * 64, "fp", [])
        assert levels == [2, 1, 2]  # FULL, NORMAL, FULL
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
        ledger._db = db


def test_ledger_outcomes_and_counts(tmp_path):
    with Ledger(tmp_path) as ledger:
        assert ledger.retry("a" * 64, "aaaaaaaaaa", "PermissionError") == 1
        assert ledger.retry("a" * 64, "aaaaaaaaaa", "PermissionError") == 2
        assert ledger.counts().retrying == 1
        ledger.finished("a" * 64, "aaaaaaaaaa", DONE)
        ledger.finished("a" * 64, "aaaaaaaaaa", DUPLICATE)
        assert ledger.outcome("a" * 64) == DONE
        counts = ledger.counts()
        assert (counts.processed, counts.duplicates, counts.retrying) == (1, 1, 0)
    assert oct((tmp_path / "journal.sqlite3").stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("first_alone, flushes", [(True, 2), (False, 1)])
def test_a_cases_documents_go_together_unless_someone_waits_for_the_first(
        tmp_path, first_alone, flushes):
    """For a small input the first document is out at once, on its own; in a big one (in
    the workers) a case's documents share one intent and one sync of their folders."""
    from omsorgspakke_docs.store.commit import DocumentWriter

    intents = []
    with Ledger(tmp_path) as ledger:
        real = ledger.intend_many
        ledger.intend_many = lambda rows: intents.append(len(list(rows))) or None
        writer = DocumentWriter(ledger, tmp_path, first_alone)
        for n in range(3):
            placed = writer.place(tmp_path / f"dok-{n}.docx", f"fp-{n}")
            writer.write(placed, f"innhold {n}".encode(), [])
        writer.flush()
        ledger.intend_many = real
    assert len(intents) == flushes and sum(intents) == 3
    assert sorted(p.name for p in tmp_path.glob("dok-*.docx")) == [
        "dok-0.docx", "dok-1.docx", "dok-2.docx"]
