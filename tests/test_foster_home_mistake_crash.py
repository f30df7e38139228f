"""A foster home registered by mistake and corrected (test_foster_home_mistake), with the
program stopped at the worst moment: between keeping the plan as it was before the move
(plans/<sak>.before-move.json) and saving the case that shows the move, or between saving
the corrected case and giving the foster family their track back. The next run still ends
with the Øvrebø family's track as it was; a run that cannot save says why, in Norwegian,
and leaves the case and its plans as they were."""

from __future__ import annotations

import errno
from datetime import date

import pytest

from omsorgspakke_docs.store.state import State

from .test_crash_points import Crash, crash_at
from .test_foster_home_mistake import _foster_track, _plan
from .test_foster_home_move import MOVED_ON, NEW_HOME, _case, _mark


def _until_the_move(workspace) -> str:
    """The letters of 23 to 27 November made and marked as sent (test_foster_home_move's
    moved), the export naming the Haugland family dropped: the plan as it is then."""
    workspace.drop("sak.json", _case("2026-11-23"))
    for day in range(23, 28):
        if day == 25:
            workspace.drop("flyttet-samtale.json", _case("2026-11-25"))
        assert workspace.cli(today=date(2026, 11, day)) == 0
        _mark(workspace)
    after = _case("2026-11-28")
    after["fosterfamilie"] = NEW_HOME
    workspace.drop("nytt-fosterhjem.json", after)
    return _plan(workspace)


def _correct(workspace) -> None:
    workspace.drop("rettet.json", _case("2026-12-01"))


def _plan_files(workspace) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (workspace.state / "plans").iterdir()
            if p.name.endswith(".json")}


def test_a_crash_between_keeping_the_plan_and_saving_the_move(workspace, monkeypatch):
    """Stopped after the plan was copied, before the case showing the move was saved: the
    export is read again at the next start, and the correction still gives the Øvrebø
    family their track as it was."""
    before = _until_the_move(workspace)
    crash_at(monkeypatch, State, "save", 1, after=False)
    with pytest.raises(Crash):
        workspace.cli(today=MOVED_ON)
    monkeypatch.undo()
    assert workspace.cli(today=MOVED_ON) == 0
    assert "Haugland" in _plan(workspace)
    _correct(workspace)
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    plan = _plan(workspace)
    assert "Haugland" not in plan
    assert _foster_track(plan) == _foster_track(before)


def test_a_crash_between_saving_the_correction_and_restoring_the_plan(workspace,
                                                                      monkeypatch):
    """Stopped once the corrected case was saved, before the foster family's track was
    restored from the copy: the next start reads the export again and restores it."""
    before = _until_the_move(workspace)
    assert workspace.cli(today=MOVED_ON) == 0
    _correct(workspace)
    crash_at(monkeypatch, State, "restore_plan_before_move", 1, after=False)
    with pytest.raises(Crash):
        workspace.cli(today=date(2026, 12, 1))
    monkeypatch.undo()
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    plan = _plan(workspace)
    assert "Haugland" not in plan
    assert _foster_track(plan) == _foster_track(before)


def test_a_full_disk_when_saving_the_correction(workspace, monkeypatch, capsys):
    """The disk is full when the corrected case is to be saved: the run says so in
    Norwegian and stops, the case and its plans as they were (the plan is not given the
    Øvrebø family's rows while the case still names the Haugland family, nor the copy
    lost); with room again, the correction is made as if nothing happened."""
    before = _until_the_move(workspace)
    assert workspace.cli(today=MOVED_ON) == 0
    plans = _plan_files(workspace)
    assert any(name.endswith(".before-move.json") for name in plans)
    _correct(workspace)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(State, "save", full)
    monkeypatch.setattr("omsorgspakke_docs.run.pipeline.time.sleep", lambda s: None)
    capsys.readouterr()
    assert workspace.cli(today=date(2026, 12, 1)) == 1
    said = capsys.readouterr()
    assert "disken er full" in said.out + said.err
    assert _plan_files(workspace) == plans
    monkeypatch.undo()
    assert workspace.cli(today=date(2026, 12, 1)) == 0
    plan = _plan(workspace)
    assert "Haugland" not in plan
    assert _foster_track(plan) == _foster_track(before)
    assert not any(name.endswith(".before-move.json") for name in _plan_files(workspace))
