"""What the minutes' places to write say before the contact person writes: the child among
those present, the interpreter for a party with one, and the journal's date and assessment
for a conversation the journal already records as held. What they say comes back as written
(or not at all) when the minutes come back."""

from datetime import date

from docx import Document as open_docx
from docx.oxml.ns import qn

from omsorgspakke_docs.rendering import minutes_marker as mm
from omsorgspakke_docs.store.state import State

from .conftest import canonical_case, docx_text, make_workspace, xlsx_rows
from .test_nynorsk import _config
from .test_readback import JOURNAL, MINUTES, fill_minutes

CHILD = MINUTES  # the child's theme 1, planned
FATHER = "Referater/Foreldre/Tema 0 - Oppfølging i flytteprosessen (kontakt 2) - far.docx"
MOTHER = "Referater/Foreldre/Tema 0 - Oppfølging i flytteprosessen (kontakt 2) - mor.docx"
FOSTER_HELD = "Referater/Fosterfamilien/Tema 1 - Den nye familien.docx"
JOURNAL_ASSESSMENT = canonical_case()["vurderinger"][0]


def all_text(path) -> str:
    """Every paragraph of the body, also those inside the places to write (content controls,
    which python-docx's paragraphs and cells leave out)."""
    body = open_docx(str(path)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for p in body.iter(qn("w:p")))


def run_case(tmp_path, nynorsk: bool = False, case: dict | None = None, **overrides):
    ws = make_workspace(tmp_path)
    if nynorsk:
        _config(ws, 'malform = "nynorsk"\n')
    ws.drop("sak.json", case or canonical_case(**overrides))
    assert ws.run().files_failed == 0
    return ws


def minutes(ws, name: str, nynorsk: bool = False):
    if nynorsk:
        name = name.replace("Referater/", "Referat/").replace("Min historie", "Mi historie")
    return ws.case_folder(JOURNAL) / name


def stored_conversation(ws, part: str, tema: int, nummer: int = 1):
    case = State(ws.state).load(f"4699:{JOURNAL}")
    return next(s for s in case.samtaler if (s.part, s.tema, s.nummer) == (part, tema, nummer)
                and s.referat_mottatt)


# --- The child among those present -----------------------------------------------------------

def test_the_childs_minutes_ask_for_the_child_among_those_present(tmp_path):
    ws = run_case(tmp_path)
    child = all_text(minutes(ws, CHILD))
    assert ("Skriv hvem som var til stede, én på hver linje, også barnet. Var barnet ikke med, "
            "skriv hvorfor.") in child
    mother = all_text(minutes(ws, MOTHER))
    assert "Skriv hvem som var til stede, én på hver linje." in mother
    assert "også barnet" not in mother


def test_the_childs_minutes_ask_for_the_child_in_nynorsk(tmp_path):
    ws = run_case(tmp_path, nynorsk=True)
    child = all_text(minutes(ws, CHILD, nynorsk=True))
    assert ("Skriv kven som var til stades, éin på kvar linje, også barnet. Var ikkje barnet "
            "med, skriv kvifor.") in child


def _keep_grey_text_as_written(data: bytes) -> bytes:
    """An editor that drops the controls' placeholder flag and keeps their grey text."""
    import io
    doc = open_docx(io.BytesIO(data))
    for pr in doc.element.body.iter(qn("w:sdtPr")):
        for showing in pr.findall(qn("w:showingPlcHdr")):
            pr.remove(showing)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_the_childs_prompt_left_as_it_was_is_no_participant(tmp_path):
    """The prompt names «barnet»: taken for a participant, it would hide a real gap."""
    ws = run_case(tmp_path)
    filled = fill_minutes(minutes(ws, CHILD), {mm.HELD.tag: "20.11.2026"})
    ws.drop("referat.docx", _keep_grey_text_as_written(filled))
    assert ws.run().files_failed == 0

    assert stored_conversation(ws, "barnet", 1).deltakere == []
    rows = xlsx_rows(ws.case_folder(JOURNAL) / "04 Oppfølgingsoversikt.xlsx",
                     "Dette må følges opp")
    assert any("viser ikke at barnet var med" in str(cell) for row in rows for cell in row)


def test_why_the_child_was_not_there_documents_the_childs_participation(tmp_path):
    ws = run_case(tmp_path)
    ws.drop("referat.docx", fill_minutes(minutes(ws, CHILD), {
        mm.HELD.tag: "20.11.2026",
        mm.PARTICIPANTS.tag: "Ingrid Bakke & Berg\nBarnet var ikke med: syk, ny tid avtales"}))
    assert ws.run().files_failed == 0

    rows = xlsx_rows(ws.case_folder(JOURNAL) / "04 Oppfølgingsoversikt.xlsx",
                     "Dette må følges opp")
    assert not any("viser ikke at barnet var med" in str(cell) for row in rows for cell in row)


# --- The interpreter -------------------------------------------------------------------------

def test_a_parent_with_an_interpreter_has_a_place_for_the_interpreter(tmp_path):
    ws = run_case(tmp_path)
    father = all_text(minutes(ws, FATHER))
    assert ("Tolk\nTolk på arabisk: skriv navnet på tolken, og om tolken var til stede eller "
            "tolket på telefon eller video.") in father
    for other in (MOTHER, CHILD, FOSTER_HELD):  # no interpreter for them
        assert "Tolk" not in all_text(minutes(ws, other)), other


def test_the_interpreter_place_in_nynorsk(tmp_path):
    ws = run_case(tmp_path, nynorsk=True)
    father = all_text(minutes(ws, FATHER, nynorsk=True))
    assert ("Tolk\nTolk på arabisk: skriv namnet på tolken, og om tolken var til stades eller "
            "tolka på telefon eller video.") in father


def test_parents_sharing_a_conversation_see_whose_language_it_is(tmp_path):
    parents = canonical_case()["foreldre"]
    together = [{**p, "bor_sammen_med_annen_forelder": True} for p in parents]
    together[0].update(sprak="polsk", tolk=True)
    ws = run_case(tmp_path, foreldre=together)
    shared = all_text(minutes(ws, "Referater/Foreldre/Tema 0 - Oppfølging i flytteprosessen "
                                  "(kontakt 2).docx"))
    assert "Tolk på polsk for mor og arabisk for far: skriv navnet på tolken" in shared


def test_what_is_written_about_the_interpreter_stays_in_the_minutes(tmp_path):
    ws = run_case(tmp_path)
    ws.drop("referat.docx", fill_minutes(minutes(ws, FATHER), {
        mm.HELD.tag: "25.11.2026", mm.PARTICIPANTS.tag: "Far\nIngrid Bakke & Berg",
        mm.INTERPRETER.tag: "Tolk på telefon"}))
    assert ws.run(today=date(2026, 11, 26)).files_failed == 0  # the day after it was held
    held = stored_conversation(ws, "foreldre", 0, 2)
    assert held.deltakere == ["Far", "Ingrid Bakke & Berg"]


# --- A conversation the journal records as held ----------------------------------------------

def test_minutes_of_a_held_conversation_show_the_journals_date_and_assessment(tmp_path):
    ws = run_case(tmp_path)
    text = all_text(minutes(ws, FOSTER_HELD))
    assert "Dato holdt\n19. oktober 2026\n" in text
    assert "Skriv datoen samtalen ble holdt" not in text
    assert "Vurderingen fra denne samtalen er allerede registrert i fagsystemet" in text
    for field in ("positivt", "behov_for_stotte", "dekkes_av_oppfolging"):
        assert JOURNAL_ASSESSMENT[field] in text
    assert "Skriv vurderingen din her." not in text
    # A planned conversation's minutes ask for all of it.
    planned = all_text(minutes(ws, CHILD))
    assert "Skriv datoen samtalen ble holdt, for eksempel " in planned  # its planned date
    # (tests/test_minutes_date_example.py)
    assert planned.count("Skriv vurderingen din her.") == 3
    assert "allerede registrert" not in planned


def test_held_minutes_in_nynorsk_say_the_assessment_is_registered(tmp_path):
    ws = run_case(tmp_path, nynorsk=True)
    text = all_text(minutes(ws, FOSTER_HELD, nynorsk=True))
    assert "Dato halden\n19. oktober 2026\n" in text
    assert "Vurderinga frå denne samtalen er alt registrert i fagsystemet" in text


def test_held_minutes_sent_back_as_they_were_filled_change_nothing_the_journal_says(tmp_path):
    ws = run_case(tmp_path)
    final = ws.case_folder(JOURNAL) / "03 Sluttevaluering - Fosterfamilien.docx"
    ws.drop("referat.docx", fill_minutes(minutes(ws, FOSTER_HELD), {
        mm.PARTICIPANTS.tag: "Fosterforeldrene\nIngrid Bakke & Berg"}))
    summary = ws.run()

    assert summary.files_failed == 0, summary.failed
    held = stored_conversation(ws, "fosterfamilien", 1)
    assert str(held.dato) == "2026-10-19"  # the pre-filled date, read back as written
    assert not (ws.case_folder(JOURNAL) / "avvik-mellom-eksporter.txt").exists()
    evaluation = docx_text(final)
    for field in ("positivt", "behov_for_stotte", "dekkes_av_oppfolging"):
        assert JOURNAL_ASSESSMENT[field] in evaluation


def test_minutes_being_written_in_are_not_made_again_when_the_journal_has_them_held(tmp_path):
    """The journal marks the conversation held while the contact person writes in the
    minutes in the case folder: no second copy beside them (minutes first made once the
    journal has it held hold its date: above)."""
    ws = run_case(tmp_path)
    path = minutes(ws, CHILD)
    lines = all_text(path).splitlines()
    planned = lines[lines.index("Planlagt dato") + 1]  # e.g. «4. desember 2026»
    day, month, year = planned.split()
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "desember"]
    held = f"{year}-{months.index(month) + 1:02d}-{int(day.rstrip('.')):02d}"
    path.write_bytes(fill_minutes(path, {mm.NOTES.tag + "1": "Vi tegnet sammen."}))
    written_in = path.read_bytes()

    case = canonical_case(eksportert="2026-12-20")
    case["samtaler"].append({"part": "barnet", "tema": 1, "nummer": 1, "dato": held,
                             "status": "gjennomfort"})
    ws.drop("sak.json", case)
    assert ws.run(today=date(2026, 12, 21)).files_failed == 0

    assert path.read_bytes() == written_in
    assert not [p.name for p in ws.outbox.rglob("*") if "ny versjon" in p.name]
    overview = xlsx_rows(ws.case_folder(JOURNAL) / "04 Oppfølgingsoversikt.xlsx", "Samtaler")
    assert any(r[0] == "Barnet" and r[1] == 1 and "Gjennomført" in r for r in overview)


# --- A move follow-up long after the move ------------------------------------------------

LATE_NOTE = ("Flyttingen var 2. juni 2026, og denne samtalen er senere enn programmet legger "
             "opp til. Bruk spørsmålene om tiden rundt flyttingen til å sjekke hva som er på "
             "plass nå, og hva som fortsatt mangler.")


def _late_case(start: str = "2026-06-02") -> dict:
    """A case the journal first exports months after the move, with nothing recorded."""
    case = canonical_case(samtaler=[], vurderinger=[], oppfolgingsbesok=[])
    case["plassering"]["startdato"] = start
    return case


def test_a_move_follow_up_long_after_the_move_says_what_its_questions_are_for_now(tmp_path):
    """The move follow-up's questions (leave from work, the change-of-address notice, how
    the child reacts to the move) read oddly five months on: the minutes say they now check
    what is in place. Said under the purpose, in each party's move follow-up minutes."""
    ws = run_case(tmp_path, case=_late_case())
    folder = ws.case_folder(JOURNAL) / "Referater"
    move = sorted(folder.rglob("Tema 0 - *.docx"))
    assert move, sorted(folder.rglob("*.docx"))
    for path in move:
        text = all_text(path)
        assert LATE_NOTE in text, path.name
        assert text.index("Formål med samtalen") < text.index(LATE_NOTE) < text.index(
            "Plan for samtalen")
    nynorsk = run_case(tmp_path / "nn", nynorsk=True, case=_late_case())
    found = sorted((nynorsk.case_folder(JOURNAL) / "Referat").rglob("Tema 0 - *.docx"))
    assert found and all(
        "Flyttinga var 2. juni 2026, og denne samtalen er seinare enn programmet legg opp til."
        in all_text(path) for path in found)


def test_a_move_follow_up_in_the_first_weeks_has_no_such_note(tmp_path):
    ws = run_case(tmp_path, case=_late_case("2026-11-16"))
    move = sorted((ws.case_folder(JOURNAL) / "Referater").rglob("Tema 0 - *.docx"))
    assert move
    assert not any("denne samtalen er senere enn" in all_text(path) for path in move)


# --- A section's questions and its place to write on one page --------------------------------

def _notes_kept_with_their_questions(path) -> list[bool]:
    """For each place to write notes: whether the paragraph before it (the section's last
    question) is kept with it, so that the box never starts a page alone."""
    body = open_docx(str(path)).element.body
    kept = []
    for sdt in body.iter(qn("w:sdt")):
        tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
        if tag is None or not tag.get(qn("w:val")).startswith(mm.NOTES.tag):
            continue
        before = sdt.getprevious()
        kept.append(before is not None and before.find(
            f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None)
    return kept


def test_a_sections_questions_are_kept_with_the_box_for_its_notes(tmp_path):
    """Helper 107: a box «Skriv notater fra denne delen av samtalen her» alone at the top of
    a page, its questions at the foot of the page before."""
    from .doc_helpers import case_context, render

    ws = run_case(tmp_path / "run")
    kept = _notes_kept_with_their_questions(minutes(ws, CHILD))
    assert len(kept) >= 4 and all(kept)
    ctx = case_context(invitation_days_before=365)
    ctx.today = ctx.plan.joint_meeting.dato
    (joint,) = render(ctx, "fellesmote_referat", tmp_path / "joint").values()
    kept = _notes_kept_with_their_questions(joint)
    assert len(kept) >= 3 and all(kept)
