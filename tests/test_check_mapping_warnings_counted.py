"""A mapping file that loads with warnings was said by check as ADVARSEL lines, and then
«OK» for the same file, as if there were nothing to do. Its line now says it is usable and
how many warnings follow, and the warnings follow it (IT's day, helper 906)."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main

from .test_mapping import CSV_MAPPING

# journalnummer and kommunenummer left out: the file loads, with two warnings.
TWO_WARNINGS = (CSV_MAPPING.replace('journalnummer = "Jnr"\n', "")
                .replace('kommunenummer = { standard = "4699" }\n', ""))
SAID = {
    "bokmal": ("OK        mappingfil ny.toml: «test-csv» (csv) kan brukes, men se 2 advarsler "
               "under.", "ADVARSEL  mappingfil ny.toml, linje "),
    "nynorsk": ("OK        mappingfil ny.toml: «test-csv» (csv) kan brukast, men sjå 2 "
                "åtvaringar under.", "ÅTVARING  mappingfil ny.toml, linje "),
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_file_with_warnings_is_said_usable_with_how_many_follow(workspace, capsys, malform):
    workspace.in_malform(malform)
    (workspace.own_mappings() / "ny.toml").write_text(TWO_WARNINGS, encoding="utf-8")
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines()
             if "mappingfil ny.toml" in line]
    summary, warning = SAID[malform]
    assert len(lines) == 3 and lines[0] == summary, lines
    assert all(line.startswith(warning) for line in lines[1:]), lines


def test_the_example_number_is_counted_too(workspace, capsys):
    (workspace.own_mappings() / "ny.toml").write_text(CSV_MAPPING, encoding="utf-8")
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines()
             if "mappingfil ny.toml" in line]
    assert lines[0] == ("OK        mappingfil ny.toml: «test-csv» (csv) kan brukes, men se "
                        "1 advarsel under."), lines
    assert len(lines) == 2 and "eksempelnummeret" in lines[1], lines


def test_a_file_without_warnings_is_said_ok_alone(workspace, capsys):
    (workspace.own_mappings() / "ny.toml").write_text(
        CSV_MAPPING.replace('"4699"', '"4601"'), encoding="utf-8")
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines()
             if "mappingfil ny.toml" in line]
    assert lines == ["OK        mappingfil ny.toml: «test-csv» (csv)"], lines
