"""The note beside a failed file is read, copied and pasted into tickets: an identity number
a plugin's message quotes, or one in the file's own name, is not in it (helper 119). The log
hid them already; the note did not."""

from __future__ import annotations

from .local_plugins import adapter_plugin, write_plugin

SAID = "Saken til 14831450089 (14.83.14 50089) mangler journalnummer."
PLUGIN = adapter_plugin(read=f"raise InputError({SAID!r},\n"
                             "                         what_to_do='Rett saken for 148314 50089 "
                             "i fagsystemet.')")


def test_identity_numbers_are_hidden_in_the_note(workspace):
    write_plugin(workspace, PLUGIN)
    workspace.drop("Fiktivsen 148314-50089.csv", "Sak;Navn\n2026-0901;Testbarn\n")
    assert workspace.cli() == 1  # a file set aside
    [note] = workspace.failed.glob("*.feil.txt")
    text = note.read_text(encoding="utf-8")
    assert "Saken til [fnr] ([fnr]) mangler journalnummer." in text  # grouped too
    assert "Rett saken for [fnr] i fagsystemet." in text
    assert "Filen «Fiktivsen [fnr].csv» kunne ikke behandles." in text
    assert "14831450089" not in text and "50089" not in text
    assert (workspace.failed / "Fiktivsen 148314-50089.csv").is_file()  # the file itself, kept


def test_an_unexpected_error_asks_for_what_is_below(workspace):
    write_plugin(workspace, adapter_plugin(read=f"raise ValueError({SAID!r})"))
    workspace.drop("rapport.csv", "Sak;Navn\n2026-0901;Testbarn\n")
    workspace.cli()
    text = (workspace.failed / "rapport.csv.feil.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    # A plugin that crashes is named with its line, for IT to mend it (helper 412).
    asks = next(i for i, line in enumerate(lines) if "Be IT rette programtillegget" in line)
    assert any(line.startswith("Tidspunkt:") for line in lines[asks + 1:])
    assert any(line.startswith("Referanse i loggen:") for line in lines[asks + 1:])
