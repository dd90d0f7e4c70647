# Literal, capture, wildcard, value, group, or and as patterns; guards.

class Color:
    RED = 1
    GREEN = 2
    BLUE = "blue"


def describe(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case 2j:
            return "imaginary"
        case -3 + 4j:
            return "complex"
        case "hello" | "hi":
            return "greeting"
        case b"bytes":
            return "bytes literal"
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case Color.BLUE:
            return "the blue constant"
        case (Color.RED | Color.GREEN) as c:
            return f"color {c}"
        case str() as s if len(s) > 5:
            return f"long string {s!r}"
        case other:
            return f"other {other!r}"


for v in [0, 1, 2, 3, -1, 1.5, 2j, -3 + 4j, "hello", "hi", b"bytes", None, True,
          False, "blue", 7, "abcdefgh", "abc", 0.0, 1.0, [], (), {}, 3.0]:
    print(repr(v), "->", describe(v))

# True/False/None match by identity: 1 is not True, 0.0 is not False.
for v in [1, 1.0, 0, True, False]:
    match v:
        case True:
            print(repr(v), "is True")
        case False:
            print(repr(v), "is False")
        case _:
            print(repr(v), "is neither")

# The wildcard never binds; a capture does.
match 42:
    case _:
        print("wildcard")
try:
    _
except NameError as e:
    print("NameError:", e)
match 43:
    case captured:
        pass
print("captured", captured)

# Group patterns and nested or-patterns bind the same names.
def classify(p):
    match p:
        case ((0 | 1) as bit):
            return f"bit {bit}"
        case (int(x)) if x < 0:
            return f"negative {x}"
        case ([a, b] | (a, b, _)):
            return f"pair-ish {a} {b}"
        case _:
            return "?"


for p in [0, 1, -5, [1, 2], (3, 4, 5), (6, 7), "no"]:
    print(p, classify(p))

# Guards: evaluated after binding, in order, with side effects visible.
log = []


def check(tag, result):
    log.append(tag)
    return result


for subject in [1, 2, 3]:
    match subject:
        case x if check(("first", x), x == 3):
            print("first case", x)
        case y if check(("second", y), y == 2):
            print("second case", y)
        case z:
            print("fallback", z)
print(log)

# Names bound before a failing guard stay bound.
match (1, 2):
    case (a1, b1) if a1 > b1:
        print("no")
    case _:
        print("guard failed, a1 =", a1, "b1 =", b1)

# Value patterns compare with ==, so a custom __eq__ is called.
class Weird:
    def __eq__(self, other):
        print("Weird.__eq__ called with", other)
        return other == "magic"


class NS:
    w = Weird()


for s in ["magic", "plain"]:
    match s:
        case NS.w:
            print(s, "matched Weird")
        case _:
            print(s, "did not match")

# Equality between numbers of different types.
for v in [1, 1.0, True, 2]:
    match v:
        case 1:
            print(repr(v), "== 1")
        case _:
            print(repr(v), "!= 1")

# Match on the result of an expression; subject evaluated once.
calls = 0


def subject():
    global calls
    calls += 1
    return calls * 10


match subject():
    case 5:
        print("five")
    case 10:
        print("ten")
    case 10:
        print("ten again")
print("calls", calls)

# A match without a matching case does nothing.
match "unmatched":
    case "x":
        print("x")
print("after unmatched")
