"""A nynorsk service hears nynorsk from the program itself, never mixed: the summary at the
end of run and watch, the ÅTVARING/FEIL lines on the console, and the notes beside failed
files, also for a canonical-JSON case that does not follow the format. Where the config has
municipalities in both standards, the service's own malform decides (config.Settings
.messages_malform)."""

from __future__ import annotations

import json
import re

from omsorgspakke_docs import errors
from omsorgspakke_docs.text import tekst

from .conftest import canonical_case
from .test_console_lines import _omsorgspakke
from .test_nynorsk import BOKMAL_ONLY, _config, _words

BOKMAL_PHRASES = ("satt til side", "fikk dokumenter", "behandlet", "ble hoppet over",
                  "ADVARSEL", "Filen er tom", "Se forklaringen", "skal være", "et felt")


def _nothing_bokmal(text: str) -> None:
    assert _words(text) & set(BOKMAL_ONLY) == set(), text
    assert [p for p in BOKMAL_PHRASES if p in text] == [], text


def _run_with_a_case_and_an_empty_file(workspace):
    workspace.drop("sak.json", canonical_case())
    workspace.drop("tom.json", "")
    return _omsorgspakke(workspace, "run", "--today", "2026-11-22")


def test_a_nynorsk_services_console_is_nynorsk(workspace):
    _config(workspace, 'malform = "nynorsk"\n')
    done = _run_with_a_case_and_an_empty_file(workspace)
    assert done.returncode == 1
    out, err = done.stdout, done.stderr
    assert "Ferdig: 1 fil behandla, 1 flytta til feilmappa." in out
    assert "Behandlar fil 2 av 2 ..." in err
    assert re.search(r"1 sak fekk dokument \(\d+ dokument\), 0 saker vart hoppa over\.", out), out
    assert f"Sjå forklaringa (.feil.txt) ved kvar fil i {workspace.failed}." in out
    assert "ÅTVARING fil e3b0c44298: flytta til feilmappa: Fila er tom." in err.splitlines()
    _nothing_bokmal(out + err.replace(str(workspace.root), ""))


def test_a_bokmal_services_console_is_as_before(workspace):
    done = _run_with_a_case_and_an_empty_file(workspace)
    assert "Ferdig: 1 fil behandlet, 1 satt til side." in done.stdout
    assert "ADVARSEL fil e3b0c44298: satt til side: Filen er tom." in done.stderr.splitlines()


def _kommuner(workspace, first: str, second: str, service: str = "") -> None:
    _config(workspace, service)
    workspace.config_file.write_text(
        workspace.config_file.read_text(encoding="utf-8")
        + f'\n[kommuner."4640"]\nmalform = "{first}"\n[kommuner."4641"]\nmalform = "{second}"\n',
        encoding="utf-8")


def test_every_municipality_nynorsk_makes_the_services_messages_nynorsk(workspace):
    _kommuner(workspace, "nynorsk", "nynorsk")
    assert workspace.settings().messages_malform == "nynorsk"
    assert workspace.settings().malform == "bokmal"  # a case from elsewhere: as before
    done = _run_with_a_case_and_an_empty_file(workspace)
    assert "Ferdig: 1 fil behandla, 1 flytta til feilmappa." in done.stdout
    note = (workspace.failed / "tom.json.feil.txt").read_text(encoding="utf-8")
    assert note.startswith("Fila «tom.json» kunne ikkje behandlast.")


def test_municipalities_in_both_standards_follow_the_services_own(workspace):
    _kommuner(workspace, "nynorsk", "bokmal")
    assert workspace.settings().messages_malform == "bokmal"


def test_a_service_that_says_bokmal_keeps_it_with_nynorsk_municipalities(workspace):
    _kommuner(workspace, "nynorsk", "nynorsk", 'malform = "bokmal"\n')
    assert workspace.settings().messages_malform == "bokmal"


def test_a_canonical_case_that_breaks_the_format_is_explained_in_nynorsk(workspace):
    _config(workspace, 'malform = "nynorsk"\n')
    case = canonical_case()
    case["barn"]["fodselsdato"] = "i fjor"
    case["barn"]["kallenavn"] = "Vesla"
    workspace.drop("sak.json", case)
    workspace.drop("liste.json", json.dumps([canonical_case()], ensure_ascii=False))
    workspace.run()
    note = (workspace.failed / "sak.json.feil.txt").read_text(encoding="utf-8")
    assert "Sak nr. 1 i fila følgjer ikkje saksformatet: " in note
    assert "«barn.fodselsdato» skal vere ein dato (ÅÅÅÅ-MM-DD)" in note
    assert "eit felt under «barn» er ikkje med i saksformatet" in note
    _nothing_bokmal(note)
    listed = (workspace.failed / "liste.json.feil.txt").read_text(encoding="utf-8")
    assert "Fila er ei liste med saker utan ramma rundt." in listed
    _nothing_bokmal(listed)


def test_every_console_line_pattern_finds_itself():
    nb, nn = tekst("bokmal"), tekst("nynorsk")
    for section in ("konsoll", "konsoll_sak"):
        for key, text in nb.table(section).items():
            example = re.sub(r"\{\w+\}", "X", text)
            assert nn.said(example) == re.sub(r"\{\w+\}", "X", nn(f"{section}.{key}")), key


def test_a_reason_with_a_colon_is_said_whole_on_the_console():
    """A mapping's reason («Rad 6, «...» (feltet ...): datoen ...») inside a console line is
    found as a reason, not split at its colon as a case's warning would be."""
    reason = tekst()("feilmelding.verdi_dato", hvor="Rad 6", kolonne="Plassert fra",
                     felt="plassering.startdato", eksempel="31.12.2026")
    said = tekst("nynorsk").said(f"fil f2f8c1565b: satt til side: {reason}")
    assert said == ("fil f2f8c1565b: flytta til feilmappa: Rad 6, «Plassert fra» (feltet "
                    "plassering.startdato): datoen kan ikkje lesast (venta til dømes 31.12.2026).")


def test_every_reason_an_error_may_pass_is_said_in_nynorsk():
    """errors.reason's words are quoted in console lines and in the summary's retries."""
    nn = tekst("nynorsk")
    found = [errors.reason(e) for e in (
        *(kind() for kind in errors._REASONS), PermissionError(13, "x"), OSError(28, "x"),
        OSError(30, "x"), OSError(36, "x"), OSError(5, "x"), errors.StateDamaged("x.json"))]
    for text in found:
        assert nn.said(text) != text or text == "disken er full", text
        _nothing_bokmal(nn.said(text))


def test_a_missing_inbox_stops_run_in_nynorsk(workspace, capsys):
    from omsorgspakke_docs.cli import main

    _config(workspace, 'malform = "nynorsk"\n')
    workspace.inbox.rmdir()
    assert main(["run", "--config", str(workspace.config_file)]) == 2
    assert f"Feil: Innboksen {workspace.inbox} finst ikkje." in capsys.readouterr().err
