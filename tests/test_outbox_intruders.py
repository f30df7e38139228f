"""What someone (or something) put where a document or workbook goes is theirs: a folder, a
named pipe, a file that cannot be read. It is left as it is and the document goes beside it,
and the run neither hangs nor stops making the rest."""

from __future__ import annotations

import os
import signal

import pytest

from .conftest import TODAY, canonical_case, docx_text

LIST = "Til utsending.xlsx"


@pytest.fixture
def no_hang():
    """Fail instead of waiting for ever (a pipe opened for reading waits for a writer)."""
    def stop(*_):
        raise TimeoutError("the run waited on something in the outbox")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, before)


def test_a_folder_named_like_the_list_gets_the_list_beside_it(workspace):
    (workspace.outbox / LIST).mkdir(parents=True)
    workspace.drop("sak.json", canonical_case())
    summary = workspace.run(TODAY)
    assert summary.files_failed == 0 and summary.documents_written
    assert (workspace.outbox / LIST).is_dir()
    assert (workspace.outbox / "Til utsending (ny versjon).xlsx").is_file()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_where_documents_go_does_not_hang_the_run(workspace, no_hang):
    workspace.drop("sak.json", canonical_case())
    assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder("2026-0412")
    plan = folder / "01 Oppfølgingsplan.docx"
    plan.unlink()
    os.mkfifo(plan)
    (workspace.outbox / LIST).unlink()
    os.mkfifo(workspace.outbox / LIST)
    changed = canonical_case()
    changed["kontaktperson"]["telefon"] = "400 11 222"  # every document is made again
    workspace.drop("again.json", changed)
    summary = workspace.run(TODAY)
    assert summary.files_failed == 0
    beside = folder / "01 Oppfølgingsplan (ny versjon).docx"
    assert "400 11 222" in docx_text(beside)
    assert (workspace.outbox / "Til utsending (ny versjon).xlsx").is_file()
