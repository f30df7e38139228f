"""Which cases qualify: an active foster-home placement that started at most 12 months ago."""

from datetime import date

import pytest

from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.domain.qualify import skip_reason

TODAY = date(2026, 11, 22)


def case(**plassering) -> Case:
    return Case(journalnummer="Q-1", plassering=plassering)


@pytest.mark.parametrize("start", [date(2026, 11, 22), date(2026, 6, 1), date(2025, 11, 22)])
def test_placements_within_the_last_twelve_months_qualify(start):
    assert skip_reason(case(startdato=start), TODAY) is None


@pytest.mark.parametrize("plassering, words", [
    ({"startdato": date(2025, 11, 21)}, "mer enn 12 måneder"),
    ({"startdato": date(2026, 12, 1)}, "starter først 1. desember 2026"),
    ({"startdato": date(2026, 3, 1), "sluttdato": date(2026, 10, 1)}, "avsluttet 1. oktober 2026"),
    ({}, "ingen aktiv fosterhjemsplassering"),
])
def test_other_cases_are_skipped_with_a_reason(plassering, words):
    assert words in skip_reason(case(**plassering), TODAY)


def test_window_is_configurable():
    assert skip_reason(case(startdato=date(2026, 3, 1)), TODAY, months=6) is not None
