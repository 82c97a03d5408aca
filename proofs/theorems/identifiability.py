"""Identifiability of each family: the probes tell every pair of instances apart (SPEC §2).

The general statement (every m′, every m, every pair of distinct instances) is proved by z3
over symbolic integers: at an output where two instances differ, a named probe of Q separates
them (:class:`~proofs.checks.Z3Proof`, with the probe given explicitly, so the claim is
quantifier-free and decided). The library's own ``instances()``, ``probes()`` and
``evaluate()`` are then enumerated on small sizes as *examples*: the number of distinct output
tables equals |F| computed independently (``math.factorial``, ``math.perm``, ``math.comb``),
and ``probes()`` is exactly the probe set Q of the model.

>>> from proofs.registry import get
>>> len(get("identifiability-permutation").steps)
5
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import bounds.families as fams
from proofs.checks import Assumption, BruteForce, Example, Z3Proof
from proofs.citations import cite_definition
from proofs.engine import Proof, Step, theorem
from proofs.mutation import plus
from proofs.registry import register
from proofs.theorems._brute import distinct_tables

__all__: list[str] = []


def _sparse_probes(make: object, k_max: int, cls: type, sizes: tuple[int, ...]) -> Example:
    """Example: the library's ``probes()`` is exactly the set of 0/1 inputs with an active set
    of one of ``sizes`` (the probe set Q of the model), and k-sparse."""
    def pred(k: int) -> tuple[bool, str]:
        fam = make(k)  # type: ignore[operator]
        probes = fam.probes()
        if probes.shape[1] != fam.m:
            return False, f"probes have {probes.shape[1]} columns, m = {fam.m}"
        worst = int(probes.sum(axis=1).max())
        if worst > fam.min_sparsity:
            return False, f"a probe has {worst} > k = {fam.min_sparsity} active features"
        got = sorted(tuple(int(i) for i in row.nonzero()[0]) for row in probes)
        want = sorted(c for size in sizes for c in itertools.combinations(range(fam.m), size))
        if got != want:
            return False, f"{len(got)} probes, not the {len(want)} inputs of Q"
        return True, ""

    return Example(lo=2, hi=k_max, predicate=pred, name="m'",
                   what="library probes() equal Q exactly",
                   mutations=((cls, "probes", plus()),))


def _z3_permutation() -> tuple[list[Any], Any]:
    """π ≠ σ at output j ⇒ the probe e_{π(j)} separates them (y_j = x_{π(j)})."""
    import z3

    m, j = z3.Ints("m j")
    pi, sigma = z3.Function("pi", z3.IntSort(), z3.IntSort()), \
        z3.Function("sigma", z3.IntSort(), z3.IntSort())
    probe = pi(j)  # the one-hot probe e_i with i = π(j)

    def out(perm: Any, i: Any) -> Any:  # output j of instance perm on the one-hot e_i
        return z3.If(perm(j) == i, 1, 0)

    hyps = [m >= 1, 1 <= j, j <= m, 1 <= pi(j), pi(j) <= m, 1 <= sigma(j), sigma(j) <= m,
            pi(j) != sigma(j)]
    goal = z3.And(1 <= probe, probe <= m, out(pi, probe) != out(sigma, probe))
    return hyps, goal


def _z3_pairwise() -> tuple[list[Any], Any]:
    """(pair, op) ≠ (pair′, op′) at output j ⇒ one of the probes ∅, e_a, e_b, e_a + e_b,
    e_c, e_d, e_c + e_d separates them; op, op′ any non-constant symmetric Boolean ops."""
    import z3

    m, a, b, c, d = z3.Ints("m a b c d")
    o = z3.Bools("o00 o01 o11")  # op(0,0), op(0,1) = op(1,0), op(1,1)
    p = z3.Bools("p00 p01 p11")

    def op(tbl: Any, u: Any, v: Any) -> Any:
        return z3.If(z3.And(u, v), tbl[2], z3.If(z3.Or(u, v), tbl[1], tbl[0]))

    def nonconstant(tbl: Any) -> Any:
        return z3.Not(z3.And(tbl[0] == tbl[1], tbl[1] == tbl[2]))

    probes = [(), (a,), (b,), (a, b), (c,), (d,), (c, d)]

    def active(probe: tuple[Any, ...], x: Any) -> Any:
        return z3.Or([x == q for q in probe]) if probe else z3.BoolVal(False)

    hyps = [m >= 2, 1 <= a, a < b, b <= m, 1 <= c, c < d, d <= m, nonconstant(o), nonconstant(p),
            z3.Or(a != c, b != d, o[0] != p[0], o[1] != p[1], o[2] != p[2])]
    goal = z3.Or([op(o, active(q, a), active(q, b)) != op(p, active(q, c), active(q, d))
                  for q in probes])
    return hyps, goal


@register("identifiability-permutation", claim=None)
def identifiability_permutation() -> Proof:
    """The m′ one-hot inputs identify a permutation."""
    steps = (
        Step("sparsity", "Inputs with k ≥ 1 active features are allowed.", Assumption()),
        Step(
            "model",
            "A permutation instance π of [m′] computes y_j = x_{π(j)}; its identifying probes "
            "Q are the m′ one-hot inputs e_1, …, e_{m′} (1 ≤ k active features).",
            cite_definition("families", "a permutation instance π computes y_j = x_{π(j)}; "
                            "Q = the one-hot inputs"),
            uses=("sparsity",),
        ),
        Step(
            "argument",
            "For every m′ ≥ 1 and permutations π, σ with π(j) ≠ σ(j) at an output j: on the "
            "probe e_{π(j)} ∈ Q output j is 1 for π and 0 for σ. So distinct π give distinct "
            "tables on Q, and #tables = |F| = m′!.",
            Z3Proof(_z3_permutation, what="m, j, π(j), σ(j) symbolic integers; y_j on e_i is "
                    "[π(j) = i]"),
            uses=("model",),
        ),
        Step(
            "probes-are-sparse",
            "example: the library's permutation(m').probes() are exactly the m' one-hot "
            "inputs, for m' = 2…40",
            _sparse_probes(fams.permutation, 40, fams.Permutation, (1,)),
            uses=("model",),
        ),
        Step(
            "brute-force",
            "example: the library's instances() on its probes() give m'! distinct tables "
            "(m' = 2…7)",
            BruteForce(count=lambda k: distinct_tables(fams.permutation(k)),
                       formula=math.factorial, sizes=(2, 3, 4, 5, 6, 7), example=True,
                       what="library instances() on probes(); |F| by math.factorial"),
            uses=("argument",),
        ),
    )
    return theorem("identifiability-permutation", None,
        "Identifiability: one-hot probes identify a permutation",
        steps,
        assumptions=("inputs may have k ≥ 1 active features",),
        references=("design §2 ",))


def _pair_count(m_in: int, labelled: bool, q: int = 1) -> object:
    pairs = m_in * (m_in - 1) // 2

    def count(k: int) -> int:
        base = math.perm(pairs, k) if labelled else math.comb(pairs, k)
        return base * q**k

    return count


@register("identifiability-pairwise", claim=None)
def identifiability_pairwise() -> Proof:
    """Inputs with ≤ 2 active features identify a pairwise instance (every op, mixed ops)."""
    steps: list[Step] = [
        Step("sparsity", "Inputs with k ≥ 2 active features are allowed.", Assumption()),
        Step(
            "model",
            "A pairwise instance gives output j a pair {a_j < b_j} ⊆ [m] and a symmetric "
            "non-constant op_j (AND, OR, XOR, NAND, NOR, XNOR; one op, or a mixed set): "
            "y_j = op_j(x_{a_j}, x_{b_j}); two instances differ iff some output j has a "
            "different (pair, op); Q = every input with ≤ 2 active features.",
            cite_definition("families", "a pairwise instance computes y_j = op(x_a, x_b) for "
                            "its pair {a, b}; Q = the inputs with at most two active features"),
            uses=("sparsity",),
        ),
        Step(
            "argument",
            "For every m ≥ 2, pairs a < b, c < d in [m] and non-constant symmetric ops o, p "
            "with (a, b, o) ≠ (c, d, p): one of the probes 0, e_a, e_b, e_a + e_b, e_c, e_d, "
            "e_c + e_d (all in Q) gives o(x_a, x_b) ≠ p(x_c, x_d). So distinct instances "
            "give distinct tables on Q and #tables = |F| for every pairwise family.",
            Z3Proof(_z3_pairwise, what="m, a, b, c, d symbolic integers; ops as truth tables"),
            uses=("model",),
        ),
        Step(
            "probes-are-sparse",
            "example: the library's pairwise(m').probes() are exactly the inputs with ≤ 2 "
            "active features (m = m' + 2, m' = 2…30)",
            _sparse_probes(lambda k: fams.pairwise(k, m=k + 2), 30, fams.Pairwise, (0, 1, 2)),
            uses=("model",),
        ),
    ]
    for op in fams.OPS:
        steps.append(Step(
            f"brute-force-{op.lower()}",
            f"example: #distinct probe tables = (M)_{{m'}} for labelled pairwise-{op}, m = 4 "
            "(m' = 2…4)",
            BruteForce(count=lambda k, op=op: distinct_tables(fams.pairwise(k, m=4, op=op)),
                       formula=_pair_count(4, True), sizes=(2, 3, 4), example=True,
                       what="library instances() on probes(); |F| by math.perm(6, m')"),
            uses=("argument",),
        ))
    steps.append(Step(
        "brute-force-m5",
        "example: #distinct probe tables = (M)_{m'} for labelled pairwise-AND, m = 5 "
        "(m' = 2, 3)",
        BruteForce(count=lambda k: distinct_tables(fams.pairwise(k, m=5)),
                   formula=_pair_count(5, True), sizes=(2, 3), example=True),
        uses=("argument",),
    ))
    steps.append(Step(
        "brute-force-unlabelled",
        "example: #distinct probe tables = C(M, m') for unlabelled pairwise-AND, m = 4, 5 "
        "(m' = 2…4)",
        BruteForce(count=lambda k: distinct_tables(fams.pairwise(k, m=4, labelled=False))
                   + distinct_tables(fams.pairwise(k, m=5, labelled=False)),
                   formula=lambda k: _pair_count(4, False)(k) + _pair_count(5, False)(k),
                   sizes=(2, 3, 4), what="sum of the counts for m = 4 and m = 5",
                   example=True),
        uses=("argument",),
    ))
    steps.append(Step(
        "brute-force-mixed",
        "example: #distinct probe tables = (M)_{m'}·q^{m'} for mixed ops {AND, OR, XOR}, "
        "m = 4 (m' = 2, 3)",
        BruteForce(count=lambda k: distinct_tables(fams.mixed(k, ("AND", "OR", "XOR"), m=4)),
                   formula=_pair_count(4, True, 3), sizes=(2, 3), example=True),
        uses=("argument",),
    ))
    return theorem("identifiability-pairwise", None,
        "Identifiability: inputs with ≤ 2 active features identify a pairwise instance",
        steps,
        assumptions=("inputs may have k ≥ 2 active features",),
        references=("design §2 ",))
