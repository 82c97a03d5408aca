r'''C1d: a permutation in superposition from two algebraic designs, exact on the one-hot
probes for EVERY permutation (a worst-case argument, not a random-instance claim).

This library's construction (constants and theorem are ours, not the paper's). Same
two-layer clip template as C1 (:mod:`bounds.constructions.channels`), with the two random
public maps replaced by designs whose overlaps are bounded for every pair:

* **input code** (Reed–Solomon, unsigned): ``g`` prime, ``D ≥ 2`` with ``g^D ≥ m``,
  ``s ≤ g``. Feature ``f`` is the polynomial ``P_f`` of degree ``< D`` over ``F_g`` whose
  coefficients are the base-``g`` digits of ``f``; in block ``t < s`` it sits on coordinate
  ``t·g + P_f(t)`` with value ``1/√s``. Two distinct polynomials agree on at most ``D − 1``
  points, so **two features share at most D − 1 coordinates**: ``n(f, c) := s⟨E_f, E_c⟩``
  is ``s`` for ``f = c`` and an integer in ``[0, D − 1]`` otherwise (no signs: cross-talk
  never cancels the own term, so the condition below is half the signed code's
  ``s ≥ 2(D − 1)L + 1``);
* **ownership** (two parallel classes of lines): ``r = 2`` blocks of ``G ≥ ⌈√m′⌉`` units,
  output ``j = α + βG`` owns unit ``α`` of block 0 and unit ``(α + β) mod G`` of block 1;
  **two outputs share at most one unit**, and a unit has at most ``L = ⌈m′/G⌉`` owners;
* **decoder**: ``D_j`` = indicator of ``j``'s two units, ``θ_j = 3/2`` (both must fire).

Parameters (instance-dependent): ``B`` (H × m, ``H = 2G``) lists for each unit the features
``π(j)`` of its owners; layer 1 ``σ = ReLU(1 − λ(B Eᵀ u − γ))``, layer 2 ``f = ReLU(1 − σ)``,
``λ = 4s``, ``γ = 1 − 1/(2s)`` (C1's clip with the ramp centred between ``(s − 1)/s`` and
``1``, steep enough that both sides keep a margin of 1 in the pre-activation, as in C2d).

**Theorem (this library's; exact on the one-hot probes for every permutation).** If
``s ≥ (D − 1)L + 1``, then for every permutation π the network computes ``y = x_π`` on every
input with at most one active feature. *Proof.* On ``e_c`` unit ``i`` has
``B Eᵀ e_c = N_i/s`` with ``N_i = Σ_{f∈S_i} n(f, c)`` an integer (``S_i`` the listened
features, ``|S_i| ≤ L``). If ``c ∉ S_i``, ``0 ≤ N_i ≤ (D − 1)L ≤ s − 1``; if ``c ∈ S_i``,
``N_i ≥ n(c, c) = s`` (the other terms are ``≥ 0``). With ``λ(N_i/s − γ) = 4N_i − 4s + 2``,
``N_i ≤ s − 1`` gives ``σ_i ≥ 3, f_i = 0`` and ``N_i ≥ s`` gives ``σ_i = 0, f_i = 1``. Hence
the lit units on ``e_c`` are exactly those owned by ``x = π⁻¹(c)``: output ``x`` reads 2 > 3/2;
any other output shares at most one unit with ``x`` and reads ≤ 1 < 3/2. On the empty input
every unit has ``N_i = 0 ≤ s − 1`` and reads 0. ∎ (The floating-point forward pass is exact
up to ~1e-15 against margins ``≥ 1`` in the pre-activation;
:func:`bounds.constructions.certify.certify` checks built networks.)

It says nothing about inputs with two or more active features (the notion of the lower
bounds is the one-hot probes, SPEC §2/§3). Sizes (:func:`choose_design`): the least max width
``max(s·g, 2G)`` over ``D`` and ``L`` with ``s = (D − 1)L + 1``, ``g`` the least prime
``≥ max(s, ⌈m^{1/D}⌉)``, ``G = ⌈m′/L⌉`` (ties: fewer total neurons ``4G``). With ``g = s``
binding this balances at ``G ≈ ((D−1)² m′²/2)^{1/3}``: widths
Θ(m′^{2/3}), ``P_nz ≤ 2 s m′ + 6G`` = Θ(m′^{4/3}) — above the Θ(√(m′ log m′)) lower-bound
shape: the price of a worst-case (every-instance) guarantee with a linear first layer.

>>> p = choose_design(500)
>>> (p.D, p.s, p.g, p.G, p.d, p.H), p.worst_case_ok
((2, 7, 23, 84, 161, 168), True)
>>> from bounds.constructions.certify import certify
>>> net = build_permutation_design(500, 3, 0.01, seed=0)
>>> certify(net, scope="probes").verdict
'certified on the identifying probes'
'''

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.constructions.network import Network
from bounds.constructions.storage import CodedCSR, scaled_integer_product
from bounds.validation import as_int, as_m_prime

__all__ = ["AffineUnits", "DesignParams", "affine_owners", "build_permutation_design",
           "choose_design", "design_accounting", "design_theta_limits", "overlap_instance",
           "owners"]

R_BLOCKS = 2
MAX_D = 12


@cache
def _prime_at_least(x: int) -> int:
    import sympy

    return 2 if x <= 2 else int(sympy.nextprime(x - 1))


def _root_ceil(m: int, D: int) -> int:
    """Least integer ``g`` with ``g^D ≥ m``."""
    g = max(1, int(round(m ** (1.0 / D))))
    while g ** D < m:
        g += 1
    while g > 1 and (g - 1) ** D >= m:
        g -= 1
    return g


class AffineUnits:
    """The unit counts of the affine-lines ownership (:func:`affine_owners`) shared by the
    parameter records of C1d, C2d, C1s and C2s (which hold ``m_prime``, ``G`` and ``r``):
    ``L = ⌈m′/G⌉`` owners at most per unit, ``H = r·G`` units."""

    m_prime: int
    G: int
    r: int

    @property
    def L(self) -> int:
        """Most owners of one unit, ``⌈m′/G⌉``."""
        return -(-self.m_prime // self.G)

    @property
    def H(self) -> int:
        return self.r * self.G


@dataclass(frozen=True)
class DesignParams(AffineUnits):
    """Sizes of C1d (module docstring)."""

    m_prime: int
    m: int
    D: int
    g: int
    s: int
    G: int
    r: int = R_BLOCKS

    @property
    def d(self) -> int:
        return self.s * self.g

    @property
    def lam(self) -> float:
        """Slope ``λ = 4s``: pre-activations ``≤ −1`` (fire) or ``≥ 3`` (silent)."""
        return 4.0 * self.s

    @property
    def gamma(self) -> float:
        """Ramp start ``1 − 1/(2s)``: half-way between ``N/s = (s − 1)/s`` and ``1``."""
        return 1.0 - 1.0 / (2 * self.s)

    @property
    def theta(self) -> float:
        return self.r - 0.5

    @property
    def layers(self) -> int:
        return 2

    @property
    def worst_case_ok(self) -> bool:
        """The theorem's condition ``s ≥ (D − 1)L + 1``."""
        return self.s >= (self.D - 1) * self.L + 1


def _check(p: DesignParams) -> DesignParams:
    if p.g ** p.D < p.m:
        raise ValueError(f"g^D must be >= m={p.m} (got g={p.g}, D={p.D})")
    if p.s > p.g:
        raise ValueError(f"s must be <= g={p.g} (distinct evaluation points; got s={p.s})")
    if p.G * p.G < p.m_prime:
        raise ValueError(f"G must satisfy G^2 >= m_prime={p.m_prime} (got G={p.G})")
    import sympy

    if not sympy.isprime(p.g):
        raise ValueError(f"g must be prime (got {p.g})")
    return p


def choose_design(m_prime: int, objective: str = "max_width", **overrides: Any
                  ) -> DesignParams:
    """Analysed sizes (module docstring): least ``max(s·g, 2G)`` meeting the theorem
    (``objective="total_neurons"``: least ``4G`` among the sizes narrower than ``m′``,
    when there are any, then least max width).

    ``overrides`` may fix ``D``, ``L`` (then ``G = ⌈m′/L⌉``), ``G``, ``s``, ``g``; a size that
    breaks the theorem's condition is allowed (``worst_case_ok`` is then False).

    >>> choose_design(10**5).worst_case_ok, choose_design(10**5).d
    (True, 5329)
    """
    mp = as_m_prime(m_prime)
    if objective not in ("max_width", "total_neurons"):
        raise ValueError(f"objective must be 'max_width' or 'total_neurons' (got {objective!r})")
    known = {"D", "L", "G", "s", "g"}
    bad = set(overrides) - known
    if bad:
        raise ValueError(f"unknown design override(s) {sorted(bad)}; accepted: {sorted(known)}")
    ov = {key: as_int(v, key, 1) for key, v in overrides.items()}
    Ds = [ov["D"]] if "D" in ov else range(2, MAX_D + 1)
    g_min = math.isqrt(mp - 1) + 1
    if "G" in ov:
        Ls = [-(-mp // ov["G"])]
    elif "L" in ov:
        Ls = [ov["L"]]
    else:
        Ls = range(1, mp // g_min + 2)
    best: tuple | None = None
    for D in Ds:
        root = _root_ceil(mp, D)
        for L in Ls:
            G = ov.get("G", -(-mp // L))
            if G * G < mp:
                continue
            s = ov.get("s", (D - 1) * L + 1)
            g = ov.get("g", _prime_at_least(max(s, root)))
            width, total = max(s * g, R_BLOCKS * G), 2 * R_BLOCKS * G
            key = (width, total, s * g, D) if objective == "max_width" else \
                (width >= mp, total, width, D)
            if best is None or key < best[0]:
                best = (key, DesignParams(m_prime=mp, m=mp, D=D, g=g, s=s, G=G))
    if best is None:
        raise ValueError(f"no design sizes for m_prime={mp} with {ov}")
    return _check(best[1])


def _code(p: Any, seed: int, *, signed: bool = True) -> tuple[sp.csc_matrix, CodedCSR]:
    """Integer sign code (entries ±1, int16, CSC) and ``E = sign/√s`` (CSR, stored as
    :class:`~bounds.constructions.storage.CodedCSR`: one code per entry, or none for the
    unsigned code, and the table ``±1/√s``): coordinate ``t·g + P_f(t)``.

    ``p`` needs ``m, D, g, s, d``. ``signed=False``: all signs +1 (the 0/1 Reed–Solomon
    code of :mod:`bounds.constructions.pairdesign`). Built column by column (column ``f``
    holds its ``s`` coordinates, increasing in ``t``), without coordinate lists in int64:
    at m′ = 10⁶ (C1d: s = 157) the code has 1.6·10⁸ entries (``E``: 0.63 GB of int32
    indices, ``e_int``: 0.94 GB).

    >>> from bounds.constructions.design import choose_design
    >>> e_int, e = _code(choose_design(30), seed=0, signed=False)
    >>> e_int.format, e_int.dtype.name, e.format, e.dtype.name, e_int.shape == e.shape
    ('csc', 'int16', 'csr', 'float64', True)
    """
    t = np.arange(p.s, dtype=np.int64)
    powers = [pow_mod(t, e, p.g) for e in range(p.D)]  # (s,) each
    size = p.s * p.m
    it = np.int64 if max(size, p.d) >= np.iinfo(np.int32).max else np.int32
    indices = np.empty((p.m, p.s), dtype=it)
    step = max(1, (1 << 22) // max(p.s, 1))
    for a in range(0, p.m, step):  # P_f(t) for a block of features, exact in int64
        f = np.arange(a, min(p.m, a + step), dtype=np.int64)
        vals = np.zeros((f.size, p.s), dtype=np.int64)
        for e in range(p.D):
            vals += ((f // p.g ** e) % p.g)[:, None] * powers[e][None, :]
        indices[a:a + f.size] = t[None, :] * p.g + vals % p.g
    indices = indices.reshape(-1)
    indptr = np.arange(0, size + 1, p.s, dtype=it)
    rng = np.random.default_rng([seed, 31])
    if signed:  # drawn in the order (t, f) of the former coordinate lists
        signs = (rng.integers(0, 2, size=size) * 2 - 1).reshape(p.s, p.m).T.reshape(-1)
        signs = signs.astype(np.int16)
    else:
        signs = np.ones(size, dtype=np.int16)
    e_int = sp.csc_matrix((signs, indices, indptr), shape=(p.d, p.m))
    del signs
    rows = e_int.tocsr()  # the CSR arrays of E (columns sorted in each row)
    if signed:
        codes = (rows.data > 0).astype(np.uint8)
        table = np.array([-1.0, 1.0]) / math.sqrt(p.s)  # = sign / √s, bit for bit
    else:
        codes = np.broadcast_to(np.uint8(0), rows.data.shape)
        table = np.array([1.0]) / math.sqrt(p.s)
    E = CodedCSR.from_codes(codes, table, rows.indices, rows.indptr, (p.d, p.m))
    E.has_sorted_indices = True
    return e_int, E


def pow_mod(t: np.ndarray, e: int, q: int) -> np.ndarray:
    """``t^e mod q`` elementwise (exact in int64 for q < 2^31)."""
    out = np.ones_like(t)
    for _ in range(e):
        out = (out * t) % q
    return out


def owners(p: DesignParams) -> np.ndarray:
    """``R`` (m′ × 2): output ``j = α + βG`` owns ``α`` and ``G + (α + β) mod G``."""
    return affine_owners(p.m_prime, p.G, R_BLOCKS)


def affine_owners(m_prime: int, G: int, r: int) -> np.ndarray:
    """``R`` (m′ × r): output ``j = α + βG`` owns unit ``c·G + (α + cβ) mod G`` of block
    ``c < r`` (lines of slopes ``0 … r−1`` of the affine plane over ``F_G``). For ``G``
    prime, ``r ≤ G`` and ``m′ ≤ G²`` two outputs share at most one unit (two lines of
    distinct slopes meet once), and a unit has at most ``⌈m′/G⌉`` owners.

    >>> affine_owners(6, 3, 3).tolist()[4]
    [1, 5, 6]
    """
    j = np.arange(m_prime, dtype=np.int64)
    a, b = j % G, j // G
    return np.stack([c * G + (a + c * b) % G for c in range(r)], axis=1)


def build_permutation_design(m_prime: int, k: int, delta: float, seed: int, *,
                             m: int | None = None, instance: Any = None,
                             **overrides: Any) -> Network:
    """C1d for the permutation ``instance`` (default: uniform from ``seed``).

    ``k`` and ``delta`` do not change the sizes (the guarantee is exact, on the one-hot
    probes, for every instance); they are recorded in the network.

    >>> net = build_permutation_design(200, 3, 0.01, seed=1)
    >>> net.resources().widths, net.meta["params"]["worst_case_ok"]
    ((85, 100, 100), True)
    """
    from bounds.constructions.instances import default_m, random_instance, validate_instance

    p = choose_design(m_prime, **overrides)
    default_m("permutation", p.m_prime, m)
    seed = as_int(seed, "seed", 0)
    inst = (random_instance("permutation", p.m_prime, seed) if instance is None
            else validate_instance("permutation", instance, p.m_prime, p.m))
    e_int, E = _code(p, seed, signed=False)
    R = owners(p)
    B = sp.csr_matrix((np.ones(R.size), (R.ravel(), np.repeat(inst, p.r))), shape=(p.H, p.m))
    return clip_network(p, R, B, E, e_int, inst, kind="permutation",
                        name="C1d permutation (designs)", seed=seed, k=k, delta=delta,
                        meta={"worst_case_ok": p.worst_case_ok})


def clip_network(p: Any, R: np.ndarray, B: sp.csr_matrix, E: Any, e_int: Any,
                 inst: np.ndarray, *, kind: str, name: str, seed: int, k: int,
                 delta: float, meta: dict[str, Any]) -> Network:
    """The two-layer clip network of the design constructions (C1d, C2d) from the
    ownership ``R`` (m′ × r units), the membership ``B`` (H × m) and the integer code
    ``e_int``: ``W₁ = −λ/√s · B e_intᵀ``, ``β₁ = 1 + λγ``, ``W₂ = −I``, ``β₂ = 1``, decoder
    the indicator of each output's units with threshold ``θ``."""
    rows = np.repeat(np.arange(p.m_prime), p.r)
    Dm = sp.csr_matrix((np.ones(R.size), (rows, R.ravel())), shape=(p.m_prime, p.H))
    Dm.sort_indices()
    W1 = scaled_integer_product(B, e_int, -p.lam / math.sqrt(p.s))
    b1 = np.full(p.H, 1.0 + p.lam * p.gamma)
    W2 = (-sp.identity(p.H, format="csr")).tocsr()
    info = {"construction": name, "seed": seed,
            "params": {**asdict(p), "L": p.L, "H": p.H, "d": p.d, "theta": p.theta,
                       **meta, "k": k, "delta": delta}}
    return Network(kind=kind, m=p.m, m_prime=p.m_prime, k=as_int(k, "k", 1),
                   instance=inst, E=E, weights=(W1, W2), biases=(b1, np.ones(p.H)), D=Dm,
                   theta=np.full(p.m_prime, p.theta), meta=info)


def design_accounting(params: DesignParams | None = None) -> dict[str, Any]:
    """Closed-form resources of C1d (sympy); with ``params`` substituted they equal the
    built network's counts (widths, totals, ``params_dense``); ``params_nonzero_upper =
    2 s m′ + 3H`` bounds ``P_nz`` on every instance (``nnz(B Eᵀ) ≤ s·nnz(B)``).

    >>> design_accounting()["params_dense"]
    4*G**2 + 2*G*g*s + 4*G
    """
    import sympy

    MP, S, G, GC = sympy.symbols("m_prime s G g", positive=True, integer=True)
    H = R_BLOCKS * G
    widths = (S * GC, H, H)
    dense = sum(widths[i] * widths[i + 1] + widths[i + 1] for i in range(2))
    out: dict[str, Any] = {"d": S * GC, "H": H, "widths": sympy.Tuple(*widths),
                           "max_width": sympy.Max(*widths), "total_neurons": 2 * H,
                           "params_dense": sympy.expand(dense),
                           "params_nonzero_upper": R_BLOCKS * S * MP + 3 * H}
    if params is None:
        return out
    subs = {MP: params.m_prime, S: params.s, G: params.G, GC: params.g}
    return {key: sympy.sympify(v).subs(subs) for key, v in out.items()}


def design_theta_limits() -> dict[str, Any]:
    """Θ-class of C1d by sympy ``limit`` as m′ → ∞ (ceilings and primality dropped):
    ``s = g = a·m′^{1/3}``, ``G = c·m′^{2/3}`` (the balanced regime ``g = s`` of the module
    docstring, ``a ≈ (2(D−1))^{1/3}``): ``max_width``, ``total_neurons`` over ``m′^{2/3}``
    and ``params_nonzero_upper``, ``params_dense`` over ``m′^{4/3}`` — finite and positive.

    >>> lim = design_theta_limits()
    >>> lim["total_neurons"], lim["params_nonzero_upper"]
    (4*c, 2*a)
    """
    return balanced_theta_limits(design_accounting())


def balanced_theta_limits(acc: dict[str, Any]) -> dict[str, Any]:
    """The limits of :func:`design_theta_limits` for any design accounting ``acc`` in the
    symbols ``m_prime, s, G, g`` (C1d's and C2d's): ``s = g = a·m′^{1/3}``,
    ``G = c·m′^{2/3}``; widths and total neurons over ``m′^{2/3}``, parameters over
    ``m′^{4/3}``."""
    import sympy

    MP, S, G, GC = sympy.symbols("m_prime s G g", positive=True, integer=True)
    a, c = sympy.symbols("a c", positive=True)
    subs = {S: a * MP ** sympy.Rational(1, 3), GC: a * MP ** sympy.Rational(1, 3),
            G: c * MP ** sympy.Rational(2, 3)}
    n_scale, p_scale = MP ** sympy.Rational(2, 3), MP ** sympy.Rational(4, 3)
    out = {"max_width": sympy.Max(*[sympy.limit(w.subs(subs) / n_scale, MP, sympy.oo)
                                    for w in acc["widths"]])}
    for key, scale in (("total_neurons", n_scale), ("params_dense", p_scale),
                       ("params_nonzero_upper", p_scale)):
        out[key] = sympy.simplify(sympy.limit(acc[key].subs(subs) / scale, MP, sympy.oo))
    return out


def overlap_instance(m_prime: int, seed: int, *, targets: int = 20, **overrides: Any
                     ) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """An adversarial permutation against C1d's public code and ownership.

    For each target output ``j`` (up to ``targets``) a feature ``c`` is picked, and the
    co-owners of ``j``'s two units, and ``j`` itself, are given the free features whose codes
    overlap ``c``'s most (``⟨E_f, E_c⟩`` largest, up to ``(D − 1)/s`` each): on the one-hot probe
    ``e_c`` both units of ``j`` then carry the largest cross-talk the code allows. Returns
    the permutation and the ``(j, c)`` probes attacked (``π(j) ≠ c``).

    >>> inst, probes = overlap_instance(300, seed=0, targets=3)
    >>> sorted(inst.tolist()) == list(range(300)), len(probes)
    (True, 3)
    """
    p = choose_design(m_prime, **overrides)
    e_int, _e = _code(p, as_int(seed, "seed", 0), signed=False)
    e_csc = e_int.tocsc()
    R = owners(p)
    unit_owners: dict[int, list[int]] = {}
    for j, units in enumerate(R.tolist()):
        for u in units:
            unit_owners.setdefault(u, []).append(j)
    rng = np.random.default_rng([seed, 4747])
    perm = -np.ones(p.m_prime, dtype=np.int64)
    taken = np.zeros(p.m, dtype=bool)
    probes: list[tuple[int, int]] = []
    for j in rng.permutation(p.m_prime).tolist():
        if len(probes) >= targets or perm[j] >= 0:
            continue
        co = [x for u in R[j].tolist() for x in unit_owners[u] if x != j and perm[x] < 0]
        free = np.flatnonzero(~taken)
        if free.size < len(co) + 2:
            break
        c = int(rng.choice(free))
        row = sp.csr_matrix(e_csc[:, [c]].T @ e_int)  # ⟨E_c, E_f⟩·s for every f
        friends = [int(f) for f, v in sorted(zip(row.indices, row.data, strict=True),
                                             key=lambda t: -t[1])
                   if v > 0 and f != c and not taken[f]]
        taken[c] = True  # c stays unassigned to j's co-owners (and to j)
        for x, f in zip(co, friends, strict=False):
            perm[x], taken[f] = f, True
        spare = [f for f in friends[len(co):] if not taken[f]]  # j's own feature too
        own = spare[0] if spare else int(rng.choice(np.flatnonzero(~taken)))
        perm[j], taken[own] = own, True
        taken[c] = False
        probes.append((j, c))
    rest = np.flatnonzero(perm < 0)
    perm[rest] = rng.permutation(np.flatnonzero(~taken))
    return perm, probes
