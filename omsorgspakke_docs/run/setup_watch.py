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

ALL = "**"
"""A place's pattern for every file in the folder, at any depth (the program's package)."""
Place = tuple[Path, str]
"""A file, or a folder and the pattern of the files in it that count (glob, or ALL)."""

SKIPPED = ("__pycache__",)
"""Folders whose files are made by Python itself and change without a change of setup."""


class Setup:
    """The setup's files as the watcher started with them, and whether they have changed."""

    def __init__(self, places: Iterable[Place | Path], config: Path | None,
                 loads: Callable[[Path | None], object] = config_module.load,
                 mappings: Path | None = None):
        self.places = [p if isinstance(p, tuple) else (Path(p), ALL) for p in places]
        self.config = config
        self.loads = loads
        self.mappings = mappings
        """The mapping folder: a file there that worked and is now broken is not started
        with (it would be left out, and its vendor's exports fail until it is fixed)."""
        self.broken = broken_mappings(mappings)
        self.started = fingerprint(self.places)
        self.seen = self.started
        self.refused: Fingerprint | None = None
        """The changed setup whose configuration could not be read, said once."""

    def changed(self) -> bool:
        """Whether the watcher should start again: the files differ from those it started
        with, are as they were at the last look, and the configuration and the mapping
        files that worked can be read."""
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
        newly = sorted(broken_mappings(self.mappings) - self.broken)
        if newly:
            self.refused = now
            log.warning("oppsettet er endret, men mappingfilen %s kan ikke leses; watch "
                        "fortsetter med oppsettet den startet med. Kjør «omsorgspakke check» "
                        "for å se hva som må rettes", ", ".join(newly),
                        extra={"event": "setup_unreadable", "error": "MappingError",
                               "files": newly})
            return False
        log.warning("oppsettet er endret (programmet, innstillingene, mappingfilene eller "
                    "programtilleggene); watch starter på nytt med det nye",
                    extra={"event": "setup_changed"})
        return True


def places(settings) -> list[Place]:
    """The files a watch with these settings runs with: the program's package, its
    configuration file, the mapping files and the plugins (only the files it reads there:
    an editor's swap file, a backup or a git folder beside them is no change)."""
    found: list[Place] = [(Path(__file__).resolve().parent.parent, ALL)]
    if settings.source is not None:
        found.append((Path(settings.source), ALL))
    return found + [(settings.paths.mappings, "*.toml"), (settings.paths.plugins, "*.py")]


def broken_mappings(folder: Path | None) -> set[str]:
    """The names of the mapping files in folder that are left out for their errors."""
    if folder is None:
        return set()
    from ..adapters.mapping.spec import load_folder  # imported by the watch's pipeline anyway

    try:
        return {p.file.name for p in load_folder(folder)[1] if not p.warning}
    except OSError:
        return set()


def fingerprint(places: Iterable[Place]) -> Fingerprint:
    """The files at places (a file, or a folder's files matching the pattern, ALL for every
    file at any depth); what is missing or cannot be read counts as absent."""
    found: list[tuple[str, int, int]] = []
    for path, pattern in places:
        for file in _files(path, pattern):
            try:
                info = file.stat()
            except OSError:
                continue
            found.append((str(file), info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


def _files(path: Path, pattern: str) -> Iterable[Path]:
    try:
        if path.is_file():
            return [path]
        if not path.is_dir():
            return []
        if pattern != ALL:
            return [f for f in path.glob(pattern) if f.is_file()]
        return [f for f in path.rglob("*")
                if f.is_file() and not any(part in SKIPPED for part in f.parts)]
    except OSError:
        return []
