"""The generated files under docs/ match what the code generates now (drift check)."""

from __future__ import annotations

from pathlib import Path

from bounds.reports.docsgen import GENERATED_MARK, check_docs, render_docs, write_docs

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_no_drift() -> None:
    assert check_docs(DOCS) == [], "run `superbounds docs` and commit the result"


def test_generation_is_deterministic() -> None:
    assert render_docs() == render_docs()


def test_markdown_pages_are_marked_generated() -> None:
    for rel, data in render_docs().items():
        if rel.endswith(".md"):
            assert data.decode().startswith(GENERATED_MARK), rel


def test_check_reports_a_changed_file(tmp_path: Path) -> None:
    write_docs(tmp_path)
    assert check_docs(tmp_path) == []
    victim = tmp_path / "tables" / "bounds.md"
    victim.write_text(victim.read_text().replace("1,067", "1,066"))
    assert check_docs(tmp_path) == ["tables/bounds.md (differs)"]
    victim.unlink()
    assert check_docs(tmp_path) == ["tables/bounds.md (missing)"]


def test_failed_generation_leaves_old_files(tmp_path: Path, monkeypatch) -> None:
    write_docs(tmp_path)
    before = (tmp_path / "tables" / "bounds.md").read_bytes()

    def broken():
        yield from ()
        raise RuntimeError("boom")

    import bounds.reports.pages as pages

    monkeypatch.setattr(pages, "GENERATORS", [*pages.GENERATORS, ("broken", broken)])
    try:
        write_docs(tmp_path)
    except RuntimeError:
        pass
    assert (tmp_path / "tables" / "bounds.md").read_bytes() == before
