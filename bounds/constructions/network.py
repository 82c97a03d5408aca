"""The network object of the model (SPEC §1, §5): input code, ReLU layers, decoder.

Semantics (also the ``.npz`` contract, readable without this library)::

    u   = E x                      # public input code, d x m
    h_0 = u
    h_l = max(0, W_l h_{l-1} + b_l)   for l = 1 .. L
    y_j = 1 if (D h_L)_j > theta_j else 0

``E``, ``D`` and ``theta`` are the public interface (instance-independent, not
parameters); the parameters are the entries of ``W_l`` and ``b_l``.

Resource conventions (SPEC §1):

* widths ``(n_0 = d, n_1, ..., n_L)``; ``max_width`` is the max over all of them
  (d included: the code lives in the same neurons); ``total_neurons`` is
  ``n_1 + ... + n_L``;
* ``params_dense = sum_l (n_{l-1} n_l + n_l)``; ``params_nonzero`` counts the nonzero
  entries of every ``W_l`` and ``b_l``;
* ``distinct_values`` counts distinct parameter values, 0 included whenever some
  dense slot holds 0; ``bits_per_param = max(1, ceil(log2(distinct_values)))``.

The networkx export has one node per code coordinate, hidden neuron and output
(``d + total_neurons + m_prime`` nodes) and one edge per nonzero entry of the
``W_l`` and of ``D`` (``nnz(W) + nnz(D)`` edges); biases and thresholds are node
attributes.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from bounds.constructions.instances import evaluate, incidence, normalize_kind

__all__ = ["Network", "Resources"]


@dataclass(frozen=True)
class Resources:
    """Resources counted from a built network (see module docstring)."""

    widths: tuple[int, ...]
    max_width: int
    total_neurons: int
    params_dense: int
    params_nonzero: int
    distinct_values: int
    bits_per_param: int
    layers: int


@dataclass(frozen=True, eq=False)
class Network:
    """A built network in the model of SPEC §1.

    ``instance`` is the problem instance it computes: for a permutation an int array
    ``(m_prime,)`` with ``y_j = x[instance[j]]``; for pairwise AND an int array
    ``(m_prime, 2)`` with ``y_j = x[a] AND x[b]``. ``meta`` records the construction's
    chosen constants (for reports); it is not part of the model.

    >>> import scipy.sparse as sp, numpy as np
    >>> net = Network("permutation", 2, 2, 1, np.array([1, 0]),
    ...               E=sp.identity(2, format="csr"),
    ...               weights=(sp.csr_matrix([[0.0, 1.0], [1.0, 0.0]]),),
    ...               biases=(np.zeros(2),), D=sp.identity(2, format="csr"),
    ...               theta=np.full(2, 0.5))
    >>> net.forward(np.array([[1, 0], [0, 1]])).astype(int).tolist()
    [[0, 1], [1, 0]]
    >>> net.resources().params_dense, net.resources().bits_per_param
    (6, 1)
    """

    kind: str
    m: int
    m_prime: int
    k: int
    instance: np.ndarray
    E: sp.csr_matrix
    weights: tuple[sp.csr_matrix, ...]
    biases: tuple[np.ndarray, ...]
    D: sp.csr_matrix
    theta: np.ndarray
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        normalize_kind(self.kind)  # raises ValueError naming the accepted families
        if len(self.weights) != len(self.biases) or not self.weights:
            raise ValueError("weights and biases must be non-empty and of equal length")
        if self.E.shape[1] != self.m:
            raise ValueError(f"E must have m={self.m} columns (got {self.E.shape})")
        prev = self.E.shape[0]
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True), start=1):
            if w.shape[1] != prev or b.shape != (w.shape[0],):
                raise ValueError(f"layer {i}: W{i} {w.shape} / b{i} {b.shape} do not chain")
            prev = w.shape[0]
        if self.D.shape != (self.m_prime, prev) or self.theta.shape != (self.m_prime,):
            raise ValueError(f"D must be ({self.m_prime}, {prev}) and theta ({self.m_prime},)")

    # ------------------------------------------------------------------ model
    @property
    def num_layers(self) -> int:
        return len(self.weights)

    @property
    def widths(self) -> tuple[int, ...]:
        return (self.E.shape[0], *(w.shape[0] for w in self.weights))

    @cached_property
    def _transposed(self) -> tuple[sp.csr_matrix, ...]:
        """``E.T`` and every ``W_l.T`` as CSR (computed once; used for sparse batches)."""
        return tuple(sp.csr_matrix(m.T) for m in (self.E, *self.weights))

    def hidden(self, x: np.ndarray | sp.spmatrix) -> np.ndarray:
        """Last hidden layer ``h_L`` for a batch ``x`` of shape ``(batch, m)``."""
        xs = sp.csr_matrix(x, dtype=np.float64)
        h: Any = xs @ self._transposed[0]  # sparse (batch, d)
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True), start=1):
            # a sparse h is multiplied by the cached CSR transpose, exactly the conversion
            # scipy would otherwise redo on every call
            z = h @ self._transposed[i] if sp.issparse(h) else h @ w.T
            z = z.toarray() if sp.issparse(z) else np.asarray(z)
            h = np.maximum(z + b, 0.0)
        return np.asarray(h)

    def forward(self, x: np.ndarray | sp.spmatrix) -> np.ndarray:
        """Boolean outputs ``(batch, m_prime)`` for a batch of inputs ``(batch, m)``.

        When ``h_L`` is mostly zero the decoder product is taken sparse; the sums are
        accumulated over the same terms in the same order as the dense product (the
        skipped terms are exact zeros), so the outputs are identical.
        """
        h = self.hidden(x)
        if not h.size:
            z = np.zeros((h.shape[0], self.m_prime))
        elif np.count_nonzero(h) <= 0.25 * h.size:
            z = (self.D @ sp.csr_matrix(h).T).toarray().T
        else:
            z = np.asarray(self.D @ h.T).T
        return z > self.theta

    @property
    def family(self) -> str:
        """The problem family the network computes (:data:`instances.FAMILIES`)."""
        return normalize_kind(self.kind)

    @cached_property
    def _incidence(self) -> tuple[sp.csr_matrix, float]:
        return incidence(self.instance, self.m)

    def target(self, x: np.ndarray | sp.spmatrix) -> np.ndarray:
        """The exact outputs ``f(x)`` of the instance, ``(batch, m_prime)`` booleans.

        A feature counts as active when its entry is nonzero
        (:func:`bounds.constructions.instances.evaluate`, incidence built once).
        """
        return evaluate(self.kind, self.instance, x, self.m, inc=self._incidence)

    # -------------------------------------------------------------- resources
    def resources(self) -> Resources:
        """Count widths, parameters and bits per parameter from the built object."""
        widths = self.widths
        dense = sum(widths[i] * widths[i + 1] + widths[i + 1] for i in range(len(widths) - 1))
        nnz_w = sum(int(sp.csr_matrix(w).count_nonzero()) for w in self.weights)
        nnz_b = sum(int(np.count_nonzero(b)) for b in self.biases)
        nonzero = nnz_w + nnz_b
        values: set[float] = set()
        for w in self.weights:
            values.update(np.unique(sp.csr_matrix(w).data).tolist())
        for b in self.biases:
            values.update(np.unique(b).tolist())
        values.discard(0.0)
        distinct = len(values) + (1 if nonzero < dense else 0)
        bits = max(1, math.ceil(math.log2(distinct))) if distinct > 1 else 1
        return Resources(
            widths=widths,
            max_width=max(widths),
            total_neurons=sum(widths[1:]),
            params_dense=dense,
            params_nonzero=nonzero,
            distinct_values=distinct,
            bits_per_param=bits,
            layers=self.num_layers,
        )

    # ---------------------------------------------------------------- export
    def to_networkx(self) -> nx.DiGraph:
        """DiGraph: nodes ``("u", i)``, ``("h", l, i)``, ``("y", j)``; weighted edges."""
        g = nx.DiGraph(kind=self.kind, m_prime=self.m_prime)
        d = self.E.shape[0]
        g.add_nodes_from((("u", i) for i in range(d)), layer=0)
        prev = [("u", i) for i in range(d)]
        for ell, (w, b) in enumerate(zip(self.weights, self.biases, strict=True), start=1):
            cur = [("h", ell, i) for i in range(w.shape[0])]
            g.add_nodes_from(
                (node, {"layer": ell, "bias": float(b[i])}) for i, node in enumerate(cur)
            )
            coo = sp.coo_matrix(w)
            keep = coo.data != 0
            g.add_weighted_edges_from(
                (prev[c], cur[r], float(v))
                for r, c, v in zip(coo.row[keep], coo.col[keep], coo.data[keep], strict=True)
            )
            prev = cur
        outs = [("y", j) for j in range(self.m_prime)]
        g.add_nodes_from(
            (node, {"layer": self.num_layers + 1, "theta": float(self.theta[j])})
            for j, node in enumerate(outs)
        )
        coo = sp.coo_matrix(self.D)
        keep = coo.data != 0
        g.add_weighted_edges_from(
            (prev[c], outs[r], float(v))
            for r, c, v in zip(coo.row[keep], coo.col[keep], coo.data[keep], strict=True)
        )
        return g

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The ``.npz`` contract as a dict of arrays (see module docstring)."""
        out: dict[str, np.ndarray] = {
            "kind": np.array(self.kind),
            "m": np.array(self.m),
            "m_prime": np.array(self.m_prime),
            "k": np.array(self.k),
            "num_layers": np.array(self.num_layers),
            "instance": np.asarray(self.instance, dtype=np.int64),
            "theta": np.asarray(self.theta, dtype=np.float64),
        }
        mats = {"E": self.E, "D": self.D}
        mats.update({f"W{i}": w for i, w in enumerate(self.weights, start=1)})
        for name, mat in mats.items():
            coo = sp.coo_matrix(mat)
            out[f"{name}_shape"] = np.array(coo.shape, dtype=np.int64)
            out[f"{name}_row"] = coo.row.astype(np.int64)
            out[f"{name}_col"] = coo.col.astype(np.int64)
            out[f"{name}_val"] = coo.data.astype(np.float64)
        for i, b in enumerate(self.biases, start=1):
            out[f"b{i}"] = np.asarray(b, dtype=np.float64)
        return out

    def save_npz(self, path: str | os.PathLike[str]) -> Path:
        """Write the ``.npz`` contract atomically (temp file, then rename)."""
        from bounds.files import atomic_write

        arrays = self.to_arrays()
        return atomic_write(path, lambda fh: np.savez_compressed(fh, **arrays))

    @classmethod
    def load_npz(cls, path: str | os.PathLike[str]) -> Network:
        """Read a network written by :meth:`save_npz`."""
        with np.load(path, allow_pickle=False) as z:

            def mat(name: str) -> sp.csr_matrix:
                shape = tuple(int(s) for s in z[f"{name}_shape"])
                return sp.csr_matrix(
                    (z[f"{name}_val"], (z[f"{name}_row"], z[f"{name}_col"])), shape=shape
                )

            layers = int(z["num_layers"])
            return cls(
                kind=str(z["kind"]),
                m=int(z["m"]),
                m_prime=int(z["m_prime"]),
                k=int(z["k"]),
                instance=np.array(z["instance"]),
                E=mat("E"),
                weights=tuple(mat(f"W{i}") for i in range(1, layers + 1)),
                biases=tuple(np.array(z[f"b{i}"]) for i in range(1, layers + 1)),
                D=mat("D"),
                theta=np.array(z["theta"]),
            )
