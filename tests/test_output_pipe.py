"""Output piped into a reader that stops early (omsorgspakke check | head -1) is not an
unexpected error: the command finishes and exits with its own code."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT


def test_a_closed_pipe_is_not_an_unexpected_error(workspace):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "omsorgspakke_docs", "check", "--config",
         str(workspace.config_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=workspace.root)
    process.stdout.close()  # the reader is gone before anything is written
    with process.stderr:
        err = process.stderr.read().decode()
    code = process.wait(timeout=120)
    expected = subprocess.run(
        [sys.executable, "-m", "omsorgspakke_docs", "check", "--config",
         str(workspace.config_file)], capture_output=True, env=env, cwd=workspace.root)
    assert code == expected.returncode != 3, err
    assert "BrokenPipe" not in err and "uventet feil" not in err
