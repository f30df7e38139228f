"""«Gi beskjed» rows in outbox/Til utsending.xlsx: what staff write in Sendt when they have
told a family that a meeting is off, and the row of an edited copy of the invitation
withdrawn (documents/sending.py, documents/sent_marks.py)."""

from __future__ import annotations

from datetime import date, timedelta

from docx import Document as open_docx
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case
from .test_placement_end import _rows, _start, _told


def _counts(workspace) -> str:
    return load_workbook(workspace.outbox / sending.FILE_NAME)["Til utsending"]["C4"].value


def test_the_edited_copy_of_a_withdrawn_invitation_is_not_shown_as_sent(workspace):
    """Staff marked an invitation «x», edited its copy in the case folder, and the placement
    then closed. The copy's row said «Ikke send» with the invitation's «x» in Sendt, and
    was counted and sorted among the letters sent. The mark is the letter's that was sent,
    which its «Gi beskjed» row stands for («innkallingen er sendt»): the copy's Sendt is
    empty, and it is one of those not to send."""
    meeting = _start(workspace)
    foster = next(d for d in meeting if "/Fosterfamilien/Tema 2" in d)
    path = workspace.outbox / foster
    doc = open_docx(str(path))
    doc.add_paragraph("Vi tar med kaffe.")
    doc.save(str(path))
    ended = canonical_case(eksportert="2026-11-25")
    ended["plassering"]["sluttdato"] = (meeting[foster] - timedelta(days=1)).isoformat()
    workspace.drop("slutt.json", ended)
    assert workspace.cli(today=date(2026, 11, 25)) == 0
    listed = _rows(workspace)
    [copy] = [r for r in listed if r[2] == foster]
    assert copy[6].startswith("Ikke send:") and copy[7] is None, copy
    assert foster in _told(workspace)
    sent = [r for r in listed if r[7] is not None]
    assert "1 skal ikke sendes nå" in _counts(workspace)
    assert f"{len(sent)} er merket som sendt" in _counts(workspace)
    # Among those not to send, before the letters marked as sent.
    assert all(listed.index(copy) < listed.index(r) for r in sent)
