"""The foster family's theme 5 asked «Hender det at Sofie ødelegger hyggelige stunder, og
hvordan oppleves det for familien?», in nynorsk the stiff «… og korleis blir det opplevd for
familien?» (a reader's finding, helper 948). It now asks, in both standards alike, how the
family experiences it: «… og hvordan opplever familien det?» (nynorsk «… og korleis opplever
familien det?»), still naming the child. Minutes in the words before that a caseworker is
writing in keep their issue (programme.*.toml ordlyd_for)."""

from __future__ import annotations

import pytest

from .doc_helpers import case_context, texts

NOW = {"bokmal": "Hender det at Sofie ødelegger hyggelige stunder, og hvordan opplever "
                 "familien det?",
       "nynorsk": "Hender det at Sofie øydelegg hyggjelege stunder, og korleis opplever "
                  "familien det?"}
BEFORE = {"bokmal": "oppleves det for familien", "nynorsk": "blir det opplevd for familien"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_foster_family_is_asked_how_the_family_feels_it(tmp_path, malform):
    made = texts(case_context().in_malform(malform), "referat", tmp_path)
    text = next(text for name, text in made.items() if "/Fosterfamilien/Tema 5" in name)
    assert NOW[malform] in text
    assert BEFORE[malform] not in text


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_words_before_are_kept_for_minutes_being_written_in(malform):
    from omsorgspakke_docs.domain import programme

    said = programme.load(programme.BUNDLED[malform]).said_before(
        NOW[malform].replace("Sofie", "barnet"))
    assert BEFORE[malform] in said
