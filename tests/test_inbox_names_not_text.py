"""An export dropped in the inbox under a name in another encoding than UTF-8 (copied from
another system; on Linux Python gives its bytes as surrogates): it is read as any export, its
letters are made, and it is archived under its own name. Nothing is left in the inbox, and
the exports beside it are read too."""

from __future__ import annotations

import os

import pytest

from bench.generate import Synth, write_canonical_list

from .conftest import TODAY

FOREIGN = b"eksport \xe6\xf8\xe5.json"
"""«eksport æøå.json» as another system wrote it (Latin-1): no UTF-8."""


def test_an_export_named_in_another_encoding_is_read_and_archived(workspace):
    first, second = Synth(TODAY).cases(2)
    write_canonical_list([first], workspace.inbox / "tmp.json")
    foreign = os.path.join(os.fsencode(workspace.inbox), FOREIGN)
    try:
        os.rename(os.fsencode(workspace.inbox / "tmp.json"), foreign)
    except (OSError, UnicodeError):  # (a file system that takes UTF-8 names only)
        pytest.skip("this file system does not take a name that is not UTF-8")
    write_canonical_list([second], workspace.inbox / "annen.json")

    summary = workspace.run()

    assert summary.files_failed == 0, summary.failed
    for case in (first, second):
        assert workspace.documents(case["journalnummer"])
    assert FOREIGN in os.listdir(os.fsencode(workspace.archive))
    assert not [name for name in os.listdir(os.fsencode(workspace.inbox))
                if not name.startswith(b".")]
