"""`dataclass`, as the standard library's but cheaper to declare.

The standard decorator writes each generated method as source text and compiles it when the
class is declared: about 300 compilations for the package's classes, a third of a one-line
`run`.  Here the standard decorator only collects the fields (`fields()`, `replace()`,
`field(...)` and `__match_args__` are the standard ones), and:
- `__init__` is compiled the first time the class is instantiated (it stays the fastest way
  to build the objects a configuration is made of; half the classes are never built in a
  given run), from the same source the standard decorator would write;
- `__repr__`, `__eq__`, `__hash__` and a frozen class's `__setattr__`/`__delattr__` are shared
  functions that behave exactly as the generated ones (same fields, same order, same
  NotImplemented for another class, same hash, same FrozenInstanceError).
tests/unit/test_records.py compares every form the package uses with the standard decorator.
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


def _frozen_guards(cls: type, names: frozenset[str]) -> tuple[Callable[..., None], Callable[..., None]]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]
    return __setattr__, __delattr__


_FACTORY = object()     # stands for "no argument given" where a field has a default_factory


def _init_source(fields: tuple[dataclasses.Field[Any], ...], frozen: bool,
                 post_init: bool) -> tuple[str, dict[str, Any]]:
    """`__init__` as the standard decorator writes it, and the names its code refers to."""
    names: dict[str, Any] = {"_setattr": object.__setattr__, "_FACTORY": _FACTORY}
    params, body = ["self"], []
    for f in fields:
        if f.default is not dataclasses.MISSING:
            names[f"_dflt_{f.name}"] = f.default
            params.append(f"{f.name}=_dflt_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            names[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
        else:
            params.append(f.name)
        value = (f"_factory_{f.name}() if {f.name} is _FACTORY else {f.name}"
                 if f.default_factory is not dataclasses.MISSING else f.name)
        body.append(f"    _setattr(self, {f.name!r}, {value})" if frozen else f"    self.{f.name} = {value}")
    if post_init:
        body.append("    self.__post_init__()")
    return f"def __init__({', '.join(params)}):\n" + "\n".join(body or ["    pass"]) + "\n", names


def _lazy_init(cls: type, frozen: bool) -> Callable[..., None]:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        source, names = _init_source(dataclasses.fields(cls), frozen, hasattr(cls, "__post_init__"))
        exec(source, names)      # noqa: S102 - our own source, as the standard decorator does
        real = names["__init__"]
        real.__qualname__ = f"{cls.__qualname__}.__init__"
        cls.__init__ = real  # type: ignore[misc]
        real(self, *args, **kwargs)
    return __init__


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
    made = _standard(cls, init=False, repr=False, eq=False, slots=slots)
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    if not all(f.init for f in fields):
        raise TypeError(f"{cls.__name__}: field(init=False) is not supported here")
    if "__init__" not in own:
        made.__init__ = _lazy_init(made, frozen)  # type: ignore[method-assign]
    if frozen:
        made.__setattr__, made.__delattr__ = _frozen_guards(made, frozenset(f.name for f in fields))  # type: ignore[method-assign, assignment]
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
