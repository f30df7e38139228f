"""run and watch with a mappings folder that is misspelt in the configuration (IT's day,
helper 503): they started, and every export read with a mapping file was set aside as
unreadable; only check called it an error. They refuse to start now, naming the setting and
the folder, in the service's standard, and leave the inbox as it was. A service that reads
only the built-in formats (the line left out, or an empty folder) starts as before."""

from __future__ import annotations

import shutil

import pytest

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.run.watch import Watcher

from .conftest import ROOT, TODAY, canonical_case


def _misspelt(workspace, name: str = "mapings") -> None:
    (workspace.root / "mappings").mkdir(exist_ok=True)
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text("\n".join(
        f'mappings = "{name}"' if line.startswith("mappings =") else line
        for line in config.splitlines()), encoding="utf-8")


@pytest.fixture(autouse=True)
def watch_never_waits(monkeypatch):
    """A watch that starts fails the test at once, instead of following the inbox."""
    monkeypatch.setattr(Watcher, "run", lambda self: pytest.fail("watch started"))


def _inbox_untouched(workspace, name: str) -> None:
    assert [p.name for p in workspace.inbox.iterdir()] == [name]
    assert not list(workspace.failed.iterdir()) and not list(workspace.archive.iterdir())
    assert not [p for p in workspace.outbox.iterdir()]


@pytest.mark.parametrize("command", ["run", "watch"])
def test_a_misspelt_mappings_folder_stops_run_and_watch_before_any_file(workspace, capsys,
                                                                        command):
    _misspelt(workspace)
    shutil.copy(ROOT / "examples" / "vendor-familia-personrapport.csv", workspace.inbox)
    code = main([command, "--config", str(workspace.config_file), "--today",
                 TODAY.isoformat()])
    err = capsys.readouterr().err
    assert code == 2
    assert (f"Feil: Mappingmappen {workspace.root / 'mapings'} finnes ikke (mappings under "
            "[paths] i omsorgspakke.toml, linje 3). Mente du «mappings»? Ingen filer er tatt "
            "inn fra innboksen: uten mappingfilene ville hver eksport som leses med en mappingfil "
            "(fra Acos, Familia, Modulus, Visma og andre), blitt lagt i feilmappen. Rett "
            "stien i konfigurasjonen, eller fjern linjen hvis tjenesten bare bruker "
            "SSB-eksporter og saker i JSON-formatet, som leses uten mappingfil, og kjør på "
            "nytt («omsorgspakke check» sjekker det samme).") in err.splitlines(), err
    _inbox_untouched(workspace, "vendor-familia-personrapport.csv")


@pytest.mark.parametrize("command", ["run", "watch"])
def test_a_nynorsk_service_is_told_in_nynorsk(workspace, capsys, command):
    workspace.in_malform("nynorsk")
    _misspelt(workspace, "kart")
    workspace.drop("sak.json", canonical_case())
    code = main([command, "--config", str(workspace.config_file), "--today",
                 TODAY.isoformat()])
    err = capsys.readouterr().err
    assert code == 2
    assert (f"Feil: Mappingmappa {workspace.root / 'kart'} finst ikkje (mappings under "
            "[paths] i omsorgspakke.toml, linje 3). Ingen filer er tekne inn frå innboksen: utan "
            "mappingfilene ville kvar eksport som blir lesen med ei mappingfil (frå Acos, "
            "Familia, Modulus, Visma og andre), blitt lagd i feilmappa. Rett stien i "
            "konfigurasjonen, eller fjern linja viss tenesta berre brukar SSB-eksportar og "
            "saker i JSON-formatet, som blir lesne utan mappingfil, og køyr på nytt "
            "(«omsorgspakke check» sjekkar det same).") in err.splitlines(), err
    _inbox_untouched(workspace, "sak.json")


def test_mapping_files_that_are_not_read_stop_the_run_too(workspace, capsys):
    """A folder whose only mapping file Notepad saved as .toml.txt reads none: every export
    of that journal system would be set aside."""
    folder = workspace.own_mappings()
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", folder / "familia.toml.txt")
    shutil.copy(ROOT / "examples" / "vendor-familia-personrapport.csv", workspace.inbox)
    assert workspace.cli() == 2
    err = capsys.readouterr().err
    assert (f"Feil: Ingen mappingfil i mappingmappen {folder} (mappings under [paths] i "
            "omsorgspakke.toml, linje 2) blir lest: bare filer som slutter på .toml med små "
            "bokstaver, rett i mappen, leses.") in err, err
    _inbox_untouched(workspace, "vendor-familia-personrapport.csv")
    workspace.in_malform("nynorsk")
    assert workspace.cli() == 2
    assert (f"Feil: Inga mappingfil i mappingmappa {folder} (mappings under [paths] i "
            "omsorgspakke.toml, linje 2) blir lesen: berre filer som sluttar på .toml med små "
            "bokstavar, rett i mappa, blir lesne.") in capsys.readouterr().err
    code = main(["check", "--config", str(workspace.config_file)])
    assert code == 1
    assert (f"FEIL      inga mappingfil i mappingmappa {folder} (mappings under [paths] i "
            "omsorgspakke.toml, linje 2) blir lesen, så «run» og "
            "«watch» startar ikkje. Gi filene over rett namn, eller flytt dei rett i mappa."
            ) in capsys.readouterr().out.splitlines()


def test_a_service_of_built_in_formats_only_starts_without_the_line(workspace):
    """The mappings line left out and no ./mappings: the SSB exports and the canonical JSON
    are read without a mapping file."""
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text("\n".join(
        line for line in config.splitlines() if not line.startswith("mappings =")),
        encoding="utf-8")
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    assert [p.name for p in workspace.archive.iterdir()] == ["sak.json"]


def test_a_service_of_built_in_formats_only_may_keep_an_empty_folder(workspace):
    """init writes the line and copies the shipped mappings; a service using none of the
    journal systems' reports removes them all, as docs/adapters.md says."""
    workspace.own_mappings()
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    assert [p.name for p in workspace.archive.iterdir()] == ["sak.json"]
