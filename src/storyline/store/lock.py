"""One writer at a time: an advisory lock on a file next to the database.

SQLite's own write lock is held only while a transaction is open, so two ingests
into one database would interleave their batches and their corpus steps. The
writer therefore holds `flock` on `<database>.lock` for its whole run. The
operating system releases it when the process ends, however it ends (SIGKILL
included), so a crashed ingest never leaves a stale lock behind. The file holds
the pid of the current holder, for the message of a writer that waits. It is
never deleted: a process waiting on a deleted file would lock a file nobody else sees.

A forked child (an ingest's worker) would share the lock, and a worker hung on a
report would keep it after its parent was killed; children close their copy at once.
"""

from __future__ import annotations

import fcntl
import os
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from storyline.errors import StoreError

#: How often a waiting writer tries the lock again.
POLL_SECONDS = 0.1

# The locks this process holds, for `_forget_in_child` (process state, like the locks).
_HELD: weakref.WeakSet[WriterLock] = weakref.WeakSet()


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class WriterLock:
    """The exclusive right to write into one database, held until `release`."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path(database)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(
        self, wait_seconds: float = 0.0, on_wait: Callable[[int | None], None] | None = None
    ) -> None:
        """Take the lock, waiting for its holder at most `wait_seconds` (0: for ever).

        `on_wait(pid)` is called once, before waiting, with the holder's pid when known.
        Raises StoreError when the wait is over and the lock is still held.
        """
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            raise StoreError(f"cannot create the lock file {self.path}: {exc.strerror}") from exc
        try:
            self._wait_for(fd, wait_seconds, on_wait)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        _HELD.add(self)

    def _wait_for(
        self, fd: int, wait_seconds: float, on_wait: Callable[[int | None], None] | None
    ) -> None:
        deadline = time.monotonic() + wait_seconds if wait_seconds > 0 else None
        told = False
        while not _try_lock(fd):
            if not told:
                told = True
                if on_wait is not None:
                    on_wait(_holder(fd))
            if deadline is not None and time.monotonic() >= deadline:
                holder = _holder(fd)
                raise StoreError(
                    f"another ingest into {self.database}"
                    + (f" (pid {holder})" if holder else "")
                    + f" is still running after {wait_seconds:g} s (ingest_wait_seconds);"
                    " try again when it is done"
                )
            time.sleep(POLL_SECONDS)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _HELD.discard(self)
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass  # the pid is only a hint for waiting writers
        finally:
            os.close(fd)  # closing the last descriptor releases the lock


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        raise StoreError(f"cannot lock the database for writing: {exc.strerror}") from exc
    return True


def _holder(fd: int) -> int | None:
    """The pid the holder wrote into the lock file, if it has written it yet."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _forget_in_child() -> None:
    """In a forked child: close the copies of the parent's locks, which stay the parent's."""
    for lock in list(_HELD):
        if lock._fd is not None:
            os.close(lock._fd)
            lock._fd = None
    _HELD.clear()


os.register_at_fork(after_in_child=_forget_in_child)
