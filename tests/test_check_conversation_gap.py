"""check warns when [compliance] max_conversation_gap_days is below [schedule]
theme_interval_days: the plan may set a party's conversations further apart than the limit,
and Saksoversikt's Avvik then finds «For lang tid mellom samtalene» in the plan's own dates.
check said «Alt er i orden»."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main

from .conftest import make_workspace


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "ADVARSEL  [compliance] max_conversation_gap_days er 21, mindre enn [schedule] "
               "theme_interval_days (28). Planen kan legge samtalene med hver part opptil 28 "
               "dager fra hverandre, og da melder Saksoversikt «For lang tid mellom samtalene» "
               "for planens egne datoer, i sak etter sak. Sett max_conversation_gap_days til "
               "minst 28, eller theme_interval_days til høyst 21."),
    ("nynorsk", "ÅTVARING  [compliance] max_conversation_gap_days er 21, mindre enn "
                "[schedule] theme_interval_days (28). Planen kan leggje samtalane med kvar part "
                "opptil 28 dagar frå kvarandre, og då melder Saksoversikt «For lang tid mellom "
                "samtalane» for datoane i planen sjølv, i sak etter sak. Set "
                "max_conversation_gap_days til minst 28, eller theme_interval_days til høgst "
                "21."),
])
def test_a_conversation_limit_below_the_theme_interval_is_warned(tmp_path, capsys, malform,
                                                                   said):
    ws = make_workspace(tmp_path)
    ws.in_malform(malform)
    config_file = ws.config_file
    config_file.write_text(config_file.read_text(encoding="utf-8")
                           + "\n[compliance]\nmax_conversation_gap_days = 21\n",
                           encoding="utf-8")
    assert main(["check", "--config", str(config_file)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert said in out.splitlines(), out


def test_a_conversation_limit_at_the_theme_interval_is_not_warned(tmp_path, capsys):
    ws = make_workspace(tmp_path)
    config_file = ws.config_file
    config_file.write_text(config_file.read_text(encoding="utf-8")
                           + "\n[compliance]\nmax_conversation_gap_days = 28\n",
                           encoding="utf-8")
    main(["check", "--config", str(config_file)])
    assert "max_conversation_gap_days" not in capsys.readouterr().out
