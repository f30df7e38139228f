"""The mappings folder on IT's day, loose ends (helper 606), through the command line as IT
runs it: a named folder whose mapping files all fail to load let run and watch start, and
every export read with a mapping file was then set aside; ./mappings left as a file (the
line left out) was only a warning; and `paths.mappings = …` written as a dotted key got no
line in the message. They refuse to start now (exit code 2, the inbox as it was), in the
service's standard; one good file among broken ones starts, with a warning naming them."""

from __future__ import annotations

import shutil

import pytest

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.run.watch import Watcher

from .conftest import ROOT, TODAY, canonical_case

BROKEN = {
    "familia.toml": '[mapping]\nnavn = "Familia"\n',  # no [gjenkjenning], no [felt]
    "visma.toml": '[mapping]\nnavn = "Visma\n',  # a quote left open
}


@pytest.fixture(autouse=True)
def watch_never_waits(monkeypatch):
    """A watch that starts fails the test at once, instead of following the inbox."""
    monkeypatch.setattr(Watcher, "run", lambda self: pytest.fail("watch started"))


def _broken_folder(workspace):
    folder = workspace.own_mappings()
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _start(workspace, command: str, capsys) -> tuple[int, list[str]]:
    code = main([command, "--config", str(workspace.config_file), "--today",
                 TODAY.isoformat()])
    return code, capsys.readouterr().err.splitlines()


def _inbox_untouched(workspace, name: str) -> None:
    assert [p.name for p in workspace.inbox.iterdir()] == [name]
    assert not list(workspace.failed.iterdir()) and not list(workspace.archive.iterdir())
    assert not list(workspace.outbox.iterdir())


@pytest.mark.parametrize("command", ["run", "watch"])
def test_a_named_folder_of_broken_mapping_files_only_stops_run_and_watch(workspace, capsys,
                                                                         command):
    folder = _broken_folder(workspace)
    workspace.drop_example("vendor-familia-personrapport.csv")
    code, err = _start(workspace, command, capsys)
    assert code == 2
    assert (f"Feil: Ingen av mappingfilene i mappingmappen {folder} (mappings under [paths] i "
            "omsorgspakke.toml, linje 2) kan brukes, fordi hver av dem har en feil:") in err, err
    assert "  familia.toml: nøkkelen «gjenkjenning» mangler, og den må være med." in err
    assert ("  visma.toml, linje 2: linjen kan ikke leses som TOML. Sjekk anførselstegn, "
            "likhetstegn, komma og klammer, og at ingen nøkkel står to ganger.") in err
    assert ("Ingen filer er tatt inn fra innboksen: uten mappingfilene ville hver eksport som "
            "leses med en mappingfil, blitt lagt i feilmappen. Rett feilene («omsorgspakke "
            "check» viser alle), og kjør på nytt.") in err
    _inbox_untouched(workspace, "vendor-familia-personrapport.csv")


@pytest.mark.parametrize("command", ["run", "watch"])
def test_a_folder_of_broken_mapping_files_is_said_in_nynorsk(workspace, capsys, command):
    workspace.in_malform("nynorsk")
    folder = _broken_folder(workspace)
    workspace.drop_example("vendor-familia-personrapport.csv")
    code, err = _start(workspace, command, capsys)
    assert code == 2
    assert (f"Feil: Ingen av mappingfilene i mappingmappa {folder} (mappings under [paths] i "
            "omsorgspakke.toml, linje 2) kan brukast, fordi kvar av dei har ein feil:") in err, err
    assert "  familia.toml: nøkkelen «gjenkjenning» manglar, og han må vere med." in err
    assert ("Ingen filer er tekne inn frå innboksen: utan mappingfilene ville kvar eksport som "
            "blir lesen med ei mappingfil, blitt lagd i feilmappa. Rett feilane («omsorgspakke "
            "check» viser alle), og køyr på nytt.") in err
    _inbox_untouched(workspace, "vendor-familia-personrapport.csv")


def test_check_says_run_and_watch_will_not_start(workspace, capsys):
    folder = _broken_folder(workspace)
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (f"FEIL      ingen av mappingfilene i mappingmappen {folder} (mappings under [paths] "
            "i omsorgspakke.toml, linje 2) kan brukes, så «run» og «watch» starter ikke. Rett "
            "feilene over.") in out, out
    workspace.in_malform("nynorsk")
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    assert (f"FEIL      ingen av mappingfilene i mappingmappa {folder} (mappings under [paths] "
            "i omsorgspakke.toml, linje 2) kan brukast, så «run» og «watch» startar ikkje. "
            "Rett feilane over.") in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "ADVARSEL mappingfilene familia.toml, visma.toml har feil og er ikke med: en "
               "eksport bare de leser, blir lagt i feilmappen. «omsorgspakke check» viser hva "
               "som må rettes."),
    ("nynorsk", "ÅTVARING mappingfilene familia.toml, visma.toml har feil og er ikkje med: "
                "ein eksport berre dei les, blir lagd i feilmappa. «omsorgspakke check» viser "
                "kva som må rettast."),
])
def test_one_good_mapping_file_among_broken_ones_starts_with_a_warning(workspace, capsys,
                                                                       malform, said):
    workspace.in_malform(malform)
    folder = _broken_folder(workspace)
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", folder)
    workspace.drop_example("vendor-familia-personrapport.csv")
    code, err = _start(workspace, "run", capsys)
    assert code == 0, err
    assert said in err, err
    assert [p.name for p in workspace.archive.iterdir()] == ["vendor-familia-personrapport.csv"]


def test_one_broken_mapping_file_is_named_alone(workspace, capsys):
    folder = workspace.own_mappings()
    (folder / "visma.toml").write_text(BROKEN["visma.toml"], encoding="utf-8")
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", folder)
    workspace.drop("sak.json", canonical_case())
    code, err = _start(workspace, "run", capsys)
    assert code == 0, err
    assert ("ADVARSEL mappingfilen visma.toml har feil og er ikke med: en eksport bare den "
            "leser, blir lagt i feilmappen. «omsorgspakke check» viser hva som må rettes."
            ) in err, err


def _line_left_out(workspace) -> None:
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text("\n".join(
        line for line in config.splitlines() if not line.startswith("mappings =")),
        encoding="utf-8")


@pytest.mark.parametrize("command", ["run", "watch"])
def test_a_default_mappings_that_is_a_file_stops_run_and_watch(workspace, capsys, command):
    """The line left out, and a mapping file saved as ./mappings beside the configuration:
    not a service of the built-in formats only (that keeps no ./mappings, or an empty
    folder), so every export read with a mapping file would be set aside."""
    _line_left_out(workspace)
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", workspace.root / "mappings")
    workspace.drop_example("vendor-familia-personrapport.csv")
    code, err = _start(workspace, command, capsys)
    assert code == 2
    assert (f"Feil: Mappingmappen {workspace.root / 'mappings'} er en fil, ikke en mappe. "
            "Programmet ser etter mappingfilene der fordi mappings ikke er satt under [paths] "
            "i omsorgspakke.toml. Ingen filer er tatt inn fra innboksen: uten mappingfilene "
            "ville hver eksport som leses med en mappingfil (fra Acos, Familia, Modulus, Visma "
            "og andre), blitt lagt i feilmappen. Flytt filen eller gi den et annet navn og legg "
            "mappingfilene i en mappe der, eller skriv stien til mappingmappen under [paths]; "
            "kjør så på nytt («omsorgspakke check» sjekker det samme).") in err, err
    _inbox_untouched(workspace, "vendor-familia-personrapport.csv")


def test_a_default_mappings_that_is_a_file_in_nynorsk_and_in_check(workspace, capsys):
    workspace.in_malform("nynorsk")
    _line_left_out(workspace)
    (workspace.root / "mappings").write_text("", encoding="utf-8")
    workspace.drop("sak.json", canonical_case())
    code, err = _start(workspace, "run", capsys)
    assert code == 2
    assert (f"Feil: Mappingmappa {workspace.root / 'mappings'} er ei fil, ikkje ei mappe. "
            "Programmet ser etter mappingfilene der fordi mappings ikkje er sett under [paths] "
            "i omsorgspakke.toml. Ingen filer er tekne inn frå innboksen: utan mappingfilene "
            "ville kvar eksport som blir lesen med ei mappingfil (frå Acos, Familia, Modulus, "
            "Visma og andre), blitt lagd i feilmappa. Flytt fila eller gi ho eit anna namn og "
            "legg mappingfilene i ei mappe der, eller skriv stien til mappingmappa under "
            "[paths]; køyr så på nytt («omsorgspakke check» sjekkar det same).") in err, err
    _inbox_untouched(workspace, "sak.json")
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    assert (f"FEIL      mappingmappa {workspace.root / 'mappings'} er ei fil, ikkje ei mappe "
            "(mappings er ikkje sett under [paths] i omsorgspakke.toml, og programmet ser etter "
            "mappingfilene der), så «run» og «watch» startar ikkje: elles ville kvar eksport "
            "som blir lesen med ei mappingfil (frå Acos, Familia, Modulus, Visma og andre), "
            "blitt lagd i feilmappa. Flytt fila eller gi ho eit anna namn, eller skriv stien "
            "til mappingmappa under [paths].") in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_dotted_key_gets_its_line(workspace, capsys, malform):
    """`paths.mappings = "mapings"` at the top of the file, as TOML allows: the message
    named the setting but no line."""
    text = workspace.config_file.read_text(encoding="utf-8")
    _, rest = text.split("[service]\n", 1)
    templates = (ROOT / "templates").as_posix()
    workspace.config_file.write_text(
        f'# Testvik\npaths.mappings = "mapings"\npaths.templates = "{templates}"\n\n'
        f"[service]\n{rest}", encoding="utf-8")
    workspace.in_malform(malform)
    said = "(mappings under [paths] i omsorgspakke.toml, linje 2)"
    (workspace.root / "mappings").mkdir()
    workspace.drop("sak.json", canonical_case())
    code, err = _start(workspace, "run", capsys)
    assert code == 2
    first = err[0]
    assert first.startswith(("Feil: Mappingmappen", "Feil: Mappingmappa")), err
    missing = "finnes ikke" if malform == "bokmal" else "finst ikkje"
    assert f"{workspace.root / 'mapings'} {missing} {said}" in first, first
    _inbox_untouched(workspace, "sak.json")
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    assert said in capsys.readouterr().out
