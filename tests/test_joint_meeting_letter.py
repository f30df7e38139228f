"""The joint meeting's letter as its reader has it on paper: one page in the usual case
(helper 200: the closing and the signature ran onto a second page in most letters of the
demo), and with an interpreter's line and the paragraph on a placement in the family or
network too (helper 206: the closing and the signature alone on page 2), and with all it
may say: an interpreter, a long journey, a meeting that is only an offer and a placement in
the network, to the father and to the mother (helper 304: «Passer ikke tidspunktet …» and
the signature alone on page 2); saying once who is invited."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from omsorgspakke_docs.rendering import pdf

from .conftest import canonical_case
from .doc_helpers import case_context, render, texts

SOFFICE = pdf.find_soffice()
AFTER_TALKS = date(2027, 1, 7)
"""The example case's theme 2 talks are behind (4 and 5 January 2027, 2 December 2026), its
joint meeting ahead: the letter says the most it says then."""


def _held_as_planned(today: date) -> dict:
    case = canonical_case(eksportert=today.isoformat())
    for entry in ({"part": "foreldre", "forelder": 0, "dato": "2027-01-04"},
                  {"part": "foreldre", "forelder": 1, "dato": "2027-01-05"},
                  {"part": "fosterfamilien", "dato": "2026-12-02"}):
        case["samtaler"].append({**entry, "tema": 2, "status": "gjennomfort"})
    return case


def _context(malform: str, adapted: bool = False):
    """adapted: the mother needs an interpreter and the child lives with family or network,
    the two adaptations that lengthen every parent's letter (the father already has one)."""
    case = _held_as_planned(AFTER_TALKS)
    if adapted:
        case["plassering"]["i_familie_og_nettverk"] = True
        case["foreldre"][0].update(tolk=True, sprak="polsk")
    return case_context(case, today=AFTER_TALKS).in_malform(malform)


def _mothers(letters: dict):
    return next(value for name, value in letters.items() if name.endswith("mor.docx"))


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) eller pdftotext (poppler-utils) er ikke "
                           "installert; .ci/run installerer dem i CI")
def test_the_mothers_letter_is_one_page(tmp_path):
    letters = [_mothers(render(_context(malform), "fellesmote", tmp_path / malform))
               for malform in ("bokmal", "nynorsk")]
    _one_page_each(letters, tmp_path)


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) eller pdftotext (poppler-utils) er ikke "
                           "installert; .ci/run installerer dem i CI")
def test_every_letter_with_an_interpreter_and_a_placement_in_the_network_is_one_page(tmp_path):
    """Each parent's letter with its interpreter's line and the paragraph on the family's new
    roles, and the foster parents' with that paragraph, in both standards."""
    letters = [path for malform in ("bokmal", "nynorsk")
               for path in render(_context(malform, adapted=True), "fellesmote",
                                  tmp_path / malform).values()]
    assert len(letters) == 6
    _one_page_each(letters, tmp_path)


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) eller pdftotext (poppler-utils) er ikke "
                           "installert; .ci/run installerer dem i CI")
def test_a_meeting_that_is_only_an_offer_is_one_page(tmp_path):
    """The words on a meeting that is only an offer (a demanding climate), with those on the
    family's new roles: the mother's letter, the father's with his interpreter too (it ran
    to a second page, helper 304), and the foster parents' fit one page, in both
    standards."""
    letters = []
    for malform in ("bokmal", "nynorsk"):
        case = _held_as_planned(AFTER_TALKS)
        case.update(samarbeidsklima="krevende")
        case["plassering"]["i_familie_og_nettverk"] = True
        found = render(case_context(case, today=AFTER_TALKS).in_malform(malform), "fellesmote",
                       tmp_path / malform)
        letters += found.values()
    assert len(letters) == 6
    _one_page_each(letters, tmp_path)


EVERYTHING = {"bokmal": ("Jeg bestiller tolk på polsk til møtet. Tolken har taushetsplikt.",
                         "Du har lang reisevei til oss. Du kan derfor være med på video.",
                         "Møtet er et tilbud.", "Fosterhjemmet er i familien eller nettverket",
                         "Passer ikke tidspunktet", "55 00 12 34"),
              "nynorsk": ("Eg bestiller tolk på polsk til møtet. Tolken har teieplikt.",
                          "Du har lang reiseveg til oss. Difor kan du vere med på video.",
                          "Møtet er eit tilbod.", "Fosterheimen er i familien eller nettverket",
                          "Passar ikkje tidspunktet", "55 00 12 34")}
"""What a parent's letter with all it may say still says, on its one page."""


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) eller pdftotext (poppler-utils) er ikke "
                           "installert; .ci/run installerer dem i CI")
def test_a_letter_with_all_it_may_say_is_one_page(tmp_path):
    """Each parent with an interpreter and a long journey, a meeting that is only an offer
    and a placement in the network: the mother's and the father's letters, and the foster
    parents', fit one page in both standards, issued weeks before the talks the meeting
    builds on («som du og fosterforeldrene har med meg») and after them. The mother's went
    on to a second page with «Passer ikke tidspunktet …» and the signature alone there
    (helper 304). Nothing a parent needs is left out for it."""
    letters, said = [], {}
    for malform in ("bokmal", "nynorsk"):
        for today in (date(2026, 11, 20), AFTER_TALKS):
            case = (_held_as_planned(today) if today == AFTER_TALKS
                    else canonical_case(eksportert=today.isoformat()))
            case.update(samarbeidsklima="krevende")
            case["plassering"]["i_familie_og_nettverk"] = True
            for parent in case["foreldre"]:
                parent.update(tolk=True, sprak="polsk", lang_reisevei=True)
            found = render(case_context(case, today=today).in_malform(malform), "fellesmote",
                           tmp_path / malform / today.isoformat())
            assert len(found) == 3
            letters += found.values()
            said[_mothers(found)] = EVERYTHING[malform]
    for letter, pages in zip(letters, _pages(letters, tmp_path), strict=True):
        assert len(pages) == 1, f"{letter.relative_to(tmp_path)}: {len(pages)} pages"
        text = " ".join(pages[0].split())
        for words in said.get(letter, ()):
            assert words in text, (letter.relative_to(tmp_path), words)


def _pages(letters: list, tmp_path) -> list[list[str]]:
    """Each letter's pages as pdftotext reads them (the last has the signature)."""
    result = pdf.convert(letters, soffice=SOFFICE, work_in=tmp_path)
    assert not result.failed
    found = []
    for letter in letters:
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(letter.with_suffix(".pdf")),
                               "-"], check=True, capture_output=True).stdout.decode("utf-8")
        assert "Med vennleg helsing" in text or "Med vennlig hilsen" in text
        found.append(text.split("\f")[:-1])
    return found


def _one_page_each(letters: list, tmp_path) -> None:
    for letter, pages in zip(letters, _pages(letters, tmp_path), strict=True):
        assert len(pages) == 1, f"{letter.relative_to(tmp_path)}: {len(pages)} pages"


@pytest.mark.parametrize(("malform", "closing"), [
    ("bokmal", "Passer ikke tidspunktet, eller vil du heller ha et eget møte? Gi beskjed så "
               "snart som mulig til meg på"),
    ("nynorsk", "Passar ikkje tidspunktet, eller vil du heller ha eit eige møte? Gi beskjed "
                "så snart som mogleg til meg på"),
])
def test_the_parents_letter_says_once_who_is_invited(tmp_path, malform, closing):
    """The table says who is invited («Invitert: Du, faren til Sofie, …»); the invitation's
    paragraph no longer says it again («Faren til Sofie er også invitert.»). The offer of a
    meeting of one's own is in the closing, which has no heading of its own."""
    text = " ".join(_mothers(texts(_context(malform), "fellesmote", tmp_path)).split())
    assert "er også invitert" not in text
    assert "Du, faren til" in text
    assert closing in text
    assert "tidspunktet? Gi beskjed" not in text


@pytest.mark.parametrize(("malform", "offer", "nearer"), [
    ("bokmal", "Du har lang reisevei til oss. Du kan derfor være med på video. Si fra om du "
               "ønsker det, eller om vi skal finne et annet sted å møtes.", "nærmere der du bor"),
    ("nynorsk", "Du har lang reiseveg til oss. Difor kan du vere med på video. Sei frå om du "
                "ønskjer det, eller om vi skal finne ein annan stad å møtast.",
     "nærare der du bur"),
])
def test_a_parent_with_a_long_journey_may_join_the_meeting_on_video(tmp_path, malform, offer,
                                                                     nearer):
    """The joint meeting is a meeting, not «samtalen» of the conversations' letters: the
    parent far away is offered to join it on video, or to find another place with them. Not
    a meeting «nærmere der du bor»: the foster parents and the other parent come too, so the
    letter does not promise to move it to one parent's home place (helper 211)."""
    case = _held_as_planned(AFTER_TALKS)
    case["foreldre"][0]["lang_reisevei"] = True
    ctx = case_context(case, today=AFTER_TALKS).in_malform(malform)
    text = " ".join(_mothers(texts(ctx, "fellesmote", tmp_path)).split())
    assert offer in text
    assert "samtalen på video" not in text
    assert nearer not in text


NETWORK = {"bokmal": "Fosterhjemmet er i familien eller nettverket til Sofie, så vi snakker også "
                     "om de nye rollene i familien og hvordan de påvirker samarbeidet.",
           "nynorsk": "Fosterheimen er i familien eller nettverket til Sofie, så vi snakkar også "
                      "om dei nye rollene i familien og korleis dei påverkar samarbeidet."}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_placement_in_the_network_is_said_of_the_foster_home(tmp_path, malform):
    """Every letter says what is in the family or network: the foster home, not «det» or
    «den» left for the reader to guess (helper 211)."""
    case = _held_as_planned(AFTER_TALKS)
    case["plassering"]["i_familie_og_nettverk"] = True
    ctx = case_context(case, today=AFTER_TALKS).in_malform(malform)
    letters = texts(ctx, "fellesmote", tmp_path)
    assert len(letters) == 3
    for name, text in letters.items():
        text = " ".join(text.split())
        assert NETWORK[malform] in text, name
        assert "Fordi det er" not in text and "Fordi den er" not in text, name


ALONE = {"bokmal": ("Du kan også møte meg alene.", "Dere kan også møte meg alene.",
                    "vil du heller ha et eget møte?"),
         "nynorsk": ("Du kan også møte meg åleine.", "De kan også møte meg åleine.",
                     "vil du heller ha eit eige møte?")}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_meeting_that_is_only_an_offer_offers_once_to_meet_apart(tmp_path, malform):
    """In a demanding climate the meeting is an offer, and the reader may meet the contact
    person without the others. A parent another parent is invited with is offered «et eget
    møte» in the closing, and only there; the foster parents, and a parent invited alone, in
    the paragraph on the offer («Du kan også møte meg alene.»). Never «Det går også an å møte
    meg hver for seg», which to one reader has no one to be «hver for seg» with (helper 211)."""
    one, foster_parents, own = ALONE[malform]
    case = _held_as_planned(AFTER_TALKS)
    case.update(samarbeidsklima="krevende")
    letters = {name: " ".join(text.split()) for name, text in
               texts(case_context(case, today=AFTER_TALKS).in_malform(malform), "fellesmote",
                     tmp_path / "both").items()}
    assert len(letters) == 3
    for name, text in letters.items():
        assert "går også an" not in text and "møte meg hver for seg" not in text, name
        assert "møte meg kvar for seg" not in text, name
        assert (text.count(own) + text.count(one) + text.count(foster_parents)) == 1, name
        if name.endswith("fosterfamilien.docx"):
            assert foster_parents in text
        else:
            assert own in text
    # The father has declined: the mother's letter invites her alone with the foster parents.
    case["foreldre"][1]["takker_ja"] = False
    alone = texts(case_context(case, today=AFTER_TALKS).in_malform(malform), "fellesmote",
                  tmp_path / "alone")
    text = " ".join(_mothers(alone).split())
    assert one in text and own not in text


OPENING = {
    "bokmal": ("Jeg inviterer deg og {} til et felles møte med fosterforeldrene og meg.",
               "Jeg inviterer deg til et felles møte med fosterforeldrene til Sofie og meg."),
    "nynorsk": ("Eg inviterer deg og {} til eit felles møte med fosterforeldra og meg.",
                "Eg inviterer deg til eit felles møte med fosterforeldra til Sofie og meg.")}
MOTHER = {"bokmal": "moren til Sofie", "nynorsk": "mora til Sofie"}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_parents_letter_names_the_other_parent_invited_in_its_opening(tmp_path, malform):
    """The mother reads in the first sentence that the father is invited with her («Jeg
    inviterer deg og faren til Sofie til et felles møte …»), not only under «Invitert»
    (before: «… et felles møte med fosterforeldrene til Sofie og meg», as if the meeting
    were hers and the foster parents' alone); the father's names the mother so. One parent
    invited alone (the other declined) is invited with the foster parents."""
    both, alone = OPENING[malform]
    letters = texts(_context(malform), "fellesmote", tmp_path / "both")
    said = {role: " ".join(text.split()) for name, text in letters.items()
            for role in ("mor", "far") if name.endswith(f" - {role}.docx")}
    assert both.format("faren til Sofie") in said["mor"]
    assert both.format(MOTHER[malform]) in said["far"]
    case = _held_as_planned(AFTER_TALKS)
    case["foreldre"][1]["takker_ja"] = False
    ctx = case_context(case, today=AFTER_TALKS).in_malform(malform)
    text = " ".join(_mothers(texts(ctx, "fellesmote", tmp_path / "alone")).split())
    assert alone in text and "faren til Sofie" not in text
