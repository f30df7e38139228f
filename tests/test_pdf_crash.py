"""A kill during `run --pdf` loses no PDF/A copy and leaks no copy of a document: the work
folder is in the state folder (owner-only) and cleaned at the next start, and the pending
copies are recorded and made by the next run, although no document changed since.

A stand-in for LibreOffice (first one that kills the run, then one that converts) keeps
this fast and exact; test_pdf.py checks the real conversion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from omsorgspakke_docs.rendering import pdf

from .conftest import ROOT, TODAY, canonical_case

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and shebangs")

FAKE = """#!{python}
import os, signal, sys
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
out.mkdir(parents=True, exist_ok=True)
if {kill}:
    os.kill(os.getppid(), signal.SIGKILL)
    sys.exit(1)
for arg in args:
    if arg.endswith((".docx", ".xlsx")):
        (out / (Path(arg).stem + ".pdf")).write_bytes(b"%PDF-1.7 stand-in")
"""


def fake_soffice(folder: Path, kill: bool) -> Path:
    folder.mkdir(parents=True)
    script = folder / "soffice"
    script.write_text(FAKE.format(python=sys.executable, kill=kill), encoding="utf-8")
    script.chmod(0o755)
    return folder


def run_pdf(workspace, soffice_dir: Path, tmp: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp),
           "PATH": f"{soffice_dir}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        [sys.executable, "-m", "omsorgspakke_docs", "run", "--config",
         str(workspace.config_file), "--today", TODAY.isoformat(), "--pdf"],
        env=env, capture_output=True, timeout=300, cwd=workspace.root)


def test_a_kill_during_pdf_copies_leaks_nothing_and_the_next_run_makes_them(workspace,
                                                                             tmp_path):
    tmp = tmp_path / "systemtmp"
    tmp.mkdir()
    workspace.drop("sak.json", canonical_case())
    killed = run_pdf(workspace, fake_soffice(tmp_path / "dreper", kill=True), tmp)
    assert killed.returncode == -9, killed.stderr.decode()
    folder = workspace.case_folder("2026-0412")
    documents = [p for p in folder.rglob("*") if p.suffix in pdf.SUFFIXES]
    assert documents and not list(folder.rglob("*.pdf"))
    assert list(tmp.iterdir()) == [], "copies of the documents were left in the system's /tmp"

    done = run_pdf(workspace, fake_soffice(tmp_path / "virker", kill=False), tmp)
    assert done.returncode == 0, done.stderr.decode()
    assert all(p.with_suffix(".pdf").is_file() for p in documents), "pending copies not made"
    assert list(workspace.root.rglob(".tmp-*")) == [] and list(tmp.iterdir()) == []
    # Made once: a third run has nothing left to do.
    assert "ingen nye eller endrede" in run_pdf(
        workspace, tmp_path / "virker", tmp).stdout.decode()
