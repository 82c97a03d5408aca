"""Test-suite settings: hypothesis runs derandomized (same examples every run) and
without per-example deadlines (a loaded 2-core CI machine must not turn speed into
failures; speed belongs in benchmarks/)."""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("project", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("project")
