# Iterating a GenericAlias gives one starred alias (PEP 646: `*tuple[int, ...]`),
# which typing's substitution relies on (no endless __getitem__ iteration).
from typing import Generic, Tuple, TypeVar, TypeVarTuple

items = list(tuple[int, ...])
print(len(items), items, items[0].__unpacked__, items[0].__typing_unpacked_tuple_args__)
print(tuple[int, ...].__unpacked__, tuple[int, ...].__typing_unpacked_tuple_args__)
print([*list[int]][0].__typing_unpacked_tuple_args__, [*list[int]][0] == list[int])

T1 = TypeVar("T1")
T2 = TypeVar("T2")
Ts = TypeVarTuple("Ts")


class C(Generic[*Ts]):
    pass


for s in ["C[T1, *tuple[int, ...], T2][str, bool]", "tuple[T1, *tuple[int, ...], T2][str, bool]",
          "Tuple[T1, *tuple[int, ...], T2][str, bool]", "C[T1, *tuple[int, ...], T2][str, bool, float]",
          "C[T1, *tuple[T2, ...]][int, str]", "tuple[*tuple[T1, ...], T2][int, str]"]:
    try:
        print(s, "->", eval(s))
    except TypeError as e:
        print(s, "-> TypeError", e)
