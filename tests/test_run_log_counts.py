"""The JSON log says when a run, and each pass of watch, starts and ends, with its counts:
monitoring sees that the service runs and what it made, and no line names a file or a case
(helper 146, finding 1: the log had no line on a run as a whole)."""

from __future__ import annotations

import pytest

from omsorgspakke_docs import logs
from omsorgspakke_docs.plugins import make_manager
from omsorgspakke_docs.run import pipeline
from omsorgspakke_docs.run.watch import Watcher

from .conftest import canonical_case
from .test_watch import configure, wait_until, watching
from .test_watch_logs import log_lines

NAMES = ["Sofie", "Lindqvist", "hemmelig-navn", "ødelagt", "14831550695"]


def run_lines(workspace) -> list[dict]:
    return [e for e in log_lines(workspace.state / "logs")
            if e["event"] in {"run_started", "run_finished"}]


def test_a_run_logs_its_start_and_its_counts_at_the_end(workspace, capsys):
    workspace.drop("hemmelig-navn Sofie 14831550695.json", canonical_case())
    workspace.drop("ødelagt.json", "{")
    assert workspace.cli() == 1
    started, finished = run_lines(workspace)
    assert started["event"] == "run_started" and started["command"] == "run"
    assert started["files_found"] == 2 and started["level"] == "info"
    assert finished["event"] == "run_finished" and finished["command"] == "run"
    assert (finished["files_ok"], finished["files_failed"], finished["duplicates"],
            finished["files_waiting"], finished["cases"]) == (1, 1, 0, 0, 1)
    assert finished["documents_written"] > 0
    assert isinstance(finished["duration_s"], float)
    for line in (started, finished):
        assert not any(name in str(line) for name in NAMES)
    # The console says what it said before: the log file has these lines, staff do not.
    assert "run_" not in capsys.readouterr().err


def test_each_pass_of_watch_logs_its_own_counts(workspace):
    configure(workspace)
    settings = workspace.settings()
    with logs.to_file(settings), watching(workspace) as watcher:
        wait_until(lambda: any(e["event"] == "run_finished" for e in run_lines(workspace)),
                   "the first pass (the day's letters) to end")
        workspace.drop("sak.json", canonical_case())
        wait_until(lambda: watcher.summary.files_ok == 1, "the file to be processed")
        wait_until(lambda: len([e for e in run_lines(workspace)
                                if e["event"] == "run_finished"]) >= 2, "the pass to end")
    lines = run_lines(workspace)
    assert all(e["command"] == "watch" for e in lines)
    assert [e["event"] for e in lines][:4] == ["run_started", "run_finished"] * 2
    first, second = (e for e in lines if e["event"] == "run_finished")
    assert first["files_ok"] == 0
    assert second["files_ok"] == 1 and second["cases"] == 1 and second["documents_written"] > 0


def test_a_run_an_error_ends_still_logs_its_end_naming_the_error_type_only(
        workspace, monkeypatch, capsys):
    """run_started with nothing after it: monitoring could not tell a run that an error
    ended from one still under way (IT's day, finding 3)."""
    def broken(*args, **kwargs):
        raise RuntimeError("Sofie Lindqvist 14831550695")  # a message may quote case data

    monkeypatch.setattr(pipeline, "refresh", broken)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 3
    started, finished = run_lines(workspace)
    assert started["event"] == "run_started"
    assert finished["event"] == "run_finished" and finished["command"] == "run"
    assert finished["outcome"] == "failed" and finished["error"] == "RuntimeError"
    assert finished["files_ok"] == 1 and isinstance(finished["duration_s"], float)
    assert not any(name in str(finished) for name in NAMES)
    assert "run_" not in capsys.readouterr().err


def test_a_run_that_ends_well_says_so(workspace):
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    assert run_lines(workspace)[-1]["outcome"] == "ok"


def test_a_pass_of_watch_an_error_ends_logs_its_end_too(workspace, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("Sofie Lindqvist 14831550695")

    monkeypatch.setattr(pipeline, "refresh", broken)  # the day's letters, the watch's first pass
    configure(workspace)
    settings = workspace.settings()
    with logs.to_file(settings):
        watcher = Watcher(pipeline.Pipeline(settings, make_manager(settings.paths.plugins)),
                          polling=True)
        with pytest.raises(RuntimeError):
            watcher.run()
    started, finished = run_lines(workspace)
    assert (started["event"], finished["event"]) == ("run_started", "run_finished")
    assert (finished["command"], finished["outcome"], finished["error"]) == (
        "watch", "failed", "RuntimeError")
    assert not any(name in str(finished) for name in NAMES)
