"""A letter kept as issued through a change of contact person, then deleted from the case
folder, is issued anew: dated the day it is made again and naming the contact person of
that day, never the old date with the new person (store/issued.py Issued.issue)."""

from __future__ import annotations

from datetime import timedelta

from omsorgspakke_docs.documents import sending

from .conftest import TODAY, canonical_case, docx_text
from .test_contact_change import NEW, NEW_PERSON, OLD, letters
from .test_sending import _to_send
from .test_sent_marks import _mark


def test_a_kept_letter_deleted_after_a_new_contact_person_is_issued_anew(workspace):
    case = canonical_case()
    workspace.drop("a.json", case)
    assert workspace.run(TODAY).files_failed == 0
    folder = workspace.case_folder(case["journalnummer"])
    # One to check («Kan være sendt før»): kept as issued through a new contact person (one
    # to send, marked as sent, is issued anew naming them: test_contact_change.py).
    to_check = {str(r[2]) for r in _to_send(workspace)
                if str(r[6] or "").startswith("Kan være sendt før")}
    info = min(p for n, p in letters(folder).items() if n.startswith("02 Informasjonsbrev")
               and f"{case['journalnummer']}/{n}" in to_check)
    assert OLD in docx_text(info) and "22. november 2026" in docx_text(info)
    _mark(workspace.outbox / sending.FILE_NAME,  # sent, as is every letter kept as issued
          {f"{case['journalnummer']}/{name}": "x" for name in letters(folder)})

    changed = TODAY + timedelta(days=2)
    case = {**case, "eksportert": changed.isoformat(), "kontaktperson": NEW_PERSON}
    workspace.drop("b.json", case)
    assert workspace.run(changed).files_failed == 0
    kept = {n: docx_text(p) for n, p in letters(folder).items()}
    assert OLD in docx_text(info), "kept as issued"

    # Someone deletes the information letter; the next export makes it again.
    info.unlink()
    later = TODAY + timedelta(days=3)
    workspace.drop("c.json", {**case, "eksportert": later.isoformat()})
    summary = workspace.run(later)
    assert summary.files_failed == 0 and summary.new_versions == []
    text = docx_text(info)
    assert NEW in text and "41 23 45 67" in text and OLD not in text
    assert "Vår dato:\t25. november 2026" in text.splitlines()
    assert "22. november 2026" not in text
    # The other letters the family has are left as they were (those made that day on).
    for name, before in kept.items():
        if name != info.relative_to(folder).as_posix() and (folder / name).exists():
            assert docx_text(folder / name) == before, name
