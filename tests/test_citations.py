"""Cited means cited (issue 12 item 5): every cited step names a known source precisely."""

from __future__ import annotations

import re

import pytest

from proofs import registry
from proofs.checks import Cited
from proofs.citations import DEFINITIONS, SOURCES, Citation, cite, cite_proof, cite_steps

CITED = [(name, i, step) for name in registry.names()
         for i, step in enumerate(registry.get(name).steps) if isinstance(step.check, Cited)]


def test_there_are_cited_steps():
    assert len(CITED) >= 40


@pytest.mark.parametrize(("proof", "index", "step"), CITED,
                         ids=[f"{p}:{s.name}" for p, _, s in CITED])
def test_every_cited_step_names_a_known_source(proof, index, step):
    chk = step.check
    assert isinstance(chk, Citation), f"{proof}:{step.name} is a bare Cited({chk.reference!r})"
    assert "elementary" not in chk.reference.lower() + chk.statement.lower()
    if chk.source.startswith("proof:"):
        target = chk.source[6:]
        assert target in registry.names() and target != proof
    elif chk.source == "steps":
        earlier = {s.name for s in registry.get(proof).steps[:index]}
        assert chk.steps and set(chk.steps) <= earlier, (chk.steps, earlier)
    elif chk.source.startswith("definition:"):
        assert chk.source[11:] in DEFINITIONS
    else:
        assert chk.source in SOURCES
        assert chk.where and chk.statement, "an external citation needs a place and a statement"


def test_sources_are_complete_entries():
    for key, src in SOURCES.items():
        assert src.key == key and src.authors and src.title and src.venue
        assert 1900 < src.year < 2030
        assert re.match(r"https://", src.link)
    for need in ("robbins1955", "dasgupta-gupta2003", "clopper-pearson1934", "warren1968",
                 "anthony-bartlett1999", "bhlm2019", "hoeffding1963", "chernoff1952",
                 "benes1964"):
        assert need in SOURCES


def test_citation_helpers_reject_unknown_sources():
    with pytest.raises(KeyError):
        cite("nobody2099", "Thm 1", "x")
    with pytest.raises(ValueError):
        cite_steps()
    assert cite_proof("neurons").markdown() == "[this library's proof `neurons`](neurons.md)"


def test_cited_steps_render_as_links(proof_results):
    from proofs.render import proof_markdown

    for r in proof_results:
        page = proof_markdown(r)
        for s in r.steps:
            if s.status == "cited" and not s.detail.startswith("cited: steps"):
                assert "](" in s.detail, (r.name, s.name)
                assert s.detail.split(": ", 1)[1].split(" (not")[0][:20] in page


def test_every_fact_is_marked_verified_or_not():
    """Issue 12 item 5: each cited fact says whether it was read in stored text, and where."""
    from proofs.citations import FACTS, NOT_REVIEWED, UNVERIFIED, VERIFIED, VERIFIED_PLACES

    marked = [set(VERIFIED), set(UNVERIFIED), set(NOT_REVIEWED)]
    assert set().union(*marked) == set(FACTS)
    assert sum(len(m) for m in marked) == len(FACTS)  # each fact in exactly one
    assert all(re.search(r"https?://", where) for where in VERIFIED.values())
    assert all(re.search(r"https?://", where) for where in VERIFIED_PLACES.values())
    assert all(reason for reason in UNVERIFIED.values())
    for source, _where in VERIFIED_PLACES:
        assert source in SOURCES


def test_no_deduction_is_labelled_a_citation():
    """'Cited: steps x, y of this proof' was a deduction argued in words under the label of a
    citation (issue 12 item 5). Each is now proved (z3), cites a source (an induction
    principle), or is ``argued`` — its own status, never ``cited``."""
    labelled = [(p, s.name) for p, _, s in CITED
                if isinstance(s.check, Citation) and s.check.source == "steps"]
    assert not labelled


def test_no_step_is_argued_in_words():
    """Issue 12's done-when: every step is proved, brute-force checked, an example, assumed
    or cited. The last three steps argued in words (width-worst-case, run-starts,
    finite-window) are z3 proofs now; an :class:`~proofs.checks.Argued` step would make its
    proof ``argued``, not ``proved``, and fail here."""
    from proofs.checks import Argued

    argued = [(name, step.name) for name in registry.names()
              for step in registry.get(name).steps if isinstance(step.check, Argued)]
    assert not argued
