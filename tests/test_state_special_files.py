"""Something other than a file of ours where the program keeps a file in the state folder
(a named pipe, a link out of the folder, a folder): the run neither waits on it nor reads
through it, and goes on as if the file were not there (store/commit.read_state_file)."""

from __future__ import annotations

import json
import os
import threading

import pytest

from omsorgspakke_docs.rendering.uses import KEPT_FILE
from omsorgspakke_docs.store.state import State

from .conftest import canonical_case, docx_text

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

WAIT_SECONDS = 120
"""Far more than a run of one case takes: only a run that waits for ever goes past it."""


def finishes(work) -> object:
    """work() in a thread; its result, or a failure when it is still waiting after
    WAIT_SECONDS (a pipe opened for reading waits for a writer)."""
    done: dict[str, object] = {}

    def run() -> None:
        try:
            done["result"] = work()
        except BaseException as exc:  # (handed to the test)
            done["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(WAIT_SECONDS)
    assert not thread.is_alive(), "the run is still waiting on something in the state folder"
    if "error" in done:
        raise done["error"]  # type: ignore[misc]
    return done["result"]


def release(fifo) -> None:
    """Lets a reader waiting on fifo go on (a test that failed leaves no thread waiting)."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


def outside_pipe(tmp_path):
    pipe = tmp_path / "utenfor" / "rør"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    return pipe


ODD = {
    "a named pipe": lambda kept, tmp_path: os.mkfifo(kept),
    "a link to a pipe outside": lambda kept, tmp_path: kept.symlink_to(outside_pipe(tmp_path)),
}


@pytest.mark.parametrize("odd", ODD)
def test_an_odd_file_of_template_fields_neither_hangs_the_run_nor_is_read(workspace, tmp_path,
                                                                         odd):
    kept = workspace.state / KEPT_FILE
    ODD[odd](kept, tmp_path)
    workspace.drop("sak.json", canonical_case())
    try:
        summary = finishes(workspace.run)
    finally:
        release(kept)
        release(tmp_path / "utenfor" / "rør")
    assert summary.files_failed == 0 and summary.documents_written > 0
    plan = workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx"
    assert "Oppfølgingsplan" in docx_text(plan)
    # Written anew in its place, as a file of its own: the next run reads it.
    assert kept.is_file() and not kept.is_symlink()
    assert json.loads(kept.read_text(encoding="utf-8"))["uses"]


def test_a_folder_where_the_template_fields_are_kept_does_not_stop_the_run(workspace):
    (workspace.state / KEPT_FILE).mkdir()
    workspace.drop("sak.json", canonical_case())
    summary = finishes(workspace.run)
    assert summary.files_failed == 0 and summary.documents_written > 0
    assert (workspace.state / KEPT_FILE).is_dir()  # someone's: left as it is


def test_named_pipes_in_place_of_the_state_folders_caches_do_not_hang_the_next_run(workspace):
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    state = workspace.state
    caches = [state / "lest.json", state / "oversikter" / "saksoversikt.rows",
              state / "oversikter" / "utsending.rows", *(state / "rendered").glob("sak-*.json")]
    assert all(cache.is_file() for cache in caches) and len(caches) == 4
    for cache in caches:
        cache.unlink()
        os.mkfifo(cache)
    changed = canonical_case()
    changed["kontaktperson"]["telefon"] = "400 11 222"  # every document is made again
    workspace.drop("again.json", changed)
    try:
        summary = finishes(workspace.run)
    finally:
        for cache in caches:
            release(cache)
    assert summary.files_failed == 0
    plan = workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx"
    assert "400 11 222" in docx_text(plan)


def test_a_named_pipe_in_place_of_a_case_is_left_out_of_the_overviews(workspace):
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    state = State(workspace.state)
    (kept,) = state.cases_dir.glob("sak-*.json")
    fifo = state.cases_dir / "sak-000000000000.json"
    os.mkfifo(fifo)
    try:
        cases = finishes(state.all_cases)
        heads = finishes(state.case_heads)
    finally:
        release(fifo)
    assert [case.journalnummer for case in cases] == ["2026-0412"]
    assert [head.file for head in heads] == [kept.name]
