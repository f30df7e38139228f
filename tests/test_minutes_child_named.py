"""The minutes of the parents' and the foster family's conversations name the child, as
their invitations do (helper 187): the minutes are about one child, so their section titles
and questions say «Sofie» where they said «barnet». «barnet» stays where it is said of
children in general (the child's own conversations, a quoted title), where a question says
the child again as «det» (the programme does not know «hun» or «han»), and where the journal
has no first name."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case, docx_text
from .doc_helpers import case_context, texts

FOSTER_THEME_2 = "Referater/Fosterfamilien/Tema 2 - Samvær og samarbeid.docx"


def _network_case(**barn) -> dict:
    """The example case (Sofie), placed with family (category 2.1)."""
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "kategori": "2.1", "i_familie_og_nettverk": None}
    case["barn"] = {**case["barn"], **barn}
    return case


def test_the_foster_familys_minutes_name_the_child(tmp_path):
    """They said «Når barnet bor hos slekt eller nettverk» and «Samarbeid med barnets
    familie» in the minutes of a conversation about Sofie, whose invitation named her."""
    text = texts(case_context(_network_case()), "referat", tmp_path)[FOSTER_THEME_2]
    assert "Når Sofie bor hos slekt eller nettverk" in text
    assert "Samarbeid med Sofies familie" in text
    assert "Når barnet bor hos slekt eller nettverk" not in text
    # Said of her again as «det»: «barnet» stays, not «Sofie … det».
    assert ("Hvordan kan barnet holde kontakten med søsken og andre i familien og nettverket "
            "som betyr mye for det?") in text


def test_the_parents_minutes_name_the_child_and_keep_a_quoted_title(tmp_path):
    minutes = texts(case_context(_network_case()), "referat", tmp_path)
    parents = "\n".join(t for k, t in minutes.items() if k.startswith("Referater/Foreldre/"))
    assert "Når Sofie bor hos slekt eller nettverk" in parents
    assert "Når barnet bor hos slekt eller nettverk" not in parents
    child = "\n".join(t for k, t in minutes.items() if k.startswith("Referater/Barnet/"))
    assert "Barnets rettigheter" in child  # said of children in general


def test_without_a_first_name_the_minutes_say_barnet(tmp_path):
    text = texts(case_context(_network_case(fornavn=None)), "referat", tmp_path)[FOSTER_THEME_2]
    assert "Når barnet bor hos slekt eller nettverk" in text


@pytest.mark.parametrize("malform", ["nynorsk"])
def test_the_nynorsk_minutes_name_the_child(workspace, malform):
    workspace.in_malform(malform)
    workspace.drop("sak.json", _network_case())
    assert workspace.run(date(2026, 11, 22)).files_failed == 0
    folder = workspace.case_folder("2026-0412")
    foster = "\n".join(docx_text(p) for p in folder.glob("*/Fosterfamilien/*.docx"))
    assert "Når Sofie bur hos slekt eller nettverk" in foster
    assert "Når barnet bur hos slekt eller nettverk" not in foster
