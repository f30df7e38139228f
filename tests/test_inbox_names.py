"""Where inputs end, whatever they are called: inputs and notes in failed/ never share a name,
names we derive fit the file system, and a permanent error is not taken for one that may pass.
"""

from __future__ import annotations

import errno
import os

import pytest

from omsorgspakke_docs.intake import detect, inbox

from .test_watch import real_case

BROKEN = b'{"format": "omsorgspakke-sak/1", '


def name_max(folder) -> int:
    return os.pathconf(folder, "PC_NAME_MAX") if hasattr(os, "pathconf") else 255


def contents(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_later_note_never_overwrites_a_failed_input_of_that_name(workspace):
    workspace.drop("rapport.feil.txt", b"kolonne;1\n1;2\n")  # an input that fails
    workspace.run()
    first = contents(workspace.failed)
    assert first["rapport.feil.txt"] == b"kolonne;1\n1;2\n"

    workspace.drop("rapport", BROKEN)  # its note would be called rapport.feil.txt
    summary = workspace.run()
    assert summary.files_failed == 1
    after = contents(workspace.failed)
    assert after["rapport.feil.txt"] == b"kolonne;1\n1;2\n", "the first input was overwritten"
    assert BROKEN in after.values()
    moved = next(name for name, data in after.items() if data == BROKEN)
    assert (moved + ".feil.txt") in after
    assert len(after) == 4


def test_a_later_input_never_overwrites_a_note(workspace):
    workspace.drop("rapport", BROKEN)
    workspace.run()
    note = (workspace.failed / "rapport.feil.txt").read_bytes()
    workspace.drop("rapport.feil.txt", b"kolonne;1\n1;2\n")
    workspace.run()
    after = contents(workspace.failed)
    assert after["rapport.feil.txt"] == note and after["rapport"] == BROKEN
    assert b"kolonne;1\n1;2\n" in after.values() and len(after) == 4


def test_an_input_with_the_longest_name_goes_to_failed_with_its_note(workspace):
    limit = name_max(workspace.inbox)
    name = "æ" * ((limit - 5) // 2) + ".json"  # two bytes per æ in UTF-8
    assert len(os.fsencode(name)) <= limit
    workspace.drop(name, BROKEN)
    summary = workspace.run()
    assert summary.files_failed == 1 and not summary.retrying
    assert list(workspace.inbox.iterdir()) in ([], [workspace.inbox / inbox.WORK_DIR])
    assert inbox.interrupted(workspace.inbox) == []
    [moved] = [p for p in workspace.failed.iterdir() if not p.name.endswith(".feil.txt")]
    assert moved.read_bytes() == BROKEN and moved.suffix == ".json"
    assert moved.name.startswith("æææ")
    note = moved.with_name(moved.name + ".feil.txt")
    assert "kunne ikke behandles" in note.read_text(encoding="utf-8")


def test_long_names_of_the_same_name_stay_apart_in_the_archive(workspace):
    limit = name_max(workspace.inbox)
    name = "s" * (limit - 5) + ".json"
    workspace.drop(name, real_case(1))
    workspace.run()
    workspace.drop(name, real_case(2))
    summary = workspace.run()
    assert summary.files_ok == 1 and not summary.retrying
    archived = sorted(p.name for p in workspace.archive.iterdir())
    assert len(archived) == 2 and all(n.endswith(".json") for n in archived)
    assert all(len(os.fsencode(n)) <= limit for n in archived)


def test_a_permanent_error_is_not_taken_for_one_that_may_pass(workspace, monkeypatch):
    workspace.drop("sak.json", real_case(3))

    def too_long(pm, path, *found_and_settings):
        raise OSError(errno.ENAMETOOLONG, "File name too long")

    monkeypatch.setattr(detect, "detect", too_long)
    summary = workspace.run()
    assert not summary.retrying and summary.files_failed == 1
    assert inbox.interrupted(workspace.inbox) == []
    note = (workspace.failed / "sak.json.feil.txt").read_text(encoding="utf-8")
    assert "for langt" in note


def test_the_failed_note_names_the_reference_the_log_uses(workspace):
    workspace.drop("ødelagt.json", BROKEN)
    workspace.run()
    note = (workspace.failed / "ødelagt.json.feil.txt").read_text(encoding="utf-8")
    from omsorgspakke_docs.store.commit import sha256_file
    assert sha256_file(workspace.failed / "ødelagt.json")[:10] in note


def test_a_note_shows_a_file_name_without_its_control_characters(workspace):
    """Helper 109: a name with a line break and an escape sequence was written into its note
    as it was: printing the note cleared the terminal."""
    name = "Eksport\nuke 47\x1b[2J.json"
    workspace.drop(name, b'{"format": "omsorgspakke-sak/1", ')
    assert workspace.run().files_failed == 1
    (note,) = [p for p in workspace.failed.iterdir() if p.name.endswith(".feil.txt")]
    text = note.read_text(encoding="utf-8")
    assert "«Eksport?uke 47?[2J.json»" in text and "\x1b" not in text


CASE_FILE = b'{"format": "omsorgspakke-sak/1", "x": '


@pytest.mark.parametrize("content", [CASE_FILE + b"[" * 200_000 + b"]" * 200_000 + b"}",
                                     CASE_FILE + b"9" * 100_000 + b"}"])
def test_json_nested_deep_or_with_a_huge_number_is_set_aside_as_not_valid(workspace, content):
    """Helper 109: «En uventet feil oppsto (RecursionError)» / «(ValueError)», with advice
    to call IT, for what is simply not a valid export."""
    workspace.drop("sak.json", content)
    assert workspace.run().files_failed == 1
    note = (workspace.failed / "sak.json.feil.txt").read_text(encoding="utf-8")
    assert "Filen er ikke gyldig JSON" in note and "uventet" not in note, note
