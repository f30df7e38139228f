"""IT's day (helper 805): --config naming a folder, and a command misspelt.

`--config` with the installation's folder rather than its file stopped every command with
«en uventet feil stoppet programmet (IsADirectoryError)», exit 3, which a watch service
restarts for ever. A command misspelt was answered half in English («ugyldig valg: 'chek'
(choose from …)»)."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main


@pytest.mark.parametrize("command", ["check", "run"])
def test_a_folder_for_the_configuration_file(workspace, capsys, command):
    code = main([command, "--config", str(workspace.root)])
    said = capsys.readouterr()
    inside = workspace.root / "omsorgspakke.toml"
    assert inside == workspace.config_file  # (the folder holds it: it is named)
    expected = (f"Konfigurasjonsfilen {workspace.root} er en mappe, ikke en fil. Skriv stien "
                f"til selve filen: --config {inside}.")
    if command == "check":
        assert code == 1 and f"FEIL      {expected}" in said.out.splitlines(), said.out
    else:
        assert code == 2 and said.err.strip() == f"Feil: {expected}", said.err
    assert "uventet" not in said.out + said.err


def test_a_folder_without_one(tmp_path, capsys):
    assert main(["run", "--config", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"Feil: Konfigurasjonsfilen {tmp_path} er en mappe, ikke en fil. Skriv stien til selve "
        "filen.")


def test_a_misspelt_command_is_said_in_norwegian(capsys):
    assert main(["chek"]) == 2
    err = capsys.readouterr().err
    assert "Feil: argument KOMMANDO: ugyldig valg: 'chek' (velg blant 'preview'," in err, err
    assert "choose from" not in err
