"""Letters are written to the person who reads them.

Every letter template is rendered for every kind of reader it has (a parent, the foster
parents, the foster parents of a younger child, an older child, a parent who declined) and
read as that reader would: no sentence written for the contact person (the programme's
purposes and guidance stay in the plan and the minutes), no exclamation marks, the child named
in a parent's letter, and the municipality's letterhead with the confidentiality marking
worded the same as in the footer.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from docx import Document as open_docx

from .conftest import ROOT, canonical_case, docx_text
from .doc_helpers import KINDS, PROGRAMME, case_context, render

MARKING = "Unntatt offentlighet, offl. § 13 jf. bvl. § 13-1"


def _older_child(case):
    case["barn"]["fodselsdato"] = "2012-03-14"
    return case


def _declined(case):
    case["foreldre"][1]["takker_ja"] = False
    return case


def _kinship_with_interpreter(case):
    case["plassering"]["i_familie_og_nettverk"] = True
    case["foreldre"][0].update(tolk=True, sprak="polsk")
    return case


CASES = {
    "younger child": lambda c: c,
    "older child": _older_child,
    "declined parent": _declined,
    "kinship and interpreter": _kinship_with_interpreter,
}


def _letter_kinds() -> list[str]:
    """Every document kind whose template has a letter's address block (Deres ref.)."""
    found = []
    for kind in KINDS.values():
        for template in kind.templates:
            path = ROOT / "templates" / "nb" / template
            if template.endswith(".docx") and "Deres ref." in docx_text(path):
                found.append(kind.name)
    return sorted(set(found))


LETTER_KINDS = _letter_kinds()


def test_the_letter_kinds_are_the_letters_we_send():
    assert LETTER_KINDS == ["fellesmote", "informasjonsbrev", "innkalling", "nytt_tilbud"]


def _caseworker_sentences() -> list[str]:
    """Sentences the programme writes for the contact person: purposes, track descriptions,
    questions for the conversation and the assessment questions."""
    texts = [PROGRAMME.beskrivelse]
    for part in PROGRAMME.parter:
        texts.append(part.beskrivelse)
        for tema in part.temaer:
            texts.append(tema.formal)
            texts.extend(q for s in tema.seksjoner for q in s.sporsmal)
    texts.extend(q.tekst for q in PROGRAMME.vurderingssporsmal)
    sentences = (s.strip() for t in texts for s in re.split(r"(?<=[.?])\s+", t))
    return [s for s in sentences if len(s) > 25]


CASEWORKER_SENTENCES = _caseworker_sentences()
# Phrases that talk about the reader instead of to them, or give the caseworker guidance.
ABOUT_NOT_TO = re.compile(
    r"(?:^|[.?:]\s+)(?:Foreldrene|Fosterforeldrene|Barnet|Kontaktpersonen|Parten) "
    r"(?:kan|skal|trenger|må|bør|er|har)\b|\b[Kk]ontaktpersonen\b|\b[Pp]artens?\b|"
    r"\b[Ff]ormål|\bslik at de\b|\b[Vv]eilederen\b|Velkommen|!",
    re.MULTILINE,
)


def _body(path) -> str:
    doc = open_docx(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for t in doc.tables for row in t.rows for cell in row.cells]
    return "\n".join(parts)


def _rendered(tmp_path, setup: str, kind: str) -> dict[str, str]:
    case = CASES[setup](canonical_case())
    if kind == "nytt_tilbud":  # written only to a parent who declined
        case = _declined(case)
    ctx = case_context(case)
    return {name: _body(path) for name, path in render(ctx, kind, tmp_path / kind).items()}


@pytest.mark.parametrize("setup", sorted(CASES))
@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_no_letter_holds_a_sentence_written_for_the_contact_person(tmp_path, kind, setup):
    letters = _rendered(tmp_path, setup, kind)
    for name, text in letters.items():
        for sentence in CASEWORKER_SENTENCES:
            assert sentence not in text, (name, sentence)
        found = ABOUT_NOT_TO.search(text)
        assert found is None, (name, found and text[max(0, found.start() - 80):found.end() + 40])


def _reader(name: str, text: str) -> str:
    if "Hei, Sofie." in text:
        return "barnet"
    to_parent = ("Innkallinger/Foreldre/", "Informasjonsbrev", "Nytt tilbud", " - forelder ",
                 "Felles møte - foreldre")
    return "forelder" if any(p in name + " " for p in to_parent) else "fosterforeldre"


@pytest.mark.parametrize("setup", sorted(CASES))
@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_every_letter_speaks_to_its_reader_and_names_the_child(tmp_path, kind, setup):
    letters = _rendered(tmp_path, setup, kind)
    assert letters
    for name, text in letters.items():
        words = set(re.findall(r"\w+", text.lower()))
        reader = _reader(name, text)
        if reader == "forelder":
            assert {"du", "deg"} & words, name
            assert "Sofie" in text, name  # a parent's letter names the child it is about
        elif reader == "barnet":
            assert {"du", "deg"} <= words, name
        else:
            assert "dere" in words, name
            assert "Sofie" in text, name


def test_an_older_child_gets_an_invitation_written_to_them(tmp_path):
    letters = _rendered(tmp_path, "older child", "innkalling")
    child = {n: t for n, t in letters.items() if n.startswith("Innkallinger/Barnet/")}
    assert child
    for name, text in child.items():
        assert "Hei, Sofie." in text, name
        assert "du og jeg" in text, name


@pytest.mark.parametrize("born, bamse", [(date(2022, 6, 1), True), (date(2019, 6, 1), False)])
def test_a_cuddly_toy_is_suggested_only_for_a_child_under_school_age(tmp_path, born, bamse):
    case = canonical_case()
    case["barn"]["fodselsdato"] = born.isoformat()
    case["barn"].pop("fodselsnummer", None)
    ctx = case_context(case)
    for name, path in render(ctx, "innkalling", tmp_path).items():
        if name.startswith("Innkallinger/Barnet/"):
            assert ("kosebamse" in _body(path)) is bamse, name


@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_letterhead_is_a_municipalitys_with_the_marking_worded_as_in_the_footer(tmp_path, kind):
    setup = "declined parent" if kind == "nytt_tilbud" else "younger child"
    ctx = case_context(CASES[setup](canonical_case()))
    for name, path in render(ctx, kind, tmp_path).items():
        doc = open_docx(str(path))
        # The letterhead: paragraphs (read in order by a screen reader, no layout table),
        # indented to leave the logo's place; then the recipient and the reference lines.
        texts = [p.text for p in doc.paragraphs]
        assert texts[0] == f"Fjordvik kommune\t{MARKING}", name
        assert doc.paragraphs[0].paragraph_format.left_indent > 0, name
        head = "\n".join(texts[:5])
        for expected in ("Barnevernstjenesten i Fjordvik", "Besøksadresse:", "Postadresse:"):
            assert expected in head, (name, expected)
        assert not any("adresse" in c.text for t in doc.tables for r in t.rows for c in r.cells)
        recipient = next(i for i, t in enumerate(texts) if i >= 5 and t.strip())
        reference = next(i for i, t in enumerate(texts) if t.startswith("Vår ref.:\t"))
        assert recipient < reference, name
        section = doc.sections[0]
        for footer in (section.footer, section.first_page_footer):
            assert MARKING in footer.paragraphs[0].text, name
        assert "Vår ref.:" in section.header.paragraphs[0].text


THEIR_REFERENCE = {"bokmal": "Deres ref.:", "nynorsk": "Dykkar ref.:"}
REFERENCES = {"mor": "ADV 2026/77", "fosterforeldre": "FH-12"}
"""The references the mother (her lawyer's) and the foster family gave the service."""


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_deres_ref_is_a_line_only_in_a_letter_to_a_reader_who_gave_a_reference(
        tmp_path, kind, malform):
    """An empty «Deres ref.» line read like a form, in every letter, the child's too (a
    reader's finding): the line is there only with the reader's own reference."""
    label = THEIR_REFERENCE[malform]
    plain = case_context(_older_child(_declined(canonical_case())))
    for path in render(plain.in_malform(malform), kind, tmp_path / "plain").values():
        assert label not in docx_text(path) and "ref.:\t\n" not in docx_text(path), path.name
    case = _older_child(_declined(canonical_case()))
    case["foreldre"][0]["referanse"] = REFERENCES["mor"]
    case["fosterfamilie"]["referanse"] = REFERENCES["fosterforeldre"]
    ctx = case_context(case).in_malform(malform)
    readers = {str(doc.path): doc.context["mottaker"] for doc in KINDS[kind].documents(ctx)}
    assert readers
    shown = 0
    for name, path in render(ctx, kind, tmp_path / "given").items():
        text = docx_text(path)
        reader = readers[name]
        given = REFERENCES.get(reader["hvem"] or reader["rolle"])
        if given is None:  # the father, the child
            assert label not in text, name
            continue
        lines = text.splitlines()
        # Where it was: after «Vår ref.», before the contact person.
        at = lines.index(f"{label}\t{given}")
        assert lines[at - 1].startswith("Vår ref.:\t") and lines[at + 1].startswith(
            "Saksbehandlar:" if malform == "nynorsk" else "Saksbehandler:"), name
        shown += 1
    assert shown or kind == "nytt_tilbud"  # (the renewed offer goes to the father alone)


def test_the_first_contact_is_not_called_a_new_conversation(tmp_path):
    """The first invitation of each track is to the first meeting, not «en ny samtale»."""
    case = canonical_case(samtaler=[], vurderinger=[])
    case["barn"]["fodselsdato"] = "2012-03-01"  # 14: the child gets letters of its own
    case["barn"].pop("fodselsnummer", None)
    ctx = case_context(case)
    letters = {n: docx_text(p) for n, p in render(ctx, "innkalling", tmp_path).items()}
    first = {n: t for n, t in letters.items() if "(kontakt 1)" in n}
    later = {n: t for n, t in letters.items() if "Tema 1 " in n}
    # The child, each parent (living apart) and the foster family.
    assert len(first) == 4 and len(later) == 4
    for name, text in first.items():
        assert "en ny samtale" not in text and "Denne gangen" not in text, name
        # (The child's, for the next working day, confirms the time agreed: helper 409.)
        assert "en samtale" in text or "Som vi har avtalt, treffes vi" in text, name
    for name, text in later.items():
        if "/Barnet/" in name:  # an older child's first theme is no new talk to them
            continue  # (tests/test_older_child_first_theme.py)
        assert "en ny samtale" in text and "Denne gangen" in text, name
