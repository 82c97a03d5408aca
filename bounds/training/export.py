"""Export a network as safetensors, beside the library's ``.npz`` contract.

The safetensors file holds dense tensors with the names and semantics of the
``.npz`` contract (:mod:`bounds.constructions.network`)::

    u = E x;  h_0 = u;  h_l = max(0, W_l h_{l-1} + b_l) (l = 1..L);  y_j = [(D h_L)_j > theta_j]

tensors ``E`` (d × m), ``W1..WL``, ``b1..bL``, ``D`` (m' × n_L), ``theta`` (float64) and
``instance`` (int64); the string metadata records ``kind, m, m_prime, k, num_layers``
and the semantics line above. Float64 is kept so that a reader reproduces the
library's outputs exactly; ``torch`` users may ``.float()`` it. Writes are atomic.

>>> import tempfile, os, numpy as np
>>> from bounds.constructions.trivial import build_trivial
>>> net = build_trivial("permutation", 4, instance=[1, 0, 3, 2])
>>> with tempfile.TemporaryDirectory() as tmp:
...     p = save_safetensors(net, os.path.join(tmp, "net.safetensors"))
...     tensors, meta = load_safetensors(p)
>>> sorted(tensors), meta["num_layers"]
(['D', 'E', 'W1', 'b1', 'instance', 'theta'], '1')
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from bounds.constructions.network import Network

__all__ = ["SEMANTICS", "export_paths", "load_safetensors", "save_safetensors"]

SEMANTICS = ("u = E x; h_0 = u; h_l = max(0, W_l h_{l-1} + b_l) for l = 1..L; "
             "y_j = 1 if (D h_L)_j > theta_j else 0")


def export_paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """``(PATH.npz, PATH.safetensors)`` from a path with either suffix or none.

    >>> [p.name for p in export_paths("net.npz")]
    ['net.npz', 'net.safetensors']
    """
    p = Path(path)
    if p.suffix in (".npz", ".safetensors"):
        p = p.with_suffix("")
    if str(p.parent) not in ("", ".") and not p.parent.is_dir():
        raise ValueError(f"export directory does not exist: {str(p.parent)!r}")
    return p.with_name(p.name + ".npz"), p.with_name(p.name + ".safetensors")


def _tensors(net: Network) -> dict[str, np.ndarray]:
    out = {"E": sp.csr_matrix(net.E).toarray(), "D": sp.csr_matrix(net.D).toarray(),
           "theta": np.asarray(net.theta, dtype=np.float64),
           "instance": np.asarray(net.instance, dtype=np.int64)}
    for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), start=1):
        out[f"W{i}"] = sp.csr_matrix(w).toarray()
        out[f"b{i}"] = np.asarray(b, dtype=np.float64)
    return {k: np.ascontiguousarray(v) for k, v in out.items()}


def save_safetensors(net: Network, path: str | os.PathLike[str]) -> Path:
    """Write ``net`` as a safetensors file atomically (module docstring)."""
    from safetensors.numpy import save

    meta = {"format": "superposition-bounds network", "kind": net.kind, "m": str(net.m),
            "m_prime": str(net.m_prime), "k": str(net.k), "num_layers": str(net.num_layers),
            "semantics": SEMANTICS}
    from bounds.files import atomic_write

    return atomic_write(path, save(_tensors(net), metadata=meta))


def load_safetensors(path: str | os.PathLike[str]) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """``(tensors, metadata)`` of a file written by :func:`save_safetensors`."""
    from safetensors import safe_open

    with safe_open(str(path), framework="numpy") as fh:
        meta = dict(fh.metadata() or {})
        tensors = {name: fh.get_tensor(name) for name in fh.keys()}  # noqa: SIM118
    return tensors, meta
