"""`omsorgspakke check` on the local plugins IT writes: each mistake is a FEIL line that names
the file, the line and what to do, and `run` stops with the same words; check never stops
with «en uventet feil»."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main

from .local_plugins import CLAIMS_LINE, READ_LINE, adapter_plugin, write_plugin

MISSPELT = (
    "from omsorgspakke_docs.hookspecs import hookimpl\n"
    "\n"
    "\n"
    "@hookimpl\n"
    "def register_adapter(register):\n"
    "    pass\n"
)


@pytest.mark.parametrize(("source", "expected"), [
    (MISSPELT, "FEIL      programtillegg: Programtillegget lokal.py, linje 5: «register_adapter» "
               "er ikke en hook som programmet kjenner. Mente du «register_adapters»?"),
    ("import csv\nimport tabulatex\n",
     "FEIL      programtillegg: Programtillegget lokal.py feilet ved lasting, linje 2 "
     "(ModuleNotFoundError: modulen «tabulatex» er ikke installert). Rett feilen, eller flytt "
     "filen ut av plugins-mappen for å slå av programtillegget."),
    # The program's own module misspelt: nothing to install (helper 805).
    ("import csv\nfrom omsorgspakke_docs.intake.guard import read_text\n",
     "FEIL      programtillegg: Programtillegget lokal.py feilet ved lasting, linje 2 "
     "(ModuleNotFoundError): programmet har ingen modul «omsorgspakke_docs.intake.guard». "
     "Mente du «omsorgspakke_docs.intake.guards»? Rett importen, eller flytt filen ut av "
     "plugins-mappen for å slå av programtillegget."),
    ("import omsorgspakke_docs.xyzzy\n",
     "FEIL      programtillegg: Programtillegget lokal.py feilet ved lasting, linje 1 "
     "(ModuleNotFoundError): programmet har ingen modul «omsorgspakke_docs.xyzzy». Rett "
     "importen, eller flytt filen ut av plugins-mappen for å slå av programtillegget."),
    ("x = 1\ndef f(:\n    pass\n",
     "FEIL      programtillegg: Programtillegget lokal.py feilet ved lasting, linje 2 "
     "(SyntaxError)."),
    ("x = 1\n\nraise RuntimeError('Kari Nordmann 02868610088')\n",
     "FEIL      programtillegg: Programtillegget lokal.py feilet ved lasting, linje 3 "
     "(RuntimeError)."),
])
def test_a_broken_plugin_is_named_with_its_line_and_what_to_do(workspace, capsys, source,
                                                               expected):
    write_plugin(workspace, source)
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    out = capsys.readouterr().out
    assert expected in out
    assert "uventet" not in out and "Kari" not in out and "02868610088" not in out

    workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.cli() == 2
    assert expected.split("programtillegg: ", 1)[1] in capsys.readouterr().err
    assert (workspace.inbox / "sak-fjordvik-2026-0412.json").is_file()


@pytest.mark.parametrize(("claims", "error", "line"), [
    ("raise ValueError('Kari Nordmann 02868610088')", "ValueError", CLAIMS_LINE),
    ("return sample.suffix == '.csv'", "KeyError", READ_LINE),
])
def test_check_sample_and_inspect_name_a_plugin_that_raises(workspace, capsys, tmp_path, claims,
                                                             error, line):
    source = adapter_plugin(claims, read="raise KeyError('Kari Nordmann')")
    assert source.splitlines()[line - 1].strip().startswith("raise")  # the line to be named
    write_plugin(workspace, source)
    export = tmp_path / "rapport.csv"
    export.write_text("Sak;Navn\n2026-0901;Kari Nordmann\n", encoding="utf-8")
    expected = f"programtillegget lokal.py stoppet med {error} på linje {line}. En adapters "\
               "claims() skal svare True eller False"

    code = main(["check", "--config", str(workspace.config_file), "--sample", str(export),
                 "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert code == 1 and f"FEIL      prøvefil: {expected}" in out
    assert main(["inspect", "--config", str(workspace.config_file), str(export)]) == 1
    out += capsys.readouterr().out
    assert f"Filen kan ikke leses: {expected}" in out
    assert "uventet" not in out and "Kari" not in out and "02868610088" not in out


def test_the_programs_own_module_misspelt_in_nynorsk(workspace, capsys):
    workspace.in_malform("nynorsk")
    write_plugin(workspace, "from omsorgspakke_docs.intake.guard import read_text\n")
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    out = capsys.readouterr().out
    assert ("Programtillegget lokal.py feila ved lasting, linje 1 (ModuleNotFoundError): "
            "programmet har ingen modul «omsorgspakke_docs.intake.guard». Meinte du "
            "«omsorgspakke_docs.intake.guards»? Rett importen, eller flytt fila ut av "
            "plugins-mappa for å slå av programtillegget.") in out, out
