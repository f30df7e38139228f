"""A file is read whole and checked before any of its cases gets documents: an export whose
fourth case cannot be read is set aside with none of its cases made, and its note says so.
When making a file's cases fails part-way (a case refused by strict_missing, a template
error), the note says which of its cases already got documents, by journal number."""

from __future__ import annotations

import json

import pytest

from .conftest import EXAMPLES, canonical_case, case_folders
from .test_missing import strict
from .test_nynorsk import _config

EXPORT = EXAMPLES / "vendor-acos-sakliste.csv"


def _four_rows_the_last_unreadable() -> str:
    """The Acos example with four cases; the fourth's placement date cannot be read."""
    title, header, first, second = EXPORT.read_text(encoding="utf-8-sig").splitlines()[:4]
    third = first.replace("2026-0740", "2026-0742", 1)
    fourth = second.replace("2026-0741", "2026-0743", 1).replace("12.07.2026", "31.13.2026")
    assert fourth != second.replace("2026-0741", "2026-0743", 1)
    return "\r\n".join([title, header, first, second, third, fourth]) + "\r\n"


def _case_folders(workspace) -> list[str]:
    """The case folders that hold documents."""
    return sorted(p.name for p in case_folders(workspace.outbox)
                  if any(p.rglob("*.docx")))


def test_no_case_of_a_file_whose_fourth_row_fails_gets_documents(workspace):
    workspace.drop("sakliste.csv", _four_rows_the_last_unreadable())
    summary = workspace.run()
    assert summary.files_failed == 1 and summary.cases == 0
    assert _case_folders(workspace) == []
    note = (workspace.failed / "sakliste.csv.feil.txt").read_text(encoding="utf-8")
    assert "«Plassert fra» (feltet plassering.startdato): datoen kan ikke leses" in note
    assert "Ingen saker fra denne filen har fått dokumenter." in note
    assert "Leah" not in note and "08892060011" not in note


def test_the_same_file_put_right_makes_every_case(workspace):
    text = _four_rows_the_last_unreadable()
    workspace.drop("sakliste.csv", text)
    workspace.run()
    workspace.drop("sakliste-rettet.csv", text.replace("31.13.2026", "12.07.2026"))
    assert workspace.run().files_failed == 0
    assert _case_folders(workspace) == ["2026-0740", "2026-0741", "2026-0742", "2026-0743"]


def test_a_nynorsk_service_is_told_in_nynorsk(workspace):
    _config(workspace, 'malform = "nynorsk"\n')
    workspace.drop("sakliste.csv", _four_rows_the_last_unreadable())
    workspace.run()
    note = (workspace.failed / "sakliste.csv.feil.txt").read_text(encoding="utf-8")
    assert "Ingen saker frå denne fila har fått dokument." in note
    assert "fra denne filen" not in note


def test_a_canonical_list_whose_third_case_breaks_the_format_makes_none(workspace):
    cases = [canonical_case(journalnummer=f"2026-05{n:02d}") for n in range(1, 4)]
    cases[2]["barn"]["fodselsdato"] = "ukjent"
    workspace.drop("saker.json", json.dumps({"format": "omsorgspakke-saker/1", "saker": cases},
                                            ensure_ascii=False))
    assert workspace.run().files_failed == 1
    assert _case_folders(workspace) == []
    note = (workspace.failed / "saker.json.feil.txt").read_text(encoding="utf-8")
    assert "Sak nr. 3 i filen følger ikke saksformatet" in note
    assert "Ingen saker fra denne filen har fått dokumenter." in note


def test_a_case_refused_after_others_were_made_names_those_that_were(workspace):
    """strict_missing refuses a case only when its documents are made: the cases before it
    in the file have theirs, and the note names them."""
    strict(workspace)
    whole = canonical_case(journalnummer="2026-0501")
    gaps = canonical_case(journalnummer="2026-0502")
    gaps["barn"].pop("fornavn")
    workspace.drop("saker.json", json.dumps({"format": "omsorgspakke-saker/1",
                                             "saker": [whole, gaps]}, ensure_ascii=False))
    assert workspace.run().files_failed == 1
    assert _case_folders(workspace) == ["2026-0501"]
    note = (workspace.failed / "saker.json.feil.txt").read_text(encoding="utf-8")
    assert ("Disse sakene fra filen fikk dokumenter før feilen ble funnet: 2026-0501. De andre "
            "sakene i filen har ikke fått dokumenter.") in note


def test_a_large_file_read_twice_holds_to_it_too(workspace, monkeypatch):
    """A file of more than KEPT_CASES cases is checked whole in one reading and made in a
    second."""
    from omsorgspakke_docs.run import file_step

    monkeypatch.setattr(file_step, "KEPT_CASES", 2)
    workspace.drop("sakliste.csv", _four_rows_the_last_unreadable())
    assert workspace.run().files_failed == 1
    assert _case_folders(workspace) == []
    workspace.drop("rettet.csv", _four_rows_the_last_unreadable().replace("31.13.2026",
                                                                           "12.07.2026"))
    assert workspace.run().files_failed == 0
    assert _case_folders(workspace) == ["2026-0740", "2026-0741", "2026-0742", "2026-0743"]


@pytest.mark.parametrize("kept, readings", [(1_500, 1), (2, 2)])
def test_a_file_is_read_once_unless_it_has_too_many_cases_to_hold(workspace, monkeypatch,
                                                                  kept, readings):
    """Three cases are held from the reading that checks them and made from it; a file of
    more than KEPT_CASES is read again to make them (memory stays one case)."""
    from omsorgspakke_docs.adapters.canonical_json import CanonicalJson
    from omsorgspakke_docs.run import file_step

    monkeypatch.setattr(file_step, "KEPT_CASES", kept)
    calls = []
    read = CanonicalJson.read

    def counted(self, path):
        calls.append(path.name)
        return read(self, path)

    monkeypatch.setattr(CanonicalJson, "read", counted)
    cases = [canonical_case(journalnummer=f"2026-09{i}0") for i in range(3)]
    workspace.drop("tre.json", {"format": "omsorgspakke-saker/1", "saker": cases})
    assert workspace.run().files_failed == 0
    assert len(calls) == readings
    assert _case_folders(workspace) == ["2026-0900", "2026-0910", "2026-0920"]
