"""``docs/index.md`` and ``docs/tutorial.md``: the teaching path, every number generated."""

from __future__ import annotations

import math
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
        "- *How close do constructions come to the lower bounds?* — `superbounds frontier` "
        "(each construction with its verdict kind)",
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
        "[the frontier: lower bounds against constructions of the family]"
        "(tables/frontier.md), [trained networks](tables/trained.md), "
        "[constructions on random instances (for scale)](tables/constructions.md), "
        "[switching networks](tables/switching.md).",
        "- Figures: [bounds](figures/bounds.png), [gap](figures/gap.png), "
        "[frontier](figures/frontier.png), [trained](figures/trained.png), "
        "[constructions on random instances, for scale only](figures/constructions.png), "
        "[switching](figures/switching.png).",
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


def _stirling(m: int) -> tuple[float, float]:
    """Robbins' (1955) bounds on log2(m!): sqrt(2 pi m) (m/e)^m e^(1/(12m+1)) < m! <
    sqrt(2 pi m) (m/e)^m e^(1/(12m))."""
    base = m * math.log2(m) - m * math.log2(math.e) + 0.5 * math.log2(2 * math.pi * m)
    return (base + 1 / ((12 * m + 1) * math.log(2)), base + 1 / (12 * m * math.log(2)))


def _counting_sections() -> list[str]:
    fam = permutation(M)
    bits_needed = fam.info_bits()
    st_lo = _stirling(M)[0]
    e01 = math.floor(0.01 * M)
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
        "**Stirling's bounds.** Where does the m' log m' come from? Robbins (1955) proved, "
        "for every n >= 1, sqrt(2 pi n) (n/e)^n e^(1/(12n+1)) < n! < "
        "sqrt(2 pi n) (n/e)^n e^(1/(12n)). Taking log2:",
        "",
        "log2(m'!) = m' log2 m' - m' log2 e + (1/2) log2(2 pi m') + t / (12 m' ln 2), "
        "with 12m'/(12m'+1) < t < 1.",
        "",
        f"At m' = 10 they give {_stirling(10)[0]:.6f} < log2(10!) = "
        f"{math.log2(math.factorial(10)):.6f} < {_stirling(10)[1]:.6f}; at m' = {M:,} "
        f"both round to {st_lo:,.4f}, the library's value (computed from log-gamma, not "
        f"from Stirling) is {fam.log2_size():,.4f}. The leading term m' log2 m' = "
        f"{M * math.log2(M):,.0f} "
        "is the Theta(m' log m') of claim A1; the -m' log2 e term is why the constant "
        "only approaches 1 slowly (proof `asymptotic-params` takes the limit).",
        "",
        "## 3. From bits to parameters",
        "",
        f"A network with P parameters of b bits each is one of at most 2^(bP) networks "
        f"(model D1), so b·P >= {bits_needed:,.2f} and P >= ceil({bits_needed:,.2f} / b) "
        "(the least integer, checked in integer arithmetic):",
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
        "![Lower bounds on parameters and neurons against m'](figures/bounds.png)",
        "",
        "*Figure: the bounds of this section for m' from 10^2 on "
        "([figures/bounds.json](figures/bounds.json) holds the numbers).*",
        "",
        "## 5. Errors and other problems",
        "",
        "**The error volume.** Allow e = floor(eps m') wrong outputs. One network is then "
        "eps-correct for every permutation that agrees with it on all but at most e "
        "outputs; to count them, choose which e outputs may be wrong (C(m', e) ways) and "
        "what they read (at most e! ways), so V_eps <= C(m', e) e! = m'!/(m' - e)!. "
        "Dividing the m'! instances among networks that each cover V_eps of them leaves "
        "I_eps = log2(m'!) - log2 V_eps = log2((m' - e)!) bits (proofs "
        "`tolerant-volume-permutation`, `error-tolerant-counting`).",
        "",
        f"Allowing 1% of the outputs to be wrong (eps = 0.01, e = {e01:,}) lowers the bits "
        f"needed only to log2({M - e01:,}!) = {lb_eps.bits_lb:,.2f}, so "
        f"P >= {lb_eps.params_lb:,} "
        "(`superbounds bounds 1e6 --eps 0.01`). Pairwise AND over m = m' inputs has more "
        f"instances: P >= {pw.params_lb:,}, n >= {pw.neurons_lb:,} "
        "(`superbounds bounds 1e6 --problem pairwise`).",
        "",
        "## 6. Lottery tickets: when positions carry information",
        "",
        "If the network is sparse and the *positions* of its P nonzero weights among "
        "D = m'^2 slots are free (model D2), a description is b bits per value plus "
        "log2 C(D, P) bits for the positions — about log2(D/P) more bits per weight. "
        f"The bound then drops from P >= {lower_bounds(fam, bits=8).params_lb:,} (model D1) "
        f"to P >= {d2.params_lb:,}: Theta(m') instead of Theta(m' log m'), because with "
        "D polynomial in m' the bound is Theta(m' log m' / (b + log D)). "
        "Claim A3 therefore depends on how a sparse network is counted; "
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
        "![Computing neurons against JL dimensions](figures/gap.png)",
        "",
        "*Figure: the lower bound on neurons to compute against the dimensions to "
        "represent, and where they cross.*",
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


def _exercises_section() -> list[str]:
    fam = permutation(M)
    lb42 = lower_bounds(fam, bits=4, layers=3)
    need = fam.info_bits_ceil()
    closed = math.ceil((-1 + math.sqrt(1 + 4 * need / (4 * 3))) / 2)
    cap1000 = capacity(1000, bits=8)
    lb0, lb_eps = lower_bounds(fam, bits=8), lower_bounds(fam, bits=8, eps=0.1)
    pw = pairwise(10)
    return [
        "## 11. Exercises (answers below each, generated)",
        "",
        f"1. With 4-bit parameters and L = 3 layers, how wide must a network computing a "
        f"permutation of m' = {M:,} features be?",
        f"   *Answer:* the least n with 4·3·(n² + n) >= ceil(log2 m'!) = {need:,}; the "
        f"closed form ceil((-1 + sqrt(1 + 4I/(bL)))/2) gives {closed:,} and the integer "
        f"check confirms n = {lb42.neurons_lb:,} "
        "(`superbounds bounds 1e6 --bits 4 --layers 3`).",
        "2. How many permutation features can n = 1,000 neurons compute with b = 8?",
        f"   *Answer:* {cap1000.m_prime_max:,}, the largest m' with "
        f"log2(m'!) <= 8·(1000² + 1000) = {8 * (1000**2 + 1000):,} "
        "(`superbounds capacity 1000`).",
        f"3. By how much does tolerating 10% wrong outputs lower the parameter bound at "
        f"m' = {M:,}, b = 8?",
        f"   *Answer:* from {lb0.params_lb:,} to {lb_eps.params_lb:,}, a factor "
        f"{lb_eps.params_lb / lb0.params_lb:.3f} — close to 1 - eps = 0.9, as "
        "log2((0.9 m')!) / log2(m'!) suggests (`superbounds bounds 1e6 --eps 0.1`).",
        "4. How many labelled pairwise-AND instances are there for m' = 10 outputs over "
        "m = 10 inputs?",
        f"   *Answer:* M = C(10, 2) = 45 pairs and (45)_10 = 45·44·…·36 = "
        f"{math.perm(45, 10):,} ordered tuples, log2 = {pw.log2_size():.3f} "
        "(`superbounds bounds 10 --problem pairwise`).",
        "",
    ]


def tutorial_page() -> Iterable[DocFile]:
    """The teaching path from superposition to the gap, every number generated."""
    from bounds.reports.constructions import tutorial_section

    sections = _counting_sections() + tutorial_section()
    sections += _switching_section() + _representation_section() + _reproduce_section()
    sections += _exercises_section()
    yield DocFile("tutorial.md", page(
        "Tutorial: the counting argument with real numbers",
        "A teaching path through computing in superposition. Every number below is computed "
        "by this library (its theorems, its constants) when the docs are generated; the "
        "paper's claims A1–A7 are asymptotic and named where they apply.",
        sections,
        limits="Every number here is a theorem of this library except the C1/C2 numbers of "
        "section 7, which are measured (Monte-Carlo on one random instance); all are in its "
        "model (docs/model.md)",
    ))


GENERATORS = [("tutorial", tutorial_page)]
CLI_GENERATORS = [("index", index_page)]

