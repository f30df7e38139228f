"""The numbers above the letters in outbox/Til utsending.xlsx: staff read them as what to post.
«Brev å sende» counts only the letters to send: not those marked «Ikke send», those to check
in the journal first, or those marked as sent; a line beside it says what the whole list holds
(documents/sending.py _counts). The table stays where it was, so the marks in «Sendt» of a
list written by the release before are read as before (documents/sent_marks.py)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from omsorgspakke_docs.documents import sending

from .conftest import ROOT, TODAY, canonical_case, make_workspace
from .test_sending import _service_as_exported, _to_send
from .test_sent_marks import LISTED_FOR_DAYS, _mark, _outbox_lists

PREVIOUS_RELEASE = ROOT / "tests" / "data" / "releases" / "utsending-0.nb.xlsx"
"""templates/nb/utsending.xlsx as the release before wrote the list: «Brev:» for every row."""


def _summary(workspace) -> dict[str, object]:
    """The cells above the list's header row, by address."""
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME).worksheets[0]
    return {cell.coordinate: cell.value for row in sheet.iter_rows(max_row=4) for cell in row
            if cell.value is not None}


def _kinds(rows, hold: str, check: str) -> dict[str, int]:
    """The rows as staff tell them apart: by «Sendt», and the note's first words."""
    kinds = {"send": 0, "check": 0, "hold": 0, "sent": 0}
    for row in rows:
        note = row[6] or ""
        kind = "sent" if row[7] is not None else "hold" if note.startswith(hold) else \
            "check" if note.startswith(check) else "send"
        kinds[kind] += 1
    return kinds


def _two_cases(workspace) -> None:
    """The example case, and one like it whose contact person has no phone number: its
    letters say «[mangler: …]», not to send. [service] names the service as the exports do,
    its phone theirs."""
    _service_as_exported(workspace)
    workspace.drop("sak.json", canonical_case())
    lacking = canonical_case(journalnummer="2026-0413")
    lacking["kontaktperson"].pop("telefon")
    lacking["tjeneste"].pop("telefon")  # nor the service's to show instead
    workspace.drop("mangler.json", lacking)


def test_the_list_counts_the_letters_to_send_apart_from_the_rest(workspace):
    """The service's first run, with a case whose first weeks were over (its information
    letters may have been sent by hand: to check) and a phone number missing (letters not to
    send); the next day one letter is marked as sent. «Brev å sende» is what is left to post,
    never every row."""
    _two_cases(workspace)
    workspace.run()
    rows = _to_send(workspace)
    kinds = _kinds(rows, "Ikke send:", "Kan være sendt før:")
    assert kinds["send"] and kinds["check"] and kinds["hold"] and not kinds["sent"]
    top = _summary(workspace)
    # The letters to check counted beside those to send (not those not to send now).
    assert (top["A3"], top["B3"]) == ("Brev å sende:",
                                      f"{kinds['send']} + {kinds['check']} å sjekke")
    # The letters marked as sent that are still listed, not every letter sent: a bare
    # «Sendt: 4» read as all sent, while those past their days have left the list.
    assert (top["A4"], top["B4"]) == ("Sendt, på listen:", 0)
    assert top["C4"] == (
        f"Listen har {len(rows)} brev: {kinds['send']} skal sendes, {kinds['check']} skal "
        f"sjekkes først og {kinds['hold']} skal ikke sendes nå. Merknad sier "
        "hvorfor.")
    assert kinds["send"] < len(rows)

    to_send = next(r[2] for r in rows if r[2] in LISTED_FOR_DAYS and not r[6])
    _mark(workspace.outbox / sending.FILE_NAME, {to_send: "x"})
    workspace.run(TODAY + timedelta(days=1))
    rows = _to_send(workspace)
    kinds = _kinds(rows, "Ikke send:", "Kan være sendt før:")
    assert kinds["sent"] == 1
    top = _summary(workspace)
    assert (top["B3"], top["B4"]) == (f"{kinds['send']} + {kinds['check']} å sjekke", 1)
    assert top["C4"].endswith(f"{kinds['hold']} skal ikke sendes nå og 1 er merket som sendt. "
                              "Merknad sier hvorfor.")


def test_a_list_of_letters_all_to_send_says_so_without_a_reason_to_look_for(workspace):
    workspace.in_use_since(TODAY - timedelta(days=60))  # a running service: all to send
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    rows = _to_send(workspace)
    top = _summary(workspace)
    assert top["B3"] == len(rows)
    assert top["C4"] == f"Listen har {len(rows)} brev: {len(rows)} skal sendes."


def test_the_nynorsk_list_counts_the_letters_to_send_in_nynorsk(tmp_path):
    workspace = make_workspace(tmp_path)
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('malform = "nynorsk"\n')
    _two_cases(workspace)
    workspace.run()
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME).worksheets[0]
    rows = [r for r in sheet.iter_rows(min_row=6, values_only=True) if r[0]]
    document = next(r[2] for r in rows if not r[6])
    _mark(workspace.outbox / sending.FILE_NAME, {document: "x"}, sheet_name=sheet.title)
    workspace.run(TODAY + timedelta(days=1))
    sheet = load_workbook(workspace.outbox / sending.FILE_NAME).worksheets[0]
    rows = [r for r in sheet.iter_rows(min_row=6, values_only=True) if r[0]]
    kinds = _kinds(rows, "Ikkje send:", "Kan vere sendt før:")
    assert all(kinds.values())
    top = _summary(workspace)
    assert (top["A2"], top["A3"], top["B3"]) == ("Laga:", "Brev å sende:",
                                                  f"{kinds['send']} + {kinds['check']} å sjekke")
    assert (top["A4"], top["B4"]) == ("Sendt, på lista:", 1)
    assert top["C4"] == (
        f"Lista har {len(rows)} brev: {kinds['send']} skal sendast, {kinds['check']} skal "
        f"sjekkast først, {kinds['hold']} skal ikkje sendast no og 1 har merke "
        "i kolonnen Sendt. Merknad seier kvifor.")


@pytest.mark.parametrize(("malform", "explained"), [
    ("bokmal", "Listen har 8 brev: 6 skal sjekkes først og 2 skal ikke sendes nå. "
               "Merknad sier hvorfor."),
    ("nynorsk", "Lista har 8 brev: 6 skal sjekkast først og 2 skal ikkje sendast no. "
                "Merknad seier kvifor.")])
def test_nothing_to_send_while_letters_wait_to_be_checked_is_not_a_bare_zero(workspace,
                                                                             malform,
                                                                             explained):
    """No export of the case since November: on 8 January every letter on the list is to
    check in the journal first ([documents] stale_export_days). «Brev å sende: 0» read as
    nothing to do; the six to check are counted beside it. The parents' two information
    letters, never marked as sent, stay (helper 203), not to send as they are: the
    conversation each names as the next has passed."""
    workspace.in_malform(malform)
    workspace.in_use_since(TODAY - timedelta(days=60))
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    workspace.run(date(2027, 1, 8))
    top = _summary(workspace)
    assert (top["A3"], top["B3"]) == ("Brev å sende:", "0 + 6 å sjekke")
    assert (top["A4"], top["B4"]) == (
        "Sendt, på listen:" if malform == "bokmal" else "Sendt, på lista:", 0)
    assert top["C4"] == explained


def test_a_mark_in_the_list_of_the_release_before_is_kept_in_the_new_layout(workspace):
    """The list as the release before wrote it (its «Brev:» counted every row), a letter
    marked there; the new release's list carries the mark and replaces the old one (nothing
    but «Sendt» was changed), with the new numbers above the same table."""
    own = workspace.own_templates()
    shutil.copyfile(PREVIOUS_RELEASE, own / "nb" / "utsending.xlsx")
    workspace.in_use_since(TODAY - timedelta(days=60))
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / sending.FILE_NAME
    before = _summary(workspace)
    rows = _to_send(workspace)
    assert (before["A3"], before["B3"]) == ("Brev:", len(rows)) and "C4" not in before
    marked = LISTED_FOR_DAYS[0]
    _mark(path, {marked: "x"})

    shutil.copyfile(ROOT / "templates" / "nb" / "utsending.xlsx", own / "nb" / "utsending.xlsx")
    workspace.run(TODAY + timedelta(days=1))
    assert _outbox_lists(workspace) == [sending.FILE_NAME]
    rows = _to_send(workspace)
    assert {r[2]: r[7] for r in rows if r[7]} == {marked: "x"}
    after = _summary(workspace)
    # (Less the invitations for today nobody marked as sent, listed not to send: 312.)
    not_to_send = [r for r in rows if str(r[6] or "").startswith("Ikke send:")]
    assert (after["A3"], after["B3"]) == ("Brev å sende:", len(rows) - 1 - len(not_to_send))
    assert after["B4"] == 1 and " og 1 er merket som sendt." in after["C4"]

    # And a mark set in the new layout is read as well.
    other = LISTED_FOR_DAYS[1]
    _mark(path, {other: "x"})
    workspace.run(TODAY + timedelta(days=2))
    assert {r[2]: r[7] for r in _to_send(workspace) if r[7]} == {marked: "x", other: "x"}
    assert _summary(workspace)["B4"] == 2
