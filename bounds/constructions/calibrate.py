"""Calibrated mode (issue 9 item 2): the smallest sizes at which the BUILT network certifies.

The analysed mode keeps a stated sufficient condition (C1d: the worst-case theorem of
:mod:`bounds.constructions.design`; C1/C2: the failure bound of
:mod:`bounds.constructions.channels.analysis`). The calibrated mode instead builds the
network at decreasing sizes and keeps the smallest one that is **certified on the
identifying probes** (:func:`bounds.constructions.certify.certify`, ``scope="probes"``: the
one-hot inputs for a permutation, every input with ≤ 2 active features for pairwise AND)
for every instance of a *tested set*: the seed's random instance and the adversarial
instances built against the public code and ownership after they are fixed
(:func:`bounds.constructions.design.overlap_instance` for C1d;
:func:`bounds.constructions.adversarial.shared_endpoints` and
:func:`~bounds.constructions.adversarial.star` for C2). The widths are fixed for the whole
family, so a size counts only if it certifies on *all* tested instances; a size at which an
instance exceeds the channel budget counts as a failure.

Verdict kind of a calibrated size: "certified on the identifying probes for the tested
instances" — not a theorem for the family (a calibrated size below the analysed one has
no proof for untested instances; :func:`calibrate` reports whether the analysed condition
still holds there).

>>> c = calibrate("permutation-design", 200, seed=0)
>>> c.found, c.sizes["s"] <= choose_design(200).s, c.theorem_holds
(True, True, True)
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field
from typing import Any

from bounds.constructions.certify import certify
from bounds.constructions.design import build_permutation_design, choose_design, overlap_instance
from bounds.validation import as_int, as_m_prime

__all__ = ["Calibration", "calibrate"]


@dataclass(frozen=True)
class Calibration:
    """Result of :func:`calibrate`.

    ``sizes`` are the smallest certified ones (``{}`` if none in the searched range);
    ``widths``/``max_width``/``total_neurons`` of the network built there; ``tested`` the
    instance names; ``trials`` one record per size tried (sizes, per-instance status);
    ``theorem_holds`` whether the analysed sufficient condition holds at ``sizes``.
    """

    construction: str
    m_prime: int
    k: int
    delta: float
    seed: int
    found: bool
    sizes: dict[str, int]
    widths: tuple[int, ...]
    max_width: int
    total_neurons: int
    tested: tuple[str, ...]
    theorem_holds: bool
    verdict: str
    trials: tuple[dict[str, Any], ...] = field(default=())
    seconds: float = 0.0


def _statuses(builders: dict[str, Any]) -> tuple[dict[str, str], Any]:
    out: dict[str, str] = {}
    net = None
    for name, make in builders.items():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                built = make()
        except ValueError as exc:  # e.g. an instance beyond the channel budget
            out[name] = f"not buildable ({exc})"
            return out, None
        c = certify(built, scope="probes")
        out[name] = c.status
        net = built if net is None else net
        if not c.certified:
            return out, None
    return out, net


def _design(m_prime: int, k: int, delta: float, seed: int) -> Calibration:
    """C1d: for each ``D`` and ``L`` of the analysed search, the least ``s`` (≤ the
    analysed one) certifying on the random and the adversarial instance; the best by max
    width, then total neurons."""
    base = choose_design(m_prime)
    trials: list[dict[str, Any]] = []
    best: tuple | None = None
    for L in sorted({max(1, base.L - 1), base.L, base.L + 1}):
        ov_base = {"D": base.D, "L": L}
        try:
            ref = choose_design(m_prime, **ov_base)
        except ValueError:
            continue
        for s in range(ref.s, 0, -1):
            ov = {**ov_base, "s": s, "g": ref.g}
            if s > ref.g:
                continue
            p = choose_design(m_prime, **ov)
            inst = overlap_instance(m_prime, seed, targets=m_prime, **ov)[0]
            st, net = _statuses({
                "random": lambda ov=ov: build_permutation_design(m_prime, k, delta, seed, **ov),
                "overlap-attack": lambda ov=ov, inst=inst: build_permutation_design(
                    m_prime, k, delta, seed, instance=inst, **ov)})
            trials.append({"sizes": {**ov, "G": p.G}, "max_width": max(p.d, p.H),
                           "status": st})
            if net is None:
                break
            key = (max(p.d, p.H), 2 * p.H)
            if best is None or key < best[0]:
                best = (key, p, net)
    if best is None:
        return _empty("permutation-design", m_prime, k, delta, seed, trials)
    _key, p, net = best
    return _result("permutation-design", m_prime, k, delta, seed, net,
                   {"D": p.D, "L": p.L, "G": p.G, "s": p.s, "g": p.g},
                   ("random", "overlap-attack"), p.worst_case_ok, trials)


def _c2(m_prime: int, k: int, delta: float, seed: int, grid: Any) -> Calibration:
    """C2: over a grid of ``(r = s, G = g)`` with ``τ = ⌈r/2⌉ − 1`` (no feature of degree
    ≤ τ can light half of an output's units) and ``G_in = G``; random instance, the
    shared-endpoints attack and a star (features: ``m = m′ + 1``)."""
    from bounds.constructions import adversarial as adv
    from bounds.constructions.channels import build_pairwise_and

    trials: list[dict[str, Any]] = []
    best: tuple | None = None
    m = m_prime + 1
    for r, G in grid:
        ov = {"r": r, "s": r, "G": G, "g": G, "G_in": G, "tau": max(1, -(-r // 2) - 1)}
        width = max(r * G, 2 * r * G)
        if best is not None and width >= best[0][0]:
            continue
        shared = adv.shared_endpoints(m_prime, k, delta, seed, m=m,
                                      targets=max(1, min(50, m_prime // 40)), **ov)[0]
        star = adv.star(m_prime, m=m)
        st, net = _statuses({
            "random": lambda ov=ov: build_pairwise_and(m_prime, k, delta, seed, m=m, **ov),
            "shared-endpoints": lambda ov=ov, i=shared: build_pairwise_and(
                m_prime, k, delta, seed, m=m, instance=i, **ov),
            "star": lambda ov=ov, i=star: build_pairwise_and(
                m_prime, k, delta, seed, m=m, instance=i, **ov)})
        trials.append({"sizes": ov, "max_width": width, "status": st})
        if net is not None:
            best = ((width, 2 * width), ov, net)
    if best is None:
        return _empty("pairwise-and", m_prime, k, delta, seed, trials)
    _key, ov, net = best
    return _result("pairwise-and", m_prime, k, delta, seed, net, ov,
                   ("random", "shared-endpoints", "star"), False, trials)


def _empty(name: str, m_prime: int, k: int, delta: float, seed: int,
           trials: list[dict[str, Any]]) -> Calibration:
    return Calibration(construction=name, m_prime=m_prime, k=k, delta=delta, seed=seed,
                       found=False, sizes={}, widths=(), max_width=0, total_neurons=0,
                       tested=(), theorem_holds=False,
                       verdict="no size in the searched range certifies on the identifying "
                               "probes for all tested instances", trials=tuple(trials))


def _result(name: str, m_prime: int, k: int, delta: float, seed: int, net: Any,
            sizes: dict[str, int], tested: tuple[str, ...], theorem: bool,
            trials: list[dict[str, Any]]) -> Calibration:
    res = net.resources()
    verdict = ("certified on the identifying probes for the tested instances ("
               + ", ".join(tested) + f"; seed {seed})"
               + ("; the analysed sufficient condition also holds, so the claim is for every "
                  "instance" if theorem else "; the analysed condition does not hold here, "
                  "so the claim is about the tested instances only"))
    return Calibration(construction=name, m_prime=m_prime, k=k, delta=delta, seed=seed,
                       found=True, sizes=sizes, widths=res.widths, max_width=res.max_width,
                       total_neurons=res.total_neurons, tested=tested, theorem_holds=theorem,
                       verdict=verdict, trials=tuple(trials))


def calibrate(construction: str, m_prime: int, k: int = 3, delta: float = 0.01,
              seed: int = 0, *, grid: Any = None) -> Calibration:
    """The calibrated mode for ``construction`` (``"permutation-design"`` or
    ``"pairwise-and"``; module docstring). ``grid`` (C2 only): ``(r, G)`` pairs to try,
    default a small grid around the analysed sizes."""
    t0 = time.perf_counter()
    mp = as_m_prime(m_prime)
    k = as_int(k, "k", 1)
    seed = as_int(seed, "seed", 0)
    if construction == "permutation-design":
        out = _design(mp, k, delta, seed)
    elif construction == "pairwise-and":
        if grid is None:
            import math

            root = math.isqrt(k * mp)
            grid = sorted({(r, G) for r in (6, 10, 16, 24, 32)
                           for G in (max(8, root // 2), root, 2 * root)},
                          key=lambda t: t[0] * t[1])
        out = _c2(mp, k, delta, seed, grid)
    else:
        raise ValueError("construction must be 'permutation-design' or 'pairwise-and' "
                         f"(got {construction!r})")
    return Calibration(**{**out.__dict__, "seconds": time.perf_counter() - t0})
