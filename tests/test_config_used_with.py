"""A run without the configuration its state folder was used with (IT's day, finding 1): run
from another folder with the folders given, it took the defaults and made a nynorsk
service's letters again in bokmål, with «[mangler: …]» where the letterhead was. It stops
now before any file is taken, naming the file the state was used with; --accept-config
takes the new settings; a change in the same file is taken as it always was."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

from omsorgspakke_docs.cli import main

from .conftest import TODAY, canonical_case, docx_text

FOLDERS = ("inbox", "outbox", "archive", "failed", "state")


def run_without_config(workspace, monkeypatch, *args: str) -> int:
    """`omsorgspakke run` with the folders given and no --config, from a folder without
    omsorgspakke.toml."""
    elsewhere = workspace.root.parent / "et-annet-sted"
    elsewhere.mkdir(exist_ok=True)
    monkeypatch.chdir(elsewhere)
    folders = [arg for name in FOLDERS for arg in (f"--{name}", str(workspace.root / name))]
    return main(["run", *folders, "--today", TODAY.isoformat(), *args])


def outbox_files(workspace) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in workspace.outbox.rglob("*") if p.is_file()}


def nynorsk_case_made(workspace, capsys):
    workspace.in_malform("nynorsk")
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    capsys.readouterr()


def test_a_run_without_the_configuration_stops_before_taking_a_file(
        workspace, monkeypatch, capsys):
    nynorsk_case_made(workspace, capsys)
    before = outbox_files(workspace)
    workspace.drop("sak-igjen.json", canonical_case() | {"eksportert": "2026-11-21"})

    assert run_without_config(workspace, monkeypatch) == 2

    said = capsys.readouterr().err
    assert (f"Feil: Tilstandsmappa {workspace.state} vart sist brukt med konfigurasjonsfila "
            f"{workspace.config_file.resolve()}, men denne køyringa fann inga konfigurasjonsfil "
            "og ville ha brukt standardinnstillingane: målforma og brevhovudet i dokumenta til "
            "sakene ville ha endra seg. Ingen filer er tekne frå innboksen. Køyr på nytt med "
            "--config og den fila. Skal sakene verkeleg bruke standardinnstillingane frå no "
            "av, køyr med --accept-config (sjå «Konfigurasjonen» i docs/operations.md)."
            ) in said.splitlines()
    assert (workspace.inbox / "sak-igjen.json").is_file()
    assert outbox_files(workspace) == before
    assert not list(workspace.failed.iterdir())


def test_accept_config_takes_this_runs_settings_from_then_on(workspace, monkeypatch, capsys):
    nynorsk_case_made(workspace, capsys)
    workspace.drop("sak-igjen.json", canonical_case() | {"eksportert": "2026-11-21"})
    assert run_without_config(workspace, monkeypatch, "--accept-config") == 0
    assert not (workspace.inbox / "sak-igjen.json").exists()
    assert "Ferdig: 1 fil behandlet" in capsys.readouterr().out
    assert run_without_config(workspace, monkeypatch) == 0  # the defaults are its own now


def test_accept_config_left_in_the_command_says_it_is_not_needed(
        workspace, monkeypatch, capsys):
    """--accept-config put in the service's command for the run it was meant for, and left
    there: every later run would go through with whatever configuration it finds. Runs
    that have nothing to accept say so, and that it should be taken out."""
    nynorsk_case_made(workspace, capsys)
    assert run_without_config(workspace, monkeypatch, "--accept-config") == 0
    assert "--accept-config" not in capsys.readouterr().err  # it was needed then
    workspace.drop("sak-igjen.json", canonical_case() | {"eksportert": "2026-11-21"})
    assert run_without_config(workspace, monkeypatch, "--accept-config") == 0
    assert (f"Merk: --accept-config trengs ikke lenger: tilstandsmappen {workspace.state} "
            "brukes allerede med disse innstillingene. Ta det bort fra kommandoen eller "
            "tjenesten, så stopper programmet igjen hvis konfigurasjonsfilen en dag mangler "
            "eller er en annen.") in capsys.readouterr().err.splitlines()


def test_a_change_in_the_same_file_is_taken(workspace, capsys):
    nynorsk_case_made(workspace, capsys)
    config = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(
        config.replace('malform = "nynorsk"', 'malform = "bokmal"')
        .replace("Testvik", "Nyvik"), encoding="utf-8")
    workspace.drop("sak-igjen.json", canonical_case() | {"eksportert": "2026-11-21"})
    assert workspace.cli() == 0
    assert not (workspace.inbox / "sak-igjen.json").exists()


def test_another_configuration_file_that_would_change_the_letters_stops(workspace, capsys):
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    other = workspace.root / "annen.toml"
    other.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        "[service]\n", '[service]\nmalform = "nynorsk"\n'), encoding="utf-8")
    capsys.readouterr()
    assert main(["run", "--config", str(other), "--today", TODAY.isoformat()]) == 2
    said = capsys.readouterr().err
    # In nynorsk, the standard of this run's configuration.
    assert (f"Tilstandsmappa {workspace.state} vart sist brukt med konfigurasjonsfila "
            f"{workspace.config_file.resolve()}, men denne køyringa brukar {other}: målforma i "
            "dokumenta til sakene ville ha endra seg. Ingen filer er tekne frå innboksen. "
            "Køyr på nytt med --config og den første fila. Skal sakene verkeleg bruke den nye "
            "fila frå no av, køyr med --accept-config") in said
    # The same letters from a copy of the file elsewhere: nothing would change, it runs.
    same = workspace.root / "kopi.toml"
    same.write_text(workspace.config_file.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["run", "--config", str(same), "--today", TODAY.isoformat()]) == 0


def test_a_state_used_without_a_file_stops_when_a_file_would_change_the_letters(
        workspace, monkeypatch, capsys):
    workspace.drop("sak.json", canonical_case())
    assert run_without_config(workspace, monkeypatch) == 0
    capsys.readouterr()
    workspace.in_malform("nynorsk")
    assert workspace.cli() == 2
    said = capsys.readouterr().err
    assert (f"Tilstandsmappa {workspace.state} vart sist brukt utan konfigurasjonsfil, med "
            f"standardinnstillingane, men denne køyringa brukar {workspace.config_file}: "
            "målforma og brevhovudet i dokumenta til sakene ville ha endra seg. Ingen filer er "
            "tekne frå innboksen. Skal sakene bruke denne fila frå no av, køyr med "
            "--accept-config; elles køyr som før, utan konfigurasjonsfil") in said
    assert workspace.cli("--accept-config") == 0


def test_a_bokmal_service_is_told_in_bokmal(
        workspace, monkeypatch, capsys):
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    capsys.readouterr()
    assert run_without_config(workspace, monkeypatch) == 2
    assert (f"Feil: Tilstandsmappen {workspace.state} ble sist brukt med konfigurasjonsfilen "
            f"{workspace.config_file.resolve()}, men denne kjøringen fant ingen "
            "konfigurasjonsfil og ville brukt standardinnstillingene: brevhodet i sakenes "
            "dokumenter ville endret seg. Ingen filer er tatt fra innboksen. Kjør på nytt med "
            "--config og den filen. Skal sakene virkelig bruke standardinnstillingene fra nå "
            "av, kjør med --accept-config (se «Konfigurasjonen» i docs/operations.md)."
            ) in capsys.readouterr().err.splitlines()


def test_a_link_pointed_at_a_new_version_of_the_file_is_the_same_file(workspace, capsys):
    """The configuration IT gives is a link to the file's current version (a Kubernetes
    ConfigMap, a deployment's «current» folder): a new version with another phone number or
    standard is a change in the same file, not another file that stops the service."""
    versions = workspace.root / "konfig"
    first, second = versions / "..2026_11_01", versions / "..2026_11_20"
    first.mkdir(parents=True)
    second.mkdir()
    text = workspace.config_file.read_text(encoding="utf-8")
    (first / "omsorgspakke.toml").write_text(text, encoding="utf-8")
    given = versions / "omsorgspakke.toml"
    given.symlink_to(first / "omsorgspakke.toml")
    run = ["run", "--config", str(given), "--today", TODAY.isoformat(),
           *[arg for name in FOLDERS for arg in (f"--{name}", str(workspace.root / name))]]
    workspace.drop("sak.json", canonical_case())
    assert main(run) == 0

    (second / "omsorgspakke.toml").write_text(
        text.replace("[service]\n", '[service]\nmalform = "nynorsk"\n'), encoding="utf-8")
    given.unlink()
    given.symlink_to(second / "omsorgspakke.toml")
    workspace.drop("sak-igjen.json", canonical_case() | {"eksportert": "2026-11-21"})
    capsys.readouterr()
    assert main(run) == 0
    assert not (workspace.inbox / "sak-igjen.json").exists()
    assert "Tilstandsmapp" not in capsys.readouterr().err


def test_a_new_release_in_another_folder_with_the_configuration_copied_runs(workspace, capsys):
    """The old release ran from its own folder with its configuration beside it and the
    templates it ships; the new one is installed in another folder, the configuration copied
    beside it, and uses the templates it ships. Not other templates: it runs."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    record = workspace.state / "konfigurasjon.json"
    used = json.loads(record.read_text(encoding="utf-8"))
    old = "/opt/omsorgspakke-2.3"
    used["config"] = f"{old}/omsorgspakke.toml"
    used["navn"] = f"{old}/omsorgspakke.toml"
    used["dokumenter"]["templates"] = \
        f"{old}/venv/lib/python3.12/site-packages/omsorgspakke_docs/_bundled/templates"
    record.write_text(json.dumps(used), encoding="utf-8")
    workspace.drop("sak-igjen.json", canonical_case() | {"eksportert": "2026-11-21"})
    capsys.readouterr()
    assert workspace.cli() == 0, capsys.readouterr().err
    assert not (workspace.inbox / "sak-igjen.json").exists()


def installed_with_relative_paths(workspace) -> None:
    """An installation whose configuration names its folders and its own templates relative
    to itself (templates = "maler"), as init writes it."""
    workspace.own_templates()
    config = workspace.config_file.read_text(encoding="utf-8")
    own = (workspace.root / "maler").as_posix()
    workspace.config_file.write_text(
        config.replace(f'templates = "{own}"', 'templates = "maler"').replace(
            "[paths]\n", "[paths]\n" + "".join(f'{name} = "{name}"\n' for name in FOLDERS)),
        encoding="utf-8")


def moved(workspace, to: Path):
    """The whole installation moved to another folder (/opt/a to /opt/b, or a backup
    restored elsewhere)."""
    shutil.move(workspace.root, to)
    return type(workspace)(to)


def test_an_installation_moved_whole_runs_without_the_flag(workspace, tmp_path, capsys):
    """Moved whole, nothing changed: its own templates are the same templates in their new
    folder, not «malene i sakenes dokumenter ville endret seg» and a stop until someone
    runs it with --accept-config."""
    installed_with_relative_paths(workspace)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    there = moved(workspace, tmp_path / "flyttet")
    there.drop("sak-igjen.json", canonical_case() | {"eksportert": "2026-11-21"})
    capsys.readouterr()
    assert there.cli() == 0, capsys.readouterr().err
    assert not (there.inbox / "sak-igjen.json").exists()
    assert "Tilstandsmapp" not in capsys.readouterr().err


def test_a_moved_installation_whose_templates_changed_still_stops(
        workspace, tmp_path, capsys):
    installed_with_relative_paths(workspace)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    there = moved(workspace, tmp_path / "flyttet")
    shutil.copy(there.root / "maler" / "nn" / "innkalling.docx",
                there.root / "maler" / "nb" / "innkalling.docx")
    there.drop("sak-igjen.json", canonical_case() | {"eksportert": "2026-11-21"})
    capsys.readouterr()
    assert there.cli() == 2
    assert "men denne kjøringen bruker " in capsys.readouterr().err
    assert (there.inbox / "sak-igjen.json").is_file()
    assert there.cli("--accept-config") == 0


def record_of_the_last_release(workspace, old: Path) -> None:
    """The state folder's record as the last release wrote it (no templates' contents), from
    when the installation was in the folder old."""
    record = workspace.state / "konfigurasjon.json"
    used = json.loads(record.read_text(encoding="utf-8"))
    used["config"] = used["navn"] = (old / "omsorgspakke.toml").as_posix()
    used["dokumenter"] = {key: value for key, value in used["dokumenter"].items()
                          if key in ("malform", "service", "kommuner")}
    used["dokumenter"]["templates"] = (old / "maler").as_posix()
    record.write_text(json.dumps(used), encoding="utf-8")


def test_a_moved_installation_upgraded_from_the_last_release_runs(
        workspace, tmp_path, capsys):
    """Its record was written by the last release, which did not record the templates'
    contents: the same templates folder beside the configuration is the same templates."""
    installed_with_relative_paths(workspace)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    record_of_the_last_release(workspace, tmp_path / "opt" / "omsorgspakke")
    workspace.drop("sak-igjen.json", canonical_case() | {"eksportert": "2026-11-21"})
    capsys.readouterr()
    assert workspace.cli() == 0, capsys.readouterr().err
    assert not (workspace.inbox / "sak-igjen.json").exists()


def test_other_templates_still_stop_a_record_of_the_last_release(workspace, tmp_path, capsys):
    """The last release's record names a templates folder that is still there, with other
    templates than this run's: those would change."""
    installed_with_relative_paths(workspace)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    old = tmp_path / "gammel"
    shutil.copytree(workspace.root / "maler", old / "maler")
    shutil.copy(old / "maler" / "nn" / "innkalling.docx", old / "maler" / "nb" / "innkalling.docx")
    record_of_the_last_release(workspace, old)
    workspace.drop("sak-igjen.json", canonical_case() | {"eksportert": "2026-11-21"})
    capsys.readouterr()
    assert workspace.cli() == 2
    assert "malene i sakenes dokumenter ville endret seg" in capsys.readouterr().err


def check(config: Path, capsys) -> tuple[int, list[str]]:
    code = main(["check", "--config", str(config)])
    return code, capsys.readouterr().out.splitlines()


def test_check_says_the_service_would_stop_with_another_configuration(workspace, capsys):
    """IT checks the configuration it is about to put in place: check said all was well,
    and the service then stopped at its first run. It says so now, and what to do."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    other = workspace.root / "ny.toml"
    other.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        "Testvik", "Nyvik"), encoding="utf-8")
    capsys.readouterr()
    code, lines = check(other, capsys)
    assert code == 1
    assert (f"FEIL      tilstandsmappen {workspace.state} ble sist brukt med "
            f"konfigurasjonsfilen {workspace.config_file.resolve()}, ikke med {other}: med "
            "denne filen ville brevhodet i sakenes dokumenter endret seg, så «run» og «watch» "
            "stopper før de tar en fil fra innboksen. Skal tjenesten bruke "
            f"{workspace.config_file.resolve()} som før, kontroller den i stedet. Skal sakene "
            "bruke denne filen fra nå av, kjør én gang med --accept-config, for eksempel "
            f"«omsorgspakke run --config {other} --accept-config» (se «Konfigurasjonen» i "
            "docs/operations.md).") in lines
    assert "Fant 1 feil. Rett det som står som FEIL, og kjør «omsorgspakke check» på nytt." \
        in lines
    # check records nothing: the run still stops, and runs once accepted.
    assert main(["run", "--config", str(other), "--today", TODAY.isoformat()]) == 2
    assert main(["run", "--config", str(other), "--today", TODAY.isoformat(),
                 "--accept-config"]) == 0
    capsys.readouterr()
    code, lines = check(other, capsys)
    assert code == 0
    assert not [line for line in lines if "tilstandsmappen" in line]


def test_check_says_it_in_nynorsk_for_a_nynorsk_service(workspace, capsys):
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    other = workspace.root / "ny.toml"
    other.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        "[service]\n", '[service]\nmalform = "nynorsk"\n'), encoding="utf-8")
    capsys.readouterr()
    code, lines = check(other, capsys)
    assert code == 1
    assert (f"FEIL      tilstandsmappa {workspace.state} vart sist brukt med konfigurasjonsfila "
            f"{workspace.config_file.resolve()}, ikkje med {other}: med denne fila ville "
            "målforma i dokumenta til sakene ha endra seg, så «run» og «watch» stoppar før dei "
            "tek ei fil frå innboksen. Skal tenesta bruke "
            f"{workspace.config_file.resolve()} som før, kontroller ho i staden. Skal sakene "
            "bruke denne fila frå no av, køyr éin gong med --accept-config, til dømes "
            f"«omsorgspakke run --config {other} --accept-config» (sjå «Konfigurasjonen» i "
            "docs/operations.md).") in lines


def test_check_says_a_state_used_without_a_file_would_stop_with_this_one(
        workspace, monkeypatch, capsys):
    workspace.drop("sak.json", canonical_case())
    assert run_without_config(workspace, monkeypatch) == 0
    capsys.readouterr()
    code, lines = check(workspace.config_file, capsys)
    assert code == 1
    assert (f"FEIL      tilstandsmappen {workspace.state} ble sist brukt uten "
            "konfigurasjonsfil, med standardinnstillingene: med "
            f"{workspace.config_file} ville brevhodet i sakenes dokumenter endret seg, så «run» "
            "og «watch» stopper før de tar en fil fra innboksen. Skal sakene bruke denne filen "
            "fra nå av, kjør én gang med --accept-config, for eksempel «omsorgspakke run "
            f"--config {workspace.config_file} --accept-config» (se «Konfigurasjonen» i "
            "docs/operations.md).") in lines


def test_check_says_nothing_of_the_state_when_the_run_would_not_stop(
        workspace, tmp_path, capsys):
    """The same file, a copy with the same settings, an installation moved whole: a run
    goes on, and check does not call it a problem."""
    installed_with_relative_paths(workspace)
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    copy = workspace.root / "kopi.toml"
    copy.write_text(workspace.config_file.read_text(encoding="utf-8"), encoding="utf-8")
    there = moved(workspace, tmp_path / "flyttet")
    capsys.readouterr()
    for config in (there.config_file, there.root / "kopi.toml"):
        code, lines = check(config, capsys)
        assert code == 0, lines
        assert not [line for line in lines if "tilstandsmapp" in line]


def test_check_without_the_file_names_the_file_the_state_was_used_with(
        workspace, monkeypatch, capsys):
    given = workspace.root / "oppsett.toml"
    workspace.config_file.rename(given)
    workspace.drop("sak.json", canonical_case())
    assert main(["run", "--config", str(given), "--today", TODAY.isoformat()]) == 0
    monkeypatch.chdir(workspace.root)
    capsys.readouterr()
    code = main(["check"])
    assert code == 1
    assert (f"FEIL      tilstandsmappen {workspace.state} ble sist brukt med konfigurasjonsfilen "
            f"{given.resolve()}, men her ble ingen konfigurasjonsfil funnet: med "
            "standardinnstillingene ville brevhodet i sakenes dokumenter endret seg, så «run» "
            "og «watch» stopper før de tar en fil fra innboksen. Kontroller med --config og den "
            "filen. Skal sakene virkelig bruke standardinnstillingene fra nå av, kjør én gang "
            "med --accept-config (se «Konfigurasjonen» i docs/operations.md)."
            ) in capsys.readouterr().out.splitlines()


def test_a_record_edited_out_of_shape_stops_as_a_change_instead_of_failing(workspace, capsys):
    """The state folder's record of the configuration edited by hand (the municipalities
    written as a list): check, run and watch do not fail on it with a Python error; it is
    taken as settings that would change, and --accept-config records this run's anew."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    record = workspace.state / "konfigurasjon.json"
    kept = json.loads(record.read_text(encoding="utf-8"))
    kept["dokumenter"]["kommuner"] = ["1234"]
    record.write_text(json.dumps(kept), encoding="utf-8")
    other = workspace.root / "ny.toml"
    other.write_text(workspace.config_file.read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()

    code, lines = check(other, capsys)
    assert code == 1
    assert [line for line in lines if line.startswith("FEIL      tilstandsmappen")]
    assert main(["run", "--config", str(other), "--today", TODAY.isoformat()]) == 2
    assert main(["run", "--config", str(other), "--today", TODAY.isoformat(),
                 "--accept-config"]) == 0
    capsys.readouterr()
    assert check(other, capsys)[0] == 0


def test_check_warns_that_a_changed_letterhead_makes_the_letters_again(workspace, capsys):
    """IT corrects the visiting address in the configuration the service runs with: the
    next run goes through (a change in the same file is meant) and makes every letter of
    the cases again, dated that day, back on Til utsending; check said «Alt er i orden».
    It says now what the run will do, naming the field, before the run does it."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    letter = next(workspace.outbox.rglob("02 Informasjonsbrev*.docx"))
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        "Rådhusgata 4", "Rådhusgaten 4"), encoding="utf-8")
    capsys.readouterr()
    code, lines = check(workspace.config_file, capsys)
    assert code == 0
    assert ("ADVARSEL  besoksadresse under [service] er endret siden siste kjøring med "
            f"{workspace.config_file}. Neste kjøring lager derfor dokumentene i sakene det "
            "gjelder, på nytt med endringen: brevene blir datert den dagen og står i Til "
            "utsending igjen, også de som er sendt før. Er endringen ikke ment, sett tilbake "
            "det som sto der, og gjør det før neste kjøring.") in lines
    # What it says is what the run does; afterwards there is nothing more to say.
    assert main(["run", "--config", str(workspace.config_file), "--today",
                 (TODAY + timedelta(days=1)).isoformat()]) == 0
    assert "Rådhusgaten 4" in docx_text(letter)
    capsys.readouterr()
    code, lines = check(workspace.config_file, capsys)
    assert not [line for line in lines if "endret siden siste kjøring" in line]


def test_check_names_each_changed_field_in_nynorsk(workspace, capsys):
    workspace.in_malform("nynorsk")
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        "Rådhusgata 4", "Rådhusgaten 4").replace("99 00 12 00", "99 00 12 01"),
        encoding="utf-8")
    capsys.readouterr()
    code, lines = check(workspace.config_file, capsys)
    assert code == 0, lines
    assert any(line.startswith(
        "ÅTVARING  besoksadresse under [service] og telefon under [service] er endra sidan "
        f"siste køyring med {workspace.config_file}. Neste køyring lagar difor dokumenta i "
        "sakene det gjeld, på nytt med endringa: breva blir daterte den dagen") for line in lines)


def test_check_does_not_warn_of_templates_changed_in_their_folder(workspace, capsys):
    """A new release's templates (or a municipality's own, changed to change what letters
    say) are not a change that makes every letter again: a release keeps every letter's
    issue where what it shows is the same. check says nothing of them."""
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    record = workspace.state / "konfigurasjon.json"
    used = json.loads(record.read_text(encoding="utf-8"))
    used["dokumenter"]["templates_innhold"] = "0" * 64  # as made with other templates
    record.write_text(json.dumps(used), encoding="utf-8")
    capsys.readouterr()
    code, lines = check(workspace.config_file, capsys)
    assert code == 0
    assert not [line for line in lines if "siden siste kjøring" in line]


def test_a_municipality_added_as_the_service_writes_is_no_change(workspace, capsys):
    """IT lists a municipality of the service with the service's own standard (helper 411,
    finding 4): check warned «målforma og brevhodet er endra …, breva blir daterte den
    dagen», while the run keeps every letter's date. Nothing the letters show changes."""
    workspace.in_malform("nynorsk")
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    letter = next(workspace.outbox.rglob("02 *.docx"))
    before = docx_text(letter)
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('\n[kommuner."4699"]\nmalform = "nynorsk"\n'
                     'navn = "Barnevernstjenesten i Testvik"\n')
    capsys.readouterr()
    code, lines = check(workspace.config_file, capsys)
    assert code == 0, lines
    assert not [line for line in lines if "endra sidan" in line], lines
    assert main(["run", "--config", str(workspace.config_file), "--today",
                 (TODAY + timedelta(days=1)).isoformat()]) == 0
    assert docx_text(letter) == before


def test_a_municipality_writing_another_standard_is_said_in_the_checks_words(workspace,
                                                                             capsys):
    """The change is said in nynorsk words («målforma», not «malformen»), and a field a
    municipality sets itself is named in its table, not the ones it shows as [service]."""
    workspace.in_malform("nynorsk")
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 0
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('\n[kommuner."4699"]\nmalform = "bokmal"\ntelefon = "99 00 12 99"\n'
                     'navn = "Barnevernstjenesten i Testvik"\n')
    capsys.readouterr()
    code, lines = check(workspace.config_file, capsys)
    assert code == 0, lines
    assert any(line.startswith(
        'ÅTVARING  målforma og telefon under [kommuner."4699"] er endra sidan siste køyring')
        for line in lines), lines
