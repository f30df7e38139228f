"""Splitters: a full name, a Norwegian address, or two people in one column."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.adapters.mapping.adapter import MappingAdapter
from omsorgspakke_docs.adapters.mapping.spec import MappingError, load
from omsorgspakke_docs.adapters.mapping.splitters import split_address, split_name, split_people


@pytest.mark.parametrize("text, expected", [
    ("Kari Østby", ("Kari", "Østby")),
    ("Kari Anne Østby", ("Kari Anne", "Østby")),
    ("Anne-Lise Berg-Olsen", ("Anne-Lise", "Berg-Olsen")),
    ("Østby, Kari", ("Kari", "Østby")),
    ("Ærlig-Åse Ødegård", ("Ærlig-Åse", "Ødegård")),
    ("Jan van der Berg", ("Jan", "van der Berg")),
    ("Kåre", ("Kåre", None)),
])
def test_a_full_name_splits_into_first_and_last(text, expected):
    assert split_name(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Storgata 5; 4006 Stavanger", ("Storgata 5", "4006", "Stavanger")),
    ("Kirkeveien 12 B, 0368 Oslo", ("Kirkeveien 12 B", "0368", "Oslo")),
    ("Ørnevegen 3\n6800 Førde", ("Ørnevegen 3", "6800", "Førde")),
    ("Postboks 1234 4006 STAVANGER", ("Postboks 1234", "4006", "STAVANGER")),
    ("Bøgata 2, 3800 Bø i Telemark", ("Bøgata 2", "3800", "Bø i Telemark")),
    ("Skeie-vegen 1, 4070 Randaberg-Sør", ("Skeie-vegen 1", "4070", "Randaberg-Sør")),
    ("Storgata 5", ("Storgata 5", None, None)),
    ("4006 Stavanger", (None, "4006", "Stavanger")),
])
def test_a_norwegian_address_splits_into_street_postcode_and_place(text, expected):
    found = split_address(text)
    assert (found["adresse"], found["postnummer"], found["poststed"]) == expected


@pytest.mark.parametrize("text, expected", [
    ("Berit & Jon Lund", [("Berit", "Lund"), ("Jon", "Lund")]),
    ("Berit og Jon Lund", [("Berit", "Lund"), ("Jon", "Lund")]),
    ("Anne-Lise + Per Ås", [("Anne-Lise", "Ås"), ("Per", "Ås")]),
    ("Berit Hansen og Jon Lund", [("Berit", "Hansen"), ("Jon", "Lund")]),
    ("Lund, Berit & Jon", [("Berit", "Lund"), ("Jon", "Lund")]),
    ("Sølvi Ødegård", [("Sølvi", "Ødegård")]),
    ("Torgeir & Åsmund Bøe-Ødegård", [("Torgeir", "Bøe-Ødegård"), ("Åsmund", "Bøe-Ødegård")]),
])
def test_two_people_in_one_column_share_a_surname(text, expected):
    assert split_people(text) == expected


MAPPING = """\
[mapping]
navn = "kombinert"
beskrivelse = "Kolonner med flere felter"
format = "csv"

[gjenkjenning]
filendelser = [".csv"]
kolonner = ["Saksnr"]

[felt]
journalnummer = "Saksnr"
kommunenummer = { standard = "4699" }
"plassering.startdato" = "Plassert"
"barn.fornavn" = { kilde = "Barn", deling = "navn" }
"barn.etternavn" = { kilde = "Barn", deling = "navn" }
"fosterfamilie.fosterforeldre[0].fornavn" = { kilde = "Fosterforeldre", deling = "person1" }
"fosterfamilie.fosterforeldre[0].etternavn" = { kilde = "Fosterforeldre", deling = "person1" }
"fosterfamilie.fosterforeldre[1].fornavn" = { kilde = "Fosterforeldre", deling = "person2" }
"fosterfamilie.fosterforeldre[1].etternavn" = { kilde = "Fosterforeldre", deling = "person2" }
"fosterfamilie.adresse" = { kilde = "Fosteradresse", deling = "adresse" }
"fosterfamilie.postnummer" = { kilde = "Fosteradresse", deling = "adresse" }
"fosterfamilie.poststed" = { kilde = "Fosteradresse", deling = "adresse" }
"""


def test_a_mapping_fills_fields_from_combined_columns(tmp_path):
    (tmp_path / "m.toml").write_text(MAPPING, encoding="utf-8")
    adapter = MappingAdapter(load(tmp_path / "m.toml"))
    path = tmp_path / "r.csv"
    path.write_text("Saksnr;Plassert;Barn;Fosterforeldre;Fosteradresse\n"
                    "J-1;01.10.2026;Åse Marie Ødegård;Berit & Jon Lund;Storgata 5; 4006 Stavanger\n"
                    "J-2;01.10.2026;Per Ås;Sølvi Bø;\n", encoding="utf-8")
    # The address holds a ";", the separator: the CSV quotes it as a vendor would.
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Storgata 5; 4006 Stavanger", '"Storgata 5; 4006 Stavanger"'), encoding="utf-8")
    first, second = adapter.read(path)
    assert (first.barn.fornavn, first.barn.etternavn) == ("Åse Marie", "Ødegård")
    assert [(p.fornavn, p.etternavn) for p in first.fosterfamilie.fosterforeldre] == [
        ("Berit", "Lund"), ("Jon", "Lund")]
    family = first.fosterfamilie
    assert (family.adresse, family.postnummer, family.poststed) == (
        "Storgata 5", "4006", "Stavanger")
    # One person in the column: one foster parent, no empty second one.
    assert [(p.fornavn, p.etternavn) for p in second.fosterfamilie.fosterforeldre] == [
        ("Sølvi", "Bø")]
    assert second.plassering.startdato == date(2026, 10, 1)


def test_a_splitter_on_a_field_it_cannot_fill_is_a_mapping_problem(tmp_path):
    text = MAPPING.replace('"barn.etternavn" = { kilde = "Barn", deling = "navn" }',
                           '"barn.etternavn" = { kilde = "Barn", deling = "adresse" }')
    (tmp_path / "m.toml").write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as err:
        load(tmp_path / "m.toml")
    (problem,) = err.value.problems
    assert problem.line == 15
    assert "gir bare adresse, postnummer, poststed" in problem.message
