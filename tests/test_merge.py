"""One case, many exports: merged on municipality + journal number, newest wins, conflicts shown."""

from __future__ import annotations

import json
from datetime import date

import pytest

from omsorgspakke_docs.adapters.ssb_bvr import SsbBarnevernXml
from omsorgspakke_docs.domain.field_words import field_words
from omsorgspakke_docs.domain.merge import CONFLICT_NOTE, conflict_note, merge, sources_lines
from omsorgspakke_docs.domain.model import Case
from omsorgspakke_docs.text import tekst

from .conftest import DATA, EXAMPLES, canonical_case, docx_text, xlsx_rows

CONTACT_REPORT = DATA / "vendors" / "familia-personrapport-2026-0587.csv"
JOURNAL = "2026-0587"


def case(**fields) -> Case:
    return Case.model_validate({"kommunenummer": "4699", "journalnummer": "J-1", **fields})


def test_data_from_the_register_export_survives_a_merge():
    (ssb,) = SsbBarnevernXml().read(EXAMPLES / "bvr-modulus-2026-0587.xml")
    known = case(journalnummer=JOURNAL, barn={"fornavn": "Aksel"}, kilde="familia")
    merged = merge(known, ssb).case
    assert merged.barn.fornavn == "Aksel"
    assert merged.barn.fodselsnummer == ssb.barn.fodselsnummer  # set by assignment in the adapter
    assert merged.barn.fodselsdato == date(2019, 11, 2) and merged.tjeneste.kommunenavn


def test_the_newer_export_wins_and_the_conflict_is_named_by_path_only():
    old = case(kilde="a", eksportert="2026-10-01", barn={"etternavn": "Dahl", "sprak": "polsk"},
               foreldre=[{"rolle": "mor", "fornavn": "Eva", "telefon": "111"}])
    new = case(kilde="b", eksportert="2026-11-01", barn={"etternavn": "Lie"},
               foreldre=[{"rolle": "mor", "fornavn": "Eva", "telefon": "222"}])
    result = merge(old, new)
    assert result.case.barn.etternavn == "Lie" and result.case.barn.sprak == "polsk"
    assert [f.telefon for f in result.case.foreldre] == ["222"]
    assert result.conflicts == ["barn.etternavn", "foreldre[mor].telefon"]
    assert sources_lines(result.sources, tekst()) == [
        "Lest inn nå: b (eksportert 01.11.2026)", "Lest inn før: a (eksportert 01.10.2026)",
        "Brukt i dokumentene: b"]


def test_an_older_export_arriving_late_only_fills_gaps():
    known = case(eksportert="2026-11-01", barn={"etternavn": "Lie"})
    late = case(eksportert="2026-09-01", barn={"etternavn": "Dahl", "fornavn": "Ola"})
    result = merge(known, late)
    assert (result.case.barn.etternavn, result.case.barn.fornavn) == ("Lie", "Ola")
    assert result.conflicts == ["barn.etternavn"]


def test_a_later_export_of_the_same_kind_brings_changes_without_a_disagreement():
    old = case(kilde="a", eksportert="2026-10-01", barn={"etternavn": "Dahl"})
    result = merge(old, case(kilde="a", eksportert="2026-11-01", barn={"etternavn": "Lie"}))
    assert result.case.barn.etternavn == "Lie" and result.conflicts == []
    undated = merge(case(kilde="a", barn={"etternavn": "Dahl"}),
                    case(kilde="a", barn={"etternavn": "Lie"}))
    assert undated.case.barn.etternavn == "Lie" and undated.conflicts == []
    same_day = merge(old, case(kilde="a", eksportert="2026-10-01", barn={"etternavn": "Lie"}))
    assert same_day.conflicts == ["barn.etternavn"]


def test_the_conflict_note_lists_paths_and_keeps_history():
    result = merge(case(kilde="a", barn={"etternavn": "Dahl"}),
                   case(kilde="b", barn={"etternavn": "Lie"}))
    first = conflict_note("", result, date(2026, 11, 22))
    second = conflict_note(first, result, date(2026, 11, 29))
    assert ("\nFunnet 22.11.2026 – to kilder har ulike opplysninger:\n  Lest inn nå: b\n"
            "  Lest inn før: a\n  Brukt i dokumentene: b\n  Dette er ulikt:\n"
            "  - Barnet: etternavn\n") in second and "Funnet 29.11.2026" in second
    assert second.count("  - Barnet: etternavn") == 2
    assert "Dahl" not in second and "Lie" not in second


def test_names_from_a_contact_report_and_dates_from_the_ssb_export_in_the_same_documents(workspace):
    workspace.drop_example("bvr-modulus-2026-0587.xml")
    assert workspace.run().files_failed == 0
    missing = workspace.case_folder(JOURNAL) / "mangler.txt"
    assert "navn på barnet" in missing.read_text(encoding="utf-8")

    # A week later the contact report arrives; the state remembers the SSB export.
    workspace.drop("personrapport.csv", CONTACT_REPORT.read_bytes())
    summary = workspace.run(today=date(2026, 11, 29))
    assert summary.files_failed == 0 and summary.conflicts == 0 and summary.cases == 1
    plan = docx_text(workspace.case_folder(JOURNAL) / "01 Oppfølgingsplan.docx")
    assert "Aksel" in plan and "Siri" in plan  # names from the contact report
    assert "2. juni 2026" in plan and "5. oktober 2026" in plan  # dates from the SSB export
    assert "navn på barnet" not in missing.read_text(encoding="utf-8")


def test_a_later_report_that_changes_a_field_is_not_a_disagreement(workspace):
    workspace.drop_example("bvr-modulus-2026-0587.xml")
    workspace.drop("personrapport.csv", CONTACT_REPORT.read_bytes())
    assert workspace.run().files_failed == 0
    changed = CONTACT_REPORT.read_bytes().replace(b"900 77 801", b"900 77 899")
    workspace.drop("personrapport-ny.csv", changed)
    summary = workspace.run()
    assert summary.files_failed == 0 and summary.conflicts == 0
    assert not list(workspace.outbox.rglob(CONFLICT_NOTE))
    state = [json.loads(p.read_text()) for p in (workspace.state / "cases").glob("sak-*.json")]
    assert [s["foreldre"][0]["telefon"] for s in state] == ["900 77 899"]


def test_two_kinds_of_export_that_disagree_are_listed_in_the_case_folder(workspace):
    workspace.drop_example("bvr-modulus-2026-0587.xml")
    assert workspace.run().files_failed == 0
    # The contact report says the placement began a day later than the SSB export does.
    report = CONTACT_REPORT.read_bytes().replace(b"02.06.2026", b"03.06.2026")
    workspace.drop("personrapport.csv", report)
    summary = workspace.run()
    assert summary.conflicts == 1
    note = (workspace.case_folder(JOURNAL) / CONFLICT_NOTE).read_text(encoding="utf-8")
    # The exports in words, not by the names IT knows them by.
    assert ("Funnet 22.11.2026 – to kilder har ulike opplysninger:\n"
            "  Lest inn nå: Familia: personrapport\n"
            "  Lest inn før: SSB/Bufdir-registereksport «Barnevern» (eksportert 19.11.2026)\n"
            "  Brukt i dokumentene: Familia: personrapport\n"
            "  Dette er ulikt:\n  - Plasseringen: startdato\n") in note
    assert "familia-personrapport" not in note and "ssb-barnevern-xml" not in note
    assert "03.06" not in note


def test_the_note_says_which_was_used_when_both_are_of_one_kind():
    """Two exports of one kind with the same date: the one used is said by when it was read."""
    old = case(kilde="a", eksportert="2026-10-01", barn={"etternavn": "Dahl"})
    same_day = merge(old, case(kilde="a", eksportert="2026-10-01", barn={"etternavn": "Lie"}))
    late = merge(old, case(kilde="a", eksportert="2026-09-01", barn={"etternavn": "Lie"}))
    assert sources_lines(same_day.sources, tekst())[2] == "Brukt i dokumentene: a (lest inn nå)"
    assert sources_lines(late.sources, tekst())[2] == "Brukt i dokumentene: a (lest inn før)"
    assert sources_lines(late.sources, tekst("nynorsk"))[2] == (
        "Brukt i dokumenta: a (lese inn før)")


def _exported(day: str, **fields) -> dict:
    return canonical_case(journalnummer="2026-0777", eksportert=day, **fields)


def test_a_new_contact_person_and_a_parent_who_accepts_are_the_case_moving_on(workspace):
    first = _exported("2026-11-20")
    first["foreldre"] = [{**first["foreldre"][0], "takker_ja": False}, *first["foreldre"][1:]]
    workspace.drop("uke1.json", first)
    assert workspace.run().files_failed == 0
    later = _exported("2026-11-27", kontaktperson={
        **first["kontaktperson"], "fornavn": "Kari", "etternavn": "Nyland"})
    later["foreldre"] = [{**first["foreldre"][0], "takker_ja": True}, *first["foreldre"][1:]]
    workspace.drop("uke2.json", later)
    summary = workspace.run(date(2026, 11, 29))
    assert summary.files_failed == 0 and summary.conflicts == 0
    assert not list(workspace.outbox.rglob(CONFLICT_NOTE))
    plan = docx_text(workspace.case_folder("2026-0777") / "01 Oppfølgingsplan.docx")
    assert "Kari Nyland" in plan


def test_an_older_export_after_a_newer_one_and_two_of_one_date_are_disagreements(workspace):
    workspace.drop("ny.json", _exported("2026-11-20"))
    assert workspace.run().files_failed == 0
    old = _exported("2026-11-13")
    old["barn"] = {**old["barn"], "etternavn": "Annet"}
    workspace.drop("gammel.json", old)
    assert workspace.run().conflicts == 1
    same_day = _exported("2026-11-20")
    same_day["kontaktperson"] = {**same_day["kontaktperson"], "telefon": "400 00 000"}
    workspace.drop("samme-dag.json", same_day)
    assert workspace.run().conflicts == 1
    note = (workspace.case_folder("2026-0777") / CONFLICT_NOTE).read_text(encoding="utf-8")
    assert "  - Barnet: etternavn" in note and "  - Kontaktpersonen: telefon" in note
    assert "eksportert 13.11.2026" in note
    assert "Annet" not in note and "400 00 000" not in note
    # The older export's name was not used; the later one of the same date was.
    plan = docx_text(workspace.case_folder("2026-0777") / "01 Oppfølgingsplan.docx")
    assert "Annet" not in plan and "400 00 000" in plan


def test_conflicts_of_a_case_that_is_skipped_are_not_reported_without_a_note(workspace):
    old = canonical_case(journalnummer="2024-0031")
    old["plassering"] = {**old["plassering"], "startdato": "2024-08-19"}  # too long ago
    workspace.drop("a.json", old)
    workspace.run()
    changed = {**old, "eksportert": "2026-11-21"}
    changed["barn"] = {**old["barn"], "etternavn": "Annet"}
    workspace.drop("b.json", changed)
    summary = workspace.run()
    assert summary.cases_skipped == 1 and summary.conflicts == 0
    assert not list(workspace.outbox.rglob(CONFLICT_NOTE))


NUMBER_ONLY = {"format": "omsorgspakke-sak/1", "kommunenummer": "4699",
               "barn": {"fornavn": "Aksel", "fodselsnummer": "02911950688"}}


def test_an_export_without_journal_number_finds_the_case_by_identity_number(workspace):
    workspace.drop_example("bvr-modulus-2026-0587.xml")
    assert workspace.run().files_failed == 0
    workspace.drop("kontakt.json", NUMBER_ONLY)
    summary = workspace.run()
    assert summary.files_failed == 0 and summary.cases == 1
    assert "Aksel" in docx_text(workspace.case_folder(JOURNAL) / "01 Oppfølgingsplan.docx")
    assert not any(p.name.startswith("sak-") for p in workspace.outbox.iterdir())
    # The link between the two keys is made of pseudonyms: neither number is in clear.
    (alias,) = (workspace.state / "aliases").iterdir()
    linked = alias.read_text(encoding="utf-8")
    assert linked.startswith("sak-") and (workspace.state / "cases" / f"{linked}.json").is_file()
    assert JOURNAL not in linked and "02911950688" not in alias.name + linked


def test_an_alias_written_in_clear_by_version_0_1_still_links(workspace):
    workspace.drop_example("bvr-modulus-2026-0587.xml")
    assert workspace.run().files_failed == 0
    (alias,) = (workspace.state / "aliases").iterdir()
    alias.write_text(f"4699:{JOURNAL}", encoding="utf-8")  # how 0.1 wrote it
    workspace.drop("kontakt.json", NUMBER_ONLY)
    assert workspace.run().cases == 1
    assert "Aksel" in docx_text(workspace.case_folder(JOURNAL) / "01 Oppfølgingsplan.docx")
    assert alias.read_text(encoding="utf-8").startswith("sak-")


def test_a_case_first_known_by_identity_number_gains_its_journal_number(workspace):
    workspace.drop("kontakt.json", NUMBER_ONLY)
    assert workspace.run().cases_skipped == 1  # no placement yet
    workspace.drop_example("bvr-modulus-2026-0587.xml")
    assert workspace.run().cases == 1
    assert "Aksel" in docx_text(workspace.case_folder(JOURNAL) / "01 Oppfølgingsplan.docx")


def test_a_later_export_says_who_the_foster_parents_and_parents_are_now(workspace):
    """A foster parent who moved out, and a parent's name spelt right in the journal: the
    next export of the same kind lists the people as they are, and the documents follow it.
    No letter goes to the foster parent who left, and there are not two mothers."""
    first = _exported("2026-11-20")
    first["foreldre"][0]["fornavn"] = "Kamilla"
    workspace.drop("uke1.json", first)
    assert workspace.run().files_failed == 0
    folder = workspace.case_folder("2026-0777")
    assert "Jon Åge Øvrebø" in docx_text(folder / "01 Oppfølgingsplan.docx")

    later = _exported("2026-11-27")
    later["fosterfamilie"]["fosterforeldre"] = later["fosterfamilie"]["fosterforeldre"][:1]
    workspace.drop("uke2.json", later)
    summary = workspace.run(date(2026, 11, 29))
    assert summary.files_failed == 0 and summary.conflicts == 0
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert "Jon Åge" not in plan and "Kari Øvrebø" in plan
    assert "fosterforelderen" in plan  # one foster parent now
    # An invitation whose conversation passed unmarked stays in the case folder as it was
    # issued while Til utsending names it, not to send («Ikke send: …»): not a letter to go.
    not_to_send = {str(row[2]).split("/", 1)[1] for row in xlsx_rows(
        workspace.outbox / "Til utsending.xlsx", "Til utsending")
        if row[2] and str(row[6] or "").startswith("Ikke send")}
    letters = [docx_text(p) for p in folder.rglob("*.docx") if ("Innkallinger" in p.parts
               or p.name.startswith("02 ")) and p.relative_to(folder).as_posix() not in not_to_send]
    assert [text for text in letters if "Camilla Lindqvist" in text]
    assert not [text for text in letters if "Jon Åge" in text or "Kamilla" in text]



def test_the_later_of_two_exports_of_one_day_says_who_the_foster_family_is(workspace):
    """Two exports of one kind made the same day: the journal changed in between (Jon Åge
    moved out, Per Haugland in). As its fields win over the first's, the later file's list
    says who the foster parents are, as a whole: the plan and the foster family's letters
    name Kari Øvrebø and Per Haugland, not all three of them (the lists were merged person
    by person, so Jon Åge stayed in the letters beside Per)."""
    first = _exported("2026-11-20")
    workspace.drop("morgen.json", first)
    assert workspace.run().files_failed == 0
    later = _exported("2026-11-20")
    later["fosterfamilie"]["fosterforeldre"] = [
        later["fosterfamilie"]["fosterforeldre"][0],
        {"fornavn": "Per", "etternavn": "Haugland", "telefon": "400 00 506"}]
    workspace.drop("ettermiddag.json", later)
    assert workspace.run(date(2026, 11, 23)).files_failed == 0
    folder = workspace.case_folder("2026-0777")
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert "Kari Øvrebø og Per Haugland" in plan and "Jon Åge" not in plan
    theirs = [docx_text(p) for p in (folder / "Innkallinger" / "Fosterfamilien").glob("*.docx")]
    assert theirs and all("Kari Øvrebø og Per Haugland" in text for text in theirs)
    assert not [text for text in theirs if "Jon Åge" in text]
    # The same files read the other way round: the morning's family.
    assert [p.fornavn for p in merge(Case.model_validate(later), Case.model_validate(first))
            .case.fosterfamilie.fosterforeldre] == ["Kari", "Jon Åge"]

def test_an_export_of_another_kind_adds_people_but_removes_none():
    """Exports of different kinds may each know some of the people: only a later export of
    the kind the case was last read from says who is no longer there."""
    both = [{"fornavn": "Kari", "etternavn": "Lie"}, {"fornavn": "Per", "etternavn": "Lie"}]
    known = case(kilde="a", eksportert="2026-10-01", fosterfamilie={"fosterforeldre": both})
    one = {"fosterforeldre": both[:1]}
    other_kind = merge(known, case(kilde="b", eksportert="2026-11-01", fosterfamilie=one))
    assert len(other_kind.case.fosterfamilie.fosterforeldre) == 2
    same_kind = merge(known, case(kilde="a", eksportert="2026-11-01", fosterfamilie=one))
    assert [f.fornavn for f in same_kind.case.fosterfamilie.fosterforeldre] == ["Kari"]
    silent = merge(known, case(kilde="a", eksportert="2026-11-01"))  # lists nobody
    assert len(silent.case.fosterfamilie.fosterforeldre) == 2


def test_a_corrected_name_keeps_the_parents_in_the_exports_order():
    """A conversation names a parent by place in foreldre: after the journal corrects the
    mother's name, she is still the first parent, the father the second."""
    parents = [{"rolle": "mor", "fornavn": "Kamilla"}, {"rolle": "far", "fornavn": "Per"}]
    known = case(kilde="a", eksportert="2026-10-01", foreldre=parents)
    fixed = [{"rolle": "mor", "fornavn": "Camilla"}, {"rolle": "far", "fornavn": "Per"}]
    merged = merge(known, case(kilde="a", eksportert="2026-11-01", foreldre=fixed)).case
    assert [f.fornavn for f in merged.foreldre] == ["Camilla", "Per"]


def test_returned_minutes_leave_the_case_the_kind_of_its_last_export(tmp_path):
    """Minutes come back between two journal exports: the next export is still the same kind
    as the one before, so what it changes is the case moving on (no disagreement listed, a
    foster parent who moved out is gone), and the findings still know what the export
    holds."""
    from omsorgspakke_docs.rendering import minutes_marker as mm

    from .conftest import make_workspace
    from .test_readback import fill_minutes

    ws = make_workspace(tmp_path)
    ws.drop("uke1.json", _exported("2026-11-20"))
    assert ws.run().files_failed == 0
    folder = ws.case_folder("2026-0777")
    minutes = (folder / "Referater" / "Barnet"
               / "Tema 0 - Oppfølging i flytteprosessen (kontakt 1).docx")
    ws.drop(minutes.name, fill_minutes(minutes, {mm.HELD.tag: "16.09.2026"}))
    assert ws.run().files_failed == 0
    state = [json.loads(p.read_text()) for p in (ws.state / "cases").glob("sak-*.json")]
    assert [s["kilde"] for s in state] == ["omsorgspakke-json"]

    later = _exported("2026-11-27")
    later["barn"]["etternavn"] = "Lindqvist"
    later["fosterfamilie"]["fosterforeldre"] = later["fosterfamilie"]["fosterforeldre"][:1]
    ws.drop("uke2.json", later)
    summary = ws.run(date(2026, 11, 29))
    assert summary.files_failed == 0 and summary.conflicts == 0
    assert not list(ws.outbox.rglob(CONFLICT_NOTE))
    assert "Jon Åge" not in docx_text(folder / "01 Oppfølgingsplan.docx")


def test_a_case_saved_with_the_minutes_kind_by_an_older_release_moves_on_with_its_export():
    """States written before returned minutes kept the export's kind hold kilde =
    referat-docx: the next export is taken as the case moving on, not as another system
    disagreeing (and a foster parent who moved out is gone)."""
    both = [{"fornavn": "Kari", "etternavn": "Lie"}, {"fornavn": "Per", "etternavn": "Lie"}]
    saved = case(kilde="referat-docx", eksportert="2026-10-01", barn={"etternavn": "Dahl"},
                 fosterfamilie={"fosterforeldre": both})
    result = merge(saved, case(kilde="a", eksportert="2026-11-01", barn={"etternavn": "Lie"},
                               fosterfamilie={"fosterforeldre": both[:1]}))
    assert result.conflicts == [] and result.case.kilde == "a"
    assert [f.fornavn for f in result.case.fosterfamilie.fosterforeldre] == ["Kari"]


@pytest.mark.parametrize(("path", "bokmal", "nynorsk"), [
    ("barn.fodselsdato", "Barnet: fødselsdato", "Barnet: fødselsdato"),
    ("foreldre[mor].telefon", "Forelder (mor): telefon", "Forelder (mor): telefon"),
    ("foreldre[1].poststed", "Forelder 2: poststed", "Forelder 2: poststad"),
    ("fosterfamilie.fosterforeldre[0].fornavn", "Fosterfamilien – fosterforelder 1: fornavn",
     "Fosterfamilien – fosterforelder 1: fornavn"),
    ("samtaler[barnet:1::].dato", "Samtale med barnet, tema 1: dato",
     "Samtale med barnet, tema 1: dato"),
    ("samtaler[foreldre:0:3:1].status",
     "Samtale med foreldrene (far), oppfølgingen i flytteprosessen, kontakt 3: status",
     "Samtale med foreldra (far), oppfølginga i flytteprosessen, kontakt 3: status"),
    ("samtaler[foreldre:2::0].dato", "Samtale med foreldrene (forelder 1), tema 2: dato",
     "Samtale med foreldra (forelder 1), tema 2: dato"),  # no role of their own
    ("vurderinger[barnet:3::].positivt", "Vurdering etter samtale med barnet, tema 3: hva er "
     "positivt", "Vurdering etter samtale med barnet, tema 3: kva som er positivt"),
    ("plassering.i_familie_og_nettverk", "Plasseringen: plassert i familie og nettverk",
     "Plasseringa: plassert i familie og nettverk"),
    ("samtaler[0].dato", "Samtale 1: dato", "Samtale 1: dato"),  # a note from before
    ("noe rart", "noe rart", "noe rart"),
])
def test_the_note_names_fields_in_words_a_caseworker_reads(path, bokmal, nynorsk):
    """«samtaler[0].dato» said nothing to the caseworker reading the note (helper 89)."""
    roles = (None, "far")  # two parents, the first without a role of their own
    assert field_words(path, tekst("bokmal"), roles) == bokmal
    assert field_words(path, tekst("nynorsk"), roles) == nynorsk


def test_a_conversation_and_a_parent_are_named_by_what_tells_them_apart():
    old = case(kilde="a", foreldre=[{"rolle": "far", "fornavn": "Per", "telefon": "1"}],
               samtaler=[{"part": "barnet", "tema": 2, "dato": "2026-11-02"}])
    new = case(kilde="b", foreldre=[{"rolle": "far", "fornavn": "Per", "telefon": "2"}],
               samtaler=[{"part": "barnet", "tema": 0, "nummer": 2, "dato": "2026-10-01"},
                         {"part": "barnet", "tema": 2, "dato": "2026-11-03"}])
    assert merge(old, new).conflicts == ["foreldre[far].telefon", "samtaler[barnet:2::].dato"]


def test_a_corrected_number_takes_its_own_date_but_a_d_number_keeps_the_registered_one():
    """A number corrected in the journal brings its own date; a D-number's date may be one
    an age assessment changed since, so the registered date stays (helper 92)."""
    from omsorgspakke_docs.domain.idnumber import check_digits

    from .conftest import synthetic_fnr

    known = case(kilde="a", eksportert="2026-11-01", barn={
        "fodselsnummer": synthetic_fnr(date(2015, 3, 14)), "fodselsdato": "2015-03-14"})
    corrected = case(kilde="a", eksportert="2026-11-20",
                     barn={"fodselsnummer": synthetic_fnr(date(2015, 4, 2))})
    assert merge(known, corrected).case.barn.fodselsdato is None  # the number's own date
    d_number = next(n + d for i in range(500, 700)
                    if (d := check_digits(n := f"548314{i:03d}")))
    later = case(kilde="a", eksportert="2026-11-20", barn={"fodselsnummer": d_number})
    assert merge(known, later).case.barn.fodselsdato == date(2015, 3, 14)



def _conversation(**fields) -> dict:
    return {"part": "foreldre", "tema": 0, "nummer": 1, "forelder": 0, **fields}


@pytest.mark.parametrize("status", [{"status": "planlagt"}, {}])
def test_a_conversation_cancelled_then_booked_again_is_planned_on_its_new_day(status):
    """The journal cancelled the mother's move contact, then booked it again for 4 December
    at 13:00: the new export has it planned (the default, or no status at all). It stayed
    cancelled, and the planner put the contact on a day of its own (helper 113)."""
    cancelled = case(kilde="a", eksportert="2026-11-24", samtaler=[
        _conversation(dato="2026-11-26", klokkeslett="10:00", status="avlyst")])
    booked = case(kilde="a", eksportert="2026-11-30", samtaler=[
        _conversation(dato="2026-12-04", klokkeslett="13:00", **status)])
    [samtale] = merge(cancelled, booked).case.samtaler
    assert (samtale.status, samtale.dato, samtale.klokkeslett) == (
        "planlagt", date(2026, 12, 4), "13:00")


def test_a_conversation_moved_to_a_day_without_a_time_keeps_no_time_of_the_old_day():
    before = case(kilde="a", eksportert="2026-11-24", samtaler=[
        _conversation(dato="2026-11-26", klokkeslett="10:00")])
    moved = case(kilde="a", eksportert="2026-11-30", samtaler=[_conversation(dato="2026-12-04")])
    [samtale] = merge(before, moved).case.samtaler
    assert (samtale.dato, samtale.klokkeslett) == (date(2026, 12, 4), None)
    # The same day again with no time: the time known stays (an export that leaves it out).
    again = case(kilde="a", eksportert="2026-12-01", samtaler=[_conversation(dato="2026-11-26")])
    [samtale] = merge(before, again).case.samtaler
    assert samtale.klokkeslett == "10:00"


def test_the_invitation_takes_the_day_the_journal_booked_after_cancelling(workspace):
    """End to end: the foster family's theme 2 cancelled in one export, booked again for 4
    December at 13:00 in the next; the invitation invites to that day and time."""
    first = canonical_case(eksportert="2026-11-20")
    first["samtaler"] = [*first["samtaler"], {
        "part": "fosterfamilien", "tema": 2, "dato": "2026-11-26", "klokkeslett": "10:00",
        "status": "avlyst"}]
    workspace.drop("sak.json", first)
    workspace.run(date(2026, 11, 20))
    again = canonical_case(eksportert="2026-11-23")
    again["samtaler"] = [*again["samtaler"], {
        "part": "fosterfamilien", "tema": 2, "dato": "2026-12-04", "klokkeslett": "13:00"}]
    workspace.drop("sak-2.json", again)
    workspace.run(date(2026, 11, 23))
    [letter] = workspace.documents("2026-0412", "Innkallinger/Fosterfamilien/Tema 2*.docx")
    text = docx_text(letter)
    assert "4. desember 2026" in text and "13.00" in text, text
