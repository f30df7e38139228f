"""omsorgspakke check: configuration, mapping files, plugins and templates, before they go live.

Every problem is printed as one line that names the file (and for mapping files the line and
the key) and says what is wrong, also a state folder used with another configuration that
run and watch would stop for (store/used_with.py). Exit codes: 0 all good (warnings allowed),
1 problems found. Only --sample reads an export (adapters/mapping/sample.py), and it prints
rows, columns and mapping keys, never a value.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import secrets
import tomllib
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .. import config as config_module
from ..adapters.mapping import adapter as mapping_adapters
from ..adapters.mapping import kommunenummer
from ..adapters.mapping.sample import check_sample
from ..adapters.mapping.spec import looks_for_all_of, reads_alike
from ..domain import idnumber, programme, qualify
from ..domain.model import Case
from ..errors import InputError, disk_full, reason
from ..hookspecs import hookimpl
from ..intake.detect import adapters as registered_adapters
from ..intake.detect import mismatch_in_standard, not_an_export, renamed_column_hint, sample
from ..logs import LOG_NAME
from ..plugins import (
    DEFAULT_PLUGINS,
    collect,
    collect_filters,
    make_manager,
    manager_for,
    plugin_failure,
)
from ..rendering import pdf, template_folders
from ..rendering import template_lock as templatelock
from ..rendering.context import CONTACT_KEYS, configured_name
from ..rendering.renderer import Renderer, TemplateError
from ..store import used_with
from ..store.commit import TEMP_PREFIX, NotAFile, read_state_file
from ..store.state import KEY_FILE
from ..text import DEFAULT, MALFORMER, Tekst, tekst
from . import malform_check
from .common import (
    add_config_option,
    config_sought,
    exit_codes,
    folder_meant,
    inbox_not_there,
    mapping_files_not_read,
    mappings_a_file,
    not_set,
    parse_date,
    setting_said,
    templates_not_a_folder,
    templates_or_bundled,
)

ADAPTER_PARTS = ("name", "description", "claims", "read")


class Report:
    """check's lines, in the standard of the service's messages (Settings.messages_malform)
    once the configuration has told it; bokmål before."""

    def __init__(self) -> None:
        self.errors = 0
        self.warnings = 0
        self.t: Tekst = tekst(DEFAULT)

    def ok(self, text: str) -> None:
        self._line("sjekk.ok", text)

    def note(self, text: str) -> None:
        """A line that is neither a finding nor a pass: what the rest of the check does
        after an error (an «OK» there read as if all were well)."""
        self._line("sjekk.merk", text)

    def warn(self, text: str) -> None:
        self.warnings += 1
        self._line("sammendrag.advarsel", text)

    def error(self, text: str) -> None:
        self.errors += 1
        self._line("sammendrag.feil", text)

    def _line(self, label: str, text: str) -> None:
        print(f"{self.t(label):<10}{text}")


class _PrintedByCheck(logging.Filter):
    """check prints each mapping file's problems as a FEIL or ADVARSEL line of its own; the
    same problems logged while the adapters are registered would repeat them on stderr. So
    does --sample with the rows no [[personer]] rule takes: «ADVARSEL mappingen …», unaligned,
    under check's own line saying the same."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "event", "") not in {"mapping_broken", "mapping_warning",
                                                    "mapping_rows_unmatched"}


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
        _mappings(settings, report)
        pm = _plugins(settings, report)
        if pm is not None and _programmes(settings, report):
            _templates(settings, pm, report)
        _archive(settings, report)
        if pm is not None and args.sample is not None:
            _sample(pm, settings, args.sample, report, args.today or date.today())
    print()
    if report.errors:
        print(report.t("sjekk.fant_feil", antall=report.errors))
        return 1
    # After a warning, not «Alt er i orden» (helper 108): nothing stops, but look.
    warned = report.t.count(report.warnings, "advarsel")
    print(report.t("sjekk.i_orden_advarsler", antall=warned) if report.warnings
          else report.t("sjekk.i_orden"))
    return 0


def _archive(settings, report: Report) -> None:
    """[archive] enabled: LibreOffice is needed for the PDF/A copy in every package."""
    archive = settings.archive
    if not archive.enabled:
        return
    if not (archive.soffice or pdf.find_soffice()):
        report.error(report.t("sjekk.arkiv_uten_libreoffice",
                              grunn=report.t("pdf.ikke_installert")))
        return
    report.ok(report.t("sjekk.arkivpakker", mappe=archive.folder))


def _configuration(args, report: Report):
    try:
        settings = config_module.load(args.config)
    except config_module.ConfigError as exc:
        report.t = tekst(exc.malform)
        report.error(str(exc))
        return None
    t = report.t = tekst(settings.messages_malform)
    where = settings.source.name if settings.source else t("sjekk.ingen_konfig",
                                                           fil=config_sought())
    report.ok(t("sjekk.konfig", fil=where))
    if not settings.paths.inbox.is_dir():
        report.error(inbox_not_there(settings, "sjekk", t))
    _volumes(settings, report)
    _service(settings, report)
    for said in config_module.warnings(settings):
        report.warn(said)
    if _state_folder(settings.paths.state, report):
        _used_with(settings, report)
    _working_folders(settings, report)
    return settings


def _state_folder(state: Path, report: Report) -> bool:
    """An error when the state folder is there but the account running check cannot list it
    or a folder in it, write in them, or read the pseudonym key: run and watch would stop
    at their first run (a folder made by an administrator's account, say, with the service
    running as another), and staff would find out then. Tried for real, a temporary file
    written and removed in each folder: a permission, an access list, a read-only share and
    a full disk all stop that alike. Names the state folder and the place in it only (files
    there are named by pseudonyms). Whether the folder can be read (the rest of check reads
    it); a folder not there yet is made by the first run.

    check is often run by IT as another account than the service's: the line says it is the
    account running check that cannot, and that the service stops if its account cannot
    either. A read-only or full disk stops every account alike: then no account is named,
    nor rights asked for (errors.reason says what to do)."""
    if not state.is_dir():
        return True
    t = report.t
    problem = None
    try:
        folders = [(t("sjekk.tilstand_mappen"), state)] + [
            (t("sjekk.tilstand_undermappe", navn=p.name), p) for p in sorted(state.iterdir())
            if p.is_dir() and not p.is_symlink()]
    except OSError as exc:
        problem = (t("sjekk.tilstand_lese"), t("sjekk.tilstand_mappen"), exc)
        folders = []
    for where, folder in folders:
        if (failed := _try_using(folder)) is not None:
            problem = (t(failed[0]), where, failed[1])
            break
    key = state / KEY_FILE
    if problem is None and os.path.lexists(key):
        try:  # (a pipe or a link in its place: never waited on nor followed)
            read_state_file(key)
        except NotAFile:  # as run and watch will say it, stopping (store/state.py)
            report.error(t("bruksfeil.nokkel", fil=KEY_FILE, mappe=state,
                           hva=t("bruksfeil_ord.ikke_fil")))
            return False
        except OSError as exc:
            problem = (t("sjekk.tilstand_lese"), t("sjekk.tilstand_nokkel", navn=KEY_FILE), exc)
    if problem is None:
        return True
    what, where, error = problem
    anyone = error.errno == errno.EROFS or disk_full(error)
    report.error(t("sjekk.tilstand_for_alle" if anyone else "sjekk.tilstand_ingen_tilgang",
                   mappe=state, hva=what, sted=where, grunn=t.said(reason(error))))
    return False


WORKING_FOLDERS = (("inbox", "sjekk.bruk_inbox"), ("outbox", "sjekk.bruk_outbox"),
                   ("archive", "sjekk.bruk_archive"), ("failed", "sjekk.bruk_failed"))
"""The folders under [paths] a run writes in besides the state folder (_state_folder), each
with what the run could not do without it."""


def _working_folders(settings, report: Report) -> None:
    """An error for each folder a run writes in that the account running check cannot list or
    write in, tried as the state folder is (_try_using): the folders under [paths], a log
    folder set outside the state folder, and the archive packages' folder when they are
    made. A run would set every export aside, or stop, and staff would find out then. A
    folder not there yet is made by the first run (the inbox's absence has its own line)."""
    t = report.t
    folders = [(f"[paths] {name}", getattr(settings.paths, name), what)
               for name, what in WORKING_FOLDERS]
    if settings.logs.folder is not None:
        folders.append(("[logs] folder", settings.logs.folder, "sjekk.bruk_logs"))
    if settings.archive.enabled:
        folders.append(("[archive] folder", settings.archive.folder, "sjekk.bruk_arkivpakker"))
    seen: set[Path] = set()
    for name, folder, what in folders:
        if folder in seen or not folder.is_dir():
            continue
        seen.add(folder)
        if (failed := _try_using(folder)) is None:
            continue
        verb, error = failed
        anyone = error.errno == errno.EROFS or disk_full(error)
        report.error(t("sjekk.mappe_for_alle" if anyone else "sjekk.mappe_ingen_tilgang",
                       navn=name, mappe=folder, hva=t(verb), bruk=t(what),
                       grunn=t.said(reason(error)),
                       gjor=t("sjekk.mappe_full_gjor") if disk_full(error) else ""))


def _try_using(folder: Path) -> tuple[str, OSError] | None:
    """What the account running check cannot do in folder (the text key of the verb, and
    the error), or None: list it, then write a temporary file and remove it. Removed also
    when check is interrupted meanwhile (Ctrl+C), and gone already is no error (a run's
    start clearing leftovers). One left by a check killed in between is a TEMP_PREFIX
    file, removed by the first run after a session that did not end as it should."""
    try:
        with os.scandir(folder) as entries:
            next(entries, None)
    except OSError as exc:
        return "sjekk.tilstand_lese", exc
    probe = folder / f"{TEMP_PREFIX}sjekk-{secrets.token_hex(6)}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                     | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        return "sjekk.tilstand_skrive", exc
    failed: OSError | None = None
    try:
        try:
            os.write(fd, b"omsorgspakke check\n")
        finally:
            os.close(fd)
    except OSError as exc:
        failed = exc
    finally:  # (also on the way out of an interrupted check: nothing of check's left)
        try:
            probe.unlink(missing_ok=True)
        except OSError as exc:  # made, but not to be removed: the run could not either
            failed = failed or exc
    return None if failed is None else ("sjekk.tilstand_skrive", failed)


def _used_with(settings, report: Report) -> None:
    """An error when the state folder was used with another configuration file (or none)
    and this one would change the cases' written standard, letterhead or templates: run and
    watch stop for it before taking a file (store/used_with.py), and «Alt er i orden» here
    read as if the service would start. Nothing is recorded: check changes nothing."""
    templates_or_bundled(settings)  # as run and watch
    other = used_with.other_configuration(settings)
    t = report.t
    if other is None:
        changed = used_with.changed_in_place(settings)
        if changed:  # the same file, changed: a run goes through and makes every letter again
            # The words (målforma, brevhovudet) in the check's standard; a field named as
            # the file names it («telefon under [service]») as it is.
            report.warn(t("sjekk.konfig_endret", konfig=settings.source or "",
                             endring=t.join([t(f"bruksfeil_ord.{word}")
                                             if word in ("malformen", "brevhodet") else word
                                             for word in changed])))
        return
    fields = {"mappe": settings.paths.state, "konfig": other.config, "ny": settings.source,
              "endring": t.join([t(f"bruksfeil_ord.{word}") for word in other.changed])}
    key = "sjekk.konfig_ny" if other.config is None else \
        "sjekk.konfig_borte" if settings.source is None else "sjekk.konfig_annen"
    report.error(t(key, **fields))


PLACEHOLDER = re.compile(r"\[[^\]]*\]")
"""«[kommune]», «[sted]»: what omsorgspakke.mal.toml (init) leaves for the municipality."""
INIT_VALUES = {"postnummer": "0000", "telefon": "00 00 00 00", "epost": "barnevern@kommune.no"}
"""The example values init's [service] has for these fields, as written there."""


def _service(settings, report: Report) -> None:
    """A warning for each letterhead with fields empty or as init left them: [service], and
    each [kommuner."NNNN"] for the fields it sets itself (the others are [service]'s).
    Not an error: an export may carry the service's own (canonical JSON's tjeneste), but
    where it does not (SSB), every letter shows «[mangler: …]» and Til utsending holds it
    back. A [service] that names the service but leaves out its address or phone is told
    that the letters take them from an export only where it names the same service; so is
    a [kommuner."NNNN"] naming a service other than [service]'s, which takes none of
    [service]'s address, phone or e-mail (config.letterhead_of)."""
    t = report.t
    tables: list[tuple[str, dict[str, str], tuple[str, ...], str | None]] = [
        ("[service]", settings.service, config_module.SERVICE_KEYS, None)]
    other = configured_name(settings.service.get("navn"))  # (None: still init's)
    for number, own in settings.kommuner.items():
        if config_module.shares_service(settings.service, own.service):
            tables.append((f'[kommuner."{number}"]', own.service, tuple(own.service), None))
        else:
            tables.append((f'[kommuner."{number}"]', own.service,
                           config_module.SERVICE_KEYS, other))
    for where, service, keys, other in tables:
        wanted = []
        for key in keys:
            value = service.get(key, "").strip()
            if not value:
                wanted.append(key)
            elif PLACEHOLDER.search(value) or value == INIT_VALUES.get(key):
                wanted.append(t("sjekk.tjeneste_som_i_malen", navn=key, verdi=value))
        if not wanted:
            continue
        # A name as init left it is no name yet: the letters show the export's (with its
        # address), so the fields are asked for as for any letterhead.
        name = configured_name(service.get("navn"))
        if where == "[service]" and name and any(
                not service.get(key, "").strip() for key in CONTACT_KEYS):
            # Its name is every letter's; an export's address only where the export names
            # the same service (rendering/context.service_of), never another's.
            report.warn(t("sjekk.tjeneste_adresse", hvor=where, felt=t.join(wanted),
                          navn=name))
        elif other and name and any(not service.get(key, "").strip() for key in CONTACT_KEYS):
            # A municipality's own service: [service]'s address is another service's.
            report.warn(t("sjekk.tjeneste_adresse_kommune", hvor=where, felt=t.join(wanted),
                          navn=name, annen=other))
        else:
            report.warn(t("sjekk.tjeneste_fyll_inn", hvor=where, felt=t.join(wanted)))
    _letterhead_standard(settings, report)


BOKMAL_IN_NAMES = {"tjenesten": "tenesta", "tjeneste": "teneste", "hjemmet": "heimen",
                   "hjem": "heim"}
"""Bokmål forms in a service's name and their nynorsk ones (Barnevernstjenesten ->
Barnevernstenesta): a nynorsk letter under a bokmål letterhead mixes the standards."""
BOKMAL_IN_NAME = re.compile("|".join(BOKMAL_IN_NAMES), re.IGNORECASE)


def _letterhead_standard(settings, report: Report) -> None:
    """A warning for a nynorsk letterhead (the [service] of a nynorsk service, or a nynorsk
    municipality's) whose name is written in bokmål: it stands in every letter's head,
    signature and meeting place, in sentences written in nynorsk."""
    heads = [("[service]", settings.malform, settings.service)]
    heads += [(f'[kommuner."{number}"]', own.malform, {**settings.service, **own.service})
              for number, own in settings.kommuner.items()]
    for where, malform, service in heads:
        name = service.get("navn", "").strip()
        found = BOKMAL_IN_NAME.search(name)
        if malform != "nynorsk" or found is None:
            continue
        nynorsk = BOKMAL_IN_NAME.sub(
            lambda m: _same_case(m.group(), BOKMAL_IN_NAMES[m.group().lower()]), name)
        report.warn(report.t("sjekk.navn_bokmal", hvor=where, verdi=name,
                             ord=found.group(), forslag=nynorsk))


def _same_case(written: str, word: str) -> str:
    return word[:1].upper() + word[1:] if written[:1].isupper() else word


def _volumes(settings, report: Report) -> None:
    """A warning when archive or failed is on another disk or share than the inbox: a file
    is then copied and deleted instead of moved in one step (slower, and more that can go
    wrong when the share drops in between)."""
    inbox = volume(settings.paths.inbox)
    for name in ("archive", "failed"):
        folder = getattr(settings.paths, name)
        if volume(folder) != inbox:
            report.warn(report.t("sjekk.annen_disk", navn=name, mappe=folder,
                                 innboks=settings.paths.inbox))


def volume(path: Path) -> tuple[str, int]:
    """The drive or share (Windows) and device of the folder, or of its nearest existing
    parent when it is not made yet."""
    path = Path(os.path.abspath(path))
    existing = next((p for p in (path, *path.parents) if p.exists()), path.anchor)
    drive = os.path.splitdrive(str(path))[0].casefold()
    return drive, os.stat(existing).st_dev


def _mappings(settings, report: Report) -> None:
    """Each mapping file, what is wrong in it, and the folder's files that are not read.

    A mappings folder that is not there is an error when [paths] mappings names it (a
    misspelling: run and watch refuse to start, commands/common.py ready_to_start), a
    warning when the line is left out. So is a folder named there that reads no mapping
    file but holds files meant as ones (x.toml.txt, x.TOML, a folder below). The built-in
    formats (the SSB exports, canonical JSON, the minutes) are read without a mapping file,
    so a service using only those needs no folder: it leaves the line out, or keeps the
    folder empty. A file where the folder should be (a mapping file named rather than its
    folder, or ./mappings with the line left out) is said as that, an error either way; so
    is a folder whose mapping files each fail to load, named there or ./mappings with the
    line left out (common.broken_mapping_files)."""
    folder, given = settings.paths.mappings, settings.mappings_given
    hvor = setting_said(settings, "mappings", report.t)  # the setting and its line
    found = mapping_adapters.MappingAdapters(folder)
    t = report.t
    if folder.is_file():  # left out with ./mappings a file too (common.ready_to_start)
        report.error(mappings_a_file(settings, "sjekk", t))
    elif not folder.is_dir() and given:
        report.error(t("sjekk.mappingmappe_feil", mappe=folder, hvor=hvor,
                       forslag=folder_meant(folder, t)))
    elif not folder.is_dir():
        report.warn(t("sjekk.mappingmappe_mangler", mappe=folder))
    for unread in _not_read(folder, t):
        report.warn(unread)
    none_read = given and folder.is_dir() and mapping_files_not_read(folder)
    if none_read:
        report.error(t("sjekk.mappingmappe_ingen_lest", mappe=folder, hvor=hvor))
    # A file that loads has its warnings said under its own line (below), not before it.
    loaded = {id(problem) for mapping in found.mappings for problem in mapping.warnings}
    for problem in found.problems:
        if id(problem) not in loaded:
            (report.warn if problem.warning else report.error)(f"mappingfil {problem.said(t)}")
    if folder.is_dir() and not found.mappings and any(not p.warning for p in found.problems):
        # Left out, ./mappings of broken files only stops run and watch too: said as plainly.
        report.error(t("sjekk.mappingfiler_alle_feil", mappe=folder, hvor=hvor) if given
                     else t("sjekk.mappingfiler_alle_feil_standard", mappe=folder,
                            grunn=not_set(settings, "mappings", "sjekk", t)))
    same = _same_recognition(found.mappings)
    for mapping in found.mappings:
        as_column = kommunenummer.number_as_column(mapping)
        warnings = [f"mappingfil {problem.said(t)}" for problem in mapping.warnings]
        if (line := kommunenummer.example_line(mapping)) is not None:
            warnings.append(f"mappingfil {kommunenummer.said(mapping, line, t)}")
        # A file that loads but has an error is said once, as FEIL (it said «OK» first); one
        # with warnings as usable, with how many follow («OK» alone read as nothing to do).
        if as_column is None and not any(mapping is m for pair in same for m in pair):
            report.ok(t("sjekk.mappingfil_advarsler", fil=mapping.file.name, navn=mapping.name,
                        format=mapping.format, advarsler=t.count(len(warnings), "advarsel"))
                      if warnings else
                      f"mappingfil {mapping.file.name}: «{mapping.name}» ({mapping.format})")
        for warning in warnings:
            report.warn(warning)
        if as_column is not None:
            # An error: every export read with the file is set aside (no such column).
            report.error(t("sjekk.kommunenummer_kolonne", fil=mapping.file.name,
                           linje=as_column.line, nokkel=as_column.key,
                           skrevet=as_column.written, nummer=as_column.number))
    _overlaps(found.mappings, report)
    if folder.is_dir() and not found.mappings and not found.problems and not none_read:
        report.warn(t("sjekk.ingen_mappingfiler", mappe=folder))  # the FEIL said it


def _not_read(folder: Path, t: Tekst) -> list[str]:
    """A line for each file in the mappings folder that looks meant as a mapping file but
    is not read (only *.toml right in the folder is, spec.load_folder), and what to do: one
    ending in .TOML (rename), one Notepad saved as x.toml.txt (rename), a *.toml in a
    folder below (move). Other files (a README, a backup x.toml.bak) are not named."""
    if not folder.is_dir():
        return []
    read = set(folder.glob("*.toml"))
    lines = []
    try:
        below = sorted(p for p in folder.rglob("*") if p.is_file() and p not in read)
    except OSError:
        return []
    for path in below:
        name = path.name
        shown = path.relative_to(folder).as_posix()
        if path.parent != folder:
            if name.lower().endswith((".toml", ".toml.txt")):
                lines.append(t("sjekk.mappingfil_undermappe", fil=shown, mappe=folder))
        elif name.lower().endswith(".toml.txt"):
            lines.append(t("sjekk.mappingfil_txt", fil=name, nytt=name[:-len(".txt")]))
        elif name.lower().endswith(".toml"):
            lines.append(t("sjekk.mappingfil_endelse", fil=name,
                           nytt=name[:-len(".toml")] + ".toml"))
    return lines


def _same_recognition(mappings: list) -> list[tuple]:
    """The pairs of mapping files that recognise the same files (an error, _overlaps)."""
    return [(a, b) for i, a in enumerate(mappings) for b in mappings[i + 1:]
            if reads_alike(a, b) and looks_for_all_of(a, b) and looks_for_all_of(b, a)]


def _overlaps(mappings: list, report: Report) -> None:
    """Mapping files that claim the same files: the same recognition is an error (a file
    both claim is set aside: intake/detect.py); one looking for more than another reads the
    files both claim, which is said, so that a new generic mapping taking no vendor's files
    from it is seen before it goes live."""
    t = report.t
    for i, a in enumerate(mappings):
        for b in mappings[i + 1:]:
            if not reads_alike(a, b):
                continue
            ab, ba = looks_for_all_of(a, b), looks_for_all_of(b, a)
            if ab and ba:
                report.error(t("sjekk.mapping_samme", a=a.file.name, b=b.file.name))
            elif ab or ba:
                wider, narrower = (a, b) if ab else (b, a)
                report.ok(t("sjekk.mapping_mer", mer=wider.file.name, mindre=narrower.file.name))


def _plugins(settings, report: Report):
    """The plugin manager with every adapter registered. When the local plugins fail to
    load, that is an error, and the rest of check goes on with the built-in adapters and the
    mapping files (a misspelt hook in one plugin stopped every other check); None only when
    even those fail."""
    try:
        pm = manager_for(settings)
    except Exception as exc:  # noqa: BLE001 - any plugin failure is reported, not raised
        report.error(f"programtillegg: {report.t.note(str(exc), 'programtillegg')}")
        pm = _built_in()
        if pm is None:
            return None
        report.note(report.t("sjekk.uten_programtillegg", mappe=settings.paths.plugins))
    local = [name for name in pm.list_name_plugin() if name[0].startswith("plugins/")]
    for name, _ in local:
        report.ok(f"programtillegg {name}")
    _adapters(registered_adapters(pm, settings), report)
    return pm


def _built_in():
    """The manager without the local plugins folder (and, if one of them fails too, without
    installed plugins): the built-in adapters and the mapping files."""
    for entry_points in (True, False):
        try:
            return make_manager(None, entry_points=entry_points)
        except Exception:  # noqa: BLE001, S112 - the plugin's error is already reported
            continue
    return None


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
        report.error(f"{report.t('sjekk.programfil')}: {problem}")
    if not problems:
        _unused_rewordings(settings, report)
    return not problems


def _unused_rewordings(settings, report: Report) -> None:
    """An [ordlyd_for] line of a programme file whose words (as they read now) stand in no
    theme's purpose nor question of that programme: it changes nothing (ADVARSEL), each
    file once, with the line it is on."""
    seen: set[Path] = set()
    for malform in MALFORMER:
        path = programme.source(settings, malform)
        if path in seen:
            continue
        seen.add(path)
        for words in programme.for_malform(settings, malform).unused_rewordings():
            report.warn(report.t("sjekk.ordlyd_for_ubrukt", fil=path.name,
                                 linje=_rewording_line(path, words), ord=words))


def _rewording_line(path: Path, words: str) -> str:
    """The line of the programme file's [ordlyd_for] table with these words as its key
    ("?" when not found so)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return "?"
    inside = False
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.split("#", 1)[0].strip() == "[ordlyd_for]"
            continue
        if inside and "=" in stripped:
            try:
                if words in tomllib.loads(stripped):
                    return str(number)
            except tomllib.TOMLDecodeError:
                continue
    return "?"


def _templates(settings, pm, report: Report) -> None:
    """Every template the document kinds use is there, approved if there is a lock, and passes
    the same check as «omsorgspakke templates check» (which shows the details)."""
    templates_or_bundled(settings)  # as run and watch: the shipped ones when not given
    folder = settings.paths.templates
    t = report.t
    if (said := templates_not_a_folder(settings, "sjekk", t)) is not None:
        report.error(said)  # not there, a file, or ./templates a file or a broken link
        return
    try:
        renderer = Renderer(folder, collect_filters(pm),
                            lock=templatelock.load(settings.template_lock))
        templatelock.verify_all(renderer, collect(pm, "register_document_kinds"))
    except TemplateError as exc:
        report.error(f"{t('sjekk.maler')}: {t.note(str(exc), 'malfeil')}")
        return
    found, bad = 0, False
    wanted: set[str] = set()
    for _malform, folder_checked, documents, results in malform_check.by_standard(
            settings, pm, renderer.env):
        wanted |= set(documents)
        found += len(results)
        for name in sorted(set(documents) - template_folders.names(folder)):
            report.error(t("sjekk.mal_mangler", mal=name, mappe=folder))
            bad = True
        for name, problems in results.items():
            if problems:
                bad = True
                report.error(t("sjekk.mal_problemer", mal=f"{folder_checked.name}/{name}",
                               problemer=t.count(len(problems), "problem")))
    for line in template_folders.fallbacks(folder, wanted, t):
        report.warn(f"{t('sjekk.maler')}: {line}")
    for line in malform_check.problems(settings, folder, t):
        bad = True
        report.error(line)
    for line in malform_check.programme_fallbacks(settings, t):
        report.warn(line)
    if not bad:
        report.ok(t("sjekk.maler_ok", maler=t.count(found, "mal"), mappe=folder))


def _sample(pm, settings, path: Path, report: Report, today: date) -> None:
    """A real export read as a run would, every problem reported; no value is printed."""
    t = report.t
    if not path.is_file():
        what = ("provefil_mappe" if path.is_dir() else "provefil_ikke_fil" if path.exists()
                else "provefil_mangler")  # a device, a pipe: there, but no export
        report.error(t(f"sjekk.{what}", fil=path))
        return
    try:
        _sample_read(pm, settings, path, report, today)
    except InputError as exc:  # what a run's note would say
        report.error(f"{t('sjekk.provefil')}: {t.note(str(exc))}")
    except Exception as exc:  # noqa: BLE001 - a plugin's bug is reported, never raised
        failure = plugin_failure(exc, settings.paths.plugins)
        report.error(f"{t('sjekk.provefil')}: {t.note(failure, 'programtillegg')}")


def _broken_mapping_files(settings) -> list[str]:
    """The mapping files left out for their errors (check lists each above)."""
    folder = settings.paths.mappings
    if not folder.is_dir():
        return []
    try:
        problems = mapping_adapters.MappingAdapters(folder).problems
    except OSError:
        return []
    return sorted({p.file.name for p in problems if not p.warning})


def _sample_read(pm, settings, path: Path, report: Report, today: date) -> None:
    found = registered_adapters(pm, settings)
    head = sample(path)
    adapter = pm.hook.detect_adapter(sample=head, adapters=found)
    t = report.t
    kind = "tom" if not head.head.strip() else not_an_export(head)
    if adapter is None and kind is not None:
        # Said as a run's note says it (an empty file, a PDF, an old .xls), not as a format
        # no mapping describes: it is not IT's mapping to fix.
        report.error(f"{t('sjekk.provefil')}: {t(f'feilmelding.{kind}')} "
                     f"{t(f'feilmelding.{kind}_gjore')}")
        return
    if adapter is None:
        report.error(t("sjekk.provefil_ukjent"))
        if broken := _broken_mapping_files(settings):
            # The mapping file IT just wrote may be the one, left out for an error above:
            # «ingen adapter kjenner den igjen» alone sent IT looking at the export.
            report.note(t("sjekk.provefil_ukjent_feilfil" if len(broken) == 1
                          else "sjekk.provefil_ukjent_feilfiler", filer=", ".join(broken)))
        for candidate in found:
            notes = mapping_adapters.why_not(candidate, head)
            for note in notes:
                report.error(t("sjekk.provefil_mapping", navn=candidate.name,
                               grunn=mismatch_in_standard(note, t)))
            if hint := renamed_column_hint(candidate, notes, t):
                report.note(hint)
        return
    if isinstance(adapter, mapping_adapters.MappingAdapter):  # the file IT edits
        report.ok(t("sjekk.provefil_kjent_fil", adapter=adapter.name, fil=adapter.file_name))
    else:
        report.ok(t("sjekk.provefil_kjent", adapter=adapter.name))
    _claiming(pm, found, head, adapter, report)
    if isinstance(adapter, mapping_adapters.MappingAdapter):
        findings = check_sample(adapter, path)
        for finding in findings:
            say = report.error if finding.error else report.warn if finding.warning else report.ok
            say(f"{t('sjekk.provefil')}: {_in_standard(finding.text, t)}.")
        if any(f.error for f in findings):
            return
    try:
        cases = list(adapter.read(path))
    except InputError as exc:
        report.error(f"{t('sjekk.provefil')}: {t.note(str(exc))}")
        return
    report.ok(t("sjekk.provefil_lest", saker=t.count(len(cases), "sak")))
    if not getattr(adapter, "updates_only", None):
        _identity_numbers(cases, report)
        _skipped(cases, settings, report, today)
        _lacking(cases, report)


def _claiming(pm, found: list, head, chosen, report: Report) -> None:
    """A warning naming every adapter that recognises the sample when more than one does and
    an adapter of code is among them, and the plugins they come from: the first registered
    reads it, and the others are never asked (a plugin claiming every .xml took a vendor's
    file from its mapping without a word). Mapping files only: the most specific reads it,
    said by _overlaps."""
    claiming = [a for a in found if a.claims(head)]
    if len(claiming) < 2 or all(isinstance(a, mapping_adapters.MappingAdapter)
                                for a in claiming):
        return
    t = report.t
    names = [getattr(a, "name", type(a).__name__) for a in claiming]
    said = {"antall": len(claiming), "navn": ", ".join(names), "adapter": chosen.name}
    plugins = list(dict.fromkeys(p for a in claiming if (p := plugin_of(pm, a)) is not None))
    if not plugins:  # a built-in adapter and a mapping file
        report.warn(t("sjekk.provefil_flere_innebygd", **said))
        return
    which = t("sjekk.programtillegget" if len(plugins) == 1 else "sjekk.programtilleggene",
              navn=t.join(plugins))
    report.warn(t("sjekk.provefil_flere", programtillegg=which, **said))


def plugin_of(pm, adapter) -> str | None:
    """The plugin an adapter of code comes from, as IT knows it: a local plugin's file
    (lokal.py), an installed plugin's name; None for a built-in adapter or a mapping file."""
    module = type(adapter).__module__
    for name, plugin in pm.list_name_plugin():
        own = getattr(plugin, "__name__", None)
        if name in DEFAULT_PLUGINS or not own:
            continue
        if module == own or module.startswith(own + "."):
            return name.removeprefix("plugins/")
    return None


SHOWN: tuple[tuple[str, str | None, Callable[[Case], bool]], ...] = (
    ("fornavn", "barnet", lambda c: bool(c.barn.fornavn)),
    ("fodselsdato", None, lambda c: bool(c.barn.fodselsdato or c.barn.fodselsnummer)),
    ("navn", "foreldrene", lambda c: any(f.fornavn or f.etternavn for f in c.foreldre)),
    ("adresse", "foreldrene", lambda c: any(f.adresse for f in c.foreldre)),
    ("postadresse", "foreldrene", lambda c: any(f.postnummer for f in c.foreldre)),
    ("navn", "fosterforeldrene", lambda c: any(p.fornavn or p.etternavn
                                               for p in c.fosterfamilie.fosterforeldre)),
    ("adresse", "fosterfamilien", lambda c: bool(c.fosterfamilie.adresse)),
    ("postadresse", "fosterfamilien", lambda c: bool(c.fosterfamilie.postnummer)),
    ("navn", "kontaktpersonen", lambda c: bool(c.kontaktperson.fornavn
                                               or c.kontaktperson.etternavn)),
)
"""What the letters and the plan show of a case, as their placeholder names it when it is
missing ([felt] of [hvem]: «[mangler: adresse til foreldrene]»), and whether a case has it."""


def _lacking(cases: list[Case], report: Report) -> None:
    """A warning naming what no case of the sample has (SHOWN), so IT sees before going live
    what every letter would lack: a mapping that leaves out the parents reads without an
    error. What some cases lack is the journal's to fill in, not the mapping's."""
    t = report.t
    lacking = [t(f"felt.{field}", hvem=t(f"hvem.{who}") if who else "")
               for field, who, has in SHOWN if cases and not any(has(c) for c in cases)]
    if lacking:
        report.warn(t("sjekk.provefil_uten", hva=t.join(lacking),
                      alle=t.count(len(cases), "sak")))


def _identity_numbers(cases: list, report: Report) -> None:
    """A warning when children's identity numbers are not valid, or say another birth date
    than the one registered (idnumber.problem_kind), by kind and count, never a number: a
    mapping that reads the journal number as the identity number reads without an error."""
    t = report.t
    kinds = Counter(kind for case in cases if (kind := idnumber.problem_kind(
        case.barn.fodselsnummer, case.barn.fodselsdato)))
    if kinds:
        report.warn(t("sjekk.provefil_fnr", antall=t.count(sum(kinds.values()), "sak"),
                      alle=len(cases), hva="; ".join(f"{t(f'sjekk.fnr_{kind}')}: {n}"
                                                     for kind, n in kinds.most_common())))


def _skipped(cases: list, settings, report: Report, today: date) -> None:
    """A warning when cases of the sample would get no documents on the day, with why and
    how many (qualify.skip_kind; no date of any case): a mapping that leaves out the
    placement's start date reads without an error, and every case is then skipped. Not
    for an adapter that only adds to cases known (returned minutes: updates_only)."""
    t = report.t
    kinds = Counter(kind for case in cases
                    if (kind := qualify.skip_kind(case, today, settings.qualify_months)))
    skipped = sum(kinds.values())
    if not skipped:
        return
    said = [t("sjekk.provefil_grunn", grunn=t(f"sjekk.hoppes_over_{kind}",
                                             maaneder=settings.qualify_months), antall=n)
            for kind, n in kinds.most_common()]
    key = "sjekk.provefil_ingen_med" if skipped == len(cases) else "sjekk.provefil_hoppes_over"
    report.warn(t(key, antall=t.count(skipped, "sak"), alle=len(cases), dato=t.dato(today),
                  grunner="; ".join(said)))


def _in_standard(finding: str, t: Tekst) -> str:
    """What --sample found (mapping/sample.py, diagnose.py write bokmål), in t's standard."""
    said = t.note(finding, "mappingproblem", nested=True)
    return said if said != finding else mismatch_in_standard(finding, t)


def _adapters(found: list, report: Report) -> None:
    names: set[str] = set()
    t = report.t
    for adapter in found:
        label = getattr(adapter, "name", type(adapter).__name__)
        missing = [part for part in ADAPTER_PARTS if not hasattr(adapter, part)]
        if missing:
            report.error(t("sjekk.adapter_mangler", navn=label, deler=", ".join(missing)))
        elif label in names:
            report.error(t("sjekk.adapter_navn", navn=label))
        names.add(label)
    report.ok(t("sjekk.adaptere", antall=len(found), navn=", ".join(sorted(names))))


@hookimpl
def register_commands(subparsers):
    parser = subparsers.add_parser(
        "check", help="kontroller konfigurasjon, mappingfiler, programtillegg og maler",
        description="Kontrollerer konfigurasjonsfilen, alle mappingfiler i mappings/, "
                    "programtilleggene i plugins/ og malene (med mallåsen, om den er slått "
                    "på), ser om tilstandsmappen ble brukt med en annen konfigurasjon som "
                    "ville endret sakenes dokumenter, og forteller hva som eventuelt må "
                    "rettes. Med --sample prøves mappingene på en ekte eksport."
                    + exit_codes("0 når alt er i orden (advarsler er lov)",
                                 "1 når noe må rettes"),
    )
    add_config_option(parser)
    parser.add_argument("--sample", type=Path, metavar="FIL",
                        help="prøv mappingene på en ekte eksport: kolonner som mangler, datoer "
                             "og verdier som ikke kan leses, tegnkoding (viser ingen "
                             "personopplysninger)")
    parser.add_argument("--today", type=parse_date, metavar="ÅÅÅÅ-MM-DD",
                        help="med --sample: hvilke saker som ville fått dokumenter denne "
                             "datoen (standard: i dag)")
    parser.set_defaults(func=check)
