"""Generate the bad-input corpus from ``base.yaml``: one small file per case, and ``expected.yaml``.

Run ``python tests/bad_input/make_corpus.py`` after changing a case; its output is committed so a reader
sees each case as a file. Each case is the valid base with one small edit (a changed value, a renamed,
removed or repeated key, a broken character), so ``diff base.yaml <case>`` shows the mistake.

Where the expected error points is worked out here, independently of ``engine.load``: from the edit
itself (the line of the inserted text) or from PyYAML's plain composition of the case (the position of
the expected field path): a value on its key's line is pointed at by the value; a block mapping or list
below its key by the key; a missing field by the mapping that lacks it.

``expected.yaml`` maps each case (path relative to this folder) to::

    exit: 2                      # 0 where the case only warns
    errors: 1                    # how many errors the file must give (exactly)
    warnings: 0                  # (only when nonzero) how many warnings
    path: incident.when.date     # the field path of the expected problem ("" = the whole file)
    line: 11                     # its line (null = none), and column where one is checked
    column: 11
    message_contains: ...        # a part of its message (case-sensitive)
    severity: error              # or warning

Cases that need no file or must not be committed (a missing path, a file over the size limit, a FIFO)
are made by ``test_bad_input.py`` at test time.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

HERE = Path(__file__).resolve().parent
BASE = (HERE / "base.yaml").read_text(encoding="utf-8")
CLASSES = ("syntax", "duplicate_keys", "wrong_types", "structure", "unknown_fields", "missing_fields",
           "out_of_range", "inconsistent", "dates", "sources", "accounts", "empty", "encoding",
           "alias_bomb", "deep_nesting", "tags", "text", "paths")
MAX_DEPTH = 40  # engine.load.MAX_DEPTH, restated: the corpus tests the documented limit
MAX_ACCOUNTS = 20  # engine.load.MAX_ACCOUNTS, restated likewise
MAX_PROBLEMS = 200  # engine.load.MAX_PROBLEMS, restated likewise


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


BASE_DATA = _jsonable(yaml.safe_load(BASE))
BASE_JSON = json.dumps(BASE_DATA, indent=2, ensure_ascii=False) + "\n"

Loc = tuple[Any, ...]


def L(dotted: str) -> Loc:
    """``"accounts.0.facts[civilians.present].value"`` → ``("accounts", 0, "facts", "civilians.present", "value")``."""
    return tuple(int(t) if t.isdigit() else t for t in (a or b for a, b in re.findall(r"\[([^\]]+)\]|([^.\[\]]+)", dotted)))


def B(loc: Loc) -> str:
    """The inverse of :func:`L`, bracketing every part: ``("a", 0, "b.c")`` → ``"[a][0][b.c]"``."""
    return "".join(f"[{p}]" for p in loc)


def dotted(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)


# --------------------------------------------------------------------------- positions (plain PyYAML)

def _nodes(text: str, loc: Loc) -> list[tuple[Any, Any]]:
    """(key node, value node) for each existing prefix of ``loc``, root first (key None for the root)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    chain = [(None, node)]
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pairs = [(k, v) for k, v in node.value if k.value == part]
            if not pairs:
                break
            key, node = pairs[-1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            key, node = None, node.value[part]
        else:
            break
        chain.append((key, node))
    return chain


def position(text: str, loc: Loc) -> tuple[int, int]:
    """Where an error at ``loc`` should point (1-based line, column); see the module docstring."""
    key, node = _nodes(text, loc)[-1]
    block = isinstance(node, yaml.CollectionNode) and not node.flow_style
    mark = key.start_mark if block and key is not None else node.start_mark
    return mark.line + 1, mark.column + 1


def key_position(text: str, loc: Loc) -> tuple[int, int]:
    """The position of the (last) key of ``loc`` itself."""
    chain = _nodes(text, loc)
    assert len(chain) == len(loc) + 1, f"no {dotted(loc)} in the case"
    mark = chain[-1][0].start_mark
    return mark.line + 1, mark.column + 1


def line_of(text: str, needle: str, start: int = 0) -> int:
    index = text.index(needle, start)
    return text.count("\n", 0, index) + 1


# --------------------------------------------------------------------------- edits

Edit = Callable[[str], tuple[str, int]]  # text → (new text, offset of the edit)


def _span(text: str, loc: Loc) -> tuple[int, int]:
    chain = _nodes(text, loc)
    assert len(chain) == len(loc) + 1, f"no {dotted(loc)} in the base"
    node = chain[-1][1]
    return node.start_mark.index, node.end_mark.index


def put(loc: str, new: str) -> Edit:
    """Replace the value at ``loc`` (a scalar or flow collection) with the text ``new``."""
    def edit(text: str) -> tuple[str, int]:
        start, end = _span(text, L(loc))
        return text[:start] + new + text[end:], start
    return edit


def rename(loc: str, new_key: str) -> Edit:
    """Rename the key at ``loc``."""
    def edit(text: str) -> tuple[str, int]:
        key = _nodes(text, L(loc))[-1][0]
        start, end = key.start_mark.index, key.end_mark.index
        quoted = text[start] == '"'
        return text[:start] + (json.dumps(new_key) if quoted else new_key) + text[end:], start
    return edit


def _lines_of_pair(text: str, loc: Loc) -> tuple[int, int]:
    """0-based [first, last] lines of the block key/value pair at ``loc`` (comments and blanks excluded)."""
    chain = _nodes(text, loc)
    assert len(chain) == len(loc) + 1, f"no {dotted(loc)} in the base"
    key, node = chain[-1]
    parent = chain[-2][1]
    first = (key or node).start_mark.line
    siblings = [k for k, _ in parent.value] if isinstance(parent, yaml.MappingNode) else list(parent.value)
    i = siblings.index(key if key is not None else node)
    if i + 1 < len(siblings):
        last = siblings[i + 1].start_mark.line - 1
    else:
        end = node.end_mark
        last = end.line if isinstance(node, yaml.ScalarNode) or node.flow_style else end.line - 1
    lines = text.splitlines(keepends=True)
    while last > first and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
        last -= 1
    return first, last


def drop(loc: str) -> Edit:
    """Remove the block key/value pair (or list item) at ``loc``."""
    def edit(text: str) -> tuple[str, int]:
        first, last = _lines_of_pair(text, L(loc))
        lines = text.splitlines(keepends=True)
        head = lines[first]
        if head.lstrip().startswith("- ") and isinstance(L(loc)[-1], str):  # the first key of a list item
            dash = head.index("- ") + 2
            lines[last + 1] = head[:dash] + lines[last + 1].lstrip()
        return "".join(lines[:first] + lines[last + 1:]), sum(len(x) for x in lines[:first])
    return edit


def after(loc: str, *new_lines: str) -> Edit:
    """Insert ``new_lines`` after the block pair at ``loc``, at its key's indentation (plus any the
    lines carry themselves)."""
    def edit(text: str) -> tuple[str, int]:
        first, last = _lines_of_pair(text, L(loc))
        lines = text.splitlines(keepends=True)
        indent = " " * (len(lines[first]) - len(lines[first].lstrip(" -")))
        insert = "".join(indent + x + "\n" for x in new_lines)
        offset = sum(len(x) for x in lines[: last + 1])
        return "".join(lines[: last + 1]) + insert + "".join(lines[last + 1:]), offset
    return edit


def sub(old: str, new: str) -> Edit:
    """Replace the text ``old``, which must occur exactly once."""
    def edit(text: str) -> tuple[str, int]:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        return text.replace(old, new), text.index(old)
    return edit


def chain(*edits: Edit) -> Edit:
    def edit(text: str) -> tuple[str, int]:
        offset = 0
        for e in edits:
            text, offset = e(text)
        return text, offset
    return edit


# --------------------------------------------------------------------------- the case list

@dataclass
class Case:
    name: str  # "class/name.ext"
    data: bytes
    expect: dict[str, Any]


CASES: list[Case] = []


def case(name: str, edit: Edit | None = None, *, base: str | None = None, raw: bytes | None = None,
         path: str = "", msg: str, errors: int = 1, warnings: int = 0, exit: int = 2,
         severity: str = "error", at: str | None = None, line: int | None | str = "auto",
         column: int | None | str = "auto", key: bool = False) -> None:
    """Add one case.

    The file is ``edit`` applied to the base (``base.json`` when ``name`` ends in ``.json``), or ``raw``
    bytes. The expected line is, in order: ``line`` if given; the line of ``at`` (searched from the edit);
    the position of ``path`` in the case (its key's with ``key=True``); none for ``path=""``.
    """
    is_json = name.endswith(".json")
    text = None
    if raw is None:
        text = base if base is not None else (BASE_JSON if is_json else BASE)
        offset = 0
        if edit is not None:
            text, offset = edit(text)
        data = text.encode("utf-8")
    else:
        data = raw
    pos: tuple[int | None, int | None] = (None, None)
    if line != "auto":
        pos = (line, None)  # type: ignore[assignment]
    elif at is not None:
        assert text is not None
        pos = (line_of(text, at, offset), None)
    elif path and text is not None:
        pos = key_position(text, L(path)) if key else position(text, L(path))
    expect: dict[str, Any] = {"exit": exit, "errors": errors}
    if warnings:
        expect["warnings"] = warnings
    expect.update(path=dotted(L(path)) if path else "", line=pos[0])
    col = pos[1] if column == "auto" else column
    if col is not None:
        expect["column"] = col
    expect.update(message_contains=msg, severity=severity)
    assert name.split("/")[0] in CLASSES, name
    assert all(c.name != name for c in CASES), f"duplicate case {name}"
    CASES.append(Case(name, data, expect))


# ----- syntax: YAML
S = "syntax/"
case(S + "yaml_unclosed_flow_sequence.yaml", sub("    sources: [S1]\n  place:", "    sources: [S1\n  place:"),
     msg="invalid YAML: ", at="[S1\n")
case(S + "yaml_unclosed_double_quote.yaml", sub('time: "19:30"', 'time: "19:30'), msg="invalid YAML: ", at='"19:30', column=11)
case(S + "yaml_unclosed_single_quote.yaml", sub("name: Fictional conflict", "name: 'Fictional conflict"),
     msg="invalid YAML: ", at="'Fictional")
case(S + "yaml_bad_indentation.yaml", sub("    time: \"19:30\"", "   time: \"19:30\""), msg="invalid YAML: ", at="time:")
case(S + "yaml_tab_indentation.yaml", sub("    precision: hour", "\tprecision: hour"),
     msg="invalid YAML: found character '\\t' that cannot start any token", at="precision")
case(S + "yaml_colon_in_plain_value.yaml", sub("  title: Fictional air strike", "  title: Fictional: air strike"),
     msg="mapping values are not allowed here", at="title:")
case(S + "yaml_missing_colon.yaml", sub("    precision: hour", "    precision hour"),
     msg="could not find expected ':'", at="precision hour", column=5)
case(S + "yaml_key_without_space.yaml", sub("  defender: Party B", "  defender:Party B"),
     msg="could not find expected ':'", at="defender:Party")
case(S + "yaml_stray_closing_bracket.yaml", sub("    basis: [use]", "    basis: [use]]"), msg="invalid YAML: ", at="basis")
case(S + "yaml_reserved_indicator_at.yaml", sub("  defender: Party B", "  defender: @Party B"),
     msg="cannot start any token", at="defender")
case(S + "yaml_reserved_indicator_backtick.yaml", sub("  defender: Party B", "  defender: `Party B`"),
     msg="cannot start any token", at="defender")
case(S + "yaml_two_documents.yaml", lambda t: (t + "---\nschema_version: 1\n", len(t)),
     msg="expected a single document", at="---")
case(S + "yaml_invalid_escape.yaml", sub('time: "19:30"', 'time: "19\\q30"'),
     msg="found unknown escape character", at="time")
case(S + "yaml_list_item_in_mapping.yaml", after("incident.defender", "- stray item"), msg="invalid YAML: ", at="- stray")
case(S + "yaml_unclosed_flow_mapping.yaml", sub("value: {min: 10, max: 20}", "value: {min: 10, max: 20"),
     msg="invalid YAML: ", at="{min: 10, max: 20\n", column=14)
case(S + "yaml_directive_mid_file.yaml", after("incident.defender", "%YAML 1.2"), msg="invalid YAML: ", at="%YAML")
case(S + "yaml_unclosed_list_in_fact.yaml", sub("sources: [W1, S1]", "sources: [W1, S1,"), msg="invalid YAML: ",
     at="[W1, S1,")
case(S + "yaml_bad_block_scalar.yaml", sub("  summary: A fictional", "  summary: >-x\n    A fictional"),
     msg="invalid YAML: ", at="summary")
case(S + "yaml_unmatched_brace_in_value.yaml", sub("  defender: Party B", "  defender: {Party B"),
     msg="invalid YAML: ", at="{Party B")
case(S + "yaml_key_indented_into_value.yaml", sub("  defender: Party B\n", "  defender: Party B\n    side: B\n"),
     msg="mapping values are not allowed here", at="side")

# ----- syntax: JSON
case(S + "json_trailing_comma_object.json",
     sub('"title": "Interview with a shopkeeper who survived"', '"title": "Interview with a shopkeeper who survived",'),
     msg="invalid JSON: Illegal trailing comma before end of object", at=',\n', column=58)  # the comma
case(S + "json_trailing_comma_array.json", sub('"Party B"\n', '"Party B",\n'),
     msg="invalid JSON: Illegal trailing comma before end of array", at=',\n', column=18)  # the comma
case(S + "json_single_quotes.json", sub('"defender": "Party B"', "'defender': 'Party B'"),
     msg="invalid JSON: Expecting property name enclosed in double quotes", at="'defender'")
case(S + "json_unquoted_key.json", sub('"defender": "Party B"', 'defender: "Party B"'),
     msg="invalid JSON: Expecting property name", at="defender")
case(S + "json_comment.json", sub('  "schema_version": 1,\n', '  // format version\n  "schema_version": 1,\n'),
     msg="invalid JSON: Expecting property name", at="//")
case(S + "json_missing_comma.json", sub('"defender": "Party B",', '"defender": "Party B"'),
     msg="invalid JSON: Expecting ',' delimiter", at='"attack"')
case(S + "json_missing_closing_brace.json", lambda t: (t.rstrip()[:-1], len(t) - 2),
     msg="invalid JSON: Expecting ',' delimiter", line=BASE_JSON.count("\n"))
case(S + "json_extra_data.json", lambda t: (t + "{}\n", len(t)), msg="invalid JSON: Extra data", at="{}")
case(S + "json_python_true.json", sub('"value": true,\n        "sources": [\n          "S2"', '"value": True,\n        "sources": [\n          "S2"'),
     msg="invalid JSON: Expecting value", at="True")
case(S + "json_newline_in_string.json", sub('"title": "Fictional air strike', '"title": "Fictional air\nstrike'),
     msg="invalid JSON: Invalid control character", at='"title"')
case(S + "json_hex_number.json", sub('"value": 2,', '"value": 0x2,'), msg="invalid JSON: Expecting ',' delimiter",
     at="0x2")
case(S + "json_leading_zero.json", sub('"value": 2,', '"value": 02,'), msg="invalid JSON: Expecting ',' delimiter",
     at="02")
case(S + "json_unquoted_value.json", sub('"value": "NIAC"', '"value": NIAC'), msg="invalid JSON: Expecting value",
     at="NIAC")
case(S + "json_truncated.json", lambda t: (t[: len(t) // 2], 0), msg="invalid JSON: ",
     line=BASE_JSON[: len(BASE_JSON) // 2].count("\n") + 1)  # where the text stops
case(S + "json_yaml_text_in_json_file.json", base=BASE, msg="invalid JSON: Expecting value", line=1, column=1)
case(S + "json_undefined_literal.json", sub('"value": null,\n        "note": "Not established."',
                                           '"value": undefined,\n        "note": "Not established."'),
     msg="invalid JSON: Expecting value", at="undefined")

# YAML-only line breaks (NEL U+0085, LINE SEPARATOR U+2028, PARAGRAPH SEPARATOR U+2029): PyYAML starts a
# new line where every line-based tool sees one line, so a comment could hide a fact; refused anywhere,
# and the lines after them keep their numbers
SEP = "is not allowed in a YAML incident file: YAML reads it as a line break"
case(S + "yaml_line_separator_hides_a_fact_in_a_comment.yaml",
     sub("  title: Fictional air strike on a market building\n",
         "  title: Fictional air strike on a market building  # checked\u2028  case: Hidden case\n"),
     msg="character U+2028 (LINE SEPARATOR) " + SEP, line=8, column=62)
case(S + "yaml_next_line_hides_a_fact_in_a_comment.yaml",
     sub("  defender: Party B\n", "  defender: Party B  # as reported\x85  case: Hidden case\n"),
     at="  defender: Party B", column=35, msg="character U+0085 (NEXT LINE) " + SEP)
case(S + "yaml_paragraph_separator_in_a_value.yaml",
     sub("  summary: A fictional incident", "  summary: A fictional\u2029incident"),
     at="  summary:", column=23, msg="character U+2029 (PARAGRAPH SEPARATOR) " + SEP)
case(S + "yaml_line_separator_does_not_shift_later_lines.yaml",
     chain(sub("  title: Fictional air strike on a market building\n",
               "  title: Fictional air strike on a market building  # checked\u2028\n"),
           sub('    time: "19:30"', '    time: "19:3"')),
     errors=2, path="incident.when.time", line=12, column=11, msg='expected a 24-hour time written "HH:MM", found "19:3"')
case(S + "json_line_separator_in_a_string_is_fine.json", sub('"defender": "Party B"', '"defender": "Party\\u2028B"'),
     msg="", exit=0, errors=0, line=None)

# ----- duplicate keys: YAML (PyYAML would keep the last value silently)
D = "duplicate_keys/"
DUP = "duplicate key"
case(D + "top_level_schema_version.yaml", after("schema_version", "schema_version: 1"), path="schema_version",
     msg=DUP + " 'schema_version' (first given at line 4)", key=True)
case(D + "incident_id.yaml", after("incident.id", "id: corpus-base-2"), path="incident.id", msg=DUP + " 'id'", key=True)
case(D + "incident_title.yaml", after("incident.title", "title: Another title"), path="incident.title",
     msg=DUP + " 'title'", key=True)
case(D + "when_date.yaml", after("incident.when.date", "date: 2017-06-29"), path="incident.when.date",
     msg=DUP + " 'date' (first given at line 11)", key=True)
case(D + "fact_value.yaml", after("incident.civilians.present.value", "value: false"),
     path="incident.civilians.present.value", msg=DUP + " 'value'", key=True, errors=2)  # and: absent, yet killed
case(D + "fact_attacker_knowledge.yaml", after("incident.civilians.present.attacker_knowledge", "attacker_knowledge: knew"),
     path="incident.civilians.present.attacker_knowledge", msg=DUP + " 'attacker_knowledge'", key=True)
case(D + "fact_sources.yaml", after("incident.civilians.present.sources", "sources: [S1]"),
     path="incident.civilians.present.sources", msg=DUP + " 'sources'", key=True)
case(D + "source_id_in_list_item.yaml", after("sources.0.type", "id: S5"), path="sources.0.id", msg=DUP + " 'id'",
     key=True, errors=9, warnings=1)  # S5 is kept: the 8 citations of S1 are undeclared
case(D + "top_level_accounts.yaml", sub("\nsources:\n", "\naccounts: []\n\nsources:\n"), path="accounts",
     msg=DUP + " 'accounts'", key=True)
case(D + "flow_mapping_count.yaml", sub("value: {min: 10, max: 20}", "value: {min: 10, max: 20, min: 12}"),
     path="incident.civilians.count_present.value.min", msg=DUP + " 'min'", key=True)
case(D + "defender.yaml", after("incident.defender", "defender: Party C"), path="incident.defender",
     msg=DUP + " 'defender'", key=True)
case(D + "account_fact_key.yaml", after("accounts.0.facts[target.effective_contribution]",
                                        "target.effective_contribution: {value: false}"),
     path="accounts.0.facts[target.effective_contribution]", msg=DUP + " 'target.effective_contribution'", key=True)
case(D + "fact_value_null_then_true.yaml", after("incident.target.effective_contribution.value", "value: true"),
     path="incident.target.effective_contribution.value", msg=DUP + " 'value'", key=True)
case(D + "three_times.yaml", after("incident.when.precision", "precision: day", "precision: minute"),
     path="incident.when.precision", msg=DUP + " 'precision'", errors=2, key=True)
case(D + "flow_mapping_killed.yaml", sub("value: {min: 5, max: 7}", "value: {min: 5, max: 7, max: 9}"),
     path="incident.outcome.civilians_killed.value.max", msg=DUP + " 'max'", key=True)
case(D + "whole_block.yaml", after("incident.precautions.warning", "warning:", "  given: {value: true}"),
     path="incident.precautions.warning", msg=DUP + " 'warning'", key=True, errors=2)  # and: given, with no time
case(D + "quoted_and_plain_key.yaml", after("incident.title", '"title": Another title'), path="incident.title",
     msg=DUP + " 'title'", key=True)
case(D + "with_other_error.yaml", chain(after("incident.title", "title: Another title"),
                                        put("incident.civilians.present.value", '"yes"')),
     path="incident.title", msg=DUP + " 'title'", errors=2, key=True)

# ----- duplicate keys: JSON
case(D + "json_top_level_schema_version.json", sub('  "schema_version": 1,\n', '  "schema_version": 1,\n  "schema_version": 3,\n'),
     path="schema_version", msg=DUP + " 'schema_version'", key=True, errors=2)  # and: there is no version 3
case(D + "json_incident_id.json", sub('"id": "corpus-base-1",', '"id": "corpus-base-1",\n    "id": "corpus-base-2",'),
     path="incident.id", msg=DUP + " 'id'", key=True)
case(D + "json_fact_value.json", sub('"value": 90.5,', '"value": 90.5,\n          "value": 9.05,'),
     path="incident.attack.weapon.explosive_weight_kg.value", msg=DUP + " 'value'", key=True)
case(D + "json_count_min.json", sub('"min": 10,', '"min": 10,\n          "min": 11,'),
     path="incident.civilians.count_present.value.min", msg=DUP + " 'min'", key=True)
case(D + "json_source_id.json", sub('"id": "S3",', '"id": "S3",\n      "id": "S33",'), path="sources.2.id",
     msg=DUP + " 'id'", key=True, errors=6, warnings=1)  # S33 is kept: the 5 citations of S3 are undeclared
case(D + "json_account_fact_key.json",
     sub('"facts": {\n', '"facts": {\n        "civilians.present": {"value": false},\n'),
     path="accounts.0.facts[civilians.present]", msg=DUP + " 'civilians.present'", key=True)
case(D + "json_when_date.json", sub('"date": "2017-06-28",', '"date": "2017-06-28",\n      "date": "2017-06-27",'),
     path="incident.when.date", msg=DUP + " 'date'", key=True)
case(D + "json_two_duplicates.json", chain(sub('"defender": "Party B",', '"defender": "Party B",\n    "defender": "Party C",'),
                                           sub('"damage": "The building was destroyed.",',
                                               '"damage": "The building was destroyed.",\n      "damage": "None.",')),
     path="incident.defender", msg=DUP + " 'defender'", errors=2, key=True)
case(D + "json_tab_indented.json", lambda t: (t.replace("  ", "\t").replace('\t"schema_version": 1,\n',
                                                                        '\t"schema_version": 1,\n\t"schema_version": 1,\n'), 0),
     path="schema_version", msg=DUP + " 'schema_version'", line=3, column=2)

# ----- wrong types
W = "wrong_types/"
TF = "expected true or false, found "
bools = ["incident.civilians.present.value", "incident.attacker.attribution.value", "incident.attack.weapon.guided.value",
         "incident.attack.directed_at_specific_objective.value", "incident.civilians.populated_area.value",
         "incident.object_struck.is_claimed_target.value", "incident.target.persons_are_fighters.value",
         "incident.precautions.warning.given.value", "incident.precautions.warning.effective.value"]
for i, (bad, shown) in enumerate([('"yes"', '"yes"'), ('"no"', '"no"'), ("yes", '"yes"'), ("no", '"no"'),
                                  ("on", '"on"'), ("off", '"off"'), ("Y", '"Y"'), ("1", "1"), ("0", "0"),
                                  ('"true"', '"true"; write it without quotes'), ('"false"', '"false"; write it without quotes'),
                                  ("1.0", "1.0"), ("[true]", "a list"), ("{value: true}", "a mapping"), ('"True"', '"True"'),
                                  ("null_text", '"null_text"'), ("T", '"T"'), ("ja", '"ja"')]):
    target = bools[i % len(bools)]
    slug = re.sub(r"\W+", "_", bad).strip("_") or "x"
    case(W + f"bool_{slug}_{target.split('.')[-2]}.yaml", put(target, bad), path=target, msg=TF + shown)
for name, target, bad, msg in [
    ("munitions_quoted", "incident.attack.weapon.munitions.value", '"2"', 'expected a whole number, found "2"; write it without quotes'),
    ("munitions_fraction", "incident.attack.weapon.munitions.value", "2.5", "expected a whole number, found 2.5"),
    ("munitions_word", "incident.attack.weapon.munitions.value", "two", 'expected a whole number, found "two"'),
    ("munitions_bool", "incident.attack.weapon.munitions.value", "true", "expected a whole number, found true"),
    ("munitions_list", "incident.attack.weapon.munitions.value", "[2]", "expected a whole number, found a list"),
    ("munitions_float_whole", "incident.attack.weapon.munitions.value", "2.0", "expected a whole number, found 2.0"),
    ("weight_quoted", "incident.attack.weapon.explosive_weight_kg.value", '"90.5"', 'expected a number, found "90.5"; write it without quotes'),
    ("weight_with_unit", "incident.attack.weapon.explosive_weight_kg.value", "90 kg", 'expected a number, found "90 kg"'),
    ("accuracy_with_unit", "incident.attack.weapon.accuracy_m.value", "5m", 'expected a number, found "5m"'),
    ("latitude_quoted", "incident.place.latitude", '"35.95"', 'expected a number, found "35.95"'),
    ("latitude_word", "incident.place.latitude", "north", 'expected a number, found "north"'),
    ("latitude_degrees", "incident.place.latitude", "35°57'N", "expected a number, found"),
    ("count_min_quoted", "incident.civilians.count_present.value.min", '"10"', 'expected a whole number, found "10"'),
    ("count_min_fraction", "incident.civilians.count_present.value.min", "10.5", "expected a whole number, found 10.5"),
    ("count_min_word", "incident.civilians.count_present.value.min", "ten", 'expected a whole number, found "ten"'),
    ("count_max_bool", "incident.civilians.count_present.value.max", "true", "expected a whole number, found true"),
    ("count_max_range_text", "incident.outcome.civilians_killed.value.max", '"5-7"', 'expected a whole number, found "5-7"'),
    ("distance_quoted", "incident.civilians.nearest_distance_m.value", '"0"', 'expected a number, found "0"'),
    ("title_number", "incident.title", "2017", "expected text, found 2017"),
    ("title_bool", "incident.title", "true", "expected text, found true"),
    ("title_list", "incident.title", "[a, b]", "expected text, found a list"),
    ("place_name_number", "incident.place.name", "12", "expected text, found 12"),
    ("defender_mapping", "incident.defender", "{name: Party B}", "expected text, found a mapping"),
    ("country_float", "incident.place.country", "3.5", "expected text, found 3.5"),
    ("when_sources_text", "incident.when.sources", "S1", 'expected a list such as [A, B], found "S1"'),
    ("parties_text", "incident.conflict.parties", "Party A and Party B", "expected a list such as [A, B], found"),
    ("basis_text", "incident.target.basis", "use", 'expected a list such as [A, B], found "use"'),
    ("steps_text", "incident.precautions.verification.steps", '"one hour"', "expected a list such as [A, B]"),
    ("states_text", "incident.attacker.states", "State A", 'expected a list such as [A, B], found "State A"'),
    ("source_id_number", "incident.when.sources.0", "1", "expected text, found 1"),
    ("source_id_null", "incident.place.sources.0", "null", "expected text, found null"),
    ("knowledge_misspelt", "incident.civilians.present.attacker_knowledge", "knew_it", "did you mean 'knew'?"),
    ("knowledge_bool", "incident.civilians.populated_area.attacker_knowledge", "true", "expected one of 'knew', 'should_have_known'"),
    ("classification_lowercase", "incident.conflict.classification.value", "niac", "did you mean 'NIAC'?"),
    ("classification_words", "incident.conflict.classification.value", "international", "expected one of 'IAC' or 'NIAC', found \"international\""),
    ("attack_type_no_underscore", "incident.attack.type", "airstrike", "did you mean 'air_strike'?"),
    ("weapon_category", "incident.attack.weapon.category", "guided bomb", "did you mean 'guided_bomb'?"),
    ("target_kind", "incident.target.kind.value", "building", "expected one of 'object' or 'persons', found \"building\""),
    ("reliability_words", "sources.0.reliability", "very high", "expected one of 'high', 'medium', 'low' or 'unknown'"),
    ("source_type", "sources.1.type", "report", "expected one of 'witness_interview'"),
    ("precision_plural", "incident.when.precision", "hours", "did you mean 'hour'?"),
    ("time_of_day", "incident.when.time_of_day", "dusk", "expected one of 'night', 'morning'"),
    ("basis_item", "incident.target.basis.0", "usage", "did you mean 'use'?"),
    ("schema_version_text", "schema_version", '"1"', 'expected one of 1 or 2, found "1"'),
    ("found_afterwards_text", "incident.civilians.present.sources", "[W1]\n      found_afterwards: \"no\"", TF + '"no"'),
    ("note_number", "incident.target.effective_contribution.note", "42", "expected text, found 42"),
]:
    at_path = target if name != "found_afterwards_text" else "incident.civilians.present.found_afterwards"
    case(W + name + ".yaml", put(target, bad), path=at_path, msg=msg)
for name, loc, value, msg in [
    ("json_count_min_string", ("incident", "civilians", "count_present", "value", "min"), "10", 'expected a whole number, found "10"'),
    ("json_bool_number", ("incident", "civilians", "present", "value"), 1, "expected true or false, found 1"),
    ("json_bool_yes", ("incident", "attacker", "attribution", "value"), "yes", 'expected true or false, found "yes"'),
    ("json_number_string", ("incident", "attack", "weapon", "accuracy_m", "value"), "5", 'expected a number, found "5"'),
    ("json_title_number", ("incident", "title"), 17, "expected text, found 17"),
    ("json_sources_string", ("incident", "object_struck", "sources"), "S1", "expected a list such as [A, B]"),
    ("json_enum_case", ("incident", "attack", "type"), "AIR_STRIKE", "did you mean 'air_strike'?"),
    ("json_date_number", ("incident", "when", "date"), 20170628, "expected a real date written YYYY-MM-DD, found 20170628"),
]:
    data = json.loads(BASE_JSON)
    node = data
    for part in loc[:-1]:
        node = node[part]
    node[loc[-1]] = value
    case(W + name + ".json", base=json.dumps(data, indent=2) + "\n", path=dotted(loc), msg=msg)

# ----- structure: the shape of the file or of a field is wrong
T = "structure/"
TOP = "expected a mapping of fields at the top level (schema_version, incident, sources), found "
case(T + "top_level_list.yaml", base="- " + "\n  ".join(BASE.split("\n")[3:]).rstrip() + "\n", msg=TOP + "a list", line=1, column=1)
case(T + "top_level_text.yaml", base="an incident file\n", msg=TOP + "text", line=1, column=1)
case(T + "top_level_number.yaml", base="1\n", msg=TOP + "a number", line=1, column=1)
case(T + "top_level_bool.yaml", base="true\n", msg=TOP + "true/false", line=1, column=1)
case(T + "top_level_empty_string.yaml", base='""\n', msg=TOP + "text", line=1, column=1)
case(T + "json_top_level_array.json", base="[" + BASE_JSON.rstrip() + "]\n", msg=TOP + "a list", line=1, column=1)
case(T + "json_top_level_string.json", base='"schema_version: 1"\n', msg=TOP + "text", line=1, column=1)
case(T + "json_top_level_number.json", base="1\n", msg=TOP + "a number", line=1, column=1)
case(T + "fact_as_bare_value.yaml", sub("    present:\n      value: true\n      sources: [W1]\n      attacker_knowledge: should_have_known\n",
                                        "    present: true\n"),
     path="incident.civilians.present", msg="expected a fact written as {value: …, sources: […]}, found true")
case(T + "fact_as_bare_value_inline.yaml", sub("    populated_area:\n      value: true\n      sources: [S1]\n      attacker_knowledge: knew\n",
                                               "    populated_area: true\n"),
     path="incident.civilians.populated_area", msg="expected a fact written as {value: …, sources: […]}, found true")
case(T + "count_as_number.yaml", put("incident.civilians.count_present.value", "15"),
     path="incident.civilians.count_present.value", msg="expected a count written as {min: …, max: …}, found 15")
case(T + "count_as_list.yaml", put("incident.outcome.civilians_killed.value", "[5, 7]"),
     path="incident.outcome.civilians_killed.value", msg="expected a count written as {min: …, max: …}, found a list")
case(T + "count_as_text.yaml", put("incident.outcome.civilians_injured.value", '"3 or more"'),
     path="incident.outcome.civilians_injured.value", msg='expected a count written as {min: …, max: …}, found "3 or more"')
case(T + "weapon_as_text.yaml", sub("    weapon:\n      name: Fictional guided bomb\n", "    weapon: Fictional guided bomb\n    weapon_details:\n      name: Fictional guided bomb\n"),
     path="incident.attack.weapon", msg="expected a mapping of fields, found \"Fictional guided bomb\"", errors=2)
case(T + "when_as_date.yaml", sub("  when:\n    date: 2017-06-28\n", "  when: 2017-06-28\n  when_details:\n    date: 2017-06-28\n"),
     path="incident.when", msg='expected a mapping of fields, found "2017-06-28"', errors=2)
case(T + "civilians_null.yaml", sub("  civilians:\n    present:", "  civilians:\n  civilians_details:\n    present:"),
     path="incident.civilians", msg="expected a mapping of fields, found null", errors=2)
case(T + "sources_as_mapping.yaml", put("sources", "{id: S1, type: site_visit, title: Site visit}\n"), path="sources",
     msg="expected a list such as [A, B], found a mapping")
case(T + "accounts_as_mapping.yaml", sub("  - name: attacker\n    held_by", "    name: attacker\n    held_by"),
     path="accounts", msg="expected a list such as [A, B], found a mapping", key=True)
case(T + "account_facts_as_list.yaml", put("accounts.0.facts", "[target.effective_contribution, civilians.present]\n\n"),
     path="accounts.0.facts", msg="expected a mapping of fields, found a list")
case(T + "acknowledgements_as_mapping.yaml", sub("  acknowledgements:\n    - date", "  acknowledgements:\n      date"),
     path="incident.acknowledgements", msg="expected a list such as [A, B], found a mapping", key=True)
case(T + "incident_as_list.yaml", sub("incident:\n  id: corpus-base-1", "incident:\n- id: corpus-base-1"),
     path="incident", msg="expected a mapping of fields, found a list", key=True)
case(T + "complex_key.yaml", after("incident.defender", "? [a, b]", ": x"), path="incident",
     msg="a key must be a plain name, not a list or mapping", at="? [a")

# ----- unknown and misspelt fields
U = "unknown_fields/"
case(U + "more_problems_than_listed.yaml",
     after("incident.summary", *[f"extra_{n:03d}: 1" for n in range(MAX_PROBLEMS + 50)]),
     msg=f"50 more problems not listed (the first {MAX_PROBLEMS} are)", errors=MAX_PROBLEMS + 1, line=None)
for name, loc, new, hint, errors in [
    ("incident_titel", "incident.title", "titel", "did you mean 'title'?", 2),
    ("incident_sumary", "incident.summary", "sumary", "did you mean 'summary'?", 1),
    ("when_timeofday", "incident.when.time_of_day", "timeofday", "did you mean 'time_of_day'?", 1),
    ("place_lat", "incident.place.latitude", "lattitude", "did you mean 'latitude'?", 1),
    ("conflict_clasification", "incident.conflict.classification", "clasification", "did you mean 'classification'?", 2),
    ("civilian_singular", "incident.civilians", "civilian", "did you mean 'civilians'?", 1),
    ("civilians_presnt", "incident.civilians.present", "presnt", "did you mean 'present'?", 1),
    ("fact_vlaue", "incident.civilians.present.value", "vlaue", "did you mean 'value'?", 1),
    ("fact_source_singular", "incident.civilians.present.sources", "source", "did you mean 'sources'?", 1),
    ("fact_attacker_knowlege", "incident.civilians.present.attacker_knowledge", "attacker_knowlege",
     "did you mean 'attacker_knowledge'?", 1),
    ("precautions_warnings", "incident.precautions.warning", "warnings", "did you mean 'warning'?", 1),
    ("outcome_civilians_kiled", "incident.outcome.civilians_killed", "civilians_kiled", "did you mean 'civilians_killed'?", 1),
    ("weapon_accuracy", "incident.attack.weapon.accuracy_m", "accuracy", "did you mean 'accuracy_m'?", 1),
    ("schema_versoin", "schema_version", "schema_versoin", "did you mean 'schema_version'?", 2),
    ("source_titel", "sources.1.title", "titel", "did you mean 'title'?", 2),
    ("title_capitalised", "incident.title", "Title", "did you mean 'title'?", 2),
    ("ack_positon", "incident.acknowledgements.0.position", "positon", "did you mean 'position'?", 2),
    ("account_heldby", "accounts.0.held_by", "heldby", "did you mean 'held_by'?", 2),
    ("target_effective_contributon", "incident.target.effective_contribution", "effective_contributon",
     "did you mean 'effective_contribution'?", 1),
    ("when_date_capitalised", "incident.when.date", "Date", "did you mean 'date'?", 2),
    ("weapon_catgory", "incident.attack.weapon.category", "catgory", "did you mean 'category'?", 1),
    ("object_struck_desc", "incident.object_struck.description", "descripton", "did you mean 'description'?", 2),
    ("account_fact_vlaue", "accounts.0.facts[civilians.present].value", "vlaue", "did you mean 'value'?", 1),
    ("source_pseudonym", "sources.4.pseudonym", "pseudo", "unknown field 'pseudo'", 1),
]:
    case(U + name + ".yaml", rename(loc, new), path=B(L(loc)[:-1] + (new,)), msg=hint, errors=errors, key=True)
case(U + "incident_new_field.yaml", after("incident.defender", "verdict: violation"), path="incident.verdict",
     msg="unknown field 'verdict'; expected one of: id, title, case, summary, when", key=True)
case(U + "top_level_new_field.yaml", after("schema_version", "author: me"), path="author",
     msg="unknown field 'author'; expected one of: schema_version, incident, accounts, sources", key=True)
case(U + "fact_extra_field.yaml", after("incident.civilians.present.sources", "confidence: high"),
     path="incident.civilians.present.confidence", msg="unknown field 'confidence'; expected one of: value, sources", key=True)
case(U + "count_extra_field.yaml", put("incident.civilians.count_present.value", "{min: 10, max: 20, best: 15}"),
     path="incident.civilians.count_present.value.best", msg="unknown field 'best'; expected one of: min, max", key=True)
for name, loc, new, hint, errors in [
    ("json_titel", ("incident", "title"), "titel", "did you mean 'title'?", 2),
    ("json_vlaue", ("incident", "attacker", "attribution", "value"), "vlaue", "did you mean 'value'?", 1),
    ("json_civilans", ("incident", "civilians"), "civilans", "did you mean 'civilians'?", 1),
    ("json_source_typ", ("sources", 2, "type"), "typ", "did you mean 'type'?", 2),
]:
    case(U + name + ".json", rename(dotted(loc), new), path=dotted(loc[:-1] + (new,)), msg=hint, errors=errors, key=True)

# ----- missing required fields
M = "missing_fields/"
for loc, warnings in [("schema_version", 0), ("incident", 4), ("sources", 0), ("incident.id", 0), ("incident.title", 0),
                      ("incident.when", 0), ("incident.when.date", 0), ("incident.place", 0), ("incident.place.name", 0),
                      ("incident.place.country", 0), ("incident.conflict", 0), ("incident.conflict.classification", 0),
                      ("incident.attacker", 0), ("incident.attacker.party", 0), ("incident.attack", 1),
                      ("incident.attack.type", 0), ("incident.object_struck", 0), ("incident.object_struck.description", 0),
                      ("sources.0.id", 0), ("sources.0.type", 0), ("sources.3.title", 0),
                      ("incident.acknowledgements.0.position", 0), ("accounts.0.name", 0), ("accounts.0.held_by", 0)]:
    field_ = loc.split(".")[-1]
    case(M + loc.replace(".", "_") + ".yaml", drop(loc), path=loc, msg=f"required field {field_!r} is missing",
         warnings=warnings)
case(M + "witness_pseudonym.yaml", drop("sources.4.pseudonym"), path="sources.4",
     msg="a witness_interview source needs a pseudonym")
case(M + "empty_mapping.yaml", base="{}\n", path="incident", msg="required field 'incident' is missing", errors=3,
     line=1, column=1)
case(M + "only_schema_version.yaml", base="schema_version: 1\n", path="sources", msg="required field 'sources' is missing",
     errors=2, line=1, column=1)
for loc in ("incident.when.date", "sources.1.title", "incident.place.country"):
    field_ = loc.split(".")[-1]

    def json_drop(text: str, loc: str = loc) -> tuple[str, int]:
        data = json.loads(text)
        node = data
        for part in L(loc)[:-1]:
            node = node[part]
        del node[L(loc)[-1]]
        return json.dumps(data, indent=2) + "\n", 0
    case(M + "json_" + loc.replace(".", "_") + ".json", json_drop, path=loc, msg=f"required field {field_!r} is missing")
case(M + "json_empty_object.json", base="{}\n", path="schema_version", msg="required field 'schema_version' is missing",
     errors=3, line=1, column=1)

# ----- out-of-range values
O = "out_of_range/"
GE0 = "expected a number greater than or equal to 0, found "
for name, target, bad, msg in [
    ("count_present_min_negative", "incident.civilians.count_present.value.min", "-1", GE0 + "-1"),
    ("count_present_max_negative", "incident.civilians.count_present.value.max", "-5", GE0 + "-5"),
    ("killed_min_negative", "incident.outcome.civilians_killed.value.min", "-3", GE0 + "-3"),
    ("injured_min_negative", "incident.outcome.civilians_injured.value.min", "-1", GE0 + "-1"),
    ("fighters_max_negative", "incident.outcome.fighters_killed.value.max", "-1", GE0 + "-1"),
    ("accuracy_zero", "incident.attack.weapon.accuracy_m.value", "0", "expected a number greater than 0, found 0"),
    ("accuracy_zero_float", "incident.attack.weapon.accuracy_m.value", "0.0", "expected a number greater than 0, found 0.0"),
    ("accuracy_negative", "incident.attack.weapon.accuracy_m.value", "-5", "expected a number greater than 0, found -5"),
    ("explosive_weight_zero", "incident.attack.weapon.explosive_weight_kg.value", "0", "expected a number greater than 0, found 0"),
    ("munitions_zero", "incident.attack.weapon.munitions.value", "0", "expected a number greater than or equal to 1, found 0"),
    ("munitions_negative", "incident.attack.weapon.munitions.value", "-2", "expected a number greater than or equal to 1, found -2"),
    ("latitude_over_90", "incident.place.latitude", "91", "expected a number less than or equal to 90, found 91"),
    ("latitude_under_minus_90", "incident.place.latitude", "-90.5", "expected a number greater than or equal to -90, found -90.5"),
    ("longitude_over_180", "incident.place.longitude", "181", "expected a number less than or equal to 180, found 181"),
    ("longitude_under_minus_180", "incident.place.longitude", "-200", "expected a number greater than or equal to -180, found -200"),
    ("distance_negative", "incident.civilians.nearest_distance_m.value", "-1", GE0 + "-1"),
    ("latitude_nan", "incident.place.latitude", ".nan", "expected a finite number, found nan"),
    ("accuracy_infinite", "incident.attack.weapon.accuracy_m.value", ".inf", "expected a finite number, found inf"),
    ("distance_minus_infinite", "incident.civilians.nearest_distance_m.value", "-.inf", "expected a finite number, found -inf"),
    ("title_empty", "incident.title", '""', 'expected text that is not empty, found ""'),
    ("note_too_long", "incident.target.effective_contribution.note", "x" * 4001,
     "expected text of at most 4000 characters, found 4001 characters"),
    ("pseudonym_too_long", "sources.4.pseudonym", "W" * 81, "expected text of at most 80 characters, found 81 characters"),
    ("incident_id_spaces", "incident.id", "Corpus base 1", "expected an id of lower-case letters"),
    ("incident_id_too_long", "incident.id", "c" * 81, "expected an id of lower-case letters, digits, '.', '_' or '-' (at most 80)"),
    ("account_name_spaces", "accounts.0.name", "The attacker", "expected a name of lower-case letters"),
    ("time_24", "incident.when.time", '"24:00"', 'expected a 24-hour time written "HH:MM", found "24:00"'),
    ("time_pm", "incident.when.time", '"7.30pm"', 'found "7.30pm"'),
    ("time_seconds", "incident.when.time", '"19:30:00"', 'found "19:30:00"'),
    ("time_number", "incident.when.time", "1930", "expected text, found 1930"),
    ("schema_version_3", "schema_version", "3", "expected one of 1 or 2, found 3"),
]:
    case(O + name + ".yaml", put(target, bad), path=target, msg=msg)
MINMAX = "min ({}) is greater than max ({})"
for name, target, lo, hi in [("count_present", "incident.civilians.count_present.value", 30, 20),
                             ("killed", "incident.outcome.civilians_killed.value", 9, 7),
                             ("injured", "incident.outcome.civilians_injured.value", 5, 3),
                             ("fighters_killed", "incident.outcome.fighters_killed.value", 2, 1)]:
    case(O + f"{name}_min_over_max.yaml", put(target, f"{{min: {lo}, max: {hi}}}"), path=target, msg=MINMAX.format(lo, hi))
case(O + "account_count_min_over_max.yaml",
     after("accounts.0.facts[civilians.present]", "outcome.civilians_killed: {value: {min: 4, max: 2}}"),
     path="accounts.0.facts[outcome.civilians_killed].value", msg=MINMAX.format(4, 2))
case(O + "sources_empty_list.yaml", put("sources", "[]\n"),
     path="sources", msg="expected at least 1 item, found an empty list []")
case(O + "json_count_negative.json", put("incident.outcome.civilians_killed.value.min", "-5"),
     path="incident.outcome.civilians_killed.value.min", msg=GE0 + "-5")
case(O + "json_nan.json", put("incident.place.longitude", "NaN"), path="incident.place.longitude",
     msg="expected a finite number, found nan")
case(O + "json_infinity.json", put("incident.attack.weapon.accuracy_m.value", "Infinity"),
     path="incident.attack.weapon.accuracy_m.value", msg="expected a finite number, found inf")
case(O + "json_huge_exponent.json", put("incident.attack.weapon.explosive_weight_kg.value", "1e400"),
     path="incident.attack.weapon.explosive_weight_kg.value", msg="expected a finite number, found inf")
case(O + "json_accuracy_zero.json", put("incident.attack.weapon.accuracy_m.value", "0"),
     path="incident.attack.weapon.accuracy_m.value", msg="expected a number greater than 0, found 0")
# An integer too large for a number (a float) would be read as infinity; one of more than 4000 digits
# cannot be read at all. Both are refused, wherever they are.
FINITE = "expected a finite number, found a number of {} digits"
for name, target, digits in [("weight_400_digits", "incident.attack.weapon.explosive_weight_kg.value", 400),
                             ("accuracy_310_digits", "incident.attack.weapon.accuracy_m.value", 310),
                             ("latitude_400_digits", "incident.place.latitude", 400),
                             ("distance_400_digits", "incident.civilians.nearest_distance_m.value", 400),
                             ("count_400_digits", "incident.civilians.count_present.value.max", 400),
                             ("munitions_5000_digits", "incident.attack.weapon.munitions.value", 5000)]:
    case(O + name + ".yaml", put(target, "1" + "0" * (digits - 1)), path=target, msg=FINITE.format(digits))
case(O + "negative_weight_400_digits.yaml", put("incident.attack.weapon.explosive_weight_kg.value", "-" + "9" * 400),
     path="incident.attack.weapon.explosive_weight_kg.value", msg=FINITE.format(400))
case(O + "largest_float_integer_is_fine.yaml", put("incident.attack.weapon.explosive_weight_kg.value", "1" + "0" * 300),
     msg="", exit=0, errors=0, line=None)
case(O + "json_weight_400_digits.json", put("incident.attack.weapon.explosive_weight_kg.value", "1" + "0" * 399),
     path="incident.attack.weapon.explosive_weight_kg.value", msg=FINITE.format(400))
case(O + "json_count_5000_digits.json", put("incident.outcome.civilians_killed.value.min", "1" + "0" * 4999),
     path="incident.outcome.civilians_killed.value.min", msg=FINITE.format(5000))
case(O + "json_latitude_long_fraction.json", put("incident.place.latitude", "35." + "9" * 5000), msg="", exit=0,
     errors=0, line=None)  # a long fraction is a finite number
V = "expected one of 1 or 2, found"
for name, bad, shown in [("schema_version_true", "true", "true"), ("schema_version_float", "1.0", "1.0"),
                         ("schema_version_float_exponent", "1.0e+0", "1.0"), ("schema_version_zero", "0", "0")]:
    case(O + name + ".yaml", put("schema_version", bad), path="schema_version", msg=f"{V} {shown}")
case(O + "json_schema_version_true.json", put("schema_version", "true"), path="schema_version", msg=f"{V} true")
case(O + "json_schema_version_float.json", put("schema_version", "1.0"), path="schema_version", msg=f"{V} 1.0")
# A version 1 file may not use the fields of version 2 (observations): each is named, at its line.
NEWER = "is new in schema_version 2; this file declares schema_version 1"
case(O + "version_1_with_struck_category.yaml",
     after("incident.object_struck.description", "category: {value: shelter, sources: [W1]}"),
     path="incident.object_struck.category", msg="'category' " + NEWER, key=True)
case(O + "version_1_with_military_presence.yaml",
     after("incident.object_struck", "military_presence:",
           "  fighters: {seen: {value: false, sources: [W1]}, observed_by: [witness]}"),
     path="incident.military_presence", msg="'military_presence' " + NEWER, key=True)
case(O + "version_1_account_assessed_by.yaml",
     after("accounts.0.facts[civilians.present].value", "assessed_by: A review body"),
     path="accounts.0.facts[civilians.present].assessed_by", msg="'assessed_by' " + NEWER, key=True)
case("inconsistent/" + "fighters_none_found_without_who_looked.yaml",
     chain(sub("schema_version: 1\n", "schema_version: 2\n"),
           after("incident.object_struck", "military_presence:", "  fighters: {seen: {value: false, sources: [W1]}}")),
     path="incident.military_presence.fighters.observed_by",
     msg="fighters recorded as not seen (looked for and none found), but not who looked")
case(O + "time_arabic_indic_digit.yaml", put("incident.when.time", '"1\\u0669:30"'), path="incident.when.time",
     msg='expected a 24-hour time written "HH:MM", found "1٩:30"')

# ----- internally inconsistent facts
I = "inconsistent/"
KILLED = "more civilians killed (at least {}) than the recorded upper bound present ({}"
case(I + "killed_more_than_present.yaml", put("incident.civilians.count_present.value", "{min: 3, max: 4}"),
     path="incident.outcome.civilians_killed.value.min", msg=KILLED.format(5, 4))
case(I + "killed_far_more_than_present.yaml", put("incident.outcome.civilians_killed.value", "{min: 21, max: 30}"),
     path="incident.outcome.civilians_killed.value.min", msg=KILLED.format(21, 20))
case(I + "warning_given_without_time.yaml", put("incident.precautions.warning.given.value", "true"),
     path="incident.precautions.warning.time", msg="a warning recorded as given needs the time it was given")
case(I + "warning_effective_but_not_given.yaml", put("incident.precautions.warning.effective.value", "true"),
     path="incident.precautions.warning.effective.value", msg="a warning cannot be effective when it was not given")
case(I + "civilians_absent_but_killed.yaml", put("incident.civilians.present.value", "false"),
     path="incident.civilians.present.value", msg="civilians recorded as not present, yet at least 5 civilians were killed")
case(I + "two_inconsistencies.yaml", chain(put("incident.civilians.present.value", "false"),
                                          put("incident.precautions.warning.effective.value", "true")),
     path="incident.civilians.present.value", msg="civilians recorded as not present", errors=2)
case(I + "account_absent_but_killed.yaml", put("accounts.0.facts[civilians.present].value", "false"),
     path="accounts.0.facts[civilians.present].value",
     msg="in account 'attacker': civilians recorded as not present, yet at least 5 civilians were killed")
case(I + "account_killed_more_than_present.yaml",
     after("accounts.0.facts[civilians.present]", "outcome.civilians_killed: {value: {min: 50, max: 60}, sources: [S4]}"),
     path="accounts.0.facts[outcome.civilians_killed].value.min", msg="in account 'attacker': " + KILLED.format(50, 20))
case(I + "account_present_fewer_than_killed.yaml",
     after("accounts.0.facts[civilians.present]", "civilians.count_present: {value: {min: 1, max: 2}, sources: [S4]}"),
     path="accounts.0.facts[civilians.count_present].value.max", msg="in account 'attacker': " + KILLED.format(5, 2))
case(I + "account_warning_effective_not_given.yaml",
     after("accounts.0.facts[civilians.present]", "precautions.warning.effective: {value: true, sources: [S4]}"),
     path="accounts.0.facts[precautions.warning.effective].value",
     msg="in account 'attacker': a warning cannot be effective when it was not given")
case(I + "account_name_twice.yaml", sub("\nsources:\n", "  - name: attacker\n    held_by: Party A again\n\nsources:\n"),
     path="accounts.1.name", msg="account name 'attacker' is used twice")
case(I + "json_warning_given_without_time.json", put("incident.precautions.warning.given.value", "true"),
     path="incident.precautions.warning.time", msg="a warning recorded as given needs the time it was given")
case(I + "json_killed_more_than_present.json", put("incident.civilians.count_present.value", '{"min": 3, "max": 4}'),
     path="incident.outcome.civilians_killed.value.min", msg=KILLED.format(5, 4))

# Civilians recorded as not present, against every other fact that says they were. The base has 5 killed,
# 3 injured and 10 counted as present: "no_casualties" removes the first two so one contradiction shows.
ABSENT = "civilians recorded as not present, yet "
no_casualties = chain(put("incident.outcome.civilians_killed.value", "{min: null, max: 7}"),
                      put("incident.outcome.civilians_injured.value", "{min: null, max: null}"))
no_count = put("incident.civilians.count_present.value", "{min: null, max: 20}")
absent = put("incident.civilians.present.value", "false")
case(I + "absent_but_counted_present.yaml", chain(no_casualties, absent), path="incident.civilians.present.value",
     msg=ABSENT + "at least 10 civilians are counted as present (civilians.count_present)")
case(I + "absent_but_injured.yaml", chain(put("incident.outcome.civilians_killed.value", "{min: 0, max: 7}"), no_count,
                                          absent),
     path="incident.civilians.present.value", msg=ABSENT + "at least 3 civilians were injured")
case(I + "absent_but_observable.yaml", chain(no_casualties, no_count, absent,
                                             after("incident.civilians.count_present", "presence_observable: {value: true, sources: [W1]}")),
     path="incident.civilians.present.value", msg=ABSENT + "their presence is recorded as observable")
case(I + "absent_against_everything.yaml", chain(absent, after("incident.civilians.count_present",
                                                               "presence_observable: {value: true, sources: [W1]}")),
     path="incident.civilians.present.value",
     msg=ABSENT + "at least 5 civilians were killed, at least 3 were injured, at least 10 civilians are counted as "
                  "present (civilians.count_present) and their presence is recorded as observable")
case(I + "absent_with_zero_counts_is_fine.yaml", chain(absent, put("accounts.0.facts[civilians.present].value", "false"),
                                                       put("incident.civilians.count_present.value", "{min: 0, max: 0}"),
                                                       put("incident.outcome.civilians_killed.value", "{min: 0, max: 0}"),
                                                       put("incident.outcome.civilians_injured.value", "{min: 0, max: 0}")),
     msg="", exit=0, errors=0, line=None)
case(I + "present_but_none_counted.yaml", chain(no_casualties, put("incident.civilians.count_present.value", "{min: 0, max: 0}")),
     path="incident.civilians.count_present.value.max", errors=2,  # and in the account, which restates "present"
     msg="no civilians counted as present (max 0), yet civilians are recorded as present")
case(I + "warning_not_given_with_time.yaml", after("incident.precautions.warning.effective", 'time: "08:00"'),
     path="incident.precautions.warning.given.value",
     msg='a warning recorded as not given, yet the time it was given is recorded (precautions.warning.time: "08:00")')
# Contradictions between facts (issue 9, item 15).
case(I + "killed_and_injured_more_than_present.yaml", put("incident.civilians.count_present.value", "{min: 3, max: 7}"),
     path="incident.outcome.civilians_injured.value.min",
     msg="more civilians killed and injured (at least 5 + 3) than the recorded upper bound present (7")
case(I + "directed_and_cannot_be_directed.yaml",
     after("incident.attack.directed_at_specific_objective",
           "cannot_be_directed_at_specific_objective: {value: true, sources: [S3]}"),
     path="incident.attack.cannot_be_directed_at_specific_objective.value",
     msg="the attack is recorded as one that cannot be directed at a specific military objective, yet as directed at one")
given_at = lambda time: chain(put("incident.precautions.warning.given.value", "true"),  # noqa: E731
                              after("incident.precautions.warning.effective", f"time: {time}"))
case(I + "warning_effective_but_not_permitted.yaml",
     chain(given_at('"08:00"'), put("incident.precautions.warning.effective.value", "true"),
           after("incident.precautions.warning.effective", "circumstances_did_not_permit: {value: true, sources: [W1]}")),
     path="incident.precautions.warning.circumstances_did_not_permit.value",
     msg="circumstances are recorded as not permitting a warning, yet an effective warning is recorded")
case(I + "warning_time_after_the_attack.yaml", given_at("2017-06-29T08:00"), path="incident.precautions.warning.time",
     msg="the warning is recorded as given at 2017-06-29T08:00, after the attack (2017-06-28 19:30)")
case(I + "warning_time_later_that_day.yaml", given_at('"20:15"'), path="incident.precautions.warning.time",
     msg="the warning is recorded as given at 20:15, after the attack")
case(I + "warning_time_not_a_time.yaml", given_at("whenever"), path="incident.precautions.warning.time", exit=0,
     errors=0, warnings=1, severity="warning", msg="the warning's time \"whenever\" is not one this tool can read")
case(I + "warning_time_before_the_attack_is_fine.yaml", given_at("two hours before the attack"), msg="", exit=0,
     errors=0, line=None)
case(I + "warning_date_and_time_before_the_attack_is_fine.yaml", given_at('"2017-06-28 18:00"'), msg="", exit=0,
     errors=0, line=None)
GUIDED = "the weapon is recorded as not guided, yet its category is {!r} (attack.weapon.category)"
case(I + "guided_bomb_not_guided.yaml", put("incident.attack.weapon.guided.value", "false"),
     path="incident.attack.weapon.guided.value", msg=GUIDED.format("guided_bomb"))
case(I + "guided_missile_not_guided.yaml", chain(put("incident.attack.weapon.category", "guided_missile"),
                                                 put("incident.attack.weapon.guided.value", "false")),
     path="incident.attack.weapon.guided.value", msg=GUIDED.format("guided_missile"))
case(I + "unguided_bomb_guided.yaml", put("incident.attack.weapon.category", "unguided_bomb"),
     path="incident.attack.weapon.guided.value",
     msg="the weapon is recorded as guided, yet its category is 'unguided_bomb' (attack.weapon.category)")
case(I + "unguided_bomb_not_guided_is_fine.yaml", chain(put("incident.attack.weapon.category", "unguided_bomb"),
                                                        put("incident.attack.weapon.guided.value", "false")),
     msg="", exit=0, errors=0, line=None)
TOD = "time_of_day is {!r} ({}), but the time {} is in the {} ({})"
PARTS = {"night": "21:00–05:59", "morning": "06:00–11:29", "midday": "11:30–13:59", "afternoon": "14:00–17:59",
         "evening": "18:00–20:59"}
for time, part, actual in [("08:00", "evening", "morning"), ("21:00", "evening", "night"), ("05:59", "morning", "night"),
                           ("06:00", "night", "morning"), ("11:30", "morning", "midday"), ("13:59", "afternoon", "midday"),
                           ("14:00", "midday", "afternoon"), ("17:59", "evening", "afternoon"), ("18:00", "afternoon", "evening"),
                           ("00:00", "evening", "night")]:
    case(I + f"time_{time.replace(':', '')}_not_{part}.yaml",
         chain(put("incident.when.time", f'"{time}"'), put("incident.when.time_of_day", part)),
         path="incident.when.time_of_day", msg=TOD.format(part, PARTS[part], time, actual, PARTS[actual]))
for time, part in [("20:59", "evening"), ("21:00", "night"), ("05:59", "night"), ("06:00", "morning"), ("11:29", "morning"),
                   ("11:30", "midday"), ("13:59", "midday"), ("14:00", "afternoon"), ("17:59", "afternoon"),
                   ("18:00", "evening")]:
    case(I + f"time_{time.replace(':', '')}_{part}_is_fine.yaml",
         chain(put("incident.when.time", f'"{time}"'), put("incident.when.time_of_day", part)),
         msg="", exit=0, errors=0, line=None)
case(I + "json_time_not_part_of_day.json", put("incident.when.time_of_day", '"morning"'), path="incident.when.time_of_day",
     msg=TOD.format("morning", PARTS["morning"], "19:30", "evening", PARTS["evening"]))
case(I + "json_guided_bomb_not_guided.json", put("incident.attack.weapon.guided.value", "false"),
     path="incident.attack.weapon.guided.value", msg=GUIDED.format("guided_bomb"))
# the same checks on each account's version of the facts
case(I + "account_not_guided.yaml",
     after("accounts.0.facts[civilians.present]", "attack.weapon.guided: {value: false, sources: [S4]}"),
     path="accounts.0.facts[attack.weapon.guided].value", msg="in account 'attacker': " + GUIDED.format("guided_bomb"))
case(I + "account_absent_but_observable.yaml",
     chain(no_casualties, no_count, after("incident.civilians.count_present", "presence_observable: {value: true, sources: [W1]}"),
           put("accounts.0.facts[civilians.present].value", "false")),
     path="accounts.0.facts[civilians.present].value",
     msg="in account 'attacker': " + ABSENT + "their presence is recorded as observable")
case(I + "account_none_counted_present.yaml",
     chain(no_casualties, after("accounts.0.facts[civilians.present]", "civilians.count_present: {value: {min: 0, max: 0}}")),
     path="accounts.0.facts[civilians.count_present].value.max",
     msg="in account 'attacker': no civilians counted as present (max 0), yet civilians are recorded as present")
case(I + "account_restates_a_contradiction_of_the_base.yaml",
     chain(put("incident.civilians.present.value", "false"), put("accounts.0.facts[civilians.present].value", "false")),
     path="accounts.0.facts[civilians.present].value", errors=2,
     msg="in account 'attacker': " + ABSENT + "at least 5 civilians were killed")
case(I + "account_warning_denied_with_base_time_is_fine.yaml",
     chain(put("incident.precautions.warning.given.value", "true"),
           after("incident.precautions.warning.effective", 'time: "08:00"'),
           after("accounts.0.facts[civilians.present]", "precautions.warning.given: {value: false, sources: [S4]}")),
     msg="", exit=0, errors=0, line=None)  # the time of a warning is not an account's to state
# Schema errors elsewhere do not hide the cross-field checks: each runs when the fields it reads are valid.
case(I + "with_a_wrong_type_elsewhere.yaml", chain(put("incident.title", "2017"), absent),
     path="incident.civilians.present.value", msg=ABSENT + "at least 5 civilians were killed", errors=2)
case(I + "with_an_unknown_field_elsewhere.yaml", chain(rename("incident.place.latitude", "lattitude"),
                                                      put("incident.precautions.warning.effective.value", "true")),
     path="incident.precautions.warning.effective.value", msg="a warning cannot be effective when it was not given",
     errors=2)
case(I + "with_a_missing_required_field.yaml", chain(drop("incident.object_struck.description"),
                                                    put("incident.attack.weapon.guided.value", "false")),
     path="incident.attack.weapon.guided.value", msg=GUIDED.format("guided_bomb"), errors=2)
case(I + "with_an_undeclared_source.yaml", chain(put("incident.place.sources", "[S9]"), absent,
                                                put("incident.civilians.count_present.value", '{min: "ten", max: 20}')),
     path="incident.civilians.present.value", msg=ABSENT + "at least 5 civilians were killed and at least 3 were injured",
     errors=3)  # the count is in error, so it is not read: the message names the killed and injured only
case(I + "with_a_bad_date_and_future_source.yaml", chain(put("incident.when.date", "2017-02-30"),
                                                        put("sources.3.date", "2098-01-01")),
     path="sources.3.date", msg="date 2098-01-01 is in the future", errors=2)
case(I + "with_a_bad_account.yaml", chain(put("accounts.0.held_by", '""'),
                                          after("accounts.0.facts[civilians.present]",
                                                "attack.weapon.guided: {value: false, sources: [S4]}")),
     path="accounts.0.facts[attack.weapon.guided].value", msg="in account 'attacker': " + GUIDED.format("guided_bomb"),
     errors=2)
case(I + "with_a_bad_source.yaml", chain(put("sources.2.type", "remnant"), put("incident.when.time_of_day", "night")),
     path="incident.when.time_of_day", msg=TOD.format("night", PARTS["night"], "19:30", "evening", PARTS["evening"]),
     errors=2)
case(I + "given_with_a_bad_time_is_not_checked.yaml", chain(put("incident.precautions.warning.given.value", "true"),
                                                           after("incident.precautions.warning.effective", "time: 800")),
     path="incident.precautions.warning.time", msg="expected text, found 800")
case(I + "json_with_a_wrong_type_elsewhere.json", chain(put("incident.place.country", "7"),
                                                       put("incident.precautions.warning.effective.value", "true")),
     path="incident.precautions.warning.effective.value", msg="a warning cannot be effective when it was not given",
     errors=2)

# ----- impossible and future dates
A = "dates/"
DATE = "expected a real date written YYYY-MM-DD, found "
for name, target, bad, msg in [
    ("february_30", "incident.when.date", "2017-02-30", DATE + '"2017-02-30" (day value is outside expected range)'),
    ("month_13", "incident.when.date", "2017-13-01", DATE + '"2017-13-01" (month value is outside expected range'),
    ("month_00", "incident.when.date", "2017-00-10", DATE + '"2017-00-10"'),
    ("june_31", "incident.when.date", "2017-06-31", DATE + '"2017-06-31"'),
    ("february_29_not_leap", "incident.when.date", "2019-02-29", DATE + '"2019-02-29"'),
    ("day_00", "incident.when.date", "2017-06-00", DATE + '"2017-06-00"'),
    ("not_zero_padded", "incident.when.date", "2017-6-28", DATE + '"2017-6-28"'),
    ("day_first", "incident.when.date", "28/06/2017", DATE + '"28/06/2017"'),
    ("us_order", "incident.when.date", "06/28/2017", DATE + '"06/28/2017"'),
    ("words", "incident.when.date", "June 28, 2017", DATE + '"June 28, 2017"'),
    ("integer", "incident.when.date", "20170628", DATE + "20170628"),
    ("zero", "incident.when.date", "0", DATE + "0"),
    ("year_month_only", "incident.when.date", "2017-06", DATE + '"2017-06"'),
    ("with_time", "incident.when.date", "2017-06-28T19:30:00", DATE + '"2017-06-28T19:30:00"'),
    ("empty", "incident.when.date", '""', DATE + '""'),
    ("null", "incident.when.date", "null", DATE + "null"),
    ("source_february_29", "sources.0.date", "2017-02-29", DATE + '"2017-02-29"'),
    ("acknowledgement_april_31", "incident.acknowledgements.0.date", "2018-04-31", DATE + '"2018-04-31"'),
    ("future_attack", "incident.when.date", "2999-01-01", "date 2999-01-01 is in the future"),
    ("future_attack_near", "incident.when.date", "2099-12-31", "date 2099-12-31 is in the future"),
    ("future_source", "sources.3.date", "2098-01-01", "date 2098-01-01 is in the future"),
    ("future_acknowledgement", "incident.acknowledgements.0.date", "2097-05-05", "date 2097-05-05 is in the future"),
]:
    case(A + name + ".yaml", put(target, bad), path=target, msg=msg)
case(A + "json_february_30.json", put("incident.when.date", '"2017-02-30"'), path="incident.when.date",
     msg=DATE + '"2017-02-30"')
case(A + "json_future.json", put("incident.when.date", '"2999-06-28"'), path="incident.when.date",
     msg="date 2999-06-28 is in the future")
case(A + "json_unix_time.json", put("incident.when.date", "1498608000"), path="incident.when.date", msg=DATE + "1498608000")
# Quoted digits were once read as Unix times ("0" as 1970-01-01); a date is only ever YYYY-MM-DD.
for name, target, bad, shown in [
    ("quoted_zero", "incident.when.date", '"0"', '"0"'),
    ("quoted_unix_time", "incident.when.date", '"1498608000"', '"1498608000"'),
    ("quoted_unix_time_millis", "incident.when.date", '"1498608000000"', '"1498608000000"'),
    ("quoted_compact", "incident.when.date", '"20170628"', '"20170628"'),
    ("quoted_negative", "incident.when.date", '"-1"', '"-1"'),
    ("quoted_float", "incident.when.date", '"1498608000.0"', '"1498608000.0"'),
    ("float_number", "incident.when.date", "2017.0628", "2017.0628"),
    ("source_quoted_unix_time", "sources.0.date", '"1499000000"', '"1499000000"'),
    ("acknowledgement_quoted_zero", "incident.acknowledgements.0.date", '"0"', '"0"'),
    ("arabic_indic_digits", "incident.when.date", '"\\u0662\\u0660\\u0661\\u0667-\\u0660\\u0666-\\u0662\\u0668"',
     '"٢٠١٧-٠٦-٢٨"'),
    ("fullwidth_digits", "incident.when.date", '"\\uff12\\uff10\\uff11\\uff17-06-28"', '"２０１７-06-28"'),
    ("with_timezone", "incident.when.date", '"2017-06-28Z"', '"2017-06-28Z"'),
    ("with_spaces", "incident.when.date", '" 2017-06-28"', '" 2017-06-28"'),
    ("week_date", "incident.when.date", "2017-W26-3", '"2017-W26-3"'),
    ("year_zero", "incident.when.date", "0000-06-28", '"0000-06-28" (year value is outside expected range)'),
]:
    case(A + name + ".yaml", put(target, bad), path=target, msg=DATE + shown)
case(A + "json_quoted_zero.json", put("incident.when.date", '"0"'), path="incident.when.date", msg=DATE + '"0"')
case(A + "json_quoted_unix_time.json", put("sources.3.date", '"1498780800"'), path="sources.3.date",
     msg=DATE + '"1498780800"')

# ----- source references
R = "sources/"
NOT_DECLARED = "which is not declared under 'sources'"
for name, target, bad, cited, hint in [
    ("when_cites_undeclared", "incident.when.sources", "[S9]", "S9", ""),
    ("fact_cites_near_miss", "incident.civilians.present.sources", "[S11]", "S11", "; did you mean 'S1'?"),
    ("fact_cites_lowercase", "incident.attacker.attribution.sources", "[s2]", "s2", "; did you mean 'S2'?"),
    ("claimed_sources", "incident.target.claimed_sources", "[S5]", "S5", ""),
    ("damage_sources", "incident.outcome.damage_sources", "[S7]", "S7", ""),
    ("object_struck", "incident.object_struck.sources", "[X]", "X", ""),
    ("acknowledgement", "incident.acknowledgements.0.sources", "[S40]", "S40", "; did you mean 'S4'?"),
    ("account_fact", "accounts.0.facts[target.effective_contribution].sources", "[S8]", "S8", ""),
    ("witness_by_name", "incident.outcome.civilians_killed.sources", "[Witness1, S1]", "Witness1", ""),
    ("place", "incident.place.sources", "[Site]", "Site", ""),
]:
    case(R + name + ".yaml", put(target, bad), path=target + ".0", msg=f"cites source {cited!r}, {NOT_DECLARED}{hint}")
case(R + "two_undeclared_in_one_list.yaml", put("incident.conflict.classification.sources", "[S8, S9]"),
     path="incident.conflict.classification.sources.1", msg=f"cites source 'S9', {NOT_DECLARED}", errors=2)
case(R + "unused_source.yaml", lambda t: (t + "  - id: S5\n    type: media_report\n    title: An article nobody cites\n", len(t)),
     path="sources.5.id", msg="source 'S5' is not cited by any fact", exit=0, errors=0, warnings=1, severity="warning")
case(R + "two_unused_sources.yaml", lambda t: (t + "  - id: S5\n    type: media_report\n    title: One\n"
                                               "  - id: S6\n    type: media_report\n    title: Two\n", len(t)),
     path="sources.6.id", msg="source 'S6' is not cited by any fact", exit=0, errors=0, warnings=2, severity="warning")
case(R + "unused_and_undeclared.yaml", chain(put("incident.when.sources", "[S6]"),
                                             lambda t: (t + "  - id: S5\n    type: media_report\n    title: One\n", len(t))),
     path="incident.when.sources.0", msg=f"cites source 'S6', {NOT_DECLARED}", warnings=1)
case(R + "declared_twice.yaml", lambda t: (t + "  - id: S1\n    type: media_report\n    title: Same id again\n", len(t)),
     path="sources.5.id", msg="source id 'S1' is declared twice")
case(R + "renamed_declaration.yaml", put("sources.0.id", "S01"), path="incident.when.sources.0",
     msg=f"cites source 'S1', {NOT_DECLARED}; did you mean 'S01'?", errors=8, warnings=1)
case(R + "citation_with_space.yaml", put("incident.place.sources", "[S 1]"), path="incident.place.sources.0",
     msg="expected a source id: a letter, then", errors=2)
case(R + "source_type_unknown.yaml", put("sources.2.type", "remnant"), path="sources.2.type",
     msg="expected one of 'witness_interview', 'site_visit', 'munition_remnant'")
case(R + "source_reliability_number.yaml", put("sources.0.reliability", "5"), path="sources.0.reliability",
     msg="expected one of 'high', 'medium', 'low' or 'unknown', found 5")
case(R + "witness_pseudonym_empty.yaml", put("sources.4.pseudonym", '""'), path="sources.4.pseudonym",
     msg='expected text that is not empty, found ""')
case(R + "source_id_starts_with_digit.yaml", chain(put("sources.3.id", "4S"), put("incident.acknowledgements.0.sources", "[4S]"),
                                                   put("incident.target.claimed_sources", "[4S]"),
                                                   put("incident.target.kind.sources", "[4S]"),
                                                   put("incident.object_struck.is_claimed_target.sources", "[4S]"),
                                                   put("incident.outcome.fighters_killed.sources", "[4S]"),
                                                   put("accounts.0.facts[target.effective_contribution].sources", "[4S]"),
                                                   put("accounts.0.facts[civilians.present].sources", "[4S]")),
     path="sources.3.id", msg="expected a source id: a letter, then up to 39", errors=8)
case(R + "json_undeclared.json", put("incident.when.sources", '["S9"]'), path="incident.when.sources.0",
     msg=f"cites source 'S9', {NOT_DECLARED}")
case(R + "json_unused.json", lambda t: (t[: t.rindex("]")].rstrip() + ',\n    {"id": "S5", "type": "media_report", "title": "Uncited"}\n  ]\n}\n', 0),
     path="sources.5.id", msg="source 'S5' is not cited by any fact", exit=0, errors=0, warnings=1, severity="warning")
case(R + "json_declared_twice.json", lambda t: (t[: t.rindex("]")].rstrip() + ',\n    {"id": "S2", "type": "media_report", "title": "Again"}\n  ]\n}\n', 0),
     path="sources.5.id", msg="source id 'S2' is declared twice")

# derived_from cites sources too: an undeclared or mistyped id would silently make the source look
# independent of what it repeats (and so raise the evidence grade)
DERIVED = "derived from source {!r}, which is not declared under 'sources'"
case(R + "derived_from_lowercase.yaml", after("sources.0.date", "derived_from: [w1]"), path="sources.0.derived_from.0",
     msg=DERIVED.format("w1") + "; did you mean witness 'W1' (sources.4)?")
case(R + "derived_from_undeclared.yaml", after("sources.1.title", "derived_from: [NOPE]"), path="sources.1.derived_from.0",
     msg=DERIVED.format("NOPE"))
case(R + "derived_from_second_of_two.yaml", after("sources.3.date", "derived_from: [W1, S22]"),
     path="sources.3.derived_from.1", msg=DERIVED.format("S22") + "; did you mean 'S2'?")
case(R + "derived_from_two_sources.yaml", chain(after("sources.0.date", "derived_from: [W2]"),
                                                after("sources.2.title", "derived_from: [S0]")),
     path="sources.0.derived_from.0", msg=DERIVED.format("W2"), errors=2)
case(R + "derived_from_itself.yaml", after("sources.3.date", "derived_from: [S4]"), path="sources.3.derived_from.0",
     msg="source 'S4' is derived from itself")
case(R + "derived_from_cycle.yaml", chain(after("sources.3.date", "derived_from: [S2]"),
                                          after("sources.1.title", "derived_from: [S4]")),
     path="sources.3.derived_from.0", msg="derived_from makes a cycle: 'S2' → 'S4' → 'S2'")
case(R + "derived_from_a_later_source.yaml", after("sources.3.date", "derived_from: [S1]"), path="sources.3.date",
     msg="dated 2017-06-30, before source 'S1' (2017-07-02), which it is derived from")
case(R + "interview_before_the_attack.yaml", after("sources.4.pseudonym", "date: 2017-06-01"), path="sources.4.date",
     msg="a witness interview dated (not repeated: a witness's or a confidential source's), before the attack (2017-06-28, incident.when.date)")
case(R + "site_visit_before_the_attack.yaml", put("sources.0.date", "2017-06-27"), path="sources.0.date",
     msg="a site visit dated 2017-06-27, before the attack (2017-06-28, incident.when.date)")
case(R + "site_visit_in_the_month_of_an_attack_known_to_the_month_is_fine.yaml",
     chain(put("incident.when.precision", "month"), put("sources.0.date", "2017-06-02")), msg="", exit=0, errors=0,
     line=None)
case(R + "derived_from_declared_is_fine.yaml", after("sources.3.date", "derived_from: [W1, S2]"), msg="", exit=0,
     errors=0, line=None)
case(R + "json_derived_from_undeclared.json",
     sub('"title": "Statement of Party A",', '"title": "Statement of Party A",\n      "derived_from": ["s4"],'),
     path="sources.3.derived_from.0", msg=DERIVED.format("s4") + "; did you mean 'S4'?")
# pseudonyms: one that reads as another source's id, or as another witness's pseudonym, makes a
# citation in the memo ambiguous
case(R + "pseudonym_is_another_source_id.yaml", put("sources.4.pseudonym", "S1"), path="sources.4.pseudonym",
     msg="this pseudonym reads as the id of source 'S1'; citations and outputs would be ambiguous")
case(R + "pseudonym_is_another_id_in_lower_case.yaml", put("sources.4.pseudonym", "s3"), path="sources.4.pseudonym",
     msg="this pseudonym reads as the id of source 'S3' (they differ only in case or spacing)")
case(R + "pseudonym_used_twice.yaml",
     lambda t: (t + "  - id: W2\n    type: witness_interview\n    pseudonym: W1\n    title: Interview with a neighbour\n", len(t)),
     path="sources.5.pseudonym", msg="this pseudonym reads as the id of source witness 'W1' (sources.4)", warnings=1)
case(R + "pseudonym_used_twice_not_an_id.yaml",
     chain(put("sources.4.pseudonym", "Trader"),
           lambda t: (t + "  - id: W2\n    type: witness_interview\n    pseudonym: trader\n    title: Interview with a neighbour\n",
                      len(t))),
     path="sources.5.pseudonym", msg="this pseudonym reads as the pseudonym of source witness 'Trader' (sources.4) (they differ only in case or spacing)", warnings=1)
case(R + "pseudonym_on_report_same_as_witness.yaml", after("sources.1.title", "pseudonym: W1"), path="sources.1.pseudonym",
     msg="this pseudonym reads as the id of source witness 'W1' (sources.4)")
case(R + "pseudonym_own_id_is_fine.yaml", put("sources.4.pseudonym", "w1"), msg="", exit=0, errors=0, line=None)
case(R + "json_pseudonym_is_another_source_id.json", put("sources.4.pseudonym", '"S2"'), path="sources.4.pseudonym",
     msg="this pseudonym reads as the id of source 'S2'")

# names that read the same (engine/names.py): look-alike letters, width, invisible characters, normal
# form, case; and witnesses named in messages by pseudonym only
W2 = "  - id: W2\n    type: witness_interview\n    pseudonym: {}\n    title: Interview with a neighbour\n"
case(R + "pseudonym_lookalike_of_another_id.yaml", put("sources.4.pseudonym", '"\\u0405\\u0031"'), path="sources.4.pseudonym",
     msg="this pseudonym reads as the id of source 'S1' (they differ only by look-alike letters)")
case(R + "pseudonym_full_width_of_another_id.yaml", put("sources.4.pseudonym", '"\\uff33\\uff12"'), path="sources.4.pseudonym",
     msg="this pseudonym reads as the id of source 'S2' (they differ only by invisible characters, width or Unicode normal form)")
case(R + "pseudonym_zero_width_joiner_in_another_id.yaml", put("sources.4.pseudonym", '"S\\u200d3"'), path="sources.4.pseudonym",
     msg="this pseudonym reads as the id of source 'S3' (they differ only by invisible characters, width or Unicode normal form)")
for label, space in [("space", " "), ("no_break_space", "\\u00a0"), ("thin_space", "\\u2009"),
                     ("ideographic_space", "\\u3000")]:  # spacing is no difference at all, not one space
    case(R + f"pseudonym_{label}_inside_another_id.yaml", put("sources.4.pseudonym", f'"S{space}2"'),
         path="sources.4.pseudonym",
         msg="this pseudonym reads as the id of source 'S2' (they differ only in case or spacing)")
case(R + "pseudonym_lookalike_of_another_pseudonym.yaml",
     chain(put("sources.4.pseudonym", "Trader"), lambda t: (t + W2.format('"\\u0422rader"'), len(t))),
     path="sources.5.pseudonym", warnings=1,
     msg="this pseudonym reads as the pseudonym of source witness 'Trader' (sources.4) (they differ only by look-alike letters)")
case(R + "pseudonym_other_normal_form_of_another.yaml",
     chain(put("sources.4.pseudonym", '"Jos\\u00e9"'), lambda t: (t + W2.format('"Jose\\u0301"'), len(t))),
     path="sources.5.pseudonym", warnings=1,
     msg="this pseudonym reads as the pseudonym of source witness 'José' (sources.4) (they differ only by invisible "
         "characters, width or Unicode normal form)")
case(R + "pseudonyms_of_other_scripts_are_fine.yaml",
     chain(put("sources.4.pseudonym", '"\\u0634\\u0627\\u0647\\u062f 1"'),
           lambda t: (t + W2.format('"\\u0634\\u0627\\u0647\\u062f 2"'), len(t))),
     msg="", exit=0, errors=0, warnings=1, line=None)
case(R + "source_id_differs_only_in_case.yaml",
     lambda t: (t + "  - id: s1\n    type: ngo_report\n    title: Another report\n", len(t)),
     path="sources.5.id", warnings=1,
     msg="source id 's1' reads as source id 'S1' (they differ only in case or spacing); each source needs an id of its own")
case(R + "witness_named_by_pseudonym_in_messages.yaml",
     chain(put("sources.4.pseudonym", "Trader"), sub("sources: [W1]\n      attacker_knowledge: should_have_known",
                                                     "sources: [W11]\n      attacker_knowledge: should_have_known")),
     path="incident.civilians.present.sources.0",
     msg="cites source 'W11', which is not declared under 'sources'; did you mean witness 'Trader' (sources.4)?")

# ----- accounts (competing versions of the facts)
C = "accounts/"
case(C + "unknown_fact_path.yaml", rename("accounts.0.facts[civilians.present]", "civilians.presnt"),
     path="accounts.0.facts[civilians.presnt]", key=True,
     msg="'civilians.presnt' is not an element fact an account can restate; did you mean 'civilians.present'?")
case(C + "at_time_path.yaml", rename("accounts.0.facts[civilians.present]", "civilians.present@time"), key=True,
     path="accounts.0.facts[civilians.present@time]", msg="'civilians.present@time' is not an element fact an account can restate")
case(C + "non_fact_field.yaml", rename("accounts.0.facts[civilians.present]", "title"), key=True,
     path="accounts.0.facts[title]", msg="'title' is not an element fact an account can restate")
case(C + "incident_prefix.yaml", rename("accounts.0.facts[civilians.present]", "incident.civilians.present"), key=True,
     path="accounts.0.facts[incident.civilians.present]", msg="is not an element fact an account can restate; did you mean 'civilians.present'?")
case(C + "fact_group_not_fact.yaml", rename("accounts.0.facts[civilians.present]", "civilians"), key=True,
     path="accounts.0.facts[civilians]", msg="'civilians' is not an element fact an account can restate")
case(C + "inline_unknown_fact_path.yaml", after("accounts.0.facts[civilians.present]", "civilians.killed: {value: {min: 1}}"),
     key=True, path="accounts.0.facts[civilians.killed]", msg="is not an element fact an account can restate")
case(C + "bool_yes.yaml", put("accounts.0.facts[civilians.present].value", '"yes"'),
     path="accounts.0.facts[civilians.present].value", msg=TF + '"yes"')
case(C + "bool_number.yaml", put("accounts.0.facts[target.effective_contribution].value", "1"),
     path="accounts.0.facts[target.effective_contribution].value", msg=TF + "1")
case(C + "enum_lowercase.yaml", after("accounts.0.facts[civilians.present]", "conflict.classification: {value: iac}"),
     path="accounts.0.facts[conflict.classification].value", msg="did you mean 'IAC'?")
case(C + "knowledge_misspelt.yaml", put("accounts.0.facts[civilians.present].attacker_knowledge", "couldnt_have_known"),
     path="accounts.0.facts[civilians.present].attacker_knowledge", msg="did you mean 'could_not_have_known'?")
case(C + "count_as_text.yaml", after("accounts.0.facts[civilians.present]", 'outcome.civilians_killed: {value: "5"}'),
     path="accounts.0.facts[outcome.civilians_killed].value", msg='expected a count written as {min: …, max: …}, found "5"')
case(C + "count_min_text.yaml", after("accounts.0.facts[civilians.present]", 'outcome.civilians_killed: {value: {min: "5"}}'),
     path="accounts.0.facts[outcome.civilians_killed].value.min", msg='expected a whole number, found "5"')
case(C + "accuracy_zero.yaml", after("accounts.0.facts[civilians.present]", "attack.weapon.accuracy_m: {value: 0}"),
     path="accounts.0.facts[attack.weapon.accuracy_m].value", msg="expected a number greater than 0, found 0")
case(C + "kind_literal.yaml", after("accounts.0.facts[civilians.present]", "target.kind: {value: building}"),
     path="accounts.0.facts[target.kind].value", msg="expected one of 'object' or 'persons', found \"building\"")
case(C + "fact_as_bare_value.yaml", after("accounts.0.facts[civilians.present]", "target.persons_are_fighters: true"),
     path="accounts.0.facts[target.persons_are_fighters]", msg="expected a fact written as {value: …, sources: […]}, found true")
case(C + "unknown_account_field.yaml", rename("accounts.0.facts", "fact"), path="accounts.0.fact", key=True,
     msg="unknown field 'fact'; did you mean 'facts'?")
case(C + "name_uppercase.yaml", put("accounts.0.name", "Attacker"), path="accounts.0.name",
     msg='expected a name of lower-case letters, digits, \'_\' or \'-\' (at most 40), found "Attacker"')
case(C + "held_by_empty.yaml", put("accounts.0.held_by", '""'), path="accounts.0.held_by", msg="expected text that is not empty")
case(C + "two_bad_paths.yaml", chain(rename("accounts.0.facts[civilians.present]", "civilans.present"),
                                     rename("accounts.0.facts[target.effective_contribution]", "target.effective")),
     path="accounts.0.facts[civilans.present]", msg="did you mean 'civilians.present'?", errors=2, key=True)
case(C + "json_ill_typed.json", put("accounts.0.facts[civilians.present].value", '"true"'),
     path="accounts.0.facts[civilians.present].value", msg=TF + '"true"; write it without quotes')
case(C + "more_than_the_limit.yaml",
     sub("\nsources:\n", "".join(f"  - name: extra-{n}\n    held_by: Monitor {n}\n" for n in range(1, MAX_ACCOUNTS + 1))
         + "\nsources:\n"),
     path=f"accounts.{MAX_ACCOUNTS}", msg=f"{MAX_ACCOUNTS + 1} accounts; the limit is {MAX_ACCOUNTS} per file")

# ----- empty files
E = "empty/"
EMPTY = "the file is empty"
case(E + "zero_bytes.yaml", raw=b"", msg=EMPTY, line=None)
case(E + "zero_bytes.json", raw=b"", msg=EMPTY, line=None)
case(E + "spaces.yaml", raw=b"   \n  \n", msg=EMPTY, line=None)
case(E + "newlines.json", raw=b"\n\n\n", msg=EMPTY, line=None)
case(E + "comments_only.yaml", raw=b"# an incident file\n# to be written\n", msg=EMPTY + " (it holds only comments or document markers)", line=None)
case(E + "document_end_only.yaml", raw=b"...\n", msg="invalid YAML", line=1, column=1)
case(E + "document_start_only.yaml", raw=b"---\n", msg=TOP + "null", line=1, column=1)
case(E + "null.yaml", raw=b"null\n", msg=TOP + "null", line=1, column=1)
case(E + "tilde.yaml", raw=b"~\n", msg=TOP + "null", line=1, column=1)
case(E + "json_null.json", raw=b"null\n", msg=TOP + "null", line=1, column=1)
case(E + "bom_only.yaml", raw=b"\xef\xbb\xbf", msg=EMPTY, line=None)
case(E + "crlf_blank_lines.yaml", raw=b"\r\n\r\n", msg=EMPTY, line=None)

# ----- encodings and binary files
N = "encoding/"
UTF8 = "not valid UTF-8 text"
latin = BASE.replace("Old town", "Vieille ville près du marché")
case(N + "latin1.yaml", raw=latin.encode("latin-1"), msg=UTF8 + " (byte 0xe8", line=line_of(latin, "Vieille"))
case(N + "cp1252_smart_quotes.yaml", raw=BASE.replace("Not established.", "\u201cNot established\u201d").encode("cp1252"),
     msg=UTF8 + " (byte 0x93", line=line_of(BASE, "Not established."))
case(N + "latin1.json", raw=BASE_JSON.replace("Old town", "Vieille ville près").encode("latin-1"), msg=UTF8 + " (byte 0xe8",
     line=line_of(BASE_JSON, "Old town"))
case(N + "utf16_le_bom.yaml", raw=BASE.encode("utf-16"), msg="the file is UTF-16 text; save it as UTF-8", line=None)
case(N + "utf16_be_bom.json", raw=b"\xfe\xff" + BASE_JSON.encode("utf-16-be"), msg="the file is UTF-16 text", line=None)
case(N + "utf16_no_bom.yaml", raw=BASE.encode("utf-16-le"), msg="binary file (contains NUL bytes)", line=1)
case(N + "utf32.yaml", raw=BASE.encode("utf-32"), msg="the file is UTF-32 text; save it as UTF-8", line=None)
case(N + "nul_byte.yaml", raw=BASE.replace("Party B\n", "Party\x00B\n", 1).encode(), msg="binary file (contains NUL bytes)",
     line=line_of(BASE, "Party B\n"))
case(N + "png_image.yaml", raw=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00",
     msg="binary file", line=3)
case(N + "gzip.json", raw=b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(1, 60)), msg="binary file", line=1)
case(N + "random_bytes.yaml", raw=bytes(rng.randrange(1, 256) for rng in [random.Random(4)] for _ in range(512)), msg=UTF8, line=1)
case(N + "truncated_multibyte.yaml", raw=BASE.encode() + "é".encode()[:1], msg=UTF8 + " (byte 0xc3", line=BASE.count("\n") + 1)
case(N + "overlong_encoding.yaml", raw=BASE.replace("Old town", "Old/town").encode().replace(b"Old/town", b"Old\xc0\xaftown"),
     msg=UTF8 + " (byte 0xc0", line=line_of(BASE, "Old town"))
case(N + "lone_continuation_byte.json", raw=BASE_JSON.encode().replace(b"Party B", b"Party \x80", 1), msg=UTF8 + " (byte 0x80",
     line=line_of(BASE_JSON, "Party B"))
case(N + "encoded_surrogate.yaml", raw=BASE.encode().replace(b"Old town", b"Old \xed\xa0\x80town"), msg=UTF8 + " (byte 0xed",
     line=line_of(BASE, "Old town"))
case(N + "control_character.yaml", sub("Old town", "Old\x07town"), msg="character U+0007 is not allowed", at="Old", column=len("    locality: Old") + 1)
case(N + "escape_character.yaml", sub("Party B\n", "\x1b[31mParty B\n"), msg="character U+001B is not allowed", at="\x1b")
case(N + "json_raw_control_character.json", sub("Old town", "Old\x07town"), msg="invalid JSON: Invalid control character",
     at="Old")
case(N + "json_lone_surrogate_escape.json", sub("Old town", "Old \\ud800town"), path="incident.place.locality",
     msg="surrogate")
case(N + "bom_utf8_is_fine.yaml", raw=b"\xef\xbb\xbf" + BASE.replace("Old town", "Vieille ville près").encode(),
     msg="", exit=0, errors=0, line=None)

# ----- YAML anchors and aliases (alias bombs)
B = "alias_bomb/"
ANCHOR, ALIAS = "YAML anchors (&name) are not allowed", "YAML aliases (*name) are not allowed"
laughs = "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]\n" for i in range(1, 10))
case(B + "billion_laughs.yaml", base=laughs, msg=ANCHOR, line=1, column=7)
case(B + "billion_laughs_inside_incident.yaml", sub("  summary: A fictional incident from which the bad-input cases are made.\n",
                                                    "  summary:\n" + "".join("    " + x + "\n" for x in laughs.splitlines())),
     msg=ANCHOR, at="lol0")
case(B + "anchor_on_scalar.yaml", sub("  title: Fictional air", "  title: &t Fictional air"), msg=ANCHOR, at="&t", column=10)
case(B + "alias_reuse.yaml", chain(sub("  summary: A fictional incident from which the bad-input cases are made.",
                                       "  summary: *t")), msg=ALIAS, at="*t", column=12)
case(B + "merge_key.yaml", sub("  defender: Party B\n", "  defender: Party B\n  <<: *base\n"), msg=ALIAS, at="<<", column=7)
case(B + "anchor_in_flow_list.yaml", sub("    sources: [S1]\n  place:", "    sources: [&s S1]\n  place:"), msg=ANCHOR,
     at="&s")
case(B + "anchor_on_mapping.yaml", sub("  civilians:\n    present:\n", "  civilians:\n    present: &p\n"), msg=ANCHOR, at="&p")
case(B + "quadratic_lists.yaml", base="a: &a [" + ", ".join(["x"] * 200) + "]\nb: [" + ", ".join(["*a"] * 200) + "]\n",
     msg=ANCHOR, line=1, column=4)

# ----- very deep nesting
X = "deep_nesting/"
DEEP = f"nesting deeper than {MAX_DEPTH} levels"
case(X + "flow_lists_50.yaml", put("incident.summary", "[" * 50 + "]" * 50), msg=DEEP, at="[[[")
case(X + "flow_lists_5000.yaml", put("incident.summary", "[" * 5000 + "]" * 5000), msg=DEEP, at="[[[")
case(X + "flow_mappings_100.yaml", put("incident.summary", "{a: " * 100 + "x" + "}" * 100), msg=DEEP, at="{a:")
case(X + "block_mappings_45.yaml", base="".join("  " * i + f"k{i}:\n" for i in range(45)) + "  " * 45 + "leaf\n",
     msg=DEEP, line=MAX_DEPTH + 1, column=2 * MAX_DEPTH + 1)  # the key k40 is at level 41
case(X + "block_lists_60.yaml", base="".join("  " * i + "-\n" for i in range(60)) + "  " * 60 + "leaf\n", msg=DEEP,
     line=MAX_DEPTH + 2)
case(X + "json_arrays_50.json", put("incident.summary", "[" * 50 + "]" * 50), msg=DEEP, line=None)
case(X + "json_arrays_5000.json", put("incident.summary", "[" * 5000 + "]" * 5000), msg=DEEP, line=None)
case(X + "json_objects_60.json", put("incident.summary", '{"a": ' * 60 + "1" + "}" * 60), msg=DEEP, line=None)
# incident.summary is at level 2: 39 nested lists put the innermost (empty) one at level 40, the limit
case(X + "at_the_limit_is_not_too_deep.yaml", put("incident.summary", "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)),
     path="incident.summary", msg="expected text, found a list")
case(X + "one_past_the_limit.yaml", put("incident.summary", "[" * MAX_DEPTH + "]" * MAX_DEPTH), msg=DEEP,
     at="[" * MAX_DEPTH, column=len("  summary: ") + MAX_DEPTH)
case(X + "json_at_the_limit_is_not_too_deep.json", put("incident.summary", "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)),
     path="incident.summary", msg="expected text, found a list")
case(X + "json_one_past_the_limit.json", put("incident.summary", "[" * MAX_DEPTH + "]" * MAX_DEPTH), msg=DEEP,
     line=None)

# ----- YAML tags other than the JSON types
G = "tags/"
NOTAG = "is not allowed; use plain text, numbers, true/false, lists and mappings"
for name, target, bad, tag in [
    ("set", "incident.attacker.states", "!!set {State A, State B}", "!!set"),
    ("binary", "incident.title", "!!binary RmljdGlvbmFs", "!!binary"),
    ("python_object", "incident.defender", "!!python/object:os.system {}", "!!python/object:os.system"),
    ("python_object_apply", "incident.defender", '!!python/object/apply:os.system ["echo pwned"]', "!!python/object/apply:os.system"),
    ("python_name", "incident.defender", "!!python/name:builtins.exit", "!!python/name:builtins.exit"),
    ("python_tuple", "incident.conflict.parties", "!!python/tuple [Party A, Party B]", "!!python/tuple"),
    ("omap", "incident.attacker.states", "!!omap [{a: 1}]", "!!omap"),
    ("pairs", "incident.attacker.states", "!!pairs [{a: 1}]", "!!pairs"),
    ("timestamp", "incident.when.date", "!!timestamp 2017-06-28", "!!timestamp"),
    ("local_include", "incident.summary", "!include summary.txt", "!include"),
    ("merge_tag", "incident.defender", "!!merge x", "!!merge"),
]:
    case(G + name + ".yaml", put(target, bad), path=target, msg=f"the YAML tag {tag} {NOTAG}")
# Explicit tags on the plain types are refused too: PyYAML reads "!!bool yes" as true, "!!null true" as
# null, and "!!bool 'y'" not at all. Only "!!str" written on a single value is allowed (it makes text).
for name, target, bad, tag in [
    ("int_tag_on_text", "incident.attack.weapon.munitions.value", '!!int "two"', "!!int"),
    ("int_tag_on_number", "incident.attack.weapon.munitions.value", "!!int 2", "!!int"),
    ("float_tag_on_text", "incident.place.latitude", "!!float north", "!!float"),
    ("bool_tag_quoted_y", "incident.civilians.present.value", "!!bool 'y'", "!!bool"),
    ("bool_tag_empty", "incident.civilians.present.value", '!!bool ""', "!!bool"),
    ("bool_tag_yes", "incident.attacker.attribution.value", "!!bool yes", "!!bool"),
    ("bool_tag_off", "incident.precautions.warning.given.value", "!!bool off", "!!bool"),
    ("bool_tag_true", "incident.attack.weapon.guided.value", "!!bool true", "!!bool"),
    ("null_tag_on_true", "incident.target.persons_are_fighters.value", "!!null true", "!!null"),
    ("str_tag_on_mapping", "incident.defender", "!!str {name: Party B}", "!!str"),
    ("str_tag_on_list", "incident.attacker.states", "!!str [State A]", "!!str"),
    ("map_tag", "incident.civilians.count_present.value", "!!map {min: 10, max: 20}", "!!map"),
    ("non_specific_tag", "incident.defender", "! 12", "!"),
    ("verbatim_str_tag", "incident.defender", "!<tag:yaml.org,2002:str> Party B", "!<tag:yaml.org,2002:str>"),
    ("local_tag_on_mapping", "incident.civilians.count_present.value", "!count {min: 10, max: 20}", "!count"),
]:
    case(G + name + ".yaml", put(target, bad), path=target, msg=f"the YAML tag {tag} {NOTAG}")
TAGDIR = "YAML %TAG directives are not allowed in incident files"
case(G + "tag_directive_bool.yaml", chain(put("incident.civilians.present.value", "!e!bool on"),
                                          lambda t: ("%TAG !e! tag:yaml.org,2002:\n---\n" + t, 0)),
     msg=TAGDIR, line=1, column=1)
case(G + "tag_directive_unused.yaml", lambda t: ("%TAG !e! tag:example.com,2024:\n---\n" + t, 0), msg=TAGDIR, line=1,
     column=1)
case(G + "tag_directive_redefines_str.yaml", chain(put("incident.defender", "!!str Party B"),
                                                   lambda t: ("%TAG !! tag:example.com,2024:\n---\n" + t, 0)),
     msg=TAGDIR, line=1, column=1)
case(G + "str_tag_is_fine.yaml", put("incident.title", "!!str 2017"), msg="", exit=0, errors=0, line=None)
case(G + "str_tag_in_flow_list_is_fine.yaml", put("incident.attacker.states", "[!!str France, United Kingdom]"), msg="",
     exit=0, errors=0, line=None)

# ----- text: control characters (as escapes: raw ones are refused by the reader), bidirectional
# overrides (they reorder what a reader sees) and blank text
X_ = "text/"
CTRL = "expected text without control characters (other than tab and line breaks) or bidirectional overrides, found "
BLANK = "expected text that is not blank (not only spaces or invisible characters), found "
for name, target, bad, msg in [
    ("escape_clear_screen", "incident.title", '"A\\x1b[2J"', CTRL + '"A\\u001b[2J" (U+001B at character 2)'),
    ("escape_colour_in_note", "incident.target.effective_contribution.note", '"Not \\e[31mestablished"',
     CTRL + '"Not \\u001b[31mestablished" (U+001B at character 5)'),
    ("nul_escape", "incident.place.name", '"Market\\0building"', "(U+0000 at character 7)"),
    ("bell_escape", "incident.defender", '"Party B\\a"', "(U+0007 at character 8)"),
    ("backspace_escape", "incident.summary", '"Fictional\\bincident"', "(U+0008 at character 10)"),
    ("form_feed_escape", "incident.object_struck.description", '"The market\\fbuilding"', "(U+000C at character 11)"),
    ("vertical_tab_escape", "incident.attacker.party", '"Party\\vA"', "(U+000B at character 6)"),
    ("delete_escape", "incident.place.country", '"Nowhere\\x7f"', "(U+007F at character 8)"),
    ("c1_csi_escape", "incident.conflict.name", '"Fictional\\x9b2Jconflict"', "(U+009B at character 10)"),
    ("next_line_escape", "incident.proportionality.expected_harm", '"Not\\Nrecorded."', "(U+0085 at character 4)"),
    ("escape_in_list_item", "incident.attacker.states", '["State\\x1bA"]', "(U+001B at character 6)"),
    ("escape_in_steps", "incident.precautions.verification.steps", '["Aerial\\x1b]0;pwned\\x07 surveillance"]',
     "(U+001B at character 7)"),
    ("escape_in_source_title", "sources.1.title", '"Fictional \\x1b[8mreport"', "(U+001B at character 11)"),
    ("escape_in_pseudonym", "sources.4.pseudonym", '"W\\x1b1"', "(U+001B at character 2)"),
    ("escape_in_account_held_by", "accounts.0.held_by", '"Party A\\x1b[2K"', "(U+001B at character 8)"),
    ("rlo_override", "incident.title", '"Strike on \\u202Eraeh\\u202C market"', "(U+202E at character 11)"),
    ("lre_embedding", "incident.place.locality", '"Old \\u202Atown"', "(U+202A at character 5)"),
    ("pdf_alone", "incident.summary", '"A fictional incident\\u202C"', "(U+202C at character 21)"),
    ("lri_isolate", "incident.place.name", '"Market \\u2066building\\u2069"', "(U+2066 at character 8)"),
    ("fsi_isolate_in_note", "incident.target.effective_contribution.note", '"Not \\u2068established"',
     "(U+2068 at character 5)"),
    ("pdi_in_source_author", "sources.0.title", '"Site visit\\u2069"', "(U+2069 at character 11)"),
    ("rlo_in_pseudonym", "sources.4.pseudonym", '"\\u202E1W"', "(U+202E at character 1)"),
    ("title_space", "incident.title", "' '", BLANK + '" "'),
    ("title_spaces_and_tab", "incident.title", '"  \\t "', BLANK + '"  \\t "'),
    ("title_zero_width_space", "incident.title", '"\\u200b"', BLANK + '"\\u200b"'),
    ("title_newlines", "incident.title", '"\\n\\n"', BLANK + '"\\n\\n"'),
    ("party_no_break_space", "incident.attacker.party", '"\\u00a0"', BLANK + '"\\u00a0"'),
    ("place_name_ideographic_space", "incident.place.name", '"\\u3000"', BLANK + '"\\u3000"'),
    ("country_byte_order_mark", "incident.place.country", '"\\ufeff"', BLANK + '"\\ufeff"'),
    ("description_zero_width_joiners", "incident.object_struck.description", '"\\u200d\\u200c\\u2060"',
     BLANK + '"\\u200d\\u200c\\u2060"'),
    ("pseudonym_space", "sources.4.pseudonym", "' '", BLANK + '" "'),
    ("pseudonym_zero_width_space", "sources.4.pseudonym", '"\\u200b"', BLANK + '"\\u200b"'),
    ("source_title_soft_hyphen", "sources.2.title", '"\\u00ad"', BLANK + '"\\u00ad"'),
    ("held_by_spaces", "accounts.0.held_by", "'   '", BLANK + '"   "'),
    ("state_blank", "incident.attacker.states", "[' ']", BLANK + '" "'),
    ("note_variation_selector", "incident.target.effective_contribution.note", '"\\ufe0f"', BLANK + '"\\ufe0f"'),
    ("position_hangul_filler", "incident.acknowledgements.0.position", '"\\u3164"', BLANK + '"\\u3164"'),
    ("claimed_braille_blank", "incident.target.claimed", '"\\u2800"', BLANK + '"\\u2800"'),
]:
    at_path = {"incident.attacker.states": "incident.attacker.states.0",
               "incident.precautions.verification.steps": "incident.precautions.verification.steps.0"}.get(target, target)
    case(X_ + name + ".yaml", put(target, bad), path=at_path, msg=msg)
for name, target, bad, msg in [
    ("json_nul_and_escape", "incident.title", '"A\\u0000B\\u001b[31mB"', CTRL + '"A\\u0000B\\u001b[31mB" (U+0000 at character 2)'),
    ("json_osc_title_sequence", "incident.summary", '"\\u001b]0;owned\\u0007A fictional incident"', "(U+001B at character 1)"),
    ("json_c1_control", "incident.place.locality", '"Old\\u0090town"', "(U+0090 at character 4)"),
    ("json_rlo_override", "incident.title", '"Strike \\u202e1gnp.exe"', "(U+202E at character 8)"),
    ("json_lri_in_account", "accounts.0.held_by", '"Party A\\u2066"', "(U+2066 at character 8)"),
    ("json_blank_title", "incident.title", '" "', BLANK + '" "'),
    ("json_zero_width_pseudonym", "sources.4.pseudonym", '"\\u200b\\u200b"', BLANK + '"\\u200b\\u200b"'),
]:
    case(X_ + name + ".json", put(target, bad), path=target, msg=msg)
case(X_ + "two_bad_texts.yaml", chain(put("incident.title", '"A\\x1b[2J"'), put("incident.place.name", "' '")),
     path="incident.place.name", msg=BLANK + '" "', errors=2)
# The warning is given, but its time is refused: the check "a warning given needs its time" reads the time,
# so it is not made (the one error is the time's own).
case(X_ + "escape_in_warning_time.yaml", chain(put("incident.precautions.warning.given.value", "true"),
                                               after("incident.precautions.warning.effective", 'time: "08\\x1b:00"')),
     path="incident.precautions.warning.time", msg="(U+001B at character 3)")
case(X_ + "control_in_unknown_key.yaml", after("incident.defender", '"de\\x1bfender": Party C'),
     path="incident.de\\u001bfender", at="de\\x1bfender", msg="unknown field 'de\\x1bfender'")
case(X_ + "tab_and_line_breaks_are_fine.yaml", put("incident.summary", '"A fictional\\tincident,\\r\\non two lines."'),
     msg="", exit=0, errors=0, line=None)
case(X_ + "marks_and_joiners_in_words_are_fine.yaml",
     put("incident.place.locality", '"Old town \\u200f(\\u0627\\u0644\\u0645\\u062f\\u064a\\u0646\\u0629)\\u200e, ca\\u0301fe\\u0301"'),
     msg="", exit=0, errors=0, line=None)

# ----- paths that are not incident files (folders, missing paths: see test_bad_input.py)
P = "paths/"
case(P + "notes.txt", msg="unsupported file type '.txt'; use .yaml, .yml or .json", line=None)
case(P + "incident.toml", raw=b"schema_version = 1\n", msg="unsupported file type '.toml'", line=None)
case(P + "no_extension", msg="unsupported file type '(none)'", line=None)
case(P + "incident.yaml.bak", msg="unsupported file type '.bak'", line=None)
case(P + "incidents.jsonl", raw=(json.dumps(BASE_DATA) + "\n").encode(), msg="unsupported file type '.jsonl'", line=None)
case(P + "upper_case_extension.YML", msg="", exit=0, errors=0, line=None)
DIRECTORY = "paths/directory.yaml"  # a folder named like an incident file (made below, with a README inside)


def write() -> None:
    for cls in CLASSES:
        shutil.rmtree(HERE / cls, ignore_errors=True)
    for c in CASES:
        target = HERE / c.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(c.data)
    folder = HERE / DIRECTORY
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README").write_text("A folder given where an incident file is expected (corpus case).\n")
    (HERE / "base.json").write_text(BASE_JSON, encoding="utf-8")
    expected = {c.name: c.expect for c in sorted(CASES, key=lambda c: c.name)}
    expected[DIRECTORY] = {"exit": 2, "errors": 1, "path": "", "line": None,
                           "message_contains": "is a directory, not an incident file", "severity": "error"}
    header = ("# Generated by make_corpus.py: every bad-input case and the problem it must give.\n"
              "# Format: see make_corpus.py. Do not edit by hand; edit make_corpus.py and re-run it.\n")
    (HERE / "expected.yaml").write_text(header + yaml.safe_dump(expected, sort_keys=False, allow_unicode=True, width=120),
                                        encoding="utf-8")
    counts = {cls: sum(1 for n in expected if n.startswith(cls + "/")) for cls in CLASSES}
    print(f"{len(expected)} cases: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    write()
