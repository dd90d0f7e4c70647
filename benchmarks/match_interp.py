"""Pattern matching: a tiny expression simplifier and stack-machine
interpreter driven by match statements (sequence, mapping, class, literal
and or-patterns with guards)."""


class Num:
    __match_args__ = ("value",)

    def __init__(self, value):
        self.value = value


class Add:
    __match_args__ = ("left", "right")

    def __init__(self, left, right):
        self.left = left
        self.right = right


class Mul:
    __match_args__ = ("left", "right")

    def __init__(self, left, right):
        self.left = left
        self.right = right


def simplify(e):
    match e:
        case Add(Num(0), x) | Add(x, Num(0)):
            return simplify(x)
        case Mul(Num(1), x) | Mul(x, Num(1)):
            return simplify(x)
        case Mul(Num(0), _) | Mul(_, Num(0)):
            return Num(0)
        case Add(Num(a), Num(b)):
            return Num(a + b)
        case Mul(Num(a), Num(b)):
            return Num(a * b)
        case Add(l, r):
            return Add(simplify(l), simplify(r))
        case Mul(l, r):
            return Mul(simplify(l), simplify(r))
        case _:
            return e


def evaluate(e):
    match e:
        case Num(v):
            return v
        case Add(l, r):
            return evaluate(l) + evaluate(r)
        case Mul(l, r):
            return evaluate(l) * evaluate(r)


def run(program, arg):
    stack = [arg]
    pc = 0
    steps = 0
    while pc < len(program):
        steps += 1
        match program[pc]:
            case ("push", int(n)):
                stack.append(n)
            case ("add",):
                b, a = stack.pop(), stack.pop()
                stack.append(a + b)
            case ("mul",):
                b, a = stack.pop(), stack.pop()
                stack.append(a * b)
            case ("dup",):
                stack.append(stack[-1])
            case ("jump_if_less", limit, target) if stack[-1] < limit:
                pc = target
                continue
            case ("jump_if_less", _, _):
                pass
            case {"op": "mod", "by": m}:
                stack.append(stack.pop() % m)
            case [op, *_]:
                raise ValueError(op)
        pc += 1
    return stack[-1], steps


def build(depth, seed):
    if depth == 0:
        return Num(seed % 3)
    left = build(depth - 1, seed * 7 + 1)
    right = build(depth - 1, seed * 13 + 5)
    return Add(left, right) if seed % 2 else Mul(left, right)


program = [
    ("push", 1), ("add",), ("dup",), ("push", 3), ("mul",), {"op": "mod", "by": 1000003},
    ("add",), ("jump_if_less", 900000, 0),
]
total = 0
for seed in range(400):
    tree = build(9, seed)
    total += evaluate(simplify(tree)) % 1000
for start in range(200):
    value, steps = run(program, start)
    total += value + steps
print(total)
