"""A configuration error found before the service's written standard is known (IT's day,
helper 503): a nynorsk service whose omsorgspakke.toml has a syntax error elsewhere, is not
saved as UTF-8, or says its standard as «nn» or under «målform», was told in bokmål. Where a
line of the file still says nynorsk, the error is said in nynorsk; nothing is taken from the
inbox. A file that is not there says nothing: bokmål."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main

from .conftest import TODAY, canonical_case


def _service_lines(workspace, *lines: str) -> None:
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(
        config.replace("[service]\n", "[service]\n" + "".join(f"{x}\n" for x in lines)),
        encoding="utf-8")


def _run(workspace, capsys, *extra: str) -> tuple[int, str]:
    workspace.drop("sak.json", canonical_case())
    code = main(["run", "--config", str(workspace.config_file), "--today", TODAY.isoformat(),
                 *extra])
    err = capsys.readouterr().err
    assert [p.name for p in workspace.inbox.iterdir()] == ["sak.json"]
    assert not list(workspace.archive.iterdir()) and not list(workspace.failed.iterdir())
    return code, err


def _line_of(workspace, text: str) -> int:
    lines = workspace.config_file.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(text))


def test_a_syntax_error_is_said_in_the_standard_the_file_asks_for(workspace, capsys):
    _service_lines(workspace, 'malform = "nynorsk"')
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write("\n[schedule\nnotice_days = 10\n")
    line = _line_of(workspace, "[schedule")
    code, err = _run(workspace, capsys)
    assert code == 2
    assert (f"Feil: Konfigurasjonsfila {workspace.config_file} har ein syntaksfeil på linje "
            f"{line}, teikn 10. Sjekk hermeteikn, likskapsteikn, komma og klammer der, og at "
            "inga innstilling står to gonger.") in err.splitlines(), err
    code = main(["check", "--config", str(workspace.config_file)])
    out = capsys.readouterr().out
    assert code == 1
    assert "har ein syntaksfeil på linje" in out and "Fann 1 feil." in out, out


def test_a_bokmal_service_with_a_syntax_error_is_told_in_bokmal(workspace, capsys):
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write("\n[schedule\n")
    code, err = _run(workspace, capsys)
    assert code == 2
    assert (f"Feil: Konfigurasjonsfilen {workspace.config_file} har en syntaksfeil på linje "
            ) in err, err


def test_a_file_not_saved_as_utf8_is_said_in_nynorsk(workspace, capsys):
    _service_lines(workspace, 'malform = "nynorsk"')
    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_bytes(text.encode("cp1252"))  # «Rådhusgata»: not UTF-8
    code, err = _run(workspace, capsys)
    assert code == 2
    assert (f"Feil: Konfigurasjonsfila {workspace.config_file} må vere lagra som UTF-8. Opne "
            "ho i eit redigeringsprogram og lagre ho med teiknkoding UTF-8.") in err, err


@pytest.mark.parametrize("line", ['malform = "nn"', 'malform = "Nynorsk"'])
def test_a_malform_that_asks_for_nynorsk_is_told_in_nynorsk(workspace, capsys, line):
    _service_lines(workspace, line)
    code, err = _run(workspace, capsys)
    assert code == 2
    assert ('Feil: omsorgspakke.toml [service]: malform skal vere "bokmal" eller "nynorsk".'
            ) in err.splitlines(), err


def test_malform_spelt_with_a_ring_is_told_in_nynorsk(workspace, capsys):
    """Unquoted, «målform» is not a TOML key at all (a syntax error, said as the key to
    write without «å»: it was said as a mistake in the quotes); quoted, an unknown setting.
    Either way the line asks for nynorsk."""
    _service_lines(workspace, 'målform = "nynorsk"')
    code, err = _run(workspace, capsys)
    assert code == 2
    assert (f"Feil: Konfigurasjonsfila {workspace.config_file} har ein syntaksfeil på linje "
            f"{_line_of(workspace, 'målform')}: namnet på ei innstilling kan ikkje ha «å» i "
            'seg. Skriv malform utan å, slik: malform = "nynorsk".') in err.splitlines(), err
    code = main(["check", "--config", str(workspace.config_file)])
    out = capsys.readouterr().out
    assert code == 1
    assert "Skriv malform utan å, slik: malform = \"nynorsk\"." in out and "Fann 1 feil." in out
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        'målform = "nynorsk"', '"målform" = "nynorsk"'), encoding="utf-8")
    code, err = _run(workspace, capsys)
    assert code == 2
    assert ("Feil: omsorgspakke.toml [service]: ukjend innstilling målform. Meinte du "
            "«malform»?") in err.splitlines(), err


@pytest.mark.parametrize("line", ['Målform = "bokmål"', "målform = bokmal"])
def test_malform_spelt_with_a_ring_for_bokmal_is_told_in_bokmal(workspace, capsys, line):
    """The value unquoted too, or with «å» in it: the one line to write is said all the
    same."""
    _service_lines(workspace, line)
    code, err = _run(workspace, capsys)
    assert code == 2
    assert (f"Feil: Konfigurasjonsfilen {workspace.config_file} har en syntaksfeil på linje "
            f"{_line_of(workspace, line)}: navnet på en innstilling kan ikke ha «å» i seg. "
            'Skriv malform uten å, slik: malform = "bokmal".') in err.splitlines(), err


def test_a_command_line_mistake_beside_a_broken_file_is_said_in_nynorsk(workspace, capsys):
    """The command line is judged after the configuration is read: with the file broken,
    its mistake was said in bokmål too."""
    _service_lines(workspace, 'malform = "nynorsk"', "navn = ")
    code, err = _run(workspace, capsys, "--ukjent")
    assert code == 2
    assert "Feil: ukjende argument: --ukjent. Sjå «omsorgspakke --help»." in err, err


def test_a_file_that_is_not_there_is_said_in_bokmal(workspace, capsys):
    workspace.config_file.unlink()
    code, err = _run(workspace, capsys)
    assert code == 2
    assert f"Feil: Fant ikke konfigurasjonsfilen {workspace.config_file}." in err, err
