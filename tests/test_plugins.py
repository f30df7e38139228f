"""The plugin surface: hooks, built-ins registered like outside plugins, docs and tests in step."""

import importlib
import inspect
import json
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import omsorgspakke_docs
from omsorgspakke_docs import hookspecs
from omsorgspakke_docs.domain.model import Case, case_json_schema
from omsorgspakke_docs.hookspecs import hookimpl
from omsorgspakke_docs.intake.detect import detect
from omsorgspakke_docs.plugins import DEFAULT_PLUGINS, PluginError, collect, make_manager

from .conftest import ROOT

HOOKS = sorted(name for name, f in inspect.getmembers(hookspecs, inspect.isfunction)
               if hasattr(f, "omsorgspakke_docs_spec"))


def test_hook_names_are_known():
    assert HOOKS == ["after_batch", "after_case", "detect_adapter", "register_adapters",
                     "register_commands", "register_document_kinds", "register_template_filters"]


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test_and_is_documented(hook):
    tests = "\n".join(p.read_text(encoding="utf-8")
                      for p in Path(__file__).parent.glob("test_*.py"))
    assert f"def test_hook_{hook}" in tests
    assert f"`{hook}(" in (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")


def modules_with_hooks() -> set[str]:
    """Every module in the package that implements a hook at module level."""
    found = set()
    for info in pkgutil.walk_packages(omsorgspakke_docs.__path__, "omsorgspakke_docs."):
        if info.name.endswith(".__main__"):  # runs the command when imported
            continue
        module = importlib.import_module(info.name)
        if any(hasattr(value, "omsorgspakke_docs_impl") and
               getattr(value, "__module__", None) == info.name
               for value in vars(module).values()):
            found.add(info.name)
    return found


def test_built_ins_are_plugins():
    hooked = modules_with_hooks()
    assert len(hooked) > 20 and "omsorgspakke_docs.adapters.mapping.adapter" in hooked
    pm = make_manager(entry_points=False)
    registered = {pm.get_name(p) for p in pm.get_plugins()}
    assert hooked - registered == set(), "add these modules to DEFAULT_PLUGINS"
    assert set(DEFAULT_PLUGINS) == hooked, "DEFAULT_PLUGINS names a module without hooks"


def test_hook_register_adapters():
    class Shouting:
        name, description = "rop", "A test format"

        def claims(self, sample):
            return sample.head.startswith(b"ROP")

        def read(self, path):
            yield Case(journalnummer="ROP-1")

    class Plugin:
        @hookimpl
        def register_adapters(self, register):
            register(Shouting())

    pm = make_manager()
    pm.register(Plugin())
    assert "rop" in [a.name for a in collect(pm, "register_adapters", settings=None)]


def test_hook_register_adapters_gives_the_settings(tmp_path):
    """The mapping adapters are plugins like the others: the hook gets the configured folder."""
    from omsorgspakke_docs.config import Settings

    settings = Settings()
    settings.paths.mappings = ROOT / "mappings"
    pm = make_manager()
    without = {a.name for a in collect(pm, "register_adapters", settings=None)}
    found = {a.name for a in collect(pm, "register_adapters", settings=settings)}
    assert "familia-personrapport" in found - without
    settings.paths.mappings = tmp_path  # an empty folder: the built-ins alone
    assert {a.name for a in collect(pm, "register_adapters", settings=settings)} == without


def test_hook_after_case(workspace, monkeypatch, caplog):
    """Runs where a case's documents were made, with the case, the day, the workspace and
    a dict shared for that case only; an error in one plugin is said once and the run goes
    on. The built-in outbox workbooks make each case's rows there, so after the batch they
    are only put together: no case's context is built again."""
    from datetime import date

    from omsorgspakke_docs.documents import caseload
    from omsorgspakke_docs.run.pipeline import Pipeline

    seen = []

    class Recording:
        @hookimpl
        def after_case(self, case, today, shared):
            seen.append((case.journalnummer, today, sorted(shared)))
            shared["mine"] = True

    class Failing:
        @hookimpl(tryfirst=True)
        def after_case(self):
            raise ValueError("not today")

    built, phase = [], ["cases"]
    real_context, real_after = caseload._context, Pipeline.after_batch
    monkeypatch.setattr(caseload, "_context",
                        lambda *a, **kw: built.append(phase[0]) or real_context(*a, **kw))
    monkeypatch.setattr(Pipeline, "after_batch",
                        lambda self, *a: phase.__setitem__(0, "batch") or real_after(self, *a))
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    workspace.drop_example("sak-fjellvik-2026-0520.json")
    settings = workspace.settings()
    pm = make_manager()
    pm.register(Recording())
    pm.register(Failing())
    Pipeline(settings, pm, lambda _: None).run(date(2026, 11, 22))
    assert sorted(seen) == [("2026-0412", date(2026, 11, 22), []),
                            ("2026-0520", date(2026, 11, 22), [])]
    assert "cases" in built and "batch" not in built
    assert sum("feilet" in r.getMessage() for r in caplog.records) == 1
    assert (settings.paths.outbox / "Saksoversikt.xlsx").exists()


def test_hook_after_batch(workspace):
    """Runs after every batch with the summary, the day and the workspace; its message is
    shown to staff, and an error that may pass in one plugin does not stop the others."""
    from datetime import date

    from omsorgspakke_docs.run.pipeline import Pipeline

    seen = []

    class Counting:
        @hookimpl
        def after_batch(self, summary, today, workspace):
            seen.append((summary.files_ok, today, workspace.settings.paths.outbox))
            return "Ferdig med runden."

    class Locked:
        @hookimpl(tryfirst=True)
        def after_batch(self):
            raise PermissionError("locked")

    workspace.drop_example("sak-fjordvik-2026-0412.json")
    settings = workspace.settings()
    pm = make_manager()
    pm.register(Counting())
    pm.register(Locked())
    said = []
    Pipeline(settings, pm, said.append).run(date(2026, 11, 22))
    assert seen == [(1, date(2026, 11, 22), settings.paths.outbox)]
    assert "Ferdig med runden." in said
    assert (settings.paths.outbox / "Saksoversikt.xlsx").exists()  # the built-in one ran too


def test_hook_detect_adapter(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"format": "omsorgspakke-sak/1"}', encoding="utf-8")

    class Override:
        @hookimpl
        def detect_adapter(self, sample, adapters):
            return next(a for a in adapters if a.name == "ssb-barnevern-xml")

    pm = make_manager()
    assert detect(pm, path).name == "omsorgspakke-json"
    pm.register(Override())
    assert detect(pm, path).name == "ssb-barnevern-xml"


def test_hook_register_document_kinds(workspace):
    from omsorgspakke_docs.documents import document

    class Note:
        name, title, templates = "notat", "Notat", ("innkalling.docx",)

        def documents(self, ctx):
            return []

    class Plugin:
        @hookimpl
        def register_document_kinds(self, register):
            register(Note())

    pm = make_manager()
    pm.register(Plugin())
    kinds = [k.name for k in collect(pm, "register_document_kinds")]
    assert "notat" in kinds and {"oppfolgingsplan", "referat", "oversikt"} <= set(kinds)
    assert document("A/B?", "x.docx", {}).path.as_posix() == "A/B.docx"


def test_hook_register_template_filters():
    from omsorgspakke_docs.plugins import collect_filters

    filters = collect_filters(make_manager())
    from datetime import date

    assert filters["norsk_dato"](date(2026, 11, 22)) == "22. november 2026"


def test_hook_register_commands(capsys):
    from omsorgspakke_docs.cli import build_parser

    class Plugin:
        @hookimpl
        def register_commands(self, subparsers):
            sub = subparsers.add_parser("hei", help="si hei")
            sub.set_defaults(func=lambda args: print("hei") or 0)

    pm = make_manager()
    pm.register(Plugin())
    args = build_parser(pm).parse_args(["hei"])
    assert args.func(args) == 0 and capsys.readouterr().out == "hei\n"


def test_a_local_plugin_adds_a_command_to_the_real_cli(tmp_path):
    """plugins/*.py can add subcommands: the CLI reads --config before building its parser."""
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "hilsen.py").write_text(
        "from omsorgspakke_docs.hookspecs import hookimpl\n"
        "@hookimpl\n"
        "def register_commands(subparsers):\n"
        "    sub = subparsers.add_parser('hils', help='si hei')\n"
        "    sub.add_argument('--config')\n"
        "    sub.set_defaults(func=lambda args: print('hei fra plugins') or 0)\n",
        encoding="utf-8",
    )
    config = tmp_path / "annet.toml"
    config.write_text(f"[paths]\nplugins = '{(tmp_path / 'plugins').as_posix()}'\n",
                      encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def cli(*args: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "omsorgspakke_docs", *args], cwd=cwd,
                              env=env, capture_output=True, text=True, timeout=120)

    # plugins/ next to where it runs (the default [paths] plugins), or named by --config.
    for done in (cli("hils"), cli("hils", "--config", str(config), cwd=ROOT)):
        assert (done.returncode, done.stdout) == (0, "hei fra plugins\n"), done.stderr
    listed = cli("--help")
    assert "hils" in listed.stdout
    assert cli("hils", cwd=ROOT).returncode == 2  # not there without the folder


def test_local_plugins_folder_is_loaded(tmp_path):
    (tmp_path / "lokal.py").write_text(
        "from omsorgspakke_docs.hookspecs import hookimpl\n"
        "@hookimpl\n"
        "def register_template_filters(register):\n"
        "    register('rop', str.upper)\n",
        encoding="utf-8",
    )
    from omsorgspakke_docs.plugins import collect_filters

    assert collect_filters(make_manager(tmp_path))["rop"]("hei") == "HEI"


def test_a_broken_local_plugin_is_a_clear_error(tmp_path):
    (tmp_path / "odelagt.py").write_text("raise RuntimeError('oops')\n", encoding="utf-8")
    with pytest.raises(PluginError, match="odelagt.py"):
        make_manager(tmp_path)


def test_a_misspelled_hook_is_refused(tmp_path):
    (tmp_path / "feil.py").write_text(
        "from omsorgspakke_docs.hookspecs import hookimpl\n"
        "@hookimpl\n"
        "def register_adapter(register):\n"
        "    pass\n",
        encoding="utf-8",
    )
    with pytest.raises(Exception, match="register_adapter"):
        make_manager(tmp_path)


def test_entry_point_group_is_named_after_the_package():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r"\[project\.entry-points\.omsorgspakke_docs\]", text)


def test_published_case_schema_matches_the_model():
    published = json.loads((ROOT / "docs" / "case.schema.json").read_text(encoding="utf-8"))
    assert published == case_json_schema(), (
        "regenerate docs/case.schema.json (see docs/case-format.md)")
