"""Benchmark: time of regenerating every generated docs file (target <= 180 s).

Run: .venv/bin/python benchmarks/bench_docs.py
Baseline side by side: rendering only the calculator tables (no figures, constructions
or proofs), so the ratio shows what the heavier generators cost.
"""

from __future__ import annotations

import time

from bounds.cli.docs import render_all
from bounds.reports import tables


def main() -> None:
    t0 = time.perf_counter()
    files = render_all()
    full = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _, gen in tables.GENERATORS:
        list(gen())
    base = time.perf_counter() - t0
    print(f"superbounds docs: {len(files)} files in {full:.1f} s (target <= 180 s: "
          f"{'met' if full <= 180 else 'MISSED'})")
    print(f"baseline (calculator tables only): {base:.2f} s; ratio {full / base:.1f}x")


if __name__ == "__main__":
    main()
