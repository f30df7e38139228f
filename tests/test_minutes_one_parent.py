"""Minutes written for one parent ask that parent: «Hvordan går det med deg?», not «med
dere». The parents' questions in the programme are put to both parents together; a parent's
own minutes (parents living apart, or the only parent taking part) put them to «du»."""

from __future__ import annotations

import re

import pytest
from docx import Document

from omsorgspakke_docs.domain import programme
from omsorgspakke_docs.rendering.one_parent import STANDARDS, to_one_parent

from .conftest import both_parents_took_part, canonical_case
from .doc_helpers import case_context, render

PLURAL = {"bokmal": re.compile(r"\b(dere|deres)\b", re.IGNORECASE),
          "nynorsk": re.compile(r"\b(de|dykk|dykkar)\b", re.IGNORECASE)}
HOW_ARE_YOU = {"bokmal": ("Hvordan går det med deg for tiden?",
                          "Hvordan går det med dere for tiden?"),
               "nynorsk": ("Korleis går det med deg for tida?",
                           "Korleis går det med dykk for tida?")}


def _questions(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.style.name == "List Bullet"]


def _parents_minutes(case, malform, folder) -> dict[str, list[str]]:
    ctx = case_context(case).in_malform(malform)
    return {name: _questions(path) for name, path in render(ctx, "referat", folder).items()
            if name.split("/")[1] == "Foreldre"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_parents_own_minutes_ask_that_parent(tmp_path, malform):
    # Mother and father apart, both at the first contact.
    minutes = _parents_minutes(both_parents_took_part(canonical_case()), malform, tmp_path)
    assert {name.rsplit(" - ", 1)[-1] for name in minutes} == {"mor.docx", "far.docx"}
    one, both = HOW_ARE_YOU[malform]
    for name, questions in minutes.items():
        assert one in questions and both not in questions, name
        plural = [q for q in questions if PLURAL[malform].search(q)
                  and not q.endswith(STANDARDS[malform].together)]
        assert plural == [], name


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_only_parent_taking_part_is_asked_alone_and_parents_together_both(tmp_path,
                                                                             malform):
    declined = canonical_case()
    declined["foreldre"][1]["takker_ja"] = False
    together = canonical_case()
    for parent in together["foreldre"]:
        parent["bor_sammen_med_annen_forelder"] = True
    one, both = HOW_ARE_YOU[malform]
    alone = _parents_minutes(declined, malform, tmp_path / "alone")
    shared = _parents_minutes(together, malform, tmp_path / "together")
    assert alone and shared
    assert all(one in questions for questions in alone.values())
    assert all(both in questions and one not in questions for questions in shared.values())


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_every_question_of_the_parents_track_can_be_put_to_one_parent(malform):
    parents = programme.load(programme.BUNDLED[malform]).part("foreldre")
    asked = [q for t in parents.temaer for s in t.seksjoner for q in [s.tittel, *s.sporsmal]]
    for question in asked:
        alone = to_one_parent(question, malform)
        head = alone.removesuffix(next((t for t in STANDARDS[malform].together
                                        if alone.endswith(t)), ""))
        assert PLURAL[malform].search(head) is None, alone
    # Object, reflexive and possessive take their own forms; adjectives the singular.
    examples = {
        "bokmal": {
            "Hvem kan hjelpe dere, og med hva?": "Hvem kan hjelpe deg, og med hva?",
            "Kjenner dere dere igjen i beskrivelsene?": "Kjenner du deg igjen i beskrivelsene?",
            "Har jeg forstått dere riktig, og er dere enige i det jeg skriver ned?":
                "Har jeg forstått deg riktig, og er du enig i det jeg skriver ned?",
            "Hva bør fosterforeldrene vite om barnet deres?":
                "Hva bør fosterforeldrene vite om barnet ditt?",
            "Hva kan styrke mulighetene deres?": "Hva kan styrke mulighetene dine?",
            "Hvordan påvirker deres egne følelser måten dere møter barnet på?":
                "Hvordan påvirker dine egne følelser måten du møter barnet på?",
        },
        "nynorsk": {
            "Korleis blir de møtte av folk rundt dykk?": "Korleis blir du møtt av folk rundt deg?",
            "Korleis vil de bli haldne orienterte?": "Korleis vil du bli halden orientert?",
            "Kva er de nøgde med?": "Kva er du nøgd med?",
            "Kva kan styrkje moglegheitene dykkar?": "Kva kan styrkje moglegheitene dine?",
            "Korleis er dykkar eige toleransevindauge?": "Korleis er ditt eige toleransevindauge?",
        },
    }
    for plural, singular in examples[malform].items():
        assert to_one_parent(plural, malform) == singular
