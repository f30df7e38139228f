"""A misspelt section in a mapping file (`[gjenkjening]`) was said twice: «nøkkelen
«gjenkjenning» mangler», then «ukjent nøkkel. Mente du «gjenkjenning»?». It is said once,
with the spelling to fix (today's readers, helper 903)."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main

from .conftest import ROOT

SAID = {
    "bokmal": ("FEIL      mappingfil nysys.toml, linje {linje}, «gjenkjening»: ukjent nøkkel. "
               "Mente du «gjenkjenning»?"),
    "nynorsk": ("FEIL      mappingfil nysys.toml, linje {linje}, «gjenkjening»: ukjend nøkkel. "
                "Meinte du «gjenkjenning»?"),
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_misspelt_section_is_said_once_with_the_name_meant(workspace, capsys, malform):
    workspace.in_malform(malform)
    text = (ROOT / "mappings" / "familia-personrapport.toml").read_text(encoding="utf-8")
    text = text.replace('navn = "familia-personrapport"', 'navn = "nysys-personrapport"')
    text = text.replace("[gjenkjenning]", "[gjenkjening]")
    (workspace.own_mappings() / "nysys.toml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("[gjenkjening]") + 1
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    said = [s for s in capsys.readouterr().out.splitlines() if "mappingfil nysys.toml" in s]
    assert said == [SAID[malform].format(linje=line)], said


def test_a_section_left_out_is_still_said_missing(workspace, capsys):
    text = (ROOT / "mappings" / "familia-personrapport.toml").read_text(encoding="utf-8")
    start = text.index("[gjenkjenning]")
    end = text.index("\n[", start + 1)
    (workspace.own_mappings() / "nysys.toml").write_text(text[:start] + text[end + 1:],
                                                         encoding="utf-8")
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    out = capsys.readouterr().out
    assert ("FEIL      mappingfil nysys.toml: nøkkelen «gjenkjenning» mangler, og den må være "
            "med.") in out.splitlines(), out
