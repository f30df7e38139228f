"""Documents held open in Word, Excel or LibreOffice: the owner file each program makes by
its own rule for the name."""

import pytest

from omsorgspakke_docs.store.commit import open_in_office


@pytest.mark.parametrize("document, owner", [
    ("Samtale.docx", "~$amtale.docx"),  # 7 characters before the extension: Word drops one
    ("Felles møte.docx", "~$lles møte.docx"),  # 8 or more: two
    ("Notat.docx", "~$Notat.docx"),  # 6 or fewer: none
    ("Referat.DOC", "~$eferat.DOC"),
    ("Sluttrapport.rtf", "~$uttrapport.rtf"),
    ("Til utsending (ny versjon).xlsx", "~$Til utsending (ny versjon).xlsx"),  # Excel: none
    ("Oversikt.xlsx", "~$Oversikt.xlsx"),
])
def test_a_document_open_in_word_or_excel_is_seen_by_the_owner_file_it_makes(
        tmp_path, document, owner):
    """Word names its owner file by the length of the document's name, Excel always keeps
    the whole name: each is seen as open by the file its own program makes."""
    path = tmp_path / document
    path.write_bytes(b"document")
    assert not open_in_office(path)
    (tmp_path / owner).write_bytes(b"\x03ola")
    assert open_in_office(path)
