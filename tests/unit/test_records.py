"""records.dataclass behaves as the standard library's dataclass for every form the package
uses: the same __init__, repr, equality, hash (or unhashability), frozenness, slots, fields()
and replace(); only the cost of declaring a class differs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from asa_emulator import records


def _shapes(decorate: Callable[..., Any]) -> dict[str, type]:
    """One class of each form the package declares, made with `decorate`."""

    @decorate
    class Plain:
        name: str
        size: int = 0
        tags: list[str] = dataclasses.field(default_factory=list)
        note: str = dataclasses.field(default="", repr=False, compare=False)

    @decorate(frozen=True)
    class Frozen:
        a: str
        b: tuple[int, ...] = ()
        c: int = dataclasses.field(default=0, hash=False)

    @decorate(frozen=True)
    class One:
        only: str

    @decorate(frozen=True)
    class Empty:
        pass

    @decorate(eq=False)
    class Identity:
        x: int = 1

    @decorate(slots=True)
    class Slotted:
        x: int
        y: list[int] = dataclasses.field(default_factory=list)

    @decorate
    class OwnMethods:
        x: int

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return True

        def __hash__(self) -> int:
            return 7

    @decorate(frozen=True)
    class Child(Frozen):
        d: int = 5

    @decorate
    class Post:
        units: list[str]
        seen: dict[str, int] = dataclasses.field(default_factory=dict)

        def __post_init__(self) -> None:
            for name in self.units:
                self.seen.setdefault(name, len(name))

    return {"Plain": Plain, "Frozen": Frozen, "One": One, "Empty": Empty, "Identity": Identity,
            "Slotted": Slotted, "OwnMethods": OwnMethods, "Child": Child, "Post": Post}


ARGS: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {
    "Plain": [(("a",), {}), (("a", 2, ["t"]), {"note": "n"}), (("a", 2, ["t"]), {"note": "other"})],
    "Frozen": [(("a",), {}), (("a", (1, 2), 3), {}), (("a", (1, 2), 4), {})],
    "One": [(("x",), {}), (("y",), {})],
    "Empty": [((), {})],
    "Identity": [((), {}), ((2,), {})],
    "Slotted": [((1,), {}), ((1, [2]), {})],
    "OwnMethods": [((1,), {}), ((2,), {})],
    "Child": [(("a",), {}), (("a", (1,), 0, 6), {})],
    "Post": [((["ab", "c"],), {}), ((["x"],), {"seen": {"x": 0}})],
}
# calls that must fail as the standard __init__ fails (same error, same message)
WRONG: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((), {}), ((1, 2, 3, 4, 5, 6, 7), {}), (("a",), {"zz": 1}), (("a",), {"name": "b"}),
    ((), {"name": "a", "size": 1, "tags": [], "note": "", "zz": 2})]


def _observe(cls: type, make: list[tuple[tuple[Any, ...], dict[str, Any]]]) -> list[Any]:
    """Everything the package can see of a class and its instances."""
    seen: list[Any] = [[(f.name, f.repr, f.compare, f.hash) for f in dataclasses.fields(cls)],
                       cls.__match_args__, cls.__hash__ is None, hasattr(cls, "__slots__")]
    objs = [cls(*a, **k) for a, k in make]
    again = [cls(*a, **k) for a, k in make]
    for x, y in zip(objs, again, strict=True):
        seen.append(repr(x))
        seen.append(x == y)
        seen.append(x.__eq__(object()))
        if cls.__hash__ is not None and "Identity" not in cls.__name__:
            seen.append(hash(x) == hash(y))
            seen.append(hash(x))
        if dataclasses.fields(cls):
            f = dataclasses.fields(cls)[0].name
            seen.append(repr(dataclasses.replace(x, **{f: getattr(x, f)})))
    seen.append([a == b for a in objs for b in objs])
    for a, k in WRONG:
        try:
            cls(*a, **k)
            seen.append("built")
        except TypeError as exc:
            seen.append(str(exc).split(".")[-1])     # the class's qualname differs by decorator
    return seen


@pytest.mark.parametrize("name", sorted(ARGS))
def test_each_form_behaves_as_the_standard_dataclass(name: str) -> None:
    ours = _shapes(records.dataclass)[name]
    theirs = _shapes(dataclasses.dataclass)[name]
    assert _observe(ours, ARGS[name]) == _observe(theirs, ARGS[name])


@pytest.mark.parametrize("name", ["Frozen", "One", "Empty", "Child"])
def test_frozen_refuses_changes(name: str) -> None:
    cls = _shapes(records.dataclass)[name]
    obj = cls(*ARGS[name][0][0], **ARGS[name][0][1])
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.zz = 1
    if dataclasses.fields(cls):
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(obj, dataclasses.fields(cls)[0].name)


def test_mutable_instances_are_unhashable_and_repr_survives_a_cycle() -> None:
    plain = _shapes(records.dataclass)["Plain"]
    obj = plain("a")
    with pytest.raises(TypeError):
        hash(obj)
    obj.tags.append(obj)
    assert repr(obj).endswith("Plain(name='a', size=0, tags=[...])")
