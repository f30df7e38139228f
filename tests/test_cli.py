"""The command-line contract: files moved, notes written, exit codes, the JSON summary."""

import json
import shutil

import pytest

from omsorgspakke_docs.cli import build_parser, main

from .conftest import canonical_case, docx_text


def test_processed_files_move_to_the_archive(workspace, capsys):
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    workspace.drop_example("bvr-modulus-2026-0587.xml")
    assert workspace.cli() == 0
    assert sorted(p.name for p in workspace.archive.iterdir()) == [
        "bvr-modulus-2026-0587.xml", "sak-fjordvik-2026-0412.json"]
    assert [p for p in workspace.inbox.iterdir() if not p.name.startswith(".")] == []
    assert (workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx").is_file()
    out = capsys.readouterr().out
    assert "2 filer behandlet, 0 satt til side" in out


def test_a_file_read_before_is_counted_on_the_summarys_first_line(workspace, capsys):
    """An export dropped again with the same content: «0 filer behandlet» alone, after
    «Behandler fil 1 av 1», read as if it had failed until the last line said why."""
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.cli() == 0
    capsys.readouterr()
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.cli() == 0
    out = capsys.readouterr().out
    assert "Ferdig: 0 filer behandlet, 1 var behandlet før, 0 satt til side." in out
    assert ("1 fil var behandlet før (samme innhold) og er lagt i arkivet uten nye "
            "dokumenter.") in out


def test_a_bad_file_goes_to_failed_with_a_norwegian_note_and_the_run_goes_on(workspace):
    workspace.drop("ødelagt.json", '{"format": "omsorgspakke-sak/1", "journalnummer": ')
    workspace.drop("ukjent.csv", "kolonne1;kolonne2\n1;2\n")
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.cli() == 1
    assert (workspace.archive / "sak-fjordvik-2026-0412.json").is_file()
    note = (workspace.failed / "ødelagt.json.feil.txt").read_text(encoding="utf-8")
    assert "ikke gyldig JSON" in note and "Hva du kan gjøre" in note
    assert "(linje 1). Den kan være avkortet eller skadet." in note  # as a cut-off XML's says
    assert (workspace.failed / "ødelagt.json").is_file()
    note = (workspace.failed / "ukjent.csv.feil.txt").read_text(encoding="utf-8")
    assert ("Programmet kjenner ikke igjen formatet på denne filen.\n"
            "For IT: ingen adapter passet") in note


def test_json_summary(workspace, capsys):
    workspace.drop_example("saker-fjordvik-uke47.json")
    workspace.drop("tom.json", "")
    assert workspace.cli("--json") == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["files_ok"] == 1 and summary["files_failed"] == 1
    assert summary["cases"] == 1 and summary["cases_skipped"] == 1
    assert summary["documents_written"] > 10  # the letters due now, not the whole year
    assert "mer enn 12 måneder" in summary["skipped"][0]["grunn"]
    assert summary["skipped"][0]["sak"].startswith("sak-")
    assert summary["skipped"][0]["journalnummer"] == "2024-0031"


def test_json_summary_says_why_a_case_was_skipped_in_nynorsk(workspace, capsys):
    """A nynorsk service's --json said its failed files' reasons in nynorsk and a skipped
    case's in bokmål («Fosterhjemsplasseringen startet …»), as code writes it."""
    workspace.in_malform("nynorsk")
    workspace.drop_example("saker-fjordvik-uke47.json")
    assert workspace.cli("--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["skipped"][0]["grunn"].startswith("Fosterheimsplasseringa starta ")
    assert "meir enn 12 månader før 22. november 2026" in summary["skipped"][0]["grunn"]


def test_the_summary_names_a_skipped_case_so_staff_can_find_it(workspace, capsys):
    workspace.drop_example("saker-fjordvik-uke47.json")
    workspace.cli()
    assert "Hoppet over sak 2024-0031: " in capsys.readouterr().out


def test_nothing_in_the_inbox_is_a_clean_run(workspace, capsys):
    assert workspace.cli("--json") == 0
    assert json.loads(capsys.readouterr().out)["files_ok"] == 0


@pytest.mark.parametrize("args", [
    ["run", "--today", "22.11.2026"],
    ["run", "--config", "/finnes/ikke.toml"],
    ["run", "--inbox", "/finnes/ikke"],
    ["ukjent-kommando"],
])
def test_usage_and_configuration_errors_exit_2(args, capsys):
    assert main(args) == 2
    assert "Feil" in capsys.readouterr().err


def test_bad_configuration_exits_2_with_a_clear_message(workspace, capsys):
    workspace.config_file.write_text("[schedule]\ntheme_interval_days = 60\n", encoding="utf-8")
    assert workspace.cli() == 2
    assert "minst én samtale i måneden" in capsys.readouterr().err


def test_every_subcommand_has_help(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert {"run", "demo"} <= set(commands)
    for name in commands:
        assert main([name, "--help"]) == 0
        out = capsys.readouterr().out
        assert "bruk: omsorgspakke " + name in out
        assert "vis denne hjelpen og avslutt" in out and "show this help" not in out


def test_argparse_speaks_norwegian_to_staff(capsys):
    assert main(["inspect"]) == 2
    err = capsys.readouterr().err
    assert "bruk: omsorgspakke inspect" in err
    assert "disse argumentene mangler: FIL" in err and "required" not in err


def test_a_case_that_gains_data_is_brought_up_to_date(workspace):
    case = canonical_case()
    del case["kontaktperson"]
    workspace.drop("a.json", case)
    assert workspace.cli() == 0
    plan = workspace.case_folder("2026-0412") / "mangler.txt"
    assert "navn på kontaktpersonen" in plan.read_text(encoding="utf-8")
    workspace.drop("b.json", canonical_case())
    assert workspace.cli() == 0
    assert "navn på kontaktpersonen" not in plan.read_text(encoding="utf-8")


def test_demo_processes_the_bundled_examples(tmp_path, capsys):
    assert main(["demo", "--folder", str(tmp_path / "demo")]) == 0
    out = capsys.readouterr().out
    assert "Dokumentene ligger i" in out
    for name in ("inbox", "outbox", "archive", "failed", "state"):
        assert (tmp_path / "demo" / name).is_dir()
    assert list((tmp_path / "demo" / "failed").iterdir()) == []
    plan = tmp_path / "demo" / "outbox" / "2026-0587" / "01 Oppfølgingsplan.docx"
    # The demo's office opens Friday's exports on Monday: its letters are dated a working day.
    assert "Vår dato:\t23. november 2026" in docx_text(plan)


def test_the_demo_says_where_the_documents_are_in_the_services_standard(tmp_path, capsys,
                                                                        monkeypatch):
    """A service whose messages are in nynorsk is told so in nynorsk, as its summary is."""
    from omsorgspakke_docs import bundled

    examples = tmp_path / "examples"
    examples.mkdir()
    shipped = bundled.folder("examples")
    config = (shipped / "omsorgspakke.toml").read_text(encoding="utf-8")
    (examples / "omsorgspakke.toml").write_text(
        config.replace('malform = "bokmal"', 'malform = "nynorsk"', 1), encoding="utf-8")
    shutil.copy(shipped / "sak-fjordvik-2026-0412.json", examples)
    real = bundled.folder
    monkeypatch.setattr(bundled, "folder",
                        lambda name: examples if name == "examples" else real(name))
    assert main(["demo", "--folder", str(tmp_path / "demo")]) == 0
    out = capsys.readouterr().out
    assert f"Dokumenta ligg i {tmp_path / 'demo' / 'outbox'}" in out
    assert "Dokumentene ligger" not in out


def test_a_note_saved_as_text_gets_no_advice_meant_for_an_export(workspace):
    """A letter saved as .txt got «familia-personrapport: skilletegnet ser ut til å være «,»,
    mens mappingen sier skilletegn = ";"» and «Be IT rette mappingfilen»; only a file that
    names something a mapping knows its export by is told what did not match."""
    workspace.drop("notat.txt", "Hei, her er eksporten du ba om, med alle sakene.\nHilsen Kari\n")
    workspace.drop("rapport.csv", "Journalnr,Rolle,Fornavn\n1,barn,x\n")  # Familia's, wrong «,»
    assert workspace.cli() == 1
    note = (workspace.failed / "notat.txt.feil.txt").read_text(encoding="utf-8")
    assert "Programmet kjenner ikke igjen formatet på denne filen." in note
    assert "familia-personrapport:" not in note and "skilletegn" not in note
    assert "Be IT rette mappingfilen" not in note
    note = (workspace.failed / "rapport.csv.feil.txt").read_text(encoding="utf-8")
    assert "familia-personrapport: skilletegnet ser ut til å være «,»" in note


def test_an_export_saved_as_unicode_text_is_told_what_did_not_match(workspace):
    """Excel's «Unicode-tekst» is UTF-16 with tabs: it names Familia's columns as well."""
    workspace.drop("rapport.csv", "Journalnr\tRolle\tFornavn\n1\tbarn\tx\n".encode("utf-16"))
    assert workspace.cli() == 1
    note = (workspace.failed / "rapport.csv.feil.txt").read_text(encoding="utf-8")
    assert "familia-personrapport: skilletegnet ser ut til å være «tabulator»" in note, note
