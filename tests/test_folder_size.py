"""A case folder a caseworker takes in at a glance: the two-parent example (parents living
apart, so every parent letter twice) holds about 30 files at most, from its first day through
the busiest weeks of its year, with a run every day and the written minutes coming back
once a week."""

from __future__ import annotations

import zipfile
from datetime import date, timedelta
from pathlib import Path

from omsorgspakke_docs.rendering.minutes_marker import find_marker
from omsorgspakke_docs.store.state import State

from .conftest import canonical_case

START = date(2026, 9, 14)
"""The example's placement: its programme's first day."""
MOST = 32
"""About 30: the peak is the week theme 1's letters come while the move follow-up's last
contacts are still ahead, on the day before that week's minutes come back."""


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith("."))


def _return_minutes(folder: Path, held: set[tuple]) -> None:
    """The contact person wrote the minutes of these conversations and put them in the
    inbox: they leave the case folder."""
    for path in (folder / "Referater").rglob("*.docx"):
        with zipfile.ZipFile(path) as archive:
            marker = find_marker(archive)
        if marker and (marker.part, marker.tema, marker.nummer, marker.forelder) in held:
            path.unlink()


def test_a_two_parent_case_folder_holds_about_30_files_all_along(workspace):
    case = canonical_case(samtaler=[], vurderinger=[], eksportert=START.isoformat())
    workspace.drop("sak.json", case)
    workspace.run(START)
    folder = workspace.case_folder("2026-0412")
    first = _files(folder)
    assert len(first) <= 20, first
    # One calendar for the case, not one per conversation.
    assert [f for f in first if f.startswith("Kalender/")] == ["Kalender/Alle samtaler.ics"]
    # The move follow-up's contacts one at a time: the first contact's letter for each reader.
    assert len([f for f in first if f.startswith("Innkallinger/")]) == 4
    held: dict[tuple, dict] = {}
    seen: dict[date, list[str]] = {}
    for days in range(1, 43):
        day = START + timedelta(days=days)
        if day.weekday() == 0:  # the week's conversations held and their minutes written
            state = State(workspace.state)
            (stored,) = state.all_cases()
            for (part, tema, nummer, forelder), (when, at) in state.load_plan(
                    stored.key).items():
                if when < day:
                    held[(part, tema, nummer, forelder)] = {
                        "part": part, "tema": tema, "nummer": nummer, "dato": when.isoformat(),
                        "klokkeslett": at.strftime("%H:%M"), "status": "gjennomfort",
                        "referat_mottatt": True,
                        **({} if forelder is None else {"forelder": forelder})}
            workspace.drop(f"sak-{day}.json", {**case, "samtaler": list(held.values()),
                                                "eksportert": day.isoformat()})
            _return_minutes(folder, set(held))
        summary = workspace.run(day)
        assert summary.files_failed == 0
        seen[day] = _files(folder)
    busiest = max(seen, key=lambda d: len(seen[d]))
    assert len(seen[busiest]) <= MOST, (busiest, seen[busiest])
    # The busy weeks were busy: theme 1's letters came while the move's were still there.
    assert any(f.startswith("Innkallinger/Foreldre/Tema 1") for f in seen[busiest])
