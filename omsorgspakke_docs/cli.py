"""The omsorgspakke command. Messages for staff are Norwegian; --help texts too.

Exit codes: 0 every file processed, 1 at least one file failed, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
from datetime import date
from pathlib import Path

from . import config as config_module
from .config import ConfigError, Settings
from .pipeline import Pipeline, Summary
from .plugins import PluginError, make_manager
from .render import TemplateError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_TODAY = date(2026, 11, 22)


class UsageError(Exception):
    pass


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("datoen skrives ÅÅÅÅ-MM-DD, f.eks. 2026-11-22") from None


def _folder_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FIL",
                        help="konfigurasjonsfil (standard: ./omsorgspakke.toml hvis den finnes)")
    for name, what in [("inbox", "innboksen"), ("outbox", "utboksen (dokumentene)"),
                       ("archive", "arkivet for behandlede filer"),
                       ("failed", "mappen for filer som ikke kunne behandles"),
                       ("state", "tilstandsmappen (det programmet husker mellom kjøringer)")]:
        parser.add_argument(f"--{name}", type=Path, metavar="MAPPE", help=f"mappe for {what}")
    parser.add_argument("--today", type=_date, metavar="ÅÅÅÅ-MM-DD",
                        help="regn som om det er denne datoen (for tester og demo)")
    parser.add_argument("--json", action="store_true",
                        help="skriv sammendraget som ett JSON-objekt på standard ut")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="omsorgspakke",
        description="Lager dokumentene til Omsorgspakken fra eksporter fra fagsystemet.",
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True)
    run = sub.add_parser("run", help="behandle alle filer som ligger i innboksen nå, én gang",
                         description="Behandler alle filer i innboksen én gang og avslutter.")
    _folder_options(run)
    demo = sub.add_parser("demo", help="kjør eksemplene i examples/ inn i en ny demo/-mappe",
                          description="Lager demo/ med innboks, utboks, arkiv og feilmappe, "
                                      "legger eksemplene i innboksen og behandler dem.")
    demo.add_argument("--folder", type=Path, default=Path("demo"), metavar="MAPPE",
                      help="demomappen (standard: demo)")
    demo.add_argument("--today", type=_date, default=DEMO_TODAY, metavar="ÅÅÅÅ-MM-DD",
                      help=f"dato demoen regner fra (standard: {DEMO_TODAY.isoformat()})")
    demo.add_argument("--json", action="store_true", help="skriv sammendraget som JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        if args.command == "demo":
            return cmd_demo(args)
        return cmd_run(args)
    except (ConfigError, PluginError, UsageError, TemplateError) as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return EXIT_USAGE


def settings_from(args) -> Settings:
    settings = config_module.load(args.config)
    for name in ("inbox", "outbox", "archive", "failed", "state"):
        value = getattr(args, name, None)
        if value is not None:
            setattr(settings.paths, name, value.resolve())
    if not settings.paths.templates.is_dir():
        # Run from anywhere: fall back to the templates shipped in the checkout.
        settings.paths.templates = PROJECT_ROOT / "templates"
    return settings


def execute(settings: Settings, today: date, as_json: bool) -> int:
    if not settings.paths.inbox.is_dir():
        raise UsageError(f"Innboksen {settings.paths.inbox} finnes ikke.")
    plugin_dir = settings.paths.plugins if settings.paths.plugins.is_dir() else None
    pm = make_manager(plugin_dir)
    progress = (lambda m: print(m, file=sys.stderr)) if not as_json else None
    summary = Pipeline(settings, pm, today, progress).run()
    if as_json:
        print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
    else:
        print(human_summary(summary, settings))
    return summary.exit_code


def cmd_run(args) -> int:
    return execute(settings_from(args), args.today or date.today(), args.json)


def cmd_demo(args) -> int:
    folder = args.folder.resolve()
    if folder.exists():
        shutil.rmtree(folder)
    examples = PROJECT_ROOT / "examples"
    settings = config_module.load(examples / "omsorgspakke.toml")
    for name in ("inbox", "outbox", "archive", "failed", "state"):
        path = folder / name
        path.mkdir(parents=True)
        setattr(settings.paths, name, path)
    settings.paths.templates = PROJECT_ROOT / "templates"
    settings.paths.plugins = PROJECT_ROOT / "plugins"
    for example in sorted(examples.iterdir()):
        if example.suffix in (".json", ".xml", ".csv", ".xlsx"):
            shutil.copy2(example, settings.paths.inbox / example.name)
    code = execute(settings, args.today, args.json)
    if not args.json:
        print(f"\nDokumentene ligger i {settings.paths.outbox}")
    return code


def human_summary(summary: Summary, settings: Settings) -> str:
    lines = [
        "",
        f"Ferdig: {summary.files_ok} fil(er) behandlet, {summary.files_failed} satt til side.",
        f"{summary.cases} sak(er) fikk dokumenter ({summary.documents_written} dokumenter), "
        f"{summary.cases_skipped} sak(er) ble hoppet over.",
    ]
    for item in summary.skipped:
        lines.append(f"  Hoppet over {item['sak']}: {item['grunn']}")
    if summary.conflicts:
        lines.append(f"{summary.conflicts} opplysning(er) var ulike i to eksporter; "
                     "den nyeste eksporten er brukt.")
    if summary.files_failed:
        lines.append(f"Se forklaringen (.feil.txt) ved hver fil i {settings.paths.failed}.")
    return "\n".join(lines)
