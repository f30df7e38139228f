"""Til utsending as a reader of a nynorsk municipality's year found it (helper 189's walk,
fixed by helper 193), in both standards: an information letter still unsent weeks after the
conversation it names as the next says so beside the note of an old export, and keeps the
«Send innen» it had, passed (the list shows it red), rather than moving on with the days."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case, xlsx_rows

COLUMNS = ("Sak", "Mottaker", "Dokument", "Brevdato", "Send innen", "Sendemåte", "Merknad",
           "Sendt", "Samtaledato", "Kontaktperson")
"""The list's columns, as the bokmål list names them."""

PASSED = {"bokmal": "Brevet sier at neste samtale er 25. november 2026, og den dagen er passert. "
                    "Spør kontaktpersonen om brevet skal sendes som det er.",
          "nynorsk": "Brevet seier at neste samtale er 25. november 2026, og den dagen er "
                     "passert. Spør kontaktpersonen om brevet skal sendast som det er."}
STALE = {"bokmal": "Sjekk i fagsystemet før brevet sendes: den siste eksporten av saken er "
                   "fra 20. november 2026.",
         "nynorsk": "Sjekk i fagsystemet før brevet blir sendt: den siste eksporten av saka "
                    "er frå 20. november 2026."}



def _letters(workspace) -> dict[str, dict[str, object]]:
    """The list's letter rows by document, each as {column: value} (openpyxl)."""
    rows = xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")
    header = next(i for i, r in enumerate(rows) if r[0] == "Sak" and r[2] == "Dokument")
    return {r[2]: dict(zip(COLUMNS, r, strict=False)) for r in rows[header + 1:]
            if str(r[2] or "").endswith(".docx")}


def _exported_on_20_november(workspace, malform: str) -> dict[str, dict[str, object]]:
    """The example case, new to a running service, exported on 20 November and never
    again; the list of its first run, on Sunday 22 November."""
    workspace.in_malform(malform)
    workspace.in_use_since(date(2026, 10, 1))
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(date(2026, 11, 22))
    return _letters(workspace)


def _day(value: object) -> date:
    assert isinstance(value, datetime), value
    return value.date()


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letter_unsent_past_its_next_conversation_says_so_beside_the_old_export(
        workspace, malform):
    """The father's information letter names 25 November as his next conversation. On
    10 December it is still unsent, and the case was last exported on 20 November: the row
    said only to check the journal, the passed date no longer said, and its «Send innen»
    had moved on to the day of the list, never late."""
    first = {doc: row for doc, row in _exported_on_20_november(workspace, malform).items()
             if "Informasjonsbrev" in doc and doc.endswith("far.docx")}
    assert len(first) == 1
    (document, made), = first.items()
    due = _day(made["Send innen"])
    assert due <= date(2026, 11, 25)
    workspace.run(date(2026, 12, 10))
    row = _letters(workspace)[document]
    note = str(row["Merknad"])
    # Both, the passed date first: the more serious.
    assert note.startswith(PASSED[malform]), note
    assert STALE[malform] in note, note
    # The day it was due, passed (the list colours a row red by a «Send innen» before
    # today), not the day the list is made.
    assert _day(row["Send innen"]) == due, row
    assert row["Sendt"] is None
