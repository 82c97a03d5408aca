"""Proof companion: every argument as a list of checked steps (SPEC §6)."""
