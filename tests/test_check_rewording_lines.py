"""check warns of an [ordlyd_for] line that changes nothing.

A programme file's [ordlyd_for] table lists words of a theme's purpose or question as they
read now, and as they read before (docs/templates.md). A line whose words now stand in no
purpose nor question (a typo, or words reworded once more) would never keep minutes made
in the words before: check says so as an ADVARSEL, naming the file, the line and the words,
in the service's own standard. The shipped files have none.
"""

from __future__ import annotations

import pytest

from .test_check_inspect import PROGRAMMES, check, own_programme_files

TYPO = '"vi avtalar konkret korleis kontaktn" = "vi avtaler konkret korleis kontaktn"\n'
"""An [ordlyd_for] line with a typo in its words as they read now."""
SAID = {
    "bokmal": ("ADVARSEL  programfilen {fil}, [ordlyd_for] linje {linje}: «vi avtalar konkret "
               "korleis kontaktn» står ikke i formålet med noe tema eller i noe spørsmål i "
               "programmet, så linjen endrer ingenting."),
    "nynorsk": ("ÅTVARING  programfila {fil}, [ordlyd_for] linje {linje}: «vi avtalar konkret "
                "korleis kontaktn» står ikkje i formålet med noko tema eller i noko spørsmål i "
                "programmet, så linja endrar ingenting."),
}


def _own_programmes(workspace, messages: str, nb_extra: str = "", nn_extra: str = "") -> None:
    """The shipped programme files as the municipality's own, with lines added to their
    [ordlyd_for] tables."""
    nb = (PROGRAMMES / "programme.nb.toml").read_text(encoding="utf-8")
    nn = (PROGRAMMES / "programme.nn.toml").read_text(encoding="utf-8")
    nb = nb.replace("[ordlyd_for]\n", "[ordlyd_for]\n" + nb_extra, 1)
    nn = nn.replace("[ordlyd_for]\n", "[ordlyd_for]\n" + nn_extra, 1)
    own_programme_files(workspace, nb, nn, messages)


def _line(workspace, name: str, text: str) -> int:
    lines = (workspace.root / name).read_text(encoding="utf-8").splitlines()
    return lines.index(text.rstrip("\n")) + 1


@pytest.mark.parametrize("messages", ["bokmal", "nynorsk"])
def test_an_ordlyd_for_line_matching_no_text_is_warned_of(workspace, capsys, messages):
    _own_programmes(workspace, messages, nb_extra=TYPO, nn_extra=TYPO)
    code, out = check(workspace, capsys)
    for name in ("vart-nb.toml", "vart-nn.toml"):
        said = SAID[messages].format(fil=name, linje=_line(workspace, name, TYPO))
        assert said in out, out
    assert out.count("[ordlyd_for]") == 2  # the files' own lines are used
    assert "FEIL" not in out.replace("Fant 0 feil", ""), out


def test_the_shipped_ordlyd_for_lines_are_not_warned_of(workspace, capsys):
    _own_programmes(workspace, "bokmal")
    _, out = check(workspace, capsys)
    assert "[ordlyd_for]" not in out, out
