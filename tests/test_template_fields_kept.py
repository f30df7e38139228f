"""The fields each template shows are kept in the state folder for the next run (uses.py
KeptUses): a template changed since, or a damaged or foreign file, never makes a document
that should change look unchanged."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import PurePosixPath

import pytest
from docx import Document as new_docx

from bench.generate import Synth
from omsorgspakke_docs.rendering import uses
from omsorgspakke_docs.rendering.renderer import Document, Renderer
from omsorgspakke_docs.rendering.uses import KEPT_FILE

from .conftest import TODAY, docx_text


def run_export(workspace, cases, name, indent=None):
    from bench.generate import write_canonical_list

    write_canonical_list(cases, workspace.inbox / name, indent=indent)
    summary = workspace.run()
    assert summary.files_failed == 0, summary.failed
    return summary


def one_word(template, old: str, new: str) -> None:
    """The template with one field's name in its text changed, as a template editor would."""
    with zipfile.ZipFile(template) as package:
        parts = {info: package.read(info.filename) for info in package.infolist()}
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            package.writestr(info, data)


def invitation_texts(workspace, case) -> list[str]:
    folder = workspace.case_folder(case["journalnummer"])
    texts = [docx_text(path) for path in sorted(folder.glob("Innkallinger/*/*.docx"))]
    assert texts
    return texts


def renamed_child(workspace, cases, name: str) -> None:
    """The child's surname changed in the journal: only a template that prints it shows it."""
    cases[0]["barn"]["etternavn"] = "Nordvik"
    cases[0]["eksportert"] = TODAY.isoformat()
    run_export(workspace, cases, name, indent=2)


def test_a_template_changed_after_its_fields_were_kept_shows_what_it_now_names(workspace):
    templates = workspace.own_templates()
    cases = list(Synth(TODAY).cases(1))
    run_export(workspace, cases, "first.json")
    assert (workspace.state / KEPT_FILE).is_file()

    # The contact person's title below the signature becomes the child's full name.
    one_word(templates / "nb" / "innkalling.docx", "kontaktperson.tittel", "barn.navn")
    assert run_export(workspace, cases, "again.json", indent=1).documents_written > 0
    assert not any("Nordvik" in text for text in invitation_texts(workspace, cases[0]))

    renamed_child(workspace, cases, "renamed.json")
    assert all("Nordvik" in text for text in invitation_texts(workspace, cases[0]))


def _old_fields_for_new(path, old: str, new: str, code: str | None = None) -> None:
    """The file says the changed template (SHA-256 new) shows what it showed before (old):
    not the child's full name. With the right digest and another program's code when code is
    given (a file from another installation or release)."""
    kept = json.loads(path.read_text(encoding="utf-8"))
    (before,) = [key for key in kept["uses"] if key.startswith(f".docx:{old}:")]
    kept["uses"][before.replace(old, new)] = kept["uses"][before]
    if code is not None:
        kept["code"] = code
        kept["sha256"] = uses._kept_digest({name: kept[name] for name in ("format", "code",
                                                                           "uses")})
    path.write_text(json.dumps(kept), encoding="utf-8")


DAMAGE = {
    "not json": lambda path, old, new: path.write_bytes(b"\x00\xff not json"),
    "cut short": lambda path, old, new: path.write_bytes(path.read_bytes()[:200]),
    "fields edited": _old_fields_for_new,
    "another program's": lambda path, old, new: _old_fields_for_new(path, old, new, "0" * 64),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_or_foreign_file_of_template_fields_does_no_harm(workspace, damage):
    templates = workspace.own_templates()
    invitation = templates / "nb" / "innkalling.docx"
    cases = list(Synth(TODAY).cases(1))
    run_export(workspace, cases, "first.json")
    old = hashlib.sha256(invitation.read_bytes()).hexdigest()
    one_word(invitation, "kontaktperson.tittel", "barn.navn")
    kept = workspace.state / KEPT_FILE
    DAMAGE[damage](kept, old, hashlib.sha256(invitation.read_bytes()).hexdigest())

    run_export(workspace, cases, "again.json", indent=1)
    renamed_child(workspace, cases, "renamed.json")
    assert all("Nordvik" in text for text in invitation_texts(workspace, cases[0]))
    # Written anew as it should be: the next run reads it.
    assert json.loads(kept.read_text(encoding="utf-8"))["uses"]


def _stored_docx(text: str) -> bytes:
    """A one-paragraph Word template, its parts stored uncompressed with fixed times: two
    texts of one length make files of one size."""
    doc = new_docx()
    doc.add_paragraph(text)
    made = io.BytesIO()
    doc.save(made)
    out = io.BytesIO()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as to:
        for info in source.infolist():
            to.writestr(zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0)),
                        source.read(info.filename))
    return out.getvalue()


def test_a_template_rewritten_in_place_with_its_size_and_time_shows_its_new_field(tmp_path):
    """A template copied over in place keeping its time (cp -p, a restore) and of the same
    size, while a watch runs: the letters show the new field, and the file of template fields
    keeps the new template's fields, not the former one's under the new SHA-256."""
    folder = tmp_path / "maler"
    folder.mkdir()
    template = folder / "brev.docx"
    template.write_bytes(_stored_docx("Til {{ mor }}"))
    kept = tmp_path / KEPT_FILE
    context = {"mor": "Kari", "far": "Ola"}

    def letter(renderer) -> str:
        made = renderer.render(Document(PurePosixPath("ut.docx"), "brev.docx", context))
        return "\n".join(p.text for p in new_docx(io.BytesIO(made.data)).paragraphs)

    watching = Renderer(folder, kept_uses=uses.KeptUses(kept, lambda: "code"))
    assert watching.uses("brev.docx") == {("mor",)}
    assert letter(watching) == "Til Kari"

    before = template.stat()
    changed = _stored_docx("Til {{ far }}")
    assert len(changed) == before.st_size
    with open(template, "r+b") as file:  # in place: the same inode
        file.write(changed)
    os.utime(template, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert template.stat().st_size == before.st_size

    assert letter(watching) == "Til Ola"
    assert watching.uses("brev.docx") == {("far",)}
    # The next run (another process) reads the fields kept for the new template.
    assert Renderer(folder, kept_uses=uses.KeptUses(kept, lambda: "code")).uses(
        "brev.docx") == {("far",)}
