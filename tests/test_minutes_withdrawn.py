"""Minutes written in the wrong minutes document (theme 1's written in theme 2's, say) are
read for the wrong conversation: it shows as held, with another conversation's assessment.
They are taken back by putting the same minutes in the inbox again, saved later, with the
date held emptied (merge.withdraw): the conversation is as the journal has it again, and the
assessment goes. A copy that was never read, an older copy and a blank copy still go to the
failed folder as minutes without a date (adapters/referat_docx.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from omsorgspakke_docs.rendering import minutes_marker as mm
from omsorgspakke_docs.store.state import State

from .conftest import canonical_case, docx_text, make_workspace
from .test_minutes_kept import LATER, held_entry, lagging_export, register_requests, saved
from .test_readback import JOURNAL, MINUTES, POSITIVE, WRITTEN, fill_minutes, overview_row

READ_AT = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)
TAKEN_BACK_AT = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
EVALUATION = "03 Sluttevaluering - Barnet.docx"


def _read(tmp_path):
    """The child's theme 1 minutes read in, saved on 20 November: held that day."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_failed == 0
    minutes = fill_minutes(ws.case_folder(JOURNAL) / MINUTES, WRITTEN)
    ws.drop("referat.docx", saved(minutes, READ_AT))
    assert ws.run().files_failed == 0
    assert held_entry(ws).referat_mottatt
    assert POSITIVE in docx_text(ws.case_folder(JOURNAL) / EVALUATION)
    return ws


def _taken_back(ws, when: datetime = TAKEN_BACK_AT, values: dict | None = None) -> bytes:
    """The same minutes, their date emptied, saved at `when`."""
    written = {**WRITTEN, mm.HELD.tag: ""} if values is None else values
    return saved(fill_minutes(ws.case_folder(JOURNAL) / MINUTES, written), when)


def _theme_1(ws):
    return [s for s in State(ws.state).load(f"4699:{JOURNAL}").samtaler
            if (s.part, s.tema) == ("barnet", 1)]


def test_minutes_back_with_their_date_emptied_are_taken_back(tmp_path):
    ws = _read(tmp_path)
    ws.drop("tilbake.docx", _taken_back(ws))
    summary = ws.run(LATER)
    assert summary.files_failed == 0
    assert (ws.archive / "tilbake.docx").exists() or any(ws.archive.rglob("tilbake*.docx"))
    assert not list(ws.failed.glob("tilbake*"))
    # Not held any more: no minutes, no assessment from them, nothing to register.
    assert not [s for s in _theme_1(ws) if s.referat_mottatt or s.status == "gjennomfort"]
    row = overview_row(ws, "Barnet", 1)
    assert "Gjennomført" not in row
    assert POSITIVE not in docx_text(ws.case_folder(JOURNAL) / EVALUATION)
    assert not register_requests(ws)


def test_taken_back_the_conversation_is_as_the_journal_last_said(tmp_path):
    """The journal's export after the minutes still had it planned for 27 November (kept
    as its word): taken back, the conversation is planned for that day again."""
    ws = _read(tmp_path)
    ws.drop("eksport.json", lagging_export("planlagt", "2026-11-27"))
    assert ws.run(LATER).files_failed == 0
    assert register_requests(ws)
    ws.drop("tilbake.docx", _taken_back(ws))
    assert ws.run(LATER).files_failed == 0
    (entry,) = _theme_1(ws)
    assert (entry.status, entry.dato, entry.referat_mottatt, entry.fagsystemet) == (
        "planlagt", date(2026, 11, 27), None, None)
    assert not register_requests(ws)
    row = overview_row(ws, "Barnet", 1)
    assert "Gjennomført" not in row and row[3].date() == date(2026, 11, 27)


def test_minutes_never_read_without_a_date_still_go_to_failed(tmp_path):
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_failed == 0
    ws.drop("referat.docx", _taken_back(ws))
    assert ws.run().files_failed == 1
    note = (ws.failed / "referat.docx.feil.txt").read_text(encoding="utf-8")
    assert "mangler datoen samtalen ble holdt" in note and mm.HELD.title in note
    assert "Sofie" not in note


def test_an_older_copy_or_a_blank_one_takes_nothing_back(tmp_path):
    """A copy without a date saved before the one read (a draft) is older, and one with
    nothing written in it is no copy of those minutes: both go to failed, and the
    conversation stays held."""
    ws = _read(tmp_path)
    ws.drop("utkast.docx", _taken_back(ws, datetime(2026, 11, 20, 12, 0, tzinfo=UTC)))
    ws.drop("blank.docx", _taken_back(ws, values={}))
    assert ws.run(LATER).files_failed == 2
    draft = (ws.failed / "utkast.docx.feil.txt").read_text(encoding="utf-8")
    assert "eldre enn den som allerede er lest inn" in draft
    blank = (ws.failed / "blank.docx.feil.txt").read_text(encoding="utf-8")
    assert "mangler datoen samtalen ble holdt" in blank
    assert held_entry(ws).referat_mottatt
    assert POSITIVE in docx_text(ws.case_folder(JOURNAL) / EVALUATION)


def test_taken_back_a_conversation_the_journal_had_held_stays_held(tmp_path):
    """The journal had the conversation held on 19 November before the minutes came (their
    date, 20 November, then counted): taken back, it is held on the journal's date, and no
    invitation is made for it."""
    ws = make_workspace(tmp_path)
    case = canonical_case()
    case["samtaler"] = [*case["samtaler"], {"part": "barnet", "tema": 1, "dato": "2026-11-19",
                                            "status": "gjennomfort"}]
    ws.drop("sak.json", case)
    assert ws.run().files_failed == 0
    minutes = fill_minutes(ws.case_folder(JOURNAL) / MINUTES, WRITTEN)
    ws.drop("referat.docx", saved(minutes, READ_AT))
    assert ws.run().files_failed == 0
    assert held_entry(ws).dato == date(2026, 11, 20) and not register_requests(ws)
    ws.drop("tilbake.docx", _taken_back(ws))
    assert ws.run(LATER).files_failed == 0
    (entry,) = _theme_1(ws)
    assert (entry.status, entry.dato, entry.referat_mottatt) == (
        "gjennomfort", date(2026, 11, 19), None)
    assert "Gjennomført" in overview_row(ws, "Barnet", 1)
    assert not list((ws.case_folder(JOURNAL) / "Innkallinger" / "Barnet").glob("Tema 1 *"))
    assert not register_requests(ws)


def test_the_other_parents_minutes_are_taken_back_alone(tmp_path):
    """Parents apart, each with minutes of their own read; the mother's were the father's,
    written in her document. Taken back, her conversation is not held any more (nor its
    assessment); his stays as it was."""
    ws = make_workspace(tmp_path)
    ws.whole_year()
    ws.drop("sak.json", canonical_case())
    assert ws.run(date(2026, 11, 19)).files_failed == 0
    folder = ws.case_folder(JOURNAL) / "Referater" / "Foreldre"
    read = {}
    for role in ("mor", "far"):
        read[role] = folder / f"Tema 1 - Fortsatt familie - {role}.docx"
        ws.drop(f"ref-{role}.docx", saved(fill_minutes(read[role], {
            **WRITTEN, mm.PARTICIPANTS.tag: role}), READ_AT))
    assert ws.run(date(2026, 11, 21)).files_failed == 0
    ws.drop("tilbake.docx", saved(fill_minutes(read["mor"], {
        **WRITTEN, mm.HELD.tag: "", mm.PARTICIPANTS.tag: "mor"}), TAKEN_BACK_AT))
    assert ws.run(LATER).files_failed == 0
    stored = State(ws.state).load(f"4699:{JOURNAL}")
    theme_1 = {s.forelder: s for s in stored.samtaler if (s.part, s.tema) == ("foreldre", 1)}
    assert 0 not in theme_1 or not theme_1[0].referat_mottatt
    assert theme_1[1].referat_mottatt and theme_1[1].dato == date(2026, 11, 20)
    assessed = {v.forelder for v in stored.vurderinger if (v.part, v.tema) == ("foreldre", 1)}
    assert assessed == {1}
