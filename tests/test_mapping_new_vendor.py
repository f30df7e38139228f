"""A vendor layout nobody has seen before: one new mapping file, no code, and documents come out."""

from __future__ import annotations

from datetime import date

from omsorgspakke_docs.cli import main

from .conftest import docx_text, synthetic_fnr

NEW_MAPPING = """\
# Kommunens egen saksliste fra et nytt fagsystem.
[mapping]
navn = "nytt-fagsystem-saksliste"
beskrivelse = "Nytt fagsystem: saksliste, én rad per sak"
format = "csv"

[gjenkjenning]
filendelser = [".csv"]
kolonner = ["Saksnummer", "Barn navn", "Plasseringsdato"]

[lesing]
skilletegn = "|"

[felt]
journalnummer = "Saksnummer"
kommunenummer = { standard = "4699" }
"barn.fornavn" = "Barn navn"
"barn.fodselsnummer" = "Barn fnr"
"plassering.startdato" = { kilde = "Plasseringsdato", datoformat = "%d/%m/%Y" }
"plassering.kategori" = { kilde = "Hjemtype", verdier = { "NETTVERK" = "2.1", "ORDINÆR" = "2.2" } }
"foreldre[0].fornavn" = "Mor navn"
"foreldre[0].rolle" = { standard = "mor" }
"kontaktperson.fornavn" = "Kontaktperson"
"""


def test_a_new_layout_needs_only_a_mapping_file(workspace, capsys):
    mappings = workspace.root / "mine-mappinger"
    mappings.mkdir()
    (mappings / "nytt-fagsystem.toml").write_text(NEW_MAPPING, encoding="utf-8")
    config = workspace.config_file.read_text(encoding="utf-8")
    config = "\n".join(line for line in config.splitlines() if not line.startswith("mappings ="))
    config = config.replace("[paths]", '[paths]\nmappings = "mine-mappinger"')
    workspace.config_file.write_text(config, encoding="utf-8")
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    capsys.readouterr()

    number = synthetic_fnr(date(2018, 2, 11))
    workspace.drop("saksliste.csv", (
        "Saksnummer|Barn navn|Barn fnr|Plasseringsdato|Hjemtype|Mor navn|Kontaktperson\n"
        f"N-77|Selma|{number}|09/09/2026|NETTVERK|Randi|Trude\n"
    ))
    summary = workspace.run()
    assert summary.files_failed == 0 and summary.cases == 1, summary.failed
    plan = docx_text(workspace.case_folder("N-77") / "01 Oppfølgingsplan.docx")
    assert "Selma" in plan and "Trude" in plan and "9. september 2026" in plan
    letter = docx_text(workspace.case_folder("N-77") / "02 Informasjonsbrev til foreldre.docx")
    assert "Randi" in letter
