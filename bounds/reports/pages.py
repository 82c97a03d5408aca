"""All built-in generated files under ``docs/``: tables, figures and pages."""

from __future__ import annotations

from bounds.reports import clidoc, constructions, figures, tables, trained, tutorial

__all__ = ["GENERATORS"]

GENERATORS = [*tables.GENERATORS, *figures.GENERATORS, *constructions.GENERATORS,
              *clidoc.GENERATORS, *tutorial.GENERATORS, *trained.GENERATORS]
