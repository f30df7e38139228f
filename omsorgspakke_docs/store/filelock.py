"""Whole-file locks between processes, in one place for both platforms.

A lock is on the first byte of an open file: `flock` on POSIX, `msvcrt.locking` on Windows.
On POSIX the operating system lets go when the last descriptor of the open file is closed,
so a process that dies holding a lock holds it no more, and a descriptor duplicated to hand
the lock over (store/state.py keep_lock) keeps it; `unlock` there does nothing, for that
reason. Windows asks for a region to be unlocked before its file is closed (the system may
otherwise let go of it only later): `unlock` does so there.
"""

from __future__ import annotations

import os
import sys

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def try_lock(fd: int) -> bool:
        """Locked now, or False when another process holds it."""
        os.lseek(fd, 0, os.SEEK_SET)  # Windows locks from the current position
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def wait_for_lock(fd: int) -> None:
        """Locked once another process lets go (OSError after some 10 seconds)."""
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)

    def unlock(fd: int) -> None:
        """Let go before the file is closed; a lock not held is no error."""
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def try_lock(fd: int) -> bool:
        """Locked now, or False when another process holds it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def wait_for_lock(fd: int) -> None:
        """Locked once another process lets go."""
        fcntl.flock(fd, fcntl.LOCK_EX)

    def unlock(fd: int) -> None:
        """Nothing: closing the file's last descriptor lets go (see the module's note)."""
