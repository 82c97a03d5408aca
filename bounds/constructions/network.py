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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from bounds.constructions.instances import evaluate, incidence, normalize_kind
from bounds.constructions.storage import scaled_integer_product  # re-exported

__all__ = ["Network", "Resources", "scaled_integer_product"]

#: entries the sparse forward pass gathers at once (≈ 100 MB of temporaries); a batch
#: whose gathers would exceed it is split in halves before they are allocated
_WORK = 1 << 23


@dataclass(frozen=True)
class _Lit:
    """What an input batch changes: last-layer units and outputs off their rest value.

    ``unit_b, unit_i, unit_v``: batch row, unit and value of ``h_L`` at every unit a lit
    unit of ``h_{L-1}`` reaches (values may equal the rest value); ``out_b, out_j,
    out_y``: batch row, output and boolean output of every output that differs from rest.
    They are given as ``out``, or, when the decoder ran dense, as the block ``y`` of all
    the rows' outputs (``(batch, m′)``; derived on demand against ``y_rest``).
    """

    batch: int
    unit_b: np.ndarray
    unit_i: np.ndarray
    unit_v: np.ndarray
    out: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    y: np.ndarray | None = None
    y_rest: np.ndarray | None = None

    @cached_property
    def _out(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self.out is not None:
            return self.out
        flip = np.flatnonzero(self.y != self.y_rest)
        mp = self.y.shape[1]
        return flip // mp, flip % mp, self.y.reshape(-1)[flip]

    @property
    def out_b(self) -> np.ndarray:
        return self._out[0]

    @property
    def out_j(self) -> np.ndarray:
        return self._out[1]

    @property
    def out_y(self) -> np.ndarray:
        return self._out[2]


def _ranges(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Concatenated ``arange(starts[t], starts[t] + lens[t])`` (a CSR/CSC gather).

    >>> _ranges(np.array([5, 0]), np.array([2, 3])).tolist()
    [5, 6, 0, 1, 2]
    """
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(lens) - lens
    return np.repeat(starts.astype(np.int64) - offsets, lens) + np.arange(total)


def _row_dots(a: np.ndarray, x: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """``Σ a·x`` over consecutive runs of ``lens`` terms, left to right from 0.0.

    The same kernel (``csr_matvec``: ``sum += a * x``) and order as scipy's sparse
    product of a CSR row with a dense vector, hence the same bits.

    >>> _row_dots(np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 2.0]), np.array([2, 1, 0]))
    array([3., 6., 0.])
    """
    indptr = np.zeros(lens.size + 1, dtype=np.int64)
    np.cumsum(lens, out=indptr[1:])
    mat = sp.csr_matrix((a, np.arange(a.size), indptr), shape=(lens.size, a.size))
    return np.asarray(mat @ x)


def _matmat(a: sp.csr_matrix, b: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``a @ b`` as ``(row, col, value)`` of its stored entries (int64 rows and columns;
    :func:`_matmat_csr` gives the CSR arrays).

    >>> a = sp.csr_matrix(np.array([[1.0, 0.0], [2.0, 3.0]]))
    >>> r, c, v = _matmat(a, sp.csr_matrix(np.array([[0.0, 1.0], [4.0, 0.0]])))
    >>> sp.coo_matrix((v, (r, c)), shape=(2, 2)).toarray().tolist()
    [[0.0, 1.0], [12.0, 2.0]]
    """
    indptr, indices, data = _matmat_csr(a, b)
    return (np.repeat(np.arange(a.shape[0], dtype=np.int64), np.diff(indptr)),
            indices.astype(np.int64), data)


def _matmat_csr(a: sp.csr_matrix, b: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``a @ b`` as the CSR arrays ``(indptr, indices, data)`` of its stored entries, in the
    order scipy stores them: scipy's own kernel (``csr_matmat``, hence the same bits),
    without its symbolic pass (``csr_matmat_maxnnz``, a second walk over every touched
    entry) and without the format checks of the wrapping matrices: the output is sized by the bound
    ``Σ_rows min(Σ_{j ∈ row} nnz(b_j), n_cols)``.

    >>> a = sp.csr_matrix(np.array([[1.0, 0.0], [2.0, 3.0]]))
    >>> p, c, v = _matmat_csr(a, sp.csr_matrix(np.array([[0.0, 1.0], [4.0, 0.0]])))
    >>> p.tolist(), c.tolist(), v.tolist()
    ([0, 1, 3], [1, 0, 1], [1.0, 12.0, 2.0])
    """
    from scipy.sparse._sparsetools import csr_matmat

    n_row, n_col = a.shape[0], b.shape[1]
    per = np.diff(b.indptr)[a.indices]
    rows = np.repeat(np.arange(n_row), np.diff(a.indptr))
    bound = int(np.minimum(np.bincount(rows, weights=per, minlength=n_row), n_col).sum())
    if bound == 0:
        return np.zeros(n_row + 1, np.int64), np.zeros(0, np.int64), np.zeros(0)
    big = max(bound, a.nnz, b.nnz, n_row, n_col, a.shape[1]) >= np.iinfo(np.int32).max
    it = np.int64 if big else np.int32
    indptr, indices = np.empty(n_row + 1, it), np.empty(bound, it)
    data = np.empty(bound, np.result_type(a.dtype, b.dtype))
    csr_matmat(n_row, n_col, a.indptr.astype(it, copy=False), a.indices.astype(it, copy=False),
               a.data, b.indptr.astype(it, copy=False), b.indices.astype(it, copy=False),
               b.data, indptr, indices, data)
    nnz = int(indptr[-1])
    return indptr, indices[:nnz], data[:nnz]


def _sorted_unique(a: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting (numpy's hash path is slower on these key arrays)."""
    a = np.sort(a)
    if a.size:
        a = a[np.concatenate([[True], a[1:] != a[:-1]])]
    return a


def _changed(key: np.ndarray, val: np.ndarray, rest: np.ndarray, n: int
             ) -> tuple[np.ndarray, np.ndarray]:
    """Drop the entries whose value has the rest value's exact bits (they change nothing)."""
    keep = val.view(np.int64) != rest[key % n].view(np.int64)
    return key[keep], val[keep]


def _next_layer(w: sp.csr_matrix, wc: sp.csc_matrix, key: np.ndarray, val: np.ndarray,
                rest: np.ndarray, budget: float) -> tuple[np.ndarray, np.ndarray] | None:
    """Rows of ``w`` reading a lit unit, each summed over its whole stored row.

    ``key = b·n_prev + j`` (sorted) and ``val``: lit units of the previous layer; other
    units hold ``rest``. Returns ``(pair keys b·n + i, row sums)`` or None when the
    gathers would exceed ``budget`` entries (nothing allocated yet).
    """
    n_prev, n = w.shape[1], w.shape[0]
    dj, db = key % n_prev, key // n_prev
    lens = np.diff(wc.indptr)[dj]
    if lens.sum() > budget:
        return None
    idx = _ranges(wc.indptr[dj], lens)
    pair = _sorted_unique(np.repeat(db, lens) * n + wc.indices[idx])
    sums = _row_sums(w, key, val, rest, pair // n, pair % n, budget)
    return None if sums is None else (pair, sums)


def _row_sums(w: sp.csr_matrix, key: np.ndarray, val: np.ndarray, rest: np.ndarray,
              pb: np.ndarray, pi: np.ndarray, budget: float) -> np.ndarray | None:
    """``(W h_b)_i`` for the pairs ``(pb, pi)`` (batch row, row of ``w``; ``pb``
    ascending), each summed over the whole stored row of ``w`` in its stored order from
    0.0 (:func:`_row_dots`: the dense pass's kernel and order, hence its bits); ``h_b`` is
    ``val`` at the sorted keys ``key = b·n_prev + j`` and ``rest`` elsewhere. None when the
    gathers would exceed ``budget`` entries."""
    n_prev = w.shape[1]
    rl = w.indptr[pi + 1] - w.indptr[pi]
    if rl.sum() > budget:
        return None
    ridx = _ranges(w.indptr[pi], rl)
    jcol = w.indices[ridx]
    look = np.repeat(pb, rl) * n_prev + jcol
    rows = int(key[-1]) // n_prev + 1 if key.size else 0  # the table holds every lit key
    if look.size and rows * n_prev <= min(budget, 4 * look.size):  # cheaper to read
        table = np.tile(rest, rows)
        table[key] = val
        hv = table[look]
    else:
        pos = np.minimum(np.searchsorted(key, look), max(key.size - 1, 0))
        hv = np.where(key[pos] == look, val[pos], rest[jcol]) if key.size else rest[jcol]
    return _row_dots(w.data[ridx], hv, rl)


def _scatter_product(wc: sp.csc_matrix, wt: sp.csr_matrix, key: np.ndarray,
                     val: np.ndarray, batch: int,
                     budget: float) -> tuple[np.ndarray, np.ndarray] | None:
    """``h wᵀ`` for lit units ``(key, val)`` of a layer whose other units are 0.

    ``wc``'s CSC arrays are the CSR arrays of ``wᵀ``; the product reads only the columns of
    the lit units. With ``w``'s rows sorted and ``key`` sorted, each row's terms are summed
    in the row's stored order (the zero terms the dense pass adds are exact), so the bits
    are the dense pass's. Returns ``(keys b·n + i, sums)`` or None over ``budget``.
    """
    n, n_prev = wc.shape
    if np.diff(wc.indptr)[key % n_prev].sum() > budget:
        return None
    indptr = np.zeros(batch + 1, dtype=np.int64)
    np.cumsum(np.bincount(key // n_prev, minlength=batch), out=indptr[1:])
    hs = sp.csr_matrix((val, key % n_prev, indptr), shape=(batch, n_prev))
    zr, zc, zv = _matmat(hs, wt)
    return zr * n + zc, zv


def _layer(net: Network, li: int, key: np.ndarray, val: np.ndarray, batch: int,
           budget: float) -> tuple[np.ndarray, np.ndarray] | None:
    """Pre-activations ``W_l h_{l−1}`` (``li`` = index of ``W_l``, ``len(weights)`` = the
    decoder) at every unit or output a lit unit reaches: ``(keys, sums)`` or None."""
    w = net.D if li == net.num_layers else net.weights[li]
    rest = net._rest[0][li]
    key, val = _sort(key, val)
    if not rest.any() and _sorted_rows(w):
        return _scatter_product(net._columns[li], net._views[li], key, val, batch, budget)
    return _next_layer(net._rows[li], net._columns[li], key, val, rest, budget)


def _sorted_rows(w: sp.spmatrix) -> bool:
    return bool(w.format == "csr" and w.has_sorted_indices)


#: the first layer is accumulated densely (:func:`_clip_by_columns`) when its terms fill at
#: least this fraction of the ``(batch, n₁)`` accumulator (else scipy's product, whose
#: output lists only the units reached)
_DENSE_FILL = 0.25

#: entries of the dense accumulator at once (1 MB: it stays in a core's cache between
#: the column sums and the clip that reads it)
_BLOCK = 1 << 17


def _accumulate_pays(terms: int, batch: int, w1c: sp.csc_matrix, u: sp.csr_matrix) -> bool:
    return bool(terms >= _DENSE_FILL * batch * w1c.shape[0] and w1c.data.dtype == np.float64
                and u.data.dtype == np.float64 and w1c.indices.dtype == w1c.indptr.dtype)


def _clip_by_columns(w1c: sp.csc_matrix, u: sp.csr_matrix, b1: np.ndarray, b2: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray]:
    """The clip layers ``h₂ = ReLU(1·b₂ − ReLU(u W₁ᵀ + b₁))`` at the units that differ from
    rest (``fl(z + b₁) < 1``; every unit ``+0.0`` at rest): sorted keys ``b·n₁ + i``, values.

    ``z = u W₁ᵀ`` is summed into a dense ``(rows, n₁)`` block by scipy's ``csc_matvec``
    (``Y[i] += A[i, j]·x[j]`` column by column) over the columns of ``W₁`` of row ``b``'s lit
    code coordinates, in ``u``'s stored order, each column in its stored order: the terms
    and the order in which they reach each unit are those of ``csr_matmat`` (``sums[i] +=
    u[b, j]·Wᵀ[j, i]`` from 0.0; products commute), hence the same bits. The columns of one
    call are given by an interleaved pointer array ``(start₁, end₁, start₂, end₂, …)`` whose
    odd "columns" ``(end_t, start_{t+1})`` are empty as long as ``start_{t+1} ≤ end_t``
    (``u``'s coordinates descending; scipy lists each feature's code coordinates so); a row
    is cut into calls where that fails. No value stream is copied: each term is read once
    from ``W₁``'s CSC arrays. A unit no term reached holds ``0.0`` and ``fl(0 + b₁) = b₁``,
    which is not ``< 1`` (rest is ``+0.0``), so it is not kept — as when scipy's product
    leaves it (or a zero sum) out.
    """
    from scipy.sparse._sparsetools import csc_matvec

    batch, n1 = u.shape[0], w1c.shape[0]
    c, it = u.indices, w1c.indices.dtype
    start, end = w1c.indptr[c], w1c.indptr[c + 1]
    ap = np.empty(2 * c.size, it)
    ap[0::2], ap[1::2] = start, end
    xx = np.zeros(2 * c.size)
    xx[0::2] = u.data
    cut = np.zeros(c.size + 1, bool)
    cut[u.indptr] = True
    cut[1:-1] |= start[1:] > end[:-1]
    at = np.flatnonzero(cut)
    run_row = (np.searchsorted(u.indptr, at[:-1], side="right") - 1).tolist()
    block = max(1, min(batch, _BLOCK // max(n1, 1)))
    acc = np.zeros((block, n1))
    keys: list[np.ndarray] = []
    vals: list[np.ndarray] = []

    # fl(z + b₁) < 1 implies z + b₁ < 1 in the reals (rounding is monotone), hence
    # z < 1 − b₁ ≤ ``below``: a safe prefilter of the clip. 1 − b₁ is exact for
    # 1/2 ≤ b₁ ≤ 2 (Sterbenz); elsewhere the float above fl(1 − b₁) bounds it
    diff = 1.0 - b1
    below = np.where((b1 >= 0.5) & (b1 <= 2.0), diff, np.nextafter(diff, np.inf))

    def clip(r0: int, rows: int) -> None:
        z = acc[:rows]
        pos = np.flatnonzero(z < below)
        unit = pos % n1
        t = z.reshape(-1)[pos] + b1[unit]  # t = fl(z + b₁), as both passes add the bias
        lit = t < 1.0
        keys.append(pos[lit] + r0 * n1)
        vals.append(_neg_identity_layer(np.maximum(t[lit], 0.0), b2, unit[lit]))
        z.fill(0.0)

    r0, ind, dat = 0, w1c.indices, w1c.data
    for a, b, row in zip(at[:-1].tolist(), at[1:].tolist(), run_row, strict=True):
        if row >= r0 + block:
            clip(r0, block)
            r0 = row - row % block
        csc_matvec(n1, 2 * (b - a) - 1, ap[2 * a:2 * b], ind, dat, xx[2 * a:2 * b],
                   acc[row - r0])
    clip(r0, min(block, batch - r0))
    return np.concatenate(keys), np.concatenate(vals)


def _propagate_once(net: Network, xs: sp.csr_matrix, budget: float) -> _Lit | None:
    batch = xs.shape[0]
    u = sp.csr_matrix(xs @ net._code_t)  # exactly the dense pass's u = x Eᵀ
    w1c = net._columns[0]
    n1 = w1c.shape[0]
    terms = int(np.diff(w1c.indptr)[u.indices].sum())
    rest = net._rest[0]
    if net._clip_at_zero and _accumulate_pays(terms, batch, w1c, u):
        key, val = _clip_by_columns(w1c, u, net.biases[0], net.biases[1])
        return _later_layers(net, key, val, 2, batch, budget)
    if terms > budget:
        return None
    # the CSC arrays of W₁ are the CSR arrays of W₁ᵀ: u W₁ᵀ reads only the columns of the
    # lit code coordinates, summing the terms of each unit in the dense pass's order
    indptr, zc, zv = _matmat_csr(u, net._views[0])
    if net._clip_at_zero:
        # ReLU(1 − ReLU(z)) with every unit 0 at rest: a unit differs from rest iff
        # fl(z + b₁) < 1 (then 1 − h₁ > 0; else the clip gives +0.0), so only those are kept
        t = zv + net.biases[0][zc]
        pos = np.flatnonzero(t < 1.0)
        val = _neg_identity_layer(np.maximum(t[pos], 0.0), net.biases[1], zc[pos])
        first = 2
    else:
        val = np.maximum(zv + net.biases[0][zc], 0.0)
        first = 1
        if net.num_layers > 1 and net._neg_identity[1]:
            # W₂ = −I on every unit the product reached, before any key is formed: units it
            # did not reach hold rest[1], hence rest[2] (the same arithmetic), as before
            val = _neg_identity_layer(val, net.biases[1], zc)
            first = 2
        pos = np.flatnonzero(val.view(np.int64) != rest[first][zc].view(np.int64))
        val = val[pos]
    zr = np.searchsorted(indptr, pos, side="right") - 1
    key = zr * n1 + zc[pos]
    return _later_layers(net, key, val, first, batch, budget)


def _later_layers(net: Network, key: np.ndarray, val: np.ndarray, first: int, batch: int,
                  budget: float) -> _Lit | None:
    """Layers ``first .. L`` and the decoder from the lit units ``(key, val)`` of
    ``h_{first−1}`` (keys ``b·n + i``)."""
    rest = net._rest[0]
    for li in range(first, net.num_layers):
        w = net.weights[li]
        n = w.shape[0]
        if net._neg_identity[li]:  # W_l = −I: unit i reads unit i only (index arithmetic)
            key, val = _changed(key, _neg_identity_layer(val, net.biases[li], key % n),
                                rest[li + 1], n)
            continue
        if _dense_pays(key.size, batch, w, budget):
            h = np.tile(rest[li], (batch, 1))
            h.reshape(-1)[key] = val
            h = np.maximum(np.asarray(h @ w.T) + net.biases[li], 0.0)  # the dense pass
            key = np.flatnonzero(h.view(np.int64) != rest[li + 1].view(np.int64))
            val = h.reshape(-1)[key]
            continue
        out = _layer(net, li, key, val, batch, budget)
        if out is None:
            return None
        pair, zz = out
        key, val = _changed(pair, np.maximum(zz + net.biases[li][pair % n], 0.0),
                            rest[li + 1], n)
    n_l, mp = net.D.shape[1], net.m_prime
    y_rest = net._rest[1]
    if _dense_pays(key.size, batch, net.D, budget):
        # h_Lᵀ built C-contiguous: scipy's D @ hᵀ (csr_matvecs) then reads it without the
        # copy it makes of a transposed view; the same kernel and operands, the same bits
        ht = np.tile(rest[-1][:, None], (1, batch))
        ht.reshape(-1)[(key % n_l) * batch + key // n_l] = val
        y = (np.asarray(net.D @ ht) > net.theta[:, None]).T
        return _Lit(batch, key // n_l, key % n_l, val, y=y, y_rest=y_rest)
    counted = None
    if not rest[-1].any() and net._count_decoder is not None:
        counted = _decoder_counts(net, key, val, batch)
    if counted is not None:
        ob, oj, oy = counted
    elif not rest[-1].any() and _sorted_rows(net.D):
        out = _decoder_scatter(net, key, val, batch, budget)
        if out is None:
            return None
        ob, oj, oy = out
    else:
        out = _layer(net, net.num_layers, key, val, batch, budget)
        if out is None:
            return None
        pair, readout = out
        oj = pair % mp
        oy = readout > net.theta[oj]
        flip = oy != y_rest[oj]
        ob, oj, oy = pair[flip] // mp, oj[flip], oy[flip]
    return _Lit(batch, key // n_l, key % n_l, val, out=(ob, oj, oy))


def _decoder_scatter(net: Network, key: np.ndarray, val: np.ndarray, batch: int,
                     budget: float) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The outputs that differ from rest, ``(row, output, value)``, when the last hidden
    layer is 0 at rest: :func:`_scatter_product`'s product (scipy's kernel, the same bits),
    compared with ``θ`` in its CSR arrays, rows found only for the outputs that flip."""
    wc = net._columns[-1]
    n_l = wc.shape[1]
    key, val = _sort(key, val)
    unit = key % n_l
    if np.diff(wc.indptr)[unit].sum() > budget:
        return None
    indptr = np.zeros(batch + 1, dtype=np.int64)
    np.cumsum(np.bincount(key // n_l, minlength=batch), out=indptr[1:])
    hs = sp.csr_matrix((val, unit, indptr), shape=(batch, n_l))
    ip, oj, readout = _matmat_csr(hs, net._views[-1])
    theta = net.theta
    oy = readout > (theta[0] if net._theta_uniform else theta[oj])
    y_rest = net._rest[1]
    flip = np.flatnonzero(oy != y_rest[oj] if y_rest.any() else oy)
    return np.searchsorted(ip, flip, side="right") - 1, oj[flip].astype(np.int64), oy[flip]


#: the lit-term counts of the outputs (:func:`_decoder_counts`) are kept for this many
#: (row, output) slots at once (1 MB of uint8: a core's cache between the counts and the
#: scan that reads them)
_COUNT_BLOCK = 1 << 20

_HIGH = np.uint64(0x8080808080808080)


def _counting_pays(pairs: int, rows: int, m_prime: int) -> bool:
    """Is counting (:func:`_decoder_counts`) cheaper than scipy's product
    (:func:`_decoder_scatter`) for ``pairs`` (lit unit, owning output) terms over ``rows``
    batch rows? Costs in ns fitted on this machine (``benchmarks/bench_forward.py``,
    2026-12-03, C1/C2/C2d at m' = 10^4 and 10^5): counting ``3·pairs + 0.13·rows·m′ +
    4000·rows`` (the column adds, one scan of each row's slots, the per-row call),
    the product ``8·pairs + m′`` (its output list, its per-call state of m′ entries).

    >>> _counting_pays(5800 * 55, 55, 100_000), _counting_pays(180 * 30, 30, 100_000)
    (True, False)
    """
    return 5 * pairs + m_prime > 0.13 * rows * m_prime + 4000 * rows


def _decoder_counts(net: Network, key: np.ndarray, val: np.ndarray, batch: int
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The outputs that differ from rest, ``(row, output, value)``, found by counting.

    Assumptions (:attr:`Network._count_decoder`): ``h_L`` is ±0.0 at rest, every stored
    ``D`` entry is finite and ``>= 0``, every ``θ_j >= 0`` (so every output is off at
    rest), no row of ``D`` stores 128 entries or more. Let ``c_bj`` be the number of stored
    entries of ``D``'s row ``j`` at the lit units of row ``b`` and ``a`` a float ``>= d·h``
    for every stored ``d`` and lit ``h`` (``dmax·hmax`` rounded up). The dense pass sums the
    row in its stored order from 0.0; its unlit terms are ±0.0 (``h >= 0``) and leave the
    sum unchanged, each lit term is ``<= a``, so by the monotonicity of rounded addition the
    sum after ``i`` lit terms is ``<= S_i`` (``S_0 = 0``, ``S_{i+1} = fl(S_i + a)``,
    nondecreasing). Output ``j`` can be on only if ``S_{c_bj} > θ_j``, i.e. ``c_bj >=
    cmin_j`` (the first ``c`` with ``S_c > θ_j``).

    The counts are exact small integers: scipy's ``csc_matvec`` adds the 0/1 pattern of
    ``D``'s columns at the row's lit units (uint8: no value is read) onto ``128 − cmin_j``,
    so a slot reaches 128 (its high bit, tested 8 slots per uint64 word) iff ``c_bj >=
    cmin_j``; ``_COUNT_BLOCK`` slots at a time. Only those candidates are summed in floats,
    over their whole decoder row (:func:`_row_sums`: the dense pass's bits). The cost
    follows the lit units' decoder columns (index + 1-byte pattern per entry), one pass over
    the block per row and the candidates, without scipy's product list of every reached
    output. None when counting does not pay (:func:`_counting_pays`) or cannot prune
    (every ``cmin_j = 1``) or a lit value is not finite: the caller falls back to
    :func:`_decoder_scatter`.
    """
    from scipy.sparse._sparsetools import csc_matvec

    pattern, dmax, maxrow = net._count_decoder  # type: ignore[misc]
    wc, mp = net._columns[-1], net.m_prime
    n_l = wc.shape[1]
    key, val = _sort(key, val)
    empty = np.zeros(0, np.int64)
    if not key.size:
        return empty, empty, np.zeros(0, bool)
    unit, row = key % n_l, key // n_l
    pairs = int((wc.indptr[unit + 1] - wc.indptr[unit]).sum())
    rows = 1 + int(np.count_nonzero(row[1:] != row[:-1]))
    if not _counting_pays(pairs, rows, mp):
        return None
    hmax = float(val.max())
    if not 0.0 <= hmax < math.inf:  # NaN or inf among the lit units
        return None
    a = math.nextafter(dmax * hmax, math.inf)  # >= every d·h, also if the kernel fuses
    bound = [0.0]
    for _ in range(maxrow):
        bound.append(bound[-1] + a)
    levels, inverse = net._theta_levels
    cmin = np.searchsorted(bound, levels, side="right")  # >= 1 (θ >= 0); maxrow + 1: never on
    if cmin.max() <= 1:  # every reached output is a candidate: the product is cheaper
        return None
    if cmin.min() > maxrow:
        return empty, empty, np.zeros(0, bool)
    offset: Any = (128 - np.minimum(cmin, 128)).astype(np.uint8)  # + c_bj <= 127 + 126
    offset = offset[0] if levels.size == 1 else offset[inverse]
    # rows descending and units descending within a row: the odd "columns" (end_t,
    # start_{t+1}) of the interleaved pointers are empty (see _clip_by_columns)
    unit, row = unit[::-1], row[::-1]
    ap = np.empty(2 * unit.size, wc.indptr.dtype)
    ap[0::2], ap[1::2] = wc.indptr[unit], wc.indptr[unit + 1]
    xx = np.zeros(2 * unit.size, np.uint8)
    xx[0::2] = 1
    at = np.flatnonzero(np.concatenate([[True], row[1:] != row[:-1], [True]]))
    block = max(1, min(at.size - 1, _COUNT_BLOCK // max(mp, 1)))
    width = -(-mp // 8) * 8  # slots per row, padded to whole uint64 words (pads stay 0)
    counts = np.zeros((block, width), np.uint8)
    counts[:, :mp] = offset
    words = counts.view(np.uint64)
    high = np.empty_like(words)
    slot_row: list[int] = []
    found: list[np.ndarray] = [empty]

    def scan() -> None:
        used = len(slot_row)
        np.bitwise_and(words[:used], _HIGH, out=high[:used])
        w = np.flatnonzero(high[:used] != 0)  # (numpy's nonzero is slow on uint64)
        if w.size:
            hit = counts.reshape(-1, 8)[w] >= 128
            pos = (w[:, None] * 8 + np.arange(8))[hit]
            found.append(np.asarray(slot_row, np.int64)[pos // width] * mp + pos % width)
        counts[:used, :mp] = offset
        slot_row.clear()

    ind = wc.indices
    for s, e, r in zip(at[:-1].tolist(), at[1:].tolist(), row[at[:-1]].tolist(), strict=True):
        if len(slot_row) == block:
            scan()
        csc_matvec(mp, 2 * (e - s) - 1, ap[2 * s:2 * e], ind, pattern, xx[2 * s:2 * e],
                   counts[len(slot_row)])
        slot_row.append(r)
    scan()
    cand = _sorted_unique(np.concatenate(found))
    cb, cj = cand // mp, cand % mp
    readout = _row_sums(net._rows[-1], key, val, net._rest[0][-1], cb, cj, math.inf)
    on = readout > net.theta[cj]  # type: ignore[operator]
    return cb[on], cj[on], on[on]


def _neg_identity_layer(val: np.ndarray, bias: np.ndarray, unit: np.ndarray) -> np.ndarray:
    """``ReLU(−h + b)`` at the lit units of a layer whose weight matrix is ``−I``.

    scipy's product of a CSR row holding the single entry ``−1`` with ``h`` computes
    ``0.0 + (−1.0)·h``, which is ``0.0 − h`` bit for bit (``−0.0`` cannot arise), so this
    equals the sparse and dense passes exactly; units that are not lit keep the rest value.

    >>> _neg_identity_layer(np.array([0.0, 0.25, 3.0]), np.ones(3), np.arange(3)).tolist()
    [1.0, 0.75, 0.0]
    """
    return np.maximum((0.0 - val) + bias[unit], 0.0)


def _is_neg_identity(w: sp.spmatrix) -> bool:
    """Is ``w`` exactly ``−I`` (square, one stored ``−1`` per row on the diagonal)?

    >>> _is_neg_identity(-sp.identity(3, format="csr")), _is_neg_identity(sp.identity(3))
    (True, False)
    """
    w = sp.csr_matrix(w)
    n = w.shape[0]
    if w.shape != (n, n) or w.nnz != n:
        return False
    w = w.tocoo()
    return bool(np.all(w.row == w.col) and np.all(w.data == -1.0))


def _dense_pays(lit: int, batch: int, w: sp.spmatrix, budget: float) -> bool:
    """Compute a layer dense (the old arithmetic, same bits) when that is cheaper: about
    ``batch·(n_prev + n + nnz)`` element steps dense against ``10·lit·(1 + 3·nnz/n_prev)``
    sparse (gathers, searches), and its dense arrays fit in ``budget`` entries."""
    n, n_prev = w.shape
    nnz = w.nnz
    dense = batch * (n_prev + n + nnz)
    sparse = 10.0 * lit * (1.0 + 3.0 * nnz / max(n_prev, 1))
    return dense < sparse and batch * max(n_prev, n) <= budget


def _sort(key: np.ndarray, val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if key.size > 1 and np.any(key[1:] < key[:-1]):
        order = np.argsort(key, kind="stable")
        return key[order], val[order]
    return key, val


def _propagate(net: Network, xs: sp.csr_matrix, budget: float) -> _Lit:
    """:func:`_propagate_chunks` concatenated into one :class:`_Lit` for the whole batch."""
    return _concat(xs.shape[0], list(_propagate_chunks(net, xs, budget)))


def _propagate_chunks(net: Network, xs: sp.csr_matrix, budget: float
                      ) -> Iterator[tuple[int, _Lit]]:
    """:func:`_propagate_once` over chunks of ``budget // widest layer`` rows, halving a
    chunk while one of its gathers would exceed ``budget`` entries: yields ``(first row,
    lit)`` chunk by chunk, so that a consumer holds one chunk's lit units and outputs at a
    time (on inputs that light every output, C1d's 3-sparse inputs, they number
    ``rows · m′``)."""
    batch = xs.shape[0]
    chunk = max(1, int(budget // max(*net.widths, net.m_prime, 1)))
    starts = [0]
    if batch > 1:  # cut where the layer-1 gathers (estimated before the pass) fill the budget
        coords = np.diff(net._code_t.indptr)[xs.indices]  # code coordinates per active feature
        mean_col = net.weights[0].nnz / max(net.weights[0].shape[1], 1)
        per = np.bincount(np.repeat(np.arange(batch), np.diff(xs.indptr)),
                          weights=coords * mean_col, minlength=batch)
        cuts = np.searchsorted(np.cumsum(per), np.arange(1, int(per.sum() // budget) + 1) * budget)
        starts = sorted({0, *range(0, batch, chunk), *(int(c) for c in cuts if 0 < c < batch)})
    ends = [*starts[1:], batch]
    for a, b in zip(starts, ends, strict=True):
        yield from _split_chunks(net, xs[a:b] if (a, b) != (0, batch) else xs, budget, a)


def _split_chunks(net: Network, xs: sp.csr_matrix, budget: float, offset: int
                  ) -> Iterator[tuple[int, _Lit]]:
    batch = xs.shape[0]
    lit = _propagate_once(net, xs, budget if batch > 1 else math.inf)
    if lit is not None:
        yield offset, lit
        return
    mid = batch // 2
    yield from _split_chunks(net, xs[:mid], budget, offset)
    yield from _split_chunks(net, xs[mid:], budget, offset + mid)


def _concat(batch: int, parts: list[tuple[int, _Lit]]) -> _Lit:
    if len(parts) == 1 and parts[0][0] == 0 and parts[0][1].batch == batch:
        return parts[0][1]

    def cat(name: str, shift: bool) -> np.ndarray:
        return np.concatenate([getattr(p, name) + (s if shift else 0) for s, p in parts])

    return _Lit(batch, cat("unit_b", True), cat("unit_i", False), cat("unit_v", False),
                out=(cat("out_b", True), cat("out_j", False), cat("out_y", False)))


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
    def _code_t(self) -> sp.csr_matrix:
        """``E.T`` as CSR (rows = features): the code columns an input lights."""
        return sp.csr_matrix(self.E.T)

    @cached_property
    def _columns(self) -> tuple[sp.csc_matrix, ...]:
        """Every ``W_l`` and ``D`` in CSC form (column gathers of the lit units only).

        The one extra copy of the weights; its size is estimated (and reported) by
        :meth:`forward_memory` before it is allocated.
        """
        return tuple(sp.csc_matrix(m) for m in (*self.weights, self.D))

    @cached_property
    def _views(self) -> tuple[sp.csr_matrix, ...]:
        """``W_lᵀ`` and ``Dᵀ`` as CSR sharing the arrays of :attr:`_columns` (no copy; built
        once, since scipy scans the index arrays whenever such a matrix is constructed)."""
        return tuple(sp.csr_matrix((c.data, c.indices, c.indptr), shape=c.shape[::-1])
                     for c in self._columns)

    @cached_property
    def _theta_uniform(self) -> bool:
        """Do all outputs share one threshold (the decoder compares with a scalar)?"""
        return bool(self.theta.size and np.all(self.theta == self.theta[0]))

    @cached_property
    def _count_decoder(self) -> tuple[np.ndarray, float, int] | None:
        """For the counting decoder (:func:`_decoder_counts`): ``D``'s 0/1 pattern beside
        the CSC arrays of :attr:`_columns` (uint8), ``max(D)`` and the longest row; None
        unless every stored ``D`` entry is finite and ``>= 0``, every ``θ_j >= 0``, no row
        stores 128 entries or more and the CSC copy holds every stored entry."""
        d, wc = self.D, self._columns[-1]
        if not (d.nnz and np.all(np.isfinite(d.data)) and np.all(d.data >= 0)
                and np.all(self.theta >= 0) and wc.nnz == d.nnz
                and wc.indices.dtype == wc.indptr.dtype):
            return None
        maxrow = int(np.diff(sp.csr_matrix(d).indptr).max())
        if maxrow >= 128:
            return None
        return np.ones(wc.nnz, np.uint8), float(d.data.max()), maxrow

    @cached_property
    def _theta_levels(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct thresholds and each output's index among them."""
        levels, inverse = np.unique(self.theta, return_inverse=True)
        return levels, inverse.reshape(-1)

    @cached_property
    def _neg_identity(self) -> tuple[bool, ...]:
        """Per ``W_l``: is it ``−I`` (the clip layers; applied by index arithmetic)?"""
        return tuple(_is_neg_identity(w) for w in self.weights)

    @cached_property
    def _clip_at_zero(self) -> bool:
        """Layers 1-2 are the clip ``ReLU(1 − ReLU(z))`` (``W₂ = −I``, ``b₂ = 1``) and every
        clip unit is ``+0.0`` at the empty input (C1, C2, C1d, C2d)."""
        return bool(self.num_layers > 1 and self._neg_identity[1]
                    and np.all(self.biases[1] == 1.0)
                    and not np.any(self._rest[0][2].view(np.int64)))

    @cached_property
    def _rows(self) -> tuple[sp.csr_matrix, ...]:
        """Every ``W_l`` (l >= 2) and ``D`` as CSR with the stored order of the model."""
        return tuple(sp.csr_matrix(m) for m in (*self.weights, self.D))

    @cached_property
    def _rest(self) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
        """Hidden layers ``h_0 .. h_L`` and outputs at the empty input (dense, once).

        Computed with exactly the arithmetic of the dense forward pass, so that a unit
        no active feature reaches holds these bits in every input.
        """
        hs = [np.zeros(self.E.shape[0])]
        h = np.zeros((1, self.E.shape[0]))
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = np.zeros((1, w.shape[0])) if i == 0 else np.asarray(h @ w.T)
            h = np.maximum(z + b, 0.0)
            hs.append(h[0].copy())
        readout = np.asarray(self.D @ h.T).T[0] if h.size else np.zeros(self.m_prime)
        return tuple(hs), readout > self.theta

    def forward_memory(self) -> int:
        """Bytes of the copies the sparse forward pass keeps (:attr:`_columns`, ``Eᵀ``):
        12 per stored weight (value + int32 index) plus the column pointers, and 1 per
        stored decoder entry (the 0/1 pattern of the counting decoder, kept where it
        applies: :attr:`_count_decoder`; counted always, an upper bound).

        >>> import scipy.sparse as sp, numpy as np
        >>> Network("permutation", 1, 1, 1, np.array([0]), E=sp.identity(1, format="csr"),
        ...         weights=(sp.identity(1, format="csr"),), biases=(np.zeros(1),),
        ...         D=sp.identity(1, format="csr"), theta=np.full(1, 0.5)).forward_memory()
        85
        """
        mats = (self.E, *self.weights, self.D)
        return sum(12 * int(m.nnz) + 8 * (m.shape[1] + 1) for m in mats) + int(self.D.nnz)

    def _lit(self, x: np.ndarray | sp.spmatrix, budget: int = _WORK) -> _Lit:
        """Sparse forward pass: the units and outputs that differ from the empty input.

        Cost follows the lit units and the weights they touch: the code columns of the
        active features, the ``W_1`` columns of the lit code coordinates (a CSC gather),
        the rows of ``W_l`` that read a lit unit, the decoder columns of the lit units
        (where it pays, only their indices and a 1-byte pattern: :func:`_decoder_counts`
        counts each output's lit terms and sums in floats only the outputs whose count can
        pass ``θ``). Every value it computes is summed over the same terms in the same
        order as the dense pass (``u = x Eᵀ``, ``z₁ = u W₁ᵀ`` sparse; ``z_l = W_l h_{l−1}``
        row by row; ``D h_L`` row by row), and an output it does not sum is off in the
        dense pass too (a bound on the rounded sum), so the outputs are bit-identical to
        the dense pass.
        ``budget`` bounds the entries gathered at once (a larger batch is split).
        """
        xs = sp.csr_matrix(x, dtype=np.float64)
        return _propagate(self, xs, budget)

    def hidden(self, x: np.ndarray | sp.spmatrix) -> np.ndarray:
        """Last hidden layer ``h_L`` for a batch ``x`` of shape ``(batch, m)`` (dense)."""
        xs = sp.csr_matrix(x, dtype=np.float64)
        h = np.tile(self._rest[0][-1], (xs.shape[0], 1))
        for a, lit in _propagate_chunks(self, xs, _WORK):
            h[a + lit.unit_b, lit.unit_i] = lit.unit_v
        return h

    def forward(self, x: np.ndarray | sp.spmatrix) -> np.ndarray:
        """Boolean outputs ``(batch, m_prime)`` for a batch of inputs ``(batch, m)``.

        Computed by the sparse pass (:meth:`_lit`): outputs no lit unit reaches keep their
        value at the empty input; the others are summed over the decoder row in its
        stored order, as the dense product would (the zero terms it skips are exact),
        except outputs whose count of lit terms proves them off (:func:`_decoder_counts`).
        """
        xs = sp.csr_matrix(x, dtype=np.float64)
        y = np.tile(self._rest[1], (xs.shape[0], 1))
        for a, lit in _propagate_chunks(self, xs, _WORK):
            if lit.y is not None:  # the decoder ran dense: the chunk's outputs as a block
                y[a:a + lit.batch] = lit.y
            else:
                y[a + lit.out_b, lit.out_j] = lit.out_y
        return y

    def errors(self, x: np.ndarray | sp.spmatrix) -> np.ndarray:
        """Per input of the batch: is *any* output wrong (``forward(x) != target(x)``)?

        Never forms a ``(batch, m')`` array: compares only the outputs a lit unit
        reaches, the outputs reading an active feature (from the instance's
        feature → outputs index) and the outputs on at the empty input.

        >>> import scipy.sparse as sp, numpy as np
        >>> net = Network("permutation", 2, 2, 1, np.array([1, 0]),
        ...               E=sp.identity(2, format="csr"),
        ...               weights=(sp.csr_matrix([[0.0, 1.0], [1.0, 0.0]]),),
        ...               biases=(np.zeros(2),), D=sp.identity(2, format="csr"),
        ...               theta=np.full(2, 0.5))
        >>> net.errors(np.array([[1, 0], [0, 0]])).tolist()
        [False, False]
        """
        xs = sp.csr_matrix(x, dtype=np.float64)
        bad = np.zeros(xs.shape[0], bool)
        for a, lit in _propagate_chunks(self, xs, _WORK):  # one chunk's lit outputs at a time
            bad[a:a + lit.batch] = self._errors_of(xs[a:a + lit.batch], lit)
        return bad

    def _errors_of(self, xs: sp.csr_matrix, lit: _Lit) -> np.ndarray:
        """:meth:`errors` of the rows ``xs`` whose sparse pass is ``lit``."""
        mp = self.m_prime
        xb = sp.csr_matrix(xs, copy=True)
        xb.sum_duplicates()
        xb.data = (xb.data != 0).astype(np.float64)
        inc, need = self._incidence
        t = (xb @ inc).tocoo()
        t_key = t.row.astype(np.int64) * mp + t.col
        t_on = t.data >= need
        y_key = lit.out_b.astype(np.int64) * mp + lit.out_j
        keys = np.union1d(t_key, y_key)
        f = np.zeros(keys.size, bool)
        f[np.searchsorted(keys, t_key[t_on])] = True
        y_rest = self._rest[1]
        y = y_rest[keys % mp]
        y[np.searchsorted(keys, y_key)] = lit.out_y
        rows = keys // mp
        bad = np.zeros(lit.batch, bool)
        bad[rows[y != f]] = True
        on = np.flatnonzero(y_rest)
        if on.size:  # outputs on at the empty input are wrong wherever nothing reaches them
            seen = np.bincount(rows[y_rest[keys % mp]], minlength=lit.batch)
            bad |= seen < on.size
        return bad

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
