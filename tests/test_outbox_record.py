"""A state folder and an outbox backed up apart, at other times, and one restored: the
documents we wrote are still ours, and a caseworker's changed one still gets its new version
beside it (store/written.py, the outbox's own record of what we wrote)."""

from __future__ import annotations

import hashlib
import shutil
import tracemalloc
from datetime import timedelta

from docx import Document as open_docx

from omsorgspakke_docs.store import safenames
from omsorgspakke_docs.store.commit import NEW_VERSION
from omsorgspakke_docs.store.written import FOLDER, Written

from .conftest import TODAY, docx_text

CASE = "sak-fjordvik-2026-0412.json"
LATER = TODAY + timedelta(days=70)
PLAN = "01 Oppfølgingsplan.docx"


def _new_versions(workspace) -> list[str]:
    return sorted(p.relative_to(workspace.outbox).as_posix()
                  for p in workspace.outbox.rglob(f"*({NEW_VERSION}*"))


def _edit(path) -> None:
    """What a caseworker does: opens the document, writes a line in it, saves it."""
    document = open_docx(str(path))
    document.add_paragraph("Notat fra saksbehandler.")
    document.save(str(path))


def _backup(folder, to):
    shutil.copytree(folder, to, copy_function=shutil.copy2)


def _restore(backup, folder):
    shutil.rmtree(folder)
    shutil.copytree(backup, folder, copy_function=shutil.copy2)


def test_state_restored_from_an_older_backup_makes_no_new_versions(workspace, tmp_path):
    workspace.drop_example(CASE)
    workspace.run(TODAY)
    _backup(workspace.state, tmp_path / "backup")  # last night's backup of the state folder
    workspace.drop_example(CASE)
    assert workspace.run(LATER).documents_written > 0  # the day's documents, after the backup
    folder = workspace.case_folder("2026-0412")
    _edit(folder / PLAN)
    edited = (folder / PLAN).read_bytes()
    _restore(tmp_path / "backup", workspace.state)  # the server's disk failed

    workspace.drop_example(CASE)
    workspace.run(LATER + timedelta(days=1))

    # Only the plan the caseworker wrote in has a new version beside it; it is as she left it.
    assert _new_versions(workspace) == [f"2026-0412/01 Oppfølgingsplan ({NEW_VERSION}).docx"]
    assert (folder / PLAN).read_bytes() == edited
    assert "Notat fra saksbehandler." in docx_text(folder / PLAN)


def test_outbox_restored_from_an_older_backup_makes_no_new_versions(workspace, tmp_path):
    workspace.drop_example(CASE)
    workspace.run(TODAY)
    _backup(workspace.outbox, tmp_path / "backup")  # the file share's backup, a day behind
    workspace.drop_example(CASE)
    assert workspace.run(LATER).documents_written > 0
    _restore(tmp_path / "backup", workspace.outbox)

    workspace.drop_example(CASE)
    workspace.run(LATER + timedelta(days=1))

    assert _new_versions(workspace) == []
    plan = docx_text(workspace.case_folder("2026-0412") / PLAN)
    assert plan  # made again over the older one


def test_a_record_that_is_not_ours_is_no_record(workspace, tmp_path):
    """Someone's file, or a link to a folder elsewhere, where the record goes: nothing is
    read through it or written there, and a document it claims stays someone's."""
    workspace.drop_example(CASE)
    workspace.run(TODAY)
    _backup(workspace.state, tmp_path / "backup")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(workspace.outbox / FOLDER)
    (workspace.outbox / FOLDER).symlink_to(elsewhere, target_is_directory=True)
    workspace.drop_example(CASE)
    workspace.run(LATER)
    assert list(elsewhere.iterdir()) == []  # nothing written through the link
    _restore(tmp_path / "backup", workspace.state)

    workspace.drop_example(CASE)
    workspace.run(LATER + timedelta(days=1))

    # Without a record of ours, the documents of LATER are taken for someone's, as before.
    assert f"2026-0412/01 Oppfølgingsplan ({NEW_VERSION}).docx" in _new_versions(workspace)


def test_a_record_nested_too_deep_to_read_is_no_record(workspace):
    """A record's file someone filled with brackets nested deeper than Python reads: no
    record, and the case's documents are made as for an outbox without one."""
    shard = Written(workspace.outbox)._name(f"2026-0412/{PLAN}")
    (workspace.outbox / FOLDER).mkdir()
    (workspace.outbox / FOLDER / shard).write_text("[" * 100_000, encoding="utf-8")
    workspace.drop_example(CASE)

    workspace.run(TODAY)

    assert list(workspace.failed.iterdir()) == []
    assert "Oppfølgingsplan" in docx_text(workspace.case_folder("2026-0412") / PLAN)


def test_the_record_does_not_grow_in_memory_with_the_cases_done(tmp_path):
    """A big export's run writes the documents of case after case: what the record holds in
    memory stays bounded (bench/memory.py: memory must not grow with the cases done)."""
    record = Written(tmp_path)
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for case in range(400):
            record.remember({f"2026-{case:04d}/Innkallinger/Foreldre/Tema {n} - mor.docx":
                             hashlib.sha256(f"{case}:{n}".encode()).hexdigest()
                             for n in range(90)})
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert grown < 2 << 20  # 400 case folders kept whole took some 10 MB
    assert record.holds("2026-0000/Innkallinger/Foreldre/Tema 0 - mor.docx",
                        hashlib.sha256(b"0:0").hexdigest())  # read again from its file


def test_the_record_is_not_looked_into_as_a_case_folder_for_each_case(workspace, monkeypatch):
    """A folder with a name no journal number gives may be a case's from an earlier release
    (store/safenames.py): each case prepared looks into such folders for its marker. The
    record's folder is ours and never a case's: not looked into for every case, on a file
    share a few round trips each."""
    workspace.drop_example(CASE)
    workspace.run(TODAY)
    assert (workspace.outbox / FOLDER).is_dir()
    looked_into = []
    owner = safenames._owner
    monkeypatch.setattr(safenames, "_owner",
                        lambda folder: looked_into.append(folder.name) or owner(folder))
    workspace.drop_example(CASE)
    assert workspace.run(LATER).documents_written > 0
    assert FOLDER not in looked_into
