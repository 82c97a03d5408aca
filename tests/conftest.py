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


def pytest_collection_modifyitems(config, items) -> None:
    """Under pytest-xdist (``make test`` runs ``-n 2 --dist loadgroup``) keep every test that
    reads :func:`proof_results` on one worker, so the proofs are still checked once per run."""
    for item in items:
        if "proof_results" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("proofs"))
