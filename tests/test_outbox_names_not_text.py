"""A file copied into a case's folder from another system, named in another encoding than
UTF-8 (on Linux, Python gives its bytes as surrogates, which SQLite and the JSON records
cannot take): never one of ours, so left as it is, and the case's documents are made as
ever, on the day of an export and on the days after it. Its name is never logged."""

from __future__ import annotations

import logging
import os
from datetime import timedelta

import pytest

from .conftest import TODAY, canonical_case
from .test_written_record_attack import _new_versions

FOREIGN = b"Referat \xe6.docx"
"""«Referat æ.docx» as another system wrote it (Latin-1): no UTF-8."""


def _put_foreign_files(folder) -> dict[bytes, bytes]:
    """In the case's folder, its subfolders, and a folder of the same kind of name."""
    base = os.fsencode(folder)
    placed = {}
    for sub in (b"", b"Referater", b"Kalender", b"Innkallinger", b"Mappe \xf8"):
        os.makedirs(os.path.join(base, sub), exist_ok=True)
        path = os.path.join(base, sub, FOREIGN)
        try:
            with open(path, "wb") as handle:
                handle.write(b"hennes fil")
        except (OSError, UnicodeError):  # (a file system that takes UTF-8 names only)
            pytest.skip("this file system does not take a name that is not UTF-8")
        placed[path] = b"hennes fil"
    return placed


def _read(path: bytes) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def test_a_file_named_in_another_encoding_is_left_alone_and_the_runs_go_on(workspace, caplog):
    caplog.set_level(logging.DEBUG)
    workspace.whole_year()
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    workspace.run(TODAY)
    placed = _put_foreign_files(workspace.case_folder("2026-0412"))
    caplog.clear()

    for days in (70, 71, 140):  # an export, a day after it, and a day with letters due
        case = canonical_case(eksportert=(TODAY + timedelta(days=days)).isoformat())
        workspace.drop(f"eksport-{days}.json", case)
        summary = workspace.run(TODAY + timedelta(days=days))
        assert (summary.files_ok, summary.failed) == (1, [])
    summary = workspace.run(TODAY + timedelta(days=141))  # no export: the day's letters

    assert summary.failed == []
    assert summary.documents_written > 0
    assert list(workspace.failed.iterdir()) == []
    assert _new_versions(workspace) == []
    assert {path: _read(path) for path in placed} == placed
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert not any("Referat" in r.getMessage() or "\udce6" in r.getMessage()
                   for r in caplog.records)
