"""IT's day (helper 805): what the program says of its folders when there is no
omsorgspakke.toml at all, and preview with ./templates not a folder.

With no configuration file, the messages about ./templates and ./mappings said «templates
er ikke satt under [paths] i omsorgspakke.toml»: a file that does not exist. They now say
that there is none, where it would be, and that the defaults are used. preview said «Fant
ikke malen referat.docx i …/templates» of a ./templates that is a file; it now says what
check and run say. Run in the folder as IT runs it, with no --config."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main

from .conftest import TODAY
from .test_mappings_it_day_loose_ends import BROKEN


@pytest.fixture
def bare(tmp_path, monkeypatch):
    """An installation's folder with an inbox and no configuration file."""
    (tmp_path / "inbox").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _none_said(folder) -> str:
    return f"det finnes ingen konfigurasjonsfil {folder / 'omsorgspakke.toml'}, så " \
           "standardinnstillingene brukes"


def test_check_names_the_file_it_looked_for(bare, capsys):
    main(["check"])
    out = capsys.readouterr().out
    assert ("OK        konfigurasjon: standardinnstillinger (fant ingen konfigurasjonsfil "
            f"{bare / 'omsorgspakke.toml'})") in out.splitlines(), out


def test_templates_a_file_without_a_configuration_file(bare, capsys):
    (bare / "templates").write_text("", encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert (f"FEIL      malmappen {bare / 'templates'} er en fil, ikke en mappe "
            f"({_none_said(bare)}, og programmet ser etter malene der), så «run» og «watch» "
            "starter ikke.") in out, out
    assert main(["run", "--today", TODAY.isoformat()]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"Feil: Malmappen {bare / 'templates'} er en fil, ikke en mappe. Programmet ser etter "
        "malene der fordi det ikke finnes noen konfigurasjonsfil "
        f"{bare / 'omsorgspakke.toml'}, og da brukes standardinnstillingene. Ingen filer er "
        "tatt inn fra innboksen"), err
    assert "satt under [paths]" not in out + err


def test_mappings_a_file_without_a_configuration_file(bare, capsys):
    (bare / "mappings").write_text("", encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert (f"FEIL      mappingmappen {bare / 'mappings'} er en fil, ikke en mappe "
            f"({_none_said(bare)}, og programmet ser etter mappingfilene der)") in out, out
    assert main(["run", "--today", TODAY.isoformat()]) == 2
    err = capsys.readouterr().err
    assert (f"Programmet ser etter mappingfilene der fordi det ikke finnes noen "
            f"konfigurasjonsfil {bare / 'omsorgspakke.toml'}, og da brukes "
            "standardinnstillingene.") in err, err
    assert "satt under [paths]" not in out + err


def test_broken_mapping_files_without_a_configuration_file(bare, capsys):
    (bare / "mappings").mkdir()
    for name, text in BROKEN.items():
        (bare / "mappings" / name).write_text(text, encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert (f"FEIL      ingen av mappingfilene i mappingmappen {bare / 'mappings'} kan brukes "
            f"({_none_said(bare)}, og programmet ser etter mappingfilene der)") in out, out
    assert main(["run", "--today", TODAY.isoformat()]) == 2
    err = capsys.readouterr().err
    assert ("fordi det ikke finnes noen konfigurasjonsfil "
            f"{bare / 'omsorgspakke.toml'}, og da brukes standardinnstillingene.") in err, err
    assert "satt under [paths]" not in out + err


def test_preview_says_templates_is_a_file_as_check_does(bare, capsys):
    (bare / "templates").write_text("", encoding="utf-8")
    assert main(["preview", "referat.docx"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"Feil: Malmappen {bare / 'templates'} er en fil, ikke en mappe ({_none_said(bare)}, "
        "og programmet ser etter malene der), så «run» og «watch» starter ikke."), err
    assert "Fant ikke malen" not in err
    assert not list(bare.glob("*forhandsvisning*"))


def test_preview_of_a_given_templates_folder_not_there(workspace, capsys):
    """[paths] templates named, not there: the setting and its line, as check says it."""
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(config.replace(
        'templates = "', 'templates = "borte-', 1), encoding="utf-8")
    assert main(["preview", "referat.docx", "--config", str(workspace.config_file)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Feil: Malmappen "), err
    assert "(templates under [paths] i " in err and "finnes ikke" in err, err
    assert "Fant ikke malen" not in err


def test_no_inbox_without_a_configuration_file(bare, capsys):
    """check said «rett inbox under [paths]» and run only «Innboksen … finnes ikke.»."""
    (bare / "inbox").rmdir()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert (f"FEIL      innboksen {bare / 'inbox'} finnes ikke ({_none_said(bare)}, og "
            "programmet ser etter innboksen der), så «run» og «watch» stopper. Lag mappen, "
            "eller skriv stien til innboksen under [paths].") in out.splitlines(), out
    assert main(["run", "--today", TODAY.isoformat()]) == 2
    assert capsys.readouterr().err.strip() == (
        f"Feil: Innboksen {bare / 'inbox'} finnes ikke. Programmet ser etter innboksen der "
        "fordi det ikke finnes noen konfigurasjonsfil "
        f"{bare / 'omsorgspakke.toml'}, og da brukes standardinnstillingene. Ingen filer er "
        "behandlet. Lag mappen, eller skriv stien til innboksen under [paths], og kjør på "
        "nytt («omsorgspakke check» sjekker det samme).")


def test_no_inbox_given_with_the_option(bare, capsys):
    assert main(["run", "--inbox", str(bare / "inn"), "--today", TODAY.isoformat()]) == 2
    assert capsys.readouterr().err.strip() == (
        f"Feil: Innboksen {bare / 'inn'} (--inbox) finnes ikke. Ingen filer er behandlet. Lag "
        "mappen, eller rett stien etter --inbox, og kjør på nytt.")


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "Feil: Innboksen {mappe} finnes ikke (inbox under [paths] i omsorgspakke.toml, "
               "linje 2). Ingen filer er behandlet. Lag mappen, eller rett stien i "
               "konfigurasjonen, og kjør på nytt («omsorgspakke check» sjekker det samme)."),
    ("nynorsk", "Feil: Innboksen {mappe} finst ikkje (inbox under [paths] i omsorgspakke.toml, "
                "linje 2). Ingen filer er behandla. Lag mappa, eller rett stien i "
                "konfigurasjonen, og køyr på nytt («omsorgspakke check» sjekkar det same)."),
])
def test_no_inbox_given_in_the_configuration(workspace, capsys, malform, said):
    workspace.in_malform(malform)
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(config.replace("[paths]\n", '[paths]\ninbox = "innboks"\n'),
                                     encoding="utf-8")
    assert workspace.cli() == 2
    err = capsys.readouterr().err.strip()
    assert err == said.format(mappe=workspace.root / "innboks"), err


def test_an_export_file_given_as_the_inbox(bare, capsys):
    """--inbox naming a file (an export, say) said «Innboksen … finnes ikke. … Lag mappen»,
    of a file that is there: it says it is a file, and that --inbox names a folder."""
    export = bare / "eksport.json"
    export.write_text("{}", encoding="utf-8")
    assert main(["run", "--inbox", str(export), "--today", TODAY.isoformat()]) == 2
    assert capsys.readouterr().err.strip() == (
        f"Feil: Innboksen {export} (--inbox) er en fil, ikke en mappe. Ingen filer er "
        "behandlet. Etter --inbox skal mappen eksportene legges i stå, ikke en eksportfil: "
        "legg filen i innboksen, eller rett stien etter --inbox, og kjør på nytt.")
    assert export.read_text(encoding="utf-8") == "{}"


@pytest.mark.parametrize(("malform", "said", "checked"), [
    ("bokmal", "Feil: Innboksen {mappe} er en fil, ikke en mappe. Ingen filer er behandlet. "
               "Flytt filen eller gi den et annet navn og lag mappen, eller rett stien til "
               "innboksen under [paths], og kjør på nytt («omsorgspakke check» sjekker det "
               "samme).",
     "FEIL      innboksen {mappe} er en fil, ikke en mappe, så «run» og «watch» stopper. "
     "Flytt filen eller gi den et annet navn og lag mappen, eller rett inbox under [paths]."),
    ("nynorsk", "Feil: Innboksen {mappe} er ei fil, ikkje ei mappe. Ingen filer er behandla. "
                "Flytt fila eller gi ho eit anna namn og lag mappa, eller rett stien til "
                "innboksen under [paths], og køyr på nytt («omsorgspakke check» sjekkar det "
                "same).",
     "FEIL      innboksen {mappe} er ei fil, ikkje ei mappe, så «run» og «watch» stoppar. "
     "Flytt fila eller gi ho eit anna namn og lag mappa, eller rett inbox under [paths]."),
])
def test_an_inbox_that_is_a_file(workspace, capsys, malform, said, checked):
    workspace.in_malform(malform)
    workspace.inbox.rmdir()
    workspace.inbox.write_text("", encoding="utf-8")
    assert workspace.cli() == 2
    err = capsys.readouterr().err.strip()
    assert err == said.format(mappe=workspace.inbox), err
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert checked.format(mappe=workspace.inbox) in out, out
