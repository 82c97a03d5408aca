"""``superbounds train``: train a network in the model and judge it as ``simulate`` does.

::

    superbounds train {pairwise-and,permutation} --m-prime M --k K --neurons N --layers L \\
        --seed S [--delta D] [--bits B] [--export PATH] [--steps T] [--batch B] [--lr R] \\
        [--pos-weight W] [--code sign|gaussian|identity] [--decoder owners|learned] \\
        [--inputs N] [--json|...]
    superbounds train FAMILY --m-prime M --search [--seeds S] [--resolution R] [--start N] ...

Budget, loss weights and the search grid default to the rules of
:mod:`bounds.training.recipe` (stated there once; explicit flags override), the same
that made docs/tables/trained.md.

Only the weight layers learn; the input code (d = n), the owner decoder and θ = 1/2 are
public and fixed (:mod:`bounds.training`). ``--decoder learned`` also trains D and is
labelled **outside the model**. The row has the keys of ``simulate --json`` plus
``verdict, in_model, code, decoder, d, training, precision, construction_neurons,
export`` (``--json``: a list of one record, with ``provenance`` and ``assumptions`` from
the footer). ``--bits B`` reports (and exports) the network quantized to B bits per layer;
``precision.least_bits`` is always the least b at which the verdict still holds.
``--export PATH`` writes ``PATH.npz`` (the library's contract) and ``PATH.safetensors``.
``--search`` finds the least width N (multiples of ``--resolution``) at which one of
``--seeds`` training seeds meets δ under the stated budget (doubling, then bisection).

Needs the optional ``train`` extra (PyTorch); without it the command exits 2 with one
line saying so. torch is imported only when the command runs.
"""

from __future__ import annotations

from typing import Any

import click

from bounds.cli.common import GuardedCommand, emit, output_options, record
from bounds.cli.progress import bar, progress_option, wanted
from bounds.parsing import parse_number
from bounds.validation import as_int, as_m_prime, as_real

__all__ = ["COMMANDS", "train"]


def _num(text: Any, name: str, minimum: int = 1) -> Any:
    return None if text is None else as_int(parse_number(text, name), name, minimum)


@click.command("train", cls=GuardedCommand)
@click.argument("family", type=click.Choice(("pairwise-and", "permutation")))
@click.option("--m-prime", "m_prime", required=True, metavar="M", help="Outputs m′ (>= 2).")
@click.option("--k", default="3", show_default=True, metavar="K",
              help="At most k active, an integer >= 1.")
@click.option("--neurons", default=None, metavar="N",
              help="Width n of every layer (d = n), an integer >= 1. Required unless --search.")
@click.option("--layers", default="1", show_default=True, metavar="L",
              help="Weight layers, an integer >= 1.")
@click.option("--seed", default="0", show_default=True, metavar="S",
              help="Public seed (instance, code, decoder, verification), an integer >= 0.")
@click.option("--train-seed", default=None, metavar="T",
              help="Initialisation/data seed, an integer >= 0 (default: --seed).")
@click.option("--delta", default="0.01", show_default=True, metavar="D",
              help="Target error rate, in (0, 1).")
@click.option("--bits", default=None, metavar="B",
              help="Quantize to B bits per layer (an integer >= 1) before reporting/export.")
@click.option("--export", default=None, metavar="PATH",
              help="Write PATH.npz and PATH.safetensors (atomic).")
@click.option("--steps", default=None, metavar="T",
              help="Training budget: Adam steps, an integer >= 1 (default: the recipe, "
                   "max(600, ceil(2 m'))).")
@click.option("--batch", default="256", show_default=True, metavar="B",
              help="Inputs per step, an integer >= 4.")
@click.option("--lr", default="0.01", show_default=True, metavar="R",
              help="Adam learning rate, a real number in (0, 10).")
@click.option("--pos-weight", default=None, metavar="W",
              help="Weight of the loss terms of outputs whose target is 1, a real in "
                   "(0, 1e6] (default: the recipe, 5).")
@click.option("--code", default="sign", show_default=True,
              type=click.Choice(("sign", "gaussian", "identity")), help="Public input code.")
@click.option("--decoder", default="owners", show_default=True,
              type=click.Choice(("owners", "learned")),
              help="owners: public (in the model); learned: trained D (outside the model).")
@click.option("--inputs", default=None, metavar="N",
              help="Verification inputs, an integer >= 4 (default: verifier's choice).")
@click.option("--search", is_flag=True, help="Search the least width N meeting δ.")
@click.option("--seeds", default="2", show_default=True, metavar="S",
              help="--search: training seeds tried per width (0..S-1), an integer >= 1.")
@click.option("--resolution", default=None, metavar="R",
              help="--search: widths searched are multiples of R, an integer >= 1 "
                   "(default: min(64, max(4, 2^floor(log2(m'/15))))).")
@click.option("--start", default=None, metavar="N",
              help="--search: first width tried, an integer >= 1, rounded down to the grid "
                   "(default: floor(22 sqrt(m'))).")
@click.option("--certify", "do_certify", is_flag=True, default=False,
              help="Also certify the trained network: all ≤k-sparse inputs and the "
                   "identifying probes (deterministic; may say inconclusive).")
@progress_option
@output_options
def train(family: str, m_prime: str, k: str, neurons: str | None, layers: str, seed: str,
          train_seed: str | None, delta: str, bits: str | None, export: str | None,
          steps: str, batch: str, lr: str, pos_weight: str, code: str, decoder: str,
          inputs: str | None,
          search: bool, seeds: str, resolution: str | None, start: str | None,
          do_certify: bool, fmt: str,
          show_progress: bool | None = None) -> None:
    """Train W, β of a network in the model (public E, D, θ) and verify it.

    FAMILY is pairwise-and or permutation. Reports the verdict and resources as
    `simulate` does, beside C0, C1/C2 and the §3 lower bounds.

    \b
    Defaults are the recipe of bounds.training.recipe (both families; explicit flags
    override): steps = max(600, ceil(2 m')), positive terms weighted 5, batch 256,
    Adam lr 0.01 with cosine decay, margin 1/4. --search: widths multiples of
    min(64, max(4, 2^floor(log2(m'/15)))), first width floor(22 sqrt(m')) -- the
    rules behind docs/tables/trained.md.
    """
    from bounds.training.recipe import recipe
    from bounds.training.trainer import TrainConfig, require_torch

    mp = as_m_prime(parse_number(m_prime, "m_prime"))
    delta_ = as_real(parse_number(delta, "delta"), "delta", 0.0, 1.0, low_closed=False)
    rec = recipe(family, mp)
    cfg = TrainConfig(steps=rec.steps if steps is None else _num(steps, "steps"),
                      batch=_num(batch, "batch", 4),
                      lr=as_real(parse_number(lr, "lr"), "lr", 0.0, 10.0, low_closed=False),
                      margin=rec.margin,
                      pos_weight=rec.pos_weight if pos_weight is None else as_real(
                          parse_number(pos_weight, "pos_weight"), "pos_weight", 0.0, 1e6,
                          low_closed=False))
    if not search and neurons is None:
        raise ValueError("neurons is required (an integer >= 1) unless --search is given")
    require_torch()
    if search:
        _search(family, mp, k, layers, delta_, seed, cfg, code, decoder, inputs, seeds,
                resolution, start, fmt, wanted(show_progress, fmt))
        return
    from bounds.training.run import run_training

    row, footer, _ = run_training(
        family, mp, _num(k, "k"), _num(neurons, "neurons"), _num(layers, "layers"),
        _num(seed, "seed", 0), delta=delta_, bits=_num(bits, "bits"), export=export,
        config=cfg, code=code, decoder=decoder, inputs=_num(inputs, "inputs", 4),
        train_seed=_num(train_seed, "train_seed", 0), certify=do_certify)
    if fmt in ("json", "csv"):
        emit([record(row, footer)], [], fmt)
        return
    keys = ["construction", "m_prime", "k", "delta", "neurons", "neurons_total",
            "params_dense", "params_nonzero", "bits_per_param", "layers", "inputs_tested",
            "errors", "error_rate", "error_upper95", "meets_delta", "trivial_neurons",
            "construction_neurons"]
    flat = {**row, "lb_neurons": row["lower_bounds"]["neurons_lb"],
            "least_bits": row["precision"]["least_bits"]}
    rows = [{"quantity": key, "value": flat[key]}
            for key in [*keys, "least_bits", "lb_neurons"]]
    emit(rows, [("quantity", "quantity"), ("value", "value")], fmt,
         title=f"train {family}", footer=footer)


def _search(family: str, mp: int, k: str, layers: str, delta: float, seed: str, cfg: Any,
            code: str, decoder: str, inputs: str | None, seeds: str, resolution: str | None,
            start: str | None, fmt: str, show: bool = False) -> None:
    from bounds.training.run import least_width

    with bar(f"train {family} --search", "widths tried (total: at most)",
             enabled=show) as progress:
        s = least_width(family, mp, _num(k, "k"), _num(layers, "layers"), delta,
                        seed=_num(seed, "seed", 0),
                        train_seeds=tuple(range(_num(seeds, "seeds"))), config=cfg,
                        resolution=_num(resolution, "resolution"),
                        start=_num(start, "start"), code=code,
                        decoder=decoder, inputs=_num(inputs, "inputs", 4),
                        progress=progress.describe, counts=progress.update)
    row = {"family": family, "m_prime": mp, "k": s.k, "layers": s.layers, "delta": delta,
           "seed": s.seed, "train_seeds": list(s.train_seeds), "steps": cfg.steps,
           "batch": cfg.batch, "lr": cfg.lr, "pos_weight": cfg.pos_weight,
           "resolution": s.resolution, "start": s.start, "limit": s.limit,
           "least_width": s.least_width, "verdict": s.best_verdict,
           "wall_seconds": round(s.wall_seconds, 1), "cpu_seconds": round(s.cpu_seconds, 1),
           "trials": [t.__dict__ for t in s.trials]}
    trials = "; ".join(f"N={t.neurons}/seed {t.train_seed}: "
                       f"{'ok' if t.meets_delta else 'no'} ({t.error_upper95:.3g})"
                       for t in s.trials)
    footer = [f"budget {cfg.steps} steps x batch {cfg.batch}, lr {cfg.lr:g}, positive "
              f"weight {cfg.pos_weight:g}; train seeds "
              f"{list(s.train_seeds)} (one success at N suffices); widths multiples of "
              f"{s.resolution} up to {s.limit}; doubling then bisection (assumes success is "
              f"monotone in N, not guaranteed for SGD); {s.wall_seconds:.0f} s wall",
              f"trials: {trials}"]
    if s.best_verdict:
        footer.append(f"verdict at the least width: {s.best_verdict}")
    if fmt in ("json", "csv"):
        emit([record(row, footer)], [], fmt)
        return
    cols = [("family", "family"), ("m_prime", "m′"), ("k", "k"), ("layers", "L"),
            ("delta", "δ"), ("least_width", "least trained width N"),
            ("wall_seconds", "time (s)")]
    emit([row], cols, fmt, title=f"train {family} --search", footer=footer)


COMMANDS = [train]
