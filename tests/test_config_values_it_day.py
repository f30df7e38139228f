"""What IT met setting up a nynorsk service (helper 411): settings of the wrong form stopped
check, run and watch with «an unexpected error» (exit 3, which the systemd unit restarts for
ever). Each is a configuration error naming the setting and the value (exit 2 from run)."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main


def configured(workspace, text: str, malform: str = "nynorsk") -> None:
    workspace.in_malform(malform)
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write("\n" + text + "\n")


def test_a_closed_day_written_the_norwegian_way_is_a_configuration_error(workspace, capsys):
    configured(workspace, '[schedule]\nextra_closed_days = ["07.05.2027"]')
    said = ('omsorgspakke.toml [schedule] extra_closed_days: «07.05.2027» er ikkje ein dato '
            'på forma ÅÅÅÅ-MM-DD. Skriv datoen slik, i hermeteikn, til dømes "2027-05-07".')
    assert workspace.cli() == 2
    assert capsys.readouterr().err.strip() == f"Feil: {said}"
    assert main(["watch", "--config", str(workspace.config_file)]) == 2  # not restarted
    assert capsys.readouterr().err.strip() == f"Feil: {said}"
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    assert f"FEIL      {said}" in capsys.readouterr().out.splitlines()


def test_a_closed_day_in_bokmal(workspace, capsys):
    configured(workspace, '[schedule]\nextra_closed_days = ["2027-05-07", "17.5.2027"]',
               malform="bokmal")
    assert workspace.cli() == 2
    assert ('extra_closed_days: «17.5.2027» er ikke en dato på formen ÅÅÅÅ-MM-DD. Skriv '
            'datoen slik, i anførselstegn, for eksempel "2027-05-17".'
            in capsys.readouterr().err)


def test_a_closed_day_written_as_a_toml_date_is_read(workspace):
    configured(workspace, "[schedule]\nextra_closed_days = [2027-05-07]")
    assert workspace.settings().schedule.extra_closed_days == ["2027-05-07"]
    assert workspace.cli() == 0


@pytest.mark.parametrize(("setting", "said"), [
    ('extra_closed_days = "2027-05-07"',
     "[schedule]: extra_closed_days skal vere ei liste i hakeparentesar, til dømes "
     'extra_closed_days = ["2027-05-07", "2027-12-23"].'),
    ('start_times = "14:00"',
     "[schedule]: start_times skal vere ein tabell med éin verdi per del, til dømes "
     'start_times = { barnet = "14:00", foreldre = "10:00", fosterfamilien = "12:00" }.'),
    ('duration_minutes = "90"',
     "[schedule]: duration_minutes må vere eit heilt tal, skrive utan hermeteikn, til dømes "
     "duration_minutes = 90."),
    ('closed_christmas = "ja"',
     "[schedule]: closed_christmas må vere true eller false, skrive utan hermeteikn."),
    ("summer_weeks = 28",
     "[schedule]: summer_weeks er ei liste med vekenummer (1–53)"),
])
def test_a_setting_of_the_wrong_kind_is_named(workspace, capsys, setting, said):
    configured(workspace, f"[schedule]\n{setting}")
    assert workspace.cli() == 2
    assert f"Feil: omsorgspakke.toml {said}" in capsys.readouterr().err


def test_a_number_of_seconds_in_quotes_is_named(workspace, capsys):
    configured(workspace, '[watch]\npoll_interval_seconds = "1"')
    assert workspace.cli() == 2
    assert ("[watch]: poll_interval_seconds må vere eit tal, skrive utan hermeteikn, til dømes "
            "poll_interval_seconds = 1.0." in capsys.readouterr().err)


def test_a_start_time_for_a_party_that_is_not_one_is_named(workspace, capsys):
    """`start_times = { barn = "13:00" }` was left out without a word: the child's
    conversations kept the default time."""
    configured(workspace, '[schedule]\nstart_times = { barn = "13:00" }')
    assert workspace.cli() == 2
    assert ("Feil: omsorgspakke.toml [schedule]: start_times har «barn», som ikkje er ein av "
            "delane. Delane heiter barnet, foreldre og fosterfamilien."
            in capsys.readouterr().err)
