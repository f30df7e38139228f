"""omsorgspakke demo: the bundled examples through the whole pipeline, into demo/."""

import shutil
from datetime import date
from pathlib import Path

from .. import bundled
from .. import config as config_module
from ..hookspecs import hookimpl
from ..plugins import manager_for
from ..text import tekst
from .common import FOLDERS, exit_codes, parse_date, process_inbox

DEMO_TODAY = date(2026, 11, 23)
"""A Monday: the examples were exported the Thursday and Friday before, and letters the
demo makes are dated a working day."""
EXAMPLE_SUFFIXES = {".json", ".xml", ".csv", ".xlsx", ".txt"}


def demo(args) -> int:
    folder = args.folder.resolve()
    if folder.exists():
        shutil.rmtree(folder)
    examples = bundled.folder("examples")
    settings = config_module.load(examples / "omsorgspakke.toml")
    for name in FOLDERS:
        path = folder / name
        path.mkdir(parents=True)
        setattr(settings.paths, name, path)
    settings.paths.templates = bundled.folder("templates")
    settings.paths.plugins = bundled.folder("plugins")
    settings.paths.mappings = bundled.folder("mappings")
    for example in sorted(examples.iterdir()):
        if example.suffix in EXAMPLE_SUFFIXES and example.name != "README.md":
            shutil.copy2(example, settings.paths.inbox / example.name)
    # The demo is an installation of its own, with the checkout's plugins and mappings.
    code = process_inbox(settings, manager_for(settings), args.today, args.json)
    if not args.json:
        t = tekst(settings.messages_malform)
        print("\n" + t("sammendrag.demo_dokumenter", mappe=str(settings.paths.outbox)))
    return code


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "demo", help="kjør eksemplene i examples/ inn i en ny demo/-mappe",
        description="Lager demo/ med inbox/, outbox/, archive/, failed/ og state/, legger "
                    "eksemplene i innboksen og behandler dem."
                    + exit_codes("0 når alle eksemplene ble behandlet",
                                 "1 når minst ett ble satt til side"),
    )
    parser.add_argument("--folder", type=Path, default=Path("demo"), metavar="MAPPE",
                        help="demomappen (standard: demo); den lages på nytt")
    parser.add_argument("--today", type=parse_date, default=DEMO_TODAY, metavar="ÅÅÅÅ-MM-DD",
                        help=f"datoen demoen regner fra (standard: {DEMO_TODAY.isoformat()})")
    parser.add_argument("--json", action="store_true", help="skriv sammendraget som JSON")
    parser.set_defaults(func=demo)
