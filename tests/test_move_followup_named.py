"""The follow-up during the move is theme 0 in the programme, but no reader knows it by that
number: the plan, the overview and the notes name it («Oppfølging i flytteprosessen», or
«Flytting» where a short label fits), never «tema 0»."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from .conftest import canonical_case
from .doc_helpers import case_context, render, texts

TITLE = {"bokmal": "Oppfølging i flytteprosessen", "nynorsk": "Oppfølging i flytteprosessen"}
THEME_ZERO = re.compile(r"\btema 0\b", re.IGNORECASE)


def _voluntary() -> dict:
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "frivillig": True,
                          "lovhjemmel": "barnevernsloven § 3-6"}
    return case


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_plan_names_the_move_follow_up_where_an_adaptation_adds_questions(tmp_path,
                                                                              malform):
    ctx = case_context(_voluntary()).in_malform(malform)
    (plan,) = texts(ctx, "oppfolgingsplan", tmp_path).values()
    # The voluntary placement's own questions: the parents' move follow-up and last theme.
    assert f"Foreldre («{TITLE[malform]}» og tema 5)" in plan
    assert THEME_ZERO.search(plan) is None


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_overview_labels_the_move_follow_up_instead_of_a_zero(tmp_path, malform):
    ctx = case_context().in_malform(malform)
    (path,) = render(ctx, "oversikt", tmp_path).values()
    ws = load_workbook(path).worksheets[1]
    themes = {(r[1], r[2].split(" (")[0]) for r in ws.iter_rows(min_row=8, values_only=True)
              if r[0] not in (None, "Felles møte")}  # the joint meeting has no theme
    assert ("Flytting", TITLE[malform]) in themes
    assert not any(tema in (0, "0") for tema, _ in themes)
    assert {tema for tema, _ in themes} - {"Flytting"} == {1, 2, 3, 4, 5, 6}
