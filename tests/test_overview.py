"""The per-case follow-up overview: statuses, minutes returned, visits, colours, filters."""

from datetime import date, datetime, timedelta

from openpyxl import load_workbook

from omsorgspakke_docs.planning import schedule

from .conftest import canonical_case
from .doc_helpers import case_context, render

HEADER_ROW = 7
RED, YELLOW, GREEN = "F8CBAD", "FFEB9C", "C6EFCE"


def workbook(ctx, tmp_path):
    (path,) = render(ctx, "oversikt", tmp_path).values()
    return load_workbook(path)


def rows(ws):
    header = [c.value for c in ws[HEADER_ROW]]
    return [dict(zip(header, r, strict=False))
            for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0] is not None]


def test_every_conversation_with_date_status_and_minutes_returned(tmp_path):
    ctx = case_context()
    ws = workbook(ctx, tmp_path)["Samtaler"]
    assert [c.value for c in ws[HEADER_ROW]] == [
        "Part", "Tema", "Tittel", "Dato", "Tid", "Status", "Referat mottatt", "Kilde", "Merknad"]
    found = rows(ws)
    # Every conversation, and the joint meeting (tests/test_joint_meeting_overviews.py).
    assert len(found) == len(ctx.plan.conversations) + 1
    by_key = {(r["Part"], r["Tittel"]): r for r in found}
    foster1 = by_key[("Fosterfamilien", "Den nye familien")]
    assert (foster1["Status"], foster1["Referat mottatt"]) == ("Gjennomført", "Ja")
    child0 = by_key[("Barnet", "Oppfølging i flytteprosessen (kontakt 1)")]
    assert (child0["Status"], child0["Referat mottatt"]) == ("Gjennomført", "Nei")
    planned = by_key[("Barnet", "Min historie")]
    assert planned["Status"] == "Planlagt" and planned["Referat mottatt"] is None
    assert isinstance(planned["Dato"], datetime)
    assert ws.cell(HEADER_ROW + 1, 4).number_format == "DD.MM.YYYY"


def test_minutes_of_the_move_follow_up_that_came_back_say_so(tmp_path):
    """The move follow-up's minutes have no assessment: the journal's (or the returned
    minutes') referat_mottatt is what says they came back."""
    case = canonical_case()
    case["samtaler"][0]["referat_mottatt"] = True
    found = {(r["Part"], r["Tittel"]): r for r in rows(workbook(case_context(case),
                                                                tmp_path)["Samtaler"])}
    assert found[("Barnet", "Oppfølging i flytteprosessen (kontakt 1)")]["Referat mottatt"] == "Ja"
    assert found[("Barnet", "Oppfølging i flytteprosessen (kontakt 2)")]["Referat mottatt"] == "Nei"


def test_a_planned_visit_in_the_past_is_overdue(tmp_path):
    first = case_context()
    later = date(2027, 1, 20)
    # An export made that day: the journal could have recorded what was held.
    ctx = case_context(canonical_case(eksportert=later.isoformat()), today=later,
                       fixed=schedule.fixed_dates(first.plan))
    book = workbook(ctx, tmp_path)
    visits = {r[0].date(): r[1] for r in book["Besøk"].iter_rows(min_row=8, values_only=True)
              if r[0] is not None}
    assert visits[date(2026, 10, 13)] == "Gjennomført"
    assert visits[date(2027, 1, 14)] == "Over fristen"
    assert visits[date(2027, 4, 14)] == "Planlagt"
    # A conversation passed within [schedule] missed_after_days is overdue; older ones not
    # in the journal were missed and are moved (planning/schedule.py).
    overdue = [r for r in rows(book["Samtaler"]) if r["Status"] == "Over fristen"]
    assert all(later - timedelta(days=7) <= r["Dato"].date() < later for r in overdue)
    assert any("ikke registrert som holdt. Flyttet til" in n for n in ctx.plan.notes)
    # The plan says the same.
    assert ("14. januar 2027", "Over fristen") in {(b["dato"], b["status"])
                                                   for b in ctx.base["besok"]}



def test_the_colour_key_names_the_status_the_cells_show_in_both_standards(tmp_path):
    """Bokmål and nynorsk say the same thing: a planned date that has passed is «Over
    fristen» in the cells, in the colour key above them and in the colour rule."""
    first = case_context()
    later = date(2027, 1, 20)
    ctx = case_context(today=later, fixed=schedule.fixed_dates(first.plan))
    keys = {}
    for malform in ("bokmal", "nynorsk"):
        book = workbook(ctx.in_malform(malform), tmp_path / malform)
        sheets = book.worksheets
        conversations, visits = sheets[1], sheets[2]
        key = [conversations.cell(2, c).value for c in range(5, 8)]
        overdue = key[0].rsplit(" (", 1)[0]
        keys[malform] = overdue
        shown = {r[1] for r in visits.iter_rows(min_row=8, values_only=True) if r[1]}
        shown |= {r[5] for r in conversations.iter_rows(min_row=8, values_only=True) if r[5]}
        assert overdue in shown, (malform, key, shown)
        assert f'OR($F8="{overdue}"' in _rules(conversations)[0][1]
        assert f'OR($B8="{overdue}"' in _rules(visits)[0][1]
    assert keys == {"bokmal": "Over fristen", "nynorsk": "Over fristen"}

def test_visits_held_against_the_statutory_minimum(tmp_path):
    ws = workbook(case_context(), tmp_path)["Besøk"]
    labels = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, 6)}
    assert labels == {"Gjennomført:": 1, "Minimum første år:": 4, "Gjenstår:": 3,
                      "Snart (dager):": 14}


def _rules(ws):
    return [(str(rng.sqref), rule.formula[0], rule.dxf.fill.bgColor.rgb[-6:])
            for rng in ws.conditional_formatting for rule in rng.rules]


def test_colours_for_overdue_due_soon_and_held_follow_today(tmp_path):
    book = workbook(case_context(due_soon_days=7), tmp_path)
    ws = book["Samtaler"]
    assert ws["A5"].value == "Snart (dager):" and ws["B5"].value == 7
    assert _rules(ws) == [
        ("A8:I5000", 'OR($F8="Over fristen",AND($F8="Planlagt",$D8<TODAY()))', RED),
        ("A8:I5000", 'AND($F8="Planlagt",$D8-TODAY()<=$B$5)', YELLOW),
        ("A8:I5000", '$F8="Gjennomført"', GREEN),
    ]
    # Besøk: a visit not known to be held yet («Ikke registrert som holdt ennå») is yellow
    # whatever its date, as the other waiting rows are.
    assert [rule for _, _, rule in _rules(book["Besøk"])] == [RED, YELLOW, YELLOW, GREEN]
    assert _rules(book["Besøk"])[2][1] == '$B8="Ikke registrert som holdt ennå"'
    # The colours are explained on the sheet.
    assert [ws.cell(2, c).value for c in range(4, 8)] == [
        "Farger:", "Over fristen (rød)", "Snart (gul)", "Gjennomført (grønn)"]
    # The findings' legend runs down a column, labelled too: «Lovbrudd» beside «Vår
    # referanse: 2026-0412» read as its value.
    findings = book["Dette må følges opp"]
    assert [findings.cell(r, c).value for r, c in ((2, 3), (2, 4), (3, 4), (4, 4))] == [
        "Farger:", "Lovbrudd", "Avvik fra Omsorgspakken", "Mangler opplysninger"]


def test_filters_and_frozen_headers_cover_the_whole_list(tmp_path):
    ctx = case_context()
    book = workbook(ctx, tmp_path)
    ws = book["Samtaler"]
    last = HEADER_ROW + len(ctx.plan.conversations) + 1  # and the joint meeting
    assert ws.freeze_panes == "A8"
    assert ws.auto_filter.ref == f"A7:I{last}"
    assert ws.print_title_rows == "$7:$7"
    assert book["Besøk"].freeze_panes == "A8"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
