"""The registry of description models: one line per model.

The CLI's ``--model`` choices, the lower bounds, capacity, provenance and the reports
iterate :data:`MODELS`; adding a model is one module plus one :func:`register_model`
line here (docs/extending.md).
"""

from __future__ import annotations

from typing import Any

from bounds.models.base import DescriptionModel
from bounds.models.dense import Dense
from bounds.models.mask import Mask
from bounds.models.sparse import Sparse
from bounds.provenance import THEOREMS, register_theorem

__all__ = ["DEFAULT_MODEL", "MODELS", "get_model", "register_model"]

MODELS: dict[str, DescriptionModel] = {}

#: the model the command line and the reports use when none is named
DEFAULT_MODEL = "dense"


def register_model(model: DescriptionModel) -> DescriptionModel:
    """Add ``model`` (an instance) to :data:`MODELS` under its key: the one line a new model
    needs. Its theorem is stated in :mod:`bounds.provenance` (from ``model.statement`` when
    that is given), so every bound under the model prints its provenance.

    >>> register_model(Dense())
    Traceback (most recent call last):
    ...
    ValueError: model 'dense' is registered twice
    """
    if not isinstance(model, DescriptionModel) or not model.key:
        raise ValueError(f"model must be a DescriptionModel instance with a key (got {model!r})")
    if model.key in MODELS:
        raise ValueError(f"model {model.key!r} is registered twice")
    if model.statement:
        register_theorem(model.theorem, model.statement, model.claims)
    elif model.theorem not in THEOREMS:
        raise ValueError(f"model {model.key!r}: theorem {model.theorem!r} is not stated in "
                         "bounds.provenance; give the model a statement")
    MODELS[model.key] = model
    return model


register_model(Dense())
register_model(Sparse())
register_model(Mask())


def get_model(model: Any) -> DescriptionModel:
    """The model object for a key (or the object itself).

    >>> get_model("sparse").label
    'D2 sparse'
    """
    if isinstance(model, DescriptionModel):
        return model
    if not isinstance(model, str) or model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)} (got {model!r})")
    return MODELS[model]
