"""A big export's cases made in worker processes: the same documents as in one process."""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from bench.generate import Synth, write_canonical_list
from omsorgspakke_docs.plugins import make_manager
from omsorgspakke_docs.run import parallel
from omsorgspakke_docs.run.pipeline import Pipeline

from .conftest import TODAY, make_workspace


@pytest.fixture(autouse=True)
def workers_early(monkeypatch):
    monkeypatch.setattr(parallel, "START_AFTER", 1)
    monkeypatch.setattr(parallel, "WORKERS_PAY_OFF_S", 0, raising=False)  # however few
    monkeypatch.setattr(parallel, "HERE_WHILE_STARTING", False)  # the workers get the cases


def run(ws, workers: int):
    settings = ws.settings()
    pipeline = Pipeline(settings, make_manager(settings.paths.plugins), workers=workers)
    summary = pipeline.run(TODAY)
    assert summary.files_failed == 0 and not summary.retrying, summary.as_json()
    return summary


def word_documents(ws) -> dict[str, str]:
    return {p.relative_to(ws.outbox).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in ws.outbox.rglob("*.docx")}


def folder_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def test_workers_make_the_same_documents_as_one_process(tmp_path):
    cases = list(Synth(TODAY).cases(6))
    cases.append({**cases[2], "eksportert": TODAY.isoformat(),
                  "kontaktperson": {**cases[2]["kontaktperson"], "telefon": "400 12 345"}})
    made = {}
    for workers in (1, 2):
        ws = make_workspace(tmp_path / str(workers))
        write_canonical_list(cases, ws.inbox / "saker.json")
        made[workers] = (run(ws, workers), word_documents(ws))
    (one, docs_one), (two, docs_two) = made[1], made[2]
    assert docs_two == docs_one
    assert (two.cases, two.documents_written) == (one.cases, one.documents_written)
    assert sorted(map(folder_name, two.case_folders)) == sorted(map(folder_name, one.case_folders))


def test_a_workers_report_of_a_changed_document_reaches_the_reading_process(workspace, caplog,
                                                                           monkeypatch):
    monkeypatch.setattr(parallel, "START_AFTER", 0)
    cases = list(Synth(TODAY).cases(3))
    write_canonical_list(cases, workspace.inbox / "first.json")
    run(workspace, 1)
    last = cases[-1]
    letter = next(workspace.case_folder(last["journalnummer"]).glob("01 *.docx"))
    letter.write_bytes(letter.read_bytes() + b"edited")
    last["kontaktperson"]["telefon"] = "400 55 555"
    write_canonical_list(cases, workspace.inbox / "second.json")
    with caplog.at_level(logging.WARNING, logger="omsorgspakke"):
        summary = run(workspace, 2)
    assert [v["dokument"] for v in summary.new_versions] == [
        letter.name.replace(".docx", " (ny versjon).docx")]
    assert any(r.process != os.getpid() and "ny versjon" in r.getMessage()
               for r in caplog.records)


@pytest.mark.parametrize("count", [4, 9])
def test_workers_that_cannot_start_leave_the_work_to_the_reading_process(workspace,
                                                                          monkeypatch, count):
    """9 cases: more than the workers hold at once, so a case waits for a place when the
    workers are found to have stopped (it was set aside with an AttributeError)."""
    def broken(self):
        self._pool = ProcessPoolExecutor(1, initializer=os._exit, initargs=(1,))

    monkeypatch.setattr(parallel.CaseRenders, "_start", broken)
    cases = list(Synth(TODAY).cases(count))
    write_canonical_list(cases, workspace.inbox / "saker.json")
    summary = run(workspace, 2)
    assert summary.cases == count
    assert list(workspace.archive.iterdir()) and not list(workspace.failed.iterdir())
    assert all(workspace.documents(c["journalnummer"]) for c in cases)
    # What a dead worker may have left half-written is looked for next time.
    from omsorgspakke_docs.run.pipeline import ENDED_WELL
    assert not (workspace.state / ENDED_WELL).exists()


PARENT = """
import subprocess, sys, time
subprocess.Popen([sys.executable, "-c", '''
import os, time
from omsorgspakke_docs.run import parallel
parallel._end_with_parent(os.getppid())
print(os.getpid(), flush=True)
time.sleep(120)
'''])
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_a_worker_ends_when_the_reading_process_is_killed():
    with subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE,
                          text=True) as parent:
        worker = int(parent.stdout.readline())
        assert _alive(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 20
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker), "the worker outlived the process that started it"


def test_cases_are_made_here_while_the_workers_start_and_the_documents_are_the_same(
        tmp_path, monkeypatch):
    """The reading process goes on making cases while its workers start up (a second or so
    of imports and templates); a large input's cases write their documents together. The
    documents are the same as from one process."""
    monkeypatch.setattr(parallel, "START_AFTER", 2)
    monkeypatch.setattr(parallel, "HERE_WHILE_STARTING", True)
    cases = list(Synth(TODAY).cases(8))
    made = {}
    for workers, large in ((1, 10**9), (2, 10**9), (2, 1)):
        monkeypatch.setattr(parallel, "LARGE_INPUT", large)
        ws = make_workspace(tmp_path / f"{workers}-{large}")
        write_canonical_list(cases, ws.inbox / "saker.json")
        made[workers, large] = (run(ws, workers).documents_written, word_documents(ws))
    assert made[2, 10**9] == made[1, 10**9] == made[2, 1]


def test_a_new_days_few_cases_to_make_are_made_here_without_starting_workers(workspace,
                                                                            monkeypatch):
    """A file most of whose cases are as before (a new day, a re-export) leaves only a few to
    make: starting the workers (imports, templates) would cost more than making them, so the
    reading process makes them, and the documents are written all the same."""
    cases = list(Synth(TODAY).cases(3))
    write_canonical_list(cases, workspace.inbox / "first.json")
    run(workspace, 1)
    monkeypatch.setattr(parallel, "START_AFTER", 0)
    monkeypatch.setattr(parallel, "WORKERS_PAY_OFF_S", 3.0, raising=False)
    started = []
    monkeypatch.setattr(parallel.CaseRenders, "_start", lambda self: started.append(self))
    cases[1]["kontaktperson"]["telefon"] = "400 55 555"
    write_canonical_list(cases, workspace.inbox / "second.json")
    summary = run(workspace, 2)
    assert summary.documents_written > 0
    assert summary.cases_unchanged == 2
    assert not started
