"""Re-processing: an unchanged case is passed over whole; a changed one is made again."""

from __future__ import annotations

from docx import Document as open_docx

from bench.generate import Synth, write_canonical_list
from omsorgspakke_docs.store import written

from .conftest import TODAY, docx_text


def stamps(outbox):
    """Every file in the case folders with its modification time and size (the caseload
    workbook beside them covers all cases and is made after every run, and so does the
    record of what was written there: store/written.py)."""
    return {p.relative_to(outbox).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size)
            for p in outbox.glob("*/**/*") if p.is_file() and p.parts[len(outbox.parts)]
            != written.FOLDER}


def run_export(workspace, cases, name, indent=None):
    write_canonical_list(cases, workspace.inbox / name, indent=indent)
    summary = workspace.run()
    assert summary.files_failed == 0, summary.failed
    return summary


def test_one_changed_case_rewrites_only_that_cases_documents(workspace):
    cases = list(Synth(TODAY).cases(3))
    run_export(workspace, cases, "first.json")
    before = stamps(workspace.outbox)

    again = run_export(workspace, cases, "same.json", indent=2)
    assert again.documents_written == 0 and again.cases == 3
    assert stamps(workspace.outbox) == before

    cases[1]["kontaktperson"]["telefon"] = "400 99 999"
    cases[1]["eksportert"] = TODAY.isoformat()
    changed = run_export(workspace, cases, "changed.json")
    after = stamps(workspace.outbox)
    rewritten = {path.split("/")[0] for path in after if after[path] != before.get(path)}
    assert rewritten == {cases[1]["journalnummer"]}
    assert changed.documents_written > 0


def test_a_deleted_document_is_made_again_though_nothing_changed(workspace):
    cases = list(Synth(TODAY).cases(1))
    run_export(workspace, cases, "first.json")
    letter = next(workspace.case_folder(cases[0]["journalnummer"]).glob("*.docx"))
    letter.unlink()
    run_export(workspace, cases, "again.json", indent=1)
    assert letter.is_file()


def test_a_changed_template_makes_the_documents_again(workspace):
    templates = workspace.own_templates()
    cases = list(Synth(TODAY).cases(1))
    run_export(workspace, cases, "first.json")
    template = open_docx(str(templates / "nb" / "innkalling.docx"))
    template.add_paragraph("Ny setning fra malredaktøren")
    template.save(str(templates / "nb" / "innkalling.docx"))
    again = run_export(workspace, cases, "again.json", indent=1)
    invitation = next(workspace.case_folder(cases[0]["journalnummer"]).glob(
        "Innkallinger/*/*.docx"))
    assert again.documents_written > 0
    assert "Ny setning fra malredaktøren" in docx_text(invitation)


def test_a_changed_minutes_template_reaches_the_minutes_made_from_then_on(workspace):
    """Minutes already made are not made again for a template alone: a caseworker may be
    writing in them (tests/test_new_release.py); those made later have the new text."""
    templates = workspace.own_templates()
    cases = list(Synth(TODAY).cases(1))
    run_export(workspace, cases, "first.json")
    folder = workspace.case_folder(cases[0]["journalnummer"])
    made = {path: path.read_bytes() for path in folder.glob("Referater/*/*.docx")}
    assert made
    template = open_docx(str(templates / "nb" / "referat.docx"))
    template.add_paragraph("Ny setning fra malredaktøren")
    template.save(str(templates / "nb" / "referat.docx"))
    for path in made:
        path.unlink()
    first = next(iter(made))
    run_export(workspace, cases, "again.json", indent=1)
    # Minutes removed are made anew (as a new one would be), with the new template.
    assert "Ny setning fra malredaktøren" in docx_text(first)


def test_a_change_in_the_municipalitys_programme_file_makes_the_documents_again(workspace):
    """Step 1 knows a programme by its file: the same file, nothing made; another text in
    it, the documents that show it are made again."""
    from omsorgspakke_docs.domain.programme import BUNDLED

    own = workspace.root / "var-omsorgspakke.toml"
    own.write_bytes(BUNDLED["bokmal"].read_bytes())
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[programme]\nfile = "{own.as_posix()}"\n')
    cases = list(Synth(TODAY).cases(2))
    assert run_export(workspace, cases, "first.json").documents_written > 0
    assert run_export(workspace, cases, "again.json", indent=1).documents_written == 0
    text = own.read_text(encoding="utf-8")
    assert 'navn = "Omsorgspakken"' in text
    own.write_text(text.replace('navn = "Omsorgspakken"', 'navn = "Omsorgspakken i kommunen"', 1),
                   encoding="utf-8")
    assert run_export(workspace, cases, "changed.json", indent=2).documents_written > 0


def test_a_reworded_text_catalogue_is_another_version_of_the_program(tmp_path, monkeypatch):
    """Rows kept for the outbox workbooks (Til utsending's notes, say) are made from the
    text catalogues: a release that rewords only a note there makes them anew."""
    from omsorgspakke_docs.store import incremental

    package = tmp_path / "omsorgspakke_docs"
    (package / "text").mkdir(parents=True)
    (package / "module.py").write_text("X = 1\n", encoding="utf-8")
    catalogue = package / "text" / "nb.toml"
    catalogue.write_text('[utsending]\nkort_varsel = "Ring."\n', encoding="utf-8")
    monkeypatch.setattr(incremental, "PACKAGE", package)
    version = incremental.code_version.__wrapped__  # not the once-a-process cache
    before = version(tmp_path / "plugins")
    assert version(tmp_path / "plugins") == before
    catalogue.write_text('[utsending]\nkort_varsel = "Ring, og avtal tida."\n', encoding="utf-8")
    assert version(tmp_path / "plugins") != before
