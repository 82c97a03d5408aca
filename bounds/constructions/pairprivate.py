r'''C2p: pairwise AND with one private unit per output on a superposed input code, exact on
the identifying probes for EVERY labelled instance (the whole pairwise family), and the
least last layer any construction of the clique template can have for the whole family.

This library's construction (constants and theorem are ours, not the paper's). It is the
clip template of C2d (:mod:`bounds.constructions.pairdesign`) with ``L = 1`` owner per
unit, and one layer:

* **input code**: C2d's unsigned Reed–Solomon code (``g`` prime, ``D ≥ 2``, ``g^D ≥ m``,
  ``s ≤ g``; ``n(f, c) := s⟨E_f, E_c⟩`` is ``s`` for ``f = c`` and an integer in
  ``[0, D − 1]`` otherwise), ``d = s·g``;
* **decoder**: ``D = I`` (output ``j`` reads unit ``j`` only), ``θ_j = 1/2``;
* **parameters** (instance-dependent): unit ``j`` listens to its own pair ``{a_j, b_j}``:
  with ``N_j = Σ_{f∈{a_j,b_j}} n(f, ·)·x``, ``h_j = ReLU(N_j − (2s − 1))``, i.e.
  ``W₁ = √s·B e_intᵀ`` (``B`` the 0/1 pair incidence, ``e_int`` the 0/1 code; entries
  ``√s`` or ``2√s``) and ``β₁ = −(2s − 1)``.

**Theorem (this library's; exact on the identifying probes for every labelled instance).**
If ``s ≥ 3(D − 1) + 1``, then for every instance the network computes
``y_j = x_{a_j} ∧ x_{b_j}`` on every input with at most 2 active features. *Proof.* Unit
``j`` depends on the instance only through its own pair, so fix ``j`` and an active set
``X``, ``|X| ≤ 2``. ``X = {a_j, b_j}``: ``N_j ≥ n(a,a) + n(b,b) = 2s`` (cross terms
``≥ 0``), so ``h_j ≥ 1 > 1/2``. Otherwise ``|X ∩ {a_j, b_j}| ≤ 1`` and
``N_j ≤ s + 3(D − 1)`` (one own term ``s`` and at most three cross terms ``≤ D − 1``; with no
own feature at most four cross terms, ``4(D − 1) ≤ s + 3(D − 1)``), which is ``≤ 2s − 1``:
``h_j = 0``. ∎ (The forward pass is exact up to ~1e-15 against the margin ``1/2``;
:func:`certify_private_pairs` decides the probes from the built matrices.) Nothing is
claimed for inputs with three or more active features (three features of a pair's
neighbourhood can reach ``2s`` through cross-talk).

Resources (every instance): widths ``(d, m′)``, total ``m′``, ``L = 1`` layer,
``P_dense = (d + 1)m′``, ``P_nz ≤ (2s + 1)m′`` (a row has ``|supp E_a ∪ supp E_b| ≤ 2s``
nonzeros), at most 3 distinct nonzero values (``√s``, ``2√s``, ``−(2s − 1)``) and the zero,
so ``b ≤ 2`` bits. Against C0 (widths ``(m, m′)``, total ``m′``): the **same** neuron counts at
``m = m′`` once ``d ≤ m′`` (every m′ ≥ 28 at the default sizes), never fewer —
:func:`private_crossover` returns ``None`` — fewer max width than C0 only when
``m > m′`` (C0 carries the inputs explicitly), fewer dense parameters (``d < m``), more nonzero
ones (``2s + 1`` = 9 to 27 per output at the default sizes, against C0's 3). The chooser
takes the least ``d`` over ``D`` (``d`` = 91 at m′ = 2000, 169 at 10⁵, 221 at 10⁶).
Θ: neurons ``Θ(m′)``, ``P_nz = Θ(m′)``; ``P_dense = Θ(m′^{3/2})`` at fixed ``D = 2``
(``g ≈ √m′``), less at the chosen ``D``.

**Why private units: the clique-template limit (this library's theorem).** Call a network
with a nonnegative decoder ``D`` a *clique-template* network when every last-layer unit
``q`` has a feature set ``S_q`` containing the endpoints of every output that reads it
(``D_jq > 0``) and takes one value on all two-feature probes inside ``S_q`` (C2d: value 1,
``S_q`` = the owners' endpoints, any code and sizes). If such a network is exact on the
identifying probes for **every** labelled instance (``m ≥ 3 + (units read by one output)``),
then **every output reads a private unit** (one no other output reads), so the last layer
has at least ``m′`` units. *Proof.* Take an output ``j`` none of whose units is private; for
each unit ``q`` it reads pick another reader ``o_q ≠ j``. The instance gives ``j`` fresh
features ``{a, b}``, every chosen ``o_q`` a pair ``{c, y_o}`` with one common fresh ``c`` and
distinct fresh ``y_o``, and the other outputs any other distinct pairs
(:func:`~bounds.constructions.pairdesign.clique_template_attack`). Each unit ``q`` read by
``j`` has ``a, b, c ∈ S_q``, so ``h_q({a, c}) = h_q({a, b})`` and
``Σ_q D_jq h_q({a, c}) = Σ_q D_jq h_q({a, b}) > θ_j``: ``j`` fires on ``{a, c}`` where
``x_a ∧ x_b = 0``. ∎ A private unit is read by one output only, so private units of distinct
outputs are distinct. The same holds inside the **two-hub** family (every pair ``{0, ℓ}`` or
``{1, ℓ}``, any labelling): give ``j`` the pair ``{0, ℓ}`` and each ``o_q`` a pair
``{1, y_o}``; then ``0, 1 ∈ S_q`` for every unit of ``j`` and ``j`` fires on ``{0, 1}``
(``hubs=True``; ``m ≥ m′/2 + 2``). Hence the template needs ``n_L ≥ m′`` — at m′ = 500, 2000, 10⁵ at
least 500, 2000, 100 000 last-layer units (C2d's two-layer form: total ``≥ 2m′`` =
1000, 4000, 200 000), against C0's ``m′`` = 500, 2000, 100 000 neurons in all; C2d's
2·4·211 = 1688 at m′ = 2000 holds only on its family ``F_r``. C2p attains the bound with one
layer: within the template, **no construction of the whole family uses fewer neurons than
C0 at any m′**. Only one shared endpoint (degree ``= r``, not a hub) is needed. Outside the
template (weighted threshold units, veto units with a signed decoder, deeper nets with
virtual features) nothing is proved here: see the C2d docstring for what was evaluated.

>>> p = choose_private_pairs(2000)
>>> (p.D, p.s, p.g, p.d), p.worst_case_ok
((3, 7, 13, 91), True)
>>> from bounds.constructions.adversarial import two_hubs
>>> net = build_private_pairs(200, 3, 0.01, seed=0, instance=two_hubs(200))
>>> net.resources().widths, certify_private_pairs(net).verdict
((49, 200), 'certified on the identifying probes')
'''

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.constructions.design import _code, _prime_at_least, _root_ceil
from bounds.constructions.network import Network
from bounds.validation import as_int, as_m_prime

__all__ = ["PrivatePairParams", "build_private_pairs", "certify_private_pairs",
           "choose_private_pairs", "private_accounting", "private_crossover",
           "private_theta_limits"]

MAX_D = 6


@dataclass(frozen=True)
class PrivatePairParams:
    """Sizes of C2p (module docstring): ``m′``, ``m``, the code's ``D``, ``g``, ``s``."""

    m_prime: int
    m: int
    D: int
    g: int
    s: int

    @property
    def d(self) -> int:
        return self.s * self.g

    @property
    def H(self) -> int:
        """One private unit per output."""
        return self.m_prime

    @property
    def r(self) -> int:
        """Units read by an output (1)."""
        return 1

    @property
    def L(self) -> int:
        """Owners of one unit (1)."""
        return 1

    @property
    def theta(self) -> float:
        return 0.5

    @property
    def layers(self) -> int:
        return 1

    @property
    def worst_case_ok(self) -> bool:
        """The theorem's condition ``s ≥ 3(D − 1) + 1``."""
        return self.s >= 3 * (self.D - 1) + 1


def _check(p: PrivatePairParams) -> PrivatePairParams:
    import sympy

    if p.g ** p.D < p.m:
        raise ValueError(f"g^D must be >= m={p.m} (got g={p.g}, D={p.D})")
    if p.s > p.g:
        raise ValueError(f"s must be <= g={p.g} (distinct evaluation points; got s={p.s})")
    if not sympy.isprime(p.g):
        raise ValueError(f"g must be prime (got {p.g})")
    return p


def choose_private_pairs(m_prime: int, m: int | None = None, **overrides: Any
                         ) -> PrivatePairParams:
    """Least code dimension ``d = s·g`` over ``D ≤ 6`` with ``s = 3(D − 1) + 1`` and ``g``
    the least prime ``≥ max(s, ⌈m^{1/D}⌉)`` (ties: smaller ``D``). ``overrides`` may fix
    ``D``, ``s``, ``g``; a size that breaks the theorem is allowed (``worst_case_ok`` False).

    >>> p = choose_private_pairs(10**5); (p.D, p.s, p.g, p.d)
    (5, 13, 13, 169)
    """
    from bounds.constructions.instances import default_m

    mp = as_m_prime(m_prime)
    mm = default_m("pairwise-and", mp, m)
    known = {"D", "s", "g"}
    bad = set(overrides) - known
    if bad:
        raise ValueError(f"unknown private-pairs override(s) {sorted(bad)}; accepted: "
                         f"{sorted(known)}")
    ov = {key: as_int(v, key, 1) for key, v in overrides.items()}
    Ds = [ov["D"]] if "D" in ov else range(2, MAX_D + 1)
    best: tuple | None = None
    for D in Ds:
        s = ov.get("s", 3 * (D - 1) + 1)
        g = ov.get("g", _prime_at_least(max(s, _root_ceil(mm, D))))
        key = (s * g, D)
        if best is None or key < best[0]:
            best = (key, PrivatePairParams(m_prime=mp, m=mm, D=D, g=g, s=s))
    assert best is not None
    return _check(best[1])


def build_private_pairs(m_prime: int, k: int, delta: float, seed: int, *,
                        m: int | None = None, instance: Any = None,
                        **overrides: Any) -> Network:
    """C2p for the pairwise-AND ``instance`` (default: uniform from ``seed``); every
    labelled instance is accepted (the theorem covers the whole family). ``k`` and
    ``delta`` do not change the sizes; they are recorded.

    >>> net = build_private_pairs(50, 3, 0.01, seed=1)
    >>> net.resources().widths, net.resources().bits_per_param
    ((44, 50), 2)
    """
    from bounds.constructions.instances import default_m, random_instance, validate_instance

    mm = default_m("pairwise-and", as_m_prime(m_prime), m)
    p = choose_private_pairs(m_prime, mm, **overrides)
    seed = as_int(seed, "seed", 0)
    inst = (random_instance("pairwise-and", p.m_prime, seed, p.m) if instance is None
            else validate_instance("pairwise-and", instance, p.m_prime, p.m))
    e_int, E = _code(p, seed, signed=False)
    rows = np.repeat(np.arange(p.m_prime), 2)
    B = sp.csr_matrix((np.ones(2 * p.m_prime), (rows, inst.ravel())), shape=(p.m_prime, p.m))
    W1 = (B @ e_int.T).tocsr()
    W1.eliminate_zeros()
    W1.data = W1.data * math.sqrt(p.s)
    W1.sort_indices()
    b1 = np.full(p.m_prime, -(2.0 * p.s - 1.0))
    info = {"construction": "C2p pairwise AND (private units)", "seed": seed,
            "params": {**asdict(p), "d": p.d, "H": p.H, "r": 1, "L": 1, "theta": p.theta,
                       "worst_case_ok": p.worst_case_ok, "k": k, "delta": delta}}
    return Network(kind="pairwise-and", m=p.m, m_prime=p.m_prime, k=as_int(k, "k", 1),
                   instance=inst, E=E, weights=(W1,), biases=(b1,),
                   D=sp.identity(p.m_prime, format="csr"),
                   theta=np.full(p.m_prime, p.theta), meta=info)


def private_accounting(params: PrivatePairParams | None = None) -> dict[str, Any]:
    """Closed-form resources of C2p (sympy); with ``params`` substituted they equal the
    built network's widths, total and ``params_dense`` on every instance;
    ``params_nonzero_upper = (2s + 1)m′`` bounds ``P_nz`` and ``bits_upper = 2`` the bits
    per parameter on every instance (module docstring).

    >>> private_accounting()["params_dense"]
    g*m_prime*s + m_prime
    """
    import sympy

    MP, S, GC = sympy.symbols("m_prime s g", positive=True, integer=True)
    widths = (S * GC, MP)
    out: dict[str, Any] = {"d": S * GC, "H": MP, "widths": sympy.Tuple(*widths),
                           "max_width": sympy.Max(*widths), "total_neurons": MP,
                           "params_dense": sympy.expand(S * GC * MP + MP),
                           "params_nonzero_upper": (2 * S + 1) * MP,
                           "bits_upper": sympy.Integer(2)}
    if params is None:
        return out
    subs = {MP: params.m_prime, S: params.s, GC: params.g}
    return {key: sympy.sympify(v).subs(subs) for key, v in out.items()}


def private_theta_limits() -> dict[str, Any]:
    """Θ-class of C2p by sympy ``limit`` as m′ → ∞ (``D = 2``: ``s`` constant,
    ``g = a·√m′``, primality dropped): ``max_width``, ``total_neurons``,
    ``params_nonzero_upper`` over ``m′`` and ``params_dense`` over ``m′^{3/2}``.

    >>> lim = private_theta_limits()
    >>> lim["total_neurons"], lim["params_dense"], lim["params_nonzero_upper"]
    (1, a*s, 2*s + 1)
    """
    import sympy

    acc = private_accounting()
    MP, S, GC = sympy.symbols("m_prime s g", positive=True, integer=True)
    a = sympy.symbols("a", positive=True)
    subs = {GC: a * sympy.sqrt(MP)}
    out = {"max_width": sympy.Max(*[sympy.limit(w.subs(subs) / MP, MP, sympy.oo)
                                    for w in acc["widths"]])}
    for key, scale in (("total_neurons", MP), ("params_nonzero_upper", MP),
                       ("params_dense", MP ** sympy.Rational(3, 2))):
        out[key] = sympy.simplify(sympy.limit(acc[key].subs(subs) / scale, MP, sympy.oo))
    return out


def private_crossover(by: str = "max_width", m_max: int = 5000) -> int | None:
    """Smallest m′ from which C2p uses fewer neurons than C0 (max width ``max(m, m′) = m′``,
    total ``m′``, at ``m = m′``) for every m′ up to ``m_max`` — by ``"max_width"`` or by
    ``"total_neurons"`` (then the max width must be below C0's too), as
    :func:`bounds.constructions.crossover.design_crossover`; ``None`` when no m′ ≤ ``m_max``
    does. C2p's last layer has m′ units, so ``None`` always (the clique-template limit).

    >>> private_crossover("max_width", 300), private_crossover("total_neurons", 300)
    (None, None)
    """
    if by not in ("max_width", "total_neurons"):
        raise ValueError(f"by must be 'max_width' or 'total_neurons' (got {by!r})")
    m_max = as_int(m_max, "m_max", 4)
    last_fail = 3
    for mp in range(4, m_max + 1):
        p = choose_private_pairs(mp)
        width, total = max(p.d, p.H), p.H
        if not (width < mp and (by == "max_width" or total < mp)):
            last_fail = mp
    return None if last_fail == m_max else last_fail + 1


def certify_private_pairs(net: Network, *, eta: float = 1e-9) -> Any:
    """Certificate on the identifying probes (every input with ≤ 2 active features) for a
    one-layer network whose decoder reads one private unit per output with weight 1
    (``D`` a permutation matrix with unit entries), decided exactly from the built matrices:
    with ``A = W₁E`` and ``z_j(X) = β_j + Σ_{f∈X} A_jf``, output ``j`` (unit ``q``, pair
    ``{a, b}``) is right on every probe iff ``ReLU(z_q({a, b})) > θ_j + η`` and
    ``ReLU(z_q(X)) ≤ θ_j − η`` for every other ``X`` with ``|X| ≤ 2`` — the largest such
    ``z_q`` is ``β_q`` plus the best of: nothing, one entry, two entries other than the pair
    ``{a, b}`` (the three largest entries of row ``q``, unstored ones 0, decide it). Sound for
    every such network, C2p or not; a failure is simulated (then "refuted"). Rows of ``A``
    are formed densely in chunks: cost ``m′·m`` (3 s of CPU at m′ = 10⁴, 5 min at 10⁵;
    C2p's rows are dense once ``2s·m/g ≥ m``). Returns a
    :class:`~bounds.constructions.certify.Certificate` (``method="exact-private"``).

    >>> net = build_private_pairs(120, 3, 0.01, seed=0)
    >>> c = certify_private_pairs(net); c.verdict, c.method
    ('certified on the identifying probes', 'exact-private')
    """
    from bounds.constructions.certify import _first_wrong, probe_certificate

    done = probe_certificate(net, 2, "exact-private")

    D = sp.csr_matrix(net.D)
    D.sum_duplicates()
    if (net.family != "pairwise-and" or net.num_layers != 1 or D.nnz != net.m_prime
            or np.any(D.getnnz(axis=1) != 1) or np.any(D.data != 1.0)
            or np.unique(D.indices).size != net.m_prime):
        return done("inconclusive", "not a one-layer network with one private unit (weight 1) "
                    "per output of the pairwise family")
    unit = D.indices[D.indptr[:-1]]
    W1 = sp.csr_matrix(net.weights[0])
    E = sp.csr_matrix(net.E)
    beta = np.asarray(net.biases[0], dtype=np.float64)
    theta = np.asarray(net.theta, dtype=np.float64)
    keys = np.asarray(net.instance, dtype=np.int64)
    m = net.m
    bad: list[int] = []
    witnesses: list[tuple[int, ...]] = []
    slack = math.inf
    step = max(1, (1 << 23) // m)  # rows of the dense chunk of A = W1 E
    for lo in range(0, net.m_prime, step):
        js = np.arange(lo, min(net.m_prime, lo + step))
        qs = unit[js]
        A = np.asarray((W1[qs] @ E).toarray(), dtype=np.float64)  # unstored entries are 0
        rows = np.arange(js.size)
        a, b = keys[js, 0], keys[js, 1]
        on = np.maximum(beta[qs] + A[rows, a] + A[rows, b], 0.0)
        top = np.argpartition(-A, 2, axis=1)[:, :3]  # the three largest entries decide
        tv = A[rows[:, None], top]
        order = np.argsort(-tv, axis=1, kind="stable")
        top, tv = top[rows[:, None], order], tv[rows[:, None], order]
        own2 = ((top[:, 0] == a) & (top[:, 1] == b)) | ((top[:, 0] == b) & (top[:, 1] == a))
        pair_v = np.where(own2, tv[:, 0] + tv[:, 2], tv[:, 0] + tv[:, 1])
        pair_x = np.where(own2[:, None], top[:, [0, 2]], top[:, [0, 1]])
        # the wrong inputs: empty (beta), one feature (beta + top), two (beta + best pair)
        off = beta[qs] + np.maximum(0.0, np.maximum(tv[:, 0], pair_v))
        hi_off = np.maximum(off, 0.0)
        slack = min(slack, float(np.min(on - theta[js])), float(np.min(theta[js] - hi_off)))
        for i in np.flatnonzero((on <= theta[js] + eta) | (hi_off > theta[js] - eta)).tolist():
            bad.append(int(js[i]))
            if on[i] <= theta[js[i]] + eta:
                witnesses.append((int(a[i]), int(b[i])))
            elif pair_v[i] >= tv[i, 0] and pair_v[i] > 0:
                witnesses.append(tuple(sorted(int(f) for f in pair_x[i])))
            else:
                witnesses.append((int(top[i, 0]),) if tv[i, 0] > 0 else ())
    if not bad:
        return done("certified", "", slack=float(slack))
    found = _first_wrong(net, witnesses[:256])
    if found:
        return done("refuted", "a witness of the failed bound was simulated: wrong output",
                    len(bad), tuple(sorted(found[0])), found[1], float(slack))
    return done("inconclusive", f"bound failed for {len(bad)} outputs; no simulated witness "
                "was wrong", len(bad), slack=float(slack))
