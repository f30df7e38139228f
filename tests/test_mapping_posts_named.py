"""A post of an XML or JSON export is named by its case's journal number in the note beside
a refused file and in check --sample (helper 125): «post nr. 2» alone cannot be found in a
file of hundreds of cases. A row keeps its number, which a spreadsheet shows; a number that
is no journal number (an identity number read from the wrong column) is never shown."""

from __future__ import annotations

import pytest

from .conftest import EXAMPLES
from .test_check_traps import ACOS as ACOS_FILE
from .test_check_traps import acos_check

ACOS = ACOS_FILE.read_text(encoding="utf-8")
HEAD = "«Plassering/@fra» (feltet plassering.startdato)"


def second_post(journal: str = "2026/1234") -> str:
    """The example with a second case after the first, whose start date is in a form the
    mapping does not read."""
    start, end = ACOS.index("  <Klient "), ACOS.index("</Klient>") + len("</Klient>\n")
    post = ACOS[start:end].replace('journalnr="2026-0730"', f'journalnr="{journal}"')
    return ACOS[:end] + post.replace('fra="03.11.2026"', 'fra="2026/11/03"') + ACOS[end:]


def refused(workspace, text: str | bytes, name: str = "kontaktrapport.xml") -> str:
    """The note beside the file, which a run sets aside."""
    workspace.drop(name, text)
    assert workspace.run().files_failed == 1
    return (workspace.failed / f"{name}.feil.txt").read_text(encoding="utf-8")


def test_the_note_names_the_case_of_a_post_by_its_journal_number(workspace):
    note = refused(workspace, second_post())
    assert (f"Saken med journalnummer 2026/1234 (post nr. 2), {HEAD}: datoen kan ikke leses "
            "(forventet for eksempel 31.12.2026).") in note
    assert "Sofie" not in note and "23851360042" not in note


def test_the_note_names_the_case_in_nynorsk(workspace):
    workspace.in_malform("nynorsk")
    note = refused(workspace, second_post())
    assert (f"Saka med journalnummer 2026/1234 (post nr. 2), {HEAD}: datoen kan ikkje "
            "lesast") in note
    assert "Saken" not in note


def test_a_post_without_a_journal_number_is_named_by_its_position(workspace):
    note = refused(workspace, second_post(journal=""))
    assert f"Post nr. 2 (<Klient>), {HEAD}: datoen kan ikke leses" in note
    assert "journalnummer" not in note.split("Hva du kan gjøre")[0]


@pytest.mark.parametrize("journal", ["23851360042", "238513-60042", "23.85.13-60042",
                                     "Kari Nordmann"])
def test_an_identity_number_or_a_name_in_the_journal_number_is_never_shown(workspace, capsys,
                                                                           journal):
    note = refused(workspace, second_post(journal=journal))
    assert f"Post nr. 2 (<Klient>), {HEAD}: datoen kan ikke leses" in note
    assert journal not in note and "[fnr]" not in note
    code, out = acos_check(workspace, capsys, second_post(journal=journal))
    assert f"{HEAD}, post nr. 2 (<Klient>): datoen kan ikke leses" in out
    assert journal not in out


def test_check_sample_names_the_case_beside_the_post(workspace, capsys):
    code, out = acos_check(workspace, capsys, second_post())
    assert code == 1
    assert (f"FEIL      prøvefil: {HEAD}, post nr. 2 i saken med journalnummer 2026/1234: "
            "datoen kan ikke leses.") in out
    workspace.in_malform("nynorsk")
    code, out = acos_check(workspace, capsys, second_post())
    assert (f"FEIL      prøvefil: {HEAD}, post nr. 2 i saka med journalnummer 2026/1234: "
            "datoen kan ikkje lesast.") in out


def test_a_json_post_is_named_by_its_case_too(workspace):
    visma = (EXAMPLES / "vendor-visma-flyt-personer.json").read_text(encoding="utf-8")
    note = refused(workspace, visma.replace('"fraDato": "2026-10-05"', '"fraDato": "5/10/2026"'),
                   "personer.json")
    assert ("Saken med journalnummer 2026-0720 (post nr. 1), «/plassering/fraDato» (feltet "
            "plassering.startdato): datoen kan ikke leses") in note



def test_the_log_names_no_journal_number_and_no_identity_number(workspace):
    """The note names the case; the log file, which holds pseudonyms and
    counts only (logs.py), masks the journal number the reason quotes, and an identity
    number however it is grouped."""
    workspace.drop("kontaktrapport.xml", second_post())
    assert workspace.cli() == 1  # a file set aside
    lines = (workspace.state / "logs" / "omsorgspakke.jsonl").read_text(encoding="utf-8")
    refused = [line for line in lines.splitlines() if '"event": "failed"' in line]
    assert refused and all("2026/1234" not in line for line in refused)
    assert "saken med [journalnummer] (post nr. 2)" in refused[0].lower()
    from omsorgspakke_docs.logs import _masked

    assert _masked("fil x: 15.06.95 12345 og 150695 123 45") == "fil x: [fnr] og [fnr]"
