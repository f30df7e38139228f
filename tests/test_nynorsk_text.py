"""Nynorsk groundwork: the text catalogues and the programme in both written standards.

omsorgspakke_docs/text/nb.toml and nn.toml hold the sentences code writes, with the same keys
and {fields}; data/programme.nn.toml is the whole programme in nynorsk with the same parties,
themes, sections and questions as programme.toml. Dates in both have CLDR's nb and nn words.
"""

from __future__ import annotations

import re
from datetime import date

from omsorgspakke_docs.config import PACKAGE_DATA
from omsorgspakke_docs.domain import programme
from omsorgspakke_docs.rendering.watched_day import WatchedDay
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


def test_dates_have_the_nb_and_nn_words_for_every_weekday_and_month():
    day = date(2026, 11, 24)
    assert tekst("nynorsk").dato_med_ukedag(day) == "tysdag 24. november 2026"
    assert tekst("bokmal").dato_med_ukedag(day) == "tirsdag 24. november 2026"
    assert tekst("nynorsk").dato_med_ukedag(date(2026, 11, 28)) == "laurdag 28. november 2026"
    week = [date(2026, 11, 23 + d) for d in range(7)]  # Monday to Sunday
    assert [tekst("bokmal").dato_med_ukedag(d).split()[0] for d in week] == [
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    assert [tekst("nynorsk").dato_med_ukedag(d).split()[0] for d in week] == [
        "måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "søndag"]
    months = [tekst("nynorsk").dato(date(2027, m, 1)) for m in range(1, 13)]
    assert months == [tekst("bokmal").dato(date(2027, m, 1)) for m in range(1, 13)]
    assert months[0] == "1. januar 2027" and months[4] == "1. mai 2027"
    assert months[11] == "1. desember 2027"


def test_a_watched_day_written_in_words_counts_as_used():
    """Its words depend on the day itself: the case's documents are made again next day."""
    day = WatchedDay(date(2026, 11, 24))
    assert tekst("bokmal").dato(day) == "24. november 2026" and day.answers() is None


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


MISREAD = ("naudsynt semje",  # «necessary agreement», not «not necessarily agreement»
           "kvar dykkar",  # bokmål «hver deres»; nynorsk «kvar sine»
           "friviljug",  # the texts write «frivillig» everywhere else
           "som enda ")  # «enda» reads as «still»: «som slutta»
"""Nynorsk phrases a reader found that say something else, or read as bokmål."""


def test_the_nynorsk_texts_and_templates_avoid_phrases_that_misread():
    import zipfile

    from .conftest import ROOT

    texts = [programme.load(PACKAGE_DATA / "programme.nn.toml").model_dump_json(),
             " ".join(_leaves(tekst("nynorsk").data))]
    for template in sorted((ROOT / "templates" / "nn").glob("*.docx")):
        with zipfile.ZipFile(template) as docx:
            texts.append(re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode()))
    found = [phrase for phrase in MISREAD for text in texts if phrase in text.lower()]
    assert found == []
