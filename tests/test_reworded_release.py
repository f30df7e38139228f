"""A release that rewords a letter never re-dates it, without knowing how the release before
worded things.

A letter kept field by field (store/issued.py "fields", rendering/prepare.py _facts) is
kept by its facts: a new release that rewords what a kind declares words (Words: the
information letter's rows' headings, a theme's words in an invitation) or a template's own
text makes it again in the new words, dated as issued and still marked as sent, with no
new constant for it anywhere. A fact it shows (a conversation's date) moved issues it anew.
"""

from __future__ import annotations

import json
import zipfile
from datetime import timedelta

from lxml import etree

from omsorgspakke_docs.documents import informasjonsbrev
from omsorgspakke_docs.rendering import prepare
from omsorgspakke_docs.rendering.context import CaseContext
from omsorgspakke_docs.store.issued import FOLDER, kept_dates

from .conftest import TODAY, canonical_case, docx_text, mothers_next_conversation_cancelled
from .test_contact_change import letters
from .test_new_release import _reworded
from .test_sent_marks import LIST, LISTED_FOR_DAYS, _mark, _rows

CASE = "2026-0412"
NEXT_DAY = TODAY + timedelta(days=1)
ISSUED = "Vår dato:\t22. november 2026"
MEETING = ("Felles møte med", "Fellesmøte med")
"""The joint meeting's row in the information letter, reworded by the «release»."""
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
I_BREV = " Du kan ta med deg en du stoler på."
"""Words the «release» adds to a theme's words about itself (tema.i_brev)."""


def _made_and_marked(workspace):
    """The example case made on TODAY by this release, every letter marked as sent in Til
    utsending: its folder and the letters' names."""
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    folder = workspace.case_folder(CASE)
    made = sorted(letters(folder))
    _mark(workspace.outbox / LIST, {f"{CASE}/{name}": "x" for name in made})
    return folder, made


def _marked(workspace) -> set[str]:
    return {row[2] for row in _rows(workspace.outbox / LIST) if row[-1]}


def _still_marked(workspace, marked: set[str]) -> None:
    """Every letter marked as sent the day before that is still on the list is marked (none
    to send again), and the two listed for days are still on it."""
    rows = _rows(workspace.outbox / LIST)
    assert not [row[2] for row in rows if row[2] in marked and not row[-1]]
    assert set(LISTED_FOR_DAYS) <= _marked(workspace) <= marked


def _issue_dates(workspace):
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    return {name: issued for name, (issued, _) in kept_dates(workspace.state, pseudonym).items()}


def _release_rewording(monkeypatch, words: bool = True) -> None:
    """The next release: another version, the joint meeting's row in the information
    letter and a theme's words in the invitations reworded (words), or neither."""
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    if not words:
        return
    heading = informasjonsbrev._meeting_heading
    monkeypatch.setattr(informasjonsbrev, "_meeting_heading",
                        lambda ctx, forelder: heading(ctx, forelder).replace(*MEETING))
    theme = CaseContext._tema

    def reworded(self, *args, **kwargs):
        said = theme(self, *args, **kwargs)
        return {**said, "i_brev": said["i_brev"] + I_BREV} if said.get("i_brev") else said
    monkeypatch.setattr(CaseContext, "_tema", reworded)


def test_a_release_rewording_a_kinds_words_keeps_letters_dates_and_marks(workspace,
                                                                         monkeypatch):
    folder, made = _made_and_marked(workspace)
    marked = _marked(workspace)
    info = [name for name in made if name.startswith("02 Informasjonsbrev")]
    invitations = [name for name in made if name.startswith("Innkallinger/")]
    assert len(info) == 2 and invitations and marked
    assert all(MEETING[0] in docx_text(folder / name) for name in info)

    _release_rewording(monkeypatch)
    summary = workspace.run(NEXT_DAY)
    assert summary.files_failed == 0 and summary.new_versions == []
    dates = _issue_dates(workspace)
    for name in info:  # made again in the new words, dated as issued
        text = docx_text(folder / name)
        assert MEETING[1] in text and MEETING[0] not in text, name
        assert ISSUED in text and dates[name] == TODAY, name
    reworded = [name for name in invitations if I_BREV.strip() in docx_text(folder / name)]
    assert reworded
    for name in invitations:
        assert ISSUED in docx_text(folder / name) and dates[name] == TODAY, name
    _still_marked(workspace, marked)  # nothing new to send
    assert not list(folder.glob("**/*ny versjon*"))


def test_a_release_rewording_a_templates_text_keeps_letters_dates_and_marks(workspace,
                                                                           monkeypatch):
    own = workspace.own_templates()
    folder, made = _made_and_marked(workspace)
    marked = _marked(workspace)
    _reworded(own / "nb" / "informasjonsbrev.docx", "Hver samtale varer inntil halvannen time.",
              "Hver samtale varer opptil halvannen time.")
    _release_rewording(monkeypatch, words=False)
    workspace.run(NEXT_DAY)
    dates = _issue_dates(workspace)
    for name in made:
        text = docx_text(folder / name)
        assert ISSUED in text and dates[name] == TODAY, name
        if name.startswith("02 Informasjonsbrev"):
            assert "Hver samtale varer opptil halvannen time." in text, name
    _still_marked(workspace, marked)


def test_a_release_rewording_the_letters_the_day_a_conversation_moves_issues_them_anew(
        workspace, monkeypatch):
    """The mother's next conversation cancelled and her themes moved on the day the
    release rewords the letters: her information letter is issued anew, saying which letter
    it replaces, and so is an invitation to a moved conversation; the father's letter,
    whose dates did not change, keeps its date."""
    folder, made = _made_and_marked(workspace)
    _release_rewording(monkeypatch)
    workspace.drop("sak2.json", mothers_next_conversation_cancelled())
    workspace.run(NEXT_DAY)
    dates = _issue_dates(workspace)
    mother = docx_text(folder / "02 Informasjonsbrev til foreldre - mor.docx")
    assert "Vår dato:\t23. november 2026" in mother
    assert "Dette brevet erstatter det" in mother and MEETING[1] in mother
    father = docx_text(folder / "02 Informasjonsbrev til foreldre - far.docx")
    assert ISSUED in father and MEETING[1] in father
    anew = [name for name in made if name.startswith("Innkallinger/")
            and dates.get(name) == NEXT_DAY]
    assert anew
    for name in anew:
        assert "Vår dato:\t23. november 2026" in docx_text(folder / name), name


def test_the_first_run_of_this_release_keeps_every_letter_field_by_field(workspace,
                                                                         monkeypatch):
    """Letters kept by the release before (no fields) are kept field by field after the
    first run of this release, also in a case none of whose documents changed (its code
    alone is new); so the next release's rewording keeps their date and mark as sent."""
    from omsorgspakke_docs.store import incremental

    folder, made = _made_and_marked(workspace)
    marked = _marked(workspace)
    workspace.as_kept_by_the_release_before()
    code = incremental.code_version
    monkeypatch.setattr(incremental, "code_version", lambda plugins: code(plugins) + "new")
    workspace.run(TODAY)  # this release's first run, the same day: nothing to make anew
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    kept = json.loads((workspace.state / FOLDER / f"{pseudonym}.json").read_text("utf-8"))
    assert made and all("fields" in kept[name] for name in made)

    _release_rewording(monkeypatch)
    workspace.run(NEXT_DAY)
    dates = _issue_dates(workspace)
    assert {name: dates[name] for name in made} == dict.fromkeys(made, TODAY)
    _still_marked(workspace, marked)


CONTACT_EMAIL = "E-post:{{ kontaktperson.epost }}"
"""The contact person's e-mail line in the information letter's template (its paragraph's
text), which the «release» no longer shows."""


def _without_paragraph(template, text: str) -> None:
    """The template without the body paragraph whose text is `text`."""
    with zipfile.ZipFile(template) as old:
        parts = {info: old.read(info) for info in old.infolist()}
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                (paragraph,) = [p for p in root.iter(f"{W}p")
                                if "".join(t.text or "" for t in p.iter(f"{W}t")) == text]
                paragraph.getparent().remove(paragraph)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            new.writestr(info, data)


def test_a_release_that_no_longer_shows_a_field_keeps_letters_dates_and_marks(workspace,
                                                                             monkeypatch):
    """A release whose information letter no longer shows the contact person's e-mail (the
    letter shows less, and so reads otherwise): each letter is made again without it, dated
    as issued and still marked as sent, not dated anew nor listed to send again. The field
    was kept among the letter's facts: one no longer read says nothing new."""
    own = workspace.own_templates()
    folder, made = _made_and_marked(workspace)
    marked = _marked(workspace)
    info = [name for name in made if name.startswith("02 Informasjonsbrev")]
    assert len(info) == 2
    email = next(line for line in docx_text(folder / info[0]).splitlines()
                 if line.startswith("E-post:"))
    assert "@" in email and all(email in docx_text(folder / name) for name in info)

    _without_paragraph(own / "nb" / "informasjonsbrev.docx", CONTACT_EMAIL)
    _release_rewording(monkeypatch, words=False)
    summary = workspace.run(NEXT_DAY)
    assert summary.files_failed == 0 and summary.new_versions == []
    dates = _issue_dates(workspace)
    for name in info:
        text = docx_text(folder / name)
        assert email not in text, name  # made again without it
        assert ISSUED in text and dates[name] == TODAY, name
        assert "Dette brevet erstatter det" not in text, name
    assert {name: dates[name] for name in made} == dict.fromkeys(made, TODAY)
    _still_marked(workspace, marked)  # nothing new to send
    assert not list(folder.glob("**/*ny versjon*"))
