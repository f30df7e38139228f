"""The parents' final evaluation titles their themes as their minutes do, with the child's
first name for «barnet» («Tema 4: Hvorfor måtte Sofie flytte?»), not «Hvorfor måtte barnet
flytte?» beside minutes that say Sofie (a reader's finding, helper 948). The child's and the
foster family's keep the programme's titles."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.rendering import context

from .doc_helpers import PROGRAMME, case_context, texts

TITLES = {"bokmal": ("Tema 4: Hvorfor måtte Sofie flytte?", "Tema 4: Hvorfor måtte barnet",
                     "Tema 3: Å ivareta barnet"),
          "nynorsk": ("Tema 4: Kvifor måtte Sofie flytte?", "Tema 4: Kvifor måtte barnet",
                      "Tema 3: Å ta vare på barnet")}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_parents_evaluation_names_the_child_in_the_theme_title(tmp_path, malform):
    ctx = case_context()
    if malform == "nynorsk":
        ctx = context.build(ctx.case, ctx.plan, PROGRAMME, ctx.today, ctx.settings.service,
                            settings=ctx.settings, pseudonym=ctx.pseudonym, malform=malform)
    named, unnamed, foster = TITLES[malform]
    found = texts(ctx, "sluttevaluering", tmp_path)
    parents = {k: v for k, v in found.items() if "Foreldre" in k}
    assert len(parents) == 2
    for text in parents.values():
        assert named in text
        assert unnamed not in text
    assert any(foster in text for k, text in found.items() if "Foster" in k)
