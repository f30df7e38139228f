"""The watch starts again by itself when IT changes what it runs with (a new vendor's
mapping, an edited setting, an upgrade), between files; a setup it cannot start with (a
half-edited configuration, a broken mapping, an upgrade written halfway, a folder not yet
made) leaves it running with what it has, and a stop that comes meanwhile is a stop."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from omsorgspakke_docs import config as configuration
from omsorgspakke_docs import stop_requests
from omsorgspakke_docs.cli import main
from omsorgspakke_docs.commands.watch import start_again
from omsorgspakke_docs.run.setup_watch import Setup, places
from omsorgspakke_docs.store import state

from .conftest import ROOT, TODAY
from .test_watch import (
    DEADLINE,
    configure,
    files,
    real_case,
    spawn,
    wait_started,
    wait_until,
)


@contextmanager
def _killed_at_the_end(process: subprocess.Popen) -> Iterator[subprocess.Popen]:
    """The watch started for a test, killed when the test leaves it still running (failed)."""
    try:
        yield process
    finally:
        process.kill()
        process.wait()


def _stop_cleanly(process: subprocess.Popen) -> None:
    """Stopped as a service manager stops it (SIGTERM): a clean stop, exit code 0."""
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=DEADLINE) == 0


def test_a_new_mapping_file_goes_live_without_restarting_the_service(workspace):
    """IT drops a vendor's mapping beside the running service: the watch says it starts
    again, watches again, and the vendor's export then becomes documents."""
    own = workspace.own_mappings()
    configure(workspace, rescan_seconds=0.2)
    process = spawn(workspace)
    with _killed_at_the_end(process):
        wait_started(workspace)
        shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", own)
        wait_started(workspace, already=1)
        workspace.drop_example("vendor-familia-personrapport.csv")
        wait_until(lambda: files(workspace.archive), "the vendor's export to be processed")
        _stop_cleanly(process)
    said = (workspace.root / "watch.stderr").read_text(encoding="utf-8")
    assert "Oppsettet er endret" in said and "Starter på nytt med det nye" in said
    assert said.lower().count("oppsettet er endret") == 1, "said once on the console"
    logged = (workspace.state / "logs" / "omsorgspakke.jsonl").read_text(encoding="utf-8")
    assert '"event": "setup_changed"' in logged
    assert files(workspace.archive) == ["vendor-familia-personrapport.csv"]
    assert files(workspace.failed) == []


def test_a_change_waits_until_it_has_settled(tmp_path):
    config = tmp_path / "omsorgspakke.toml"
    config.write_text("", encoding="utf-8")
    setup = Setup([config, tmp_path / "mappings"], [], judge=lambda argv: (None, []))
    assert not setup.changed()
    (tmp_path / "mappings").mkdir()
    (tmp_path / "mappings" / "ny.toml").write_text("[format]\n", encoding="utf-8")
    assert not setup.changed(), "acted on at the first look: an upgrade may be halfway"
    assert setup.changed()


def test_a_configuration_that_cannot_be_read_keeps_the_watch_as_it_is(tmp_path, caplog):
    config = tmp_path / "omsorgspakke.toml"
    config.write_text("[service]\n", encoding="utf-8")

    setup = Setup([config], [], judge=lambda argv: ("ConfigError", []))
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
    setup = Setup([package], [], judge=lambda argv: (None, []))
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
    setup = Setup(places(settings), [], judge=lambda argv: (None, []))
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
    setup = Setup(places(settings), ["watch", "--config", str(workspace.config_file)],
                  mappings=settings.paths.mappings)
    mapping.write_text(good.replace("[", "[[", 1), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="omsorgspakke"):
        assert not any(setup.changed() for _ in range(3))
    said = [r for r in caplog.records if getattr(r, "event", "") == "setup_unreadable"]
    assert len(said) == 1, "said once for the same files"
    assert "familia-personrapport.toml" in said[0].getMessage()
    assert "omsorgspakke check" in said[0].getMessage()
    mapping.write_text(good + "\n", encoding="utf-8")
    assert not setup.changed() and setup.changed()



def test_the_one_good_mapping_file_removed_keeps_the_watch_as_it_is(workspace, caplog):
    """A folder of one good mapping file and a broken one, and the good one removed: a
    watch starting again would refuse to start (every one broken, helper 606) and the
    service would stop; it keeps the mapping it has and names the broken file."""
    own = workspace.own_mappings()
    good = Path(shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", own))
    (own / "ny.toml").write_text('[mapping]\nnavn = "ny"\n', encoding="utf-8")
    settings = workspace.settings()
    setup = Setup(places(settings), ["watch", "--config", str(workspace.config_file)],
                  mappings=settings.paths.mappings)
    good.unlink()
    with caplog.at_level(logging.WARNING, logger="omsorgspakke"):
        assert not any(setup.changed() for _ in range(3))
    said = [r for r in caplog.records if getattr(r, "event", "") == "setup_unreadable"]
    assert len(said) == 1 and "ny.toml" in said[0].getMessage()


def test_an_upgrade_that_cannot_start_keeps_the_watch_running_until_it_can(workspace):
    """The program is upgraded halfway (a module written halfway, one the old program
    already holds in memory): starting again with it would end the service. The watch keeps
    running as it was, says so once, and starts again with the program once it can start."""
    program = workspace.root.parent / "program"
    shutil.copytree(ROOT / "omsorgspakke_docs", program / "omsorgspakke_docs",
                    ignore=shutil.ignore_patterns("__pycache__"))
    configure(workspace, rescan_seconds=0.2)
    env = {**os.environ, "PYTHONPATH": str(program)}
    said = workspace.root / "watch.stderr"
    with open(said, "ab") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "omsorgspakke_docs", "watch", "--config",
             str(workspace.config_file), "--today", TODAY.isoformat()],
            cwd=workspace.root, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    cli = program / "omsorgspakke_docs" / "cli.py"
    installed = cli.read_bytes()
    text = _refused_until_fixed(
        workspace, process,
        lambda: cli.write_bytes(installed[:installed.index(b"def main(") + 9]),  # halfway
        lambda: cli.write_bytes(installed + b"\n# the upgrade, written whole\n"))
    assert "Traceback" not in text


def _refused_until_fixed(workspace, process: subprocess.Popen, break_it, fix_it) -> str:
    """The running watch's setup broken: it says once it cannot start with it, takes a file
    meanwhile and keeps running; fixed: it starts again, and stops cleanly. Its stderr."""
    said = workspace.root / "watch.stderr"
    with _killed_at_the_end(process):
        wait_started(workspace)
        break_it()
        wait_until(lambda: "kan ikke starte med det" in said.read_text(encoding="utf-8"),
                   "the watch to see it cannot start with the new setup")
        workspace.drop("sak-1.json", real_case(1))
        wait_until(lambda: files(workspace.archive), "a file to be processed meanwhile")
        assert process.poll() is None, "the watch ended"
        fix_it()
        wait_started(workspace, already=1)
        _stop_cleanly(process)
    text = said.read_text(encoding="utf-8")
    assert text.count("kan ikke starte med det") == 1
    return text



def test_a_configuration_the_watch_cannot_start_with_waits_until_it_can(workspace):
    """IT moves the inbox in the configuration before the new folder is there: starting
    again would stop the service («Innboksen … finnes ikke»). The watch keeps the inbox it
    has, says so once, and starts again with the new one once the folder is made."""
    configure(workspace, rescan_seconds=0.2)
    config = workspace.config_file.read_text(encoding="utf-8")
    text = _refused_until_fixed(
        workspace, spawn(workspace),
        lambda: workspace.config_file.write_text(
            config.replace("[paths]\n", '[paths]\ninbox = "ny"\n'), encoding="utf-8"),
        lambda: (workspace.root / "ny").mkdir())
    assert f"Følger med på innboksen {workspace.root / 'ny'}" in text



def test_a_configuration_file_made_beside_a_watch_started_without_one_is_a_change(
        tmp_path, monkeypatch):
    """Started without a configuration file (the defaults): the omsorgspakke.toml IT then
    saves in the folder it runs in is what it would start with, so it starts again."""
    monkeypatch.chdir(tmp_path)
    settings = configuration.load(None)
    assert settings.source is None
    setup = Setup(places(settings), ["watch"], judge=lambda argv: (None, []))
    (tmp_path / "omsorgspakke.toml").write_text("[watch]\nrescan_seconds = 5\n",
                                                encoding="utf-8")
    assert not setup.changed() and setup.changed()



def test_a_file_saved_again_as_it_was_is_no_change(workspace):
    """A configuration tool or a sync that writes the same configuration again (or IT saving
    a mapping file without changing it) does not start the watch again; what is in the
    files counts, not when they were written."""
    own = workspace.own_mappings()
    mapping = Path(shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", own))
    settings = workspace.settings()
    setup = Setup(places(settings), [], judge=lambda argv: (None, []))
    for file in (workspace.config_file, mapping):
        file.write_bytes(file.read_bytes())
        os.utime(file, ns=(10**18, 10**18))
    assert not setup.changed() and not setup.changed()



def test_a_mapping_folder_out_of_reach_for_a_while_is_no_change(workspace):
    """The mapping folder on a file server that is away for some minutes: starting again
    then would start without the mappings (every vendor's export failing); the watch keeps
    the ones it has, and nothing has changed once the folder is back."""
    own = workspace.own_mappings()
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", own)
    settings = workspace.settings()
    setup = Setup(places(settings), [], judge=lambda argv: (None, []))
    away = own.rename(workspace.root / "utilgjengelig")
    assert not any(setup.changed() for _ in range(3)), "started again without the mappings"
    away.rename(own)
    assert not setup.changed() and not setup.changed()



def test_a_setup_it_cannot_start_with_is_tried_again_now_and_then(tmp_path):
    """Each try is a process of its own: with a look every second, a configuration left
    broken for an hour is not tried 3600 times."""
    config = tmp_path / "omsorgspakke.toml"
    config.write_text("", encoding="utf-8")
    tries: list[list[str]] = []
    now = [100.0]

    def judge(argv):
        tries.append(argv)
        return "ConfigError", []

    setup = Setup([config], [], judge=judge, clock=lambda: now[0])
    config.write_text("[watch\n", encoding="utf-8")
    for _ in range(20):
        setup.changed()
        now[0] += 1.0
    assert len(tries) == 2



def test_a_try_ended_by_the_service_stopping_says_nothing(workspace, caplog, monkeypatch):
    """The service manager stops the watch (SIGTERM to all its processes) while the program
    tries a changed setup: the log does not say the setup is broken."""
    settings = workspace.settings()
    setup = Setup(places(settings), ["watch", "--config", str(workspace.config_file)])
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: subprocess.CompletedProcess(
        command, -signal.SIGTERM, "", ""))  # the try, ended by the SIGTERM
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8") + "\n",
                                     encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="omsorgspakke"):
        assert not setup.changed() and not setup.changed()
    assert [r for r in caplog.records if getattr(r, "event", "")] == []



def test_a_new_template_lock_or_programme_file_is_a_change(workspace):
    """Read once as the watch starts, as the configuration is: IT approves changed templates
    (omsorgspakke templates lock) or edits the municipality's own programme, and the watch
    starts again with them, not refusing the approved templates with the old lock."""
    lock = workspace.root / "godkjente-maler.sha256"
    programme = workspace.root / "eget-program.toml"
    for file in (lock, programme):
        file.write_text("", encoding="utf-8")
    workspace.config_file.write_text(
        f'template_lock = "{lock.name}"\n\n[programme]\nfile = "{programme.name}"\n\n'
        + workspace.config_file.read_text(encoding="utf-8"), encoding="utf-8")
    settings = workspace.settings()
    for file in (lock, programme):
        setup = Setup(places(settings), [], judge=lambda argv: (None, []))
        file.write_text("endret\n", encoding="utf-8")
        assert not setup.changed() and setup.changed(), file.name


@pytest.fixture
def setup_changes(monkeypatch):
    """The watch command, in this process, whose setup has changed at the first look; the
    start again (os.execv) is recorded, not done. Each look runs then[0] first, if given."""
    execs: list[list[str]] = []
    then: list = []

    def changed(self):
        if then:
            then[0]()
        return True

    monkeypatch.setattr(Setup, "changed", changed)
    monkeypatch.setattr(os, "execv", lambda path, argv: execs.append(argv))
    return execs, then


def test_a_stop_that_comes_while_the_setup_is_looked_at_stops_the_watch(workspace, capsys,
                                                                          setup_changes):
    """A SIGTERM from the service manager as the watch finds a changed setup: it stops, as
    asked, and does not start again (a new process would not know it was asked to stop)."""
    execs, then = setup_changes
    then.append(lambda: os.kill(os.getpid(), signal.SIGTERM))
    configure(workspace, rescan_seconds=0.1)
    code = main(["watch", "--config", str(workspace.config_file), "--today", TODAY.isoformat()])
    said = capsys.readouterr().err
    assert code == 0 and execs == []
    assert "Stoppet. Ingen fil er halvveis behandlet." in said
    assert "Starter på nytt" not in said


def test_a_stop_that_came_after_the_watch_stopped_to_start_again_is_kept(workspace, capsys,
                                                                          setup_changes):
    execs, _ = setup_changes
    configure(workspace, rescan_seconds=0.1)
    code = main(["watch", "--config", str(workspace.config_file), "--today", TODAY.isoformat()])
    assert execs and code == 0  # os.execv recorded, not done: start_again falls through
    execs.clear()
    stop_requests.requested.set()  # a SIGTERM after the watch's own handler was gone
    try:
        assert start_again() == 0 and execs == []
    finally:
        stop_requests.requested.clear()


def test_json_mode_prints_one_summary_for_a_watch_that_starts_again(workspace, capsys,
                                                                    setup_changes):
    """With --json, what reads stdout gets one JSON document when the watch stops, not one
    more at each start again."""
    execs, _ = setup_changes
    configure(workspace, rescan_seconds=0.1)
    main(["watch", "--json", "--config", str(workspace.config_file), "--today",
          TODAY.isoformat()])
    assert execs, "started again"
    assert capsys.readouterr().out == ""


def test_where_the_watch_cannot_start_again_in_place_it_says_the_service_is_to_be_restarted(
        tmp_path, caplog):
    """Windows: an exit is a failure to WinSW, which stops restarting after a few; the watch
    keeps its setup and says once per change that the service is to be restarted."""
    config = tmp_path / "omsorgspakke.toml"
    config.write_text("[service]\n", encoding="utf-8")
    judged: list[list[str]] = []
    setup = Setup([config], ["watch"], judge=lambda argv: judged.append(argv) or (None, []),
                  restarts=False)
    config.write_text("[service]\nnavn = \"Ny\"\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="omsorgspakke"):
        assert not any(setup.changed() for _ in range(4))
    said = [r for r in caplog.records
            if getattr(r, "event", "") == "setup_changed_restart_needed"]
    assert len(said) == 1 and "start tjenesten på nytt" in said[0].getMessage()
    assert judged == [], "no trial process for a restart that will not come"


# -- the moment between the watch and the watch started again ------------------------------
HELD_AS_IT_STARTS_AGAIN = '''\
import sys
from collections.abc import Iterator
from contextlib import contextmanager
import time
from pathlib import Path

if "watch" in sys.orig_argv and "omsorgspakke_docs.run.setup_watch" not in sys.orig_argv:
    here = Path(__file__).parent
    try:
        open(here / "started", "x").close()
    except FileExistsError:  # the watch started again: held as Python starts, until let go
        (here / "starting-again").touch()
        while not (here / "go").exists():
            time.sleep(0.05)
'''
"""A sitecustomize.py: the watch started again (os.execv) is held as Python starts, before
the program is loaded, until the test lets it go: the slowest a start can be."""


def _spawn_held(workspace, *python: str) -> tuple[subprocess.Popen, Path]:
    """omsorgspakke watch in its own process (python: the interpreter's options), held as it
    starts again (HELD_AS_IT_STARTS_AGAIN); the folder where it says so and is let go."""
    gate = workspace.root.parent / "gate"
    gate.mkdir()
    (gate / "sitecustomize.py").write_text(HELD_AS_IT_STARTS_AGAIN, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(gate)])}
    with open(workspace.root / "watch.stderr", "ab") as stderr:
        process = subprocess.Popen(
            [sys.executable, *python, "-m", "omsorgspakke_docs", "watch", "--config",
             str(workspace.config_file), "--today", TODAY.isoformat()],
            cwd=workspace.root, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    return process, gate


def _starts_again(workspace, gate: Path) -> None:
    """A new vendor's mapping for the running watch; until it is starting again, held."""
    shutil.copy(ROOT / "mappings" / "familia-personrapport.toml", workspace.own_mappings())
    wait_until(lambda: (gate / "starting-again").exists(), "the watch to start again")


def test_no_run_takes_the_folders_while_the_watch_starts_again(workspace):
    """A run started by a cron job or by hand in the moment the watch starts again is
    refused, as it is while the watch runs: the folders are handed over from the watch to
    the watch started again, not let go in between."""
    configure(workspace, rescan_seconds=0.2)
    process, gate = _spawn_held(workspace)
    with _killed_at_the_end(process):
        wait_started(workspace)
        _starts_again(workspace, gate)
        run = subprocess.run(
            [sys.executable, "-m", "omsorgspakke_docs", "run", "--config",
             str(workspace.config_file), "--today", TODAY.isoformat()],
            cwd=workspace.root, env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True, text=True, timeout=DEADLINE)
        (gate / "go").touch()
        wait_started(workspace, already=1)
        _stop_cleanly(process)
    assert run.returncode == 2
    assert "En annen behandling (omsorgspakke watch eller run) arbeider allerede" in run.stderr


def test_only_the_state_folders_own_lock_is_taken_over(tmp_path, monkeypatch):
    """The lock named in the environment is taken over only when it is the file handed
    over and the state folder's lock: a variable naming another open file lets no run in
    beside the one working on the folders, and the lock of a state folder the configuration
    moved away from is let go (a run can work there again)."""
    folder, moved = tmp_path / "tilstand", tmp_path / "ny-tilstand"
    folder.mkdir()
    moved.mkdir()
    monkeypatch.setenv(state.LOCK_HANDED_OVER, "")
    with state.lock(folder), open(tmp_path / "annen-fil", "wb") as other:
        lock_file = (folder / state.LOCK_FILE).stat()
        os.environ[state.LOCK_HANDED_OVER] = \
            f"{other.fileno()}:{lock_file.st_dev}:{lock_file.st_ino}"
        with pytest.raises(state.Busy):
            with state.lock(folder, wait_seconds=0):
                pass
        os.fstat(other.fileno())  # left alone
    with state.lock(folder):
        kept = state.keep_lock(folder)
    assert kept is not None and state.is_busy(folder), "kept for the watch started again"
    state.hand_over(kept)
    with state.lock(moved):
        assert not state.is_busy(folder)


def test_a_stop_as_the_watch_starts_again_is_a_clean_stop(workspace):
    """The service manager stops the service (SIGTERM) in the moment the watch starts
    again, before the new program could take a stop request: it stops as at any other
    time, with «Stoppet» and exit code 0, not ended by the signal (a failed stop)."""
    configure(workspace, rescan_seconds=0.2)
    process, gate = _spawn_held(workspace)
    with _killed_at_the_end(process):
        wait_started(workspace)
        _starts_again(workspace, gate)
        process.send_signal(signal.SIGTERM)
        (gate / "go").touch()
        assert process.wait(timeout=DEADLINE) == 0
    said = (workspace.root / "watch.stderr").read_text(encoding="utf-8")
    assert said.rstrip().endswith("Stoppet. Ingen fil er halvveis behandlet.")


def test_a_changed_setup_is_tried_with_the_options_python_was_started_with(workspace):
    """The service runs Python with warnings as errors (-W error): a plugin that warns as it
    is loaded cannot start the watch so, and starting again with it would end the service.
    The watch is tried as it will start again: it says once that it cannot start with the
    setup, runs on, and starts again once the plugin is fixed."""
    configure(workspace, rescan_seconds=0.2)
    plugin = workspace.root / "plugins" / "utdatert.py"
    process, gate = _spawn_held(workspace, "-W", "error::UserWarning")
    (gate / "go").touch()  # not held
    _refused_until_fixed(
        workspace, process,
        lambda: plugin.write_text("import warnings\n\nwarnings.warn('utdatert', UserWarning)\n",
                                  encoding="utf-8"),
        lambda: plugin.write_text("# the plugin, fixed\n", encoding="utf-8"))
