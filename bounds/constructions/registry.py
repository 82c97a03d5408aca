"""The construction registry: one entry per construction, iterated by everything else.

Each :class:`Construction` names its family, builder, closed-form accounting, Θ-limits,
baseline, the construction-specific options it accepts and the claim it supports.
``simulation.py`` (and so ``superbounds simulate``), the reports, the tests and
:func:`~bounds.constructions.crossover.c0_crossover` iterate :data:`REGISTRY`; adding a
construction is one builder module plus one :func:`register` line below.

Builders of kind ``"network"`` share one signature,
``build(m_prime, k, delta, seed, *, m=None, instance=None, **options) -> Network``
(``instance=None``: a random instance from ``seed``, see
:func:`bounds.constructions.instances.random_instance`); switching networks
(kind ``"switching"``) are built as ``build(size)``.

>>> [c.name for c in simulatable()]  # doctest: +NORMALIZE_WHITESPACE
['permutation', 'pairwise-and', 'permutation-design', 'pairwise-and-design',
 'pairwise-and-private', 'permutation-separated', 'pairwise-and-separated', 'uand']
>>> get("pairwise-and").baseline, get("pairwise-and").family
('trivial-pairwise-and', 'pairwise-and')
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["REGISTRY", "Construction", "calibrated_constructions", "crossover_names",
           "frontier_constructions", "get", "names", "register", "simulatable"]

#: claim scopes (see :attr:`Construction.claim`)
FAMILY_CLAIM = "family"
RANDOM_INSTANCE_CLAIM = "random-instance"
#: each built network is certified for its own instance; the builder may refuse an instance
#: (no every-instance theorem): not a construction of the whole family
CERTIFIED_INSTANCE_CLAIM = "certified-instance"


@dataclass(frozen=True)
class Construction:
    """One construction of SPEC §5.

    * ``name`` — registry key and CLI choice; ``short`` — "C0", "C1", …; ``label`` — the
      text printed in reports;
    * ``family`` — ``"permutation"`` or ``"pairwise-and"``;
    * ``kind`` — ``"network"`` (builds a :class:`~bounds.constructions.network.Network`)
      or ``"switching"`` (a :class:`~bounds.constructions.switching.SwitchingNetwork`);
    * ``build`` — the builder (module docstring for its signature);
    * ``accounting`` / ``theta_limits`` — closed-form resources (sympy) and Θ-limits, or
      ``None``;
    * ``baseline`` — registry name of the construction it must beat (C0), or ``None``;
    * ``options`` — construction-specific options accepted by ``build`` (e.g. ``m``, ``d``);
    * ``claim`` — ``"family"`` when the network is correct for every instance of the
      family (exact constructions), ``"random-instance"`` when its correctness claim is
      only about the instance distribution named in ``instance_distribution`` (then it
      is not an upper bound for the family and is not compared with the lower bounds as
      one), ``"certified-instance"`` when every network it returns is certified for its own
      instance but it may refuse some instance (no every-instance theorem; e.g. C1s);
    * ``correctness`` — for a family claim, the correctness notion it holds under and why
      (e.g. exact on the identifying probes by a stated theorem), or ``""``;
    * ``in_model`` — False when the construction is outside the counting model of §1
      (U-AND keeps the instance in its public decoder);
    * ``simulate`` — offered by ``superbounds simulate``;
    * ``provenance`` — "this library's" or "the peer";
    * ``report_keys`` — chosen constants printed in the footer, looked up in the built
      network's ``meta`` (then in ``meta["params"]``);
    * ``frontier`` — the row name when this is its family's construction on the frontier
      (``superbounds frontier``, ``bounds.reports.frontier``), else ``""``; at most one
      per family (:func:`frontier_constructions`);
    * ``c0_crossover`` — True when :func:`~bounds.constructions.crossover.c0_crossover`
      (the parameter chooser of the channel constructions) applies: ``superbounds
      crossover`` offers it;
    * ``calibration`` — for a construction with calibrated (searched, not proved) sizes, the
      path (relative to the repository) of its calibration JSON (rows with ``m_prime``,
      ``layers``, ``all_certified``, the sizes and the built resources): where a row exists
      the frontier offers it beside its family's theorem construction
      (:func:`calibrated_constructions`), else ``""``.
    """

    name: str
    short: str
    label: str
    family: str
    kind: str
    build: Callable[..., Any]
    accounting: Callable[..., Any] | None = None
    theta_limits: Callable[..., Any] | None = None
    baseline: str | None = None
    options: tuple[str, ...] = ()
    claim: str = FAMILY_CLAIM
    instance_distribution: str = ""
    correctness: str = ""
    in_model: bool = True
    simulate: bool = False
    provenance: str = "this library's"
    report_keys: tuple[str, ...] = ()
    frontier: str = ""
    c0_crossover: bool = False
    calibration: str = ""

    @property
    def family_claim(self) -> bool:
        """True when the construction is claimed correct for every instance."""
        return self.claim == FAMILY_CLAIM


REGISTRY: dict[str, Construction] = {}


def register(entry: Construction) -> Construction:
    """Add ``entry`` to :data:`REGISTRY` (names are unique)."""
    if entry.name in REGISTRY:
        raise ValueError(f"construction {entry.name!r} is registered twice")
    REGISTRY[entry.name] = entry
    return entry


def get(name: str) -> Construction:
    """The registry entry ``name`` (``ValueError`` listing the accepted names otherwise)."""
    try:
        return REGISTRY[name]
    except (KeyError, TypeError):
        raise ValueError(f"construction must be one of {', '.join(REGISTRY)} "
                         f"(got {name!r})") from None


def names(kind: str | None = None) -> tuple[str, ...]:
    """Registered names, optionally of one ``kind`` (``"network"``, ``"switching"``)."""
    return tuple(n for n, c in REGISTRY.items() if kind is None or c.kind == kind)


def simulatable() -> tuple[Construction, ...]:
    """The constructions offered by ``superbounds simulate``, in registry order."""
    return tuple(c for c in REGISTRY.values() if c.simulate)


def crossover_names() -> tuple[str, ...]:
    """The constructions :func:`~bounds.constructions.crossover.c0_crossover` applies to.

    >>> crossover_names()
    ('permutation', 'pairwise-and')
    """
    return tuple(n for n, c in REGISTRY.items() if c.c0_crossover)


def frontier_constructions() -> dict[str, Construction]:
    """Registered family name ↦ the construction marked as its frontier row, read now.

    >>> {p: c.name for p, c in frontier_constructions().items()}
    {'permutation': 'permutation-design', 'pairwise': 'pairwise-and-design'}
    """
    from bounds.families.registry import construction_kinds

    kinds = construction_kinds()
    out: dict[str, Construction] = {}
    for c in REGISTRY.values():
        if c.frontier:
            problem = kinds[c.family][0].name
            if problem in out:
                raise ValueError(f"two frontier constructions for {problem}: "
                                 f"{out[problem].name}, {c.name}")
            out[problem] = c
    return out


def calibrated_constructions(family: str) -> tuple[Construction, ...]:
    """The constructions of ``family`` (a construction family, e.g. ``"permutation"``) that
    name a calibration file, in registry order.

    >>> [c.short for c in calibrated_constructions("permutation")]
    ['C1s']
    """
    return tuple(c for c in REGISTRY.values() if c.calibration and c.family == family)


# ------------------------------------------------------------------- builders
def _trivial(family: str) -> Callable[..., Any]:
    def build(m_prime: int, k: int, delta: float, seed: int, *, m: int | None = None,
              instance: Any = None) -> Any:
        from bounds.constructions.trivial import build_trivial

        del delta  # C0 is exact
        return build_trivial(family, m_prime, instance=instance, seed=seed, m=m, k=k)

    build.__doc__ = f"C0 for the {family} family (registry signature)."
    return build


def _trivial_accounting(family: str) -> Callable[..., Any]:
    def acc() -> Any:
        from bounds.constructions.trivial import accounting

        return accounting(family)

    return acc


def _c1(m_prime: int, k: int, delta: float, seed: int, *, m: int | None = None,
        instance: Any = None, **overrides: Any) -> Any:
    """C1 (registry signature); ``m`` must be ``None`` or ``m'``."""
    from bounds.constructions.channels import build_permutation
    from bounds.constructions.instances import default_m

    default_m("permutation", m_prime, m)
    return build_permutation(m_prime, k, delta, seed, instance=instance, **overrides)


def _c2(m_prime: int, k: int, delta: float, seed: int, *, m: int | None = None,
        instance: Any = None, **overrides: Any) -> Any:
    """C2 (registry signature)."""
    from bounds.constructions.channels import build_pairwise_and

    return build_pairwise_and(m_prime, k, delta, seed, m=m, instance=instance, **overrides)


def _channel_accounting(family: str) -> Callable[..., Any]:
    def acc(params: Any = None) -> Any:
        from bounds.constructions.channels import accounting

        return accounting(family, params)

    return acc


def _channel_limits(family: str) -> Callable[..., Any]:
    def lim() -> Any:
        from bounds.constructions.channels import theta_limits

        return theta_limits(family)

    return lim


def _c1d(m_prime: int, k: int, delta: float, seed: int, *, m: int | None = None,
         instance: Any = None, **overrides: Any) -> Any:
    """C1d (registry signature); ``m`` must be ``None`` or ``m'``."""
    from bounds.constructions.design import build_permutation_design

    return build_permutation_design(m_prime, k, delta, seed, m=m, instance=instance,
                                    **overrides)


def _c1d_accounting(params: Any = None) -> Any:
    from bounds.constructions.design import design_accounting

    return design_accounting(params)


def _c1d_limits() -> Any:
    from bounds.constructions.design import design_theta_limits

    return design_theta_limits()


def _c2d(m_prime: int, k: int, delta: float, seed: int, *, m: int | None = None,
         instance: Any = None, **overrides: Any) -> Any:
    """C2d (registry signature)."""
    from bounds.constructions.pairdesign import build_pair_design

    return build_pair_design(m_prime, k, delta, seed, m=m, instance=instance, **overrides)


def _c2d_accounting(params: Any = None) -> Any:
    from bounds.constructions.pairdesign import pair_design_accounting

    return pair_design_accounting(params)


def _c2d_limits() -> Any:
    from bounds.constructions.pairdesign import pair_design_theta_limits

    return pair_design_theta_limits()


def _c1s(m_prime: int, k: int, delta: float, seed: int, *, m: int | None = None,
         instance: Any = None, **overrides: Any) -> Any:
    """C1s (registry signature); ``m`` must be ``None`` or ``m'``."""
    from bounds.constructions.sepperm import build_permutation_separated

    return build_permutation_separated(m_prime, k, delta, seed, m=m, instance=instance,
                                       **overrides)


def _c2s(m_prime: int, k: int, delta: float, seed: int, *, m: int | None = None,
         instance: Any = None, **overrides: Any) -> Any:
    """C2s (registry signature)."""
    from bounds.constructions.seppair import build_pair_separated

    return build_pair_separated(m_prime, k, delta, seed, m=m, instance=instance, **overrides)


def _lazy(module: str, name: str) -> Any:
    """``bounds.constructions.<module>.<name>``, imported on use."""
    import importlib

    return getattr(importlib.import_module(f"bounds.constructions.{module}"), name)


def _uand(m_prime: int, k: int, delta: float, seed: int, *, m: int | None = None,
          instance: Any = None, d: int | None = None, p: float | None = None) -> Any:
    """U-AND (registry signature): ``m`` defaults to the family's default, ``d``/``p`` to
    :func:`~bounds.constructions.uand.uand_defaults`."""
    from bounds.constructions.instances import default_m
    from bounds.constructions.uand import build_uand, uand_defaults

    mm = default_m("pairwise-and", m_prime) if m is None else m
    if mm * (mm - 1) // 2 < m_prime:  # build_uand names the accepted range
        return build_uand(mm, d or 1, p or 1.0, k, seed, m_prime=m_prime, pairs=instance)
    if d is None or p is None:
        d0, p0 = uand_defaults(mm, m_prime, k, delta)
        d = d0 if d is None else d
        p = p0 if p is None else p
    return build_uand(mm, d, p, k, seed, m_prime=m_prime, pairs=instance)


def _switching(name: str) -> Callable[..., Any]:
    def build(size: int) -> Any:
        from bounds.constructions import switching

        return switching.build(name, size)

    return build


def _switching_accounting(name: str) -> Callable[..., Any]:
    def acc() -> Any:
        from bounds.constructions import switching

        return switching.accounting(name)

    return acc


_CHANNEL_KEYS = ("r", "s", "G", "g", "G_in", "tau", "rho", "bound")
_RANDOM_PERM = ("a uniformly random permutation drawn independently of the public code, "
                "ownership and seed")
_RANDOM_PAIRS = ("a uniformly random labelled instance (m' distinct pairs of [m]) drawn "
                 "independently of the public code, ownership and seed")

register(Construction(
    "trivial-permutation", "C0", "C0 (no superposition, inputs explicit)", "permutation",
    "network", _trivial("permutation"), _trivial_accounting("permutation")))
register(Construction(
    "trivial-pairwise-and", "C0", "C0 (no superposition, inputs explicit)", "pairwise-and",
    "network", _trivial("pairwise-and"), _trivial_accounting("pairwise-and"),
    options=("m",)))
register(Construction(
    "permutation", "C1", "C1 (permutation in superposition, output channels)", "permutation",
    "network", _c1, _channel_accounting("permutation"), _channel_limits("permutation"),
    baseline="trivial-permutation", claim=RANDOM_INSTANCE_CLAIM,
    instance_distribution=_RANDOM_PERM, simulate=True, report_keys=_CHANNEL_KEYS,
    c0_crossover=True))
register(Construction(
    "pairwise-and", "C2", "C2 (pairwise AND in superposition, output channels)",
    "pairwise-and", "network", _c2, _channel_accounting("pairwise-and"),
    _channel_limits("pairwise-and"), baseline="trivial-pairwise-and", options=("m",),
    claim=RANDOM_INSTANCE_CLAIM, instance_distribution=_RANDOM_PAIRS, simulate=True,
    report_keys=_CHANNEL_KEYS, c0_crossover=True))
register(Construction(
    "permutation-design", "C1d", "C1d (permutation in superposition, algebraic designs)",
    "permutation", "network", _c1d, _c1d_accounting, _c1d_limits,
    baseline="trivial-permutation", options=("D", "L", "G", "s", "g"),
    correctness="exact on the identifying probes (the one-hot inputs) for every permutation: "
    "this library's theorem in bounds/constructions/design.py (unsigned code: worst-case "
    "cross-talk (D-1)L/s <= (s-1)/s, own term 1); nothing is claimed for inputs with >= 2 "
    "active features",
    simulate=True, report_keys=("D", "s", "g", "G", "L", "worst_case_ok"),
    frontier="C1d permutation (designs)"))
register(Construction(
    "pairwise-and-design", "C2d", "C2d (pairwise AND in superposition, algebraic designs)",
    "pairwise-and", "network", _c2d, _c2d_accounting, _c2d_limits,
    baseline="trivial-pairwise-and", options=("m", "max_degree", "r", "D", "G", "s", "g"),
    correctness="exact on the identifying probes (all inputs with <= 2 active features) for "
    "every instance of the family F_r of bounded co-owner counts (every instance of max degree "
    "<= r-1, and more; at least half of all instances at the default r, so its counting bound "
    "is at most 1 bit below the full family's): this library's theorem in "
    "bounds/constructions/pairdesign.py; instances outside F_r (e.g. two hubs) are refused, "
    "so this is NOT a construction of the whole pairwise family; nothing is claimed for "
    "inputs with >= 3 active features",
    simulate=True, report_keys=("r", "D", "s", "g", "G", "L", "worst_case_ok"),
    frontier="C2d pairwise AND (designs)"))
register(Construction(
    "pairwise-and-private", "C2p",
    "C2p (pairwise AND, one private unit per output, superposed code)", "pairwise-and",
    "network", lambda *a, **kw: _lazy("pairprivate", "build_private_pairs")(*a, **kw),
    lambda params=None: _lazy("pairprivate", "private_accounting")(params),
    lambda: _lazy("pairprivate", "private_theta_limits")(), baseline="trivial-pairwise-and",
    options=("m", "D", "s", "g"),
    correctness="exact on the identifying probes (all inputs with <= 2 active features) for EVERY "
    "labelled instance (the whole pairwise family): this library's theorem in "
    "bounds/constructions/pairprivate.py (unit j reads only its own pair; s >= 3(D-1)+1); its m' "
    "last-layer units are the least any clique-template construction of the whole family can have "
    "(same module), so it ties C0 in neurons and never beats it; nothing is claimed for inputs "
    "with >= 3 active features",
    simulate=True, report_keys=("D", "s", "g", "d", "worst_case_ok")))
register(Construction(
    "permutation-separated", "C1s", "C1s (permutation in superposition, LP-separated units)",
    "permutation", "network", _c1s,
    accounting=lambda params=None: _lazy("sepperm", "separated_accounting")(
        params if params is not None else _lazy("sepperm", "choose_separated")(1000)),
    baseline="trivial-permutation", options=("layers", "d", "s", "G", "scale", "objective"),
    claim=CERTIFIED_INSTANCE_CLAIM,
    correctness="certified on the identifying (one-hot) probes for each built instance by a "
    "per-instance certificate (every unit's LP constraints checked exactly over all m features "
    "and the origin at build time; the builder raises instead of returning a network whose LP "
    "is infeasible; certify(scope='probes') re-checks the built network); NO theorem that the "
    "LP is feasible for every permutation (the code's L-neighbourliness is not proved); sizes "
    "calibrated by benchmarks/calibrate_sep.py (docs/data/calibrated/C1s.json, which lists per "
    "m' and depth the instances built: the seed's random instance and adversarial ones, from "
    "the 'cancel', 'correlated' and 'cover' attacks of sepperm.attack_instance, 10 units "
    "attacked each, and where recorded the hull attacks of hullattack.hull_attack_instance; "
    "the 'cancel' attack broke 100 of 123 attacked units at sizes calibrated without it, see "
    "benchmarks/attack_sep.py), and in tests/test_sepperm.py (m'=60: the random instance and 2 "
    "attacks); rows refuted by benchmarks/attack_hull.py --mark (m'=1000, s=16) are kept in "
    "the file as refuted and not used; nothing is claimed for inputs with >= 2 active "
    "features",
    simulate=True, report_keys=("layers", "d", "s", "G", "L", "max_int"),
    calibration="docs/data/calibrated/C1s.json"))
register(Construction(
    "pairwise-and-separated", "C2s",
    "C2s (pairwise AND in superposition, LP-separated units)", "pairwise-and", "network", _c2s,
    accounting=lambda params=None: _lazy("seppair", "sep_pair_accounting")(params),
    baseline="trivial-pairwise-and",
    options=("m", "layers", "kappa", "rho", "r", "G", "s", "g", "qmax"),
    claim=CERTIFIED_INSTANCE_CLAIM,
    correctness="exact on the identifying probes (all inputs with <= 2 active features) for "
    "each built instance of C2d's family F_r (co-owner condition), by a per-instance "
    "certificate (seppair.certify_pair_separated, run by the builder, which raises instead of "
    "returning an uncertified network); NO theorem that the unit LPs are feasible for every "
    "instance of F_r, and F_r is not the whole family (instances outside are refused); sizes "
    "calibrated by benchmarks/calibrate_seppair.py (docs/data/calibrated/C2s.json: the seed's "
    "random instance of F_r and the adversarial instances listed there per m', the hull "
    "attacks of hullattack among them), and tested in tests/test_seppair.py; the rows of the "
    "first sizing rule (kappa) are REFUTED by the hull attacks (benchmarks/attack_hull.py "
    "--mark: an instance of F_r the builder refuses at those sizes) and kept as refuted; "
    "nothing is claimed for inputs with >= 3 active features",
    simulate=True, report_keys=("layers", "r", "s", "g", "d", "G", "L", "lp_units", "min_gap"),
    calibration="docs/data/calibrated/C2s.json"))
register(Construction(
    "uand", "U-AND", "peer U-AND (Hänni, Mendel, Vaintrob & Chan, arXiv:2408.05451)",
    "pairwise-and", "network", _uand, baseline="trivial-pairwise-and",
    options=("m", "d", "p"), claim=RANDOM_INSTANCE_CLAIM,
    instance_distribution="uniformly random pairs read out (any pairs: the decoder selects "
    "them); inputs uniform", in_model=False, simulate=True, provenance="the",
    report_keys=("d", "p", "theta", "d_p2", "S_min")))
register(Construction(
    "benes", "Beneš", "Beneš switching network (N = 2^q)", "permutation", "switching",
    _switching("benes"), _switching_accounting("benes")))
register(Construction(
    "waksman", "Waksman", "Waksman switching network (any N)", "permutation", "switching",
    _switching("waksman"), _switching_accounting("waksman")))


def build_quietly(entry: Construction, *args: Any, **kwargs: Any) -> tuple[Any, list[str]]:
    """``entry.build(*args, **kwargs)`` with its ``UserWarning`` messages collected."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = entry.build(*args, **kwargs)
    return net, [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
