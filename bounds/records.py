"""Result records: frozen dataclasses that turn into JSON-ready dicts one way.

Every result of the calculator (lower bounds, capacity, representation, …) is a frozen
dataclass that mixes in :class:`Record`. ``as_dict`` lists the keys of the CLI's JSON
contract first (``json_first``), then every other field in declaration order; tuples
become lists, nested records become dicts.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

__all__ = ["Record"]


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.as_dict()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


class Record:
    """Mixin for frozen result dataclasses: :meth:`as_dict` in the contract's key order.

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class R(Record):
    ...     b: int
    ...     a: tuple[int, ...]
    ...     json_first = ("a",)
    >>> R(1, (2, 3)).as_dict()
    {'a': [2, 3], 'b': 1}
    """

    #: keys of the JSON contract, listed first and in this order
    json_first: ClassVar[tuple[str, ...]] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready dict (keys of the CLI contract first)."""
        names = [f.name for f in dataclasses.fields(self)]  # type: ignore[arg-type]
        order = list(self.json_first) + [n for n in names if n not in self.json_first]
        return {n: _plain(getattr(self, n)) for n in order}
