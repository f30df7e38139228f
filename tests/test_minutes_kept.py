"""What returned minutes say is kept: a journal export that is behind them (the caseworker
has not registered the conversation yet) does not undo it, and an older copy of minutes
that comes back after the final one is refused, not taken over it (helpers 87 and 89)."""

import io
from datetime import UTC, date, datetime

import pytest
from docx import Document as open_docx

from omsorgspakke_docs.rendering import minutes_marker as mm
from omsorgspakke_docs.store.state import State
from omsorgspakke_docs.text import tekst

from .conftest import ROOT, canonical_case, docx_text, make_workspace, xlsx_rows
from .test_readback import JOURNAL, MINUTES, POSITIVE, WRITTEN, fill_minutes, overview_row

LATER = date(2026, 11, 23)
DRAFT = "Utkast: Sofie var stille i starten."
HOW = ("Der det står «Ikke fylt ut i referatet», kom referatet tilbake uten svar på det "
       "spørsmålet.")


def saved(data: bytes, when: datetime) -> bytes:
    """The minutes as an editor saves them: with the time of saving in their properties."""
    doc = open_docx(io.BytesIO(data))
    doc.core_properties.modified = when
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def held_entry(ws):
    stored = State(ws.state).load(f"4699:{JOURNAL}")
    return next(s for s in stored.samtaler if (s.part, s.tema) == ("barnet", 1))


@pytest.fixture
def minutes_back(tmp_path):
    return minutes_returned(tmp_path)


def minutes_returned(tmp_path):
    """A case whose child's theme 1 minutes came back: held on 20 November 2026."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_failed == 0
    ws.drop("referat.docx", fill_minutes(ws.case_folder(JOURNAL) / MINUTES, WRITTEN))
    assert ws.run().files_failed == 0
    return ws


def lagging_export(status: str, dato: str) -> dict:
    case = canonical_case(eksportert="2026-11-21")
    case["samtaler"] = [*case["samtaler"],
                        {"part": "barnet", "tema": 1, "dato": dato, "status": status}]
    return case


@pytest.mark.parametrize("status, dato", [("avlyst", "2026-11-20"),
                                          ("planlagt", "2026-11-18")])
def test_an_export_behind_the_minutes_does_not_undo_them(minutes_back, status, dato):
    """The journal still has the conversation cancelled, or planned on another day: the
    minutes say it was held on 20 November, and it stays so (not invited again)."""
    ws = minutes_back
    ws.drop("eksport.json", lagging_export(status, dato))
    assert ws.run(LATER).files_failed == 0
    entry = held_entry(ws)
    assert (entry.status, entry.dato, entry.referat_mottatt) == (
        "gjennomfort", date(2026, 11, 20), True)
    row = overview_row(ws, "Barnet", 1)
    assert "Gjennomført" in row and "Avlyst" not in row and "Ja" in row
    assert row[3].date() == date(2026, 11, 20)
    assert POSITIVE in docx_text(ws.case_folder(JOURNAL) / "03 Sluttevaluering - Barnet.docx")


def test_an_export_that_has_it_held_on_another_day_corrects_the_date(minutes_back):
    ws = minutes_back
    ws.drop("eksport.json", lagging_export("gjennomfort", "2026-11-19"))
    assert ws.run(LATER).files_failed == 0
    entry = held_entry(ws)
    assert (entry.status, entry.dato, entry.referat_mottatt) == (
        "gjennomfort", date(2026, 11, 19), True)


def test_an_older_copy_of_the_minutes_is_refused_and_the_newer_kept(tmp_path):
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_failed == 0
    blank = ws.case_folder(JOURNAL) / MINUTES
    draft = saved(fill_minutes(blank, {**WRITTEN, mm.ASSESSMENT.tag + "positivt": DRAFT}),
                  datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    final = saved(fill_minutes(blank, WRITTEN), datetime(2026, 11, 20, 13, 5, tzinfo=UTC))
    ws.drop("referat endelig.docx", final)
    assert ws.run().files_failed == 0
    ws.drop("referat utkast.docx", draft)
    summary = ws.run(LATER)

    assert summary.files_failed == 1
    note = (ws.failed / "referat utkast.docx.feil.txt").read_text(encoding="utf-8")
    assert ("Referatet gjelder sak 2026-0412: barnet, tema 1.\nDenne kopien av referatet er "
            "eldre enn den som allerede er lest inn: denne ble sist lagret 20. november 2026 "
            "kl. 10.30, den som er lest inn, 20. november 2026 kl. 14.05. Den som er lest "
            "inn, brukes videre.\nIngenting fra denne filen er lest inn.") in note  # Norwegian time
    assert ("lagrer den på nytt og legger den i innboksen igjen; da erstatter den referatet "
            "som er lest inn. Ellers trenger du ikke gjøre noe") in note
    final_text = docx_text(ws.case_folder(JOURNAL) / "03 Sluttevaluering - Barnet.docx")
    assert POSITIVE in final_text and DRAFT not in final_text

    # Saved again, the copy is the newest: taken, as the note says.
    ws.drop("referat utkast.docx", saved(draft, datetime(2026, 11, 23, 8, 0, tzinfo=UTC)))
    assert ws.run(LATER).files_failed == 0
    assert DRAFT in docx_text(ws.case_folder(JOURNAL) / "03 Sluttevaluering - Barnet.docx")


def test_minutes_whose_editor_sets_no_saved_time_are_taken_as_they_come(minutes_back):
    """The minutes the run makes say they were modified when created; an editor that does
    not change that says nothing of when it saved: the later file is taken."""
    ws = minutes_back
    ws.drop("referat.docx", fill_minutes(ws.case_folder(JOURNAL) / MINUTES,
                                         {**WRITTEN, mm.ASSESSMENT.tag + "positivt": DRAFT}))
    assert ws.run(LATER).files_failed == 0
    assert held_entry(ws).referat_lagret is None
    assert DRAFT in docx_text(ws.case_folder(JOURNAL) / "03 Sluttevaluering - Barnet.docx")


def test_an_older_copy_is_said_in_nynorsk_too():
    note = ("Referatet gjelder sak 2026-0412: barnet, tema 1.\nDenne kopien av referatet er "
            "eldre enn den som allerede er lest inn: denne ble sist lagret 20. november 2026 "
            "kl. 10.30, den som er lest inn, 20. november 2026 kl. 14.05. Den som er lest "
            "inn, brukes videre.")
    assert tekst("nynorsk").note(note) == (
        "Referatet gjeld sak 2026-0412: barnet, tema 1.\nDenne kopien av referatet er eldre "
        "enn den som alt er lesen inn: denne vart sist lagra 20. november 2026 kl. 10.30, "
        "den som er lesen inn, 20. november 2026 kl. 14.05. Den som er lesen inn, blir brukt "
        "vidare.")


def test_minutes_back_without_an_assessment_say_so_in_the_final_evaluation(tmp_path):
    """Answers left empty are not «Ikke vurdert ennå», as for a theme not yet held: the
    final evaluation says the minutes came back without them (helper 89)."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_failed == 0
    final = ws.case_folder(JOURNAL) / "03 Sluttevaluering - Barnet.docx"
    not_yet = docx_text(final).count("Ikke vurdert ennå")
    assert HOW not in docx_text(final)  # nothing to fill in before
    ws.drop("referat.docx", fill_minutes(ws.case_folder(JOURNAL) / MINUTES,
                                         {mm.HELD.tag: "20.11.2026"}))
    assert ws.run().files_failed == 0
    text = docx_text(final)
    assert HOW in text  # under the table: how to fill it in
    assert text.replace(HOW, "").count("Ikke fylt ut i referatet") == 3  # theme 1
    assert text.count("Ikke vurdert ennå") == not_yet - 3  # the themes still to come


def test_a_question_left_empty_says_not_filled_in(tmp_path):
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_failed == 0
    ws.drop("referat.docx", fill_minutes(ws.case_folder(JOURNAL) / MINUTES, {
        mm.HELD.tag: "20.11.2026", mm.ASSESSMENT.tag + "positivt": POSITIVE}))
    assert ws.run().files_failed == 0
    text = docx_text(ws.case_folder(JOURNAL) / "03 Sluttevaluering - Barnet.docx")
    assert POSITIVE in text
    assert text.replace(HOW, "").count("Ikke fylt ut i referatet") == 2
    assert HOW + " Skriv svaret i referatet for temaet i mappen Referater, lagre det og " \
                 "lever det i innboksen igjen; da kommer svaret med her." in text


def test_minutes_with_every_answer_have_no_sentence_on_filling_in(minutes_back):
    text = docx_text(minutes_back.case_folder(JOURNAL) / "03 Sluttevaluering - Barnet.docx")
    assert POSITIVE in text and HOW not in text


def test_who_took_part_is_shown_in_the_overview(minutes_back):
    """«Til stede» from the returned minutes was stored and shown nowhere (helper 89)."""
    row = overview_row(minutes_back, "Barnet", 1)
    assert row[-1].startswith("Til stede: Sofie Lindqvist-Hansen, Ingrid Bakke & Berg "
                              "(kontaktperson). ")  # then the gap before it, as before
    assert "Til stede" not in (overview_row(minutes_back, "Barnet", 2)[-1] or "")  # not held


@pytest.mark.parametrize(("status", "dato", "minutes"), [
    ("planlagt", "2026-11-26", None),  # held early: the journal still has the booking
    ("avlyst", "2026-11-26", None),  # the booking no longer needed, cancelled
    ("planlagt", "2026-11-20", False),  # a journal that records minutes, not yet updated
], ids=["booked-later", "booking-cancelled", "minutes-not-back"])
def test_an_export_behind_the_minutes_on_any_day_does_not_undo_them(minutes_back, status,
                                                                    dato, minutes):
    """Held on 20 November, a day before the booking the journal still has (helper 92,
    finding 1): the child is not invited again, and the minutes stay with it."""
    ws = minutes_back
    export = lagging_export(status, dato)
    if minutes is not None:
        export["samtaler"][-1]["referat_mottatt"] = minutes
    ws.drop("eksport.json", export)
    assert ws.run(LATER).files_failed == 0
    entry = held_entry(ws)
    assert (entry.status, entry.dato, entry.referat_mottatt) == (
        "gjennomfort", date(2026, 11, 20), True)
    assert not list((ws.case_folder(JOURNAL) / "Innkallinger" / "Barnet").glob("Tema 1 *"))


@pytest.mark.parametrize("parameters", ["case, today", "case, today, *, strict=False"])
def test_an_adapter_written_for_refuses_case_today_is_still_asked(workspace, parameters):
    """A municipality's adapter in plugins/ with the two-argument refuses(case, today) of
    the last release (helper 90), a keyword-only one beside (helper 92): asked as before,
    not failing every file."""
    source = (ROOT / "plugins" / "example_fastbredde.py").read_text(encoding="utf-8")
    source = source.replace("    def read(self, path: Path):", (
        f"    def refuses(self, {parameters}):\n"
        "        return InputError(f'Avvist {today:%d.%m.%Y} av eget tillegg.')\n\n"
        "    def read(self, path: Path):"), 1)
    (workspace.root / "plugins" / "eget.py").write_text(source, encoding="utf-8")
    workspace.drop_example("vendor-klientliste-fastbredde.txt")
    assert workspace.run().files_failed == 1
    note = next(workspace.failed.glob("*.feil.txt")).read_text(encoding="utf-8")
    assert "Avvist 22.11.2026 av eget tillegg." in note and "TypeError" not in note


@pytest.mark.parametrize("properties", [
    b"<dcterms:modified xsi:type=\"dcterms:W3CDTF\"></dcterms:modified>",
    b"<dcterms:created xsi:type=\"dcterms:W3CDTF\"></dcterms:created>",
])
def test_minutes_with_an_empty_date_in_their_properties_are_read(minutes_back, properties):
    """An editor or template that leaves a date in the file's properties empty: the
    minutes carry no saved time, and are read (helper 90)."""
    ws = minutes_back
    data = fill_minutes(ws.case_folder(JOURNAL) / MINUTES,
                        {**WRITTEN, mm.ASSESSMENT.tag + "positivt": DRAFT})
    ws.drop("referat.docx", _with_core(data, properties))
    assert ws.run(LATER).files_failed == 0
    assert DRAFT in docx_text(ws.case_folder(JOURNAL) / "03 Sluttevaluering - Barnet.docx")


def _with_core(data: bytes, element: bytes) -> bytes:
    """The docx with one of its core properties replaced by element (same tag)."""
    import re
    import zipfile

    tag = re.match(rb"<(dcterms:\w+)", element)[1]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"<" + tag + rb"\b[^>]*>[^<]*</" + tag + rb">", element, body)
                assert element in body
            dst.writestr(info, body)
    return out.getvalue()


def test_a_saved_time_without_a_zone_compares_with_one_with_a_zone():
    """A canonical export may carry referat_lagret without a zone: taken as UTC, so the
    next copy of the minutes is compared, not failed (helper 90)."""
    from omsorgspakke_docs.domain.model import Samtale

    naive = Samtale(part="barnet", tema=1, dato=date(2026, 11, 20),
                    referat_lagret=datetime(2026, 11, 20, 13, 5))
    assert naive.referat_lagret == datetime(2026, 11, 20, 13, 5, tzinfo=UTC)
    assert naive.referat_lagret < datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


def test_a_refusal_names_the_parent_by_role():
    """«foreldre (mor), tema 1», as the copy's file name says, when the case is known."""
    from omsorgspakke_docs.adapters.referat_docx import _whose
    from omsorgspakke_docs.domain.model import Case, Samtale

    known = Case.model_validate(canonical_case())
    entry = Samtale(part="foreldre", tema=1, forelder=1, dato=date(2026, 11, 20))
    assert _whose(known, entry, known) == "Referatet gjelder sak 2026-0412: foreldre (far), tema 1."
    assert _whose(known, entry, None) == "Referatet gjelder sak 2026-0412: foreldre, tema 1."



def to_follow_up(ws, journal: str = JOURNAL) -> list[str]:
    """The overview's «Dette må følges opp»: what the caseworker is asked to do."""
    return [r[2] for r in xlsx_rows(ws.case_folder(journal) / "04 Oppfølgingsoversikt.xlsx",
                                    "Dette må følges opp") if r[2]]


def register_requests(ws) -> list[str]:
    """The requests to register in the journal what returned minutes say was held."""
    return [f for f in to_follow_up(ws) if f.startswith(("Referatet fra samtalen",
                                                          "Referatene fra"))]


@pytest.mark.parametrize("status, dato, says", [
    ("planlagt", "2026-11-27", "står samtalen fortsatt som planlagt til 27. november 2026. "
                               "Endre samtalen i fagsystemet til gjennomført 20. november "
                               "2026, slik at den ikke blir holdt en gang til."),
    ("avlyst", "2026-11-20", "er samtalen 20. november 2026 registrert som avlyst. Endre "
                             "samtalen i fagsystemet til gjennomført 20. november 2026, slik "
                             "at den ikke blir satt opp på nytt.")])
def test_a_journal_behind_the_minutes_is_asked_to_register_the_conversation(
        minutes_back, status, dato, says):
    """The journal's export after the minutes came back still has the conversation planned
    (or cancelled): the documents follow the minutes, and the caseworker is asked to register
    it in the journal, which whoever reads the journal next would otherwise book again."""
    ws = minutes_back
    assert not register_requests(ws)  # no export since
    ws.drop("eksport.json", lagging_export(status, dato))
    assert ws.run(LATER).files_failed == 0
    assert held_entry(ws).fagsystemet.dato == date.fromisoformat(dato)
    assert register_requests(ws) == [
        f"Referatet fra samtalen (Barnet, «Min historie») viser at den ble holdt 20. november "
        f"2026, men i fagsystemet {says}"]

    # The caseworker registers it: the next export has it held, and nothing is asked.
    ws.drop("registrert.json", {**lagging_export("gjennomfort", "2026-11-20"),
                                "eksportert": "2026-11-24"})
    assert ws.run(date(2026, 11, 24)).files_failed == 0
    assert held_entry(ws).fagsystemet.status == "gjennomfort"  # the journal caught up
    assert not register_requests(ws)


def test_what_the_journal_said_stays_until_an_export_says_otherwise(minutes_back):
    """A corrected copy of the minutes, or an export that does not list the conversation
    (a register export without conversations), says nothing of the journal: the request
    stays until an export has the conversation held."""
    ws = minutes_back
    ws.drop("eksport.json", lagging_export("planlagt", "2026-11-27"))
    assert ws.run(LATER).files_failed == 0
    without = canonical_case(eksportert="2026-11-24")
    without["samtaler"] = [s for s in without["samtaler"]
                           if (s["part"], s["tema"]) != ("barnet", 1)]
    ws.drop("uten-samtalen.json", without)
    assert ws.run(date(2026, 11, 24)).files_failed == 0
    assert held_entry(ws).fagsystemet.status == "planlagt"
    assert register_requests(ws)


def test_an_answer_written_in_the_minutes_afterwards_comes_into_the_final_evaluation(
        tmp_path):
    """What the sentence under the table says to do works: the same minutes, answered and
    saved again, put in the inbox again."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_failed == 0
    minutes = ws.case_folder(JOURNAL) / MINUTES
    first = {mm.HELD.tag: "20.11.2026", mm.ASSESSMENT.tag + "positivt": POSITIVE}
    ws.drop("referat.docx", saved(fill_minutes(minutes, first),
                                  datetime(2026, 11, 20, 15, tzinfo=UTC)))
    assert ws.run().files_failed == 0
    answered = {**first, mm.ASSESSMENT.tag + "behov_for_stotte": "Hjelp med leksene."}
    ws.drop("referat.docx", saved(fill_minutes(minutes, answered),
                                  datetime(2026, 11, 21, 9, tzinfo=UTC)))
    assert ws.run(date(2026, 11, 21)).files_failed == 0
    text = docx_text(ws.case_folder(JOURNAL) / "03 Sluttevaluering - Barnet.docx")
    assert "Hjelp med leksene." in text and POSITIVE in text
    assert text.replace(HOW, "").count("Ikke fylt ut i referatet") == 1


MOVE_MINUTES = "Referater/Barnet/Tema 0 - Oppfølging i flytteprosessen (kontakt 1).docx"
NOT_IN = ("Der det står «Referat ikke levert ennå», er samtalen holdt, men referatet er ikke "
          "lest inn ennå.")


def theme_row(final, title: str) -> list[str]:
    """The cells of one theme's row in the final evaluation's table of assessments."""
    table = next(t for t in open_docx(str(final)).tables
                 if t.rows[0].cells[1].text == "Hva er positivt")
    return next([c.text for c in r.cells] for r in table.rows if r.cells[0].text == title)


def test_a_theme_held_without_its_minutes_back_says_so_not_that_it_is_to_come(tmp_path):
    """The child's move follow-up was held twice (the journal says so) and no minutes came
    back: the final evaluation says the minutes are missing, and what to do, not «Ikke
    vurdert ennå» as for a theme still to come (helper 100)."""
    ws = make_workspace(tmp_path)
    ws.drop("sak.json", canonical_case())
    assert ws.run().files_failed == 0
    final = ws.case_folder(JOURNAL) / "03 Sluttevaluering - Barnet.docx"
    row = theme_row(final, "Oppfølging i flytteprosessen")
    assert row[1:] == ["Referat ikke levert ennå"] * 3, row
    assert theme_row(final, "Tema 1: Min historie")[1:] == ["Ikke vurdert ennå"] * 3
    text = docx_text(final)
    assert NOT_IN + " Fyll ut referatet for temaet i mappen Referater, lagre det og lever " \
                    "det i innboksen; da kommer vurderingen med her." in text
    # The minutes of the first contact come back with an answer: it is in, the note goes.
    ws.drop("referat.docx", fill_minutes(ws.case_folder(JOURNAL) / MOVE_MINUTES, {
        mm.HELD.tag: "16.09.2026", mm.ASSESSMENT.tag + "positivt": POSITIVE}))
    assert ws.run().files_failed == 0
    row = theme_row(final, "Oppfølging i flytteprosessen")
    assert row[1] == POSITIVE and "Referat ikke levert ennå" not in row, row
    assert NOT_IN not in docx_text(final)


@pytest.mark.parametrize("returned", [False, True])
def test_a_joint_conversation_nobody_registered_who_took_part_in_waits_for_its_minutes(
        tmp_path, returned):
    """The parents live apart; their first move follow-up (17 September) was held, and the
    journal does not say with whom. Each parent's final evaluation says of it what the
    child's says of a conversation held: «Referat ikke levert ennå» while its minutes are
    not back, «Ikke fylt ut i referatet» once they came back without answers. It said
    «Ikke vurdert ennå», as for a theme still to come, beside the child's «Referat ikke
    levert ennå» (a reader's finding; helper 101 had made it the same either way, «Ikke
    vurdert ennå»)."""
    ws = make_workspace(tmp_path)
    case = canonical_case()
    if returned:
        case["samtaler"] = [{**s, "referat_mottatt": True} if s["part"] == "foreldre" else s
                            for s in case["samtaler"]]
    ws.drop("sak.json", case)
    assert ws.run().files_failed == 0
    for role in ("mor", "far"):
        final = ws.case_folder(JOURNAL) / f"03 Sluttevaluering - Foreldre - {role}.docx"
        said = "Ikke fylt ut i referatet" if returned else "Referat ikke levert ennå"
        assert theme_row(final, "Oppfølging i flytteprosessen")[1:] == [said] * 3, role
        assert (NOT_IN in docx_text(final)) is not returned
