"""Brute-force enumerations behind the identifiability and error-volume checks (SPEC §2, §3).

Everything here enumerates a family's instances and evaluates them on its identifying probes
(with the family's own ``instances``, ``probes`` and ``evaluate``), then counts. The counts are
compared, in the proofs, with formulas computed independently (``math.factorial``,
``math.perm``, ``math.comb``) and with the library's own volume formulas.

>>> from bounds.families import permutation
>>> distinct_tables(permutation(3))
6
>>> max_tolerant_counts(permutation(3))
[1, 2, 6, 6]
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

__all__ = ["column_ids", "distinct_tables", "max_tolerant_counts"]


def _tables(fam: Any) -> tuple[list[Any], np.ndarray]:
    probes = fam.probes()
    insts = list(fam.instances())
    tables = np.stack([np.asarray(fam.evaluate(i, probes), dtype=bool) for i in insts])
    return insts, tables  # (instances, probes, m')


def distinct_tables(fam: Any) -> int:
    """How many distinct output tables on the identifying probes the instances have.

    Identifiability means this equals |F|: two instances that agree on every probe would give
    the same table.
    """
    _, tables = _tables(fam)
    return len({t.tobytes() for t in tables})


def column_ids(fam: Any) -> np.ndarray:
    """``ids[g, j]``: an integer naming the probe column of output j of instance g."""
    _, tables = _tables(fam)
    n_inst, _, m_out = tables.shape
    ids = np.empty((n_inst, m_out), dtype=np.int64)
    seen: dict[bytes, int] = {}
    for g in range(n_inst):
        for j in range(m_out):
            key = tables[g, :, j].tobytes()
            ids[g, j] = seen.setdefault(key, len(seen))
    return ids


def max_tolerant_counts(fam: Any) -> list[int]:
    """For e = 0 … m′: the most instances any one network output can be ε-correct for.

    A network's output j, restricted to the probes, is some 0/1 column. An instance g is
    correct at j iff that column equals g's column j, so only *which* instance column it
    equals matters (or none: -1). Enumerate every assignment h of a column (or none) to each
    output and count the instances with at most e wrong outputs; return the maximum per e.
    """
    ids = column_ids(fam)
    n_inst, m_out = ids.shape
    alphabet = list(range(int(ids.max()) + 1)) + [-1]
    best = [0] * (m_out + 1)
    chunk = 4096
    combos = itertools.product(alphabet, repeat=m_out)
    while True:
        block = np.array(list(itertools.islice(combos, chunk)), dtype=np.int64)
        if block.size == 0:
            break
        wrong = m_out - (block[:, None, :] == ids[None, :, :]).sum(axis=2)  # (h, g)
        for err in range(m_out + 1):
            best[err] = max(best[err], int((wrong <= err).sum(axis=1).max()))
    return best
