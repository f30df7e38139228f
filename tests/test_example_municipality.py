"""The shipped mapping files' example municipality number, 4699 (no such municipality):
kept by IT, check said nothing and a live run gave every case of the file that number
(helper 146, finding 2). check warns at the line; run and watch say it once in the log,
and read the files as before."""

from __future__ import annotations

from omsorgspakke_docs.cli import main

from .test_check_inspect import check
from .test_mapping import CSV_MAPPING, ROWS
from .test_watch_logs import log_lines

WARNED = ("ADVARSEL  mappingfil ny.toml, linje 18: kommunenummer er «4699», eksempelnummeret "
          "som følger med programmet, ikke kommunens eget. Hver sak fra filen får da et "
          "kommunenummer som ikke finnes, og slås ikke sammen med den samme saken fra "
          "SSB-eksporten. Skriv kommunens eget nummer i stedet for \"4699\" (fire sifre, "
          "f.eks. \"4601\" for Bergen), eller fjern filen hvis kommunen ikke bruker dette "
          "fagsystemet.")


def test_check_warns_at_the_line_while_the_example_number_is_kept(workspace, capsys):
    folder = workspace.own_mappings()
    (folder / "ny.toml").write_text(CSV_MAPPING, encoding="utf-8")
    code, out = check(workspace, capsys)
    assert code == 0 and WARNED in out.splitlines(), out
    workspace.in_malform("nynorsk")
    code, out = check(workspace, capsys)
    assert code == 0
    assert ("ÅTVARING  mappingfil ny.toml, linje 18: kommunenummer er «4699», "
            "eksempelnummeret som følgjer med programmet, ikkje nummeret til kommunen.") in out
    (folder / "ny.toml").write_text(CSV_MAPPING.replace('"4699"', '"4601"'), encoding="utf-8")
    code, out = check(workspace, capsys)
    assert code == 0 and "eksempelnummeret" not in out, out


def test_a_run_says_it_once_in_the_log_and_reads_the_file(workspace, capsys):
    folder = workspace.own_mappings()
    (folder / "ny.toml").write_text(CSV_MAPPING, encoding="utf-8")
    workspace.drop("rapport.csv", ROWS)
    workspace.cli()
    said = [e for e in log_lines(workspace.state / "logs")
            if e["event"] == "mapping_warning" and "eksempelnummeret" in e["message"]]
    assert len(said) == 1 and said[0]["level"] == "info"
    assert said[0]["message"].startswith("mappingfil ny.toml, linje 18: kommunenummer er «4699»")
    assert list(workspace.archive.iterdir())  # a warning, not a refusal
    assert not list(workspace.failed.iterdir())
    assert "eksempelnummeret" not in capsys.readouterr().err  # the log file's, not the console's


def test_init_says_to_set_the_number_and_check_names_each_copied_mapping(tmp_path, capsys):
    folder = tmp_path / "oppsett"
    assert main(["init", str(folder)]) == 0
    said = capsys.readouterr().out
    assert "kommunens eget kommunenummer i stedet for eksempelet 4699" in said
    assert main(["check", "--config", str(folder / "omsorgspakke.toml")]) == 0
    out = capsys.readouterr().out
    warned = sorted(line.split(",")[0] for line in out.splitlines()
                    if "eksempelnummeret" in line)
    assert warned == [f"ADVARSEL  mappingfil {name}.toml" for name in (
        "acos-barnevern-sakliste", "familia-personrapport", "modulus-barn-kontaktrapport",
        "visma-flyt-barnevern-personer")]
