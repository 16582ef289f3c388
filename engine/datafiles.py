"""Reading the project's own data files (rules, treaty status, evidence thresholds, fact labels).

These files ship with the package and are trusted, so they are parsed with libyaml's C loader when it
is available (ten times faster than the pure-Python one; incident files, which are not trusted, go
through :mod:`engine.load` instead).

Parsing them is still about a tenth of what ``ihl assess FILE`` costs at start (~300 KB of YAML), so
each parse is kept in a cache on disk, as Python keeps compiled bytecode: a file named by the SHA-256
of the text and of everything else the result depends on (the loader, PyYAML's version, this format),
so a changed text or parser is a different file and a cached result is never stale. The cache is read
with an unpickler that builds only plain data (dicts, lists, strings, numbers, dates): a planted file
cannot run code. It is written through :func:`engine.output.write_atomic` (all or nothing, never
through a link). Any failure — no cache folder, a read-only one, a damaged file — only means parsing
again. The folder is ``$IHL_CACHE_DIR``, else ``$XDG_CACHE_HOME/ihl-engine``, else
``~/.cache/ihl-engine``; ``IHL_CACHE_DIR=`` (empty) turns the cache off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import pickle
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FORMAT = 1  # raise when what is cached changes shape
_KEY = f"ihl-datafiles {_FORMAT} {_LOADER.__name__} {yaml.__version__}\n"
_TYPES = {("datetime", "date"): dt.date}  # the one class YAML data of these files holds besides builtins


def parse(text: str) -> Any:
    """Parse YAML ``text`` from a shipped data file (dicts, lists, strings, numbers, dates), through the
    cache on disk. Raises ``yaml.YAMLError``."""
    folder = _folder()
    if folder is None:
        return _parse(text)
    path = folder / f"{hashlib.sha256((_KEY + text).encode('utf-8')).hexdigest()}.pickle"
    try:
        return _Unpickler(io.BytesIO(path.read_bytes())).load()
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: parse again
        pass
    data = _parse(text)
    _store(path, data)
    return data


def read(package: str, name: str) -> Any:
    """Parse the data file ``name`` (a path inside ``package``), e.g. ``read("rules", "treaties/status.yaml")``."""
    return parse(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


def _parse(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python


def _folder() -> Path | None:
    """The cache folder (see the module docstring), or None when it is turned off."""
    chosen = os.environ.get("IHL_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ihl-engine"


def _store(path: Path, data: Any) -> None:
    from engine import output  # only on a miss: the writing policy is not needed to read

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        output.write_atomic(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), links=False)
    except OSError:  # a read-only or missing folder, a full disk: the next run parses again
        pass


class _Unpickler(pickle.Unpickler):
    """Builds plain data only: any class other than a date is refused (pickle's "restricting globals")."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _TYPES:
            return _TYPES[(module, name)]
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")
