"""The proof engine: honest statuses, mutation of formulas, fallbacks (SPEC §6)."""

from __future__ import annotations

import json

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from proofs.checks import (
    FAILED,
    PROVED,
    Assumption,
    Asymptotic,
    BruteForce,
    Cited,
    Example,
    Identity,
    IntervalCheck,
    Outcome,
    RangeCheck,
    SymbolicInequality,
)
from proofs.engine import Proof, Step, check, proof_status

m = sp.Symbol("m", positive=True, integer=True)
e = sp.Symbol("e", nonnegative=True, integer=True)
n = sp.Symbol("n", positive=True)
I, b, L = sp.symbols("I b L", positive=True)
x = sp.Symbol("x", positive=True)

VOLUME = sp.factorial(m) / sp.factorial(m - e)
LIB_VOLUME = (sp.loggamma(m + 1) - sp.loggamma(m - e + 1)) / sp.log(2)


def _run(claim, chk):
    return chk.run(claim)


# ----------------------------------------------------------------- identities
def test_identity_true_volume_is_proved_with_evidence():
    out = Identity().run(sp.Eq(sp.binomial(m, e) * sp.factorial(e), VOLUME, evaluate=False))
    assert out.status == PROVED and out.evidence


def test_identity_library_form_of_volume_is_proved():
    out = Identity().run(sp.Eq(LIB_VOLUME, sp.log(VOLUME, 2), evaluate=False))
    assert out.status == PROVED, out.detail


@pytest.mark.parametrize(
    "wrong",
    [
        sp.factorial(m) / sp.factorial(m - e + 1),  # off by one in the falling factorial
        sp.factorial(m) / sp.factorial(m - e - 1),
        sp.factorial(m + 1) / sp.factorial(m - e),
    ],
)
def test_mutation_off_by_one_volume_fails(wrong):
    out = Identity().run(sp.Eq(LIB_VOLUME, sp.log(wrong, 2), evaluate=False))
    assert out.status == FAILED


def test_mutation_wrong_log_base_fails():
    out = Identity().run(sp.Eq(sp.loggamma(m + 1) / sp.log(3), sp.log(sp.factorial(m), 2),
                               evaluate=False))
    assert out.status == FAILED


def test_neuron_closed_form_proved_and_dropped_factor_two_fails():
    good = (-1 + sp.sqrt(1 + 4 * I / (b * L))) / 2
    bad = (-1 + sp.sqrt(1 + 2 * I / (b * L))) / 2
    assert Identity().run(sp.Eq(b * L * (good**2 + good), I, evaluate=False)).status == PROVED
    assert Identity().run(sp.Eq(b * L * (bad**2 + bad), I, evaluate=False)).status == FAILED


def test_identity_fallback_range_is_labelled_checked_not_proved():
    # sympy cannot simplify floor(x/2) + ceiling(x/2) - x for symbolic x; exact check can
    k = sp.Symbol("k", integer=True, positive=True)
    claim = sp.Eq(sp.floor(k / 2) + sp.ceiling(k / 2), k, evaluate=False)
    out = Identity(fallback=((k, 1, 50),)).run(claim)
    assert out.status in (PROVED, "checked on [1, 50]")
    if out.status != PROVED:
        assert "fell back" in out.detail


def test_identity_on_text_claim_fails_cleanly():
    assert Identity().run("just words").status == FAILED


# ----------------------------------------------------------------- inequalities
def test_symbolic_inequality_polynomial_is_proved():
    out = SymbolicInequality(domain=((n, 2, sp.oo),)).run(sp.Ge(n**3 - 3 * n**2 + 3 * n, 2))
    assert out.status == PROVED and out.evidence


def test_symbolic_inequality_by_derivative_is_proved():
    out = SymbolicInequality(domain=((x, 4, sp.oo),)).run(
        sp.Ge(2 * x * sp.log(x / 2, 2), x * sp.log(x, 2)))
    assert out.status == PROVED


def test_undecidable_inequality_falls_back_to_range_check():
    claim = sp.Ge(sp.loggamma(n + 1), n * sp.log(n) - n)  # Stirling: sympy cannot prove it
    out = SymbolicInequality(domain=((n, 1, sp.oo),), fallback=((n, 1, 120),)).run(claim)
    assert out.status == "checked on [1, 120]"
    assert out.evidence == ""
    assert "could not decide" in out.detail


def test_undecidable_without_fallback_fails():
    claim = sp.Ge(sp.loggamma(n + 1), n * sp.log(n) - n)
    assert SymbolicInequality(domain=((n, 1, sp.oo),)).run(claim).status == FAILED


def test_false_inequality_fails_even_with_fallback():
    claim = sp.Ge(sp.loggamma(n + 1), n * sp.log(n))
    out = SymbolicInequality(domain=((n, 1, sp.oo),), fallback=((n, 1, 50),)).run(claim)
    assert out.status == FAILED and "fails at n = 2" in out.detail


def test_false_polynomial_inequality_is_not_proved():
    out = SymbolicInequality(domain=((n, 0, sp.oo),), fallback=((n, 0, 10),)).run(
        sp.Ge(n**2 - 3 * n + 2, 0))  # negative at n = 1.5 only; integers pass
    assert out.status != PROVED  # honest: at best checked on the integers


def test_bounded_domain_inequality():
    eps = sp.Symbol("epsilon", positive=True)
    out = SymbolicInequality(domain=((eps, 0, 1),)).run(
        sp.Gt(eps**2 / 2 - eps**3 / 3, 0, evaluate=False))
    assert out.status == PROVED and "(0, 1]" in out.detail


# ----------------------------------------------------------------- limits
def test_correct_limit_proved_and_wrong_limit_fails():
    ratio = sp.loggamma(x + 1) / sp.log(2) / (x * sp.log(x, 2))
    assert Asymptotic(ratio, x, 1).run("r").status == PROVED
    assert Asymptotic(ratio, x, 2).run("r").status == FAILED
    assert Asymptotic(ratio, x, sp.Rational(1, 2)).run("r").status == FAILED


def test_theta_and_infinite_limits():
    assert Asymptotic(sp.sqrt(x) / (x + 1), x).run("r").status == FAILED  # limit 0, not Θ
    assert Asymptotic((3 * x + 1) / x, x).run("r").status == PROVED
    assert Asymptotic(x / sp.log(x), x, sp.oo).run("r").status == PROVED


# ----------------------------------------------------------------- ranges
def test_range_check_passes_and_names_range():
    out = RangeCheck(2, 30, predicate=lambda k: 2**k > k * k or k < 5).run("2^k > k^2")
    assert out.status == "checked on [2, 30]"


def test_range_check_reports_counterexample():
    out = RangeCheck(1, 30, var=m).run(sp.Ge(2**m, m**3))
    assert out.status == FAILED and "m = 2" in out.detail.replace("n = 2", "m = 2")


def test_range_check_of_relation_with_irrational_values():
    out = RangeCheck(1, 200, var=m).run(sp.Ge(sp.log(sp.factorial(m), 2), m * sp.log(m / sp.E, 2)))
    assert out.status == "checked on [1, 200]"


def test_interval_check_real_interval():
    ok = IntervalCheck(x, 1, 10).run(sp.Ge(x - sp.Rational(1, 2), sp.log(x)))
    assert ok.status == "checked on [1, 10]"
    # a tangency (x − 1 = log x at x = 1) cannot be settled by intervals: failed, not passed
    assert IntervalCheck(x, 1, 10, max_pieces=200).run(sp.Ge(x - 1, sp.log(x))).status == FAILED
    assert IntervalCheck(x, 1, 10).run(sp.Ge(sp.log(x), x - 1 + sp.Rational(1, 1000))).status \
        == FAILED


def test_brute_force_mismatch_fails():
    out = BruteForce(count=lambda k: 2**k, formula=lambda k: 2**k + (k == 3),
                     sizes=(1, 2, 3)).run("c")
    assert out.status == FAILED and "n = 3" in out.detail


def test_crashing_check_is_a_failed_step():
    def boom(k: int) -> bool:
        raise RuntimeError("kaput")

    proof = Proof("crash", "Crash", "", None, (Step("s", "x", RangeCheck(1, 2, predicate=boom)),))
    res = check(proof)
    assert res.status == FAILED and "kaput" in res.steps[0].detail


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 40), st.integers(0, 40))
def test_range_checks_never_claim_proved(lo, width):
    out = RangeCheck(lo, lo + width, predicate=lambda k: True).run("t")
    assert out.status != PROVED and out.status.startswith("checked on [")


def test_proved_outcome_requires_evidence():
    with pytest.raises(AssertionError):
        Outcome(PROVED, "no evidence")


# ----------------------------------------------------------------- proofs
def _toy(*steps: Step) -> Proof:
    return Proof("toy", "Toy", "statement", "A1", tuple(steps), assumptions=("h",))


def test_proof_validation():
    s = Step("a", "x", Assumption())
    with pytest.raises(ValueError, match="duplicate"):
        _toy(s, s)
    with pytest.raises(ValueError, match="not an earlier step"):
        _toy(Step("b", "y", Cited("r"), uses=("a",)), s)
    with pytest.raises(ValueError, match="paper_claim"):
        Proof("t", "T", "", "A9", ())


def test_proof_status_combination_and_json_keys():
    res = check(_toy(
        Step("h", "hyp", Assumption()),
        Step("c", "cited", Cited("ref")),
        Step("p", sp.Eq(m + m, 2 * m, evaluate=False), Identity(), uses=("h",)),
        Step("r", "range", RangeCheck(1, 3, predicate=lambda k: True)),
    ))
    assert res.status == "checked"
    assert [s.status for s in res.steps] == ["assumed", "cited", PROVED, "checked on [1, 3]"]
    d = json.loads(json.dumps(res.as_dict()))
    assert {"name", "claim", "statement", "status", "steps"} <= set(d)
    assert {"claim", "check", "status", "detail"} <= set(d["steps"][0])
    assert proof_status(["proved", "cited"]) == "proved"
    assert proof_status(["checked on [1, 2]", "failed"]) == FAILED


# ----------------------------------------------------------- all-n statements (induction)
def test_induction_recipe_of_issue_12():
    """ln n! ≥ 0.9·n ln n for all n ≥ 21 968, and not at 21 967 (exact threshold)."""
    from proofs.checks import Induction

    n = sp.Symbol("n", positive=True, integer=True)
    claim = sp.Ge(sp.loggamma(n + 1), sp.Rational(9, 10) * n * sp.log(n))
    assert Induction(n, 21968, 21968).run(claim).status == PROVED
    out = Induction(n, 21967, 21967).run(claim)
    assert out.status == FAILED and "fails at n = 21967" in out.detail


def test_induction_fails_when_the_tail_does_not_hold():
    from proofs.checks import Induction

    n = sp.Symbol("n", positive=True, integer=True)
    out = Induction(n, 1, 5).run(sp.Ge(100 - n, 0))  # true on [1, 5], false from n = 101
    assert out.status == FAILED and "tail" in out.detail


def test_induction_stirling_lower_and_upper():
    from proofs.checks import Induction

    m = sp.Symbol("m", positive=True)
    lower = sp.Ge(sp.loggamma(m + 1), m * sp.log(m) - m)
    upper = sp.Le(sp.loggamma(m + 1), m * sp.log(m))
    assert Induction(m, 1, 1).run(lower).status == PROVED
    assert Induction(m, 1, 1).run(upper).status == PROVED
    assert Induction(m, 1, 1).run(sp.Ge(sp.loggamma(m + 1), m * sp.log(m))).status == FAILED


def test_example_status_is_its_own_family():
    from proofs.checks import Example
    from proofs.engine import status_family

    out = Example(points=(2, 3), predicate=lambda k: k > 1, name="k").run("k > 1")
    assert out.status == "example at {2, 3}" and status_family(out.status) == "example"
    assert proof_status([out.status, "proved"]) == "proved"
    assert Example(points=(0,), predicate=lambda k: k > 1).run("k > 1").status == FAILED


def test_z3_tail_fallback_proves_true_and_rejects_false():
    """The z3 path of the tail (ln n as ℓ ∈ [ln split, n − 1]) on a polynomial in n and ℓ."""
    from proofs.induction import _by_z3

    n = sp.Symbol("n", positive=True)
    assert _by_z3((n * sp.log(n) - 9 * n + 1) / (10 * n), n, 21968, False)
    assert _by_z3((n * sp.log(n) - 11 * n + 1) / (10 * n), n, 21968, False) is None


def test_example_on_a_range_is_an_example_and_no_premise():
    """Issue 12: a library-vs-oracle check on a range is an example; no general step uses it."""
    ex = Example(2, 9, predicate=lambda k: k * k >= k, name="m'")
    assert ex.run("k² ≥ k on the range").status == "example on [2, 9]"
    assert Example(2, 9, predicate=lambda k: k < 5).run("x").status == "failed"
    bf = BruteForce(count=lambda k: 2**k, formula=lambda k: 2**k, sizes=(1, 2, 3), example=True)
    assert bf.run("x").status == "example on [1, 3]"
    r = check(Proof("p", "P", "s", None, (Step("lib", "on [2, 9]", ex),
                                          Step("hyp", "h", Assumption()))))
    assert r.status == "proved" and r.counts()["example"] == 1
    with pytest.raises(ValueError, match="uses the example"):
        Proof("q", "Q", "s", None, (Step("lib", "on [2, 9]", ex),
                                    Step("general", "all m'", Identity(sp.Integer(1), 1),
                                         uses=("lib",))))


def test_a_general_step_may_not_cite_an_example_either():
    """The guard also covers cite_steps(...) premises, not only ``uses``."""
    from proofs.citations import cite_steps

    ex = Example(2, 9, predicate=lambda k: k * k >= k, name="m'")
    with pytest.raises(ValueError, match="cites the example"):
        Proof("q", "Q", "s", None, (Step("lib", "on [2, 9]", ex),
                                    Step("general", "all m'", cite_steps("lib"))))


def test_z3_proof_proves_for_symbolic_integers_and_refuses_vacuous_or_false_claims():
    import z3

    from proofs.checks import Z3Proof

    def step():  # the derangement induction step of permutation-volume-exact
        e, par, f, f1 = z3.Ints("e par f f1")
        return ([e >= 2, z3.Or(par == 0, par == 1), f >= 0, z3.Implies(par == 0, f >= 1),
                 f1 == (e + 1) * f + 3 * z3.If(par == 0, -1, 1)],
                z3.And(f1 >= 0, z3.Implies(par == 1, f1 >= 1)))

    out = Z3Proof(step, what="toy").run("x")
    assert out.status == "proved" and "unsatisfiable" in out.evidence

    def too_strong():  # f(e+1) ≥ 1 always: false at e = 2, f = 1 (f(3) = 0)
        hyps, _ = step()
        f1 = z3.Int("f1")
        return hyps, f1 >= 1

    bad = Z3Proof(too_strong).run("x")
    assert bad.status == "failed" and "counterexample" in bad.detail

    def vacuous():
        n = z3.Int("n")
        return [n >= 2, n <= 1], n == 7

    assert "vacuous" in Z3Proof(vacuous).run("x").detail
    assert Z3Proof(step, negate=True).run("x").status == "failed"


def test_argued_is_its_own_family_weaker_than_proved():
    """A deduction argued in words is neither a citation nor a proof (issue 12 item 5)."""
    from proofs.checks import ARGUED, Argued
    from proofs.engine import status_family

    out = Argued(steps=("a",), argument="a implies b").run("b")
    assert out.status == ARGUED and status_family(out.status) == "argued"
    assert out.detail.startswith("argued in words from steps `a`: a implies b")
    assert proof_status(["proved", "cited", ARGUED]) == ARGUED
    assert proof_status([ARGUED, "checked on [1, 5]"]) == "checked"
    assert proof_status([ARGUED, FAILED]) == FAILED
    assert proof_status(["proved", "cited", "example at {2}"]) == PROVED
    with pytest.raises(ValueError):
        Argued(steps=(), argument="no premises")
    with pytest.raises(ValueError):
        Argued(steps=("a",), argument="")
    a = Step("a", sp.Ge(x**2, x), SymbolicInequality(domain=((x, 1, sp.oo),)))
    b_ = Step("b", "x² + 1 > 0", Argued(steps=("a",), argument="add 1"), uses=("a",))
    r = check(Proof("toy", "Toy", "s", None, (a, b_)))
    assert r.status == ARGUED and r.counts()["argued"] == 1 and r.counts()["cited"] == 0


def test_argued_step_may_not_use_an_example():
    """The guard 'a general step may not use an example' covers argued premises."""
    from proofs.checks import Argued

    ex = Step("ex", "at 2", Example(points=(2,), predicate=lambda k: k > 1))
    bad = Step("general", "for all k", Argued(steps=("ex",), argument="generalise"))
    with pytest.raises(ValueError, match="example"):
        Proof("toy", "Toy", "s", None, (ex, bad))


def test_every_status_family_is_rendered():
    """Each family has words on the proof pages, a terminal mark, and a column in the tables."""
    from proofs.checks import Argued
    from proofs.cli import _MARK
    from proofs.cli import summary_table as text_table
    from proofs.engine import STATUS_FAMILIES
    from proofs.render import _FAMILY_WORDS, index_markdown, summary_table

    assert set(_FAMILY_WORDS) == set(STATUS_FAMILIES) == set(_MARK)
    steps = (Step("h", "H", Assumption()),
             Step("c", "C", Cited("Robbins 1955")),
             Step("w", "W", Argued(steps=("h",), argument="h gives w"), uses=("h",)),
             Step("p", sp.Ge(x**2, x), SymbolicInequality(domain=((x, 1, sp.oo),))),
             Step("e", "E", Example(points=(2,), predicate=lambda k: k > 1)),
             Step("k", "K", RangeCheck(1, 3, predicate=lambda k: k > 0)),
             Step("f", "F", RangeCheck(1, 3, predicate=lambda k: k > 1)))
    r = check(Proof("toy", "Toy", "s", None, steps))
    assert all(r.counts()[f] == 1 for f in STATUS_FAMILIES)
    page = "\n".join(summary_table(r))
    assert all(_FAMILY_WORDS[f] in page for f in STATUS_FAMILIES)
    head = text_table([r]).splitlines()[0]
    assert all(f in head for f in STATUS_FAMILIES)
    assert "argued" in index_markdown([r])
