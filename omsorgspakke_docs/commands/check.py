"""omsorgspakke check: configuration, mapping files, plugins and templates, before they go live.

Every problem is printed as one line that names the file (and for mapping files the line and
the key) and says what is wrong. Exit codes: 0 all good (warnings allowed), 1 problems found.
Only --sample reads an export (adapters/mapping/sample.py), and it prints rows, columns and
mapping keys, never a value.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from .. import config as config_module
from ..adapters.mapping import adapter as mapping_adapters
from ..adapters.mapping.sample import check_sample
from ..domain import programme
from ..errors import InputError
from ..hookspecs import hookimpl
from ..intake.detect import adapters as registered_adapters
from ..intake.detect import sample
from ..logs import LOG_NAME
from ..plugins import collect, collect_filters, manager_for, plugin_failure
from ..rendering import pdf, template_folders
from ..rendering import template_lock as templatelock
from ..rendering.renderer import Renderer, TemplateError
from ..text import MALFORMER
from ..wording import count
from . import malform_check
from .common import add_config_option, exit_codes, templates_or_bundled

ADAPTER_PARTS = ("name", "description", "claims", "read")


class Report:
    def __init__(self):
        self.errors = 0

    def ok(self, text: str) -> None:
        print(f"OK        {text}")

    def warn(self, text: str) -> None:
        print(f"ADVARSEL  {text}")

    def error(self, text: str) -> None:
        self.errors += 1
        print(f"FEIL      {text}")


class _PrintedByCheck(logging.Filter):
    """check prints each mapping file's problems as a FEIL or ADVARSEL line of its own; the
    same problems logged while the adapters are registered would repeat them on stderr."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "event", "") not in {"mapping_broken", "mapping_warning"}


def check(args) -> int:
    quiet = _PrintedByCheck()
    logging.getLogger(LOG_NAME).addFilter(quiet)
    try:
        return _check(args)
    finally:
        logging.getLogger(LOG_NAME).removeFilter(quiet)


def _check(args) -> int:
    report = Report()
    settings = _configuration(args, report)
    if settings is not None:
        _mappings(settings.paths.mappings, report)
        pm = _plugins(settings, report)
        if pm is not None and _programmes(settings, report):
            _templates(settings, pm, report)
        _archive(settings, report)
        if pm is not None and args.sample is not None:
            _sample(pm, settings, args.sample, report)
    print()
    if report.errors:
        print(f"Fant {report.errors} feil. Rett det som står som FEIL, og kjør "
              "«omsorgspakke check» på nytt.")
        return 1
    print("Alt er i orden.")
    return 0


def _archive(settings, report: Report) -> None:
    """[archive] enabled: LibreOffice is needed for the PDF/A copy in every package."""
    archive = settings.archive
    if not archive.enabled:
        return
    if not (archive.soffice or pdf.find_soffice()):
        report.error("[archive] enabled = true, men " + pdf.NOT_INSTALLED)
        return
    report.ok(f"Arkivpakker skrives til {archive.folder} (Fiks Arkiv, arkivmelding V1).")


def _configuration(args, report: Report):
    try:
        settings = config_module.load(args.config)
    except config_module.ConfigError as exc:
        report.error(str(exc))
        return None
    where = settings.source.name if settings.source else "standardinnstillinger (ingen fil)"
    report.ok(f"konfigurasjon: {where}")
    if not settings.paths.inbox.is_dir():
        report.error(f"innboksen {settings.paths.inbox} finnes ikke, så «run» og «watch» "
                     "stopper. Lag mappen, eller rett inbox under [paths].")
    _volumes(settings, report)
    return settings


def _volumes(settings, report: Report) -> None:
    """A warning when archive or failed is on another disk or share than the inbox: a file
    is then copied and deleted instead of moved in one step (slower, and more that can go
    wrong when the share drops in between)."""
    inbox = volume(settings.paths.inbox)
    for name in ("archive", "failed"):
        folder = getattr(settings.paths, name)
        if volume(folder) != inbox:
            report.warn(f"{name} ({folder}) ligger på en annen disk eller delt mappe enn inbox "
                        f"({settings.paths.inbox}). Filene flyttes da ikke i ett steg, men "
                        f"kopieres og slettes; legg helst {name} på samme sted som inbox.")


def volume(path: Path) -> tuple[str, int]:
    """The drive or share (Windows) and device of the folder, or of its nearest existing
    parent when it is not made yet."""
    path = Path(os.path.abspath(path))
    existing = next((p for p in (path, *path.parents) if p.exists()), path.anchor)
    drive = os.path.splitdrive(str(path))[0].casefold()
    return drive, os.stat(existing).st_dev


def _mappings(folder, report: Report) -> None:
    found = mapping_adapters.MappingAdapters(folder)
    if not folder.is_dir():
        report.warn(f"mappingmappen {folder} finnes ikke; bare de innebygde formatene kan leses.")
    for problem in found.problems:
        (report.warn if problem.warning else report.error)(f"mappingfil {problem}")
    for mapping in found.mappings:
        report.ok(f"mappingfil {mapping.file.name}: «{mapping.name}» ({mapping.format})")
    if folder.is_dir() and not found.mappings and not found.problems:
        report.warn(f"mappingmappen {folder} har ingen mappingfiler (*.toml).")


def _plugins(settings, report: Report):
    """The plugin manager with every adapter registered; None when the plugins fail to load."""
    try:
        pm = manager_for(settings)
    except Exception as exc:  # noqa: BLE001 - any plugin failure is reported, not raised
        report.error(f"programtillegg: {exc}")
        return None
    local = [name for name in pm.list_name_plugin() if name[0].startswith("plugins/")]
    for name, _ in local:
        report.ok(f"programtillegg {name}")
    _adapters(registered_adapters(pm, settings), report)
    return pm


def _programmes(settings, report: Report) -> bool:
    """The [programme] files load, in both standards: the templates are checked with them."""
    problems = []
    for malform in MALFORMER:
        try:
            programme.for_malform(settings, malform)
        except config_module.ConfigError as exc:
            if str(exc) not in problems:
                problems.append(str(exc))
    for problem in problems:
        report.error(f"programfil: {problem}")
    return not problems


def _templates(settings, pm, report: Report) -> None:
    """Every template the document kinds use is there, approved if there is a lock, and passes
    the same check as «omsorgspakke templates check» (which shows the details)."""
    templates_or_bundled(settings)  # as run and watch: the shipped ones when not given
    folder = settings.paths.templates
    if not folder.is_dir():
        report.error(f"malmappen {folder} (templates under [paths]) finnes ikke, så «run» og "
                     "«watch» starter ikke. Rett stien, eller fjern linjen for å bruke malene "
                     "som følger med programmet.")
        return
    try:
        renderer = Renderer(folder, collect_filters(pm),
                            lock=templatelock.load(settings.template_lock))
        templatelock.verify_all(renderer, collect(pm, "register_document_kinds"))
    except TemplateError as exc:
        report.error(f"maler: {exc}")
        return
    found, bad = 0, False
    wanted: set[str] = set()
    for _malform, folder_checked, documents, results in malform_check.by_standard(
            settings, pm, renderer.env):
        wanted |= set(documents)
        found += len(results)
        for name in sorted(set(documents) - template_folders.names(folder)):
            report.error(f"mal {name}: finnes ikke i {folder}.")
            bad = True
        for name, problems in results.items():
            if problems:
                bad = True
                report.error(f"mal {folder_checked.name}/{name}: "
                             f"{count(len(problems), 'problem', 'problemer')}; se «omsorgspakke "
                             "templates check» for hva som må rettes.")
    for line in template_folders.fallbacks(folder, wanted):
        report.warn(f"maler: {line}")
    for line in malform_check.problems(settings, folder):
        bad = True
        report.error(line)
    for line in malform_check.programme_fallbacks(settings):
        report.warn(line)
    if not bad:
        report.ok(f"maler: {count(found, 'mal', 'maler')} i {folder} (bokmål og nynorsk), "
                  "ingen problemer")


def _sample(pm, settings, path: Path, report: Report) -> None:
    """A real export read as a run would, every problem reported; no value is printed."""
    if not path.is_file():
        report.error(f"prøvefilen {path} finnes ikke.")
        return
    try:
        _sample_read(pm, settings, path, report)
    except InputError as exc:  # what a run's note would say
        report.error(f"prøvefil: {exc}")
    except Exception as exc:  # noqa: BLE001 - a plugin's bug is reported, never raised
        report.error(f"prøvefil: {plugin_failure(exc, settings.paths.plugins)}")


def _sample_read(pm, settings, path: Path, report: Report) -> None:
    found = registered_adapters(pm, settings)
    head = sample(path)
    adapter = pm.hook.detect_adapter(sample=head, adapters=found)
    if adapter is None:
        report.error("prøvefil: ingen adapter kjenner den igjen.")
        for candidate in found:
            for note in mapping_adapters.why_not(candidate, head):
                report.error(f"prøvefil, mappingen «{candidate.name}»: {note}.")
        return
    report.ok(f"prøvefil: kjennes igjen av {adapter.name}")
    if isinstance(adapter, mapping_adapters.MappingAdapter):
        findings = check_sample(adapter, path)
        for finding in findings:
            say = report.error if finding.error else report.warn if finding.warning else report.ok
            say(f"prøvefil: {finding.text}.")
        if any(f.error for f in findings):
            return
    try:
        cases = sum(1 for _ in adapter.read(path))
    except InputError as exc:
        report.error(f"prøvefil: {exc}")
        return
    report.ok(f"prøvefil: {count(cases, 'sak', 'saker')} lest")


def _adapters(found: list, report: Report) -> None:
    names: set[str] = set()
    for adapter in found:
        label = getattr(adapter, "name", type(adapter).__name__)
        missing = [part for part in ADAPTER_PARTS if not hasattr(adapter, part)]
        if missing:
            report.error(f"adapter {label}: mangler {', '.join(missing)}.")
        elif label in names:
            report.error(f"adapter {label}: navnet er brukt av en annen adapter.")
        names.add(label)
    report.ok(f"{len(found)} adaptere: {', '.join(sorted(names))}")


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "check", help="kontroller konfigurasjon, mappingfiler, programtillegg og maler",
        description="Kontrollerer konfigurasjonsfilen, alle mappingfiler i mappings/, "
                    "programtilleggene i plugins/ og malene (med mallåsen, om den er slått "
                    "på), og forteller hva som eventuelt må rettes. Med --sample prøves "
                    "mappingene på en ekte eksport."
                    + exit_codes("0 når alt er i orden (advarsler er lov)",
                                 "1 når noe må rettes"),
    )
    add_config_option(parser)
    parser.add_argument("--sample", type=Path, metavar="FIL",
                        help="prøv mappingene på en ekte eksport: kolonner som mangler, datoer "
                             "og verdier som ikke kan leses, tegnkoding (viser ingen "
                             "personopplysninger)")
    parser.set_defaults(func=check)
