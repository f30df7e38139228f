"""Missing data is visible: placeholders in the documents, mangler.txt per case folder, and
strict mode that writes nothing for a case with gaps and says why, with labels only."""

import json

from omsorgspakke_docs.run.case_step import missing_report
from omsorgspakke_docs.store.safenames import OWNER_MARKER, claim_case_folder, release_case_folder
from omsorgspakke_docs.text import MALFORMER, MISSING_RE, tekst

from .conftest import EXAMPLES, canonical_case, docx_text

SSB_EXAMPLE = "bvr-modulus-2026-0587.xml"
SSB_JOURNAL = "2026-0587"


def identity_number() -> str:
    xml = (EXAMPLES / SSB_EXAMPLE).read_text(encoding="utf-8")
    return xml.split('Fodselsnummer="')[1].split('"')[0]


def strict(ws) -> None:
    with open(ws.config_file, "a", encoding="utf-8") as handle:
        handle.write("\n[documents]\nstrict_missing = true\n")


def test_a_case_without_names_shows_placeholders_and_lists_them_per_document(workspace):
    workspace.whole_year()
    workspace.drop_example(SSB_EXAMPLE)
    assert workspace.run().files_failed == 0
    folder = workspace.case_folder(SSB_JOURNAL)
    plan = docx_text(folder / "01 Oppfølgingsplan.docx")
    assert "[mangler: navn på barnet]" in plan and "[mangler: navn på fosterforeldrene]" in plan
    listing = (folder / "mangler.txt").read_text(encoding="utf-8")
    assert listing.startswith("Opplysninger som mangler i dokumentene")
    assert "01 Oppfølgingsplan.docx:\n" in listing and "  - navn på barnet\n" in listing
    assert "Referater/Barnet/Tema 1 - Min historie.docx:" in listing
    # Labels only: the list never holds a value from the case.
    assert "[mangler: navn" not in listing and identity_number() not in listing


def test_a_complete_case_says_nothing_is_missing(workspace):
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    listing = (workspace.case_folder("2026-0412") / "mangler.txt").read_text(encoding="utf-8")
    assert listing == ("Alle dokumentene er fylt ut: ingen felt i dem mangler opplysninger. "
                       "Det som ellers må følges opp i saken, står i 04 Oppfølgingsoversikt.\n")


def test_the_list_names_each_document_once_with_its_labels_in_order():
    text = missing_report({"b.docx": ["navn på barnet", "adresse"], "a.docx": ["telefon"]})
    assert text.endswith("a.docx:\n  - telefon\nb.docx:\n  - navn på barnet\n  - adresse\n")


def test_strict_mode_writes_nothing_for_a_case_with_gaps_and_explains(workspace):
    strict(workspace)
    dropped = workspace.drop_example(SSB_EXAMPLE)
    summary = workspace.run()
    assert summary.files_failed == 1 and summary.cases == 0
    # No case folder with nothing in it for staff to wonder about.
    assert not workspace.case_folder(SSB_JOURNAL).exists()
    note = (workspace.failed / (dropped.name + ".feil.txt")).read_text(encoding="utf-8")
    assert "streng kontroll" in note and "strict_missing" in note
    assert f"journalnummer {SSB_JOURNAL}" in note
    assert "01 Oppfølgingsplan.docx:\n  - " in note and "  - navn på barnet\n" in note
    # The note and the summary carry labels and a pseudonym, never the case's values.
    assert identity_number() not in note
    assert identity_number() not in json.dumps(summary.as_json())
    assert summary.failed[0]["grunn"].startswith("Dokumentene for sak-")


def test_a_case_folder_is_released_only_when_nothing_is_in_it(tmp_path):
    empty = claim_case_folder(tmp_path, "2026-0001", "sak-1")
    (empty / "Referater" / "Barnet").mkdir(parents=True)
    release_case_folder(empty)
    assert not empty.exists()
    kept = claim_case_folder(tmp_path, "2026-0002", "sak-2")
    (kept / "Referater").mkdir()
    (kept / "Referater" / "notat.txt").write_text("skrevet av saksbehandleren\n")
    release_case_folder(kept)
    assert (kept / "Referater" / "notat.txt").is_file() and (kept / OWNER_MARKER).is_file()


def test_strict_mode_writes_a_complete_case_as_usual(workspace):
    strict(workspace)
    workspace.drop("sak.json", canonical_case())
    summary = workspace.run()
    assert summary.files_failed == 0 and summary.cases == 1
    assert (workspace.case_folder("2026-0412") / "01 Oppfølgingsplan.docx").is_file()


def test_strict_mode_is_off_unless_configured(workspace):
    assert workspace.settings().documents.strict_missing is False
    strict(workspace)
    assert workspace.settings().documents.strict_missing is True


def _without_visiting_address(workspace) -> None:
    """The workspace's [service] without its besoksadresse (the SSB export has none)."""
    workspace.config_file.write_text(workspace.config_file.read_text(encoding="utf-8").replace(
        'besoksadresse = "Rådhusgata 4, 9999 Testvik"\n', ""), encoding="utf-8")


def test_a_missing_visiting_address_is_listed_whole(workspace):
    """The service's visiting address is a setting: its label names it, and mangler.txt
    lists the label as the documents show it (a bracket in a label cut it short)."""
    workspace.whole_year()
    _without_visiting_address(workspace)
    workspace.drop_example(SSB_EXAMPLE)
    assert workspace.run().files_failed == 0
    listing = (workspace.case_folder(SSB_JOURNAL) / "mangler.txt").read_text(encoding="utf-8")
    assert "  - besøksadresse til barnevernstjenesten (innstillingen service.besoksadresse)\n" \
        in listing


def test_no_label_of_a_placeholder_holds_a_bracket():
    """A placeholder ends at its first closing bracket ([mangler: ...]): a label with one
    would be read cut short, in mangler.txt and wherever a document is checked for gaps."""
    for malform in MALFORMER:
        t = tekst(malform)
        for key, label in t.table("felt").items():
            assert "[" not in label and "]" not in label, (malform, key)
            placeholder = t.missing(label.format(hvem="barnet"))
            assert MISSING_RE.findall(placeholder) == [label.format(hvem="barnet")]


def test_a_postal_box_is_never_given_as_the_visiting_address(workspace):
    """The letterhead's visiting address falls back on the service's address only when that
    is a street address: «Postboks 1» is no place to visit (as for meetings)."""
    _without_visiting_address(workspace)  # the config has adresse = "Postboks 1" only
    workspace.drop_example(SSB_EXAMPLE)
    assert workspace.run().files_failed == 0
    letter = docx_text(next(workspace.case_folder(SSB_JOURNAL).glob("02 Informasjonsbrev*.docx")))
    assert "Besøksadresse: [mangler: besøksadresse til barnevernstjenesten]" in letter
    assert "Besøksadresse: Postboks" not in letter


def test_the_list_of_what_is_missing_marks_only_letters_in_the_other_standard():
    """manglar.txt (a nynorsk case) says a bokmål letter shows its fields in bokmål; a
    calendar file, made without a template, is listed by its path alone."""
    from pathlib import PurePosixPath

    from omsorgspakke_docs.rendering.renderer import Document
    from omsorgspakke_docs.run.case_step import _listed_as
    from omsorgspakke_docs.text import tekst

    nn = tekst("nynorsk")
    letter = Document(PurePosixPath("02 Informasjonsbrev - far.docx"), "informasjonsbrev.docx",
                      {}, malform="bokmal")
    calendar = Document(PurePosixPath("Kalender/Tema 1.ics"), "", {}, data=b"")
    plan = Document(PurePosixPath("01 Oppfølgingsplan.docx"), "oppfolgingsplan.docx", {},
                    malform="nynorsk")
    assert _listed_as(letter, nn) == ("02 Informasjonsbrev - far.docx (på bokmål, der felta "
                                      "står som [mangler: ...])")
    assert _listed_as(calendar, nn) == "Kalender/Tema 1.ics"
    assert _listed_as(plan, nn) == "01 Oppfølgingsplan.docx"
