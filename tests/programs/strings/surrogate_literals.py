# String literals holding lone surrogates keep them as code points
# (CPython's str is any sequence of code points), in every literal form.

lo = "\ud800"
hi = "\udcff"
print(ascii(lo), len(lo), ord(lo))
print(ascii(hi), len(hi), ord(hi))

# \u, \U and a mix with ordinary text
print(ascii("\U0000dc80"), ord("\U0000dc80"))
mixed = "a\ud83d\ude00b"
print(ascii(mixed), len(mixed), [hex(ord(c)) for c in mixed])

# implicit concatenation, including across an f-string
joined = "x" "\udfff" 'y'
print(ascii(joined), len(joined))
n = 7
f = f"n={n}\udc80{n:>3}"
print(ascii(f), len(f))
print(ascii(f"\ud800"), len(f"\ud800"))
print(ascii(f"{chr(0xd801)}"), ascii(f"{n!r}\udfff{n}"))

# raw strings keep the backslash text; bytes have no \u escape
print(ascii(r"\ud800"), len(r"\ud800"))
print(b"\ud800", len(b"\ud800"))

# operations on such strings
s = lo + "x" + hi
print(ascii(s), len(s), s.index("x"), ascii(s[::-1]))
print(ascii(s.upper()), s == "\ud800x\udcff", lo < hi)
print(ascii({lo: 1, hi: 2}), lo in {lo}, hash(lo) == hash("\ud800"))
print(ascii(repr(lo)), ascii(str(lo)))
print(lo.encode("utf-8", "surrogatepass"), hi.encode("utf-16-le", "surrogatepass"))
try:
    lo.encode("utf-8")
except UnicodeEncodeError as e:
    print(type(e).__name__)

# constants in functions, tuples and default arguments
def g(x="\udabc"):
    return x, ("\ud900", 1)
print(ascii(g()), ascii(g.__defaults__))
print(ascii(chr(0xd800) == "\ud800"), ascii("\N{LATIN SMALL LETTER A}\ud800"))
