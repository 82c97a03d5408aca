"""What the two calibrators (calibrate_sep.py for C1s, calibrate_seppair.py for C2s) record
about the networks built at a kept size: one place for the row's resource fields."""

from __future__ import annotations

from typing import Any


def resources_summary(ins: list[dict[str, Any]]) -> dict[str, Any]:
    """The row's resources from its built instances: widths and neurons of the first (they
    are fixed for the family), ``P_nz`` and ``b`` the largest over the instances.

    >>> resources_summary([{"name": "a", "widths": [4, 4], "max_width": 4,
    ...     "total_neurons": 4, "params_nonzero": 9, "params_dense": 20, "bits_per_param": 3},
    ...     {"name": "b", "widths": [4, 4], "max_width": 4, "total_neurons": 4,
    ...      "params_nonzero": 11, "params_dense": 20, "bits_per_param": 2}])["params_nonzero"]
    11
    """
    return {"instances": ins, "instances_tried": [i["name"] for i in ins],
            "widths": ins[0]["widths"], "max_width": ins[0]["max_width"],
            "total_neurons": ins[0]["total_neurons"],
            "params_nonzero": max(i["params_nonzero"] for i in ins),
            "params_dense": ins[0]["params_dense"],
            "bits_per_param": max(i["bits_per_param"] for i in ins)}
