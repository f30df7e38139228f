"""IT writes a mapping file for a new vendor, misspells a section, and tries it on the
vendor's export with `check --sample` (helper 805). check listed the mapping file's errors,
then said only «prøvefil: ingen adapter kjenner den igjen», which sent IT looking at the
export: the mapping file that would read it was left out for its errors. check now says so
after that line, naming the file(s)."""

from __future__ import annotations

import pytest

from omsorgspakke_docs.cli import main

from .conftest import EXAMPLES, ROOT

WORDS = {
    "bokmal": ("FEIL      prøvefil: ingen adapter kjenner den igjen.",
               "MERK      prøvefil: mappingfilen nysys.toml har feil (se over) og er ikke prøvd "
               "på filen. Skal den lese filen, retter du feilene først og kjører «omsorgspakke "
               "check --sample» på nytt."),
    "nynorsk": ("FEIL      prøvefil: ingen adapter kjenner att fila.",
                "MERK      prøvefil: mappingfila nysys.toml har feil (sjå over) og er ikkje "
                "prøvd på fila. Skal ho lese fila, rettar du feilane først og køyrer "
                "«omsorgspakke check --sample» på nytt."),
}


def _misspelt(folder, name: str = "nysys.toml") -> None:
    text = (ROOT / "mappings" / "familia-personrapport.toml").read_text(encoding="utf-8")
    text = text.replace('navn = "familia-personrapport"', 'navn = "nysys-personrapport"')
    (folder / name).write_text(text.replace("[gjenkjenning]", "[gjenkjening]"),
                               encoding="utf-8")


@pytest.mark.parametrize("malform", ["bokmal", "nynorsk"])
def test_the_sample_says_the_mapping_file_left_out_may_be_the_one(workspace, capsys,
                                                                   malform):
    workspace.in_malform(malform)
    _misspelt(workspace.own_mappings())
    code = main(["check", "--config", str(workspace.config_file), "--sample",
                 str(EXAMPLES / "vendor-familia-personrapport.csv")])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    unknown, said = WORDS[malform]
    assert out[out.index(unknown) + 1] == said, out


def test_two_files_left_out(workspace, capsys):
    folder = workspace.own_mappings()
    _misspelt(folder)
    _misspelt(folder, "nysys-2.toml")
    main(["check", "--config", str(workspace.config_file), "--sample",
          str(EXAMPLES / "vendor-familia-personrapport.csv")])
    out = capsys.readouterr().out
    assert ("MERK      prøvefil: mappingfilene nysys-2.toml, nysys.toml har feil (se over) og "
            "er ikke prøvd på filen. Skal en av dem lese filen,") in out, out


def test_no_word_of_broken_files_when_none_is(workspace, capsys):
    """The shipped mapping files all load: an export none of them reads is said as before."""
    path = workspace.root / "ukjent.csv"
    path.write_text("A;B;C\n1;2;3\n", encoding="utf-8")
    main(["check", "--config", str(workspace.config_file), "--sample", str(path)])
    out = capsys.readouterr().out
    assert "FEIL      prøvefil: ingen adapter kjenner den igjen." in out
    assert "MERK      prøvefil" not in out


def test_a_records_pointer_without_slash_is_said_at_its_own_line(workspace, capsys):
    """`poster = "saker"` (no «/») in the Visma mapping was said as «linje 19,
    «gjenkjenning.nokler[1]»», the detection key of the same name: IT looked at a line that
    is right. It is said at [lesing] poster's line."""
    folder = workspace.own_mappings()
    text = (ROOT / "mappings" / "visma-flyt-barnevern-personer.toml").read_text(
        encoding="utf-8")
    assert 'poster = "/saker"' in text
    text = text.replace('poster = "/saker"', 'poster = "saker"')
    (folder / "visma.toml").write_text(text, encoding="utf-8")
    line = text.splitlines().index('poster = "saker"') + 1
    assert main(["check", "--config", str(workspace.config_file)]) == 1
    out = capsys.readouterr().out
    assert (f"FEIL      mappingfil visma.toml, linje {line}, «lesing.poster»: en JSON-peker "
            "starter med «/», f.eks. «/barn/fornavn».") in out.splitlines(), out
    assert "gjenkjenning.nokler" not in out


@pytest.mark.parametrize(("malform", "said"), [
    ("bokmal", "Filen inneholder ingen saker: mappingfilen acos.toml leser postene fra "
               "«Klienter», og der er det ingen i filen."),
    ("nynorsk", "Fila inneheld ingen saker: mappingfila acos.toml les postane frå «Klienter», "
                "og der er det ingen i fila.")])
def test_records_written_wrong_in_an_xml_mapping(workspace, capsys, malform, said):
    """`poster = "Klienter"` for «Klient»: an XML export said to have «ingen rader under
    overskriftene», a table's words, in check and in the note beside the file."""
    workspace.in_malform(malform)
    text = (ROOT / "mappings" / "acos-barnevern-kontaktrapport.toml").read_text(
        encoding="utf-8")
    assert 'poster = "Klient"' in text
    (workspace.own_mappings() / "acos.toml").write_text(
        text.replace('poster = "Klient"', 'poster = "Klienter"'), encoding="utf-8")
    export = EXAMPLES / "vendor-acos-kontaktrapport.xml"
    assert main(["check", "--config", str(workspace.config_file), "--sample",
                 str(export)]) == 1
    out = capsys.readouterr().out
    assert f"FEIL      prøvefil: {said}" in out.splitlines(), out
    workspace.drop_example("vendor-acos-kontaktrapport.xml")
    assert workspace.cli() == 1
    note = next(workspace.failed.glob("*.txt")).read_text(encoding="utf-8")
    assert said in note and "overskriftene" not in note
