"""Builds the plugin manager: hook specs, built-ins, installed packages, then plugins/*.py."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
import sys
import traceback
from collections.abc import Iterator
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from . import hookspecs

if TYPE_CHECKING:
    from .config import Settings

ENTRY_POINT_GROUP = "omsorgspakke_docs"

DEFAULT_PLUGINS = (
    "omsorgspakke_docs.intake.detect",
    "omsorgspakke_docs.adapters.canonical_json",
    "omsorgspakke_docs.adapters.ssb_bvr",
    "omsorgspakke_docs.adapters.kostra_15f",
    "omsorgspakke_docs.adapters.referat_docx",
    "omsorgspakke_docs.adapters.mapping.adapter",
    "omsorgspakke_docs.documents.oppfolgingsplan",
    "omsorgspakke_docs.documents.informasjonsbrev",
    "omsorgspakke_docs.documents.nytt_tilbud",
    "omsorgspakke_docs.documents.innkalling",
    "omsorgspakke_docs.documents.fellesmote",
    "omsorgspakke_docs.documents.kalender",
    "omsorgspakke_docs.documents.referat",
    "omsorgspakke_docs.documents.sluttevaluering",
    "omsorgspakke_docs.documents.oversikt",
    "omsorgspakke_docs.documents.caseload",
    "omsorgspakke_docs.documents.sending",
    "omsorgspakke_docs.archive.packages",
    "omsorgspakke_docs.rendering.filters",
    "omsorgspakke_docs.commands.run",
    "omsorgspakke_docs.commands.demo",
    "omsorgspakke_docs.commands.init",
    "omsorgspakke_docs.commands.watch",
    "omsorgspakke_docs.commands.status",
    "omsorgspakke_docs.commands.check",
    "omsorgspakke_docs.commands.inspect",
    "omsorgspakke_docs.commands.templates",
    "omsorgspakke_docs.commands.preview",
)


class PluginError(Exception):
    """A local plugin could not be loaded; the message names the file, never its data."""


def manager_for(settings: Settings) -> pluggy.PluginManager:
    """The manager for a configured installation: with its local plugins/ folder if there is one.
    """
    folder = settings.paths.plugins
    return make_manager(folder if folder.is_dir() else None)


def make_manager(plugin_dir: Path | None = None, *,
                 entry_points: bool = True) -> pluggy.PluginManager:
    pm = pluggy.PluginManager("omsorgspakke_docs")
    pm.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    if entry_points:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    if plugin_dir is not None:
        for path in sorted(Path(plugin_dir).glob("*.py")):
            pm.register(_load_file(path), name=f"plugins/{path.name}")
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(_unknown_hook(pm) or str(exc)) from exc
    return pm


def _unknown_hook(pm: pluggy.PluginManager) -> str | None:
    """What check_pending refused, for IT: the plugin's file, the line of the function, the
    name no hook has and the nearest hook that does (a misspelt hook name, mostly)."""
    known = [name for name in dir(hookspecs) if not name.startswith("_")
             and hasattr(getattr(hookspecs, name), "omsorgspakke_docs_spec")]
    for name, caller in vars(pm.hook).items():
        if name.startswith("_") or caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            if impl.optionalhook:
                continue
            where = Path(getattr(impl.plugin, "__file__", None) or impl.plugin_name).name
            line = _def_line(impl.function)
            close = get_close_matches(name, known, n=1)
            return (f"Programtillegget {where}, linje {line}: «{name}» er ikke en hook som "
                    "programmet kjenner"
                    + (f". Mente du «{close[0]}»?" if close else ".")
                    + " Hookene står i docs/plugins.md.")
    return None


def _def_line(function) -> int:
    """The line of `def`, below any decorators (co_firstlineno is the first decorator's)."""
    line = function.__code__.co_firstlineno
    try:
        source, start = inspect.getsourcelines(function)
    except (OSError, TypeError):
        return line
    for offset, text in enumerate(source):
        if text.lstrip().startswith(("def ", "async def ")):
            return start + offset
    return line


def _load_file(path: Path):
    """Import one local plugin file. It is code IT put there on purpose, never inbox data."""
    module_name = f"omsorgspakke_local_plugins.{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"Kan ikke laste programtillegget {path.name}.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise PluginError(_load_failure(path, exc)) from exc
    return module


def _load_failure(path: Path, exc: Exception) -> str:
    """Which file, which line and what kind of error, and what to do; never the exception's
    message, which may quote anything the plugin read. A missing module's name is code."""
    line = exc.lineno if isinstance(exc, SyntaxError) else next(
        (frame.lineno for frame in reversed(traceback.extract_tb(exc.__traceback__))
         if Path(frame.filename) == path), None)
    what = type(exc).__name__
    if isinstance(exc, ModuleNotFoundError) and exc.name and line and (
            exc.name.split(".")[0] == __package__):
        # The program's own module misspelt («omsorgspakke_docs.intake.guard»): not one to
        # install, as «er ikke installert» had IT look for a package.
        meant = _module_meant(exc.name)
        return (f"Programtillegget {path.name} feilet ved lasting, linje {line} ({what}): "
                f"programmet har ingen modul «{exc.name}»."
                + (f" Mente du «{meant}»?" if meant else "")
                + " Rett importen, eller flytt filen ut av plugins-mappen for å slå av "
                "programtillegget.")
    if isinstance(exc, ModuleNotFoundError) and exc.name:
        what += f": modulen «{exc.name}» er ikke installert"
    return (f"Programtillegget {path.name} feilet ved lasting"
            + (f", linje {line}" if line else "") + f" ({what}). Rett feilen, eller flytt "
            "filen ut av plugins-mappen for å slå av programtillegget.")


def _module_meant(name: str) -> str | None:
    """The program's module nearest a misspelt one: «omsorgspakke_docs.intake.guards» for
    «omsorgspakke_docs.intake.guard», among the modules of the package it is in."""
    parent, _, last = name.rpartition(".")
    try:
        package = importlib.import_module(parent)
    except ImportError:
        return None
    found = [m.name for m in pkgutil.iter_modules(getattr(package, "__path__", []))]
    close = get_close_matches(last, found, n=1, cutoff=0.7)
    return f"{parent}.{close[0]}" if close else None


def plugin_failure(exc: Exception, folder: Path) -> str:
    """An error raised while a file was recognised or read, for IT (check --sample, inspect):
    the local plugin's file and line it came from, and what a plugin must do instead; never
    the exception's message, which may quote the file."""
    what = type(exc).__name__
    found = plugin_line(exc, folder)
    if found is None:
        return (f"en uventet feil ({what}) da filen ble lest. Kontakt leverandøren av "
                "programmet og oppgi tidspunktet.")
    name, line = found
    return (f"programtillegget {name} stoppet med {what} på linje "
            f"{line}. En adapters claims() skal svare True eller False uten å kaste en "
            "feil, og read() skal kaste InputError med en norsk melding for en fil den ikke kan "
            "lese (docs/adapters.md, «When to write a plugin»).")


def plugin_line(exc: BaseException, folder: Path | None) -> tuple[str, int] | None:
    """The local plugin's file name and line an error was raised from (the innermost in
    the plugins folder), or None when no plugin's code was running: code, never data. An
    error raised in a worker process (run/parallel.py) comes back without its frames: the
    worker found them there and sent them with it (PLUGIN_AT)."""
    carried = getattr(exc, PLUGIN_AT, None)
    if isinstance(carried, tuple) and len(carried) == 2:
        return carried[0], carried[1]
    if folder is None:
        return None
    try:
        where = Path(folder).resolve()
    except OSError:
        return None
    frame = next((f for f in reversed(traceback.extract_tb(exc.__traceback__))
                  if Path(f.filename).resolve().parent == where), None)
    if frame is None or frame.lineno is None:
        return None
    return Path(frame.filename).name, frame.lineno


MAKING = "omsorgspakke_making"
"""The attribute of an error raised while a document kind made a case's documents (its
documents(), or a template filter as they were filled): the kind's name, so that the note
says a plugin stopped making documents of that kind, not reading the file. Pickled with the
error from a worker process, as PLUGIN_AT is."""


def making(exc: BaseException, kind: str) -> None:
    """Mark an error as raised while documents of the kind of this name were made
    (MAKING): the first mark stays, the kind whose documents were being made then."""
    if getattr(exc, MAKING, None) is not None:
        return
    try:
        setattr(exc, MAKING, str(kind))
    except Exception:  # noqa: BLE001 - an error that takes no attributes goes as it is
        pass


def made_by(kind: Any, ctx: Any) -> Iterator[Any]:
    """kind.documents(ctx), its errors marked with the kind (making)."""
    try:
        yield from kind.documents(ctx)
    except Exception as exc:
        making(exc, getattr(kind, "name", "") or type(kind).__name__)
        raise


PLUGIN_AT = "omsorgspakke_plugin_at"
"""The attribute of an error from a worker process that carries plugin_line's answer
there (the plugin's file name and line): pickled with the error, as its frames are not."""
FRAMES_AT = "omsorgspakke_frames"
"""The attribute that carries a worker's frames (file, line and function; no message)."""


def carry_where(exc: BaseException, folder: Path | None) -> None:
    """In a worker process: what the reading process says of an error it cannot find in
    its own frames (plugin_line, and the frames for the log), set on the error itself."""
    try:
        setattr(exc, PLUGIN_AT, plugin_line(exc, folder))
        setattr(exc, FRAMES_AT, "".join(
            f"  {f.filename}:{f.lineno} in {f.name}\n"
            for f in traceback.extract_tb(exc.__traceback__)))
    except Exception:  # noqa: BLE001 - an error that takes no attributes goes as it is
        pass


def collect(pm, hook_name: str, **arguments: Any) -> list:
    """Run a register_* hook and return what the plugins registered, in order."""
    items: list = []
    getattr(pm.hook, hook_name)(register=items.append, **arguments)
    return items


def collect_filters(pm) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    pm.hook.register_template_filters(register=filters.__setitem__)
    return filters
