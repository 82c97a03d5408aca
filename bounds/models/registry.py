"""The registry of description models: one line per model.

The CLI's ``--model`` choices, the lower bounds, capacity and the reports iterate
:data:`MODELS`; adding a model is one module plus one line here.
"""

from __future__ import annotations

from typing import Any

from bounds.models.base import DescriptionModel
from bounds.models.dense import Dense
from bounds.models.mask import Mask
from bounds.models.sparse import Sparse

__all__ = ["MODELS", "get_model"]

MODELS: dict[str, DescriptionModel] = {m.key: m for m in (Dense(), Sparse(), Mask())}


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
