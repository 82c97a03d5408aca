"""Sources of the cited steps: one entry per source, and the ``cite…`` helpers the proofs use.

A cited step is not checked here; it must say exactly what it takes from where. A
:class:`Citation` (a :class:`~proofs.checks.Cited` check) names one of:

* an external source of :data:`SOURCES` (authors, year, title, venue, link) with the place in
  it (theorem, lemma, equation or section) and the exact statement used — :func:`cite`;
* another proof of this library, which shows the statement — :func:`cite_proof`;
* earlier steps of the same proof that the step merely combines — :func:`cite_steps`;
* a definition of this library's model (docs/model.md, SPEC §1) — :func:`cite_definition`.

"Elementary" is not a source. ``tests/test_citations.py`` checks that every cited step of
every proof is a :class:`Citation` naming a known source (and an existing proof, or earlier
steps it uses). On the proof pages a citation is rendered as a Markdown link.

>>> c = cite("robbins1955", "eq. (1)", "n! ≥ √(2πn)(n/e)^n e^{1/(12n+1)}")
>>> c.run("Stirling").detail.startswith("cited: [Robbins 1955, eq. (1)](https://doi.org/")
True
>>> c.describe()
'cited: Robbins 1955, eq. (1)'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from proofs.checks import CITED, Cited, Outcome

__all__ = [
    "SOURCES",
    "Citation",
    "Source",
    "cite",
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
    _s("stanley2012", "R. P. Stanley", 2012, "Enumerative Combinatorics, Volume 1 (2nd ed.)",
       "Cambridge University Press", "https://doi.org/10.1017/CBO9781139058520",
       "Stanley 2012"),
    _s("clrs2009", "T. H. Cormen, C. E. Leiserson, R. L. Rivest, C. Stein", 2009,
       "Introduction to Algorithms (3rd ed.)", "MIT Press",
       "https://mitpress.mit.edu/9780262033848/introduction-to-algorithms/", "CLRS 2009"),
    _s("rudin1976", "W. Rudin", 1976, "Principles of Mathematical Analysis (3rd ed.)",
       "McGraw-Hill", "https://archive.org/details/principlesofmath00rudi", "Rudin 1976"),
    _s("dlmf", "F. W. J. Olver et al. (eds.)", 2010, "NIST Digital Library of Mathematical "
       "Functions", "NIST / Cambridge University Press (online edition)", "https://dlmf.nist.gov/",
       "DLMF"),
    _s("corless1996", "R. M. Corless, G. H. Gonnet, D. E. G. Hare, D. J. Jeffrey, D. E. Knuth",
       1996, "On the Lambert W function", "Advances in Computational Mathematics 5, 329–359",
       "https://doi.org/10.1007/BF02124750", "Corless et al. 1996"),
    _s("feller1968", "W. Feller", 1968, "An Introduction to Probability Theory and Its "
       "Applications, Volume I (3rd ed.)", "Wiley", "https://archive.org/details/"
       "introductiontopr00fell", "Feller 1968"),
))
"""Every external source a proof step may cite, by key."""

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
