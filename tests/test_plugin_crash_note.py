"""A local plugin that crashes while reading a file (IT's day, finding 2): check --sample
named the plugin and its line, while the note beside the set-aside file said only «uventet
feil (KeyError)». The note names them too, in the service's standard; never the error's
message, which may quote the export."""

from __future__ import annotations

from .conftest import canonical_case
from .local_plugins import (
    KIND_RAISES_AT,
    RAISING_KIND,
    READ_LINE,
    adapter_plugin,
    write_plugin,
)


def _note(workspace) -> str:
    write_plugin(workspace, adapter_plugin(read="raise KeyError('Kari Nordmann 02868610088')"),
                 "kjoretid.py")
    workspace.drop("rapport.csv", "Sak;Navn\n2026-0901;Kari Nordmann\n")
    assert workspace.cli() == 1
    return (workspace.failed / "rapport.csv.feil.txt").read_text(encoding="utf-8")


def test_the_note_names_the_plugin_and_its_line(workspace):
    note = _note(workspace)
    assert (f"Programtillegget kjoretid.py stoppet med KeyError på linje {READ_LINE} da filen "
            "ble lest.") in note
    assert ("Be IT rette programtillegget: en adapter skal kaste InputError med en norsk "
            "melding for en fil den ikke kan lese (docs/adapters.md). Legg så filen i "
            "innboksen på nytt.") in note
    assert "uventet" not in note and "Kari" not in note and "02868610088" not in note


def test_the_note_names_the_plugin_in_nynorsk(workspace):
    workspace.in_malform("nynorsk")
    note = _note(workspace)
    assert (f"Programtillegget kjoretid.py stoppa med KeyError på linje {READ_LINE} då fila "
            "vart lesen.") in note
    assert "Be IT rette programtillegget: ein adapter skal kaste InputError med ei norsk " in note
    assert "uventa" not in note and "Kari" not in note


def _kind_note(workspace) -> str:
    """A document kind of IT's own that raises as a case's documents are made (IT's day,
    helper 606): the file was read; the note said «da filen ble lest» all the same, and told
    IT what an adapter must do."""
    write_plugin(workspace, RAISING_KIND, "skjema.py")
    workspace.drop("sak.json", canonical_case())
    assert workspace.cli() == 1
    return (workspace.failed / "sak.json.feil.txt").read_text(encoding="utf-8")


def test_a_document_kind_that_raises_is_said_as_making_documents(workspace):
    note = _kind_note(workspace)
    assert (f"Programtillegget skjema.py stoppet med KeyError på linje {KIND_RAISES_AT} da "
            "dokumentene av typen «skjema» ble laget.") in note, note
    assert ("Be IT rette programtillegget: en dokumenttype skal lage dokumentene for hver sak "
            "uten å stoppe med en feil (docs/plugins.md, «register_document_kinds»). Legg så "
            "filen i innboksen på nytt.") in note
    assert "ble lest" not in note and "adapter" not in note
    assert "Kari" not in note and "02868610088" not in note


def test_a_document_kind_that_raises_is_said_so_in_nynorsk(workspace):
    workspace.in_malform("nynorsk")
    note = _kind_note(workspace)
    assert (f"Programtillegget skjema.py stoppa med KeyError på linje {KIND_RAISES_AT} då "
            "dokumenta av typen «skjema» vart laga.") in note, note
    assert ("Be IT rette programtillegget: ein dokumenttype skal lage dokumenta for kvar sak "
            "utan å stoppe med ein feil (docs/plugins.md, «register_document_kinds»). Legg så "
            "fila i innboksen på nytt.") in note
    assert "vart lesen" not in note and "uventa" not in note and "Kari" not in note
