"""`omsorgspakke check` on the local plugins IT writes: each mistake is a FEIL line that names
the file, the line and what to do, and `run` stops with the same words; check never stops
with «en uventet feil»."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main

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
    ("x = 1\ndef f(:\n    pass\n",
     "FEIL      programtillegg: Programtillegget lokal.py feilet ved lasting, linje 2 "
     "(SyntaxError)."),
    ("x = 1\n\nraise RuntimeError('Kari Nordmann 02868610088')\n",
     "FEIL      programtillegg: Programtillegget lokal.py feilet ved lasting, linje 3 "
     "(RuntimeError)."),
])
def test_a_broken_plugin_is_named_with_its_line_and_what_to_do(workspace, capsys, source,
                                                               expected):
    (workspace.root / "plugins" / "lokal.py").write_text(source, encoding="utf-8")
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    out = capsys.readouterr().out
    assert expected in out
    assert "uventet" not in out and "Kari" not in out and "02868610088" not in out

    workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.cli() == 2
    assert expected.split("programtillegg: ", 1)[1] in capsys.readouterr().err
    assert (workspace.inbox / "sak-fjordvik-2026-0412.json").is_file()
