"""The yearly KOSTRA "15F" file: many Individ per file, ISO-8859-1, streamed."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from omsorgspakke_docs.adapters.kostra_15f import Kostra15F
from omsorgspakke_docs.adapters.ssb_bvr import SsbBarnevernXml
from omsorgspakke_docs.errors import InputError
from omsorgspakke_docs.intake.detect import sample

from .conftest import DATA, synthetic_fnr

KOSTRA = DATA / "ssb" / "kostra-15f"
SYNTHETIC = DATA / "vendors" / "kostra-15f-fjordvik-2025.xml"


def read(path: Path) -> list:
    return list(Kostra15F().read(path))


def test_ssbs_test_files_read_every_individ():
    files = {p.name: read(p) for p in sorted(KOSTRA.glob("*.xml"))}
    assert {name: len(cases) for name, cases in files.items()} == {
        "Testfil_21_OK_2020_15F_for_3401.xml": 4,
        "Testfil_22_OK_2020_15F_for_030102.xml": 4,
        "testfile_all_fields_set.xml": 1,
    }
    oslo = files["Testfil_22_OK_2020_15F_for_030102.xml"][0]
    assert oslo.key == "0301-02:J1" and oslo.tjeneste.kommunenavn == "Gamle Oslo"
    assert oslo.eksportert == date(2020, 12, 31)


def test_the_same_journal_number_in_two_oslo_districts_is_two_cases(tmp_path):
    text = (KOSTRA / "Testfil_22_OK_2020_15F_for_030102.xml").read_text(encoding="iso-8859-1")
    # The second Individ: another district (Frogner, 05), whose journal also has a J1.
    first, second, rest = text.split('<Individ Bydelsnavn="Gamle Oslo" Bydelsnummer="02"', 3)[1:]
    second = second.replace('Journalnummer="J2"', 'Journalnummer="J1"')
    text = text.split("<Individ", 1)[0] + "".join([
        '<Individ Bydelsnavn="Gamle Oslo" Bydelsnummer="02"' + first,
        '<Individ Bydelsnavn="Frogner" Bydelsnummer="5"' + second,
        '<Individ Bydelsnavn="Gamle Oslo" Bydelsnummer="02"' + rest])
    path = tmp_path / "oslo.xml"
    path.write_text(text, encoding="iso-8859-1")
    cases = read(path)
    assert [c.key for c in cases[:2]] == ["0301-02:J1", "0301-05:J1"]
    assert cases[1].tjeneste.kommunenavn == "Frogner"


def test_a_district_number_that_is_not_one_or_two_digits_is_refused(tmp_path):
    text = (KOSTRA / "Testfil_22_OK_2020_15F_for_030102.xml").read_text(encoding="iso-8859-1")
    path = tmp_path / "oslo.xml"
    path.write_text(text.replace('Bydelsnummer="02"', 'Bydelsnummer="X2"', 1),
                    encoding="iso-8859-1")
    with pytest.raises(InputError, match="bydelsnummer som ikke er ett eller to sifre"):
        read(path)


def test_placement_from_a_move_and_plans_with_evaluation_dates():
    (case,) = read(KOSTRA / "testfile_all_fields_set.xml")
    assert case.plassering.startdato == date(2020, 2, 11)  # Flytting to a foster home
    assert case.plassering.kategori.value == "2.1"
    (plan,) = case.planer
    assert (plan.type, plan.evaluert, plan.sluttdato) == (
        "tiltaksplan", [date(2020, 2, 12)], date(2020, 6, 17))


def test_synthetic_file_in_iso_8859_1():
    current, other, ended = read(SYNTHETIC)
    assert current.kontaktperson.fornavn == "Øystein" and current.kontaktperson.etternavn == "Dahl"
    assert current.barn.fodt == date(2016, 3, 9)  # from the identity number
    p = current.plassering
    assert (p.startdato, p.kategori.value, p.frivillig) == (date(2025, 12, 1), "2.2", False)
    assert p.lovhjemmel == "barnevernsloven § 5-1 1. ledd"
    assert [(x.type, x.evaluert) for x in current.planer] == [
        ("omsorgsplan", [date(2025, 12, 22)]), ("samvaersplan", [])]
    assert other.plassering.startdato is None  # measures at home only
    assert ended.plassering.sluttdato == date(2025, 6, 30) and ended.plassering.frivillig


def test_detection_tells_kostra_from_the_register_export():
    s = sample(SYNTHETIC)
    assert Kostra15F().claims(s) and not SsbBarnevernXml().claims(s)
    assert not Kostra15F().claims(sample(DATA / "vendors" / "bvr-v3-visma-flyt-2026-0046.xml"))


def test_a_municipality_number_that_is_not_four_digits_is_refused(tmp_path):
    path = tmp_path / "k.xml"
    path.write_bytes(SYNTHETIC.read_bytes().replace(b'Kommunenummer="4699"', b'Kommunenummer="46"'))
    with pytest.raises(InputError, match="firesifret kommunenummer"):
        read(path)


def test_a_file_without_individ_is_an_input_error(tmp_path):
    path = tmp_path / "k.xml"
    path.write_text('<Barnevern><Avgiver Kommunenummer="4699" Versjon="2025"/></Barnevern>')
    with pytest.raises(InputError, match="ingen Individ"):
        read(path)


def big_kostra_file(path: Path, count: int) -> Path:
    number = synthetic_fnr(date(2015, 6, 1))
    individ = (
        '<Individ Id="i{n}" Journalnummer="J{n}" Fodselsnummer="' + number + '" '
        'StartDato="2025-01-01" Saksbehandler="Kari Saksbehandler" Avslutta3112="2">'
        '<Plan Id="P{n}" Plantype="4" StartDato="2025-02-01" EvaluertDato="2025-06-01"/>'
        '<Tiltak Id="T{n}" StartDato="2025-01-15"><Lovhjemmel Lov="BVL" Kapittel="5" '
        'Paragraf="1"/><Kategori Kode="2.2"><Presisering>' + "x" * 400 + "</Presisering>"
        "</Kategori></Tiltak></Individ>\n"
    )
    with open(path, "w", encoding="iso-8859-1") as out:
        out.write('<?xml version="1.0" encoding="iso-8859-1"?>\n<Barnevern><Avgiver '
                  'Organisasjonsnummer="999999999" Versjon="2025" Kommunenummer="4699" '
                  'Kommunenavn="Fjordvik"/>\n')
        for n in range(count):
            out.write(individ.format(n=n))
        out.write("</Barnevern>\n")
    return path


def _rss_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux /proc")
def test_a_large_file_is_streamed_with_flat_memory(tmp_path):
    path = big_kostra_file(tmp_path / "stor.xml", 40_000)  # about 30 MB
    assert path.stat().st_size > 25 * 1024 * 1024
    cases = Kostra15F().read(path)
    for _ in range(2_000):
        next(cases)
    early = _rss_bytes()
    count = 2_000 + sum(1 for _ in cases)
    grown = _rss_bytes() - early
    assert count == 40_000
    assert grown < 15 * 1024 * 1024, f"memory grew by {grown // (1024 * 1024)} MB"
