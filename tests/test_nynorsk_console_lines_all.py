"""Every warning and error the program logs reaches the console of a nynorsk service in
nynorsk (IT's day, finding 3): a broken mapping file and a case left out of the list to be
sent were said in bokmål on its console, while check said them in nynorsk."""

from __future__ import annotations

import ast
import re

from omsorgspakke_docs.text import tekst

from .conftest import ROOT
from .test_console_lines import _omsorgspakke, with_a_broken_mapping_file
from .test_nynorsk import _config
from .test_nynorsk_console import _nothing_bokmal

DYNAMIC = {
    # the format's fields are fixed words: said here as code fills them in
    "%s: kom ikke med i %s (%s)": [
        ("sak-1a2b: kom ikke med i listen til utsending (ValueError)",
         "sak-1a2b: kom ikkje med i lista til utsending (ValueError)"),
        ("sak-1a2b: kom ikke med i saksoversikten (KeyError)",
         "sak-1a2b: kom ikkje med i saksoversikta (KeyError)")],
    "%s: planen (tilstandsfilen plans/%s.json) %s; %d datoer hentet tilbake fra kalenderfilen, "
    "%d samtaler fikk ny dato": [
        ("sak-1a2b: planen (tilstandsfilen plans/sak-1a2b.json) manglet; 3 datoer hentet "
         "tilbake fra kalenderfilen, 1 samtaler fikk ny dato",
         "sak-1a2b: planen (tilstandsfila plans/sak-1a2b.json) mangla; 3 datoar henta "
         "tilbake frå kalenderfila, 1 samtalar fekk ny dato"),
        ("sak-1a2b: planen (tilstandsfilen plans/sak-1a2b.json) var skadet; 3 datoer hentet "
         "tilbake fra kalenderfilen, 1 samtaler fikk ny dato",
         "sak-1a2b: planen (tilstandsfila plans/sak-1a2b.json) var skadd; 3 datoar henta "
         "tilbake frå kalenderfila, 1 samtalar fekk ny dato")],
    "oppsettet er endret, men %s %s kan ikke leses; watch fortsetter med oppsettet den startet "
    "med. Kjør «omsorgspakke check» for å se hva som må rettes": [
        ("oppsettet er endret, men mappingfilene a.toml, b.toml kan ikke leses; watch "
         "fortsetter med oppsettet den startet med. Kjør «omsorgspakke check» for å se hva som "
         "må rettes",
         "oppsettet er endra, men mappingfilene a.toml, b.toml kan ikkje lesast; watch held "
         "fram med det gamle oppsettet. Køyr «omsorgspakke check» for å sjå kva som må "
         "rettast"),
        ("oppsettet er endret, men mappingfilen a.toml kan ikke leses; watch fortsetter med "
         "oppsettet den startet med. Kjør «omsorgspakke check» for å se hva som må rettes",
         "oppsettet er endra, men mappingfila a.toml kan ikkje lesast; watch held fram med "
         "det gamle oppsettet. Køyr «omsorgspakke check» for å sjå kva som må rettast")],
    "mappingfil %s": [],  # the problem says itself (Problem.said): the run below
    "%s: %s": [],  # a case's flag, a reason: looked up on their own
}


def _logged() -> list[str]:
    """The format of every warning or error the package logs."""
    found = []
    for path in sorted((ROOT / "omsorgspakke_docs").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "log"):
                continue
            args = node.args
            if node.func.attr == "log":
                if "WARNING" not in ast.unparse(args[0]) and "ERROR" not in ast.unparse(args[0]):
                    continue
                args = args[1:]
            elif node.func.attr not in ("warning", "error", "critical", "exception"):
                continue
            assert isinstance(args[0], ast.Constant), f"{path.name}:{node.lineno}"
            found.append(args[0].value)
    return found


def test_every_warning_and_error_is_said_in_nynorsk():
    nn = tekst("nynorsk")
    unsaid = []
    for text in _logged():
        if text in DYNAMIC:
            for bokmal, nynorsk in DYNAMIC[text]:
                assert nn.said(bokmal) == nynorsk
            continue
        line = re.sub(r"%(\.\d+)?[sdf]", "X", text)
        if nn.said(line) == line:
            unsaid.append(line)
    assert unsaid == []


def test_konfig_lines_say_brukar():
    nn = tekst("nynorsk")
    for key in ("konfig_annen", "konfig_ny"):
        assert "denne køyringa brukar {ny}" in nn.get(f"bruksfeil.{key}")


def test_a_broken_mapping_file_is_said_in_nynorsk_on_a_run(workspace):
    _config(workspace, 'malform = "nynorsk"\n')
    with_a_broken_mapping_file(workspace)
    done = _omsorgspakke(workspace, "run", "--today", "2026-11-22")
    lines = [line for line in done.stderr.splitlines() if "plassering.startdao" in line]
    assert lines == [
        'ÅTVARING mappingfil ny.toml, linje 19, «felt."plassering.startdao"»: '
        "«plassering.startdao» er ikkje eit felt i saksformatet. Meinte du "
        "«plassering.startdato»?"], done.stderr
    _nothing_bokmal(lines[0])
    log = (workspace.root / "state" / "logs").glob("*.jsonl")
    assert any("er ikke et felt" in p.read_text(encoding="utf-8") for p in log)


def test_a_log_file_that_cannot_be_written_is_said_in_nynorsk(tmp_path, capsys):
    import logging

    from omsorgspakke_docs.logs import _LogFile

    handler = _LogFile(tmp_path / "logg.jsonl", encoding="utf-8")
    handler.t = tekst("nynorsk")
    try:
        raise OSError(28, "No space left on device")
    except OSError:
        handler.handleError(logging.makeLogRecord({"msg": "x"}))
    handler.close()
    err = capsys.readouterr().err
    assert err.startswith("Loggfila kan ikkje skrivast (disken er full); åtvaringar blir "
                          "framleis viste her."), err


def test_a_case_without_its_keys_is_said_in_nynorsk():
    assert tekst("nynorsk").note("En sak i filen mangler kommunenummer eller journalnummer.") \
        == "Ei sak i fila manglar kommunenummer eller journalnummer."
