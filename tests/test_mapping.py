"""Mapping files: validated with file, line and key; every reading feature on small layouts."""

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from omsorgspakke_docs.adapters.mapping.adapter import MappingAdapter, MappingAdapters
from omsorgspakke_docs.adapters.mapping.spec import MappingError, load, load_folder
from omsorgspakke_docs.errors import InputError
from omsorgspakke_docs.intake.detect import sample
from omsorgspakke_docs.text import tekst

from .conftest import synthetic_fnr

CHILD = synthetic_fnr(date(2016, 5, 17))

CSV_MAPPING = """\
[mapping]
navn = "test-csv"
beskrivelse = "Testoppsett"
format = "csv"

[gjenkjenning]
filendelser = [".csv"]
kolonner = ["Jnr", "Rolle"]

[lesing]
skilletegn = ";"

[gruppering]
kilde = "Jnr"

[felt]
journalnummer = "Jnr"
kommunenummer = { standard = "4699" }
"plassering.startdato" = "Plassert"
"plassering.kategori" = { kilde = "Type", verdier = "typer", standard = "2.2" }

[[personer]]
hvis = { kilde = "Rolle", er = "barn" }
felt."barn.fornavn" = "Fornavn"
felt."barn.fodselsnummer" = "Fnr"

[[personer]]
hvis = { kilde = "Rolle", er = ["mor", "far"] }
felt."foreldre[].rolle" = "Rolle"
felt."foreldre[].fornavn" = "Fornavn"
felt."foreldre[].tolk" = "Tolk"

[verdier.typer]
"Slekt" = "2.1"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def adapter_for(tmp_path, mapping_text: str) -> MappingAdapter:
    return MappingAdapter(load(write(tmp_path, "m.toml", mapping_text)))


def problems_of(tmp_path, mapping_text: str) -> list[str]:
    with pytest.raises(MappingError) as err:
        load(write(tmp_path, "m.toml", mapping_text))
    return [str(p) for p in err.value.problems]


# -- validation ------------------------------------------------------------------------
def test_a_good_mapping_loads(tmp_path):
    mapping = load(write(tmp_path, "m.toml", CSV_MAPPING))
    assert mapping.name == "test-csv" and mapping.group_by == "Jnr" and len(mapping.rules) == 2
    assert mapping.warnings == []


def test_an_unknown_key_names_file_line_and_key_and_suggests(tmp_path):
    text = CSV_MAPPING.replace('skilletegn = ";"', 'skilletegn = ";"\nskilletgn = ","')
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith("m.toml, linje 12, «lesing.skilletgn»: ukjent nøkkel.")
    assert "Mente du «skilletegn»?" in problem


def test_a_misspelled_field_path_is_found_with_a_suggestion(tmp_path):
    text = CSV_MAPPING.replace('felt."barn.fornavn"', 'felt."barn.fornvan"')
    (problem,) = problems_of(tmp_path, text)
    assert 'linje 24, «personer[0].felt."barn.fornvan"»' in problem
    assert "ikke et felt i saksformatet" in problem and "Mente du «barn.fornavn»?" in problem


@pytest.mark.parametrize(("written", "meant"), [
    ("foreldre[].postnr", "foreldre[].postnummer"),  # helper 108: was «foreldre[].epost»
    ("barn.fodselsnr", "barn.fodselsnummer"),
    ("kontaktperson.tlf", "kontaktperson.telefon"),
    ("foreldre[].tlf", "foreldre[].telefon"),  # helper 110: was «foreldre[].tolk»
    ("barn.fnr", "barn.fodselsnummer"),
    ("barn.fodt", "barn.fodselsdato"),
])
def test_a_shortened_field_name_is_named_with_the_field_it_begins(tmp_path, written, meant):
    text = CSV_MAPPING.replace('felt."barn.fornavn"', f'felt."{written}"')
    (problem,) = problems_of(tmp_path, text)
    assert problem.endswith(f"Mente du «{meant}»?"), problem


@pytest.mark.parametrize(("written", "meant"), [
    ("barn.Fornavn", "barn.fornavn"),
    ("kontaktperson.e-post", "kontaktperson.epost"),
    ("foreldre[0].E-post", "foreldre[0].epost"),
    ("kontaktperson epost", "kontaktperson.epost"),
])
def test_a_field_path_that_cannot_be_one_is_named_with_a_suggestion(tmp_path, written, meant):
    """Capitals, a hyphen or a space in a field path were reported as «filendelsen skal
    starte med punktum», on the line of [felt]."""
    text = CSV_MAPPING.replace('felt."barn.fornavn"', f'felt."{written}"')
    (problem,) = problems_of(tmp_path, text)
    assert problem == (f'm.toml, linje 24, «personer[0].felt."{written}"»: «{written}» er ikke '
                       "en gyldig feltsti (f.eks. barn.fornavn eller foreldre[].fornavn). "
                       f"Mente du «{meant}»?")


@pytest.mark.parametrize(("table", "said"), [
    ('{ kilder = "Plassert" }', '.kilder»: ukjent nøkkel. Mente du «kilde»?'),
    ('{ kilde = "Plassert", deling = "person 2" }',
     ".deling»: verdien må være en av: navn, adresse, person1, person2."),
    ('{ datoformat = "%d.%m.%Y" }', '»: tabellen må ha «kilde» eller «standard».'),
])
def test_a_wrong_key_in_a_fields_table_is_named(tmp_path, table, said):
    """Each was «verdien har feil form. Skriv et kolonnenavn i anførselstegn, eller en tabell
    …», which named neither the key nor what it may be."""
    text = CSV_MAPPING.replace('"plassering.startdato" = "Plassert"',
                               f'"plassering.startdato" = {table}')
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith('m.toml, linje 19, «felt."plassering.startdato"'), problem
    assert problem.endswith(said), problem


@pytest.mark.parametrize("change, expected", [
    (('format = "csv"', 'format = "pdf"'), "må være en av: csv, xlsx, xml, json"),
    (('navn = "test-csv"', 'navn = "Test CSV"'), "små bokstaver"),
    (('[lesing]', '[lesing]\noverskriftsrad = "to"'), "skal være et heltall"),
    (('filendelser = [".csv"]', 'filendelser = []'), "kan ikke være tom"),
    (('verdier = "typer"', 'verdier = "ukjent"'), "verdilisten «ukjent» finnes ikke"),
    (('"Slekt" = "2.1"', '"Slekt" = "2.7"'), "ikke en gyldig kode"),
    (('standard = "2.2"', 'standard = "fosterhjem"'), "standardverdien passer ikke"),
    (('kolonner = ["Jnr", "Rolle"]', ''), "«kolonner» være med"),
    (('"foreldre[].fornavn"', '"foreldre.fornavn"'), "trenger [] eller [nummer]"),
])
def test_problems_are_explained_in_plain_norwegian(tmp_path, change, expected):
    problems = problems_of(tmp_path, CSV_MAPPING.replace(*change))
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("m.toml") for p in problems)


def test_a_missing_required_key_is_named(tmp_path):
    text = CSV_MAPPING.replace('beskrivelse = "Testoppsett"\n', "")
    (problem,) = problems_of(tmp_path, text)
    assert "«beskrivelse» mangler" in problem and "linje 1" in problem


def test_toml_syntax_errors_give_the_line(tmp_path):
    (problem,) = problems_of(tmp_path, CSV_MAPPING.replace('navn = "test-csv"', "navn = test-csv"))
    assert problem.startswith("m.toml, linje 2:") and "TOML" in problem


def test_a_mapping_without_identity_is_refused_and_without_municipality_warned(tmp_path):
    text = CSV_MAPPING.replace('journalnummer = "Jnr"\n', "").replace(
        'felt."barn.fodselsnummer" = "Fnr"\n', "")
    assert any("journalnummer eller barn.fodselsnummer" in p for p in problems_of(tmp_path, text))
    text = CSV_MAPPING.replace('kommunenummer = { standard = "4699" }\n', "")
    (warning,) = load(write(tmp_path, "m.toml", text)).warnings
    assert warning.warning and "kommunenummer" in str(warning)


def test_dates_in_mappings_are_written_the_norwegian_way(tmp_path):
    text = CSV_MAPPING.replace(
        '"plassering.startdato" = "Plassert"',
        '"plassering.startdato" = { kilde = "Plassert", standard = "31.12.2026" }')
    mapping = load(write(tmp_path, "m.toml", text))
    (spec,) = [f for f in mapping.fields if f.target.text == "plassering.startdato"]
    assert spec.default == date(2026, 12, 31)


def test_one_broken_mapping_never_stops_the_others(tmp_path):
    write(tmp_path, "a-god.toml", CSV_MAPPING)
    write(tmp_path, "b-odelagt.toml", CSV_MAPPING.replace('format = "csv"', "format = "))
    write(tmp_path, "c-samme-navn.toml", CSV_MAPPING)
    mappings, problems = load_folder(tmp_path)
    assert [m.name for m in mappings] == ["test-csv"]
    assert [p.file.name for p in problems] == ["b-odelagt.toml", "c-samme-navn.toml"]
    assert [a.name for a in MappingAdapters(tmp_path).adapters()] == ["test-csv"]


# -- reading ---------------------------------------------------------------------------
ROWS = (
    "Jnr;Rolle;Fornavn;Fnr;Tolk;Plassert;Type\n"
    "J-1;mor;Kari;;Ja;;\n"
    f"J-1;barn;Ola;{CHILD};;01.10.2026;Slekt\n"
    "J-2;barn;Per;;;02.10.2026;\n"
    "J-1;far;Nils;;nei;;\n"
    ";;;;;;\n"
)


def test_rows_per_person_are_grouped_into_cases(tmp_path):
    adapter = adapter_for(tmp_path, CSV_MAPPING)
    path = write(tmp_path, "rapport.csv", ROWS)
    assert adapter.claims(sample(path))
    first, second = adapter.read(path)
    assert first.key == "4699:J-1" and first.kilde == "test-csv"
    assert first.barn.fornavn == "Ola" and first.barn.fodselsnummer == CHILD
    assert [(f.rolle, f.fornavn, f.tolk) for f in first.foreldre] == [
        ("mor", "Kari", True), ("far", "Nils", False)]
    assert first.plassering.startdato == date(2026, 10, 1)
    assert first.plassering.kategori.value == "2.1"  # from the child's row, not the default
    assert second.plassering.kategori.value == "2.2"  # the default where the export has none


def test_a_file_without_the_columns_is_not_claimed(tmp_path):
    adapter = adapter_for(tmp_path, CSV_MAPPING)
    other = write(tmp_path, "annet.csv", "A;B\n1;2\n")
    assert not adapter.claims(sample(other))


def test_a_value_outside_the_value_list_fails_without_quoting_it(tmp_path):
    adapter = adapter_for(tmp_path, CSV_MAPPING)
    path = write(tmp_path, "r.csv", "Jnr;Rolle;Fornavn;Fnr;Tolk;Plassert;Type\n"
                                    "J-9;barn;Hemmelig;;;01.10.2026;Ukjent type\n")
    with pytest.raises(InputError) as err:
        list(adapter.read(path))
    message = str(err.value)
    assert "Rad 2" in message and "«Type»" in message and "verdilisten" in message
    assert "Ukjent type" not in message and "Hemmelig" not in message


def test_a_bad_date_names_row_column_and_format(tmp_path):
    adapter = adapter_for(tmp_path, CSV_MAPPING)
    path = write(tmp_path, "r.csv", "Jnr;Rolle;Fornavn;Fnr;Tolk;Plassert;Type\n"
                                    "J-9;barn;A;;;2026/10/01;\n")
    with pytest.raises(InputError, match="«Plassert».*31.12.2026"):
        list(adapter.read(path))


def test_a_missing_column_is_named(tmp_path):
    adapter = adapter_for(tmp_path, CSV_MAPPING)
    path = write(tmp_path, "r.csv", "Jnr;Rolle;Fornavn;Fnr;Plassert;Type\nJ-1;barn;A;;;\n")
    with pytest.raises(InputError, match="mangler kolonnen «Tolk»"):
        list(adapter.read(path))


def test_windows_1252_and_a_title_line(tmp_path):
    text = CSV_MAPPING.replace('skilletegn = ";"', 'skilletegn = ";"\ntegnkoding = "cp1252"\n'
                               "overskriftsrad = 2")
    adapter = adapter_for(tmp_path, text)
    path = tmp_path / "r.csv"
    path.write_bytes(("Rapport for Æsebø\n" + ROWS.replace("Kari", "Kåre")).encode("cp1252"))
    assert adapter.claims(sample(path))
    assert next(iter(adapter.read(path))).foreldre[0].fornavn == "Kåre"


WIDE = """\
[mapping]
navn = "test-bred"
beskrivelse = "Én rad per sak"
format = "xlsx"

[gjenkjenning]
filendelser = [".xlsx"]
ark = "Saker"
kolonner = ["Sak"]

[lesing]
overskriftsrad = 2

[felt]
journalnummer = "Sak"
"barn.fodselsnummer" = "Fnr"
"barn.fodselsdato" = "Født"
"fosterfamilie.andre_barn" = "Andre barn"
"foreldre[0].fornavn" = "Forelder 1"
"foreldre[1].fornavn" = "Forelder 2"
"""


def test_excel_with_fixed_list_items_dates_and_numbers(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Saker"
    sheet.append(["Uttrekk"])
    sheet.append(["Sak", "Fnr", "Født", "Andre barn", "Forelder 1", "Forelder 2"])
    sheet.append(["S-1", int(CHILD), date(2016, 5, 17), 2, "Anne", None])
    path = tmp_path / "saker.xlsx"
    book.save(path)
    adapter = adapter_for(tmp_path, WIDE)
    assert adapter.claims(sample(path))
    (case,) = adapter.read(path)
    assert case.barn.fodselsnummer == CHILD  # Excel had dropped the leading zero
    assert case.barn.fodselsdato == date(2016, 5, 17)
    assert case.fosterfamilie.andre_barn == 2 and [f.fornavn for f in case.foreldre] == ["Anne"]


XML_MAPPING = """\
[mapping]
navn = "test-xml"
beskrivelse = "XML"
format = "xml"

[gjenkjenning]
filendelser = [".xml"]
rotelement = "Liste"
attributter = { type = "personer" }

[lesing]
poster = "Sak"

[felt]
journalnummer = "@nr"
"barn.fornavn" = "Barn/Navn"

[[personer]]
under = "Forelder"
felt."foreldre[].fornavn" = "@navn"
felt."foreldre[].tolk" = { kilde = "Tolk", verdier = "ja_nei" }
"""


def test_xml_with_xpath_and_sub_records(tmp_path):
    adapter = adapter_for(tmp_path, XML_MAPPING)
    path = write(tmp_path, "l.xml", '<Liste type="personer"><Sak nr="X1"><Barn><Navn>Ida</Navn>'
                 '</Barn><Forelder navn="Eva"><Tolk>J</Tolk></Forelder><Forelder navn="Tor"/>'
                 '</Sak><Sak nr="X2"/></Liste>')
    assert adapter.claims(sample(path))
    first, second = adapter.read(path)
    assert first.barn.fornavn == "Ida"
    assert [(f.fornavn, f.tolk) for f in first.foreldre] == [("Eva", True), ("Tor", None)]
    assert second.journalnummer == "X2"
    other = write(tmp_path, "o.xml", '<Liste type="annet"/>')
    assert not adapter.claims(sample(other))


def test_an_invalid_xpath_is_a_mapping_problem(tmp_path):
    problems = problems_of(tmp_path, XML_MAPPING.replace('"Barn/Navn"', '"Barn/[Navn"'))
    assert any("ikke gyldig XPath" in p and "barn.fornavn" in p for p in problems)


JSON_MAPPING = """\
[mapping]
navn = "test-json"
beskrivelse = "JSON"
format = "json"

[gjenkjenning]
filendelser = [".json"]
nokler = ["klienter"]

[lesing]
poster = "/klienter"

[felt]
journalnummer = "/id"
"barn.fornavn" = "/barn/fornavn"
"plassering.midlertidig" = "/midlertidig"

[[personer]]
under = "/personer"
hvis = { kilde = "/rolle", er = ["FOSTER"] }
felt."fosterfamilie.fosterforeldre[].fornavn" = "/navn"
"""


def test_json_with_pointers_and_sub_records(tmp_path):
    adapter = adapter_for(tmp_path, JSON_MAPPING)
    data = {"klienter": [{"id": "K1", "barn": {"fornavn": "Ali"}, "midlertidig": True,
                          "personer": [{"rolle": "FOSTER", "navn": "Gro"}, {"rolle": "MOR"}]}]}
    path = write(tmp_path, "k.json", json.dumps(data))
    assert adapter.claims(sample(path))
    (case,) = adapter.read(path)
    assert case.barn.fornavn == "Ali" and case.plassering.midlertidig is True
    assert [p.fornavn for p in case.fosterfamilie.fosterforeldre] == ["Gro"]


def test_a_pointer_must_start_with_a_slash(tmp_path):
    problems = problems_of(tmp_path, JSON_MAPPING.replace('"/barn/fornavn"', '"barn/fornavn"'))
    assert any("starter med «/»" in p and "barn.fornavn" in p for p in problems)


def test_a_file_with_only_headers_has_no_cases(tmp_path):
    adapter = adapter_for(tmp_path, CSV_MAPPING)
    path = write(tmp_path, "tom.csv", "Jnr;Rolle;Fornavn;Fnr;Tolk;Plassert;Type\n")
    with pytest.raises(InputError, match="ingen saker"):
        list(adapter.read(path))


def test_a_json_mapping_never_takes_a_canonical_case_file(tmp_path):
    text = JSON_MAPPING.replace('nokler = ["klienter"]', 'nokler = ["saker"]')
    adapter = adapter_for(tmp_path, text)
    path = write(tmp_path, "s.json", json.dumps({"format": "omsorgspakke-saker/1", "saker": []}))
    assert not adapter.claims(sample(path))


@pytest.mark.parametrize("number", ['"46990"', '"Bergen"', '"46-01"'])
def test_a_fixed_municipality_number_that_is_not_four_digits_is_named_at_its_line(
        tmp_path, number):
    """`check` passed the mapping, and every case of the file was then refused in a run
    («Sak nr. 1 i filen følger ikke saksformatet»), not naming the mapping's line."""
    text = CSV_MAPPING.replace('kommunenummer = { standard = "4699" }',
                               f'kommunenummer = {{ standard = {number} }}')
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith("m.toml, linje "), problem
    assert '«felt.kommunenummer.standard»: kommunenummeret skal være fire sifre' in problem
    assert "4601" in problem
    said = problem.split("»: ", 1)[1]
    assert tekst("nynorsk").note(said, "mappingproblem", nested=True).startswith(
        "kommunenummeret skal ha fire siffer, slik SSB skriv det")


def test_a_fixed_municipality_number_written_as_a_number_passes(tmp_path):
    text = CSV_MAPPING.replace('standard = "4699"', "standard = 4699")
    mapping = load(write(tmp_path, "m.toml", text))
    (spec,) = [f for f in mapping.fields if f.target.text == "kommunenummer"]
    assert spec.default == "4699"


@pytest.mark.parametrize("written", ['"semikolon"', '"tab"'])
def test_a_separator_written_as_a_word_says_to_write_the_character(tmp_path, written):
    """It said «kan ha høyst 1 tegn.», which did not say what to write instead."""
    text = CSV_MAPPING.replace('skilletegn = ";"', f"skilletegn = {written}")
    (problem,) = problems_of(tmp_path, text)
    said = ('skriv selve tegnet mellom kolonnene, f.eks. ";", "," eller "|" (tabulator: '
            '"\\t").')
    assert problem.endswith("«lesing.skilletegn»: " + said), problem
    assert tekst("nynorsk").note(said, "mappingproblem", nested=True).startswith(
        "skriv sjølve teiknet mellom kolonnane")


VISIT_MAPPING = """\
[mapping]
navn = "test-besok"
beskrivelse = "Testoppsett"
format = "csv"

[gjenkjenning]
filendelser = [".csv"]
kolonner = ["Jnr", "Neste besøk"]

[lesing]
skilletegn = ";"

[felt]
journalnummer = "Jnr"
kommunenummer = { standard = "4699" }
eksportert = "Uttrekk"
"oppfolgingsbesok[0].dato" = "Siste besøk"
"oppfolgingsbesok[0].status" = { standard = "gjennomfort" }
"oppfolgingsbesok[1].dato" = "Neste besøk"
"oppfolgingsbesok[1].status" = { standard = "planlagt" }
"""


def test_a_report_with_its_visit_columns_empty_says_nothing_of_visits(tmp_path):
    """The visit columns empty for a case (docs/case-format.md: a mapping gives the visits
    only when a column has a value): the next report of the same mapping dropped the visit
    the journal had planned for 19 January, as if it said none was planned, because the
    columns' standard status made an empty list of visits. It stays."""
    from omsorgspakke_docs.domain.merge import merge

    adapter = adapter_for(tmp_path, VISIT_MAPPING)
    head = "Jnr;Uttrekk;Siste besøk;Neste besøk\n"
    first = write(tmp_path, "uke1.csv", head + "2026-0001;20.11.2026;02.10.2026;19.01.2027\n")
    later = write(tmp_path, "uke2.csv", head + "2026-0001;27.11.2026;;\n")
    (known,), (incoming,) = adapter.read(first), adapter.read(later)
    assert [(b.dato, b.status) for b in merge(known, incoming).case.oppfolgingsbesok] == [
        (date(2026, 10, 2), "gjennomfort"), (date(2027, 1, 19), "planlagt")]
