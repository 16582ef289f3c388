"""Rewriting an incident file in the newest version of the format (``ihl migrate``).

Version 2 only adds fields to version 1 (the observations; see ``docs/incident-format.md``,
section 5.14), so a version 1 file becomes a version 2 file by its version number alone. The text is
changed in that one place, so the researcher's comments, layout and quoting are kept.
"""

from __future__ import annotations

import re
from pathlib import Path

from engine.load import InputError, Problem, parse_text, read_file
from engine.model import SCHEMA_VERSION

# The top-level key, at the start of a line (YAML) or anywhere as a JSON member, with the value 1.
_YAML = re.compile(r"""^(["']?schema_version["']?[ \t]*:[ \t]*)1(?=[ \t]*(#.*)?$)""", re.MULTILINE)
_JSON = re.compile(r'("schema_version"\s*:\s*)1(?=\s*[,}])')


def migrate_text(text: str, name: str, suffix: str = ".yaml") -> str:
    """The incident file ``text`` (named ``name`` in messages; ``suffix`` ``.json`` for JSON) in the
    newest format version; unchanged when it is already in it. A version 1 file that already uses
    fields of version 2 is migrated too (that is what they need).

    Raises :class:`engine.load.InputError` with every problem of the migrated file when it does not
    load, or when the file is not in version 2 and its one ``schema_version: 1`` line cannot be found
    (written inside a flow mapping, for example).
    """
    matches = list((_JSON if suffix == ".json" else _YAML).finditer(text))
    if len(matches) != 1:
        if parse_text(text, name, suffix).file.schema_version == SCHEMA_VERSION:
            return text
        raise InputError([Problem(name, None, None, "schema_version",
                                  "cannot find the one 'schema_version: 1' line to rewrite; change it to "
                                  f"{SCHEMA_VERSION} by hand")])
    start, end = matches[0].span()
    migrated = text[:start] + matches[0].group(1) + str(SCHEMA_VERSION) + text[end:]
    parse_text(migrated, name, suffix)  # every problem of the file, as version 2 (same lines)
    return migrated


def migrate_file(path: str | Path) -> str:
    """The file at ``path`` in the newest format version (see :func:`migrate_text`); the file checks
    (type, size, encoding) and errors are those of :func:`engine.load.load_file`."""
    return migrate_text(*read_file(path))
