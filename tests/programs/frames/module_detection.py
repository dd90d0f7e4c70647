# Factories that name the caller's module through sys._getframe.
import collections
import enum
import typing

Point = collections.namedtuple("Point", "x y")
print(Point.__module__, Point(1, 2))


class Pair(typing.NamedTuple):
    a: int
    b: str = "b"


print(Pair.__module__, Pair(1))
Q = typing.NamedTuple("Q", [("a", int)])
print(Q.__module__)
Color = enum.Enum("Color", "RED GREEN")
print(Color.__module__, list(Color))
Flag = enum.IntFlag("Flag", "A B")
print(Flag.__module__, Flag.A | Flag.B)
TD = typing.TypedDict("TD", {"k": int})
print(TD.__module__)
T = typing.TypeVar("T")
print(T.__module__)
NT = typing.NewType("NT", int)
print(NT.__module__)


def make():
    return collections.namedtuple("Inner", "v")


print(make().__module__)
