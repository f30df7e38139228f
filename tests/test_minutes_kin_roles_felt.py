"""In a placement with kin or network, the parents' theme 1 asked «Hvordan tror dere det
oppleves for barnet, og for fosterforeldrene?», in nynorsk the stiff «Korleis trur de det blir
opplevd for barnet, og for fosterforeldra?» (a reader's finding in the demo's 2026-0520,
helper 948). It now asks, in both standards alike, how the child and the foster parents
experience it, naming the child: «Hvordan tror du Ola og fosterforeldrene opplever det?»
(nynorsk «Korleis trur du Ola og fosterforeldra opplever det?»). Minutes in the words before
that a caseworker is writing in keep their issue (programme.*.toml ordlyd_for)."""

from __future__ import annotations

import json

import pytest

from .conftest import EXAMPLES
from .doc_helpers import case_context, texts

THEME = {"bokmal": "Referater/Foreldre/Tema 1 - Fortsatt familie - far.docx",
         "nynorsk": "Referat/Foreldre/Tema 1 - Framleis familie - far.docx"}
NOW = {"bokmal": "Hvordan tror du Ola og fosterforeldrene opplever det?",
       "nynorsk": "Korleis trur du Ola og fosterforeldra opplever det?"}
BEFORE = {"bokmal": "oppleves for", "nynorsk": "blir opplevd for"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_parents_are_asked_how_the_child_and_the_foster_parents_feel_it(tmp_path,
                                                                             malform):
    case = json.loads((EXAMPLES / "sak-fjellvik-2026-0520.json").read_text(encoding="utf-8"))
    made = texts(case_context(case).in_malform(malform), "referat", tmp_path)
    text = made[THEME[malform]]
    assert NOW[malform] in text
    assert BEFORE[malform] not in text


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_words_before_are_kept_for_minutes_being_written_in(malform):
    from omsorgspakke_docs.domain import programme

    said = programme.load(programme.BUNDLED[malform]).said_before(NOW[malform].replace(
        "du Ola", "de barnet" if malform == "nynorsk" else "dere barnet"))
    assert BEFORE[malform] in said
