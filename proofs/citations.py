"""Sources of the cited steps: one entry per source, and the ``cite…`` helpers the proofs use.

A cited step is not checked here; it must say exactly what it takes from where. A
:class:`Citation` (a :class:`~proofs.checks.Cited` check) names one of:

* an external source of :data:`SOURCES` (authors, year, title, venue, link) with the place in
  it (theorem, lemma, equation or section) and the exact statement used — :func:`cite`;
* another proof of this library, which shows the statement — :func:`cite_proof`;
* earlier steps of the same proof that the step merely combines — :func:`cite_steps`, kept
  for compatibility but used by no registered proof: a deduction from earlier steps is not a
  citation (issue 12 item 5). It is proved by z3 (:mod:`proofs.theorems._deduce`), cites the
  principle it applies (e.g. FACTS ``le-induction``), or is an
  :class:`~proofs.checks.Argued` step with its own status ``argued``
  (``tests/test_citations.py`` enforces this);
* a definition of this library's model (docs/model.md, SPEC §1) — :func:`cite_definition`.

"Elementary" is not a source. ``tests/test_citations.py`` checks that every cited step of
every proof is a :class:`Citation` naming a known source (and an existing proof, or earlier
steps it uses). On the proof pages a citation is rendered as a Markdown link.

>>> c = cite_fact("jl-dasgupta-gupta")
>>> c.run("JL").detail.startswith("cited: [Dasgupta & Gupta 2003, Theorem 2.1 and its "
...                               "condition (2.1)](https://doi.org/10.1002/rsa.10073)")
True
>>> c.describe()
'cited: Dasgupta & Gupta 2003, Theorem 2.1 and its condition (2.1)'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from proofs.checks import CITED, Cited, Outcome

__all__ = [
    "FACTS",
    "NOT_REVIEWED",
    "SOURCES",
    "UNVERIFIED",
    "VERIFIED",
    "VERIFIED_PLACES",
    "Citation",
    "Source",
    "cite",
    "cite_fact",
    "cite_definition",
    "cite_proof",
    "cite_steps",
]


@dataclass(frozen=True)
class Source:
    """A published source: who, when, what, where, and a stable link (DOI, arXiv, URL)."""

    key: str
    authors: str
    year: int
    title: str
    venue: str
    link: str
    short: str

    def entry(self) -> str:
        """A bibliography line (Markdown)."""
        return f"{self.authors} ({self.year}). *{self.title}*. {self.venue}. <{self.link}>"


def _s(key: str, authors: str, year: int, title: str, venue: str, link: str,
       short: str) -> tuple[str, Source]:
    return key, Source(key, authors, year, title, venue, link, short)


SOURCES: dict[str, Source] = dict((
    _s("robbins1955", "H. Robbins", 1955, "A remark on Stirling's formula",
       "American Mathematical Monthly 62(1), 26–29", "https://doi.org/10.2307/2308012",
       "Robbins 1955"),
    _s("dasgupta-gupta2003", "S. Dasgupta, A. Gupta", 2003,
       "An elementary proof of a theorem of Johnson and Lindenstrauss",
       "Random Structures & Algorithms 22(1), 60–65", "https://doi.org/10.1002/rsa.10073",
       "Dasgupta & Gupta 2003"),
    _s("larsen-nelson2017", "K. G. Larsen, J. Nelson", 2017,
       "Optimality of the Johnson-Lindenstrauss lemma",
       "58th IEEE Symposium on Foundations of Computer Science (FOCS 2017), 633–638",
       "https://arxiv.org/abs/1609.02094", "Larsen & Nelson 2017"),
    _s("clopper-pearson1934", "C. J. Clopper, E. S. Pearson", 1934,
       "The use of confidence or fiducial limits illustrated in the case of the binomial",
       "Biometrika 26(4), 404–413", "https://doi.org/10.1093/biomet/26.4.404",
       "Clopper & Pearson 1934"),
    _s("warren1968", "H. E. Warren", 1968, "Lower bounds for approximation by nonlinear "
       "manifolds", "Transactions of the AMS 133(1), 167–178",
       "https://doi.org/10.1090/S0002-9947-1968-0226281-1", "Warren 1968"),
    _s("anthony-bartlett1999", "M. Anthony, P. L. Bartlett", 1999,
       "Neural Network Learning: Theoretical Foundations", "Cambridge University Press",
       "https://doi.org/10.1017/CBO9780511624216", "Anthony & Bartlett 1999"),
    _s("bhlm2019", "P. L. Bartlett, N. Harvey, C. Liaw, A. Mehrabian", 2019,
       "Nearly-tight VC-dimension and pseudodimension bounds for piecewise linear neural "
       "networks", "Journal of Machine Learning Research 20(63), 1–17",
       "https://jmlr.org/papers/v20/17-612.html", "Bartlett, Harvey, Liaw & Mehrabian 2019"),
    _s("telgarsky2016", "M. Telgarsky", 2016, "Benefits of depth in neural networks",
       "29th Annual Conference on Learning Theory (COLT 2016), PMLR 49, 1517–1539",
       "https://arxiv.org/abs/1602.04485", "Telgarsky 2016"),
    _s("hoeffding1963", "W. Hoeffding", 1963,
       "Probability inequalities for sums of bounded random variables",
       "Journal of the American Statistical Association 58(301), 13–30",
       "https://doi.org/10.1080/01621459.1963.10500830", "Hoeffding 1963"),
    _s("chernoff1952", "H. Chernoff", 1952, "A measure of asymptotic efficiency for tests of "
       "a hypothesis based on the sum of observations",
       "Annals of Mathematical Statistics 23(4), 493–507",
       "https://doi.org/10.1214/aoms/1177729330", "Chernoff 1952"),
    _s("blm2013", "S. Boucheron, G. Lugosi, P. Massart", 2013,
       "Concentration Inequalities: A Nonasymptotic Theory of Independence",
       "Oxford University Press", "https://doi.org/10.1093/acprof:oso/9780199535255.001.0001",
       "Boucheron, Lugosi & Massart 2013"),
    _s("benes1964", "V. E. Beneš", 1964,
       "Optimal rearrangeable multistage connecting networks",
       "Bell System Technical Journal 43(4), 1641–1656",
       "https://doi.org/10.1002/j.1538-7305.1964.tb04102.x", "Beneš 1964"),
    _s("waksman1968", "A. Waksman", 1968, "A permutation network",
       "Journal of the ACM 15(1), 159–163", "https://doi.org/10.1145/321439.321449",
       "Waksman 1968"),
    _s("riordan1958", "J. Riordan", 1958, "An Introduction to Combinatorial Analysis",
       "Wiley, New York (reprinted Princeton University Press 1980)",
       "https://doi.org/10.1515/9781400854332", "Riordan 1958"),
    _s("gkp1994", "R. L. Graham, D. E. Knuth, O. Patashnik", 1994,
       "Concrete Mathematics: A Foundation for Computer Science (2nd ed.)", "Addison-Wesley",
       "https://www-cs-faculty.stanford.edu/~knuth/gkp.html", "Graham, Knuth & Patashnik 1994"),
    _s("rudin1976", "W. Rudin", 1976, "Principles of Mathematical Analysis (3rd ed.)",
       "McGraw-Hill", "https://archive.org/details/principlesofmath00rudi", "Rudin 1976"),
    _s("dlmf", "F. W. J. Olver et al. (eds.)", 2010, "NIST Digital Library of Mathematical "
       "Functions", "NIST / Cambridge University Press (online edition)", "https://dlmf.nist.gov/",
       "DLMF"),
    _s("corless1996", "R. M. Corless, G. H. Gonnet, D. E. G. Hare, D. J. Jeffrey, D. E. Knuth",
       1996, "On the Lambert W function", "Advances in Computational Mathematics 5, 329–359",
       "https://doi.org/10.1007/BF02124750", "Corless et al. 1996"),
    _s("mathlib2020", "The mathlib Community", 2020, "The Lean mathematical library",
       "Proceedings of the 9th ACM SIGPLAN International Conference on Certified Programs and "
       "Proofs (CPP 2020), 367–381; theorems machine-checked in Lean 4 mathlib",
       "https://doi.org/10.1145/3372885.3373824", "mathlib"),
    _s("feller1968", "W. Feller", 1968, "An Introduction to Probability Theory and Its "
       "Applications, Volume I (3rd ed.)", "Wiley", "https://archive.org/details/"
       "introductiontopr00fell", "Feller 1968"),
))
"""Every external source a proof step may cite, by key."""

#: standard facts cited by several proofs: key → (source, place in it, exact statement)
FACTS: dict[str, tuple[str, str, str]] = {
    'bhlm-partition': ('bhlm2019', '§4 "Proof of Theorem 7" (Theorem 7, Main upper bound; '
        'Lemma 17; the partitions S_0, …, S_{L−1} with properties 1–2 and (5)–(6)), pp. 11–13',
        'Stored text: "The partition is constructed iteratively layer by layer, through a '
        'sequence S0, S1, ..., SL−1 of successive refinements"; property 2: "each element S '
        'of Sn−1, each j ∈ [m], and each unit u in the nth layer, when a varies in S, the net '
        'input to u is a fixed polynomial function in Wn variables of a, of total degree no '
        'more than 1 + (n − 1)d^{n−1}"; for a fixed S, by Lemma 17 the polynomials '
        '{p_{h,xj,S}(a) − t_i} (kn·m·p of them, t_i the breakpoints) attain at most '
        'Π := 2(2e(kn m p)(1 + (n − 1)d^{n−1})/Wn)^{Wn} sign patterns, and S is split into at '
        'most Π subregions; on the last partition the output is a fixed polynomial of degree '
        '≤ 1 + (L − 1)d^{L−1}, counted by Lemma 17 again, and (5) sums the per-region counts. '
        'Wn = parameters in layers 1..n (d > 0); sgn(x) = 1[x > 0]. Our use: ReLU (p = 1 '
        'breakpoint, d = 1, so degree ≤ n in W_n variables), q probes in place of the m points; '
        'differences: (i) our L ReLU layers are followed by m′ thresholded outputs with the '
        'fixed (non-parameter) decoder D and θ as an extra final layer, so the last count is '
        'for m′q polynomials of degree ≤ L in W = W_L variables (BHLM: one identity output '
        'unit whose weights are parameters); (ii) each cell count is the lemma step\'s '
        '2(4eMD/N)^N (Telgarsky 2016), weaker than Lemma 17\'s 2(2eMD/W)^W, or the trivial '
        '2^M, also used when M < N (Lemma 17 assumes W ≤ M, which the proof does not state '
        'for each layer)'),
    'binomial-bounds': ('mathlib2020', 'theorems Nat.choose_le_pow_div and Nat.choose_le_pow '
        '(Mathlib.Data.Nat.Choose.Bounds)',
        'choose_le_pow_div (r n : ℕ) : (n.choose r : α) ≤ (n ^ r : α) / r ! for α with '
        '[Semifield α] [LinearOrder α] [IsStrictOrderedRing α] (e.g. ℝ), and '
        'choose_le_pow (n k : ℕ) : n.choose k ≤ n ^ k: '
        'C(n, k) ≤ n^k/k! ≤ n^k for all n, k; so C(n, i) ≤ n^i ≤ n^k for i ≤ k and n ≥ 1'),
    'binomial-theorem': ('mathlib2020', 'theorem add_pow (Mathlib.Data.Nat.Choose.Sum)',
        '(x + y)^n = ∑ m ∈ range (n + 1), x^m · y^(n − m) · n.choose m in a commutative '
        'semiring, every n : ℕ; i.e. (a + b)^n = Σ_j C(n, j) a^j b^{n−j}'),
    'boole': ('mathlib2020', 'theorem MeasureTheory.measureReal_biUnion_finset_le',
        'μ.real (⋃ b ∈ s, f b) ≤ ∑ p ∈ s, μ.real (f p) for a finite index set s and any '
        'sets f b; with μ a probability measure: P(A_1 ∪ … ∪ A_K) ≤ P(A_1) + … + P(A_K) '
        "(Boole's inequality)"),
    'ceiling-least': ('mathlib2020', 'theorems Int.le_ceil and Int.ceil_le '
        '(Mathlib.Algebra.Order.Floor)',
        'le_ceil (a : α) : a ≤ ⌈a⌉ and ceil_le : ⌈a⌉ ≤ z ↔ a ≤ z (z : ℤ), in a linearly '
        'ordered floor ring such as ℝ: ⌈x⌉ is the least integer ≥ x'),
    'ceiling-upper': ('mathlib2020', 'theorem Int.ceil_lt_add_one (Mathlib.Algebra.Order.Floor)',
        'ceil_lt_add_one (a : α) : (⌈a⌉ : α) < a + 1: ⌈x⌉ < x + 1 for every real x'),
    'cramer-chernoff': ('mathlib2020', 'theorem ProbabilityTheory.measure_ge_le_exp_cgf',
        'for a finite measure μ, t ≥ 0 and e^{tX} integrable: μ.real {ω | ε ≤ X ω} ≤ '
        'exp(−tε + cgf X μ t), cgf = log mgf; i.e. P(Z ≥ x) ≤ e^{−tx} E e^{tZ} for every '
        't ≥ 0 (the Cramér–Chernoff bound)'),
    'deriv-monotone': ('mathlib2020', 'theorem monotoneOn_of_deriv_nonneg',
        'for a convex D ⊆ ℝ and f continuous on D, differentiable on interior D with '
        '0 ≤ deriv f x for every x ∈ interior D: MonotoneOn f D (f nondecreasing on D)'),
    'derangements-sum': ('mathlib2020', 'theorems card_derangements_eq_numDerangements and '
        'numDerangements_sum (Mathlib.Combinatorics.Derangements.Finite)',
        'numDerangements n is the number of derangements of an n-element set, and '
        '↑(numDerangements n) = Σ_{k ∈ range (n + 1)} (−1)^k · ↑(Nat.ascFactorial k (n − k)) '
        'in ℤ, where (in that version) Nat.ascFactorial n k = (n + k)!/n!: D_n = Σ_{k=0}^{n} '
        '(−1)^k n!/k!'),
    'distributive': ('mathlib2020', 'theorem Fintype.sum_smul_sum',
        '(∑ i, f i) • ∑ j, g j = ∑ i, ∑ j, f i • g j for finite types α, β (with R = M a '
        'commutative semiring, • is ·): (Σ_i a_i)(Σ_j b_j) = Σ_{i,j} a_i b_j'),
    'disjoint-union-count': ('mathlib2020', 'theorem Finset.card_biUnion '
        '(Mathlib.Algebra.BigOperators.Basic)',
        '[DecidableEq β] {s : Finset α} {t : α → Finset β} (h : ∀ x ∈ s, ∀ y ∈ s, x ≠ y → '
        'Disjoint (t x) (t y)) : (s.biUnion t).card = ∑ u in s, card (t u) — a union of '
        'pairwise disjoint finite sets has the sum of their sizes as its size'),
    'floor': ('mathlib2020', 'theorems Int.sub_one_lt_floor and Int.floor_le '
        '(Mathlib.Algebra.Order.Floor)',
        'sub_one_lt_floor (a : α) : a - 1 < ⌊a⌋ and floor_le (a : α) : (⌊a⌋ : α) ≤ a: '
        'x − 1 < ⌊x⌋ ≤ x for every real x'),
    'gamma-convex': ('mathlib2020', 'theorems Real.convexOn_log_Gamma, Real.Gamma_two '
        '(Mathlib.Analysis.SpecialFunctions.Gamma.BohrMollerup), Real.Gamma_one, '
        'Real.Gamma_nat_eq_factorial (Mathlib.Analysis.SpecialFunctions.Gamma.Basic)',
        'convexOn_log_Gamma : ConvexOn ℝ (Ioi 0) (log ∘ Gamma); Gamma_one : Gamma 1 = 1; '
        'Gamma_two : Gamma 2 = 1; Gamma_nat_eq_factorial (n : ℕ) : Gamma (n + 1) = n !; with '
        'def ConvexOn : Prop := Convex 𝕜 s ∧ ∀ ⦃x⦄, x ∈ s → ∀ ⦃y⦄, y ∈ s → ∀ ⦃a b : 𝕜⦄, '
        '0 ≤ a → 0 ≤ b → a + b = 1 → f (a • x + b • y) ≤ a • f x + b • f y '
        '(Mathlib.Analysis.Convex.Function): ln Γ is '
        'convex on (0, ∞), Γ(1) = Γ(2) = 1 and Γ(k + 1) = k!'),
    'gamma-minimum': ('dlmf', '§5.4(iii), Table 5.4.1',
        'Γ(x) has its only minimum on (0, ∞) at x₀ = 1.46163…, so ln Γ is increasing on [x₀, '
        '∞)'),
    'hit-formula': ('dlmf', '§26.15, eqs. 26.15.6–26.15.7',
        'N_k(B), the number of permutations σ ∈ 𝔖_n with exactly k of the pairs (j, σ(j)) in '
        'B, has generating function N(x, B) = Σ_k N_k(B) x^k = Σ_k r_k(B)(n − k)!(x − 1)^k; '
        'its coefficient of x^k (binomial theorem, fact binomial-theorem) is N_k = '
        'Σ_{i≥k} (−1)^{i−k} C(i, k) r_i (n − i)!'),
    'incomplete-beta': ('dlmf', '§8.17(i), eq. 8.17.5',
        'Σ_{j=a}^{r} C(r, j) p^j (1 − p)^{r−j} = I_p(a, r − a + 1), the regularized '
        'incomplete beta function: the integral from 0 to p of a density ≥ 0 on [0, 1]'),
    'injection': ('mathlib2020', 'theorem Function.Embedding.isEmpty_of_card_lt',
        'Fintype.card β < Fintype.card α → IsEmpty (α ↪ β) (the pigeonhole principle); so an '
        'injective map between finite sets A → B gives |A| ≤ |B|'),
    'jl-dasgupta-gupta': ('dasgupta-gupta2003', 'Theorem 2.1 and its condition (2.1)',
        '"For any 0 < ε < 1 and any integer n, let k be a positive integer such that '
        'k ≥ 4(ε²/2 − ε³/3)⁻¹ ln n. (2.1) Then for any set V of n points in R^d, there is a '
        'map f : R^d → R^k such that for all u, v ∈ V, (1 − ε)‖u − v‖² ≤ ‖f(u) − f(v)‖² ≤ '
        '(1 + ε)‖u − v‖²."'),
    'jl-optimal': ('larsen-nelson2017', 'main theorem (abstract, arXiv:1609.02094v2)',
        'for integers d, n ≥ 2 and 1/min{n, d}^{0.4999} < ε < 1 there is a set of n vectors in '
        'R^d such that every embedding into R^m with squared distances within 1 ± ε has '
        'm = Ω(ε⁻² lg n) (asymptotic, no constant)'),
    'le-induction': ('mathlib2020', 'lemma nat.le_induction (src/data/nat/basic.lean; '
        'Nat.le_induction in Lean 4 mathlib)',
        'le_induction {P : ℕ → Prop} {m} (h0 : P m) (h1 : ∀ n ≥ m, P n → P (n + 1)) : '
        '∀ n ≥ m, P n — a property true at m and passed from n to n + 1 for every n ≥ m '
        'holds for every n ≥ m'),
    'monotone-nat': ('mathlib2020', 'theorems monotone_nat_of_le_succ and '
        'antitone_nat_of_succ_le (Mathlib.Order.Monotone.Basic)',
        'for a preorder α: monotone_nat_of_le_succ {f : ℕ → α} (hf : ∀ n, f n ≤ f (n + 1)) : '
        'Monotone f and antitone_nat_of_succ_le {f : ℕ → α} (hf : ∀ n, f (n + 1) ≤ f n) : '
        'Antitone f — if f n ≤ f (n + 1) for all n then f is monotone; if f (n + 1) ≤ f n for '
        'all n then f is antitone'),
    'lambert-w-branch': ('dlmf', '§4.13, eq. 4.13.1 and the text after it',
        '"The Lambert W-function W(x) is the solution of the equation We^W = x (4.13.1). On '
        'the x-interval [0, ∞) there is one real solution, and it is nonnegative and '
        'increasing"; the principal branch Wp is the solution with W(x) ≥ W(−1/e). So for '
        'z ≥ 0: W(z)·e^{W(z)} = z and W(z) ≥ 0 ≥ −1, and W(z) > 0 for z > 0 (W = 0 gives '
        'z = 0)'),
    'lambert-w-factorial': ('corless1996', '§1 (definition)',
        "W(z)·e^{W(z)} = z; with m'! = (m')_{m'} ≤ m'^{m'} (proof tail-binomial-count, step "
        'falling-step)'),
    'product-rule': ('mathlib2020', 'theorem Finset.card_biUnion_le_card_mul '
        '(Mathlib.Algebra.Order.BigOperators.Group.Finset)',
        '[DecidableEq β] (s : Finset ι) (f : ι → Finset β) (n : ℕ) (h : ∀ a ∈ s, #(f a) ≤ n) '
        ': #(s.biUnion f) ≤ #s * n — a set covered by the sets f a, one for each first-stage '
        'choice a ∈ s, each with at most n elements, has at most #s·n elements; applied once '
        'per stage (induction on the number of stages), a choice in s stages with at most a_i '
        'options at stage i, whatever the earlier choices, has at most a_1⋯a_s outcomes'),
    'rook-invariance': ('dlmf', '§26.15, eq. 26.15.7 and the definition of r_j(B)',
        'the hit numbers N_k(B) are determined by the rook numbers r_j(B) (26.15.7), and '
        'r_j(B) counts placements of j rooks on B that share neither a row nor a column — a '
        'property kept by any permutation of the rows and of the columns'),
    'rook-product': ('dlmf', '§26.15, eq. 26.15.4',
        'if B = B_1 ∪ B_2 with no element of B_1 in the same row or column as an element of '
        'B_2, then R(x, B) = R(x, B_1)·R(x, B_2), R(x, B) = Σ_j r_j(B) x^j; a column of c '
        'cells has r_0 = 1, r_1 = c: R = 1 + cx'),
    'sign-patterns': ('telgarsky2016', 'Lemma 4.3 (§4; from Warren 1968, Thm 3)',
        '"Let a set of polynomials 𝒬 be given where each q: ℝ^p → ℝ has degree ≤ α. Define '
        '𝒮_0 := {{a ∈ ℝ^p : q(a) ⋄ 0} : q ∈ 𝒬, ⋄ ∈ {<, ≥}}. Then the collection 𝒮 of all '
        'nonempty intersections of elements of 𝒮_0 satisfies |𝒮| ≤ 2(4e|𝒬|α/p)^p." Used only '
        'with |𝒬| ≥ p (Warren Thm 3 assumes m ≥ n; the statement is false without it). '
        'Verified against the stored text of arXiv:1602.04485 (2026-12-02); Warren 1968, '
        'Anthony & Bartlett 1999 Thm 8.3 and BHLM 2019 Lemma 17 (a sharper 2(2emk/n)^n form) '
        'were not available to check and are not relied on'),
    'subsets-count': ('mathlib2020', 'theorem Fintype.card_finset_len',
        'Fintype.card { s : Finset α // s.card = k } = (Fintype.card α).choose k: C(n, k) is '
        'the number of k-element subsets of an n-element set; subsets of different sizes are '
        'different, so #{S ⊆ [n] : |S| ≤ k} = Σ_{i≤k} C(n, i)'),
    'limit-sum': ('mathlib2020', 'theorem Filter.Tendsto.add (additive form of '
        'Filter.Tendsto.mul, Mathlib.Topology.Algebra.Monoid.Defs)',
        '[ContinuousAdd M] {f g : α → M} {x : Filter α} {a b : M} (hf : Tendsto f x (𝓝 a)) '
        '(hg : Tendsto g x (𝓝 b)) : Tendsto (fun x ↦ f x + g x) x (𝓝 (a + b)), with M = ℝ '
        '(instance IsTopologicalAddGroup ℝ) and x = atTop: if f(x) → a and g(x) → b as '
        'x → ∞ then f(x) + g(x) → a + b'),
    'squeeze': ('mathlib2020', "theorem tendsto_of_tendsto_of_tendsto_of_le_of_le' "
        '(Mathlib.Topology.Order.Basic)',
        '[OrderTopology α] {f g h : β → α} {b : Filter β} {a : α} (hg : Tendsto g b (𝓝 a)) '
        '(hh : Tendsto h b (𝓝 a)) (hgf : ∀ᶠ b in b, g b ≤ f b) (hfh : ∀ᶠ b in b, f b ≤ h b) : '
        'Tendsto f b (𝓝 a) ("Squeeze theorem ... inequalities hold eventually"), with α = ℝ '
        '(instance OrderTopology ℝ) and b = atTop: if g(x) ≤ f(x) ≤ h(x) for all large x and '
        'g(x), h(x) → L as x → ∞ then f(x) → L'),
    'summation-by-parts': ('mathlib2020', 'theorem Finset.sum_range_by_parts',
        '∑ i ∈ range n, f i • g i = f (n − 1) • ∑ i ∈ range n, g i − ∑ i ∈ range (n − 1), '
        '(f (i + 1) − f i) • ∑ i ∈ range (i + 1), g i; with f = T, g the law of N_c (Σ g = 1): '
        'E T(N_c) = T(0) + Σ_{c≥1} P(N_c ≥ c)(T(c) − T(c − 1)), with T(c) := 1 for c > M'),
    'union-count': ('mathlib2020', 'theorem Finset.set_encard_biUnion_le',
        '(⋃ i ∈ t, s i).encard ≤ ∑ i ∈ t, (s i).encard for a finite index set t (no '
        'disjointness assumed): |A_1 ∪ … ∪ A_K| ≤ |A_1| + … + |A_K|'),
    'card-fiberwise': ('mathlib2020', 'theorem Finset.card_eq_sum_card_fiberwise '
        '(Mathlib.Algebra.BigOperators.Basic)',
        '(H : ∀ x ∈ s, f x ∈ t) : s.card = ∑ a in t, (s.filter fun x => f x = a).card — a '
        'finite set is counted by the fibres of a map into t'),
    'sum-comm-dependent': ('mathlib2020', "theorem Finset.sum_comm' (additive form of "
        "prod_comm', Mathlib.Algebra.BigOperators.Basic)",
        "(h : ∀ x y, x ∈ s ∧ y ∈ t x ↔ x ∈ s' y ∧ y ∈ t') : ∑ x in s, ∑ y in t x, f x y = "
        "∑ y in t', ∑ x in s' y, f x y — exchange of two finite sums whose inner index set "
        "depends on the outer index"),
    'sum-congr': ('mathlib2020', 'theorem Finset.sum_congr (additive form of prod_congr, '
        'Mathlib.Algebra.BigOperators.Basic)',
        '(h : s₁ = s₂) : (∀ x ∈ s₂, f x = g x) → s₁.sum f = s₂.sum g'),
    'sum-mul': ('mathlib2020', 'lemma Finset.sum_mul (Mathlib.Algebra.BigOperators.Ring)',
        '(∑ i ∈ s, f i) * a = ∑ i ∈ s, f i * a in a non-unital non-associative semiring'),
    'prod-le-prod': ('mathlib2020', 'theorem Finset.prod_le_prod '
        '(Mathlib.Algebra.Order.BigOperators.GroupWithZero.Finset)',
        'if 0 ≤ f i and f i ≤ g i for every i ∈ s (s a finite set) then '
        '∏_{i∈s} f i ≤ ∏_{i∈s} g i'),
    'sum-le-sum': ('mathlib2020', "theorem Finset.sum_le_sum (additive form of prod_le_prod', "
        'Mathlib.Algebra.Order.BigOperators.Group.Finset)',
        '(h : ∀ i ∈ s, f i ≤ g i) : ∑ i ∈ s, f i ≤ ∑ i ∈ s, g i in an ordered additive '
        'commutative monoid (ℝ): a finite sum of termwise smaller summands is smaller'),
}

#: FACTS and cited places checked against stored text (issue 12 item 5, 2026-12-02, with the
#: project's search tool over stored pages): key → where the statement was read. A fact in
#: :data:`UNVERIFIED` was written from memory and could not be checked against stored text; the
#: reason says what was and was not found. ``tests/test_citations.py`` keeps every fact in one
#: of the two (or in :data:`NOT_REVIEWED`).
VERIFIED: dict[str, str] = {
    "hit-formula": "DLMF §26.15 read in stored text at http://dlmf.nist.gov/26.15 "
                   "(2026-12-02): the definition of N_k(B) and eqs. 26.15.6–26.15.7; the "
                   "coefficient extraction is the binomial theorem (fact binomial-theorem)",
    "rook-invariance": "DLMF §26.15 read in stored text at http://dlmf.nist.gov/26.15: eq. "
                       "26.15.7 (N depends on B only through r_k(B)) and the definition of "
                       "r_j(B) (non-attacking rooks: no shared row or column); that a "
                       "row/column permutation keeps the count is read off that definition",
    "rook-product": "DLMF §26.15 eq. 26.15.4 read in stored text at http://dlmf.nist.gov/26.15 "
                    "(2026-12-02); the column board's 1 + cx from the definition 26.15.3",
    "jl-dasgupta-gupta": "Theorem 2.1 and (2.1) read 2026-12-03 in the published paper (its "
                         "first page: Random Struct. Alg. 22: 60–65, DOI 10.1002/rsa.10073), "
                         "the PDF https://github.com/papers-we-love/papers-we-love/blob/"
                         "47567e0154e38b4a4cf3eb9e30296221e940522f/sublinear_algorithms/"
                         "An-Elementary-Proof-of-a-Theorem-of-Johnson-and-Lindenstrauss.pdf "
                         "(text extracted with pypdf)",
    "product-rule": "Lean statement of Finset.card_biUnion_le_card_mul read in stored text of "
                    "https://github.com/leanprover-community/mathlib4/blob/"
                    "0100fdf66cbd0767182708386a3daac376ed80b5/Mathlib/Algebra/Order/"
                    "BigOperators/Group/Finset.lean (2026-12-03)",
    "disjoint-union-count": "Lean statement of Finset.card_biUnion read in stored text of "
                            "https://github.com/leanprover-community/mathlib4/blob/"
                            "c15343230a7fcdb447ad306d9ae526b789108124/Mathlib/Algebra/"
                            "BigOperators/Basic.lean (2026-12-03)",
    "gamma-convex": "Lean statements read in stored text (2026-12-03): convexOn_log_Gamma and "
                    "Gamma_two in https://github.com/leanprover-community/mathlib4/blob/"
                    "01b5d0dbd57a3c5c5f833d7621c2afc1da40c283/Mathlib/Analysis/"
                    "SpecialFunctions/Gamma/BohrMollerup.lean; Real.Gamma_one and "
                    "Real.Gamma_nat_eq_factorial in https://github.com/leanprover-community/"
                    "mathlib4/blob/0072e77c73de3f291a2503352cece636e12d33d2/Mathlib/Analysis/"
                    "SpecialFunctions/Gamma/Basic.lean; the definition of ConvexOn in "
                    "https://github.com/leanprover-community/mathlib4/blob/"
                    "03668f7fea1eb10891f841cc750d29fa9166765b/Mathlib/Analysis/Convex/"
                    "Function.lean. DLMF §5.5(iv), cited before, was not found in stored text",
    "gamma-minimum": "https://dlmf.nist.gov/5.4 §5.4(iii), Table 5.4.1: x₀ = 1.46163 21449",
    "incomplete-beta": "https://dlmf.nist.gov/8.17 §8.17(i), eq. 8.17.5: I_x(m, n−m+1) = "
                       "Σ_{j=m}^{n} C(n, j) x^j (1−x)^{n−j}",
    "squeeze": "Lean statement of tendsto_of_tendsto_of_tendsto_of_le_of_le' and its "
               "docstring read in stored text of https://github.com/leanprover-community/"
               "mathlib4/blob/3facce531028582e49143337f81d2d83d83486a4/Mathlib/Topology/Order/"
               "Basic.lean (2026-12-03); instance : OrderTopology ℝ read in "
               "https://github.com/leanprover-community/mathlib4/blob/"
               "2ce3cb6a4e741897af1bc30ebdbf68c9a39d0740/Mathlib/Topology/MetricSpace/Pseudo/"
               "Lemmas.lean. Formerly Rudin Thm 3.19, read only as a Q&A-site quotation",
    "limit-sum": "Lean statement of Filter.Tendsto.mul with @[to_additive] (giving "
                 "Filter.Tendsto.add) in section ContinuousMul read in stored text of "
                 "https://github.com/leanprover-community/mathlib4/blob/"
                 "e2198a33795db13a41821198b7c9fce7dc258a5b/Mathlib/Topology/Algebra/Monoid/"
                 "Defs.lean (2026-12-03); instance : IsTopologicalAddGroup ℝ read in "
                 "https://github.com/leanprover-community/mathlib4/blob/"
                 "71678a93c5f25501ae5f221928dcdf0ba6a5c4c9/Mathlib/Topology/Algebra/Ring/"
                 "Real.lean (that it provides ContinuousAdd ℝ is Lean's instance inference, "
                 "the class declaration was not read). Formerly Rudin 3.3(a), read only as "
                 "cited on proofwiki",
    "jl-optimal": "statement and ε range from the abstract of arXiv:1609.02094v2 "
                  "(https://www.emergentmind.com/articles/1609.02094); the theorem number in "
                  "the paper was not seen, so the place says 'main theorem (abstract)'",
    "ceiling-least": "Lean statements of Int.le_ceil and Int.ceil_le read in stored text of "
                     "https://github.com/leanprover-community/mathlib4/blob/"
                     "014eac0a3232d78a3e9c0fa26ec43b983bc20fea/Mathlib/Algebra/Order/"
                     "Floor.lean (2026-12-03); formerly GKP §3.1, read only as a page scan",
    "ceiling-upper": "Lean statement of Int.ceil_lt_add_one read in stored text of "
                     "https://github.com/leanprover-community/mathlib4/blob/"
                     "014eac0a3232d78a3e9c0fa26ec43b983bc20fea/Mathlib/Algebra/Order/"
                     "Floor.lean (2026-12-03); formerly GKP §3.1, read only as a quotation",
    "floor": "Lean statements of Int.sub_one_lt_floor and Int.floor_le read in stored text of "
             "https://github.com/leanprover-community/mathlib4/blob/"
             "014eac0a3232d78a3e9c0fa26ec43b983bc20fea/Mathlib/Algebra/Order/Floor.lean "
             "(2026-12-03); formerly GKP §3.1, read only as a quotation",
    "lambert-w-branch": "DLMF §4.13 read in stored text at http://dlmf.nist.gov/4.13 "
                        "(2026-12-03): eq. 4.13.1 We^W = x, one real solution on [0, ∞), "
                        "nonnegative and increasing, principal branch Wp defined by "
                        "W(x) ≥ W(−1/e). The steps use W only at z ≥ 0, where this gives "
                        "W ≥ 0 ≥ −1 directly. Formerly Corless et al. 1996 §1 (docslib copy) "
                        "with W₀ ≥ −1 from a Wikipedia mirror",
    "lambert-w-factorial": "the definition part: Corless et al. 1996, abstract and §1, "
                           "https://docslib.org/doc/1897102/on-the-lambert-w-function-329",
    "binomial-bounds": "Lean statements of Nat.choose_le_pow_div and Nat.choose_le_pow "
                       "read in stored text of https://github.com/leanprover-community/"
                       "mathlib4/blob/61f2c345ba681dd85a3bd3253f3aaa674d624400/Mathlib/Data/"
                       "Nat/Choose/Bounds.lean (2026-12-03); the lower bound (n/k)^k ≤ C(n, k) "
                       "is not there (that file's docstring: 'We might want to add here the "
                       "bounds n^r/r^r ≤ n.choose r ≤ e^r n^r/r^r in the future'; its "
                       "pow_le_choose is (n + 1 − r)^r/r! ≤ C(n, r), not it), so it is proved "
                       "here instead (proof binomial-lower, from Finset.prod_le_prod)",
    "sign-patterns": "Telgarsky 2016 Lemma 4.3, stored text of "
                     "https://arxiv.org/abs/1602.04485 read 2026-12-02 with the search tool: "
                     "|𝒮| ≤ 2(4e|𝒬|α/p)^p (the weaker, "
                     "verified form is the one used)",
    "boole": "Lean statement of measureReal_biUnion_finset_le read in stored text at "
             "https://scilibai.ru/products/mathlib/145754/ (2026-12-02)",
    "union-count": "Lean statement of set_encard_biUnion_le read in stored text at "
                   "https://scilibai.ru/products/mathlib/108322/ (2026-12-02; its English "
                   "gloss says 'pairwise disjoint', the Lean statement has no such hypothesis)",
    "cramer-chernoff": "Lean statement of measure_ge_le_exp_cgf read in stored text at "
                       "https://scilibai.ru/products/mathlib/171560/ (2026-12-02)",
    "binomial-theorem": "Lean statement of add_pow read in stored text at "
                        "https://scilibai.ru/products/mathlib/102732/ and "
                        "https://leansearch.net/doc/Mathlib.Data.Nat.Choose.Sum.html (the "
                        "commutative-semiring form in "
                        "https://github.com/leanprover-community/mathlib/commit/652357ac)",
    "distributive": "Lean statement of Fintype.sum_smul_sum read in stored text at "
                    "https://scilibai.ru/products/mathlib/18920/ (2026-12-02)",
    "subsets-count": "Lean statement of Fintype.card_finset_len read in stored text at "
                     "https://leanprover.github.io/SampCert/Mathlib/Data/Fintype/Powerset.html "
                     "(2026-12-02)",
    "summation-by-parts": "Lean statement of Finset.sum_range_by_parts read in stored text at "
                          "https://leanprover-community.github.io/mathlib4_docs/Mathlib/"
                          "Algebra/BigOperators/Module.html (2026-12-02)",
    "le-induction": "Lean statement of le_induction read in stored text at "
                    "https://github.com/leanprover-community/mathlib/commit/6da9b21f (the "
                    "commit adding it to src/data/nat/basic.lean), 2026-12-02",
    "monotone-nat": "Lean statements of monotone_nat_of_le_succ and antitone_nat_of_succ_le "
                    "(section Preorder, variable [Preorder α]) read in stored text of "
                    "https://github.com/leanprover-community/mathlib4/blob/"
                    "d48b788e38319770ac91edb3c735aa9f5424bcfe/Mathlib/Order/Monotone/"
                    "Basic.lean (2026-12-03); formerly only the module docstring at "
                    "leansearch.net",
    "deriv-monotone": "Lean statement of monotoneOn_of_deriv_nonneg read in stored text at "
                      "https://scilibai.ru/products/mathlib/44845/ (2026-12-02)",
    "derangements-sum": "Lean statement of numDerangements_sum and the docstring of "
                        "card_derangements_eq_numDerangements ('numDerangements really does "
                        "compute the number of derangements') read in stored text at "
                        "https://leanprover-community.github.io/mathlib4_docs/Mathlib/"
                        "Combinatorics/Derangements/Finite.html; ascFactorial n k = (n + k)!/n! "
                        "(the convention that version's formula needs: its k = 0 term is 1) "
                        "read at https://bookshelf.jrpotter.com/Mathlib/Data/Nat/Factorial/"
                        "Basic.html (2026-12-02). Later mathlib redefined ascFactorial as "
                        "n⋯(n + k − 1); the matching later form of the lemma was not read",
    "injection": "Lean statement of isEmpty_of_card_lt read in stored text at "
                 "https://scilibai.ru/products/mathlib/97477/ (2026-12-02)",
    "card-fiberwise": "Lean statement of card_eq_sum_card_fiberwise read in stored text of "
                      "https://github.com/leanprover-community/mathlib4/blob/"
                      "c15343230a7fcdb447ad306d9ae526b789108124/Mathlib/Algebra/BigOperators/"
                      "Basic.lean (2026-12-02)",
    "sum-comm-dependent": "Lean statement of prod_comm' with @[to_additive] (sum_comm', "
                          "#align finset.sum_comm') read in stored text of "
                          "https://github.com/leanprover-community/mathlib4/blob/"
                          "c15343230a7fcdb447ad306d9ae526b789108124/Mathlib/Algebra/"
                          "BigOperators/Basic.lean (2026-12-02)",
    "sum-congr": "Lean statement of prod_congr with @[to_additive (attr := congr)] "
                 "(#align finset.sum_congr) read in stored text of "
                 "https://github.com/leanprover-community/mathlib4/blob/"
                 "c15343230a7fcdb447ad306d9ae526b789108124/Mathlib/Algebra/BigOperators/"
                 "Basic.lean (2026-12-02)",
    "sum-mul": "Lean statement of Finset.sum_mul read in stored text of "
               "https://github.com/leanprover-community/mathlib4/blob/"
               "b7cec2f755c48690e644ec32cf0c918673bcd7ce/Mathlib/Algebra/BigOperators/Ring.lean "
               "(2026-12-02)",
    "prod-le-prod": "Lean statement of Finset.prod_le_prod (h0 : ∀ i ∈ s, 0 ≤ f i) (h1 : "
                    "∀ i ∈ s, f i ≤ g i) : ∏ i ∈ s, f i ≤ ∏ i ∈ s, g i, read in stored text at "
                    "https://teorth.github.io/pfr/docs/Mathlib/Algebra/Order/BigOperators/"
                    "GroupWithZero/Finset.html (2026-12-02)",
    "sum-le-sum": "Lean statement of prod_le_prod' (h : ∀ i ∈ s, f i ≤ g i) : ∏ i ∈ s, f i ≤ "
                  "∏ i ∈ s, g i with @[to_additive (attr := gcongr) sum_le_sum] and the "
                  "add_decl_doc of sum_le_sum ('In an ordered additive commutative monoid, if "
                  "each summand f i of one finite sum is less than or equal to the "
                  "corresponding summand g i of another finite sum, then ∑ i ∈ s, f i ≤ "
                  "∑ i ∈ s, g i') read in stored text of https://github.com/"
                  "leanprover-community/mathlib4/blob/e93e9c33ef0ce84a92b8fbb70de45d1602c3408f/"
                  "Mathlib/Algebra/Order/BigOperators/Group/Finset.lean (2026-12-03)",
    "bhlm-partition": "§4 'Proof of Theorem 7' (pp. 11–13) read in the JMLR PDF stored at "
                      "https://github.com/JmlrOrg/v20/blob/"
                      "f5aded21897b336dd3cc95b5dcd616ebd76ae257/17-612/17-612.pdf (text "
                      "extracted with pypdf, 2026-12-03); its footnote says this version "
                      "includes all the proofs and the refined upper bound, Theorem 7",
}

UNVERIFIED: dict[str, str] = {}

#: facts not reviewed against stored text (kept so the test sees every fact classified)
NOT_REVIEWED: dict[str, str] = {}

#: cite(...) calls outside FACTS, checked the same way: (source, where) → stored text
VERIFIED_PLACES: dict[tuple[str, str], str] = {
    ("waksman1968", "abstract and Theorem 1"):
        "abstract and Theorem 1 read at https://docplayer.net/amp/21642557-A-permutation-network."
        "html (N a power of two, N log₂ N − N + 1 cells)",
    ("benes1964", "the rearrangeability of the recursive network"):
        "the recursive network and its rearrangeability, attributed to Beneš 1964: "
        "https://homepages.inf.ed.ac.uk/rni/comp-arch/Networks/benes.html (the paper itself "
        "not seen)",
}


#: where a definition of this library's model lives (docs/model.md, generated from SPEC §1)
DEFINITIONS: dict[str, str] = {
    "epsilon-correct": "ε-correctness of a network for an instance (SPEC §1, docs/model.md)",
    "families": "the permutation and pairwise families and their instances (SPEC §1)",
    "verdicts": "the three verdicts: certified on all ≤ k-sparse inputs, certified on the "
                "identifying probes, Monte-Carlo at 95% (SPEC §5)",
    "network-class": "the network classes D1/D2 and the public interface (SPEC §1)",
}


@dataclass(frozen=True, eq=False)
class Citation(Cited):
    """A cited step: a source (:data:`SOURCES` key, ``proof:<name>``, ``steps`` or
    ``definition:<key>``), the place in it, and the exact statement taken from it."""

    kind: ClassVar[str] = "cited"
    source: str = ""
    where: str = ""
    statement: str = ""
    steps: tuple[str, ...] = ()

    def label(self) -> str:
        """Short human label: ``Robbins 1955, eq. (1)``."""
        if self.source.startswith("proof:"):
            return f"this library's proof `{self.source[6:]}`"
        if self.source == "steps":
            return "steps " + ", ".join(f"`{s}`" for s in self.steps) + " of this proof"
        if self.source.startswith("definition:"):
            return f"definition: {DEFINITIONS[self.source[11:]]}"
        src = SOURCES[self.source]
        return f"{src.short}, {self.where}" if self.where else src.short

    def markdown(self) -> str:
        """The label as a Markdown link (proof pages)."""
        if self.source.startswith("proof:"):
            return f"[{self.label()}]({self.source[6:]}.md)"
        if self.source == "steps":
            return self.label()
        if self.source.startswith("definition:"):
            return f"[{self.label()}](../model.md)"
        return f"[{self.label()}]({SOURCES[self.source].link})"

    def run(self, claim: Any) -> Outcome:
        what = f": “{self.statement}”" if self.statement else ""
        return Outcome(CITED, f"cited: {self.markdown()}{what} (not checked here)")

    def describe(self) -> str:
        return f"cited: {self.label()}"


def cite(source: str, where: str, statement: str) -> Citation:
    """Cite ``statement`` from ``SOURCES[source]`` at ``where`` (theorem, equation, section)."""
    if source not in SOURCES:
        raise KeyError(f"unknown source {source!r}; add it to proofs.citations.SOURCES")
    return Citation(reference=SOURCES[source].short + (f", {where}" if where else ""),
                    source=source, where=where, statement=statement)


def cite_fact(key: str) -> Citation:
    """Cite the standard fact ``FACTS[key]`` (its source, place and exact statement)."""
    if key not in FACTS:
        raise KeyError(f"unknown fact {key!r}; known: {sorted(FACTS)}")
    return cite(*FACTS[key])


def cite_proof(name: str, statement: str = "") -> Citation:
    """Cite another proof of this library (rendered as a link to its page)."""
    return Citation(reference=f"this library's proof `{name}`", source=f"proof:{name}",
                    statement=statement)


def cite_steps(*steps: str, statement: str = "") -> Citation:
    """The step only combines the named earlier steps of the same proof."""
    if not steps:
        raise ValueError("cite_steps needs at least one step name")
    return Citation(reference="steps " + ", ".join(steps), source="steps", steps=steps,
                    statement=statement)


def cite_definition(key: str, statement: str = "") -> Citation:
    """A definition of this library's model (docs/model.md)."""
    if key not in DEFINITIONS:
        raise KeyError(f"unknown definition {key!r}; known: {sorted(DEFINITIONS)}")
    return Citation(reference=f"definition: {DEFINITIONS[key]}", source=f"definition:{key}",
                    statement=statement)
