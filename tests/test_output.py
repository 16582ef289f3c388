"""No researcher's work lost: the one output policy (engine/output.py) for every writer, batch inputs
that are each reported, memos that fail alone, and runs that stop cleanly (issue 9, items 1-7 and 16)."""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine import api, batch, output
from engine.cli import app
from engine.load import MAX_BYTES
from engine.output import OutputError
from test_batch import ALPHA, BAD, BETA

ROOT = Path(__file__).resolve().parent.parent
A1 = ROOT / "examples/raqqa-2017/a1-aswad-2017-06-28.yaml"
IHL = Path(sys.executable).with_name("ihl")
runner = CliRunner()


def run(*args: str, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "alpha.yaml").write_text(ALPHA, encoding="utf-8")
    (folder / "beta.json").write_text(json.dumps(BETA), encoding="utf-8")
    return folder


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --------------------------------------------------------------------------- item 1: one output policy

def test_batch_never_overwrites_its_own_input(inputs: Path, tmp_path: Path):
    alpha = inputs / "alpha.yaml"
    lines = tmp_path / "many.jsonl"
    lines.write_text(json.dumps(BETA) + "\n", encoding="utf-8")
    for target, given in ((alpha, alpha), (lines, lines), (alpha, inputs), (inputs / "beta.json", inputs)):
        before = target.read_bytes()
        result = run("batch", given, "-o", target)
        assert result.exit_code == 2, (given, result.stderr)
        assert "it is an input of this run" in result.stderr
        assert target.read_bytes() == before
    assert _listing(inputs) == ["alpha.yaml", "beta.json"]  # no temporary file either


def test_batch_to_dev_stdout_is_refused_and_dash_means_stdout(inputs: Path):
    refused = run("batch", inputs, "-o", "/dev/stdout")
    assert refused.exit_code == 2 and "standard stream" in refused.stderr and "use -" in refused.stderr
    dashed = run("batch", inputs / "beta.json", "-o", "-")
    assert dashed.exit_code == 0, dashed.stderr
    (line,) = dashed.stdout.splitlines()
    assert json.loads(line)["incident"] == "test-beta-2"
    assert "Incidents by principle" in dashed.stderr  # the summary goes where the results do not
    memo = run("memo", A1, "-o", "-")
    assert memo.exit_code == 0 and memo.stdout.startswith("# Draft legal memo")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_a_fifo_or_device_is_never_an_output(tmp_path: Path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        output.write_atomic(fifo, "x")
    with pytest.raises(OutputError, match="device"):
        output.write_atomic("/dev/null", "x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and _listing(tmp_path) == ["pipe.jsonl"]


def test_symlinks_are_written_through_read_only_refused_and_modes_kept_or_from_umask(tmp_path: Path):
    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o604)
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    output.write_atomic(link, "new\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o604
    real.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        output.write_atomic(link, "newer\n")
    assert real.read_text(encoding="utf-8") == "new\n"
    old = os.umask(0o027)
    try:
        output.write_atomic(tmp_path / "fresh.md", b"bytes too\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "fresh.md").stat().st_mode) == 0o640
    assert (tmp_path / "fresh.md").read_bytes() == b"bytes too\n"
    assert _listing(tmp_path) == ["fresh.md", "link.jsonl", "real.jsonl"]


def test_batch_results_follow_the_same_policy(inputs: Path, tmp_path: Path):
    real = tmp_path / "results.jsonl"
    real.write_text("", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "via-link.jsonl"
    link.symlink_to(real)
    assert run("batch", inputs, "-o", link).exit_code == 0
    assert link.is_symlink() and len(real.read_text(encoding="utf-8").splitlines()) == 2
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    real.chmod(0o444)
    refused = run("batch", inputs, "-o", link)
    assert refused.exit_code == 2 and "read-only" in refused.stderr


# --------------------------------------------------------------------------- item 4: the target, checked first

@pytest.mark.parametrize("target", ["folder", "missing/results.jsonl", ""])
def test_a_bad_output_target_is_refused_before_the_run(inputs: Path, tmp_path: Path, target: str):
    (inputs / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    given = str(tmp_path / target) if target else ""
    result = run("batch", inputs, "-o", given)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()  # one clear line: nothing was assessed (bad.yaml not reported)
    assert line.startswith("error: ") and ".tmp" not in line and "Errno" not in line
    assert {"folder": "it is a directory", "missing/results.jsonl": "does not exist",
            "": "the output path is empty"}[target] in line
    assert result.stdout == ""


def test_a_memo_dir_that_is_a_file_is_refused_before_the_run(inputs: Path, tmp_path: Path):
    (tmp_path / "memos").write_text("a file", encoding="utf-8")
    result = run("batch", inputs, "--memo-dir", tmp_path / "memos")
    assert result.exit_code == 2 and "it is not a folder" in result.stderr and result.stdout == ""


def test_results_inside_the_memo_dir_are_refused_before_the_run(inputs: Path, tmp_path: Path):
    memos = tmp_path / "memos"
    memos.mkdir()
    memo = memos / "test-beta-2.md"  # the name the run gives beta's memo
    memo.write_text("an earlier memo", encoding="utf-8")
    (tmp_path / "link").symlink_to(memos)
    for target in (memo, memos / "results.jsonl", tmp_path / "link" / "results.jsonl"):
        result = run("batch", inputs, "-o", target, "--memo-dir", memos)
        assert result.exit_code == 2, (target, result.stderr)
        (line,) = result.stderr.splitlines()
        assert "where this run writes files named by their incidents" in line
        assert result.stdout == ""
    assert _listing(memos) == ["test-beta-2.md"] and memo.read_text(encoding="utf-8") == "an earlier memo"
    with pytest.raises(OutputError, match="inside"):
        output.check(memos / "results.jsonl", reserved=[tmp_path / "link"])


# --------------------------------------------------------------------------- item 3: a memo fails alone

def test_a_memo_that_cannot_be_written_is_that_incidents_error(inputs: Path, tmp_path: Path):
    memos = tmp_path / "memos"
    (memos / "test-beta-2.md").mkdir(parents=True)  # the memo's path is a folder
    out = tmp_path / "results.jsonl"
    result = run("batch", inputs, "-o", out, "--memo-dir", memos)
    assert result.exit_code == 1
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["incident"] for r in recs] == ["test-alpha-1", "test-beta-2"]
    assert recs[0]["errors"] == [] and recs[1]["findings"]
    assert [e["kind"] for e in recs[1]["errors"]] == ["memo"]
    assert "memo not written" in result.stderr and "it is a directory" in result.stderr
    assert "2 incident(s) assessed" in result.stdout  # the summary is written
    assert (memos / "test-alpha-1.md").read_text(encoding="utf-8").startswith("# Draft legal memo")


def test_a_full_disk_while_writing_a_memo_loses_only_that_memo(inputs: Path, tmp_path: Path, monkeypatch):
    real_replace = os.replace

    def full(src, dst):
        if str(dst).endswith("test-alpha-1.md"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full)
    memos = tmp_path / "memos"
    summary = api.batch([inputs], memo_dir=memos)
    assert summary.incidents == 2 and summary.exit_code == 1
    assert summary.records[0]["errors"][0]["message"].endswith("No space left on device")
    assert _listing(memos) == ["test-beta-2.md"]


def test_a_memo_dir_symlink_to_an_input_never_overwrites_it(inputs: Path, tmp_path: Path):
    memos = tmp_path / "memos"
    memos.mkdir()
    beta = inputs / "beta.json"
    before = beta.read_bytes()
    (memos / "test-beta-2.md").symlink_to(beta)
    summary = api.batch([inputs], memo_dir=memos)
    assert beta.read_bytes() == before
    assert "it is a symbolic link where this run names its files itself" in summary.records[1]["errors"][0]["message"]
    assert summary.records[0]["errors"] == [] and summary.exit_code == 1


# --------------------------------------------------------------------------- item 2: each JSONL line alone

def test_a_bad_jsonl_line_is_reported_and_every_later_line_is_read(tmp_path: Path):
    good = json.dumps(BETA).encode()
    with_cr = json.dumps(BETA, indent=1).replace("\n", "\r").encode()  # raw CRs between tokens: one line
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"\n".join([good, b'{"x": "\xff"}', b"{" + b" " * (MAX_BYTES + 10) + b"}", with_cr, good]) + b"\n")
    summary = api.batch([path])
    names = [f"{path}:{n}" for n in range(1, 6)]
    assert [r["file"] for r in summary.records] == names
    assert summary.bad == names[1:3] and summary.incidents == 3
    assert "not valid UTF-8 (byte 0xff at column 8)" in summary.records[1]["errors"][0]["message"]
    assert "line longer than 2,000,000 bytes" in summary.records[2]["errors"][0]["message"]
    assert summary.records[3]["incident"] == summary.records[4]["incident"] == "test-beta-2"


# --------------------------------------------------------------------------- item 5: nothing skipped silently

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")
def test_what_a_folder_holds_but_cannot_be_read_is_reported(inputs: Path, monkeypatch):
    os.mkfifo(inputs / "pipe.yaml")
    (inputs / "gone.yaml").symlink_to(inputs / "nowhere.yaml")
    (inputs / "loop.yaml").symlink_to(inputs / "loop.yaml")
    locked = inputs / "locked"
    locked.mkdir()
    (locked / "inside.yaml").write_text(ALPHA, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # as root, chmod 000 still reads: refuse the folder the way the kernel would
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = api.batch([inputs])
    bad = {r["file"]: r["errors"][0]["message"] for r in summary.records if r["errors"]}
    assert bad == {
        str(locked): "cannot read this folder: Permission denied",
        str(inputs / "gone.yaml"): "a dangling symbolic link",
        str(inputs / "loop.yaml"): "a symbolic link loop",
        str(inputs / "pipe.yaml"): "not a regular file (a FIFO, device or socket)",
    }
    assert summary.incidents == 2 and summary.exit_code == 2


# --------------------------------------------------------------------------- item 16: --jobs within limits

def test_jobs_above_the_open_file_limit_are_lowered_and_said(inputs: Path, tmp_path: Path):
    for i in range(40):
        shutil.copy(inputs / "alpha.yaml", inputs / f"copy-{i:02d}.yaml")

    def few_files():
        resource.setrlimit(resource.RLIMIT_NOFILE, (48, 48))

    done = subprocess.run([str(IHL), "batch", str(inputs), "--jobs", "40", "-o", str(tmp_path / "r.jsonl")],
                          capture_output=True, text=True, timeout=300, preexec_fn=few_files)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "--jobs 40 lowered to 1 (" in done.stderr and "open-file limit 48" in done.stderr
    assert len((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()) == 42


# --------------------------------------------------------------------------- item 6: stopped cleanly

@pytest.mark.parametrize(("signum", "whole_group"), [(signal.SIGTERM, False), (signal.SIGHUP, True),
                                                     (signal.SIGINT, True)])
def test_a_signal_stops_the_batch_cleanly(tmp_path: Path, signum: int, whole_group: bool):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(400):
        shutil.copy(A1, folder / f"a{i:03d}.yaml")
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.jsonl").write_text("yesterday's results\n", encoding="utf-8")
    proc = subprocess.Popen([str(IHL), "batch", str(folder), "-o", str(out / "results.jsonl"), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any(p.name.endswith(".tmp") for p in out.iterdir()):  # the run is under way
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.5)
    (os.killpg(proc.pid, signum) if whole_group else proc.send_signal(signum))
    _, err = proc.communicate(timeout=180)  # generous: CI machines are shared
    assert proc.returncode == 128 + signum, err
    assert f"stopped by {signal.Signals(signum).name}; no output was half-written" in err
    assert "Traceback" not in err and "Error" not in err
    assert _listing(out) == ["results.jsonl"]
    assert (out / "results.jsonl").read_text(encoding="utf-8") == "yesterday's results\n"


@pytest.mark.parametrize("args", [["assess", str(A1)], ["rules"], ["batch", str(A1)], ["batch", str(A1), "--jobs", "2"]],
                         ids=["assess-rich", "rules-rich", "batch-jsonl", "batch-jsonl-jobs"])
def test_standard_output_closed_by_its_reader_exits_141_without_a_word(args: list[str]):
    # `ihl assess F | head -1`: the reader is gone before anything is written; no error, as for SIGPIPE
    reader, writer = os.pipe()
    os.close(reader)
    done = subprocess.run([str(IHL), *args], stdout=writer, stderr=subprocess.PIPE, text=True, timeout=300)
    os.close(writer)
    assert done.returncode == 128 + signal.SIGPIPE
    assert [line for line in done.stderr.splitlines() if "rror" in line or "Traceback" in line] == []


def test_a_command_started_with_standard_output_closed_still_writes_its_file(tmp_path: Path):
    # as from cron or a supervisor that closes it: everything goes to -o, nothing to standard output
    done = subprocess.run([str(IHL), "batch", str(A1), "-o", str(tmp_path / "r.jsonl")], stderr=subprocess.PIPE,
                          text=True, timeout=300, preexec_fn=lambda: os.close(1))
    assert done.returncode == 0, done.stderr
    assert "internal error" not in done.stderr and len((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_a_full_disk_leaves_no_partial_file_and_exits_1(inputs: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "results.jsonl"
    out.write_text("kept\n", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run("batch", inputs, "-o", out)
    assert result.exit_code == 1
    assert f"cannot write {out}: No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "kept\n" and _listing(tmp_path) == ["in", "results.jsonl"]


# --------------------------------------------------------------------------- item 7: names and terminals not UTF-8

@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in a name")
def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9.yaml"
    with open(raw, "wb") as handle:
        handle.write(A1.read_bytes())
    shown = str(folder / "caf\\xe9.yaml")
    done = subprocess.run([str(IHL), "batch", str(folder)], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[0])["file"] == shown
    done = subprocess.run([os.fsencode(IHL), b"memo", raw], capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith(b"# Draft legal memo"), done.stderr
    (folder / "bad.yaml").write_text(BAD, encoding="utf-8")
    os.rename(folder / "bad.yaml", os.fsencode(folder) + b"/bad\xff.yaml")
    done = subprocess.run([os.fsencode(IHL), b"validate", os.fsencode(folder) + b"/bad\xff.yaml"], capture_output=True)
    assert done.returncode == 2 and (shown.replace("caf\\xe9", "bad\\xff")).encode() in done.stderr


@pytest.mark.parametrize("command", [["memo"], ["batch"], ["assess", "--format", "json"]])
def test_a_terminal_that_is_not_utf8_gets_escapes_not_a_crash(command: list[str]):
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([str(IHL), *command, str(A1)], capture_output=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert b"internal error" not in done.stderr and b"Traceback" not in done.stderr
    assert done.stdout.isascii() and done.stdout
