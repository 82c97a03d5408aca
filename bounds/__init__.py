"""superposition-bounds: explicit-constant bounds for computing in superposition.

Numbers behind Adler & Shavit, *On the Complexity of Neural Computation in
Superposition* (arXiv:2409.15318), in a model of this library's own (docs/model.md).
Every result carries its provenance: a paper claim (asymptotic) or a theorem of
this library with its assumptions.
"""

__version__ = "0.1.0"
