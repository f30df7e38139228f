"""The foster family's invitation to a conversation in «Oppfølging i flytteprosessen» said
«Vi snakker om hvordan de første ukene har vært», also to a foster parent whose child moved
in five months before the case came from the journal (a reader's finding in the demo's
2026-0721: Elias moved on 15 June, the first conversation is on 26 November). It now says
what holds early and late alike, in bokmål and nynorsk: «hvordan det har gått siden Sofie
flyttet inn» («korleis det har gått sidan Sofie flytta inn»). A letter issued with the words
before keeps its date and its mark as sent (programme.*.toml i_brev_for)."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case
from .doc_helpers import case_context, texts

WORDS = {
    "bokmal": {
        "folder": "Innkallinger",
        "said": "Vi snakker om hvordan det har gått siden Sofie flyttet inn, om hva dere "
                "trenger av informasjon og støtte, og om hvordan vi følger dere opp.",
        "before": "de første ukene",
    },
    "nynorsk": {
        "folder": "Innkallingar",
        "said": "Vi snakkar om korleis det har gått sidan Sofie flytta inn, om kva de treng av "
                "informasjon og støtte, og om korleis vi følgjer dykk opp.",
        "before": "dei første vekene",
    },
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("moved", ["2026-09-14", "2026-06-15"])
def test_the_foster_familys_first_contact_letter_fits_a_late_start(tmp_path, malform, moved):
    """The foster family's letters for the move follow-up's contacts, for a placement in
    September and for one in June first read in November: the same words, with no «first
    weeks»."""
    w = WORDS[malform]
    case = canonical_case(samtaler=[], vurderinger=[])
    case["plassering"] = {**case["plassering"], "startdato": moved}
    ctx = case_context(case, today=date(2026, 11, 23)).in_malform(malform)
    made = texts(ctx, "innkalling", tmp_path / malform)
    contacts = {name: " ".join(text.split()) for name, text in made.items()
                if "/Fosterfamilien/Tema 0 - " in name}
    assert contacts, sorted(made)
    for name, text in contacts.items():
        assert w["said"] in text, (name, text)
        assert w["before"] not in text, (name, text)
