"""The spreadsheet template (CSV or XLSX, one row per incident) → skeleton incident files, and the
blank template itself.

The columns are data (``sheet.yaml``): the incident's main observations, each fact column with a
``<column>_sources`` companion naming the sources that report it, and ``source_N_…`` columns for up to
any number of sources with their provenance. Row 1 holds the headers; a row whose first cell starts
with ``#`` (the template's help row) and empty rows are skipped.

Every problem is located: file, sheet, row and column (``Problem.line`` is the row, ``column`` the
column number, ``path`` ``[sheet] header``), so that an NGO can find the cell to fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from functools import cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from engine import datafiles, model
from engine.importers.common import Imported, Json, fact, finish
from engine.load import Problem

FORMAT = "sheet"
Cell = tuple[Any, int]  # (value, column number)


@cache
def columns() -> Json:
    """``sheet.yaml`` parsed."""
    return datafiles.read("engine", "importers/sheet.yaml")


def headers(sources: int | None = None) -> list[str]:
    """The template's headers: incident columns (facts followed by their ``_sources`` column), then
    ``sources`` blocks of source columns (default: the template's number)."""
    spec = columns()
    out = []
    for c in spec["incident"]:
        out.append(c["column"])
        if c["kind"] in ("yesno", "fact_choice") or (c["kind"] == "count" and c["bound"] == "max"):
            out.append(c["column"].removesuffix("_max") + "_sources")
    n = spec["template_sources"] if sources is None else sources
    out += [f"source_{i}_{c['column']}" for i in range(1, n + 1) for c in spec["source"]]
    return out


def _help_row() -> list[str]:
    spec = columns()
    helps = {c["column"]: c["help"] for c in spec["incident"]}
    row = []
    for h in headers():
        if h.startswith("source_"):
            col = h.split("_", 2)[2]
            row.append(next(c["help"] for c in spec["source"] if c["column"] == col))
        else:
            row.append(helps.get(h, "source ids, separated by ';'"))
    row[0] = "# " + row[0]
    return row


def template_csv() -> str:
    """The blank template as CSV text (headers and a help row starting with ``#``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers())
    writer.writerow(_help_row())
    return buffer.getvalue()


def template_xlsx() -> bytes:
    """The blank template as an XLSX workbook (sheet "Incidents": headers, help row). The workbook's
    creation time is fixed, so that the same template gives the same bytes."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Incidents"
    sheet.append(headers())
    sheet.append(_help_row())
    book.properties.created = dt.datetime(2000, 1, 1)
    saved = io.BytesIO()
    book.save(saved)
    return _fixed_times(saved.getvalue())


def _fixed_times(xlsx: bytes) -> bytes:
    """The workbook with every time openpyxl stamps at save (zip entries, ``dcterms:modified``) set
    to 2000-01-01, so that the same template gives the same bytes whenever it is written."""
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            dst.writestr(zipfile.ZipInfo(item.filename, date_time=(2000, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _rows(path: Path) -> Iterator[tuple[str, int, dict[str, Cell]] | Problem]:
    """``(sheet, row number, {header: (value, column)})`` for every data row; a Problem for an
    unreadable file."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            yield Problem(str(path), None, None, "", f"not a readable XLSX workbook: {exc}")
            return
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            head = [str(h).strip() if h is not None else "" for h in next(rows, ())]
            for number, values in enumerate(rows, start=2):
                yield sheet.title, number, {h: (v, i) for i, (h, v) in enumerate(zip(head, values), start=1) if h}
        return
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        yield Problem(str(path), None, None, "", f"cannot read as UTF-8 CSV: {exc}")
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    head = [h.strip() for h in next(reader, [])]
    for number, values in enumerate(reader, start=2):
        yield path.name, number, {h: (v, i) for i, (h, v) in enumerate(zip(head, values), start=1) if h}


def read(paths: Iterable[str | Path]) -> Iterator[Imported]:
    """One :class:`Imported` per filled row of each sheet in ``paths`` (``.csv`` or ``.xlsx``)."""
    for raw in paths:
        path = Path(raw)
        for item in _rows(path):
            if isinstance(item, Problem):
                yield Imported(str(path), problems=[item])
                continue
            sheet, number, cells = item
            values = [v for v, _ in cells.values() if v not in (None, "")]
            if not values or str(next(iter(cells.values()), ("", 0))[0] or "").startswith("#"):
                continue
            yield convert(cells, str(path), sheet, number)


def _plain(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if value is not None else ""


def _read(kind: str, text: str, spec: Json) -> Any:
    """A cell's text as the format wants it; raises ``ValueError`` with what was expected."""
    if kind in ("text",):
        return text
    if kind == "date":
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError("expected a date written YYYY-MM-DD")
        dt.date.fromisoformat(text)
        return text
    if kind == "time":
        match = re.fullmatch(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(:00)?", text)
        if not match:
            raise ValueError("expected a time written HH:MM")
        return f"{int(match.group(1)):02d}:{match.group(2)}"
    if kind == "number":
        return float(text)
    if kind == "count":
        if not text.isdigit():
            raise ValueError("expected a whole number of 0 or more")
        return int(text)
    if kind == "yesno":
        lowered = text.lower()
        if lowered not in ("yes", "no"):
            raise ValueError("expected yes or no (leave blank if unknown)")
        return lowered == "yes"
    if kind in ("choice", "fact_choice"):
        allowed = [e.value for e in getattr(model, spec["choices"])]
        if text not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}")
        return text
    raise ValueError(f"unknown column kind {kind}")


def _put(data: Json, path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[leaf] = value


def convert(cells: dict[str, Cell], file: str, sheet: str, number: int) -> Imported:
    """One row → :class:`Imported`. Every bad cell is reported at its row and column; a row with any
    bad cell is not written."""
    result = Imported(f"{file}:{number}" if sheet == Path(file).name else f"{file}[{sheet}]:{number}")
    spec = columns()
    where: dict[str, tuple[str, int]] = {}  # incident-file path → (header, column), to locate later problems

    def problem(header: str, message: str) -> None:
        result.problems.append(Problem(file, number, cells.get(header, (None, None))[1], f"[{sheet}] {header}", message))

    def text(header: str) -> str:
        return _plain(cells.get(header, ("", 0))[0])

    def ids(header: str) -> list[str]:
        return [x.strip() for x in re.split(r"[;,]", text(header)) if x.strip()]

    data: Json = {"incident": {}}
    counts: dict[str, Json] = {}
    for c in spec["incident"]:
        raw = text(c["column"])
        if not raw:
            if c.get("required"):
                problem(c["column"], "this column must be filled")
            continue
        try:
            value = _read(c["kind"], raw, c)
        except ValueError as exc:
            problem(c["column"], f"{exc}, found {raw!r}")
            continue
        where[c["path"]] = (c["column"], cells.get(c["column"], (None, 0))[1])
        if c["kind"] == "count":
            counts.setdefault(c["path"], {"min": None, "max": None})[c["bound"]] = value
        elif c["kind"] in ("yesno", "fact_choice"):
            companion = c["column"] + "_sources"
            _put(data, c["path"], fact(value, ids(companion)))
            where[c["path"] + ".sources"] = (companion, cells.get(companion, (None, 0))[1])
        else:
            _put(data, c["path"], value)
    for path, bounds in counts.items():
        companion = where[path][0].rsplit("_", 1)[0] + "_sources"
        _put(data, path, {**fact(bounds, ids(companion)), "found_afterwards": True})
        where[path + ".sources"] = (companion, cells.get(companion, (None, 0))[1])
    incident = data["incident"]
    if "conflict" not in incident:
        incident["conflict"] = {"classification": fact(None, [])}

    sources = []
    numbers = sorted({int(m.group(1)) for h in cells if (m := re.fullmatch(r"source_([0-9]+)_id", h))})
    for n in numbers:
        entry: Json = {}
        for c in spec["source"]:
            header = f"source_{n}_{c['column']}"
            raw = text(header)
            if not raw:
                continue
            try:
                _put(entry, c["path"], _read(c["kind"], raw, c))
            except ValueError as exc:
                problem(header, f"{exc}, found {raw!r}")
        if entry:
            where[f"sources.{len(sources)}"] = (f"source_{n}_id", cells.get(f"source_{n}_id", (None, 0))[1])
            sources.append(entry)
    if not sources:
        problem("source_1_id", "at least one source must be declared")
    if result.problems:
        return result
    result.mapped.update({path: f"column {header}" for path, (header, _) in where.items() if not path.startswith("sources.")})
    finish(result, {"incident": incident, "sources": sources}, FORMAT, f"{Path(file).name} row {number}")
    # Problems of the assembled file (an undeclared source id, min above max): located at the column.
    located = []
    for p in result.problems:
        best = max((k for k in where if p.path == k or p.path.startswith(k + ".")), key=len, default=None)
        header, col = where[best] if best else ("", None)
        located.append(Problem(file, number, col, f"[{sheet}] {header}" if header else f"[{sheet}] {p.path}", p.message))
    result.problems = located
    return result
