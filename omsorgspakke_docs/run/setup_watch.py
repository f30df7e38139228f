"""What the watcher was started with, as files: the program's own code, its configuration
file, the mapping files and the plugins. They are read once, when `watch` starts; when IT
changes one of them (an upgrade, a new vendor's mapping, an edited setting), the watcher
starts again with the new ones, between two files (commands/watch.py), instead of running
on with the old ones until someone remembers to restart the service.

Templates are not among them: a changed template is read on its next use
(rendering/renderer.py). A change is acted on once it has settled (the same at two looks in
a row), so an upgrade that writes files for some seconds is not caught halfway, and only
when the program as it is installed now can start with it, tried in a process of its own
(judged_anew): a half-edited configuration, a mapping file that worked and is now broken, or
a program written halfway leaves the watcher running with the setup it has, said once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..config import CONFIG_NAME
from ..errors import MappingFilesBroken

log = logging.getLogger("omsorgspakke")

Fingerprint = tuple[tuple[str, str], ...]
"""Every file's place and a digest of what is in it."""

ALL = "**"
"""A place's pattern for every file in the folder, at any depth (the program's package)."""
Place = tuple[Path, str]
"""A file, or a folder and the pattern of the files in it that count (glob, or ALL)."""

Judgement = tuple[str | None, list[str]]
"""What stops the watch from starting with a setup (the kind of error, or None), and the
mapping files it would leave out for their errors."""

JUDGE_SECONDS = 120.0
"""How long the program as it is installed now may take to judge a changed setup."""
UNJUDGED = "unjudged"
"""The try ended by a signal (the service stopping, Ctrl+C): no judgement, nothing said."""
REFUSED_AGAIN_SECONDS = 10.0
"""A setup it could not start with is tried again this often, not at every look: each try
is a process of its own, and [watch] rescan_seconds may be a second."""

SKIPPED = ("__pycache__",)
"""Folders whose files are made by Python itself and change without a change of setup."""


class Setup:
    """The setup's files as the watcher started with them, and whether they have changed."""

    def __init__(self, places: Iterable[Place | Path], argv: list[str],
                 mappings: Path | None = None,
                 judge: Callable[[list[str]], Judgement] | None = None,
                 clock: Callable[[], float] = time.monotonic, restarts: bool = True):
        self.places = [p if isinstance(p, tuple) else (Path(p), ALL) for p in places]
        self.argv = argv
        """The command line the watch was started with, after the program's name."""
        self.judge = judge or judged_anew
        self.broken = broken_mappings(mappings)
        """The mapping files left out as it started: a file that worked and is now broken is
        not started with (it would be left out, its vendor's exports failing)."""
        self.started = fingerprint(self.places)
        self.seen = self.started
        self.there = [path for path, _ in self.places if _reachable(path)]
        """The files and folders there as it started: one out of reach now (a file server
        away for a while) is waited for, not started without."""
        self.refused: Fingerprint | None = None
        """The changed setup that could not be started with, said once, and tried again
        every REFUSED_AGAIN_SECONDS (what was wrong may be outside these files: a folder not
        yet made)."""
        self.clock = clock
        self.judged_at = -REFUSED_AGAIN_SECONDS
        self.restarts = restarts
        """Whether the watch can start again in its own process (POSIX: exec). Where it
        cannot (Windows, where an exit is a failure to the service manager, and WinSW stops
        restarting after a few), a change is said once: the service is to be restarted."""
        self.told: Fingerprint | None = None

    def changed(self) -> bool:
        """Whether the watcher should start again: the files differ from those it started
        with, are as they were at the last look, and the program as it is installed now can
        start with them (its configuration and the mapping files that worked can be read)."""
        now = fingerprint(self.places)
        settled, self.seen = now == self.seen, now
        if now == self.started or not settled:
            return False
        if not all(_reachable(path) for path in self.there):
            return False
        if not self.restarts:
            if now != self.told:
                self.told = now
                log.warning("oppsettet er endret (programmet, innstillingene, mappingfilene "
                            "eller programtilleggene); start tjenesten på nytt for å ta det "
                            "i bruk. Til da fortsetter watch med oppsettet den startet med",
                            extra={"event": "setup_changed_restart_needed"})
            return False
        if now == self.refused and self.clock() - self.judged_at < REFUSED_AGAIN_SECONDS:
            return False
        self.judged_at = self.clock()
        error, broken = self.judge(self.argv)
        if error == UNJUDGED:
            return False
        newly = sorted(set(broken) - self.broken)
        if error is not None or newly:
            if now != self.refused:
                self._refused(error, newly if error is None else broken)
            self.refused = now
            return False
        # Info: to the log file only; the console says it once, as the watch stops to start
        # again (commands/watch.py), with no file halfway.
        log.info("oppsettet er endret (programmet, innstillingene, mappingfilene eller "
                 "programtilleggene); watch starter på nytt med det nye",
                 extra={"event": "setup_changed"})
        return True

    def _refused(self, error: str | None, broken: list[str]) -> None:
        if error is not None and not broken:
            log.warning("oppsettet er endret, men watch kan ikke starte med det (%s); watch "
                        "fortsetter med oppsettet den startet med. Kjør «omsorgspakke check» "
                        "for å se hva som må rettes", error,
                        extra={"event": "setup_unreadable", "error": error})
        else:
            log.warning("oppsettet er endret, men %s %s kan ikke leses; watch "
                        "fortsetter med oppsettet den startet med. Kjør «omsorgspakke check» "
                        "for å se hva som må rettes",
                        "mappingfilen" if len(broken) == 1 else "mappingfilene", ", ".join(broken),
                        extra={"event": "setup_unreadable", "error": "MappingError",
                               "files": broken})


def judged(argv: list[str]) -> Judgement:
    """In this process, as the watch starting with this command line would: what stops it
    (the kind of error), and the mapping files it would leave out."""
    try:
        from ..cli import build_parser, plugin_manager
        from ..commands.common import ready_to_start, settings_from

        pm, problem = plugin_manager(argv)
        if problem is not None:
            return type(problem).__name__, []
        args = build_parser(pm).parse_args(argv)
        settings = settings_from(args)
        ready_to_start(settings, getattr(args, "accept_config", False))
    except SystemExit:  # a command line it no longer takes
        return "UsageError", []
    except MappingFilesBroken as exc:  # every one: named, as one broken among good ones
        return type(exc).__name__, exc.files
    except Exception as exc:  # noqa: BLE001 - whatever a broken file raises, it waits
        return type(exc).__name__, []
    return None, sorted(broken_mappings(settings.paths.mappings))


def judged_anew(argv: list[str]) -> Judgement:
    """judged, by the program as it is installed now, in a process of its own: an upgraded
    program judges the configuration by its own rules, and one that cannot start (installed
    halfway, removed) is not started with."""
    try:
        done = subprocess.run([sys.executable, *interpreter_options(), "-m", __name__, *argv],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=JUDGE_SECONDS)
        error, broken = json.loads(done.stdout.splitlines()[-1])
    except (OSError, subprocess.TimeoutExpired) as exc:
        return type(exc).__name__, []
    except (ValueError, IndexError):  # it stopped before it could say: it cannot start
        if done.returncode < 0:  # ended by a signal: the service stopping (SIGTERM to all)
            return UNJUDGED, []
        return "ProgramError", []  # a kind, as `error` is everywhere in the log
    return error, broken


def interpreter_options() -> list[str]:
    """The options Python was started with before the program (python -X utf8 -W error -m
    omsorgspakke_docs watch ...): the watch starts again with them (sys.orig_argv), so the
    program is tried with them too."""
    before = sys.orig_argv[1:len(sys.orig_argv) - len(sys.argv)]
    return before[:-1] if before[-1:] in (["-m"], ["-c"]) else before


def places(settings) -> list[Place]:
    """The files a watch with these settings runs with: the program's package, its
    configuration file and what it names that is read once as it starts (the template lock,
    the municipality's own programme files), the mapping files and the plugins (only the
    files it reads there: an editor's swap file, a backup or a git folder is no change)."""
    found: list[Place] = [(Path(__file__).resolve().parent.parent, ALL)]
    # Started without one, the file it would find where it runs (config.load) once IT makes it.
    found.append((Path(settings.source or Path.cwd() / CONFIG_NAME), ALL))
    named = [settings.template_lock, *settings.programme_files.values()]
    found += [(Path(path), ALL) for path in named if path is not None]
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
    file at any depth) and what is in them: a file written again as it was is no change.
    What is missing or cannot be read counts as absent."""
    found: list[tuple[str, str]] = []
    for path, pattern in places:
        for file in _files(path, pattern):
            try:
                found.append((str(file), hashlib.blake2b(file.read_bytes()).hexdigest()))
            except OSError:
                continue
    return tuple(sorted(found))


def _reachable(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


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


if __name__ == "__main__":  # judged_anew: the watch's command line
    print(json.dumps(judged(sys.argv[1:])))
