"""The watch starts again by itself when IT changes what it runs with (a new vendor's
mapping, an edited setting, an upgrade), between files; a half-edited configuration leaves
it running with what it has."""

from __future__ import annotations

import logging
import shutil
import signal
from pathlib import Path

from omsorgspakke_docs.run.setup_watch import Setup, places

from .conftest import ROOT
from .test_watch import DEADLINE, configure, files, spawn, wait_started, wait_until


def test_a_new_mapping_file_goes_live_without_restarting_the_service(workspace):
    """IT drops a vendor's mapping beside the running service: the watch says it starts
    again, watches again, and the vendor's export then becomes documents."""
    own = workspace.own_mappings()
    configure(workspace, rescan_seconds=0.2)
    process = spawn(workspace)
    try:
        wait_started(workspace)
        shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", own)
        wait_started(workspace, already=1)
        workspace.drop_example("vendor-familia-personrapport.csv")
        wait_until(lambda: files(workspace.archive), "the vendor's export to be processed")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=DEADLINE) == 0
    finally:
        process.kill()
        process.wait()
    said = (workspace.root / "watch.stderr").read_text(encoding="utf-8")
    assert "Oppsettet er endret" in said and "Starter på nytt med det nye" in said
    assert files(workspace.archive) == ["vendor-familia-personrapport.csv"]
    assert files(workspace.failed) == []


def test_a_change_waits_until_it_has_settled(tmp_path):
    config = tmp_path / "omsorgspakke.toml"
    config.write_text("", encoding="utf-8")
    setup = Setup([config, tmp_path / "mappings"], config, loads=lambda path: None)
    assert not setup.changed()
    (tmp_path / "mappings").mkdir()
    (tmp_path / "mappings" / "ny.toml").write_text("[format]\n", encoding="utf-8")
    assert not setup.changed(), "acted on at the first look: an upgrade may be halfway"
    assert setup.changed()


def test_a_configuration_that_cannot_be_read_keeps_the_watch_as_it_is(tmp_path, caplog):
    config = tmp_path / "omsorgspakke.toml"
    config.write_text("[service]\n", encoding="utf-8")

    def loads(path):
        raise ValueError("half-edited")

    setup = Setup([config], config, loads=loads)
    config.write_text("[service\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="omsorgspakke"):
        assert not setup.changed()
        assert not setup.changed()
        assert not setup.changed()
    said = [r for r in caplog.records if getattr(r, "event", "") == "setup_unreadable"]
    assert len(said) == 1, "said once for the same files"
    assert "omsorgspakke check" in said[0].getMessage()


def test_python_caches_are_no_change(tmp_path):
    package = tmp_path / "pakke"
    (package / "__pycache__").mkdir(parents=True)
    (package / "modul.py").write_text("", encoding="utf-8")
    setup = Setup([package], None, loads=lambda path: None)
    (package / "__pycache__" / "modul.cpython-311.pyc").write_bytes(b"x")
    assert not setup.changed() and not setup.changed()


def test_files_beside_the_mappings_and_plugins_are_no_change(workspace):
    """Only what the watch reads counts: the *.toml files in the mapping folder and the *.py
    files in the plugins folder. An editor's swap file, a backup, a git folder or a log kept
    there would otherwise start it again every time they are written."""
    own = workspace.own_mappings()
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", own)
    settings = workspace.settings()
    settings.paths.plugins.mkdir(parents=True, exist_ok=True)
    setup = Setup(places(settings), settings.source, loads=lambda path: None)
    (own / ".familia-personrapport.toml.swp").write_bytes(b"vim")
    (own / "familia-personrapport.toml~").write_text("[format\n", encoding="utf-8")
    (own / ".git").mkdir()
    (own / ".git" / "index").write_bytes(b"git")
    (own / "gamle").mkdir()
    (own / "gamle" / "familia-2025.toml").write_text("[format\n", encoding="utf-8")
    (settings.paths.plugins / "notater.txt").write_text("", encoding="utf-8")
    assert not setup.changed() and not setup.changed(), "started again for a file never read"
    (own / "ny-leverandor.toml").write_text("[format\n", encoding="utf-8")
    assert not setup.changed() and setup.changed(), "a mapping file read by the watch"


def test_a_mapping_file_broken_by_an_edit_keeps_the_watch_as_it_is(workspace, caplog):
    """A mapping that works, saved half-edited: starting again would leave that vendor's
    exports out until it is fixed; the watch keeps the mapping it has, says so once, and
    starts again once the file is fixed."""
    own = workspace.own_mappings()
    mapping = Path(shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", own))
    good = mapping.read_text(encoding="utf-8")
    settings = workspace.settings()
    setup = Setup(places(settings), settings.source, mappings=settings.paths.mappings)
    mapping.write_text(good.replace("[", "[[", 1), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="omsorgspakke"):
        assert not any(setup.changed() for _ in range(3))
    said = [r for r in caplog.records if getattr(r, "event", "") == "setup_unreadable"]
    assert len(said) == 1, "said once for the same files"
    assert "familia-personrapport.toml" in said[0].getMessage()
    assert "omsorgspakke check" in said[0].getMessage()
    mapping.write_text(good + "\n", encoding="utf-8")
    assert not setup.changed() and setup.changed()

