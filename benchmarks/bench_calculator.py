"""Benchmark: the vectorized bound table and the JL column for 10^6 values of m'.

Run standalone: ``.venv/bin/python benchmarks/bench_calculator.py [--size N] [--sample S]``.

1. ``bounds.lower.lower_bounds_array`` (permutation, D1, b = 8, L = 1) on N values of m′,
   against evaluating the library's sympy forms point by point (``log2_factorial_sym`` for
   I, then ⌈I/b⌉ and the rounded ``least_width_sym``) with ``.evalf()`` on a sample of S
   points, scaled to N. Prints the speed ratio (target >= 1000x) and checks that the sample
   agrees with the vectorized table.
2. ``bounds.representation.jl_min_dim`` (rounding="sklearn") on N = m′ + 1 against
   ``sklearn.random_projection.johnson_lindenstrauss_min_dim`` on the same array. Prints the
   ratio (target: within 2x) and checks the two columns are identical. Skipped, with a
   message, when scikit-learn is not installed (``pip install -e '.[bench]'``).

Exit status 1 when a result disagrees (not when a speed target is missed).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bounds.counting import log2_factorial_sym  # noqa: E402
from bounds.lower import least_width_sym, lower_bounds_array  # noqa: E402
from bounds.representation import jl_min_dim  # noqa: E402

BITS, LAYERS = 8, 1


def best_of(func: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Smallest wall-clock time of ``repeats`` calls of ``func`` and the last result."""
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - t0)
    return best, out


def sympy_point(expr_info: sp.Expr, expr_width: sp.Expr, x: sp.Symbol, info_sym: sp.Symbol,
                mp: int) -> tuple[int, int]:
    """params and neurons at one m' from the sympy forms, evaluated with evalf.

    m' is substituted as a 30-digit Float: an Integer would make sympy rewrite
    loggamma(m'+1) as log(m'!) and build the exact factorial.
    """
    info = expr_info.evalf(30, subs={x: sp.Float(mp, 30)})
    params = int(sp.ceiling(info / BITS))
    need = sp.ceiling(info)
    width = expr_width.evalf(30, subs={info_sym: need})
    return params, int(sp.ceiling(width))


def bench_table(size: int, sample: int, repeats: int) -> bool:
    m_prime = np.unique(np.round(np.logspace(np.log10(2), 9, size)).astype(np.int64))
    m_prime = np.concatenate([m_prime, np.arange(2, 2 + size - m_prime.size, dtype=np.int64)])
    t_vec, out = best_of(lambda: lower_bounds_array(m_prime, bits=BITS, layers=LAYERS), repeats)

    x = sp.Symbol("m", positive=True)
    info_sym = sp.Symbol("I", positive=True)
    expr_info = log2_factorial_sym(x)
    expr_width = least_width_sym(info_sym, sp.Integer(BITS), sp.Integer(LAYERS))
    rng = np.random.default_rng(0)
    idx = rng.choice(m_prime.size, size=min(sample, m_prime.size), replace=False)
    t0 = time.perf_counter()
    results = [sympy_point(expr_info, expr_width, x, info_sym, int(m_prime[i])) for i in idx]
    t_sym = (time.perf_counter() - t0) / len(idx) * m_prime.size

    ok = True
    for i, (p, n) in zip(idx, results, strict=True):
        if (p, n) != (int(out["params_lb"][i]), int(out["neurons_lb"][i])):
            print(f"  MISMATCH at m'={int(m_prime[i])}: sympy ({p}, {n}) vs vectorized "
                  f"({int(out['params_lb'][i])}, {int(out['neurons_lb'][i])})")
            ok = False
    ratio = t_sym / t_vec
    print(f"bound table, {m_prime.size:,} values of m' (b={BITS}, L={LAYERS}, D1):")
    print(f"  vectorized lower_bounds_array : {t_vec:10.4f} s")
    print(f"  sympy evalf point by point    : {t_sym:10.1f} s (scaled from {len(idx)} points)")
    print(f"  speed ratio                   : {ratio:10.0f}x  (target >= 1000x: "
          f"{'met' if ratio >= 1000 else 'MISSED'})")
    print(f"  sample agreement              : {'yes' if ok else 'NO'}")
    return ok


def bench_jl(size: int, repeats: int) -> bool:
    try:
        from sklearn.random_projection import johnson_lindenstrauss_min_dim
    except ImportError:
        print("JL column: scikit-learn is not installed; skipped "
              "(pip install -e '.[bench]' or pip install scikit-learn)")
        return True
    m_prime = np.unique(np.round(np.logspace(np.log10(2), 12, size)).astype(np.int64))
    m_prime = np.concatenate([m_prime, np.arange(2, 2 + size - m_prime.size, dtype=np.int64)])
    points = m_prime + 1
    t_ours, ours = best_of(lambda: jl_min_dim(points, 0.1, rounding="sklearn"), repeats)
    t_sk, theirs = best_of(lambda: johnson_lindenstrauss_min_dim(points, eps=0.1), repeats)
    same = bool(np.array_equal(np.asarray(ours), np.asarray(theirs)))
    ratio = t_ours / t_sk
    print(f"JL column, {points.size:,} values of N = m'+1 (eps = 0.1, rounding='sklearn'):")
    print(f"  bounds jl_min_dim             : {t_ours:10.4f} s")
    print(f"  sklearn johnson_lindenstrauss : {t_sk:10.4f} s")
    print(f"  ratio ours/sklearn            : {ratio:10.2f}x  (target within 2x: "
          f"{'met' if ratio <= 2 else 'MISSED'})")
    print(f"  identical columns             : {'yes' if same else 'NO'}")
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10**6)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    if args.size < 1 or args.sample < 1 or args.repeats < 1:
        parser.error("--size, --sample and --repeats must be >= 1")
    ok = bench_table(args.size, args.sample, args.repeats)
    ok = bench_jl(args.size, args.repeats) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
