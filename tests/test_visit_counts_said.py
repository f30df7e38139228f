"""The numbers in «For få oppfølgingsbesøk» as the team leader reads them (helper 201): none
is «ingen», not «0 gjennomførte og 0 planlagte» before «passert …: 1», each count in a
clause of its own («er ingen oppfølgingsbesøk registrert som gjennomført, og 2 er planlagt
framover»). The planned ones counted are those still ahead; those passed unregistered are
said apart. Read back from the
workbook."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.domain.compliance import _registered
from omsorgspakke_docs.text import tekst

from .conftest import canonical_case
from .test_leader_open_findings import findings


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "I plasseringsår 1 er ingen oppfølgingsbesøk registrert som gjennomført, og 2 er "
               "planlagt framover; minimum er 4, og året slutter 13. september 2027."),
    ("nynorsk", "I plasseringsår 1 er ingen oppfølgingsbesøk registrert som gjennomført, og 2 er "
                "planlagt framover; minimum er 4, og året sluttar 13. september "
                "2027."),
])
def test_no_visit_held_is_said_as_none(workspace, malform, said):
    """The journal has the October visit still planned, and no export since: 15 March 2027 the
    row said «registrert 0 gjennomførte og 2 planlagte»."""
    visits = {"oppfolgingsbesok": [{"dato": "2026-10-13", "status": "planlagt"}]}
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(**visits))
    workspace.run(date(2026, 11, 22))
    workspace.run(date(2027, 3, 15))
    rows = [str(f[0]) for f in findings(workspace) if str(f[0]).startswith("I plasseringsår")]
    assert [r for r in rows if r.startswith(said + " ")], rows


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "Registrer dem som ble holdt. Ble ingen av de passerte besøkene holdt, er det "
               "med minst 14 dager mellom besøkene bare tid til "),
    ("nynorsk", "Registrer dei som vart haldne. Vart ingen av dei passerte besøka haldne, er "
                "det med minst 14 dagar mellom besøka berre tid til "),
])
def test_too_little_time_left_asks_to_register_the_visits_passed_first(workspace, malform,
                                                                       said):
    """Three weeks before the year ends, none held and the plan's visits passed unregistered:
    the row said «… bare tid til 1 av de 4 som mangler. Planlegg 1 av dem …», then to
    register the visits held, which may leave none lacking (helper 201)."""
    visits = {"oppfolgingsbesok": [{"dato": "2026-10-13", "status": "planlagt"}]}
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case(**visits))
    workspace.run(date(2026, 11, 22))
    workspace.run(date(2027, 8, 25))
    rows = [str(f[0]) for f in findings(workspace) if str(f[0]).startswith("I plasseringsår")]
    assert len(rows) == 1 and said in rows[0], rows
    assert rows[0].endswith(" det blir for få."), rows  # why, last


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "I plasseringsår 1 er ingen oppfølgingsbesøk registrert som gjennomført, og "
               "ingen er planlagt framover; minimum er 4, og året slutter 13. september 2027."),
    ("nynorsk", "I plasseringsår 1 er ingen oppfølgingsbesøk registrert som gjennomført, og "
                "ingen er planlagt framover; minimum er 4, og året sluttar 13. september "
                "2027."),
])
def test_no_visit_held_or_planned_reads_plainly(malform, said):
    """None held and none ahead: the row said «er det registrert ingen gjennomførte og ingen
    kommende planlagte oppfølgingsbesøk», awkward; now each count in a clause of its own."""
    t = tekst(malform)
    assert t("funn.besok_for_fa", aar=1, minimum=4, dato=t.dato(date(2027, 9, 13)),
             **_registered(0, 0, t)) == said
