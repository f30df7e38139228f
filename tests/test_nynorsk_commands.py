"""A nynorsk service hears nynorsk from every command, not only from run and watch: the IT
commands (check, status, templates, inspect) and a configuration error, in the standard
config.Settings.messages_malform chooses (config.messages_malform_of). A bokmål service reads
them as before. A configuration file that cannot be read cannot tell its standard: bokmål."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from omsorgspakke_docs.archive import packages
from omsorgspakke_docs.cli import main
from omsorgspakke_docs.rendering import pdf
from omsorgspakke_docs.store.state import State
from omsorgspakke_docs.text import tekst

from .conftest import ROOT, canonical_case
from .test_nynorsk import BOKMAL_ONLY, _config, _words
from .test_template_tools import word

BOKMAL_PHRASES = ("ADVARSEL", "finnes", "maler", "Fant", "kjør", "adaptere", "ukjent",
                  "være", "skrives", "mappen", "feilmappen", "behandlet", "laget", "nå")
"""Bokmål words besides test_nynorsk.BOKMAL_ONLY that the commands' own lines used."""


def _nothing_bokmal(text: str, *where) -> None:
    for path in where:
        text = text.replace(str(path), "")
    assert _words(text) & set(BOKMAL_ONLY) == set(), text
    assert [p for p in BOKMAL_PHRASES if re.search(rf"\b{p}\b", text)] == [], text


def _say(capsys, workspace, *args: str) -> tuple[int, str]:
    code = main([*args, "--config", str(workspace.config_file)])
    out = capsys.readouterr()
    return code, out.out + out.err


def _nynorsk(workspace, kommuner: bool = False) -> None:
    """A nynorsk service, its name in nynorsk as check asks (test_check_names_...)."""
    if kommuner:  # no [service] malform; every municipality writes nynorsk
        workspace.config_file.write_text(
            workspace.config_file.read_text(encoding="utf-8")
            + '\n[kommuner."4640"]\nmalform = "nynorsk"\n'
            'navn = "Barnevernstenesta i Testvik"\n', encoding="utf-8")
    else:
        _config(workspace, 'malform = "nynorsk"\n')
        workspace.config_file.write_text(workspace.config_file.read_text(
            encoding="utf-8").replace("Barnevernstjenesten i Testvik",
                                      "Barnevernstenesta i Testvik"), encoding="utf-8")


# -- check ----------------------------------------------------------------------------------

def _check_with_problems(capsys, workspace) -> tuple[int, str]:
    """check with a missing inbox and a sample no adapter knows: FEIL lines and the end."""
    workspace.inbox.rmdir()
    sample = workspace.root / "ukjend.xml"
    sample.write_text("<x/>", encoding="utf-8")
    return _say(capsys, workspace, "check", "--sample", str(sample))


@pytest.mark.parametrize("kommuner", [False, True])
def test_check_speaks_nynorsk_to_a_nynorsk_service(capsys, workspace, kommuner):
    _nynorsk(workspace, kommuner)
    code, said = _check_with_problems(capsys, workspace)
    assert code == 1
    lines = said.splitlines()
    assert f"FEIL      innboksen {workspace.inbox} finst ikkje (inbox er ikkje sett under " \
           "[paths] i omsorgspakke.toml, og programmet ser etter innboksen der), så «run» og " \
           "«watch» stoppar. Lag mappa, eller skriv stien til innboksen under [paths]." in lines
    assert "FEIL      prøvefil: ingen adapter kjenner att fila." in lines
    assert "FEIL      prøvefil, mappinga «acos-barnevern-kontaktrapport»: rotelementet er <x>, " \
           "mappinga ventar <AcosRapport>." in lines
    assert "Fann 3 feil. Rett det som står som FEIL, og køyr «omsorgspakke check» på nytt." \
        in lines
    assert any(line.startswith("OK        malar: ") and line.endswith("ingen problem")
               for line in lines), said
    _nothing_bokmal(said, workspace.root, ROOT)


def test_check_in_a_nynorsk_service_with_nothing_wrong(capsys, workspace):
    _nynorsk(workspace)
    code, said = _say(capsys, workspace, "check")
    assert code == 0
    # Four shipped mapping files have the example municipality number.
    assert said.splitlines()[-1] == "Ingen feil, men sjå 4 åtvaringar over før oppsettet blir " \
        "teke i bruk."
    _nothing_bokmal(said, workspace.root, ROOT)


@pytest.mark.parametrize("kommuner", [False, True])
def test_check_names_a_nynorsk_letterhead_written_in_bokmal(capsys, workspace, kommuner):
    """A nynorsk service whose name is «Barnevernstjenesten i …» printed it in the head,
    signature and sentences of every nynorsk letter; check said «Ingen feil» (helper 115)."""
    _nynorsk(workspace, kommuner)
    workspace.config_file.write_text(workspace.config_file.read_text(
        encoding="utf-8").replace("Barnevernstenesta i Testvik", "Barnevernstjenesten i Testvik"),
        encoding="utf-8")
    code, said = _say(capsys, workspace, "check")
    assert code == 0
    where = '[kommuner."4640"]' if kommuner else "[service]"
    assert (f"ÅTVARING  {where}: navn «Barnevernstjenesten i Testvik» er skrive på bokmål "
            "(«tjenesten»), men dokumenta er på nynorsk, og namnet står i brevhovudet og i "
            "setningane i kvart brev. Skriv namnet slik kommunen skriv det på nynorsk, til "
            "dømes «Barnevernstenesta i Testvik».") in said.splitlines()


def test_check_speaks_bokmal_as_before(capsys, workspace):
    code, said = _check_with_problems(capsys, workspace)
    assert code == 1
    lines = said.splitlines()
    assert f"FEIL      innboksen {workspace.inbox} finnes ikke (inbox er ikke satt under " \
           "[paths] i omsorgspakke.toml, og programmet ser etter innboksen der), så «run» og " \
           "«watch» stopper. Lag mappen, eller skriv stien til innboksen under [paths]." in lines
    assert "FEIL      prøvefil: ingen adapter kjenner den igjen." in lines
    assert "FEIL      prøvefil, mappingen «acos-barnevern-kontaktrapport»: rotelementet er <x>, " \
           "mappingen venter <AcosRapport>." in lines
    assert "Fant 3 feil. Rett det som står som FEIL, og kjør «omsorgspakke check» på nytt." \
        in lines
    assert any(line.startswith("OK        maler: ") and line.endswith("ingen problemer")
               for line in lines), said


# -- configuration errors -------------------------------------------------------------------

WRONG = {
    "an unknown key": ("tull = 1\n", "ukjend innstilling tull.", "ukjent innstilling tull."),
    "a time": ('[schedule]\nvisit_time = "ni"\n',
               "[schedule]: visit_time skal skrivast som TT:MM eller TT.MM, t.d. 09:30.",
               "[schedule]: visit_time skrives som TT:MM eller TT.MM, f.eks. 09:30."),
    "a choice": ('[documents]\ndelivery_child = "brevdue"\n',
                 '[documents]: delivery_child må vere "digitalt" eller "post".',
                 '[documents]: delivery_child må være "digitalt" eller "post".'),
    "the law's minimum": ("[compliance]\nvisits_per_year = 2\n",
                          "[compliance] lova krev minst fire oppfølgingsbesøk i året",
                          "[compliance] loven krever minst fire oppfølgingsbesøk i året"),
    "an archive class": ('[archive]\nklassering = ["F47"]\n',
                         "[archive] klassering: «F47» må skrivast som «system:klasse», til dømes "
                         "«ARKNOKKEL:F47».",
                         "[archive] klassering: «F47» må skrives som «system:klasse», for "
                         "eksempel «ARKNOKKEL:F47»."),
}


def _wrong(workspace, what: str) -> None:
    workspace.config_file.write_text(
        WRONG[what][0] + workspace.config_file.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.parametrize("what", WRONG)
@pytest.mark.parametrize("command", ["run", "check", "status"])
def test_a_configuration_error_is_said_in_nynorsk(capsys, workspace, what, command):
    _nynorsk(workspace)
    _wrong(workspace, what)
    code, said = _say(capsys, workspace, command)
    assert code == (1 if command == "check" else 2)
    assert WRONG[what][1] in said
    _nothing_bokmal(said, workspace.root, ROOT)


@pytest.mark.parametrize("what", WRONG)
def test_a_configuration_error_is_said_in_bokmal_as_before(capsys, workspace, what):
    _wrong(workspace, what)
    code, said = _say(capsys, workspace, "run")
    assert code == 2
    assert WRONG[what][2] in said


def test_every_municipality_nynorsk_hears_a_configuration_error_in_nynorsk(capsys, workspace):
    _nynorsk(workspace, kommuner=True)
    _wrong(workspace, "a time")
    _, said = _say(capsys, workspace, "run")
    assert "visit_time skal skrivast som TT:MM eller TT.MM, t.d. 09:30." in said


def test_a_configuration_file_that_cannot_be_read_is_said_in_its_lines_standard(capsys,
                                                                                workspace):
    """Not TOML as a whole, its malform line is still read (helper 503; it was said in
    bokmål): nynorsk."""
    _nynorsk(workspace)
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8")
                                     + "[schedule\n", encoding="utf-8")
    code, said = _say(capsys, workspace, "check")
    assert code == 1
    assert "har ein syntaksfeil" in said and "Fann 1 feil." in said


# -- status ---------------------------------------------------------------------------------

def _status_after_a_run(capsys, workspace) -> tuple[int, str]:
    """A case processed, an empty file set aside, a hard link the inbox never takes."""
    workspace.drop("sak.json", canonical_case())
    workspace.drop("tom.json", "")
    workspace.cli()
    elsewhere = workspace.root / "utanfor.json"
    elsewhere.write_text(json.dumps(canonical_case()), encoding="utf-8")
    (workspace.inbox / "lenkje.json").hardlink_to(elsewhere)
    capsys.readouterr()
    return _say(capsys, workspace, "status")


@pytest.mark.parametrize("kommuner", [False, True])
def test_status_speaks_nynorsk_to_a_nynorsk_service(capsys, workspace, kommuner):
    _nynorsk(workspace, kommuner)
    code, said = _status_after_a_run(capsys, workspace)
    assert code == 1
    assert re.search(r"^Ventar i innboksen: +0 filer; programmet tek ikkje inn 1 oppføring ",
                     said, re.M), said
    assert re.search(r"^Behandla: +1 fil, i tillegg 0 duplikat utan nye dokument$", said, re.M)
    assert re.search(r"^Sett til side: +1 fil ligg i feilmappa$", said, re.M)
    assert re.search(r"^Sist behandla: +(måndag|tysdag|onsdag|torsdag|fredag|laurdag|søndag) ",
                     said, re.M), said
    assert re.search(r"^Behandling no: +ingen køyrer no$", said, re.M)
    _nothing_bokmal(said)


def test_status_of_a_fresh_nynorsk_installation(capsys, workspace):
    _nynorsk(workspace)
    code, said = _say(capsys, workspace, "status")
    assert code == 0
    assert "ingen filer er behandla enno" in said and "ikkje laga enno" in said
    _nothing_bokmal(said)


def test_status_speaks_bokmal_as_before(capsys, workspace):
    code, said = _status_after_a_run(capsys, workspace)
    assert code == 1
    assert re.search(r"^Venter i innboksen: +0 filer; 1 oppføring blir ikke tatt inn \(en lenke",
                     said, re.M), said
    assert re.search(r"^Behandlet: +1 fil, i tillegg 0 duplikater uten nye dokumenter$", said,
                     re.M)
    assert re.search(r"^Satt til side: +1 fil ligger i feilmappen$", said, re.M)
    assert re.search(r"^Behandling nå: +ingen kjører nå$", said, re.M)


# -- templates ------------------------------------------------------------------------------

def test_templates_check_fields_and_lock_speak_nynorsk(capsys, workspace):
    _nynorsk(workspace)
    code, said = _say(capsys, workspace, "templates", "check")
    assert code == 0
    assert re.search(r"^\n?22 malar sjekka i .*: ingen problem\.$", said, re.M), said
    code, unknown = _say(capsys, workspace, "templates", "fields", "--template", "nei.docx")
    assert code == 2
    assert "Feil: Ingen dokumenttype brukar malen nei.docx. Kjende malar: " in unknown
    code, no_lock = _say(capsys, workspace, "templates", "lock")
    assert code == 2
    assert "Konfigurasjonen har ingen mallås. Set template_lock" in no_lock
    workspace.config_file.write_text('template_lock = "malar.lock"\n'
                                     + workspace.config_file.read_text(encoding="utf-8"),
                                     encoding="utf-8")
    code, locked = _say(capsys, workspace, "templates", "lock")
    assert code == 0
    assert "er skriven. Godkjende malar (22):" in locked
    _nothing_bokmal(said + unknown + no_lock + locked, workspace.root, ROOT)


def test_templates_speak_bokmal_as_before(capsys, workspace):
    code, said = _say(capsys, workspace, "templates", "check")
    assert code == 0
    assert re.search(r"^22 maler sjekket i .*: ingen problemer\.$", said, re.M), said
    code, unknown = _say(capsys, workspace, "templates", "fields", "--template", "nei.docx")
    assert "Feil: Ingen dokumenttype bruker malen nei.docx. Kjente maler: " in unknown
    code, no_lock = _say(capsys, workspace, "templates", "lock")
    assert "Konfigurasjonen har ingen mallås. Sett template_lock" in no_lock


# -- inspect --------------------------------------------------------------------------------

def _inspect(capsys, workspace) -> str:
    empty = workspace.root / "tom.json"
    empty.write_text("", encoding="utf-8")
    said = ""
    for path in (ROOT / "examples" / "sak-fjordvik-2026-0412.json", empty,
                 workspace.root / "finst-ikkje.json"):
        said += _say(capsys, workspace, "inspect", str(path))[1]
    return said


def test_inspect_speaks_nynorsk_to_a_nynorsk_service(capsys, workspace):
    _nynorsk(workspace)
    said = _inspect(capsys, workspace)
    assert "\nSaker: 1\n\nFelt som er fylte ut (tal på saker):\n" in said
    assert re.search(r"^  journalnummer +1 av 1$", said, re.M)
    assert "\nFelt som manglar i alle sakene:\n" in said
    assert "Fila kan ikkje lesast: Fila er tom.\n" in said
    assert "Feil: Fila finst ikkje (sjekk stien)." in said
    _nothing_bokmal(said, workspace.root, ROOT)


def test_inspect_speaks_bokmal_as_before(capsys, workspace):
    said = _inspect(capsys, workspace)
    assert "\nFelter som er fylt ut (antall saker):\n" in said
    assert "\nFelter som mangler i alle sakene:\n" in said
    assert "Filen kan ikke leses: Filen er tom.\n" in said
    assert "Feil: Filen finnes ikke (sjekk stien)." in said


# -- the lock, --pdf and archive packages ---------------------------------------------------

def test_a_second_run_beside_another_worker_is_told_in_nynorsk(capsys, workspace):
    _nynorsk(workspace)
    with State(workspace.state).lock():
        code, said = _say(capsys, workspace, "run")
    assert code == 2
    assert "Feil: Ei anna behandling (omsorgspakke watch eller run) arbeider alt med dei same " \
           "mappene. Vent til ho er ferdig, eller stopp tenesta før du køyrer på nytt." in said
    _nothing_bokmal(said)


def test_a_second_run_beside_another_worker_is_told_in_bokmal_as_before(capsys, workspace):
    with State(workspace.state).lock():
        _, said = _say(capsys, workspace, "run")
    assert "En annen behandling (omsorgspakke watch eller run) arbeider allerede" in said


def test_pdf_without_libreoffice_is_told_in_nynorsk(capsys, workspace, monkeypatch):
    _nynorsk(workspace)
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    dropped = workspace.drop("sak.json", canonical_case())
    code, said = _say(capsys, workspace, "run", "--pdf")
    assert code == 2 and dropped.exists()
    assert "Feil: LibreOffice er ikkje installert på denne maskinen, så PDF/A-kopiane kan " \
           "ikkje lagast." in said
    _nothing_bokmal(said)


def test_pdf_copies_that_fail_are_told_in_nynorsk(capsys, workspace, monkeypatch, tmp_path):
    """A LibreOffice that makes nothing: the summary's PDF line, and the watch's, in nynorsk."""
    _nynorsk(workspace)
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "find_soffice", lambda: str(fake))
    workspace.drop("sak.json", canonical_case())
    code, said = _say(capsys, workspace, "run", "--pdf", "--today", "2026-11-22")
    assert code == 1
    assert re.search(r"^PDF/A: 0 PDF-kopiar laga\. \d+ dokument kunne ikkje gjerast om til "
                     r"PDF; programmet prøver igjen ved neste køyring med --pdf\.$", said, re.M)
    _nothing_bokmal(said, workspace.root)


def test_the_pdf_and_archive_lines_in_both_standards():
    nb, nn = tekst("bokmal"), tekst("nynorsk")
    copies = pdf.Result(written=[Path("a.pdf"), Path("b.pdf")], failed=[Path("c.docx")])
    assert copies.message(nn) == ("PDF/A: 2 PDF-kopiar laga. 1 dokument kunne ikkje gjerast om "
                                  "til PDF; programmet prøver igjen ved neste køyring med --pdf.")
    assert copies.message() == copies.message(nb) == (
        "PDF/A: 2 PDF-kopier laget. 1 dokument kunne ikke gjøres om til PDF; de blir forsøkt "
        "igjen ved neste kjøring med --pdf.")
    assert pdf.Result().message(nn) == "PDF/A: ingen nye eller endra dokument å lage PDF-kopi av."
    made = packages.Result(made=[Path("x")], waiting=3)
    assert made.message(nn) == ("Arkiv: 1 ny arkivpakke. 3 dokument kunne ikkje gjerast om til "
                                "PDF/A no; programmet prøver igjen ved neste køyring.")
    assert made.message() == ("Arkiv: 1 ny arkivpakke. 3 dokumenter kunne ikke gjøres om til "
                              "PDF/A nå; de blir forsøkt igjen ved neste kjøring.")


def test_archive_packages_without_libreoffice_are_told_in_nynorsk(capsys, workspace,
                                                                  monkeypatch):
    _nynorsk(workspace)
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8")
                                     + "\n[archive]\nenabled = true\n", encoding="utf-8")
    code, said = _say(capsys, workspace, "run")
    assert code == 2
    assert "Feil: Arkivpakkar er slått på ([archive] enabled = true), men LibreOffice er " \
           "ikkje installert" in said
    _nothing_bokmal(said)
    code, checked = _say(capsys, workspace, "check")
    assert "FEIL      [archive] enabled = true, men LibreOffice er ikkje installert" in checked


def test_a_templates_problems_are_said_in_nynorsk(capsys, workspace, tmp_path):
    """The problems test_template_tools finds, for a nynorsk service: each in nynorsk."""
    folder = tmp_path / "malar"
    folder.mkdir()
    word(folder, "referat.docx", "Planlagt: {{ samtale.datoo }}", "{{ dato|norsk }}",
         "{{ part.samtaler.dato }}")
    word(folder, "oppfolgingsplan.docx", "Tekst før {%p if tema.er_siste %}", "{%p endif %}",
         "{%tr for s in part.samtaler %}", "Slutt }} her")
    word(folder, "innkalling.docx", "Hei!", "{% if barn.tolk %}Vi har bestilt tolk.")
    word(folder, "informasjonsbrev.docx", "Hei {{ mottaker.navn }", "Mer tekst")
    _nynorsk(workspace)
    code, said = _say(capsys, workspace, "templates", "check", "--templates", str(folder))
    assert code == 1
    for expected in (
            "  - Ukjend variabel «samtale.datoo» (meinte du «samtale.dato»?).",
            "  - Ukjend filter «norsk» (meinte du «norsk_dato»?).",
            "  - «part.samtaler.dato» finst ikkje: «part.samtaler» er ei liste, bruk ei løkke.",
            "  - Ein {%p ... %}-tagg må stå åleine i avsnittet sitt; resten av teksten i "
            "avsnittet forsvinn når dokumentet blir laga.",
            "  - Ein {%tr ... %}-tagg må stå i ein tabell.",
            "  - «}}» utan ein «{{» framfor i same avsnitt.",
            "  - Syntaksfeil: malen sluttar før ein blokk er lukka (manglar det ein {% endif %} "
            "eller {% endfor %}?). (Jinja: Unexpected end of template.",
            "  - «{{» utan «}}» i same avsnitt. Word kan ha delt taggen, eller ein parentes er "
            "sletta."):
        assert expected in said, expected
    assert "FEIL      innkalling.docx: 1 problem" in said
    prose = re.sub(r"(Tekst rundt|Jinja): .*", "", said)  # the template's own text, quoted
    _nothing_bokmal(prose, folder, ROOT)


@pytest.mark.parametrize(("programme", "expected"), [
    ("finst-ikkje.toml", "FEIL      programfil: Fann ikkje programfila "),
    ("var.toml", "FEIL      programfil: Programfila var.toml: «navn» manglar, og må vere med."),
])
def test_a_programme_file_that_cannot_be_loaded_is_said_in_nynorsk(capsys, workspace,
                                                                   programme, expected):
    _nynorsk(workspace)
    (workspace.root / "var.toml").write_text('beskrivelse = "vår utgåve"\n', encoding="utf-8")
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[programme]\nfile = "{programme}"\n')
    code, said = _say(capsys, workspace, "check")
    assert code == 1 and expected in said
    assert "Fann 1 feil." in said
    _nothing_bokmal(said, workspace.root, ROOT)


# -- a state folder or a folder that refuses the run --------------------------------------

def _break(workspace, what: str) -> None:
    state = workspace.state
    if what == "key":
        (state / "pseudonym.key").unlink()
    elif what == "ledger":
        (state / "journal.sqlite3").write_bytes(b"ikkje ein database" * 100)
    elif what == "installation":
        (workspace.outbox / ".omsorgspakke-installasjon").write_text("0" * 32 + "\n")
    else:
        work = workspace.inbox / ".behandles"
        shutil.rmtree(work)
        elsewhere = workspace.root / "ein-annan-stad"
        elsewhere.mkdir()
        work.symlink_to(elsewhere, target_is_directory=True)


@pytest.mark.parametrize("what, expected", [
    ("key", "Feil: Nøkkelfila pseudonym.key i tilstandsmappa {state} manglar. Utan den rette "
            "nøkkelen kjenner ikkje programmet att sakene"),
    ("ledger", "Feil: Behandlingsregisteret journal.sqlite3 i tilstandsmappa {state} er skadd. "),
    ("installation", "Feil: Mappa {outbox} blir alt brukt av ein annan installasjon"),
    ("link", "Feil: Arbeidsmappa til innboksen, {inbox}/.behandles, er ei lenkje, ikkje ei mappe."),
])
def test_a_run_refused_by_its_folders_is_told_in_nynorsk(capsys, workspace, what, expected):
    _nynorsk(workspace)
    workspace.drop("sak.json", canonical_case(journalnummer="2026-0001"))
    assert _say(capsys, workspace, "run")[0] == 0
    _break(workspace, what)
    workspace.drop("sak-2.json", canonical_case(journalnummer="2026-0002"))
    code, said = _say(capsys, workspace, "run")
    assert code == 2
    assert expected.format(state=workspace.state, outbox=workspace.outbox,
                           inbox=workspace.inbox) in said, said
    _nothing_bokmal(said, workspace.root, ROOT)
    assert (workspace.inbox / "sak-2.json").exists()


def test_a_run_refused_by_its_folders_is_told_in_bokmal_as_before(capsys, workspace):
    workspace.drop("sak.json", canonical_case(journalnummer="2026-0001"))
    assert _say(capsys, workspace, "run")[0] == 0
    _break(workspace, "key")
    code, said = _say(capsys, workspace, "run")
    assert code == 2
    assert f"Feil: Nøkkelfilen pseudonym.key i tilstandsmappen {workspace.state} mangler. " \
           "Uten den riktige nøkkelen" in said, said


# -- a mapping file's problems in check -----------------------------------------------------

MAPPING_HEAD = ('[mapping]\nnavn = "{navn}"\nbeskrivelse = "prøve"\nformat = "csv"\n{ekstra}'
                '\n[gjenkjenning]\nfilendelser = [".csv"]\nkolonner = ["A"]\n'
                '\n[felt]\njournalnummer = "A"\n')


def _broken_mappings(workspace) -> None:
    folder = workspace.root / "mappingar"
    folder.mkdir()
    (folder / "skjema.toml").write_text(
        MAPPING_HEAD.format(navn="skjema", ekstra="formatt = 1\n"), encoding="utf-8")
    (folder / "sjekk.toml").write_text(
        MAPPING_HEAD.format(navn="sjekk", ekstra="")
        + '"barn.fornavnn" = "B"\n'
          '"plassering.startdato" = { kilde = "C", standard = "i fjor" }\n'
          '"barn.tolk" = { kilde = "D", verdier = "finst-ikkje" }\n'
          '"plassering.kategori" = { kilde = "F", verdier = { "X" = "annan" } }\n',
        encoding="utf-8")
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        f'mappings = "{(ROOT / "mappings").as_posix()}"', 'mappings = "mappingar"'),
        encoding="utf-8")


def test_a_mapping_files_problems_are_said_in_nynorsk(capsys, workspace):
    _nynorsk(workspace)
    _broken_mappings(workspace)
    code, said = _say(capsys, workspace, "check")
    assert code == 1
    for expected in (
            "«barn.fornavnn» er ikkje eit felt i saksformatet. Meinte du «barn.fornavn»?",
            "standardverdien passar ikkje i feltet plassering.startdato: datoen kan ikkje "
            "lesast (venta til dømes 31.12.2026).",
            "verdilista «finst-ikkje» finst ikkje. Kjende: ja_nei, utfylt.",
            "«X» = «annan»: verdien er ikkje ein gyldig kode (gyldige: 2.1,",
            "FEIL      mappingfil skjema.toml, linje 5, «mapping.formatt»: ukjend nøkkel. "
            "Meinte du «format»?"):
        assert expected in said, expected
    # Each is broken: run and watch do not start, said as a sixth (helper 606).
    assert "ingen av mappingfilene i mappingmappa" in said
    assert "Fann 6 feil." in said
    _nothing_bokmal(said, workspace.root, ROOT)


def test_a_mapping_files_problems_are_said_in_bokmal_as_before(capsys, workspace):
    _broken_mappings(workspace)
    _, said = _say(capsys, workspace, "check")
    assert "«barn.fornavnn» er ikke et felt i saksformatet. Mente du «barn.fornavn»?" in said
    assert "«mapping.formatt»: ukjent nøkkel. Mente du «format»?" in said


@pytest.mark.parametrize("section", ["malproblem", "mappingproblem", "bruksfeil"])
def test_every_problem_pattern_finds_itself(section):
    nb, nn = tekst("bokmal"), tekst("nynorsk")
    for key, text in nb.table(section).items():
        example = re.sub(r"\{\w+\}", "X", text)
        assert nn.note(example, section, nested=True) == re.sub(
            r"\{\w+\}", "X", nn(f"{section}.{key}")), key


def test_what_check_sample_finds_is_said_in_nynorsk(capsys, workspace):
    _nynorsk(workspace)
    export = (ROOT / "examples" / "vendor-familia-personrapport.csv").read_bytes()
    good, bad = workspace.root / "rett.csv", workspace.root / "dato.csv"
    good.write_bytes(export)
    bad.write_bytes(export.replace(b"01.09.2026", b"2026-09-01", 1))
    _, fine = _say(capsys, workspace, "check", "--sample", str(good))
    assert "OK        prøvefil: las 8 postar utan feil i verdiane." in fine
    code, wrong = _say(capsys, workspace, "check", "--sample", str(bad))
    assert code == 1
    assert "FEIL      prøvefil: «Plassert dato» (feltet plassering.startdato), rad 3: datoen kan " \
           "ikkje lesast. Han er skriven på forma \"%Y-%m-%d\": legg forma til i «datoformater» " \
           "under [lesing] (eller «datoformat» på feltet)." in wrong
    _nothing_bokmal(fine + wrong, workspace.root, ROOT)
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        'malform = "nynorsk"\n', ""), encoding="utf-8")
    _, bokmal = _say(capsys, workspace, "check", "--sample", str(bad))
    assert "rad 3: datoen kan ikke leses. Den er skrevet på formen \"%Y-%m-%d\": legg til i " \
           "«datoformater»" in bokmal


# -- preview, and an error nobody foresaw ---------------------------------------------------

def test_preview_speaks_nynorsk(capsys, workspace, tmp_path):
    _nynorsk(workspace)
    code, missing = _say(capsys, workspace, "preview", "nei.docx")
    assert code == 2 and "Feil: Fann ikkje malen nei.docx i " in missing
    out = tmp_path / "referat-forhandsvising.docx"
    code, made = _say(capsys, workspace, "preview", "referat.docx", "--out", str(out))
    assert code == 0 and out.is_file()
    assert f"Skreiv førehandsvisinga til {out} (med ei oppdikta sak)." in made
    _nothing_bokmal(missing + made, tmp_path, ROOT)


@pytest.mark.parametrize("malform", ["nynorsk", "bokmal"])
def test_an_unexpected_error_is_said_in_the_services_standard(capsys, workspace, monkeypatch,
                                                               malform):
    from omsorgspakke_docs.commands import status

    def broken(settings):
        raise RuntimeError("sitat frå ei fil")

    _config(workspace, f'malform = "{malform}"\n')
    monkeypatch.setattr(status, "collect", broken)
    code, said = _say(capsys, workspace, "status")
    assert code == 3 and "sitat" not in said
    assert said.strip() == {
        "nynorsk": "Feil: ein uventa feil stoppa programmet (RuntimeError). Kontakt IT og "
                   "oppgi tidspunktet.",
        "bokmal": "Feil: en uventet feil stoppet programmet (RuntimeError). Kontakt IT og "
                  "oppgi tidspunktet."}[malform]


# -- local plugins --------------------------------------------------------------------------

@pytest.mark.parametrize(("source", "expected"), [
    ("from omsorgspakke_docs.hookspecs import hookimpl\n\n\n@hookimpl\n"
     "def register_adapter(register):\n    pass\n",
     "Programtillegget lokal.py, linje 5: «register_adapter» er ikkje ein hook som programmet "
     "kjenner. Meinte du «register_adapters»? Hookane står i docs/plugins.md."),
    ("import csv\nimport tabulatex\n",
     "Programtillegget lokal.py feila ved lasting, linje 2 (ModuleNotFoundError: modulen "
     "«tabulatex» er ikkje installert). Rett feilen, eller flytt fila ut av plugins-mappa for "
     "å slå av programtillegget."),
    ("x = 1\ndef f(:\n    pass\n", "Programtillegget lokal.py feila ved lasting, linje 2 "
                                    "(SyntaxError). Rett feilen"),
])
def test_a_broken_plugin_is_named_in_nynorsk(capsys, workspace, source, expected):
    _nynorsk(workspace)
    (workspace.root / "plugins" / "lokal.py").write_text(source, encoding="utf-8")
    code, checked = _say(capsys, workspace, "check")
    assert code == 1 and f"FEIL      programtillegg: {expected}" in checked
    code, ran = _say(capsys, workspace, "run")
    assert code == 2 and f"Feil: {expected}" in ran
    _nothing_bokmal(checked + ran, workspace.root, ROOT)


def test_every_plugin_pattern_finds_itself():
    nb, nn = tekst("bokmal"), tekst("nynorsk")
    for key, text in nb.table("programtillegg").items():
        example = re.sub(r"\{\w+\}", "X", text)
        assert nn.note(example, "programtillegg") == re.sub(
            r"\{\w+\}", "X", nn(f"programtillegg.{key}")), key


# -- the template lock ----------------------------------------------------------------------

def test_the_template_lock_stops_a_run_in_nynorsk(capsys, workspace):
    from .test_render_safety import make_docx

    _nynorsk(workspace)
    templates = workspace.root / "malar"  # as test_render_safety.locked_workspace, in nynorsk
    shutil.copytree(ROOT / "templates", templates)
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text('template_lock = "malar.lock"\n' + re.sub(
        r'templates = ".*"', 'templates = "malar"', config), encoding="utf-8")
    workspace.drop_example("sak-fjordvik-2026-0412.json")
    code, missing = _say(capsys, workspace, "run")
    assert code == 2
    assert "Feil: Mallåsen " in missing and " finst ikkje. Skriv han med «omsorgspakke " \
        "templates lock», eller fjern template_lock frå konfigurasjonen." in missing
    code, checked = _say(capsys, workspace, "check")
    assert code == 1 and "FEIL      malar: Mallåsen " in checked
    assert _say(capsys, workspace, "templates", "lock")[0] == 0
    make_docx(templates / "nb", "referat.docx", "Endra {{ sak.journalnummer }}")
    code, changed = _say(capsys, workspace, "run")
    assert code == 2
    assert "Feil: Malen nb/referat.docx er endra etter at han vart godkjend i mallåsen " \
           "malar.lock." in changed
    _nothing_bokmal(missing + checked + changed, workspace.root, ROOT)


def test_a_template_that_cannot_be_filled_in_is_explained_in_nynorsk(workspace):
    """The note beside the file quotes the template's error: in nynorsk too, whole."""
    from .test_render_safety import make_docx

    _nynorsk(workspace)
    templates = workspace.root / "malar"
    shutil.copytree(ROOT / "templates", templates)
    make_docx(templates / "nn", "oppfolgingsplan.docx", "{{ 1 // 0 }}")
    workspace.config_file.write_text(re.sub(
        r'templates = ".*"', 'templates = "malar"',
        workspace.config_file.read_text(encoding="utf-8")), encoding="utf-8")
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    note = (workspace.failed / "sak.json.feil.txt").read_text(encoding="utf-8")
    assert "Dokumenta kunne ikkje lagast fordi ein mal har ein feil: Malen " \
           "oppfolgingsplan.docx kunne ikkje fyllast ut: ZeroDivisionError" in note
    _nothing_bokmal(note)


def test_a_role_no_rule_takes_and_one_value_missing_are_said_in_nynorsk(capsys, workspace):
    """Two lines check --sample got in the last release were bokmål in a nynorsk service."""
    _nynorsk(workspace)
    export = (ROOT / "examples" / "vendor-familia-personrapport.csv").read_bytes()
    roles, value = workspace.root / "roller.csv", workspace.root / "verdi.csv"
    roles.write_bytes(export.replace(b";Far;", ";Far (biologisk);".encode("cp1252")))
    value.write_bytes(export.replace(b"Fosterhjem utenfor slekt", b"Privat hjem", 1))
    _, said = _say(capsys, workspace, "check", "--sample", str(roles))
    assert "1 rad passar ikkje med nokon [[personer]]-regel (rad 5)" in said
    _, other = _say(capsys, workspace, "check", "--sample", str(value))
    assert "rad 3: 1 verdi står ikkje i verdilista; legg han til under [verdier]" in other
    _nothing_bokmal(said + other, workspace.root, ROOT)


def test_a_wrong_command_line_is_said_in_nynorsk(capsys, workspace):
    """«Feil: ukjente argumenter: … Se …» in bokmål to a nynorsk service (helper 115)."""
    _nynorsk(workspace)
    code, said = _say(capsys, workspace, "run", "--tull")
    assert code == 2
    assert said.splitlines()[-1] == "Feil: ukjende argument: --tull. Sjå «omsorgspakke --help»."
    code, said = _say(capsys, workspace, "run", "--inbox")  # (its value: "--config")
    assert code == 2
    assert said.splitlines()[-1] == ("Feil: argument --inbox: venta éin verdi. Sjå «omsorgspakke "
                                     "run --help».")
    # Bokmål as before where the configuration says nothing else.
    assert main(["run", "--tull"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Feil: ukjente argumenter: --tull. Se «omsorgspakke --help».")
