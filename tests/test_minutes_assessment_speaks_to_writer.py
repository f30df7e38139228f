"""The minutes' «Kontaktpersonens vurdering» is written by the contact person: its
introduction speaks to them, as its boxes do («Skriv vurderingen din her.»), not about them
in the third person («Her skriver kontaktpersonen sin vurdering …»): in every minutes kind
(the child's, each parent's, the foster family's), in bokmål and nynorsk."""

from __future__ import annotations

from datetime import timedelta

import pytest

from omsorgspakke_docs.rendering import prepare

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import case_context, texts, write_in
from .test_new_release import _reworded

INTRODUCTION = {
    "bokmal": ("Her skriver du vurderingen din etter samtalen, med partens egne perspektiver "
               "og refleksjoner som grunnlag.", "Her skriver kontaktpersonen"),
    "nynorsk": ("Her skriv du vurderinga di etter samtalen, med perspektiva og refleksjonane "
                "til parten som grunnlag.", "Her skriv kontaktpersonen"),
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_minutes_assessment_introduction_speaks_to_the_contact_person(tmp_path, malform):
    ctx = case_context().in_malform(malform)
    said, third_person = INTRODUCTION[malform]
    minutes = texts(ctx, "referat", tmp_path)
    parts = {name.split("/")[1] for name in minutes}
    assert len(parts) == 3, sorted(parts)  # the child, the parents, the foster family
    for name, text in minutes.items():
        assert said in " ".join(text.split()), name
        assert third_person not in text, name


BEFORE = ("Her skriver du vurderingen din", "Her skriver kontaktpersonen sin vurdering")
"""The introduction's words now, and as the release before had them."""


def test_minutes_made_in_the_words_before_are_kept_as_made_on_the_release_day(
        workspace, monkeypatch):
    """Minutes made by the release before, in the third person, one of them written in by
    the caseworker: the release day with the new wording makes no copy «(ny versjon)» beside
    them and leaves every one as it was (minutes are kept as made, prepare.py _issued)."""
    own = workspace.own_templates()
    _reworded(own / "nb" / "referat.docx", *BEFORE)
    case = canonical_case()
    workspace.drop("sak.json", case)
    workspace.run()
    folder = workspace.case_folder(case["journalnummer"])
    minutes = sorted(folder.glob("Referater/**/*.docx"))
    assert minutes and all(BEFORE[1] in docx_text(path) for path in minutes)
    write_in(minutes[0])
    before = {path: path.read_bytes() for path in minutes}
    _reworded(own / "nb" / "referat.docx", BEFORE[1], BEFORE[0])
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert {path: path.read_bytes() for path in minutes} == before
