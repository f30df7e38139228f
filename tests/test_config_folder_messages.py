"""What a reader found in the folder messages of IT's day (helper 514): `[paths] mappings`
or `templates` naming a file was said as a folder that «finnes ikke»; a mappings folder
holding only `x.toml.txt` got a warning that it has no mapping files after the FEIL that
said so; and none of these named the line of the setting, as a syntax error does. run and
watch (exit 2, the inbox untouched) and check say each once, at its line, in the service's
standard."""

from __future__ import annotations

import shutil

from omsorgspakke_docs.cli import main

from .conftest import ROOT, canonical_case


def _set(workspace, key: str, value: str) -> None:
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text("\n".join(
        f'{key} = "{value}"' if line.startswith(f"{key} =") else line
        for line in config.splitlines()) + "\n", encoding="utf-8")


def _run(workspace, capsys) -> tuple[int, list[str]]:
    workspace.drop("sak.json", canonical_case())
    code = workspace.cli()
    lines = capsys.readouterr().err.splitlines()
    assert [p.name for p in workspace.inbox.iterdir()] == ["sak.json"]
    assert not list(workspace.archive.iterdir()) and not list(workspace.failed.iterdir())
    (workspace.inbox / "sak.json").unlink()
    return code, lines


def _check(workspace, capsys) -> tuple[int, list[str]]:
    code = main(["check", "--config", str(workspace.config_file)])
    return code, capsys.readouterr().out.splitlines()


def test_a_mapping_file_named_as_the_mappings_folder_is_said_to_be_a_file(workspace, capsys):
    named = workspace.root / "familia.toml"
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", named)
    _set(workspace, "mappings", "familia.toml")
    code, lines = _run(workspace, capsys)
    assert code == 2
    assert (f"Feil: Mappingmappen {named} er en fil, ikke en mappe (mappings under [paths] i "
            "omsorgspakke.toml, linje 3). Ingen filer er tatt inn fra innboksen: uten "
            "mappingfilene ville hver eksport som leses med en mappingfil (fra Acos, Familia, "
            "Modulus, Visma og andre), blitt lagt i feilmappen. Skriv stien til mappen "
            "mappingfilene ligger i, ikke til én av filene, og kjør på nytt («omsorgspakke "
            "check» sjekker det samme).") in lines, lines
    assert not [line for line in lines if "finnes ikke" in line]
    workspace.in_malform("nynorsk")
    code, lines = _check(workspace, capsys)
    assert code == 1
    assert (f"FEIL      mappingmappa {named} er ei fil, ikkje ei mappe (mappings under [paths] "
            "i omsorgspakke.toml, linje 3), så «run» og «watch» startar ikkje: elles ville "
            "kvar eksport som blir lesen med ei mappingfil (frå Acos, Familia, Modulus, Visma "
            "og andre), blitt lagd i feilmappa. Skriv stien til mappa mappingfilene ligg i, "
            "ikkje til ei av filene.") in lines, lines
    assert not [line for line in lines if "finst ikkje" in line], lines


def test_a_file_named_as_the_templates_folder_is_said_to_be_a_file(workspace, capsys):
    named = workspace.root / "brev.docx"
    shutil.copy(next((ROOT / "templates").rglob("*.docx")), named)
    _set(workspace, "templates", "brev.docx")
    workspace.in_malform("nynorsk")
    code, lines = _run(workspace, capsys)
    assert code == 2
    assert (f"Feil: Malmappa {named} er ei fil, ikkje ei mappe (templates under [paths] i "
            "omsorgspakke.toml, linje 2). Ingen filer er tekne inn frå innboksen: utan dei "
            "eigne malane til kommunen ville breva til familiane mangle brevhovudet. Skriv "
            "stien til mappa malane ligg i, eller fjern linja for å bruke malane som følgjer "
            "med programmet, og køyr på nytt («omsorgspakke check» sjekkar det same)."
            ) in lines, lines
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(config.replace('malform = "nynorsk"\n', ""),
                                     encoding="utf-8")
    code, lines = _check(workspace, capsys)
    assert code == 1
    assert (f"FEIL      malmappen {named} er en fil, ikke en mappe (templates under [paths] i "
            "omsorgspakke.toml, linje 2), så «run» og «watch» starter ikke. Skriv stien til "
            "mappen malene ligger i, eller fjern linjen for å bruke malene som følger med "
            "programmet.") in lines, lines
    assert not [line for line in lines if "finnes ikke" in line], lines


def test_a_folder_of_files_not_read_is_said_once(workspace, capsys):
    """The FEIL says no mapping file is read; the warning that the folder has none said it
    again."""
    folder = workspace.own_mappings()
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", folder / "x.toml.txt")
    code, lines = _check(workspace, capsys)
    assert code == 1
    about = [line for line in lines if f"mappingmappen {folder}" in line]
    assert about == [
        f"FEIL      ingen mappingfil i mappingmappen {folder} (mappings under [paths] i "
        "omsorgspakke.toml, linje 2) blir lest, så «run» og «watch» starter ikke. Gi filene "
        "over riktig navn, eller flytt dem rett i mappen."], lines
    workspace.in_malform("nynorsk")
    code, lines = _check(workspace, capsys)
    assert code == 1
    assert [line for line in lines if f"mappingmappa {folder}" in line] == [
        f"FEIL      inga mappingfil i mappingmappa {folder} (mappings under [paths] i "
        "omsorgspakke.toml, linje 2) blir lesen, så «run» og «watch» startar ikkje. Gi filene "
        "over rett namn, eller flytt dei rett i mappa."], lines


def test_the_line_is_the_setting_s_where_the_file_has_it(workspace, capsys):
    """[paths] last in the file, its header with a comment: the line named is the one IT
    opens the file at."""
    config = workspace.config_file.read_text(encoding="utf-8")
    paths, rest = config.split("\n\n", 1)
    workspace.config_file.write_text(
        f"# Testvik\n\n{rest.rstrip()}\n\n{paths.replace('[paths]', '[ paths ]  # mapper')}\n",
        encoding="utf-8")
    _set(workspace, "mappings", "mapings")
    number = next(n for n, line in enumerate(
        workspace.config_file.read_text(encoding="utf-8").splitlines(), start=1)
        if line.startswith("mappings ="))
    assert number > 10
    code, lines = _run(workspace, capsys)
    assert code == 2
    assert [line for line in lines if line.startswith(
        f"Feil: Mappingmappen {workspace.root / 'mapings'} finnes ikke (mappings under "
        f"[paths] i omsorgspakke.toml, linje {number}).")], lines
    code, lines = _check(workspace, capsys)
    assert [line for line in lines if line.startswith(
        f"FEIL      mappingmappen {workspace.root / 'mapings'} finnes ikke (mappings under "
        f"[paths] i omsorgspakke.toml, linje {number}), så")], lines
