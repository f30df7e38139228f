"""OMSORGSPAKKE_WORKERS that is not a number: the run refuses to start with a message that
says what to set (exit 2), before any file is taken from the inbox, instead of stopping on an
unexpected error whose type name is all IT gets (exit 3)."""

from __future__ import annotations

import shutil

from omsorgspakke_docs.cli import main

from .conftest import EXAMPLES


def test_a_workers_value_that_is_not_a_number_is_said_and_nothing_is_taken(
        tmp_path, monkeypatch, capsys):
    folders = {name: tmp_path / name for name in ("inbox", "outbox", "archive", "failed",
                                                   "state")}
    for folder in folders.values():
        folder.mkdir()
    example = next(p for p in sorted(EXAMPLES.iterdir()) if p.suffix == ".json")
    shutil.copy2(example, folders["inbox"] / example.name)
    monkeypatch.setenv("OMSORGSPAKKE_WORKERS", "to")

    code = main(["run", *[arg for name, folder in folders.items()
                          for arg in (f"--{name}", str(folder))], "--today", "2026-11-23"])

    said = capsys.readouterr().err
    assert code == 2
    assert ("OMSORGSPAKKE_WORKERS er satt til «to», men skal være et helt tall: antallet "
            "prosesser som lager dokumenter (1 lager alt i én prosess). Rett eller fjern "
            "variabelen og start på nytt.") in said
    assert (folders["inbox"] / example.name).is_file()
    assert not any(folders["archive"].iterdir()) and not any(folders["failed"].iterdir())
