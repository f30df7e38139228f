"""Plans (planer[]) from every kind of export: SSB register export, KOSTRA and mapping files."""

from datetime import date

from omsorgspakke_docs.adapters.kostra_15f import Kostra15F
from omsorgspakke_docs.adapters.mapping.adapter import MappingAdapter
from omsorgspakke_docs.adapters.mapping.spec import load
from omsorgspakke_docs.adapters.ssb_bvr import SsbBarnevernXml
from omsorgspakke_docs.domain.model import Case, Plan

from .conftest import EXAMPLES


def test_the_latest_evaluation_is_the_newest_date_whichever_is_given():
    plan = Plan(type="omsorgsplan", evaluert=["2026-10-05", "2026-03-01"])
    assert plan.sist_evaluert == date(2026, 10, 5)
    assert plan.evaluert == [date(2026, 3, 1), date(2026, 10, 5)]
    only_latest = Plan(type="omsorgsplan", sist_evaluert="2026-04-02")
    assert only_latest.evaluert == [date(2026, 4, 2)]
    assert Plan(type="samvaersplan").sist_evaluert is None


def test_register_export_plans_with_and_without_evaluation():
    (case,) = SsbBarnevernXml().read(EXAMPLES / "bvr-modulus-2026-0587.xml")
    assert [(p.type, p.startdato, p.sist_evaluert) for p in case.planer] == [
        ("omsorgsplan", date(2026, 7, 1), date(2026, 10, 5)),
        ("samvaersplan", date(2026, 6, 10), None),
    ]


def test_kostra_plan_types_and_evaluated_date(tmp_path):
    path = tmp_path / "k.xml"
    path.write_text(
        '<Barnevern><Avgiver Kommunenummer="4699" Versjon="2026" Kommunenavn="Fjordvik"/>'
        '<Individ Id="i1" Journalnummer="J1" StartDato="2026-01-01">'
        '<Plan Id="P1" Plantype="4" StartDato="2026-02-01" EvaluertDato="2026-08-01"/>'
        '<Plan Id="P2" Plantype="6" StartDato="2026-02-10"/>'
        '<Plan Id="P3" Plantype="1" StartDato="2026-01-05" SluttDato="2026-01-30"/>'
        '<Plan Id="P4" Plantype="7" StartDato="2026-01-02"/>'  # investigation plan: not read
        "</Individ></Barnevern>", encoding="utf-8")
    (case,) = Kostra15F().read(path)
    assert [(p.type, p.sist_evaluert, p.sluttdato) for p in case.planer] == [
        ("omsorgsplan", date(2026, 8, 1), None),
        ("samvaersplan", None, None),
        ("tiltaksplan", None, date(2026, 1, 30)),
    ]


MAPPING = """\
[mapping]
navn = "planrapport"
beskrivelse = "Saksliste med planer"
format = "csv"

[gjenkjenning]
filendelser = [".csv"]
kolonner = ["Jnr", "Omsorgsplan laget"]

[lesing]
skilletegn = ";"

[felt]
journalnummer = "Jnr"
kommunenummer = { standard = "4699" }
"planer[0].type" = { standard = "omsorgsplan" }
"planer[0].startdato" = "Omsorgsplan laget"
"planer[0].sist_evaluert" = "Omsorgsplan evaluert"
"planer[1].type" = { standard = "oppfolging_fosterfamilie" }
"planer[1].startdato" = "Plan fosterhjem laget"
"plassering.samvaer_bestemt" = "Samvær bestemt"
"""


def test_a_mapping_file_sets_plans_with_their_last_evaluation(tmp_path):
    (tmp_path / "m.toml").write_text(MAPPING, encoding="utf-8")
    adapter = MappingAdapter(load(tmp_path / "m.toml"))
    report = tmp_path / "saker.csv"
    report.write_text(
        "Jnr;Omsorgsplan laget;Omsorgsplan evaluert;Plan fosterhjem laget;Samvær bestemt\n"
        "J-1;01.02.2026;15.08.2026;10.02.2026;Ja\n", encoding="utf-8")
    (case,) = adapter.read(report)
    assert isinstance(case, Case)
    assert [(p.type, p.startdato, p.evaluert) for p in case.planer] == [
        ("omsorgsplan", date(2026, 2, 1), [date(2026, 8, 15)]),
        ("oppfolging_fosterfamilie", date(2026, 2, 10), []),
    ]
    assert case.plassering.samvaer_bestemt is True
