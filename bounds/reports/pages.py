"""All built-in generated files under ``docs/``: tables, figures and pages.

:data:`GENERATORS` take no argument; :data:`CLI_GENERATORS` take the ``superbounds``
command group (its help text and example outputs), which ``superbounds docs`` passes in,
so that the reports never import the command line above them.
"""

from __future__ import annotations

from bounds.reports import apidoc, clidoc, constructions, figures, tables, trained, tutorial
from bounds.reports.frontier import GENERATORS as FRONTIER_GENERATORS

__all__ = ["CLI_GENERATORS", "GENERATORS"]

GENERATORS = [*tables.GENERATORS, *figures.GENERATORS, *constructions.GENERATORS,
              *tutorial.GENERATORS, *apidoc.GENERATORS, *trained.GENERATORS,
              *FRONTIER_GENERATORS]
CLI_GENERATORS = [*clidoc.CLI_GENERATORS, *tutorial.CLI_GENERATORS]
