"""Trained networks in the model (issue 11): train, judge, quantize, export, search.

Only the weight layers ``W_ℓ, β_ℓ`` learn; the input code, decoder and thresholds are
the public interface (:mod:`bounds.training.interface`). PyTorch (the optional
``train`` extra) is imported only inside :func:`bounds.training.trainer.train_network`,
so importing this package costs nothing.

Modules: :mod:`~bounds.training.interface` (public ``E``, ``D``, ``θ``),
:mod:`~bounds.training.trainer` (the training loop), :mod:`~bounds.training.quantize`
(b-bit post-training quantization), :mod:`~bounds.training.export` (safetensors),
:mod:`~bounds.training.run` (judge, one CLI row, least-width search),
:mod:`~bounds.training.recipe` (the training recipe and search-grid rules, stated once),
:mod:`~bounds.training.data` (the committed sweep behind docs/tables/trained.md).
"""
