"""The generated files under docs/ match what the code generates now (drift check)."""

from __future__ import annotations

import json
import re
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


# --- every construction row carries its verdict kind (issue 9 "Done when") -------------------
#: a header naming a construction: "construction", "theorem constr. (...)", "C1/C2 width", …
#: (not "C0 width": C0, one neuron per output, is exact for every instance by definition)
_CONSTRUCTION_HEADER = re.compile(r"construction|constr\.|\bC[1-9]", re.I)


def _tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """(header cells, data rows) of every Markdown table in ``text``."""
    lines, out, i = text.splitlines(), [], 0

    def cells(line: str) -> list[str]:
        return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]

    while i < len(lines) - 1:
        if lines[i].startswith("|") and re.fullmatch(r"\|[-:| ]+\|", lines[i + 1].strip()):
            head, rows, i = cells(lines[i]), [], i + 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(cells(lines[i]))
                i += 1
            out.append((head, rows))
        else:
            i += 1
    return out


def construction_rows_without_kind(text: str) -> tuple[int, list[str]]:
    """(number of construction rows, the problems): every table with a column naming a
    construction needs a column "verdict kind" whose every cell is a kind of
    :data:`bounds.reports.frontier.NOTIONS`; a "theorem constr." cell is "same" or names
    its kind too."""
    from bounds.reports.frontier import NOTIONS

    count, bad = 0, []
    for head, rows in _tables(text):
        named = [j for j, h in enumerate(head) if _CONSTRUCTION_HEADER.search(h)]
        if not named:
            continue
        if "verdict kind" not in head:
            bad.append(f"table {head} has no 'verdict kind' column")
            continue
        kcol = head.index("verdict kind")
        for row in rows:
            count += 1
            if row[kcol] not in NOTIONS:
                bad.append(f"row {row[:3]}: verdict kind {row[kcol]!r}")
            for j in named:
                if head[j].startswith("theorem constr.") and row[j] != "same" and not (
                        set(row[j].split()) & set(NOTIONS)):
                    bad.append(f"row {row[:3]}: {head[j]} {row[j]!r} names no kind")
    return count, bad


def test_the_kind_check_can_fail() -> None:
    ok = ("| construction | verdict kind | width |\n|---:|---:|---:|\n"
          "| C1d | theorem-probes | 5 |\n")
    assert construction_rows_without_kind(ok) == (1, [])
    no_col = "| construction | m' | C1/C2 width |\n|---:|---:|---:|\n| C1 | 10 | 5 |\n"
    assert construction_rows_without_kind(no_col)[1]
    bad_kind = ok.replace("theorem-probes", "Monte-Carlo 95%")
    assert construction_rows_without_kind(bad_kind)[1]
    th = ("| construction | verdict kind | theorem constr. (kind, width) |\n|---|---|---|\n"
          "| C1s | calibrated-probes | C1d 286 (8.7) |\n")
    assert construction_rows_without_kind(th)[1]
    assert construction_rows_without_kind(th.replace("C1d 286", "C1d theorem-probes 286")) \
        == (1, [])


def test_every_construction_row_carries_its_verdict_kind(rendered: dict[str, bytes]) -> None:
    counts, problems = {}, []
    for rel, data in sorted(rendered.items()):
        if rel.endswith(".md"):
            n, bad = construction_rows_without_kind(data.decode())
            counts[rel] = n
            problems += [f"{rel}: {b}" for b in bad]
    assert problems == []
    # the parser finds the construction tables it is meant to check
    for rel in ("tables/frontier.md", "tables/constructions.md", "tables/trained.md"):
        assert counts[rel] > 0, rel
