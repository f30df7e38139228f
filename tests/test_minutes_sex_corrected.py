"""The journal corrects the child's sex (registered as a girl, then as a boy). Minutes a
caseworker is writing in are kept as they are, still saying «hun» («ho»), and the case's
overview says so once, on its first sheet; minutes nobody has written in are made again
with «han». On the first run of this release on minutes the release before made and kept,
the same day's sex (or corrected one) gives them no copy «(ny versjon)» either."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.text import tekst

from .conftest import docx_text
from .doc_helpers import write_in
from .test_minutes_child_named_once import TITLES, TODAY, _as_the_release_before, _case, _minutes
from .test_minutes_dates_question import _in_the_words_before

SAID = {
    "bokmal": "Barnet er registrert som gutt i fagsystemet, men referatet «Referater/Foreldre/"
              "Tema 4 - Hvorfor måtte barnet flytte - mor» ble laget da barnet var registrert "
              "som jente. Det er skrevet i referatet, så det er ikke laget på nytt, og noen av "
              "spørsmålene omtaler fortsatt barnet som jente. Rett gjerne dette i referatet "
              "før det leveres i innboksen.",
    "nynorsk": "Barnet er registrert som gutt i fagsystemet, men referatet «Referat/Foreldre/"
               "Tema 4 - Kvifor måtte barnet flytte - mor» vart laga då barnet var registrert "
               "som jente. Det er skrive i referatet, så det er ikkje laga på nytt, og nokre "
               "av spørsmåla omtalar framleis barnet som jente. Rett gjerne dette i referatet "
               "før det blir levert i innboksen.",
}
SHE = {"bokmal": r"\b(hun|henne)\b", "nynorsk": r"\b(ho|henne)\b"}
HE = r"\b(han|ham|honom)\b"


def _overview_rows(workspace) -> list[tuple]:
    (path,) = workspace.case_folder("2026-0412").glob("**/04 *.xlsx")
    book = load_workbook(path)
    sheet = book[book.sheetnames[0]]  # «Dette må følges opp»
    return [r[:4] for r in sheet.iter_rows(min_row=7, values_only=True) if any(r[:4])]


def _corrected(workspace, case: dict) -> object:
    day = TODAY + timedelta(days=1)
    workspace.drop("sak2.json", {**case, "barn": {**case["barn"], "kjonn": "gutt"},
                                 "eksportert": day.isoformat()})
    return workspace.run(day)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_minutes_written_in_keep_hun_and_the_overview_says_so_once(workspace, malform):
    case = _case(kjonn="jente")
    _minutes(workspace, malform, case)
    folder = workspace.case_folder("2026-0412") / tekst(malform)("fil.referater")
    mother = folder / TITLES[malform][1]
    father = folder / TITLES[malform][1].replace("- mor", "- far")
    assert re.search(SHE[malform], docx_text(mother))
    as_written = write_in(mother)
    summary = _corrected(workspace, case)
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert mother.read_bytes() == as_written  # kept as the caseworker left it
    assert re.search(HE, docx_text(father)) and not re.search(SHE[malform], docx_text(father))
    notes = [r for r in _overview_rows(workspace) if r[2] and "registrert som gutt"
             in r[2]]
    assert notes == [(None, None, SAID[malform], None)]


def test_no_note_where_no_minutes_are_written_in(workspace):
    case = _case(kjonn="jente")
    _minutes(workspace, "bokmal", case)
    assert _corrected(workspace, case).new_versions == []
    assert not [r for r in _overview_rows(workspace)
                if r[2] and "registrert som gutt" in r[2]]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("kjonn", [None, "jente"])
def test_the_first_run_of_this_release_bringing_the_sex_makes_no_copy(workspace, monkeypatch,
                                                                      malform, kjonn):
    """Minutes the release before made (its words: the name again for each «det»), written
    in, and the first run of this release reads an export with the child's sex the same day
    (given, or corrected): each got a copy «(ny versjon)» beside it (14 in the example
    case). Now they stay as written, and those nobody wrote in are made again with «han»."""
    case = _case(kjonn=kjonn)
    with monkeypatch.context() as patched:
        _as_the_release_before(patched)
        _in_the_words_before(patched)
        _minutes(workspace, malform, case)
    folder = workspace.case_folder("2026-0412") / tekst(malform)("fil.referater")
    files = sorted(folder.glob("*/*.docx"))
    untouched = folder / TITLES[malform][1].replace("- mor", "- far")
    as_written = {path: write_in(path) for path in files if path != untouched}
    summary = _corrected(workspace, case)
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert {path: path.read_bytes() for path in as_written} == as_written
    assert re.search(HE, docx_text(untouched))
