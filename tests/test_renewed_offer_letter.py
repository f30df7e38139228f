"""The renewed offer («Nytt tilbud») as the parent who declined reads it (a reader's
findings): its list of themes names the child, as the parents' other letters do, and it
fits one page, «Vil du være med?» and how to answer it no longer alone on a second. A letter
issued before its themes named the child keeps its issue on release day."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta

import pytest

from omsorgspakke_docs.documents import nytt_tilbud, sending
from omsorgspakke_docs.rendering import pdf, prepare
from omsorgspakke_docs.rendering.context import tema_heading
from omsorgspakke_docs.store.issued import FOLDER, kept_dates

from .conftest import TODAY, canonical_case, docx_text
from .doc_helpers import case_context, render
from .test_sending import _to_send
from .test_sent_marks import _mark

SOFFICE = pdf.find_soffice()
THEMES = {"bokmal": ("Tema 4: Hvorfor måtte Sofie flytte?", "Tema 4: Hvorfor måtte barnet"),
          "nynorsk": ("Tema 4: Kvifor måtte Sofie flytte?", "Tema 4: Kvifor måtte barnet")}
ANSWER = {"bokmal": "Vil du være med? Ring meg på 55 00 12 34, eller send e-post til "
                    "ingrid.bakke@fjordvik.kommune.example, så finner vi tidspunkter som passer "
                    "for deg.",
          "nynorsk": "Vil du vere med? Ring meg på 55 00 12 34, eller send e-post til "
                     "ingrid.bakke@fjordvik.kommune.example, så finn vi tidspunkt som passar "
                     "for deg."}


def _declined(**plassering) -> dict:
    """The example case with the father declining; the placement as given."""
    case = canonical_case()
    case["foreldre"][1]["takker_ja"] = False
    case["plassering"].update(plassering)
    return case


def _flat(path) -> str:
    return " ".join(docx_text(path).split())


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_renewed_offer_names_the_child_in_its_themes(tmp_path, malform):
    (letter,) = render(case_context(_declined()).in_malform(malform), "nytt_tilbud",
                       tmp_path).values()
    text = _flat(letter)
    named, said_before = THEMES[malform]
    assert named in text and said_before not in text
    # How to answer, with the number and address in the sentence (no table of them).
    assert ANSWER[malform] in text


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) eller pdftotext (poppler-utils) er ikke "
                           "installert; .ci/run installerer dem i CI")
def test_the_renewed_offer_is_one_page(tmp_path):
    """As the reader found it (a voluntary placement, the offer of an interpreter), and as the
    example case's father has it (an interpreter booked), in both standards."""
    letters = []
    for label, case in (("frivillig", _declined(frivillig=True)), ("tolk", _declined())):
        if label == "frivillig":
            case["foreldre"][1].update(tolk=False)
        for malform in ("bokmal", "nynorsk"):
            letters += render(case_context(case).in_malform(malform), "nytt_tilbud",
                              tmp_path / label / malform).values()
    assert len(letters) == 4
    result = pdf.convert(letters, soffice=SOFFICE, work_in=tmp_path)
    assert not result.failed
    for letter in letters:
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(letter.with_suffix(".pdf")),
                               "-"], check=True, capture_output=True).stdout.decode("utf-8")
        pages = text.split("\f")[:-1]
        assert len(pages) == 1, f"{letter.relative_to(tmp_path)}: {len(pages)} pages"
        assert "Vil du v" in pages[0] and ("Med vennlig hilsen" in pages[0]
                                           or "Med vennleg helsing" in pages[0])


@pytest.mark.parametrize("fields", [False, True])
def test_a_renewed_offer_issued_with_barnet_in_its_themes_keeps_its_issue(workspace,
                                                                           monkeypatch, fields):
    """On release day, the offer the release before issued («Hvorfor måtte barnet flytte?»)
    is made again naming the child, keeping its date: not issued anew, to send again. So
    also one kept with its fields, by this release or a later one: the themes are words
    (NyttTilbud.words), whatever the releases before said."""
    named = nytt_tilbud._themes
    monkeypatch.setattr(nytt_tilbud, "_themes", lambda ctx, part: {
        "temaer": [tema_heading(t, ctx.t) for t in part.temaer if t.nummer > 0]})
    workspace.drop("sak.json", _declined())
    assert workspace.run().files_failed == 0
    (letter,) = workspace.case_folder("2026-0412").glob("02 Nytt tilbud*.docx")
    assert THEMES["bokmal"][1] in _flat(letter)
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    before = kept_dates(workspace.state, pseudonym)

    if not fields:
        workspace.as_kept_by_the_release_before()
    monkeypatch.setattr(nytt_tilbud, "_themes", (lambda ctx, part: {
        "temaer": named(ctx, part)["temaer"]}) if fields else named)  # the new release
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    assert workspace.run(TODAY + timedelta(days=1)).files_failed == 0
    text = _flat(letter)
    assert THEMES["bokmal"][0] in text and "22. november 2026" in text
    now = kept_dates(workspace.state, pseudonym)
    key = next(k for k in before if "Nytt tilbud" in k)
    assert now[key] == before[key]


def test_a_renewed_offer_issued_with_the_contact_table_and_barnet_keeps_its_issue(
        workspace, monkeypatch):
    """The release day's check (2026-0721): the offer the release before issued showed the
    contact person's title (kontaktperson.stilling, empty: the journal's title has no
    position) and «Hvorfor måtte barnet flytte?»; this release's template no longer shows
    the title, and its themes name the child. Both at once: the letter is made again in the
    new words, keeping its date and its issue, not listed as a new letter to send."""
    from .test_new_release import _reworded

    own = workspace.own_templates()
    closing = "Med vennlig hilsen"
    _reworded(own / "nb" / "nytt_tilbud.docx", closing,
              closing + "{% if kontaktperson.stilling %}, {{ kontaktperson.stilling }}{% endif %}")
    named = nytt_tilbud._themes
    monkeypatch.setattr(nytt_tilbud, "_themes", lambda ctx, part: {
        "temaer": [tema_heading(t, ctx.t) for t in part.temaer if t.nummer > 0]})
    case = _declined()
    case["kontaktperson"]["tittel"] = "Kontaktperson"  # no position after it: stilling ""
    workspace.drop("sak.json", case)
    assert workspace.run().files_failed == 0
    (letter,) = workspace.case_folder("2026-0412").glob("02 Nytt tilbud*.docx")
    assert THEMES["bokmal"][1] in _flat(letter)
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    before = kept_dates(workspace.state, pseudonym)

    workspace.as_kept_by_the_release_before()
    # The new release: its template without the title, its themes naming the child.
    _reworded(own / "nb" / "nytt_tilbud.docx", "{% if kontaktperson.stilling %}, "
              "{{ kontaktperson.stilling }}{% endif %}", "")
    monkeypatch.setattr(nytt_tilbud, "_themes", named)
    monkeypatch.setattr(prepare, "__version__", "99.0.0")
    assert workspace.run(TODAY + timedelta(days=1)).files_failed == 0
    text = _flat(letter)
    assert THEMES["bokmal"][0] in text and "Vår dato: 22. november 2026" in text
    now = kept_dates(workspace.state, pseudonym)
    key = next(k for k in before if "Nytt tilbud" in k)
    assert now[key] == before[key] == (TODAY, TODAY)


OLD_NAME = "02 Nytt tilbud om Omsorgspakken.docx"
NEW_NAME = "02 Nytt tilbud om Omsorgspakken - far.docx"


def test_a_renewed_offer_made_under_its_name_before_keeps_its_issue(workspace, monkeypatch):
    """A renewed offer made by the release before, when the one parent who declines was not
    named in its file name while the other takes part («02 Nytt tilbud om Omsorgspakken»),
    and marked as sent: the release that names it «… - far» keeps its date and its mark
    under the new name, and the old file goes (it was ours, unchanged). The caseworker gets
    no second letter to send."""
    named = nytt_tilbud.parents
    monkeypatch.setattr(nytt_tilbud, "parents", lambda ctx, accepted=True: [
        {**m, "fil": ""} for m in named(ctx, accepted)])  # as the release before named it
    workspace.in_use_since(TODAY - timedelta(days=30))
    workspace.drop("sak.json", _declined())
    assert workspace.run().files_failed == 0
    folder = workspace.case_folder("2026-0412")
    assert (folder / OLD_NAME).exists() and not (folder / NEW_NAME).exists()
    _mark(workspace.outbox / sending.FILE_NAME, {f"2026-0412/{OLD_NAME}": TODAY})
    pseudonym = next((workspace.state / FOLDER).glob("*.json")).stem
    before = kept_dates(workspace.state, pseudonym)[OLD_NAME]

    monkeypatch.setattr(nytt_tilbud, "parents", named)  # this release
    later = TODAY + timedelta(days=3)
    assert workspace.run(later).files_failed == 0
    assert (folder / NEW_NAME).exists() and not (folder / OLD_NAME).exists()
    assert "Vår dato: 22. november 2026" in _flat(folder / NEW_NAME)
    assert kept_dates(workspace.state, pseudonym)[NEW_NAME] == before == (TODAY, TODAY)
    rows = [r for r in _to_send(workspace) if "Nytt tilbud" in str(r[2])]
    assert [r[2] for r in rows] == [f"2026-0412/{NEW_NAME}"]
    assert rows[0][3].date() == TODAY and rows[0][7] is not None  # still marked as sent


def _offered_unnamed_then(workspace, monkeypatch, exported: dict):
    """The father's renewed offer made by the release before as «02 Nytt tilbud om
    Omsorgspakken», marked as sent; then this release reads `exported` three days later."""
    named = nytt_tilbud.parents
    monkeypatch.setattr(nytt_tilbud, "parents", lambda ctx, accepted=True: [
        {**m, "fil": ""} for m in named(ctx, accepted)])  # as the release before named it
    workspace.in_use_since(TODAY - timedelta(days=30))
    workspace.drop("sak.json", _declined())
    assert workspace.run().files_failed == 0
    _mark(workspace.outbox / sending.FILE_NAME, {f"2026-0412/{OLD_NAME}": TODAY})
    monkeypatch.setattr(nytt_tilbud, "parents", named)  # this release
    workspace.drop("b.json", exported)
    assert workspace.run(TODAY + timedelta(days=3)).files_failed == 0
    return workspace.case_folder("2026-0412")


def test_a_renewed_offer_made_under_its_name_before_keeps_its_issue_when_both_decline(
        workspace, monkeypatch):
    """The same, when the mother declines too in the export this release first reads: the
    father's letter is still the one he was sent («- far», dated 22 November, marked as
    sent); he is not listed a second offer to send (it was made again, dated the day of the
    run and unmarked, beside the old copy)."""
    case = _declined()
    case["eksportert"] = "2026-11-24"
    case["foreldre"][0]["takker_ja"] = False
    folder = _offered_unnamed_then(workspace, monkeypatch, case)
    assert (folder / NEW_NAME).exists() and not (folder / OLD_NAME).exists()
    assert "Vår dato: 22. november 2026" in _flat(folder / NEW_NAME)
    rows = [r for r in _to_send(workspace) if "Nytt tilbud" in str(r[2])]
    assert [(r[2], r[3].date(), r[7] is not None) for r in rows] == [
        (f"2026-0412/{NEW_NAME}", TODAY, True)]


def test_a_renewed_offer_to_the_other_parent_leaves_the_first_ones_letter_in_place(
        workspace, monkeypatch):
    """The father, sent his offer as «02 Nytt tilbud om Omsorgspakken», now takes part, and
    the mother declines, offered again since: her letter «- mor» is a letter of its own,
    dated the day and to send (it was listed as sent on 22 November, with the father's mark,
    and she would never have had it), and the father's letter stays in the case folder (it
    was removed as if it were hers)."""
    case = _declined()
    case["eksportert"] = "2026-11-24"
    case["foreldre"][1]["takker_ja"] = True
    case["foreldre"][0].update(takker_ja=False, takket_nei="2026-11-02",
                               nytt_tilbud="2026-11-20")
    folder = _offered_unnamed_then(workspace, monkeypatch, case)
    mother = "02 Nytt tilbud om Omsorgspakken - mor.docx"
    assert (folder / OLD_NAME).exists()
    assert "Vår dato: 25. november 2026" in _flat(folder / mother)
    rows = {r[2]: r for r in _to_send(workspace) if "Nytt tilbud" in str(r[2])}
    assert rows[f"2026-0412/{mother}"][3].date() == TODAY + timedelta(days=3)
    assert rows[f"2026-0412/{mother}"][7] is None
