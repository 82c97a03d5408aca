"""``--plot FILE.png`` on bounds, capacity, represent (issue 13 item 5): path checked up
front, a real PNG of the table's numbers, written atomically."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bounds.cli import build_cli

CLI = build_cli()
PNG = b"\x89PNG\r\n\x1a\n"


def run(*args: str):
    return CliRunner().invoke(CLI, list(args))


@pytest.mark.parametrize("args", [("bounds", "1e3..1e6", "-b", "1", "-b", "8"),
                                  ("capacity", "10", "100", "1000"),
                                  ("represent", "1e3", "1e6", "1e9")])
def test_plot_writes_a_png_and_prints_the_table(args, tmp_path):
    out = tmp_path / "fig.png"
    res = run(*args, "--plot", str(out), "--brief")
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    assert data.startswith(PNG) and len(data) > 5000
    assert res.stdout.strip() == run(*args, "--brief").stdout.strip()  # table unchanged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.png"]  # no temp file left


def test_plot_beyond_float_range_is_left_out(tmp_path):
    out = tmp_path / "big.png"
    res = run("bounds", "1e3", "10^400", "--plot", str(out))
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(PNG)


@pytest.mark.parametrize("path, fragment", [
    ("/nonexistent-dir/f.png", "--plot must be a path in an existing folder"),
    ("fig.pdf", "--plot must be a path ending in .png"),
])
@pytest.mark.parametrize("cmd", [("bounds", "1e3"), ("capacity", "100"), ("represent", "1e3")])
def test_bad_plot_path_refused_before_work(cmd, path, fragment):
    res = run(*cmd, "--plot", path)
    assert res.exit_code == 2 and res.stdout == ""
    assert len(res.output.strip().splitlines()) == 1
    assert fragment in res.output


def test_plot_to_a_folder_is_refused(tmp_path):
    res = run("capacity", "100", "--plot", str(tmp_path / "d.png"))
    assert res.exit_code == 0
    (tmp_path / "x.png").mkdir()
    res = run("capacity", "100", "--plot", str(tmp_path / "x.png"))
    assert res.exit_code == 2 and "--plot must be a file path" in res.output
