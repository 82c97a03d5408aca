"""Rendering checked proofs: Markdown with LaTeX, JSON-able dicts, and the docs directory.

:func:`doc_files` gives ``proofs/<name>.md`` for every proof plus ``proofs/index.md`` to
``superbounds docs``, which writes them atomically and removes stale pages. The output is
deterministic (no timings), so ``docs/proofs/`` is checked for drift.

>>> from proofs.engine import ProofResult
>>> r = ProofResult("toy", "Toy", None, "1 = 1", "", (), (), "proved", ())
>>> proof_markdown(r).splitlines()[0]
'# Toy'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bounds.reports.docsgen import GENERATED_MARK, DocFile
from proofs.engine import STATUS_FAMILIES, ProofResult, StepResult

__all__ = [
    "GENERATED_MARK",
    "doc_files",
    "index_markdown",
    "proof_markdown",
    "summary_table",
    "to_dicts",
]

LIMITS_BOX = """\
> **What this does not show.** These are this library's proofs, in its own model
> (docs/model.md), with its own constants — not the paper's proofs, which are not available
> to us. A step "checked on [a, b]" holds on that range only; an "example" is a statement about
> the named sample points only; "assumed" and "cited" steps are stated, not checked; an
> "argued" step is a deduction from earlier steps argued in words, not machine-checked; "proved"
> means sympy, exact, ball arithmetic or z3 covered every case, no more."""

_FAMILY_WORDS = {
    "proved": "proved (sympy, exact / ball arithmetic or z3, every case)",
    "checked": "checked on a stated range",
    "example": "examples (statements about named sample points)",
    "assumed": "assumed (hypotheses of the theorem)",
    "cited": "cited (external results, not checked here)",
    "argued": "argued in words from earlier steps (not machine-checked)",
    "failed": "failed",
}

_CLAIM_WORDS = {
    "A1": "Ω(m′ log m′) parameters",
    "A2": "Ω(√(m′ log m′)) neurons",
    "A3": "lottery-ticket sub-networks need Ω(m′ log m′) parameters",
    "A4": "n neurons compute at most O(n²/log n) features",
    "A5": "pairwise AND with O(√m′ log m′) neurons, O(m′ log² m′) parameters",
    "A6": "representing m′ features takes O(log m′) dimensions (JL)",
    "A7": "computing and representing are exponentially apart",
}


def _status_badge(status: str) -> str:
    if status == "failed":
        return "**FAILED**"
    return f"*{status}*"


def _summary(result: ProofResult) -> str:
    c = result.counts()
    return f"{len(result.steps)} steps: " + ", ".join(
        f"{c[f]} {f}" for f in STATUS_FAMILIES if c[f] or f != "failed")


def summary_table(result: ProofResult) -> list[str]:
    """Markdown table of the proof's steps by status family (one row per family present)."""
    c = result.counts()
    lines = ["| steps | status |", "|---:|---|"]
    lines += [f"| {c[f]} | {_FAMILY_WORDS[f]} |" for f in STATUS_FAMILIES if c[f]]
    return lines + [f"| **{len(result.steps)}** | total |"]


def _provenance(result: ProofResult) -> str:
    if result.claim is None:
        return "A lemma of this library (supports no paper claim directly)."
    return (
        f"Supports paper claim **{result.claim}** ({_CLAIM_WORDS[result.claim]}; asymptotic, "
        "Adler & Shavit, arXiv:2409.15318). The constants here are this library's, "
        "never the paper's."
    )


def _step_markdown(i: int, s: StepResult) -> list[str]:
    lines = [f"### {i}. `{s.name}` — {_status_badge(s.status)}", ""]
    if s.claim_latex:
        lines += ["$$", s.claim_latex, "$$", ""]
    else:
        lines += [f"> {s.claim}", ""]
    lines.append(f"- **Check:** {s.check_description}")
    lines.append(f"- **Result:** {s.detail}")
    if s.justification:
        uses = f" (uses {', '.join(f'`{u}`' for u in s.uses)})" if s.uses else ""
        lines.append(f"- **Justification:** {s.justification}{uses}")
    elif s.uses:
        lines.append(f"- **Uses:** {', '.join(f'`{u}`' for u in s.uses)}")
    lines.append("")
    return lines


def proof_markdown(result: ProofResult) -> str:
    """Markdown (GitHub math) for one checked proof."""
    lines = [f"# {result.title}", ""]
    lines.append(f"Proof `{result.name}`. {_provenance(result)}")
    lines.append("")
    lines.append(f"**Status: {result.status}** — {_summary(result)}.")
    lines += [""] + summary_table(result)
    lines += ["", "## Statement", "", result.statement, ""]
    if result.statement_latex:
        lines += ["$$", result.statement_latex, "$$", ""]
    if result.assumptions:
        lines += ["## Assumptions", ""] + [f"- {a}" for a in result.assumptions] + [""]
    lines += ["## Steps", ""]
    for i, s in enumerate(result.steps, 1):
        lines += _step_markdown(i, s)
    if result.references:
        lines += ["## References", ""] + [f"- {r}" for r in result.references] + [""]
    lines += ["[All proofs](index.md)", ""]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def index_markdown(results: Sequence[ProofResult]) -> str:
    """The index page: one row per proof with its claim, status and step counts."""
    lines = ["# Proofs", ""]
    lines += [
        "Every argument of this library as a chain of steps. A step is **proved** only if it "
        "was shown for every case: by sympy (identity, inequality on a domain, limit), or for "
        "all integers n ≥ n₀ by a finite part in exact or ball arithmetic (python-flint arb) "
        "and an inductive tail (sympy or z3); **checked on [a, b]** means exact or interval "
        "arithmetic verified it on exactly that range; an **example** is a statement about "
        "named sample points only; **assumed** and **cited** steps are stated, not checked; an "
        "**argued** step is a deduction from earlier steps argued in words (not "
        "machine-checked), and a proof containing one is *argued*, not *proved*. "
        "Regenerate with `superbounds docs`.",
        "",
        "| proof | paper claim | status | steps | "
        + " | ".join(STATUS_FAMILIES[:-1]) + " |",
        "|---|---|---|---:|" + "---:|" * (len(STATUS_FAMILIES) - 1),
    ]
    totals = dict.fromkeys(STATUS_FAMILIES, 0)
    for r in results:
        c = r.counts()
        for f in STATUS_FAMILIES:
            totals[f] += c[f]
        claim = r.claim or "—"
        lines.append(
            f"| [{_cell(r.title)}]({r.name}.md) (`{r.name}`) | {claim} | {r.status} | "
            f"{len(r.steps)} | " + " | ".join(str(c[f]) for f in STATUS_FAMILIES[:-1]) + " |"
        )
    total = sum(len(r.steps) for r in results)
    lines += ["", f"{len(results)} proofs, {total} steps: " + ", ".join(
        f"{totals[f]} {f}" for f in STATUS_FAMILIES) + ".", ""]
    return "\n".join(lines)


def to_dicts(results: Sequence[ProofResult]) -> list[dict[str, Any]]:
    """JSON-able list: per proof ``name, claim, statement, status, steps`` (and more)."""
    return [r.as_dict() for r in results]


def _page(text: str) -> str:
    return f"{GENERATED_MARK}\n\n{text.rstrip()}\n\n{LIMITS_BOX}\n"


def rendered_docs(results: Sequence[ProofResult]) -> dict[str, str]:
    """File name → Markdown for the docs directory (``index.md`` plus one per proof)."""
    out = {f"{r.name}.md": _page(proof_markdown(r)) for r in results}
    out["index.md"] = _page(index_markdown(results))
    return out


def doc_files() -> list[DocFile]:
    """``docs/proofs/*`` for ``superbounds docs`` (entry point ``superbounds.docs``)."""
    from proofs.registry import check_all

    return [DocFile(f"proofs/{name}", text) for name, text in rendered_docs(check_all()).items()]
