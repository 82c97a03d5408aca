"""``superbounds prove`` and ``superbounds explain`` (SPEC §6, §7).

``prove [NAME ...]`` checks all (or the named) proofs, prints every step with its status and
exits 1 if any step failed; ``--json`` prints the list of checked proofs (``name, claim,
statement, status, steps``), ``--markdown`` renders them with LaTeX, ``--write-docs DIR``
regenerates ``docs/proofs``. An unknown name exits 2 with one line listing the valid names.
A progress bar (rich, on stderr) appears on long range checks when stderr is a terminal.

``explain M`` walks through m′ = M in words, formulas and numbers, each with provenance.

>>> from click.testing import CliRunner
>>> r = CliRunner().invoke(prove, ["nope"])
>>> r.exit_code, r.output.startswith("superbounds: error: unknown proof 'nope'")
(2, True)
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

import click

from bounds.cli.common import GuardedCommand
from proofs import registry
from proofs.checks import FAILED
from proofs.engine import ProofResult, StepResult
from proofs.progress import progress_hook
from proofs.render import proof_markdown, to_dicts, write_proof_docs

__all__ = ["explain", "prove"]

_MARK = {"proved": "✓", "assumed": "·", "cited": "·", "failed": "✗"}


def _rich_factory():  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=sys.stderr)

    @contextmanager
    def factory(description: str, total: int) -> Iterator:  # type: ignore[type-arg]
        with Progress(TextColumn("{task.description}"), BarColumn(), TimeRemainingColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task(description, total=total)
            yield lambda k: bar.advance(task, k)

    return factory


def _progress() -> AbstractContextManager[None]:
    factory = _rich_factory() if sys.stderr.isatty() else None
    return progress_hook(factory)


def _step_line(i: int, s: StepResult) -> str:
    mark = _MARK.get(s.status, "~")
    return f"  {mark} {i:>2}. {s.name} — {s.status}\n       {s.claim}\n       [{s.check}] " \
        f"{s.detail}"


def _header(r: ProofResult) -> str:
    c = r.counts()
    claim = f"paper claim {r.claim}" if r.claim else "lemma"
    return (f"{r.name} ({claim}): {r.status.upper()} — {len(r.steps)} steps: "
            f"{c['proved']} proved, {c['checked']} checked on a range, {c['assumed']} assumed, "
            f"{c['cited']} cited, {c['failed']} failed")


def _missing_notice() -> list[str]:
    try:
        from proofs.theorems.constructions import MISSING
    except ImportError:  # pragma: no cover
        return []
    return [f"note: not available yet: {m}" for m in MISSING]


@click.command("prove", cls=GuardedCommand)
@click.argument("names", nargs=-1)
@click.option("--json", "fmt", flag_value="json", help="Print the checked proofs as JSON.")
@click.option("--markdown", "fmt", flag_value="markdown", help="Render with LaTeX (Markdown).")
@click.option("--table", "fmt", flag_value="table", default=True, hidden=True)
@click.option("--write-docs", "docs_dir", type=click.Path(file_okay=False), default=None,
              help="Also write one Markdown file per proof plus index.md into this directory.")
@click.option("--list", "list_only", is_flag=True, help="List the proof names and exit.")
def prove(names: tuple[str, ...], fmt: str, docs_dir: str | None, list_only: bool) -> None:
    """Check all proofs (or NAMES); exit 1 if any step fails.

    Each step is proved (by sympy), checked on a stated range (exact or interval
    arithmetic), assumed, cited, or failed.
    """
    valid = registry.names()
    if list_only:
        for e in registry.entries():
            click.echo(f"{e.name}\t{e.paper_claim or '-'}")
        return
    for n in names:
        if n not in valid:
            raise ValueError(f"unknown proof {n!r}; valid names: {', '.join(valid)}")
    chosen = list(dict.fromkeys(names)) or valid
    results: list[ProofResult] = []
    # a line per proof on stderr when the results go to a file or pipe (or are printed
    # only at the end, as JSON / Markdown), so a long run shows where it is
    lines = fmt != "table" or not sys.stdout.isatty()
    start = time.perf_counter()
    with _progress():
        for i, name in enumerate(chosen, 1):
            t0 = time.perf_counter()
            r = registry.check_named(name)
            results.append(r)
            if lines:
                done = time.perf_counter() - start
                eta = done / i * (len(chosen) - i)
                click.echo(f"[{i}/{len(chosen)}] {name}: {r.status} "
                           f"({time.perf_counter() - t0:.1f} s; about {eta:.0f} s left)",
                           err=True)
            if fmt == "table":
                click.echo(_header(r))
                for i, s in enumerate(r.steps, 1):
                    click.echo(_step_line(i, s))
                click.echo("")
    if fmt == "json":
        click.echo(json.dumps(to_dicts(results), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo("\n\n".join(proof_markdown(r) for r in results))
    else:
        failed = [r.name for r in results if r.status == FAILED]
        steps = sum(len(r.steps) for r in results)
        click.echo(f"{len(results)} proofs, {steps} steps; "
                   + (f"FAILED: {', '.join(failed)}" if failed else "no step failed"))
        for line in _missing_notice():
            click.echo(line, err=True)
    if docs_dir is not None:
        written = write_proof_docs(docs_dir, results if not names else None)
        click.echo(f"wrote {len(written)} files to {docs_dir}", err=True)
    if any(r.status == FAILED for r in results):
        sys.exit(1)


@click.command("explain", cls=GuardedCommand)
@click.argument("m_prime", type=str)
@click.option("--problem", type=click.Choice(("permutation", "pairwise")),
              default="permutation", show_default=True,
              help="Problem family (pairwise: AND, labelled, m = least m with C(m,2) >= m').")
@click.option("--bits", "-b", default=None,
              help="Bits per parameter b, an integer in [1, 4096] (default: b = 1, 4, 8, 16, "
                   "32, with b = 8 for capacity and the gap).")
@click.option("--layers", "-L", default="1", show_default=True,
              help="Weight layers L, an integer in [1, 10^6].")
@click.option("--eps", default="0", show_default=True,
              help="Fraction of outputs allowed wrong, 0 <= eps < 1.")
@click.option("--eps-jl", default="0.1", show_default=True,
              help="JL distortion for the representation contrast, 0 < eps_jl < 1.")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
def explain(m_prime: str, problem: str, bits: str | None, layers: str, eps: str, eps_jl: str,
            as_json: bool) -> None:
    """Walk through the bounds for m' = M_PRIME features, with every number's provenance."""
    from bounds.limits import MAX_BITS, MAX_LAYERS
    from bounds.parsing import parse_int, parse_real
    from proofs.explain import explain_items, explain_text

    value = parse_int(m_prime, "m_prime", 2)  # the one number parser of bounds.parsing
    opts = {"problem": problem,
            "bits": None if bits is None else parse_int(bits, "bits", 1, MAX_BITS),
            "layers": parse_int(layers, "layers", 1, MAX_LAYERS),
            "eps": parse_real(eps, "eps", 0.0, 1.0),
            "eps_jl": parse_real(eps_jl, "eps_jl", 0.0, 1.0, low_closed=False)}
    if as_json:
        items = explain_items(value, **opts)
        click.echo(json.dumps([i.as_dict() for i in items], indent=2, ensure_ascii=False))
    else:
        click.echo(explain_text(value, **opts))
