"""One classification of file-system errors (errors.py): which may pass, which are permanent,
and a plain Norwegian reason for each, from the error's kind alone (never its message)."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from omsorgspakke_docs.errors import may_pass, reason


@pytest.mark.parametrize(("error", "words"), [
    (OSError(errno.EROFS, "Read-only file system: '/srv/Kari Nordmann'"), "skrivebeskyttet"),
    (PermissionError(errno.EACCES, "Permission denied"), "tilgang"),
    (OSError(errno.ENOSPC, "No space left"), "disken er full"),
    (OSError(errno.ENAMETOOLONG, "File name too long"), "for langt"),
    (FileNotFoundError(errno.ENOENT, "x"), "ikke tilgjengelig"),
])
def test_each_kind_has_its_own_plain_reason_without_the_message(error, words):
    text = reason(error)
    assert words in text and "Kari" not in text and "Errno" not in text


@pytest.mark.parametrize(("error", "passes"), [
    (OSError(errno.ENAMETOOLONG, "x"), False),
    (OSError(errno.ELOOP, "x"), False),
    (OSError(errno.ENOSPC, "x"), True),
    (OSError(errno.EROFS, "x"), True),
    (PermissionError(errno.EACCES, "x"), True),
    (sqlite3.OperationalError("database is locked"), True),
    (ValueError("x"), False),
])
def test_which_errors_may_pass(error, passes):
    assert may_pass(error) is passes
