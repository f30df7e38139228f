"""The journal behind returned minutes: when an export after the minutes still has a
conversation planned or cancelled, the overview asks to register it (merge.journal_word,
compliance._journal_behind), and stops asking once an export has it held. Cases found by
helper 93's attack on the first version."""

import os
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from omsorgspakke_docs.domain.merge import sources_lines
from omsorgspakke_docs.intake.detect import labels
from omsorgspakke_docs.rendering import minutes_marker as mm
from omsorgspakke_docs.store.state import State
from omsorgspakke_docs.text import tekst

from .conftest import canonical_case, docx_text, make_workspace, xlsx_rows
from .test_minutes_kept import (
    HOW,
    LATER,
    held_entry,
    lagging_export,
    minutes_returned,
    register_requests,
    saved,
)
from .test_readback import JOURNAL, MINUTES, WRITTEN, fill_minutes


@pytest.fixture
def minutes_back(tmp_path):
    return minutes_returned(tmp_path)


PLANNED = {"part": "foreldre", "tema": 1, "dato": "2026-11-20", "status": "planlagt"}


def with_entry(day: str | None, *entries: dict, together: bool = False) -> dict:
    case = canonical_case(eksportert=day) if day else canonical_case()
    if together:
        for parent in case["foreldre"]:
            parent["bor_sammen_med_annen_forelder"] = True
    case["samtaler"] = [*case["samtaler"], *entries]
    return case


def parents_theme_1(ws) -> list:
    return [s for s in State(ws.state).load(f"4699:{JOURNAL}").samtaler
            if (s.part, s.tema) == ("foreldre", 1)]


def test_registered_naming_one_parent_ends_the_request_for_minutes_both_had(tmp_path):
    """Parents together, shared minutes back; the journal then registers it held naming the
    mother: that is the journal caught up."""
    ws = make_workspace(tmp_path)
    ws.whole_year()
    ws.drop("sak.json", with_entry("2026-11-19", PLANNED, together=True))
    assert ws.run(date(2026, 11, 19)).files_failed == 0
    minutes = next((ws.case_folder(JOURNAL) / "Referater" / "Foreldre").glob("Tema 1 - *.docx"))
    ws.drop("r.docx", fill_minutes(minutes, {**WRITTEN, mm.PARTICIPANTS.tag: "mor og far"}))
    assert ws.run(date(2026, 11, 20)).files_failed == 0
    ws.drop("e1.json", with_entry("2026-11-21", PLANNED, together=True))
    assert ws.run(date(2026, 11, 21)).files_failed == 0
    assert register_requests(ws)
    ws.drop("e2.json", with_entry("2026-11-24", {**PLANNED, "status": "gjennomfort",
                                                 "forelder": 0}, together=True))
    assert ws.run(date(2026, 11, 24)).files_failed == 0
    assert not register_requests(ws)


def test_a_journal_entry_naming_no_parent_is_behind_each_parents_own_minutes(tmp_path):
    """Parents apart, each with minutes of their own back; the journal's one entry for the
    theme, naming no parent, is still planned: asked once, naming both."""
    ws = make_workspace(tmp_path)
    ws.whole_year()
    ws.drop("sak.json", with_entry(None, PLANNED))
    assert ws.run(date(2026, 11, 19)).files_failed == 0
    folder = ws.case_folder(JOURNAL) / "Referater" / "Foreldre"
    for role in ("mor", "far"):
        minutes = folder / f"Tema 1 - Fortsatt familie - {role}.docx"
        ws.drop(f"ref-{role}.docx", fill_minutes(minutes, {**WRITTEN,
                                                           mm.PARTICIPANTS.tag: role}))
    assert ws.run(date(2026, 11, 21)).files_failed == 0
    ws.drop("eksport.json", with_entry("2026-11-22", PLANNED))
    assert ws.run(date(2026, 11, 23)).files_failed == 0
    assert register_requests(ws) == [
        "Referatene fra 2 samtaler viser at de er holdt, men fagsystemet har dem ikke som "
        "gjennomført: Foreldre (mor), «Fortsatt familie», holdt 20. november 2026 (står som "
        "planlagt til 20. november 2026); Foreldre (far), «Fortsatt familie», holdt 20. "
        "november 2026 (står som planlagt til 20. november 2026). Endre dem i fagsystemet til "
        "gjennomført på datoene her, slik at de ikke blir satt opp på nytt."]


def test_an_export_made_before_the_conversation_was_held_asks_nothing(tmp_path):
    """The export of 17 November, read late, could not have a conversation held on the 20th."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case(eksportert="2026-11-10"))
    assert ws.run(date(2026, 11, 10)).files_failed == 0
    ws.drop("referat.docx", fill_minutes(ws.case_folder(JOURNAL) / MINUTES, WRITTEN))
    assert ws.run(date(2026, 11, 21)).files_failed == 0
    late = lagging_export("planlagt", "2026-11-20") | {"eksportert": "2026-11-17"}
    ws.drop("eksport-17.json", late)
    assert ws.run(date(2026, 11, 22)).files_failed == 0
    assert held_entry(ws).fagsystemet is None and not register_requests(ws)


@pytest.mark.parametrize("written, asked", [
    ("2026-11-19T12:00:00+01:00", False),  # the day before the conversation was held
    ("2026-11-20T16:00:00+01:00", False),  # held that day, before its minutes were saved
    ("2026-11-21T12:00:00+01:00", True)])  # after: the journal could have had it
def test_an_export_with_no_date_counts_as_made_when_its_file_was_written(tmp_path, written,
                                                                            asked):
    """An export without an export date, its conversation still planned: the file was
    written (its modification time, kept when it is copied to the inbox) before the minutes
    of 20 November were saved (17:00), so it could not have them, and asks nothing; written
    after, it asks to register the conversation."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case(eksportert="2026-11-10"))
    assert ws.run(date(2026, 11, 10)).files_failed == 0
    minutes = fill_minutes(ws.case_folder(JOURNAL) / MINUTES, WRITTEN)
    ws.drop("referat.docx", saved(minutes, datetime(2026, 11, 20, 16, 0, tzinfo=UTC)))
    assert ws.run(date(2026, 11, 21)).files_failed == 0
    undated = lagging_export("planlagt", "2026-11-27")
    del undated["eksportert"]
    path = ws.drop("uten-dato.json", undated)
    stamp = datetime.fromisoformat(written).timestamp()
    os.utime(path, (stamp, stamp))
    assert ws.run(date(2026, 11, 23)).files_failed == 0
    assert bool(register_requests(ws)) is asked
    assert (held_entry(ws).fagsystemet is not None) is asked


@pytest.mark.parametrize("order", [1, -1])
def test_an_entry_held_wins_over_an_earlier_cancelled_one(minutes_back, order):
    """Cancelled on the 13th, booked again and held on the 20th: the journal has it held,
    whichever order it lists the two in."""
    ws = minutes_back
    entries = [{"part": "barnet", "tema": 1, "dato": "2026-11-20", "status": "gjennomfort"},
               {"part": "barnet", "tema": 1, "dato": "2026-11-13", "status": "avlyst"}]
    ws.drop("eksport.json", canonical_case(eksportert="2026-11-21") | {
        "samtaler": [*canonical_case()["samtaler"], *entries[::order]]})
    assert ws.run(LATER).files_failed == 0
    assert held_entry(ws).fagsystemet.status == "gjennomfort" and not register_requests(ws)


REGISTER = '''
import json
from omsorgspakke_docs.hookspecs import hookimpl
from omsorgspakke_docs.domain.model import Case


class Register:
    name = "register-test"
    description = "Registereksport uten samtaler (test)"

    def claims(self, sample):
        return sample.suffix == ".reg"

    def read(self, path):
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("samtaler", None)
        data.pop("vurderinger", None)
        yield Case.model_validate(data)


@hookimpl
def register_adapters(register):
    register(Register())
'''


def test_a_newer_export_without_conversations_does_not_keep_a_request_answered(minutes_back):
    """A register export of the 25th (no conversations) came before the journal's export of
    the 24th, which has the conversation held: the request goes."""
    ws = minutes_back
    (ws.root / "plugins" / "register_plugin.py").write_text(REGISTER, encoding="utf-8")
    ws.drop("eksport.json", lagging_export("planlagt", "2026-11-27"))
    assert ws.run(LATER).files_failed == 0
    assert register_requests(ws)
    ws.drop("register.reg", canonical_case(eksportert="2026-11-25"))
    assert ws.run(date(2026, 11, 25)).files_failed == 0
    assert register_requests(ws)  # it says nothing of conversations
    ws.drop("registrert.json", lagging_export("gjennomfort", "2026-11-20")
            | {"eksportert": "2026-11-24"})
    assert ws.run(date(2026, 11, 25)).files_failed == 0
    assert not register_requests(ws)
    # An export older than that one, read after it, does not bring the request back.
    ws.drop("eldre.json", lagging_export("planlagt", "2026-11-27") | {"eksportert": "2026-11-22"})
    assert ws.run(date(2026, 11, 26)).files_failed == 0
    assert not register_requests(ws)


def test_the_move_follow_up_names_each_contact(tmp_path):
    ws = make_workspace(tmp_path)
    ws.whole_year()
    planned = canonical_case()
    for entry in planned["samtaler"]:
        if (entry["part"], entry["tema"]) == ("barnet", 0):
            entry["status"] = "planlagt"
    ws.drop("sak.json", planned)
    assert ws.run().files_failed == 0
    folder = ws.case_folder(JOURNAL) / "Referater" / "Barnet"
    for n, held in ((1, "16.09.2026"), (2, "24.09.2026")):
        ws.drop(f"k{n}.docx", fill_minutes(
            folder / f"Tema 0 - Oppfølging i flytteprosessen (kontakt {n}).docx",
            {**WRITTEN, mm.HELD.tag: held}))
    assert ws.run().files_failed == 0
    ws.drop("eksport.json", planned | {"eksportert": "2026-11-21"})
    assert ws.run(date(2026, 11, 23)).files_failed == 0
    [asked] = register_requests(ws)
    assert "«Oppfølging i flytteprosessen» (kontakt 1), holdt 16. september 2026" in asked
    assert "«Oppfølging i flytteprosessen» (kontakt 2), holdt 24. september 2026" in asked


def test_an_assessment_from_the_journal_is_not_said_to_come_from_minutes(tmp_path):
    """No minutes came back: an answer the journal's assessment lacks is «Ikke fylt ut», and
    the sentence about filling in the minutes is not there."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", with_entry(None, {"part": "barnet", "tema": 1, "dato": "2026-11-20",
                                          "status": "gjennomfort"}) | {"vurderinger": [{
        "part": "barnet", "tema": 1, "dato": "2026-11-20",
        "positivt": "Samværet med mor går roligere nå."}]})
    assert ws.run().files_failed == 0
    text = docx_text(ws.case_folder(JOURNAL) / "03 Sluttevaluering - Barnet.docx")
    assert "Samværet med mor går roligere nå." in text
    assert HOW not in text and "Ikke fylt ut i referatet" not in text
    assert text.count("Ikke fylt ut") == 2  # the two answers the journal's assessment lacks


def test_two_exports_described_alike_are_told_apart_in_the_disagreement_note():
    found = [SimpleNamespace(name="familia-personrapport",
                             description="Familia: personrapport, én rad per person"),
             SimpleNamespace(name="familia-2027",
                             description="Familia: personrapport, ny versjon fra 2027"),
             SimpleNamespace(name="ssb-barnevern-xml",
                             description="SSB/Bufdir-registereksport «Barnevern» XML v1–v4 (x)")]
    said = sources_lines({"ny": ("familia-2027", None), "gammel": ("familia-personrapport", None),
                          "brukt": "familia-2027", "ny_brukt": True}, tekst(), labels(found))
    assert said == ["Lest inn nå: Familia: personrapport (familia-2027)",
                    "Lest inn før: Familia: personrapport (familia-personrapport)",
                    "Brukt i dokumentene: Familia: personrapport (familia-2027)"]
    assert labels(found)["ssb-barnevern-xml"] == "SSB/Bufdir-registereksport «Barnevern» XML v1–v4"


@pytest.mark.parametrize("status, dato, due", [
    ("planlagt", "2026-11-27", date(2026, 11, 27)),  # before the day it is booked for
    ("avlyst", "2026-11-20", date(2026, 12, 4))])  # as the minutes were due (14 days)
def test_the_request_is_due_before_the_journal_would_hold_it_again(minutes_back, status, dato,
                                                                    due):
    ws = minutes_back
    ws.drop("eksport.json", lagging_export(status, dato))
    assert ws.run(LATER).files_failed == 0
    [row] = [r for r in xlsx_rows(ws.case_folder(JOURNAL) / "04 Oppfølgingsoversikt.xlsx",
                                  "Dette må følges opp") if r[2] in register_requests(ws)]
    assert due in [v.date() for v in row if hasattr(v, "date")]
