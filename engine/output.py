"""Writing output files atomically: a failed run never leaves a truncated or half-written file.

The text goes to a temporary file in the target's folder, is flushed to disk, and replaces the target
in one ``os.replace`` (atomic on POSIX and Windows). If anything fails, the temporary file is removed
and any existing target is left as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically. Raises ``OSError`` if the folder is not writable."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path("."))
    try:
        # mkstemp creates the file readable by its owner only; give it the usual mode (umask applies).
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
