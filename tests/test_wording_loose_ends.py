"""Wording loose ends of the day's fixes, read as their readers read them: the renewed
offer proposes meetings on the condition the parent takes part; a plan where every parent
declined gives each one's day and when the offer comes again; Avvik's title for long gaps
holds whatever the configured number; and the case overview colours a legal deadline ahead
yellow, as Saksoversikt does."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case, docx_text, xlsx_rows
from .test_case_overview_deadlines import _sheet
from .test_caseload_coming_deadlines import _run

JN = "2026-0412"
PLAN = "01 Oppfølgingsplan.docx"


def _all_declined(ws) -> None:
    ws.drop("sak.json", canonical_case())
    assert ws.cli(today=date(2026, 11, 23)) == 0
    case = canonical_case(eksportert="2026-11-26")
    for parent in case["foreldre"]:
        parent["takker_ja"] = False
    ws.drop("sak-2.json", case)
    assert ws.cli(today=date(2026, 11, 27)) == 0


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_plan_where_every_parent_declined_gives_their_days(workspace, malform):
    workspace.in_malform(malform)
    _all_declined(workspace)
    plan = docx_text(workspace.case_folder(JN) / PLAN)
    if malform == "bokmal":
        lines = [f"{who} takket nei til Omsorgspakken 26. november 2026. Tilbudet gis på nytt "
                 "innen 26. februar 2027." for who in ("Mor", "Far")]
        assert "Tilbudet kan gis på nytt senere" not in plan
    else:
        lines = [f"{who} takka nei til Omsorgspakken 26. november 2026. Tilbodet blir gitt på "
                 "nytt innan 26. februar 2027." for who in ("Mor", "Far")]
        assert "Tilbodet kan bli gitt på nytt seinare" not in plan
    for line in lines:
        assert plan.count(line) == 1, line


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_renewed_offer_meets_only_if_the_parent_wants_to(workspace, malform):
    workspace.in_malform(malform)
    _all_declined(workspace)
    assert workspace.cli(today=date(2027, 2, 26)) == 0
    offers = list(workspace.case_folder(JN).glob("02 Nytt tilb*"))
    assert offers
    for offer in offers:
        text = docx_text(offer)
        if malform == "bokmal":
            assert "Hvis du vil være med, møtes vi med noen ukers mellomrom" in text
            assert "Vi møtes med noen ukers" not in text
        else:
            assert "Viss du vil vere med, møtest vi med nokre vekers mellomrom" in text
            assert "Vi møtest med nokre vekers" not in text


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_avvik_names_long_gaps_truly_whatever_the_limit(workspace, malform):
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=date(2026, 11, 23)) == 0
    # The kinds of finding are counted by their titles on Statistikk.
    cells = [str(c) for sheet in ("Avvik", "Statistikk") for row in xlsx_rows(
        workspace.outbox / "Saksoversikt.xlsx", sheet) for c in row if c]
    title = "For lang tid mellom samtalene" if malform == "bokmal" \
        else "For lang tid mellom samtalane"
    assert title in cells
    assert not any("en måned mellom" in c or "ein månad mellom" in c for c in cells)


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_case_overview_colours_a_legal_deadline_yellow(workspace, malform):
    """As Saksoversikt's «Denne måneden» does: yellow while it comes, red once passed."""
    _run(workspace, malform, date(2026, 11, 23))
    ws = _sheet(workspace, malform)
    assert [r for r in ws.iter_rows(min_row=7, values_only=True) if r[0] == "Lovfrist"]
    rules = [(rule.formula[0], str(rule.dxf.fill.bgColor.rgb))
             for rng in ws.conditional_formatting for rule in rng.rules
             if "Lovfrist" in rule.formula[0]]
    assert any(formula == '$A7="Lovfrist"' and fill.endswith("FFEB9C")
               for formula, fill in rules), rules
    assert any("TODAY()" in formula and fill.endswith("F8CBAD") for formula, fill in rules)


