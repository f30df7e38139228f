"""Two silent fallbacks of IT's configuration (helper 702), through the command line as IT
runs it. With `[paths] mappings` left out, a ./mappings beside the configuration whose files
all failed to load gave one warning, and run and watch started on the built-in adapters:
every export read with a mapping file was then set aside. With `[paths] templates` left
out, a ./templates that is a file (or a link leading nowhere) was passed over for the
templates shipped with the program: letters without the municipality's letterhead, without
a word. check now says each as an error (exit 1), and run and watch refuse to start (exit
2, the inbox as it was), in the service's standard, naming the folder and no case."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from omsorgspakke_docs.cli import main

from .conftest import ROOT, TODAY, canonical_case

# The broken mapping files of IT's day, and a watch that fails the test if it starts.
from .test_mappings_it_day_loose_ends import BROKEN, watch_never_waits  # noqa: F401


def _left_out(workspace, key: str) -> None:
    """The configuration without `[paths] key`: the program looks beside it."""
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text("\n".join(
        line for line in config.splitlines() if not line.startswith(f"{key} =")) + "\n",
        encoding="utf-8")


def _broken_default_mappings(workspace):
    _left_out(workspace, "mappings")
    folder = workspace.root / "mappings"
    folder.mkdir()
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _start(workspace, command: str, capsys) -> tuple[int, str]:
    workspace.drop("sak.json", canonical_case())
    code = main([command, "--config", str(workspace.config_file), "--today",
                 TODAY.isoformat()])
    err = capsys.readouterr().err
    assert [p.name for p in workspace.inbox.iterdir()] == ["sak.json"]
    for folder in (workspace.outbox, workspace.archive, workspace.failed):
        assert list(folder.iterdir()) == []
    (workspace.inbox / "sak.json").unlink()
    return code, err


def _check(workspace, capsys) -> tuple[int, list[str]]:
    code = main(["check", "--config", str(workspace.config_file)])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("command", ["run", "watch"])
def test_a_default_mappings_folder_of_broken_files_only_stops_run_and_watch(workspace, capsys,
                                                                            command):
    folder = _broken_default_mappings(workspace)
    code, err = _start(workspace, command, capsys)
    assert code == 2, err
    lines = err.splitlines()
    assert lines == [
        f"Feil: Ingen av mappingfilene i mappingmappen {folder} kan brukes, fordi hver av dem "
        "har en feil:",
        "  familia.toml: nøkkelen «gjenkjenning» mangler, og den må være med.",
        "  visma.toml, linje 2: linjen kan ikke leses som TOML. Sjekk anførselstegn, "
        "likhetstegn, komma og klammer, og at ingen nøkkel står to ganger.",
        "Programmet ser etter mappingfilene der fordi mappings ikke er satt under [paths] i "
        "omsorgspakke.toml. Ingen filer er tatt inn fra innboksen: uten mappingfilene ville "
        "hver eksport som leses med en mappingfil, blitt lagt i feilmappen. Rett feilene "
        "(«omsorgspakke check» viser alle), eller flytt filene ut av mappen hvis tjenesten "
        "bare bruker SSB-eksporter og saker i JSON-formatet, og kjør på nytt.",
    ], lines


def test_a_default_mappings_folder_of_broken_files_in_nynorsk(workspace, capsys):
    workspace.in_malform("nynorsk")
    folder = _broken_default_mappings(workspace)
    code, err = _start(workspace, "run", capsys)
    assert code == 2, err
    assert (f"Feil: Ingen av mappingfilene i mappingmappa {folder} kan brukast, fordi kvar av "
            "dei har ein feil:\n  familia.toml: nøkkelen «gjenkjenning» manglar, og han må "
            "vere med.\n") in err, err
    assert ("Programmet ser etter mappingfilene der fordi mappings ikkje er sett under [paths] "
            "i omsorgspakke.toml. Ingen filer er tekne inn frå innboksen") in err, err
    assert "ADVARSEL" not in err and "ÅTVARING" not in err


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "FEIL      ingen av mappingfilene i mappingmappen {folder} kan brukes (mappings "
               "er ikke satt under [paths] i omsorgspakke.toml, og programmet ser etter "
               "mappingfilene der), så «run» og «watch» starter ikke. Rett feilene over, eller "
               "flytt filene ut av mappen hvis tjenesten bare bruker SSB-eksporter og saker i "
               "JSON-formatet."),
    ("nynorsk", "FEIL      ingen av mappingfilene i mappingmappa {folder} kan brukast (mappings "
                "er ikkje sett under [paths] i omsorgspakke.toml, og programmet ser etter "
                "mappingfilene der), så «run» og «watch» startar ikkje. Rett feilane over, "
                "eller flytt filene ut av mappa viss tenesta berre brukar SSB-eksportar og "
                "saker i JSON-formatet."),
])
def test_check_lists_each_broken_file_and_says_none_can_be_used(workspace, capsys, malform,
                                                                said):
    workspace.in_malform(malform)
    folder = _broken_default_mappings(workspace)
    code, out = _check(workspace, capsys)
    assert code == 1, out
    assert said.format(folder=folder) in out, out
    named = [line for line in out if line.startswith("FEIL      mappingfil ")]
    assert any(line.startswith("FEIL      mappingfil familia.toml: ") for line in named), out
    assert any(line.startswith("FEIL      mappingfil visma.toml, linje 2: ") for line in named)
    # Each file with its reason first, then what it means.
    assert out.index(said.format(folder=folder)) > out.index(named[-1])


def test_one_good_file_in_a_default_mappings_folder_still_starts(workspace, capsys):
    """Among broken ones, a file that loads is read: run starts, warning of the others."""
    folder = _broken_default_mappings(workspace)
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", folder)
    workspace.drop_example("vendor-familia-personrapport.csv")
    code = main(["run", "--config", str(workspace.config_file), "--today", TODAY.isoformat()])
    err = capsys.readouterr().err
    assert code == 0, err
    assert ("ADVARSEL mappingfilene familia.toml, visma.toml har feil og er ikke med") in err
    assert [p.name for p in workspace.archive.iterdir()] == ["vendor-familia-personrapport.csv"]


def test_an_empty_default_mappings_folder_still_starts(workspace, capsys):
    """A service of the built-in formats only may keep ./mappings empty."""
    _left_out(workspace, "mappings")
    (workspace.root / "mappings").mkdir()
    workspace.drop("sak.json", canonical_case())
    assert main(["run", "--config", str(workspace.config_file), "--today",
                 TODAY.isoformat()]) == 0
    assert [p.name for p in workspace.archive.iterdir()] == ["sak.json"]


def _templates_a_file(workspace):
    _left_out(workspace, "templates")
    (workspace.root / "templates").write_bytes(b"brevmal.docx, lagret feil sted")
    return workspace.root / "templates"


@pytest.mark.parametrize("command", ["run", "watch"])
def test_a_default_templates_that_is_a_file_stops_run_and_watch(workspace, capsys, command):
    folder = _templates_a_file(workspace)
    code, err = _start(workspace, command, capsys)
    assert code == 2, err
    assert err.splitlines() == [
        f"Feil: Malmappen {folder} er en fil, ikke en mappe. Programmet ser etter malene der "
        "fordi templates ikke er satt under [paths] i omsorgspakke.toml. Ingen filer er tatt "
        "inn fra innboksen: uten kommunens egne maler ville brevene til familiene mangle "
        "brevhodet. Legg malene i en mappe der, eller skriv stien til malmappen under "
        "[paths]. Skal tjenesten bruke malene som følger med programmet, flytt filen eller gi "
        "den et annet navn. Kjør så på nytt («omsorgspakke check» sjekker det samme)."], err


def test_a_default_templates_that_is_a_file_in_nynorsk_and_in_check(workspace, capsys):
    workspace.in_malform("nynorsk")
    folder = _templates_a_file(workspace)
    code, err = _start(workspace, "run", capsys)
    assert code == 2, err
    assert err.startswith(f"Feil: Malmappa {folder} er ei fil, ikkje ei mappe. Programmet ser "
                          "etter malane der fordi templates ikkje er sett under [paths] i "
                          "omsorgspakke.toml."), err
    code, out = _check(workspace, capsys)
    assert code == 1, out
    assert (f"FEIL      malmappa {folder} er ei fil, ikkje ei mappe (templates er ikkje sett "
            "under [paths] i omsorgspakke.toml, og programmet ser etter malane der), så «run» "
            "og «watch» startar ikkje. Legg malane i ei mappe der, eller skriv stien til "
            "malmappa under [paths]. Skal tenesta bruke malane som følgjer med programmet, "
            "flytt fila eller gi ho eit anna namn.") in out, out
    assert not any("ingen problem" in line for line in out), out  # not the shipped ones


def test_check_says_it_in_bokmal_without_checking_the_shipped_templates(workspace, capsys):
    folder = _templates_a_file(workspace)
    code, out = _check(workspace, capsys)
    assert code == 1, out
    assert (f"FEIL      malmappen {folder} er en fil, ikke en mappe (templates er ikke satt "
            "under [paths] i omsorgspakke.toml, og programmet ser etter malene der), så «run» "
            "og «watch» starter ikke.") in " ".join(out), out
    assert str(ROOT / "templates") not in "\n".join(out), out


@pytest.mark.skipif(os.name == "nt", reason="a symbolic link needs rights on Windows")
def test_a_default_templates_link_to_a_share_not_there_stops_run(workspace, capsys):
    _left_out(workspace, "templates")
    link = workspace.root / "templates"
    link.symlink_to(workspace.root / "share-not-connected" / "maler")
    code, err = _start(workspace, "run", capsys)
    assert code == 2, err
    assert err.startswith(f"Feil: Malmappen {link} er en lenke til en mappe som ikke finnes "
                          "eller ikke kan nås. Programmet ser etter malene der"), err
    code, out = _check(workspace, capsys)
    assert code == 1
    assert any(line.startswith(f"FEIL      malmappen {link} er en lenke") for line in out), out


def test_no_templates_left_out_still_takes_the_shipped_ones(workspace, capsys):
    _left_out(workspace, "templates")
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0, capsys.readouterr().err
    assert workspace.documents("2026-0412")


def _as_it(cwd, *args: str) -> subprocess.CompletedProcess:
    """The program as IT starts it in the installation's folder, with no configuration file."""
    return subprocess.run([sys.executable, "-m", "omsorgspakke_docs", *args],
                          capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_without_a_configuration_file_as_it_runs_it(tmp_path):
    """No omsorgspakke.toml at all: ./mappings and ./templates are where the program looks."""
    (tmp_path / "inbox").mkdir()
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    for name, text in BROKEN.items():
        (mappings / name).write_text(text, encoding="utf-8")
    check = _as_it(tmp_path, "check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert f"FEIL      ingen av mappingfilene i mappingmappen {mappings} kan brukes" \
        in check.stdout, check.stdout
    run = _as_it(tmp_path, "run", "--today", TODAY.isoformat())
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stderr.startswith(f"Feil: Ingen av mappingfilene i mappingmappen {mappings} "
                                 "kan brukes"), run.stderr
    shutil.rmtree(mappings)
    (tmp_path / "templates").write_text("", encoding="utf-8")
    check = _as_it(tmp_path, "check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert f"FEIL      malmappen {tmp_path / 'templates'} er en fil, ikke en mappe" \
        in check.stdout, check.stdout
    watch = _as_it(tmp_path, "watch")
    assert watch.returncode == 2, watch.stdout + watch.stderr
    assert watch.stderr.startswith(f"Feil: Malmappen {tmp_path / 'templates'} er en fil"), \
        watch.stderr
    assert not (tmp_path / "state").exists() or not any((tmp_path / "state").iterdir())


def test_templates_check_says_the_file_rather_than_checking_the_shipped_ones(workspace,
                                                                            capsys):
    """`omsorgspakke templates check` checked the shipped templates, «ingen problemer»."""
    folder = _templates_a_file(workspace)
    assert main(["templates", "check", "--config", str(workspace.config_file)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"Feil: Malmappen {folder} er en fil, ikke en mappe "
                                   "(templates er ikke satt under [paths]"), captured.err
    assert "ingen problemer" not in captured.out
