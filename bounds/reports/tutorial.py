"""``docs/index.md`` and ``docs/tutorial.md``: the teaching path, every number generated."""

from __future__ import annotations

from collections.abc import Iterable

import click
from click.testing import CliRunner

from bounds.capacity import capacity
from bounds.constructions.switching import switch_count
from bounds.counting import log2_factorial
from bounds.families import pairwise, permutation
from bounds.lower import lower_bounds
from bounds.reports.docsgen import DocFile
from bounds.reports.tables import page
from bounds.representation import crossover, jl_min_dim, storage_dims

__all__ = ["CLI_GENERATORS", "GENERATORS", "cli_output", "index_page", "tutorial_page"]

M = 10**6  # the tutorial's running example


def cli_output(cli: click.Group, args: list[str]) -> str:
    """Run ``superbounds ARGS`` in-process on the group ``cli``; return its stdout.

    The command group is passed in (by ``superbounds docs``), so the reports never
    import the command line that sits above them.
    """
    result = CliRunner().invoke(cli, args, prog_name="superbounds", terminal_width=100)
    if result.exit_code != 0:
        raise RuntimeError(f"superbounds {' '.join(args)} failed: {result.output}")
    return result.output.rstrip("\n")


def _example(cli: click.Group, args: list[str]) -> list[str]:
    return ["```console", f"$ superbounds {' '.join(args)}", cli_output(cli, args), "```", ""]


def index_page(cli: click.Group) -> Iterable[DocFile]:
    """Start here: what the tool answers, one example, where to go next."""
    lb = lower_bounds(permutation(M), bits=8)
    sections = [
        "## What it answers",
        "",
        "- *How many parameters and neurons does computing m' features in superposition "
        "really need, under which assumptions?* — `superbounds bounds`",
        "- *How many features can n neurons compute?* — `superbounds capacity`, "
        "`superbounds solve`",
        "- *How much cheaper is merely representing them?* — `superbounds represent`",
        "- *Is every step of the argument right?* — `superbounds prove`, "
        "`superbounds explain M`",
        "- *Do the upper-bound constructions really work?* — `superbounds simulate`, "
        "`superbounds crossover`, `superbounds route`",
        "",
        "## One example",
        "",
        f"Computing a permutation of m' = {M:,} features with 8-bit parameters in one layer "
        f"needs at least {lb.params_lb:,} parameters and {lb.neurons_lb:,} neurons:",
        "",
        *_example(cli, ["bounds", "1e6", "--bits", "8", "--layers", "1"]),
        "## Where to go next",
        "",
        "- [tutorial.md](tutorial.md) — the argument from the start, with numbers.",
        "- [model.md](model.md) — the model every number lives in.",
        "- [cli.md](cli.md) — every command and option.",
        "- [proofs/](proofs/index.md) — each proof, step by step, with its check status.",
        "- Tables: [bounds](tables/bounds.md), [bounds across b and eps]"
        "(tables/bounds_grid.md), [description models](tables/models.md), "
        "[capacity](tables/capacity.md), [representation](tables/representation.md), "
        "[constructions](tables/constructions.md), [switching networks]"
        "(tables/switching.md).",
        "- Figures: [bounds](figures/bounds.png), [gap](figures/gap.png), "
        "[constructions](figures/constructions.png), [switching](figures/switching.png).",
        "",
    ]
    yield DocFile("index.md", page(
        "superposition-bounds — start here",
        "Exact numbers behind Adler & Shavit, *On the Complexity of Neural Computation in "
        "Superposition* (arXiv:2409.15318). The paper's claims are asymptotic; this tool "
        "states a precise model, proves explicit-constant theorems in it, and says for "
        "every number which theorem and which assumptions it rests on.",
        sections,
    ))


def _counting_sections() -> list[str]:
    fam = permutation(M)
    bits_needed = fam.info_bits()
    rows = ["| b (bits per parameter) | least parameters P | least width n |",
            "|---:|---:|---:|"]
    for b in (1, 4, 8, 16, 32):
        lb = lower_bounds(fam, bits=b)
        rows.append(f"| {b} | {lb.params_lb:,} | {lb.neurons_lb:,} |")
    lb8 = lower_bounds(fam, bits=8)
    cap = capacity(lb8.neurons_lb, bits=8)
    cap_below = capacity(lb8.neurons_lb - 1, bits=8)
    lb_eps = lower_bounds(fam, bits=8, eps=0.01)
    pw = lower_bounds(pairwise(M), bits=8)
    d2 = lower_bounds(fam, bits=8, model="sparse", slots=M**2)
    return [
        "## 1. Superposition",
        "",
        f"A network must output m' features — here m' = {M:,} — but has only n < m' neurons "
        "per layer. It sees its k-sparse input through a fixed code u = E x of dimension "
        "d <= n and its outputs are read by a fixed decoder; only the weights in between "
        "depend on the task. How small can n be? ([model.md](model.md) has the details.)",
        "",
        "## 2. Counting instances",
        "",
        f"Take the task *output a permutation of the inputs*. There are m'! = {M:,}! "
        f"permutations, and log2(m'!) = {fam.log2_size():,.2f} bits name one of them. "
        "Two different permutations differ on some one-hot input, so one network cannot "
        "compute both: the networks of a fixed architecture must number at least m'!.",
        "",
        "## 3. From bits to parameters",
        "",
        f"A network with P parameters of b bits each is one of at most 2^(bP) networks "
        f"(model D1), so b·P >= {bits_needed:,.2f}:",
        "",
        *rows,
        "",
        "Provenance: this library's theorems params-dense and neurons under model D1, "
        "L = 1, eps = 0. Reproduce with `superbounds bounds 1e6 -b 1 -b 4 -b 8 -b 16 -b 32`.",
        "",
        "## 4. From parameters to neurons",
        "",
        f"One layer of width n has n² + n parameters, so with b = 8 the width must be at "
        f"least {lb8.neurons_lb:,} — this is the Omega(sqrt(m' log m')) of claim A2, with "
        "this library's constant. Turning it round gives the capacity (claim A4): "
        f"{lb8.neurons_lb:,} neurons can compute at most {cap.m_prime_max:,} permutation "
        f"features and {lb8.neurons_lb - 1:,} neurons at most {cap_below.m_prime_max:,} "
        "(`superbounds capacity N`).",
        "",
        "## 5. Errors and other problems",
        "",
        f"Allowing 1% of the outputs to be wrong (eps = 0.01) lowers the bits needed only to "
        f"{lb_eps.bits_lb:,.2f}, so P >= {lb_eps.params_lb:,} "
        "(`superbounds bounds 1e6 --eps 0.01`). Pairwise AND over m = m' inputs has more "
        f"instances: P >= {pw.params_lb:,}, n >= {pw.neurons_lb:,} "
        "(`superbounds bounds 1e6 --problem pairwise`).",
        "",
        "## 6. Lottery tickets: when positions carry information",
        "",
        f"If the network is sparse and the *positions* of its {d2.params_lb:,} nonzero "
        f"weights among D = m'^2 slots are free (model D2), each position carries about "
        "log2(D/P) bits and the bound drops to that many parameters — Theta(m') instead of "
        "Theta(m' log m'). Claim A3 therefore depends on how a sparse network is counted; "
        "[tables/models.md](tables/models.md) shows the trend "
        "(`superbounds bounds 1e6 --model sparse --slots 1e12`).",
        "",
    ]


def _switching_section() -> list[str]:
    n = 1024
    return [
        "## 8. A classical analogue: switching networks",
        "",
        f"A Waksman network routes any permutation of N = {n:,} wires with "
        f"{switch_count('waksman', n):,} two-way switches (one bit each); the counting bound "
        f"says at least log2(N!) = {float(log2_factorial(n)):,.1f}. The counting argument is "
        "tight up to lower-order terms here ([tables/switching.md](tables/switching.md); "
        f"`superbounds route waksman --size {n}`).",
        "",
    ]


def _representation_section() -> list[str]:
    c = crossover(bits=8, eps_jl=0.1)
    jl = jl_min_dim(M + 1, 0.1)
    return [
        "## 9. Representing is exponentially cheaper",
        "",
        f"To merely *represent* m' = {M:,} features as nearly orthogonal directions, "
        f"Johnson–Lindenstrauss needs {jl:,} dimensions at distortion 0.1 (N = m' + 1 points), "
        f"and naming a 3-sparse set of them takes only {storage_dims(M, 3, 8)} coordinates "
        "of 8 bits. "
        "Computing needs sqrt(m' log m') neurons against log m' dimensions, so the "
        f"computing bound overtakes the JL dimension at m' = {c.m_prime:,} (b = 8) and the "
        "gap then grows without bound — claim A7 (`superbounds represent 1e6 1e8 1e10`).",
        "",
    ]


def _reproduce_section() -> list[str]:
    return [
        "## 10. Reproduce everything",
        "",
        "Every number on this page is generated by `superbounds docs` from the code shown; "
        "the commands next to each number print it again. `superbounds explain 1000000` "
        "walks through the same argument in the terminal, and `superbounds prove` checks "
        "every step ([proofs/](proofs/index.md)).",
        "",
    ]


def tutorial_page() -> Iterable[DocFile]:
    """The teaching path from superposition to the gap, every number generated."""
    from bounds.reports.constructions import tutorial_section

    sections = _counting_sections() + tutorial_section()
    sections += _switching_section() + _representation_section() + _reproduce_section()
    yield DocFile("tutorial.md", page(
        "Tutorial: the counting argument with real numbers",
        "A teaching path through computing in superposition. Every number below is computed "
        "by this library (its theorems, its constants) when the docs are generated; the "
        "paper's claims A1–A7 are asymptotic and named where they apply.",
        sections,
    ))


GENERATORS = [("tutorial", tutorial_page)]
CLI_GENERATORS = [("index", index_page)]

