"""Content-addressed on-disk cache of the expensive sympy computations behind proof steps.

What is cached: the *value* of a ``sympy.limit`` (the judgement against the expected value is
made afresh every run) and the evidence strings of :func:`proofs.symbolic.prove_identity` /
:func:`~proofs.symbolic.prove_relation` when sympy settled the question. Undecided or failed
computations are never cached, so a failure always gets the full effort again.

Key. ``sha256(kind, sympy version, code version, srepr of the inputs)``; the code version
hashes this module, :mod:`proofs.symbolic` and :mod:`proofs.notation` (which produce the cached
strings), and ``srepr`` spells out every symbol with its assumptions (``Symbol('x',
positive=True)``), so two expressions share an entry only if sympy would treat them
identically. An entry is a JSON file storing the kind, the sympy and code versions, the full
``srepr`` of the inputs and the result; it is used only when all four equal the current ones (a
hash collision, a truncated or hand-edited file, or an upgrade is a miss, never a wrong
answer). Writes go to a temporary file moved into place (``os.replace``).

Whole proof results. :func:`cached_proof` stores a checked proof (every step's status,
detail and evidence) under a key that hashes the *source tree* — every file of the ``bounds``
and ``proofs`` packages — with the versions of Python, sympy, mpmath, numpy, scipy, networkx,
python-flint and z3. A proof's result is a deterministic function of exactly those (every
random choice has an explicit seed), so with nothing changed a warm ``superbounds prove``
reads 28 small files instead of re-running the range checks of the library's numeric code;
any edit anywhere in either package, or an upgrade, makes every entry a miss. Failed proofs
are never stored.

Where. ``$SUPERBOUNDS_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/superposition-bounds/sympy``,
else ``~/.cache/superposition-bounds/sympy``. ``superbounds prove --no-cache`` (or
:func:`disabled`) neither reads nor writes it.

>>> import sympy as sp, tempfile
>>> x = sp.Symbol("x", positive=True)
>>> with using(tempfile.mkdtemp()):
...     first = cached_limit(sp.log(x) / x, x, sp.oo)
...     again = cached_limit(sp.log(x) / x, x, sp.oo)   # read from disk
>>> first, again, stats()["hits"] >= 1
(0, 0, True)
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sympy as sp

__all__ = [
    "ENV_VAR",
    "cache_dir",
    "cached",
    "cached_limit",
    "cached_proof",
    "tree_version",
    "disabled",
    "enabled",
    "stats",
    "using",
]

ENV_VAR = "SUPERBOUNDS_CACHE_DIR"
_STATE: dict[str, Any] = {"enabled": True, "dir": None}
_STATS = {"hits": 0, "misses": 0, "writes": 0}


def cache_dir() -> Path:
    """The cache directory now in force (not created until something is written)."""
    if _STATE["dir"] is not None:
        return Path(_STATE["dir"])
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "superposition-bounds" / "sympy"


def enabled() -> bool:
    """Whether the cache is read and written."""
    return bool(_STATE["enabled"])


@contextmanager
def disabled() -> Iterator[None]:
    """Neither read nor write the cache inside the block (``prove --no-cache``)."""
    old = _STATE["enabled"]
    _STATE["enabled"] = False
    try:
        yield
    finally:
        _STATE["enabled"] = old


@contextmanager
def using(directory: str | os.PathLike[str]) -> Iterator[None]:
    """Use ``directory`` as the cache inside the block (tests, benchmarks)."""
    old = _STATE["dir"], _STATE["enabled"]
    _STATE["dir"], _STATE["enabled"] = os.fspath(directory), True
    try:
        yield
    finally:
        _STATE["dir"], _STATE["enabled"] = old


def stats() -> dict[str, int]:
    """Hits, misses and writes in this process so far."""
    return dict(_STATS)


def _code_version() -> str:
    """Hash of the modules that produce cached results (their evidence strings included)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("cache.py", "symbolic.py", "notation.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


_CODE = _code_version()


def _key(kind: str, spelled: str) -> str:
    text = f"{kind}\n{sp.__version__}\n{_CODE}\n{spelled}"
    return hashlib.sha256(text.encode()).hexdigest()


def _read(path: Path, kind: str, spelled: str) -> str | None:
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(entry, dict) or entry.get("kind") != kind
            or entry.get("sympy") != sp.__version__ or entry.get("code") != _CODE
            or entry.get("input") != spelled
            or not isinstance(entry.get("result"), str)):
        return None
    return entry["result"]


def _write(path: Path, kind: str, spelled: str, result: str) -> None:
    entry = {"kind": kind, "sympy": sp.__version__, "code": _CODE, "input": spelled,
             "result": result}
    from bounds.files import atomic_write

    try:
        atomic_write(path, json.dumps(entry), make_parents=True)
    except OSError:
        return  # an unwritable cache only costs time
    _STATS["writes"] += 1


def cached(kind: str, inputs: tuple[Any, ...], compute: Callable[[], str | None]) -> str | None:
    """``compute()`` (a string, or ``None`` when undecided), cached under ``(kind, inputs)``.

    Only strings are stored; ``None`` is recomputed every time.
    """
    if not enabled():
        return compute()
    spelled = sp.srepr(tuple(sp.sympify(i) if not isinstance(i, str) else i for i in inputs))
    path = cache_dir() / kind / f"{_key(kind, spelled)}.json"
    hit = _read(path, kind, spelled)
    if hit is not None:
        _STATS["hits"] += 1
        return hit
    _STATS["misses"] += 1
    result = compute()
    if result is not None:
        _write(path, kind, spelled, result)
    return result


def cached_limit(expr: Any, var: sp.Symbol, point: Any) -> sp.Basic:
    """``sympy.limit(expr, var, point)``, cached by value (stored as ``srepr``).

    An unevaluated limit, ``nan`` or an exception in sympy is not cached (the exception is
    raised again).
    """
    def compute() -> str | None:
        value = sp.limit(expr, var, point)
        if value.has(sp.Limit) or value is sp.nan:
            raise _Unsettled(value)
        return sp.srepr(value)

    try:
        spelled = cached("limit", (expr, var, point), compute)
    except _Unsettled as exc:
        return exc.value
    return _parse(spelled)


class _Unsettled(Exception):
    def __init__(self, value: sp.Basic) -> None:
        super().__init__("unsettled limit")
        self.value = value


def _parse(spelled: str | None) -> sp.Basic:
    """Rebuild a sympy object from its ``srepr`` (only sympy names are in scope)."""
    if spelled is None:  # pragma: no cover - compute() never returns None
        raise ValueError("no limit value")
    namespace: dict[str, Any] = {"__builtins__": {}}
    namespace.update({k: v for k, v in vars(sp).items() if not k.startswith("_")})
    value = eval(spelled, namespace)  # noqa: S307 - sympy names only, no builtins
    if sp.srepr(value) != spelled:
        raise ValueError("cached limit value does not round-trip")
    return value


_TREE: dict[str, str] = {}
_VERSIONED = ("sympy", "mpmath", "numpy", "scipy", "networkx", "python-flint", "z3-solver")


def tree_version() -> str:
    """Hash of every file of the ``bounds`` and ``proofs`` packages and the versions they run on.

    Computed once per process (the source does not change under a running process).
    """
    if "v" not in _TREE:
        import sys
        from importlib import metadata

        import bounds

        digest = hashlib.sha256(sys.version.encode())
        for dist in _VERSIONED:
            try:
                digest.update(f"{dist}={metadata.version(dist)}".encode())
            except metadata.PackageNotFoundError:
                digest.update(f"{dist}=absent".encode())
        for pkg in (Path(bounds.__file__).resolve().parent, Path(__file__).resolve().parent):
            for path in sorted(pkg.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    digest.update(str(path.relative_to(pkg.parent)).encode())
                    digest.update(path.read_bytes())
        _TREE["v"] = digest.hexdigest()[:24]
    return _TREE["v"]


def cached_proof(name: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` (a :class:`~proofs.engine.ProofResult`), cached under the source tree.

    A failed proof is not stored (a failure always gets the full effort again).
    """
    from proofs.engine import ProofResult

    if not enabled():
        return compute()
    spelled = f"{name}@{tree_version()}"
    path = cache_dir() / "proof" / f"{_key('proof', spelled)}.json"
    hit = _read(path, "proof", spelled)
    if hit is not None:
        try:
            result = ProofResult.from_dict(json.loads(hit))
        except (ValueError, KeyError, TypeError):
            result = None
        if result is not None and result.name == name:
            _STATS["hits"] += 1
            return result
    _STATS["misses"] += 1
    result = compute()
    if result.status != "failed":
        _write(path, "proof", spelled, json.dumps(result.as_dict(), ensure_ascii=False))
    return result
