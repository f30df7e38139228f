"""Every log line has an event, and rotation survives a file another process holds open."""

from __future__ import annotations

import json
import logging
import os

from omsorgspakke_docs import logs

from .conftest import canonical_case


def test_every_line_of_a_run_has_an_event(workspace):
    workspace.drop("sak.json", canonical_case())
    workspace.drop("ødelagt.json", "{")
    workspace.cli()
    lines = (workspace.state / "logs" / logs.LOG_FILE).read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert len(entries) >= 3 and all(entry.get("event") for entry in entries)


def held_rename(monkeypatch):
    """os.rename as on Windows while an antivirus scanner holds the log file."""
    real = os.rename

    def rename(source, target):
        if str(source).endswith(logs.LOG_FILE):
            raise PermissionError(32, "The process cannot access the file because it is "
                                      "being used by another process")
        return real(source, target)

    monkeypatch.setattr(os, "rename", rename)
    return real


def test_rotation_waits_while_another_process_holds_the_file(tmp_path, monkeypatch):
    real_rename = held_rename(monkeypatch)
    handler = logs.SharedRotatingFileHandler(tmp_path / logs.LOG_FILE, maxBytes=200,
                                             backupCount=2, encoding="utf-8")
    logger = logging.getLogger("test-rotation")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    errors: list = []
    monkeypatch.setattr(handler, "handleError", errors.append)
    try:
        for n in range(20):
            logger.info("linje %02d %s", n, "x" * 40)
        # Nothing lost, no error: the file grew past the limit instead.
        text = (tmp_path / logs.LOG_FILE).read_text(encoding="utf-8")
        assert errors == [] and all(f"linje {n:02d}" in text for n in range(20))
        assert not (tmp_path / f"{logs.LOG_FILE}.1").exists()
        # The file is let go, and the retry time has passed: the next line rotates.
        monkeypatch.setattr(os, "rename", real_rename)
        handler._next_try = 0.0
        logger.info("etter")
        assert (tmp_path / f"{logs.LOG_FILE}.1").is_file()
        assert (tmp_path / logs.LOG_FILE).read_text(encoding="utf-8") == "etter\n"
    finally:
        logger.removeHandler(handler)
        handler.close()
