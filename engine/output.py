"""Writing output files atomically: a failed run never leaves a truncated or half-written file.

The text goes to a temporary file in the target's folder, is flushed to disk, and replaces the target
in one ``os.replace`` (atomic on POSIX and Windows). If anything fails, the temporary file is removed
and any existing target is left as it was. A symlink is followed (the file it points to is replaced);
an existing file keeps its permissions; a read-only file is not overwritten.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class OutputError(OSError):
    """The output cannot be written where asked (a bad path, a read-only file, the input itself); the
    message names the path given, not a temporary file. A failure while writing (a full disk) is a
    plain ``OSError`` with the same kind of message."""


def write_atomic(path: str | Path, text: str, *, protect: tuple[str | Path, ...] = ()) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically.

    ``protect`` lists files that must never be overwritten (e.g. the input being read). Raises
    :class:`OutputError` for an empty path, a directory, a read-only file, a protected file, or a
    folder that does not exist or cannot be written.
    """
    if not str(path):
        raise OutputError("the output path is empty")
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory")
    if any(Path(p).exists() and target.exists() and os.path.samefile(target, p) for p in protect):
        raise OutputError(f"refusing to overwrite {path}: it is an input of this run")
    # Mode bits, not os.access: for root, access() says yes even to a file marked read-only.
    if target.exists() and not target.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise OutputError(f"cannot write {path}: the file is read-only")
    if not target.parent.is_dir():
        raise OutputError(f"cannot write {path}: the folder {target.parent.name or target.parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        if target.exists():
            mode = stat.S_IMODE(target.stat().st_mode)
        else:  # mkstemp makes the file private; give a new file the usual mode (umask applies)
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:  # the disk, not the request: a plain OSError (exit 1), still naming the path
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
