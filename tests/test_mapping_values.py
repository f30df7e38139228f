"""Defaults that invent nobody, free-text languages, and messages that point at the right key."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.adapters.mapping.adapter import MappingAdapter
from omsorgspakke_docs.adapters.mapping.spec import MappingError, load
from omsorgspakke_docs.errors import InputError

MAPPING = """\
[mapping]
navn = "en-rad-per-sak"
beskrivelse = "Én rad per sak, to foreldre i egne kolonner"
format = "csv"

[gjenkjenning]
filendelser = [".csv"]
kolonner = ["Saksnr"]

[felt]
journalnummer = "Saksnr"
kommunenummer = { standard = "4699" }
"plassering.startdato" = "Plassert"
"barn.sprak" = "Tolkespråk"
"barn.tolk" = { kilde = "Tolkespråk", verdier = "utfylt" }
"foreldre[0].rolle" = { standard = "mor" }
"foreldre[0].fornavn" = "Mor"
"foreldre[0].sprak" = { kilde = "Mors språk", verdier = "sprak" }
"foreldre[1].rolle" = { standard = "far" }
"foreldre[1].fornavn" = "Far"

[verdier.sprak]
"ARA" = "arabisk"
"""

HEADER = "Saksnr;Plassert;Tolkespråk;Mor;Mors språk;Far\n"


def read(tmp_path, rows: str, mapping: str = MAPPING) -> list:
    (tmp_path / "m.toml").write_text(mapping, encoding="utf-8")
    path = tmp_path / "r.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return list(MappingAdapter(load(tmp_path / "m.toml")).read(path))


def test_a_default_never_makes_a_parent_the_export_does_not_have(tmp_path):
    only_mother, none = read(tmp_path, "J-1;01.10.2026;;Kari;;\nJ-2;01.10.2026;;;;\n")
    assert [(p.rolle, p.fornavn) for p in only_mother.foreldre] == [("mor", "Kari")]
    assert none.foreldre == []


def test_a_default_fills_a_parent_the_export_has(tmp_path):
    (case,) = read(tmp_path, "J-1;01.10.2026;;Kari;;Nils\n")
    assert [(p.rolle, p.fornavn) for p in case.foreldre] == [("mor", "Kari"), ("far", "Nils")]


def test_an_interpreter_language_is_free_text_and_means_an_interpreter(tmp_path):
    tigrinya, norwegian = read(tmp_path, "J-1;01.10.2026;tigrinja;Kari;ARA;\n"
                                         "J-2;01.10.2026;;Kari;dari;\n")
    assert (tigrinya.barn.sprak, tigrinya.barn.tolk) == ("tigrinja", True)
    assert (norwegian.barn.sprak, norwegian.barn.tolk) == (None, None)
    # A value list on a free-text field translates what it knows and keeps the rest.
    assert tigrinya.foreldre[0].sprak == "arabisk" and norwegian.foreldre[0].sprak == "dari"


def test_utfylt_only_fits_a_yes_no_field(tmp_path):
    (tmp_path / "m.toml").write_text(MAPPING.replace(
        '"barn.sprak" = "Tolkespråk"', '"barn.sprak" = { kilde = "Tolkespråk", '
        'verdier = "utfylt" }'), encoding="utf-8")
    with pytest.raises(MappingError, match="«utfylt» passer bare for ja/nei-felter"):
        load(tmp_path / "m.toml")


def test_a_date_that_does_not_parse_sends_it_to_datoformater_with_the_format(tmp_path):
    with pytest.raises(InputError) as err:
        read(tmp_path, "J-1;2026/10/01;;Kari;;\n")
    message, advice = str(err.value), err.value.what_to_do
    assert "Rad 2, «Plassert»" in message and "2026/10/01" not in message
    assert '"%Y/%m/%d"' in advice and "«datoformater» under [lesing]" in advice
    assert "verdilisten" not in advice


def test_a_code_outside_its_value_list_still_sends_it_to_the_value_list(tmp_path):
    mapping = MAPPING + '\n[verdier.typer]\n"Slekt" = "2.1"\n'
    mapping = mapping.replace('"barn.sprak" = "Tolkespråk"',
                              '"plassering.kategori" = { kilde = "Tolkespråk", verdier = "typer" }')
    with pytest.raises(InputError) as err:
        read(tmp_path, "J-1;01.10.2026;Beredskap;Kari;;\n", mapping)
    assert "verdilisten for feltet plassering.kategori" in err.value.what_to_do
    assert "Beredskap" not in str(err.value) + err.value.what_to_do



def _with_a_count(tmp_path, written: str) -> list:
    """A case whose «Andre barn» column says written."""
    mapping = MAPPING.replace('"foreldre[1].fornavn" = "Far"',
                              '"foreldre[1].fornavn" = "Far"\n'
                              '"fosterfamilie.andre_barn" = "Andre barn"')
    (tmp_path / "m.toml").write_text(mapping, encoding="utf-8")
    path = tmp_path / "r.csv"
    path.write_text(HEADER.rstrip("\n") + ";Andre barn\n" + f"J-1;01.10.2026;;Kari;;;{written}\n",
                    encoding="utf-8")
    return list(MappingAdapter(load(tmp_path / "m.toml")).read(path))


@pytest.mark.parametrize("written, read_as", [("2", 2), ("2,0", 2), ("2.00", 2), ("0", 0)])
def test_a_count_from_a_column_of_decimals_is_read_as_the_whole_number(tmp_path, written,
                                                                        read_as):
    """Helper 108: «Andre barn i fosterhjemmet» = «1,0» (a report's number column with
    Norwegian decimals) refused the whole file: «verdien er ikke et heltall»."""
    (case,) = _with_a_count(tmp_path, written)
    assert case.fosterfamilie.andre_barn == read_as


@pytest.mark.parametrize("written", ["1,5", "to", "1.5", "1.000"])
def test_a_count_that_is_not_whole_is_refused_not_cut(tmp_path, written):
    with pytest.raises(InputError, match="verdien er ikke et heltall"):
        _with_a_count(tmp_path, written)
