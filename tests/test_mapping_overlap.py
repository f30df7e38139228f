"""Two mapping files that claim the same export: never read by whichever comes first.

Helper 108 (IT's day): a new mapping «barnevern.toml» with generic columns (Rolle, Fornavn,
Etternavn) came before familia-personrapport.toml in file-name order and took Familia's
exports, which then failed with advice about the wrong mapping; a mapping copied for another
municipality, recognising the same files, silently read them as that municipality's."""

from __future__ import annotations

import shutil

from omsorgspakke_docs.cli import main

from .conftest import EXAMPLES, ROOT, case_folders

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
    assert not case_folders(workspace.outbox)
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


def test_mappings_read_with_other_separators_are_no_overlap(workspace, capsys):
    """Helper 110: a copy of the Familia mapping reading a space-separated file was «FEIL …
    kjenner igjen de samme filene», though no file can be claimed by both."""
    _mappings(workspace, **{"familia-mellomrom": _familia(**{
        'navn = "familia-personrapport"': 'navn = "familia-mellomrom"',
        'skilletegn = ";"': 'skilletegn = " "'})})
    assert main(["check", "--config", str(workspace.config_file)]) == 0
    assert "kjenner igjen de samme filene" not in capsys.readouterr().out


def test_with_a_plugin_or_built_in_format_among_them_the_first_registered_reads_the_file(
        workspace):
    """Helper 110: a file claimed by a mapping and by an adapter with code was set aside,
    with advice to change [gjenkjenning] in a plugin. Only mappings are weighed against each
    other; otherwise the registration order decides, as it did before."""
    from omsorgspakke_docs.adapters.mapping.adapter import MappingAdapter
    from omsorgspakke_docs.adapters.mapping.spec import load
    from omsorgspakke_docs.intake.detect import detect_adapter, sample

    class Code:
        name = "kode"

        def claims(self, found) -> bool:
            return True

    mapping = MappingAdapter(load(ROOT / "mappings" / "familia-personrapport.toml"))
    code, head = Code(), sample(EXAMPLES / FAMILIA)
    assert detect_adapter(head, [mapping, code]) is mapping
    assert detect_adapter(head, [code, mapping]) is code


def test_a_generic_excel_mapping_beside_one_that_names_its_sheet(workspace):
    """Helper 110: a copy of the Modulus mapping with three of its four columns and no «ark»
    under [gjenkjenning] set the Modulus export aside; the one that looks for more reads it."""
    text = (ROOT / "mappings" / "modulus-barn-kontaktrapport.toml").read_text(encoding="utf-8")
    generic = text.replace('navn = "modulus-barn-kontaktrapport"', 'navn = "generisk-excel"')
    generic = generic.replace('kolonner = ["Saksnr", "Personrolle", "Fornavn", "Etternavn"]',
                              'kolonner = ["Saksnr", "Personrolle", "Fornavn"]')
    generic = generic.replace('[gjenkjenning]\nfilendelser = [".xlsx"]\nark = "Kontakter"\n',
                              '[gjenkjenning]\nfilendelser = [".xlsx"]\n')
    assert generic.count('ark = "Kontakter"') == 1
    _mappings(workspace, **{"zz-generisk-excel": generic})
    name = "vendor-modulus-kontaktrapport.xlsx"
    shutil.copy(EXAMPLES / name, workspace.inbox / name)
    summary = workspace.run()
    assert summary.files_failed == 0 and summary.cases >= 1, summary.failed
