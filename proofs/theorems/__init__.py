"""The proofs of this library, one module per topic; each registers its proofs on import."""
