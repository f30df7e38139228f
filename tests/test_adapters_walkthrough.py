"""docs/adapters.md's walk-through, run as written: the export, the mapping, the outputs."""

from __future__ import annotations

import re

from omsorgspakke_docs.cli import main

from .conftest import ROOT, docx_text

GUIDE = (ROOT / "docs" / "adapters.md").read_text(encoding="utf-8")


def block(marker: str) -> str:
    found = re.search(rf"<!-- walkthrough:{marker} -->\n```\w+\n(.*?)\n```", GUIDE, re.S)
    assert found, marker
    return found[1] + "\n"


def shown(first_words: str) -> list[str]:
    """The output lines the guide shows in the block that starts with these words."""
    found = re.search(rf"```\n({re.escape(first_words)}.*?)\n```", GUIDE, re.S)
    assert found, first_words
    return found[1].splitlines()


def setup(tmp_path, mapping: str):
    assert main(["init", str(tmp_path / "oppsett")]) == 0
    folder = tmp_path / "oppsett"
    (folder / "mappings" / "nytt-fagsystem.toml").write_text(mapping, encoding="utf-8")
    export = tmp_path / "klientoversikt.csv"
    export.write_bytes(block("export").encode("cp1252"))
    return folder, export


def check_sample(capsys, folder, export) -> list[str]:
    main(["check", "--config", str(folder / "omsorgspakke.toml"), "--sample", str(export),
                 "--today", "2026-11-23"])
    return capsys.readouterr().out.splitlines()


def test_the_first_draft_gives_the_messages_the_guide_shows(tmp_path, capsys):
    draft = block("mapping").replace('"Fødselsnr"', '"Fødselsnummer"')
    draft = "\n".join(line for line in draft.splitlines() if "datoformater" not in line)
    folder, export = setup(tmp_path, draft)
    capsys.readouterr()
    out = check_sample(capsys, folder, export)
    assert set(shown("FEIL      prøvefil: kolonnen")) <= set(out)
    mapping = folder / "mappings" / "nytt-fagsystem.toml"
    mapping.write_text(draft.replace('"Fødselsnummer"', '"Fødselsnr"'), encoding="utf-8")
    assert set(shown("FEIL      prøvefil: «Plassert»")) <= set(check_sample(capsys, folder, export))


def test_the_finished_mapping_checks_and_runs_as_the_guide_says(tmp_path, capsys):
    folder, export = setup(tmp_path, block("mapping"))
    config = str(folder / "omsorgspakke.toml")
    capsys.readouterr()
    assert main(["check", "--config", config, "--sample", str(export),
                 "--today", "2026-11-23"]) == 0
    assert set(shown("OK        prøvefil:")) <= set(capsys.readouterr().out.splitlines())

    export.replace(folder / "inbox" / export.name)
    assert main(["run", "--config", config, "--today", "2026-11-22"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert set(shown("Ferdig:")) <= set(out)
    outbox = folder / "outbox"
    letter = docx_text(outbox / "2026-0802" / "02 Informasjonsbrev til foreldre - mor.docx")
    assert "Kirkeveien 12 B" in letter and "0368 Oslo" in letter and "Leila Haddad" in letter
    plan = docx_text(outbox / "2026-0802" / "01 Oppfølgingsplan.docx")
    assert "Kari Anne Østby" in plan and "(arabisk)" in plan
    plan = docx_text(outbox / "2026-0801" / "01 Oppfølgingsplan.docx")
    assert "Berit Lund" in plan and "Jon Lund" in plan
    letters = sorted(p.name for p in (outbox / "2026-0801").glob("02 *.docx"))
    assert letters == ["02 Informasjonsbrev til foreldre.docx"]  # the mother's only
    assert not (outbox / "2025-0144").exists()
