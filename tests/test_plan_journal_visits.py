"""The follow-up plan and the journal's own plans: the visits ahead the journal has planned are
in the plan's table of visits (the contact person looked them up in the journal), once each;
a joint meeting kept on the day of such a visit is said, as a conversation is; and a letter
the state knows is made is said to be made, not «lages senest» a day ahead."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from omsorgspakke_docs.planning import schedule

from .conftest import canonical_case
from .doc_helpers import case_context, render

IN_JOURNAL = "Planlagt i fagsystemet"  # (the same words in nynorsk)


def _visit_rows(ctx, folder) -> list[list[str]]:
    (path,) = render(ctx, "oppfolgingsplan", folder).values()
    return next([[c.text for c in row.cells] for row in table.rows][1:]
                for table in Document(str(path)).tables
                if [c.text for c in table.rows[0].cells] == ["Dato", "Tid", "Status"])


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_visit_the_journal_has_planned_is_in_the_plans_table(tmp_path, malform):
    """The journal has a visit planned on 10 February 2027, which the planner's visits do
    not count: the table lists it in its place by date, its time a dash, «Planlagt i
    fagsystemet»; the visits the plan set are there as before."""
    status, day = IN_JOURNAL, "onsdag 10. februar 2027"
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"},
                                            {"dato": "2027-02-10", "status": "planlagt"}])
    rows = _visit_rows(case_context(case).in_malform(malform), tmp_path)
    dates = [r[0] for r in rows]
    assert [day, "–", status] in rows
    assert dates.index(day) == 2  # after the one held and the plan's visit of January
    assert sum(r[2] == "Planlagt" for r in rows) == 3


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_planned_visit_the_journal_has_on_its_day_is_listed_once(tmp_path, malform):
    """The plan set visit 2 on 14 January 2027 at 09.00; the contact person put it in the
    journal, which has a visit planned that day: one row, with the plan's time, and said to
    be in the journal."""
    status, day = IN_JOURNAL, "torsdag 14. januar 2027"
    first = case_context()
    fixed = schedule.fixed_dates(first.plan)
    assert (schedule.VISIT, 2, 1, None) in fixed and fixed[(schedule.VISIT, 2, 1, None)][0] \
        == date(2027, 1, 14)
    case = canonical_case(oppfolgingsbesok=[{"dato": "2026-10-13"},
                                            {"dato": "2027-01-14", "status": "planlagt"}])
    rows = _visit_rows(case_context(case, fixed=fixed).in_malform(malform), tmp_path)
    assert [r for r in rows if r[0] == day] == [[day, "09.00–10.30", status]]
    assert len(rows) == 4
