"""The configuration a state folder was used with, and a run that would change it by mistake.

A run without the configuration its state folder was used with (started from another folder,
--config left out, or another file found) took the defaults: a nynorsk service's letters
were made again in bokmål, with [mangler: ...] where the letterhead was. So each run and
watch records in the state folder the configuration file it used and what the cases'
documents take from it (config.letters_identity), and the next one stops, before any file
is taken from the inbox, when its file is another (or none) and those would change. A
change made in the same file is meant, and so is one run with --accept-config. The same
file: the one the path leads to, or the same path given, where a link now leads to a new
version of the file (a Kubernetes ConfigMap, a deployment's «current» folder).
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePath, PureWindowsPath

from .. import bundled
from .. import config as config_module
from ..config import Settings
from ..errors import UsageError
from ..text import MALFORMER, tekst
from .commit import write_text_atomic

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
    documents, used = config_module.letters_identity(settings), _config_path(settings.source)
    named = _named(settings.source)
    now = {"config": used, "meldinger": settings.messages_malform, "dokumenter": documents,
           "navn": named}
    before = _used_with(record)
    changed: list[str] = []
    if before is not None and not _same_file(before.get("config"), used) \
            and not _same_name(before.get("navn"), named) \
            and _has_cases(settings.paths.state):
        changed = _changed(before.get("dokumenter"), documents)
        if changed and not accept:
            raise UsageError(_other_configuration(settings, before, changed))
    if before != now:
        try:
            write_text_atomic(record, json.dumps(now, ensure_ascii=False, indent=1) + "\n")
        except OSError:  # a full disk: the run says so for its files; recorded next time
            pass
    return accept and before is not None and not changed


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
        found = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _has_cases(state: Path) -> bool:
    """Something was made with the state folder that other settings would make again."""
    cases = state / "cases"
    return (state / "journal.sqlite3").exists() or (cases.is_dir() and any(cases.iterdir()))


def _changed(before: object, now: dict) -> list[str]:
    """What would change in the cases' documents: words of [bruksfeil_ord]."""
    if not isinstance(before, dict):
        return []

    def standards(made: dict) -> object:
        return made.get("malform"), {n: k.get("malform") for n, k in
                                     (made.get("kommuner") or {}).items()}

    def letterheads(made: dict) -> object:
        return made.get("service"), {n: {key: v for key, v in k.items() if key != "malform"}
                                     for n, k in (made.get("kommuner") or {}).items()}

    return [word for word, differs in (
        ("malformen", standards(before) != standards(now)),
        ("brevhodet", letterheads(before) != letterheads(now)),
        ("malene", _templates(before.get("templates")) != _templates(now["templates"])),
    ) if differs]


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
