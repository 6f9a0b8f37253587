"""Readers and validator under load (issues 12 and 13), each case in a child process of its own so
its peak memory can be read, against a baseline child that loads the same code and reads nothing.

Usage: .venv/bin/python bench/parsers.py [--runs 5] [--old-code /path/to/checkout]

Cases:
- `workbook-2000`: an appendix workbook of 2.000 rows (corpus layout, merged headers) read and
  checked — target under 2 s;
- `text-8000` and `text-50000`: appendices as text from a PDF with 8.000 and 50.000 lines (the
  last under the 5 MB upload limit) read and checked — target 50.000 lines under 10 s;
- `bomb`: the 4,8 KB .xlsx declaring A1:XFD1048576 with one cell in its last row — target refused
  or read in under 1 s with peak memory under 100 MB above idle;
- `bomb-openpyxl`: the same file through openpyxl's own read-only row iterator, as every importer
  read it before (stopped after 20 s);
- with `--old-code`, `text-8000` again with the readers and validator of another checkout (e.g.
  main before this change), to show the quadratic validator.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import json, os, resource, sys, time
sys.path.insert(0, {code!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "nscl.settings.test"
import django
django.setup()
from nscl.budget.io import read_budget_file
from nscl.budget.validation import validate_document
idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
case, path = sys.argv[1], sys.argv[2]
content = open(path, "rb").read() if path != "-" else b""
started = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu0 = usage.ru_utime + usage.ru_stime
outcome = "ok"
if case == "idle":
    pass
elif case == "openpyxl":
    import signal
    from io import BytesIO
    from openpyxl import load_workbook
    def stop(*_args):
        raise TimeoutError
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:  # what the registry, attendance and series importers did before
        sheet = load_workbook(BytesIO(content), read_only=True, data_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        kept = [r for r in rows[1:] if any(v not in (None, "") for v in r)]
        outcome = f"{{len(rows)}} rows of {{len(rows[-1])}} cells, {{len(kept)}} kept"
    except TimeoutError:
        outcome = "still running after 20 s: stopped"
else:
    try:
        findings = validate_document(read_budget_file(case, content))
        outcome = f"{{len(findings)}} findings"
    except ValueError as exc:
        outcome = "refused: " + str(exc)[:70]
elapsed = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime - cpu0
peak = usage.ru_maxrss
print(json.dumps({{"seconds": elapsed, "cpu": cpu, "peak_kb": peak, "idle_kb": idle,
                  "outcome": outcome}}))
"""


def _child(code: str, case: str, path: str) -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD.format(code=code), case, path],
                            capture_output=True, text=True, cwd=ROOT, timeout=600,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "nscl.settings.test"})
    if result.returncode:
        return {"seconds": float("nan"), "cpu": float("nan"), "peak_kb": 0, "idle_kb": 0,
                "outcome": f"exit {result.returncode}: {result.stderr.strip()[-120:]}"}
    return json.loads(result.stdout.strip().splitlines()[-1])


def _files(folder: Path) -> dict[str, Path]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nscl.settings.test")
    sys.path.insert(0, str(ROOT))
    import django
    django.setup()
    from nscl.budget.tests.corpus.layouts import Entry, Part, make
    from nscl.budget.tests.corpus.writers import Layout
    from nscl.core.tests import crafted

    years = [2021, 2022, 2023, 2024, 2025]
    entries = {
        "workbook-2000.xlsx": Entry("bench-2000", Layout(fmt="xlsx", merged_header=True), [
            Part(["number", "dotted", "dotted"], years, tops=20, children=(12, 12))]),
        "text-8000.txt": Entry("bench-8000", Layout(fmt="txt"), [
            Part(["number", "dotted"], years, tops=381, children=(20, 20))]),
        "text-50000.txt": Entry("bench-50000", Layout(fmt="txt"), [
            Part(["number", "dotted"], years, tops=980, children=(50, 50))]),
    }
    paths = {}
    for name, entry in entries.items():
        content, _expected = make(entry, 1)
        paths[name] = folder / name
        paths[name].write_bytes(content)
    paths["bomb.xlsx"] = folder / "bomb.xlsx"
    paths["bomb.xlsx"].write_bytes(crafted.dimension_bomb())
    paths["bomb-xfd.xlsx"] = folder / "bomb-xfd.xlsx"
    paths["bomb-xfd.xlsx"].write_bytes(crafted.dimension_bomb("XFD"))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--old-code", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = _files(Path(tmp))
        for name, path in paths.items():
            print(f"{name}: {path.stat().st_size:,} bytes".replace(",", "."))
        cases = [("workbook-2000.xlsx", str(ROOT)), ("text-8000.txt", str(ROOT)),
                 ("text-50000.txt", str(ROOT)), ("bomb.xlsx", str(ROOT)),
                 ("bomb-xfd.xlsx", str(ROOT))]
        results: dict[str, list] = {}
        for _run in range(args.runs):
            baseline = _child(str(ROOT), "idle", "-")
            results.setdefault("baseline (idle child)", []).append(baseline)
            for name, code in cases:
                results.setdefault(name, []).append(_child(code, name, str(paths[name])))
        results["bomb.xlsx, importers before (openpyxl rows)"] = [
            _child(str(ROOT), "openpyxl", str(paths["bomb.xlsx"]))]
        if args.old_code:
            results["text-8000.txt, old code"] = [
                _child(args.old_code, "text-8000.txt", str(paths["text-8000.txt"]))]
        idle_kb = statistics.median(r["peak_kb"] for r in results["baseline (idle child)"])
        print(f"\n{'case':45} {'median s':>9} {'min–max s':>15} {'CPU s':>7} "
              f"{'peak MB above idle':>19}  outcome")
        for name, runs in results.items():
            seconds = [r["seconds"] for r in runs]
            cpu = statistics.median(r["cpu"] for r in runs)
            above = statistics.median(r["peak_kb"] for r in runs) - idle_kb
            print(f"{name:45} {statistics.median(seconds):9.3f} "
                  f"{min(seconds):7.3f}–{max(seconds):7.3f} {cpu:7.3f} {above / 1024:19.1f}  "
                  f"{runs[0]['outcome']}")
        print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores)")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
