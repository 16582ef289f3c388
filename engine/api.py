"""The Python API: everything the command line does, callable from Python.

    >>> from engine import api
    >>> loaded = api.load("examples/raqqa-2017/a1-aswad-2017-06-28.yaml")
    >>> [a.account for a in api.assess(loaded)]          # one Assessment per account (or the base)
    >>> api.memo(loaded)                                 # the draft legal memo, Markdown

Errors: :class:`engine.load.InputError` for bad input (every problem, located),
:class:`engine.accounts.UnknownAccount` for an account name not in the file,
:class:`engine.adapter.EngineFault` when the rules engine fails (no partial result is returned).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from engine import accounts, compare, output, rulebook, settings, witnesses
from engine.assessment import Assessment, assess, assess_incident
from pydantic import ValidationError

from engine.load import InputError, Loaded, Problem, decode, describe, incident_problems, load_file, parse_text
from engine.model import IncidentFile
from engine.settings import Settings


if TYPE_CHECKING:  # batch pulls in multiprocessing and rich: imported only when used
    from engine import batch as batching
    from engine import triage as triaging
    from engine.importers.common import Imported

def load(path: str | Path) -> Loaded:
    """Read and validate an incident file (see :func:`engine.load.load_file`)."""
    return load_file(path)


def load_bytes(raw: bytes, name: str, suffix: str = ".yaml") -> Loaded:
    """Validate incident-file bytes received other than as a file (an upload, an HTTP request body),
    named ``name`` in messages; ``suffix`` ``.json`` reads JSON, anything else YAML. The checks and
    errors of :func:`load` (see :func:`engine.load.decode` and :func:`engine.load.parse_text`)."""
    return parse_text(decode(raw, name), name, suffix)


def source_labels(loaded: Loaded) -> dict[str, str]:
    """How each source id is shown to people: the pseudonym for a witness, the id otherwise."""
    return witnesses.labels(loaded.file.sources)


def to_json(assessments: list[Assessment], *, trace: bool = False) -> str:
    """Stable JSON for ``assessments`` (same input, same bytes): findings, the releases of an attack in
    several passes each judged on what was known before it (``passes``), and the traces if asked.

    Each assessment also carries ``divergences``: the findings whose status differs between the accounts
    assessed, with the facts that drive each difference (empty for a single account; the same list on
    every account, so that each can be read alone).
    """
    # Without the trace, each pass's derivation is left out too (its findings stay).
    exclude = None if trace else {"trace": True, "passes": {"__all__": {"trace"}}}
    divergences = [d.model_dump(mode="json") for d in compare.divergences(assessments)]
    payload = [a.model_dump(mode="json", exclude=exclude) | {"divergences": divergences} for a in assessments]
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def compare_positions(loaded: Loaded, account: str | None = None, run: Settings = Settings()) -> dict[str, Any]:
    """Assess ``loaded`` under every interpretive position (``rules/positions/``), with the parameter
    overrides of ``run``, and show which findings change.

    Returns ``{"base": position of run, "positions": [settings_dict…], "views": [{"account", "rows":
    {finding: {position: status}}, "differs": [finding ids whose status differs]}]}`` (one view per
    account assessed). Raises what :func:`assess` raises.
    """
    names = list(settings.positions())
    per = {name: assess(loaded, account, Settings(name, run.overrides, run.forum)) for name in names}
    views = []
    for i, first in enumerate(per[run.position]):
        rows = {f.id: {n: per[n][i].findings[j].status for n in names} for j, f in enumerate(first.findings)}
        views.append({"account": first.account, "rows": rows,
                      "differs": [fid for fid, row in rows.items() if len(set(row.values())) > 1]})
    return {"base": run.position, "positions": [per[n][0].settings for n in names], "views": views}


MEMO_FORMATS = ("md", "html", "docx")


def memo(loaded: Loaded, account: str | None = None, run: Settings = Settings(), fmt: str = "md", *,
         assessments: list[Assessment] | None = None) -> str | bytes:
    """The draft legal memo for every account of ``loaded`` (or only ``account``), under the position
    and parameters of ``run``: ``fmt`` ``"md"`` (Markdown text), ``"html"`` (one self-contained page) or
    ``"docx"`` (Word document bytes). Every format renders the same content. Raises ``ValueError`` for
    another format.

    ``assessments``: what :func:`assess` gave for the same file, account and ``run``, when the caller
    has it (a batch), so that the incident is not assessed twice.
    """
    from engine.outputs import context, html, markdown, word  # Jinja2 and python-docx: only for memos

    renderers = {"md": markdown.memo, "html": html.memo, "docx": word.memo}
    if fmt not in renderers:
        raise ValueError(f"unknown memo format {fmt!r}; use one of {', '.join(MEMO_FORMATS)}")
    return renderers[fmt](context.build(loaded, assessments if assessments is not None else assess(loaded, account, run)))


def trace_html(loaded: Loaded, account: str | None = None, run: Settings = Settings()) -> str:
    """The trace explorer for every account of ``loaded`` (or only ``account``): one self-contained HTML
    page with every finding's derivation as a collapsible tree, facts linked to their sources, and the
    unknown facts that alone would decide each open finding."""
    from engine.outputs import context, html

    return html.trace(context.build(loaded, assess(loaded, account, run), what_if=True, run=run))


def write(path: str | Path | None, data: str | bytes, protect: Sequence[str | Path] = (), new: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (``None`` or ``"-"``: standard output), never over a file in
    ``protect``, and with ``new`` never over anything: the policy of :mod:`engine.output` (raises
    :class:`engine.output.OutputError`, or ``OSError`` for a failure while writing)."""
    output.write_atomic(path, data, protect=protect, new=new)


def check_output(path: str | Path | None, protect: Sequence[str | Path] = (), reserved: Sequence[str | Path] = ()) -> None:
    """Raise :class:`engine.output.OutputError` now if ``path`` could not be written later (see
    :func:`engine.output.check`; ``reserved``: folders the run fills with files it names itself): call
    it before long work."""
    output.check(path, protect=protect, reserved=reserved)


is_stdout = output.is_stdout
shown = output.shown


def import_records(fmt: str, paths: Sequence[str | Path]) -> list["Imported"]:
    """Read every record in ``paths`` with the importer for ``fmt`` (``airwars``, ``acled``, ``sheet``):
    one :class:`engine.importers.common.Imported` per record — its skeleton incident file (observations
    and sources only), what could not be mapped, and its located problems. Raises ``KeyError`` for an
    unknown format."""
    from engine import importers

    return list(importers.adapter(fmt).read(paths))


def write_skeletons(results: Sequence["Imported"], out: str | Path, *, overwrite: bool = False,
                    protect: Sequence[str | Path] = ()) -> list[str]:
    """Write the usable skeletons of ``results`` into the folder ``out`` (or one ``.jsonl`` file); see
    :func:`engine.importers.common.write`. Raises :class:`engine.output.OutputError`."""
    from engine.importers import common

    return common.write(results, out, overwrite=overwrite, protect=tuple(protect))


def import_report(results: Sequence["Imported"]) -> dict[str, Any]:
    """The import report (JSON-able): per record what was filled, not mapped, or wrong; unmapped fields
    counted over all records."""
    from engine.importers import common

    return common.report(list(results))


def sheet_template(path: str | Path) -> None:
    """Write the blank spreadsheet template to ``path``: XLSX when it ends in ``.xlsx``, CSV otherwise
    (atomically, never over an existing file or link; raises :class:`engine.output.OutputError`)."""
    from engine.importers import sheet

    data = sheet.template_xlsx() if str(path).lower().endswith(".xlsx") else sheet.template_csv()
    output.write_atomic(path, data, new=True)


def triage(paths: Sequence[str | Path], *, jobs: int = 1, grading: Sequence[str] = (),
           report: Any = None) -> list["triaging.Row"]:
    """Rank the incidents under ``paths`` by how close they are to an assessable file; see
    :func:`engine.triage.run` (rows ranked, bad inputs last, each with its problems)."""
    from engine import triage as triaging

    return triaging.run(paths, jobs=jobs, grading=grading, report=report)


def triage_csv(rows: Sequence["triaging.Row"]) -> str:
    """The ranked triage rows as CSV (see :func:`engine.triage.to_csv`)."""
    from engine import triage as triaging

    return triaging.to_csv(list(rows))


def migrate(path: str | Path) -> str:
    """The incident file at ``path`` rewritten in the newest format version, comments and layout kept
    (see :mod:`engine.migrate`); raises :class:`engine.load.InputError` if it does not load."""
    from engine.migrate import migrate_file

    return migrate_file(path)


def skeleton() -> str:
    """A commented skeleton incident file (YAML text) in the current format (``schema_version`` 2):
    every section and every fact, observations included, each unknown fact null with a hint; it
    validates as it is (``ihl init``)."""
    from importlib import resources

    return resources.files("engine.outputs").joinpath("templates/skeleton.yaml").read_text(encoding="utf-8")


def rules(run: Settings = Settings()) -> "rulebook.Rulebook":
    """The encoded rules (``rules/*.yaml``) under ``run``'s position and parameters, compiled and checked
    (see :func:`engine.rulebook.load`)."""
    return rulebook.load(run)


def rules_data(book: "rulebook.Rulebook") -> list[dict[str, Any]]:
    """The rules of ``book`` as JSON-able data (``ihl rules --format json``, ``GET /rules``): each rule's
    fields as written in ``rules/`` (less its compiled conditions) and the parameters it uses."""
    return [r.model_dump(mode="json", by_alias=True, exclude={"when", "unless"}) | {"parameters": book.parameters_of[r.id]}
            for r in book.rules.values()]


def schema() -> dict[str, Any]:
    """The JSON Schema of the incident file format."""
    return IncidentFile.model_json_schema()


def batch(paths: list[str | Path], *, jobs: int = 1, memo_dir: str | Path | None = None,
          output: str | Path | None = None, **options: Any) -> "batching.Summary":
    """Assess every incident under ``paths`` (files, folders, ``.jsonl``) in ``jobs`` worker processes.

    JSONL results go to ``output`` (atomically) — or, with no ``output``, are kept in the returned
    summary's ``records``. See :func:`engine.batch.run` for the other options (``stream``, ``report``,
    ``progress``) and :class:`engine.batch.Summary` for the counts and the exit code.
    """
    from engine import batch as batching

    options.setdefault("keep", output is None and options.get("stream") is None)
    return batching.run(paths, jobs=jobs, memo_dir=memo_dir, output=output, **options)


def serve(host: str = "127.0.0.1", port: int = 8000, token_file: str | Path | None = None, *, workers: int = 2,
          timeout: float = 60.0, waiting: int = 32) -> None:
    """Serve the HTTP API and the review page (:mod:`engine.serve`, docs/serve.md) until stopped. The
    access token comes from ``token_file`` or the environment variable ``IHL_TOKEN``, never from an
    argument. Raises ``ValueError`` for a missing or short token, ``OSError`` for an unreadable file."""
    from engine import serve as server

    token = server.read_token(token_file)
    server.run(host, port, token, server.Limits(workers=workers, timeout=timeout, waiting=waiting))


def what_if_assignments(loaded: Loaded, assignments: Sequence[str], account: str | None = None,
                        run: Settings = Settings()) -> dict[str, Any]:
    """:func:`what_if` with the changes written ``PATH=VALUE`` (``civilians.present=false``; ``null``
    makes a fact unknown), as ``ihl what-if --set`` and the HTTP API take them. Raises
    :class:`InputError`, located at ``--set PATH``, for a malformed, repeated or ill-typed change, and
    what :func:`what_if` raises."""
    try:
        pairs = [compare.parse_assignment(c) for c in assignments]
        paths = [p for p, _ in pairs]
        repeated = sorted({p for p in paths if paths.count(p) > 1})
        if repeated:
            raise ValueError(f"each fact may be set once; set more than once: {', '.join(repeated)}")
        return what_if(loaded, dict(pairs), account, run)
    except ValidationError as exc:
        raise InputError([Problem(loaded.path, None, None, "--set " + ".".join(map(str, e["loc"])), describe(e))
                          for e in exc.errors()]) from None
    except ValueError as exc:
        raise InputError([Problem(loaded.path, None, None, "--set", str(exc))]) from None


def what_if(loaded: Loaded, changes: dict[str, Any], account: str | None = None,
            run: Settings = Settings()) -> dict[str, Any]:
    """Re-assess ``loaded`` with the element facts in ``changes`` set, in each account (or only
    ``account``), each compared with itself.

    ``changes`` maps element fact paths (``precautions.warning.given``) and other fields of the incident
    (``precautions.warning.time``) to values (``None`` = unknown), as :func:`engine.compare.parse_assignment`
    reads them; it may also set ``<fact path>.attacker_knowledge``.
    Returns ``{"views": [{"account", "flips": [{finding, before, after}], "decisive": {finding: [{fact,
    value, status}]}}]}`` where ``decisive`` lists, after the change, the unknown facts that alone would
    decide each inconclusive finding, the value that would, and the status it would give (an id ending
    in ``@time`` asks what the attacker knew of that fact: the value goes in its ``attacker_knowledge``).
    Raises pydantic's ``ValidationError`` for an ill-typed value and :class:`InputError` when the
    changed facts contradict each other (the same checks as when a file is loaded; problems the file
    already had as loaded are not the change's and are not reported).
    """
    views = []
    for name in [account] if account is not None else (accounts.names(loaded.file) or [None]):
        before = assess(loaded, name, run)
        changed = compare.with_values(loaded.file, name, changes)
        # Only what the change brings: the file as loaded was accepted (an account is not held to the
        # base's warning time, for one), so a problem it already had is not the change's.
        known = set(incident_problems(accounts.resolve(loaded.file, name), sources=loaded.file.sources))
        problems = [Problem(loaded.path, None, None, f"--set ({path})", message)
                    for path, message in incident_problems(changed.incident, sources=changed.sources)
                    if (path, message) not in known]
        if problems:
            raise InputError(problems)
        held_by = {a.name: a.held_by for a in loaded.file.accounts}.get(name) if name else None
        after = [assess_incident(changed.incident, changed.sources, name, held_by, run)]
        views.append({
            "account": name,
            "flips": [f.model_dump() for f in compare.flips(before, after)],
            "decisive": {f: [d.model_dump() for d in ds]
                         for f, ds in compare.decisive_facts(changed.incident, run).items()},
        })
    return {"views": views}
