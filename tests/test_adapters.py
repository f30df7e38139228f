"""The built-in readers: canonical JSON and the SSB "Barnevern" register XML."""

import json
import shutil
from datetime import date

import pytest
from lxml import etree

from omsorgspakke_docs.adapters.canonical_json import CanonicalJson
from omsorgspakke_docs.adapters.ssb_bvr import SsbBarnevernXml
from omsorgspakke_docs.errors import InputError
from omsorgspakke_docs.intake.detect import detect, sample
from omsorgspakke_docs.plugins import make_manager

from .conftest import DATA, EXAMPLES, canonical_case

BVR = DATA / "ssb" / "bvr"


def test_detection_picks_the_right_adapter(tmp_path):
    pm = make_manager()
    assert detect(pm, EXAMPLES / "sak-fjordvik-2026-0412.json").name == "omsorgspakke-json"
    assert detect(pm, EXAMPLES / "bvr-modulus-2026-0587.xml").name == "ssb-barnevern-xml"
    unknown = tmp_path / "rapport.csv"
    unknown.write_text("a;b;c\n1;2;3\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        detect(pm, unknown)
    message = str(err.value)
    assert "For IT: ingen adapter passet (prøvd: " in message and "ssb-barnevern-xml" in message


def test_canonical_json_reads_every_field():
    (case,) = CanonicalJson().read(EXAMPLES / "sak-fjordvik-2026-0412.json")
    assert case.key == "4699:2026-0412"
    assert case.barn.navn == "Sofie Lindqvist-Hansen"
    assert case.plassering.startdato == date(2026, 9, 14)
    assert [f.rolle for f in case.foreldre] == ["mor", "far"]
    assert case.fosterfamilie.andre_barn == 2
    assert case.kilde == "omsorgspakke-json"
    assert len(case.samtaler) == 4 and case.vurderinger[0].part == "fosterfamilien"


def test_canonical_json_with_several_cases():
    cases = list(CanonicalJson().read(EXAMPLES / "saker-fjordvik-uke47.json"))
    assert [c.journalnummer for c in cases] == ["2026-0655", "2024-0031"]


def test_canonical_json_list_without_its_frame_says_so(tmp_path):
    path = tmp_path / "saker.json"
    path.write_text(json.dumps([canonical_case(), canonical_case(journalnummer="2026-0999")]),
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        list(CanonicalJson().read(path))
    message = str(err.value)
    assert "liste med saker uten rammen rundt" in message
    assert '{"format": "omsorgspakke-saker/1", "saker": [ ... ]}' in message
    assert "Sak nr. 1" not in message


def test_canonical_json_errors_name_the_field_not_the_value(tmp_path):
    bad = canonical_case()
    bad["plassering"]["startdato"] = "14.09.2026 Kari Nordmann"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(InputError) as err:
        list(CanonicalJson().read(path))
    message = str(err.value)
    assert "«plassering.startdato» skal være en dato (ÅÅÅÅ-MM-DD)" in message
    assert "Nordmann" not in message


def test_canonical_json_errors_are_in_norwegian_and_never_quote_unknown_keys(tmp_path):
    bad = canonical_case(kommunenummer="46")
    bad["barn"]["kjonn"] = "annet"
    bad["barn"]["Kari Nordmann"] = "x"
    bad["samtaler"] = [{"part": "barnet", "tema": "to", "dato": "2026-10-01"}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(InputError) as err:
        list(CanonicalJson().read(path))
    message = str(err.value)
    assert "«kommunenummer» skal være fire sifre" in message
    assert "«barn.kjonn» skal være en av 'gutt', 'jente' eller 'ukjent'" in message
    assert "et felt under «barn» er ikke med i saksformatet" in message
    assert "«samtaler nr. 1, tema» skal være et heltall" in message
    assert "Nordmann" not in message and "Input should" not in message


def test_ssb_bvr_example_gives_placement_plans_and_visits():
    (case,) = SsbBarnevernXml().read(EXAMPLES / "bvr-modulus-2026-0587.xml")
    assert case.key == "4699:2026-0587"
    assert case.eksportert == date(2026, 11, 19)
    assert case.barn.fodselsdato == date(2019, 11, 2) and case.barn.kjonn == "gutt"
    assert case.barn.navn is None  # the register export has no names
    p = case.plassering
    assert (p.startdato, p.kategori.value, p.er_i_nettverk) == (date(2026, 6, 2), "2.1", True)
    assert p.lovhjemmel == "barnevernsloven § 5-1 1. ledd" and p.frivillig is False
    assert [(pl.type, pl.evaluert) for pl in case.planer] == [
        ("omsorgsplan", [date(2026, 10, 5)]), ("samvaersplan", [])]
    assert [b.dato for b in case.oppfolgingsbesok] == [date(2026, 7, 8), date(2026, 10, 2)]
    assert case.tjeneste.kommunenavn == "Fjordvik kommune"


def test_our_bvr_example_validates_against_ssbs_v4_schema():
    schema = etree.XMLSchema(etree.parse(str(BVR / "Barnevern_v4.xsd")))
    assert schema.validate(etree.parse(str(EXAMPLES / "bvr-modulus-2026-0587.xml")))


def test_ssb_reference_example_reads_without_placement():
    (case,) = SsbBarnevernXml().read(BVR / "example_modulus-barn_valid_v1-v4.xml")
    assert case.journalnummer == "2022-00004" and case.kommunenummer == "0301"
    assert case.plassering.startdato is None  # a report (Melding) only


def test_ssb_legacy_draft_layout_reads_identity_from_sak():
    (case,) = SsbBarnevernXml().read(BVR / "legacy-draft_test01_file09_total.xml")
    assert case.barn.fodselsdato == date(2010, 1, 2)
    assert [p.type for p in case.planer] == ["tiltaksplan"]


def test_ssb_move_into_foster_home_gives_placement_without_measure(tmp_path):
    text = (EXAMPLES / "bvr-modulus-2026-0587.xml").read_text(encoding="utf-8")
    start, end = text.index("<Tiltak "), text.index("</Tiltak>") + len("</Tiltak>")
    path = tmp_path / "flytting.xml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    (case,) = SsbBarnevernXml().read(path)
    assert case.plassering.startdato == date(2026, 6, 2)
    assert case.plassering.kategori.value == "2.1"


def test_ssb_truncated_file_is_an_input_error(tmp_path):
    path = tmp_path / "cut.xml"
    shutil.copy(EXAMPLES / "bvr-modulus-2026-0587.xml", path)
    path.write_bytes(path.read_bytes()[:900])
    with pytest.raises(InputError):
        list(SsbBarnevernXml().read(path))


def test_ssb_adapter_does_not_claim_kostra_files():
    s = sample(DATA / "ssb" / "kostra-15f" / "Testfil_21_OK_2020_15F_for_3401.xml")
    assert not SsbBarnevernXml().claims(s)
