# Standard-library modules that sit on ast: inspect, dataclasses.
import inspect


def f(a, b=2, *args, c, d=4, **kw) -> int:
    return a


print(inspect.signature(f))
print(inspect.signature(lambda x, /, y=[1]: 0))
print(list(inspect.signature(f).parameters))

import dataclasses


@dataclasses.dataclass(order=True)
class P:
    x: int
    y: float = 0.5
    tags: list = dataclasses.field(default_factory=list)


print(P(1), P(1) == P(1, 0.5), P(1) < P(2), dataclasses.asdict(P(3, 1.0, ['t'])))
print([f.name for f in dataclasses.fields(P)])


@dataclasses.dataclass(frozen=True)
class Q:
    a: int = 0


try:
    Q().a = 1
except dataclasses.FrozenInstanceError as e:
    print('frozen', e)
print(dataclasses.replace(Q(1), a=5))
