"""Time ``superbounds prove`` of all proofs against the 60 s target (SPEC §6).

Run: ``.venv/bin/python benchmarks/bench_prove.py``. Prints seconds per proof (wall clock)
and the total, and exits 1 if the total exceeds the target.
"""

from __future__ import annotations

import sys
import time

TARGET_SECONDS = 60.0


def main() -> int:
    """Check every proof once (fresh process, no cache) and report the timings."""
    start = time.perf_counter()
    from proofs import registry
    from proofs.engine import check

    rows = []
    for name in registry.names():
        t0 = time.perf_counter()
        result = check(registry.get(name))
        rows.append((name, result.status, len(result.steps), time.perf_counter() - t0))
    total = time.perf_counter() - start
    width = max(len(r[0]) for r in rows)
    for name, status, steps, secs in sorted(rows, key=lambda r: -r[3]):
        print(f"{name:<{width}}  {status:<8} {steps:>3} steps  {secs:7.2f} s")
    verdict = "OK" if total <= TARGET_SECONDS else "OVER TARGET"
    print(f"total (incl. imports): {total:.2f} s against the {TARGET_SECONDS:.0f} s target: "
          f"{verdict}")
    failed = [r[0] for r in rows if r[1] == "failed"]
    if failed:
        print(f"failed proofs: {', '.join(failed)}")
    return 0 if total <= TARGET_SECONDS and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
