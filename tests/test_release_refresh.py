"""A new release or a changed template reaches every case's documents on the next run, also
a case the day asks nothing new of and that no export brings: the day's refresh looked only
at the questions its documents asked of the day, so a release's new words reached a case on
its next export or letter day (seen on release day: a final evaluation reworded a day late),
and a run the same day refreshed nothing at all."""

from __future__ import annotations

from docx import Document as open_docx

from .conftest import TODAY, canonical_case, docx_text

ADDED = "Denne malen er endret av kommunen."


def _evaluation(workspace) -> str:
    (path,) = workspace.case_folder("2026-0412").glob("03 Sluttevaluering - Barnet.docx")
    return docx_text(path)


def test_a_changed_template_reaches_a_case_no_export_brings(workspace):
    own = workspace.own_templates()
    workspace.drop("sak.json", canonical_case())
    assert workspace.run(TODAY).files_failed == 0
    assert ADDED not in _evaluation(workspace)

    template = own / "nb" / "sluttevaluering.docx"
    document = open_docx(str(template))
    document.add_paragraph(ADDED)
    document.save(str(template))
    # The same day, nothing in the inbox: the refresh was noted as done for the day.
    workspace.run(TODAY)
    assert ADDED in _evaluation(workspace)
    written = workspace.run(TODAY).documents_written
    assert written == 0  # once: made with these templates now
