"""[archive] enabled: Fiks Arkiv packages for every final document, once per version."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from lxml import etree

from omsorgspakke_docs.archive import arkivmelding
from omsorgspakke_docs.archive import packages as archive_packages
from omsorgspakke_docs.rendering import pdf
from omsorgspakke_docs.store.state import State

from .conftest import EXAMPLES, ROOT, TODAY, canonical_case, case_folders, docx_text
from .test_sent_marks import _mark, _rows

needs_libreoffice = pytest.mark.skipif(
    pdf.find_soffice() is None, reason="LibreOffice (soffice) er ikke installert; .ci/run "
                                       "installerer det i CI")
NS = {"a": arkivmelding.NS, "m": arkivmelding.MDK}


def enable_archive(workspace, **extra) -> None:
    lines = ["", "[archive]", "enabled = true", 'folder = "til-arkiv"']
    lines += [f"{key} = {json.dumps(value)}" for key, value in extra.items()]
    with workspace.config_file.open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def packages(workspace) -> dict[str, etree._Element]:
    folder = workspace.root / "til-arkiv"
    return {p.name: etree.parse(str(p / "arkivmelding.xml")).getroot()
            for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def find(root, path: str) -> str:
    return root.findtext(path, namespaces=NS) or ""


def at_noon(day: date) -> float:
    """Noon of that day, as a file's modification time."""
    return time.mktime(day.timetuple()) + 12 * 3600


def archive_clock_on(monkeypatch, day: date) -> None:
    """The archive's clock (archive/packages.py time) at the start of that day: the runs
    after it happen on their days, after a document was saved before it."""
    now = time.mktime(day.timetuple())
    monkeypatch.setattr(archive_packages, "time", type("Clock", (), {"time": staticmethod(
        lambda: now)}))


def case_names(case: dict) -> list[str]:
    people = [case["barn"], *case["foreldre"], *case["fosterfamilie"]["fosterforeldre"]]
    return [part for p in people for part in (p.get("fornavn"), p.get("etternavn")) if part]


@needs_libreoffice
def test_every_package_validates_and_holds_tagged_pdfa_and_word(workspace):
    pikepdf = pytest.importorskip("pikepdf")
    enable_archive(workspace)
    case = canonical_case()
    workspace.drop("sak.json", case)
    assert workspace.cli() == 0
    made = packages(workspace)
    assert made, "no archive packages were written"
    kinds = {find(root, "a:registrering/a:journalposttype/m:kode") for root in made.values()}
    assert kinds == {"U", "N"}  # letters sent and the plan (an internal note)
    names = case_names(case)
    for name, root in made.items():
        folder = workspace.root / "til-arkiv" / name
        assert name.startswith("2026-0412-")
        arkivmelding.validate(etree.tostring(root))  # the official XSD
        public = find(root, "a:registrering/a:offentligTittel")
        assert "*****" in public and not any(n.lower() in public.lower() for n in names), public
        assert find(root, "a:registrering/a:skjerming/a:skjermingshjemmel") == \
            "Offl. § 13 jf. bvl. § 13-1"
        objects = root.findall(".//a:dokumentobjekt", NS)
        assert {find(o, "a:variantformat/m:kode") for o in objects} == {"A", "P"}
        for o in objects:
            assert (folder / find(o, "a:referanseDokumentfil")).is_file()
        with pikepdf.open(folder / "dokument.pdf") as doc:
            meta = doc.open_metadata()
            assert meta.get("pdfaid:part") == "2" and meta.get("pdfaid:conformance") == "B"
            assert meta.get("pdfuaid:part") == "1"
            assert str(doc.Root.Lang) == "nb-NO"
            assert "/StructTreeRoot" in doc.Root and doc.Root.MarkInfo.Marked
            assert doc.Root.ViewerPreferences.DisplayDocTitle
            assert str(doc.docinfo.get("/Title", ""))
        assert open_docx(str(folder / "dokument.docx")).paragraphs
    letters = [r for r in made.values()
               if find(r, "a:registrering/a:journalposttype/m:kode") == "U"]
    for root in letters:
        recipient = root.find("a:registrering/a:korrespondansepart", NS)
        assert find(recipient, "a:korrespondanseparttype/m:kode") == "EM"
        assert find(recipient, "a:korrespondansepartNavn")  # the recipient, by name
        assert recipient.find("a:kontaktperson", NS) is None  # a role is no contact person
    sender = root.findall("a:registrering/a:korrespondansepart", NS)[-1]
    assert find(sender, "a:saksbehandler/m:navn") == "Ingrid Bakke & Berg"
    assert find(root, "a:registrering/a:referanseForelderMappe/m:saksnummer/m:saksaar") == "2026"


@needs_libreoffice
def test_a_rerun_makes_nothing_and_a_taken_package_is_not_made_again(workspace):
    enable_archive(workspace)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    first = sorted(packages(workspace))
    taken = workspace.root / "til-arkiv" / first[0]
    for f in taken.iterdir():
        f.unlink()
    taken.rmdir()  # the archive's import took it
    assert workspace.cli() == 0
    assert sorted(packages(workspace)) == first[1:]


def filed_then_plan_edited(workspace, addition: str):
    """The canonical case run with the archive on; then the contact person adds a line to
    the plan. The plan's path and the packages made before the edit."""
    enable_archive(workspace, settle_minutes=0)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    before = set(packages(workspace))
    plan = workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx"
    doc = open_docx(str(plan))
    doc.add_paragraph(addition)
    doc.save(str(plan))
    return plan, before


@needs_libreoffice
def test_a_changed_final_document_makes_exactly_one_new_package(workspace):
    plan, before = filed_then_plan_edited(
        workspace, "Tillegg fra kontaktpersonen: samværet er flyttet til torsdager.")
    old = time.time() - 3600
    os.utime(plan, (old, old))
    assert workspace.cli() == 0
    new = set(packages(workspace)) - before
    assert len(new) == 1, new
    root = packages(workspace)[new.pop()]
    replaced = find(root, "a:registrering/a:kryssreferanse/a:referanseTilRegistrering"
                          "/m:referanseEksternNoekkel/m:noekkel")
    assert replaced.endswith("-v1")
    assert find(root, "a:registrering/a:referanseEksternNoekkel/m:noekkel").endswith("-v2")
    assert "Erstatter" in find(root, "a:registrering/a:merknad/a:merknadstekst")


@needs_libreoffice
def test_a_document_open_in_word_is_not_filed(workspace):
    plan, before = filed_then_plan_edited(workspace, "Under arbeid.")
    (plan.parent / "~$ Oppfølgingsplan.docx").write_bytes(b"owner")
    assert workspace.cli() == 0
    assert set(packages(workspace)) == before


def test_final_evaluation_is_filed_only_after_the_programme_year():
    from omsorgspakke_docs.archive.packages import RULES, _is_final
    from omsorgspakke_docs.planning.schedule import CasePlan

    plan = CasePlan(start=date(2026, 1, 5), slutt=date(2027, 1, 4))
    rule = RULES["sluttevaluering"]
    assert not _is_final(rule, None, None, plan, date(2027, 1, 4))
    assert _is_final(rule, None, None, plan, date(2027, 1, 5))


def test_public_title_masks_every_name_part():
    title = "Innkalling – Tema 1 – Sofie Lindqvist-Hansen – til Camilla Lindqvist"
    masked = arkivmelding.masked(title, ("Sofie Lindqvist-Hansen", "Camilla Lindqvist"))
    assert masked == "Innkalling – Tema 1 – ***** – til *****"


def test_an_invalid_message_is_refused():
    with pytest.raises(arkivmelding.InvalidMessage):
        arkivmelding.validate(b'<arkivmelding xmlns="%s"><system>x</system></arkivmelding>'
                              % arkivmelding.NS.encode())


def test_archive_without_libreoffice_stops_before_any_file_is_taken(workspace, monkeypatch,
                                                                  capsys):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    enable_archive(workspace)
    dropped = workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 2
    assert dropped.exists()
    assert "LibreOffice" in capsys.readouterr().err



def _name_parts(value) -> set[str]:
    """Every first and last name in a stored case (its people, however deeply nested)."""
    if isinstance(value, dict):
        found = {part for key in ("fornavn", "etternavn") if isinstance(value.get(key), str)
                 for part in value[key].split() if len(part) > 2}
        return found.union(*(_name_parts(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_name_parts(v) for v in value))
    return set()


@needs_libreoffice
def test_every_bundled_export_files_valid_packages_that_name_nobody_in_public(workspace):
    """Every example export the program ships, vendors' layouts included, with the archive on:
    each case that got documents gets packages, each message passes the official XSD, holds
    its Word file and its PDF/A-2b tagged PDF/UA in the document's language, and its public
    title names none of the case's people; a re-run makes no new package."""
    pikepdf = pytest.importorskip("pikepdf")
    enable_archive(workspace)
    exports = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix != ".md"
                     and p.name != "omsorgspakke.toml")
    assert len(exports) >= 9
    # The fixed-width list is read by the example plugin, as in the demo.
    shutil.copy2(ROOT / "plugins" / "example_fastbredde.py", workspace.root / "plugins")
    for name in exports:
        workspace.drop_example(name)
    assert workspace.cli() == 0
    assert not list(workspace.failed.glob("*.feil.txt")), "an example was set aside"
    made = packages(workspace)
    cases = sorted(p.name for p in case_folders(workspace.outbox))
    assert len(cases) >= 10
    for journalnummer in cases:
        assert any(name.startswith(f"{journalnummer}-") for name in made), journalnummer
    names = set().union(*(_name_parts(c.model_dump())
                          for c in State(workspace.state).all_cases()))
    assert len(names) > 20
    for name, root in made.items():
        arkivmelding.validate(etree.tostring(root))
        public = find(root, "a:registrering/a:offentligTittel").lower()
        assert not [n for n in names if n.lower() in public.split()], (name, public)
        folder = workspace.root / "til-arkiv" / name
        for o in root.findall(".//a:dokumentobjekt", NS):
            path = folder / find(o, "a:referanseDokumentfil")
            assert path.stat().st_size > 1000, (name, path.name)
        with pikepdf.open(folder / "dokument.pdf") as doc:
            meta = doc.open_metadata()
            assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance"),
                    meta.get("pdfuaid:part")) == ("2", "B", "1"), name
            word = open_docx(str(folder / "dokument.docx"))
            language = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}"
                                                f"/{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val"))
            assert str(doc.Root.Lang) == language and language in ("nb-NO", "nn-NO"), name
            assert "/StructTreeRoot" in doc.Root and doc.Root.MarkInfo.Marked, name
    assert workspace.cli() == 0
    assert set(packages(workspace)) == set(made)


def joint_minutes_packages(workspace) -> list[etree._Element]:
    return [root for root in packages(workspace).values()
            if find(root, "a:registrering/a:tittel").startswith("Referater – Felles møte")]


@needs_libreoffice
def test_the_joint_meetings_minutes_are_filed_once_written_in_and_the_meeting_over(workspace):
    """Nothing reads them back, so they are filed as written: not as made, not before the
    meeting, not while Word has them open; an edit afterwards files the new version."""
    enable_archive(workspace, settle_minutes=0)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    before_meeting, after_meeting = date(2027, 1, 4), date(2027, 2, 1)
    assert workspace.cli(today=before_meeting) == 0
    minutes = workspace.case_folder("2026-0412") / "Referater" / "Felles møte.docx"
    text = "\n".join(p.text for p in open_docx(str(minutes)).paragraphs)
    assert "Dagen etter møtet arkiveres det i journalen av seg selv" in text
    assert "skal ikke legges inn i fagsystemet for hånd" in text
    assert "Referatet legges i journalen i fagsystemet" not in text

    def write_in(line: str) -> None:
        doc = open_docx(str(minutes))
        doc.add_paragraph(line)
        doc.save(str(minutes))
        old = time.time() - 3600
        os.utime(minutes, (old, old))

    write_in("Forberedelse: spør om skolestart.")  # before the meeting: not yet
    assert workspace.cli(today=before_meeting) == 0
    assert joint_minutes_packages(workspace) == []
    write_in("Alle møtte. Avtale: samvær annenhver lørdag.")
    owner = minutes.parent / "~$lles møte.docx"
    owner.write_bytes(b"owner")  # open in Word
    assert workspace.cli(today=after_meeting) == 0
    assert joint_minutes_packages(workspace) == []
    owner.unlink()
    lock = minutes.parent / ".~lock.Felles møte.docx#"
    lock.write_text("Ingrid,host,...", encoding="utf-8")  # open in LibreOffice
    assert workspace.cli(today=after_meeting) == 0
    assert joint_minutes_packages(workspace) == []
    lock.unlink()
    assert workspace.cli(today=after_meeting) == 0
    [root] = joint_minutes_packages(workspace)
    assert find(root, "a:registrering/a:journalposttype/m:kode") == "N"
    assert "*****" in find(root, "a:registrering/a:offentligTittel")
    filed = root.getroottree().docinfo.URL
    assert "samvær annenhver lørdag" in "\n".join(
        p.text for p in open_docx(str(Path(filed).parent / "dokument.docx")).paragraphs)
    assert workspace.cli(today=after_meeting) == 0
    assert len(joint_minutes_packages(workspace)) == 1  # filed once
    write_in("Rettelse: samvær hver tredje lørdag.")
    assert workspace.cli(today=after_meeting) == 0
    assert len(joint_minutes_packages(workspace)) == 2
    assert any(find(r, "a:registrering/a:referanseEksternNoekkel/m:noekkel").endswith("-v2")
               for r in joint_minutes_packages(workspace))


@needs_libreoffice
def test_the_joint_meetings_minutes_as_made_are_not_filed(workspace):
    enable_archive(workspace, settle_minutes=0)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    assert workspace.cli(today=date(2027, 1, 4)) == 0
    assert (workspace.case_folder("2026-0412") / "Referater" / "Felles møte.docx").is_file()
    assert workspace.cli(today=date(2027, 2, 1)) == 0
    assert joint_minutes_packages(workspace) == []


def evaluation_packages(workspace) -> list[str]:
    return sorted(find(root, "a:registrering/a:tittel").split(" – ")[0]
                  for root in packages(workspace).values()
                  if find(root, "a:registrering/a:tittel").startswith("03 Sluttevaluering"))


@needs_libreoffice
def test_the_final_evaluation_is_filed_once_written_in_after_the_programme_year(workspace):
    """As made it is a form: every theme «Ikke vurdert ennå», the overall assessment empty.
    It was filed so on the one day between the programme's end and the case leaving scope."""
    enable_archive(workspace, settle_minutes=0)
    workspace.drop("sak.json", canonical_case())  # placed 14 September 2026
    assert workspace.cli() == 0
    folder = workspace.case_folder("2026-0412")
    child, foster = folder / "03 Sluttevaluering - Barnet.docx", \
        folder / "03 Sluttevaluering - Fosterfamilien.docx"
    text = "\n".join(p.text for p in open_docx(str(child)).paragraphs)
    assert ("Etter programmets siste dag, 13. september 2027, arkiveres den i journalen av "
            "seg selv") in text
    assert "Det gjelder i tre måneder etter siste dag" in text

    def write_in(path, line: str) -> None:
        doc = open_docx(str(path))
        doc.add_paragraph(line)
        doc.save(str(path))
        old = time.time() - 3600
        os.utime(path, (old, old))

    write_in(child, "Samlet vurdering: Sofie har funnet seg godt til rette.")
    assert workspace.cli(today=date(2027, 9, 13)) == 0  # the programme's last day
    assert evaluation_packages(workspace) == []
    # A week after the end: the case gets no more documents, but what is written is filed;
    # the forms nobody wrote in are not.
    assert workspace.cli(today=date(2027, 9, 20)) == 0
    assert evaluation_packages(workspace) == ["03 Sluttevaluering - Barnet"]
    assert workspace.cli(today=date(2027, 9, 21)) == 0
    assert evaluation_packages(workspace) == ["03 Sluttevaluering - Barnet"]  # once
    write_in(foster, "Samlet vurdering: fosterfamilien trenger veiledning videre.")
    assert workspace.cli(today=date(2027, 12, 13)) == 0  # three months after the placement year
    assert evaluation_packages(workspace) == ["03 Sluttevaluering - Barnet",
                                              "03 Sluttevaluering - Fosterfamilien"]
    write_in(child, "Tillegg etter fristen.")
    assert workspace.cli(today=date(2027, 12, 16)) == 0  # after them: journaled by hand
    assert len(evaluation_packages(workspace)) == 2


def test_the_archive_sees_the_joint_meeting_where_the_service_placed_it(workspace, monkeypatch):
    """The archive planned without [documents]: with the meeting after theme 3, one day
    after, it saw the default's date (weeks later), and the minutes were filed late."""
    from omsorgspakke_docs import config
    from omsorgspakke_docs.archive import packages as archive_packages
    from omsorgspakke_docs.plugins import manager_for
    from omsorgspakke_docs.run.workspace import Workspace as Run

    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write("\n[documents]\njoint_meeting_after_theme = 3\njoint_meeting_days_after = 1\n")
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    assert workspace.cli(today=date(2027, 1, 15)) == 0
    settings = config.load(workspace.config_file)
    ws = Run.open(settings, manager_for(settings))
    [case] = list(ws.state.all_cases())
    held = ws.state.load_plan(case.key)
    seen: list = []

    def watched(rule, doc, case, plan, today, ended=None):
        if rule.final_when == "meeting_over":
            seen.append(doc.meeting)
        return False

    monkeypatch.setattr(archive_packages, "_is_final", watched)
    archive_packages._final_documents(ws, date(2027, 2, 1), case, {},
                                      archive_packages.Forms(ws.state.folder / "skjema.json"))
    from omsorgspakke_docs.planning import schedule
    stored = schedule.as_stored(case, ws.programme, settings, ws.state, date(2027, 2, 1))
    assert held and seen == [stored.joint_meeting.dato]
    assert stored.joint_meeting.dato == date(2027, 1, 20)


@needs_libreoffice
def test_a_case_closed_in_the_journal_still_files_its_written_evaluation(workspace):
    """A case closed before its year was over left scope the day it closed, and the
    evaluation its documents promise to file was never filed."""
    enable_archive(workspace, settle_minutes=0)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    evaluation = workspace.case_folder("2026-0412") / "03 Sluttevaluering - Barnet.docx"
    doc = open_docx(str(evaluation))
    doc.add_paragraph("Samlet vurdering: Sofie flytter hjem, og det går godt.")
    doc.save(str(evaluation))
    old = time.time() - 3600
    os.utime(evaluation, (old, old))
    workspace.drop("sak.json", canonical_case(sluttdato="2027-03-01"))
    assert workspace.cli(today=date(2027, 3, 10)) == 0
    assert evaluation_packages(workspace) == ["03 Sluttevaluering - Barnet"]
    assert workspace.cli(today=date(2027, 6, 2)) == 0  # three months on: journaled by hand
    assert evaluation_packages(workspace) == ["03 Sluttevaluering - Barnet"]


@needs_libreoffice
def test_a_form_only_saved_again_is_not_filed_as_written_in(workspace, tmp_path):
    """Opened and saved with nothing written (LibreOffice here; Word's AutoSave alike), the
    evaluation's bytes are no longer ours, but it says what it said: still a form."""
    enable_archive(workspace, settle_minutes=0)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    evaluation = workspace.case_folder("2026-0412") / "03 Sluttevaluering - Barnet.docx"
    before = evaluation.read_bytes()
    saved = pdf.find_soffice()
    out = tmp_path / "lagret"
    subprocess.run([saved, "--headless", f"-env:UserInstallation=file://{tmp_path}/profil",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    str(evaluation)], check=True, capture_output=True, timeout=180)
    shutil.copyfile(out / evaluation.name, evaluation)
    assert evaluation.read_bytes() != before
    old = time.time() - 3600
    os.utime(evaluation, (old, old))
    assert workspace.cli(today=date(2027, 9, 20)) == 0  # a week after the programme's end
    assert evaluation_packages(workspace) == []
    doc = open_docx(str(evaluation))
    doc.add_paragraph("Samlet vurdering: Sofie har funnet seg godt til rette.")
    doc.save(str(evaluation))
    os.utime(evaluation, (old, old))
    assert workspace.cli(today=date(2027, 9, 21)) == 0
    assert evaluation_packages(workspace) == ["03 Sluttevaluering - Barnet"]


def _letters_filed(workspace) -> list[str]:
    return sorted(find(root, "a:registrering/a:tittel") for root in packages(workspace).values()
                  if find(root, "a:registrering/a:journalposttype/m:kode") == "U")


@needs_libreoffice
def test_a_letter_perhaps_sent_before_is_filed_once_marked_sent_with_that_date(workspace):
    """On the service's first day the parents' information letters are «Kan være sendt før»
    (sent by hand before, perhaps): not journaled as sent until staff mark one sent in Til
    utsending; then with the day they wrote as sendtDato. A letter not marked has none (helper
    112: every letter said it was sent at noon the day it was made)."""
    enable_archive(workspace)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    first = _letters_filed(workspace)
    assert first and not [t for t in first if "Informasjon" in t], first
    for root in packages(workspace).values():
        assert root.find("a:registrering/a:sendtDato", NS) is None
        assert find(root, "a:registrering/a:dokumentetsDato") == "2026-11-22"
    mother = next(r[2] for r in _rows(workspace.outbox / "Til utsending.xlsx")
                  if r[1] == "Forelder (mor)" and "Informasjon" in r[2])
    _mark(workspace.outbox / "Til utsending.xlsx", {mother: "20.11.2026"})
    assert workspace.cli(today=TODAY + timedelta(days=1)) == 0
    new = [t for t in _letters_filed(workspace) if t not in first and "Informasjon" in t]
    assert len(new) == 1 and "mor" in new[0], new  # the next day's invitations aside
    root = next(r for r in packages(workspace).values()
                if find(r, "a:registrering/a:tittel") == new[0])
    assert find(root, "a:registrering/a:sendtDato") == "2026-11-20T12:00:00"
    assert find(root, "a:registrering/a:dokumentetsDato") == "2026-11-22"  # its own date


@needs_libreoffice
def test_a_letter_lacking_something_it_shows_is_not_filed_until_it_is_complete(workspace):
    """A letter that shows «[mangler: …]» is not one anyone sends (Til utsending says «Ikke
    send»): it was journaled as sent (helper 112). The export that fills the gap makes it
    again, complete, and that one is filed; the plan is filed either way."""
    enable_archive(workspace)
    case = canonical_case()
    address = case["foreldre"][0]["adresse"]
    case["foreldre"][0]["adresse"] = None  # the mother's letters go by post
    workspace.drop("sak.json", case)
    assert workspace.cli() == 0
    lacking = [p for p in workspace.documents("2026-0412", "Innkallinger/**/*.docx")
               if "[mangler: adresse til mor]" in docx_text(p)]
    assert lacking, "no invitation lacks the mother's address: pick another field"
    filed = _letters_filed(workspace)
    assert not [p for p in lacking if any(p.stem in t for t in filed)], filed
    assert any(find(r, "a:registrering/a:journalposttype/m:kode") == "N"
               for r in packages(workspace).values())
    case["foreldre"][0]["adresse"] = address
    workspace.drop("sak-2.json", case)
    assert workspace.cli() == 0
    filed = _letters_filed(workspace)
    assert all(any(p.stem in t for t in filed) for p in lacking), filed


def test_the_public_title_masks_names_not_the_word_that_joins_them():
    title = "Tema 2 - Samvær og samarbeid – Informasjon – til Kari Øvrebø og Jon Åge Øvrebø"
    assert arkivmelding.masked(title, ("Kari Øvrebø og Jon Åge Øvrebø",)) == \
        "Tema 2 - Samvær og samarbeid – Informasjon – til ***** og *****"


def plan_packages(workspace) -> list[str]:
    return sorted(find(root, "a:registrering/a:referanseEksternNoekkel/m:noekkel")
                  for root in packages(workspace).values()
                  if find(root, "a:registrering/a:tittel").startswith("01 Oppfølgingsplan"))


@needs_libreoffice
def test_the_plan_is_filed_again_when_it_plans_anew_not_when_a_day_passes(workspace):
    """The plan is made again when a planned day passes (its status reads «Over fristen»,
    it shows that day's date): each such day gave the archive a new version of a plan that
    said nothing new (helper 112). New dates are a new version. So is the plan's note
    that the dates after a party's last conversation all passed unheld («ingen samtale
    registrert som holdt siden …»): said once, the day it first holds, not day by day."""
    enable_archive(workspace, settle_minutes=0)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    assert [key[-3:] for key in plan_packages(workspace)] == ["-v1"]
    plan = workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx"
    before = plan.read_bytes()
    assert workspace.cli(today=date(2026, 12, 20)) == 0
    assert plan.read_bytes() != before and "Over fristen" in docx_text(plan)
    assert "ingen samtale registrert som holdt siden" in docx_text(plan)
    assert [key[-3:] for key in plan_packages(workspace)] == ["-v1", "-v2"]
    assert workspace.cli(today=date(2026, 12, 21)) == 0
    assert [key[-3:] for key in plan_packages(workspace)] == ["-v1", "-v2"]
    case = canonical_case()
    case["samtaler"].append({"part": "barnet", "tema": 1, "nummer": 1, "dato": "2027-01-06",
                             "klokkeslett": "14:00", "status": "planlagt"})
    workspace.drop("sak.json", case)
    assert workspace.cli(today=date(2026, 12, 21)) == 0
    assert "6. januar 2027" in docx_text(plan)
    assert [key[-3:] for key in plan_packages(workspace)] == ["-v1", "-v2", "-v3"]
