"""`init` said everything in bokmål, and a nynorsk service had to find [service] malform in
the file itself. `init --malform nynorsk` says it in nynorsk and writes the configuration
with malform = "nynorsk" (today's readers, helper 903)."""

from __future__ import annotations

from omsorgspakke_docs import config
from omsorgspakke_docs.cli import main


def test_init_in_nynorsk_says_so_and_writes_a_nynorsk_configuration(tmp_path, capsys):
    folder = tmp_path / "oppsett"
    assert main(["init", "--malform", "nynorsk", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"Laga {folder} med omsorgspakke.toml, inbox, outbox, archive, failed, "
                      "state, plugins, og kopiar av malane og mappingfilene.")
    assert out[1] == ('omsorgspakke.toml har malform = "nynorsk" under [service], så dokumenta '
                      "og det kommandoane skriv, blir på nynorsk. Forklaringane i fila er på "
                      "bokmål.")
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
