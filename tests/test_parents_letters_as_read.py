"""The information letter and the invitations as the parent who receives them reads them
(a reader's findings): the table's «Klokkeslett» says the time once, «10.00–11.30», not
«kl. 10.00–11.30» under a label that says it is the time already."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.rendering import pdf

from .conftest import canonical_case
from .doc_helpers import KINDS, RENDERER, case_context, render

TIME = re.compile(r"\d\d\.\d\d–\d\d\.\d\d")


def _rows(path) -> dict[str, str]:
    """A letter's two-column tables, label -> value."""
    return {row.cells[0].text: row.cells[1].text for table in open_docx(str(path)).tables
            for row in table.rows if len(row.cells) == 2}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("kind", ["innkalling", "fellesmote"])
def test_the_time_is_said_once_under_klokkeslett(tmp_path, malform, kind):
    letters = render(case_context(canonical_case()).in_malform(malform), kind, tmp_path)
    assert letters
    for name, path in letters.items():
        rows = _rows(path)
        assert TIME.fullmatch(rows["Klokkeslett"]), (name, rows["Klokkeslett"])



SOFFICE = pdf.find_soffice()


def _fresh() -> dict:
    """The example case as the service first exports it, days after the move: no
    conversation held, every date ahead."""
    case = canonical_case(eksportert="2026-11-20", samtaler=[], vurderinger=[],
                          oppfolgingsbesok=[])
    case["plassering"]["startdato"] = "2026-11-16"
    return case


def _late() -> dict:
    """Well into the year: theme 2 held with each parent (a late letter, with the dates
    held and those to come)."""
    case = canonical_case(eksportert="2027-01-07")
    for entry in ({"part": "foreldre", "forelder": 0, "dato": "2027-01-04"},
                  {"part": "foreldre", "forelder": 1, "dato": "2027-01-05"}):
        case["samtaler"].append({**entry, "tema": 2, "status": "gjennomfort"})
    return case


def _with(case: dict, placement: dict | None = None, **parent) -> dict:
    case["plassering"].update(placement or {})
    for person in case["foreldre"]:
        person.update(parent)
    return case


VARIANTS = {
    # name: (case, the day, what the letter says besides: a letter replaced, short notice)
    "eksempel": (canonical_case, date(2026, 11, 22), {}),
    "ny sak": (_fresh, date(2026, 11, 20), {}),
    "frivillig": (lambda: _with(_fresh(), {"frivillig": True}), date(2026, 11, 20), {}),
    "midlertidig": (lambda: _with(_fresh(), {"midlertidig": True}, takker_ja=None),
                    date(2026, 11, 20), {}),
    "nettverk og tolk": (lambda: _with(_fresh(), {"i_familie_og_nettverk": True}, tolk=True,
                                       sprak="polsk"), date(2026, 11, 20), {}),
    "ikke svart": (lambda: _with(canonical_case(), takker_ja=None), date(2026, 11, 22), {}),
    "lang reisevei": (lambda: _with(_fresh(), lang_reisevei=True, tolk=True, sprak="polsk"),
                      date(2026, 11, 20), {"erstatter": "2. november 2026"}),
    "sent brev": (_late, date(2027, 1, 7), {"erstatter": "2. november 2026"}),
    "kort varsel": (lambda: _with(_fresh(), {"frivillig": True}, tolk=True, sprak="polsk"),
                    date(2026, 11, 20), {"kort_varsel": True}),
}
"""The parents' letters as the example case and the readers' cases have them: each
adaptation a parent's letter may say, in turn; a letter replacing one sent before; an
invitation at short notice."""


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) eller pdftotext (poppler-utils) er ikke "
                           "installert; .ci/run installerer dem i CI")
def test_the_parents_information_letters_and_invitations_are_one_page(tmp_path):
    """A reader's finding: the information letter, and an invitation with all it may say,
    ran to a second page, the closing and the signature alone there. Each parent's
    information letter and invitations fit one page in both standards, and still say what
    a parent needs: when (the dates), how to answer and whom to call."""
    letters, needs = [], {}
    for label, (make, today, more) in VARIANTS.items():
        for malform in ("bokmal", "nynorsk"):
            ctx = case_context(make(), today=today).in_malform(malform)
            for kind in ("informasjonsbrev", "innkalling"):
                docs = [doc for doc in KINDS[kind].documents(ctx)
                        if kind == "informasjonsbrev" or "/Foreldre/" in str(doc.path)]
                if kind == "innkalling":  # the first and the last theme's
                    docs = docs[:1] + docs[-1:]
                assert docs, (label, kind)
                for doc in docs:
                    doc.context.update(more)
                    target = tmp_path / label / malform / doc.path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(RENDERER.render(doc).data)
                    letters.append(target)
                    needs[target] = ("55 00 12 34", "ingrid.bakke@fjordvik.kommune.example")
    result = pdf.convert(letters, soffice=SOFFICE, work_in=tmp_path)
    assert not result.failed
    longer = []
    for letter in letters:
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(letter.with_suffix(".pdf")),
                               "-"], check=True, capture_output=True).stdout.decode("utf-8")
        pages = text.split("\f")[:-1]
        if len(pages) > 1:
            longer.append(f"{letter.relative_to(tmp_path)}: {len(pages)} pages")
            continue
        flat = " ".join(pages[0].split())
        assert "Med vennlig hilsen" in flat or "Med vennleg helsing" in flat
        for words in needs[letter]:
            assert words in flat, (letter.relative_to(tmp_path), words)
    assert not longer, longer
