"""The last theme's minutes ask each question once: the conversation's summary does not ask
again what the contact person's assessment below it asks («Er den planlagte oppfølgingen og
veiledningen nok ...»)."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from docx import Document

from .doc_helpers import case_context, render

ASSESSMENT = {"bokmal": "Kontaktpersonens vurdering", "nynorsk": "Vurderinga til kontaktpersonen"}


def _questions(path) -> tuple[list[str], list[str]]:
    """The minutes' questions for the conversation (bullets) and the contact person's
    assessment questions (the headings under «Kontaktpersonens vurdering»)."""
    asked, assessed, in_assessment = [], [], False
    for p in Document(str(path)).paragraphs:
        style = p.style.name
        if style == "Heading 1":
            in_assessment = p.text in ASSESSMENT.values()
        elif style == "Heading 2" and in_assessment:
            assessed.append(p.text)
        elif style == "List Bullet" and not in_assessment:
            asked.append(p.text)
    return asked, assessed


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_last_themes_minutes_do_not_ask_the_assessment_questions_again(tmp_path, malform):
    ctx = case_context().in_malform(malform)
    last = {part.navn: f"Tema {part.temaer[-1].nummer} - " for part in ctx.programme.parter}
    minutes = {name: path for name, path in render(ctx, "referat", tmp_path).items()
               if name.split("/")[2].startswith(last[name.split("/")[1]])}
    assert len(minutes) >= 4, sorted(minutes)  # the child, each parent, the foster family
    for name, path in minutes.items():
        asked, assessed = _questions(path)
        assert len(assessed) == 3 and len(asked) > 10, name
        for question in asked:
            for assessment in assessed:
                alike = SequenceMatcher(None, question.lower(), assessment.lower()).ratio()
                assert alike < 0.7, (name, question, assessment)
