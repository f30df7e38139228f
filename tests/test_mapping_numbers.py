"""IT reads one numbering in a mapping message: an index in brackets counts from 0, as the
field paths of a mapping file do (`foreldre[0]`), for the `[[personer]]` tables and for the
field of a mapped case that breaks the case format; positions in a file count from 1."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.adapters.mapping.adapter import MappingAdapter
from omsorgspakke_docs.adapters.mapping.spec import load
from omsorgspakke_docs.errors import InputError

from .test_mapping import CSV_MAPPING, problems_of, write


def test_the_first_personer_table_is_personer_0(tmp_path):
    text = CSV_MAPPING.replace('felt."barn.fornavn"', 'felt."barn.fornvan"')
    (problem,) = problems_of(tmp_path, text)
    assert 'linje 24, «personer[0].felt."barn.fornvan"»' in problem


def test_a_mapped_case_that_breaks_the_format_names_the_field_as_the_mapping_does(tmp_path):
    """A conversation mapped with its date only lacks what the case format requires; the
    message names it «samtaler[0].part», as the mapping file writes paths."""
    dated = '"plassering.startdato" = "Plassert"'
    text = CSV_MAPPING.replace(dated, dated + '\n"samtaler[0].dato" = "Plassert"')
    adapter = MappingAdapter(load(write(tmp_path, "m.toml", text)))
    rows = ("Jnr;Rolle;Fornavn;Fnr;Tolk;Plassert;Type\n"
            "J-1;barn;Ola;;;01.10.2026;Slekt\n")
    with pytest.raises(InputError) as err:
        list(adapter.read(write(tmp_path, "rapport.csv", rows)))
    message = str(err.value)
    assert message.startswith("Sak nr. 1 i filen følger ikke saksformatet: "
                              "«samtaler[0].part» mangler"), message
    assert "nr. 1," not in message

