"""`dataclass`, as the standard library's but cheaper to declare.

The standard decorator writes each generated method as source text and compiles it: about 300
compilations for the package's classes, a third of a one-line `run`.  Here the standard
decorator still makes `__init__` (hot: the configuration is made of these objects) and a
frozen class's `__setattr__`, while `__repr__`, `__eq__` and `__hash__` are shared functions
that behave exactly as the generated ones (same fields, same order, same NotImplemented for
another class, same hash).  Everything else is the standard dataclass: `fields()`,
`replace()`, `field(...)`, `__match_args__`.
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")
_standard = dataclasses.dataclass


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values as a tuple (attrgetter gives a bare value for one name)."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names)  # type: ignore[return-value]


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{self.__class__.__qualname__}({inner})"
    return __repr__


def _eq(names: tuple[str, ...]) -> Callable[[Any, object], Any]:
    key = _key(names)

    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented
    return __eq__


def _hash(names: tuple[str, ...]) -> Callable[[Any], int]:
    key = _key(names)

    def __hash__(self: Any) -> int:
        return hash(key(self))
    return __hash__


def _explicit_hash(cls: type) -> bool:
    # as the standard library decides: a class body's __hash__, unless it is the None that
    # Python puts there for a class defining __eq__ alone
    own = cls.__dict__.get("__hash__", dataclasses.MISSING)
    return own is not dataclasses.MISSING and not (own is None and "__eq__" in cls.__dict__)


def _process(cls: type[T], frozen: bool, eq: bool, slots: bool) -> type[T]:
    if not cls.__dict__.get("__doc__"):
        cls.__doc__ = cls.__name__      # the standard decorator would ask inspect for a signature
    explicit_hash = _explicit_hash(cls)
    own = set(cls.__dict__)
    made = _standard(cls, repr=False, eq=False, frozen=frozen, slots=slots)
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    if "__repr__" not in own:
        made.__repr__ = _repr(tuple(f.name for f in fields if f.repr))  # type: ignore[method-assign, assignment]
    if not eq:
        return made
    compared = tuple(f.name for f in fields if f.compare)
    if "__eq__" not in own:
        made.__eq__ = _eq(compared)  # type: ignore[method-assign, assignment]
    if not explicit_hash:
        if frozen:
            hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
            made.__hash__ = _hash(hashed)  # type: ignore[method-assign, assignment]
        else:
            made.__hash__ = None  # type: ignore[assignment]
    return made


@overload
def dataclass(cls: type[T], /) -> type[T]: ...


@overload
def dataclass(*, frozen: bool = False, eq: bool = True,
              slots: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(eq_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def dataclass(cls: type[T] | None = None, /, *, frozen: bool = False, eq: bool = True,
              slots: bool = False) -> type[T] | Callable[[type[T]], type[T]]:
    """@dataclass, @dataclass(frozen=True), @dataclass(eq=False), @dataclass(slots=True)."""
    def wrap(c: type[T]) -> type[T]:
        return _process(c, frozen, eq, slots)
    return wrap if cls is None else wrap(cls)
