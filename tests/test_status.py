"""omsorgspakke status: counts of waiting, in progress, processed and failed; no personal data."""

from __future__ import annotations

import json
import time

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.intake import inbox
from omsorgspakke_docs.store.state import State

from .conftest import canonical_case

PERSONAL = ["Sofie", "Lindqvist", "14831550695", "2026-0412", "Camilla"]


def status(workspace, capsys, *args, code: int = 0) -> str:
    assert main(["status", "--config", str(workspace.config_file), *args]) == code
    return capsys.readouterr().out


def test_status_counts_every_place_a_file_can_be(workspace, capsys):
    workspace.drop("Sofie Lindqvist-Hansen 14831550695.json", canonical_case())
    workspace.drop("ødelagt.json", "{")
    workspace.cli()
    workspace.drop("Sofie Lindqvist-Hansen 14831550695.json", canonical_case())
    workspace.cli()
    capsys.readouterr()
    workspace.drop("venter.json", canonical_case(journalnummer="2026-0999"))
    inbox.claim(workspace.drop("halvveis.json", canonical_case(journalnummer="2026-0998")))

    result = json.loads(status(workspace, capsys, "--json", code=1))  # a file failed
    assert result["waiting"] == 1 and result["in_progress"] == 1 and result["retrying"] == 0
    assert result["processed"] == 1 and result["duplicates"] == 1
    assert result["failed"] == 1 and result["failed_total"] == 1
    assert result["last_processed"] and result["running"] is False

    text = status(workspace, capsys, code=1)
    assert "Venter i innboksen:" in text and "1 fil" in text
    assert "i tillegg 1 duplikat uten" in text and "ligger i feilmappen" in text
    assert "Sist behandlet:" in text and " kl. " in text and "ingen kjører nå" in text
    for secret in PERSONAL + ["halvveis", "venter.json", "ødelagt"]:
        assert secret not in text and secret not in json.dumps(result)


def test_status_of_a_fresh_installation(workspace, capsys):
    text = status(workspace, capsys)
    assert "ingen filer er behandlet ennå" in text
    assert not (workspace.state / "journal.sqlite3").exists()


def test_status_says_when_a_worker_is_running(workspace, capsys):
    with State(workspace.state).lock():
        result = json.loads(status(workspace, capsys, "--json"))
    assert result["running"] is True


def test_status_exit_code_tells_monitoring_when_a_file_failed(workspace, capsys):
    workspace.drop("sak.json", canonical_case())
    workspace.cli()
    status(workspace, capsys)  # processed, nothing failed: 0
    workspace.drop("ødelagt.json", "{")
    workspace.cli()
    status(workspace, capsys, code=1)
    (workspace.failed / "ødelagt.json").unlink()  # IT took care of it
    status(workspace, capsys)


def test_status_tells_of_an_inbox_entry_that_is_never_taken(workspace, capsys, tmp_path):
    """A hard link (or symlink, FIFO) is left alone in the inbox (issue 11); status says it
    is there, instead of "0 filer" while staff can see a file in the folder."""
    elsewhere = tmp_path / "utenfor.json"
    elsewhere.write_text(json.dumps(canonical_case()), encoding="utf-8")
    (workspace.inbox / "lenke.json").hardlink_to(elsewhere)
    result = json.loads(status(workspace, capsys, "--json"))
    assert result["waiting"] == 0 and result["refused"] == 1
    text = status(workspace, capsys)
    assert "0 filer; 1 oppføring blir ikke tatt inn" in text
    assert "lenke.json" not in text


def test_status_tells_of_a_copy_that_stopped_half_way(workspace, capsys):
    """«sak.json.part» lay in the inbox for weeks while status said «0 filer»: the copy had
    stopped, and its export never arrived."""
    import os
    import time

    stopped = workspace.inbox / "sak-fjellvik-2026-0520.json.part"
    stopped.write_text('{"format": "omsorgspakke-sak/1", "journ', encoding="utf-8")
    assert json.loads(status(workspace, capsys, "--json"))["stalled_copies"] == 0  # copying
    old = time.time() - 2 * 60 * 60
    os.utime(stopped, (old, old))
    result = json.loads(status(workspace, capsys, "--json"))
    assert result["waiting"] == 0 and result["stalled_copies"] == 1
    text = status(workspace, capsys)
    assert "0 filer; uferdige kopier: 1 fil" in text and "kopier filene inn på nytt" in text
    assert "fjellvik" not in text


def test_the_last_file_is_the_last_on_the_night_summer_time_ends(tmp_path, monkeypatch):
    """25 October 2026: 02:50 summer time (+02:00) comes before 02:10 winter time (+01:00).
    Kept in local time, the ledger's MAX put the earlier last (helper 111)."""
    from datetime import UTC, datetime, timedelta, timezone

    from omsorgspakke_docs.store import ledger as ledger_module
    from omsorgspakke_docs.store.ledger import DONE, Ledger

    clock: list[datetime] = []

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return clock[-1].astimezone(tz)

    monkeypatch.setattr(ledger_module, "datetime", Clock)
    monkeypatch.setenv("TZ", "Europe/Oslo")  # a service's machine in Norway
    time.tzset()
    book = Ledger(tmp_path)
    clock.append(datetime(2026, 10, 25, 2, 50, tzinfo=timezone(timedelta(hours=2))))
    book.finished("a" * 64, "fil-a", DONE)
    clock.append(datetime(2026, 10, 25, 2, 10, tzinfo=timezone(timedelta(hours=1))))
    book.finished("b" * 64, "fil-b", DONE)
    last = book.counts().last_processed
    assert last is not None
    monkeypatch.undo()
    time.tzset()
    assert datetime.fromisoformat(last) == datetime(2026, 10, 25, 1, 10, tzinfo=UTC), last
