"""Page breaks a reader notices: a heading, or the sentence that introduces a table or a list,
never ends a page while its table or list starts on the next one; a table's header row
repeats on every page and stays with its first row."""

from __future__ import annotations

import pytest
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from .conftest import ROOT, canonical_case
from .doc_helpers import case_context, render

WORD_KINDS = ("oppfolgingsplan", "referat", "sluttevaluering", "informasjonsbrev", "innkalling",
              "fellesmote")
"""Every Word document the example case gets (a new offer needs a parent who said no)."""


def keeps_with_next(p: Paragraph) -> bool:
    """As Word and LibreOffice read it: the paragraph's own setting, else its style's."""
    if p.paragraph_format.keep_with_next is not None:
        return p.paragraph_format.keep_with_next
    style = p.style
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return style.paragraph_format.keep_with_next
        style = style.base_style
    return False


def is_heading(p: Paragraph) -> bool:
    return p.style is not None and p.style.name.startswith(("Heading", "Title"))


def body(doc) -> list[Paragraph | Table]:
    return list(doc.iter_inner_content())


def leads_into_tables(doc) -> list[list[Paragraph]]:
    """For every table: the text right above it, back to its heading (or an empty line)."""
    blocks, items = [], body(doc)
    for i, item in enumerate(items):
        if not isinstance(item, Table):
            continue
        lead = []
        for before in reversed(items[:i]):
            if isinstance(before, Table) or not before.text.strip():
                break
            lead.append(before)
            if is_heading(before):
                break
        blocks.append(lead)
    return blocks


def one_of_each(tmp_path):
    """The example case's Word documents, one of each kind, as the caseworker opens them."""
    ctx = case_context()
    docs = {}
    for kind in WORD_KINDS:
        paths = render(ctx, kind, tmp_path / kind)
        assert paths, kind
        name, path = sorted(paths.items())[0]
        docs[name] = Document(str(path))
    return docs


def test_a_heading_and_the_text_under_it_stay_with_their_table(tmp_path):
    docs = one_of_each(tmp_path)
    checked = 0
    for name, doc in docs.items():
        for lead in leads_into_tables(doc):
            for p in lead:
                assert keeps_with_next(p), f"{name}: «{p.text[:60]}» may end a page alone"
                checked += 1
    plan = next(doc for name, doc in docs.items() if "Oppfølgingsplan" in name)
    # The plan's track descriptions lead into each track's table of conversations.
    described = [lead for lead in leads_into_tables(plan) if len(lead) > 1]
    assert any("Barnet" in lead[-1].text for lead in described)
    assert checked > 10


def test_a_sentence_ending_in_a_colon_stays_with_what_follows(tmp_path):
    for name, doc in one_of_each(tmp_path).items():
        for p in doc.paragraphs:
            if p.text.rstrip().endswith(":") and p.style.name != "List Bullet":
                assert keeps_with_next(p), f"{name}: «{p.text[:60]}»"


def test_header_rows_repeat_and_stay_with_the_first_row_and_rows_are_not_split(tmp_path):
    tables = 0
    for name, doc in one_of_each(tmp_path).items():
        for table in doc.tables:
            rows = table.rows
            header = rows[0]._tr.trPr is not None and rows[0]._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") \
                is not None
            for row in rows:
                assert row._tr.trPr is not None and row._tr.trPr.find(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit"
                ) is not None, f"{name}: a row may be split across pages"
            if header:
                tables += 1
                assert all(keeps_with_next(c.paragraphs[0]) for c in rows[0].cells), name
    assert tables >= 3


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_an_information_letters_dates_stay_on_one_page(tmp_path, malform):
    """The tables of conversations held and to come are short: a page that ends with the
    header and one conversation, the others on the next page, reads as if those were all.
    Every row keeps with the next, so the table and the sentence above it move together."""
    ctx = case_context().in_malform(malform)
    paths = render(ctx, "informasjonsbrev", tmp_path / malform)
    assert paths
    for name, path in paths.items():
        doc = Document(str(path))
        dated = [t for t in doc.tables if len(t.rows) > 2
                 and t.rows[0].cells[0].text == "Samtale"]
        assert dated, name
        for table in dated:
            assert all(keeps_with_next(c.paragraphs[0]) for row in table.rows
                       for c in row.cells), (name, table.rows[1].cells[0].text)


@pytest.mark.parametrize("name", ["oppfolgingsplan.docx", "referat.docx",
                                  "sluttevaluering.docx", "informasjonsbrev.docx"])
def test_nynorsk_templates_keep_the_same_paragraphs_together(name):
    def kept(path):
        doc = Document(str(path))
        flags = [keeps_with_next(p) for p in doc.paragraphs]
        flags += [keeps_with_next(p) for t in doc.tables for row in t.rows for c in row.cells
                  for p in c.paragraphs]
        return flags

    nb = kept(ROOT / "templates" / "nb" / name)
    assert kept(ROOT / "templates" / "nn" / name) == nb
    assert sum(nb) > 5


GREETINGS = ("Med vennlig hilsen", "Med vennleg helsing")


def _closing_letters(tmp_path, malform: str) -> dict[str, Document]:
    """Every letter kind, to each of its readers, with the adaptations that make a letter
    longest (an interpreter, a placement in the family, a parent who declined)."""
    case = canonical_case()
    case["plassering"]["i_familie_og_nettverk"] = True
    case["foreldre"][0].update(tolk=True, sprak="polsk")
    declined = canonical_case()
    declined["foreldre"][1]["takker_ja"] = False
    docs = {}
    for kind in ("informasjonsbrev", "innkalling", "fellesmote", "nytt_tilbud"):
        ctx = case_context(declined if kind == "nytt_tilbud" else case).in_malform(malform)
        paths = render(ctx, kind, tmp_path / malform / kind)
        assert paths, kind
        docs.update({name: Document(str(path)) for name, path in paths.items()})
    return docs


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_a_letters_closing_goes_to_a_new_page_with_the_text_before_it(tmp_path, malform):
    """A page that holds only «Med vennlig hilsen» and a name looks careless: the text the
    letter ends with (and a table, such as the contact details, before the greeting) keeps
    with the greeting, and its last paragraph with text is kept whole."""
    letters = _closing_letters(tmp_path, malform)
    assert len(letters) >= 8
    for name, doc in letters.items():
        items = body(doc)
        greeting = next(i for i, it in enumerate(items)
                        if isinstance(it, Paragraph) and it.text in GREETINGS)
        before = items[greeting - 1]
        for item in reversed(items[:greeting]):
            cells = ([p for row in item.rows for c in row.cells for p in c.paragraphs]
                     if isinstance(item, Table) else [item])
            assert all(keeps_with_next(p) for p in cells), (name, cells[0].text[:60])
            if isinstance(item, Paragraph) and item.text.strip():
                before = item
                break
        assert before.paragraph_format.keep_together, (name, before.text[:60])


@pytest.mark.parametrize("malform, heading", [("bokmal", "Lovgrunnlag for planene"),
                                              ("nynorsk", "Lovgrunnlag for planane")])
def test_the_plans_legal_basis_stays_whole_with_its_heading(tmp_path, malform, heading):
    """A reader's finding: the plan's last page held only the last two laws of the list,
    the heading and the first two at the foot of the page before. The short list moves as
    one: its heading and every line but the last keep with the next."""
    (path,) = render(case_context().in_malform(malform), "oppfolgingsplan", tmp_path).values()
    paragraphs = Document(str(path)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == heading)
    listed = [p for p in paragraphs[start + 1:start + 8] if p.style.name == "List Bullet"
              and "§" in p.text]
    assert len(listed) >= 3
    for p in [paragraphs[start], *listed[:-1]]:
        assert keeps_with_next(p), f"«{p.text[:60]}» may be parted from the rest of the list"



@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_plans_joint_meeting_stays_whole_with_its_heading(tmp_path, malform):
    """A reader's finding: the joint meeting's paragraph in the demo's 2026-0412 plan began
    at the foot of page 3 and ended on page 4. Its heading keeps with it, and it is kept
    whole; in the template, so is the paragraph a plan made after the meeting's day says."""
    (path,) = render(case_context().in_malform(malform), "oppfolgingsplan", tmp_path).values()
    paragraphs = Document(str(path)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Felles møte")
    assert keeps_with_next(paragraphs[start])
    assert paragraphs[start + 1].paragraph_format.keep_together, paragraphs[start + 1].text
    folder = "nb" if malform == "bokmal" else "nn"
    template = Document(str(ROOT / "templates" / folder / "oppfolgingsplan.docx"))
    both = [p for p in template.paragraphs if p.text.startswith("{{ fellesmote.til_stede }}")]
    assert len(both) == 2
    assert all(p.paragraph_format.keep_together for p in both)
