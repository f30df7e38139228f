"""An invitation written to an older child says each thing once: the theme's own words
(tema.i_brev) are followed by the letter's «Du bestemmer selv hva du vil fortelle, og du
kan spørre om alt du lurer på», so the theme must not say that as well."""

from __future__ import annotations

from datetime import date

import pytest

from omsorgspakke_docs.domain import programme

from .conftest import canonical_case, synthetic_fnr
from .doc_helpers import case_context, texts

ADDED = "lurer på"
"""The end of that sentence, the same in bokmål and nynorsk."""


def test_every_invitation_to_a_thirteen_year_old_says_it_once(tmp_path):
    case = canonical_case()
    case["barn"]["fodselsdato"] = "2013-03-14"
    case["barn"]["fodselsnummer"] = synthetic_fnr(date(2013, 3, 14))
    letters = {name: text for name, text in
               texts(case_context(case), "innkalling", tmp_path).items() if "/Barnet/" in name}
    assert len(letters) >= 6  # every theme, written to the child
    assert {name: text.count(ADDED) for name, text in letters.items()} == {
        name: 1 for name in letters}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_no_theme_of_the_childs_track_repeats_the_letters_own_sentence(malform):
    child = programme.load(programme.BUNDLED[malform]).part("barnet")
    assert [t.nummer for t in child.temaer if ADDED in (t.i_brev or "")] == []
