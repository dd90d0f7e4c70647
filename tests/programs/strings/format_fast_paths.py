# f-strings, format() and str() on the values that have direct paths
# (small ints, floats, exact strs), next to subclasses that must not take them.

ints = [0, 7, -7, 9, 10, -10, 255, -256, 2**47 - 1, -(2**47), 2**62, -(2**63), 10**30]
for i in ints:
    print(str(i), repr(i), f"{i}", f"{i!r}", f"{i!s}", f"{i:>6}", f"{i:08x}", f"{i:,}", f"{i:_b}")
    print(format(i), format(i, ""), format(i, "+d"), format(i, "^12"), "{:,} {:>5} {}".format(i, i % 100, i))

floats = [0.0, -0.0, 1.25, -2.5, 1e16, 1.5e-7, 123456.789, float("inf"), float("-inf"), float("nan")]
for x in floats:
    print(str(x), repr(x), f"{x}", f"{x:10.3f}", f"{x:.2e}", f"{x:g}", f"{x:,.2f}", f"{x:%}", f"{x!r:>12}")
    print(format(x), format(x, ""), format(x, "z.1f"), "{} {:.1f}".format(x, x))

# str formatting with specs, on every storage width
texts = ["", "tag", "é", "ÿx", "Ωmega", "€", "𝄞clef", chr(0xD800) + "lone", "a" + chr(0xDCFF) + "b"]
for t in texts:
    print(ascii(f"{t:^7}"), ascii(f"{t:*<6}"), ascii(f"{t:>4.2}"), ascii(format(t, "")), ascii(f"{t}{t}"))
    print(ascii(f"[{t!r}]"), ascii(f"{t!a}"), ascii("{:^5}|{}".format(t, t)), ascii(f"{t:→^9}"))

# BUILD_STRING joins pieces of different widths
for a in texts:
    for b in ["", "x", "é", "€", "𝄞"]:
        s = f"{a}-{b}-{a}"
        print(ascii(s), len(s), s == a + "-" + b + "-" + a)

# subclasses keep their own __format__ / __str__ / __repr__
class I(int):
    def __format__(self, spec):
        return "I<" + spec + ">"
    def __repr__(self):
        return "I!"
class F(float):
    def __format__(self, spec):
        return "F<" + spec + ">"
class S(str):
    def __format__(self, spec):
        return "S<" + spec + ">"
    def __str__(self):
        return "S-str"
for v in [I(5), F(2.5), S("abc"), True, False]:
    print(f"{v}", f"{v:>4}", f"{v!s}", f"{v!r}", format(v, ""), "{}".format(v), str(v))

# str() of various objects goes through __str__
class P:
    def __str__(self):
        return "P-str"
print(str(P()), str(b"ab"), str([1, "a"]), str(), str(object="x"), str(b"\xc3\xa9", "utf-8"))
class SS(str):
    pass
print(type(str(SS("q"))).__name__, type(SS("q")).__name__, str(SS("q")))

# errors keep CPython's messages
for bad in [lambda: f"{'a':d}", lambda: f"{1:s}", lambda: format(1.5, "x"), lambda: f"{'a':=5}",
            lambda: f"{'a':+}", lambda: format(3, ".2"), lambda: f"{None:>4}", lambda: format("a", "1000000000000000000000")]:
    try:
        bad()
    except (ValueError, TypeError, OverflowError, MemoryError) as e:
        print(type(e).__name__, e)
