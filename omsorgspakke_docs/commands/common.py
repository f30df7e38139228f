"""What the commands that process the inbox share: folder options, settings, summary."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from .. import bundled, logs
from .. import config as config_module
from ..config import Settings
from ..errors import UsageError
from ..rendering import pdf as pdf_module
from ..run.pipeline import Pipeline
from ..run.summary import Summary
from ..wording import count

FOLDERS = ("inbox", "outbox", "archive", "failed", "state")


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("datoen skrives ÅÅÅÅ-MM-DD, f.eks. 2026-11-22") from None


def exit_codes(*own: str) -> str:
    """The help text's exit codes: the command's own, then the two every command shares."""
    shared = ("2 ved feil i bruk eller konfigurasjon",
              "3 når en uventet feil stoppet programmet (bare feiltypen nevnes)")
    return " Avslutter med " + ", ".join((*own, *shared)) + "."


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FIL",
                        help="konfigurasjonsfil (standard: ./omsorgspakke.toml hvis den finnes)")


def add_folder_options(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    helps = {
        "inbox": "innboksen der eksportene legges",
        "outbox": "utboksen der dokumentene havner",
        "archive": "arkivet for behandlede filer",
        "failed": "mappen for filer som ikke kunne behandles",
        "state": "tilstandsmappen (det programmet husker mellom kjøringer)",
    }
    for name in FOLDERS:
        parser.add_argument(f"--{name}", type=Path, metavar="MAPPE", help=helps[name])
    parser.add_argument("--today", type=parse_date, metavar="ÅÅÅÅ-MM-DD",
                        help="regn som om det er denne datoen (for tester og demo)")
    parser.add_argument("--json", action="store_true",
                        help="skriv sammendraget som ett JSON-objekt på standard ut")
    parser.add_argument("--pdf", action="store_true",
                        help="lag også PDF/A-kopier (2b) for arkivering, med LibreOffice")


def settings_from(args) -> Settings:
    settings = config_module.load(getattr(args, "config", None))
    for name in FOLDERS:
        value = getattr(args, name, None)
        if value is not None:
            setattr(settings.paths, name, value.resolve())
    if not settings.paths.templates.is_dir():
        # Run from anywhere: fall back to the templates shipped with the program.
        settings.paths.templates = bundled.folder("templates")
    return settings


def plugin_manager(args):
    """The command's one plugin manager (cli.py), or the error that kept it from loading."""
    if getattr(args, "plugin_problem", None) is not None:
        raise args.plugin_problem
    return args.plugins


def process_inbox(settings: Settings, pm, today: date, as_json: bool, pdf: bool = False) -> int:
    if not settings.paths.inbox.is_dir():
        raise UsageError(f"Innboksen {settings.paths.inbox} finnes ikke.")
    progress = None if as_json else (lambda message: print(message, file=sys.stderr))
    copies = enable_pdf(pm, pdf)
    pipeline = Pipeline(settings, pm, progress)
    with logs.to_file(settings):
        summary = pipeline.run(today)
    if as_json:
        extra = {"pdf": copies.result.as_json()} if copies else {}
        print(json.dumps({**summary.as_json(), **extra}, ensure_ascii=False, indent=2))
    else:
        print(human_summary(summary, settings)
              + (f"\n{copies.result.message()}" if copies else ""))
    return max(summary.exit_code, 1 if copies and copies.result.failed else 0)


def enable_pdf(pm, wanted: bool, report=None) -> pdf_module.Copies | None:
    """--pdf, for run and watch alike: LibreOffice is looked for before anything is processed,
    then every batch ends with PDF/A copies of its new and changed documents, in one call."""
    if not wanted:
        return None
    found = pdf_module.find_soffice()
    if found is None:
        raise UsageError(pdf_module.NOT_INSTALLED)
    copies = pdf_module.Copies(found, report)
    pm.register(copies, name="pdf")
    return copies


def human_summary(summary: Summary, settings: Settings) -> str:
    from_exports = summary.documents_written - summary.documents_refreshed
    lines = [
        "",
        f"Ferdig: {count(summary.files_ok, 'fil', 'filer')} behandlet, "
        f"{summary.files_failed} satt til side.",
        f"{count(summary.cases, 'sak', 'saker')} fikk dokumenter "
        f"({count(from_exports, 'dokument', 'dokumenter')}), "
        f"{count(summary.cases_skipped, 'sak', 'saker')} ble hoppet over.",
    ]
    lines += [f"  Hoppet over {_which(s)}: {s['grunn']}" for s in summary.skipped]
    if summary.cases_refreshed:
        lines.append(f"{count(summary.cases_refreshed, 'sak', 'saker')} uten ny eksport fikk "
                     "brev og referater som nå er innen rekkevidde "
                     f"({count(summary.documents_refreshed, 'dokument', 'dokumenter')}).")
    if summary.conflicts:
        lines.append(f"{count(summary.conflicts, 'opplysning', 'opplysninger')} var ulike i "
                     "to eksporter; "
                     "den nyeste eksporten er brukt (se avvik-mellom-eksporter.txt i saken).")
    lines += [f"  Sjekk {_which(s)}: {s['grunn']}" for s in summary.flagged]
    if summary.files_failed:
        lines.append(f"Se forklaringen (.feil.txt) ved hver fil i {settings.paths.failed}.")
    lines += watch_lines(summary)
    return "\n".join(lines)


def _which(entry: dict) -> str:
    """A case as staff can find it: its journal number, else its pseudonym."""
    return f"sak {entry['journalnummer']}" if entry.get("journalnummer") else entry["sak"]


def watch_lines(summary: Summary) -> list[str]:
    """Duplicates, retries and documents kept because someone changed them."""
    lines = []
    if summary.duplicates:
        lines.append(f"{count(summary.duplicates, 'fil', 'filer')} var behandlet før (samme "
                     "innhold) og er "
                     "lagt i arkivet uten nye dokumenter.")
    if summary.retrying:
        lines.append(f"{count(len(summary.retrying), 'fil', 'filer')} kunne ikke behandles nå "
                     "og prøves igjen "
                     "automatisk:")
        lines += [f"  Fil {ref}: {why}" for ref, why in summary.retrying.items()]
    if summary.new_versions:
        lines.append(f"{count(len(summary.new_versions), 'dokument', 'dokumenter')} var endret "
                     "etter at vi laget "
                     "dem, og er ikke overskrevet. Den nye versjonen ligger ved siden av:")
        lines += [f"  {n['sak']}: {n['dokument']}" for n in summary.new_versions]
    return lines
