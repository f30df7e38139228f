"""The marks on a «Til utsending» list are read once a run (sent_marks._marks_on), and read
again when the list is another: also a list put in its place with the same size and time
(a copy restored, or OneDrive bringing a colleague's copy), whose marks are others."""

from __future__ import annotations

import os
import shutil
import zipfile

from omsorgspakke_docs.documents import sent_marks

from .conftest import TODAY, canonical_case
from .test_sent_marks import LIST, LISTED_FOR_DAYS, _mark


def _same_size(paths) -> None:
    """Each workbook padded with a zip comment to the size of the largest (Excel reads it
    as before)."""
    most = max(os.path.getsize(p) for p in paths)
    for path in paths:
        short = most - os.path.getsize(path)
        if short:
            with zipfile.ZipFile(path, "a") as book:
                book.comment = b" " * short
    assert len({os.path.getsize(p) for p in paths}) == 1


def _two_lists_of_a_size(workspace):
    """The day's list with one letter marked, its marks read; another copy of it of the same
    size with the other letter marked. Returns the list's path, that copy, the list's stat
    when read, and the letter marked in the copy."""
    workspace.drop("sak.json", canonical_case())
    workspace.run()
    path = workspace.outbox / LIST
    one, other = LISTED_FOR_DAYS
    mine, theirs = workspace.root / "mine.xlsx", workspace.root / "theirs.xlsx"
    shutil.copy(path, mine)
    shutil.copy(path, theirs)
    _mark(mine, {one: "x"})
    _mark(theirs, {other: "x"})
    _same_size([mine, theirs])
    shutil.copy(mine, path)
    seen = os.stat(path)
    assert {document for document, _ in sent_marks._marks_on(path, TODAY)} == {one}
    return path, theirs, seen, other


def test_a_list_replaced_by_one_of_the_same_size_and_time_is_read_anew(workspace):
    path, theirs, seen, other = _two_lists_of_a_size(workspace)

    shutil.copy(theirs, workspace.outbox / "kopi.xlsx")
    os.utime(workspace.outbox / "kopi.xlsx", ns=(seen.st_atime_ns, seen.st_mtime_ns))
    os.replace(workspace.outbox / "kopi.xlsx", path)
    assert (os.stat(path).st_size, os.stat(path).st_mtime_ns) == (seen.st_size, seen.st_mtime_ns)

    assert {document for document, _ in sent_marks._marks_on(path, TODAY)} == {other}


def test_a_list_copied_over_in_place_keeping_size_and_time_is_read_anew(workspace):
    """cp -p of a restored copy onto the list writes into the same file (inode) and sets the
    copy's time: its marks are read, not those the list had."""
    path, theirs, seen, other = _two_lists_of_a_size(workspace)

    with open(path, "r+b") as handle:  # in place: the same file
        handle.write(theirs.read_bytes())
    os.utime(path, ns=(seen.st_atime_ns, seen.st_mtime_ns))
    now = os.stat(path)
    assert (now.st_size, now.st_mtime_ns, now.st_ino) == (seen.st_size, seen.st_mtime_ns,
                                                         seen.st_ino)

    assert {document for document, _ in sent_marks._marks_on(path, TODAY)} == {other}
