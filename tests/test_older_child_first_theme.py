"""An older child's own letter for the first theme («Mi historie») is not «a new
conversation»: the move follow-up's contacts before it may have been with the foster parents,
and the child may not have met the contact person yet. It says what the talk is for last:
«Slik blir vi bedre kjent.», not a bare «Vi blir bedre kjent.» before it (helper 194).
Later themes keep «en ny samtale» and «Denne gangen».
"""

from __future__ import annotations

import pytest

from .conftest import canonical_case
from .doc_helpers import case_context, texts
from .test_move_followup_letters import _older_child

WORDS = {
    "bokmal": {"first": "Snart skal vi ha en samtale, du og jeg. Vi skal snakke om «Min historie».",
               "known": "Slik blir vi bedre kjent.", "bare": "Vi blir bedre kjent.",
               "later": "Snart skal vi ha en ny samtale, du og jeg. Denne gangen skal vi "
                        "snakke om «Samvær og kontakt».",
               "theme1": "Tema 1 - Min historie", "theme2": "Tema 2 - Samvær og kontakt"},
    "nynorsk": {"first": "Snart skal vi ha ein samtale, du og eg. Vi skal snakke om «Mi historie».",
                "known": "Slik blir vi betre kjende.", "bare": "Vi blir betre kjende.",
                "later": "Snart skal vi ha ein ny samtale, du og eg. Denne gongen skal vi "
                         "snakke om «Samvær og kontakt».",
                "theme1": "Tema 1 - Mi historie", "theme2": "Tema 2 - Samvær og kontakt"},
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_first_theme_is_no_new_conversation_to_the_child(tmp_path, malform):
    w = WORDS[malform]
    ctx = case_context(_older_child(canonical_case(samtaler=[], vurderinger=[])))
    letters = texts(ctx.in_malform(malform), "innkalling", tmp_path)
    first = next(text for name, text in letters.items()
                 if "/Barnet/" in name and w["theme1"] in name)
    later = next(text for name, text in letters.items()
                 if "/Barnet/" in name and w["theme2"] in name)
    assert w["first"] in first
    assert first.rstrip().count(w["known"]) == 1
    assert w["bare"] not in first.replace(w["known"], "")
    assert w["later"] in later
