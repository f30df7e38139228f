"""What the commands that process the inbox share: folder options, settings, summary."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from difflib import get_close_matches
from pathlib import Path

from .. import bundled, logs
from .. import config as config_module
from ..config import Settings
from ..domain.merge import CONFLICT_NOTE
from ..errors import MappingFilesBroken, UsageError
from ..rendering import pdf as pdf_module
from ..run.pipeline import Pipeline
from ..run.summary import Summary
from ..store import used_with
from ..text import Tekst, tekst
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
    parser.add_argument("--accept-config", action="store_true",
                        help="bruk innstillingene i denne kjøringen selv om tilstandsmappen "
                             "ble brukt med en annen konfigurasjonsfil (eller ingen) sist; "
                             "uten dette stopper programmet når målformen, brevhodet eller "
                             "malene i sakenes dokumenter da ville endret seg")


def settings_from(args) -> Settings:
    settings = config_module.load(getattr(args, "config", None))
    for name in FOLDERS:
        value = getattr(args, name, None)
        if value is not None:
            setattr(settings.paths, name, value.resolve())
            settings.inbox_option = settings.inbox_option or name == "inbox"
    templates_or_bundled(settings)
    return settings


def templates_or_bundled(settings: Settings) -> None:
    """Run from anywhere: without [paths] templates and nothing at ./templates, the templates
    shipped with the program. A folder that is given is kept, there or not; so is a
    ./templates that is there but is no folder (a file, a link to a share not connected):
    someone meant the municipality's templates to be there, and ready_to_start and check
    say it, rather than letters going out on the shipped templates without a word."""
    if not settings.templates_given and not os.path.lexists(settings.paths.templates):
        settings.paths.templates = bundled.folder("templates")


def templates_not_a_folder(settings: Settings, section: str, t: Tekst) -> str | None:
    """What run and watch ([sammendrag]) or check ([sjekk]) say of a templates folder that
    is not a folder, or None when it is one: the setting's line when it is given (not there,
    or a file), else that it is not, so the program looks for the templates at ./templates
    beside the configuration (a file there, or a link leading nowhere)."""
    folder = settings.paths.templates
    if folder.is_dir():
        return None
    if settings.templates_given:
        key = "malmappe_fil" if folder.is_file() else "malmappe_mangler"
        return t(f"{section}.{key}", mappe=folder, hvor=setting_said(settings, "templates", t))
    key = "malmappe_lenke_standard" if folder.is_symlink() else "malmappe_fil_standard"
    return t(f"{section}.{key}", mappe=folder, grunn=not_set(settings, "templates", section, t))


def inbox_not_there(settings: Settings, section: str, t: Tekst) -> str:
    """What run and watch ([sammendrag]) or check ([sjekk]) say of an inbox that is not
    there: given with --inbox, given in the configuration (its line), or left out, so the
    program looks at ./inbox beside the configuration (or, with none, where it runs). A
    file there (or a link leading nowhere) is said as such: «Lag mappen» would not do."""
    folder = settings.paths.inbox
    if os.path.lexists(folder):  # a file there (an export given as the inbox, say)
        return t(f"{section}.innboks_fil_valg" if settings.inbox_option
                 else f"{section}.innboks_fil", mappe=folder)
    if settings.inbox_option:
        return t(f"{section}.innboks_mangler_valg", mappe=folder)
    if settings.inbox_given:
        return t(f"{section}.innboks_mangler", mappe=folder,
                 hvor=setting_said(settings, "inbox", t))
    return t(f"{section}.innboks_mangler_standard", mappe=folder,
             grunn=not_set(settings, "inbox", section, t))


def templates_folder_or_stop(settings: Settings, t: Tekst) -> None:
    """The commands that read the templates folder without processing the inbox (preview,
    templates check and fields) stop as check says it, when it is not a folder (a file, a
    link leading nowhere, a [paths] templates that is not there): not a «template not
    found» of their own, nor a look at the templates shipped with the program."""
    if (said := templates_not_a_folder(settings, "sjekk", t)) is not None:
        raise UsageError(said[:1].upper() + said[1:])


def ready_to_start(settings: Settings, accept_config: bool = False) -> None:
    """run and watch stop before any file is taken from the inbox, in the standard of the
    service's messages, when the inbox is not there or a [paths] templates that is given is
    not a folder (not there, or a file), or when ./templates is there but is no folder with
    the line left out (templates_not_a_folder). Falling back to the bundled templates would
    send families letters without the municipality's letterhead, and `check` calls it an
    error too. So they do when a [paths] mappings that is given is not a folder (a
    misspelling, a mapping file named instead of its folder; ./mappings left out but there
    as a file too), or reads no mapping file while it holds files meant as ones, or (given,
    or ./mappings with the line left out) holds only ones that each fail to load
    (broken_mapping_files): every export read with a mapping file would be set aside as
    unreadable. Left out, or an empty folder, is a service that reads only the built-in
    formats (SSB exports, canonical JSON, the minutes), and starts. So they stop when the
    state folder was used with another configuration (store/used_with.py). When they start,
    they say on stderr what check warns of in the settings themselves (config.warnings),
    each as an ADVARSEL line, and go on."""
    t = tekst(settings.messages_malform)
    if not settings.paths.inbox.is_dir():
        raise UsageError(inbox_not_there(settings, "sammendrag", t))
    if (templates := templates_not_a_folder(settings, "sammendrag", t)) is not None:
        raise UsageError(templates)
    mappings = settings.paths.mappings
    if mappings.is_file():
        # Given, or left out with ./mappings a file: not a service of built-in formats only
        # (it would keep no ./mappings, or an empty folder), but mapping files misplaced.
        raise UsageError(mappings_a_file(settings, "sammendrag", t))
    if settings.mappings_given and not mappings.is_dir():
        raise UsageError(t("sammendrag.mappingmappe_mangler", mappe=mappings,
                           hvor=setting_said(settings, "mappings", t),
                           forslag=folder_meant(mappings, t)))
    if settings.mappings_given and mapping_files_not_read(mappings):
        raise UsageError(t("sammendrag.mappingmappe_ingen_lest", mappe=mappings,
                           hvor=setting_said(settings, "mappings", t)))
    broken_mapping_files(settings, t)
    unneeded = used_with.same_configuration(settings, accept_config)
    for said in config_module.warnings(settings):  # as check says them; the run goes on
        print(f"{t('sammendrag.advarsel')} {said}", file=sys.stderr)
    if unneeded:
        print(t("sammendrag.konfig_godtatt_unodig", mappe=settings.paths.state),
              file=sys.stderr)


def broken_mapping_files(settings: Settings, t: Tekst) -> None:
    """Mapping files left out for their errors. When every one in the mappings folder is (a
    folder of files that load, none), run and watch stop as for a folder that is not there:
    every export read with a mapping file would be set aside. So they do with [paths]
    mappings left out and ./mappings holding only broken files: whoever put them there
    meant them to be read (a service of the built-in formats only keeps no ./mappings, or an
    empty one), and starting on the built-in adapters alone set every such export aside
    with no more than a warning. The files are named, each with its first error (check
    lists them all). With one that loads, they start, and a warning names the others: the
    exports only those read are set aside."""
    from ..adapters.mapping.spec import load_folder  # jsonschema: only where mappings are

    folder = settings.paths.mappings
    if not folder.is_dir():
        return
    try:
        good, problems = load_folder(folder)
    except OSError:
        return  # the pipeline meets it as it collects the adapters, and says so
    first: dict[str, str] = {}
    for problem in problems:
        if not problem.warning:
            first.setdefault(problem.file.name, problem.said(t))
    if not first:
        return
    if not good:
        filer = "\n".join(f"  {said}" for said in first.values())
        if settings.mappings_given:
            said = t("sammendrag.mappingfiler_alle_feil", mappe=folder, filer=filer,
                     hvor=setting_said(settings, "mappings", t))
        else:
            said = t("sammendrag.mappingfiler_alle_feil_standard", mappe=folder, filer=filer,
                     grunn=not_set(settings, "mappings", "sammendrag", t))
        raise MappingFilesBroken(said, sorted(first))
    names = ", ".join(sorted(first))
    print(f"{t('sammendrag.advarsel')} " + t(
        "sammendrag.mappingfil_feil" if len(first) == 1 else "sammendrag.mappingfiler_feil",
        filer=names), file=sys.stderr)


def mappings_a_file(settings: Settings, section: str, t: Tekst) -> str:
    """What run and watch ([sammendrag]) or check ([sjekk]) say of a mappings folder that is
    a file: the setting's line when it is given, else that it is not, so the program looks
    for the mapping files at ./mappings beside the configuration."""
    folder = settings.paths.mappings
    if settings.mappings_given:
        return t(f"{section}.mappingmappe_fil", mappe=folder,
                 hvor=setting_said(settings, "mappings", t))
    return t(f"{section}.mappingmappe_fil_standard", mappe=folder,
             grunn=not_set(settings, "mappings", section, t))


def config_name(settings: Settings) -> str:
    """The configuration file's name as a message gives it (omsorgspakke.toml without one)."""
    return settings.source.name if settings.source else config_module.CONFIG_NAME


def config_sought() -> Path:
    """Where the configuration file would be when none is given or found: beside where the
    command runs (config.load looks there)."""
    return Path.cwd() / config_module.CONFIG_NAME


def not_set(settings: Settings, name: str, section: str, t: Tekst) -> str:
    """Why the program looks for a folder where it does ([sammendrag] says it after «fordi»,
    [sjekk] on its own): «templates er ikke satt under [paths] i omsorgspakke.toml», or,
    with no configuration file at all, that there is none (named where it would be) and the
    defaults are used: «… ikke satt under [paths] i omsorgspakke.toml» named a file that
    was not there."""
    if settings.source is None:
        return t(f"{section}.ingen_konfigfil", fil=config_sought())
    return t(f"{section}.ikke_satt", navn=name, konfig=config_name(settings))


def setting_said(settings: Settings, name: str, t: Tekst) -> str:
    """«mappings under [paths] i omsorgspakke.toml, linje 3»: the setting a folder's error
    is about, with its line as a syntax error gives one (config.setting_line)."""
    config = config_name(settings)
    line = config_module.setting_line(settings.source, "paths", name)
    if line is None:
        return t("sammendrag.innstilling", navn=name, konfig=config)
    return t("sammendrag.innstilling_linje", navn=name, konfig=config, linje=line)


def folder_meant(folder: Path, t: Tekst) -> str:
    """« Meinte du «mappings»?» when a folder beside it has a name close to the one given."""
    try:
        beside = [p.name for p in folder.parent.iterdir() if p.is_dir()]
    except OSError:
        return ""
    close = get_close_matches(folder.name, beside, n=1, cutoff=0.7)
    return " " + t("sjekk.mente_du", navn=close[0]) if close else ""


def mapping_files_not_read(folder: Path) -> bool:
    """Whether a mappings folder reads no mapping file while it holds files meant as ones:
    a file Notepad saved as x.toml.txt, one ending in .TOML, a *.toml in a folder below
    (only *.toml right in the folder is read, spec.load_folder). An empty folder is not
    this: a service that reads only the built-in formats may keep one."""
    try:
        if any(folder.glob("*.toml")):
            return False
        return any(p.name.lower().endswith((".toml", ".toml.txt"))
                   for p in folder.rglob("*") if p.is_file())
    except OSError:
        return False


def plugin_manager(args):
    """The command's one plugin manager (cli.py), or the error that kept it from loading."""
    if getattr(args, "plugin_problem", None) is not None:
        raise args.plugin_problem
    return args.plugins


def process_inbox(settings: Settings, pm, today: date, as_json: bool, pdf: bool = False,
                  accept_config: bool = False) -> int:
    ready_to_start(settings, accept_config)
    progress = None if as_json else (lambda message: print(message, file=sys.stderr))
    copies = enable_pdf(pm, pdf, settings=settings)
    with logs.to_file(settings):
        # Opened inside: the adapters are collected as it opens, and a mapping file left
        # out for its errors (event mapping_broken) goes to the log file, not only the console.
        summary = Pipeline(settings, pm, progress).run(today)
    if as_json:
        extra = {"pdf": copies.result.as_json()} if copies else {}
        print(json.dumps({**summary.as_json(tekst(settings.messages_malform)), **extra},
                         ensure_ascii=False, indent=2))
    else:
        print(human_summary(summary, settings)
              + (f"\n{copies.result.message(tekst(settings.messages_malform))}" if copies else ""))
    return max(summary.exit_code, 1 if copies and copies.result.failed else 0)


def enable_pdf(pm, wanted: bool, report=None, *,
               settings: Settings | None = None) -> pdf_module.Copies | None:
    """--pdf, for run and watch alike: LibreOffice is looked for before anything is processed,
    then every batch ends with PDF/A copies of its new and changed documents, in one call.
    Without LibreOffice it stops in the standard of the service's messages."""
    if not wanted:
        return None
    found = pdf_module.find_soffice()
    if found is None:
        said = tekst(settings.messages_malform) if settings else tekst()
        raise UsageError(said("pdf.ikke_installert"))
    copies = pdf_module.Copies(found, report)
    pm.register(copies, name="pdf")
    return copies


def human_summary(summary: Summary, settings: Settings) -> str:
    """The summary at the end of run and watch, in the standard of the service's messages
    (Settings.messages_malform), as the notes beside failed files are."""
    t = tekst(settings.messages_malform)
    from_exports = summary.documents_written - summary.documents_refreshed
    lines = [
        "",
        # Files read again with the same content are said here too: «0 filer behandlet»
        # alone, after «Behandler fil 1 av 2», read as if nothing had worked.
        t("sammendrag.ferdig_duplikat", filer=_count(t, summary.files_ok, "fil"),
          like=summary.duplicates, feilet=summary.files_failed) if summary.duplicates else
        t("sammendrag.ferdig", filer=_count(t, summary.files_ok, "fil"),
          feilet=summary.files_failed),
        # A case read again with nothing new is said as unchanged, not as one that «fikk
        # dokumenter» (a re-export of two cases where one changed said «2 saker»).
        t("sammendrag.saker_uendret", saker=_count(t, summary.cases - summary.cases_unchanged,
                                                   "sak"),
          dokumenter=_count(t, from_exports, "dokument"),
          uendret=_count(t, summary.cases_unchanged, "sak"),
          hoppet=_count(t, summary.cases_skipped, "sak")) if summary.cases_unchanged else
        t("sammendrag.saker_laget", saker=_count(t, summary.cases, "sak"),
          dokumenter=_count(t, from_exports, "dokument"),
          hoppet=_count(t, summary.cases_skipped, "sak")),
    ]
    lines += [t("sammendrag.hoppet_over", sak=_which(s, t), grunn=t.said(s["grunn"] or ""))
              for s in summary.skipped]
    # A case whose year is over gets no letter, only its documents made once more to say
    # so: not «brev og referater som nå er innen rekkevidde».
    if summary.cases_refreshed > summary.cases_after_end:
        lines.append(t("sammendrag.oppfrisket", saker=_count(
            t, summary.cases_refreshed - summary.cases_after_end, "sak"), dokumenter=_count(
            t, summary.documents_refreshed - summary.documents_after_end, "dokument")))
    if summary.cases_after_end:
        lines.append(t("sammendrag.oppfrisket_slutt",
                       saker=_count(t, summary.cases_after_end, "sak"),
                       dokumenter=_count(t, summary.documents_after_end, "dokument")))
    if summary.conflicts:
        lines.append(t("sammendrag.avvik", fil=CONFLICT_NOTE,
                       opplysninger=_count(t, summary.conflicts, "opplysning")))
    lines += [t("sammendrag.sjekk", sak=_which(s, t), grunn=t.said(s["grunn"] or ""))
              for s in summary.flagged]
    if summary.files_failed:
        lines.append(t("sammendrag.se_feil", mappe=settings.paths.failed))
    lines += watch_lines(summary, t)
    return "\n".join(lines)


def _count(t: Tekst, number: int, noun: str) -> str:
    """"1 fil", "3 filer"; "3 dokument" in nynorsk: the catalogue's singular and plural."""
    return count(number, t(f"sammendrag.{noun}"), t(f"sammendrag.{PLURAL[noun]}"))


PLURAL = {"fil": "filer", "sak": "saker", "dokument": "dokumenter",
          "opplysning": "opplysninger"}


def _which(entry: dict, t: Tekst) -> str:
    """A case as staff can find it: its journal number, else its pseudonym."""
    if entry.get("journalnummer"):
        return t("sammendrag.sak_nr", journalnummer=entry["journalnummer"])
    return entry["sak"]


def watch_lines(summary: Summary, t: Tekst) -> list[str]:
    """Duplicates, retries and documents kept because someone changed them."""
    lines = []
    if summary.duplicates:
        lines.append(t("sammendrag.duplikat", filer=_count(t, summary.duplicates, "fil")))
    if summary.retrying:
        lines.append(t("sammendrag.venter", filer=_count(t, len(summary.retrying), "fil")))
        lines += [t("sammendrag.venter_fil", fil=ref, grunn=t.said(why))
                  for ref, why in summary.retrying.items()]
    if summary.new_versions:
        lines.append(t("sammendrag.ny_versjon",
                       dokumenter=_count(t, len(summary.new_versions), "dokument")))
        lines += [f"  {n['sak']}: {n['dokument']}" for n in summary.new_versions]
    return lines
