"""Installation: --version, exit codes in every help, `init`, and a real non-editable install.

The last test builds the wheel and installs it into a fresh virtual environment outside the
checkout, as IT would with `pip install .`, then lays out a configuration folder with
`omsorgspakke init` and processes the examples there. It needs no network: the wheel is built
with the setuptools already installed (the test extra), and the fresh environment borrows
the dependencies already installed here through a .pth file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from omsorgspakke_docs import __version__, config
from omsorgspakke_docs.cli import build_parser, main

from .conftest import EXAMPLES, ROOT

TODAY = "2026-11-22"
SOURCES = ("omsorgspakke_docs", "templates", "mappings", "examples", "plugins",
           "pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE")
NEEDS_PLUGIN = {"vendor-klientliste-fastbredde.txt"}  # read by the example plugin only


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"omsorgspakke {__version__}"


def subcommand_parsers(parser) -> dict:
    found = {}
    for action in parser._subparsers._group_actions:
        for name, sub in action.choices.items():
            found[name] = sub
            if sub._subparsers is not None:
                found.update({f"{name} {k}": v for k, v in subcommand_parsers(sub).items()})
    return found


def test_every_subcommand_help_lists_its_exit_codes():
    parsers = subcommand_parsers(build_parser())
    assert {"run", "watch", "status", "check", "init", "templates check"} <= set(parsers)
    for name, parser in parsers.items():
        text = " ".join(parser.format_help().split())
        assert "Avslutter med 0" in text, name
        assert "2 ved feil i bruk eller konfigurasjon" in text, name
        assert "3 når en uventet feil stoppet programmet" in text, name
    assert "1 når minst én fil ble satt til side" in " ".join(
        parsers["run"].format_help().split())


def drop_examples(inbox: Path) -> None:
    for example in EXAMPLES.iterdir():
        if example.suffix != ".md" and example.name != "omsorgspakke.toml" \
                and example.name not in NEEDS_PLUGIN:
            shutil.copy2(example, inbox / example.name)


def test_init_lays_out_a_folder_that_passes_check_and_runs(tmp_path, capsys):
    folder = tmp_path / "Omsorgspakke"
    assert main(["init", str(folder)]) == 0
    for name in ("inbox", "outbox", "archive", "failed", "state", "plugins"):
        assert (folder / name).is_dir()
    assert (folder / "templates" / "nb" / "referat.docx").is_file()
    assert (folder / "templates" / "nn" / "referat.docx").is_file()
    assert (folder / "mappings" / "familia-personrapport.toml").is_file()
    settings = config.load(folder / "omsorgspakke.toml")
    assert settings.paths.templates == folder / "templates"
    text = (folder / "omsorgspakke.toml").read_text(encoding="utf-8")
    assert "'\\\\filserver\\barnevern$\\omsorgspakke\\inbox'" in text  # UNC in single quotes
    config_file = str(folder / "omsorgspakke.toml")
    assert main(["check", "--config", config_file]) == 0
    drop_examples(folder / "inbox")
    assert main(["run", "--config", config_file, "--today", TODAY]) == 0
    assert (folder / "outbox" / "2026-0412" / "01 Oppfølgingsplan.docx").is_file()
    capsys.readouterr()
    # Never over an existing configuration.
    assert main(["init", str(folder)]) == 2
    assert "finnes fra før" in capsys.readouterr().err


def _paths(python: Path) -> dict:
    out = subprocess.run([str(python), "-c", "import sysconfig, json; "
                          "print(json.dumps(sysconfig.get_paths()))"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def test_a_non_editable_install_runs_anywhere(tmp_path):
    source = tmp_path / "kilde"
    source.mkdir()
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name)
    for cache in source.rglob("__pycache__"):
        shutil.rmtree(cache)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    paths = _paths(python)
    # The dependencies already installed here, without the editable install's .pth files.
    Path(paths["purelib"], "deps-from-test.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["OMSORGSPAKKE_WORKERS"] = "1"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", "--no-build-isolation", "--no-index", str(source)],
                   check=True, env=env, cwd=tmp_path)
    shutil.rmtree(source)  # nothing may still come from the source folder
    elsewhere = tmp_path / "et annet sted"
    elsewhere.mkdir()
    script = Path(paths["scripts"]) / ("omsorgspakke.exe" if os.name == "nt" else "omsorgspakke")

    def omsorgspakke(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(script), *args], cwd=elsewhere, env=env,
                              capture_output=True, text=True)

    where = subprocess.run([str(python), "-c", "import omsorgspakke_docs as p; print(p.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(venv)
    assert omsorgspakke("--version").stdout.strip() == f"omsorgspakke {__version__}"
    assert omsorgspakke("init", "oppsett").returncode == 0
    folder = elsewhere / "oppsett"
    drop_examples(folder / "inbox")
    done = omsorgspakke("run", "--config", str(folder / "omsorgspakke.toml"), "--today", TODAY)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (folder / "outbox" / "2026-0412" / "01 Oppfølgingsplan.docx").is_file()
    assert not any(folder.joinpath("failed").iterdir())
    bundled = Path(where.stdout.strip()).parent / "_bundled"
    assert (bundled / "examples" / "vendor-klientliste-fastbredde.txt").is_file()
    assert (bundled / "plugins" / "example_fastbredde.py").is_file()
