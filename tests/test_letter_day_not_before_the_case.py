"""[documents] invitation_days_before longer than the days to a conversation (366, to have
every letter of the year at once) made the plan's note on a conversation the journal moved
name a letter day a year early, before the case even began. A letter is made the day the
case comes at the earliest, and the note says that day; check warns of a value above 60
days (docs/planning.md, docs/operations.md)."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.cli import main

from .conftest import TODAY, canonical_case, docx_text

CASE = "2026-0412"
LATER = date(2026, 11, 24)
NOTE = {
    # Read on 24 November, after the case's first day (22 November), the day its letter
    # was due at the earliest: made at once, not «lages senest 22. november» (past).
    "bokmal": ("Barnet, tema 1: planlagt 7. desember 2026, flyttet til 9. desember 2026 i "
               "fagsystemet; ny innkalling er laget og ligger i mappen Innkallinger."),
    "nynorsk": ("Barnet, tema 1: planlagd 7. desember 2026, flytta til 9. desember 2026 i "
                "fagsystemet; ny innkalling er laga og ligg i mappa Innkallingar."),
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_moved_notes_letter_day_is_not_before_the_case_came(workspace, malform):
    workspace.whole_year()
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(eksportert="2026-11-21"))
    assert workspace.run(TODAY).files_failed == 0
    case = canonical_case(eksportert=LATER.isoformat())
    case["samtaler"] = [*case["samtaler"], {"part": "barnet", "tema": 1, "nummer": 1,
                                            "dato": "2026-12-09", "klokkeslett": "14:00",
                                            "status": "planlagt"}]
    workspace.drop("sak2.json", case)
    assert workspace.run(LATER).files_failed == 0
    plan = docx_text(workspace.case_folder(CASE) / "01 Oppfølgingsplan.docx")
    lines = [line for line in plan.splitlines() if line.startswith("Barnet, tema 1: planlagt")
             or line.startswith("Barnet, tema 1: planlagd")]
    assert lines == [NOTE[malform]]
    assert "2025" not in plan


@pytest.mark.parametrize("days, warned", [(366, True), (61, True), (60, False), (21, False)])
def test_check_warns_of_invitations_made_more_than_60_days_ahead(workspace, capsys, days,
                                                                   warned):
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write(f"\n[documents]\ninvitation_days_before = {days}\n")
    capsys.readouterr()
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    out = capsys.readouterr().out
    said = [line for line in out.splitlines() if "invitation_days_before" in line]
    if warned:
        assert len(said) == 1 and f"invitation_days_before er {days}:" in said[0], out
        assert "Planen sier aldri at et brev lages før dagen saken kom." in said[0]
    else:
        assert said == [], out


def test_run_warns_of_it_too_as_it_starts(workspace, capsys):
    """The same line as check's (config.warnings), on stderr; the run goes through."""
    workspace.whole_year()
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    said = [line for line in capsys.readouterr().err.splitlines()
            if "invitation_days_before" in line]
    assert len(said) == 1 and said[0].startswith("ADVARSEL [documents] invitation_days_before "
                                                 "er 366:"), said
