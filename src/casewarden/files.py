"""Files casewarden writes are its own user's alone: 0600 files, 0700 directories.

The database, its write-ahead log, the development secrets and the initial password all
live under the data directory. ``restrict_umask`` runs first in every command (``serve``,
``worker`` and the rest of the CLI), so whatever a library creates on casewarden's behalf
is private too; the helpers below say it explicitly where casewarden creates a file itself,
and tighten what an earlier version left readable.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


def restrict_umask() -> None:
    """New files and directories of this process are readable by its user only."""
    os.umask(PRIVATE_UMASK)


def private_directory(path: Path) -> Path:
    """Create ``path`` (and parents) as 0700; tighten it when it exists and is ours."""
    path.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    _tighten(path, DIRECTORY_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty as 0600 unless it exists; tighten it when it is ours."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(descriptor)
    _tighten(path, FILE_MODE)
    return path


def tighten_if_present(path: Path) -> None:
    """Make an existing file of ours 0600 (SQLite's -wal and -shm come and go)."""
    if path.exists():
        _tighten(path, FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    info = path.stat()
    # Someone else's directory (``/tmp``, a shared mount point) is left as it is.
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) != mode:
        path.chmod(mode)
