"""A case the export says has ended gets no programme: KOSTRA, the register export, mappings."""

from __future__ import annotations

import json
import shutil
from datetime import date

from .conftest import DATA, canonical_case

KOSTRA = DATA / "ssb" / "kostra-15f"
BVR = DATA / "ssb" / "bvr" / "example_modulus-barn_valid_v1-v4.xml"


def test_ssbs_kostra_test_file_individ_that_ended_gets_no_case_folder(workspace, capsys):
    # Individ J1 ended on 17 June 2020 (SluttDato, Avslutta3112="1"); its placement (a move
    # to a foster home in February) is recent enough to qualify on its own.
    shutil.copy2(KOSTRA / "testfile_all_fields_set.xml", workspace.inbox / "kostra.xml")
    assert workspace.cli("--json", today=date(2020, 12, 31)) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["cases"] == 0 and summary["cases_skipped"] == 1
    (skipped,) = summary["skipped"]
    assert skipped["grunn"] == "Saken ble avsluttet i fagsystemet 17. juni 2020."
    assert not any(workspace.outbox.glob("J1*"))
    assert (workspace.archive / "kostra.xml").is_file()


def test_kostra_closed_flag_without_a_date_ends_the_case_at_the_year_end(workspace, capsys):
    text = (KOSTRA / "testfile_all_fields_set.xml").read_text(encoding="iso-8859-1")
    text = text.replace('SluttDato="2020-06-17" Fodselsnummer', 'Fodselsnummer')
    (workspace.inbox / "kostra.xml").write_text(text, encoding="iso-8859-1")
    assert workspace.cli("--json", today=date(2021, 1, 4)) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["skipped"][0]["grunn"] == "Saken ble avsluttet i fagsystemet 31. desember 2020."


def test_kostra_open_case_still_qualifies(workspace, capsys):
    text = (KOSTRA / "testfile_all_fields_set.xml").read_text(encoding="iso-8859-1")
    text = text.replace('Avslutta3112="1"', 'Avslutta3112="2"')
    text = text.replace('SluttDato="2020-06-17" Fodselsnummer', 'Fodselsnummer')
    (workspace.inbox / "kostra.xml").write_text(text, encoding="iso-8859-1")
    assert workspace.cli("--json", today=date(2020, 12, 31)) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["cases"] == 1 and summary["cases_skipped"] == 0


def test_register_export_sak_marked_closed_is_skipped(workspace, capsys):
    # SSB's Modulus Barn example, with a foster-home measure added and the Sak closed.
    text = BVR.read_text(encoding="utf-8").replace(
        '<Sak Id="6ee9bf92-7a4e-46ef-a2dd-b5a3a0a9ee2e" StartDato="2022-11-14"',
        '<Sak Id="6ee9bf92-7a4e-46ef-a2dd-b5a3a0a9ee2e" StartDato="2022-11-14" Avsluttet="true"',
    ).replace("</Sak>", '<Tiltak Id="t1" StartDato="2022-10-01"><Kategori Kode="2.2" />'
                        "</Tiltak></Sak>")
    (workspace.inbox / "bvr.xml").write_text(text, encoding="utf-8")
    assert workspace.cli("--json", today=date(2022, 11, 20)) == 0
    summary = json.loads(capsys.readouterr().out)
    # No SluttDato on the Sak: closed as of the export (DatoUttrekk, 14 November 2022).
    assert summary["skipped"][0]["grunn"] == "Saken ble avsluttet i fagsystemet 14. november 2022."


def test_register_export_sak_with_an_end_date_in_the_future_still_runs(workspace, capsys):
    text = BVR.read_text(encoding="utf-8").replace(
        'StartDato="2022-11-14" Journalnummer', 'StartDato="2022-11-14" SluttDato="2023-01-31" '
        "Journalnummer").replace("</Sak>", '<Tiltak Id="t1" StartDato="2022-10-01">'
                                            '<Kategori Kode="2.2" /></Tiltak></Sak>')
    (workspace.inbox / "bvr.xml").write_text(text, encoding="utf-8")
    assert workspace.cli("--json", today=date(2022, 11, 20)) == 0
    assert json.loads(capsys.readouterr().out)["cases"] == 1


def test_a_mapped_or_canonical_sluttdato_ends_the_case(workspace, capsys):
    workspace.drop("sak.json", canonical_case(sluttdato="2026-11-01"))
    assert workspace.cli("--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["skipped"][0]["grunn"] == "Saken ble avsluttet i fagsystemet 1. november 2026."


def test_a_case_two_files_both_have_is_skipped_once_in_the_summary(workspace, capsys):
    """Two exports in one batch with the same case placed too long ago: it is one case
    skipped, said once (helper 88, finding 9)."""
    old = canonical_case()
    old["plassering"] = {**old["plassering"], "startdato": "2024-08-19"}
    for name, day in (("a.json", "2026-11-20"), ("b.json", "2026-11-21")):
        workspace.drop(name, {**old, "eksportert": day})
    assert workspace.cli("--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["cases_skipped"] == 1 and len(summary["skipped"]) == 1
    assert (workspace.archive / "a.json").is_file() and (workspace.archive / "b.json").is_file()
