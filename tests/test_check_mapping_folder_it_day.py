"""What check let through of the mappings folder on IT's day (helper 411): a misspelt
folder was a warning, and files meant as mapping files but not read were not named."""

from __future__ import annotations

import shutil

from omsorgspakke_docs.cli import main

from .conftest import ROOT


def check(workspace, capsys) -> tuple[int, list[str]]:
    code = main(["check", "--config", str(workspace.config_file)])
    return code, capsys.readouterr().out.splitlines()


def test_a_misspelt_mappings_folder_is_an_error(workspace, capsys):
    workspace.in_malform("nynorsk")
    (workspace.root / "mappings").mkdir()
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text("\n".join(
        'mappings = "mapings"' if line.startswith("mappings =") else line
        for line in config.splitlines()), encoding="utf-8")
    code, lines = check(workspace, capsys)
    assert code == 1
    assert (f"FEIL      mappingmappa {workspace.root / 'mapings'} finst ikkje (mappings under "
            "[paths] i omsorgspakke.toml, linje 3), så «run» og «watch» startar ikkje: elles "
            "ville kvar eksport som blir lesen med ei mappingfil (frå Acos, Familia, Modulus, "
            "Visma og andre), blitt lagd i feilmappa. Meinte du «mappings»? Rett "
            "mappings under [paths], eller fjern linja viss tenesta berre brukar "
            "SSB-eksportar og saker i JSON-formatet, som blir lesne utan mappingfil.") in lines


def test_a_mappings_folder_left_out_and_missing_is_still_a_warning(workspace, capsys):
    """The built-in formats (SSB, canonical JSON, the minutes) need no mapping file: a
    service using only those leaves the line out."""
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text("\n".join(
        line for line in config.splitlines() if not line.startswith("mappings =")),
        encoding="utf-8")
    code, lines = check(workspace, capsys)
    assert code == 0, lines
    assert (f"ADVARSEL  mappingmappen {workspace.root / 'mappings'} finnes ikke; bare de "
            "innebygde formatene kan leses.") in lines


def test_mapping_files_that_are_not_read_are_named_with_what_to_do(workspace, capsys):
    folder = workspace.own_mappings()
    shipped = ROOT / "mappings" / "familia-personrapport.toml"
    shutil.copy(shipped, folder / "familia.toml.txt")
    shutil.copy(shipped, folder / "familia.TOML")
    (folder / "gamle").mkdir()
    shutil.copy(ROOT / "mappings" / "modulus-barn-kontaktrapport.toml", folder / "gamle")
    (folder / "LESMEG.txt").write_text("Mappingfiler for Testvik.\n", encoding="utf-8")
    code, lines = check(workspace, capsys)
    assert code == 1  # none is read: run and watch refuse to start (helper 503)
    assert (f"FEIL      ingen mappingfil i mappingmappen {folder} (mappings under [paths] i "
            "omsorgspakke.toml, linje 2) blir lest, så «run» og "
            "«watch» starter ikke. Gi filene over riktig navn, eller flytt dem rett i mappen."
            ) in lines
    assert ("ADVARSEL  mappingfil familia.toml.txt: blir ikke lest, fordi navnet slutter på "
            ".txt (Notisblokk legger det til). Gi filen navnet familia.toml, og velg «Alle "
            "filer» som filtype når du lagrer den i Notisblokk.") in lines
    assert ("ADVARSEL  mappingfil familia.TOML: blir ikke lest, fordi bare filer som slutter "
            "på .toml med små bokstaver, leses. Gi filen navnet familia.toml.") in lines
    assert ("ADVARSEL  mappingfil gamle/modulus-barn-kontaktrapport.toml: ligger i en "
            f"undermappe og blir ikke lest; bare filene rett i {folder} leses. Flytt den dit "
            "hvis den skal brukes.") in lines
    assert not [line for line in lines if "LESMEG" in line]
    assert "Alt er i orden." not in lines
    workspace.in_malform("nynorsk")
    code, lines = check(workspace, capsys)
    assert ("ÅTVARING  mappingfil familia.toml.txt: blir ikkje lesen, fordi namnet sluttar på "
            ".txt (Notisblokk legg det til). Gi fila namnet familia.toml, og vel «Alle filer» "
            "som filtype når du lagrar ho i Notisblokk.") in lines
    assert ("ÅTVARING  mappingfil gamle/modulus-barn-kontaktrapport.toml: ligg i ei undermappe "
            f"og blir ikkje lesen; berre filene rett i {folder} blir lesne. Flytt ho dit viss "
            "ho skal brukast.") in lines
