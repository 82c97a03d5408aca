"""Benchmark: the whole-process time of one calculator answer (issue 13, "in a blink").

Run: ``.venv/bin/python benchmarks/bench_startup.py [--repeats N]``.

Times, as separate processes and interleaved round by round (so a busy machine slows
all of them alike):

* ``superbounds bounds 1000 --json`` (the candidate),
* ``python -c pass`` (the interpreter alone),
* ``python -c "import numpy"`` (the baseline of the target),
* ``superbounds --version`` (the command line without any calculation).

Prints the median wall time and the median CPU time (user + system of the child) of
each, and the ratio candidate / ``import numpy`` (target: at most 2x). The JSON of
every candidate run is checked equal to the library's own result computed in this
process; exit status 1 when it differs (not when the target is missed). The modules
the candidate imports that it should not need (sympy, scipy, networkx, proofs) are
listed, from ``python -X importtime``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
ENTRY = "from bounds.cli import main; import sys; sys.argv[0] = 'superbounds'; main()"
CASES = {
    "superbounds bounds 1000 --json": [PY, "-c", ENTRY, "bounds", "1000", "--json"],
    "python -c pass": [PY, "-c", "pass"],
    'python -c "import numpy"': [PY, "-c", "import numpy"],
    "superbounds --version": [PY, "-c", ENTRY, "--version"],
}
HEAVY = ("sympy", "scipy", "networkx", "proofs", "matplotlib")


def run_once(cmd: list[str]) -> tuple[float, float, str]:
    """(wall s, CPU s of the child, stdout) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out


def heavy_imports() -> list[str]:
    """Top-level heavy packages that ``bounds 1000 --json`` imports."""
    res = subprocess.run([PY, "-X", "importtime", "-c", ENTRY, "bounds", "1000", "--json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    found = set()
    for line in res.stderr.splitlines():
        name = line.rsplit("|", 1)[-1].strip()
        if name.split(".")[0] in HEAVY:
            found.add(name.split(".")[0])
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()

    from bounds.families import permutation
    from bounds.formatting import plain
    from bounds.lower import lower_bounds

    expected = [plain(lower_bounds(permutation(1000), bits=8).as_dict())]
    walls: dict[str, list[float]] = {name: [] for name in CASES}
    cpus: dict[str, list[float]] = {name: [] for name in CASES}
    status = 0
    for _ in range(args.repeats):
        for name, cmd in CASES.items():
            wall, cpu, out = run_once(cmd)
            walls[name].append(wall)
            cpus[name].append(cpu)
            if name.startswith("superbounds bounds") and json.loads(out) != expected:
                print(f"MISMATCH: {name} printed {out[:200]!r}")
                status = 1
    print(f"{args.repeats} interleaved rounds on {os.cpu_count()} cores; medians:")
    print(f"{'command':<36} {'wall s':>8} {'CPU s':>8}")
    for name in CASES:
        print(f"{name:<36} {statistics.median(walls[name]):8.3f} "
              f"{statistics.median(cpus[name]):8.3f}")
    cand, base = "superbounds bounds 1000 --json", 'python -c "import numpy"'
    r_wall = statistics.median(walls[cand]) / statistics.median(walls[base])
    r_cpu = statistics.median(cpus[cand]) / statistics.median(cpus[base])
    verdict = "met" if r_cpu <= 2 else "MISSED"
    print(f"ratio bounds/import-numpy: wall {r_wall:.2f}x, CPU {r_cpu:.2f}x "
          f"(target <= 2x: {verdict})")
    print("heavy packages imported by `bounds 1000 --json`: "
          + (", ".join(heavy_imports()) or "none"))
    print("results equal to the in-process library result:", "yes" if status == 0 else "NO")
    return status


if __name__ == "__main__":
    sys.exit(main())
