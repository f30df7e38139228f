"""The configuration a state folder was used with, and a run that would change it by mistake.

A run without the configuration its state folder was used with (started from another folder,
--config left out, or another file found) took the defaults: a nynorsk service's letters
were made again in bokmål, with [mangler: ...] where the letterhead was. So each run and
watch records in the state folder the configuration file it used and what the cases'
documents take from it (config.letters_identity), and the next one stops, before any file
is taken from the inbox, when its file is another (or none) and those would change. A
change made in the same file is meant, and so is one run with --accept-config. The same
file: the one the path leads to, or the same path given, where a link now leads to a new
version of the file (a Kubernetes ConfigMap, a deployment's «current» folder). The same
templates: the same folder, or the same contents in another (an installation moved whole,
its templates named relative to its configuration). `omsorgspakke check` says beforehand
what a run would stop for (other_configuration).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePath, PureWindowsPath
from typing import NamedTuple

from .. import bundled
from .. import config as config_module
from ..config import Settings
from ..errors import UsageError
from ..rendering.template_folders import SUFFIXES
from ..text import CODE, MALFORMER, tekst
from .commit import read_state_file, sha256_file, write_text_atomic

FILE = "konfigurasjon.json"
"""In the state folder: the configuration file the last run or watch used (none: the
defaults) and what the cases' documents took from it (config.letters_identity)."""


def same_configuration(settings: Settings, accept: bool = False) -> bool:
    """Stop when this run would change the cases' written standard, letterhead or templates
    because its configuration is not the file the state folder was used with: none found
    (run from another folder, --config left out) or another file. The same file changed is
    a deliberate change, and so is --accept-config: this run's settings are kept from now
    on. Raised in the standard of the messages of the configuration the state was used
    with (theirs are the cases); cli.py says a bokmål one in this run's standard.

    Returns whether --accept-config was given with nothing to accept: left in a service's
    command after the run it was meant for, it would let every later run through
    (commands/common.py says so)."""
    record = settings.paths.state / FILE
    now = _now(settings)
    before = _used_with(record)
    changed = _would_change(settings, before, now)
    if before is not None and changed and not accept:
        raise UsageError(_other_configuration(settings, before, changed))
    if before != now:
        try:
            write_text_atomic(record, json.dumps(now, ensure_ascii=False, indent=1) + "\n")
        except OSError:  # a full disk: the run says so for its files; recorded next time
            pass
    return accept and before is not None and not changed


class Other(NamedTuple):
    """What a run with these settings would stop for: the configuration file the state
    folder was used with (None: the defaults) and what would change, words of
    [bruksfeil_ord]."""

    config: str | None
    changed: list[str]


def other_configuration(settings: Settings) -> Other | None:
    """What would stop a run with these settings (same_configuration), read without
    recording anything: for `omsorgspakke check`, which tells IT before the service stops."""
    before = _used_with(settings.paths.state / FILE)
    changed = _would_change(settings, before, _now(settings))
    if before is None or not changed:
        return None
    config = before.get("config")
    return Other(config if isinstance(config, str) else None, changed)


def changed_in_place(settings: Settings) -> list[str]:
    """What the configuration file the state folder was used with now says otherwise, in
    what the cases' documents take from it, for `omsorgspakke check`: a run goes through
    (the same file changed is a deliberate change) and makes every letter of the cases
    again, dated that day, and Til utsending lists them again. Each item a word of
    [bruksfeil_ord] («målformen») or a letterhead field as the file names it
    («besoksadresse under [service]»); nothing when it is another file (other_configuration
    says that), when nothing was made yet, or when nothing changed. Read without recording."""
    before = _used_with(settings.paths.state / FILE)
    now = _now(settings)
    if before is None or not (_same_file(before.get("config"), now["config"])
                              or _same_name(before.get("navn"), now["navn"])) \
            or not _has_cases(settings.paths.state):
        return []
    # Templates changed in their folder are not said: a release's own keep every letter's
    # issue where what it shows is the same (rendering/prepare.py), and a municipality's
    # own are changed to change what the letters say.
    changed = [word for word in _changed(before, now) if word != "malene"]
    if "brevhodet" not in changed:
        return changed
    fields = _letterhead_fields(before["dokumenter"], now["dokumenter"])
    return [item for word in changed
            for item in (fields if word == "brevhodet" and fields else [word])]


def _letterhead_fields(made: dict, making: dict) -> list[str]:
    """The letterhead fields that differ, each with its table («telefon under
    [kommuner."4698"]»), in the order of config.SERVICE_KEYS."""
    tables = [("[service]", made.get("service"), making.get("service"))]
    kommuner_made, kommuner_making = _kommuner(made) or {}, _kommuner(making) or {}
    tables += [(f'[kommuner."{number}"]', kommuner_made.get(number), kommuner_making.get(number))
               for number in sorted({*kommuner_made, *kommuner_making})]
    shown_made, shown_making = _shown(made) or {}, _shown(making) or {}
    fields = []
    for table, was, now in tables:
        was = was if isinstance(was, dict) else {}
        now = now if isinstance(now, dict) else {}
        number = table.partition('"')[2].rstrip('"]') or None
        # A municipality's field that shows the same as before ([service]'s, now written
        # in its table too) is not a change; one [service] changed is said there only.
        showed, shows = _letterhead(shown_made, number), _letterhead(shown_making, number)
        fields += [f"{key} under {table}" for key in config_module.SERVICE_KEYS
                   if was.get(key) != now.get(key)
                   and (number is None or showed.get(key) != shows.get(key))]
    return fields


def _letterhead(shown: dict, number: str | None) -> dict:
    """The letterhead a municipality's letters show ([service]'s when it is not listed)."""
    entry = shown.get(number, shown.get(None))
    return entry[1] if entry is not None else {}


def _now(settings: Settings) -> dict:
    """The record this run would write: its configuration file, the standard of its
    messages, what the cases' documents take from it and the templates' contents."""
    documents = config_module.letters_identity(settings)
    documents["templates_innhold"] = contents(settings.paths.templates)
    return {"config": _config_path(settings.source), "meldinger": settings.messages_malform,
            "dokumenter": documents, "navn": _named(settings.source)}


def _would_change(settings: Settings, before: dict | None, now: dict) -> list[str]:
    """What in the cases' documents another configuration file (or none) would change;
    nothing when the state folder is new, when it is the same file, or when nothing was
    made with the state folder yet."""
    if before is None or _same_file(before.get("config"), now["config"]) \
            or _same_name(before.get("navn"), now["navn"]) \
            or not _has_cases(settings.paths.state):
        return []
    return _changed(before, now)


def _config_path(source: Path | None) -> str | None:
    return str(source.resolve()) if source is not None else None


def _named(source: Path | None) -> str | None:
    """The configuration file as the run was given or found it, links not followed: a link
    pointed at a new version of the file (a Kubernetes ConfigMap, a deployment's «current»
    folder) is the file IT changes, the same file."""
    return os.path.abspath(source) if source is not None else None


def _same_name(before: object, now: str | None) -> bool:
    """The same path given both times (an older record has none: no)."""
    return isinstance(before, str) and now is not None and \
        os.path.normcase(before) == os.path.normcase(now)


def _same_file(before: object, now: str | None) -> bool:
    """The same configuration file, or none both times (a name in another case on Windows
    is the same file there)."""
    if before is None or now is None:
        return before is None and now is None
    return isinstance(before, str) and os.path.normcase(before) == os.path.normcase(now)


def _used_with(record: Path) -> dict | None:
    """The record, or None when there is none yet (a new state folder, or one from before
    this was recorded) or it cannot be read: this run's settings are recorded."""
    try:
        found = json.loads(read_state_file(record))
    except (OSError, UnicodeError, ValueError, RecursionError):
        return None
    return found if isinstance(found, dict) else None


def _has_cases(state: Path) -> bool:
    """Something was made with the state folder that other settings would make again."""
    cases = state / "cases"
    return (state / "journal.sqlite3").exists() or (cases.is_dir() and any(cases.iterdir()))


def _changed(before: dict, now: dict) -> list[str]:
    """What would change in the cases' documents: words of [bruksfeil_ord]. What each
    municipality's letters show is compared (its standard and letterhead, [service]'s where
    it is not listed or leaves a field out): a [kommuner."NNNN"] added with the service's
    own standard and letterhead changes no letter, and the run keeps every letter's date."""
    made, making = before.get("dokumenter"), now["dokumenter"]
    if not isinstance(made, dict):
        return []
    was, will = _shown(made), _shown(making)

    def differs(part: int) -> bool:
        if was is None or will is None:
            return was != will
        return any(was.get(n, was[None])[part] != will.get(n, will[None])[part]
                   for n in {*was, *will})

    return [word for word, changes in (
        ("malformen", differs(0)),
        ("brevhodet", differs(1)),
        ("malene", not _same_templates(made, before.get("config"), making, now["config"])),
    ) if changes]


def _shown(made: dict) -> dict[str | None, tuple[object, dict]] | None:
    """The standard and letterhead the letters of each municipality listed show, and under
    None those of every other; None when the record has them in another shape."""
    kommuner = _kommuner(made)
    service = made.get("service")
    if kommuner is None or not isinstance(service, dict):
        return None
    shown: dict[str | None, tuple[object, dict]] = {None: (made.get("malform"), service)}
    for number, kommune in kommuner.items():
        own = {key: v for key, v in kommune.items() if key != "malform"}
        shown[number] = (kommune.get("malform", made.get("malform")),
                         config_module.letterhead_of(service, own))
    return shown


def _kommuner(made: dict) -> dict[str, dict] | None:
    """The municipalities' settings as recorded, or None when the record has them in
    another shape (edited by hand): settings that would change, not a failure."""
    kommuner = made.get("kommuner") or {}
    if not isinstance(kommuner, dict) or not all(isinstance(k, dict) for k in kommuner.values()):
        return None
    return kommuner


def _same_templates(made: dict, made_with: object, making: dict, config: str | None) -> bool:
    """The same templates: the same folder (what is changed there is the municipality's own
    change, as in the configuration file), any release's own, or the same contents in
    another folder: an installation moved whole (/opt/a to /opt/b, a backup restored
    elsewhere) with its templates named relative to the configuration is not another
    installation's templates."""
    recorded, now = made.get("templates"), making["templates"]
    if _templates(recorded) == _templates(now):
        return True
    if "templates_innhold" in made:
        return _same_contents(made["templates_innhold"], making["templates_innhold"])
    # A record of a release before the contents were recorded: the folder it names, if it
    # is still there; moved away, the same folder beside the configuration file.
    if not isinstance(recorded, str):
        return False
    if os.path.isdir(recorded):
        return _same_contents(contents(Path(recorded)), making["templates_innhold"])
    return _beside(recorded, made_with) is not None and \
        _beside(recorded, made_with) == _beside(now, config)


def _same_contents(one: object, other: object) -> bool:
    """Templates known to be the same (None: they could not be read)."""
    return one is not None and one == other


def _beside(templates: str, config: object) -> str | None:
    """The templates folder as named from the configuration file's folder (None: no file)."""
    if not isinstance(config, str):
        return None
    try:
        return os.path.normcase(os.path.relpath(templates, os.path.dirname(config)))
    except ValueError:  # another drive on Windows
        return None


def contents(folder: Path) -> str | None:
    """The SHA-256 of the templates in the folder (its own and those in nb/ and nn/, by
    their path in it), or None when they cannot be read: the same templates wherever the
    folder is."""
    digest = hashlib.sha256()
    try:
        for where in (folder, *(folder / CODE[m] for m in MALFORMER)):
            if not where.is_dir():
                continue
            for path in sorted(where.iterdir()):
                if path.suffix.lower() in SUFFIXES and path.is_file() \
                        and not path.name.startswith(("~$", ".")):
                    name = path.relative_to(folder).as_posix()
                    digest.update(f"{name}\0{sha256_file(path)}\n".encode())
    except OSError:
        return None
    return digest.hexdigest()


BUNDLED_TEMPLATES = ("omsorgspakke_docs", "_bundled", "templates")
"""Where an installed program's own templates are, at the end of their path (bundled.py)."""


def _templates(recorded: object) -> object:
    """The templates folder, where any installation's own templates are one: a new release
    installed in another folder, its configuration copied beside it, uses the templates it
    ships, as the old one did its own (a municipality's own are in a folder of theirs)."""
    if not isinstance(recorded, str):
        return recorded
    own = PurePath(recorded)
    if own.parts[-3:] == BUNDLED_TEMPLATES or PureWindowsPath(recorded).parts[-3:] == \
            BUNDLED_TEMPLATES or _same_path(recorded, str(bundled.folder("templates"))):
        return "bundled"
    return recorded


def _same_path(one: str, other: str) -> bool:
    return os.path.normcase(os.path.abspath(one)) == os.path.normcase(os.path.abspath(other))


def _other_configuration(settings: Settings, before: dict, changed: list[str]) -> str:
    said = before.get("meldinger")
    t = tekst(said if said in MALFORMER else settings.messages_malform)
    fields = {"mappe": settings.paths.state, "konfig": before.get("config"),
              "ny": settings.source,
              "endring": t.join([t(f"bruksfeil_ord.{word}") for word in changed])}
    if before.get("config") is None:
        return t("bruksfeil.konfig_ny", **fields)
    return t("bruksfeil.konfig_borte" if settings.source is None else "bruksfeil.konfig_annen",
             **fields)
