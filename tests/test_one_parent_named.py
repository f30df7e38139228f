"""A case with one parent in the journal: Saksoversikt's Avvik names that parent by role
(«far», «mor»), as Til utsending names the recipient of their letters («Forelder (far)»),
not «forelderen» beside it (a reader's finding). Bokmål and nynorsk.

The example case 2026-0520 (Fjellvik), placed 5 October 2026, with only one of its parents.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from .conftest import EXAMPLES, make_workspace

JOURNAL = "2026-0520"


def _one_parent(index: int, **change) -> dict:
    case = json.loads((EXAMPLES / "sak-fjellvik-2026-0520.json").read_text(encoding="utf-8"))
    case["foreldre"] = [{**case["foreldre"][index], **change}]
    return case


def _run(tmp_path, case: dict, malform: str, today: date):
    ws = make_workspace(tmp_path)
    ws.config_file.write_text(ws.config_file.read_text(encoding="utf-8").replace(
        "[service]\n", f'[service]\nmalform = "{malform}"\n'), encoding="utf-8")
    ws.drop("sak.json", case)
    summary = ws.run(today=today)
    assert summary.files_failed == 0, summary.failed
    return ws


def _what(ws) -> list[str]:
    """The Hva of the case's rows on Saksoversikt's Avvik sheet."""
    sheet = load_workbook(ws.outbox / "Saksoversikt.xlsx").worksheets[0]
    return [str(r[2]) for r in sheet.iter_rows(values_only=True) if r[0] == JOURNAL]


def _recipients(ws) -> set[str]:
    """Til utsending's Mottaker of the case's letters to the parent."""
    sheet = load_workbook(ws.outbox / "Til utsending.xlsx").worksheets[0]
    return {str(r[1]) for r in sheet.iter_rows(values_only=True)
            if r[0] == JOURNAL and str(r[1]).startswith("Forelder")}


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "Gi far tilbudet om Omsorgspakken på nytt (brevet «Nytt tilbud» ligger i "
               "saksmappen), og registrer datoen i fagsystemet."),
    ("nynorsk", "Gi far tilbodet om Omsorgspakken på nytt (brevet «Nytt tilbod» ligg i "
                "saksmappa), og registrer datoen i fagsystemet."),
])
def test_the_one_parent_who_declined_is_offered_again_by_role(tmp_path, malform, said):
    """The father, the case's only parent, declined: three months after the placement the
    row asks to give «far» the offer again, as Til utsending lists his «Nytt tilbud»."""
    ws = _run(tmp_path, _one_parent(1, takker_ja=False), malform, date(2027, 1, 11))
    rows = _what(ws)
    assert said in rows, rows
    assert not [r for r in rows if "forelderen" in r], rows
    assert _recipients(ws) == {"Forelder (far)"}


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "Ingen samtaler med mor er registrert, og den første skulle vært holdt innen "
               "2. november 2026;"),
    ("nynorsk", "Ingen samtalar med mor er registrerte, og den første skulle vore halden "
                "innan 2. november 2026;"),
])
def test_the_one_parent_not_yet_talked_with_is_named_by_role(tmp_path, malform, said):
    """The mother, the case's only parent, has had no conversation: the row says «mor», as
    Til utsending lists her letters, not «Ingen samtaler med forelderen»."""
    ws = _run(tmp_path, _one_parent(0), malform, date(2026, 11, 22))
    rows = _what(ws)
    assert [r for r in rows if r.startswith(said)], rows
    assert not [r for r in rows if "forelderen" in r], rows
    assert _recipients(ws) == {"Forelder (mor)"}
