"""The outbox's record of what we wrote (store/written.py) attacked: a caseworker's file is
overwritten only when its bytes are exactly those we last wrote at its path, or the ledger
knows them as ours; anything else is kept and the new document goes beside it. The record
is never read or written through a link out of the outbox, and a damaged one is no record."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from datetime import timedelta

import openpyxl
import pytest

from omsorgspakke_docs.store import ledger as ledger_module
from omsorgspakke_docs.store.commit import NEW_VERSION
from omsorgspakke_docs.store.written import FOLDER, Written

from .conftest import TODAY

CASE = "sak-fjordvik-2026-0412.json"
PLAN = "01 Oppfølgingsplan.docx"
KEY = f"2026-0412/{PLAN}"
BESIDE = f"2026-0412/01 Oppfølgingsplan ({NEW_VERSION}).docx"
OVERVIEW = "Saksoversikt.xlsx"
DAY2, DAY3, DAY4 = (TODAY + timedelta(days=n) for n in (70, 140, 141))


def _new_versions(workspace) -> list[str]:
    return sorted(p.relative_to(workspace.outbox).as_posix()
                  for p in workspace.outbox.rglob(f"*({NEW_VERSION}*"))


def _run(workspace, day) -> None:
    workspace.drop_example(CASE)
    workspace.run(day)


def _swap_for_a_link(workspace, elsewhere) -> None:
    """What someone does to the record's folder: moves it aside in the outbox, and puts a
    link to a folder out of the outbox in its place."""
    (workspace.outbox / FOLDER).rename(workspace.outbox / ".flyttet")
    (workspace.outbox / FOLDER).symlink_to(elsewhere, target_is_directory=True)


def _on_first_open_in_record(monkeypatch, then, creating: bool, armed=lambda: True) -> None:
    """then() once, just before the first os.open of the record's folder or of a file in
    it (creating: a new file's; else a reading one) once armed(): the moment between looking
    at the folder and using it, where a link put in its place is a race."""
    real_open, done = os.open, []

    def opening(path, flags, *args, **kwargs):
        named = FOLDER in os.fspath(path) or (
            kwargs.get("dir_fd") is not None and str(path).startswith(".tmp-"))
        if not done and named and bool(flags & os.O_CREAT) == creating and armed():
            done.append(True)
            then()
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", opening)


# -- a) only the bytes we last wrote ------------------------------------------------------
def _put_back_and_run(workspace, folder, first: bytes) -> None:
    """The day's plan is new; a caseworker puts back her copy of the first day's, and the
    next day's run keeps it, the new plan beside it (an earlier version of ours put back
    after a state restored from a backup: test_written_record_paths.py)."""
    assert (folder / PLAN).read_bytes() != first
    (folder / PLAN).write_bytes(first)

    _run(workspace, DAY3)

    assert (folder / PLAN).read_bytes() == first
    assert _new_versions(workspace) == [BESIDE]


def test_a_record_update_lost_after_the_documents_overwrites_no_earlier_copy(
        workspace, monkeypatch):
    """The process stopped right after the documents were written and the ledger knew them,
    before the record had them (killed by the service manager, say): the record still had
    the first day's plan. A caseworker then puts back her copy of that plan; it was taken
    for ours by the record and overwritten. Kept now, the new plan beside it."""
    _run(workspace, TODAY)
    folder = workspace.case_folder("2026-0412")
    first = (folder / PLAN).read_bytes()
    with monkeypatch.context() as patched:
        patched.setattr(ledger_module.Ledger, "written_now", lambda self, hashes: None)
        _run(workspace, DAY2)
    _put_back_and_run(workspace, folder, first)


def test_a_confirmation_lost_in_a_crash_is_made_when_the_service_starts_again(
        workspace, monkeypatch):
    """The process died after the day's documents were written, before the ledger confirmed
    them (or the power went and took the confirmation): the ledger held the first day's plan
    as ours too, and a caseworker's copy of it put back after the service started again was
    overwritten. The start confirms the plan on disk; her copy is kept, the new plan beside
    it."""
    _run(workspace, TODAY)
    folder = workspace.case_folder("2026-0412")
    first = (folder / PLAN).read_bytes()
    with monkeypatch.context() as patched:
        patched.setattr(ledger_module.Ledger, "confirm", lambda self, paths: None)
        _run(workspace, DAY2)
    workspace.run(DAY2)  # the service started again that day, with nothing new to do
    _put_back_and_run(workspace, folder, first)


def test_a_record_the_share_refused_to_update_is_no_record(workspace, monkeypatch):
    """The share refused the record's new file one day (full, or a passing error): the
    record kept the first day's plan, and a caseworker's copy of that plan put back later
    was overwritten. The record that could not be updated is no record now."""
    _run(workspace, TODAY)
    folder = workspace.case_folder("2026-0412")
    first = (folder / PLAN).read_bytes()
    real_replace = os.replace

    def replacing(src, dst, *args, **kwargs):
        if FOLDER in os.fspath(dst) or kwargs.get("dst_dir_fd") is not None:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", replacing)
        _run(workspace, DAY2)
    _put_back_and_run(workspace, folder, first)


# -- b) links put in the record's place while it is used ------------------------------------
def test_the_record_is_not_written_through_a_link_put_in_its_place_meanwhile(
        workspace, tmp_path, monkeypatch):
    _run(workspace, TODAY)
    elsewhere = tmp_path / "utenfor-utboksen"
    elsewhere.mkdir()
    _on_first_open_in_record(monkeypatch, lambda: _swap_for_a_link(workspace, elsewhere),
                             creating=True)

    _run(workspace, DAY2)

    assert list(elsewhere.iterdir()) == []


def test_the_record_is_not_read_through_a_link_put_in_its_place_meanwhile(
        workspace, tmp_path, monkeypatch):
    """A file out of the outbox, linked in as the record, claims the plan a caseworker wrote
    in as ours: her plan is kept as she left it, the new plan beside it."""
    _run(workspace, TODAY)
    folder = workspace.case_folder("2026-0412")
    with open(folder / PLAN, "ab") as plan:
        plan.write(b"\0")  # (her edit: any other bytes)
    edited = (folder / PLAN).read_bytes()
    elsewhere = tmp_path / "utenfor-utboksen"
    elsewhere.mkdir()
    (elsewhere / Written._name(KEY)).write_text(
        json.dumps({KEY: hashlib.sha256(edited).hexdigest()}), encoding="utf-8")
    asked, holds = [], Written.holds

    def holding(self, path, sha256):  # the record asked about her plan
        asked.append(path == KEY)
        return holds(self, path, sha256)

    monkeypatch.setattr(Written, "holds", holding)
    _on_first_open_in_record(monkeypatch, lambda: _swap_for_a_link(workspace, elsewhere),
                             creating=False, armed=lambda: any(asked))

    _run(workspace, DAY2)

    assert (folder / PLAN).read_bytes() == edited
    assert BESIDE in _new_versions(workspace)


# -- c) the outbox's own workbooks share one file of the record -------------------------------
@pytest.mark.parametrize("damage", ["cut short", "not UTF-8", "a list", "a folder"])
def test_a_damaged_record_of_the_outbox_workbooks_keeps_a_changed_one(workspace, damage):
    """Saksoversikt and Til utsending lie in no case folder: their record is one file for
    the outbox. Damaged, it is no record: the run goes on, and the team leader's Saksoversikt
    with her own sheet in it is kept as she saved it, the new one beside it."""
    _run(workspace, TODAY)
    overview = workspace.outbox / OVERVIEW
    book = openpyxl.load_workbook(overview)
    book.create_sheet("Mine notater")["A1"] = "Ring barneverntjenesten"
    book.save(overview)
    edited = overview.read_bytes()
    shard = workspace.outbox / FOLDER / Written._name(OVERVIEW)
    good = shard.read_bytes()
    shard.unlink()
    if damage == "a folder":
        shard.mkdir()
    else:
        shard.write_bytes({"cut short": good[: len(good) // 2],
                           "not UTF-8": b"\xff\xfe\xfa" + good,
                           "a list": json.dumps([json.loads(good)]).encode()}[damage])

    _run(workspace, DAY2)

    assert list(workspace.failed.iterdir()) == []
    assert overview.read_bytes() == edited
    assert f"Saksoversikt ({NEW_VERSION}).xlsx" in _new_versions(workspace)


def test_two_processes_on_one_outbox_keep_each_others_records(tmp_path):
    """A watch and a run by hand (the state's lock keeps them apart, but not the record's
    own files), or the reading process and a worker: what one writes to the file both use
    is not lost by the other's next write."""
    run, watch = Written(tmp_path), Written(tmp_path)
    first, second, third = (hashlib.sha256(n).hexdigest() for n in (b"1", b"2", b"3"))
    run.remember({OVERVIEW: first})
    watch.remember({"Til utsending.xlsx": second})
    run.remember({f"Saksoversikt ({NEW_VERSION}).xlsx": third})

    fresh = Written(tmp_path)
    assert fresh.holds(OVERVIEW, first) and fresh.holds("Til utsending.xlsx", second)
    assert fresh.holds(f"Saksoversikt ({NEW_VERSION}).xlsx", third)
