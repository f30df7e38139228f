"""The last theme's minutes ask each question once: the conversation's summary does not ask
again what the contact person's assessment below it asks («Er den planlagte oppfølgingen og
veiledningen nok ...»)."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from docx import Document

from .doc_helpers import case_context, render, texts

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


FINAL_EVALUATION = {
    "bokmal": ("Den samlede vurderingen og evalueringen av planene skrives i "
               "sluttevalueringen, dokumentet «03 Sluttevaluering» i saksmappen. I dette "
               "referatet skrives vurderingen av denne samtalen, som for de andre temaene.",
               "skrives i dette referatet"),
    "nynorsk": ("Den samla vurderinga og evalueringa av planane blir skrivne i "
                "sluttevalueringa, dokumentet «03 Sluttevaluering» i saksmappa. I dette "
                "referatet blir vurderinga av denne samtalen skriven, som for dei andre temaa.",
                "blir skriven i dette referatet"),
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_last_themes_minutes_send_the_final_evaluation_to_its_own_document(tmp_path,
                                                                                malform):
    """The minutes of the last theme said the final evaluation «skrives i dette referatet»,
    but they have no place for it: it is the case folder's «03 Sluttevaluering …», with the
    overall assessment and the evaluation of the plans (helper 171, finding 10)."""
    ctx = case_context().in_malform(malform)
    said, wrong = FINAL_EVALUATION[malform]
    last = {part.navn: f"Tema {part.temaer[-1].nummer} - " for part in ctx.programme.parter}
    minutes = {name: text for name, text in texts(ctx, "referat", tmp_path).items()
               if name.split("/")[2].startswith(last[name.split("/")[1]])}
    assert len(minutes) >= 4, sorted(minutes)
    for name, text in minutes.items():
        assert said in " ".join(text.split()), name
        assert wrong not in text, name
    evaluations = texts(ctx, "sluttevaluering", tmp_path)
    assert evaluations and all(name.split("/")[-1].startswith("03 Sluttevaluering")
                               for name in evaluations), sorted(evaluations)
