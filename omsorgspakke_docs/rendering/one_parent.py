"""The parents' questions put to one parent (and the foster family's invitations and
minutes to one foster parent: rendering/context.py).

The programme asks the parents together («Hvordan går det med dere?», nynorsk «med dykk»).
A parent's own minutes (parents living apart, or only one of them taking part) ask that
parent: «Hvordan går det med deg?». Norwegian verbs do not change with the person, so
the pronouns are what change: the plural «dere» becomes «du» as the subject and «deg»
after a preposition, as an object or reflexive; «deres» («dykkar») agrees with its noun
(«barnet ditt», «mulighetene dine», «din egen barndom»); and the few adjectives and
participles that follow the pronoun in the plural take the singular («er du enig»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class _Standard:
    subject: str
    """The plural pronoun as subject (bokmål «dere», nynorsk «de»)."""
    object: str
    """As object (bokmål the same «dere», nynorsk «dykk»)."""
    possessive: str
    after_object: frozenset[str] = frozenset()
    """Words after which the plural pronoun is an object (prepositions, verbs taking one)."""
    before_object: frozenset[str] = frozenset()
    """Words before which it is reflexive: «kjenner dere igjen» -> «kjenner deg igjen»."""
    together: tuple[str, ...] = ()
    """Where «dere» is the parent and the child together, and stays: «når dere er sammen?»."""
    own: dict[str, str] = field(default_factory=dict)
    """«deres egen» and its kind: the possessive before «egen»."""
    plural_endings: tuple[str, ...] = ()
    feminine_endings: tuple[str, ...] = ()
    singular: dict[str, str] = field(default_factory=dict)
    """What follows the new «du» in the plural, in the singular: «du enige» -> «du enig»."""


_PREPOSITIONS = ("for", "med", "til", "hos", "på", "av", "om", "fra", "frå", "mellom",
                 "rundt", "ved", "uten", "utan", "mot", "enn", "i", "over")
STANDARDS = {
    "bokmal": _Standard(
        subject="dere", object="dere", possessive="deres",
        after_object=frozenset(_PREPOSITIONS + (
            "dere", "hjelpe", "hjelper", "forstått", "støtter", "lene", "holde", "holder",
            "følger", "gitt", "ivareta", "støtte", "avvist", "avviser", "trigger",
            "fosterfamilien")),  # «... forholdet til fosterfamilien dere i dag»
        before_object=frozenset({"igjen", "annerledes"}),
        together=("når dere er sammen?",),
        own={"egen": "din", "eget": "ditt", "egne": "dine"},
        plural_endings=("ene", "ne"),
        singular={"du enige": "du enig", "du voksne": "du",
                  "deg å være foreldre": "deg å være forelder",
                  "være ekstra oppmerksomme": "være ekstra oppmerksom",
                  "deg selv og hverandre": "deg selv",
                  "med barnet, du og foreldrene": "med barnet, deg og foreldrene",
                  # the foster parents' own children: «som er foreldrene deres» (theirs)
                  "deg, som er foreldrene dine": "deg, som er forelderen deres"},
    ),
    "nynorsk": _Standard(
        subject="de", object="dykk", possessive="dykkar",
        together=("når de er saman?",),
        own={"eigen": "din", "eige": "ditt", "eigne": "dine"},
        plural_endings=("ane", "ene", "ne"),
        feminine_endings=("a",),
        singular={"du einige": "du einig", "du nøgde": "du nøgd", "du møtte": "du møtt",
                  "deg å vere foreldre": "deg å vere forelder",
                  "du bli haldne orienterte": "du bli halden orientert", "du vaksne": "du",
                  "vere ekstra merksame": "vere ekstra merksam", "du bli kjende": "du bli kjend",
                  "du sjølve": "du sjølv", "deg sjølve og kvarandre": "deg sjølv",
                  "deg sjølve": "deg sjølv", "du sjølv med å bli avviste":
                  "du sjølv med å bli avvist", "du drivne": "du driven",
                  "batteria di": "batteria dine",
                  "deg, som er foreldra deira": "deg, som er forelderen deira"},
    ),
}

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def to_one_parent(text: str, malform: str) -> str:
    """text, asked of the parents together, asked of one parent instead. Kept per text: the
    programme's few hundred questions are asked again in every case's documents."""
    s = STANDARDS[malform]
    tail = next((t for t in s.together if text.endswith(t)), "")
    text = text[:len(text) - len(tail)]
    words = list(_WORD.finditer(text))
    said = [w[0].lower() for w in words]
    out, end = [], 0
    for n, found in enumerate(words):
        word = said[n]
        before = said[n - 1] if n else ""
        after = said[n + 1] if n + 1 < len(said) else ""
        new = None
        if word == s.possessive:
            new = s.own.get(after) or _agreeing(before, s)
        elif word == s.object and (s.object != s.subject or before in s.after_object
                                   or after in s.before_object):
            new = "deg"
        elif word == s.subject:
            new = "du"
        if new is not None:
            out += [text[end:found.start()], new.capitalize() if found[0][0].isupper() else new]
            end = found.end()
    result = "".join(out) + text[end:]
    for plural, one in s.singular.items():
        result = re.sub(rf"\b{plural}\b", one, result)
    return result + tail


def _agreeing(noun: str, s: _Standard) -> str:
    """The possessive after its noun: «barnet ditt», «mulighetene dine», «trua di»."""
    if noun.endswith(s.plural_endings):
        return "dine"
    if noun.endswith("et"):
        return "ditt"
    if noun.endswith(s.feminine_endings):
        return "di"
    return "din"
