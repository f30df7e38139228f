"""«Sendt» in outbox/Til utsending.xlsx: what the office marks as sent stays marked on the
next day's list, in the same file when nothing else was changed (documents/sent_marks.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending
from omsorgspakke_docs.store.commit import NEW_VERSION

from .conftest import ROOT, TODAY, canonical_case, make_workspace
from .test_sending import LIST_HEADER, THEME_2, _case_with_meeting, _export

LIST = sending.FILE_NAME
BESIDE = f"Til utsending ({NEW_VERSION}).xlsx"
SENT = LIST_HEADER.index("Sendt") + 1
NOTE = LIST_HEADER.index("Merknad") + 1
LISTED_FOR_DAYS = (
    "2026-0412/Innkallinger/Barnet/Tema 1 - Min historie - til fosterforeldrene.docx",
    "2026-0412/Innkallinger/Fosterfamilien/Tema 2 - Samvær og samarbeid.docx")
"""Two invitations of the example case on the list from 22 November to 25 November at least."""


def _rows(path) -> list[tuple]:
    """The letter rows of a list, as staff see them."""
    sheet = load_workbook(path)["Til utsending"]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    header = rows.index(LIST_HEADER)
    return [r[:SENT] for r in rows[header + 1:] if r[0]]  # Sendt last, as r[-1]


def _mark(path, marks: dict[str, object], note: tuple[str, str] | None = None,
          sheet_name: str = "Til utsending") -> None:
    """As staff do in Excel: a mark in Sendt on the rows of these documents (and a note in
    Merknad on one, when given), then save."""
    book = load_workbook(path)
    sheet = book[sheet_name]
    found = set()
    for row in range(1, sheet.max_row + 1):
        document = sheet.cell(row, 3).value
        if document in marks:
            sheet.cell(row, SENT).value = marks[document]
            found.add(document)
        if note and document == note[0]:
            sheet.cell(row, NOTE).value = note[1]
    assert found == set(marks)
    book.save(path)


def _marked_on_the_first_list(workspace):
    """The example case's first list, open as staff have it with the first letter listed
    for days marked «x» (not yet saved): (path, book, sheet, that row)."""
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / LIST
    one, _ = LISTED_FOR_DAYS
    book = load_workbook(path)
    sheet = book["Til utsending"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 3).value == one)
    sheet.cell(row, SENT).value = "x"
    return path, book, sheet, row


def _outbox_lists(workspace) -> list[str]:
    return sorted(p.name for p in workspace.outbox.glob("Til utsending*.xlsx"))


def _staff_copy_and_the_new_list(workspace):
    """The first list marked «ja» with a note beside it (staff's copy, kept), and the next
    day's list beside it: (the staff's copy, the letter marked, the other letter)."""
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / LIST
    one, other = LISTED_FOR_DAYS
    _mark(path, {one: "ja"}, note=(one, "Ringte mor i tillegg"))
    workspace.run(TODAY + timedelta(days=1))
    return path, one, other


def test_a_mark_stays_on_the_next_days_list_in_the_same_file(workspace):
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / LIST
    first = _rows(path)
    assert len(first) >= 4 and all(r[-1] is None for r in first)
    # Two invitations still to be listed for days; the letters before them are not marked.
    by_date, by_x = LISTED_FOR_DAYS
    _mark(path, {by_date: datetime(2026, 11, 23), by_x: " x "})
    workspace.run(TODAY + timedelta(days=1))
    # One list: the new one replaced the marked one, and it carries the marks.
    assert _outbox_lists(workspace) == [LIST]
    rows = _rows(path)
    marked = {r[2]: r[-1] for r in rows if r[-1] is not None}
    assert marked == {by_date: datetime(2026, 11, 23), by_x: "x"}
    # The letters marked as sent come last, still listed: after those without «Send innen».
    assert {r[2] for r in rows[-2:]} == {by_date, by_x}
    assert any(r[4] is None for r in rows[:-2])
    sheet = load_workbook(path)["Til utsending"]
    assert sheet["B2"].value == "23. november 2026"
    # To send: neither marked, nor to check first («Kan være sendt før») (test_outbox_counts).
    # Those to check counted beside them.
    unmarked = [r for r in rows if r[-1] is None]
    to_check = [r for r in unmarked if (r[6] or "").startswith("Kan være")]
    assert to_check
    # Nor the invitations for today nobody marked as sent, listed not to send (helper 312).
    held = [r for r in unmarked if (r[6] or "").startswith("Ikke send:")]
    assert (sheet["A3"].value, sheet["B3"].value) == (
        "Brev å sende:",
        f"{len(unmarked) - len(to_check) - len(held)} + {len(to_check)} å sjekke")
    assert (sheet["A4"].value, sheet["B4"].value) == ("Sendt, på listen:", 2)
    # The day after, with nothing marked since: the marks are still there.
    workspace.run(TODAY + timedelta(days=2))
    assert {r[2]: r[-1] for r in _rows(path) if r[-1] is not None} == marked
    # A mark taken back (a mistake) is gone from the next list.
    _mark(path, {by_x: None})
    workspace.run(TODAY + timedelta(days=3))
    assert {r[2]: r[-1] for r in _rows(path) if r[-1] is not None} == {
        by_date: datetime(2026, 11, 23)}
    assert _outbox_lists(workspace) == [LIST]


def test_a_list_with_other_changes_is_kept_and_the_new_one_still_has_the_marks(workspace):
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / LIST
    one, other = LISTED_FOR_DAYS
    _mark(path, {one: "ja"}, note=(one, "Ringte mor i tillegg"))
    edited = path.read_bytes()
    workspace.run(TODAY + timedelta(days=1))
    assert path.read_bytes() == edited  # theirs, with their note, as they left it
    assert _outbox_lists(workspace) == [BESIDE, LIST]
    assert {r[2]: r[-1] for r in _rows(workspace.outbox / BESIDE) if r[-1]} == {one: "ja"}
    # Marks set in the new list next are kept too, and so are the first file's.
    _mark(workspace.outbox / BESIDE, {other: "x"})
    workspace.run(TODAY + timedelta(days=2))
    assert path.read_bytes() == edited
    assert _outbox_lists(workspace) == [BESIDE, LIST]
    assert {r[2]: r[-1] for r in _rows(workspace.outbox / BESIDE) if r[-1]} == {
        one: "ja", other: "x"}
    # Their own copy written in again (it still shows «other» without a mark, as it was):
    # what they changed there counts, what they left as it was does not.
    _mark(path, {}, note=(other, "Sendt med vanlig post"))
    workspace.run(TODAY + timedelta(days=3))
    assert {r[2]: r[-1] for r in _rows(workspace.outbox / BESIDE) if r[-1]} == {
        one: "ja", other: "x"}


def test_a_letter_made_again_with_new_content_must_be_sent_again(workspace):
    """The same day, even: the invitation's conversation moved after it was marked as
    sent. The new one has the same date (Brevdato) but says something else."""
    _export(workspace, _case_with_meeting(date(2026, 12, 2)), "2026-11-20")
    workspace.run()
    path = workspace.outbox / LIST
    moved = f"2026-0412/{THEME_2}"
    rows = {r[2]: r for r in _rows(path)}
    kept = next(name for name in rows if name != moved)
    _mark(path, {moved: datetime(2026, 11, 22), kept: "x"})
    _export(workspace, _case_with_meeting(date(2026, 12, 9)), "2026-11-21")
    workspace.run()
    again = {r[2]: r for r in _rows(path)}
    assert again[moved][3] == rows[moved][3]  # the same Brevdato ...
    assert again[moved][-1] is None  # ... but not sent: it must go out again
    assert again[moved][NOTE - 1].startswith(
        "Merket som sendt 22. november 2026, men laget på nytt med ny dato (9. desember 2026 "
        "kl. 12.00): send det nye brevet.")
    assert again[kept][-1] == "x"
    # Marked again, the new one is sent, and the note is gone.
    _mark(path, {moved: "x"})
    workspace.run(TODAY + timedelta(days=1))
    latest = {r[2]: r for r in _rows(path)}
    assert latest[moved][-1] == "x" and not latest[moved][NOTE - 1]


def test_a_letter_marked_sent_and_made_again_lacking_data_is_not_to_send(workspace):
    """Marked as sent, then made again with other content while it still lacks something:
    the row says first that it is not to be sent (so it is yellow and counted so), then
    that it was marked; never «send det nye brevet» beside «Ikke send»."""
    def without_address(day: date) -> dict:
        case = _case_with_meeting(day)
        case["fosterfamilie"] = {k: v for k, v in case["fosterfamilie"].items()
                                 if k != "adresse"}
        return case

    _export(workspace, without_address(date(2026, 12, 2)), "2026-11-20")
    workspace.run()
    path = workspace.outbox / LIST
    moved = f"2026-0412/{THEME_2}"
    assert {r[2]: r for r in _rows(path)}[moved][NOTE - 1].startswith(
        "Ikke send: brevet mangler")
    _mark(path, {moved: datetime(2026, 11, 22)})
    _export(workspace, without_address(date(2026, 12, 9)), "2026-11-21")
    workspace.run()
    row = {r[2]: r for r in _rows(path)}[moved]
    assert row[-1] is None
    assert row[NOTE - 1].startswith("Ikke send: brevet mangler")
    assert row[NOTE - 1].endswith("Brevet ble merket som sendt 22. november 2026, men er "
                                  "laget på nytt med ny dato (9. desember 2026 kl. 12.00).")
    assert "send det nye brevet" not in row[NOTE - 1]


def test_a_damaged_list_gives_a_calm_warning_and_a_normal_new_list(workspace, capsys):
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    path = workspace.outbox / LIST
    path.write_bytes(b"PK\x03\x04 not a workbook any more")
    capsys.readouterr()
    assert workspace.cli(today=TODAY + timedelta(days=1)) == 0
    out = capsys.readouterr()
    said = out.out + out.err
    assert "Til utsending.xlsx kunne ikke leses, så merkene i kolonnen Sendt" in said
    assert "Den er ikke slettet: skriv merkene derfra inn i den nye listen" in said
    assert "Traceback" not in said
    # Their file is kept; the new list is complete beside it.
    assert path.read_bytes() == b"PK\x03\x04 not a workbook any more"
    rows = _rows(workspace.outbox / BESIDE)
    assert len(rows) >= 4 and all(r[-1] is None for r in rows)
    # Said once, not on every run while the file is there as it was.
    assert workspace.cli(today=TODAY + timedelta(days=2)) == 0
    out = capsys.readouterr()
    assert "kunne ikke leses" not in out.out + out.err
    assert len(_rows(workspace.outbox / BESIDE)) >= 4


def test_a_mark_in_a_huge_file_is_not_read(workspace, monkeypatch):
    """A list is read as untrusted input: past its bounds it gives no marks."""
    from omsorgspakke_docs.documents import sent_marks

    assert workspace.outbox.exists()
    for bound in ("MAX_ROWS", "MAX_UNPACKED"):
        small = make_workspace(workspace.root.parent / bound)
        small.drop("sak.json", canonical_case())
        small.run()
        _mark(small.outbox / LIST, {LISTED_FOR_DAYS[0]: "x"})
        with monkeypatch.context() as patched:
            patched.setattr(sent_marks, bound, 5)
            small.run(TODAY + timedelta(days=1))
        assert not [r for r in _rows(small.outbox / BESIDE) if r[-1]], bound
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / LIST
    first = _rows(path)
    _mark(path, {first[0][2]: "x"})
    monkeypatch.setattr(sent_marks, "MAX_BYTES", 1000)
    workspace.run(TODAY + timedelta(days=1))
    assert not [r for r in _rows(workspace.outbox / BESIDE) if r[-1]]


def test_the_nynorsk_list_says_how_to_mark_a_letter_as_sent(tmp_path):
    workspace = make_workspace(tmp_path)
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('malform = "nynorsk"\n')
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / LIST
    sheet = load_workbook(path).worksheets[0]
    cells = [c for row in sheet.iter_rows(max_row=5, values_only=True) for c in row if c]
    assert ("Når eit brev er sendt: skriv datoen (eller x) i kolonnen Sendt. Merket blir med "
            "i neste liste.") in cells
    assert ("Brev å sende står øvst, brev som er sende, nedst. Neste liste erstattar denne: det du "
            "skriv i andre kolonnar enn Sendt, blir ikkje med.") in cells
    assert [c.value for c in sheet[1][3:7]] == [
        "Fargar:", "Fristen er passert (raud)", "Ikkje send (gul)", "Sendt (grøn)"]
    header = [c.value for c in sheet[5]]
    assert header == ["Sak", "Mottakar", "Dokument", "Brevdato", "Send innan", "Sendemåte",
                      "Merknad", "Sendt", "Samtaledato", "Kontaktperson"]
    # Marked and carried over in nynorsk too (the last letter: listed for weeks).
    document = sheet.cell(sheet.max_row, 3).value
    assert document.endswith(".docx")
    _mark(path, {document: "x"}, sheet_name=sheet.title)
    workspace.run(TODAY + timedelta(days=1))
    sheet = load_workbook(path).worksheets[0]
    assert [r[SENT - 1] for r in sheet.iter_rows(min_row=6, values_only=True)
            if r[2] == document] == ["x"]


def test_the_bokmal_list_says_how_to_mark_a_letter_as_sent(workspace):
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    sheet = load_workbook(workspace.outbox / LIST)["Til utsending"]
    assert sheet["C2"].value.startswith("Når et brev er sendt: skriv datoen (eller x)")
    assert sheet["C3"].value == ("Brev å sende står øverst, sendte nederst. Neste liste "
                                 "erstatter denne: det du skriver i andre kolonner enn Sendt, "
                                 "blir ikke med.")
    assert [c.value for c in sheet[1][3:7]] == [
        "Farger:", "Fristen er passert (rød)", "Ikke send (gul)", "Sendt (grønn)"]
    assert sheet["H5"].value == "Sendt"


def test_the_colour_rules_mark_sent_letters_and_those_not_to_send_in_both_standards(tmp_path):
    """Green for a letter marked as sent (never red however late); yellow for a kept copy
    not to send, whose note begins «Ikke send:» or, in nynorsk, «Ikkje send:»."""
    from omsorgspakke_docs.text import tekst

    for malform in ("bokmal", "nynorsk"):
        folder = "nb" if malform == "bokmal" else "nn"
        sheet = load_workbook(ROOT / "templates" / folder / "utsending.xlsx").worksheets[0]
        formulas = [rule.formula[0] for rules in sheet.conditional_formatting
                    for rule in rules.rules]
        # First a withdrawn invitation (red, sent or not: someone must tell its reader),
        # then a letter marked as sent: it stops the others.
        assert formulas[:2] == ['LEFT($G6,11)="Gi beskjed:"', '$H6<>""']
        assert tekst(malform)("utsending.avlyst_avsluttet").startswith("Gi beskjed:")
        prefix = tekst(malform)("utsending.ikke_send").split(":")[0] + ":"
        assert any(f'LEFT($G6,{len(prefix)})="{prefix}"' in f for f in formulas), malform
        # The colour key above the list (E1:G1) has each rule's colours: late, not to
        # send, sent.
        fills = {rule.formula[0]: rule.dxf.fill.bgColor.rgb[-6:]
                 for rules in sheet.conditional_formatting for rule in rules.rules}
        late = next(f for f in fills if "TODAY()" in f)
        not_to_send = next(f for f in fills if "LEFT($G6" in f and "send:" in f)
        assert fills[formulas[0]] == fills[late]
        key = [cell.fill.fgColor.rgb[-6:] for cell in sheet[1][4:7]]
        assert key == [fills[late], fills[not_to_send], fills['$H6<>""']], malform


def test_only_a_date_or_a_yes_is_a_mark_and_free_text_is_never_kept(workspace):
    """«nei» or a note with a name in Sendt says nothing about the letter being sent: no
    mark, nothing of it in the state, and the staff's copy is kept as they wrote it (the new
    list beside). A date typed as text is a date."""
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / LIST
    dated, noted = LISTED_FOR_DAYS
    note = "sendt til Tormod Testesen 01020312345"
    _mark(path, {dated: "20.11.2026", noted: note})
    edited = path.read_bytes()
    workspace.run(TODAY + timedelta(days=1))
    assert path.read_bytes() == edited  # theirs, with their note, as they left it
    marked = {r[2]: r[-1] for r in _rows(workspace.outbox / BESIDE) if r[-1]}
    assert marked == {dated: datetime(2026, 11, 20)}
    state = "".join(p.read_text(encoding="utf-8", errors="replace")
                    for p in workspace.state.rglob("*.json"))
    assert "Tormod" not in state and "01020312345" not in state
    _mark(workspace.outbox / BESIDE, {noted: "nei"})
    workspace.run(TODAY + timedelta(days=2))
    assert set(_outbox_lists(workspace)) == {BESIDE, f"Til utsending ({NEW_VERSION} 2).xlsx", LIST}
    newest = workspace.outbox / f"Til utsending ({NEW_VERSION} 2).xlsx"
    assert {r[2]: r[-1] for r in _rows(newest) if r[-1]} == {dated: datetime(2026, 11, 20)}


def test_a_mark_on_a_row_staff_copied_is_not_lost(workspace):
    """Staff copy a letter's row (to note something under it): the copy's empty Sendt takes
    nothing from the mark on the row above."""
    path, book, sheet, row = _marked_on_the_first_list(workspace)
    copy = sheet.max_row + 1
    for column in range(1, SENT):
        sheet.cell(copy, column).value = sheet.cell(row, column).value
    book.save(path)
    workspace.run(TODAY + timedelta(days=1))
    newest = max(workspace.outbox.glob("Til utsending*.xlsx"), key=lambda p: p.stat().st_mtime)
    assert {r[2]: r[-1] for r in _rows(newest) if r[-1]} == {LISTED_FOR_DAYS[0]: "x"}


def test_a_list_too_large_to_read_is_said_so_not_called_damaged(tmp_path, monkeypatch, capsys):
    """Each cause its own message: past a bound of the input guard the list is too large (and
    how), not damaged; one that cannot be opened now (open elsewhere) is read next time."""
    from omsorgspakke_docs.documents import sent_marks

    said_for = {"MAX_BYTES": "(filen er større enn 0 MB)",
                "MAX_UNPACKED": "(innholdet er større enn 0 MB)",
                "MAX_ROWS": "(den har flere enn 5 rader)",
                "MAX_CELLS": "(den har innhold spredt over flere enn 5 celler)"}
    for bound, how in said_for.items():
        small = make_workspace(tmp_path / bound)
        small.drop("sak.json", canonical_case())
        assert small.cli() == 0
        _mark(small.outbox / LIST, {LISTED_FOR_DAYS[0]: "x"})
        capsys.readouterr()
        with monkeypatch.context() as patched:
            patched.setattr(sent_marks, bound, 5)
            assert small.cli(today=TODAY + timedelta(days=1)) == 0
        out = capsys.readouterr()
        said = out.out + out.err
        assert ("Til utsending.xlsx er for stor til at merkene i kolonnen Sendt kan leses "
                f"{how}, så de er ikke tatt med i den nye listen.") in said, bound
        assert "skadet" not in said and "kunne ikke leses" not in said, bound
    # Open in another program: not opened now, read when the list is made next.
    workspace = make_workspace(tmp_path / "open")
    workspace.drop("sak.json", canonical_case())
    workspace.cli()
    _mark(workspace.outbox / LIST, {LISTED_FOR_DAYS[0]: "x"})
    capsys.readouterr()

    def locked(path):
        raise PermissionError(13, "in use")

    with monkeypatch.context() as patched:
        patched.setattr(sent_marks, "sha256_file", locked)
        assert workspace.cli(today=TODAY + timedelta(days=1)) == 0
    out = capsys.readouterr()
    said = out.out + out.err
    assert "Til utsending.xlsx kunne ikke åpnes nå, kanskje fordi den er åpen i et annet " \
           "program." in said
    assert "skadet" not in said
    workspace.cli(today=TODAY + timedelta(days=2))  # only Sendt changed: it is replaced
    assert {r[2]: r[-1] for r in _rows(workspace.outbox / LIST) if r[-1]} == {
        LISTED_FOR_DAYS[0]: "x"}


def test_the_message_for_a_list_too_large_is_in_nynorsk_for_a_nynorsk_service(
        tmp_path, monkeypatch, capsys):
    from omsorgspakke_docs.documents import sent_marks

    workspace = make_workspace(tmp_path)
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('malform = "nynorsk"\n')
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    capsys.readouterr()
    (workspace.outbox / LIST).write_bytes((workspace.outbox / LIST).read_bytes() + b"\0")
    monkeypatch.setattr(sent_marks, "MAX_BYTES", 1000)
    assert workspace.cli(today=TODAY + timedelta(days=1)) == 0
    out = capsys.readouterr()
    assert ("Til utsending.xlsx er for stor til at merka i kolonnen Sendt kan lesast (fila er "
            "større enn 0 MB), så dei er ikkje tekne med i den nye lista.") in out.out + out.err


def test_text_far_to_the_right_or_in_a_comment_is_never_replaced(tmp_path):
    """Staff's words in column 61 or beyond, or in a cell comment, are theirs as much as a
    note in Merknad: the list is kept as they left it, and the new one goes beside it with
    the marks."""
    from openpyxl.comments import Comment

    def far_right(sheet, row):
        sheet.cell(row, 61).value = "Ring mor før brevet sendes"
        sheet.cell(row, 200).value = "Husk adresse"

    def comment(sheet, row):
        sheet.cell(row, 3).comment = Comment("Ring mor før brevet sendes", "Kontoret")

    for name, write in (("comment", comment), ("far_right", far_right)):
        workspace = make_workspace(tmp_path / name)
        path, book, sheet, row = _marked_on_the_first_list(workspace)
        write(sheet, row)
        book.save(path)
        edited = path.read_bytes()
        workspace.run(TODAY + timedelta(days=1))
        assert path.read_bytes() == edited, name
        assert _outbox_lists(workspace) == [BESIDE, LIST], name
        assert {r[2]: r[-1] for r in _rows(workspace.outbox / BESIDE) if r[-1]} == {
            LISTED_FOR_DAYS[0]: "x"}


def test_a_mark_cleared_in_one_copy_stays_cleared_when_the_other_is_edited(workspace):
    """Staff's copy (with a note) and the new list beside it both show a mark; it is cleared
    in the new list. Editing their copy again elsewhere does not bring it back: what counts
    there is what changed since it was last read, not since it was first written."""
    path, one, other = _staff_copy_and_the_new_list(workspace)
    assert {r[2]: r[-1] for r in _rows(workspace.outbox / BESIDE) if r[-1]} == {one: "ja"}
    _mark(workspace.outbox / BESIDE, {one: None})  # set by mistake: cleared
    workspace.run(TODAY + timedelta(days=2))
    assert not [r for r in _rows(workspace.outbox / BESIDE) if r[-1]]
    # Their copy, still showing «ja» as when it was read, gets a note on another row.
    _mark(path, {}, note=(other, "Sendt med vanlig post i morgen"))
    workspace.run(TODAY + timedelta(days=3))
    assert not [r for r in _rows(workspace.outbox / BESIDE) if r[-1]]
    # A mark they set there now counts, as before.
    _mark(path, {other: "x"})
    workspace.run(TODAY + timedelta(days=4))
    assert {r[2]: r[-1] for r in _rows(workspace.outbox / BESIDE) if r[-1]} == {other: "x"}


def _edit_rows(path, edits: dict[str, tuple[object, object]]) -> list[int]:
    """Staff write in Dokument and Sendt on these letters' rows: their rows, as Excel shows."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    rows = []
    for row in range(1, sheet.max_row + 1):
        document = sheet.cell(row, 3).value
        if document in edits:
            sheet.cell(row, 3).value, sheet.cell(row, SENT).value = edits[document]
            rows.append(row)
    book.save(path)
    return rows


def test_a_mark_on_a_row_whose_document_was_changed_is_named_to_staff(workspace, capsys):
    """The mark cannot be told to belong to a letter (a guess could mark the wrong letter as
    sent, and a parent would never get it): staff are told which rows, calmly; their copy
    is kept and the new list shows those letters as not sent."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    path = workspace.outbox / LIST
    one, other = LISTED_FOR_DAYS
    rows = _edit_rows(path, {one: ("Tema 1 til fosterforeldre Tormod Testesen", "x"),
                             other: (None, datetime(2026, 11, 22))})
    capsys.readouterr()
    assert workspace.cli(today=TODAY + timedelta(days=1)) == 0
    out = capsys.readouterr()
    said = out.out + out.err
    first, second = sorted(rows)
    assert (f"På rad {first} og {second} i Til utsending.xlsx er det merker i kolonnen Sendt, "
            "men Dokument eller Brevdato på radene er endret siden listen ble laget, så "
            "merkene kunne ikke knyttes til brev.") in said
    assert "Tormod" not in said
    assert _outbox_lists(workspace) == [BESIDE, LIST]
    assert not [r for r in _rows(workspace.outbox / BESIDE) if r[-1]]
    logged = "".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in workspace.root.rglob("*") if p.suffix in (".json", ".log"))
    assert "Tormod" not in logged
    # Written in again at the letter's own row of the new list, it is kept.
    _mark(workspace.outbox / BESIDE, {one: "x"})
    assert workspace.cli(today=TODAY + timedelta(days=2)) == 0
    assert "kunne ikke knyttes" not in capsys.readouterr().out
    assert {r[2]: r[-1] for r in _rows(workspace.outbox / BESIDE) if r[-1]} == {
            LISTED_FOR_DAYS[0]: "x"}


def test_the_unmatched_mark_is_named_in_nynorsk_for_a_nynorsk_service(tmp_path, capsys):
    workspace = make_workspace(tmp_path)
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('malform = "nynorsk"\n')
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    path = workspace.outbox / LIST
    sheet = load_workbook(path).worksheets[0]
    document = sheet.cell(sheet.max_row, 3).value  # the last letter: listed for weeks
    [row] = _edit_rows(path, {document: ("Brev til fosterforeldra", "ja")})
    capsys.readouterr()
    assert workspace.cli(today=TODAY + timedelta(days=1)) == 0
    out = capsys.readouterr()
    assert (f"På rad {row} i Til utsending.xlsx er det eit merke i kolonnen Sendt, men "
            "Dokument eller Brevdato på rada er endra sidan lista vart laga, så merket kunne "
            "ikkje knytast til eit brev.") in out.out + out.err


def test_a_list_with_a_picture_staff_put_in_is_kept(workspace):
    """Not only text: a picture (a scanned receipt, say) is theirs too. The list's parts as
    a spreadsheet program adds them beside the sheet."""
    import zipfile

    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / LIST
    _mark(path, {LISTED_FOR_DAYS[0]: "x"})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n")
        archive.writestr("xl/drawings/drawing1.xml",
                         '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/'
                         '2006/spreadsheetDrawing"><xdr:pic/></xdr:wsDr>')
    edited = path.read_bytes()
    workspace.run(TODAY + timedelta(days=1))
    assert path.read_bytes() == edited
    assert {r[2]: r[-1] for r in _rows(workspace.outbox / BESIDE) if r[-1]} == {
        LISTED_FOR_DAYS[0]: "x"}


def test_marks_as_staff_write_them_are_read_and_only_their_date_kept(workspace):
    """Office staff write «23.11», «Sendt!», «sendt 24.11 LH»: each was dropped without a
    word, and the letters came back as not sent (to be sent twice)."""
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / LIST
    dated, worded = LISTED_FOR_DAYS
    _mark(path, {dated: "23.11", worded: "Sendt!"})
    workspace.run(TODAY + timedelta(days=1))
    assert _outbox_lists(workspace) == [LIST]  # only marks: the new list replaced it
    assert {r[2]: r[-1] for r in _rows(path) if r[-1]} == {
        dated: datetime(2026, 11, 23), worded: "Sendt"}
    # Initials beside the date: the date is the mark, and their copy, with the initials,
    # is kept (the new list beside it); the state keeps no words.
    _mark(path, {worded: "sendt 23.11 LH"})
    workspace.run(TODAY + timedelta(days=2))
    assert _outbox_lists(workspace) == [BESIDE, LIST]
    assert _rows(path) and any(r[-1] == "sendt 23.11 LH" for r in _rows(path))
    assert {r[2]: r[-1] for r in _rows(workspace.outbox / BESIDE) if r[-1]} == {
        dated: datetime(2026, 11, 23), worded: datetime(2026, 11, 23)}
    state = "".join(p.read_text(encoding="utf-8", errors="replace")
                    for p in (workspace.state / "utsending").glob("*.json"))
    assert "LH" not in state


def test_a_mark_not_read_as_sent_is_named_by_its_row(workspace, capsys):
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    path = workspace.outbox / LIST
    dated, waiting = LISTED_FOR_DAYS
    [row] = _edit_rows(path, {waiting: (waiting, "venter på ny adresse")})
    _mark(path, {dated: "26. nov"})
    capsys.readouterr()
    assert workspace.cli(today=TODAY + timedelta(days=4)) == 0
    out = capsys.readouterr()
    said = out.out + out.err
    assert (f"På rad {row} i Til utsending.xlsx står det noe i kolonnen Sendt som ikke ble "
            "forstått som at brevet er sendt, så brevet står fortsatt som ikke sendt.") in said
    assert "Det er skrevet i listen over brev til utsending siden den ble laget" in said
    assert {r[2]: r[-1] for r in _rows(workspace.outbox / BESIDE) if r[-1]} == {
        dated: datetime(2026, 11, 26)}


def test_an_older_list_as_it_was_written_does_not_stay_beside_the_new_one(workspace):
    """Staff deleted the lists they had written in; the copy left with nothing but marks
    (`(ny versjon 2)`) showed «Brev å sende: 21» beside the new list's 0."""
    path, one, other = _staff_copy_and_the_new_list(workspace)
    _mark(workspace.outbox / BESIDE, {other: "x"}, note=(other, "Lagt i posten"))
    workspace.run(TODAY + timedelta(days=2))
    newest = workspace.outbox / f"Til utsending ({NEW_VERSION} 2).xlsx"
    assert newest.exists()
    path.unlink()
    (workspace.outbox / BESIDE).unlink()
    _mark(newest, {other: "x"})  # only marks: taken in, and as ours
    workspace.run(TODAY + timedelta(days=3))
    assert _outbox_lists(workspace) == [LIST]
    assert {r[2]: r[-1] for r in _rows(path) if r[-1]} == {one: "ja", other: "x"}


@pytest.mark.parametrize(("written", "read"), [
    ("23.11", date(2026, 11, 23)), ("26.11.", date(2026, 11, 26)),
    ("26/11", date(2026, 11, 26)), ("26. nov", date(2026, 11, 26)),
    ("26 november 2026", date(2026, 11, 26)), ("01.11.26", date(2026, 11, 1)),
    ("sendt 26.11 LH", date(2026, 11, 26)), ("26.11.2026 LH", date(2026, 11, 26)),
    ("28.12", date(2025, 12, 28)),  # written on 27 November: last year's
    ("postlagt", "postlagt"), (" x ", "x"), ("Sendt!", "Sendt"),
    # Not sent (yet), or not a date at all: no mark, and the row is named to staff.
    ("30.11", None), ("1.12.2026", None), ("skal sendes 30.11", None), ("send 26.11", None),
    ("returnert 26.11", None), ("i retur 20.11", None), ("26.11?", None),
    ("kl 10.05", None), ("tlf 22.11.33.44", None), ("Storgata 12/3", None),
    ("mor 12 sep", None), ("3 mailer", None), ("utsatt til 3.12", None),
    ("nei", None), ("ikke sendt 26.11", None), ("26.11 og 27.11", None), ("31.02", None),
    ("venter på adresse", None), ("Tormod 01020312345", None),
    # A date cell (Excel's own) the same: up to today a mark, after it none.
    (datetime(2026, 11, 27), date(2026, 11, 27)), (date(2026, 11, 2), date(2026, 11, 2)),
    (datetime(2026, 11, 30), None), (date(2027, 11, 26), None),
])
def test_what_staff_write_in_sendt_is_read_as(written, read):
    from omsorgspakke_docs.documents.sent_marks import _mark as read_mark
    assert read_mark(written, date(2026, 11, 27)) == read


def test_an_older_list_open_in_excel_is_left_until_it_is_closed(workspace):
    path, _, _ = _staff_copy_and_the_new_list(workspace)  # theirs kept, the new one beside
    path.unlink()  # staff deleted their copy: the next list takes the plain name
    owner = workspace.outbox / f"~${BESIDE}"  # Excel's owner file: "~$" and the whole name
    owner.write_bytes(b"owner")  # the copy beside it is open in Excel
    workspace.run(TODAY + timedelta(days=2))
    assert _outbox_lists(workspace) == [BESIDE, LIST]
    owner.unlink()
    workspace.run(TODAY + timedelta(days=3))
    assert _outbox_lists(workspace) == [LIST]


def test_a_date_cell_after_today_is_no_mark_and_its_row_is_named(workspace, capsys):
    """A date picked in Excel's own date cell, a week ahead (the day it is to go), says no
    more that the letter went than «30.11» typed the day before."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    path = workspace.outbox / LIST
    dated, _ = LISTED_FOR_DAYS
    later = TODAY + timedelta(days=4)
    [row] = _edit_rows(path, {dated: (dated, datetime.combine(later + timedelta(days=7),
                                                                datetime.min.time()))})
    capsys.readouterr()
    assert workspace.cli(today=later) == 0
    out = capsys.readouterr()
    assert (f"På rad {row} i Til utsending.xlsx står det noe i kolonnen Sendt som ikke ble "
            "forstått som at brevet er sendt") in out.out + out.err
