"""Calibrated mode: smallest sizes certified on the probes for random + adversarial instances."""

from __future__ import annotations

import pytest

from bounds.constructions.calibrate import calibrate
from bounds.constructions.certify import certify
from bounds.constructions.channels import build_pairwise_and
from bounds.constructions.design import build_permutation_design, choose_design


@pytest.mark.parametrize("mp", [100, 300])
def test_design_calibration_is_certified_and_no_larger_than_analysed(mp):
    c = calibrate("permutation-design", mp, seed=1)
    p = choose_design(mp)
    assert c.found and c.max_width <= max(p.d, p.H)
    assert set(c.tested) == {"random", "overlap-attack"}
    net = build_permutation_design(mp, 3, 0.01, 1, **c.sizes)
    assert net.resources().widths == c.widths
    assert certify(net, scope="probes", exhaustive_limit=10**6).certified
    # every size one step smaller (s - 1) that was tried failed on some tested instance
    smaller = [t for t in c.trials if t["sizes"]["L"] == c.sizes["L"]
               and t["sizes"]["s"] < c.sizes["s"]]
    assert smaller and all(any(v != "certified" for v in t["status"].values())
                           for t in smaller)
    assert "tested instances" in c.verdict


def test_c2_calibration_reports_failures_per_instance():
    c = calibrate("pairwise-and", 60, grid=[(4, 6), (12, 30)], seed=0)
    assert len(c.trials) >= 1
    for t in c.trials:
        assert "random" in t["status"]
    if c.found:
        net = build_pairwise_and(60, 3, 0.01, 0, m=61, **c.sizes)
        assert certify(net, scope="probes").certified
    with pytest.raises(ValueError, match="construction must be"):
        calibrate("uand", 60)
