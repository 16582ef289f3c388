"""The ``ihl`` command line: parses arguments, calls :mod:`engine.api`, prints.

Exit codes: 0 success; 2 bad input (every problem listed with file, field path and line); 1 an
internal or engine error (named, with the incident and rule where known); 130, 143 and 129 when stopped
by Ctrl-C, SIGTERM or SIGHUP; 141 when standard output is closed by its reader (see :func:`main`).
"""

from __future__ import annotations

import json
import os
import stat
import sys
from enum import Enum
from pathlib import Path
from typing import Callable, List, Optional, TypeVar, get_args

# pydantic looks for plugins in the metadata of every installed package when it builds the first
# model: a twentieth of `ihl assess` on a warm machine, for plugins ihl never uses.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402 (after the setting above)
from rich.console import Console
from rich.markup import escape

from engine import __version__, api, compare
from engine.accounts import UnknownAccount
from engine.adapter import EngineFault
from engine.facts import AGGREGATES, AT_TIME
from engine.findings import DECIDED
from engine.load import InputError, Problem
from engine.output import OutputError
from engine.settings import DEFAULT_POSITION, Engine, Settings, SettingsError, from_options

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=(
        "Assess attacks in armed conflict against international humanitarian law.\n\n"
        "Reads an incident file (YAML or JSON; see docs/incident-format.md), applies the encoded rules "
        "on distinction, indiscriminate attacks, proportionality and precautions, and reports what the "
        "recorded facts indicate, with a trace back to the evidence and a draft legal memo. "
        "It is a drafting and review aid for a lawyer, never a verdict.\n\n"
        "Example: ihl memo examples/raqqa-2017/a1-aswad-2017-06-28.yaml"
    ),
)
# Examples shown under each command's --help (\b keeps click from rewrapping them)
EXAMPLES = {
    "validate": ['ihl validate examples/raqqa-2017/a1-aswad-2017-06-28.yaml', 'ihl validate incidents/*.yaml --format json   # for tools'],
    "assess": ['ihl assess examples/raqqa-2017/a1-aswad-2017-06-28.yaml', 'ihl assess examples/raqqa-2017/a1-aswad-2017-06-28.yaml --format json   # for tools', 'ihl assess examples/raqqa-2017/a1-aswad-2017-06-28.yaml --compare-positions', 'ihl assess examples/calibration/icc-katanga-bogoro.yaml --forum icty   # the elements of war crimes before an ICTY-style tribunal'],
    "trace": ['ihl trace examples/raqqa-2017/a1-aswad-2017-06-28.yaml', 'ihl trace examples/raqqa-2017/a1-aswad-2017-06-28.yaml --format html -o trace.html   # the trace explorer'],
    "memo": ['ihl memo examples/raqqa-2017/a1-aswad-2017-06-28.yaml -o memo.md', 'ihl memo examples/raqqa-2017/a1-aswad-2017-06-28.yaml --format docx -o memo.docx', 'ihl memo examples/raqqa-2017/a1-aswad-2017-06-28.yaml --position uk'],
    "init": ['ihl init my-incident.yaml   # then fill it in and run ihl validate'],
    "rules": ['ihl rules', 'ihl rules --format json --position us_dod'],
    "migrate": ['ihl migrate old.yaml -o new.yaml', 'ihl migrate old.yaml --in-place'],
    "schema": ['ihl schema > incident.schema.json'],
    "batch": ['ihl batch examples/ -o results.jsonl --summary summary.md', 'ihl batch incidents/ -o results.jsonl --memo-dir memos --jobs 2', 'ihl batch incidents/ -o results.jsonl --memo-dir memos --engine compiled   # a large batch: the same output, faster'],
    "import": ['ihl import airwars records/*.json -o incidents/ --report import-report.json', 'ihl import sheet filled-in.xlsx -o incidents/', 'ihl template blank.xlsx   # the sheet to fill in'],
    "template": ['ihl template blank.xlsx', 'ihl template blank.csv'],
    "triage": ['ihl triage incidents/', 'ihl triage incidents/ --format csv -o triage.csv --jobs 2'],
    "serve": ['export IHL_TOKEN=...   # or --token-file FILE', 'ihl serve --port 8000 --workers 2'],
    "what-if": ['ihl what-if examples/raqqa-2017/a1-aswad-2017-06-28.yaml --set precautions.warning.given=true --set precautions.warning.time=10:00'],
}


def _examples(command: str) -> str:
    """The ``--help`` epilog of ``command``: its examples, one per line."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[command])


out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

T = TypeVar("T")


class Format(str, Enum):
    text = "text"
    json = "json"


class TraceFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


class MemoFormat(str, Enum):
    md = "md"
    html = "html"
    docx = "docx"


MatchEngine = Enum("MatchEngine", [(name, name) for name in get_args(Engine)], type=str)  # typer needs an Enum


FILE = typer.Argument(..., help="Incident file (.yaml, .yml or .json).", show_default=False, metavar="FILE")
ACCOUNT = typer.Option(None, "--account", "-a", help="Assess only this account of the facts (see the file's 'accounts').")
FORMAT = typer.Option(Format.text, "--format", "-f", help="text for people, json for tools (stable, diffable).")
POSITION = typer.Option(DEFAULT_POSITION, "--position", "-p",
                        help="Interpretive position where states and the ICRC read the law differently "
                             "(rules/positions/: icrc, us_dod, uk).")
PARAM = typer.Option([], "--param", help="NAME=VALUE: override a parameter of rules/parameters/ for this run. Repeatable.")
FORUM = typer.Option(None, "--forum", show_default=False,
                     help="Set out the elements of war crimes before this forum (rules/forums/: icc, the ICC; icty, the "
                          "ICTY's standard, where wilfulness includes recklessness). Without it they are not assessed.")


def _settings(position: str, params: list[str], forum: Optional[str] = None) -> Settings:
    """The run's settings from the command line. Raises :class:`SettingsError` (bad input, exit 2)."""
    return from_options(position, params, forum)


def _problems(problems: list[Problem], fmt: Format) -> None:
    if fmt is Format.json:
        sys.stdout.write(json.dumps({"errors": [p.as_dict() for p in problems]}, indent=2, ensure_ascii=False) + "\n")
    else:
        for p in problems:
            err.print(str(p), markup=False)


def _guard(fmt: Format, call: Callable[[], T]) -> T:
    """Run ``call``; turn known failures into messages and exit codes (2 bad input, 1 engine/internal)."""
    try:
        return call()
    except InputError as exc:
        _problems(exc.problems, fmt)
        raise typer.Exit(2) from None
    except SettingsError as exc:
        if fmt is Format.json:
            _problems([Problem("", None, None, "--position/--param/--forum", str(exc))], fmt)
        else:
            err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    except UnknownAccount as exc:
        if fmt is Format.json:
            _problems([Problem("", None, None, "--account", str(exc))], fmt)
        else:
            err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    except EngineFault as exc:
        where = f" (rule {exc.rule})" if exc.rule else ""
        err.print(f"engine error{where}: {exc}. No finding was reported for this incident.", markup=False)
        raise typer.Exit(1) from None
    except OutputError as exc:  # where to write is the user's input too
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    except BrokenPipeError:  # standard output closed by its reader: answered by main(), no error
        raise
    except OSError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None
    except Exception as exc:  # a defect in the engine, not in the input
        err.print(f"internal error: {type(exc).__name__}: {exc}", markup=False)
        raise typer.Exit(1) from None


def _version(value: bool) -> None:
    if value:
        out.print(f"ihl-engine {__version__}", markup=False)
        raise typer.Exit(0)


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Assess attacks in armed conflict against international humanitarian law."""


STATUS_STYLE = {
    "violation_indicated": "bold red",
    "no_violation_indicated": "green",
    "inconclusive": "yellow",
    "not_applicable": "dim",
}


@app.command(epilog=_examples("validate"))
def validate(
    files: List[Path] = typer.Argument(..., help="One or more incident files.", show_default=False),
    fmt: Format = FORMAT,
) -> None:
    """Check incident files against the format; list every problem with its line. Exit 2 if any fails."""
    failed = False
    report = []
    for path in files:
        try:
            loaded = api.load(path)
        except InputError as exc:
            failed = True
            report.append({"file": api.shown(path), "ok": False, "problems": [p.as_dict() for p in exc.problems]})
            if fmt is Format.text:
                _problems(exc.problems, fmt)
            continue
        report.append({"file": api.shown(path), "ok": True, "problems": [p.as_dict() for p in loaded.warnings]})
        if fmt is Format.text:
            for w in loaded.warnings:
                err.print(str(w), markup=False)
            n = len(loaded.warnings)  # said on the ok line too: the warnings went to standard error
            warned = f" ({n} warning{'s' if n > 1 else ''}: read {'them' if n > 1 else 'it'} above)" if n else ""
            out.print(f"ok {api.shown(path)}{warned}", markup=False)
    if fmt is Format.json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    raise typer.Exit(2 if failed else 0)


@app.command(epilog=_examples("assess"))
def assess(
    file: Path = FILE,
    account: Optional[str] = ACCOUNT,
    fmt: Format = FORMAT,
    position: str = POSITION,
    param: List[str] = PARAM,
    compare_positions: bool = typer.Option(
        False, "--compare-positions", help="Assess under every position and show the findings that change."),
    forum: Optional[str] = FORUM,
) -> None:
    """Print one finding per legal question (status, basis, citations, key and missing facts), then the
    elements of each war crime for the forum selected (--forum; without it, a line says they were not
    assessed)."""
    run = _guard(fmt, lambda: _settings(position, param, forum))
    loaded = _guard(fmt, lambda: api.load(file))
    if compare_positions:
        result = _guard(fmt, lambda: api.compare_positions(loaded, account, run))
        if fmt is Format.json:
            sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
            return
        _print_positions(result)
        return
    assessments = _guard(fmt, lambda: api.assess(loaded, account, run))
    if fmt is Format.json:
        sys.stdout.write(api.to_json(assessments))
        return
    shown = api.source_labels(loaded)
    for a in assessments:
        _print_assessment(a, shown)
    if len(assessments) > 1:
        _print_divergence(assessments)
        _print_account_facts(compare.account_facts(loaded.file), shown)


def _print_positions(result: dict) -> None:
    names = [p["position"] for p in result["positions"]]
    out.print(f"[bold]Findings under each position[/] ({' | '.join(names)}; compared with {escape(result['base'])})")
    for view in result["views"]:
        if view["account"]:
            out.print(f"account: {view['account']}", markup=False)
        for finding_id, row in view["rows"].items():
            cells = " | ".join(row[n] for n in names)
            mark = "  ◆ differs" if finding_id in view["differs"] else ""
            out.print(f"  {finding_id}: {cells}{mark}", markup=False)
        if not view["differs"]:
            out.print("  No finding changes between the positions.", markup=False)
    out.print()
    for p in result["positions"]:
        readings = ", ".join(f"{k}={v}" for k, v in p["readings"].items())
        out.print(f"{p['position']}: {p['position_title']} ({readings})", markup=False)


def _cites(ids: list[str], shown: dict[str, str]) -> str:
    """Source ids as people see them (witnesses by pseudonym)."""
    return ", ".join(shown.get(i, i) for i in ids)


def _print_assessment(a: api.Assessment, shown: dict[str, str]) -> None:
    account = f"  \\[account: {escape(a.account)} — {escape(a.account_held_by or '')}]" if a.account else ""
    out.print(f"[bold]{escape(a.incident_id)}[/]: {escape(a.title)}{account}")
    law = a.law
    out.print(f"  conflict: {law['classification'] or 'classification unknown'}", markup=False)
    for i in law["instruments"]:
        out.print(f"  {i['instrument']}: {i['reason']}", markup=False)
    settings = a.settings
    out.print(f"  position: {settings['position']} ({settings['position_title']})", markup=False)
    for p in settings["parameters"]:
        if p["set_by"] != "file":
            out.print(f"  parameter: {p['name']} = {p['value']:g} {p['unit']} (set by the {p['set_by']})", markup=False)
    for f in a.findings:
        out.print(f"\n[bold]{f.id}[/] — {f.title}")
        out.print(f"  status:  [{STATUS_STYLE[f.status]}]{f.status}[/]")
        if f.concerns:
            out.print(f"  pass:    {f.concerns}", markup=False)
        if f.status != "inconclusive":  # an open finding concludes nothing: it has no basis to show
            out.print(f"  basis:   {f.basis.replace('_', ' ')}", markup=False)
            if f.rebuttable_by:
                out.print("  rebuttable by: " + ", ".join(f.rebuttable_by), markup=False)
        out.print("  cites:   " + "; ".join(c.label for c in f.citations), markup=False)
        ev = f.evidence
        if ev is not None and f.status in DECIDED:
            reached = f"meets: {ev.standard_label}" if ev.standard_label else "meets no standard of proof"
            out.print(f"  evidence: {ev.level_label}; {reached} (weakest: {', '.join(ev.weakest_facts)})", markup=False)
        trace = a.trace_of(f)
        for fact_id in f.key_facts:
            rec = trace.facts[fact_id]
            value = json.dumps(rec.value, ensure_ascii=False) if rec.status == "known" else rec.status
            srcs = f" [{_cites(rec.sources, shown)}]" if rec.sources else " [no source]"
            out.print(f"  fact:    {fact_id} = {value}{srcs}", markup=False)
        for fact_id in f.missing_facts:
            out.print(f"  missing: {fact_id}", style="yellow", markup=False)
    for e in a.either_or:
        verdict = "a violation indicated on either hypothesis" if e.conclusion == "unlawful_on_either_hypothesis" else "no either-or conclusion"
        out.print(f"\n[bold]Either-or[/] — {escape(e.title)}: {verdict}")
        if e.conclusion == "none":
            out.print(f"  why: {e.reason}", markup=False)
        for b in e.branches:
            found = "; ".join(f"{v['finding']} ({v['basis'].replace('_', ' ')})" for v in b.violations) or b.status.replace("_", " ")
            out.print(f"  if {b.words}: {found}", markup=False)
    _print_crimes(a)
    out.print()


def _print_crimes(a: api.Assessment) -> None:
    """The elements of each war crime for the forum applied; never "committed". Without a forum, the
    one line saying they were not assessed."""
    settings = a.settings
    if settings["forum"] is None:
        out.print(f"\n{settings['forum_note']}", markup=False)
        return
    out.print(f"\n[bold]Elements of war crimes[/] — forum: {escape(settings['forum'])} ({escape(settings['forum_title'])})")
    out.print(f"  standard of proof: {settings['forum_standard_of_proof']}", markup=False)
    for c in a.crimes or []:
        out.print(f"\n[bold]{c.id}[/] — {escape(c.title)} ({escape(c.statute)})")
        out.print(f"  status:  {c.status}", markup=False)
        if c.reason:
            out.print(f"  why:     {c.reason}", markup=False)
            continue
        if c.jurisdiction:
            out.print(f"  jurisdiction: {c.jurisdiction}", markup=False)
        for e in c.elements:
            basis = f", {e.basis.replace('_', ' ')}" if e.basis != "established" and e.status != "not_shown" else ""
            out.print(f"  {e.status.replace('_', ' ')} ({e.kind}{basis}): {e.title}", markup=False)
            if e.status != "shown":
                out.print(f"    to show it: {e.proof}", style="yellow", markup=False)


def _print_divergence(assessments: list[api.Assessment]) -> None:
    names = [a.account or "base" for a in assessments]
    out.print(f"[bold]Accounts side by side[/] ({' | '.join(names)})")
    diverging = {d.finding: d for d in compare.divergences(assessments)}
    for i, f in enumerate(assessments[0].findings):
        statuses = " | ".join(f"[{STATUS_STYLE[a.findings[i].status]}]{a.findings[i].status}[/]" for a in assessments)
        mark = "  [bold]◆ diverges[/]" if f.id in diverging else ""
        out.print(f"  {f.id}: {statuses}{mark}")
        if f.id in diverging:
            for d in diverging[f.id].driving_facts:
                out.print(f"      driven by {d.fact}:", markup=False)
                for n, v in d.values.items():
                    note = f" — {d.notes[n]}" if d.notes[n] else ""
                    out.print(f"        {n}: {v}{note}", markup=False)


def _print_account_facts(by_account: dict[str, list[compare.AccountFact]], shown: dict[str, str]) -> None:
    out.print("\n[bold]What each account states, and how well its sources support it[/]")
    for name, rows in by_account.items():
        out.print(f"  {name}:", markup=False)
        for r in rows:
            value = "unknown" if r.value is None else json.dumps(r.value, ensure_ascii=False)
            out.print(f"    {r.fact} = {value}  [{_cites(r.sources, shown) or 'no source'}: {r.level_label}]", markup=False)


@app.command(epilog=_examples("trace"))
def trace(
    file: Path = FILE,
    account: Optional[str] = ACCOUNT,
    fmt: TraceFormat = typer.Option(TraceFormat.text, "--format", "-f", help="text for people, json for tools, html for the trace explorer (one self-contained page)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the trace (html or json) to this file (atomically) instead of printing it; - prints it."),
    position: str = POSITION,
    param: List[str] = PARAM,
    forum: Optional[str] = FORUM,
) -> None:
    """Show the derivation: each rule, its outcome, the facts it matched (with sources), what is unknown;
    the elements of war crimes with --forum."""
    errors = Format.json if fmt is TraceFormat.json else Format.text
    run = _guard(errors, lambda: _settings(position, param, forum))
    loaded = _guard(errors, lambda: api.load(file))
    if fmt is TraceFormat.text:
        if output is not None:
            err.print("error: --output is for --format html or json; the text trace prints to the terminal", markup=False)
            raise typer.Exit(2)
        _print_trace(loaded, account, run)
        return
    _guard(errors, lambda: api.check_output(output, protect=[file]))
    text = _guard(errors, lambda: api.trace_html(loaded, account, run) if fmt is TraceFormat.html
                  else api.to_json(api.assess(loaded, account, run), trace=True))
    _emit(file, output, text, "trace")


def _print_trace(loaded, account: Optional[str], run) -> None:
    assessments = _guard(Format.text, lambda: api.assess(loaded, account, run))
    shown = api.source_labels(loaded)
    for a in assessments:
        out.print(f"[bold]{escape(a.incident_id)}[/]" + (f" \\[account: {escape(a.account)}]" if a.account else ""))
        for f in a.findings:
            basis = "" if f.status == "inconclusive" else (
                f" ({f.basis.replace('_', ' ')}" + (f"; rebuttable by {', '.join(f.rebuttable_by)})" if f.rebuttable_by else ")"))
            out.print(f"  [bold]{f.id}[/] → [{STATUS_STYLE[f.status]}]{f.status}[/]{escape(basis)}")
            if f.concerns:
                out.print(f"    pass: {f.concerns}", markup=False)
            _print_node(a.trace_of(f), f.id, 2, shown)
        for p in a.passes:
            out.print(f"  [bold]{escape(p.name)}[/], {escape(p.judged_on)}:")
            for f in p.findings:
                out.print(f"    {f.id} → {f.status}", markup=False)
        if a.settings["forum"] is None:
            out.print(f"  {a.settings['forum_note']}", markup=False)
        for c in a.crimes or []:  # never "committed": the elements' status, derived like a finding
            out.print(f"  [bold]{c.id}[/] → {c.status} (forum: {escape(c.forum)})")
            _print_node(a.trace, c.id, 2, shown)
        out.print()


def _emit(file: Path, output: Optional[str], data: str | bytes, what: str) -> None:
    """Write ``data`` to ``output`` (None or ``-``: standard output) through the output policy, never
    over ``file``."""
    _guard(Format.text, lambda: api.write(output, data, protect=[file]))
    if not api.is_stdout(output):
        err.print(f"{what} written to {api.shown(output)}", markup=False)


def _print_node(tr, rule_id: str, depth: int, shown: dict[str, str]) -> None:
    """One rule's explanation and premises, indented two spaces per level (stable, diffable text)."""
    pad = "  " * depth
    node = tr.node(rule_id)
    out.print(f"{pad}[italic]{escape(node.explanation)}[/]")
    for p in node.premises:
        if p.kind == "rule":
            out.print(f"{pad}rule {p.id} = {p.status}", markup=False)
            _print_node(tr, p.id, depth + 1, shown)
            continue
        fact = tr.facts[p.id]
        # Show the value where the status alone does not (numbers, categories; an ex ante twin's fact).
        value = "" if fact.value is None or p.status == json.dumps(fact.value) else f" (recorded: {json.dumps(fact.value, ensure_ascii=False)})"
        srcs = f" sources: {_cites(fact.sources, shown)}" if fact.sources else " no source"
        # A fact read from a list (the releases of an attack, its alternatives) says how it was read: which
        # release decided it, with what the attacker knew before it.
        read = fact.note if fact.id.removesuffix(AT_TIME) in AGGREGATES else None
        extra = "".join(f" — {x}" for x in (fact.excluded, fact.inferred, read) if x)
        style = "yellow" if p.status == "unknown" else "cyan"
        out.print(f"{pad}fact {p.id} = {p.status}{value}  [{fact.path}]{srcs}{extra}", style=style, markup=False)
    # Exclusions of facts this rule cites but did not need (those of cited rules are shown under them).
    shown_below = {p.id for p in node.premises} | {x for p in node.premises if p.kind == "rule" for x in tr.node(p.id).excluded}
    for fact_id in node.excluded:
        if fact_id not in shown_below and tr.facts[fact_id].excluded:
            out.print(f"{pad}not used: {fact_id} — {tr.facts[fact_id].excluded}", style="magenta", markup=False)


@app.command(epilog=_examples("memo"))
def memo(
    file: Path = FILE,
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the memo to this file (atomically) instead of printing it; - prints it."),
    account: Optional[str] = ACCOUNT,
    fmt: Optional[MemoFormat] = typer.Option(None, "--format", "-f", show_default=False, help="md (Markdown), html (one self-contained page) or docx (Word; needs --output). Default: from the --output file's ending (.docx, .html), else md."),
    position: str = POSITION,
    param: List[str] = PARAM,
    forum: Optional[str] = FORUM,
) -> None:
    """Render the draft legal memo: conclusion, findings, facts, applicable law, analysis, elements of war
    crimes for the forum selected (--forum; without it, a line says they were not assessed), open
    questions."""
    ending = {".docx": MemoFormat.docx, ".html": MemoFormat.html, ".htm": MemoFormat.html, ".md": MemoFormat.md}.get(
        os.path.splitext(output or "")[1].lower())
    if fmt is not None and ending is not None and fmt is not ending:
        kind = {"md": "Markdown", "html": "HTML", "docx": "Word"}[ending.value]
        err.print(f"error: --format {fmt.value} but {api.shown(output)} is named as a {kind} file, which it would "
                  f"not be; use --format {ending.value}, or another file name", markup=False)
        raise typer.Exit(2)
    fmt = fmt or ending or MemoFormat.md
    if fmt is MemoFormat.docx and output is None:
        err.print("error: a Word memo is a binary file; give --output FILE (e.g. -o memo.docx, or - for stdout)", markup=False)
        raise typer.Exit(2)
    run = _guard(Format.text, lambda: _settings(position, param, forum))
    _guard(Format.text, lambda: api.check_output(output, protect=[file]))
    data = _guard(Format.text, lambda: api.memo(api.load(file), account, run, fmt.value))
    _emit(file, output, data, "memo")


@app.command(epilog=_examples("init"))
def init(
    output: Path = typer.Argument(..., help="The new incident file to write (.yaml).", show_default=False, metavar="FILE"),
) -> None:
    """Write a commented skeleton incident file: every section, each unknown fact null with a hint."""
    _guard(Format.text, lambda: api.write(output, api.skeleton(), new=True))
    err.print(f"skeleton written to {api.shown(output)}; fill it in, then run: ihl validate FILE", markup=False)


@app.command(epilog=_examples("rules"))
def rules(fmt: Format = FORMAT, position: str = POSITION, param: List[str] = PARAM) -> None:
    """List the encoded rules with their legal questions and citations; the rebuttable presumptions
    with what they presume, what rebuts them and the parameters they use; and the parameter values."""
    run = _guard(fmt, lambda: _settings(position, param))
    book = _guard(fmt, lambda: api.rules(run))
    if fmt is Format.json:
        sys.stdout.write(json.dumps(api.rules_data(book), indent=2, ensure_ascii=False) + "\n")
        return
    from rich.table import Table  # imported by the commands that print a table only, not at every start

    table = Table(show_lines=True)
    table.add_column("Rule", overflow="fold", min_width=24)
    table.add_column("Question", overflow="fold")
    table.add_column("Citations", overflow="fold")
    table.add_column("Applies in", overflow="fold")
    for p in book.principles:
        for r in p.rules:
            name = f"{r.id}\n{r.title}" + ("\n(finding)" if r.finding else "") + ("\n(presumption)" if r.presumes else "") \
                + ("\n[contested]" if r.contested else "")
            question = " ".join(r.question.split())
            if r.presumes:
                question += f"\nPresumes: {r.presumes.id} = {json.dumps(r.presumes.value)}\nRebutted by: {' '.join(r.rebuttal.split())}"
            if book.parameters_of[r.id]:
                question += "\nParameters: " + ", ".join(book.parameters_of[r.id])
            cites = "\n".join(c.label() + ("" if c.verified else " (unverified)") for c in r.citations)
            table.add_row(escape(name), escape(question), escape(cites), ", ".join(r.applies_in))
    out.print(table)
    params = Table(title=f"Parameters (position: {book.settings.position})", show_lines=True)
    for column in ("Parameter", "Value", "Set", "Reference"):
        params.add_column(column, overflow="fold")
    for v in book.settings.parameters:
        set_on = v.date if v.set_by == "file" else f"by the {v.set_by}"
        params.add_row(escape(f"{v.name}\n{v.description}"), f"{v.value:g} {v.unit}", set_on, escape(" ".join(v.reference)))
    out.print(params)


@app.command(epilog=_examples("migrate"))
def migrate(
    file: Path = FILE,
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the migrated file here (atomically) instead of printing it; - prints it."),
    in_place: bool = typer.Option(False, "--in-place", help="Replace FILE with the migrated file (atomically)."),
) -> None:
    """Rewrite an incident file in the newest format version (schema_version 2), keeping its comments."""
    if output is not None and in_place:
        err.print("error: give --output or --in-place, not both", markup=False)
        raise typer.Exit(2)
    target, protect = (file, []) if in_place else (output, [file])
    _guard(Format.text, lambda: api.check_output(target, protect=protect))
    text = _guard(Format.text, lambda: api.migrate(file))
    _guard(Format.text, lambda: api.write(target, text, protect=protect))


@app.command(epilog=_examples("schema"))
def schema() -> None:
    """Print the JSON Schema of the incident file format."""
    sys.stdout.write(json.dumps(api.schema(), indent=2, ensure_ascii=False) + "\n")


@app.command(epilog=_examples("batch"))
def batch(
    paths: List[Path] = typer.Argument(..., help="Incident files, folders (searched recursively for .yaml, .yml, .json) or .jsonl files (one incident file as JSON per line).", show_default=False),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the JSONL results to this file (atomically) instead of printing them; - prints them."),
    memo_dir: Optional[Path] = typer.Option(None, "--memo-dir", help="Write one draft memo per incident into this folder, named by its incident id (<id>.md). A memo of an earlier run is replaced; a file of that name that is not a memo is kept, and that incident's memo is not written (its error)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes. Each incident runs in a worker, so an engine crash loses only that incident."),
    summary_file: Optional[Path] = typer.Option(None, "--summary", help="Also write the summary to this file: .csv or .md (Markdown)."),
    forum: Optional[str] = FORUM,
    engine: MatchEngine = typer.Option(MatchEngine.durable_rules, "--engine", help="What matches each incident's facts against the encoded rules: durable_rules (the default, the rules engine the project is built on) or compiled (the engine's own plain-Python matcher of the same rules). The findings, JSONL, summary and memos are the same, byte for byte: every run of the project's test suite checks the two against each other. compiled is faster, for large batches (2,000 files with memos: 50 s against 71 s in the seventh benchmark run; bench/README.md). Nothing in the output says which was used, since nothing differs."),
) -> None:
    """Assess many incidents: JSONL (one line per incident and account) and a summary of the patterns.

    Bad files are reported and skipped. Exit 0 if all were assessed, 2 if some input was bad, 1 if the
    engine failed or crashed on some incident (everything else is still written).
    """
    from engine import batch as batching

    if summary_file is not None:
        # the files themselves: a link named like a summary may point at one
        read = _guard(Format.text, lambda: batching.inputs(paths))
        if summary_file.suffix.lower() not in (".csv", ".md"):
            err.print(f"error: --summary {summary_file}: the file must end in .csv or .md", markup=False)
            raise typer.Exit(2)
        if not api.is_stdout(output) and os.path.realpath(output) == os.path.realpath(summary_file):
            err.print(f"error: --summary {api.shown(summary_file)} is also the --output file: the summary would "
                      "replace the results; name two files", markup=False)
            raise typer.Exit(2)
        # not inside the memo folder, where a memo named by its incident (``summary.md``) could replace it
        _guard(Format.text, lambda: api.check_output(summary_file, protect=read, reserved=[memo_dir] if memo_dir else []))

    summary = _guard(Format.text, lambda: api.batch(
        paths, jobs=jobs, memo_dir=memo_dir, output=output, stream=sys.stdout if output is None else None, forum=forum,
        engine=engine.value,
        report=lambda line: err.print(line, markup=False, soft_wrap=True), progress=sys.stderr.isatty()))
    batching.print_summary(summary, sys.stderr if api.is_stdout(output) else sys.stdout)
    if summary_file is not None:
        text = batching.summary_text(summary, summary_file.suffix.lower().lstrip("."))
        _guard(Format.text, lambda: api.write(summary_file, text, protect=read))
    raise typer.Exit(summary.exit_code)


class ImportFormat(str, Enum):
    airwars = "airwars"
    acled = "acled"
    sheet = "sheet"


@app.command("import", epilog=_examples("import"))
def import_(
    fmt: ImportFormat = typer.Argument(..., metavar="FORMAT", help="airwars (JSON records), acled (CSV export) or sheet (the template, .csv or .xlsx)."),
    paths: List[Path] = typer.Argument(..., help="Files or folders of records.", show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for one incident file per record (<id>.yaml), or a .jsonl file."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write the import report (JSON) here: what was filled, not mapped, or wrong, per record."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace incident files that already exist (by default they are kept: they may have been edited)."),
) -> None:
    """Turn records kept by monitors (Airwars-style JSON, ACLED CSV) or the spreadsheet template into
    skeleton incident files: observations and sources only, everything else unknown.

    Prints what could not be mapped. Exit 0 if every record was imported, 2 if some record was bad
    (the others are still written; each problem names file, row, column and field).
    """
    results = _guard(Format.text, lambda: api.import_records(fmt.value, paths))
    written = _guard(Format.text, lambda: api.write_skeletons(results, output, overwrite=overwrite, protect=paths))
    data = api.import_report(results)
    if report is not None:
        _guard(Format.text, lambda: api.write(report, json.dumps(data, indent=2, ensure_ascii=False) + "\n", protect=paths))
    bad = [r for r in results if r.problems]
    for r in bad:
        for p in r.problems:
            err.print(str(p), markup=False)
    if data["unmapped"]:
        from rich.table import Table

        table = Table(title="Not mapped", title_justify="left")
        table.add_column("Field of the record", overflow="fold")
        table.add_column("Why", overflow="fold")
        table.add_column("Records", justify="right")
        for u in data["unmapped"]:
            table.add_row(escape(u["field"]), escape(u["reason"]), str(u["records"]))
        err.print(table)
    imported = sum(1 for r in results if r.data is not None)
    err.print(f"{len(results)} record(s): {imported} imported, {len(bad)} refused; {len(written)} file(s) written to {output}", markup=False)
    raise typer.Exit(2 if bad else 0)


@app.command(epilog=_examples("template"))
def template(
    output: Path = typer.Argument(..., metavar="FILE", help="Where to write the template: .xlsx for a workbook, .csv otherwise."),
) -> None:
    """Write the blank spreadsheet template (one row per incident) that `ihl import sheet` reads back."""
    _guard(Format.text, lambda: api.sheet_template(output))
    err.print(f"template written to {output}", markup=False)


class TriageFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command(epilog=_examples("triage"))
def triage(
    paths: List[Path] = typer.Argument(..., help="Incident files, folders or .jsonl files (e.g. the output of ihl import).", show_default=False),
    fmt: TriageFormat = typer.Option(TriageFormat.text, "--format", "-f", help="text (a table), json or csv."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the json or csv here (atomically) instead of printing it."),
    grading: List[str] = typer.Option([], "--grading", help="Keep only incidents a monitor graded so (e.g. Fair, Confirmed: Airwars' grading of the civilian-harm claim). Repeatable."),
    top: int = typer.Option(50, "--top", min=1, help="Rows shown in the text table."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
) -> None:
    """Rank incidents by how close they are to an assessable file: the findings their facts already
    decide, those one fact away (and which fact), and what to collect next (docs/triage.md).

    Exit 0, or 2 if some input was bad (it is reported and left out of the ranking).
    """
    if fmt is TriageFormat.text and output is not None:
        err.print("error: --output is for --format json or csv; the table prints to the terminal", markup=False)
        raise typer.Exit(2)
    rows = _guard(Format.text, lambda: api.triage(paths, jobs=jobs, grading=grading,
                                                  report=lambda line: err.print(line, markup=False)))
    ranked = [r for r in rows if not r.problems]
    if fmt is TriageFormat.text:
        # One line per incident at 80 columns: counts never wrap, an incident id (up to 40 characters) is
        # never cut, and the facts to collect are cut with an ellipsis where the terminal is narrow (CSV
        # and JSON list them all).
        from rich import box
        from rich.table import Table

        table = Table(title="Incidents closest to an assessable file", title_justify="left", box=box.SIMPLE_HEAD,
                      collapse_padding=True, pad_edge=False)
        shown = ranked[:top]
        cells = [[str(rank), escape(r.incident or ""), str(len(r.decided)), str(len(r.one_fact_away)), str(len(r.open)),
                  escape(r.grading or ""), escape(", ".join(f"{_fact_words(f)} ({n})" for f, n in r.collect[:3]) or "—")]
                 for rank, r in enumerate(shown, start=1)]
        used = 0
        for i, (name, justify) in enumerate((("#", "right"), ("Incident", "left"), ("Decided", "right"),
                                             ("1 away", "right"), ("Open", "right"), ("Grading", "left"))):
            width = min(max([len(name), *(len(row[i]) for row in cells)]), 40)
            table.add_column(name, justify=justify, no_wrap=True, min_width=width)
            used += width + 2  # the column and the divider, its padding collapsed
        table.add_column("Collect first (n decided)", no_wrap=True, overflow="ellipsis",
                         max_width=max(12, out.width - used))
        for row in cells:
            table.add_row(*row)
        out.print(table, soft_wrap=False)
        out.print(f"{len(ranked)} incident(s) ranked; {len(rows) - len(ranked)} bad input(s).\n"
                  "Ranked by findings decided, then findings one fact away (1 away),\n"
                  "then fewest facts to collect (docs/triage.md).", markup=False)
    else:
        text = api.triage_csv(rows) if fmt is TriageFormat.csv else json.dumps([r.as_dict() for r in rows], indent=2, ensure_ascii=False) + "\n"
        _guard(Format.text, lambda: api.write(output, text, protect=paths))
    raise typer.Exit(2 if len(ranked) < len(rows) else 0)


@app.command(epilog=_examples("serve"))
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. The default takes connections from this machine only."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    token_file: Optional[Path] = typer.Option(None, "--token-file", help="File holding the access token (else the environment variable IHL_TOKEN). The token itself is never an option: a command line is visible to every user of the machine."),
    workers: int = typer.Option(2, "--workers", min=1, help="Worker processes: assessments run at once."),
    timeout: float = typer.Option(60.0, "--timeout", min=1.0, help="Seconds a request may wait for a worker, and again to be answered; past it the worker is stopped and replaced (HTTP 504)."),
    waiting: int = typer.Option(32, "--waiting", min=0, help="Requests that may wait for a worker; past it HTTP 503."),
) -> None:
    """Serve the HTTP API and the review page for a team (docs/serve.md): open http://127.0.0.1:8000/.
    Every route but /health needs the access token. Stop with Ctrl-C."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"warning: listening on {host}: other machines can reach the server; put it behind TLS", markup=False)
    try:
        api.serve(host, port, token_file, workers=workers, timeout=timeout, waiting=waiting)
    except (ValueError, OSError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None


@app.command("what-if", epilog=_examples("what-if"))
def what_if(
    file: Path = FILE,
    changes: List[str] = typer.Option(
        [], "--set", "-s", help="PATH=VALUE: any fact or field of the incident, e.g. -s precautions.warning.given=true -s precautions.warning.time=08:00 (null makes a fact unknown). Repeatable."
    ),
    account: Optional[str] = ACCOUNT,
    fmt: Format = FORMAT,
    position: str = POSITION,
    param: List[str] = PARAM,
) -> None:
    """Re-assess with facts changed and show which findings flip; list the unknown facts that would
    decide each inconclusive finding on their own, with the value that would. A PATH may name a fact
    (civilians.present) or what the attacker knew of it (civilians.present.attacker_knowledge)."""
    settings = _guard(fmt, lambda: _settings(position, param))

    def run():
        return api.what_if_assignments(api.load(file), changes, account, settings)

    result = _guard(fmt, run)
    if fmt is Format.json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return
    for view in result["views"]:
        if view["account"]:
            out.print(f"[bold]Account {view['account']}[/]")
        out.print("[bold]Findings that flip[/]" if view["flips"] else "No finding changes status.")
        for flip in view["flips"]:
            out.print(f"  {flip['finding']}: {flip['before']} → {flip['after']}", markup=False)
        out.print("[bold]Unknown facts that would decide each inconclusive finding on their own[/]")
        for finding_id, deciding in view["decisive"].items():
            shown = "; ".join(f"{_fact_words(d['fact'])} = {json.dumps(d['value'])} → {d['status']}" for d in deciding) \
                if deciding else "no single fact; several are needed together"
            out.print(f"  {finding_id}: {shown}", markup=False)
        out.print()


def _fact_words(fact_id: str) -> str:
    """An element fact id as a user can act on it (an ex ante twin names the knowledge to record)."""
    base, at, _ = fact_id.partition(AT_TIME)
    return f"{base}.attacker_knowledge" if at else fact_id


class Stopped(BaseException):
    """The process was told to stop (SIGINT, SIGTERM, SIGHUP): raised in the main thread so that every
    ``finally`` and ``with`` runs (no temporary file is left behind); a ``BaseException`` so that no
    ``except Exception`` swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, _frame: object) -> None:
    raise Stopped(signum)


def _safe_streams() -> None:
    """A terminal or pipe whose encoding cannot take every character (a non-UTF-8 locale) gets
    backslash escapes for those characters instead of a crash."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _stdout_closed_by_reader(piped: bool) -> bool:
    """Whether an exit 1 is how rich or click answered a standard output (a pipe, ``piped``) closed by
    its reader: rich (Console.on_broken_pipe) puts /dev/null in its place, click (on EPIPE) a muted
    wrapper (named, not imported: typer carries its own copy of click)."""
    try:
        return piped and (type(sys.stdout).__name__ == "PacifyFlushWrapper"
                          or os.path.samestat(os.fstat(1), os.stat(os.devnull)))
    except OSError:
        return False


def main() -> None:
    """Console entry point: the app, with any defect reported in one line (exit 1) rather than a
    traceback; set IHL_DEBUG=1 to see the traceback. Ctrl-C exits 130, SIGTERM 143 and SIGHUP 129
    (128 + the signal's number), each with one line and nothing half-written; standard output closed by
    its reader (``| head``) exits 141 (SIGPIPE's), without a word."""
    import gc
    import signal

    # What the imports built (the format's models, the commands) lives as long as the process: moved
    # out of the collector's reach, so that its one full pass in a short command does not walk it all
    # again to free nothing (~20 ms of `ihl assess`).
    gc.freeze()
    _safe_streams()
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):  # Ctrl-C too: click would exit 130 without a word
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    try:
        piped = stat.S_ISFIFO(os.fstat(1).st_mode)
    except OSError:  # no standard output at all
        piped = False
    try:
        try:
            app()
        finally:
            if sys.stdout is not None:  # None: started with standard output closed
                sys.stdout.flush()  # here, not at exit: a reader that closed the pipe is then answered below
    except (BrokenPipeError, SystemExit) as exc:
        if isinstance(exc, SystemExit) and not (exc.code == 1 and _stdout_closed_by_reader(piped)):
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # nothing left to flush at exit
        sys.exit(128 + signal.SIGPIPE)  # as a command stopped by SIGPIPE: `ihl assess F | head` is no error
    except Stopped as exc:
        err.print(f"stopped by {signal.Signals(exc.signum).name}; no output was half-written", markup=False)
        sys.exit(128 + exc.signum)
    except Exception as exc:  # typer has already handled usage errors and exits
        if os.environ.get("IHL_DEBUG"):
            raise
        err.print(f"internal error: {type(exc).__name__}: {exc} (set IHL_DEBUG=1 for details)", markup=False)
        sys.exit(1)
