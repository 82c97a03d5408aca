"""Constructions that run (SPEC §5): networks built, counted and simulated."""
