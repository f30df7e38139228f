"""The outbox workbooks keep each case's rows from day to day (store/rows.py): what they show
must be exactly what building every case again would show, on every day."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

from openpyxl import load_workbook

from bench.generate import Synth, write_canonical_list
from omsorgspakke_docs.documents import caseload, sending
from omsorgspakke_docs.store import rows

from .conftest import TODAY

WORKBOOKS = (caseload.FILE_NAME, sending.FILE_NAME)


def shown(path):
    """Every sheet's cell values."""
    book = load_workbook(path)
    return {sheet.title: [row for row in sheet.iter_rows(values_only=True)] for sheet in book}


def made_again_from_nothing(workspace, day):
    """The workbooks built from every case anew: kept rows and the made-from markers gone."""
    shutil.rmtree(workspace.state / rows.FOLDER)
    for marker in (caseload.MARKER, sending.MARKER):
        (workspace.state / marker).unlink()
    summary = workspace.run(day)
    assert summary.files_failed == 0
    return {name: shown(workspace.outbox / name) for name in WORKBOOKS}


def test_kept_rows_show_what_building_every_case_shows_day_after_day(workspace, monkeypatch):
    cases = list(Synth(TODAY, history=True).cases(12))
    write_canonical_list(cases, workspace.inbox / "first.json")
    assert workspace.run(TODAY).files_failed == 0
    built = []
    real = caseload.context.build
    monkeypatch.setattr(caseload.context, "build",
                        lambda case, *more, **kw: built.append(case.key) or real(case, *more,
                                                                                 **kw))
    day, reused = TODAY, 0
    for _ in range(8):  # eight days, a weekend among them, as the daily run meets them
        day += timedelta(days=1)
        built.clear()
        assert workspace.run(day).files_failed == 0  # no export: the day's letters, workbooks
        kept = {name: shown(workspace.outbox / name) for name in WORKBOOKS}
        reused += 2 * len(cases) - len(built)
        assert made_again_from_nothing(workspace, day) == kept, day
    assert reused > 8 * len(cases)  # most rows were taken as kept, not made again


def test_a_changed_case_has_its_rows_made_again(workspace):
    cases = list(Synth(TODAY, history=True).cases(3))
    write_canonical_list(cases, workspace.inbox / "first.json")
    workspace.run(TODAY)
    cases[0]["kontaktperson"]["fornavn"] = "Annelin"
    write_canonical_list(cases, workspace.inbox / "changed.json")
    workspace.run(TODAY)
    names = [row[1] for row in shown(workspace.outbox / caseload.FILE_NAME)["Saker"]]
    assert any(isinstance(n, str) and n.startswith("Annelin ") for n in names)
    assert made_again_from_nothing(workspace, TODAY)[caseload.FILE_NAME]["Saker"] == \
        shown(workspace.outbox / caseload.FILE_NAME)["Saker"]


def test_a_kept_row_is_known_by_its_files_without_reading_them(workspace, monkeypatch):
    """Rows are taken as kept while the case, plan and issue-date files are the files they
    were made from: no plan read and no case digested for them; a file written again (a new
    file, as every save) has its case's rows made again."""
    cases = list(Synth(TODAY, history=True).cases(4))
    write_canonical_list(cases, workspace.inbox / "first.json")
    assert workspace.run(TODAY).files_failed == 0
    read = []
    real = caseload._made_of
    monkeypatch.setattr(caseload, "_made_of",
                        lambda ws, case, *more: read.append(case.key) or real(ws, case, *more))

    def rebuilt():
        read.clear()
        for marker in (caseload.MARKER, sending.MARKER):
            (workspace.state / marker).unlink()
        assert workspace.run(TODAY).files_failed == 0
        return set(read)

    assert rebuilt() == set()
    plan = sorted((workspace.state / "plans").glob("sak-*.json"))[0]
    plan.with_suffix(".tmp").write_bytes(plan.read_bytes())
    plan.with_suffix(".tmp").replace(plan)  # the same plan, saved again: a new file
    assert len(rebuilt()) == 1


def rebuilt_today(workspace, day=TODAY):
    """The workbooks made again on the same day (their made-from markers gone)."""
    for marker in (caseload.MARKER, sending.MARKER):
        (workspace.state / marker).unlink()
    assert workspace.run(day).files_failed == 0
    return {name: shown(workspace.outbox / name) for name in WORKBOOKS}


def test_kept_rows_read_no_whole_case_and_a_cut_off_file_costs_only_rows(workspace,
                                                                          monkeypatch):
    """With every row kept, the workbooks read no whole case (only each file's head:
    State.case_heads); the one file of kept rows cut off by a crash loses only the rows
    after the cut, which are made again as they were."""
    cases = list(Synth(TODAY, history=True).cases(8))
    write_canonical_list(cases, workspace.inbox / "first.json")
    assert workspace.run(TODAY).files_failed == 0
    before = {name: shown(workspace.outbox / name) for name in WORKBOOKS}
    loaded, made = [], []
    real_load, real_made = workspace_state_load(monkeypatch, loaded), caseload._made_of
    monkeypatch.setattr(caseload, "_made_of",
                        lambda ws, case, *more: made.append(case.key) or real_made(ws, case,
                                                                                   *more))
    assert rebuilt_today(workspace) == before
    assert loaded == [] and made == [] and real_load
    for workbook in ("saksoversikt", "utsending"):
        kept = workspace.state / rows.FOLDER / f"{workbook}.rows"
        text = kept.read_bytes()
        assert text.count(b"\n") == len(cases)  # a line of what all are made from, one a case
        # cut off in the middle of a line, inside a letter written in two bytes (æ, ø, å)
        cut = next(at for at in range(len(text) * 2 // 3, len(text)) if text[at] >= 0xC0)
        kept.write_bytes(text[:cut + 1])
    assert rebuilt_today(workspace) == before
    assert 0 < len(set(made)) < len(cases)
    assert len(loaded) == len(set(made))  # read whole only where rows were made


def workspace_state_load(monkeypatch, loaded):
    """Count the whole cases read by pseudonym (State.load_pseudonym)."""
    from omsorgspakke_docs.store.state import State
    real = State.load_pseudonym
    monkeypatch.setattr(State, "load_pseudonym",
                        lambda self, pseudonym: loaded.append(pseudonym) or real(self, pseudonym))
    return real


def test_a_case_no_longer_stored_leaves_both_workbooks_and_their_kept_rows(workspace):
    cases = list(Synth(TODAY, history=True).cases(5))
    write_canonical_list(cases, workspace.inbox / "first.json")
    assert workspace.run(TODAY).files_failed == 0
    gone = cases[2]["journalnummer"]
    sheets = {name: shown(workspace.outbox / name) for name in WORKBOOKS}
    assert any(row[0] == gone for row in sheets[caseload.FILE_NAME]["Saker"])
    assert any(row[0] == gone for row in sheets[sending.FILE_NAME]["Til utsending"])
    stored = [p for p in (workspace.state / "cases").glob("sak-*.json")
              if json.loads(p.read_text(encoding="utf-8"))["journalnummer"] == gone]
    assert len(stored) == 1
    stored[0].unlink()
    day = TODAY + timedelta(days=1)
    assert workspace.run(day).files_failed == 0
    sheets = {name: shown(workspace.outbox / name) for name in WORKBOOKS}
    assert not any(gone in row for sheet in sheets[caseload.FILE_NAME].values() for row in sheet)
    assert not any(row[0] == gone for row in sheets[sending.FILE_NAME]["Til utsending"])
    for workbook in ("saksoversikt", "utsending"):
        kept = (workspace.state / rows.FOLDER / f"{workbook}.rows").read_text(encoding="utf-8")
        assert stored[0].stem not in kept and gone not in kept
        assert kept.count("\n") == len(cases) - 1
    assert made_again_from_nothing(workspace, day) == sheets
