"""A progress hook for long checks, set by the CLI and ignored elsewhere.

Checks call :func:`tracker` around long loops; by default it does nothing. The CLI installs a
factory (a rich progress bar on stderr, only when stderr is a terminal) with
:func:`progress_hook`. Keeping this a context variable means the engine never prints.

>>> with tracker("range check", 3) as advance:
...     for _ in range(3):
...         advance(1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar

__all__ = ["MIN_TOTAL", "ProgressFactory", "progress_hook", "tracker"]

Advance = Callable[[int], None]
ProgressFactory = Callable[[str, int], AbstractContextManager[Advance]]

MIN_TOTAL = 2000
"""Loops shorter than this never show a bar."""

_FACTORY: ContextVar[ProgressFactory | None] = ContextVar("proof_progress", default=None)


def _noop(_: int) -> None:
    return None


@contextmanager
def progress_hook(factory: ProgressFactory | None) -> Iterator[None]:
    """Install ``factory(description, total)`` → context manager yielding ``advance(n)``."""
    token = _FACTORY.set(factory)
    try:
        yield
    finally:
        _FACTORY.reset(token)


def tracker(description: str, total: int) -> AbstractContextManager[Advance]:
    """A context manager yielding ``advance(n)``; a real bar only if a hook is installed."""
    factory = _FACTORY.get()
    if factory is None or total < MIN_TOTAL:
        return nullcontext(_noop)
    return factory(description, total)
