"""The information letter's closing, as the parent reads it (a reader's finding on the
release of 7 December): its signature had no line with the service's name, while the
invitation sent with it has one; and the nynorsk letter said «om vi ikkje avtaler noko
anna», a bokmål verb form («avtalar» in nynorsk)."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import canonical_case, open_docx

LETTER = "02 Informasjonsbrev til foreldre - mor.docx"
WORDS = {
    "bokmal": ("Med vennlig hilsen", "Vi møtes hos oss hvis vi ikke avtaler noe annet."),
    "nynorsk": ("Med vennleg helsing", "Vi møtest hos oss om vi ikkje avtalar noko anna."),
}


def _paragraphs(path) -> list[str]:
    return [p.text for p in open_docx(str(path)).paragraphs if p.text.strip()]


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_information_letter_is_signed_with_the_service_s_name(workspace, malform):
    greeting, meeting = WORDS[malform]
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    workspace.run(date(2026, 11, 22))
    text = _paragraphs(workspace.case_folder("2026-0412") / LETTER)
    signed = text[text.index(greeting):]
    assert signed[-1] == "Barnevernstjenesten i Testvik"
    assert len(signed) == 4  # greeting, name, title, service
    assert any(meeting in p for p in text)
    assert "avtaler" not in " ".join(text) or malform == "bokmal"
