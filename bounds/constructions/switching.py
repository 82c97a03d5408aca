"""Permutation switching networks (SPEC §5): Beneš and Waksman, with the looping algorithm.

A *switch* is a 2x2 element with one 1-bit parameter: setting ``0`` (straight) sends
in-port ``p`` to out-port ``p``; setting ``1`` (crossed) sends in-port ``p`` to out-port
``1 - p``. A network of ``S`` switches therefore realises at most ``2^S`` permutations, so
routing every permutation of ``N`` needs ``S >= log2(N!)`` — the counting bound, the
classical analogue of the paper's A1 (Adler & Shavit, arXiv:2409.15318).

Permutation convention (used everywhere in this module): ``perm[i]`` is the **output
terminal reached by input terminal** ``i`` (the destination of input ``i``). So the label
entering at input ``i`` leaves at output ``perm[i]``.

Recursive construction (size ``n``, ``n1 = n // 2`` upper, ``n2 = n - n1`` lower):

* ``n = 1``: a wire; ``n = 2``: one switch;
* ``n >= 3``: a column of ``n1`` input switches on the input pairs ``(2i, 2i+1)`` (out-port
  0 to upper sub-network input ``i``, out-port 1 to lower input ``i``); the two
  sub-networks; a column of output switches on the output pairs ``(2j, 2j+1)`` (in-port 0
  from upper output ``j``, in-port 1 from lower output ``j``). For odd ``n`` the last
  input feeds lower input ``n1`` directly and the last output comes from lower output
  ``n1`` directly.
* **Beneš** (Beneš 1964; ``n = 2^q``): every output pair has a switch, giving
  ``(2q - 1) n / 2`` switches.
* **Waksman** (Waksman 1968; any ``n``, the arbitrary-size form of Beauquier & Darrot):
  for even ``n`` the last output pair has no switch (output ``n-2`` from upper output
  ``n1-1``, output ``n-1`` from lower output ``n1-1``), so
  ``W(n) = W(floor(n/2)) + W(ceil(n/2)) + n - 1`` and ``W(n) = sum_{i=1}^{n} ceil(log2 i)``
  (0, 1, 3, 5, 8, 11, 14, 17, ...).

Switch ids (the order of a settings vector) are pre-order: a network's input switches,
then its upper sub-network, then its lower sub-network, then its output switches.

Wiring arrays (the single source of truth; the networkx graph is built from them and
:func:`wiring_from_graph` recovers them from the graph): a *slot* is a driven port —
slot ``i < N`` is input terminal ``i``, slot ``N + 2k + p`` is out-port ``p`` of switch
``k``. ``feed[k, p]`` is the slot driving in-port ``p`` of switch ``k``; ``out_feed[j]``
the slot driving output terminal ``j``; ``column[k]`` a layering (every edge goes from a
smaller to a larger column).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

import networkx as nx
import numpy as np
import sympy

from bounds import counting as _counting
from bounds.validation import as_int

__all__ = [
    "GRAPH_VERIFY_MAX",
    "KINDS",
    "MAX_SIZE",
    "PROVENANCE",
    "RouteResult",
    "SwitchingNetwork",
    "benes",
    "build",
    "counting_bound",
    "accounting",
    "log2_factorial",
    "route_permutation",
    "switch_count",
    "validate_size",
    "waksman",
    "wiring_from_graph",
]

KINDS = ("benes", "waksman")

PROVENANCE = (
    "Classical result (Beneš 1964; Waksman 1968): switch count is exact; log2(N!) is the "
    "counting lower bound for any 1-bit-per-switch circuit."
)

#: Above this size :func:`route_permutation` verifies by the array replay of the same
#: wiring (:meth:`SwitchingNetwork.replay`) instead of a networkx traversal.
GRAPH_VERIFY_MAX = 4096

#: Largest accepted size (2^20: about 2e7 switches, a few hundred MB of wiring arrays).
MAX_SIZE = 2**20


# --------------------------------------------------------------------------- sizes
def validate_size(kind: str, size: Any) -> int:
    """Check ``kind`` and ``size``; return ``size`` as an int (SPEC §8 messages).

    Beneš needs a power of two in ``[2, MAX_SIZE]``, Waksman an integer in ``[1, MAX_SIZE]``.

    >>> validate_size("waksman", 12.0)
    12
    >>> validate_size("benes", 12)
    Traceback (most recent call last):
    ...
    ValueError: size must be a power of two in [2, 1048576] (got 12)
    """
    if kind == "benes":
        rule = f"a power of two in [2, {MAX_SIZE}]"
        try:
            n = as_int(size, "size", 2, MAX_SIZE)
        except ValueError:
            raise ValueError(f"size must be {rule} (got {size!r})") from None
        if n & (n - 1):
            raise ValueError(f"size must be {rule} (got {size!r})")
        return n
    if kind == "waksman":
        return as_int(size, "size", 1, MAX_SIZE)
    raise ValueError(f"kind must be one of {KINDS} (got {kind!r})")


@cache
def _count(n: int, waksman: bool) -> int:
    if n <= 1:
        return 0
    if n == 2:
        return 1
    n1 = n // 2
    n2 = n - n1
    n_out = n1 - 1 if (waksman and n % 2 == 0) else n1
    return n1 + n_out + _count(n1, waksman) + _count(n2, waksman)


def switch_count(kind: str, size: int) -> int:
    """Number of switches of the ``kind`` network on ``size`` terminals (by the recursion).

    Beneš: ``(2q - 1) N / 2`` for ``N = 2^q``; Waksman: ``sum_{i=1}^{N} ceil(log2 i)``.

    >>> switch_count("benes", 8), [switch_count("waksman", n) for n in range(1, 9)]
    (20, [0, 1, 3, 5, 8, 11, 14, 17])
    """
    n = validate_size(kind, size)
    return _count(n, kind == "waksman")


def log2_factorial(n: int) -> float:
    """``log2(n!)`` as a float: :func:`bounds.counting.log2_factorial` (the one copy).

    >>> log2_factorial(4) == math.log2(24)
    True
    >>> round(log2_factorial(65536), 3)
    954036.864
    """
    return float(_counting.log2_factorial(as_int(n, "n", 0)))


N_SYM, Q_SYM = sympy.symbols("N q", positive=True, integer=True)


def accounting(kind: str) -> dict[str, sympy.Expr]:
    """Closed-form switch counts (sympy), equal to :func:`switch_count` on every size.

    * Beneš on ``N = 2^q`` terminals: ``S = (2q − 1)·2^q / 2`` (recursion
      ``S(2N) = 2 S(N) + 2N``, ``S(2) = 1``), in the symbol ``q``;
    * Waksman on ``N`` terminals: ``S = Σ_{i=1}^{N} ⌈log₂ i⌉`` (a sympy ``Sum`` in ``N``).

    Each switch is one 1-bit parameter, so ``params = switches``, ``bits_per_param = 1``.
    Keys: ``size``, ``switches``, ``params``, ``bits_per_param``, ``symbol``.

    >>> a = accounting("benes")
    >>> a["switches"].subs(Q_SYM, 3), a["size"].subs(Q_SYM, 3)
    (20, 8)
    >>> int(accounting("waksman")["switches"].subs(N_SYM, 8).doit())
    17
    """
    if kind == "benes":
        switches = (2 * Q_SYM - 1) * 2**Q_SYM / 2
        size, sym = 2**Q_SYM, Q_SYM
    elif kind == "waksman":
        i = sympy.Symbol("i", positive=True, integer=True)
        switches = sympy.Sum(sympy.ceiling(sympy.log(i, 2)), (i, 1, N_SYM))
        size, sym = N_SYM, N_SYM
    else:
        raise ValueError(f"kind must be one of {KINDS} (got {kind!r})")
    return {"size": size, "switches": switches, "params": switches,
            "bits_per_param": sympy.Integer(1), "symbol": sym}


def counting_bound(n: int) -> int:
    """``ceil(log2(n!))``: fewest 1-bit switches that can realise all ``n!`` permutations.

    Exact integer arithmetic: ``ceil(log2 x) = (x - 1).bit_length()`` for integers x >= 1.

    >>> [counting_bound(n) for n in range(1, 9)]
    [0, 1, 3, 5, 7, 10, 13, 16]
    """
    n = as_int(n, "n", 0)
    return (math.factorial(n) - 1).bit_length()


# -------------------------------------------------------------------- construction
def _build_wiring(n: int, waksman: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wiring arrays ``(feed, out_feed, column)`` for the recursion of the module docstring."""
    total = _count(n, waksman)
    feed = np.empty((total, 2), dtype=np.int64)
    column = np.empty(total, dtype=np.int64)
    next_id = 0

    def new_switch(a: int, b: int, col: int) -> int:
        nonlocal next_id
        k = next_id
        next_id += 1
        feed[k, 0] = a
        feed[k, 1] = b
        column[k] = col
        return n + 2 * k  # slot of out-port 0 (out-port 1 is +1)

    def rec(m: int, src: list[int], col: int) -> tuple[list[int], int]:
        # returns (slots driving this sub-network's outputs, number of columns used)
        if m == 1:
            return src, 0
        if m == 2:
            s = new_switch(src[0], src[1], col)
            return [s, s + 1], 1
        m1 = m // 2
        odd = m % 2
        up_src: list[int] = []
        lo_src: list[int] = []
        for i in range(m1):
            s = new_switch(src[2 * i], src[2 * i + 1], col)
            up_src.append(s)
            lo_src.append(s + 1)
        if odd:
            lo_src.append(src[m - 1])
        up_out, d1 = rec(m1, up_src, col + 1)
        lo_out, d2 = rec(m - m1, lo_src, col + 1)
        out_col = col + 1 + max(d1, d2)
        n_out = m1 - 1 if (waksman and not odd) else m1
        outs: list[int] = []
        for j in range(n_out):
            s = new_switch(up_out[j], lo_out[j], out_col)
            outs += [s, s + 1]
        if waksman and not odd:
            outs += [up_out[m1 - 1], lo_out[m1 - 1]]
        if odd:
            outs.append(lo_out[m1])
        return outs, out_col - col + 1

    out_slots, _ = rec(n, list(range(n)), 0)
    assert next_id == total
    return feed, np.asarray(out_slots, dtype=np.int64), column


# ------------------------------------------------------------------------- routing
def _route_into(perm: list[int], offset: int, settings: bytearray, waksman: bool) -> None:
    """Looping algorithm (Beneš 1964 / Waksman 1968) writing switch settings in place.

    Inputs are 2-coloured (0 = upper, 1 = lower) so that the two inputs of a pair and the
    two sources of an output pair differ; the constraint graph is a union of even cycles
    (plus, for odd n, one path from input n-1 to the source of output n-1, both forced
    lower). For even Waksman n the source of output n-1 is forced lower.
    """
    n = len(perm)
    if n == 1:
        return
    if n == 2:
        settings[offset] = perm[0]
        return
    n1 = n // 2
    odd = n % 2
    inv = [0] * n
    for i, p in enumerate(perm):
        inv[p] = i
    color = [-1] * n

    def follow(x: int, c: int) -> None:
        # x has colour c: walk output-partner, input-partner, ... until closed or path end
        while True:
            yp = perm[x] ^ 1
            if yp >= n:
                return
            x2 = inv[yp]
            if color[x2] >= 0:
                return
            color[x2] = 1 - c
            x = x2 ^ 1
            if x >= n or color[x] >= 0:
                return
            color[x] = c

    if odd:
        color[n - 1] = 1
        follow(n - 1, 1)
    elif waksman:
        x = inv[n - 1]
        color[x] = 1
        color[x ^ 1] = 0
        follow(x ^ 1, 0)
    for i in range(0, 2 * n1, 2):
        if color[i] < 0:
            color[i] = 0
            color[i + 1] = 1
            follow(i + 1, 1)

    up = [0] * n1
    lo = [0] * (n - n1)
    for i in range(n1):
        a, b = 2 * i, 2 * i + 1
        if color[a]:
            settings[offset + i] = 1
            a, b = b, a
        up[i] = perm[a] >> 1
        lo[i] = perm[b] >> 1
    if odd:
        lo[n1] = perm[n - 1] >> 1
    up_off = offset + n1
    lo_off = up_off + _count(n1, waksman)
    out_off = lo_off + _count(n - n1, waksman)
    n_out = n1 - 1 if (waksman and not odd) else n1
    for j in range(n_out):
        settings[out_off + j] = color[inv[2 * j]]
    _route_into(up, up_off, settings, waksman)
    _route_into(lo, lo_off, settings, waksman)


def _as_perm(perm: Any, n: int) -> np.ndarray:
    try:
        arr = np.asarray(perm)
    except Exception:  # pragma: no cover - exotic input
        raise ValueError(f"perm must be a permutation of 0..{n - 1}") from None
    ok = (
        arr.ndim == 1
        and arr.shape[0] == n
        and (arr.size == 0 or np.issubdtype(arr.dtype, np.integer))
    )
    if ok and n:
        ok = bool(arr.min() >= 0 and arr.max() < n) and bool(
            np.bincount(arr.astype(np.int64), minlength=n).max() == 1
        )
    if not ok:
        shown = arr.tolist() if arr.size <= 12 else f"array of length {arr.size}"
        raise ValueError(f"perm must be a permutation of 0..{n - 1} (got {shown})")
    return arr.astype(np.int64)


# ------------------------------------------------------------------------- network
@dataclass(frozen=True, eq=False)
class SwitchingNetwork:
    """A Beneš or Waksman network on ``size`` terminals (see the module docstring).

    ``perm[i]`` is always the output reached by input ``i``. ``settings`` is a uint8
    vector of length :attr:`switches` in switch-id order (0 straight, 1 crossed).
    The networkx :attr:`graph` is built on first access from the wiring arrays.

    >>> net = waksman(5)
    >>> net.switches, net.graph.number_of_nodes(), net.switch_nodes[:2]
    (8, 18, (('sw', 0), ('sw', 1)))
    >>> s = net.route([4, 2, 0, 1, 3])
    >>> net.apply(s).tolist(), net.replay(s).tolist()
    ([4, 2, 0, 1, 3], [4, 2, 0, 1, 3])
    """

    kind: str
    size: int
    feed: np.ndarray = field(repr=False)
    out_feed: np.ndarray = field(repr=False)
    column: np.ndarray = field(repr=False)

    # ------------------------------------------------------------ counts
    @property
    def switches(self) -> int:
        """Number of 2x2 switches (= number of 1-bit parameters)."""
        return int(self.feed.shape[0])

    @property
    def depth(self) -> int:
        """Number of switch columns (``2q - 1`` for Beneš ``N = 2^q``)."""
        return int(self.column.max()) + 1 if self.switches else 0

    @property
    def log2_factorial(self) -> float:
        """``log2(N!)``: the counting lower bound on :attr:`switches` (as a float)."""
        return log2_factorial(self.size)

    # ------------------------------------------------------------ graph
    @cached_property
    def switch_nodes(self) -> tuple[tuple[str, int], ...]:
        """Switch node names in settings order: ``("sw", k)``."""
        return tuple(("sw", k) for k in range(self.switches))

    def _slot_node(self, slot: int) -> tuple[tuple[str, int], int]:
        if slot < self.size:
            return ("in", slot), 0
        k, p = divmod(slot - self.size, 2)
        return ("sw", k), p

    @cached_property
    def graph(self) -> nx.DiGraph:
        """DiGraph: nodes ``("in", i)``, ``("sw", k)``, ``("out", j)``.

        Node attribute ``role`` (``input``/``switch``/``output``), ``index`` and, for
        switches, ``column``. Every edge has ``src_port`` and ``dst_port`` (0 or 1;
        terminals use port 0). There are ``2 * switches + size`` edges.
        """
        n = self.size
        g = nx.DiGraph(kind=self.kind, size=n)
        g.add_nodes_from((("in", i), {"role": "input", "index": i}) for i in range(n))
        g.add_nodes_from(
            (("sw", k), {"role": "switch", "index": k, "column": int(c)})
            for k, c in enumerate(self.column.tolist())
        )
        g.add_nodes_from((("out", j), {"role": "output", "index": j}) for j in range(n))
        for k, (a, b) in enumerate(self.feed.tolist()):
            for port, slot in ((0, a), (1, b)):
                src, sp = self._slot_node(slot)
                g.add_edge(src, ("sw", k), src_port=sp, dst_port=port)
        for j, slot in enumerate(self.out_feed.tolist()):
            src, sp = self._slot_node(slot)
            g.add_edge(src, ("out", j), src_port=sp, dst_port=0)
        if g.number_of_edges() != 2 * self.switches + n:  # pragma: no cover - invariant
            raise AssertionError("parallel edges in switching network")
        return g

    # ------------------------------------------------------------ routing
    def _settings(self, settings: Any) -> np.ndarray:
        s = np.asarray(settings)
        if s.shape[-1:] != (self.switches,) or not np.isin(s, (0, 1)).all():
            raise ValueError(
                f"settings must be {self.switches} values in {{0, 1}} (got shape {s.shape})"
            )
        return s.astype(np.uint8)

    def route(self, perm: Any) -> np.ndarray:
        """Switch settings realising ``perm`` (looping algorithm, O(N log N) steps).

        ``perm[i]`` = output reached by input ``i``. Works for every permutation
        (Beneš 1964; Waksman 1968).

        >>> benes(4).route([1, 0, 3, 2]).tolist()
        [0, 0, 0, 0, 1, 1]
        """
        p = _as_perm(perm, self.size)
        settings = bytearray(self.switches)
        if self.size:
            _route_into(p.tolist(), 0, settings, self.kind == "waksman")
        return np.frombuffer(bytes(settings), dtype=np.uint8).copy()

    def apply(self, settings: Any) -> np.ndarray:
        """Permutation realised by ``settings``, by pushing labels through :attr:`graph`.

        A networkx traversal in topological order: input ``i`` emits label ``i``; a switch
        with setting ``b`` sends the label on in-port ``p`` to out-port ``p XOR b``; the
        result has ``perm[label] = output``.

        >>> waksman(3).apply([1, 0, 0]).tolist()
        [1, 0, 2]
        """
        s = self._settings(settings)
        g = self.graph
        on_port: dict[tuple[Any, int], int] = {}
        perm = np.full(self.size, -1, dtype=np.int64)
        for node in nx.topological_sort(g):
            attrs = g.nodes[node]
            role = attrs["role"]
            if role == "input":
                on_port[(node, 0)] = attrs["index"]
                continue
            incoming = {d["dst_port"]: on_port.pop((u, d["src_port"]))
                        for u, _, d in g.in_edges(node, data=True)}
            if role == "output":
                perm[incoming[0]] = attrs["index"]
            else:
                b = int(s[attrs["index"]])
                on_port[(node, 0)] = incoming[b]
                on_port[(node, 1)] = incoming[1 - b]
        return perm

    def replay(self, settings: Any) -> np.ndarray:
        """Vectorised :meth:`apply` on the wiring arrays, column by column.

        ``settings`` may be one vector ``(switches,)`` or a batch ``(B, switches)``;
        returns ``(N,)`` or ``(B, N)`` permutations.

        >>> benes(2).replay([[0], [1]]).tolist()
        [[0, 1], [1, 0]]
        """
        s = self._settings(settings)
        if s.ndim not in (1, 2):
            raise ValueError(f"settings must be 1-D or 2-D (got shape {s.shape})")
        single = s.ndim == 1
        s2 = s[None, :] if single else s
        n, batch = self.size, s2.shape[0]
        dtype = np.int8 if n <= 127 else np.int32
        val = np.empty((batch, n + 2 * self.switches), dtype=dtype)
        val[:, :n] = np.arange(n, dtype=dtype)
        for ks in self._columns:
            b = s2[:, ks].astype(bool)
            f0, f1 = val[:, self.feed[ks, 0]], val[:, self.feed[ks, 1]]
            val[:, n + 2 * ks] = np.where(b, f1, f0)
            val[:, n + 2 * ks + 1] = np.where(b, f0, f1)
        labels = val[:, self.out_feed]  # labels[b, j] = input arriving at output j
        perm = np.empty((batch, n), dtype=np.int64)
        np.put_along_axis(perm, labels.astype(np.int64), np.arange(n, dtype=np.int64)[None, :],
                          axis=1)
        return perm[0] if single else perm

    @cached_property
    def _columns(self) -> list[np.ndarray]:
        order = np.argsort(self.column, kind="stable")
        bounds = np.searchsorted(self.column[order], np.arange(self.depth + 1))
        return [order[bounds[c]:bounds[c + 1]] for c in range(self.depth)]


def build(kind: str, size: int) -> SwitchingNetwork:
    """Build the ``kind`` (``"benes"`` or ``"waksman"``) network on ``size`` terminals.

    >>> build("waksman", 7).switches
    14
    """
    n = validate_size(kind, size)
    feed, out_feed, column = _build_wiring(n, kind == "waksman")
    return SwitchingNetwork(kind, n, feed, out_feed, column)


def benes(size: int) -> SwitchingNetwork:
    """Beneš network (Beneš 1964) on ``size = 2^q`` terminals: ``(2q - 1) size / 2`` switches.

    >>> benes(16).switches
    56
    >>> benes(6)
    Traceback (most recent call last):
    ...
    ValueError: size must be a power of two in [2, 1048576] (got 6)
    """
    return build("benes", size)


def waksman(size: int) -> SwitchingNetwork:
    """Waksman network (Waksman 1968; Beauquier & Darrot 2002) on any ``size >= 1``.

    ``sum_{i=1}^{size} ceil(log2 i)`` switches.

    >>> waksman(8).switches, waksman(1).switches
    (17, 0)
    >>> waksman(0)
    Traceback (most recent call last):
    ...
    ValueError: size must be an integer in [1, 1048576] (got 0)
    """
    return build("waksman", size)


def wiring_from_graph(graph: nx.DiGraph) -> tuple[np.ndarray, np.ndarray]:
    """Recover ``(feed, out_feed)`` from a network's graph (edges and their ports only).

    Used to check that the array replay runs exactly the graph's wiring.

    >>> net = waksman(6)
    >>> f, o = wiring_from_graph(net.graph)
    >>> bool((f == net.feed).all() and (o == net.out_feed).all())
    True
    """
    n = int(graph.graph["size"])
    n_sw = sum(1 for _, r in graph.nodes(data="role") if r == "switch")
    feed = np.full((n_sw, 2), -1, dtype=np.int64)
    out_feed = np.full(n, -1, dtype=np.int64)
    for u, v, d in graph.edges(data=True):
        slot = u[1] if u[0] == "in" else n + 2 * u[1] + d["src_port"]
        if v[0] == "sw":
            feed[v[1], d["dst_port"]] = slot
        else:
            out_feed[v[1]] = slot
    return feed, out_feed


# -------------------------------------------------------------------------- result
@dataclass(frozen=True)
class RouteResult:
    """One routed permutation: counts, the settings found, and whether they check out.

    ``verified`` is True iff pushing labels through the network with ``settings``
    reproduces ``permutation``; ``verified_by`` says how (``"graph"``: networkx
    traversal; ``"arrays"``: the vectorised replay of the same wiring, used above
    ``GRAPH_VERIFY_MAX`` terminals).
    """

    network: str
    size: int
    switches: int
    log2_factorial: float
    verified: bool
    settings: np.ndarray = field(repr=False)
    permutation: np.ndarray = field(repr=False)
    verified_by: str = "graph"

    @property
    def ratio(self) -> float:
        """``switches / log2(N!)`` (tends to 1; ``nan`` when N! = 1)."""
        return self.switches / self.log2_factorial if self.log2_factorial else math.nan


def route_permutation(
    kind: str,
    size: int,
    perm: Any = None,
    seed: int | None = None,
    *,
    method: str = "auto",
) -> RouteResult:
    """Route ``perm`` (random from ``numpy.random.default_rng(seed)`` if None) and verify.

    ``perm[i]`` = output reached by input ``i``. ``method``: ``"graph"`` (networkx
    traversal), ``"arrays"`` (replay of the same wiring) or ``"auto"`` (graph up to
    ``GRAPH_VERIFY_MAX`` terminals).

    >>> r = route_permutation("waksman", 6, seed=1)
    >>> r.switches, r.verified, sorted(r.permutation.tolist()) == list(range(6))
    (11, True, True)
    """
    net = build(kind, size)
    if method not in ("auto", "graph", "arrays"):
        raise ValueError(f"method must be one of ('auto', 'graph', 'arrays') (got {method!r})")
    if perm is None:
        p = np.random.default_rng(seed).permutation(net.size).astype(np.int64)
    else:
        p = _as_perm(perm, net.size)
    settings = net.route(p)
    if method == "auto":
        method = "graph" if net.size <= GRAPH_VERIFY_MAX else "arrays"
    realised = net.apply(settings) if method == "graph" else net.replay(settings)
    return RouteResult(
        network=net.kind,
        size=net.size,
        switches=net.switches,
        log2_factorial=net.log2_factorial,
        verified=bool(np.array_equal(realised, p)),
        settings=settings,
        permutation=p,
        verified_by=method,
    )
