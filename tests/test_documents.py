"""Every document kind, opened the way a caseworker would: text, tables, cells, no tags left."""

import re
from datetime import date, datetime

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook

from omsorgspakke_docs.domain import programme

from .conftest import ROOT, docx_text, make_workspace, xlsx_rows
from .doc_helpers import case_context, render

TAG = re.compile(r"\{\{|\}\}|\{%|%\}")


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    """The full example case and the SSB example, processed once for all tests here, with
    every letter of the year made at once (tests/test_sending.py tests the window)."""
    ws = make_workspace(tmp_path_factory.mktemp("docs"))
    ws.config_file.write_text(f'[paths]\ntemplates = "{(ROOT / "templates").as_posix()}"\n'
                              '[documents]\ninvitation_days_before = 366\n', encoding="utf-8")
    ws.drop_example("sak-fjordvik-2026-0412.json")
    ws.drop_example("bvr-modulus-2026-0587.xml")
    summary = ws.run()
    assert summary.files_failed == 0, summary.failed
    return ws


def all_documents(ws):
    return [p for p in ws.outbox.rglob("*") if p.suffix in (".docx", ".xlsx")]


def test_every_document_opens_with_no_template_tag_left(processed):
    docs = all_documents(processed)
    assert len(docs) > 80
    for path in docs:
        if path.suffix == ".docx":
            text = docx_text(path)
        else:
            book = load_workbook(path)
            text = "\n".join(str(c) for sheet in book.worksheets
                             for row in sheet.iter_rows(values_only=True) for c in row
                             if c is not None)
        assert not TAG.search(text), path


def test_follow_up_plan_has_parties_contact_person_conversations_visits_and_law(processed):
    text = docx_text(processed.case_folder("2026-0412") / "01 Oppfølgingsplan.docx")
    for expected in ["Sofie Lindqvist-Hansen", "Ingrid Bakke & Berg", "Barnet – min historie",
                     "Foreldre – fortsatt familie", "Fosterfamilien – en god start",
                     "Tema 4: Hvorfor måtte jeg flytte?",
                     "Tema 6: Den nye familien og veien videre",
                     "barnevernsloven § 8-3", "barnevernsloven § 7-6", "14. september 2026",
                     "Gjennomført", "Vår ref.", "2026-0412"]:
        assert expected in text, expected
    # The journal's date for the child's first contact, in Norwegian form.
    assert "onsdag 16. september 2026" in text


def test_plan_says_what_not_registered_means_under_the_table_that_has_it(processed):
    """The foster family's move follow-up was due before the case came, and the journal does
    not say it was held: under that table (only), what «Ikke registrert» means (helper 100)."""
    plan = open_docx(str(processed.case_folder("2026-0412") / "01 Oppfølgingsplan.docx"))
    note = ("«Ikke registrert» betyr at fagsystemet ikke viser om samtalen ble holdt. "
            "Kontaktpersonen sjekker dette, og planen viser det når det er registrert.")
    heading, table, under = "", None, []
    for element in plan.element.body.iterchildren():
        if element.tag == qn("w:tbl"):
            table = Table(element, plan)
        elif element.tag == qn("w:p"):
            paragraph = Paragraph(element, plan)
            if paragraph.style.name.startswith("Heading"):
                heading = paragraph.text
            elif paragraph.text == note:
                under.append((heading, [c.text for row in table.rows for c in row.cells]))
    assert [h for h, _ in under] == ["Fosterfamilien – en god start"]
    assert "Ikke registrert" in under[0][1]


def plan_rows(plan_path) -> list[list[str]]:
    """The rows of the plan's table of plans (Plan, Startdato, Evaluert), without its header."""
    table = next(t for t in open_docx(str(plan_path)).tables
                 if [c.text for c in t.rows[0].cells] == ["Plan", "Startdato", "Evaluert"])
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def test_plan_lists_a_plan_the_law_requires_that_is_not_registered(processed):
    """2026-0412's export has its plans, but not the plan for following up the foster family
    (a law breach in Saksoversikt): the plan's table lists it as not registered, as the final
    evaluation does, with a line saying what that means (helper 100). The SSB export carries
    no plans at all: nothing is said of one it cannot know."""
    plan = processed.case_folder("2026-0412") / "01 Oppfølgingsplan.docx"
    rows = plan_rows(plan)
    assert rows[-1] == ["Plan for oppfølging av fosterfamilien (fosterhjemsforskriften § 9)",
                        "Ikke registrert", "–"]
    assert [r[1] for r in rows[:-1]] == ["1. oktober 2026", "20. september 2026"]
    note = ("«Ikke registrert»: planen skulle ha vært laget nå, men er ikke registrert i "
            "fagsystemet.")
    assert note in docx_text(plan)
    ssb = processed.case_folder("2026-0587") / "01 Oppfølgingsplan.docx"
    assert all(r[1] != "Ikke registrert" for r in plan_rows(ssb))
    assert note not in docx_text(ssb)


def test_information_letter_one_per_parent_living_apart(processed):
    folder = processed.case_folder("2026-0412")
    letters = sorted(p.name for p in folder.glob("02 Informasjonsbrev*.docx"))
    assert letters == ["02 Informasjonsbrev til foreldre - far.docx",
                       "02 Informasjonsbrev til foreldre - mor.docx"]
    father, mother = (docx_text(folder / name) for name in letters)
    assert "Camilla Lindqvist" in mother and "Strandvegen 17 B" in mother
    assert "Ahmad Hansen" in father and "5020 Bergen" in father
    assert all("Omsorgspakken" in t for t in (mother, father))
    for text in (mother, father):
        # The office as its letterhead names it; the parent named last, and not read as
        # the child spoken to («Sofie, du og …»).
        assert ("Jeg er barnevernskonsulent og kontaktperson for Sofie i Barnevernstjenesten i "
                "Fjordvik.") in text
        assert "barnevernstjenesten" not in text
        assert "Sofie, fosterfamilien og du får hver deres samtaler." in text


def test_invitations_for_upcoming_conversations_of_every_party(processed):
    folder = processed.case_folder("2026-0412") / "Innkallinger"
    parties = {p.name for p in folder.iterdir()}
    assert parties == {"Barnet", "Foreldre", "Fosterfamilien", "Felles møte"}
    child = sorted((folder / "Barnet").glob("*.docx"))
    assert child and all(p.name.startswith("Tema ") for p in child)
    # Sofie is 11: her invitations go to the foster parents (see test_adaptations.py).
    text = docx_text(folder / "Barnet" /
                     "Tema 5 - Min historie og veien videre - til fosterforeldrene.docx")
    assert "Sofie" in text and "Min historie og veien videre" in text
    assert re.search(r"(mandag|tirsdag|onsdag|torsdag|fredag) \d{1,2}\. \w+ 202[67]", text)
    # Parents living apart get one invitation each.
    assert len(list((folder / "Foreldre").glob("Tema 5 - *.docx"))) == 2


def test_minutes_for_every_conversation_with_sections_and_assessment_questions(processed):
    prog = programme.load()
    folder = processed.case_folder("2026-0412") / "Referater"
    came_back = {("fosterfamilien", 1)}  # held, and the journal has its assessment
    for part in prog.parter:
        files = sorted((folder / part.navn).glob("*.docx"))
        themes = {int(p.name.split()[1]) for p in files}
        expected = {t.nummer for t in part.temaer if (part.id, t.nummer) not in came_back}
        assert expected <= themes <= {t.nummer for t in part.temaer}, part.id
    foster = prog.part("fosterfamilien").tema(4)
    text = docx_text(folder / "Fosterfamilien" / "Tema 4 - Følelsesregulering.docx")
    assert foster.formal in text
    for seksjon in foster.seksjoner:
        if seksjon.gjelder is None:  # named for the child, as the invitations name her
            assert seksjon.tittel.replace("barnet", "Sofie") in text
    for q in prog.vurderingssporsmal:
        assert q.tekst in text
    assert "Sofie Lindqvist-Hansen" in text and "2026-0412" in text


def test_sections_for_other_children_appear_only_when_there_are_other_children(processed):
    prog = programme.load()
    titles = [s.tittel for t in prog.part("fosterfamilien").temaer for s in t.seksjoner
              if s.gjelder == "andre_barn_i_fosterhjemmet"]
    assert titles
    def minutes(journal: str) -> str:
        folder = processed.case_folder(journal) / "Referater" / "Fosterfamilien"
        return "\n".join(docx_text(p) for p in folder.glob("*.docx"))

    with_children, without = minutes("2026-0412"), minutes("2026-0587")
    assert titles[0] in with_children and titles[0] not in without


def test_final_evaluation_holds_known_assessments(processed):
    folder = processed.case_folder("2026-0412")
    text = docx_text(folder / "03 Sluttevaluering - Fosterfamilien.docx")
    assert "god oversikt over Sofies dagsrytme" in text
    assert "Ikke vurdert ennå" in text
    assert "Trygg Base" in text or "TBO-F" in text


def test_overview_workbook_lists_every_conversation_and_visit(processed):
    path = processed.case_folder("2026-0412") / "04 Oppfølgingsoversikt.xlsx"
    rows = xlsx_rows(path, "Samtaler")
    conv_rows = [r for r in rows if isinstance(r[3], (date,)) or hasattr(r[3], "date")
                 or r[5] == "Ikke registrert"]
    # The foster family's move contacts, due before the case came and not in the journal:
    # nobody planned them, and they have no date or time.
    assert [r[2:6] for r in conv_rows if r[5] == "Ikke registrert"] == [
        (f"Oppfølging i flytteprosessen (kontakt {n})", "–", "–", "Ikke registrert")
        for n in (1, 2, 3)]
    # Parents living apart: a track each. The journal's parents' contact names no parent, nor
    # do its participants: it is held once, with neither parent's track (which plans it for
    # neither) until the contact person registers who took part.
    assert len(conv_rows) == 8 + 1 + 2 * 7 + 9 + 1  # and the joint meeting
    assert conv_rows[-1][:6] == ("Felles møte", None, "Mor, far, fosterforeldrene og "
                                 "kontaktpersonen Ingrid Bakke & Berg", datetime(2027, 1, 12),
                                 "10.00–11.30", "Planlagt")
    held = [r for r in conv_rows if r[5] == "Gjennomført"]
    assert len(held) == 4
    assert [r[:6] for r in conv_rows if r[0].startswith("Foreldre") and r[1] == "Flytting"
            and "(kontakt 1)" in r[2]] == [
        ("Foreldre (hvem som var med, er ikke registrert)", "Flytting",
         "Oppfølging i flytteprosessen (kontakt 1)", datetime(2026, 9, 17), "–",
         "Gjennomført")]  # the journal has no time
    assert {r[0] for r in conv_rows} == {"Barnet", "Foreldre (mor)", "Foreldre (far)",
                                         "Foreldre (hvem som var med, er ikke registrert)",
                                         "Fosterfamilien", "Felles møte"}
    visits = xlsx_rows(path, "Besøk")
    assert any(r[1] == "Gjennomført" for r in visits)


def test_documents_from_the_register_export_say_what_is_missing(processed):
    folder = processed.case_folder("2026-0587")
    text = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert "[mangler: navn på barnet]" in text
    assert "2. juni 2026" in text  # the placement date from the export
    missing = (folder / "mangler.txt").read_text(encoding="utf-8")
    assert "navn på barnet" in missing and "01 Oppfølgingsplan.docx" in missing
    # Service details come from the configuration, not left blank.
    assert "[mangler: navn på barnevernstjenesten]" in text  # this workspace configures none


def test_a_held_conversation_without_a_time_in_the_journal_shows_no_time(tmp_path):
    """The journal has the child's second contact on 24 September with no time: the plan
    and the overview show a dash, as for visits, not the usual time as if the journal gave
    it. The first, held at 15.00, shows its time."""
    ctx = case_context()
    plan = open_docx(str(render(ctx, "oppfolgingsplan", tmp_path / "plan")[
        "01 Oppfølgingsplan.docx"]))
    rows = [[c.text for c in r.cells] for t in plan.tables for r in t.rows]
    assert ["Oppfølging i flytteprosessen (kontakt 2)", "torsdag 24. september 2026",
            "–"] in [r[:3] for r in rows]
    assert ["Oppfølging i flytteprosessen (kontakt 1)", "onsdag 16. september 2026",
            "15.00–16.30"] in [r[:3] for r in rows]
    overview = next(iter(render(ctx, "oversikt", tmp_path / "oversikt").values()))
    cells = [list(r) for r in load_workbook(overview)["Samtaler"].iter_rows(values_only=True)]
    (second,) = [r for r in cells if "(kontakt 2)" in str(r) and "Barnet" in str(r)]
    assert "–" in second and not any("14.00" in str(c) for c in second)


def test_plan_lists_missing_plans_in_the_final_evaluations_order(tmp_path):
    """2026-0520 lacks both the contact plan and the foster family's plan: the plan's table
    lists them in the order the final evaluation goes through them (helper 101)."""
    ws = make_workspace(tmp_path)
    ws.drop_example("sak-fjellvik-2026-0520.json")
    assert ws.run(today=date(2026, 11, 23)).files_failed == 0
    rows = plan_rows(ws.case_folder("2026-0520") / "01 Oppfølgingsplan.docx")
    missing = [r[0] for r in rows if r[1] == "Ikke registrert"]
    assert missing == ["Samværsplan (barnevernsloven § 7-6)",
                       "Plan for oppfølging av fosterfamilien (fosterhjemsforskriften § 9)"]
