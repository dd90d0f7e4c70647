# enum: Enum, IntEnum, Flag, IntFlag, auto, unique, members and lookups.
import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
print(Color.RED, repr(Color.GREEN), Color(3), Color["RED"], Color.RED.name, Color.RED.value)
print(list(Color), len(Color), Color.RED in Color, Color.RED is Color(1), isinstance(Color.RED, Color))
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE + 1, Num.TWO == 2, sorted([Num.TWO, Num.ONE]), int(Num.TWO), f"{Num.ONE}")
class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = Perm.R | Perm.W
print(rw, Perm.R in rw, Perm.X in rw, list(Perm), bool(Perm(0)), Perm.R.value, Perm.X.value)
class Bits(IntFlag):
    A = 1
    B = 2
print(Bits.A | Bits.B, (Bits.A | 4), int(Bits.B), Bits(3))
class Auto(Enum):
    X = auto()
    Y = auto()
print(Auto.X.value, Auto.Y.value, Auto.__members__.keys())
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def density_ish(self):
        return self.mass / self.radius
print(Planet.EARTH.mass, round(Planet.EARTH.density_ish), Planet.EARTH.value)
class Shape(str, Enum):
    SQUARE = "sq"
print(Shape.SQUARE == "sq", Shape("sq"), Shape.SQUARE.upper())
print(hash(Color.RED) == hash(Color.RED), {Color.RED: 1}[Color.RED], Color.__name__, type(Color).__name__)
