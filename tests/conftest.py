"""Test-suite settings: hypothesis runs derandomized (same examples every run) and
without per-example deadlines (a loaded 2-core CI machine must not turn speed into
failures; speed belongs in benchmarks/).

The proofs are checked once per test run: :func:`proof_results` is the one session-wide
result that the proof tests, the CLI tests and the docs drift check all read (the registry
caches per process, and the docs check renders the proof pages in this process instead of a
second one). The on-disk cache of sympy results points at a fresh directory, so every test run
checks the proofs cold.
"""

from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import settings

settings.register_profile("project", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("project")

os.environ["SUPERBOUNDS_CACHE_DIR"] = tempfile.mkdtemp(prefix="superbounds-test-cache-")


@pytest.fixture(scope="session")
def proof_results():
    """Every registered proof, checked once for the whole session."""
    from proofs import registry

    return registry.check_all()


def _set_nodeid(item: pytest.Item, nodeid: str) -> None:
    try:
        from _pytest.nodeid import NodeId  # pytest >= 9.2 keeps an item's id as a NodeId
    except ImportError:
        item._nodeid = nodeid
    else:
        item._id = NodeId.parse(nodeid)


#: test files that reuse the in-process caches warmed by the docs render of the proofs group
#: (the tutorial page: about 21 s of CPU on the other worker, 3.5 s beside the render) or by
#: the proof run (the mutated proof steps: 24.6 s of CPU cold, 11.7 s after the proof run;
#: the sympy values on disk are keyed by expression, so a mutated claim is never a hit)
_WITH_PROOFS = frozenset({"test_tutorial.py", "test_proofs_mutation.py"})


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (``make test`` runs ``-n 2 --dist loadgroup``) keep every test that
    reads :func:`proof_results` on one worker, so the proofs are still checked once per run.

    The mark is added before xdist's worker hook runs. That hook names the group by appending
    ``@proofs`` to ``item._nodeid``, which pytest 9.2 no longer reads (the id is ``item._id``):
    the group was silently lost and the proofs and the docs render ran on both workers (about
    120 s of CPU twice), so the suffix is set here when xdist did not set it.
    tests/test_proofs.py::test_proof_tests_share_one_worker fails if the grouping is lost."""
    grouped = [item for item in items if "proof_results" in getattr(item, "fixturenames", ())
               or item.path.name in _WITH_PROOFS]
    for item in grouped:
        item.add_marker(pytest.mark.xdist_group("proofs"))
    # the readers of proof_results first (in their order), then the other grouped tests: the
    # first grouped test to run then starts the one cold proof run, which no grouped test
    # has warmed before it (the group runs in this order on one worker)
    ids = {id(item) for item in grouped}
    slots = [i for i, item in enumerate(items) if id(item) in ids]
    reads = [item for item in grouped if "proof_results" in getattr(item, "fixturenames", ())]
    rest = [item for item in grouped if "proof_results" not in getattr(item, "fixturenames", ())]
    for i, item in zip(slots, reads + rest, strict=True):
        items[i] = item
    result = yield
    if getattr(config.option, "loadgroup", False):
        for item in grouped:
            if not item.nodeid.endswith("@proofs"):
                _set_nodeid(item, f"{item.nodeid}@proofs")
    return result
