"""Reading the project's own data files (rules, treaty status, evidence thresholds, fact labels).

These files ship with the package and are trusted, so they are parsed with libyaml's C loader when it
is available (ten times faster than the pure-Python one; incident files, which are not trusted, go
through :mod:`engine.load` instead).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str) -> Any:
    """Parse YAML ``text`` from a shipped data file. Raises ``yaml.YAMLError``."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python


def read(package: str, name: str) -> Any:
    """Parse the data file ``name`` (a path inside ``package``), e.g. ``read("rules", "treaties/status.yaml")``."""
    return parse(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
