# open(): argument checks and their messages.
cases = [
    ("x", "rw"), ("x", "rr"), ("x", "q"), ("x", "rbt"), ("x", "b"), ("x", ""), ("x", "U"),
    ("x", "rx"), ("x", "+"),
]
for name, mode in cases:
    try:
        open(name, mode)
    except (ValueError, TypeError) as e:
        print(repr(mode), type(e).__name__, e)
for kw in [dict(encoding="utf-8"), dict(errors="strict"), dict(newline="")]:
    try:
        open("x", "rb", **kw)
    except ValueError as e:
        print(kw, "ValueError", e)
for bad in [dict(mode=1), dict(encoding=1), dict(newline=5)]:
    try:
        open("x", **bad)
    except TypeError as e:
        print(bad, "TypeError", e)
try:
    open("x", "w", buffering=0)
except ValueError as e:
    print("ValueError", e)
try:
    open("x", "w", newline="\t")
except ValueError as e:
    print("ValueError", e)
try:
    open([])
except TypeError as e:
    print("TypeError", e)
