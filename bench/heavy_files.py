"""How long the loader takes on hostile files just under the size limit (issue 9, item 13).

    .venv/bin/python bench/heavy_files.py

Builds, from the bad-input corpus's base incident, files of up to 2 MB that once took minutes: 20,000
unknown keys at the top of the incident and inside a fact, 20,000 sources, 20,000 citations of an
undeclared source, 20 accounts (the limit) and one over it; then times ``engine.load.load_file`` on
each (best of three, seconds) and prints how many problems were listed. The parse itself is PyYAML's;
everything after it is linear in the file's size, and the problems listed are capped (load.MAX_PROBLEMS).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import load  # noqa: E402

BASE = (ROOT / "tests/bad_input/base.yaml").read_text(encoding="utf-8")
N = 20_000


def files() -> dict[str, str]:
    account = "  - name: acc-{0}\n    held_by: Party A\n    facts:\n      civilians.present: {{value: true, sources: [S4]}}\n"
    return {
        "20,000 unknown keys": BASE.replace("incident:\n", "incident:\n" + "".join(f"  unknown_key_{i}: {i}\n" for i in range(N)), 1),
        "20,000 unknown keys in a fact": BASE.replace("    present:\n", "    present:\n" + "".join(f"      unknwn_{i}: 1\n" for i in range(N)), 1),
        "20,000 sources": BASE.rstrip("\n") + "\n" + "".join(f"  - {{id: X{i}, type: ngo_report, title: Report {i}}}\n" for i in range(N)),
        "20,000 undeclared citations": BASE.replace("    damage_sources: [S1]", "    damage_sources: [" + ", ".join(f"Z{i}" for i in range(N)) + "]"),
        "20 accounts": BASE.replace("accounts:\n", "accounts:\n" + "".join(account.format(i) for i in range(19)), 1),
        "21 accounts": BASE.replace("accounts:\n", "accounts:\n" + "".join(account.format(i) for i in range(20)), 1),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files().items():
            path = Path(folder) / "heavy.yaml"
            path.write_text(text, encoding="utf-8")
            assert path.stat().st_size <= load.MAX_BYTES, name
            best, listed = float("inf"), 0
            for _ in range(3):
                start = time.perf_counter()
                try:
                    listed = len(load.load_file(path).warnings)
                except load.InputError as exc:
                    listed = len(exc.problems)
                best = min(best, time.perf_counter() - start)
            print(f"{name:32} {path.stat().st_size:>9,} bytes  {best:6.2f} s  {listed:4} problem(s) listed")


if __name__ == "__main__":
    main()
