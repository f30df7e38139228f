"""A mapping's kommunenummer written as the wrong kind (IT's day, helper 503): the
municipality's number where a source is read (`kommunenummer = "4601"` in an XML or JSON
mapping, or `{ kilde = "4601" }` in a CSV one), or a source as the fixed value
(`{ standard = "@kommunenr" }`). An XML file gave every case 4601.0, refused; a JSON one was
told only that a pointer starts with «/»; the table form and a source as the value were not
said at all. check says what was meant, at the key and its line, in the service's standard."""

from __future__ import annotations

from omsorgspakke_docs.cli import main

from .conftest import ROOT
from .test_mapping import CSV_MAPPING


def _check(workspace, capsys, file: str, text: str) -> tuple[int, list[str]]:
    (workspace.own_mappings() / file).write_text(text, encoding="utf-8")
    code = main(["check", "--config", str(workspace.config_file)])
    return code, capsys.readouterr().out.splitlines()


def _shipped(name: str, line: str, instead: str) -> str:
    text = (ROOT / "mappings" / name).read_text(encoding="utf-8")
    lines = [instead if row.startswith(line) else row for row in text.splitlines()]
    assert instead in lines
    return "\n".join(lines) + "\n"


ACOS = "acos-barnevern-kontaktrapport.toml"  # XML; kommunenummer = "@kommunenr" at line 28
VISMA = "visma-flyt-barnevern-personer.toml"  # JSON; a fixed 4699 at line 27


def test_digits_as_an_xpath_are_the_number_meant(workspace, capsys):
    text = _shipped(ACOS, "kommunenummer =", 'kommunenummer = "4601"')
    code, lines = _check(workspace, capsys, "acos.toml", text)
    assert code == 1
    assert ('FEIL      mappingfil acos.toml, linje 28, «felt.kommunenummer»: kommunenummer = '
            '"4601" er et XPath-uttrykk, ikke kommunens nummer. Er 4601 kommunens nummer, '
            'skriver du det som en fast verdi: kommunenummer = { standard = "4601" }. Står '
            'nummeret i eksporten, skriver du XPath-uttrykket som finner det, f.eks. '
            'kommunenummer = "@kommunenr".') in lines, lines
    workspace.in_malform("nynorsk")
    code, lines = _check(workspace, capsys, "acos.toml", text)
    assert code == 1
    assert ('FEIL      mappingfil acos.toml, linje 28, «felt.kommunenummer»: kommunenummer = '
            '"4601" er eit XPath-uttrykk, ikkje nummeret til kommunen. Er 4601 nummeret til '
            'kommunen, skriv du det som ein fast verdi: kommunenummer = { standard = "4601" }. '
            'Står nummeret i eksporten, skriv du XPath-uttrykket som finn det, t.d. '
            'kommunenummer = "@kommunenr".') in lines, lines


def test_digits_as_a_json_pointer_are_the_number_meant(workspace, capsys):
    text = _shipped(VISMA, "kommunenummer =", 'kommunenummer = { kilde = "4601" }')
    code, lines = _check(workspace, capsys, "visma.toml", text)
    assert code == 1
    assert ('FEIL      mappingfil visma.toml, linje 27, «felt.kommunenummer»: kommunenummer = '
            '{ kilde = "4601" } er verken en JSON-peker (de starter med «/») eller en fast '
            'verdi. Er 4601 kommunens nummer, skriver du det som en fast verdi: kommunenummer '
            '= { standard = "4601" }. Står nummeret i eksporten, skriver du JSON-pekeren som '
            'finner det, f.eks. kommunenummer = "/kommunenummer".') in lines, lines
    assert not [line for line in lines if "starter med «/», f.eks. «/barn/fornavn»" in line]
    workspace.in_malform("nynorsk")
    code, lines = _check(workspace, capsys, "visma.toml", text)
    assert ('FEIL      mappingfil visma.toml, linje 27, «felt.kommunenummer»: kommunenummer = '
            '{ kilde = "4601" } er verken ein JSON-peikar (dei startar med «/») eller ein fast '
            'verdi. Er 4601 nummeret til kommunen, skriv du det som ein fast verdi: '
            'kommunenummer = { standard = "4601" }. Står nummeret i eksporten, skriv du '
            'JSON-peikaren som finn det, t.d. kommunenummer = "/kommunenummer".') in lines, lines


def test_a_path_as_the_fixed_value_is_the_source_meant(workspace, capsys):
    text = _shipped(ACOS, "kommunenummer =", 'kommunenummer = { standard = "@kommunenr" }')
    code, lines = _check(workspace, capsys, "acos.toml", text)
    assert code == 1
    assert ('FEIL      mappingfil acos.toml, linje 28, «felt.kommunenummer.standard»: '
            '«@kommunenr» ser ut som et XPath-uttrykk, men standard er en fast verdi, ikke et '
            'sted i eksporten. Skal kommunenummeret leses fra eksporten, skriver du '
            'kommunenummer = "@kommunenr", uten standard; ellers skriver du kommunens eget '
            'nummer, fire sifre (f.eks. "4601" for Bergen).') in lines, lines
    workspace.in_malform("nynorsk")
    text = _shipped(VISMA, "kommunenummer =", 'kommunenummer = { standard = "/kommune/nr" }')
    code, lines = _check(workspace, capsys, "visma.toml", text)
    assert code == 1
    assert ('FEIL      mappingfil visma.toml, linje 27, «felt.kommunenummer.standard»: '
            '«/kommune/nr» ser ut som ein JSON-peikar, men standard er ein fast verdi, ikkje '
            'ein stad i eksporten. Skal kommunenummeret lesast frå eksporten, skriv du '
            'kommunenummer = "/kommune/nr", utan standard; elles skriv du nummeret til '
            'kommunen, fire siffer (t.d. "4601" for Bergen).') in lines, lines


def test_a_column_named_by_digits_in_a_table_is_said_too(workspace, capsys):
    """`kommunenummer = "4601"` in a CSV mapping was said (helper 411); written as a table,
    `{ kilde = "4601" }`, it was not. The line quotes what was written (it quoted
    `kommunenummer = "4601"`) and names the key, as the XPath and JSON lines do (helper
    514)."""
    table = CSV_MAPPING.replace('kommunenummer = { standard = "4699" }',
                                'kommunenummer = { kilde = "4601" }')
    code, lines = _check(workspace, capsys, "ny.toml", table)
    assert code == 1
    assert ('FEIL      mappingfil ny.toml, linje 18, «felt.kommunenummer»: kommunenummer = { '
            'kilde = "4601" } leser kolonnen med navnet «4601», ikke tallet. Er 4601 kommunens '
            'nummer, skriver du det som en fast verdi: kommunenummer = { standard = "4601" }.'
            ) in lines, lines
    text = CSV_MAPPING.replace('kommunenummer = { standard = "4699" }',
                               'kommunenummer = { standard = "Kommunenr" }')
    code, lines = _check(workspace, capsys, "ny.toml", text)
    assert code == 1
    assert ('FEIL      mappingfil ny.toml, linje 18, «felt.kommunenummer.standard»: '
            '«Kommunenr» ser ut som et kolonnenavn, men standard er en fast verdi, ikke et sted '
            'i eksporten. Skal kommunenummeret leses fra eksporten, skriver du kommunenummer = '
            '"Kommunenr", uten standard; ellers skriver du kommunens eget nummer, fire sifre '
            '(f.eks. "4601" for Bergen).') in lines, lines
    workspace.in_malform("nynorsk")
    code, lines = _check(workspace, capsys, "ny.toml", table)
    assert code == 1
    assert ('FEIL      mappingfil ny.toml, linje 18, «felt.kommunenummer»: kommunenummer = { '
            'kilde = "4601" } les kolonnen med namnet «4601», ikkje talet. Er 4601 nummeret til '
            'kommunen, skriv du det som ein fast verdi: kommunenummer = { standard = "4601" }.'
            ) in lines, lines
