"""check said a mapping file that loads but has an error first as «OK», then as «FEIL»: a
reader who stopped at the OK line took the file for ready. Each such file is said once, with
its verdict (today's readers, helper 903)."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main

from .conftest import ROOT
from .test_mapping import CSV_MAPPING


def _lines_about(out: str, name: str) -> list[str]:
    return [line for line in out.splitlines() if f"mappingfil {name}" in line
            or f"mappingfilene {name}" in line or f" og {name} " in line]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_municipality_number_read_as_a_column_is_said_once_as_an_error(workspace, capsys,
                                                                         malform):
    workspace.in_malform(malform)
    (workspace.own_mappings() / "ny.toml").write_text(
        CSV_MAPPING.replace('kommunenummer = { standard = "4699" }', 'kommunenummer = "4601"'),
        encoding="utf-8")
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    said = _lines_about(capsys.readouterr().out, "ny.toml")
    assert len(said) == 1 and said[0].startswith("FEIL      mappingfil ny.toml, linje 18"), said


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_two_files_that_recognise_the_same_files_are_not_said_ok(workspace, capsys, malform):
    workspace.in_malform(malform)
    folder = workspace.own_mappings(shipped=True)
    text = (ROOT / "mappings" / "familia-personrapport.toml").read_text(encoding="utf-8")
    (folder / "familia-nabokommunen.toml").write_text(
        text.replace('navn = "familia-personrapport"', 'navn = "familia-nabokommunen"'),
        encoding="utf-8")
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert not any(line.startswith("OK        mappingfil familia-") for line in lines), out
    assert sum(line.startswith("FEIL") and "familia-nabokommunen.toml" in line
               for line in out.splitlines()) == 1, out
    # The other shipped files are still said as OK.
    assert "OK        mappingfil acos-barnevern-kontaktrapport.toml" in out
