"""Builds the plugin manager: hook specs, built-ins, installed packages, then plugins/*.py."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

import pluggy

from . import hookspecs

ENTRY_POINT_GROUP = "omsorgspakke_docs"

DEFAULT_PLUGINS = (
    "omsorgspakke_docs.intake.detect",
    "omsorgspakke_docs.adapters.canonical_json",
    "omsorgspakke_docs.adapters.ssb_bvr",
    "omsorgspakke_docs.adapters.kostra_15f",
    "omsorgspakke_docs.adapters.referat_docx",
    "omsorgspakke_docs.documents.oppfolgingsplan",
    "omsorgspakke_docs.documents.informasjonsbrev",
    "omsorgspakke_docs.documents.nytt_tilbud",
    "omsorgspakke_docs.documents.innkalling",
    "omsorgspakke_docs.documents.fellesmote",
    "omsorgspakke_docs.documents.kalender",
    "omsorgspakke_docs.documents.referat",
    "omsorgspakke_docs.documents.sluttevaluering",
    "omsorgspakke_docs.documents.oversikt",
    "omsorgspakke_docs.rendering.filters",
    "omsorgspakke_docs.commands.run",
    "omsorgspakke_docs.commands.demo",
    "omsorgspakke_docs.commands.init",
    "omsorgspakke_docs.commands.watch", "omsorgspakke_docs.commands.status",
    "omsorgspakke_docs.commands.check",
    "omsorgspakke_docs.commands.inspect",
    "omsorgspakke_docs.commands.templates",
    "omsorgspakke_docs.commands.preview",
)


class PluginError(Exception):
    """A local plugin could not be loaded; the message names the file, never its data."""


def make_manager(plugin_dir: Path | None = None, *, entry_points: bool = True):
    pm = pluggy.PluginManager("omsorgspakke_docs")
    pm.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    if entry_points:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    if plugin_dir is not None:
        for path in sorted(Path(plugin_dir).glob("*.py")):
            pm.register(_load_file(path), name=f"plugins/{path.name}")
    pm.check_pending()
    return pm


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
        raise PluginError(
            f"Programtillegget {path.name} feilet ved lasting: {type(exc).__name__}"
        ) from exc
    return module


def collect(pm, hook_name: str) -> list:
    """Run a register_* hook and return what the plugins registered, in order."""
    items: list = []
    getattr(pm.hook, hook_name)(register=items.append)
    return items


def collect_filters(pm) -> dict:
    filters: dict = {}
    pm.hook.register_template_filters(register=filters.__setitem__)
    return filters
