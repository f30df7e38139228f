"""`run` (a scheduled task) may take a file its writer has not finished: a copy over the
network, an export still running. A file that changes while it is read is read again, whole,
a little later: no case of it is left out, and it is never set aside as broken."""

from __future__ import annotations

import re

import pytest

from omsorgspakke_docs.run import file_step

from .conftest import EXAMPLES, case_folders

EXPORT = EXAMPLES / "vendor-acos-sakliste.csv"


def _fast_retries(workspace) -> None:
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write("\n[watch]\nretry_first_seconds = 0.05\n")


def _writer_goes_on(monkeypatch, rest: bytes) -> None:
    """The first reading of the file sees only its start; its writer then adds the rest."""
    real = file_step.read_cases
    calls = []

    def reading(ws, claimed, *args, **kwargs):
        calls.append(claimed)
        try:
            return real(ws, claimed, *args, **kwargs)
        finally:
            if len(calls) == 1:
                with open(claimed, "ab") as handle:
                    handle.write(rest)

    monkeypatch.setattr(file_step, "read_cases", reading)


def _journal_numbers(data: bytes) -> set[str]:
    return set(re.findall(r"^(\d{4}-\d{4}),", data.decode("utf-8-sig"), re.M))


def test_a_file_cut_at_a_row_still_being_copied_is_read_again_whole(workspace, monkeypatch):
    _fast_retries(workspace)
    data = EXPORT.read_bytes()
    first = data[: data.index(b"\n", data.index(b"\n2026-") + 1) + 1]  # up to the first case
    assert len(_journal_numbers(data)) > len(_journal_numbers(first)) == 1
    workspace.drop("sakliste.csv", first)
    _writer_goes_on(monkeypatch, data[len(first):])
    assert workspace.cli() == 0
    assert (workspace.archive / "sakliste.csv").read_bytes() == data
    folders = {p.name for p in case_folders(workspace.outbox)}
    assert folders == _journal_numbers(data)
    assert not list(workspace.failed.iterdir())


@pytest.mark.parametrize("name", ["sak.json", "sakliste.csv"])
def test_a_file_cut_mid_way_still_being_copied_is_not_set_aside(workspace, monkeypatch, name):
    _fast_retries(workspace)
    data = (EXAMPLES / ("sak-fjordvik-2026-0412.json" if name == "sak.json"
                        else "vendor-acos-sakliste.csv")).read_bytes()
    half = len(data) // 2
    workspace.drop(name, data[:half])
    _writer_goes_on(monkeypatch, data[half:])
    assert workspace.cli() == 0
    assert (workspace.archive / name).read_bytes() == data
    assert not list(workspace.failed.iterdir())
