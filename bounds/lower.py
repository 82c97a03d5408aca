"""Lower bounds from the counting argument (SPEC §3), exact for concrete inputs.

For a family F, error tolerance ε (e = ⌊ε m′⌋ wrong outputs allowed) and a
description model (``bounds.models``), a class of networks that computes every
instance ε-correctly needs B ≥ I_ε bits (theorem ``error-tolerant-counting``). From it:

* bits: B ≥ I_ε (reported as ``bits_lb``);
* parameters, D1: P ≥ ⌈I_ε / b⌉; D2/D3: the least P with B(P) ≥ I_ε given D slots;
* neurons (equal widths n, L layers, d ≤ n): the least n with b·L·(n² + n) ≥ I_ε under
  D1 — closed form ⌈(−1 + √(1 + 4I_ε/(bL)))/2⌉, then an integer check; under D2/D3 the
  least n for which some P ≤ D = L(n² + n) has B(P) ≥ I_ε. Every width profile with
  max width n has P_dense ≤ L(n² + n), so this also bounds the max width of any profile.

Integer answers are the least integers satisfying the inequality, decided in exact
integer arithmetic (B ≥ I_ε ⇔ B ≥ ⌈I_ε⌉ for integer B; 2^B·V_ε ≥ |F| for D2/D3 while the
numbers are moderate; D2/D3 at ≥ 40 significant digits, accepted only with a margin
of 15 digits above the working precision and otherwise decided in exact integers).

Reference (permutation, ε = 0, b = 8, L = 1): m′ = 1000 → log₂|F| = 8529.398…,
P ≥ 1067, n ≥ 33; m′ = 10⁶ → P ≥ 2 311 111, n ≥ 1520.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import mpmath
import numpy as np

from bounds import reals
from bounds.families import ProblemFamily, errors_allowed, family_entry, permutation
from bounds.families.base import errors_allowed_array
from bounds.models import DescriptionModel, get_model, p_dense_equal
from bounds.provenance import provenance
from bounds.records import Record
from bounds.search import least_true
from bounds.validation import as_int, as_int_array, as_real

if TYPE_CHECKING:
    import sympy as sp

__all__ = [
    "LowerBounds",
    "Target",
    "least_params_formula",
    "least_width",
    "least_width_formula",
    "least_width_profile",
    "least_width_sym",
    "lower_bounds",
    "lower_bounds_array",
    "neurons_lower_bound",
    "params_lower_bound",
]


@dataclass(frozen=True)
class Target:
    """The bits I_ε a class must carry, with exact comparisons (internal helper)."""

    family: ProblemFamily
    eps: float = 0.0

    @cached_property
    def errors(self) -> int:
        return errors_allowed(self.family.m_prime, self.eps)

    @cached_property
    def ceil(self) -> int:
        """⌈I_ε⌉ exactly."""
        return self.family.info_bits_ceil(self.eps)

    @cached_property
    def value(self) -> float:
        """I_ε as a float."""
        return self.family.info_bits(self.eps)

    @cached_property
    def _exact(self) -> tuple[int, int] | None:
        if not self.family._feasible_exact():
            return None
        return self.family.exact_size(), self.family.exact_tolerant_volume(self.errors)

    @cached_property
    def _need_by_dps(self) -> dict[int, mpmath.mpf]:
        return {}

    def _need_mp(self, dps: int) -> mpmath.mpf:
        """I_ε at ``dps`` digits (log₂|F| − log₂ V_ε), computed once per precision: a search
        over P asks for it at every step."""
        if dps not in self._need_by_dps:
            with mpmath.workdps(dps):
                self._need_by_dps[dps] = (self.family._log2_size_mp()
                                          - self.family._log2_volume_mp(self.errors))
        return self._need_by_dps[dps]

    def carried_by(self, model: str | DescriptionModel, params: int, bits: int,
                   slots: int | None) -> bool:
        """Is B(params) ≥ I_ε under ``model``?

        D1 compares integers (b·P ≥ ⌈I_ε⌉). D2/D3 compare at ≥ 40 significant digits
        and accept the answer only when |B − I_ε| exceeds the working precision by 15
        digits (relative to I_ε); closer calls are decided in
        exact integers (2^B·V_ε ≥ |F|) when those are small enough, else refused.
        """
        mod = get_model(model)
        if mod.linear:  # D1: B = b*P is an integer
            return params * bits >= self.ceil
        if self.ceil == 0:
            return True
        dps = self.family._dps() + len(str(slots))
        with mpmath.workdps(dps):
            need = self._need_mp(dps)
            # accept when B - I clears the rounding error by 15 digits: near the peak of
            # B(P) consecutive values differ by ~1/D, so a fixed 1e-20 refused huge D
            margin = max(abs(need), 1) * mpmath.mpf(10) ** (15 - dps)
            for level in mod.levels:
                have_lo, have_hi = mod.bits_interval_mp(params, bits, slots, dps, level)
                if have_lo - need > margin:
                    return True
                if need - have_hi > margin:
                    return False
        exact = self._exact
        if exact is None or have_hi > 3_000_000:
            raise ValueError(
                f"cannot decide B(P) >= I_eps under model {mod.key} for P={params}, D={slots} "
                "at the working precision"
            )
        size, vol = exact
        return mod.classes_exact(params, bits, slots) * vol >= size


def _target(family: ProblemFamily, eps: float) -> Target:
    """The :class:`Target` of (family, ε), kept on the family object: ⌈I_ε⌉ and the exact
    counts are computed once per family and ε, not once per bit width, model or slot count
    asked (it lives and dies with the object, like a ``cached_property``)."""
    store = getattr(family, "__dict__", None)
    if store is None:  # a family class with __slots__
        return Target(family, eps)
    targets = store.setdefault("_lower_targets", {})
    if eps not in targets:
        targets[eps] = Target(family, eps)
    return targets[eps]


def least_width(info_ceil: int, bits: int, layers: int) -> int:
    """Least n ≥ 1 with b·L·(n² + n) ≥ ⌈I⌉, exactly (theorem ``neurons``, model D1).

    Closed form ⌈(−1 + √(1 + 4c))/2⌉ with c = ⌈I/(bL)⌉, evaluated with integer square
    roots and then checked.

    >>> least_width(8530, 8, 1), least_width(18488885, 8, 1)
    (33, 1520)
    """
    info_ceil = as_int(info_ceil, "info_bits", 0)
    bits = as_int(bits, "bits", 1)
    layers = as_int(layers, "layers", 1)
    c = -(-info_ceil // (bits * layers))  # n² + n ≥ c
    n = max(1, least_width_formula(c, math.isqrt, lambda v: v // 2))
    while n * n + n < c:
        n += 1
    while n > 1 and (n - 1) * (n - 1) + (n - 1) >= c:
        n -= 1
    return n


def least_width_formula(c: Any, sqrt: Any, half: Any) -> Any:
    """n* = (−1 + √(1 + 4c))/2, the root of n² + n = c, for integers (``math.isqrt`` and
    ``// 2``: ⌊n*⌋, the start :func:`least_width` corrects), numpy arrays and sympy alike:
    the one body :func:`least_width`, :func:`lower_bounds_array` and
    :func:`least_width_sym` (what the proof ``neurons`` checks) evaluate.

    >>> least_width_formula(1066, math.isqrt, lambda v: v // 2)
    32
    """
    return half(-1 + sqrt(1 + 4 * c))


def least_params_formula(info: Any, bits: Any, ceil_div: Any) -> Any:
    """⌈I/b⌉, the least P with b·P ≥ I (D1), for integers (exact ceiling division) and sympy
    alike: the one body :func:`params_lower_bound` evaluates under D1 and the proof
    ``params-dense`` checks against its own solution of b·P = I.

    >>> least_params_formula(8530, 8, lambda a, c: -(-a // c))
    1067
    """
    return ceil_div(info, bits)


def least_width_sym(info: sp.Expr, bits: sp.Expr, layers: sp.Expr) -> sp.Expr:
    """sympy form of the closed form before rounding: (−1 + √(1 + 4I/(bL)))/2.

    >>> import sympy as sp
    >>> I, b, L = sp.symbols("I b L", positive=True)
    >>> n = least_width_sym(I, b, L)
    >>> sp.simplify(b * L * (n**2 + n) - I)
    0
    """
    import sympy as sp

    return least_width_formula(info / (bits * layers), sp.sqrt, lambda v: v / 2)


def least_width_profile(
    info_ceil: int, bits: int, profile: Sequence[Any]
) -> tuple[int, tuple[int, ...]]:
    """Least max width n for a width *profile*: widths n_ℓ = ⌈r_ℓ·n⌉ with b·P_dense ≥ ⌈I⌉.

    ``profile`` lists the relative widths (r_0 = d/n, r_1, …, r_L), each in (0, 1] with
    max 1 (e.g. ``(1, 1, 0.5)``: code and first layer full width, second layer half).
    P_dense = Σ_ℓ (n_{ℓ−1} n_ℓ + n_ℓ) (theorem neurons, model D1). Returns n and the
    widths; decided in exact integers (ratios taken at their decimal values).

    >>> least_width_profile(8530, 8, (1, 1))          # equal widths, L = 1
    (33, (33, 33))
    >>> least_width_profile(8530, 8, (0.5, 1, 1))[0]  # half-width code, two layers
    27
    """
    from fractions import Fraction

    info_ceil = as_int(info_ceil, "info_bits", 0)
    bits = as_int(bits, "bits", 1)
    if len(profile) < 2:
        raise ValueError("profile must list r_0 and at least one layer ratio")
    ratios = []
    for r in profile:
        value = as_real(r, "profile ratio", 0.0, 1.0, low_closed=False, high_closed=True)
        ratios.append(Fraction(repr(value)))
    if max(ratios) != 1:
        raise ValueError(f"profile must have max ratio 1 (got {tuple(profile)!r})")

    def widths(n: int) -> tuple[int, ...]:
        return tuple(max(1, -(-(r.numerator * n) // r.denominator)) for r in ratios)

    def enough(n: int) -> bool:
        w = widths(n)
        dense = sum(w[i] * w[i + 1] + w[i + 1] for i in range(len(w) - 1))
        return bits * dense >= info_ceil

    n = least_true(enough, 1)
    return n, widths(n)


def _check_common(bits: Any, layers: Any, eps: Any, model: Any
                  ) -> tuple[int, int, float, DescriptionModel]:
    return (
        as_int(bits, "bits", 1),
        as_int(layers, "layers", 1),
        as_real(eps, "eps", 0.0, 1.0),
        get_model(model),
    )


def as_family(family: Any) -> ProblemFamily:
    """A family object, or an m′ (int, or integral float/str) meaning ``permutation(m′)``.

    >>> as_family(1000).label, as_family(permutation(5)).m_prime
    ('permutation', 5)
    """
    return family if isinstance(family, ProblemFamily) else permutation(family)


def params_lower_bound(
    family: ProblemFamily | int,
    *,
    bits: int,
    eps: float = 0.0,
    model: str = "dense",
    slots: int | None = None,
) -> int | None:
    """Least P with B(P) ≥ I_ε under ``model`` (None when no P ≤ D suffices).

    D1: ⌈I_ε / b⌉. D2/D3: binary search over P ≤ peak (B is increasing there), with
    the boundary decided exactly.

    >>> from bounds.families import permutation
    >>> params_lower_bound(permutation(1000), bits=8)
    1067
    >>> params_lower_bound(permutation(1000), bits=8, model="sparse", slots=10**6)
    413
    """
    bits, _, eps, mod = _check_common(bits, 1, eps, model)
    return _params(_target(as_family(family), eps), bits, mod, slots)


def _params(target: Target, bits: int, model: DescriptionModel, slots: int | None
            ) -> int | None:
    if model.linear:  # ⌈⌈I⌉/b⌉ = ⌈I/b⌉ for an integer b
        return least_params_formula(target.ceil, bits, lambda a, c: -(-a // c))
    if not model.needs_slots:  # B(P) nondecreasing and unbounded in P (bounds.models)
        return least_true(lambda p: target.carried_by(model, p, bits, None), 0)
    if slots is None:
        raise ValueError(f"slots (D) is required for model {model.key}")
    slots = as_int(slots, "slots", 1)
    peak = model.peak_params(slots, bits)
    if not target.carried_by(model, peak, bits, slots):
        return None
    # B is nondecreasing on [0, peak] (bounds.models), so "carried" is monotone there
    return least_true(lambda p: target.carried_by(model, p, bits, slots), 0, limit=peak)


def _width_carries(target: Target, n: int, bits: int, layers: int,
                   model: DescriptionModel) -> bool:
    slots = p_dense_equal(n, layers)
    return target.carried_by(model, model.peak_params(slots, bits), bits, slots)


def neurons_lower_bound(
    family: ProblemFamily | int,
    *,
    bits: int,
    layers: int = 1,
    eps: float = 0.0,
    model: str = "dense",
) -> int:
    """Least equal width n whose networks can carry I_ε bits under ``model``.

    D1: b·L·(n² + n) ≥ I_ε (:func:`least_width`). D2/D3: the least n such that some
    P ≤ D = L(n² + n) has B(P) ≥ I_ε.

    >>> from bounds.families import permutation
    >>> neurons_lower_bound(permutation(1000), bits=8)
    33
    """
    bits, layers, eps, mod = _check_common(bits, layers, eps, model)
    return _neurons(_target(as_family(family), eps), bits, layers, mod)


def _neurons(target: Target, bits: int, layers: int, model: DescriptionModel) -> int:
    if model.linear:
        return least_width(target.ceil, bits, layers)
    return least_true(lambda n: _width_carries(target, n, bits, layers, model), 1)


@dataclass(frozen=True)
class TheoremBound(Record):
    """One theorem's lower bounds: least max width, least total neurons, least parameters.

    ``None`` where the theorem says nothing (or, for ``params`` under D2/D3, where no
    P ≤ D carries the bits). ``assumptions`` names every assumption it rests on.
    """

    theorem: str
    neurons: int | None
    neurons_total: int | None
    params: int | None
    assumptions: dict[str, Any]

    json_first = ("theorem", "neurons", "neurons_total", "params", "assumptions")


@dataclass(frozen=True)
class LowerBounds(Record):
    """The lower bounds for one family and one set of assumptions: the best of every
    applicable theorem (``neurons_lb``, ``neurons_total_lb``, ``params_lb``, each with the
    theorem that gives it in ``provenance``) and every theorem's own bounds
    (``lower_bounds``)."""

    m_prime: int
    problem: str
    bits_per_param: int | str
    layers: int
    eps: float
    model: str
    slots: int | None
    errors_allowed: int
    log2_instances: float | mpmath.mpf  # mpf past float range (bounds.reals)
    bits_lb: float | mpmath.mpf
    bits_lb_ceil: int
    params_lb: int | None
    neurons_lb: int
    provenance: str
    assumptions: tuple[str, ...]
    neurons_total_lb: int
    lower_bounds: tuple[TheoremBound, ...]

    json_first = (
        "m_prime", "problem", "bits_per_param", "layers", "eps", "model", "log2_instances",
        "bits_lb", "params_lb", "neurons_lb", "provenance", "slots", "errors_allowed",
        "bits_lb_ceil", "assumptions", "neurons_total_lb", "lower_bounds"
    )

    def best(self, quantity: str) -> TheoremBound:
        """The theorem giving the largest ``neurons``, ``neurons_total`` or ``params``."""
        known = [t for t in self.lower_bounds if getattr(t, quantity) is not None]
        return max(known, key=lambda t: getattr(t, quantity))


#: the value of ``bits`` that means real-valued parameters (no precision assumption)
REAL = "real"


def _total_neurons(target: Target, bits: int, layers: int, model: DescriptionModel) -> int:
    """Least S = n_1 + … + n_L such that some profile with that total (d ≤ max width) can
    carry I_ε: its P_dense is at most P*(S, L) = ⌊(2S − L + 1)²/4⌋ + S (theorem
    total-neurons-dense; ``bounds.total_neurons``), and B is nondecreasing in D."""
    from bounds.total_neurons import max_params_total

    def carries(total: int) -> bool:
        slots = max_params_total(total, layers)
        return target.carried_by(model, model.peak_params(slots, bits), bits, slots)

    return least_true(carries, lo=layers)


def _counting_bound(target: Target, bits: int, layers: int, model: DescriptionModel,
                    slots: int | None, neurons: int) -> TheoremBound:
    return TheoremBound(
        theorem=model.theorem,
        neurons=neurons,
        neurons_total=_total_neurons(target, bits, layers, model),
        params=_params(target, bits, model, slots),
        assumptions={"model": model.label, "b": bits, "L": layers, "eps": target.eps,
                     "D": slots, "neurons": "theorem neurons",
                     "neurons_total": "theorem total-neurons-dense"},
    )


def _sign_pattern_bound(target: Target, layers: int) -> TheoremBound | None:
    """Theorem sign-patterns (``bounds.signpatterns``); None for a family without probes."""
    from bounds.signpatterns import sign_pattern_bounds

    try:
        probes = target.family.probe_count()
    except ValueError:
        return None  # a user-defined family names no probes: the theorem does not apply
    with mpmath.workdps(target.family._dps()):
        info = max(mpmath.mpf(0), target.family.info_bits_mp(target.eps))
        res = sign_pattern_bounds(info, layers=layers, outputs=target.family.m_prime,
                                  probes=probes, eps=target.eps)
    return res


def lower_bounds(
    family: ProblemFamily | int,
    *,
    bits: int | str,
    layers: int = 1,
    eps: float = 0.0,
    model: str = "dense",
    slots: int | None = None,
) -> LowerBounds:
    """All §3 lower bounds for ``family`` under b-bit parameters, L layers, tolerance ε.

    ``family`` is a family object or an m′ (meaning ``permutation(m′)``). Under D2/D3
    without ``slots``, D is taken as P_dense(n, L) of the least width n that can carry
    I_ε under that model (recorded in the assumptions).

    Every applicable theorem is computed and listed in ``lower_bounds``: the counting
    bound of the description model (b-bit parameters) and the sign-pattern bound (real
    parameters; it holds for b-bit ones too). ``params_lb``, ``neurons_lb`` and
    ``neurons_total_lb`` are the largest of them, and ``provenance`` names the theorem
    behind each. ``bits="real"`` drops the precision assumption: only the sign-pattern
    bound applies (and only under D1, the models being about b-bit values).

    >>> from bounds.families import permutation
    >>> lb = lower_bounds(permutation(1000), bits=8, layers=1)
    >>> round(lb.log2_instances, 3), lb.params_lb, lb.neurons_lb
    (8529.398, 1067, 33)
    >>> lb.provenance.startswith("this library's theorem params-dense under b=8, L=1, eps=0")
    True
    """
    real = bits == REAL
    bits, layers, eps, mod = _check_common(1 if real else bits, layers, eps, model)
    if real and not mod.linear:
        raise ValueError(f"model {mod.key} counts b-bit values: with bits=real use model dense")
    family = as_family(family)
    sharp = _exact_volume_family(family, eps)
    family = sharp or family
    target = _target(family, eps)
    theorems: list[TheoremBound] = []
    prec = "real-valued parameters (no precision assumption)" if real else \
        f"b={bits}-bit parameters"
    notes = [
        f"{prec}, L={layers} layer(s), every width <= n (d <= n)",
        f"eps={eps:g}: at most e = floor(eps*m') outputs may be wrong",
        "public input code, decoder and thresholds are not parameters (docs/model.md)",
    ]
    if sharp is not None:
        e_ = target.errors
        notes.append(f"V_eps = {sharp.exact_tolerant_volume(e_)}, the exact maximum (theorem "
                     f"permutation-volume-exact), below the bound m'!/(m'-e)! = "
                     f"{math.perm(sharp.m_prime, e_)} of tolerant-volume-permutation")
    if not real:
        notes.insert(0, f"model {mod.label} (docs/model.md)")
        neurons = _neurons(target, bits, layers, mod)
        if mod.needs_slots:
            if slots is None:
                slots = p_dense_equal(neurons, layers)
                notes.append(f"slots D = P_dense(n={neurons}, L={layers}) = {slots} (not given)")
            else:
                slots = as_int(slots, "slots", 1)
                notes.append(f"slots D = {slots} (given)")
        theorems.append(_counting_bound(target, bits, layers, mod, slots, neurons))
    sign = _sign_pattern_bound(target, layers)
    if sign is not None:
        theorems.append(sign)
    elif real:
        raise ValueError(f"bits=real needs a family with identifying probes ({family.label} "
                         "has none)")
    result = LowerBounds(
        m_prime=family.m_prime,
        problem=family.label,
        bits_per_param=REAL if real else bits,
        layers=layers,
        eps=eps,
        model=mod.key,
        slots=slots,
        errors_allowed=target.errors,
        log2_instances=_log2_size(family),
        bits_lb=reals.real(max(mpmath.mpf(0), family.info_bits_mp(eps))),
        bits_lb_ceil=target.ceil,
        params_lb=None,
        neurons_lb=0,
        provenance="",
        assumptions=tuple(notes),
        neurons_total_lb=0,
        lower_bounds=tuple(theorems),
    )
    best = _with_best(result, b=None if real else bits, L=layers, eps=eps, D=slots)
    if sharp is None:
        return best
    from dataclasses import replace

    return replace(best, provenance=best.provenance + "; V_eps: this library's theorem "
                   "permutation-volume-exact (exact maximum)")


def _exact_volume_family(family: ProblemFamily, eps: float) -> ProblemFamily | None:
    """The family with a sharper proved V_ε at this ε (permutations: the exact V(m′, e)),
    else None (:meth:`~bounds.families.ProblemFamily.sharpest_volume`)."""
    return family.sharpest_volume(eps)


def _log2_size(family: ProblemFamily) -> float | mpmath.mpf:
    """log₂|F| as a float, or as mpmath past float range (m′ = 10^400: ~1.3e403)."""
    with mpmath.workdps(family._dps()):
        return reals.real(family._log2_size_mp())


def _with_best(result: LowerBounds, **assumptions: Any) -> LowerBounds:
    """Fill the best-of fields and a provenance naming the theorem behind each."""
    from dataclasses import replace

    first = result.lower_bounds[0]
    # D2/D3 "no P <= D carries the bits" (params None) is a verdict, not a missing number
    no_params = get_model(result.model).needs_slots and first.params is None
    best_p = None if no_params else result.best("params")
    best_n, best_t = result.best("neurons"), result.best("neurons_total")
    theorem = best_p.theorem if best_p else first.theorem
    given = {k: v for k, v in assumptions.items() if v is not None
             and not (theorem == "sign-patterns" and k in ("b", "D"))}
    prov = provenance(theorem, **given)
    parts = [prov]
    for label, t in (("neurons", best_n), ("total neurons", best_t)):
        name = "neurons" if t.theorem.startswith("params-") and label == "neurons" else (
            "total-neurons-dense" if t.theorem.startswith("params-") else t.theorem)
        parts.append(f"{label}: this library's theorem {name}, same assumptions")
    return replace(
        result,
        params_lb=None if best_p is None else best_p.params,
        neurons_lb=best_n.neurons,
        neurons_total_lb=best_t.neurons_total,
        provenance="; ".join(parts),
    )


def lower_bounds_array(
    m_prime: Any, *, bits: int, layers: int = 1, eps: float = 0.0,
    problem: str = "permutation", **options: Any,
) -> dict[str, np.ndarray]:
    """Vectorized D1 bounds over an array of m′ — the fast path, for every registered family.

    ``problem`` is a registered family name (:data:`bounds.families.FAMILIES`) with its
    options (e.g. ``labelled=False``, ``ops=("AND", "OR")``); m is the family's default
    (m′, raised to the least valid value). e = ⌊ε m′⌋ is computed in integers (ε taken at
    its decimal value, as everywhere); log₂|F| and log₂ V_ε come from the family's
    array form (relative error below 1e-12) and I_ε is clamped at 0. Every entry whose
    I_ε/b or I_ε/(bL) lies within 1e-10·(log₂|F| + log₂ V_ε)/b of an integer (so a
    cancellation in I_ε = log₂|F| − log₂ V_ε cannot flip an answer), or whose n² + n test
    would exceed float's exact integers, is re-decided by the exact scalar path
    (:func:`lower_bounds`), so the integer answers are the scalar path's. m′ must be
    below 2**62 and the answers must fit int64 (else a ``ValueError``).

    >>> out = lower_bounds_array(np.array([1000, 10**6]), bits=8)
    >>> out["params_lb"].tolist(), out["neurons_lb"].tolist()
    ([1067, 2311111], [33, 1520])
    >>> lower_bounds_array(np.array([1000]), bits=8, problem="pairwise")["params_lb"].tolist()
    [2367]
    """
    entry = family_entry(problem)
    bits, layers, eps, _ = _check_common(bits, layers, eps, "dense")
    mp = as_int_array(m_prime, "m_prime", 2)
    if mp.dtype == object:
        raise ValueError("m_prime must be below 2**62 for the array path (use lower_bounds)")
    e = errors_allowed_array(mp, eps)
    # the sharpest proved V_eps (permutations: the exact V(m', e)), as lower_bounds does
    size, vol = entry.cls.log2_counts_array_sharpest(mp, e, **options)
    entry.factory(2, **options)  # validates the options (op names, ops, ...)
    info = np.maximum(size - vol, 0.0)
    if mp.size and float(np.max(info)) / bits >= 2.0**62:
        raise ValueError("m_prime too large for the array path: the parameter bound exceeds "
                         "int64 (use lower_bounds)")
    per_param = info / bits
    per_width = info / (bits * layers)
    params = np.ceil(per_param)
    c = np.ceil(per_width)
    n = np.maximum(np.ceil(least_width_formula(c, np.sqrt, lambda v: v / 2.0)), 1.0)
    n = n + (n * n + n < c)  # integer check of the closed form (exact below 2**52)
    n = n - ((n > 1) & ((n - 1) * (n - 1) + (n - 1) >= c))
    params = params.astype(np.int64)
    n = n.astype(np.int64)

    # float error of I_eps is below ~1e-13 of log2|F| + log2 V (no cancellation in the
    # counts themselves); anything within 1e-10 of that scale from an integer is redone
    scale = 1e-10 * np.maximum(np.abs(size) + np.abs(vol), 1.0)

    def near_integer(x: np.ndarray, div: int) -> np.ndarray:
        return np.abs(x - np.round(x)) <= scale / div

    redo = near_integer(per_param, bits) | near_integer(per_width, bits * layers) | (c > 2.0**52)
    flat_mp, flat_p, flat_n = mp.reshape(-1), params.reshape(-1), n.reshape(-1)
    for i in np.flatnonzero(redo.reshape(-1)):
        fam = entry.factory(int(flat_mp[i]), **options)
        lb = lower_bounds(fam, bits=bits, layers=layers, eps=eps)
        assert lb.params_lb is not None
        flat_p[i], flat_n[i] = lb.params_lb, lb.neurons_lb
    return {
        "m_prime": mp,
        "log2_instances": size,
        "bits_lb": info,
        "params_lb": params,
        "neurons_lb": n,
    }
