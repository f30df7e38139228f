"""Nynorsk groundwork: the text catalogues and the programme in both written standards.

omsorgspakke_docs/text/nb.toml and nn.toml hold the sentences code writes, with the same keys
and {fields}; data/programme.nn.toml is the whole programme in nynorsk with the same parties,
themes, sections and questions as programme.toml. Dates in both come from babel.
"""

from __future__ import annotations

import re
from datetime import date

from omsorgspakke_docs.config import PACKAGE_DATA
from omsorgspakke_docs.domain import programme
from omsorgspakke_docs.text import catalogue_differences, tekst

BOKMAL_ONLY = ("ikke", "jeg", "hva", "hvordan", "hvorfor", "noen", "mye", "dere", "hjem",
               "tjenesten", "hvem", "fosterhjemmet", "barnevernstjenesten", "ennå", "følelser")


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}  # ids (a_b_c) stay whole


def test_both_catalogues_have_every_message_with_the_same_fields():
    assert catalogue_differences() == []


def test_the_nynorsk_programme_has_the_bokmal_programmes_structure():
    nb = programme.load(PACKAGE_DATA / "programme.nb.toml")
    nn = programme.load(PACKAGE_DATA / "programme.nn.toml")
    assert (nb.malform, nn.malform) == ("bokmal", "nynorsk")
    assert programme.structure_differences(nb, nn) == []


def test_dates_come_from_babels_nb_and_nn_locales():
    day = date(2026, 11, 24)
    assert tekst("nynorsk").dato_med_ukedag(day) == "tysdag 24. november 2026"
    assert tekst("bokmal").dato_med_ukedag(day) == "tirsdag 24. november 2026"
    assert tekst("nynorsk").dato_med_ukedag(date(2026, 11, 28)) == "laurdag 28. november 2026"


def test_the_nynorsk_texts_use_no_bokmal_only_words():
    nn = programme.load(PACKAGE_DATA / "programme.nn.toml").model_dump_json()
    assert _words(nn) & set(BOKMAL_ONLY) == set()
    catalogue = re.sub(r"\{\w+\}", "", " ".join(_leaves(tekst("nynorsk").data)))
    assert _words(catalogue) & set(BOKMAL_ONLY) == set()


def _leaves(data) -> list[str]:
    """The catalogue's texts (its keys are identifiers, not text)."""
    out = []
    for value in data.values():
        out += _leaves(value) if isinstance(value, dict) else [str(value)]
    return out
