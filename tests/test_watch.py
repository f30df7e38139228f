"""The watched inbox: a file is taken once, complete; nothing is lost; polling works the same.

Timing appears only as generous deadlines for pickup; completeness rules are tested with a
fake clock (test_readiness_*).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from omsorgspakke_docs.intake import inbox
from omsorgspakke_docs.plugins import make_manager
from omsorgspakke_docs.run import file_step
from omsorgspakke_docs.run.pipeline import Pipeline
from omsorgspakke_docs.run.watch import CLOSE_GRACE_SECONDS, Readiness, Watcher
from omsorgspakke_docs.store import commit

from .conftest import ROOT, TODAY, Workspace, canonical_case

DEADLINE = 90.0
MODES = ["native", "polling"]
FAST = {"settle_seconds": 1.0, "poll_interval_seconds": 0.2, "retry_first_seconds": 0.05,
        "retry_max_seconds": 0.2}


# -- helpers, also used by test_crash*.py and test_status.py --------------------------------
def configure(ws: Workspace, **watch) -> Workspace:
    """Add a [watch] section with quick settings (and any overrides) to the workspace config."""
    values = {**FAST, **watch}
    lines = "".join(f"{k} = {v}\n" for k, v in values.items())
    with open(ws.config_file, "a", encoding="utf-8") as handle:
        handle.write(f"\n[watch]\n{lines}")
    return ws


def skipped_case(number: int) -> dict:
    """A small case whose placement is too old to qualify: processed quickly, no documents."""
    return canonical_case(journalnummer=f"2023-{number:04d}",
                          plassering={"startdato": "2023-01-09", "kategori": "2.2"})


def real_case(number: int, **overrides) -> dict:
    return canonical_case(journalnummer=f"2026-{number:04d}", **overrides)


def wait_until(condition: Callable[[], bool], what: str, deadline: float = DEADLINE) -> None:
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def inputs_left(ws: Workspace) -> list[Path]:
    left = [p for p in ws.inbox.iterdir() if inbox.is_candidate(p)]
    return left + inbox.interrupted(ws.inbox)


def files(folder: Path, suffix: str = "") -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.name.endswith(suffix))


@contextmanager
def watching(ws: Workspace, mode: str = "native", today: date = TODAY) -> Iterator[Watcher]:
    """A watcher running in a thread for the duration of the block; stopped cleanly after."""
    settings = ws.settings()
    pipeline = Pipeline(settings, make_manager(settings.paths.plugins))
    watcher = Watcher(pipeline, polling=mode == "polling", today=today)
    watcher.finished = threading.Event()
    errors: list[BaseException] = []

    def run():
        try:
            watcher.run()
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)
        finally:
            watcher.finished.set()

    thread = threading.Thread(target=run, name="watcher")
    thread.start()
    try:
        yield watcher
    finally:
        watcher.stop()
        thread.join(timeout=DEADLINE)
    assert not thread.is_alive(), "the watcher did not stop"
    if errors:
        raise errors[0]


def spawn(ws: Workspace, *args: str, today: date = TODAY) -> subprocess.Popen:
    """omsorgspakke watch in its own process, as a service would run it; stderr to a file."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(ws.root / "watch.stderr", "ab") as stderr:
        return subprocess.Popen(
            [sys.executable, "-m", "omsorgspakke_docs", "watch", "--config",
             str(ws.config_file), "--today", today.isoformat(), *args],
            cwd=ws.root, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
        )


def wait_started(ws: Workspace, already: int = 0) -> None:
    """Until the spawned watcher says it is watching (it then holds the lock and stops cleanly
    on SIGTERM); already: how many times earlier watchers said so in the same stderr file."""
    log = ws.root / "watch.stderr"
    wait_until(lambda: log.exists() and log.read_text(encoding="utf-8", errors="replace")
               .count("Følger med på innboksen") > already, "the watcher to start")


# -- completeness, with a fake clock --------------------------------------------------------
class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def readiness(settle: float, closes: bool) -> tuple[Clock, Readiness]:
    clock = Clock()
    return clock, Readiness(settle_seconds=settle, tracks_closes=closes, clock=clock)


def test_readiness_a_growing_file_waits_until_it_has_settled():
    clock, ready = readiness(1.0, closes=False)
    assert ready.observe({"a.json": (10, 1)}) == []
    clock.now += 0.9
    assert ready.observe({"a.json": (20, 2)}) == []
    clock.now += 0.9
    assert ready.observe({"a.json": (20, 2)}) == []
    assert ready.next_check() == pytest.approx(clock.now + 0.1)
    clock.now += 0.2
    assert ready.observe({"a.json": (20, 2)}) == ["a.json"]


def test_readiness_close_after_write_is_taken_after_a_short_grace():
    clock, ready = readiness(5.0, closes=True)
    ready.hint("changed", "a.json")
    assert ready.observe({"a.json": (10, 1)}) == []
    clock.now += 10  # a writer that pauses for long keeps the file open: not taken
    assert ready.observe({"a.json": (10, 1)}) == []
    ready.hint("closed", "a.json")
    clock.now += CLOSE_GRACE_SECONDS
    assert ready.observe({"a.json": (10, 1)}) == ["a.json"]
    ready.hint("changed", "a.json")  # reopened and written again: wait for the next close
    clock.now += 1
    assert ready.observe({"a.json": (30, 2)}) == []


def test_readiness_an_empty_file_closed_is_not_yet_complete():
    clock, ready = readiness(2.0, closes=True)
    ready.hint("closed", "a.json")
    assert ready.observe({"a.json": (0, 1)}) == []
    clock.now += 1
    assert ready.observe({"a.json": (0, 1)}) == []
    clock.now += 1
    assert ready.observe({"a.json": (0, 1)}) == ["a.json"]


def test_readiness_forgets_files_that_went_away():
    clock, ready = readiness(1.0, closes=True)
    ready.hint("changed", "a.json")
    ready.observe({"a.json": (1, 1)})
    assert ready.observe({}) == [] and ready.versions == {} and not ready.writing


@pytest.mark.parametrize("name", ["~$Referat.docx", "eksport.tmp", ".~lock.eksport.json#",
                                  "eksport.json.part", ".skjult.json", "eksport.crdownload"])
def test_temporary_lock_and_hidden_files_are_not_candidates(tmp_path, name):
    path = tmp_path / name
    path.write_text("{}", encoding="utf-8")
    assert not inbox.is_candidate(path)


# -- pickup, in both modes ------------------------------------------------------------------
@pytest.mark.parametrize("mode", MODES)
def test_a_file_written_slowly_in_chunks_is_read_once_complete(workspace, mode):
    configure(workspace)
    data = json.dumps(real_case(1), ensure_ascii=False, indent=1).encode("utf-8")
    chunks = [data[i:i + len(data) // 8 + 1] for i in range(0, len(data), len(data) // 8 + 1)]
    with watching(workspace, mode) as watcher:
        with open(workspace.inbox / "sak.json", "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
                handle.flush()
                time.sleep(0.1)
        wait_until(lambda: not inputs_left(workspace), "the file to be processed")
    assert files(workspace.archive) == ["sak.json"]
    assert (workspace.archive / "sak.json").read_bytes() == data
    assert files(workspace.failed) == []
    assert watcher.summary.files_ok == 1 and watcher.summary.files_failed == 0
    assert (workspace.case_folder("2026-0001") / "01 Oppfølgingsplan.docx").is_file()


@pytest.mark.parametrize("mode", MODES)
def test_300_files_dropped_while_the_watcher_was_down_are_all_processed(workspace, mode):
    configure(workspace)
    names = [f"sak-{n:03d}.json" for n in range(300)]
    for n, name in enumerate(names):
        workspace.drop(name, real_case(n) if n < 2 else skipped_case(n))
    ignored = ["~$Oppfølgingsplan.docx", "halvferdig.part", ".skjult.json", "eksport.tmp"]
    for name in ignored:
        workspace.drop(name, "{}")
    with watching(workspace, mode) as watcher:
        wait_until(lambda: not inputs_left(workspace), "all 300 files")
    assert files(workspace.archive) == names
    assert files(workspace.failed) == []
    assert sorted(p.name for p in workspace.inbox.iterdir() if p.is_file()) == sorted(ignored)
    assert watcher.summary.files_ok == 300
    assert watcher.summary.cases == 2 and watcher.summary.cases_skipped == 298


@pytest.mark.parametrize("mode", MODES)
def test_the_same_file_dropped_twice_yields_one_set_of_documents(workspace, mode):
    configure(workspace)
    data = json.dumps(real_case(7), ensure_ascii=False).encode("utf-8")
    folder = workspace.case_folder("2026-0007")
    with watching(workspace, mode) as watcher:
        (workspace.inbox / "eksport.json").write_bytes(data)
        wait_until(lambda: files(workspace.archive) == ["eksport.json"], "the first copy")
        before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
        (workspace.inbox / "eksport (kopi).json").write_bytes(data)
        wait_until(lambda: len(files(workspace.archive)) == 2, "the second copy")
    after = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in after if "ny versjon" in p.name]
    assert watcher.summary.files_ok == 1 and watcher.summary.duplicates == 1


# -- errors that may pass, and stopping -----------------------------------------------------
def test_a_locked_document_is_retried_with_backoff_and_the_input_is_not_failed(workspace,
                                                                                monkeypatch):
    configure(workspace)
    real_write, calls = commit.write_atomic, []

    def locked_twice(path, data, **kwargs):
        calls.append(path)
        if len(calls) <= 2:
            raise PermissionError(13, "locked")
        real_write(path, data, **kwargs)

    monkeypatch.setattr(commit, "write_atomic", locked_twice)
    workspace.drop("sak.json", real_case(3))
    with watching(workspace) as watcher:
        wait_until(lambda: files(workspace.archive) == ["sak.json"], "the retried file")
    assert files(workspace.failed) == []
    assert watcher.summary.files_ok == 1 and watcher.summary.retrying == {}
    assert (workspace.case_folder("2026-0003") / "01 Oppfølgingsplan.docx").is_file()


def test_a_file_that_cannot_be_claimed_is_tried_again(workspace, monkeypatch):
    configure(workspace)
    real_rename, refused = os.rename, []

    def locked_once(src, dst):
        if Path(src).parent == workspace.inbox and not refused:
            refused.append(src)
            raise PermissionError(13, "in use by another process")
        real_rename(src, dst)

    monkeypatch.setattr(inbox.os, "rename", locked_once)
    workspace.drop("sak.json", skipped_case(1))
    with watching(workspace):
        wait_until(lambda: files(workspace.archive) == ["sak.json"], "the locked file")
    assert refused and files(workspace.failed) == []


def test_run_retries_a_passing_error_and_then_leaves_the_file_for_later(workspace, monkeypatch):
    configure(workspace)
    monkeypatch.setattr(commit, "write_atomic", _always_locked)
    workspace.drop("sak.json", real_case(4))
    summary = workspace.run()
    assert summary.exit_code == 1 and len(summary.retrying) == 1
    assert files(workspace.failed) == [] and files(workspace.archive) == []
    assert [p.name for p in inbox.interrupted(workspace.inbox)] == ["sak.json"]
    monkeypatch.undo()
    summary = workspace.run()
    assert summary.files_ok == 1 and files(workspace.archive) == ["sak.json"]


def _always_locked(path, data, **kwargs):
    raise PermissionError(13, "locked")


def test_a_hard_stop_in_the_middle_puts_the_file_back(workspace, monkeypatch):
    configure(workspace)
    workspace.drop("sak.json", real_case(5))

    def interrupted(*_, **__):
        raise KeyboardInterrupt

    monkeypatch.setattr(file_step, "merge_and_plan", interrupted)
    with pytest.raises(KeyboardInterrupt), watching(workspace) as watcher:
        wait_until(watcher.finished.is_set, "the interruption")
    assert files(workspace.inbox) == ["sak.json"]
    assert inbox.interrupted(workspace.inbox) == []


def test_sigterm_finishes_the_file_in_hand_and_exits_cleanly(workspace):
    configure(workspace)
    process = spawn(workspace)
    try:
        workspace.drop("sak.json", real_case(6))
        folder = workspace.case_folder("2026-0006")
        wait_until(lambda: folder.is_dir() or files(workspace.archive), "work to begin")
        process.terminate()
        assert process.wait(timeout=DEADLINE) == 0
    finally:
        process.kill()
        process.wait()
    assert "Stoppet" in (workspace.root / "watch.stderr").read_text(encoding="utf-8")
    assert files(workspace.archive) == ["sak.json"] and inputs_left(workspace) == []
    assert (folder / "01 Oppfølgingsplan.docx").is_file()


def test_watch_refuses_to_start_beside_another_worker(workspace, capsys):
    from omsorgspakke_docs.cli import main
    from omsorgspakke_docs.store.state import State

    configure(workspace)
    with State(workspace.state).lock():
        code = main(["watch", "--config", str(workspace.config_file), "--today",
                     TODAY.isoformat()])
    assert code == 2
    err = capsys.readouterr().err
    assert "arbeider allerede" in err
    assert "Følger med" not in err, "a refused watcher must not first say it is watching"


def sigterm_while_starting(workspace, command: str) -> subprocess.CompletedProcess:
    """`omsorgspakke <command>` in its own process, with a SIGTERM that arrives before the
    command is ready (stop_requests remembers it)."""
    script = (
        "import os, signal, sys\n"
        "from omsorgspakke_docs import stop_requests\n"
        "stop_requests.remember()\n"
        "os.kill(os.getpid(), signal.SIGTERM)  # arrives before the command is ready\n"
        "from omsorgspakke_docs.cli import main\n"
        f"sys.exit(main([{command!r}, '--config', {str(workspace.config_file)!r}]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          timeout=DEADLINE, cwd=workspace.root)


def test_sigterm_while_watch_is_still_starting_is_a_clean_stop(workspace):
    """A service manager may stop the watcher in the second it takes to start (imports,
    plugins, templates): that is a stop like any other, exit 0, nothing taken."""
    configure(workspace)
    workspace.drop("sak.json", real_case(7))
    done = sigterm_while_starting(workspace, "watch")
    assert done.returncode == 0, done.stderr.decode()
    assert files(workspace.inbox) == ["sak.json"] and inbox.interrupted(workspace.inbox) == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
def test_other_commands_still_end_on_sigterm_that_came_while_starting(workspace):
    done = sigterm_while_starting(workspace, "run")
    assert done.returncode == -signal.SIGTERM



def test_the_watcher_applies_retention_at_start_as_a_run_does(workspace, monkeypatch):
    from omsorgspakke_docs.store import retention

    configure(workspace)
    calls = []
    monkeypatch.setattr(retention, "apply", lambda settings: calls.append(settings) or 0)
    with watching(workspace):
        wait_until(lambda: calls, "retention")
    assert calls[0].paths.archive == workspace.archive
