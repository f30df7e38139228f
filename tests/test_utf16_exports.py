"""A CSV export saved as UTF-16 with its byte-order mark (Excel's «Unicode text», Windows
PowerShell's output) is read like the same export in the mapping's own encoding: the mark
names the encoding beyond doubt. The note said to set tegnkoding = "cp1252", which garbles it."""

from __future__ import annotations

import pytest

from .conftest import EXAMPLES, case_folders, docx_text, make_workspace

EXPORT = "vendor-acos-sakliste.csv"


def _cases(ws) -> dict[str, str]:
    return {p.name: docx_text(p / "01 Oppfølgingsplan.docx")
            for p in case_folders(ws.outbox)}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_utf16_export_is_read_like_the_utf8_one(tmp_path, encoding):
    utf8 = make_workspace(tmp_path / "utf8")
    utf8.drop_example(EXPORT)
    assert utf8.cli() == 0

    text = (EXAMPLES / EXPORT).read_text(encoding="utf-8-sig")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    unicode = make_workspace(tmp_path / "unicode")
    unicode.drop("sakliste unicode.csv", data)
    assert unicode.cli() == 0
    assert (unicode.archive / "sakliste unicode.csv").read_bytes() == data
    assert not list(unicode.failed.iterdir())
    assert _cases(unicode) == _cases(utf8) != {}
