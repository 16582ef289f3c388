"""Importers: records kept by civilian-harm monitors and NGOs, turned into skeleton incident files.

One adapter module per source format, each with ``read(paths) -> Iterator[Imported]``:

* :mod:`engine.importers.airwars` — JSON records shaped like the public Airwars-derived archive;
* :mod:`engine.importers.acled` — ACLED-shaped CSV (the 31 standard columns);
* :mod:`engine.importers.sheet` — the spreadsheet template (CSV or XLSX, one row per incident).

An importer fills **observations and sources** only: what the record says happened, with the record
and the sources it lists as sources. It never records a legal conclusion; every fact it cannot read
from the record stays unknown. Each skeleton says in its ``summary`` which field of the record each
filled field came from, and each :class:`~engine.importers.common.Imported` lists what could not be
mapped and why. Victims' names are never read: only counts by status and age group.
"""

from __future__ import annotations

FORMATS = ("airwars", "acled", "sheet")


def adapter(name: str):
    """The adapter module for format ``name``; raises ``KeyError`` for an unknown format."""
    import importlib

    if name not in FORMATS:
        raise KeyError(name)
    return importlib.import_module(f"engine.importers.{name}")
