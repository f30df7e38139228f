"""A case folder an earlier release named after an identity number grouped by a journal
system's separators (150695-12345: before helper 129's fix) is moved to the case's folder on
the next run: its documents are there, nothing is made again, and marks as sent follow them
(run/case_step.py bring_earlier_folders, store/safenames.py)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.archive import packages
from omsorgspakke_docs.documents import caseload, sending
from omsorgspakke_docs.run import case_step
from omsorgspakke_docs.store import safenames
from omsorgspakke_docs.store.commit import NEW_VERSION
from omsorgspakke_docs.store.ledger import Ledger
from omsorgspakke_docs.store.safenames import OWNER_MARKER, safe_name

from .conftest import TODAY, canonical_case, synthetic_fnr
from .test_sent_marks import LIST, _mark, _rows

NUMBER = synthetic_fnr(date(2015, 3, 14))
GROUPED = f"{NUMBER[:6]}-{NUMBER[6:]}"
"""The child's identity number in the journal number field, as a journal system groups it."""
LETTER = "Innkallinger/Barnet/Tema 1 - Min historie - til fosterforeldrene.docx"


def _as_before_the_fix(number: str | None) -> str | None:
    """journal_folder_name as releases before helper 129 had it: grouped numbers passed."""
    if not number:
        return None
    number = unicodedata.normalize("NFC", number).strip()
    plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}", number) and \
        any(c.isdigit() for c in number)
    if not plain or re.search(r"\d{11}", number.replace(".", "")):
        return None
    return safe_name(number)


def _run_as_the_earlier_release(workspace, monkeypatch, today: date = TODAY) -> None:
    with monkeypatch.context() as patched:
        for module in (safenames, case_step, sending, caseload, packages):
            patched.setattr(module, "journal_folder_name", _as_before_the_fix)
        workspace.run(today)


def _case_folders(workspace) -> dict[str, str]:
    """Each case folder in the outbox by name, and the case its marker names."""
    return {p.name: (p / OWNER_MARKER).read_text(encoding="utf-8").strip()
            for p in workspace.outbox.iterdir() if (p / OWNER_MARKER).is_file()}


def _files(folder) -> dict[str, tuple[int, bytes]]:
    """The files of a folder (its marker aside): path in it -> (inode, bytes)."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.read_bytes())
            for p in folder.rglob("*") if p.is_file() and p.name != OWNER_MARKER}


def test_a_folder_named_by_an_identity_number_is_moved_with_its_marks(workspace, monkeypatch):
    workspace.drop("sak.json", canonical_case(journalnummer=GROUPED))
    _run_as_the_earlier_release(workspace, monkeypatch)
    old = workspace.outbox / GROUPED
    before = _files(old)
    assert LETTER in before
    (pseudonym,) = set(_case_folders(workspace).values())
    # Staff mark a letter as sent on the list that earlier release made.
    _mark(workspace.outbox / LIST, {f"{GROUPED}/{LETTER}": "x"})

    workspace.run(TODAY + timedelta(days=1))

    # No folder named by the number: the case's folder is named after its pseudonym.
    assert _case_folders(workspace) == {pseudonym: pseudonym}
    assert not any(NUMBER[:6] in p.name for p in workspace.outbox.rglob("*"))
    folder = workspace.outbox / pseudonym
    after = _files(folder)
    # The same files, not made again: moved (the same inode), and none beside them.
    assert {k: v for k, v in after.items() if k in before} == before
    assert not [k for k in after if NEW_VERSION in k]
    # The mark is on the letter's row in the new list, which names no number.
    rows = _rows(workspace.outbox / LIST)
    assert {r[2]: r[-1] for r in rows if r[-1] is not None} == {f"{pseudonym}/{LETTER}": "x"}
    assert not any(NUMBER[:6] in str(cell) for row in rows for cell in row)
    # And on the day after, as on any day.
    workspace.run(TODAY + timedelta(days=2))
    assert not [p for p in folder.rglob("*") if NEW_VERSION in p.name]
    rows = _rows(workspace.outbox / LIST)
    assert {r[2]: r[-1] for r in rows if r[-1] is not None} == {f"{pseudonym}/{LETTER}": "x"}


def test_a_case_split_over_two_folders_is_brought_together(workspace, monkeypatch, caplog):
    """A release with helper 129's fix but not this one made the case's documents anew in a
    folder named after its pseudonym, beside the earlier folder: the next run brings the
    earlier folder's files in. Its own documents go (the case's folder has their later
    versions); a file of the staff's is moved; one they changed stays, and the log says so
    without the folder's name."""
    workspace.drop("sak.json", canonical_case(journalnummer=GROUPED))
    _run_as_the_earlier_release(workspace, monkeypatch)
    old = workspace.outbox / GROUPED
    (old / "Notat fra møtet.txt").write_text("Staff's own note\n", encoding="utf-8")
    changed = old / "01 Oppfølgingsplan.docx"
    assert changed.is_file()
    changed.write_bytes(changed.read_bytes() + b"\0")  # edited by someone
    _mark(workspace.outbox / LIST, {f"{GROUPED}/{LETTER}": datetime(2026, 11, 22)})
    with monkeypatch.context() as patched:  # the release in between
        patched.setattr(case_step, "bring_earlier_folders", lambda *args: None, raising=False)
        workspace.drop("sak-2.json", canonical_case(journalnummer=GROUPED,
                                                    eksportert="2026-11-21"))
        workspace.run(TODAY)
    (pseudonym,) = set(_case_folders(workspace).values())
    assert set(_case_folders(workspace)) == {GROUPED, pseudonym}
    folder = workspace.outbox / pseudonym
    made = _files(folder)

    caplog.set_level("INFO", logger="omsorgspakke")
    workspace.run(TODAY + timedelta(days=1))

    # The case's documents as they were, nothing made again; the staff's note moved in.
    after = _files(folder)
    assert {k: v for k, v in after.items() if k in made} == made
    assert after["Notat fra møtet.txt"][1] == b"Staff's own note\n"
    assert not [k for k in after if NEW_VERSION in k]
    # The edited plan stays where it was, alone: nothing else is left there.
    assert sorted(p.name for p in old.rglob("*") if p.is_file()) == [
        OWNER_MARKER, "01 Oppfølgingsplan.docx"]
    said = [r.getMessage() for r in caplog.records if "saksmappe" in r.getMessage()]
    assert said and all(pseudonym in s and NUMBER[:6] not in s for s in said)
    assert "1 fil som er endret av noen" in said[0]
    # The mark set on the earlier release's list is on the letter in the case's folder.
    marks = {r[2]: r[-1] for r in _rows(workspace.outbox / LIST) if r[-1] is not None}
    assert marks == {f"{pseudonym}/{LETTER}": datetime(2026, 11, 22)}


def test_a_folder_without_our_marker_or_of_another_case_is_never_moved(tmp_path):
    outbox = tmp_path
    theirs = outbox / GROUPED
    theirs.mkdir()
    (theirs / "brev.docx").write_bytes(b"staff")
    other = outbox / f"{NUMBER[:6]}_{NUMBER[6:]}"
    other.mkdir()
    (other / OWNER_MARKER).write_text("sak-bbbbbbbbbbbb\n", encoding="utf-8")
    ours = outbox / f"{NUMBER[:6]}.{NUMBER[6:]}"  # a link to the case's folder: not followed
    folder = safenames.claim_case_folder(outbox, GROUPED, "sak-aaaaaaaaaaaa")
    assert folder == outbox / "sak-aaaaaaaaaaaa"
    ours.symlink_to(folder, target_is_directory=True)
    assert safenames.earlier_folders(outbox, "sak-aaaaaaaaaaaa", folder) == []


@pytest.mark.parametrize("name", [
    "2026-0412", "sak-aaaaaaaaaaaa", "2026-0412-sak-aaaaaaaaaaaa", safe_name("22/1234")])
def test_a_folder_named_as_a_release_names_it_now_is_not_an_earlier_one(tmp_path, name):
    (tmp_path / name).mkdir()
    (tmp_path / name / OWNER_MARKER).write_text("sak-aaaaaaaaaaaa\n", encoding="utf-8")
    assert safenames.earlier_folders(tmp_path, "sak-aaaaaaaaaaaa", tmp_path / "x") == []


@pytest.mark.parametrize("name", [
    GROUPED, f"{NUMBER[:6]}_{NUMBER[6:]}", safe_name(f"{NUMBER[:6]}/{NUMBER[6:]}"),
    f"{GROUPED}-sak-aaaaaaaaaaaa", safe_name("Kari Nordmann")])
def test_a_folder_named_by_a_number_or_a_name_is_an_earlier_one(tmp_path, name):
    (tmp_path / name).mkdir()
    (tmp_path / name / OWNER_MARKER).write_text("sak-aaaaaaaaaaaa\n", encoding="utf-8")
    assert safenames.earlier_folders(tmp_path, "sak-aaaaaaaaaaaa", tmp_path / "x") == [
        tmp_path / name]


def test_the_list_names_the_moved_letters_and_keeps_no_number(workspace, monkeypatch):
    """No path the ledger or the marks keep names the number: they follow the move."""
    workspace.drop("sak.json", canonical_case(journalnummer=GROUPED))
    _run_as_the_earlier_release(workspace, monkeypatch)
    _mark(workspace.outbox / LIST, {f"{GROUPED}/{LETTER}": "x"})
    workspace.run(TODAY + timedelta(days=1))
    with Ledger(workspace.state) as ledger:
        paths = [row[0] for row in ledger.db.execute("SELECT path FROM documents")]
    assert paths and not [p for p in paths if NUMBER[:6] in p]
    marks = (workspace.state / "utsending" / "sendt.json").read_text(encoding="utf-8")
    assert LETTER in marks and NUMBER[:6] not in marks
    sheet = load_workbook(workspace.outbox / LIST)["Til utsending"]
    assert not any(NUMBER[:6] in str(c) for row in sheet.iter_rows(values_only=True)
                   for c in row)


@pytest.mark.parametrize("taken_in", [True, False], ids=["in the state", "on the list only"])
def test_a_told_mark_follows_its_case_folder_and_keeps_no_number(workspace, monkeypatch,
                                                                  taken_in):
    """A «Gi beskjed» row's mark (told) is kept under its invitation's path with « (beskjed)»
    after it: when the case's folder moves, it must follow as the letters' marks do, not stay
    in the state under the path that names the identity number, the row red again."""
    from .test_told_marks import BESKJED, _rows_of, _write_sendt

    case = canonical_case(journalnummer=GROUPED)
    workspace.drop("sak.json", case)
    for day in (date(2026, 11, 23), date(2026, 11, 24)):
        _run_as_the_earlier_release(workspace, monkeypatch, day)
        listed = _rows_of(workspace.outbox / LIST)
        _write_sendt(workspace.outbox / LIST, {
            r[2]: "x" for r in listed if "/Innkalling" in r[2] and r[7] is None})
    ended = canonical_case(journalnummer=GROUPED, eksportert="2026-11-25")
    ended["plassering"]["sluttdato"] = "2026-12-02"  # ahead: the case is still followed
    workspace.drop("slutt.json", ended)
    _run_as_the_earlier_release(workspace, monkeypatch, date(2026, 11, 25))
    told = [r[2] for r in _rows_of(workspace.outbox / LIST) if r[2].endswith(BESKJED)]
    assert told and all(t.startswith(f"{GROUPED}/") for t in told)
    _write_sendt(workspace.outbox / LIST, {told[0]: "gitt beskjed"})
    if taken_in:  # else the run that moves the folder reads the list staff saved
        _run_as_the_earlier_release(workspace, monkeypatch, date(2026, 11, 26))

    workspace.drop("igjen.json", ended)
    workspace.run(date(2026, 11, 27))

    (pseudonym,) = set(_case_folders(workspace).values())
    assert _case_folders(workspace) == {pseudonym: pseudonym}
    listed = {r[2]: r for r in _rows_of(workspace.outbox / LIST)}
    # Every «Gi beskjed» row is still there, under the case's folder, the told one marked.
    assert sorted(listed[t.replace(GROUPED, pseudonym, 1)][7] or "" for t in told) == \
        sorted(["gitt beskjed"] + [""] * (len(told) - 1))
    marks = (workspace.state / "utsending" / "sendt.json").read_text(encoding="utf-8")
    assert NUMBER[:6] not in marks


def test_no_state_file_names_the_moved_folder(workspace, monkeypatch):
    """After the move, the state keeps no path with the identity number in it: the last
    reading's record of the case (lest.json) named the case's folder as it was, and kept it
    until the case's next export (never, for a case that has none)."""
    workspace.drop("sak.json", canonical_case(journalnummer=GROUPED))
    _run_as_the_earlier_release(workspace, monkeypatch)
    workspace.run(TODAY + timedelta(days=1))  # no export: the day's refresh moves it
    holding = [p.relative_to(workspace.state).as_posix() for p in workspace.state.rglob("*")
               if p.is_file() and NUMBER[:6].encode() in p.read_bytes()]
    # The case itself holds its journal number as the journal gave it, and nothing else.
    assert [p for p in holding if not p.startswith("cases/")] == []
