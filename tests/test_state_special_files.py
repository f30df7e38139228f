"""Something other than a file of ours where the program keeps a file in the state folder
(a named pipe, a link out of the folder, a folder): the run neither waits on it nor reads
through it, and goes on as if the file were not there (store/commit.read_state_file)."""

from __future__ import annotations

import json
import os
import threading

import pytest

from omsorgspakke_docs.intake import inbox
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


# -- the readers outside store/ (sent marks, PDF copies, status) and the pseudonym key --------

KEY_WORDS = {"bokmal": "Nøkkelfilen pseudonym.key i tilstandsmappen",
             "nynorsk": "Nøkkelfila pseudonym.key i tilstandsmappa"}
NOT_A_FILE = {"bokmal": "er ikke en vanlig fil", "nynorsk": "er ikkje ei vanleg fil"}
WHAT_TO_DO = {"bokmal": "Legg tilbake nøkkelfilen fra sikkerhetskopien",
              "nynorsk": "Legg tilbake nøkkelfila frå tryggingskopien"}


def _first_run(workspace) -> None:
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    workspace.drop("sak-2.json", canonical_case(journalnummer="2026-0999"))


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("odd", ODD)
def test_a_named_pipe_in_place_of_the_key_stops_the_run_with_a_message(
        workspace, tmp_path, capsys, malform, odd):
    """Not waited on (the run would hang before taking anything), not followed, and not
    replaced by a new key: the run stops as for a missing key, saying what is there and what
    IT does, in the service's standard."""
    workspace.in_malform(malform)
    _first_run(workspace)
    key = workspace.state / "pseudonym.key"
    saved = key.read_bytes()
    key.unlink()
    ODD[odd](key, tmp_path)
    capsys.readouterr()
    try:
        code = finishes(workspace.cli)
    finally:
        release(key)
        release(tmp_path / "utenfor" / "rør")
    err = capsys.readouterr().err
    assert code == 2
    assert KEY_WORDS[malform] in err and NOT_A_FILE[malform] in err
    assert WHAT_TO_DO[malform] in err and "Traceback" not in err
    assert waiting(workspace) == ["sak-2.json"]
    assert not key.is_file()  # (not replaced by a key of its own)
    key.unlink()
    key.write_bytes(saved)  # IT puts the key back: the waiting export is taken
    assert workspace.cli() == 0
    assert workspace.case_folder("2026-0999").is_dir()


def test_a_named_pipe_in_place_of_the_keys_check_file_stops_the_run(workspace, capsys):
    _first_run(workspace)
    check = workspace.state / "pseudonym.key.kontroll"
    check.unlink()
    os.mkfifo(check)
    capsys.readouterr()
    try:
        code = finishes(workspace.cli)
    finally:
        release(check)
    err = capsys.readouterr().err
    assert code == 2 and "pseudonym.key.kontroll" in err and "er ikke en vanlig fil" in err
    assert waiting(workspace) == ["sak-2.json"]


def test_check_tells_of_a_named_pipe_in_place_of_the_key(workspace, capsys):
    from omsorgspakke_docs.cli import main

    _first_run(workspace)
    key = workspace.state / "pseudonym.key"
    key.unlink()
    os.mkfifo(key)
    capsys.readouterr()
    try:
        code = finishes(lambda: main(["check", "--config", str(workspace.config_file)]))
    finally:
        release(key)
    said = capsys.readouterr()
    assert code != 0
    assert "Nøkkelfilen pseudonym.key i tilstandsmappen" in said.out + said.err
    assert "er ikke en vanlig fil" in said.out + said.err


@pytest.mark.parametrize("name", ["sendt.json", "flyttet.json"])
def test_a_named_pipe_in_place_of_the_sent_marks_does_not_hang_the_run(workspace, name):
    """The marks kept for Til utsending (and the letters' moves) are read as none, and Til
    utsending is made all the same."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    kept = workspace.state / "utsending" / name
    if kept.exists():
        kept.unlink()
    kept.parent.mkdir(exist_ok=True)
    os.mkfifo(kept)
    changed = canonical_case()
    changed["kontaktperson"]["telefon"] = "400 11 222"
    workspace.drop("again.json", changed)
    try:
        summary = finishes(workspace.run)
    finally:
        release(kept)
    assert summary.files_failed == 0
    assert (workspace.outbox / "Til utsending.xlsx").is_file()
    assert "400 11 222" in docx_text(
        workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")


def test_named_pipes_in_place_of_the_pdf_record_and_the_findings_are_not_waited_on(
        workspace, capsys):
    """pdf-venter.json (the folders whose PDF copies wait) counts as damaged: every folder
    is looked at once; avvik.json (status's counts of findings) as not there yet."""
    from omsorgspakke_docs.cli import main
    from omsorgspakke_docs.commands.status import FINDINGS
    from omsorgspakke_docs.rendering.pdf import PENDING_FILE, _pending

    workspace.drop("sak.json", canonical_case())
    assert workspace.run().files_failed == 0
    record, findings = workspace.state / PENDING_FILE, workspace.state / FINDINGS
    for fifo in (record, findings):
        if fifo.exists():
            fifo.unlink()
        os.mkfifo(fifo)
    capsys.readouterr()
    try:
        pending = finishes(lambda: _pending(record, workspace.outbox))
        finishes(lambda: main(["status", "--config", str(workspace.config_file), "--json"]))
    finally:
        release(record)
        release(findings)
    assert workspace.case_folder("2026-0412") in pending
    assert json.loads(capsys.readouterr().out)["avvik"] is None


def waiting(workspace) -> list[str]:
    """The exports in the inbox, none taken (claimed) meanwhile."""
    assert inbox.interrupted(workspace.inbox) == []
    return sorted(p.name for p in workspace.inbox.iterdir() if not p.name.startswith("."))


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("folder", ["cases", "issued"])
def test_a_case_whose_state_file_is_a_pipe_waits_with_a_message_and_comes_back(
        workspace, tmp_path, capsys, folder, odd):
    """A pipe or a link in place of a case (or its issue dates) stops that case only, as a
    damaged file does: its export waits in the inbox, nothing is set aside or blamed, the
    summary names the state file (no traceback, no personal data), the other case goes on;
    once IT puts the file back, the export is taken and the case's documents made."""
    from .test_damaged_state import PLAN, drop_cases, state_file, with_contact
    from .test_watch import configure, files, real_case

    configure(workspace)
    drop_cases(workspace, "a.json", real_case(1), real_case(2))
    assert workspace.cli() == 0
    kept = state_file(workspace, folder, "2026-0001")
    good_copy = kept.read_bytes()
    kept.unlink()
    ODD[odd](kept, tmp_path)
    drop_cases(workspace, "a2.json", with_contact(1, "Nora", "2026-11-21"))
    workspace.drop("b2.json", with_contact(2, "Nora", "2026-11-21"))
    capsys.readouterr()
    try:
        code = finishes(workspace.cli)
    finally:
        release(kept)
        release(tmp_path / "utenfor" / "rør")
    said = capsys.readouterr()
    assert code == 1
    assert [p.name for p in inbox.interrupted(workspace.inbox)] == ["a2.json"]
    assert files(workspace.failed) == [] and "b2.json" in files(workspace.archive)
    assert f"{folder}/{kept.name}" in said.out + said.err
    assert "Traceback" not in said.out + said.err and "Sofie" not in said.out + said.err
    assert "Nora" in docx_text(workspace.case_folder("2026-0002") / PLAN)

    kept.unlink()
    kept.write_bytes(good_copy)  # IT puts it back from the backup
    assert workspace.cli() == 0
    assert "a2.json" in files(workspace.archive) and inbox.interrupted(workspace.inbox) == []
    assert "Nora" in docx_text(workspace.case_folder("2026-0001") / PLAN)

