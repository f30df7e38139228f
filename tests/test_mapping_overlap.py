"""Two mapping files that claim the same export: never read by whichever comes first.

Helper 108 (IT's day): a new mapping «barnevern.toml» with generic columns (Rolle, Fornavn,
Etternavn) came before familia-personrapport.toml in file-name order and took Familia's
exports, which then failed with advice about the wrong mapping; a mapping copied for another
municipality, recognising the same files, silently read them as that municipality's."""

from __future__ import annotations

import shutil

from omsorgspakke_docs.cli import main

from .conftest import EXAMPLES, ROOT

FAMILIA = "vendor-familia-personrapport.csv"


def _mappings(workspace, **extra: str):
    """The shipped mappings and these, in a folder of the workspace's own."""
    folder = workspace.own_mappings(shipped=True)
    for name, text in extra.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")


def _familia(**changes: str) -> str:
    text = (ROOT / "mappings" / "familia-personrapport.toml").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return text


GENERIC = _familia(**{
    'navn = "familia-personrapport"': 'navn = "barnevern"',
    'kolonner = ["Journalnr", "Rolle", "Fornavn", "Etternavn"]':
        'kolonner = ["Rolle", "Fornavn", "Etternavn"]',
    'filendelser = [".csv", ".txt"]': 'filendelser = [".csv"]',
})
COPY = _familia(**{'navn = "familia-personrapport"': 'navn = "familia-nabokommunen"'})


def test_the_mapping_that_looks_for_more_reads_the_files_both_claim(workspace, capsys):
    _mappings(workspace, **{"a-barnevern": GENERIC})
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    out = capsys.readouterr().out
    assert ("mappingfilen familia-personrapport.toml ser etter alt a-barnevern.toml ser etter "
            "og mer; en fil begge kjenner igjen, leses med familia-personrapport.toml.") in out
    shutil.copy(EXAMPLES / FAMILIA, workspace.inbox / FAMILIA)
    summary = workspace.run()
    assert summary.files_failed == 0 and summary.cases >= 1, summary.failed
    assert (workspace.archive / FAMILIA).exists() or list(workspace.archive.rglob(FAMILIA))


def test_two_mappings_that_look_for_the_same_set_the_file_aside_naming_both(workspace,
                                                                           capsys):
    _mappings(workspace, **{"familia-nabokommunen": COPY})
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    out = capsys.readouterr().out
    assert ("mappingfilene familia-nabokommunen.toml og familia-personrapport.toml kjenner "
            "igjen de samme filene, og en fil begge kjenner igjen, blir satt til side.") in out
    shutil.copy(EXAMPLES / FAMILIA, workspace.inbox / FAMILIA)
    summary = workspace.run()
    assert summary.files_failed == 1 and summary.cases == 0
    assert not list(workspace.outbox.iterdir()) or not [
        p for p in workspace.outbox.iterdir() if p.is_dir()]
    note = (workspace.failed / f"{FAMILIA}.feil.txt").read_text(encoding="utf-8")
    assert ("Flere formater kjenner igjen denne filen: familia-nabokommunen, "
            "familia-personrapport. Programmet vet ikke hvilket av dem som skal lese den.") in note
    assert "[gjenkjenning] i familia-nabokommunen.toml, familia-personrapport.toml" in note


def test_the_note_of_a_file_two_mappings_claim_is_in_nynorsk_too():
    from omsorgspakke_docs.text import tekst

    t = tekst("nynorsk")
    assert t.note("Flere formater kjenner igjen denne filen: a, b. Programmet vet ikke hvilket "
                  "av dem som skal lese den.") == (
        "Fleire format kjenner att denne fila: a, b. Programmet veit ikkje kva for eitt av "
        "dei som skal lese ho.")
