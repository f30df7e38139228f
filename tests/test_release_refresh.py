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


def test_a_case_whose_programme_is_over_is_not_read_again_every_day_after_a_release(
        workspace, monkeypatch):
    """A case past its programme keeps its documents as they are: the refresh passes it over,
    so its record keeps what the documents were made with before a release. It must not make
    the case look due again on every day after (read, decrypted and passed over daily)."""
    from datetime import timedelta

    from omsorgspakke_docs.store.state import State

    own = workspace.own_templates()
    workspace.drop("sak.json", canonical_case())
    assert workspace.run(TODAY).files_failed == 0
    template = own / "nb" / "sluttevaluering.docx"
    document = open_docx(str(template))
    document.add_paragraph(ADDED)
    document.save(str(template))

    later = TODAY + timedelta(days=400)  # the placement started 2026-09-14: over
    workspace.run(later)  # a release's first run: the case is looked at, and passed over

    looked_at: list[str] = []
    loaded = State.load_pseudonym

    def counted(self, pseudonym):
        looked_at.append(pseudonym)
        return loaded(self, pseudonym)

    monkeypatch.setattr(State, "load_pseudonym", counted)
    workspace.run(later + timedelta(days=1))
    workspace.run(later + timedelta(days=2))
    assert looked_at == []
