"""The benchmark's synthetic exports are valid inputs with synthetic people only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from lxml import etree

from bench.generate import Synth, write_all
from omsorgspakke_docs.domain import idnumber, qualify
from omsorgspakke_docs.intake import detect
from omsorgspakke_docs.plugins import make_manager

from .conftest import DATA, TODAY, shipped_settings

CASES = 40


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    return write_all(tmp_path_factory.mktemp("bench-export"), CASES, TODAY)


@pytest.mark.parametrize("kind, schema", [
    ("bvr", DATA / "ssb" / "bvr" / "Barnevern_v4.xsd"),
    ("kostra", DATA / "ssb" / "kostra-15f" / "KostraBarnevern.xsd"),
])
def test_register_exports_validate_against_ssbs_schemas(exports, kind, schema):
    validator = etree.XMLSchema(etree.parse(str(schema)))
    assert validator.validate(etree.parse(str(exports[kind]))), validator.error_log


@pytest.mark.parametrize("kind, adapter, count", [
    ("canonical", "omsorgspakke-json", 1), ("canonical_list", "omsorgspakke-json", CASES),
    ("bvr", "ssb-barnevern-xml", 1), ("kostra", "ssb-kostra-15f", CASES),
    ("visma_flyt", "visma-flyt-barnevern-personer", CASES),
])
def test_every_export_is_read_by_its_adapter_and_every_case_qualifies(exports, kind, adapter,
                                                                      count):
    pm = make_manager(None)
    found = detect.detect(pm, exports[kind], detect.adapters(pm, shipped_settings()))
    cases = list(found.read(exports[kind]))
    assert found.name == adapter and len(cases) == count
    assert all(qualify.skip_reason(c, TODAY, 12) is None for c in cases)


def test_people_are_synthetic_and_placements_spread_over_the_last_year():
    cases = list(Synth(TODAY).cases(300))
    numbers = [c["barn"]["fodselsnummer"] for c in cases]
    assert all(idnumber.is_synthetic(n) and idnumber.is_valid(n) for n in numbers)
    assert all(idnumber.birth_date(c["barn"]["fodselsnummer"]).isoformat()
               == c["barn"]["fodselsdato"] for c in cases)
    starts = sorted(date.fromisoformat(c["plassering"]["startdato"]) for c in cases)
    assert TODAY - timedelta(days=365) < starts[0] and starts[-1] <= TODAY
    assert (starts[-1] - starts[0]).days > 300  # spread, not bunched
    assert len({c["journalnummer"] for c in cases}) == len(cases)


def test_the_same_seed_gives_the_same_cases():
    assert list(Synth(TODAY, seed=5).cases(5)) == list(Synth(TODAY, seed=5).cases(5))
    assert list(Synth(TODAY, seed=5).cases(5)) != list(Synth(TODAY, seed=6).cases(5))


def test_a_caseload_with_history_has_held_what_its_cadence_put_before_today():
    """The steady-state benchmark's caseload: the journal records every conversation the
    programme's cadence put before today as held, so no case comes in late, and the minutes
    and assessments of all but the last two weeks', so the findings are a steady service's."""
    cases = list(Synth(TODAY, history=True).cases(20))
    plain = list(Synth(TODAY).cases(20))
    for case, without in zip(cases, plain, strict=True):
        held = case["samtaler"]
        assert all(s["status"] == "gjennomfort" and date.fromisoformat(s["dato"]) < TODAY
                   for s in held)
        journal = ("samtaler", "vurderinger")
        assert {k: v for k, v in case.items() if k not in journal} == \
            {k: v for k, v in without.items() if k not in journal}  # the same people
    old = [c for c in cases
           if date.fromisoformat(c["plassering"]["startdato"]) < TODAY - timedelta(days=200)]
    assert old and all(len({(s["part"], s["tema"]) for s in c["samtaler"]}) > 8 for c in old)
    minuted = [s for c in cases for s in c["samtaler"]
               if date.fromisoformat(s["dato"]) < TODAY - timedelta(days=14)]
    assert minuted and all(s.get("referat_mottatt") for s in minuted)
