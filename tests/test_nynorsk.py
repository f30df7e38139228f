"""Nynorsk: a municipality's cases in its own written standard, a recipient's letters in theirs.

The text catalogues, the programme, the dates and the templates (templates/nn/) are in
nynorsk; a municipality's own templates in one standard only fall back to the other, and
`omsorgspakke check` says so (template_folders.fallbacks).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import date

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from omsorgspakke_docs import config
from omsorgspakke_docs.domain import compliance, programme
from omsorgspakke_docs.rendering import template_folders
from omsorgspakke_docs.text import tekst

from .conftest import ROOT, canonical_case, docx_text, xlsx_rows

BOKMAL_ONLY = ("ikke", "jeg", "hva", "hvordan", "hvorfor", "noen", "mye", "dere", "hjem",
               "tjenesten", "hvem", "fosterhjemmet", "barnevernstjenesten", "ennå", "følelser",
               "fremtiden", "framtiden", "hvis", "deres", "hver", "fosterforeldrene",
               "foreldrene", "samtalene", "planene", "siden", "tidligere", "senere")
"""Words only bokmål has: none may be in a nynorsk document outside names and addresses."""
NYNORSK = ("ikkje", "kva", "korleis", "barnevernstenesta", "fosterheimen", "samtalane")
"""Words only nynorsk has: a nynorsk document set uses them."""


def _words(text: str) -> set[str]:
    import re
    return {w.lower() for w in re.findall(r"\w+", text)}  # ids (a_b_c) stay whole


def test_the_nynorsk_programme_uses_no_bokmal_only_words():
    nn = programme.load(programme.BUNDLED["nynorsk"]).model_dump_json()
    assert _words(nn) & set(BOKMAL_ONLY) == set()


def test_the_nynorsk_catalogue_uses_no_bokmal_only_words():
    import re
    text = re.sub(r"\{\w+\}", "", " ".join(str(v) for v in _leaves(tekst("nynorsk").data)))
    assert _words(text) & set(BOKMAL_ONLY) == set()


def _leaves(data):
    for value in data.values():
        yield from (_leaves(value) if isinstance(value, dict) else [value])


def _config(workspace, extra: str) -> None:
    workspace.config_file.write_text(
        workspace.config_file.read_text(encoding="utf-8").replace("[service]\n",
                                                                  "[service]\n" + extra),
        encoding="utf-8")


def test_a_nynorsk_municipality_gets_nynorsk_programme_dates_notes_and_folders(workspace):
    _config(workspace, 'malform = "nynorsk"\n')
    case = canonical_case()
    case["fosterfamilie"].pop("adresse", None)  # something missing: [manglar: ...]
    workspace.drop("sak.json", case)
    workspace.run()
    folder = workspace.case_folder("2026-0412")
    assert (folder / "Innkallingar").is_dir() and (folder / "Referat").is_dir()
    assert not (folder / "Innkallinger").exists()
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    weekdays = ("måndag", "tysdag", "onsdag", "torsdag", "fredag")
    assert any(f"{d} " in plan for d in weekdays)
    assert "tirsdag" not in plan and "mandag" not in plan
    assert "Barnet – mi historie" in plan and "Foreldre – framleis familie" in plan
    referat = docx_text(next((folder / "Referat" / "Barnet").glob("Tema 1 - *.docx")))
    assert "Kva hugsar du frå då du flytta, og korleis var det for deg?" in referat
    assert "Hva husker du" not in referat
    notes = (folder / "manglar.txt").read_text(encoding="utf-8")
    assert notes.startswith("Opplysningar som manglar i dokumenta")
    assert "  - adresse til fosterheimen" in notes
    assert not (folder / "mangler.txt").exists()


EXAMPLES_NN = ("sak-fjordvik-2026-0412.json", "saker-fjordvik-uke47.json",
               "bvr-modulus-2026-0587.xml")


def _data_values(value) -> set[str]:
    """Every text an example export carries (names, addresses, free text from the journal):
    the documents print them as written, in whatever standard the journal has them."""
    if isinstance(value, dict):
        return set().union(*(_data_values(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_data_values(v) for v in value)) if value else set()
    return {value} if isinstance(value, str) else set()


def _bokmal_words(text: str, data: set[str]) -> set[str]:
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return _words(text) & set(BOKMAL_ONLY)


def test_the_bundled_examples_in_a_nynorsk_municipality_are_nynorsk_throughout(workspace,
                                                                             monkeypatch):
    _config(workspace, 'malform = "nynorsk"\n')
    data = {"Barnevernstjenesten i Testvik", "Postboks 1"}
    for name in EXAMPLES_NN:
        workspace.drop_example(name)
        if name.endswith(".json"):
            data |= _data_values(json.loads((ROOT / "examples" / name).read_text("utf-8")))
    monkeypatch.setenv("OMSORGSPAKKE_WORKERS", "1")
    assert workspace.run().files_failed == 0
    words = ("måndag", "tysdag", "onsdag", "torsdag", "fredag")
    documents = sorted(workspace.outbox.rglob("*.docx"))
    assert len(documents) > 40
    for path in documents:
        doc = open_docx(str(path))
        assert doc.core_properties.language == "nn-NO", path.name
        assert _bokmal_words(docx_text(path), data) == set(), path.relative_to(workspace.outbox)
    plans = [docx_text(p) for p in workspace.outbox.rglob("01 Oppfølgingsplan.docx")]
    assert plans and all(any(f"{d} " in plan for d in words) for plan in plans)
    assert not any("tirsdag" in plan or "mandag" in plan for plan in plans)
    books = sorted(workspace.outbox.rglob("*.xlsx"))
    assert any(p.name == "Saksoversikt.xlsx" for p in books)
    for path in books:
        book = load_workbook(path)
        assert book.properties.language == "nn-NO", path.name
        cells = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows()
                         for c in row if isinstance(c.value, str))
        sheets = " ".join(ws.title for ws in book.worksheets)
        assert _bokmal_words(cells + " " + sheets, data) == set(), path.name
    notes = [p.read_text("utf-8") for p in workspace.outbox.rglob("manglar.txt")]
    assert notes and not list(workspace.outbox.rglob("mangler.txt"))
    assert all(_bokmal_words(n, data) == set() for n in notes)
    # The team leader's findings and the staff's list of letters, in the service's nynorsk.
    avvik = xlsx_rows(workspace.outbox / "Saksoversikt.xlsx", "Avvik")
    assert any("Lovbrot" in row or "Avvik frå Omsorgspakken" in row for row in avvik)
    sending = xlsx_rows(workspace.outbox / "Til utsending.xlsx",
                        load_workbook(workspace.outbox / "Til utsending.xlsx").sheetnames[0])
    assert any("Digitalt" in row for row in sending)
    assert any(str(c).startswith(("2026-0412/Innkallingar/", "2026-0412/02 Informasjonsbrev"))
               for row in sending for c in row)


FJELLVIK = """
[kommuner."4698"]
malform = "nynorsk"
navn = "Barnevernstenesta i Fjellvik"
kommunenavn = "Fjellvik kommune"
adresse = "Postboks 40"
besoksadresse = "Tunvegen 2, 6899 Fjellvik"
postnummer = "6899"
poststed = "Fjellvik"
"""


def _without_bokmal_documents(listing: str) -> Iterator[str]:
    """manglar.txt without the fields of documents it says are in bokmål."""
    skipping = False
    for line in listing.splitlines():
        if not line.startswith("  - "):
            skipping = "(på bokmål" in line
        if not skipping:
            yield line


def _texts(folder) -> dict[str, str]:
    """Every document of a case folder as text, by its path in the folder."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".docx":
            out[path.relative_to(folder).as_posix()] = docx_text(path)
        elif path.suffix == ".xlsx":
            book = load_workbook(path)
            out[path.relative_to(folder).as_posix()] = " ".join(
                [ws.title for ws in book.worksheets]
                + [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
                   if isinstance(c.value, str)])
        elif path.suffix == ".txt":
            out[path.relative_to(folder).as_posix()] = path.read_text("utf-8")
        elif path.suffix == ".ics":  # as a calendar shows it: folded lines joined, unescaped
            # (a fold may fall inside a word: «deres eg» + «ne følelser» is not «eg»)
            text = path.read_text("utf-8").replace("\r\n ", "").replace("\n ", "")
            for escaped, plain in (("\\n", "\n"), ("\\,", ","), ("\\;", ";")):
                text = text.replace(escaped, plain)
            out[path.relative_to(folder).as_posix()] = text
    return out


def test_the_nynorsk_demo_case_has_every_document_kind_in_nynorsk(workspace):
    """The demo's Fjellvik case (kommunenummer 4698, nynorsk) beside a bokmål case of the
    same inter-municipal service: every document kind of Fjellvik opened and read; only the
    letters to the father, who asked for bokmål, are in bokmål; the bokmål case is as before."""
    # The service gives no phone or e-mail: the father's letters show their gaps in bokmål.
    config = "".join(line for line in workspace.config_file.read_text(
        encoding="utf-8").splitlines(keepends=True) if not line.startswith(("telefon", "epost")))
    workspace.config_file.write_text(config + FJELLVIK, encoding="utf-8")
    workspace.drop_example("sak-fjellvik-2026-0520.json")
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    assert workspace.run().files_failed == 0
    example = json.loads((ROOT / "examples" / "sak-fjellvik-2026-0520.json").read_text("utf-8"))
    data = _data_values(example)
    texts = _texts(workspace.case_folder("2026-0520"))
    father = {name for name in texts if name.endswith(" - far.docx") and "Innkallingar" in name}
    father |= {name for name in texts if name.startswith("02 Informasjonsbrev")
               and "og kontaktperson for" in texts[name] and "Jeg er " in texts[name]}
    assert len(father) >= 2  # his invitations and his information letter
    kinds = {"01 Oppfølgingsplan.docx", "04 Oppfølgingsoversikt.xlsx", "manglar.txt"}
    assert kinds <= set(texts)
    for prefix in ("02 Informasjonsbrev", "03 Sluttevaluering", "Innkallingar/", "Referat/",
                   "Kalender/"):
        assert any(name.startswith(prefix) for name in set(texts) - father), prefix
    for name, text in texts.items():
        if name == "manglar.txt":  # the father's letters' fields, as they show them
            assert "far.docx (på bokmål, der felta står som [mangler: ...]):" in text
            text = "\n".join(_without_bokmal_documents(text))
        if name in father:
            assert _words(text) & {"ikke", "jeg"}, name
            continue
        assert _bokmal_words(text, data) == set(), name
    nynorsk = " ".join(text for name, text in texts.items() if name not in father)
    assert set(NYNORSK) <= _words(nynorsk)
    for path in workspace.case_folder("2026-0520").rglob("*.docx"):
        language = open_docx(str(path)).core_properties.language
        expected = "nb-NO" if path.relative_to(
            workspace.case_folder("2026-0520")).as_posix() in father else "nn-NO"
        assert language == expected, path.name
    plan = texts["01 Oppfølgingsplan.docx"]
    assert "Barnevernstenesta i Fjellvik" in plan and "Tunvegen 2" in plan
    assert "Rådhusgata" not in plan  # Fjellvik's own office, not the service's
    assert any(f"{d} " in plan for d in ("måndag", "tysdag", "onsdag", "torsdag", "fredag"))
    assert "dagar sidan" in plan or "dagar)" in plan  # the planner's notes, in nynorsk
    # The bokmål municipality's case is bokmål throughout, as before.
    bokmal = _texts(workspace.case_folder("2026-0412"))
    assert "mangler.txt" in bokmal and "Innkallinger" in " ".join(bokmal)
    assert _words(bokmal["01 Oppfølgingsplan.docx"]) & {"ikke", "hvordan", "samtalene"}
    assert not _words(" ".join(bokmal.values())) & {"ikkje", "korleis", "kva", "eg"}


def test_plan_notes_and_reasons_are_said_in_nynorsk():
    nn = tekst("nynorsk")
    assert nn.note("Datoen er registrert i fagsystemet.", "planmerknad") == (
        "Datoen er registrert i fagsystemet.")
    assert nn.note("Foreldre (mor), tema 3: planlagt 2. november 2026, men ikke registrert som "
                   "holdt. Flyttet til 16. november 2026; ny innkalling lages senest 6. "
                   "november 2026 og legges i mappen Innkallinger.", "planmerknad") == (
        "Foreldre (mor), tema 3: planlagd 2. november 2026, men ikkje registrert som halden. "
        "Flytta til 16. november 2026; ny innkalling blir laga seinast 6. november 2026 og "
        "lagd i mappa Innkallingar.")
    assert nn.note("Foreldre (mor), flyttesamtale (kontakt 2): planlagt 2. november 2026, men "
                   "ikke registrert som holdt. Flyttet til 16. november 2026; ny innkalling "
                   "lages senest 15. november 2026 og legges i mappen Innkallinger.",
                   "planmerknad") == (
        "Foreldre (mor), flyttesamtale (kontakt 2): planlagd 2. november 2026, men ikkje "
        "registrert som halden. Flytta til 16. november 2026; ny innkalling blir laga seinast "
        "15. november 2026 og lagd i mappa Innkallingar.")
    assert nn.note("Det er ikke plass til det felles møtet før programmets siste dag, 13. "
                   "september 2027. Avtal en dato med kontaktpersonens leder.", "planmerknad") \
        == ("Det er ikkje plass til det felles møtet før den siste dagen i programmet, 13. "
            "september 2027. Avtal ein dato med leiaren til kontaktpersonen.")
    assert nn.note("Det felles møtet var planlagt 6. november 2026, men temaet det bygger på er "
                   "nå planlagt 10. november 2026. Møtet er flyttet til 13. november 2026; nye "
                   "invitasjoner lages senest 3. november 2026 og legges i mappen Innkallinger.",
                   "planmerknad") == (
        "Det felles møtet var planlagt 6. november 2026, men temaet det byggjer på er no "
        "planlagt 10. november 2026. Møtet er flytta til 13. november 2026; nye invitasjonar "
        "blir laga seinast 3. november 2026 og lagde i mappa Innkallingar.")
    assert nn.note("Kontoret holder stengt i juleferien.", "planmerknad") == (
        "Kontoret held stengt i juleferien.")
    for key, text in tekst("bokmal").table("planmerknad").items():
        example = re.sub(r"\{\w+\}", "X", text)
        assert nn.note(example, "planmerknad") == re.sub(
            r"\{\w+\}", "X", nn(f"planmerknad.{key}")), key


def test_the_findings_are_worded_in_the_standard_asked_for():
    case = canonical_case()
    from omsorgspakke_docs.domain.model import Case
    from omsorgspakke_docs.planning import schedule
    c = Case.model_validate(case)
    settings = config.Settings()
    nb_programme = programme.load(programme.BUNDLED["bokmal"])
    nn_programme = programme.load(programme.BUNDLED["nynorsk"])
    later = date(2027, 6, 1)
    plan = schedule.plan_case(c, nb_programme, settings.schedule, later)
    nb = compliance.check(c, plan, nb_programme, later, settings.compliance)
    nn = compliance.check(c, plan, nn_programme, later, settings.compliance, tekst("nynorsk"))
    assert nb and [f.kind for f in nb] == [f.kind for f in nn]
    assert all(_words(f.hva) & set(BOKMAL_ONLY) == set() for f in nn), [f.hva for f in nn]
    assert any(f.hjemmel.startswith("barnevernslova") for f in nn)


def test_check_names_the_documents_that_fall_back_to_the_other_standard(tmp_path):
    own = tmp_path / "maler"
    shutil.copytree(ROOT / "templates" / "nb", own / "nb")
    fallbacks = template_folders.fallbacks(own, {"referat.docx"})
    assert fallbacks == ["referat.docx: dokumenter på nynorsk bruker malen på bokmål "
                         "(nb/referat.docx)"]
    assert template_folders.fallbacks(ROOT / "templates", {"referat.docx"}) == []


def test_the_nynorsk_templates_use_the_same_fields_as_the_bokmal_ones():
    assert template_folders.same_fields(ROOT / "templates") == []
    assert sorted(p.name for p in (ROOT / "templates" / "nn").iterdir()) == sorted(
        p.name for p in (ROOT / "templates" / "nb").iterdir())


def test_an_inter_municipal_service_writes_each_municipalitys_cases_in_its_standard(workspace):
    _config(workspace, 'malform = "bokmal"\n')
    workspace.config_file.write_text(
        workspace.config_file.read_text(encoding="utf-8")
        + '\n[kommuner."4640"]\nmalform = "nynorsk"\nnavn = "Barnevernstenesta i Sogndal"\n'
        'kommunenavn = "Sogndal"\n',
        encoding="utf-8")
    nynorsk = canonical_case(journalnummer="2026-0901", kommunenummer="4640")
    nynorsk["tjeneste"] = {"kommunenummer": "4640"}
    bokmal = canonical_case(journalnummer="2026-0902")
    workspace.drop("nn.json", nynorsk)
    workspace.drop("nb.json", bokmal)
    workspace.run()
    nn_folder, nb_folder = workspace.case_folder("2026-0901"), workspace.case_folder("2026-0902")
    assert (nn_folder / "Innkallingar").is_dir() and (nb_folder / "Innkallinger").is_dir()
    assert "Barnevernstenesta i Sogndal" in docx_text(nn_folder / "01 Oppfølgingsplan.docx")
    assert "Barnet – mi historie" in docx_text(nn_folder / "01 Oppfølgingsplan.docx")
    assert "Barnet – min historie" in docx_text(nb_folder / "01 Oppfølgingsplan.docx")


def test_a_parent_who_asked_for_bokmal_gets_bokmal_letters_in_a_nynorsk_municipality(workspace):
    _config(workspace, 'malform = "nynorsk"\n')
    case = canonical_case()
    case["foreldre"][0]["malform"] = "bokmal"
    workspace.drop("sak.json", case)
    workspace.run()
    folder = workspace.case_folder("2026-0412")
    mother, father = (docx_text(folder / f"02 Informasjonsbrev til foreldre - {role}.docx")
                      for role in ("mor", "far"))
    assert "Samtalene det første året" in mother
    assert "Jeg er barnevernskonsulent og kontaktperson" in mother
    assert "Samtalane det første året" in father
    assert "Eg er barnevernskonsulent og kontaktperson" in father
    # The plan follows the municipality.
    assert "Foreldre – framleis familie" in docx_text(folder / "01 Oppfølgingsplan.docx")


@pytest.mark.parametrize("raw, message", [
    ({"service": {"malform": "samisk"}}, 'malform skal være "bokmal" eller "nynorsk"'),
    ({"kommuner": {"46": {}}}, "kommunenummeret skal ha fire siffer"),
    ({"kommuner": {"4640": {"malform": "nynorsk", "fax": "1"}}}, "ukjent innstilling fax"),
    ({"programme": {"nynorsk": "a.toml", "fil": "b.toml"}}, "ukjent innstilling fil"),
])
def test_check_refuses_bad_malform_settings(tmp_path, raw, message):
    with pytest.raises(config.ConfigError, match=message):
        config._build(raw, tmp_path, None)


def test_a_municipality_with_its_own_programme_in_one_standard_uses_it_for_both(tmp_path):
    own = tmp_path / "var.toml"
    own.write_text(programme.BUNDLED["bokmal"].read_text(encoding="utf-8"), encoding="utf-8")
    settings = config._build({"programme": {"bokmal": "var.toml"}}, tmp_path, None)
    assert programme.source(settings, "nynorsk") == own
    assert programme.source(config.Settings(), "nynorsk") == programme.BUNDLED["nynorsk"]


def test_a_mapping_file_sets_a_parents_written_standard(tmp_path):
    from omsorgspakke_docs.adapters.mapping.adapter import MappingAdapter
    from omsorgspakke_docs.adapters.mapping.spec import load

    from .test_mapping import CSV_MAPPING, ROWS, write

    text = CSV_MAPPING.replace(
        'felt."foreldre[].tolk" = "Tolk"',
        'felt."foreldre[].tolk" = "Tolk"\n'
        'felt."foreldre[].malform" = { kilde = "Tolk", verdier = { "ja" = "bokmal", '
        '"nei" = "nynorsk" } }')
    adapter = MappingAdapter(load(write(tmp_path, "m.toml", text)))
    first, _ = adapter.read(write(tmp_path, "rapport.csv", ROWS))
    assert {f.malform for f in first.foreldre} <= {"bokmal", "nynorsk", None}
    assert any(f.malform for f in first.foreldre)


def test_a_failed_file_in_a_nynorsk_service_gets_its_note_in_nynorsk(workspace):
    _config(workspace, 'malform = "nynorsk"\n')
    workspace.drop("tom.json", "")
    workspace.drop("rart.pdf", "%PDF-1.4 ikkje ein eksport\n")
    workspace.drop("odelagt-eksport.json", '{"sak": ')
    workspace.run()
    notes = {p.name: p.read_text("utf-8") for p in workspace.failed.glob("*.feil.txt")}
    assert notes["tom.json.feil.txt"].startswith("Fila «tom.json» kunne ikkje behandlast.")
    assert "Fila er tom." in notes["tom.json.feil.txt"]
    assert "Fila er eit PDF-dokument." in notes["rart.pdf.feil.txt"]
    assert "Fila ser ut til å vere avkorta" in notes["odelagt-eksport.json.feil.txt"]
    assert "Lag eksporten på nytt" in notes["odelagt-eksport.json.feil.txt"]
    for note in notes.values():
        assert _bokmal_words(note, set()) == set(), note


def test_what_did_not_match_a_mapping_is_said_in_nynorsk(workspace):
    """The "Dette passet ikke" lines of a file no adapter claims, in a nynorsk service."""
    _config(workspace, 'malform = "nynorsk"\n')
    workspace.drop("rapport.csv", "Journalnr;Anna\n1;2\n")  # like Familia's, not it
    workspace.run()
    note = next(workspace.failed.glob("rapport.csv.feil.txt")).read_text("utf-8")
    assert "Dette passa ikkje:" in note and "finst ikkje i overskriftsrada" in note
    assert "Dette passet ikke" not in note and "finnes ikke" not in note
    assert _bokmal_words(note, set()) == set(), note


def test_every_bokmal_message_pattern_finds_itself():
    nb, nn = tekst("bokmal"), tekst("nynorsk")
    for key, text in nb.table("feilmelding").items():
        example = re.sub(r"\{\w+\}", "X", text)
        assert nn.note(example) == re.sub(r"\{\w+\}", "X", nn(f"feilmelding.{key}")), key


@pytest.mark.parametrize(("change", "words"), [
    (("28.09.2026", "1"), ("datoen kan ikkje lesast", "leggje til datoformatet")),
    (("28.09.2026", "2026/09/28"),
     ("Han er skriven på forma 2026/12/31.", "leggje til datoformatet")),
    ((",Fosterhjem,", ",Institusjon,"), ("verdien står ikkje i verdilista", "verdilista for")),
])
def test_a_value_a_mapping_cannot_read_is_explained_in_nynorsk(workspace, change, words):
    """The note for a date or a value a mapping cannot read was bokmål in a nynorsk service."""
    _config(workspace, 'malform = "nynorsk"\n')
    text = (ROOT / "examples" / "vendor-acos-sakliste.csv").read_text(encoding="utf-8-sig")
    assert change[0] in text
    workspace.drop("sakliste.csv", text.replace(*change, 1))
    workspace.run()
    note = (workspace.failed / "sakliste.csv.feil.txt").read_text("utf-8")
    assert all(w in note for w in words), note
    assert _bokmal_words(note, set()) == set(), note


@pytest.mark.parametrize(("name", "data", "words"), [
    ("kolonne.csv", lambda text: text.replace("Barnets etternavn", "Etternavn barn").encode(),
     ("(meinte du «Barnets fornavn»?)", "Har ein kolonne fått nytt namn, må IT rette mappingfila")),
    ("koding.csv", lambda text: text.encode("cp1252"),
     ("Mappinga «acos-barnevern-sakliste» kunne ikkje lese fila", "i mappingfila")),
])
def test_a_column_or_encoding_a_mapping_lacks_is_explained_in_nynorsk(workspace, name, data,
                                                                     words):
    """The missing column's «mente du» and advice, and a wrong encoding, were bokmål."""
    _config(workspace, 'malform = "nynorsk"\n')
    text = (ROOT / "examples" / "vendor-acos-sakliste.csv").read_text(encoding="utf-8-sig")
    workspace.drop(name, data(text))
    workspace.run()
    note = (workspace.failed / f"{name}.feil.txt").read_text("utf-8")
    assert all(w in note for w in words), note
    for bokmal in ("mente du", "disse", "mappingfilen", "kunne ikke", "filen"):
        assert bokmal not in note, note


def test_the_placements_legal_basis_names_the_act_in_the_documents_standard(tmp_path):
    """A journal (or SSB's codes, read by an adapter) gives «barnevernsloven § 4-2»: a
    nynorsk plan names the act «barnevernslova», as its own text around it does."""
    from .doc_helpers import case_context, render
    case = canonical_case()
    case["plassering"]["lovhjemmel"] = "barnevernsloven § 4-2 første ledd"
    for malform, act in (("nynorsk", "barnevernslova"), ("bokmal", "barnevernsloven")):
        plan = render(case_context(case).in_malform(malform), "oppfolgingsplan",
                      tmp_path / malform)
        text = docx_text(next(iter(plan.values())))
        assert f"{act} § 4-2 første ledd" in text, malform
        if malform == "nynorsk":
            assert "barnevernsloven" not in text
