"""check warns when [compliance] max_conversation_gap_days is below [schedule]
theme_interval_days: the plan may set a party's conversations further apart than the limit,
and Saksoversikt's Avvik then finds «For lang tid mellom samtalene» in the plan's own dates.
check said «Alt er i orden». run and watch said nothing at all: they now give the same line
on stderr as they start (config.warnings), and go on."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main
from omsorgspakke_docs.run.summary import Summary
from omsorgspakke_docs.run.watch import Watcher

from .conftest import TODAY, canonical_case, make_workspace

SAID = {
    "bokmal": "[compliance] max_conversation_gap_days er 21, mindre enn [schedule] "
              "theme_interval_days (28). Planen kan legge samtalene med hver part opptil 28 "
              "dager fra hverandre, og da melder Saksoversikt «For lang tid mellom samtalene» "
              "for planens egne datoer, i sak etter sak. Sett max_conversation_gap_days til "
              "minst 28, eller theme_interval_days til høyst 21.",
    "nynorsk": "[compliance] max_conversation_gap_days er 21, mindre enn [schedule] "
               "theme_interval_days (28). Planen kan leggje samtalane med kvar part opptil 28 "
               "dagar frå kvarandre, og då melder Saksoversikt «For lang tid mellom samtalane» "
               "for datoane i planen sjølv, i sak etter sak. Set max_conversation_gap_days til "
               "minst 28, eller theme_interval_days til høgst 21.",
}


def _limit(ws, days: int) -> None:
    ws.config_file.write_text(ws.config_file.read_text(encoding="utf-8")
                              + f"\n[compliance]\nmax_conversation_gap_days = {days}\n",
                              encoding="utf-8")


@pytest.mark.parametrize(("malform", "label"), [("bokmal", "ADVARSEL  "),
                                               ("nynorsk", "ÅTVARING  ")])
def test_a_conversation_limit_below_the_theme_interval_is_warned(tmp_path, capsys, malform,
                                                                   label):
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    _limit(ws, 21)
    assert main(["check", "--config", str(ws.config_file)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert label + SAID[malform] in out.splitlines(), out


@pytest.mark.parametrize(("malform", "label"), [("bokmal", "ADVARSEL "),
                                               ("nynorsk", "ÅTVARING ")])
def test_run_says_the_same_warning_as_it_starts_and_goes_on(tmp_path, capsys, malform, label):
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    _limit(ws, 21)
    ws.drop("sak.json", canonical_case())
    assert ws.cli() == 0
    out, err = capsys.readouterr()
    assert err.splitlines().count(label + SAID[malform]) == 1, err
    assert not (ws.inbox / "sak.json").exists()  # taken in all the same
    assert list(ws.outbox.iterdir())


def test_watch_says_it_as_it_starts(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(Watcher, "run", lambda self: Summary())  # started: stops at once
    ws = make_workspace(tmp_path)
    _limit(ws, 21)
    assert main(["watch", "--config", str(ws.config_file), "--today", TODAY.isoformat()]) == 0
    assert "ADVARSEL " + SAID["bokmal"] in capsys.readouterr().err.splitlines()


def test_run_says_nothing_of_a_limit_at_the_interval(tmp_path, capsys):
    ws = make_workspace(tmp_path)
    _limit(ws, 28)
    ws.drop("sak.json", canonical_case())
    assert ws.cli() == 0
    assert "max_conversation_gap_days" not in capsys.readouterr().err


def test_a_conversation_limit_at_the_theme_interval_is_not_warned(tmp_path, capsys):
    ws = make_workspace(tmp_path)
    _limit(ws, 28)
    main(["check", "--config", str(ws.config_file)])
    assert "max_conversation_gap_days" not in capsys.readouterr().out
