"""`check --sample` on an XML or JSON mapping: a misspelt XPath or JSON pointer has no header
to be checked against, so one that gives no value in any record of the sample is named."""

from __future__ import annotations

from omsorgspakke_docs.cli import main

MAPPING = """
[mapping]
navn = "lokal-xml"
beskrivelse = "Lokal XML"
format = "xml"

[gjenkjenning]
filendelser = [".xml"]
rotelement = "LokalEksport"

[lesing]
poster = "Sak"

[felt]
journalnummer = "@nr"
kommunenummer = { standard = "4601" }
"barn.fornavn" = "Barn/Fornvn"
"barn.etternavn" = "Barn/Etternavn"
"plassering.startdato" = "Plassering/@fra"
"""

EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<LokalEksport>
  <Sak nr="2026-0950">
    <Barn><Fornavn>Mia</Fornavn><Etternavn>Ås</Etternavn></Barn>
    <Plassering fra="2026-10-05"/>
  </Sak>
</LokalEksport>
"""


def test_a_misspelt_xpath_is_named_by_check_sample(workspace, tmp_path, capsys):
    folder = workspace.root / "egne"
    folder.mkdir()
    (folder / "lokal.toml").write_text(MAPPING, encoding="utf-8")
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        "mappings = ", 'mappings = "egne"\n# '), encoding="utf-8")
    sample = tmp_path / "lokal.xml"
    sample.write_text(EXPORT, encoding="utf-8")
    code = main(["check", "--config", str(workspace.config_file), "--sample", str(sample),
                 "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert code == 0  # a warning: an optional field may be empty in every record of a sample
    assert ("ADVARSEL  prøvefil: XPath-uttrykket «Barn/Fornvn» (feltet barn.fornavn) ga ingen "
            "verdi i noen post i prøvefilen. Sjekk stavemåten") in out
    assert "Barn/Etternavn" not in out and "Mia" not in out
    assert "OK        prøvefil: 1 post lest uten feil i verdiene." in out
