"""omsorgspakke status: how the inbox stands, in counts only (never a name or a file name).

It also gives the counts of the team leader's findings (sheet Avvik in Saksoversikt.xlsx) as
they were when the workbook was last made, so monitoring can alert on them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from ..config import Settings
from ..documents.caseload import FINDINGS
from ..hookspecs import hookimpl
from ..intake import inbox
from ..store.commit import read_state_file
from ..store.ledger import read_counts
from ..store.state import LOCK_FILE, is_busy
from ..text import Tekst, tekst
from .common import add_config_option, exit_codes, settings_from


def collect(settings: Settings) -> dict:
    paths = settings.paths
    counts = read_counts(paths.state)
    in_progress = len(inbox.interrupted(paths.inbox))
    return {
        "waiting": len(inbox.pending(paths.inbox)),
        "refused": len(inbox.refused(paths.inbox)),
        "folders": len(inbox.folders(paths.inbox)),
        "stalled_copies": inbox.stalled_copies(paths.inbox),
        "in_progress": in_progress,
        "retrying": min(counts.retrying, in_progress),
        "processed": counts.processed,
        "duplicates": counts.duplicates,
        "failed": _count_failed(paths.failed),
        "failed_total": counts.failed,
        "last_processed": counts.last_processed,
        "running": _running(paths.state),
        "avvik": _findings(paths.state),
    }


def _findings(state_folder: Path) -> dict | None:
    """Counts of findings per severity and kind; None before the first caseload workbook."""
    try:
        return json.loads(read_state_file(state_folder / FINDINGS))
    except (OSError, ValueError, RecursionError):  # (none; a pipe or a link: never waited on)
        return None


def _count_failed(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(1 for p in folder.iterdir()
               if p.is_file() and not p.name.endswith(inbox.NOTE_SUFFIX))


def _running(state_folder: Path) -> bool:
    if not (state_folder / LOCK_FILE).exists():
        return False
    return is_busy(state_folder)


def human(status: dict, t: Tekst | None = None) -> str:
    """The status for a person, in t's standard (the service's messages; bokmål when None)."""
    t = t or tekst()
    last = t("tilstand.ingen_enna")
    if status["last_processed"]:
        when = datetime.fromisoformat(status["last_processed"]).astimezone()  # local time
        last = t("tilstand.tidspunkt", dato=t.dato_med_ukedag(when.date()),
                 klokka=f"{when:%H.%M}")
    in_progress = t.count(status["in_progress"], "fil")
    if status["retrying"]:
        in_progress += t("tilstand.venter_forsok", antall=status["retrying"])
    waiting = t.count(status["waiting"], "fil")
    if status["refused"]:
        waiting += t("tilstand.ikke_tatt_inn",
                     oppforinger=t.count(status["refused"], "oppforing"))
    if status.get("folders"):
        waiting += t("tilstand.mapper", mapper=t.count(status["folders"], "mappe"))
    if status.get("stalled_copies"):
        waiting += t("tilstand.uferdige_kopier", filer=t.count(status["stalled_copies"], "fil"))
    rows = [
        (t("tilstand.venter"), waiting),
        (t("tilstand.under_behandling"), in_progress),
        (t("tilstand.behandlet"), t("tilstand.behandlet_filer",
                                    filer=t.count(status["processed"], "fil"),
                                    duplikater=t.count(status["duplicates"], "duplikat"))),
        (t("tilstand.satt_til_side"), t("tilstand.i_feilmappen",
                                        filer=t.count(status["failed"], "fil"))),
        (t("tilstand.sist"), last),
        (t("tilstand.avvik"), _findings_text(status["avvik"], t)),
        (t("tilstand.behandling_na"), t("tilstand.pagar") if status["running"]
         else t("tilstand.ingen_kjorer")),
    ]
    width = max(len(label) for label, _ in rows) + 1
    return "\n".join(f"{label + ':':<{width}} {value}" for label, value in rows)


def _findings_text(found: dict | None, t: Tekst) -> str:
    if not found:
        return t("tilstand.funn_ikke_laget")
    return t("tilstand.funn", lovbrudd=found["lovbrudd"],
             avvik=found["avvik_fra_omsorgspakken"], mangler=found["mangler_opplysninger"],
             saker=t.count(found["saker_med_avvik"], "sak"))


def status(args) -> int:
    settings = settings_from(args)
    result = collect(settings)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json
          else human(result, tekst(settings.messages_malform)))
    return exit_code(result)


def exit_code(status: dict) -> int:
    """For monitoring: 1 when a file lies in the failed folder or waits for a retry."""
    return 1 if status["failed"] or status["retrying"] else 0


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "status", help="vis hvor mange filer som venter, er under behandling, er behandlet "
                       "og er satt til side",
        description="Viser antall filer i innboksen, under behandling, behandlet og i "
                    "feilmappen, og når siste fil ble behandlet. Viser aldri navn eller "
                    "filnavn. Utgangskoden er laget for overvåking."
                    + exit_codes("0 når ingen fil ligger i feilmappen eller venter på nytt "
                                 "forsøk", "1 når noen gjør det"),
    )
    add_config_option(parser)
    folders = {"inbox": "innboksen", "failed": "mappen for filer som ikke kunne behandles",
               "state": "tilstandsmappen"}
    for name, what in folders.items():
        parser.add_argument(f"--{name}", type=Path, metavar="MAPPE", help=what)
    parser.add_argument("--json", action="store_true", help="skriv statusen som ett JSON-objekt")
    parser.set_defaults(func=status)
