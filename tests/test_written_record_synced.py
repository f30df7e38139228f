"""The outbox's record of what we wrote (store/written.py) is on disk before the documents
it vouches for change: a power cut after them then never leaves it behind them, where it
would take a caseworker's copy of an earlier version of ours, put back, for ours."""

from __future__ import annotations

import os

from omsorgspakke_docs.store import commit
from omsorgspakke_docs.store.written import FOLDER, Written

from .test_written_record_attack import CASE, DAY2, TODAY


def test_the_record_is_synced_before_the_documents_are_written(workspace, monkeypatch):
    workspace.drop_example(CASE)
    workspace.run(TODAY)
    record_folder = os.stat(workspace.outbox / FOLDER)
    events: list[str] = []
    real_write, real_fsync, real_atomic = Written._write_shard, os.fsync, commit.write_atomic

    def write_shard(self, *args, **kwargs):
        events.append("record written")
        return real_write(self, *args, **kwargs)

    def fsync(fd):
        seen = os.fstat(fd)
        if (seen.st_dev, seen.st_ino) == (record_folder.st_dev, record_folder.st_ino):
            events.append("record synced")
        return real_fsync(fd)

    def write_atomic(path, *args, **kwargs):
        if "2026-0412" in str(path):
            events.append("document")
        return real_atomic(path, *args, **kwargs)

    monkeypatch.setattr(Written, "_write_shard", write_shard)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(commit, "write_atomic", write_atomic)
    workspace.drop_example(CASE)
    workspace.run(DAY2)

    assert "document" in events and "record written" in events
    unsynced = False
    for event in events:
        unsynced = (unsynced or event == "record written") and event != "record synced"
        assert not (event == "document" and unsynced), events
