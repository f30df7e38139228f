"""A letter to the foster home about a young child ends «- til fosterforelderen» when the
journal has one foster parent (tests/test_one_foster_parent.py). A case whose letters were
named «- til fosterforeldrene» before (an earlier release, or two foster parents in an
earlier export) gets one file under the new name, not both: the old one goes when it is
ours and unchanged, stays when someone edited it; its issue date and its mark as sent in
Til utsending go with it to the new name."""

from __future__ import annotations

from datetime import datetime, timedelta

from docx import Document as open_docx

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.rendering.context import CaseContext

from .conftest import TODAY, canonical_case, docx_text
from .test_sending import _to_send
from .test_sent_marks import _mark

LETTER = "Innkallinger/Barnet/Tema 1 - Min historie"
OLD, NEW = f"{LETTER} - til fosterforeldrene.docx", f"{LETTER} - til fosterforelderen.docx"


def _one_foster_parent(exported: str) -> dict:
    case = canonical_case(eksportert=exported)
    foster = case["fosterfamilie"]
    case["fosterfamilie"] = {**foster, "fosterforeldre": foster["fosterforeldre"][:1]}
    return case


def _as_the_release_before(workspace, monkeypatch) -> None:
    """The case's first run as a release that named these letters for two foster parents
    whatever the journal said, and staff marking that letter as sent."""
    monkeypatch.setattr(CaseContext, "foster_parents_ending",
                        lambda self: self.t("fil.til_fosterforeldrene"))
    workspace.drop("sak.json", _one_foster_parent(TODAY.isoformat()))
    workspace.run(TODAY)
    monkeypatch.undo()
    assert (workspace.case_folder("2026-0412") / OLD).exists()
    _mark(workspace.outbox / sending.FILE_NAME, {f"2026-0412/{OLD}": "x"})


def _rows(workspace, name: str) -> list[tuple]:
    return [r for r in _to_send(workspace) if r[2] == f"2026-0412/{name}"]


def test_a_letter_renamed_for_one_foster_parent_keeps_its_date_and_mark(workspace,
                                                                        monkeypatch):
    _as_the_release_before(workspace, monkeypatch)
    later = TODAY + timedelta(days=1)
    workspace.drop("sak.json", _one_foster_parent(later.isoformat()))
    workspace.run(later)
    folder = workspace.case_folder("2026-0412")
    # One letter, under the new name: the old one was ours and unchanged.
    assert (folder / NEW).exists() and not (folder / OLD).exists()
    assert not _rows(workspace, OLD)
    [row] = _rows(workspace, NEW)
    assert row[1] == "Fosterforelder"
    assert row[3].date() == TODAY  # the day it was first issued, not the day of the rename
    assert row[7] is not None  # still marked as sent: not listed to send again
    assert "Merket som sendt" not in (row[6] or "")


def test_an_edited_letter_under_the_old_name_is_never_deleted(workspace, monkeypatch):
    _as_the_release_before(workspace, monkeypatch)
    folder = workspace.case_folder("2026-0412")
    doc = open_docx(str(folder / OLD))
    doc.add_paragraph("Ta med tegnesaker.")
    doc.save(str(folder / OLD))
    later = TODAY + timedelta(days=1)
    workspace.drop("sak.json", _one_foster_parent(later.isoformat()))
    workspace.run(later)
    assert "Ta med tegnesaker." in docx_text(folder / OLD)
    assert (folder / NEW).exists()
    [old] = _rows(workspace, OLD)
    # The edited copy is not to go out as well, and staff are told why.
    assert old[6] == ("Ikke send: brevet har fått nytt navn og ligger nå som «Tema 1 - Min "
                      "historie - til fosterforelderen.docx». Kopien med det gamle navnet er "
                      "endret av noen og er derfor ikke slettet.")


def test_a_foster_home_going_from_one_foster_parent_to_two(workspace):
    """A later export names a second foster parent (exports add to what is known: merge.py):
    the letter ends «- til fosterforeldrene» again, and says «dere»."""
    workspace.drop("sak.json", _one_foster_parent(TODAY.isoformat()))
    workspace.run(TODAY)
    folder = workspace.case_folder("2026-0412")
    assert (folder / NEW).exists() and not (folder / OLD).exists()
    _mark(workspace.outbox / sending.FILE_NAME, {f"2026-0412/{NEW}": datetime(2026, 11, 22)})
    later = TODAY + timedelta(days=2)
    workspace.drop("sak.json", canonical_case(eksportert=later.isoformat()))
    workspace.run(later)
    assert (folder / OLD).exists() and not (folder / NEW).exists()
    assert "Slik kan dere forberede Sofie" in docx_text(folder / OLD)
    [row] = _rows(workspace, OLD)
    # It says something else now: a new letter to send, and staff are told the one they
    # marked as sent was the letter before.
    assert row[1] == "Fosterforeldre"
    assert row[7] is None and "Merket som sendt 22. november 2026" in row[6]
    assert not _rows(workspace, NEW)
