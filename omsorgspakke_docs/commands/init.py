"""omsorgspakke init DIR: a working configuration folder for a new installation.

Lays out DIR with a commented omsorgspakke.toml, the work folders (inbox, outbox, archive,
failed, state), and copies of the shipped templates and mapping files for the municipality
to adapt. The example plugin and the example exports are not copied: a production folder
should load only plugins someone chose. Nothing that exists is overwritten. Exit codes: 0
laid out, 2 the folder already has a configuration (or cannot be written).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .. import bundled
from ..config import CONFIG_NAME, PACKAGE_DATA
from ..errors import UsageError
from ..hookspecs import hookimpl
from .common import exit_codes

WORK_FOLDERS = ("inbox", "outbox", "archive", "failed", "state", "plugins")
COPIED = ("templates", "mappings")
CONFIG_TEMPLATE = PACKAGE_DATA / "omsorgspakke.mal.toml"


def init(args) -> int:
    folder: Path = args.folder.resolve()
    config = folder / CONFIG_NAME
    if config.exists():
        raise UsageError(f"{config} finnes fra før; ingenting er endret. Velg en tom mappe.")
    taken = [name for name in (*WORK_FOLDERS, *COPIED) if (folder / name).exists()]
    if taken:
        raise UsageError(f"{folder} har allerede {', '.join(taken)}; ingenting er endret. "
                         "Velg en tom mappe.")
    folder.mkdir(parents=True, exist_ok=True)
    for name in WORK_FOLDERS:
        (folder / name).mkdir()
    for name in COPIED:
        shutil.copytree(bundled.folder(name), folder / name,
                        ignore=shutil.ignore_patterns("__pycache__", "~$*"))
    shutil.copyfile(CONFIG_TEMPLATE, config)
    print(f"Laget {folder} med {CONFIG_NAME}, {', '.join(WORK_FOLDERS)}, og kopier av malene "
          "og mappingfilene.\n\nNeste steg:\n"
          f"  1. Skriv kommunens opplysninger i {config} ([service]).\n"
          f"  2. Tilpass mappingfilene i {folder / 'mappings'} til eksportene fra fagsystemet: "
          "skriv kommunens eget kommunenummer i stedet for eksempelet 4699, og fjern filene "
          "for fagsystemer kommunen ikke bruker. Prøv dem: "
          f"omsorgspakke check --config {config} --sample EKSPORT\n"
          f"  3. Kjør: omsorgspakke run --config {config}")
    return 0


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "init", help="lag en ny konfigurasjonsmappe med innstillinger, maler og mappingfiler",
        description="Lager mappen med en kommentert omsorgspakke.toml, inbox/, outbox/, "
                    "archive/, failed/, state/ og plugins/, og kopier av malene og "
                    "mappingfilene som følger med programmet, til å tilpasse. Ingenting som "
                    "finnes, blir overskrevet."
                    + exit_codes("0 når mappen er laget",
                                 "2 når den allerede har en konfigurasjon (da endres "
                                 "ingenting)"),
    )
    parser.add_argument("folder", type=Path, metavar="MAPPE", help="mappen som skal lages")
    parser.set_defaults(func=init)
