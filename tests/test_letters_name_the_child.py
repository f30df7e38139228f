"""The invitations to the parents and the foster family say what a theme is about with the
child's first name, as the rest of the letter does: «slik at samværene blir gode for Sofie»,
not «for barnet ditt»; «hjelpe Sofie med å roe seg», not «hjelpe barnet» (helper 171, finding
13). No pronoun is guessed («henne», «ham»): the sentences need none. A journal without the
child's first name gets «barnet»."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest

from omsorgspakke_docs.documents import informasjonsbrev, innkalling
from omsorgspakke_docs.rendering import context, prepare
from omsorgspakke_docs.store.issued import FOLDER, kept_dates

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import case_context, texts
from .test_sent_marks import LIST, _mark, _rows

SAID = {
    "bokmal": {
        "Foreldre/Tema 1 - Fortsatt familie - mor.docx":
            "Vi snakker om deg som forelder og om hva som er viktig for {barn}, slik at "
            "fosterfamilien kan ta vare på det.",
        "Foreldre/Tema 2 - Samvær og samarbeid - far.docx":
            "slik at samværene blir gode for {barn}.",
        "Foreldre/Tema 4 - Hvorfor måtte barnet flytte - mor.docx":
            "Vi snakker om hvorfor {barn} flyttet, og om hvordan du kan være en god støtte "
            "framover.",
        "Fosterfamilien/Tema 2 - Samvær og samarbeid.docx":
            "Vi snakker om samvær, om samarbeidet med foreldrene til {barn} og om hvordan dere "
            "kan være en støtte før og etter samværene.",
        "Fosterfamilien/Tema 4 - Følelsesregulering.docx":
            "og om hvordan dere kan hjelpe {barn} med å roe seg når noe er vanskelig.",
    },
    "nynorsk": {
        "Foreldre/Tema 1 - Framleis familie - mor.docx":
            "Vi snakkar om deg som forelder og om kva som er viktig for {barn}, slik at "
            "fosterfamilien kan ta vare på det.",
        "Fosterfamilien/Tema 2 - Samvær og samarbeid.docx":
            "Vi snakkar om samvær, om samarbeidet med foreldra til {barn} og om korleis de kan "
            "vere ei støtte før og etter samværa.",
        "Fosterfamilien/Tema 4 - Kjensleregulering.docx":
            "og om korleis de kan hjelpe {barn} med å roe seg når noko er vanskeleg.",
    },
}


TITLE = {"bokmal": "Hvorfor måtte {barn} flytte?", "nynorsk": "Kvifor måtte {barn} flytte?"}
"""The parents' theme 4, as their letters name it."""


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_parents_letters_name_the_child_in_the_themes_title(tmp_path, malform):
    """«Tema 4: Hvorfor måtte Sofie flytte?» in the invitation's heading and where it names
    the theme, and in the information letter's dates; the file name keeps «barnet» (no name
    in a file name), and the foster family's and the child's letters their titles."""
    ctx = case_context().in_malform(malform)
    made = texts(ctx, "innkalling", tmp_path / "i") | texts(ctx, "informasjonsbrev",
                                                             tmp_path / "b")
    named, said = TITLE[malform].format(barn="Sofie"), TITLE[malform].format(barn="barnet")
    mother = next(name for name in made if "/Foreldre/Tema 4 - " in name and "mor" in name)
    assert said[:-1] in mother and "Sofie" not in mother
    heading = next(line for line in made[mother].splitlines() if line.startswith("Invitasjon"))
    assert heading.endswith(f"– Tema 4: {named}"), heading
    assert f"«{named}»" in made[mother] and said not in made[mother]
    letters = [text for name, text in made.items() if "Informasjonsbrev" in name]
    assert len(letters) == 2
    assert all(f"Tema 4: {named}" in text and said not in text for text in letters)
    for name in made:
        assert "Sofie" not in name, name


def test_without_the_childs_first_name_the_title_says_barnet(tmp_path):
    case = canonical_case()
    del case["barn"]["fornavn"]
    made = texts(case_context(case), "innkalling", tmp_path)
    mother = next(text for name, text in made.items()
                  if "/Foreldre/Tema 4 - " in name and "mor" in name)
    assert "Tema 4: Hvorfor måtte barnet flytte?" in mother


def _invitations(tmp_path, malform: str, case: dict | None = None) -> dict[str, str]:
    ctx = case_context(case).in_malform(malform)
    made = texts(ctx, "innkalling", tmp_path / malform)
    return {name.split("/", 1)[1]: " ".join(text.split()) for name, text in made.items()}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_invitations_say_what_a_theme_is_about_with_the_childs_name(tmp_path, malform):
    letters = _invitations(tmp_path, malform)
    for name, said in SAID[malform].items():
        assert name in letters, sorted(letters)
        assert said.format(barn="Sofie") in letters[name], name
    for name, text in letters.items():
        if not name.startswith("Barnet"):
            assert not re.search(r"barnet ditt|barnets foreldre|hjelpe barnet|for barnet\.",
                                 text), name
            assert not re.search(r"\b(henne|ham|han)\b", text.split("Tid og sted")[0]), name


def test_without_the_childs_first_name_the_invitations_say_barnet(tmp_path):
    case = canonical_case()
    del case["barn"]["fornavn"]
    letters = _invitations(tmp_path, "bokmal", case)
    name = "Foreldre/Tema 2 - Samvær og samarbeid - far.docx"
    assert "slik at samværene blir gode for barnet." in letters[name]
    assert "{barn}" not in " ".join(letters.values())


def in_former_words(monkeypatch):
    """As the release before said what each theme is about: in its former words
    (Tema.i_brev_for), where it has them. Returns the way this release says it."""
    named = context.CaseContext.child_named

    def said_before(self, text):
        former = {t.i_brev: t.i_brev_for[0] for p in self.programme.parter for t in p.temaer
                  if t.i_brev_for}
        return former.get(text, named(self, text))

    monkeypatch.setattr(context.CaseContext, "child_named", said_before)
    return named


def as_the_release_before(monkeypatch) -> Callable[[], None]:
    """As the release before made the letters: in the themes' former words (in_former_words),
    and with «barnet» in the parents' theme titles (helper 194). Returns the step to this
    release: its words and titles, in a new version."""
    named = in_former_words(monkeypatch)
    titled = innkalling.title_to_parents
    for module in (innkalling, informasjonsbrev):
        monkeypatch.setattr(module, "title_to_parents", lambda ctx, part, tema: tema)

    def this_release() -> None:
        monkeypatch.setattr(context.CaseContext, "child_named", named)
        for module in (innkalling, informasjonsbrev):
            monkeypatch.setattr(module, "title_to_parents", titled)
        monkeypatch.setattr(prepare, "__version__", "99.0.0")

    return this_release


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_invitations_sent_in_the_former_words_keep_their_dates_and_marks(workspace, monkeypatch,
                                                                        malform):
    """A release that rewords what a theme is about (Tema.i_brev_for keeps the words before)
    makes the invitations issued in the old words again in the new, keeping their dates and
    their marks as sent in Til utsending: none is listed to send again."""
    this_release = as_the_release_before(monkeypatch)
    workspace.whole_year()
    case = canonical_case()
    for person in (*case["foreldre"], case["fosterfamilie"]):
        person["malform"] = malform
    workspace.drop("sak.json", case)
    assert workspace.run().files_failed == 0
    folder = workspace.case_folder(case["journalnummer"])
    foster = folder / "Innkallinger" / "Fosterfamilien" / "Tema 2 - Samvær og samarbeid.docx"
    old = SAID[malform]["Fosterfamilien/Tema 2 - Samvær og samarbeid.docx"].format(barn="Sofie")
    assert old not in " ".join(docx_text(foster).split())
    listed = {row[2]: row for row in _rows(workspace.outbox / LIST)}
    assert any("Fosterfamilien/Tema 2" in name for name in listed)
    _mark(workspace.outbox / LIST, dict.fromkeys(listed, "x"))
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    dates = kept_dates(workspace.state, pseudonym)

    this_release()
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    now = kept_dates(workspace.state, pseudonym)
    assert {name: now[name] for name in dates} == dates
    assert old in " ".join(docx_text(foster).split())
    # The parents' theme 4, its title now naming the child, kept as issued too.
    mother = next((folder / "Innkallinger").rglob("Tema 4 - * - mor.docx"))
    letter = next(folder.glob("02 * - mor.docx"))
    for path in (mother, letter):
        assert f"Tema 4: {TITLE[malform].format(barn='Sofie')}" in docx_text(path), path.name
        assert any(path.name in name for name in listed), path.name
    marks = {row[2]: row[-1] for row in _rows(workspace.outbox / LIST)}
    assert all(marks[name] == "x" for name in listed if name in marks)
    assert any("Fosterfamilien/Tema 2" in name for name in marks)
