"""All built-in generated files under ``docs/``: tables, figures and pages."""

from __future__ import annotations

from bounds.reports import clidoc, figures, tables, tutorial

__all__ = ["GENERATORS"]

GENERATORS = [*tables.GENERATORS, *figures.GENERATORS, *clidoc.GENERATORS,
              *tutorial.GENERATORS]
