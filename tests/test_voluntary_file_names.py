"""Theme 4's title for a voluntary placement («Hvorfor flyttet jeg?», «Kvifor flytta
barnet?») names its documents' files too, as it names the theme in them: a parent who placed
their child voluntarily and gets the letter as a file, or a caseworker reading the case
folder, no longer sees «Hvorfor måtte barnet flytte». Documents already issued under the
programme's own title (by the release before, which named files by it) keep their names, and
with them their dates, their marks as sent and the minutes someone writes in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.rendering import context
from omsorgspakke_docs.store.issued import FOLDER, kept_dates

from .conftest import TODAY, canonical_case

FORCED = {"bokmal": ("Tema 4 - Hvorfor måtte jeg flytte", "Tema 4 - Hvorfor måtte barnet flytte"),
          "nynorsk": ("Tema 4 - Kvifor måtte eg flytte", "Tema 4 - Kvifor måtte barnet flytte")}
VOLUNTARY = {"bokmal": ("Tema 4 - Hvorfor flyttet jeg", "Tema 4 - Hvorfor flyttet barnet"),
             "nynorsk": ("Tema 4 - Kvifor flytta eg", "Tema 4 - Kvifor flytta barnet")}


def _voluntary() -> dict:
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "frivillig": True,
                          "lovhjemmel": "barnevernsloven § 3-6"}
    return case


def _theme_4(workspace, case) -> dict[str, list[str]]:
    """The case folder's theme 4 files by party folder (Barnet, Foreldre): their names."""
    folder = workspace.case_folder(case["journalnummer"])
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("Tema 4 - *")):
        found.setdefault(path.parent.name, []).append(path.relative_to(folder).as_posix())
    return found


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_voluntary_placement_names_theme_4_files_without_a_forced_move(workspace, malform):
    workspace.whole_year()
    workspace.in_malform(malform)
    case = _voluntary()
    workspace.drop("sak.json", case)
    workspace.run()
    files = _theme_4(workspace, case)
    child, parents = VOLUNTARY[malform]
    names = [name for party in ("Barnet", "Foreldre") for name in files[party]]
    # An invitation and the minutes for each: the child's and each parent's.
    assert sum(f"/{child}" in name for name in files["Barnet"]) == 2, files
    assert sum(f"/{parents} - " in name for name in files["Foreldre"]) == 4, files
    assert not any(forced in name for name in names for forced in FORCED[malform]), names
    # The foster family's theme 4 has no other title.
    assert len(files["Fosterfamilien"]) == 2


def _release_before(self, conv):
    """CaseContext.file_title as the release before had it: the programme's own title."""
    named = (self.named or self.programme).part(conv.part).tema(conv.tema).tittel
    return named + (self.t("sak.kontakt", nummer=conv.nummer) if conv.tema == 0 else "")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_documents_issued_under_the_programmes_title_keep_their_names(
        workspace, monkeypatch, malform):
    """An installation that made a voluntary case's theme 4 documents with the release
    before: they stay where they are, dated as issued; no copy under the new name beside
    them (a letter twice on the list to send, minutes in two places)."""
    workspace.whole_year()
    workspace.in_malform(malform)
    case = _voluntary()
    workspace.drop("sak.json", case)
    with monkeypatch.context() as before:
        before.setattr(context.CaseContext, "file_title", _release_before)
        workspace.run()
    issued = _theme_4(workspace, case)
    child, parents = FORCED[malform]
    assert sum(f"/{child}" in name for name in issued["Barnet"]) == 2, issued
    assert sum(f"/{parents} - " in name for name in issued["Foreldre"]) == 4, issued
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0
    assert _theme_4(workspace, case) == issued
    # Til utsending names the letters where they are.
    book = load_workbook(workspace.outbox / sending.FILE_NAME)
    listed = [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
              for v in row if isinstance(v, str) and "Tema 4 - " in v]
    assert any(child in name for name in listed), listed
    assert not any(new in name for name in listed for new in VOLUNTARY[malform]), listed
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    dates = kept_dates(workspace.state, pseudonym)
    letters = [name for party in ("Barnet", "Foreldre") for name in issued[party]
               if "/" in name and name.split("/")[0] == workspace_invitations(malform)]
    assert len(letters) == 3 and all(dates[name][0] == TODAY for name in letters), dates


def workspace_invitations(malform: str) -> str:
    return {"bokmal": "Innkallinger", "nynorsk": "Innkallingar"}[malform]


def test_a_case_registered_as_a_care_order_later_keeps_the_names_it_was_issued_under(
        workspace):
    """A placement registered as voluntary, then as a care order (the journal corrected):
    the documents inside say «Hvorfor måtte …» again, their files stay where they are."""
    workspace.whole_year()
    case = _voluntary()
    workspace.drop("sak.json", case)
    workspace.run()
    issued = _theme_4(workspace, case)
    case["plassering"] = {**case["plassering"], "frivillig": False,
                          "lovhjemmel": "barnevernsloven § 5-1"}
    workspace.drop("sak.json", case)
    assert workspace.run(TODAY + timedelta(days=1)).files_failed == 0
    assert _theme_4(workspace, case) == issued
