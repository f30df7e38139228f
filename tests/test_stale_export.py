"""Letters resting on an old export: when the journal's exports of a case stop coming, Til
utsending lists the case's letters to check in the journal first, naming the newest export's
date ([documents] stale_export_days). A re-export that changes nothing else (kept only in
the readings, not in the case file) counts as a new export."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.documents import sending

from .conftest import canonical_case, xlsx_rows

STALE = {"bokmal": "Sjekk i fagsystemet før brevet sendes: den siste eksporten av saken er "
                   "fra 20. november 2026.",
         "nynorsk": "Sjekk i fagsystemet før brevet blir sendt: den siste eksporten av saka "
                    "er frå 20. november 2026."}
PASSED = {"bokmal": "Brevet sier at neste samtale er ",
          "nynorsk": "Brevet seier at neste samtale er "}
TO_CHECK = {"bokmal": "skal sjekkes først",
            "nynorsk": "skal sjekkast først"}


def _sheet(workspace) -> list[tuple]:
    return xlsx_rows(workspace.outbox / sending.FILE_NAME, "Til utsending")


def _letters(workspace) -> list[tuple]:
    """The rows of the case's letters: (document, note)."""
    return [(r[2], r[6]) for r in _sheet(workspace)
            if r[0] == "2026-0412" and str(r[2]).endswith(".docx")]


def _exported_on_20_november(workspace) -> None:
    workspace.in_use_since(date(2026, 10, 1))  # the case is new to a running service
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-20"))
    workspace.run(date(2026, 11, 22))
    assert not any(str(note or "").startswith("Sjekk i fagsystemet")
                   for _, note in _letters(workspace))


DAY_MISSED = {"bokmal": "Ikke send: brevet er ikke merket som sendt, og samtalen var",
              "nynorsk": "Ikkje send: brevet er ikkje merkt som sendt, og samtalen var"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_letters_of_a_case_not_exported_for_weeks_are_to_check(workspace, malform):
    workspace.in_malform(malform)
    _exported_on_20_november(workspace)
    # Nothing new from the journal since: the invitations due now rest on that export.
    workspace.run(date(2026, 12, 10))
    letters = _letters(workspace)
    invitations = [(doc, note) for doc, note in letters if "/Innkalling" in doc]
    assert invitations
    for document, note in letters:
        # An information letter whose next conversation has passed says that first, the
        # more serious (helper 193: the old export's note alone was shown).
        if "Informasjonsbrev" in document:
            assert note.startswith(PASSED[malform]) and STALE[malform] in note, note
            continue
        if note.startswith(DAY_MISSED[malform]):
            # An invitation for a day no list was made (no run came from 20 November to 10
            # December): shown to check whether it was sent, not to send (helper 504).
            continue
        assert note.startswith(STALE[malform]), (document, note)
    # Counted among those to check, not those to send.
    assert any(TO_CHECK[malform] in str(cell) for row in _sheet(workspace) for cell in row
               if cell)


def test_a_re_export_with_nothing_new_is_a_recent_export(workspace):
    _exported_on_20_november(workspace)
    # The journal exports the case again, as it was: nothing is saved to the case file,
    # but the export is new.
    workspace.drop("sak.json", canonical_case(eksportert="2026-12-09"))
    workspace.run(date(2026, 12, 9))
    workspace.run(date(2026, 12, 10))
    letters = _letters(workspace)
    assert letters
    assert not any("Sjekk i fagsystemet" in str(note or "") for _, note in letters)


def test_a_letter_is_not_to_check_within_the_days_set(workspace):
    _exported_on_20_november(workspace)
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write("\n[documents]\nstale_export_days = 30\n")
    workspace.run(date(2026, 12, 10))
    assert not any("Sjekk i fagsystemet" in str(note or "") for _, note in _letters(workspace))
