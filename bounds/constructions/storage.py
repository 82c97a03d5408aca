"""Compact storage of weight matrices (issue 9 item 5): CSR whose float64 values are a
small table indexed by small unsigned integer codes.

The clip constructions' matrices take few distinct values: the code ``E`` holds ``±1/√s``
(one value for the unsigned Reed–Solomon code), the first layer ``W₁ = κ·(B e_intᵀ)`` the
values ``fl(n·κ)`` for small integers ``n``. :class:`CodedCSR` stores per entry a 1- or
2-byte code and the table of values (``value = table[code]``) instead of 8 bytes of float64:
at m′ = 10⁶ C1d's ``E`` and ``W₁`` (4.05·10⁸ entries) take 1.9 GB instead of 4.9 GB.

It *is* a ``scipy.sparse.csr_matrix`` (float64, same indices and index pointers): the first
read of ``.data`` materializes ``table[codes]`` — the same bits the float64 builders stored —
and from then on it is an ordinary CSR matrix (the codes are dropped, so that writes to
``.data`` are the matrix's values). Code that needs only the structure and the values
chunk by chunk (:mod:`bounds.constructions.certify`) reads them with :func:`values`, which
never materializes the whole array.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

__all__ = ["CodedCSR", "coded_parts", "row_block", "rows_of", "scaled_integer_product",
           "stored_bytes", "values", "values_at"]

#: integer products computed at once by :func:`scaled_integer_product` (≈ 200 MB of
#: temporaries): large enough that each chunk's arrays (≥ 32 MB) are mmap-ed by glibc's
#: malloc and returned to the OS when the chunk is released during the fill (smaller ones come
#: from the heap, whose freed space the result's large arrays do not reuse)
_CHUNK = 1 << 25


def _code_dtype(n: int) -> np.dtype:
    """Least unsigned dtype holding codes ``0 .. n − 1``."""
    return np.dtype(np.uint8 if n <= 1 << 8 else np.uint16 if n <= 1 << 16 else np.uint32)


class CodedCSR(sp.csr_matrix):
    """CSR matrix with values ``table[codes]`` until ``.data`` is first read (module
    docstring). Build it with :meth:`from_codes`; scipy's own constructors (slices, copies,
    arithmetic) give instances holding ordinary ``data``.

    >>> m = CodedCSR.from_codes(np.array([1, 0, 1], np.uint8), np.array([-0.5, 0.5]),
    ...                         np.array([0, 2, 1]), np.array([0, 2, 3]), (2, 3))
    >>> coded_parts(m) is not None, m.dtype.name, m.nnz, values(m, 1, 3).tolist()
    (True, 'float64', 3, [-0.5, 0.5])
    >>> m.toarray().tolist(), coded_parts(m) is None
    ([[0.5, 0.0, -0.5], [0.0, 0.5, 0.0]], True)
    """

    @classmethod
    def from_codes(cls, codes: np.ndarray, table: np.ndarray, indices: np.ndarray,
                   indptr: np.ndarray, shape: tuple[int, int]) -> CodedCSR:
        """The CSR matrix ``(table[codes], indices, indptr)`` without forming its values.

        ``codes``: one unsigned integer per stored entry, each ``< table.size`` (checked; a
        zero-stride ``np.broadcast_to`` array stores one code for all); ``table`` float64.
        """
        codes, table = np.asarray(codes), np.asarray(table)
        if codes.ndim != 1 or codes.dtype.kind != "u" or table.dtype != np.float64:
            raise ValueError("codes must be 1-D unsigned integers and table float64")
        if codes.shape != np.shape(indices) or codes.size != int(indptr[-1]):
            raise ValueError("one code per stored entry (codes, indices, indptr[-1] agree)")
        if codes.size and int(codes.max()) >= table.size:
            raise ValueError(f"codes must be < table.size = {table.size}")
        placeholder = np.broadcast_to(np.float64(0.0), codes.shape)  # no memory
        obj = cls((placeholder, indices, indptr), shape=shape)
        obj.__dict__["_data"] = None
        obj.__dict__["_coded"] = (codes, table)
        return obj

    @property  # type: ignore[override]
    def data(self) -> np.ndarray:
        d = self.__dict__.get("_data")
        if d is None:
            if "_coded" not in self.__dict__:
                raise AttributeError("data")
            codes, table = self.__dict__.pop("_coded")
            d = self.__dict__["_data"] = table[codes]
        return d

    @data.setter
    def data(self, value: np.ndarray) -> None:
        self.__dict__.pop("_coded", None)
        self.__dict__["_data"] = value

    @data.deleter
    def data(self) -> None:
        self.__dict__.pop("_coded", None)
        self.__dict__["_data"] = None

    @property  # type: ignore[override]
    def dtype(self) -> np.dtype:
        coded = self.__dict__.get("_coded")
        return coded[1].dtype if coded is not None else self.data.dtype

    @dtype.setter
    def dtype(self, newtype: Any) -> None:
        self.data = self.data.view(newtype)


def coded_parts(mat: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """``(codes, table)`` of a :class:`CodedCSR` whose values are not materialized; None
    for any other matrix."""
    return mat.__dict__.get("_coded") if isinstance(mat, CodedCSR) else None


def values(mat: sp.csr_matrix, lo: int = 0, hi: int | None = None) -> np.ndarray:
    """float64 values of the stored entries ``lo:hi`` of a CSR/CSC matrix (of a
    :class:`CodedCSR` without materializing the others).

    >>> values(sp.csr_matrix(np.array([[0.0, 2.0], [3.0, 0.0]])), 1).tolist()
    [3.0]
    """
    coded = coded_parts(mat)
    if coded is None:
        return np.asarray(mat.data[lo:hi], dtype=np.float64)
    codes, table = coded
    return table[codes[lo:hi]]


def values_at(mat: sp.csr_matrix, pos: np.ndarray) -> np.ndarray:
    """float64 values of the stored entries at positions ``pos`` (of a :class:`CodedCSR`
    without materializing the others).

    >>> m = CodedCSR.from_codes(np.array([1, 0, 1], np.uint8), np.array([-0.5, 0.5]),
    ...                         np.array([0, 2, 1]), np.array([0, 2, 3]), (2, 3))
    >>> values_at(m, np.array([2, 1])).tolist(), coded_parts(m) is not None
    ([0.5, -0.5], True)
    """
    coded = coded_parts(mat)
    if coded is None:
        return np.asarray(mat.data[pos], dtype=np.float64)
    codes, table = coded
    return table[codes[pos]]


def row_block(mat: sp.csr_matrix, a: int, b: int) -> sp.csr_matrix:
    """Rows ``a:b`` of a CSR matrix as an ordinary float64 CSR matrix (the same entries in
    the same stored order; of a :class:`CodedCSR`, only these rows' values are formed).

    >>> m = CodedCSR.from_codes(np.array([1, 0, 1], np.uint8), np.array([-0.5, 0.5]),
    ...                         np.array([0, 2, 1]), np.array([0, 2, 3]), (2, 3))
    >>> row_block(m, 1, 2).toarray().tolist(), coded_parts(m) is not None
    ([[0.0, 0.5, 0.0]], True)
    """
    n = mat.shape[0]
    a, b = max(0, min(a, n)), max(0, min(b, n))
    b = max(a, b)
    lo, hi = int(mat.indptr[a]), int(mat.indptr[b])
    out = sp.csr_matrix((values(mat, lo, hi), mat.indices[lo:hi],
                         np.asarray(mat.indptr[a:b + 1], np.int64) - lo),
                        shape=(b - a, mat.shape[1]))
    out.has_sorted_indices = bool(mat.has_sorted_indices)
    return out


def rows_of(mat: sp.csr_matrix, rows: np.ndarray) -> sp.csr_matrix:
    """``mat[rows]`` (any row order, repeats allowed) as an ordinary float64 CSR matrix, the
    same entries in the same stored order per row as ``mat[rows]``, without forming the
    values of the other rows of a :class:`CodedCSR`.

    >>> m = sp.csr_matrix(np.array([[0.0, 2.0], [3.0, 4.0]]))
    >>> rows_of(m, np.array([1, 1, 0])).toarray().tolist()
    [[3.0, 4.0], [3.0, 4.0], [0.0, 2.0]]
    """
    rows = np.asarray(rows, dtype=np.int64).ravel()
    starts = np.asarray(mat.indptr, np.int64)[rows]
    lens = np.asarray(mat.indptr, np.int64)[rows + 1] - starts
    indptr = np.zeros(rows.size + 1, np.int64)
    np.cumsum(lens, out=indptr[1:])
    pos = (np.repeat(starts - indptr[:-1], lens) + np.arange(int(indptr[-1]), dtype=np.int64)
           if rows.size else np.zeros(0, np.int64))
    out = sp.csr_matrix((values_at(mat, pos), mat.indices[pos], indptr),
                        shape=(rows.size, mat.shape[1]))
    out.has_sorted_indices = bool(mat.has_sorted_indices)
    return out


def stored_bytes(mat: sp.spmatrix) -> int:
    """Bytes of a CSR/CSC matrix's arrays as stored (codes + table when coded)."""
    coded = coded_parts(mat)
    if coded is None:
        vals = mat.data.nbytes
    else:  # a zero-stride code array holds one code
        vals = (coded[0].itemsize if coded[0].strides == (0,) else coded[0].nbytes) \
            + coded[1].nbytes
    return int(mat.indices.nbytes + mat.indptr.nbytes + vals)


def _max_abs(a: sp.spmatrix, step: int = 1 << 22) -> float:
    """``max |value|`` over the stored entries (0 if none), in chunks (no full copy)."""
    return max((float(np.abs(values(a, lo, lo + step)).max()) for lo in range(0, a.nnz, step)),
               default=0.0)


def _small_int(a: sp.spmatrix, name: str) -> sp.spmatrix:
    """``a`` (CSR/CSC kept) after checking that it holds integers of magnitude < 2^15."""
    a = a if sp.issparse(a) else sp.csr_matrix(a)  # CSC stays CSC: its .T is CSR
    ok = _max_abs(a) < 1 << 15
    if ok and a.dtype.kind not in "biu":
        step = 1 << 22
        ok = all(np.array_equal(v, np.rint(v)) for v in
                 (values(a, lo, lo + step) for lo in range(0, a.nnz, step)))
    if not ok:
        raise ValueError(f"{name} must hold integers of magnitude < 2^15")
    return a


def _as_int(a: sp.spmatrix, it: type) -> np.ndarray:
    """The stored values of ``a`` (small integers, checked by :func:`_small_int`) as ``it``,
    without a float64 copy of an uncoded matrix's values."""
    return values(a).astype(it) if coded_parts(a) is not None else a.data.astype(it)


def scaled_integer_product(M: sp.spmatrix, e_int: sp.spmatrix, scale: float) -> CodedCSR:
    """``scale · (M e_intᵀ)`` with sorted rows and no stored zeros, as :class:`CodedCSR`:
    codes ``n − n_min`` of the integer entries ``n`` and the table ``fl(float(n)·scale)``
    (both factors must hold integers of magnitude < 2^15).

    The layer ``W₁ = −λ/√s · B e_intᵀ`` of the clip constructions. The integer product is
    exact (computed in int16 when ``max_row Σ|M| · max|e_int| < 2^15``, else int32), row
    chunk by row chunk (≈ 2^25 products each); each value is ``float(n) · scale``, the same
    bits as the float64 product (whose sums of small integers are exact too) times
    ``scale``, in the same stored order (sorted columns per row). Peak memory: the chunks'
    indices and integer values (6 bytes per entry), then the result (5: int32 index +
    uint8 code), against 20 for the float64 product scaled out of place.

    >>> M = sp.csr_matrix(np.array([[1.0, 1.0], [0.0, 3.0]]))
    >>> e = sp.csr_matrix(np.array([[1.0, -1.0], [1.0, 1.0]]))
    >>> w = scaled_integer_product(M, e, 0.5)
    >>> coded_parts(w)[1].tolist(), w.toarray().tolist()
    ([-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5], [[0.0, 1.0], [-1.5, 1.5]])
    """
    M = sp.csr_matrix(_small_int(M, "M")) if not sp.isspmatrix_csr(M) else _small_int(M, "M")
    e = _small_int(e_int, "e_int")
    et = e.T if e.format == "csc" else sp.csr_matrix(e.T)  # CSR (features × coordinates)
    row_abs = np.abs(M).sum(axis=1) if M.nnz else np.zeros(1)
    bound = float(np.max(row_abs)) * _max_abs(et)
    it = np.int16 if bound < 1 << 15 else np.int32
    if M.dtype != it:
        M = sp.csr_matrix((_as_int(M, it), M.indices, M.indptr), shape=M.shape)
    if et.dtype != it:
        et = sp.csr_matrix((_as_int(et, it), et.indices, et.indptr), shape=et.shape)
    n_row, n_col = M.shape[0], et.shape[1]
    # products before each row: prefix sums of the products per stored entry of M (exact)
    work = np.zeros(M.nnz + 1, np.int64)
    np.cumsum(np.diff(et.indptr)[M.indices], out=work[1:])
    row_work = work[M.indptr]
    del work
    cuts = np.unique(np.concatenate([[0], np.searchsorted(
        row_work, np.arange(_CHUNK, row_work[-1] + 1, _CHUNK), side="right") - 1, [n_row]]))
    chunks: list[tuple[np.ndarray, np.ndarray] | None] = []
    lens = np.zeros(n_row, np.int64)
    lo_n, hi_n = 0, 0  # range of the integer entries (0 when there are none)
    seen = False
    for a, b in zip(cuts[:-1], cuts[1:], strict=True):
        if b <= a:
            continue
        q = sp.csr_matrix(M[a:b] @ et)
        q.eliminate_zeros()
        q.sort_indices()
        lens[a:b] = np.diff(q.indptr)
        if q.nnz:
            qlo, qhi = int(q.data.min()), int(q.data.max())
            lo_n, hi_n = (min(lo_n, qlo), max(hi_n, qhi)) if seen else (qlo, qhi)
            seen = True
        chunks.append((q.indices.astype(np.int32, copy=False), q.data))
    nnz = int(lens.sum())
    big = max(nnz, n_col) >= np.iinfo(np.int32).max
    idx_t = np.int64 if big else np.int32
    indptr = np.zeros(n_row + 1, idx_t)
    np.cumsum(lens, out=indptr[1:])
    levels = max(hi_n - lo_n + 1, 1)
    table = np.arange(lo_n, lo_n + levels, dtype=np.int64).astype(np.float64) * scale
    indices = np.empty(nnz, idx_t)
    codes = np.empty(nnz, _code_dtype(levels))
    pos = 0
    for i, part in enumerate(chunks):  # fill the result while the chunks are released
        assert part is not None
        idx, val = part
        indices[pos:pos + idx.size] = idx
        codes[pos:pos + idx.size] = val - lo_n
        pos += idx.size
        chunks[i] = None
        del idx, val, part
    out = CodedCSR.from_codes(codes, table, indices, indptr, (n_row, n_col))
    out.has_sorted_indices = True
    return out
