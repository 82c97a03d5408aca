"""Identifiability of each family: the probes tell every pair of instances apart (SPEC §2).

For each family the library's own ``instances()``, ``probes()`` and ``evaluate()`` are
enumerated on small sizes, and the number of distinct output tables on the probes is compared
with |F| computed independently (``math.factorial``, ``math.perm``, ``math.comb``). Equality
means no two instances share a table, i.e. the probes identify the instance. The probes are also
checked to be k-sparse for the family's ``min_sparsity``.

>>> from proofs.registry import get
>>> len(get("identifiability-permutation").steps)
4
"""

from __future__ import annotations

import math

import bounds.families as fams
from proofs.checks import Assumption, BruteForce, RangeCheck
from proofs.citations import cite_definition
from proofs.engine import Proof, Step, theorem
from proofs.mutation import plus
from proofs.registry import register
from proofs.theorems._brute import distinct_tables

__all__: list[str] = []


def _sparse_probes(make: object, k_max: int, cls: type) -> RangeCheck:
    def pred(k: int) -> tuple[bool, str]:
        fam = make(k)  # type: ignore[operator]
        probes = fam.probes()
        worst = int(probes.sum(axis=1).max())
        if worst > fam.min_sparsity:
            return False, f"a probe has {worst} > k = {fam.min_sparsity} active features"
        if probes.shape[1] != fam.m:
            return False, f"probes have {probes.shape[1]} columns, m = {fam.m}"
        return True, ""

    return RangeCheck(2, k_max, predicate=pred,
                      what="every probe has at most min_sparsity active features",
                      mutations=((cls, "probes", plus()),))


@register("identifiability-permutation", claim=None)
def identifiability_permutation() -> Proof:
    """The m′ one-hot inputs identify a permutation."""
    steps = (
        Step("sparsity", "Inputs with k ≥ 1 active features are allowed.", Assumption()),
        Step(
            "probes-are-sparse",
            "permutation(m').probes() are the m' one-hot inputs (≤ 1 active)",
            _sparse_probes(fams.permutation, 40, fams.Permutation),
            uses=("sparsity",),
        ),
        Step(
            "argument",
            "On the one-hot input e_i, output j is 1 iff π(j) = i; so the probe table is the "
            "permutation matrix of π, and distinct π give distinct tables.",
            cite_definition("families", "a permutation instance π computes y_j = x_{π(j)}"),
        ),
        Step(
            "brute-force",
            "#distinct probe tables = m'! (m' = 2…7)",
            BruteForce(count=lambda k: distinct_tables(fams.permutation(k)),
                       formula=math.factorial, sizes=(2, 3, 4, 5, 6, 7),
                       what="library instances() evaluated on probes(); |F| by math.factorial"),
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
            "probes-are-sparse",
            "pairwise(m').probes() are all inputs with ≤ 2 active features",
            _sparse_probes(lambda k: fams.pairwise(k, m=k + 2), 30, fams.Pairwise),
            uses=("sparsity",),
        ),
        Step(
            "argument",
            "On input e_a + e_b an AND output is 1 iff its pair is {a, b}, so the tables of "
            "two instances differ wherever their pairs differ; other ops differ from each other "
            "and across pairs on some input with ≤ 2 active features.",
            cite_definition("families", "a pairwise instance computes y_j = op(x_a, x_b) for its "
                            "pair {a, b} (checked exhaustively below)"),
        ),
    ]
    for op in fams.OPS:
        steps.append(Step(
            f"brute-force-{op.lower()}",
            f"#distinct probe tables = (M)_{{m'}} for labelled pairwise-{op}, m = 4 (m' = 2…4)",
            BruteForce(count=lambda k, op=op: distinct_tables(fams.pairwise(k, m=4, op=op)),
                       formula=_pair_count(4, True), sizes=(2, 3, 4),
                       what="library instances() on probes(); |F| by math.perm(6, m')"),
            uses=("argument",),
        ))
    steps.append(Step(
        "brute-force-m5",
        "#distinct probe tables = (M)_{m'} for labelled pairwise-AND, m = 5 (m' = 2, 3)",
        BruteForce(count=lambda k: distinct_tables(fams.pairwise(k, m=5)),
                   formula=_pair_count(5, True), sizes=(2, 3)),
        uses=("argument",),
    ))
    steps.append(Step(
        "brute-force-unlabelled",
        "#distinct probe tables = C(M, m') for unlabelled pairwise-AND, m = 4, 5 (m' = 2…4)",
        BruteForce(count=lambda k: distinct_tables(fams.pairwise(k, m=4, labelled=False))
                   + distinct_tables(fams.pairwise(k, m=5, labelled=False)),
                   formula=lambda k: _pair_count(4, False)(k) + _pair_count(5, False)(k),
                   sizes=(2, 3, 4), what="sum of the counts for m = 4 and m = 5"),
        uses=("argument",),
    ))
    steps.append(Step(
        "brute-force-mixed",
        "#distinct probe tables = (M)_{m'}·q^{m'} for mixed ops {AND, OR, XOR}, m = 4 "
        "(m' = 2, 3)",
        BruteForce(count=lambda k: distinct_tables(fams.mixed(k, ("AND", "OR", "XOR"), m=4)),
                   formula=_pair_count(4, True, 3), sizes=(2, 3)),
        uses=("argument",),
    ))
    return theorem("identifiability-pairwise", None,
        "Identifiability: inputs with ≤ 2 active features identify a pairwise instance",
        steps,
        assumptions=("inputs may have k ≥ 2 active features",),
        references=("design §2 ",))
