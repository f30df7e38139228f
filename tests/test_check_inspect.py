"""The tools for IT: `omsorgspakke check` and `omsorgspakke inspect`, on good and broken input."""

from __future__ import annotations

import errno
import os
import shutil
from datetime import time
from pathlib import Path

import pytest

from omsorgspakke_docs.cli import main

from .conftest import EXAMPLES, ROOT, canonical_case
from .test_mapping import CSV_MAPPING
from .test_template_tools import word

FAMILIA = EXAMPLES / "vendor-familia-personrapport.csv"


@pytest.fixture
def own_mappings(workspace):
    """The workspace with its own copy of the shipped mapping files."""
    folder = workspace.root / "mappings"
    shutil.copytree(ROOT / "mappings", folder)
    text = workspace.config_file.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("mappings =")]
    workspace.config_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def check(workspace, capsys) -> tuple[int, str]:
    code = main(["check", "--config", str(workspace.config_file)])
    return code, capsys.readouterr().out


def test_check_passes_on_the_shipped_mappings(workspace, capsys):
    complete = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(complete.replace('telefon = "99 00 12 00"\n', ""),
                                     encoding="utf-8")
    code, out = check(workspace, capsys)
    # A [service] lacking some of the letterhead: said, and said at the end; so is the
    # example municipality number in four of the shipped mapping files.
    assert code == 0 and out.rstrip().splitlines()[-1] == (
        "Ingen feil, men se 5 advarsler over før oppsettet tas i bruk."), out
    workspace.config_file.write_text(complete, encoding="utf-8")
    code, out = check(workspace, capsys)
    warnings = [line for line in out.splitlines() if line.startswith("ADVARSEL")]
    assert code == 0 and len(warnings) == 4, out
    assert all("eksempelnummeret" in line for line in warnings), out
    assert "OK        mappingfil familia-personrapport.toml" in out
    assert "ssb-kostra-15f" in out and "FEIL" not in out


def test_check_names_file_line_and_key_and_still_lists_the_good_ones(workspace, own_mappings,
                                                                     capsys):
    (own_mappings / "ny.toml").write_text(
        CSV_MAPPING.replace('"plassering.startdato"', '"plassering.startdao"'), encoding="utf-8")
    code, out = check(workspace, capsys)
    assert code == 1 and "Fant 1 feil" in out
    assert 'FEIL      mappingfil ny.toml, linje 19, «felt."plassering.startdao"»' in out
    assert "Mente du «plassering.startdato»?" in out
    assert "OK        mappingfil familia-personrapport.toml" in out


def test_check_warns_but_passes_when_the_municipality_is_left_out(workspace, own_mappings, capsys):
    text = CSV_MAPPING.replace('kommunenummer = { standard = "4699" }\n', "")
    (own_mappings / "ny.toml").write_text(text, encoding="utf-8")
    code, out = check(workspace, capsys)
    assert code == 0 and "ADVARSEL  mappingfil ny.toml" in out and "kommunenummer" in out


def test_check_reports_a_broken_plugin(workspace, capsys):
    (workspace.root / "plugins" / "odelagt.py").write_text("import finnes_ikke\n")
    code, out = check(workspace, capsys)
    assert code == 1 and "FEIL      programtillegg: " in out and "odelagt.py" in out


def test_check_reports_a_broken_configuration(workspace, capsys):
    workspace.config_file.write_text("[paths]\nukjent = 1\n", encoding="utf-8")
    code, out = check(workspace, capsys)
    assert code == 1 and "FEIL" in out and "ukjent" in out


@pytest.fixture
def own_templates(workspace):
    """The workspace with its own copy of the shipped templates."""
    folder = workspace.root / "maler"
    shutil.copytree(ROOT / "templates", folder)
    text = workspace.config_file.read_text(encoding="utf-8")
    lines = [f'templates = "{folder.as_posix()}"' if line.startswith("templates =") else line
             for line in text.splitlines()]
    workspace.config_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_check_includes_the_templates(workspace, capsys):
    code, out = check(workspace, capsys)
    assert code == 0 and "OK        maler: 22 maler i " in out


def test_check_finds_a_broken_and_a_missing_template(workspace, own_templates, capsys):
    word(own_templates / "nb", "innkalling.docx", "Hei {{ mottaker.navn }", "Mer tekst")
    for standard in ("nb", "nn"):
        (own_templates / standard / "sluttevaluering.docx").unlink()
    code, out = check(workspace, capsys)
    assert code == 1
    assert "FEIL      mal nb/innkalling.docx: " in out and "omsorgspakke templates check" in out
    assert "FEIL      mal sluttevaluering.docx: finnes ikke" in out


def test_check_holds_the_templates_to_the_lock(workspace, own_templates, capsys):
    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text('template_lock = "maler.lock"\n' + text, encoding="utf-8")
    assert main(["templates", "lock", "--config", str(workspace.config_file)]) == 0
    capsys.readouterr()
    assert check(workspace, capsys)[0] == 0
    (own_templates / "nn" / "referat.docx").write_bytes(
        (own_templates / "nn" / "referat.docx").read_bytes() + b"\0")
    code, out = check(workspace, capsys)
    assert code == 1 and "Malen nn/referat.docx er endret etter at den ble godkjent" in out


def inspect(workspace, capsys, path, *flags) -> tuple[int, str]:
    code = main(["inspect", str(path), "--config", str(workspace.config_file), *flags])
    return code, capsys.readouterr().out


def test_inspect_shows_adapter_cases_and_fields_without_personal_data(workspace, capsys):
    code, out = inspect(workspace, capsys, FAMILIA)
    assert code == 0
    assert "Leses av: familia-personrapport" in out and "Saker: 2" in out
    assert "  barn.fornavn" in out and "2 av 2" in out
    assert "Felter som mangler i alle sakene:\n" in out and "  barn.fodselsdato" in out
    for secret in ("Emil", "Fjellheim", "12831560094", "2026-0701", FAMILIA.name):
        assert secret not in out


def test_inspect_shows_the_cases_only_when_asked(workspace, capsys):
    code, out = inspect(workspace, capsys, FAMILIA, "--vis-persondata")
    assert code == 0 and "Emil" in out and "12831560094" in out


def test_inspect_a_file_no_adapter_knows(workspace, capsys, tmp_path):
    path = tmp_path / "ukjent.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    code, out = inspect(workspace, capsys, path)
    assert code == 1 and "Programmet kjenner ikke igjen formatet" in out
    assert "familia-personrapport" in out  # the tried list includes the mappings


def test_inspect_a_claimed_file_with_a_bad_value(workspace, capsys, tmp_path):
    path = tmp_path / "rapport.csv"
    path.write_bytes(FAMILIA.read_bytes().replace(b"01.09.2026", b"2026-09-01", 1))
    code, out = inspect(workspace, capsys, path)
    assert code == 1 and "Filen kan ikke leses" in out and "«Plassert dato»" in out


def test_inspect_a_missing_file_is_a_usage_error(workspace, capsys, tmp_path):
    assert main(["inspect", str(tmp_path / "finnes-ikke.csv")]) == 2


def test_check_fails_when_the_inbox_is_not_there_as_run_does(workspace, capsys):
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        "[paths]\n", '[paths]\ninbox = "../innboks"\n'), encoding="utf-8")
    code, out = check(workspace, capsys)
    assert code == 1 and "Alt er i orden" not in out
    assert "FEIL      innboksen " in out and "innboks finnes ikke" in out
    assert "rett inbox under [paths]" in out
    assert workspace.cli() == 2  # what check warns of: run stops


@pytest.mark.parametrize(("programme", "expected"), [
    ("finnes-ikke.toml", "FEIL      programfil: Fant ikke programfilen "),
    ("var.toml", "FEIL      programfil: Programfilen var.toml: «navn» mangler, og må være med."),
])
def test_check_reports_a_programme_file_it_cannot_load_and_finishes(workspace, capsys,
                                                                   programme, expected):
    """check stopped half-way with «Feil: ...» and exit code 2, pydantic's «Field required»
    in English, and no summary."""
    (workspace.root / "var.toml").write_text('beskrivelse = "vår utgave"\n', encoding="utf-8")
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[programme]\nfile = "{programme}"\n')
    code, out = check(workspace, capsys)
    assert code == 1 and expected in out
    assert "Fant 1 feil." in out and "Field required" not in out


@pytest.mark.parametrize(("setting", "name"), [
    ('workday_start = "8"', "workday_start"),
    ('workday_end = "1530"', "workday_end"),
    ('workday_end = "15.30.00"', "workday_end"),
    ('start_times = { barnet = "kl 14", foreldre = "10:00", fosterfamilien = "12:00" }',
     "start_times.barnet"),
])
def test_a_time_written_wrongly_is_named_by_its_setting(workspace, capsys, setting, name):
    """README: a bad setting stops the run «with a message that names the setting»."""
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write(f"\n[schedule]\n{setting}\n")
    code, out = check(workspace, capsys)
    assert code == 1
    assert f"[schedule]: {name} skrives som TT:MM eller TT.MM, f.eks. 09:30." in out


def test_times_written_with_a_dot_are_the_times_meant(workspace):
    """«13.30», as Norwegian writes it, was read as 13.00 and a fraction of a second: every
    child's conversation booked half an hour early, and check said all was well."""
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('\n[schedule]\nworkday_start = "8.00"\nworkday_end = "15.30"\n'
                     'visit_time = "9.15"\n'
                     'start_times = { barnet = "13.30", foreldre = "10:00", '
                     'fosterfamilien = "12.00" }\n'
                     '\n[documents]\njoint_meeting_time = "10.30"\n')
    settings = workspace.settings()
    s = settings.schedule
    assert (s.workday_start, s.workday_end, s.visit_time) == ("08:00", "15:30", "09:15")
    assert s.start_times == {"barnet": "13:30", "foreldre": "10:00", "fosterfamilien": "12:00"}
    assert s.start_time("barnet") == time(13, 30)
    assert settings.documents.joint_meeting_time == "10:30"
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    calendar = (workspace.case_folder("2026-0412") / "Kalender" / "Alle samtaler.ics").read_text(
        encoding="utf-8")
    child = [block for block in calendar.split("BEGIN:VEVENT") if "Barnet – Tema" in block]
    assert child and all("T133000" in block for block in child), child[:1]


def test_a_letterhead_left_as_init_wrote_it_is_named(tmp_path, capsys):
    """check said «Alt er i orden» right after init; then every letter of an SSB export
    showed «Barnevernstjenesten i [kommune]» and «[mangler: …]» and was held back."""
    folder = tmp_path / "oppsett"
    assert main(["init", str(folder)]) == 0
    config_file = folder / "omsorgspakke.toml"
    capsys.readouterr()
    assert main(["check", "--config", str(config_file)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert ("ADVARSEL  [service]: fyll inn navn (står som i malen fra init: «Barnevernstjenesten "
            "i [kommune]»), kommunenavn, adresse, postnummer, poststed, besoksadresse, telefon "
            "og epost.") in out
    text = config_file.read_text(encoding="utf-8").replace(
        'navn = "Barnevernstjenesten i [kommune]"',
        'navn = "Barnevernstjenesten i Testvik"\nkommunenavn = "Testvik kommune"\n'
        'adresse = "Postboks 10000"\npostnummer = "0000"\npoststed = "Testvik"\n'
        'besoksadresse = "Torget 1, 5999 Testvik"\ntelefon = "55 00 00 00"\n'
        'epost = "post@testvik.kommune.example"')
    text += '\n[kommuner."4640"]\nmalform = "nynorsk"\nnavn = "Barnevernstenesta i [kommune]"\n'
    config_file.write_text(text, encoding="utf-8")
    assert main(["check", "--config", str(config_file)]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines()
                if "fyll inn" in line]
    # What the municipality's table leaves out comes from [service]: only what it sets
    # itself is said for it. A real value with 0000 in it is not init's («Postboks 10000»).
    # (The service's messages are in nynorsk now: its one municipality writes nynorsk.)
    said = ("Brevhovudet og breva brukar dette der eksporten ikkje har opplysningane til "
            "tenesta (SSB-eksporten har ingen). Elles står det «[manglar: …]» i breva, og dei "
            "er merkte «Ikkje send» i Til utsending.")
    assert warnings == [
        f"ÅTVARING  [service]: fyll inn postnummer (står som i malen frå init: «0000»). {said}",
        'ÅTVARING  [kommuner."4640"]: fyll inn navn (står som i malen frå init: '
        f"«Barnevernstenesta i [kommune]»). {said}"]


def test_a_name_left_as_init_wrote_it_is_not_said_to_be_the_letters(tmp_path, capsys):
    """Right after init, check said the letters show the name «Barnevernstenesta i
    [kommune]» and take the export's address only where the export names the same service:
    neither is so. A name init left is no name yet: the letters show the export's name with
    its address, so check asks for the fields as for any letterhead (helper 909)."""
    folder = tmp_path / "oppsett"
    assert main(["init", "--malform", "nynorsk", str(folder)]) == 0
    capsys.readouterr()
    assert main(["check", "--config", str(folder / "omsorgspakke.toml")]) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "[service]" in line]
    assert line == (
        "ÅTVARING  [service]: fyll inn navn (står som i malen frå init: «Barnevernstenesta i "
        "[kommune]»), kommunenavn, adresse, postnummer, poststed, besoksadresse, telefon og "
        "epost. Brevhovudet og breva brukar dette der eksporten ikkje har opplysningane til "
        "tenesta (SSB-eksporten har ingen). Elles står det «[manglar: …]» i breva, og dei er "
        "merkte «Ikkje send» i Til utsending.")


@pytest.mark.parametrize(("written", "said"), [
    ('[servcie]\nnavn = "x"\n',
     "omsorgspakke.toml: ukjent innstilling servcie. Mente du «service»?"),
    ('[schedule]\nworkday_strat = "08:00"\n',
     "omsorgspakke.toml [schedule]: ukjent innstilling workday_strat. Mente du «workday_start»?"),
    ('[schedule\nx = 1\n', "har en syntaksfeil på linje "),
])
def test_a_setting_misspelt_is_named_with_the_one_meant(workspace, capsys, written, said):
    """«[servcie]» got no hint (mapping files had «Mente du»), and a TOML syntax error came
    out in English: «Expected ']' at the end of a table declaration»."""
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write("\n" + written)
    code, out = check(workspace, capsys)
    assert code == 1 and said in out, out
    assert "Expected" not in out


def test_a_configuration_saved_by_notepad_is_read_and_one_in_ansi_is_named(workspace, capsys):
    """Helper 108: Notepad and PowerShell 5 save UTF-8 with a byte order mark, which was
    called «en syntaksfeil på linje 1, tegn 1»; a file in ANSI (cp1252) stopped check with
    «en uventet feil stoppet programmet (UnicodeDecodeError)»."""
    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_bytes("\ufeff".encode() + text.replace("\n", "\r\n").encode())
    code, out = check(workspace, capsys)
    assert code == 0 and "syntaksfeil" not in out, out
    workspace.config_file.write_bytes((text + '\n# Kontoret på Ålgård\n').encode("cp1252"))
    code, out = check(workspace, capsys)
    assert code == 1 and "må være lagret som UTF-8" in out, out


def test_a_programme_file_in_ansi_is_named(tmp_path):
    from omsorgspakke_docs.config import ConfigError
    from omsorgspakke_docs.domain import programme

    path = tmp_path / "program.toml"
    path.write_bytes('navn = "Omsorgspakken på Ålgård"\n'.encode("cp1252"))
    with pytest.raises(ConfigError) as raised:
        programme.load(path)
    assert "Programfilen program.toml må være lagret som UTF-8." in str(raised.value)


def test_a_time_with_seconds_is_read_as_the_release_before_read_it(workspace):
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('\n[schedule]\nworkday_start = "08:00:00"\n')
    assert workspace.settings().schedule.workday_start == "08:00"


def test_init_help_says_plainly_when_it_exits_with_2(capsys):
    """«Avslutter med 0 når mappen er laget (2 også når den allerede har en konfigurasjon)»
    read as if 0 and 2 both meant the folder was made."""
    assert main(["init", "--help"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert ("Avslutter med 0 når mappen er laget, 2 når den allerede har en konfigurasjon (da "
            "endres ingenting), 2 ved feil i bruk eller konfigurasjon") in said


def _state_not_writable(workspace, monkeypatch):
    """The state folder made by another account (an administrator's), so the account that
    runs check may list it but not write in it: by its permissions, or (as root, whom they
    do not stop) by the operating system refusing any new file in it. Returns what undoes
    the permissions (pytest must clear the folder after the test)."""
    state = workspace.state.resolve()
    if os.geteuid() != 0:
        state.chmod(0o500)
        return lambda: state.chmod(0o700)
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(path).resolve().parent == state:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    return lambda: None


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "FEIL      tilstandsmappen {state}: kontoen som kjører «check» nå, kan ikke "
               "skrive i mappen (programmet har ikke tilgang til en fil eller mappe (mangler "
               "rettigheter, eller filen er låst av et annet program)). Kjøres «run» og "
               "«watch» med samme konto, eller med en annen konto uten tilgang, stopper de ved "
               "første kjøring. Gi kontoen som tjenesten kjører med, rett til å lese og skrive "
               "i tilstandsmappen og alt som ligger i den, og kjør «omsorgspakke check» på "
               "nytt med den kontoen.\n"),
    ("nynorsk", "FEIL      tilstandsmappa {state}: kontoen som køyrer «check» no, kan ikkje "
                "skrive i mappa ("),
], ids=["bokmal", "nynorsk"])
def test_check_fails_when_the_state_folder_cannot_be_written(workspace, capsys, monkeypatch,
                                                            malform, said):
    """IT checks the configuration as the account the service will run as, and the state
    folder was made by another: check says so, instead of the first run finding out."""
    workspace.in_malform(malform)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    capsys.readouterr()
    code, out = check(workspace, capsys)
    assert "tilstandsmapp" not in out  # a state folder in use, as the run left it: no line

    undo = _state_not_writable(workspace, monkeypatch)
    try:
        code, out = check(workspace, capsys)
    finally:
        undo()
    assert code == 1 and "Alt er i orden" not in out
    assert said.format(state=workspace.state) in out
    assert "2026-0412" not in out and "Sofie" not in out and "sak-" not in out
    assert not [p.name for p in workspace.state.iterdir() if p.name.startswith(".tmp-")]


def test_check_fails_when_the_pseudonym_key_cannot_be_read(workspace, capsys, monkeypatch):
    """The key (owner-only) made by another account: every run needs it, and stops."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    capsys.readouterr()
    key = (workspace.state / "pseudonym.key").resolve()
    real_open = os.open  # state files are opened so (store/commit.py read_state_file)

    def refusing(path, *args, **kwargs):
        if Path(path).resolve() == key:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    code, out = check(workspace, capsys)
    assert code == 1
    assert (f"FEIL      tilstandsmappen {workspace.state}: kontoen som kjører «check» nå, kan "
            "ikke lese nøkkelfilen pseudonym.key (programmet har ikke tilgang") in out


def test_check_interrupted_while_trying_the_state_folder_leaves_nothing_there(
        workspace, capsys, monkeypatch):
    """IT presses Ctrl+C while check tries writing in the state folder: its temporary file
    is not left there (a run after a run that ended well does not look for leftovers)."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    capsys.readouterr()
    real_write = os.write

    def interrupted(fd, data):
        if data.startswith(b"omsorgspakke check"):
            raise KeyboardInterrupt
        return real_write(fd, data)

    with monkeypatch.context() as patched:
        patched.setattr(os, "write", interrupted)
        with pytest.raises(KeyboardInterrupt):
            check(workspace, capsys)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0

    assert [p.name for p in workspace.state.rglob(".tmp-*")] == []


@pytest.mark.parametrize(("refused", "said"), [
    (errno.EROFS, "FEIL      tilstandsmappen {state}: ingen konto kan skrive i mappen nå (disken "
                  "eller mappen er skrivebeskyttet (montert som skrivebeskyttet); IT må gjøre "
                  "den skrivbar igjen), så «run» og «watch» stopper ved første kjøring.\n"),
    (errno.ENOSPC, "FEIL      tilstandsmappen {state}: ingen konto kan skrive i mappen nå "
                   "(disken er full), så «run» og «watch» stopper ved første kjøring.\n"),
], ids=["read-only", "full"])
def test_check_on_a_state_folder_no_account_can_write_in_blames_no_account(
        workspace, capsys, monkeypatch, refused, said):
    """The state folder on a disk mounted read-only, or full: no account can write there,
    so the line does not tell IT to give the account rights, nor to run check again as
    the service's account (whichever account runs check)."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    capsys.readouterr()
    state, real_open = workspace.state.resolve(), os.open

    def refusing(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(path).resolve().parent == state:
            raise OSError(refused, os.strerror(refused), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    code, out = check(workspace, capsys)

    assert code == 1
    assert said.format(state=workspace.state) in out
    assert "kontoen" not in out


def test_check_before_the_first_run_leaves_no_state_folder(workspace, capsys):
    """IT checks a new installation before the service has run: a state folder not there
    yet is no error, and check does not make it (nor anything in it)."""
    shutil.rmtree(workspace.state)

    code, out = check(workspace, capsys)

    assert code == 0 and "tilstandsmapp" not in out
    assert not workspace.state.exists()


PROGRAMMES = ROOT / "omsorgspakke_docs" / "data"


def own_programme_files(workspace, nb: str, nn: str, messages: str = "bokmal") -> None:
    """Programme files of the municipality's own (their text: bokmål, nynorsk) beside the
    configuration, vart-nb.toml and vart-nn.toml, and the service's messages in that
    standard."""
    (workspace.root / "vart-nb.toml").write_text(nb, encoding="utf-8")
    (workspace.root / "vart-nn.toml").write_text(nn, encoding="utf-8")
    workspace.in_malform(messages)
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('\n[programme]\nbokmal = "vart-nb.toml"\nnynorsk = "vart-nn.toml"\n')


SINCE_LAST_NN = ('[siden_sist]\ntittel = "Oppfølging frå sist"\n'
                 'innledning = "Etter {tema} {dato} vart dette registrert i fagsystemet:"\n'
                 'sporsmal = ["Korleis har det gått med dette sidan sist?"]\n\n'
                 '[siden_sist.vurderinger]\nbehov_for_stotte = "Behov for støtte"\n'
                 'dekkes_av_oppfolging = "Oppfølging"\n')


@pytest.mark.parametrize(("nynorsk_section", "messages", "expected"), [
    ("", "bokmal",
     "FEIL      program: bokmål og nynorsk er ulike: [siden_sist] (delen «Siden sist» i "
     "referatene) står bare i programfilen for dokumenter på bokmål"),
    (SINCE_LAST_NN.replace('dekkes_av_oppfolging = "Oppfølging"\n', ""), "bokmal",
     "FEIL      program: bokmål og nynorsk er ulike: [siden_sist]: vurderingene eller "
     "spørsmålene er ikke de samme"),
    ("", "nynorsk",
     "FEIL      program: bokmål og nynorsk er ulike: [siden_sist] (delen «Siden sist» i "
     "referata) står berre i programfila for dokument på bokmål"),
])
def test_check_compares_the_minutes_since_last_section_of_both_programmes(
        workspace, capsys, nynorsk_section, messages, expected):
    """A municipality's own programme files, one a standard: its own [siden_sist] (here
    retitled «Siden sist») in the bokmål file and not in the nynorsk one, or with other
    assessments there. check compared parties, themes and questions, not this section:
    bokmål minutes would take up what was recorded last time and nynorsk ones not, unsaid
    (helper 506). Said in the service's own standard."""
    nb = (PROGRAMMES / "programme.nb.toml").read_text(encoding="utf-8").replace(
        'tittel = "Oppfølging fra sist"', 'tittel = "Siden sist"')
    nn = (PROGRAMMES / "programme.nn.toml").read_text(encoding="utf-8")
    assert SINCE_LAST_NN in nn
    own_programme_files(workspace, nb, nn.replace(SINCE_LAST_NN, nynorsk_section), messages)
    code, out = check(workspace, capsys)
    assert code == 1 and expected in out, out


def test_check_finds_the_shipped_programmes_alike(workspace, capsys):
    own_programme_files(workspace, (PROGRAMMES / "programme.nb.toml").read_text(encoding="utf-8"),
                        (PROGRAMMES / "programme.nn.toml").read_text(encoding="utf-8"))
    _, out = check(workspace, capsys)
    assert "er ulike" not in out and "siden_sist" not in out, out
