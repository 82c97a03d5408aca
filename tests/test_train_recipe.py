"""The training recipe and search-grid rules (bounds.training.recipe) are stated once and
used by `superbounds train`, by the library defaults and by the committed sweep rows.

No test here trains a network except where stated (the CLI is tested with
``run_training`` / ``least_width`` replaced by recorders).
"""

from __future__ import annotations

import math
import re

import pytest
from click.testing import CliRunner

from bounds.cli import build_cli
from bounds.training.data import (
    FAMILIES,
    SWEEP_M_PRIMES,
    check_rows,
    follows_rules,
    load_sweep,
    replay_search,
    sweep_command,
)
from bounds.training.recipe import RECIPES, recipe, search_grid


def test_recipe_numbers() -> None:
    for family in FAMILIES:
        got = [(recipe(family, m).steps, recipe(family, m).pos_weight) for m in SWEEP_M_PRIMES]
        assert got == [(600, 5.0), (600, 5.0), (1000, 5.0), (2000, 5.0), (4000, 5.0)]
        assert recipe(family, 301).steps == 602 and recipe(family, 2).steps == 600
        cfg = recipe(family, 500)
        assert (cfg.batch, cfg.lr, cfg.margin) == (256, 0.01, 0.25)
    with pytest.raises(ValueError, match="family"):
        recipe("xor", 100)


def test_search_grid_rule() -> None:
    assert [search_grid(m) for m in SWEEP_M_PRIMES] == [
        (4, 220), (8, 304), (32, 480), (64, 640), (64, 960)]
    for m in (2, 3, 59, 60, 61, 119, 120, 999, 1000, 10**6):
        res, start = search_grid(m)
        expect = min(64, max(4, 2 ** math.floor(math.log2(max(m / 15, 1)))))
        assert res == expect and start == (math.floor(22 * math.sqrt(m)) // res) * res


class _Called(Exception):
    pass


def _capture(monkeypatch: pytest.MonkeyPatch, name: str) -> dict:
    import bounds.training.run as run

    seen: dict = {}

    def fake(*args: object, **kwargs: object) -> None:
        seen.update(kwargs, args=args)
        raise _Called

    monkeypatch.setattr(run, name, fake)
    return seen


@pytest.mark.parametrize("family", FAMILIES)
def test_cli_defaults_are_the_recipe_and_flags_override(
        monkeypatch: pytest.MonkeyPatch, family: str) -> None:
    pytest.importorskip("torch")
    cli, runner = build_cli(), CliRunner()
    seen = _capture(monkeypatch, "run_training")
    res = runner.invoke(cli, ["train", family, "--m-prime", "2000", "--neurons", "8"])
    assert isinstance(res.exception, _Called), res.output
    assert seen["config"] == recipe(family, 2000)
    res = runner.invoke(cli, ["train", family, "--m-prime", "2000", "--neurons", "8",
                              "--steps", "7", "--pos-weight", "2"])
    assert isinstance(res.exception, _Called), res.output
    assert (seen["config"].steps, seen["config"].pos_weight) == (7, 2.0)
    seen = _capture(monkeypatch, "least_width")
    res = runner.invoke(cli, ["train", family, "--m-prime", "1000", "--search"])
    assert isinstance(res.exception, _Called), res.output
    assert seen["config"] == recipe(family, 1000)
    assert (seen["resolution"], seen["start"], seen["train_seeds"]) == (None, None, (0, 1))


def test_library_defaults_are_the_recipe(monkeypatch: pytest.MonkeyPatch) -> None:
    """least_width with no config, grid or start uses the rules (the search itself is
    replaced by a recorder: nothing trains)."""
    import bounds.training.run as run

    seen: dict = {}

    def fake(pred: object, lo: int, *, limit: int, start: int, progress: object) -> int:
        seen.update(limit=limit, start=start)
        raise ValueError("stop")

    monkeypatch.setattr(run, "least_true", fake)
    s = run.least_width("pairwise-and", 1000, 3, 1, 0.01)
    assert (s.config, s.resolution, s.start) == (recipe("pairwise-and", 1000), 64, 640)
    assert seen == {"limit": 4032 // 64 + (4032 % 64 > 0), "start": 10}


def test_help_states_the_rules() -> None:
    res = CliRunner().invoke(build_cli(), ["train", "--help"])
    text = re.sub(r"\s+", " ", res.output)
    for r in RECIPES.values():
        assert f"steps = max({r.base_steps}, ceil({r.steps_per_output:g} m'))" in text
        assert f"weighted {r.pos_weight:g}" in text
    assert "min(64, max(4, 2^floor(log2(m'/15))))" in text and "floor(22 sqrt(m'))" in text


def _row(start: int) -> dict:
    trials = [(96, 0, True), (48, 0, False), (48, 1, False), (72, 0, True), (60, 0, False),
              (60, 1, False), (64, 0, False), (64, 1, True)]
    return {"family": "permutation", "m_prime": 100, "resolution": 4, "start": start,
            "train_seeds": [0, 1], "least_width": 64, "least_bits": None,
            "trials": [{"neurons": n, "train_seed": s, "meets_delta": ok}
                       for n, s, ok in trials]}


def test_replay_is_the_search_and_check_rows_uses_it() -> None:
    row = _row(96)
    asked, found, finished = replay_search(row)
    assert finished and found == 64
    assert asked == [(t["neurons"], t["train_seed"]) for t in row["trials"]]
    check_rows("permutation", [row])
    # the same trials from the failing half-way start are the same search (48 fails,
    # doubling reaches 96): the replay says so
    assert replay_search(_row(48))[1:] == (64, True)
    with pytest.raises(ValueError, match="not the search"):
        check_rows("permutation", [_row(48)])  # ... but not in the recorded order
    for start in (100, 60):  # another first width asks for unrecorded trials
        assert replay_search(_row(start))[2] is False
        with pytest.raises(ValueError, match="not the search"):
            check_rows("permutation", [_row(start)])
    swapped = _row(96)
    swapped["trials"][1], swapped["trials"][2] = swapped["trials"][2], swapped["trials"][1]
    with pytest.raises(ValueError, match="not the search"):
        check_rows("permutation", [swapped])
    cut = {**_row(96), "complete": False, "least_width": 72}
    cut["trials"] = cut["trials"][:4]
    check_rows("permutation", [cut])  # a prefix of the search
    cut["trials"] = cut["trials"][:1] + cut["trials"][2:]
    with pytest.raises(ValueError, match="not the search"):
        check_rows("permutation", [cut])


# rows still from the earlier permutation recipe (600 steps, w+ 1): the page lists them
# as not made by the rules; each is remade by `sweep_command(family, m)` when it finishes
OLD_RECIPE: set[tuple[str, int]] = set()


def test_committed_rows_are_what_the_one_command_runs() -> None:
    """Every committed row: the recipe's budget and weights, the grid rule's grid and first
    width, the replayed search, and the per-size command of the one sweep command --
    except the rows of OLD_RECIPE, which must be exactly those the page labels."""
    from bounds.reports.trained import _commands

    data = load_sweep()
    other = _commands(data)[2]
    assert [o.split(":")[0] for o in other] == [
        f"permutation m'={m}" for f, m in sorted(OLD_RECIPE)]
    for family, m in OLD_RECIPE:
        (r,) = [r for r in data[family]["rows"] if r["m_prime"] == m]
        assert (r["steps"], r.get("pos_weight", 1.0)) == (600, 1.0)
        assert not follows_rules(family, r)
    data = {f: {**p, "rows": [r for r in p["rows"] if (f, r["m_prime"]) not in OLD_RECIPE]}
            for f, p in data.items()}
    assert set(data) == set(FAMILIES)
    for family, payload in data.items():
        assert payload["command"] == sweep_command()
        rows = {r["m_prime"]: r for r in payload["rows"]}
        assert sorted(rows) == [m for m in SWEEP_M_PRIMES if (family, m) not in OLD_RECIPE]
        for m, r in rows.items():
            cfg = recipe(family, m)
            assert (r["steps"], r.get("pos_weight"), r["batch"], r["lr"], r["margin"]) == (
                cfg.steps, cfg.pos_weight, cfg.batch, cfg.lr, cfg.margin), (family, m)
            assert (r["resolution"], r["start"]) == search_grid(m), (family, m)
            assert r["train_seeds"] == [0, 1] and r.get("complete", True)
            assert r["command"] == sweep_command(family, m)
            assert follows_rules(family, r)
            assert replay_search(r)[1:] == (r["least_width"], True)
