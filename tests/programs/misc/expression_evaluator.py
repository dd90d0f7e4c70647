def evaluate(expr):
    tokens = expr.replace("(", " ( ").replace(")", " ) ").split()
    pos = 0
    def peek():
        return tokens[pos] if pos < len(tokens) else None
    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]
    def atom():
        t = take()
        if t == "(":
            v = expr_()
            take()
            return v
        if t == "-":
            return -atom()
        return int(t)
    def term():
        v = atom()
        while peek() in ("*", "/"):
            op = take()
            r = atom()
            v = v * r if op == "*" else v // r
        return v
    def expr_():
        v = term()
        while peek() in ("+", "-"):
            op = take()
            r = term()
            v = v + r if op == "+" else v - r
        return v
    return expr_()
for e in ["1 + 2 * 3", "( 1 + 2 ) * 3", "10 / 3 - - 2", "2 * ( 3 + 4 ) * 5 - 6", "7"]:
    print(e, "=", evaluate(e))
try:
    evaluate("1 / 0")
except ZeroDivisionError as err:
    print("ZeroDivisionError:", err)
