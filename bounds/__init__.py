"""superposition-bounds: explicit-constant bounds for computing in superposition.

Numbers behind Adler & Shavit, *On the Complexity of Neural Computation in
Superposition* (arXiv:2409.15318), in a model of this library's own (``docs/model.md``).
Every result carries its provenance: a paper claim (asymptotic) or a theorem of this
library with its assumptions.

The curated API (see ``docs/api.md``)::

    >>> import bounds
    >>> lb = bounds.lower_bounds(bounds.permutation(10**6), bits=8)
    >>> lb.neurons_lb, bounds.solve(m_prime=10**6, bits=8, layers=1).neurons
    (1520, 1520)
    >>> bounds.capacity.capacity(1520, bits=8).m_prime_max >= 10**6
    True

The names load on first use, so ``import bounds`` (and the command line) stays fast.
"""

from __future__ import annotations

import importlib
import os as _os
import sys
import types
from typing import TYPE_CHECKING, Any

# sympy picks python-flint (a dependency of the proofs' ball arithmetic) for its integer
# ground types when it is installed; keep the pure-Python ones that every result of this
# library was checked with (flint's fmpz overflowed in sympy.simplify here), unless the user
# chose otherwise before importing sympy
_os.environ.setdefault("SYMPY_GROUND_TYPES", "python")

__version__ = "0.1.0"

#: public name -> module that defines it
_API = {
    "family": "bounds.families",
    "permutation": "bounds.families",
    "pairwise": "bounds.families",
    "ProblemFamily": "bounds.families",
    "lower_bounds": "bounds.lower",
    "lower_bounds_array": "bounds.lower",
    "LowerBounds": "bounds.lower",
    "least_width": "bounds.lower",
    "Capacity": "bounds.capacity",
    "Representation": "bounds.representation",
    "jl_min_dim": "bounds.representation",
    "crossover": "bounds.representation",
    "solve": "bounds.solve",
    "Solution": "bounds.solve",
    "log2_factorial": "bounds.counting",
    "MODELS": "bounds.models",
}

#: submodules reachable as attributes (``bounds.capacity.capacity(100, bits=8)``); their
#: functions of the same name are not re-exported, so ``bounds.capacity`` is always the
#: module. ``bounds.solve`` is always the function (the module is ``bounds.solve`` in
#: ``sys.modules``; import from it with ``from bounds.solve import Solution``).
_SUBMODULES = ("capacity", "representation", "counting", "families", "lower", "models")

__all__ = [  # the keys of _API (tests/test_api.py checks), spelled out for linters
    "MODELS", "Capacity", "LowerBounds", "ProblemFamily", "Representation", "Solution",
    "__version__", "crossover", "family", "jl_min_dim", "least_width", "log2_factorial",
    "lower_bounds", "lower_bounds_array", "pairwise", "permutation", "solve",
]

if TYPE_CHECKING:  # for type checkers and IDEs; at run time the names load lazily
    from bounds.capacity import Capacity
    from bounds.counting import log2_factorial
    from bounds.families import ProblemFamily, family, pairwise, permutation
    from bounds.lower import LowerBounds, least_width, lower_bounds, lower_bounds_array
    from bounds.models import MODELS
    from bounds.representation import Representation, crossover, jl_min_dim
    from bounds.solve import Solution, solve


class _Package(types.ModuleType):
    """Keeps ``bounds.solve`` the function when the submodule ``bounds.solve`` loads."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "solve" and isinstance(value, types.ModuleType):
            value = value.solve
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"bounds.{name}")
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'bounds' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
