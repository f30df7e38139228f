"""A case whose programme year ended between two runs months apart, with no export after it
(a reader ran the demo forward: 1 June, then 30 November 2027). Its plan, overview and final
evaluations stayed as the June run made them («Vår dato: 1. juni 2027», «alle datoene settes
opp allerede nå»), since the November run came more than three months after its last day, and
it dropped out of Saksoversikt into «Ikke med her». The first run after its last day makes
them one last time, however late, and the team leader sees the case for three months from
then. Read as the contact person and the team leader open them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from .conftest import canonical_case, docx_text, xlsx_rows
from .test_caseload import sheet_rows

FIRST = date(2026, 11, 23)
BEFORE = date(2027, 6, 1)
LAST_DAY = date(2027, 9, 13)  # of the example case, placed 14 September 2026
LATE = date(2027, 12, 20)  # more than three months after it: the next run
PLAN = "01 Oppfølgingsplan.docx"
CHILD = "03 Sluttevaluering - Barnet.docx"
OVERVIEW = "04 Oppfølgingsoversikt.xlsx"

WORDS = {
    "bokmal": {"held": "Tabellene nedenfor viser hvilke samtaler som ble holdt, og hvilke som "
                       "ikke ble det.",
               "dated": "Vår dato:\t20. desember 2027",
               "status": "Avsluttet",
               "left_out": "Ikke med her", "sheet": "Samtaler", "overdue": "Over fristen",
               "rule": "En sak er med her i tre måneder etter at Omsorgspakken ble avsluttet. "
                       "Ble sluttdokumentene laget først etter de tre månedene, er saken med i "
                       "tre måneder fra den dagen.",
               "old_export": "Den siste eksporten av saken er fra"},
    "nynorsk": {"held": "Tabellane nedanfor viser kva samtalar som vart haldne, og kva som "
                        "ikkje vart det.",
                "dated": "Vår dato:\t20. desember 2027",
                "status": "Avslutta",
                "left_out": "Ikkje med her", "sheet": "Samtalar", "overdue": "Over fristen",
                "rule": "Ei sak er med her i tre månader etter at Omsorgspakken vart avslutta. "
                        "Vart sluttdokumenta laga først etter dei tre månadene, er saka med i "
                        "tre månader frå den dagen.",
                "old_export": "Den siste eksporten av saka er frå"},
}


def _runs(workspace, malform: str):
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli(today=FIRST) == 0
    assert workspace.cli(today=BEFORE) == 0  # no export: made by the day
    return workspace.case_folder("2026-0412")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_first_run_months_after_the_end_makes_the_final_documents(workspace, malform):
    words = WORDS[malform]
    folder = _runs(workspace, malform)
    assert words["held"] not in docx_text(folder / PLAN)
    summary = workspace.run(LATE)
    assert summary.cases_after_end == 1
    plan = docx_text(folder / PLAN)
    assert words["held"] in plan
    assert words["dated"] in plan
    assert "1. juni 2027" not in plan
    rows = xlsx_rows(folder / OVERVIEW, words["sheet"])
    assert words["overdue"] not in {r[5] for r in rows}
    # The next run leaves them as they are.
    made = (folder / PLAN).stat().st_mtime_ns
    assert workspace.run(date(2027, 12, 21)).cases_after_end == 0
    assert (folder / PLAN).stat().st_mtime_ns == made


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_team_leader_sees_the_case_for_three_months_from_its_final_documents(
        workspace, malform):
    words = WORDS[malform]
    _runs(workspace, malform)
    assert workspace.cli(today=LATE) == 0
    book = workspace.outbox / "Saksoversikt.xlsx"
    [row] = [r for r in sheet_rows(book, "Saker", 5) if r["Sak"] == "2026-0412"]
    assert row["Status"] == words["status"]
    assert not str(row["Status"]).startswith(words["left_out"])
    # Three months after the final documents were made, it leaves the workbook.
    assert workspace.cli(today=date(2028, 3, 21)) == 0
    assert [r for r in sheet_rows(book, "Saker", 5) if r["Sak"] == "2026-0412"] == []
    assert "2026-0412" in str(xlsx_rows(book, "Saker")[2])


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_workbook_says_why_a_case_ended_long_ago_is_still_listed(workspace, malform):
    """The reader's demo run forward: cases ended in June listed on 30 November, beside a
    line on every sheet saying cases ended more than three months ago are not there. The
    line says the rule the rows follow; the old-export row asks for a re-export within
    [documents] stale_export_days (14) from the final documents, not by 3 December 2026."""
    words = WORDS[malform]
    _runs(workspace, malform)
    assert workspace.cli(today=LATE) == 0
    book = workspace.outbox / "Saksoversikt.xlsx"
    for sheet in ("Saker", "Avvik", "Statistikk"):
        assert xlsx_rows(book, sheet)[2][2] == words["rule"]
    [row] = [r for r in xlsx_rows(book, "Avvik")
             if r[0] == "2026-0412" and str(r[2]).startswith(words["old_export"])]
    assert row[3] == datetime(2028, 1, 3)
