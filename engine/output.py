"""The one policy for writing output files: every writer (memos, batch results and memos, summaries,
reports) goes through :func:`check`, :func:`opened` or :func:`write_atomic`.

The policy, for a target ``path``:

* ``None`` or ``"-"`` means standard output (:func:`is_stdout`); nothing else does — a path under
  ``/dev`` or ``/proc`` (``/dev/stdout``, ``/dev/fd/1``) is refused, so a standard stream or a device is
  never replaced by a file;
* never an input of the run (the ``protect`` paths, compared as files, through any symlink);
* never a file inside a folder where the run writes files it names itself (the ``reserved`` folders,
  e.g. a batch's memo folder, whose files are named by incident ids: any name there may be a memo),
  compared through any symlink;
* never a directory, device node, FIFO or socket; never an empty path;
* an existing symlink is written through: the file it points to is replaced, the link stays — except
  where the run names the file itself (``links=False``, e.g. a batch's memos named by incident ids): a
  link there was planted, not chosen, and is refused;
* a file the run names itself replaces an existing one only if that one begins as its own kind does
  (``own``, e.g. a memo's heading): a file of that name that does not is someone else's, and is kept;
* a command that makes a new file (``new=True``: ``ihl init``, ``ihl template``) never replaces
  anything at the path, file or link;
* a read-only file is refused (by its mode bits, so also when running as root);
* the folder must exist and be writable;
* a new file gets the usual mode (``0o666`` less the umask); an existing file keeps its mode;
* atomic: the data goes to a temporary file beside the target, is flushed to disk, and replaces the
  target in one ``os.replace``. If anything fails or the run is interrupted (an exception, including
  ``KeyboardInterrupt`` and the signal exceptions of :mod:`engine.cli`), the temporary file is removed
  and the target is left as it was.

Typical use::

    output.check(path, protect=inputs)                 # before a long run: fail early (OutputError)
    with output.opened(path, protect=inputs) as out:   # streamed, e.g. JSONL lines
        out.write(line)
    output.write_atomic(path, text, protect=[source])  # all at once; bytes for binary formats
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterator, Sequence

from engine import escape

STDOUT = "-"
_SPECIAL = ("/dev/", "/proc/")  # device nodes and standard streams: never replaced by a file


class OutputError(OSError):
    """The output cannot be written where asked (a bad path, a read-only file, an input of the run);
    the message names the path given, never a temporary file. A failure while writing (a full disk) is a
    plain ``OSError`` with the same kind of message."""


def shown(path: str | os.PathLike[str]) -> str:
    """A path as it may be printed: bytes that are not UTF-8 in a file name (which Python holds as
    surrogates) are written as ``\\xff`` escapes, and characters a terminal would act on or not show
    (ESC and other controls, bidirectional overrides, invisible characters) as ``\\u001b`` escapes
    (:func:`engine.escape.terminal`), so any terminal or UTF-8 file can take it and no file name can
    carry an escape sequence."""
    text = os.fspath(path)
    if any("\udc80" <= c <= "\udcff" for c in text):
        text = os.fsencode(text).decode("utf-8", "backslashreplace")
    return escape.terminal(text)


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """Whether ``path`` means standard output: ``None`` (no ``-o``) or ``"-"``."""
    return path is None or os.fspath(path) == STDOUT


def check(path: str | os.PathLike[str] | None, *, protect: Sequence[str | os.PathLike[str]] = (),
          reserved: Sequence[str | os.PathLike[str]] = (), links: bool = True, new: bool = False,
          own: tuple[str, str] | None = None) -> Path | None:
    """Check that ``path`` may be written under the policy above, without writing anything.

    ``protect``: the inputs of the run; ``reserved``: folders the run fills with files it names itself;
    ``links=False`` refuses a ``path`` that is a symbolic link (for files the run names itself);
    ``new=True`` refuses a ``path`` where anything exists; ``own`` — (how the run's files of this kind
    begin, what they are called: ``("# Draft legal memo — ", "a memo")``) — refuses an existing file that
    does not begin so.
    Returns the file that will be written (symlinks resolved), or ``None`` for standard output.
    Raises :class:`OutputError` with a message naming ``path`` otherwise.
    """
    if is_stdout(path):
        return None
    raw = os.fspath(path)  # type: ignore[arg-type]
    name = shown(raw)
    if not raw:
        raise OutputError("the output path is empty (use - for standard output)")
    absolute = os.path.abspath(raw)
    if new and os.path.lexists(raw):
        raise OutputError(f"refusing to write {name}: it already exists (this command never replaces a file; "
                          "choose another name)")
    if not links and os.path.islink(raw):
        raise OutputError(f"refusing to write {name}: it is a symbolic link where this run names its files "
                          "itself (remove the link)")
    target = Path(os.path.realpath(raw))
    if absolute.startswith(_SPECIAL) or str(target).startswith(_SPECIAL):
        raise OutputError(f"cannot write {name}: it is under /dev or /proc (devices, standard streams, the "
                          "system's own files), not a place for a file "
                          "(use - or leave out the output option for standard output)")
    for folder in reserved:  # the folder may not exist yet: the run makes it
        if _same(target.parent, folder) or target.parent == Path(os.path.realpath(folder)):
            raise OutputError(f"refusing to write {name}: it is inside {shown(folder)}, where this run "
                              "writes files named by their incidents (choose a path outside it)")
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:  # e.g. a symlink loop
        raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot write {name}: it is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"cannot write {name}: it is not a regular file (a device, FIFO or socket)")
        if any(_same(target, p) for p in protect):
            raise OutputError(f"refusing to overwrite {name}: it is an input of this run")
        if own is not None and not _begins(target, own[0]):
            raise OutputError(f"refusing to replace {name}: it is not {own[1]} of an earlier run (it does not "
                              f"begin {own[0].strip()!r}); move it, or choose another folder")
        # Mode bits, not os.access: for root, access() says yes even to a file marked read-only.
        if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise OutputError(f"cannot write {name}: the file is read-only")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {name}: the folder {shown(folder)} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {name}: the folder {shown(folder)} is not writable")
    return target


def _begins(path: Path, start: str) -> bool:
    prefix = start.encode("utf-8")
    try:
        with open(path, "rb") as handle:
            return handle.read(len(prefix)) == prefix
    except OSError:  # unreadable: the write itself says why
        return True


def _same(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # b is gone or unreadable: it is not the file a
        return False


@contextlib.contextmanager
def opened(path: str | os.PathLike[str] | None, *, protect: Sequence[str | os.PathLike[str]] = (),
           reserved: Sequence[str | os.PathLike[str]] = (), binary: bool = False,
           links: bool = True, new: bool = False, own: tuple[str, str] | None = None) -> Iterator[IO]:
    """A handle to write the output ``path`` through (see the policy above): standard output for
    ``None`` or ``"-"`` (not closed), else a temporary file that replaces ``path`` when the ``with``
    block ends without an exception and is removed when it does not.

    Text handles write UTF-8 with ``\\n`` line ends; ``binary=True`` gives a bytes handle. ``protect``,
    ``reserved``, ``links``, ``new`` and ``own`` as for :func:`check`. Raises :class:`OutputError` as :func:`check` does, and
    ``OSError`` naming ``path`` for a failure while writing (e.g. ``ENOSPC``, a full disk).
    """
    target = check(path, protect=protect, reserved=reserved, links=links, new=new, own=own)
    if target is None:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    name = shown(os.fspath(path))  # type: ignore[arg-type]
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from None
    try:
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:  # mkstemp makes the file private; a new file gets the usual mode
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OutputError:
        Path(tmp).unlink(missing_ok=True)
        raise
    except OSError as exc:  # the disk, not the request: a plain OSError (exit 1), still naming the path
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, f"cannot write {name}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike[str] | None, data: str | bytes, *,
                 protect: Sequence[str | os.PathLike[str]] = (), links: bool = True, new: bool = False,
                 own: tuple[str, str] | None = None) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``path`` under the policy above, all or nothing;
    ``None`` or ``"-"`` writes it to standard output. ``protect`` lists the inputs of the run; ``links``,
    ``new`` and ``own`` as for :func:`check`. Raises
    :class:`OutputError` (a target the policy refuses) or ``OSError`` (a failure while writing)."""
    with opened(path, protect=protect, binary=isinstance(data, bytes), links=links, new=new, own=own) as handle:
        handle.write(data)
