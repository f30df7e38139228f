"""The follow-up plan made a last time after the programme's last day, as a reader found it
in a nynorsk municipality's 2026-0412 (made on 25 October 2027, no export since November):
under the tables it promised «Kontaktpersonen sjekkar dette, og planen viser det når det er
registrert», an update that only a new export brings; the child's and the parents' rows
«Ikkje registrert» went unexplained, the sentence standing under the foster family's table
alone; and the tracks' descriptions stayed in the present («Samtalane blir tilpassa alder og
modning») in a plan told in the past."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from omsorgspakke_docs.planning import schedule

from .conftest import canonical_case
from .doc_helpers import case_context, texts

FIRST, LAST = date(2026, 11, 23), date(2027, 10, 25)
PLAN = "01 Oppfølgingsplan.docx"


def _plan(malform: str, tmp_path, today: date = LAST, case: dict | None = None) -> str:
    first = case_context(case, today=FIRST)
    ctx = case_context(case, today=today, fixed=schedule.fixed_dates(first.plan))
    return texts(ctx.in_malform(malform), "oppfolgingsplan", tmp_path)[PLAN]


@pytest.mark.parametrize("malform, said, not_said", [
    ("nynorsk", "«Ikkje registrert» tyder at fagsystemet ikkje viser om samtalen vart halden. "
                "Registrer i fagsystemet dei samtalane som vart haldne, og eksporter saka på "
                "nytt, så viser planen det.", "sjekkar dette"),
    ("bokmal", "«Ikke registrert» betyr at fagsystemet ikke viser om samtalen ble holdt. "
               "Registrer i fagsystemet de samtalene som ble holdt, og eksporter saken på nytt, "
               "så viser planen det.", "sjekker dette")])
def test_the_final_plan_says_to_register_and_export_again(tmp_path, malform, said, not_said):
    plan = _plan(malform, tmp_path)
    assert plan.count(said) == 1
    assert not_said not in plan
    # Once, under the last of the three tables whose rows it explains (the foster family's):
    # the child's and the parents' tables, before it, show «Ikke registrert» too.
    body = open_docx(str(tmp_path / PLAN)).element.body
    order = [("table" if child.tag == qn("w:tbl") else Paragraph(child, None).text)
             for child in body.iterchildren()]
    tables = [i for i, what in enumerate(order) if what == "table"]
    note = order.index(said)
    unregistered = "Ikkje registrert" if malform == "nynorsk" else "Ikke registrert"
    shown = [i for i, table in zip(tables, open_docx(str(tmp_path / PLAN)).tables,
                                   strict=True)
             if any(unregistered == cell.text for row in table.rows for cell in row.cells)]
    before = [what for what in order[:note] if what.strip()]
    assert before[-1] == "table" and len([i for i in shown if i < note]) == 3


@pytest.mark.parametrize("malform, said, not_said", [
    ("nynorsk", ["Samtalane skulle tilpassast alder og modning, og dei kunne delast opp, "
                 "byttast om eller takast opp att når barnet trong det.",
                 "Tilbodet vart gitt til alle foreldre og var frivillig; dei som takka nei, "
                 "kan få det tilbode på nytt seinare.",
                 "rom til å snakke om korleis kvardagen vart når barnet hadde flytta inn."],
     ["Samtalane blir tilpassa", "Tilbodet blir gitt", "korleis kvardagen blir"]),
    ("bokmal", ["Samtalene skulle tilpasses alder og modenhet, og de kunne deles opp, byttes "
                "om eller tas opp igjen når barnet trengte det.",
                "Tilbudet ble gitt til alle foreldre og var frivillig; de som takket nei, kan "
                "få det tilbudt på nytt senere.",
                "rom til å snakke om hvordan hverdagen ble når barnet hadde flyttet inn."],
     ["Samtalene tilpasses", "Tilbudet gis", "hvordan hverdagen blir"])])
def test_the_final_plan_tells_the_tracks_in_the_past(tmp_path, malform, said, not_said):
    plan = _plan(malform, tmp_path)
    for words in said:
        assert words in plan
    for words in not_said:
        assert words not in plan


def test_the_tracks_are_in_the_present_while_the_programme_runs(tmp_path):
    plan = _plan("nynorsk", tmp_path, today=date(2027, 5, 24))
    assert "Samtalane blir tilpassa alder og modning" in plan
    assert "Registrer i fagsystemet" not in plan


@pytest.mark.parametrize("malform, said", [
    ("nynorsk", "og gi heile familien rom til å snakke om"),
    ("bokmal", "og gi hele familien rom til å snakke om")])
def test_the_past_foster_track_without_other_children_names_none(tmp_path, malform, said):
    case = canonical_case()
    case["fosterfamilie"]["andre_barn"] = 0
    plan = _plan(malform, tmp_path, case=case)
    assert said in plan
    assert "også" not in plan[plan.index(said) - 200:plan.index(said) + 200]
