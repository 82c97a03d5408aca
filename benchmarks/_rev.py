"""A library module as it was at a git revision, loaded into this process (benchmarks only):
the baseline of a benchmark runs on the very objects the candidate runs on."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any


def load_at(rev: str, path: str, name: str) -> Any:
    """The file ``path`` (relative to the repository root) at ``rev`` as module ``name``."""
    root = Path(__file__).resolve().parents[1]
    src = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=root, check=True,
                         capture_output=True, text=True).stdout
    file = Path(tempfile.mkdtemp()) / f"{name}.py"
    file.write_text(src)
    spec = importlib.util.spec_from_file_location(name, file)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    return mod
