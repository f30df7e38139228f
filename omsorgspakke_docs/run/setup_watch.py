"""What the watcher was started with, as files: the program's own code, its configuration
file, the mapping files and the plugins. They are read once, when `watch` starts; when IT
changes one of them (an upgrade, a new vendor's mapping, an edited setting), the watcher
starts again with the new ones, between two files (commands/watch.py), instead of running
on with the old ones until someone remembers to restart the service.

Templates are not among them: a changed template is read on its next use
(rendering/renderer.py). A change is acted on once it has settled (the same at two looks in
a row), so an upgrade that writes files for some seconds is not caught halfway, and only
when the configuration it would start with can be read: a half-edited file leaves the
watcher running with the settings it has, and says so once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from .. import config as config_module

log = logging.getLogger("omsorgspakke")

Fingerprint = tuple[tuple[str, int, int], ...]
"""Every file's place, size and modification time."""

SKIPPED = ("__pycache__",)
"""Folders whose files are made by Python itself and change without a change of setup."""


class Setup:
    """The setup's files as the watcher started with them, and whether they have changed."""

    def __init__(self, places: Iterable[Path], config: Path | None,
                 loads: Callable[[Path | None], object] = config_module.load):
        self.places = [Path(p) for p in places]
        self.config = config
        self.loads = loads
        self.started = fingerprint(self.places)
        self.seen = self.started
        self.refused: Fingerprint | None = None
        """The changed setup whose configuration could not be read, said once."""

    def changed(self) -> bool:
        """Whether the watcher should start again: the files differ from those it started
        with, are as they were at the last look, and the configuration can be read."""
        now = fingerprint(self.places)
        settled, self.seen = now == self.seen, now
        if now == self.started or not settled or now == self.refused:
            return False
        try:
            self.loads(self.config)
        except Exception as exc:  # noqa: BLE001 - whatever a broken file raises, it waits
            self.refused = now
            log.warning("oppsettet er endret, men innstillingene kan ikke leses (%s); watch "
                        "fortsetter med oppsettet den startet med. Kjør «omsorgspakke check» "
                        "for å se hva som må rettes", type(exc).__name__,
                        extra={"event": "setup_unreadable", "error": type(exc).__name__})
            return False
        log.warning("oppsettet er endret (programmet, innstillingene, mappingfilene eller "
                    "programtilleggene); watch starter på nytt med det nye",
                    extra={"event": "setup_changed"})
        return True


def places(settings) -> list[Path]:
    """The files a watch with these settings runs with: the program's package, its
    configuration file, and the mapping and plugin folders."""
    found = [Path(__file__).resolve().parent.parent]
    if settings.source is not None:
        found.append(Path(settings.source))
    return found + [settings.paths.mappings, settings.paths.plugins]


def fingerprint(paths: Iterable[Path]) -> Fingerprint:
    """The files at paths (a file, or a folder's files at any depth); what is missing or
    cannot be read counts as absent."""
    found: list[tuple[str, int, int]] = []
    for path in paths:
        for file in _files(path):
            try:
                info = file.stat()
            except OSError:
                continue
            found.append((str(file), info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


def _files(path: Path) -> Iterable[Path]:
    try:
        if path.is_file():
            return [path]
        if not path.is_dir():
            return []
        return [f for f in path.rglob("*")
                if f.is_file() and not any(part in SKIPPED for part in f.parts)]
    except OSError:
        return []
