"""A local plugin that raises while a case's documents are made in a worker process (IT's
day, helper 503): the note beside the set-aside file named the plugin's file and line when
it raised in the reading process (helper 412), but said only «En uventet feil oppsto» when
it raised in a worker, whose frames stay there. The worker sends them with the error: the
note names the plugin and its line the same way, never the error's message."""

from __future__ import annotations

import pytest

from bench.generate import Synth, write_canonical_list
from omsorgspakke_docs.run import parallel

from .conftest import TODAY
from .local_plugins import KIND_RAISES_AT, RAISING_KIND, write_plugin


@pytest.fixture(autouse=True)
def in_workers(monkeypatch):
    """Every case goes to a worker, as a big export's do (test_parallel.py)."""
    monkeypatch.setenv("OMSORGSPAKKE_WORKERS", "2")
    monkeypatch.setattr(parallel, "START_AFTER", 0)
    monkeypatch.setattr(parallel, "WORKERS_PAY_OFF_S", 0)
    monkeypatch.setattr(parallel, "HERE_WHILE_STARTING", False)


def _note(workspace) -> str:
    write_plugin(workspace, RAISING_KIND, "skjema.py")
    write_canonical_list(list(Synth(TODAY).cases(3)), workspace.inbox / "saker.json")
    assert workspace.cli() == 1
    return (workspace.failed / "saker.json.feil.txt").read_text(encoding="utf-8")


def test_the_note_names_the_plugin_and_its_line_from_a_worker(workspace, caplog):
    note = _note(workspace)
    assert (f"Programtillegget skjema.py stoppet med KeyError på linje {KIND_RAISES_AT} da "
            "dokumentene av typen «skjema» ble laget.") in note, note
    assert "uventet" not in note and "Kari" not in note and "02868610088" not in note
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"skjema.py:{KIND_RAISES_AT} in documents" in logged  # the worker's frames, for IT
    assert "Kari" not in logged and "02868610088" not in logged


def test_the_note_names_the_plugin_from_a_worker_in_nynorsk(workspace):
    workspace.in_malform("nynorsk")
    note = _note(workspace)
    assert (f"Programtillegget skjema.py stoppa med KeyError på linje {KIND_RAISES_AT} då "
            "dokumenta av typen «skjema» vart laga.") in note, note
    assert "uventa" not in note and "Kari" not in note
