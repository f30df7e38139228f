"""`init` said everything in bokmål, and a nynorsk service had to find [service] malform in
the file itself. `init --malform nynorsk` says it in nynorsk and writes the configuration
with malform = "nynorsk" (today's readers, helper 903)."""

from __future__ import annotations

import errno
import re
import tomllib

import pytest

from omsorgspakke_docs import config
from omsorgspakke_docs.cli import main
from omsorgspakke_docs.commands import init as init_command


def test_init_in_nynorsk_says_so_and_writes_a_nynorsk_configuration(tmp_path, capsys):
    folder = tmp_path / "oppsett"
    assert main(["init", "--malform", "nynorsk", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"Laga {folder} med omsorgspakke.toml, inbox, outbox, archive, failed, "
                      "state, plugins, og kopiar av malane og mappingfilene.")
    assert out[1] == ('omsorgspakke.toml har malform = "nynorsk" under [service], så dokumenta '
                      "og det kommandoane skriv, blir på nynorsk, som forklaringane i fila.")
    assert f"  3. Køyr: omsorgspakke run --config {folder / 'omsorgspakke.toml'}" in out
    settings = config.load(folder / "omsorgspakke.toml")
    assert settings.malform == "nynorsk"
    assert settings.service["navn"] == "Barnevernstenesta i [kommune]"
    # Never over an existing configuration, said in nynorsk too.
    assert main(["init", "--malform", "nynorsk", str(folder)]) == 2
    assert (f"Feil: {folder / 'omsorgspakke.toml'} finst frå før; ingenting er endra. Vel ei "
            "tom mappe.") in capsys.readouterr().err


def test_init_in_bokmal_is_as_before(tmp_path, capsys):
    folder = tmp_path / "oppsett"
    assert main(["init", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"Laget {folder} med omsorgspakke.toml, inbox, outbox, archive, failed, "
                      "state, plugins, og kopier av malene og mappingfilene.")
    assert out[1:3] == ["", "Neste steg:"]
    assert config.load(folder / "omsorgspakke.toml").service["navn"] == \
        "Barnevernstjenesten i [kommune]"
    (folder / "omsorgspakke.toml").unlink()
    assert main(["init", str(folder)]) == 2
    assert (f"Feil: {folder} har allerede inbox, outbox, archive, failed, state, plugins, "
            "templates, mappings; ingenting er endret. Velg en tom mappe.") \
        in capsys.readouterr().err


SETTING_COMMENTED_OUT = re.compile(r'^#\s*(\[|[\w."]+\s*=\s*[^#]*$)')
"""«# workday_start = "08:00"», «# [kommuner."4640"]», the example paths: the same in both."""
BOKMAL_WORDS = {"ikke", "hvor", "hver", "fra", "mappen", "filen", "skrives", "slettes",
                "dokumenter", "eksporter", "møter", "virkedager", "dager", "hvordan",
                "kommer", "legger", "bruker", "tjenesten", "navnet", "brevene", "saken", "noe",
                "hentes", "dem", "egen", "sier", "tiden", "avtales", "ukene", "disse"}


def _comment(line: str) -> str:
    return line.split("#", 1)[1] if "#" in line else ""


def test_init_in_nynorsk_writes_the_comments_in_nynorsk(tmp_path, capsys):
    """init --malform nynorsk wrote every comment in bokmål («ikke», «hvor», «fra»): the
    same settings now, with the comments in nynorsk."""
    bokmal, nynorsk = tmp_path / "bm", tmp_path / "nn"
    assert main(["init", str(bokmal)]) == 0
    assert main(["init", "--malform", "nynorsk", str(nynorsk)]) == 0
    written = {folder: (folder / "omsorgspakke.toml").read_text(encoding="utf-8")
               for folder in (bokmal, nynorsk)}
    lines = written[nynorsk].splitlines()
    assert ("# Stiar som ikkje er fullstendige, blir rekna frå mappa denne fila ligg i."
            in lines)
    assert ('failed = "failed"              # eksportar som ikkje kunne behandlast, med ei '
            ".feil.txt ved sida av") in lines
    assert ('malform = "nynorsk"            # eller "bokmal": målforma i alle dokument, notat '
            "og rekneark,") in lines
    assert ("archive_days = 90              # behandla eksportar blir sletta så mange dagar "
            "etter arkivering (0 = aldri)") in lines
    words = {word for line in lines for word in re.findall(r"[\wæøå]+", _comment(line).lower())}
    assert not words & BOKMAL_WORDS, sorted(words & BOKMAL_WORDS)
    # Every comment but the settings commented out (and the example paths) is written anew.
    kept = [line for line in lines if _comment(line).strip() and not
            SETTING_COMMENTED_OUT.match(line) and line in written[bokmal].splitlines()]
    assert kept == [], kept
    # One source of the settings: only [service] malform and the service's name differ.
    settings = {folder: tomllib.loads(text) for folder, text in written.items()}
    settings[bokmal]["service"].update(malform="nynorsk", navn="Barnevernstenesta i [kommune]")
    assert settings[nynorsk] == settings[bokmal]


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "{folder} er en fil, ikke en mappe; ingenting er endret. Velg en tom mappe."),
    ("nynorsk", "{folder} er ei fil, ikkje ei mappe; ingenting er endra. Vel ei tom mappe.")])
def test_init_on_a_file_says_so(tmp_path, capsys, malform, said):
    """`init` given a file (the configuration itself, say) stopped with «en uventet feil
    stoppet programmet (FileExistsError)» and exit 3; it says what is wrong, exit 2."""
    folder = tmp_path / "omsorgspakke.toml"
    folder.write_text("# ikke rørt\n", encoding="utf-8")
    assert main(["init", "--malform", malform, str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"Feil: {said.format(folder=folder)}" in err and "uventet" not in err
    assert folder.read_text(encoding="utf-8") == "# ikke rørt\n"


@pytest.mark.parametrize("malform, said", [
    ("bokmal", "Feil: Kunne ikke lage alt i {folder}: programmet har ikke tilgang til en fil "
               "eller mappe"),
    ("nynorsk", "Feil: Kunne ikkje lage alt i {folder}: programmet har ikkje tilgang til ei fil "
                "eller mappe")])
def test_init_that_may_not_write_says_so(tmp_path, capsys, monkeypatch, malform, said):
    """The templates cannot be copied (the account may not write there, a file locked):
    said, with what to do, exit 2; not «en uventet feil stoppet programmet»."""
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(init_command.shutil, "copytree", denied)
    folder = tmp_path / "oppsett"
    assert main(["init", "--malform", malform, str(folder)]) == 2
    err = capsys.readouterr().err
    assert said.format(folder=folder) in err and "uventet" not in err
