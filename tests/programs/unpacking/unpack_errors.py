cases = [
    lambda: [a for a, b in [(1, 2, 3)]],
    lambda: [a for a, b in [(1,)]],
    lambda: [a for a, *b, c in [(1,)]],
    lambda: [a for a, b in [1]],
    lambda: [a for a, b in ["ab", "cde"]],
    lambda: [a for (a, b), c in [((1, 2, 3), 4)]],
    lambda: [a for a, b in [{}]],
]
for c in cases:
    try:
        print(c())
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
