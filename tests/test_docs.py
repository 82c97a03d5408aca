"""The generated files under docs/ match what the code generates now (drift check)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bounds.cli import build_cli, load_all
from bounds.reports import docsgen, pages
from bounds.reports.docsgen import GENERATED_MARK, check_docs, write_docs

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="session")  # session: under xdist this module's tests may interleave
def generated(proof_results) -> tuple[dict[str, bytes], list[str]]:
    # what render_docs() produces, but with the entry-point generators (the proof pages) run
    # in this process, so they reuse the session's one proof run (conftest.proof_results)
    # instead of checking every proof again in a worker process; also the names of the
    # built-in generators that wrote a binary file (see test_generation_is_deterministic)
    out: dict[str, bytes] = {}
    binary: list[str] = []
    for name, gen in docsgen._builtin(load_all(build_cli())):
        docs = list(gen())
        out.update((doc.path, doc.data) for doc in docs)
        if any(doc.path.endswith(docsgen._BINARY) for doc in docs):
            binary.append(name)
    for _, value in docsgen._plugins():
        for doc in docsgen._render_plugin(value):
            assert doc.path not in out, doc.path
            out[doc.path] = doc.data
    return out, binary


@pytest.fixture(scope="session")
def rendered(generated) -> dict[str, bytes]:
    return generated[0]


def test_the_proof_pages_are_the_only_plugin() -> None:
    # the fixture above stands in for render_docs(); it is only faithful for these plugins
    assert [name for name, _ in docsgen._plugins()] == ["proofs"]


def test_no_drift(rendered: dict[str, bytes]) -> None:
    assert check_docs(DOCS, rendered=rendered) == [], "run `superbounds docs` and commit"


def test_generation_is_deterministic(generated) -> None:
    # The text files are compared byte for byte with the committed ones by test_no_drift, so a
    # nondeterministic text would already fail there; the figures' PNG/SVG bytes are compared
    # only through their .json data (their bytes depend on the matplotlib build), so their
    # determinism is checked here: the generators that wrote them run again in this process.
    rendered, binary = generated
    assert binary, "no generator writes a figure"
    by_name = dict(docsgen._builtin(load_all(build_cli())))
    again = {doc.path: doc.data for name in binary for doc in by_name[name]()}
    assert any(path.endswith(docsgen._BINARY) for path in again)
    for path, data in again.items():
        assert rendered[path] == data, path


def test_markdown_pages_are_marked_and_end_with_limits(rendered: dict[str, bytes]) -> None:
    for rel, data in rendered.items():
        if rel.endswith(".md"):
            text = data.decode()
            assert text.startswith(GENERATED_MARK), rel
            assert "What this does not show" in text, rel


def test_every_figure_has_png_svg_and_data(rendered: dict[str, bytes]) -> None:
    figs = {r.rsplit(".", 1)[0] for r in rendered if r.startswith("figures/")}
    assert figs
    for stem in figs:
        assert rendered[f"{stem}.png"].startswith(b"\x89PNG")
        assert b"<svg" in rendered[f"{stem}.svg"][:2000]
        assert json.loads(rendered[f"{stem}.json"])


def test_check_reports_a_changed_file(tmp_path: Path, rendered: dict[str, bytes]) -> None:
    write_docs(tmp_path, rendered=rendered)
    assert check_docs(tmp_path, rendered=rendered) == []
    victim = tmp_path / "tables" / "bounds.md"
    victim.write_text(victim.read_text().replace("1,067", "1,066"))
    assert check_docs(tmp_path, rendered=rendered) == ["tables/bounds.md (differs)"]
    victim.unlink()
    assert check_docs(tmp_path, rendered=rendered) == ["tables/bounds.md (missing)"]


def test_failed_generation_leaves_old_files(tmp_path: Path, monkeypatch) -> None:
    victim = tmp_path / "tables" / "bounds.md"
    victim.parent.mkdir(parents=True)
    victim.write_text("old")

    def broken():
        yield from ()
        raise RuntimeError("boom")

    monkeypatch.setattr(pages, "GENERATORS", [pages.GENERATORS[0], ("broken", broken)])
    monkeypatch.setattr(docsgen, "_plugins", list)  # no worker process checking every proof
    with pytest.raises(RuntimeError):
        write_docs(tmp_path, cli=build_cli())
    assert victim.read_text() == "old"
