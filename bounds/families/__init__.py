"""Problem families (docs/model.md §2): how many instances, how to identify one, error volumes.

One class per family behind one protocol (:class:`ProblemFamily`, in ``base``), one
module each, and a registry (``registry``) that the calculator, the CLI and the proofs
iterate.

============================  ==================================  ==========================
family                        log₂|F|                             V_ε, e = ⌊ε m′⌋
============================  ==================================  ==========================
permutation (m = m′)          log₂ m′!                            m′!/(m′−e)!
pairwise, labelled            log₂ (M)_{m′}                       C(m′, e)·M^e
pairwise, unlabelled          log₂ C(M, m′)                       C(m′, e)·M^e
mixed ops (q ops), labelled   log₂ (M)_{m′} + m′ log₂ q           C(m′, e)·(qM)^e
user-defined                  user's callable                     user's callable (or none)
============================  ==================================  ==========================

M = C(m, 2). Tests confirm every count and volume by enumeration for small sizes.

>>> family("pairwise", 1000).label
'pairwise-AND (labelled, m=1000)'
"""

from bounds.families.base import (
    EXACT_BITS_LIMIT,
    CliOption,
    Explanation,
    ProblemFamily,
    errors_allowed,
)
from bounds.families.mixed import Mixed, mixed
from bounds.families.pairwise import OPS, PairFamily, Pairwise, least_pair_inputs, pairwise
from bounds.families.permutation import Permutation, permutation
from bounds.families.registry import (
    DEFAULT_PROBLEM,
    FAMILIES,
    FamilyEntry,
    cli_options,
    cli_problems,
    explain_problems,
    family,
    family_entry,
    proof_families,
    register_family,
)
from bounds.families.user import UserDefined, user_defined

__all__ = [
    "DEFAULT_PROBLEM",
    "EXACT_BITS_LIMIT",
    "CliOption",
    "Explanation",
    "FAMILIES",
    "FamilyEntry",
    "OPS",
    "Mixed",
    "PairFamily",
    "Pairwise",
    "Permutation",
    "ProblemFamily",
    "UserDefined",
    "cli_options",
    "cli_problems",
    "errors_allowed",
    "explain_problems",
    "family",
    "family_entry",
    "least_pair_inputs",
    "mixed",
    "pairwise",
    "permutation",
    "proof_families",
    "register_family",
    "user_defined",
]
