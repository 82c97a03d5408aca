"""Train the weight layers of a network in the model (SPEC §1), with PyTorch.

Fixed (public, instance-independent, not parameters): the input code ``E``
(:func:`bounds.training.interface.input_code`), the decoder ``D`` and thresholds
``θ`` (:func:`bounds.training.interface.owner_decoder`). Learned: ``W_ℓ, β_ℓ`` for
``ℓ = 1..L``, every width ``n`` (and ``d ≤ n``). The result is a plain
:class:`~bounds.constructions.network.Network`; nothing downstream knows it was trained.

With ``decoder="learned"`` the decoder ``D`` (``m' × n``) is trained too (``θ`` stays
``1/2``). Such a decoder depends on the instance, so that network is **outside the
model** (as U-AND is): its widths are not comparable with the §3 bounds, whose
counting treats ``D`` as public.

Data: every step draws a fresh batch of ≤ k-sparse inputs from
``numpy.random.default_rng([train_seed, 13])``, an equal mixture of the verifier's strata
(:mod:`bounds.constructions.verify`): uniform on ≤ k-sparse inputs, fewer than k
active, and for AND "both endpoints of a random output active" and "exactly one
endpoint active" (each plus random others).

Loss (suited to thresholded outputs): with ``z_j = ⟨D_j, h_L⟩ − θ_j`` and target
``t_j ∈ {0, 1}``, the squared hinge ``Σ_j max(0, μ − (2t_j − 1) z_j)²`` summed over the
``m'`` outputs of an input (an input is wrong if *any* output is) and averaged over the
batch; margin ``μ`` (default 1/4 of the unit scale). The terms with ``t_j = 1`` are
weighted ``pos_weight`` (``w+``, default 1): an AND output is 1 on only about
``1/(4m')`` of the output terms the sampler shows (one target output in a quarter of the
rows), so unweighted the rare positives barely move the weights. Adam (per layer
``lr·min(1, √(lr_width/fan_in))`` if ``lr_width`` is set, else ``lr``), learning rate
with cosine decay to 0 over the fixed step budget. The code and decoder enter as
gathers (the rows of ``Eᵀ`` of the active features; each output's ``r`` owned units),
which equal the products ``x Eᵀ`` and ``h Dᵀ``. Deterministic: ``torch.manual_seed(seed)``,
``torch.use_deterministic_algorithms(True)``, one thread.

PyTorch is imported inside the functions that need it, never at module import.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from bounds.constructions.network import Network
from bounds.constructions.trivial import default_m, normalize_kind, random_instance
from bounds.training.interface import CODES, input_code, owner_decoder
from bounds.validation import as_int, as_m_prime, as_real

__all__ = [
    "DECODERS",
    "TrainConfig",
    "TrainedNetwork",
    "require_torch",
    "sample_inputs",
    "train_network",
]

DECODERS = ("owners", "learned")


def require_torch() -> Any:
    """Import and return ``torch``, or raise a one-line ``ValueError`` naming the extra."""
    try:
        import torch
    except ImportError:
        raise ValueError(
            "training needs PyTorch: pip install 'superposition-bounds[train]' "
            "(any recent torch works; on a CPU-only machine install the CPU build first)"
        ) from None
    return torch


@dataclass(frozen=True)
class TrainConfig:
    """The fixed training budget and optimiser settings (module docstring).

    The field defaults are only a fallback for hand-made configs; what the library,
    ``superbounds train`` and the sweep use when no config is given is the recipe of
    :func:`bounds.training.recipe.recipe` (its budget depends on m').
    """

    steps: int = 1500
    batch: int = 256
    lr: float = 0.01
    margin: float = 0.25
    lr_width: int | None = None
    pos_weight: float = 1.0

    def __post_init__(self) -> None:
        as_int(self.steps, "steps", 1)
        as_int(self.batch, "batch", 4)
        as_real(self.lr, "lr", 0.0, 10.0, low_closed=False)
        as_real(self.margin, "margin", 0.0, 10.0)
        if self.lr_width is not None:
            as_int(self.lr_width, "lr_width", 1)
        as_real(self.pos_weight, "pos_weight", 0.0, 1e6, low_closed=False)

    def layer_lr(self, fan_in: int) -> float:
        """Adam step of a layer of fan-in ``fan_in``: ``lr·min(1, √(lr_width/fan_in))``.

        Adam moves every weight by about ``lr`` per step whatever its scale, while the
        initial weights are ``~√(2/fan_in)``: a fixed ``lr`` is a relative step growing
        like ``√fan_in``. ``lr_width`` (``None``: no scaling) keeps that relative step
        at its value for width ``lr_width``.

        >>> TrainConfig(lr=0.01, lr_width=100).layer_lr(400), TrainConfig().layer_lr(400)
        (0.005, 0.01)
        """
        if self.lr_width is None:
            return self.lr
        return self.lr * min(1.0, math.sqrt(self.lr_width / fan_in))


@dataclass(frozen=True, eq=False)
class TrainedNetwork:
    """A trained network and how it was made."""

    net: Network
    config: TrainConfig
    seed: int
    train_seed: int
    code: str
    decoder: str
    in_model: bool
    final_loss: float
    wall_seconds: float
    cpu_seconds: float
    torch_version: str
    widths: tuple[int, ...] = field(default=())


def _distinct_rows(rng: np.random.Generator, n: int, size: int, m: int,
                   exclude: np.ndarray | None = None) -> np.ndarray:
    """``n`` rows of ``size`` distinct features of ``[m]``, avoiding the row's ``exclude``."""
    out = rng.integers(0, m, size=(n, size))
    if size == 0:
        return out
    while True:
        srt = np.sort(out, axis=1)
        bad = (srt[:, 1:] == srt[:, :-1]).any(axis=1)
        if exclude is not None:
            bad |= (out[:, :, None] == exclude[:, None, :]).any(axis=(1, 2))
        nb = int(bad.sum())
        if nb == 0:
            return out
        out[bad] = rng.integers(0, m, size=(nb, size))


def sample_inputs(rng: np.random.Generator, instance: np.ndarray, m: int, k: int,
                  n: int) -> np.ndarray:
    """A batch ``(n, m)`` of 0/1 inputs with ≤ k active, the strata mixture (docstring).

    >>> x = sample_inputs(np.random.default_rng(0), np.arange(5), 5, 2, 8)
    >>> x.shape, bool((x.sum(axis=1) <= 2).all())
    ((8, 5), True)
    """
    k = min(k, m)
    inst = np.asarray(instance)
    is_and = inst.ndim == 2 and k >= 2 and m >= 3
    n_str = 4 if is_and else 2
    which = np.arange(n) % n_str
    x = np.zeros((n, m), dtype=np.float32)
    # stratum 0: uniform on <= k-sparse inputs (size j with weight C(m, j))
    # stratum 1: size uniform on {0..k-1}
    probs = np.array([math.comb(m, j) for j in range(k + 1)], dtype=float)
    sizes = np.where(which == 0, rng.choice(k + 1, size=n, p=probs / probs.sum()),
                     rng.integers(0, max(k, 1), size=n))
    for j in np.unique(sizes[which < 2]):
        sel = np.flatnonzero((which < 2) & (sizes == j))
        if j:
            cols = _distinct_rows(rng, sel.size, int(j), m)
            x[sel[:, None], cols] = 1.0
    if is_and:
        for stratum, extra in ((2, k - 2), (3, k - 1)):
            sel = np.flatnonzero(which == stratum)
            pairs = inst[rng.integers(0, inst.shape[0], size=sel.size)]
            if stratum == 2:
                x[sel[:, None], pairs] = 1.0
            else:
                x[sel, pairs[np.arange(sel.size), rng.integers(0, 2, size=sel.size)]] = 1.0
            others = _distinct_rows(rng, sel.size, min(extra, m - 2), m, exclude=pairs)
            if others.shape[1]:
                x[sel[:, None], others] = 1.0
    return x


def _active(x: np.ndarray, k: int) -> np.ndarray:
    """``(n, k)`` active features of each 0/1 row of ``x``, padded with ``m`` (a zero row).

    >>> _active(np.array([[0, 1, 1], [0, 0, 0]], dtype=np.float32), 2).tolist()
    [[1, 2], [3, 3]]
    """
    n, m = x.shape
    rows, cols = np.nonzero(x)
    out = np.full((n, max(k, 1)), m, dtype=np.int64)
    slot = np.arange(rows.size) - np.searchsorted(rows, rows)
    out[rows, slot] = cols
    return out


class _Readout:
    """``h ↦ h Dᵀ``: a gather over each output's units when ``D`` has the same number of
    entries in every row (the owners decoder), else a dense product; ``dense`` is the
    trainable ``D`` of the learned decoder."""

    def __init__(self, D: sp.csr_matrix, learned: bool, torch: Any) -> None:
        D = sp.csr_matrix(D)
        nnz = np.diff(D.indptr)
        self.dense = None
        self.cols = self.vals = None
        if learned or nnz.min() != nnz.max():
            self.dense = torch.as_tensor(D.toarray(), dtype=torch.float32)
            if learned:
                self.dense.requires_grad_()
        else:
            r = int(nnz[0])
            self.cols = torch.as_tensor(D.indices.reshape(-1, r), dtype=torch.long)
            self.vals = torch.as_tensor(D.data.reshape(-1, r), dtype=torch.float32)

    def __call__(self, h: Any) -> Any:
        if self.dense is not None:
            return h @ self.dense.T
        return (h[:, self.cols] * self.vals).sum(dim=-1)


def train_network(
    kind: str,
    m_prime: int,
    k: int,
    neurons: int,
    layers: int,
    seed: int,
    *,
    config: TrainConfig | None = None,
    m: int | None = None,
    d: int | None = None,
    code: str = "sign",
    decoder: str = "owners",
    r: int | None = None,
    instance: Any = None,
    train_seed: int | None = None,
) -> TrainedNetwork:
    """Train ``W_ℓ, β_ℓ`` of an ``L``-layer ReLU network of width ``neurons`` (docstring).

    ``seed`` is the public seed: the instance defaults to
    :func:`bounds.constructions.trivial.random_instance` with it (as ``superbounds
    simulate`` builds it), and the code and decoder come from it. ``train_seed``
    (default ``seed``) drives the initialisation and the training data only, so
    restarts on one instance differ in it alone. ``d`` defaults to ``neurons``.
    """
    torch = require_torch()
    kind = normalize_kind(kind)
    m_prime = as_m_prime(m_prime)
    k = as_int(k, "k", 1)
    n = as_int(neurons, "neurons", 1)
    layers = as_int(layers, "layers", 1, 16)
    seed = as_int(seed, "seed", 0)
    train_seed = seed if train_seed is None else as_int(train_seed, "train_seed", 0)
    if config is None:  # the recipe's budget and weights at this m' (bounds.training.recipe)
        from bounds.training.recipe import recipe

        config = recipe(kind, m_prime)
    if code not in CODES:
        raise ValueError(f"code must be one of {', '.join(CODES)} (got {code!r})")
    if decoder not in DECODERS:
        raise ValueError(f"decoder must be one of {', '.join(DECODERS)} (got {decoder!r})")
    m = default_m(kind, m_prime, m)
    d = n if d is None else as_int(d, "d", 1, n)
    if instance is None:
        inst = random_instance(kind, m_prime, seed, m)
    else:
        from bounds.constructions.trivial import validate_instance

        inst = validate_instance(kind, instance, m_prime, m)
    E = input_code(code, m, d, seed)
    D, theta = owner_decoder(m_prime, n, seed, r=r)
    widths = (d, *([n] * layers))

    wall0, cpu0 = time.perf_counter(), time.process_time()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        torch.use_deterministic_algorithms(True)
        torch.manual_seed(train_seed)
        gen = torch.Generator().manual_seed(train_seed)
        # E^T with a zero row m: an input is the list of its active features padded with m
        e_rows = torch.as_tensor(np.vstack([E.T.toarray(), np.zeros((1, d))]),
                                 dtype=torch.float32)
        ws, bs = [], []
        for i in range(layers):
            fan_in = widths[i]
            w = torch.randn(widths[i + 1], fan_in, generator=gen) * math.sqrt(2.0 / fan_in)
            ws.append(w.requires_grad_())
            bs.append(torch.full((widths[i + 1],), 0.01).requires_grad_())
        th_t = torch.as_tensor(theta, dtype=torch.float32)
        groups = [{"params": [w, b], "lr": config.layer_lr(widths[i])}
                  for i, (w, b) in enumerate(zip(ws, bs, strict=True))]
        readout = _Readout(D, decoder == "learned", torch)
        if decoder == "learned":
            groups.append({"params": [readout.dense], "lr": config.layer_lr(widths[-1])})
        opt = torch.optim.Adam(groups, lr=config.lr)
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda step: 0.5 * (1.0 + math.cos(math.pi * step / config.steps)))
        rng = np.random.default_rng([train_seed, 13])
        pairs = torch.as_tensor(np.asarray(inst), dtype=torch.long)
        loss_v = float("nan")
        for _ in range(config.steps):
            x_np = sample_inputs(rng, inst, m, k, config.batch)
            x = torch.from_numpy(x_np)
            h = e_rows[torch.from_numpy(_active(x_np, k))].sum(dim=1)
            for w, b in zip(ws, bs, strict=True):
                h = torch.relu(h @ w.T + b)
            z = readout(h) - th_t
            t = x[:, pairs] if pairs.ndim == 1 else x[:, pairs[:, 0]] * x[:, pairs[:, 1]]
            per = torch.relu(config.margin - (2.0 * t - 1.0) * z).pow(2)
            if config.pos_weight != 1.0:
                per = per * (1.0 + (config.pos_weight - 1.0) * t)
            loss = per.sum(dim=1).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            loss_v = float(loss.detach())
    finally:
        torch.set_num_threads(threads)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0

    weights = tuple(sp.csr_matrix(w.detach().double().numpy()) for w in ws)
    biases = tuple(b.detach().double().numpy().copy() for b in bs)
    dec = (sp.csr_matrix(readout.dense.detach().double().numpy()) if decoder == "learned"
           else D)
    in_model = decoder == "owners"
    meta = {"construction": f"trained {kind}", "seed": seed, "train_seed": train_seed,
            "code": code,
            "decoder": decoder, "in_model": in_model, "r": int(D.getnnz(axis=1).max()),
            "steps": config.steps, "batch": config.batch, "lr": config.lr,
            "margin": config.margin, "lr_width": config.lr_width,
            "pos_weight": config.pos_weight, "final_loss": loss_v}
    net = Network(kind=kind, m=m, m_prime=m_prime, k=k, instance=inst, E=E, weights=weights,
                  biases=biases, D=dec, theta=theta, meta=meta)
    return TrainedNetwork(net=net, config=config, seed=seed, train_seed=train_seed, code=code,
                          decoder=decoder,
                          in_model=in_model, final_loss=loss_v, wall_seconds=wall,
                          cpu_seconds=cpu, torch_version=str(torch.__version__), widths=widths)
