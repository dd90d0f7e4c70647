# Over-deep input: CPython's class and message for each kind when compiling to code
cases = ["1+" * 100000 + "1", "1+" * 5000 + "1", "(" * 300 + "1" + ")" * 300, "[" * 300 + "]" * 300,
         "-" * 5000 + "1", "a." * 5000 + "a", "not " * 5000 + "1", "(" * 150 + ")" * 150]
for src in cases:
    try:
        compile(src, "s", "eval")
        print("ok")
    except (RecursionError, SyntaxError, MemoryError) as e:
        print(type(e).__name__, e)
try:
    eval("1+" * 100000 + "1")
except RecursionError as e:
    print("eval:", e)
