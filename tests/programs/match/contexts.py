# match inside loops, generators, comprehension bodies, closures, methods,
# try/finally and with a return or break in a case.

def tokens(text):
    for word in text.split():
        match list(word):
            case ["#", *rest]:
                yield ("comment", "".join(rest))
            case [d] if d.isdigit():
                yield ("digit", int(d))
            case [*chars] if all(c.isdigit() for c in chars):
                yield ("number", int(word))
            case _:
                yield ("word", word)


print(list(tokens("add 1 23 #note x")))


# A tiny evaluator over nested tuples.
def evaluate(expr, env):
    match expr:
        case int() | float():
            return expr
        case str(name):
            return env[name]
        case ("+", left, right):
            return evaluate(left, env) + evaluate(right, env)
        case ("*", left, right):
            return evaluate(left, env) * evaluate(right, env)
        case ("neg", operand):
            return -evaluate(operand, env)
        case ("let", str(name), value, body):
            return evaluate(body, {**env, name: evaluate(value, env)})
        case ("if", cond, then, *rest):
            if evaluate(cond, env):
                return evaluate(then, env)
            match rest:
                case []:
                    return None
                case [otherwise]:
                    return evaluate(otherwise, env)
        case _:
            raise ValueError(f"bad expression {expr!r}")


prog = ("let", "x", 5, ("+", ("*", "x", "x"), ("neg", ("if", 0, 1, 2))))
print(evaluate(prog, {}))
print(evaluate(("if", 0, 1), {}))
try:
    evaluate(("?",), {})
except ValueError as e:
    print(e)

# In a comprehension (via a helper) and a lambda-called function.
def kind(x):
    match x:
        case [_, _]:
            return "pair"
        case {"k": _}:
            return "keyed"
        case _:
            return "other"


print([kind(x) for x in [(1, 2), {"k": 0}, 3, [4, 5]]])

# Break and continue inside cases.
for i, x in enumerate([1, "skip", 2, "stop", 3]):
    match x:
        case "skip":
            continue
        case "stop":
            print("stopping at", i)
            break
        case n:
            print("value", n)

# Return through a try/finally from inside a case.
def with_finally(x):
    try:
        match x:
            case [a, *_]:
                return a
            case _:
                return None
    finally:
        print("finally for", x)


print(with_finally([9, 8]), with_finally("no"))

# Captures in closures and class bodies.
def make():
    match (1, 2):
        case (a, b):
            pass
    return lambda: a + b


print(make()())


class Body:
    match {"name": "body"}:
        case {"name": name}:
            label = name.upper()


print(Body.label, Body.name)

# Generators with match over sent values.
def machine():
    state = "idle"
    while True:
        cmd = yield state
        match state, cmd:
            case "idle", "start":
                state = "running"
            case "running", "pause":
                state = "paused"
            case ("paused", "start") | ("running", "start"):
                state = "running"
            case _, "stop":
                state = "idle"
            case _:
                pass


m = machine()
print(next(m), [m.send(c) for c in ["start", "pause", "noop", "start", "stop"]])

# Exceptions from a guard propagate out of the match.
try:
    match 1:
        case x if 1 / 0:
            pass
except ZeroDivisionError as e:
    print("guard raised", e)

# Deep nesting mixing every kind.
data = {"users": [{"name": "ann", "roles": ("admin", "dev")}, {"name": "bob", "roles": ()}]}
match data:
    case {"users": [{"name": str(first), "roles": ("admin", *others)}, *more]}:
        print(first, others, len(more))

# Walrus in a subject and match on a tuple of subjects.
items = [3, 4]
match (n := len(items), items):
    case (2, [a, b]):
        print("two items", a, b, n)
