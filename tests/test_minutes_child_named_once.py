"""The parents' and the foster family's minutes about a child whose sex the journal lacks
name the child once in a question, not again for each «det» («Hva vet Jonas selv om
hvorfor Jonas måtte flytte, og hvordan reagerer Jonas på flyttingen?»), and their title
names the child as the parents' invitation does («Tema 4: Hvorfor måtte Sofie flytte?»).
Minutes a caseworker is writing in get no second copy for either (helper 207)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.documents import referat

from .conftest import canonical_case, docx_text
from .doc_helpers import case_context, texts

TODAY = date(2026, 11, 22)


def _case(**barn) -> dict:
    """The example case (Sofie), placed with family (category 2.1): more questions."""
    case = canonical_case()
    case["plassering"] = {**case["plassering"], "kategori": "2.1", "i_familie_og_nettverk": None}
    case["barn"] = {**case["barn"], **barn}
    return case


def _minutes(workspace, malform: str, case: dict) -> dict[str, str]:
    """Every minutes document of the year, by its path under the minutes folder."""
    from omsorgspakke_docs.text import tekst

    workspace.in_malform(malform)
    workspace.whole_year()
    workspace.drop("sak.json", case)
    assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"]) / tekst(malform)("fil.referater")
    return {p.relative_to(folder).as_posix(): docx_text(p) for p in folder.glob("*/*.docx")}


WITHOUT_SEX = {
    "bokmal": [
        "svare hvis Sofie spør om grunnen til å bo i fosterhjem?",  # to one parent: «du»
        "Hva trenger Sofie for å kjenne tilhørighet i fosterhjemmet – også om målet er "
        "tilbakeføring til foreldrene?",
        "gjøre for å hjelpe Sofie med følelsen av å være splittet?",
        "Hva vet Sofie selv om grunnen til flyttingen, og hvordan har reaksjonene vært?",
        "Hvordan forteller Sofie om egne opplevelser – til dere, til oss og til andre?",
        "Hvordan preger Sofies tidligere erfaringer tilknytningen til dere, og hva gjør det "
        "med dere?",
    ],
    "nynorsk": [
        "svare om Sofie spør om grunnen til å bu i fosterheim?",
        "Kva treng Sofie for å kjenne tilhøyrsle i fosterheimen – også om målet er "
        "tilbakeføring til foreldra?",
        "gjere for å hjelpe Sofie med kjensla av å vere splitta?",
        "Kva veit Sofie sjølv om grunnen til flyttinga, og korleis har reaksjonane vore?",
        "Korleis fortel Sofie om eigne opplevingar – til dykk, til oss og til andre?",
        "Korleis pregar dei tidlegare erfaringane til Sofie tilknytinga til dykk, og kva gjer "
        "det med dykk?",
    ],
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_without_the_childs_sex_a_question_names_the_child_once(workspace, malform):
    """They said «Hva vet Sofie selv om hvorfor Sofie måtte flytte, og hvordan reagerer
    Sofie på flyttingen?» and «Hva kan dere svare hvis Sofie spør hvorfor Sofie må bo i
    fosterhjem?»: the rest of such a question is now worded without a pronoun."""
    minutes = "\n".join(_minutes(workspace, malform, _case(kjonn=None)).values())
    for said in WITHOUT_SEX[malform]:
        assert said in minutes, said
    for twice in ("hvorfor Sofie må", "kjenne at Sofie hører", "hvorfor Sofie måtte",
                  "reagerer Sofie på", "kvifor Sofie må", "kjenne at Sofie høyrer",
                  "kvifor Sofie måtte"):
        assert twice not in minutes, twice


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("one_parent", [False, True])
def test_no_question_says_the_child_more_often_than_the_programme(malform, one_parent):
    """Without the child's sex, no question of the parents' and the foster family's themes
    (to them together, or to one of them: «du») says the child's name more often than the
    programme says «barnet» in it: a «det» said of the child is worded without a pronoun."""
    from types import SimpleNamespace

    from omsorgspakke_docs.domain import programme as programme_module
    from omsorgspakke_docs.rendering.one_parent import to_one_parent
    from omsorgspakke_docs.text import tekst

    programme = programme_module.load(programme_module.BUNDLED[malform])
    ctx = SimpleNamespace(t=tekst(malform), case=SimpleNamespace(
        barn=SimpleNamespace(fornavn="Jonas", kjonn=None)))
    more = []
    for part in (p for p in programme.parter if p.id != "barnet"):
        for tema in part.temaer:
            said = tema.model_dump()
            if one_parent:
                said["seksjoner"] = [{**s, "sporsmal": [to_one_parent(q, malform)
                                                        for q in s["sporsmal"]]}
                                     for s in said["seksjoner"]]
            named = referat._child_named(ctx, part.id, said)
            for section, minutes in zip(said["seksjoner"], named["seksjoner"], strict=True):
                for question, asked in zip(section["sporsmal"], minutes["sporsmal"],
                                           strict=True):
                    if asked.count("Jonas") > len(referat.CHILD_WORDS.findall(question)):
                        more.append(asked)
    assert more == []


TITLES = {  # (the parents' minutes, its file, the child's own, the foster family's theme 3)
    "bokmal": ("Referat – Tema 4: Hvorfor måtte Sofie flytte?",
               "Foreldre/Tema 4 - Hvorfor måtte barnet flytte - mor.docx",
               "Tema 4: Hvorfor måtte jeg flytte?", "Tema 3: Å ivareta barnet"),
    "nynorsk": ("Referat – Tema 4: Kvifor måtte Sofie flytte?",
                "Foreldre/Tema 4 - Kvifor måtte barnet flytte - mor.docx",
                "Tema 4: Kvifor måtte eg flytte?", "Tema 3: Å ta vare på barnet"),
}


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_parents_minutes_title_names_the_child(workspace, malform):
    """The parents' minutes were titled «Referat – Tema 4: Hvorfor måtte barnet flytte?»
    while their invitation says «Hvorfor måtte Sofie flytte?». Now as the invitation; the
    file keeps its name, the child's own minutes say «jeg», and the foster family's keep
    their title as their invitation says it."""
    parents, file, child, foster = TITLES[malform]
    minutes = _minutes(workspace, malform, _case())
    assert parents in minutes[file]
    assert "barnet flytte?" not in minutes[file]
    assert any(child in text for name, text in minutes.items() if "/Tema 4" in name
               and not name.startswith("Foreldre/"))
    assert any(foster in text for name, text in minutes.items() if "/Tema 3" in name)


def test_the_parents_minutes_title_names_the_child_of_a_voluntary_placement(tmp_path):
    case = _case()
    case["plassering"] = {**case["plassering"], "frivillig": True,
                          "lovhjemmel": "barnevernsloven § 3-6"}
    minutes = texts(case_context(case), "referat", tmp_path)
    parents = next(t for k, t in minutes.items() if k.startswith("Referater/Foreldre/Tema 4"))
    assert "Referat – Tema 4: Hvorfor flyttet Sofie?" in parents


def _as_the_release_before(monkeypatch) -> None:
    """The release before: the name again for each «det», «barnet» in the minutes' title."""
    named = referat._child_named
    monkeypatch.setattr(referat, "title_to_parents", lambda ctx, part, tema: tema)
    monkeypatch.setattr(referat, "_child_named",
                        lambda ctx, part, tema, reworded=True, sex_unknown=False:
                        named(ctx, part, tema, False, sex_unknown))


def test_minutes_written_in_get_no_copy_beside_them_and_the_others_the_new_words(
        workspace, monkeypatch):
    """Minutes made by the release before, in its words, and written in by the caseworker are
    kept as they are: no copy «(ny versjon)» beside them. Minutes nobody has written in are
    made again in place, in the new words and title."""
    with monkeypatch.context() as patched:
        _as_the_release_before(patched)
        before = _minutes(workspace, "bokmal", _case(kjonn=None))
    assert "Tema 4: Hvorfor måtte barnet flytte?" in before[TITLES["bokmal"][1]]
    folder = workspace.case_folder("2026-0412") / "Referater"
    written = [folder / TITLES["bokmal"][1],
               folder / "Fosterfamilien" / "Tema 0 - Oppfølging i flytteprosessen (kontakt 1).docx"]
    for path in written:
        document = open_docx(str(path))
        document.add_paragraph("Skrevet av kontaktpersonen")
        document.save(str(path))
    as_written = {path: path.read_bytes() for path in written}
    summary = workspace.run(TODAY + timedelta(days=1))
    assert summary.files_failed == 0 and summary.new_versions == []
    assert not list(folder.glob("**/*ny versjon*"))
    assert {path: path.read_bytes() for path in written} == as_written
    untouched = docx_text(folder / "Fosterfamilien" / "Tema 3 - Å ivareta barnet.docx")
    assert "Hvordan tar Sofie imot omsorg, og hva slags omsorg er mest til nytte?" in untouched
    father = docx_text(folder / "Foreldre" / "Tema 4 - Hvorfor måtte barnet flytte - far.docx")
    assert "Referat – Tema 4: Hvorfor måtte Sofie flytte?" in father
